"""Sentence and punctuation rules (LN3xx): lowercase sentence starts,
unbalanced quotation marks and brackets, mixed quote styles, and paragraphs
that stop without terminal punctuation.

Sentences come from ``Document.sentences`` (``lintnews.segment``), the news-aware
splitter (abbreviations, initials, ``U.S.``, ``No. 10``, ``a.m.``, quotes).
Every rule scans ``doc.masked``, so URLs, e-mail addresses and code never
count. All work is linear in the text: one pass per paragraph, with bounded
look-behind and look-ahead around each candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import Any, ClassVar

from lintnews.builtin.characters import CONTINUATION_CHARS, inside_mojibake
from lintnews.diagnostics import Applicability, Edit, Fix, Severity
from lintnews.document import MASK_CHAR, PROSE_KINDS, Document, RegionKind
from lintnews.lostquotes import lost_quotations
from lintnews.rule import Context, Example, Rule

SAFE = Applicability.SAFE
DISPLAY_ONLY = Applicability.DISPLAY_ONLY

_OPENERS = "\"'‘“([¿¡"
_CLOSERS = "\"'’”)]"
_TERMINAL = ".!?…"
# Characters after which a quotation mark opens a quotation.
_OPENING_CONTEXT = frozenset(" \t\r\n([{‘“—–-/")


def _sentences_by_paragraph(doc: Document) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """Each paragraph's end and its sentences, from the shared ``doc.sentences``.

    LN301 needs the paragraph grouping, since a paragraph's first sentence
    follows no terminal punctuation of its own. Both lists are in text order,
    so one walk groups them.
    """
    sentences = doc.sentences
    i = 0
    for para in doc.paragraphs:
        group: list[tuple[int, int]] = []
        while i < len(sentences) and sentences[i].start < para.end:
            group.append((sentences[i].start, sentences[i].end))
            i += 1
        yield para.end, group


# --------------------------------------------------------------------------
# LN301 lowercase-sentence-start
# --------------------------------------------------------------------------

# The first word of a sentence: letters with inner apostrophes, hyphens and dots.
_FIRST_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?")
# Lowercase particles of names that stay lowercase at a sentence start in
# some house styles: `de Villepin`, `van der Veer`, `al-Assad`.
_NAME_PARTICLES = frozenset(
    "de da di du del della der den van von ter le la al el bin ibn ben dos das zu".split()
)


class LowercaseSentenceStart(Rule):
    """## What it flags
    A sentence that starts with a lowercase letter right after a full stop,
    question mark or exclamation mark: ``Burns' unusual trips. become
    public.``, ``after such an attack. “without implementing…``, and a
    paragraph (other than the first, the headline) that starts in lowercase:
    ``won the men's pole vault with…`` after a name was lost. Almost always
    the copy lost some words (a cut, a dropped link, a bad merge), or a full
    stop stands where a comma was meant.

    Not flagged: a lowercase word after an abbreviation or an initial
    (``the U.S. military``, ``10 a.m. tomorrow``, ``Apple Inc. said``,
    ``George W. Bush``), after an ellipsis (``it was over... and then``),
    inside URLs, brand names that start in lowercase (``eBay``, ``iPhone``,
    ``easyJet``; but a capital only after a hyphen makes no brand:
    ``anti-American`` and ``wal-Mart`` are flagged), name particles before a
    name (``de Villepin``, ``al-Qaeda``), list
    items, a quotation that continues a sentence (``he said, “without…``),
    speech tags after a quoted question (``"Why?" he asked``), the display
    name of an embedded tweet's attribution: a run of at most four words
    before ``(@handle)`` (``…so sad.  jane doe (@janedoe) June 1``), and the
    ``ed`` that signs an editor's bracketed note (``[Really! ed]``).

    ## Why
    Readers stop at a sentence that starts in lowercase; in scraped or
    edited copy it is the visible trace of missing text.

    ## Example
    ``Burns' unusual trips. become public.``: is a subject missing, or
    should the full stop go?

    ## Fix safety
    Display-only: the suggestion capitalises the letter, but the right
    repair (restore the missing words, drop the stop, or capitalise) is an
    editor's call.
    """

    code = "LN301"
    name = "lowercase-sentence-start"
    summary = "Sentence starts in lowercase after terminal punctuation"
    fixable = True
    # On: BBC 1.29 hits per 10k words (103), all but 4 real: 89 paragraphs that
    # start mid-sentence where a linked name was lost, 10 cut or stray stops; the
    # 4 are reader comments and a list of search queries (0.05 FP per 10k).
    # Injected lowercase starts: recall 1.0, precision 1.0.
    default = True
    in_quotes = True
    scopes = PROSE_KINDS - {RegionKind.LIST, RegionKind.TABLE}
    examples = (
        Example("Reports of Burns' unusual trips. become public."),
        Example("It cannot continue after such an attack. “without implementing reforms, we fail.”"),
        Example('"We will win." he said.'),
        Example("Is this the end? the minister asked nobody."),
        Example("Shares fell in 2004. analysts blamed the dollar."),
        Example("It cut sales to minors. wal-Mart agreed to stop."),
        Example(
            "Storm hits coast\n\nThe storm reached the coast on Monday.\n\nwon the vote by a wide margin.\n"
        ),
    )
    ok = (
        "He met U.S. officials at 10 a.m. on Monday.",
        "George W. Bush and J. K. Rowling met. Apple Inc. said no.",
        "It was over... and then it was not.",
        "Sales rose. eBay and iPhone makers gained. easyJet did too.",
        'He said, “without reform, we fail.” "Why?" he asked.',
        "Visit www.example.com/a.b for more. It is new.",
        "Storm hits coast\n\nThe storm hit.\n\neBay suspended sales. iPhone users complained.\n",
        "The plan has three parts:\n- cut taxes\n- a) fewer rules\n- b. more spending",
        "Prices rose. de Villepin said so. al-Qaeda denied it.",
        "He lives at No. 10 Downing Street. It is old.",
        "The U.S. v. Smith case, et al. and so on, vs. the rest.",
        "Many copies spread (esp. to Europe). It was new.",
        "It was a joke. jane q. doe (@janeqdoe) June 1, 2017",
        "So it ended?  i love it (@lovesit) May 2",
        "[That was a joke. Really! ed]Note how it ends.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        prev_para_end = -1
        for para_end, sentences in _sentences_by_paragraph(doc):
            if sentences and prev_para_end >= 0:
                # A paragraph's first sentence follows the previous paragraph's
                # last one: `...the vote.` / `the result was close.`
                self._check_start(doc, ctx, prev_para_end, sentences[0], new_paragraph=True)
            for (_, prev_end), sentence in pairwise(sentences):
                self._check_start(doc, ctx, prev_end, sentence, new_paragraph=False)
            prev_para_end = para_end

    def _check_start(
        self, doc: Document, ctx: Context, prev_end: int, sentence: tuple[int, int], new_paragraph: bool
    ) -> None:
        masked = doc.masked
        start, end = sentence
        mark = _terminal_before(masked, prev_end)
        if mark is None and not new_paragraph:
            return  # a list item or a line break, not a full stop
        if masked[start] in "([":
            return  # a bracketed aside: (via Reuters), [sic]
        first = start
        while first < end and masked[first] in _OPENERS:
            first += 1
        if first >= end or not masked[first].islower():
            return
        word_match = _FIRST_WORD.match(masked, first, end)
        if word_match is None:
            return
        word = word_match.group()
        if _exempt_word(word, masked, word_match.end()) or _DISPLAY_NAME.match(masked, first):
            return
        word = word.rstrip(".")
        word_end = first + len(word)
        if new_paragraph or mark is None:
            context = " ".join(doc.text[start:word_end].split())
            hint = "a paragraph that starts in lowercase: is text missing before it?"
        else:
            shown_start = mark[0]
            while shown_start > max(0, mark[0] - 30) and not masked[shown_start - 1].isspace():
                shown_start -= 1
            context = " ".join(doc.text[shown_start:word_end].split())
            closed_by_quote = any(c in "\"”'’" for c in masked[mark[1] : prev_end])
            if doc.in_quotes(mark[0], first + 1):
                hint = "inside a quotation: verbatim, or a slip in the transcription?"
            elif closed_by_quote and mark[2] == ".":
                hint = "should the full stop inside the quotation be a comma?"
            elif mark[2] in "?!":
                hint = f"should the '{mark[2]}' go, or the word be capitalised?"
            else:
                hint = "is text missing, or is the full stop stray?"
        ctx.report(
            first,
            word_end,
            f"Sentence starts in lowercase: '{context}' ({hint})",
            fix=Fix.replace(first, first + 1, masked[first].upper(), f"Capitalise '{word}'", DISPLAY_ONLY),
        )


def _terminal_before(masked: str, end: int) -> tuple[int, int, str] | None:
    """The terminal marks that end a sentence ending at ``end``:
    (marks start, marks end, last mark), or None if it ends otherwise."""
    i = end
    while i > 0 and masked[i - 1] in _CLOSERS:
        i -= 1
    marks_end = i
    while i > 0 and masked[i - 1] in _TERMINAL:
        i -= 1
    if i == marks_end:
        return None
    return i, marks_end, masked[marks_end - 1]


def _exempt_word(word: str, masked: str, word_end: int) -> bool:
    core = word.rstrip(".")
    if any(c.isupper() for c in core[1:]):
        head, hyphen, _ = core.partition("-")
        if not hyphen or head in _NAME_PARTICLES or any(c.isupper() for c in head[1:]):
            return True  # eBay, iPhone, easyJet, al-Qaeda, pH
        # A capital only after a hyphen is no brand: `anti-American`,
        # `mid-January`, `wal-Mart` (a cut `Wal-Mart`) start in lowercase.
    if "." in core:
        return True  # e.g., i.e., k.d. lang
    nxt = masked[word_end : word_end + 2]
    if nxt[:1] == "/":
        return True  # h/t, w/o
    if len(core) == 1 and (word.endswith(".") or nxt[:1] == ")"):
        return True  # a) b. list markers
    if core in _NAME_PARTICLES and nxt[:1] == " " and nxt[1:2].isupper():
        return True  # de Villepin, van Gogh
    if core in ("ed", "eds") and nxt[:1] in ")]":
        return True  # the signature of an editor's note: [Really! ed]
    return False


# A tweet's attribution as scrapers leave it: a display name of at most four
# words (any case, emoji and all) before the handle: `jane q. doe (@janedoe)`.
_DISPLAY_NAME = re.compile(r"[^\s()@]{1,50}(?:[ \t]+[^\s()@]{1,50}){0,3}[ \t]+\(@\w{1,30}\)")


# --------------------------------------------------------------------------
# LN302 unbalanced-quotes
# --------------------------------------------------------------------------

_DOUBLE = re.compile(r"[\"“”]")
# A quotation mark can reach a paragraph encoded: as an HTML entity
# (`&quot;`, `&#34;`, `&rdquo;`) or as mojibake (`â€œ` for “, `â€` with its
# last byte lost for ”). LN106 and LN107 report and fix those; read as the
# marks they stand for, they do not also unbalance the paragraph. And the
# `”` of `â€”` (an em dash garbled) is no quotation mark at all.
_ENCODED_DOUBLE = re.compile(
    r"&(?:quot|ldquo|rdquo|#0*(?:34|822[01])|#[xX]0*(?:22|201[cCdD]));"
    f"|â(?:€(?:œ|\ufffd|(?![{CONTINUATION_CHARS}]))|\x80[\x9c\x9d])"
)
_DOUBLE_OR_ENCODED = re.compile(f"{_DOUBLE.pattern}|{_ENCODED_DOUBLE.pattern}")
_ENCODED_SINGLE = re.compile(
    r"&(?:apos|lsquo|rsquo|#0*(?:39|821[67])|#[xX]0*(?:27|201[89]));|â(?:€[˜™]|\x80[\x98\x99])"
)
_ENCODED_MARK = {
    "&quot;": '"',
    "&ldquo;": "“",
    "&rdquo;": "”",
    "&apos;": "'",
    "&lsquo;": "‘",
    "&rsquo;": "’",
    "â€œ": "“",
    "â\x80\x9c": "“",
    "â\x80\x9d": "”",
    "â€˜": "‘",
    "â\x80\x98": "‘",
    "â€™": "’",
    "â\x80\x99": "’",
}


def _encoded_mark(token: str) -> str:
    """The quotation mark an entity or a mojibake sequence stands for."""
    if token in _ENCODED_MARK:
        return _ENCODED_MARK[token]
    if token.startswith("&#"):
        digits = token[2:-1]
        return chr(int(digits[1:], 16) if digits[:1] in "xX" else int(digits))
    return "”"  # `â€`: a right double quotation mark that lost its last byte


# A single quotation mark in an opening position: after the start, a space,
# an opening bracket or a dash, and before a letter. Apostrophes inside words
# (don't) and after them (the players') never open a quotation.
# The mark comes first in each pattern, so the scan looks for it, not at every position.
_SINGLE_OPEN = re.compile(r"['‘](?<=[\s(\[—–\-/]['‘])(?=[^\W\d_])|\A['‘](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"['’](?<=[^\s(\[]['’])(?![^\W\d_])")
# Elisions that start with an apostrophe: 'em, 'til, 'cause, rock 'n' roll.
_ELISION = re.compile(
    r"['‘](?:em|til|tis|twas|cause|cos|bout|round|n|ere|ol|er|im|s|bot|bots|orrible|ave|appen)(?![^\W\d_])",
    re.I,
)


class UnbalancedQuotes(Rule):
    """## What it flags
    A paragraph whose double quotation marks do not pair up: an opening
    mark that is never closed (``He said: “We will win.``), a closing mark
    with no opening one, and an opening single quotation mark (``'`` or
    ``‘`` before a word) with no closing mark after it. Straight and curly
    marks both count, and pair with each other.

    Not flagged: apostrophes (``don't``, ``the players'``, ``'90s``,
    ``rock 'n' roll``), inch marks (``a 6" pipe``), and a quotation that runs
    over several paragraphs by the usual convention: each of its paragraphs
    opens with a quotation mark and only the last one closes. Nor one whose
    later paragraphs lost their opening marks: a quotation left open at a
    paragraph's end, opened at the paragraph's start, that a closing mark
    with no opening one closes a few paragraphs on (``“We left early.`` /
    ``It rained all day,” she said.``), with only balanced paragraphs
    between; the two marks pair up. A closing mark that starts a paragraph
    is still flagged: the break cut the quotation.

    A quotation mark written as an HTML entity (``&quot;``, ``&#39;``,
    ``&rdquo;``) or garbled into mojibake (``â€œ``, ``â€™``) counts as the
    mark it stands for: LN106 and LN107 report and fix it, and one defect
    gets one finding. The ``”`` inside a garbled em dash (``â€”``) or the
    ``“`` inside a garbled en dash (``â€“``) is no quotation mark.

    ## Why
    A lost quotation mark leaves the reader unsure where someone's words end,
    which in news is a matter of attribution, not just of typography.

    ## Example
    ``He said: "We will win. The rest followed.`` (the quotation is never
    closed in this paragraph, and the next one does not continue it).

    ## Fix safety
    No fix: only the writer knows where the quotation ends.
    """

    code = "LN302"
    name = "unbalanced-quotes"
    summary = "Unbalanced quotation marks in a paragraph"
    fixable = False
    # On: BBC 0.51 per 10k words (41), every one reviewed a real lost or
    # stray quotation mark (cut paragraphs, `”` with no `“`).
    default = True
    in_quotes = True
    examples = (
        Example('He said: "We will win. The rest followed.'),
        Example("He said: “We will win.” The rest” followed."),
        Example("The report called it ‘a disgrace and left it there."),
        Example("“We will win,” he said.\n\n“We have the votes.\n\nThe talks ended."),
        Example("He said &quot;we won and left."),
    )
    ok = (
        'He said: "We will win." It was over.',
        "“We will win,” he said. “We have the votes.”",
        "Don't ask the players' union about the '90s, or rock 'n' roll.",
        'A 6" pipe burst.',
        "“We will win,” he said. “We have the votes.\n\n“And we will use them,” he added.",
        "“We have the votes.\n\nAnd we will use them,” he added.",
        "The report called it 'a disgrace', she said.",
        'He said &quot;we won" and called it &#39;a farce&#39;.',
        'He said â€œwe wonâ€\ufffd and called it â€˜a farceâ€™ â€” or "a joke".',
    )

    def check(self, doc: Document, ctx: Context) -> None:
        masked = doc.masked
        paragraphs = doc.paragraphs
        # Quotation marks written as entities or mojibake need `&` or `â`.
        encoded = "&" in masked or "â" in masked
        # The findings of a paragraph that left one quotation open, held while
        # the paragraphs after it may still close it; and where it opened.
        held: list[tuple[int, str]] | None = None
        held_open = -1
        gap = 0
        for index, para in enumerate(paragraphs):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            continues = following is not None and masked[following.start] in '"“'
            scan = _QuoteScan()
            problems = _quote_problems(
                masked, para.start, para.end, continues, encoded, held is not None, scan
            )
            if held is not None:
                if scan.closed_carried:
                    _report_capped(ctx, [p for p in held if p[0] != held_open])
                    held = None
                elif problems or gap >= _MAX_QUOTED_PARAGRAPHS:
                    _report_capped(ctx, held)
                    held = None
                else:
                    gap += 1  # a balanced paragraph inside the quotation
                    continue
            if scan.left_open == para.start:
                # Only a quotation that opens its paragraph runs over several.
                held, held_open, gap = problems, para.start, 0
                continue
            _report_capped(ctx, problems)
        if held is not None:
            _report_capped(ctx, held)


#: A quotation left open may be closed at most this many paragraphs on.
_MAX_QUOTED_PARAGRAPHS = 5


class _QuoteScan:
    """What ``_quote_problems`` found beyond the problems: where the one
    quotation it left open opened, and whether it closed one carried over."""

    __slots__ = ("closed_carried", "left_open")

    def __init__(self) -> None:
        self.left_open: int | None = None
        self.closed_carried = False


def _quote_problems(
    masked: str,
    start: int,
    end: int,
    continues: bool,
    encoded: bool = True,
    carried: bool = False,
    scan: _QuoteScan | None = None,
) -> list[tuple[int, str]]:
    """The quotation-mark problems of the paragraph ``masked[start:end]``.

    ``continues``: the next paragraph opens with a quotation mark, so one
    quotation left open goes on there. ``carried``: a quotation left open
    by an earlier paragraph may still be running, so the first closing mark
    without an opening one closes it. ``scan`` receives what else was found.
    """
    problems: list[tuple[int, str]] = []
    # Open double quotation marks: the quotation, and at most one quotation
    # nested in it with double marks too (`"He was the "Father of the House""`).
    stack: list[int] = []
    for m in (_DOUBLE_OR_ENCODED if encoded else _DOUBLE).finditer(masked, start, end):
        pos = m.start()
        mark = m.group()
        after = pos + 1
        if mark != '"':
            if len(mark) > 1:
                after, mark = m.end(), _encoded_mark(mark)
            elif inside_mojibake(masked, pos):
                continue  # the `”` of `â€”`, a garbled em dash
        role = _double_role(masked, pos, after, mark, start, end, bool(stack))
        if role == "inch":
            continue
        if role == "open":
            if stack and _after_sentence_end(masked, pos, start):
                # An opening mark after a sentence end while a quotation is
                # open continues it: the open-quote convention of a quotation
                # that ran over several paragraphs, later joined into one.
                stack[-1] = pos
            elif len(stack) >= 2:
                problems.append(
                    (stack[-1], "Quotation mark opened here is not closed before the next one opens")
                )
                stack[-1] = pos
            else:
                stack.append(pos)
        elif stack:
            stack.pop()
        elif carried and pos > start:
            # It closes the quotation an earlier paragraph left open; a mark
            # that opens the paragraph was cut from the one before it.
            carried = False
            if scan is not None:
                scan.closed_carried = True
        else:
            problems.append((pos, "Closing quotation mark without an opening one in this paragraph"))
    if continues and len(stack) == 1:
        stack.clear()  # the quotation goes on in the next paragraph
    if scan is not None and len(stack) == 1:
        scan.left_open = stack[0]
    problems.extend((pos, "Quotation mark opened here is never closed in this paragraph") for pos in stack)
    # Single quotation marks: an opening mark needs some closing mark after it.
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(masked, start, end)]
    if encoded:
        opens = [m.start() for m in _SINGLE_OPEN.finditer(masked, start, end)]
        opens = _encoded_singles(masked, start, end, opens, closes)
        last_close = max(closes, default=-1)
        unclosed = next((pos for pos in opens if pos >= last_close and not _ELISION.match(masked, pos)), None)
    else:
        last_close = closes[-1] if closes else -1
        unclosed = None
        for m in _SINGLE_OPEN.finditer(masked, start, end):
            if m.start() >= last_close and not _ELISION.match(masked, m.start()):
                unclosed = m.start()
                break
    if unclosed is not None:
        problems.append((unclosed, "Single quotation mark opened here is never closed in this paragraph"))
    problems.sort()
    return problems


def _encoded_singles(masked: str, start: int, end: int, opens: list[int], closes: list[int]) -> list[int]:
    """Add the single quotation marks written as entities or mojibake
    (`&#39;`, `&rsquo;`, `â€˜`) to ``opens`` and ``closes``, by the same
    positions as _SINGLE_OPEN and _SINGLE_CLOSE read the plain marks;
    return the opening ones in order."""
    for m in _ENCODED_SINGLE.finditer(masked, start, end):
        mark = _encoded_mark(m.group())
        prev = masked[m.start() - 1] if m.start() > start else " "
        nxt = masked[m.end()] if m.end() < end else " "
        letter_next = nxt.isalpha()
        if mark in "'‘" and (prev.isspace() or prev in "([—–-/") and letter_next:
            if not _ELISION.match("'" + masked[m.end() : m.end() + 8]):
                opens.append(m.start())
        elif mark in "'’" and not prev.isspace() and prev not in "([" and not letter_next:
            closes.append(m.start())
    return sorted(opens)


def _double_role(masked: str, pos: int, after: int, mark: str, start: int, end: int, is_open: bool) -> str:
    """'open', 'close' or 'inch' for the double quotation ``mark`` written
    in ``masked[pos:after]`` (one character, or an entity or mojibake)."""
    if mark == "“":
        return "open"
    if mark == "”":
        return "close"
    prev = masked[pos - 1] if pos > start else " "
    nxt = masked[after] if after < end else " "
    if prev.isdigit() and not is_open and (nxt.isspace() or nxt in ",.;:-)"):
        return "inch"  # a 6" pipe
    opening = prev in _OPENING_CONTEXT or prev == "‘"
    if opening and not nxt.isspace():
        return "open"
    if not prev.isspace() and (nxt.isspace() or not nxt.isalnum()):
        return "close"
    return "close" if is_open else "open"


def _after_sentence_end(masked: str, pos: int, start: int) -> bool:
    # Bounded look-back: a run of 100,000 quotation marks stays linear.
    i = pos
    lo = max(start, pos - 12)
    while i > lo and masked[i - 1] in " \t\r\n":
        i -= 1
    while i > lo and masked[i - 1] in _CLOSERS:
        i -= 1
    return i > start and masked[i - 1] in _TERMINAL


# --------------------------------------------------------------------------
# LN303 unbalanced-brackets
# --------------------------------------------------------------------------

_BRACKET = re.compile(r"[()\[\]{}]")
_PAIRS = {")": "(", "]": "[", "}": "{"}
# `a)`, `1)`, `iv)` after a space or at a line start: an enumeration, not a bracket.
_ENUMERATOR = re.compile(r"(?:(?:^|[\s(])(?:[a-zA-Z]|[ivxIVX]{1,4})|(?<![\d.,:])\d{1,2})\.?\Z")
# Emoticons: :) :-( ;) :D ...
_EMOTICON_BEFORE = frozenset(":;=")


class UnbalancedBrackets(Rule):
    """## What it flags
    A paragraph whose brackets do not pair up: ``(``, ``[`` or ``{`` that is
    never closed, a closing bracket with no opening one, and a pair that
    does not match (``(see below]``).

    Not flagged: enumerations (``a) cut taxes, b) raise spending``, ``1)``),
    emoticons (``:)``, ``:-(``), and brackets inside URLs and code, which are
    masked; a URL never takes a square bracket, so the ``]`` of a shortcode
    such as ``[video https://example.com/v]`` closes it.

    ## Why
    A lost bracket usually means lost words: an aside that was cut in
    editing, or a scraper that dropped a link's text.

    ## Example
    ``The firm (which was founded in 1990 said profits rose.``

    ## Fix safety
    No fix: where the aside ends is the writer's call.
    """

    code = "LN303"
    name = "unbalanced-brackets"
    summary = "Unbalanced brackets in a paragraph"
    fixable = False
    # On: BBC 0.05 per 10k words (4), all real (`(foreign and British were`).
    default = True
    in_quotes = True
    examples = (
        Example("The firm (which was founded in 1990 said profits rose."),
        Example("Profits rose 5%) in the year."),
        Example("The court [in a ruling) said no."),
    )
    ok = (
        "The firm (founded in 1990) said profits rose [sic].",
        "The plan would a) cut taxes and b) raise spending; 1) first, 2) second.",
        "Great game :) and a sad end :-(",
        "See https://en.wikipedia.org/wiki/Foo_(bar) for more.",
        "Watch it here:[video https://www.example.com/watch?v=x1]Next, the vote.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        for para in doc.paragraphs:
            _report_capped(ctx, _bracket_problems(doc.text, doc.masked, para.start, para.end))


def _bracket_problems(text: str, masked: str, start: int, end: int) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    stack: list[int] = []
    for m in _BRACKET.finditer(masked, start, end):
        pos = m.start()
        ch = m.group()
        if ch in "([{":
            if ch == "(" and _is_emoticon(masked, pos, start):
                continue
            stack.append(pos)
            continue
        opener = _PAIRS[ch]
        if not stack or masked[stack[-1]] != opener:
            if _is_emoticon(masked, pos, start) or _ENUMERATOR.search(masked[max(start, pos - 6) : pos]):
                continue  # :) or a) 1)
            if pos > start and masked[pos - 1] == MASK_CHAR and _opened_in_mask(text, masked, pos, opener):
                continue  # the end of a URL that holds its own "(": /wiki/Foo_(bar)
        if not stack:
            problems.append((pos, f"Closing '{ch}' without an opening '{opener}' in this paragraph"))
        elif masked[stack[-1]] != opener:
            opened = stack.pop()
            column = opened - _line_start(masked, opened) + 1
            problems.append((pos, f"'{masked[opened]}' opened at column {column} is closed by '{ch}'"))
        else:
            stack.pop()
    closers = {v: k for k, v in _PAIRS.items()}
    problems.extend(
        (pos, f"'{masked[pos]}' is never closed in this paragraph (no '{closers[masked[pos]]}')")
        for pos in stack
    )
    problems.sort()
    return problems


def _opened_in_mask(text: str, masked: str, pos: int, opener: str) -> bool:
    """True if the masked run that ends at ``pos`` holds ``opener`` in the raw text."""
    i = pos
    lo = max(0, pos - 300)
    while i > lo and masked[i - 1] == MASK_CHAR:
        i -= 1
    return opener in text[i:pos]


#: At most this many findings per paragraph for LN302 and LN303: a paragraph
#: of 10,000 stray brackets needs one look, not 10,000 lines of output.
_MAX_PER_PARAGRAPH = 3


def _report_capped(ctx: Context, problems: list[tuple[int, str]]) -> None:
    shown = problems[:_MAX_PER_PARAGRAPH]
    for i, (pos, message) in enumerate(shown):
        if i == len(shown) - 1 and len(problems) > len(shown):
            message += f" (and {len(problems) - len(shown)} more in this paragraph)"
        ctx.report(pos, pos + 1, message)


def _is_emoticon(masked: str, pos: int, start: int) -> bool:
    """:) :-( ;) =( and the like."""
    i = pos - 1
    if i >= start and masked[i] == "-":
        i -= 1
    return i >= start and masked[i] in _EMOTICON_BEFORE


def _line_start(masked: str, pos: int) -> int:
    return max(masked.rfind("\n", 0, pos), masked.rfind("\r", 0, pos)) + 1


# --------------------------------------------------------------------------
# LN304 mixed-quote-styles
# --------------------------------------------------------------------------

_QUOTE_MARK = re.compile(r"[\"'“”‘’]")
_STRAIGHT_FOR = {"“": '"', "”": '"', "‘": "'", "’": "'"}
_QUOTE_SETTINGS = ("majority", "curly", "straight")


class MixedQuoteStyles(Rule):
    """## What it flags
    Straight quotation marks and apostrophes (``"``, ``'``) in a document
    that otherwise uses curly ones (``“ ” ‘ ’``), or the other way round:
    each mark of the minority style is flagged. With the house setting
    ``quotes = "curly"`` or ``quotes = "straight"`` every mark of the other
    style is flagged, whatever the document's majority::

        [tool.lintnews.rules.LN304]
        quotes = "curly"

    Inch and foot marks after a digit (``a 6" pipe``, ``5'11``) are not
    quotation marks and are left alone, nor is a curly mark that is a piece
    of mojibake (the ``”`` of ``â€”``, a garbled em dash: LN107's), nor the
    quotes of code pasted into the article (``js.src = "//connect..."``,
    ``Document.code_like``): they are neither flagged nor counted.

    ## Why
    Mixed styles are the trace of copy pasted from several sources (a word
    processor, a wire feed, a CMS). In print and on the web they look
    careless; in a search index ``don't`` and ``don’t`` are two words.

    ## Example
    ``“We will win,” he said. "We have the votes."`` becomes
    ``“We will win,” he said. “We have the votes.”``

    ## Fix safety
    Safe: only the mark's shape changes, never the words. Straight marks
    become curly by their position: after a space, an opening bracket or a
    dash a mark opens (``“``, ``‘``), elsewhere it closes or is an apostrophe
    (``”``, ``’``); a leading apostrophe before a number or an elision is
    ``’`` (``’90s``, ``rock ’n’ roll``). The rule checks quotation marks
    even inside quotations: the marks that delimit someone's words are the
    outlet's typography, not the speaker's.
    """

    code = "LN304"
    name = "mixed-quote-styles"
    summary = "Straight and curly quotation marks mixed in one document"
    fixable = True
    # On: silent on BBC (straight quotes only); real mixes elsewhere.
    default = True
    in_quotes = True
    options: ClassVar[Mapping[str, Any]] = {"quotes": "majority"}
    examples = (
        Example(
            '“We will win,” he said. "We have the votes." It’s over, isn’t it?',
            "“We will win,” he said. “We have the votes.” It’s over, isn’t it?",
        ),
        Example(
            '"We will win," he said. "We can\'t lose." It\'s over, isn’t it?',
            '"We will win," he said. "We can\'t lose." It\'s over, isn\'t it?',
        ),
        Example(
            "“It’s over,” she said of the ‘90s era. 'Rock 'n' roll' it isn’t. Don’t. Won’t.",
            "“It’s over,” she said of the ‘90s era. ‘Rock ’n’ roll’ it isn’t. Don’t. Won’t.",
        ),
    )
    ok = (
        '"We will win," he said. "We can\'t lose."',
        "“We will win,” he said. “We can’t lose.”",
        'A 6" pipe and a 5\'11" player, “he said”, it’s true.',
        '"We will win," he said â€” "and soon." It\'s over â€“ isn\'t it?',
    )

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        if self.settings["quotes"] not in _QUOTE_SETTINGS:
            raise ValueError(
                f"{self.code}: quotes must be one of {', '.join(_QUOTE_SETTINGS)}, "
                f"not {self.settings['quotes']!r}"
            )

    def check(self, doc: Document, ctx: Context) -> None:
        masked = doc.masked
        marks = quote_marks(doc)
        if not marks:
            return
        straight = sum(1 for pos in marks if masked[pos] in "\"'")
        curly = len(marks) - straight
        setting = self.settings["quotes"]
        if setting == "majority":
            if not straight or not curly:
                return
            target = "straight" if straight > curly else "curly"
            if straight == curly:
                why = f"as many straight as curly quotes ({curly} each): curly preferred"
            else:
                most, least = max(straight, curly), min(straight, curly)
                why = f"the document mostly uses {target} quotes ({most} to {least})"
        else:
            target = setting
            why = f"the house style is {target} quotes"
        for pos in marks:
            ch = masked[pos]
            if target == "straight":
                if ch in "\"'":
                    continue
                repl = _STRAIGHT_FOR[ch]
            else:
                if ch not in "\"'":
                    continue
                repl = _curly_for(masked, pos)
            kind = "curly" if target == "straight" else "straight"
            ctx.report(
                pos,
                pos + 1,
                f"{kind.capitalize()} quote {ch!r}: {why}",
                fix=Fix.replace(pos, pos + 1, repl, f"Use {repl!r}", SAFE),
            )


def quote_marks(doc: Document) -> list[int]:
    """Where the document's quotation marks and apostrophes are, as LN304
    counts them: not inch and foot marks (``6"``), not a curly mark that is a
    piece of mojibake, not a mark of code pasted into the prose (its string
    quotes are the language's, and must not outvote the article's)."""
    masked = doc.masked
    return [
        m.start()
        for m in _QUOTE_MARK.finditer(masked)
        if not _is_prime(masked, m.start())
        and not (m.group() not in "\"'" and inside_mojibake(masked, m.start()))
        and not doc.in_code_like(m.start())
    ]


def quote_style(doc: Document) -> str | None:
    """The document's quotation-mark style, "curly" or "straight", by LN304's
    majority (a tie is curly, as LN304 prefers); None without any mark.

    A rule that inserts a mark uses it, so that fixing never changes the
    majority LN304 judges the other marks by."""
    marks = quote_marks(doc)
    if not marks:
        return None
    straight = sum(1 for pos in marks if doc.masked[pos] in "\"'")
    return "straight" if straight > len(marks) - straight else "curly"


def _is_prime(masked: str, pos: int) -> bool:
    """An inch or foot mark after a digit: 6" pipe, 5'11"."""
    if pos == 0 or not masked[pos - 1].isdigit() or masked[pos] not in "\"'":
        return False
    nxt = masked[pos + 1 : pos + 2]
    if masked[pos] == "'":
        return nxt.isdigit()
    return not nxt or nxt.isspace() or nxt.isdigit() or nxt in ",.;:-)"


def _curly_for(masked: str, pos: int) -> str:
    ch = masked[pos]
    prev = masked[pos - 1] if pos else " "
    nxt = masked[pos + 1] if pos + 1 < len(masked) else " "
    opening = prev in _OPENING_CONTEXT or prev in "\"'“‘"
    if ch == '"':
        if opening and not nxt.isspace():
            return "“"
        return "”"
    if opening and not nxt.isspace():
        if nxt.isdigit() or _ELISION.match(masked, pos):
            return "’"
        return "‘"
    return "’"


# --------------------------------------------------------------------------
# LN305 paragraph-without-terminal-punctuation
# --------------------------------------------------------------------------

_END_CLOSERS = "\"'’”»"
# Lines that need no full stop: credits, bylines, datelines, promo, sources.
_ATTRIBUTION = re.compile(
    r"(?:By|Reporting by|Writing by|Editing by|Additional reporting|Compiled by|Sources?|Photo|Photos|"
    r"Image|Images|Picture|Pictures|Featured image|Credit|Credits|Follow|Read more|Related|Copyright|©|"
    r"Contact|Email|E-mail|Tel|Watch|Listen|Video|Updated|Published|Posted|Last updated|Via|H/T|Hat tip)\b",
    re.IGNORECASE,
)
# Page furniture run into a paragraph's last sentence: an image credit, an
# embedded tweet's signature, a source or read-more line. LN4xx's business.
_TRAILING_FURNITURE = re.compile(
    r"Featured image|Image via|Photo by|Read more|For entire story|\bVia:|Source:"
    r"|\(@\w+\)\s+\w+ \d{1,2}, \d{4}\Z",
    re.IGNORECASE,
)
_LIST_LINE = re.compile(r"(?m)^[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]")
_MIN_WORDS = 8
# A paragraph that ends on one of these stopped mid-sentence.
_CUT_WORDS = frozenset(
    """a an the of to in on at by for with from and or but as when where while than that which
    who whose his her its their our my your this these those is are was were be has have had will
    would can could should may might must not no very so if into onto upon about after before
    between against during without within via per like such""".split()
)
_WORDS = re.compile(r"\S+")
_EMOTICON_END = re.compile(r"(?:[:;=]-?[()DPp/\\|]|\bLOL|\bxx+|&lt;\(|<3)\Z", re.IGNORECASE)


class ParagraphWithoutTerminalPunctuation(Rule):
    """## What it flags
    A paragraph of prose that stops without a full stop, question mark,
    exclamation mark or ellipsis (closing quotes and brackets after the mark
    are fine): ``Other issues range from China's`` at the end of a
    paragraph. In scraped copy this is nearly always text cut mid-sentence
    (a dropped link, a lost line); in a draft it is a missing full stop.

    Not flagged: headings, list items, tables, the first line of a plain-text
    article (the headline), short paragraphs of fewer than eight words
    (captions, subheads, datelines, sports fixtures), lines of title-case or
    capitalised words (award lists, credits), bylines, credits and source
    lines (``By …``, ``Reporting by …``, ``Source: …``, ``Photo: …``), and
    paragraphs that end with a colon, a semicolon, a closing bracket, a URL
    or an emoticon.

    ## Why
    A paragraph that stops mid-sentence tells the reader something is
    missing; the defect is easy to miss in an editor and obvious on the page.

    ## Example
    ``Other issues to be discussed at the conference range from China's``
    followed by a blank line.

    ## Fix safety
    No fix: the missing words, or the missing stop, are a human's call.
    """

    code = "LN305"
    name = "paragraph-without-terminal-punctuation"
    summary = "Paragraph ends without terminal punctuation"
    severity = Severity.INFO
    fixable = False
    # Off by default: on clean BBC it speaks 0.84 times per 10k words (67),
    # mostly about paragraphs cut mid-sentence that LN301 already reports from
    # the other side, and about 7.5 per 10k on scraped copy where extractors
    # split paragraphs. Useful when selected for a cleanup pass.
    default = False
    in_quotes = True
    scopes = frozenset({RegionKind.PROSE, RegionKind.QUOTE})
    examples = (
        Example(
            "Headline\n\nOther issues to be discussed at the five-day conference range from China's\n\n"
            "The summit ends on Sunday.\n"
        ),
        Example("Headline\n\nThe firm said profits rose by 5% in the year to March, helped by\n\nNext."),
        Example(
            "Headline\n\nShares in the company fell sharply on Monday after it warned on profits\n\n"
            "The chief executive said trading had been tough.\n"
        ),
    )
    ok = (
        "Headline without a full stop\n\nThe firm said profits rose.\n",
        "Headline\n\nBy John Smith, business reporter\n\nThe firm said profits rose.\n",
        "Headline\n\nHalo 2 is out on 9 November\n\nThe game sold well.\n",
        "Headline\n\nThe winners were:\n\n- Best film: Vera Drake\n- Best actor: Jamie Foxx\n",
        "Headline\n\nReporting by Steve Holland in Washington; Editing by Jonathan Oatis\n",
        "Headline\n\nMatt Lucas and David Walliams (Little Britain, BBC Three)\n",
        "Headline\n\nWhat a game that was, I could watch it again and again :-)\n",
        "Headline\n\n“We will win,” he said, “and we will win again and again.”\n",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        masked = doc.masked
        paragraphs = doc.paragraphs
        for index, para in enumerate(paragraphs):
            if index == 0 and doc.markup == "plain" and "\n" not in para.text and "\r" not in para.text:
                continue  # the headline
            end = para.end
            while end > para.start and masked[end - 1] in _END_CLOSERS:
                end -= 1
            last = masked[end - 1] if end > para.start else ""
            if not last or last in ".!?…:;)]" or last == MASK_CHAR:
                continue
            body = masked[para.start : end]
            words = _WORDS.findall(body)
            if len(words) < _MIN_WORDS:
                continue
            if _ATTRIBUTION.match(body) or _LIST_LINE.search(body) or _EMOTICON_END.search(body):
                continue
            tail = _last_sentence(body)
            if tail is not body:
                tail_words = _WORDS.findall(tail)
                if (
                    _ATTRIBUTION.match(tail)
                    or tail[:1] in "(["
                    or not tail_words
                    or _TRAILING_FURNITURE.search(tail)
                ):
                    continue  # ...the vote was close. Featured image via Getty Images
                if len(tail_words) < 4 and not any(w[:1].islower() for w in tail_words):
                    continue  # a credit or a source: "...on Monday. Heavy"
            if index == len(paragraphs) - 1 and len(words) < 20 and not any(c in body for c in _TERMINAL):
                continue  # a tagline or a bio: "Halo 2 is out now for the PC"
            if "." in words[-1].strip(".") and words[-1][-1:].isalpha():
                continue  # ends with a site name: "...endorsed by EagleRising.com"
            if sum(1 for w in words if w[:1].islower()) < 0.4 * len(words):
                continue  # title case, names, credits
            last_two = words[-2:]
            if len(last_two) == 2 and all(w.isupper() and len(w) > 1 for w in last_two):
                continue  # a subhead run into the paragraph
            shown = " ".join(doc.text[max(para.start, end - 40) : para.end].split())
            cut = last in ",-—–" or words[-1].lower() in _CUT_WORDS or words[-1].endswith(("'s", "’s"))
            hint = "looks cut off" if cut else "missing a full stop?"
            ctx.report(
                end - len(words[-1]),
                para.end,
                f"Paragraph ends without terminal punctuation: '…{shown}' ({hint})",
            )


def _last_sentence(body: str) -> str:
    """The text after the paragraph's last terminal mark (``body`` itself if none)."""
    cut = max(body.rfind(c) for c in _TERMINAL)
    if cut < 0:
        return body
    while cut + 1 < len(body) and body[cut + 1] in _TERMINAL + _CLOSERS:
        cut += 1
    return body[cut + 1 :].strip()


# --------------------------------------------------------------------------
# LN306 lost-quotation-marks
# --------------------------------------------------------------------------

#: The marks a suggestion inserts, by the document's style (LN304's majority).
_MARKS = {"curly": ("“", "”"), "straight": ('"', '"')}
_PREVIEW_WORDS = 6
# The message and the fix title, by which gaps were found: (opening, closing).
_LOST_MARKS = {
    (True, True): ("Quotation marks likely lost around '{}'", "Restore the quotation marks"),
    (False, True): (
        "Closing quotation mark likely lost after '{}'; no trace of the opening one",
        "Restore the closing quotation mark",
    ),
    (True, False): (
        "Opening quotation mark likely lost before '{}'; no trace of the closing one",
        "Restore the opening quotation mark",
    ),
}


def _preview(text: str) -> str:
    """The quoted words, shortened for a message: `the first three … last two`."""
    words = text.split()
    if len(words) <= _PREVIEW_WORDS:
        return " ".join(words)
    return " ".join(words[:3]) + " … " + " ".join(words[-2:])


class LostQuotationMarks(Rule):
    """## What it flags
    Quoted words whose quotation marks a scraper turned into spaces: the
    words survive, framed by double spaces where the marks were::

        a liberal organization called  Grab Your Wallet  flooded them
        He started out by telling them:  For those who came,  he said.

    A double space has other causes (two spaces after a full stop, a lost
    dash, a tweet's signature, list items run together), so the rule weighs
    the evidence around a pair of gaps on one line (``lintnews/lostquotes.py``):
    an introduction before the opening gap (a colon, ``said,``) or an
    attribution after the closing one (``,  she said``, ``,  Rep. Nancy
    Pelosi said``), a short phrase inside a sentence (a title, a nickname,
    scare quotes), a sentence in the first person after ``he said.``, and a
    closing mark lost before punctuation, which leaves one space (``the
    world .``, ``jihadists ?``). A pair is flagged when its evidence scores 3
    or more; a gap whose own evidence is that strong is flagged alone
    (``...in the planning,  the author wrote``: the opening mark left no
    trace). The flagged span is the likely quoted words. Three spaces are a lost dash, never a mark
    (except after a full stop, where a paragraph gap and a mark meet), and a
    line that kept its curly quotation marks lost none.

    LN102 (repeated spaces) and LN104 (space before punctuation) leave these
    gaps alone: closing them up would erase the only trace of the marks.

    ## Why
    Without its marks, a quotation reads as the reporter's own words: a
    scare-quoted ``so-called  failed  law`` turns into the outlet's verdict,
    someone's accusation into a statement of fact. The spacing is the only
    trace left, and an editor needs to see it rather than have it tidied away.

    ## Example
    ``a liberal organization called  Grab Your Wallet  flooded them`` is
    flagged on ``Grab Your Wallet``, with the suggestion ``called "Grab Your
    Wallet" flooded``.

    ## Fix safety
    Display-only: the suggestion puts the document's own marks (curly when
    its marks are mostly curly, as LN304 counts them) where the gaps are, but
    the evidence only makes a quotation likely, and where exactly it started
    or ended is an editor's call. It is never applied.
    """

    code = "LN306"
    name = "lost-quotation-marks"
    summary = "Quotation marks lost (double spaces where the marks were)"
    fixable = True
    default = True
    # Scraping damage, like a lost apostrophe: inside a quotation too.
    in_quotes = True
    scopes = PROSE_KINDS - {RegionKind.TABLE}
    examples = (
        Example("A liberal organization called  Grab Your Wallet  flooded them with complaints."),
        Example("He told the crowd:  We are going to win this state,  Trump said on Monday."),
        Example("Prices will rise next year,  the minister said in a statement."),
        Example("The army said it would  continue the operation until the end . It gave no date."),
    )
    ok = (
        "The talks ended.  Then came rain.",
        "It was over   and everyone knew it   by noon.",
        "The talks ended. Then came rain, he said.",
        'A liberal organization called "Grab Your Wallet" flooded them.',
        "Four more years  Jane Doe (@janedoe) June 1, 2017",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        quotations = lost_quotations(doc)
        if not quotations:
            return
        opening, closing = _MARKS[quote_style(doc) or "straight"]
        text = doc.text
        for q in quotations:
            edits = []
            if q.opening is not None:
                edits.append(Edit(q.opening[0], q.opening[1], " " + opening))
            if q.closing is not None:
                gap = q.closing
                edits.append(Edit(gap[0], gap[1], closing + (" " if gap[1] - gap[0] > 1 else "")))
            what, title = _LOST_MARKS[(q.opening is not None, q.closing is not None)]
            message = what.format(_preview(text[q.start : q.end]))
            ctx.report(
                q.start,
                q.end,
                f"{message} (evidence: {', '.join(q.evidence)})",
                fix=Fix(tuple(edits), DISPLAY_ONLY, title),
            )


RULES: tuple[type[Rule], ...] = (
    LowercaseSentenceStart,
    UnbalancedQuotes,
    UnbalancedBrackets,
    MixedQuoteStyles,
    ParagraphWithoutTerminalPunctuation,
    LostQuotationMarks,
)
