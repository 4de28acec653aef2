"""One URL rule for every link a page writes, whatever wrote it (Markdown, MyST and
sphinx-design roles and directives, reStructuredText, front matter, raw HTML), in every
output: the site's HTML and the brief's PDF link actions."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dassco_ext.page.urlrule import without_unsafe_urls
from dassco_ext.testing import build_site, expect_warnings, html_of, main_of

ALLOWED = ("http", "https", "mailto", "tel")

PAGE = """\
---
title: Links
imageLicense: "Photo, {bdg-link-primary}`licence <JavaScript:alert(1)>`"
brief: true
---

A role {bdg-link-primary}`badge <javascript:alert(2)>` and a fine [link](https://example.org).

```{button-link} vbscript:msgbox(3)
Button
```

```{eval-rst}
A reST `link <data:text/html,four>`_ here.
```

<p>Raw <a href="jav&#x61;script:alert(5)" class="x">five</a> and <a href=" https://example.org/ok">ok</a>.</p>

<iframe src="data:text/html,six"></iframe><form action=" javascript:alert(7)"><button formaction="file:///etc/passwd">8</button></form>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    (src / "conf.py").write_text(
        'extensions = ["dassco_ext"]\nproject = "Links"\nhtml_baseurl = "https://example.org/"\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(PAGE, encoding="utf-8")
    return src


def _refused(app) -> None:
    # one warning per refused link, each at its page (front matter at its key's line)
    found = expect_warnings(app, *[("dassco.unsafe_url", f"index.md:{line}") for line in
                                   (3, 7, 9, 14, 17, 19, 19, 19)])
    assert all("is not allowed" in w.message for w in found)


def test_every_syntax_and_raw_html_in_the_site(site, tmp_path):
    app = build_site(site, tmp_path / "html", "html")
    _refused(app)
    page = main_of(html_of(app, "index"))
    hrefs = [a.get("href") for a in page.select("[href]")]
    assert "https://example.org" in hrefs and " https://example.org/ok" in hrefs
    for node in page.select("[href], [src], [action], [formaction]"):
        for name in ("href", "src", "action", "formaction"):
            value = re.sub(r"[\x00-\x20]", "", node.get(name) or "").lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:", "file:")), node
    text = " ".join(page.get_text().split())
    assert "badge" in text and "Button" in text and "five" in text  # the words are kept
    assert Path(app.outdir, "index.html").read_text(encoding="utf-8").lower().count("javascript:") == 0


def test_every_syntax_and_raw_html_in_the_brief(site, tmp_path):
    from pypdf import PdfReader

    app = build_site(site, tmp_path / "brief", "brief")
    _refused(app)
    (pdf,) = Path(app.outdir).rglob("*.pdf")
    uris = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris and all(uri.startswith(("https://", "http://")) for uri in uris), uris


# --- raw HTML, any spelling -----------------------------------------------------------------

SCHEMES = st.sampled_from(["javascript", "vbscript", "data", "file", "https", "mailto", "ftp"])


@st.composite
def spelled(draw) -> str:
    """A URL with its scheme spelled as a browser still reads it: any case, entities, leading
    spaces and controls, tabs or newlines inside."""
    scheme = draw(SCHEMES)
    letters = []
    for char in scheme:
        char = char.upper() if draw(st.booleans()) else char
        form = draw(st.sampled_from(["plain", "dec", "hex", "tab"]))
        letters.append({"plain": char, "dec": f"&#{ord(char)};", "hex": f"&#x{ord(char):x};",
                        "tab": char + "&#9;"}[form])
    lead = draw(st.sampled_from(["", " ", "\n", "&#1;", "\t "]))
    return lead + "".join(letters) + draw(st.sampled_from([":", "&colon;", "&#58;"])) + "x(1)"


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in ("href", "action", "formaction", "xlink:href", "ping")
                          or (tag in ("iframe", "embed", "object", "frame") and name in ("src", "data"))):
                self.urls.append(value)


def _scheme(url: str) -> str | None:
    match = re.match(r"([a-z][a-z0-9+.\-]*):", re.sub(r"[\x00-\x20\x7f]", "", url).lower())
    return match[1] if match else None


@settings(max_examples=200, deadline=None)
@given(
    tag=st.sampled_from(["a", "area", "form", "button", "iframe", "embed", "object", "svg:a", "img"]),
    attribute=st.sampled_from(["href", "HREF", "action", "formaction", "src", "data", "xlink:href"]),
    url=spelled(),
    quote=st.sampled_from(['"', "'", ""]),
    tail=st.sampled_from(["", " class=x", " onclick=''"]),
)
def test_raw_html_keeps_no_refused_url_in_any_spelling(tag, attribute, url, quote, tail):
    if not quote:
        url = url.replace(" ", "&#32;").replace("\n", "&#10;").replace("\t", "&#9;")
    fragment = f"<p>before <{tag} {attribute}={quote}{url}{quote}{tail}>text</{tag}> after</p>"
    out, refused = without_unsafe_urls(fragment, ALLOWED)
    parsed = _Urls()
    parsed.feed(out)
    for found in parsed.urls:
        assert _scheme(found) in (None, *ALLOWED), (fragment, out)
    assert "before" in out and "text" in out and "after" in out
    if not refused:
        assert out == fragment  # nothing refused: written exactly as it was
    else:
        assert all(_scheme(html.unescape(u)) not in ALLOWED for u in refused)
