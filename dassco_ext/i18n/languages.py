"""The site's languages: the switcher, ``hreflang`` links, and the interface's catalogs.

Languages are configured once (``dassco_languages = ["en", "da"]``, the first the default).
Every HTML page gets a switcher in the navbar leading to the same page in each other language,
and ``<link rel="alternate" hreflang>`` tags. The package's catalogs (its own words and
pydata-sphinx-theme's, which ships no Danish) are compiled into the doctree directory and
registered with Sphinx; a site's own ``sphinx.po`` and ``dassco.po`` are judged as untrusted,
and no bad entry reaches a page (:class:`InterfaceWords`).
"""

from __future__ import annotations

import dataclasses as dc
import gettext
import html
import importlib.util
import io
import posixpath
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from sphinx import locale as sphinx_locale
from sphinx.locale import get_translation, get_translator

from .. import pipeline
from ..config import get_config
from ..paths import LOCALE_DIR as PACKAGE_LOCALE_DIR
from ..paths import TEMPLATES_DIR, write_whole
from ..warnings_ import DasscoWarnings, at, warn
from .catalogs import catalog_reading, check_catalog, read_catalog
from .coverage import LANGUAGE_LINK_BUILDERS, page_coverage

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from babel.messages.catalog import Message
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

MESSAGE_CATALOG = "dassco"
_ = get_translation(MESSAGE_CATALOG)
SWITCHER_TEMPLATE = "dassco-language-switcher"
#: The catalogs shipped in the package: its own words, and the theme's (Sphinx's domain).
PACKAGE_CATALOGS = (MESSAGE_CATALOG, "sphinx")


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


#: The switcher's mark of a language a page is only partly translated into.
PARTIAL_MESSAGE = N_("partly {language}")


@dc.dataclass(frozen=True)
class Language:
    """One language of the site, as the switcher and the ``hreflang`` tags show it."""

    code: str
    name: str
    url: str  #: for ``hreflang``: absolute under ``html_baseurl``
    current: bool
    href: str = ""  #: for the switcher: relative, so it works offline and in previews
    partial: bool = False  #: below ``dassco_hreflang_threshold``: no ``hreflang``, marked
    mark: str = ""  #: the switcher's mark of a partial language ("delvis engelsk")
    mark_lang: str = ""  #: the language the mark is written in (BCP 47)


def site_languages(config: Config) -> list[str]:
    """The configured languages (the first is the default); the build's own if none."""
    return list(get_config(config).languages) or [config.language or "en"]


def display_name(code: str, written_in: str) -> str:
    """A language's name, written in ``written_in`` ("engelsk" for ``en`` in ``da``)."""
    try:
        return Locale.parse(code).get_display_name(written_in) or code
    except (UnknownLocaleError, ValueError):
        return code


def language_name(code: str, names: dict[str, str] | None = None) -> str:
    """A language's name in itself ("Dansk", "English")."""
    if names and code in names:
        return names[code]
    name = display_name(code, code)
    return name[:1].upper() + name[1:]


def html_lang(code: str) -> str:
    """``pt_BR`` -> ``pt-BR`` (BCP 47, as ``lang`` and ``hreflang`` want it)."""
    return code.replace("_", "-")


# --- the package's catalogs, and a site's own interface catalogs ---------------------------------


def register_catalogs(app: Sphinx, config: Config) -> None:
    """On ``config-inited``, last (the language is final then): the site's own ``sphinx.po``
    and ``dassco.po`` judged (:func:`site_interface_catalogs`); the package's catalogs for the
    build's language, the site's usable ``dassco.po`` entries before the package's own,
    compiled into the doctree directory and registered with Sphinx; the templates kept from
    the site's bad ``sphinx.po`` entries, which Sphinx has loaded (:class:`InterfaceWords`)."""
    target = Path(app.doctreedir) / "dassco-locale"
    language = config.language
    if language:
        site = {domain: site_interface_catalogs(app, domain) for domain in PACKAGE_CATALOGS}
        out = target / language / "LC_MESSAGES"
        for domain in PACKAGE_CATALOGS:
            po_path = PACKAGE_LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
            catalog = read_catalog(po_path, language) if po_path.is_file() else None
            if domain == MESSAGE_CATALOG:
                catalog = _site_entries_first(catalog, site[domain], config)
            if catalog is not None:
                compiled = io.BytesIO()
                write_mo(compiled, catalog)
                mo_path = out / f"{domain}.mo"
                if not mo_path.is_file() or mo_path.read_bytes() != compiled.getvalue():
                    out.mkdir(parents=True, exist_ok=True)
                    write_whole(mo_path, compiled.getvalue())
        words = InterfaceWords.of(app, language, target, site["sphinx"])
        if words is not None:
            app.connect("html-page-context", words.add_to_page, priority=pipeline.INTERFACE_WORDS)
    for domain in PACKAGE_CATALOGS:
        app.add_message_catalog(domain, str(target))


