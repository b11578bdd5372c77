from pathlib import Path

import pytest

from lintnews.diagnostics import Applicability
from lintnews.document import Document
from lintnews.errors import ConfigError
from lintnews.packs import load_pack, shipped_pack_paths
from lintnews.rule import Context

PACK = """
[pack]
name = "house"
description = "A test house style"

[[rules]]
code = "HS101"
name = "no-very"
type = "existence"
summary = "Avoid 'very'"
message = "Avoid '{match}'"
tokens = ["very", "really"]
ignorecase = true

[[rules]]
code = "HS102"
name = "per-cent"
type = "substitution"
summary = "Per cent, not percent"
swap = { "percent" = "per cent", "U.S.A." = "US" }
ignorecase = true
applicability = "safe"

[[rules]]
code = "HS103"
name = "double-dash"
type = "pattern"
summary = "Double hyphen for a dash"
pattern = '(?<=\\w) ?-- ?(?=\\w)'
replacement = " – "
"""


def run(rule_cls, text: str, path: str = "t.txt"):
    doc = Document(text, path)
    rule = rule_cls()
    ctx = Context(doc, rule)
    rule.check(doc, ctx)
    return ctx.diagnostics


@pytest.fixture
def pack(tmp_path: Path):
    p = tmp_path / "house.toml"
    p.write_text(PACK)
    return load_pack(p)


def test_existence_compiles_terms_into_one_pattern(pack):
    rule = pack.rules[0]
    assert rule.pattern.pattern.count("|") == 1  # one alternation, not a regex per term
    diags = run(rule, "A very good and Really nice every day.")
    assert [(d.start, d.end, d.message) for d in diags] == [
        (2, 6, "Avoid 'very'"),
        (16, 22, "Avoid 'Really'"),
    ]
    assert all(d.fix is None for d in diags)


def test_substitution_fixes_and_keeps_capital(pack):
    rule = pack.rules[1]
    diags = run(rule, "Percent rose 5 percent in the U.S.A. today.")
    assert [(d.start, d.end) for d in diags] == [(0, 7), (15, 22), (30, 36)]
    assert [d.fix.edits[0].replacement for d in diags] == ["Per cent", "per cent", "US"]
    assert diags[0].fix.applicability is Applicability.SAFE
    assert diags[0].message == "Use 'Per cent' instead of 'Percent'"


def test_substitution_respects_word_boundaries(pack):
    assert run(pack.rules[1], "percentage points") == []


def test_pattern_with_template(pack):
    rule = pack.rules[2]
    [d] = run(rule, "Paris--and Rome")
    assert (d.start, d.end) == (5, 7)
    assert d.fix.edits[0].replacement == " – "
    assert d.fix.applicability is Applicability.UNSAFE


def test_pack_rules_carry_origin_and_docs(pack):
    assert {r.origin for r in pack.rules} == {"house"}
    assert pack.rules[0].documentation() == "Avoid 'very'"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "[pack]\nname='x'\n[[rules]]\ncode='X1'\nname='a'\ntype='pattern'\nsummary='s'\npattern='(unclosed'\n",
            "rule X1: invalid regular expression '(unclosed'",
        ),
        (
            "[pack]\nname='x'\n[[rules]]\ncode='X1'\nname='a'\ntype='magic'\nsummary='s'\n",
            "rule X1: unknown type 'magic'",
        ),
        (
            "[pack]\nname='x'\n[[rules]]\ncode='X1'\nname='a'\ntype='existence'\nsummary='s'\ntokens=['a']\ncolour='red'\n",
            "rule X1: unknown key(s) for a existence rule: colour",
        ),
        (
            "[pack]\nname='x'\n[[rules]]\ncode='x1'\nname='a'\ntype='existence'\nsummary='s'\ntokens=['a']\n",
            "rule x1: a code is 1-6 capital letters",
        ),
        ("[pack]\nname='x'\n[[rules]]\nname='a'\n", "rule #1: missing required key 'code'"),
        ("[pack\nname='x'\n", "invalid TOML"),
        (
            "[pack]\nname='x'\n[[rules]]\ncode='X1'\nname='a'\ntype='pattern'\nsummary='s'\npattern='(a+)+$'\n",
            "rule X1: regular expression '(a+)+$' is pathologically slow",
        ),
        ("[[rules]]\ncode='X1'\n", "missing [pack] table"),
        ("[pack]\nname='x'\n", "at least one [[rules]]"),
    ],
)
def test_broken_packs_name_file_and_problem(tmp_path: Path, body: str, message: str):
    p = tmp_path / "broken.toml"
    p.write_text(body)
    with pytest.raises(ConfigError) as err:
        load_pack(p)
    assert str(err.value).startswith(f"{p}: ")
    assert message in str(err.value)


