"""Article text with highlighted spans, built from sorted boundaries.

Spans nest (a name inside a quotation inside a sentence) and sometimes cross (a sentence that starts on
the closing quote of a statement). HTML elements can only nest, so a span that crosses one that ranks
higher is cut where the other begins or ends and drawn as consecutive parts, each carrying its own
offsets: every element's text is exactly ``text[data-begin:data-end]``, whole spans or parts.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """One span of the text to mark. ``rank``: when two spans cross, the lower rank stays whole."""

    begin: int
    end: int
    iri: str
    classes: tuple[str, ...] = ()
    rank: int = 0
    href: str | None = None
    anchor: str | None = None  # the element's id, for links to this spot
    title: str | None = None
    data: tuple[tuple[str, str], ...] = ()  # more data-* attributes


@dataclass(frozen=True)
class _Piece:
    span: Span
    begin: int
    end: int
    part: int = 0  # 0: the whole span; else 1, 2, ... in text order
    parts: int = 1


@dataclass
class _Node:
    piece: _Piece | None
    children: list[_Node] = field(default_factory=list)


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]


def laminar_pieces(spans: Iterable[Span], length: int) -> list[_Piece]:
    """The spans as pieces that only nest: spans are taken in rank order and one that crosses a span
    already taken is cut at that span's boundaries. One round of cuts suffices, because the spans
    already taken nest among themselves. Empty spans and spans outside the text are dropped."""
    taken: list[tuple[int, int]] = []
    pieces: list[_Piece] = []
    for span in sorted(spans, key=lambda s: (s.rank, s.begin, -s.end, s.iri)):
        if not 0 <= span.begin < span.end <= length:
            continue
        cuts = sorted({b for b in (x for t in taken if _crosses(t, (span.begin, span.end)) for x in t)
                       if span.begin < b < span.end})
        bounds = [span.begin, *cuts, span.end]
        ranges = list(zip(bounds, bounds[1:]))
        for i, (b, e) in enumerate(ranges):
            pieces.append(_Piece(span, b, e, i + 1 if len(ranges) > 1 else 0, len(ranges)))
        taken.extend(ranges)
    return pieces


def _tree(pieces: Sequence[_Piece]) -> _Node:
    """Nest the pieces with a stack, in text order (outer first for equal starts)."""
    root = _Node(None)
    stack = [root]
    ends = [float("inf")]
    for piece in sorted(pieces, key=lambda p: (p.begin, -p.end, p.span.rank, p.span.iri)):
        while piece.begin >= ends[-1] or piece.end > ends[-1]:
            stack.pop()
            ends.pop()
        node = _Node(piece)
        stack[-1].children.append(node)
        stack.append(node)
        ends.append(piece.end)
    return root


def escape_text(text: str) -> str:
    """Text for an HTML text node. Carriage returns become character references, which the HTML
    parser keeps, where a raw one would be turned into a line feed (and offsets would drift)."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


def _attrs(piece: _Piece, offset: int) -> str:
    span = piece.span
    pairs = [("class", " ".join(("m", *span.classes, *(("part",) if piece.part else ())))),
             ("data-begin", str(piece.begin + offset)), ("data-end", str(piece.end + offset)), ("data-iri", span.iri)]
    if piece.part:
        pairs += [("data-part", f"{piece.part}/{piece.parts}")]
    if span.anchor and piece.part <= 1:
        pairs.append(("id", span.anchor))
    if span.title:
        pairs.append(("title", span.title))
    pairs += [(f"data-{k}", v) for k, v in span.data]
    return "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in pairs)


def _has_link(node: _Node) -> bool:
    return any((c.piece.span.href is not None) or _has_link(c) for c in node.children)


def _render(node: _Node, text: str, start: int, end: int, offset: int, out: list[str]) -> None:
    at = start
    for child in node.children:
        piece = child.piece
        out.append(escape_text(text[at:piece.begin]))
        # A link cannot hold a link (the HTML parser would tear the outer one apart), so only the
        # innermost span with an href is drawn as <a>; the ones around it keep data-href.
        link = piece.span.href is not None and not _has_link(child)
        tag = "a" if link else "span"
        href = ""
        if piece.span.href is not None:
            href = f' {"href" if link else "data-href"}="{html.escape(piece.span.href, quote=True)}"'
        out.append(f"<{tag}{_attrs(piece, offset)}{href}>")
        _render(child, text, piece.begin, piece.end, offset, out)
        out.append(f"</{tag}>")
        at = piece.end
    out.append(escape_text(text[at:end]))


def highlight(text: str, spans: Iterable[Span], offset: int = 0) -> str:
    """``text`` as HTML with every span marked; the text content of the result is ``text`` exactly.
    ``offset``: where ``text`` starts in the article, added to the data-begin/data-end shown."""
    root = _tree(laminar_pieces(spans, len(text)))
    out: list[str] = []
    _render(root, text, 0, len(text), offset, out)
    return "".join(out)
