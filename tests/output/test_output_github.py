"""The ``github`` format: workflow-command annotations, escaped."""

from __future__ import annotations

import dataclasses
import re

from lintnews.diagnostics import Severity
from lintnews.output import render

COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<data>.*)$")


def unescape(text: str) -> str:
    # %25 last, so "%253A" stays "%3A".
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ",")):
        text = text.replace(escaped, char)
    return text.replace("%25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(item.split("=", 1) for item in m["props"].split(","))
    return m["level"], {k: unescape(v) for k, v in props.items()}, unescape(m["data"])


def test_every_line_parses_back(report):
    lines = render("github", report).splitlines()
    assert len(lines) == len(report.diagnostics)
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for line, d in zip(lines, report.diagnostics, strict=True):
        level, props, data = parse(line)
        assert level == levels[d.severity]
        assert props == {
            "file": d.path,
            "line": str(d.line),
            "col": str(d.column),
            "endLine": str(d.end_line),
            "endColumn": str(d.end_column),
            "title": f"{d.code} ({d.name})",
        }
        assert data == f"{d.code} {d.message}"


def test_exact_line(report):
    lines = render("github", report).splitlines()
    assert lines[-1] == (
        "::warning file=b.txt,line=1,col=21,endLine=1,endColumn=25,"
        "title=LN101 (double-space)::LN101 100%25: sure, <&>"
    )
    assert lines[3].startswith("::notice file=articles/a.md,line=3,col=13,endLine=4,")


def test_escaping_in_properties_and_data(build, make_diag):
    d = make_diag("b.txt", 0, 1, "LN101", "50%\r\nnext: a, b", name="odd:name,x")
    d = dataclasses.replace(d, path="dir,1/a:b%.md")
    (line,) = render("github", build([d])).splitlines()
    assert "file=dir%2C1/a%3Ab%25.md," in line
    assert "title=LN101 (odd%3Aname%2Cx)::" in line
    assert line.endswith("::LN101 50%25%0D%0Anext: a, b")
    _, props, data = parse(line)
    assert props["file"] == "dir,1/a:b%.md"
    assert props["title"] == "LN101 (odd:name,x)"
    assert data == "LN101 50%\r\nnext: a, b"


def test_empty(empty_report):
    assert render("github", empty_report) == ""
