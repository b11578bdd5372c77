"""The scorers: a perfect fake linter scores 1.0, an empty one 0, and the parts in between."""

from __future__ import annotations

import random

import pytest
from bench_fakes import (
    ARTICLE,
    ARTICLES,
    EmptyLinter,
    FakeDiag,
    FakeEdit,
    FakeFixResult,
    PerfectLinter,
    small_dictionary,
)
from inject import KINDS, inject, sample
from score import (
    LineCounts,
    aggregate,
    apply_suggestion,
    covering_code,
    fix_summary,
    in_gold,
    lines,
    locate,
    map_to_clean,
    new_diagnostics,
    normalise_whitespace,
    overlaps,
    run_injections,
    score_copy,
    score_lines,
    score_pair,
)


def all_injections():
    out = []
    for kind in KINDS:
        out += sample(kind, ARTICLES, 4, seed=11, is_word=small_dictionary)
    return out


def test_a_perfect_linter_scores_one_on_every_kind():
    injections = all_injections()
    results = aggregate(run_injections(PerfectLinter(injections), injections))
    assert set(results) == set(KINDS)
    for r in results.values():
        assert r.copies >= 2
        assert r.recall == 1.0 and r.precision == 1.0 and r.fix_rate == 1.0, r.kind
        assert r.missed == [] and r.fix_failed == []


def test_an_empty_linter_scores_zero():
    injections = all_injections()
    results = aggregate(run_injections(EmptyLinter(), injections))
    for r in results.values():
        assert r.recall == 0.0 and r.precision == 0.0 and r.fix_rate == 0.0
        assert r.new == 0 and len(r.missed) == r.copies


def one(kind="fused_word", variant="Name+lower"):
    return inject(kind, ARTICLE, random.Random(2), variant=variant, is_word=small_dictionary)


def test_a_false_alarm_halves_precision_and_a_wrong_code_does_not_hit():
    inj = one()
    s, e = inj.spans[0]
    hit = FakeDiag("LN201", s, e)
    stray = FakeDiag("LN201", 0, 3)  # in the headline, nowhere near the defect
    score = score_copy(inj, [hit, stray], [], inj.clean, inj.clean)
    assert score.found and score.new == 2 and score.new_hits == 1
    assert score.other_codes == {"LN201 elsewhere": 1}
    double = score_copy(inj, [hit, FakeDiag("LN202", s, e)], [], inj.clean, inj.clean)
    assert double.other_codes == {"LN202 on the defect": 1} and double.new_hits == 1
    wrong = score_copy(inj, [FakeDiag("LN999", s, e)], [], inj.dirty, inj.clean)
    assert not wrong.found and wrong.new_hits == 0 and not wrong.fix_exact


def test_diagnostics_the_clean_twin_has_are_not_new_even_after_the_shift():
    inj = one()
    s, e = inj.spans[0]
    shift = len(inj.dirty) - len(inj.clean)
    assert shift == -1  # the lost space
    tail = len(inj.clean) - 10
    clean = [FakeDiag("LN101", 2, 5), FakeDiag("LN101", tail, tail + 3)]
    dirty = [
        FakeDiag("LN101", 2, 5),
        FakeDiag("LN101", tail + shift, tail + 3 + shift),
        FakeDiag("LN201", s, e),
    ]
    assert new_diagnostics(inj, dirty, clean) == [dirty[2]]
    # Before, inside and after the injected region.
    assert map_to_clean(inj, s) == inj.edits[0].start
    assert map_to_clean(inj, s + 1) is None
    assert map_to_clean(inj, e) == inj.edits[0].end
    assert map_to_clean(inj, e + 4) == inj.edits[0].end + 4


def test_every_span_of_a_multi_part_defect_must_be_hit():
    inj = inject("repeated_source", ARTICLE, random.Random(1), variant="two-different")
    (s1, e1), (s2, e2) = inj.spans
    half = score_copy(inj, [FakeDiag("LN402", s1, e1)], [], inj.dirty, inj.clean)
    assert not half.found and half.parts_found == 1 and half.parts == 2
    both = score_copy(inj, [FakeDiag("LN402", s1, e1), FakeDiag("LN402", s2, e2)], [], inj.clean, inj.clean)
    assert both.found and both.fix_exact


def test_fix_equal_up_to_blank_lines_is_reported_apart():
    inj = inject("author_bio", ARTICLE, random.Random(1), variant="short", where="end")
    left_a_hole = inj.clean.rstrip("\n") + "\n\n\n"
    score = score_copy(inj, [], [], left_a_hole, inj.clean)
    assert not score.fix_exact and score.fix_normalised
    assert normalise_whitespace("a  \n\n\n\nb\n") == "a\n\nb"


