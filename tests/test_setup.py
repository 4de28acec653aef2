"""Set-up sized to the task: ``make html`` installs what building needs, ``make test`` adds
what the checks need, and a check that a package is installed passes when it is."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / "tools"
LISTS = ("apt-build.txt", "apt-test.txt")


def entries(name: str) -> list[tuple[str, str]]:
    found = []
    for line in (TOOLS / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            package, check = line.split(None, 1)
            found.append((package, check))
    return found


def installed(package: str) -> bool:
    if shutil.which("dpkg-query") is None:
        return False
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False)
    return done.stdout.strip() == "install ok installed"


@pytest.mark.parametrize("package, check", [entry for name in LISTS for entry in entries(name)])
def test_every_check_passes_when_its_package_is_installed(package, check):
    if not installed(package):
        pytest.skip(f"{package} is not installed here")
    done = subprocess.run(["bash", "-c", check], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{package}: `{check}` exits {done.returncode} although it is installed"


def test_bootstrap_installs_nothing_when_every_check_passes():
    checks = [check for name in LISTS for _package, check in entries(name)]
    if any(subprocess.run(["bash", "-c", c], capture_output=True, check=False).returncode for c in checks):
        pytest.skip("something is missing here")
    done = subprocess.run(["bash", str(TOOLS / "bootstrap"), *(str(TOOLS / n) for n in LISTS)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr  # no apt-get run


def test_building_needs_no_browser_java_or_node():
    build = {package for package, _check in entries("apt-build.txt")}
    test = {package for package, _check in entries("apt-test.txt")}
    assert not build & test
    assert {"gettext", "python3-venv", "libpango-1.0-0"} <= build
    assert {"chromium", "openjdk-17-jre-headless", "nodejs", "npm"} <= test


def _prerequisites(makefile: str, target: str) -> str:
    match = re.search(rf"^{re.escape(target)}:(.*)$", makefile, flags=re.MULTILINE)
    assert match, target
    return match[1]


def test_make_html_sets_up_only_the_build():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "apt-build.txt" in _prerequisites(makefile, "$(SYSTEM_STAMP)")
    assert "apt-test" not in makefile.split("$(SYSTEM_STAMP): ", 1)[1].split("\n\n", 1)[0]
    for target in ("html", "pdf", "gettext", "intl-check"):
        assert _prerequisites(makefile, target).split() == ["$(VENV_STAMP)"], target
    assert "'.[test" not in makefile.split("$(VENV_STAMP): ", 1)[1].split("\n\n", 1)[0]
    assert "$(TEST_STAMP)" in _prerequisites(makefile, "test")
    assert "$(TEST_SYSTEM_STAMP)" in _prerequisites(makefile, "$(NODE_STAMP)")
