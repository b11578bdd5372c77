"""Character-level cleaning rules (LN1xx): whitespace, punctuation spacing,
invisible characters, HTML entities, mojibake and doubled punctuation.

These rules are mechanical: they report inside quotations too, because a lost
space or a garbled byte is a defect of the copy, not of the speaker's words.
Every rule scans ``doc.masked`` so code, URLs and e-mail addresses are never
touched. Every pattern is compiled once and written so that a long run of one
character (200,000 spaces, dots or commas) costs linear time: no pattern has a
quantifier that can be retried from each position of a run.

Speed: the rules that only need ASCII or plain character classes find their
candidates with the standard ``re`` module, which scans such classes several
times faster than ``regex``; the Python checks that follow run on candidates
only. ``regex`` is used where Unicode properties (``\\p{L}``) are needed.
"""

from __future__ import annotations

import functools
import html
import html.entities
import re
import unicodedata
from collections.abc import Callable
from functools import cache, partial

import regex

from lintnews.diagnostics import Applicability, Fix, Severity
from lintnews.document import MASK_CHAR, PROSE_KINDS, Document, RegionKind
from lintnews.lostquotes import lost_quotation_gaps, stripped_lines
from lintnews.rule import Context, Example, Rule

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE
DISPLAY_ONLY = Applicability.DISPLAY_ONLY


@functools.lru_cache(maxsize=256)
def _show(ch: str) -> str:
    """A character as a reader can name it: U+200B ZERO WIDTH SPACE."""
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


# unicodedata has no names for C0/C1 controls; these are the ones people meet.
_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


# --------------------------------------------------------------------------
# LN101 trailing-whitespace
# --------------------------------------------------------------------------

# Horizontal whitespace: tab and every Unicode space separator (Zs), which
# the stdlib `re` cannot name as a property.
_HSPACE = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_HSPACE_CHARS = "\t \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# Anchored on the line end, not on the run: matching the run itself would try
# every space between words, and retry a long run from each of its positions.
_LINE_END_AFTER_SPACE = re.compile(f"(?<=[{_HSPACE}])(?:[\r\n]|\\Z)")


