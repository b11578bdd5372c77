"""The benchmark scripts live in benchmarks/ (not a package): put that folder,
and this one (for bench_fakes), on sys.path so the tests import them as the
scripts import each other. Nothing here needs ../shared or the network."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parents[1] / "benchmarks"
for folder in (BENCHMARKS, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
