"""The site's languages: one build per language in ``<outdir>/<lang>/``, linked together.

Languages are configured once (``dassco_languages = ["en", "da"]``, the first being the
default). Every HTML page then gets a language switcher in the navbar that leads to the same
page in each other language, and ``<link rel="alternate" hreflang>`` tags for every language
plus ``x-default``: absolute under ``html_baseurl``, relative otherwise. The extension's own
words, and pydata-sphinx-theme's (it ships no Danish), come from catalogs in this package,
compiled at build time into the doctree directory (site-packages may be read-only, and
``.mo`` files are build outputs).
"""

from __future__ import annotations

import dataclasses as dc
import gettext
import html
import os
import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale as sphinx_locale
from sphinx.locale import _ as sphinx_gettext
from sphinx.locale import get_translation

from .. import pipeline
from ..config import get_config
from ..paths import LOCALE_DIR as PACKAGE_LOCALE_DIR
from ..paths import TEMPLATES_DIR, write_whole
from ..warnings_ import DasscoWarnings, at, warn
from .catalogs import check_catalog, read_catalog
from .coverage import page_coverage, read_languages

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

MESSAGE_CATALOG = "dassco"
_ = get_translation(MESSAGE_CATALOG)

SWITCHER_TEMPLATE = "dassco-language-switcher"
#: The catalogs shipped in the package: the extension's own words, and the theme's
#: (pydata-sphinx-theme's templates use Sphinx's own ``sphinx`` domain).
PACKAGE_CATALOGS = (MESSAGE_CATALOG, "sphinx")


@dc.dataclass(frozen=True)
class Language:
    """One language of the site, as the switcher and the ``hreflang`` tags show it."""

    code: str
    name: str
    url: str  #: for ``hreflang`` alternates: absolute under ``html_baseurl``
    current: bool
    href: str = ""  #: for the switcher: always relative, so it works offline and in previews
    #: below ``dassco_hreflang_threshold``: no ``hreflang`` alternate, marked in the switcher
    partial: bool = False
    mark: str = ""  #: the switcher's mark of a partial language ("delvis engelsk")
    mark_lang: str = ""  #: the language the mark is written in (BCP 47)
    percent: float = 100.0  #: how much of the page is translated into it


def site_languages(config: Config) -> list[str]:
    """The configured languages (the first is the default); the build's own if none."""
    return list(get_config(config).languages) or [config.language or "en"]


def language_name(code: str, names: dict[str, str] | None = None) -> str:
    """A language's name in itself ("Dansk", "English"), for readers of that language."""
    if names and code in names:
        return names[code]
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


def html_lang(code: str) -> str:
    """``pt_BR`` -> ``pt-BR`` (BCP 47, as ``lang`` and ``hreflang`` want it)."""
    return code.replace("_", "-")


def compile_package_catalogs(app: Sphinx) -> Path:
    """Compile the package's ``.po`` files for the build's language into a cache directory."""
    target = Path(app.doctreedir) / "dassco-locale"
    language = app.config.language
    source = PACKAGE_LOCALE_DIR / language / "LC_MESSAGES" if language else None
    if source is None or not source.is_dir():
        return target
    out = target / language / "LC_MESSAGES"
    out.mkdir(parents=True, exist_ok=True)
    for po_path in sorted(source.glob("*.po")):
        mo_path = out / (po_path.stem + ".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        write_whole(mo_path, lambda handle, catalog=catalog: write_mo(handle, catalog))
    return target


def register_catalogs(app: Sphinx, config: Config | None = None) -> None:
    """Register the package's catalogs (compiled for this build) with Sphinx: on
    ``config-inited``, last, never in ``setup()`` (the language may still change then, and
    an application that loads the extension without building compiles nothing early)."""
    locale_dir = compile_package_catalogs(app)
    for catalog in PACKAGE_CATALOGS:
        app.add_message_catalog(catalog, str(locale_dir))


# --- a site's interface catalogs ---------------------------------------------------------------

#: A placeholder of Python's ``%`` formatting (``%s``, ``%(title)s``) or of ``str.format`` (``{page}``).
_PLACEHOLDER_RE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z%]|\{[^{}]*\}")
#: Characters that make HTML (or leave an attribute value): a translation may not have more of
#: any of them than its message has. (Interface strings are put into templates unescaped.)
_HTML_CHARACTERS = "<>&\"'`"


