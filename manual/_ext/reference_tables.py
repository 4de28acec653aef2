"""Reference tables of the manual, generated from the package's own declarations.

Three directives, each a table that cannot drift from the code:

- ``dassco-settings``: the ``dassco_*`` settings (the fields of ``dassco_ext.config.DasscoConfig``);
- ``dassco-warnings``: the ``dassco.*`` warning subtypes (``dassco_ext.warnings_.DasscoWarnings``
  and each member's docstring);
- ``dassco-front-matter-keys``: the front-matter keys of the schema named by the setting
  ``manual_front_matter_schema`` (see :func:`front_matter_rows` for what it may be).
"""

from __future__ import annotations

import ast
import dataclasses as dc
import enum
import importlib
import inspect
import itertools
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LOGGER = logging.getLogger(__name__)


class Row(NamedTuple):
    """One line of a reference table: a name, its type or default, what it does."""

    name: str
    kind: str
    text: str


# --- what the tables are made of --------------------------------------------------------------


def settings_rows(config_class: type) -> list[Row]:
    """One row per field of a settings dataclass: ``dassco_<field>``, its default, its help."""
    rows = []
    for field in dc.fields(config_class):
        if field.default_factory is not dc.MISSING:
            default = field.default_factory()
        else:
            default = field.default
        if isinstance(default, tuple):
            default = list(default)  # what conf.py writes
        rows.append(Row(f"dassco_{field.name}", repr(default), field.metadata.get("help", "")))
    return rows


def attribute_docstrings(cls: type) -> dict[str, str]:
    """The docstring written under each attribute of a class in its source (as autodoc reads
    them): enum members keep none at run time."""
    definition = ast.parse(inspect.getsource(cls)).body[0]
    assert isinstance(definition, ast.ClassDef), cls
    found = {}
    for node, after in itertools.pairwise(definition.body):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[node.targets[0].id] = inspect.cleandoc(after.value.value)
    return found


def warning_rows(warnings_enum: type[enum.Enum], warning_type: str = "dassco") -> list[Row]:
    """One row per member of the warnings enum: ``dassco.<subtype>`` and its docstring."""
    docs = attribute_docstrings(warnings_enum)
    return [
        Row(f"{warning_type}.{member.value}", "", " ".join(docs.get(member.name, "").split()))
        for member in warnings_enum
    ]


def front_matter_rows(schema: Any, fallback_help: Mapping[str, str] | None = None) -> list[Row]:
    """One row per front-matter key of ``schema``, which may be:

    - a dataclass (class): one key per field, named by ``metadata["key"]`` or the field's
      name, described by ``metadata["help"]``, typed by ``metadata["type"]`` or the field's
      annotation;
    - a mapping of key names to a help text, or to a mapping or object with ``help`` (and
      optionally ``type``);
    - an iterable of key names, described by ``fallback_help``.

    A key without a description gets an empty one (the directive warns about it).
    """
    fallback = dict(fallback_help or {})
    rows = []
    if dc.is_dataclass(schema) and isinstance(schema, type):
        for field in dc.fields(schema):
            if "key" not in field.metadata and "help" not in field.metadata:
                continue  # not a key (the schema's own bookkeeping)
            key = field.metadata.get("key", field.name)
            kind = field.metadata.get("type", _type_name(field.type))
            rows.append(Row(key, kind, field.metadata.get("help") or fallback.get(key, "")))
    elif isinstance(schema, Mapping):
        for key, spec in schema.items():
            text, kind = _help_and_type(spec)
            rows.append(Row(str(key), kind, text or fallback.get(str(key), "")))
    elif isinstance(schema, Iterable) and not isinstance(schema, str):
        rows = [Row(str(key), "", fallback.get(str(key), "")) for key in schema]
    else:
        raise TypeError(f"not a front-matter schema: {schema!r}")
    return rows


def _help_and_type(spec: Any) -> tuple[str, str]:
    if isinstance(spec, str):
        return spec, ""
    if isinstance(spec, Mapping):
        return str(spec.get("help", "")), str(spec.get("type", ""))
    return str(getattr(spec, "help", "") or ""), _type_name(getattr(spec, "type", ""))


