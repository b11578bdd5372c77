"""Code pasted into prose (``lintnews.codelike``, ``Document.code_like``):
found by its features, skipped by the style rules, still checked by the
mechanical ones. Every snippet is written for these tests."""

from __future__ import annotations

import pytest

from lintnews.codelike import code_like_spans
from lintnews.config import Config
from lintnews.document import Document
from lintnews.engine import Linter

EMBED = (
    "(function(d, s, id) {  var js, fjs = d.getElementsByTagName(s)[0];  if (d.getElementById(id)) return;  "
    'js = d.createElement(s); js.id = id;  js.src = "//connect.example.net/sdk.js#v=2";  '
    "fjs.parentNode.insertBefore(js, fjs);}(document, 'script', 'example-sdk'));"
)


def code(text: str) -> list[str]:
    return [text[a:b] for a, b in code_like_spans(text)]


def test_an_embed_script_run_into_the_prose_is_one_span_without_the_words_around_it():
    text = f"The owner asked them to leave.{EMBED}Watch the video."
    assert code(text) == [EMBED]


@pytest.mark.parametrize(
    "snippet",
    [
        'var x = "a";',
        '{"width": 100, "title": "Home", "tags": ["a", "b"]}',
        '{% set textColor = "#565656" %} /* the colour of dark text */',
        "<![CDATA[ zone.load(467); // ]]>",
        '<script src="/a.js"></script> window.ready = true;',
    ],
)
def test_code_shapes_are_found(snippet: str):
    assert code(f"Read on.\n{snippet}\nThe end.") == [snippet]


@pytest.mark.parametrize(
    "text",
    [
        "The vote passed; the talks went on; nobody (not even the mayor) knew why.",
        "Turnout was x = 52 percent, officials said.",
        "The council {which met on Monday} agreed.",
        "The patient(s) were moved; doctors said so.",
        "He wrote to her at 10:30; she replied at 11.",
        'She called it "a 6-4 win" = a rout.',
        "Visit https://example.com/a?b=c&d=e for more; it is free.",
    ],
)
def test_prose_is_not_code(text: str):
    assert code(Document(text).masked) == []


def test_the_document_view_and_its_offsets():
    text = f"Intro.{EMBED}Outro."
    doc = Document(text)
    assert doc.code_like == [(6, 6 + len(EMBED))]
    assert not doc.in_code_like(3)
    assert doc.in_code_like(6) and doc.in_code_like(6 + len(EMBED) - 1)
    assert not doc.in_code_like(6 + len(EMBED))


def test_ln304_neither_flags_nor_counts_the_quotes_of_code():
    # Without the embed's straight quotes the article's marks are all curly:
    # nothing to flag, and the code's quotes stay straight.
    text = f"“Wall” talks stall\n\nThe plan isn’t dead, they said.{EMBED}It’s over.\n"
    linter = Linter()
    assert [d.code for d in linter.check(text, "t.txt") if d.code == "LN304"] == []
    assert linter.fix(text, "t.txt").text == text


def test_ln304_majority_ignores_code_quotes():
    # Outside the code: 4 curly marks, 1 straight apostrophe. The embed's
    # eight straight quotes do not make the article 'mostly straight'.
    text = f"“Wall” talks stall\n\nThe plan isn’t dead, it's late.{EMBED}It’s over.\n"
    diags = [d for d in Linter().check(text, "t.txt") if d.code == "LN304"]
    assert [(text[d.start : d.end], d.message) for d in diags] == [
        ("'", 'Straight quote "\'": the document mostly uses curly quotes (4 to 1)')
    ]


def test_prose_rules_leave_code_alone_and_mechanical_rules_do_not():
    # In the code: two spaces (LN102's in prose), an entity and a zero-width
    # space; after it, two spaces in prose. Only the mechanical rules report
    # inside the code.
    snippet = 'var js = "a&amp;b";  js.src = "//x.example/a\u200b.js";'
    text = f"The owner asked them to leave.{snippet}  Watch the video.\n"
    start = text.index(snippet)
    end = start + len(snippet)
    found = [(d.code, d.start) for d in Linter(Config(select=("LN1", "LN3"))).check(text, "t.txt")]
    assert sorted(c for c, at in found if start <= at < end) == ["LN105", "LN106"]
    assert ("LN102", end) in found


def test_every_rule_says_whether_it_reports_in_code():
    mechanical = {"LN001", "LN101", "LN105", "LN106", "LN107", "LN401"}
    linter = Linter(Config(select=("ALL",)))
    assert {r.code for r in linter.rules if r.in_code} == mechanical
