"""`quality.py quotes`: the samples of ISOT's double spaces, their verdicts,
and LN306 scored against them, on a tiny synthetic corpus."""

from __future__ import annotations

import quality
import quotes

# Written for these tests. The second and fourth runs are a lost quotation's
# marks, the first a sentence gap and the third a lost dash.
ARTICLES = {
    "fake/fake_0001.txt": "Title\n\nThe vote ended.  A group called  Grab Your Wallet  flooded them.\n",
    "true/true_0001.txt": "Title\n\nIt was over   and done. She said:  We will win,  the mayor said.\n",
}


def make_corpus(root):
    isot = root / "corpora" / quotes.CORPUS
    for rel, text in ARTICLES.items():
        (isot / rel).parent.mkdir(parents=True, exist_ok=True)
        (isot / rel).write_text(text, encoding="utf-8")
    (isot / "SOURCE.md").write_text("synthetic")
    (root / "corpora" / "bbc_news_zitros" / "news").mkdir(parents=True)
    return isot


def test_candidates_are_runs_between_visible_characters(tmp_path):
    isot = make_corpus(tmp_path)
    found = quotes.candidates(isot)
    assert [(f, n) for f, _, n in found] == [("fake/fake_0001.txt", 2)] * 3 + [("true/true_0001.txt", 3)] + [
        ("true/true_0001.txt", 2)
    ] * 2
    text = ARTICLES["fake/fake_0001.txt"]
    assert [text[o - 5 : o] for f, o, _ in found if f.startswith("fake")] == ["nded.", "alled", "allet"]


def test_draw_is_seeded_and_the_held_out_sample_is_disjoint():
    found = [("a.txt", i, 2) for i in range(50)]
    seeds = {"tuning": (1, 10), "held-out": (2, 10)}
    first, again = quotes.draw(found, seeds), quotes.draw(found, seeds)
    assert first == again and len(first) == 20
    tuning = {g.offset for g in first if g.sample == "tuning"}
    held = {g.offset for g in first if g.sample == "held-out"}
    assert len(tuning) == len(held) == 10 and not tuning & held


def test_quotes_section_counts_verdicts_and_scores_ln306_per_sample(tmp_path, monkeypatch, capsys):
    isot = make_corpus(tmp_path)
    found = quotes.candidates(isot)
    # Every candidate in one sample or the other: 3 tuning, 3 held-out.
    seeds = {"tuning": (5, 3), "held-out": (6, 3)}
    drawn = quotes.draw(found, seeds)
    verdict = {
        ("fake/fake_0001.txt", 0): ("sentence-gap", None),
        ("fake/fake_0001.txt", 1): ("open", "right"),
        ("fake/fake_0001.txt", 2): ("close", "right"),
        ("true/true_0001.txt", 0): ("dash", None),
        ("true/true_0001.txt", 1): ("open", "partial"),
        ("true/true_0001.txt", 2): ("close", "partial"),
    }
    rank = {}
    for f, o, _ in found:
        rank[(f, o)] = sum(1 for g, p, _ in found if g == f and p < o)
    judged = ["[sample.tuning]\nseed = 5\nsize = 3\n\n[sample.held-out]\nseed = 6\nsize = 3\n"]
    for g in drawn:
        name, finding = verdict[(g.file, rank[(g.file, g.offset)])]
        entry = (
            f'[[gap]]\nsample = "{g.sample}"\nfile = "{g.file}"\noffset = {g.offset}\n'
            f'spaces = {g.spaces}\nverdict = "{name}"\n'
        )
        if finding:
            words = "Grab Your Wallet" if g.file.startswith("fake") else "We will win,"
            entry += f'finding = "{finding}"\nflagged = "{words}"\nfinding_why = "test"\n'
        judged.append(entry)
    path = tmp_path / "lost_quotes.toml"
    path.write_text("\n".join(judged), encoding="utf-8")
    monkeypatch.setattr(quotes, "JUDGED", path)
    results = tmp_path / "R.md"
    assert quality.main(["quotes", "--corpora", str(tmp_path), "--results", str(results)]) == 0
    text = results.read_text(encoding="utf-8")
    section = text[text.index("<!-- quotes:start -->") : text.index("<!-- quotes:end -->")]
    tuning = sum(
        1
        for g in drawn
        if g.sample == "tuning" and verdict[(g.file, rank[(g.file, g.offset)])][0] in quotes.MARKS
    )
    assert f"| **quotation marks (open + close)** | {tuning} | {4 - tuning} |" in section
    # LN306 finds both quotations and nothing else: every mark right, no false alarm.
    assert "| 0 | 0 | 0 | 1.000 | 1.000 |" in section
    assert "Every finding judged partial or wrong:" in section and "**partial**: test" in section
    assert "Every gap taken for the wrong mark" not in section
    assert "LN306 flags 2 lost quotations in ISOT (2 pairs of gaps" in section
    assert "Grab Your Wallet" not in section  # references, not corpus text
    assert "Not yet judged" not in section


def test_an_unjudged_gap_is_listed_with_an_entry_to_fill_in(tmp_path, monkeypatch, capsys):
    make_corpus(tmp_path)
    path = tmp_path / "lost_quotes.toml"
    path.write_text("[sample.tuning]\nseed = 1\nsize = 1\n", encoding="utf-8")
    monkeypatch.setattr(quotes, "JUDGED", path)
    results = tmp_path / "R.md"
    assert quality.main(["quotes", "--corpora", str(tmp_path), "--results", str(results)]) == 0
    assert "**Not yet judged (1;" in results.read_text(encoding="utf-8")
    assert 'verdict = ""' in capsys.readouterr().out
