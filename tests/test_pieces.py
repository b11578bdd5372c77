"""A huge file is checked and fixed in article-sized pieces: the findings
are the file's (offsets, lines, columns), the fixed file is whole, and memory
holds a few pieces. The thresholds are lowered here so the files stay small."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintnews import pieces
from lintnews.cli import main
from lintnews.config import Config
from lintnews.document import LineIndex
from lintnews.engine import Linter
from lintnews.pieces import Cursor, cut_points, shift, split

SENTENCE = "The talks ended.Then came rain. "
# Only rules whose findings do not depend on where a piece ends.
LOCAL = Config(select=("LN101", "LN103", "LN105", "LN106", "LN108"))


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(pieces, "PIECE_THRESHOLD", 600)
    monkeypatch.setattr(pieces, "PIECE_SIZE", 300)
    return 300


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def test_cuts_cover_the_text_and_never_split_a_word():
    text = "word " * 1000
    cuts = list(cut_points(text, 300))
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
    for _, end in cuts[:-1]:
        assert text[end - 1] != " " and text[end] == " "  # the space goes with the next piece


def test_cuts_prefer_a_paragraph_then_a_line_then_a_sentence():
    para = "A sentence. " * 40 + "\n\n" + "More. " * 100
    first = next(cut_points(para, 300))[1]
    assert para[first - 2 : first] == "\n\n"
    lines = "A line without a full stop\n" * 30
    first = next(cut_points(lines, 300))[1]
    assert lines[first - 1] == "\n"
    prose = "one sentence here. Another one " * 40
    first = next(cut_points(prose, 300))[1]
    assert prose[first - 5 : first] == "here." and prose[first] == " "


def test_a_markdown_piece_never_ends_inside_fenced_code():
    # A blank line inside the fence is no place to end a piece.
    text = "Intro.\n\n" + "Prose.\n\n" * 25 + "```\n" + "code line\n\n" * 20 + "```\n\n" + "Prose.\n\n" * 60
    for _, end in list(cut_points(text, 300, markdown=True))[:-1]:
        assert text[:end].count("```") % 2 == 0


def test_pieces_know_their_line_and_column():
    text = "ab\r\ncd\n" + "x " * 400 + "\ny\rz " * 200
    index = LineIndex(text)
    got = list(split(text, "a.txt", 150))
    assert "".join(t for _, t in got) == text
    for piece, _ in got:
        line, column = index.position(piece.offset)
        assert (piece.line + 1, piece.column + 1) == (line, column)
    assert got[-1][0].last and not got[0][0].last


def test_cursor_counts_crlf_as_one_line_break():
    cursor = Cursor()
    cursor.advance("a\r\nb\rc\nde")
    assert (cursor.offset, cursor.line, cursor.column) == (9, 3, 2)


def test_shifted_findings_are_those_of_the_whole_text():
    text = SENTENCE * 60 + "\n" + SENTENCE * 60
    linter = Linter(LOCAL)
    whole = [d.to_dict() for d in linter.check(text)]
    parts = [shift(d, piece).to_dict() for piece, t in split(text, "-", 200) for d in linter.check(t)]
    assert parts == whole


def test_check_of_a_huge_file_reports_the_file_once(small_pieces, tmp_path):
    text = SENTENCE * 60
    Path("big.txt").write_text(text, encoding="utf-8")
    whole = Linter(LOCAL).check(text, "big.txt")
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "--select", "LN103", "--output-format", "json", "big.txt"]
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [d.to_dict() for d in whole if d.code == "LN103"]
    full = CliRunner().invoke(main, ["check", "--no-cache", "--select", "LN103", "--no-color", "big.txt"])
    assert full.stdout.rstrip().endswith(
        "Found 60 problems in 1 file.\n60 fixable with `lintnews fix`.".rstrip()
    )
    # A finding in a later piece: the file's column, the caret under the
    # full stop in a window of the line (its start is not at hand).
    lines = full.stdout.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("big.txt:1:976:")))
    shown, carets = lines[at + 2], lines[at + 3]
    assert shown.startswith("1 | …") and shown[carets.index("^")] == "."


def test_fix_of_a_huge_file_writes_it_whole(small_pieces, tmp_path):
    # Sentences that differ (a piece does not see a duplicate in another piece).
    text = "".join(
        "".join(f"Talks on item {30 * i + k} ended.Then came rain. " for k in range(30)) + "\r\n"
        for i in range(4)
    )
    path = Path("big.txt")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    expected = Linter().fix(text, "big.txt").text
    result = CliRunner().invoke(main, ["fix", "--no-cache", "--no-color", "-q", "big.txt"])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")
    assert "\r\n" in expected and expected.count("ended. Then") == 120 and " \r\n" not in expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]  # no temp file left
    assert "Fixed 120 problem(s) in 1 file(s)." not in result.stdout  # -q: no summary


def test_fix_diff_of_a_huge_file_is_one_diff(small_pieces):
    text = SENTENCE * 60 + "\n"
    Path("big.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "--diff", "--no-cache", "big.txt"])
    assert result.exit_code == 1
    assert result.stdout.count("--- a/big.txt") == 1
    # 60 missing spaces and the space that ends the line.
    assert result.stdout.splitlines()[-1] == "Would fix 61 problem(s) in 1 file(s)."
    assert Path("big.txt").read_text(encoding="utf-8") == text


def test_fix_of_a_huge_stdin_writes_every_piece(small_pieces):
    text = SENTENCE * 60 + "\n"
    result = CliRunner().invoke(main, ["fix", "--no-cache", "-"], input=text)
    assert result.stdout == Linter().fix(text).text


def test_a_huge_read_only_file_is_one_error_and_untouched(small_pieces, tmp_path):
    path = Path("big.txt")
    path.write_text(SENTENCE * 60, encoding="utf-8")
    path.chmod(0o444)
    result = CliRunner().invoke(main, ["fix", "--no-cache", "big.txt"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "lintnews: error: big.txt: cannot write: permission denied (read-only file)"
    ]
    assert path.read_text(encoding="utf-8") == SENTENCE * 60
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]


def test_a_baseline_counts_a_huge_file_once_across_its_pieces(small_pieces):
    # The record allows each finding as many times as the file had it, not
    # that many times per piece.
    text = SENTENCE * 60
    Path("big.txt").write_text(text, encoding="utf-8")
    args = ["check", "--no-cache", "--select", "LN103", "--output-format", "concise"]
    wrote = CliRunner().invoke(main, [*args, "--write-baseline", "base.json", "big.txt"])
    assert wrote.exit_code == 0, wrote.output
    clean = CliRunner().invoke(main, [*args, "--baseline", "base.json", "big.txt"])
    assert clean.exit_code == 0 and clean.stdout.strip() == "All checks passed!"
    Path("big.txt").write_text(text + SENTENCE, encoding="utf-8")
    one_more = CliRunner().invoke(main, [*args, "--baseline", "base.json", "big.txt"])
    assert one_more.exit_code == 1
    assert [line.split(": ")[0] for line in one_more.stdout.splitlines() if line.startswith("big.txt:")] == [
        "big.txt:1:1936"
    ]
