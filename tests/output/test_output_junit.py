"""The ``junit`` format: JUnit XML that ElementTree parses back."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from lintnews.output import render


def test_structure_and_values(report):
    out = render("junit", report)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "lintnews"
    assert suite.get("tests") == "3"  # files_checked
    assert suite.get("failures") == "2"  # files with problems
    cases = suite.findall("testcase")
    assert [c.get("classname") for c in cases] == ["articles/a.md", "b.txt"]
    got = [
        (c.get("classname"), f.get("type"), f.get("message"), f.text)
        for c in cases
        for f in c.findall("failure")
    ]
    want = [
        (d.path, d.code, d.message, f"{d.line}:{d.column}: {d.code} {d.message}") for d in report.diagnostics
    ]
    assert got == want


def test_special_characters_survive(report, nasty):
    root = ET.fromstring(render("junit", report))
    first = root.find("testsuite/testcase/failure")
    assert first.get("message") == nasty
    assert first.text == f"1:12: LN201 {nasty}"


def test_characters_illegal_in_xml_are_dropped(build, make_diag):
    d = make_diag("b.txt", 0, 1, "LN101", "bell\x07 nul\x00 esc\x1b ok\ttab\ufffe\ud800 end")
    d = dataclasses.replace(d, path="we\x01ird.md")
    out = render("junit", build([d]))
    root = ET.fromstring(out)
    case = root.find("testsuite/testcase")
    assert case.get("classname") == "weird.md"
    failure = case.find("failure")
    assert failure.get("message") == "bell nul esc ok\ttab end"
    assert failure.text == "1:1: LN101 bell nul esc ok\ttab end"


def test_multiline_message_attribute_round_trips(build, make_diag):
    d = make_diag("b.txt", 0, 1, "LN101", "line one\nline two")
    root = ET.fromstring(render("junit", build([d])))
    assert root.find("testsuite/testcase/failure").get("message") == "line one\nline two"


def test_empty(empty_report):
    root = ET.fromstring(render("junit", empty_report))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("4", "0")
    assert suite.findall("testcase") == []
