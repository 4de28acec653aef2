project = "Mixed"
version = release = "1"
extensions = ["dassco_ext", "sphinx_design", "sphinx.ext.todo"]
exclude_patterns = ["_build"]
copyright = "DaSSCo"
todo_include_todos = True
