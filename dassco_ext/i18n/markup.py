"""What a translation may change: its words, never its markup.

Translations come from many hands through a translation platform, and Sphinx's ``Locale``
parses each ``msgstr`` with the page's own parser, like the page's own text: a role, a link,
an image, an attribute list or raw HTML in it would reach the page and its PDF brief.

The rule is an allowlist. A translation is accepted when, parsed exactly as ``Locale`` parses
it (MyST for ``.md``, reStructuredText for ``.rst``; a title, a literal block and a trailing
``::`` wrapped as Locale wraps them), its doctree is its source's with only the text changed:
the same elements, in the same order, with the same attributes (targets, URIs, classes, ids,
roles, formats...) and the same raw HTML, byte for byte (:func:`markup_signature`). Text nodes
are abstracted away, and so are the attributes that are made from text (``names``, ``alt``,
a link's ``title``, the id reStructuredText makes for a link's target from its text). An entry flagged
``#, dassco-reorder`` may put the same elements in another order (links in a sentence whose
word order differs).

- :func:`judge` is the one judgement: the build (:class:`SafeTranslations`, for every message
  of a page; :mod:`.frontmatter` for the ``imageLicense`` credit), and so the PDF brief built
  from the same doctrees, and ``make intl-check`` (which reports the build's judgements)
  all call it.
- :func:`plain` is the cheap pre-filter: a message and translation that are both plain words
  cannot hold markup in either parser, and are accepted without being parsed.

A rejected translation is one warning at the ``.po`` file and line of the entry, naming what
differs, and its message shows the source text (the page's other messages stay translated).
"""

from __future__ import annotations

import collections
import copy
import dataclasses as dc
import re
from textwrap import indent
from typing import TYPE_CHECKING, Any

from docutils import nodes
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import _publish_msgstr, parse_noqa
from sphinx.util import get_filetype
from sphinx.util import logging as sphinx_logging
from sphinx.util.nodes import LITERAL_TYPE_NODES, extract_messages

