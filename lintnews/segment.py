"""Sentence splitting that knows news copy.

``split_sentences(text, masked, start, end)`` returns the sentences of one
paragraph as ``(start, end)`` offsets into ``text``, trimmed of whitespace.
It reads ``masked`` (the document's masked view, same length as ``text``) so
a full stop inside a URL, an e-mail address or a code span never ends a
sentence.

How a boundary is decided
-------------------------
A candidate is a run of terminal marks (``.``, ``?``, ``!``, ``…``) with the
closing quotes and brackets that follow it, then whitespace. What stands
before the mark decides whether it ends the sentence:

* an ordinary word or number (``trips.``, ``2016.``, ``BBC.``): always a
  boundary, *whatever the case of the next word*. That is what lets LN301
  see ``trips. become public`` as a sentence that starts in lowercase;
* a title that never ends a sentence (``Mr.``, ``Dr.``, ``Gen.``, ``Sen.``):
  never a boundary;
* an abbreviation that may or may not end one (``U.S.``, ``a.m.``, ``Inc.``,
  ``Oct.``, ``Calif.``, ``etc.``, ``No.``), an initial (``George W. Bush``)
  or a spaced stop (`` . ``): a boundary only if the next word is a
  capitalised word that commonly starts a sentence (``The``, ``He``, ``But``,
  ...) or an opening quote before a capital. ``U.S. officials``, ``U.S.
  Senate``, ``No. 10``, ``Oct. 7`` and ``J. K. Rowling`` stay whole;
* an ellipsis (``...``, ``…``): a boundary only before a capital;
* ``?`` and ``!``: a boundary, except before a lowercase word after a
  closing quote or bracket (``"Why?" he asked``) and after a capitalised
  brand (``Yahoo! users``);
* a list marker at the start of a line (``1.``, ``a.``) is never a boundary;
  a line break before a list marker (``- ``, ``* ``, ``• ``, ``2.``, ``b)``)
  always is.

Speed: one ``re`` scan finds the candidates (a few per sentence); each is
decided by looking at a bounded window on either side, so the cost is linear
in the paragraph. Over the BBC corpus the splitter runs at well over
20 MB/s.
"""

from __future__ import annotations

import re

__all__ = [
    "AMBIGUOUS_ABBREVIATIONS",
    "MASK_CHAR",
    "SENTENCE_STARTERS",
    "TITLES",
    "is_boundary",
    "split_sentences",
]

#: Titles before a name: never the last word of a sentence.
TITLES = frozenset(
    """
    Mr Mrs Ms Messrs Mmes Dr Drs Prof Profs Rev Revd Fr Msgr Rt Hon
    Gen Lt Col Maj Capt Cmdr Cdr Comdr Adm Sgt Cpl Pvt Brig Lieut
    Gov Sen Sens Rep Reps Amb Pres Supt Insp Det Atty Cllr
    """.split()
)

#: Abbreviations that end a sentence only when one plainly starts next.
#: Case matters: ``No.`` before a number, but ``no.`` at the end of "he said no.".
AMBIGUOUS_ABBREVIATIONS = frozenset(
    """
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    Inc Corp corp Co Cos Ltd Plc plc LLC Llc Bros Jr Sr Snr Jnr Esq Assn Assoc Dept Univ Inst Intl Natl Govt
    St Ste Ave Blvd Rd Ln Hwy Mt Ft Pt Sq Pl Terr
    No Nos no nos Nr Vol Vols vol vols Ch Chap ch chap Fig Figs fig figs Art Sec Sect
    Pp pp Op op Ed Eds eds Ref Tel tel Ext ext
    est approx Approx vs Vs v etc al ca cf ibid viz incl excl esp misc min max mins hr hrs yr yrs
    mo mos wk wks ft sq pt pts qt gal lb lbs oz mi tsp tbsp cu
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss
    Mo Mont Neb Nebr Nev Okla Ore Oreg Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo
    """.split()
)

#: Capitalised words that commonly open a sentence: after an ambiguous
#: abbreviation, one of these means the abbreviation ended the sentence.
SENTENCE_STARTERS = frozenset(
    """
    The A An He She It They We I You His Her Its Their Our My Your This That These Those
    There Here But And Or So Yet If When While After Before As In On At For With By From
    To Of Some Many Most Much All Both Each Every Few No Not None Nor Neither Either One
    Other Another Such However Meanwhile Still Also Then Now Last Earlier Later Today
    Yesterday Tomorrow What Why How Who Whom Where Which Whose Since Although Though Despite
    According Under Over Among During Until Because Instead Even Only Just Nevertheless
    Thus Therefore Indeed Mr Mrs Ms Dr Officials Police Analysts Critics Supporters
    Asked Speaking Shares Prices Sales Experts
    """.split()
)

# A run of terminal marks with its closing quotes and brackets, before
# whitespace; or a line break before a list marker.
_MARKS = r"(?<![.!?…])[.!?…]+[\"'’”)\]]*(?=\s)"
_CANDIDATE = re.compile(_MARKS)
_CANDIDATE_OR_LIST_LINE = re.compile(_MARKS + r"|(?<=\n)(?=[ \t]*(?:[-*•–]|\d{1,3}[.)]|[a-z][.)])[ \t]+\S)")
_CLOSERS = "\"'’”)]"
_OPENERS = "\"'‘“([¿¡"
# The mask character of ``Document.masked`` (lintnews.document.MASK_CHAR,
# repeated here so that document.py can import this module): a stop after
# a masked URL or address follows an ordinary word.
MASK_CHAR = "\uffff"
# Word characters and the inner punctuation of a token such as U.S, Ph.D,
# e-mail, Burns', O'Neill, 2.5%, £1.2bn; the backward scan stops at anything else.
_TOKEN_EXTRA = frozenset(".-'’&/%£$€¥°+" + MASK_CHAR)
# Ends in a dotted abbreviation: U.S, a.m, Ph.D, e.g, and country.U.S (a lost space).
_DOTTED = re.compile(r"(?:^|\.)[^\W\d_]{1,3}\.[^\W\d_]{0,3}\Z")
_LIST_MARKER = re.compile(r"(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})")
_MAX_TOKEN = 40


