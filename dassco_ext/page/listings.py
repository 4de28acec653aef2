"""The ``news``, ``team`` and ``partners`` directives: a folder's pages as cards or a list.

Reading leaves a :class:`listing` placeholder (its folder noted in a domain, so changed pages
make their listings outdated); ``doctree-resolved`` fills it from the page records.
"""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.errors import NoUri
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode
from sphinx_design.shared import create_component

from .. import pipeline
from ..warnings_ import DasscoWarnings, warn
from .hero import make_date
from .records import PageRecord, PagesDomain, domain_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


_ = get_translation("dassco")

KINDS = ("news", "team", "partners")
_CARD = ("sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "sd-card-hover")


class listing(nodes.General, nodes.Element):
    """Where a listing goes: ``kind``, ``folder``, ``limit`` (0: all)."""


class ListingsDomain(Domain):
    """The listings of each page: ``{docname: [(kind, folder), ...]}``."""

    name = "dassco-listings"
    label = "DaSSCo listings"
    initial_data: ClassVar[dict[str, Any]] = {"listings": {}}
    data_version = 1

    @property
    def listings(self) -> dict[str, list[tuple[str, str]]]:
        return self.data["listings"]

    def clear_doc(self, docname: str) -> None:
        self.listings.pop(docname, None)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        for docname, found in otherdata["listings"].items():
            if docname in docnames:
                self.listings[docname] = found

    def add(self, docname: str, kind: str, folder: str) -> None:
        found = self.listings.setdefault(docname, [])
        if (kind, folder) not in found:
            found.append((kind, folder))

    def folders(self, kind: str) -> list[str]:
        """Every folder listed by a ``kind`` directive anywhere on the site."""
        return sorted(
            {folder for found in self.listings.values() for k, folder in found if k == kind}
        )

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []


def folder_pages(env: BuildEnvironment, folder: str, exclude: str | None = None) -> list[str]:
    """The documents under ``folder`` (any depth), the listing page itself left out."""
    prefix = f"{folder}/" if folder else ""
    return sorted(d for d in env.found_docs if d.startswith(prefix) and d != exclude)


def normalize_folder(value: str) -> str | None:
    """``/news/`` gives ``news``; ``..``, schemes and backslashes give ``None``."""
    text = value.strip().strip("/")
    if "\\" in text or ":" in text or any(p in ("..", ".") for p in text.split("/")):
        return None
    return posixpath.normpath(text) if text else ""


def _positive_int(value: str) -> int:
    with contextlib.suppress(ValueError):
        return max(int(value.strip()), 0)
    return 0


class ListingDirective(SphinxDirective):
    """``news``, ``team`` or ``partners`` FOLDER: the pages of FOLDER (from the source root)."""

    required_arguments = 1
    has_content = True  # reported (once, with a dassco subtype), not a docutils error
    option_spec: ClassVar[dict[str, Any]] = {
        "limit": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        kind, docname, location = self.name, self.env.docname, self.get_location()

        def report(message: str) -> None:
            warn(DasscoWarnings.LISTING, message, location)

        if self.content:
            report(f"the {kind} directive takes no content; it is ignored")
        limit = 0
        if "limit" in self.options and kind != "news":
            report(f"the {kind} directive has no :limit:; every page is listed")
        elif "limit" in self.options and not (limit := _positive_int(self.options["limit"] or "")):
            report(
                f":limit: must be a whole number above 0, not {self.options['limit']!r}; "
                "every article is listed"
            )
        folder = normalize_folder(self.arguments[0])
        if folder is None:
            report(
                f"{kind}: {self.arguments[0]!r} is not a folder of the source tree; nothing is listed"
            )
            return []
        domain_of(self.env, ListingsDomain).add(docname, kind, folder)
        if not folder_pages(self.env, folder, docname):
            report(f"{kind}: the folder {folder or '/'!r} has no pages; the listing is empty")
        classes = [f"dassco-{kind}", *self.options.get("class", [])]
        node = listing(kind=kind, folder=folder, limit=limit, docname=docname, classes=classes)
        self.set_source_info(node)
        return [node]


def sort_records(kind: str, records: list[PageRecord]) -> list[PageRecord]:
    """News newest first (undated last), other pages by ``order``; then by title."""
    if kind != "news":
        return sorted(
            records, key=lambda r: (r.order is None, r.order or 0.0, _title(r), r.docname)
        )
    found = sorted(records, key=_title)
    found.sort(key=lambda r: r.date or "", reverse=True)  # stable: a date's pages stay by title
    return found


def _title(record: PageRecord) -> str:
    return (record.title or record.docname).casefold()


def _text(text: str, classes: list[str]) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=classes)


class ResolveListings:
    """Replace each :class:`listing` of a page being written with its cards (HTML) or list
    (other builders); on ``doctree-resolved``, which every builder emits with the page (or,
    for single-document builders, the assembled document) and the builder."""

    def __init__(self, app: Sphinx, document: nodes.document, docname: str) -> None:
        self.app, self.env, self.config = app, app.env, app.config
        self.document, self.docname = document, docname

    def run(self) -> None:
        for node in list(self.document.findall(listing)):
            rendered = self.render(node)
            node["classes"] = []  # replace_self would give them to the first node
            node.replace_self(rendered)

    def records(self, node: listing) -> list[PageRecord]:
        pages = domain_of(self.env, PagesDomain)
        # the page holding the listing (in single-document output not the one being written)
        docname = node.get("docname", self.docname)
        found = [pages.record(d) for d in folder_pages(self.env, node["folder"], docname)]
        found = sort_records(node["kind"], found)
        return found[: node["limit"]] if node["limit"] else found

    def render(self, node: listing) -> list[nodes.Node]:
        records = self.records(node)
        if not records:
            return []
        node = node.deepcopy()  # keeps its classes for the listing itself
        html = self.app.builder.format == "html"
        if node["kind"] != "team":
            return [self.group(node, records, html)]
        groups: dict[str, list[PageRecord]] = {}
        for record in records:
            groups.setdefault(record.category or "", []).append(record)
        out: list[nodes.Node] = []
        for category, members in sorted(
            groups.items(), key=lambda item: (item[0] == "", records.index(item[1][0]))
        ):
            if category:
                out.append(nodes.rubric(category, category, classes=["dassco-team-group"]))
            out.append(self.group(node, members, html))
        return out

    def group(self, node: listing, records: list[PageRecord], html: bool) -> nodes.Element:
        kind = node["kind"]
        if not html:
            items = nodes.bullet_list(classes=node["classes"])
            for record in records:
                item = nodes.list_item()
                item.extend(self.entry(kind, record, html=False))
                items += item
            return items
        columns = (
            "sd-row-cols-1 sd-row-cols-sm-2 sd-row-cols-md-3"
            if kind == "news"
            else "sd-row-cols-2 sd-row-cols-sm-3 sd-row-cols-md-4"
        )
        row = create_component("grid-row", ["sd-row", *columns.split(), "sd-g-3"])
        for record in records:
            card = create_component("card", [*_CARD, f"dassco-{kind}-card"])
            if record.card_image:
                card += nodes.image(
                    uri=record.card_image,
                    candidates={"*": record.card_image},
                    alt=record.image_alt or "",
                    classes=["sd-card-img-top", f"dassco-{kind}-image"],
                )
            body = self.entry(kind, record, html=True)
            card += create_component("card-body", ["sd-card-body"], children=body)
            row += create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])
        classes = ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", *node["classes"]]
        return create_component("grid-container", classes, children=[row])

    def page_link(self, record: PageRecord, *, stretched: bool) -> nodes.Node:
        title = domain_of(self.env, PagesDomain).title(record.docname)
        text = nodes.inline(title, title)
        builder = self.app.builder
        if builder.name == "singlehtml" and record.docname not in self.in_document():
            return text  # a page left out of the single page (an orphan): no dangling link
        try:
            ref = make_refnode(builder, self.docname, record.docname, None, text)
        except NoUri:  # latex, texinfo: the page is not part of the document
            return text
        if stretched:
            ref["classes"].append("sd-stretched-link")
        return ref

    def in_document(self) -> set[str]:
        """The pages ``singlehtml`` put in its one page."""
        inlined = self.document.findall(addnodes.start_of_file)
        return {self.config.root_doc, *(node["docname"] for node in inlined)}

    def entry(self, kind: str, record: PageRecord, *, html: bool) -> list[nodes.Node]:
        """The texts of one listed page (a card's body, or a list item)."""
        title = nodes.paragraph(
            classes=["sd-card-title", "sd-font-weight-bold", f"dassco-{kind}-title"]
        )
        # a news card is one link; a person's or partner's card has links of its own
        title += self.page_link(record, stretched=html and kind == "news")
        out: list[nodes.Node] = [title]
        if kind == "news":
            if record.date:
                line = nodes.paragraph(classes=["sd-card-text", "dassco-news-date"])
                if record.pre_title:
                    line += nodes.Text(record.pre_title + " · ")
                line += make_date(record.date, self.config.language, self.config)
                out.append(line)
            if record.description:
                out.append(_text(record.description, ["sd-card-text", "dassco-news-teaser"]))
        elif kind == "team":
            if record.job_title:
                out.append(_text(record.job_title, ["sd-card-text", "dassco-team-jobtitle"]))
            if record.email:
                line = nodes.paragraph(classes=["sd-card-text", "dassco-team-email"])
                line += nodes.reference(record.email, record.email, refuri="mailto:" + record.email)
                out.append(line)
        else:
            if record.description:
                out.append(_text(record.description, ["sd-card-text", "dassco-partners-text"]))
            if record.link:
                line = nodes.paragraph(classes=["sd-card-text", "dassco-partners-link"])
                label = str(_("Website"))
                line += nodes.reference(label, label, refuri=record.link)
                out.append(line)
        return out


def outdated_listings(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """On ``env-get-outdated``: pages whose listed folders gained, changed or lost a page."""
    domain = domain_of(env, ListingsDomain)
    touched = set(added) | set(changed) | set(removed)
    if not touched:
        return []
    found = []
    for docname, entries in domain.listings.items():
        if docname in touched or docname not in env.found_docs:
            continue
        for _kind, folder in entries:
            prefix = f"{folder}/" if folder else ""
            if any(d.startswith(prefix) and d != docname for d in touched):
                found.append(docname)
                break
    return sorted(found)


def resolve_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: see :class:`ResolveListings`."""
    ResolveListings(app, doctree, docname).run()


def visit_listing(self: Any, node: listing) -> None:
    """A placeholder left unresolved (never in a finished page): nothing is written."""
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_domain(ListingsDomain)
    for kind in KINDS:
        app.add_directive(kind, ListingDirective)
    skip = (visit_listing, None)
    app.add_node(
        listing,
        override=True,
        html=skip,
        **dict.fromkeys(("latex", "text", "man", "texinfo"), skip),
    )
    app.connect("doctree-resolved", resolve_listings, priority=pipeline.LISTINGS)
    app.connect("env-get-outdated", outdated_listings)
