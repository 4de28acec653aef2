project = "DaSSCo"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["substitution"]
myst_substitutions = {"org": "the site"}
