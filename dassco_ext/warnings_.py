"""Every warning dassco-ext emits, with the subtype users can suppress.

All warnings have the type ``dassco``; silence one kind with, for example::

    suppress_warnings = ["dassco.image_alt"]

Each member's docstring says when it is emitted and what the page falls back to.
"""

from __future__ import annotations

import os
import re
from enum import Enum
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes

WARNING_TYPE = "dassco"

LOGGER = logging.getLogger("dassco_ext")


class DasscoWarnings(Enum):
    """The subtypes of the ``dassco`` warning type."""

    FRONT_MATTER = "front_matter"
    """Front matter that is not YAML, or not a mapping: the page builds without a hero."""

    UNKNOWN_KEY = "unknown_key"
    """A front-matter key dassco-ext does not know (often a typo): the key is ignored."""

    KEY_TYPE = "key_type"
    """A front-matter value of the wrong type: the key falls back to its default."""

    TITLE = "title"
    """An empty or overlong ``title``: the page falls back to a title made from its name."""

    HERO_KEYS = "hero_keys"
    """Hero keys (``description``, ``background``...) on a page with no ``title``: no hero."""

    HEIGHT = "height"
    """A ``height`` that is not a single CSS length: the default height is used."""

    COLOR = "color"
    """An ``overlayColor`` that is not a CSS colour: the default overlay is used."""

    BACKGROUND = "background"
    """A ``background`` that is missing, outside the source tree, remote or not an image:
    the hero is drawn without an image."""

    IMAGE_ALT = "image_alt"
    """A ``background`` without ``imageAlt``: the image is marked decorative (``alt=""``)."""

    ATTR_LIST = "attr_list"
    """An attribute list that cannot be read, or that holds more than classes and ids:
    only its classes and ids are applied."""

    BUTTON_CLASS = "button_class"
    """A Bulma class on a button that has no sphinx-design counterpart: it is dropped."""

    UNSAFE_URL = "unsafe_url"
    """A link whose scheme is not allowed (``javascript:``, ``data:``...): plain text instead."""

    LINK = "link"
    """A site-absolute link (``/data``) that matches no page: plain text instead."""

    PERMALINK = "permalink"
    """A ``permalink`` that is invalid, or shared by two pages: no redirect for it."""

    LANG_REF = "lang_ref"
    """A ``lang-ref`` shared by two pages of one language."""

    ENCODING = "encoding"
    """A source file that is not UTF-8: it is read as Windows-1252 (Latin-1 and more)."""

    CONFIG = "config"
    """A ``dassco_*`` configuration value that is not valid: its default is used."""

    PO_SYNTAX = "po_syntax"
    """A translation catalog (``.po``) that GNU ``msgfmt --check`` refuses (syntax, a duplicate
    entry, its header or ``Plural-Forms``, a format string) or that cannot be read, reported
    at msgfmt's line: none of it is used, the pages using it show in the source language and
    count as untranslated; every other catalog and language still builds."""

    BRIEF = "brief"
    """A page in ``dassco_briefs`` that does not exist, or a brief that cannot be written:
    that brief is skipped, the others are written."""

    BRIEF_IMAGE = "brief_image"
    """A brief's cover image that cannot be read (the cover is drawn without it) or that is
    too small for print (it is used as it is; the message names its size)."""

    BASEURL = "baseurl"
    """``html_baseurl`` is not set: briefs print site links as relative paths and have no
    QR code to their online version."""

    PO_CHARSET = "po_charset"
    """A ``.po`` whose header declares a charset other than UTF-8, reported at that header
    line: a UTF-8 file is read as UTF-8 anyway; any other is left out (its pages show in the
    source language)."""

    TRANSLATION_MARKUP = "translation_markup"
    """A translation whose markup is not its source's (a block, raw HTML, a role, an attribute
    list, a class or id, emphasis... it adds, drops or changes, as the page would render it),
    reported at the ``.po`` entry's line with what differs: that message shows the source text."""

    TRANSLATION_TARGET = "translation_target"
    """A translation that adds, drops, changes or reorders a link, an image, a download or
    another target (reordering is allowed on an entry flagged ``#, dassco-reorder``),
    reported at the ``.po`` entry's line with what differs: that message shows the source text."""

    PO_ORPHAN = "po_orphan"
    """A compiled catalog (``.mo``) whose ``.po`` is gone and that cannot be removed: its
    translations may still be used (remove it by hand)."""

    INTERFACE_TRANSLATION = "interface_translation"
    """An entry of a site's interface catalog (``sphinx.po``, ``dassco.po`` in its
    ``locale_dirs``) that adds HTML characters or changes placeholders (``{page}``,
    ``%(title)s``), reported at its line: the package's own translation, or English, is used."""

    PER_LANGUAGE = "per_language"
    """A per-language value (``{en: ..., da: ...}``) naming a language the site does not have,
    holding something other than text, or missing the source language: that language's value
    is ignored (without the source language's, the key is not set)."""

    DATE = "date"
    """A ``date`` that is not an ISO date (``2025-05-14``): the page has no date (it is listed
    after the dated pages)."""

    EMAIL = "email"
    """An ``email`` that is not an e-mail address: no e-mail link is shown."""

    IMAGE = "image"
    """An ``image`` that is missing, outside the source tree or not an image, or a raw
    ``<img>`` with a site path that cannot be made an image: no image is shown (the raw HTML
    is left as it is)."""

    ALIAS = "alias"
    """An ``aliases`` entry that is not a site path, names a language the site does not have,
    or is taken by a page or another alias (an error naming both): no redirect is written
    for it, and nothing is overwritten."""

    LISTING = "listing"
    """A ``news``, ``team`` or ``partners`` directive with a bad folder or option, or a folder
    with no pages: the listing is empty (or the option's default is used)."""

    TEXT = "text"
    """Text that cannot be written as it is: a lone surrogate (``"\\ud800"``) or a control
    character (``"\\x04"``) in front matter or in a page, reported at its line: each such
    character is replaced by U+FFFD, the rest of the text is kept."""

    LIMIT = "limit"
    """Input beyond a bound that keeps every build small and fast: front matter nested too
    deeply or too large, an image with more pixels than ``dassco_max_image_pixels``, a
    translation longer than the largest message: the input is left out (the page, the image
    or the source text is used instead), reported at its line with its size."""

    COLLISION = "collision"
    """Two pages (or a page and one of Sphinx's own files) that would write one output file:
    an error naming both; the second is not written, nothing is overwritten."""

    MYST_OPTION = "myst_option"
    """A front-matter ``myst:`` option that is not on dassco-ext's allowlist (extensions,
    substitutions and anything that runs templates or changes parsing site-wide): it is
    ignored."""

    PATH = "path"
    """A path a page names that the file system cannot answer for (a name longer than the
    system allows, a path through a file): a link or image is shown as its text, any other
    use of the path is skipped, reported at its line."""

    @property
    def subtype(self) -> str:
        """The ``dassco.<subtype>`` name to put in ``suppress_warnings``."""
        return f"{WARNING_TYPE}.{self.value}"


