"""Declarative rule packs: TOML data, compiled into Rule classes.

A pack is data, never code: loading a pack from a repository cannot execute
anything. Every rule in a pack carries its own examples, and the examples test
runs them like those of Python rules. Term lists compile into one alternation
per rule, so a 500-term list costs one regex pass, not 500.

Format (see CONTRIBUTING.md for a walk-through)::

    [pack]
    name = "house"                # selectable like a code prefix
    description = "Our outlet's style"

    [[rules]]
    code = "HS101"
    name = "no-very"
    type = "existence"            # see the types below
    summary = "Avoid 'very'"
    message = "Avoid '{match}'"
    tokens = ["very"]             # regex fragments, word-bounded unless nonword = true
    ignorecase = true
    examples = [{ bad = "a very big", fixed = "..." }]   # fixed only if the rule fixes
    ok = ["every"]

Every type takes ``code``, ``name``, ``summary``, ``message`` (a template:
``{match}``, ``{replacement}``, named groups and the type's own fields),
``severity``, ``default``, ``scopes``, ``in_quotes``, ``ignorecase``,
``applicability``, ``fix_title``, ``explanation``, ``examples`` and ``ok``.
A subset of Vale's types, plus ``pattern``:

- ``existence``: ``tokens`` (regex fragments, one alternation), ``nonword``,
  optional ``replacement``.
- ``substitution``: ``swap = { "phrase" = "replacement" }`` (literals),
  ``nonword``; the fix keeps a leading capital under ``ignorecase``.
- ``pattern``: ``pattern``, optional ``replacement`` template, ``multiline``.
- ``consistency``: ``either = { "judgement" = "judgment" }`` (literals, word
  boundaries as in substitution), ``nonword``. When a document uses both
  spellings of a pair, the less used one is flagged (on a tie, the one used
  later), with a fix (unsafe by default) writing the majority spelling.
  ``{count}``: how often the winning spelling occurs.
- ``occurrence``: ``token`` (one regex, not word-bounded), ``max`` and/or
  ``min`` per document, ``multiline``. The ``max``+1th and later matches are
  flagged; too few matches are reported once, on the document's first word.
  No fix. Fields ``{count}``, ``{max}``, ``{min}``.
- ``repetition``: ``tokens`` (regex fragments, word-bounded unless
  ``nonword``, one alternation), ``distance`` (in words, default 1: the next
  word). A token seen again within ``distance`` words of itself, in the same
  paragraph, is flagged; no fix. Field ``{distance}``.
- ``capitalization``: ``match`` = ``$title`` | ``$sentence`` | ``$lower`` |
  ``$upper``, ``exceptions`` (words and phrases kept as listed, any case, one
  alternation). Applies to headings: Markdown headings, and in plain text a
  first line that a blank line follows, no full stop ends and has at most 25
  words. Acronyms and
  words with inner capitals keep their case in title and sentence case. The
  fix is display-only (a name the rule does not know would lose its capital).
  Field ``{case}``.
- ``metric``: ``formula`` (arithmetic, ``+ - * /`` and parentheses, on
  ``words``, ``sentences``, ``paragraphs``, ``characters``, ``long_words``
  (7+ letters), ``syllables`` and ``polysyllabic_words`` (3+ syllables, a
  rough English count); parsed and walked, never ``eval``-ed) and
  ``condition`` (``"> 25"``: ``< <= > >= == !=`` and a number). Counts cover
  the text in the rule's scopes, quotations included; a document that meets
  the condition is reported once, on its first word; a division by zero
  (nothing to measure) reports nothing. No fix. Fields ``{value}``,
  ``{condition}`` and every variable.

Counting types (consistency, occurrence, repetition) count only matches the
rule may report: in its scopes, and outside quotations unless ``in_quotes``.
"""

from __future__ import annotations

import ast
import bisect
import reprlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import regex

from lintnews.diagnostics import Applicability, Fix, Severity
from lintnews.document import PROSE_KINDS, Document, RegionKind
from lintnews.errors import ConfigError
from lintnews.rule import Context, Example, Rule
from lintnews.safeio import MAX_PACK_BYTES, read_toml

RULE_TYPES = (
    "existence",
    "substitution",
    "pattern",
    "consistency",
    "occurrence",
    "repetition",
    "capitalization",
    "metric",
)
_COMMON_KEYS = {
    "code",
    "name",
    "type",
    "summary",
    "message",
    "severity",
    "default",
    "in_quotes",
    "scopes",
    "explanation",
    "examples",
    "ok",
    "ignorecase",
    "applicability",
    "fix_title",
}
_TYPE_KEYS = {
    "existence": {"tokens", "nonword", "replacement"},
    "substitution": {"swap", "nonword"},
    "pattern": {"pattern", "replacement", "multiline"},
    "consistency": {"either", "nonword"},
    "occurrence": {"token", "max", "min", "multiline"},
    "repetition": {"tokens", "distance", "nonword"},
    "capitalization": {"match", "exceptions"},
    "metric": {"formula", "condition"},
}
_CODE = regex.compile(r"^[A-Z]{1,6}[0-9]{1,4}$")
_NAME = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_LONE_CR = regex.compile(r"\r(?!\n)")
#: Budget for one rule's regex over one document: a pathological user pattern
#: cannot hang a pipeline (regex's timeout stops the match). It grows with the
#: document, since a sane pattern over a 100 MB file takes more than any fixed
#: figure, while a catastrophic one blows past it on a small article.
MATCH_TIMEOUT_S = 5.0
MATCH_TIMEOUT_S_PER_MB = 5.0


