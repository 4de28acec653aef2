"""The pages of an import: which Jekyll file becomes which document, its old URLs, and the
pages written (through the one :class:`~.guarded.DestWriter`).
"""

from __future__ import annotations

import dataclasses as dc
import re
import uuid
from pathlib import Path
from typing import Any

import yaml

from ..page.aliases import RESERVED
from .bodies import COMMENT_PREFIX, BodyConverter, Finding
from .guarded import DestWriter, safe_name
from .htmltext import escape, html_to_markdown, with_grids
from .images import ImageStore
from .layouts import LayoutRenderer
from .mapping import FrontMapper
from .portal import gbif_search
from .report import Report
from .site import Document, JekyllSite, read_site
from .urls import (
    answered_by_new_layout,
    collection_url,
    is_widget,
    normalized,
    old_url,
    rewrite_links,
)

#: Where a layout's ``{{ content }}`` stood in its rendering: the page's own body goes there.
CONTENT_MARK = "jekyllimportpagecontent"
#: Collections listed by a directive (CONTRACT-16), and their page kinds.
LISTINGS = {"news": "article", "team": "member", "partners": "partner", "posts": "article"}
#: The directive listing a collection, where it is not the collection's name.
_DIRECTIVES = {"posts": "news"}


def listing_block(collection: str) -> str:
    """The directive that lists the pages of ``collection``'s folder."""
    return f"```{{{_DIRECTIVES.get(collection, collection)}}} {collection}\n```\n"


class ImportError_(Exception):
    """The import cannot start (bad arguments); nothing has been written."""


@dc.dataclass
class Written:
    """One page of ``DEST/docs``: what it came from and its twins in the other languages."""

    docname: str
    kind: str  # page, listing, article, member, partner
    front: dict[str, Any]
    body: str
    source: Document
    twins: dict[str, Document] = dc.field(default_factory=dict)
    twin_bodies: dict[str, str] = dc.field(default_factory=dict)
    #: per language: each line of the twin's converted body -> its line in the Jekyll body
    twin_lines: dict[str, list[int]] = dc.field(default_factory=dict)

    def twin_line(self, lang: str, line: int) -> int:
        """The line in the twin's file of line ``line`` (0-based) of its converted body."""
        lines = self.twin_lines.get(lang, [])
        return self.twins[lang].body_line + (lines[line] if 0 <= line < len(lines) else line)


@dc.dataclass
class MenuItem:
    """An entry of the new site's menu: a page or URL (``target``), or a dropdown of
    ``items``; its label in the other languages."""

    label: str
    target: str | None
    translations: dict[str, str]
    items: list[MenuItem] = dc.field(default_factory=list)


@dc.dataclass
class State:
    site: JekyllSite
    writer: DestWriter
    languages: list[str]
    report: Report
    images: ImageStore
    converter: BodyConverter
    mapper: FrontMapper = dc.field(init=False)
    #: reads the twins' bodies: their images are the source page's, not published again
    twin_converter: BodyConverter = dc.field(init=False)
    pages: dict[str, Written] = dc.field(default_factory=dict)
    #: normalized old path -> the new site path links should use
    links: dict[str, str] = dc.field(default_factory=dict)
    #: per language: normalized old path of a twin -> the source-language old path
    twin_links: dict[str, dict[str, str]] = dc.field(default_factory=dict)
    menu: list[MenuItem] = dc.field(default_factory=list)
    #: normalized old path -> the page keeping it
    claimed: dict[str, str] = dc.field(default_factory=dict)
    planned: set[str] = dc.field(default_factory=set)  # every docname the import will write
    #: normalized old path of a hosted-portal search page -> the same search on gbif.org
    searches: dict[str, str] = dc.field(default_factory=dict)
    #: the comment standing for a grid's fences in a body until it is written (no page's own
    #: text can spell it: it is new for each import)
    grid_mark: str = dc.field(
        default_factory=lambda: f"{COMMENT_PREFIX}grid-{uuid.uuid4().hex[:12]}"
    )

    def __post_init__(self) -> None:
        self.mapper = FrontMapper(self.converter, self.report, self.languages, self.link_for)
        self.twin_converter = BodyConverter(
            lambda path: path.lstrip("/"), self.site.data_value, self.converter.listings
        )

    @property
    def source(self) -> str:
        return self.languages[0]

    def findings(self, doc: Document, found: list[Finding]) -> None:
        for f in found:
            self.report.finding(doc.rel, f.line, f.kind, f.text, f.action)

    def link_for(self, href: str) -> str:
        return rewrite_links(f"]({href})", self.links)[2:-1] if href.startswith("/") else href


