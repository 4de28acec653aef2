project = "DaSSCo"
extensions = ["dassco_ext"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
dassco_image_alts = {"assets/images/placeholders/Biller banner (2).jpg": "Herbarium sheets"}
