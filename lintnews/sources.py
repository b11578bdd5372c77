"""Reading articles from disk and writing fixes back without losing anything.

A fix must keep the file as the editor had it: the BOM, the newline style
(kept because fixes only edit inside the decoded text, which keeps ``\\r\\n``),
the permissions, and the file itself if the write is interrupted (a temp file
in the same folder, then ``os.replace``).
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lintnews.errors import FileChangedError, InputError
from lintnews.safeio import MAX_DOCUMENT_BYTES, Unreadable, read_regular

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
# Enough of the file to tell text from binary without reading it all twice.
_SNIFF = 8192


@dataclass(frozen=True)
class SourceFile:
    """A decoded file, and what is needed to write it back the same way."""

    path: Path | None  # None for stdin
    display: str  # the path as the user sees it in diagnostics
    text: str  # decoded, BOM removed
    bom: bool
    mode: int | None  # permission bits, None for stdin
    # Size and mtime at read time: a write is refused if either has changed.
    size: int = -1
    mtime_ns: int = -1


def decode(data: bytes, display: str) -> tuple[str, bool]:
    """Decode UTF-8 (with or without BOM); raise InputError naming the problem."""
    head = data[:_SNIFF]
    if head.startswith(_UTF32_BOMS):
        raise InputError(f"{display}: UTF-32 text is not supported; convert the file to UTF-8")
    if head.startswith(_UTF16_BOMS):
        raise InputError(f"{display}: UTF-16 text is not supported; convert the file to UTF-8")
    if b"\x00" in head:
        raise InputError(f"{display}: binary file (contains NUL bytes), not text")
    bom = data.startswith(UTF8_BOM)
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if bom else 0)
        raise InputError(
            f"{display}: invalid UTF-8 at byte {offset} (0x{data[offset]:02x}); lintnews reads UTF-8 only"
        ) from None
    if "\x00" in text:
        raise InputError(f"{display}: binary file (contains NUL bytes), not text")
    return text, bom


def read_source(path: Path, display: str | None = None) -> SourceFile:
    display = display if display is not None else str(path)
    try:
        # A FIFO, a device, a socket or a link loop is refused unopened.
        data, st = read_regular(path, MAX_DOCUMENT_BYTES)
    except Unreadable as exc:
        raise InputError(f"{display}: {exc}") from None
    text, bom = decode(data, display)
    return SourceFile(
        path=path,
        display=display,
        text=text,
        bom=bom,
        mode=stat.S_IMODE(st.st_mode),
        size=st.st_size,
        mtime_ns=st.st_mtime_ns,
    )


def encode(text: str, bom: bool) -> bytes:
    return (UTF8_BOM if bom else b"") + text.encode("utf-8")


def write_source(source: SourceFile, new_text: str) -> bool:
    """Write ``new_text`` over the file atomically; False if nothing changed.

    Raises FileChangedError if the file changed since it was read, and
    InputError if it cannot be written (read-only file or folder).
    """
    if new_text == source.text:
        return False
    writer = PieceWriter(source)
    try:
        writer.write(new_text)
    except BaseException:
        writer.abort()
        raise
    return writer.finish(changed=True)


class PieceWriter:
    """Writes a file's new text, in one or many pieces, to a temp file in its
    folder; :meth:`finish` moves it into place, :meth:`abort` removes it.

    The checks come first (the file unchanged since it was read, writable,
    its folder writable), so nothing is written for a file that would be
    refused; the move is one ``os.replace``, so the file is always either
    the original or the whole new text (a huge file's pieces are written as
    they are fixed, never held at once: :mod:`lintnews.pieces`).
    """

    def __init__(self, source: SourceFile) -> None:
        path = source.path
        if path is None:
            raise ValueError("cannot write back stdin")
        self.source = source
        self.path = path
        display = source.display
        self._unchanged_on_disk()
        try:
            st = os.stat(path)
        except OSError as exc:
            raise InputError(f"{display}: cannot write: {exc.strerror or exc}") from None
        # Checked by mode bits too: as root, os.access says yes to a read-only
        # file, but the editor who made it read-only still meant it.
        if not os.access(path, os.W_OK) or not st.st_mode & stat.S_IWUSR:
            raise InputError(f"{display}: cannot write: permission denied (read-only file)")
        folder = path.parent
        try:
            folder_mode = os.stat(folder).st_mode
        except OSError as exc:
            raise InputError(f"{display}: cannot write: {exc.strerror or exc}") from None
        if not os.access(folder, os.W_OK) or not folder_mode & stat.S_IWUSR:
            raise InputError(f"{display}: cannot write: permission denied (read-only folder {folder})")
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".lintnews-tmp")
        except OSError as exc:
            raise InputError(
                f"{display}: cannot write: {exc.strerror or exc} (cannot create a file in {folder})"
            ) from None
        self.tmp = tmp
        self._handle = os.fdopen(fd, "wb")
        if source.bom:
            self._handle.write(UTF8_BOM)

    def _unchanged_on_disk(self) -> None:
        try:
            st = os.stat(self.path)
        except OSError as exc:
            raise InputError(f"{self.source.display}: cannot write: {exc.strerror or exc}") from None
        if st.st_size != self.source.size or st.st_mtime_ns != self.source.mtime_ns:
            raise FileChangedError(f"{self.source.display}: changed on disk while lintnews ran; not fixed")

    def write(self, text: str) -> None:
        self._handle.write(text.encode("utf-8"))

    def finish(self, changed: bool) -> bool:
        """Move the new text into place (True), or, if nothing ``changed``,
        drop it and leave the file alone (False)."""
        try:
            if not changed:
                self.abort()
                return False
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            if self.source.mode is not None:
                os.chmod(self.tmp, self.source.mode)
            self._unchanged_on_disk()
            os.replace(self.tmp, self.path)
        except BaseException:
            # Ctrl-C, a full disk, a file changed meanwhile: the original
            # stays whole, the temp file goes.
            self.abort()
            raise
        return True

    def abort(self) -> None:
        """Remove the temp file (idempotent)."""
        try:
            self._handle.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass
