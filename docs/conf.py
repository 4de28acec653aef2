"""Sphinx configuration of the DaSSCo site (English source, translations in ../locale)."""

project = "DaSSCo"
author = "DaSSCo"
copyright = "DaSSCo"  # noqa: A001 - Sphinx's name for it
html_title = "DaSSCo"

extensions = ["dassco_ext"]

root_doc = "index"
exclude_patterns = ["_build", "README.md"]
source_suffix = {".md": "markdown"}

# Translations: one catalog per page, edited by translators in ../locale/<lang>/LC_MESSAGES.
language = "en"
locale_dirs = ["../locale"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
# The site's languages, the default first; each is built into _build/html/<lang>/.
dassco_languages = ["en", "da"]
dassco_language_names = {"en": "English", "da": "Dansk"}

html_theme = "pydata_sphinx_theme"
html_theme_options = {
    "navbar_align": "left",
    "show_prev_next": False,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": [],
}
html_sidebars = {"**": []}
html_show_sourcelink = False
html_copy_source = False

# dassco-ext
dassco_site_name = "DaSSCo"
dassco_hero_height = "50vh"
# Alt text for hero images whose pages do not set imageAlt (the About page is DaSSCo's own).
dassco_image_alts = {
    "assets/images/placeholders/Biller banner (2).jpg": (
        "Drawing of herbarium sheets with pressed plants, pinned insects and shells."
    ),
}

# PDF briefs (make pdf): which pages are printed, and where the site is online (printed
# links and the QR code on each brief's cover point there).
html_baseurl = "https://www.dassco.dk/"
dassco_briefs = ["about"]

# Site templates: pydata-sphinx-theme components fixed for accessibility (see each file).
templates_path = ["_templates"]
