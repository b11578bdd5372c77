"""`fix` changes only what `check` reported.

A later fix pass re-checks the fixed text, but applies only a fix traced back
to a finding of the same rule that check reported on the original text and
that an overlap kept out of an earlier pass, or a fix of another rule that
changes only what an applied fix wrote; a fix that would erase the
ground of a finding this run may not fix is withheld. The cascades quoted in
issue 13 are regression tests here, on texts written for them.
"""

from __future__ import annotations

import pytest
from fixscope import changes_outside, regions

from lintnews import fixrun as fixrun_module
from lintnews.config import Config
from lintnews.diagnostics import Fix
from lintnews.document import Document
from lintnews.engine import MAX_FIX_PASSES, Linter
from lintnews.registry import Registry, load_registry
from lintnews.rule import Context, Example, Rule

LINTER = Linter()


def linter_with(*rules: type[Rule], only: bool = False) -> Linter:
    reg = Registry([*load_registry(), *rules])
    codes = tuple(r.code for r in rules)
    config = Config(select=codes) if only else Config(extend_select=codes)
    return Linter(config, registry=reg)


def _each(text: str, word: str):
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


class Grow(Rule):
    """`ab` -> `cd`: its fix writes what Shrink flags."""

    code = "TT911"
    name = "grow"
    summary = "ab"
    fixable = True
    examples = (Example("ab", "cd"),)

    def check(self, doc: Document, ctx: Context) -> None:
        for i in _each(doc.text, "ab"):
            ctx.report(i, i + 2, fix=Fix.replace(i, i + 2, "cd", "grow"))


class Shrink(Rule):
    """`cd` -> `ef`."""

    code = "TT912"
    name = "shrink"
    summary = "cd"
    fixable = True
    examples = (Example("cd", "ef"),)

    def check(self, doc: Document, ctx: Context) -> None:
        for i in _each(doc.text, "cd"):
            ctx.report(i, i + 2, fix=Fix.replace(i, i + 2, "ef", "shrink"))


class Capital(Rule):
    """Capitalises a word by rewriting all of it."""

    code = "TT913"
    name = "capital"
    summary = "hello"
    fixable = True
    examples = (Example("hello", "Hello"),)

    def check(self, doc: Document, ctx: Context) -> None:
        for i in _each(doc.text, "hello"):
            ctx.report(i, i + 5, fix=Fix.replace(i, i + 5, "Hello", "capital"))


class Doubles(Rule):
    """`ll` -> `LL`: overlaps Capital's rewrite, so it waits a pass."""

    code = "TT914"
    name = "doubles"
    summary = "ll"
    fixable = True
    examples = (Example("ll", "LL"),)

    def check(self, doc: Document, ctx: Context) -> None:
        for i in _each(doc.text, "ll"):
            ctx.report(i, i + 2, fix=Fix.replace(i, i + 2, "LL", "doubles"))


class Stack(Rule):
    """Twelve insertions at one point: only one can apply per pass."""

    code = "TT915"
    name = "stack"
    summary = "stack"
    fixable = True
    examples = (Example("a"),)

    def check(self, doc: Document, ctx: Context) -> None:
        if doc.text:
            for _ in range(12):
                ctx.report(0, 1, fix=Fix.replace(0, 0, ">", "stack"))


class Wrap(Rule):
    """`x` -> `[x]`: its fix writes a new `x`, inside its own rewrite."""

    code = "TT916"
    name = "wrap"
    summary = "x"
    fixable = True
    examples = (Example("x", "[x]"),)

    def check(self, doc: Document, ctx: Context) -> None:
        for i in _each(doc.text, "x"):
            ctx.report(i, i + 1, fix=Fix.replace(i, i + 1, "[x]", "wrap"))


class DropPara(Rule):
    """Deletes a paragraph `A` with the blank line after it."""

    code = "TT917"
    name = "drop-para"
    summary = "A"
    fixable = True
    examples = (Example("x\n\nA\n\ny", "x\n\ny"),)

    def check(self, doc: Document, ctx: Context) -> None:
        for i in _each(doc.text, "\nA\n\n"):
            ctx.report(i + 1, i + 2, fix=Fix.replace(i + 1, i + 4, "", "drop"))


class DropLast(Rule):
    """Deletes a last paragraph `B` with the line break before it."""

    code = "TT918"
    name = "drop-last"
    summary = "B"
    fixable = True
    examples = (Example("x\n\nB", "x\n"),)

    def check(self, doc: Document, ctx: Context) -> None:
        if doc.text.endswith("\nB"):
            n = len(doc.text)
            ctx.report(n - 1, n, fix=Fix.replace(n - 2, n, "", "drop"))


