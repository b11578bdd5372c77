"""The declarative structure rules: LN403 author-bio and LN404 promo-line
(rules/boilerplate.toml) and LN406 attribution-line (rules/sources.toml).

Every article here is written for the tests (news-shaped, not copied from a
corpus). The packs are loaded the way users get them: shipped with lintnews.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shapes import BOILERPLATE, BOILERPLATE_N, HANG_GUARD_S, cpu_seconds

from lintnews.builtin.structure import attribution_pattern
from lintnews.config import Config
from lintnews.diagnostics import Applicability, Diagnostic
from lintnews.engine import Linter
from lintnews.packs import load_pack, shipped_pack_paths

LN403 = Linter(Config(select=("LN403",)))
LN404 = Linter(Config(select=("LN404",)))
LN406 = Linter(Config(select=("LN406",)))


def flagged(linter: Linter, text: str, path: str = "t.txt") -> list[str]:
    return [text[d.start : d.end].strip() for d in linter.check(text, path)]


def fixed(linter: Linter, text: str, path: str = "t.txt") -> str:
    result = linter.fix(text, path, unsafe=True)
    assert result.converged
    assert linter.fix(result.text, path, unsafe=True).text == result.text  # twice == once
    return result.text


def test_packs_are_shipped_and_carry_their_rules():
    names = {p.name for p in shipped_pack_paths()}
    assert {"boilerplate.toml", "sources.toml"} <= names
    codes = {r.code: r for p in shipped_pack_paths() if p.name in names for r in load_pack(p).rules}
    assert codes["LN403"].origin == codes["LN404"].origin == "boilerplate"
    assert codes["LN406"].origin == "sources" and codes["LN406"].default is False
    for code in ("LN403", "LN404"):
        assert codes[code].default is True and codes[code].fix_applicability is Applicability.UNSAFE


# ---------------------------------------------------------------------------
# LN404 promo-line
# ---------------------------------------------------------------------------

STORY = "The council voted to close the library."


@pytest.mark.parametrize(
    "line",
    [
        "Featured image via Getty Images",
        "Featured Image: Screenshot",
        "Image via screen capture.",
        "Photo: Jane Doe, AP",
        "Image copyright Getty Images",
        "Image caption The mayor at the opening",
        "Jane Doe/Getty Images",
        "© 2019 Example Media. All Rights Reserved.",
        "Advertisement",
        "ADVERTISEMENT",
        "Continue reading the main story",
        "Scroll down for video",
        "Share this article",
        "Share on Facebook Twitter Reddit",
        "Read more: Senate passes the bill",
        "Read More",
        "Related: Ten things to know about the budget",
        "You may also like",
        "Most Popular",
        "Image 3 of 12",
        "Back to Gallery",
        "Subscribe to our newsletter",
        "Sign up for our morning briefing emails",
        "Follow us on Twitter",
        "Follow Example News on Instagram, Facebook and Twitter.",
        "Click here to get the app",
        "CLICK HERE TO GET THE NEWS APP",
        "This article was originally published by Example. Read the original article.",
        "Updated 5:27 am CST, Wednesday, November 20, 2019",
        "Published 11:34 PM EST Nov 19, 2019",
        "Tuesday November 19, 2019",
        "2 days ago at 08:49 am",
        "Example News may earn a commission from products bought through links on this page.",
        "The best quote of the day, repeated.Click To Tweet",
        "The mayor at the opening (AP Photo/Jane Doe)",
    ],
)
def test_promo_lines_are_flagged_and_removed(line: str):
    text = f"{STORY}\n\n{line}\n\nThe vote was close.\n"
    assert flagged(LN404, text) == [line]
    assert fixed(LN404, text) == f"{STORY}\n\nThe vote was close.\n"


@pytest.mark.parametrize(
    "text",
    [
        "He urged readers to read more about the scheme.\n",
        "The advertisement ran for a week.\n",
        "Advertisement revenue fell by 5%.\n",
        "Read more carefully, the report says otherwise.\n",
        "Subscribers to the service pay £4 a month.\n",
        "Sign up to the scheme has been slow, officials said.\n",
        "Popular support for the plan fell sharply in March.\n",
        "More than 100 people were hurt.\n",
        "Close to 500 homes lost power.\n",
        "Follow the money, he said.\n",
        "The show featured images of the flood.\n",
        "Saturday, 26 February\n\nLansdowne Road, Dublin\n\n2000 GMT\n",
        "Jane Doe (Life Begins/Channel 4)\n",
        "He said the photo was taken by a neighbour, police said.\n",
        "Updated figures released in 2004 show a rise.\n",
        "CHAOS IN THE CITY As Protests Grow [VIDEO]\n\nThe story begins here.\n",  # a headline
    ],
)
def test_prose_that_mentions_these_words_is_left_alone(text: str):
    assert flagged(LN404, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first paragraph: its blank line goes with it
        ("Advertisement\n\nThe vote was close.\n", "The vote was close.\n"),
        # a paragraph between two: one blank line is left
        ("The vote.\n\nAdvertisement\n\nThe count.\n", "The vote.\n\nThe count.\n"),
        # the last paragraph: the text ends with the previous line's break
        ("The vote.\n\nRead more: the count\n", "The vote.\n"),
        # (without a final newline the text keeps the previous line's break: a
        # pattern's match starts at a line start, so it cannot take that break)
        ("The vote.\n\nRead more: the count", "The vote.\n"),
        # two promo paragraphs at the end
        ("The vote.\n\nSubscribe now\n\nFollow us on Twitter\n", "The vote.\n"),
        # lines inside a paragraph (extractor output)
        ("The vote.\nAdvertisement\nThe count.\n", "The vote.\nThe count.\n"),
        ("Advertisement\nThe vote.\nClose\n", "The vote.\n"),
        # CRLF stays CRLF
        ("The vote.\r\n\r\nAdvertisement\r\n\r\nThe count.\r\n", "The vote.\r\n\r\nThe count.\r\n"),
        ("The vote.\r\n\r\nRead more: x\r\n", "The vote.\r\n"),
    ],
)
def test_removal_leaves_no_blank_hole(text: str, expected: str):
    assert fixed(LN404, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He has gone completely senile.Featured image via Photo by Jane Doe/Getty Images.\n",
            "He has gone completely senile.\n",
        ),
        ("We don't blame her.Featured image via screengrab\n", "We don't blame her.\n"),
        ("The talks ended. Read more: NYT\n", "The talks ended.\n"),
        ("Hopefully they learned.Image via screen capture.\n", "Hopefully they learned.\n"),
        ("It was a scandal.READ MORE ELECTION NEWS AT: Example Wire Files\n", "It was a scandal.\n"),
    ],
)
def test_fragment_glued_to_the_last_sentence(text: str, expected: str):
    [d] = LN404.check(text)
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    assert fixed(LN404, text) == expected


def test_glued_words_mid_text_are_not_cut():
    # Only the end of the text's last line holds glued credits, and they are short.
    assert flagged(LN404, "The talks ended. Read more: NYT and more words follow here.\n") == []
    text = "It ended.Featured image from our archive\n\nMore text follows.\n"
    assert fixed(LN404, text) == text


def test_tweet_links_before_the_signature_go_the_tweet_stays():
    text = "Look at this. pic.twitter.com/AbCdEf123 — Jane Doe (@janedoe) March 3, 2016\n"
    [d] = LN404.check(text)
    # The finding points at the link; the fix also takes the spaces around it.
    assert text[d.start : d.end] == "pic.twitter.com/AbCdEf123"
    assert d.fix is not None
    [edit] = d.fix.edits
    assert (text[edit.start : edit.end], edit.replacement) == (" pic.twitter.com/AbCdEf123 ", " ")
    assert fixed(LN404, text) == "Look at this. — Jane Doe (@janedoe) March 3, 2016\n"
    glued = "Vote! https://t.co/xyz pic.twitter.com/Abc  Jane Doe (@jd) July 17, 2016Next story.\n"
    assert fixed(LN404, glued) == "Vote! Jane Doe (@jd) July 17, 2016Next story.\n"


def test_plain_links_are_not_tweets():
    assert flagged(LN404, "See https://example.com/report for the figures.\n") == []


def test_scroll_down_inside_flattened_copy():
    text = "They left. Scroll down for video . The train pulled in.\n"
    assert fixed(LN404, text) == "They left. The train pulled in.\n"


def test_related_headlines_under_a_header_go_with_it():
    text = (
        "The vote was close.\n\nYou may also like...\n\nCouncil closes the library\n\n"
        "Mayor opens the new bridge\n\nSchool reopens after the flood\n"
    )
    [d] = LN404.check(text)
    assert text[d.start : d.end].strip().startswith("You may also like")
    assert fixed(LN404, text) == "The vote was close.\n"


def test_promo_line_inside_markdown_code_is_left_alone():
    assert flagged(LN404, "Text.\n\n```\nAdvertisement\n```\n", "t.md") == []


def test_user_pack_adds_an_outlet_pattern(tmp_path: Path):
    """A desk adds its own furniture with the same frame (pattern rule)."""
    pack = tmp_path / "house.toml"
    pack.write_text(
        """
