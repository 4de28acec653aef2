project = "Latin-1 include"
extensions = ["dassco_ext"]
exclude_patterns = ["_build", "parts"]
