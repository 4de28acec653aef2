"""Reading one front-matter key: the keys a page may set, their types, their fallbacks and
the warnings at each key's own line (:class:`KeyReader`), shared by the page's own keys
(:mod:`.frontmatter`) and those of listed and moved pages (:mod:`.sitekeys`).
"""

from __future__ import annotations

import dataclasses as dc
import datetime
import difflib
import re
from typing import Any

from ..warnings_ import DasscoWarnings, at, warn
from .yamlsafety import clean_text  # noqa: F401 - used by readers of text values

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


class KeyReader:
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
                f"front matter '{key}' must be text, not {kind_of(value)}; it is ignored",
                self.loc(key),
            )
            return None
        if not isinstance(value, str):
            warn(
                DasscoWarnings.KEY_TYPE,
                f"front matter '{key}' must be text, not {kind_of(value)}; "
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
            shown = repr(value) if value is not None else kind_of(raw)
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
                f"front matter 'cta' must be a list of {{text, href, isPrimary}}, not {kind_of(raw)}; "
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


def kind_of(value: Any) -> str:
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


