"""The GBIF hosted-portal theme's search pages as the same search on gbif.org: the scope of
``_includes/js/config.js``'s ``siteConfig`` read as data (string and array literals only,
never run) becomes the search's query parameters.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from .guarded import SiteReader

GBIF = "https://www.gbif.org/"
#: The theme's search layouts: gbif.org's page for them, and the name of their configuration.
SEARCHES = {
    "occurrence": ("occurrence/search", "occurrenceSearch"),
    "dataset": ("dataset/search", "datasetSearch"),
    "publisher": ("publisher/search", "publisherSearch"),
    "collection": ("grscicoll/collection/search", "collectionSearch"),
    "institution": ("grscicoll/institution/search", "institutionSearch"),
    "literature": ("resource/search?contentType=literature", "literatureSearch"),
}
#: Scopes gbif.org's search takes as parameters (other searches keep gbif.org's own scope).
_SCOPED = {"occurrenceSearch", "datasetSearch"}
CONFIG = "_includes/js/config.js"

_COMMENT_RE = re.compile(r"/\*.*?\*/|(?<![:\"'\w])//[^\n]*", re.DOTALL)
_ARRAY_RE = re.compile(r"\b(?:var|let|const)\s+(\w+)\s*=\s*\[([^\]]*)\]")
_STRING_RE = re.compile(r"['\"]([\w.-]{1,100})['\"]")
_VALUE = r"(\[[^\]]*\]|\w+|['\"][\w.-]{1,100}['\"])"
_ENTRY_RE = re.compile(r"['\"]?(\w+)['\"]?\s*:\s*" + _VALUE)


def _values(raw: str, arrays: dict[str, list[str]]) -> list[str]:
    if raw.startswith(("[", "'", '"')):  # an array or a string literal
        return _STRING_RE.findall(raw)
    return arrays.get(raw, [])  # the name of an array


def _block(text: str, name: str) -> str | None:
    """The ``{...}`` after ``name:`` in ``text`` (nested braces counted), if there is one."""
    match = re.search(rf"['\"]?{name}['\"]?\s*:\s*\{{", text)
    if match is None:
        return None
    depth, start = 0, match.end() - 1
    for index in range(start, min(len(text), start + 20_000)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start + 1 : index]
    return None


def _parameter(key: str) -> str:
    """gbif.org's name of a search filter: ``datasetKey`` -> ``dataset_key``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()


def scopes(reader: SiteReader) -> dict[str, list[tuple[str, str]]]:
    """Per search configuration name, the query parameters its scope gives on gbif.org."""
    text = _COMMENT_RE.sub("", reader.read_text(CONFIG) or "")
    arrays = {name: _STRING_RE.findall(body) for name, body in _ARRAY_RE.findall(text)}
    found: dict[str, list[tuple[str, str]]] = {}
    for name in _SCOPED:
        config = _block(text, name)
        scope = _block(config, "scope") if config else None
        if not scope:
            continue
        entries = dict(_ENTRY_RE.findall(scope))
        if "key" in entries and "values" in entries:  # {type: "in", key: ..., values: ...}
            key = _STRING_RE.findall(entries["key"])
            pairs = {key[0]: entries["values"]} if key else {}
        else:
            pairs = {k: v for k, v in entries.items() if k not in ("type", "active")}
        params = [
            (_parameter(key), value)
            for key, raw in pairs.items()
            if re.fullmatch(r"[a-zA-Z]\w{0,40}", key)
            for value in _values(raw, arrays)
        ]
        if params:
            found[name] = params
    return found


def gbif_search(data: dict[str, Any], reader: SiteReader) -> str | None:
    """The gbif.org search a page of the theme's search layouts shows, its scope included;
    ``None`` for another page."""
    layout = str(data.get("layout") or "").lower().removesuffix("search").strip("-_")
    if layout not in SEARCHES:
        return None
    path, name = SEARCHES[layout]
    params = scopes(reader).get(name)
    if not params:
        return GBIF + path
    return GBIF + path + ("&" if "?" in path else "?") + urllib.parse.urlencode(params)
