"""The real site in docs/: the seed page untouched, and a clean build with every builder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dassco_ext.testing import copy_project

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
SEED = REPO.parent / "shared" / "seed" / "about.md"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A copy of docs/ (and locale/ beside it), so no build ever writes into the repository."""
    work = tmp_path_factory.mktemp("site")
    copy_project(REPO, work)
    return work


def _sphinx(workdir: Path, builder: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, *options, "-d", str(workdir / "doctrees" / builder),
         str(workdir / "docs"), str(workdir / "out" / builder)],
        capture_output=True, text=True, check=False,
    )


@pytest.mark.skipif(not SEED.exists(), reason="the seed is only beside a full checkout")
def test_about_is_the_seed_byte_for_byte():
    assert (DOCS / "about.md").read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_docs_build_with_zero_warnings(workdir, builder):
    result = _sphinx(workdir, builder, "-W", "--keep-going", "-q")
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


@pytest.mark.parametrize("builder", ["latex", "text", "man", "texinfo", "epub", "gettext"])
def test_docs_build_with_other_builders(workdir, builder):
    result = _sphinx(workdir, builder, "-q")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "dassco" not in result.stderr, result.stderr


def test_about_page_from_the_seed(workdir):
    from bs4 import BeautifulSoup

    result = _sphinx(workdir, "html", "-q")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((workdir / "out" / "html" / "about.html").read_text(encoding="utf-8"), "html.parser")
    hero = page.select_one("section.dassco-hero")
    assert hero.select_one("h1.dassco-hero-title").get_text() == "About"
    assert hero.select_one("img.dassco-hero-image")["alt"]  # from dassco_image_alts
    buttons = page.select("p.dassco-buttons a.sd-btn")
    assert [(b.get_text(), b["href"]) for b in buttons] == [("Call to action", "data.html"), ("Other action", "data.html")]
    assert "sd-btn-primary" in buttons[0]["class"] and "sd-btn-outline-primary" in buttons[1]["class"]
    toc = [a.get_text(strip=True) for a in page.select("#pst-page-toc-nav a")]
    assert toc == ["What is DaSSCo?", "Why DaSSCo?", "Who are we?"]
    assert "{:" not in page.select_one("article").get_text()


def test_hero_images_are_ours_and_wide_enough():
    from PIL import Image

    for path in (DOCS / "assets" / "images").rglob("*.jpg"):
        with Image.open(path) as image:
            assert image.width >= 2400, path
    assert (DOCS / "assets" / "images" / "placeholders" / "Biller banner (2).jpg").is_file()


def test_readme_is_an_entrance():
    """The README says what the package is, its two commands and where the manual is; the
    manual (tests/test_manual.py) holds the rest."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    head = "\n".join(readme.splitlines()[:40])
    assert "make html" in head and "make test" in head
    assert "make manual" in readme
