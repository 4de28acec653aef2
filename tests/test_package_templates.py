"""The package's own catalogs: shipped templates up to date, every catalog checked (issue 17).

``dassco_ext/locale/dassco.pot`` (the package's words) and ``sphinx.pot`` (the theme's) are
what a translator starts a new language from; ``make intl-check`` judges the package's
catalogs as it judges the site's: ``msgfmt --check``, placeholders kept, no HTML added, no
entry the template lost.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from dassco_ext.cli import intl
from dassco_ext.i18n import package_catalogs
from dassco_ext.i18n.languages import interface_problem
from dassco_ext.i18n.package_catalogs import (
    catalog_problems,
    package_problems,
    templates,
)
from dassco_ext.paths import LOCALE_DIR

ROOTS = Path(__file__).parent / "roots"


def entries(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id and not m.fuzzy}


@pytest.mark.parametrize("name", ["dassco.pot", "sphinx.pot"])
def test_shipped_templates_are_up_to_date(name):
    """Regenerate with ``make intl-templates`` when this fails."""
    assert (LOCALE_DIR / name).read_text(encoding="utf-8") == templates()[name]


def test_templates_hold_every_word():
    dassco = entries(LOCALE_DIR / "dassco.pot")
    assert {"Image credit", "Language", "partly {language}", "Page {page} of {pages}",
            "A newer version of this page is available in {language}."} <= set(dassco)
    sphinx = entries(LOCALE_DIR / "sphinx.pot")
    assert {"Search", "Back to top", "Skip to main content", "Search the docs ...", "Link to this heading"} <= set(sphinx)
    # a template, as msgfmt reads it, with nothing translated
    for name in ("dassco.pot", "sphinx.pot"):
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(LOCALE_DIR / name)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert not any(entries(LOCALE_DIR / name).values())


@pytest.mark.parametrize("domain", ["dassco", "sphinx"])
def test_danish_covers_its_template(domain):
    template = set(entries(LOCALE_DIR / f"{domain}.pot"))
    danish = entries(LOCALE_DIR / "da" / "LC_MESSAGES" / f"{domain}.po")
    assert sorted(m for m in template if not danish.get(m)) == []


def test_shipped_catalogs_pass_the_check():
    assert package_problems() == []


HOSTILE = '''msgid ""
msgstr ""
"Language: da\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

msgid "Page {page} of {pages}"
msgstr "Side {page} af {total}"

msgid "Image credit"
msgstr "<b onclick=\\"x()\\">Billedkredit</b>"

msgid "Language"
msgstr "Sprog"

msgid "Gone from the package"
msgstr "Væk"
'''


def hostile_locale(tmp_path: Path) -> Path:
    locale = tmp_path / "locale"
    (locale / "da" / "LC_MESSAGES").mkdir(parents=True)
    for name in ("dassco.pot", "sphinx.pot"):
        shutil.copy(LOCALE_DIR / name, locale / name)
    (locale / "da" / "LC_MESSAGES" / "dassco.po").write_text(HOSTILE, encoding="utf-8")
    return locale


def test_hostile_package_catalog(tmp_path):
    locale = hostile_locale(tmp_path)
    found = {(p.line, p.message.split(":")[0].split(" [")[0]) for p in package_problems(locale)}
    assert found == {
        (8, "translation changes the placeholders"),
        (11, "translation adds < > \" (HTML, or the end of an attribute value); write ’ for an apostrophe, “ ” for quotes"),
        (17, "stale entry"),
    }


def test_syntax_error_is_msgfmt_s(tmp_path):
    locale = hostile_locale(tmp_path)
    po = locale / "da" / "LC_MESSAGES" / "dassco.po"
    po.write_text(HOSTILE.replace('msgstr "Sprog"', 'msgstr "Sprog'), encoding="utf-8")
    (problem,) = catalog_problems(po)
    assert problem.line == 15 and problem.message.startswith("msgfmt:")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc {}%()spage"), max_size=30))
def test_placeholders_are_compared_as_a_whole(translation):
    """Any translation of "Page {page} of {pages}" keeps its placeholders exactly when it
    keeps both, each once (the rule the build applies to every interface translation)."""
    import re

    kept = sorted(re.findall(r"\{[A-Za-z_][A-Za-z0-9_]*\}", translation)) == ["{page}", "{pages}"]
    problem = interface_problem("Page {page} of {pages}", translation)
    assert (problem is None or "placeholders" not in problem) is kept


def test_intl_check_covers_the_package_catalogs(tmp_path, monkeypatch, capsys):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-partial-da", srcdir)
    conf = intl.read_conf(srcdir)
    assert intl.check(srcdir, tmp_path / "_build", conf) == 0
    assert "intl-check: da: ok" in capsys.readouterr().out
    monkeypatch.setattr(package_catalogs, "LOCALE_DIR", hostile_locale(tmp_path))
    assert intl.check(srcdir, tmp_path / "_build", conf) == 1
    err = capsys.readouterr().err
    assert "dassco.po:8: translation changes the placeholders" in err and "'{total}'" in err
    assert "dassco.po:11: translation adds <" in err


def test_a_sites_own_interface_catalog_is_judged_as_the_packages(tmp_path, capsys):
    """README step 4: a site's ``locale/<lang>/LC_MESSAGES/dassco.po`` is no stale page
    catalog; a placeholder it drops is reported at its line."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-partial-da", srcdir)
    own = srcdir / "locale" / "da" / "LC_MESSAGES" / "dassco.po"
    own.write_text(HOSTILE.replace('"Side {page} af {total}"', '"Side {page} af {pages}"'), encoding="utf-8")
    conf = intl.read_conf(srcdir)
    assert intl.check(srcdir, tmp_path / "_build", conf) == 1
    err = capsys.readouterr().err
    assert f"{own}:11: interface translation of" in err  # the build's own judgement, at its line
    assert "stale" not in err and "placeholders" not in err
