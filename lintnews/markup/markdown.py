"""Markdown: which parts of a Markdown article are prose, and which are never linted.

markdown-it-py (CommonMark plus GFM tables) decides what every construct is,
so the regions agree with how the file renders. Two things need care:

* Block tokens only carry line numbers (``Token.map``), relative to the text
  markdown-it parsed: a copy with ``\\r\\n`` and ``\\r`` normalised to ``\\n``
  and any front matter blanked out line for line. The line numbers are the
  same in the raw text, so they are mapped back through a raw line table.
* Inline constructs (code spans, inline HTML, autolinks, link and image
  targets) carry no positions at all. The inline rules that find them are
  wrapped so that each success records ``state.pos`` before and after, in
  the coordinates of the inline token's content; that content is then
  aligned with the raw lines it came from (it is each line minus container
  prefixes such as ``> `` or list indentation).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, MutableMapping
from functools import lru_cache
from typing import Any

import regex
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from lintnews.document import Region, RegionKind
from lintnews.markup.plain import url_regions

_NEWLINE = regex.compile(r"\r\n|\r|\n")
_ATX_PREFIX = regex.compile(r"[ \t]*#+[ \t]*")
#: Characters that can start a code span, inline HTML, an autolink, a link or an image.
_INLINE_TRIGGER = regex.compile(r"[`<\[]")

#: Key in markdown-it's ``env`` under which the wrapped inline rules record spans.
_ENV_KEY = "lintnews_inline_spans"

_InlineRule = Callable[[StateInline, bool], bool]
_Span = tuple[int, int, RegionKind]

#: Outermost block tokens that become block regions (at token level 0).
_TOP_BLOCKS = {
    "heading_open": RegionKind.HEADING,
    "blockquote_open": RegionKind.QUOTE,
    "table_open": RegionKind.TABLE,
}
#: Leaf block tokens that are masked wherever they are.
_MASKED_BLOCKS = {
    "fence": RegionKind.CODE,
    "code_block": RegionKind.CODE,
    "html_block": RegionKind.HTML,
    "definition": RegionKind.URL,  # a link reference definition line
}


class _Recorder:
    """Spans found while tokenizing one inline token's content."""

    __slots__ = ("spans", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self.spans: list[_Span] = []


def _record(state: StateInline, start: int, end: int, kind: RegionKind) -> None:
    rec = state.env.get(_ENV_KEY)
    # An image's alt text is tokenized from a fresh copy of the source, whose
    # positions are not ours: only record while parsing the recorder's string.
    if rec is not None and rec.src is state.src and end > start:
        rec.spans.append((start, end, kind))


def _recording_whole(rule: _InlineRule, token_type: str, kind: RegionKind) -> _InlineRule:
    """Wrap ``rule`` to record the whole construct it consumed."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        if silent:
            return rule(state, silent)
        start = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        # The backtick rule also "succeeds" on an unmatched run, pushing no token.
        if len(state.tokens) > count and state.tokens[-1].type == token_type:
            _record(state, start, state.pos, kind)
        return True

    return wrapped


def _recording_target(rule: _InlineRule, token_type: str, label_offset: int, nested: bool) -> _InlineRule:
    """Wrap a link or image rule to record what follows the ``[label]``."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        if silent:
            return rule(state, silent)
        start = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if len(state.tokens) > count and state.tokens[-1].type == token_type:
            # Re-find the end of the label exactly as the rule did (the skip
            # cache makes this cheap); the target is `(dest "title")` or `[ref]`.
            label_end = state.md.helpers.parseLinkLabel(state, start + label_offset, not nested)
            if label_end >= 0:
                _record(state, label_end + 1, state.pos, RegionKind.URL)
        return True

    return wrapped


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"inline_definitions": True}).enable("table")
    # Inline content is tokenized by classify_markdown itself, one token at a
    # time, with a recorder in env; emphasis has no bearing on positions.
    md.disable(["inline", "text_join", "emphasis", "balance_pairs", "fragments_join"])
    ruler = md.inline.ruler

    def original(name: str) -> _InlineRule:
        fn: _InlineRule = ruler.__rules__[ruler.__find__(name)].fn
        return fn

    ruler.at("backticks", _recording_whole(original("backticks"), "code_inline", RegionKind.INLINE_CODE))
    ruler.at("autolink", _recording_whole(original("autolink"), "link_close", RegionKind.URL))
    ruler.at("html_inline", _recording_whole(original("html_inline"), "html_inline", RegionKind.HTML))
    ruler.at("link", _recording_target(original("link"), "link_close", 0, nested=False))
    ruler.at("image", _recording_target(original("image"), "image", 1, nested=True))
    return md