class TrailingWhitespace(Rule):
    """## What it flags
    Spaces, tabs and no-break spaces at the end of a line, before ``\\n``,
    ``\\r\\n`` or the end of the text, including lines that hold nothing but
    whitespace.

    In a Markdown document, exactly two spaces after text are a hard line
    break (``<br>``), so they are left alone when another line of the same
    paragraph follows. In plain text the same two spaces mean nothing: news
    copy carries no hard breaks, so there they are flagged like any other
    trailing whitespace.

    ## Why
    Trailing whitespace is invisible, makes diffs noisy and survives into
    feeds and APIs where it breaks exact-match comparisons.

    ## Example
    ``The talks ended.   `` becomes ``The talks ended.``

    ## Fix safety
    Safe: deleting whitespace at a line end never changes the words. The
    ``\\r`` of a CRLF line end is never part of the span.
    """

    code = "LN101"
    name = "trailing-whitespace"
    summary = "Trailing whitespace"
    severity = Severity.INFO
    fixable = True
    # On: every BBC hit (2.1 per 10k words, 27 files) is real trailing whitespace.
    default = True
    in_quotes = True
    # Trailing whitespace is a defect of the copy in code too.
    in_code = True
    examples = (
        Example("The talks ended.   \nMore later.", "The talks ended.\nMore later."),
        Example("Line one\t\r\nLine two \r\n", "Line one\r\nLine two\r\n"),
        Example("Prices rose. \u00a0", "Prices rose."),
        Example("Two spaces in plain text.  \nNext line.", "Two spaces in plain text.\nNext line."),
    )
    ok = (
        "No trailing space here.\nNor here.",
        "CRLF is fine.\r\nReally.\r\n",
        "    Indented line.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.masked
        markdown = doc.markup == "markdown"
        for m in _LINE_END_AFTER_SPACE.finditer(text):
            end = m.start()
            start = _run_start(text, end, _HSPACE_CHARS)
            if markdown and _is_hard_break(text, start, end):
                continue
            ctx.report(start, end, fix=Fix.delete(start, end, "Remove trailing whitespace"))


def _run_start(text: str, end: int, chars: str) -> int:
    """Start of the run of ``chars`` that ends at ``end``, in linear time."""
    start = end
    while start > 0:
        lo = max(0, start - 256)
        kept = text[lo:start].rstrip(chars)
        start = lo + len(kept)
        if kept:
            break
    return start


_NEXT_LINE_HAS_TEXT = regex.compile(r"\r?\n[ \t]*[^\s]|\r[ \t]*[^\s]")


def _is_hard_break(text: str, start: int, end: int) -> bool:
    """Exactly two spaces after text, with more of the paragraph below."""
    return (
        text[start:end] == "  "
        and start > 0
        and not text[start - 1].isspace()
        and _NEXT_LINE_HAS_TEXT.match(text, end) is not None
    )


# --------------------------------------------------------------------------
# LN102 repeated-spaces
# --------------------------------------------------------------------------

_REPEATED = re.compile(r"[ \t]{2,}")


class RepeatedSpaces(Rule):
    """## What it flags
    Two or more spaces or tabs between words on one line. Leading indentation
    and trailing whitespace are not affected (LN101 covers the latter), and
    Markdown tables are skipped because their cells are padded on purpose.
    Two spaces after a full stop (``end.  Next``) are flagged too: news style
    is one space.

    Left alone: the double spaces a scraper left where it stripped
    quotation marks (``on  Fox & Friends  to``, ``told them:  For those
    who...,  he said``), as LN306 (lost-quotation-marks) recognises them.
    They are the only trace of the marks, and LN306 reports them instead.

    ## Why
    Extra spaces are usually left behind by deleted words, dashes or list
    bullets. They widen the line in print and break phrase searches.

    ## Example
    ``passed by a  narrow margin`` becomes ``passed by a narrow margin``

    ## Fix safety
    Safe: the run becomes one space, which keeps the words apart. The runs
    that were quotation marks are not touched: collapsing them would erase
    the trace an editor needs to restore the quotation.
    """

    code = "LN102"
    name = "repeated-spaces"
    summary = "Repeated spaces"
    fixable = True
    # On: BBC 0.06 per 10k words, all real (a flattened poll, a headline).
    default = True
    in_quotes = True
    scopes = PROSE_KINDS - {RegionKind.TABLE}
    examples = (
        Example("passed by a  narrow margin", "passed by a narrow margin"),
        Example("The talks ended.  Then came rain.", "The talks ended. Then came rain."),
        Example("word\t\tword", "word word"),
    )
    ok = (
        "One space only.",
        "    Indented first line.",
        "Trailing spaces are LN101's.   ",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.masked
        marks = lost_quotation_gaps(doc) if "  " in text else frozenset()
        for m in _REPEATED.finditer(text):
            start, end = m.span()
            # between two visible characters: not indentation, not trailing
            if start == 0 or end == len(text) or text[start - 1].isspace() or text[end].isspace():
                continue
            if (start, end) in marks:
                continue  # a lost quotation mark: LN306's
            after_stop = text[start - 1] in ".!?"
            message = "Two spaces after a full stop" if after_stop else "Repeated spaces"
            ctx.report(start, end, message, fix=Fix.replace(start, end, " ", "Replace with one space"))


# --------------------------------------------------------------------------
# LN103 missing-space-after-punctuation
# --------------------------------------------------------------------------

# A candidate is a mark followed directly by the first word of a sentence
# (for . ? !: a capitalised word, or a lone `A` or `I`) or by a letter (for
# , ;). What stands before the mark decides the rest:
#   .  two lowercase letters (`measures.The`), an apostrophe s (`Trump’s.The`),
#      two capitals (`BBC.The`: single capitals are initials, `J.R.R.`),
#      a digit (`in 2016.The`) or a closing bracket or %.
#      One lowercase letter after a capital is an abbreviation (`Mr.`, `St.`,
#      `Ph.D`), and a letter after a dot is a dotted abbreviation (`a.m.`,
#      `U.S.`): left alone.
#   , ;  two letters (`said,and`); digits never (`1,000`), one letter never
#      (`x,y`).
#   ? !  two letters, a digit or a closing bracket, or another ? or !
#      (`what?!The`, `in 1978?Those`).
#   a quotation mark right after such a . ? or ! (`rain."The`, `look?”His`):
#      the space is missing after the closing mark, or before an opening one.
# The mark comes first, then the cheap test of what follows it; the
# lookbehind re-checks what precedes it, so the engine only looks backwards
# at actual candidates, never at every position.
# Before the full stop: a word (two lowercase letters, or capitals that are
# not an initial), an apostrophe's tail (`it's.`), the lone tail of one that
# was lost (`Ryan s.The`, `wasn t.What`: LN203 restores the apostrophe, and
# the sentence break is missing all the same), a doubled stop after a word
# (`anything..Leo`: LN108 drops one), a digit or a closing mark.
_STOP_BEFORE = (
    r"(?:(?<![\p{L}.])\p{Lu}{2,}|\p{Ll}{2}|['’]\p{Ll}|(?<=\p{L}[ ])[stdm]|\p{Ll}{2}\.|[\d)\]%\"”'’])\."
)
_ASK_BEFORE = r"(?:\p{L}{2}|[?!\d)\]])[?!]"
# A sentence's first word: capitalised, or the words `A` and `I` (`I've`).
_SENTENCE_START = r"(?=\p{Lu}\p{Ll}|[AI](?![\p{L}\d.]))"
_QUOTES = "\"'“”‘’"
_MISSING_SPACE = regex.compile(
    rf"""
      \.{_SENTENCE_START}(?<={_STOP_BEFORE})
    | [,;](?=\p{{L}})(?<=\p{{L}}{{2}}[,;])
    | [?!]{_SENTENCE_START}(?<={_ASK_BEFORE})
    | [{_QUOTES}]{_SENTENCE_START}(?<=(?:{_STOP_BEFORE}|{_ASK_BEFORE})[{_QUOTES}])
    """,
    regex.VERBOSE,
)

# The dotted name right of a full stop: `Bungie.Org` in `Halo.Bungie.Org`.
_CHAIN_RIGHT = regex.compile(r"[\w-]+(?:\.[\w-]+)*")
# Dotted names are short; the cap keeps a pathological chain linear.
_CHAIN_CAP = 200

# Top-level domains that end a dotted name in news copy. A capitalised last
# segment counts only for the generic names that never start a sentence;
# `In`, `It`, `No`, `Net` and `Me` start sentences and are also TLDs.
_TLDS = frozenset(
    """
    com org net edu gov mil int info biz io co ai tv fm me ly gl us uk ca au
    nz ie de fr es it nl be ch at se no dk fi pl ru cn jp kr in br mx za eu
    asia news online site web app
    """.split()
)
_CAPITALISED_TLDS = frozenset({"Com", "Org", "Edu", "Gov"})


def _is_domain(text: str, dot: int) -> bool:
    """True if the dot at ``dot`` is inside a dotted name like `Halo.Bungie.Org`."""
    right = _CHAIN_RIGHT.match(text, dot + 1, min(len(text), dot + 1 + _CHAIN_CAP))
    if right is None:
        return False
    segments = right.group().split(".")
    last = segments[-1]
    if last.lower() not in _TLDS:
        return False
    if last.islower() or last.isupper() or last in _CAPITALISED_TLDS:
        return True
    if last == "Net" and len(segments) == 1 and text[dot - 2 : dot].isupper():
        return True  # ASP.Net, VB.Net: the framework, not `profits.Net income`
    # A capitalised country code (`Uk`) ends a name only in a chain of three
    # or more parts (`Amazon.Co.Uk`); `said.In` is a fused sentence.
    i, lo, dots = dot - 1, max(0, dot - _CHAIN_CAP), 0
    while i >= lo and (text[i].isalnum() or text[i] in "-_."):
        dots += text[i] == "."
        i -= 1
    return len(segments) + 1 + dots >= 3


class MissingSpaceAfterPunctuation(Rule):
    """## What it flags
    A full stop, question mark or exclamation mark glued to the next
    sentence (``measures.The``, ``this?But``, ``wow!Then``, ``in 1978?Those``,
    ``property.A host``, ``weekend.I've``), and a comma or semicolon glued
    to the next word (``said,and``, ``ended;then``).

    A quotation mark between the two is read as a closing or an opening
    mark, and the space goes on the right side of it: after a closing one
    (``rain."The`` becomes ``rain." The``, ``look?”His``), before an opening
    one (``carpet."It's`` becomes ``carpet. "It's`` when no quotation is
    open). Curly marks say which they are; a straight mark is read from the
    quotation marks before it in the paragraph, as LN302 reads them.

    Left alone: abbreviations and initials (``U.S.``, ``e.g.``, ``a.m.``,
    ``Ph.D.``, ``J.R.R. Tolkien``, ``Mr.Smith``, ``St.Louis``: a capital
    followed by one lowercase letter reads as an abbreviation, so it is
    never split), numbers (``3.5``, ``1,000``, ``10:30``, ``No.1``),
    file names and versions (``report.pdf``, ``v2.0``, ``.NET``), dotted
    names ending in a domain (``example.com``, ``Amazon.co.uk``,
    ``Halo.Bungie.Org``), and HTML entities (``&amp;and``: LN106's job).
    ``Yahoo!Music`` is flagged: the brand is written ``Yahoo! Music``.

    ## Why
    Scrapers and paragraph joins drop the space between sentences; readers
    see ``jack.The`` as a typo and search engines index a non-word.

    ## Example
    ``The talks ended.Then came rain`` becomes
    ``The talks ended. Then came rain``

    ## Fix safety
    Safe: the fix only inserts one space, after the mark (or between the
    mark and an opening quotation mark).
    """

    code = "LN103"
    name = "missing-space-after-punctuation"
    summary = "Missing space after punctuation"
    fixable = True
    # On: BBC 0.15 per 10k words (12), 11 real (the miss: the brand One.Tel).
    default = True
    in_quotes = True
    examples = (
        Example("The talks ended.Then came rain.", "The talks ended. Then came rain."),
        Example("He said,and left.", "He said, and left."),
        Example("It ended;then it rained.", "It ended; then it rained."),
        Example("Is this it?But why?", "Is this it? But why?"),
        Example("Wow!Then silence.", "Wow! Then silence."),
        Example("It rose in 2016.The next year it fell.", "It rose in 2016. The next year it fell."),
        Example('He said: "It will rain."The talks ended.', 'He said: "It will rain." The talks ended.'),
        Example("She asked: “Why now?”Nobody knew.", "She asked: “Why now?” Nobody knew."),
        Example('The talks ended."We lost," he said.', 'The talks ended. "We lost," he said.'),
        Example("Who won in 1978?I think Wales did.", "Who won in 1978? I think Wales did."),
    )
    ok = (
        "The U.S. and the U.K. agreed.",
        "At 10:30 a.m. on Monday, e.g. today, i.e. now.",
        "It cost 3.5% of the 1,000 units.",
        "J.R.R. Tolkien and J.K. Rowling.",
        "Visit Halo.Bungie.Org or example.com or Amazon.co.uk.",
        "He met Mr.Smith in St.Louis.",
        "Read report.pdf about .NET and version 2.0.1.",
        "She has a Ph.D. in physics.",
        "AT&amp;T and R&amp;D.",
        'He said: "It will rain." The talks ended.',
        "He shouted: 'Go!' and left. The U.S.A. won. It's the U.S.'s call.",
        "Vitamin A.Ray and Category A.I are no sentences, nor grade.A1 or grade.A.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.masked
        quotes: _OpenQuotes | None = None
        for m in _MISSING_SPACE.finditer(text):
            pos = m.start()
            mark = text[pos]
            if mark in _QUOTES:
                quotes = quotes or _OpenQuotes(text)
                stop = text[pos - 1]
                if quotes.closes(pos):
                    shown = stop + mark
                    ctx.report(
                        pos - 1,
                        pos + 1,
                        f"Missing space after {shown!r}",
                        fix=Fix.replace(pos + 1, pos + 1, " ", f"Insert a space after {shown!r}"),
                    )
                else:
                    ctx.report(
                        pos - 1,
                        pos + 1,
                        f"Missing space between '{stop}' and the opening {mark!r}",
                        fix=Fix.replace(pos, pos, " ", f"Insert a space after '{stop}'"),
                    )
                continue
            if mark == "." and _is_domain(text, pos):
                continue
            if mark == ";" and _ends_entity(text, pos):
                continue
            ctx.report(
                pos,
                pos + 1,
                f"Missing space after '{mark}'",
                fix=Fix.replace(pos + 1, pos + 1, " ", f"Insert a space after '{mark}'"),
            )


# A blank line ends a paragraph, and with it any quotation left open.
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_QUOTE_MARK = re.compile("[\"'“”‘’]")
# Before a quotation mark that opens: the start, a space, an opening
# bracket, a dash or another quotation mark.
_OPENS_AFTER = frozenset(' \t\r\n([{—–-/"“‘')


class _OpenQuotes:
    """Which quotation marks are open at a position, for a quotation mark
    glued to a full stop: a closing one wants the space after it
    (`rain." The`), an opening one before it (`rain. "The`).

    Curly marks say which they are. A straight mark opens after a space or
    an opening bracket and before a word, and closes after a word and
    before a space or punctuation, as LN302 reads them: an opening mark
    while a quotation is open continues it (a quotation over several
    paragraphs, joined into one). Otherwise a double mark toggles, and a
    single one (an apostrophe inside a word) does nothing. One walk over the text, restarted
    at each blank line, serves every candidate of a document, so a document
    full of candidates stays linear.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.double = False
        self.single = False

    def closes(self, pos: int) -> bool:
        text = self.text
        paragraph_start = -1
        for blank in _BLANK_LINE.finditer(text, self.pos, pos):
            paragraph_start = blank.end()
        if paragraph_start >= 0:
            self.pos, self.double, self.single = paragraph_start, False, False
        for m in _QUOTE_MARK.finditer(text, self.pos, pos):
            self._see(m.start())
        self.pos = pos
        mark = text[pos]
        if mark in "”’":
            return True
        if mark in "“‘":
            return False
        return self.double if mark == '"' else self.single

    def _see(self, i: int) -> None:
        text = self.text
        mark = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if mark in "“”":
            self.double = mark == "“"
        elif mark == '"':
            if prev in _OPENS_AFTER and not nxt.isspace():
                self.double = True
            elif not prev.isspace() and not nxt.isalnum():
                self.double = False
            else:
                self.double = not self.double
        else:
            if mark != "’" and prev in _OPENS_AFTER and nxt.isalpha():
                self.single = True
            elif mark != "‘" and not prev.isspace() and not nxt.isalpha():
                self.single = False


_ENTITY_NAME_BEFORE = regex.compile(r"&#?\w+\Z")


def _ends_entity(text: str, semicolon: int) -> bool:
    return _ENTITY_NAME_BEFORE.search(text, max(0, semicolon - 40), semicolon) is not None


# --------------------------------------------------------------------------
# LN104 space-before-punctuation
# --------------------------------------------------------------------------

# The mark must end its word: followed by whitespace, a closing quote or
# bracket, or the end of the text. That leaves `.45`, `.NET` and `,000`
# alone by construction. The pattern holds only the last space; the check
# walks back over the rest of the run.
_SPACE_BEFORE = re.compile(r"[ \t]([,.;:?!])(?=[\s\"'”’)\]]|\Z)")
# Emoticons that pass the end-of-word test: `:)`, `;)`.
_EMOTICON = re.compile(r"[:;]\)")
_TIME_OR_RATIO = regex.compile(r"[ \t]*\d")
_CLOSERS = frozenset(")]\"'”’")
_NEXT_WORD = regex.compile(r"[ \t]*+(\p{L})")
# No sentence ends on these words: a ` . ` after one is a flattened line
# break (`the Cardiff College of . Music`), not a full stop.
_NO_SENTENCE_END = frozenset(
    """a an the of at by for with from and or but nor as into onto than this
    these those his her its their our my your whose per via very such mr mrs
    ms dr""".split()
)
# The word that ends at the search window's end; the window is short, so
# searching from each of its positions is cheap.
_LAST_WORD = regex.compile(r"\b(\p{L}+)\Z")


def _after_article(text: str, space_start: int) -> bool:
    prev = _LAST_WORD.search(text, max(0, space_start - 30), space_start)
    return prev is not None and prev.group(1).lower() in ("the", "a", "an")


# A full stop between two words with a space each side: how copy that
# flattened its line breaks writes them (Daily Mail: `By . Jane Doe .
# PUBLISHED: .`). Measured per document: 2,083 of 2,095 BBC articles have
# none and none has more than one, nor do 2,214 of 2,219 ISOT and 416 of 420
# FakeNewsNet articles more than two; 68 of 100 CNN/Daily Mail articles have
# three or more.
_SPACED_STOP = re.compile(r"(?<=\w) \. (?=\S)")
#: From this many, a document writes its line breaks as ` . `.
FLATTENED_BREAKS = 3


def _flattens_breaks(text: str) -> int:
    """How many ` . ` the text holds, counted up to FLATTENED_BREAKS."""
    count = 0
    for _ in _SPACED_STOP.finditer(text):
        count += 1
        if count >= FLATTENED_BREAKS:
            break
    return count


def _stray_stop(text: str, space_start: int, stop: int) -> bool:
    """A ` . ` that is a flattened line break, not the end of a sentence:
    the next word is lowercase, or the word before cannot end a sentence."""
    nxt = _NEXT_WORD.match(text, stop + 1)
    if nxt is not None and stop + 1 < len(text) and text[stop + 1].isspace() and nxt.group(1).islower():
        return True
    prev = _LAST_WORD.search(text, max(0, space_start - 30), space_start)
    return prev is not None and prev.group(1).lower() in _NO_SENTENCE_END


class SpaceBeforePunctuation(Rule):
    """## What it flags
    A space before a comma, full stop, semicolon, colon, question mark or
    exclamation mark that ends a word: ``Futurism . Read``, ``word ,``.
    HTML-to-text converters insert these around links and tags.

    Left alone too: the space a scraper left where it stripped a closing
    quotation mark before the punctuation (``said it would  continue the
    operation until the end . It``), as LN306 (lost-quotation-marks)
    recognises it: it is the only trace of the mark.

    Also left alone: ellipses (``wait ...``, ``. . .``), numbers (``.45``
    calibre, ``2 : 1``), emoticons (``:)``), marks at the start of a line,
    marks after another mark (``PUBLISHED: . 14:11`` is header debris,
    which the boilerplate rules own), a mark named as a symbol (``press the
    ; key``) and marks after a masked URL, where the space keeps the full
    stop out of the address. French spacing
    (``Quoi ?``) is flagged: it is not news style in English copy.

    ## Why
    A space before punctuation lets a line break strand the mark at the
    start of the next line, and looks like a typo.

    ## Example
    ``Read more at Futurism . Read on`` becomes
    ``Read more at Futurism. Read on``

    ## Fix safety
    Safe: deleting the space joins the mark to its word. One exception is a
    full stop that is more likely a flattened line break than the end of a
    sentence (Daily Mail copy turns line breaks into `` . ``): followed by a
    lowercase word (``centre of . the island``) or after a word no sentence
    ends on (``College of . Music``, ``By . Associated Press``). Its fix is
    display-only: the mark itself probably has to go. So is a `` . ``
    before another word in copy that writes its line breaks that way (three
    or more `` . `` in the document: 68 of 100 CNN/Daily Mail articles, no
    BBC article): joined, a headline or caption would end in a full stop and
    run on into the story. The other exception is
    a line that lost quotation marks elsewhere (LN306 found some): there a
    space before punctuation after a word is most often one more closing
    mark, lost with its opening one (ISOT: 6 of the 10 findings sampled), so
    the fix is unsafe and the message says so.
    """

    code = "LN104"
    name = "space-before-punctuation"
    summary = "Space before punctuation"
    fixable = True
    # On: BBC 0.46 per 10k words, every one a real stray space.
    default = True
    in_quotes = True
    examples = (
        Example("Read more at Futurism . Read on.", "Read more at Futurism. Read on."),
        Example("Prices rose , then fell .", "Prices rose, then fell."),
        Example("Why ?\nBecause .", "Why?\nBecause."),
        Example("He said : no ; never !", "He said: no; never!"),
    )
    ok = (
        "Wait ... there is more.",
        "Wait . . . there is more.",
        "A .45 calibre gun.",
        "The score was 2 : 1 at half time.",
        "Nice :) and sad :( too.",
        "? at the start of a line",
        "The .NET framework.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.masked
        marks: frozenset[tuple[int, int]] | None = None
        stripped: frozenset[int] = frozenset()
        flattened: bool | None = None  # the document writes line breaks as ` . `
        for m in _SPACE_BEFORE.finditer(text):
            mark_pos = m.start(1)
            start = _run_start(text, mark_pos, " \t")
            if start == 0 or text[start - 1].isspace():
                continue  # the mark starts its line
            if marks is None:
                marks = lost_quotation_gaps(doc)
                stripped = stripped_lines(doc)
            if (start, mark_pos) in marks:
                continue  # a lost closing quotation mark: LN306's
            mark = text[mark_pos]
            before = text[start - 1]
            after = text[mark_pos + 1 : mark_pos + 2]
            if before == MASK_CHAR or (unicodedata.category(before)[0] == "P" and before not in _CLOSERS):
                continue
            if mark == "." and (text.startswith(" .", mark_pos + 1) or before == "."):
                continue  # spaced ellipsis
            if mark in ":;" and _EMOTICON.match(text, mark_pos):
                continue
            if mark == ":" and before.isdigit() and _TIME_OR_RATIO.match(text, mark_pos + 1):
                continue
            if mark != "." and after.isspace() and _after_article(text, start):
                continue  # `press the ; key` names the symbol
            applicability = SAFE
            message = f"Space before '{mark}'"
            if mark == "." and flattened is None:
                flattened = _flattens_breaks(text) >= FLATTENED_BREAKS
            if mark == "." and _stray_stop(text, start, mark_pos):
                applicability = DISPLAY_ONLY
            elif mark == "." and flattened and after in (" ", "\t"):
                # Joined, the mark would end a sentence where a line ended
                # (a headline, a caption): the break, not the space, is lost.
                applicability = DISPLAY_ONLY
                message += ": a line break flattened to ' . '? (this copy writes its line breaks so)"
            elif before.isalnum() and stripped and doc.lines.line_of(start) in stripped:
                applicability = UNSAFE
                message += ": a closing quotation mark lost here? (the line lost others)"
            ctx.report(
                start,
                mark_pos,
                message,
                fix=Fix.delete(start, mark_pos, f"Remove the space before '{mark}'", applicability),
            )


# --------------------------------------------------------------------------
# LN105 invisible-character
# --------------------------------------------------------------------------

# Removed outright: they have no visible form and no job in news copy.
_ZERO_WIDTH = frozenset("\u200b\u2060\u00ad\ufeff\u180e\u2061\u2062\u2063\u2064\ufffc")
# Separators that are whitespace to a reader: a space if they sit between
# two words, nothing otherwise.
_SEPARATOR_CONTROLS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")
_BIDI_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_MARKS = frozenset("\u200e\u200f\u061c")
_JOINERS = frozenset("\u200c\u200d")
_NO_BREAK = frozenset("\u00a0\u202f")

# A run of one repeated character is one finding (`\1*` cannot backtrack).
_INVISIBLE_RUN = re.compile(
    r"([\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00a0\u00ad\u061c\u180e\u200b-\u200f"
    r"\u202a-\u202f\u2060-\u2064\u2066-\u2069\ufeff\ufffc\ufffd])\1*"
)
_HSPACE_RUN = re.compile(f"[{_HSPACE}]*")
_PLAIN_SPACE = re.compile(r"[ \t]")


def _collapsible(doc: Document, text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` when that run of spaces and no-break spaces lies
    between two visible characters in prose and holds a plain space: the
    run LN102 would collapse, were its no-break spaces plain."""
    if end - start < 2 or start == 0 or end >= len(text):
        return None
    if text[start - 1].isspace() or text[end].isspace():
        return None
    if not _PLAIN_SPACE.search(text, start, end):
        return None
    if doc.kind_at(start) not in RepeatedSpaces.scopes:
        return None
    return start, end


# Scripts whose spelling uses ZWNJ/ZWJ between letters (Persian, Urdu,
# Indic, Sinhala, ...): a joiner next to one of their letters is spelling.
_JOINING_SCRIPT = regex.compile(
    r"[\p{Arabic}\p{Syriac}\p{Thaana}\p{Nko}\p{Hebrew}\p{Devanagari}\p{Bengali}"
    r"\p{Gurmukhi}\p{Gujarati}\p{Oriya}\p{Tamil}\p{Telugu}\p{Kannada}\p{Malayalam}"
    r"\p{Sinhala}\p{Thai}\p{Lao}\p{Tibetan}\p{Myanmar}\p{Khmer}\p{Mongolian}"
    r"\p{Ethiopic}\p{Hangul}]"
)
_RTL = regex.compile(r"[\p{Arabic}\p{Hebrew}\p{Syriac}\p{Thaana}\p{Nko}]")
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\u20e3]")
# A no-break space binds a number to its unit or a title to a name on
# purpose (`10 km`, `£5 m`, `Mr Smith`, `page 12`, `J. K. Rowling`).
_TITLES = frozenset(
    """Mr Mrs Ms Mx Dr Prof Sir Dame Lord Lady St Mt Rev Fr Sr Jr Gen Col Capt Lt Sgt
    Maj Cpl Adm Cmdr Sen Rep Gov Pres Hon No Nos p pp vol ch fig art sec""".split()
)
_WORD_BEFORE = regex.compile(r"(\p{L}+)\.?\Z")
_FRENCH_SPACED = frozenset(":;?!»%")


def _nbsp_is_typography(text: str, pos: int) -> bool:
    prev = text[pos - 1] if pos > 0 else ""
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    if not prev or not nxt or prev.isspace() or nxt.isspace():
        return False
    if prev.isdigit() or nxt.isdigit():
        return True
    if nxt in _FRENCH_SPACED or prev == "«" or nxt in "—–" or prev in "—–":
        return True
    w = _WORD_BEFORE.search(text, max(0, pos - 12), pos)
    if w is None:
        return False
    word = w.group(1)
    if word in _TITLES:
        return True
    # An initial: `J.\u00a0K. Rowling`.
    return len(word) == 1 and word.isupper() and prev == "."


def _joiner_is_spelling(text: str, pos: int) -> bool:
    prev = text[pos - 1] if pos > 0 else ""
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    if text[pos] == "\u200d" and prev and nxt and _EMOJI.match(prev) and _EMOJI.match(nxt):
        return True
    return bool(
        (prev and _JOINING_SCRIPT.match(prev))
        or (nxt and _JOINING_SCRIPT.match(nxt))
        # a combining mark after an Indic letter: look one further back
        or (pos > 1 and unicodedata.category(prev).startswith("M") and _JOINING_SCRIPT.match(text[pos - 2]))
    )


def _line_has_rtl(text: str, pos: int) -> bool:
    start = text.rfind("\n", max(0, pos - 500), pos) + 1 or max(0, pos - 500)
    end = text.find("\n", pos)
    end = len(text) if end < 0 else min(end, pos + 500)
    return _RTL.search(text, start, end) is not None


class InvisibleCharacter(Rule):
    """## What it flags
    Characters a reader cannot see but software can:

    - zero-width space U+200B, word joiner U+2060, soft hyphen U+00AD, a
      byte-order mark U+FEFF inside the text, U+180E and the invisible maths
      operators, the object replacement character U+FFFC;
    - zero-width non-joiner U+200C and joiner U+200D, except next to letters
      of scripts that spell with them (Persian, Urdu, Hindi, Sinhala...) and
      a ZWJ between two emoji (``👩‍💻``);
    - C0 control characters other than tab, CR and LF, DEL, and C1 controls
      U+0080–U+009F (a C1 next to other Latin-1 letters is part of mojibake,
      which LN107 reports instead);
    - bidirectional embeddings, overrides and isolates U+202A–U+202E,
      U+2066–U+2069; the marks LRM, RLM and ALM only on lines without any
      right-to-left letters;
    - the replacement character U+FFFD: a character was lost in decoding;
    - no-break spaces U+00A0 and U+202F, except where typography puts them:
      after or before a digit (``10 km``, ``£5 m``, ``page 12``), after a
      title or an initial (``Mr Smith``, ``J. K.``), next to a dash, and
      before French ``: ; ? ! »``.

    U+FFFF is the mask of code and URLs and is never reported.

    ## Why
    Invisible characters break search (``cli\\u00admate`` does not match
    ``climate``), word counts and spell checkers, and bidi controls can make
    text display in a different order from the one stored.

    ## Example
    ``cli\\u200bmate`` becomes ``climate``; ``the\\u00a0president`` becomes
    ``the president``.

    ## Fix safety
    Safe for zero-width characters, soft hyphens, controls and stray
    no-break spaces (deleted, or replaced by a space where they separate two
    words; one amid plain spaces between two words, as in a flattened
    paragraph break ``left. \\u00a0 \\u00a0 We``, takes the run down to one
    space, as LN102 would have, had they all been plain). Unsafe for
    joiners, bidi controls and C1 controls: right-to-left text may need the
    former, and a C1 control is usually a Windows-1252
    character decoded as Latin-1, so the fix offers that character
    (U+0092 → ’) but it is a guess. U+FFFD has no fix: the original
    character is gone and only a person can restore it.

    Inside a word, the deletion is written as an edit of the whole word
    (and the character before it) that only drops the invisible character:
    other rules read the word's two halves as words and may offer fixes to
    them (``int\u00aderests``: a stray ``e`` glued to ``rests``), which
    would mangle the word if applied in the same pass. The overlapping edit
    keeps them out; the next pass sees ``interests`` whole.
    """

    code = "LN105"
    name = "invisible-character"
    summary = "Invisible character"
    fixable = True
    # On: silent on BBC; its hits on scraped copy are stray no-break spaces.
    default = True
    in_quotes = True
    # An invisible character breaks code as much as prose.
    in_code = True
    examples = (
        Example("cli\u200bmate", "climate"),
        Example("cli\u00admate", "climate"),
        Example("the\u00a0president said", "the president said"),
        Example("to the left. \u00a0 \u00a0 We need", "to the left. We need"),
        Example("bell\x07 rang", "bell rang"),
        Example("page\x0cbreak", "page break"),
    )
    ok = (
        "10\u00a0km and £5\u00a0m and Mr\u00a0Smith and J.\u00a0K. Rowling",
        "Family: 👩\u200d👩\u200d👧",
        "Persian: می\u200cخواهم",
        "Tabs\tare fine.",
        "Masked \uffff\uffff\uffff text.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.masked
        # The horizontal-whitespace run around the current no-break space,
        # computed once per run so a long run of them stays linear.
        space_start, space_end, space_trailing = -1, -1, False
        collapse: tuple[int, int] | None = None
        for m in _INVISIBLE_RUN.finditer(text):
            start, end = m.span()
            ch = text[start]
            if ch in _NO_BREAK:
                if start >= space_end:
                    run = _HSPACE_RUN.match(text, start)
                    space_end = run.end() if run else end
                    space_trailing = space_end == len(text) or text[space_end] in "\r\n"
                    space_start = start
                    while space_start > 0 and text[space_start - 1] in _HSPACE_CHARS:
                        space_start -= 1
                    collapse = _collapsible(doc, text, space_start, space_end)
                if space_trailing:
                    continue  # trailing whitespace: LN101's
            self._check_run(text, start, end, ch, ctx, collapse if ch in _NO_BREAK else None)

    def _check_run(
        self,
        text: str,
        start: int,
        end: int,
        ch: str,
        ctx: Context,
        collapse: tuple[int, int] | None = None,
    ) -> None:
        """One run of a repeated invisible character, reported once.
        ``collapse``: the run of spaces around a no-break space that LN102
        would make one space, had it been plain spaces."""
        shown = _show(ch)
        if end - start > 1:
            shown = f"{shown} ({end - start} times)"
        prev = text[start - 1] if start else ""
        nxt = text[end] if end < len(text) else ""
        if ch == "\ufffd":
            ctx.report(
                start,
                end,
                f"Replacement character {shown}: a character was lost in decoding",
                severity=Severity.ERROR,
            )
        elif ch in _NO_BREAK:
            if end - start == 1 and _nbsp_is_typography(text, start):
                return
            if collapse is not None:
                # ` \u00a0 ` between words: deleting the no-break space alone
                # would leave two spaces for LN102, a finding check never
                # reported (fix would not settle). One space, as LN102 makes.
                fix = Fix.replace(*collapse, " ", "Replace the spaces with one space")
            elif not prev or not nxt or prev in " \t\r\n" or nxt in " \t":
                fix = Fix.delete(start, end, "Remove the no-break space")
            else:
                fix = Fix.replace(start, end, " ", "Replace with a normal space")
            ctx.report(start, end, f"No-break space {shown} between words", fix=fix)
        elif ch in _JOINERS:
            if end - start == 1 and _joiner_is_spelling(text, start):
                return
            ctx.report(
                start, end, f"Invisible character {shown}", fix=Fix.delete(start, end, "Remove it", UNSAFE)
            )
        elif ch in _BIDI_EMBEDDINGS or ch in _BIDI_MARKS:
            if ch in _BIDI_MARKS and _line_has_rtl(text, start):
                return
            ctx.report(
                start, end, f"Bidirectional control {shown}", fix=Fix.delete(start, end, "Remove it", UNSAFE)
            )
        elif "\x80" <= ch <= "\x9f" and ch != "\x85":
            if _c1_is_mojibake(text, start, end):
                return  # LN107 reports the whole garbled sequence
            try:
                guess = bytes([ord(ch)]).decode("cp1252")
            except UnicodeDecodeError:
                ctx.report(
                    start, end, f"Control character {shown}", fix=Fix.delete(start, end, "Remove it", UNSAFE)
                )
                return
            ctx.report(
                start,
                end,
                f"Control character {shown} (Windows-1252 '{guess}' decoded as Latin-1?)",
                fix=Fix.replace(start, end, guess * (end - start), f"Replace with '{guess}'", UNSAFE),
            )
        elif ch in _SEPARATOR_CONTROLS:
            between_words = prev and nxt and not prev.isspace() and not nxt.isspace()
            fix = (
                Fix.replace(start, end, " ", "Replace with a space")
                if between_words
                else Fix.delete(start, end, "Remove it")
            )
            ctx.report(start, end, f"Control character {shown}", fix=fix)
        else:
            kind = "Control character" if ch < "\xa0" else "Invisible character"
            ctx.report(start, end, f"{kind} {shown}", fix=_remove_from_word(text, start, end))


# How far the word around an invisible character is looked for.
_WORD_REACH = 64


def _remove_from_word(text: str, start: int, end: int) -> Fix:
    """Delete ``text[start:end]``; inside a word (`int\u00aderests`), by an
    edit that rewrites the whole word, and the character before it, without
    it.

    The word rules see the two halves as words of their own and may offer
    fixes to them (a stray `e` glued to `rests`, `someth` split). Applied in
    the same pass, those would mangle the word. The fixer applies fixes from
    the left and skips any that overlap one applied: an edit that starts
    before the word and covers all of it goes first, and the next pass sees
    `interests` whole. Only the invisible character changes.
    """
    lo = start
    while lo > max(0, start - _WORD_REACH) and text[lo - 1].isalnum():
        lo -= 1
    hi = end
    while hi < min(len(text), end + _WORD_REACH) and text[hi].isalnum():
        hi += 1
    if lo == start or hi == end:
        return Fix.delete(start, end, "Remove it")
    lo = max(0, lo - 1)
    return Fix.replace(lo, hi, text[lo:start] + text[end:hi], "Remove it")


def _c1_is_mojibake(text: str, start: int, end: int) -> bool:
    """True if the C1 byte is a continuation in a mis-decoded UTF-8 character
    that LN107 reports (`â\x80\x99`); a lone one (`café\x92s`) is LN105's."""
    return inside_mojibake(text, start)


def inside_mojibake(text: str, pos: int) -> bool:
    """True if the character at ``pos`` is a continuation byte of a
    mis-decoded UTF-8 character that LN107 reports: the `”` of `â€”` (an em
    dash) or the `“` of `â€“` (an en dash) is no quotation mark. The lead
    byte is at most three characters back; clean text (`Fuß“`) decodes to
    nothing plausible and stays text."""
    if pos == 0 or (text[pos - 1] not in _CONT_SET and text[pos - 1] not in _LEADS):
        return False
    for lo in range(pos - 1, max(-1, pos - 4), -1):
        if "\u00c2" <= text[lo] <= "\u00f4":
            m = _ONE_SEQUENCE.match(text, lo)
            if m is None or m.end() <= pos:
                return False
            decoded = _decode(m.group())
            return decoded is not None and _PLAUSIBLE.fullmatch(decoded) is not None
    return False


# --------------------------------------------------------------------------
# LN106 html-entity
# --------------------------------------------------------------------------

_ENTITY = regex.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# Unescaped to one of these, the entity becomes an invisible character LN105
# would flag next; the copy wants nothing there.
_ENTITY_TO_NOTHING = _ZERO_WIDTH
_SPACES = frozenset("\u00a0\u2002\u2003\u2009\u202f")
# In Markdown an entity is syntax: `&lt;` keeps a `<` from opening a tag,
# `&#42;` keeps a `*` from starting emphasis, `&nbsp;` is a deliberate space.
_MARKDOWN_ESCAPES = frozenset("<>&*_[]()#`|!~\\\u00a0\u200c\u200d")


class HtmlEntity(Rule):
    """## What it flags
    HTML character references left in the text: named ones that HTML5 knows
    with their semicolon (``&amp;``, ``&quot;``, ``&nbsp;``, ``&mdash;``),
    decimal (``&#39;``, ``&#038;``) and hexadecimal (``&#x27;``) ones. Escaped
    markup such as ``&lt;span&gt;`` is flagged entity by entity.

    Not flagged: ``AT&T``, ``R&D``, ``&c``, and the legacy names HTML5 accepts
    without a semicolon (``&amp`` followed by a space): too many ampersands in
    company names look like them. In Markdown, entities that escape Markdown
    syntax or spell an intentional space (``&lt;``, ``&#42;``, ``&nbsp;``) are
    part of the markup and left alone.

    ## Why
    A literal ``&amp;`` or ``&#39;`` in published copy means the text was
    escaped twice or scraped from HTML source; readers see the code.

    ## Example
    ``Shawna Cox&#39;s claim`` becomes ``Shawna Cox's claim``.

    ## Fix safety
    Safe: the entity is replaced by exactly the character HTML would show.
    Two choices an editor would make: ``&nbsp;`` (and other space entities)
    becomes a normal space, and zero-width entities (``&shy;``, ``&#8203;``)
    are deleted. Escaped markup is unescaped to its characters (``<span>``),
    which is what the reader of the web page saw. A numeric reference to no
    valid character (``&#0;``) is flagged without a fix.
    """

    code = "LN106"
    name = "html-entity"
    summary = "HTML entity in text"
    fixable = True
    # On: BBC 0.37 per 10k words, every one a real leftover entity.
    default = True
    in_quotes = True
    # An escaped entity is scraping damage in code too (`&#038;` in a URL).
    in_code = True
    examples = (
        Example("Shawna Cox&#39;s claim", "Shawna Cox's claim"),
        Example("Fox &amp; Friends", "Fox & Friends"),
        Example("It&#x27;s here", "It's here"),
        Example("A&nbsp;B", "A B"),
        Example("&lt;span&gt;", "<span>"),
        Example("xfbml=1&#038;version", "xfbml=1&version"),
    )
    ok = ("AT&T and R&D, &c.", "Fish &amp chips", "Q&A; more")

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.masked
        markdown = doc.markup == "markdown"
        for m in _ENTITY.finditer(text):
            entity = m.group()
            if entity[1] != "#" and entity[1:] not in html.entities.html5:
                continue
            value = html.unescape(entity)
            if markdown and value in _MARKDOWN_ESCAPES:
                continue
            start, end = m.span()
            if value == entity or "\ufffd" in value or _is_bad_code_point(value):
                ctx.report(start, end, f"HTML entity '{entity}' names no valid character")
                continue
            if value == "¿" and _between_letters(text, start, end):
                # A CMS that could not encode ’ wrote ¿ instead (`Blair&#191;s`).
                ctx.report(
                    start,
                    end,
                    f"HTML entity '{entity}' ('¿') where an apostrophe was lost",
                    fix=Fix.replace(start, end, "’", "Replace with '’'", DISPLAY_ONLY),
                )
                continue
            if value in _SPACES:
                replacement, shown = " ", "a space"
            elif value in _ENTITY_TO_NOTHING:
                replacement, shown = "", "nothing"
            else:
                replacement, shown = value, f"'{value}'"
            ctx.report(
                start,
                end,
                f"HTML entity '{entity}' (should be {shown})",
                fix=Fix.replace(start, end, replacement, f"Replace with {shown}"),
            )


def _between_letters(text: str, start: int, end: int) -> bool:
    return 0 < start and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()


def _is_bad_code_point(value: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cs", "Cn") and c not in "\t\n\r" for c in value)


# --------------------------------------------------------------------------
# LN107 mojibake
# --------------------------------------------------------------------------


def _byte_table() -> dict[str, int]:
    """Each byte 0x80–0xFF as Windows-1252 or Latin-1 shows it, back to the byte."""
    table = {chr(b): b for b in range(0x80, 0x100)}
    for b in range(0x80, 0x100):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            pass  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: only their Latin-1 form exists
    return table


_BYTE_OF = _byte_table()
_CONT = "".join(sorted(c for c, b in _BYTE_OF.items() if b < 0xC0))
# The shape of a mis-decoded UTF-8 character: a lead byte read as Latin-1
# (0xC2–0xDF: Â..ß, 0xE0–0xEF: à..ï, 0xF0–0xF4: ð..ô) followed by exactly
# the one, two or three continuation bytes it needs (`Ã©`, `â€™`, `ðŸ˜€`),
# repeated for runs and twice-garbled text (`ÃƒÂ©`). Lead and continuation
# classes are disjoint, so the repetition cannot backtrack. Requiring the
# exact count keeps clean accented text out: `café’s` is é + ’ + s, and é
# would need two continuations. `â€` followed by a U+FFFD or by nothing is
# a right double quote whose third byte, 0x9D, is undefined in
# Windows-1252 and was lost.
#: The characters a UTF-8 continuation byte shows as in Windows-1252 or
#: Latin-1 mojibake, ready for a regex character class.
CONTINUATION_CHARS = re.escape(_CONT)
_CONT_SET = frozenset(_CONT)
_LEADS = frozenset(map(chr, range(0xC2, 0xF5)))
_SEQUENCE = f"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}}|â€\ufffd?"
# The scan looks for one lead + one continuation (a plain two-class pattern,
# which `re` scans fast); the full sequence is then matched from there.
_MOJIBAKE_START = re.compile(f"[\u00c2-\u00f4][{_CONT}]")
_MOJIBAKE = re.compile(f"(?:{_SEQUENCE})+")
_ONE_SEQUENCE = re.compile(_SEQUENCE)
# Where the characters of a decoded sequence must lie to be believed
# without ftfy's word: Latin-1 and Latin Extended-A letters, general
# punctuation, currency, letterlike symbols (™), emoji.
_PLAUSIBLE = re.compile("[\u00a0-\u017f\u2000-\u206f\u20a0-\u20cf\u2100-\u214f\U0001f000-\U0001faff]+")
_LOST_QUOTE = ("â€", "â€\ufffd")


# ftfy is imported at the first suspect sequence, not at start-up: most
# articles have none, and its import (25 ms) was serial work of every run
# before the worker processes start.
@cache
def _ftfy() -> tuple[Callable[[str], str], Callable[[str], bool]]:
    """ftfy's repair (only its encoding fixers on) and its badness test."""
    import ftfy
    from ftfy.badness import is_bad

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return partial(ftfy.fix_text, config=config), is_bad


# How far to look around a sequence for the word ftfy may need as context.
_CONTEXT = 64


def _repair(seq: str) -> str:
    return _ftfy()[0](seq)


def _decode(seq: str) -> str | None:
    """The sequence's bytes read as UTF-8, or None if they are not UTF-8."""
    try:
        return bytes(_BYTE_OF[c] for c in seq).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None


def _repair_in_context(text: str, start: int, end: int) -> str | None:
    """ftfy's repair of the sequence judged with its word around it: some
    sequences (`Â¥`, `Ã¥`) look like text alone and like mojibake in a word."""
    lo = start
    while lo > max(0, start - _CONTEXT) and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < min(len(text), end + _CONTEXT) and not text[hi].isspace():
        hi += 1
    if lo == start and hi == end:
        return None
    prefix, suffix = text[lo:start], text[end:hi]
    fixed = _repair(prefix + text[start:end] + suffix)
    if len(fixed) < len(prefix) + len(suffix) or not (fixed.startswith(prefix) and fixed.endswith(suffix)):
        return None
    middle = fixed[len(prefix) : len(fixed) - len(suffix)]
    return middle if middle != text[start:end] else None


def _printable(seq: str) -> str:
    """C1 bytes of Latin-1 mojibake (`â\x80\x99`) are invisible in a message."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in seq)


class Mojibake(Rule):
    """## What it flags
    Mojibake: UTF-8 text decoded as Windows-1252 or Latin-1, so one
    character shows as two to four (``Â£5m``, ``itâ€™s``, ``exposÃ©``,
    ``HRW â€” are``, twice-garbled ``ÃƒÂ©``, emoji ``ðŸ˜€``). Each garbled
    sequence is reported with its repair. A cheap pattern finds the
    candidates first: a Latin-1 lead letter ``Â``–``ô`` followed by exactly
    as many continuation characters as the UTF-8 lead byte needs. Clean
    text never reaches ftfy: a lone ``£``, ``é`` or ``café’s`` is never a
    candidate.

    ftfy runs with only its encoding fixers on: curly quotes, character
    widths, ligatures and Unicode normalisation are left exactly as written.

    ## Why
    Mojibake is the most visible encoding defect; readers see ``â€™`` where
    an apostrophe belongs.

    ## Example
    ``itâ€™s`` becomes ``it’s``; ``Â£5m`` becomes ``£5m``.

    ## Fix safety
    Safe when ftfy repairs the sequence (alone, or within its word) to text
    that no longer looks garbled and contains no U+FFFD. Display-only when
    ftfy declines but the bytes decode to ordinary letters, punctuation or
    symbols (``â„¢`` → ``™``), and when a byte was lost (``â€`` with its
    third byte gone, almost always a right double quote): those repairs are
    well-founded guesses for a person to confirm.
    """

    code = "LN107"
    name = "mojibake"
    summary = "Mojibake (mis-decoded text)"
    severity = Severity.ERROR
    fixable = True
    # On: silent on BBC's 1,318 £ signs; the only corpus hits are real mojibake.
    default = True
    in_quotes = True
    # Mojibake is broken bytes, whatever the text is.
    in_code = True
    examples = (
        Example("It cost Â£5m.", "It cost £5m."),
        Example("itâ€™s here", "it’s here"),
        Example("A recent exposÃ© explains", "A recent exposé explains"),
        Example("according to HRW â€” are drug offenders", "according to HRW — are drug offenders"),
        Example("a cafÃƒÂ© owner", "a café owner"),
    )
    ok = (
        "It cost £5m, a café’s rent.",
        "São Paulo, Zürich, Ærø, façade, “curly” ‘quotes’.",
        "Fuß“ and à “la”",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.masked
        if text.isascii():
            return
        pos = 0
        while (hit := _MOJIBAKE_START.search(text, pos)) is not None:
            m = _MOJIBAKE.match(text, hit.start())
            if m is None:
                pos = hit.start() + 1
                continue
            start, end = m.span()
            pos = end
            self._check_sequence(text, start, end, ctx)

    def _check_sequence(self, text: str, start: int, end: int, ctx: Context) -> None:
        seq = text[start:end]
        shown = _printable(seq)
        for lost in _LOST_QUOTE:
            if seq.endswith(lost) and (len(seq) == len(lost) or _decode(seq[: -len(lost)])):
                guess = (_decode(seq[: -len(lost)]) or "") + "”"
                ctx.report(
                    start,
                    end,
                    f"Mojibake '{shown}' (probably '{guess}', a byte was lost)",
                    fix=Fix.replace(start, end, guess, f"Replace with '{guess}'", DISPLAY_ONLY),
                )
                return
        fixed: str | None = _repair(seq)
        if fixed == seq:
            fixed = _repair_in_context(text, start, end)
        if fixed is not None:
            safe = "\ufffd" not in fixed and len(fixed) < len(seq) and not _ftfy()[1](fixed)
            ctx.report(
                start,
                end,
                f"Mojibake '{shown}' (should be '{_printable(fixed)}')",
                fix=Fix.replace(start, end, fixed, f"Replace with '{fixed}'", SAFE if safe else DISPLAY_ONLY),
            )
            return
        decoded = _decode(seq)
        if decoded is not None and _PLAUSIBLE.fullmatch(decoded):
            ctx.report(
                start,
                end,
                f"Probable mojibake '{shown}' (should be '{_printable(decoded)}')",
                fix=Fix.replace(start, end, decoded, f"Replace with '{decoded}'", DISPLAY_ONLY),
            )


# --------------------------------------------------------------------------
# LN108 doubled-punctuation
# --------------------------------------------------------------------------

# Candidates only; the checks in `check` decide. Every match is two
# characters, so a run of 200,000 dots costs 100,000 constant-time checks.
_DOUBLED = re.compile(r"\.\.|,,|;;|::|,\.|\.,")
# `.,` is correct after an abbreviation (`Inc., the`, `etc., and`); the
# rule only flags it after a lowercase word that is not one of these.
_ABBREVIATIONS = frozenset(
    """etc approx incl excl cont dept govt est misc vol vols nos eds ibid al
    ft in lb lbs oz sq yd mi km cm mm kg mg ml hr hrs min mins sec secs
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nr pp ed rev univ assn inc co corp ltd plc llc bros viz""".split()
)
_LETTERS_BEFORE = regex.compile(r"\p{L}+\Z")
# A quoted tweet's attribution after its text: `  Jane Doe (@janedoe)`, the
# dash before the name often lost. Two dots before it are the tweet's own
# continuation mark (the thread goes on), not a slip.
_TWEET_ATTRIBUTION = re.compile(r"\s*[-–—]?\s*[^\s()@][^()\n@]{0,60}\(@\w{1,15}\)")


class DoubledPunctuation(Rule):
    """## What it flags
    A punctuation mark typed twice: ``,,``, ``;;``, ``::``, and exactly two
    full stops (``ended..``); also a comma and a full stop together (``,.``
    and ``.,``) after a word.

    Never flagged: ellipses (``...``, ``…``, ``. . .``), ``?!``, code such as
    ``std::vector``, ranges such as ``1..5``, and ``.,`` after an
    abbreviation (``Apple Inc., the``, ``etc., and``, ``a.m.,``).
    ``!!`` and ``??`` are emphasis, a matter of style rather than a
    mechanical slip, so this rule leaves them to the style rules.

    ## Why
    Doubled marks are keyboard slips or the debris of joined fragments.

    ## Example
    ``The talks ended..`` becomes ``The talks ended.``

    ## Fix safety
    Safe for a doubled mark: the fix keeps one. For two different marks
    (``,.`` and ``.,``) the rule cannot tell which one the writer meant, so
    the suggestion (keep the full stop) is display-only. Two dots followed
    by a lowercase word (``well.. i think``) may be a clipped ellipsis, so
    that fix is display-only too, as it is before a quoted tweet's
    attribution (``and on..  Jane Doe (@janedoe)``), where the two dots are
    the tweet's mark that the thread goes on. ``ticket..@handle`` is a full
    stop and a tweet's ``.@handle`` with the space between lost: the
    display-only suggestion puts the space back and keeps both dots.
    """

    code = "LN108"
    name = "doubled-punctuation"
    summary = "Doubled punctuation"
    fixable = True
    # On: BBC 0.05 per 10k words, all real slips.
    default = True
    in_quotes = True
    examples = (
        Example("The talks ended..", "The talks ended."),
        Example("apples,, pears", "apples, pears"),
        Example("first;; second", "first; second"),
        Example("Note:: this", "Note: this"),
        Example("She backed the ticket..@JaneDoe said so.", "She backed the ticket..@JaneDoe said so."),
    )
    ok = (
        "Wait... what?! Really!! Why??",
        "Use std::vector here.",
        "Pages 1..5 and 10..20.",
        "Apple Inc., the maker. Etc., and so on. At 9 a.m., he left. The U.S., too.",
        "Leadplex LLC., Acme plc., approx., Jan., and so on.",
        "A ,,German quote",
        "An ellipsis… and four dots....",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.masked
        for m in _DOUBLED.finditer(text):
            start, end = m.span()
            pair = m.group()
            first, second = pair[0], pair[1]
            prev = text[start - 1] if start else ""
            nxt = text[end] if end < len(text) else ""
            if first == second:
                # exactly two, after a visible character: `,,Hallo` after a
                # space mimics a German opening quote
                if prev == first or nxt == first or not prev or prev.isspace():
                    continue
                if first == "." and prev == "…":
                    continue  # `…..`: an ellipsis with a full stop, typed long
                if first == ":" and (nxt.isalnum() or nxt == "_"):
                    continue  # std::vector
                if first == "." and prev.isdigit() and nxt.isdigit():
                    continue  # 1..5
                applicability = SAFE
                if first == "." and nxt == "@":
                    # `ticket..@handle`: the full stop, then a tweet's `.@handle`
                    # with the space lost; one dot less would delete the tweet's.
                    ctx.report(
                        start,
                        end,
                        "'..@': a full stop and a tweet's '.@' with the space between lost",
                        fix=Fix.replace(start, end, ". .", "Put back the space", DISPLAY_ONLY),
                    )
                    continue
                if first == ".":
                    word = _NEXT_WORD.match(text, end)
                    if (word is not None and word.group(1).islower()) or nxt in ("?", "!"):
                        applicability = DISPLAY_ONLY  # `well.. i think`, `really..?`
                    elif _TWEET_ATTRIBUTION.match(text, end):
                        applicability = DISPLAY_ONLY  # `went on..  Jane Doe (@janedoe)`
                ctx.report(
                    start,
                    end,
                    f"Doubled '{first}'",
                    fix=Fix.replace(start, end, first, f"Keep one '{first}'", applicability),
                )
            else:
                if nxt in (".", ",") or not _after_plain_word(text, start, first == "."):
                    continue
                ctx.report(
                    start,
                    end,
                    f"'{pair}': a comma and a full stop together",
                    fix=Fix.replace(start, end, ".", "Keep the full stop", DISPLAY_ONLY),
                )


def _after_plain_word(text: str, pos: int, stop_first: bool) -> bool:
    """True if a word of two or more letters ends at ``pos``; for `.,` also
    lowercase, not an abbreviation, not the tail of `a.m`."""
    m = _LETTERS_BEFORE.search(text, max(0, pos - 40), pos)
    if m is None or len(m.group()) < 2:
        return False
    if not stop_first:
        return True
    word = m.group()
    return word.islower() and word not in _ABBREVIATIONS and text[m.start() - 1 : m.start()] != "."


RULES: tuple[type[Rule], ...] = (
    TrailingWhitespace,
    RepeatedSpaces,
    MissingSpaceAfterPunctuation,
    SpaceBeforePunctuation,
    InvisibleCharacter,
    HtmlEntity,
    Mojibake,
    DoubledPunctuation,
)
