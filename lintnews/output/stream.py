"""Print a run's diagnostics document by document, as the results arrive.

A batch run yields each document's findings in input order, and the run
visits its inputs sorted by path, so the findings can be printed as they
come: the output is byte for byte what :func:`lintnews.output.render` gives
for the whole run, but the run holds one document's findings at a time and
its memory does not grow with the corpus. Printing also overlaps the work of
the worker processes instead of following it.

SARIF and JUnit group findings by rule or by file around the whole run, so
those two formats are still rendered at the end (:data:`STREAMED` lacks them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from lintnews.output import Report, Tally, format_module

if TYPE_CHECKING:
    from lintnews.diagnostics import Diagnostic

__all__ = ["STREAMED", "Stream"]

#: The formats that can be printed one document at a time.
STREAMED = frozenset({"full", "concise", "json", "jsonl", "github"})


def _no_lines(path: str, line: int) -> str | None:
    return None


class Stream:
    """One run's output, written through ``echo`` as documents are added.

    ``quiet`` drops the summary of the text formats, as ``--quiet`` does.
    """

    def __init__(
        self,
        fmt: str,
        echo: Callable[[str], None],
        *,
        color: bool = False,
        statistics: bool = False,
        quiet: bool = False,
    ) -> None:
        if fmt not in STREAMED:
            raise ValueError(f"the {fmt!r} format is rendered for the whole run, not streamed")
        self.fmt = fmt
        self.echo = echo
        self.color = color
        self.statistics = statistics and fmt in ("full", "concise")
        self.quiet = quiet
        self.written = 0  # diagnostics printed so far
        self._module = format_module(fmt)

    @property
    def wants_lines(self) -> bool:
        """Whether :meth:`add` needs the flagged lines' text (only ``full`` shows them)."""
        return self.fmt == "full" and not self.statistics

    def add(
        self,
        diagnostics: Sequence[Diagnostic],
        source_line: Callable[[str, int], str | None] = _no_lines,
    ) -> None:
        """Print one document's diagnostics, already sorted by span."""
        if not diagnostics or self.statistics:
            return
        if self.fmt == "json":
            element = self._module.element
            lead = ",\n" if self.written else "[\n"
            out = lead + ",\n".join(element(d) for d in diagnostics)
        else:
            part = Report(diagnostics, 0, source_line, {}, tally=Tally())
            out = self._module.body(part, self.color)
            if self.fmt == "full":
                # Blocks are separated by a blank line: printed before each
                # block but the first, so that --quiet ends on the last block.
                out = ("\n" if self.written else "") + out[:-1]
        self.written += len(diagnostics)
        self.echo(out)

    def close(self, tally: Tally, files_checked: int, fixable: int, *, summary: bool = True) -> None:
        """Print what follows the diagnostics: the end of the JSON array, or
        the statistics table and the summary (not with ``summary=False``,
        e.g. when a file could not be read and "All checks passed!" would be false)."""
        if self.fmt == "json":
            self.echo("\n]\n" if self.written else "[]\n")
            return
        if self.fmt not in ("full", "concise"):
            return
        from lintnews.output.full import statistics_table
        from lintnews.output.full import summary as summary_lines

        report = Report((), files_checked, _no_lines, {}, fixable, tally)
        lines = statistics_table(report, self.color) if self.statistics else []
        if summary and not self.quiet:
            lines += summary_lines(report)
        if not lines:
            return
        gap = "\n" if self.fmt == "full" and self.written else ""
        self.echo(gap + "\n".join(lines) + "\n")
