"""The ``json`` format: an indented JSON array of ``Diagnostic.to_dict()``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintnews.diagnostics import Diagnostic
    from lintnews.output import Report


def render(report: Report) -> str:
    return json.dumps([d.to_dict() for d in report.diagnostics], indent=2, ensure_ascii=False) + "\n"


def element(d: Diagnostic) -> str:
    """``d`` as it appears inside :func:`render`'s array (indented, no comma),
    so a streamed run can print the array one element at a time."""
    return "  " + json.dumps(d.to_dict(), indent=2, ensure_ascii=False).replace("\n", "\n  ")
