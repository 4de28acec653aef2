"""WeasyPrint, kept to the brief: it reads only the source tree and the package's files, and
what it says is relayed as warnings at the page.
"""

from __future__ import annotations

import contextlib
import logging as std_logging
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import PACKAGE_DIR
from ..warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from collections.abc import Iterator



STYLESHEET = PACKAGE_DIR / "static" / "brief.css"
#: PDF/UA-1: WeasyPrint tags the PDF (structure tree, /Lang, alt texts) for screen readers.
PDF_VARIANT = "pdf/ua-1"


# --- WeasyPrint --------------------------------------------------------------------------------

def local_fetcher(*roots: Path) -> Any:
    """WeasyPrint's URL fetcher limited to ``data:`` and files inside ``roots``: no network
    at build time, and no file outside the source tree or the package (fonts, stylesheet)."""
    from weasyprint.urls import URLFetcher

    allowed = [root.resolve() for root in roots]

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urllib.parse.urlsplit(url)
            if parsed.scheme == "file":
                path = Path(urllib.parse.unquote(parsed.path)).resolve()
                if not any(path.is_relative_to(root) for root in allowed):
                    raise ValueError(f"{path.name!r} is outside the source tree")
            elif parsed.scheme != "data":
                raise ValueError(f"{parsed.scheme}: URLs are not fetched for print (no network)")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"})


class _Relay(std_logging.Handler):
    """Passes WeasyPrint's warnings on as ``dassco.brief`` warnings at the brief's page."""

    def __init__(self, location: tuple[str, int | None]) -> None:
        super().__init__(std_logging.WARNING)
        self.location = location

    def emit(self, record: std_logging.LogRecord) -> None:
        warn(DasscoWarnings.BRIEF, f"WeasyPrint: {record.getMessage()}", self.location)


@contextlib.contextmanager
def _relay_weasyprint(location: tuple[str, int | None]) -> Iterator[None]:
    logger = std_logging.getLogger("weasyprint")
    handler = _Relay(location)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def write_pdf(html: str, target: Path, srcdir: Path, location: tuple[str, int | None]) -> None:
    """Render the brief's HTML with the print stylesheet and the packaged fonts."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = local_fetcher(srcdir, PACKAGE_DIR)
    fonts = FontConfiguration()
    with _relay_weasyprint(location):
        stylesheet = CSS(filename=str(STYLESHEET), font_config=fonts, url_fetcher=fetcher)
        document = HTML(string=html, base_url=srcdir.as_uri() + "/", url_fetcher=fetcher)
        document.write_pdf(
            target, stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT
        )


