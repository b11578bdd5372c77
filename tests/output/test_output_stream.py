"""``lintnews.output.stream``: printing document by document gives exactly the
whole-run rendering, for every streamed format, with and without findings."""

from __future__ import annotations

from itertools import groupby

import pytest

from lintnews.diagnostics import Diagnostic, Severity
from lintnews.output import FORMATS, Tally, render
from lintnews.output.stream import STREAMED, Stream


@pytest.fixture
def streamed(lines):
    """``streamed(fmt, diagnostics, ...)``: the text a Stream prints, fed one path at a time."""
    return lambda *args, **kw: _streamed(lines, *args, **kw)


def _streamed(
    source_line, fmt: str, diagnostics: list[Diagnostic], *, statistics=False, quiet=False, fixable=0
) -> str:
    chunks: list[str] = []
    stream = Stream(fmt, chunks.append, statistics=statistics, quiet=quiet)
    tally = Tally()
    for _, group in groupby(sorted(diagnostics, key=Diagnostic.sort_key), key=lambda d: d.path):
        ds = list(group)
        tally.add(ds)
        stream.add(ds, source_line)
    stream.close(tally, 3, fixable)
    return "".join(chunks)


def test_streamed_formats_are_the_text_and_line_formats():
    assert STREAMED == {"full", "concise", "json", "jsonl", "github"}
    assert set(STREAMED) < set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(STREAMED))
@pytest.mark.parametrize("statistics", [False, True])
def test_stream_equals_whole_run_render(fmt, statistics, diagnostics, streamed, build):
    expected = render(fmt, build(diagnostics, fixable=2), statistics=statistics)
    assert streamed(fmt, diagnostics, statistics=statistics, fixable=2) == expected


@pytest.mark.parametrize("fmt", sorted(STREAMED))
def test_stream_without_findings_equals_render(fmt, streamed, build):
    assert streamed(fmt, []) == render(fmt, build([]))


def test_json_stream_is_one_valid_array(diagnostics, streamed):
    import json

    out = streamed("json", diagnostics)
    assert [d["code"] for d in json.loads(out)] == ["LN201", "LN999", "LN101", "LN401", "LN101"]
    assert streamed("json", []) == "[]\n"


def test_quiet_full_drops_the_summary_and_the_blank_line_after_the_last_block(diagnostics, streamed):
    b_only = [d for d in diagnostics if d.path == "b.txt"]
    out = streamed("full", b_only, quiet=True)
    assert (
        out
        == (
            "b.txt:1:21: LN101 100%: sure, <&>\n"
            "  |\n"
            "1 | Ça va, <b>&amp;</b> 100% sure\n"
            "  |                     ^^^^\n"
            "  = help: Reword"
        )
        + "\n"
    )


def test_quiet_concise_prints_findings_only(diagnostics, streamed):
    out = streamed("concise", diagnostics, quiet=True, fixable=2)
    assert out.splitlines() == [
        "articles/a.md:1:12: LN201 " + diagnostics[2].message,
        "articles/a.md:2:2: LN999 Unknown-rule span",
        "articles/a.md:2:14: LN101 [*] Doubled space",
        "articles/a.md:3:13: LN401 Spans lines",
        "b.txt:1:21: LN101 [*] 100%: sure, <&>",
    ]
    assert streamed("concise", [], quiet=True) == ""


def test_quiet_statistics_keeps_the_table_only(diagnostics, streamed):
    out = streamed("concise", diagnostics, statistics=True, quiet=True)
    assert out.splitlines() == [
        "2  LN101  double-space  [*]",
        "1  LN201  spelling",
        "1  LN401  boilerplate",
        "1  LN999  mystery",
    ]


def test_close_without_summary_prints_nothing_when_nothing_was_found():
    chunks: list[str] = []
    stream = Stream("full", chunks.append)
    stream.close(Tally(), 1, 0, summary=False)
    assert chunks == []


def test_whole_run_formats_are_not_streamed():
    for fmt in ("sarif", "junit"):
        with pytest.raises(ValueError, match=fmt):
            Stream(fmt, print)


def test_tally_counts_problems_files_codes_and_worst_severity(diagnostics, make_diag):
    tally = Tally.of(diagnostics)
    assert (tally.problems, tally.files) == (5, 2)
    assert {code: (c.count, c.safe) for code, c in tally.codes.items()} == {
        "LN101": (2, 2),
        "LN999": (1, 0),
        "LN201": (1, 0),
        "LN401": (1, 0),
    }
    assert tally.worst == Severity.ERROR.rank
    assert Tally().worst == -1
    info = Tally.of([make_diag("b.txt", 0, 2, "LN401", "x", severity=Severity.INFO)])
    assert info.worst == Severity.INFO.rank
