project = "DaSSCo"
version = release = "1"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]
html_copy_source = False
language = "en"
locale_dirs = ["locale"]
gettext_compact = False
