"""The ``concise`` format: one ``path:line:col: CODE [*] message`` line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lintnews.output.full import (
    has_safe_fix,
    location,
    printable,
    statistics_table,
    style_code,
)
from lintnews.output.full import summary as summary_lines

if TYPE_CHECKING:
    from lintnews.output import Report


def render(report: Report, *, color: bool = False, statistics: bool = False) -> str:
    if statistics:
        body = statistics_table(report, color)
    else:
        body = [
            f"{location(d, color)} {style_code(d, d.code, color)}"
            f"{' [*]' if has_safe_fix(d) else ''} {printable(d.message)}"
            for d in report.diagnostics
        ]
    return "\n".join([*body, *summary_lines(report)]) + "\n"
