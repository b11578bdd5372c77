"""The passes of one fix: what ``check`` reported, and nothing else, applied.

Every pass applies fixes left to right, skipping overlaps
(:func:`lintnews.fixer.select_fixes`), then re-checks the text. A fix is
applied only when it traces back, through the :class:`OffsetMap`, to a finding
of the same rule that ``check`` reported on the original text, with a fix the
run may apply, and that no applied fix has settled yet. So a later pass may
apply a fix an overlap kept out of an earlier one, but never a decision the
original text's protections refused (a word split once the caption that
vouched for it is deleted, a repeat deleted once its telltale spaces are
tidied): every changed character lies in a span ``check`` reported.

One more kind of fix goes ahead: one that changes only text an applied fix
of another rule wrote (:class:`Rewritten`), such as the curly apostrophe a
mojibake repair restored in a document that uses straight ones. Its
characters lie in the span of the finding that fix repaired, and without it
fixing again would change the text. A rule never gets a second go at its own
output.

The SAFE fixes run to their fixed point first; with ``unsafe``, the UNSAFE
ones (and the safe ones held back for their sake, see
:func:`lintnews.fixer.fix_candidates`) follow on that text. So ``fix`` and
then ``fix --unsafe-fixes`` do what ``fix --unsafe-fixes`` does at once.

A fix the rules offer on the fixed text that traces to nothing ``check``
reported is not applied, and the result says so (``stopped="unsettled"``):
fixing again would change the text, and a person should look.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lintnews.diagnostics import Applicability, Diagnostic
from lintnews.fixer import OffsetMap, changed_range, fix_candidates, select_fixes, splice, trimmed

if TYPE_CHECKING:
    from lintnews.engine import Linter

MAX_FIX_PASSES = 10
#: Every pass re-checks the whole text; together the checks of one fix may
#: read at most this many times the text's length (or FIX_BUDGET_MIN
#: characters, for small texts), so a huge document with many overlapping
#: fixes stops with a warning instead of running for minutes.
FIX_BUDGET_FACTOR = 4
FIX_BUDGET_MIN = 4_000_000

Allow = Callable[[Diagnostic], bool]


@dataclass
class FixResult:
    text: str  # the fixed text
    fixed: list[Diagnostic]  # diagnostics whose fixes were applied (all passes)
    remaining: list[Diagnostic]  # diagnostics on the fixed text
    passes: int
    #: False: fixing the fixed text again would change it (see ``stopped``).
    converged: bool
    unconverged_codes: list[str] = field(default_factory=list)
    #: Why the result is not a fixed point (None: it is): "passes" or
    #: "budget" (fixes check reported were still waiting when the passes
    #: stopped), or "unsettled" (the rules offer fixes on the fixed text that
    #: check had not reported on the original; they were not applied).
    stopped: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.fixed)

    def why_unsettled(self) -> str:
        """One line for the user on why fixing again would change the text."""
        rules = ", ".join(self.unconverged_codes)
        if self.stopped == "unsettled":
            return (
                f"fixing made new findings that check had not reported ({rules}); "
                "they were not fixed: review them with 'lintnews check'"
            )
        if self.stopped == "budget":
            return (
                f"fixes stopped after {self.passes} pass(es): the text is too large for more "
                f"(still to fix: {rules}); run fix again to go on"
            )
        return (
            f"fixes did not settle after {self.passes} passes ({rules}); the text was fixed as far as it went"
        )


#: How far a deletion is slid to find its equivalent places (a run of a
#: million spaces must not cost a million steps).
MAX_SLIDE = 64


def placements(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` and, for a deletion, the places it slides to over
    equal whitespace: deleting ``text[start:end]`` there leaves the same
    text (of ``\\n\\nA`` before ``\\n``, either newline may go). Never over
    words: deleting the second of two identical lines is not deleting the
    first, whatever the characters say."""
    out = [(start, end)]
    if start == end:
        return out
    lo, hi = start, end
    for _ in range(MAX_SLIDE):
        if lo == 0 or text[lo - 1] != text[hi - 1] or not text[lo - 1].isspace():
            break
        lo, hi = lo - 1, hi - 1
    if lo != start:
        out.append((lo, hi))
    lo, hi = start, end
    for _ in range(MAX_SLIDE):
        if hi >= len(text) or text[lo] != text[hi] or not text[lo].isspace():
            break
        lo, hi = lo + 1, hi + 1
    if lo != start:
        out.append((lo, hi))
    return out


