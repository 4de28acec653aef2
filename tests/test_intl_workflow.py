"""The translator's workflow on the real site: GNU gettext's catalogs, true references, no
stray catalogs, the completeness gate and ``intl-stat --json``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dassco_ext.cli import intl

REPO = Path(__file__).parent.parent
SHIPPED = sorted((REPO / "locale").glob("*/LC_MESSAGES/**/*.po"))
#: The About page's first paragraph: more than 600 characters, one word of it is changed.
LONG = "DaSSCo is a national program to digitise all of Denmark’s natural history specimens."

pytestmark = pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU gettext is a dependency (tools/apt-packages.txt)")


@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of the repository's site and catalogs (``docs/``, ``locale/``)."""
    shutil.copytree(REPO / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(REPO / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    return tmp_path


def gettext(repo: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-d", str(repo / "_build" / "doctrees"),
         str(repo / "docs"), str(repo / "_build" / "gettext")],
        check=True,
    )


def update(repo: Path, capsys=None) -> str:
    gettext(repo)
    status = intl.update(repo / "docs", repo / "_build", intl.read_conf(repo / "docs"))
    assert status == 0
    return capsys.readouterr().out if capsys else ""


def catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def po(repo: Path, page: str, lang: str = "da") -> Path:
    return repo / "locale" / lang / "LC_MESSAGES" / f"{page}.po"


def msgcat(path: Path) -> str:
    return subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout


def set_conf(repo: Path, line: str) -> None:
    conf = repo / "docs" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


# --- catalogs as GNU gettext writes them ---------------------------------------------------------

@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(REPO / "locale").as_posix() for p in SHIPPED])
def test_shipped_catalogs_survive_a_msgcat_round_trip(path):
    assert msgcat(path) == path.read_text(encoding="utf-8")


def test_every_catalog_the_update_writes_survives_a_msgcat_round_trip(repo):
    about = repo / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("developing workflows", "evolving workflows")
                     + "\nA new paragraph, long enough to be wrapped by any tool that wraps catalogs at "
                       "seventy-nine columns, and with \"quotes\" and a backslash \\ in it.\n", encoding="utf-8")
    (repo / "docs" / "news.md").write_text("---\ntitle: News\n---\n\n## Latest\n\nNothing yet.\n", encoding="utf-8")
    update(repo)
    written = sorted((repo / "locale").glob("*/LC_MESSAGES/**/*.po"))
    assert po(repo, "news") in written
    for path in written:
        assert msgcat(path) == path.read_text(encoding="utf-8"), path.name
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
    # and a second update with nothing changed rewrites nothing
    stamps = {path: path.stat().st_mtime_ns for path in written}
    update(repo)
    assert {path: path.stat().st_mtime_ns for path in written} == stamps


def test_update_of_the_shipped_catalogs_changes_nothing(repo):
    """The shipped catalogs are what an update writes: translators see no churn."""
    before = {path: path.read_text(encoding="utf-8") for path in (repo / "locale").glob("*/LC_MESSAGES/*.po")}
    update(repo)
    after = {path: path.read_text(encoding="utf-8") for path in (repo / "locale").glob("*/LC_MESSAGES/*.po")}
    assert after == before


# --- fuzzy entries with their previous msgid -------------------------------------------------

def test_one_word_edit_in_a_long_paragraph_keeps_its_translation_fuzzy_with_previous_msgid(repo):
    about = repo / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    old_id = next(line for line in text.splitlines() if line.startswith(LONG))
    assert len(old_id) > 600
    new_id = old_id.replace("as we test our developing workflows", "as we test our evolving workflows")
    about.write_text(text.replace(old_id, new_id), encoding="utf-8")
    old_string = catalog(po(repo, "about")).get(old_id).string
    update(repo)

    updated = catalog(po(repo, "about"))
    entry = updated.get(new_id)
    assert entry.fuzzy and entry.string == old_string
    assert old_id not in {str(key) for key in updated.obsolete}
    # the old msgid beside the new, as msgmerge --previous writes it (unwrapped: one line each)
    flat = subprocess.run(["msgcat", "--no-wrap", str(po(repo, "about"))], capture_output=True, text=True,
                          check=True).stdout
    assert f'#, fuzzy\n#| msgid "{old_id}"\nmsgid "{new_id}"\nmsgstr "{old_string}"\n' in flat
    # and in the catalog as written, wrapped as gettext wraps: "#|" lines before the msgid
    written = po(repo, "about").read_text(encoding="utf-8")
    block = written[written.index("#, fuzzy\n"):].split("\nmsgid", 1)[0].splitlines()
    assert block[1] == '#| msgid ""' and all(line.startswith('#| "') for line in block[2:])
    assert "".join(line[4:-1] for line in block[2:]) == old_id


