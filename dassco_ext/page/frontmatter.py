"""The front-matter schema: which keys a page may set, their types, and their fallbacks.

Front matter is written by content editors, not programmers, so reading it never raises:
every problem is one ``dassco.*`` warning at the key's own line, and the key falls back
to a safe default. The result is a plain, picklable :class:`FrontMatter`.
"""

from __future__ import annotations

import dataclasses as dc
import datetime
import difflib
import re
from typing import Any

import yaml

from ..warnings_ import DasscoWarnings, at, warn
from .cssvalues import is_css_color, is_css_length
from .yamlsafety import (  # noqa: F401 - MAX_* and UNWRITABLE_RE are used through this module too
    MAX_CHARS,
    MAX_DEPTH,
    MAX_NODES,
    UNWRITABLE_RE,
    FrontMatterTooLarge,
    check_bounds,
    clean_text,
    warn_duplicates,
    writable,
)

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 2000
#: Keys read by dassco-ext (the names Jekyll editors already use).
HERO_KEYS = (
    "description",
    "background",
    "imageAlt",
    "imageLicense",
    "height",
    "overlayColor",
    "preTitle",
    "cta",
)
#: Keys of listed pages (news articles, team members, partners) and moved pages
#: (read by :mod:`.sitekeys`; see :mod:`dassco_ext.page.listings`).
SITE_KEYS = ("date", "jobTitle", "email", "image", "category", "order", "link", "aliases")
DASSCO_KEYS = ("title", *HERO_KEYS, "permalink", "lang-ref", "brief", *SITE_KEYS)
#: Keys that Sphinx, MyST or Jekyll themselves understand: accepted, left to them.
PASSTHROUGH_KEYS = (
    "myst",
    "mystnb",
    "substitutions",
    "html_meta",
    "orphan",
    "nocomments",
    "nosearch",
    "tocdepth",
    "author",
    "authors",
    "layout",
)

_PERMALINK_RE = re.compile(r"[A-Za-z0-9._~\-/]*")


@dc.dataclass(frozen=True)
class CallToAction:
    """One button of the hero (front-matter ``cta`` entry)."""

    text: str
    href: str
    primary: bool = False
    line: int | None = None


@dc.dataclass(frozen=True)
class FrontMatter:
    """The validated front matter of one page; ``lines`` maps each key to its source line."""

    source: str
    title: str | None = None
    description: str | None = None
    background: str | None = None
    image_alt: str | None = None
    image_license: str | None = None
    height: str | None = None
    overlay_color: str | None = None
    pre_title: str | None = None
    cta: tuple[CallToAction, ...] = ()
    permalink: str | None = None
    lang_ref: str | None = None
    brief: bool | None = None
    #: Listed pages and moved pages (validated by :mod:`.sitekeys`).
    date: str | None = None  #: ISO date, ``2025-05-14``
    job_title: str | None = None
    email: str | None = None
    image: str | None = None  #: a path from the source root (checked against the tree later)
    category: str | None = None
    order: float | None = None
    link: str | None = None
    #: ``(language, site path)``; language ``None``: the source language (a plain list).
    aliases: tuple[tuple[str | None, str], ...] = ()
    #: Per-language values of text keys: ``{key: {language: text}}`` (the source language's
    #: value is the key's own value; ``cta.<n>`` for a button's text).
    translations: dict[str, dict[str, str]] = dc.field(default_factory=dict)
    lines: dict[str, int] = dc.field(default_factory=dict)
    #: The YAML mapping as parsed, handed to MyST so that it does not parse it a second time.
    data: dict[str, Any] = dc.field(default_factory=dict, compare=False, repr=False)

    def line(self, key: str) -> int | None:
        """The source line of ``key``, or of the front matter's first line."""
        return self.lines.get(key, self.lines.get(""))

    def location(self, key: str) -> str:
        """A ``path:line`` location for warnings about ``key``."""
        return at(self.source, self.line(key))

    @property
    def has_hero_keys(self) -> bool:
        return any(
            getattr(self, name) for name in ("description", "background", "pre_title", "cta")
        )


def title_from_docname(docname: str) -> str:
    """A readable fallback title: ``research/open-data`` gives ``Open data``."""
    stem = docname.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").strip()
    return (stem[:1].upper() + stem[1:]) or "Untitled"


