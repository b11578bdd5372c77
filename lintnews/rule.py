"""The rule plugin API: subclass ``Rule``, set its metadata, implement ``check``.

A rule reads the shared views of a ``Document`` (``doc.masked``, ``doc.words``,
``doc.sentences``...) and calls ``ctx.report``. It never re-tokenizes the text
and never applies its own fixes: the engine does that, skipping overlaps.

Example::

    class DoubleComma(Rule):
        '''## What it flags
        Two commas in a row.
        ...'''
        code = "XY101"
        name = "double-comma"
        summary = "Doubled comma"
        fixable = True
        examples = (Example(",,", ","),)
        ok = ("a, b",)
        _pattern = regex.compile(",,")

        def check(self, doc, ctx):
            for m in self._pattern.finditer(doc.masked):
                ctx.report(m.start(), m.end(), "Doubled comma",
                           fix=Fix.replace(m.start(), m.end(), ",", "Remove the extra comma"))
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import PROSE_KINDS, Document, RegionKind

if TYPE_CHECKING:
    from lintnews.config import Config


@dataclass(frozen=True)
class Example:
    """A defective text, and what it must become when the rule's fix is applied.

    ``fixed`` is None for a rule without an applicable fix. ``markup`` is
    "plain" or "markdown".
    """

    bad: str
    fixed: str | None = None
    markup: str = "plain"


@dataclass
class Context:
    """Collects one rule's diagnostics for one document."""

    doc: Document
    rule: Rule
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def report(
        self,
        start: int,
        end: int,
        message: str | None = None,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> None:
        rule = self.rule
        if not rule.in_quotes and self.doc.in_quotes(start, end):
            return
        if not rule.in_code and self.doc.in_code_like(start):
            return
        if self.doc.kind_at(start) not in rule.scopes:
            return
        lines = self.doc.lines
        line, col = lines.position(start)
        end_line, end_col = lines.position(end)
        self.diagnostics.append(
            Diagnostic(
                code=rule.code,
                name=rule.name,
                # Interned: a dense document repeats a few messages
                # thousands of times, and each copy would be its own string.
                message=sys.intern(message) if message else rule.summary,
                span=Span(start, end),
                severity=severity or rule.severity,
                fix=fix,
                path=self.doc.path,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
            )
        )


class Rule:
    """Base class of every rule. Subclasses set the class attributes below.

    The docstring is the rule's documentation, in Markdown sections:
    ``## What it flags``, ``## Why``, ``## Example``, ``## Fix safety``.
    """

    #: Unique code: LN + 3 digits for built-ins (LN1xx characters, LN2xx words,
    #: LN3xx sentences, LN4xx structure); a pack's own prefix otherwise.
    code: ClassVar[str] = ""
    #: Unique kebab-case name, selectable like a code.
    name: ClassVar[str] = ""
    #: One line shown in listings and used as the default message.
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    #: Whether the rule can offer fixes at all.
    fixable: ClassVar[bool] = False
    #: On without being selected. Only rules measured near-silent on clean copy.
    default: ClassVar[bool] = True
    #: Region kinds the rule may report in.
    scopes: ClassVar[frozenset[RegionKind]] = PROSE_KINDS
    #: Whether the rule reports inside quotations. Mechanical rules (spacing,
    #: mojibake) do; style rules leave someone's words alone.
    in_quotes: ClassVar[bool] = False
    #: Whether the rule reports inside code pasted into prose (an embed
    #: script, a page template: ``Document.code_like``). Code follows its
    #: language, not news style: only rules whose defect is the same in code
    #: (an invisible character, mojibake, an entity, trailing whitespace) do.
    in_code: ClassVar[bool] = False
    #: Where the rule came from: "builtin", a pack name, or a plugin's package.
    origin: ClassVar[str] = "builtin"
    #: Defective texts with their fixed forms; the examples test runs them all.
    examples: ClassVar[tuple[Example, ...]] = ()
    #: Texts the rule must leave clean.
    ok: ClassVar[tuple[str, ...]] = ()
    #: Option names and defaults for ``[tool.lintnews.rules.<CODE>]``.
    options: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, **settings: Any) -> None:
        unknown = set(settings) - set(self.options)
        if unknown:
            raise ValueError(
                f"unknown option(s) for {self.code}: {', '.join(sorted(unknown))}"
                + (f" (known: {', '.join(sorted(self.options))})" if self.options else "")
            )
        self.settings: dict[str, Any] = {**self.options, **settings}

    #: True for a rule whose evidence is the article around a finding (its
    #: vocabulary, its names). On a huge file (many articles pasted together)
    #: the engine runs it on article-sized chunks, so looking a word up in
    #: "the article" costs a chunk, not the whole file, and the run stays linear.
    article_local: ClassVar[bool] = False
    #: True for a rule that learns from the whole run before checking any
    #: document (boilerplate lines shared by many files). The engine calls
    #: ``collect`` on every document, then ``prepare`` once with all the facts
    #: in file order, then ``check`` per document as usual.
    cross_file: ClassVar[bool] = False

    def check(self, doc: Document, ctx: Context) -> None:
        raise NotImplementedError

    def configure(self, config: Config) -> None:
        """Called once by the Linter with the run's config (e.g. to build a
        lexicon from ``config.vocabulary``). Rules without such needs ignore it."""

    def collect(self, doc: Document) -> Any:
        """Per-document facts for a cross-file rule. Must be picklable and
        small (hashes, not text): a parallel or distributed run ships them."""
        return None

    def prepare(self, facts: Sequence[Any]) -> None:
        """Reduce the facts of every document of the run into the rule's state."""

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "").strip()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"
