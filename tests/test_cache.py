"""The result cache: hits on an unchanged tree, misses when anything that
decides the result changes, never a wrong or half-written answer."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_parallel import SharedLine, article, linter_with

from lintnews import cache as cache_module
from lintnews.cache import Cache, digest, linter_fingerprint
from lintnews.cli import main
from lintnews.config import Config
from lintnews.document import Document
from lintnews.engine import Linter
from lintnews.parallel import Batch, Unit

PACK = """
[pack]
name = "house"
description = "House style"

[[rules]]
code = "HS101"
name = "no-utilize"
type = "existence"
summary = "Use 'use'"
message = "Use 'use' instead of '{{match}}'"
tokens = ["{word}"]
examples = [{{ bad = "We {word} it." }}]
ok = ["We use it."]
"""


def docs(n: int = 12) -> list[Unit]:
    return [Unit(f"s{i}.txt", article(i)) for i in range(n)]


def run(linter: Linter, items: list[Unit], directory: Path, jobs: int = 1) -> tuple[list, Cache]:
    cache = Cache.for_linter(linter, directory)
    batch = Batch(linter, jobs=jobs, cache=cache, min_parallel_bytes=0)
    batch.prepare(items)
    found = [d for _, d in batch.check(items)]
    return found, batch.cache or cache


def test_second_run_hits_and_equals_first(tmp_path: Path):
    items = docs()
    first, c1 = run(Linter(), items, tmp_path)
    assert (c1.hits, c1.misses) == (0, len(items))
    second, c2 = run(Linter(), items, tmp_path, jobs=2)
    assert (c2.hits, c2.misses) == (len(items), 0)
    assert second == first == [Linter().check(u.text, u.path) for u in items]
    assert (tmp_path / ".gitignore").read_text().splitlines()[-1] == "*"


def test_changed_text_or_path_misses(tmp_path: Path):
    items = docs(4)
    run(Linter(), items, tmp_path)
    changed = [items[0], Unit(items[1].path, items[1].text + "More.\n"), Unit("renamed.txt", items[2].text)]
    found, c = run(Linter(), changed, tmp_path)
    assert (c.hits, c.misses) == (1, 2)
    assert found == [Linter().check(u.text, u.path) for u in changed]


def test_config_change_is_a_new_namespace(tmp_path: Path):
    base = Linter()
    assert linter_fingerprint(Linter()) == linter_fingerprint(base)
    for other in (
        Linter(Config(select=("LN1",))),
        Linter(Config(ignore=("LN103",))),
        Linter(Config(min_severity=base.config.fail_on)),
        Linter(Config(per_file_ignores={"*.md": ("LN1",)})),
    ):
        assert linter_fingerprint(other) != linter_fingerprint(base)
    items = docs(4)
    run(base, items, tmp_path)
    found, c = run(Linter(Config(ignore=("LN103",))), items, tmp_path)
    assert c.misses == len(items)
    assert all(d.code != "LN103" for diags in found for d in diags)


def test_pack_change_invalidates(tmp_path: Path):
    pack = tmp_path / "house.toml"
    pack.write_text(PACK.format(word="utilize"))
    config = Config(packs=(pack,), root=tmp_path, extend_select=("HS101",))
    text = [Unit("a.txt", "We utilize it. We leverage it.\n")]
    first, _ = run(Linter(config), text, tmp_path / "c")
    assert [d.code for d in first[0]] == ["HS101"]
    pack.write_text(PACK.format(word="leverage"))
    os.utime(pack, ns=(1, 1))  # same mtime trick cannot fool the content hash
    second, c = run(Linter(config), text, tmp_path / "c")
    assert c.misses == 1
    assert [text[0].text[d.start : d.end] for d in second[0]] == ["leverage"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_cross_file_state_change_reruns_only_cross_rules(tmp_path: Path, jobs: int):
    items = docs(9)
    first, _ = run(linter_with(SharedLine), items, tmp_path)
    assert any(d.code == "TT903" for diags in first for d in diags)
    # One more file sharing a new line (story 1's headline): the run state changes.
    extra = Unit("extra.txt", "Story number 1 of the day\n\nSomething else entirely.\n")
    more = [*items, extra]
    cache = Cache.for_linter(linter_with(SharedLine), tmp_path)
    linter = linter_with(SharedLine)
    batch = Batch(linter, cache=cache, jobs=jobs, min_parallel_bytes=0)
    batch.prepare(more)
    calls: list[int] = []
    local_check = linter.check_document

    def spy(doc: Document, rules=None):
        calls.append(0 if rules is None else len(rules))
        return local_check(doc, rules)

    linter.check_document = spy  # type: ignore[method-assign]
    found = [d for _, d in batch.check(more)]
    fresh = linter_with(SharedLine)
    fresh.prepare_run(Document(u.text, u.path) for u in more)
    assert found == [fresh.check(u.text, u.path) for u in more]
    if jobs == 1:  # (a pool's workers are copies: the spy sees nothing there)
        # Cached files ran the cross-file rule alone; only the new file ran everything.
        assert calls.count(1) == len(items) and calls.count(0) == 1


@pytest.mark.parametrize(
    "damage",
    [b"", b"{", b'{"k": "other", "l": []}', b"\x00\x01", b'{"k": "KEY", "l": [{"c": 1}]}', b"[]"],
)
def test_damaged_entries_are_misses(tmp_path: Path, damage: bytes):
    items = docs(3)
    expected, c = run(Linter(), items, tmp_path)
    for entry in tmp_path.rglob("*.json"):
        entry.write_bytes(damage.replace(b"KEY", entry.stem.encode()))
    found, c = run(Linter(), items, tmp_path)
    assert found == expected
    assert c.hits == 0


def test_unwritable_cache_never_fails_a_run(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    found, c = run(Linter(), docs(3), blocker / "cache")
    assert found == [Linter().check(u.text, u.path) for u in docs(3)]
    assert c.write_errors == 3


def _hammer(directory: str, seed: int) -> int:
    """Write and read the same keys as other processes do, many times."""
    from lintnews.cache import Cache
    from lintnews.diagnostics import Diagnostic, Severity, Span

    cache = Cache(Path(directory), "ns" * 16)
    bad = 0
    for n in range(150):
        key = Cache.key("p", None, str(n % 5))
        size = (n + seed) % 7
        diags = [Diagnostic("LN101", "x", "m" * 500, Span(i, i + 1), Severity.WARNING) for i in range(size)]
        cache.put(key, diags)
        entry = cache.get(key, "p")
        if entry is None or len(entry.local) not in range(7):
            bad += 1
    return bad


def test_parallel_writers_never_produce_a_bad_read(tmp_path: Path):
    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ctx.Pool(3) as pool:
        bad = pool.starmap(_hammer, [(str(tmp_path), s) for s in range(3)])
    assert bad == [0, 0, 0]
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_fingerprints_are_stable_across_processes():
    """String hashing is randomized per process: a set's order is not stable,
    its fingerprint must be."""
    code = "from lintnews.cache import digest; print(digest({'state': {'alpha', 'beta', 'gamma', 'delta'}}))"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(outs) == 1
    assert outs.pop().strip() == digest({"state": {"delta", "gamma", "beta", "alpha"}})


def test_crashed_rule_results_are_not_cached(tmp_path: Path):
    from test_engine import Boom

    linter = linter_with(Boom)
    found, c = run(linter, docs(2), tmp_path)
    assert any(d.code == "TT900" for d in found[0])
    _, c = run(linter_with(Boom), docs(2), tmp_path)
    assert c.hits == 0


# -- the CLI -----------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LINTNEWS_CACHE_DIR", raising=False)
    (tmp_path / "lintnews.toml").write_text("ignore = []\n")
    news = tmp_path / "news"
    news.mkdir()
    for i in range(6):
        (news / f"s{i}.txt").write_text(article(i))
    return tmp_path


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cli_cache_lives_in_config_root_and_gives_same_output(project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(project / "news")
    first = cli("check", ".", "--output-format", "json")
    folder = project / ".lintnews_cache"
    assert folder.is_dir() and (folder / ".gitignore").read_text().strip().endswith("*")
    entries = list(folder.rglob("*.json"))
    assert len(entries) == 6
    second = cli("check", ".", "--output-format", "json")
    assert second.stdout == first.stdout and second.exit_code == first.exit_code == 1
    assert json.loads(second.stdout)


def test_cli_json_lines_records_are_not_cached_but_files_are(project: Path):
    # A corpus of a million records must not leave a million cache entries.
    corpus = project / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": article(i)}) + "\n" for i in range(4)))
    first = cli("check", "corpus.jsonl", "news", "--output-format", "json")
    assert first.exit_code == 1
    found = json.loads(first.stdout)
    assert {d["path"] for d in found} >= {"corpus.jsonl:1", "news/s0.txt"}
    assert len(list((project / ".lintnews_cache").rglob("*.json"))) == 6  # the six files only
    second = cli("check", "corpus.jsonl", "news", "--output-format", "json")
    assert second.stdout == first.stdout
    assert len(list((project / ".lintnews_cache").rglob("*.json"))) == 6
    fixed = cli("fix", "corpus.jsonl", "-o", "clean.jsonl")
    assert fixed.exit_code == 1  # the promo lines remain: their removal is unsafe
    assert len((project / "clean.jsonl").read_text().splitlines()) == 4
    assert len(list((project / ".lintnews_cache").rglob("*.json"))) == 6


def test_cli_no_cache_writes_nothing(project: Path):
    result = cli("check", "news", "--no-cache")
    assert result.exit_code == 1
    assert not (project / ".lintnews_cache").exists()


def test_cli_cache_dir_from_environment(project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LINTNEWS_CACHE_DIR", str(project / "elsewhere"))
    cli("check", "news")
    assert (project / "elsewhere" / ".gitignore").exists()
    assert not (project / ".lintnews_cache").exists()


def test_cli_fix_uses_cache_and_fills_it(project: Path):
    clean = project / "news" / "s6.txt"
    clean.write_text("Story number 6 of the day\n\nA clean paragraph.\n")
    first = cli("check", "news", "--output-format", "json")
    before = {p.name: p.read_text() for p in (project / "news").iterdir()}
    fixed = cli("fix", "news", "--output-format", "json")
    assert fixed.exit_code in (0, 1)
    after = {p.name: p.read_text() for p in (project / "news").iterdir()}
    assert after["s6.txt"] == before["s6.txt"]
    assert after != before
    # The fixed texts' results were stored: checking again is all hits and
    # equals an uncached check.
    cached = cli("check", "news", "--output-format", "json")
    uncached = cli("check", "news", "--output-format", "json", "--no-cache")
    assert cached.stdout == uncached.stdout
    assert first.stdout != cached.stdout


def test_old_namespaces_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cache_module, "KEEP_NAMESPACES", 2)
    for n in range(4):
        Cache(tmp_path, str(n) * 64).put("a" * 64, [])
    assert len(list((tmp_path / f"v{cache_module.FORMAT}").iterdir())) == 2


# -- the quick key: a run the cache answers loads no rules ---------------------------


@pytest.fixture
def count_linters(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every Linter the CLI builds from now on, counted."""
    import lintnews.engine as engine

    built: list[int] = []

    class Counting(engine.Linter):
        def __init__(self, *args, **kwargs) -> None:
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(engine, "Linter", Counting)
    return built