def normalize_permalink(value: str) -> str | None:
    """``/about/`` and ``about.html`` give ``about``; ``/`` gives ``""``; unsafe values ``None``."""
    text = value.strip()
    if "://" in text or text.startswith("//") or ":" in text or "\\" in text:
        return None
    if not _PERMALINK_RE.fullmatch(text):
        return None
    parts = [p for p in text.strip("/").split("/") if p]
    if any(p in (".", "..") for p in parts):
        return None
    path = "/".join(parts)
    for suffix in ("/index.html", ".html"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return "" if path == "index" else path


class _Reader:
    """Turns raw YAML data into :class:`FrontMatter`, warning at each bad key's line."""

    def __init__(self, source: str, docname: str, lines: dict[str, int]) -> None:
        self.source = source
        self.docname = docname
        self.lines = lines

    def loc(self, key: str) -> str:
        return at(self.source, self.lines.get(key, self.lines.get("")))

    def text(self, data: dict[str, Any], key: str, *, limit: int = TEXT_MAX_LENGTH) -> str | None:
        """A text value: numbers and dates are taken as text with a warning; lists are dropped."""
        if key not in data or data[key] is None:
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(
            value, str | int | float | datetime.date
        ):
            warn(
                DasscoWarnings.KEY_TYPE,
                f"front matter '{key}' must be text, not {_kind(value)}; it is ignored",
                self.loc(key),
            )
            return None
        if not isinstance(value, str):
            warn(
                DasscoWarnings.KEY_TYPE,
                f"front matter '{key}' must be text, not {_kind(value)}; "
                f"using {str(value)!r} (put it in quotes to silence this)",
                self.loc(key),
            )
            value = str(value)
        value = value.strip()
        if len(value) > limit:
            warn(
                DasscoWarnings.TITLE if key == "title" else DasscoWarnings.KEY_TYPE,
                f"front matter '{key}' is {len(value)} characters long; "
                f"it is cut to {limit}",
                self.loc(key),
            )
            value = value[: limit - 1].rstrip() + "…"
        return value

    def title(self, data: dict[str, Any]) -> str | None:
        if "title" not in data:
            return None
        value = self.text(data, "title", limit=TITLE_MAX_LENGTH)
        if not value:
            fallback = title_from_docname(self.docname)
            if value is not None or data.get("title") is None:
                warn(
                    DasscoWarnings.TITLE,
                    f"front matter 'title' is empty; using {fallback!r}",
                    self.loc("title"),
                )
            value = fallback
        return value

    def checked(self, data: dict[str, Any], key: str, check: Any, kind: DasscoWarnings, what: str) -> str | None:
        """A CSS value: anything but text that passes ``check`` is one ``kind`` warning."""
        raw = data.get(key)
        if raw is None:
            return None
        value = raw.strip() if isinstance(raw, str) else None
        if value is None and isinstance(raw, int | float) and not isinstance(raw, bool):
            value = str(raw)  # height: 70 is a bad length, not a type error
        if value is None or not check(value):
            shown = repr(value) if value is not None else _kind(raw)
            warn(kind, f"front matter '{key}' must be {what}, not {shown}; it is ignored", self.loc(key))
            return None
        return value

    def cta(self, data: dict[str, Any]) -> tuple[CallToAction, ...]:
        raw = data.get("cta")
        if raw is None:
            return ()
        if isinstance(raw, dict):
            raw = [raw]
        if not isinstance(raw, list):
            warn(
                DasscoWarnings.KEY_TYPE,
                f"front matter 'cta' must be a list of {{text, href, isPrimary}}, not {_kind(raw)}; "
                "no buttons are made from it",
                self.loc("cta"),
            )
            return ()
        buttons = []
        for index, entry in enumerate(raw, start=1):
            line = self.lines.get(f"cta.{index}", self.lines.get("cta"))
            text = entry.get("text") if isinstance(entry, dict) else None
            href = entry.get("href") if isinstance(entry, dict) else None
            primary = entry.get("isPrimary", False) if isinstance(entry, dict) else False
            if not (isinstance(text, str) and text.strip() and isinstance(href, str) and href.strip()):
                warn(
                    DasscoWarnings.KEY_TYPE,
                    f"front matter 'cta' entry {index} needs text and href (both text); it is skipped",
                    at(self.source, line),
                )
                continue
            if not isinstance(primary, bool):
                warn(
                    DasscoWarnings.KEY_TYPE,
                    f"front matter 'cta' entry {index}: isPrimary must be true or false; using false",
                    at(self.source, line),
                )
                primary = False
            buttons.append(CallToAction(text.strip(), href.strip(), primary, line))
        return tuple(buttons)

    def permalink(self, data: dict[str, Any]) -> str | None:
        value = self.text(data, "permalink")
        if value is None:
            return None
        normal = normalize_permalink(value)
        if normal is None:
            warn(
                DasscoWarnings.PERMALINK,
                f"front matter 'permalink' {value!r} is not a site path "
                "(no scheme, no '..', only letters, digits and - _ . ~ /); it is ignored",
                self.loc("permalink"),
            )
        return normal

    def brief(self, data: dict[str, Any]) -> bool | None:
        value = data.get("brief")
        if value is None or isinstance(value, bool):
            return value
        warn(DasscoWarnings.KEY_TYPE, "front matter 'brief' must be true or false; it is ignored", self.loc("brief"))
        return None

    def unknown_keys(self, data: dict[str, Any]) -> None:
        known = DASSCO_KEYS + PASSTHROUGH_KEYS
        for key in data:
            if key in known:
                continue
            close = difflib.get_close_matches(str(key), DASSCO_KEYS, n=1, cutoff=0.6)
            close = close or [k for k in DASSCO_KEYS if k.lower() == str(key).lower()]
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            warn(
                DasscoWarnings.UNKNOWN_KEY,
                f"unknown front-matter key '{key}'{hint}; it is ignored",
                at(self.source, self.lines.get(str(key), self.lines.get(""))),
            )


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.date):
        return "a date"
    return type(value).__name__


