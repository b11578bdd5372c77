"""`quality.py quotes`: were ISOT's double spaces quotation marks?

Every run of two or more spaces or tabs between visible characters in ISOT
copy (true/ and fake/) is a candidate. Two seeded samples are drawn, a tuning
one and a held-out one (from what the tuning one left), and every gap of both
was read in its file by a person and given a verdict in
`benchmarks/lost_quotes.toml`: a stripped opening or closing quotation mark,
or something else (a lost dash, a sentence gap, a tweet's signature...). This
reports the verdicts per class, then scores LN306 (lost-quotation-marks,
`lintnews/lostquotes.py`) on each sample apart: LN306's features were read
off the tuning sample only. Samples are `file:offset` references; no corpus
text is copied.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import common
from common import table

from lintnews.document import Document

CORPUS = "isot_fake_real_sample_omertol"
JUDGED = common.HERE / "lost_quotes.toml"
MARKS = ("open", "close")
CLASSES = ("open", "close", "dash", "sentence-gap", "embed", "layout", "bullet", "apostrophe", "other")
FINDINGS = ("right", "partial", "wrong")
# A candidate gap, as LN102 sees one: two or more spaces or tabs between visible characters.
RUN = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")

# How LN306 tells each class, as derived from the tuning sample (the
# weights are in lintnews/lostquotes.py).
CLASS_RULES = {
    "open": "after a colon closing a clause of 3+ words, or a saying verb (`said,  We`, `she said  We`): 2; "
    "after a short attribution sentence (`he said.  We`): 1; a sentence start: 1; mid-sentence: 1",
    "close": "before an attribution (`,  she said`, `,  Rep. Jane Doe said`, `,  according to`): 2; "
    "one space before punctuation (`the world .`): 2; between two words: 1; a sentence end: 1 after "
    "a mid-sentence opening only",
    "dash": "three spaces not after terminal punctuation are never a gap",
    "sentence-gap": "scores 1 at most as an opening (a sentence start): two sentence gaps pair only with "
    "speech evidence (an attribution, the first person)",
    "embed": "a gap beside a URL or before a tweet's signature (`Name (@handle)`) is layout, never a mark",
    "layout": "a colon after a label of one or two words (`Wednesday:`) scores nothing",
    "bullet": "a gap before `-`, `•` or `*` is layout",
    "apostrophe": "not told apart from a mid-sentence gap (`Democrats  11th-hour`): a known risk",
    "other": "—",
}


_ROLE = {"open": "an opening", "close": "a closing"}


@dataclass(frozen=True)
class Gap:
    sample: str
    file: str
    offset: int
    spaces: int

    @property
    def ref(self) -> str:
        return f"{self.file}:{self.offset}"


def candidates(folder: Path) -> list[tuple[str, int, int]]:
    """(file, offset, length) of every candidate gap, in file order."""
    return [(rel, m.start(), len(m.group())) for rel, t in common.iter_texts(folder) for m in RUN.finditer(t)]


def draw(found: list[tuple[str, int, int]], seeds: dict[str, tuple[int, int]]) -> list[Gap]:
    """The tuning sample, then the held-out one from the gaps it left."""
    out: list[Gap] = []
    taken: set[tuple[str, int]] = set()
    for name, (seed, size) in seeds.items():
        pool = [g for g in found if (g[0], g[1]) not in taken]
        picks = sorted(random.Random(seed).sample(pool, min(size, len(pool))))
        taken.update((f, o) for f, o, _ in picks)
        out += [Gap(name, f, o, n) for f, o, n in picks]
    return out


Verdicts = dict[tuple[str, str, int], dict[str, Any]]


def load(path: Path | None = None) -> tuple[dict[str, tuple[int, int]], Verdicts]:
    data = tomllib.loads((path or JUDGED).read_text(encoding="utf-8"))
    seeds = {name: (int(s["seed"]), int(s["size"])) for name, s in data["sample"].items()}
    verdicts: Verdicts = {}
    for entry in data.get("gap", []):
        if entry["verdict"] not in CLASSES:
            raise ValueError(f"{path}: verdict {entry['verdict']!r} is not one of {', '.join(CLASSES)}")
        if entry.get("finding", "right") not in FINDINGS:
            raise ValueError(f"{path}: finding {entry['finding']!r} is not one of {', '.join(FINDINGS)}")
        verdicts[(entry["sample"], entry["file"], int(entry["offset"]))] = entry
    return seeds, verdicts


def _first_words(text: str) -> str:
    return " ".join(text.split()[:4])


def roles(folder: Path, files: set[str]) -> dict[str, dict[int, tuple[str, str]]] | None:
    """Per file: gap offset -> (the mark LN306 took it for, the first words it flagged)."""
    try:
        from lintnews.lostquotes import lost_quotations
    except ImportError:  # LN306 is not in the lintnews measured
        return None
    out: dict[str, dict[int, tuple[str, str]]] = {}
    for rel in sorted(files):
        text = (folder / rel).read_text(encoding="utf-8")
        marks: dict[int, tuple[str, str]] = {}
        for q in lost_quotations(Document(text, rel)):
            words = _first_words(text[q.start : q.end])
            if q.opening is not None:
                marks[q.opening[0]] = ("open", words)
            if q.closing is not None:
                marks[q.closing[0]] = ("close", words)
        out[rel] = marks
    return out


def corpus_counts(folder: Path) -> dict[str, int]:
    """LN306's findings on the whole corpus, and the gaps LN102 and LN104 now leave alone."""
    from lintnews.lostquotes import lost_quotations

    counts: collections.Counter[str] = collections.Counter()
    for rel, text in common.iter_texts(folder):
        for q in lost_quotations(Document(text, rel)):
            kind = "pair" if q.opening and q.closing else "lone opening" if q.opening else "lone closing"
            counts[kind] += 1
            for start, end in q.gaps:
                counts["ln104 kept" if end - start == 1 else "ln102 kept"] += 1
    return counts


