"""``make bench``: build-speed figures of dassco-ext against the plain Sphinx stack (issue 7).

- :mod:`.sitegen` writes the synthetic site (N About-shaped pages, a home page, Danish catalogs)
- :mod:`.harness` runs whole processes and measures wall time and peak memory; table and JSON
- :mod:`.run` the figures and the command line (``python -m benchmarks.run``)
"""
