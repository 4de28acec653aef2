"""The synthetic site the benchmark builds: N pages shaped like DaSSCo's About page.

Each page has the full front matter (hero image, credit, buttons, permalink, lang-ref),
``##``/``###`` sections, Kramdown attribute-list buttons and site-absolute links; a home page
lists them all in a toctree. The same sources are built twice: with ``conf.py`` (dassco-ext)
and with ``plain/conf.py`` (myst-parser, sphinx-design, pydata-sphinx-theme only, front matter
left to MyST). Danish catalogs are made from a real ``gettext`` build of the site, so their
msgids match exactly; see :func:`write_catalogs`.

Everything is deterministic: the same N gives byte-identical files, so runs compare.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: A real hero image of the docs site, shared by every synthetic page.
HERO_IMAGE = REPO / "docs" / "assets" / "images" / "heroes" / "collections.jpg"

#: The probe extension: records which documents Sphinx re-reads (``env-before-read-docs``),
#: so the benchmark takes the count from Sphinx itself rather than from its console output.
PROBE_MODULE = '''\
"""Benchmark probe: write the docnames Sphinx is about to (re-)read to <doctreedir>/reread.json."""

import json
from pathlib import Path


def _record(app, env, docnames):
    Path(app.doctreedir).mkdir(parents=True, exist_ok=True)
    (Path(app.doctreedir) / "reread.json").write_text(json.dumps(sorted(docnames)))


def setup(app):
    app.connect("env-before-read-docs", _record)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

_COMMON_CONF = '''\
import os
import sys

sys.path.insert(0, {probe_dir})

project = "DaSSCo benchmark"
author = "DaSSCo"
copyright = "DaSSCo"
root_doc = "index"
exclude_patterns = ["_build"]
source_suffix = {{".md": "markdown"}}
language = "en"
html_theme = "pydata_sphinx_theme"
html_theme_options = {{
    "navbar_align": "left",
    "show_prev_next": False,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": [],
}}
html_sidebars = {{"**": []}}
html_show_sourcelink = False
html_copy_source = False
'''

#: conf.py of the site as DaSSCo builds it (the same settings as docs/conf.py).
DASSCO_CONF = _COMMON_CONF.format(probe_dir="os.path.dirname(__file__)") + '''
extensions = ["dassco_ext", "_bench_probe"]
locale_dirs = ["../locale"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
dassco_languages = ["en", "da"]
dassco_site_name = "DaSSCo"
'''

#: conf.py of the plain stack: the same pages and catalogs, no dassco_ext; MyST keeps the
#: front matter as metadata, ``{: .button}`` stays text and ``/page`` links stay unresolved (their
#: warnings are silenced so that printing them is not what is measured).
PLAIN_CONF = _COMMON_CONF.format(probe_dir='os.path.join(os.path.dirname(os.path.dirname(__file__)), "src")') + '''
extensions = ["myst_parser", "sphinx_design", "_bench_probe"]
myst_enable_extensions = ["attrs_inline", "attrs_block"]
suppress_warnings = ["myst.header", "myst.xref_missing", "toc.not_included"]
locale_dirs = ["../locale"]
gettext_compact = False
'''

_WORDS = (
    "specimens collections digitisation herbarium insects shells fossils museum national "
    "heritage workflows imaging data access researchers institutions Denmark natural history "
    "infrastructure open sharing software consortium botanical geological zoological archive "
    "surrogates physical handling risk damage future generations ecosystems climate science"
).split()


def _sentence(seed: int, words: int) -> str:
    """A deterministic sentence (a small linear congruential generator picks the words)."""
    state, out = seed * 2654435761 % 2**32 or 1, []
    for _ in range(words):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(_WORDS[state % len(_WORDS)])
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def _paragraph(seed: int, sentences: int = 5) -> str:
    return " ".join(_sentence(seed * 31 + k, 12 + (seed + k) % 9) for k in range(sentences))


def page_name(index: int) -> str:
    return f"page-{index:04d}"


def page_source(index: int, total: int) -> str:
    """One page shaped like ``docs/about.md``, linking to its neighbours by permalink."""
    name = page_name(index)
    following = page_name(index % total + 1)
    previous = page_name((index - 2) % total + 1)
    return f"""---
