"""The ``concise`` format: one ``path:line:col: CODE [*] message`` line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lintnews.output.full import ending, has_safe_fix, location, printable, style_code

if TYPE_CHECKING:
    from lintnews.output import Report


def body(report: Report, color: bool = False) -> str:
    """One line per diagnostic: no summary."""
    return "".join(
        f"{location(d, color)} {style_code(d, d.code, color)}"
        f"{' [*]' if has_safe_fix(d) else ''} {printable(d.message)}\n"
        for d in report.diagnostics
    )


def render(report: Report, *, color: bool = False, statistics: bool = False) -> str:
    if statistics:
        return ending(report, color, statistics)
    return body(report, color) + ending(report, color)
