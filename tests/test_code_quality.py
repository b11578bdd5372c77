"""The project's own habits, enforced in CI as well as in pre-commit:
ruff (lint and format) on the code, mypy --strict on the package."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint():
    result = run("ruff", "check", "lintnews", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = run("ruff", "format", "--check", "lintnews", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_package():
    result = run("mypy", "lintnews")
    assert result.returncode == 0, result.stdout + result.stderr
