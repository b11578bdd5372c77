"""JSON Lines corpora: per-record diagnostics, a cleaned copy that differs only
in the text field, clear errors for bad lines, gzip both ways."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_parallel import article

from lintnews import parallel
from lintnews.cli import main
from lintnews.engine import Linter
from lintnews.jsonl import BadLine, BlankLine, Record, read_records


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def records(n: int = 25) -> list[dict]:
    return [
        {
            "id": f"doc-{i}",
            "meta": {"source": "wire", "n": i, "score": 0.5 + i},
            "text": article(i),
            "tags": ["é", i],
        }
        for i in range(n)
    ]


def write_jsonl(path: Path, rows: list, *, gz: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def cli(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_check_reports_record_numbers_and_positions_inside_the_field(tmp_path: Path):
    rows = records(12)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", rows)
    result = cli("check", str(corpus), "--jsonl-field", "text", "--output-format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)
    linter = Linter()
    expected = []
    for n, row in enumerate(rows, 1):
        for d in linter.check(row["text"], f"{corpus}:{n}", "plain"):
            expected.append(d.to_dict())
    assert found == expected
    # Record 10 comes after record 9, not after record 1.
    numbers = [int(d["path"].rsplit(":", 1)[1]) for d in found]
    assert numbers == sorted(numbers) and max(numbers) >= 10
    d = found[0]
    text = rows[int(d["path"].rsplit(":", 1)[1]) - 1]["text"]
    assert text.splitlines()[d["line"] - 1][d["column"] - 1 :].startswith(text[d["start"] : d["end"]])


def test_check_with_id_field_and_default_field_for_jsonl_suffix(tmp_path: Path):
    corpus = write_jsonl(tmp_path / "c.jsonl", records(3))
    result = cli("check", "c.jsonl", "--jsonl-id", "id", "--output-format", "concise", "--no-cache")
    assert result.exit_code == 1
    assert result.stdout.startswith("c.jsonl:doc-0:")
    assert corpus.exists()


def test_jobs_give_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    corpus = write_jsonl(tmp_path / "c.jsonl", records(40))
    one = cli("check", "c.jsonl", "-j", "1", "--no-cache", "--output-format", "json")
    two = cli("check", "c.jsonl", "-j", "2", "--no-cache", "--output-format", "json")
    assert one.stdout == two.stdout and one.exit_code == two.exit_code == 1
    assert corpus.exists()


@pytest.mark.parametrize("gz_in,gz_out", [(False, False), (True, True), (False, True)])
def test_fix_round_trip_changes_only_the_text_field(tmp_path: Path, gz_in: bool, gz_out: bool):
    rows = records(20)
    corpus = write_jsonl(tmp_path / ("c.jsonl.gz" if gz_in else "c.jsonl"), rows, gz=gz_in)
    original = corpus.read_bytes()
    out = tmp_path / ("clean.jsonl.gz" if gz_out else "clean.jsonl")
    result = cli("fix", corpus.name, "-o", out.name, "--jsonl-field", "text", "-j", "2")
    assert result.exit_code in (0, 1), result.output
    assert corpus.read_bytes() == original  # never in place
    raw = gzip.decompress(out.read_bytes()) if gz_out else out.read_bytes()
    in_lines = (gzip.decompress(original) if gz_in else original).splitlines(keepends=True)
    out_lines = raw.splitlines(keepends=True)
    assert len(out_lines) == len(in_lines)
    linter = Linter()
    changed = 0
    for before, after, row in zip(in_lines, out_lines, rows, strict=True):
        new = json.loads(after)
        assert list(new) == list(row)
        assert {k: v for k, v in new.items() if k != "text"} == {k: v for k, v in row.items() if k != "text"}
        assert new["text"] == linter.fix(row["text"], "-", "plain").text
        if new["text"] == row["text"]:
            assert after == before  # untouched records are copied byte for byte
        else:
            changed += 1
    assert 0 < changed < len(rows)
    assert f"in {changed} record(s)" in result.output


def test_fix_to_stdout(tmp_path: Path):
    write_jsonl(tmp_path / "c.jsonl", records(2))
    result = cli("fix", "c.jsonl", "-o", "-", "-q")
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["id"] == "doc-0"


def test_fix_refuses_in_place(tmp_path: Path):
    corpus = write_jsonl(tmp_path / "c.jsonl", records(2))
    before = corpus.read_bytes()
    result = cli("fix", "c.jsonl")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "lintnews: error: c.jsonl: a JSON Lines corpus is never fixed in place; "
        "write a cleaned copy with -o/--output FILE"
    ]
    result = cli("fix", "c.jsonl", "-o", "./c.jsonl")
    assert result.exit_code == 2 and "never fixed in place" in result.stderr
    assert corpus.read_bytes() == before
    result = cli("fix", "c.jsonl", str(tmp_path), "-o", "x.jsonl")
    assert result.exit_code == 2 and "exactly one JSON Lines input" in result.stderr


def test_bad_lines_are_named_and_the_rest_still_processed(tmp_path: Path):
    rows = records(3)
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(
        (
            json.dumps(rows[0])
            + "\n"
            + "{not json\n"
            + "\n"
            + json.dumps({"id": "x"})
            + "\n"
            + json.dumps({"text": 5})
            + "\n"
            + "[1, 2]\n"
            + json.dumps(rows[1])
            + "\n"
        ).encode()
        + b'{"text": "caf\xe9"}\n'
    )
    result = cli("check", "c.jsonl", "--output-format", "concise", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "lintnews: error: c.jsonl: line 2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        "lintnews: error: c.jsonl: line 4: no field 'text'",
        "lintnews: error: c.jsonl: line 5: field 'text' is a number, not a string",
        "lintnews: error: c.jsonl: line 6: not a JSON object",
        "lintnews: error: c.jsonl: line 8: invalid UTF-8 at byte 13",
    ]
    paths = {line.split(":")[1] for line in result.stdout.splitlines() if line.startswith("c.jsonl:")}
    assert paths == {"1", "7"}
    # fix copies unreadable lines through: the output has every input line.
    result = cli("fix", "c.jsonl", "-o", "out.jsonl")
    assert result.exit_code == 2
    out = (tmp_path / "out.jsonl").read_bytes().splitlines()
    src = corpus.read_bytes().splitlines()
    assert len(out) == len(src)
    assert [o for o, s in zip(out, src, strict=True) if o != s] and out[1:6] == src[1:6] and out[7] == src[7]


def test_truncated_gzip_is_an_error(tmp_path: Path):
    data = gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in records(30)))
    (tmp_path / "c.jsonl.gz").write_bytes(data[: len(data) // 2])
    result = cli("check", "c.jsonl.gz", "--no-cache", "-q")
    assert result.exit_code == 2
    assert "c.jsonl.gz: line" in result.stderr and "cannot read" in result.stderr


def test_stdin_jsonl(tmp_path: Path):
    data = "".join(json.dumps(r) + "\n" for r in records(3))
    result = cli(
        "check", "-", "--jsonl-field", "text", "--stdin-filename", "feed.jsonl", "--output-format", "concise"
    )
    result = cli(
        "check",
        "-",
        "--jsonl-field",
        "text",
        "--stdin-filename",
        "feed.jsonl",
        "--output-format",
        "concise",
        input=data,
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("feed.jsonl:1:")


def test_reader_marks_blank_lines_and_keeps_raw_bytes(tmp_path: Path):
    path = write_jsonl(tmp_path / "c.jsonl", records(2))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n", 1) + b"\n   \n")
    with path.open("rb") as stream:
        got = list(read_records(stream, "c.jsonl", "text", "id"))
    assert [type(r) for r in got] == [Record, Record, BlankLine, BlankLine]
    first = got[0]
    assert isinstance(first, Record) and first.id == "doc-0" and first.raw.endswith(b"\r\n")
    assert not any(isinstance(r, BadLine) for r in got)
