"""The imported site's catalogs: the ``gettext`` builder's templates (run in a process of its
own), filled with the translations found (twins' front matter and bodies aligned, per-language
values, menus; placeholders and changed markup skipped), then from the translation memory.
"""

from __future__ import annotations

import dataclasses as dc
import datetime
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from ..i18n.catalogs import read_catalog
from ..i18n.markup import judge_markdown, source_text
from ..i18n.merge import GettextMissing, Outcome, merge, merge_newer
from .align import align, blocks, placeholder_reason, plausible_pair
from .importer import State, Written
from .mapping import PAGE_MAPPED, TRANSLATED_KEYS, FrontMapper, is_per_language
from .report import Report
from .urls import rewrite_links

_TARGET_RE = re.compile(r"(\.{0,2}/|[a-z][a-z0-9+.-]*:)\S*$")
_TEXT_KINDS = re.compile(r"^(h[1-6]|(?:[a-z]+>)*p|image|th_open|td_open)$")


@dc.dataclass(frozen=True)
class Entry:
    lang: str
    docname: str
    context: str | None
    msgid: str
    msgstr: str
    origin: str  # a key of report.ORIGINS
    file: str
    line: int


def clean(text: str) -> str:
    """A block's text as Sphinx's gettext builder writes its ``msgid``: a line's closing
    backslash (a hard break) dropped, the lines joined."""
    lines = [line.rstrip(" \t").removesuffix("\\").rstrip(" \t") for line in text.split("\n")]
    return " ".join(lines).strip()


def twin_entries(state: State) -> list[Entry]:
    entries: list[Entry] = []
    quiet = FrontMapper(state.twin_converter, Report(), state.languages, lambda href: href)
    for page in state.pages.values():
        for lang, twin in page.twins.items():
            entries += _front_pairs(state, page, lang, twin, quiet.page(twin))
            entries += _body_pairs(state, page, lang, twin)
    return entries


def _front_pairs(
    state: State, page: Written, lang: str, twin: Any, twin_front: dict[str, Any]
) -> list[Entry]:
    found = []
    keys = {new: old for old, new in PAGE_MAPPED.items() if old != new}  # its Jekyll name
    for key in TRANSLATED_KEYS:
        source, value = page.front.get(key), twin_front.get(key)
        if isinstance(source, dict):
            continue  # per-language values are counted as such
        if not isinstance(source, str):
            if isinstance(value, str) and value.strip():
                why = f"the {state.source} page has no {key}"
                state.report.skip(lang, twin.rel, twin.line(key), value, why)
            continue
        value = value.get(lang) if isinstance(value, dict) else value
        if not isinstance(value, str):
            continue
        own = key if key in twin.data else keys.get(key, key)
        if own not in twin.data and value == source:
            continue  # not the twin's text: a value both took from _data
        line = twin.line(own)
        entry = Entry(lang, page.docname, key, source, value, "twin-front-matter", twin.rel, line)
        found += _checked(state, entry)
    source_cta, twin_cta = page.front.get("cta") or [], twin_front.get("cta") or []
    line = twin.line("cta")
    table = {**state.twin_links.get(lang, {}), **state.links}
    target = {id(b): rewrite_links(f"]({b['href']})", table)[2:-1] for b in twin_cta}
    unpaired = list(twin_cta)
    for index, a in enumerate(source_cta):
        # the button to the same page; else the one at the same place, if the lists match
        same = [b for b in unpaired if target[id(b)] == a["href"]]
        if not same and len(source_cta) == len(twin_cta) and twin_cta[index] in unpaired:
            same = [twin_cta[index]]
        if not same:
            continue
        b = same[0]
        unpaired.remove(b)
        if isinstance(a["text"], str) and isinstance(b["text"], str):
            texts = (a["text"], b["text"])
            entry = Entry(lang, page.docname, "cta", *texts, "twin-front-matter", twin.rel, line)
            found += _checked(state, entry)
    why = "no English button leads to its page"
    for b in unpaired:
        state.report.skip(lang, twin.rel, line, str(b["text"]), why)
    return found


def _body_pairs(state: State, page: Written, lang: str, twin: Any) -> list[Entry]:
    found = []
    twin_blocks = blocks(page.twin_bodies.get(lang, ""))
    pairs = align(blocks(page.body), twin_blocks)
    paired = {id(b) for _, b in pairs}
    for block in twin_blocks:
        if id(block) not in paired and _TEXT_KINDS.match(block.kind) and block.text.strip():
            why = placeholder_reason(block.text) or "no English block lines up with it"
            state.report.skip(lang, twin.rel, page.twin_line(lang, block.line), block.text, why)
    for a, b in pairs:
        if not _TEXT_KINDS.match(a.kind) or not a.text.strip():
            continue
        line = page.twin_line(lang, b.line)
        msgid = a.text.strip() if a.kind == "image" else clean(a.text)
        # a paragraph's attribute list on its last line stays there, the only place the
        # build reads it as the paragraph's (joined to the text, it would be stray)
        msgstr = b.text.strip() if a.kind == "image" else source_text(clean(b.text), b.text)
        if not plausible_pair(msgid, msgstr):
            why = "does not line up with the source's block"
            state.report.skip(lang, twin.rel, line, msgstr, why)
            continue
        entry = Entry(lang, page.docname, None, msgid, msgstr, "twin-body", twin.rel, line)
        found += _checked(state, entry, source=source_text(msgid, a.text))
    return found


