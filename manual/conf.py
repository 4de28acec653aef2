"""Sphinx configuration of dassco-ext's manual, built with the package itself (make manual)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "dassco-ext"
author = "DaSSCo"
copyright = "DaSSCo"
html_title = "dassco-ext manual"

extensions = ["dassco_ext", "reference_tables"]

root_doc = "index"
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
language = "en"

html_theme = "pydata_sphinx_theme"
html_theme_options = {
    "navbar_align": "left",
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": [],
}
html_sidebars = {"**": []}  # the pages are few: the navbar leads to each
html_show_sourcelink = False
html_copy_source = False

# the reference tables (manual/_ext/reference_tables.py): where the code declares them
manual_settings = "dassco_ext.config:DasscoConfig"
manual_warnings = "dassco_ext.warnings_:DasscoWarnings"
manual_front_matter_schema = "dassco_ext.page.frontmatter:FrontMatter"
