"""The interface's words shown untranslated, marked as the source's language.

The HTML templates (pydata-sphinx-theme's, Sphinx's basic theme's, the package's) say
"Search", "On this page", "Skip to main content" through gettext (``_()``, ``{% trans %}``).
A word the build's language has no translation for is shown in English inside
``<html lang="de">``; a screen reader would speak it, and a browser hyphenate it, by German
rules. So, on a translated build (not the source's language, not the ``gettext`` builder):

- on ``builder-inited`` (:data:`~.pipeline.INTERFACE_WORDS`, after every handler that may
  touch the templates), the builder's own Jinja environment gets gettext callables
  (:class:`InterfaceGettext`) that return an untranslated message between two sentinels,
  :data:`OPEN` and :data:`CLOSE` (Unicode noncharacters, which Unicode sets aside for a
  program's internal use: icon fonts use the private-use area, never these). A message counts
  as translated when the translator's catalogs (through its fallbacks) have it with a
  non-empty ``msgstr``, even one equal to the ``msgid`` ("Navigation" in German);
- the environment's template class renders a page template (``*.html``) and then, only if a
  sentinel is there, rewrites it (:func:`rewrite`): a sentinel pair in text becomes
  ``<span lang="en">...</span>``; sentinels anywhere else (attribute values, ``<title>``,
  ``<script>``, ``<style>``, ``<textarea>``, ``<option>``, comments, SVG) are removed, as
  are their JSON escapes (``tojson``) and URL encodings there, and the text stays as it is.
  Other templates (``*.js_t``, ``render_string``) lose their sentinels and get no markup;
- on ``build-finished`` the environment gets its own callables and template class back.

pydata-sphinx-theme's header dropdown ("More") is translated in Python, from the text its
template hands ``generate_header_nav_html``: on ``html-page-context``
(:data:`~.pipeline.INTERFACE_DROPDOWN`, after the theme and after :mod:`..page.safetitles`
wrapped it) that text is handed on between the sentinels when it has no translation, so the
page's rewrite marks it too. Other words computed in Python (Sphinx's page titles such as the
search page's ``<title>``, which may hold no markup anyway) are not marked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import pipeline
from .fallback import html_code, source_language

if TYPE_CHECKING:
    from collections.abc import Iterator
    from gettext import NullTranslations

    from sphinx.application import Sphinx

#: Before and after a message that has no translation (Unicode noncharacters U+FDD0, U+FDD1).
OPEN = "\ufdd0"
CLOSE = "\ufdd1"
#: Their JSON escapes (``tojson`` escapes every non-ASCII character) and URL encodings
#: (``urlencode``), in the cases encoders write them.
_ESCAPED = re.compile(r"\\u(?:fdd|FDD)[01]|%(?:EF%B7|ef%b7)%9[01]")
_GETTEXT_NAMES = ("gettext", "ngettext", "pgettext", "npgettext")
#: Templates whose output is HTML (a page); any other template's output only loses sentinels.
HTML_TEMPLATE_SUFFIXES = (".html", ".htm", ".xhtml")


# --- which messages have a translation ---------------------------------------------------------

class InterfaceGettext:
    """gettext callables for Jinja that put an untranslated message between sentinels."""

    def __init__(self, translations: NullTranslations) -> None:
        self.translations = translations
        self._known: dict[str, bool] = {}
        #: Whether any message came out untranslated yet: until one has, no page has a sentinel
        #: (a language with its whole interface translated never looks for one).
        self.used = False

    def _mark(self, text: str) -> str:
        self.used = True
        return OPEN + text + CLOSE

    def _chain(self) -> Iterator[Any]:
        seen: set[int] = set()
        translations: Any = self.translations
        while translations is not None and id(translations) not in seen:
            seen.add(id(translations))
            yield translations
            translations = getattr(translations, "_fallback", None)

    def _has(self, key: str, count: int | None = None) -> bool:
        """The catalogs have ``key`` with a non-empty ``msgstr`` (for ``count``: its plural form)."""
        for translations in self._chain():
            catalog = getattr(translations, "_catalog", None)
            if not isinstance(catalog, dict):
                continue
            try:
                if count is None:
                    # as GNUTranslations.gettext: the msgid, or its singular of a plural entry
                    found = catalog.get(key) or catalog.get((key, translations.plural(1)))
                else:
                    found = catalog.get((key, translations.plural(count)))
            except Exception:  # noqa: BLE001, S112 - a broken Plural-Forms: this catalog has no form
                continue
            if found:
                return True
        return False

    def _known_singular(self, key: str) -> bool:
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = self._has(key)
        return known

    def marked_if_untranslated(self, message: str) -> str:
        """``message`` itself, between the sentinels if it has no translation (for a caller
        that translates it afterwards)."""
        return message if self._known_singular(message) else self._mark(message)

    def gettext(self, message: str) -> str:
        text = self.translations.gettext(message)
        return text if self._known_singular(message) else self._mark(text or message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        text = self.translations.ngettext(singular, plural, count)
        if self._has(singular, count):
            return text
        return self._mark(text or (singular if count == 1 else plural))

    def pgettext(self, context: str, message: str) -> str:
        text = self.translations.pgettext(context, message)
        return text if self._known_singular(f"{context}\x04{message}") else self._mark(text or message)

    def npgettext(self, context: str, singular: str, plural: str, count: int) -> str:
        text = self.translations.npgettext(context, singular, plural, count)
        if self._has(f"{context}\x04{singular}", count):
            return text
        return self._mark(text or (singular if count == 1 else plural))


# --- the rendered page --------------------------------------------------------------------------

def has_sentinel(text: str) -> bool:
    """A sentinel, escaped or not, is in ``text`` (the fast check before any rewriting)."""
    if OPEN in text or CLOSE in text:
        return True
    if "\\ufdd" in text or "\\uFDD" in text or "%EF%B7%9" in text or "%ef%b7%9" in text:
        return _ESCAPED.search(text) is not None
    return False


def strip(text: str) -> str:
    """``text`` without sentinels, escaped or not."""
    if OPEN in text or CLOSE in text:
        text = text.replace(OPEN, "").replace(CLOSE, "")
    return _ESCAPED.sub("", text) if "\\u" in text or "%" in text else text


_MARKUP = re.compile(
    r"""<!--(?:-?>|.*?(?:--!?>|\Z))                # a comment
      | <[!?][^>]*(?:>|\Z)                         # doctype, CDATA, processing instruction
      | </(?![A-Za-z])[^>]*(?:>|\Z)                # "</" and no name: a bogus comment
      | <(?P<end>/)?(?P<name>[A-Za-z][^\s/>]*)     # a tag, quotes honoured wherever they are
        (?:[^>"']+|"[^"]*(?:"|\Z)|'[^']*(?:'|\Z))*(?:>|\Z)
    """,
    re.DOTALL | re.VERBOSE,
)
#: Elements whose content is text up to their end tag (no markup inside).
#: (Not ``noscript``: where it is shown, scripting is off and its content is markup.)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
#: Elements inside which text takes no ``<span>`` (text-only content, foreign content, head).
_NO_MARKUP = frozenset({"head", "select", "datalist", "optgroup", "option", "svg", "math"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
#: Elements a ``<span>`` may hold: a region of only these (balanced) gets one span.
_PHRASING = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
})
_RAW_END: dict[str, re.Pattern[str]] = {name: re.compile(rf"</{name}(?=[\s/>]|\Z)", re.IGNORECASE) for name in _RAW_TEXT}

# token kinds
_TEXT, _OPEN, _CLOSE, _TAG, _OTHER = range(5)
Token = tuple[int, str, str, bool]  #: kind, its text (sentinels removed but in _TEXT), name, end tag


_SPLIT = re.compile(f"([{OPEN}{CLOSE}])")


def _text_tokens(text: str, markable: bool) -> Iterator[Token]:
    if not markable:
        yield (_OTHER, strip(text), "", False)
        return
    for piece in _SPLIT.split(text):
        if piece == OPEN or piece == CLOSE:
            yield (_OPEN if piece == OPEN else _CLOSE, "", "", False)
        elif piece:
            yield (_TEXT, piece, "", False)


def _tokens(html: str) -> Iterator[Token]:
    """The page as text (split at its sentinels where a ``<span>`` may go), tags and the rest."""
    position = 0
    inside: dict[str, int] = dict.fromkeys(_NO_MARKUP, 0)  # open elements whose text takes no span
    while position < len(html):
        match = _MARKUP.search(html, position)
        stop = match.start() if match else len(html)
        if stop > position:
            yield from _text_tokens(html[position:stop], not any(inside.values()))
        if match is None:
            return
        position = match.end()
        name = (match["name"] or "").lower()
        if not name:
            yield (_OTHER, strip(match[0]), "", False)
            continue
        end = bool(match["end"])
        yield (_TAG, strip(match[0]), name, end)
        if name in _NO_MARKUP:
            inside[name] = max(inside[name] - 1, 0) if end else inside[name] + 1
            if end and name in ("select", "datalist"):
                inside["option"] = inside["optgroup"] = 0  # their end tags may be left out
        elif not end and name in _RAW_TEXT and match[0].endswith(">"):
            finish = _RAW_END[name].search(html, position)
            stop = finish.start() if finish else len(html)
            if stop > position:
                yield (_OTHER, strip(html[position:stop]), "", False)
            position = stop
        elif not end and name == "plaintext" and match[0].endswith(">"):
            yield (_OTHER, strip(html[position:]), "", False)
            return


def _one_element(region: list[Token]) -> bool:
    """The region's tags are phrasing elements, each closed inside it: one ``<span>`` holds it."""
    stack: list[str] = []
    for kind, _text, name, end in region:
        if kind == _OTHER or (kind == _TAG and name not in _PHRASING):
            return False
        if kind != _TAG or name in _VOID:
            continue
        if not end:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def _wrapped(text: str, opening: str, closing: str) -> list[str]:
    return [opening, text, closing] if text.strip() else [text]


def rewrite(html: str, opening: str, closing: str) -> str:
    """``html`` without sentinels: each outermost pair of them in text becomes ``opening`` and
    ``closing`` around what it held (or around each of its texts, if its tags would not nest
    inside one element). Sentinels in tags, comments, raw text, text-only elements, and
    sentinels without a partner are removed; the text stays as it is."""
    if not has_sentinel(html):
        return html
    tokens = list(_tokens(html))
    partner: dict[int, int] = {}
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token[0] == _OPEN:
            stack.append(index)
        elif token[0] == _CLOSE and stack:
            partner[stack.pop()] = index
    out: list[str] = []
    index = 0
    while index < len(tokens):
        kind, text = tokens[index][0], tokens[index][1]
        if kind == _OPEN and index in partner:
            last = partner[index]
            region = tokens[index + 1:last]
            if _one_element(region):
                out += _wrapped("".join(t[1] for t in region), opening, closing)
            else:
                run: list[str] = []
                for token in region:
                    if token[0] == _TEXT:
                        run.append(token[1])
                    elif token[0] in (_TAG, _OTHER):
                        out += _wrapped("".join(run), opening, closing) if run else []
                        run = []
                        out.append(token[1])
                out += _wrapped("".join(run), opening, closing) if run else []
            index = last + 1
            continue
        out.append(text)  # the text of an unpaired sentinel is ""
        index += 1
    return "".join(out)


def mark_untranslated(html: str, language: str) -> str:
    """Every untranslated interface text in ``html`` marked ``lang="<language>"``."""
    return rewrite(html, f'<span lang="{language}">', "</span>")


class InterfaceTemplate:
    """Mixed into the environment's template class: a page rendered, then its sentinels
    made marks (HTML templates) or removed (any other)."""

    dassco_language = "en"
    dassco_words: InterfaceGettext | None = None
    dassco_restore: tuple[dict[str, Any], type] | None = None

    def render(self, *args: Any, **kwargs: Any) -> str:
        html: str = super().render(*args, **kwargs)  # type: ignore[misc]
        if self.dassco_words is None or not self.dassco_words.used or not has_sentinel(html):
            return html
        name = getattr(self, "name", None) or ""
        if name.endswith(HTML_TEMPLATE_SUFFIXES):
            return mark_untranslated(html, self.dassco_language)
        return strip(html)


# --- installing and removing -------------------------------------------------------------------

def _environment(app: Sphinx) -> Any:
    """The Jinja environment of the builder's templates, if they are Sphinx's own."""
    from sphinx.jinja2glue import BuiltinTemplateLoader

    templates = getattr(app.builder, "templates", None)
    if not isinstance(templates, BuiltinTemplateLoader):
        return None
    environment = getattr(templates, "environment", None)
    return environment if hasattr(environment, "install_gettext_callables") else None


def install(app: Sphinx) -> None:
    """On ``builder-inited``: the builder's templates mark what has no translation."""
    from sphinx.builders.gettext import MessageCatalogBuilder

    source, language = source_language(app.config), app.config.language
    if not source or not language or language == source or isinstance(app.builder, MessageCatalogBuilder):
        return
    environment = _environment(app)
    if environment is None or getattr(environment.template_class, "dassco_restore", None) is not None:
        return
    saved = {name: environment.globals.get(name) for name in _GETTEXT_NAMES}
    base = environment.template_class
    words = InterfaceGettext(app.translator)
    environment.install_gettext_callables(
        words.gettext, words.ngettext, newstyle=environment.newstyle_gettext,
        pgettext=words.pgettext, npgettext=words.npgettext,
    )
    environment.template_class = type(
        "InterfaceTemplate", (InterfaceTemplate, base),
        {"dassco_language": html_code(source), "dassco_words": words, "dassco_restore": (saved, base)},
    )
    if environment.cache is not None:
        environment.cache.clear()  # no template loaded before keeps the old class


def uninstall(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: the environment as Sphinx made it."""
    environment = _environment(app)
    restore = getattr(getattr(environment, "template_class", None), "dassco_restore", None)
    if restore is None:
        return
    saved, base = restore
    for name, value in saved.items():
        if value is None:
            environment.globals.pop(name, None)
        else:
            environment.globals[name] = value
    environment.template_class = base
    if environment.cache is not None:
        environment.cache.clear()


#: pydata-sphinx-theme's ``generate_header_nav_html(n_links_before_dropdown, dropdown_text)``
#: default dropdown text.
_THEME_DROPDOWN_DEFAULT = "More"


def mark_theme_dropdown(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``: the theme's header dropdown text goes in marked when untranslated."""
    environment = _environment(app)
    words = getattr(getattr(environment, "template_class", None), "dassco_words", None)
    function = context.get("generate_header_nav_html")
    if words is None or not callable(function) or getattr(function, "dassco_dropdown", False):
        return

    def generate(*args: Any, **kwargs: Any) -> Any:
        if len(args) >= 2:
            args = (args[0], words.marked_if_untranslated(str(args[1])), *args[2:])
        else:
            kwargs["dropdown_text"] = words.marked_if_untranslated(
                str(kwargs.get("dropdown_text", _THEME_DROPDOWN_DEFAULT)))
        return function(*args, **kwargs)

    generate.__wrapped__ = function  # type: ignore[attr-defined]
    generate.dassco_dropdown = True  # type: ignore[attr-defined]
    context["generate_header_nav_html"] = generate


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", install, priority=pipeline.INTERFACE_WORDS)
    app.connect("html-page-context", mark_theme_dropdown, priority=pipeline.INTERFACE_DROPDOWN)
    app.connect("build-finished", uninstall)