def match_budget(chars: int) -> float:
    """Seconds one pack regex may take over a document of ``chars`` characters."""
    return MATCH_TIMEOUT_S + MATCH_TIMEOUT_S_PER_MB * chars / 1_000_000


@dataclass(frozen=True)
class Pack:
    name: str
    description: str
    path: Path
    rules: tuple[type[Rule], ...]


class PackRule(Rule):
    """Common machinery of rules compiled from a pack."""

    pattern: ClassVar[regex.Pattern[str]]
    replacement: ClassVar[str | None] = None
    fix_applicability: ClassVar[Applicability] = Applicability.UNSAFE
    fix_title: ClassVar[str] = ""
    message_template: ClassVar[str] = ""
    explanation: ClassVar[str] = ""

    @classmethod
    def documentation(cls) -> str:
        return cls.explanation.strip()

    def replacement_for(self, match: regex.Match[str], text: str) -> str | None:
        """The fix's text for ``match`` (found in the masked copy), with any
        group it quotes taken from ``text``, the document as written."""
        if self.replacement is None:
            return None
        if match.group() == text[match.start() : match.end()]:
            return match.expand(self.replacement)
        # The match covers masked characters (a URL, a code span) or a lone CR
        # read as LF: quoting a group from the masked copy would write U+FFFF
        # or change the newline style, so the groups come from the text.
        return _expand(self.replacement, match, text)

    def _matches(self, doc: Document, pattern: regex.Pattern[str] | None = None) -> list[regex.Match[str]]:
        """Every non-empty match of ``pattern`` (the rule's own by default) in
        the masked text, within the run-time budget."""
        pattern = self.pattern if pattern is None else pattern
        masked = doc.masked
        lone_cr = "\r" in masked and bool(pattern.flags & regex.MULTILINE) and _LONE_CR.search(masked)
        if lone_cr:
            # `^` and `$` see only LF as a line break: a lone CR (old Mac
            # text) becomes one, keeping every offset.
            masked = _LONE_CR.sub("\n", masked)
        budget = match_budget(len(masked))
        try:
            matches = list(pattern.finditer(masked, timeout=budget))
        except TimeoutError:
            raise RuntimeError(
                f"pattern took longer than {budget:.3g} s on this document (catastrophic backtracking?)"
            ) from None
        return [m for m in matches if m.end() > m.start()]

    def reportable(self, doc: Document, start: int, end: int) -> bool:
        """Whether ``ctx.report`` would keep a finding at ``start:end`` (its
        scope, its quotations, code pasted into prose): rules that count
        occurrences count only these."""
        return (
            (self.in_quotes or not doc.in_quotes(start, end))
            and (self.in_code or not doc.in_code_like(start))
            and doc.kind_at(start) in self.scopes
        )

    def emit(
        self,
        doc: Document,
        ctx: Context,
        start: int,
        end: int,
        repl: str | None,
        fields: Mapping[str, str | None] | None = None,
    ) -> None:
        """Report ``start:end`` with the message template filled in and, if
        ``repl`` is not None, a fix replacing the span with it."""
        text = doc.text
        fix = None
        if repl is not None:
            title = self.fix_title or (f"Replace with '{repl}'" if repl else "Remove it")
            fix = Fix.replace(start, end, repl, title, self.fix_applicability)
        # Messages quote the text as written, not its masked copy.
        message = self.message_template.format_map(
            _Fields(match=text[start:end], replacement=repl or "", groups=fields or {})
        )
        # A removal pattern takes the blank lines around a paragraph so
        # that the fix leaves no hole; the finding itself points at the
        # text, not at the blank line before it.
        a, b = _trimmed(doc.masked, start, end)
        ctx.report(a, b, message, fix=fix)

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.text
        for m in self._matches(doc):
            groups = {k: text[a:b] if a >= 0 else None for k, (a, b) in _group_spans(m).items()}
            self.emit(doc, ctx, m.start(), m.end(), self.replacement_for(m, text), groups)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without its leading and trailing whitespace (unchanged if all blank)."""
    inner = text[start:end]
    stripped = inner.lstrip()
    if not stripped:
        return start, end
    start += len(inner) - len(stripped)
    return start, start + len(stripped.rstrip())


_TEMPLATE = regex.compile(r"\\g<([^>]*)>|\\([0-9]{1,2})|\\(.)", regex.DOTALL)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\"}


def _group_spans(m: regex.Match[str]) -> dict[str, tuple[int, int]]:
    return {name: m.span(name) for name in m.groupdict()}


def _expand(template: str, m: regex.Match[str], text: str) -> str | None:
    """``m.expand(template)`` with groups read from ``text``; None for a
    template this does not understand (then no fix is offered)."""
    failed = False

    def part(t: regex.Match[str]) -> str:
        nonlocal failed
        name, number, escape = t.group(1), t.group(2), t.group(3)
        if escape is not None:
            if escape not in _ESCAPES:
                failed = True
            return _ESCAPES.get(escape, "")
        ref: int | str = int(name) if name is not None and name.isdigit() else name or int(number)
        try:
            a, b = m.span(ref)
        except (IndexError, regex.error):
            failed = True
            return ""
        return text[a:b] if a >= 0 else ""

    out = _TEMPLATE.sub(part, template)
    return None if failed else out


class SubstitutionRule(PackRule):
    swap: ClassVar[Mapping[str, str]] = {}
    ignorecase: ClassVar[bool] = False

    def replacement_for(self, match: regex.Match[str], text: str) -> str | None:
        found = match.group()
        key = found.casefold() if self.ignorecase else found
        repl = self.swap[key]
        # Keep a sentence-initial capital: "Percent" -> "Per cent".
        return _keep_capital(found, repl) if self.ignorecase else repl


def _keep_capital(found: str, repl: str) -> str:
    """``repl`` with a leading capital when ``found`` has one: "Percent" -> "Per cent"."""
    if found[:1].isupper() and repl[:1].islower():
        return repl[:1].upper() + repl[1:]
    return repl


class ConsistencyRule(PackRule):
    """Vale's ``consistency``: one spelling of each pair per document."""

    #: Each spelling (casefolded under ignorecase) -> (its pair, its side).
    either: ClassVar[Mapping[str, tuple[int, int]]] = {}
    #: The spellings of each pair as written in the pack.
    pairs: ClassVar[tuple[tuple[str, str], ...]] = ()
    ignorecase: ClassVar[bool] = False

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.text
        # pair -> side -> its reportable matches, in document order
        seen: dict[int, tuple[list[regex.Match[str]], list[regex.Match[str]]]] = {}
        for m in self._matches(doc):
            if not self.reportable(doc, m.start(), m.end()):
                continue
            found = m.group()
            pair, side = self.either[found.casefold() if self.ignorecase else found]
            seen.setdefault(pair, ([], []))[side].append(m)
        flagged: list[tuple[regex.Match[str], str, int]] = []
        for pair, sides in seen.items():
            if not (sides[0] and sides[1]):
                continue
            a, b = sides
            # The majority spelling wins; on a tie, the one used first.
            keep = 0 if (len(a), -a[0].start()) > (len(b), -b[0].start()) else 1
            spelling = self.pairs[pair][keep]
            flagged.extend((m, spelling, len(sides[keep])) for m in sides[1 - keep])
        flagged.sort(key=lambda item: item[0].start())
        for m, spelling, count in flagged:
            found = text[m.start() : m.end()]
            repl = _keep_capital(found, spelling) if self.ignorecase else spelling
            # {count}: how often the document uses the spelling that wins.
            self.emit(doc, ctx, m.start(), m.end(), repl, {"count": str(count)})


