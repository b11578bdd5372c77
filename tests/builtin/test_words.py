"""LN201-LN205: the word rules.

Every sentence here is written for the tests (news-shaped, not copied from a
corpus). The real-world negatives are names, brands and compounds that a
news article carries and that must stay clean.
"""

from __future__ import annotations

import re

import pytest
from conftest import apply_fixes, fix_rule, run_rule

from lintnews.builtin.words import (
    RULES,
    FusedWords,
    LikelyMisspelling,
    LostApostrophe,
    RepeatedWord,
    StrayGluedLetter,
)
from lintnews.config import Config, Vocabulary
from lintnews.diagnostics import Applicability
from lintnews.engine import Linter
from lintnews.lexicon import Lexicon
from lintnews.rule import Rule

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE
DISPLAY_ONLY = Applicability.DISPLAY_ONLY
ALL = frozenset(Applicability)


def fixes(rule: type[Rule], text: str) -> list[tuple[str, str, Applicability]]:
    """(flagged text, replacement of the first edit, applicability) per diagnostic."""
    out = []
    for d in run_rule(rule, text):
        assert d.fix is not None
        out.append((text[d.start : d.end], d.fix.edits[0].replacement, d.fix.applicability))
    return out


# ---------------------------------------------------------------------------
# The family
# ---------------------------------------------------------------------------


def test_rules_are_listed_in_code_order():
    assert [r.code for r in RULES] == ["LN201", "LN202", "LN203", "LN204", "LN205"]
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule: type[Rule]):
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
    assert rule.summary and rule.fixable
    docs = rule.documentation()
    for section in ("## What it flags", "## Why", "## Example", "## Fix safety"):
        assert section in docs
    assert rule.examples and rule.ok


def test_defaults_and_quotes():
    on = {r.code for r in RULES if r.default}
    assert on == {"LN201", "LN202", "LN203", "LN204"}
    assert all(r.in_quotes for r in RULES if r.code != "LN205")
    assert not LikelyMisspelling.in_quotes


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_examples_fix_to_their_fixed_text(rule: type[Rule]):
    for example in rule.examples:
        found = run_rule(rule, example.bad)
        assert found, f"{rule.code} missed {example.bad!r}"
        if example.fixed is not None:
            assert apply_fixes(example.bad, found, frozenset({SAFE, UNSAFE})) == example.fixed


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_ok_texts_stay_clean(rule: type[Rule]):
    for text in rule.ok:
        assert not run_rule(rule, text), f"{rule.code} flagged {text!r}"


# ---------------------------------------------------------------------------
# Real-world negatives: names, brands, compounds, British spellings
# ---------------------------------------------------------------------------

NEGATIVES = [
    # names no dictionary has, and names made of words
    "Secretary of State Antony Blinken met John Kirby in Washington.",
    "The Gestion minister flew to Türkiye and then to Kyiv.",
    "Paul Newman, Sarah Goodwin and Gary Lightbody attended.",
    "Liverpool won at Anfield; Alain Levy and Rinat Akhmetov watched.",
    "Shirley MacLaine and Peter MacDonald spoke to Mr McCartney.",
    "The band Linkin Park and the rapper Twista performed in Cardiff.",
    # brands
    "She streamed it on YouTube and played it on a PlayStation.",
    "He bought an iPhone, an iPad and an iPod on eBay.",
    "Customers of PayPal, WhatsApp and LinkedIn were told to reset passwords.",
    "GlaxoSmithKline and AstraZeneca reported results; DaimlerChrysler did not.",
    "McDonald's opened a restaurant next to the BlackBerry store.",
    "The mRNA vaccine, a pH of 7 and 40 kWh of power.",
    "Apple's macOS and iOS; eSports fans; vCJD cases rose.",
    # compounds and British spellings
    "The carmaker hired a frontman for its ringtones campaign.",
    "The programme on labour rumours, humour and the centre was broadcast.",
    "A ceasefire in Gaza held as the webcam and smartphone sales rose.",
    "The wellbeing of the hardcourt players was discussed in the showbusiness pages.",
    "He read weblogs in his inbox while the download ran online.",
    # addresses, handles, hashtags, code
    "Write to news@example.com or see example.com/togetherwith.",
    "Follow @realDonaldTrump and #BlackLivesMatter for updates.",
    "The script called a.parentNode.insertBefore on the page.",
    # capitals and headlines
    "NETANYAHUADMITTED IS A HEADLINE IN CAPITALS",
    # doubles English uses on purpose
    "What he had had was enough, and he said that that was wrong.",
    "Duran Duran and Talk Talk played; law lord Lord Bingham listened.",
    # a word the article uses twice is its own spelling
    "Glasgowbased reporters wrote for the Glasgowbased paper.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_real_world_negatives_stay_clean(text: str):
    for rule in RULES:
        if rule.default:
            found = run_rule(rule, text)
            assert not found, f"{rule.code} flagged {[text[d.start : d.end] for d in found]} in {text!r}"


def test_at_least_twenty_negatives():
    assert len(NEGATIVES) >= 20


# ---------------------------------------------------------------------------
# LN201 fused-words
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token", "split"),
    [
        ("Netanyahu spoke. Netanyahuadmitted the failure.", "Netanyahuadmitted", "Netanyahu admitted"),
        ("They worked togetherwith the police.", "togetherwith", "together with"),
        ("Trump gained 84 votesClinton lost 293.", "votesClinton", "votes Clinton"),
        ("The ceasefirein Gaza held.", "ceasefirein", "ceasefire in"),
        ("It was reported by theBBC today.", "theBBC", "the BBC"),
        ("Blair spoke. Later MrBlair left.", "MrBlair", "Mr Blair"),
        ("The bid came after thefirst attempt.", "thefirst", "the first"),
        ("It willmean more costs.", "willmean", "will mean"),
        ("He studied at the University ofTexas.", "ofTexas", "of Texas"),
        ("It would be fine tobe honest.", "tobe", "to be"),
        ("They met in the Foreign Office. The ForeignOffice said no.", "ForeignOffice", "Foreign Office"),
        ("Jackson sang. MichaelJackson sang again.", "MichaelJackson", "Michael Jackson"),
        ("The plan was radicallyimproved last year.", "radicallyimproved", "radically improved"),
    ],
)
def test_fused_words_split_safely(text: str, token: str, split: str):
    assert fixes(FusedWords, text) == [(token, split, SAFE)]


