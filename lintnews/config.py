"""Configuration: ``[tool.lintnews]`` in pyproject.toml, or a ``lintnews.toml``.

The file is found by walking up from the checked path (the first one, or the
current folder). Config is data: it can name TOML packs, never Python code.
Every key is validated, and an unknown key or code is an error naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lintnews.diagnostics import Severity
from lintnews.errors import ConfigError
from lintnews.safeio import MAX_CONFIG_BYTES, Unreadable, read_toml, regular_stat

CONFIG_FILES = ("lintnews.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown")


@dataclass(frozen=True)
class Vocabulary:
    """House vocabulary: words always accepted, and words always flagged."""

    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fixable: tuple[str, ...] | None = None
    unfixable: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    packs: tuple[Path, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    min_severity: Severity = Severity.INFO
    fail_on: Severity = Severity.WARNING
    baseline: Path | None = None  # findings recorded here are not reported by `check`
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _str_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _str(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: '{key}' must be a non-empty string")
    return value


def _severity(value: Any, key: str, where: str) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: '{key}' must be a string")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: '{key}': {exc}") from None


def _bool(value: Any, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be true or false")
    return value


def _table(value: Any, key: str, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: '{key}' must be a table")
    return value


def _vocabulary(value: Any, where: str) -> Vocabulary:
    table = _table(value, "vocabulary", where)
    unknown = set(table) - {"accept", "reject"}
    if unknown:
        raise ConfigError(f"{where}: unknown key 'vocabulary.{sorted(unknown)[0]}' (expected accept, reject)")
    return Vocabulary(
        accept=frozenset(_str_list(table.get("accept", []), "vocabulary.accept", where)),
        reject=frozenset(_str_list(table.get("reject", []), "vocabulary.reject", where)),
    )


_PARSERS: dict[str, Any] = {
    "select": lambda v, w, root: ("select", _str_list(v, "select", w)),
    "extend-select": lambda v, w, root: ("extend_select", _str_list(v, "extend-select", w)),
    "ignore": lambda v, w, root: ("ignore", _str_list(v, "ignore", w)),
    "per-file-ignores": lambda v, w, root: (
        "per_file_ignores",
        {k: _str_list(c, f"per-file-ignores.{k}", w) for k, c in _table(v, "per-file-ignores", w).items()},
    ),
    "fixable": lambda v, w, root: ("fixable", _str_list(v, "fixable", w)),
    "unfixable": lambda v, w, root: ("unfixable", _str_list(v, "unfixable", w)),
    "unsafe-fixes": lambda v, w, root: ("unsafe_fixes", _bool(v, "unsafe-fixes", w)),
    "include": lambda v, w, root: ("include", _str_list(v, "include", w)),
    "exclude": lambda v, w, root: ("exclude", _str_list(v, "exclude", w)),
    "extend-exclude": lambda v, w, root: ("extend_exclude", _str_list(v, "extend-exclude", w)),
    "packs": lambda v, w, root: ("packs", tuple(root / p for p in _str_list(v, "packs", w))),
    "vocabulary": lambda v, w, root: ("vocabulary", _vocabulary(v, w)),
    "min-severity": lambda v, w, root: ("min_severity", _severity(v, "min-severity", w)),
    "fail-on": lambda v, w, root: ("fail_on", _severity(v, "fail-on", w)),
    "baseline": lambda v, w, root: ("baseline", root / _str(v, "baseline", w)),
    "rules": lambda v, w, root: (
        "rule_options",
        {k: dict(_table(o, f"rules.{k}", w)) for k, o in _table(v, "rules", w).items()},
    ),
}
KEYS = tuple(_PARSERS)


def parse_config(data: Mapping[str, Any], path: Path | None, where: str | None = None) -> Config:
    where = where or (str(path) if path else "config")
    root = path.parent if path else Path.cwd()
    values: dict[str, Any] = {"path": path, "root": root}
    for key, value in data.items():
        parser = _PARSERS.get(key)
        if parser is None:
            raise ConfigError(f"{where}: unknown config key '{key}' (known keys: {', '.join(KEYS)})")
        attr, parsed = parser(value, where, root)
        values[attr] = parsed
    return Config(**values)


def _read_toml(path: Path) -> dict[str, Any]:
    return read_toml(path, MAX_CONFIG_BYTES, "config file")


def _lintnews_section(data: Mapping[str, Any]) -> Any:
    """``tool.lintnews`` of a pyproject.toml, or None. A ``tool`` that is not a
    table holds no lintnews config (as ruff reads it): the file belongs to
    other tools, and a bad ``tool`` is theirs to report."""
    tool = data.get("tool")
    return tool.get("lintnews") if isinstance(tool, Mapping) else None


def load_config_file(path: Path) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        section = _lintnews_section(data)
        if section is None:
            return Config(path=None, root=path.parent)
        return parse_config(_table(section, "tool.lintnews", str(path)), path, f"{path}: [tool.lintnews]")
    return parse_config(data, path)


def _is_candidate(path: Path) -> bool:
    """Whether a config file is there to read: False when nothing is; an error
    when something is that cannot be one (a folder, a FIFO, a broken link)."""
    try:
        regular_stat(path)
    except Unreadable as exc:
        if exc.missing:
            return False
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    return True


def find_config_file(start: Path) -> Path | None:
    """The nearest lintnews.toml, or pyproject.toml with a [tool.lintnews] table."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        own = candidate / "lintnews.toml"
        if _is_candidate(own):
            return own
        project = candidate / "pyproject.toml"
        if _is_candidate(project) and _lintnews_section(_read_toml(project)) is not None:
            return project
    return None


def discover_config(start: Path, explicit: Path | None = None) -> Config:
    if explicit is not None:
        # Read as any config file is: a missing one, a folder, a FIFO or
        # /dev/zero is one error naming it.
        return load_config_file(explicit)
    found = find_config_file(start)
    return load_config_file(found) if found else Config(root=Path.cwd())
