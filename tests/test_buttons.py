"""Kramdown and MyST attribute lists on links become sphinx-design buttons."""

from __future__ import annotations

import pytest

from dassco_ext.testing import html_of, main_of, warnings_of


@pytest.fixture(scope="module")
def site(site_builder):
    return site_builder("test-buttons")


def _button(page, text):
    for link in page.select("a.sd-btn"):
        if link.get_text(strip=True) == text:
            return link
    raise AssertionError(f"no button {text!r}")


def test_primary_filled_plain_outlined(site):
    page = html_of(site, "index")
    primary, plain = _button(page, "Primary"), _button(page, "Plain")
    assert "sd-btn-primary" in primary["class"] and "sd-btn-outline-primary" not in primary["class"]
    assert "sd-btn-outline-primary" in plain["class"]
    assert primary["href"] == plain["href"] == "other.html"
    assert "sd-btn-danger" in _button(page, "Myst")["class"]  # MyST's own {.button} form


@pytest.mark.parametrize(
    ("text", "classes"),
    [("Link", {"sd-btn-primary"}), ("Info", {"sd-btn-info"}), ("Success", {"sd-btn-success"}),
     ("Warning", {"sd-btn-warning"}), ("Danger", {"sd-btn-danger"}), ("Light", {"sd-btn-light"}),
     ("Dark", {"sd-btn-dark"}), ("Outlined", {"sd-btn-outline-success"}),
     ("Small", {"sd-fs-6", "sd-btn-outline-primary"}), ("Medium", {"sd-fs-5"}), ("Large", {"sd-fs-4"})],
)
def test_bulma_modifiers(site, text, classes):
    button = _button(html_of(site, "index"), text)
    assert classes <= set(button["class"])
    assert not any(c.startswith("is-") for c in button["class"])


def test_buttons_of_one_paragraph_share_a_row(site):
    page = html_of(site, "index")
    rows = page.select("p.dassco-buttons")
    assert len(rows) == 3
    assert [len(r.select("a.sd-btn")) for r in rows] == [3, 7, 5]
    assert _button(page, "External")["href"] == "https://example.org"


def test_attribute_list_text_never_reaches_the_page(site):
    for name in ("index", "bad"):
        article = main_of(html_of(site, name))
        for code in article.select("code"):
            code.decompose()
        text = article.get_text()
        assert "{:" not in text and ".is-primary" not in text, name
    assert html_of(site, "index").select_one("code").get_text() == "code {: .kept}"


def test_block_and_span_attribute_lists(site):
    page = html_of(site, "index")
    notice = page.select_one("p.notice")
    assert notice["id"] == "note-1" and notice.get_text(strip=True) == "A notice paragraph."
    assert page.select_one("em.highlight").get_text() == "Emphasis"
    assert page.select_one("a.my-link").get_text() == "ordinary link"


def test_only_classes_and_ids_are_taken(site):
    page = html_of(site, "bad")
    click = _button(page, "Click")
    assert not click.has_attr("onclick") and not click.has_attr("style")
    assert "onclick" not in str(main_of(page))
    found = sorted((w.type, w.line) for w in warnings_of(site) if w.file == "bad.md")
    assert found == [("dassco.attr_list", 5), ("dassco.attr_list", 9), ("dassco.attr_list", 11),
                     ("dassco.button_class", 7)]
    assert [w for w in warnings_of(site) if w.file != "bad.md"] == []
