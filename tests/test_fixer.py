import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lintnews.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lintnews.fixer import OffsetMap, apply_fixes, changed_range, fix_candidates, select_fixes, splice


def diag(
    start: int, end: int, repl: str, code: str = "T1", edits: tuple[Edit, ...] | None = None
) -> Diagnostic:
    fix = Fix(edits or (Edit(start, end, repl),), Applicability.SAFE, "t")
    return Diagnostic(code, "t", "m", Span(start, end), Severity.WARNING, fix)


def test_applies_edits_left_to_right_and_keeps_other_text():
    text = "ab  cd.Ef"
    new, applied = apply_fixes(text, [diag(7, 7, " "), diag(2, 4, " ")])
    assert new == "ab cd. Ef"
    assert len(applied) == 2


def test_overlapping_fix_is_skipped():
    text = "0123456789"
    first, second = diag(2, 5, "X"), diag(4, 6, "Y")
    new, applied = apply_fixes(text, [second, first])
    assert new == "01X56789"
    assert applied == [first]


def test_two_insertions_at_one_point_apply_only_the_first():
    new, applied = apply_fixes("ab", [diag(1, 1, "-", "A"), diag(1, 1, "+", "B")])
    assert new == "a-b"
    assert [d.code for d in applied] == ["A"]


def test_insertion_at_end_of_deletion_is_fine():
    new, _ = apply_fixes("abcd", [diag(1, 2, ""), diag(2, 2, "X")])
    assert new == "aXcd"


def test_noop_fix_is_not_applied():
    new, applied = apply_fixes("abc", [diag(0, 1, "a")])
    assert new == "abc" and applied == []


def test_multi_edit_fix_applies_all_or_nothing():
    multi = diag(0, 6, "", edits=(Edit(0, 1, "A"), Edit(5, 6, "F")))
    blocker = diag(5, 6, "Z", code="A0")
    new, applied = apply_fixes("abcdef", [multi, blocker])
    # The multi-edit fix starts first and wins; the blocker overlaps it.
    assert new == "AbcdeF"
    assert applied == [multi]


def test_fix_beyond_text_is_ignored():
    new, applied = apply_fixes("abc", [diag(2, 10, "")])
    assert new == "abc" and applied == []


# -- many fixes: one pass is a sort and a walk, not a sort per fix -------------


def test_a_hundred_thousand_fixes_apply_exactly():
    # Each pair of fixes is independent; before the fixer kept its taken
    # edits in a bisected list this took minutes (a sort per applied fix).
    n = 50_000
    text = "ab.Cd " * n
    diagnostics = [diag(6 * i + 3, 6 * i + 3, " ") for i in range(n)]
    diagnostics += [diag(6 * i + 5, 6 * i + 6, "") for i in range(n)]
    new, applied = apply_fixes(text, diagnostics)
    assert new == "ab. Cd" * n
    assert len(applied) == 2 * n


def test_a_multi_edit_fix_reaching_far_right_blocks_what_it_overlaps_there():
    far = diag(0, 10, "", edits=(Edit(0, 1, "A"), Edit(8, 9, "I")))
    inside = diag(4, 5, "E", code="B")
    under_far_edit = diag(8, 9, "Z", code="C")
    chosen = select_fixes("abcdefghij", [far, inside, under_far_edit])
    assert chosen.applied == [far, inside]
    assert chosen.blocked == [under_far_edit]
    assert splice("abcdefghij", chosen.edits) == "AbcdEfghIj"


# -- what a fix really changes -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "edit", "changed"),
    [
        ("int\u00aderests", Edit(0, 10, "interests"), (3, 4)),  # a word rewritten to drop one character
        ("a  b", Edit(1, 3, " "), (2, 3)),
        ("ab", Edit(1, 1, " "), (1, 1)),
        ("aaa", Edit(0, 3, "aa"), (2, 3)),  # ambiguous: one 'a' gone, counted from the right
        ("abc", Edit(0, 3, "abc"), (0, 0)),
        ("abc", Edit(0, 3, "xyz"), (0, 3)),
    ],
)
def test_changed_range_trims_what_the_replacement_keeps(text, edit, changed):
    assert changed_range(text, edit) == changed


# -- candidates: withheld and superseded fixes --------------------------------

