"""Front matter: Jekyll's keys mapped to the package's (pages, articles, team members,
partners), per-language values kept as ``{en: ..., da: ...}``. Every key is carried over,
mapped, or reported with its line; Liquid values are filled in from ``_data``.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Callable
from typing import Any

from ..page.cssvalues import is_css_color, is_css_length
from .bodies import LIQUID_RE, BodyConverter
from .meaning import Finding, as_jekyll_meant
from .report import Report
from .site import Document

#: Page keys carried over as they are (text), and those mapped to another name.
PAGE_TEXT_KEYS = ("title", "description", "imageLicense", "preTitle")
PAGE_MAPPED = {
    "altImageText": "imageAlt",
    "imageAlt": "imageAlt",
    "teaser": "description",
    "type": "preTitle",
}
#: Keys every page may have that the importer handles elsewhere, or that Jekyll alone used.
HANDLED = {"permalink", "lang-ref", "layout", "background", "cta", "height", "mainImage"}
HANDLED |= {"link", "date", "name", "email", "image", "category", "order", "text", "slug"}
HANDLED |= {"lang", "published", "overlayColor"}
#: Keys that only Jekyll used (its layout and URL of a document): read by no kind of page.
JEKYLL_ONLY = {"layout", "slug", "lang", "published", "permalink", "lang-ref"}
#: What a team member's and a partner's front matter may hold (anything else is reported).
MEMBER_KEYS = {"name", "title", "category", "email", "image", "order"}
PARTNER_KEYS = {"name", "text", "link", "altImageText", "image", "order"}
#: Keys whose text a translator sees (msgctxt = the key) in a page's catalog.
TRANSLATED_KEYS = ("title", "description", "preTitle", "imageAlt", "imageLicense")
_LANG_RE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?")
_LIQUID_IMAGE_SRC_RE = re.compile(r"\{\{\s*site\.data\.(?P<path>[\w.-]+)\.src\s*\}\}")


def is_per_language(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and _LANG_RE.fullmatch(k) for k in value)
    )


def source_text(value: Any, source: str = "en") -> Any:
    """The source language's text of a value that may be per-language."""
    if is_per_language(value):
        return value.get(source, next(iter(value.values())))
    return value