def test_fused_word_fix_round_trip():
    text = "Netanyahu met envoys. Netanyahuadmitted the talks had failed togetherwith aides."
    assert fix_rule(FusedWords, text) == (
        "Netanyahu met envoys. Netanyahu admitted the talks had failed together with aides."
    )


def test_two_content_words_are_only_a_suggestion():
    found = fixes(FusedWords, "Oil prices rose again as oilprices hit a high.")
    assert found == [("oilprices", "oil prices", SAFE)]  # side by side elsewhere: safe
    found = fixes(FusedWords, "The team lost one lineout in the match.")
    assert all(a is DISPLAY_ONLY for _, _, a in found)


def test_fused_words_leave_brands_and_names():
    for text in (
        "Apple's GarageBand and the BitTorrent client.",
        "The firm Rightmove said prices rose; Mothercare agreed.",
        "Anastasia Myskina and Nobutaka Machimura met Lleyton Hewitt.",
    ):
        assert run_rule(FusedWords, text) == [], text


def test_fused_word_inside_quotes_is_reported():
    assert fixes(FusedWords, 'He said: "It was togetherwith them."') == [
        ("togetherwith", "together with", SAFE)
    ]


def test_fused_word_with_possessive():
    assert fixes(FusedWords, "It was votesClinton's night.") == [("votesClinton", "votes Clinton", SAFE)]


@pytest.mark.parametrize(
    "text",
    [
        # a common word and an acronym: an organisation, even when the article spaces it once
        "Voters USA is a lobby. Donors gave to VotersUSA Action last year.",
        # three capitalised words: a slogan or a hashtag without its `#`
        "The slogan MarchWithUs was printed on shirts.",
        # a source credited after `via`
        "The story came (Via VotersNews) on Monday.",
        # `Mac` starts surnames, so never ends a camel name: a brand
        "The lender SandyMac failed in 2008.",
        # one compound given name before the surname
        '"It is over," said MaryAnn Clarke, a teacher.',
        # a verb and a particle written solid after a possessive or a determiner: a noun
        "Both teams prepared for Sunday's faceoff. They face off at noon.",
        "In the leadup to the vote they lead up the march.",
        # a known word with a noun suffix, not `in` + a word
        "Critics cited its inauthenticity in the campaign.",
        # an -ing word inside a longer capitalised name
        "He spoke at Hopegathering Community Church on Sunday.",
        # template code
        "{% set pageWidth = '1100px' %}",
        # a surname after a given name: a function word, then a name ending
        "The guests were Ann Lee, Tom Wasford and Jo Hill.",
        # a prefix on a verb form
        "“Overplanning leads to delays,” she said.",
        # a misspelling of a word one letter longer, not `a` + a word
        "The skill can only be atrained through practice.",
    ],
)
def test_fused_words_leave_names_brands_and_derived_words(text: str):
    assert fixes(FusedWords, text) == []


