project = "DaSSCo"
version = release = "1"
extensions = ["dassco_ext"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
html_copy_source = False
language = "en"
locale_dirs = ["locale"]
gettext_compact = False
dassco_languages = ["en", "da"]
html_baseurl = "https://example.org/"
dassco_briefs = ["bdgpara", "swapped", "linkimage"]
