"""One command, ``dassco`` (also ``python -m dassco_ext``), and the Makefile targets that call it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dassco_ext.cli import build, command, intl, pdf

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).parent / "roots"


def dassco(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "dassco_ext", *args], capture_output=True, text=True,
                          check=False, env=env, **kwargs)


def test_help_lists_every_subcommand():
    done = dassco("--help")
    assert done.returncode == 0
    for sub in command.COMMANDS:
        assert f"  {sub.name}  " in done.stdout and sub.summary in done.stdout
    assert {"build", "pdf", "intl"} <= {sub.name for sub in command.COMMANDS}
    assert "examples:" in done.stdout


@pytest.mark.parametrize("name", [sub.name for sub in command.COMMANDS])
def test_each_subcommand_has_help_with_examples(name):
    done = dassco(name, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: dassco {name} ")
    examples = done.stdout.split("examples:\n", 1)[1]
    assert f"dassco {name}" in examples
    assert "``" not in done.stdout  # reST marks of the docstrings are not shown


def test_no_or_unknown_command_is_a_usage_error():
    assert dassco().returncode == 2
    done = dassco("nope")
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_the_console_script_is_declared():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["dassco"] == "dassco_ext.cli.command:main"


def test_a_new_subcommand_joins_with_one_registration(monkeypatch, capsys):
    seen = []
    module = types.ModuleType("dassco_ext_fake_importer")
    module.main = lambda argv, prog: seen.append((argv, prog)) or 3
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(command, "COMMANDS", (*command.COMMANDS, command.Command("fake", module.__name__, "import")))
    assert command.main(["fake", "--x", "y"]) == 3
    assert seen == [(["--x", "y"], "dassco fake")]
    with pytest.raises(SystemExit):
        command.main(["--help"])
    assert "  fake" in capsys.readouterr().out


@pytest.mark.parametrize("command_name", ["build", "pdf"])
@pytest.mark.parametrize("where, says", [
    ("missing", "is missing"), ("conf.py", "is a file"), ("empty", "has no conf.py"), ("broken", "syntax error"),
])
def test_a_folder_that_is_no_site_is_one_line_and_a_usage_error(tmp_path, command_name, where, says):
    (tmp_path / "empty").mkdir()
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "conf.py").write_text("x = (\n", encoding="utf-8")
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    done = dassco(command_name, str(tmp_path / where), str(tmp_path / "_build"), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("dassco: ") and says in done.stderr, done.stderr
    assert not (tmp_path / "_build").exists()


def _captured_run(monkeypatch) -> list[tuple]:
    calls = []
    monkeypatch.setattr(build, "run", lambda *args: calls.append(args) or 0)
    monkeypatch.setattr(pdf, "run", lambda *args: calls.append(args) or 0)
    return calls


@pytest.mark.parametrize("argv, options", [
    (["--sphinxopts=--keep-going"], ["--keep-going"]),
    (["--sphinxopts", "-W --keep-going"], ["-W", "--keep-going"]),
    (["--sphinxopts=-D html_title='A B'"], ["-D", "html_title=A B"]),
    (["--", "-W", "--keep-going", "-D", "x=1"], ["-W", "--keep-going", "-D", "x=1"]),
    (["--sphinxopts=-q", "--", "-W"], ["-q", "-W"]),
    ([], []),
])
def test_sphinx_options_pass_through(monkeypatch, argv, options):
    calls = _captured_run(monkeypatch)
    assert build.main(["src", "out", *argv]) == 0
    assert pdf.main(["src", "out", *argv]) == 0
    (_src, _out, builder, _langs, got, _jobs), (*_, pdf_builder, _l, pdf_got, _j) = calls
    assert (builder, pdf_builder) == ("html", "brief")
    assert got == pdf_got == options


def test_defaults_are_the_repository_layout(monkeypatch):
    calls = _captured_run(monkeypatch)
    build.main([])
    assert calls[0][:2] == (Path("docs"), Path("_build"))


def test_pdf_is_the_brief_builder_of_build():
    """``dassco pdf`` and ``dassco build --builder brief`` run the same sphinx-build."""
    command_line = build.sphinx_command("da", Path("docs"), Path("_build"), "brief", ["-W"])
    assert command_line[-2:] == ["docs", str(Path("_build/pdf/da"))]
    assert command_line[command_line.index("-d") + 1] == str(Path("_build/doctrees/pdf/da"))
    html = build.sphinx_command("da", Path("docs"), Path("_build"), "html", [])
    assert html[-1] == str(Path("_build/html/da"))
    assert html[html.index("-d") + 1] == str(Path("_build/doctrees/da"))  # as before: no-op rebuilds


def test_intl_takes_the_command_first(monkeypatch, tmp_path):
    (tmp_path / "conf.py").write_text("dassco_languages = ['en', 'da']\n", encoding="utf-8")
    seen = []
    monkeypatch.setattr(intl, "stat", lambda sourcedir, conf, **_options: seen.append(sourcedir) or 0)
    assert intl.main(["stat", str(tmp_path)]) == 0
    assert seen == [tmp_path]


# --- the Makefile's targets call it ----------------------------------------------------------

def _make(target: str, tmp_path: Path, *variables: str) -> subprocess.CompletedProcess[str]:
    """``make TARGET`` with the set-up stamps pointed at fresh files (nothing is installed)
    and ``dassco`` run from this checkout."""
    stamp = tmp_path / "stamp"
    stamp.touch()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("MAKEFLAGS", None)
    env.pop("SPHINXOPTS", None)
    return subprocess.run(
        ["make", "--no-print-directory", target, f"SYSTEM_STAMP={stamp}", f"VENV_STAMP={stamp}",
         f"DASSCO={sys.executable} -m dassco_ext", *variables],
        cwd=REPO, capture_output=True, text=True, check=False, env=env,
    )


def test_make_html_passes_sphinxopts_as_they_are(tmp_path):
    """``make html SPHINXOPTS=--keep-going`` used to fail ("expected one argument"); options
    with quotes arrive as a shell would split them."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-buttons", src)
    done = _make("html", tmp_path, f"SOURCEDIR={src}", f"BUILDDIR={tmp_path / '_build'}",
                 """SPHINXOPTS=--keep-going -D html_title="A 'quoted' title" """)
    assert done.returncode == 0, done.stdout + done.stderr
    page = BeautifulSoup((tmp_path / "_build" / "html" / "en" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert "A 'quoted' title" in page.title.get_text()


def test_make_bench_times_what_dassco_build_runs(tmp_path):
    """benchmarks/ builds with sphinx-build directly (no process in between to time): the
    command line of each language is the one ``dassco build`` (``make html``) runs."""
    from benchmarks import run as bench

    site = bench.Site(tmp_path, 3)
    for lang in ("en", "da"):
        expected = build.sphinx_command(lang, tmp_path / "src", site.build_dir("dassco"), "html", [])
        assert site.command("dassco", lang) == expected
    brief = site.command("dassco", "da", "brief")
    assert brief[-1] == build.sphinx_command("da", tmp_path / "src", site.build_dir("dassco"), "brief", [])[-1]