def check_paths(site: Path, dest: Path) -> None:
    site, dest = site.resolve(), dest.resolve()
    if not site.is_dir() or (
        not (site / "_config.yml").is_file()
        and not any((site / x).is_dir() for x in ("en", "_news"))
    ):
        raise ImportError_(
            f"{site} does not look like a Jekyll site (no _config.yml, en/ or _news/)"
        )
    if dest == site or dest.is_relative_to(site) or site.is_relative_to(dest):
        raise ImportError_(
            "DEST must be outside SITE (the importer never writes into the site it reads)"
        )
    if dest.exists() and not dest.is_dir():
        raise ImportError_(f"{dest} is not a folder")


def read(site_dir: Path, writer: DestWriter) -> State:
    site = read_site(site_dir)
    languages = site.languages or ["en"]
    report = Report()
    images = ImageStore(site.reader, writer)
    listed = {name: _DIRECTIVES.get(name, name) for name in LISTINGS if site.collections.get(name)}
    converter = BodyConverter(images.publish, site.data_value, listed)
    return State(site, writer, languages, report, images, converter)


# --- planning: which page becomes which document, and the old URLs -----------------------


def report_unread(state: State) -> None:
    """What the importer does not read is listed, never passed over in silence."""
    not_imported = state.report.not_imported
    not_imported += state.site.problems
    why = "no front matter: Jekyll copies it as it is, not a page: not read"
    not_imported += [(name, why) for name in state.site.other_files]
    for collection, docs in state.site.collections.items():
        if collection not in LISTINGS:
            why = f"the collection _{collection} has no equivalent: not read"
            not_imported += [(doc.rel, why) for doc in docs]


def plan_pages(state: State) -> list[tuple[str, dict[str, Document]]]:
    """Twins grouped (:func:`pair_twins`), each group's docname fixed, widgets
    and pages with no source-language twin reported; the link tables filled."""
    site, report, source = state.site, state.report, state.source
    groups: dict[str, dict[str, Document]] = {}
    for lang in state.languages:
        docs = []
        for doc in site.pages.get(lang, []):
            if why := doc.problem or unpublished(doc):
                report.not_imported.append((doc.rel, why))
            else:
                docs.append(doc)
        for doc, key in pair_twins(groups, docs, lang, source, menu_twins(state, lang)):
            if lang in groups.setdefault(key, {}):
                why = f"a second {lang} page with lang-ref {key!r} (the first is {groups[key][lang].rel})"
                report.not_imported.append((doc.rel, why))
                continue
            groups[key][lang] = doc
    planned: list[tuple[str, dict[str, Document]]] = []
    taken: dict[str, str] = {}  # docname -> the file written as it
    for ref, twins in groups.items():
        main = twins.get(source)
        if main is None:
            why = f"no {source} twin to translate it from (lang-ref {ref!r})"
            report.not_imported += [(doc.rel, why) for doc in twins.values()]
            continue
        permalink = main.data.get("permalink")
        permalink = str(permalink) if permalink is not None else None
        widget = is_widget(main.data, permalink)
        search = widget and widget.startswith("a search") and gbif_search(main.data, site.reader)
        if search:  # the Data menu's searches: the same search on gbif.org
            for doc in twins.values():
                if (old := normalized(doc_url(state, doc))) is not None:
                    state.searches[old] = search
                    state.links.setdefault(old, search)
            why = f"{widget}: its old URL leads to the same search on gbif.org"
            report.not_imported += [(doc.rel, why) for doc in twins.values()]
            _twin_table(state, twins, search)
            continue
        if widget:
            why = widget + "; links to it become warnings at build"
            report.not_imported += [(doc.rel, why) for doc in twins.values()]
            _twin_table(state, twins, doc_url(state, main))
            continue
        path = normalized(permalink) if permalink is not None else None
        docname = "index" if path == "" else safe_docname(state, main, path or main.stem)
        if docname in taken:
            wanted, docname = docname, unique(docname, taken)
            report.notes.append(
                f"{main.rel} and {taken[wanted]} both have the path {wanted!r}: "
                f"{taken[wanted]} keeps it, {main.rel} is written as {docname!r}"
            )
        taken[docname] = main.rel
        state.planned.add(docname)
        new_path = "/" if docname == "index" else "/" + docname
        for doc in twins.values():
            if (old := normalized(doc_url(state, doc))) is not None:
                state.links.setdefault(old, new_path)
        _twin_table(state, twins, new_path)
        planned.append((docname, twins))
    return planned


