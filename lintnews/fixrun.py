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

    def owners(self, text: str, d: Diagnostic, offsets: OffsetMap) -> list[int]:
        """The open findings of ``d``'s rule whose ranges hold what every
        edit of ``d``'s fix changes in ``text``, traced back to the
        original; the closest first."""
        items = self._items.get(d.code)
        if not items:
            return []
        assert d.fix is not None
        spans = [offsets.to_original(*changed_range(text, e)) for e in d.fix.edits]
        lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
        starts = self._starts[d.code]
        first = bisect.bisect_left(starts, lo - self._reach[d.code])
        last = bisect.bisect_right(starts, lo)
        found = [
            (t - s, key)
            for s, t, key, ranges in items[first:last]
            if key in self._open
            and s <= lo
            and hi <= t
            and all(any(x <= a and b <= y for x, y in ranges) for a, b in spans)
        ]
        return [key for _, key in sorted(found)]

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
        self.text = text
        self.reported = linter.check(text, path, markup)
        self.diagnostics = self.reported
        self.offsets = OffsetMap()
        self.pending = Pending()
        self.fixed: list[Diagnostic] = []
        self.passes = 0
        self.checked = len(text)
        self.budget = max(FIX_BUDGET_FACTOR * len(text), FIX_BUDGET_MIN)
        self.stopped: str | None = None

    def phase(self, may: Allow) -> None:
        """Pass after pass, apply the fixes ``may`` allows that trace to an
        open finding, until none is left, none applies, or a limit is hit."""
        passes = 0
        while self.pending:
            if passes >= MAX_FIX_PASSES:
                self.stopped = "passes"
                return
            if self.checked + len(self.text) > self.budget:
                self.stopped = "budget"
                return
            traced: dict[int, list[int]] = {}
            candidates = []
            for d in fix_candidates(self.text, self.diagnostics, may):
                owners = self.pending.owners(self.text, d, self.offsets)
                if owners:
                    traced[id(d)] = owners
                    candidates.append(d)
            chosen = select_fixes(self.text, candidates)
            if not chosen.applied:
                return
            # Each applied fix settles one finding it traces to: the closest
            # one not yet settled by another fix of this pass.
            settled: set[int] = set()
            for d in chosen.applied:
                owners = traced[id(d)]
                settled.add(next((k for k in owners if k not in settled), owners[0]))
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
        phases.append(unsafe_run)
    return run.result(phases)