from .. import pipeline
from ..warnings_ import DasscoWarnings, at, warn
from .catalogs import page_translations
from .entries import po_entry
from .extraction import CONTEXT_SEPARATOR
from .signatures import (  # noqa: F401 - markup_signature and token_signature: also read from here
    _TARGET_ATTRIBUTES,
    _TARGET_NODES,
    Entry,
    describe_entry,
    markup_signature,
    token_signature,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

#: The flag a translator puts on an entry whose links (or other elements) are in another order.
REORDER_FLAG = "dassco-reorder"


#: One line of plain words (no character that opens markup in MyST or reStructuredText, no
#: entity, escape, line break, list or heading): starts with a letter, ends without blanks.
_PLAIN_RE = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.;:?!'\"()/%\u2013\u2014\u2019-])*(?<! )")
#: What makes plain words markup in reStructuredText: ``scheme:x`` (a standalone URI), a
#: trailing ``::`` (a literal block), a first word ending in ``.`` or ``)`` (``A. x``, ``iv) x``:
#: an enumerated list).
_RST_NOT_PLAIN_RE = re.compile(r":(?!\s)|::|^\S*[.)](?:\s|$)")
#: MyST extensions that turn plain words into links: no short cut with them.
_LINKING_EXTENSIONS = frozenset({"linkify"})


def plain(text: str, filetype: str = "markdown", *, linkify: bool = False) -> bool:
    """``True`` when ``text`` is one paragraph of plain words for the parser of ``filetype``:
    parsed, it can only be a paragraph holding text (no markup of any kind)."""
    if linkify or not _PLAIN_RE.fullmatch(text):
        return False
    return filetype != "restructuredtext" or not _RST_NOT_PLAIN_RE.search(text)


# --- the judgement ------------------------------------------------------------------------------

@dc.dataclass(frozen=True)
class Verdict:
    """How a translation's markup differs from its source's (``ok``: it does not)."""

    added: tuple[Entry, ...] = ()
    missing: tuple[Entry, ...] = ()
    reordered: bool = False

    @property
    def ok(self) -> bool:
        return not (self.added or self.missing or self.reordered)

    @property
    def kind(self) -> DasscoWarnings:
        """``translation_target`` when a link, image or target differs, else ``translation_markup``."""
        def leads(entry: Entry) -> bool:
            return entry[0] in {"kramdown_attr_list", "refused_link", *(cls.__name__ for cls in _TARGET_NODES)} or any(
                key in _TARGET_ATTRIBUTES for key, _ in entry[1])
        if self.reordered or any(leads(e) for e in (*self.added, *self.missing)):
            return DasscoWarnings.TRANSLATION_TARGET
        return DasscoWarnings.TRANSLATION_MARKUP

    def describe(self) -> str:
        parts = []
        added, missing = list(self.added), list(self.missing)
        for old in list(missing):  # an element of the same kind on both sides: what changed in it
            new = next((e for e in added if e[0] == old[0]), None)
            if new is None:
                continue
            added.remove(new)
            missing.remove(old)
            before, after = dict(old[1]), dict(new[1])
            changed = [f"{'text' if k == '#text' else k} {before.get(k)!r} -> {after.get(k)!r}"
                       for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
            parts.append(f"changes {old[0]} ({', '.join(changed)})")
        if added:
            parts.append("adds " + "; ".join(describe_entry(e) for e in added))
        if missing:
            parts.append("drops " + "; ".join(describe_entry(e) for e in missing))
        if self.reordered:
            parts.append(f"puts its markup in another order (if that is meant, flag the entry '#, {REORDER_FLAG}')")
        return ", ".join(parts)


ACCEPTED = Verdict()


def compare(source: tuple[Entry, ...], translation: tuple[Entry, ...], *, reorder: bool = False) -> Verdict:
    """The verdict on two signatures (:func:`markup_signature`)."""
    if source == translation:
        return ACCEPTED
    src, dst = collections.Counter(source), collections.Counter(translation)
    added, missing = tuple((dst - src).elements()), tuple((src - dst).elements())
    if added or missing:
        return Verdict(added, missing)
    return ACCEPTED if reorder else Verdict(reordered=True)


def judge(
    msgid: str, msgstr: str, parse: Callable[[str], nodes.Node | list[nodes.Node]], *,
    filetype: str = "markdown", reorder: bool | Callable[[], bool] = False, linkify: bool = False,
    tokens: Callable[[str], Any] | None = None, source_tokens: Callable[[str], Any] | None = None,
) -> Verdict:
    """The one judgement of a translation: ``parse`` both texts as the page would and compare
    their markup. Both plain words (:func:`plain`), or one markdown-it token signature
    (``tokens``: the page's markdown-it parse, :func:`token_signature`): accepted without
    making a document; ``source_tokens``: the source's tokens where the page's own parse has
    them (else ``tokens``). ``reorder``
    (or a function saying so, asked only when the order alone differs): the entry's
    ``dassco-reorder`` flag."""
    if plain(msgid, filetype, linkify=linkify) and plain(msgstr, filetype, linkify=linkify):
        return ACCEPTED
    if tokens is not None and token_signature((source_tokens or tokens)(msgid)) == token_signature(tokens(msgstr)):
        return ACCEPTED  # the same markup, text aside, without making a document of either
    with sphinx_logging.suppress_logging():  # the parses are the page's: reported where it is parsed
        try:
            source = markup_signature(parse(msgid))
            translation = markup_signature(parse(msgstr))
        except Exception as exc:  # noqa: BLE001 - a message the parser chokes on: its source is shown
            return Verdict(added=(("unparsable", (("error", f"{type(exc).__name__}: {exc}"),)),))
        verdict = compare(source, translation)
    if verdict.reordered and (reorder() if callable(reorder) else reorder):
        return ACCEPTED
    return verdict


def judge_markdown(msgid: str, msgstr: str) -> Verdict:
    """:func:`judge` outside a build (the Jekyll importer): both texts parsed by MyST's
    docutils parser with the syntax DaSSCo's pages use (attribute lists)."""
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    def parse(text: str) -> nodes.Node:
        return publish_doctree(text, parser=Parser(), settings_overrides={
            "report_level": 5, "halt_level": 5, "myst_enable_extensions": ["attrs_inline", "attrs_block"],
        })

    return judge(msgid, msgstr, parse)


# --- at build time ------------------------------------------------------------------------------

def report(verdict: Verdict, env: Any, docname: str, key: str, *, fallback: str) -> None:
    """One warning at the ``.po`` entry of ``key`` (else at the page), naming what differs."""
    entry = po_entry(env, docname, key)
    location = at(entry.path, entry.line) if entry is not None else None
    msgid = key.split(CONTEXT_SEPARATOR)[-1]
    shown = msgid if len(msgid) <= 60 else msgid[:57] + "..."
    warn(verdict.kind, f"translation of {shown!r} {verdict.describe()}: {fallback}",
         location or (docname, None))


def reorder_flagged(env: Any, docname: str, key: str) -> bool:
    """Whether the entry of ``key`` is flagged ``#, dassco-reorder``."""
    entry = po_entry(env, docname, key)
    return entry is not None and REORDER_FLAG in entry.flags


class SafeTranslations(SphinxTransform):
    """Judge every translated message of the page (:func:`judge`) before Locale translates it;
    a rejected one is reported once and kept from Locale (``translatable = False``), so the
    page shows its source text.

    Priority 19: right before Sphinx's Locale (20), after the hero is translated (19, registered
    first). The translation is parsed exactly as Locale parses it, with the same document
    name, so MyST's memo of the page's messages (:mod:`dassco_ext.page.parser`) makes
    Locale's parse of an accepted translation a copy of this one.
    """

    default_priority = pipeline.SAFE_TRANSLATIONS

    def apply(self, **kwargs: Any) -> None:
        if not self.config.language or not self.config.locale_dirs:
            return
        merged = page_translations(self.env, self.env.docname)
        if not merged:
            return
        source = self.document["source"]
        filetype = get_filetype(self.config.source_suffix, source)
        myst = getattr(self.env, "myst_config", None)
        settings = self.document.settings
        if filetype == "restructuredtext":  # "PEP 8", "RFC 2822" become links with these settings
            linkify = bool(getattr(settings, "pep_references", False) or getattr(settings, "rfc_references", False))
        else:
            linkify = myst is not None and (
                bool(_LINKING_EXTENSIONS.intersection(myst.enable_extensions)) or myst.gfm_only)
        reported: set[str] = self.env.temp_data.setdefault("dassco_judged", set())
        tokens = None
        if filetype != "restructuredtext" and myst is not None:
            md = create_md_parser(myst, SphinxRenderer)
            parsed: dict[str, tuple[Any, dict]] = self.env.temp_data.setdefault(pipeline.MESSAGE_TOKENS, {})

            def tokens(text: str) -> Any:
                """markdown-it's parse, kept for Locale's parse of the same text (page.parser)."""
                md_env: dict = {}
                found = md.parse(text, md_env)
                parsed[text] = (found, md_env)
                return found
        self._judge_messages(merged, filetype, linkify, reported, tokens, tokens)

    def _judge_messages(self, merged: dict[str, str], filetype: str, linkify: bool, reported: set[str],
                        tokens: Callable[[str], Any] | None, source_tokens: Callable[[str], Any] | None) -> None:
        for node, msgid in list(extract_messages(self.document)):
            if isinstance(node, (*LITERAL_TYPE_NODES, addnodes.translatable, nodes.meta)):
                continue  # code, or text set as an attribute: no markup
            if isinstance(node, nodes.image) and node.get("alt") == msgid:
                continue  # alt text
            msgstr, _noqa = parse_noqa(merged.get(msgid, ""))
            if not msgstr.strip() or msgstr == msgid:
                continue
            verdict = judge(
                msgid, msgstr, lambda text, node=node: self._parse_as_locale(node, text), filetype=filetype,
                reorder=lambda msgid=msgid: reorder_flagged(self.env, self.env.docname, msgid), linkify=linkify,
                tokens=tokens, source_tokens=source_tokens,
            )
            if verdict.ok:
                continue
            node["translatable"] = False  # Locale leaves it alone: the source text is shown
            node["translated"] = False
            if msgid not in reported:
                reported.add(msgid)
                report(verdict, self.env, self.env.docname, msgid, fallback="the source text is shown")

    def _settings(self) -> Any:
        """The page's settings, but that no directive reads a file: a message is a paragraph
        or a title, so only a hostile translation can hold ``include`` (and it is judged,
        never shown, so nothing is read for it)."""
        kept = self.env.temp_data.get("dassco_judge_settings")
        if kept is None:
            kept = copy.copy(self.document.settings)
            kept.file_insertion_enabled = False
            self.env.temp_data["dassco_judge_settings"] = kept
        return kept

    def _parse_as_locale(self, node: nodes.Element, text: str) -> nodes.Node:
        """``text`` published as Sphinx's Locale publishes a translation of ``node``."""
        if text.strip().endswith("::"):
            text += "\n\n   dummy literal"
        if isinstance(node, LITERAL_TYPE_NODES):
            text = "::\n\n" + indent(text, " " * 3)
        if isinstance(node, nodes.title):
            text = text + "\n" + "=" * len(text) * 2
        patch: nodes.Node = _publish_msgstr(
            text, self.document["source"], node.line,  # type: ignore[arg-type]
            config=self.config, env=self.env, registry=self.env._registry, settings=self._settings(),
        )
        if isinstance(node, nodes.title):
            patch = patch.next_node() or patch
        return patch


def setup(app: Sphinx) -> None:
    app.add_transform(SafeTranslations)