permalink: {name}
lang-ref: {name}
title: Collection {index}
preTitle: DaSSCo
description: Digitisation of collection {index}, its specimens, workflows and open data.
background: assets/hero.jpg
imageAlt: Drawing of herbarium sheets, pinned insects and shells from collection {index}.
imageLicense: |
  Drawing made for this site by [DaSSCo](https://dassco.dk), *CC BY*.
height: 70vh
brief: {"true" if index == 1 else "false"}
cta:
  - text: Next collection
    href: /{following}
    isPrimary: true
  - text: DiSSCo
    href: https://www.dissco.eu
---

## What is collection {index}?

{_paragraph(index * 10 + 1)} See [the next collection](/{following}) and [the home page](/).

{_paragraph(index * 10 + 2)}

## Why collection {index}?

{_paragraph(index * 10 + 3)}

{_paragraph(index * 10 + 4)} Read [why the previous one matters](/{previous}#why-collection-{(index - 2) % total + 1}).

### Who works on collection {index}?

{_paragraph(index * 10 + 5, 3)}

[Call to action](/{following}){{: .button .is-primary}} [Other action](/{previous}){{: .button}}
"""


def index_source(total: int) -> str:
    """The home page: a hero with buttons and a (hidden) toctree of every page, like docs/index.md."""
    entries = "\n".join(page_name(i) for i in range(1, total + 1))
    return f"""---
title: Danish System of Scientific Collections
preTitle: DaSSCo
description: A national program to digitise all of Denmark's natural history specimens.
background: assets/hero.jpg
imageAlt: Drawing of herbarium sheets, pinned insects and shells from a natural history collection.
height: 60vh
permalink: /
lang-ref: home
cta:
  - text: First collection
    href: /{page_name(1)}
    isPrimary: true
---

## Denmark's natural history, for everyone

{_paragraph(7)}

[First collection](/{page_name(1)}){{: .button .is-primary}} [Last collection](/{page_name(total)}){{: .button}}

```{{toctree}}
:hidden:

{entries}
```
"""


def write_site(root: Path, pages: int) -> Path:
    """Write the sources of an N-page site under ``root/src`` (and ``root/plain/conf.py``).

    Returns ``root``. Anything already there is replaced.
    """
    if root.exists():
        shutil.rmtree(root)
    src = root / "src"
    (src / "assets").mkdir(parents=True)
    shutil.copyfile(HERO_IMAGE, src / "assets" / "hero.jpg")
    (src / "conf.py").write_text(DASSCO_CONF, encoding="utf-8")
    (src / "_bench_probe.py").write_text(PROBE_MODULE, encoding="utf-8")
    (root / "plain").mkdir()
    (root / "plain" / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    (src / "index.md").write_text(index_source(pages), encoding="utf-8")
    for index in range(1, pages + 1):
        (src / f"{page_name(index)}.md").write_text(page_source(index, pages), encoding="utf-8")
    return root


# --- translations ------------------------------------------------------------------------------

#: Spans a translator leaves alone: link targets, attribute lists and roles, code, autolinks.
_PROTECTED_RE = re.compile(r"\]\([^)]*\)|\{[^{}]*\}|`[^`]*`|<[^<>]*>|https?://\S+")
_DANISH = str.maketrans({"a": "å", "o": "ø", "e": "æ", "A": "Å", "O": "Ø", "E": "Æ"})


def translate(msgid: str) -> str:
    """A deterministic "Danish" msgstr: vowels changed outside Markdown link targets,
    attribute lists, code and autolinks, so links and buttons survive translation."""
    pieces, pos = [], 0
    for match in _PROTECTED_RE.finditer(msgid):
        pieces.append(msgid[pos : match.start()].translate(_DANISH))
        pieces.append(match.group())
        pos = match.end()
    pieces.append(msgid[pos:].translate(_DANISH))
    return "".join(pieces)


def extract_messages(root: Path, python: str = sys.executable) -> Path:
    """Run ``sphinx-build -b gettext`` on the site (dassco-ext); the ``.pot`` directory."""
    pot = root / "pot"
    subprocess.run(
        [python, "-m", "sphinx", "-b", "gettext", "-q", "-d", str(root / "build" / "doctrees-gettext"),
         str(root / "src"), str(pot)],
        check=True,
    )
    return pot


def write_catalogs(root: Path, pot_dir: Path, language: str = "da") -> list[Path]:
    """One complete ``.po`` per ``.pot``: every msgid has a :func:`translate`-d msgstr."""
    from babel.messages.pofile import read_po, write_po

    out_dir = root / "locale" / language / "LC_MESSAGES"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for pot in sorted(pot_dir.rglob("*.pot")):
        with pot.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        catalog.fuzzy = False
        for message in catalog:
            if message.id:
                message.string = translate(message.id)
                message.flags.discard("fuzzy")
        target = out_dir / pot.relative_to(pot_dir).with_suffix(".po")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False)
        written.append(target)
    return written


def edit_one_msgstr(po_file: Path, mark: str) -> str:
    """Change the msgstr of the first paragraph-sized message of ``po_file`` (a translator's
    edit); returns the msgid changed. The change is appended, so links stay intact."""
    from babel.messages.pofile import read_po, write_po

    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    message = next(m for m in catalog if m.id and len(str(m.id)) > 200)
    message.string = f"{message.string} ({mark})"
    with po_file.open("wb") as handle:
        write_po(handle, catalog, width=0)
    return str(message.id)


def make_site(root: Path, pages: int, *, languages: tuple[str, ...] = ("da",), python: str = sys.executable) -> Path:
    """The whole synthetic site: sources, plain conf, and complete catalogs per language."""
    write_site(root, pages)
    if languages:
        pot = extract_messages(root, python)
        for language in languages:
            write_catalogs(root, pot, language)
    return root
