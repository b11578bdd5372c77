"""LN101–LN108: the character-level cleaning rules.

Every sentence here is written for the tests (news-shaped, not copied from a
corpus). Spans, messages and fixed texts are asserted exactly.
"""

from __future__ import annotations

import re

import pytest
from conftest import apply_fixes, fix_rule, run_rule, spans
from hypothesis import given, settings
from hypothesis import strategies as st
from shapes import CHARACTERS, CHARACTERS_N, DENSE, HANG_GUARD_S, cpu_seconds

from lintnews.builtin import characters
from lintnews.builtin.characters import (
    RULES,
    DoubledPunctuation,
    HtmlEntity,
    InvisibleCharacter,
    MissingSpaceAfterPunctuation,
    Mojibake,
    RepeatedSpaces,
    SpaceBeforePunctuation,
    TrailingWhitespace,
)
from lintnews.diagnostics import Applicability, Diagnostic, Edit, Severity
from lintnews.rule import Rule

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE
DISPLAY_ONLY = Applicability.DISPLAY_ONLY


def applicabilities(diags):
    return [d.fix.applicability if d.fix else None for d in diags]


# ---------------------------------------------------------------------------
# The family as a whole
# ---------------------------------------------------------------------------


def test_rules_are_listed_in_code_order():
    codes = [r.code for r in RULES]
    assert codes == [f"LN10{i}" for i in range(1, 9)]
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule: type[Rule]):
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
    assert rule.summary and rule.fixable and rule.in_quotes
    docs = rule.documentation()
    for section in ("## What it flags", "## Why", "## Example", "## Fix safety"):
        assert section in docs
    assert rule.examples and rule.ok


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_examples_fix_to_their_fixed_text(rule: type[Rule]):
    for example in rule.examples:
        diags = run_rule(rule, example.bad)
        assert diags, example.bad
        assert fix_rule(rule, example.bad) == example.fixed


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_ok_texts_stay_clean(rule: type[Rule]):
    for text in rule.ok:
        assert run_rule(rule, text) == [], text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_masked_text_is_never_flagged(rule: type[Rule]):
    # Every defect of the family, inside a URL and inline code.
    text = (
        "See https://example.com/a..b,,c;;d::e/Foo.Bar?x=1&amp;y=2&#39;z/Ã©/\u200b/ now.\n"
        "Use `a  ,b  .c&amp;Ã©\u200b` here.\n"
    )
    assert run_rule(rule, text, "t.md") == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_mask_character_itself_is_never_flagged(rule: type[Rule]):
    assert run_rule(rule, "Masked \uffff\uffff.\uffff,\uffff text.") == []


# Long runs and dense findings: each shape (tests/shapes.py) runs once at full
# size under a hang guard; benchmarks/linearity.py measures how time grows.


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
@pytest.mark.parametrize("kind", sorted(CHARACTERS))
def test_long_runs_finish(rule: type[Rule], kind: str):
    text = CHARACTERS[kind](CHARACTERS_N)
    assert cpu_seconds(lambda: run_rule(rule, text)) < HANG_GUARD_S


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
@pytest.mark.parametrize("kind", sorted(DENSE))
def test_many_findings_finish(rule: type[Rule], kind: str):
    assert cpu_seconds(lambda: run_rule(rule, DENSE[kind])) < HANG_GUARD_S


# ---------------------------------------------------------------------------
# LN101 trailing-whitespace
# ---------------------------------------------------------------------------


def test_trailing_whitespace_spans_and_crlf():
    text = "One line.  \r\nTwo\t\r\nThree \nFour"
    diags = run_rule(TrailingWhitespace, text)
    assert spans(diags) == [(9, 11), (16, 17), (24, 25)]
    assert all(text[d.start : d.end].strip() == "" for d in diags)
    assert [d.message for d in diags] == ["Trailing whitespace"] * 3
    assert diags[0].severity is Severity.INFO
    assert fix_rule(TrailingWhitespace, text) == "One line.\r\nTwo\r\nThree\nFour"


def test_trailing_whitespace_at_eof_and_whitespace_only_lines():
    text = "Headline\n   \n\nBody text. \t"
    diags = run_rule(TrailingWhitespace, text)
    assert spans(diags) == [(9, 12), (24, 26)]
    assert fix_rule(TrailingWhitespace, text) == "Headline\n\n\nBody text."


def test_trailing_whitespace_lone_cr_and_unicode_spaces():
    text = "Old Mac line \rNext\u2003\u00a0\nEnd"
    assert spans(run_rule(TrailingWhitespace, text)) == [(12, 13), (18, 20)]


def test_trailing_whitespace_inside_quotes_is_flagged():
    text = '"He said so. \n And left."'
    assert spans(run_rule(TrailingWhitespace, text)) == [(12, 13)]


