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
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from babel.messages.catalog import Catalog

from ..paths import PACKAGE_DIR, write_whole
from .catalogs import read_catalog, write_catalog
from .perlanguage import front_matter_compendia

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
    action: str  # "created", "updated", "unchanged", "kept", "skipped", "failed"
    detail: str = ""
    filled: int = 0  # entries filled from a compendium


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


def translated(catalog: Catalog) -> set[Key]:
    """The keys of a catalog's translated entries (not fuzzy)."""
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
                found |= translated(read_catalog(po))
    return found


def _without_date(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(_DATE_LINE)]


def _filled(old: Path | None, new: Path) -> int:
    """Entries empty (or missing) in ``old`` that the merge filled from a compendium."""
    try:
        before = read_catalog(old) if old is not None and old.exists() else None
        after = read_catalog(new)
    except Exception:
        return 0
    count = 0
    for message in after:
        if not message.id or not message.string or message.previous_id:
            continue
        earlier = before.get(message.id, message.context) if before is not None else None
        count += earlier is None or not earlier.string
    return count


def _without_empty(po: Path, tmp: Path) -> Path:
    """``po`` without its untranslated entries (in ``tmp``), so that ``msgmerge`` looks for
    close matches of them in the compendia; ``po`` itself when one of them carries a
    translator's comment (which the template's entry would not) or it cannot be read."""
    try:
        catalog = read_catalog(po)
    except Exception:
        return po
    entries = [*catalog, *catalog.obsolete.values()]
    if any(m.id and not m.string and m.user_comments for m in entries):
        return po
    out = tmp / f"translated-{po.name}"
    command = [_tool("msgattrib"), "--force-po", "--translated", "-o", str(out), str(po)]
    done = subprocess.run(command, capture_output=True, check=False)
    return out if done.returncode == 0 and out.exists() else po


