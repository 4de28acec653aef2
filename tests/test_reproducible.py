"""Parallel, incremental and reproducible builds of the real site, compared file by file."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dassco_ext.testing import copy_project

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1700000000"


def _tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def assert_same_tree(left: Path, right: Path) -> int:
    """Every file byte for byte; returns how many files were compared."""
    a, b = _tree(left), _tree(right)
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == [], f"files differ: {different[:10]}"
    return len(a)


def _command(src: Path, out: Path, doctrees: Path, *options: str, builder: str = "html") -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", builder, "-N", *options, "-d", str(doctrees), str(src), str(out)]


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}


def build(src: Path, out: Path, *options: str, doctrees: Path | None = None, builder: str = "html") -> None:
    doctrees = doctrees or out.with_name(out.name + "-doctrees")
    result = subprocess.run(_command(src, out, doctrees, "-q", *options, builder=builder), env=_env(),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def _copy_site(work: Path) -> Path:
    copy_project(REPO, work)
    return work


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A copy of the site (docs/ and locale/), built once cleanly with ``-j 1``."""
    work = _copy_site(tmp_path_factory.mktemp("repro"))
    build(work / "docs", work / "clean", "-j", "1")
    return work


@pytest.fixture(scope="module", params=["en", "da"])
def language_site(request, tmp_path_factory) -> tuple[Path, str]:
    """The site in each language, built once cleanly with ``-j 1``."""
    work = _copy_site(tmp_path_factory.mktemp(f"repro-{request.param}"))
    build(work / "docs", work / "clean", "-j", "1", "-D", f"language={request.param}")
    return work, request.param


def test_parallel_build_equals_serial(language_site):
    site, language = language_site
    build(site / "docs", site / "parallel", "-j", "2", "-D", f"language={language}")
    assert assert_same_tree(site / "clean", site / "parallel") > 20


def test_two_clean_builds_are_identical(language_site):
    site, language = language_site
    build(site / "docs", site / "again", "-j", "1", "-D", f"language={language}")
    assert_same_tree(site / "clean", site / "again")


def test_clean_pdf_briefs_are_identical(language_site):
    """Two clean brief builds (one with ``-j 2``) with one SOURCE_DATE_EPOCH: the same bytes."""
    site, language = language_site
    for name, jobs in (("brief-1", "1"), ("brief-2", "2")):
        build(site / "docs", site / name, "-j", jobs, "-D", f"language={language}", builder="brief")
    pdfs = sorted((site / "brief-1").rglob("*.pdf"))
    assert pdfs, "no brief was written"
    assert assert_same_tree(site / "brief-1", site / "brief-2") >= len(pdfs)


def test_incremental_build_equals_clean(site, tmp_path):
    src = tmp_path / "docs"
    shutil.copytree(site / "docs", src)
    if (site / "locale").is_dir():
        shutil.copytree(site / "locale", tmp_path / "locale")
    build(src, tmp_path / "incremental")
    page = src / "data.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    build(src, tmp_path / "incremental")
    build(src, tmp_path / "fresh", doctrees=tmp_path / "fresh-doctrees")
    assert "One more sentence." in (tmp_path / "incremental" / "data.html").read_text(encoding="utf-8")
    assert_same_tree(tmp_path / "fresh", tmp_path / "incremental")


@pytest.mark.parametrize(
    "kill_at",
    [
        "writing output... [ 25%]",  # halfway: read done, the first page being written
        "copying images",  # every page written; images, search index, inventory not yet
    ],
)
def test_killed_build_then_rerun_equals_clean(site, tmp_path, kill_at):
    out, doctrees = tmp_path / "killed", tmp_path / "killed-doctrees"
    process = subprocess.Popen(_command(site / "docs", out, doctrees, "-j", "1"), env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    killed = False
    for line in process.stdout:
        if kill_at in line:
            os.killpg(process.pid, signal.SIGKILL)
            killed = True
            break
    process.wait(timeout=60)
    assert killed, "the build ended before it could be killed"
    build(site / "docs", out, "-j", "1", doctrees=doctrees)
    assert_same_tree(site / "clean", out)


def test_build_never_writes_into_the_sources(tmp_path):
    """Building docs/ in place (outputs elsewhere) leaves docs/ and every .po as they were."""
    def snapshot() -> dict[str, str]:
        files = [*(REPO / "docs").rglob("*"), *(REPO / "locale").rglob("*.po")]
        return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}

    before = snapshot()
    build(REPO / "docs", tmp_path / "out")
    assert snapshot() == before
