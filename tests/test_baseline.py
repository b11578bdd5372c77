"""Baselines: recorded findings are hidden, new ones are reported."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from lintnews import Linter
from lintnews.baseline import Baseline, finding_key
from lintnews.config import Config
from lintnews.diagnostics import Span
from lintnews.errors import ConfigError, InputError

LINTER = Linter(Config(select=("LN204", "LN103")))
OLD = "The the talks ended.Then came rain.\n"


def check(text: str, path: str) -> list[str]:
    return [f"{d.code}:{text[d.start : d.end]}" for d in LINTER.check(text, path)]


def baseline_of(tmp_path: Path, text: str, path: str) -> Path:
    base = Baseline(tmp_path)
    base.record(path, text, LINTER.check(text, path))
    out = tmp_path / "lintnews-baseline.json"
    base.write(out)
    return out


def test_recorded_findings_are_hidden_and_counted(tmp_path: Path):
    article = str(tmp_path / "a.txt")
    assert check(OLD, article) == ["LN204:the", "LN103:."]
    base = Baseline.load(baseline_of(tmp_path, OLD, article))
    assert base.filter(article, OLD, LINTER.check(OLD, article)) == []
    assert base.hidden == 2


def test_a_finding_that_moved_to_another_line_stays_hidden(tmp_path: Path):
    article = str(tmp_path / "a.txt")
    base = Baseline.load(baseline_of(tmp_path, OLD, article))
    moved = "A new first paragraph.\n\n" + OLD
    assert base.filter(article, moved, LINTER.check(moved, article)) == []


def test_a_new_finding_is_reported_even_when_identical_to_a_recorded_one(tmp_path: Path):
    article = str(tmp_path / "a.txt")
    base = Baseline.load(baseline_of(tmp_path, OLD, article))
    more = OLD + "The talks ended.Then came rain.\n"
    kept = base.filter(article, more, LINTER.check(more, article))
    # The second fused sentence is new: the first one is the recorded one.
    assert [(d.code, d.line) for d in kept] == [("LN103", 2)]


def test_other_files_are_not_covered(tmp_path: Path):
    base = Baseline.load(baseline_of(tmp_path, OLD, str(tmp_path / "a.txt")))
    other = str(tmp_path / "b.txt")
    assert len(base.filter(other, OLD, LINTER.check(OLD, other))) == 2


def test_paths_are_relative_to_the_baseline_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "news").mkdir()
    out = baseline_of(tmp_path, OLD, str(tmp_path / "news" / "a.txt"))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data["files"]) == ["news/a.txt"]
    assert data["files"]["news/a.txt"] == [["LN103", ".", 1], ["LN204", "the", 1]]
    # The same file named relative to another working folder still matches.
    monkeypatch.chdir(tmp_path / "news")
    base = Baseline.load(out)
    assert base.filter("a.txt", OLD, LINTER.check(OLD, "a.txt")) == []


def test_long_flagged_text_is_recorded_by_digest():
    text = "x" * 200
    [found] = LINTER.check("The the end.\n", "-")
    code, flagged = finding_key(text, dataclasses.replace(found, span=Span(0, 200)))
    assert code == "LN204"
    assert flagged.startswith("x" * 60 + "…#") and len(flagged) == 60 + 2 + 12


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (None, InputError, "baseline file not found"),
        ("{not json", ConfigError, r"invalid baseline \(not JSON"),
        ('{"version": 99, "files": {}}', ConfigError, "expected a lintnews baseline"),
        ('{"version": 1, "files": {"a.txt": [["LN204", "x", 0]]}}', ConfigError, "invalid baseline entry"),
    ],
)
def test_bad_baseline_files_are_one_line_errors(
    tmp_path: Path, content: str | None, error: type, message: str
):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message) as info:
        Baseline.load(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


# -- the CLI -----------------------------------------------------------------


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "news" / "b.txt").write_text("A clean story.\n", encoding="utf-8")
    return tmp_path


def test_cli_write_then_check_against_the_baseline(archive: Path):
    from click.testing import CliRunner

    from lintnews.cli import main

    runner = CliRunner()
    wrote = runner.invoke(main, ["check", "--no-cache", "--write-baseline", "base.json", "news"])
    assert wrote.exit_code == 0
    assert wrote.stderr.strip() == "lintnews: recorded 2 finding(s) in base.json"
    assert json.loads((archive / "base.json").read_text(encoding="utf-8"))["files"] == {
        "news/a.txt": [["LN103", ".", 1], ["LN204", "the", 1]]
    }
    again = runner.invoke(main, ["check", "--no-cache", "--baseline", "base.json", "news"])
    assert again.exit_code == 0
    assert "2 finding(s) recorded in the baseline not shown" in again.stderr
    # A new defect fails the run, and only it is reported.
    (archive / "news" / "b.txt").write_text("A clean story.Then a slip.\n", encoding="utf-8")
    new = runner.invoke(
        main, ["check", "--no-cache", "--baseline", "base.json", "--output-format", "concise", "news"]
    )
    assert new.exit_code == 1
    assert [line for line in new.stdout.splitlines() if "LN" in line] == [
        "news/b.txt:1:14: LN103 [*] Missing space after '.'"
    ]


def test_cli_baseline_from_config_and_bad_baseline(archive: Path):
    from click.testing import CliRunner

    from lintnews.cli import main

    runner = CliRunner()
    assert (
        runner.invoke(main, ["check", "--no-cache", "--write-baseline", "base.json", "news"]).exit_code == 0
    )
    (archive / "lintnews.toml").write_text('baseline = "base.json"\n', encoding="utf-8")
    assert runner.invoke(main, ["check", "--no-cache", "news"]).exit_code == 0
    (archive / "base.json").write_text("{broken", encoding="utf-8")
    bad = runner.invoke(main, ["check", "--no-cache", "news"])
    assert bad.exit_code == 2
    assert bad.stderr.startswith("lintnews: error: ") and "base.json: invalid baseline" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    missing = runner.invoke(main, ["check", "--no-cache", "--baseline", "nope.json", "news"])
    assert missing.exit_code == 2
    assert "nope.json: baseline file not found" in missing.stderr
