"""Keeping translators' catalogs up to date with the ``.pot`` templates, by GNU gettext itself.

``msgmerge --previous`` merges a page's catalog (a changed message keeps its translation as
``#, fuzzy`` beside its old ``msgid``, a removed one stays obsolete), ``msginit`` starts a new
page's; every catalog is written as GNU gettext writes it, and one whose merge changed only
the template's date is not rewritten. The site's interface strings (the ``sphinx`` domain) get
a catalog only for what neither Sphinx, the theme nor dassco-ext translates.
"""

from __future__ import annotations

import dataclasses as dc
import importlib.util
import io
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from ..paths import PACKAGE_DIR, write_whole
from .catalogs import read_catalog

#: Where a ``Message``'s identity lives: (msgctxt, msgid).
Key = tuple[str | None, str]

#: The header line ``msgmerge`` copies from the template on every run.
_DATE_LINE = b'"POT-Creation-Date:'


class GettextMissing(RuntimeError):
    """GNU gettext's tools are not installed."""


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise GettextMissing(f"{name} (GNU gettext) is not installed: apt-get install gettext")
    return found


@dc.dataclass(frozen=True)
class Outcome:
    """What the update did to one catalog (for its report line)."""

    po: Path
    action: str  # "created", "updated", "unchanged", "skipped", "removed", "failed"
    detail: str = ""


#: Where Sphinx's ``gettext`` builder puts the strings of the site's HTML templates.
INTERFACE_DOMAIN = "sphinx"


def source_suffixes(conf: dict) -> list[str]:
    """The page file suffixes: ``conf.py``'s ``source_suffix`` (str, list or dict), and the
    ones extensions add (MyST's ``.md``)."""
    value = conf.get("source_suffix") or {".rst": "restructuredtext"}
    found = [value] if isinstance(value, str) else list(value)
    return list(dict.fromkeys([*found, ".rst", ".md"]))


def page_source(domain: str, sourcedir: Path, conf: dict) -> Path | None:
    """The source file of a page domain, if it is one file."""
    for suffix in source_suffixes(conf):
        candidate = sourcedir / (domain + suffix)
        if candidate.is_file():
            return candidate
    return None


def is_page_domain(domain: str, sourcedir: Path, conf: dict) -> bool:
    """Whether a template is a page's (``about``; ``guide`` of ``gettext_compact``) rather
    than the interface strings of the site's HTML templates (the ``sphinx`` domain)."""
    return domain != INTERFACE_DOMAIN or page_source(domain, sourcedir, conf) is not None


def _translated(catalog: Catalog) -> set[Key]:
    return {
        (m.context, str(m.id if isinstance(m.id, str) else m.id[0]))
        for m in catalog
        if m.id and not m.fuzzy and any(m.string if isinstance(m.string, tuple) else (m.string,))
    }


def shipped_translations(lang: str, conf: dict) -> set[Key]:
    """The interface strings Sphinx, the site's theme and dassco-ext translate into ``lang``
    (the ``sphinx`` domain), whatever a site's own catalogs say."""
    import sphinx

    dirs = [Path(sphinx.__file__).parent / "locale", PACKAGE_DIR / "locale"]
    theme = conf.get("html_theme")
    spec = (
        importlib.util.find_spec(theme) if isinstance(theme, str) and theme.isidentifier() else None
    )
    if spec is not None and spec.origin:
        dirs.append(Path(spec.origin).parent / "locale")
    found: set[Key] = set()
    for base in dirs:
        for name in dict.fromkeys((lang, lang.split("_")[0])):
            if (po := base / name / "LC_MESSAGES" / "sphinx.po").is_file():
                found |= _translated(read_catalog(po))
    return found


def _without_date(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(_DATE_LINE)]


