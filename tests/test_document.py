"""The shared views of a Document: lines, paragraphs, words, sentences and
quotation spans, with exact offsets, in LF, CRLF and lone-CR text.

Every text here is written for the tests (news-shaped, not copied from a corpus).
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.document import MASK_CHAR, Document, LineIndex, Token


def paragraph_spans(text: str, path: str = "t.txt") -> list[tuple[int, int]]:
    doc = Document(text, path)
    for p in doc.paragraphs:
        assert p.text == text[p.start : p.end]
    return [(p.start, p.end) for p in doc.paragraphs]


# ---------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------


def test_line_index_counts_crlf_as_one_line_break():
    for nl in ("\n", "\r\n", "\r"):
        text = f"One{nl}two{nl}{nl}three"
        index = LineIndex(text)
        assert index.line_count == 4
        assert [index.line_text(n) for n in range(1, 5)] == ["One", "two", "", "three"]
        assert index.position(text.index("three")) == (4, 1)
        assert index.line_end(1) == 3


def test_line_index_with_mixed_newlines_and_final_newline():
    text = "a\r\nb\nc\rd\n"
    index = LineIndex(text)
    assert [index.line_start(n) for n in range(1, 6)] == [0, 3, 5, 7, 9]
    assert index.line_text(5) == ""
    assert LineIndex("").line_count == 1


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------


def test_single_line_breaks_do_not_split_a_paragraph_in_any_newline_style():
    # One line break, whatever its style, is never a paragraph break: a CRLF
    # is one line break, not a CR and then an LF.
    assert paragraph_spans("Talks resumed.\nBoth sides left.") == [(0, 31)]
    assert paragraph_spans("Talks resumed.\r\nBoth sides left.") == [(0, 32)]
    assert paragraph_spans("Talks resumed.\rBoth sides left.") == [(0, 31)]


def test_blank_line_splits_paragraphs_in_every_newline_style():
    # "Talks resumed." is 14 characters; the second paragraph starts after
    # the line break, the blank line and its line break.
    assert paragraph_spans("Talks resumed.\n\nBoth sides left.\n") == [(0, 14), (16, 32)]
    assert paragraph_spans("Talks resumed.\r\n\r\nBoth sides left.\r\n") == [(0, 14), (18, 34)]
    assert paragraph_spans("Talks resumed.\r\rBoth sides left.\r") == [(0, 14), (16, 32)]


def test_crlf_lines_without_blank_lines_are_one_paragraph():
    text = "Line one.\r\nLine two.\r\nLine three.\r\n"
    doc = Document(text)
    assert [(p.start, p.end) for p in doc.paragraphs] == [(0, 33)]
    assert doc.paragraphs[0].text == "Line one.\r\nLine two.\r\nLine three."


def test_blank_line_of_whitespace_splits_and_paragraphs_are_trimmed():
    text = "  First para.  \n \t \nSecond\u00a0para.\r\n\u00a0\r\n\r\n\n\tThird para.\t\n\n"
    assert paragraph_spans(text) == [(2, 13), (20, 32), (41, 52)]
    assert [p.text for p in Document(text).paragraphs] == ["First para.", "Second\u00a0para.", "Third para."]


def test_cr_then_crlf_is_a_blank_line():
    # "\r" ends a line, "\r\n" ends the (empty) next one.
    assert paragraph_spans("One.\r\r\nTwo.") == [(0, 4), (7, 11)]
    assert paragraph_spans("One.\n\r\nTwo.") == [(0, 4), (7, 11)]


def test_text_of_blank_lines_only_has_no_paragraph():
    assert paragraph_spans("") == []
    assert paragraph_spans("\r\n \r\n\n") == []


def test_sentences_of_a_crlf_text_stay_inside_their_paragraphs():
    text = "He left. She stayed.\r\nThey met.\r\n\r\nNext day.\r\n"
    doc = Document(text)
    assert [(s.start, s.end, s.text) for s in doc.sentences] == [
        (0, 8, "He left."),
        (9, 20, "She stayed."),
        (22, 31, "They met."),
        (35, 44, "Next day."),
    ]


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


def test_words_are_tokens_with_exact_offsets():
    text = "The BBC's  rock’n’roll show, U.S.-based 2.5% — ''quoted'' x''y!"
    doc = Document(text)
    got = [(w.start, w.end, w.text) for w in doc.words]
    assert got == [(m.start(), m.end(), m.group()) for m in regex.finditer(r"\w+(?:['’]\w+)*", text)]
    assert [w.text for w in doc.words] == [
        "The", "BBC's", "rock’n’roll", "show", "U", "S", "based", "2", "5",
        "quoted", "x", "y",
    ]  # fmt: skip
    assert all(type(w) is Token for w in doc.words)


def test_words_outside_ascii_follow_unicode_word_characters():
    # A combining accent is part of its word; a superscript digit is not a
    # word character (Unicode's definition, as in the regex module).
    text = "Cafe\u0301 owner x² in İstanbul"
    assert [w.text for w in Document(text).words] == ["Cafe\u0301", "owner", "x", "in", "İstanbul"]


def test_words_skip_masked_urls_and_word_texts_match_the_tokens():
    text = "See https://example.com/a-b now, then\nread it."
    doc = Document(text)
    assert MASK_CHAR in doc.masked
    assert [w.text for w in doc.words] == ["See", "now", "then", "read", "it"]
    line2 = text.index("read")
    assert doc.word_texts(0, line2 - 1) == ["See", "now", "then"]
    assert doc.word_texts(line2, len(text)) == ["read", "it"]


# ---------------------------------------------------------------------------
# Quotation spans
# ---------------------------------------------------------------------------


def test_straight_quotes_pair_on_one_line():
    text = 'He said "we will win" and "soon".'
    assert Document(text).quotes == [(8, 21), (26, 32)]


def test_plain_text_stray_quote_does_not_pair_with_a_later_line():
    # Extractor output: one paragraph per line and no blank lines. The stray
    # mark on the first line must not pair with the first mark of line three.
    text = 'Prices rose 5" in the night.\nThe mayor spoke.\n"We will rebuild," she said.\n'
    doc = Document(text)
    start = text.index('"We')
    assert doc.quotes == [(start, start + len('"We will rebuild,"'))]
    assert not doc.in_quotes(text.index("mayor"))


def test_plain_text_curly_quote_does_not_run_over_lines():
    text = "He said “we will\nrebuild the town” on Monday.\n“Yes.”\n"
    start = text.index("“Yes")
    assert Document(text).quotes == [(start, start + 6)]


def test_markdown_quote_may_wrap_a_line_inside_a_paragraph():
    text = 'He said "we will\nrebuild the town" on Monday.\n'
    doc = Document(text, "t.md")
    assert doc.quotes == [(8, 34)]
    assert doc.in_quotes(text.index("rebuild"))
    # The same text as plain text: no quotation.
    assert Document(text, "t.txt").quotes == []


def test_quotes_never_pair_across_a_paragraph_break():
    for nl in ("\n", "\r\n", "\r"):
        text = f'He said "we will.{nl}{nl}Later" she left.'
        assert Document(text, "t.md").quotes == []
        assert Document(text, "t.txt").quotes == []


def test_markdown_crlf_quote_wraps_but_stops_at_the_paragraph():
    text = 'A "b\r\nc" d.\r\n\r\n"e\r\n\r\nf"'
    assert Document(text, "t.md").quotes == [(2, 8)]


def test_curly_quotes_pair_by_direction_within_a_line():
    text = "“One,” he said, “two.” ”Stray“ marks."
    assert Document(text).quotes == [(0, 6), (16, 22)]


# ---------------------------------------------------------------------------
# Properties: the fast views equal their plain definitions
# ---------------------------------------------------------------------------

# Characters where the views' definitions bite: every newline style, blank
# lines of odd whitespace, apostrophes inside and around words, combining
# marks, superscripts, non-ASCII letters and spaces, quotation marks, a URL.
PIECES = st.sampled_from(
    [
        " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " \n", "\u00a0", "\x0c", "\x1c",
        "\u2028", "word", "Word", "x", "2", "_", "'", "’", "''", "it's", "rock’n’roll",
        "\u0301", "²", "é", "İ", "ß", "日本", ".", ",", "-", "—", '"', "“", "”",
        "https://example.com/a'b", "`code`", "<b>", "&amp;",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join)
WORD = regex.compile(r"\w+(?:['’]\w+)*")


def reference_paragraphs(text: str) -> list[tuple[int, int]]:
    """Maximal runs of non-blank lines, trimmed of whitespace."""
    index = LineIndex(text)
    out: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    for n in range(1, index.line_count + 1):
        start, end = index.line_start(n), index.line_end(n)
        if text[start:end].strip():
            run = (run[0] if run else start, end)
        elif run:
            out.append(run)
            run = None
    if run:
        out.append(run)
    trimmed = []
    for start, end in out:
        chunk = text[start:end]
        start += len(chunk) - len(chunk.lstrip())
        trimmed.append((start, start + len(chunk.strip())))
    return trimmed


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(["t.txt", "t.md"]))
def test_views_equal_their_definitions(text: str, path: str):
    doc = Document(text, path)
    masked = doc.masked
    assert [tuple(w) for w in doc.words] == [(m.start(), m.end(), m.group()) for m in WORD.finditer(masked)]
    assert all(type(w) is Token for w in doc.words)
    assert [(p.start, p.end) for p in doc.paragraphs] == reference_paragraphs(text)
    for p in doc.paragraphs:
        assert p.text == text[p.start : p.end]
        inside = [w.text for w in doc.words if p.start <= w.start < p.end]
        assert doc.word_texts(p.start, p.end) == inside
    for s in doc.sentences:
        assert s.text == text[s.start : s.end]
    index = LineIndex(text)
    for start, end in doc.quotes:
        if path == "t.txt":  # plain text: a quotation never runs over a line
            assert index.line_of(start) == index.line_of(end - 1)
            assert text[start] in '"“' and text[end - 1] in '"”'
