"""A plain reStructuredText page's cross-references are Sphinx's: dassco-ext adds nothing to them.

The extension wraps the bare-text content of a cross-reference in an ``inline`` only where it
must (its own site links, or a reference with classes or ids Sphinx's resolver would lose);
a docfield's ``:rtype: Time`` stays a link whose content is its text, as Sphinx writes it.
(Sphinx's own test_html5_output, objects.html's link to ``#Time``.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dassco_ext.testing import assert_no_warnings, html_of, new_app

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

PAGE = """\
Objects
=======

.. py:class:: Time(hour)

   :param int hour: The hour.
   :rtype: Time
"""


def _links(tmp_path: Path, extensions: list[str]) -> list[str]:
    srcdir = tmp_path / f"site{len(extensions)}"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(f"extensions = {extensions!r}\nexclude_patterns = ['_build']\n", encoding="utf-8")
    (srcdir / "index.rst").write_text(PAGE, encoding="utf-8")
    app = new_app(srcdir, srcdir / "_build", "html")
    try:
        app.build()
    finally:
        app.cleanup()
    assert_no_warnings(app)
    return [str(link) for link in html_of(app).select('a.reference.internal[href="#Time"]')]


def test_docfield_type_link_is_sphinxs(tmp_path):
    plain = _links(tmp_path, [])
    assert '<a class="reference internal" href="#Time" title="Time">Time</a>' in plain
    assert _links(tmp_path, ["dassco_ext"]) == plain