def test_fused_word_after_the_that_may_be_a_brand_is_a_suggestion():
    # `the` + an unknown capitalised word: a fusion, or a brand such as theSkimm
    assert fixes(FusedWords, "The newsletter theZapp sent its readers a note.") == [
        ("theZapp", "the Zapp", DISPLAY_ONLY)
    ]


@pytest.mark.parametrize(
    ("text", "token", "split"),
    [
        # a lowercase word before an unknown name: the case change is the evidence
        ("Kate Smith andJoice Obi finished fifth.", "andJoice", "and Joice"),
        ("The Office of theAttorney General said no.", "theAttorney", "the Attorney"),
        # a name, then a shouted word
        ("Director James ComeyOUR REPORTS follow.", "ComeyOUR", "Comey OUR"),
        # three capitalised parts, the last starting a question
        ("Watch TooFabDo you think so?", "TooFabDo", "Too Fab Do"),
        # a particle after a verb that is no noun
        ("They will gaveup the fight.", "gaveup", "gave up"),
        # two given names that are no compound given name
        ("The actress JamieLee Curtis starred.", "JamieLee", "Jamie Lee"),
    ],
)
def test_fused_words_near_names_still_split_safely(text: str, token: str, split: str):
    assert fixes(FusedWords, text) == [(token, split, SAFE)]


# ---------------------------------------------------------------------------
# LN202 stray-glued-letter
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("dNetanyahu said on Monday.", "dNetanyahu"),
        ("The minister spoke. xThe talks resumed.", "xThe"),
        ("Officials in qGaza said so.", "qGaza"),
        ("The qminister resigned.", "qminister"),
        ("He went tthe market.", "tthe"),
        ("said eMinister Jones", "eMinister"),
    ],
)
def test_stray_letter_deleted(text: str, token: str):
    found = run_rule(StrayGluedLetter, text)
    assert [text[d.start : d.end] for d in found] == [token]
    assert found[0].fix is not None and found[0].fix.applicability is SAFE
    assert apply_fixes(text, found) == text.replace(token, token[1:])


def test_stray_a_before_a_common_word_is_a_suggestion():
    found = fixes(StrayGluedLetter, "It was aBritish firm.")
    assert found == [("aBritish", "a British", DISPLAY_ONLY)]


def test_lower_upper_allowlist_extends_with_vocabulary():
    text = "The iDefence report and the iDefence team."  # twice: the article's own spelling
    assert run_rule(StrayGluedLetter, text) == []
    once = "Security firm iDefence said so."
    assert run_rule(StrayGluedLetter, once)
    rule = StrayGluedLetter()
    rule.configure(Config(vocabulary=Vocabulary(accept=frozenset({"iDefence"}))))
    from lintnews.document import Document
    from lintnews.rule import Context

    doc = Document(once)
    ctx = Context(doc, rule)
    rule.check(doc, ctx)
    assert ctx.diagnostics == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The int\u00aderests of voters.", StrayGluedLetter),
        ("He had someth\u200bing to say.", FusedWords),
        ("A dNet\u2060anyahu aide.", StrayGluedLetter),
        ("The Gov\ufeffernment said.", FusedWords),
    ],
)
def test_word_rules_leave_halves_of_a_word_split_by_an_invisible_character(text: str, rule: type) -> None:
    # LN105 removes the character; the next pass sees the whole word.
    assert run_rule(rule, text) == []


def test_i_before_a_common_word_may_be_a_brand_so_the_deletion_is_unsafe():
    # `iCan`, `iBand`: only --unsafe-fixes deletes the letter; a name the
    # article uses alone keeps the SAFE fix (`eBrown` after `Gordon Brown`).
    assert fixes(StrayGluedLetter, "The BBC's iCan site is up.") == [("iCan", "", UNSAFE)]
    assert fixes(StrayGluedLetter, "The firm developed the iBand, a bracelet.") == [("iBand", "", UNSAFE)]
    assert fixes(StrayGluedLetter, "Gordon Brown spoke. Later iBrown said no.") == [("iBrown", "", SAFE)]
    assert fixes(StrayGluedLetter, "He said eMinister Jones left.") == [("eMinister", "", SAFE)]


def test_stray_letter_skips_handles_and_units():
    assert run_rule(StrayGluedLetter, "Follow @jSmith, #bBC, a 5 kW motor and 3 dB.") == []


@pytest.mark.parametrize(
    "text",
    [
        "It was a real sh*tstorm at the desk.",  # after a masking `*`
        "The paper B rgerzeitung ran it first.",  # a lost letter left a lone capital and a space
        "The paper B kminister column ran.",
        "Read the ?rstwhile column and the ?xMinister piece.",  # after a lost character
        "Jane eDoe (@janedoe) May 1, 2016",  # a display name before its handle
        "It s late. That is a whole nother story.",
    ],
)
def test_stray_letter_negatives(text: str):
    assert run_rule(StrayGluedLetter, text) == []


