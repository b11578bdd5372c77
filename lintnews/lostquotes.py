"""Quotation marks a scraper turned into spaces, found from the gaps they left.

Some scrapers replace every curly quotation mark with a space. A quoted
phrase then keeps its words but is framed by double spaces instead of marks:
``called  Grab Your Wallet  flooded``, ``told them:  For those who came,  Hill
said.`` A closing mark before punctuation leaves one space: ``from the world
.`` A double space has other causes too (two spaces after a full stop, a lost
dash, a tweet's signature, list items run together), so a gap is read as a
lost mark only when the evidence around it says so.

The evidence is a handful of features, each worth a point or two, scored on
two consecutive gaps of one line, the first taken for the opening mark and
the second for the closing one; a pair scoring ``THRESHOLD`` or more is a
lost quotation. The features and their weights were read off a seeded sample
of double spaces in ISOT copy, and checked on a second, held-out sample
(``benchmarks/lost_quotes.toml``; ``benchmarks/RESULTS.md``, "Lost quotation
marks"):

- the opening gap: an introduction before it (a colon after a clause, or a
  saying verb: ``told them:  For``, ``has said,  As``, ``she said  We``) **2**;
  a short attribution sentence before it (``he said.  We``) **1**; a sentence
  start (terminal punctuation, then a capital) **1**; a mid-sentence gap (a
  letter or digit before it) **1**;
- the closing gap: an attribution after it (``,  she said``, ``,  Rep. Nancy
  Pelosi said``, ``,  according to``; not a participle: ``regretted  saying
  it ,``) **2**; the one space before punctuation (``the world .``,
  ``jihadists ?``) **2**, and **2** more before ``, said ...``; mid-sentence
  (a word on both sides) **1**;
- the quoted words: after a mid-sentence opening, a short phrase (at most
  ``SHORT_WORDS`` words, one clause: a title, a nickname, scare quotes)
  **1**, and **1** more when it ends the sentence (``for calling CNN  fake
  news.  You``); otherwise, a first sentence in the first or second person
  (``I``, ``we``, ``you``: the speaker's, rarely the reporter's) **1**.

Pairs are refused where the quoted words hold a saying verb ending a
sentence (``Fortune reported.``), a glued sentence break (``problems.Clinton``:
a lost paragraph break), a URL, or several sentences without strong evidence
at both ends: between such gaps, the marks of two quotations were lost, not
one quotation kept. A gap left unpaired whose own evidence reaches the
threshold is a lone mark (``,  the author wrote``; ``she added:  I``).

Only two spaces make a gap (three after terminal punctuation, where a
paragraph gap and a mark meet): the sample's other 3-space runs are lost
dashes. A gap beside a URL, or before a list bullet or a tweet's signature
(``Name (@handle)``), is layout, never a mark. A line that still has curly
quotation marks (“ and ”) lost none: its double spaces are something else
(Reuters copy that kept its quotes has double spaces between paragraphs).

``lost_quotations(doc)`` is a shared view, computed once per document: LN306
reports the quotations, and LN102 and LN104 leave their gaps alone
(collapsing them would erase the only trace of the marks). The cue words
(saying verbs, speaker words, first-person pronouns) are data, in
``lintnews/data/quotation-cues.txt``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import NamedTuple

from lintnews.document import MASK_CHAR, WORD_PATTERN, Document
from lintnews.lexicon import FUNCTION_WORDS

#: A pair of gaps (or a lone gap) scoring at least this is a lost quotation.
THRESHOLD = 3
#: The longest quoted phrase that scores as a short mid-sentence phrase.
SHORT_WORDS = 8
#: The longest quotation considered, in words: a pair further apart is two
#: unrelated gaps.
MAX_WORDS = 120
#: Two gaps with more sentences than this between them are taken for two
#: quotations whose inner marks were lost outright (and narrative between
#: them), not for one quotation: each gap may still be a lone mark.
MAX_SENTENCES = 2
#: How far (in words) an attribution reaches: after a closing mark
#: (`..., Kelsey Cooper, a spokeswoman for Paul, said`), and before an opening
#: one (`Velayati was quoted as saying by ISNA news agency.  The`).
ATTRIBUTION_WORDS = 12

# A run of two or more spaces, and one space before punctuation at a word's
# end; `_Line` keeps the runs that are gaps. (Plain patterns that start with
# a literal: scanned fast, with no lookbehind tried at every position.)
_SPACES = re.compile(r"  +")
_STOP = re.compile(r" [.,;:?!](?=\s|$)")
_LINE = re.compile(r"[^\r\n]+")
_WORD = WORD_PATTERN
# One word of an attribution and what follows it. A full stop ends the
# clause unless it ends an abbreviation (`Rep.`, `Sen.`); a saying verb may
# be glued to the next sentence (`he wrote.He`).
_CLAUSE_WORD = re.compile(r"([\w'’-]+)([.,]?)(?:\s+|$|(?<=\.))")
_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,3}")
_ACCORDING = re.compile(r"according to\b")
# A tweet's signature after the text of an embedded tweet: `Name (@handle)`.
_SIGNATURE = re.compile(r"[^()\r\n]{1,60}\(@\w+\)")
_TERMINAL = ".?!"
# How far (in characters) a lone mark's quotation is looked for either side.
_REACH = 600
# A sentence break: terminal punctuation (or a semicolon) and a space, or two
# sentences glued together as scraped copy often has them (`problems.Clinton
# noted`, `Bland.Wednesday:`, `FUNNY!Clinton`; not `U.S.`): the trace of a lost
# paragraph break, which a quotation does not run across.
_SENTENCE_BREAK = re.compile(r"[.?!;](?=\s)|(?<=[a-z])[.?!](?=[A-Z])|(?<=[A-Z]{2})[.?!](?=[A-Z][a-z])")
_GLUED_BREAK = re.compile(r"(?<=[a-z])[.?!](?=[A-Z])|(?<=[A-Z]{2})[.?!](?=[A-Z][a-z])")
# A sentence break inside quoted words: after a lowercase word or a digit (not
# `Mr.` or `U.S.`), before a capital.
_BREAK_INSIDE = re.compile(r"(?:(?<=[a-z][a-z])|(?<=[\d)\]]))[.?!](?=\s*[A-Z])")


@cache
def cues() -> dict[str, frozenset[str]]:
    """The word lists of ``lintnews/data/quotation-cues.txt``, by section."""
    text = resources.files("lintnews.data").joinpath("quotation-cues.txt").read_text(encoding="utf-8")
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif line and not line.startswith("#"):
            current.add(line)
    return {name: frozenset(words) for name, words in sections.items()}


@cache
def _attribution_inside() -> re.Pattern[str]:
    """A saying verb ending a sentence (`..., Fortune reported. We`): inside a
    would-be quotation it means the span runs across an attribution, so it
    is not one quotation."""
    return re.compile(r"\b(?:" + "|".join(sorted(cues()["saying verbs"])) + r")\.")


class Gap(NamedTuple):
    """Where a mark was: ``line[start:end]``. A ``stop`` gap is the one space
    left before punctuation (``world .``): only a closing mark leaves it."""

    start: int
    end: int
    stop: bool = False


@dataclass(frozen=True, slots=True)
class LostQuotation:
    """Quoted words whose marks a scraper turned into spaces.

    ``opening`` and ``closing`` are the gaps (offsets in the document) that
    were the marks; one of them is None when only one mark left a trace (the
    other was lost outright, or fell at the start or end of the line). The
    quoted words are ``text[start:end]``.
    """

    start: int
    end: int
    opening: tuple[int, int] | None
    closing: tuple[int, int] | None
    score: int
    #: The features that scored, by name (for the message and for tuning).
    evidence: tuple[str, ...]

    @property
    def gaps(self) -> tuple[tuple[int, int], ...]:
        return tuple(g for g in (self.opening, self.closing) if g is not None)


Evidence = list[tuple[str, int]]
Scored = tuple[int, tuple[str, ...]]


def _strong(found: Evidence) -> bool:
    return any(points >= 2 for _, points in found)


def _total(found: Evidence) -> Scored:
    return sum(points for _, points in found), tuple(name for name, points in found if points)


def _first_person(words: list[str]) -> bool:
    first = cues()["first person"]
    return any(w.lower() in first for w in words)


class _Line:
    """One line of the masked text, scanned for lost quotation marks; its
    offsets are the line's."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.verbs = cues()["saying verbs"]

    @cached_property
    def breaks(self) -> list[int]:
        """Where each sentence break ends, in order (found once per line)."""
        return [m.end() for m in _SENTENCE_BREAK.finditer(self.text)]

    def gaps(self) -> tuple[list[Gap], list[int], list[int]]:
        """The candidate gaps, in order; for each, where the text after the
        gap before it (of any kind, layout too) starts, and where the next gap
        starts (or the line ends)."""
        text = self.text
        found = [
            Gap(m.start(), m.end())
            for m in _SPACES.finditer(text)
            if m.start() > 0
            and m.end() < len(text)
            and not text[m.start() - 1].isspace()
            and not text[m.end()].isspace()
            and (m.end() - m.start() == 2 or (m.end() - m.start() == 3 and text[m.start() - 1] in _TERMINAL))
        ]
        found += [
            Gap(m.start(), m.start() + 1, True)
            for m in _STOP.finditer(text)
            if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")
        ]
        found.sort()
        gaps: list[Gap] = []
        previous: list[int] = []
        following: list[int] = []
        last_end = 0
        for k, gap in enumerate(found):
            if not self.is_layout(gap):
                gaps.append(gap)
                previous.append(last_end)
                following.append(found[k + 1].start if k + 1 < len(found) else len(text))
            last_end = gap.end
        return gaps, previous, following

    def is_layout(self, gap: Gap) -> bool:
        """A gap that is page layout, never a quotation mark: beside a URL,
        before a list bullet or a tweet's signature."""
        before, after = self.text[gap.start - 1], self.text[gap.end]
        if MASK_CHAR in (before, after):
            return True
        if gap.stop:
            return False
        if after in "-–—•*":
            return True
        # The signature pattern runs only where a handle is near.
        return "(@" in self.text[gap.end : gap.end + 64] and _SIGNATURE.match(self.text, gap.end) is not None

    def sentence_start(self, pos: int, since: int = 0) -> int:
        """Where the sentence holding ``pos`` starts (not before ``since``)."""
        i = bisect.bisect_right(self.breaks, pos) - 1
        return max(since, self.breaks[i]) if i >= 0 else since

    def sentence_end(self, pos: int) -> int:
        """Where the sentence holding ``pos`` ends, at most ``_REACH`` on: a
        lone mark's quotation is one sentence, and a line without breaks
        must not cost a scan to its end per gap."""
        i = bisect.bisect_right(self.breaks, pos)
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return min(end, pos + _REACH)

    def words_before(self, end: int, since: int) -> list[str]:
        """The words from the last sentence break (or ``since``) to ``end``."""
        return _WORD.findall(self.text, self.sentence_start(end - 1, since), end)

    def open_evidence(self, gap: Gap, previous: int) -> Evidence:
        """Evidence that ``gap`` was an opening mark; ``previous`` is where the
        text after the gap before it starts."""
        if gap.stop:
            return []
        text, verbs = self.text, self.verbs
        before, after = text[gap.start - 1], text[gap.end]
        if before == ":":
            # `told them:  For`, not a label (`Wednesday:  President`).
            clause = self.words_before(gap.start - 1, previous)
            if len(clause) >= 3 or any(w in verbs for w in clause):
                return [("introduced by a colon", 2)]
            return []
        if before == ",":
            # `has said,  As`, `Reid to ask,  If`, `told reporters,  We`: the
            # verb ends the clause (in `She said:  We will win,  the` it does not).
            if any(w in verbs for w in _WORD.findall(text, max(0, gap.start - 30), gap.start)[-2:]):
                return [("saying verb before", 2)]
            return []
        if before.isalnum():
            last = _WORD.findall(text, max(0, gap.start - 20), gap.start)[-1:]
            if last and last[0] in verbs:
                return [("saying verb before", 2)]
            return [("mid-sentence opening", 1)]
        found: Evidence = []
        if before in _TERMINAL:
            if after.isupper() or after.isdigit():
                found.append(("sentence start", 1))
            # `..., he said.  We`: a short attribution just before.
            said = self.words_before(gap.start, previous)
            if 0 < len(said) <= ATTRIBUTION_WORDS and any(w in verbs for w in said):
                found.append(("attribution before", 1))
        return found

    def close_evidence(self, gap: Gap) -> Evidence:
        if gap.stop:
            found = [("space before punctuation", 2)]
            # `to this procedure , said Special Agent ...`
            if self.text[gap.end] == "," and self.attribution_after(gap.end + 2, ATTRIBUTION_WORDS):
                found.append(("attribution after", 2))
            return found
        before, after = self.text[gap.start - 1], self.text[gap.end]
        if (before in ",?!" or before.isalnum()) and self.attribution_after(
            gap.end, 4 if before.isalnum() else ATTRIBUTION_WORDS
        ):
            return [("attribution after", 2)]
        inside = (before.isalnum() or before == ",") and after.isalnum()
        if inside or (before in _TERMINAL and after.islower()):
            return [("mid-sentence closing", 1)]
        if before in _TERMINAL and after.isupper():
            return [("sentence end", 0)]  # scores only after a mid-sentence opening
        return []

    def attribution_after(self, pos: int, limit: int) -> bool:
        """A saying verb among the first ``limit`` words at ``pos``, in one
        clause that starts like an attribution (a name, a speaker word or the
        verb itself; not `which`, `but`)."""
        text = self.text
        if _ACCORDING.match(text, pos):
            return True
        speakers = cues()["speaker words"]
        for i in range(limit):
            m = _CLAUSE_WORD.match(text, pos)
            if m is None:
                return False
            word = m.group(1)
            if word in self.verbs and not word.endswith("ing"):
                # (`regretted  saying it ,`: a participle starts the quoted
                # words more often than it attributes them)
                return True
            # The clause starts like a subject: a speaker word (`he`, `the`),
            # or a capitalised word that is a name rather than a function
            # word capitalised by a sentence start (`?  If I tweeted`).
            if (
                i == 0
                and word.lower() not in speakers
                and (not word[0].isupper() or word.lower() in FUNCTION_WORDS)
            ):
                return False
            if m.group(2) == "." and not _ABBREVIATION.fullmatch(word):
                return False  # the sentence ended without a saying verb
            pos = m.end()
        return False

    def score_pair(
        self, opening: Gap, closing: Gap, open_found: Evidence, close_found: Evidence
    ) -> Scored | None:
        """The pair's score, from each gap's own evidence (``open_found`` for
        the opening gap, ``close_found`` for the closing one) and the quoted
        words between them; None if they cannot be one quotation."""
        quoted = self.text[opening.end : closing.start]
        if MASK_CHAR in quoted or _attribution_inside().search(quoted) or _GLUED_BREAK.search(quoted):
            return None
        words = _WORD.findall(quoted)
        if not words or len(words) > MAX_WORDS:
            return None
        found = open_found + close_found
        breaks = [m.end() for m in _BREAK_INSIDE.finditer(quoted.rstrip(_TERMINAL + " "))]
        if ("mid-sentence opening", 1) in open_found:
            # A title, a nickname, scare quotes: a short phrase inside a
            # sentence, or ending it (`for calling CNN  fake news.  You`).
            if close_found and len(words) <= SHORT_WORDS and not breaks:
                found.append(("short phrase", 1))
                if close_found[0][0] == "sentence end":
                    found.append(("phrase ends the sentence", 1))
        elif _first_person(_WORD.findall(quoted, 0, breaks[0] if breaks else len(quoted))):
            # Quoted speech, not a phrase: it opens in the speaker's own person.
            found.append(("first or second person", 1))
        if breaks:
            # Several sentences between two gaps are one quotation only when
            # both ends say so; otherwise the marks of two quotations were lost
            # in between (scraped copy loses some outright), and the pair
            # would take narrative for quoted words.
            opening_strength = _total([f for f in found if f not in close_found])[0]
            if len(breaks) >= MAX_SENTENCES or opening_strength < 2 or _total(close_found)[0] < 2:
                return None
        return _total(found)

    def score_lone_close(self, gap: Gap, close_found: Evidence) -> Scored:
        """A closing gap with no opening gap to pair with (``,  he said``)."""
        found = list(close_found)
        if ("attribution after", 2) in found and self.text[gap.start - 1] in ",?!":
            found.append(("punctuation inside the mark", 1))
        return _total(found)

    def score_lone_open(self, gap: Gap, open_found: Evidence) -> Scored:
        """An opening gap with no closing gap to pair with (``she added:  I``)."""
        if not open_found or open_found[0][0] == "mid-sentence opening":
            return 0, ()
        found = list(open_found)
        if found[0][0] != "sentence start" and self.text[gap.end].isupper():
            found.append(("capital after", 1))
        if _first_person(_WORD.findall(self.text, gap.end, self.sentence_end(gap.end))):
            found.append(("first or second person", 1))
        return _total(found)

    def quotations(self) -> list[LostQuotation]:
        """The line's lost quotations, offsets in the line.

        The pairs of consecutive gaps scoring at least THRESHOLD are chosen to
        give the highest total score, so that one gap read wrongly (a sentence
        gap taken for an opening mark) does not shift every later pair out of
        phase; on a tie the earlier pairing wins (a line starts outside
        quotation marks). A gap left unpaired is a lone mark when its own
        evidence reaches the threshold."""
        gaps, previous, following = self.gaps()
        n = len(gaps)
        # Each gap's evidence as either mark, once: a pair reads two of them.
        opens = [self.open_evidence(gap, since) for gap, since in zip(gaps, previous, strict=True)]
        closes = [self.close_evidence(gap) for gap in gaps]
        best = [0] * (n + 2)
        pair: list[Scored | None] = [None] * n
        for i in range(n - 2, -1, -1):
            best[i] = best[i + 1]
            # A gap that can only be one mark is not the other (`,  Matthews
            # asked` closes a quotation, `she added:  I` opens one); and the
            # quoted words add at most 2 points, so a pair that cannot reach
            # the threshold is not read at all.
            if gaps[i].stop or _strong(closes[i]) or _strong(opens[i + 1]):
                continue
            if _total(opens[i])[0] + _total(closes[i + 1])[0] + 2 < THRESHOLD:
                continue
            scored = self.score_pair(gaps[i], gaps[i + 1], list(opens[i]), list(closes[i + 1]))
            if scored is not None and scored[0] >= THRESHOLD and scored[0] + best[i + 2] >= best[i]:
                best[i] = scored[0] + best[i + 2]
                pair[i] = scored
        out: list[LostQuotation] = []
        i = 0
        while i < n:
            gap = gaps[i]
            picked = pair[i]
            if picked is not None:
                closing = gaps[i + 1]
                out.append(LostQuotation(gap.end, closing.start, gap[:2], closing[:2], *picked))
                i += 2
                continue
            lone = self.lone_quotation(gap, opens[i], closes[i], previous[i], following[i])
            if lone is not None:
                out.append(lone)
            i += 1
        return out

    def lone_quotation(
        self, gap: Gap, open_found: Evidence, close_found: Evidence, previous: int, following: int
    ) -> LostQuotation | None:
        """``gap`` as a lone mark, if its evidence is strong enough. Its
        quotation is the sentence on its side, cut at the nearest other gap,
        URL or (before a closing mark) colon."""
        text = self.text
        score, evidence = self.score_lone_close(gap, close_found)
        if score >= THRESHOLD:
            lo = max(0, gap.start - _REACH)
            colon = text.rfind(": ", lo, gap.start)
            start = max(
                self.sentence_start(gap.start - 1, lo),
                previous,
                text.rfind(MASK_CHAR, lo, gap.start) + 1,
                colon + 2 if colon >= 0 else 0,
            )
            while text[start].isspace():
                start += 1
            return LostQuotation(start, gap.start, None, gap[:2], score, evidence)
        score, evidence = self.score_lone_open(gap, open_found)
        if score >= THRESHOLD:
            mask = text.find(MASK_CHAR, gap.end, gap.end + _REACH)
            end = min(self.sentence_end(gap.end), following, mask if mask >= 0 else len(text))
            return LostQuotation(gap.end, end, gap[:2], None, score, evidence)
        return None


