"""The CSS values front matter may set (``height``, ``overlayColor``), read by tinycss2:
exactly one length or one colour, nothing tinycss2 had to repair, or the check fails.
"""

from __future__ import annotations

from typing import Any

MAX_VALUE_LENGTH = 100

#: Length units of CSS Values and Units Level 4 (and ``%``).
LENGTH_UNITS = frozenset(
    {"px", "em", "rem", "ex", "rex", "ch", "rch", "cap", "rcap", "ic", "ric", "lh", "rlh", "vh"}
    | {"vw", "vi", "vb", "vmin", "vmax", "svh", "svw", "svi", "svb", "svmin", "svmax", "lvh", "lvw"}
    | {"lvi", "lvb", "lvmin", "lvmax", "dvh", "dvw", "dvi", "dvb", "dvmin", "dvmax", "cqw", "cqh"}
    | {"cqi", "cqb", "cqmin", "cqmax", "cm", "mm", "q", "in", "pt", "pc"}
)
MATH_FUNCTIONS = frozenset({"calc", "min", "max", "clamp"})
_OPERATORS = frozenset({"+", "-", "*", "/", ","})


def _one_value(value: object) -> Any | None:
    """The single component value ``value`` is, if it is exactly one (whitespace around it
    aside) that tinycss2 read without repairing anything; else ``None``."""
    if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH:
        return None
    import tinycss2  # not at import: a build whose pages set no CSS value never needs it

    text = value.strip()
    tokens = [
        t
        for t in tinycss2.parse_component_value_list(text, skip_comments=False)
        if t.type != "whitespace"
    ]
    if len(tokens) != 1 or tinycss2.serialize(tokens) != text:
        return None  # two values, a comment, an unclosed bracket or string...
    return tokens[0]


def _is_length_token(token: Any, *, in_math: bool) -> bool:
    if token.type == "dimension":
        return token.lower_unit in LENGTH_UNITS and (in_math or token.value >= 0)
    if token.type == "percentage":
        return in_math or token.value >= 0
    return False


def _math_ok(block: Any, depth: int = 0) -> tuple[bool, bool]:
    """``(valid, has_length)`` for the arguments of a math function or parenthesis."""
    if depth > 8:
        return False, False
    has_length = False
    for token in block.arguments if block.type == "function" else block.content:
        if token.type in ("whitespace",):
            continue
        if _is_length_token(token, in_math=True):
            has_length = True
        elif token.type == "number" or (token.type == "literal" and token.value in _OPERATORS):
            continue
        elif (
            token.type == "function" and token.lower_name in MATH_FUNCTIONS
        ) or token.type == "() block":
            valid, inner = _math_ok(token, depth + 1)
            if not valid:
                return False, False
            has_length = has_length or inner
        else:
            return False, False
    return True, has_length


def is_css_length(value: object) -> bool:
    """True for one non-negative CSS length (``70vh``, ``480px``, ``0``) or a math function
    of lengths (``calc(100vh - 1px)``); false for unitless numbers, negatives and anything else."""
    token = _one_value(value)
    if token is None:
        return False
    if token.type == "number":
        return token.value == 0
    if _is_length_token(token, in_math=False):
        return True
    if token.type == "function" and token.lower_name in MATH_FUNCTIONS:
        valid, has_length = _math_ok(token)
        return valid and has_length
    return False


def is_css_color(value: object) -> bool:
    """True for one CSS colour tinycss2 parses to a colour (hex, named, ``rgb()``, ``hsl()``,
    ``hwb()``, ``lab()``, ``oklch()``...); false for anything else (including
    ``currentcolor``, ``var()`` and ``url()``)."""
    token = _one_value(value)
    if token is None or token.type not in ("hash", "ident", "function"):
        return False
    import tinycss2.color4

    return isinstance(tinycss2.color4.parse_color(token), tinycss2.color4.Color)