def run_quotes(corpora: Path, args: argparse.Namespace) -> str:
    heading = ["## 6. Lost quotation marks in ISOT (`quality.py quotes`)", ""]
    folder = corpora / CORPUS
    if not folder.is_dir():
        return "\n".join([*heading, common.missing_message("quotes", folder)])
    seeds, verdicts = load()
    found = candidates(folder)
    sample = draw(found, seeds)
    out = [
        *heading,
        common.provenance("python benchmarks/quality.py quotes"),
        "",
        f"ISOT copy ({len(found):,} runs of two or more spaces or tabs between visible characters, in "
        f"{len({f for f, _, _ in found}):,} files) lost its curly quotation marks to spaces: is a double "
        "space a trace of a mark? Two seeded samples of the runs, "
        + " and ".join(f"{name} (seed {seed}, {size})" for name, (seed, size) in seeds.items())
        + ", every one read in its file and given a verdict in `benchmarks/lost_quotes.toml` "
        "(`file:offset` references, a few words of why; no corpus text). LN306's features were read "
        "off the tuning sample; the held-out one was labelled before LN306 ever ran on it.",
        "",
    ]
    unjudged = [g for g in sample if (g.sample, g.file, g.offset) not in verdicts]
    names = list(seeds)
    by_class = {name: collections.Counter() for name in names}
    by_length = {name: collections.Counter() for name in names}
    for g in sample:
        v = verdicts.get((g.sample, g.file, g.offset))
        if v is not None:
            by_class[g.sample][v["verdict"]] += 1
            by_length[g.sample][(min(g.spaces, 4), v["verdict"] in MARKS)] += 1
    rows = [
        [f"`{c}`", *(by_class[n][c] for n in names), CLASS_RULES[c]]
        for c in CLASSES
        if any(by_class[n][c] for n in names)
    ]
    marks_total = (by_class[n]["open"] + by_class[n]["close"] for n in names)
    rows.append(["**quotation marks (open + close)**", *marks_total, ""])
    out += [
        "### The gaps, by verdict",
        "",
        table(["verdict", *names, "how LN306 tells it (rule derived from the tuning sample)"], rows),
        "",
        "By length of the run (quotation marks / all):",
        "",
        table(
            ["spaces", *names],
            [
                [
                    label,
                    *(
                        f"{by_length[n][(k, True)]} / {by_length[n][(k, True)] + by_length[n][(k, False)]}"
                        for n in names
                    ),
                ]
                for k, label in ((2, "2"), (3, "3"), (4, "4 or more"))
            ],
        ),
        "",
    ]
    if unjudged:
        out += [
            f"**Not yet judged ({len(unjudged)}; the corpus or the seeds changed?):** "
            + ", ".join(f"`{g.ref}`" for g in unjudged[:40]),
            "",
        ]
        for g in unjudged:
            print(
                f'[[gap]]\nsample = "{g.sample}"\nfile = "{g.file}"\noffset = {g.offset}\n'
                f'spaces = {g.spaces}\nverdict = ""\nwhy = ""\n'
            )
    marks = roles(folder, {g.file for g in sample})
    if marks is None:
        out += ["LN306 (lost-quotation-marks): no rule yet in the lintnews measured."]
        return "\n".join(out)
    out += _scores(sample, verdicts, marks, names)
    counts = corpus_counts(folder)
    total = counts["pair"] + counts["lone opening"] + counts["lone closing"]
    out += [
        "### The whole corpus",
        "",
        f"LN306 flags {total:,} lost quotations in ISOT ({counts['pair']:,} pairs of gaps, "
        f"{counts['lone closing']:,} lone closing and {counts['lone opening']:,} lone opening marks). "
        f"LN102 now leaves {counts['ln102 kept']:,} double spaces alone (their SAFE fix used to collapse "
        f"them, erasing the trace of the mark) and LN104 {counts['ln104 kept']:,} spaces before "
        "punctuation (`the world .`).",
    ]
    print(f"quotes: LN306 {total} in ISOT; LN102 keeps {counts['ln102 kept']}, LN104 {counts['ln104 kept']}")
    return "\n".join(out)


