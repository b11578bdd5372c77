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


VALE_PACK = """
[pack]
name = "vale"

[[rules]]
code = "VL101"
name = "one-spelling"
type = "consistency"
summary = "One spelling per story"
either = { "judgement" = "judgment", "e-mail" = "email" }
ignorecase = true

[[rules]]
code = "VL102"
name = "few-bangs"
type = "occurrence"
summary = "Too many exclamation marks"
token = "!"
max = 1

[[rules]]
code = "VL103"
name = "said-twice"
type = "repetition"
summary = "Said twice"
tokens = ["said", "says"]
distance = 5
ignorecase = true

[[rules]]
code = "VL104"
name = "sentence-headings"
type = "capitalization"
summary = "Sentence-case headings"
match = "$sentence"
exceptions = ["Paris", "New York"]

[[rules]]
code = "VL105"
name = "title-headings"
type = "capitalization"
summary = "Title-case headings"
match = "$title"
message = "Write '{replacement}' ({case} case)"

[[rules]]
code = "VL106"
name = "needs-said"
type = "occurrence"
summary = "No attribution"
message = "{count} attributions, at least {min} expected"
token = '\\bsaid\\b'
min = 1
severity = "info"

[[rules]]
code = "VL107"
name = "shout-cap"
type = "capitalization"
summary = "Upper-case headings"
match = "$upper"

[[rules]]
code = "VL108"
name = "exact-spelling"
type = "consistency"
summary = "Case-sensitive pairs"
either = { "Web site" = "website" }
"""


@pytest.fixture
def vale(tmp_path: Path):
    p = tmp_path / "vale.toml"
    p.write_text(VALE_PACK)
    return {r.code: r for r in load_pack(p).rules}


def spans(diags):
    return [(d.start, d.end, d.message, d.fix.edits[0].replacement if d.fix else None) for d in diags]


def test_consistency_flags_the_minority_spelling_with_the_majority_as_fix(vale):
    rule = vale["VL101"]
    # Four spellings, one alternation (the fourth | is in the word boundary).
    assert rule.pattern.pattern.count("|") == 4
    text = "Email him. The judgment was an e-mail judgement. E-mail again. Judgement day."
    diags = run(rule, text)
    assert spans(diags) == [
        (0, 5, "Inconsistent spelling: 'Email' here, 'E-mail' elsewhere", "E-mail"),
        (15, 23, "Inconsistent spelling: 'judgment' here, 'judgement' elsewhere", "judgement"),
    ]
    assert all(d.fix.applicability is Applicability.UNSAFE for d in diags)


def test_consistency_tie_flags_the_later_spelling_and_one_spelling_is_clean(vale):
    rule = vale["VL101"]
    assert spans(run(rule, "An email, then an e-mail.")) == [
        (18, 24, "Inconsistent spelling: 'e-mail' here, 'email' elsewhere", "email")
    ]
    assert run(rule, "Judgement, judgement and e-mail.") == []
    # Word boundaries as in substitution; quoted words neither count nor get flagged.
    assert run(rule, "judgements and judgment") == []
    assert run(rule, 'The judgement stood. "Their judgment was poor," she said.') == []


def test_consistency_without_ignorecase_matches_case_exactly(vale):
    rule = vale["VL108"]
    assert spans(run(rule, "A website and a Web site.")) == [
        (16, 24, "Inconsistent spelling: 'Web site' here, 'website' elsewhere", "website")
    ]
    assert run(rule, "A Website and a Web site and a web site.") == []


def test_occurrence_max_flags_the_later_matches(vale):
    rule = vale["VL102"]
    diags = run(rule, 'Wow! Great! Again! "Yes!"')
    assert spans(diags) == [
        (10, 11, "Too many exclamation marks: '!' 3 times in this document, at most 1", None),
        (17, 18, "Too many exclamation marks: '!' 3 times in this document, at most 1", None),
    ]
    assert run(rule, 'Wow! "Yes!" "No!"') == []


def test_occurrence_min_is_reported_once_at_the_start(vale):
    rule = vale["VL106"]
    [d] = run(rule, "# Title\n\nNo attribution here. None at all.", "t.md")
    assert (d.start, d.end, d.message, d.fix) == (2, 7, "0 attributions, at least 1 expected", None)
    assert d.severity.value == "info"
    assert run(rule, "The mayor said no.") == []
    # Quoted words do not count.
    [d] = run(rule, 'He wrote: "I said no."')
    assert (d.start, d.end) == (0, 2)


def test_repetition_within_distance_in_one_paragraph(vale):
    rule = vale["VL103"]
    text = "The mayor said the plan, she said, was dead. Says who? He said.\n\nSaid again."
    assert spans(run(rule, text)) == [(29, 33, "'said' again, 4 word(s) after the last one", None)]
    assert run(rule, "He said one two three four five six said.") == []


