project = "DaSSCo"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]
html_baseurl = "https://www.dassco.test/site"
locale_dirs = ["locale"]
gettext_compact = False
dassco_briefs = ["about", "skipped"]