def at(path: str, line: int | None) -> str:
    """A ``path:line`` location for text that is not a parsed node (front matter, ``.po``),
    the path as a reader finds it (``docs/../locale/x.po`` is ``locale/x.po``)."""
    return f"{os.path.normpath(path)}:{line or 1}"


#: Characters that must never reach a log line as they are: C0/C1 controls (newlines forge
#: log lines, ESC starts terminal sequences), bidi controls (they reorder what a reader sees),
#: line/paragraph separators and lone surrogates (they cannot be encoded). Tab is kept.
_UNSAFE_LOG_RE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def log_safe(text: str) -> str:
    """``text`` with every control, bidi and surrogate character written as an escape
    (``\\n``, ``\\x1b``, ``\\u202e``): quoted user text can never forge a log line,
    colour a terminal or fail to encode."""
    return _UNSAFE_LOG_RE.sub(_escape_char, text)


def warn(
    kind: DasscoWarnings,
    message: str,
    location: nodes.Node | str | tuple[str | None, int | None] | None = None,
    **kwargs: Any,
) -> None:
    """Log one typed, located warning.

    ``location`` is a node, a ``(docname, line)`` pair, or a ``path:line`` string (:func:`at`).
    The message goes through :func:`log_safe`: whatever user text it quotes, it is one line.
    """
    LOGGER.warning(
        log_safe(message), type=WARNING_TYPE, subtype=kind.value, location=location, **kwargs
    )


def error(
    kind: DasscoWarnings,
    message: str,
    location: nodes.Node | str | tuple[str | None, int | None] | None = None,
) -> None:
    """Log one typed, located error: for conflicts between pages that need an editor."""
    LOGGER.error(log_safe(message), type=WARNING_TYPE, subtype=kind.value, location=location)
