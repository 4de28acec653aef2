# A site adding German (README, "Translating": adding a language), before any German
# translation exists: it must build, mark its German pages as English, and claim no German.
project = "DaSSCo"
extensions = ["dassco_ext"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
language = "en"
locale_dirs = ["locale"]
gettext_compact = False
dassco_languages = ["en", "da", "de"]
dassco_language_names = {"en": "English", "da": "Dansk", "de": "Deutsch"}
