"""Old URLs keep working: front-matter ``aliases`` as redirect pages, from one language's
``sphinx-build`` (inside its output) and from ``make html``'s driver (at the site root)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from dassco_ext.page.aliases import MARKER, write_site_root

ROOTS = Path(__file__).parent / "roots"


def redirect_of(path: Path) -> tuple[str, str | None]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    canonical = page.find("link", rel="canonical")
    return refresh.split("url=", 1)[1], canonical["href"] if canonical else None


def follow(path: Path) -> Path:
    url, _canonical = redirect_of(path)
    return (path.parent / unquote(url)).resolve()


def test_plain_build_writes_redirects_inside_its_output(site_builder):
    app = site_builder("test-listings", "html")
    out = Path(app.outdir)
    assert follow(out / "about-us/index.html") == (out / "about.html").resolve()
    assert follow(out / "news/first-light-old/index.html") == (out / "news/first-light.html").resolve()
    assert redirect_of(out / "about-us/index.html")[1] == "https://example.org/en/about.html"
    assert not (out / "da/om-os").exists()  # Danish aliases belong to the Danish build


def test_plain_build_in_danish(site_builder):
    app = site_builder("test-listings", "dirhtml", confoverrides={"language": "da"})
    out = Path(app.outdir)
    target = follow(out / "da/om-os/index.html")
    assert target == (out / "about").resolve()
    assert (target / "index.html").is_file()
    assert not (out / "about-us").exists()


@pytest.fixture(scope="module")
def driven(tmp_path_factory):
    """``make html``'s driver on test-listings: both languages, the site root beside them."""
    tmp = tmp_path_factory.mktemp("driver")
    src = tmp / "site"
    shutil.copytree(ROOTS / "test-listings", src)
    done = subprocess.run(
        [sys.executable, "-m", "dassco_ext.cli.build", str(src), str(tmp / "_build"), "--sphinxopts", "-W --keep-going -q"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return tmp / "_build/html"


@pytest.mark.parametrize(
    ("old", "page"),
    [("about-us", "en/about.html"), ("news/first-light-old", "en/news/first-light.html"), ("da/om-os", "da/about.html")],
)
def test_old_urls_resolve_at_the_site_root_in_their_language(driven, old, page):
    target = follow(driven / old / "index.html")
    assert target == (driven / page).resolve()
    assert target.is_file()
    assert redirect_of(driven / old / "index.html")[1] == f"https://example.org/{page}"


def test_driver_leaves_no_redirects_inside_language_folders(driven):
    assert not (driven / "en/about-us").exists()
    assert json.loads((driven / "en/dassco-aliases.json").read_text(encoding="utf-8"))


def test_site_root_never_overwrites_and_names_both_claims(tmp_path):
    root = tmp_path / "html"
    for lang, docname in (("en", "a"), ("da", "b")):
        (root / lang).mkdir(parents=True)
        (root / lang / "dassco-aliases.json").write_text(json.dumps([
            {"alias": "shared", "language": lang, "docname": docname, "target": f"{docname}.html", "title": "T", "canonical": None},
            {"alias": f"taken-{lang}", "language": lang, "docname": docname, "target": f"{docname}.html", "title": "<T>", "canonical": None},
        ]))
    (root / "taken-en").mkdir()
    (root / "taken-en/index.html").write_text("a real page")
    problems = write_site_root(root, ["en", "da"])
    assert any("'/shared'" in p and "a (en)" in p and "b (da)" in p for p in problems)
    assert any("'/taken-en'" in p and "not overwritten" in p for p in problems)
    assert not (root / "shared").exists()
    assert (root / "taken-en/index.html").read_text() == "a real page"
    written = (root / "taken-da/index.html").read_text(encoding="utf-8")
    assert MARKER in written and "&lt;T&gt;" in written and "<T>" not in written
    assert follow(root / "taken-da/index.html") == (root / "da/b.html").resolve()
    # a second run replaces its own redirects
    assert len(write_site_root(root, ["en", "da"])) == 2


def test_alias_conflicts_are_located_errors(site_builder):
    app = site_builder("test-sitekeys-bad", "html")
    text = app.warning.getvalue()
    assert "pagealias.md:4: ERROR: alias '/news/rawok'" in text and "news/rawok.md" in text
    assert "dupalias2.md:4: ERROR: alias '/same-old' is claimed by 2 pages: news/dupalias1.md and news/dupalias2.md" in text
    out = Path(app.outdir)
    assert not (out / "same-old").exists()
    assert (out / "news/rawok.html").read_text(encoding="utf-8").count(MARKER) == 0
