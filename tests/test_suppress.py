"""One test per directive form, through the real engine."""

import pytest

from lintnews.config import Config
from lintnews.engine import Linter

# LN102 (repeated spaces) is a convenient, unambiguous rule to suppress.
DEFECT = "Two  spaces."


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=("LN102", "LN001")))


def codes_by_line(linter: Linter, text: str, path: str):
    return [(d.line, d.code) for d in linter.check(text, path)]


def test_unsuppressed_baseline(linter):
    assert codes_by_line(linter, f"{DEFECT}\n", "a.md") == [(1, "LN102")]


def test_disable_enable_range_markdown(linter):
    text = f"{DEFECT}\n<!-- lintnews: disable LN102 -- quoted from a source -->\n{DEFECT}\n{DEFECT}\n<!-- lintnews: enable LN102 -->\n{DEFECT}\n"
    assert codes_by_line(linter, text, "a.md") == [(1, "LN102"), (6, "LN102")]


def test_disable_without_codes_covers_every_rule(linter):
    text = f"<!-- lintnews: disable -->\n{DEFECT}\n<!-- lintnews: enable -->\n{DEFECT}\n"
    assert codes_by_line(linter, text, "a.md") == [(4, "LN102")]


def test_disable_by_prefix_and_by_name(linter):
    for sel in ("LN1", "repeated-spaces"):
        text = f"<!-- lintnews: disable {sel} -->\n{DEFECT}\n"
        assert codes_by_line(linter, text, "a.md") == []


def test_disable_of_other_code_does_not_suppress(linter):
    text = f"<!-- lintnews: disable LN201 -->\n{DEFECT}\n"
    assert codes_by_line(linter, text, "a.md") == [(2, "LN102")]


def test_disable_next_line(linter):
    text = f"<!-- lintnews: disable-next-line LN102 -->\n{DEFECT}\n{DEFECT}\n"
    assert codes_by_line(linter, text, "a.md") == [(3, "LN102")]


def test_disable_file(linter):
    text = f"{DEFECT}\n\n{DEFECT}\n<!-- lintnews: disable-file LN102 -->\n"
    assert codes_by_line(linter, text, "a.md") == []


def test_unclosed_disable_runs_to_end_of_file(linter):
    text = f"{DEFECT}\n<!-- lintnews: disable LN102 -->\n{DEFECT}\n\n{DEFECT}\n"
    assert codes_by_line(linter, text, "a.md") == [(1, "LN102")]


@pytest.mark.parametrize("marker", ["#", "//"])
def test_plain_text_line_directives(linter, marker):
    text = (
        f"{marker} lintnews: disable-next-line LN102\n{DEFECT}\n{DEFECT}\n"
        f"{marker} lintnews: disable LN102\n{DEFECT}\n{marker} lintnews: enable\n{DEFECT}\n"
        f"{marker} lintnews: disable-file LN999\n"
    )
    assert codes_by_line(linter, text, "a.txt") == [(3, "LN102"), (7, "LN102")]


def test_plain_text_accepts_html_comment_form(linter):
    text = f"<!-- lintnews: disable-next-line LN102 -->\n{DEFECT}\n"
    assert codes_by_line(linter, text, "a.txt") == []


def test_hash_line_in_markdown_is_a_heading_not_a_directive(linter):
    text = f"# lintnews: disable-next-line LN102\n{DEFECT}\n"
    assert codes_by_line(linter, text, "a.md") == [(2, "LN102")]


def test_bad_directives_are_reported(linter):
    text = "<!-- lintnews: disabel LN102 -->\n<!-- lintnews: enable LN102 -->\n"
    diags = linter.check(text, "a.md")
    assert [(d.line, d.code) for d in diags] == [(1, "LN001"), (2, "LN001")]
    assert "unknown directive 'disabel'" in diags[0].message
    assert "without a matching 'disable'" in diags[1].message
    assert text[diags[0].start : diags[0].end] == "<!-- lintnews: disabel LN102 -->"


def test_crlf_lines_count_correctly(linter):
    text = f"<!-- lintnews: disable-next-line LN102 -->\r\n{DEFECT}\r\n{DEFECT}\r\n"
    assert codes_by_line(linter, text, "a.md") == [(3, "LN102")]
