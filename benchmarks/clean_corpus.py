"""False alarms of the default rules on clean, professionally edited BBC copy.

    python benchmarks/clean_corpus.py [--corpus PATH] [--samples N]

Reads ../shared/corpora/bbc_news_zitros (skips with a message when absent),
runs every default rule, and prints diagnostics per 10,000 words per rule,
separating the reviewed real defects of known_defects.toml from false alarms.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from lintnews.engine import Linter

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "bbc_news_zitros" / "news"


def load_known(path: Path) -> set[tuple[str, str, int]]:
    """(file relative to the corpus, code, line) triples reviewed as real defects."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {(d["file"], d["code"], d["line"]) for d in data.get("defect", [])}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"clean_corpus: {args.corpus} not found; nothing measured (it lives in ../shared).")
        return 0
    known = load_known(HERE / "known_defects.toml")
    linter = Linter()
    files = sorted(args.corpus.rglob("*.txt"))
    words = 0
    size = 0
    real: collections.Counter[str] = collections.Counter()
    false: collections.Counter[str] = collections.Counter()
    samples: dict[str, list[str]] = collections.defaultdict(list)
    started = time.perf_counter()
    for f in files:
        text = f.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        words += len(text.split())
        rel = f.relative_to(args.corpus).as_posix()
        for d in linter.check(text, rel):
            if (rel, d.code, d.line) in known:
                real[d.code] += 1
                continue
            false[d.code] += 1
            if len(samples[d.code]) < args.samples:
                samples[d.code].append(
                    f"{rel}:{d.line}:{d.column} {text[max(0, d.start - 30) : d.end + 30]!r}"
                )
    elapsed = time.perf_counter() - started
    total_false = sum(false.values())
    print(
        f"{len(files)} files, {words} words, {size / 1e6:.2f} MB in {elapsed:.1f} s "
        f"({size / 1e6 / elapsed:.1f} MB/s, one process)"
    )
    print(f"default rules: {', '.join(r.code for r in linter.rules)}")
    print(f"false alarms: {total_false} = {total_false / words * 1e4:.2f} per 10,000 words")
    print(f"reviewed real defects (known_defects.toml): {sum(real.values())} {dict(real)}")
    for code in sorted(set(false) | set(real)):
        print(f"  {code}: {false[code]} false ({false[code] / words * 1e4:.3f}/10k words), {real[code]} real")
        for s in samples[code]:
            print(f"      {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
