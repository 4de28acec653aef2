"""The package's own catalogs and the interface words: templates, checks, what is missing.

The package ships its own words (``dassco.po``) and the interface's (``sphinx.po``: the
theme's, and Sphinx's where its catalog lacks them) in ``dassco_ext/locale/<lang>``, with the
templates a translator starts from (``dassco.pot``, ``sphinx.pot``; ``make intl-templates``
rewrites them). ``dassco intl check`` judges these catalogs and names every word of the HTML
templates a configured language has no translation of.
"""

from __future__ import annotations

import collections
import datetime
import importlib
import io
import re
import shutil
import subprocess
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

from .. import __version__
from ..paths import LOCALE_DIR, PACKAGE_DIR, write_whole
from .catalogs import read_catalog
from .checks import Problem, catalog_problems
from .merge import shipped_translations, translated

DOMAINS = ("dassco", "sphinx")
#: Babel keywords: ``_()`` translates now, ``N_()`` only marks a message for extraction.
KEYWORDS = {"_": None, "N_": None}
#: Words the package translates beyond the theme's template, with why (for translators).
EXTRA_SPHINX = {
    "Index": "Sphinx's index page, linked by the theme",
    "Search the docs ...": "pydata-sphinx-theme's search_bar_text option (translated by dassco-ext)",
    "Link to this heading": "Sphinx's heading permalink (Sphinx's Danish catalog lacks it)",
    "More": "pydata-sphinx-theme's header dropdown (its header_dropdown_text option)",
    "&#169; %(copyright_prefix)s %(copyright)s.": "Sphinx's footer (Sphinx's Danish catalog lacks it)",
    "Index &#x2013; %(key)s": "Sphinx's split index page (Sphinx's Danish catalog lacks it)",
    "Table of Contents": "Sphinx's local table of contents (Sphinx's Danish catalog lacks it)",
}
#: A fixed date for the templates' header, so that they only change when messages do.
_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def _installed(package: str) -> Path:
    return Path(str(importlib.import_module(package).__file__)).parent


# --- templates ---------------------------------------------------------------------------------


def package_messages(package_dir: Path = PACKAGE_DIR) -> dict[str, list[tuple[str, int]]]:
    """Every message the package's modules mark, with ``(file, line)`` from the repository."""
    found: dict[str, list[tuple[str, int]]] = collections.defaultdict(list)
    for module in sorted(package_dir.rglob("*.py")):
        relative = module.relative_to(package_dir.parent).as_posix()
        for lineno, message, _comments, _context in extract_from_file(
            "python", module, keywords=KEYWORDS
        ):
            if isinstance(message, str) and message:
                found[message].append((relative, lineno))
    return dict(found)


def _template(domain: str, project: str) -> Catalog:
    return Catalog(
        project=project,
        version=__version__,
        copyright_holder="DaSSCo",
        msgid_bugs_address="dassco@snm.ku.dk",
        creation_date=_EPOCH,
        revision_date=_EPOCH,
        fuzzy=False,
        header_comment=(
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
    """pydata-sphinx-theme's own ``sphinx.pot``, and :data:`EXTRA_SPHINX`."""
    catalog = _template("sphinx", "dassco-ext (pydata-sphinx-theme's words)")
    for entry in read_catalog(_installed("pydata_sphinx_theme") / "locale" / "sphinx.pot"):
        if entry.id:
            catalog.add(
                entry.id,
                locations=entry.locations,
                flags=entry.flags,
                auto_comments=entry.auto_comments,
                context=entry.context,
            )
    for message, why in EXTRA_SPHINX.items():
        if message not in catalog:
            catalog.add(message, auto_comments=[why])
    return catalog


def render(catalog: Catalog) -> str:
    """A template as GNU gettext writes it (``msgcat`` wraps it, when installed); locations
    name the file only, and no ``Generated-By``, so it changes only when messages do."""
    out = io.BytesIO()
    write_po(out, catalog, width=79, omit_header=False, include_lineno=False)
    text = "".join(
        line
        for line in out.getvalue().decode("utf-8").splitlines(keepends=True)
        if not line.startswith('"Generated-By:')
    )
    msgcat = shutil.which("msgcat")
    done = (
        subprocess.run([msgcat, "-"], input=text, capture_output=True, text=True, check=False)
        if msgcat
        else None
    )
    return done.stdout if done is not None and done.returncode == 0 else text


def templates() -> dict[str, str]:
    """``{file name: text}`` of the templates the package ships."""
    return {"dassco.pot": render(dassco_template()), "sphinx.pot": render(sphinx_template())}


# --- interface words ---------------------------------------------------------------------------


def interface_words() -> dict[str, str]:
    """Every message the HTML templates say through gettext (Sphinx's basic theme's,
    pydata-sphinx-theme's, the package's) and :data:`EXTRA_SPHINX`, with where it is said."""
    from jinja2.ext import GETTEXT_FUNCTIONS, babel_extract

    found: dict[str, str] = {}
    for folder in (
        _installed("sphinx") / "themes" / "basic",
        PACKAGE_DIR / "templates",
        _installed("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme",
    ):
        for template in sorted(folder.rglob("*.html")):
            with template.open("rb") as handle:
                said = [
                    message
                    for _line, _function, message, _comments in babel_extract(
                        handle, GETTEXT_FUNCTIONS, [], {}
                    )
                ]
            for message in said:
                for text in message if isinstance(message, tuple) else (message,):
                    if isinstance(text, str):
                        found.setdefault(
                            text, f"{folder.name}/{template.relative_to(folder).as_posix()}"
                        )
    return {**dict.fromkeys(EXTRA_SPHINX, "a theme option or Sphinx's Python"), **found}


def missing_interface_words(site_locale_dir: Path, language: str) -> list[Problem]:
    """The interface words ``language`` has no translation of in any catalog a build uses
    (the site's ``sphinx.po``, the package's, the theme's, Sphinx's), at the site's ``sphinx.po``."""
    site = site_locale_dir / language / "LC_MESSAGES" / "sphinx.po"
    known = shipped_translations(language, {"html_theme": "pydata_sphinx_theme"})
    if site.is_file():
        known |= translated(read_catalog(site))
    said = {msgid for _context, msgid in known}
    return [
        Problem(
            site,
            1,
            f"interface word {word!r} ({template}) has no {language} translation: add it here",
        )
        for word, template in sorted(interface_words().items())
        if word not in said
    ]


def _template_of(locale_dir: Path, domain: str) -> Path | None:
    template = locale_dir / f"{domain}.pot"
    return template if domain in DOMAINS and template.is_file() else None


def package_problems(locale_dir: Path | None = None) -> list[Problem]:
    """Every problem of every catalog the package ships, judged against its template."""
    locale_dir = locale_dir or LOCALE_DIR
    return [
        problem
        for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))
        for problem in catalog_problems(po, _template_of(locale_dir, po.stem), interface=True)
    ]


def write_templates() -> None:
    """Rewrite the shipped templates that changed (``make intl-templates``)."""
    for name, text in templates().items():
        path = LOCALE_DIR / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_whole(path, text.encode("utf-8"))
            print(f"written: dassco_ext/locale/{name}")


if __name__ == "__main__":
    write_templates()