def merge(po: Path, pot: Path, lang: str) -> Outcome:
    """Merge one template into one catalog (created if missing), written as GNU gettext writes."""
    po.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dassco-merge-") as tmp:
        out = Path(tmp) / po.name
        merge_from = po
        if not po.exists():
            # msginit fills in the header; msgmerge then puts it in the order every later
            # update writes (msginit places "Language" elsewhere)
            merge_from = Path(tmp) / f"new-{po.name}"
            command = [
                _tool("msginit"),
                "--no-translator",
                f"--locale={lang}",
                "-i",
                str(pot),
                "-o",
                str(merge_from),
            ]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode or not merge_from.exists():
                return Outcome(po, "failed", done.stderr.strip() or "msginit failed")
        command = [
            _tool("msgmerge"),
            "--quiet",
            "--previous",
            "-o",
            str(out),
            str(merge_from),
            str(pot),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode or not out.exists():
            return Outcome(po, "failed", done.stderr.strip() or "msgmerge failed")
        if po.exists():
            new, old = out.read_bytes(), po.read_bytes()
            if new == old or _without_date(new) == _without_date(old):
                return Outcome(po, "unchanged")
        action = "updated" if po.exists() else "created"
        write_whole(po, out.read_bytes())
        return Outcome(po, action)


def rewrite_as_gettext(po: Path, header: str | None = None) -> None:
    """Write ``po`` again as GNU gettext writes catalogs (after Babel filled something in),
    so that a ``msgcat`` round trip, Poedit and Weblate change nothing. ``header``: the
    catalog's first block (comments and header entry) as it was before Babel wrote it, put
    back as it was (Babel orders the header's fields its own way)."""
    with tempfile.TemporaryDirectory(prefix="dassco-msgcat-") as tmp:
        out = Path(tmp, po.name)  # the translator's catalog is replaced whole, or not at all
        done = subprocess.run(
            [_tool("msgcat"), "-o", str(out), str(po)], capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise GettextMissing(done.stderr.strip() or f"msgcat could not rewrite {po}")
        text = out.read_text(encoding="utf-8")
    if header is not None:
        _old, sep, rest = text.partition("\n\n")
        text = header + sep + rest
    write_whole(po, text.encode("utf-8"))


def fill_known_translations(sourcedir: Path, locale_dir: Path, lang: str) -> dict[Path, int]:
    """After a merge: translations the site already holds, filled into still-untranslated
    entries (never over a translator's): per-language front-matter values
    (:mod:`.perlanguage`), then the translation memory ``locale_dir/compendium/<lang>.po``
    when there is one (:mod:`.memory`: exact matches filled, close ones fuzzy). Returns how
    many entries each catalog got; those catalogs are written again as GNU gettext writes."""
    from .memory import fill_from_compendium
    from .perlanguage import fill_catalogs

    headers = {
        po: po.read_text(encoding="utf-8").partition("\n\n")[0]
        for po in (locale_dir / lang / "LC_MESSAGES").glob("**/*.po")
    }
    filled: dict[Path, int] = {
        Path(po): n for po, n in fill_catalogs(sourcedir, locale_dir, languages=[lang]).items()
    }
    compendium = locale_dir / "compendium" / f"{lang}.po"
    if compendium.is_file():
        for po in sorted((locale_dir / lang / "LC_MESSAGES").glob("**/*.po")):
            found = fill_from_compendium(po, compendium)
            if found.exact or found.fuzzy:
                filled[po] = filled.get(po, 0) + len(found.exact) + len(found.fuzzy)
    for po, count in filled.items():
        if count:
            rewrite_as_gettext(po, headers.get(po))
    return {po: count for po, count in filled.items() if count}


def _interface_template(pot: Path, po: Path, lang: str, conf: dict, tmp: Path) -> Path | None:
    """The part of an interface template the site itself must translate, as a template of its
    own (``None``: nothing is left for the site)."""
    template = read_catalog(pot)
    shipped = shipped_translations(lang, conf)
    own_translated = _translated(read_catalog(po)) if po.exists() else set()
    for message in list(template):
        if not message.id:
            continue
        key = (message.context, str(message.id))
        if key in shipped and key not in own_translated:
            template.delete(message.id, message.context)
    if not any(message.id for message in template):
        return None
    filtered = tmp / pot.name
    buffer = io.BytesIO()
    write_po(buffer, template, width=0, omit_header=False)
    filtered.write_bytes(buffer.getvalue())
    return filtered


def update_language(
    pot_dir: Path, locale_dir: Path, lang: str, sourcedir: Path, conf: dict
) -> list[Outcome]:
    """Bring every catalog of ``lang`` up to date with the templates of ``pot_dir``."""
    base = locale_dir / lang / "LC_MESSAGES"
    pages: list[tuple[str, Path, Path]] = []
    interface: list[tuple[str, Path, Path]] = []
    for pot in sorted(pot_dir.glob("**/*.pot")):
        domain = pot.relative_to(pot_dir).with_suffix("").as_posix()
        (pages if is_page_domain(domain, sourcedir, conf) else interface).append(
            (domain, pot, base / f"{domain}.po")
        )
    with ThreadPoolExecutor() as pool:  # one msgmerge process per page, a few at a time
        outcomes = list(pool.map(lambda job: merge(job[2], job[1], lang), pages))
    with tempfile.TemporaryDirectory(prefix="dassco-interface-") as tmp:
        for domain, pot, po in interface:
            try:
                template = _interface_template(pot, po, lang, conf, Path(tmp))
            except Exception as exc:
                outcomes.append(Outcome(po, "failed", f"cannot be read: {exc}"))
                continue
            if template is not None:
                outcomes.append(merge(po, template, lang))
            elif po.exists() and not _translated(own := read_catalog(po)) and not own.obsolete:
                po.unlink()
                outcomes.append(
                    Outcome(
                        po,
                        "removed",
                        "it held no translation, and Sphinx, the theme or "
                        "dassco-ext translate every string it had",
                    )
                )
            elif not po.exists():
                outcomes.append(
                    Outcome(
                        po,
                        "skipped",
                        f"every string of {domain}.pot is translated by "
                        "Sphinx, the theme or dassco-ext",
                    )
                )
            else:
                outcomes.append(Outcome(po, "unchanged", "its own translations are kept"))
    return outcomes
