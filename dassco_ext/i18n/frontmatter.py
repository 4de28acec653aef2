"""Front matter through gettext: the hero's texts translated with their ``msgctxt``.

:class:`TranslateFrontMatter` translates them (after the hero is built, before Locale and
before the environment records the page title) from the page's own catalog, re-rendering
``imageLicense`` Markdown (judged by the rule every translated message follows,
:func:`~.markup.judge`: a credit whose markup differs from the source's keeps the source's).
"""

from __future__ import annotations

import posixpath
import weakref
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging as sphinx_logging

from .. import pipeline
from ..page.frontmatter import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, UNWRITABLE_RE
from ..page.markdown import inline_tokens, render_inline
from ..warnings_ import DasscoWarnings, warn
from .catalogs import page_translations
from .extraction import CONTEXT_SEPARATOR, _line_of, front_matter_messages
from .markup import ACCEPTED, Verdict, judge, reorder_flagged, report
from .perlanguage import fallback_translations

if TYPE_CHECKING:
    from collections.abc import Collection

    from sphinx.application import Sphinx


#: ``env -> {(folder, msgid, msgstr): verdict}``: the credits judged in the reading under way
#: (forgotten when the next reading starts; weak: nothing outlives the environment).
_CREDIT_VERDICTS: weakref.WeakKeyDictionary[Any, dict[tuple[str, str, str], Verdict]] = weakref.WeakKeyDictionary()


