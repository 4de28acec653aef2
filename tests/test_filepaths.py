"""Paths a page names that can never be a file (a name longer than the system allows): the
link becomes its text with one located ``dassco.path`` warning, never a traceback."""

from __future__ import annotations

import posixpath

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from dassco_ext.page.filepaths import drop_impossible_links, path_fault
from dassco_ext.testing import html_of, main_of, warnings_of

SRCDIR = "/srv/site"
MD = create_md_parser(MdParserConfig(), RendererHTML)
SCHEMES = ("http", "https", "mailto", "ftp")

#: One path segment, around the longest name a file may have, in any spelling MyST decodes.
_char = st.sampled_from(["a", "é", "%61", "%C3%A9", "&#97;", "\\_", "ж", "-", "."])
segment = st.one_of(
    st.lists(_char, min_size=1, max_size=8), st.lists(_char, min_size=200, max_size=300)
).map("".join)
many = st.integers(1000, 1500).map(lambda n: "/".join(["ab"] * n))  # 3000-4500 bytes in all
destination = st.one_of(st.lists(segment, min_size=1, max_size=4).map("/".join), many).flatmap(
    lambda path: st.sampled_from([path, "/" + path, f"<{path}>", path + "#x", f"x:{path}"])
)
link = st.tuples(st.sampled_from(["[", "![", "[see *it* ", "[![i](a.png) ", "\\[", "\\\\[", "\\!["]), destination).map(
    lambda parts: f"{parts[0]}text]({parts[1]})"
)
definition = destination.map(lambda dest: f"[text]\n\n[text]: {dest}\n")
page_text = st.lists(st.one_of(link, definition, st.just("plain words")), max_size=4).map(
    "\n\n".join
)


def _targets(text: str) -> list[str]:
    """Every link and image target MyST reads in ``text``, as it looks the file up."""
    found = []
    for token in MD.parse(text):
        for child in [*(token.children or []), *(c for t in token.children or [] for c in t.children or [])]:
            target = child.attrs.get("href") or child.attrs.get("src")
            if target:
                found.append(MD.normalizeLinkText(str(target)))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=page_text)
def test_no_target_left_that_the_file_system_refuses(text):
    kept = drop_impossible_links(text, SRCDIR, "sub/page", SCHEMES, 1)
    assert kept.count("\n") == text.count("\n")
    for target in _targets(kept):
        path = target.split("#", 1)[0]
        folder = SRCDIR if path.startswith("/") else posixpath.join(SRCDIR, "sub")
        assert path_fault(posixpath.join(folder, path.lstrip("/"))) is None, target
    for target in _targets(text):  # what could be a file is kept as it was written
        path = target.split("#", 1)[0]
        if path_fault(posixpath.join(SRCDIR, "sub", path.lstrip("/"))) is None and len(path) < 200:
            assert target in _targets(kept)


def test_long_names_in_a_page_are_warnings_not_a_traceback(make_app, tmp_path):
    long = "a" * 300
    (tmp_path / "conf.py").write_text('extensions = ["dassco_ext"]\n', encoding="utf-8")
    (tmp_path / "index.md").write_text(
        f"---\ntitle: Home\n---\n\n[Relative]({long})\n\n[Absolute](/{long}/x)\n\n"
        f"![Alt text](%61{long}.png)\n\n[Defined]\n\n[defined]: /{long}\n\n"
        f'<img src="/{long}.png" alt="raw">\n\n[Good](index.md)\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    found = sorted((w.type, w.file, w.line) for w in warnings_of(app))
    assert found == [
        ("dassco.image", "index.md", 15),
        ("dassco.path", "index.md", 5),
        ("dassco.path", "index.md", 7),
        ("dassco.path", "index.md", 9),
        ("dassco.path", "index.md", 13),
    ]
    main = main_of(html_of(app))
    text = main.get_text()
    assert "Relative" in text and "Absolute" in text and "Alt text" in text
    assert [a.get_text() for a in main.select("p a")] == ["Good"]
    assert "aaaa" not in str(main).replace('src="/' + long, "")  # only the raw HTML, as written


def test_a_long_name_in_an_image_credit_is_its_text(make_app, tmp_path):
    from PIL import Image

    Image.new("RGB", (64, 48)).save(tmp_path / "hero.jpg")
    long = "é" * 200  # 400 bytes
    (tmp_path / "conf.py").write_text('extensions = ["dassco_ext"]\n', encoding="utf-8")
    (tmp_path / "index.md").write_text(
        f'---\ntitle: Home\nbackground: /hero.jpg\nimageAlt: A photo\nimageLicense: "[CC BY]({long}) by us"\n---\n\nText.\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert [(w.type, w.file, w.line) for w in warnings_of(app)] == [("dassco.path", "index.md", 5)]
    credit = html_of(app).select_one(".dassco-hero-credit")
    assert "CC BY by us" in credit.get_text() and not credit.select("a")


def test_an_included_file_is_guarded_too(make_app, tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["dassco_ext"]\nexclude_patterns = ["inc.md"]\n',
                                      encoding="utf-8")
    (tmp_path / "index.md").write_text("---\ntitle: Home\n---\n\n```{include} inc.md\n```\n", encoding="utf-8")
    (tmp_path / "inc.md").write_text("Words.\n\n[Far](" + "x/" * 2100 + "y)\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert [(w.type, w.file, w.line) for w in warnings_of(app)] == [("dassco.path", "inc.md", 3)]
    assert "Far" in main_of(html_of(app)).get_text()
