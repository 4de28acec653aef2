"""The menus: ``_data/navigation.yml`` (the source language) and ``_data/<lang>/navigation.yml``.

The source menu, in order, becomes the home page's hidden toctrees (pydata-sphinx-theme's
navbar): its links in toctrees of their own, each nested entry a toctree whose caption is
its dropdown's label (``dassco_header_dropdowns``). Each label's translations are the other
menus' labels for the same page (else the label at the same place, when the menus have as
many entries); a dropdown's, the label of the dropdown holding the same pages.
"""

from __future__ import annotations

import re

from .importer import MenuItem, State
from .site import MenuEntry, flat_menu
from .urls import normalized

MENU_FILE = "_data/navigation.yml"


def read_menus(state: State) -> None:
    """The source-language menu in order (its targets resolved to new pages, nested entries
    as dropdowns), each label's translations from the other languages' menus; what is not
    carried is reported."""
    source = state.site.navigation()
    other = {lang: state.site.navigation(lang) for lang in state.languages[1:]}
    source_links = [e for e in flat_menu(source) if e.url]
    other_links = {lang: [e for e in flat_menu(m) if e.url] for lang, m in other.items()}
    carried: set[str] = set()

    def link(entry: MenuEntry) -> MenuItem | None:
        assert entry.url is not None
        label = entry.label
        target = _menu_target(state, entry.url, None)
        why = (
            "not a page of the new site"
            if target is None
            else "the home page (the site's title leads there)"
            if target == "index"
            else "already in the menu"
            if target in carried
            else None
        )
        if why or target is None:
            state.report.finding(
                MENU_FILE, 1, "menu", f"{label} -> {entry.url}", f"{why}: left out of the menu"
            )
            return None
        carried.add(target)
        index = source_links.index(entry)
        translations = {}
        for lang, links in other_links.items():
            same = [e.label for e in links if _menu_target(state, e.url or "", lang) == target]
            if same:
                translations[lang] = same[0]
            elif len(links) == len(source_links):
                translations[lang] = links[index].label
        return MenuItem(label, target, _differing(translations, label))

    for position, entry in enumerate(source):
        if not entry.children:
            if (item := link(entry)) is not None:
                state.menu.append(item)
            continue
        group = MenuItem(entry.label, None, {})
        if entry.url and (own := link(entry)) is not None:
            group.items.append(own)  # a dropdown's own link: its first entry
        for child in flat_menu(entry.children):
            if child.url is None:  # a heading inside a dropdown: its entries are listed
                continue
            if child not in entry.children:
                state.report.finding(
                    MENU_FILE, 1, "menu", f"{child.label} -> {child.url}",
                    "nested below a dropdown: listed in the dropdown",
                )  # fmt: skip
            if (item := link(child)) is not None:
                group.items.append(item)
        if not group.items:
            state.report.finding(
                MENU_FILE, 1, "menu", entry.label, "a dropdown with no page: left out of the menu"
            )
            continue
        targets = {item.target for item in group.items}
        for lang, menu in other.items():
            same = [
                e.label
                for e in menu
                if targets & {_menu_target(state, c.url or "", lang) for c in flat_menu(e.children)}
            ]
            if same or len(menu) == len(source):
                group.translations[lang] = same[0] if same else menu[position].label
        group.translations = _differing(group.translations, group.label)
        state.menu.append(group)
    for lang, links in other_links.items():
        for entry in links:
            target = _menu_target(state, entry.url or "", lang)
            if target not in carried and target != "index":
                state.report.finding(
                    f"_data/{lang}/navigation.yml", 1, "menu", f"{entry.label} -> {entry.url}",
                    "no entry of the source menu leads there: left out of the menu",
                )  # fmt: skip


def _differing(translations: dict[str, str], label: str) -> dict[str, str]:
    """The translations that differ from the label: Sphinx leaves a toctree's entries
    untranslated when one of its messages is translated as itself."""
    return {lang: text for lang, text in translations.items() if text != label}


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
