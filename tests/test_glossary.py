"""The glossary: read, applied by intl-check to translations, exported as TBX; the shipped
Danish follows it."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dassco_ext.cli import intl
from dassco_ext.i18n.glossary import (
    XML_LANG,
    GlossaryError,
    Term,
    glossary_problems,
    holds,
    read_glossary,
    stemmer,
    terms_for,
    to_tbx,
)

REPO = Path(__file__).parent.parent
GLOSSARY = REPO / "locale" / "glossary.csv"


def write_po(path: Path, *entries: tuple[str, str], fuzzy: bool = False) -> Path:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: da\\n"', ""]
    for msgid, msgstr in entries:
        if fuzzy:
            lines.append("#, fuzzy")
        lines += [f'msgid "{msgid}"', f'msgstr "{msgstr}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


SPECIMENS = Term("specimen", "da", "eksemplar", "DaSSCo's word", 2)


def test_wrong_term_is_caught_at_the_entry_line(tmp_path):
    po = write_po(tmp_path / "a.po", ("Digital versions of the specimens.", "Digitale udgaver af genstandene."))
    problems = glossary_problems(po, [SPECIMENS])
    assert [(p.line, "'eksemplar'" in p.message) for p in problems] == [(6, True)]
    assert str(problems[0]) == (f"{po}:6: warning: glossary: the source says 'specimen'; the approved da term is "
                                "'eksemplar' (DaSSCo's word)")


@pytest.mark.parametrize("translation", [
    "Digitale versioner af eksemplarerne.",  # inflected
    "EKSEMPLAR",  # any case
    "Insekteksemplarerne er scannet.",  # a compound, inflected
    "Et eksemplar og flere eksemplarer",
])
def test_approved_lemma_in_any_form_or_compound_passes(tmp_path, translation):
    po = write_po(tmp_path / "a.po", ("Digital versions of the Specimens.", translation))
    assert glossary_problems(po, [SPECIMENS]) == []


@pytest.mark.parametrize(("source", "translation", "found"), [
    ("A specimen.", "En genstand.", 1),  # the lemma: "specimen" and "specimens" are one term
    ("Specimensfoo and others.", "Andet.", 0),  # not the term's word
    ("Specimens.", "Genstande.", 1),
])
def test_terms_are_words_by_their_stems(tmp_path, source, translation, found):
    po = write_po(tmp_path / "a.po", (source, translation))
    assert len(glossary_problems(po, [SPECIMENS])) == found


def test_fuzzy_and_untranslated_entries_are_not_judged(tmp_path):
    assert glossary_problems(write_po(tmp_path / "a.po", ("The specimens.", "Genstandene."), fuzzy=True), [SPECIMENS]) == []
    assert glossary_problems(write_po(tmp_path / "b.po", ("The specimens.", "")), [SPECIMENS]) == []


def test_phrases_match_across_any_spacing_and_inflection(tmp_path):
    term = Term("natural history collection", "da", "naturhistorisk samling")
    for translation in ("Vores naturhistoriske\\nsamlinger.", "Den naturhistoriske samling.", "Naturhistorisk samling"):
        po = write_po(tmp_path / "a.po", ("Our natural  history\\ncollections.", translation))
        assert glossary_problems(po, [term]) == [], translation
    po = write_po(tmp_path / "b.po", ("Our natural history collections.", "Vores naturhistoriske genstande."))
    assert len(glossary_problems(po, [term])) == 1


def test_a_name_is_never_translated(tmp_path):
    term = Term("DaSSCo", "da", "DaSSCo", "A name")
    assert glossary_problems(write_po(tmp_path / "a.po", ("DaSSCo's data.", "DaSSCos data.")), [term]) == []
    assert len(glossary_problems(write_po(tmp_path / "b.po", ("DaSSCo's data.", "Dansk data.")), [term])) == 1


@settings(max_examples=80, deadline=None)
@given(st.text(st.characters(blacklist_characters="\x00"), min_size=1, max_size=40).filter(str.strip),
       st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_term_text_is_matched_literally(term_text, approved):
    """Terms are text, never patterns: regex syntax in a glossary matches itself, and only itself."""
    stem = stemmer("da")
    assert holds(f"x {term_text} y", term_text, stemmer("en"))
    assert holds(f"x {approved} y", approved, stem, compounds=True)
    assert not holds("\x00", term_text, stem)  # a pattern would match where its text does not


def test_glossary_rows_and_errors(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("term,language,approved,note\n# a comment\n\nspecimens,da,prøver\n\"objects, many\",da,objekter,x\n",
                    encoding="utf-8")
    assert read_glossary(path) == [Term("specimens", "da", "prøver", "", 4), Term("objects, many", "da", "objekter", "x", 5)]
    path.write_text("term,language,approved,note\nspecimens,Danish!,prøver,\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        read_glossary(path)
    assert caught.value.line == 2 and "not a language code" in caught.value.message
    path.write_text("English,Danish\nspecimens,prøver\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="first row must name the columns"):
        read_glossary(path)


def test_terms_for_a_language_and_its_regions():
    terms = [Term("a", "da", "b"), Term("a", "de", "c"), Term("a", "da_DK", "d")]
    assert [t.approved for t in terms_for(terms, "da")] == ["b"]
    assert [t.approved for t in terms_for(terms, "da_DK")] == ["b", "d"]


# --- the shipped glossary and Danish ---------------------------------------------------------------

def test_shipped_glossary_is_one_lemma_per_term_in_dasscos_own_words():
    """Each term once (its stems), and each Danish approved term one DaSSCo itself uses in its
    Danish pages and data (the Jekyll site), names included."""
    terms = read_glossary(GLOSSARY)
    stem = stemmer("en")
    lemmas = [(t.language, tuple(stem(w.lower()) for w in t.term.split())) for t in terms]
    assert len(lemmas) == len(set(lemmas))
    assert not any(char.isdigit() for t in terms for char in t.term)  # style rules live in the style guide
    site = REPO.parent / "shared" / "hp-dassco"
    if not site.is_dir():
        pytest.skip("DaSSCo's Jekyll site is not beside the repository")
    danish = " ".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in [*site.glob("_data/**/*.yml"), *site.glob("**/*.md")]
        if "_site" not in path.parts
    )
    for term in terms_for(terms, "da"):
        assert holds(danish, term.approved, stemmer("da"), compounds=True), term


def test_shipped_danish_follows_the_glossary():
    terms = terms_for(read_glossary(GLOSSARY), "da")
    catalogs = sorted((REPO / "locale" / "da" / "LC_MESSAGES").glob("*.po"))
    assert catalogs
    for po in catalogs:
        assert glossary_problems(po, terms) == [], po.name


def test_shipped_danish_uses_none_of_the_words_the_glossary_replaces():
    for po in [*(REPO / "locale" / "da" / "LC_MESSAGES").glob("*.po"), *(REPO / "dassco_ext" / "locale" / "da" / "LC_MESSAGES").glob("*.po")]:
        text = po.read_text(encoding="utf-8")
        for word in ("fælleseuropæisk", "websted", "Opfordring til handling", "Her kommer der mere tekst",
                     "repræsentationer"):
            assert word not in text, (po.name, word)


def test_intl_check_warns_about_a_wrong_term_and_still_passes(tmp_path, capsys):
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copytree(REPO / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    po = tmp_path / "locale" / "da" / "LC_MESSAGES" / "data.po"
    po.write_text(po.read_text(encoding="utf-8").replace("1,5 milliarder genstande", "1,5 milliarder objekter"), encoding="utf-8")
    line = next(n for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith('msgid ""') and "Pan-European" in po.read_text(encoding="utf-8").splitlines()[n])
    conf = intl.read_conf(tmp_path / "docs")
    assert intl.check(tmp_path / "docs", tmp_path / "_build", conf) == 0
    captured = capsys.readouterr()
    assert f"{po}:{line}: warning: glossary: the source says 'object'; the approved da term is 'genstand'" in captured.err
    assert "intl-check: da: ok (1 glossary warning(s))" in captured.out


def test_a_broken_glossary_fails_intl_check(tmp_path, capsys):
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copytree(REPO / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    (tmp_path / "locale" / "glossary.csv").write_text("term,language,approved,note\nspecimens,da\n", encoding="utf-8")
    assert intl.check(tmp_path / "docs", tmp_path / "_build", intl.read_conf(tmp_path / "docs")) == 1
    assert f"{tmp_path / 'locale' / 'glossary.csv'}:2: expected 4 columns" in capsys.readouterr().err


# --- TBX -----------------------------------------------------------------------------------------

def test_tbx_export_has_every_term_with_its_languages(tmp_path, capsys):
    out = tmp_path / "glossary.tbx"
    assert intl.glossary_tbx(REPO / "docs", intl.read_conf(REPO / "docs"), out) == 0
    root = ET.parse(out).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX" and root.get(XML_LANG) == "en"
    entries = {}
    for entry in root.iter("termEntry"):
        lang_sets = {ls.get(XML_LANG): [t.text for t in ls.iter("term")] for ls in entry.iter("langSet")}
        entries[lang_sets["en"][0]] = lang_sets
    rows = read_glossary(GLOSSARY)
    assert set(entries) == {t.term for t in rows}
    assert entries["specimen"]["da"] == ["eksemplar"]
    assert b"<!DOCTYPE martif" in out.read_bytes()


def test_tbx_escapes_markup_in_terms():
    data = to_tbx([Term("<b>&", "da", "\"x\" < y", "note & <more>")])
    root = ET.fromstring(data.split(b"\n", 2)[2])
    assert [t.text for t in root.iter("term")] == ["<b>&", "\"x\" < y"]
    assert [n.text for n in root.iter("note")] == ["note & <more>"]


def test_tbx_from_the_command_line(tmp_path, capsys):
    assert intl.main(["glossary-tbx", str(REPO / "docs"), str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_a_glossary_that_is_not_utf8_is_one_located_error(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_bytes("term,language,approved,note\nspecimens,da,prøver,\n".encode("latin-1"))
    with pytest.raises(GlossaryError) as caught:
        read_glossary(path)
    assert caught.value.line == 2 and "not UTF-8" in caught.value.message


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12),  # any character
                          st.text(max_size=12)), min_size=1, max_size=4))
def test_any_glossary_is_refused_at_a_line_or_exported_as_well_formed_tbx(tmp_path_factory, rows):
    import csv

    path = tmp_path_factory.mktemp("glossary") / "glossary.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["term", "language", "approved", "note"])
        writer.writerows([term, "da", approved, note] for term, approved, note in rows)
    try:
        terms = read_glossary(path)
    except GlossaryError as exc:
        assert exc.line >= 2
        return
    root = ET.fromstring(to_tbx(terms).split(b"\n", 2)[2])  # well-formed XML, or this raises
    assert {t.text for t in root.iter("term")} >= {t.approved for t in terms}


def test_a_control_character_in_a_term_is_refused_at_its_line(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("term,language,approved,note\nspecimens,da,prøver,\nbee\x0btle,da,bille,\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        read_glossary(path)
    assert caught.value.line == 3 and "U+000B" in caught.value.message
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(REPO / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(path, tmp_path / "locale" / "glossary.csv")
    out = tmp_path / "out" / "glossary.tbx"
    assert intl.main(["glossary-tbx", str(docs), str(tmp_path / "out"), "-o", str(out)]) == 1
    assert not out.exists()
