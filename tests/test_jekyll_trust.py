"""The Jekyll importer takes a site from anyone: it reads only inside SITE, writes only inside
DEST (and only files it wrote), keeps Jekyll's meaning (text stays text, HTML is sanitised),
reads YAML within the build's bounds, and answers bad input with a line of its report.
"""

from __future__ import annotations

import ast
import hashlib
import html
import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from PIL import Image

from dassco_ext.jekyll import command
from dassco_ext.jekyll.command import main
from dassco_ext.jekyll.bodies import BodyConverter
from dassco_ext.jekyll.guarded import MANIFEST, DestWriter, UnsafePath, safe_name
from dassco_ext.jekyll.images import ImageStore, svg_problem
from dassco_ext.jekyll.site import read_site

JEKYLL = Path(command.__file__).parent
SECRET = "SECRET-OUTSIDE-THE-SITE"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True))


def png(path: Path, colour: str = "red") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), colour).save(path, "PNG")
    return path


def page(path: Path, front: str, body: str = "Text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def tree(root: Path) -> dict[str, str]:
    """Every path under ``root`` (links not followed) with a digest of what it holds."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            out[rel] = ("link:" + os.readlink(path) if path.is_symlink() else
                        hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir")
    return out


def report(dest: Path) -> str:
    return (dest / "import-report.md").read_text(encoding="utf-8")


def small_site(root: Path) -> Path:
    (root / "_config.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text("title: Small\nurl: https://example.org\n", encoding="utf-8")
    page(root / "en" / "index.md", "title: Home\npermalink: /\n", "Welcome.\n")
    return root


# --- one guarded reader ------------------------------------------------------------------------

_NAMES = st.sampled_from(["a", "b.md", "-", "...", "--", "x y.md", "a\nb.md", "<img src=x onerror=alert(1)>.md",
                          "æble.md", ".hidden.md", "c.yml", "d.png", "nav.yml", "-.png", "..x.png"])
_PLACES = st.sampled_from(["en", "da", "_data", "_news", "assets", "en/sub", "_data/da", "assets/-", ""])
_KINDS = st.sampled_from(["page", "data", "image", "link-in", "link-out", "link-out-folder", "link-loop"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_KINDS, _PLACES, _NAMES), min_size=1, max_size=12))
@example([("link-out", "en", "b.md"), ("link-out", "_data", "c.yml"), ("link-out-folder", "", "da"),
          ("link-out", "", "_config.yml"), ("link-loop", "en", "a"), ("link-out", "assets", "d.png")])
def test_nothing_outside_the_site_is_read(entries):
    """Whatever the site's tree holds (links into it, out of it, to its own folders; odd
    names), nothing outside it is read, and every link leading out that the import meets is
    listed."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        outside = base / "outside"
        page(outside / "page.md", f"title: {SECRET}\n", SECRET)
        (outside / "data.yml").write_text(f"x: {SECRET}\n")
        (outside / "_config.yml").write_text(f"title: {SECRET}\n")
        png(outside / "img.png")
        page(outside / "folder" / "p.md", f"title: {SECRET}\n", SECRET)
        site = base / "site"
        page(site / "en" / "index.md", "title: Home\n")
        out_links = []
        for kind, place, name in entries:
            path = site / place / name
            if os.path.lexists(path) or any(p.is_file() for p in path.parents):
                continue  # taken, or under a file this tree already has
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.parent.is_symlink() or not path.parent.resolve().is_relative_to(site.resolve()):
                continue
            if kind == "page":
                page(path, "title: Page\n")
            elif kind == "data":
                path.write_text("k: v\n")
            elif kind == "image":
                png(path)
            elif kind == "link-in":
                path.symlink_to(site / "en" / "index.md")
            elif kind == "link-loop":
                path.symlink_to(site)
            elif kind == "link-out-folder":
                path.symlink_to(outside / "folder", target_is_directory=True)
                out_links.append(path)
            else:
                target = {".md": "page.md", ".yml": "data.yml", ".png": "img.png"}.get(path.suffix, "page.md")
                path.symlink_to(outside / ("_config.yml" if name == "_config.yml" else target))
                out_links.append(path)
        reader_site = read_site(site)
        writer = DestWriter(base / "dest")
        try:
            store = ImageStore(reader_site.reader, writer)
            published = [store.publish("/" + rel) for rel in reader_site.reader.files("assets")]
            for path in out_links:
                rel = path.relative_to(site).as_posix()
                if path.suffix == ".png" and rel.startswith("assets/"):
                    assert store.publish("/" + rel) is None
            texts = [repr(reader_site.config), repr(reader_site.data)]
            for docs in [*reader_site.pages.values(), *reader_site.collections.values()]:
                texts += [repr(d.data) + d.body for d in docs]
            assert not any(SECRET in text for text in texts)
            assert all(p is None or not p.startswith("/") for p in published)
            for path in writer.stage.rglob("*"):
                assert path.resolve().is_relative_to(writer.stage.resolve())
            refused = reader_site.reader.refused
            for path in out_links:
                rel = path.relative_to(site).as_posix()
                top = rel.split("/")[0]
                read = (top in ("en", "da", "_data", "_news") or rel == "_config.yml"
                        or rel.startswith("assets/") and path.suffix == ".png")
                if read and not any(rel.startswith(f"{r}/") for r in refused):
                    assert rel in refused, (rel, refused)
        finally:
            writer.discard()