def test_stray_letter_lone_a_or_i_before_is_no_lost_letter():
    # `A` and `I` are words: the token after them is checked as usual.
    assert fixes(StrayGluedLetter, "I qminister said so.") == [("qminister", "", SAFE)]


def test_lost_apostrophe_s_before_a_sentence_is_a_lost_space():
    # The copy lost its apostrophes (`it s`): the `s` ends `Smith s`.
    text = "It s late. The file was Smith sThis is the rest."
    assert fixes(StrayGluedLetter, text) == [("sThis", "s This", DISPLAY_ONLY)]
    # With apostrophes intact, the `s` is a stray letter.
    assert fixes(StrayGluedLetter, "It's late. The file was Smith sThis is the rest.") == [
        ("sThis", "", SAFE)
    ]
    # After a function word there is no possessive to lose.
    assert fixes(StrayGluedLetter, "It s late. He was sThe first.") == [("sThe", "", SAFE)]


def test_stray_letter_before_an_unknown_rest_is_unsafe():
    # Nothing vouches for `Zorvik`: `kZorvik` may be a name as written.
    text = "The latest kZorvik issue sold out."
    assert fixes(StrayGluedLetter, text) == [("kZorvik", "", UNSAFE)]
    # The article using the rest elsewhere vouches for it.
    text = "Zorvik sold out. The latest kZorvik issue too."
    assert fixes(StrayGluedLetter, text) == [("kZorvik", "", SAFE)]


# ---------------------------------------------------------------------------
# LN203 lost-apostrophe
# ---------------------------------------------------------------------------


def test_contractions_are_safe_possessives_unsafe():
    text = "It s clear they don t agree with Trump s plan, and I m sure we re late."
    found = fixes(LostApostrophe, text)
    assert found == [
        ("It s", "'", SAFE),
        ("don t", "'", SAFE),
        ("Trump s", "'", UNSAFE),
        ("I m", "'", SAFE),
        ("we re", "'", SAFE),
    ]
    assert apply_fixes(text, run_rule(LostApostrophe, text), ALL) == (
        "It's clear they don't agree with Trump's plan, and I'm sure we're late."
    )


def test_a_lost_apostrophe_before_punctuation():
    # The piece is the last word of its sentence or clause.
    assert (
        fix_rule(LostApostrophe, "I haven t. She didn t, and we won t!")
        == "I haven't. She didn't, and we won't!"
    )


def test_apostrophe_style_follows_the_document():
    text = "It’s late, the minister’s car is gone and it s cold."
    assert fix_rule(LostApostrophe, text) == "It’s late, the minister’s car is gone and it’s cold."


def test_restored_apostrophes_follow_the_quote_style_ln304_judges_by():
    # Curly quotes win 3 to 1 (the headline's “ ” and `isn’t`, against
    # `Don't`). Restoring five straight apostrophes would flip the majority,
    # and LN304's next pass would straighten every curly mark, the headline's
    # too: LN203 restores curly ones, and the fixed text is consistent.
    text = (
        "“Wall” talks stall\n\n"
        "The plan isn’t dead. They don t agree, we can t wait, it s late, I m tired and you re right. "
        "Don't go.\n"
    )
    linter = Linter()
    assert [d.message for d in linter.check(text, "t.txt") if d.code == "LN304"] == [
        'Straight quote "\'": the document mostly uses curly quotes (3 to 1)'
    ]
    fixed = linter.fix(text, "t.txt").text
    assert fixed == (
        "“Wall” talks stall\n\n"
        "The plan isn’t dead. They don’t agree, we can’t wait, it’s late, I’m tired and you’re right. "
        "Don’t go.\n"
    )
    assert [d.code for d in linter.check(fixed, "t.txt") if d.code == "LN304"] == []


def test_restored_apostrophes_are_straight_without_curly_marks():
    text = '"Wall" talks stall. They don t agree and it s late.'
    assert fix_rule(LostApostrophe, text) == "\"Wall\" talks stall. They don't agree and it's late."
    assert fix_rule(LostApostrophe, "They don t agree.") == "They don't agree."


@pytest.mark.parametrize(
    "text",
    [
        "The re-election campaign began.",
        "It cost $458 m in total.",
        "The letter s is silent.",
        "Vitamin D and type A blood.",
        "Grade A and the s-bend.",
    ],
)
def test_apostrophe_negatives(text: str):
    assert run_rule(LostApostrophe, text) == []


# ---------------------------------------------------------------------------
# LN204 repeated-word
# ---------------------------------------------------------------------------