def test_markdown_hard_break_is_kept_but_flagged_in_plain_text():
    text = "First line of a verse  \nsecond line.\n"
    assert run_rule(TrailingWhitespace, text, "t.md") == []
    assert spans(run_rule(TrailingWhitespace, text, "t.txt")) == [(21, 23)]


def test_markdown_trailing_whitespace_that_is_no_hard_break():
    # Three spaces, a tab, and two spaces that end the paragraph.
    text = "Three spaces   \nmore.\nTab\t\nmore.\nEnd of para  \n\nNext.  "
    diags = run_rule(TrailingWhitespace, text, "t.md")
    assert [text[d.start : d.end] for d in diags] == ["   ", "\t", "  ", "  "]


# ---------------------------------------------------------------------------
# LN102 repeated-spaces
# ---------------------------------------------------------------------------


def test_repeated_spaces_span_message_and_fix():
    text = "The vote passed by a  narrow margin. Officials counted twice.  Then\t\tit ended."
    diags = run_rule(RepeatedSpaces, text)
    assert spans(diags) == [(20, 22), (61, 63), (67, 69)]
    assert [d.message for d in diags] == [
        "Repeated spaces",
        "Two spaces after a full stop",
        "Repeated spaces",
    ]
    assert fix_rule(RepeatedSpaces, text) == (
        "The vote passed by a narrow margin. Officials counted twice. Then it ended."
    )


def test_repeated_spaces_leave_the_gaps_of_lost_quotation_marks():
    # The ISOT shape (`passed by a  pretty narrow margin`): a scraper turned
    # the quotation marks around `narrow margin.` into spaces. LN306 reports
    # them; collapsing the gaps would erase the only trace of the marks.
    text = "The vote passed by a  narrow margin.  Then\t\tit ended."
    diags = run_rule(RepeatedSpaces, text)
    assert spans(diags) == [(42, 44)]
    assert fix_rule(RepeatedSpaces, text) == "The vote passed by a  narrow margin.  Then it ended."


def test_space_before_punctuation_is_unsafe_on_a_line_that_lost_quotation_marks():
    # The line lost the marks around `Grab Your Wallet`; `news station ,` is
    # likely one more closing mark, lost with its opening one: not SAFE.
    text = "A group called  Grab Your Wallet  flooded the store. She worked at a news station , was fired.\n\nPrices fell .\n"
    diags = run_rule(SpaceBeforePunctuation, text)
    assert [(text[d.start - 7 : d.end + 1], d.message, d.fix.applicability) for d in diags] == [
        ("station ,", "Space before ',': a closing quotation mark lost here? (the line lost others)", UNSAFE),
        ("es fell .", "Space before '.'", SAFE),
    ]


def test_space_before_punctuation_leaves_a_lost_closing_mark_alone():
    text = "The council said it was  deeply concerned .\nPrices fell ."
    diags = run_rule(SpaceBeforePunctuation, text)
    assert spans(diags) == [(55, 56)]
    assert (
        fix_rule(SpaceBeforePunctuation, text) == "The council said it was  deeply concerned .\nPrices fell."
    )


def test_repeated_spaces_leave_indentation_and_line_ends():
    text = "    Indented paragraph.\n\tTabbed.\nEnds with spaces.   \n   "
    assert run_rule(RepeatedSpaces, text) == []


def test_repeated_spaces_skip_markdown_tables_but_not_prose():
    text = "| Team  | Points |\n|-------|--------|\n| Leeds | 3      |\n\nA  gap.\n"
    diags = run_rule(RepeatedSpaces, text, "t.md")
    assert [text[d.start - 1 : d.end + 1] for d in diags] == ["A  g"]


def test_repeated_spaces_after_question_mark():
    diags = run_rule(RepeatedSpaces, "Why?  Nobody knows.")
    assert [d.message for d in diags] == ["Two spaces after a full stop"]


# ---------------------------------------------------------------------------
# LN103 missing-space-after-punctuation
# ---------------------------------------------------------------------------


