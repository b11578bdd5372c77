import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintnews.cli import main

FUSED = "The talks ended.Then came rain\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # No config from the repository or the user's folders leaks in.
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def test_check_stdin_reports_ln103_with_exit_1(runner):
    result = runner.invoke(main, ["check", "-", "--no-color"], input=FUSED)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "-:1:16: LN103 Missing space after '.'"
    # The caret sits under the full stop.
    lines = result.stdout.splitlines()
    src = next(i for i, line in enumerate(lines) if "The talks ended.Then" in line)
    assert lines[src + 1].index("^") == lines[src].index(".Then")


def test_check_stdin_json(runner):
    result = runner.invoke(main, ["check", "-", "--output-format", "json"], input=FUSED)
    assert result.exit_code == 1
    [d] = json.loads(result.stdout)
    assert d == {
        "path": "-",
        "code": "LN103",
        "name": "missing-space-after-punctuation",
        "severity": "warning",
        "message": "Missing space after '.'",
        "line": 1,
        "column": 16,
        "end_line": 1,
        "end_column": 17,
        "start": 15,
        "end": 16,
        "fix": {
            "applicability": "safe",
            "title": d["fix"]["title"],
            "edits": [{"start": 16, "end": 16, "replacement": " "}],
        },
    }
    assert FUSED[d["start"] : d["end"]] == "."


def test_stdin_filename_chooses_markup_and_path(runner):
    text = "```\nThe talks ended.Then came rain\n```\n"
    result = runner.invoke(main, ["check", "-", "--stdin-filename", "draft.md"], input=text)
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        main, ["check", "-", "--stdin-filename", "draft.txt", "--output-format", "concise"], input=text
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("draft.txt:2:16: LN103")


def test_clean_text_exits_0(runner):
    result = runner.invoke(main, ["check", "-"], input="All is well. Nothing to see.\n")
    assert result.exit_code == 0
    assert "All checks passed!" in result.stdout


def test_exit_zero(runner):
    result = runner.invoke(main, ["check", "-", "--exit-zero"], input=FUSED)
    assert result.exit_code == 0
    assert "LN103" in result.stdout


def test_fail_on_error_ignores_warnings(runner):
    result = runner.invoke(main, ["check", "-", "--fail-on", "error"], input=FUSED)
    assert result.exit_code == 0
    assert "LN103" in result.stdout


def test_select_and_ignore(runner):
    text = "Two  spaces.Then more\n"
    out = runner.invoke(main, ["check", "-", "--output-format", "json", "--select", "LN102"], input=text)
    assert [d["code"] for d in json.loads(out.stdout)] == ["LN102"]
    out = runner.invoke(
        main, ["check", "-", "--output-format", "json", "--ignore", "LN102,LN103"], input=text
    )
    assert json.loads(out.stdout) == []


def test_unknown_selector_is_exit_2(runner):
    result = runner.invoke(main, ["check", "-", "--select", "LN999"], input=FUSED)
    assert result.exit_code == 2
    assert result.stderr == "lintnews: error: options: unknown rule selector 'LN999'\n"


def test_fix_keeps_bom_and_crlf_and_is_idempotent(runner, tmp_path):
    p = tmp_path / "draft.txt"
    p.write_bytes(b"\xef\xbb\xbfThe talks ended.Then came rain.\r\nTwo  spaces here.\r\n")
    os.chmod(p, 0o600)
    result = runner.invoke(main, ["fix", str(p)])
    assert result.exit_code == 0, result.output
    assert p.read_bytes() == b"\xef\xbb\xbfThe talks ended. Then came rain.\r\nTwo spaces here.\r\n"
    assert stat.S_IMODE(p.stat().st_mode) == 0o600
    before = p.stat().st_mtime_ns
    result = runner.invoke(main, ["fix", str(p)])
    assert result.exit_code == 0
    assert "Fixed 0 problem(s) in 0 file(s)." in result.stdout
    assert p.stat().st_mtime_ns == before


def test_fix_stdin_writes_fixed_text_to_stdout(runner):
    result = runner.invoke(main, ["fix", "-"], input=FUSED)
    assert result.exit_code == 0
    assert result.stdout == "The talks ended. Then came rain\n"
    assert "Fixed 1 problem(s) in 1 file(s)." in result.stderr


def test_fix_diff_does_not_write(runner, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FUSED)
    result = runner.invoke(main, ["fix", "--diff", str(p)])
    assert result.exit_code == 1
    assert f"--- a/{p}" in result.stdout
    assert "-The talks ended.Then came rain" in result.stdout
    assert "+The talks ended. Then came rain" in result.stdout
    assert p.read_text() == FUSED


