"""Reading files that someone else may control, without hanging or crashing.

Every file lintnews reads may sit in a tree it was asked to check: a config
up the tree, a pack or baseline the config names, a cache entry in
``.lintnews_cache/``, the articles themselves. Any of them may be a FIFO
(opening or reading it waits forever for a writer), a device (``/dev/zero``
never ends), a symbolic link loop, or far larger than any sane file of its
kind. So:

* a path is ``stat``-ed first and anything but a regular file is refused
  without ever being opened (opening a device can itself act: a tape rewinds);
* it is then opened with ``O_NONBLOCK`` and checked again with ``fstat``, so a
  regular file swapped for a FIFO between the two calls is still refused;
* small files are read with a cap, in one bounded read.

JSON from such files goes through :func:`parse_json`, which turns nesting
deeper than the parser's stack (``[[[[...`` 100,000 deep) into a ValueError
like any other malformed JSON.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from pathlib import Path
from typing import IO, Any

from lintnews.errors import ConfigError, LintnewsError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MB = 1024 * 1024
#: Caps on the files lintnews reads whole. Generous: a real config is a few
#: KB, the largest shipped pack 43 KB, and a baseline takes 30 to 120 bytes a
#: finding (64 MB: half a million findings or more). They exist so that a
#: hostile file cannot eat the memory.
MAX_CONFIG_BYTES = 1 * MB
MAX_PACK_BYTES = 4 * MB
MAX_BASELINE_BYTES = 64 * MB
#: One article, or one line of a JSON Lines corpus. A document is held whole
#: with its text views (about 13 times its size in memory), so this is beyond
#: what most machines can check anyway; it turns a sparse 100 GB file into an
#: error line instead of an out-of-memory kill. A corpus as a whole has no cap.
MAX_DOCUMENT_BYTES = 1024 * MB

# Not on every platform (Windows has neither): 0 leaves the flag out.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class Unreadable(Exception):
    """Why a file was not read. str() is the reason alone ("not a regular
    file (a FIFO)"); the caller adds the path and what the file was for."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        #: The path names nothing at all (not even a broken link).
        self.missing = missing


def kind_of(mode: int) -> str:
    """What a non-regular file is, for messages."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def not_regular(mode: int) -> str:
    return f"not a regular file ({kind_of(mode)})"


def os_problem(path: str | Path, exc: OSError) -> str:
    """A short reason for an OSError on ``path``: a broken link and a link loop
    are named as such (both are "no such file" or "too many levels" otherwise)."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def size_text(n: int) -> str:
    """A cap for messages: "64 MB", "1 GB"."""
    for unit, size in (("GB", 1024 * MB), ("MB", MB)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} bytes"


def regular_stat(path: str | Path) -> os.stat_result:
    """``os.stat(path)``, if it names a regular file; else Unreadable."""
    try:
        st = os.stat(path)
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError) and not os.path.islink(path)
        raise Unreadable(os_problem(path, exc), missing=missing) from None
    if not stat.S_ISREG(st.st_mode):
        raise Unreadable(not_regular(st.st_mode))
    return st


def open_regular(path: str | Path) -> tuple[IO[bytes], os.stat_result]:
    """Open a regular file for reading, refusing anything else unopened.

    Returns the file and its ``fstat``: the size and mtime of what was opened.
    """
    regular_stat(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise Unreadable(os_problem(path, exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped after the stat above
            raise Unreadable(not_regular(st.st_mode))
        # O_NONBLOCK means nothing for a regular file: reads wait for the disk.
        return os.fdopen(fd, "rb"), st
    except BaseException:
        os.close(fd)
        raise


def unwritable_target(path: str | Path) -> str | None:
    """Why a file must not be replaced by an atomic write, or None. A rename
    over ``/dev/null`` or a FIFO would put a regular file in its place (as
    root, even in /dev); over a folder it fails."""
    try:
        st = os.stat(path)
    except OSError as exc:
        # Nothing there, or a dangling link (replaced by the file): fine.
        # Anything else the write itself reports.
        return "symbolic link loop" if exc.errno == errno.ELOOP else None
    return None if stat.S_ISREG(st.st_mode) else not_regular(st.st_mode)


def read_regular(path: str | Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, at most ``limit`` of them (else Unreadable), and its fstat."""
    handle, st = open_regular(path)
    with handle:
        if st.st_size > limit:
            raise Unreadable(f"larger than the {size_text(limit)} limit ({st.st_size:,} bytes)")
        try:
            data = _read_at_most(handle, st.st_size, limit)
        except OSError as exc:
            raise Unreadable(os_problem(path, exc)) from None
        except MemoryError:  # under the cap, but more than this machine has
            raise Unreadable(f"too large to read into memory ({st.st_size:,} bytes)") from None
    if len(data) > limit:
        raise Unreadable(f"larger than the {size_text(limit)} limit")
    return data, st


def _read_at_most(handle: IO[bytes], size: int, limit: int) -> bytes:
    """The file's bytes, reading at most ``limit + 1`` (one more than allowed
    tells a file over the cap). Sized by fstat, as ``read()`` is: read(limit)
    would allocate the whole cap (1 GB for an article) on every call."""
    data = handle.read(size + 1)
    if len(data) <= size:
        return data
    # It grew since fstat, or it is a /proc file whose size says 0.
    return read_stream(handle, limit, data)


def read_stream(handle: IO[bytes], limit: int, start: bytes = b"") -> bytes:
    """``start`` and what is left in ``handle`` (a pipe: stdin), read in 1 MB
    chunks up to ``limit + 1`` bytes: more than ``limit`` means over the cap."""
    parts, total = [start], len(start)
    while total <= limit:
        chunk = handle.read(min(MB, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def read_capped(path: str | Path, limit: int) -> bytes:
    """The bytes of a small regular file, refused past ``limit`` bytes."""
    return read_regular(path, limit)[0]


def parse_json(data: str | bytes) -> Any:
    """``json.loads``, with every way it fails as a ValueError: nesting deeper
    than its stack (RecursionError) and numbers too long to convert included."""
    try:
        return json.loads(data)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # worded differently in 3.10
            limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
            raise ValueError(f"a number of more than {limit:,} digits") from None
        raise


def read_text(
    path: Path, limit: int, what: str, missing: str | None = None, error: type[LintnewsError] = ConfigError
) -> str:
    """The UTF-8 text of a small file; else ``error`` naming ``path`` and the
    problem, ``what`` saying what the file was for ("rule pack"): "<what> not
    found" (or ``missing``), "cannot read <what>: <why>"."""
    try:
        data = read_capped(path, limit)
    except Unreadable as exc:
        if exc.missing:
            raise error(f"{path}: {missing or what + ' not found'}") from None
        raise error(f"{path}: cannot read {what}: {exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: cannot read {what}: invalid UTF-8 at byte {exc.start}") from None


def read_toml(path: Path, limit: int, what: str) -> dict[str, Any]:
    """A config or pack file as TOML data; ConfigError naming ``path`` and the problem."""
    text = read_text(path, limit, what)
    try:
        parsed: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    return parsed