def test_missing_space_column_span_and_edit():
    text = "The talks ended.Then came rain"
    [d] = run_rule(MissingSpaceAfterPunctuation, text)
    assert (d.start, d.end) == (15, 16)
    assert (d.line, d.column) == (1, 16)
    assert d.message == "Missing space after '.'"
    assert d.fix is not None
    assert d.fix.edits == (Edit(16, 16, " "),)
    assert d.fix.applicability is SAFE
    assert apply_fixes(text, [d]) == "The talks ended. Then came rain"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("either as one bill or as separate measures.The 54-page plan", "measures. The"),
        ("a statement, the spokesman said,and added more", "said, and"),
        ("The match ended;then the rain came", "ended; then"),
        ("Is this the end?But the talks go on", "end? But"),
        ("What a result!Then the fans went home", "result! Then"),
        ("It grew quickly in 2016.The next year it fell", "2016. The"),
        ("the rebels (FARC).The group said", "(FARC). The"),
        ("a deal with NATO.Russia objected", "NATO. Russia"),
        ("the Prime Minister’s.The others", "Minister’s. The"),
        ("up 7%.Analysts were surprised", "7%. Analysts"),
        ("Did he really say that?!The crowd laughed", "that?! The"),
        ("He said it was “over”.The talks ended", "“over”. The"),
        ("the talks in Washington,D.C. ended", "Washington, D.C."),
        ("said Sen.Chris Murphy of Connecticut", "Sen. Chris"),
        ("headlines on Yahoo!Music today", "Yahoo! Music"),
        ("profits rose.Net income was flat", "rose. Net"),
        ("officials said.In a statement", "said. In"),
        ("Sales at the firm.Co-founder Jane Doe", "firm. Co-founder"),
    ],
)
def test_missing_space_positives(text: str, fixed: str):
    diags = run_rule(MissingSpaceAfterPunctuation, text)
    assert len(diags) == 1, diags
    assert fixed in apply_fixes(text, diags)


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. economy grew 3.5% in the year to March.",
        "Shares rose 1,250 points, or 4.2%, to 10,562.",
        "The meeting starts at 10:30 a.m. on Tuesday, or at 3 p.m. on Friday.",
        "Details are on bbc.co.uk/news or at example.com today.",
        "J.R.R. Tolkien and J.K. Rowling have sold millions of books.",
        "He earned a Ph.D. from M.I.T. in 1998.",
        "The odds were 3:1 and the final score 2-1.",
        "Microsoft's .NET platform runs ASP.NET pages and ASP.Net code.",
        "Download report.pdf or data.csv from the council's site.",
        "Version 2.0.1 fixes the bug; v10.3 follows next month.",
        "The No.1 seed beat the No.10 seed in straight sets.",
        "Fans of Halo.Bungie.Org gathered in St.Louis on Sunday.",
        "Shares in Amazon.com, Boo.com and Salon.Com fell sharply.",
        "Yahoo! and Jeopardy! are both brand names.",
        "Readers can write to press@Example.Org for a copy.",
        "He shouted: 'Go!' and then he left the room.",
        "The A.1 road and the M4 were both shut by snow.",
        "The U.K.-based firm grew by a third.",
        "See www.Example.Com for the full statement.",
        "Spending on R&amp;D rose by a fifth.",
        "Mr.Smith and Dr.Jones met in the lobby.",
        "Node.js and Vue.js are both open-source tools.",
        "The A.I. system drew a 1,000-strong crowd.",
        "Plot the x,y coordinates on a chart.",
        "Sales at Amazon.Co.Uk rose over Christmas.",
        "The S.Korean won rose against the dollar.",
        "She paid £3.5bn, or about US$1.5m each.",
        "Dell.com.au and Ebay.co.uk both sell it.",
        "At 9.30am and again at 7.30pm every day.",
        "Ladies and gentlemen...The show is over.",
        "The 2004-05 season ended in May.",
        "Fish &amp;chips and R&amp;D.",
    ],
)
def test_missing_space_negatives(text: str):
    assert run_rule(MissingSpaceAfterPunctuation, text) == []


@pytest.mark.parametrize(
    ("text", "span", "message", "edit", "fixed"),
    [
        # A closing mark: the space goes after it.
        (
            'He said: "It will rain."The talks ended.',
            (22, 24),
            "Missing space after '.\"'",
            Edit(24, 24, " "),
            'He said: "It will rain." The talks ended.',
        ),
        (
            "She asked: “Why now?”Nobody knew.",
            (19, 21),
            "Missing space after '?”'",
            Edit(21, 21, " "),
            "She asked: “Why now?” Nobody knew.",
        ),
        (
            "He said: 'It will rain.'The talks ended.",
            (22, 24),
            'Missing space after ".\'"',
            Edit(24, 24, " "),
            "He said: 'It will rain.' The talks ended.",
        ),
        # An opening mark (no quotation open before it): the space goes before it.
        (
            'The talks ended."We lost," he said.',
            (15, 17),
            "Missing space between '.' and the opening '\"'",
            Edit(16, 16, " "),
            'The talks ended. "We lost," he said.',
        ),
        (
            "The talks ended.“We lost,” he said.",
            (15, 17),
            "Missing space between '.' and the opening '“'",
            Edit(16, 16, " "),
            "The talks ended. “We lost,” he said.",
        ),
        # A quotation over several paragraphs, joined into one: the mark
        # before `It` continues the open quotation, so `."The` closes it.
        (
            'He said: "We won. "It was hard."The crowd cheered.',
            (30, 32),
            "Missing space after '.\"'",
            Edit(32, 32, " "),
            'He said: "We won. "It was hard." The crowd cheered.',
        ),
        # A new paragraph starts with no quotation open.
        (
            'He said: "We won.\n\nIt was hard."The crowd cheered.',
            (30, 32),
            "Missing space between '.' and the opening '\"'",
            Edit(31, 31, " "),
            'He said: "We won.\n\nIt was hard. "The crowd cheered.',
        ),
        # A digit before a question mark; the words `A` and `I`.
        (
            "Who won in 1978?Those were the days.",
            (15, 16),
            "Missing space after '?'",
            Edit(16, 16, " "),
            None,
        ),
        (
            "It was cut from the property.A host of",
            (28, 29),
            "Missing space after '.'",
            Edit(29, 29, " "),
            None,
        ),
        (
            "He played this weekend.I've watched him.",
            (22, 23),
            "Missing space after '.'",
            Edit(23, 23, " "),
            None,
        ),
        ("Can you recycle it too?I'd try.", (22, 23), "Missing space after '?'", Edit(23, 23, " "), None),
    ],
)
def test_missing_space_around_quotes_and_short_words(text, span, message, edit, fixed):
    [d] = run_rule(MissingSpaceAfterPunctuation, text)
    assert (d.start, d.end) == span
    assert d.message == message
    assert d.fix is not None and d.fix.edits == (edit,) and d.fix.applicability is SAFE
    if fixed is not None:
        assert apply_fixes(text, [d]) == fixed


