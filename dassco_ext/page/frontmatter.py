"""A Markdown page's front matter: the schema (every key a page may set, declared once) and
its reading on ``source-read``, before MyST parses the page.

Each key is one field of :class:`FrontMatter` (``key()`` gives its name in the YAML, its
check and whether it may hold one text per language). :func:`read_front_matter` never
raises: a bad value is one ``dassco.*`` warning at the key's line and the key is not set.
MyST gets only the page options it may take, and the title as an escaped H1 (text, never markup).
"""

from __future__ import annotations

import contextlib
import dataclasses as dc
import datetime
import difflib
import math
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..config import get_config
from ..pipeline import FRONT_MATTER_DATA
from ..warnings_ import DasscoWarnings, at, warn
from . import yamlsafety
from .cssvalues import is_css_color, is_css_length
from .filepaths import drop_impossible_links

if TYPE_CHECKING:
    from sphinx.application import Sphinx

UNWRITABLE_RE = yamlsafety.UNWRITABLE_RE  #: characters no text of a page may hold
TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 2000
#: Front-matter keys Sphinx reads from a page's metadata (scalar values only).
SPHINX_KEYS = ("orphan", "nocomments", "nosearch", "tocdepth")
#: Keys that Sphinx, MyST or Jekyll themselves understand: accepted, left to them.
PASSTHROUGH_KEYS = ("myst", "mystnb", "substitutions", "html_meta", "author", "authors", "layout")
_PERMALINK_RE = re.compile(r"[A-Za-z0-9._~\-/]*")
_EMAIL_RE = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?=.{1,253}$)"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL_RE = re.compile(r"[\x00-\x20\x7f-\x9f]")


@dc.dataclass(frozen=True)
class CallToAction:
    """One button of the hero (front-matter ``cta`` entry)."""

    text: str
    href: str
    primary: bool = False
    line: int | None = None