def test_repeated_words_deleted():
    assert fix_rule(RepeatedWord, "He said said the the talks ended.") == "He said the talks ended."
    assert fix_rule(RepeatedWord, "The the minister left.") == "The minister left."


def test_repeat_across_line_break_keeps_the_break():
    assert fix_rule(RepeatedWord, "It was in\nin the news.") == "It was in\nthe news."


def test_repeat_across_a_line_break_needs_prose_on_both_lines():
    # A word alone on its line is a list item or a table cell, not a slip.
    assert run_rule(RepeatedWord, "Votes:\nyes\nyes\nno\n") == []
    assert run_rule(RepeatedWord, "a\n" * 1000) == []
    assert run_rule(RepeatedWord, "The score was\nwin\nwin and a draw.") == []
    assert run_rule(RepeatedWord, "He went to\n  to the shop.\r\n") != []
    assert fix_rule(RepeatedWord, "He went to\r\nto the shop.\r\n") == "He went to\r\nthe shop.\r\n"
    # On one line, a word alone still counts.
    assert fix_rule(RepeatedWord, "the the\n") == "the\n"


def test_repeat_before_punctuation():
    assert fix_rule(RepeatedWord, "Nobody else said said.") == "Nobody else said."


def test_repeat_not_across_paragraphs():
    assert run_rule(RepeatedWord, "The end.\n\nThe story goes on.") == []
    assert run_rule(RepeatedWord, "It ended in\n\nin March.") == []


@pytest.mark.parametrize(
    "text",
    [
        "And, surprise surprise, the vote failed.",
        "He said something something taxes, then left.",
        "Ding ding! The bell rang. Hey hey, ho ho, the chant went.",
        "She kept calling cheats cheats. They named losers losers.",
    ],
)
def test_repeat_negatives(text: str):
    assert run_rule(RepeatedWord, text) == []


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        # A particle or a stranded preposition, then the same word opening a phrase.
        ("She logged in in May.", (14, 16), "She logged in May."),
        ("The day we had waited for for years came.", (26, 29), "The day we had waited for years came."),
        ("He had been in in the past.", (15, 17), "He had been in the past."),
        # More than one space: a stripped quote mark or dash may sit between the
        # copies. The finding covers the gap, the reason the fix is unsafe: a
        # safe fix must not tidy it away (see lintnews.fixer.fix_candidates).
        ("He spoke to the  the real voters  crowd.", (15, 20), "He spoke to the  real voters  crowd."),
        ("It was your   your decision.", (11, 18), "It was your   decision."),
    ],
)
def test_repeat_that_may_belong_is_unsafe(text: str, span: tuple[int, int], fixed: str):
    [d] = run_rule(RepeatedWord, text)
    assert (d.start, d.end) == span
    assert d.fix is not None and d.fix.applicability is UNSAFE
    assert apply_fixes(text, [d]) == text  # not applied by a safe fix run
    assert apply_fixes(text, [d], ALL) == fixed


def test_repeat_after_other_words_stays_safe():
    # A preposition after a noun or `was`, and a single space: the plain slip.
    assert fixes(RepeatedWord, "A race in in Ohio.") == [("in", "", SAFE)]
    assert fixes(RepeatedWord, "The fix was in in time.") == [("in", "", SAFE)]
    assert fixes(RepeatedWord, "Look at the the facts.") == [("the", "", SAFE)]
    # `out out`, `about about` after a verb are slips far more often than not.
    assert fixes(RepeatedWord, "They were talking about about the war.") == [("about", "", SAFE)]
    assert fixes(RepeatedWord, "He came out out strongly.") == [("out", "", SAFE)]


# ---------------------------------------------------------------------------
# LN205 likely-misspelling
# ---------------------------------------------------------------------------


def test_misspelling_from_the_article():
    text = "Netanyahu spoke. Netanyahu left. Netanyhau returned."
    assert fixes(LikelyMisspelling, text) == [("Netanyhau", "Netanyahu", UNSAFE)]


def test_misspelling_from_the_dictionary_is_display_only():
    assert fixes(LikelyMisspelling, "The goverment said no.") == [("goverment", "government", DISPLAY_ONLY)]


def test_misspelling_skips_quotes_and_names():
    assert run_rule(LikelyMisspelling, 'He said: "The goverment is wrong."') == []
    assert run_rule(LikelyMisspelling, "Blinken met Kirby and Gestion officials in Türkiye.") == []


def test_rejected_word_is_flagged():
    rule = LikelyMisspelling()
    rule.use_lexicon(Lexicon.for_vocabulary(Vocabulary(reject=frozenset({"irregardless"}))))
    from lintnews.document import Document
    from lintnews.rule import Context

    doc = Document("The claim was irregardless of facts.")
    ctx = Context(doc, rule)
    rule.check(doc, ctx)
    assert [doc.text[d.start : d.end] for d in ctx.diagnostics] == ["irregardless"]