@pytest.mark.parametrize(
    "text",
    [
        'He said: "It will rain." The talks ended.',
        "He shouted: 'Go!' and then he left. It's the U.S.'s call.",
        'He was "the best."',
        "The film was called 'Rain.' Then it rained.",
        "Vitamin A.Ray, category A.I, grade.A1 and a grade.A.",
        'The U.S."The',
        "Mr.'s and the 1990s.'90s",
    ],
)
def test_missing_space_around_quotes_negatives(text: str):
    assert run_rule(MissingSpaceAfterPunctuation, text) == []


def test_missing_space_quote_direction_finishes():
    text = 'ab."Cd ' * 50_000
    diags: list[Diagnostic] = []
    assert cpu_seconds(lambda: diags.extend(run_rule(MissingSpaceAfterPunctuation, text))) < HANG_GUARD_S
    assert len(diags) == 50_000


def test_missing_space_inside_quotes_is_flagged():
    text = 'He said: "We lost.Then we won."'
    assert spans(run_rule(MissingSpaceAfterPunctuation, text)) == [(17, 18)]


def test_missing_space_in_masked_url_is_not_flagged():
    text = "Read http://example.com/News.Today and e-mail jo.Smith@example.com today."
    assert run_rule(MissingSpaceAfterPunctuation, text) == []


# ---------------------------------------------------------------------------
# LN104 space-before-punctuation
# ---------------------------------------------------------------------------


def test_space_before_punctuation_spans_messages_and_fix():
    text = "Read more at Futurism . Read on , then stop  !"
    diags = run_rule(SpaceBeforePunctuation, text)
    assert spans(diags) == [(21, 22), (31, 32), (43, 45)]
    assert [d.message for d in diags] == ["Space before '.'", "Space before ','", "Space before '!'"]
    assert applicabilities(diags) == [SAFE, SAFE, SAFE]
    assert fix_rule(SpaceBeforePunctuation, text) == "Read more at Futurism. Read on, then stop!"


@pytest.mark.parametrize(
    "text",
    [
        "Read more at Futurism . Read on.",
        "the chief executive of Acme , the trend",
        'due in the first half of 2005" . It also pledged',
        "Why did he go ?\nNobody knows.",
        'The colonel said : "Anyone at the top knew."',
        "covert sources; yes , and one judge",
        "It is a pointless exercise !",
        "Prices rose (15%) , the report said.",
        "the bishop is located .",
        "the talks ended “badly” .",
    ],
)
def test_space_before_punctuation_positives(text: str):
    assert len(run_rule(SpaceBeforePunctuation, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Wait ... there is more to come.",
        "Wait . . . there is more to come.",
        "And then . . .",
        "A .45 calibre pistol and a .22 rifle were found.",
        "The score was 2 : 1 at half time.",
        "Fans wrote :) and others :( online.",
        "? is how the form marks an unknown",
        "  . indented stray mark",
        "Microsoft's .NET framework and the .com boom.",
        "The file extension .doc is old.",
        "Go to http://example.com .",
        "PUBLISHED: . 14:11 EST, 25 October 2013",
        "Name: ?",
        "Press the ; key and the ! key.",
        "at 5 :30pm on Friday",
        "The ratio ( ? ) is unknown.",
        "Prices - , rose",
        "He wrote ;) at the end.",
        "The trail ends in an ellipsis ...",
        "A rating of 4 .5 stars.",
        "He paused — . Then went on.",
    ],
)
def test_space_before_punctuation_negatives(text: str):
    assert run_rule(SpaceBeforePunctuation, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Daily Mail flattened line breaks: the full stop itself is stray.
        ("exposed in the centre of . the island", DISPLAY_ONLY),
        ("studied at the Cardiff College of . Music and Drama", DISPLAY_ONLY),
        ("By . Associated Press . The bishop", DISPLAY_ONLY),
        # A caption or paragraph flattened onto the next: the full stop ends it.
        ("on the plush lower deck . Multi-purpose: the room", SAFE),
    ],
)
def test_space_before_full_stop_applicability(text: str, expected: Applicability):
    diags = run_rule(SpaceBeforePunctuation, text)
    assert applicabilities(diags)[0] is expected


