from lintnews.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lintnews.fixer import apply_fixes


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
