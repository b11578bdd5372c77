"""A decoded article and the views every rule shares.

A Document is tokenized once: regions, the masked text, words, sentences,
paragraphs and quotation spans are computed lazily on first use and cached,
so twenty rules cost one tokenization, not twenty.
"""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, repeat
from typing import TYPE_CHECKING, NamedTuple

import regex

from lintnews.segment import split_sentences

if TYPE_CHECKING:
    from lintnews.suppress import Suppressions

#: Replaces every masked character (code, HTML, URLs, ...) in ``Document.masked``.
#: A noncharacter: it is not a letter, space or punctuation, so no rule
#: pattern matches it, and the masked text keeps the raw text's offsets.
MASK_CHAR = "\uffff"


class RegionKind(str, enum.Enum):
    PROSE = "prose"
    HEADING = "heading"
    QUOTE = "quote"  # a Markdown block quote
    LIST = "list"  # a list item
    TABLE = "table"
    CODE = "code"  # fenced or indented code block
    INLINE_CODE = "inline-code"
    HTML = "html"  # HTML blocks, inline HTML and comments
    FRONT_MATTER = "front-matter"
    URL = "url"  # bare URLs, e-mail addresses, link targets
    DIRECTIVE = "directive"  # a lintnews suppression comment line


#: Regions whose text is never linted: they are masked out of ``Document.masked``.
MASKED_KINDS = frozenset(
    {
        RegionKind.CODE,
        RegionKind.INLINE_CODE,
        RegionKind.HTML,
        RegionKind.FRONT_MATTER,
        RegionKind.URL,
        RegionKind.DIRECTIVE,
    }
)

#: What a rule sees by default: any text a reader reads as prose.
PROSE_KINDS = frozenset(
    {RegionKind.PROSE, RegionKind.HEADING, RegionKind.QUOTE, RegionKind.LIST, RegionKind.TABLE}
)


@dataclass(frozen=True, slots=True)
class Region:
    start: int
    end: int
    kind: RegionKind


class Token(NamedTuple):
    start: int
    end: int
    text: str


_NEWLINE = re.compile(r"\r\n|\r|\n")
#: A word: letters, digits and marks, with inner apostrophes. ``regex``'s
#: ``\w`` (Unicode's definition: combining marks are word characters, ``²``
#: is not) differs from ``re``'s outside ASCII; on ASCII text the two agree,
#: and ``re`` is faster, so ``_WORD_ASCII`` serves ASCII documents.
_WORD = regex.compile(r"\w+(?:['’]\w+)*")
_WORD_ASCII = re.compile(r"\w+(?:['’]\w+)*")
#: The shape of a word token (``re`` flavour), for scanners that work on a
#: piece of the text rather than on the Document (``lintnews.lostquotes``).
WORD_PATTERN = _WORD_ASCII
#: The same, capturing, for ``split``: words and the text between them.
_WORD_SPLIT = regex.compile(r"(\w+(?:['’]\w+)*)")
_WORD_SPLIT_ASCII = re.compile(r"(\w+(?:['’]\w+)*)")
#: A paragraph break: a line break, a blank line (nothing but whitespace) and
#: its line break, and any further blank lines. ``\r\n`` is one line break,
#: never ``\r`` then ``\n``: ``\r(?!\n)`` stops a lone ``\r`` from being the
#: first half of a CRLF. (``re``'s ``\s`` is exactly ``str.isspace``.)
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r|\n)\s*")
#: Builds a Token from a (start, end, text) tuple without a Python-level call.
_new_tuple = tuple.__new__


class LineIndex:
    """Maps offsets to 1-based (line, column) in code points, and back.

    ``\\r\\n``, ``\\n`` and a lone ``\\r`` each end a line.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        if "\r" in text:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        else:
            # Line k+1 starts one past the end of line k: running sums in C.
            self._starts = list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def offset(self, line: int, column: int = 1) -> int:
        return self._starts[line - 1] + column - 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset of the end of the line's content (before its newline)."""
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        while end > self._starts[line - 1] and self._text[end - 1] in "\r\n":
            end -= 1
        return end

    def line_text(self, line: int) -> str:
        return self._text[self.line_start(line) : self.line_end(line)]


