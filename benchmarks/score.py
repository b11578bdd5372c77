"""Scorers for the quality benchmarks, independent of any corpus.

They take a *linter*: any object with ``check(text, path) -> diagnostics`` and
``fix(text, path, unsafe=...) -> result with .text`` (lintnews's ``Linter``, or
a fake in the tests). A diagnostic needs ``code``, ``start`` and ``end``
(0-based code-point offsets, end exclusive).

- Injected defects: a copy *finds* its defect when every injected span is
  overlapped by a diagnostic whose code is one of the kind's codes. Precision
  looks only at diagnostics on the dirty copy that are not on the clean twin
  (same code, same position once the injection's offset shift is mapped
  back): the share of those that hit the injected defect. Fix exact-match:
  ``fix(dirty) == fix(clean)``, with SAFE fixes, or with ``unsafe=True`` for
  a kind (or a variant of a kind) whose repair the rule documents as unsafe;
  variants measured unsafe inside a SAFE kind are counted apart. Suggestion
  exact: applying the fixes offered by the diagnostics that hit the defect,
  whatever their applicability, gives the clean twin (the measure for a
  kind whose rule only suggests a repair).
- Extraction: a line is flagged when one diagnostic covers at least half of
  its non-blank characters.
- Pairs: a run-together word is found when a diagnostic of the expected codes
  overlaps it; its fix is exact when ``fix(context) == fix(corrected context)``.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from inject import KINDS, Injection, Kind


class Diag(Protocol):
    code: str

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class LinterLike(Protocol):
    def check(self, text: str, path: str = ...) -> Sequence[Any]: ...

    def fix(self, text: str, path: str = ..., *, unsafe: bool | None = ...) -> Any: ...


def overlaps(d_start: int, d_end: int, s_start: int, s_end: int) -> bool:
    """Does a diagnostic span overlap a defect span? A zero-width diagnostic
    (an insertion point) overlaps a span it touches."""
    if d_start == d_end:
        return s_start <= d_start <= s_end
    return d_start < s_end and s_start < d_end


# --------------------------------------------------------------------------
# Injected defects
# --------------------------------------------------------------------------


def map_to_clean(inj: Injection, pos: int, side: str = "start") -> int | None:
    """A dirty-text offset on the clean twin; None inside an injected region,
    except inside a copy of the twin's own text (a duplicated paragraph), which
    maps to the original, so a defect the copy carries along is not new.
    ``side`` says whether ``pos`` starts or ends a span (at a copy's edges)."""
    delta = 0
    for edit, (ds, de) in zip(inj.edits, inj.spans, strict=True):
        if edit.copied_from >= 0:
            if ds < pos < de or (pos == ds and side == "start") or (pos == de and side == "end"):
                return edit.copied_from + (pos - ds)
            if pos <= ds:
                break
        else:
            if pos <= ds:
                break
            if pos < de:
                return None
        delta += (de - ds) - (edit.end - edit.start)
    return pos - delta


def new_diagnostics(inj: Injection, dirty: Sequence[Any], clean: Sequence[Any]) -> list[Any]:
    """Diagnostics on the dirty copy that the clean twin does not have."""
    seen = collections.Counter((d.code, d.start, d.end) for d in clean)
    copies = [(ds, de) for e, (ds, de) in zip(inj.edits, inj.spans, strict=True) if e.copied_from >= 0]
    out = []
    for d in dirty:
        start, end = map_to_clean(inj, d.start, "start"), map_to_clean(inj, d.end, "end")
        key = (d.code, start, end)
        if start is None or end is None:
            out.append(d)
        elif any(ds <= d.start and d.end <= de for ds, de in copies):
            if key not in seen:  # a copy repeats its original's findings: not new
                out.append(d)
        elif seen[key] > 0:
            seen[key] -= 1
        else:
            out.append(d)
    return out


def _on_defect(d: Any, inj: Injection) -> bool:
    """Overlapping or touching an injected span (a finding on the word an invisible
    character splits is about the same defect)."""
    return any(d.start <= e and s <= d.end for s, e in inj.spans)


def _hits(d: Any, inj: Injection, codes: Iterable[str]) -> bool:
    return d.code in codes and any(overlaps(d.start, d.end, s, e) for s, e in inj.spans)


_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def normalise_whitespace(text: str) -> str:
    """Runs of blank lines as one, no trailing spaces: a fix that leaves an
    extra blank line still matches here (reported beside the exact figure)."""
    text = re.sub(r"[ \t]+$", "", text, flags=re.M)
    return _BLANK_RUNS.sub("\n\n", text).strip()


@dataclass
class CopyScore:
    kind: str
    variant: str
    where: str
    path: str
    parts: int  # injected spans
    parts_found: int
    new: int  # diagnostics on the dirty copy not on the twin
    new_hits: int  # of those, hitting the injected defect
    other_codes: collections.Counter[str]  # codes of the new diagnostics that did not hit
    fix_exact: bool
    fix_normalised: bool
    applicability: collections.Counter[str]  # of the fixes offered by hitting diagnostics
    fix_mode: str = "safe"  # how the fix was measured: safe, unsafe, or none (no fix offered)
    suggestion_exact: bool = False  # the hitting diagnostics' own edits give the twin

    @property
    def found(self) -> bool:
        return self.parts_found == self.parts


def score_copy(
    inj: Injection,
    dirty: Sequence[Any],
    clean: Sequence[Any],
    fixed_dirty: str,
    fixed_clean: str,
    codes: Sequence[str] | None = None,
    fix_mode: str | None = None,
) -> CopyScore:
    kind = KINDS.get(inj.kind)
    codes = tuple(codes if codes is not None else kind.codes if kind is not None else ())
    if fix_mode is None:
        fix_mode = kind.variant_fix_mode(inj.variant) if kind is not None else "safe"
    parts_found = sum(
        any(d.code in codes and overlaps(d.start, d.end, s, e) for d in dirty) for s, e in inj.spans
    )
    new = new_diagnostics(inj, dirty, clean)
    hitting = [d for d in new if _hits(d, inj, codes)]
    applicability: collections.Counter[str] = collections.Counter()
    suggested = []
    for d in dirty:
        if _hits(d, inj, codes):
            fix = getattr(d, "fix", None)
            applicability[_applicability(fix)] += 1
            suggested.extend(getattr(fix, "edits", ()) or ())
    return CopyScore(
        kind=inj.kind,
        variant=inj.variant,
        where=inj.where,
        path=inj.path,
        parts=len(inj.spans),
        parts_found=parts_found,
        new=len(new),
        new_hits=len(hitting),
        other_codes=collections.Counter(
            f"{d.code} {'on the defect' if _on_defect(d, inj) else 'elsewhere'}"
            for d in new
            if not _hits(d, inj, codes)
        ),
        fix_exact=fixed_dirty == fixed_clean,
        fix_normalised=normalise_whitespace(fixed_dirty) == normalise_whitespace(fixed_clean),
        applicability=applicability,
        fix_mode=fix_mode,
        suggestion_exact=bool(suggested) and apply_suggestion(inj.dirty, suggested) == inj.clean,
    )


def apply_suggestion(text: str, edits: Iterable[Any]) -> str:
    """``text`` with the edits applied left to right, skipping any that
    overlaps one already applied (as lintnews's fixer does, in one pass)."""
    out, last = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < last:
            continue
        out += [text[last : e.start], e.replacement]
        last = e.end
    out.append(text[last:])
    return "".join(out)


def _applicability(fix: Any) -> str:
    if fix is None:
        return "no fix"
    value = getattr(fix, "applicability", "?")
    return str(getattr(value, "value", value))


class _Memo:
    """check/fix results per text, so a clean twin shared by copies runs once."""

    def __init__(self, linter: LinterLike) -> None:
        self.linter = linter
        self.checked: dict[tuple[str, str], Sequence[Any]] = {}
        self.fixed: dict[tuple[str, str, bool], str] = {}

    def check(self, text: str, path: str) -> Sequence[Any]:
        key = (text, path)
        if key not in self.checked:
            self.checked[key] = self.linter.check(text, path)
        return self.checked[key]

    def fix(self, text: str, path: str, unsafe: bool) -> str:
        key = (text, path, unsafe)
        if key not in self.fixed:
            self.fixed[key] = self.linter.fix(text, path, unsafe=unsafe).text
        return self.fixed[key]


def run_injections(linter: LinterLike, injections: Iterable[Injection]) -> list[CopyScore]:
    memo = _Memo(linter)
    out = []
    for inj in injections:
        mode = KINDS[inj.kind].variant_fix_mode(inj.variant)
        unsafe = mode == "unsafe"
        path = inj.path if inj.path.endswith((".txt", ".md", ".markdown")) else "article.txt"
        out.append(
            score_copy(
                inj,
                memo.check(inj.dirty, path),
                memo.check(inj.clean, path),
                memo.fix(inj.dirty, path, unsafe),
                memo.fix(inj.clean, path, unsafe),
                fix_mode=mode,
            )
        )
        # Dirty copies are never shared: do not keep them.
        memo.checked.pop((inj.dirty, path), None)
        memo.fixed.pop((inj.dirty, path, unsafe), None)
    return out


def ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class KindResult:
    kind: str
    copies: int = 0
    found: int = 0
    new: int = 0
    new_hits: int = 0
    fix_copies: int = 0  # copies measured in the kind's own fix mode (the headline figure)
    fix_exact: int = 0  # of those
    fix_normalised: int = 0
    # Variants measured in another mode (possessives, unsafe, in a SAFE kind):
    # mode -> [copies, fix exact], reported apart from the headline.
    fix_apart: dict[str, list[int]] = field(default_factory=dict)
    suggestion_exact: int = 0  # over all copies
    parts: int = 0
    parts_found: int = 0
    by_variant: dict[str, list[int]] = field(default_factory=dict)  # variant -> [copies, found, fix_exact]
    by_where: dict[str, list[int]] = field(default_factory=dict)  # where -> [copies, found]
    other_codes: collections.Counter[str] = field(default_factory=collections.Counter)
    applicability: collections.Counter[str] = field(default_factory=collections.Counter)
    missed: list[tuple[str, str]] = field(default_factory=list)  # (path, variant)
    fix_failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.copies)

    @property
    def precision(self) -> float:
        """Share of the new diagnostics that hit the defect; 0 when there are none."""
        return ratio(self.new_hits, self.new)

    @property
    def fix_rate(self) -> float:
        """Fix exact-match over the copies measured in the kind's own mode."""
        return ratio(self.fix_exact, self.fix_copies)

    @property
    def fix_normalised_rate(self) -> float:
        return ratio(self.fix_normalised, self.fix_copies)

    @property
    def suggestion_rate(self) -> float:
        return ratio(self.suggestion_exact, self.copies)


