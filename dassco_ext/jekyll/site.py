"""Reading a Jekyll site (read only): pages per language, collections, ``_data``,
``_config.yml`` (permalinks, defaults).
"""

from __future__ import annotations

import dataclasses as dc
import datetime
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml
from babel import Locale, UnknownLocaleError

from .guarded import SiteReader, yaml_data

if TYPE_CHECKING:
    from collections.abc import Iterable

_FRONT_MATTER_RE = re.compile(
    r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE
)
#: Jekyll's folders that are not collections.
_NOT_COLLECTIONS = {"_data", "_includes", "_layouts", "_sass", "_site", "_plugins", "_config"}
_NOT_COLLECTIONS |= {"_cache"}
#: Jekyll's named permalink styles.
_PERMALINK_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_DATED_NAME_RE = re.compile(r"^(?P<date>\d{4}-\d{1,2}-\d{1,2})-(?P<slug>.+)$")


@dc.dataclass
class Document:
    """One Markdown file of the site: its front matter, body and where each came from."""

    rel: str  # from the site root, with forward slashes
    data: dict[str, Any]
    lines: dict[str, int]  # front-matter key -> line in the file
    body: str
    body_line: int  # the file's line where the body starts (1-based)
    problem: str | None = None  # why the front matter could not be read

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    @property
    def stem(self) -> str:
        return PurePosixPath(self.rel).stem

    @property
    def raw_slug(self) -> str:
        """A collection document's ``slug``, else its file name without a leading date."""
        raw = self.data.get("slug")
        if not isinstance(raw, str) or not raw.strip():
            match = _DATED_NAME_RE.match(self.stem)
            raw = match["slug"] if match else self.stem
        return raw

    @property
    def date(self) -> datetime.date | None:
        """The front matter's ``date``, else the file name's (``2024-01-31-title.md``)."""
        value = self.data.get("date")
        if isinstance(value, datetime.date):
            return value
        match = _DATED_NAME_RE.match(self.stem)
        try:
            return datetime.date(*map(int, match["date"].split("-"))) if match else None
        except ValueError:
            return None

    @property
    def slug(self) -> str:
        """Jekyll's ``:slug`` (lower case): the new site's name of the document."""
        return slugify(self.raw_slug)

    @property
    def title_slug(self) -> str:
        """Jekyll's ``:title``: slugified as ``pretty`` does, its case kept."""
        return re.sub(r"[^\w._~!$&'()+,;=@]+", "-", self.raw_slug).strip("-") or "page"


@dc.dataclass
class JekyllSite:
    reader: SiteReader
    config: dict[str, Any]
    pages: dict[str, list[Document]]  # language -> pages of en/, da/ ...
    collections: dict[str, list[Document]]  # news/team/partners/... -> documents
    data: dict[str, Any]  # _data/ as a nested mapping (folders and files are keys)
    other_files: list[str]  # Markdown and HTML files without front matter (not pages)
    problems: list[tuple[str, str]]  # (file, why) of _config.yml and _data files not read

    @property
    def languages(self) -> list[str]:
        """The languages with pages: the default first (``lang`` of ``_config.yml`` or its
        defaults, else English), then in the order of ``languages``, else alphabetical."""
        found = sorted(self.pages)
        listed = self.config.get("languages")
        order = [x for x in listed if x in found] if isinstance(listed, list) else []
        ordered = [*order, *[lang for lang in found if lang not in order]]
        wanted = [self.config.get("lang"), self.defaults("").get("lang"), "en"]
        default = next((x for x in wanted if isinstance(x, str) and x in found), None)
        return ([default] if default else []) + [x for x in ordered if x != default]

    def document_permalink(self, name: str, doc: Document) -> str | None:
        """The permalink pattern of a collection's document as Jekyll picks it: its own,
        else the defaults', else the collection's, else (posts) the site's style."""
        for value in (
            doc.data.get("permalink"),
            self.defaults(doc.rel, name).get("permalink"),
            self.collection_permalink(name),
            (self.config.get("permalink") or "date") if name == "posts" else None,
        ):
            if isinstance(value, str) and value.strip():
                return _PERMALINK_STYLES.get(value.strip(), value.strip())
        return None

    def collection_permalink(self, name: str) -> str | None:
        spec = self.config["collections"].get(name)
        if isinstance(spec, dict) and isinstance(spec.get("permalink"), str):
            return spec["permalink"]
        return None

    def defaults(self, rel: str, kind: str = "pages") -> dict[str, Any]:
        """``_config.yml``'s front matter ``defaults`` for the file ``rel`` of ``kind`` (``pages``,
        ``posts`` or a collection), the most specific path winning."""
        found = []
        entries = self.config.get("defaults")
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
                continue
            scope: dict[str, Any] = entry["scope"] if isinstance(entry.get("scope"), dict) else {}
            path = str(scope.get("path") or "").strip("/")
            wanted = scope.get("type")
            if wanted is not None and str(wanted) != kind:
                continue
            if path and not (rel == path or rel.startswith(path + "/")):
                continue
            found.append((len(path), index, entry["values"]))
        out: dict[str, Any] = {}
        for _, _, values in sorted(found, key=lambda x: (x[0], x[1])):
            out |= values
        return out

    def menu(self, lang: str | None = None) -> list[tuple[str, str]]:
        """``_data/navigation.yml`` (``lang``: ``_data/<lang>/navigation.yml``) as
        ``(label, url)`` in order, nested entries too."""
        return [(e.label, e.url) for e in flat_menu(self.navigation(lang)) if e.url]

    def navigation(self, lang: str | None = None) -> list[MenuEntry]:
        """``_data/navigation.yml`` (``lang``: ``_data/<lang>/navigation.yml``) as the
        theme's navbar reads it (:func:`menu_tree`)."""
        data = self.data.get(lang) if lang else self.data
        return menu_tree(data.get("navigation") if isinstance(data, dict) else None)

    def data_value(self, dotted: str) -> Any:
        """``images.hero.src`` from ``_data/`` (``None`` when anything is missing)."""
        current: Any = self.data
        for part in dotted.split("."):
            if not isinstance(current, dict) or part not in current:
                return None
            current = current[part]
        return current


