project = "DaSSCo"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]
html_baseurl = "https://www.dassco.test/site"
dassco_briefs = ["kind:news", "guide-*"]