def _front_matter_lines(lines: list[str]) -> int:
    """Number of lines of YAML (``---``) or TOML (``+++``) front matter, or 0."""
    if not lines:
        return 0
    first = lines[0].rstrip(" \t")
    if first == "---":
        closers: tuple[str, ...] = ("---", "...")
    elif first == "+++":
        closers = ("+++",)
    else:
        return 0
    for i in range(1, len(lines)):
        if lines[i].rstrip(" \t") in closers:
            return i + 1
    return 0


def _locate(c: str, r: str, hint: int, suffix_ok: bool) -> tuple[int, list[int] | None] | None:
    """Where content line ``c`` sits in source line ``r``, at or after column ``hint``.

    Returns ``(column, None)`` when ``c`` is a verbatim substring of ``r``, or
    ``(0, columns)`` giving the column of each character of ``c`` when it is
    not (an escaped table pipe lost its backslash, a tab became spaces).
    """
    n = len(c)
    if suffix_ok:
        # A paragraph line is its source line minus container prefixes; the
        # last line also lost its trailing whitespace.
        k = len(r) - n
        if k >= hint and r.endswith(c):
            return k, None
        rs = r.rstrip()
        k = len(rs) - n
        if k >= hint and rs.endswith(c):
            return k, None
    k = r.find(c, hint)
    if k >= 0:
        return k, None
    stripped = c.lstrip()
    lead = n - len(stripped)
    if lead and stripped:
        found = _locate(stripped, r, hint, suffix_ok)
        if found is not None and found[1] is None:
            base = found[0]
            return 0, [base] * lead + list(range(base, base + len(stripped)))
    # Greedy subsequence: every character of c, in order, somewhere in r.
    cols: list[int] = []
    i = hint
    for ch in c:
        j = r.find(ch, i)
        if j < 0:
            return None
        cols.append(j)
        i = j + 1
    return 0, cols