def test_a_fix_of_another_rule_on_text_a_fix_wrote_is_applied():
    # Check reports Grow on `ab`. Grow's fix writes `cd`, which Shrink then
    # flags: every character it changes lies in Grow's reported span, and
    # without it fixing again would change the text (a mojibake repair
    # restores a curly apostrophe in a document that uses straight ones).
    linter = linter_with(Grow, Shrink, only=True)
    result = linter.fix("ab cd\n")
    assert result.text == "ef ef\n"
    assert [d.code for d in result.fixed] == ["TT911", "TT912", "TT912"]
    assert result.converged is True and result.stopped is None
    assert linter.fix(result.text).text == result.text


def test_a_rule_gets_no_second_go_at_its_own_rewrite():
    # `OmarHillicon` -> `Omar Hillicon` -> `Omar Hill icon` was a cascade of
    # one rule on its own output: the second step is not applied.
    result = linter_with(Wrap, only=True).fix("x\n")
    assert result.text == "[x]\n"
    assert (result.converged, result.stopped, result.unconverged_codes) == (False, "unsettled", ["TT916"])


def test_two_deletions_side_by_side_share_the_blank_line_between_them():
    # Both deletions claim the newline between the paragraphs, so only the
    # first applies in pass 1; in pass 2 the second takes the newline
    # before, which is no text check failed to report.
    linter = linter_with(DropPara, DropLast, only=True)
    text = "x\n\nA\n\nB"
    assert [(d.code, d.start, d.end) for d in linter.check(text)] == [("TT917", 3, 4), ("TT918", 6, 7)]
    result = linter.fix(text)
    assert result.text == "x\n"
    assert [d.code for d in result.fixed] == ["TT917", "TT918"]
    assert (result.passes, result.converged) == (2, True)


def test_a_fix_an_overlap_kept_out_is_applied_on_a_later_pass():
    linter = linter_with(Capital, Doubles, only=True)
    result = linter.fix("hello there\n")
    assert result.text == "HeLLo there\n"
    assert [d.code for d in result.fixed] == ["TT913", "TT914"]
    assert result.passes == 2
    assert result.converged is True


def test_passes_stop_at_the_limit_and_say_so():
    result = linter_with(Stack, only=True).fix("a\n")
    assert result.text == ">" * MAX_FIX_PASSES + "a\n"
    assert (result.converged, result.stopped, result.passes) == (False, "passes", MAX_FIX_PASSES)
    assert result.unconverged_codes == ["TT915"]


def test_a_huge_text_stops_at_the_work_budget(monkeypatch):
    monkeypatch.setattr(fixrun_module, "FIX_BUDGET_MIN", 0)
    monkeypatch.setattr(fixrun_module, "FIX_BUDGET_FACTOR", 2)
    result = linter_with(Capital, Doubles, only=True).fix("hello there\n")
    # Pass 1 and its re-check spend the budget: Doubles' fix waits.
    assert result.text == "Hello there\n"
    assert (result.converged, result.stopped, result.unconverged_codes) == (False, "budget", ["TT914"])


# -- the cascades of issue 13, on texts written for them -----------------------


def test_spaces_that_make_a_repeat_unsafe_are_not_tidied_away():
    # The extra spaces mark a lost dash: LN204's deletion is unsafe because
    # of them. Collapsing them (LN102) would make the next pass delete the
    # repeat as a SAFE fix.
    text = "He told the court: I remember your   your face, and the room.\n"
    found = LINTER.check(text)
    [repeat] = [d for d in found if d.code == "LN204"]
    assert text[repeat.start : repeat.end] == "   your"
    assert LINTER.fix(text).text == text
    assert LINTER.fix(text, unsafe=True).text == "He told the court: I remember your face, and the room.\n"


def test_a_word_protected_by_its_second_use_stays_whole_when_that_use_is_deleted():
    # `pestis` is a word because the article uses it twice; deleting the
    # caption holding the second use must not let a later pass split it.
    text = (
        "Plague is caused by the bacterium Yersinia pestis, which fleas carry. "
        "Researchers said the outbreak was contained.\n\n"
        "Photo: A sample of Yersinia pestis under a microscope. Credit: Getty Images\n"
    )
    result = LINTER.fix(text, unsafe=True)
    assert result.text == text.split("\n\n")[0] + "\n"
    assert "Yersinia pestis," in result.text


