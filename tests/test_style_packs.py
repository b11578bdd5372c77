"""The style packs lintnews ships: AP (rules/ap.toml) and British (rules/british.toml).

Every article here is written for these tests. The CLI runs exactly as a user
would run it: `lintnews check --select AP`, `lintnews fix --unsafe-fixes`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintnews.cli import main
from lintnews.config import Config
from lintnews.engine import Linter
from lintnews.packs import load_pack
from lintnews.registry import Registry

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
AP = load_pack(RULES_DIR / "ap.toml")
BRITISH = load_pack(RULES_DIR / "british.toml")

ARTICLE = """Storm closes schools across the region

BOSTON, Massachusetts (AP) — Schools across the region will stay closed until October 7, officials said on Monday.

The storm, the worst to hit the USA in a decade, cut power to 40,000 homes. Mr. Smith, the superintendent, said crews worked through the night. Ms. Lee agreed.

"It was the worst storm in the USA I have seen since October 7, 1998," Ms. Lee said.
"""

BRITISH_ARTICLE = """Council tax to rise

Council tax will rise by 4 percent in April, the council said.

Mr. Patel, the council leader, said the rise was the lowest in years. Dr. Jones disagreed.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def codes(output: str) -> list[str]:
    return re.findall(r"^-:\d+:\d+: ([A-Z]+\d+) ", output, re.M)


# ---------------------------------------------------------------------------
# The packs as data
# ---------------------------------------------------------------------------


def test_packs_load_with_their_prefixes_and_are_off_by_default():
    assert AP.name == "ap" and BRITISH.name == "british"
    assert [r.code for r in AP.rules] == [f"AP1{i:02d}" for i in range(1, 17)]
    assert [r.code for r in BRITISH.rules] == ["BR101", "BR102", "BR103", "BR104", "BR105"]
    for rule in (*AP.rules, *BRITISH.rules):
        assert rule.default is False, rule.code
        assert rule.in_quotes is False, rule.code  # quoted words are someone's words
        assert rule.examples and rule.ok, rule.code
        docs = rule.documentation()
        for section in ("## What it flags", "## Example", "## Fix safety"):
            assert section in docs, (rule.code, section)


@pytest.mark.parametrize("rule", [*AP.rules, *BRITISH.rules], ids=lambda r: r.code)
def test_pack_examples_and_ok_texts(rule):
    """What tests/test_examples.py runs for every shipped pack rule."""
    linter = Linter(Config(select=(rule.code,)), registry=Registry(packs=[AP, BRITISH]))
    for example in rule.examples:
        found = [d for d in linter.check(example.bad, "example.txt") if d.code == rule.code]
        assert found, f"{rule.code} did not flag {example.bad!r}"
        if example.fixed is not None:
            fixed = linter.fix(example.bad, "example.txt", unsafe=True).text
            assert fixed == example.fixed
            assert linter.fix(fixed, "example.txt", unsafe=True).text == fixed
    for text in rule.ok:
        found = [d for d in linter.check(text, "ok.txt") if d.code == rule.code]
        assert not found, f"{rule.code} flagged its ok text {text!r}: {found[0].message}"


def test_fixes_are_unsafe_and_need_the_flag():
    linter = Linter(Config(select=("AP",)), registry=Registry(packs=[AP]))
    text = "Exports to the USA rose.\n"
    assert linter.fix(text).text == text
    assert linter.fix(text, unsafe=True).text == "Exports to the U.S. rose.\n"


def test_mr_and_ms_on_second_reference_are_ap_style():
    linter = Linter(Config(select=("AP",)), registry=Registry(packs=[AP]))
    assert linter.check("Mr. Smith met Ms. Lee. Later Mr. Smith left.\n") == []


