"""Synthetic articles and fake linters for the benchmark tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inject import KINDS

# Written for these tests: every variant of every kind has a place in it.
ARTICLE = (
    "Blair backs plan for rail\n"
    "\n"
    "Prime Minister Tony Blair said the plan would help Gordon Brown win support in the north. "
    "The company's shares rose by £5 after the talks ended. Netanyahu was not there.\n"
    "\n"
    "\"We don't expect trouble,\" said Blair's spokesman Jose Ortiz. Why did the vote fail? "
    'Because the unions - and M&S - were against it. "It will rain." The minister agreed.\n'
    "\n"
    "The railway reforms announced yesterday would cost taxpayers about £2bn over the next decade, "
    "officials said.\n"
    "\n"
    "Critics said the scheme was badly planned and that passengers would pay more for slower "
    "trains across the country.\n"
)

ARTICLE_2 = (
    "Markets rally on rate hopes\n"
    "\n"
    "Shares in London closed higher on Friday as traders bet that the Bank of England would "
    "hold interest rates. Analysts said the mood had changed quickly.\n"
    "\n"
    "The pound rose against the dollar, and the FTSE 100 gained 40 points to close at a "
    "three-year high. Dealers said volumes were thin.\n"
    "\n"
    '"It\'s been a good week," said one broker. Few expected the rally to last into next month.\n'
)

SMALL_WORDS = frozenset({"the", "into", "shop", "plan", "rain"})


def small_dictionary(word: str) -> bool:
    """A stand-in for the real dictionary, so tests do not load pyspellchecker."""
    return word.lower() in SMALL_WORDS


@dataclass(frozen=True)
class FakeDiag:
    code: str
    start: int
    end: int
    fix: Any = None


@dataclass(frozen=True)
class FakeEdit:
    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class FakeFixResult:
    text: str


class PerfectLinter:
    """Knows every injection: flags each span with the kind's code, fixes to the twin."""

    def __init__(self, injections: Any) -> None:
        self.by_dirty = {i.dirty: i for i in injections}

    def check(self, text: str, path: str = "-") -> list[FakeDiag]:
        inj = self.by_dirty.get(text)
        if inj is None:
            return []
        code = KINDS[inj.kind].codes[0]
        return [FakeDiag(code, s, e) for s, e in inj.spans]

    def fix(self, text: str, path: str = "-", *, unsafe: bool | None = None) -> FakeFixResult:
        inj = self.by_dirty.get(text)
        return FakeFixResult(inj.clean if inj is not None else text)


class EmptyLinter:
    def check(self, text: str, path: str = "-") -> list[FakeDiag]:
        return []

    def fix(self, text: str, path: str = "-", *, unsafe: bool | None = None) -> FakeFixResult:
        return FakeFixResult(text)


ARTICLES = [("a/one.txt", ARTICLE), ("b/two.txt", ARTICLE_2)]
