"""Measure the word rules (LN201-LN205) and the lexicon on the shared corpora.

    python benchmarks/lexicon/measure_words.py clean     # BBC findings per rule, every one listed
    python benchmarks/lexicon/measure_words.py inject    # injected fused words / stray letters / apostrophes
    python benchmarks/lexicon/measure_words.py pairs     # spacing_pairs.tsv missing_space rows, per corpus
    python benchmarks/lexicon/measure_words.py speed     # throughput with and without the word rules
    python benchmarks/lexicon/measure_words.py load      # cold lexicon load time (fresh interpreter)
    python benchmarks/lexicon/measure_words.py misspell  # LN205 on BBC and on injected one-edit typos

The word rules are added to the registry here when lintnews.builtin does not
list them yet, so this runs before and after they are registered. Corpus text
is never written anywhere: findings are printed as file:line and the token.
"""

from __future__ import annotations

import argparse
import collections
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

import common  # noqa: E402

import lintnews.builtin as builtin  # noqa: E402
from lintnews.builtin import words as word_rules  # noqa: E402
from lintnews.config import Config  # noqa: E402
from lintnews.document import Document  # noqa: E402
from lintnews.engine import Linter  # noqa: E402
from lintnews.rule import Context  # noqa: E402

CODES = tuple(r.code for r in word_rules.RULES)


def register() -> None:
    if not any(r.code in CODES for r in builtin.BUILTIN_RULES):
        builtin.BUILTIN_RULES = (*builtin.BUILTIN_RULES, *word_rules.RULES)
        import lintnews.registry as registry

        registry._cache.clear()


def corpora(args: argparse.Namespace) -> Path:
    found = common.find_corpora(args.corpora)
    if found is None:
        print(common.missing_message("measure_words", None))
        raise SystemExit(0)
    return found


def run_clean(args: argparse.Namespace) -> None:
    folder = common.bbc_dir(corpora(args))
    rules = [r() for r in word_rules.RULES if r.default or args.all]
    words = 0
    found: dict[str, list[str]] = collections.defaultdict(list)
    for rel, text in common.iter_texts(folder):
        words += common.count_words(text)
        doc = Document(text, rel)
        for rule in rules:
            ctx = Context(doc, rule)
            rule.check(doc, ctx)
            for d in ctx.diagnostics:
                fix = d.fix.edits[0].replacement if d.fix and d.fix.edits else None
                how = d.fix.applicability.value if d.fix else "-"
                found[d.code].append(f"{rel}:{d.line} {text[d.start : d.end]!r} -> {fix!r} ({how})")
    print(f"BBC: {words:,} words")
    for rule in rules:
        hits = found.get(rule.code, [])
        print(f"{rule.code} {rule.name}: {len(hits)} findings, {len(hits) * 1e4 / words:.3f} per 10k words")
        for line in hits:
            print("   ", line)


def run_inject(args: argparse.Namespace) -> None:
    import inject
    import score

    register()
    articles = list(common.iter_texts(common.bbc_dir(corpora(args))))
    linter = Linter()
    for kind in ("fused_word", "stray_letter", "lost_apostrophe"):
        injections = inject.sample(kind, articles, args.per_kind, args.seed)
        scores = score.run_injections(linter, injections)
        r = score.aggregate(scores)[kind]
        found = [s for s in scores if s.found]
        exact = sum(s.fix_exact for s in found)
        print(
            f"{kind}: n={r.copies} recall {r.recall:.3f} precision {r.precision:.3f} ({r.new_hits}/{r.new}) "
            f"fix exact {r.fix_rate:.3f} (of found: {exact / max(1, len(found)):.3f}) "
            f"fixes {dict(r.applicability)}"
        )
        for variant, (n, hit, fixed) in sorted(r.by_variant.items()):
            print(f"    {variant:14} {hit}/{n} found, {fixed}/{n} fixed")


def run_pairs(args: argparse.Namespace) -> None:
    import quality
    import score

    register()
    rows = quality.load_pairs(corpora(args))
    linter = Linter()
    codes = tuple(args.codes.split(","))
    per: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0])
    for row in rows:
        wrong, right = row["wrong"], row["right"]
        context = row.get("wrong_context") or ""
        start = score.locate(context, wrong) if context else None
        if start is None:
            context = quality.CARRIER.format(wrong)
            start = quality.CARRIER.index("{}")
        elif not context.endswith("\n"):
            context += "\n"
        s = score.score_pair(linter, context, start, wrong, right, codes)
        suggested = [
            d.fix.edits[0].replacement
            for d in linter.check(context, "pair.txt")
            if d.code in codes and d.fix and score.overlaps(d.start, d.end, start, start + len(wrong))
        ]
        p = per[row["ref"].split("/")[0]]
        p[0] += 1
        p[1] += s.found
        p[2] += s.found and s.fix_exact
        p[3] += s.found and right in suggested
    total = [sum(p[i] for p in per.values()) for i in range(4)]
    for name, p in [*sorted(per.items()), ("all", total)]:
        print(
            f"{name}: {p[0]} rows, recall {p[1] / p[0]:.3f}, of those flagged: safe fix exact "
            f"{p[2] / max(1, p[1]):.3f}, suggestion exact {p[3] / max(1, p[1]):.3f}"
        )