def _checked(state: State, entry: Entry, source: str | None = None) -> list[Entry]:
    """The entry, unless its text is a placeholder or its markup is not the source's (its
    ``msgid``, or the ``source`` text the page reads it from)."""
    state.report.offer(entry.lang, entry.msgstr, f"{entry.file}:{entry.line}")
    reason = placeholder_reason(entry.msgstr, entry.msgid)
    if reason is None:  # judged as `intl check` and the build judge it
        verdict = judge_markdown(source or entry.msgid, entry.msgstr)
        if not verdict.ok:
            reason = f"its markup is not the source's: it {verdict.describe()}"
    if reason:
        state.report.skip(entry.lang, entry.file, entry.line, entry.msgstr, reason)
        return []
    return [entry]


def other_entries(state: State) -> list[Entry]:
    """Per-language values (``{en: ..., da: ...}``, a button's text too) and menu labels."""
    source, entries = state.source, []
    for page in state.pages.values():
        for key, value in page.front.items():
            items = [value]
            if key == "cta" and isinstance(value, list):
                items = [b.get("text") for b in value if isinstance(b, dict)]
            for item in (x for x in items if is_per_language(x) and source in x):
                for lang in (x for x in state.languages[1:] if isinstance(item.get(x), str)):
                    where = (page.source.rel, page.source.line(key))
                    texts = (item[source], item[lang])
                    entry = Entry(lang, page.docname, key, *texts, "per-language", *where)
                    entries += _checked(state, entry)
    for item in (i for entry in state.menu for i in (entry, *entry.items)):
        for lang, text in item.translations.items():
            where = (f"_data/{lang}/navigation.yml", 1)
            entries += _checked(state, Entry(lang, "index", None, item.label, text, "menu", *where))
    return entries


def data_pairs(state: State, lang: str) -> list[tuple[str | None, str, str]]:
    """Pairs of ``_data/i18n/<source>`` and ``_data/i18n/<lang>`` under the same keys."""
    i18n = state.site.data.get("i18n")
    if not isinstance(i18n, dict):
        i18n = {}
    pairs: list[tuple[str | None, str, str]] = []

    def walk(a: Any, b: Any) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in a:
                if key in b:
                    walk(a[key], b[key])
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for x, y in zip(a, b, strict=True):
                walk(x, y)
        elif isinstance(a, str) and isinstance(b, str) and a.strip():
            if reason := placeholder_reason(b, a):
                state.report.skip(lang, f"_data/i18n/{lang}", 0, b, reason)
            else:
                pairs.append((None, a.strip(), b.strip()))
                if not _TARGET_RE.match(b.strip()):  # a link's target is no text to show
                    state.report.offer(lang, b.strip(), f"_data/i18n/{lang}")

    walk(i18n.get(state.source), i18n.get(lang))
    return pairs


# --- the gettext run and the .po files --------------------------------------------------------