def test_changed_front_matter_text_keeps_previous_msgid(repo):
    data = repo / "docs" / "data.md"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "description: Digital versions of the specimens, widely available for everyone.",
        "description: Digital versions of all the specimens, widely available for everyone."), encoding="utf-8")
    update(repo)
    written = po(repo, "data").read_text(encoding="utf-8")
    assert ('#, fuzzy\n'
            '#| msgid "Digital versions of the specimens, widely available for everyone."\n'
            'msgid "Digital versions of all the specimens, widely available for everyone."\n') in written


# --- nothing a translator wrote is deleted ------------------------------------------------------

def test_removed_text_stays_obsolete_with_translator_comments_and_comes_back(repo):
    path = po(repo, "about")
    text = path.read_text(encoding="utf-8")
    text = text.replace('#: ../../docs/about.md:18\nmsgid "Why DaSSCo?"', '# Checked with the museum, 2026.\n#: ../../docs/about.md:18\nmsgid "Why DaSSCo?"')
    path.write_text(text, encoding="utf-8")
    about = repo / "docs" / "about.md"
    original = about.read_text(encoding="utf-8")
    about.write_text(original.replace("## Why DaSSCo?\n\n", ""), encoding="utf-8")
    update(repo)
    written = path.read_text(encoding="utf-8")
    assert '# Checked with the museum, 2026.\n#~ msgid "Why DaSSCo?"\n#~ msgstr "Hvorfor DaSSCo?"' in written
    update(repo)  # a second update keeps it
    assert '#~ msgstr "Hvorfor DaSSCo?"' in path.read_text(encoding="utf-8")
    about.write_text(original, encoding="utf-8")  # the heading is back: so is its translation
    update(repo)
    entry = catalog(path).get("Why DaSSCo?")
    assert entry.string == "Hvorfor DaSSCo?" and not entry.fuzzy
    assert "Checked with the museum" in path.read_text(encoding="utf-8")


def test_a_new_page_gets_a_catalog_without_template_placeholders(repo, capsys):
    (repo / "docs" / "news.md").write_text("---\ntitle: News\n---\n\n## Latest\n\nNothing yet.\n", encoding="utf-8")
    out = update(repo, capsys)
    assert "da: created locale/da/LC_MESSAGES/news.po" in out
    written = po(repo, "news").read_text(encoding="utf-8")
    header = written.split("\n\n", 1)[0]
    for placeholder in ("SOME DESCRIPTIVE TITLE", "FIRST AUTHOR", "YEAR-MO-DA", "FULL NAME", "LANGUAGE <LL@li.org>",
                        "#, fuzzy", "CHARSET"):
        assert placeholder not in header, placeholder
    assert '"Language: da\\n"' in header and '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header
    assert {(m.context, m.id) for m in catalog(po(repo, "news")) if m.id} == {(None, "News"), (None, "Latest"), (None, "Nothing yet.")}


# --- source references --------------------------------------------------------------------------

def _references(path: Path) -> list[tuple[str, str, int]]:
    """(msgid, file, line) of every reference of a catalog."""
    found = []
    for message in catalog(path):
        for file, line in message.locations:
            found.append((str(message.id), file, int(line)))
    return found


