"""``make test-peers``: Sphinx's own test suite, without and with dassco_ext in every app.

People load dassco-ext next to other extensions, into sites that are not ours; it must change
only what it owns. So a subset of the test suite of the *installed* Sphinx (translation,
gettext, the builders, transforms, the environment, markup) runs twice: once as Sphinx ships
it, once with ``dassco_ext`` added to the extensions of every application the tests create
(``tools/peer_plugin.py``). A test that passes without the extension and fails with it is a
regression, unless it is listed in ``tools/peer-known-differences.txt`` with its reason.

    python tools/peers.py fetch    # set-up (network): the sdist of the installed Sphinx, its tests
    python tools/peers.py run      # no network: both runs, the comparison; exit 1 on a regression

The tests are kept under ``.venv/sphinx-tests/<version>/tests`` (only ``tests/``: Sphinx
itself is the installed one).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import fnmatch
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET  # our own pytest's report, not untrusted input
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
DEFAULT_CACHE = REPO / ".venv" / "sphinx-tests"
KNOWN = TOOLS / "peer-known-differences.txt"

#: The subset (paths under Sphinx's ``tests/``): translation, gettext, the builders dassco-ext
#: must keep working (html, dirhtml, singlehtml, epub, latex, text, man, texinfo), incremental
#: reading, transforms, the environment and markup. About 1,900 tests, a few minutes a run.
SUBSET = (
    "test_intl",
    "test_builders/test_build_gettext.py",
    "test_builders/test_build_html.py",
    "test_builders/test_build_html_5_output.py",
    "test_builders/test_build_html_assets.py",
    "test_builders/test_build_html_image.py",
    "test_builders/test_build_html_numfig.py",
    "test_builders/test_build_html_tocdepth.py",
    "test_builders/test_build_html_toctree.py",
    "test_builders/test_build_all.py",
    "test_builders/test_build_dirhtml.py",
    "test_builders/test_build_epub.py",
    "test_builders/test_build_text.py",
    "test_builders/test_build_latex.py",
    "test_builders/test_build_manpage.py",
    "test_builders/test_build_texinfo.py",
    "test_builders/test_build.py",
    "test_builders/test_build_warnings.py",
    "test_builders/test_incremental_reading.py",
    "test_transforms",
    "test_environment",
    "test_markup",
    "test_directives",
    "test_writers",
    "test_extensions/test_ext_todo.py",
    "test_extensions/test_ext_math.py",
    "test_util/test_util_i18n.py",
    "test_application.py",
    "test_events.py",
)


def sphinx_version() -> str:
    import sphinx

    return sphinx.__version__


def tests_dir(cache: Path, version: str) -> Path:
    return cache / version


def fetch(cache: Path, version: str, sdist: Path | None = None) -> Path:
    """Download the sdist of Sphinx ``version`` (or take ``sdist``) and keep its ``tests/``
    (set-up only; nothing is fetched when they are already there)."""
    target = tests_dir(cache, version)
    if (target / "tests" / "conftest.py").is_file():
        return target
    with tempfile.TemporaryDirectory(prefix="sphinx-sdist-") as tmp:
        if sdist is None:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                 f"sphinx=={version}", "-d", tmp],
                check=True,
            )
            sdist = next(Path(tmp).glob("*.tar.gz"))
        with tarfile.open(sdist) as archive:
            prefix = archive.getnames()[0].split("/", 1)[0] + "/tests/"
            members = [m for m in archive.getmembers() if m.name.startswith(prefix)]
            for member in members:
                member.name = member.name.removeprefix(prefix.removesuffix("tests/"))
            partial = Path(tmp, "extracted")
            archive.extractall(partial, members=members, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(partial, target)
    return target


def read_known(path: Path) -> dict[str, str]:
    """``pattern | reason`` per line (``#`` comments); patterns are test ids, ``*`` allowed."""
    known: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        pattern, sep, reason = line.partition("|")
        if not sep or not reason.strip():
            raise SystemExit(f"{path}:{number}: a known difference needs '<test id> | <reason>'")
        known[pattern.strip()] = reason.strip()
    return known


def outcomes(junit: Path) -> dict[str, str]:
    """Test id -> passed / failed / error / skipped, from pytest's JUnit XML."""
    found: dict[str, str] = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        classname, name = case.get("classname", ""), case.get("name", "")
        parts = classname.split(".")
        # "tests.test_builders.test_build_html[.Class]" -> "tests/test_builders/test_build_html.py[::Class]"
        path_parts, rest = [], []
        for index, part in enumerate(parts):
            path_parts.append(part)
            if part.startswith("test_") and (index + 1 == len(parts) or not parts[index + 1].startswith("test_")):
                rest = parts[index + 1 :]
                break
        test_id = "/".join(path_parts) + ".py" + "".join(f"::{r}" for r in rest) + f"::{name}"
        kinds = {child.tag for child in case}
        outcome = "error" if "error" in kinds else "failed" if "failure" in kinds else "skipped" if "skipped" in kinds else "passed"
        if found.get(test_id) in ("failed", "error"):  # a teardown error after a call's failure
            continue
        found[test_id] = outcome
    return found


def run_suite(root: Path, junit: Path, *, with_dassco: bool, log: Path) -> tuple[int, float]:
    env = dict(os.environ)
    paths = [str(TOOLS), str(REPO), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env.pop("PYTEST_ADDOPTS", None)
    ini = root / "pytest.ini"  # Sphinx's own settings (none), not those of a project around .venv/
    if not ini.is_file():
        ini.write_text("[pytest]\n", encoding="utf-8")
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ini), "--rootdir", str(root),
        "-o", "junit_family=xunit1", "--junitxml", str(junit), "-W", "ignore::DeprecationWarning",
        *(["-p", "peer_plugin"] if with_dassco else []),
        *[str(root / "tests" / part) for part in SUBSET],
    ]
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        status = subprocess.run(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, check=False).returncode
    return status, time.monotonic() - start