def _scores(
    sample: list[Gap],
    verdicts: Verdicts,
    marks: dict[str, dict[int, tuple[str, str]]],
    names: list[str],
) -> list[str]:
    """LN306 against the verdicts, per sample: each gap it took for a mark, and
    the finding's span where a person judged it."""
    tally = {name: collections.Counter() for name in names}
    wrong: list[str] = []
    spans: list[str] = []
    stubs: list[str] = []
    for g in sample:
        v = verdicts.get((g.sample, g.file, g.offset))
        if v is None:
            continue
        role, words = marks[g.file].get(g.offset, ("none", ""))
        t = tally[g.sample]
        is_mark = v["verdict"] in MARKS
        t["marks"] += is_mark
        t["others"] += not is_mark
        if role == "none":
            t["missed"] += is_mark
            continue
        t["flagged"] += 1
        if role == v["verdict"]:
            t["right"] += 1
        else:
            t["wrong way round" if is_mark else "false alarm"] += 1
            wrong.append(f"- {g.sample}: `{g.ref}` ({v['verdict']}) taken for {_ROLE[role]} mark")
        judged = v.get("finding") if v.get("flagged") == words else None
        if judged is None:
            t["span unjudged"] += 1
            stubs.append(f"{g.ref} ({g.sample}): flagged {json.dumps(words)}")
        else:
            t[f"span {judged}"] += 1
            if judged != "right":
                spans.append(f"- {g.sample}: `{g.ref}` **{judged}**: {v.get('finding_why', '')}")
    rows = []
    for n in names:
        t = tally[n]
        precision = t["right"] / t["flagged"] if t["flagged"] else None
        recall = t["right"] / t["marks"] if t["marks"] else None
        rows.append(
            [
                n,
                t["marks"],
                t["flagged"],
                t["right"],
                t["wrong way round"],
                t["false alarm"],
                t["missed"],
                common.fmt(precision),
                common.fmt(recall),
                f"{t['span right']} / {t['span partial']} / {t['span wrong']} / {t['span unjudged']}",
            ]
        )
        print(
            f"quotes: {n}: {t['right']} of {t['flagged']} flagged gaps right, {t['marks']} marks, "
            f"{t['missed']} missed, {t['false alarm']} false alarms"
        )
    out = [
        "### LN306 on the samples",
        "",
        "A sampled gap LN306 flags is right when it takes it for the mark the verdict names. A flagged "
        "gap's finding (the words LN306 says were quoted) was judged too: right, partial (the mark is "
        "right, the span not quite: a nested or run-in quotation) or wrong.",
        "",
        table(
            [
                "sample",
                "quotation marks",
                "flagged",
                "right",
                "wrong way round",
                "not a mark",
                "missed",
                "precision",
                "recall",
                "findings right / partial / wrong / unjudged",
            ],
            rows,
        ),
        "",
    ]
    if wrong:
        out += ["Every gap taken for the wrong mark, or for a mark when it was none:", "", *wrong, ""]
    if spans:
        out += ["Every finding judged partial or wrong:", "", *spans, ""]
    if stubs:
        out += [f"Findings not yet judged ({len(stubs)}; the span changed): " + "; ".join(stubs[:20]), ""]
        for s in stubs:
            print(f"quotes: finding not yet judged: {s}")
    return out
