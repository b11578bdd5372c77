"""Hostile files and folders: every bad input is one error line naming the
file and the problem, exit code 2, no traceback, nothing modified; the cache,
being disposable, simply misses.

Inputs that could hang lintnews (FIFOs, devices) run it in a subprocess
with a generous timeout, so a regression fails the test instead of hanging
the suite. The timeout is a hang guard, not a speed target.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintnews.cli import main
from lintnews.safeio import MAX_BASELINE_BYTES, MAX_CONFIG_BYTES, MAX_PACK_BYTES

ROOT = Path(__file__).resolve().parents[1]
FUSED = "The talks ended.Then came rain\n"
FUSED_FINDING = "1:16: LN103 [*] Missing space after '.'"
#: A hang guard: a FIFO that is opened blocks for ever.
TIMEOUT_S = 30
DEEP = 100_000
#: Address space for a lintnews subprocess: far more than it needs.
MEMORY_GUARD = 4 * 1024**3

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("LINTNEWS_CACHE_DIR", raising=False)


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str


def cli(*args: str, input: str | None = None) -> Ran:
    """The CLI in this process (inputs that cannot hang it)."""
    result = CliRunner().invoke(main, list(args), input=input)
    return Ran(result.exit_code, result.stdout, result.stderr)


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_GUARD, MEMORY_GUARD))


def cli_process(*args: str, cwd: Path) -> Ran:
    """The CLI in its own process group, killed if it runs past the guard,
    and with its address space capped: a regression that reads a sparse
    100 GB file whole fails with MemoryError instead of exhausting the machine."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("LINTNEWS_CACHE_DIR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "lintnews", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_limit_memory if hasattr(os, "fork") else None,
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"lintnews {' '.join(args)} hung (killed after {TIMEOUT_S} s)")
    return Ran(proc.returncode, out, err)


def snapshot(root: Path) -> dict[str, object]:
    """Every entry below ``root``: the bytes of regular files, the target of
    links, the kind of anything else (never opened). Not recursive: the tree
    may be deep on purpose."""
    found: dict[str, object] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as scan:
            for entry in scan:
                rel = os.path.relpath(entry.path, root)
                if entry.is_symlink():
                    found[rel] = ("link", os.readlink(entry.path))
                elif entry.is_dir():
                    found[rel] = "folder"
                    stack.append(Path(entry.path))
                elif entry.is_file():
                    found[rel] = Path(entry.path).read_bytes()
                else:
                    found[rel] = stat.S_IFMT(entry.stat().st_mode)
    return found


def assert_one_error(ran: Ran, message: str) -> None:
    """Exit 2 and exactly ``lintnews: error: <message>`` on stderr."""
    assert ran.stderr == f"lintnews: error: {message}\n", ran.stderr
    assert ran.code == 2, (ran.code, ran.stdout)


def write_jsonl(path: Path, lines: list[str]) -> bytes:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path.write_bytes(data)
    return data


# -- 1. symbolic links and folders -----------------------------------------------


def test_a_symlink_loop_in_a_folder_is_one_error_and_the_rest_is_checked(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(FUSED)
    os.symlink("loop.txt", tmp_path / "news" / "loop.txt")
    before = snapshot(tmp_path)
    ran = cli("check", "news", "--no-cache", "--output-format", "concise")
    assert_one_error(ran, "news/loop.txt: symbolic link loop")
    assert ran.stdout.splitlines()[0] == f"news/a.txt:{FUSED_FINDING}"
    assert snapshot(tmp_path) == before
    # Named on the command line, and fixed: the same line, nothing written.
    assert_one_error(cli("check", "news/loop.txt", "--no-cache"), "news/loop.txt: symbolic link loop")
    assert_one_error(cli("fix", "news/loop.txt", "--no-cache"), "news/loop.txt: symbolic link loop")
    assert snapshot(tmp_path) == before


def test_a_dangling_link_is_one_error(tmp_path: Path):
    (tmp_path / "news").mkdir()
    os.symlink("gone.txt", tmp_path / "news" / "link.txt")
    assert_one_error(cli("check", "news", "--no-cache"), "news/link.txt: broken symbolic link")
    assert_one_error(cli("check", "news/link.txt", "--no-cache"), "news/link.txt: broken symbolic link")


def test_links_to_folders_are_not_followed_so_a_walk_never_loops(tmp_path: Path):
    news = tmp_path / "news"
    (news / "desk").mkdir(parents=True)
    (news / "desk" / "a.txt").write_text(FUSED)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "b.txt").write_text(FUSED)
    os.symlink(".", news / "desk" / "self")
    os.symlink("..", news / "desk" / "up")
    os.symlink(tmp_path / "outside", news / "elsewhere")
    ran = cli("check", "news", "--no-cache", "--output-format", "concise", "-q")
    assert (ran.code, ran.stderr) == (1, "")
    assert ran.stdout == f"news/desk/a.txt:{FUSED_FINDING}\n"
    # A folder named on the command line is walked, link or not.
    ran = cli("check", "news/elsewhere", "--no-cache", "--output-format", "concise", "-q")
    assert ran.stdout == f"news/elsewhere/b.txt:{FUSED_FINDING}\n"