def fix_summary(kind: Kind, r: KindResult) -> str:
    """The fix cell of the results table: the headline figure in the kind's
    own mode and the variants measured apart, or, for a kind without a fix,
    how often the suggestion equals the repair."""
    if kind.fix_mode == "none":
        return f"— (display-only; suggestion = repair {r.suggestion_rate:.3f})"
    text = f"{r.fix_rate:.3f}"
    if kind.fix_mode == "unsafe":
        text += " (unsafe)"
    for mode, (n, exact) in sorted(r.fix_apart.items()):
        variants = ", ".join(v for v in kind.variants if kind.variant_fix_mode(v) == mode)
        text += f" over {r.fix_copies} copies; {variants}: {ratio(exact, n):.3f} with {mode} fixes over {n}"
    return text


def aggregate(scores: Iterable[CopyScore]) -> dict[str, KindResult]:
    out: dict[str, KindResult] = {}
    for s in scores:
        r = out.setdefault(s.kind, KindResult(s.kind))
        r.copies += 1
        r.found += s.found
        r.parts += s.parts
        r.parts_found += s.parts_found
        r.new += s.new
        r.new_hits += s.new_hits
        kind = KINDS.get(s.kind)
        if kind is None or s.fix_mode == kind.fix_mode:
            r.fix_copies += 1
            r.fix_exact += s.fix_exact
            r.fix_normalised += s.fix_normalised
        else:
            apart = r.fix_apart.setdefault(s.fix_mode, [0, 0])
            apart[0] += 1
            apart[1] += s.fix_exact
        r.suggestion_exact += s.suggestion_exact
        v = r.by_variant.setdefault(s.variant, [0, 0, 0])
        v[0] += 1
        v[1] += s.found
        v[2] += s.fix_exact
        w = r.by_where.setdefault(s.where, [0, 0])
        w[0] += 1
        w[1] += s.found
        r.other_codes.update(s.other_codes)
        r.applicability.update(s.applicability)
        if not s.found:
            r.missed.append((s.path, s.variant))
        if not s.fix_exact:
            r.fix_failed.append((s.path, s.variant))
    return out


