"""The news-aware sentence splitter (lintnews.segment).

Every case is written for these tests in the shape of real news copy
(abbreviations, initials, quotations, numbers, URLs, lists); none is copied
from a corpus. Each case lists the sentences the splitter must return.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapes import HANG_GUARD_S, cpu_seconds

from lintnews import segment
from lintnews.document import MASK_CHAR, Document
from lintnews.segment import split_sentences


def split(text: str, masked: str | None = None) -> list[str]:
    masked = text if masked is None else masked
    return [text[s:e] for s, e in split_sentences(text, masked, 0, len(text))]


CASES: list[tuple[str, list[str]]] = [
    # --- abbreviations that do not end the sentence -----------------------
    (
        "U.S. officials met on Monday. They agreed.",
        ["U.S. officials met on Monday.", "They agreed."],
    ),
    ("The U.S. Senate voted 52-48. It passed.", ["The U.S. Senate voted 52-48.", "It passed."]),
    ("He visited the U.K. in May and left.", ["He visited the U.K. in May and left."]),
    ("Mr. Smith and Mrs. Jones met Dr. Patel.", ["Mr. Smith and Mrs. Jones met Dr. Patel."]),
    ("Gen. Mark Milley and Sen. Ted Cruz spoke.", ["Gen. Mark Milley and Sen. Ted Cruz spoke."]),
    (
        "Rep. Ann Lee (D-Calif.) said no. Her aide agreed.",
        ["Rep. Ann Lee (D-Calif.) said no.", "Her aide agreed."],
    ),
    ("Sen. Rand Paul (R-Ky.) has objected.", ["Sen. Rand Paul (R-Ky.) has objected."]),
    ("Apple Inc. said sales rose. Shares fell.", ["Apple Inc. said sales rose.", "Shares fell."]),
    ("Acme Co. and Smith Bros. merged.", ["Acme Co. and Smith Bros. merged."]),
    ("Fruit, nuts, etc. are taxed. The rest is not.", ["Fruit, nuts, etc. are taxed.", "The rest is not."]),
    ("The case, Smith v. Jones, and Roe vs. Wade.", ["The case, Smith v. Jones, and Roe vs. Wade."]),
    ("Lee et al. found no link. Others did.", ["Lee et al. found no link.", "Others did."]),
    ("Spending, e.g. on roads, rose. It fell later.", ["Spending, e.g. on roads, rose.", "It fell later."]),
    ("She has a Ph.D. in physics.", ["She has a Ph.D. in physics."]),
    ("He lives in St. Louis, Mo. now.", ["He lives in St. Louis, Mo. now."]),
    ("Approx. 200 people came. Most left early.", ["Approx. 200 people came.", "Most left early."]),
    (
        "Copies spread (esp. to Asia). Then they stopped.",
        ["Copies spread (esp. to Asia).", "Then they stopped."],
    ),
    ("Sales rose, esp. in May. Costs fell.", ["Sales rose, esp. in May.", "Costs fell."]),
    ("He felt it, esp. The rest did not.", ["He felt it, esp.", "The rest did not."]),
    # --- abbreviations that do end the sentence -------------------------------
    ("Prices rose in the U.S. The dollar fell.", ["Prices rose in the U.S.", "The dollar fell."]),
    (
        "He bought shares in Acme Inc. But he sold them.",
        ["He bought shares in Acme Inc.", "But he sold them."],
    ),
    ("The talks began at 10 a.m. They ended at noon.", ["The talks began at 10 a.m.", "They ended at noon."]),
    ("He arrived at 9 p.m. Friday and left.", ["He arrived at 9 p.m. Friday and left."]),
    (
        'It happened in the U.S. "We were shocked," he said.',
        ["It happened in the U.S.", '"We were shocked," he said.'],
    ),
    # --- numbers -------------------------------------------------------------
    ("He lives at No. 10 Downing Street. It is old.", ["He lives at No. 10 Downing Street.", "It is old."]),
    ("The deadline is Oct. 7 this year. Talks go on.", ["The deadline is Oct. 7 this year.", "Talks go on."]),
    ("Growth was 2.5% in 2004. It was 3.1% in 2005.", ["Growth was 2.5% in 2004.", "It was 3.1% in 2005."]),
    ("Shares fell 4%. analysts were surprised.", ["Shares fell 4%.", "analysts were surprised."]),
    ("It cost £1.2bn. The bill was paid.", ["It cost £1.2bn.", "The bill was paid."]),
    ("See Fig. 3 and vol. 2 of the report.", ["See Fig. 3 and vol. 2 of the report."]),
    ("The score was 2-1. City went top.", ["The score was 2-1.", "City went top."]),
    # --- initials --------------------------------------------------------------
    ("George W. Bush met J. K. Rowling.", ["George W. Bush met J. K. Rowling."]),
    ("The novel by J.R.R. Tolkien sold well.", ["The novel by J.R.R. Tolkien sold well."]),
    ("He got a grade of B. The teacher was pleased.", ["He got a grade of B.", "The teacher was pleased."]),
    # --- quotations ------------------------------------------------------------
    ('"We will win." Then he left.', ['"We will win."', "Then he left."]),
    ('"Why?" he asked. "Because," she said.', ['"Why?" he asked.', '"Because," she said.']),
    ("“Is it over?” she asked. “No.”", ["“Is it over?” she asked.", "“No.”"]),
    (
        'He said: "It is over. We lost." Then silence.',
        ['He said: "It is over.', 'We lost."', "Then silence."],
    ),
    ("He said, “without doubt, it ends.” It did.", ["He said, “without doubt, it ends.”", "It did."]),
    ("It was over.” “We go on,” he said.", ["It was over.”", "“We go on,” he said."]),
    (
        "after such an attack. “without reform we fail.”",
        ["after such an attack.", "“without reform we fail.”"],
    ),
    # --- titles and brands with ? and ! ------------------------------------------
    (
        "He hosts Who Wants to Be a Millionaire? on Saturdays.",
        ["He hosts Who Wants to Be a Millionaire? on Saturdays."],
    ),
    ("Yahoo! users and ex-Wham! singers met.", ["Yahoo! users and ex-Wham! singers met."]),
    ("Is it over? the minister asked nobody.", ["Is it over?", "the minister asked nobody."]),
    ("What a win! Fans cheered.", ["What a win!", "Fans cheered."]),
    # --- ellipses --------------------------------------------------------------
    ("It was over... and then it was not.", ["It was over... and then it was not."]),
    ("He paused… The crowd waited.", ["He paused…", "The crowd waited."]),
    ("He said . . . nothing at all.", ["He said . . . nothing at all."]),
    # --- lowercase after an ordinary word: a boundary LN301 will flag -----------
    ("Reports of his trips. become public.", ["Reports of his trips.", "become public."]),
    ('"I am done." he said.', ['"I am done."', "he said."]),
    # --- lists and line breaks ---------------------------------------------------
    ("1. Cut taxes.\n2. Raise spending.", ["1. Cut taxes.", "2. Raise spending."]),
    ("The plan:\n- cut taxes\n- raise spending", ["The plan:", "- cut taxes", "- raise spending"]),
    ("Steps:\n  a) apply\n  b) wait", ["Steps:", "a) apply", "b) wait"]),
    ("A line that wraps\nin the middle of a sentence.", ["A line that wraps\nin the middle of a sentence."]),
    # --- brackets --------------------------------------------------------------
    ("Sales fell (see below.) Profits rose.", ["Sales fell (see below.)", "Profits rose."]),
    ("He resigned. (He denies it.) The board met.", ["He resigned.", "(He denies it.)", "The board met."]),
    # --- brand names and names ---------------------------------------------------
    ("He sold it on eBay. iPhone sales rose.", ["He sold it on eBay.", "iPhone sales rose."]),
    ("Sales rose at Sun Co. and IBM Corp. last year.", ["Sales rose at Sun Co. and IBM Corp. last year."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_hard_cases(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_there_are_at_least_forty_hard_cases() -> None:
    assert len(CASES) >= 40


def test_full_stops_inside_urls_never_split():
    text = "Visit www.example.com/a.b. It is new. Mail news@example.co.uk. Thanks."
    doc = Document(text, "a.txt")
    assert MASK_CHAR in doc.masked
    assert split(text, doc.masked) == [
        "Visit www.example.com/a.b.",
        "It is new.",
        "Mail news@example.co.uk.",
        "Thanks.",
    ]


def test_mask_char_matches_the_document():
    assert segment.MASK_CHAR == MASK_CHAR


def test_masked_code_never_splits():
    text = "Run `a.b. c` now. Done."
    doc = Document(text, "a.md")
    assert split(text, doc.masked) == ["Run `a.b. c` now.", "Done."]


def test_offsets_are_into_text_and_respect_bounds():
    text = "Headline\n\nFirst one. Second one.\n\nThird."
    start = text.index("First")
    end = text.index("\n\nThird")
    spans = split_sentences(text, text, start, end)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]
    assert all(start <= s < e <= end for s, e in spans)


def test_empty_and_blank_paragraphs():
    assert split_sentences("", "", 0, 0) == []
    assert split_sentences("   \n ", "   \n ", 0, 5) == []


_PIECES = st.sampled_from([*"aZ .!?…\"'“”‘’()[]-\n10:;,", "Mr", "U.S.", "a.m.", " the ", " The ", "\n- "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_spans_are_ordered_trimmed_and_cover_every_visible_character(text: str) -> None:
    spans = split_sentences(text, text, 0, len(text))
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert text[last:s].strip() == ""  # nothing visible is dropped between sentences
        last = e
    assert text[last:].strip() == ""


def test_pathological_input_finishes():
    # Long runs of marks, quotes, initials and list lines. How the time grows,
    # and how it compares with a plain word scan, is measured by
    # benchmarks/linearity.py; here it must finish.
    n = 20_000
    text = ("A. " * n) + ("..." * n) + ('"' * n) + ("x. " * n) + ("\n- a" * n)
    spans: list[tuple[int, int]] = []
    assert cpu_seconds(lambda: spans.extend(split_sentences(text, text, 0, len(text)))) < HANG_GUARD_S
    assert spans and all(text[s:e].strip() for s, e in spans)
