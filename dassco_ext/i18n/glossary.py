"""The site's terminology: ``locale/glossary.csv``, checked against translations, exported as TBX.

One approved translation of one term per row (``term,language,approved,note``), each a
lemma. A translated entry whose source holds a term and whose translation lacks the approved
one is one warning at its line (:func:`glossary_problems`); words are compared by their
Snowball stems, so inflections and compounds pass. :func:`to_tbx` writes TBX for Weblate.
"""

from __future__ import annotations

import csv
import dataclasses as dc
import io
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from .catalogs import read_catalog
from .checks import Problem

#: The glossary's file name, in the first of ``locale_dirs``.
FILENAME = "glossary.csv"
#: Its columns, in order.
COLUMNS = ("term", "language", "approved", "note")

#: ``xml:lang`` as ElementTree names it.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: What no term holds: control characters and line breaks (XML 1.0, so TBX and Weblate's
#: glossaries, cannot carry most of them, and would turn a carriage return into a newline).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")


class GlossaryError(ValueError):
    """A glossary row that cannot be used: where and why."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dc.dataclass(frozen=True)
class Term:
    """One approved translation of one English term."""

    term: str
    language: str
    approved: str
    note: str = ""
    line: int = 0


#: A word, as the glossary compares words.
_WORD_RE = re.compile(r"\w+")


def stemmer(language: str) -> Callable[[str], str]:
    """The Snowball stemmer of ``language`` (the one Sphinx's search uses), or the word
    itself for a language Snowball does not know."""
    import snowballstemmer  # type: ignore[import-untyped]
    from babel import Locale

    try:
        name = (Locale.parse(language.replace("-", "_")).english_name or "").split()[0].lower()
    except (ValueError, TypeError, IndexError):
        name = ""
    if name in snowballstemmer.algorithms():
        return snowballstemmer.stemmer(name).stemWord
    return lambda word: word


def holds(text: str, phrase: str, stem: Callable[[str], str], *, compounds: bool = False) -> bool:
    """Whether ``text`` holds ``phrase``: the same words by their stems (any ending, case or
    spacing); with ``compounds``, also as the last part of a compound ("insektprøverne"
    holds "prøve"). A phrase of no word characters is matched as it is written."""
    wanted = [stem(word.lower()) for word in _WORD_RE.findall(phrase)]
    if not wanted:
        return phrase.strip().lower() in text.lower()
    words = [word.lower() for word in _WORD_RE.findall(text)]

    def same(word: str, target: str) -> bool:
        return stem(word) == target or (compounds and len(target) >= 4 and target in word)

    count = len(wanted)
    return any(
        all(same(words[start + k], wanted[k]) for k in range(count))
        for start in range(len(words) - count + 1)
    )


def read_glossary(path: Path) -> list[Term]:
    """Every row of a glossary; a malformed one raises :class:`GlossaryError` at its line.

    The first row names the columns (``term,language,approved,note``, the note optional);
    empty rows and rows whose first cell starts with ``#`` are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes().count(b"\n", 0, exc.start) + 1
        raise GlossaryError(path, line, "the glossary is not UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    terms: list[Term] = []
    header: list[str] | None = None
    try:
        for row in reader:
            cells = [cell.strip() for cell in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if problem := _row_problem(cells, header):
                raise GlossaryError(path, reader.line_num, problem)
            if header is None:
                header = [cell.lower() for cell in cells]
                continue
            term, language, approved, note = [*cells, ""][:4]
            terms.append(Term(term, language, approved, note, reader.line_num))
    except csv.Error as exc:
        raise GlossaryError(path, reader.line_num or 1, f"not a CSV row: {exc}") from None
    return terms


def _row_problem(cells: list[str], header: list[str] | None) -> str | None:
    """What is wrong with a row (``header``: the first row's cells, ``None`` for the first)."""
    if header is None:
        names = [cell.lower() for cell in cells]
        if names[: len(COLUMNS) - 1] != list(COLUMNS[:-1]) or len(names) > len(COLUMNS):
            return f"the first row must name the columns {','.join(COLUMNS)}, not {cells}"
        return None
    if len(cells) > len(header) or len(cells) < len(COLUMNS) - 1:
        return f"expected {len(header)} columns ({','.join(header)}), found {len(cells)}"
    if bad := _CONTROL.search("".join(cells)):
        return f"U+{ord(bad[0]):04X} is a control character no glossary tool reads"
    if not cells[0] or not cells[2]:
        return "a row needs a term and its approved translation"
    if not _LANGUAGE_RE.fullmatch(cells[1]):
        return f"{cells[1]!r} is not a language code (e.g. da, pt_BR)"
    return None


def terms_for(terms: list[Term], language: str) -> list[Term]:
    """The rows for one language (``da`` rows also serve ``da_DK``)."""
    wanted = {language.replace("-", "_"), language.replace("-", "_").split("_")[0]}
    return [t for t in terms if t.language.replace("-", "_") in wanted]


def glossary_problems(po: Path, terms: list[Term], source_language: str = "en") -> list[Problem]:
    """Translated entries of ``po`` whose source holds a term and whose translation lacks its
    approved term, both compared by their stems, the translation's compounds included (fuzzy
    and untranslated entries are not judged: they are not shown)."""
    if not terms:
        return []
    catalog = read_catalog(po)
    source_stem = stemmer(source_language)
    stems = {t.language: stemmer(t.language) for t in terms}
    problems = []
    for message in catalog:
        if not message.id or message.fuzzy or isinstance(message.id, tuple) or not message.string:
            continue
        source, translation = str(message.id), str(message.string)
        for term in terms:
            if holds(source, term.term, source_stem) and not holds(
                translation, term.approved, stems[term.language], compounds=True
            ):
                note = f" ({term.note})" if term.note else ""
                problems.append(
                    Problem(
                        po,
                        message.lineno or 1,
                        f"warning: glossary: the source says {term.term!r}; the approved "
                        f"{term.language} term is {term.approved!r}{note}",
                    )
                )
    return problems


def to_tbx(terms: list[Term], source_language: str = "en", title: str = "") -> bytes:
    """The glossary as a TBX document: one ``termEntry`` per English term, a ``langSet`` per
    language, each approved term a ``tig`` (its note beside it)."""
    martif = ET.Element("martif", {"type": "TBX", XML_LANG: source_language})
    header = ET.SubElement(
        ET.SubElement(ET.SubElement(martif, "martifHeader"), "fileDesc"), "sourceDesc"
    )
    ET.SubElement(header, "p").text = title or "Glossary exported by dassco-ext"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    entries: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        entries[term.term.lower()].append(term)
    for index, rows in enumerate(entries.values(), start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"term-{index}"})
        source = ET.SubElement(entry, "langSet", {XML_LANG: source_language})
        ET.SubElement(ET.SubElement(source, "tig"), "term").text = rows[0].term
        by_language: dict[str, list[Term]] = defaultdict(list)
        for row in rows:
            by_language[row.language.replace("_", "-")].append(row)
        for language, approved in by_language.items():
            lang_set = ET.SubElement(entry, "langSet", {XML_LANG: language})
            for row in approved:
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = row.approved
                if row.note:
                    ET.SubElement(tig, "note").text = row.note
    ET.indent(martif)
    document = ET.tostring(martif, encoding="unicode")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">\n'
        + document
        + "\n"
    ).encode("utf-8")