def interface_problem(msgid: str, msgstr: str, msgid_plural: str | None = None) -> str | None:
    """What is wrong with an interface translation (``sphinx.po``, ``dassco.po``), else ``None``:
    it may change words, not placeholders, and may not add HTML."""
    sources = [msgid] + ([msgid_plural] if msgid_plural else [])
    found = sorted(_PLACEHOLDER_RE.findall(msgstr))
    if all(sorted(_PLACEHOLDER_RE.findall(source)) != found for source in sources):
        return f"changes the placeholders {sorted(_PLACEHOLDER_RE.findall(msgid))} to {found}"
    added = [c for c in _HTML_CHARACTERS if all(msgstr.count(c) > source.count(c) for source in sources)]
    if added:
        return (f"adds {' '.join(added)} (HTML, or the end of an attribute value); "
                "write \u2019 for an apostrophe, \u201c \u201d for quotes")
    return None


def _translator_chain(domain: str) -> list[gettext.NullTranslations]:
    chain = []
    current: gettext.NullTranslations | None = sphinx_locale.translators.get(("general", domain))
    while current is not None and current not in chain:
        chain.append(current)
        current = getattr(current, "_fallback", None)
    return chain


def _drop_translations(domain: str, mo_path: Path, keys: set[Any] | None) -> None:
    """Take ``keys`` (all of them: ``None``) of the catalog compiled at ``mo_path`` out of the
    translations this build uses; gettext then asks the next catalog (the package's own,
    Sphinx's, or none: English). Only this build's copies change (gettext keeps one
    object per file, shared by copies until a copy's catalog is replaced)."""
    cached = gettext._translations.get((gettext.GNUTranslations, os.path.abspath(mo_path)))  # type: ignore[attr-defined]
    if cached is None:
        return
    for member in _translator_chain(domain):
        if getattr(member, "_catalog", None) is cached._catalog:  # type: ignore[attr-defined]
            member._catalog = {  # type: ignore[attr-defined]
                k: v for k, v in cached._catalog.items()  # type: ignore[attr-defined]
                if keys is not None and k not in keys
            } if keys is not None else {}


def check_interface_catalogs(app: Sphinx) -> None:
    """On ``builder-inited`` (after the site's catalogs are loaded): the site's own
    ``sphinx.po`` and ``dassco.po`` (interface strings: the theme's "Search", the briefs'
    "Page {page} of {pages}") are untrusted like every translation. An entry that adds HTML
    or changes placeholders is one ``dassco.interface_translation`` warning at its line, and
    is not used: the package's own translation is, or Sphinx's, or English. A compiled
    catalog whose ``.po`` is gone is not used at all."""
    language = app.config.language
    if not language or not app.config.locale_dirs:
        return
    for domain in PACKAGE_CATALOGS:
        for directory in app.config.locale_dirs:
            base = Path(app.srcdir, directory, language, "LC_MESSAGES")
            po_path, mo_path = base / f"{domain}.po", base / f"{domain}.mo"
            bad, problems = judge_interface_catalog(po_path, language)
            for line, message in problems:
                warn(DasscoWarnings.INTERFACE_TRANSLATION, message, at(str(po_path), line))
            if bad is None or bad:
                _drop_translations(domain, mo_path, bad)


