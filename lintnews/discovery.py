"""Finding the articles to check under the paths a user gives."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from lintnews.config import Config
from lintnews.errors import InputError

# Never walked into: version control, tool caches, virtualenvs, dependencies.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        "_darcs",
        "node_modules",
        "__pycache__",
        ".lintnews_cache",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
    }
)


def _matches(rel: str, name: str, globs: Iterable[str]) -> bool:
    for glob in globs:
        g = glob.rstrip("/")
        if fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) or rel.startswith(g + "/"):
            return True
    return False


def discover(paths: Iterable[Path], config: Config) -> Iterator[Path]:
    """Files to check, in a stable order, each once.

    A file named on the command line is always checked. Folders are walked for
    ``include`` globs, skipping hidden and VCS folders and ``exclude`` globs.
    A missing path raises InputError.
    """
    excludes = (*config.exclude, *config.extend_exclude)
    seen: set[Path] = set()
    root = config.root.resolve()
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_file():
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path
            continue
        if not path.is_dir():
            raise InputError(f"{path}: not a file or folder")
        for folder, dirs, files in os.walk(path):
            base = Path(folder)
            # Resolved once per folder, not per file: on a tree of thousands
            # of articles, resolving every path twice was most of a warm run.
            real = base.resolve()
            rel_base = _rel_base(base, real, root)
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and d not in SKIP_DIRS
                and not _matches(_join(rel_base, d), d, excludes)
            )
            for name in sorted(files):
                if name.startswith("."):
                    continue
                file = base / name
                rel = _join(rel_base, name)
                if not _matches(rel, name, config.include) or _matches(rel, name, excludes):
                    continue
                key = file.resolve() if os.path.islink(file) else real / name
                if key not in seen:
                    seen.add(key)
                    yield file


def _rel_base(base: Path, real: Path, root: Path) -> str:
    """A folder as include/exclude globs see it: relative to the config root,
    or as given when it lies outside."""
    try:
        return real.relative_to(root).as_posix()
    except ValueError:
        return base.as_posix()


def _join(rel_base: str, name: str) -> str:
    return name if rel_base in ("", ".") else f"{rel_base}/{name}"