def is_not_found(doc: Document) -> bool:
    """Whether a page is the site's 404 page (Jekyll serves ``/404.html`` for every miss)."""
    return normalized(str(doc.data.get("permalink") or doc.rel)) == "404"


def _lang_ref(doc: Document) -> str | None:
    ref = doc.data.get("lang-ref")
    return str(ref).strip() if isinstance(ref, str | int) and str(ref).strip() else None


def menu_twins(state: State, lang: str) -> dict[str, str]:
    """Pages at the same place in the source's and ``lang``'s menus (when the menus are
    as long): the ``lang`` page's file -> the source page's file."""
    source_items, items = state.site.menu(), state.site.menu(lang)
    if not items or len(items) != len(source_items):
        return {}
    files = {
        normalized(doc_url(state, d)): d.rel for docs in state.site.pages.values() for d in docs
    }
    files.pop(None, None)
    out = {}
    for (_, source_url), (_, url) in zip(source_items, items, strict=True):
        if normalized(url) in files and normalized(source_url) in files:
            out[files[normalized(url)]] = files[normalized(source_url)]
    return out


def pair_twins(
    groups: dict[str, dict[str, Document]],
    docs: list[Document],
    lang: str,
    source: str,
    menu: dict[str, str],
) -> list[tuple[Document, str]]:
    """Each page of ``lang`` with the group it joins, as Jekyll sites pair translations in
    practice: the same ``lang-ref``; else the same file path under each language folder;
    else the one page of the same layout on each side, or the page of the same layout at
    the same place in the menus (``menu``). A page paired by none starts a group of its
    own (its ``lang-ref``, else its file name)."""
    if lang == source:
        return [(doc, _lang_ref(doc) or doc.stem) for doc in docs]
    open_groups = {
        key: twins[source] for key, twins in groups.items() if source in twins and lang not in twins
    }
    paired: list[tuple[Document, str]] = []
    rest = []
    for doc in docs:
        ref = _lang_ref(doc)
        if ref is not None and ref in open_groups:
            paired.append((doc, ref))
            del open_groups[ref]
        else:
            rest.append(doc)
    by_path = {main.rel.removeprefix(f"{source}/"): key for key, main in open_groups.items()}
    unpaired = []
    for doc in rest:
        key = by_path.pop(doc.rel.removeprefix(f"{lang}/"), None)
        if key is not None and key in open_groups:
            paired.append((doc, key))
            del open_groups[key]
        else:
            unpaired.append(doc)

    def layout(doc: Document) -> str:
        return str(doc.data.get("layout") or "")

    leftover = []
    for doc in unpaired:
        same = [
            key for key, main in open_groups.items() if layout(main) and layout(main) == layout(doc)
        ]
        twins = [other for other in unpaired if layout(other) == layout(doc)]
        placed = [key for key in same if open_groups[key].rel == menu.get(doc.rel)]
        if (len(same) == 1 and len(twins) == 1) or placed:
            key = same[0] if len(same) == 1 and len(twins) == 1 else placed[0]
            paired.append((doc, key))
            del open_groups[key]
        else:
            leftover.append((doc, _lang_ref(doc) or doc.stem))
    return paired + leftover


def safe_docname(state: State, doc: Document, path: str) -> str:
    """``path`` as a document name whose every part is a safe file name (reported if changed)."""
    docname = "/".join(safe_name(part) for part in path.split("/"))
    if docname != path:
        state.report.notes.append(
            f"{doc.rel}: {path!r} is not a safe file name: written as {docname!r}"
        )
    return docname


def unique(name: str, taken: dict[str, str] | set[str]) -> str:
    number = 2
    while f"{name}-{number}" in taken:
        number += 1
    return f"{name}-{number}"


