"""A Markdown page's front matter, read on ``source-read`` before MyST parses the page.

It is validated once (:mod:`.frontmatter`) and kept for the page's transforms; MyST gets only
the page options it may take, and the title as an escaped H1 (text, never markup).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..config import get_config
from ..pipeline import FRONT_MATTER_DATA
from ..warnings_ import DasscoWarnings, warn
from .filepaths import drop_impossible_links
from .frontmatter import SPHINX_KEYS, FrontMatter, read_front_matter, title_from_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: ``env.temp_data`` key: the :class:`FrontMatter` whose title the page's H1 is (the
#: fallback title of a page whose front matter is unreadable included).
PAGE_TITLE = "dassco_page_title"
#: The MyST options a page may set in its front matter (``myst:``): presentation of the page
#: itself only. Anything else (``enable_extensions``, ``substitutions``, ``url_schemes``...)
#: is ignored with one ``dassco.myst_option`` warning.
MYST_PAGE_OPTIONS = frozenset(
    {"heading_anchors", "heading_anchors_html_ids", "number_code_blocks", "footnote_sort"}
    | {"footnote_transition", "links_external_new_tab", "all_links_external", "linkify_fuzzy_links"}
    | {"enable_checkboxes", "strikethrough_single_tilde", "colon_fence_exact_match"}
    | {"highlight_code_blocks", "words_per_minute", "dmath_allow_labels", "dmath_allow_space"}
    | {"dmath_allow_digits", "dmath_double_inline", "html_meta"}
)
#: ``html_meta`` keys that would make the page act (refresh, cookies) rather than describe it.
_REFUSED_META_RE = re.compile(r"\s*http-equiv\b", re.IGNORECASE)
_PUNCTUATION_RE = re.compile(r"([!-/:-@\[-`{-~])")


def myst_options(fm: FrontMatter) -> dict[str, Any]:
    """What MyST and Sphinx may read of a page's front matter; one warning per refused option."""
    data, location = fm.data, fm.location("myst" if "myst" in fm.data else "substitutions")
    allowed: dict[str, Any] = {
        key: data[key] for key in SPHINX_KEYS if isinstance(data.get(key), str | int | float)
    }
    myst = data.get("myst")
    if isinstance(myst, dict):
        for name in (name for name in myst if name not in MYST_PAGE_OPTIONS):
            warn(
                DasscoWarnings.MYST_OPTION,
                f"front matter 'myst: {name}' cannot be set on a page (allowed: "
                f"{', '.join(sorted(MYST_PAGE_OPTIONS))}); it is ignored",
                location,
            )
        allowed["myst"] = {name: value for name, value in myst.items() if name in MYST_PAGE_OPTIONS}
    elif myst is not None:
        allowed["myst"] = myst  # MyST reports that it is not a mapping
    if "substitutions" in data:
        warn(
            DasscoWarnings.MYST_OPTION,
            "front matter 'substitutions' cannot be set on a page "
            "(they run templates); it is ignored",
            location,
        )
    if "html_meta" in data:
        allowed["html_meta"] = data["html_meta"]
    for holder in [h for h in (allowed, allowed.get("myst")) if isinstance(h, dict)]:
        meta = holder.get("html_meta")
        if isinstance(meta, dict):
            for name in (str(k) for k in meta if _REFUSED_META_RE.match(str(k))):
                warn(
                    DasscoWarnings.MYST_OPTION,
                    f"front matter 'html_meta' {name!r} would make the page act, "
                    "not describe it; it is ignored",
                    location,
                )
            holder["html_meta"] = {
                k: v for k, v in meta.items() if not _REFUSED_META_RE.match(str(k))
            }
    return allowed


def _front_matter_end(lines: list[str]) -> int | None:
    """The index of the line closing the front matter (MyST's reading), if there is one."""
    if not lines or not lines[0].startswith("---"):
        return None
    return next((n for n, line in enumerate(lines[1:], 1) if line.startswith(("---", "..."))), None)


def read_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """On ``source-read``: validate a Markdown page's front matter and rewrite it for MyST."""
    env = app.env
    path = Path(env.doc2path(docname))
    if app.config.source_suffix.get(path.suffix) != "markdown":
        return
    lines = source[0].splitlines(keepends=True)
    end = _front_matter_end(lines)
    body = 0 if end is None else end + 1
    guarded = drop_impossible_links(
        "".join(lines[body:]), str(app.srcdir), docname, app.config.myst_url_schemes, body + 1
    )
    lines[body:] = guarded.splitlines(keepends=True)
    source[0] = "".join(lines)
    if end is None:
        return
    languages = tuple(get_config(app.config).languages) or ("en",)
    text = "".join(lines[1:end])
    text = (
        text[:-2] if text.endswith("\r\n") else text.removesuffix("\n")
    )  # as MyST's token holds it
    fm = read_front_matter(
        text, source=str(path), docname=docname, first_line=2, languages=languages
    )
    options: dict[str, Any] = {}
    if fm is None:  # unreadable: warned; the page still gets a title (its ## headings nest)
        fm = FrontMatter(source=str(path), title=title_from_docname(docname), lines={"title": 1})
    else:
        env.temp_data[FRONT_MATTER_DATA] = fm
        options = myst_options(fm)
        if fm.title is None and fm.has_hero_keys:
            warn(
                DasscoWarnings.HERO_KEYS,
                "front matter has hero keys but no 'title'; add a title to get a hero header",
                fm.location(""),
            )
    block = []
    if options:
        flow = yaml.safe_dump(
            options, default_flow_style=True, width=float("inf"), allow_unicode=True
        )
        block = ["---\n", flow.replace("\n", " ").strip() + "\n", "---\n"]
    if fm.title is not None:
        env.temp_data[PAGE_TITLE] = fm
        block.append("# " + _PUNCTUATION_RE.sub(r"\\\1", " ".join(fm.title.split())) + "\n")
    while len(block) > end + 1 and end + 1 < len(lines) and not lines[end + 1].strip():
        end += 1  # a one-line front matter: the blank line after it holds the title
    source[0] = "".join(block + ["\n"] * (end + 1 - len(block)) + lines[end + 1 :])


def read_include(app: Sphinx, path: Path, docname: str, source: list[str]) -> None:
    """On ``include-read``: an included Markdown file's links guarded as a page's are."""
    if app.config.source_suffix.get(path.suffix) == "markdown":
        source[0] = drop_impossible_links(
            source[0],
            str(app.srcdir),
            docname,
            app.config.myst_url_schemes,
            1,
            str(app.srcdir / path),
        )


def setup(app: Sphinx) -> None:
    app.connect("source-read", read_page)
    app.connect("include-read", read_include, priority=600)  # once decoded
