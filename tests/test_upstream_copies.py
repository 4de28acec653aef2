"""Every piece of Sphinx or MyST code dassco-ext copies or mirrors, guarded.

Where no public hook does the job, dassco-ext has its own version of an upstream function
(for speed, or to add ``msgctxt``). Each such function is listed here with the hash of the
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
import re
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
    Copy("sphinx.builders.gettext:MessageCatalogBuilder.finish", "sphinx", "9.0.4", "a71da9482fbf84d5",
         "dassco_ext.i18n.extraction.ContextCatalogBuilder.finish (the same, with msgctxt)"),
    Copy("sphinx.builders.gettext:MessageCatalogBuilder.write_doc", "sphinx", "9.0.4", "937ee2b4a4778291",
         "dassco_ext.i18n.extraction.ContextCatalogBuilder.write_doc (adds front matter after it)"),
    Copy("sphinx.builders.gettext:Catalog.add", "sphinx", "9.0.4", "04fa00772effe36a",
         "dassco_ext.i18n.extraction.ContextCatalog.add"),
    Copy("sphinx.builders.gettext:Catalog.__iter__", "sphinx", "9.0.4", "76142df1a5c3208b",
         "dassco_ext.i18n.extraction.ContextCatalogBuilder.finish (reads Message.text/locations/uuids)"),
    Copy("sphinx.util.i18n:CatalogInfo.write_mo", "sphinx", "9.0.4", "a6a6bcb6683edc02",
         "dassco_ext.i18n.catalogs: read_catalog and _write_mo_as_sphinx compile as it does"),
    Copy("sphinx.transforms.i18n:Locale.apply", "sphinx", "9.0.4", "118126ca0d1cb985",
         "dassco_ext.i18n.markup.SafeTranslations.apply (which messages Locale takes) and "
         "dassco_ext.i18n.catalogs._merged_catalog (the catalogs Locale merges)"),
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


def test_pot_template_is_sphinx_s_plus_msgctxt():
    """``dassco_ext/templates/message.pot.jinja`` is Sphinx's template with the three lines
    that write ``msgctxt`` and source references relative to the project root
    (``source_path``, not ``relpath``: references name files that exist), nothing else."""
    import sphinx

    theirs = (Path(sphinx.__file__).parent / "templates" / "gettext" / "message.pot.jinja").read_text(encoding="utf-8")
    ours = (REPO / "dassco_ext" / "templates" / "message.pot.jinja").read_text(encoding="utf-8")
    added = re.compile(r'\{% if message\.context is not none -%\}\nmsgctxt "\{\{ message\.context\|e \}\}"\n\{% endif -%\}\n')
    assert len(added.findall(ours)) == 1
    assert "{{ source_path(source) }}" in ours
    assert added.sub("", ours).replace("source_path(source)", "relpath(source)") == theirs