@pytest.mark.parametrize(
    "config",
    ["ignore = []\n", 'unfixable = ["LN1"]\n', "unsafe-fixes = true\n", 'extend-select = ["AP"]\n'],
)
@pytest.mark.parametrize(
    "args",
    [
        ("--output-format", "full"),
        ("--output-format", "concise"),
        ("--output-format", "json"),
        ("--output-format", "github"),
        ("--output-format", "junit"),
        ("--statistics",),
    ],
)
def test_cli_warm_run_loads_no_rules_and_prints_the_same(
    project: Path, count_linters: list[int], config: str, args: tuple[str, ...]
):
    (project / "lintnews.toml").write_text(config)
    cold = cli("check", "news", "--no-color", *args)
    assert count_linters == [1]
    warm = cli("check", "news", "--no-color", *args)
    assert count_linters == [1]  # every file a hit: the rules never loaded
    uncached = cli("check", "news", "--no-color", "--no-cache", *args)
    assert warm.stdout == cold.stdout == uncached.stdout
    assert warm.exit_code == cold.exit_code == uncached.exit_code == 1
    if args == ("--output-format", "full") and config == "ignore = []\n":
        assert "fixable with `lintnews fix`" in warm.stdout  # counted from the alias


def test_cli_warm_sarif_loads_the_rules_for_their_metadata(project: Path, count_linters: list[int]):
    cold = cli("check", "news", "--output-format", "sarif")
    warm = cli("check", "news", "--output-format", "sarif")
    assert warm.stdout == cold.stdout and warm.exit_code == cold.exit_code == 1
    assert '"rules"' in warm.stdout and len(count_linters) == 2