def test_overlap_rules():
    assert overlaps(0, 5, 4, 8) and not overlaps(0, 4, 4, 8)
    assert overlaps(4, 4, 4, 8) and overlaps(8, 8, 4, 8) and not overlaps(9, 9, 4, 8)


def test_applicability_of_hitting_fixes_is_counted():
    class Fix:
        applicability = "unsafe"

    inj = one()
    s, e = inj.spans[0]
    score = score_copy(inj, [FakeDiag("LN201", s, e, Fix())], [], inj.clean, inj.clean)
    assert score.applicability == {"unsafe": 1}


class UnsafeOnlyLinter:
    """Fixes a dirty copy to its twin only when asked for unsafe fixes."""

    def __init__(self, injections):
        self.by_dirty = {i.dirty: i for i in injections}

    def check(self, text, path="-"):
        inj = self.by_dirty.get(text)
        return [] if inj is None else [FakeDiag(KINDS[inj.kind].codes[0], s, e) for s, e in inj.spans]

    def fix(self, text, path="-", *, unsafe=None):
        inj = self.by_dirty.get(text)
        return FakeFixResult(inj.clean if inj is not None and unsafe else text)


def test_unsafe_variants_of_a_safe_kind_are_measured_unsafe_and_apart():
    many = [(f"{i}.txt", ARTICLE) for i in range(6)]
    injections = sample("lost_apostrophe", many, 6, seed=3, is_word=small_dictionary)
    modes = {i.variant: KINDS["lost_apostrophe"].variant_fix_mode(i.variant) for i in injections}
    assert set(modes.values()) == {"safe", "unsafe"}
    scores = run_injections(UnsafeOnlyLinter(injections), injections)
    assert {s.variant: s.fix_mode for s in scores} == modes
    r = aggregate(scores)["lost_apostrophe"]
    possessives = sum(1 for i in injections if modes[i.variant] == "unsafe")
    # The contractions were asked for SAFE fixes (which this linter never
    # makes): the headline is theirs alone, and honest about the miss.
    assert r.fix_copies == len(injections) - possessives and r.fix_exact == 0 and r.fix_rate == 0.0
    assert r.fix_apart == {"unsafe": [possessives, possessives]}
    summary = fix_summary(KINDS["lost_apostrophe"], r)
    assert summary == (
        f"0.000 over {r.fix_copies} copies; possessive-name, possessive-common: "
        f"1.000 with unsafe fixes over {possessives}"
    )


def test_a_kind_without_a_fix_reports_the_suggestion_instead():
    class Fix:
        applicability = "display-only"

        def __init__(self, edits):
            self.edits = edits

    inj = inject("lowercase_start", ARTICLE, random.Random(4), is_word=small_dictionary)
    (s, e), repair = inj.spans[0], inj.repairs[0]
    right = FakeDiag("LN301", s, e, Fix((FakeEdit(s, s + 1, repair[0]),)))
    wrong = FakeDiag("LN301", s, e, Fix((FakeEdit(s, s + 1, "X"),)))
    good = score_copy(inj, [right], [], inj.dirty, inj.clean)
    bad = score_copy(inj, [wrong], [], inj.dirty, inj.clean)
    none = score_copy(inj, [FakeDiag("LN301", s, e)], [], inj.dirty, inj.clean)
    assert good.fix_mode == "none" and good.suggestion_exact and not good.fix_exact
    assert not bad.suggestion_exact and not none.suggestion_exact
    r = aggregate([good, bad, none])["lowercase_start"]
    assert r.fix_copies == 3 and r.suggestion_exact == 1
    assert fix_summary(KINDS["lowercase_start"], r) == "— (display-only; suggestion = repair 0.333)"


def test_apply_suggestion_skips_overlapping_edits_like_the_fixer():
    edits = [FakeEdit(4, 5, "X"), FakeEdit(0, 1, "A"), FakeEdit(4, 6, "Y"), FakeEdit(6, 6, "!")]
    assert apply_suggestion("abcdefgh", edits) == "AbcdXf!gh"


# -- extraction ---------------------------------------------------------------


GOLD = "The council voted to close the library.\n\nResidents said they would appeal.\n"
EXTRACTED = (
    "Advertisement\n"
    "The council voted to close the library.\n"
    "  \n"
    "\u200b\n"
    "Residents said they would appeal.\n"
    "Share this article\n"
)


