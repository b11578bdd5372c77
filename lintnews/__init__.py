"""lintnews: a copyedit linter for news articles.

The Python API::

    import lintnews

    diagnostics = lintnews.check("The talks ended.Then came rain\\n")
    result = lintnews.fix("The talks ended.Then came rain\\n")
    result.text  # 'The talks ended. Then came rain\\n'

    # A configuration loaded once, reused for many texts:
    config = lintnews.Config(select=("LN1",))
    linter = lintnews.Linter(config)
    for text in texts:
        for d in linter.check(text):
            print(d.line, d.column, d.code, d.message)

``check`` and ``fix`` keep the Linter they build for a configuration (the
default one, or the same ``Config`` object), so calling them in a loop does
not reload the rules each time. For many documents at once, on several cores,
with cross-file rules, see :class:`lintnews.parallel.Batch`; for a Dask
cluster, :mod:`lintnews.dask`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lintnews.config import Config
    from lintnews.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
    from lintnews.engine import FixResult, Linter

__all__ = [
    "Applicability",
    "Config",
    "Diagnostic",
    "Edit",
    "Fix",
    "FixResult",
    "Linter",
    "Severity",
    "Span",
    "__version__",
    "check",
    "fix",
]

# Linters by configuration: loading the rules and packs takes far longer than
# checking a paragraph. Keyed by the Config object's identity (a Config holds
# dicts, so it is not hashable); the entry keeps the Config alive, so the id
# cannot be reused while it is cached.
_LINTERS: OrderedDict[int, tuple[Any, Linter]] = OrderedDict()
_LINTERS_MAX = 8
_LOCK = threading.Lock()
_DEFAULT: list[Linter] = []


def _linter(config: Config | None) -> Linter:
    from lintnews.engine import Linter

    with _LOCK:
        if config is None:
            if not _DEFAULT:
                _DEFAULT.append(Linter())
            return _DEFAULT[0]
        key = id(config)
        hit = _LINTERS.get(key)
        if hit is not None and hit[0] is config:
            _LINTERS.move_to_end(key)
            return hit[1]
        linter = Linter(config)
        _LINTERS[key] = (config, linter)
        while len(_LINTERS) > _LINTERS_MAX:
            _LINTERS.popitem(last=False)
        return linter


def check(
    text: str, *, path: str | None = None, config: Config | None = None, markup: str | None = None
) -> list[Diagnostic]:
    """Diagnostics for ``text``, sorted by position.

    ``path`` is the name reported in each diagnostic (default ``-``); its
    suffix picks Markdown or plain text unless ``markup`` ("markdown" or
    "plain") is given. ``config`` defaults to the built-in defaults (no config
    file is read); use :func:`lintnews.config.discover_config` for a project's.
    Cross-file rules see only this text: use a Linter's ``prepare_run`` or a
    Batch for a corpus.
    """
    return _linter(config).check(text, path, markup)


def fix(
    text: str,
    *,
    path: str | None = None,
    unsafe: bool = False,
    config: Config | None = None,
    markup: str | None = None,
) -> FixResult:
    """Apply SAFE fixes (and UNSAFE ones with ``unsafe=True``) to a fixed point.

    ``result.text`` is the fixed text, ``result.fixed`` the diagnostics whose
    fixes were applied and ``result.remaining`` those left on the fixed text.
    """
    return _linter(config).fix(text, path, markup, unsafe=unsafe)


def __getattr__(name: str) -> object:
    # Lazy, so that `import lintnews` stays cheap for the CLI's --version.
    if name == "Linter" or name == "FixResult":
        from lintnews import engine

        return getattr(engine, name)
    if name == "Config":
        from lintnews.config import Config

        return Config
    if name in ("Applicability", "Diagnostic", "Edit", "Fix", "Severity", "Span"):
        from lintnews import diagnostics

        return getattr(diagnostics, name)
    raise AttributeError(f"module 'lintnews' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
