"""Document-structure rules (LN4xx): duplicated paragraphs, repeated
attribution lines, and boilerplate learned across the files of a run.

The family's pattern rules are data: the author bio and byline rule (LN403)
and the promo-line rule (LN404) are TOML pack rules in ``rules/boilerplate.toml``,
and the attribution-line pattern that LN402 counts lives in
``rules/sources.toml`` (as the off-by-default rule LN406, which flags every
attribution line). The rules here are the ones that need logic a pattern
cannot express: comparing paragraphs with each other (LN401), counting and
merging attribution lines (LN402) and counting lines across documents (LN405).

Every rule works on whole lines, read from the shared ``doc.lines`` index;
words are read from ``doc.masked`` line by line (``doc.word_texts``, the words
of ``doc.words`` without a token object per word), and only where a decision
needs them. A removal fix takes the line and its line break, and the blank
lines that would otherwise be left as a hole (see ``removal_edits``), so that
a fixed article keeps exactly one blank line between paragraphs, its newline
style (CRLF stays CRLF) and its final newline. Everything is linear in the
size of the text: 50,000 identical lines cost one dictionary lookup each.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

import regex

from lintnews.diagnostics import Applicability, Edit, Fix, Severity
from lintnews.document import PROSE_KINDS, Document, RegionKind
from lintnews.rule import Context, Example, Rule

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE
DISPLAY_ONLY = Applicability.DISPLAY_ONLY


# --------------------------------------------------------------------------
# Lines and their removal
# --------------------------------------------------------------------------


class Line(NamedTuple):
    """One non-blank line of a document: its 1-based number and the offsets
    of its content without the surrounding spaces and tabs."""

    number: int
    start: int
    end: int


def content_lines(doc: Document) -> list[Line]:
    """The non-blank lines of ``doc``, trimmed, from the shared line index."""
    index = doc.lines
    text = doc.text
    out: list[Line] = []
    append = out.append
    for n in range(1, index.line_count + 1):
        start, end = index.line_start(n), index.line_end(n)
        if start == end:
            continue
        if text[start] in " \t" or text[end - 1] in " \t":
            while start < end and text[start] in " \t":
                start += 1
            while end > start and text[end - 1] in " \t":
                end -= 1
        if start < end and not text[start:end].isspace():
            append(Line(n, start, end))
    return out


def _blank(doc: Document, n: int) -> bool:
    index = doc.lines
    start, end = index.line_start(n), index.line_end(n)
    return start == end or doc.text[start:end].isspace()


def removal_edits(doc: Document, numbers: Iterable[int]) -> list[Edit]:
    """Edits that delete the given lines (1-based) cleanly.

    A removed line takes its own line break with it. Where removed lines and
    the blank lines around them form a run between two paragraphs, one blank
    line is kept (the first one: paragraphs stay apart, and no blank hole or
    double blank line is left). A run at the start of the text takes its
    trailing blank lines too; a run at the end takes the blank lines before
    it, so the text still ends with the last paragraph's own line break (or
    without one, if the text had none). Runs are found by walking only over
    the blank and removed lines next to each removed line: linear in the
    number of lines touched. Adjacent runs become one edit.
    """
    index = doc.lines
    text = doc.text
    count = index.line_count
    remove = sorted(set(numbers))
    gone = set(remove)

    def empty(n: int) -> bool:
        return n in gone or _blank(doc, n)

    spans: list[tuple[int, int]] = []
    done = 0  # last line already covered by a run
    for n in remove:
        if n <= done:
            continue
        s = n
        while s > 1 and empty(s - 1):
            s -= 1
        e = n
        while e < count and empty(e + 1):
            e += 1
        done = e
        removed = [k for k in range(s, e + 1) if k in gone]
        first, last = removed[0], removed[-1]
        has_blank = len(removed) < e - s + 1
        before, after = s > 1, e < count  # a paragraph before / after the run
        if before and after:
            if not has_blank:
                lo, hi = s, e
            elif first > s:  # blank lines before the first removed line: keep them
                lo, hi = first, e
            else:  # the run starts with removed lines: keep the blank lines after the last
                lo, hi = s, last
            span = (index.line_start(lo), index.line_start(hi + 1))
        elif after:  # at the start of the text
            span = (index.line_start(first), index.line_start(e + 1))
        elif before:  # at the end of the text
            if text.endswith(("\n", "\r")):
                span = (index.line_start(s), len(text))
            else:
                span = (index.line_end(s - 1), len(text))
        else:  # nothing but removed and blank lines
            span = (0, len(text))
        if spans and spans[-1][1] >= span[0]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], span[1]))
        elif span[1] > span[0]:
            spans.append(span)
    return [Edit(a, b, "") for a, b in spans]


def _removal_fix(
    doc: Document, numbers: Iterable[int], title: str, applicability: Applicability
) -> Fix | None:
    edits = removal_edits(doc, numbers)
    return Fix(tuple(edits), applicability, title) if edits else None


def _shown(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: Every ASCII byte that is neither a word character nor whitespace.
_NON_WORD_BYTES = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_" or chr(c).isspace()))


def _words_at_least(doc: Document, start: int, end: int) -> int:
    """A lower bound of the number of words of ``[start, end)``, in C.

    ``[start, end)`` is a line or a run of lines, so no word is cut. Counting
    words exactly takes a regex scan (``doc.word_texts``), the most expensive
    step of LN401; most lines are long enough that a lower bound decides.

    The bound counts the whitespace-separated tokens that hold an ASCII word
    character: each holds a word of its own, since no word holds whitespace.
    Everything else is deleted, so a token of punctuation (``—``) is no token;
    a character outside ASCII becomes ``?`` and is deleted, which can only
    join tokens (``5\u00a0km``), never split one.
    """
    span = doc.masked[start:end].encode("ascii", "replace").translate(None, _NON_WORD_BYTES)
    return len(span.split())


def _word_count(doc: Document, start: int, end: int) -> int:
    """The number of words of ``[start, end)`` (a line or a run of lines, so
    no word is cut): the words of ``doc.words`` there, without their tokens."""
    return len(doc.word_texts(start, end))


def _has_words(doc: Document, start: int, end: int, n: int) -> bool:
    """Whether ``[start, end)`` has at least ``n`` words."""
    return _words_at_least(doc, start, end) >= n or _word_count(doc, start, end) >= n


def _word_key(words: list[str]) -> tuple[str, ...]:
    """Words case-folded: what stays when case, punctuation and spacing are ignored."""
    return tuple(map(str.casefold, words))


def _normalised(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------
# LN401 duplicated-paragraph
# --------------------------------------------------------------------------

#: Lines the duplicate rule compares: prose and block quotes. Headings,
#: list items and table rows repeat by design (two "Background" sections,
#: two "Winners meet in the final" fixtures).
_DUPLICATE_KINDS = frozenset({RegionKind.PROSE, RegionKind.QUOTE})
#: A line shorter than this is compared only if it ends like a sentence.
_DUPLICATE_MIN_WORDS = 8
#: ... and never when shorter than this (`Advertisement`, `—`, `Close`).
_DUPLICATE_MIN_WORDS_SENTENCE = 4
_SENTENCE_END = regex.compile(r"[.!?…][\"'’”)\]]*\Z")
#: A list item in plain text: `- item`, `* item`, `• item`, `1. item`, `2) item`.
_BULLET = regex.compile(r"(?:[-*•·–]|\d{1,3}[.)])[ \t]")
#: Near duplicates: the same words with a few changed, compared only with the
#: last few lines that share their first or last words, so each line costs
#: a bounded number of comparisons.
_NEAR_MIN_WORDS = 12
_NEAR_MAX_WORDS = 400
_NEAR_RATIO = 0.9
_NEAR_ANCHOR = 4
_NEAR_CANDIDATES = 3


class DuplicatedParagraph(Rule):
    """## What it flags
    A paragraph or line that repeats an earlier one in the same article:
    an exact copy once spacing is ignored, or a near copy (the same words
    with small differences of case, punctuation or a word or two).

    Headings, list items, table rows and short lines are not compared: two
    sections may share a heading, a fixture list repeats ``Winners meet in
    the final``, and a page may repeat ``Advertisement`` (LN404 owns page
    furniture). A line is compared when it has at least eight words, or at
    least four and ends like a sentence. A whole multi-line paragraph that
    repeats is one finding; otherwise each line is compared on its own, which
    is what extractor output without blank lines needs.

    ## Why
    Scrapers and copy-paste repeat paragraphs: the same caption twice, the
    standfirst again as the first paragraph, a block pasted twice during an
    edit. Readers notice at once.

    ## Example
    ``Talks resumed on Monday.`` twice in a row: the second copy is flagged.

    ## Fix safety
    Safe for an exact copy: the fix removes the later copy with its line
    break, and the text it removes is already in the article word for word.
    A near copy gets a display-only suggestion to remove it: which version
    is right is an editor's call.
    """

    code = "LN401"
    name = "duplicated-paragraph"
    summary = "Duplicated paragraph"
    fixable = True
    # On: no finding on the clean BBC corpus (its one repeated line is a
    # fixture list, which is short and not compared).
    default = True
    # A repeated line is a copy defect, not someone's words: a quotation pasted
    # twice is still pasted twice.
    in_quotes = True
    # A duplicated paragraph is duplicated, code or not.
    in_code = True
    examples = (
        Example(
            "Talks resumed on Monday in Geneva.\n\nTalks resumed on Monday in Geneva.\n\nBoth sides left.\n",
            "Talks resumed on Monday in Geneva.\n\nBoth sides left.\n",
        ),
        Example(
            "The mayor opened the new bridge over the river on Friday afternoon\n"
            "A crowd watched from the banks.\n"
            "The mayor opened the new bridge over the river on Friday afternoon\n",
            "The mayor opened the new bridge over the river on Friday afternoon\n"
            "A crowd watched from the banks.\n",
        ),
        Example(
            "Prices rose by 5% in March, the statistics office said on Tuesday morning.\r\n\r\n"
            "Analysts had expected less.\r\n\r\n"
            "Prices rose by 5% in March, the statistics office said on Tuesday morning.\r\n",
            "Prices rose by 5% in March, the statistics office said on Tuesday morning.\r\n\r\n"
            "Analysts had expected less.\r\n",
        ),
        Example(
            "The council voted to close the library at the end of the year, officials said.\n\n"
            "The council voted to close the library at the end of this year, officials said.\n",
            None,
        ),
    )
    ok = (
        "Seychelles v South Africa\n\nWinners meet in final match\n\n"
        "Lesotho v Malawi\n\nWinners meet in final match\n",
        "Advertisement\n\nThe vote was close.\n\nAdvertisement\n",
        "## Background\n\nOne story.\n\n## Background\n\nAnother story.\n",
        "- the same list item in the first list here\n\n"
        "Text between the lists.\n\n- the same list item in the first list here\n",
        "He said no.\n\nShe said no.\n",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.text
        seen: dict[str, int] = {}  # normalised text -> first line number
        near = _NearIndex(doc)
        run: list[tuple[Sequence[Line], int]] = []  # consecutive exact copies: (lines, first seen at)
        for block in _blocks(content_lines(doc)):
            if len(block) > 1:
                key = _normalised(text[block[0].start : block[-1].end])
                first = seen.get(key)
                if first is not None and self._comparable(doc, block[0].start, block[-1].end):
                    run.append((block, first))
                    continue
                seen.setdefault(key, block[0].number)
            for line in block:
                first = self._check_line(doc, ctx, line, seen, near)
                if first is not None:
                    run.append(((line,), first))
                elif run and not _furniture(text, line):
                    self._report_run(doc, ctx, run)
                    run = []
        self._report_run(doc, ctx, run)

    def _comparable(self, doc: Document, start: int, end: int) -> int:
        """0 if ``[start, end)`` is not compared; else its number of words,
        or a lower bound of it when that is at least ``_NEAR_MIN_WORDS``."""
        text = doc.text
        # Fewer than three spaces: fewer than four words, never compared.
        if text.count(" ", start, end) < _DUPLICATE_MIN_WORDS_SENTENCE - 1:
            return 0
        if doc.kind_at(start) not in _DUPLICATE_KINDS or _BULLET.match(text, start):
            return 0
        words = _words_at_least(doc, start, end)
        if words >= _NEAR_MIN_WORDS:
            return words
        words = _word_count(doc, start, end)
        if words >= _DUPLICATE_MIN_WORDS:
            return words
        if words >= _DUPLICATE_MIN_WORDS_SENTENCE and _SENTENCE_END.search(text, start, end) is not None:
            return words
        return 0

    def _check_line(
        self,
        doc: Document,
        ctx: Context,
        line: Line,
        seen: dict[str, int],
        near_index: _NearIndex,
    ) -> int | None:
        """The line number of the earlier copy if ``line`` is an exact copy;
        reports a near copy itself."""
        words = self._comparable(doc, line.start, line.end)
        if not words:
            return None
        key = _normalised(doc.text[line.start : line.end])
        first = seen.get(key)
        if first is not None:
            return first
        seen[key] = line.number
        if words < _NEAR_MIN_WORDS:
            return None
        near = near_index.match_or_add(line)
        if near is not None:
            ctx.report(
                line.start,
                line.end,
                f"Near-duplicate of line {near}: '{_shown(doc.text[line.start : line.end])}'",
                fix=_removal_fix(doc, [line.number], "Remove the near-duplicate", DISPLAY_ONLY),
            )
            return None
        return None

    def _report_run(self, doc: Document, ctx: Context, run: Sequence[tuple[Sequence[Line], int]]) -> None:
        """One finding for consecutive exact copies (a repeated block, or the
        same paragraph many times over): one fix removes them all."""
        if not run:
            return
        text = doc.text
        start, end = run[0][0][0].start, run[-1][0][-1].end
        numbers = [line.number for lines, _ in run for line in lines]
        firsts = sorted({first for _, first in run})
        where = f"line {firsts[0]}" if len(firsts) == 1 else f"lines {firsts[0]}–{firsts[-1]}"
        if len(run) == 1:
            what = "Paragraph" if len(run[0][0]) > 1 else "Line"
            message = f"{what} repeats {where}: '{_shown(text[start:end])}'"
        else:
            message = f"{len(run)} paragraphs in a row repeat {where}: '{_shown(text[start:end])}'"
        ctx.report(start, end, message, fix=_removal_fix(doc, numbers, "Remove the repeated copy", SAFE))


def _blocks(lines: Sequence[Line]) -> Iterable[Sequence[Line]]:
    """Runs of consecutive non-blank lines (paragraphs, as the line index sees them)."""
    block: list[Line] = []
    for line in lines:
        if block and line.number != block[-1].number + 1:
            yield block
            block = []
        block.append(line)
    if block:
        yield block


def _furniture(text: str, line: Line) -> bool:
    """A short line between two copies (`Advertisement`) does not end a run of copies."""
    return line.end - line.start <= 40 and text.count(" ", line.start, line.end) < 3


#: Where the first and last words of a long line are looked for: a window at
#: each end, cut at a space so that no word is cut.
_NEAR_WINDOW = 100
_Words = tuple[str, ...]  # case-folded words


class _NearIndex:
    """The long lines (``_NEAR_MIN_WORDS`` words or more) compared so far,
    for near copies: the same case-folded words as an earlier line, or a line
    that shares its first or last ``_NEAR_ANCHOR`` words with one of the last
    ``_NEAR_CANDIDATES`` lines that do, and most of its words.

    A line's words are read only when another line shares its first and last
    words (or one of them, for the similarity test): a line of ordinary prose
    costs two small windows, not a scan of all its words.
    """

    __slots__ = ("_doc", "_exact", "_heads", "_tails", "_words")

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        # Ends are keys of case-folded words joined by spaces (no word holds a space).
        # (first words, last words) -> lines not yet read, and read lines by their words.
        # Two lines with the same words have the same ends: only lines that share
        # their ends are ever read. No two lines in the index have the same words.
        self._exact: dict[tuple[str, str], tuple[list[Line], dict[_Words, int]]] = {}
        self._heads: dict[str, list[Line]] = {}  # first words -> the last few lines with them
        self._tails: dict[str, list[Line]] = {}  # last words -> the last few lines with them
        self._words: dict[int, _Words] = {}  # line number -> its case-folded words

    def words(self, line: Line) -> _Words:
        words = self._words.get(line.number)
        if words is None:
            words = self._words[line.number] = _word_key(self._doc.word_texts(line.start, line.end))
        return words

    def _ends(self, line: Line) -> tuple[str, str]:
        """The first and last ``_NEAR_ANCHOR`` words, case-folded and joined by spaces."""
        start, end = line.start, line.end
        if end - start > 2 * _NEAR_WINDOW:
            doc, masked = self._doc, self._doc.masked
            # Words cannot contain a space: the words before the last space of the
            # first window are the line's first words, and likewise at the end.
            cut = masked.rfind(" ", start, start + _NEAR_WINDOW)
            first = doc.word_texts(start, cut) if cut > start else []
            cut = masked.find(" ", end - _NEAR_WINDOW, end)
            last = doc.word_texts(cut + 1, end) if cut >= 0 else []
            if len(first) >= _NEAR_ANCHOR and len(last) >= _NEAR_ANCHOR:
                # str.casefold works character by character: folding the joined
                # words is folding each word.
                return " ".join(first[:_NEAR_ANCHOR]).casefold(), " ".join(last[-_NEAR_ANCHOR:]).casefold()
        words = self.words(line)
        return " ".join(words[:_NEAR_ANCHOR]), " ".join(words[-_NEAR_ANCHOR:])

    def match_or_add(self, line: Line) -> int | None:
        """The number of an earlier line that ``line`` nearly copies; if none,
        ``line`` joins the index."""
        head, tail = ends = self._ends(line)
        exact = self._exact.get(ends)
        if exact is not None:
            pending, by_words = exact
            for other in pending:
                by_words[self.words(other)] = other.number
            pending.clear()
            number = by_words.get(self.words(line))
            if number is not None:
                return number
        heads, tails = self._heads.get(head), self._tails.get(tail)
        if heads or tails:
            words = self.words(line)
            if len(words) <= _NEAR_MAX_WORDS:
                candidates: list[Line] = [*(heads or []), *(tails or [])]
                for other in candidates:
                    other_words = self.words(other)
                    if not 0.8 <= len(words) / len(other_words) <= 1.25:
                        continue
                    matcher = difflib.SequenceMatcher(None, other_words, words, autojunk=False)
                    if matcher.ratio() >= _NEAR_RATIO:
                        return other.number
        if exact is None:
            self._exact[ends] = ([line], {})
        else:
            exact[0].append(line)
        for bucket, index, key in ((heads, self._heads, head), (tails, self._tails, tail)):
            if bucket is None:
                index[key] = [line]
            else:
                bucket.append(line)
                if len(bucket) > _NEAR_CANDIDATES:
                    del bucket[0]
        return None


# --------------------------------------------------------------------------
# LN402 repeated-attribution
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def attribution_pattern() -> regex.Pattern[str]:
    """The attribution-line pattern of ``rules/sources.toml`` (rule LN406).

    It matches one whole line, with named groups ``label`` and ``sources``.
    """
    from lintnews.errors import ConfigError
    from lintnews.packs import PackRule, load_pack, shipped_pack_paths

    for path in shipped_pack_paths():
        if path.name == "sources.toml":
            for rule in load_pack(path).rules:
                if rule.name == "attribution-line" and issubclass(rule, PackRule):
                    return rule.pattern
    raise ConfigError("rules/sources.toml with the 'attribution-line' rule is missing from this installation")


_LONE_CR = regex.compile(r"\r(?!\n)")
_SOURCE_SPLIT = regex.compile(r"\s*[,;|]\s*|\s+/\s+")
_SOURCE_TRIM = " \t.;,"


@functools.lru_cache(maxsize=1024)
def _split_sources(raw: str) -> tuple[str, ...]:
    return tuple(s.strip(_SOURCE_TRIM) for s in _SOURCE_SPLIT.split(raw) if s.strip(_SOURCE_TRIM))


@dataclass(frozen=True, slots=True)
class _Attribution:
    line: int
    start: int  # the line's content
    end: int
    sources_start: int
    sources_end: int


class RepeatedAttribution(Rule):
    """## What it flags
    An article with more than one attribution line: a line of its own such
    as ``Source: AP``, ``Sources: Reuters, AFP``, ``(Source: Daily Mail)``,
    ``Via: The Hill``, ``Credit: EPA`` or ``With information from Reuters``.
    Every attribution line after the first is flagged, whether it repeats the
    first (``Source: AP`` twice) or names another source (``Source: AP``,
    then ``Source: Gestion``).

    One attribution line is fine. An attribution glued to the end of a
    sentence (``... on Monday. Source: CNN``) is not a line and is not
    counted: it credits the passage before it. The pattern lives in
    ``rules/sources.toml`` (rule LN406, which flags every attribution line
    when selected); the ``labels`` option adds labels of your own, such as
    ``labels = ["Fuente", "Quelle"]``.

    ## Why
    Syndicated and aggregated copy collects one attribution line per hop;
    a published story credits its sources once.

    ## Example
    ``Source: AP`` near the top and ``Source: Gestion`` at the foot become
    one line, ``Source: AP, Gestion``, where the first one was.

    ## Fix safety
    Unsafe: the fix rewrites the first attribution line to list each source
    once, in order of appearance, and deletes the others. Where each line
    credited a different passage, merging them loses which passage came
    from where, so a person should confirm. The fix is attached to the first
    flagged line (one fix merges all of them).
    """

    code = "LN402"
    name = "repeated-attribution"
    summary = "More than one attribution line"
    fixable = True
    # On: no finding on the clean BBC corpus.
    default = True
    options: ClassVar[dict[str, Any]] = {"labels": []}
    examples = (
        Example(
            "Source: AP\n\nPrices rose on Monday.\n\nSource: Gestion\n",
            "Source: AP, Gestion\n\nPrices rose on Monday.\n",
        ),
        Example(
            "Prices rose on Monday.\n\nSource: AP\nSource: AP\n",
            "Prices rose on Monday.\n\nSource: AP\n",
        ),
        Example(
            "Prices rose.\r\n\r\n(Source: Reuters)\r\n\r\nThey fell later.\r\n\r\nVia: AFP; Reuters\r\n",
            "Prices rose.\r\n\r\n(Source: Reuters, AFP)\r\n\r\nThey fell later.\r\n",
        ),
        Example(
            "With information from Reuters\n\nThe vote was close.\n\nSources: AP, Reuters\n",
            "With information from Reuters, AP\n\nThe vote was close.\n",
        ),
    )
    ok = (
        "Prices rose on Monday.\n\nSource: AP\n",
        "He told NPR on Monday. Source: CNN\n\nLater he told CBS. Source: Media Matters\n",
        "Sources said the deal was off.\n\nSources close to the talks agreed.\n",
        "The source: a leaked memo.\n\nThe credit: nobody.\n",
    )

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        labels = self.settings["labels"]
        if not isinstance(labels, list) or not all(isinstance(x, str) and x.strip() for x in labels):
            raise ValueError(f"{self.code}: 'labels' must be a list of non-empty strings")
        self._extra: regex.Pattern[str] | None = None
        if labels:
            alternation = "|".join(regex.escape(x.strip()) for x in sorted(labels, key=len, reverse=True))
            self._extra = regex.compile(
                rf"(?m)^[ \t]*\(?[ \t]*(?P<label>{alternation})[ \t]*:[ \t]*"
                r"(?P<sources>[^\r\n]{0,100}?)[ \t]*\)?[ \t]*\.?[ \t]*$",
                regex.IGNORECASE | regex.VERSION1,
            )

    def _find(self, doc: Document) -> list[_Attribution]:
        found: dict[int, _Attribution] = {}
        masked = doc.masked
        if "\r" in masked:
            # The pattern's `^` and `$` see only LF as a line break: a lone CR
            # (old Mac text) becomes one, keeping every offset.
            masked = _LONE_CR.sub("\n", masked)
        text = doc.text
        line_of = doc.lines.line_of
        patterns = [attribution_pattern()] + ([self._extra] if self._extra is not None else [])
        for pattern in patterns:
            for m in pattern.finditer(masked):
                line = line_of(m.start("label"))
                if line in found:
                    continue
                start, end = m.span()
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                found[line] = _Attribution(line, start, end, m.start("sources"), m.end("sources"))
        return [found[k] for k in sorted(found)]

    def check(self, doc: Document, ctx: Context) -> None:
        found = self._find(doc)
        if len(found) < 2:
            return
        text = doc.text
        first = found[0]
        merged: dict[str, str] = {}
        for att in found:
            for source in _split_sources(text[att.sources_start : att.sources_end]):
                merged.setdefault(source.casefold(), source)
        own = _split_sources(text[first.sources_start : first.sources_end])
        separator = "; " if ";" in text[first.sources_start : first.sources_end] else ", "
        edits: list[Edit] = []
        if len(merged) > len({s.casefold() for s in own}):
            edits.append(Edit(first.sources_start, first.sources_end, separator.join(merged.values())))
        edits.extend(removal_edits(doc, [att.line for att in found[1:]]))
        # One fix merges them all; it sits on the first finding.
        fix = Fix(tuple(edits), UNSAFE, "Merge the attribution lines into the first one")
        count = len(found)
        first_text = _shown(text[first.start : first.end])
        for k, run in enumerate(_runs(doc, found)):
            start, end = run[0].start, run[-1].end
            if k == 0:
                message = f"{count} attribution lines; the first: '{first_text}'"
            elif len(run) == 1:
                message = (
                    f"Attribution line after the one on line {first.line} "
                    f"('{first_text}'): '{_shown(text[start:end])}'"
                )
            else:
                message = (
                    f"{len(run)} more attribution lines after the one on line {first.line} ('{first_text}')"
                )
            ctx.report(start, end, message, fix=fix if k == 0 else None)


def _runs(doc: Document, found: Sequence[_Attribution]) -> list[list[_Attribution]]:
    """Attribution lines next to each other (blank lines between allowed) form
    one finding: 50,000 repeated lines are one diagnostic, not 50,000."""
    runs: list[list[_Attribution]] = []
    for att in found:
        if runs and all(_blank(doc, n) for n in range(runs[-1][-1].line + 1, att.line)):
            runs[-1].append(att)
        else:
            runs.append([att])
    return runs


# --------------------------------------------------------------------------
# LN405 learned-boilerplate
# --------------------------------------------------------------------------


def _stable_hash(text: str) -> int:
    """A hash that is the same in every process (``hash()`` is salted)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


