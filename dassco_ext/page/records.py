"""Page records (front matter, texts as shown, images) in the ``dassco`` domain, which Sphinx
purges and merges like any domain; permalink and lang-ref conflicts reported.
"""

from __future__ import annotations

import dataclasses as dc
from collections import defaultdict
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode

from .. import pipeline
from ..warnings_ import DasscoWarnings, error
from .frontmatter import KEYS, FrontMatter, normalize_permalink

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


#: Locations a record names by the line of a front-matter key.
_LINES = {
    "lang_ref_line": "lang-ref",
    "permalink_line": "permalink",
    "image_line": "background",
    "aliases_line": "aliases",
}


_D = TypeVar("_D", bound=Domain)


def domain_of(env: BuildEnvironment, cls: type[_D]) -> _D:
    """This build's instance of one of the package's domains."""
    return cast(_D, env.domains[cls.name])


@dc.dataclass(frozen=True)
class PageRecord:
    """One page's validated front matter, its texts as the page shows them (translated), read
    as attributes (``record.title``; ``record.permalink_line``: the line of ``permalink``)."""

    docname: str
    lang_ref: str
    front_matter: FrontMatter = dc.field(default_factory=lambda: FrontMatter(source=""))
    image: str | None = None  #: the hero image
    card_image: str | None = None  #: the photo or logo (``image``), else the hero image

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "front_matter":
            raise AttributeError(name)
        if name in _LINES:
            return self.front_matter.line(_LINES[name])
        return getattr(self.front_matter, name)


class PagesDomain(Domain):
    """The ``dassco`` domain: no directives or roles, only per-page records."""

    name = "dassco"
    label = "DaSSCo pages"
    initial_data: ClassVar[dict[str, Any]] = {"pages": {}}
    data_version = 3

    @property
    def pages(self) -> dict[str, PageRecord]:
        return self.data["pages"]

    #: ``permalinks()`` of the records as they are (every change of a record resets it).
    _permalinks: dict[str, str] | None = None

    def clear_doc(self, docname: str) -> None:
        self.pages.pop(docname, None)
        self._permalinks = None

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        for docname, record in otherdata["pages"].items():
            if docname in docnames:
                self.add_page(record)

    def add_page(self, record: PageRecord) -> None:
        self.pages[record.docname] = record
        self._permalinks = None

    def record(self, docname: str) -> PageRecord:
        """The page's record; pages without front matter are identified by their docname."""
        return self.pages.get(docname) or PageRecord(docname=docname, lang_ref=docname)

    def title(self, docname: str) -> str:
        """The page's title as shown (translated), else the one Sphinx found, else its name."""
        titles = self.env.titles
        return self.record(docname).title or (
            titles[docname].astext() if docname in titles else docname
        )

    def permalinks(self) -> dict[str, str]:
        """``permalink -> docname`` (first page wins; conflicts are reported on consistency check),
        computed once per change of the records: every site link looks its path up here."""
        if self._permalinks is None:
            self._permalinks = {}
            for docname in sorted(self.pages):
                if (permalink := self.pages[docname].permalink) is not None:
                    self._permalinks.setdefault(permalink, docname)
        return self._permalinks

    def find_page(self, path: str) -> str | None:
        """The docname a site-absolute path (``/data``, ``/about/``, ``/``) leads to."""
        normal = normalize_permalink(path)
        if normal is None:
            return None
        table = self.permalinks()
        if normal in table:
            return table[normal]
        if normal == "":
            return self.env.config.root_doc
        for candidate in (normal, f"{normal}/index"):
            if candidate in self.env.found_docs:
                return candidate
        return None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        """Resolve a ``dassco:page`` site path, keeping the link's classes (buttons)."""
        path, _sep, anchor = target.partition("#")
        docname = self.find_page(path)
        if docname is None:
            return None
        refnode = make_refnode(builder, fromdocname, docname, anchor or None, contnode)
        classes: list[str] = node.get("classes", [])
        refnode["classes"].extend(c for c in classes if c not in refnode["classes"])
        return refnode

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []


