"""Shared fixtures for the output-format tests: real diagnostics over real text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lintnews.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lintnews.document import LineIndex
from lintnews.output import Report
from lintnews.rule import Rule

#: The checked texts. Line 2 of a.md has tabs; line 3 ends in CRLF.
SOURCES: dict[str, str] = {
    "articles/a.md": (
        "Héadline: “Café” opens\n\tIndented\ttab  here\nSecond line spans\r\ninto the third.\n"
    ),
    "b.txt": "Ça va, <b>&amp;</b> 100% sure\nend\n",
    "ctrl.txt": "bad \x1b[31mred\x1b[0m text\n",
}

#: A message with every character the formats must escape.
NASTY = 'Say “café”, not "cafe": 100% sure, <b>&</b>'


class SpaceRule(Rule):
    """## What it flags
    Two spaces in a row.

    ## Fix safety
    Safe.
    """

    code = "LN101"
    name = "double-space"
    summary = "Doubled space"
    severity = Severity.WARNING
    fixable = True


class SpellRule(Rule):
    """## What it flags
    A misspelt word."""

    code = "LN201"
    name = "spelling"
    summary = "Misspelt word"
    severity = Severity.ERROR


class BoilerRule(Rule):
    code = "LN401"
    name = "boilerplate"
    summary = "Boilerplate paragraph"
    severity = Severity.INFO


RULES: dict[str, type[Rule] | Rule] = {
    "LN101": SpaceRule,
    "LN201": SpellRule(),  # an instance, as the engine may hold
    "LN401": BoilerRule,
    # LN999 deliberately missing.
}


def diag(
    path: str,
    start: int,
    end: int,
    code: str,
    message: str,
    *,
    name: str = "",
    severity: Severity = Severity.WARNING,
    fix: Fix | None = None,
) -> Diagnostic:
    """A Diagnostic positioned the way ``Context.report`` positions it."""
    lines = LineIndex(SOURCES[path]) if path in SOURCES else LineIndex("")
    line, col = lines.position(start)
    end_line, end_col = lines.position(end)
    return Diagnostic(
        code=code,
        name=name or getattr(RULES.get(code), "name", "") or code.lower(),
        message=message,
        span=Span(start, end),
        severity=severity,
        fix=fix,
        path=path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
    )


def offset(path: str, needle: str, nth: int = 0) -> int:
    text = SOURCES[path]
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return at


def source_line(path: str, line: int) -> str | None:
    if path not in SOURCES:
        return None
    index = LineIndex(SOURCES[path])
    if not 1 <= line <= index.line_count:
        return None
    return index.line_text(line)


def make_report(diagnostics: list[Diagnostic], files_checked: int = 3, fixable: int = 0) -> Report:
    return Report(
        diagnostics=sorted(diagnostics, key=Diagnostic.sort_key),
        files_checked=files_checked,
        source_line=source_line,
        rules=RULES,
        fixable_applicable=fixable,
    )


def sample_diagnostics() -> list[Diagnostic]:
    a, b = "articles/a.md", "b.txt"
    ds = offset(a, "  ")
    tab = offset(a, "Indented")
    spans = offset(a, "spans")
    return [
        # Safe fix on the tabbed line: the double space.
        diag(
            a,
            ds,
            ds + 2,
            "LN101",
            "Doubled space",
            fix=Fix.replace(ds, ds + 2, " ", "Replace with one space"),
        ),
        # A span that contains a tab.
        diag(
            a,
            tab,
            tab + len("Indented\ttab"),
            "LN999",
            "Unknown-rule span",
            name="mystery",
            severity=Severity.ERROR,
        ),
        # Unicode line, nasty message, unsafe fix.
        diag(
            a,
            offset(a, "Café"),
            offset(a, "Café") + 4,
            "LN201",
            NASTY,
            severity=Severity.ERROR,
            fix=Fix.replace(
                offset(a, "Café"),
                offset(a, "Café") + 4,
                "Cafe",
                "Spell it “Cafe”",
                Applicability.UNSAFE,
            ),
        ),
        # Multi-line span (crosses the CRLF), display-only fix.
        diag(
            a,
            spans,
            offset(a, "third"),
            "LN401",
            "Spans lines",
            severity=Severity.INFO,
            fix=Fix.delete(spans, offset(a, "third"), "Rewrite", Applicability.DISPLAY_ONLY),
        ),
        # Second file, with a safe multi-edit fix.
        diag(
            b,
            offset(b, "100%"),
            offset(b, "100%") + 4,
            "LN101",
            "100%: sure, <&>",
            fix=Fix(
                (
                    # deliberately out of order
                    Edit(offset(b, "sure"), offset(b, "sure") + 4, "certain"),
                    Edit(offset(b, "100%"), offset(b, "100%") + 4, "all"),
                ),
                Applicability.SAFE,
                "Reword",
            ),
        ),
    ]


@pytest.fixture
def diagnostics() -> list[Diagnostic]:
    return sample_diagnostics()


@pytest.fixture
def report(diagnostics: list[Diagnostic]) -> Report:
    return make_report(diagnostics, files_checked=3, fixable=2)


@pytest.fixture
def empty_report() -> Report:
    return make_report([], files_checked=4)


@pytest.fixture
def build() -> Callable[..., Report]:
    """``build(diagnostics, files_checked=3, fixable=0)`` -> Report."""
    return make_report


@pytest.fixture
def lines() -> Callable[[str, int], str | None]:
    """``lines(path, line)`` -> that line of a sample text (a Report's ``source_line``)."""
    return source_line


@pytest.fixture
def make_diag() -> Callable[..., Diagnostic]:
    """``make_diag(path, start, end, code, message, **kw)`` -> Diagnostic."""
    return diag


@pytest.fixture
def find() -> Callable[..., int]:
    """``find(path, needle, nth=0)`` -> offset of needle in SOURCES[path]."""
    return offset


@pytest.fixture
def sources() -> dict[str, str]:
    return SOURCES


@pytest.fixture
def nasty() -> str:
    return NASTY
