"""The public Python API: stable names, typed results, a reused Linter."""

from __future__ import annotations

import subprocess
import sys

import lintnews
from lintnews.config import Config
from lintnews.diagnostics import Diagnostic
from lintnews.engine import FixResult, Linter

FUSED = "The talks ended.Then came rain\n"


def test_public_names():
    for name in lintnews.__all__:
        assert getattr(lintnews, name) is not None
    assert lintnews.Linter is Linter
    assert lintnews.Config is Config
    assert lintnews.Diagnostic is Diagnostic
    assert lintnews.FixResult is FixResult
    assert {"check", "fix", "Linter", "Config", "Diagnostic", "FixResult"} <= set(lintnews.__all__)


def test_check_returns_diagnostics():
    [d] = lintnews.check(FUSED)
    assert isinstance(d, Diagnostic)
    assert (d.code, d.path, d.line, d.column) == ("LN103", "-", 1, 16)
    assert FUSED[d.start : d.end] == "."
    assert lintnews.check(FUSED, path="story.txt")[0].path == "story.txt"


def test_path_suffix_or_markup_picks_markdown():
    text = "Text.\n\n```\nThe talks ended.Then came rain\n```\n"
    assert lintnews.check(text, path="a.md") == []
    assert lintnews.check(text, markup="markdown") == []
    assert lintnews.check(text, path="a.txt")


def test_fix_safe_and_unsafe():
    result = lintnews.fix(FUSED)
    assert isinstance(result, FixResult)
    assert result.text == "The talks ended. Then came rain\n"
    assert [d.code for d in result.fixed] == ["LN103"] and result.remaining == []
    promo = "The vote was close.\nAdvertisement\n"
    assert lintnews.fix(promo).text == promo
    assert lintnews.fix(promo, unsafe=True).text == "The vote was close.\n"


def test_config_is_honoured_and_linters_are_reused():
    config = Config(ignore=("LN103",))
    assert lintnews.check(FUSED, config=config) == []
    assert lintnews._linter(config) is lintnews._linter(config)
    assert lintnews._linter(None) is lintnews._linter(None)
    assert lintnews._linter(Config(ignore=("LN103",))) is not lintnews._linter(config)


def test_linter_reuse_with_path_none():
    linter = lintnews.Linter(lintnews.Config(select=("LN1",)))
    assert [d.code for d in linter.check(FUSED, None)] == ["LN103"]
    assert linter.fix(FUSED, None).text.startswith("The talks ended. Then")


def test_import_is_lazy():
    """`import lintnews` does not load the rules (the CLI's --version stays fast)."""
    code = "import sys, lintnews; print('lintnews.engine' in sys.modules, lintnews.__version__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", lintnews.__version__]
