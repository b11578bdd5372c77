"""Applying fixes: left to right, skipping overlaps, to a fixed point.

Only the characters inside applied edits change; everything else is copied
through untouched. A fix whose edits overlap an already applied edit is left
for the next pass, when the rule re-runs on the new text (textlint's model).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from lintnews.diagnostics import Diagnostic, Edit


def _conflicts(edits: tuple[Edit, ...], taken: list[tuple[int, int]]) -> bool:
    for e in edits:
        for s, t in taken:
            # Overlap, or two insertions at one point (their order would be a guess).
            if (
                (e.start < t and s < e.end)
                or (e.start == e.end == s == t)
                or (e.start == e.end and s < e.start < t)
            ):
                return True
    return False


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    """Apply the fixes of ``diagnostics`` (the caller has filtered them).

    Returns the new text and the diagnostics whose fixes were applied.
    """
    candidates = sorted(
        (d for d in diagnostics if d.fix is not None and d.fix.edits),
        key=lambda d: (d.fix.start, d.fix.end, d.code),  # type: ignore[union-attr]
    )
    taken: list[tuple[int, int]] = []
    applied: list[Diagnostic] = []
    edits: list[Edit] = []
    for diag in candidates:
        assert diag.fix is not None
        fix_edits = tuple(sorted(diag.fix.edits, key=lambda e: (e.start, e.end)))
        if any(e.end > len(text) for e in fix_edits):
            continue
        # Two edits of one fix that overlap each other cannot be applied.
        if any(a.end > b.start for a, b in pairwise(fix_edits)):
            continue
        # Only recent spans can conflict when scanning left to right, but a
        # multi-edit fix can reach back; a short list keeps this cheap.
        if _conflicts(fix_edits, taken[-64:]):
            continue
        if all(text[e.start : e.end] == e.replacement for e in fix_edits):
            continue  # a no-op fix would loop forever
        applied.append(diag)
        edits.extend(fix_edits)
        taken.extend((e.start, e.end) for e in fix_edits)
        taken.sort()
    if not edits:
        return text, []
    edits.sort(key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out), applied
