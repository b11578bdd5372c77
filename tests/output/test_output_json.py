"""The ``json`` format: an indented array of ``Diagnostic.to_dict()``."""

from __future__ import annotations

import json

from lintnews.output import render


def test_round_trips_to_dicts(report):
    out = render("json", report)
    assert out.endswith("\n")
    assert json.loads(out) == [d.to_dict() for d in report.diagnostics]
    assert out.startswith('[\n  {\n    "path": ')  # indented 2


def test_exact_values(report, nasty, sources):
    data = json.loads(render("json", report))
    first = data[0]
    assert first == {
        "path": "articles/a.md",
        "code": "LN201",
        "name": "spelling",
        "severity": "error",
        "message": nasty,
        "line": 1,
        "column": 12,
        "end_line": 1,
        "end_column": 16,
        "start": 11,
        "end": 15,
        "fix": {
            "applicability": "unsafe",
            "title": "Spell it “Cafe”",
            "edits": [{"start": 11, "end": 15, "replacement": "Cafe"}],
        },
    }
    for item in data:
        assert sources[item["path"]][item["start"] : item["end"]]
    assert data[1]["fix"] is None


def test_empty(empty_report):
    assert render("json", empty_report) == "[]\n"
    assert json.loads(render("json", empty_report)) == []
