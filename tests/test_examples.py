"""Every rule, Python or pack, carries its own examples; this runs them all.

A rule without examples fails here: its behaviour would be undocumented and
untested.
"""

import pytest

from lintnews.config import Config
from lintnews.document import Document
from lintnews.engine import Linter
from lintnews.registry import load_registry

RULES = list(load_registry())


def _path(markup: str) -> str:
    return "example.md" if markup == "markdown" else "example.txt"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_docs_and_examples(rule):
    assert rule.examples, f"{rule.code} has no examples"
    assert rule.summary and rule.name and rule.code
    assert rule.documentation(), f"{rule.code} has no documentation"
    if rule.origin == "builtin":
        for section in ("## What it flags", "## Why", "## Example", "## Fix safety"):
            assert section in rule.documentation(), f"{rule.code} docs lack '{section}'"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_examples(rule):
    linter = Linter(Config(select=(rule.code,)))
    if linter.needs_run_pass:  # a cross-file rule learns from all its examples
        linter.prepare_run(Document(e.bad, _path(e.markup)) for e in rule.examples)
    for example in rule.examples:
        path = _path(example.markup)
        found = [d for d in linter.check(example.bad, path) if d.code == rule.code]
        assert found, f"{rule.code} did not flag its example {example.bad!r}"
        for d in found:
            assert 0 <= d.start <= d.end <= len(example.bad)
        if example.fixed is not None:
            result = linter.fix(example.bad, path, unsafe=True)
            assert result.text == example.fixed, f"{rule.code} fixed {example.bad!r} wrongly"
            # Fixing again changes nothing.
            assert linter.fix(result.text, path, unsafe=True).text == result.text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_ok_texts_stay_clean(rule):
    linter = Linter(Config(select=(rule.code,)))
    if linter.needs_run_pass:
        linter.prepare_run(Document(text, "ok.txt") for text in rule.ok)
    for text in rule.ok:
        found = [d for d in linter.check(text, "ok.txt") if d.code == rule.code]
        assert not found, f"{rule.code} flagged its ok text {text!r}: {found[0].message}"
