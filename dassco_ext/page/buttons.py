"""Bulma button classes (``.button .is-primary``) as sphinx-design button classes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from docutils import nodes

#: Class of a paragraph (or hero row) whose buttons sit side by side in one row.
ROW_CLASS = "dassco-buttons"

BASE_CLASSES = ("sd-sphinx-override", "sd-btn", "sd-text-wrap", "dassco-button")

#: Bulma colour modifier -> sphinx-design semantic colour.
_SAME = ("primary", "info", "success", "warning", "danger", "light", "dark", "white", "black")
COLORS = {"is-link": "primary", "is-text": "muted", "is-ghost": "muted"}
COLORS.update({f"is-{c}": c for c in _SAME})
#: Bulma size and shape modifiers -> sphinx-design utility classes.
MODIFIERS = {
    "is-small": ("sd-fs-6", "sd-px-2", "sd-py-1"),
    "is-normal": (),
    "is-medium": ("sd-fs-5", "sd-px-4", "sd-py-2"),
    "is-large": ("sd-fs-4", "sd-px-5", "sd-py-3"),
    "is-fullwidth": ("sd-w-100",),
    "is-rounded": ("sd-rounded-pill",),
}
OUTLINE = "is-outlined"


def is_button(classes: list[str]) -> bool:
    return "button" in classes


def button_classes(classes: list[str], location: nodes.Node | str | None = None) -> list[str]:
    """The sphinx-design classes for a Bulma class list (which must include ``button``).

    Plain ``.button`` is an outline primary button; a colour modifier fills it unless
    ``.is-outlined`` is also given. Other ``is-*``/``has-*`` classes are warned about and
    dropped; classes of the site's own (no Bulma prefix) are kept.
    """
    color: str | None = None
    outline = False
    extra: list[str] = []
    for name in classes:
        if name == "button":
            continue
        if name in COLORS:
            color = COLORS[name]
        elif name == OUTLINE:
            outline = True
        elif name in MODIFIERS:
            extra.extend(MODIFIERS[name])
        elif name.startswith(("is-", "has-")):
            warn(
                DasscoWarnings.BUTTON_CLASS,
                f"button class '.{name}' has no sphinx-design counterpart; it is dropped "
                f"(known: {', '.join(sorted([*COLORS, *MODIFIERS, OUTLINE]))})",
                location,
            )
        else:
            extra.append(name)
    if color is None:
        color, outline = "primary", True
    style = f"sd-btn-outline-{color}" if outline else f"sd-btn-{color}"
    return [*BASE_CLASSES, style, *extra]


def style_button(node: nodes.Element, bulma_classes: list[str]) -> None:
    """Give a link node (``reference`` or ``pending_xref``) the button classes."""
    classes: list[str] = node.get("classes", [])
    keep = [c for c in classes if c not in bulma_classes and c != "button"]
    node["classes"] = [*keep, *button_classes(bulma_classes, node)]