def judge_interface_catalog(po_path: Path, language: str) -> tuple[set[Any] | None, list[tuple[int | None, str]]]:
    """The entries of a site's interface catalog (``sphinx.po``, ``dassco.po``) not to use, as
    keys of its compiled catalog (``None``: none of it, when the ``.po`` is gone or cannot be
    read), and what is wrong with each, ``(line, message)``. The HTML build
    (:func:`check_interface_catalogs`) and the brief's own words (``pdf.builder``) both ask."""
    if not po_path.is_file():  # a .mo left by a .po that is gone (compiled.py removes the file)
        return None, []
    try:
        catalog = check_catalog(po_path, language).catalog
    except Exception:  # noqa: BLE001 - an unreadable catalog is reported by check_catalogs
        catalog = None
    if catalog is None:  # not used at all (Sphinx compiled what Babel could guess of it)
        return None, []
    bad: set[Any] = set()
    problems: list[tuple[int | None, str]] = []
    for message in catalog:
        if not message.id or message.fuzzy or not any(
            message.string if isinstance(message.string, tuple) else (message.string,)
        ):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        problem = next(
            (p for s in strings if s and (p := interface_problem(ids[0], s, ids[1] if len(ids) > 1 else None))),
            None,
        )
        if problem is None:
            continue
        key = f"{message.context}\x04{ids[0]}" if message.context else ids[0]
        bad |= {(key, n) for n in range(len(strings))} if len(ids) > 1 else {key}
        problems.append((message.lineno, f"interface translation of {ids[0]!r} {problem}: it is not used "
                                         "(the package's own translation, or English, is)"))
    return bad, problems


def _configure(app: Sphinx, config: Config) -> None:
    """Put the switcher in pydata-sphinx-theme's navbar when the site has several languages."""
    if len(site_languages(config)) < 2:
        return
    config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]
    if config.html_theme == "pydata_sphinx_theme":
        options = dict(config.html_theme_options)
        end = list(options.get("navbar_end", ["theme-switcher", "navbar-icon-links"]))
        if SWITCHER_TEMPLATE not in end and f"{SWITCHER_TEMPLATE}.html" not in end:
            end.append(SWITCHER_TEMPLATE)
        options["navbar_end"] = end
        config.html_theme_options = options


def page_languages(app: Sphinx, pagename: str) -> list[Language]:
    """The same page in every language: ``../<lang>/<page>``, and under ``html_baseurl``;
    each language below ``dassco_hreflang_threshold`` for this page is marked partial."""
    builder = app.builder
    config = app.config
    uri = builder.get_target_uri(pagename)
    base = config.html_baseurl
    up = "../" * (uri.count("/") + 1)
    settings = get_config(config)
    names = settings.language_names
    codes = site_languages(config)
    found = []
    for index, code in enumerate(codes):
        href = f"{up}{code}/{uri}"
        url = f"{base.rstrip('/')}/{code}/{uri}" if base else href
        language = Language(code, language_name(code, names), url, code == config.language, href)
        if index and pagename in app.env.all_docs:
            percent = page_coverage(app, code, pagename).percent
            if percent < settings.hreflang_threshold:
                mark, mark_lang = partial_mark(app, code, codes[0])
                language = dc.replace(language, partial=True, mark=mark, mark_lang=mark_lang, percent=percent)
            else:
                language = dc.replace(language, percent=percent)
        found.append(language)
    return found


def N_(message: str) -> str:
    """Mark ``message`` for extraction (the package's ``dassco.pot``) without translating it
    now: it is looked up in another language than the build's."""
    return message


#: The switcher's mark of a language a page is only partly translated into.
PARTIAL_MESSAGE = N_("partly {language}")


def _translated_in(app: Sphinx, language: str, msgid: str) -> str | None:
    """``msgid`` translated into ``language`` (not the build's): the site's own
    ``<locale_dir>/<language>/LC_MESSAGES/dassco.po`` first, then the package's."""
    candidates = [Path(app.srcdir, d, language, "LC_MESSAGES", f"{MESSAGE_CATALOG}.po") for d in app.config.locale_dirs]
    candidates.append(PACKAGE_LOCALE_DIR / language / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po")
    marks = _MARKS.setdefault(app.env, {})
    for path in candidates:
        key = (str(path), msgid)
        if key not in marks:
            text = None
            if path.is_file():
                try:
                    message = read_catalog(path, language).get(msgid)
                except Exception:  # noqa: BLE001 - a broken catalog is reported by intl-check; no mark from it
                    message = None
                if message is not None and not message.fuzzy and isinstance(message.string, str) and message.string.strip():
                    text = message.string
            marks[key] = text
        if marks[key]:
            return marks[key]
    return None


#: Per build: ``(catalog, msgid)`` -> translation, for the few marks a build shows.
_MARKS: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], str | None]] = weakref.WeakKeyDictionary()