def _forget_credits(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """On ``env-before-read-docs``: a new reading judges its credits again."""
    _CREDIT_VERDICTS.pop(env, None)


class _EverySnippet:
    """``keep_raw`` for :func:`render_inline` that keeps every raw HTML snippet."""

    def __contains__(self, item: object) -> bool:
        return True


_EVERY_SNIPPET: Any = _EverySnippet()


def keep_from_locale(node: nodes.Element) -> None:
    """Make Sphinx extract no message from ``node``: Locale must not translate a front-matter
    text without its context (nor ``gettext`` extract it without one).

    ``translatable = False`` says so, but for a text element Sphinx then renders the node as
    XML for a debug message on every pass over the page's messages, logged or not (about a
    tenth of a Danish build). A text element without raw source and an inline without the
    flag are passed over quietly; the message itself is kept in ``dassco_msgid``. Images
    (their alt text) and ``inline`` elements keep the flag: Sphinx unwraps flagged inlines
    when it writes, and a button's label must stay as it is."""
    if isinstance(node, nodes.image | nodes.inline):
        node["translatable"] = False
        return
    if not isinstance(node, nodes.Inline):
        node.rawsource = ""  # what Sphinx extracts from a text element (its shown text stays)
    node.attributes.pop("translatable", None)


class TranslateFrontMatter(SphinxTransform):
    """Translate the hero's texts as ``pgettext(key, text)`` would, from the page's catalog.

    The catalog is looked up directly (context and message joined by ``\\x04``, as compiled
    catalogs store them), merged over its fallbacks exactly as Sphinx's Locale does.
    """

    default_priority = pipeline.TRANSLATE_FRONT_MATTER

    def apply(self, **kwargs: Any) -> None:
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get(pipeline.FRONT_MATTER_KEY) and xref.children and isinstance(xref[0], nodes.inline):
                xref[0][pipeline.FRONT_MATTER_KEY] = xref[pipeline.FRONT_MATTER_KEY]
                xref[0].source, xref[0].line = xref.source, xref.line
        found = list(front_matter_messages(self.document))
        for node, _key, msgid in found:
            node[pipeline.FRONT_MATTER_MSGID] = msgid
            keep_from_locale(node)
        if not found or not self.config.language:
            return
        # per-language front-matter values stand in where the catalog has no translation
        fallback = fallback_translations(self.env.temp_data.get(pipeline.FRONT_MATTER_DATA), self.config.language)
        if not self.config.locale_dirs and not fallback:
            return
        merged = page_translations(self.env, self.env.docname) if self.config.locale_dirs else {}
        for node, key, msgid in found:
            msgstr = merged.get(key + CONTEXT_SEPARATOR + msgid, "")
            if not msgstr.strip():  # a translator's msgstr, even one equal to the msgid, wins
                msgstr = fallback.get(key + CONTEXT_SEPARATOR + msgid, msgstr)
            if msgstr.strip() and msgstr != msgid:
                self.translate(node, key, msgstr.strip())

    def translate(self, node: nodes.Element, key: str, msgstr: str) -> None:
        """Plain-text keys become text (escaped wherever they are written); ``imageLicense``
        is inline Markdown and is judged as a page's message is (:func:`~.markup.judge`):
        a credit whose markup is not the source's keeps the source's credit."""
        msgstr = self.within_limits(node, key, msgstr)
        if isinstance(node, nodes.image):
            node["alt"] = msgstr
        elif key == "imageLicense":
            msgid = node[pipeline.FRONT_MATTER_MSGID]

            def parse(text: str, keep_raw: Collection[str] = ()) -> list[nodes.Node]:
                return render_inline(text, self.document, source=node.source or "", line=node.line, keep_raw=keep_raw)

            context_key = key + CONTEXT_SEPARATOR + msgid
            # judged with its raw HTML as HTML (which the credit then shows as text, as the
            # source's); one inline token signature (as render_inline reads it) needs no parse.
            # Pages that share an image share its credit: judged once per reading and folder
            # (a relative target resolves from the page's folder; the order alone differing is
            # the one part of the verdict that depends on the entry's flag)
            judged = _CREDIT_VERDICTS.setdefault(self.env, {})
            seen_as = (posixpath.dirname(self.env.docname), msgid, msgstr)
            verdict = judged.get(seen_as)
            if verdict is None:
                myst = getattr(self.env, "myst_config", None)
                verdict = judged[seen_as] = judge(
                    msgid, msgstr, lambda text: parse(text, _EVERY_SNIPPET),
                    tokens=(lambda text: inline_tokens(text, myst)) if myst is not None else None)
            if verdict.reordered and reorder_flagged(self.env, self.env.docname, context_key):
                verdict = ACCEPTED
            if not verdict.ok:
                report(verdict, self.env, self.env.docname, context_key, fallback="the source's credit is shown")
                return
            with sphinx_logging.suppress_logging():  # parsed (and any problem reported) as the source
                rendered = parse(msgstr)
            label = [c for c in node.children if isinstance(c, nodes.Element) and "dassco-hero-credit-label" in c["classes"]]
            node.children = []
            node.extend(label)
            node.extend(rendered)
            node.rawsource = msgstr
        else:
            node.children = []
            node += nodes.Text(msgstr)


    def within_limits(self, node: nodes.Element, key: str, msgstr: str) -> str:
        """A translation is held to the lengths its source is (title 200, other texts 2,000
        characters) and to the same characters (none that cannot be written)."""
        limit = TITLE_MAX_LENGTH if key == "title" else TEXT_MAX_LENGTH
        location = (self.env.docname, _line_of(node))
        cleaned = UNWRITABLE_RE.sub("\ufffd", msgstr)
        if cleaned != msgstr:
            warn(
                DasscoWarnings.TEXT,
                f"the translation of front matter '{key}' holds characters that cannot be "
                "written (control characters or lone surrogates); each is shown as \ufffd",
                location,
            )
        if len(cleaned) > limit:
            warn(
                DasscoWarnings.TITLE if key == "title" else DasscoWarnings.KEY_TYPE,
                f"the translation of front matter '{key}' is {len(cleaned)} characters long; "
                f"it is cut to {limit}",
                location,
            )
            cleaned = cleaned[: limit - 1].rstrip() + "…"
        return cleaned


def setup(app: Sphinx) -> None:
    app.add_transform(TranslateFrontMatter)
    app.connect("env-before-read-docs", _forget_credits)
