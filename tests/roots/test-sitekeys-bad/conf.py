project = "Bad"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]
dassco_languages = ["en", "da"]
