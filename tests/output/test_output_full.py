"""The ``full`` format: header, source line, carets under the span, help, summary."""

from __future__ import annotations

import re

import click

from lintnews.diagnostics import Applicability, Fix, Severity
from lintnews.output import render

HEADER = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>\S+) (?P<msg>.*)$")
SOURCE = re.compile(r"^(?P<num>\d+) \| (?P<text>.*)$")
CARETS = re.compile(r"^(?P<gutter> +)\| (?P<pad> *)(?P<carets>\^+)$")


def blocks(output: str) -> list[list[str]]:
    """The diagnostic blocks (the summary after the last blank line dropped)."""
    parts = output.rstrip("\n").split("\n\n")
    return [part.split("\n") for part in parts[:-1]]


def by_code(output: str) -> dict[str, list[str]]:
    """The first block of each code."""
    found: dict[str, list[str]] = {}
    for block in blocks(output):
        head = HEADER.match(block[0])
        assert head, block[0]
        found.setdefault(head["code"], block)
    return found


def snippet(block: list[str]) -> tuple[str, int, int]:
    """(shown source text, caret column offset into it, caret count)."""
    source = SOURCE.match(block[2])
    carets = CARETS.match(block[3])
    assert source and carets, block
    # The caret row's "| " sits exactly above the source row's " | ".
    assert len(carets["gutter"]) == len(source["num"]) + 1
    return source["text"], len(carets["pad"]), len(carets["carets"])


def test_every_block_parses_and_carets_sit_under_the_span(report, sources):
    out = render("full", report)
    found = blocks(out)
    assert len(found) == len(report.diagnostics)
    for block, d in zip(found, report.diagnostics, strict=True):
        head = HEADER.match(block[0])
        assert head, block[0]
        assert (head["path"], int(head["line"]), int(head["col"])) == (
            d.path,
            d.line,
            d.column,
        )
        assert (head["code"], head["msg"]) == (d.code, d.message)
        assert block[1] == "  |"
        text, pad, width = snippet(block)
        raw_line = sources[d.path].splitlines()[d.line - 1]
        if "\t" not in raw_line:
            assert text == raw_line
            end = d.end_column - 1 if d.end_line == d.line else len(raw_line)
            assert text[pad : pad + width] == raw_line[d.column - 1 : end]


def test_tabs_expand_and_carets_still_line_up(report):
    first = by_code(render("full", report))
    text, pad, width = snippet(first["LN101"])
    # "\tIndented\ttab  here" with tab stops of 4.
    assert text == "    Indented    tab  here"
    assert (pad, width) == (19, 2)
    assert text[pad : pad + width] == "  "
    # A span containing a tab is as wide as the tab's expansion.
    text, pad, width = snippet(first["LN999"])
    assert text[pad : pad + width] == "Indented    tab"


def test_unicode_line_and_multiline_span(report):
    first = by_code(render("full", report))
    text, pad, width = snippet(first["LN201"])
    assert text[pad : pad + width] == "Café"
    # Multi-line span: underlined from its start to the end of the first line,
    # and the CR of the CRLF line is not shown.
    text, pad, width = snippet(first["LN401"])
    assert text == "Second line spans"
    assert text[pad:] == "spans"
    assert pad + width == len(text)


def test_help_lines_mark_applicability(report):
    first = by_code(render("full", report))
    assert first["LN101"][-1] == "  = help: Replace with one space"
    assert first["LN201"][-1] == "  = help: Spell it “Cafe” [unsafe]"
    assert first["LN401"][-1] == "  = help: Rewrite [suggestion]"
    assert len(first["LN999"]) == 4  # no fix, no help line


def test_summary(report):
    out = render("full", report)
    assert out.endswith("\n\nFound 5 problems in 2 files.\n2 fixable with `lintnews fix`.\n")


def test_summary_singular_and_without_fixable(build, make_diag):
    out = render("full", build([make_diag("b.txt", 0, 2, "LN201", "Odd")]))
    assert out.endswith("\n\nFound 1 problem in 1 file.\n")
    assert "fixable" not in out


def test_all_checks_passed(empty_report):
    assert render("full", empty_report) == "All checks passed!\n"


