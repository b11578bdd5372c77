"""The ``jsonl`` format: one compact object per line."""

from __future__ import annotations

import json

from lintnews.output import render


def test_one_object_per_line(report):
    out = render("jsonl", report)
    lines = out.splitlines()
    assert len(lines) == len(report.diagnostics)
    assert [json.loads(line) for line in lines] == [d.to_dict() for d in report.diagnostics]
    for line in lines:  # compact: no spaces after separators
        assert line == json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
    assert out.endswith("}\n")


def test_empty_prints_nothing(empty_report):
    assert render("jsonl", empty_report) == ""


def test_unicode_line_separators_do_not_split_records(build, make_diag):
    message = "a\u2028b\u2029c\x85d\ne"
    out = render("jsonl", build([make_diag("b.txt", 0, 1, "LN101", message)]))
    (line,) = out.splitlines()  # str.splitlines breaks on U+2028 etc.
    assert json.loads(line)["message"] == message
    unicode_out = render("jsonl", build([make_diag("b.txt", 0, 1, "LN101", "Ça")]))
    assert '"message":"Ça"' in unicode_out  # non-ASCII kept readable