def slugify(text: str) -> str:
    """Jekyll's default slugify: lower case, runs of other characters become one ``-``."""
    return re.sub(r"[^\w]+|_+", "-", text.lower()).strip("-") or "page"


def _is_language(name: str) -> bool:
    """``en``, ``da``, ``pt_BR`` are page folders of one language; ``js`` or ``img`` are not."""
    if not re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?", name):
        return False
    try:
        Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _key_lines(root: yaml.Node | None, first_line: int) -> dict[str, int]:
    """The line of each top-level key of a YAML mapping."""
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {
        str(key.value): first_line + key.start_mark.line
        for key, _ in root.value
        if isinstance(key, yaml.ScalarNode)
    }


def read_document(reader: SiteReader, rel: str) -> Document:
    return parse_document(rel, reader.read_text(rel) or "")


def parse_document(rel: str, text: str) -> Document:
    """A page, document or layout: its front matter (``{}`` and why, if it cannot be read)
    and the text after it."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return Document(rel, {}, {}, text, 1)
    yaml_text = match[1]
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1
    data, root, problem = yaml_data(yaml_text) if yaml_text.strip() else ({}, None, None)
    if problem:
        data, problem = {}, f"front matter {problem}"
    if not isinstance(data, dict):
        data, problem = {}, problem or "front matter is not a mapping"
    return Document(rel, data, _key_lines(root, 2), body, body_line, problem)


def _read_yaml(reader: SiteReader, rel: str, problems: list[tuple[str, str]]) -> Any:
    text = reader.read_text(rel)
    if text is None:
        return None
    data, _, problem = yaml_data(text)
    if problem:
        problems.append((rel, problem + ": not read"))
    return data


def _read_data(reader: SiteReader, problems: list[tuple[str, str]]) -> dict[str, Any]:
    """``_data/`` as a nested mapping: folders and files (by stem) are keys."""
    data: dict[str, Any] = {}
    for rel in reader.files("_data"):
        path = PurePosixPath(rel)
        if path.suffix.lower() not in (".yml", ".yaml", ".json"):
            continue
        current = data
        for part in path.parent.parts[1:]:
            if not isinstance(current.get(part), dict):
                current[part] = {}
            current = current[part]
        current[path.stem] = _read_yaml(reader, rel, problems)
    return data


def _collections(value: Any) -> dict[str, dict[str, Any]]:
    """``_config.yml``'s ``collections``: names with their settings, or a list of names."""
    if isinstance(value, dict):
        return {str(name): spec if isinstance(spec, dict) else {} for name, spec in value.items()}
    if isinstance(value, list):
        return {str(name): {} for name in value if isinstance(name, str | int)}
    return {}


