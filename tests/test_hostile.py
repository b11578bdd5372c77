"""No rule may be super-linear: doubling a hostile input may at most about
double the time. These are complexity checks, not speed targets (those live in
benchmarks/); each compares the best of three runs at n and 2n."""

import gc
import time
from collections.abc import Callable

import pytest

from lintnews.config import Config
from lintnews.engine import Linter

LINTER = Linter(Config(select=("ALL",)))

HOSTILE: dict[str, Callable[[int], str]] = {
    "spaces": lambda n: "a" + " " * n + "b\n",
    "dots": lambda n: "a" + "." * n + "\n",
    "long-word": lambda n: "x" * n + "\n",
    "long-camel-word": lambda n: "aB" * (n // 2) + "\n",
    "abbreviations": lambda n: "U.S. " * (n // 5) + "\n",
    "straight-quotes": lambda n: '"' * n + "\n",
    "curly-quotes": lambda n: "“a " * (n // 3) + "\n",
    "source-lines": lambda n: "Source: AP\n" * (n // 11),
    "short-lines": lambda n: "a\n" * (n // 2),
    "paragraphs": lambda n: "One line.\n\n" * (n // 11),
    "entities": lambda n: "&amp;" * (n // 5) + "\n",
    "mojibake": lambda n: "Ã©" * (n // 2) + "\n",
    "brackets": lambda n: "(" * n + "\n",
    "dashes": lambda n: "-" * n + "\n",
    "dotted-domain": lambda n: "a." * (n // 2) + "com\n",
    "at-signs": lambda n: "a@" * (n // 2) + "\n",
    "markdown-brackets": lambda n: "[a " * (n // 3) + "\n",
    "repeated-word": lambda n: "the " * (n // 4) + "\n",
}
BASE = 40_000


def best_time(text: str, path: str) -> float:
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()  # a collection pause is not the rules' complexity
        try:
            start = time.process_time()
            LINTER.check(text, path)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("path", ["a.txt", "a.md"])
def test_doubling_input_at_most_doubles_time(kind: str, path: str):
    make = HOSTILE[kind]
    small, large = best_time(make(BASE), path), best_time(make(2 * BASE), path)
    # Below a few milliseconds timer noise dominates; the input is then
    # plainly not a problem.
    assert large < 0.005 or large <= 2.5 * small + 0.002, (
        f"{kind} ({path}): {small * 1e3:.1f} ms at n={BASE}, {large * 1e3:.1f} ms at 2n"
    )


def test_word_rules_stay_linear_on_one_huge_file():
    """Many articles pasted into one file: the word rules look words up in the
    article around them, not in the whole file (they once grew 3.5x per doubling)."""
    linter = Linter(Config(select=("LN2",)))

    def name(i: int) -> str:  # a different unknown name in every paragraph
        letters = ""
        while True:
            i, r = divmod(i, 26)
            letters += "aeioubdgkmprstvz"[r % 16] + "aeiou"[r % 5]
            if not i:
                return "Kal" + letters

    def timed(n: int) -> float:
        text = "".join(f"Officials said {name(i)}admitted the talks ran late.\n\n" for i in range(n))
        return best_time_with(linter, text)

    small, large = timed(3000), timed(6000)
    assert large <= 2.5 * small + 0.01, (small, large)


def best_time_with(linter: Linter, text: str, repeats: int = 2) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            linter.check(text, "a.txt")
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best