def compare(plain: dict[str, str], ours: dict[str, str], known: dict[str, str]) -> tuple[list[str], dict[str, str], list[str]]:
    """(regressions not listed, listed ones seen, listed patterns that no longer differ)."""
    differing = sorted(t for t, o in plain.items() if o == "passed" and ours.get(t) in ("failed", "error"))
    missing = sorted(t for t, o in plain.items() if o == "passed" and t not in ours)  # a crash in collection
    regressions, seen = [], {}
    for test in differing + missing:
        pattern = next((p for p in known if fnmatch.fnmatchcase(test, p)), None)
        if pattern is None:
            regressions.append(test)
        else:
            seen[test] = known[pattern]
    stale = [p for p in known if not any(fnmatch.fnmatchcase(t, p) for t in differing + missing)]
    return regressions, seen, stale


def run(cache: Path, version: str, out: Path, serial: bool) -> int:
    root = tests_dir(cache, version)
    if not (root / "tests" / "conftest.py").is_file():
        print(f"test-peers: Sphinx {version}'s tests are not set up in {root}; run `make test-peers` "
              "(its set-up fetches them) or `python tools/peers.py fetch`", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    jobs = {
        name: {"junit": out / f"{name}.xml", "with_dassco": name == "with-dassco", "log": out / f"{name}.log"}
        for name in ("plain", "with-dassco")
    }
    with concurrent.futures.ThreadPoolExecutor(max_workers=1 if serial else 2) as pool:
        futures = {name: pool.submit(run_suite, root, **job) for name, job in jobs.items()}
        results = {name: future.result() for name, future in futures.items()}
    for name, (status, seconds) in results.items():
        print(f"test-peers: {name}: pytest exited {status} after {seconds:.0f} s (log: {jobs[name]['log']})")
    if not all(job["junit"].is_file() for job in jobs.values()):
        print("test-peers: a run wrote no report; see its log", file=sys.stderr)
        return 1
    plain, ours = outcomes(jobs["plain"]["junit"]), outcomes(jobs["with-dassco"]["junit"])
    regressions, seen, stale = compare(plain, ours, read_known(KNOWN))
    passed = sum(o == "passed" for o in plain.values())
    print(f"test-peers: Sphinx {version}, {len(plain)} tests, {passed} pass without dassco_ext; "
          f"{len(seen)} known differences; {time.monotonic() - start:.0f} s in all")
    for test, reason in seen.items():
        print(f"  known: {test}: {reason}")
    for pattern in stale:
        print(f"  note: listed but no longer different: {pattern}")
    for test in regressions:
        print(f"  REGRESSION (passes without dassco_ext, fails with it): {test}")
    return 1 if regressions else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/peers.py", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("fetch", "run"))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the tests are kept (.venv/sphinx-tests)")
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "test-peers", help="reports and logs")
    parser.add_argument("--serial", action="store_true", help="one run after the other (default: side by side)")
    parser.add_argument("--sdist", type=Path, help="fetch: take this sdist of the installed Sphinx instead of pip download")
    args = parser.parse_args(argv)
    version = sphinx_version()
    if args.action == "fetch":
        print(f"test-peers: Sphinx {version}'s tests in {fetch(args.cache, version, args.sdist)}")
        return 0
    return run(args.cache, version, args.out, args.serial)


if __name__ == "__main__":
    sys.exit(main())
