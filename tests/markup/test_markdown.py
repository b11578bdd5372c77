"""Region classification of Markdown files: exact offsets into the raw text."""

from __future__ import annotations

import itertools

import pytest
from shapes import HANG_GUARD_S, cpu_seconds

from lintnews.document import MASK_CHAR, MASKED_KINDS, Document, Region, RegionKind
from lintnews.markup import classify
from lintnews.markup.markdown import classify_markdown

K = RegionKind
BLOCK_KINDS = {K.HEADING, K.QUOTE, K.LIST, K.TABLE}


def spans(text: str) -> list[tuple[RegionKind, str]]:
    """Every region as (kind, the raw text it covers), in order."""
    return [(r.kind, text[r.start : r.end]) for r in classify_markdown(text)]


def of_kind(text: str, kind: RegionKind) -> list[str]:
    return [text[r.start : r.end] for r in classify_markdown(text) if r.kind is kind]


def check_invariants(text: str, regions: list[Region]) -> None:
    assert regions == sorted(regions, key=lambda r: r.start)
    for r in regions:
        assert 0 <= r.start < r.end <= len(text)
    blocks = [r for r in regions if r.kind in BLOCK_KINDS]
    for a, b in itertools.pairwise(blocks):
        assert a.end <= b.start, (a, b)


# --- headings -----------------------------------------------------------------


def test_atx_heading() -> None:
    text = "# Title here\n\nBody.\n"
    assert spans(text) == [(K.HEADING, "# Title here")]
    [r] = classify_markdown(text)
    assert (r.start, r.end) == (0, 12)


def test_atx_heading_with_closing_hashes_and_code() -> None:
    text = "Intro.\n\n## Vote on `bill` ##\n"
    assert spans(text) == [(K.HEADING, "## Vote on `bill` ##"), (K.INLINE_CODE, "`bill`")]


def test_setext_headings() -> None:
    text = "Big title\nover two lines\n=========\n\nSmall title\n---\n\nBody.\n"
    assert spans(text) == [
        (K.HEADING, "Big title\nover two lines\n========="),
        (K.HEADING, "Small title\n---"),
    ]


# --- code -----------------------------------------------------------------------


def test_fenced_code_backticks_with_info_string() -> None:
    text = "Before.\n\n```python title=x\nprint('[a](b)')\n```\n\nAfter.\n"
    assert spans(text) == [(K.CODE, "```python title=x\nprint('[a](b)')\n```")]


def test_fenced_code_tildes() -> None:
    text = "~~~\nThe the code.\n~~~\nAfter.\n"
    assert spans(text) == [(K.CODE, "~~~\nThe the code.\n~~~")]


def test_unclosed_fence_runs_to_end_of_file() -> None:
    text = "Text.\n\n```\ncode\n\n"
    assert spans(text) == [(K.CODE, "```\ncode")]


def test_indented_code() -> None:
    text = "Para.\n\n    indented code\n    more code\n\nAfter.\n"
    assert spans(text) == [(K.CODE, "    indented code\n    more code")]


def test_inline_code_masks_link_syntax_inside() -> None:
    text = "Use `[x](y)` and ``a ` b`` here.\n"
    assert spans(text) == [(K.INLINE_CODE, "`[x](y)`"), (K.INLINE_CODE, "``a ` b``")]
    [first, _] = classify_markdown(text)
    assert (first.start, first.end) == (4, 12)


def test_escaped_and_unmatched_backticks_are_prose() -> None:
    assert spans("Not \\`code\\` and a lone ` tick.\n") == []


def test_inline_code_spanning_lines() -> None:
    text = "A `code\nspan` here.\n"
    assert spans(text) == [(K.INLINE_CODE, "`code\nspan`")]


# --- HTML -----------------------------------------------------------------------


def test_inline_html() -> None:
    text = "Some <em>emphasised</em> text and a<br/>break.\n"
    assert of_kind(text, K.HTML) == ["<em>", "</em>", "<br/>"]


def test_inline_html_comment() -> None:
    text = "Text <!-- an editor's note --> more.\n"
    assert spans(text) == [(K.HTML, "<!-- an editor's note -->")]


def test_less_than_in_prose_is_not_html() -> None:
    assert spans("If a < b and b > c then a<3.\n") == []


def test_html_block() -> None:
    text = 'Para.\n\n<div class="box">\nInside the box.\n</div>\n\nAfter.\n'
    assert spans(text) == [(K.HTML, '<div class="box">\nInside the box.\n</div>')]