def doc_url(state: State, doc: Document) -> str:
    """Where the old site served a page: its ``permalink``, else Jekyll's path for the file
    (``/da/om.html``, or ``/da/om/`` with ``permalink: pretty``)."""
    raw = doc.data.get("permalink")
    if isinstance(raw, str) and raw.strip():
        return old_url(raw)
    path = "/" + doc.rel.rsplit(".", 1)[0]
    if path.endswith("/index"):
        return path[: -len("index")]
    return path + ("/" if state.site.config.get("permalink") == "pretty" else ".html")


def _twin_table(state: State, twins: dict[str, Document], target: str) -> None:
    for lang, doc in twins.items():
        key = normalized(doc_url(state, doc))
        if lang != state.source and key is not None:
            state.twin_links.setdefault(lang, {})[key] = target


def aliases_for(
    state: State, docname: str, urls: dict[str, list[str]]
) -> dict[str, list[str]] | None:
    """The ``aliases`` of a page: old URLs per language, less those the new layout answers."""
    out: dict[str, list[str]] = {}
    for lang, found in urls.items():
        for url in dict.fromkeys(found):
            if why := _no_redirect(state, docname, lang, url):
                state.report.aliases_not_needed.append((docname, lang, f"{url} ({why})"))
            else:
                state.claimed[normalized(url) or ""] = docname
                out.setdefault(lang, []).append(url)
                state.report.aliases.append((docname, lang, url))
    return out or None


def _no_redirect(state: State, docname: str, lang: str, url: str) -> str | None:
    """Why an old URL of a page needs no redirect, if it does not."""
    key = normalized(url)
    if key is None:
        return "not a usable site path: no redirect"
    if answered_by_new_layout(url, docname, lang, state.source):
        return "the new site answers there"
    head, _, rest = key.partition("/")
    if head in RESERVED:
        return "the new site writes its own file there"
    if key in state.claimed:
        return f"also an old URL of {state.claimed[key]}: that page keeps it"
    if not key or (
        head in state.languages
        and (
            not rest
            or f"{rest}/index" in state.planned
            or (rest in state.planned and url.split("#")[0].endswith(".html"))
        )
    ):
        return "a path of the new layout: no redirect"
    return None


# --- the pages ------------------------------------------------------------------------------


def layout_renderer(state: State) -> LayoutRenderer:
    """The Liquid renderer of the site's own layouts, knowing every page's old URL."""
    pages = {doc.rel: doc_url(state, doc) for docs in state.site.pages.values() for doc in docs}
    documents = {}
    for name, docs in state.site.collections.items():
        pattern = state.site.collection_permalink(name)
        for doc in docs:
            url = collection_url(pattern, doc, name) if pattern else ""
            documents[doc.rel] = url
    return LayoutRenderer(state.site, pages, documents, state.converter.listings)


def rendered_body(
    state: State, renderer: LayoutRenderer, doc: Document, *, report: bool
) -> str | None:
    """The page as Jekyll showed it when its layout is the site's own: the layouts rendered
    (the page's body where they say ``{{ content }}``) as Markdown; ``None`` otherwise."""
    rendered = renderer.render(doc, CONTENT_MARK)
    if rendered is None:
        return None
    converted = html_to_markdown(rendered.html, state.grid_mark)
    if report and rendered.problem:
        done = "rendered leniently (what Liquid could not read is left empty)"
        state.report.finding(doc.rel, doc.line("layout"), "layout", rendered.problem, done)
    if report and converted.dropped:
        where = ", ".join(f"_layouts/{name}.html" for name in rendered.layouts)
        what = ", ".join(f"{n} {name}" for name, n in sorted(converted.dropped.items()))
        done = "the layout's own machinery: not carried (the new site's theme has its own)"
        state.report.finding(doc.rel, doc.line("layout"), "layout", f"{where}: {what}", done)
    body = converted.markdown
    title = doc.data.get("title")
    first = body.split("\n\n", 1)
    if isinstance(title, str) and re.fullmatch(r"#+ " + re.escape(escape(title)), first[0]):
        body = first[1] if len(first) > 1 else ""  # the new site's hero shows the title
    if CONTENT_MARK in body:
        body = body.replace(CONTENT_MARK, doc.body.strip())
    return body


