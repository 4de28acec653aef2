"""How the imported site looks like the one it replaces: the logo and brand colour of
``_config.yml`` (else of the Sass), the footer the site's own ``_includes/footer.html`` shows
in each language, and what else ``conf.py`` needs for them.

Everything read is data: the colour must be a hex colour, the logo an image of the site, the
footer passes the sanitiser (text, headings and links only) and cannot hold a template tag.
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3
from babel.messages.pofile import read_po

from ..paths import LOCALE_DIR
from .catalogs import Entry
from .importer import State, is_not_found
from .layouts import LayoutRenderer
from .urls import normalized

_HEX_RE = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?")
_SASS_RE = re.compile(r"^\s*\$(?:brand|primary)[\w-]*\s*:\s*(#[0-9a-fA-F]{3,8})\b", re.MULTILINE)
_FOOTER_TAGS = {"div", "section", "p", "h2", "h3", "h4", "h5", "a", "strong", "em", "br", "span"}
_FOOTER_TAGS |= {"ul", "ol", "li", "address"}
_HREF_RE = re.compile(r'href="(/[^"]*)"')

CSS = """/* The old site's look (written by the Jekyll importer: edit freely). */
{primary}.sd-card, .sd-card-body, .sd-card-title {{
  hyphens: auto;  /* long words break where their language breaks them */
  overflow-wrap: break-word;
}}
.site-footer div:has(> div) {{ display: flex; flex-wrap: wrap; gap: 1rem 3rem; }}
.site-footer div:empty {{ display: none; }}
.site-footer h2 {{ font-size: 1.1rem; margin-top: 0; }}
.site-footer a {{ display: block; }}
"""


def _found(data: Any, key: str, depth: int = 0) -> list[Any]:
    """Every value of ``key`` in ``data`` (the config), the outermost first."""
    if not isinstance(data, dict) or depth > 4:
        return []
    found = [data[key]] if key in data else []
    for value in data.values():
        found += _found(value, key, depth + 1)
    return found


def brand_colour(state: State) -> str | None:
    """The primary colour of ``_config.yml`` (``colors: {primary: ...}``), else the first
    ``$primary``/``$brand`` colour of the site's Sass."""
    for colors in _found(state.site.config, "colors"):
        value = colors.get("primary") if isinstance(colors, dict) else None
        if isinstance(value, str) and _HEX_RE.fullmatch(value.strip()):
            return value.strip()
    for rel in state.site.reader.files("_sass"):
        match = _SASS_RE.search(state.site.reader.read_text(rel) or "")
        if match and _HEX_RE.fullmatch(match[1]):
            return match[1]
    return None


def logo(state: State) -> str | None:
    """The navbar logo of ``_config.yml`` (a ``logo`` key), published with the images."""
    for value in _found(state.site.config, "logo"):
        if isinstance(value, str) and value.strip().startswith("/"):
            published = state.images.publish(value.strip())
            if published:
                return published.lstrip("/")
    return None


def footer_html(state: State, renderer: LayoutRenderer, lang: str) -> str | None:
    """The site's own footer in ``lang``: its text, headings and links (site links as
    ``pathto`` of the new pages, the search pages' to gbif.org); no template tag survives."""
    rendered = renderer.include("footer.html", lang)
    if rendered is None:
        return None
    clean = nh3.clean(
        rendered,
        tags=_FOOTER_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    clean = clean.replace("{", "&#123;").replace("}", "&#125;").replace("%", "&#37;")
    table = {**state.twin_links.get(lang, {}), **state.links}

    def link(match: re.Match[str]) -> str:
        key = normalized(html.unescape(match[1]).split("#")[0])
        target = table.get(key or "", "/" + (key or "")) if key is not None else None
        if target is None:
            return match[0]
        if target.startswith("https://"):
            return f'href="{html.escape(target)}"'
        docname = target.strip("/") or "index"
        if docname != "index" and docname not in state.pages:
            return 'href="#"'
        return 'href="{{ pathto(' + repr(docname) + ') }}"'

    text = _HREF_RE.sub(link, clean)
    text = re.sub(r"\n\s*\n+", "\n", text).strip()
    words = html.unescape(re.sub(r"<[^>]*>", " ", text))
    state.report.carried.setdefault(lang, set()).add(" ".join(words.split()))
    return f'<div class="site-footer">\n{text}\n</div>\n' if re.search(r"\w", text) else None


def write_look(state: State, renderer: LayoutRenderer) -> str:
    """The look's files (``_static/site.css``, ``_templates/site-footer.html``) written;
    returns the lines ``conf.py`` needs for them."""
    conf = [
        "",
        "# The old site's look: its logo, brand colour, footer and 404 page.",
        "html_show_sphinx = False",
    ]
    colour = brand_colour(state)
    primary = (
        f'html[data-theme="light"] {{\n  --pst-color-primary: {colour};\n'
        f"  --pst-color-link: {colour};\n}}\n"
        if colour
        else ""
    )
    state.writer.write_text("docs/_static/site.css", CSS.format(primary=primary))
    conf += ['html_static_path = ["_static"]', 'html_css_files = ["site.css"]']
    if colour is None:
        state.report.notes.append(
            "no brand colour in _config.yml or the Sass: the theme's own kept"
        )
    if (image := logo(state)) is not None:
        conf.append(f"html_logo = {image!r}")
    options: dict[str, Any] = {"footer_start": [], "footer_center": [], "footer_end": []}
    footers = {lang: footer_html(state, renderer, lang) for lang in state.languages}
    if (own := footers[state.source]) is not None:
        chosen = "".join(
            f"{{% {'if' if not i else 'elif'} language == {lang!r} %}}\n{text}"
            for i, (lang, text) in enumerate(
                (lang, text) for lang, text in footers.items() if lang != state.source and text
            )
        )
        template = (chosen + "{% else %}\n" + own + "{% endif %}\n") if chosen else own
        state.writer.write_text("docs/_templates/site-footer.html", template)
        conf.append('templates_path = ["_templates"]')
        options["footer_start"] = ["site-footer.html"]
    else:
        state.report.notes.append("no _includes/footer.html: the footer holds nothing")
    conf.append(f"html_theme_options.update({options!r})")
    return "\n".join(conf) + "\n"


def not_found_entries(state: State) -> list[Entry]:
    """The 404 page's words that the package's own catalogs translate ("Page not found",
    "Home"), in each other language, where the site has no translation of its own."""
    page = next((p for p in state.pages.values() if is_not_found(p.source)), None)
    if page is None:
        return []
    texts = [(key, page.front.get(key)) for key in ("title", "preTitle", "description")]
    texts += [("cta", b.get("text")) for b in page.front.get("cta") or [] if isinstance(b, dict)]
    entries = []
    for lang in state.languages[1:]:
        known: dict[str, str] = {}
        for domain in ("sphinx", "dassco"):
            po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
            if po.is_file():
                with po.open("rb") as handle:
                    known |= {
                        m.id: m.string
                        for m in read_po(handle)
                        if isinstance(m.id, str) and isinstance(m.string, str) and not m.fuzzy
                    }
        for key, text in texts:
            if isinstance(text, str) and known.get(text):
                where = (page.source.rel, page.source.line(key))
                entries.append(Entry(lang, page.docname, key, text, known[text], "package", *where))
    return entries
