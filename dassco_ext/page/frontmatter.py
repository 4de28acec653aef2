"""The front-matter schema: which keys a page may set, their types, and their fallbacks.

Front matter is written by content editors, not programmers, so reading it never raises:
every problem is one ``dassco.*`` warning at the key's own line, and the key falls back
to a safe default. The result is a plain, picklable :class:`FrontMatter`.
"""

from __future__ import annotations

import dataclasses as dc
from typing import Any

import yaml

from ..warnings_ import DasscoWarnings, at, warn
from .cssvalues import is_css_color, is_css_length
from .keyreader import (  # noqa: F401 - the schema's names, used through this module too
    DASSCO_KEYS,
    HERO_KEYS,
    PASSTHROUGH_KEYS,
    SITE_KEYS,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    CallToAction,
    KeyReader,
    kind_of,
    normalize_permalink,
    title_from_docname,
)
from .sitekeys import SiteKeysReader, split_languages
from .yamlsafety import (  # noqa: F401 - MAX_* and UNWRITABLE_RE are used through this module too
    MAX_CHARS,
    MAX_DEPTH,
    MAX_NODES,
    UNWRITABLE_RE,
    FrontMatterTooLarge,
    _key_lines,
    load_yaml,
    warn_duplicates,
    writable,
)


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
            f"front matter must be 'key: value' lines, not {kind_of(data)}; the page is built without it",
            at(source, first_line),
        )
        return None
    warn_duplicates(root, source, first_line)
    lines = _key_lines(root, first_line)
    data = writable(data, source, lines)
    data, translations = split_languages(data, languages or ("en",), source, lines)
    reader = KeyReader(source, docname, lines)
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