def _spaces(text: str, start: int, end: int) -> int:
    return sum(1 for ch in text[start:end] if ch.isspace())


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``ranges`` as disjoint sorted ranges."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _outside(start: int, end: int, merged: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` that no range of ``merged`` (sorted by
    start) holds; an insertion point is held by a range it lies in or at
    the edge of."""
    if start == end:
        return [] if any(x <= start <= y for x, y in merged) else [(start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    for x, y in merged:
        if y <= pos or x >= end:
            continue
        if x > pos:
            out.append((pos, x))
        pos = max(pos, y)
    if pos < end:
        out.append((pos, end))
    return out


class Rewritten:
    """What the applied fixes wrote, as original ranges with the rule that
    wrote each: a fix of another rule that changes only text an applied fix
    wrote (a curly apostrophe a mojibake repair restored, in a document that
    uses straight ones) changes nothing ``check`` had not reported, and
    without it fixing again would change the text.

    Kept sorted by start, short ranges apart from long ones (a deleted
    paragraph): a lookup bisects each list back by its own longest range,
    so one long deletion does not make every lookup among thousands of
    one-character fixes scan them all."""

    SHORT = 64

    def __init__(self) -> None:
        self._lists: tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]] = ([], [])
        self._reach = [0, 0]

    def __bool__(self) -> bool:
        return bool(self._lists[0] or self._lists[1])

    def add(self, start: int, end: int, code: str) -> None:
        which = 0 if end - start <= self.SHORT else 1
        bisect.insort(self._lists[which], (start, end, code))
        self._reach[which] = max(self._reach[which], end - start)

    def _near(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The ranges that start at or before ``end`` and may reach ``start``,
        sorted."""
        out: list[tuple[int, int, str]] = []
        for items, reach in zip(self._lists, self._reach, strict=True):
            first = bisect.bisect_left(items, (start - reach,))
            last = bisect.bisect_right(items, (end, float("inf"), ""))
            out.extend(items[first:last])
        if self._lists[1]:
            out.sort()
        return out

    def subtract(self, start: int, end: int) -> list[tuple[int, int]]:
        """``[start, end)`` less the rewritten ranges: the original text a fix
        over that range would change. An insertion point stays as it is."""
        if start == end or not self:
            return [(start, end)]
        return _outside(start, end, [(s, e) for s, e, _ in self._near(start, end)])

    def whitespace_within(self, ranges: Sequence[tuple[int, int]], original: str) -> int:
        """How many whitespace characters of ``ranges`` (disjoint) fixes
        have rewritten or deleted."""
        count = 0
        for start, end in ranges:
            count += _spaces(original, start, end)
            count -= sum(_spaces(original, a, b) for a, b in self.subtract(start, end))
        return count

    def holds(self, start: int, end: int, code: str) -> bool:
        """Whether ``[start, end)`` lies wholly in text other rules' fixes
        wrote, and touches nothing ``code``'s own fixes wrote (a rule does
        not get a second go at its own output: ``Hill icon`` from the
        ``Hillicon`` it split off)."""
        if not self:
            return False
        near = self._near(start, end)
        if start == end:
            # An insertion point: strictly inside another rule's rewrite.
            return any(s < start < e and c != code for s, e, c in near) and not any(
                s < start < e and c == code for s, e, c in near
            )
        if any(c == code and s < end and start < e for s, e, c in near):
            return False
        reached = start
        for s, e, _ in near:
            if e <= start or s >= end:
                continue
            if s > reached:
                return False
            reached = max(reached, e)
            if reached >= end:
                return True
        return False


