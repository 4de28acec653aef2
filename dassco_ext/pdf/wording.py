"""The brief's words: the site's own wording of dassco-ext's strings (its ``dassco.po``,
judged as every interface translation is), wordings with their fields filled in, text made
safe for CSS ``content``, and the creation date (``SOURCE_DATE_EPOCH`` when set).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import string
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from ..page.hero import MESSAGE_CATALOG
from ..warnings_ import DasscoWarnings, at, warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config


_ = get_translation(MESSAGE_CATALOG)

#: Where a warning about an environment variable points: the variable, there is no file.
ENV_LOCATION = "environment:SOURCE_DATE_EPOCH"
_QR_ALT = "QR code to the online version of this page: {url}"


# --- text for the print template --------------------------------------------------------------


def css_string(text: str) -> str:
    """``text`` as a CSS string literal; everything but letters, digits and spaces escaped,
    so translated or front-matter text can never close the string or the ``<style>``."""
    out = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return f'"{out}"'


def page_counter_css(label: str) -> str:
    """CSS ``content`` for a translated ``"Page {page} of {pages}"``."""
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    pieces = re.split(r"(\{page\}|\{pages\})", label)
    parts = [counters.get(piece) or css_string(piece) for piece in pieces if piece]
    return " ".join(parts) or "counter(page)"


def creation_date() -> str:
    """A W3C date for the PDF: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.datetime.now(datetime.UTC)
    if epoch.isdigit():
        try:
            moment = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        except (ValueError, OverflowError, OSError):
            warn(
                DasscoWarnings.BRIEF,
                f"SOURCE_DATE_EPOCH={epoch[:40]!r} is beyond the dates a PDF can hold "
                "(year 9999); briefs are dated now",
                ENV_LOCATION,
            )
    elif epoch:
        warn(
            DasscoWarnings.BRIEF,
            f"SOURCE_DATE_EPOCH={epoch[:40]!r} is not a number of seconds; briefs are dated now",
            ENV_LOCATION,
        )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _conf_line(app: Sphinx, name: str) -> str | None:
    """``conf.py:<line>`` of the line that sets ``name`` (line 1 if it is set elsewhere)."""
    if not app.confdir:
        return None
    conf = Path(app.confdir, "conf.py")
    line = 1
    with contextlib.suppress(OSError):
        for number, text in enumerate(conf.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"\s*{re.escape(name)}\s*[:=]", text):
                line = number
                break
    return at(str(conf), line)


def _catalog_line(app: Sphinx, msgid: str) -> str | None:
    """``path:line`` of ``msgid`` in the site's own ``dassco.po``."""
    language = app.config.language or "en"
    needle = 'msgid "' + msgid.replace('"', '\\"')
    for directory in app.config.locale_dirs:
        path = Path(app.srcdir, directory, language, "LC_MESSAGES", f"{MESSAGE_CATALOG}.po")
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.startswith(needle):
                    return at(str(path), number)
    return _conf_line(app, "locale_dirs")


def fill_in(wording: str, english: str, *, location: Any = None, **values: str) -> str:
    """A translated wording with its ``{name}`` fields filled in; the English one (with one
    ``dassco.brief`` warning) when the translation names a field that is not ``values``,
    or uses a conversion, a format spec, an index or an attribute (``{url.__class__}``)."""
    formatter = string.Formatter()
    try:
        fields = [
            (name, conv, spec)
            for _text, name, spec, conv in formatter.parse(wording)
            if name is not None
        ]
        if all(name in values and not conv and not spec for name, conv, spec in fields):
            return wording.format(**values)
        bad = next(
            f"{{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}"
            for name, conv, spec in fields
            if name not in values or conv or spec
        )
        problem = f"the field {bad} (known: {', '.join('{' + v + '}' for v in values)})"
    except (ValueError, IndexError, KeyError) as exc:
        problem = f"braces that do not pair ({exc})"
    warn(
        DasscoWarnings.BRIEF,
        f"the translation {wording!r} of {english!r} (dassco.po) has {problem}; the English "
        "wording is used",
        location() if callable(location) else location,
        once=True,
    )
    return english.format(**values)


def qr_data_uri(url: str) -> str:
    """A QR code to ``url``, one pixel per module (drawn crisp by ``image-rendering``)."""
    import segno

    return segno.make(url, error="m").png_data_uri(scale=1, border=4)


# --- the site's own translations of dassco-ext's strings ----------------------------------------


def site_gettext(config: Config, srcdir: str | os.PathLike[str]) -> Callable[[str], str]:
    """The brief's words: the site's own ``<lang>/LC_MESSAGES/dassco.po`` in its
    ``locale_dirs`` first (a bad entry judged out, as everywhere), then the package's."""
    from ..i18n.languages import judged_interface_catalog

    def package(message: str) -> str:
        return str(_(message))

    language = config.language
    if not language or language == "en":
        return package
    words: dict[str, str] = {}
    for directory in config.locale_dirs:
        po = Path(srcdir, directory, language, "LC_MESSAGES", f"{MESSAGE_CATALOG}.po")
        usable, _bad = judged_interface_catalog(po, language)  # reported by the HTML check
        for message in usable or ():
            key, text = message.id, message.string
            if (
                (not message.fuzzy or config.gettext_allow_fuzzy_translations)
                and isinstance(key, str)
                and isinstance(text, str)
                and text
            ):
                words.setdefault(key, text)
    return lambda message: words.get(message) or package(message)
