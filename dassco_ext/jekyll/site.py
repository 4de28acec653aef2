"""Reading a Jekyll site (read only: nothing here writes anything).

DaSSCo's layout: ``en/*.md`` and ``da/*.md`` page twins paired by ``lang-ref``; collections
``_news``, ``_team``, ``_partners``; ``_data/`` (menus, the layouts' texts per language,
other data Liquid values name); ``_config.yml`` (``url``, ``collections`` with their
``permalink`` patterns); ``assets/``.
"""

from __future__ import annotations

import dataclasses as dc
import re
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE)
#: Jekyll's folders that are not collections.
_NOT_COLLECTIONS = {"_data", "_includes", "_layouts", "_sass", "_site", "_plugins", "_config", "_cache"}
_DATED_NAME_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-(?P<slug>.+)$")


@dc.dataclass
class Document:
    """One Markdown file of the site: its front matter, body and where each came from."""

    path: Path  # absolute
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
        return self.path.stem

    @property
    def slug(self) -> str:
        """Jekyll's ``:title`` of a collection document: its ``slug``, else its file name
        without a leading date."""
        raw = self.data.get("slug")
        if not isinstance(raw, str) or not raw.strip():
            match = _DATED_NAME_RE.match(self.stem)
            raw = match["slug"] if match else self.stem
        return slugify(raw)


@dc.dataclass
class JekyllSite:
    root: Path
    config: dict[str, Any]
    pages: dict[str, list[Document]]  # language -> pages of en/, da/ ...
    collections: dict[str, list[Document]]  # news/team/partners/... -> documents
    data: dict[str, Any]  # _data/ as a nested mapping (folders and files are keys)
    other_files: list[str]  # top-level pages the importer does not read

    @property
    def languages(self) -> list[str]:
        """The languages with a page folder: English (the source) first, then in the order
        of ``_config.yml``'s ``languages`` if it has one, else alphabetical."""
        found = sorted(self.pages)
        listed = self.config.get("languages")
        order = [x for x in listed if x in found] if isinstance(listed, list) else []
        rest = [lang for lang in found if lang not in order]
        ordered = [*order, *rest]
        return (["en"] if "en" in found else []) + [lang for lang in ordered if lang != "en"]

    def collection_permalink(self, name: str) -> str | None:
        spec = (self.config.get("collections") or {}).get(name)
        if isinstance(spec, dict) and isinstance(spec.get("permalink"), str):
            return spec["permalink"]
        return None

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


def _key_lines(text: str) -> dict[str, int]:
    """The line (within ``text``) of each top-level key of a YAML mapping."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def read_document(path: Path, root: Path) -> Document:
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return Document(path, rel, {}, {}, text, 1)
    yaml_text = match[1]
    body = text[match.end():]
    body_line = text[: match.end()].count("\n") + 1
    problem = None
    try:
        data = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        data, problem = {}, f"front matter is not YAML ({str(exc).splitlines()[0]})"
    if not isinstance(data, dict):
        data, problem = {}, problem or "front matter is not a mapping"
    lines = {key: line + 2 for key, line in _key_lines(yaml_text).items()}
    return Document(path, rel, data, lines, body, body_line, problem)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig", errors="replace"))
    except yaml.YAMLError:
        return None


def _read_data(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if not folder.is_dir():
        return data
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            data[entry.name] = _read_data(entry)
        elif entry.suffix.lower() in (".yml", ".yaml", ".json"):
            data[entry.stem] = _read_yaml(entry)
    return data


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".md", ".markdown") and p.is_file())


def read_site(root: Path) -> JekyllSite:
    root = Path(root).resolve()
    config = _read_yaml(root / "_config.yml") if (root / "_config.yml").exists() else {}
    if not isinstance(config, dict):
        config = {}
    pages: dict[str, list[Document]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if _is_language(folder.name):
            found = [read_document(p, root) for p in _markdown_files(folder)]
            if found:
                pages[folder.name] = found
    collections: dict[str, list[Document]] = {}
    names = set((config.get("collections") or {}) if isinstance(config.get("collections"), dict) else ())
    names |= {p.name[1:] for p in root.iterdir() if p.is_dir() and p.name.startswith("_") and p.name not in _NOT_COLLECTIONS}
    for name in sorted(names):
        collections[name] = [read_document(p, root) for p in _markdown_files(root / f"_{name}")]
    other = sorted(
        p.name for p in root.iterdir()
        if p.is_file() and p.suffix.lower() in (".md", ".markdown", ".html")
    )
    return JekyllSite(root, config, pages, collections, _read_data(root / "_data"), other)
