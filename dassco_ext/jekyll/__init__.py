"""Moving a Jekyll site (DaSSCo's layout) to a dassco-ext Sphinx site: ``dassco jekyll SITE
DEST`` (:mod:`.command`) reads ``SITE`` only through :mod:`.guarded`'s reader and writes
``DEST/docs``, ``DEST/locale`` and ``DEST/import-report.md`` through its writer, all at the
end or nothing; into an earlier import it merges, keeping a translator's and a user's work.
"""