def test_references_name_real_files_and_the_line_of_the_text(repo):
    """References are Sphinx's: relative to the ``gettext`` output directory."""
    checked = 0
    for path in sorted((repo / "locale" / "da" / "LC_MESSAGES").glob("*.po")):
        for msgid, file, line in _references(path):
            source = (repo / "_build" / "gettext" / file).resolve()
            assert source.is_file(), file
            held = source.read_text(encoding="utf-8").splitlines()[line - 1]
            # a block scalar's key line; an alt text from dassco_image_alts: its image's line
            assert msgid[:30].split("](")[0] in held or held.endswith("|") or held.startswith("background:"), held
            checked += 1
    assert checked > 40
    refs = {(msgid, file, line) for msgid, file, line in _references(po(repo, "about"))}
    assert ("About", "../../docs/about.md", 4) in refs  # the title's own line


def test_references_follow_lines_that_moved_though_no_msgid_changed(repo):
    about = repo / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("## What is DaSSCo?\n", "\n\n## What is DaSSCo?\n"), encoding="utf-8")
    update(repo)
    refs = {(msgid, line) for msgid, _file, line in _references(po(repo, "about"))}
    assert ("What is DaSSCo?", 14) in refs and ("About", 4) in refs
    entry = catalog(po(repo, "about")).get("What is DaSSCo?")
    assert entry.string == "Hvad er DaSSCo?" and not entry.fuzzy


# --- no stray catalogs ----------------------------------------------------------------------------

def test_no_catalog_for_interface_strings_the_package_translates(repo, capsys):
    out = update(repo, capsys)
    assert not po(repo, "sphinx").exists()
    assert "skipped locale/da/LC_MESSAGES/sphinx.po" in out


@pytest.mark.parametrize("entry", ['msgid "Search"\nmsgstr ""\n', '#, fuzzy\nmsgid "Search"\nmsgstr "Søg efter"\n'])
def test_an_interface_catalog_nobody_needs_is_kept_as_it_is(repo, capsys, entry):
    """Untranslated or only a draft: it is the translator's file, never deleted."""
    text = ('# SOME DESCRIPTIVE TITLE.\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            '#: ../../docs/_templates/search-button-field.html:4\n' + entry)
    po(repo, "sphinx").write_text(text, encoding="utf-8")
    out = update(repo, capsys)
    assert po(repo, "sphinx").read_text(encoding="utf-8") == text
    assert "locale/da/LC_MESSAGES/sphinx.po: kept as it is" in out


def test_site_interface_strings_get_a_catalog_only_for_what_nobody_translates(repo):
    template = repo / "docs" / "_templates" / "search-button-field.html"
    template.write_text(template.read_text(encoding="utf-8") + '\n<span>{{ _("Our own interface words") }}</span>\n',
                        encoding="utf-8")
    update(repo)
    ids = {m.id for m in catalog(po(repo, "sphinx")) if m.id}
    assert ids == {"Our own interface words"}  # not "Search": dassco-ext translates it


def test_a_site_override_of_an_interface_string_is_kept(repo):
    po(repo, "sphinx").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: da\\n"\n\n'
        'msgid "Search"\nmsgstr "Find"\n', encoding="utf-8")
    update(repo)
    assert catalog(po(repo, "sphinx")).get("Search").string == "Find"


# --- the completeness gate -----------------------------------------------------------------------

def check(repo: Path, capsys) -> tuple[int, str]:
    status = intl.check(repo / "docs", repo / "_build", intl.read_conf(repo / "docs"))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_gate_passes_on_the_shipped_catalogs(repo, capsys):
    set_conf(repo, 'dassco_required_translated = {"da": 100}')
    status, output = check(repo, capsys)
    assert status == 0, output
    assert "intl-check: da: ok" in output and "glossary" not in output


