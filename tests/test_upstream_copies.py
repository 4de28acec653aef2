"""Every piece of Sphinx or MyST code dassco-ext copies or mirrors, guarded.

Where no public hook does the job, dassco-ext has its own version of an upstream function
(for speed). Each such function is listed here with the hash of the
upstream source it was checked against and the version that source came from. When an
upgrade changes the upstream code, the test fails and names the copy to review: compare
the two, bring the copy in line, then record the new hash and version here and widen the
range in ``pyproject.toml`` (which admits only the versions checked).
"""

from __future__ import annotations

import dataclasses as dc
import hashlib
import importlib
import inspect
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent


@dc.dataclass(frozen=True)
class Copy:
    upstream: str  #: ``module:qualname`` of the upstream function
    distribution: str
    checked: str  #: the version whose source has ``sha256``
    sha256: str  #: first 16 hex digits of the SHA-256 of ``inspect.getsource``
    ours: str  #: where dassco-ext mirrors it

    def source(self) -> str:
        module, qualname = self.upstream.split(":")
        obj = importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
        return inspect.getsource(obj)


COPIES = (
    Copy("myst_parser.mdit_to_docutils.base:DocutilsRenderer.setup_render", "myst-parser", "5.2.0",
         "09ae3e2fe89715fd", "dassco_ext.page.markdown.DasscoRenderer.setup_render"),
    Copy("myst_parser.mdit_to_docutils.sphinx_:SphinxRenderer.render_link_unknown", "myst-parser", "5.2.0",
         "6d3e19c74b403f02", "dassco_ext.page.markdown.DasscoRenderer.render_link_unknown"),
    Copy("myst_parser.config.main:read_topmatter", "myst-parser", "5.2.0", "05397c452c44bcd2",
         "dassco_ext.page.parser.read_topmatter"),
    Copy("myst_parser.parsers.sphinx_:MystParser.parse", "myst-parser", "5.2.0", "0d71d5731b4a6f7c",
         "dassco_ext.page.parser.DasscoMystParser.parse"),
    Copy("myst_parser.mdit_to_docutils.base:DocutilsRenderer.render_paragraph", "myst-parser", "5.2.0",
         "aba11257667353b8", "dassco_ext.page.parser.DasscoMystParser._plain_paragraph"),
)


@pytest.mark.parametrize("copy", COPIES, ids=lambda copy: copy.upstream.split(":")[1])
def test_upstream_code_is_what_the_copy_was_checked_against(copy):
    digest = hashlib.sha256(copy.source().encode()).hexdigest()[:16]
    installed = metadata.version(copy.distribution)
    assert digest == copy.sha256, (
        f"{copy.upstream} of {copy.distribution} {installed} differs from {copy.checked}'s, which "
        f"{copy.ours} mirrors: review the copy, then record sha256 {digest!r} and version {installed!r} "
        f"in tests/test_upstream_copies.py and widen the range in pyproject.toml"
    )


@pytest.mark.parametrize("distribution", sorted({copy.distribution for copy in COPIES}))
def test_dependency_range_admits_only_checked_versions(distribution):
    """pyproject.toml's range for a distribution whose code is copied: the checked versions'
    minor series, nothing newer (a new minor release may change what is copied)."""
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (requirement,) = (Requirement(d) for d in dependencies if Requirement(d).name == distribution)
    for checked in {copy.checked for copy in COPIES if copy.distribution == distribution}:
        assert requirement.specifier.contains(checked), (requirement, checked)
        major, minor = (int(n) for n in checked.split(".")[:2])
        assert not requirement.specifier.contains(f"{major}.{minor + 1}.0"), requirement
        assert not requirement.specifier.contains(f"{major + 1}.0.0"), requirement
    assert requirement.specifier.contains(metadata.version(distribution))
