"""`quality.py dirty`: snippets, seeded sampling, the verdict file and its
lookup, and the command end to end on a tiny synthetic dirty corpus."""

from __future__ import annotations

import quality
from quality import Finding, Judged


def finding(file: str, line: int = 3, column: int = 1, code: str = "LN103", text: str = "a⟦.⟧b") -> Finding:
    return Finding(file, code, line, column, text)


# -- snippets --------------------------------------------------------------------


def test_snippet_marks_the_span_with_a_few_words_either_side():
    text = "One two three four five.Six seven eight nine\n"
    start = text.index(".")
    assert quality.snippet(text, start, start + 1) == "four five⟦.⟧Six seven"


def test_snippet_shows_invisible_characters_and_stays_on_the_line():
    text = "First line\nsaid\u00a0Leah Daughtry today\nlast"
    start = text.index("\u00a0")
    assert quality.snippet(text, start, start + 1) == "said⟦\\u00a0⟧Leah Daughtry"


def test_snippet_of_a_long_span_shows_its_first_words_only():
    text = "Intro.\n\nFeatured image via Joe Bloggs and Jane Doe for Getty Images\n"
    start = text.index("Featured")
    end = text.index("\n", start)
    snip = quality.snippet(text, start, end)
    assert snip == "⟦Featured image via Joe …⟧"
    assert len(snip.split()) <= 8


def test_snippet_clips_long_tokens():
    url = "https://example.com/" + "x" * 80
    text = f"see {url} now"
    start = text.index("now")
    snip = quality.snippet(text, start, start + 3)
    assert "…" in snip and len(snip) < 60


# -- sampling -------------------------------------------------------------------


def test_sampling_is_deterministic_and_spread_over_files():
    items = [finding(f"f{i:03}.txt", line=3, column=c) for i in range(40) for c in (10, 20, 30)]
    one = quality.sample_findings(items, 10, seed=7)
    assert one == quality.sample_findings(list(reversed(items)), 10, seed=7)
    assert len(one) == 10 and len({f.file for f in one}) == 10  # one per file first
    assert all(f.column == 10 for f in one)  # the first finding of each file
    assert one == sorted(one, key=lambda f: (f.file, f.line, f.column))
    assert quality.sample_findings(items, 10, seed=8) != one


def test_sampling_survives_a_rule_changing_its_spans_or_other_files():
    items = [finding(f"f{i:03}.txt") for i in range(50)]
    picks = quality.sample_findings(items, 10, seed=1)
    # The same findings with another snippet (the rule moved its span): same files, same lines.
    moved = [Finding(f.file, f.code, f.line, f.column + 1, "x⟦y⟧") for f in items]
    assert [f.file for f in quality.sample_findings(moved, 10, seed=1)] == [f.file for f in picks]
    # A finding lost in a file that was not sampled leaves the sample alone.
    unsampled = next(f for f in items if f not in picks)
    assert quality.sample_findings([f for f in items if f != unsampled], 10, seed=1) == picks


def test_sampling_takes_everything_when_there_are_few():
    items = [finding("a.txt", column=5), finding("a.txt", column=1)]
    assert quality.sample_findings(items, 10, seed=1) == [items[1], items[0]]
    assert quality.sample_findings([], 10, seed=1) == []


# -- verdicts -------------------------------------------------------------------

VERDICTS = """
[[finding]]
corpus = "c"
file = "fake/a.txt"
code = "LN404"
line = 3
text = " the user.⟦ Featured image via screen …⟧"
verdict = "right"
why = "image credit"

[[finding]]
corpus = "c"
file = "fake/a.txt"
code = "LN103"
line = 3
text = "a⟦.⟧b"
verdict = "wrong"
why = "first"

[[finding]]
corpus = "c"
file = "fake/a.txt"
code = "LN103"
line = 9
text = "a⟦.⟧b"
verdict = "right"
why = "second"
"""


def test_verdicts_are_found_by_file_code_and_snippet_with_the_line_as_a_hint(tmp_path):
    path = tmp_path / "judged.toml"
    path.write_text(VERDICTS, encoding="utf-8")
    judged = quality.load_judged(path)
    assert quality.lookup_judged(judged, "c", finding("fake/a.txt", line=3)).why == "first"
    assert quality.lookup_judged(judged, "c", finding("fake/a.txt", line=8)).why == "second"
    assert quality.lookup_judged(judged, "c", finding("fake/b.txt")) is None
    assert quality.lookup_judged(judged, "other", finding("fake/a.txt")) is None
    assert quality.lookup_judged(judged, "c", finding("fake/a.txt", text="x⟦.⟧y")) is None


