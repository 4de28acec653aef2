"""Fixtures of the browser checks: the built site, a local HTTP server, one headless Chromium.

The site under test is the real ``docs/``, built by this test session with Sphinx (every
warning fails the build) once per language into ``<tmp>/<site>/<lang>/``, the layout of
``_build/html/<lang>/``; the test root ``test-browser-broken`` is built beside it. Both are
served from 127.0.0.1 by a thread that stops with the session. One browser is started for the
whole session and one tab is reused, so the suite stays fast on a small machine.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_site import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DOCS,
    LANGUAGES,
    PAGES,
    ROOTS,
    SCREENSHOTS,
    Site,
    build_site,
    run_vnu,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs Chromium, Java and node_modules (make test installs them)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def served_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("served")


@pytest.fixture(scope="session")
def server(served_root: Path) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving the built sites; stopped at the end of the session."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    handler = functools.partial(QuietHandler, directory=str(served_root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site(served_root: Path, server: str) -> Site:
    """The real site (docs/), built in every language; a build warning fails the session."""
    built = Site("site", DOCS, LANGUAGES, server)
    for lang in LANGUAGES:
        built.hero_height_default, warnings = build_site(DOCS, served_root / "site" / lang, lang)
        assert not warnings.strip(), f"the {lang} build of docs/ warned:\n{warnings}"
    return built


@pytest.fixture(scope="session")
def broken_site(served_root: Path, server: str, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """tests/roots/test-browser-broken: pages broken on purpose, and one sound control page."""
    srcdir = tmp_path_factory.mktemp("broken-src") / "src"
    shutil.copytree(ROOTS / "test-browser-broken", srcdir)
    built = Site("broken", srcdir, ["en", "da"], server)
    for lang in built.languages:  # Danish without a catalog: for the switcher's stand-in
        built.hero_height_default, warnings = build_site(srcdir, served_root / "broken" / lang, lang)
        assert not warnings.strip(), f"the broken root ({lang}) warned:\n{warnings}"
    return built


# --- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Debian Chromium for the session, with a fresh profile, kept off the network."""
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=list(CHROMIUM_ARGS),
            viewport={"width": 1280, "height": 800},
            device_scale_factor=1,
            locale="en-GB",
            service_workers="block",
        )
        context.set_default_timeout(10_000)
        # Only the local server may be reached: anything else is a test failure, not a hang.
        context.route(lambda url: urlsplit(url).hostname not in ("127.0.0.1", None), lambda route: route.abort())
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def tab(browser_context: Any) -> Any:
    """The one tab the checks share (each check navigates it to the view it needs)."""
    pages = browser_context.pages
    return pages[0] if pages else browser_context.new_page()


@pytest.fixture(scope="session")
def figures() -> Iterator[dict[str, Any]]:
    """Figures measured by the checks, written to _build/screenshots/figures.json at the end."""
    found: dict[str, Any] = {}
    yield found
    if found:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / "figures.json").write_text(json.dumps(found, indent=2, sort_keys=True) + "\n")


@pytest.fixture(scope="session")
def vnu_messages(site: Site, served_root: Path) -> dict[str, list[dict[str, Any]]]:
    """The Nu HTML Checker's messages for each built page of the real site, by file."""
    files = [served_root / "site" / lang / f"{page}.html" for lang in site.languages for page in PAGES.values()]
    return run_vnu(files)