def _parse(loader_class: type, content: str) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(content)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()


def _timestamp_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    """A YAML date, or its text when it is no real date (``2025-02-30``): PyYAML would raise
    a bare ValueError; the key's own check reports the text."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _loader(base: type) -> type:
    loader = type(f"Dassco{base.__name__}", (base,), {})
    loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
    return loader


_SAFE_LOADER = _loader(yaml.SafeLoader)
_FAST_LOADER = _loader(yaml.CSafeLoader) if hasattr(yaml, "CSafeLoader") else None


def load_yaml(content: str) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree of a YAML text, from one parse (the tree has the lines).

    Raises :class:`FrontMatterTooLarge` (before building anything) for a text beyond the
    bounds, ``yaml.YAMLError`` for one that is not YAML.

    Front matter is read on every page of every build, so it is parsed by libyaml when
    PyYAML has it. Invalid YAML is parsed again by PyYAML's own loader, whose error marks
    and messages are the ones editors see (the same as MyST's), wherever it runs.
    """
    check_bounds(_FAST_LOADER or _SAFE_LOADER, content)
    if _FAST_LOADER is not None:
        try:
            return _parse(_FAST_LOADER, content)
        except yaml.YAMLError:
            pass  # parsed again below, for PyYAML's own marks and messages
    try:
        return _parse(_SAFE_LOADER, content)
    except RecursionError:
        raise FrontMatterTooLarge(f"nested more than {MAX_DEPTH} levels deep", 0) from None


def _key_lines(root: yaml.Node | None, first_line: int) -> dict[str, int]:
    """Source line of every top-level key (and of each ``cta`` entry) of a YAML mapping."""
    lines: dict[str, int] = {"": first_line}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key_node, value_node in root.value:
        key = str(key_node.value)
        lines[key] = lines[clean_text(key)] = first_line + key_node.start_mark.line
        if key == "cta" and isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value, start=1):
                lines[f"cta.{index}"] = first_line + item.start_mark.line
    return lines


def read_front_matter(
    content: str, *, source: str, docname: str, first_line: int, languages: tuple[str, ...] = ()
) -> FrontMatter | None:
    """Validate the YAML text between the ``---`` fences.

    ``first_line`` is the file line of the YAML's first line. Returns ``None`` (after one
    ``dassco.front_matter`` warning) when the text is not a YAML mapping. ``languages`` are
    the site's languages, the source language first (default ``en``): a text key may hold a
    mapping of them (:func:`.sitekeys.split_languages`).
    """
    try:
        data, root = load_yaml(content)
    except FrontMatterTooLarge as exc:
        warn(
            DasscoWarnings.LIMIT,
            f"front matter is too large: {exc}; the page is built without it",
            at(source, first_line + exc.line),
        )
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line - 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        warn(
            DasscoWarnings.FRONT_MATTER,
            f"front matter is not valid YAML ({problem}); the page is built without it",
            at(source, line),
        )
        return None
    if data is None:
        return FrontMatter(source=source, lines={"": first_line - 1})
    if not isinstance(data, dict):
        warn(
            DasscoWarnings.FRONT_MATTER,
            f"front matter must be 'key: value' lines, not {_kind(data)}; the page is built without it",
            at(source, first_line),
        )
        return None
    from .sitekeys import SiteKeysReader, split_languages

    warn_duplicates(root, source, first_line)
    lines = _key_lines(root, first_line)
    data = writable(data, source, lines)
    data, translations = split_languages(data, languages or ("en",), source, lines)
    reader = _Reader(source, docname, lines)
    reader.unknown_keys(data)
    site = SiteKeysReader(source, docname, lines)
    return FrontMatter(
        **site.read(data, languages or ("en",)),
        translations=translations,
        data=data,
        source=source,
        title=reader.title(data),
        description=reader.text(data, "description"),
        background=reader.text(data, "background"),
        image_alt=reader.text(data, "imageAlt"),
        image_license=reader.text(data, "imageLicense"),
        height=reader.checked(data, "height", is_css_length, DasscoWarnings.HEIGHT, "one CSS length such as 70vh or 480px"),
        overlay_color=reader.checked(data, "overlayColor", is_css_color, DasscoWarnings.COLOR, "a CSS colour such as #002b36 or rgba(0, 0, 0, 0.5)"),
        pre_title=reader.text(data, "preTitle"),
        cta=reader.cta(data),
        permalink=reader.permalink(data),
        lang_ref=reader.text(data, "lang-ref"),
        brief=reader.brief(data),
        lines=reader.lines,
    )