def test_unsafe_fix_needs_flag(runner, tmp_path):
    p = tmp_path / "a.txt"
    text = "The vote was close.\nFeatured image via Getty Images\n"
    p.write_text(text)
    result = runner.invoke(main, ["fix", str(p)])
    assert result.exit_code == 1  # LN404 remains
    assert p.read_text() == text
    result = runner.invoke(main, ["fix", "--unsafe-fixes", str(p)])
    assert result.exit_code == 0, result.output
    assert p.read_text() == "The vote was close.\n"


@pytest.mark.parametrize("command", ["check", "fix"])
def test_invalid_utf8_is_one_line_exit_2_and_untouched(runner, tmp_path, command):
    p = tmp_path / "bad.txt"
    data = b"The talks ended.Then \xff came rain\n"
    p.write_bytes(data)
    result = runner.invoke(main, [command, str(p)])
    assert result.exit_code == 2
    assert (
        result.stderr == f"lintnews: error: {p}: invalid UTF-8 at byte 21 (0xff); lintnews reads UTF-8 only\n"
    )
    assert p.read_bytes() == data


@pytest.mark.parametrize("command", ["check", "fix"])
def test_missing_path_is_exit_2(runner, tmp_path, command):
    result = runner.invoke(main, [command, str(tmp_path / "nope.md")])
    assert result.exit_code == 2
    assert result.stderr == f"lintnews: error: {tmp_path / 'nope.md'}: no such file or directory\n"