def run_gettext(docs: Path, out: Path) -> tuple[Path, list[str]]:
    """``sphinx-build -b gettext`` on the imported site: the templates, and its warnings."""
    target = out / "gettext"
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(x for x in (package_root, env.get("PYTHONPATH", "")) if x)
    command = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-E"]
    command += ["-d", str(out / "doctrees"), str(docs), str(target)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    warnings = [
        line.replace(str(docs.resolve()) + os.sep, "docs/").replace(str(docs) + os.sep, "docs/")
        for line in re.sub(r"\x1b\[[0-9;]*m", "", done.stderr).splitlines()
        if line.strip()
    ]
    return target, warnings


def memory(pairs: list[tuple[str | None, str, str]], lang: str) -> Catalog:
    """The translation memory: every pair found, as a compendium (the first translation of
    a message wins)."""
    catalog = _new_catalog(lang)
    for context, msgid, msgstr in pairs:
        if msgid.strip() and msgstr.strip() and catalog.get(msgid, context=context) is None:
            catalog.add(msgid, msgstr, context=context)
    return catalog


def write_catalogs(state: State, entries: list[Entry]) -> None:
    """Per language, the memory and one catalog per page: the translations found, then the
    memory's through the package's one merge (``msgmerge --compendium``)."""
    report, writer = state.report, state.writer
    docs = writer.stage / "docs"
    with tempfile.TemporaryDirectory() as scratch:
        templates, report.build_warnings = run_gettext(docs, Path(scratch))
        pots = {
            p.relative_to(templates).with_suffix("").as_posix(): p.read_bytes()
            for p in templates.rglob("*.pot")
        }
        for lang in state.languages[1:]:
            found = [e for e in entries if e.lang == lang]
            pairs = [(None, e.msgid, e.msgstr) for e in found] + data_pairs(state, lang)
            known = memory(pairs, lang)
            writer.write_bytes(f"locale/compendium/{lang}.po", po_bytes(known))
            report.memory_entries += len(known)
            compendium = writer.stage / f"locale/compendium/{lang}.po"
            for docname in sorted(set(pots) | {e.docname for e in found}):
                catalog = _template(pots.get(docname), lang)
                for entry in (e for e in found if e.docname == docname):
                    _fill(report, catalog, docs, docname, entry)
                if len(catalog):
                    rel = f"locale/{lang}/LC_MESSAGES/{docname}.po"
                    writer.write_bytes(rel, po_bytes(catalog))
                    found_here = sum(1 for m in catalog if m.id and m.string)
                    _fill_from_memory(state, rel, compendium, found_here)


def _fill(report: Report, catalog: Catalog, docs: Path, docname: str, entry: Entry) -> None:
    """One translation found, into its message (front matter is extracted as every other
    text, without msgctxt)."""
    message = catalog.get(entry.msgid)
    if message is None and entry.context is not None:
        line = _key_line(docs / f"{docname}.md", entry.context)
        catalog.add(entry.msgid, "", locations=[(f"../../docs/{docname}.md", line)])
        message = catalog.get(entry.msgid)
    if message is None:
        why = "no catalog message has the source's text (markup the build changes?)"
        report.skip(entry.lang, entry.file, entry.line, entry.msgstr, why)
    elif not message.string:
        message.string = entry.msgstr
        report.strings[entry.origin] += 1


def _fill_from_memory(state: State, rel: str, compendium: Path, found_here: int) -> None:
    """The memory's translations into a catalog's empty messages (exact, or close as fuzzy),
    then DEST's catalog brought up to date with it; the figures counted (``found_here``:
    the messages the import filled before)."""
    report, po, lang = state.report, state.writer.path(rel), rel.split("/")[1]
    try:  # its own template: only the memory is new
        outcome = merge(po, po, lang, [compendium])
    except GettextMissing as exc:
        outcome = Outcome(po, "failed", str(exc))
    if outcome.action == "failed":
        report.notes.append(f"{rel}: the translation memory was not applied ({outcome.detail})")
    filled = [m for m in read_catalog(po) if m.id and m.string]
    report.strings["memory"] += sum(not m.fuzzy for m in filled) - found_here
    report.fuzzy += sum(m.fuzzy for m in filled)
    _merge_with_dest(state, rel)
    final = [m for m in read_catalog(po) if m.id]
    report.catalog_entries += len(final)
    report.carried.setdefault(lang, set()).update(
        str(m.string) for m in final if m.string and not m.fuzzy
    )
    report.untranslated += sum(not m.string for m in final)


def _merge_with_dest(state: State, rel: str) -> None:
    """Into an earlier import, the catalog ``DEST`` holds (a translator's work) brought up
    to date with this import's instead of replaced (:func:`~dassco_ext.i18n.merge.merge_newer`)."""
    newer = state.writer.path(rel).read_bytes()
    staged = state.writer.start_from_dest(rel)
    if staged is None:
        return
    lang = rel.split("/")[1]
    try:  # what the last import found: no news, the translator has seen it
        memory = state.writer.read_dest(f"locale/compendium/{lang}.po") or b""
        before = {str(m.string) for m in read_po(io.BytesIO(memory)) if m.id and m.string}
        outcome = merge_newer(staged, newer, lang, before)
    except Exception as exc:  # a catalog no tool reads: DEST's is kept as it is
        outcome = Outcome(staged, "failed", f"{exc.__class__.__name__}: {exc}")
    if outcome.action == "failed":
        state.report.notes.append(
            f"{rel}: DEST's catalog was kept as it is, not brought up to date ({outcome.detail})"
        )


def _key_line(page: Path, key: str) -> int:
    """The line of a front-matter key in a page the importer wrote (1 if it is not there)."""
    try:
        text = page.read_text(encoding="utf-8")
    except OSError:
        return 1
    match = re.search(rf"^{re.escape(key)}:", text.split("\n---\n", 1)[0], re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else 1


def _new_catalog(lang: str, pot: bytes | None = None) -> Catalog:
    catalog = read_po(io.BytesIO(pot)) if pot is not None else Catalog()
    catalog.locale = lang
    catalog.fuzzy = False
    catalog.revision_date = datetime.datetime.now(datetime.UTC)
    catalog.last_translator = "the Jekyll importer (the old site's own translations)"
    return catalog


def _template(pot: bytes | None, lang: str) -> Catalog:
    catalog = _new_catalog(lang, pot)
    for message in catalog:  # the places as `intl update` writes them, not the staging folder's
        message.locations = [
            ("../../docs/" + path.rpartition("/docs/")[2], line) for path, line in message.locations
        ]
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=76)
    return out.getvalue()
