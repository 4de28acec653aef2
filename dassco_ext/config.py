"""The ``dassco_*`` configuration values: declared once here, validated on ``config-inited``.

Modules read the validated values with :func:`get_config`, never ``config.dassco_*`` directly,
so a bad value is reported once (type ``dassco.config``) and replaced by its default.
"""

from __future__ import annotations

import dataclasses as dc
import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def _scheme_list(value: Any) -> bool:
    unsafe = {"javascript", "vbscript", "data", "file"}
    return _str_list(value) and not unsafe.intersection(v.lower() for v in value)


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
    return isinstance(value, dict) and all(
        isinstance(k, str) and _LANGUAGE_RE.fullmatch(k)
        and isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 100
        for k, v in value.items()
    )


@dc.dataclass(frozen=True)
class DasscoConfig:
    """All configuration of dassco-ext; each field becomes ``dassco_<name>`` in ``conf.py``."""

    hero_height: str = dc.field(
        default="50vh",
        metadata={"check": is_css_length, "help": "Hero height when front matter sets none."},
    )
    hero_overlay: str = dc.field(
        default="rgba(0, 0, 0, 0.6)",
        metadata={
            "check": is_css_color,
            "help": "Overlay colour over hero images when front matter sets no overlayColor.",
        },
    )
    url_schemes: tuple[str, ...] = dc.field(
        default=("http", "https", "mailto", "tel"),
        metadata={
            "check": _scheme_list,
            "help": "URL schemes allowed in buttons and hero links (never javascript/data/vbscript).",
        },
    )
    remote_images: bool = dc.field(
        default=False,
        metadata={
            "check": lambda v: isinstance(v, bool),
            "help": "Allow http(s) URLs as hero backgrounds (off: only files in the source tree).",
        },
    )
    image_alts: dict[str, str] = dc.field(
        default_factory=dict,
        metadata={
            "check": lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(t, str) for k, t in v.items()),
            "help": "Alt text per hero image (path from the source root), for pages without imageAlt.",
        },
    )
    site_name: str = dc.field(
        default="",
        metadata={
            "check": lambda v: isinstance(v, str),
            "help": "The site's name for OpenGraph and briefs (empty: the 'project' value).",
        },
    )

    languages: tuple[str, ...] = dc.field(
        default=(),
        metadata={
            "check": lambda v: _str_list(v) and all(_LANGUAGE_RE.fullmatch(x) for x in v),
            "help": "The site's languages (the first is the default), e.g. ['en', 'da'].",
        },
    )
    language_names: dict[str, str] = dc.field(
        default_factory=dict,
        metadata={
            "check": lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(t, str) and t for k, t in v.items()),
            "help": "Each language's own name, when Babel's is not wanted, e.g. {'da': 'Dansk'}.",
        },
    )
    briefs: tuple[str, ...] = dc.field(
        default=(),
        metadata={
            "check": _str_list,
            "help": "Pages printed as PDF briefs by the 'brief' builder (docnames or lang-refs); "
            "front matter 'brief: true/false' overrides this per page.",
        },
    )
    brief_min_dpi: int = dc.field(
        default=120,
        metadata={
            "check": lambda v: isinstance(v, int) and not isinstance(v, bool) and 30 <= v <= 300,
            "help": "Lowest resolution (dpi, 30 to 300) of a brief's cover image before it is "
            "reported as too small for print.",
        },
    )
    required_translated: dict[str, float] = dc.field(
        default_factory=dict,
        metadata={
            "check": _required_translated,
            "help": "The share of each page (percent, 0 to 100) that must be translated per "
            "language, e.g. {'da': 100}: make intl-check fails on every page below it "
            "(fuzzy counts as untranslated; a page with no catalog is 0 %).",
            "rebuild": "",
        },
    )
    max_image_pixels: int = dc.field(
        default=40_000_000,
        metadata={
            "check": lambda v: isinstance(v, int) and not isinstance(v, bool) and 10_000 <= v <= 150_000_000,
            "help": "Largest image (width x height, 10,000 to 150,000,000 pixels) a page or a "
            "brief's cover may use; a larger one is reported and not used.",
        },
    )
    online_path: str = dc.field(
        default="{language}/{page}",
        metadata={
            "check": _online_path,
            "help": "Where a page is online, joined to html_baseurl: {language} and {page} "
            "(the page's HTML file, e.g. about.html) are filled in.",
        },
    )
    date_locales: dict[str, str] = dc.field(
        default_factory=lambda: {"en": "en_GB"},
        metadata={
            "check": lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(t, str) and t for k, t in v.items()),
            "help": "The Babel locale whose long date format a language uses (default: the "
            "language's own; English: en_GB, '14 May 2025').",
        },
    )
    alias_redirects: str = dc.field(
        default="outdir",
        metadata={
            "check": lambda v: v in ("outdir", "site-root"),
            "help": "Where the redirect pages of front-matter 'aliases' go: 'outdir' (inside "
            "this build's output) or 'site-root' (at the site's root, the folder that holds "
            "this build's output: set by the build driver).",
            "rebuild": "",
        },
    )

    hreflang_threshold: int = dc.field(
        default=80,
        metadata={
            "check": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100,
            "help": "Percent of a page that must be translated (fuzzy counts as untranslated) for "
            "its hreflang alternate in that language; below it the switcher marks the language "
            "as partly in the source language (0 to 100).",
            "rebuild": "html",
        },
    )
    source_newer_notice: bool = dc.field(
        default=True,
        metadata={
            "check": lambda v: isinstance(v, bool),
            "help": "Show a short note on a translated page whose source changed since it was "
            "translated (fuzzy entries, or messages its catalog lacks).",
        },
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> DasscoConfig:
        """The configuration as validated on ``config-inited`` (no warnings here)."""
        values = {f.name: getattr(config, PREFIX + f.name) for f in dc.fields(cls)}
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


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


#: The validated values of each configuration, read once per build (:func:`_read_settings`):
#: pages ask for them thousands of times. Weak keys: nothing outlives the configuration.
_SETTINGS: weakref.WeakKeyDictionary[Config, DasscoConfig] = weakref.WeakKeyDictionary()


def get_config(config: Config) -> DasscoConfig:
    """The validated configuration of the running build."""
    try:
        settings = _SETTINGS.get(config)
    except TypeError:  # not a Sphinx configuration (a namespace standing in for one)
        settings = None
    return settings if settings is not None else DasscoConfig.from_sphinx(config)


def _read_settings(app: Sphinx) -> None:
    """On ``builder-inited`` (the configuration is final): the values read once."""
    _SETTINGS[app.config] = DasscoConfig.from_sphinx(app.config)


def _forget_settings(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: the next build (same application or not) reads them again."""
    _SETTINGS.pop(app.config, None)


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
                f"invalid {name} = {value!r} ({field.metadata['help']}); "
                f"using the default {_default(field)!r}",
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
            PREFIX + field.name, default, field.metadata.get("rebuild", "env"), types=types,
            description=field.metadata["help"],
        )
    app.connect("config-inited", _validate, priority=pipeline.CONFIG_VALIDATE)
    app.connect("builder-inited", _read_settings, priority=pipeline.SETTINGS_READ)
    app.connect("build-finished", _forget_settings, priority=pipeline.SETTINGS_FORGOTTEN)