# ---------------------------------------------------------------------------
# LN105 invisible-character
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "message", "fixed", "applicability"),
    [
        ("cli\u200bmate", (3, 4), "Invisible character U+200B ZERO WIDTH SPACE", "climate", SAFE),
        ("cli\u00admate", (3, 4), "Invisible character U+00AD SOFT HYPHEN", "climate", SAFE),
        ("word\u2060joiner", (4, 5), "Invisible character U+2060 WORD JOINER", "wordjoiner", SAFE),
        ("in\ufefftext", (2, 3), "Invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE", "intext", SAFE),
        (
            "an image\ufffc here",
            (8, 9),
            "Invisible character U+FFFC OBJECT REPLACEMENT CHARACTER",
            "an image here",
            SAFE,
        ),
        ("nul\x00byte", (3, 4), "Control character U+0000 NULL", "nulbyte", SAFE),
        ("bell\x07 rang", (4, 5), "Control character U+0007 BELL", "bell rang", SAFE),
        ("page\x0cbreak", (4, 5), "Control character U+000C FORM FEED", "page break", SAFE),
        (
            "the\u00a0president said",
            (3, 4),
            "No-break space U+00A0 NO-BREAK SPACE between words",
            "the president said",
            SAFE,
        ),
        (
            "the \u00a0president",
            (4, 5),
            "No-break space U+00A0 NO-BREAK SPACE between words",
            "the president",
            SAFE,
        ),
        (
            "a\u00a0\u00a0\u00a0b",
            (1, 4),
            "No-break space U+00A0 NO-BREAK SPACE (3 times) between words",
            "a b",
            SAFE,
        ),
        (
            "zero\u200b\u200b\u200bwidth",
            (4, 7),
            "Invisible character U+200B ZERO WIDTH SPACE (3 times)",
            "zerowidth",
            SAFE,
        ),
        (
            "it\x92s",
            (2, 3),
            "Control character U+0092 (Windows-1252 '’' decoded as Latin-1?)",
            "it’s",
            UNSAFE,
        ),
        ("a\u202eb", (1, 2), "Bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE", "ab", UNSAFE),
        ("left\u200eright", (4, 5), "Bidirectional control U+200E LEFT-TO-RIGHT MARK", "leftright", UNSAFE),
        ("Zero\u200djoiner", (4, 5), "Invisible character U+200D ZERO WIDTH JOINER", "Zerojoiner", UNSAFE),
    ],
)
def test_invisible_characters(text, span, message, fixed, applicability):
    [d] = run_rule(InvisibleCharacter, text)
    assert (d.start, d.end) == span
    assert d.message == message
    assert d.fix is not None and d.fix.applicability is applicability
    assert apply_fixes(text, [d], frozenset({applicability})) == fixed


def test_no_break_spaces_amid_plain_spaces_take_the_run_down_to_one_space():
    # A flattened paragraph break: deleting each no-break space alone would
    # leave three plain spaces, which LN102 flags only on the fixed text.
    text = "to the left. \u00a0 \u00a0 We need a party."
    diags = run_rule(InvisibleCharacter, text)
    assert [(d.start, d.end) for d in diags] == [(13, 14), (15, 16)]
    assert {d.fix.edits for d in diags if d.fix is not None} == {(Edit(12, 17, " "),)}
    assert apply_fixes(text, diags) == "to the left. We need a party."
    # At a line's start the run is indentation, not LN102's: only the
    # no-break space goes.
    [d] = run_rule(InvisibleCharacter, "x\n\u00a0 indented")
    assert d.fix is not None and d.fix.edits == (Edit(2, 3, ""),)


def test_invisible_character_inside_a_word_is_removed_by_a_whole_word_edit():
    text = "British int\u00aderests rose."
    [d] = run_rule(InvisibleCharacter, text)
    assert (d.start, d.end) == (11, 12)
    assert d.fix is not None and d.fix.applicability is SAFE
    assert d.fix.edits == (Edit(7, 18, " interests"),)
    assert apply_fixes(text, [d]) == "British interests rose."
    # At a word's edge, only the character goes.
    [d] = run_rule(InvisibleCharacter, "rose\u200b.")
    assert d.fix is not None and d.fix.edits == (Edit(4, 5, ""),)


@pytest.mark.parametrize(
    "dirty",
    [
        "It hurt British int\u00aderests in Europe, he said.",
        "It was all very post modern, or someth\u2060ing like it.",
        "The students from England st\u200budying here agreed.",
        "We started with infra-red bec\u00adause it was cheap.",
    ],
)
def test_invisible_character_fix_wins_over_fixes_to_the_word_halves(dirty: str):
    from lintnews.engine import Linter

    clean = re.sub("[\u00ad\u200b\u2060]", "", dirty)
    linter = Linter()
    assert linter.fix(dirty, "a.txt").text == linter.fix(clean, "a.txt").text