def split_sentences(text: str, masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of the paragraph ``text[start:end]``.

    Returns ``(start, end)`` offsets into ``text`` (each span trimmed of
    whitespace, never empty), in order. ``masked`` is the document's masked
    text: the same length as ``text``, with URLs, code and markup replaced
    by a mask character, so their full stops never end a sentence.
    """
    out: list[tuple[int, int]] = []
    pos = start
    # Most paragraphs are one line: the list-line alternative, tried at every
    # position, is only needed when the paragraph has a line break.
    candidates = _CANDIDATE_OR_LIST_LINE if masked.find("\n", start, end) >= 0 else _CANDIDATE
    for m in candidates.finditer(masked, start, end):
        mark_start, mark_end = m.span()
        if mark_start == mark_end:  # a line break before a list marker
            _add(out, text, pos, mark_start)
            pos = mark_start
            continue
        nxt = mark_end
        while nxt < end and masked[nxt].isspace():
            nxt += 1
        if nxt >= end:
            break  # the paragraph's last sentence ends here
        if is_boundary(masked, start, mark_start, mark_end, nxt, end):
            _add(out, text, pos, mark_end)
            pos = nxt
    _add(out, text, pos, end)
    return out


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def is_boundary(masked: str, para_start: int, mark_start: int, mark_end: int, nxt: int, end: int) -> bool:
    """Whether the terminal marks ``masked[mark_start:mark_end]`` (marks and
    closers) end a sentence, given that the next sentence would start at ``nxt``.
    """
    # The marks proper, without the closing quotes and brackets.
    marks_end = mark_start
    while marks_end < mark_end and masked[marks_end] in ".!?…":
        marks_end += 1
    marks = masked[mark_start:marks_end]
    closed = marks_end < mark_end

    # The next sentence: skip its opening quotes and brackets.
    first = nxt
    while first < end and masked[first] in _OPENERS:
        first += 1
    opened = first > nxt
    ch = masked[first] if first < end else ""
    if ch in ".…":  # a spaced ellipsis (". . .") or more marks: not a start
        return False
    upper = ch.isupper()
    lower = ch.islower()

    if "…" in marks or marks.count(".") >= 2:
        return upper
    if "." not in marks:  # ? and !
        if not lower:
            return True
        if closed or masked[mark_end : mark_end + 2].isspace():
            # "Why?" he asked; and `Why?  he asked`, where a scraper dropped
            # the closing quote and left its space.
            return False
        # A capitalised word before the mark is a title or a brand, not the
        # end of a sentence: Who Wants to be a Millionaire? on Christmas
        # Day, Which? magazine, ex-Wham! singers, Yahoo! users.
        token = _token_before(masked, para_start, mark_start).strip(_OPENERS)
        last = token.rsplit("-", 1)[-1]
        return not last[:1].isupper()

    token = _token_before(masked, para_start, mark_start)
    core = token.strip(_OPENERS).rstrip(_CLOSERS)
    if not core:
        # A stop after a space, a dash or a lone bracket: ambiguous.
        return _plainly_starts(masked, first, end, upper, opened)
    # The last part of a compound decides: (R-Ky.), ex-Rep., Russian-U.S.
    core = core.rsplit("-", 1)[-1].rsplit("/", 1)[-1] or core
    if core in TITLES:
        return False
    if _LIST_MARKER.fullmatch(core) and _at_line_start(masked, para_start, mark_start - len(token)):
        return False  # "1. The first point" at the start of a line
    if core in AMBIGUOUS_ABBREVIATIONS or (len(core) == 1 and core.isalpha()) or _DOTTED.search(core):
        return _plainly_starts(masked, first, end, upper, opened)
    return True


def _token_before(masked: str, para_start: int, pos: int) -> str:
    """The word (with inner dots, hyphens and apostrophes) that ends at ``pos``."""
    i = pos
    lo = max(para_start, pos - _MAX_TOKEN)
    while i > lo:
        c = masked[i - 1]
        if c.isalnum() or c in _TOKEN_EXTRA or c in _CLOSERS or c in _OPENERS:
            i -= 1
        else:
            break
    return masked[i:pos]


def _at_line_start(masked: str, para_start: int, pos: int) -> bool:
    i = pos
    while i > para_start and masked[i - 1] in " \t":
        i -= 1
    return i == para_start or masked[i - 1] in "\r\n"


def _plainly_starts(masked: str, first: int, end: int, upper: bool, opened: bool) -> bool:
    """After an ambiguous abbreviation: does a sentence plainly start at ``first``?"""
    if not upper:
        return False
    if opened:
        return True
    i = first
    stop = min(end, first + 16)  # the longest starter is "Nevertheless"
    while i < stop and (masked[i].isalpha() or masked[i] in "'’"):
        i += 1
    return masked[first:i] in SENTENCE_STARTERS
