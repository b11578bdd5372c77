"""LN0xx: problems with lintnews's own inline directives."""

from __future__ import annotations

from lintnews.diagnostics import Severity
from lintnews.document import Document, RegionKind
from lintnews.rule import Context, Example, Rule


class InvalidDirective(Rule):
    """## What it flags
    A `lintnews:` suppression comment that lintnews cannot use: an unknown verb
    (`disabel`), or an `enable` with no `disable` before it.

    ## Why
    A directive that silently does nothing leaves the editor believing a
    finding is suppressed, or that a rule runs when it does not.

    ## Example
    `<!-- lintnews: disabel LN101 -->` should be `<!-- lintnews: disable LN101 -->`.

    ## Fix safety
    No fix: only the author knows what the directive was meant to say.
    """

    code = "LN001"
    name = "invalid-directive"
    summary = "Invalid lintnews directive"
    severity = Severity.ERROR
    in_quotes = True
    # A lintnews directive is checked wherever it is.
    in_code = True
    # Directives live in comments, which every other rule skips.
    scopes = frozenset(RegionKind)
    examples = (Example("<!-- lintnews: disabel LN101 -->\n"),)
    ok = ("<!-- lintnews: disable LN101 -->\nText.\n<!-- lintnews: enable -->\n",)

    def check(self, doc: Document, ctx: Context) -> None:
        for problem in doc.suppressions.problems:
            ctx.report(problem.start, problem.end, f"Invalid directive: {problem.message}")


RULES: tuple[type[Rule], ...] = (InvalidDirective,)