def test_links_out_of_the_site_are_refused_and_reported(tmp_path):
    """A page file, a whole language folder, a _data file and _config.yml linked outside SITE
    are not read, and the report lists each."""
    outside = tmp_path / "outside"
    page(outside / "da" / "om.md", f"title: {SECRET}\nlang-ref: home\n", SECRET)
    page(outside / "leak.md", f"title: {SECRET}\n", SECRET)
    (outside / "data.yml").write_text(f"- title: {SECRET}\n  url: /\n")
    (outside / "config.yml").write_text(f"title: {SECRET}\n")
    site = small_site(tmp_path / "site")
    (site / "_config.yml").unlink()
    (site / "_config.yml").symlink_to(outside / "config.yml")
    (site / "en" / "leak.md").symlink_to(outside / "leak.md")
    (site / "da").symlink_to(outside / "da", target_is_directory=True)
    (site / "_data").mkdir()
    (site / "_data" / "navigation.yml").symlink_to(outside / "data.yml")
    page(site / "en" / "about.md", "title: About\n")
    (site / "en" / "self.md").symlink_to(site / "en" / "about.md")  # inside: read
    png(outside / "secret.png")
    (site / "assets").mkdir()
    (site / "assets" / "logo.png").symlink_to(outside / "secret.png")
    page(site / "en" / "index.md", "title: Home\npermalink: /\n", '<img src="/assets/logo.png" alt="x">\n')
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    for path in dest.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path
    text = report(dest)
    assert not (dest / "docs" / "assets").exists()
    for rel in ("_config.yml", "en/leak.md", "da", "_data/navigation.yml", "assets/logo.png"):
        assert f"| {rel} | a link that leads outside the site: not read |" in text, rel
    assert (dest / "docs" / "self.md").is_file()


# --- one guarded writer ----------------------------------------------------------------------

@given(st.text(max_size=30))
@example("-")
@example("...")
@example("--")
@example("a/../../b")
def test_safe_names_are_one_plain_name(name):
    safe = safe_name(name)
    assert safe and safe not in (".", "..") and "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert not safe.startswith(("-", ".")) and safe == safe_name(safe)


@settings(deadline=None)
@given(st.lists(st.sampled_from(["a", "b.md", "-", ".", "..", "...", "--", "_", "a b", "\n", "\x00", "~", "\\", "", "/"]),
               min_size=1, max_size=4).map("/".join))