def test_a_verdict_survives_a_small_span_shift(tmp_path):
    path = tmp_path / "judged.toml"
    path.write_text(VERDICTS, encoding="utf-8")
    judged = quality.load_judged(path)
    shifted = finding("fake/a.txt", line=3, code="LN404", text=" the user. ⟦Featured image via screen …⟧")
    found = quality.lookup_judged(judged, "c", shifted)
    assert isinstance(found, Judged) and found.verdict == "right"
    # ... but not onto another line further away, nor onto other words.
    assert quality.lookup_judged(judged, "c", Finding("fake/a.txt", "LN404", 7, 1, shifted.text)) is None
    other = finding("fake/a.txt", line=3, code="LN404", text=" the user.⟦Read more …⟧")
    assert quality.lookup_judged(judged, "c", other) is None


def test_a_bad_verdict_is_an_error(tmp_path):
    path = tmp_path / "judged.toml"
    path.write_text(VERDICTS.replace('"wrong"', '"maybe"'), encoding="utf-8")
    try:
        quality.load_judged(path)
    except ValueError as exc:
        assert "maybe" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("an unknown verdict was accepted")


def test_the_stub_for_an_unjudged_sample_is_a_loadable_entry(tmp_path):
    f = finding("true/x.txt", text='say "hi"⟦\\u00a0⟧there')
    path = tmp_path / "judged.toml"
    path.write_text(
        quality.toml_stub("c", f).replace('verdict = ""', 'verdict = "unclear"'), encoding="utf-8"
    )
    assert quality.lookup_judged(quality.load_judged(path), "c", f).verdict == "unclear"


# -- end to end -----------------------------------------------------------------


def test_quality_dirty_counts_samples_and_reports_unjudged_and_wrong(tmp_path, monkeypatch):
    corpora = tmp_path / "corpora"
    isot = corpora / "isot_fake_real_sample_omertol"
    (isot / "fake").mkdir(parents=True)
    (isot / "SOURCE.md").write_text("synthetic")
    (isot / "fake" / "fake_0001.txt").write_text(
        "Title\n\nThe vote ended.Then it rained.\n", encoding="utf-8"
    )
    (isot / "fake" / "fake_0002.txt").write_text("Title\n\nIt rained.Again and again.\n", encoding="utf-8")
    (corpora / "bbc_news_zitros" / "news").mkdir(parents=True)
    judged = tmp_path / "judged.toml"
    judged.write_text(
        '[[finding]]\ncorpus = "isot_fake_real_sample_omertol"\nfile = "fake/fake_0001.txt"\n'
        'code = "LN103"\nline = 3\ntext = "The vote ended⟦.⟧Then it"\nverdict = "wrong"\nwhy = "test"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(quality, "DIRTY_JUDGED", judged)
    results = tmp_path / "R.md"
    assert quality.main(["dirty", "--corpora", str(tmp_path), "--results", str(results)]) == 0
    text = results.read_text(encoding="utf-8")
    section = text[text.index("<!-- dirty:start -->") : text.index("<!-- dirty:end -->")]
    assert "| LN103 `missing-space-after-punctuation` | 2 | 2 |" in section
    assert "| 2 | 0 | **1** | 0 | **1** |" in section  # sampled, right, wrong, unclear, unjudged
    assert "**Sampled findings judged wrong (1):**" in section
    assert "**Sampled findings not yet judged (1):**" in section
    assert "`fake/fake_0002.txt:3:10`" in section
    assert "fakenewsnet_kaidmml_2018" in section and "corpora not found" in section


def test_reviewed_false_alarms_load_by_file_code_and_line(tmp_path):
    path = tmp_path / "reviewed.toml"
    path.write_text(
        '[[alarm]]\nfile = "tech/a.txt"\ncode = "LN201"\nline = 7\nwhy = "a closed compound"\n',
        encoding="utf-8",
    )
    assert quality.load_reviewed(path) == {("tech/a.txt", "LN201", 7): "a closed compound"}
    assert quality.load_reviewed(tmp_path / "missing.toml") == {}
    # The shipped file parses and every entry has a reason.
    shipped = quality.load_reviewed()
    assert shipped and all(why.strip() for why in shipped.values())