class OccurrenceRule(PackRule):
    """Vale's ``occurrence``: at most ``max`` and/or at least ``min`` matches per document."""

    max_count: ClassVar[int | None] = None
    min_count: ClassVar[int | None] = None
    #: The message of a ``min`` violation (``message_template``: of a ``max`` one).
    min_message_template: ClassVar[str] = ""

    def check(self, doc: Document, ctx: Context) -> None:
        found = [m for m in self._matches(doc) if self.reportable(doc, m.start(), m.end())]
        fields = {
            "count": str(len(found)),
            "max": "" if self.max_count is None else str(self.max_count),
            "min": "" if self.min_count is None else str(self.min_count),
        }
        if self.max_count is not None and len(found) > self.max_count:
            for m in found[self.max_count :]:
                self.emit(doc, ctx, m.start(), m.end(), None, fields)
        if self.min_count is not None and len(found) < self.min_count:
            # Once, on the document's first word the rule may report on.
            first = next((w for w in doc.words if self.reportable(doc, w.start, w.end)), None)
            if first is not None:
                message = self.min_message_template.format_map(
                    _Fields(match=doc.text[first.start : first.end], replacement="", groups=fields)
                )
                ctx.report(first.start, first.end, message)


class RepetitionRule(PackRule):
    """Vale's ``repetition``: a token used again within ``distance`` words."""

    distance: ClassVar[int] = 1
    ignorecase: ClassVar[bool] = False

    def check(self, doc: Document, ctx: Context) -> None:
        starts = [w.start for w in doc.words]
        paragraphs = [p.start for p in doc.paragraphs]
        last: dict[str, tuple[int, int]] = {}  # token -> (paragraph, word index)
        for m in self._matches(doc):
            if not self.reportable(doc, m.start(), m.end()):
                continue
            found = m.group()
            key = found.casefold() if self.ignorecase else found
            here = (bisect.bisect_right(paragraphs, m.start()), bisect.bisect_left(starts, m.start()))
            before = last.get(key)
            last[key] = here
            # A repetition never spans a paragraph break: that is no stutter.
            if before is not None and before[0] == here[0] and here[1] - before[1] <= self.distance:
                words = str(here[1] - before[1])
                self.emit(doc, ctx, m.start(), m.end(), None, {"distance": words})