class Pending:
    """The findings ``check`` reported that a run may still fix, by rule,
    with the original ranges each may change: its span and its edits."""

    def __init__(self) -> None:
        self._items: dict[str, list[tuple[int, int, int, list[tuple[int, int]]]]] = {}
        self._reach: dict[str, int] = {}
        self._starts: dict[str, list[int]] = {}
        self._open: dict[int, str] = {}  # key -> code, for the unsettled ones

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            key = id(d)
            if key in self._open or d.fix is None:
                continue
            ranges = [(d.start, d.end), *((e.start, e.end) for e in d.fix.edits)]
            lo, hi = min(s for s, _ in ranges), max(t for _, t in ranges)
            self._items.setdefault(d.code, []).append((lo, hi, key, ranges))
            self._reach[d.code] = max(self._reach.get(d.code, 0), hi - lo)
            self._open[key] = d.code
        for code, items in self._items.items():
            items.sort(key=lambda x: (x[0], x[1]))
            self._starts[code] = [x[0] for x in items]

    def __bool__(self) -> bool:
        return bool(self._open)

    def codes(self) -> list[str]:
        return sorted(set(self._open.values()))

    def owners(
        self, text: str, d: Diagnostic, offsets: OffsetMap, rewritten: Rewritten, original: str
    ) -> list[int]:
        """The open findings of ``d``'s rule whose ranges hold what every
        edit of ``d``'s fix changes in ``text``, traced back to the
        original; the closest first.

        Two allowances, both for fixes that meet where an earlier fix was
        applied. A deletion may sit anywhere among the places that delete
        the same characters (of ``\\n\\nA`` before ``\\n``, either newline
        may go): each edit is traced at its leftmost and rightmost such
        place. And text fixes already rewrote or deleted is no longer the
        original's: what is left must lie in the finding's ranges, but for
        as much whitespace as fixes took from those ranges (two paragraphs
        deleted side by side share the blank line between them: the fix
        that goes first takes it, and the second takes the one before)."""
        items = self._items.get(d.code)
        if not items:
            return []
        assert d.fix is not None
        options: list[list[list[tuple[int, int]]]] = []  # edit -> placement -> pieces to own
        for e in d.fix.edits:
            options.append(
                [
                    rewritten.subtract(*offsets.to_original(a, b))
                    for a, b in placements(text, *changed_range(text, e))
                ]
            )
        pieces = [x for per_edit in options for left in per_edit for x in left]
        if not pieces:
            return []  # only rewritten text: see FixRun._rewrites_only
        lo = min(a for a, _ in pieces)
        hi = max(b for _, b in pieces)
        starts = self._starts[d.code]
        first = bisect.bisect_left(starts, lo - self._reach[d.code])
        last = bisect.bisect_right(starts, hi)
        found = []
        for s, t, key, ranges in items[first:last]:
            if key not in self._open:
                continue
            merged = _merged(ranges)
            spare: list[int] = []  # whitespace fixes took from the ranges, computed once
            if all(
                any(self._owned(left, merged, rewritten, original, spare) for left in per_edit)
                for per_edit in options
            ):
                found.append((t - s, s, key))
        return [key for _, _, key in sorted(found)]

    @staticmethod
    def _owned(
        left: list[tuple[int, int]],
        merged: list[tuple[int, int]],
        rewritten: Rewritten,
        original: str,
        spare: list[int],
    ) -> bool:
        """Whether ``merged`` (a finding's ranges) holds ``left``, but for
        whitespace no more than fixes took from those ranges."""
        outside = 0
        for a, b in left:
            for x, y in _outside(a, b, merged):
                if x == y or original[x:y].strip():
                    return False  # an insertion elsewhere, or text
                outside += y - x
        if not outside:
            return True
        if not spare:
            spare.append(rewritten.whitespace_within(merged, original))
        return outside <= spare[0]

    def settle(self, keys: Iterable[int]) -> None:
        """Close these findings: a fix traced to each was applied."""
        for key in keys:
            self._open.pop(key, None)


