"""Validation of the CSS values editors may write in front matter (``height``, ``overlayColor``).

These values end up in a ``style`` attribute, so they are checked against a strict grammar:
anything that could close the declaration (``;``), load a resource (``url(``) or run code
(``expression(``) fails the check, and the caller falls back to a default.
"""

from __future__ import annotations

import re

_NUMBER = r"(?:\d+(?:\.\d+)?|\.\d+)"
_UNITS = (
    "px|em|rem|ex|ch|lh|rlh|vh|vw|vmin|vmax|svh|lvh|dvh|svw|lvw|dvw|cm|mm|q|in|pt|pc|%"
)
_LENGTH = rf"{_NUMBER}(?:{_UNITS})"
_LENGTH_RE = re.compile(rf"(?:{_LENGTH}|0)", re.IGNORECASE)
# Inside calc()/min()/max()/clamp(): signed lengths and numbers, operators, commas, parentheses.
_MATH_TOKEN_RE = re.compile(rf"\s*(?:[-+]?{_LENGTH}|[-+]?{_NUMBER}|[-+*/,()]|calc\(|min\(|max\(|clamp\()\s*", re.IGNORECASE)
_MATH_START_RE = re.compile(r"(calc|min|max|clamp)\(", re.IGNORECASE)

MAX_VALUE_LENGTH = 100


def is_css_length(value: object) -> bool:
    """True for one non-negative CSS length (``70vh``, ``480px``, ``0``) or a math function
    of lengths (``calc(100vh - 1px)``); false for unitless numbers, negatives and anything else."""
    if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH:
        return False
    text = value.strip()
    if _LENGTH_RE.fullmatch(text):
        return True
    if not _MATH_START_RE.match(text):
        return False
    pos, depth, has_length = 0, 0, False
    while pos < len(text):
        match = _MATH_TOKEN_RE.match(text, pos)
        if not match:
            return False
        token = match.group().strip()
        depth += token.count("(") - token.count(")")
        if depth < 0:
            return False
        has_length = has_length or bool(re.search(_UNITS, token, re.IGNORECASE) and re.search(r"\d", token))
        pos = match.end()
    return depth == 0 and has_length


_HEX_RE = re.compile(r"#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})", re.IGNORECASE)
_FUNC_ARG = rf"[-+]?{_NUMBER}(?:%|deg|rad|turn)?"
_FUNC_RE = re.compile(
    rf"(?:rgba?|hsla?|hwb)\(\s*{_FUNC_ARG}(?:\s*[,\s]\s*{_FUNC_ARG}){{2}}"
    rf"(?:\s*[,/]\s*{_FUNC_ARG})?\s*\)",
    re.IGNORECASE,
)
_NAMED_COLORS = frozenset(
    """aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
    crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
    darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
    dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite
    gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
    lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen
    magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen
    mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
    mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
    powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown
    seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
    steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow
    yellowgreen transparent""".split()
)


def is_css_color(value: object) -> bool:
    """True for a hex colour, an ``rgb()/rgba()/hsl()/hsla()/hwb()`` of numbers, or a CSS
    colour name; false for anything else (including ``var()`` and ``url()``)."""
    if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH:
        return False
    text = value.strip()
    return bool(
        _HEX_RE.fullmatch(text) or _FUNC_RE.fullmatch(text) or text.lower() in _NAMED_COLORS
    )
