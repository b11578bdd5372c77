"""Helpers for the built-in rule tests: run one rule, apply its fixes."""

from __future__ import annotations

from collections.abc import Iterable

from lintnews.diagnostics import Applicability, Diagnostic
from lintnews.document import Document
from lintnews.fixer import apply_fixes as engine_apply_fixes
from lintnews.rule import Context, Rule

SAFE_ONLY = frozenset({Applicability.SAFE})


def run_rule(
    rule_cls: type[Rule], text: str, path: str = "t.txt", markup: str | None = None
) -> list[Diagnostic]:
    """The diagnostics of one rule on ``text``, sorted by position.

    The Context gets the same rule instance that checks, because
    ``Context.report`` filters by that rule's scopes and quote setting.
    """
    rule = rule_cls()
    doc = Document(text, path, markup)
    ctx = Context(doc, rule)
    rule.check(doc, ctx)
    return sorted(ctx.diagnostics, key=lambda d: d.sort_key())


def apply_fixes(
    text: str,
    diagnostics: Iterable[Diagnostic],
    applicabilities: frozenset[Applicability] = SAFE_ONLY,
) -> str:
    """One pass of the engine's fixer over the fixes of the given
    applicabilities: left to right, skipping a fix that overlaps one
    already applied."""
    chosen = [d for d in diagnostics if d.fix is not None and d.fix.applicability in applicabilities]
    fixed, _ = engine_apply_fixes(text, chosen)
    return fixed


def fix_rule(rule_cls: type[Rule], text: str, path: str = "t.txt", *, passes: int = 10) -> str:
    """Lint and apply safe fixes until the text stops changing."""
    for _ in range(passes):
        fixed = apply_fixes(text, run_rule(rule_cls, text, path))
        if fixed == text:
            return text
        text = fixed
    raise AssertionError(f"{rule_cls.code} fixes did not converge")


def spans(diagnostics: Iterable[Diagnostic]) -> list[tuple[int, int]]:
    return [(d.start, d.end) for d in diagnostics]
