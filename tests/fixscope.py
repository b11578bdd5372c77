"""Does a fixed text differ from the original only where check reported?

Shared by the fix-scope tests and ``benchmarks/fix_scope.py``. The check is
independent of the engine's own bookkeeping: it asks whether the fixed text
keeps, whole and in order, every stretch of the original that no region
``check`` reported covers (a region: a diagnostic's span or one of its fix's
edit ranges, for a diagnostic whose fix the run was allowed to apply). Then
every changed character lies in a region, whatever an alignment tool would
have paired up.
"""

from __future__ import annotations

from collections.abc import Sequence

from lintnews.diagnostics import Applicability, Diagnostic
from lintnews.engine import Linter


def allowed(linter: Linter, d: Diagnostic, unsafe: bool) -> bool:
    """Whether a run with ``unsafe`` may apply ``d``'s fix."""
    if not linter.can_fix(d, unsafe):
        return False
    assert d.fix is not None
    return d.fix.applicability is Applicability.SAFE or unsafe


def regions(linter: Linter, diagnostics: Sequence[Diagnostic], unsafe: bool) -> list[tuple[int, int]]:
    """The ranges a run may change: span and edits of every allowed fix."""
    out: list[tuple[int, int]] = []
    for d in diagnostics:
        if not allowed(linter, d, unsafe):
            continue
        assert d.fix is not None
        out.append((d.start, d.end))
        out.extend((e.start, e.end) for e in d.fix.edits)
    return out


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of the regions, as disjoint ranges: two fixes side by side
    (two lines deleted) make one change in the alignment."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _protected(length: int, spans: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], bool, bool]:
    """The stretches of the original between the regions, in order, and
    whether a region (an insertion point counts) opens and closes the text.
    Between two stretches there is always a region: text may change there."""
    merged = _merged(spans)
    bounds = [0, *(x for s, e in merged for x in (s, e)), length]
    stretches = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2) if bounds[i] < bounds[i + 1]]
    open_at_start = bool(merged) and merged[0][0] == 0
    open_at_end = bool(merged) and merged[-1][1] == length
    return stretches, open_at_start, open_at_end


def changes_outside(original: str, fixed: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The first stretch of ``original`` that no region covers and that
    ``fixed`` does not keep, as ``[(start, end)]``; ``[]`` when every change
    lies in a region.

    ``fixed`` keeps the original's uncovered stretches when they appear in it
    whole and in order, with anything at all between them (what the regions
    became): earliest placement is optimal for that, so one left-to-right
    scan decides it, whatever an alignment tool would have paired up.
    """
    stretches, open_start, open_end = _protected(len(original), spans)
    pos = 0
    for i, (s, e) in enumerate(stretches):
        piece = original[s:e]
        first, last = i == 0, i == len(stretches) - 1
        if first and s == 0 and not open_start:
            found = 0 if fixed.startswith(piece) else -1
        elif last and e == len(original) and not open_end:
            found = len(fixed) - len(piece)
            if found < pos or not fixed.endswith(piece):
                found = -1
        else:
            found = fixed.find(piece, pos)
        if found < 0:
            return [(s, e)]
        pos = found + len(piece)
    if not stretches and not spans and fixed != original:
        return [(0, len(original))]
    return []
