"""``DEST/import-report.md``: everything the import did, skipped or found, each with its file
and line; every text from the site shown as one line of escaped text.
"""

from __future__ import annotations

import dataclasses as dc
import re
from collections import Counter

#: The origins of the strings put into the catalogs, in report order.
ORIGINS = {
    "twin-front-matter": "twins' front matter",
    "twin-body": "twins' bodies",
    "per-language": "per-language values",
    "menu": "menus",
    "memory": "translation memory (exact)",
    "package": "the package's own words (the 404 page)",
}

#: What an import into an earlier one did to a file of DEST (:meth:`.guarded.DestWriter.plan`).
CHANGES = {
    "added": "added",
    "updated": "updated (the import's, unchanged since)",
    "merged": "merged: its translations kept, changed source texts fuzzy (`#|`)",
    "removed": "removed (the import's, no longer written, unchanged since)",
    "kept": "kept as it is (yours, or edited since the last import): "
    "the import's is beside it as NAME.import-new",
    "left": "left as it is (edited since the last import, which no longer writes it: yours now)",
}


@dc.dataclass
class Report:
    #: (kind, docname, from)
    pages: list[tuple[str, str, str]] = dc.field(default_factory=list)
    #: (file, why)
    not_imported: list[tuple[str, str]] = dc.field(default_factory=list)
    #: (file, line, kind, text, action)
    findings: list[tuple[str, int, str, str, str]] = dc.field(default_factory=list)
    #: (file, line, key, why)
    dropped_keys: list[tuple[str, int, str, str]] = dc.field(default_factory=list)
    #: (site path, result, note)
    images: list[tuple[str, str, str]] = dc.field(default_factory=list)
    #: (lang, file, line, text, why)
    skipped: list[tuple[str, str, int, str, str]] = dc.field(default_factory=list)
    #: every text of another language found (lang -> text -> where), and those in a catalog
    offered: dict[str, dict[str, str]] = dc.field(default_factory=dict)
    carried: dict[str, set[str]] = dc.field(default_factory=dict)
    #: (docname, language, old URL), and those that need no redirect (docname, lang, url/why)
    aliases: list[tuple[str, str, str]] = dc.field(default_factory=list)
    aliases_not_needed: list[tuple[str, str, str]] = dc.field(default_factory=list)
    #: origin -> count of catalog entries filled
    strings: Counter = dc.field(default_factory=Counter)
    fuzzy: int = 0
    untranslated: int = 0
    catalog_entries: int = 0
    memory_entries: int = 0
    build_warnings: list[str] = dc.field(default_factory=list)
    notes: list[str] = dc.field(default_factory=list)
    again: bool = False  # DEST holds an earlier import
    #: (path in DEST, what)
    changes: list[tuple[str, str]] = dc.field(default_factory=list)

    def offer(self, lang: str, text: str, where: str) -> None:
        """A text of ``lang`` the site shows, found where ``where`` says."""
        if text.strip():
            self.offered.setdefault(lang, {}).setdefault(text, where)

    def not_carried(self) -> dict[str, list[tuple[str, str, str]]]:
        """Per language, the texts found that no catalog holds: ``(where, text, why)``."""
        why: dict[tuple[str, str], tuple[str, str]] = {}
        for lang, file, line, text, reason in self.skipped:
            self.offer(lang, text, f"{file}:{line}" if line else file)
            why.setdefault((lang, text), (f"{file}:{line}" if line else file, reason))
        out: dict[str, list[tuple[str, str, str]]] = {}
        for lang, texts in self.offered.items():
            carried = "\n".join(_words(text) for text in self.carried.get(lang, set()))
            for text, where in texts.items():
                if _words(text) in carried:  # alone, or as the words of a larger text
                    continue
                place, reason = why.get((lang, text), (where, ""))
                if not reason:
                    reason = (
                        "no page of the new site shows its source text"
                        if where.startswith("_data/")
                        else "its source text's message took another translation"
                    )
                out.setdefault(lang, []).append((place, text, reason))
        return out

    def skip(self, lang: str, file: str, line: int, text: str, why: str) -> None:
        self.skipped.append((lang, file, line, text, why))

    def finding(self, file: str, line: int, kind: str, text: str, action: str) -> None:
        self.findings.append((file, line, kind, text, action))

    def markdown(self) -> str:
        counts = Counter(kind for kind, _, _ in self.pages)
        listed = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "none"
        out = [
            "# Import report",
            "",
            f"- Pages written: {len(self.pages)} ({listed}); "
            f"not imported: {len(self.not_imported)}.",
            f"- Catalog entries: {self.catalog_entries}; translated from:",
            *[f"  - {label}: {self.strings[origin]}" for origin, label in ORIGINS.items()],
            f"- Offered as fuzzy (close matches in the memory, to check): {self.fuzzy}.",
            f"- Left untranslated: {self.untranslated}.",
            f"- Translation memory: {self.memory_entries} entries (`locale/compendium/`).",
            f"- Old URLs kept (redirects): {len(self.aliases)}.",
        ]
        rest = self.not_carried()
        for lang, texts in sorted(self.offered.items()):
            out.append(
                f"- Texts of other languages carried: {lang}: "
                f"{len(texts) - len(rest.get(lang, []))} of {len(texts)}"
                f' (the rest under "Texts in {lang} not carried").'
            )
        if self.again:
            done = Counter(what for _, what in self.changes)
            out.append(
                "- Into the earlier DEST: "
                + (
                    ", ".join(f"{n} {what}" for what, n in sorted(done.items()))
                    or "nothing changed"
                )
                + "."
            )
        out.append("")
        out += self._table(  # into a folder of the user's: only what was not simply added
            "Changed in DEST",
            ["file", "what"],
            [(r, CHANGES[w]) for r, w in self.changes if self.again or w != "added"],
        )
        out += self._table("Pages", ["kind", "page", "from"], self.pages)
        out += self._table("Not imported", ["file", "why"], self.not_imported)
        out += self._table(
            "Liquid, JSX, raw HTML and layout-only pages",
            ["file:line", "what", "found", "done"],
            [(f"{f}:{line}", k, t, a) for f, line, k, t, a in self.findings],
        )
        out += self._table(
            "Front-matter keys not carried over",
            ["file:line", "key", "why"],
            [(f"{f}:{line}", k, w) for f, line, k, w in self.dropped_keys],
        )
        out += self._table("Images", ["site path", "published as", "note"], self.images)
        out += self._table(
            "Texts of other languages not used where they stood",
            ["file:line", "text", "why"],
            [(f"{f}:{line}" if line else f, t, w) for _, f, line, t, w in self.skipped],
        )
        for lang in sorted(self.offered):
            out += self._table(
                f"Texts in {lang} not carried",
                ["file:line", "text", "why"],
                sorted(rest.get(lang, [])),
            )
        out += self._table("Old URLs kept", ["page", "language", "old URL"], self.aliases)
        out += self._table(
            "Old URLs that need no redirect",
            ["page", "language", "old URL"],
            self.aliases_not_needed,
        )
        if self.build_warnings:
            out += [
                "## Warnings of a first build (gettext)",
                "",
                *[f"- {_cell(w, None)}" for w in self.build_warnings],
                "",
            ]
        if self.notes:
            out += ["## Notes", "", *[f"- {_cell(note, None)}" for note in self.notes], ""]
        return "\n".join(out)

    @staticmethod
    def _table(title: str, header: list[str], rows: list[tuple]) -> list[str]:
        if not rows:
            return []
        lines = [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
        return [*lines, ""]


#: Characters no line of the report shows: controls (line breaks too), lone surrogates.
_UNSHOWN_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: What Markdown or HTML would read as markup in a cell: escaped with a backslash.
_MARKUP_RE = re.compile(r"([\\|<>\[\]`*&!])")


def _words(text: str) -> str:
    """A text's words as a reader sees them: no Markdown escapes or emphasis, one space."""
    return " ".join(re.sub(r"\\(?=[^\w\s])|[*_`]", "", text).split())


def _cell(text: object, limit: int | None = 100) -> str:
    """``text`` as one line of plain text in the report (Markdown table cell or list item)."""
    flat = " ".join(_UNSHOWN_RE.sub(" ", _SURROGATE_RE.sub("\ufffd", str(text))).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return _MARKUP_RE.sub(r"\\\1", flat)