def test_directive_comment_lines_are_masked_html() -> None:
    text = (
        "<!-- lintnews: disable LN101 -->\n"
        "Text here.\n"
        "<!-- lintnews: enable -->\n"
        "- item\n"
        "  <!-- lintnews: disable-next-line -->\n"
    )
    assert spans(text) == [
        (K.HTML, "<!-- lintnews: disable LN101 -->"),
        (K.HTML, "<!-- lintnews: enable -->"),
        (K.LIST, "- item\n  <!-- lintnews: disable-next-line -->"),
        (K.HTML, "  <!-- lintnews: disable-next-line -->"),
    ]
    doc = Document(text, "a.md")
    assert "lintnews" not in doc.masked
    assert "Text here." in doc.masked


# --- front matter ---------------------------------------------------------------


def test_yaml_front_matter() -> None:
    text = "---\ntitle: A [link](x)\ntags: [a, b]\n---\n# Heading\n\nBody `c`.\n"
    assert spans(text) == [
        (K.FRONT_MATTER, "---\ntitle: A [link](x)\ntags: [a, b]\n---"),
        (K.HEADING, "# Heading"),
        (K.INLINE_CODE, "`c`"),
    ]


def test_yaml_front_matter_closed_by_dots() -> None:
    text = "---\na: 1\n...\nBody.\n"
    assert spans(text) == [(K.FRONT_MATTER, "---\na: 1\n...")]


def test_toml_front_matter() -> None:
    text = '+++\ntitle = "x"\n+++\n\nBody <b>x</b>.\n'
    assert spans(text) == [
        (K.FRONT_MATTER, '+++\ntitle = "x"\n+++'),
        (K.HTML, "<b>"),
        (K.HTML, "</b>"),
    ]


def test_front_matter_only_at_start_and_must_close() -> None:
    # Not at the start: a thematic break and a setext heading, not front matter.
    assert K.FRONT_MATTER not in {k for k, _ in spans("Intro.\n\n---\na: 1\n---\n")}
    # Never closed: not front matter.
    assert K.FRONT_MATTER not in {k for k, _ in spans("---\na: 1\n")}


# --- links, URLs ----------------------------------------------------------------


def test_link_target_masked_link_text_prose() -> None:
    text = 'Read [the full report](https://example.com/r "The report") now.\n'
    assert spans(text) == [(K.URL, '(https://example.com/r "The report")')]
    [r] = classify_markdown(text)
    assert (r.start, r.end) == (22, 58)


def test_link_with_angle_destination_and_parentheses() -> None:
    text = "See [a](<my file.md>) and [b](https://w.org/Foo_(bar)).\n"
    assert of_kind(text, K.URL) == ["(<my file.md>)", "(https://w.org/Foo_(bar))"]


def test_link_text_with_code_and_nested_brackets() -> None:
    text = "A [link `code` [x]](u) here.\n"
    assert spans(text) == [(K.INLINE_CODE, "`code`"), (K.URL, "(u)")]


def test_escaped_brackets_are_not_a_link() -> None:
    assert spans("Not \\[a link](here).\n") == []


def test_image_target() -> None:
    text = 'Chart: ![Votes by ward](img/votes.png "Votes").\n'
    assert spans(text) == [(K.URL, '(img/votes.png "Votes")')]


def test_image_inside_link() -> None:
    text = "[![alt text](i.png)](https://x.org)\n"
    assert spans(text) == [(K.URL, "(i.png)"), (K.URL, "(https://x.org)")]


def test_autolinks() -> None:
    text = "Visit <https://example.com/a?b=c> or write <desk@example.org>.\n"
    assert spans(text) == [(K.URL, "<https://example.com/a?b=c>"), (K.URL, "<desk@example.org>")]


def test_reference_definitions_and_reference_links() -> None:
    text = (
        "See [the site][site] and [Site][] and [site].\n"
        "\n"
        '[site]: https://example.com "Example"\n'
        "[other]:\n"
        "  /path\n"
    )
    assert spans(text) == [
        (K.URL, "[site]"),
        (K.URL, "[]"),
        (K.URL, '[site]: https://example.com "Example"'),
        (K.URL, "[other]:\n  /path"),
    ]


def test_bare_urls_and_emails() -> None:
    text = "Mail Shafer.Politico@gmail.com or see www.example.com/x and https://a.org/b.\n"
    assert of_kind(text, K.URL) == ["Shafer.Politico@gmail.com", "www.example.com/x", "https://a.org/b"]


