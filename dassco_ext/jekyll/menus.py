"""The menus: ``_data/navigation.yml`` (the source language) and ``_data/<lang>/navigation.yml``.

The source menu, in order, becomes the home page's hidden toctree (pydata-sphinx-theme's
navbar); each label's translations are the other menus' labels for the same page (else the
label at the same place, when the menus have as many items).
"""

from __future__ import annotations

import re

from .importer import State
from .urls import normalized


def read_menus(state: State) -> None:
    """The source-language menu in order (its targets resolved to new pages), each label's
    translations from the other languages' menus (same target, else same position)."""
    source_items = state.site.menu()
    other = {lang: state.site.menu(lang) for lang in state.languages[1:]}
    for index, (label, url) in enumerate(source_items):
        target = _menu_target(state, url, None)
        why = (
            "not a page of the new site"
            if target is None
            else "the home page (the site's title leads there)"
            if target == "index"
            else "already in the menu"
            if target in {t for _, t, _ in state.menu}
            else None
        )
        if why:
            state.report.finding(
                "_data/navigation.yml",
                1,
                "menu",
                f"{label} -> {url}",
                why + ": left out of the menu",
            )
            continue
        assert target is not None  # a missing target was left out above
        translations = {}
        for lang, items in other.items():
            same = [t for t, u in items if _menu_target(state, u, lang) == target]
            if same:
                translations[lang] = same[0]
            elif len(items) == len(source_items):
                translations[lang] = items[index][0]
        state.menu.append((label, target, translations))


def _menu_target(state: State, url: str, lang: str | None) -> str | None:
    if re.match(r"https?://", url, re.IGNORECASE):
        return url if re.fullmatch(r"https?://[^\s<>\"'`]+", url, re.IGNORECASE) else None
    key = normalized(url)
    if key is None:
        return None
    table = {**state.twin_links.get(lang, {}), **state.links} if lang else state.links
    found = table.get(key)
    if found and found.startswith("https://"):
        return found  # a search now on another site
    if found and found in ("/", *[f"/{d}" for d in state.pages]):
        return "index" if found == "/" else found[1:]
    return None