# ---------------------------------------------------------------------------
# Robustness
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_hostile_inputs_do_not_crash(rule: type[Rule]):
    for text in ("", "a", "’", "x" * 5000, "aB" * 3000, "the " * 3000, "İstanbul İİİ said", "\u0130" * 50):
        for d in run_rule(rule, text):
            assert 0 <= d.start <= d.end <= len(text)


def test_rare_real_words_are_never_split():
    # Seen on scraped copy: a SAFE split of these would change the text.
    from lintnews.config import Config
    from lintnews.engine import Linter

    linter = Linter(Config(select=("LN201",)))
    text = "Trump spoke. The bill (Trumpcare) replaced Obamacare, and Trump care was the theme.\n"
    assert linter.check(text) == []


# ---------------------------------------------------------------------------
# LN201: names run together, names before words, typed fusions
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token", "split"),
    [
        # a case change at every boundary is no one-letter typo, however rare the parts
        ("said the minister for civil aviationPraful Patel.", "aviationPraful", "aviation Praful"),
        ("Club boss NigelWorthington said he was pleased.", "NigelWorthington", "Nigel Worthington"),
        ("The artist TraceyEmin showed a bed.", "TraceyEmin", "Tracey Emin"),
        ("They played at White HartLane on Sunday.", "HartLane", "Hart Lane"),
        # a surname the article uses on its own vouches for an unknown first name
        (
            "Prime Minister SilvioBerlusconi spoke. Later Mr Berlusconi left.",
            "SilvioBerlusconi",
            "Silvio Berlusconi",
        ),
        ("A score by the composer JohannSebastian Bach was found.", "JohannSebastian", "Johann Sebastian"),
        # a surname and the next given name, as a list of members loses its spaces
        ("Members: Ann HigginsJames Brady and others.", "HigginsJames", "Higgins James"),
        # a noun for a person right before: a first name and a surname, however rare
        ("The Turkish premier RecepErdogan had to agree.", "RecepErdogan", "Recep Erdogan"),
        ("The club director VelimirZajec and the coach met.", "VelimirZajec", "Velimir Zajec"),
        # a name inside a longer name that keeps its spaces
        ("She made her debut on the LasVegas Strip.", "LasVegas", "Las Vegas"),
        ("He runs in the BirminghamGrand Prix next week.", "BirminghamGrand", "Birmingham Grand"),
        # a name the article uses, then a common word
        ("Sales at Kraft rose. Jane Doe, Kraftsenior vice president, spoke.", "Kraftsenior", "Kraft senior"),
        ("He beat the Olympic champion. The Olympicchampion fell.", "Olympicchampion", "Olympic champion"),
        (
            "A report by Defra was out. A Defraspokesman said it was fair.",
            "Defraspokesman",
            "Defra spokesman",
        ),
        ("Jamie Noon scored. Later Noontook a pass and ran.", "Noontook", "Noon took"),
        # a name the article writes after the same word (`UK Online`)
        (
            "Shares in UK Online rose. Jo Bloggs, UK Onlinegeneral manager, spoke.",
            "Onlinegeneral",
            "Online general",
        ),
        # a preposition before a date, a role before a person
        ("The games will be at Lansdowne Roadin March.", "Roadin", "Road in"),
        ("Earlier Toryleader Michael Howard spoke.", "Toryleader", "Tory leader"),
        # a subject pronoun and its verb
        ("He sang. Healso wrote the songs.", "Healso", "He also"),
        ("Later Heenjoyed twelve hits.", "Heenjoyed", "He enjoyed"),
        # a nationality before a noun or a name
        ("Profits at the Indiancompany fell.", "Indiancompany", "Indian company"),
        ("Prices made Japaneseshoppers cautious.", "Japaneseshoppers", "Japanese shoppers"),
        ("He will face RussianNikolay Davydenko next.", "RussianNikolay", "Russian Nikolay"),
        # a short given name before a surname
        ("The list named Barbara LeeSander Levin.", "LeeSander", "Lee Sander"),
        # heads and modifiers of names of places, exchanges and clubs
        ("Two seasons ago ManchesterUnited won.", "ManchesterUnited", "Manchester United"),
        ("A house overlooking the RiverLagan was sold.", "RiverLagan", "River Lagan"),
        ("He dined at BuckinghamPalace last week.", "BuckinghamPalace", "Buckingham Palace"),
        (
            "The ambitions of its founder MikhailKhodorkovsky grew.",
            "MikhailKhodorkovsky",
            "Mikhail Khodorkovsky",
        ),
        ("The British Chamberof Commerce said so.", "Chamberof", "Chamber of"),
        # the last word of a spaced name, then a word
        ("He spoke through the Downing Streetgrid of aides.", "Streetgrid", "Street grid"),
        # a common word before `of`, a function word before a long word
        ("The Worksof art were sold.", "Worksof", "Works of"),
        ("The Cellarof wine was sold.", "Cellarof", "Cellar of"),
        ("She said Hiscolourful career ended.", "Hiscolourful", "His colourful"),
        ("Themen under his command were tired.", "Themen", "The men"),
    ],
)
def test_names_run_together_split_safely(text: str, token: str, split: str):
    assert fixes(FusedWords, text) == [(token, split, SAFE)]