def test_bare_url_in_link_text_but_not_twice_in_target() -> None:
    text = "[https://a.org](https://a.org)\n"
    assert spans(text) == [(K.URL, "https://a.org"), (K.URL, "(https://a.org)")]


def test_bare_url_inside_inline_code_is_only_code() -> None:
    assert spans("Run `curl https://a.org` now.\n") == [(K.INLINE_CODE, "`curl https://a.org`")]


# --- containers -----------------------------------------------------------------


def test_block_quote() -> None:
    text = "Intro.\n\n> A quoted line\n> and `code` in it.\n\nAfter.\n"
    assert spans(text) == [
        (K.QUOTE, "> A quoted line\n> and `code` in it."),
        (K.INLINE_CODE, "`code`"),
    ]


def test_list_inside_quote_is_just_quote() -> None:
    text = "> Quote:\n> - first\n> - second [x](y)\n> # heading\n"
    assert spans(text) == [
        (K.QUOTE, "> Quote:\n> - first\n> - second [x](y)\n> # heading"),
        (K.URL, "(y)"),
    ]


def test_list_items() -> None:
    text = "- one\n- two\n  - nested\n\n1. first\n\n2. second\n\nAfter.\n"
    assert spans(text) == [
        (K.LIST, "- one"),
        (K.LIST, "- two\n  - nested"),
        (K.LIST, "1. first"),
        (K.LIST, "2. second"),
    ]


def test_code_inside_list_item() -> None:
    text = "- item\n\n  ```\n  code\n  ```\n"
    assert spans(text) == [
        (K.LIST, "- item\n\n  ```\n  code\n  ```"),
        (K.CODE, "  ```\n  code\n  ```"),
    ]


def test_table() -> None:
    table = "| Name | Votes |\n|------|------:|\n| `Doe` | [7](u) |\n| a \\| b | <x@y.org> |"
    text = f"Para.\n\n{table}\n\nAfter.\n"
    assert spans(text) == [
        (K.TABLE, table),
        (K.INLINE_CODE, "`Doe`"),
        (K.URL, "(u)"),
        (K.URL, "<x@y.org>"),
    ]


def test_table_repeated_cells_keep_their_own_offsets() -> None:
    text = "a | b | a\n--|---|--\n`x` | `x` | `x`\n"
    regions = [r for r in classify_markdown(text) if r.kind is K.INLINE_CODE]
    assert [(r.start, r.end) for r in regions] == [(20, 23), (26, 29), (32, 35)]


# --- line endings, edge cases ---------------------------------------------------


def test_crlf_offsets_are_exact() -> None:
    text = (
        "---\r\ntitle: x\r\n---\r\n"
        "# Head\r\n"
        "\r\n"
        "A `code\r\nspan` and [text](http://u.rl).\r\n"
        "\r\n"
        "> quote\r\n"
        "\r\n"
        "```\r\nfenced\r\n```\r\n"
    )
    assert spans(text) == [
        (K.FRONT_MATTER, "---\r\ntitle: x\r\n---"),
        (K.HEADING, "# Head"),
        (K.INLINE_CODE, "`code\r\nspan`"),
        (K.URL, "(http://u.rl)"),
        (K.QUOTE, "> quote"),
        (K.CODE, "```\r\nfenced\r\n```"),
    ]
    starts = [r.start for r in classify_markdown(text)]
    assert starts == [0, 20, 32, 55, 73, 84]


def test_lone_cr_file() -> None:
    text = "# Head\rText `c` and <b>x</b>.\r\r- item <http://a.b>\r"
    assert spans(text) == [
        (K.HEADING, "# Head"),
        (K.INLINE_CODE, "`c`"),
        (K.HTML, "<b>"),
        (K.HTML, "</b>"),
        (K.LIST, "- item <http://a.b>"),
        (K.URL, "<http://a.b>"),
    ]


def test_quote_with_crlf_and_multiline_code() -> None:
    text = "> a `b\r\n> c` d\r\n"
    assert spans(text) == [(K.QUOTE, "> a `b\r\n> c` d"), (K.INLINE_CODE, "`b\r\n> c`")]


def test_tab_and_lazy_lines_in_containers() -> None:
    text = ">\t`a` x\n>\tmore `b`\nlazy `c`\n"
    assert of_kind(text, K.INLINE_CODE) == ["`a`", "`b`", "`c`"]