def _site_entries_first(
    catalog: Catalog | None, site: list[SiteCatalog], config: Config
) -> Catalog | None:
    """The package's ``dassco`` catalog with the usable entries of the site's own (the first
    of ``locale_dirs`` first) in place of its own; ``None`` when neither has any."""
    usable = [
        message
        for _po_path, messages, _bad in reversed(site)
        for message in messages or ()
        if message.string and (not message.fuzzy or config.gettext_allow_fuzzy_translations)
    ]
    if not usable:
        return catalog
    merged = catalog or Catalog(locale=config.language)
    for message in usable:
        merged.delete(message.id, message.context)
        merged.add(message.id, message.string, context=message.context)
    merged.charset = "utf-8"
    return merged


#: A placeholder of ``%`` formatting (``%s``, ``%(title)s``) or of ``str.format`` (``{page}``).
_PLACEHOLDER_RE = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z%]|\{[^{}]*\}"
)
#: Characters that make HTML or end an attribute value (templates put these words in unescaped).
_HTML_CHARACTERS = "<>&\"'`"


def interface_problem(msgid: str, msgstr: str, msgid_plural: str | None = None) -> str | None:
    """What is wrong with an interface translation, else ``None``: it may change words, not
    placeholders, and may not add HTML."""
    sources = [msgid] + ([msgid_plural] if msgid_plural else [])
    found = sorted(_PLACEHOLDER_RE.findall(msgstr))
    if all(sorted(_PLACEHOLDER_RE.findall(source)) != found for source in sources):
        return f"changes the placeholders {sorted(_PLACEHOLDER_RE.findall(msgid))} to {found}"
    added = [
        c for c in _HTML_CHARACTERS if all(msgstr.count(c) > source.count(c) for source in sources)
    ]
    if added:
        return (
            f"adds {' '.join(added)} (HTML, or the end of an attribute value); "
            "write \u2019 for an apostrophe, \u201c \u201d for quotes"
        )
    return None


def entry_problems(catalog: Iterable[Message]) -> Iterator[tuple[Message, str]]:
    """Each translated entry of an interface catalog that breaks :func:`interface_problem`."""
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or message.fuzzy:
            continue
        plural = str(ids[1]) if len(ids) > 1 else None
        found = (interface_problem(str(ids[0]), str(s), plural) for s in strings if s)
        if problem := next((p for p in found if p), None):
            yield message, problem


def judged_interface_catalog(
    po_path: Path, language: str
) -> tuple[list[Message] | None, list[tuple[Message, str]]]:
    """A site's ``sphinx.po`` or ``dassco.po`` judged: the entries that may be used (``None``:
    none of it, when the ``.po`` is gone or unreadable), and each left out with its problem."""
    catalog = check_catalog(po_path, language).catalog if po_path.is_file() else None
    if catalog is None:
        return None, []
    bad = list(entry_problems(catalog))
    left_out = {id(message) for message, _problem in bad}
    return [m for m in catalog if m.id and id(m) not in left_out], bad


#: A site's catalog of one domain in one of ``locale_dirs``: its ``.po``, the entries that may
#: be used (``None``: none), the entries left out.
SiteCatalog = tuple[Path, "list[Message] | None", "list[Message]"]