@example("/etc/passwd")
@example("docs/../../x")
@example("docs/-/x.png")
def test_the_writer_never_leaves_dest(rel):
    with tempfile.TemporaryDirectory() as tmp:
        writer = DestWriter(Path(tmp) / "dest")
        try:
            writer.write_text(rel, "x")
        except UnsafePath:
            assert not any(p.is_file() for p in Path(tmp).rglob("*"))
        else:
            assert all("\x00" not in part and part == safe_name(part) for part in rel.split("/"))
            assert [p for p in Path(tmp).rglob("*") if p.is_file()] == [writer.stage / rel]
        finally:
            writer.discard()
        assert os.listdir(tmp) == []


def test_images_in_folders_with_no_safe_name_stay_in_dest(tmp_path):
    site = small_site(tmp_path / "site")
    for folder in ("-", "...", "--"):
        png(site / "assets" / folder / "logo.png", "blue")
    png(tmp_path / "logo.png", "white")  # where an empty folder name once wrote it
    before = tree(tmp_path)
    page(site / "en" / "index.md", "title: Home\npermalink: /\n",
         "".join(f'<img src="/assets/{f}/logo.png" alt="{f}">\n\n' for f in ("-", "...", "--")))
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    after = tree(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith(("dest", "site"))} == {
        k: v for k, v in before.items() if not k.startswith(("dest", "site"))}
    images = sorted(p.relative_to(dest / "docs").as_posix() for p in (dest / "docs" / "assets").rglob("*.png"))
    assert images == ["assets/unnamed/logo-2.png", "assets/unnamed/logo-3.png", "assets/unnamed/logo.png"]


