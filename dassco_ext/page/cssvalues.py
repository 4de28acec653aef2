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
#: Math functions and how many comma-separated arguments each takes (``None``: one or more).
MATH_FUNCTIONS: dict[str, int | None] = {"calc": 1, "min": None, "max": None, "clamp": 3}
MAX_DEPTH = 8


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


def _is_length_token(token: Any) -> bool:
    return token.type == "percentage" or (
        token.type == "dimension" and token.lower_unit in LENGTH_UNITS
    )


def _operand_type(token: Any, depth: int) -> str | None:
    """``"length"`` or ``"number"`` for one operand of a sum or product; ``None``: invalid."""
    if token.type == "number":
        return "number"
    if _is_length_token(token):
        return "length"
    if token.type == "() block":
        return _sum_type(token.content, depth + 1)
    if token.type == "function" and token.lower_name in MATH_FUNCTIONS:
        return _function_type(token, depth + 1)
    return None


def _sum_type(values: list[Any], depth: int) -> str | None:
    """The type of a calculation (CSS Values 4 ``<calc-sum>``) as a browser reads it: operands
    and operators alternate, ``+``/``-`` have whitespace on both sides, a product multiplies
    by a number and divides by one, a sum adds values of one type; ``None``: invalid."""
    if depth > MAX_DEPTH:
        return None
    spaced = [
        (token, index > 0 and values[index - 1].type == "whitespace")
        for index, token in enumerate(values)
        if token.type not in ("whitespace", "comment")
    ]
    if len(spaced) % 2 == 0:
        return None  # empty, or an operator too many
    total: str | None = None
    product = _operand_type(spaced[0][0], depth)
    for (operator, space_before), (operand, space_after) in zip(
        spaced[1::2], spaced[2::2], strict=True
    ):
        kind = _operand_type(operand, depth)
        sign = operator.type == "literal" and operator.value in ("+", "-")
        if product is None or kind is None or operator.type != "literal":
            return None
        if sign and space_before and space_after:
            if total not in (None, product):
                return None
            total, product = product, kind
        elif operator.value == "*" and "number" in (product, kind):
            product = "length" if "length" in (product, kind) else "number"
        elif operator.value != "/" or kind != "number":
            return None  # an unknown operator, + or - without spaces, a length by a length
    if product is None or total not in (None, product):
        return None
    return product


def _function_type(function: Any, depth: int) -> str | None:
    """The type of ``calc()``, ``min()``, ``max()`` or ``clamp()``, its arguments counted."""
    arguments: list[list[Any]] = [[]]
    for token in function.arguments:
        if token.type == "literal" and token.value == ",":
            arguments.append([])
        else:
            arguments[-1].append(token)
    wanted = MATH_FUNCTIONS[function.lower_name]
    if wanted is not None and len(arguments) != wanted:
        return None
    kinds = {_sum_type(argument, depth) for argument in arguments}
    return kinds.pop() if len(kinds) == 1 else None


def is_css_length(value: object) -> bool:
    """True for a ``height`` a browser accepts: one non-negative length or percentage
    (``70vh``, ``480px``, ``0``) or a math function of lengths and numbers
    (``calc(100vh - 1px)``, ``clamp(10rem, 50vh, 40rem)``); false for anything else."""
    token = _one_value(value)
    if token is None:
        return False
    if token.type == "number":
        return token.value == 0
    if _is_length_token(token):
        return token.value >= 0
    return token.type == "function" and _operand_type(token, 0) == "length"


def is_css_color(value: object) -> bool:
    """True for one CSS colour tinycss2 parses to a colour (hex, named, ``rgb()``, ``hsl()``,
    ``hwb()``, ``lab()``, ``oklch()``...); false for anything else (including
    ``currentcolor``, ``var()`` and ``url()``)."""
    token = _one_value(value)
    if token is None or token.type not in ("hash", "ident", "function"):
        return False
    import tinycss2.color4

    return isinstance(tinycss2.color4.parse_color(token), tinycss2.color4.Color)