def test_lines_skip_blank_and_letterless_lines():
    assert [EXTRACTED[s:e] for s, e in lines(EXTRACTED)] == [
        "Advertisement",
        "The council voted to close the library.",
        "Residents said they would appeal.",
        "Share this article",
    ]


def test_gold_membership_is_whitespace_normalised_and_word_bounded():
    gold = " ".join(GOLD.split())
    assert in_gold("The council  voted to close", gold)
    assert not in_gold("Share", "Shares rose sharply")
    assert in_gold("Shares rose", "Shares rose sharply")


def test_a_line_is_flagged_when_one_diagnostic_covers_half_of_it():
    s = EXTRACTED.index("Share this")
    e = s + len("Share this article")
    assert covering_code((s, e), [FakeDiag("LN404", s, e)]) == "LN404"
    assert covering_code((s, e), [FakeDiag("LN102", s, s + 3), FakeDiag("LN102", s + 4, s + 8)]) is None
    counts = LineCounts()
    ad = (0, len("Advertisement"))
    score_lines(counts, "x.txt", EXTRACTED, GOLD, [FakeDiag("LN404", *ad), FakeDiag("LN404", s, e)])
    assert (counts.boilerplate, counts.boilerplate_flagged, counts.gold, counts.gold_flagged) == (2, 2, 2, 0)
    assert counts.boilerplate_share == 1.0 and counts.gold_share == 0.0
    counts = LineCounts()
    g = EXTRACTED.index("Residents")
    score_lines(counts, "x.txt", EXTRACTED, GOLD, [FakeDiag("LN403", g, g + 30)])
    assert counts.gold_flagged == 1 and counts.gold_flagged_where == [("x.txt", 5, "LN403")]


# -- pairs --------------------------------------------------------------------


class SplitLinter:
    """Flags and fixes one known run-together word."""

    def check(self, text, path="-"):
        i = text.find("ofthe")
        return [FakeDiag("LN201", i, i + 5)] if i >= 0 else []

    def fix(self, text, path="-", *, unsafe=None):
        return FakeFixResult(text.replace("ofthe", "of the"))


def test_pairs_are_found_in_context_and_their_fix_compared_to_the_gold():
    context = "the end ofthe war, and the rest ofthe story"
    start = locate(context, "ofthe")
    assert start == context.index("ofthe")
    assert locate("softhearted ofthe", "ofthe") == len("softhearted ")
    assert locate("softhearted", "ofthe") is None
    good = score_pair(SplitLinter(), context, start, "ofthe", "of the", ("LN201",))
    assert good.found and good.any_code == "LN201" and good.fix_exact
    empty = score_pair(EmptyLinter(), context, start, "ofthe", "of the", ("LN201",))
    assert not empty.found and empty.any_code is None and not empty.fix_exact


@pytest.mark.parametrize("kind", list(KINDS))
def test_perfect_linter_finds_each_kind_alone(kind):
    injections = sample(kind, ARTICLES, 2, seed=3, is_word=small_dictionary)
    assert injections, kind
    r = aggregate(run_injections(PerfectLinter(injections), injections))[kind]
    assert (r.recall, r.precision, r.fix_rate) == (1.0, 1.0, 1.0)


def test_a_defect_carried_by_a_duplicated_paragraph_is_not_new():
    inj = inject("duplicated_paragraph", ARTICLE, random.Random(1), variant="adjacent")
    (edit,), ((ds, de),) = inj.edits, inj.spans
    assert inj.dirty[ds:de] == inj.clean[edit.copied_from : edit.copied_from + de - ds]
    # A finding inside the original paragraph, and the same one in the copy.
    k = 12
    offset = edit.copied_from + k
    clean = [FakeDiag("LN999", offset, offset + 5)]
    dirty = [FakeDiag("LN999", offset, offset + 5), FakeDiag("LN999", ds + k, ds + k + 5)]
    assert new_diagnostics(inj, dirty, clean) == []
    # The whole copy maps onto the original paragraph, and after it the shift applies.
    assert map_to_clean(inj, ds, "start") == edit.copied_from
    assert map_to_clean(inj, de, "end") == edit.copied_from + de - ds
    assert map_to_clean(inj, ds, "end") == edit.start
    assert map_to_clean(inj, de, "start") == edit.end
    # A finding on the copy as a whole (the duplicate) is new, and hits.
    score = score_copy(inj, [*dirty, FakeDiag("LN401", ds + 2, de)], clean, inj.clean, inj.clean)
    assert score.found and score.new == 1 and score.new_hits == 1