def test_cli_a_miss_loads_the_rules_then_and_matches_an_uncached_run(project: Path, count_linters: list[int]):
    cli("check", "news")
    (project / "news" / "s2.txt").write_text("A new story.Then another\n")
    warm = cli("check", "news", "--output-format", "json")
    assert len(count_linters) == 2  # built at the miss
    uncached = cli("check", "news", "--output-format", "json", "--no-cache")
    assert warm.stdout == uncached.stdout and warm.exit_code == uncached.exit_code == 1
    assert "s2.txt" in warm.stdout


def test_cli_cross_file_rules_load_the_rules_and_stay_right(project: Path, count_linters: list[int]):
    shared = "Follow us on the usual channels for more stories like this one.\n"
    for i in range(3):
        (project / "news" / f"b{i}.txt").write_text(f"Story {i} is here.\n\n{shared}")
    cold = cli("check", "news", "--extend-select", "LN405", "--output-format", "json")
    warm = cli("check", "news", "--extend-select", "LN405", "--output-format", "json")
    assert len(count_linters) == 2  # a run pass needs the rules every time
    uncached = cli("check", "news", "--extend-select", "LN405", "--output-format", "json", "--no-cache")
    assert warm.stdout == cold.stdout == uncached.stdout and "LN405" in warm.stdout


