"""Where ``fix`` puts each fixed document, in the order a batch yields them.

A file is replaced atomically (:class:`lintnews.sources.PieceWriter`); the
pieces of a huge file (:mod:`lintnews.pieces`) are written one after the
other into one temp file, moved into place after the last; stdin's text goes
to stdout; a JSON Lines record to the cleaned copy. Nothing here holds more
than the piece at hand.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from lintnews.fixrun import FixResult
from lintnews.jsonl import Record, encode_record
from lintnews.pieces import Cursor, Piece
from lintnews.sources import PieceWriter, SourceFile, write_source


@dataclass(frozen=True)
class PieceOf:
    """A piece of a huge file: the file, and where the piece sits in it."""

    source: SourceFile
    piece: Piece


class Writeback:
    """Sends fixed documents where they belong.

    ``out``: the JSON Lines writer (``-o``), if any. ``held``: a context in
    which Ctrl-C waits, around each move into place (see the CLI).
    ``put`` raises what ``write_source`` raises (``InputError``,
    ``FileChangedError``); after an error, the file's later pieces are not
    written.
    """

    def __init__(self, field_name: str, out: Any, held: Callable[[], AbstractContextManager[None]]) -> None:
        self.field_name = field_name
        self.out = out
        self.held = held
        self._writer: PieceWriter | None = None
        self._changed = False
        self._failed: SourceFile | None = None
        self._cursor = Cursor()

    def put(self, ref: Any, result: FixResult) -> Piece | None:
        """Write one document's fixed text. For a piece, returns where the
        fixed piece sits in the fixed file (for its remaining findings)."""
        if isinstance(ref, Record):
            self.out.write(encode_record(ref, self.field_name, result.text) if result.changed else ref.raw)
            return None
        if isinstance(ref, PieceOf):
            return self._piece(ref, result)
        if ref.path is None:
            sys.stdout.buffer.write(result.text.encode("utf-8"))
            sys.stdout.flush()
            return None
        with self.held():
            write_source(ref, result.text)
        return None

    def failed(self, ref: Any) -> bool:
        """Whether an earlier piece of this piece's file could not be written."""
        return isinstance(ref, PieceOf) and ref.source is self._failed

    def _piece(self, ref: PieceOf, result: FixResult) -> Piece:
        source, piece = ref.source, ref.piece
        if piece.index == 0:
            self._cursor = Cursor()
            self._changed = False
        fixed_at = self._cursor.here(piece.index, piece.count)
        self._cursor.advance(result.text)
        if source.path is None:  # stdin: each piece as it comes
            sys.stdout.buffer.write(result.text.encode("utf-8"))
            sys.stdout.flush()
            return fixed_at
        if self._failed is source:
            return fixed_at
        try:
            if piece.index == 0:
                self._writer = PieceWriter(source)
            assert self._writer is not None
            self._writer.write(result.text)
            self._changed = self._changed or result.changed
            if piece.last:
                writer, self._writer = self._writer, None
                with self.held():
                    writer.finish(self._changed)
        except BaseException:
            self._failed = source
            self.abort()
            raise
        return fixed_at

    def abort(self) -> None:
        """Drop a file being written in pieces (an error, Ctrl-C): the file
        stays as it was, and no temp file is left."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.abort()
