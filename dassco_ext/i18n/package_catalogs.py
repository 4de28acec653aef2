"""The package's own catalogs: their templates, and the checks ``make intl-check`` runs on them.

dassco-ext translates two kinds of interface words, shipped in
``dassco_ext/locale/<lang>/LC_MESSAGES/``: its own (``dassco.po``: the credit's label, the
switcher, the briefs...) and pydata-sphinx-theme's (``sphinx.po``: the theme ships no Danish,
and its templates use Sphinx's own ``sphinx`` domain). A translator starts a new language
from the templates shipped beside them:

- ``dassco_ext/locale/dassco.pot``: every ``_()`` and ``N_()`` message of the package's
  Python modules (Babel's extractor), with its file;
- ``dassco_ext/locale/sphinx.pot``: the theme's own template (its ``sphinx.pot``), plus the
  few Sphinx words the package translates as the theme shows them (:data:`EXTRA_SPHINX`).

``python -m dassco_ext.i18n.package_catalogs`` rewrites both (``make intl-templates``); a test
fails when a shipped template is out of date.

:func:`catalog_problems` judges one of these catalogs: ``msgfmt --check``, the rule the build
applies to every interface translation (:func:`.languages.interface_problem`: placeholders
kept, ``{page}``, ``%(name)s``, ``%s``; no HTML character added), and no entry the template
no longer has. Interface words are not Markdown, so they are not judged by :mod:`.markup`.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from .. import __version__
from ..paths import LOCALE_DIR, PACKAGE_DIR, write_whole
from .checks import Problem, msgfmt_problems
from .languages import interface_problem

#: The package's own message domain, and Sphinx's (the theme's words).
DOMAINS = ("dassco", "sphinx")
#: Babel keywords: ``_()`` translates now, ``N_()`` only marks a message for extraction.
KEYWORDS = {"_": None, "N_": None}
#: Sphinx words the package translates as pydata-sphinx-theme shows them, beyond the
#: theme's template, with why (the template's comment for translators).
EXTRA_SPHINX = {
    "Index": "Sphinx's index page, linked by the theme",
    "Search the docs ...": "pydata-sphinx-theme's search_bar_text option (translated by dassco-ext)",
    "Link to this heading": "Sphinx's heading permalink (Sphinx's Danish catalog lacks it)",
    "More": "pydata-sphinx-theme's header dropdown (its header_dropdown_text option), translated in Python",
    "&#169; %(copyright_prefix)s %(copyright)s.": "Sphinx's footer (Sphinx's Danish catalog lacks it)",
    "Index &#x2013; %(key)s": "Sphinx's split index page (Sphinx's Danish catalog lacks it)",
    "Table of Contents": "Sphinx's local table of contents (Sphinx's Danish catalog lacks it)",
}
#: A fixed date for the templates' header, so that they only change when messages do.
_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)



# --- templates ---------------------------------------------------------------------------------

def package_messages(package_dir: Path = PACKAGE_DIR) -> dict[str, list[tuple[str, int]]]:
    """Every message the package's modules mark, with ``(file, line)`` relative to the
    repository (``dassco_ext/page/hero.py``)."""
    found: dict[str, list[tuple[str, int]]] = collections.defaultdict(list)
    for module in sorted(package_dir.rglob("*.py")):
        relative = module.relative_to(package_dir.parent).as_posix()
        for lineno, message, _comments, _context in extract_from_file("python", module, keywords=KEYWORDS):
            if isinstance(message, str) and message:
                found[message].append((relative, lineno))
    return dict(found)


def theme_template() -> Path:
    """pydata-sphinx-theme's own ``sphinx.pot``."""
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "locale" / "sphinx.pot"


def _template(domain: str, project: str) -> Catalog:
    return Catalog(
        project=project, version=__version__, copyright_holder="DaSSCo", msgid_bugs_address="dassco@snm.ku.dk",
        creation_date=_EPOCH, revision_date=_EPOCH, fuzzy=False, header_comment=(
            f"# Translations template for {project}: the {domain!r} domain shipped with dassco-ext.\n"
            "# The template is made by `make intl-templates`; start a language from it with\n"
            f"# msginit -l <lang> -i {domain}.pot -o <lang>/LC_MESSAGES/{domain}.po"
        ),
    )


def dassco_template() -> Catalog:
    catalog = _template("dassco", "dassco-ext")
    for message, locations in sorted(package_messages().items(), key=lambda item: item[1][0]):
        flags = ["python-brace-format"] if re.search(r"\{[A-Za-z_]\w*\}", message) else []
        catalog.add(message, locations=locations, flags=flags)
    return catalog


def sphinx_template() -> Catalog:
    catalog = _template("sphinx", "dassco-ext (pydata-sphinx-theme's words)")
    with theme_template().open("rb") as handle:
        theme = read_po(handle)
    for message in theme:
        if message.id:
            catalog.add(message.id, locations=message.locations, flags=message.flags,
                        auto_comments=message.auto_comments, context=message.context)
    for message, why in EXTRA_SPHINX.items():
        if message not in catalog:
            catalog.add(message, auto_comments=[why])
    return catalog


