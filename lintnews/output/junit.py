"""The ``junit`` format: JUnit XML, one test case per file with problems.

Each diagnostic is a ``<failure>`` of its file's test case. ``tests`` counts
the files checked (at least the failing ones); ``failures`` the failing files.
Characters XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE/F)
are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from lintnews.diagnostics import Diagnostic

if TYPE_CHECKING:
    from lintnews.output import Report

_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML_CHAR.sub("", text)


def render(report: Report) -> str:
    by_path: dict[str, list[Diagnostic]] = {}
    for d in report.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    tests = str(max(report.files_checked, len(by_path)))
    failures = str(len(by_path))
    root = ET.Element("testsuites", name="lintnews", tests=tests, failures=failures, errors="0")
    suite = ET.SubElement(
        root,
        "testsuite",
        name="lintnews",
        tests=tests,
        failures=failures,
        errors="0",
        skipped="0",
    )
    for path, diagnostics in by_path.items():
        case = ET.SubElement(suite, "testcase", classname=xml_safe(path), name=xml_safe(path))
        for d in diagnostics:
            failure = ET.SubElement(case, "failure", message=xml_safe(d.message), type=xml_safe(d.code))
            failure.text = xml_safe(f"{d.line}:{d.column}: {d.code} {d.message}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