class FrontMapper:
    """Maps one document's front matter; ``converter`` publishes images and fills Liquid
    values from ``_data``."""

    def __init__(
        self,
        converter: BodyConverter,
        report: Report,
        languages: list[str],
        link_for: Callable[[str], str],
    ) -> None:
        self.converter = converter
        self.report = report
        self.languages = languages
        self.link_for = link_for

    def drop(self, doc: Document, key: str, why: str, *, at: str | None = None) -> None:
        """A key (at the line of ``at``, else its own) not carried over, and why."""
        self.report.dropped_keys.append((doc.rel, doc.line(at or key), key, why))

    # --- values ---------------------------------------------------------------------------
    def text(self, doc: Document, key: str, value: Any) -> Any:
        """A text value (or per-language mapping of texts) with Liquid filled in, or ``None``."""
        if is_per_language(value):
            out = {}
            for lang, text in value.items():
                if lang not in self.languages:
                    self.drop(doc, f"{key}.{lang}", "not a language of the site", at=key)
                    continue
                single = self.text(doc, key, text)
                if single is not None:
                    out[lang] = single
            if not out:
                return None
            ordered = {lang: out[lang] for lang in self.languages if lang in out}
            return ordered if len(ordered) > 1 else next(iter(ordered.values()))
        if isinstance(value, datetime.date | int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            if value is not None:
                self.drop(doc, key, f"not text ({type(value).__name__})")
            return None
        value = value.strip()
        if LIQUID_RE.search(value):
            resolved = self.converter.resolve_liquid(value)
            if resolved is None:
                action = "no value in _data: key left out"
            else:
                action = f"filled in from _data: {resolved!r}"
            self.report.finding(doc.rel, doc.line(key), "liquid", f"{key}: {value}", action)
            value = resolved
        return value or None

    def markdown(self, doc: Document, key: str, value: Any) -> Any:
        """A text the build reads as Markdown (the credit), or a per-language mapping of them,
        with Jekyll's meaning kept (:func:`~.bodies.as_jekyll_meant`)."""
        if isinstance(value, dict):
            return {lang: self.markdown(doc, key, text) for lang, text in value.items()}
        found: list[Finding] = []
        rows = str(value).split("\n")
        text = "\n".join(as_jekyll_meant(rows, [0] * len(rows), doc.line(key), "/", found))
        for f in found:
            self.report.finding(doc.rel, f.line, f.kind, f.text, f.action)
        return text

    def image(self, doc: Document, key: str, value: Any) -> tuple[str | None, Any]:
        """A site image path -> (path from the docs root, the alt ``_data`` gives it, if any)."""
        alt = None
        if isinstance(value, str):
            match = _LIQUID_IMAGE_SRC_RE.fullmatch(value.strip())
            if match:
                alt = self.converter.data_value(match["path"] + ".alt")
        path = self.text(doc, key, value)
        if not isinstance(path, str):
            return None, None
        if re.match(r"https?://", path, re.IGNORECASE):
            self.drop(doc, key, f"a remote image ({path}): not copied")
            return None, None
        published = self.converter.publish(path)
        if published is None:
            self.drop(doc, key, f"image {path!r} not found in the site")
        return published, alt if isinstance(alt, str) or is_per_language(alt) else None

    def leftovers(self, doc: Document, known: set[str], *, read: set[str] | None = None) -> None:
        """Report every key of ``doc`` that is not ``known``, nor read by its kind (``read``;
        default: a page's keys)."""
        if read is None:
            read = HANDLED | set(PAGE_MAPPED) | set(PAGE_TEXT_KEYS)
        for key in doc.data:
            if key not in known and key not in read and key not in JEKYLL_ONLY:
                self.drop(doc, key, "no equivalent on the new site")

    # --- kinds of page --------------------------------------------------------------------
    def page(self, doc: Document) -> dict[str, Any]:
        """A page twin's front matter (permalink, lang-ref, aliases are set by the caller)."""
        data, out = doc.data, {}
        for key in PAGE_TEXT_KEYS:
            if key in data and (value := self.text(doc, key, data[key])) is not None:
                out[key] = value
        for old, new in PAGE_MAPPED.items():
            if old in data and new not in out:
                value = self.text(doc, old, data[old])
                if value is not None:
                    out[new] = value
        if "imageLicense" in out:
            out["imageLicense"] = self.markdown(doc, "imageLicense", out["imageLicense"])
        image_key = (
            "background" if "background" in data else "mainImage" if "mainImage" in data else None
        )
        if image_key:
            path, alt = self.image(doc, image_key, data[image_key])
            if path:
                out["background"] = path
            if path and alt and "imageAlt" not in out:
                value = self.text(doc, image_key, alt)
                if value is not None:
                    out["imageAlt"] = value
        height = data.get("height")
        if (
            isinstance(height, str | int | float)
            and not isinstance(height, bool)
            and is_css_length(str(height).strip())
        ):
            out["height"] = str(height).strip()
        elif height is not None:  # Liquid, a list...: the hero's default height
            self.drop(doc, "height", f"not a CSS length: {height!r}")
        if "overlayColor" in data:
            if isinstance(data["overlayColor"], str) and is_css_color(data["overlayColor"].strip()):
                out["overlayColor"] = data["overlayColor"].strip()
            else:
                self.drop(doc, "overlayColor", f"not a CSS colour: {data['overlayColor']!r}")
        if isinstance(data.get("cta"), list):
            buttons = self.cta(doc, data["cta"])
            if buttons:
                out["cta"] = buttons
        elif "cta" in data:
            self.drop(doc, "cta", "not a list of buttons")
        if "layout" in data and isinstance(data["layout"], str):
            out["layout"] = data["layout"]
        self.leftovers(doc, set())
        return out

    def cta(self, doc: Document, entries: list[Any]) -> list[dict[str, Any]]:
        buttons = []
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("href") or not entry.get("text"):
                self.drop(doc, "cta", f"an entry without text and href: {entry!r}")
                continue
            text = self.text(doc, "cta", entry["text"])
            href = self.text(doc, "cta", entry["href"])
            if text is None or not isinstance(href, str):
                continue
            button = {"text": text, "href": self.link_for(href)}
            if entry.get("isPrimary"):
                button["isPrimary"] = True
            buttons.append(button)
        return buttons

    def article(self, doc: Document) -> dict[str, Any]:
        out = self.page(doc)
        date = doc.data.get("date", doc.date)
        if isinstance(date, str) and (day := re.match(r"\s*(\d{4})-(\d\d?)-(\d\d?)\b", date)):
            # Jekyll reads "2020-09-25 21:37:12 +0200", which is not a YAML time
            with contextlib.suppress(ValueError):
                date = datetime.date(int(day[1]), int(day[2]), int(day[3]))
        if isinstance(date, datetime.datetime):
            date = date.date()
        if isinstance(date, datetime.date):
            out["date"] = date
        elif date is not None:
            self.drop(doc, "date", f"not a date: {date!r}")
        return out

    def member(self, doc: Document) -> dict[str, Any]:
        data, out = doc.data, {}
        name = self.text(doc, "name", data.get("name"))
        if name is None:
            self.drop(doc, "name", "a team member without a name")
        else:
            out["title"] = name
        if (job := self.text(doc, "title", data.get("title"))) is not None:
            out["jobTitle"] = job
        if (category := self.text(doc, "category", data.get("category"))) is not None:
            out["category"] = category
        email = data.get("email")
        if isinstance(email, str) and re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+", email.strip()):
            out["email"] = email.strip()
        elif email:
            self.drop(doc, "email", f"not an e-mail address: {email!r}")
        self._image_and_order(doc, out, alt=source_text(name))
        self.leftovers(doc, set(), read=MEMBER_KEYS)
        return out

    def partner(self, doc: Document) -> dict[str, Any]:
        data, out = doc.data, {}
        name = self.text(doc, "name", data.get("name"))
        if name is not None:
            out["title"] = name
        if (text := self.text(doc, "text", data.get("text"))) is not None:
            out["description"] = text
        link = data.get("link")
        if isinstance(link, str) and re.match(
            r"https?://[^\s<>\"']+$", link.strip(), re.IGNORECASE
        ):
            out["link"] = link.strip()
        elif link:
            self.drop(doc, "link", f"not an http(s) URL: {link!r}")
        alt = self.text(doc, "altImageText", data.get("altImageText"))
        self._image_and_order(doc, out, alt=alt if alt is not None else name)
        self.leftovers(doc, set(), read=PARTNER_KEYS)
        return out

    def _image_and_order(self, doc: Document, out: dict[str, Any], alt: Any) -> None:
        if doc.data.get("image"):
            path, _ = self.image(doc, "image", doc.data["image"])
            if path:
                out["image"] = path
                if alt:
                    out["imageAlt"] = alt
        order = doc.data.get("order")
        if isinstance(order, int | float) and not isinstance(order, bool):
            out["order"] = order
        elif order is not None:
            self.drop(doc, "order", f"not a number: {order!r}")
