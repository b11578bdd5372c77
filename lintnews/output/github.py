"""The ``github`` format: GitHub Actions workflow commands (annotations)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lintnews.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from lintnews.output import Report

_COMMAND = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property value (``key=value``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic) -> str:
    props = [f"file={escape_property(d.path)}"]
    if d.line >= 1:
        props += [
            f"line={d.line}",
            f"col={d.column}",
            f"endLine={d.end_line}",
            f"endColumn={d.end_column}",
        ]
    title = f"{d.code} ({d.name})" if d.name else d.code
    props.append(f"title={escape_property(title)}")
    return f"::{_COMMAND[d.severity]} {','.join(props)}::{escape_data(f'{d.code} {d.message}')}"


def render(report: Report) -> str:
    return body(report)


def body(report: Report, color: bool = False) -> str:
    return "".join(command(d) + "\n" for d in report.diagnostics)
