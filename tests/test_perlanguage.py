"""Per-language front-matter values: the schema, their catalog entries for ``intl update``,
and filling them into a ``.po`` without ever replacing a translator's work."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from dassco_ext.i18n.merge import merge
from dassco_ext.i18n.perlanguage import front_matter_translations
from dassco_ext.page.frontmatter import DASSCO_KEYS, read_front_matter

ROOTS = Path(__file__).parent / "roots"


def read(text: str, languages=("en", "da")):
    return read_front_matter(text, source="page.md", docname="page", first_line=2, languages=languages)


def test_source_language_value_is_the_text_the_others_translations():
    fm = read(
        "title: {en: Beetles, da: Biller}\n"
        "imageAlt: {da: Herbarieark, en: Herbarium sheets}\n"
        "cta:\n  - text: {en: See the data, da: Se data}\n    href: /data\n"
        "jobTitle: {en: Curator, da: Kurator}\n"
        "category: {en: Management, da: Ledelse}\n"
    )
    assert (fm.title, fm.image_alt, fm.cta[0].text, fm.job_title, fm.category) == (
        "Beetles", "Herbarium sheets", "See the data", "Curator", "Management",
    )
    assert fm.translations == {
        "title": {"da": "Biller"},
        "imageAlt": {"da": "Herbarieark"},
        "cta.1": {"da": "Se data"},
        "jobTitle": {"da": "Kurator"},
        "category": {"da": "Ledelse"},
    }


def test_source_language_is_the_first_configured():
    fm = read("title: {en: Beetles, da: Biller}\n", languages=("da", "en"))
    assert fm.title == "Biller"
    assert fm.translations == {"title": {"en": "Beetles"}}


def test_new_keys_are_known():
    for key in ("date", "jobTitle", "email", "image", "category", "order", "link", "aliases"):
        assert key in DASSCO_KEYS


@pytest.mark.sphinx("html", testroot="sitekeys-good")
def test_valid_site_keys_build_quietly(app):
    app.build()
    assert not app.warning.getvalue().strip(), app.warning.getvalue()


def test_front_matter_translations_of_a_site():
    found = front_matter_translations(ROOTS / "test-listings")
    assert set(found) == {"da"}
    entries = sorted(found["da"])
    assert ("news/first-light", "imageAlt", "A conveyor of herbarium sheets", "Et transportbånd med herbarieark") in entries
    assert ("news/older-story", "preTitle", "Story", "Historie") in entries
    assert ("team/ana", "jobTitle", "Project manager", "Projektleder") in entries
    assert ("team/ana", "category", "Management", "Ledelse") in entries
    assert ("partners/nhmd", "title", "Natural History Museum of Denmark", "Statens Naturhistoriske Museum") in entries
    assert ("partners/nhmd", "description", "Denmark's national museum of natural history.",
            "Danmarks nationale naturhistoriske museum.") in entries
    only = front_matter_translations(ROOTS / "test-listings", docnames=["team/ana"])
    assert {e[0] for e in only["da"]} == {"team/ana"}


def _po(tmp_path: Path, messages: list[tuple[str | None, str, str, bool]]) -> Path:
    catalog = Catalog(locale="da")
    for context, msgid, msgstr, fuzzy in messages:
        catalog.add(msgid, msgstr, context=context, flags=("fuzzy",) if fuzzy else ())
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "page.po"
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    path.write_bytes(buffer.getvalue())
    return path


def _strings(path: Path) -> dict[tuple[str | None, str], tuple[str, bool]]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {(m.context, m.id): (m.string, m.fuzzy) for m in catalog if m.id}


def _merged(tmp_path: Path, existing: list[tuple[str | None, str, str, bool]], offered: dict[str, str]):
    """``existing`` merged with a template of the same msgids, ``offered`` as a compendium, as
    ``intl update`` merges a page's catalog with its front matter's per-language values."""
    po = _po(tmp_path, existing)
    pot = _po(tmp_path / "pot", [(c, i, "", False) for c, i, _s, _f in existing])
    compendium = _po(tmp_path / "compendium", [(None, i, s, False) for i, s in offered.items()])
    return po, merge(po, pot, "da", [compendium])


def test_merge_fills_only_empty_entries(tmp_path):
    po, outcome = _merged(
        tmp_path,
        [(None, "Beetles", "", False), (None, "Sheets", "Ark (oversætter)", False), (None, "Old", "Gammel", True)],
        {"Beetles": "Biller", "Sheets": "Herbarieark", "Old": "Ny", "Not in the catalog": "Ikke i kataloget"},
    )
    assert outcome.filled == 1
    assert _strings(po) == {
        (None, "Beetles"): ("Biller", False),
        (None, "Sheets"): ("Ark (oversætter)", False),  # the translator's, kept
        (None, "Old"): ("Gammel", True),  # fuzzy work in progress, kept
    }


@settings(max_examples=25, deadline=None)
@given(
    existing=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
    offered=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
)
def test_merge_never_replaces_a_translation(tmp_path_factory, existing, offered):
    po, _outcome = _merged(tmp_path_factory.mktemp("po"), [(None, "Beetles", existing, False)], {"Beetles": offered})
    assert _strings(po)[(None, "Beetles")][0] == existing


def test_the_build_shows_per_language_values_until_a_catalog_translates_them(tmp_path, site_builder):
    # test-listings' nhmd has no catalog: the Danish page shows the front matter's Danish value
    app = site_builder("test-listings", "text", confoverrides={"language": "da"})
    text = Path(app.outdir, "partners/nhmd.txt").read_text(encoding="utf-8")
    assert "Statens Naturhistoriske Museum" in text
    # a catalog's translation wins over the front matter's
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-listings", src)
    po = src / "locale/da/LC_MESSAGES/partners/nhmd.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Natural History Museum of Denmark"\nmsgstr "Naturhistorisk Museum (oversætter)"\n',
        encoding="utf-8",
    )
    from dassco_ext.testing import build_site

    app = build_site(src, tmp_path, "text", confoverrides={"language": "da"})
    text = Path(app.outdir, "partners/nhmd.txt").read_text(encoding="utf-8")
    assert "Naturhistorisk Museum (oversætter)" in text
    assert "Statens Naturhistoriske Museum" not in text


def test_front_matter_compendia_are_per_page(tmp_path):
    """What ``intl update`` gives ``msgmerge`` for each page: only that page's values."""
    from dassco_ext.i18n.perlanguage import front_matter_compendia

    found = front_matter_compendia(ROOTS / "test-listings", {"gettext_compact": False}, "da", tmp_path)
    (ana,) = found["team/ana"]
    assert _strings(ana)[(None, "Project manager")] == ("Projektleder", False)
    assert "team/bo" not in found  # no per-language value there


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "imageAlt", "jobTitle", "category", "email", "link", "order", "date", "aliases", "image"]),
        st.one_of(
            st.text(max_size=40),
            st.integers(),
            st.floats(allow_nan=True),
            st.booleans(),
            st.none(),
            st.lists(st.text(max_size=20), max_size=3),
            st.dictionaries(st.text(max_size=4), st.one_of(st.text(max_size=20), st.lists(st.text(max_size=20), max_size=2), st.integers()), max_size=3),
        ),
        max_size=6,
    )
)
def test_any_site_keys_give_safe_values(data):
    """Whatever an editor writes, reading never raises and what comes out is safe."""
    import re
    import urllib.parse

    import yaml

    from dassco_ext.page.frontmatter import normalize_permalink

    fm = read(yaml.safe_dump(data, allow_unicode=True))
    assert fm is not None
    if fm.link is not None:
        assert urllib.parse.urlsplit(fm.link).scheme.lower() in ("http", "https")
        assert not re.search(r"[\x00-\x20\x7f]", fm.link)
    if fm.email is not None:
        assert re.fullmatch(r"[^\s<>\"'():;\\\[\],]+@[A-Za-z0-9.-]+", fm.email)
    for lang, path in fm.aliases:
        assert lang in (None, "en", "da")
        assert normalize_permalink(path) == path
    assert fm.order is None or fm.order == fm.order  # never NaN
    for others in fm.translations.values():
        assert set(others) <= {"da"} and all(isinstance(v, str) and v for v in others.values())
    if fm.date is not None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fm.date)