def test_cli_quick_key_follows_a_pack_edit(project: Path):
    pack = project / "house.toml"
    pack.write_text(PACK.format(word="utilize"))
    (project / "lintnews.toml").write_text('packs = ["house.toml"]\nselect = ["HS"]\n')
    (project / "news" / "h.txt").write_text("We utilize it. We leverage it.\n")
    first = cli("check", "news/h.txt", "--output-format", "concise")
    assert "HS101" in first.stdout and "utilize" in first.stdout
    pack.write_text(PACK.format(word="leverage"))
    second = cli("check", "news/h.txt", "--output-format", "concise")
    uncached = cli("check", "news/h.txt", "--output-format", "concise", "--no-cache")
    assert second.stdout == uncached.stdout and "leverage" in second.stdout
    assert "utilize" not in second.stdout


def test_cli_bad_config_still_fails_before_reading_after_a_warm_run(project: Path):
    cli("check", "news")
    (project / "lintnews.toml").write_text('select = ["NOPE1"]\n')
    result = cli("check", "news")
    assert result.exit_code == 2 and "NOPE1" in result.stderr


def test_no_quick_key_with_a_lintnews_plugin_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    own = tmp_path / "tool-1.0.dist-info"
    own.mkdir()
    (own / "entry_points.txt").write_text("[console_scripts]\nlintnews = lintnews.cli:main\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cache_module.plugins_installed() is False
    assert cache_module.quick_key(Config()) is not None
    plugin = tmp_path / "newsplug-1.0.dist-info"
    plugin.mkdir()
    (plugin / "entry_points.txt").write_text("[lintnews.rules]\nnofoo = newsplug:NoFoo\n")
    assert cache_module.plugins_installed() is True
    assert cache_module.quick_key(Config()) is None


def test_quick_key_changes_with_config_and_packs(tmp_path: Path):
    pack = tmp_path / "house.toml"
    pack.write_text(PACK.format(word="utilize"))
    base = cache_module.quick_key(Config(packs=(pack,)))
    assert base == cache_module.quick_key(Config(packs=(pack,)))
    assert base != cache_module.quick_key(Config(packs=(pack,), select=("LN1",)))
    pack.write_text(PACK.format(word="leverage"))
    assert base != cache_module.quick_key(Config(packs=(pack,)))


def test_warm_run_in_a_fresh_process_imports_no_rules(project: Path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    cold = subprocess.run([sys.executable, "-m", "lintnews", "check", "news"], cwd=project, env=env)
    assert cold.returncode == 1
    probe = (
        "import sys\n"
        "from lintnews.cli import main\n"
        "try:\n    main(['check', 'news', '-q'])\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        "loaded = [m for m in ('lintnews.engine', 'lintnews.registry', 'lintnews.packs', 'lintnews.lexicon',"
        " 'lintnews.builtin', 'concurrent.futures.process') if m in sys.modules]\n"
        "print(code, loaded, file=sys.stderr)\n"
    )
    warm = subprocess.run([sys.executable, "-c", probe], cwd=project, env=env, capture_output=True, text=True)
    assert warm.stderr.strip().splitlines()[-1] == "1 []"
