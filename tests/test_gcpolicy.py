"""The command line collects garbage rarely; the Python API leaves the
host program's collector alone."""

from __future__ import annotations

import gc

from click.testing import CliRunner

import lintnews
from lintnews.cli import main
from lintnews.gcpolicy import THRESHOLDS


def test_the_command_line_sets_the_batch_pace_and_the_api_does_not(tmp_path):
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        lintnews.check("measures.The talks ended.\n")
        assert gc.get_threshold() == (700, 10, 10)
        story = tmp_path / "story.txt"
        story.write_text("measures.The talks ended.\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["check", "--no-cache", str(story)])
        assert result.exit_code == 1
        assert gc.get_threshold() == THRESHOLDS
    finally:
        gc.set_threshold(*before)