def merge(po: Path, pot: Path, lang: str, compendia: Sequence[Path] = ()) -> Outcome:
    """Merge one template into one catalog (created if missing), written as GNU gettext writes.
    ``compendia`` fill what is still untranslated (``msgmerge --compendium``: an exact match
    as it is in the compendium, a close one as fuzzy); a translator's entry, draft or not, wins."""
    po.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dassco-merge-") as tmp:
        out = Path(tmp) / po.name
        merge_from = po
        if not po.exists():
            # msginit fills in the header; msgmerge then puts it in the order every later
            # update writes (msginit places "Language" elsewhere)
            merge_from = Path(tmp) / f"new-{po.name}"
            command = [_tool("msginit"), "--no-translator", f"--locale={lang}"]
            command += ["-i", str(pot), "-o", str(merge_from)]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode or not merge_from.exists():
                return Outcome(po, "failed", done.stderr.strip() or "msginit failed")
        if compendia:
            merge_from = _without_empty(merge_from, Path(tmp))
        command = [_tool("msgmerge"), "--quiet", "--previous"]
        command += [*(f"--compendium={path}" for path in compendia)]
        command += ["-o", str(out), str(merge_from), str(pot)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode or not out.exists():
            return Outcome(po, "failed", done.stderr.strip() or "msgmerge failed")
        if po.exists():
            new, old = out.read_bytes(), po.read_bytes()
            if new == old or _without_date(new) == _without_date(old):
                return Outcome(po, "unchanged")
        filled = _filled(po, out) if compendia else 0
        action = "updated" if po.exists() else "created"
        write_whole(po, out.read_bytes())
        return Outcome(po, action, filled=filled)


def merge_newer(po: Path, newer: bytes, lang: str, offered_before: set[str]) -> Outcome:
    """Bring a translator's catalog ``po`` up to date with ``newer``, a catalog of the same
    page made again from its source (every ``msgid`` of today, translations found elsewhere):
    ``po``'s translations win, one whose source text changed is kept as fuzzy beside its old
    ``msgid`` (``#|``), and ``newer``'s fill only what is new to ``po``, never with a
    translation ``po`` gives another text or ``offered_before`` holds (its source changed,
    its translation did not)."""
    old = read_catalog(po)
    given = offered_before | {str(m.string) for m in old if m.id and m.string}
    known = {(m.context, str(m.id)) for m in old if m.id and m.string}
    offered = read_catalog(po, text=newer.decode("utf-8-sig"))
    for message in list(offered):
        key = (message.context, str(message.id))
        if message.id and (not message.string or key in known or str(message.string) in given):
            offered.delete(message.id, message.context)
    with tempfile.TemporaryDirectory(prefix="dassco-newer-") as tmp:
        template = Path(tmp) / f"{po.stem}.pot"
        write_whole(template, newer)
        return merge(po, template, lang, [write_catalog(Path(tmp) / "newer.po", offered)])


def _site_memory(catalogs: list[Path], tmp: Path) -> Path | None:
    """The translations of the language's own catalogs, as fuzzy suggestions for the same
    text elsewhere on the site (a catalog that cannot be read is left out: it is reported)."""
    memory = Catalog(charset="utf-8")
    for po in catalogs:
        try:
            catalog = read_catalog(po)
        except Exception:
            continue
        for m in catalog:
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.id and all(strings) and not m.fuzzy and memory.get(m.id, m.context) is None:
                memory.add(m.id, m.string, flags=["fuzzy"], context=m.context)
    return write_catalog(tmp / "site-memory.po", memory) if len(memory) else None


#: The folder of ``locale_dirs[0]`` where the pages' templates are kept beside the catalogs.
TEMPLATES_DIR = "templates"


def write_templates(pot_dir: Path, target: Path, sourcedir: Path, conf: dict) -> list[str]:
    """The pages' templates of ``pot_dir`` kept in ``target``, committed beside the catalogs
    where a translation platform finds them: written when they changed (the creation date
    aside), removed when their page is gone. One line per file changed."""
    lines, kept = [], set()
    for pot in sorted(pot_dir.glob("**/*.pot")):
        domain = pot.relative_to(pot_dir).with_suffix("").as_posix()
        if not is_page_domain(domain, sourcedir, conf):
            continue
        kept.add(domain)
        dest, data = target / f"{domain}.pot", pot.read_bytes()
        if dest.exists() and _without_date(dest.read_bytes()) == _without_date(data):
            continue
        lines.append(f"{'updated' if dest.exists() else 'created'} {domain}.pot")
        dest.parent.mkdir(parents=True, exist_ok=True)
        write_whole(dest, data)
    for old in sorted(target.glob("**/*.pot")):
        if (domain := old.relative_to(target).with_suffix("").as_posix()) not in kept:
            old.unlink()
            lines.append(f"removed {domain}.pot (its page is gone)")
    return lines


def _interface_template(pot: Path, po: Path, lang: str, conf: dict, tmp: Path) -> Path | None:
    """The part of an interface template the site itself must translate, as a template of its
    own (``None``: nothing is left for the site)."""
    template = read_catalog(pot)
    shipped = shipped_translations(lang, conf)
    own_translated = translated(read_catalog(po)) if po.exists() else set()
    for message in list(template):
        if not message.id:
            continue
        key = (message.context, str(message.id))
        if key in shipped and key not in own_translated:
            template.delete(message.id, message.context)
    if not any(message.id for message in template):
        return None
    return write_catalog(tmp / pot.name, template)


def update_language(
    pot_dir: Path, locale_dir: Path, lang: str, sourcedir: Path, conf: dict
) -> list[Outcome]:
    """Bring every catalog of ``lang`` up to date with the templates of ``pot_dir``."""
    base = locale_dir / lang / "LC_MESSAGES"
    domains = {p.relative_to(pot_dir).with_suffix("").as_posix() for p in pot_dir.glob("**/*.pot")}
    # catalogs whose page is gone (deleted or renamed): kept, and offered to new catalogs
    orphans = [
        po
        for po in sorted(base.glob("**/*.po"))
        if (domain := po.relative_to(base).with_suffix("").as_posix()) not in domains
        and domain != INTERFACE_DOMAIN
    ]
    pages: list[tuple[str, Path, Path]] = []
    interface: list[tuple[str, Path, Path]] = []
    for pot in sorted(pot_dir.glob("**/*.pot")):
        domain = pot.relative_to(pot_dir).with_suffix("").as_posix()
        (pages if is_page_domain(domain, sourcedir, conf) else interface).append(
            (domain, pot, base / f"{domain}.po")
        )
    with tempfile.TemporaryDirectory(prefix="dassco-compendia-") as tmp:
        shared = [p for p in [locale_dir / "compendium" / f"{lang}.po"] if p.is_file()]
        if memory := _site_memory(sorted(base.glob("**/*.po")), Path(tmp)):
            shared.append(memory)
        own = front_matter_compendia(sourcedir, conf, lang, Path(tmp))

        def job(page: tuple[str, Path, Path]) -> Outcome:
            domain, pot, po = page
            moved = [] if po.exists() else orphans  # a renamed page's translations follow it
            return merge(po, pot, lang, [*own.get(domain, ()), *moved, *shared])

        with ThreadPoolExecutor() as pool:  # one msgmerge process per page, a few at a time
            outcomes = list(pool.map(job, pages))
    for po in orphans:
        why = "its page is gone; its translations were offered to new pages' catalogs. Once "
        why += f"nothing in it is needed: git rm {po.relative_to(locale_dir.parent).as_posix()}"
        outcomes.append(Outcome(po, "kept", why))
    with tempfile.TemporaryDirectory(prefix="dassco-interface-") as tmp:
        for _domain, pot, po in interface:
            try:
                template = _interface_template(pot, po, lang, conf, Path(tmp))
            except Exception as exc:
                outcomes.append(Outcome(po, "failed", f"cannot be read: {exc}"))
                continue
            shipped = "Sphinx, the theme or dassco-ext translate every string of its template"
            if template is not None:
                outcomes.append(merge(po, template, lang))
            elif po.exists():
                why = f"kept as it is: {shipped}; delete it if nobody needs its own words"
                outcomes.append(Outcome(po, "unchanged", why))
            else:
                outcomes.append(Outcome(po, "skipped", shipped))
    return outcomes