@pytest.mark.parametrize(
    ("text", "token", "split"),
    [
        # An organisation's head after a common word: a brand written solid
        # (`KeyBank Center`, read as a wrong SAFE split in the before-stop
        # sample; `BrandIndex`, ISOT fake_0499) or two words run together
        # (`WhiteHouse`, `StockExchange`): flagged, split only on request.
        ("The Sabres won in front of 15,522 in KeyBank Center.", "KeyBank", "Key Bank"),
        ("Ratings from the YouGov BrandIndex rose.", "BrandIndex", "Brand Index"),
        ("Approval from the WhiteHouse came late.", "WhiteHouse", "White House"),
        ("Shares trade on the Frankfurt StockExchange now.", "StockExchange", "Stock Exchange"),
    ],
)
def test_a_common_word_before_an_organisation_head_is_split_only_unsafely(text: str, token: str, split: str):
    assert fixes(FusedWords, text) == [(token, split, UNSAFE)]


@pytest.mark.parametrize(
    ("text", "token", "split"),
    [
        # a title says a surname comes next: the name need not be known
        ("Then Mr. Goodricksaid he would vote.", "Goodricksaid", "Goodrick said"),
        ("Mr Purkiswill perform on Friday.", "Purkiswill", "Purkis will"),
        ("Messrs. Sclaterand Rice were elected.", "Sclaterand", "Sclater and"),
        ("As Dr. Johnsonjustly wrote, it was so.", "Johnsonjustly", "Johnson justly"),
        ("Mr Bellfocused on the economy.", "Bellfocused", "Bell focused"),
        # after a given name, only a sure verb: a surname comes next
        ("The striker Tom Okaforscored twice.", "Okaforscored", "Okafor scored"),
        ("The coach Mike Ruddockpaid tribute to his side.", "Ruddockpaid", "Ruddock paid"),
        ("Then President Bushsaid no.", "Bushsaid", "Bush said"),
        # after `The`, a team or band name and its verb
        ("Friday: The Tykeshave signed a new prop.", "Tykeshave", "Tykes have"),
        # a function word and a common word, not a stray letter
        ("The date wasset for May.", "wasset", "was set"),
        # `a` and `I` glued to a common word, a preposition glued to `a`
        ("I think alot of people came.", "alot", "a lot"),
        ("It was abit late.", "abit", "a bit"),
        ("He came witha friend.", "witha", "with a"),
        ("They walked toa halt.", "toa", "to a"),
        ("She said Imet him there.", "Imet", "I met"),
        ("Though Icontinually read, I learnt little.", "Icontinually", "I continually"),
        ("Onyou the burden falls.", "Onyou", "On you"),
        # a fusion people type, though a rare list keeps it as a word
        ("He left, eventhough it rained.", "eventhough", "even though"),
        # a function word, then an ending that is a word of its own
        ("You must beable to swim.", "beable", "be able"),
        # a phrasal verb
        ("He always endsup in court.", "endsup", "ends up"),
        ("It is notin the plan.", "notin", "not in"),
        # verbs of saying and adverbs end phrases, not compounds
        ("Then the managersaid we should keep going.", "managersaid", "manager said"),
        ("It happened three yearsago in May.", "yearsago", "years ago"),
        ("It lasted a furthertwo years.", "furthertwo", "further two"),
        ("The timespent on it was long.", "timespent", "time spent"),
        # two long common words: a closed compound of them would be listed
        ("Prices on worldmarkets fell sharply.", "worldmarkets", "world markets"),
        ("said the labouraffairs correspondent.", "labouraffairs", "labour affairs"),
        # an irregular past tense or a reflexive pronoun starts a phrase, not a compound
        ("His theory heldwater for a year.", "heldwater", "held water"),
        ("She satclosely beside him.", "satclosely", "sat closely"),
        ("The author, himselfone of the critics, agreed.", "himselfone", "himself one"),
    ],
)
def test_typed_and_titled_fusions_split_safely(text: str, token: str, split: str):
    assert fixes(FusedWords, text) == [(token, split, SAFE)]