def _type_name(annotation: Any) -> str:
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation or "")


def load(dotted: str) -> Any:
    """``package.module:attribute`` -> the attribute."""
    module, _, attribute = dotted.partition(":")
    return getattr(importlib.import_module(module), attribute)


# --- the directives -----------------------------------------------------------------------------

_LITERAL_RE = re.compile(r"``(.+?)``|`([^`]+)`")


def _inline(text: str) -> list[nodes.Node]:
    """Text with its ````code```` (and single-backtick) spans as literals."""
    found: list[nodes.Node] = []
    position = 0
    for match in _LITERAL_RE.finditer(text):
        if match.start() > position:
            found.append(nodes.Text(text[position : match.start()]))
        code = match[1] or match[2]
        found.append(nodes.literal(code, code))
        position = match.end()
    if position < len(text):
        found.append(nodes.Text(text[position:]))
    return found


def _table(
    headers: list[str] | tuple[str, ...], rows: list[Row], name: str, *, code_kind: bool
) -> nodes.table:
    """A table of ``rows`` under ``headers`` (an empty second header: no second column)."""
    columns = [header for header in headers if header]
    table = nodes.table(classes=["dassco-reference", name])
    group = nodes.tgroup(cols=len(columns))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in columns)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=h)) for h in columns))
    group += head
    body = nodes.tbody()
    for row in rows:
        cells: list[list[nodes.Node]] = [[nodes.literal(row.name, row.name)]]
        if headers[1]:
            cells.append([nodes.literal(row.kind, row.kind)] if code_kind else _inline(row.kind))
        cells.append(_inline(row.text))
        body += nodes.row("", *(nodes.entry("", nodes.paragraph("", "", *cell)) for cell in cells))
    group += body
    return table


class _ReferenceTable(SphinxDirective):
    headers: ClassVar[tuple[str, str, str]]
    code_kind = False  # the second column holds code (a default), not words (a type)

    def rows(self) -> list[Row]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        rows = self.rows()
        for row in rows:
            if not row.text:
                LOGGER.warning(
                    "%s: no description for %r", self.name, row.name, location=self.get_location()
                )
        headers = list(self.headers)
        if not any(row.kind for row in rows):
            headers[1] = ""  # the declarations give no types or defaults: no empty column
        return [_table(headers, rows, self.name, code_kind=self.code_kind)]


class SettingsTable(_ReferenceTable):
    headers = ("setting", "default", "what it does")
    code_kind = True

    def rows(self) -> list[Row]:
        return settings_rows(load(self.config.manual_settings))


class WarningsTable(_ReferenceTable):
    headers = ("subtype", "", "when, and what the page falls back to")

    def rows(self) -> list[Row]:
        return warning_rows(load(self.config.manual_warnings))


class FrontMatterTable(_ReferenceTable):
    headers = ("key", "type", "what it does")

    def rows(self) -> list[Row]:
        fallback: dict[str, str] = self.config.manual_front_matter_help
        rows = front_matter_rows(load(self.config.manual_front_matter_schema), fallback)
        stale = sorted(set(fallback) - {row.name for row in rows})
        if stale:
            LOGGER.warning(
                "%s: manual_front_matter_help describes keys the schema does not have: %s",
                self.name,
                ", ".join(stale),
                location=self.get_location(),
            )
        return rows


def setup(app: Sphinx) -> dict[str, Any]:
    # where the code declares what the tables list (``package.module:attribute``)
    app.add_config_value("manual_settings", "dassco_ext.config:DasscoConfig", "env", types=[str])
    app.add_config_value(
        "manual_warnings", "dassco_ext.warnings_:DasscoWarnings", "env", types=[str]
    )
    app.add_config_value("manual_front_matter_schema", "", "env", types=[str])
    # descriptions of the keys, for a schema that has none (front_matter_rows)
    app.add_config_value("manual_front_matter_help", {}, "env", types=[dict])
    app.add_directive("dassco-settings", SettingsTable)
    app.add_directive("dassco-warnings", WarningsTable)
    app.add_directive("dassco-front-matter-keys", FrontMatterTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