# --------------------------------------------------------------------------
# Extraction: lines of boilerplate vs lines of the gold body
# --------------------------------------------------------------------------


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line with a letter or digit, surrounding whitespace excluded."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.span()
        stripped = m.group()
        lead = len(stripped) - len(stripped.lstrip())
        trail = len(stripped) - len(stripped.rstrip())
        if s + lead < e - trail and any(c.isalnum() for c in stripped):
            out.append((s + lead, e - trail))
    return out


def covering_code(span: tuple[int, int], diags: Sequence[Any], min_cover: float = 0.5) -> str | None:
    """The code of a diagnostic covering at least ``min_cover`` of the line, if any."""
    s, e = span
    need = min_cover * (e - s)
    for d in diags:
        if min(e, d.end) - max(s, d.start) >= need:
            return str(d.code)
    return None


def _norm(text: str) -> str:
    return " ".join(text.split())


def in_gold(line: str, gold_norm: str) -> bool:
    """Whitespace-normalised line found in the gold body, at word boundaries."""
    needle = _norm(line)
    if not needle:
        return True
    pattern = (r"(?<!\w)" if needle[0].isalnum() else "") + re.escape(needle)
    pattern += r"(?!\w)" if needle[-1].isalnum() else ""
    return re.search(pattern, gold_norm) is not None


