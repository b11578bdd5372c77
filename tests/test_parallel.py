"""--jobs: the same results, in the same order, whether one process runs the
files or a pool; cross-file rules still see the whole run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintnews import parallel
from lintnews.cli import main
from lintnews.config import Config
from lintnews.document import Document
from lintnews.engine import Linter
from lintnews.errors import LintnewsError
from lintnews.parallel import Batch, LinterSpec, Unit
from lintnews.registry import Registry, load_registry
from lintnews.rule import Context, Example, Rule

# Made-up copy with mechanical defects (never corpus text).
DEFECTS = [
    "The talks ended.Then came rain , and  more rain.\n",
    "The minister said the vote would be held on Tuesday ,as planned.\n",
    "Prices rose 3 % in March.The bank said nothing.\n",
    "Nothing wrong with this sentence at all.\n",
]


def article(i: int) -> str:
    if i % 7 == 6:
        return f"Story number {i} of the day\n\nA clean paragraph.\n"
    lines = [f"Story number {i} of the day", ""]
    for k in range(1 + i % 4):
        lines.append(DEFECTS[(i + k) % len(DEFECTS)].rstrip("\n"))
    if i % 3 == 0:
        lines.append("Subscribe to our newsletter for the latest updates today")
    return "\n".join(lines) + "\n"


class SharedLine(Rule):
    """A toy cross-file rule: flags lines that occur in at least two documents."""

    code = "TT903"
    name = "shared-line"
    summary = "Line shared across documents"
    cross_file = True
    examples = (Example("x"),)

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        self.shared: set[str] = set()

    def collect(self, doc: Document) -> frozenset[str]:
        return frozenset(line for line in doc.text.splitlines() if len(line) > 20)

    def prepare(self, facts) -> None:
        seen: set[str] = set()
        shared: set[str] = set()
        for lines in facts:
            shared |= seen & lines
            seen |= lines
        self.shared = shared

    def check(self, doc: Document, ctx: Context) -> None:
        pos = 0
        for line in doc.text.splitlines(keepends=True):
            if line.strip() in self.shared:
                ctx.report(pos, pos + len(line.rstrip("\n")))
            pos += len(line)


class DieInWorker(Rule):
    """Kills any process but the one that made it: a worker that dies."""

    code = "TT904"
    name = "die-in-worker"
    summary = "Dies"
    examples = (Example("x"),)
    parent = os.getpid()

    def check(self, doc: Document, ctx: Context) -> None:
        if os.getpid() != self.parent:
            os._exit(3)


def linter_with(*rules: type[Rule], **config: object) -> Linter:
    registry = Registry([*load_registry(), *rules])
    return Linter(Config(extend_select=tuple(r.code for r in rules), **config), registry=registry)  # type: ignore[arg-type]


def units(n: int = 40) -> list[Unit]:
    return [Unit(f"story{i:03d}.txt", article(i)) for i in range(n)]


def serial(linter: Linter, docs: list[Unit]) -> list[list]:
    linter.prepare_run(Document(u.text, u.path) for u in docs)
    return [linter.check(u.text, u.path) for u in docs]


def run_batch(linter: Linter, docs: list[Unit], jobs: int, **kw) -> list[list]:
    batch = Batch(linter, jobs=jobs, min_parallel_bytes=0, **kw)
    batch.prepare(docs)
    out = list(batch.check(docs))
    assert [item for item, _ in out] == docs  # order kept
    return [found for _, found in out]


def test_pool_results_equal_serial_in_order():
    docs = units()
    expected = serial(Linter(), docs)
    assert any(expected) and not all(expected)
    batch = Batch(Linter(), jobs=2, min_parallel_bytes=0)
    assert batch.parallel
    assert run_batch(Linter(), docs, 2) == expected


def test_small_runs_stay_in_process():
    docs = units(3)
    assert not Batch(Linter(), jobs=2, estimate=(3, 1000)).parallel
    assert not Batch(Linter(), jobs=2, estimate=(1000, 10)).parallel
    assert not Batch(Linter(), jobs=1).parallel
    assert Batch(Linter(), jobs=2, estimate=(1000, 10_000_000)).parallel
    assert list(Batch(Linter(), jobs=2, estimate=(3, 1000)).check(docs)) == list(
        Batch(Linter(), jobs=1).check(docs)
    )


def test_cross_file_rule_sees_whole_run_across_workers():
    docs = units()
    expected = serial(linter_with(SharedLine), docs)
    assert any(d.code == "TT903" for found in expected for d in found)
    assert run_batch(linter_with(SharedLine), docs, 2) == expected


def test_spawned_workers_rebuild_linter_and_state():
    """Without fork, workers rebuild the Linter from its Config and adopt the
    prepared state: pack rules are not picklable, test rules travel by name."""
    docs = units(12)
    expected = serial(linter_with(SharedLine), docs)
    assert run_batch(linter_with(SharedLine), docs, 2, method="spawn") == expected


def test_fix_in_pool_equals_serial():
    docs = units()
    expected = [Linter().fix(u.text, u.path) for u in docs]
    got = [r for _, r in Batch(Linter(), jobs=2, min_parallel_bytes=0).fix(docs)]
    assert [(r.text, r.fixed, r.remaining, r.converged) for r in got] == [
        (r.text, r.fixed, r.remaining, r.converged) for r in expected
    ]


def test_non_units_pass_through_in_place():
    docs = units(10)
    items = [*docs[:4], "error-a", *docs[4:], "error-b"]
    out = list(Batch(Linter(), jobs=2, min_parallel_bytes=0).check(items))
    assert [item for item, _ in out] == items
    assert [found for item, found in out if isinstance(item, str)] == [None, None]


def test_run_state_round_trip():
    docs = units(10)
    prepared = linter_with(SharedLine)
    prepared.prepare_run(Document(u.text, u.path) for u in docs)
    fresh = LinterSpec.of(prepared).build()
    assert [fresh.check(u.text, u.path) for u in docs] == [prepared.check(u.text, u.path) for u in docs]


def test_dead_worker_is_a_clear_error():
    docs = units(8)
    batch = Batch(linter_with(DieInWorker), jobs=2, min_parallel_bytes=0)
    with pytest.raises(LintnewsError, match="worker process died"):
        list(batch.check(docs))


# -- the CLI -----------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)  # a pool even for a small tree
    root = tmp_path / "news"
    for i in range(30):
        folder = root / f"section{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story{i:02d}.{'md' if i % 5 == 0 else 'txt'}").write_text(article(i))
    (root / "section1" / "broken.txt").write_bytes(b"caf\xe9 au lait\n")
    return root


def cli(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def pool_chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many chunks went to a process pool."""
    sent: list[int] = []
    submit = parallel.PoolBackend.submit

    def spy(self, op, tasks):
        sent.append(len(tasks))
        return submit(self, op, tasks)

    monkeypatch.setattr(parallel.PoolBackend, "submit", spy)
    return sent