def test_spelled_out_numbers_keep_a_sentence_start_and_names():
    linter = Linter(Config(select=("AP104",)), registry=Registry(packs=[AP]))
    text = "Twelve people died and fifteen were hurt in Ocean's Eleven country.\n"
    assert (
        linter.fix(text, unsafe=True).text
        == "Twelve people died and 15 were hurt in Ocean's Eleven country.\n"
    )


# ---------------------------------------------------------------------------
# The CLI
# ---------------------------------------------------------------------------


def test_default_run_leaves_house_style_alone(runner):
    result = runner.invoke(main, ["check", "-", "--no-cache", "--output-format", "concise"], input=ARTICLE)
    assert not [c for c in codes(result.stdout) if c.startswith(("AP", "BR"))]


def test_check_select_ap_flags_dates_usa_and_dateline(runner):
    result = runner.invoke(
        main, ["check", "-", "--no-cache", "--select", "AP", "--output-format", "concise"], input=ARTICLE
    )
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert "-:3:1: AP112 AP datelines name 'BOSTON' without a state" in lines
    assert "-:3:79: AP101 AP style abbreviates the month before a date: 'Oct.' for 'October'" in lines
    assert "-:5:33: AP102 AP style writes the abbreviation 'U.S.', not 'USA'" in lines
    # The quotation on line 7 is someone's words: its USA and October 7 stay.
    assert not [line for line in lines if line.startswith("-:7:")]
    # Mr. and Ms. on second reference are AP style.
    assert sorted(codes(result.stdout)) == ["AP101", "AP102", "AP112"]


def test_fix_unsafe_select_ap_rewrites_the_article(runner):
    result = runner.invoke(
        main, ["fix", "-", "--no-cache", "--unsafe-fixes", "--select", "AP"], input=ARTICLE
    )
    assert result.exit_code == 0, result.output
    fixed = result.stdout
    assert "BOSTON (AP) — Schools across the region will stay closed until Oct. 7, officials" in fixed
    assert "the worst to hit the U.S. in a decade" in fixed
    assert '"It was the worst storm in the USA I have seen since October 7, 1998," Ms. Lee said.' in fixed
    assert "Mr. Smith" in fixed and "Ms. Lee agreed." in fixed
    again = runner.invoke(main, ["check", "-", "--no-cache", "--select", "AP"], input=fixed)
    assert again.exit_code == 0, again.output


def test_fix_without_unsafe_flag_changes_nothing(runner):
    result = runner.invoke(main, ["fix", "-", "--no-cache", "--select", "AP"], input=ARTICLE)
    assert result.stdout == ARTICLE


def test_fix_file_in_place(runner, tmp_path: Path):
    path = tmp_path / "storm.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["fix", "--no-cache", "--unsafe-fixes", "--select", "AP", str(path)])
    assert result.exit_code == 0, result.output
    assert "until Oct. 7, officials" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("selector", ["BR", "british"])
def test_british_pack_flags_mr_and_percent(runner, selector: str):
    result = runner.invoke(
        main,
        ["check", "-", "--no-cache", "--select", selector, "--output-format", "concise"],
        input=BRITISH_ARTICLE,
    )
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert "-:3:28: BR102 Use 'per cent' instead of 'percent'" in lines
    assert "-:5:1: BR101 British style writes 'Mr' without a full stop" in lines
    assert "-:5:71: BR101 British style writes 'Dr' without a full stop" in lines


def test_british_pack_fixes(runner):
    result = runner.invoke(
        main, ["fix", "-", "--no-cache", "--unsafe-fixes", "--select", "british"], input=BRITISH_ARTICLE
    )
    assert result.exit_code == 0, result.output
    assert "rise by 4 per cent in April" in result.stdout
    assert "Mr Patel, the council leader" in result.stdout
    assert "Dr Jones disagreed." in result.stdout


def test_rule_docs_for_a_pack_rule(runner):
    result = runner.invoke(main, ["rule", "AP101"])
    assert result.exit_code == 0, result.output
    assert "March, April, May, June or July" in result.stdout
    assert "Oct. 7" in result.stdout
