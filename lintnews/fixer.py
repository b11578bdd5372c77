"""Applying fixes: left to right, skipping overlaps, in O(N log N).

Only the characters inside applied edits change; everything else is copied
through untouched. A fix whose edits overlap an edit already taken in the same
pass is *blocked*: the engine may retry it in a later pass, on the new text
(textlint's model), but only as the fix ``check`` reported on the original
text (see :mod:`lintnews.engine`). Two further pieces serve that promise:

* :func:`fix_candidates`: a fix that this run may apply is held back when it
  would change part of what another finding, whose fix this run may not
  apply (an UNSAFE fix in a safe run, a display-only suggestion), rests on.
  Applying it would tidy away that evidence (`your   your`: the extra spaces
  mark a lost dash), so that ``fix`` and then ``fix --unsafe-fixes`` would
  differ from ``fix --unsafe-fixes`` alone, and a later run would decide
  anew on text nobody checked.
* :class:`OffsetMap`: where each position of the fixed text came from in the
  original, so that a later pass's fix can be traced back to what ``check``
  reported.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from lintnews.diagnostics import Diagnostic, Edit


def _clash(a: int, b: int, s: int, t: int) -> bool:
    """Whether edit [a, b) and taken edit [s, t) cannot both be applied:
    they overlap, or both insert at one point (their order would be a guess),
    or one inserts strictly inside the other."""
    return (a < t and s < b) or (a == b == s == t) or (a == b and s < a < t)


class _Taken:
    """The edits taken so far, sorted and disjoint: conflicts found by bisection."""

    __slots__ = ("_edits",)

    def __init__(self) -> None:
        self._edits: list[tuple[int, int]] = []

    def conflicts(self, a: int, b: int) -> bool:
        edits = self._edits
        # Only edits starting at or before b can touch [a, b]; since they are
        # disjoint and sorted, their ends are sorted too: walk back while they
        # reach a. Each step back either clashes (and stops) or merely touches
        # a point, so the walk is a step or two.
        i = bisect.bisect_right(edits, (b, b + 1)) - 1
        while i >= 0:
            s, t = edits[i]
            if t < a:
                return False
            if _clash(a, b, s, t):
                return True
            i -= 1
        return False

    def add(self, a: int, b: int) -> None:
        # Fixes arrive sorted by start, so this is nearly always an append.
        bisect.insort(self._edits, (a, b))


@dataclass
class Selection:
    """What one pass takes: the fixes applied (in order) and their edits, and
    the fixes blocked by an overlap (to retry on the next pass's text)."""

    applied: list[Diagnostic] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    blocked: list[Diagnostic] = field(default_factory=list)


def select_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> Selection:
    """Choose the fixes to apply in one pass: left to right by start (the
    longest first at one start), skipping a fix that clashes with one taken. A fix that reaches
    past the text, whose own edits overlap, or that would change nothing is
    dropped (it could never apply)."""
    keyed: list[tuple[int, int, str, int, Diagnostic, tuple[Edit, ...]]] = []
    for i, d in enumerate(diagnostics):
        if d.fix is None or not d.fix.edits:
            continue
        edits = d.fix.edits
        if len(edits) > 1:
            edits = tuple(sorted(edits, key=lambda e: (e.start, e.end)))
            if any(x.end > y.start for x, y in pairwise(edits)):
                continue  # a fix whose own edits overlap can never apply
        keyed.append((edits[0].start, max(e.end for e in edits), d.code, i, d, edits))
    # Left to right; at one start, the fix reaching furthest first: a fix that
    # covers another (a line deleted, a word rewritten) claims it before the
    # smaller fix inside it can change what the larger one was about.
    keyed.sort(key=lambda k: (k[0], -k[1], k[2], k[3]))
    taken = _Taken()
    out = Selection()
    n = len(text)
    for _, end, _, _, diag, edits in keyed:
        if end > n:
            continue
        if len(edits) == 1:
            e = edits[0]
            if text[e.start : e.end] == e.replacement:
                continue  # a no-op would loop forever
            if taken.conflicts(e.start, e.end):
                out.blocked.append(diag)
                continue
            taken.add(e.start, e.end)
            out.applied.append(diag)
            out.edits.append(e)
            continue
        if all(text[e.start : e.end] == e.replacement for e in edits):
            continue
        if any(taken.conflicts(e.start, e.end) for e in edits):
            out.blocked.append(diag)
            continue
        out.applied.append(diag)
        out.edits.extend(edits)
        for e in edits:
            taken.add(e.start, e.end)
    out.edits.sort(key=lambda e: (e.start, e.end))
    return out


def splice(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with sorted, disjoint ``edits`` applied."""
    if not edits:
        return text
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    """Apply the fixes of ``diagnostics`` (the caller has filtered them) in
    one pass. Returns the new text and the diagnostics whose fixes were applied."""
    chosen = select_fixes(text, diagnostics)
    return splice(text, chosen.edits), chosen.applied


def changed_range(text: str, edit: Edit) -> tuple[int, int]:
    """The part of ``text`` that ``edit`` really changes: its range less the
    characters its replacement keeps at either end. (Some fixes rewrite a
    whole word to change one character in it.)"""
    start, end, new = edit.start, edit.end, edit.replacement
    old = text[start:end]
    if old == new:
        return start, start
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start + head, end - tail


def trimmed(text: str, edit: Edit) -> Edit:
    """``edit`` cut down to what it really changes (:func:`changed_range`)."""
    start, end = changed_range(text, edit)
    if (start, end) == (edit.start, edit.end):
        return edit
    head = start - edit.start
    return Edit(start, end, edit.replacement[head : len(edit.replacement) - (edit.end - end)])


class _Ranges:
    """Ranges with an owner each, found by what they touch (bisection)."""

    def __init__(self, items: list[tuple[int, int, int]]) -> None:
        items.sort()
        self._items = items
        self._starts = [s for s, _, _ in items]
        # The longest range bounds how far back one can start and still reach.
        self._reach = max((t - s for s, t, _ in items), default=0)

    def touching(self, a: int, b: int) -> set[int]:
        """Owners of the ranges that clash with [a, b)."""
        lo = bisect.bisect_left(self._starts, a - self._reach)
        hi = bisect.bisect_right(self._starts, b)
        return {owner for s, t, owner in self._items[lo:hi] if _clash(a, b, s, t) or _clash(s, t, a, b)}


def _covers(ranges: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]]) -> bool:
    """Whether every range of ``others`` lies inside one of ``ranges``."""
    return bool(others) and all(any(s <= a and b <= t for s, t in ranges) for a, b in others)


def fix_candidates(
    text: str, diagnostics: Sequence[Diagnostic], may_apply: Callable[[Diagnostic], bool]
) -> list[Diagnostic]:
    """The diagnostics whose fixes a run should try, in their order.

    A fix ``may_apply`` allows is still *withheld* when it would change part
    of the ground of a finding whose fix the run may not apply (that
    finding's span, and the ranges its edits really change,
    :func:`changed_range`): `By . Jane Smith .` keeps its spacing in a safe
    run, since an unsafe fix deletes the whole byline, and `your   your`
    keeps the spaces that make deleting the repeat unsafe. A fix that
    changes all of what the other would change supersedes it and goes ahead
    (the byline's deletion, beside a spacing suggestion inside it).
    """
    n = len(text)
    changes: dict[int, list[tuple[int, int]]] = {}
    allowed: list[Diagnostic] = []
    foreign: list[tuple[int, int, int]] = []
    for d in diagnostics:
        if d.fix is None or any(e.end > n for e in d.fix.edits):
            continue
        mine = changes[id(d)] = [changed_range(text, e) for e in d.fix.edits]
        if may_apply(d):
            allowed.append(d)
        else:
            foreign.append((d.start, d.end, id(d)))
            foreign.extend((s, t, id(d)) for s, t in mine)
    if foreign:
        grounds = _Ranges(foreign)
        kept = []
        for d in allowed:
            mine = changes[id(d)]
            touched = {o for a, b in mine for o in grounds.touching(a, b)} - {id(d)}
            if all(_covers(mine, changes[o]) for o in touched):
                kept.append(d)
        allowed = kept
    return allowed


class OffsetMap:
    """Where the positions of a fixed text came from in the original.

    Kept as the blocks the fixes replaced, in the current text's coordinates:
    block ``i`` is current ``[cur_start[i], cur_end[i])``, which replaced
    original ``[orig_start[i], orig_end[i])``. Between blocks the text is the
    original's, shifted. Composing a pass's edits is linear in the blocks and
    edits; a lookup is a bisection.
    """

    __slots__ = ("_ce", "_cs", "_oe", "_os")

    def __init__(self) -> None:
        self._cs: list[int] = []
        self._ce: list[int] = []
        self._os: list[int] = []
        self._oe: list[int] = []

    def __bool__(self) -> bool:
        return bool(self._cs)

    def _before(self, pos: int) -> int:
        """Index of the last block ending at or before ``pos`` (-1: none)."""
        return bisect.bisect_right(self._ce, pos) - 1

    def _char(self, pos: int) -> tuple[int, int]:
        """The original range that current character ``pos`` stands for:
        itself, shifted, or the whole replaced range of the block it is in."""
        i = bisect.bisect_right(self._cs, pos) - 1
        if i >= 0 and pos < self._ce[i]:
            return self._os[i], self._oe[i]
        j = self._before(pos)
        orig = pos if j < 0 else pos - self._ce[j] + self._oe[j]
        return orig, orig + 1

    def _point(self, pos: int) -> tuple[int, int]:
        """The original range that the gap before current character ``pos``
        stands for: a point, or the text a fix deleted there."""
        left = 0 if pos == 0 else self._char(pos - 1)[1]
        i = bisect.bisect_right(self._cs, pos) - 1
        if i >= 0 and self._cs[i] < pos < self._ce[i]:
            return self._os[i], self._oe[i]  # inside a replacement
        j = self._before(pos)
        right = pos if j < 0 else pos - self._ce[j] + self._oe[j]
        if i >= 0 and self._cs[i] == pos < self._ce[i]:
            right = self._os[i]
        return min(left, right), max(left, right)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest original range that current ``[start, end)`` covers."""
        if not self._cs:
            return start, end
        if start == end:
            return self._point(start)
        return self._char(start)[0], self._char(end - 1)[1]

    def compose(self, edits: Sequence[Edit]) -> None:
        """Record a pass's ``edits`` (sorted, disjoint, in the current text's
        coordinates): afterwards positions are those of the new text.

        The old blocks and the edits, all in the current coordinates, are
        merged where they overlap or touch; each group becomes one block whose
        original range is the union of its members'."""
        if not edits:
            return
        # (start, end, orig_start, orig_end, length change), sorted by start.
        pieces: list[tuple[int, int, int, int, int]] = [
            (s, t, o, p, 0) for s, t, o, p in zip(self._cs, self._ce, self._os, self._oe, strict=True)
        ]
        for e in edits:
            lo, hi = self.to_original(e.start, e.end)
            pieces.append((e.start, e.end, lo, hi, len(e.replacement) - (e.end - e.start)))
        pieces.sort(key=lambda x: (x[0], x[1]))
        cs: list[int] = []
        ce: list[int] = []
        os_: list[int] = []
        oe: list[int] = []
        shift = 0
        group: list[int] | None = None  # [start, end, orig_start, orig_end, change]
        for s, t, o, p, change in pieces:
            if group is not None and s <= group[1]:
                group[1] = max(group[1], t)
                group[2], group[3] = min(group[2], o), max(group[3], p)
                group[4] += change
                continue
            if group is not None:
                shift = self._emit(group, shift, cs, ce, os_, oe)
            group = [s, t, o, p, change]
        assert group is not None
        self._emit(group, shift, cs, ce, os_, oe)
        self._cs, self._ce, self._os, self._oe = cs, ce, os_, oe

    @staticmethod
    def _emit(
        group: list[int], shift: int, cs: list[int], ce: list[int], os_: list[int], oe: list[int]
    ) -> int:
        start, end, orig_start, orig_end, change = group
        cs.append(start + shift)
        ce.append(end + shift + change)
        os_.append(orig_start)
        oe.append(orig_end)
        return shift + change