def test_replacement_character_is_an_error_without_fix():
    [d] = run_rule(InvisibleCharacter, "caf\ufffd au lait")
    assert (d.start, d.end) == (3, 4)
    assert d.fix is None
    assert d.severity is Severity.ERROR
    assert "lost in decoding" in d.message


@pytest.mark.parametrize(
    "text",
    [
        "a 10\u00a0km walk, £5\u00a0m, page\u00a012 and 20\u202f000 people",
        "Mr\u00a0Smith, Dr.\u00a0Jones and J.\u00a0K. Rowling",
        "a pause\u00a0— then more",
        "Quoi\u202f? Il a dit\u00a0: non\u202f!",
        "Family: 👩\u200d👩\u200d👧 and 🏳️\u200d🌈",
        "Persian: می\u200cخواهم",
        "Hindi: क्\u200dष",
        "Hebrew \u200fשלום\u200f text",
        "Tabs\tand\r\nnewlines\nare fine.",
        "Trailing no-break space\u00a0\nis LN101's.",
    ],
)
def test_legitimate_invisible_characters_are_left_alone(text: str):
    assert run_rule(InvisibleCharacter, text) == []


def test_c1_bytes_of_mojibake_are_left_to_ln107():
    text = "it\u00e2\u0080\u0099s"
    assert run_rule(InvisibleCharacter, text) == []
    assert [d.message for d in run_rule(Mojibake, text)] == ["Mojibake 'â\\x80\\x99' (should be '’')"]


@pytest.mark.parametrize(
    ("text", "pos", "inside"),
    [
        ("law \u00e2\u20ac\u201d instead", 6, True),  # the ” of a garbled em dash
        ("a \u00e2\u20ac\u201c b", 4, True),  # the “ of a garbled en dash
        ("it\u00e2\u20ac\u2122s", 4, True),
        ("Fu\u00df\u201c", 3, False),  # ß then “: decodes to nothing plausible
        ("caf\u00e9\u201d", 4, False),
        ("x\u201d", 1, False),
        ("\u201d", 0, False),
    ],
)
def test_inside_mojibake(text: str, pos: int, inside: bool):
    assert characters.inside_mojibake(text, pos) is inside


def test_lone_c1_byte_after_an_accented_letter_is_ln105s():
    text = "the caf\u00e9\x92s owner"
    assert spans(run_rule(InvisibleCharacter, text)) == [(8, 9)]
    assert run_rule(Mojibake, text) == []


# ---------------------------------------------------------------------------
# LN106 html-entity
# ---------------------------------------------------------------------------


def test_html_entity_span_message_and_fix():
    text = "Shawna Cox&#39;s claim against Fox &amp; Friends"
    diags = run_rule(HtmlEntity, text)
    assert spans(diags) == [(10, 15), (35, 40)]
    assert [d.message for d in diags] == [
        "HTML entity '&#39;' (should be ''')",
        "HTML entity '&amp;' (should be '&')",
    ]
    assert fix_rule(HtmlEntity, text) == "Shawna Cox's claim against Fox & Friends"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("It&#x27;s here", "It's here"),
        ("a communiqu&#233; on debt", "a communiqué on debt"),
        ("&#163;8m bid", "£8m bid"),
        ("xfbml=1&#038;version=2", "xfbml=1&version=2"),
        ("A&nbsp;B and C&#160;D", "A B and C D"),
        ("soft&shy;ware and zero&#8203;width", "software and zerowidth"),
        ("&lt;span class=&quot;x&quot;&gt;", '<span class="x">'),
        ("the &mdash; dash &hellip;", "the — dash …"),
        ("double-escaped &amp;amp; sign", "double-escaped & sign"),
    ],
)
def test_html_entity_fixes(text: str, fixed: str):
    assert fix_rule(HtmlEntity, text) == fixed


@pytest.mark.parametrize(
    "text",
    ["AT&T and R&D, &c.", "Fish &amp chips", "Q&A; more", "&bogus; and &#; and & amp;", "Tom & Jerry"],
)
def test_html_entity_negatives(text: str):
    assert run_rule(HtmlEntity, text) == []


def test_inverted_question_mark_entity_is_a_lost_apostrophe():
    [d] = run_rule(HtmlEntity, "Mr Blair&#191;s government")
    assert d.fix is not None and d.fix.applicability is DISPLAY_ONLY
    assert d.fix.edits == (Edit(8, 14, "’"),)
    # Between a space and a word it is Spanish punctuation.
    assert fix_rule(HtmlEntity, "dijo &#191;qu&#233;?") == "dijo ¿qué?"


