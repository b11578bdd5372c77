"""How the time of each rule grows on hostile inputs: n against 2n.

The shapes are those of the tests (``tests/shapes.py``), where each runs once
at full size under a hang guard. Here each runs at n and 2n, best of three,
CPU time of this process with the garbage collector paused, and the ratio is
reported: linear is about 2, the target at most 2.5 (below 5 ms the input is
plainly no problem and timer noise rules). Also the sentence splitter against
a plain ``\\w+`` scan of the same text, the speed it was built to keep.

    python benchmarks/linearity.py [--no-write]

No corpora needed: every input is generated.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence

from common import REPO, provenance, publish, table, verdict

sys.path.insert(0, str(REPO / "tests"))
from shapes import (  # the tests' shapes: one definition
    BOILERPLATE,
    BOILERPLATE_N,
    CHARACTERS,
    CHARACTERS_N,
    ENGINE,
    ENGINE_N,
    SENTENCES,
    SENTENCES_N,
    cpu_seconds,
    pasted_articles,
)

from lintnews.config import Config
from lintnews.engine import Linter
from lintnews.segment import split_sentences

SECTION = "linearity"
TARGET_RATIO = 2.5
NOISE_S = 0.01  # the old tests' floor: below it, timer noise rules
TARGET_SPLITTER = 8.0  # the splitter within 8x a plain \w+ scan


def growth(name: str, make: Callable[[int], str], n: int, run: Callable[[str], object]) -> list[str]:
    """One row: the time at n and 2n and their ratio."""
    small_text, large_text = make(n), make(2 * n)
    small = cpu_seconds(lambda: run(small_text), repeats=3)
    large = cpu_seconds(lambda: run(large_text), repeats=3)
    ratio = large / small if small else float("inf")
    ok = large < NOISE_S or ratio <= TARGET_RATIO
    print(
        f"linearity: {name:48} {small * 1e3:8.1f} ms  {large * 1e3:8.1f} ms  {ratio:5.2f}x", file=sys.stderr
    )
    return [
        name,
        f"{len(small_text):,}",
        f"{small * 1e3:.1f}",
        f"{large * 1e3:.1f}",
        f"{ratio:.2f}",
        verdict(ok),
    ]


def splitter_vs_scan() -> tuple[float, float]:
    """The splitter over news-like paragraphs dense in abbreviations, and one
    ``re`` ``\\w+`` pass over the same text (best of five each)."""
    para = (
        "The U.S. Senate voted 52-48 on Oct. 7 after Sen. Jane Doe (D-Calif.) spoke at 10 a.m. "
        '"We will win," she said. Shares in Acme Inc. rose 2.5% to $41.20. It was over... '
        "The vote, e.g. on taxes, passed. Officials said the bill would cost $4bn over five years. "
        "Critics called it a giveaway, and the House is expected to take it up next week. "
    ) * 20
    text = "\n\n".join([para] * 100)
    bounds = []
    pos = 0
    for chunk in text.split("\n\n"):
        bounds.append((pos, pos + len(chunk)))
        pos += len(chunk) + 2
    words = re.compile(r"\w+")

    def split_all() -> None:
        for s, e in bounds:
            split_sentences(text, text, s, e)

    return cpu_seconds(split_all, repeats=5), cpu_seconds(lambda: words.findall(text), repeats=5)


def measure() -> tuple[list[list[str]], tuple[float, float]]:
    rows: list[list[str]] = []
    every = Linter(Config(select=("ALL",)))
    for kind in sorted(ENGINE):
        for path in ("a.txt", "a.md"):
            rows.append(
                growth(
                    f"all rules, {kind} ({path})",
                    ENGINE[kind],
                    ENGINE_N // 2,
                    lambda t, p=path: every.check(t, p),
                )
            )
    for code in ("LN403", "LN404", "LN406"):
        one = Linter(Config(select=(code,)))
        for kind in sorted(BOILERPLATE):
            rows.append(growth(f"{code}, {kind}", BOILERPLATE[kind], BOILERPLATE_N // 2, one.check))
    for code in ("LN101", "LN102", "LN103", "LN104", "LN105", "LN106", "LN107", "LN108"):
        one = Linter(Config(select=(code,)))
        for kind in sorted(CHARACTERS):
            rows.append(growth(f"{code}, {kind}", CHARACTERS[kind], CHARACTERS_N // 2, one.check))
    sentences = Linter(Config(select=("LN3",)))
    for kind in sorted(SENTENCES):
        rows.append(growth(f"sentence rules, {kind}", SENTENCES[kind], SENTENCES_N // 2, sentences.check))
    words = Linter(Config(select=("LN2",)))
    rows.append(growth("word rules, articles pasted in one file", pasted_articles, 1500, words.check))

    def pathological(n: int) -> str:
        return ("A. " * n) + ("..." * n) + ('"' * n) + ("x. " * n) + ("\n- a" * n)

    rows.append(
        growth(
            "sentence splitter, pathological",
            pathological,
            10_000,
            lambda t: split_sentences(t, t, 0, len(t)),
        )
    )
    return rows, splitter_vs_scan()


def report(rows: Sequence[list[str]], splitter: tuple[float, float], command: str) -> str:
    split_s, scan_s = splitter
    ratio = split_s / scan_s if scan_s else float("inf")
    misses = sum(1 for r in rows if "MISS" in r[-1])
    return "\n".join(
        [
            "## Linearity (`linearity.py`)",
            "",
            provenance(command),
            "",
            "Each hostile shape of the tests (`tests/shapes.py`) at n and 2n characters, best of three, "
            f"CPU seconds of one process. Target: the time at most {TARGET_RATIO:g}× (about doubles), or "
            f"under {NOISE_S * 1e3:.0f} ms at 2n. The tests run each shape once at full size under a "
            "hang guard; this is where the growth is measured.",
            "",
            f"{len(rows) - misses} of {len(rows)} within the target.",
            "",
            table(["input", "n (characters)", "ms at n", "ms at 2n", "ratio", ""], rows),
            "",
            f"Sentence splitter on 160 KB of abbreviation-dense news paragraphs: {split_s * 1e3:.0f} ms, "
            f"{ratio:.1f}× one `\\w+` scan of the same text ({scan_s * 1e3:.0f} ms); target ≤ "
            f"{TARGET_SPLITTER:g}× {verdict(ratio <= TARGET_SPLITTER)}.",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    rows, splitter = measure()
    body = report(rows, splitter, "python benchmarks/linearity.py")
    publish(SECTION, body, write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
