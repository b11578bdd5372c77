"""The benchmark commands end to end on a tiny synthetic corpora folder, and
their plumbing: finding the corpora, RESULTS.md sections, timing helpers."""

from __future__ import annotations

import sys

import common
import pytest
import quality
import speed
from bench_fakes import ARTICLE, ARTICLE_2

# -- corpora and RESULTS.md -----------------------------------------------------


def test_find_corpora_accepts_shared_or_corpora_and_the_environment(tmp_path, monkeypatch):
    corpora = tmp_path / "shared" / "corpora"
    (corpora / "bbc_news_zitros").mkdir(parents=True)
    (corpora / "bbc_news_zitros" / "SOURCE.md").write_text("x")
    assert common.find_corpora(tmp_path / "shared") == corpora
    assert common.find_corpora(corpora) == corpora
    assert common.find_corpora(tmp_path / "nowhere") is None
    monkeypatch.setenv(common.ENV_VAR, str(tmp_path / "shared"))
    assert common.find_corpora() == corpora


def test_each_command_rewrites_only_its_own_section(tmp_path):
    results = tmp_path / "RESULTS.md"
    common.write_section("speed", "speed one", results)
    common.write_section("clean", "clean one", results)
    text = results.read_text()
    assert text.startswith("# lintnews benchmark results")
    assert text.index("clean one") < text.index("speed one")  # sections keep their order
    common.write_section("speed", "speed two", results)
    text = results.read_text()
    assert "speed two" in text and "speed one" not in text and "clean one" in text
    assert text.count("<!-- speed:start -->") == 1


def test_provenance_names_date_commit_and_cores():
    line = common.provenance("python benchmarks/quality.py clean")
    assert "commit `" in line and f"{common.cpu_count()} cores" in line
    assert "python benchmarks/quality.py clean" in line


@pytest.mark.parametrize("script", [quality, speed])
def test_without_the_corpora_the_commands_exit_zero_with_a_message(script, tmp_path, capsys):
    args = ["--corpora", str(tmp_path / "missing"), "--results", str(tmp_path / "R.md")]
    if script is quality:
        args = ["all", *args]
    assert script.main(args) == 0
    assert "corpora not found" in capsys.readouterr().out
    assert not (tmp_path / "R.md").exists()


# -- quality.py end to end ------------------------------------------------------


def make_corpora(root):
    news = root / "corpora" / "bbc_news_zitros" / "news"
    for i, text in enumerate([ARTICLE, ARTICLE_2] * 3):
        folder = news / ("politics" if i % 2 == 0 else "business")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story-{i}.txt").write_text(text, encoding="utf-8")
    (root / "corpora" / "bbc_news_zitros" / "SOURCE.md").write_text("synthetic")
    header = "wrong\tright\ttype\tsource\tdoc\twrong_context\tright_context\tlicense\n"
    ocr = root / "corpora" / "ocr_postcorrection_impresso"
    ocr.mkdir()
    (ocr / "spacing_pairs.tsv").write_text(
        header
        + "ofthe\tof the\tmissing_space\toverproof_smh_dataset2\t1\tthe end ofthe war\tthe end of the war\tx\n"
        + "ended.The\tended. The\tmissing_space\toverproof_smh_dataset2\t1\tit ended.The rest\t\tx\n"
        + "w ould\twould\tspurious_space\toverproof_smh_dataset2\t1\t\t\tx\n"
    )
    zyte = root / "corpora" / "article_extraction_benchmark_zyte"
    for folder, text in {
        "gold": "The council voted.\n\nResidents will appeal.\n",
        "boilerpipe": "Advertisement\nThe council voted.\nResidents will appeal.\n",
        "readability": "The council voted.\nResidents will appeal.\n",
        "newspaper": "The council voted.\nRead more: other news\n",
    }.items():
        (zyte / folder).mkdir(parents=True)
        (zyte / folder / "0001.txt").write_text(text)
    return root


