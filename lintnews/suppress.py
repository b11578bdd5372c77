"""Inline suppression directives, scanned from raw lines (not the parsed tree).

Markdown and HTML comments::

    <!-- lintnews: disable LN201,LN403 -- reason -->
    <!-- lintnews: enable -->
    <!-- lintnews: disable-next-line LN101 -->
    <!-- lintnews: disable-file -->

In plain text the same directives may also stand on a line of their own
starting with ``#`` or ``//``. Without codes a directive covers every rule.
Codes may be prefixes (``LN1``) or rule names, like ``--select``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from lintnews.diagnostics import Diagnostic
from lintnews.document import LineIndex

_HTML_DIRECTIVE = regex.compile(r"<!--[ \t]*lintnews:[ \t]*(?P<verb>[\w-]+)(?P<args>(?:(?!-->)[^\r\n])*)-->")
_LINE_DIRECTIVE = regex.compile(
    r"(?m)^[ \t]*(?:#|//)[ \t]*lintnews:[ \t]*(?P<verb>[\w-]+)(?P<args>[^\r\n]*)$"
)
VERBS = ("disable", "enable", "disable-next-line", "disable-file")
ALL = "*"


@dataclass(frozen=True)
class DirectiveProblem:
    start: int
    end: int
    message: str


@dataclass
class Suppressions:
    # Per selector (or ALL): list of [first_line, last_line] ranges, inclusive.
    ranges: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    file_wide: set[str] = field(default_factory=set)
    problems: list[DirectiveProblem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.ranges or self.file_wide)

    def is_suppressed(self, diag: Diagnostic, matches: Callable[[str, str], bool]) -> bool:
        """``matches(selector, code)`` decides whether a selector names the rule."""
        for sel in self.file_wide:
            if sel == ALL or matches(sel, diag.code):
                return True
        for sel, spans in self.ranges.items():
            if sel != ALL and not matches(sel, diag.code):
                continue
            for first, last in spans:
                if first <= diag.line <= last:
                    return True
        return False


def _parse_codes(args: str) -> list[str]:
    # `-- reason` ends the code list.
    codes_part = args.split("--", 1)[0]
    return [c for c in regex.split(r"[\s,]+", codes_part.strip()) if c]


def parse(text: str, markup: str, lines: LineIndex | None = None) -> Suppressions:
    if "lintnews:" not in text:
        return Suppressions()
    lines = lines or LineIndex(text)
    found = [(m.start(), m.end(), m["verb"], m["args"]) for m in _HTML_DIRECTIVE.finditer(text)]
    if markup != "markdown":
        found.extend((m.start(), m.end(), m["verb"], m["args"]) for m in _LINE_DIRECTIVE.finditer(text))
    found.sort()
    result = Suppressions()
    open_since: dict[str, int] = {}
    last_line = lines.line_count
    for start, end, verb, args in found:
        line = lines.line_of(start)
        codes = _parse_codes(args) or [ALL]
        if verb == "disable":
            for code in codes:
                open_since.setdefault(code, line)
        elif verb == "enable":
            targets = list(open_since) if codes == [ALL] else codes
            for code in targets:
                begun = open_since.pop(code, None)
                if begun is None:
                    result.problems.append(
                        DirectiveProblem(start, end, f"'enable {code}' without a matching 'disable'")
                    )
                    continue
                result.ranges.setdefault(code, []).append((begun, line))
        elif verb == "disable-next-line":
            for code in codes:
                result.ranges.setdefault(code, []).append((line + 1, line + 1))
        elif verb == "disable-file":
            result.file_wide.update(codes)
        else:
            result.problems.append(
                DirectiveProblem(
                    start, end, f"unknown directive '{verb}' (expected one of: {', '.join(VERBS)})"
                )
            )
    for code, begun in open_since.items():
        result.ranges.setdefault(code, []).append((begun, last_line))
    return result