#: Small words that title case leaves in lowercase, unless first or last.
_SMALL_WORDS = frozenset(
    "a an and as at but by en for from if in nor of on or per the to up via vs with".split()
)
_CASES = {"$title": "title", "$sentence": "sentence", "$lower": "lower", "$upper": "upper"}
#: A word of a heading: letters (with inner apostrophes), as ``Document.words``.
_CASE_WORD = regex.compile(r"\w+(?:['’]\w+)*")
#: Punctuation after which a heading starts again: a colon, a question or an
#: exclamation mark. Not a full stop, which mostly ends an abbreviation (U.S.).
_RESTART = frozenset(":?!")
#: A plain-text first line that ends a sentence is prose, not a headline.
_SENTENCE_END = regex.compile(r"[.…][\"'”’)\]]*$")
#: A plain-text first line longer than this is a paragraph, not a headline.
_HEADLINE_MAX_WORDS = 25


#: Variables of a metric formula (Vale's names, a subset).
METRIC_VARIABLES = (
    "words",
    "sentences",
    "paragraphs",
    "characters",
    "long_words",
    "syllables",
    "polysyllabic_words",
)
_VOWEL_GROUPS = regex.compile(r"[aeiouy]+")
_CONDITION = regex.compile(r"^\s*(<=|>=|==|!=|<|>)\s*(-?[0-9]+(?:\.[0-9]+)?)\s*$")
_COMPARE: Mapping[str, Any] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def _syllables(word: str) -> int:
    """A rough English syllable count: vowel groups, less a silent final e."""
    lowered = word.lower()
    count = len(_VOWEL_GROUPS.findall(lowered))
    if count > 1 and lowered.endswith("e") and not lowered.endswith(("le", "ee", "ye")):
        count -= 1
    return max(count, 1)


#: A formula is a line of arithmetic (Flesch-Kincaid is 70 characters, 6
#: deep). The caps keep a hostile one from exhausting the parser's stack at
#: load time, or the evaluator's (it recurses) on every document.
MAX_FORMULA_CHARS = 1000
MAX_FORMULA_DEPTH = 100


def _parse_formula(source: str) -> ast.expr:
    """The formula's syntax tree, if it is arithmetic on the known variables;
    raises ValueError otherwise. It is evaluated by ``_evaluate``, never by eval."""
    if len(source) > MAX_FORMULA_CHARS:
        raise ValueError(f"formula too long ({len(source):,} characters; at most {MAX_FORMULA_CHARS:,})")
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        # ValueError: a NUL character; RecursionError and MemoryError: the
        # parser's own limits on nesting.
        raise ValueError(f"invalid formula {shown(source)}") from None
    depth: list[tuple[ast.AST, int]] = [(tree, 1)]
    while depth:  # iteratively: the point is to find trees too deep to recurse into
        node, level = depth.pop()
        if level > MAX_FORMULA_DEPTH:
            raise ValueError(f"formula nested too deeply (more than {MAX_FORMULA_DEPTH} operations)")
        depth.extend((child, level + 1) for child in ast.iter_child_nodes(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id not in METRIC_VARIABLES:
                raise ValueError(f"unknown variable {shown(node.id)} (known: {', '.join(METRIC_VARIABLES)})")
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, (int, float)) or isinstance(node.value, bool):
                raise ValueError(f"formula {shown(source)}: only numbers and variables")
        elif not isinstance(
            node,
            (ast.BinOp, ast.UnaryOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.Load),
        ):
            raise ValueError(f"formula {shown(source)}: only + - * / and parentheses")
    return tree


def _evaluate(node: ast.expr, values: Mapping[str, float]) -> float:
    """Evaluate a tree checked by ``_parse_formula``; ZeroDivisionError on x / 0."""
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, (int, float))
        return float(node.value)
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    assert isinstance(node, ast.BinOp)
    a, b = _evaluate(node.left, values), _evaluate(node.right, values)
    if isinstance(node.op, ast.Add):
        return a + b
    if isinstance(node.op, ast.Sub):
        return a - b
    if isinstance(node.op, ast.Mult):
        return a * b
    return a / b


class MetricRule(PackRule):
    """Vale's ``metric``: a formula over the document's counts, against a condition."""

    formula: ClassVar[ast.expr]
    comparison: ClassVar[str] = ">"
    threshold: ClassVar[float] = 0.0

    def counts(self, doc: Document) -> dict[str, float]:
        """The variables, over the text in the rule's scopes (quotations included:
        a figure of the text measures all of it)."""
        scopes = self.scopes
        words = [w for w in doc.words if doc.kind_at(w.start) in scopes]
        syllables = [_syllables(w.text) for w in words] if self._needs_syllables else []
        return {
            "words": len(words),
            "sentences": sum(1 for t in doc.sentences if doc.kind_at(t.start) in scopes),
            "paragraphs": sum(1 for t in doc.paragraphs if doc.kind_at(t.start) in scopes),
            "characters": sum(len(w.text) for w in words),
            "long_words": sum(1 for w in words if len(w.text) >= 7),
            "syllables": sum(syllables),
            "polysyllabic_words": sum(1 for n in syllables if n >= 3),
        }

    @property
    def _needs_syllables(self) -> bool:
        return any(
            isinstance(n, ast.Name) and n.id in ("syllables", "polysyllabic_words")
            for n in ast.walk(self.formula)
        )

    def check(self, doc: Document, ctx: Context) -> None:
        values = self.counts(doc)
        try:
            value = _evaluate(self.formula, values)
        except ZeroDivisionError:
            return  # no sentences, no words: nothing to measure
        if not _COMPARE[self.comparison](value, self.threshold):
            return
        # Once, on the document's first word the rule may report on.
        first = next((w for w in doc.words if self.reportable(doc, w.start, w.end)), None)
        if first is None:
            return
        fields = {k: str(int(v)) for k, v in values.items()}
        fields["value"] = f"{value:.3g}"
        fields["condition"] = f"{self.comparison} {self.threshold:g}"
        message = self.message_template.format_map(
            _Fields(match=doc.text[first.start : first.end], replacement="", groups=fields)
        )
        ctx.report(first.start, first.end, message)


