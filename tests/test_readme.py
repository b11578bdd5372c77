import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from update_readme import README, render  # noqa: E402


def test_rule_table_is_generated_not_hand_edited():
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "README rule table is stale: run `python tests/update_readme.py`"


def test_first_code_block_holds_exactly_the_two_fresh_machine_commands():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```\w*\n(.*?)```", text, re.S).group(1)
    commands = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert len(commands) == 2
    assert "pip install" in commands[0] and "lintnews check examples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_script_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text()
    assert 'pip install --quiet -e ".[test]"' in ci
    assert "lintnews check examples/" in ci
    assert "python -m pytest" in ci


def test_examples_show_findings():
    result = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--output-format", "concise", str(ROOT / "examples")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    codes = {m.group(1) for m in re.finditer(r": (LN\d{3}) ", result.stdout)}
    # Every character rule and the promo pack has something to show in examples/.
    assert {"LN101", "LN102", "LN103", "LN104", "LN105", "LN106", "LN107", "LN108", "LN404"} <= codes
