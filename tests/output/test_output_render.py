"""``lintnews.output.render``: dispatch, unknown formats, shared behaviour."""

from __future__ import annotations

import pytest

from lintnews.output import FORMATS, render


def test_formats():
    assert FORMATS == ("full", "concise", "json", "jsonl", "github", "sarif", "junit")


def test_unknown_format_names_it_and_lists_valid_ones(report):
    with pytest.raises(ValueError, match="'xml'") as info:
        render("xml", report)
    for fmt in FORMATS:
        assert fmt in str(info.value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_and_ends_with_newline(fmt, report, empty_report):
    out = render(fmt, report)
    assert out and out.endswith("\n")
    empty = render(fmt, empty_report)
    assert empty == "" or empty.endswith("\n")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "github", "sarif", "junit"])
def test_machine_formats_ignore_color_and_statistics(fmt, report):
    assert render(fmt, report, color=True, statistics=True) == render(fmt, report)