#: Document pairs are compared (for "same story" links) only through lines
#: that occur in at most this many documents: cost stays linear, and a line
#: shared by more documents than this is no evidence that two are one story.
_PAIR_CAP = 8


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class LearnedBoilerplate(Rule):
    """## What it flags
    A line that recurs in many files of the same run: in at least
    ``min-files`` documents (default 3) that are different stories, and at
    least ``min-words`` words long (default 5), so that common short phrases
    (``Reuters``, ``2000 GMT``, ``From The Daily Caller:``) never count. Case and spacing are ignored.
    Every occurrence is flagged, in every file where the line appears.

    Documents that are one story are counted once: two files with the same
    body under different headlines, or two files that share at least two
    lines found in fewer than ``min-files`` documents (a match preview and its
    report share the team sheets), or that share at least half of their
    lines. So a corpus's real duplicates are not mistaken for boilerplate.

    The rule learns from the whole run: ``lintnews check`` over a folder, or
    ``Linter.prepare_run`` in the API. Checking one file alone flags nothing.
    It is off by default: select it for corpus runs (``extend-select =
    ["LN405"]``) and configure it with ``[tool.lintnews.rules.LN405]``, for
    example ``min-files = 5`` and ``min-words = 6``.

    ## Why
    Scrapers and CMS templates leave the same sign-up line, copyright notice,
    author bio or related-stories header in every article of a site. A line
    that recurs word for word across unrelated stories is not the story.

    ## Example
    ``Sign up for our daily briefing and never miss a story`` at the foot of
    three unrelated articles of the run: flagged in all three.

    ## Fix safety
    Unsafe: the fix removes the line with its line break. A recurring line is
    very likely template text, but deleting copy is an editor's call.
    """

    code = "LN405"
    name = "learned-boilerplate"
    summary = "Boilerplate line recurring across files"
    fixable = True
    cross_file = True
    # Off by default, though near-silent: on the clean BBC corpus (whole tree
    # as one run) it finds only the two columnists' bios that close 14 tech
    # columns, real boilerplate that LN403 flags too. Selecting it makes every
    # run read all its files once before checking (the per-run pass), and it
    # flags nothing on a single file; it is meant for corpus runs.
    default = False
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {"min-files": 3, "min-words": 5}
    # The examples are one run: the rule learns from all of them together
    # (tests/test_examples.py runs ``Linter.prepare_run`` over a rule's examples
    # first when the rule is cross-file).
    examples = (
        Example(
            "Council approves the new budget.\n\nSign up for our daily briefing and never miss a story\n",
            "Council approves the new budget.\n",
        ),
        Example(
            "Storm closes the coast road.\n\nSign up for our daily briefing and never miss a story\n",
            "Storm closes the coast road.\n",
        ),
        Example(
            "Sign up for our daily briefing and never miss a story\n\nSchool reopens after the flood.\n",
            "School reopens after the flood.\n",
        ),
    )
    ok = (
        "A line seen in one file only is never boilerplate, however long it is.\n",
        "Council approves the new budget.\n\nThe vote was close on Monday night.\n",
        "Storm closes the coast road.\n\nThe vote was close on Monday night.\n",
    )

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        for key in ("min-files", "min-words"):
            value = self.settings[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{self.code}: '{key}' must be a positive integer")
        if self.settings["min-files"] < 2:
            raise ValueError(f"{self.code}: 'min-files' must be at least 2")
        self.boilerplate: dict[int, int] = {}  # line hash -> number of distinct stories

    # -- per document ------------------------------------------------------

    def _keys(self, doc: Document) -> Iterable[tuple[Line, str]]:
        """(line, normalised text) for every non-blank line in prose."""
        text = doc.text
        kind_at = doc.kind_at
        for line in content_lines(doc):
            if kind_at(line.start) in PROSE_KINDS:
                yield line, " ".join(text[line.start : line.end].casefold().split())

    def collect(self, doc: Document) -> tuple[int, tuple[int, ...]]:
        """(hash of the body, sorted hashes of the long-enough lines). The body
        is every line but the first (the headline): two files with one body
        under two headlines are one story. Uses nothing but the settings, so
        any worker process computes the same facts."""
        min_words = self.settings["min-words"]
        keys: list[str] = []
        hashes: set[int] = set()
        for line, key in self._keys(doc):
            keys.append(key)
            if _has_words(doc, line.start, line.end, min_words):
                hashes.add(_stable_hash(key))
        # The first line is a headline only when a body of two lines or more
        # follows; a short text is its own body.
        body = keys[1:] if len(keys) > 2 else keys
        return _stable_hash("\n".join(body)), tuple(sorted(hashes))

    # -- per run -----------------------------------------------------------

    def prepare(self, facts: Sequence[Any]) -> None:
        min_files = self.settings["min-files"]
        docs = [f for f in facts if f is not None]
        n = len(docs)
        freq: Counter[int] = Counter()
        for _, hashes in docs:
            freq.update(hashes)
        holders: dict[int, list[int]] = defaultdict(list)
        for i, (_, hashes) in enumerate(docs):
            for h in hashes:
                if freq[h] >= 2:
                    holders[h].append(i)
        stories = _UnionFind(n)
        first_with_body: dict[int, int] = {}
        for i, (body, _) in enumerate(docs):
            if body in first_with_body:
                stories.union(i, first_with_body[body])
            else:
                first_with_body[body] = i
        rare: Counter[tuple[int, int]] = Counter()  # shared lines seen in < min-files documents
        shared: Counter[tuple[int, int]] = Counter()
        for ds in holders.values():
            if len(ds) > _PAIR_CAP:
                continue
            for a_i, a in enumerate(ds):
                for b in ds[a_i + 1 :]:
                    shared[(a, b)] += 1
                    if len(ds) < min_files:
                        rare[(a, b)] += 1
        sizes = [len(hashes) for _, hashes in docs]
        for (a, b), count in shared.items():
            if rare[(a, b)] >= 2 or (count >= 2 and 2 * count >= min(sizes[a], sizes[b])):
                stories.union(a, b)
        self.boilerplate = {}
        for h, ds in holders.items():
            if len(ds) >= min_files:
                distinct = len({stories.find(d) for d in ds})
                if distinct >= min_files:
                    self.boilerplate[h] = distinct

    # -- checking ----------------------------------------------------------

    def check(self, doc: Document, ctx: Context) -> None:
        if not self.boilerplate:
            return
        min_words = self.settings["min-words"]
        text = doc.text
        hits: list[tuple[Line, int]] = []
        for line, key in self._keys(doc):
            stories = self.boilerplate.get(_stable_hash(key))
            if stories is not None and _has_words(doc, line.start, line.end, min_words):
                hits.append((line, stories))
        # Boilerplate lines next to each other (blank lines between allowed) are one finding.
        runs: list[list[tuple[Line, int]]] = []
        for hit in hits:
            prev = runs[-1][-1][0].number if runs else 0
            if runs and all(_blank(doc, n) for n in range(prev + 1, hit[0].number)):
                runs[-1].append(hit)
            else:
                runs.append([hit])
        for run in runs:
            start, end = run[0][0].start, run[-1][0].end
            stories = min(s for _, s in run)
            what = "this line recurs" if len(run) == 1 else f"these {len(run)} lines recur"
            ctx.report(
                start,
                end,
                f"Boilerplate: {what} in {stories} or more files of the run: '{_shown(text[start:end])}'",
                fix=_removal_fix(doc, [line.number for line, _ in run], "Remove the boilerplate", UNSAFE),
            )


RULES: tuple[type[Rule], ...] = (DuplicatedParagraph, RepeatedAttribution, LearnedBoilerplate)