def test_invalid_numeric_entity_has_no_fix():
    [d] = run_rule(HtmlEntity, "bad &#0; here")
    assert d.fix is None
    assert d.message == "HTML entity '&#0;' names no valid character"


def test_markdown_escapes_are_syntax_not_defects():
    text = "Use &lt;div&gt;, &#42;stars&#42;, a&nbsp;space and caf&eacute;.\n"
    diags = run_rule(HtmlEntity, text, "t.md")
    assert [text[d.start : d.end] for d in diags] == ["&eacute;"]


# ---------------------------------------------------------------------------
# LN107 mojibake
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("It cost Â£5m.", (8, 10), "It cost £5m."),
        ("itâ€™s here", (2, 5), "it’s here"),
        ("A recent exposÃ© explains", (14, 16), "A recent exposé explains"),
        ("according to HRW â€” are drug offenders", (17, 20), "according to HRW — are drug offenders"),
        ("a cafÃƒÂ© owner", (5, 9), "a café owner"),
        ("smile ðŸ˜€ please", (6, 10), "smile 😀 please"),
        ("â€œQuotedâ€\x9d text", (0, 3), "“Quoted” text"),
    ],
)
def test_mojibake_span_and_safe_fix(text: str, span: tuple[int, int], fixed: str):
    diags = run_rule(Mojibake, text)
    assert spans(diags)[0] == span
    assert all(a is SAFE for a in applicabilities(diags))
    assert diags[0].severity is Severity.ERROR
    assert fix_rule(Mojibake, text) == fixed


def test_mojibake_message():
    [d] = run_rule(Mojibake, "It cost Â£5m.")
    assert d.message == "Mojibake 'Â£' (should be '£')"


@pytest.mark.parametrize("text", ["said â€œhelloâ€ to", "the “Unknownsâ€\ufffd to"])
def test_mojibake_with_a_lost_byte_is_display_only(text: str):
    diags = run_rule(Mojibake, text)
    last = diags[-1]
    assert last.fix is not None and last.fix.applicability is DISPLAY_ONLY
    assert last.fix.edits[0].replacement == "”"
    assert "a byte was lost" in last.message


def test_clean_text_never_reaches_ftfy(monkeypatch: pytest.MonkeyPatch):
    def fail(seq: str) -> str:
        raise AssertionError(f"ftfy called on {seq!r}")

    monkeypatch.setattr(characters, "_repair", fail)
    text = (
        "The £5m deal, a café’s rent, São Paulo, Zürich, façade, naïve, "
        "“curly” ‘quotes’ — and – dashes… ÆØÅ æøå à “la” ü» 😀."
    )
    assert run_rule(Mojibake, text) == []


@pytest.mark.parametrize("text", ["Fuß“ hier", "CAFÉ” she wrote", "GÖ’s", "née«"])
def test_accented_letter_before_punctuation_is_not_mojibake(text: str):
    # Each has the shape of a two-byte sequence, but decodes to a character
    # no English copy holds (NKo, IPA, Hebrew accents).
    assert run_rule(Mojibake, text) == []


# ftfy leaves these alone even within a word: `Ã…` could be text.
_FTFY_DECLINES = {("cp1252", c) for c in "ÅÌÎÒ™"}


def test_mojibake_round_trip_of_every_latin1_and_cp1252_character():
    original = "".join(chr(c) for c in range(0xA0, 0x100)) + "‘’“”–—…€™•"
    for encoding in ("cp1252", "latin-1"):
        for ch in original:
            try:
                garbled = ch.encode("utf-8").decode(encoding)
            except UnicodeDecodeError:
                continue
            text = f"word{garbled}word"
            if (encoding, ch) in _FTFY_DECLINES:
                [d] = run_rule(Mojibake, text)
                assert d.fix is not None and d.fix.applicability is DISPLAY_ONLY
                assert d.message.startswith("Probable mojibake")
                assert apply_fixes(text, [d], frozenset({DISPLAY_ONLY})) == f"word{ch}word"
            else:
                assert fix_rule(Mojibake, text) == f"word{ch}word", (encoding, ch)


def test_mojibake_needing_word_context_is_safe_in_a_word():
    # ftfy repairs `Ã¥` only when the letters around it show it is a word.
    [alone] = run_rule(Mojibake, "the Ã¥ sign")
    assert alone.fix is not None and alone.fix.applicability is DISPLAY_ONLY
    assert fix_rule(Mojibake, "a trip to SmÃ¥land today") == "a trip to Småland today"


