"""Front-matter keys of listed and moved pages, and per-language values of text keys.

News articles, team members and partners are pages whose front matter is their data
(``date``, ``jobTitle``, ``email``, ``image``, ``category``, ``order``, ``link``); a moved
page keeps its old URLs in ``aliases``. Every value is validated here, each problem is one
located ``dassco.*`` warning, and the key falls back to "not set".

Any text key may be a mapping of languages to texts (``imageAlt: {en: Beetles, da: Biller}``):
the source language's value (the first of ``dassco_languages``, else ``en``) is the page's
text; the other values are translations of it, kept in :attr:`FrontMatter.translations`
for ``intl update`` (:mod:`dassco_ext.i18n.perlanguage`).
"""

from __future__ import annotations

import datetime
import math
import re
import urllib.parse
from typing import Any

from ..warnings_ import DasscoWarnings, at, warn
from .keyreader import KeyReader, kind_of, normalize_permalink

#: Keys whose value is text shown on a page (and translated through gettext).
TEXT_KEYS = ("title", "description", "imageAlt", "imageLicense", "preTitle", "jobTitle", "category")

#: ``name@domain.tld``: no spaces, quotes, angle brackets or controls; a dotted domain.
_EMAIL_RE = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?=.{1,253}$)"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL_RE = re.compile(r"[\x00-\x20\x7f-\x9f]")
#: Schemes a partner's ``link`` may use.
LINK_SCHEMES = ("http", "https")


def _is_language_mapping(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(isinstance(k, str) for k in value)


def split_languages(
    data: dict[str, Any], languages: tuple[str, ...], source: str, lines: dict[str, int]
) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """``data`` with each per-language text value replaced by its source-language value.

    Returns the new data (the input is not changed) and ``{key: {language: text}}`` of the
    other languages' values. A language that is not configured, a value that is not text,
    and a mapping without the source language are each one ``dassco.per_language`` warning;
    without the source language's value the key is not set.
    """
    source_language = languages[0]
    out = dict(data)
    translations: dict[str, dict[str, str]] = {}

    def split(key: str, value: dict[str, Any], line: int | None) -> Any:
        where = at(source, line)
        others: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in languages:
                warn(
                    DasscoWarnings.PER_LANGUAGE,
                    f"front matter '{key}' has a value for {lang!r}, which is not one of the site's "
                    f"languages ({', '.join(languages)}); it is ignored",
                    where,
                )
            elif lang != source_language:
                if isinstance(text, str) and text.strip():
                    others[lang] = text.strip()
                elif text is not None:
                    warn(
                        DasscoWarnings.PER_LANGUAGE,
                        f"front matter '{key}' for {lang!r} must be text, not {kind_of(text)}; it is ignored",
                        where,
                    )
        if source_language not in value:
            warn(
                DasscoWarnings.PER_LANGUAGE,
                f"front matter '{key}' has no value for the source language {source_language!r} "
                f"(only {', '.join(map(str, value))}); it is not set",
                where,
            )
            return None
        if others:
            translations[key] = others
        return value[source_language]

    for key in TEXT_KEYS:
        if _is_language_mapping(data.get(key)):
            out[key] = split(key, data[key], lines.get(key, lines.get("")))
    cta = data.get("cta")
    if isinstance(cta, list):
        entries = []
        for index, entry in enumerate(cta, start=1):
            if isinstance(entry, dict) and _is_language_mapping(entry.get("text")):
                line = lines.get(f"cta.{index}", lines.get("cta"))
                text = split(f"cta.{index}", entry["text"], line)
                entry = {**entry, "text": text}
            entries.append(entry)
        out["cta"] = entries
    return out, translations


class SiteKeysReader(KeyReader):
    """Reads the keys of listed and moved pages (:data:`.keyreader.SITE_KEYS`)."""

    def read(self, data: dict[str, Any], languages: tuple[str, ...]) -> dict[str, Any]:
        """The :class:`FrontMatter` fields of these keys, validated."""
        return {
            "date": self.date(data),
            "job_title": self.text(data, "jobTitle"),
            "email": self.email(data),
            "image": self.text(data, "image"),
            "category": self.text(data, "category"),
            "order": self.order(data),
            "link": self.link(data),
            "aliases": self.aliases(data, languages),
        }

    def date(self, data: dict[str, Any]) -> str | None:
        """An ISO date: YAML's own date (``2025-05-14``), or text of that form."""
        value = data.get("date")
        if value is None:
            return None
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, str) and _DATE_RE.fullmatch(value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        shown = repr(value) if isinstance(value, str) else kind_of(value)
        warn(
            DasscoWarnings.DATE,
            f"front matter 'date' must be a date such as 2025-05-14, not {shown}; it is ignored",
            self.loc("date"),
        )
        return None

    def email(self, data: dict[str, Any]) -> str | None:
        value = self.text(data, "email")
        if value is None:
            return None
        address = value[7:] if value.lower().startswith("mailto:") else value
        if not _EMAIL_RE.fullmatch(address):
            warn(
                DasscoWarnings.EMAIL,
                f"front matter 'email' {value!r} is not an e-mail address (name@example.org); it is ignored",
                self.loc("email"),
            )
            return None
        return address

    def order(self, data: dict[str, Any]) -> float | None:
        value = data.get("order")
        if value is None:
            return None
        number: float | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                number = None
        if number is None or not math.isfinite(number):
            shown = repr(value) if isinstance(value, str) else kind_of(value)
            warn(
                DasscoWarnings.KEY_TYPE,
                f"front matter 'order' must be a number, not {shown}; the page is listed last",
                self.loc("order"),
            )
            return None
        return number

    def link(self, data: dict[str, Any]) -> str | None:
        value = self.text(data, "link")
        if value is None:
            return None
        parts = urllib.parse.urlsplit(value) if not _CONTROL_RE.search(value) else None
        if parts is None or parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
            warn(
                DasscoWarnings.UNSAFE_URL,
                f"front matter 'link' {value!r} is not an http(s) address such as "
                "https://example.org; it is ignored",
                self.loc("link"),
            )
            return None
        return value

    def aliases(self, data: dict[str, Any], languages: tuple[str, ...]) -> tuple[tuple[str | None, str], ...]:
        """``(language, path)`` pairs; a plain list belongs to the source language (``None``)."""
        raw = data.get("aliases")
        if raw is None:
            return ()
        groups: list[tuple[str | None, Any]]
        if isinstance(raw, dict):
            groups = []
            for lang, paths in raw.items():
                if lang not in languages:
                    warn(
                        DasscoWarnings.ALIAS,
                        f"front matter 'aliases' names {lang!r}, which is not one of the site's "
                        f"languages ({', '.join(languages)}); its paths are ignored",
                        self.loc("aliases"),
                    )
                    continue
                groups.append((str(lang), paths))
        else:
            groups = [(None, raw)]
        found: list[tuple[str | None, str]] = []
        for lang, paths in groups:
            for path in [paths] if isinstance(paths, str) else paths if isinstance(paths, list) else [paths]:
                normal = normalize_permalink(path) if isinstance(path, str) else None
                if normal is None:
                    shown = repr(path) if isinstance(path, str) else kind_of(path)
                    warn(
                        DasscoWarnings.ALIAS,
                        f"front matter 'aliases': {shown} is not a site path such as /news/old-title; "
                        "it is ignored",
                        self.loc("aliases"),
                    )
                    continue
                if (lang, normal) not in found:
                    found.append((lang, normal))
        return tuple(found)
