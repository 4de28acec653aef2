"""WeasyPrint, kept to the brief: it reads only the source tree and the package's files
(what it is refused is reported at the page), and writes archival, tagged PDF (PDF/A-3a).
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

from ..paths import PACKAGE_DIR
from ..warnings_ import DasscoWarnings, warn

STYLESHEET = PACKAGE_DIR / "static" / "brief.css"
#: PDF/A-3a: archival (fonts embedded, sRGB output intent, XMP metadata) and tagged
#: (structure tree, /Lang, alt texts), the accessible level of PDF/A.
PDF_VARIANT = "pdf/a-3a"


def local_fetcher(location: tuple[str, int | None], *roots: Path) -> Any:
    """WeasyPrint's URL fetcher limited to ``data:`` and files inside ``roots``: no network
    at build time, and no file outside the source tree or the package (fonts, stylesheet).
    Each refusal is one ``dassco.brief`` warning at ``location``."""
    from weasyprint.urls import URLFetcher

    allowed = [root.resolve() for root in roots]

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urllib.parse.urlsplit(url)
            reason = None
            if parsed.scheme == "file":
                path = Path(urllib.parse.unquote(parsed.path)).resolve()
                if not any(path.is_relative_to(root) for root in allowed):
                    reason = f"{path.name!r} is outside the source tree"
            elif parsed.scheme != "data":
                reason = f"{parsed.scheme}: URLs are not fetched for print (no network)"
            if reason is not None:
                warn(DasscoWarnings.BRIEF, f"not printed: {reason}", location)
                raise ValueError(reason)
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"})


def write_pdf(html: str, target: Path, srcdir: Path, location: tuple[str, int | None]) -> None:
    """Render the brief's HTML with the print stylesheet and the packaged fonts."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = local_fetcher(location, srcdir, PACKAGE_DIR)
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(STYLESHEET), font_config=fonts, url_fetcher=fetcher)
    document = HTML(string=html, base_url=srcdir.as_uri() + "/", url_fetcher=fetcher)
    document.write_pdf(target, stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT)