@pytest.mark.parametrize("fmt", ["json", "full", "concise"])
def test_check_jobs_1_and_2_print_the_same(tree: Path, fmt: str, pool_chunks: list[int]):
    one = cli("check", str(tree), "-j", "1", "--no-cache", "--output-format", fmt, "--no-color")
    assert pool_chunks == []
    two = cli("check", str(tree), "-j", "2", "--no-cache", "--output-format", fmt, "--no-color")
    assert len(pool_chunks) > 2 and sum(pool_chunks) == 30
    assert one.exit_code == two.exit_code == 2  # broken.txt is not UTF-8
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert "broken.txt: invalid UTF-8" in two.stderr
    if fmt == "json":
        paths = [d["path"] for d in json.loads(two.stdout)]
        assert paths == sorted(paths) and len(set(paths)) > 10


def test_fix_jobs_1_and_2_write_the_same(tree: Path, tmp_path: Path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(tree, copy)
    one = cli("fix", str(tree), "-j", "1", "--no-cache", "--unsafe-fixes")
    two = cli("fix", str(copy), "-j", "2", "--no-cache", "--unsafe-fixes")
    assert one.exit_code == two.exit_code
    assert one.stdout.replace(str(tree), "X") == two.stdout.replace(str(copy), "X")
    for path in sorted(tree.rglob("*.*")):
        assert path.read_bytes() == (copy / path.relative_to(tree)).read_bytes()
    assert "Fixed" in two.stdout


def test_jobs_0_means_all_cpus(tree: Path):
    result = cli("check", str(tree / "section0"), "-j", "0", "--no-cache", "--output-format", "json")
    assert result.exit_code == 1


def test_worker_that_cannot_load_rules_says_why(monkeypatch: pytest.MonkeyPatch):
    import pickle
    import signal

    from lintnews.errors import ConfigError

    def broken(self: LinterSpec) -> Linter:
        raise ConfigError("house.toml: no such file")

    monkeypatch.setattr(LinterSpec, "build", broken)
    handler = signal.getsignal(signal.SIGINT)
    try:
        parallel._init_spawned(pickle.dumps(LinterSpec.of(Linter())))
        with pytest.raises(LintnewsError, match=r"could not load the rules: house\.toml: no such file"):
            parallel._pool_op("check", [], None)
    finally:
        signal.signal(signal.SIGINT, handler)
        parallel._WORKER_ERROR.clear()


@pytest.fixture
def with_shared_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """SharedLine as if it were built in, so the CLI can select it."""
    from lintnews import registry as registry_module
    from lintnews.builtin import BUILTIN_RULES

    monkeypatch.setattr(registry_module, "_cache", {})
    monkeypatch.setattr(registry_module, "builtin_rules", lambda: [*BUILTIN_RULES, SharedLine])


def test_cli_cross_file_rule_two_phases_with_jobs_and_cache(
    tree: Path, with_shared_line: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("LINTNEWS_CACHE_DIR", str(tmp_path / "cache"))
    args = ["check", str(tree), "--extend-select", "TT903", "--output-format", "json"]
    one = cli(*args, "-j", "1", "--no-cache")
    assert "TT903" in one.stdout
    two = cli(*args, "-j", "2")  # fills the cache
    again = cli(*args, "-j", "2")  # all hits
    assert one.stdout == two.stdout == again.stdout
    # A new file sharing a line changes the run state: cross-file results follow.
    (tree / "new.txt").write_text("Story number 1 of the day\n\nSomething else.\n")
    fresh = cli(*args, "-j", "1", "--no-cache")
    cached = cli(*args, "-j", "2")
    assert fresh.stdout == cached.stdout != one.stdout
    paths = {d["path"] for d in json.loads(cached.stdout) if d["code"] == "TT903"}
    assert str(tree / "new.txt") in paths