def test_fix_never_writes_through_a_link_to_a_file(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.txt").write_text(FUSED)
    os.symlink("../outside/x.txt", tmp_path / "news" / "x.txt")
    ran = cli("fix", "news", "--no-cache", "-q")
    assert (ran.code, ran.stderr) == (0, "")
    # The fixed text takes the link's place; the file outside the tree is untouched.
    assert not (tmp_path / "news" / "x.txt").is_symlink()
    assert (tmp_path / "news" / "x.txt").read_text() == "The talks ended. Then came rain\n"
    assert (tmp_path / "outside" / "x.txt").read_text() == FUSED


@pytest.fixture
def outside_pytest_tmp() -> Iterator[Path]:
    """A folder pytest does not manage, removed without recursion: pytest's
    own clean-up of old tmp folders (shutil.rmtree) recurses, and a tree
    1,100 deep left there would crash later sessions."""
    top = Path(tempfile.mkdtemp(prefix="lintnews-deep-"))
    try:
        yield top
    finally:
        stack = [(top, False)]
        while stack:
            folder, emptied = stack.pop()
            if emptied:
                os.rmdir(folder)
                continue
            stack.append((folder, True))
            with os.scandir(folder) as scan:
                for entry in scan:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((Path(entry.path), False))
                    else:
                        os.unlink(entry.path)


def test_a_tree_1100_folders_deep_is_walked(outside_pytest_tmp: Path, monkeypatch: pytest.MonkeyPatch):
    # os.walk recursed on Python 3.10-3.11: RecursionError past ~990 levels.
    monkeypatch.chdir(outside_pytest_tmp)
    folder = outside_pytest_tmp / "news"
    folder.mkdir()
    for _ in range(1100):
        folder = folder / "a"
        folder.mkdir()
    (folder / "deep.txt").write_text(FUSED)
    ran = cli("check", "news", "--no-cache", "--output-format", "concise", "-q")
    assert (ran.code, ran.stderr) == (1, "")
    assert ran.stdout == f"news/{'a/' * 1100}deep.txt:{FUSED_FINDING}\n"


def test_a_folder_that_cannot_be_read_is_one_error_and_the_rest_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # chmod cannot lock root out: the folder's listing fails as it would for a user.
    (tmp_path / "news" / "locked").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text(FUSED)
    scandir = os.scandir

    def refusing(path: os.PathLike[str] | str = ".") -> os.ScandirIterator[str]:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    ran = cli("check", "news", "--no-cache", "--output-format", "concise", "-q")
    assert_one_error(ran, "news/locked: cannot read folder: permission denied")
    assert ran.stdout == f"news/a.txt:{FUSED_FINDING}\n"


def test_a_folder_with_nothing_to_check_says_so():
    (Path("news")).mkdir()
    ran = cli("check", "news", "--no-cache")
    assert ran.code == 0
    assert ran.stderr == "lintnews: warning: news: no files to check (none matches *.txt, *.md, *.markdown)\n"


def test_a_file_name_with_a_newline_is_still_one_error_line(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a\nb.txt").write_bytes(b"\xff\n")
    ran = cli("check", "news", "--no-cache")
    assert_one_error(ran, "news/a\\nb.txt: invalid UTF-8 at byte 0 (0xff); lintnews reads UTF-8 only")


# -- 2. a lone surrogate in a JSON Lines record ---------------------------------------


def test_a_lone_surrogate_is_a_bad_line_copied_through_by_fix(tmp_path: Path):
    lines = [
        json.dumps({"id": "a", "text": FUSED}),
        '{"id": "b", "text": "bad \\ud800 here.Then"}',
        json.dumps({"id": "c", "text": "Emoji \U0001f600 here.Then"}),  # an escaped pair: fine
    ]
    corpus = write_jsonl(tmp_path / "c.jsonl", lines)
    error = "c.jsonl: line 2: lone surrogate \\ud800 in a string (not valid Unicode)"
    ran = cli("check", "c.jsonl", "--output-format", "concise", "-q")
    assert_one_error(ran, error)
    assert [line.split(":")[1] for line in ran.stdout.splitlines()] == ["1", "3"]
    ran = cli("fix", "c.jsonl", "-o", "out.jsonl", "-q")
    assert_one_error(ran, error)
    assert (tmp_path / "c.jsonl").read_bytes() == corpus
    out = (tmp_path / "out.jsonl").read_bytes()
    out.decode("utf-8")  # valid UTF-8, whatever the input escaped
    assert out.splitlines()[1] == lines[1].encode()
    assert [json.loads(line)["text"] for line in out.splitlines()[::2]] == [
        "The talks ended. Then came rain\n",
        "Emoji \U0001f600 here. Then",
    ]
    # lintnews reads its own output back: the same one bad line, nothing else.
    assert_one_error(
        cli("check", "out.jsonl", "-q", "--output-format", "concise"), error.replace("c.", "out.", 1)
    )


def test_a_lone_surrogate_in_another_field_is_a_bad_line_too(tmp_path: Path):
    write_jsonl(tmp_path / "c.jsonl", ['{"id": "\\udc00", "text": "Fine."}'])
    ran = cli("check", "c.jsonl", "--jsonl-id", "id")
    assert_one_error(ran, "c.jsonl: line 1: lone surrogate \\udc00 in a string (not valid Unicode)")


# -- 3. JSON nested 100,000 deep ---------------------------------------------------


def test_deep_json_in_a_jsonl_line_is_a_bad_line(tmp_path: Path):
    write_jsonl(
        tmp_path / "c.jsonl",
        [
            json.dumps({"text": FUSED}),
            "[" * DEEP + "]" * DEEP,
            '{"text": "x", "n": ' + "1" * 5000 + "}",
            json.dumps({"text": FUSED}),
        ],
    )
    ran = cli("check", "c.jsonl", "--output-format", "concise", "-q")
    assert ran.code == 2
    assert ran.stderr.splitlines() == [
        "lintnews: error: c.jsonl: line 2: invalid JSON (nested too deeply)",
        "lintnews: error: c.jsonl: line 3: invalid JSON (a number of more than 4,300 digits)",
    ]
    # The records after them are still checked.
    assert [line.split(":")[1] for line in ran.stdout.splitlines()] == ["1", "4"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[" * DEEP + "]" * DEEP, "invalid baseline (not JSON: nested too deeply)"),
        (
            '{"version": 1, "files": {"a.txt": [["LN103", ".", 1' + "0" * 5000 + "]]}}",
            "invalid baseline (not JSON: a number of more than 4,300 digits)",
        ),
        ("[]", "invalid baseline (expected a lintnews baseline, version 1)"),
        ('{"version": 1, "files": []}', "invalid baseline ('files' must be an object)"),
        ('{"version": 1, "files": {"a.txt": {}}}', "invalid baseline (entries of 'a.txt' must be a list)"),
        (
            '{"version": 1, "files": {"a.txt": [' + "[" * 500 + "]" * 500 + "]}}",
            "invalid baseline entry in 'a.txt': [[[[[[[...]]]]]]]",
        ),
    ],
)
def test_a_bad_baseline_is_one_error(tmp_path: Path, content: str, problem: str):
    (tmp_path / "a.txt").write_text(FUSED)
    (tmp_path / "b.json").write_text(content)
    before = snapshot(tmp_path)
    assert_one_error(cli("check", "a.txt", "--no-cache", "--baseline", "b.json"), f"b.json: {problem}")
    assert snapshot(tmp_path) == before


POISONS = {
    "nested 100,000 deep": lambda data: ("[" * DEEP + "]" * DEEP).encode(),
    "a 5,000-digit number": lambda data: b'{"k": ' + b"9" * 5000 + b"}",
    "not UTF-8": lambda data: b"\xff\xfe" + data,
    # A well-formed entry whose position is infinite: int() raises OverflowError.
    "an infinite position": lambda data: re.sub(rb'"p":\[[0-9]+', b'"p":[1e999', data),
}


@pytest.mark.parametrize("poison", sorted(POISONS))
def test_bad_cache_entries_and_aliases_are_misses(tmp_path: Path, poison: str):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(FUSED)
    first = cli("check", "news", "--output-format", "concise")
    assert first.code == 1
    cache = tmp_path / ".lintnews_cache"
    poisoned = [*cache.rglob("*.json"), *cache.rglob("*.alias")]
    assert {p.suffix for p in poisoned} == {".json", ".alias"}
    for path in poisoned:
        damaged = POISONS[poison](path.read_bytes())
        assert damaged != path.read_bytes() or path.suffix == ".alias"
        path.write_bytes(damaged)
    again = cli("check", "news", "--output-format", "concise")
    assert (again.code, again.stdout, again.stderr) == (first.code, first.stdout, "")


@needs_fifo
def test_fifos_and_devices_in_the_cache_are_misses(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(FUSED)
    first = cli_process("check", "news", "--output-format", "concise", cwd=tmp_path)
    assert first.code == 1
    cache = tmp_path / ".lintnews_cache"
    [entry] = cache.rglob("*.json")
    [alias] = cache.rglob("*.alias")
    entry.unlink()
    os.mkfifo(entry)
    alias.unlink()
    os.symlink("/dev/zero", alias)
    again = cli_process("check", "news", "--output-format", "concise", cwd=tmp_path)
    assert (again.code, again.stdout, again.stderr) == (first.code, first.stdout, "")


# -- 4. `tool` in a pyproject.toml ----------------------------------------------------


@pytest.mark.parametrize("body", ["tool = 5\n", 'tool = "lintnews"\n', "tool = [1, 2]\n"])
def test_a_pyproject_whose_tool_is_not_a_table_has_no_lintnews_config(tmp_path: Path, body: str):
    (tmp_path / "pyproject.toml").write_text(body)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(FUSED)
    for args in (["news"], ["news", "--config", "pyproject.toml"]):
        ran = cli("check", *args, "--no-cache", "--output-format", "concise", "-q")
        assert (ran.code, ran.stdout, ran.stderr) == (1, f"news/a.txt:{FUSED_FINDING}\n", "")


@pytest.mark.parametrize("body", ["[tool]\nlintnews = 3\n", '[tool]\nlintnews = "ALL"\n'])
def test_a_tool_lintnews_that_is_not_a_table_is_one_error(tmp_path: Path, body: str):
    (tmp_path / "pyproject.toml").write_text(body)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(FUSED)
    before = snapshot(tmp_path)
    for command in ("check", "fix"):
        ran = cli(command, "news", "--no-cache")
        assert_one_error(ran, f"{tmp_path / 'pyproject.toml'}: 'tool.lintnews' must be a table")
    assert snapshot(tmp_path) == before


# -- 5. formulas, regexes and TOML that would exhaust a parser's stack ------------------

PACK = """[pack]
name = "house"

[[rules]]
code = "HS101"
name = "house-rule"
summary = "A house rule"
default = true
"""


def pack_error(tmp_path: Path, rule: str) -> Ran:
    (tmp_path / "house.toml").write_text(PACK + rule)
    (tmp_path / "lintnews.toml").write_text('packs = ["house.toml"]\n')
    (tmp_path / "a.txt").write_text(FUSED)
    before = snapshot(tmp_path)
    ran = cli("fix", "a.txt", "--no-cache")
    if ran.code == 2:
        assert snapshot(tmp_path) == before
    return ran


@pytest.mark.parametrize(
    ("formula", "problem"),
    [
        (" + ".join(["words"] * DEEP), "formula too long (799,997 characters; at most 1,000)"),
        ("+".join(["1"] * 450), "formula nested too deeply (more than 100 operations)"),
        ("-" * 990 + "words", "formula nested too deeply (more than 100 operations)"),
        (
            "(" * 300 + "words" + ")" * 300,
            "invalid formula '" + "(" * 37 + "..." + ")" * 38 + "'",
        ),
    ],
)
def test_a_metric_formula_too_long_or_deep_is_a_load_error(tmp_path: Path, formula: str, problem: str):
    ran = pack_error(tmp_path, f'type = "metric"\nformula = "{formula}"\ncondition = "> 1"\n')
    assert_one_error(ran, f"{tmp_path / 'house.toml'}: rule HS101: {problem}")


def test_a_sane_formula_near_the_caps_still_loads(tmp_path: Path):
    formula = "+".join(["words"] * 90)  # 90 terms, 539 characters
    ran = pack_error(tmp_path, f'type = "metric"\nformula = "{formula}"\ncondition = "> 1"\n')
    assert ran.code == 1 and ran.stderr == "", ran.stderr


def test_a_regex_nested_thousands_deep_is_a_load_error(tmp_path: Path):
    pattern = "(" * 5000 + "a" + ")" * 5000
    ran = pack_error(tmp_path, f'type = "pattern"\npattern = "{pattern}"\n')
    shown = "'" + "(" * 37 + "..." + ")" * 38 + "'"  # cut in the middle to 80 characters
    assert_one_error(
        ran, f"{tmp_path / 'house.toml'}: rule HS101: regular expression {shown} is nested too deeply"
    )


@pytest.mark.parametrize("name", ["lintnews.toml", "house.toml"])
def test_toml_nested_100000_deep_is_one_error(tmp_path: Path, name: str):
    (tmp_path / "lintnews.toml").write_text('packs = ["house.toml"]\n')
    (tmp_path / "house.toml").write_text(PACK + 'type = "existence"\ntokens = ["very"]\n')
    (tmp_path / name).write_text("x = " + "[" * DEEP + "]" * DEEP + "\n")
    (tmp_path / "a.txt").write_text(FUSED)
    assert_one_error(
        cli("check", "a.txt", "--no-cache"), f"{tmp_path / name}: invalid TOML: nested too deeply"
    )


# -- 6. FIFOs, devices and size caps ----------------------------------------------------


@needs_fifo
@pytest.mark.parametrize("cache", [True, False])
def test_a_pack_that_is_a_fifo_or_a_device_is_refused_unopened(tmp_path: Path, cache: bool):
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "a.txt").write_text(FUSED)
    flags = [] if cache else ["--no-cache"]
    for pack, problem in (
        (tmp_path / "fifo.toml", "not a regular file (a FIFO)"),
        (Path("/dev/zero"), "not a regular file (a character device)"),
    ):
        (tmp_path / "lintnews.toml").write_text(f'packs = ["{pack}"]\n')
        before = snapshot(tmp_path)
        ran = cli_process("fix", "a.txt", *flags, cwd=tmp_path)
        assert_one_error(ran, f"{pack}: cannot read rule pack: {problem}")
        assert snapshot(tmp_path) == before


@needs_fifo
@pytest.mark.parametrize(
    ("option", "suffix", "what"), [("--baseline", ".json", "baseline"), ("--config", ".toml", "config file")]
)
def test_a_baseline_or_config_that_is_a_fifo_a_device_or_a_folder_is_refused(
    tmp_path: Path, option: str, suffix: str, what: str
):
    os.mkfifo(tmp_path / f"fifo{suffix}")
    (tmp_path / f"folder{suffix}").mkdir()
    (tmp_path / "a.txt").write_text(FUSED)
    before = snapshot(tmp_path)
    for name, problem in (
        (f"fifo{suffix}", "not a regular file (a FIFO)"),
        ("/dev/zero", "not a regular file (a character device)"),
        (f"folder{suffix}", "not a regular file (a folder)"),
    ):
        ran = cli_process("check", "a.txt", "--no-cache", option, name, cwd=tmp_path)
        assert_one_error(ran, f"{name}: cannot read {what}: {problem}")
    assert snapshot(tmp_path) == before


@needs_fifo
def test_no_baseline_is_written_over_a_fifo(tmp_path: Path):
    # A rename over it would replace the FIFO (or, as root, /dev/null) with a file.
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "a.txt").write_text(FUSED)
    before = snapshot(tmp_path)
    ran = cli_process("check", "a.txt", "--no-cache", "--write-baseline", "fifo.json", cwd=tmp_path)
    assert_one_error(ran, "fifo.json: cannot write baseline: not a regular file (a FIFO)")
    assert snapshot(tmp_path) == before