def test_gate_fails_naming_every_page_below_it_and_passes_once_translated(repo, capsys):
    set_conf(repo, 'dassco_required_translated = {"da": 100}')
    data = repo / "docs" / "data.md"
    data.write_text(data.read_text(encoding="utf-8").replace("## Open access", "## Open data"), encoding="utf-8")
    (repo / "docs" / "news.md").write_text("---\ntitle: News\norphan: true\n---\n\nNothing yet.\n", encoding="utf-8")
    update(repo, capsys)
    po(repo, "news").unlink()  # a page with no catalog at all
    status, output = check(repo, capsys)
    assert status == 1
    line = po(repo, "data").read_text(encoding="utf-8").splitlines().index('msgid "Open data"') + 1
    assert f"{po(repo, 'data')}:{line}: da: page 'data' is 90.0% translated (9 of 10; 1 fuzzy, 0 untranslated), below the required 100%" in output
    assert f"{repo / 'docs' / 'news.md'}:1: da: page 'news' has no catalog (locale/da/LC_MESSAGES/news.po): 0% translated" in output
    assert "about" not in output.replace("about.md", "")

    # translating: the fuzzy entry is checked, the new page translated
    path = po(repo, "data")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'#, fuzzy\n#\| msgid "Open access"\nmsgid "Open data"\nmsgstr "Åben adgang"',
                  'msgid "Open data"\nmsgstr "Åbne data"', text)
    path.write_text(text, encoding="utf-8")
    update(repo)
    news = po(repo, "news")
    news.write_text(news.read_text(encoding="utf-8").replace('msgid "News"\nmsgstr ""', 'msgid "News"\nmsgstr "Nyheder"')
                    .replace('msgid "Nothing yet."\nmsgstr ""', 'msgid "Nothing yet."\nmsgstr "Intet endnu."'),
                    encoding="utf-8")
    status, output = check(repo, capsys)
    assert status == 0, output


def test_gate_below_100_percent(repo, capsys):
    set_conf(repo, 'dassco_required_translated = {"da": 80}')
    path = po(repo, "index")
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "Danmarks naturhistorie – for alle"', 'msgstr ""'),
                    encoding="utf-8")
    assert check(repo, capsys)[0] == 0  # 10 of 11 is above 80 %
    set_conf(repo, 'dassco_required_translated = {"da": 95}')
    status, output = check(repo, capsys)
    assert status == 1 and "page 'index' is 90.9% translated" in output


def test_invalid_gate_setting_is_a_problem(repo, capsys):
    set_conf(repo, 'dassco_required_translated = {"da": 101}')
    status, output = check(repo, capsys)
    assert status == 1 and "invalid dassco_required_translated = {'da': 101}" in output


def test_invalid_gate_setting_warns_in_the_build(make_app, rootdir, tmp_path):
    from sphinx.testing.util import SphinxTestApp  # noqa: F401 - make_app's type

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-i18n", srcdir)
    app = make_app("dummy", srcdir=srcdir, confoverrides={"dassco_required_translated": {"da": "all"}})
    assert "invalid dassco_required_translated" in app.warning.getvalue()
    assert app.config.dassco_required_translated == {}


# --- stat ----------------------------------------------------------------------------------------

def test_stat_json_lists_every_page_of_every_language(repo, capsys):
    set_conf(repo, 'dassco_required_translated = {"da": 100}')
    po(repo, "data").unlink()
    assert intl.stat(repo / "docs", intl.read_conf(repo / "docs"), as_json=True) == 0
    report = json.loads(capsys.readouterr().out)
    danish = report["languages"]["da"]
    pages = {page["page"]: page for page in danish["pages"]}
    assert set(pages) == {"about", "data", "digitisation", "index"}
    assert pages["data"] == {"page": "data", "source": "docs/data.md", "catalog": None, "translated": 0, "fuzzy": 0,
                             "untranslated": 10, "refused": 0, "total": 10, "percent": 0.0, "problems": []}
    assert pages["about"]["catalog"] == "locale/da/LC_MESSAGES/about.po" and pages["about"]["percent"] == 100.0
    assert danish["required"] == 100 and danish["total"] == sum(p["total"] for p in pages.values())
    assert danish["untranslated"] == 10