# ---------------------------------------------------------------------------
# LN108 doubled-punctuation
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "message", "fixed", "applicability"),
    [
        ("The talks ended..", (15, 17), "Doubled '.'", "The talks ended.", SAFE),
        (
            "He worked in Washington D.C.. Then",
            (27, 29),
            "Doubled '.'",
            "He worked in Washington D.C. Then",
            SAFE,
        ),
        ("apples,, pears", (6, 8), "Doubled ','", "apples, pears", SAFE),
        ("first;; second", (5, 7), "Doubled ';'", "first; second", SAFE),
        ("Note:: this", (4, 6), "Doubled ':'", "Note: this", SAFE),
        ("well.. i think", (4, 6), "Doubled '.'", "well. i think", DISPLAY_ONLY),
        # A tweet's continuation mark before its attribution, dash lost or kept.
        (
            "The vote went on and on..  Jane Q. Doe (@janedoe) May 1, 2016",
            (23, 25),
            "Doubled '.'",
            "The vote went on and on.  Jane Q. Doe (@janedoe) May 1, 2016",
            DISPLAY_ONLY,
        ),
        (
            "It went on.. - Jane Doe (@janedoe)",
            (10, 12),
            "Doubled '.'",
            "It went on. - Jane Doe (@janedoe)",
            DISPLAY_ONLY,
        ),
        # The full stop, then a tweet's `.@handle`: the space goes back, both dots stay.
        (
            "She backed the ticket..@JaneDoe said so.",
            (21, 23),
            "'..@': a full stop and a tweet's '.@' with the space between lost",
            "She backed the ticket. .@JaneDoe said so.",
            DISPLAY_ONLY,
        ),
        # Without an attribution after it, a doubled stop is still a slip.
        (
            "The vote ended..  Then (at noon) it rained.",
            (14, 16),
            "Doubled '.'",
            "The vote ended.  Then (at noon) it rained.",
            SAFE,
        ),
        ("the end,. Then", (7, 9), "',.': a comma and a full stop together", "the end. Then", DISPLAY_ONLY),
        (
            "the village., The",
            (11, 13),
            "'.,': a comma and a full stop together",
            "the village. The",
            DISPLAY_ONLY,
        ),
    ],
)
def test_doubled_punctuation(text, span, message, fixed, applicability):
    [d] = run_rule(DoubledPunctuation, text)
    assert (d.start, d.end) == span
    assert d.message == message
    assert d.fix is not None and d.fix.applicability is applicability
    assert apply_fixes(text, [d], frozenset({applicability})) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Wait... what?! Really!! Why??",
        "An ellipsis… and four dots.... and …..",
        "Use std::vector in C++.",
        "Pages 1..5 and 10..20.",
        "Apple Inc., the maker. Etc., and so on. At 9 a.m., he left. The U.S., too.",
        "Leadplex LLC., Acme plc., approx., Jan., viz., and so on.",
        "A ,,German quote",
        ":: a list marker",
    ],
)
def test_doubled_punctuation_negatives(text: str):
    assert run_rule(DoubledPunctuation, text) == []


# ---------------------------------------------------------------------------
# Properties on arbitrary text
# ---------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"abcXY 12\t\n\r.,;:?!'\"&#;()", "\u00a0", "\u200b", "Ã", "©", "â", "€", "™", "&amp;", "&#39;"]
)
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_spans_are_valid_and_fixes_converge(text: str):
    for rule in RULES:
        for d in run_rule(rule, text):
            assert 0 <= d.start <= d.end <= len(text)
            if d.fix is not None:
                assert all(0 <= e.start <= e.end <= len(text) for e in d.fix.edits)
        fix_rule(rule, text)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_spacing_fixes_only_touch_whitespace(text: str):
    def visible(s: str) -> str:
        return re.sub(r"\s", "", s)

    for rule in (TrailingWhitespace, RepeatedSpaces, SpaceBeforePunctuation, MissingSpaceAfterPunctuation):
        assert visible(fix_rule(rule, text)) == visible(text)
    # CRLF line ends survive trailing-whitespace removal.
    assert fix_rule(TrailingWhitespace, text).count("\r\n") == text.count("\r\n")


def test_spaced_stops_in_copy_that_flattened_its_line_breaks_are_suggestions():
    # Three or more ` . ` between words: the document writes line breaks so
    # (Daily Mail). Joined, a headline or caption would run on into the story.
    text = "CHASING THE STRIKER . Southampton will hold talks . The photographer, from Wareham . Washed up: a seal.\n"
    found = run_rule(SpaceBeforePunctuation, text)
    assert [(text[d.start - 3 : d.end + 1], d.fix.applicability) for d in found] == [
        ("KER .", DISPLAY_ONLY),
        ("lks .", DISPLAY_ONLY),
        ("ham .", DISPLAY_ONLY),
    ]
    assert (
        found[0].message
        == "Space before '.': a line break flattened to ' . '? (this copy writes its line breaks so)"
    )
    assert apply_fixes(text, found) == text


def test_one_spaced_stop_in_ordinary_copy_stays_a_safe_fix():
    text = "Read more at Futurism . Read on. The talks ended . Then rain came.\n"
    found = run_rule(SpaceBeforePunctuation, text)
    assert [d.fix.applicability for d in found] == [SAFE, SAFE]
    assert apply_fixes(text, found) == "Read more at Futurism. Read on. The talks ended. Then rain came.\n"