def site_interface_catalogs(app: Sphinx, domain: str) -> list[SiteCatalog]:
    """The site's ``domain.po`` in each of ``locale_dirs``, judged; each bad entry is one
    ``dassco.interface_translation`` warning at its line."""
    found = []
    for directory in app.config.locale_dirs:
        po_path = Path(app.srcdir, directory, app.config.language, "LC_MESSAGES", f"{domain}.po")
        usable, bad = judged_interface_catalog(po_path, app.config.language)
        for message, problem in bad:
            warn(
                DasscoWarnings.INTERFACE_TRANSLATION,
                f"interface translation of {_first_id(message)[1]!r} {problem}: it is not used "
                "(the package's own translation, or English, is)",
                at(str(po_path), message.lineno),
            )
        found.append((po_path, usable, [message for message, _problem in bad]))
    return found


def _first_id(message: Message) -> tuple[str | None, str]:
    return message.context, str(message.id[0] if isinstance(message.id, tuple) else message.id)


@dc.dataclass(frozen=True)
class InterfaceWords:
    """The templates' ``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` of a
    build whose site ``sphinx.po`` has entries not to use. Sphinx loads the site's ``sphinx.mo``
    before any extension runs, and Sphinx's and the theme's templates put what these return
    into the page unescaped: a bad entry (every entry of a site catalog whose ``.po`` is gone
    or unreadable) is looked up in Sphinx's, the package's and the theme's catalogs instead;
    every other one is Sphinx's translation. Words used in Python (admonition labels...)
    become document text, which the HTML writer escapes."""

    left_out: frozenset[tuple[str | None, str]]  #: ``(msgctxt, msgid)``
    others: gettext.NullTranslations

    @classmethod
    def of(
        cls, app: Sphinx, language: str, package_dir: Path, site: list[SiteCatalog]
    ) -> InterfaceWords | None:
        """The words for this build; ``None`` when the site's catalogs are all usable."""
        left_out: set[tuple[str | None, str]] = set()
        for po_path, usable, bad in site:
            if usable is not None:
                left_out |= {_first_id(m) for m in bad}
            elif po_path.with_suffix(".mo").is_file():  # loaded by Sphinx all the same
                try:
                    with po_path.with_suffix(".mo").open("rb") as mo:
                        left_out |= {_first_id(m) for m in read_mo(mo) if m.id}
                except (OSError, ValueError, LookupError, struct.error):
                    pass  # gettext could not load it either
        if not left_out:
            return None
        theme = importlib.util.find_spec("pydata_sphinx_theme")
        dirs = [Path(sphinx_locale.__file__).parent, package_dir]
        if app.config.html_theme == "pydata_sphinx_theme" and theme and theme.origin:
            dirs.append(Path(theme.origin).parent / "locale")
        others = gettext.NullTranslations()
        for directory in dirs:
            others.add_fallback(
                gettext.translation("sphinx", str(directory), [language], fallback=True)
            )
        return cls(frozenset(left_out), others)

    def _translator(self, context: str | None, msgid: str) -> gettext.NullTranslations:
        return self.others if (context, msgid) in self.left_out else get_translator()

    def gettext(self, message: str) -> str:
        return self._translator(None, message).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translator(None, singular).ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._translator(context, message).pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._translator(context, singular).npgettext(context, singular, plural, n)

    def add_to_page(
        self, app: Sphinx, page: str, template: str, context: dict[str, Any], *_: Any
    ) -> None:
        """On ``html-page-context``: the page's template finds these before Sphinx's globals."""
        context.update(
            _=self.gettext,
            gettext=self.gettext,
            ngettext=self.ngettext,
            pgettext=self.pgettext,
            npgettext=self.npgettext,
        )


# --- the switcher and hreflang -----------------------------------------------------------------


def add_switcher(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: the switcher in pydata-sphinx-theme's navbar, for several languages."""
    if len(site_languages(config)) < 2:
        return
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]
    if config.html_theme == "pydata_sphinx_theme":
        options = dict(config.html_theme_options)
        end = list(options.get("navbar_end", ["theme-switcher", "navbar-icon-links"]))
        if SWITCHER_TEMPLATE not in end and f"{SWITCHER_TEMPLATE}.html" not in end:
            end.append(SWITCHER_TEMPLATE)
        options["navbar_end"] = end
        config.html_theme_options = options


