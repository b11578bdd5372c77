"""The ``full`` format: ruff-like diagnostics with the source line and carets.

Also home of the helpers both text formats share: the summary, the
``--statistics`` table and terminal-safe text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from lintnews.diagnostics import Applicability, Diagnostic, Severity

if TYPE_CHECKING:
    from lintnews.output import Report

#: Columns per tab stop when a source line is shown.
TAB_WIDTH = 4

_SEVERITY_COLOR = {
    Severity.ERROR: "red",
    Severity.WARNING: "yellow",
    Severity.INFO: "blue",
}

# C0 controls (but tab) and DEL become their Unicode "control pictures"; C1
# controls become U+FFFD. One code point each, so columns still line up, and
# an article cannot drive the terminal (ESC sequences) through our output.
_PRINTABLE: dict[int, int] = {c: 0x2400 + c for c in range(0x20) if c != 0x09}
_PRINTABLE[0x7F] = 0x2421
_PRINTABLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def printable(text: str) -> str:
    """``text`` with terminal control characters replaced one-for-one (tabs kept)."""
    return text.translate(_PRINTABLE)


def has_safe_fix(d: Diagnostic) -> bool:
    return d.fix is not None and d.fix.applicability is Applicability.SAFE


def style_code(d: Diagnostic, text: str, color: bool) -> str:
    return click.style(text, fg=_SEVERITY_COLOR[d.severity], bold=True) if color else text


def style_path(path: str, color: bool) -> str:
    return click.style(path, bold=True) if color else path


def location(d: Diagnostic, color: bool) -> str:
    """``path:line:col:`` with the path styled."""
    return f"{style_path(printable(d.path), color)}:{d.line}:{d.column}:"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(report: Report) -> list[str]:
    """The closing lines: problem count and fixable count, or the all-clear."""
    tally = report.tally
    assert tally is not None
    if tally.problems == 0:
        return ["All checks passed!"]
    lines = [f"Found {_plural(tally.problems, 'problem')} in {_plural(tally.files, 'file')}."]
    if report.fixable_applicable > 0:
        lines.append(f"{report.fixable_applicable} fixable with `lintnews fix`.")
    return lines


def statistics_table(report: Report, color: bool) -> list[str]:
    """One row per code: count, code, name, fixable marker; by count descending.

    The marker is ``[*]`` when every diagnostic of the code has a safe fix,
    ``[-]`` when only some do, and nothing otherwise.
    """
    assert report.tally is not None
    groups = report.tally.codes
    if not groups:
        return []
    rows = sorted(groups.items(), key=lambda item: (-item[1].count, item[0]))
    count_w = max(len(str(c.count)) for _, c in rows)
    code_w = max(len(code) for code, _ in rows)
    name_w = max(len(printable(c.first.name)) for _, c in rows)
    out = []
    for code, c in rows:
        marker = "[*]" if c.safe == c.count else "[-]" if c.safe else ""
        code_cell = style_code(c.first, code.ljust(code_w), color)
        name = printable(c.first.name).ljust(name_w)
        out.append(f"{c.count:>{count_w}}  {code_cell}  {name}  {marker}".rstrip())
    return out


def _help(d: Diagnostic, color: bool) -> str | None:
    if d.fix is None:
        return None
    label = click.style("help", fg="cyan", bold=True) if color else "help"
    marker = {
        Applicability.SAFE: "",
        Applicability.UNSAFE: " [unsafe]",
        Applicability.DISPLAY_ONLY: " [suggestion]",
    }[d.fix.applicability]
    return f"{label}: {printable(d.fix.title)}{marker}"


#: Lines longer than this are shown as a window around the span: scraped
#: copy often holds a whole article on one line, and printing it under every
#: finding made the output (and its memory) grow with findings x line length.
LONG_LINE = 200
#: Characters of context shown on each side of the span on a long line.
CONTEXT = 60


def caret_columns(source: str, d: Diagnostic) -> tuple[int, int]:
    """(indent, width) of the caret row under ``source`` once tabs are expanded.

    The span's columns are clamped to the line; a span running past the line
    is underlined to its end; the width is at least 1.
    """
    start, end = _span_on_line(source, d)
    return _carets(source, start, end)


class LineTail(str):
    """The end of a line whose first ``skipped`` characters are not at hand
    (a huge file read in pieces, :mod:`lintnews.pieces`): columns count from
    the line's real start, the text from ``skipped`` on."""

    skipped: int = 0

    @classmethod
    def of(cls, text: str, skipped: int) -> LineTail:
        tail = cls(text)
        tail.skipped = skipped
        return tail


def _span_on_line(source: str, d: Diagnostic) -> tuple[int, int]:
    skipped = getattr(source, "skipped", 0)
    start = min(max(d.column - 1 - skipped, 0), len(source))
    end = d.end_column - 1 - skipped if d.end_line == d.line else len(source)
    return start, min(max(end, start), len(source))


def _carets(source: str, start: int, end: int) -> tuple[int, int]:
    indent = len(source[:start].expandtabs(TAB_WIDTH))
    width = len(source[:end].expandtabs(TAB_WIDTH)) - indent
    return indent, max(width, 1)


def window(source: str, d: Diagnostic) -> tuple[str, int, int]:
    """The part of ``source`` to show and the span's columns in it: the
    whole line if short, else the span with ``CONTEXT`` characters either
    side (the span itself cut to ``2 * CONTEXT``), with '…' where cut."""
    start, end = _span_on_line(source, d)
    skipped = getattr(source, "skipped", 0)
    if len(source) <= LONG_LINE and not skipped:
        return source, start, end
    lo = max(0, start - CONTEXT)
    hi = min(len(source), min(end, start + 2 * CONTEXT) + CONTEXT)
    head = "…" if lo > 0 or skipped else ""
    tail = "…" if hi < len(source) else ""
    shift = len(head) - lo
    return f"{head}{source[lo:hi]}{tail}", start + shift, min(end, hi) + shift


def _block(d: Diagnostic, report: Report, color: bool) -> list[str]:
    lines = [f"{location(d, color)} {style_code(d, d.code, color)} {printable(d.message)}"]
    number = str(d.line)
    gutter = " " * (len(number) + 1)
    source = report.source_line(d.path, d.line) if d.line >= 1 else None
    if source is not None:
        # Cut first, then make printable: one code point for one, so the
        # columns hold, and a long line is not translated once per finding.
        line = source.rstrip("\r\n")
        if isinstance(source, LineTail):
            line = LineTail.of(line, source.skipped)
        shown, start, end = window(line, d)
        source = printable(shown)
        indent, width = _carets(source, start, end)
        carets = "^" * width
        if color:
            carets = click.style(carets, fg="red", bold=True)
        lines.append(f"{gutter}|")
        lines.append(f"{number} | {source.expandtabs(TAB_WIDTH)}".rstrip())
        lines.append(f"{gutter}| {' ' * indent}{carets}")
    help_line = _help(d, color)
    if help_line is not None:
        lines.append(f"{gutter}= {help_line}")
    return lines


def body(report: Report, color: bool = False) -> str:
    """The diagnostics, each a block and a blank line: no summary."""
    return "".join("\n".join(_block(d, report, color)) + "\n\n" for d in report.diagnostics)


def ending(report: Report, color: bool = False, statistics: bool = False) -> str:
    """What follows the diagnostics: the statistics table if asked, and the summary."""
    head = statistics_table(report, color) if statistics else []
    return "\n".join([*head, *summary(report)]) + "\n"


def render(report: Report, *, color: bool = False, statistics: bool = False) -> str:
    if statistics:
        return ending(report, color, statistics)
    return body(report, color) + ending(report, color)