class CapitalizationRule(PackRule):
    """Vale's ``capitalization``: headings in title, sentence, lower or upper case."""

    case: ClassVar[str] = "sentence"
    #: Words and phrases written as listed (names, acronyms), one pattern.
    exceptions: ClassVar[regex.Pattern[str] | None] = None
    exception_spellings: ClassVar[Mapping[str, str]] = {}

    def headings(self, doc: Document) -> list[tuple[int, int]]:
        """The text spans of the headings: Markdown heading regions; in plain
        text, a first line that a blank line follows, no full stop ends and
        has at most 25 words."""
        masked = doc.masked
        if doc.markup == "markdown":
            spans = [(r.start, r.end) for r in doc.regions if r.kind is RegionKind.HEADING]
        else:
            paragraphs = doc.paragraphs
            if len(paragraphs) < 2:
                return []
            first = paragraphs[0]
            if (
                "\n" in first.text
                or "\r" in first.text
                or _SENTENCE_END.search(first.text)
                or len(doc.word_texts(first.start, first.end)) > _HEADLINE_MAX_WORDS
            ):
                return []
            spans = [(first.start, first.end)]
        out = []
        for start, end in spans:
            words = list(_CASE_WORD.finditer(masked, start, end))
            if words:
                out.append((words[0].start(), words[-1].end()))
        return out

    def recase(self, heading: str, masked: str | None = None) -> str:
        """``heading`` in the rule's case, exceptions kept as listed. Words
        are found in ``masked`` (its masked copy): code and URLs keep their case."""
        masked = heading if masked is None else masked
        keep: list[tuple[int, int, str]] = []
        if self.exceptions is not None:
            for m in self.exceptions.finditer(masked):
                keep.append((m.start(), m.end(), self.exception_spellings[m.group().casefold()]))
        words = list(_CASE_WORD.finditer(masked))
        out: list[str] = []
        pos = 0
        k = 0
        prev_end = 0
        for i, m in enumerate(words):
            gap, prev_end = masked[prev_end : m.start()], m.end()
            while k < len(keep) and keep[k][1] <= m.start():
                k += 1
            if k < len(keep) and keep[k][0] < m.end():
                a, b, spelling = keep[k]
                if a >= pos:
                    out.append(heading[pos:a])
                    out.append(spelling)
                    pos = b
                continue
            out.append(heading[pos : m.start()])
            first = i == 0 or not _RESTART.isdisjoint(gap)
            last = i == len(words) - 1
            word = heading[m.start() : m.end()]
            if (
                len(word) == 1
                and word.isupper()
                and heading[m.end() : m.end() + 1] == "."
                and self.case != "lower"
            ):
                out.append(word)  # an initial, or a letter of U.S.
            else:
                out.append(self._recase_word(word, first, last))
            pos = m.end()
        out.append(heading[pos:])
        return "".join(out)

    def _recase_word(self, word: str, first: bool, last: bool) -> str:
        if self.case == "lower":
            return word.lower()
        if self.case == "upper":
            return word.upper()
        # Acronyms and names with inner capitals (NATO, iPhone, McDonald)
        # keep their spelling in title and sentence case.
        if any(c.isupper() for c in word[1:]) or word == "I":
            return word
        if self.case == "sentence":
            return word[:1].upper() + word[1:] if first else word.lower()
        if not first and not last and word.lower() in _SMALL_WORDS:
            return word.lower()
        return word[:1].upper() + word[1:]

    def check(self, doc: Document, ctx: Context) -> None:
        text = doc.text
        for start, end in self.headings(doc):
            heading = text[start:end]
            recased = self.recase(heading, doc.masked[start:end])
            if recased != heading:
                self.emit(doc, ctx, start, end, recased, {"case": self.case})


class _Fields(dict[str, Any]):
    """format_map fields: {match}, {replacement} and named groups; unknown keys stay."""

    def __init__(self, match: str, replacement: str, groups: Mapping[str, str | None]) -> None:
        super().__init__({k: v or "" for k, v in groups.items()})
        self["match"] = match
        self["replacement"] = replacement

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_SHOWN = reprlib.Repr()
_SHOWN.maxstring = 80


def shown(value: str) -> str:
    """``repr(value)``, cut in the middle past 80 characters: an error line
    quotes what it refuses, not all 4 MB of it."""
    return _SHOWN.repr(value)


def _literal(text: str) -> str:
    """``text`` as a format template that writes it as is."""
    return text.replace("{", "{{").replace("}", "}}")


