"""The ``brief`` builder: printable A4 PDF briefs of chosen pages, with the hero as cover.

Each brief is the page's doctree through Sphinx's HTML translator, in the print template
(``templates/brief.html``), printed by WeasyPrint; links show their absolute URL and a QR
code on the cover leads to the page online.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import get_translation
from sphinx.util import logging

from .. import pipeline
from ..config import get_config
from ..page.hero import MESSAGE_CATALOG, hero
from ..page.listings import KINDS, folder_pages
from ..paths import PACKAGE_DIR
from ..warnings_ import DasscoWarnings, error, warn
from .cover import A4_MM, MM_PER_INCH, PRINT_DPI, CoverImageError, prepare_cover
from .wording import (
    _QR_ALT,
    _catalog_line,
    _conf_line,
    creation_date,
    css_string,
    fill_in,
    page_counter_css,
    qr_data_uri,
    site_gettext,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..page.records import PageRecord, PagesDomain

_ = get_translation(MESSAGE_CATALOG)
LOGGER = logging.getLogger(__name__)

TEMPLATE = "brief.html"
STYLESHEET = PACKAGE_DIR / "static" / "brief.css"

#: The most elements and characters a brief's page may have: WeasyPrint needs tens of kB
#: per laid-out element, and a brief must never need more than 500 MB.
MAX_BRIEF_ELEMENTS = 4_000
MAX_BRIEF_CHARACTERS = 150_000


# --- which pages are briefs -------------------------------------------------------------------

#: ``dassco_briefs`` entries of this form name every page a listing of that kind lists.
KIND_PREFIX = "kind:"


def _entry_pages(env: BuildEnvironment, entry: str, records: dict[str, PageRecord]) -> set[str]:
    """The pages a ``dassco_briefs`` entry names: ``kind:news`` (every page a ``news``
    listing lists), a glob pattern over docnames (``news/*``), a docname or a lang-ref."""
    from sphinx.util.matching import Matcher

    if entry.startswith(KIND_PREFIX):
        kind = entry.removeprefix(KIND_PREFIX)
        if kind not in KINDS:
            return set()
        folders = env.domains["dassco-listings"].folders(kind)  # type: ignore[attr-defined]
        return {page for folder in folders for page in folder_pages(env, folder)} - {
            docname
            for docname, found in env.domains["dassco-listings"].listings.items()  # type: ignore[attr-defined]
            if any(k == kind for k, _folder in found)
        }
    if any(char in entry for char in "*?["):
        matches = Matcher([entry])
        return {docname for docname in records if matches(docname)}
    return {docname for docname, record in records.items() if entry in (docname, record.lang_ref)}


def brief_docnames(app: Sphinx) -> tuple[list[str], list[str]]:
    """``(briefs, unmatched)``: the brief pages, and ``dassco_briefs`` entries naming no page.

    Entries name pages (see :func:`_entry_pages`); front matter ``brief: true`` adds a
    page, ``brief: false`` removes one whatever the entries say.
    """
    env = app.env
    domain: PagesDomain = env.domains["dassco"]  # type: ignore[assignment]
    records = {docname: domain.record(docname) for docname in sorted(env.found_docs)}
    named: set[str] = set()
    unmatched = []
    for entry in get_config(app.config).briefs:
        pages = _entry_pages(env, entry, records)
        named |= pages
        if not pages:
            unmatched.append(entry)
    briefs = [
        docname
        for docname, record in records.items()
        if record.brief is True or (docname in named and record.brief is not False)
    ]
    return briefs, unmatched


_FILE_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}")


def pdf_name(record: PageRecord) -> str:
    """The brief's path in the output, without ``.pdf``: its lang-ref (a page in a folder
    keeps its folder: ``news/first``), or (with one warning) its docname made safe when the
    lang-ref is no safe path (``../x``, spaces)."""
    if all(_FILE_NAME_RE.fullmatch(part) for part in record.lang_ref.split("/")):
        return record.lang_ref
    fallback = re.sub(r"[^A-Za-z0-9._-]", "-", record.docname).strip(".-") or "brief"
    warn(
        DasscoWarnings.BRIEF,
        f"lang-ref {record.lang_ref!r} is not usable as a file name (folders of letters, digits, "
        f"'.', '_' and '-' only); the brief is written as {fallback}.pdf",
        (record.docname, record.lang_ref_line),
    )
    return fallback


# --- the builder -------------------------------------------------------------------------------


class BriefBuilder(StandaloneHTMLBuilder):
    """Writes one PDF per brief page into the output directory (``<lang-ref>.pdf``)."""

    name = "brief"
    format = "html"  # the HTML visitors of every node, and the hero's title move, apply
    epilog = "The PDF briefs are in %(outdir)s."
    search = False
    add_permalinks = False
    copysource = False
    use_index = False
    allow_parallel = False  # WeasyPrint renders in the main process; languages run in parallel

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        self.sphinx_app = app  # Sphinx 8.2 and 9 name theirs differently

    def init(self) -> None:
        super().init()
        self.gettext = site_gettext(self.config, self.srcdir)
        self.briefs: list[str] = []
        #: ``pdf name (lower case) -> docname`` of the briefs written by this build
        self.pdf_owners: dict[str, str] = {}

    def get_outdated_docs(self) -> Iterator[str]:
        """Every page: a brief depends on the whole site's titles and links."""
        yield from self.env.found_docs

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return "basic", {}  # the site's theme (navigation, search, switchers) is not printed

    # --- URLs ------------------------------------------------------------------------------

    @property
    def baseurl(self) -> str:
        base = self.config.html_baseurl or ""
        return base if not base or base.endswith("/") else base + "/"

    def online_url(self, page: str) -> str:
        """``html_baseurl`` + the path of ``page`` (quoted) in the site of this language."""
        path = get_config(self.config).online_path.format(
            language=self.config.language or "en", page=urllib.parse.quote(page)
        )
        return urllib.parse.urljoin(self.baseurl, path.lstrip("/"))

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        """Links between pages point at the site online (a PDF has no neighbouring pages)."""
        if self.baseurl:
            return self.online_url(super().get_target_uri(to))
        return super().get_relative_uri(from_, to, typ)

    # --- writing ---------------------------------------------------------------------------

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        self.briefs, missing = brief_docnames(self.sphinx_app)
        for name in missing:
            kinds = ", ".join(f"{KIND_PREFIX}{kind}" for kind in KINDS)
            warn(
                DasscoWarnings.BRIEF,
                f"dassco_briefs names {name!r}, but no page has that name or lang-ref or "
                f"matches that pattern ({kinds}: the pages such a listing lists); no brief "
                "is written for it",
                _conf_line(self.sphinx_app, "dassco_briefs"),
            )
        if self.briefs and not self.baseurl:
            warn(
                DasscoWarnings.BASEURL,
                "html_baseurl is not set: briefs print links to other pages as relative paths "
                "and have no QR code to their online version",
                _conf_line(self.sphinx_app, "html_baseurl"),
            )
        self.created = creation_date()  # one date (and at most one warning) for all briefs
        Path(self.outdir).mkdir(parents=True, exist_ok=True)

    def write_documents(self, docnames: Set[str]) -> None:
        """Every brief, every time: a brief shows other pages' titles and links too."""
        super().write_documents(set(self.briefs))

    def copy_assets(self) -> None:
        """A PDF carries its own images and fonts: nothing to copy."""

    def write_doc_serialized(self, docname: str, doctree: nodes.document) -> None:
        """Images stay where they are in the source tree; no search index."""

    def finish(self) -> None:
        """No indices, static files or build info: only the PDFs."""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        """One brief; whatever goes wrong with it is one located warning, and the other
        briefs are still written."""
        try:
            self._write_brief(docname, doctree)
        except Exception as exc:
            warn(
                DasscoWarnings.BRIEF,
                f"the brief could not be written: {type(exc).__name__}: {exc}",
                (docname, None),
            )

    def _write_brief(self, docname: str, doctree: nodes.document) -> None:
        domain: PagesDomain = self.env.domains["dassco"]  # type: ignore[assignment]
        record = domain.record(docname)
        name = pdf_name(record)
        owner = self.pdf_owners.setdefault(name.lower(), docname)  # one file, whatever the case
        if owner != docname:
            error(
                DasscoWarnings.COLLISION,
                f"the briefs of {self.env.doc2path(owner, False)} and "
                f"{self.env.doc2path(docname, False)} would both be written as {name}.pdf; "
                "only the first is written (give one of them its own lang-ref)",
                (docname, record.lang_ref_line),
            )
            return
        elements = sum(1 for _node in doctree.findall(nodes.Element))
        characters = len(doctree.astext())
        if elements > MAX_BRIEF_ELEMENTS or characters > MAX_BRIEF_CHARACTERS:
            warn(
                DasscoWarnings.LIMIT,
                f"the page has {elements:,} elements and {characters:,} characters; a brief "
                f"lays out at most {MAX_BRIEF_ELEMENTS:,} and {MAX_BRIEF_CHARACTERS:,} (a "
                "handout of a few dozen pages; more takes WeasyPrint more than 500 MB), so no "
                "brief is written for it",
                (docname, 1),
            )
            return
        doctree.settings = self.docsettings
        self.secnumbers = self.env.toc_secnumbers.get(docname, {})
        self.fignumbers = self.env.toc_fignumbers.get(docname, {})
        self.imgpath = self.dlpath = ""
        self.current_docname = docname
        cover = self._prepare_cover(doctree, record)
        self._prepare_images(doctree)
        self._prepare_links(doctree)
        visitor = self.create_translator(doctree, self)
        doctree.walkabout(visitor)
        body = "".join(visitor.fragment)  # type: ignore[attr-defined]
        target = Path(self.outdir, f"{name}.pdf")
        target.parent.mkdir(parents=True, exist_ok=True)
        html = self.render_brief(
            docname, record, body, has_hero=any(doctree.findall(hero)), cover=cover
        )
        write_pdf(html, target, Path(self.srcdir), (docname, None))

    def _prepare_cover(self, doctree: nodes.document, record: PageRecord) -> str | None:
        """Swap the hero image for its print version laid out for the page, or drop it
        (with one warning); an image no layout prints sharp enough is reported."""
        image = next(
            (n for n in doctree.findall(nodes.image) if pipeline.HERO_IMAGE_CLASS in n["classes"]),
            None,
        )
        if image is None or record.image is None:
            return None
        location = (record.docname, record.image_line)
        shown = record.image.lstrip("/")
        if record.image.startswith(("http://", "https://")):
            warn(
                DasscoWarnings.BRIEF_IMAGE,
                f"cover image {record.image!r} is remote; briefs fetch nothing from the network, "
                "so the cover has no image",
                location,
            )
            image.parent.remove(image)
            return None
        try:
            cover = prepare_cover(
                Path(self.srcdir, shown), max_pixels=get_config(self.config).max_image_pixels
            )
        except CoverImageError as exc:
            warn(
                DasscoWarnings.BRIEF_IMAGE,
                f"cover image {shown!r} cannot be read ({exc}); the cover has no image",
                location,
            )
            image.parent.remove(image)
            return None
        min_dpi = get_config(self.config).brief_min_dpi
        if cover.dpi < min_dpi - 0.5:
            width, height = cover.original_size
            warn(
                DasscoWarnings.BRIEF_IMAGE,
                f"cover image {shown!r} is {width}x{height} px: it prints at {cover.dpi:.0f} dpi "
                f"as a {cover.layout.kind} cover, blurry in print (at least {min_dpi} dpi is "
                f"wanted; about {round(A4_MM[0] / MM_PER_INCH * PRINT_DPI)} px across reaches "
                f"{PRINT_DPI}); it is used as it is",
                location,
            )
        image["uri"] = cover.data_uri
        return cover.layout.kind

    def _prepare_images(self, doctree: nodes.document) -> None:
        """The page's own images printed no larger than their pixels allow at
        :data:`~.cover.PRINT_DPI` (smaller when the column is narrower)."""
        from ..page.images import ImageRefused, inspect_image

        for image in doctree.findall(nodes.image):
            uri = image.get("uri", "")
            if (
                pipeline.HERO_IMAGE_CLASS in image["classes"]
                or "://" in uri
                or uri.startswith("data:")
            ):
                continue
            try:
                width = inspect_image(
                    Path(self.srcdir, uri), get_config(self.config).max_image_pixels
                ).size[0]
            except (ImageRefused, OSError, ValueError):
                continue  # reported where the page was read; printed as the site shows it
            image["width"] = f"{width / PRINT_DPI * MM_PER_INCH:.2f}mm"

    def _prepare_links(self, doctree: nodes.document) -> None:
        """Mark links whose URL must be printed; without ``html_baseurl`` links to other
        pages cannot be followed from paper or PDF, so they become their text and path."""
        for download in list(doctree.findall(addnodes.download_reference)):
            # a file of the source tree: on paper, its place on the site (never a local path)
            filename = download.get("filename")
            if filename and self.baseurl:
                uri = self.online_url(f"_downloads/{filename}")
                link: nodes.Element = nodes.reference(
                    "", "", *download.children, refuri=uri, classes=["brief-show-url"]
                )
            else:
                link = nodes.inline("", "", *download.children)
            download.replace_self(link)
        for ref in list(doctree.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if not uri or uri.startswith("#"):
                continue
            scheme = urllib.parse.urlsplit(uri).scheme.lower()
            if not ref.get("internal") and scheme in ("", "file"):
                # a path in the source tree: it would print (and link) as file:///...
                ref.replace_self(nodes.inline("", "", *ref.children, classes=ref["classes"]))
                continue
            if ref.get("internal") and not scheme:
                text = nodes.inline("", "", *ref.children, classes=[*ref["classes"], "brief-link"])
                text += nodes.inline("", uri, classes=["brief-url"])
                ref.replace_self(text)
            elif ref.astext().strip() != uri:
                ref["classes"].append("brief-show-url")

    def render_brief(
        self,
        docname: str,
        record: PageRecord,
        body: str,
        *,
        has_hero: bool,
        cover: str | None = None,
    ) -> str:
        """The whole HTML document WeasyPrint prints."""
        from jinja2 import Environment, FileSystemLoader, select_autoescape
        from markupsafe import Markup

        _ = self.gettext  # this build's words: the site's catalog first, then the package's
        loader = FileSystemLoader(str(PACKAGE_DIR / "templates"))
        jinja = Environment(loader=loader, autoescape=select_autoescape(default=True))
        config = get_config(self.config)
        site_name = config.site_name or self.config.project or "DaSSCo"
        title_node = self.env.titles.get(docname)
        title = title_node.astext() if title_node is not None else (record.title or docname)
        url = self.online_url(super().get_target_uri(docname)) if self.baseurl else ""
        return jinja.get_template(TEMPLATE).render(
            language=self.config.language or "en",
            title=title,
            site_name=site_name,
            author=site_name,
            description=record.description or "",
            created=self.created,
            body=Markup(body),
            has_hero=has_hero,
            cover=cover,
            online_url=url,
            qr=qr_data_uri(url) if url else "",
            qr_label=str(_("Read it online")),
            qr_alt=fill_in(
                str(_("QR code to the online version of this page: {url}")),
                _QR_ALT,
                url=url,
                location=lambda: _catalog_line(self.sphinx_app, _QR_ALT),
            ),
            header_site=Markup(css_string(site_name)),
            header_title=Markup(css_string(title)),
            footer=Markup(page_counter_css(str(_("Page {page} of {pages}")))),
        )


# --- printing ------------------------------------------------------------------------------

#: PDF/A-3a: archival (fonts embedded, sRGB output intent, XMP metadata) and tagged
#: (structure tree, /Lang, alt texts), the accessible level of PDF/A.
PDF_VARIANT = "pdf/a-3a"


def local_fetcher(location: tuple[str, int | None], *roots: Path) -> Any:
    """WeasyPrint's URL fetcher limited to ``data:`` and files inside ``roots``: no network
    at build time, and no file outside the source tree or the package (fonts, stylesheet).
    Each refusal is one ``dassco.brief`` warning at ``location``."""
    from weasyprint.urls import URLFetcher

    allowed = [root.resolve() for root in roots]

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urllib.parse.urlsplit(url)
            reason = None
            if parsed.scheme == "file":
                path = Path(urllib.parse.unquote(parsed.path)).resolve()
                if not any(path.is_relative_to(root) for root in allowed):
                    reason = f"{path.name!r} is outside the source tree"
            elif parsed.scheme != "data":
                reason = f"{parsed.scheme}: URLs are not fetched for print (no network)"
            if reason is not None:
                warn(DasscoWarnings.BRIEF, f"not printed: {reason}", location)
                raise ValueError(reason)
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"})


def write_pdf(html: str, target: Path, srcdir: Path, location: tuple[str, int | None]) -> None:
    """Render the brief's HTML with the print stylesheet and the packaged fonts."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = local_fetcher(location, srcdir, PACKAGE_DIR)
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(STYLESHEET), font_config=fonts, url_fetcher=fetcher)
    document = HTML(string=html, base_url=srcdir.as_uri() + "/", url_fetcher=fetcher)
    document.write_pdf(target, stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT)


def setup(app: Sphinx) -> None:
    """Register the ``brief`` builder."""
    app.add_builder(BriefBuilder)
