# A German site whose templates say words that have no German translation, in every place a
# template can put one: text, attributes, <title>, <script>, <style>, <textarea>, <option>, SVG.
project = "DaSSCo"
extensions = ["dassco_ext"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
language = "de"
locale_dirs = ["locale"]
templates_path = ["_templates"]
dassco_languages = ["en", "de"]
version = "1.0"
copyright = "DaSSCo"
