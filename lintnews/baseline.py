"""Baselines: adopt lintnews on an archive without fixing the archive first.

``lintnews check --write-baseline FILE`` records every current finding;
``lintnews check --baseline FILE`` then reports only findings that are not
recorded, so CI fails on new defects while the old ones are cleaned up at
leisure. Rewriting the baseline after a clean-up ratchets it down.

A finding is recorded by file, rule code and the text it flags, not by line:
an edit above it moves its line but does not bring it back. Identical
findings in one file are counted, so a second ``the the`` added to a file
that had one is reported. The file is JSON, sorted, one entry per line, so
its diffs read well in review.
"""

from __future__ import annotations

import hashlib
import json
import os
import reprlib
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from lintnews.diagnostics import Diagnostic
from lintnews.errors import ConfigError, InputError
from lintnews.safeio import MAX_BASELINE_BYTES, parse_json, read_text, unwritable_target

FORMAT_VERSION = 1
# Flagged text longer than this (a whole paragraph, a bio) is recorded by its
# start and a digest: the file stays readable and small.
_MAX_TEXT = 80

Key = tuple[str, str]  # (code, flagged text or its digest)


def finding_key(text: str, diagnostic: Diagnostic) -> Key:
    """What identifies ``diagnostic`` in its file, wherever its line moves."""
    flagged = text[diagnostic.start : diagnostic.end]
    if len(flagged) > _MAX_TEXT:
        digest = hashlib.sha1(flagged.encode("utf-8")).hexdigest()[:12]
        flagged = f"{flagged[:60]}…#{digest}"
    return diagnostic.code, flagged


class Baseline:
    """Findings recorded earlier, by file (relative to the baseline's folder)."""

    def __init__(self, root: Path, entries: dict[str, Counter[Key]] | None = None) -> None:
        self.root = root
        self.entries: dict[str, Counter[Key]] = entries or {}
        self.hidden = 0  # findings filtered out so far
        # What the file filtered last has left of its record (a huge file is
        # filtered piece by piece).
        self._left: tuple[str, Counter[Key]] | None = None

    # -- reading and writing ------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; a missing or malformed one is a one-line error."""
        missing = "baseline file not found (create it with --write-baseline)"
        text = read_text(path, MAX_BASELINE_BYTES, "baseline", missing, InputError)
        try:
            data = parse_json(text)
        except ValueError as exc:
            raise ConfigError(f"{path}: invalid baseline (not JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise ConfigError(
                f"{path}: invalid baseline (expected a lintnews baseline, version {FORMAT_VERSION})"
            )
        files = data.get("files")
        if not isinstance(files, dict):
            raise ConfigError(f"{path}: invalid baseline ('files' must be an object)")
        entries: dict[str, Counter[Key]] = {}
        for name, items in files.items():
            counter: Counter[Key] = Counter()
            # reprlib: a hostile name or entry may be huge, or nested thousands deep.
            shown = reprlib.repr(name)
            if not isinstance(items, list):
                raise ConfigError(f"{path}: invalid baseline (entries of {shown} must be a list)")
            for item in items:
                if not (
                    isinstance(item, list)
                    and len(item) == 3
                    and isinstance(item[0], str)
                    and isinstance(item[1], str)
                    and isinstance(item[2], int)
                    and item[2] > 0
                ):
                    raise ConfigError(f"{path}: invalid baseline entry in {shown}: {reprlib.repr(item)}")
                counter[(item[0], item[1])] += item[2]
            entries[name] = counter
        return cls(path.resolve().parent, entries)

    def write(self, path: Path) -> None:
        """Write atomically (a temp file in the same folder, then rename)."""
        files = {
            name: [[code, flagged, n] for (code, flagged), n in sorted(counter.items())]
            for name, counter in sorted(self.entries.items())
            if counter
        }
        lines = [f'{{"version": {FORMAT_VERSION}, "tool": "lintnews", "files": {{']
        for i, (name, items) in enumerate(files.items()):
            lines.append(f"  {json.dumps(name, ensure_ascii=False)}: [")
            lines.extend(
                f"    {json.dumps(item, ensure_ascii=False)}{',' if j < len(items) - 1 else ''}"
                for j, item in enumerate(items)
            )
            lines.append("  ]" + ("," if i < len(files) - 1 else ""))
        lines.append("}}")
        problem = unwritable_target(path)
        if problem is not None:
            raise InputError(f"{path}: cannot write baseline: {problem}")
        folder = Path(os.path.realpath(path)).parent
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                out.write("\n".join(lines) + "\n")
            os.replace(tmp, path)
        except OSError as exc:
            raise InputError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None

    # -- use ------------------------------------------------------------------

    def name_for(self, path: str) -> str:
        """``path`` as recorded: relative to the baseline's folder, with '/'."""
        if path == "-":
            return path
        try:
            return Path(os.path.relpath(os.path.abspath(path), self.root)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(path).as_posix()

    def record(self, path: str, text: str, diagnostics: Iterable[Diagnostic]) -> None:
        counter = self.entries.setdefault(self.name_for(path), Counter())
        counter.update(finding_key(text, d) for d in diagnostics)

    def filter(
        self, path: str, text: str, diagnostics: Sequence[Diagnostic], *, continued: bool = False
    ) -> list[Diagnostic]:
        """The findings of one file that the baseline does not account for.

        Findings are matched in file order, so of three identical findings
        where two are recorded, the last one is reported. ``continued``: more
        findings of the file filtered last (a huge file's next piece), which
        draw on what its earlier pieces left of the record.
        """
        name = self.name_for(path)
        recorded = self.entries.get(name)
        if not recorded:
            return list(diagnostics)
        if continued and self._left is not None and self._left[0] == name:
            left = self._left[1]
        else:
            left = Counter(recorded)
        self._left = (name, left)
        hidden: set[int] = set()
        for i in sorted(range(len(diagnostics)), key=lambda i: diagnostics[i].sort_key()):
            key = finding_key(text, diagnostics[i])
            if left[key] > 0:
                left[key] -= 1
                hidden.add(i)
        self.hidden += len(hidden)
        return [d for i, d in enumerate(diagnostics) if i not in hidden]
