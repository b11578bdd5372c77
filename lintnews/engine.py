"""Running rules over documents, dropping suppressed findings, and fixing.

``Linter`` is the reusable unit: it resolves the config into rule instances
once and then checks or fixes any number of texts. The CLI, the Python API
and the batch paths all go through it.
"""

from __future__ import annotations

import fnmatch
import os
import traceback
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from lintnews.config import Config
from lintnews.diagnostics import Applicability, Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.errors import ConfigError
from lintnews.fixer import fix_candidates

# Re-exported: lintnews.engine was their home, and callers import them from here.
from lintnews.fixrun import MAX_FIX_PASSES as MAX_FIX_PASSES
from lintnews.fixrun import FixResult as FixResult
from lintnews.fixrun import fix_text
from lintnews.pieces import cut_points
from lintnews.registry import Registry, load_registry
from lintnews.rule import Context, Rule

#: Size of the pieces an article-local rule sees of a huge file (characters).
#: Far above any real article, so ordinary files are never split.
ARTICLE_CHUNK = 100_000


class Linter:
    """A configured set of rules, ready to check and fix texts."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        registry: Registry | None = None,
    ) -> None:
        self.config = config or Config()
        self.registry = registry or load_registry(self.config.packs)
        reg = self.registry
        where = str(self.config.path) if self.config.path else "options"
        reg.validate(self.config.select or (), where)
        reg.validate(self.config.extend_select, where)
        reg.validate(self.config.ignore, where)
        reg.validate(self.config.fixable or (), where)
        reg.validate(self.config.unfixable, where)
        for glob, sels in self.config.per_file_ignores.items():
            reg.validate(sels, f"{where}: per-file-ignores '{glob}'")
        classes = reg.select(self.config.select, self.config.extend_select, self.config.ignore)
        self.rules: list[Rule] = []
        for cls in classes:
            try:
                rule = cls(**self.config.rule_options.get(cls.code, {}))
            except ValueError as exc:
                raise ConfigError(f"{where}: {exc}") from None
            rule.configure(self.config)
            self.rules.append(rule)
        for code in self.config.rule_options:
            if reg.get(code) is None:
                raise ConfigError(f"{where}: options given for unknown rule '{code}'")
        self._fixable_codes = {
            r.code for r in reg.select(self.config.fixable or ("ALL",), (), self.config.unfixable)
        }

    # -- the per-run pass --------------------------------------------------

    @property
    def needs_run_pass(self) -> bool:
        """Whether a selected rule learns from the whole run (see Rule.cross_file)."""
        return any(r.cross_file for r in self.rules)

    def prepare_run(self, documents: Iterable[Document]) -> None:
        """Feed every document of the run to the cross-file rules, in order.

        Call once before checking when ``needs_run_pass``; the documents may be
        a generator, so a run over many files needs no more memory than one.
        """
        if not self.needs_run_pass:
            return
        facts: dict[str, list[Any]] = {r.code: [] for r in self.cross_rules}
        for doc in documents:
            for code, fact in self.collect(doc).items():
                facts[code].append(fact)
        self.prepare_facts(facts)

    @property
    def cross_rules(self) -> list[Rule]:
        """The selected rules that learn from the whole run."""
        return [r for r in self.rules if r.cross_file]

    @property
    def local_rules(self) -> list[Rule]:
        """The selected rules that need only the document they check."""
        return [r for r in self.rules if not r.cross_file]

    def collect(self, doc: Document) -> dict[str, Any]:
        """One document's facts for each cross-file rule, by rule code.

        The split form of ``prepare_run`` for parallel and distributed runs:
        collect per document anywhere, then ``prepare_facts`` once, in order.
        """
        return {rule.code: rule.collect(doc) for rule in self.cross_rules}

    def prepare_facts(self, facts: Mapping[str, Sequence[Any]]) -> None:
        """Reduce every document's facts (in run order, keyed by rule code)."""
        for rule in self.cross_rules:
            rule.prepare(facts.get(rule.code, ()))

    def run_state(self) -> dict[str, dict[str, Any]]:
        """The prepared state of the cross-file rules (each instance's
        attributes), to ship to worker processes with ``load_run_state``."""
        return {rule.code: dict(vars(rule)) for rule in self.cross_rules}

    def load_run_state(self, state: Mapping[str, Mapping[str, Any]]) -> None:
        """Adopt the prepared state of another Linter built from the same config."""
        for rule in self.cross_rules:
            attrs = state.get(rule.code)
            if attrs is not None:
                vars(rule).clear()
                vars(rule).update(attrs)

    # -- checking ----------------------------------------------------------

    def _ignored_for(self, path: str) -> tuple[str, ...]:
        if not self.config.per_file_ignores or path == "-":
            return ()
        try:
            # realpath: Path.resolve() raises on a symbolic link loop (3.10-3.12).
            real, root = Path(os.path.realpath(path)), Path(os.path.realpath(self.config.root))
            rel = PurePosixPath(real.relative_to(root).as_posix())
        except ValueError:
            rel = PurePosixPath(Path(path).as_posix())
        out: list[str] = []
        for glob, sels in self.config.per_file_ignores.items():
            if rel.match(glob) or fnmatch.fnmatch(rel.as_posix(), glob) or fnmatch.fnmatch(rel.name, glob):
                out.extend(sels)
        return tuple(out)

    def check_document(self, doc: Document, rules: Sequence[Rule] | None = None) -> list[Diagnostic]:
        """Diagnostics for ``doc``, sorted. ``rules`` (default: every selected
        rule) restricts the run to some of them: filtering is per diagnostic,
        so the union over a split of the rules is the same as one full run."""
        ignored = self._ignored_for(doc.path)
        min_rank = self.config.min_severity.rank
        found: list[Diagnostic] = []
        huge = len(doc.text) > ARTICLE_CHUNK * 1.5
        chunked: list[Rule] = []
        for rule in self.rules if rules is None else rules:
            if ignored and any(self.registry.specificity(s, type(rule)) >= 0 for s in ignored):
                continue
            if huge and rule.article_local:
                chunked.append(rule)
                continue
            ctx = Context(doc, rule)
            try:
                rule.check(doc, ctx)
            except Exception as exc:  # one broken rule must not hide the others
                found.append(_crash(doc, rule, exc))
                continue
            found.extend(ctx.diagnostics)
        if chunked:
            found.extend(_check_in_chunks(chunked, doc))
        sup = doc.suppressions
        if sup:
            found = [d for d in found if d.code == "LN001" or not sup.is_suppressed(d, self.registry.matches)]
        found = [d for d in found if d.severity.rank >= min_rank]
        found.sort(key=Diagnostic.sort_key)
        return found

    def check(self, text: str, path: str | None = "-", markup: str | None = None) -> list[Diagnostic]:
        """Diagnostics for ``text``; ``path`` (None: ``-``) is reported and its
        suffix picks Markdown or plain text unless ``markup`` is given."""
        return self.check_document(Document(text, path or "-", markup))

    # -- fixing ------------------------------------------------------------

    def can_fix(self, diag: Diagnostic, unsafe: bool) -> bool:
        if diag.fix is None or diag.code not in self._fixable_codes:
            return False
        applicability = diag.fix.applicability
        return applicability is Applicability.SAFE or (unsafe and applicability is Applicability.UNSAFE)

    def fix_candidates(self, text: str, diagnostics: Sequence[Diagnostic], unsafe: bool) -> list[Diagnostic]:
        """The diagnostics of ``text`` whose fixes a run tries: those it may
        apply, less those withheld (see :func:`lintnews.fixer.fix_candidates`)."""
        return fix_candidates(text, diagnostics, lambda d: self.can_fix(d, unsafe))

    def fix(
        self,
        text: str,
        path: str | None = "-",
        markup: str | None = None,
        *,
        unsafe: bool | None = None,
    ) -> FixResult:
        """Fix what ``check`` reports on ``text``, and nothing else, to a
        fixed point (see :mod:`lintnews.fixrun`)."""
        unsafe = self.config.unsafe_fixes if unsafe is None else unsafe
        return fix_text(self, text, path or "-", markup, unsafe)

    def fixable_count(
        self, diagnostics: Sequence[Diagnostic], unsafe: bool | None = None, text: str | None = None
    ) -> int:
        """How many of a document's diagnostics ``fix`` would apply in its
        first pass (``text``, the document's, decides which are withheld)."""
        unsafe = self.config.unsafe_fixes if unsafe is None else unsafe
        if text is None:
            return sum(1 for d in diagnostics if self.can_fix(d, unsafe))
        return len(self.fix_candidates(text, diagnostics, unsafe))