def _fail(path: Path, where: str, message: str) -> ConfigError:
    return ConfigError(f"{path}: {where}: {message}")


def _get(
    spec: Mapping[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    path: Path,
    where: str,
    default: Any = None,
    required: bool = False,
) -> Any:
    if key not in spec:
        if required:
            raise _fail(path, where, f"missing required key '{key}'")
        return default
    value = spec[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise _fail(path, where, f"'{key}' must be a {names}, not {type(value).__name__}")
    return value


# Inputs that make backtracking regexes explode: long runs of one character
# class followed by a character that forces a failure.
_PROBES = tuple(run * 3000 + tail for run in ("a", " ", "a ", ".", "1", "aA") for tail in ("!", "\n", ""))
# Generous: a sane pattern takes microseconds here, a catastrophic one hours.
_PROBE_TIMEOUT_S = 2.0


def _compile(source: str, flags: int, path: Path, where: str, probe: bool = False) -> regex.Pattern[str]:
    # Under VERSION1, IGNORECASE brings full case folding ("ß" matches "SS"),
    # which no English term list needs and which made compiling the
    # boilerplate packs 2.4x slower (50 ms of every run's start-up); (?-f)
    # leaves simple folding, as Python's re does.
    folded = "(?-f)" + source if flags & regex.IGNORECASE else source
    try:
        pattern = regex.compile(folded, flags)
    except regex.error as exc:
        raise _fail(path, where, f"invalid regular expression {shown(source)}: {exc}") from None
    except RecursionError:  # the regex module parses groups recursively
        raise _fail(path, where, f"regular expression {shown(source)} is nested too deeply") from None
    # A load-time check for catastrophic backtracking, so a bad pack fails at
    # once with its name rather than hanging on the first long article.
    # Shipped packs skip it at run time (tests/test_packs.py probes them), so
    # every process start does not pay for it.
    if not probe:
        return pattern
    try:
        for sample in _PROBES:
            for _ in pattern.finditer(sample, timeout=_PROBE_TIMEOUT_S):
                pass
    except TimeoutError:
        raise _fail(
            path,
            where,
            f"regular expression {shown(source)} is pathologically slow (catastrophic backtracking)",
        ) from None
    return pattern


def _rule_from_spec(
    spec: Mapping[str, Any], pack: str, path: Path, index: int, probe: bool = True
) -> type[Rule]:
    where = f"rule #{index + 1}"
    if not isinstance(spec, Mapping):
        raise _fail(path, where, "each [[rules]] entry must be a table")
    code = _get(spec, "code", str, path, where, required=True)
    where = f"rule {code}"
    if not _CODE.match(code):
        raise _fail(path, where, "a code is 1-6 capital letters and 1-4 digits, e.g. HS101")
    kind = _get(spec, "type", str, path, where, required=True)
    if kind not in RULE_TYPES:
        raise _fail(path, where, f"unknown type '{kind}' (expected one of: {', '.join(RULE_TYPES)})")
    unknown = set(spec) - _COMMON_KEYS - _TYPE_KEYS[kind]
    if unknown:
        raise _fail(path, where, f"unknown key(s) for a {kind} rule: {', '.join(sorted(unknown))}")
    name = _get(spec, "name", str, path, where, required=True)
    if not _NAME.match(name):
        raise _fail(path, where, f"name '{name}' must be kebab-case, e.g. 'promo-line'")
    summary = _get(spec, "summary", str, path, where, required=True)
    message = _get(spec, "message", str, path, where, default=summary)
    try:
        severity = Severity.parse(_get(spec, "severity", str, path, where, default="warning"))
        applicability = Applicability(_get(spec, "applicability", str, path, where, default="unsafe"))
    except ValueError as exc:
        raise _fail(path, where, str(exc)) from None
    ignorecase = _get(spec, "ignorecase", bool, path, where, default=False)
    flags = regex.VERSION1 | (regex.IGNORECASE if ignorecase else 0)
    scopes_raw = _get(spec, "scopes", list, path, where, default=None)
    try:
        scopes = frozenset(RegionKind(s) for s in scopes_raw) if scopes_raw else PROSE_KINDS
    except ValueError as exc:
        raise _fail(path, where, f"bad scope: {exc}") from None

    attrs: dict[str, Any] = {
        "code": code,
        "name": name,
        "summary": summary,
        "message_template": message,
        "severity": severity,
        "default": _get(spec, "default", bool, path, where, default=False),
        "in_quotes": _get(spec, "in_quotes", bool, path, where, default=False),
        "scopes": scopes,
        "origin": pack,
        "explanation": _get(spec, "explanation", str, path, where, default=summary),
        "fix_applicability": applicability,
        "fix_title": _get(spec, "fix_title", str, path, where, default=""),
        "__doc__": _get(spec, "explanation", str, path, where, default=summary),
    }
    base: type[PackRule] = PackRule
    if kind == "existence":
        tokens = _get(spec, "tokens", list, path, where, required=True)
        if not tokens or not all(isinstance(t, str) and t for t in tokens):
            raise _fail(path, where, "'tokens' must be a non-empty list of non-empty strings")
        alternation = "|".join(f"(?:{t})" for t in sorted(tokens, key=len, reverse=True))
        for t in tokens:
            _compile(t, flags, path, where)
        nonword = _get(spec, "nonword", bool, path, where, default=False)
        source = alternation if nonword else rf"\b(?:{alternation})\b"
        attrs["pattern"] = _compile(source, flags, path, where, probe)
        attrs["replacement"] = _get(spec, "replacement", str, path, where, default=None)
    elif kind == "substitution":
        swap = _get(spec, "swap", dict, path, where, required=True)
        if not swap or not all(isinstance(k, str) and k and isinstance(v, str) for k, v in swap.items()):
            raise _fail(path, where, '\'swap\' must be a non-empty table of "phrase" = "replacement"')
        # Keys are literal phrases; one alternation, then a dict lookup.
        nonword = _get(spec, "nonword", bool, path, where, default=False)
        attrs["pattern"] = _compile(_phrases(swap, nonword), flags, path, where, probe)
        attrs["swap"] = {(k.casefold() if ignorecase else k): v for k, v in swap.items()}
        attrs["ignorecase"] = ignorecase
        if "message" not in spec:
            attrs["message_template"] = "Use '{replacement}' instead of '{match}'"
        base = SubstitutionRule
    elif kind == "consistency":
        either = _get(spec, "either", dict, path, where, required=True)
        if not either or not all(
            isinstance(k, str) and k and isinstance(v, str) and v for k, v in either.items()
        ):
            raise _fail(path, where, '\'either\' must be a non-empty table of "spelling" = "other spelling"')
        sides: dict[str, tuple[int, int]] = {}
        for pair, (one, other) in enumerate(either.items()):
            for side, spelling in enumerate((one, other)):
                key = spelling.casefold() if ignorecase else spelling
                if key in sides:
                    raise _fail(path, where, f"'either' lists '{spelling}' twice")
                sides[key] = (pair, side)
        # Every spelling of every pair in one alternation, then a dict lookup.
        nonword = _get(spec, "nonword", bool, path, where, default=False)
        attrs["pattern"] = _compile(_phrases(sides, nonword), flags, path, where, probe)
        attrs["either"] = sides
        attrs["pairs"] = tuple(either.items())
        attrs["ignorecase"] = ignorecase
        if "message" not in spec:
            attrs["message_template"] = "Inconsistent spelling: '{match}' here, '{replacement}' elsewhere"
        base = ConsistencyRule
    elif kind == "occurrence":
        source = _get(spec, "token", str, path, where, required=True)
        if _get(spec, "multiline", bool, path, where, default=False):
            flags |= regex.MULTILINE
        limits = {}
        for key in ("max", "min"):
            value = _get(spec, key, int, path, where, default=None)
            if value is not None and value < (0 if key == "max" else 1):
                raise _fail(path, where, f"'{key}' must be at least {0 if key == 'max' else 1}")
            limits[key] = value
        if limits["max"] is None and limits["min"] is None:
            raise _fail(path, where, "an occurrence rule needs 'max', 'min' or both")
        if limits["max"] is not None and limits["min"] is not None and limits["min"] > limits["max"]:
            raise _fail(path, where, "'min' is larger than 'max'")
        attrs["pattern"] = _compile(source, flags, path, where, probe)
        attrs["max_count"] = limits["max"]
        attrs["min_count"] = limits["min"]
        if "message" not in spec:
            attrs["message_template"] = "{summary}: '{match}' {count} times in this document, at most {max}"
        attrs["min_message_template"] = (
            message if "message" in spec else "{summary}: {count} in this document, at least {min}"
        )
        attrs["message_template"] = attrs["message_template"].replace("{summary}", _literal(summary))
        attrs["min_message_template"] = attrs["min_message_template"].replace("{summary}", _literal(summary))
        base = OccurrenceRule
    elif kind == "repetition":
        tokens = _get(spec, "tokens", list, path, where, required=True)
        if not tokens or not all(isinstance(t, str) and t for t in tokens):
            raise _fail(path, where, "'tokens' must be a non-empty list of non-empty strings")
        for t in tokens:
            _compile(t, flags, path, where)
        alternation = "|".join(f"(?:{t})" for t in sorted(tokens, key=len, reverse=True))
        nonword = _get(spec, "nonword", bool, path, where, default=False)
        source = alternation if nonword else rf"\b(?:{alternation})\b"
        distance = _get(spec, "distance", int, path, where, default=1)
        if distance < 1:
            raise _fail(path, where, "'distance' must be at least 1 (1: the next word)")
        attrs["pattern"] = _compile(source, flags, path, where, probe)
        attrs["distance"] = distance
        attrs["ignorecase"] = ignorecase
        if "message" not in spec:
            attrs["message_template"] = "'{match}' again, {distance} word(s) after the last one"
        base = RepetitionRule
    elif kind == "metric":
        formula = _get(spec, "formula", str, path, where, required=True)
        condition = _get(spec, "condition", str, path, where, required=True)
        try:
            attrs["formula"] = _parse_formula(formula)
        except ValueError as exc:
            raise _fail(path, where, str(exc)) from None
        parsed = _CONDITION.match(condition)
        if parsed is None:
            raise _fail(
                path,
                where,
                f"'condition' must be a comparison and a number, e.g. '> 25' (not {shown(condition)})",
            )
        attrs["comparison"], attrs["threshold"] = parsed.group(1), float(parsed.group(2))
        attrs["pattern"] = _compile(r"(?!)", flags, path, where)
        if "message" not in spec:
            attrs["message_template"] = _literal(summary) + ": {value} ({condition})"
        base = MetricRule
    elif kind == "capitalization":
        case = _get(spec, "match", str, path, where, required=True)
        if case not in _CASES:
            raise _fail(path, where, f"'match' must be one of: {', '.join(_CASES)} (not '{case}')")
        exceptions = _get(spec, "exceptions", list, path, where, default=[])
        if not all(isinstance(e, str) and e.strip() for e in exceptions):
            raise _fail(path, where, "'exceptions' must be a list of non-empty strings")
        attrs["case"] = _CASES[case]
        if exceptions:
            # Literal words and phrases, matched in any case, one alternation.
            alternation = "|".join(regex.escape(e) for e in sorted(exceptions, key=len, reverse=True))
            attrs["exceptions"] = _compile(
                rf"(?<!\w)(?:{alternation})(?!\w)", regex.VERSION1 | regex.IGNORECASE, path, where, probe
            )
            attrs["exception_spellings"] = {e.casefold(): e for e in exceptions}
        # A recased heading is a suggestion: names a case rule cannot know
        # (Biden, Paris) would lose their capitals.
        if applicability is not Applicability.DISPLAY_ONLY and "applicability" in spec:
            raise _fail(
                path, where, "a capitalization rule's fix is display-only (names would lose capitals)"
            )
        attrs["fix_applicability"] = Applicability.DISPLAY_ONLY
        attrs["pattern"] = _compile(r"(?!)", flags, path, where)
        if "message" not in spec:
            attrs["message_template"] = "Heading not in {case} case: '{replacement}'"
        base = CapitalizationRule
    else:
        source = _get(spec, "pattern", str, path, where, required=True)
        if _get(spec, "multiline", bool, path, where, default=False):
            flags |= regex.MULTILINE
        attrs["pattern"] = _compile(source, flags, path, where, probe)
        attrs["replacement"] = _get(spec, "replacement", str, path, where, default=None)
    attrs["fixable"] = attrs.get("replacement") is not None or kind in (
        "substitution",
        "consistency",
        "capitalization",
    )

    examples_raw = _get(spec, "examples", list, path, where, default=[])
    examples: list[Example] = []
    for ex in examples_raw:
        if not isinstance(ex, Mapping) or not isinstance(ex.get("bad"), str):
            raise _fail(path, where, "each example needs a 'bad' string (and optionally 'fixed')")
        extra = set(ex) - {"bad", "fixed", "markup"}
        if extra:
            raise _fail(path, where, f"unknown example key(s): {', '.join(sorted(extra))}")
        examples.append(Example(ex["bad"], ex.get("fixed"), ex.get("markup", "plain")))
    ok = _get(spec, "ok", list, path, where, default=[])
    if not all(isinstance(o, str) for o in ok):
        raise _fail(path, where, "'ok' must be a list of strings")
    attrs["examples"] = tuple(examples)
    attrs["ok"] = tuple(ok)
    cls_name = "".join(part.capitalize() for part in name.split("-")) + "Rule"
    return type(cls_name, (base,), attrs)


def _phrases(phrases: Iterable[str], nonword: bool) -> str:
    """One alternation of literal phrases, longest first, as whole words
    unless ``nonword`` (not inside a word, nor an abbreviation like `U.S`)."""
    alternation = "|".join(regex.escape(k) for k in sorted(phrases, key=len, reverse=True))
    return alternation if nonword else rf"(?<![\w.])(?:{alternation})(?![\w]|\.\w)"


def load_pack(path: Path, *, probe: bool = True) -> Pack:
    """Load and validate one TOML pack; raise ConfigError naming the file and the problem."""
    data = read_toml(path, MAX_PACK_BYTES, "rule pack")
    unknown = set(data) - {"pack", "rules"}
    if unknown:
        raise ConfigError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    meta = data.get("pack")
    if not isinstance(meta, Mapping) or not isinstance(meta.get("name"), str):
        raise ConfigError(f"{path}: missing [pack] table with a 'name'")
    extra = set(meta) - {"name", "description"}
    if extra:
        raise ConfigError(f"{path}: [pack]: unknown key(s): {', '.join(sorted(extra))}")
    name = meta["name"]
    if not _NAME.match(name):
        raise ConfigError(f"{path}: pack name '{name}' must be kebab-case")
    specs = data.get("rules", [])
    if not isinstance(specs, list) or not specs:
        raise ConfigError(f"{path}: a pack needs at least one [[rules]] entry")
    rules = tuple(_rule_from_spec(spec, name, path, i, probe) for i, spec in enumerate(specs))
    return Pack(name, str(meta.get("description", "")), path, rules)


def shipped_pack_paths() -> list[Path]:
    """The packs lintnews ships: bundled in the wheel, or rules/ in a source checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "rules", here.parent / "rules"):
        if folder.is_dir():
            return sorted(folder.glob("*.toml"))
    return []


def load_packs(paths: Iterable[Path]) -> list[Pack]:
    return [load_pack(p) for p in paths]
