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

from dassco_ext.i18n.perlanguage import (
    apply_front_matter_translations,
    front_matter_translations,
)
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
    path = tmp_path / "page.po"
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    path.write_bytes(buffer.getvalue())
    return path


def _strings(path: Path) -> dict[tuple[str | None, str], tuple[str, bool]]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {(m.context, m.id): (m.string, m.fuzzy) for m in catalog if m.id}


def test_apply_fills_only_empty_entries(tmp_path):
    path = _po(tmp_path, [
        (None, "Beetles", "", False),
        (None, "Sheets", "Ark (oversætter)", False),
        (None, "Old", "Gammel", True),
    ])
    filled = apply_front_matter_translations(path, [
        ("page", "title", "Beetles", "Biller"),
        ("page", "imageAlt", "Sheets", "Herbarieark"),
        ("page", "description", "Old", "Ny"),
        ("page", "preTitle", "Not in the catalog", "Ikke i kataloget"),
    ])
    assert filled == 1
    assert _strings(path) == {
        (None, "Beetles"): ("Biller", False),
        (None, "Sheets"): ("Ark (oversætter)", False),  # the translator's, kept
        (None, "Old"): ("Gammel", True),  # fuzzy work in progress, kept
    }


def test_apply_writes_nothing_when_nothing_is_filled(tmp_path):
    path = _po(tmp_path, [(None, "Beetles", "Biller", False)])
    before = path.read_bytes()
    assert apply_front_matter_translations(path, [("page", "title", "Beetles", "Andet")]) == 0
    assert path.read_bytes() == before


@settings(max_examples=40, deadline=None)
@given(
    existing=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    offered=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
)
def test_apply_never_replaces_a_translation(tmp_path_factory, existing, offered):
    path = _po(tmp_path_factory.mktemp("po"), [(None, "Beetles", existing, False)])
    apply_front_matter_translations(path, [("page", "title", "Beetles", offered)])
    got = _strings(path)[(None, "Beetles")][0]
    assert got == (existing if existing.strip() else offered if offered.strip() else existing)


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


def test_fill_catalogs_after_a_catalog_update(tmp_path):
    """What ``intl update`` runs after updating the catalogs from the ``.pot``."""
    from dassco_ext.i18n.perlanguage import fill_catalogs

    locale = tmp_path / "locale"
    po = locale / "da/LC_MESSAGES/team/ana.po"
    po.parent.mkdir(parents=True)
    catalog_path = _po(po.parent, [
        (None, "Project manager", "", False),
        (None, "Management", "Ledergruppen", False),  # a translator's choice
    ])
    catalog_path.rename(po)
    filled = fill_catalogs(ROOTS / "test-listings", locale)
    assert filled == {po: 1}
    assert _strings(po) == {
        (None, "Project manager"): ("Projektleder", False),
        (None, "Management"): ("Ledergruppen", False),
    }


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
