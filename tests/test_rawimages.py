"""Raw ``<img>`` tags with a site path: real images (file copied, alt, width and centring
kept), or one located warning; never a silently broken image."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from dassco_ext.page.images import plain_image
from dassco_ext.page.urlrule import read_html
from dassco_ext.testing import html_of, main_of


@pytest.fixture(scope="module")
def bad(site_builder):
    return site_builder("test-sitekeys-bad", "html")


def test_plain_img_in_a_centred_paragraph_becomes_an_image(bad):
    main = main_of(html_of(bad, "news/rawok"))
    images = main.find_all("img")
    block = next(i for i in images if i["alt"] == "A square")
    assert "align-center" in block["class"]
    assert "width: 40px" in block["style"]
    assert (Path(bad.outdir, "news") / unquote(block["src"])).resolve().is_file()
    inline = next(i for i in images if i["alt"] == "small")
    assert (Path(bad.outdir, "news") / unquote(inline["src"])).resolve().is_file()
    # a relative src is no site path: left as the author wrote it
    assert next(i for i in images if i["alt"] == "relative")["src"] == "images/rel.png"


def test_other_raw_html_stays_as_written(bad):
    main = main_of(html_of(bad, "news/rawcomplex"))
    assert main.select_one("div > img")["src"] == "/assets/ok.png"
    assert main.select_one("div > span").get_text() == "caption"


def test_missing_file_stays_and_is_reported(bad):
    assert "rawmissing.md:7: WARNING: raw <img> src '/assets/missing.png' is not found" in bad.warning.getvalue()


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ('<img src="/a.png" alt="x">', True),
        ('<img src="/a.png" alt="x"/>', True),
        ('<p align="center"><img src="/a.png"></p>', True),
        ('<p align="center" onclick="x()"><img src="/a.png"></p>', False),
        ('<p><img src="/a.png"> and text</p>', False),
        ('<img src="/a.png"><img src="/b.png">', False),
        ('<a href="/x"><img src="/a.png"></a>', False),
        ('<!-- c --><img src="/a.png">', False),
        ("<p align=center><img src=/a.png></p>", True),
    ],
)
def test_only_a_lone_img_is_converted(html, plain):
    assert (plain_image(read_html(html)) is not None) is plain
