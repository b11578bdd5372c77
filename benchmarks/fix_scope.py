"""Does ``fix`` change only what ``check`` reported?

For a seeded random sample of dirty articles (ISOT and CNN/DailyMail), this
runs ``check`` on the original text and ``fix`` (safe, then unsafe) on it, and
aligns the original with the fixed text character by character. Every change
the alignment shows must lie inside a region that ``check`` reported with at
least the applicability used: the diagnostic's span or one of its fix's edit
ranges, for a diagnostic whose fix ``fix`` was allowed to apply. A change
outside every such region is a cascade: a decision made on text that ``check``
never saw. It also checks that ``fix`` then ``fix --unsafe-fixes`` equals
``fix --unsafe-fixes`` alone, and that fixing twice equals fixing once.

The judgement (tests/fixscope.py, shared with the tests) needs no
alignment: the fixed text must keep, whole and in order, every stretch of the
original that no reported region covers, so every changed character lies in
a region whatever a diff tool would have paired up.

    python benchmarks/fix_scope.py [--seed 13] [--isot 300] [--cnn 100]

Seed 13 is the one the fix engine was developed against (tuning); seed 29 is
held out.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from common import REPO, find_corpora, missing_message, provenance, publish, table

from lintnews.engine import Linter

sys.path.insert(0, str(REPO / "tests"))
from fixscope import changes_outside, regions  # shared with the tests

SECTION = "fixscope"


@dataclass
class Outcome:
    files: int = 0
    changed: dict[str, int] = field(default_factory=lambda: Counter())
    outside: dict[str, list[str]] = field(default_factory=dict)
    two_step_differs: list[str] = field(default_factory=list)
    not_idempotent: dict[str, list[str]] = field(default_factory=dict)
    #: Files whose fix said "unsettled", per mode, and the rules it named.
    unsettled: dict[str, list[str]] = field(default_factory=dict)
    unsettled_codes: dict[str, Counter[str]] = field(default_factory=dict)


def sample(corpora: Path, seed: int, isot: int, cnn: int) -> list[Path]:
    rng = random.Random(seed)
    isot_files = sorted((corpora / "isot_fake_real_sample_omertol").rglob("*.txt"))
    cnn_files = sorted((corpora / "cnn_dailymail_sample_eileenfeng" / "articles").rglob("*.txt"))
    return rng.sample(isot_files, min(isot, len(isot_files))) + rng.sample(
        cnn_files, min(cnn, len(cnn_files))
    )


def measure(linter: Linter, files: Sequence[Path], corpora: Path) -> Outcome:
    out = Outcome()
    for path in files:
        name = path.relative_to(corpora).as_posix()
        text = path.read_text(encoding="utf-8")
        found = linter.check(text, path.name)
        out.files += 1
        results = {}
        for mode, unsafe in (("safe", False), ("unsafe", True)):
            result = linter.fix(text, path.name, unsafe=unsafe)
            results[mode] = result.text
            if result.stopped == "unsettled":
                out.unsettled.setdefault(mode, []).append(name)
                out.unsettled_codes.setdefault(mode, Counter()).update(result.unconverged_codes)
            if result.text != text:
                out.changed[mode] += 1
            bad = changes_outside(text, result.text, regions(linter, found, unsafe))
            if bad:
                s, e = bad[0]
                out.outside.setdefault(mode, []).append(f"{name}:{s}-{e} ({len(bad)} change(s))")
            again = linter.fix(result.text, path.name, unsafe=unsafe).text
            if again != result.text:
                out.not_idempotent.setdefault(mode, []).append(name)
        two_step = linter.fix(results["safe"], path.name, unsafe=True).text
        if two_step != results["unsafe"]:
            out.two_step_differs.append(name)
    return out


def report(outcomes: dict[int, Outcome], seeds: Sequence[int], command: str) -> str:
    rows = []
    for seed in seeds:
        o = outcomes[seed]
        role = "tuning" if seed == seeds[0] else "held out"
        for mode in ("safe", "unsafe"):
            rows.append(
                (
                    f"{seed} ({role})",
                    mode,
                    o.files,
                    o.changed[mode],
                    len(o.outside.get(mode, [])),
                    len(o.unsettled.get(mode, [])),
                    ", ".join(f"{c} {n}" for c, n in o.unsettled_codes.get(mode, Counter()).most_common())
                    or "—",
                    len(o.not_idempotent.get(mode, [])),
                    len(o.two_step_differs) if mode == "unsafe" else "—",
                )
            )
    lines = [
        "## Fix scope (`fix_scope.py`)",
        "",
        provenance(command),
        "",
        "Each file: `check` on the original, then `fix` and `fix --unsafe-fixes`. A file counts under "
        "*outside* when a character the fix changed lies outside every span (or fix edit) that `check` "
        "reported with at least the applicability used; *unsettled* when the rules offer a fix on the "
        "fixed text that `check` had not reported on the original (not applied; the CLI warns), with "
        "the rules named; *not idempotent* when fixing the fixed text changes it again; *two-step "
        "differs* when `fix` then `fix --unsafe-fixes` differs from `fix --unsafe-fixes` alone. "
        "Target: 0 in every column but *changed*. The CNN/Daily Mail sample holds 100 articles, so "
        "every seed reads all of them: the held-out seed is held out for its 300 ISOT files only.",
        "",
        table(
            (
                "seed",
                "mode",
                "files",
                "changed",
                "outside",
                "unsettled",
                "unsettled rules",
                "not idempotent",
                "two-step differs",
            ),
            rows,
        ),
    ]
    for seed in seeds:
        o = outcomes[seed]
        listed = [
            *(f"{m} outside: {x}" for m, xs in o.outside.items() for x in xs),
            *(f"{m} unsettled: {x}" for m, xs in o.unsettled.items() for x in xs),
            *(f"{m} not idempotent: {x}" for m, xs in o.not_idempotent.items() for x in xs),
            *(f"two-step differs: {x}" for x in o.two_step_differs),
        ]
        if listed:
            lines += ["", f"Seed {seed}:", ""] + [f"- `{x}`" for x in listed]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora")
    parser.add_argument("--seeds", default="13,29", help="comma-separated; the first is the tuning seed")
    parser.add_argument("--isot", type=int, default=300)
    parser.add_argument("--cnn", type=int, default=100)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    corpora = find_corpora(args.corpora)
    if corpora is None:
        print(missing_message("fix_scope", None))
        return 0
    seeds = [int(s) for s in args.seeds.split(",")]
    linter = Linter()
    outcomes = {}
    for seed in seeds:
        outcomes[seed] = o = measure(linter, sample(corpora, seed, args.isot, args.cnn), corpora)
        print(
            f"seed {seed}: {o.files} files; outside safe {len(o.outside.get('safe', []))}, "
            f"unsafe {len(o.outside.get('unsafe', []))}; not idempotent "
            f"{sum(len(v) for v in o.not_idempotent.values())}; two-step differs {len(o.two_step_differs)}",
            file=sys.stderr,
        )
    body = report(outcomes, seeds, "python benchmarks/fix_scope.py")
    publish(SECTION, body, write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
