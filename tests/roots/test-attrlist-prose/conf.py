project = "Braces in prose"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]