def test_fix_then_unsafe_fix_equals_unsafe_fix_on_a_daily_mail_header():
    text = (
        "By . Jane Smith . PUBLISHED: . 12:01 EST, 3 March 2014 . | . UPDATED: . 14:22 EST, 3 March 2014 .\n\n"
        "The talks ended on Monday.\n"
    )
    safe = LINTER.fix(text)
    # The spacing fixes inside the header would polish a line that the
    # unsafe fix deletes: they are withheld, and not counted as fixable.
    assert safe.text == text
    assert LINTER.fixable_count(LINTER.check(text), unsafe=False, text=text) == 0
    unsafe = LINTER.fix(text, unsafe=True)
    assert unsafe.text == "\n\nThe talks ended on Monday.\n"
    assert LINTER.fix(safe.text, unsafe=True).text == unsafe.text


@pytest.mark.parametrize(
    ("text", "safe", "unsafe"),
    [
        # A lost apostrophe's tail glued to the next sentence: LN103 and
        # LN203 both see it in check, so one run fixes both.
        (
            "It was Ryan s.The plan failed.\n",
            "It was Ryan s. The plan failed.\n",
            "It was Ryan's. The plan failed.\n",
        ),
        ("He said it wasn t.What now?\n", "He said it wasn't. What now?\n", "He said it wasn't. What now?\n"),
        # A doubled stop before the next sentence: LN108 drops one, LN103 adds the space.
        ("You will believe anything..Leo left.\n", "You will believe anything. Leo left.\n", None),
        # Two furniture pieces on one line (a tweet's links, a credit at its end).
        (
            "Unacceptable. https://t.co/9bkw pic.twitter.com/iVHD  Jane Doe (@janedoe) February 1, 2017"
            "Part of the statement.Featured image via Alex Wong/Getty Images\n",
            None,
            "Unacceptable. Jane Doe (@janedoe) February 1, 2017Part of the statement.\n",
        ),
        # A tweet's links glued to the sentence before them: their deletion
        # must not glue that sentence to the signature.
        (
            "It was all paper ballot?https://t.co/hXRR pic.twitter.com/xEpx  Paul Roe (@proe) November 25, 2016 "
            "This election.\n",
            None,
            "It was all paper ballot? Paul Roe (@proe) November 25, 2016 This election.\n",
        ),
    ],
)
def test_one_run_settles_what_used_to_take_two(text: str, safe: str | None, unsafe: str | None):
    # Each used to leave a finding that check had not reported ("unsettled"):
    # the second run of fix changed the text again.
    for expected, allow in ((safe, False), (unsafe, True)):
        result = LINTER.fix(text, unsafe=allow)
        assert result.stopped is None, result.unconverged_codes
        if expected is not None:
            assert result.text == expected


# -- the property, on texts that look like scraped news ------------------------

DIRTY = [
    "Benjamin Netanyahuadmitted that the talks failed.The cabinet met on Sunday , and  ministers "
    "left early.\n\nhostages,” dNetanyahu said . “We will not stop.”\n\nSource: AP\nSource: Gestion\n",
    "WASHINGTON (Reuters) - The senator said  the bill would pass .It didn t.\n\n"
    "Featured image via Getty Images\n\nRead more: Why the bill failed\n",
    "By . Mail Reporter . PUBLISHED: . 10:01 EST, 1 May 2013 .\n\n"
    "The mayor ,who took office in 2010,said the the city would appeal.&nbsp;It is â€œunfairâ€\u009d.\n",
    "“It’s over,” she said. “We’re done,” he said. They don t know what s next.\n\n"
    "Ricardo is a renowned author and journalist, known for his exceptional writing on top-news stories. "
    "He currently works as a writer at the 247 News Agency.\n",
    "The company,which owns OmarHillicon and TechBeat,reported   record profits.Analysts "
    "expected  less.\u200b\n\nThe company,which owns OmarHillicon and TechBeat,reported   record profits.\n",
    "He started out by telling them:  For those who doubt us, look at the numbers.  He then left.\n\n"
    'js.src = "//connect.example.net/sdk.js"; var x = "a";\n\nShe called it "a disgrace" and “a shame”.\n',
]


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("text", DIRTY, ids=[f"dirty{i}" for i in range(len(DIRTY))])
def test_every_change_lies_in_a_span_check_reported(text: str, unsafe: bool):
    found = LINTER.check(text)
    result = LINTER.fix(text, unsafe=unsafe)
    assert result.text != text  # each of these has something to fix
    assert changes_outside(text, result.text, regions(LINTER, found, unsafe)) == []


@pytest.mark.parametrize("text", DIRTY, ids=[f"dirty{i}" for i in range(len(DIRTY))])
def test_fix_then_unsafe_fix_equals_unsafe_fix(text: str):
    two_step = LINTER.fix(LINTER.fix(text).text, unsafe=True).text
    assert two_step == LINTER.fix(text, unsafe=True).text


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("text", DIRTY, ids=[f"dirty{i}" for i in range(len(DIRTY))])
def test_fixing_twice_equals_fixing_once(text: str, unsafe: bool):
    once = LINTER.fix(text, unsafe=unsafe)
    assert once.stopped is None, (once.stopped, once.unconverged_codes)
    assert LINTER.fix(once.text, unsafe=unsafe).text == once.text