class _ContentMap:
    """Maps offsets in an inline token's content to offsets in the raw text."""

    __slots__ = ("_lines", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []  # content offset where each content line starts
        # per content line: raw offset of its source line, column of the
        # content in that line (or per-character columns), source line length
        self._lines: list[tuple[int, int, list[int] | None, int]] = []

    def add(
        self, content_start: int, raw_line_start: int, col: int, cols: list[int] | None, length: int
    ) -> None:
        self._starts.append(content_start)
        self._lines.append((raw_line_start, col, cols, length))

    def raw(self, offset: int) -> int:
        i = bisect.bisect_right(self._starts, offset) - 1
        col = offset - self._starts[i]
        line_start, base, cols, length = self._lines[i]
        if cols is None:
            return line_start + min(base + col, length)
        if not cols:
            return line_start
        return line_start + cols[min(col, len(cols) - 1)]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        # Map the last character, not the end: an end on a line boundary is ambiguous.
        return self.raw(start), self.raw(end - 1) + 1


class _Classifier:
    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        # Line contents as markdown-it sees them (same lengths as the raw lines).
        self.lines = _NEWLINE.sub("\n", text).replace("\0", "\ufffd").split("\n")
        self.regions: list[Region] = []

    def line_end(self, line: int) -> int:
        return self.line_starts[line] + len(self.lines[line])

    def add_lines(self, first: int, stop: int, kind: RegionKind) -> None:
        """A region over source lines ``[first, stop)``, minus trailing blank lines."""
        stop = min(stop, len(self.lines))
        while stop > first + 1 and not self.lines[stop - 1].strip(" \t"):
            stop -= 1
        if stop > first:
            start, end = self.line_starts[first], self.line_end(stop - 1)
            if end > start:
                self.regions.append(Region(start, end, kind))

    def run(self) -> list[Region]:
        fm = _front_matter_lines(self.lines)
        if fm:
            self.add_lines(0, fm, RegionKind.FRONT_MATTER)
        # Blank the front matter line for line, so line numbers stay raw ones.
        source = "\n" * fm + "\n".join(self.lines[fm:])
        md = _parser()
        env: MutableMapping[str, Any] = {}
        tokens = md.parse(source, env)
        self.blocks(tokens)
        self.inlines(md, env, tokens)
        self.regions.sort(key=lambda r: (r.start, r.end))
        return self.regions

    def blocks(self, tokens: list[Token]) -> None:
        for tok in tokens:
            if tok.map is None:
                continue
            first, stop = tok.map
            kind = _MASKED_BLOCKS.get(tok.type)
            if kind is not None:
                self.add_lines(first, stop, kind)
            elif tok.level == 0 and tok.type in _TOP_BLOCKS:
                self.add_lines(first, stop, _TOP_BLOCKS[tok.type])
            elif tok.level == 1 and tok.type == "list_item_open":
                # level 1 is an item of a top-level list; deeper lists lie inside it.
                self.add_lines(first, stop, RegionKind.LIST)

    def inlines(self, md: MarkdownIt, env: MutableMapping[str, Any], tokens: list[Token]) -> None:
        cell_cursor = 0
        prev: Token | None = None
        for tok in tokens:
            if tok.type == "tr_open":
                cell_cursor = 0
            elif tok.type == "inline" and tok.map is not None and tok.content:
                content = tok.content
                spans = self.spans(md, env, content)
                first, stop = tok.map
                parent = prev.type if prev is not None else ""
                if parent in ("th_open", "td_open"):
                    # Cells share a line: always locate them, to advance the cursor.
                    cmap, cell_cursor = self.map_cell(content, first, cell_cursor)
                elif not spans:
                    pass
                elif parent == "heading_open" and prev is not None and prev.markup in ("=", "-"):
                    cmap = self.map_lines(content, first, stop - 1)  # setext: not the underline
                elif parent == "heading_open":
                    m = _ATX_PREFIX.match(self.lines[first])
                    cmap = self.map_lines(content, first, first + 1, m.end() if m else 0)
                else:
                    cmap = self.map_lines(content, first, stop)
                for start, end, kind in spans:
                    raw_start, raw_end = cmap.raw_span(start, end)
                    if raw_end > raw_start:
                        self.regions.append(Region(raw_start, raw_end, kind))
            prev = tok

    def map_lines(self, content: str, first: int, stop: int, hint: int = 0) -> _ContentMap:
        cmap = _ContentMap()
        line = first
        pos = 0
        for c in content.split("\n"):
            # Normally content line i comes from source line first + i; look a
            # little further in case trimming removed a whole line.
            found = None
            for candidate in range(line, min(stop, line + 3)):
                found = _locate(c, self.lines[candidate], hint, True)
                if found is not None:
                    line = candidate
                    break
            line = min(line, len(self.lines) - 1)
            r = self.lines[line]
            col, cols = found if found is not None else (max(0, len(r) - len(c)), None)
            cmap.add(pos, self.line_starts[line], col, cols, len(r))
            pos += len(c) + 1
            line += 1
            hint = 0
        return cmap

    def map_cell(self, content: str, line: int, cursor: int) -> tuple[_ContentMap, int]:
        r = self.lines[line]
        found = _locate(content, r, cursor, False)
        col, cols = found if found is not None else (min(cursor, len(r)), None)
        cmap = _ContentMap()
        cmap.add(0, self.line_starts[line], col, cols, len(r))
        end = col + len(content) if cols is None else (cols[-1] + 1 if cols else col)
        return cmap, end

    @staticmethod
    def spans(md: MarkdownIt, env: MutableMapping[str, Any], content: str) -> list[_Span]:
        """Masked spans of one inline token's content, in content offsets."""
        spans: list[_Span] = []
        if _INLINE_TRIGGER.search(content):
            rec = _Recorder(content)
            env[_ENV_KEY] = rec
            try:
                md.inline.tokenize(StateInline(content, md, env, []))
            finally:
                del env[_ENV_KEY]
            spans = sorted(rec.spans)
        # Bare URLs and e-mail addresses in the prose between the constructs.
        found: list[_Span] = []
        pos = 0
        for start, end, _ in spans:
            if start > pos:
                found.extend((r.start, r.end, r.kind) for r in url_regions(content, pos, start))
            pos = max(pos, end)
        if pos < len(content):
            found.extend((r.start, r.end, r.kind) for r in url_regions(content, pos, len(content)))
        return spans + found


def classify_markdown(text: str) -> list[Region]:
    """Non-prose regions of a Markdown file, sorted by start.

    Block kinds (HEADING, QUOTE, LIST, TABLE) cover whole source lines of the
    outermost such block and never overlap each other. Masked kinds (CODE,
    HTML, FRONT_MATTER, INLINE_CODE, URL) may lie inside a block. Offsets are
    code-point offsets into ``text`` as given (``\\r\\n``, ``\\r`` and ``\\n``
    all end lines).
    """
    if not text:
        return []
    return _Classifier(text).run()
