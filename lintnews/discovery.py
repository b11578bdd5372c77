"""Finding the articles to check under the paths a user gives."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from lintnews.config import Config
from lintnews.errors import InputError
from lintnews.safeio import not_regular, os_problem

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


def discover(
    paths: Iterable[Path], config: Config, on_error: Callable[[str], None] | None = None
) -> Iterator[Path]:
    """Files to check, in a stable order, each once.

    A file named on the command line is always checked. Folders are walked for
    ``include`` globs, skipping hidden and VCS folders and ``exclude`` globs.
    A path that cannot be checked (missing, a FIFO or device, a broken link or
    a link loop) raises InputError; a folder met on the way that cannot be
    read is passed to ``on_error`` (raised without it) and the walk goes on.

    Symbolic links found in a folder: a link to a file is checked under the
    link's name (a link to anything else is reported when it is read); a link
    to a folder is not followed, so a walk never loops and never leaves the
    tree. A folder named on the command line is walked even if it is a link.
    """
    excludes = (*config.exclude, *config.extend_exclude)
    seen: set[str] = set()
    root = Path(os.path.realpath(config.root))
    for path in paths:
        try:
            st = os.stat(path)
        except OSError as exc:
            raise InputError(f"{path}: {os_problem(path, exc)}") from None
        if stat.S_ISREG(st.st_mode):
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield path
            continue
        if not stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: {not_regular(st.st_mode)}")
        for file, key in _walk(path, root, config.include, excludes, on_error):
            if key not in seen:
                seen.add(key)
                yield file


def _walk(
    top: Path,
    root: Path,
    include: Sequence[str],
    excludes: Sequence[str],
    on_error: Callable[[str], None] | None,
) -> Iterator[tuple[Path, str]]:
    """The included files below ``top``, folder by folder in name order, each
    with the real path that tells a file named twice (through a link).

    A loop with its own stack, not recursion (os.walk recursed in Python
    3.10-3.11: a tree 1,000 folders deep raised RecursionError), and never
    into a symbolic link (``is_dir(follow_symlinks=False)``).
    """
    # Each folder with its real path: the top's resolved once, a subfolder's
    # is its parent's plus its name (it is no link). realpath per folder
    # costs a system call per component: quadratic in a deep tree.
    stack = [(top, os.path.realpath(top))]
    while stack:
        base, real = stack.pop()
        try:
            with os.scandir(base) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            message = f"{base}: cannot read folder: {os_problem(base, exc)}"
            if on_error is None:
                raise InputError(message) from None
            on_error(message)
            continue
        rel_base = _rel_base(base, Path(real), root)
        folders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
                is_link = not is_folder and entry.is_symlink()
            except OSError:
                is_folder = is_link = False
            if is_folder:
                if name not in SKIP_DIRS and not _matches(_join(rel_base, name), name, excludes):
                    folders.append((base / name, os.path.join(real, name)))
                continue
            if is_link and os.path.isdir(entry.path):
                continue  # a link to a folder: not followed
            rel = _join(rel_base, name)
            if _matches(rel, name, include) and not _matches(rel, name, excludes):
                # Resolved only for links: on a tree of thousands of articles,
                # resolving every path was most of a warm run.
                yield base / name, os.path.realpath(entry.path) if is_link else os.path.join(real, name)
        # Reversed onto the stack: the first folder by name is walked next.
        stack.extend(reversed(folders))


def _rel_base(base: Path, real: Path, root: Path) -> str:
    """A folder as include/exclude globs see it: relative to the config root,
    or as given when it lies outside."""
    try:
        return real.relative_to(root).as_posix()
    except ValueError:
        return base.as_posix()


def _join(rel_base: str, name: str) -> str:
    return name if rel_base in ("", ".") else f"{rel_base}/{name}"