def find_lost_quotations(text: str) -> list[LostQuotation]:
    """The lost quotations of ``text`` (a document's masked text), in order."""
    out: list[LostQuotation] = []
    for line_match in _LINE.finditer(text):
        line = line_match.group()
        if "  " not in line and " , " not in line:
            continue  # a stop gap (`world .`) closes a pair, or stands alone before `, said`
        if "“" in line and "”" in line:
            # Its curly quotation marks survived: nothing stripped them, and
            # its double spaces are something else (Reuters paragraph gaps).
            continue
        base = line_match.start()
        for q in _Line(line).quotations():
            out.append(
                LostQuotation(
                    base + q.start,
                    base + q.end,
                    None if q.opening is None else (base + q.opening[0], base + q.opening[1]),
                    None if q.closing is None else (base + q.closing[0], base + q.closing[1]),
                    q.score,
                    q.evidence,
                )
            )
    return out


_ATTRIBUTE = "_lintnews_lost_quotations"


def lost_quotations(doc: Document) -> list[LostQuotation]:
    """The shared list of ``doc``'s lost quotations (computed on first use,
    kept in the document's ``__dict__`` as its other cached views are)."""
    found: list[LostQuotation] | None = doc.__dict__.get(_ATTRIBUTE)
    if found is None:
        found = doc.__dict__[_ATTRIBUTE] = find_lost_quotations(doc.masked)
    return found


def lost_quotation_gaps(doc: Document) -> frozenset[tuple[int, int]]:
    """The gaps (``(start, end)`` offsets) that were quotation marks: LN102
    and LN104 leave them alone, since closing them up would erase the only
    trace of the marks (LN306 reports them)."""
    return frozenset(gap for q in lost_quotations(doc) for gap in q.gaps)


def stripped_lines(doc: Document) -> frozenset[int]:
    """The (1-based) lines where LN306 found lost quotation marks: lines a
    scraper stripped, where a gap LN306 could not pair may be a mark too."""
    return frozenset(doc.lines.line_of(q.start) for q in lost_quotations(doc))