def test_repetition_default_distance_is_the_next_word(tmp_path: Path):
    p = tmp_path / "r.toml"
    p.write_text(
        "[pack]\nname='r'\n[[rules]]\ncode='R1'\nname='the-the'\ntype='repetition'\n"
        "summary='Doubled article'\ntokens=['the', 'a']\nignorecase=true\n"
    )
    [rule] = load_pack(p).rules
    assert rule.pattern.pattern.count("|") == 1
    assert spans(run(rule, "The the cat saw a dog and the dog.")) == [
        (4, 7, "'the' again, 1 word(s) after the last one", None)
    ]


def test_capitalization_sentence_case_plain_headline(vale):
    rule = vale["VL104"]
    [d] = run(rule, "Biden Visits Paris And New york\n\nBody text here.")
    assert (d.start, d.end) == (0, 31)
    assert d.message == "Heading not in sentence case: 'Biden visits Paris and New York'"
    assert d.fix.edits[0].replacement == "Biden visits Paris and New York"
    assert d.fix.applicability is Applicability.DISPLAY_ONLY
    # Not a headline: no blank line after it, a full stop ends it, or no body.
    assert run(rule, "Biden Visits Paris\nBody text.") == []
    assert run(rule, "Biden Visits Paris.\n\nBody text.") == []
    assert run(rule, "Biden Visits Paris") == []
    assert run(rule, 'He Said "Go Home."\n\nBody text.') == []
    assert run(rule, " ".join(["Word"] * 26) + "\n\nBody text.") == []
    assert run(rule, " ".join(["Word"] * 25) + "\n\nBody text.") != []
    # After a colon, a question or an exclamation mark the heading starts again.
    assert run(rule, "Why now? Experts say: Wait! Then go\n\nBody.") == []
    # Acronyms, inner capitals, initials and U.S. keep their case.
    assert run(rule, "NATO and U.S. troops meet J. R. McDonald's iPhone team\n\nBody.") == []


def test_capitalization_markdown_headings_skip_code_and_restart_after_a_colon(vale):
    rule = vale["VL104"]
    text = "# Biden visits paris: What `Next` Means\n\nBody.\n\n## All Good Here\n"
    diags = run(rule, text, "t.md")
    assert spans(diags) == [
        (
            2,
            39,
            "Heading not in sentence case: 'Biden visits Paris: What `Next` means'",
            "Biden visits Paris: What `Next` means",
        ),
        (51, 64, "Heading not in sentence case: 'All good here'", "All good here"),
    ]


def test_capitalization_title_and_upper(vale):
    [d] = run(vale["VL105"], "storm closes schools across the region\n\nBody.")
    assert d.message == "Write 'Storm Closes Schools Across the Region' (title case)"
    assert run(vale["VL105"], "Storm Closes Schools in the Region\n\nBody.") == []
    [d] = run(vale["VL107"], "# Storm closes schools\n", "t.md")
    assert d.fix.edits[0].replacement == "STORM CLOSES SCHOOLS"


def test_new_types_respect_the_run_time_budget(tmp_path: Path, monkeypatch):
    from lintnews import packs

    p = tmp_path / "slow.toml"
    p.write_text(
        "[pack]\nname='s'\n[[rules]]\ncode='S1'\nname='slow'\ntype='occurrence'\n"
        "summary='slow'\ntoken='(?:a|aa)+$'\nmax=1\n"
    )
    [rule] = load_pack(p, probe=False).rules
    monkeypatch.setattr(packs, "MATCH_TIMEOUT_S", 0.05)
    with pytest.raises(RuntimeError, match=r"pattern took longer than 0\.05"):
        run(rule, "a" * 60 + "!")


def test_new_types_work_from_a_user_pack(tmp_path: Path):
    from lintnews.config import Config
    from lintnews.engine import Linter
    from lintnews.registry import load_registry

    path = tmp_path / "vale.toml"
    path.write_text(VALE_PACK)
    linter = Linter(Config(select=("VL101", "VL103")), registry=load_registry([path]))
    text = "An email, then an e-mail. She said it, he said.\n"
    assert [(d.code, d.start, d.end) for d in linter.check(text)] == [("VL101", 18, 24), ("VL103", 42, 46)]
    assert linter.fix(text, unsafe=True).text == "An email, then an email. She said it, he said.\n"