def kind_of(value: Any) -> str:
    """How a warning names the type of a YAML value."""
    for kind, name in (
        (bool, "true/false"),
        (int | float, "a number"),
        (list, "a list"),
        (dict, "a mapping"),
        (datetime.date, "a date"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def title_from_docname(docname: str) -> str:
    """A readable fallback title: ``research/open-data`` gives ``Open data``."""
    stem = docname.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").strip()
    return (stem[:1].upper() + stem[1:]) or "Untitled"


def normalize_permalink(value: str) -> str | None:
    """``/about/`` and ``about.html`` give ``about``; ``/`` gives ``""``; unsafe values ``None``."""
    text = value.strip()
    if (
        "://" in text
        or text.startswith("//")
        or ":" in text
        or "\\" in text
        or not _PERMALINK_RE.fullmatch(text)
    ):
        return None
    parts = [p for p in text.strip("/").split("/") if p]
    if any(p in (".", "..") for p in parts):
        return None
    path = "/".join(parts)
    for suffix in ("/index.html", ".html"):
        path = path.removesuffix(suffix)
    return "" if path == "index" else path


@dc.dataclass
class Reader:
    """One page's YAML data, read key by key, each problem warned at the key's own line."""

    data: dict[str, Any]
    source: str
    docname: str
    lines: dict[str, int]
    languages: tuple[str, ...]

    def line(self, key: str) -> int | None:
        """The line of ``key`` (``cta.2.text.da``), else of the nearest key above it
        (``cta.2.text``, ``cta.2``, ``cta``), else the first line."""
        while key not in self.lines and "." in key:
            key = key.rpartition(".")[0]
        return self.lines.get(key, self.lines.get(""))

    def loc(self, key: str) -> str:
        return at(self.source, self.line(key))

    def refuse(self, kind: DasscoWarnings, key: str, message: str) -> None:
        warn(kind, f"front matter '{key}' {message}", self.loc(key))

    def text(self, key: str, limit: int = TEXT_MAX_LENGTH) -> str | None:
        """Text; a number or date is taken as text with a warning; anything else is dropped."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float | datetime.date):
            self.refuse(
                DasscoWarnings.KEY_TYPE, key, f"must be text, not {kind_of(value)}; it is ignored"
            )
            return None
        if not isinstance(value, str):
            self.refuse(
                DasscoWarnings.KEY_TYPE,
                key,
                f"must be text, not {kind_of(value)}; "
                f"using {str(value)!r} (put it in quotes to silence this)",
            )
        value = str(value).strip()
        if len(value) > limit:
            warn(
                DasscoWarnings.TITLE if key == "title" else DasscoWarnings.KEY_TYPE,
                f"front matter '{key}' is {len(value)} characters long; it is cut to {limit}",
                self.loc(key),
            )
            value = value[: limit - 1].rstrip() + "…"
        return value


def _title(reader: Reader, key: str) -> str | None:
    if key not in reader.data:
        return None
    value = reader.text(key, TITLE_MAX_LENGTH)
    if not value:
        fallback = title_from_docname(reader.docname)
        if value is not None or reader.data.get(key) is None:
            warn(
                DasscoWarnings.TITLE,
                f"front matter 'title' is empty; using {fallback!r}",
                reader.loc(key),
            )
        value = fallback
    return value


def _css(
    check: Callable[[str], bool], kind: DasscoWarnings, what: str
) -> Callable[[Reader, str], str | None]:
    def read(reader: Reader, key: str) -> str | None:
        raw = reader.data.get(key)
        if raw is None:
            return None
        value = raw.strip() if isinstance(raw, str) else None
        if value is None and isinstance(raw, int | float) and not isinstance(raw, bool):
            value = str(raw)  # height: 70 is a bad length, not a type error
        if value is None or not check(value):
            shown = repr(value) if value is not None else kind_of(raw)
            reader.refuse(kind, key, f"must be {what}, not {shown}; it is ignored")
            return None
        return value

    return read


def _cta(reader: Reader, key: str) -> tuple[CallToAction, ...]:
    raw = reader.data.get(key)
    if raw is None:
        return ()
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        reader.refuse(
            DasscoWarnings.KEY_TYPE,
            key,
            "must be a list of {text, href, isPrimary}, not "
            f"{kind_of(raw)}; no buttons are made from it",
        )
        return ()
    buttons = []
    for index, entry in enumerate(raw, start=1):
        line = reader.line(f"cta.{index}")
        entry = entry if isinstance(entry, dict) else {}
        text, href, primary = entry.get("text"), entry.get("href"), entry.get("isPrimary", False)
        if not (isinstance(text, str) and text.strip() and isinstance(href, str) and href.strip()):
            warn(
                DasscoWarnings.KEY_TYPE,
                f"front matter 'cta' entry {index} needs text and href (both text); it is skipped",
                at(reader.source, line),
            )
            continue
        if not isinstance(primary, bool):
            warn(
                DasscoWarnings.KEY_TYPE,
                f"front matter 'cta' entry {index}: isPrimary must be true or false; using false",
                at(reader.source, line),
            )
            primary = False
        buttons.append(CallToAction(text.strip(), href.strip(), primary, line))
    return tuple(buttons)


def _checked(
    normal: Callable[[str], str | None], kind: DasscoWarnings, what: str
) -> Callable[[Reader, str], str | None]:
    """A text key whose value is ``normal(text)``; ``None`` there: one ``kind`` warning."""

    def read(reader: Reader, key: str) -> str | None:
        value = reader.text(key)
        result = normal(value) if value is not None else None
        if value is not None and result is None:
            reader.refuse(kind, key, f"must be {what}, not {value!r}; it is ignored")
        return result

    return read


def _email_address(text: str) -> str | None:
    address = text[7:] if text.lower().startswith("mailto:") else text
    return address if _EMAIL_RE.fullmatch(address) else None


def _web_address(text: str) -> str | None:
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:  # an unclosed [IPv6] host
        return None
    web = parts.scheme.lower() in ("http", "https") and parts.netloc
    return text if web and not _CONTROL_RE.search(text) else None


def _brief(reader: Reader, key: str) -> bool | None:
    value = reader.data.get(key)
    if value is None or isinstance(value, bool):
        return value
    reader.refuse(DasscoWarnings.KEY_TYPE, key, "must be true or false; it is ignored")
    return None


def _date(reader: Reader, key: str) -> str | None:
    """An ISO date: YAML's own date (``2025-05-14``), or text of that form."""
    value = reader.data.get(key)
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return (value.date() if isinstance(value, datetime.datetime) else value).isoformat()
    with contextlib.suppress(ValueError):
        if isinstance(value, str) and _DATE_RE.fullmatch(value.strip()):
            return datetime.date.fromisoformat(value.strip()).isoformat()
    shown = repr(value) if isinstance(value, str) else kind_of(value)
    reader.refuse(
        DasscoWarnings.DATE, key, f"must be a date such as 2025-05-14, not {shown}; it is ignored"
    )
    return None


def _order(reader: Reader, key: str) -> float | None:
    value = reader.data.get(key)
    if value is None:
        return None
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            number = float(value.strip())
    if number is None or not math.isfinite(number):
        shown = repr(value) if isinstance(value, str) else number or kind_of(value)
        what = "a number" if number is None else "a finite number"  # .nan is a float
        reader.refuse(
            DasscoWarnings.KEY_TYPE, key, f"must be {what}, not {shown}; it is listed last"
        )
        return None
    return number


def _aliases(reader: Reader, key: str) -> tuple[tuple[str | None, str], ...]:
    """``(language, path)`` pairs; a plain list belongs to the source language (``None``)."""
    raw = reader.data.get(key)
    if raw is None:
        return ()
    groups: list[tuple[str | None, Any]] = [(None, raw)]
    if isinstance(raw, dict):
        groups = [(str(lang), paths) for lang, paths in raw.items() if lang in reader.languages]
        for lang in (lang for lang in raw if lang not in reader.languages):
            reader.refuse(
                DasscoWarnings.ALIAS,
                key,
                f"names {lang!r}, which is not one of the site's "
                f"languages ({', '.join(reader.languages)}); its paths are ignored",
            )
    found: list[tuple[str | None, str]] = []
    for lang, paths in groups:
        for path in (
            [paths] if isinstance(paths, str) else paths if isinstance(paths, list) else [paths]
        ):
            normal = normalize_permalink(path) if isinstance(path, str) else None
            if normal is None:
                shown = repr(path) if isinstance(path, str) else kind_of(path)
                warn(
                    DasscoWarnings.ALIAS,
                    f"front matter 'aliases': {shown} is not a site path such as "
                    "/news/old-title; it is ignored",
                    reader.loc(key),
                )
            elif (lang, normal) not in found:
                found.append((lang, normal))
    return tuple(found)


#: What each key does, in the words of the manual's table of keys.
KEY_HELP = {
    "title": "Text, at most 200 characters. The page's H1, ``<title>`` and ``og:title``; a page with a title opens with a hero header. Empty: a title made from the file name.",
    "description": "Text. Shown under the title; also the page's meta and OpenGraph description.",
    "background": "Path from the source root. The hero image (JPEG, PNG or GIF in the source tree, named by its format, at most ``dassco_max_image_pixels``); also ``og:image``.",
    "imageAlt": "Text. The hero image's alt text (default: ``dassco_image_alts``, else decorative with a warning).",
    "imageLicense": "Inline Markdown. The image credit, behind an info icon; links and emphasis work, raw HTML is shown as text.",
    "height": "CSS length. The hero's minimum height (default ``dassco_hero_height``).",
    "overlayColor": "CSS colour. The overlay between image and text (default ``dassco_hero_overlay``, which keeps white text at 4.5:1 or more).",
    "preTitle": "Text. A short line above the title (an article's type).",
    "cta": "List of ``{text, href, isPrimary}``. The hero's buttons: filled when ``isPrimary``, outlined otherwise; ``href`` is a site path, a relative path or an allowed URL.",
    "permalink": "Site path. Where ``/path`` links to this page lead; a redirect is written there if it is not the page's own path.",
    "lang-ref": "Text. The page's identity across languages (default: its name).",
    "brief": "``true``/``false``. Whether the page is printed as a PDF brief (overrides ``dassco_briefs``).",
    "date": "ISO date (``2025-05-14``). An article's date, shown in the language's way; orders news listings and the feed.",
    "jobTitle": "Text. A person's job title, under their name and in the team listing.",
    "email": "E-mail address. A person's ``mailto:`` link.",
    "image": "Path from the source root. A person's photo or a partner's logo (JPEG, PNG, GIF or WebP; no SVG).",
    "category": "Text. The group a person is listed under in a team listing.",
    "order": "Number. The place in team and partner listings (lowest first).",
    "link": "``http(s)`` URL. A partner's website.",
    "aliases": "List of site paths, or ``{lang: [paths]}``. Old URLs that redirect to the page.",
}


def key(
    name: str,
    read: Callable[[Reader, str], Any],
    *,
    per_language: bool = False,
    default: Any = None,
) -> Any:
    """A front-matter key: its name in the YAML, its reader, whether it may hold a text per
    language, and what it does (the manual's table of keys, from :data:`KEY_HELP`)."""
    meta = {"key": name, "read": read, "per_language": per_language, "help": KEY_HELP[name]}
    return dc.field(default=default, metadata=meta)


@dc.dataclass(frozen=True)
class FrontMatter:
    """The validated front matter of one page; ``lines`` maps each key to its source line."""

    source: str
    title: str | None = key("title", _title, per_language=True)
    description: str | None = key("description", Reader.text, per_language=True)
    background: str | None = key("background", Reader.text)
    image_alt: str | None = key("imageAlt", Reader.text, per_language=True)
    image_license: str | None = key("imageLicense", Reader.text, per_language=True)
    height: str | None = key(
        "height", _css(is_css_length, DasscoWarnings.HEIGHT, "one CSS length such as 70vh or 480px")
    )
    overlay_color: str | None = key(
        "overlayColor",
        _css(
            is_css_color, DasscoWarnings.COLOR, "a CSS colour such as #002b36 or rgba(0, 0, 0, 0.5)"
        ),
    )
    pre_title: str | None = key("preTitle", Reader.text, per_language=True)
    cta: tuple[CallToAction, ...] = key("cta", _cta, default=())
    permalink: str | None = key(
        "permalink",
        _checked(
            normalize_permalink,
            DasscoWarnings.PERMALINK,
            "a site path (no scheme, no '..', only letters, digits and - _ . ~ /)",
        ),
    )
    lang_ref: str | None = key("lang-ref", Reader.text)
    brief: bool | None = key("brief", _brief)
    date: str | None = key("date", _date)  #: ISO date, ``2025-05-14`` (listed pages from here on)
    job_title: str | None = key("jobTitle", Reader.text, per_language=True)
    email: str | None = key(
        "email",
        _checked(_email_address, DasscoWarnings.EMAIL, "an e-mail address (name@example.org)"),
    )
    image: str | None = key("image", Reader.text)  #: a path from the source root
    category: str | None = key("category", Reader.text, per_language=True)
    order: float | None = key("order", _order)
    link: str | None = key(
        "link",
        _checked(
            _web_address, DasscoWarnings.UNSAFE_URL, "an http(s) address (https://example.org)"
        ),
    )
    #: ``(language, site path)``; language ``None``: the source language (a plain list).
    aliases: tuple[tuple[str | None, str], ...] = key("aliases", _aliases, default=())
    #: Other languages' values of text keys: ``{key: {language: text}}`` (``cta.<n>`` for a button).
    translations: dict[str, dict[str, str]] = dc.field(default_factory=dict)
    lines: dict[str, int] = dc.field(default_factory=dict)
    #: The YAML mapping as read (per-language values split).
    data: dict[str, Any] = dc.field(default_factory=dict, compare=False, repr=False)

    def line(self, key: str) -> int | None:
        """The source line of ``key``, or of the front matter's first line."""
        return self.lines.get(key, self.lines.get(""))

    def location(self, key: str) -> str:
        """A ``path:line`` location for warnings about ``key``."""
        return at(self.source, self.line(key))

    @property
    def has_hero_keys(self) -> bool:
        return any((self.description, self.background, self.pre_title, self.cta))


#: The schema: front-matter key name -> the :class:`FrontMatter` field that holds it.
KEYS = {f.metadata["key"]: f for f in dc.fields(FrontMatter) if "key" in f.metadata}
DASSCO_KEYS = tuple(KEYS)


def _is_language_mapping(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(isinstance(k, str) for k in value)


def split_languages(reader: Reader) -> dict[str, dict[str, str]]:
    """Replace each per-language text value of ``reader.data`` by its source language's value;
    return the other languages' values, ``{key: {language: text}}``."""
    languages, data = reader.languages, reader.data
    translations: dict[str, dict[str, str]] = {}

    def split(name: str, value: dict[str, Any], path: str = "") -> Any:
        for lang, text in value.items():
            where = reader.loc(f"{path or name}.{lang}")
            if lang not in languages:
                warn(
                    DasscoWarnings.PER_LANGUAGE,
                    f"front matter '{name}' has a value for {lang!r}, which is not "
                    f"one of the site's languages ({', '.join(languages)}); it is ignored",
                    where,
                )
            elif lang != languages[0] and isinstance(text, str) and text.strip():
                translations.setdefault(name, {})[lang] = text.strip()
            elif lang != languages[0] and text is not None:
                warn(
                    DasscoWarnings.PER_LANGUAGE,
                    f"front matter '{name}' for {lang!r} must be text, "
                    f"not {kind_of(text)}; it is ignored",
                    where,
                )
        if languages[0] not in value:
            translations.pop(name, None)
            warn(
                DasscoWarnings.PER_LANGUAGE,
                f"front matter '{name}' has no value for the source language "
                f"{languages[0]!r} (only {', '.join(map(str, value))}); it is not set",
                reader.loc(name),
            )
        return value.get(languages[0])

    for name, field in KEYS.items():
        if field.metadata["per_language"] and _is_language_mapping(data.get(name)):
            data[name] = split(name, data[name])
    if isinstance(data.get("cta"), list):
        data["cta"] = [
            {**entry, "text": split(f"cta.{index}", entry["text"], f"cta.{index}.text")}
            if isinstance(entry, dict) and _is_language_mapping(entry.get("text"))
            else entry
            for index, entry in enumerate(data["cta"], start=1)
        ]
    return translations


def _unknown_keys(reader: Reader) -> None:
    for name in reader.data:
        if name in KEYS or name in PASSTHROUGH_KEYS or name in SPHINX_KEYS:
            continue
        close = difflib.get_close_matches(str(name), DASSCO_KEYS, n=1, cutoff=0.6)
        close = close or [k for k in DASSCO_KEYS if k.lower() == str(name).lower()]
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        warn(
            DasscoWarnings.UNKNOWN_KEY,
            f"unknown front-matter key '{name}'{hint}; it is ignored",
            reader.loc(str(name)),
        )


def read_front_matter(
    content: str, *, source: str, docname: str, first_line: int, languages: tuple[str, ...] = ()
) -> FrontMatter | None:
    """Validate the YAML text between the ``---`` fences (its first line is file line ``first_line``).

    ``None``, after one warning, when it is not a YAML mapping. ``languages``: the site's, the
    source language first (default ``en``); a text key may map each of them to a text."""
    try:
        data, root = yamlsafety.load_yaml(
            content, lambda root: yamlsafety.clean_texts(root, source, first_line)
        )
    except yamlsafety.FrontMatterTooLarge as exc:
        warn(
            DasscoWarnings.LIMIT,
            f"front matter is too large: {exc}; the page is built without it",
            at(source, first_line + exc.line),
        )
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        warn(
            DasscoWarnings.FRONT_MATTER,
            f"front matter is not valid YAML ({problem}); the page is built without it",
            at(source, first_line + mark.line if mark is not None else first_line - 1),
        )
        return None
    if data is None:
        return FrontMatter(source=source, lines={"": first_line - 1})
    if not isinstance(data, dict):
        warn(
            DasscoWarnings.FRONT_MATTER,
            f"front matter must be 'key: value' lines, not {kind_of(data)}; "
            "the page is built without it",
            at(source, first_line),
        )
        return None
    lines = yamlsafety.key_lines(root, source, first_line)
    reader = Reader(data, source, docname, lines, languages or ("en",))
    translations = split_languages(reader)
    _unknown_keys(reader)
    values = {field.name: field.metadata["read"](reader, name) for name, field in KEYS.items()}
    return FrontMatter(
        source=source, translations=translations, lines=lines, data=reader.data, **values
    )


#: ``env.temp_data`` key: the :class:`FrontMatter` whose title the page's H1 is (the
#: fallback title of a page whose front matter is unreadable included).
PAGE_TITLE = "dassco_page_title"
#: The MyST options a page may set in its front matter (``myst:``): presentation of the page
#: itself only. Anything else (``enable_extensions``, ``substitutions``, ``url_schemes``...)
#: is ignored with one ``dassco.myst_option`` warning.
MYST_PAGE_OPTIONS = frozenset(
    {"heading_anchors", "heading_anchors_html_ids", "number_code_blocks", "footnote_sort"}
    | {"footnote_transition", "links_external_new_tab", "all_links_external", "linkify_fuzzy_links"}
    | {"enable_checkboxes", "strikethrough_single_tilde", "colon_fence_exact_match"}
    | {"highlight_code_blocks", "words_per_minute", "dmath_allow_labels", "dmath_allow_space"}
    | {"dmath_allow_digits", "dmath_double_inline", "html_meta"}
)
#: ``html_meta`` keys that would make the page act (refresh, cookies) rather than describe it.
_REFUSED_META_RE = re.compile(r"\s*http-equiv\b", re.IGNORECASE)
_PUNCTUATION_RE = re.compile(r"([!-/:-@\[-`{-~])")


def myst_options(fm: FrontMatter) -> dict[str, Any]:
    """What MyST and Sphinx may read of a page's front matter; one warning per refused option."""
    data, location = fm.data, fm.location("myst" if "myst" in fm.data else "substitutions")
    allowed: dict[str, Any] = {
        key: data[key] for key in SPHINX_KEYS if isinstance(data.get(key), str | int | float)
    }
    myst = data.get("myst")
    if isinstance(myst, dict):
        for name in (name for name in myst if name not in MYST_PAGE_OPTIONS):
            warn(
                DasscoWarnings.MYST_OPTION,
                f"front matter 'myst: {name}' cannot be set on a page (allowed: "
                f"{', '.join(sorted(MYST_PAGE_OPTIONS))}); it is ignored",
                location,
            )
        allowed["myst"] = {name: value for name, value in myst.items() if name in MYST_PAGE_OPTIONS}
    elif myst is not None:
        allowed["myst"] = myst  # MyST reports that it is not a mapping
    if "substitutions" in data:
        warn(
            DasscoWarnings.MYST_OPTION,
            "front matter 'substitutions' cannot be set on a page "
            "(they run templates); it is ignored",
            location,
        )
    if "html_meta" in data:
        allowed["html_meta"] = data["html_meta"]
    for holder in [h for h in (allowed, allowed.get("myst")) if isinstance(h, dict)]:
        meta = holder.get("html_meta")
        if isinstance(meta, dict):
            for name in (str(k) for k in meta if _REFUSED_META_RE.match(str(k))):
                warn(
                    DasscoWarnings.MYST_OPTION,
                    f"front matter 'html_meta' {name!r} would make the page act, "
                    "not describe it; it is ignored",
                    location,
                )
            holder["html_meta"] = {
                k: v for k, v in meta.items() if not _REFUSED_META_RE.match(str(k))
            }
    return allowed


def _front_matter_end(lines: list[str]) -> int | None:
    """The index of the line closing the front matter (MyST's reading), if there is one."""
    if not lines or not lines[0].startswith("---"):
        return None
    return next((n for n, line in enumerate(lines[1:], 1) if line.startswith(("---", "..."))), None)


def read_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """On ``source-read``: validate a Markdown page's front matter and rewrite it for MyST."""
    env = app.env
    path = Path(env.doc2path(docname))
    if app.config.source_suffix.get(path.suffix) != "markdown":
        return
    lines = source[0].splitlines(keepends=True)
    end = _front_matter_end(lines)
    body = 0 if end is None else end + 1
    guarded = drop_impossible_links(
        "".join(lines[body:]), str(app.srcdir), docname, app.config.myst_url_schemes, body + 1
    )
    lines[body:] = guarded.splitlines(keepends=True)
    source[0] = "".join(lines)
    if end is None:
        return
    languages = tuple(get_config(app.config).languages) or ("en",)
    text = "".join(lines[1:end])
    text = (
        text[:-2] if text.endswith("\r\n") else text.removesuffix("\n")
    )  # as MyST's token holds it
    fm = read_front_matter(
        text, source=str(path), docname=docname, first_line=2, languages=languages
    )
    options: dict[str, Any] = {}
    if fm is None:  # unreadable: warned; the page still gets a title (its ## headings nest)
        fm = FrontMatter(source=str(path), title=title_from_docname(docname), lines={"title": 1})
    else:
        env.temp_data[FRONT_MATTER_DATA] = fm
        options = myst_options(fm)
        if fm.title is None and fm.has_hero_keys:
            warn(
                DasscoWarnings.HERO_KEYS,
                "front matter has hero keys but no 'title'; add a title to get a hero header",
                fm.location(""),
            )
    block = []
    if options:
        flow = yaml.safe_dump(
            options, default_flow_style=True, width=float("inf"), allow_unicode=True
        )
        block = ["---\n", flow.replace("\n", " ").strip() + "\n", "---\n"]
    if fm.title is not None:
        env.temp_data[PAGE_TITLE] = fm
        block.append("# " + _PUNCTUATION_RE.sub(r"\\\1", " ".join(fm.title.split())) + "\n")
    while len(block) > end + 1 and end + 1 < len(lines) and not lines[end + 1].strip():
        end += 1  # a one-line front matter: the blank line after it holds the title
    source[0] = "".join(block + ["\n"] * (end + 1 - len(block)) + lines[end + 1 :])


def read_include(app: Sphinx, path: Path, docname: str, source: list[str]) -> None:
    """On ``include-read``: an included Markdown file's links guarded as a page's are."""
    if app.config.source_suffix.get(path.suffix) == "markdown":
        source[0] = drop_impossible_links(
            source[0],
            str(app.srcdir),
            docname,
            app.config.myst_url_schemes,
            1,
            str(app.srcdir / path),
        )


def setup(app: Sphinx) -> None:
    app.connect("source-read", read_page)
    app.connect("include-read", read_include, priority=600)  # once decoded
