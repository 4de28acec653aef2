project = "DaSSCo"
version = release = "1"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]
html_copy_source = False