def render(catalog: Catalog) -> str:
    """A template as GNU gettext writes it (``msgcat`` wraps it, when installed).

    Locations name the file only (as ``xgettext --add-location=file``): the template changes
    when messages do, not whenever a line above one moves; and no ``Generated-By`` (Babel's
    version is no property of the template)."""
    out = io.BytesIO()
    write_po(out, catalog, width=79, omit_header=False, include_lineno=False)
    text = out.getvalue().decode("utf-8")
    text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith('"Generated-By:'))
    msgcat = shutil.which("msgcat")
    if msgcat:
        done = subprocess.run([msgcat, "-"], input=text, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            text = done.stdout
    return text


def templates() -> dict[str, str]:
    """``{file name: text}`` of the templates the package ships."""
    return {"dassco.pot": render(dassco_template()), "sphinx.pot": render(sphinx_template())}


def write_templates(directory: Path = LOCALE_DIR) -> list[Path]:
    """Write the templates; returns those whose text changed."""
    changed = []
    for name, text in templates().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_whole(path, text.encode("utf-8"))
            changed.append(path)
    return changed


# --- interface words -----------------------------------------------------------------------------

def interface_words() -> dict[str, str]:
    """Every message the HTML templates say through gettext (Sphinx's basic theme's,
    pydata-sphinx-theme's, the package's), with the template that says it."""
    import pydata_sphinx_theme
    import sphinx
    from jinja2 import Environment

    extractor = Environment(extensions=["jinja2.ext.i18n"])
    found: dict[str, str] = {}
    for folder in (Path(sphinx.__file__).parent / "themes" / "basic",
                   Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme",
                   PACKAGE_DIR / "templates"):
        for template in sorted(folder.rglob("*.html")):
            for _line, _function, message in extractor.extract_translations(template.read_text(encoding="utf-8")):
                for text in message if isinstance(message, tuple) else (message,):
                    if isinstance(text, str):
                        found.setdefault(text, f"{folder.name}/{template.relative_to(folder).as_posix()}")
    return found


def translated_words(po_paths: list[Path]) -> set[str]:
    """The messages with a non-empty, non-fuzzy ``msgstr`` in any of ``po_paths``."""
    words: set[str] = set()
    for po in po_paths:
        if po.is_file():
            with po.open("rb") as handle:
                words |= {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle)
                          if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))}
    return words


def missing_interface_words(site_locale_dir: Path, language: str) -> list[Problem]:
    """The interface words ``language`` has no translation of in any catalog a build uses
    (the site's ``sphinx.po``, the package's, the theme's, Sphinx's), at the site's ``sphinx.po``."""
    import pydata_sphinx_theme
    import sphinx

    site = site_locale_dir / language / "LC_MESSAGES" / "sphinx.po"
    catalogs = [site, LOCALE_DIR / language / "LC_MESSAGES" / "sphinx.po",
                Path(pydata_sphinx_theme.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.po",
                Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.po"]
    known = translated_words(catalogs)
    return [Problem(site, 1, f"interface word {word!r} ({template}) has no {language} translation: add it here")
            for word, template in sorted(interface_words().items()) if word not in known]


# --- checks -------------------------------------------------------------------------------------

def catalog_problems(po: Path, template: Catalog | None = None) -> list[Problem]:
    """What is wrong with one interface catalog (``dassco.po``, ``sphinx.po``)."""
    problems = msgfmt_problems(po)
    if problems:
        return problems  # the other checks need a readable catalog
    with po.open("rb") as handle:
        catalog = read_po(handle)
    known = {(m.context, m.id) for m in template if m.id} if template is not None else None
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno or 1
        if known is not None and (message.context, message.id) not in known:
            problems.append(Problem(po, line, f"stale entry: the package no longer has msgid "
                                                     f"{str(message.id)[:60]!r} (update it from {po.stem}.pot)"))
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            continue
        for index, text in enumerate(strings):
            if not text:
                continue
            source = ids[min(index, len(ids) - 1)]
            problem = interface_problem(source, text)  # the rule the build applies to a site's own
            if problem:
                problems.append(Problem(po, line, f"translation {problem}"))
    return problems


def shipped_template(domain: str, locale_dir: Path | None = None) -> Catalog | None:
    """The package's template of ``domain`` (``dassco``, ``sphinx``), read; ``None`` if none."""
    path = (LOCALE_DIR if locale_dir is None else locale_dir) / f"{domain}.pot"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle)


def package_problems(locale_dir: Path | None = None) -> list[Problem]:
    """Every problem of every catalog the package ships (``dassco_ext/locale``), judged
    against its template."""
    locale_dir = LOCALE_DIR if locale_dir is None else locale_dir
    problems = []
    parsed = {domain: shipped_template(domain, locale_dir) for domain in DOMAINS}
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        problems += catalog_problems(po, parsed.get(po.stem))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dassco_ext.i18n.package_catalogs",
                                     description="Write the package's .pot templates, or check its catalogs.")
    parser.add_argument("command", choices=("templates", "check"))
    args = parser.parse_args(argv)
    if args.command == "templates":
        for path in write_templates():
            print(f"written: {path.relative_to(PACKAGE_DIR.parent)}")
        return 0
    problems = package_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
