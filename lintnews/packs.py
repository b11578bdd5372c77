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
    type = "existence"            # existence | substitution | pattern
    summary = "Avoid 'very'"
    message = "Avoid '{match}'"
    tokens = ["very"]             # regex fragments, word-bounded unless nonword = true
    ignorecase = true
    examples = [{ bad = "a very big", fixed = "..." }]   # fixed only if the rule fixes
    ok = ["every"]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import regex

from lintnews.diagnostics import Applicability, Fix, Severity
from lintnews.document import PROSE_KINDS, Document, RegionKind
from lintnews.errors import ConfigError
from lintnews.rule import Context, Example, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULE_TYPES = ("existence", "substitution", "pattern")
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

    def check(self, doc: Document, ctx: Context) -> None:
        masked, text = doc.masked, doc.text
        lone_cr = "\r" in masked and bool(self.pattern.flags & regex.MULTILINE) and _LONE_CR.search(masked)
        if lone_cr:
            # `^` and `$` see only LF as a line break: a lone CR (old Mac
            # text) becomes one, keeping every offset.
            masked = _LONE_CR.sub("\n", masked)
        budget = match_budget(len(masked))
        try:
            matches = list(self.pattern.finditer(masked, timeout=budget))
        except TimeoutError:
            raise RuntimeError(
                f"pattern took longer than {budget:.3g} s on this document (catastrophic backtracking?)"
            ) from None
        for m in matches:
            if m.end() == m.start():
                continue
            repl = self.replacement_for(m, text)
            fix = None
            if repl is not None:
                title = self.fix_title or (f"Replace with '{repl}'" if repl else "Remove it")
                fix = Fix.replace(m.start(), m.end(), repl, title, self.fix_applicability)
            # Messages quote the text as written, not its masked copy.
            groups = {k: text[a:b] if a >= 0 else None for k, (a, b) in _group_spans(m).items()}
            message = self.message_template.format_map(
                _Fields(match=text[m.start() : m.end()], replacement=repl or "", groups=groups)
            )
            # A removal pattern takes the blank lines around a paragraph so
            # that the fix leaves no hole; the finding itself points at the
            # text, not at the blank line before it.
            start, end = _trimmed(masked, m.start(), m.end())
            ctx.report(start, end, message, fix=fix)


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
        if self.ignorecase and found[:1].isupper() and repl[:1].islower():
            repl = repl[:1].upper() + repl[1:]
        return repl


class _Fields(dict[str, Any]):
    """format_map fields: {match}, {replacement} and named groups; unknown keys stay."""

    def __init__(self, match: str, replacement: str, groups: Mapping[str, str | None]) -> None:
        super().__init__({k: v or "" for k, v in groups.items()})
        self["match"] = match
        self["replacement"] = replacement

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


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
    try:
        pattern = regex.compile(source, flags)
    except regex.error as exc:
        raise _fail(path, where, f"invalid regular expression {source!r}: {exc}") from None
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
            path, where, f"regular expression {source!r} is pathologically slow (catastrophic backtracking)"
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
        keys = sorted(swap, key=len, reverse=True)
        alternation = "|".join(regex.escape(k) for k in keys)
        nonword = _get(spec, "nonword", bool, path, where, default=False)
        source = alternation if nonword else rf"(?<![\w.])(?:{alternation})(?![\w]|\.\w)"
        attrs["pattern"] = _compile(source, flags, path, where, probe)
        attrs["swap"] = {(k.casefold() if ignorecase else k): v for k, v in swap.items()}
        attrs["ignorecase"] = ignorecase
        if "message" not in spec:
            attrs["message_template"] = "Use '{replacement}' instead of '{match}'"
        base = SubstitutionRule
    else:
        source = _get(spec, "pattern", str, path, where, required=True)
        if _get(spec, "multiline", bool, path, where, default=False):
            flags |= regex.MULTILINE
        attrs["pattern"] = _compile(source, flags, path, where, probe)
        attrs["replacement"] = _get(spec, "replacement", str, path, where, default=None)
    attrs["fixable"] = attrs.get("replacement") is not None or kind == "substitution"

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


def load_pack(path: Path, *, probe: bool = True) -> Pack:
    """Load and validate one TOML pack; raise ConfigError naming the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: rule pack not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read rule pack: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
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