def test_stat_text_names_pages_without_a_catalog(repo, capsys):
    po(repo, "data").unlink()
    assert intl.stat(repo / "docs", intl.read_conf(repo / "docs")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  data: 0 translated, 0 fuzzy, 10 untranslated (0%), no catalog" in lines
    assert "  about: 16 translated, 0 fuzzy, 0 untranslated (100%)" in lines


def test_build_completeness_line_counts_pages_without_a_catalog(make_app, repo):
    po(repo, "data").unlink()
    app = make_app("html", srcdir=repo / "docs", confoverrides={"language": "da"})
    app.build()
    assert "dassco: da: 79% translated (38 of 48 strings, 0 fuzzy); no catalog: data" in app.status.getvalue()


def test_a_catalog_msgmerge_cannot_read_is_reported_and_the_others_updated(repo, capsys):
    broken = po(repo, "about")
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace('msgstr "Hvad er DaSSCo?"', 'msgstr "Hvad er DaSSCo?'), encoding="utf-8")
    # a memory that offers the broken catalog's texts: nothing may be filled into it either
    (repo / "locale" / "compendium").mkdir()
    (repo / "locale" / "compendium" / "da.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "What is DaSSCo?"\nmsgstr "Hvad er DaSSCo egentlig?"\n', encoding="utf-8")
    index = repo / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("## Denmark's natural history, for everyone",
                                                               "## Denmark's natural history, for all"), encoding="utf-8")
    gettext(repo)
    assert intl.update(repo / "docs", repo / "_build", intl.read_conf(repo / "docs")) == 1
    captured = capsys.readouterr()
    assert "da: failed locale/da/LC_MESSAGES/about.po" in captured.err and "about.po:" in captured.err
    assert broken.read_text(encoding="utf-8") == text.replace('msgstr "Hvad er DaSSCo?"', 'msgstr "Hvad er DaSSCo?')
    assert catalog(po(repo, "index")).get("Denmark's natural history, for all").fuzzy


def test_update_extracts_on_its_own_and_keeps_templates_for_a_platform(repo, capsys):
    """No `make gettext` first; the templates are committed beside the catalogs, and read as a
    translation platform reads them (translate-toolkit's PO reader, as Weblate)."""
    shutil.rmtree(repo / "locale" / "templates")  # as before the first update
    status = intl.update(repo / "docs", repo / "_build", intl.read_conf(repo / "docs"))
    assert status == 0
    templates = sorted((repo / "locale" / "templates").glob("*.pot"))
    assert {p.stem for p in templates} == {p.stem for p in (repo / "docs").glob("*.md")}
    assert "templates: created about.pot" in capsys.readouterr().out
    about = catalog(repo / "locale" / "templates" / "about.pot")
    assert {m.id for m in about if m.id} == {m.id for m in catalog(po(repo, "about")) if m.id}
    assert all(not m.string for m in about if m.id)
    # a second update with nothing changed rewrites no template
    stamps = {p: p.stat().st_mtime_ns for p in templates}
    intl.update(repo / "docs", repo / "_build", intl.read_conf(repo / "docs"))
    assert {p: p.stat().st_mtime_ns for p in templates} == stamps


def test_english_warnings_do_not_block_the_update(repo, capsys):
    (repo / "docs" / "orphan.md").write_text("# Not in any toctree\n\nText.\n", encoding="utf-8")
    assert intl.update(repo / "docs", repo / "_build", intl.read_conf(repo / "docs")) == 0
    captured = capsys.readouterr()
    assert "orphan" in captured.err  # shown...
    assert po(repo, "orphan").is_file()  # ...and the update went on


def test_a_deleted_page_leaves_its_catalog_and_gets_no_new_one(repo, capsys):
    update(repo)
    (repo / "docs" / "data.md").unlink()
    before = po(repo, "data").read_bytes()
    out = update(repo, capsys)
    assert po(repo, "data").read_bytes() == before  # a translator's work is never deleted
    assert "kept locale/da/LC_MESSAGES/data.po: its page is gone" in out
    assert "git rm locale/da/LC_MESSAGES/data.po" in out
    assert not (repo / "locale" / "templates" / "data.pot").exists()
    # and once removed it stays removed: no stale template brings it back
    po(repo, "data").unlink()
    update(repo)
    assert not po(repo, "data").exists()


def test_a_renamed_pages_translations_follow_it(repo, capsys):
    translated = {m.id: m.string for m in catalog(po(repo, "data")) if m.id and m.string and not m.fuzzy}
    (repo / "docs" / "data.md").rename(repo / "docs" / "our-data.md")
    for path in (repo / "docs").glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("\ndata\n", "\nour-data\n"), encoding="utf-8")
    out = update(repo, capsys)
    moved = {m.id: (m.string, m.fuzzy) for m in catalog(po(repo, "our-data")) if m.id}
    same = [msgid for msgid in translated if msgid in moved]
    assert len(same) >= len(translated) // 2
    assert all(moved[msgid] == (translated[msgid], False) for msgid in same)
    assert "kept locale/da/LC_MESSAGES/data.po" in out