SAFE_RUN = lambda d: d.fix.applicability is Applicability.SAFE  # noqa: E731
UNSAFE_RUN = lambda d: d.fix.applicability is not Applicability.DISPLAY_ONLY  # noqa: E731


def _fix(start, end, repl, applicability, code, span=None):
    s, e = span or (start, end)
    return Diagnostic(
        code, "t", "m", Span(s, e), Severity.WARNING, Fix((Edit(start, end, repl),), applicability, "t")
    )


def test_a_safe_fix_inside_an_unsafe_finding_is_withheld_from_a_safe_run():
    text = "By . Jane . X\n"
    byline = _fix(0, 13, "", Applicability.UNSAFE, "B1")
    spacing = _fix(4, 5, "", Applicability.SAFE, "S1")
    elsewhere = _fix(13, 13, ".", Applicability.SAFE, "S2", span=(12, 13))
    assert fix_candidates(text, [byline, spacing, elsewhere], SAFE_RUN) == [elsewhere]
    # An unsafe run may apply both; the byline starts first and wins.
    assert fix_candidates(text, [byline, spacing, elsewhere], UNSAFE_RUN) == [byline, spacing, elsewhere]


def test_a_fix_that_changes_all_another_would_change_goes_ahead():
    text = "By . Jane . X\n"
    byline = _fix(0, 13, "", Applicability.UNSAFE, "B1")
    hint = _fix(2, 3, "", Applicability.DISPLAY_ONLY, "H1")
    assert fix_candidates(text, [byline, hint], UNSAFE_RUN) == [byline]


def test_the_ground_of_a_finding_is_its_span_too():
    # `your   your`: the unsafe deletion covers the second copy; its span
    # covers the gap whose extra spaces are the reason it is unsafe.
    text = "your   your face"
    repeat = _fix(7, 12, "", Applicability.UNSAFE, "W1", span=(4, 11))
    spaces = _fix(4, 7, " ", Applicability.SAFE, "S1")
    assert fix_candidates(text, [repeat, spaces], SAFE_RUN) == []


# -- the offset map: where a fixed text's positions came from ------------------


def _truth_after(text, passes):
    """Apply passes of edits to a text whose characters carry their origin
    (None: written by a fix)."""
    chars = [(c, i) for i, c in enumerate(text)]
    for edits in passes:
        out, pos = [], 0
        for e in edits:
            out.extend(chars[pos : e.start])
            out.extend((c, None) for c in e.replacement)
            pos = e.end
        out.extend(chars[pos:])
        chars = out
    return chars


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_offset_map_traces_every_untouched_character_exactly(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab ") for _ in range(rng.randrange(1, 40)))
    offsets, current, passes = OffsetMap(), text, []
    for _ in range(rng.randrange(1, 4)):
        cuts = sorted(rng.sample(range(len(current) + 1), min(len(current) + 1, 2 * rng.randrange(1, 4))))
        edits = [
            Edit(a, b, "".join(rng.choice("xy") for _ in range(rng.randrange(0, 3))))
            for a, b in zip(cuts[::2], cuts[1::2], strict=False)
        ]
        offsets.compose(edits)
        current = splice(current, edits)
        passes.append(edits)
    chars = _truth_after(text, passes)
    assert "".join(c for c, _ in chars) == current
    for start in range(len(current)):
        for end in range(start + 1, len(current) + 1):
            lo, hi = offsets.to_original(start, end)
            origins = [o for _, o in chars[start:end] if o is not None]
            # Every original character in the range is covered...
            assert all(lo <= o < hi for o in origins)
            # ...and a range of untouched characters maps exactly.
            if len(origins) == end - start and origins == list(range(origins[0], origins[0] + len(origins))):
                before = chars[start - 1][1] if start else -1
                after = chars[end][1] if end < len(chars) else len(text)
                if before == origins[0] - 1 and after == origins[-1] + 1:
                    assert (lo, hi) == (origins[0], origins[-1] + 1)


def test_offset_map_insertion_point_covers_what_a_fix_deleted_there():
    offsets = OffsetMap()
    offsets.compose([Edit(2, 5, "")])  # "ab|cde|fg" -> "abfg"
    assert offsets.to_original(2, 2) == (2, 5)
    assert offsets.to_original(0, 1) == (0, 1)
    assert offsets.to_original(3, 4) == (6, 7)