def read_site(root: Path) -> JekyllSite:
    reader = SiteReader(root)
    problems: list[tuple[str, str]] = []
    config = _read_yaml(reader, "_config.yml", problems) if reader.is_file("_config.yml") else {}
    if not isinstance(config, dict):
        if config is not None:
            problems.append(("_config.yml", "not a mapping: not read"))
        config = {}
    config["collections"] = _collections(config.get("collections"))
    top = reader.entries()
    pages: dict[str, list[Document]] = {}
    for name, is_dir in top:
        if is_dir and _is_language(name):
            found = [read_document(reader, rel) for rel in reader.files(name) if _is_markdown(rel)]
            if found:
                pages[name] = found
    site = JekyllSite(reader, config, pages, {}, {}, [], problems)
    site.other_files = _other_pages(site, top)
    names = set(config["collections"])
    names |= {
        name[1:]
        for name, is_dir in top
        if is_dir and name.startswith("_") and name not in _NOT_COLLECTIONS
    }
    collections = {
        name: [read_document(reader, rel) for rel in reader.files(f"_{name}") if _is_markdown(rel)]
        for name in sorted(names)
    }
    site.collections, site.data = collections, _read_data(reader, problems)
    return site


def _other_pages(site: JekyllSite, top: list[tuple[str, bool]]) -> list[str]:
    """Pages outside the language folders added to ``site.pages`` (a Markdown or HTML file
    with front matter, in the language it or ``_config.yml`` gives, else English); returns
    the files without front matter (Jekyll copies them as they are)."""
    excluded = site.config.get("exclude")
    skipped = {str(x).strip("/") for x in excluded} if isinstance(excluded, list) else set()
    skipped |= {"node_modules", "vendor"}
    files = []
    for name, is_dir in top:
        if name.startswith(("_", ".")) or name in skipped or (is_dir and _is_language(name)):
            continue
        files += site.reader.files(name) if is_dir else [name]
    static = []
    for rel in files:
        if PurePosixPath(rel).suffix.lower() not in (".md", ".markdown", ".html") or any(
            part.startswith(("_", ".")) or part in skipped for part in rel.split("/")
        ):
            continue
        if not (site.reader.read_text(rel) or "").startswith("---"):
            static.append(rel)
            continue
        doc = read_document(site.reader, rel)
        given = (doc.data.get("lang"), site.defaults(rel).get("lang"), site.config.get("lang"))
        lang = next((x for x in given if isinstance(x, str) and _is_language(x)), "en")
        site.pages.setdefault(lang, []).append(doc)
    return static


def _is_markdown(rel: str) -> bool:
    return PurePosixPath(rel).suffix.lower() in (".md", ".markdown")


_MENU_LABEL_KEYS = ("title", "name", "text", "label")
_MENU_URL_KEYS = ("url", "link", "href")
_MENU_CHILD_KEYS = ("children", "subnav", "items", "dropdown", "menu")


@dc.dataclass(frozen=True)
class MenuEntry:
    """An entry of a site's navigation: a link, or a heading over its ``children``."""

    label: str
    url: str | None
    children: tuple[MenuEntry, ...] = ()


def menu_tree(value: Any) -> list[MenuEntry]:
    """A menu of ``_data``'s navigation in order; an entry without a label or anything to
    lead to is left out (its children are not)."""
    items: list[MenuEntry] = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict):
            continue
        label = next((item[k] for k in _MENU_LABEL_KEYS if isinstance(item.get(k), str)), None)
        url = next((item[k] for k in _MENU_URL_KEYS if isinstance(item.get(k), str)), None)
        children = tuple(e for key in _MENU_CHILD_KEYS for e in menu_tree(item.get(key)))
        url = url.strip() if url and url.strip() else None
        if label and (url or children):
            # one line, not ending in "<...>" (the toctree would read that as the target)
            label = " ".join(label.split()).rstrip(">").strip() or url or ""
        if label and (url or children):
            items.append(MenuEntry(label, url, children))
        else:
            items += children
    return items


def flat_menu(entries: Iterable[MenuEntry]) -> list[MenuEntry]:
    """Every entry of a menu, each before its children."""
    return [x for e in entries for x in (e, *flat_menu(e.children))]