@pytest.mark.parametrize("command", ["check", "fix"])
def test_bad_config_key_is_exit_2_and_nothing_written(runner, tmp_path, command):
    (tmp_path / "lintnews.toml").write_text('selcet = ["LN1"]\n')
    p = tmp_path / "a.txt"
    p.write_text(FUSED)
    result = runner.invoke(main, [command, str(p)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "unknown config key 'selcet'" in result.stderr
    assert str(tmp_path / "lintnews.toml") in result.stderr
    assert p.read_text() == FUSED


def test_one_bad_file_does_not_stop_the_others(runner, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\n")
    (tmp_path / "good.txt").write_text(FUSED)
    result = runner.invoke(main, ["check", "--output-format", "concise", str(tmp_path)])
    assert result.exit_code == 2
    assert "good.txt:1:16: LN103" in result.stdout
    assert "bad.txt: invalid UTF-8" in result.stderr


def test_discovery_skips_hidden_vcs_and_other_suffixes(runner, tmp_path):
    for rel in (".git/x.txt", ".hidden/y.md", "node_modules/z.md", "notes.rst", "sub/ok.md", "a.markdown"):
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(FUSED)
    result = runner.invoke(main, ["check", "--output-format", "json", str(tmp_path)])
    paths = sorted(Path(d["path"]).relative_to(tmp_path).as_posix() for d in json.loads(result.stdout))
    assert paths == ["a.markdown", "sub/ok.md"]


def test_exclude_from_config(runner, tmp_path):
    (tmp_path / "lintnews.toml").write_text('exclude = ["archive"]\n')
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(FUSED)
    (tmp_path / "new.txt").write_text(FUSED)
    result = runner.invoke(main, ["check", "--output-format", "json", "."])
    assert [Path(d["path"]).name for d in json.loads(result.stdout)] == ["new.txt"]


def test_default_path_is_current_folder(runner, tmp_path):
    (tmp_path / "a.txt").write_text(FUSED)
    result = runner.invoke(main, ["check", "--output-format", "concise"])
    assert result.exit_code == 1
    assert "a.txt:1:16: LN103" in result.stdout


def test_statistics(runner):
    result = runner.invoke(main, ["check", "-", "--statistics"], input=FUSED + FUSED)
    assert result.exit_code == 1
    assert "LN103" in result.stdout and "2" in result.stdout


def test_quiet_drops_summary(runner):
    result = runner.invoke(main, ["check", "-", "--quiet", "--output-format", "concise"], input=FUSED)
    assert result.stdout == "-:1:16: LN103 [*] Missing space after '.'\n"


def test_rule_explains_with_examples(runner):
    result = runner.invoke(main, ["rule", "LN103"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("# LN103 missing-space-after-punctuation")
    for section in ("## What it flags", "## Why", "## Fix safety", "## Examples", "bad:", "fixed:"):
        assert section in out


def test_rule_by_name_and_json(runner):
    result = runner.invoke(main, ["rule", "promo-line", "--format", "json"])
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["code"] == "LN404" and info["origin"] == "boilerplate" and info["examples"]


def test_unknown_rule_is_exit_2(runner):
    result = runner.invoke(main, ["rule", "LN999"])
    assert result.exit_code == 2
    assert result.stderr == "lintnews: error: unknown rule 'LN999' (see 'lintnews rules')\n"


def test_rules_lists_builtin_and_pack_rules(runner):
    result = runner.invoke(main, ["rules", "--format", "json"])
    rules = {r["code"]: r for r in json.loads(result.stdout)}
    assert rules["LN103"]["origin"] == "builtin"
    assert rules["LN404"]["origin"] == "boilerplate"
    text = runner.invoke(main, ["rules"]).stdout
    assert any(line.startswith("LN404") for line in text.splitlines())


@pytest.mark.parametrize(
    "args", [["--help"], ["check", "--help"], ["fix", "--help"], ["rule", "--help"], ["rules", "--help"]]
)
def test_every_command_has_help(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_unknown_option_is_usage_error_exit_2(runner):
    result = runner.invoke(main, ["check", "--frobnicate"])
    assert result.exit_code == 2


def test_broken_pack_is_one_line_exit_2(runner, tmp_path):
    (tmp_path / "house.toml").write_text(
        "[pack]\nname='house'\n[[rules]]\ncode='HS1'\nname='x'\ntype='pattern'\nsummary='s'\npattern='(a'\n"
    )
    (tmp_path / "lintnews.toml").write_text('packs = ["house.toml"]\n')
    (tmp_path / "a.txt").write_text(FUSED)
    result = runner.invoke(main, ["check", "a.txt"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"lintnews: error: {tmp_path / 'house.toml'}: rule HS1: invalid regular expression"
    )
    assert result.stderr.count("\n") == 1


def test_binary_file_is_exit_2(runner, tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = runner.invoke(main, ["fix", str(p)])
    assert result.exit_code == 2
    assert result.stderr == f"lintnews: error: {p}: binary file (contains NUL bytes), not text\n"
    assert p.read_bytes() == b"\x89PNG\r\n\x1a\n\x00\x00\x00"


def test_unreadable_file_does_not_claim_all_checks_passed(runner, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\n")
    for command in ("check", "fix"):
        result = runner.invoke(main, [command, str(tmp_path / "bad.txt")])
        assert result.exit_code == 2
        assert result.stdout == ""


def test_paths_are_reported_in_path_order_whatever_order_they_are_given(runner, tmp_path: Path):
    # Findings are printed as each file's arrive, so the run visits its
    # inputs in the order of the report: sorted by the path shown.
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text(FUSED)
    (tmp_path / "b-a.md").write_text(FUSED)
    (tmp_path / "a.md").write_text(FUSED)
    result = runner.invoke(main, ["check", "--no-cache", "--output-format", "concise", "b", "b-a.md", "a.md"])
    assert result.exit_code == 1
    # '-' sorts before '/': "b-a.md" comes before "b/z.md".
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:3]] == ["a.md", "b-a.md", "b/z.md"]
    assert result.stdout.splitlines()[3] == "Found 3 problems in 3 files."


def test_streamed_json_of_many_files_is_one_array_in_path_order(runner, tmp_path: Path):
    for name in ("c.md", "a.md", "b.md"):
        (tmp_path / name).write_text(FUSED + "Second line.Here\n")
    (tmp_path / "clean.md").write_text("All fine.\n")
    result = runner.invoke(main, ["check", "--no-cache", "--output-format", "json", "."])
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert [(d["path"], d["line"]) for d in found] == [
        (name, line) for name in ("a.md", "b.md", "c.md") for line in (1, 2)
    ]


def test_unreadable_input_with_no_findings_prints_no_all_clear(runner, tmp_path: Path):
    (tmp_path / "ok.md").write_text("All fine.\n")
    (tmp_path / "bad.md").write_bytes(b"caf\xe9\n")
    result = runner.invoke(main, ["check", "--no-cache", "ok.md", "bad.md"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "bad.md" in result.stderr and "UTF-8" in result.stderr


def test_a_file_named_twice_or_inside_a_named_folder_is_checked_once(runner, tmp_path: Path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_text(FUSED)
    result = runner.invoke(
        main, ["check", "--no-cache", "--output-format", "concise", "d/a.md", "d", "./d/a.md"]
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "d/a.md:1:16: LN103 [*] Missing space after '.'",
        "Found 1 problem in 1 file.",
        "1 fixable with `lintnews fix`.",
    ]