def test_empty_span_and_span_at_line_end_get_one_caret(build, make_diag, find):
    at_end = find("b.txt", "\n")  # the span starts on the newline itself
    report = build(
        [
            make_diag("b.txt", 3, 3, "LN101", "Empty"),
            make_diag("b.txt", at_end, at_end + 1, "LN101", "Newline"),
        ]
    )
    first, second = blocks(render("full", report))
    text, pad, width = snippet(first)
    assert (pad, width) == (3, 1)
    text, pad, width = snippet(second)
    assert (pad, width) == (len(text), 1)


def test_source_unavailable_still_shows_header_and_help(build, make_diag):
    d = make_diag("-", 0, 1, "LN101", "From stdin", fix=Fix.delete(0, 1, "Drop it"))
    (block,) = blocks(render("full", build([d])))
    assert block == ["-:1:1: LN101 From stdin", "  = help: Drop it"]


def test_control_characters_never_reach_the_terminal(build, make_diag, find, sources):
    start = find("ctrl.txt", "red")
    d = make_diag("ctrl.txt", start, start + 3, "LN101", "esc \x1b[2J here")
    out = render("full", build([d]))
    assert "\x1b" not in out
    (block,) = blocks(out)
    text, pad, width = snippet(block)
    # One visible stand-in per control character keeps the columns.
    assert len(text) == len(sources["ctrl.txt"].rstrip("\n"))
    assert text[pad : pad + width] == "red"


def test_color_only_when_asked(report):
    plain = render("full", report)
    assert "\x1b[" not in plain
    colored = render("full", report, color=True)
    assert "\x1b[" in colored
    assert click.unstyle(colored) == plain
    error_code = click.style("LN201", fg="red", bold=True)
    warning_code = click.style("LN101", fg="yellow", bold=True)
    assert error_code in colored and warning_code in colored
    assert click.style("articles/a.md", bold=True) in colored
    assert click.style("^^", fg="red", bold=True) in colored


def test_statistics_table(report):
    out = render("full", report, statistics=True)
    lines = out.splitlines()
    rows = [line.split() for line in lines[:4]]
    assert rows == [
        ["2", "LN101", "double-space", "[*]"],
        ["1", "LN201", "spelling"],
        ["1", "LN401", "boilerplate"],
        ["1", "LN999", "mystery"],
    ]
    # Columns are aligned.
    assert len({line.index("LN") for line in lines[:4]}) == 1
    assert lines[4:] == ["Found 5 problems in 2 files.", "2 fixable with `lintnews fix`."]
    assert "^" not in out


def test_statistics_partial_fixable_marker(build, make_diag):
    fixed = make_diag("b.txt", 0, 1, "LN101", "x", fix=Fix.delete(0, 1, "t"))
    unsafe = make_diag("b.txt", 2, 3, "LN101", "y", fix=Fix.delete(2, 3, "t", Applicability.UNSAFE))
    info = make_diag("b.txt", 4, 5, "LN401", "z", severity=Severity.INFO)
    out = render("full", build([fixed, unsafe, info]), statistics=True)
    assert out.splitlines()[:2] == [
        "2  LN101  double-space  [-]",
        "1  LN401  boilerplate",
    ]


def test_statistics_when_clean(empty_report):
    assert render("full", empty_report, statistics=True) == "All checks passed!\n"


def test_a_long_line_is_shown_as_a_window_around_the_span():
    """Scraped copy keeps a whole article on one line: the block shows the
    span with 60 characters either side, '…' where cut, carets still under it."""
    from click.testing import CliRunner

    from lintnews.cli import main

    before = "word " * 100
    text = before + "The talks ended.Then came rain " + "more " * 100 + "\n"
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "LN103", "-"], input=text)
    lines = result.stdout.splitlines()
    assert lines[0] == "-:1:516: LN103 Missing space after '.'"
    shown = lines[2]
    assert shown.startswith("1 | …") and shown.endswith("…")
    assert len(shown) == len("1 | ") + 1 + 60 + 1 + 60 + 1
    caret_row = lines[3]
    assert caret_row.index("^") == shown.index(".Then")
    assert caret_row.count("^") == 1
