"""JSON Lines corpora: one article per line, the text in one field.

Reading streams line by line (gzip when the name ends in ``.gz``), so memory
does not grow with the corpus. Each line becomes a :class:`Record` or, when it
cannot be used, a :class:`BadLine` naming the file and line: invalid UTF-8 or
JSON, not an object, no such field, a field that is not a string. Blank lines
are no records (they still count in line numbers, and fix copies them).

A record is reported as ``corpus.jsonl:<id>``: the value of the id field when
one is given and the record has it, else its line number in the file.

Writing (``lintnews fix corpus.jsonl -o cleaned.jsonl``) copies every line
byte for byte unless its text changed; a changed record is re-serialized with
the same keys in the same order (``json.dumps``, non-ASCII kept as is) and only
the text field differs. Lines that could not be read are copied unchanged, so
the output has exactly the input's lines. The output appears only when
complete (a temp file moved into place).
"""

from __future__ import annotations

import json
import os
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, cast

from lintnews.safeio import MAX_DOCUMENT_BYTES, MB, Unreadable, open_regular, parse_json, size_text

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
#: gzip output: a good ratio at a fraction of level 9's time.
GZIP_LEVEL = 6


def is_jsonl(path: str | Path) -> bool:
    """Whether the name says JSON Lines (``.jsonl``, ``.ndjson``, optionally ``.gz``)."""
    return str(path).lower().endswith(JSONL_SUFFIXES)


def is_gzip(path: str | Path) -> bool:
    return str(path).lower().endswith(".gz")


@dataclass(frozen=True)
class Record:
    line: int  # 1-based line number in the file
    id: str  # as shown after "file:" in reports
    data: dict[str, Any]
    raw: bytes  # the line as read, with its line ending
    text: str  # the value of the text field


@dataclass(frozen=True)
class BadLine:
    line: int
    message: str  # one line: "corpus.jsonl: line 12: invalid JSON (...)"
    raw: bytes | None  # the line as read, to copy through; None if unreadable


@dataclass(frozen=True)
class BlankLine:
    line: int
    raw: bytes  # copied through by fix, so the output keeps every line


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _id_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def estimated_size(path: Path) -> int:
    """Bytes of text to expect (a gzip file holds about four times its size)."""
    try:
        size = path.stat().st_size
    except OSError:
        return 0
    return size * 4 if is_gzip(path) else size


def open_input(path: Path) -> IO[bytes]:
    """The corpus as a stream of bytes (decompressed); Unreadable if it is no
    regular file (a FIFO would block for ever) or an empty ``.gz``."""
    raw, st = open_regular(path)
    if not is_gzip(path):
        return raw
    if st.st_size == 0:
        # Python's gzip reads an empty file as an empty stream: "All checks
        # passed!" on a corpus that is not there. gzip(1) calls it an error.
        raw.close()
        raise Unreadable("not a gzip file (the file is empty)")
    import gzip  # here: most runs read no gzip

    return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))


