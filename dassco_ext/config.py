"""The ``dassco_*`` configuration values: declared once here, validated on ``config-inited``.

A bad value is reported once (type ``dassco.config``) and replaced by its default in the
configuration itself; :func:`get_config` reads the values from there, typed.
"""

from __future__ import annotations

import dataclasses as dc
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from . import pipeline
from .page.cssvalues import is_css_color, is_css_length
from .warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "dassco_"
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})*")


def _str_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) and v for v in value)


def _str_dict(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(t, str) and t for k, t in value.items()
    )


def _number(low: float, high: float, kind: Any = int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, kind) and not isinstance(v, bool) and low <= v <= high


def _scheme_list(value: Any) -> bool:
    return _str_list(value) and not {"javascript", "vbscript", "data", "file"}.intersection(
        v.lower() for v in value
    )


def _online_path(value: Any) -> bool:
    if not isinstance(value, str) or "{page}" not in value or "://" in value:
        return False
    try:
        value.format(language="en", page="index.html")
    except (KeyError, IndexError, ValueError):
        return False
    return True


def _required_translated(value: Any) -> bool:
    """``{"da": 100}``: a language code each, a percentage from 0 to 100."""
    percent = _number(0, 100, int | float)
    return isinstance(value, dict) and all(
        isinstance(k, str) and _LANGUAGE_RE.fullmatch(k) and percent(v) for k, v in value.items()
    )


def _meta(check: Callable[[Any], bool], help: str, rebuild: str = "env") -> dict[str, Any]:
    """A setting's check, its help, and what a change rebuilds."""
    return {"check": check, "help": help, "rebuild": rebuild}


def _setting(default: Any, check: Callable[[Any], bool], help: str, rebuild: str = "env") -> Any:
    """One field of :class:`DasscoConfig` with an immutable default."""
    return dc.field(default=default, metadata=_meta(check, help, rebuild))


@dc.dataclass(frozen=True)
class DasscoConfig:
    """All configuration of dassco-ext; each field becomes ``dassco_<name>`` in ``conf.py``."""

    hero_height: str = _setting("50vh", is_css_length, "Hero height when front matter sets none.")
    hero_overlay: str = _setting(
        "rgba(0, 0, 0, 0.6)",
        is_css_color,
        "Overlay colour over hero images when front matter sets no overlayColor.",
    )
    url_schemes: tuple[str, ...] = _setting(
        ("http", "https", "mailto", "tel"),
        _scheme_list,
        "URL schemes allowed in buttons and hero links (never javascript/data/vbscript).",
    )
    remote_images: bool = _setting(
        False,
        lambda v: isinstance(v, bool),
        "Allow http(s) URLs as hero backgrounds (off: only files in the source tree).",
    )
    image_alts: dict[str, str] = dc.field(
        default_factory=dict,
        metadata=_meta(
            lambda v: (
                isinstance(v, dict)
                and all(isinstance(k, str) and isinstance(t, str) for k, t in v.items())
            ),
            "Alt text per hero image (path from the source root), for pages without imageAlt.",
        ),
    )
    site_name: str = _setting(
        "",
        lambda v: isinstance(v, str),
        "The site's name for OpenGraph and briefs (empty: the 'project' value).",
    )
    languages: tuple[str, ...] = _setting(
        (),
        lambda v: _str_list(v) and all(_LANGUAGE_RE.fullmatch(x) for x in v),
        "The site's languages (the first is the default), e.g. ['en', 'da'].",
    )
    language_names: dict[str, str] = dc.field(
        default_factory=dict,
        metadata=_meta(
            _str_dict, "Each language's own name, when Babel's is not wanted, e.g. {'da': 'Dansk'}."
        ),
    )
    briefs: tuple[str, ...] = _setting(
        (),
        _str_list,
        "Pages printed as PDF briefs by the 'brief' builder: docnames, lang-refs, glob "
        "patterns ('news/*') or 'kind:news' (every page a news, team or partners listing "
        "lists); front matter 'brief: true/false' overrides this per page.",
    )
    brief_min_dpi: int = _setting(
        300,
        _number(30, 300),
        "Lowest resolution (dpi, 30 to 300) a brief's cover image may print at (full bleed "
        "or as a band, whichever is sharper) before it is reported.",
    )
    required_translated: dict[str, float] = dc.field(
        default_factory=dict,
        metadata=_meta(
            _required_translated,
            "The share of each page (percent, 0 to 100) that must be translated per language, e.g. {'da': 100}: "
            "make intl-check fails on every page below it (fuzzy counts as untranslated; a page with no catalog is 0 %).",
            rebuild="",
        ),
    )
    max_image_pixels: int = _setting(
        40_000_000,
        _number(10_000, 150_000_000),
        "Largest image (width x height, 10,000 to 150,000,000 pixels) a page or a brief's cover may use; "
        "a larger one is reported and not used.",
    )
    online_path: str = _setting(
        "{language}/{page}",
        _online_path,
        "Where a page is online, joined to html_baseurl: {language} and {page} (the page's HTML file, "
        "e.g. about.html) are filled in. The language switcher, hreflang, the feed, the sitemap and "
        "briefs follow it; '{language}/latest/{page}' for Read the Docs (a project per language).",
    )
    date_locales: dict[str, str] = dc.field(
        default_factory=lambda: {"en": "en_GB"},
        metadata=_meta(
            _str_dict,
            "The Babel locale whose long date format a language uses (default: the language's own; "
            "English: en_GB, '14 May 2025').",
        ),
    )
    alias_redirects: str = _setting(
        "outdir",
        lambda v: v in ("outdir", "site-root"),
        "Where the redirect pages of front-matter 'aliases' go: 'outdir' (inside this build's "
        "output) or 'site-root' (at the site's root, the folder that holds this build's "
        "output: set by the build driver).",
        rebuild="",
    )
    hreflang_threshold: int = _setting(
        80,
        _number(0, 100),
        "Percent of a page that must be translated (fuzzy counts as untranslated) for its hreflang alternate "
        "in that language; below it the switcher marks the language as partly in the source language (0 to 100).",
        rebuild="html",
    )
    header_dropdowns: bool = _setting(
        False,
        lambda v: isinstance(v, bool),
        "Show each captioned toctree of the root page as one dropdown of the header, named "
        "by its caption (off: its entries side by side, as the theme shows them).",
        rebuild="html",
    )
    source_newer_notice: bool = _setting(
        True,
        lambda v: isinstance(v, bool),
        "Show a short note on a translated page whose source changed since it was translated "
        "(fuzzy entries, or messages its catalog lacks).",
    )


