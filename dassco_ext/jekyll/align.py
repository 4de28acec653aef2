"""Twins' bodies side by side: their leaf blocks, an alignment of the two, and which
Danish texts are placeholders rather than translations.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .bodies import COMMENT_PREFIX, Block

#: The containers a block's kind names (``ul>p``, ``blockquote>p``).
_CONTAINERS_OPEN = ("bullet_list_open", "ordered_list_open", "blockquote_open", "table_open")
_CONTAINERS_CLOSE = ("bullet_list_close", "ordered_list_close", "blockquote_close", "table_close")


def blocks(body: str) -> list[Block]:
    """The leaf blocks of a (converted) body, in order; comments left out."""
    lines = ["" if x.startswith(COMMENT_PREFIX) else x for x in body.split("\n")]
    tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(lines))
    found: list[Block] = []
    context: list[str] = []
    for index, token in enumerate(tokens):
        if token.type in _CONTAINERS_OPEN:
            context.append(token.tag)
        elif token.type in _CONTAINERS_CLOSE:
            context.pop()
        elif token.type in ("heading_open", "paragraph_open") and token.map:
            inline = tokens[index + 1]
            kind = token.tag if token.type == "heading_open" else ">".join([*context, "p"])
            found.append(Block(kind, inline.content, token.map[0]))
        elif token.type == "fence" and token.map:
            info = token.info.strip()
            if info.startswith("{image}"):
                alt = re.search(r"^:alt:[ \t]*(.*)$", token.content, re.MULTILINE)
                found.append(Block("image", alt[1].strip() if alt else "", token.map[0]))
            else:
                found.append(Block("fence", token.content, token.map[0]))
        elif token.type in ("html_block", "code_block", "hr") and token.map:
            found.append(Block(token.type, token.content, token.map[0]))
        elif token.type in ("th_open", "td_open"):
            found.append(
                Block(token.type, tokens[index + 1].content, token.map[0] if token.map else 0)
            )
    return found


def align(source: list[Block], twin: list[Block]) -> list[tuple[Block, Block]]:
    """The twin's blocks that line up with the source's: an order-keeping alignment (dynamic
    programming, as ``diff`` does) that pairs only blocks of one kind (heading level with
    heading level, paragraph with paragraph, list item with list item) and, among those,
    prefers pairs that look like translations of each other (:func:`similarity`). A block
    with no counterpart (a paragraph one version has and the other lacks) stays unpaired."""
    n, m = len(source), len(twin)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best = max(score[i - 1][j], score[i][j - 1])
            pair = similarity(source[i - 1], twin[j - 1])
            score[i][j] = max(best, score[i - 1][j - 1] + pair) if pair > 0 else best
    pairs = []
    i, j = n, m
    while i and j:
        pair = similarity(source[i - 1], twin[j - 1])
        if pair > 0 and score[i][j] == score[i - 1][j - 1] + pair:
            pairs.append((source[i - 1], twin[j - 1]))
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


_NUMBER_RE = re.compile(r"\d+")
_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]+)|`[^`]+`")
_NAME_RE = re.compile(r"(?<=\s)[^\W\d_]*[A-ZÆØÅÄÖÜ][\w-]*")


def similarity(a: Block, b: Block) -> float:
    """How much ``b`` looks like a translation of ``a`` (0: not a pair). Only blocks of one
    kind pair. Numbers, link targets and code must be the same (a translation keeps them);
    names (capitalised words inside a sentence) shared and close lengths add to the score."""
    if a.kind != b.kind:
        return 0.0
    if sorted(_NUMBER_RE.findall(a.text)) != sorted(_NUMBER_RE.findall(b.text)):
        return 0.0
    if sorted(_TARGET_RE.findall(a.text)) != sorted(_TARGET_RE.findall(b.text)):
        return 0.0
    base = 2.0 if re.fullmatch(r"h[1-6]", a.kind) else 1.0
    la, lb = len(a.text.strip()), len(b.text.strip())
    ratio = min(la, lb) / max(la, lb) if max(la, lb) else 1.0
    names_a, names_b = set(_NAME_RE.findall(" " + a.text)), set(_NAME_RE.findall(" " + b.text))
    shared = len(names_a & names_b) / len(names_a | names_b) if names_a | names_b else 0.0
    return base + ratio - 0.5 + shared


#: Latin filler: the words of "lorem ipsum".
_LOREM_RE = re.compile(
    r"\b(?:"
    r"lorem|ipsum|dolor|sit|amet|consectetur|adipiscing|adipisicing|elit|sed|do"
    r"|eiusmod|tempor|incididunt|ut|labore|et|dolore|magna|aliqua|enim|ad|minim|veniam"
    r"|quis|nostrud|exercitation|ullamco|laboris|nisi|aliquip|ex|ea|commodo|consequat"
    r"|duis|aute|irure|in|reprehenderit|voluptate|velit|esse|cillum|eu|fugiat|nulla"
    r"|pariatur|excepteur|sint|occaecat|cupidatat|non|proident|sunt|culpa|qui|officia"
    r"|deserunt|mollit|anim|id|est|laborum|vestibulum|ante|integer|nec|odio|praesent"
    r"|libero|sagittis|mauris|curabitur"
    r")\b"
)
_PLACEHOLDER_RE = re.compile(
    r"\b(?:wip|work in progress|todo|tbd|tba|to be translated|translation (?:missing|needed|coming)|"
    r"oversættelse (?:mangler|følger)|kommer snart|placeholder|pladsholder|xxx+)\b",
    re.IGNORECASE,
)


def placeholder_reason(text: str, source: str | None = None) -> str | None:
    """Why a twin's text is not a translation (``None`` when it looks like one)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return "empty" if not text.strip() else None
    if _PLACEHOLDER_RE.search(text) and len(words) <= 8:
        return "placeholder text"
    lorem = len(_LOREM_RE.findall(" ".join(words)))
    if lorem >= 3 and lorem / len(words) >= 0.5:
        return "Latin filler (lorem ipsum)"
    if source is not None and len(words) > 3 and " ".join(text.split()) == " ".join(source.split()):
        return "the English text, untranslated"
    return None


def plausible_pair(source: str, twin: str) -> bool:
    """A twin block that lines up by structure but is clearly another text is not paired:
    its numbers differ, or its length is far from the source's."""
    if sorted(re.findall(r"\d+", source)) != sorted(re.findall(r"\d+", twin)):
        return False
    a, b = len(source.strip()), len(twin.strip())
    return min(a, b) < 40 or 0.4 <= b / a <= 2.5