[pack]
name = "house"
[[rules]]
code = "HS404"
name = "listen-line"
type = "pattern"
multiline = true
ignorecase = true
summary = "Audio promo line"
pattern = '^[ \\t]*(?P<line>listen to this (?:article|story)[^\\r\\n]{0,40})[ \\t]*(?:\\r\\n|\\r|\\n|\\Z)'
replacement = ""
examples = [{ bad = "Text.\\nListen to this article\\n", fixed = "Text.\\n" }]
""",
        encoding="utf-8",
    )
    linter = Linter(Config(select=("HS404", "LN404"), packs=(pack,)))
    text = "The vote.\nListen to this article (4 min)\nAdvertisement\nThe count.\n"
    assert sorted(d.code for d in linter.check(text)) == ["HS404", "LN404"]
    assert fixed(linter, text) == "The vote.\nThe count.\n"


# ---------------------------------------------------------------------------
# LN403 author-bio
# ---------------------------------------------------------------------------

BODY = "The council voted on Monday.\n\nThe vote was close, officials said.\n"


@pytest.mark.parametrize(
    "bio",
    [
        "Jane Doe is a reporter at Politico.",
        "Jane Doe is a senior correspondent for NBC News, covering the White House and Congress.",
        "Tom Hughes is a five-time award-winning television analyst and author.",
        "Priya Patel is a freelance writer living in Leeds.",
        "Mark Brennan is the editor of Example magazine.",
        "Jane Doe is a reporter at Politico. Follow her on Twitter @janedoe.",
        "He currently works as a writer at the Herald.",
        "About the author: Jane Doe writes about local government for the Herald.",
        "Jane Doe contributed to this report.",
        "(Reporting by Jane Doe; Editing by Tom Hughes)",
    ],
)
def test_bio_at_the_foot_is_flagged_and_removed(bio: str):
    text = f"{BODY}\n{bio}\n"
    assert flagged(LN403, text) == [bio]
    assert fixed(LN403, text) == BODY


@pytest.mark.parametrize(
    "bio",
    ["Jane Doe is a reporter at Politico.", "Priya Patel is a freelance writer living in Leeds."],
)
def test_bio_at_the_head_is_flagged(bio: str):
    headline = "Council closes library\n\n"
    text = f"{headline}{bio}\n\n{BODY}"
    assert flagged(LN403, text) == [bio]
    assert fixed(LN403, text) == headline + BODY


@pytest.mark.parametrize(
    "text",
    [
        # quoted inside the story
        f'{BODY}\nHe said: "Jane Doe is a reporter at Politico."\n',
        f"{BODY}\n“Jane Doe is a reporter at Politico,” he said.\n",
        # in the middle of the story
        f"Headline\n\nThe council met.\n\nJane Doe is a reporter at Politico.\n\n{BODY}\nMore of the story.\n",
        # a story about a reporter, not a bio
        "Jane Doe is a reporter at Politico who was arrested on Monday after covering the protests.\n\n"
        + BODY,
        f"{BODY}\nMr Smith is a wonderful writer and should keep his fiction where it belongs.\n",
        f"{BODY}\nThe US is a major contributor of humanitarian aid.\n",
        f"{BODY}\nGuidant is a key producer of heart equipment.\n",
        "By contrast, the rival bid was higher.\n",
        "By 2025 most homes will be online.\n",
    ],
)
def test_not_a_bio(text: str):
    assert flagged(LN403, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Doe\nThe council voted on Monday.\n", "The council voted on Monday.\n"),
        ("By Jane Doe, Staff Writer\n\nThe council voted.\n", "The council voted.\n"),
        ("by Jane Doe | November 18, 2019 at 2:26 PM\nThe council voted.\n", "The council voted.\n"),
        ("Jane Doe @janedoe\nThe council voted.\n", "The council voted.\n"),
        ("Jane Doe Associated Press\nThe council voted.\n", "The council voted.\n"),
        ("The council voted.\n\nAuthors:\n", "The council voted.\n"),
        (
            "By . Jane Doe . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . 15:36 EST, 25 October 2013 . "
            "The council voted.\n",
            "The council voted.\n",
        ),
        ("By . Jane Doe . and Tom Hughes . The council voted.\n", "The council voted.\n"),
        ("Last updated at 1:25 AM on 3rd August 2011 . The council voted.\n", "The council voted.\n"),
    ],
)
def test_bylines_and_headers(text: str, expected: str):
    assert LN403.check(text)
    assert fixed(LN403, text) == expected


def test_bio_block_with_about_line_in_extractor_output():
    text = "The vote was close.\nAbout Jane Doe\nJane Doe is a staff writer for the Herald.\n"
    assert len(LN403.check(text)) == 2
    assert fixed(LN403, text) == "The vote was close.\n"


def test_crlf_bio_keeps_crlf():
    text = BODY.replace("\n", "\r\n") + "\r\nJane Doe is a reporter at Politico.\r\n"
    assert fixed(LN403, text) == BODY.replace("\n", "\r\n")


# ---------------------------------------------------------------------------
# LN406 attribution-line, and the pattern LN402 shares
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label", "sources"),
    [
        ("Source: AP", "Source", "AP"),
        ("(Source: Daily Mail)", "Source", "Daily Mail"),
        ("SOURCE : Example News", "SOURCE", "Example News"),
        ("Sources: AP, Reuters.", "Sources", "AP, Reuters"),
        ("Via: The Hill", "Via", "The Hill"),
        ("Credit: EPA", "Credit", "EPA"),
        ("Photo credit: Jane Doe", "Photo credit", "Jane Doe"),
        ("With information from Reuters", "With information from", "Reuters"),
        ("Sources:", "Sources", ""),
    ],
)
def test_attribution_pattern_groups(line: str, label: str, sources: str):
    m = attribution_pattern().search(f"Text.\n{line}\r\nMore.\n")
    assert m is not None and (m.group("label"), m.group("sources")) == (label, sources)


@pytest.mark.parametrize(
    "text",
    [
        "Sources said the deal was off.\n",
        "Via the tunnel, the trains reach Paris.\n",
        "He told NPR on Monday. Source: CNN\n",
        "The source: a leaked memo that ran to forty pages and named every official who had seen the plan "
        "before the vote and after it.\n",
    ],
)
def test_attribution_pattern_negatives(text: str):
    assert attribution_pattern().search(text) is None


def test_ln406_is_off_by_default_and_flags_every_line_when_selected():
    text = "Source: AP\n\nText.\n\nSource: AFP\n"
    assert [d.code for d in Linter().check(text)].count("LN406") == 0
    assert len(LN406.check(text)) == 2


# ---------------------------------------------------------------------------
# Linear time
# ---------------------------------------------------------------------------

# The shapes live in tests/shapes.py; how their time grows is measured by
# benchmarks/linearity.py. Here each runs once at full size under a hang guard.


@pytest.mark.parametrize("kind", sorted(BOILERPLATE))
@pytest.mark.parametrize("code", ["LN403", "LN404", "LN406"])
def test_each_rule_finishes_a_hostile_input(code: str, kind: str):
    linter = Linter(Config(select=(code,)))
    text = BOILERPLATE[kind](BOILERPLATE_N)
    found: list[Diagnostic] = []
    seconds = cpu_seconds(lambda: found.extend(linter.check(text)))
    assert not [d for d in found if "Rule crashed" in d.message]
    assert seconds < HANG_GUARD_S, f"{code} {kind}: {seconds:.1f} s"


@pytest.mark.parametrize("code", ["LN403", "LN404", "LN406"])
def test_fifty_thousand_source_lines_finish(code: str):
    linter = Linter(Config(select=(code,)))
    assert cpu_seconds(lambda: linter.check("Source: AP\n" * 50_000)) < HANG_GUARD_S


def test_a_removed_last_paragraph_is_reported_on_its_own_line():
    # The fix takes the blank line before the paragraph (so no hole is left);
    # the finding points at the paragraph itself, not the blank line.
    text = "The vote was close.\n\nFeatured image via Getty Images\n"
    [d] = LN404.check(text)
    assert (d.line, d.column) == (3, 1)
    assert text[d.start : d.end] == "Featured image via Getty Images"
    assert d.fix is not None
    [edit] = d.fix.edits
    assert text[edit.start : edit.end] == "\nFeatured image via Getty Images\n"
    assert fixed(LN404, text) == "The vote was close.\n"


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_promo_lines_are_found_in_every_newline_style(nl: str):
    text = f"The vote was close.{nl}{nl}Advertisement{nl}{nl}The count went on.{nl}"
    [d] = LN404.check(text)
    assert text[d.start : d.end] == "Advertisement"
    assert fixed(LN404, text) == f"The vote was close.{nl}{nl}The count went on.{nl}"
