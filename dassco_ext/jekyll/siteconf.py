"""``DEST/docs/conf.py`` of an imported site, from ``_config.yml``."""

from __future__ import annotations

import re

from .importer import State, layout_renderer
from .look import write_look

CONF = '''"""Sphinx configuration of the site (written by the Jekyll importer: edit freely)."""

project = {project!r}
author = {project!r}
copyright = {project!r}  # noqa: A001 - Sphinx's name for it
html_title = {project!r}

extensions = ["dassco_ext"]

root_doc = "index"
exclude_patterns = ["_build", "README.md"]
source_suffix = {{".md": "markdown"}}

# Translations: one catalog per page, in ../locale/<lang>/LC_MESSAGES.
language = {source!r}
locale_dirs = ["../locale"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
dassco_languages = {languages!r}

html_theme = "pydata_sphinx_theme"
html_theme_options = {{"navbar_align": "left", "show_prev_next": False}}
html_sidebars = {{"**": []}}
html_show_sourcelink = False
html_copy_source = False
html_baseurl = {baseurl!r}
dassco_site_name = {project!r}
dassco_header_dropdowns = True  # the menu's captioned toctrees in index.md
'''


def write_conf(state: State) -> None:
    url = str(state.site.config.get("url") or "").strip()
    baseurl = str(state.site.config.get("baseurl") or "").strip().strip("/")
    if url and not re.match(r"https?://[^\s\"'<>]+$", url):
        state.report.notes.append(
            f"_config.yml url {url!r} is not an http(s) URL: html_baseurl left empty"
        )
        url = ""
    full = (url.rstrip("/") + ("/" + baseurl if baseurl else "") + "/") if url else ""
    project = str(state.site.config.get("title") or "Site")
    state.writer.write_text(
        "docs/conf.py",
        CONF.format(project=project, source=state.source, languages=state.languages, baseurl=full)
        + write_look(state, layout_renderer(state))
        + _search_redirects(state),
    )


def _search_redirects(state: State) -> str:
    """sphinx-reredirects' entries sending the old search pages to the same search on
    gbif.org: from each language's folder of the output, where the old URL was."""
    if not state.searches:
        return ""
    return (
        "\n# The old site's search pages: the same search on gbif.org.\n"
        "import posixpath  # noqa: E402\n\n"
        f"_searches = {dict(sorted(state.searches.items()))!r}\n"
        "redirects = {\n"
        '    posixpath.relpath(path, language) + "/index": url for path, url in _searches.items()\n'
        "}\n"
    )
