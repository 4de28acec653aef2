project = "DaSSCo"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]
dassco_briefs = ["about", "small", "broken", "missing", "no-such-page"]