def test_missing_pack(tmp_path: Path):
    with pytest.raises(ConfigError, match="rule pack not found"):
        load_pack(tmp_path / "nope.toml")


def test_shipped_packs_are_found_and_valid():
    paths = shipped_pack_paths()
    assert any(p.name == "boilerplate.toml" for p in paths)
    for p in paths:
        # The load-time backtracking probe, which shipped packs skip at run time.
        assert load_pack(p, probe=True).rules


SLOW_PACK = """
[pack]
name = "slow"

[[rules]]
code = "SL100"
name = "slow-pattern"
type = "pattern"
summary = "A pattern that backtracks on long runs of 'a'"
pattern = '(?:a|aa)+$'
"""


def test_a_slow_pattern_is_stopped_by_the_per_document_budget(tmp_path: Path, monkeypatch):
    # The load-time probe is skipped here, as for shipped packs, to reach the
    # run-time guard: the rule is reported as crashed, the others still run.
    from lintnews import packs, registry
    from lintnews.config import Config
    from lintnews.engine import Linter
    from lintnews.registry import load_registry

    path = tmp_path / "slow.toml"
    path.write_text(SLOW_PACK)
    monkeypatch.setattr(packs, "MATCH_TIMEOUT_S", 0.05)
    monkeypatch.setattr(registry, "load_pack", lambda p, probe=True: load_pack(p, probe=False))
    linter = Linter(Config(select=("SL100", "LN102")), registry=load_registry([path]))
    diags = linter.check("a" * 60 + "!  x\n")
    [crash] = [d for d in diags if d.code == "SL100"]
    assert crash.message.startswith("Rule crashed (RuntimeError: pattern took longer than 0.05")
    assert "catastrophic backtracking" in crash.message
    assert [d.code for d in diags if d.code != "SL100"] == ["LN102"]


def test_the_budget_grows_with_the_document():
    from lintnews.packs import MATCH_TIMEOUT_S, match_budget

    assert match_budget(0) == MATCH_TIMEOUT_S
    assert match_budget(100_000_000) == MATCH_TIMEOUT_S + 500


MASKED_PACK = """
[pack]
name = "masked"

[[rules]]
code = "MK100"
name = "via-line"
type = "pattern"
multiline = true
summary = "Say 'Via', not 'Source:'"
message = "Write 'Via {src}'"
pattern = '^Source: (?P<src>\\S+)$'
replacement = 'Via \\g<src>'
applicability = "safe"
"""


@pytest.mark.parametrize("nl", ["\n", "\r"])
def test_messages_and_fixes_quote_the_text_not_its_masked_copy(tmp_path: Path, nl: str):
    # URLs are masked (U+FFFF) so prose rules skip them; a pack that quotes
    # one in its message or fix must quote what the article says, and a lone
    # CR read as a line break must stay a CR.
    path = tmp_path / "masked.toml"
    path.write_text(MASKED_PACK)
    [rule] = load_pack(path).rules
    text = f"Story.{nl}Source: https://example.org/a?b=1{nl}"
    [d] = run(rule, text)
    assert d.message == "Write 'Via https://example.org/a?b=1'"
    assert "\uffff" not in d.message
    [edit] = d.fix.edits
    assert text[edit.start : edit.end] == "Source: https://example.org/a?b=1"
    assert edit.replacement == "Via https://example.org/a?b=1"


def test_expand_reads_groups_from_the_text_and_refuses_unknown_escapes():
    import regex

    from lintnews.packs import _expand

    m = regex.match(r"(?P<a>x+)-(y)", "xx-y")
    assert _expand(r"\g<a>|\2|\g<1>|\n", m, "AB-C") == "AB|C|AB|\n"
    assert _expand(r"\q", m, "AB-C") is None
