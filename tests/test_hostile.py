"""Hostile inputs: every rule finishes them, at full size, without crashing.

Each shape (tests/shapes.py) runs once at ``ENGINE_N`` characters under a
hang guard: a linear rule takes well under a second, a quadratic one minutes.
How the time grows with the input is measured, n against 2n, by
``benchmarks/linearity.py`` (speed lives in benchmarks, not in tests)."""

import pytest
from shapes import ENGINE, ENGINE_N, HANG_GUARD_S, cpu_seconds, pasted_articles

from lintnews.config import Config
from lintnews.engine import Linter

LINTER = Linter(Config(select=("ALL",)))


@pytest.mark.parametrize("kind", sorted(ENGINE))
@pytest.mark.parametrize("path", ["a.txt", "a.md"])
def test_every_rule_finishes_a_hostile_input(kind: str, path: str):
    text = ENGINE[kind](ENGINE_N)
    found: list[object] = []
    seconds = cpu_seconds(lambda: found.extend(LINTER.check(text, path)))
    crashed = [d.message for d in found if "Rule crashed" in getattr(d, "message", "")]
    assert crashed == []
    assert seconds < HANG_GUARD_S, f"{kind} ({path}): {seconds:.1f} s of CPU for {len(text):,} characters"


def test_word_rules_finish_many_articles_pasted_into_one_file():
    """The word rules look words up in the article around them, not in the
    whole file (they once grew 3.5x per doubling)."""
    linter = Linter(Config(select=("LN2",)))
    text = pasted_articles(3000)
    found: list[object] = []
    seconds = cpu_seconds(lambda: found.extend(linter.check(text, "a.txt")))
    assert not [d for d in found if "Rule crashed" in getattr(d, "message", "")]
    assert seconds < HANG_GUARD_S, seconds