def test_empty_and_blank_files() -> None:
    assert classify_markdown("") == []
    assert classify_markdown("\n\n  \n") == []
    assert classify_markdown("Just prose.") == []


def test_nul_character_keeps_offsets() -> None:
    text = "a\0b `c`\n"
    assert spans(text) == [(K.INLINE_CODE, "`c`")]


def test_dispatch_through_classify() -> None:
    assert classify("`x`", "markdown") == [Region(0, 3, K.INLINE_CODE)]


# --- the Document view ----------------------------------------------------------


def test_document_masked_hides_code_and_urls_keeps_link_text() -> None:
    text = (
        "# Title\r\n"
        "\r\n"
        "See [the report](https://example.com/r) and `the code`.\r\n"
        "\r\n"
        "```\r\nthe the\r\n```\r\n"
        "Write desk@example.org.\n"
    )
    doc = Document(text, "a.md")
    masked = doc.masked
    assert len(masked) == len(text)
    newlines = [i for i, ch in enumerate(text) if ch in "\r\n"]
    assert [i for i, ch in enumerate(masked) if ch in "\r\n"] == newlines
    assert "the report" in masked
    assert "example" not in masked
    assert "the code" not in masked
    assert "the the" not in masked
    assert "desk" not in masked
    assert "Title" in masked
    assert masked.count(MASK_CHAR) > 0
    assert doc.kind_at(text.index("Title")) is K.HEADING
    assert doc.kind_at(text.index("report")) is K.PROSE
    assert doc.kind_at(text.index("https")) is K.URL
    assert [w.text for w in doc.words] == ["Title", "See", "the", "report", "and", "Write"]


def test_document_regions_use_markdown_for_md_paths() -> None:
    doc = Document("`x`\n", "story.md")
    assert doc.regions == [Region(0, 3, K.INLINE_CODE)]
    assert Document("`x`\n", "story.txt").regions == []


# --- invariants and speed -------------------------------------------------------

SAMPLE = """\
# The council vote

The council voted 7-2, said [Mayor Doe](https://example.com/doe "Doe"). Reach her
at jane.doe@example.gov or www.example.gov/budget.

> "We worked hard," she said. See `budget.pdf` for <em>details</em>.
> - item in quote

* A [reference][r1] link and ![chart](img/chart.png).
* A <https://auto.link/x>.
  1. nested `code`

```python
return [x](y)
```

| Name | Votes |
|------|-------|
| Doe  | `7`   |

<!-- lintnews: disable LN101 -->
A paragraph http://example.com/path?q=1.

[r1]: https://example.com/ref "Ref"

"""


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_invariants_on_sample(newline: str) -> None:
    text = SAMPLE.replace("\n", newline)
    regions = classify_markdown(text)
    check_invariants(text, regions)
    kinds = {r.kind for r in regions}
    assert kinds == {K.HEADING, K.QUOTE, K.LIST, K.TABLE, K.CODE, K.INLINE_CODE, K.HTML, K.URL}
    # The same regions, line for line, whatever the newline convention.
    base = classify_markdown(SAMPLE)
    assert [(r.kind, text[r.start : r.end].replace(newline, "\n")) for r in regions] == [
        (r.kind, SAMPLE[r.start : r.end]) for r in base
    ]
    doc = Document(text, "a.md")
    assert len(doc.masked) == len(text)
    for r in regions:
        if r.kind in MASKED_KINDS:
            assert doc.is_masked(r.start, r.end)


def test_large_file_finishes() -> None:
    text = SAMPLE * 2000  # about 1 MB of dense markup
    regions: list[Region] = []
    elapsed = cpu_seconds(lambda: regions.extend(classify_markdown(text)))
    assert len(regions) > 20_000
    assert elapsed < HANG_GUARD_S, elapsed  # a hang guard; speed: benchmarks/


@pytest.mark.parametrize(
    "text",
    [
        "` `` " * 20_000,
        "<!-- a " * 20_000,
        '<a x="' * 20_000,
        "[a](b " * 20_000,
        "[" * 5_000 + "a" + "](x)" * 5_000,
        "> " * 100 + "x\n",
        "".join("  " * i + "- x\n" for i in range(200)),
    ],
)
def test_pathological_inputs_finish(text: str) -> None:
    assert cpu_seconds(lambda: check_invariants(text, classify_markdown(text))) < HANG_GUARD_S