def partial_mark(app: Sphinx, language: str, source: str) -> tuple[str, str]:
    """``("delvis engelsk", "da")``: the switcher's mark of ``language``, written in it (the
    site's ``dassco.po`` first, then the package's; a bad entry is not used), else in the
    source language."""
    template = None
    for path in [
        *(
            Path(app.srcdir, d, language, "LC_MESSAGES", "dassco.po")
            for d in app.config.locale_dirs
        ),
        PACKAGE_LOCALE_DIR / language / "LC_MESSAGES" / "dassco.po",
    ]:
        reading = catalog_reading(app.env, path) if path.is_file() else None
        if reading is not None and reading.translated(PARTIAL_MESSAGE):
            template = reading.translations[PARTIAL_MESSAGE]
            if interface_problem(PARTIAL_MESSAGE, template) is None:
                break  # a bad one is that language's build's warning
            template = None
    written_in = language if template else source
    name = display_name(source, written_in)
    return (template or PARTIAL_MESSAGE).replace("{language}", name), html_lang(written_in)


def page_languages(app: Sphinx, pagename: str) -> list[Language]:
    """The same page in every language; each below ``dassco_hreflang_threshold`` is partial."""
    uri = app.builder.get_target_uri(pagename)
    base = app.config.html_baseurl
    settings = get_config(app.config)
    codes = site_languages(app.config)
    marks: dict[str, tuple[str, str]] = app.builder.__dict__.setdefault("dassco_partial_marks", {})
    # where each language's page is online (dassco_online_path: one folder per language, or
    # Read the Docs' /<lang>/<version>/), and the way there from this page
    current = app.config.language or codes[0]
    here = posixpath.dirname(settings.online_path.format(language=current, page=uri))
    partial = partial_languages(app, pagename) if pagename in app.env.all_docs else ()
    found = []
    for code in codes:
        path = settings.online_path.format(language=code, page=uri).lstrip("/")
        href = posixpath.relpath(path, here.lstrip("/") or ".") + (
            "/" if path.endswith("/") else ""
        )
        language = Language(
            code,
            language_name(code, settings.language_names),
            f"{base.rstrip('/')}/{path}" if base else href,
            code == app.config.language,
            href,
        )
        if code in partial:
            if code not in marks:
                marks[code] = partial_mark(app, code, codes[0])
            mark, mark_lang = marks[code]
            language = dc.replace(language, partial=True, mark=mark, mark_lang=mark_lang)
        found.append(language)
    return found


def _writes_language_links(app: Sphinx) -> bool:
    return app.builder.name in LANGUAGE_LINK_BUILDERS and len(site_languages(app.config)) >= 2


def add_language_links(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """On ``html-page-context``: the switcher's data and the ``hreflang`` alternates."""
    if not _writes_language_links(app):
        return
    languages = page_languages(app, pagename)
    if pagename == app.config.notfound_pagename and app.config.html_baseurl:
        languages = [dc.replace(lang, href=lang.url) for lang in languages]  # at any depth
    context["dassco_languages"] = languages
    context["dassco_language_label"] = str(_("Language"))
    tags = [
        f'<link rel="alternate" hreflang="{html.escape(html_lang(lang.code))}" href="{html.escape(lang.url)}">\n'
        for lang in languages
        if not lang.partial
    ]  # a page mostly in the source language claims no other
    tags.append(
        f'<link rel="alternate" hreflang="x-default" href="{html.escape(languages[0].url)}">\n'
    )
    context["metatags"] = context.get("metatags", "") + "".join(tags)
    current = next((lang for lang in languages if lang.current), None)
    if app.config.html_baseurl and current is not None:
        context["pageurl"] = current.url


def partial_languages(app: Sphinx, docname: str) -> tuple[str, ...]:
    """The languages ``docname`` is translated into below ``dassco_hreflang_threshold``."""
    threshold = get_config(app.config).hreflang_threshold
    return tuple(
        code
        for code in site_languages(app.config)[1:]
        if page_coverage(app.env, code, docname).percent < threshold
    )


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_switcher)
    app.connect("config-inited", register_catalogs, priority=pipeline.PACKAGE_CATALOGS)
    app.connect("html-page-context", add_language_links, priority=pipeline.LANGUAGE_LINKS)