class _ShiftedContext(Context):
    """Reports a chunk's findings into the whole document's context."""

    def __init__(self, parent: Context, offset: int) -> None:
        super().__init__(parent.doc, parent.rule)
        self._parent = parent
        self._offset = offset

    def report(
        self,
        start: int,
        end: int,
        message: str | None = None,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> None:
        k = self._offset
        fix = fix.shifted(k) if fix is not None else None
        self._parent.report(start + k, end + k, message, fix=fix, severity=severity)


def _check_in_chunks(rules: Sequence[Rule], doc: Document) -> list[Diagnostic]:
    """Run article-local rules over a huge document's article-sized pieces.

    Every rule sees one piece before the next is cut, so the piece's views and
    word index are built once for all of them and memory holds one piece.
    """
    masked = doc.masked
    contexts = [Context(doc, rule) for rule in rules]
    crashed: dict[int, Exception] = {}
    for start, end in cut_points(doc.text, ARTICLE_CHUNK, markdown=doc.markup == "markdown"):
        piece = Document(doc.text[start:end], doc.path, doc.markup)
        # The chunk keeps the whole file's masking (a code fence may open in
        # an earlier chunk); scope and quotes are judged on the whole file.
        piece.__dict__["masked"] = masked[start:end]
        for i, rule in enumerate(rules):
            if i in crashed:
                continue
            try:
                rule.check(piece, _ShiftedContext(contexts[i], start))
            except Exception as exc:  # one broken rule must not hide the others
                crashed[i] = exc
    found: list[Diagnostic] = []
    for i, rule in enumerate(rules):
        if i in crashed:
            found.append(_crash(doc, rule, crashed[i]))
        else:
            found.extend(contexts[i].diagnostics)
    return found


def _crash(doc: Document, rule: Rule, exc: Exception) -> Diagnostic:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        message=f"Rule crashed ({type(exc).__name__}: {exc}{where}); its findings for this file are missing",
        span=Span(0, 0),
        severity=Severity.ERROR,
        path=doc.path,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        extra={"crash": "1"},
    )