def test_quality_all_runs_on_a_tiny_corpus_and_writes_every_section(tmp_path, capsys):
    make_corpora(tmp_path)
    results = tmp_path / "RESULTS.md"
    args = ["all", "--corpora", str(tmp_path), "--results", str(results), "--per-kind", "2"]
    assert quality.main(args) == 0
    text = results.read_text()
    for name in ("clean", "inject", "pairs", "extraction"):
        assert f"<!-- {name}:start -->" in text
    assert "per 10k words" in capsys.readouterr().out or "false alarms" in text
    # The character rules exist, so entity/mojibake/invisible injections are scored, and
    # LN103 finds the fused pair `ended.The` in its context.
    assert "| html_entity | LN106 | 2 | 1.000 |" in text
    assert "| mojibake | LN107 | 2 | 1.000 |" in text
    pairs = text[text.index("<!-- pairs:start -->") :]
    assert "| OCR: Sydney Morning Herald (Overproof) | 2 | 2 |" in pairs
    extraction = text[text.index("<!-- extraction:start -->") :]
    assert "| boilerpipe | 1 | 1 | 1.000 (1) | 2 | 0.000 (0) |" in extraction
    assert "| newspaper | 1 | 1 | 1.000 (1) | 1 | 0.000 (0) |" in extraction
    # Sample references name files and lines, never corpus text.
    assert "Prime Minister" not in text


def test_quality_clean_counts_reviewed_defects_apart(tmp_path, monkeypatch):
    make_corpora(tmp_path)
    news = tmp_path / "corpora" / "bbc_news_zitros" / "news"
    (news / "politics" / "bad.txt").write_text(
        "Head\n\nThe talks ended.Then it rained.\n\nIt rained.Again.\n"
    )
    allow = tmp_path / "known.toml"
    allow.write_text('[[defect]]\nfile = "politics/bad.txt"\ncode = "LN103"\nline = 3\nwhy = "fused"\n')
    monkeypatch.setattr(quality, "KNOWN_DEFECTS", allow)
    results = tmp_path / "R.md"
    assert quality.main(["clean", "--corpora", str(tmp_path), "--results", str(results)]) == 0
    text = results.read_text()
    assert "| LN103 `missing-space-after-punctuation` | 2 | 1 | 1 |" in text
    assert "`politics/bad.txt:5:" in text  # the unreviewed one is sampled by reference


# -- speed.py helpers --------------------------------------------------------------


def test_growth_tells_linear_from_superlinear():
    assert "linear" in speed.growth([(1, 0.3), (10, 1.2), (50, 5.2)])
    assert "superlinear" in speed.growth([(1, 0.3), (10, 1.2), (50, 12.0)])
    assert speed.growth([(1, 0.3)]) == "—"


def test_jsonl_option_is_detected_from_help():
    assert speed.jsonl_option("  --jsonl-field NAME  Read JSON Lines") == "--jsonl-field"
    assert speed.jsonl_option("  --select CODES") is None


def test_concatenated_input_stops_at_the_size_and_counts_repeats(tmp_path):
    files = []
    for i, text in enumerate([ARTICLE, ARTICLE_2]):
        f = tmp_path / f"{i}.txt"
        f.write_text(text, encoding="utf-8")
        files.append(f)
    written, repeats = speed.make_concat(files, 3000, tmp_path / "out.txt")
    assert 0 < written <= 3000 and (tmp_path / "out.txt").stat().st_size == written
    assert repeats > 1
    count = speed.make_jsonl(files, 5, tmp_path / "a.jsonl")
    assert count > 0 and len((tmp_path / "a.jsonl").read_text().splitlines()) == 5


def test_run_once_times_a_child_and_reads_its_peak_memory():
    run = speed.run_once([sys.executable, "-c", "x = bytearray(30_000_000)"], timeout=30)
    assert run.code == 0 and not run.timed_out and run.seconds > 0
    assert run.rss_mb > 25
    slow = speed.run_once([sys.executable, "-c", "import time; time.sleep(5)"], timeout=0.3)
    assert slow.timed_out and slow.seconds < 3


def test_a_timeout_far_beyond_the_linear_projection_is_superlinear():
    text = speed.growth([(1, 3.3)], killed=("10 MB file", 10, 120.0))
    assert "superlinear" in text and "~33 s" in text
    assert "unknown" in speed.growth([(1, 30.0)], killed=("10 MB file", 10, 120.0))