_HEAD = "[pack]\nname='x'\n[[rules]]\ncode='X1'\nname='a'\nsummary='s'\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("type='consistency'\neither={}\n", "rule X1: 'either' must be a non-empty table"),
        ("type='consistency'\neither={a='b', c='a'}\n", "rule X1: 'either' lists 'a' twice"),
        (
            "type='consistency'\neither={a='b'}\ntokens=['x']\n",
            "unknown key(s) for a consistency rule: tokens",
        ),
        ("type='consistency'\n", "rule X1: missing required key 'either'"),
        ("type='occurrence'\ntoken='!'\n", "rule X1: an occurrence rule needs 'max', 'min' or both"),
        ("type='occurrence'\ntoken='!'\nmax=-1\n", "rule X1: 'max' must be at least 0"),
        ("type='occurrence'\ntoken='!'\nmin=0\n", "rule X1: 'min' must be at least 1"),
        ("type='occurrence'\ntoken='!'\nmin=3\nmax=2\n", "rule X1: 'min' is larger than 'max'"),
        ("type='occurrence'\ntoken='!'\nmax='2'\n", "rule X1: 'max' must be a int, not str"),
        (
            "type='occurrence'\ntoken='(?:a+)+$'\nmax=2\n",
            "rule X1: regular expression '(?:a+)+$' is pathologically slow",
        ),
        ("type='occurrence'\nmax=1\n", "rule X1: missing required key 'token'"),
        ("type='occurrence'\ntoken='!'\nmax=1\nswap={}\n", "unknown key(s) for a occurrence rule: swap"),
        ("type='repetition'\ntokens=[]\n", "rule X1: 'tokens' must be a non-empty list"),
        ("type='repetition'\ntokens=['a']\ndistance=0\n", "rule X1: 'distance' must be at least 1"),
        ("type='repetition'\ntokens=['(a']\n", "rule X1: invalid regular expression '(a'"),
        ("type='repetition'\ntokens=['a']\nmax=1\n", "unknown key(s) for a repetition rule: max"),
        (
            "type='capitalization'\nmatch='$camel'\n",
            "rule X1: 'match' must be one of: $title, $sentence, $lower, $upper",
        ),
        ("type='capitalization'\nmatch='$title'\nexceptions=['']\n", "rule X1: 'exceptions' must be a list"),
        ("type='capitalization'\n", "rule X1: missing required key 'match'"),
        ("type='metric'\nformula='words'\n", "rule X1: missing required key 'condition'"),
        ("type='metric'\nformula='words / verbs'\ncondition='> 1'\n", "rule X1: unknown variable 'verbs'"),
        (
            'type="metric"\nformula="__import__(\'os\')"\ncondition="> 1"\n',
            "rule X1: formula \"__import__('os')\": only + - * / and parentheses",
        ),
        ("type='metric'\nformula='words /'\ncondition='> 1'\n", "rule X1: invalid formula 'words /'"),
        (
            "type='metric'\nformula='words'\ncondition='about 3'\n",
            "rule X1: 'condition' must be a comparison",
        ),
        ("type='metric'\nformula='words'\ncondition='> 3'\nmax=1\n", "unknown key(s) for a metric rule: max"),
        (
            "type='capitalization'\nmatch='$title'\napplicability='safe'\n",
            "rule X1: a capitalization rule's fix is display-only",
        ),
        (
            "type='capitalization'\nmatch='$title'\ntokens=['a']\n",
            "unknown key(s) for a capitalization rule: tokens",
        ),
    ],
)
def test_broken_vale_type_specs_name_file_rule_and_problem(tmp_path: Path, body: str, message: str):
    p = tmp_path / "broken.toml"
    p.write_text(_HEAD + body)
    with pytest.raises(ConfigError) as err:
        load_pack(p)
    assert str(err.value).startswith(f"{p}: ")
    assert "\n" not in str(err.value)
    assert message in str(err.value)


METRIC_PACK = """
[pack]
name = "metric"

[[rules]]
code = "MT101"
name = "long-sentences"
type = "metric"
summary = "Long sentences"
formula = "words / sentences"
condition = "> 5"

[[rules]]
code = "MT102"
name = "hard-words"
type = "metric"
summary = "Hard words"
message = "{polysyllabic_words} of {words} words have 3+ syllables ({value})"
formula = "polysyllabic_words / words * 100"
condition = ">= 50"
"""


@pytest.fixture
def metric(tmp_path: Path):
    p = tmp_path / "metric.toml"
    p.write_text(METRIC_PACK)
    return {r.code: r for r in load_pack(p).rules}


def test_metric_reports_once_on_the_first_word(metric):
    rule = metric["MT101"]
    # 10 words, 3 sentences (the heading is one): 3.33 is not > 5.
    assert run(rule, "# Head\n\nOne two three four five six seven. Eight nine.", "t.md") == []
    diags = run(rule, "One two three four five six seven eight. Nine ten eleven twelve.")
    assert spans(diags) == [(0, 3, "Long sentences: 6 (> 5)", None)]
    assert run(rule, "One two. Three four.") == []
    # Nothing to measure: no division by zero.
    assert run(rule, "") == []


def test_metric_fields_and_syllables(metric):
    rule = metric["MT102"]
    [d] = run(rule, "Extraordinary municipal cat.")
    assert d.message == "2 of 3 words have 3+ syllables (66.7)"
    assert run(rule, "The cat sat on the mat.") == []


def test_metric_counts_only_its_scopes(tmp_path: Path):
    p = tmp_path / "m.toml"
    p.write_text(
        "[pack]\nname='m'\n[[rules]]\ncode='M1'\nname='m'\ntype='metric'\nsummary='Words'\n"
        "formula='words'\ncondition='> 3'\nscopes=['prose']\n"
    )
    [rule] = load_pack(p).rules
    assert run(rule, "# One two three four five\n\nSix seven.", "t.md") == []
    [d] = run(rule, "# Head\n\nSix seven eight nine.", "t.md")
    assert (d.start, d.end, d.message) == (8, 11, "Words: 4 (> 3)")
