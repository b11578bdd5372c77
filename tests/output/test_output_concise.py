"""The ``concise`` format: one line per diagnostic, then the summary."""

from __future__ import annotations

import re

import click

from lintnews.output import render

LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+)(?P<fix> \[\*\])? "
    r"(?P<msg>.*)$"
)


def test_one_line_each_then_summary(report):
    lines = render("concise", report).splitlines()
    n = len(report.diagnostics)
    assert lines[n:] == ["Found 5 problems in 2 files.", "2 fixable with `lintnews fix`."]
    for line, d in zip(lines[:n], report.diagnostics, strict=True):
        m = LINE.match(line)
        assert m, line
        assert (m["path"], int(m["line"]), int(m["col"]), m["code"], m["msg"]) == (
            d.path,
            d.line,
            d.column,
            d.code,
            d.message,
        )
        # [*] only for a safe fix: not for unsafe or display-only ones.
        safe = d.fix is not None and d.fix.applicability.value == "safe"
        assert bool(m["fix"]) is safe


def test_exact_lines(report):
    lines = render("concise", report).splitlines()
    assert lines[0] == ('articles/a.md:1:12: LN201 Say “café”, not "cafe": 100% sure, <b>&</b>')
    assert lines[2] == "articles/a.md:2:14: LN101 [*] Doubled space"
    assert lines[3] == "articles/a.md:3:13: LN401 Spans lines"


def test_clean(empty_report):
    assert render("concise", empty_report) == "All checks passed!\n"


def test_newline_in_message_stays_on_one_line(build, make_diag):
    d = make_diag("b.txt", 0, 1, "LN101", "two\nlines\x1b")
    out = render("concise", build([d]))
    assert out.splitlines()[0] == "b.txt:1:1: LN101 two\u240alines\u241b"


def test_color(report):
    plain = render("concise", report)
    colored = render("concise", report, color=True)
    assert "\x1b[" not in plain
    assert click.unstyle(colored) == plain
    assert click.style("LN401", fg="blue", bold=True) in colored


def test_statistics(report):
    out = render("concise", report, statistics=True)
    assert out == render("full", report, statistics=True)
    assert out.splitlines()[0] == "2  LN101  double-space  [*]"