# -- what the user is told -------------------------------------------------------


def test_fix_says_when_fixing_made_a_finding_check_had_not_reported(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from lintnews.cli import main

    monkeypatch.chdir(tmp_path)
    # Removing the control character leaves a line that is only a
    # copyright notice: a new finding, which this run does not fix.
    story = tmp_path / "story.txt"
    story.write_text("Text.\n\n\x1f© 2019\n\nThe talks ended.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "--unsafe-fixes", "--no-cache", "--no-color", "story.txt"])
    assert result.exit_code == 1
    assert story.read_text(encoding="utf-8") == "Text.\n\n© 2019\n\nThe talks ended.\n"
    assert result.stderr.splitlines() == [
        "lintnews: warning: story.txt: fixing made new findings that check had not reported (LN404); "
        "they were not fixed: review them with 'lintnews check'"
    ]
    assert result.stdout.startswith("story.txt:3:1: LN404 ")


def test_rewritten_ranges_answer_with_a_long_deletion_among_short_fixes():
    rewritten = fixrun_module.Rewritten()
    rewritten.add(100, 5_000, "LN401")  # a deleted paragraph
    for pos in range(0, 10_000, 10):
        rewritten.add(pos + 5_000, pos + 5_001, "LN107")
    # Inside the deletion, by another rule: held; by the same rule: not.
    assert rewritten.holds(200, 300, "LN304") is True
    assert rewritten.holds(200, 300, "LN401") is False
    # Inside one short rewrite; across a gap between two: not held.
    assert rewritten.holds(5_010, 5_011, "LN304") is True
    assert rewritten.holds(5_010, 5_021, "LN304") is False
    # What is left of a range over the deletion's end and a short rewrite.
    assert rewritten.subtract(90, 5_012) == [(90, 100), (5_001, 5_010), (5_011, 5_012)]
    # Whitespace the fixes took from a finding's ranges: the deletion's.
    original = "x" * 100 + " " * 4_900 + "y" * 20_000
    assert rewritten.whitespace_within([(90, 200)], original) == 100
    assert rewritten.whitespace_within([(5_000, 5_100)], original) == 0


def test_a_finding_is_settled_by_one_fix_only():
    # Two identical boilerplate lines: deleting the second line with its
    # line break is, character for character, deleting the first. Each
    # finding still gets one fix, and the line break after the last line,
    # which no finding covered, stays.
    text = "Featured image via Getty\n\x1fFeatured image via Getty\n"
    found = LINTER.check(text, "a.txt")
    result = LINTER.fix(text, "a.txt", unsafe=True)
    assert changes_outside(text, result.text, regions(LINTER, found, True)) == []
    assert result.text == "Featured image via Getty\n"
    assert (result.stopped, result.unconverged_codes) == ("unsettled", ["LN404"])


def test_the_unsafe_phase_treats_what_the_safe_phase_wrote_as_a_second_run_would():
    # Found by Hypothesis. LN106 writes `'` in the safe phase; in the unsafe
    # phase LN105 turns U+0091 into `‘`, and LN304 then wants the `'` curly
    # too. A second run on the safe output would see that `'` as original,
    # and not change it: neither does the unsafe phase of one run.
    text = "&#39;\x91"
    safe = LINTER.fix(text, "a.txt")
    assert safe.text == "'\x91"
    unsafe = LINTER.fix(text, "a.txt", unsafe=True)
    assert unsafe.text == "'\u2018"
    assert (unsafe.stopped, unsafe.unconverged_codes) == ("unsettled", ["LN304"])
    assert LINTER.fix(safe.text, "a.txt", unsafe=True).text == unsafe.text


def test_an_unsafe_run_says_so_when_the_safe_phase_made_a_finding_check_had_not_reported():
    # Found by Hypothesis. Deleting the zero-width space makes `ÀFeatured`
    # a stray letter for LN205 (off by default), which check had not
    # reported: the unsafe phase refuses it, and later deletions take away
    # the lines that made it a finding. A second run on the safe output
    # would have applied it, so the one run must not claim to be settled.
    linter = Linter(Config(select=("ALL",)))
    text = "À\u200bFeatured image via Getty\nFeatured image via Getty\n.Featured image via Getty\n"
    result = linter.fix(text, "a.txt", unsafe=True)
    assert result.text == "ÀFeatured image via Getty\n.\n"
    assert (result.stopped, result.unconverged_codes) == ("unsettled", ["LN205"])
