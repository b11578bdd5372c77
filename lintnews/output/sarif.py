"""The ``sarif`` format: a SARIF 2.1.0 log with one run.

Columns and character offsets are Unicode code points (``columnKind`` says
so); ``endColumn`` is exclusive, as SARIF specifies. Artifact URIs are
relative POSIX paths, percent-encoded; a path outside the working directory
becomes a ``file://`` URI.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lintnews.diagnostics import Diagnostic, Fix, Severity

if TYPE_CHECKING:
    from lintnews.output import Report
    from lintnews.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
TOOL_NAME = "lintnews"
INFORMATION_URI = "https://github.com/lintnews/lintnews"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def tool_version() -> str:
    try:
        return importlib.metadata.version("lintnews")
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0"


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative POSIX when possible."""
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            return Path(path).as_uri()
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return Path(path).as_uri()
        path = rel
    posix = path.replace(os.sep, "/") if os.sep != "/" else path
    # Quote everything but "/" so a ":" cannot read as a scheme.
    return urllib.parse.quote(posix, safe="/")


def _descriptor(code: str, rule: type[Rule] | Rule | None, seen: Diagnostic) -> dict[str, Any]:
    name = (rule.name if rule is not None else "") or seen.name
    summary = (rule.summary if rule is not None else "") or name or code
    desc: dict[str, Any] = {"id": code}
    if name:
        desc["name"] = name
    desc["shortDescription"] = {"text": summary}
    doc = rule.documentation() if rule is not None else ""
    if doc:
        desc["fullDescription"] = {"text": doc}
        desc["help"] = {"text": doc, "markdown": doc}
    if rule is not None:
        desc["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    return desc


def _region(d: Diagnostic) -> dict[str, int]:
    region: dict[str, int] = {}
    if d.line >= 1:
        region |= {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line,
            "endColumn": d.end_column,
        }
    region |= {"charOffset": d.start, "charLength": d.end - d.start}
    return region


def _fix(fix: Fix, uri: str) -> dict[str, Any]:
    return {
        "description": {"text": fix.title},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [
                    {
                        "deletedRegion": {
                            "charOffset": e.start,
                            "charLength": e.end - e.start,
                        },
                        "insertedContent": {"text": e.replacement},
                    }
                    for e in sorted(fix.edits, key=lambda e: (e.start, e.end))
                ],
            }
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def log(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    first: dict[str, Diagnostic] = {}
    for d in report.diagnostics:
        first.setdefault(d.code, d)
    codes = sorted(first)
    index = {code: i for i, code in enumerate(codes)}
    rules = [_descriptor(code, report.rules.get(code), first[code]) for code in codes]
    results = []
    for d in report.diagnostics:
        uri = artifact_uri(d.path)
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVELS[d.severity],
            "message": {"text": d.message or d.name or d.code},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": _region(d),
                    }
                }
            ],
        }
        if d.fix is not None:
            result["fixes"] = [_fix(d.fix, uri)]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "informationUri": INFORMATION_URI,
                        "version": tool_version(),
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report) -> str:
    return json.dumps(log(report), indent=2, ensure_ascii=False) + "\n"