def _write(node: ast.Call) -> str | None:
    """What a call writes to the file system, if it does (the writer's own calls aside)."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    owner = func.value if isinstance(func, ast.Attribute) else None
    owner = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
    if owner == "writer":
        return None
    if name in ("write_text", "write_bytes", "symlink_to", "hardlink_to", "touch", "mkdir", "unlink", "rmdir"):
        return name
    if owner == "shutil" or owner == "os" and name in ("replace", "rename", "remove", "unlink", "makedirs", "mkdir",
                                                       "symlink", "link", "open", "rmdir"):
        return f"{owner}.{name}"
    if name == "save" and not (node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == "out"):
        return "save"  # Pillow's, but into a BytesIO ("out") handed to the writer
    if name == "open":
        mode = node.args[0] if isinstance(func, ast.Attribute) and node.args else node.args[1] if len(node.args) > 1 else None
        mode = mode if isinstance(func, ast.Name) or isinstance(mode, ast.Constant) else None  # Image.open(data)
        mode = next((k.value for k in node.keywords if k.arg == "mode"), mode)
        if mode is not None and (not isinstance(mode, ast.Constant) or set(str(mode.value)) & set("wax+")):
            return "open for writing"
    return None


def test_every_write_of_the_importer_goes_through_the_writer():
    """A rule: no module of the importer but :mod:`.guarded` writes a file (no ``open`` for
    writing, ``write_text``, ``write_bytes``, ``shutil.copy*``, ``os.replace``...)."""
    offenders = [
        f"{path.name}:{node.lineno} {what}"
        for path in sorted(JEKYLL.glob("*.py")) if path.name != "guarded.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and (what := _write(node))
    ]
    assert offenders == []


# --- the importer owns only what it wrote ---------------------------------------------------------

def test_a_users_files_in_dest_are_never_touched(tmp_path):
    site = small_site(tmp_path / "site")
    dest = tmp_path / "dest"
    (dest / "_build" / "html").mkdir(parents=True)
    (dest / "_build" / "html" / "index.html").write_text("the user's build")
    (dest / "README.md").write_text("the user's notes")
    assert main([str(site), str(dest)]) == 0
    assert (dest / "_build" / "html" / "index.html").read_text() == "the user's build"
    assert (dest / "README.md").read_text() == "the user's notes"
    manifest = yaml.safe_load((dest / MANIFEST).read_text())["files"]
    assert "docs/index.md" in manifest and "import-report.md" in manifest and "README.md" not in manifest
    # the import again: it replaces its own files
    page(site / "en" / "about.md", "title: About\n")
    assert main([str(site), str(dest)]) == 0
    assert (dest / "docs" / "about.md").is_file()
    # a file the user changed: theirs is kept, the import's is written beside it, and said
    (dest / "docs" / "index.md").write_text("the user's own edit")
    (dest / "docs" / "about.md").unlink()
    page(site / "en" / "about.md", "title: About us\n")
    assert main([str(site), str(dest)]) == 0
    assert (dest / "docs" / "index.md").read_text() == "the user's own edit"
    assert "the user's own edit" not in (dest / "docs" / "index.md.import-new").read_text()
    assert "About us" in (dest / "docs" / "about.md").read_text()
    report = (dest / "import-report.md").read_text()
    assert "| docs/index.md | kept as it is (yours, or edited since the last import)" in report
    assert "| docs/about.md | added |" in report
    assert (dest / "README.md").read_text() == "the user's notes"
    assert (dest / "_build" / "html" / "index.html").read_text() == "the user's build"
    # the same import once more: nothing changes, the edit is still kept
    before = tree(dest)
    assert main([str(site), str(dest)]) == 0
    assert "- Into the earlier DEST: 1 kept." in (dest / "import-report.md").read_text()
    ours = {"import-report.md", MANIFEST}  # the report's hash is in the manifest
    assert {k: v for k, v in tree(dest).items() if k not in ours} == {
        k: v for k, v in before.items() if k not in ours}
    # a page the import no longer writes: removed if untouched, left if the user edited it
    (dest / "docs" / "about.md").write_text("my about")
    (site / "en" / "about.md").unlink()
    assert main([str(site), str(dest)]) == 0
    assert (dest / "docs" / "about.md").read_text() == "my about"
    assert "| docs/about.md | left as it is" in (dest / "import-report.md").read_text()
    assert sorted(os.listdir(tmp_path)) == ["dest", "site"]


def test_a_users_report_is_never_overwritten(tmp_path, capsys):
    site = small_site(tmp_path / "site")
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "import-report.md").write_text("mine")
    assert main([str(site), str(dest)]) == 0
    assert (dest / "import-report.md").read_text() == "mine"
    assert "# Import report" in (dest / "import-report.md.import-new").read_text()
    assert sorted(os.listdir(tmp_path)) == ["dest", "site"]


def test_a_manifest_not_the_importers_is_refused(tmp_path, capsys):
    """A DEST whose manifest the importer cannot read is not taken for an earlier import:
    nothing is written (the importer would not know which files are its own)."""
    site = small_site(tmp_path / "site")
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / MANIFEST).write_text('{"files": ["docs/index.md"]}')
    (dest / "docs").mkdir()
    (dest / "docs" / "index.md").write_text("mine")
    before = tree(dest)
    assert main([str(site), str(dest)]) == 2
    assert MANIFEST in capsys.readouterr().err
    assert tree(dest) == before
    assert sorted(os.listdir(tmp_path)) == ["dest", "site"]


def test_a_failure_leaves_no_half_written_dest(tmp_path, monkeypatch, capsys):
    site = small_site(tmp_path / "site")

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(command.catalogs, "write_catalogs", fail)
    assert main([str(site), str(tmp_path / "dest")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk full" in err and "Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == ["site"]


# --- Jekyll's meaning ------------------------------------------------------------------------

_MYST_ONLY_TOKENS = {"myst_role", "myst_target", "myst_block_break", "myst_line_comment", "attrs_block"}


def myst_markup(text: str) -> list[str]:
    """What MyST reads in ``text`` that Kramdown did not: roles, targets, comments, attributes,
    directives (other than the image and listing ones the importer writes), path: links."""
    found = []
    myst = create_md_parser(MdParserConfig(enable_extensions={"attrs_inline", "attrs_block"}), RendererHTML)
    for token in myst.parse(text):
        for piece in [token, *(token.children or [])]:
            if piece.type == "myst_line_comment" and "jekyll-import:" in piece.content:
                continue  # the importer's own comments
            if piece.type in _MYST_ONLY_TOKENS:
                found.append(f"{piece.type}: {piece.content}")
            if piece.type == "fence" and piece.info.startswith("{") and not re.match(r"\{(image|news)\}", piece.info):
                found.append(f"directive {piece.info}")
            if piece.attrs and any(k not in ("href", "src", "alt", "title") for k in piece.attrs):
                found.append(f"attributes {piece.attrs}")
            href = str(piece.attrs.get("href", piece.attrs.get("src", ""))) if piece.attrs else ""
            if re.match(r"(path|project|inv):", href) or href.startswith("..") or "/../" in href:
                found.append(f"link {href}")
    return found


_MYST_PIECES = st.sampled_from([
    "{download}`p <../../../../etc/passwd>`", "{eval-rst}`x`", "{ref}`a`", "{raw:html}`<b>`", "`code {x}`",
    "\\{download}`x`", "(target)=", "% comment", "+++", "{#id .class}", "[span]{.red}", "*em*{#x}",
    "```{eval-rst}\n.. raw:: html\n```", "~~~{include} /etc/passwd\n~~~", "[x](path:../../etc/passwd)",
    "<path:/etc/passwd>", "[p](../../../../etc/passwd)", "[d]: ../../secret.txt", "![i](../../x.png)",
    "{{ site.title }}", "{% include x.html %}", "{: .button}", "[a](/about)", "text", "\n", "\n\n", " ", "`", "- ",
    "> ", "# ",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_MYST_PIECES, max_size=12).map("".join))
@example("{download}`p <../../../../etc/passwd>`\n")
@example("# Title {sub}`x`\n\n| a |\n| - |\n| {download}`y` |\n")
@example("{download}`p <x>`[d]\n\n[d]: ../../secret.txt{eval-rst}`x`[x](path:../../etc/passwd)")
@example("text\n[d]: ../../secret.txt{eval-rst}`x`")
@example("[d]: ../../secret.txt{download}`p <../../../../etc/passwd>`")
@example("{download}`p <x>`[d]\n\n[d]: ../../secret.txt{eval-rst}`x`[x](path:../../etc/passwd)")
@example("[d]: ../../secret.txt(target)=<path:/etc/passwd>")
def test_myst_syntax_in_jekyll_text_stays_text(text):
    out, _ = BodyConverter(lambda path: None, lambda _: None).convert(text, 1, "/en/page/")
    assert myst_markup(out) == [], (text, out)


def test_a_role_is_escaped_and_reported():
    out, findings = BodyConverter(lambda path: None, lambda _: None).convert(
        "See {download}`p <../../../../etc/passwd>` and `{download}` in code.\n", 7, "/about/")
    assert out == "See \\{download}`p <../../../../etc/passwd>` and `{download}` in code.\n"
    assert [(f.kind, f.line) for f in findings] == [("myst", 7)]
    out, _ = BodyConverter(lambda path: None, lambda _: None).convert("[up](../../x) [same](y.pdf)\n", 1, "/en/about/")
    assert out == "[up](/x) [same](/en/about/y.pdf)\n"  # as a browser resolved them on the old site


def test_a_credit_keeps_jekylls_meaning_too(tmp_path):
    site = small_site(tmp_path / "site")
    page(site / "en" / "index.md", "title: Home\npermalink: /\n"
         "imageLicense: 'Photo {download}`licence <../secret.txt>`, <a href=\"javascript:x\">me</a>'\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    credit = yaml.safe_load((dest / "docs" / "index.md").read_text().split("---\n")[1])["imageLicense"]
    assert credit == "Photo \\{download}`licence <../secret.txt>`, <a>me</a>"
    assert "| en/index.md:4 | html | href='javascript:x' on \\<a\\> | removed by the HTML sanitiser |" in report(dest)


_SCHEMES = st.sampled_from(["javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x61;script:alert(1)",
                            "&#106;avascript:x", " javascript:x", "java\tscript:x", "vbscript:x",
                            "data:text/html,<script>x</script>", "https://ok.example", "/fine", "mailto:a@b.c"])
_TAGS = st.sampled_from(["a", "img", "div", "span", "svg", "iframe", "object", "embed", "script", "form", "style", "p"])
_ATTRS = st.sampled_from(["href", "src", "onclick", "onmouseover", "OnLoad", "style", "class", "title", "formaction"])


@st.composite
def raw_html(draw) -> str:
    tag = draw(_TAGS)
    attrs = " ".join(f'{draw(_ATTRS)}="{draw(_SCHEMES)}"' for _ in range(draw(st.integers(0, 3))))
    sep = draw(st.sampled_from([" ", "/", "\n"]))
    return f"<{tag}{sep}{attrs}>x</{tag}>" if attrs else f"<{tag}>x</{tag}>"


class _Seen(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "svg", "form", "style"):
            self.bad.append(tag)
        for name, value in attrs:
            url = re.sub(r"[\x00-\x20]", "", html.unescape(value or "")).lower()
            if name.startswith("on") or name in ("style", "formaction") or (
                    name in ("href", "src") and re.match(r"(javascript|vbscript|data):", url)):
                self.bad.append(f"{name}={value}")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(raw_html(), st.sampled_from(["block", "inline"])), min_size=1, max_size=4))
@example([('<a href="jav&#x61;script:alert(1)">x</a>', "inline")])
@example([('<div onmouseover="x()">x</div>', "block")])
@example([("<svg/onload=alert(1)>", "block")])
def test_raw_html_is_sanitised_and_every_removal_reported(pieces):
    body = "\n\n".join(piece if where == "block" else f"Text {piece} more." for piece, where in pieces) + "\n"
    out, findings = BodyConverter(lambda path: None, lambda _: None).convert(body, 1)
    seen = _Seen()
    for token in MarkdownIt("commonmark").parse(out):
        for piece in [token, *(token.children or [])]:
            if piece.type in ("html_block", "html_inline"):
                seen.feed(piece.content)
    assert seen.bad == [], (body, out)
    before = _Seen()
    for token in MarkdownIt("commonmark").parse(body):  # what would have been raw HTML
        for piece in [token, *(token.children or [])]:
            if piece.type in ("html_block", "html_inline"):
                before.feed(piece.content)
    if before.bad:
        assert any(f.kind == "html" and f.action == "removed by the HTML sanitiser" or f.kind == "image"
                   for f in findings), (body, findings)


@pytest.mark.parametrize(("svg", "why"), [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handler"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "<foreignobject>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><image x:href="https://t.example/x.png"/></svg>',
     "another file"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://t.example/x.css);</style></svg>', "style"),
    ('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "DOCTYPE"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:x"><rect/></a></svg>', "<a>"),
    ("<svg", "well-formed"),
])
def test_svgs_that_could_run_are_refused(svg, why):
    assert why in (svg_problem(svg.encode()) or "")


def test_a_plain_svg_is_published_and_a_hostile_one_reported(tmp_path):
    site = small_site(tmp_path / "site")
    (site / "assets").mkdir()
    (site / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#123"/></svg>')
    (site / "assets" / "evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    page(site / "en" / "index.md", "title: Home\npermalink: /\n", '<img src="/assets/logo.svg">\n\n<img src="/assets/evil.svg">\n')
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    assert (dest / "docs" / "assets" / "logo.svg").is_file()
    assert not (dest / "docs" / "assets" / "evil.svg").exists()
    assert "| /assets/evil.svg | - | an SVG holding \\<script\\>: not published |" in report(dest)


# --- YAML, collections, collisions, names ------------------------------------------------------

def test_yaml_beyond_the_builds_bounds_is_one_line_of_the_report(tmp_path):
    site = small_site(tmp_path / "site")
    (site / "_config.yml").write_text("title: T\n" + BOMB)
    (site / "_data").mkdir()
    (site / "_data" / "bomb.yml").write_text(BOMB)
    (site / "_data" / "deep.yml").write_text("a: " + "[" * 100 + "]" * 100 + "\n")
    page(site / "en" / "bomb.md", "title: B\n" + BOMB)
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    text = report(dest)
    assert "| en/bomb.md | front matter is too large (more than" in text
    assert "| _config.yml | is too large (more than" in text
    assert "| _data/bomb.yml | is too large (more than" in text
    assert "| _data/deep.yml | is too large (nested more than" in text


def test_collections_as_a_list_and_two_pages_with_one_permalink(tmp_path):
    site = small_site(tmp_path / "site")
    (site / "_config.yml").write_text("title: T\ncollections: [news]\n")
    page(site / "_news" / "2025-01-02-hello.md", "title: Hello\ndate: 2025-01-02\n")
    page(site / "en" / "x.md", "title: X\npermalink: /y\n", "Page x.\n")
    page(site / "en" / "y.md", "title: Y\npermalink: /y\n", "Page y.\n")
    page(site / "en" / "y-2.md", "title: Y2\n", "Page y-2.\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    assert (dest / "docs" / "news" / "hello.md").is_file()
    text = report(dest)
    assert "en/x.md and en/y.md both have the path 'y'" in text or "en/y.md and en/x.md both have the path 'y'" in text
    bodies = sorted((dest / "docs" / f"{n}.md").read_text().rsplit("\n", 2)[-2] for n in ("y", "y-2", "y-3"))
    assert bodies == ["Page x.", "Page y-2.", "Page y."]  # nothing lost


def test_odd_file_names_are_made_safe_and_never_injected(tmp_path):
    site = small_site(tmp_path / "site")
    odd = "a\n## Injected\n<img src=x onerror=alert(1)>|b"
    page(site / "en" / f"{odd}.md", "title: Odd\n")
    page(site / "_news" / f"{odd}.md", "title: Odd news\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    text = report(dest)
    assert "\n## Injected" not in text
    assert not [t for t in MarkdownIt("commonmark").enable("table").parse(text) for t in [t, *(t.children or [])]
                if t.type in ("html_inline", "html_block", "image", "heading_open") and t.tag != "h1" and t.tag != "h2"]
    for path in (dest / "docs").rglob("*.md"):
        rel = path.relative_to(dest / "docs").as_posix()
        assert all(part == safe_name(part) for part in rel.split("/")), rel


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["collections", "languages", "url", "baseurl", "title", "permalink"]),
                       st.recursive(st.none() | st.integers() | st.text(max_size=8) | st.booleans(),
                                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                                        st.sampled_from(["news", "team", "permalink", "output"]), inner, max_size=3),
                                    max_leaves=6)))
def test_any_config_values_import_without_a_traceback(tmp_path_factory, config):
    base = tmp_path_factory.mktemp("config")
    site = small_site(base / "site")
    (site / "_config.yml").write_text(yaml.safe_dump(config))
    page(site / "_news" / "n.md", "title: N\n")
    assert main([str(site), str(base / "dest")]) == 0


REAL_SITE = Path(__file__).resolve().parents[2] / "shared" / "hp-dassco"


@pytest.mark.skipif(not REAL_SITE.is_dir(), reason="the real Jekyll site is only beside a full checkout")
def test_the_real_site_imports_as_before(tmp_path):
    """DaSSCo's own site: nothing of it is refused, escaped or sanitised away (it holds no
    hostile input), and the import writes every page."""
    dest = tmp_path / "dest"
    assert main([str(REAL_SITE), str(dest)]) == 0
    text = report(dest)
    assert "leads outside the site" not in text and "removed by the HTML sanitiser" not in text
    assert "- Pages written: 46 " in text
    assert "| page | 404 | 404.md |" in text  # sphinx-notfound-page's page, in each language
    for path in (dest / "docs").rglob("*.md"):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]), dict), path
