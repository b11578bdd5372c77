"""The built-in rules, one module per family (LN1xx characters, ...)."""

from __future__ import annotations

from lintnews.builtin import characters, directives, sentences, structure, words
from lintnews.rule import Rule

BUILTIN_RULES: tuple[type[Rule], ...] = (
    *directives.RULES,
    *characters.RULES,
    *words.RULES,
    *sentences.RULES,
    *structure.RULES,
)
