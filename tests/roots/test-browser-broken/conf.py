"""A site with pages broken on purpose, to show that each browser check can fail."""

project = "Broken on purpose"
extensions = ["dassco_ext"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
html_static_path = ["_static"]
html_css_files = ["broken.css"]
dassco_image_alts = {"assets/hero.jpg": "Drawing of herbarium sheets, pinned insects and shells."}