@pytest.mark.parametrize(
    "text",
    [
        # brands of two words or two names, alone or before a company word
        "The airline AirAsia fell, VirginAtlantic rose and the firm WorldCom collapsed.",
        "Budget carriers Kingfisher and SpiceJet will launch flights.",
        "The branding firm SalterBaxter and the studio WarioWare were named.",
        "The site uses a technology dubbed PanaVox to read text aloud.",
        "Delta trialled its SimpliFares last year, with Nikko as adviser.",
        "Its lawyers and StreamCast Networks declined to comment.",
        "Ken Mayland, president of ClearView Economics, said so.",
        "The project, called the TurboVote Challenge, began.",
        # a misspelling of a name the article uses is no fusion
        "DaimlerChrysler sold shares. DaimerChrysler profits fell.",
        # names that start with function words, and double given names
        "Chuang asked Hashim Mooppan, Canan Bayram and Hisham Matar near Hasaka.",
        "Bethan and Huw presented the show.",
        # names ending in two-letter words, even after common words
        "The band Linkin Park, the singer Aretha Frankin and the photographer Nan Goldin.",
        # slang and Latin
        "Dude shoulda smacked it; he was kinda late; it was a mea culpa.",
        # a real word with a derivational ending, a compound whose `s` may start the next word
        "The film was charged cinematographically with colour.",
        "The dramatic rockscape was photographed at dawn.",
        # short compounds nobody listed, and combining forms
        "They lost one lineout and used a passcard on the messageboard.",
        "The photojournal site and the videogame maker were sold.",
        # the activity of a listed compound
        "The carmaking sector shrank.",
        # surnames that are words after a title; surnames ending in -and or -had after a given name
        "Mr Goodwill, Mr Blythe and Mr Bertrand spoke.",
        "Aid chiefs Jan Egeland and Jon Bershad spoke.",
        "The Bahamas will vote and The Jihad was over, said The Sudan.",
        "Photographs by Nan Goldin in 2002 and songs by Linkin Park.",
        # name particles that are also given names
        "Peter MacDonald, James MacMillan and Ian MacNeil spoke at MacDill.",
        # a dropped g, and a combining form
        "He was tryin to cope with the no snitchin rule after a transpelvic scan.",
        # after a noun for a person, a camel given name before the surname
        "The party spokeswoman AshLee Strong declined to comment.",
    ],
)
def test_fused_words_leave_brands_names_and_slang(text: str):
    found = [(token, split) for token, split, a in fixes(FusedWords, text) if a is SAFE]
    assert found == [], f"flagged {found} in {text!r}"


def test_core_zipf_tells_names_from_words():
    lex = Lexicon.default()
    # pyspellchecker's own list is mostly lower-case words: names are rare in it
    assert lex.core_zipf("Birmingham") < 2.0 < lex.core_zipf("spring")
    assert lex.core_zipf("Las") == 0.0


def test_function_word_fusion_is_no_stray_letter():
    assert run_rule(StrayGluedLetter, "The date wasset for May.") == []


def test_inflected_rare_word_is_no_stray_letter():
    # `prising` is prise + -ing, not p + rising
    assert run_rule(StrayGluedLetter, "They had hopes of prising the striker away.") == []
    assert fixes(StrayGluedLetter, "The qminister resigned.") == [("qminister", "", SAFE)]


def test_a_before_a_verb_form_is_a_stray_letter():
    assert fixes(StrayGluedLetter, "They afound the key.") == [("afound", "", SAFE)]
    assert run_rule(FusedWords, "They afound the key.") == []


def test_a_before_a_participle_may_be_the_article_so_the_deletion_is_unsafe():
    # `a trained` (a participle after the article), a stray `a`, or `attained`.
    text = "Power can only be atrained through votes."
    [d] = run_rule(StrayGluedLetter, text)
    assert (d.start, d.end) == (text.index("atrained"), text.index("atrained") + 8)
    assert d.message == "Stray letter 'a' glued to 'trained' (or a lost space: 'a trained'?)"
    assert fixes(StrayGluedLetter, text) == [("atrained", "", UNSAFE)]
    assert fixes(StrayGluedLetter, "The numbers were agrowing problem.") == [("agrowing", "", UNSAFE)]
    assert run_rule(FusedWords, text) == []


def test_no_split_puts_a_preposition_or_pronoun_after_a_determiner():
    # `the on start` is no English: `onstart` is an odd word, not two.
    assert run_rule(FusedWords, "The rise was due to the onstart of winter.") == []
    assert run_rule(FusedWords, "It was his inthe plan.") == []
    # Without the determiner the same split stands.
    assert fixes(FusedWords, "They met onthe beach.") == [("onthe", "on the", SAFE)]
