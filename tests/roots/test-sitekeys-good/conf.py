project = "Good"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]
dassco_languages = ["en", "da"]
html_baseurl = "https://example.org/"