def record_page(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: store the page's front matter in the domain, with its texts as the
    page shows them (the first node made from each text key) and its images."""
    env = app.env
    fm: FrontMatter | None = env.temp_data.get(pipeline.FRONT_MATTER_DATA)
    if fm is None:
        return
    shown: dict[str, Any] = {}
    for node in doctree.findall(nodes.Element):
        field = KEYS.get(node.get(pipeline.FRONT_MATTER_KEY, ""))
        if field and field.metadata["per_language"] and field.name not in ("image_license", *shown):
            shown[field.name] = node["alt"] if isinstance(node, nodes.image) else node.astext()
    images: dict[str, str] = {}
    for image in doctree.findall(nodes.image):
        for css in {pipeline.HERO_IMAGE_CLASS, "dassco-page-photo"} & set(image["classes"]):
            images.setdefault(css, image["uri"])
    domain = domain_of(env, PagesDomain)
    hero_image = images.get(pipeline.HERO_IMAGE_CLASS)
    domain.add_page(
        PageRecord(
            docname=env.docname,
            lang_ref=(fm.lang_ref or "").strip() or env.docname,
            front_matter=dc.replace(fm, data={}, translations={}, **shown),
            image=hero_image,
            card_image=images.get("dassco-page-photo", hero_image),
        )
    )


def check_conflicts(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-check-consistency``: one error per permalink, lang-ref or output file that two
    pages claim."""
    domain = domain_of(env, PagesDomain)
    claims: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    refs: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for docname, record in sorted(domain.pages.items()):
        if record.permalink is not None:
            claims[record.permalink].append((docname, record.permalink_line))
        refs[record.lang_ref].append((docname, record.lang_ref_line))
    for docname in sorted(env.found_docs):
        own = normalize_permalink(docname) or ""
        if own in claims and all(d != docname for d, _line in claims[own]):
            claims[own].insert(0, (docname, None))
        if docname not in domain.pages and docname in refs:
            refs[docname].insert(0, (docname, None))
    _report(env, claims, DasscoWarnings.PERMALINK, "permalink")
    _report(env, refs, DasscoWarnings.LANG_REF, "lang-ref")
    _report_shared_outputs(app, env)


def _report_shared_outputs(app: Sphinx, env: BuildEnvironment) -> None:
    """One error per output file two pages would write (``about.md`` and ``about/index.md``
    under ``dirhtml``; ``About.md`` and ``about.md`` on a file system that ignores case)."""
    builder = app.builder
    if builder is None or builder.format != "html" or builder.name in ("singlehtml", "brief"):
        return
    owners: dict[str, list[str]] = defaultdict(list)
    for docname in sorted(env.found_docs):
        owners[(builder.get_target_uri(docname).rstrip("/") or "index").lower()].append(docname)
    for uri, docnames in sorted(owners.items()):
        if len(docnames) > 1:
            files = [str(env.doc2path(d, False)) for d in docnames]
            error(
                DasscoWarnings.COLLISION,
                f"{' and '.join(files)} would be written to one output file ({uri}); "
                "rename one of them",
                (docnames[-1], None),
            )


def _report(
    env: BuildEnvironment,
    table: dict[str, list[tuple[str, int | None]]],
    kind: DasscoWarnings,
    what: str,
) -> None:
    for value, owners in sorted(table.items()):
        if len(owners) < 2:
            continue
        files = [str(env.doc2path(d, False)) for d, _line in owners]
        first_doc, first_line = owners[-1]
        error(
            kind,
            f"{what} {value!r} is used by {len(owners)} pages: {' and '.join(files)}; "
            "give each page its own",
            (first_doc, first_line),
        )


def setup(app: Sphinx) -> None:
    app.add_domain(PagesDomain)
    app.connect("doctree-read", record_page)
    app.connect("env-check-consistency", check_conflicts)