def test_a_catalog_another_tool_rewrapped_is_written_back_in_gettexts_form(repo):
    update(repo)  # fills the merge cache
    path = po(repo, "about")
    gnu = path.read_text(encoding="utf-8")
    narrow = subprocess.run(["msgcat", "--width=50", str(path)], capture_output=True, text=True, check=True).stdout
    assert narrow != gnu
    path.write_text(narrow, encoding="utf-8")
    update(repo)

    def undated(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:')]

    assert undated(path.read_text(encoding="utf-8")) == undated(gnu)


def test_committed_templates_are_current_and_read_as_weblate_reads_them(repo):
    """Weblate's component: file mask ``locale/*/LC_MESSAGES/<page>.po``, template
    ``locale/templates/<page>.pot``; it reads both with translate-toolkit."""
    from translate.storage import factory

    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "locale" / "templates").glob("*.pot")}
    update(repo)

    def undated(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:')]

    written = {p.name: p.read_text(encoding="utf-8") for p in (repo / "locale" / "templates").glob("*.pot")}
    assert {name: undated(text) for name, text in written.items()} == {
        name: undated(text) for name, text in committed.items()
    }, "locale/templates is stale: run make intl-update"
    for name in committed:
        template = factory.getobject(str(REPO / "locale" / "templates" / name))
        sources = {unit.source for unit in template.units if not unit.isheader()}
        assert sources and not any(unit.istranslated() for unit in template.units if not unit.isheader())
        for lang_dir in (REPO / "locale").glob("*/LC_MESSAGES"):
            store = factory.getobject(str(lang_dir / name.replace(".pot", ".po")))
            current = {unit.source for unit in store.units if not unit.isheader() and not unit.isobsolete()}
            assert current == sources, (lang_dir, name)


# --- numbers and web addresses ----------------------------------------------------------------

def _one_entry(tmp_path: Path, msgid: str, msgstr: str) -> Path:
    path = tmp_path / "page.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    f'msgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(("msgid", "msgstr", "ok"), [
    ("About 250,000 specimens.", "Omkring 250.000 eksemplarer.", True),  # as Danish writes it
    ("About 250,000 specimens.", "Omkring 250000 eksemplarer.", True),
    ("About 250,000 specimens.", "Omkring 205.000 eksemplarer.", False),
    ("About 250,000 specimens.", "Omkring mange eksemplarer.", False),
    ("A 3.5 m whale.", "En 3,5 m hval.", True),
    ("A 3.5 m whale.", "En 3.5 m hval.", False),  # 3.5 read as Danish is 35
    ("The first 5 years, since 2021.", "De første fem år, siden 2021.", True),  # the style guide's words
    ("The first 5 years, since 2021.", "De første fem år, siden 2012.", False),
    ("In 250 years.", "Om tohundredehalvtreds år.", False),  # not a word the style guide gives
    ("Nothing to count.", "Intet at tælle, 7 gange.", False),  # a number added
    ("See https://www.dassco.dk/data today.", "Se https://www.dassco.dk/data i dag.", True),
    ("See https://www.dassco.dk/data today.", "Se https://www.dassco.dk/dat i dag.", False),
])
def test_numbers_and_web_addresses_of_prose_are_kept(tmp_path, msgid, msgstr, ok):
    from dassco_ext.i18n.checks import number_problems, number_words

    problems = number_problems(_one_entry(tmp_path, msgid, msgstr), "en", "da", number_words(REPO / "locale", "da"))
    assert (not problems) is ok, problems
    assert all(p.line == 5 and "keep" in p.message for p in problems)


def test_intl_check_fails_on_a_changed_number_at_its_line(repo, capsys):
    path = po(repo, "about")
    text = path.read_text(encoding="utf-8")
    assert "september 2021" in text
    path.write_text(text.replace("september 2021", "september 2012", 1), encoding="utf-8")
    status, output = check(repo, capsys)
    assert status == 1
    assert re.search(r"about\.po:\d+: the number 2021 of the source is not in the translation", output)
