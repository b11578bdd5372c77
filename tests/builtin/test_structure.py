"""LN401, LN402 and LN405: the Python rules of the structure family, and the
line-removal helper they share.

Every article here is written for the tests (news-shaped, not copied from a
corpus). The rules are registered in a private Registry, so these tests do
not depend on lintnews/builtin/__init__.py listing them.
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from collections.abc import Sequence

import pytest
from conftest import run_rule
from hypothesis import given, settings
from hypothesis import strategies as st
from shapes import HANG_GUARD_S, cpu_seconds

from lintnews.builtin.structure import (
    _NEAR_MIN_WORDS,
    RULES,
    DuplicatedParagraph,
    LearnedBoilerplate,
    RepeatedAttribution,
    _NearIndex,
    _words_at_least,
    content_lines,
    removal_edits,
)
from lintnews.config import Config
from lintnews.diagnostics import Applicability, Edit
from lintnews.document import Document
from lintnews.engine import Linter
from lintnews.registry import Registry, load_registry
from lintnews.rule import Rule

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE
DISPLAY_ONLY = Applicability.DISPLAY_ONLY


def linter_with(*codes: str, options: dict[str, dict[str, object]] | None = None) -> Linter:
    """A Linter that selects only ``codes``, with this family registered."""
    base = load_registry()
    ours = {r.code for r in RULES}
    rules = [r for r in base if r.code not in ours]
    reg = Registry([*rules, *RULES], base.packs.values())
    return Linter(Config(select=codes, rule_options=options or {}), registry=reg)


def apply(text: str, edits: Sequence[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fixed(linter: Linter, text: str) -> str:
    result = linter.fix(text, "t.txt", unsafe=True)
    assert result.converged
    # Fixing twice equals fixing once.
    assert linter.fix(result.text, "t.txt", unsafe=True).text == result.text
    return result.text


# ---------------------------------------------------------------------------
# The family as a whole
# ---------------------------------------------------------------------------


def test_rules_are_listed_in_code_order():
    assert [r.code for r in RULES] == ["LN401", "LN402", "LN405"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata_and_docs(rule: type[Rule]):
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
    assert rule.summary and rule.fixable and rule.examples and rule.ok
    docs = rule.documentation()
    for section in ("## What it flags", "## Why", "## Example", "## Fix safety"):
        assert section in docs


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_examples_fix_and_ok_texts_stay_clean(rule: type[Rule]):
    """What tests/test_examples.py does for registered rules; a cross-file
    rule first learns from all its examples (one run)."""
    linter = linter_with(rule.code)
    if linter.needs_run_pass:
        linter.prepare_run(Document(e.bad, f"{i}.txt") for i, e in enumerate(rule.examples))
    for example in rule.examples:
        found = [d for d in linter.check(example.bad, "t.txt") if d.code == rule.code]
        assert found, example.bad
        if example.fixed is not None:
            assert fixed(linter, example.bad) == example.fixed
    linter = linter_with(rule.code)
    if linter.needs_run_pass:
        linter.prepare_run(Document(t, f"{i}.txt") for i, t in enumerate(rule.ok))
    for text in rule.ok:
        assert [d for d in linter.check(text, "ok.txt") if d.code == rule.code] == [], text


# ---------------------------------------------------------------------------
# removal_edits: no blank hole, no double blank line, newline style kept
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines", "expected"),
    [
        ("A\n\nX\n\nB\n", [3], "A\n\nB\n"),  # a paragraph between two
        ("A\n\nX\n", [3], "A\n"),  # the last paragraph
        ("A\n\nX", [3], "A"),  # ... without a final newline
        ("X\n\nA\n", [1], "A\n"),  # the first paragraph
        ("A\nX\nB\n", [2], "A\nB\n"),  # a line inside a paragraph
        ("A\nX\n\nB\n", [2], "A\n\nB\n"),  # the last line of a paragraph
        ("A\n\nX\nB\n", [3], "A\n\nB\n"),  # the first line of a paragraph
        ("A\nX", [2], "A"),  # the last line, no final newline
        ("X\n", [1], ""),  # the whole text
        ("A\n\n\nX\n\n\nB\n", [4], "A\n\n\nB\n"),  # the blank lines before are kept
        ("A\n\nX\n\nY\n\nB\n", [3, 5], "A\n\nB\n"),  # two paragraphs in a row
        ("A\n\nX\n\nY\n", [3, 5], "A\n"),  # the last two paragraphs
        ("A\r\n\r\nX\r\n\r\nB\r\n", [3], "A\r\n\r\nB\r\n"),  # CRLF stays CRLF
        ("A\r\n\r\nX\r\n", [3], "A\r\n"),
        ("A\n  \t\nX\n", [3], "A\n"),  # a blank line with spaces is blank
    ],
)
def test_removal_leaves_no_hole(text: str, lines: list[int], expected: str):
    assert apply(text, removal_edits(Document(text), lines)) == expected


def test_removal_edits_are_sorted_and_disjoint():
    text = "A\n\nX\n\nY\n\nZ\n\nB\n"
    edits = removal_edits(Document(text), [3, 5, 7])
    assert len(edits) == 1  # adjacent runs become one edit
    assert apply(text, edits) == "A\n\nB\n"


# ---------------------------------------------------------------------------
# LN401 duplicated-paragraph
# ---------------------------------------------------------------------------

PARA = "The council voted on Monday to close the library at the end of the year."


def test_exact_duplicate_is_safe_and_spans_the_copy():
    text = f"{PARA}\n\nOfficials said little.\n\n{PARA}\n"
    [d] = run_rule(DuplicatedParagraph, text)
    start = text.rindex(PARA)
    assert (d.start, d.end, d.line) == (start, start + len(PARA), 5)
    assert d.message.startswith("Line repeats line 1:")
    assert d.fix is not None and d.fix.applicability is SAFE


def test_duplicate_after_whitespace_normalisation():
    text = f"{PARA}\n\n  {PARA.replace(' ', '  ')}  \n"
    assert len(run_rule(DuplicatedParagraph, text)) == 1


def test_near_duplicate_is_display_only():
    other = PARA.replace("the end of the year", "the end of this year")
    [d] = run_rule(DuplicatedParagraph, f"{PARA}\n\n{other}\n")
    assert d.message.startswith("Near-duplicate of line 1")
    assert d.fix is not None and d.fix.applicability is DISPLAY_ONLY


def test_same_words_other_punctuation_is_a_near_duplicate():
    other = PARA.replace("Monday", "Monday,").rstrip(".") + "!"
    [d] = run_rule(DuplicatedParagraph, f"{PARA}\n\n{other}\n")
    assert d.fix is not None and d.fix.applicability is DISPLAY_ONLY


def test_multi_line_paragraph_repeated_is_one_finding():
    block = "First line of the statement from the council.\nSecond line of the same statement here."
    text = f"{block}\n\nMiddle.\n\n{block}\n"
    [d] = run_rule(DuplicatedParagraph, text)
    assert d.message.startswith("Paragraph repeats line 1")
    assert fixed(linter_with("LN401"), text) == f"{block}\n\nMiddle.\n"


def test_consecutive_copies_are_one_finding_with_one_fix():
    a = "The mayor opened the bridge on Friday in front of a large crowd."
    b = "Traffic will use it from next week, the council said in a statement."
    text = f"{a}\n\n{b}\n\n{a}\n\n{b}\n\nThe end of the story.\n"
    [d] = run_rule(DuplicatedParagraph, text)
    assert d.message.startswith("2 paragraphs in a row repeat lines 1–3")
    assert fixed(linter_with("LN401"), text) == f"{a}\n\n{b}\n\nThe end of the story.\n"


@pytest.mark.parametrize(
    "text",
    [
        "Advertisement\n\nThe vote was close.\n\nAdvertisement\n",  # short furniture is LN404's
        "—\n\nText.\n\n—\n",
        "## Background\n\nOne.\n\n## Background\n\nTwo.\n",  # headings
        "- a list item that repeats in two lists here\n\nText.\n\n- a list item that repeats in two lists here\n",
        "Winners meet in final match\n\nA v B\n\nWinners meet in final match\n",  # short, no full stop
        "He said no.\n\nShe said no.\n",
    ],
)
def test_headings_lists_and_short_lines_are_not_duplicated_prose(text: str):
    assert run_rule(DuplicatedParagraph, text, "t.md") == []


def test_duplicate_inside_markdown_code_is_ignored():
    text = f"```\n{PARA}\n{PARA}\n```\n"
    assert run_rule(DuplicatedParagraph, text, "t.md") == []


def test_crlf_duplicate_is_removed_keeping_crlf():
    text = f"{PARA}\r\n\r\nMore.\r\n\r\n{PARA}\r\n"
    assert fixed(linter_with("LN401"), text) == f"{PARA}\r\n\r\nMore.\r\n"


NEWLINES = pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])


@NEWLINES
@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
def test_removed_last_paragraph_is_reported_on_its_own_line(nl: str, final: bool):
    # The finding is the copy itself (line 5), never the blank line before
    # it, though the fix also takes that blank line.
    end = nl if final else ""
    text = f"{PARA}{nl}{nl}Officials said little.{nl}{nl}{PARA}{end}"
    [d] = run_rule(DuplicatedParagraph, text)
    start = text.rindex(PARA)
    assert (d.line, d.column, d.end_line, d.start, d.end) == (5, 1, 5, start, start + len(PARA))
    assert fixed(linter_with("LN401"), text) == f"{PARA}{nl}{nl}Officials said little.{end}"


@NEWLINES
def test_near_duplicate_last_paragraph_is_reported_on_its_own_line(nl: str):
    near = PARA.replace("Monday", "Tuesday")
    text = f"{PARA}{nl}{nl}Officials said little.{nl}{nl}{near}{nl}"
    [d] = run_rule(DuplicatedParagraph, text)
    start = text.rindex(near)
    assert (d.line, d.column, d.start, d.end) == (5, 1, start, start + len(near))
    assert d.fix is not None and d.fix.applicability is DISPLAY_ONLY


def test_near_duplicates_found_through_shared_first_or_last_words():
    # Long lines: the first and last words are read from a window at each
    # end. A copy with a changed middle word shares both ends; one with a
    # changed first word shares the last words only; one with a changed last
    # word shares the first words only. All three are near copies of line 1.
    words = [f"word{i}" for i in range(40)]
    base = " ".join(words) + "."
    middle = " ".join([*words[:20], "changed", *words[21:]]) + "."
    head = " ".join(["Changed", *words[1:]]) + "."
    tail = " ".join([*words[:-1], "changed"]) + "."
    text = "\n\n".join([base, middle, head, tail]) + "\n"
    diags = run_rule(DuplicatedParagraph, text)
    assert [(d.line, d.message.split(":")[0]) for d in diags] == [
        (3, "Near-duplicate of line 1"),
        (5, "Near-duplicate of line 1"),
        (7, "Near-duplicate of line 1"),
    ]
    # The same words with other punctuation and case is a near copy even
    # when more than three later lines share its first and last words.
    lines = [" ".join(words[:4] + [f"w{k}x{i}" for i in range(20)] + words[-4:]) + "." for k in range(6)]
    text = "\n".join([*lines, lines[0].upper().replace(" ", ", ")]) + "\n"
    [d] = run_rule(DuplicatedParagraph, text)
    assert (d.line, d.message.split(":")[0]) == (7, "Near-duplicate of line 1")


def test_injected_paragraph_fix_restores_the_article():
    article = (
        "Headline here\n\nFirst paragraph of the story, with enough words.\n\nSecond paragraph ends it.\n"
    )
    dirty = article.replace("it.\n", "it.\n\nFirst paragraph of the story, with enough words.\n")
    assert fixed(linter_with("LN401"), dirty) == article


# ---------------------------------------------------------------------------
# LN402 repeated-attribution
# ---------------------------------------------------------------------------


def test_two_sources_merge_into_the_first_line():
    text = "Source: AP\n\nPrices rose on Monday.\n\nSource: Gestion\n"
    diags = run_rule(RepeatedAttribution, text)
    assert [d.line for d in diags] == [1, 5]
    assert diags[0].fix is not None and diags[0].fix.applicability is UNSAFE
    assert diags[1].fix is None  # one fix merges them all
    assert "2 attribution lines" in diags[0].message
    assert fixed(linter_with("LN402"), text) == "Source: AP, Gestion\n\nPrices rose on Monday.\n"


@NEWLINES
def test_last_attribution_paragraph_is_reported_on_its_own_line(nl: str):
    # Also with a lone CR as the line break (the pattern's `^` and `$` know only LF).
    text = f"Source: AP{nl}{nl}Prices rose on Monday.{nl}{nl}Source: Gestion"
    diags = run_rule(RepeatedAttribution, text)
    start = text.index("Source: Gestion")
    assert [(d.line, d.column, d.start, d.end) for d in diags] == [(1, 1, 0, 10), (5, 1, start, len(text))]
    assert fixed(linter_with("LN402"), text) == f"Source: AP, Gestion{nl}{nl}Prices rose on Monday."


def test_each_source_once_in_order():
    text = "Sources: AP; Reuters\n\nText.\n\nVia: reuters\n\nCredit: AFP\n\n(Source: AP)\n"
    assert fixed(linter_with("LN402"), text) == "Sources: AP; Reuters; AFP\n\nText.\n"


def test_repeated_line_is_removed_and_first_kept():
    text = "Text.\n\nSource: AP\nSource: AP\n"
    diags = run_rule(RepeatedAttribution, text)
    assert len(diags) == 1  # adjacent attribution lines are one finding
    assert fixed(linter_with("LN402"), text) == "Text.\n\nSource: AP\n"


def test_url_source_is_kept_verbatim():
    text = "Source: CNN\n\nText.\n\nSource:http://www.example.com/a\n"
    assert fixed(linter_with("LN402"), text) == "Source: CNN, http://www.example.com/a\n\nText.\n"


def test_glued_attributions_and_single_lines_are_not_counted():
    assert run_rule(RepeatedAttribution, "Text.\n\nSource: AP\n") == []
    assert run_rule(RepeatedAttribution, "He told NPR. Source: CNN\n\nLater. Source: CBS\n") == []


def test_labels_option_adds_labels():
    text = "Fuente: EFE\n\nTexto.\n\nSource: AP\n"
    assert [d.code for d in linter_with("LN402").check(text)] == []  # one English line only
    linter = linter_with("LN402", options={"LN402": {"labels": ["Fuente"]}})
    assert len(linter.check(text)) == 2
    assert fixed(linter, text) == "Fuente: EFE, AP\n\nTexto.\n"


def test_labels_option_is_validated():
    with pytest.raises(ValueError, match="labels"):
        RepeatedAttribution(labels="Fuente")


def test_fifty_thousand_source_lines_finish_as_one_fix():
    text = "Source: AP\n" * 50_000
    linter = linter_with("LN402")
    diags: list[object] = []
    assert cpu_seconds(lambda: diags.extend(linter.check(text))) < HANG_GUARD_S  # speed: benchmarks/
    assert len(diags) == 1
    assert fixed(linter, text) == "Source: AP\n"


# ---------------------------------------------------------------------------
# LN401 and LN405: linear time
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["LN401", "LN405"])
def test_fifty_thousand_identical_lines_finish(code: str):
    linter = linter_with(code)
    text = "Source: AP\n" * 50_000
    linter.prepare_run([Document(text, "a.txt")])
    assert cpu_seconds(lambda: linter.check(text)) < HANG_GUARD_S  # speed: benchmarks/


def test_many_duplicate_paragraphs_are_one_finding():
    text = f"{PARA}\n\n" * 5_000
    [d] = run_rule(DuplicatedParagraph, text)
    assert d.message.startswith("4999 paragraphs in a row repeat line 1")
    assert fixed(linter_with("LN401"), text) == f"{PARA}\n\n"[:-1]


# ---------------------------------------------------------------------------
# LN405 learned-boilerplate
# ---------------------------------------------------------------------------

PROMO = "Sign up for our daily briefing and never miss a story"
STORIES = [
    "Council approves the new budget after a long night of talks.",
    "Storm closes the coast road for the second time this winter.",
    "School reopens three weeks after the flood, parents say.",
    "Hospital opens a new ward for children with rare diseases.",
]


def run_learned(texts: list[str], **options: object) -> list[list[str]]:
    linter = linter_with("LN405", options={"LN405": dict(options)} if options else None)
    docs = [Document(t, f"{i}.txt") for i, t in enumerate(texts)]
    linter.prepare_run(docs)
    return [[t[d.start : d.end] for d in linter.check(t, f"{i}.txt")] for i, t in enumerate(texts)]


def test_line_in_three_unrelated_files_is_flagged_everywhere():
    texts = [f"{s}\n\n{PROMO}\n" for s in STORIES[:3]] + [f"{STORIES[3]}\n"]
    assert run_learned(texts) == [[PROMO], [PROMO], [PROMO], []]


def test_two_files_are_not_enough_by_default():
    texts = [f"{s}\n\n{PROMO}\n" for s in STORIES[:2]]
    assert run_learned(texts) == [[], []]
    assert run_learned(texts, **{"min-files": 2}) == [[PROMO], [PROMO]]


def test_short_lines_never_count():
    texts = [f"{s}\n\nFrom The Daily Caller:\n" for s in STORIES]
    assert run_learned(texts) == [[], [], [], []]
    assert run_learned(texts, **{"min-words": 4}) == [["From The Daily Caller:"]] * 4


def test_same_body_under_other_headlines_is_one_story():
    body = f"{STORIES[0]}\n\n{PROMO}\n"
    texts = [f"Headline one\n\n{body}", f"Headline two\n\n{body}", f"Headline three\n\n{body}"]
    assert run_learned(texts) == [[], [], []]


def test_versions_of_one_story_are_one_story():
    """A preview and two reports share the team sheets: two lines seen in
    fewer than min-files documents tie them into one story."""
    sheet_a = "Smith, Jones, Brown, Green, White, Black, Gray, Young, King, Hill."
    sheet_b = "Ward, Cook, Bell, Wood, Reed, Hunt, Ford, Hall, Lane, Moss."
    texts = [
        f"Preview of the final\n\n{STORIES[0]}\n\n{sheet_a}\n\n{sheet_b}\n\n{PROMO}\n",
        f"Report of the final\n\n{STORIES[1]}\n\n{sheet_a}\n\n{sheet_b}\n\n{PROMO}\n",
        f"Other report\n\n{STORIES[2]}\n\n{PROMO}\n",
    ]
    # sheet_a/sheet_b are in 2 files (rare): the first two files are one story,
    # so PROMO recurs in 2 stories only.
    assert run_learned(texts) == [[], [], []]


def test_adjacent_boilerplate_lines_are_one_finding():
    extra = "Follow our live coverage all day on every platform we have"
    texts = [
        f"{s}\n\nIt was the {n} such vote this year, officials said on Monday.\n\n"
        f"Opponents said they would appeal the {n} decision in court.\n\n{PROMO}\n{extra}\n"
        for s, n in zip(STORIES[:3], ("first", "second", "third"), strict=True)
    ]
    assert run_learned(texts) == [[f"{PROMO}\n{extra}"]] * 3


def test_files_sharing_most_of_their_lines_are_one_story():
    """Three versions of one story (each updated once) share most lines."""
    shared = [f"Paragraph {w} of the story, told the same way in every version of it." for w in "abcd"]
    texts = [
        "\n\n".join([*shared, f"Update {i}: the council met again today and voted once more."]) + "\n"
        for i in range(3)
    ]
    assert run_learned(texts) == [[], [], []]


def test_unprepared_rule_flags_nothing():
    assert linter_with("LN405").check(f"{STORIES[0]}\n\n{PROMO}\n") == []


def test_fix_removes_the_line_and_fixing_twice_is_fixing_once():
    texts = [
        f"Headline {i}\n\n{s}\n\n{PROMO}\n\nMore text, about story {i}.\n" for i, s in enumerate(STORIES[:3])
    ]
    linter = linter_with("LN405")
    linter.prepare_run(Document(t, f"{i}.txt") for i, t in enumerate(texts))
    assert fixed(linter, texts[0]) == f"Headline 0\n\n{STORIES[0]}\n\nMore text, about story 0.\n"


def test_options_are_validated():
    with pytest.raises(ValueError, match="min-files"):
        LearnedBoilerplate(**{"min-files": 1})
    with pytest.raises(ValueError, match="min-words"):
        LearnedBoilerplate(**{"min-words": "3"})


def test_facts_are_small_picklable_and_the_same_in_every_process():
    rule = LearnedBoilerplate()
    doc = Document(f"{STORIES[0]}\n\n{PROMO}\n")
    fact = rule.collect(doc)
    assert pickle.loads(pickle.dumps(fact)) == fact
    assert all(isinstance(h, int) for h in fact[1])
    code = (
        "from lintnews.builtin.structure import LearnedBoilerplate;"
        "from lintnews.document import Document;"
        f"print(LearnedBoilerplate().collect(Document({doc.text!r})))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == repr(fact)


def test_prepare_is_deterministic_and_works_on_facts_from_workers():
    texts = [f"{s}\n\n{PROMO}\n" for s in STORIES]
    rule = LearnedBoilerplate()
    facts = [LearnedBoilerplate().collect(Document(t)) for t in texts]  # one rule object per "worker"
    rule.prepare(facts)
    again = LearnedBoilerplate()
    again.prepare(list(reversed(facts)))
    assert rule.boilerplate == again.boilerplate and len(rule.boilerplate) == 1
    assert pickle.loads(pickle.dumps(rule.boilerplate)) == rule.boilerplate


# ---------------------------------------------------------------------------
# LN401's shortcuts equal the plain definitions
# ---------------------------------------------------------------------------

LINE_PIECES = st.sampled_from(
    [
        " ", "  ", "\t", "\u00a0", "\u2009", "word", "Word", "x", "2", "_", "'", "’", "''", "it's",
        "rock’n’roll", "\u0301", "²", "é", "İ", "ß", "日本", ".", ",", "-", "—", '"', "“", "?",
        "https://example.com/a-b", "U.S.", "5\u00a0km",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_PIECES, min_size=1, max_size=120).map("".join))
def test_word_bound_and_line_ends_equal_the_words_of_the_line(body: str):
    text = f"x {body} y\n"  # one line, trimmed at both ends
    doc = Document(text)
    [line] = content_lines(doc)
    words = doc.word_texts(line.start, line.end)
    assert words == [w.text for w in doc.words]
    assert _words_at_least(doc, line.start, line.end) <= len(words)
    if len(words) >= _NEAR_MIN_WORDS:
        folded = [w.casefold() for w in words]
        head, tail = _NearIndex(doc)._ends(line)
        assert head.split(" ") == folded[:4]
        assert tail.split(" ") == folded[-4:]