class Document:
    """One article: its decoded text (BOM removed, newlines as in the file)."""

    def __init__(self, text: str, path: str = "-", markup: str | None = None) -> None:
        self.text = text
        self.path = path
        self.markup = markup or markup_for_path(path)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def regions(self) -> list[Region]:
        """Non-prose regions, sorted by start.

        Block kinds (heading, quote, list, table) never overlap each other;
        masked kinds (code, HTML, URLs, ...) may lie inside a block.
        """
        from lintnews.markup import classify

        return classify(self.text, self.markup)

    @cached_property
    def _blocks(self) -> tuple[list[int], list[Region]]:
        blocks = sorted(
            (r for r in self.regions if r.kind not in MASKED_KINDS),
            key=lambda r: r.start,
        )
        return [r.start for r in blocks], blocks

    @cached_property
    def _masks(self) -> tuple[list[int], list[Region]]:
        merged: list[Region] = []
        for r in sorted((r for r in self.regions if r.kind in MASKED_KINDS), key=lambda r: r.start):
            if merged and r.start <= merged[-1].end:
                last = merged[-1]
                if r.end > last.end:
                    merged[-1] = Region(last.start, r.end, last.kind)
            else:
                merged.append(r)
        return [r.start for r in merged], merged

    def kind_at(self, offset: int) -> RegionKind:
        """The kind of text at ``offset``: a mask wins over the block around it."""
        for starts, regions in (self._masks, self._blocks):
            i = bisect.bisect_right(starts, offset) - 1
            # Blocks do not overlap each other, masks are merged: the nearest
            # region starting at or before offset is the only candidate.
            if i >= 0 and regions[i].start <= offset < regions[i].end:
                return regions[i].kind
        return RegionKind.PROSE

    def is_masked(self, start: int, end: int | None = None) -> bool:
        """True if any character of ``[start, end)`` is masked."""
        end = start + 1 if end is None else end
        starts, masks = self._masks
        i = bisect.bisect_right(starts, end - 1) - 1
        return i >= 0 and masks[i].end > start

    @cached_property
    def masked(self) -> str:
        """The text with every masked region's characters replaced by MASK_CHAR.

        Newlines are kept so line structure survives. Same length as ``text``,
        so offsets found in it are offsets into ``text``.
        """
        _, masks = self._masks
        if not masks:
            return self.text
        text = self.text
        parts: list[str] = []
        pos = 0
        for r in masks:
            parts.append(text[pos : r.start])
            region = text[r.start : r.end]
            if "\n" in region or "\r" in region:
                parts.append(_NON_NEWLINE.sub(MASK_CHAR, region))
            else:
                parts.append(MASK_CHAR * len(region))
            pos = r.end
        parts.append(text[pos:])
        return "".join(parts)

    @cached_property
    def suppressions(self) -> Suppressions:
        """The inline ``lintnews:`` directives of this document."""
        from lintnews.suppress import parse

        return parse(self.text, self.markup, self.lines)

    @cached_property
    def _ascii(self) -> bool:
        # MASK_CHAR is no word character for either engine: the text decides.
        return self.text.isascii()

    @cached_property
    def words(self) -> list[Token]:
        """Word tokens of the lintable text (letters, digits, inner apostrophes)."""
        # One split in C gives the words and the text between them; running
        # sums of their lengths give the offsets, with no Python call per word.
        parts = (_WORD_SPLIT_ASCII if self._ascii else _WORD_SPLIT).split(self.masked)
        offsets = list(accumulate(map(len, parts), initial=0))
        spans = zip(offsets[1:-1:2], offsets[2::2], parts[1::2], strict=True)
        return list(map(_new_tuple, repeat(Token), spans))

    def word_texts(self, start: int, end: int) -> list[str]:
        """The words of ``doc.masked[start:end]`` as strings, without tokens.

        The same words as the ``words`` tokens that start in ``[start, end)``
        when neither ``start`` nor ``end`` falls inside a word (a line, a
        paragraph); much cheaper when a rule needs only their text or count.
        """
        return (_WORD_ASCII if self._ascii else _WORD).findall(self.masked, start, end)

    @cached_property
    def paragraphs(self) -> list[Token]:
        """Blocks of text separated by blank lines (raw text, trimmed).

        A blank line holds nothing but whitespace; ``\r\n``, ``\n`` and a lone
        ``\r`` each end a line, so one CRLF is never a paragraph break.
        """
        out: list[Token] = []
        pos = 0
        text = self.text
        for m in _PARAGRAPH_BREAK.finditer(text):
            _add_trimmed(out, text, pos, m.start())
            pos = m.end()
        _add_trimmed(out, text, pos, len(text))
        return out

    @cached_property
    def sentences(self) -> list[Token]:
        """Sentences inside each paragraph, split by the news-aware splitter
        (lintnews.segment: abbreviations, initials, U.S., No. 10, a.m., quotes)."""
        text, masked = self.text, self.masked
        return [
            _new_tuple(Token, (start, end, text[start:end]))
            for para in self.paragraphs
            for start, end in split_sentences(text, masked, para.start, para.end)
        ]

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Spans of quoted words: inside quotation marks, and Markdown block quotes.

        Curly quotes pair by direction; straight double quotes pair in order.
        Apostrophes are never quote marks. A quotation never runs across a
        paragraph break. In plain text it never runs across a line break
        either; in Markdown it may, inside one paragraph.

        Why the two differ: a Markdown paragraph is wrapped source, its lines
        are one paragraph to the reader (CommonMark joins them), so a quoted
        passage can start on one line and end on the next. Plain-text news
        copy (extractor output, corpora, CMS exports) is one paragraph per
        line, often without blank lines between them: there a line break ends
        the paragraph, and a stray or unclosed mark on one line (a cut
        paragraph) must not pair with a mark lines later and mark everything
        between as quoted, which would silence the style rules there.
        """
        text = self.text
        spans: list[tuple[int, int]] = [(r.start, r.end) for r in self.regions if r.kind is RegionKind.QUOTE]
        if self.markup == "markdown":
            for para in self.paragraphs:
                spans.extend(m.span() for m in _CURLY.finditer(text, para.start, para.end))
                spans.extend(m.span() for m in _STRAIGHT.finditer(text, para.start, para.end))
        else:
            # No pair crosses a line, so none crosses a paragraph: one scan of
            # the whole text finds what a scan of each line would.
            spans.extend(m.span() for m in _CURLY_LINE.finditer(text))
            spans.extend(m.span() for m in _STRAIGHT_LINE.finditer(text))
        spans.sort()
        return spans

    @cached_property
    def code_like(self) -> list[tuple[int, int]]:
        """Spans of code pasted into the prose, sorted (``lintnews.codelike``):
        an embed script run into a sentence, a scraped page template. Markup
        code blocks are masked already; these are what plain text carries
        unmarked. Rules whose ``in_code`` is False do not report there."""
        from lintnews.codelike import code_like_spans

        return code_like_spans(self.masked)

    def in_code_like(self, offset: int) -> bool:
        """True if ``offset`` lies inside a code-like span."""
        spans = self.code_like
        if not spans:
            return False
        i = bisect.bisect_right(spans, (offset, len(self.text) + 1)) - 1
        return i >= 0 and spans[i][0] <= offset < spans[i][1]

    @cached_property
    def _quote_index(self) -> tuple[list[int], list[int]]:
        # starts, and the running maximum of ends: a span starting at or before
        # `start` contains [start, end) iff the largest such end reaches `end`.
        starts: list[int] = []
        max_ends: list[int] = []
        best = -1
        for s, e in self.quotes:
            best = max(best, e)
            starts.append(s)
            max_ends.append(best)
        return starts, max_ends

    def in_quotes(self, start: int, end: int | None = None) -> bool:
        """True if ``[start, end)`` lies inside one quotation."""
        end = start + 1 if end is None else end
        starts, max_ends = self._quote_index
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and max_ends[i] >= end


_NON_NEWLINE = re.compile(r"[^\r\n]")
# Quotation pairs (see Document.quotes). Markdown: inside one paragraph,
# across its soft line breaks (a straight pair on one line is preferred).
# Plain text: inside one line.
_CURLY = re.compile(r"“[^“”]*”")
_STRAIGHT = re.compile(r'"[^"\r\n]*"|"[^"]*"')
_CURLY_LINE = re.compile(r"“[^“”\r\n]*”")
_STRAIGHT_LINE = re.compile(r'"[^"\r\n]*"')


def _add_trimmed(out: list[Token], text: str, start: int, end: int) -> None:
    # str.strip() trims exactly the characters str.isspace() accepts.
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        start += len(chunk) - len(chunk.lstrip())
        out.append(_new_tuple(Token, (start, start + len(stripped), stripped)))


MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


def markup_for_path(path: str) -> str:
    lowered = path.lower()
    for suffix in MARKDOWN_SUFFIXES:
        if lowered.endswith(suffix):
            return "markdown"
    return "plain"
