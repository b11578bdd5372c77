"""A huge file as article-sized pieces: bounded memory for check and fix.

No article is megabytes long; a file that is has many articles pasted
together, or is not prose at all. Checked whole, it would hold its views
(about 13 times the text) and every finding at once. So a file over
:data:`PIECE_THRESHOLD` characters is cut into pieces of about
:data:`PIECE_SIZE`, at a paragraph break where there is one near, else at a
line break, a sentence end or a space (a stretch of twice that size with
none of these is no prose, and is cut where it ends). Each piece is
checked and fixed as a document of its own (so it can go to any worker), its
findings are moved to the file's offsets, lines and columns
(:func:`shift`), and its fixed text is written after the previous one's.
Memory holds a few pieces, whatever the file's size.

What a piece does not see: a duplicated paragraph, a quotation or a quote
style that spans two pieces. In copy that size, that is the price of
finishing at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lintnews.diagnostics import Diagnostic, Span

#: A file with more characters than this is checked and fixed in pieces. (The
#: longest news features run to 100,000 characters.)
PIECE_THRESHOLD = 500_000
#: About how many characters a piece holds: enough for any article, small
#: enough that a piece dense with findings (one every five characters, each
#: about 1 KB while it is fixed) stays near 100 MB.
PIECE_SIZE = 250_000

# Where a piece may end, best first: after a blank line or a line break;
# else before the space after a sentence's end, or before a space. (Ending a
# piece after a space would leave trailing white space at its end, which is
# no defect of the file's.)
_CUTS = (
    re.compile(r"\n[ \t\r]*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?][\"'”’)]?(?=[ \t]+[\"'“‘(]?[A-Z0-9])"),
    re.compile(r"(?<=\S)(?=[ \t])"),
)
# A Markdown code fence: a piece never ends inside fenced code.
_FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~)", re.MULTILINE)


def cut_points(text: str, size: int, *, markdown: bool = False) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of pieces of about ``size`` characters that cover
    ``text``: a piece ends at the best cut between ``size`` and ``2 * size``
    characters in (the last piece may run to 1.5 times ``size``)."""
    start, n = 0, len(text)
    while start < n:
        if n - start <= size * 1.5:
            yield start, n
            return
        end = _best_cut(text, start + size, min(n, start + 2 * size), markdown)
        yield start, end
        start = end


def _best_cut(text: str, lo: int, hi: int, markdown: bool) -> int:
    for pattern in _CUTS:
        for m in pattern.finditer(text, lo, hi):
            if markdown and _inside_fence(text, m.end()):
                continue
            return m.end()
    return hi


def _inside_fence(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in fenced Markdown code (an odd number of fence
    lines before it). Called for a handful of candidate cuts per piece."""
    return sum(1 for _ in _FENCE.finditer(text, 0, pos)) % 2 == 1


@dataclass(frozen=True)
class Piece:
    """Where a piece sits in its file."""

    index: int
    count: int
    #: The offset of its first character in the file's text.
    offset: int
    #: Line breaks before it: its first line is the file's line ``line + 1``.
    line: int
    #: Characters between the start of its first line and the piece's start
    #: (0 when the piece starts a line).
    column: int

    @property
    def last(self) -> bool:
        return self.index == self.count - 1


class Cursor:
    """Walks a text forward, keeping the line and column of a position, so
    pieces are placed in one pass over the text however many there are."""

    def __init__(self) -> None:
        self.offset = 0
        self.line = 0
        self.column = 0

    def here(self, index: int, count: int) -> Piece:
        return Piece(index, count, self.offset, self.line, self.column)

    def advance(self, text: str) -> None:
        """Move past ``text``, the characters from the current position on."""
        breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
        self.offset += len(text)
        if breaks:
            self.line += breaks
            last = max(text.rfind("\n"), text.rfind("\r"))
            self.column = len(text) - last - 1
        else:
            self.column += len(text)


def split(text: str, path: str, size: int | None = None) -> Iterator[tuple[Piece, str]]:
    """The pieces of ``text`` (about ``size`` characters each, default
    :data:`PIECE_SIZE`), with where each sits in it."""
    markdown = path.lower().endswith((".md", ".markdown"))
    cuts = list(cut_points(text, size or PIECE_SIZE, markdown=markdown))
    cursor = Cursor()
    for i, (start, end) in enumerate(cuts):
        piece = text[start:end]
        yield cursor.here(i, len(cuts)), piece
        cursor.advance(piece)


def shift(d: Diagnostic, piece: Piece) -> Diagnostic:
    """``d``, found in a piece, with the file's offsets, lines and columns."""
    if piece.offset == 0:
        return d
    k = piece.offset
    return replace(
        d,
        span=Span(d.span.start + k, d.span.end + k),
        fix=d.fix.shifted(k) if d.fix is not None else None,
        line=d.line + piece.line,
        column=d.column + (piece.column if d.line == 1 else 0),
        end_line=d.end_line + piece.line,
        end_column=d.end_column + (piece.column if d.end_line == 1 else 0),
    )
