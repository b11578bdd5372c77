"""Hostile shapes: inputs made to push a rule past linear time.

One definition, two uses. The tests run each shape once, at full size, under
a hang guard (:data:`HANG_GUARD_S` seconds of this process's CPU: a linear
rule takes well under a second there, a quadratic one minutes), so a blow-up
fails the suite whatever else the machine is doing. How the time grows, n
against 2n, is measured by ``benchmarks/linearity.py``, where timing belongs:
on a shared machine, a ratio of a few milliseconds is noise, and such tests
failed at random.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: CPU seconds a full-size hostile input may take in the tests: a hang
#: guard, not a speed target (speed lives in benchmarks/).
HANG_GUARD_S = 20.0

Shape = Callable[[int], str]

#: Every rule over one document (tests/test_hostile.py), at ``ENGINE_N``.
ENGINE: dict[str, Shape] = {
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
ENGINE_N = 80_000

#: The boilerplate packs, LN403, LN404 and LN406 (tests/test_boilerplate_pack.py), at ``BOILERPLATE_N``.
BOILERPLATE: dict[str, Shape] = {
    "blank-lines": lambda n: "\n" * n,
    "crlf-blank-lines": lambda n: "\r\n" * (n // 2),
    "leading-spaces": lambda n: " " * n + "Source: AP\n",
    "leading-tabs": lambda n: "\t" * n + "Advertisement\n",
    "spaces-only": lambda n: " " * n + "\n",
    "source-spaces": lambda n: "Source:" + " " * n + "x\n",
    "dots": lambda n: "a" + "." * n + "\n",
    "long-line": lambda n: "word " * (n // 5) + "\n",
    "short-lines": lambda n: "ab\n" * (n // 3),
    "source-lines": lambda n: "Source: AP\n" * (n // 11),
    "source-paragraphs": lambda n: "Source: AP\n\n" * (n // 12),
    "bios": lambda n: "Jane Doe is a reporter at Politico.\n\n" * (n // 37),
    "related": lambda n: "Related\n" + "A short headline here\n" * (n // 22),
    "by-dots": lambda n: "By . " * (n // 5) + "\n",
}
BOILERPLATE_N = 40_000


#: Each character rule alone (tests/builtin/test_characters.py), at ``CHARACTERS_N``.
CHARACTERS: dict[str, Shape] = {
    "spaces": lambda n: " " * n,
    "spaces-between": lambda n: "x" + " " * n + "x",
    "dots": lambda n: "." * n,
    "dots-between-words": lambda n: "ab" + "." * n + "Ab",
    "commas": lambda n: "," * n,
    "semicolons": lambda n: ";" * n,
    "tabs": lambda n: "\t" * n + "x",
    "space-dot": lambda n: " ." * (n // 2),
    "long-word": lambda n: "a" * n + ".Ab",
    "long-capitals": lambda n: "AB" * (n // 2) + ".Ab",
    "fused-sentences": lambda n: "abc.Abc" * (n // 7),
    "nbsp": lambda n: "a" + "\u00a0" * n + "b",
    "zero-width": lambda n: "a" + "\u200b" * n + "b",
    "nbsp-space": lambda n: "\u00a0 " * (n // 2) + "b",
    "mojibake": lambda n: "Ã©" * (n // 2),
    "entity-like": lambda n: "&amp" * (n // 4),
}
CHARACTERS_N = 200_000

#: Many findings, each of which must cost little (tests/builtin/test_characters.py).
DENSE: dict[str, str] = {
    "trailing": "x \n" * 20_000,
    "nbsp": "a\u00a0" * 20_000,
    "fused": "ab.Cd " * 20_000,
    "spaced": "ab .Cd, " * 20_000,
    "doubled": "ab.. &amp; " * 20_000,
}

#: The sentence rules together (tests/builtin/test_sentences.py), at ``SENTENCES_N``.
SENTENCES: dict[str, Shape] = {
    "quotes": lambda n: '"' * n + "\n",
    "curly": lambda n: "“a " * (n // 3) + "\n",
    "singles": lambda n: " 'a" * (n // 3) + "\n",
    "brackets": lambda n: "(" * n + "\n",
    "closers": lambda n: ")" * n + "\n",
    "initials": lambda n: "A. " * (n // 3) + "\n",
    "questions": lambda n: "a? b " * (n // 5) + "\n",
    "lists": lambda n: "x\n- a. b\n" * (n // 9),
    "mixed": lambda n: 'it\'s "a" ’b’ ' * (n // 14) + "\n",
    "words": lambda n: "the " * (n // 4) + "\n",
    "paragraphs": lambda n: "one line\n\n" * (n // 10),
    "gaps": lambda n: "word  " * (n // 6) + "\n",
    "speech-gaps": lambda n: "He said,  We  go  on,  he said.  I  " * (n // 36) + "\n",
    "stop-gaps": lambda n: "a  b ." * (n // 6) + "\n",
}
SENTENCES_N = 80_000


def unknown_name(i: int) -> str:
    """A different made-up name for every ``i`` (the word rules look each up)."""
    letters = ""
    while True:
        i, r = divmod(i, 26)
        letters += "aeioubdgkmprstvz"[r % 16] + "aeiou"[r % 5]
        if not i:
            return "Kal" + letters


def pasted_articles(n: int) -> str:
    """``n`` one-line articles in one file, each with its own fused name: the
    word rules must look words up in the article around them, not the file."""
    return "".join(f"Officials said {unknown_name(i)}admitted the talks ran late.\n\n" for i in range(n))


def cpu_seconds(run: Callable[[], object], repeats: int = 1) -> float:
    """The least CPU time of this process that ``run`` took over ``repeats``
    runs, with the garbage collector paused (a collection is not the code's
    complexity)."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best
