"""lintnews: a copyedit linter for news articles.

The Python API::

    import lintnews
    diagnostics = lintnews.check("The talks ended.Then came rain\n")
    result = lintnews.fix("The talks ended.Then came rain\n")
    result.text  # 'The talks ended. Then came rain\n'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lintnews.config import Config
    from lintnews.diagnostics import Diagnostic
    from lintnews.engine import FixResult, Linter

__all__ = ["Linter", "__version__", "check", "fix"]


def check(text: str, *, path: str = "-", config: Config | None = None) -> list[Diagnostic]:
    """Diagnostics for ``text``; ``path`` chooses Markdown or plain text by suffix."""
    from lintnews.engine import Linter

    return Linter(config).check(text, path)


def fix(text: str, *, path: str = "-", unsafe: bool = False, config: Config | None = None) -> FixResult:
    """Apply SAFE fixes (and UNSAFE ones with ``unsafe=True``) to a fixed point."""
    from lintnews.engine import Linter

    return Linter(config).fix(text, path, unsafe=unsafe)


def __getattr__(name: str) -> object:
    if name == "Linter":
        from lintnews.engine import Linter

        return Linter
    raise AttributeError(name)
