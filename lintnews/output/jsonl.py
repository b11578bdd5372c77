"""The ``jsonl`` format: one compact ``Diagnostic.to_dict()`` object per line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintnews.output import Report

# JSON leaves these unescaped, but str.splitlines() and some line readers
# break lines on them; inside JSON they can only occur in strings, so
# escaping them keeps every record on one line and the JSON unchanged.
_LINE_BREAKERS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def render(report: Report) -> str:
    return body(report)


def body(report: Report, color: bool = False) -> str:
    return "".join(
        json.dumps(d.to_dict(), ensure_ascii=False, separators=(",", ":")).translate(_LINE_BREAKERS) + "\n"
        for d in report.diagnostics
    )
