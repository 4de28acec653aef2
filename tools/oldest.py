"""Print the requirements of ``make test-oldest``: the package's dependencies and its ``test``
extra from pyproject.toml, each one named in tools/oldest.txt replaced by the pin there."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def name(requirement: str) -> str:
    """``Sphinx_Design>=0.8`` -> ``sphinx-design`` (PEP 503 normalised)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match[1]).lower()


def requirements() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = (REPO / "tools" / "oldest.txt").read_text(encoding="utf-8").splitlines()
    pins = {name(line): line.strip() for line in lines if line.strip() and not line.startswith("#")}
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    kept = [r for r in wanted if name(r) not in pins]
    return [*pins.values(), *kept]


if __name__ == "__main__":
    print("\n".join(requirements()))
