"""Old URLs keep working: front-matter ``aliases`` as redirect pages (sphinx-reredirects), from
one language's ``sphinx-build`` (inside its output) and from ``make html`` (at the site root)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from dassco_ext.testing import build_app, warnings_of

ROOTS = Path(__file__).parent / "roots"


def redirect_of(path: Path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return page.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]


def follow(path: Path) -> Path:
    return (path.parent / unquote(redirect_of(path))).resolve()


def test_plain_build_writes_redirects_inside_its_output(site_builder):
    app = site_builder("test-listings", "html")
    out = Path(app.outdir)
    assert follow(out / "about-us/index.html") == (out / "about.html").resolve()
    assert follow(out / "news/first-light-old/index.html") == (out / "news/first-light.html").resolve()
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


def test_driver_leaves_no_redirects_inside_language_folders(driven):
    assert not (driven / "en/about-us").exists()
    assert not (driven / "da/about-us").exists() and not (driven / "en/om-os").exists()


def test_alias_conflicts_are_located_errors(site_builder):
    app = site_builder("test-sitekeys-bad", "html")
    text = app.warning.getvalue()
    assert "pagealias.md:4: ERROR: alias '/news/rawok'" in text and "news/rawok.md" in text
    assert "dupalias2.md:4: ERROR: alias '/same-old' is claimed by 2 pages: news/dupalias1.md and news/dupalias2.md" in text
    out = Path(app.outdir)
    assert not (out / "same-old").exists()
    assert "http-equiv" not in (out / "news/rawok.html").read_text(encoding="utf-8")


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    src = tmp_path / "site"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["dassco_ext"]\nlanguage = "en"\ndassco_languages = ["en", "da"]\n'
                                 'root_doc = "index"\n', encoding="utf-8")
    for name, text in {"index": "---\ntitle: Home\n---\n\n```{toctree}\n:glob:\n*\n```\n", **pages}.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_aliases_naming_outputs_of_sphinx_are_located_warnings(tmp_path, builder):
    src = _site(tmp_path, {"old": "---\ntitle: Old\naliases: [/_static/x, /objects.inv/y, /genindex, /fine]\n---\n\nText.\n"})
    app = build_app(src, tmp_path / "_build", builder)
    found = sorted((w.type, w.file, w.line, w.message.split("'")[1]) for w in warnings_of(app))
    assert found == [("dassco.alias", "old.md", 3, path) for path in ("/_static/x", "/genindex", "/objects.inv/y")]
    out = Path(app.outdir)
    assert (out / "objects.inv").is_file() and not (out / "_static/x").exists()
    page = "old.html" if builder == "html" else "old"
    assert follow(out / "fine/index.html") == (out / page).resolve()


def test_site_root_claims_of_two_languages_name_both(tmp_path):
    src = _site(tmp_path, {"a": "---\ntitle: A\naliases: {en: [/shared]}\n---\n",
                           "b": "---\ntitle: B\naliases: {da: [/shared, /da/b-old]}\n---\n"})
    root = tmp_path / "_build/html"
    done = subprocess.run(  # the driver's build of one language, into its folder of the site
        [sys.executable, "-m", "sphinx", "-q", "-D", "language=da", "-D", "dassco_alias_redirects=site-root",
         str(src), str(root / "da")], capture_output=True, text=True, check=True)
    assert done.stderr.count("WARNING") + done.stderr.count("ERROR") == 1
    assert "b.md:3: ERROR: alias '/shared' is claimed by 2 pages: a.md and b.md" in done.stderr
    assert not (root / "shared").exists()
    assert follow(root / "da/b-old/index.html") == (root / "da/b.html").resolve()


#: Names Sphinx, the theme, the extensions and ``html_extra_path`` write at an output's root.
OUTPUT_NAMES = ["_static/pygments.css", "_static/basic.css", "objects.inv", "_images", "genindex",
                "search", "searchindex.js", ".well-known", ".buildinfo", "_sources", "_downloads",
                "404", "sitemap.xml", "robots.txt", "genindex.html", "search.html"]


@st.composite
def output_claims(draw) -> list[tuple[str, str]]:
    """``(key, path)`` claims of names the site writes: aliases and permalinks, as a user
    might spell them (a language in front, a file below, ``.html`` after)."""
    claims = []
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(OUTPUT_NAMES))
        path = draw(st.sampled_from(["", "en/"])) + path + draw(st.sampled_from(["", "/x", "/x/y.html"]))
        claims.append((draw(st.sampled_from(["aliases", "permalink"])), "/" + path))
    return claims


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate])
@given(claims=output_claims(), builder=st.sampled_from(["html", "dirhtml"]))
def test_no_alias_or_permalink_overwrites_an_output(tmp_path_factory, claims, builder):
    tmp = tmp_path_factory.mktemp("claims")
    pages = {"old": "---\ntitle: Old\n---\n\nText.\n"}
    for number, (key, path) in enumerate(claims):
        value = f"[{path}]" if key == "aliases" else path
        pages[f"p{number}"] = f"---\ntitle: P{number}\n{key}: {value}\n---\n\nText.\n"
    def site(folder: Path, pages: dict[str, str]) -> Path:
        folder.mkdir()
        src = _site(folder, pages)
        (src / "conf.py").write_text((src / "conf.py").read_text() + 'html_extra_path = ["extra"]\n'
                                     'exclude_patterns = ["extra"]\n', encoding="utf-8")
        (src / "extra").mkdir()
        (src / "extra/robots.txt").write_text("User-agent: *\n", encoding="utf-8")
        return src

    src = site(tmp / "claims", pages)
    plain = build_app(site(tmp / "plain", {"old": pages["old"]}), tmp / "plain/_build", builder)
    app = build_app(src, tmp / "_build", builder)  # an exception fails the test
    log = app.warning.getvalue()
    assert "Traceback" not in log + app.status.getvalue()
    found = warnings_of(app)
    assert all(w.type in ("dassco.alias", "dassco.permalink", "dassco.collision") for w in found), log
    for number in range(len(claims)):  # each claim refused, at its page or naming it
        assert any(f"p{number}.md" in (w.file, *w.message.split()) for w in found), (claims, log)
    for written in Path(plain.outdir).rglob("*"):  # nothing a plain build writes is overwritten
        mine = Path(app.outdir, written.relative_to(plain.outdir))
        if written.suffix == ".html":
            assert mine.is_file() and 'http-equiv="refresh"' not in mine.read_text(), mine
        elif written.suffix == ".inv":  # it lists the pages: another inventory, still one
            assert mine.read_bytes().startswith(b"# Sphinx inventory version 2"), mine
        elif written.is_file() and written.suffix not in (".js", ".pickle") and written.name != ".buildinfo":
            assert mine.is_file() and mine.read_bytes() == written.read_bytes(), mine
        elif written.is_dir():
            assert mine.is_dir(), mine
    assert (Path(app.outdir) / "robots.txt").read_text() == "User-agent: *\n"