def read_conf(sourcedir: Path) -> dict:
    """The namespace of a site's ``conf.py``, read outside a build (the command line)."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    return eval_config_file((Path(sourcedir) / "conf.py").resolve(), tags=Tags())


def configured_languages(conf: dict) -> list[str]:
    """``dassco_languages`` of a ``conf.py`` namespace, else its single ``language`` (``en``)."""
    return list(conf.get("dassco_languages") or [conf.get("language") or "en"])


def _default(field: dc.Field[Any]) -> Any:
    return field.default_factory() if field.default_factory is not dc.MISSING else field.default


class _Settings:
    """The ``dassco_*`` values of one configuration, read from it on each access."""

    __slots__ = ("_config",)

    def __init__(self, config: Config) -> None:
        self._config = config

    def __getattr__(self, name: str) -> Any:
        return getattr(self._config, PREFIX + name)


def get_config(config: Config) -> DasscoConfig:
    """The validated ``dassco_*`` values of ``config``, as :class:`DasscoConfig` fields
    (list values stay lists)."""
    return cast("DasscoConfig", _Settings(config))


def _conf_location(app: Sphinx) -> str | None:
    return f"{Path(app.confdir, 'conf.py')}:1" if app.confdir else None


def _validate(app: Sphinx, config: Config) -> None:
    """Warn once about each bad ``dassco_*`` value and put its default in its place."""
    for field in dc.fields(DasscoConfig):
        name = PREFIX + field.name
        value = getattr(config, name)
        if (tuple(value) if isinstance(value, list) else value) == _default(field):
            continue  # a default is valid (tests.test_properties holds every one to its check)
        check: Callable[[Any], bool] = field.metadata["check"]
        if not check(value):
            warn(
                DasscoWarnings.CONFIG,
                f"invalid {name} = {value!r} ({field.metadata['help']}); using the default {_default(field)!r}",
                location=_conf_location(app),
            )
            setattr(config, name, _default(field))


def setup(app: Sphinx) -> None:
    """Register every field of :class:`DasscoConfig` as a typed config value."""
    for field in dc.fields(DasscoConfig):
        default = _default(field)
        types = (list, tuple) if isinstance(default, tuple) else (type(default),)
        if isinstance(default, tuple):
            default = list(default)  # so that ``-D dassco_x=a,b`` works on the command line
        app.add_config_value(
            PREFIX + field.name,
            default,
            field.metadata.get("rebuild", "env"),
            types=types,
            description=field.metadata["help"],
        )
    app.connect("config-inited", _validate, priority=pipeline.CONFIG_VALIDATE)