def run_speed(args: argparse.Namespace) -> None:
    texts = [(rel, text) for rel, text in common.iter_texts(common.bbc_dir(corpora(args)))]
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    without = Linter()
    register()
    with_words = Linter()
    chars_only = Linter(Config(select=("LN1",)))
    chars_words = Linter(Config(select=("LN1", *(r.code for r in word_rules.RULES if r.default))))
    with_words.rules[0].__class__  # noqa: B018 (rules are built)
    from lintnews.lexicon import Lexicon

    Lexicon.default().load()

    def cpu(linter: Linter) -> float:
        start = time.process_time()
        for rel, text in texts:
            linter.check(text, rel)
        return time.process_time() - start

    results: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(args.repeat):
        for name, linter in (
            ("default rules without LN2xx", without),
            ("default rules with LN2xx", with_words),
            ("LN1xx only", chars_only),
            ("LN1xx + LN2xx", chars_words),
        ):
            results[name].append(cpu(linter))
    best = {name: min(v) for name, v in results.items()}
    for name, t in best.items():
        print(
            f"{name}: {t:.3f} s CPU, {size / t / 1e6:.2f} MB/s "
            f"(median {statistics.median(results[name]):.3f})"
        )
    print(f"ratio default: {best['default rules with LN2xx'] / best['default rules without LN2xx']:.2f}")
    print(f"ratio LN1xx: {best['LN1xx + LN2xx'] / best['LN1xx only']:.2f}")


def run_load(args: argparse.Namespace) -> None:
    code = (
        "import time; t=time.perf_counter(); from lintnews.lexicon import Lexicon; "
        "Lexicon.default().load(); print(time.perf_counter()-t)"
    )
    times = [float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(args.repeat)]
    print(f"cold lexicon load: best {min(times):.3f} s, median {statistics.median(times):.3f} s")
    import tracemalloc

    tracemalloc.start()
    from lintnews.lexicon import Lexicon

    Lexicon.default().load()
    print(f"lexicon memory: {tracemalloc.get_traced_memory()[1] / 1e6:.0f} MB peak (tracemalloc)")


def run_misspell(args: argparse.Namespace) -> None:
    folder = common.bbc_dir(corpora(args))
    rule = word_rules.LikelyMisspelling()
    rng = random.Random(args.seed)
    words = flagged = 0
    hits: list[str] = []
    found = correct = injected = 0
    for rel, text in common.iter_texts(folder):
        words += common.count_words(text)
        doc = Document(text, rel)
        ctx = Context(doc, rule)
        rule.check(doc, ctx)
        flagged += len(ctx.diagnostics)
        hits += [
            f"{rel}:{d.line} {text[d.start : d.end]!r} -> {d.fix.edits[0].replacement!r}"
            for d in ctx.diagnostics
            if d.fix
        ]
        # One typo (one edit inside a word of 5+ letters) per article.
        candidates = [m for m in __import__("re").finditer(r"(?<![\w'])[a-z]{6,}(?![\w'])", text)]
        if not candidates:
            continue
        m = rng.choice(candidates)
        word = m.group()
        i = rng.randrange(1, len(word) - 1)
        typo = (
            word[:i] + word[i + 1 :]
            if rng.random() < 0.5
            else word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        )
        if typo == word:
            continue
        injected += 1
        dirty = text[: m.start()] + typo + text[m.end() :]
        ctx = Context(Document(dirty, rel), rule)
        rule.check(ctx.doc, ctx)
        hit = [d for d in ctx.diagnostics if d.start == m.start()]
        found += bool(hit)
        correct += any(d.fix and d.fix.edits[0].replacement == word for d in hit)
    print(f"LN205 on BBC: {flagged} findings, {flagged * 1e4 / words:.3f} per 10k words")
    for line in hits:
        print("   ", line)
    print(
        f"LN205 on {injected} injected typos: recall {found / injected:.3f}, "
        f"suggestion exact {correct / max(1, found):.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=("clean", "inject", "pairs", "speed", "load", "misspell"))
    parser.add_argument("--corpora")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--per-kind", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--codes", default="LN201,LN103")
    parser.add_argument("--all", action="store_true", help="clean: also the rules that are off by default")
    args = parser.parse_args()
    {
        "clean": run_clean,
        "inject": run_inject,
        "pairs": run_pairs,
        "speed": run_speed,
        "load": run_load,
        "misspell": run_misspell,
    }[args.what](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
