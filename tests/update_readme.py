"""Regenerate the rule table in README.md from the registry.

    python tests/update_readme.py

test_readme.py fails when the table is stale, so the table is never edited by hand.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from lintnews.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def rules_table() -> str:
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    if result.exit_code != 0:
        raise RuntimeError(result.output)
    return result.stdout.strip()


def render(readme: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{rules_table()}\n{END}", readme)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(render(text), encoding="utf-8")
    sys.exit(0)
