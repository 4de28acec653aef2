"""The site under test: where it is built and served, the views a reader has of it,
and the tools (Chromium, axe-core, vnu) the browser checks use."""

from __future__ import annotations

import dataclasses as dc
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
ROOTS = REPO / "tests" / "roots"
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = REPO / "_build" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
#: Keep the browser off the network and free of first-run work.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)

#: The screen sizes of the checks (CSS pixels, device scale 1).
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
MODES = ("light", "dark")
#: The pages of the real site the issue names: label -> page name (docname).
PAGES = {"about": "about", "home": "index", "data": "data"}


def site_languages() -> list[str]:
    """English, then every language with a catalog in ``locale/`` (turns Danish on by itself)."""
    locale = REPO / "locale"
    found = sorted(p.parent.name for p in locale.glob("*/LC_MESSAGES") if p.parent.name != "en")
    return ["en", *found]


LANGUAGES = site_languages()


@dc.dataclass
class Site:
    """One built site: its languages, where each is served, and its pages' front matter."""

    name: str
    srcdir: Path
    languages: list[str]
    base_url: str = ""
    hero_height_default: str = "50vh"

    def url(self, lang: str, page: str) -> str:
        return f"{self.base_url}/{self.name}/{lang}/{page}.html"

    def path(self, lang: str, page: str) -> str:
        return urlsplit(self.url(lang, page)).path

    def front_matter(self, page: str) -> dict[str, Any]:
        text = (self.srcdir / f"{page}.md").read_text(encoding="utf-8")
        _, head, _ = text.split("---", 2)
        return yaml.safe_load(head) or {}

    def hero_height(self, page: str) -> str:
        """The CSS height the page asks for (front matter ``height``, else the site default)."""
        return str(self.front_matter(page).get("height") or self.hero_height_default)


def build_site(srcdir: Path, outdir: Path, lang: str) -> tuple[str, str]:
    """Build ``srcdir`` in ``lang`` into ``outdir``; return (hero height default, warnings)."""
    from dassco_ext.testing import build_app

    with tempfile.TemporaryDirectory() as builddir:
        app = build_app(srcdir, Path(builddir), confoverrides={"language": lang})
        shutil.copytree(app.outdir, outdir)
    return app.config.dassco_hero_height, app.warning.getvalue()


@dc.dataclass(frozen=True)
class View:
    """A page of a site as a reader sees it: language, screen size and colour mode."""

    lang: str
    page: str
    viewport: str = "desktop"
    mode: str = "light"

    @property
    def label(self) -> str:
        return f"{self.lang}-{self.page}-{self.viewport}-{self.mode}"


def open_view(tab: Any, site: Site, view: View) -> Any:
    """Navigate ``tab`` to ``view`` and wait until the theme has applied the colour mode."""
    width, height = VIEWPORTS[view.viewport]
    tab.set_viewport_size({"width": width, "height": height})
    tab.emulate_media(color_scheme=view.mode, reduced_motion="no-preference")
    url = site.url(view.lang, PAGES.get(view.page, view.page))
    response = tab.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    tab.wait_for_function("mode => document.documentElement.dataset.theme === mode", arg=view.mode)
    tab.evaluate("document.fonts.ready.then(() => window.scrollTo(0, 0))")
    # The theme fades colours in when its mode is set: measure once every transition is over.
    tab.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    tab.mouse.move(0, 0)
    return response


def run_vnu(files: list[Path]) -> dict[str, list[dict[str, Any]]]:
    """Run vnu.jar (with the machine's Java) on ``files``; its messages grouped by file path."""
    java = shutil.which("java")
    assert java, "no java on PATH (tools/apt-packages.txt installs openjdk-17-jre-headless)"
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: run `make test` (npm ci installs it)"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stderr or result.stdout)
    by_file: dict[str, list[dict[str, Any]]] = {str(f): [] for f in files}
    for message in report["messages"]:
        path = urlsplit(message.get("url", "")).path
        by_file.setdefault(path, []).append(message)
    return by_file
