"""The values a rule produces: spans, edits, fixes and diagnostics.

All offsets are 0-based code-point offsets into the decoded text (a leading BOM
is not part of the text; ``\\r`` is). Ends are exclusive, so a consumer can
always slice ``text[start:end]``.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected one of: info, warning, error)") from None


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(str, enum.Enum):
    """How far a fix may be trusted (ruff's model).

    SAFE fixes are mechanical and keep the meaning (a lost space restored);
    ``lintnews fix`` applies them. UNSAFE fixes could change meaning (a
    paragraph deleted as boilerplate) and need ``--unsafe-fixes``.
    DISPLAY_ONLY fixes are suggestions for a human and are never applied.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid edit range {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    def __post_init__(self) -> None:
        # Interned, as messages are: a few titles repeat by the thousand.
        object.__setattr__(self, "title", sys.intern(self.title))

    @classmethod
    def replace(
        cls,
        start: int,
        end: int,
        replacement: str,
        title: str,
        applicability: Applicability = Applicability.SAFE,
    ) -> Fix:
        return cls((Edit(start, end, replacement),), applicability, title)

    @classmethod
    def delete(
        cls,
        start: int,
        end: int,
        title: str,
        applicability: Applicability = Applicability.SAFE,
    ) -> Fix:
        return cls((Edit(start, end, ""),), applicability, title)

    def shifted(self, offset: int) -> Fix:
        """The same fix for a text where this one's starts at ``offset``."""
        if not offset:
            return self
        edits = tuple(Edit(e.start + offset, e.end + offset, e.replacement) for e in self.edits)
        return Fix(edits, self.applicability, self.title)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


class _NoExtra(Mapping[str, str]):
    """The ``extra`` of a diagnostic that has none: read-only, and one object
    however many diagnostics share it (also across a pickle)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> str:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> str:
        return "_NO_EXTRA"


_NO_EXTRA = _NoExtra()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    name: str
    message: str
    span: Span
    severity: Severity
    fix: Fix | None = None
    path: str = "-"
    # 1-based line and column (code points) of span start and span end.
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    # Free-form extra facts a rule may attach (e.g. the matched text); never
    # used for identity. Read-only: most diagnostics share one empty mapping.
    extra: Mapping[str, str] = field(default_factory=lambda: _NO_EXTRA, compare=False, hash=False)

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start, self.span.end, self.code)

    def to_dict(self) -> dict[str, object]:
        """The JSON object documented in DESIGN.md."""
        fix: dict[str, object] | None = None
        if self.fix is not None:
            fix = {
                "applicability": self.fix.applicability.value,
                "title": self.fix.title,
                "edits": [
                    {"start": e.start, "end": e.end, "replacement": e.replacement} for e in self.fix.edits
                ],
            }
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.span.start,
            "end": self.span.end,
            "fix": fix,
        }
