"""Front matter's YAML within bounds: depth, size and aliases checked on the event stream
before anything is built, keys given twice reported, and unwritable characters replaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from ..warnings_ import DasscoWarnings, at, warn

#: Bounds on front matter: nesting depth, values with every alias (``*a``) expanded (a
#: "billion laughs" is a few lines long), and characters.
MAX_DEPTH = 32
MAX_NODES = 10_000
MAX_CHARS = 200_000

#: Characters no text of a page may hold (each is replaced by U+FFFD): C0 controls but tab,
#: newline and carriage return, DEL, C1 controls, lone surrogates and U+FFFE/U+FFFF.
UNWRITABLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class FrontMatterTooLarge(ValueError):
    """Front matter beyond :data:`MAX_DEPTH`, :data:`MAX_NODES` or :data:`MAX_CHARS`."""

    def __init__(self, what: str, line: int) -> None:
        super().__init__(what)
        self.line = line


def check_bounds(content: str) -> None:
    """Raise :class:`FrontMatterTooLarge` for a text too deep or, aliases expanded, too large,
    from its events (a flat stream) before anything is built. YAML errors are left to the parse."""
    if len(content) > MAX_CHARS:
        raise FrontMatterTooLarge(f"{len(content)} characters (at most {MAX_CHARS})", 0)
    loader = yaml.SafeLoader(content)
    sizes: dict[str, tuple[int, int]] = {}  # anchor -> (nodes, depth) of what it names
    open_: list[tuple[str | None, int]] = []  # anchor and node count of each open collection
    count = deepest = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line if event.start_mark is not None else 0
            if isinstance(event, yaml.CollectionStartEvent):
                count += 1
                open_.append((event.anchor, count))
                deepest = max(deepest, len(open_))
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, start = open_.pop()
                if anchor:
                    sizes[anchor] = (count - start + 1, deepest - len(open_))
            elif isinstance(event, yaml.ScalarEvent):
                count += 1
                if event.anchor:
                    sizes[event.anchor] = (1, 0)
            elif isinstance(event, yaml.AliasEvent):
                assert event.anchor is not None  # an alias always names its anchor
                nodes_, depth = sizes.get(event.anchor, (1, 0))
                count += nodes_
                deepest = max(deepest, len(open_) + depth)
            if deepest > MAX_DEPTH:
                raise FrontMatterTooLarge(f"nested more than {MAX_DEPTH} levels deep", line)
            if count > MAX_NODES:
                raise FrontMatterTooLarge(
                    f"more than {MAX_NODES} values (aliases counted as often as they are used)",
                    line,
                )
    except yaml.YAMLError:
        return  # not YAML: the parse reports it
    finally:
        loader.dispose()


def clean_texts(root: yaml.Node | None, source: str, first_line: int) -> None:
    """Before the data is built: every :data:`UNWRITABLE_RE` character of a key or text
    replaced by U+FFFD, with one ``dassco.text`` warning per top-level key that held one."""
    for key_node, value_node in root.value if isinstance(root, yaml.MappingNode) else ():
        name, stack, seen, changed = key_node.value, [key_node, value_node], set(), False
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, yaml.ScalarNode):
                fixed = UNWRITABLE_RE.sub("\ufffd", node.value)
                changed, node.value = changed or fixed != node.value, fixed
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                stack.extend(item for pair in node.value for item in pair)
        if changed:
            warn(
                DasscoWarnings.TEXT,
                f"front matter {name!r} holds characters that cannot be written "
                "(control characters or lone surrogates); each is shown as \ufffd",
                at(source, first_line + key_node.start_mark.line),
            )


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, with a date that is no real date (``2025-02-30``) read as text (the
    key's own check reports it) rather than a bare ``ValueError``."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml(
    content: str, prepare: Callable[[yaml.Node | None], None] | None = None
) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree (with the lines) of a YAML text; :class:`FrontMatterTooLarge`
    for a text beyond the bounds, ``yaml.YAMLError`` for one that is not YAML. ``prepare``
    sees the node tree before the data is built from it."""
    check_bounds(content)
    loader = _Loader(content)
    try:
        root = loader.get_single_node()
        if prepare is not None:
            prepare(root)
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()


def key_lines(root: yaml.Node | None, source: str, first_line: int) -> dict[str, int]:
    """Source line of every key and list entry of a YAML text, by its path (``cta.2.text.da``),
    ``""`` for its first line; one warning at each key a mapping holds twice (the last is used)."""
    lines: dict[str, int] = {"": first_line}
    stack = [(root, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value, start=1):
                lines[f"{path}.{index}"] = first_line + item.start_mark.line
                stack.append((item, f"{path}.{index}"))
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else "<<"
                if name == "<<":
                    continue
                line = first_line + key_node.start_mark.line
                full = f"{path}.{name}" if path else str(name)
                if name in seen:
                    warn(
                        DasscoWarnings.FRONT_MATTER,
                        f"front matter key {full!r} is given twice (lines {seen[name]} and "
                        f"{line}); the last one is used",
                        at(source, line),
                    )
                seen[name] = lines[full] = line
                stack.append((value_node, full))
    return lines