def read_records(
    stream: IO[bytes], display: str, field: str, id_field: str | None = None
) -> Iterator[Record | BadLine | BlankLine]:
    """Every line of ``stream``: a Record, a BlankLine, or a BadLine saying why not.

    A read error (a truncated gzip file, an I/O error) ends the stream with a
    BadLine.
    """
    number = 0
    try:
        for raw in _lines(stream, MAX_DOCUMENT_BYTES):
            number += 1
            if raw is None:
                too_long = f"longer than the {size_text(MAX_DOCUMENT_BYTES)} limit"
                yield BadLine(number, f"{display}: line {number}: {too_long}", None)
                continue
            line = raw
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                yield BlankLine(number, raw)
                continue
            try:
                decoded = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield BadLine(number, f"{display}: line {number}: invalid UTF-8 at byte {exc.start}", raw)
                continue
            try:
                data = parse_json(decoded)
            except json.JSONDecodeError as exc:
                # Some messages end in "at" ("Unterminated string starting at").
                why = f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
                yield BadLine(number, f"{display}: line {number}: invalid JSON ({why})", raw)
                continue
            except ValueError as exc:  # nested too deeply, a 5,000-digit number
                yield BadLine(number, f"{display}: line {number}: invalid JSON ({exc})", raw)
                continue
            if not isinstance(data, dict):
                yield BadLine(number, f"{display}: line {number}: not a JSON object", raw)
                continue
            lone = _lone_surrogate(line, data)
            if lone is not None:
                # JSON may escape half a UTF-16 pair ("\ud800"): no character,
                # so it can be neither printed nor written back as UTF-8.
                why = f"lone surrogate {lone} in a string (not valid Unicode)"
                yield BadLine(number, f"{display}: line {number}: {why}", raw)
                continue
            if field not in data:
                yield BadLine(number, f"{display}: line {number}: no field '{field}'", raw)
                continue
            text = data[field]
            if not isinstance(text, str):
                yield BadLine(
                    number,
                    f"{display}: line {number}: field '{field}' is {_type_name(text)}, not a string",
                    raw,
                )
                continue
            rid = str(number)
            if id_field is not None and data.get(id_field) is not None:
                rid = _id_text(data[id_field])
            yield Record(number, rid, data, raw, text)
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        # gzip.BadGzipFile is an OSError; a truncated stream raises EOFError,
        # damaged compressed data zlib.error.
        yield BadLine(number + 1, f"{display}: line {number + 1}: cannot read: {exc}", None)


def _lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of ``stream`` with their endings; None for a line longer
    than ``limit``, whose rest is skipped, never held (a sparse file or a
    corpus without newlines would otherwise be read whole into memory)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while True:
            rest = stream.readline(MB)
            if not rest or rest.endswith(b"\n"):
                break
        yield None


#: A JSON escape of a UTF-16 surrogate (D800-DFFF), paired or not.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


def _lone_surrogate(line: bytes, data: dict[str, Any]) -> str | None:
    r"""The first lone surrogate in any string of ``data``, as ``\udXXX``; None if none.

    Only lines that escape a surrogate are encoded to look (pairs, as in
    emoji written with ensure_ascii, are common and fine)."""
    if not _SURROGATE_ESCAPE.search(line):
        return None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"\\u{ord(exc.object[exc.start]):04x}"
    return None


def _line_ending(raw: bytes) -> bytes:
    if raw.endswith(b"\r\n"):
        return b"\r\n"
    if raw.endswith((b"\n", b"\r")):
        return raw[-1:]
    return b""


def encode_record(record: Record, field: str, text: str) -> bytes:
    """The record with ``field`` set to ``text``, keys in their order, same line ending."""
    data = dict(record.data)
    data[field] = text
    body = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return body + _line_ending(record.raw)


class JsonlWriter:
    """Writes the cleaned copy: to a temp file beside ``path``, moved into
    place on a clean exit, deleted on an exception (Ctrl-C included). ``-``
    writes to stdout as it goes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._tmp: str | None = None
        self._raw: IO[bytes] | None = None
        self._out: IO[bytes]

    def __enter__(self) -> JsonlWriter:
        if self.path == "-":
            self._out = sys.stdout.buffer
            return self
        target = Path(self.path)
        folder = target.parent
        import tempfile

        fd, self._tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".lintnews-tmp")
        self._raw = os.fdopen(fd, "wb")
        if is_gzip(target):
            import gzip

            gz = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, compresslevel=GZIP_LEVEL, mtime=0)
            self._out = cast(IO[bytes], gz)
        else:
            self._out = self._raw
        return self

    def write(self, data: bytes) -> None:
        self._out.write(data)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.path == "-":
            self._out.flush()
            return
        assert self._tmp is not None and self._raw is not None
        try:
            if self._out is not self._raw:
                self._out.close()
            if kind is None:
                self._raw.flush()
                os.fsync(self._raw.fileno())
            self._raw.close()
            if kind is None:
                target = Path(self.path)
                try:
                    mode = target.stat().st_mode & 0o7777
                except OSError:
                    umask = os.umask(0)
                    os.umask(umask)
                    mode = 0o666 & ~umask
                os.chmod(self._tmp, mode)
                os.replace(self._tmp, target)
                self._tmp = None
        finally:
            if self._tmp is not None:
                try:
                    os.unlink(self._tmp)
                except OSError:
                    pass