class FixRun:
    """One text being fixed: the current text, its diagnostics, the map back
    to the original, the findings still open, and the work spent."""

    def __init__(self, linter: Linter, text: str, path: str, markup: str | None) -> None:
        self.linter = linter
        self.path = path
        self.markup = markup
        self.original = text
        self.text = text
        self.reported = linter.check(text, path, markup)
        self.diagnostics = self.reported
        self.offsets = OffsetMap()
        self.pending = Pending()
        # What fixes wrote: all of it (text deleted or rewritten is no longer
        # the original's, for tracing), and this phase's alone (for fixes
        # of other rules on it: the unsafe phase must do what a second run
        # on the safe phase's output would, and that run sees the safe
        # phase's writing as the original).
        self.rewritten = Rewritten()
        self.rewritten_now = Rewritten()
        self.fixed: list[Diagnostic] = []
        self.passes = 0
        self.checked = len(text)
        self.budget = max(FIX_BUDGET_FACTOR * len(text), FIX_BUDGET_MIN)
        self.stopped: str | None = None
        self.refused_at_start: set[str] = set()  # of the current phase
        self.unsafe_refused: set[str] = set()

    def phase(self, may: Allow) -> None:
        """Pass after pass, apply the fixes ``may`` allows that trace to an
        open finding (or only change what applied fixes wrote), until none
        applies or a limit is hit."""
        passes = 0
        self.rewritten_now = Rewritten()
        self.refused_at_start = set()
        while True:
            if passes >= MAX_FIX_PASSES or self.checked + len(self.text) > self.budget:
                if self.pending:
                    self.stopped = "passes" if passes >= MAX_FIX_PASSES else "budget"
                return
            # Each candidate claims the closest open finding it traces to that
            # no earlier candidate of this pass has claimed: two fixes never
            # settle one finding (of two identical lines, deleting the second
            # is the same edit as deleting the first).
            traced: dict[int, int | None] = {}
            claimed: set[int] = set()
            candidates = []
            for d in fix_candidates(self.text, self.diagnostics, may):
                owners = self.pending.owners(self.text, d, self.offsets, self.rewritten, self.original)
                owner = next((k for k in owners if k not in claimed), None)
                if owner is not None:
                    claimed.add(owner)
                elif not self._rewrites_only(d):
                    if not passes and not owners:
                        self.refused_at_start.add(d.code)
                    continue
                traced[id(d)] = owner
                candidates.append(d)
            chosen = select_fixes(self.text, candidates)
            if not chosen.applied:
                return
            settled: set[int] = set()
            for d in chosen.applied:
                owner = traced[id(d)]
                if owner is not None:
                    settled.add(owner)
                assert d.fix is not None
                for e in d.fix.edits:
                    start, end = self.offsets.to_original(*changed_range(self.text, e))
                    self.rewritten.add(start, end, d.code)
                    self.rewritten_now.add(start, end, d.code)
            self.pending.settle(settled)
            self.fixed.extend(chosen.applied)
            # Traced by what each edit really changes: a fix that rewrites a
            # word to change one letter leaves the rest of it traceable.
            self.offsets.compose([trimmed(self.text, e) for e in chosen.edits])
            self.text = splice(self.text, chosen.edits)
            self.diagnostics = self.linter.check(self.text, self.path, self.markup)
            self.checked += len(self.text)
            passes += 1
            self.passes += 1

    def _rewrites_only(self, d: Diagnostic) -> bool:
        """Whether ``d``'s fix changes only text that other rules' fixes
        wrote in this phase (see :class:`Rewritten`)."""
        assert d.fix is not None
        return all(
            self.rewritten_now.holds(*self.offsets.to_original(*changed_range(self.text, e)), d.code)
            for e in d.fix.edits
        )

    def result(self, phases: Sequence[Allow]) -> FixResult:
        if self.stopped is not None:
            return FixResult(
                self.text,
                self.fixed,
                self.diagnostics,
                self.passes,
                False,
                self.pending.codes(),
                self.stopped,
            )
        # Would a new run change the text? Only with fixes check had not
        # reported on the original: they were not applied.
        again: set[str] = set()
        for may in phases:
            chosen = select_fixes(self.text, fix_candidates(self.text, self.diagnostics, may))
            again.update(d.code for d in chosen.applied)
        # The unsafe phase started with fixes check had not reported (the
        # safe fixes made them): a second run on the safe phase's output
        # would apply them, so fix and then fix --unsafe-fixes would differ
        # from fix --unsafe-fixes, even if later fixes made them go away.
        again |= self.unsafe_refused
        if again:
            return FixResult(
                self.text, self.fixed, self.diagnostics, self.passes, False, sorted(again), "unsettled"
            )
        return FixResult(self.text, self.fixed, self.diagnostics, self.passes, True)


def fix_text(linter: Linter, text: str, path: str, markup: str | None, unsafe: bool) -> FixResult:
    """Fix ``text`` as :meth:`Linter.fix` does (see the module's docstring)."""

    def safe_run(d: Diagnostic) -> bool:
        return linter.can_fix(d, False)

    def unsafe_run(d: Diagnostic) -> bool:
        return linter.can_fix(d, True)

    run = FixRun(linter, text, path, markup)
    run.pending.add(d for d in run.reported if safe_run(d))
    run.phase(safe_run)
    phases: list[Allow] = [safe_run]
    if unsafe and run.stopped is None:
        # The unsafe phase: the findings check reported with an UNSAFE fix,
        # beside the safe ones still open (held back for their sake).
        run.pending.add(
            d
            for d in run.reported
            if unsafe_run(d) and d.fix is not None and d.fix.applicability is Applicability.UNSAFE
        )
        run.phase(unsafe_run)
        run.unsafe_refused = set(run.refused_at_start)
        phases.append(unsafe_run)
    return run.result(phases)