def page_body(
    state: State, renderer: LayoutRenderer, doc: Document, converter: BodyConverter
) -> tuple[str, list[Finding], list[int], bool]:
    """A page's body as MyST (its rendered layout's, else its own), what was found, each
    line's line in the file (from the body), and whether it came from the layout (then
    placed at the page's ``layout`` line). The source language's layout is reported."""
    rendered = rendered_body(state, renderer, doc, report=converter is state.converter)
    text = doc.body if rendered is None else rendered
    body, found = converter.convert(text, doc.body_line, doc_url(state, doc))
    lines = converter.line_origin
    if rendered is not None:
        found = [dc.replace(f, line=doc.line("layout")) for f in found]
        lines = [doc.line("layout") - doc.body_line] * len(lines)
    return body, found, lines, rendered is not None


def write_twins(state: State, planned: list[tuple[str, dict[str, Document]]]) -> None:
    renderer = layout_renderer(state)
    for docname, twins in planned:
        main = twins[state.source]
        front = state.mapper.page(main)
        body, found, _, from_layout = page_body(state, renderer, main, state.converter)
        state.findings(main, found)
        body = rewrite_links(body, state.links)
        layout = str(main.data.get("layout") or "")
        kind = "page"
        if layout in LISTINGS or (layout and not body.strip() and docname in LISTINGS):
            kind = "listing"
            if not from_layout:
                body = (body + "\n" if body.strip() else "") + listing_block(layout)
        elif not body.strip() and layout and not is_not_found(main):
            done = (
                "its content lived in the layout (not imported): the page has only its front matter"
            )
            state.report.finding(main.rel, main.body_line, "layout-only", f"layout: {layout}", done)
        written = Written(docname, kind, front, body, main)
        urls: dict[str, list[str]] = {}
        for lang, doc in twins.items():
            urls.setdefault(lang, []).append(doc_url(state, doc))
            if lang != state.source:
                written.twins[lang] = doc
                table = {**state.twin_links.get(lang, {}), **state.links}
                twin_body, twin_found, lines, _ = page_body(
                    state, renderer, doc, state.twin_converter
                )
                written.twin_lines[lang] = lines
                state.findings(doc, [f for f in twin_found if f.kind != "image"])
                twin_body = rewrite_links(twin_body, table)
                written.twin_bodies[lang] = rewrite_links(twin_body, state.links)
        front["permalink"] = _permalink_value(main.data.get("permalink"), docname)
        front["lang-ref"] = str(main.data.get("lang-ref") or docname)
        if (aliases := aliases_for(state, docname, urls)) is not None:
            front["aliases"] = aliases
        state.pages[docname] = written


def _permalink_value(raw: Any, docname: str) -> str:
    path = normalized(str(raw)) if raw is not None else None
    if path is None:
        return "/" if docname == "index" else docname
    return "/" if path == "" else path


def write_collections(state: State) -> None:
    """``_news``, ``_team``, ``_partners``: one orphan page each, listed by a directive."""
    for collection, kind in LISTINGS.items():
        for doc in state.site.collections.get(collection, []):
            why = doc.problem or unpublished(doc) or other_language(state, doc, collection)
            if why:
                state.report.not_imported.append((doc.rel, why))
                continue
            docname = f"{collection}/{doc.slug}"
            if docname in state.pages:
                why = f"{docname!r} is already taken by {state.pages[docname].source.rel}"
                state.report.not_imported.append((doc.rel, why))
                continue
            front: dict[str, Any] = {"orphan": True, **getattr(state.mapper, kind)(doc)}
            urls = article_urls(state, doc, collection) if kind == "article" else []
            if kind != "article" and doc.body.strip():
                why = "a team/partner body: kept as the page's text"
                state.report.finding(doc.rel, doc.body_line, "body", doc.body.strip()[:80], why)
            base = old_url(urls[0]) if urls else f"/{collection}/{doc.slug}"
            body, found = state.converter.convert(doc.body, doc.body_line, base)
            state.findings(doc, found)
            body = rewrite_links(body, state.links)
            if (aliases := aliases_for(state, docname, {state.source: urls})) is not None:
                front["aliases"] = aliases[state.source]
            state.pages[docname] = Written(docname, kind, front, body, doc)


def unpublished(doc: Document) -> str | None:
    """Why Jekyll does not publish a document (``published: false``), if it does not."""
    if doc.data.get("published") is False:
        return "published: false (Jekyll does not publish it)"
    return None


def other_language(state: State, doc: Document, collection: str) -> str | None:
    """Why a collection's document is not imported: it is in another language (documents
    are not paired as twins)."""
    lang = doc.data.get("lang") or state.site.defaults(doc.rel, collection).get("lang")
    if isinstance(lang, str) and lang != state.source and lang in state.languages:
        return f"a document in {lang} (the documents of _{collection} are not paired as twins)"
    return None


