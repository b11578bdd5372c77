"""Region classification of plain-text files: URLs, e-mail addresses, directive lines."""

from __future__ import annotations

from lintnews.document import Document, RegionKind
from lintnews.markup import classify
from lintnews.markup.plain import DIRECTIVE_LINE, classify_plain, url_regions

K = RegionKind


def spans(text: str) -> list[tuple[RegionKind, str]]:
    return [(r.kind, text[r.start : r.end]) for r in classify_plain(text)]


def test_url_with_scheme() -> None:
    text = "Read https://example.com/a/b?c=d#e for more"
    assert spans(text) == [(K.URL, "https://example.com/a/b?c=d#e")]
    [r] = classify_plain(text)
    assert (r.start, r.end) == (5, 34)


def test_email_is_one_address_not_two_sentences() -> None:
    text = "Write to Shafer.Politico@gmail.com with tips."
    assert spans(text) == [(K.URL, "Shafer.Politico@gmail.com")]


def test_www_without_scheme() -> None:
    assert spans("Visit www.example.com today") == [(K.URL, "www.example.com")]


def test_pic_twitter() -> None:
    assert spans("— Jane (@jane) pic.twitter.com/abc123 June 1") == [(K.URL, "pic.twitter.com/abc123")]


def test_sentence_full_stop_is_not_part_of_url() -> None:
    text = "The data is at https://example.com/data. Next sentence."
    assert spans(text) == [(K.URL, "https://example.com/data")]
    for end in ".", ",", ";", ":", "!", "?", ")":
        assert spans(f"(see www.example.com/x{end}") == [(K.URL, "www.example.com/x")]


def test_url_in_quotes_stops_at_quote() -> None:
    assert spans('He said "https://a.org/x" twice.') == [(K.URL, "https://a.org/x")]
    assert spans("“https://a.org/y”") == [(K.URL, "https://a.org/y")]


def test_url_never_takes_a_square_bracket() -> None:
    # A shortcode closed right after its URL, with text straight after the `]`.
    text = "Watch:[video https://www.example.com/watch?v=a1B2]Next came the vote."
    [r] = classify_plain(text)
    assert (r.kind, r.start, r.end) == (K.URL, 13, 49)
    assert text[r.end] == "]"
    # A bare URL in brackets, followed directly by text, and one that opens with `[`.
    assert spans("See [https://a.org/x]then more.") == [(K.URL, "https://a.org/x")]
    assert spans("See [www.a.org/x/]; then") == [(K.URL, "www.a.org/x/")]
    assert spans("a https://a.org/p[1]=2 b") == [(K.URL, "https://a.org/p")]
    assert spans("a https://a.org/[x b") == [(K.URL, "https://a.org/")]
    # Round brackets inside a URL stay part of it.
    assert spans("[https://en.wikipedia.org/wiki/Foo_(bar)]") == [
        (K.URL, "https://en.wikipedia.org/wiki/Foo_(bar")
    ]


def test_url_regions_range() -> None:
    text = "a https://x.org b https://y.org"
    regions = url_regions(text, 0, 16)
    assert [text[r.start : r.end] for r in regions] == ["https://x.org"]


def test_directive_line() -> None:
    text = "Text.\n# lintnews: disable LN101\n  // lintnews: enable\nMore.\n"
    assert spans(text) == [
        (K.DIRECTIVE, "# lintnews: disable LN101"),
        (K.DIRECTIVE, "  // lintnews: enable"),
    ]


def test_directive_must_start_the_line() -> None:
    assert DIRECTIVE_LINE.search("Text # lintnews: disable\n") is None
    assert spans("# lintnews: disable\r\nText.\r\n") == [(K.DIRECTIVE, "# lintnews: disable")]


def test_plain_prose_has_no_regions() -> None:
    assert classify_plain("") == []
    assert classify_plain("The talks ended. Then came rain.\n") == []


def test_markdown_syntax_is_prose_in_plain_text() -> None:
    assert classify("Use `code` and <b>x</b>.", "plain") == []


def test_document_masks_urls_and_directives() -> None:
    text = "# lintnews: disable\nMail Shafer.Politico@gmail.com now.\n"
    doc = Document(text, "story.txt")
    assert len(doc.masked) == len(text)
    assert "lintnews" not in doc.masked
    assert "Shafer" not in doc.masked
    assert [w.text for w in doc.words] == ["Mail", "now"]


def test_several_addresses_in_one_run_and_around_it() -> None:
    # The pattern runs only over the whitespace-free runs around '@', '://',
    # 'www.' and 'pic.twitter.com': every address in such a run is found, and
    # the run's neighbours are not.
    text = "Mail a.b@c.org,www.x.org/p. Also\tnews@bbc.co.uk\nhttps://t.co/x(pic.twitter.com/Ab) end@"
    assert spans(text) == [
        (K.URL, "a.b@c.org"),
        (K.URL, "www.x.org/p"),
        (K.URL, "news@bbc.co.uk"),
        (K.URL, "https://t.co/x(pic.twitter.com/Ab"),
    ]


def test_hint_without_an_address_is_not_an_address() -> None:
    assert spans("Meet @ noon, or at 3@, in www or ://") == []