@dataclass
class LineCounts:
    boilerplate: int = 0
    boilerplate_flagged: int = 0
    gold: int = 0
    gold_flagged: int = 0
    by_code: collections.Counter[str] = field(default_factory=collections.Counter)  # on boilerplate
    gold_by_code: collections.Counter[str] = field(default_factory=collections.Counter)
    gold_flagged_where: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, code)

    @property
    def boilerplate_share(self) -> float:
        return ratio(self.boilerplate_flagged, self.boilerplate)

    @property
    def gold_share(self) -> float:
        return ratio(self.gold_flagged, self.gold)


def score_lines(
    counts: LineCounts, name: str, text: str, gold_text: str, diags: Sequence[Any], min_cover: float = 0.5
) -> None:
    gold_norm = _norm(gold_text)
    for s, e in lines(text):
        code = covering_code((s, e), diags, min_cover)
        if in_gold(text[s:e], gold_norm):
            counts.gold += 1
            if code:
                counts.gold_flagged += 1
                counts.gold_by_code[code] += 1
                counts.gold_flagged_where.append((name, text.count("\n", 0, s) + 1, code))
        else:
            counts.boilerplate += 1
            if code:
                counts.boilerplate_flagged += 1
                counts.by_code[code] += 1


# --------------------------------------------------------------------------
# Pairs: real run-together words with gold corrections
# --------------------------------------------------------------------------


def locate(context: str, token: str) -> int | None:
    """First occurrence of ``token`` in ``context`` not inside a longer word."""
    for m in re.finditer(re.escape(token), context):
        s, e = m.span()
        before = context[s - 1] if s else " "
        after = context[e] if e < len(context) else " "
        if not before.isalnum() and not after.isalnum():
            return s
    return None


@dataclass
class PairScore:
    found: bool  # a diagnostic with an expected code overlaps the wrong token
    any_code: str | None  # the code of any diagnostic overlapping it
    fix_exact: bool


def score_pair(
    linter: LinterLike,
    context: str,
    start: int,
    wrong: str,
    right: str,
    codes: Sequence[str],
    path: str = "pair.txt",
    fixer: Callable[[str], str] | None = None,
) -> PairScore:
    end = start + len(wrong)
    twin = context[:start] + right + context[end:]
    diags = linter.check(context, path)
    found = any(d.code in codes and overlaps(d.start, d.end, start, end) for d in diags)
    any_code = next((d.code for d in diags if overlaps(d.start, d.end, start, end)), None)
    fix = fixer or (lambda t: linter.fix(t, path, unsafe=False).text)
    return PairScore(found, any_code, fix(context) == fix(twin))