def partial_mark(app: Sphinx, language: str, source: str) -> tuple[str, str]:
    """``("delvis engelsk", "da")``: the mark of ``language`` in the switcher, written in that
    language, or in the source language (``"partly English"``) where it has no translation."""
    template = _translated_in(app, language, PARTIAL_MESSAGE)
    written_in = language if template else source
    try:
        name = Locale.parse(source).get_display_name(written_in) or source
    except (UnknownLocaleError, ValueError):
        name = source
    return (template or PARTIAL_MESSAGE).replace("{language}", name), html_lang(written_in)


def translate_theme_options(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """On ``html-page-context``: the theme's search placeholder (a theme option, so never
    passed through gettext by the theme) in the page's language."""
    text = context.get("theme_search_bar_text")
    if isinstance(text, str) and text:
        context["theme_search_bar_text"] = str(sphinx_gettext(text))


def add_language_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """On ``html-page-context``: the switcher's data and the ``hreflang`` alternates."""
    if app.builder.name not in ("html", "dirhtml") or len(site_languages(app.config)) < 2:
        return
    languages = page_languages(app, pagename)
    context["dassco_languages"] = languages
    context["dassco_language_label"] = str(_("Language"))
    tags = [
        f'<link rel="alternate" hreflang="{html.escape(html_lang(lang.code))}" href="{html.escape(lang.url)}">\n'
        for lang in languages
        if not lang.partial  # a page mostly in the source language claims no other language
    ]
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{html.escape(languages[0].url)}">\n')
    context["metatags"] = context.get("metatags", "") + "".join(tags)
    if app.config.html_baseurl:
        current = next(lang for lang in languages if lang.current) if any(lang.current for lang in languages) else None
        if current is not None:
            context["pageurl"] = current.url


def partial_languages(app: Sphinx, docname: str) -> tuple[str, ...]:
    """The languages ``docname`` is translated into below ``dassco_hreflang_threshold``."""
    threshold = get_config(app.config).hreflang_threshold
    return tuple(
        code for code in site_languages(app.config)[1:]
        if page_coverage(app, code, docname).percent < threshold
    )


def _writes_language_links(app: Sphinx) -> bool:
    return app.builder.name in ("html", "dirhtml") and len(site_languages(app.config)) >= 2


def pages_with_changed_languages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """On ``env-get-outdated``: pages whose switcher or ``hreflang`` changes because another
    language's catalog changed (the English page, when the Danish one passes the threshold).
    They are read again, so that they are written again."""
    if not _writes_language_links(app):
        return []
    known: dict[str, tuple[str, ...]] = getattr(env, "dassco_partial_languages", {})
    return [
        docname for docname, before in known.items()
        if docname in env.all_docs and docname not in added | changed | removed
        and partial_languages(app, docname) != before
    ]


def remember_languages(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-updated``: what :func:`pages_with_changed_languages` compares with next time."""
    if _writes_language_links(app):
        env.dassco_partial_languages = {d: partial_languages(app, d) for d in env.all_docs}  # type: ignore[attr-defined]


def read_coverage(app: Sphinx) -> None:
    """On ``builder-inited``: every translated language's catalogs that changed, read once
    (checked in batches) in the main process, before pages are read or written: the page's
    own language for the "newer" note, every other for the switcher and ``hreflang``."""
    if app.builder.name == "gettext" or len(site_languages(app.config)) < 2 or not app.config.locale_dirs:
        return
    read_languages(app, site_languages(app.config)[1:])


def setup(app: Sphinx) -> None:
    app.connect("config-inited", register_catalogs, priority=pipeline.PACKAGE_CATALOGS)
    app.connect("builder-inited", read_coverage)
    app.connect("env-get-outdated", pages_with_changed_languages)
    app.connect("env-updated", remember_languages)
    app.connect("config-inited", _configure)
    app.connect("html-page-context", add_language_links, priority=pipeline.LANGUAGE_LINKS)
    app.connect("html-page-context", translate_theme_options)
    app.connect("builder-inited", check_interface_catalogs, priority=pipeline.INTERFACE_CATALOGS)