@needs_fifo
@pytest.mark.parametrize("name", ["lintnews.toml", "pyproject.toml"])
def test_a_config_found_walking_up_that_is_a_fifo_is_refused(tmp_path: Path, name: str):
    # Not skipped: that would silently use a config further up.
    os.mkfifo(tmp_path / name)
    (tmp_path / "a.txt").write_text(FUSED)
    ran = cli_process("check", "a.txt", "--no-cache", cwd=tmp_path)
    assert_one_error(ran, f"{tmp_path / name}: cannot read config file: not a regular file (a FIFO)")


@needs_fifo
def test_checked_fifos_and_devices_are_refused_unopened(tmp_path: Path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(FUSED)
    os.mkfifo(news / "pipe.txt")
    os.mkfifo(news / "pipe.jsonl")
    os.symlink("/dev/zero", news / "zero.txt")
    before = snapshot(tmp_path)
    ran = cli_process("check", "news/pipe.txt", "--no-cache", cwd=tmp_path)
    assert_one_error(ran, "news/pipe.txt: not a regular file (a FIFO)")
    ran = cli_process("check", "/dev/null", "--no-cache", cwd=tmp_path)
    assert_one_error(ran, "/dev/null: not a regular file (a character device)")
    ran = cli_process("check", "news/pipe.jsonl", "--no-cache", cwd=tmp_path)
    assert_one_error(ran, "news/pipe.jsonl: not a regular file (a FIFO)")
    # Met in a folder, then named again: reported once; the rest is checked.
    ran = cli_process(
        "fix", "news", "news/pipe.txt", "--no-cache", "--output-format", "concise", cwd=tmp_path
    )
    assert ran.code == 2
    assert ran.stderr.splitlines() == [
        "lintnews: error: news/pipe.txt: not a regular file (a FIFO)",
        "lintnews: error: news/zero.txt: not a regular file (a character device)",
    ]
    assert (news / "a.txt").read_text() == "The talks ended. Then came rain\n"
    (news / "a.txt").write_text(FUSED)
    assert snapshot(tmp_path) == before
    # A JSON Lines FIFO found in a folder (when include asks for them).
    (tmp_path / "lintnews.toml").write_text('include = ["*.jsonl"]\n')
    ran = cli_process("check", "news", "--no-cache", cwd=tmp_path)
    assert_one_error(ran, "news/pipe.jsonl: not a regular file (a FIFO)")


@pytest.mark.parametrize(
    ("name", "limit", "what"),
    [
        ("lintnews.toml", MAX_CONFIG_BYTES, "config file"),
        ("house.toml", MAX_PACK_BYTES, "rule pack"),
        ("b.json", MAX_BASELINE_BYTES, "baseline"),
    ],
)
def test_configs_packs_and_baselines_have_size_caps(tmp_path: Path, name: str, limit: int, what: str):
    (tmp_path / "a.txt").write_text(FUSED)
    (tmp_path / "lintnews.toml").write_text('packs = ["house.toml"]\n')
    (tmp_path / "house.toml").write_text(PACK + 'type = "existence"\ntokens = ["very"]\n')
    with open(tmp_path / name, "ab") as handle:
        handle.truncate(limit + 1)  # sparse: no disk, no time
    ran = cli("check", "a.txt", "--no-cache", "--baseline", "b.json")
    shown = str(tmp_path / name) if name.endswith(".toml") else name
    cap = f"{limit // (1024 * 1024)} MB"
    assert_one_error(ran, f"{shown}: cannot read {what}: larger than the {cap} limit ({limit + 1:,} bytes)")


def test_a_sparse_100_gb_article_is_refused_unread(tmp_path: Path):
    with open(tmp_path / "big.txt", "ab") as handle:
        try:
            handle.truncate(100 * 1024**3)  # sparse: no disk, no time
        except OSError:
            pytest.skip("this file system cannot hold a sparse 100 GB file")
    ran = cli_process("check", "big.txt", "--no-cache", cwd=tmp_path)
    assert_one_error(ran, f"big.txt: larger than the 1 GB limit ({100 * 1024**3:,} bytes)")


def test_a_jsonl_line_over_the_cap_is_a_bad_line_never_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from lintnews import jsonl

    monkeypatch.setattr(jsonl, "MAX_DOCUMENT_BYTES", 1000)  # the real cap is 1 GB
    write_jsonl(
        tmp_path / "c.jsonl",
        [json.dumps({"text": FUSED}), json.dumps({"text": "x" * 5000}), json.dumps({"text": FUSED})],
    )
    before = snapshot(tmp_path)
    ran = cli("check", "c.jsonl", "--no-cache", "--output-format", "concise", "-q")
    assert_one_error(ran, "c.jsonl: line 2: longer than the 1,000 bytes limit")
    assert [line.split(":")[1] for line in ran.stdout.splitlines()] == ["1", "3"]
    # Not held, so not copied: fix -o writes no copy that would lack it.
    ran = cli("fix", "c.jsonl", "-o", "out.jsonl", "--no-cache", "-q")
    assert_one_error(ran, "c.jsonl: line 2: longer than the 1,000 bytes limit; out.jsonl not written")
    assert snapshot(tmp_path) == before


def test_stdin_over_the_cap_is_one_error(monkeypatch: pytest.MonkeyPatch):
    from lintnews import cli as cli_module

    monkeypatch.setattr(cli_module, "MAX_DOCUMENT_BYTES", 1000)  # `check - < /dev/zero`: 1 GB
    assert_one_error(cli("check", "-", input="x" * 5000), "-: larger than the 1,000 bytes limit")


# -- 7. empty and damaged gzip, empty corpora ------------------------------------------


def test_an_empty_gz_is_not_gzip(tmp_path: Path):
    (tmp_path / "c.jsonl.gz").write_bytes(b"")
    (tmp_path / "out.jsonl").write_bytes(b"the previous cleaned copy\n")
    before = snapshot(tmp_path)
    assert_one_error(
        cli("check", "c.jsonl.gz", "--no-cache"), "c.jsonl.gz: not a gzip file (the file is empty)"
    )
    ran = cli("fix", "c.jsonl.gz", "-o", "out.jsonl", "--no-cache")
    assert_one_error(ran, "c.jsonl.gz: not a gzip file (the file is empty); out.jsonl not written")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_a_damaged_gz_is_one_error_and_fix_writes_no_partial_copy(tmp_path: Path, damage: str):
    rows = "".join(json.dumps({"text": f"Story {i} ended.Then more"}) + "\n" for i in range(2000))
    data = bytearray(gzip.compress(rows.encode()))
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        data[10] = 0xFF  # the first deflate block's type is 3, which does not exist
        with pytest.raises(zlib.error):
            gzip.decompress(bytes(data))
    (tmp_path / "c.jsonl.gz").write_bytes(bytes(data))
    before = snapshot(tmp_path)
    ran = cli("check", "c.jsonl.gz", "-q", "--statistics", "--no-cache")
    assert ran.code == 2 and len(ran.stderr.splitlines()) == 1, ran.stderr
    assert ran.stderr.startswith("lintnews: error: c.jsonl.gz: line ") and ": cannot read: " in ran.stderr
    ran = cli("fix", "c.jsonl.gz", "-o", "out.jsonl", "-q", "--no-cache")
    assert ran.code == 2 and len(ran.stderr.splitlines()) == 1, ran.stderr
    assert ran.stderr.endswith("; out.jsonl not written\n")
    assert snapshot(tmp_path) == before  # no out.jsonl, no temp file


@pytest.mark.parametrize("content", [b"", b"\n  \n"])
def test_an_empty_corpus_is_a_warning_not_a_pass(tmp_path: Path, content: bytes):
    (tmp_path / "c.jsonl").write_bytes(content)
    ran = cli("check", "c.jsonl")
    assert ran.code == 0
    assert ran.stderr == "lintnews: warning: c.jsonl: no records to check (the corpus is empty)\n"


@needs_fifo
def test_fix_output_over_a_fifo_is_refused(tmp_path: Path):
    write_jsonl(tmp_path / "c.jsonl", [json.dumps({"text": FUSED})])
    os.mkfifo(tmp_path / "out.jsonl")
    before = snapshot(tmp_path)
    ran = cli_process("fix", "c.jsonl", "-o", "out.jsonl", "--no-cache", cwd=tmp_path)
    assert_one_error(
        ran, "out.jsonl: cannot write the cleaned copy: not a regular file (a FIFO) (-o - writes to stdout)"
    )
    assert snapshot(tmp_path) == before


# -- huge single lines: they finish ---------------------------------------------------


def test_a_huge_single_json_line_finishes(tmp_path: Path):
    big = 20_000_000
    with open(tmp_path / "c.jsonl", "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": FUSED, "blob": "x" * big}) + "\n")
        handle.write('{"text": "' + "y" * big + "\n")  # the line ends inside the string
    ran = cli_process("check", "c.jsonl", "--output-format", "concise", "-q", cwd=tmp_path)
    assert ran.stdout == f"c.jsonl:1:{FUSED_FINDING}\n"
    assert_one_error(ran, "c.jsonl: line 2: invalid JSON (Invalid control character at column 20000011)")