def article_urls(state: State, doc: Document, collection: str) -> list[str]:
    """Where the old site served an article: its permalink (Jekyll's pattern filled in),
    and a site path its ``link`` gives."""
    urls = []
    if pattern := state.site.document_permalink(collection, doc):
        urls.append(collection_url(pattern, doc, collection))
    if isinstance(doc.data.get("link"), str) and doc.data["link"].strip().startswith("/"):
        urls.append(doc.data["link"].strip())
    return urls


def plan_articles(state: State) -> None:
    """The old URLs of the articles lead to their new pages (links in bodies are rewritten)."""
    for collection, kind in LISTINGS.items():
        docs = [d for d in state.site.collections.get(collection, []) if not unpublished(d)]
        state.planned |= {f"{collection}/{doc.slug}" for doc in docs}
        for doc in docs if kind == "article" else []:
            for url in article_urls(state, doc, collection):
                if (old := normalized(url)) is not None:
                    state.links.setdefault(old, f"/{collection}/{doc.slug}")


def ensure_listings_and_index(state: State) -> None:
    """A listing page for each collection that has pages and none; a home page; the menu as
    the home page's hidden toctree; pages outside the menu are orphans."""
    listed = {p.front.get("layout") for p in state.pages.values() if p.kind == "listing"}
    listed |= {
        name
        for name in LISTINGS
        for p in state.pages.values()
        if listing_block(name) in p.body  # a layout's listing of it
    }
    for collection in LISTINGS:
        written = any(p.docname.startswith(f"{collection}/") for p in state.pages.values())
        if written and collection not in listed:
            docname = collection if collection not in state.pages else f"{collection}-list"
            title = collection.capitalize()
            front = {"title": title, "lang-ref": collection}
            body = listing_block(collection)
            state.pages[docname] = Written(
                docname, "listing", front, body, Document(collection, {}, {}, "", 1)
            )
            state.report.notes.append(
                f"no page listed _{collection}: {docname}.md was written for it (title {title!r})"
            )
    if "index" not in state.pages:
        title = str(state.site.config.get("title") or "Home")
        state.pages["index"] = Written(
            "index",
            "page",
            {"title": title, "lang-ref": "home"},
            "",
            Document("_config.yml", {}, {}, "", 1),
        )
        state.report.notes.append(
            "the site had no home page (permalink /): index.md was written for it"
        )
    in_menu = {i.target for item in state.menu for i in (item, *item.items)}
    for page in state.pages.values():
        if (
            page.docname != "index"
            and page.docname not in in_menu
            and page.kind not in ("article", "member", "partner")
        ):
            page.front = {"orphan": True, **page.front}
    home = state.pages["index"]
    if state.menu:
        home.body = home.body.rstrip("\n") + ("\n\n" if home.body.strip() else "")
        home.body += "\n".join(menu_toctrees(state.menu))


def menu_toctrees(menu: list[MenuItem]) -> list[str]:
    """The menu as hidden toctrees: links side by side in one, each dropdown one of its own
    with its label as the caption."""
    toctrees: list[str] = []
    links: list[str] = []
    for item in [*menu, None]:
        if links and (item is None or item.items):
            toctrees.append("```{toctree}\n:hidden:\n\n" + "\n".join(links) + "\n```\n")
            links = []
        if item is not None and item.items:
            entries = "\n".join(f"{i.label} <{i.target}>" for i in item.items)
            toctrees.append(f"```{{toctree}}\n:hidden:\n:caption: {item.label}\n\n{entries}\n```\n")
        elif item is not None:
            links.append(f"{item.label} <{item.target}>")
    return toctrees


# --- writing --------------------------------------------------------------------------------


def write_pages(state: State) -> None:
    for page in state.pages.values():
        front = yaml.safe_dump(page.front, sort_keys=False, allow_unicode=True, width=10_000)
        body = with_grids(page.body, state.grid_mark)
        state.writer.write_text(f"docs/{page.docname}.md", f"---\n{front}---\n\n{body}")
        state.report.pages.append((page.kind, page.docname, page.source.rel))
        for lang, doc in page.twins.items():
            state.report.pages.append(("twin", f"{page.docname} ({lang})", doc.rel))
