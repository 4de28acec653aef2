"""Sphinx's own test fixtures, pointed at tests/roots, and one-build-per-module sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from dassco_ext.testing import build_site

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(scope="module")
def site_builder(tmp_path_factory):
    """``site_builder("test-buttons", "html")`` builds a root once for the whole module."""

    def build(root: str, buildername: str = "html", **kwargs):
        return build_site(ROOTS / root, tmp_path_factory.mktemp(root), buildername, **kwargs)

    return build
