"""Test helpers shared by dassco-ext's tests (and usable by sites built on it).

Sphinx's own fixtures build the sites (``tests/roots/test-*``); these helpers read what a
user would see: parsed HTML, and the warnings, split into type, location and message.
"""

from __future__ import annotations

import dataclasses as dc
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from sphinx.testing.util import SphinxTestApp

_ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
_WARNING_RE = re.compile(
    r"^(?P<location>.*?):? ?(?P<level>WARNING|ERROR|CRITICAL): (?P<message>.*?)(?: \[(?P<type>[\w.:-]+)\])?$"
)


@dc.dataclass(frozen=True)
class Warning_:
    """One warning or error line of a build."""

    level: str
    location: str
    message: str
    type: str | None

    @property
    def file(self) -> str:
        return Path(self.location.rsplit(":", 1)[0]).name if ":" in self.location else self.location

    @property
    def line(self) -> int | None:
        tail = self.location.rsplit(":", 1)[-1]
        return int(tail) if tail.isdigit() else None


def warnings_of(app: SphinxTestApp) -> list[Warning_]:
    """Every warning and error the build logged, parsed."""
    found = []
    for line in _ANSI_RE.sub("", app.warning.getvalue()).splitlines():
        match = _WARNING_RE.match(line.strip())
        if match:
            found.append(
                Warning_(match["level"], match["location"], match["message"], match["type"])
            )
    return found


def assert_no_warnings(app: SphinxTestApp) -> None:
    """Fail with the full text if the build logged any warning at all."""
    text = _ANSI_RE.sub("", app.warning.getvalue()).strip()
    assert not text, f"unexpected warnings:\n{text}"


def expect_warnings(app: SphinxTestApp, *expected: tuple[str, str]) -> list[Warning_]:
    """Assert the build logged exactly the ``(type, file:line)`` warnings given, in any order."""
    found = warnings_of(app)
    text = _ANSI_RE.sub("", app.warning.getvalue())
    assert len(found) == len(text.strip().splitlines()) if text.strip() else True, text
    got = sorted((w.type or "", f"{w.file}:{w.line}") for w in found)
    assert got == sorted(expected), f"warnings differ:\n{text}"
    return found


def html_of(app: SphinxTestApp, page: str = "index") -> BeautifulSoup:
    """The parsed HTML of one output page (``page`` without suffix)."""
    from bs4 import BeautifulSoup

    path = Path(app.outdir, f"{page}.html")
    if not path.exists():
        path = Path(app.outdir, page, "index.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def copy_site(source: Path, target: Path) -> Path:
    """Copy a site's source folder (a test root, or a project's ``docs``) to ``target``, without
    build outputs (``_build``, compiled ``.mo``): a build of the copy starts clean and never
    writes into the original. Returns ``target``."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("_build", "*.mo"))
    return target


def copy_project(repo: Path, target: Path) -> Path:
    """Copy a project laid out as dassco-ext's repository is (``docs/`` and ``locale/`` beside
    it) into ``target``, without build outputs; returns the copy's ``docs``."""
    for name in ("docs", "locale"):
        if (repo / name).is_dir():
            copy_site(repo / name, target / name)
    return target / "docs"


def build_site(
    root: Path, tmp_dir: Path, buildername: str = "html", **kwargs: object
) -> SphinxTestApp:
    """Copy a test root to ``tmp_dir`` and build it once (for module- or session-scoped fixtures).

    The copy keeps the build out of the repository; see :func:`build_app` for the build."""
    srcdir = tmp_dir / root.name
    if not srcdir.exists():
        copy_site(root, srcdir)
    return build_app(srcdir, tmp_dir / f"_build-{buildername}", buildername, **kwargs)


def new_app(
    srcdir: Path, builddir: Path, buildername: str = "html", **kwargs: object
) -> SphinxTestApp:
    """Sphinx's own ``SphinxTestApp`` for ``srcdir``, not built yet, its ``status`` and
    ``warning`` streams captured like sphinx.testing's ``app`` fixture does. The caller builds
    it and calls ``cleanup()`` (as :func:`build_app` does); for tests that look at an
    application between steps of a build."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    return SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        status=StringIO(),
        warning=StringIO(),
        **kwargs,  # type: ignore[arg-type]
    )


def build_app(
    srcdir: Path, builddir: Path, buildername: str = "html", **kwargs: object
) -> SphinxTestApp:
    """Build ``srcdir`` once into ``builddir`` with Sphinx's own ``SphinxTestApp``.

    The app's ``status`` and ``warning`` streams are captured like sphinx.testing's ``app``
    fixture does. The app is cleaned up (docutils' global registries restored) right after
    the build, so the next build in the same process starts clean; its outputs, environment
    and streams stay readable. (Within a test, Sphinx's ``make_app`` fixture does the same.)
    """
    app = new_app(srcdir, builddir, buildername, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def main_of(page: BeautifulSoup):
    """The content area of a page, whatever the theme (pydata: ``article``, basic: ``role=main``)."""
    return page.select_one("article.bd-article") or page.select_one('[role="main"]') or page.body


def assert_nothing_executable(
    outdir: Path | str, theme_pages: tuple[str, ...] = ("index.html", "search.html")
) -> int:
    """Every written file: no ``javascript:``, and no ``<script`` but the theme's own (those of
    ``theme_pages``, pages with nothing hostile on them, also from the site's root as the 404 page
    links them, ``_static`` script tags, and the page-name line pydata-sphinx-theme writes in
    every page).

    Returns how many files were checked.
    """
    script_re = re.compile(r"<script\b.*?</script>", flags=re.IGNORECASE | re.DOTALL)
    theme_scripts = {
        script
        for page in theme_pages
        for script in script_re.findall(Path(outdir, page).read_text(encoding="utf-8"))
    }
    checked = 0
    for path in Path(outdir).rglob("*"):
        if not path.is_file() or "_static" in path.parts or path.suffix in (".png", ".jpg", ".inv"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "javascript:" not in text.lower(), path
        assert text.lower().count("<script") == len(script_re.findall(text)), path
        for script in script_re.findall(text):
            absolute = re.sub(
                r'src="(?:/[\w.-]+)+/(?=_static/|searchindex)', 'src="', script
            )  # the 404 page's
            assert (
                script in theme_scripts
                or absolute in theme_scripts
                or re.fullmatch(
                    r'<script src="(?:\.\./)*_static/[^"]+"></script>'
                    r"|<script>DOCUMENTATION_OPTIONS\.pagename = '[\w/-]+';</script>",
                    script,
                )
            ), (path, script)
        checked += 1
    return checked
