"""The ``lintnews`` command: check, fix, rule, rules.

Exit codes: 0 clean (or only findings below ``fail-on``), 1 findings at or
above ``fail-on``, 2 a usage, config or input error. Every error is one line on
stderr naming the file and the problem; no traceback, no file modified.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, closing, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from lintnews import __version__, pieces
from lintnews.cache import Alias, Cache, default_cache_dir, quick_key, read_alias, write_alias
from lintnews.config import Config, discover_config
from lintnews.diagnostics import Applicability, Diagnostic, Severity
from lintnews.discovery import discover
from lintnews.errors import FileChangedError, LintnewsError
from lintnews.fixer import fix_candidates
from lintnews.gcpolicy import pace_for_batch
from lintnews.interrupts import Terminated, held, stop_on_signals
from lintnews.interrupts import exit_code as interrupt_exit_code
from lintnews.jsonl import BadLine, BlankLine, JsonlWriter, Record, is_jsonl, read_records
from lintnews.jsonl import estimated_size as jsonl_estimated_size
from lintnews.jsonl import open_input as open_jsonl
from lintnews.output import FORMATS, NEEDS_RULES, Report, Tally, render
from lintnews.output.stream import STREAMED, Stream
from lintnews.parallel import Batch, Unit, default_jobs
from lintnews.pieces import Piece, shift, split
from lintnews.safeio import MAX_DOCUMENT_BYTES, Unreadable, read_stream, size_text, unwritable_target
from lintnews.sources import SourceFile, decode, read_source
from lintnews.writeback import PieceOf, Writeback

# The rules (and the engine, the packs' patterns, the lexicon) load only when
# a document must be checked: a run the cache answers entirely never loads them.
if TYPE_CHECKING:
    from lintnews.baseline import Baseline
    from lintnews.engine import Linter
    from lintnews.rule import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"lintnews: error: {one_line(message)}", err=True)
    sys.exit(EXIT_ERROR)


#: Characters that would break an error onto a second line, or drive the
#: terminal (ESC), when a file name or a hostile key or value is quoted.
_CONTROL = str.maketrans({c: repr(chr(c))[1:-1] for c in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)})


def one_line(message: str) -> str:
    """``message`` with its control characters escaped: always one line."""
    return message.translate(_CONTROL)


def _split(values: Sequence[str]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def _use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _selection_options(func: Any) -> Any:
    options = [
        click.option(
            "--select",
            multiple=True,
            metavar="CODES",
            help="Rules to run (codes, prefixes, names or packs; comma-separated). Replaces the default set.",
        ),
        click.option(
            "--extend-select",
            multiple=True,
            metavar="CODES",
            help="Rules to run in addition to the selected ones.",
        ),
        click.option("--ignore", multiple=True, metavar="CODES", help="Rules not to run."),
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path),
            help="Config file (default: the nearest lintnews.toml or pyproject.toml with [tool.lintnews]).",
        ),
        click.option(
            "--stdin-filename",
            metavar="PATH",
            help="The path to report for text read from stdin ('-'); its suffix "
            "chooses Markdown or plain text.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice([s.value for s in Severity]),
            help="Lowest severity that makes the exit code 1 (default: warning).",
        ),
        click.option("--no-color", is_flag=True, help="Never colour the output."),
        click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only, no summary."),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=0),
            default=None,
            metavar="N",
            help="Worker processes (default: the number of CPUs; 1: no pool). "
            "Results and their order are the same for any N.",
        ),
        click.option(
            "--no-cache",
            is_flag=True,
            help="Neither read nor write the result cache (.lintnews_cache/ in the config "
            "root or the current folder; $LINTNEWS_CACHE_DIR moves it).",
        ),
        click.option(
            "--jsonl-field",
            metavar="FIELD",
            help="Read files named on the command line (and '-') as JSON Lines, linting "
            "this field of each record. *.jsonl, *.ndjson (and .gz) are always JSON Lines "
            "(default field: text).",
        ),
        click.option(
            "--jsonl-id",
            metavar="FIELD",
            help="Report JSON Lines records as FILE:<value of FIELD> instead of FILE:<line number>.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


class _Progress:
    """A one-line counter on stderr for long runs, on a terminal only."""

    def __init__(self, enabled: bool, noun: str = "documents") -> None:
        self.enabled = enabled
        self.noun = noun
        self.count = 0
        self.size = 0
        self.start = time.monotonic()
        self.next = self.start + 1.0  # quiet for runs shorter than a second
        self.shown = False

    def advance(self, size: int) -> None:
        self.count += 1
        self.size += size
        if not self.enabled:
            return
        now = time.monotonic()
        if now < self.next:
            return
        self.next = now + 0.25
        rate = self.size / max(now - self.start, 1e-9) / 1e6
        click.echo(
            f"\rlintnews: {self.count:,} {self.noun}, {self.size / 1e6:.1f} MB, {rate:.1f} MB/s ",
            nl=False,
            err=True,
        )
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", nl=False, err=True)
            self.shown = False


@dataclass
class Run:
    config: Config
    color: bool
    quiet: bool
    #: Where the result cache lives; None with --no-cache.
    cache_dir: Path | None = None
    #: The config's quick key (see lintnews.cache.quick_key) and what the
    #: cache recorded under it: with it, the rules load only on a cache miss.
    quick: str | None = None
    alias: Alias | None = None
    built: Linter | None = None
    errors: int = 0
    #: Where findings go as each document's arrive (see lintnews.output.stream);
    #: None: they are kept in ``diagnostics`` and rendered at the end.
    stream: Stream | None = None
    #: Only count findings (fix --diff prints changes, not findings).
    count_only: bool = False
    tally: Tally = field(default_factory=Tally)
    fixable: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Only the lines that diagnostics point at: memory grows with the
    # findings, not with the corpus.
    lines: dict[str, dict[int, str]] = field(default_factory=dict)
    # Report order for JSON Lines records: (file, line number), not the
    # "corpus.jsonl:<id>" string, which would put record 10 before record 9.
    ranks: dict[str, tuple[str, int]] = field(default_factory=dict)
    files: int = 0
    progress: _Progress = field(default_factory=lambda: _Progress(False))
    #: Keep the text of flagged lines (only the ``full`` format shows them:
    #: with 500,000 findings that is seconds and hundreds of MB saved).
    want_lines: bool = True
    #: The huge file being read in pieces has been counted among the files
    #: with findings.
    _piece_counted: bool = False

    @property
    def linter(self) -> Linter:
        """The configured rules, loaded on first use."""
        if self.built is None:
            from lintnews.engine import Linter

            try:
                self.built = Linter(self.config)
            except LintnewsError as exc:
                self.progress.clear()
                _fail(str(exc))
            if self.quick is not None and self.cache_dir is not None:
                self.alias = write_alias(self.cache_dir, self.quick, self.built)
        return self.built

    @property
    def needs_run_pass(self) -> bool:
        if self.built is None and self.alias is not None:
            return self.alias.run_pass
        return self.linter.needs_run_pass

    def fixable_count(self, diagnostics: Sequence[Diagnostic], text: str) -> int:
        """How many of a document's findings ``fix`` would apply first."""
        if self.built is not None or self.alias is None:
            return self.linter.fixable_count(diagnostics, text=text)
        # What Linter.can_fix decides, from what the cache recorded.
        fixable, unsafe = self.alias.fixable, self.config.unsafe_fixes

        def may(d: Diagnostic) -> bool:
            return (
                d.fix is not None
                and d.code in fixable
                and (
                    d.fix.applicability is Applicability.SAFE
                    or (unsafe and d.fix.applicability is Applicability.UNSAFE)
                )
            )

        return len(fix_candidates(text, diagnostics, may))

    def error(self, message: str) -> None:
        self.errors += 1
        self.progress.clear()
        click.echo(f"lintnews: error: {one_line(message)}", err=True)

    def warn(self, message: str) -> None:
        self.progress.clear()
        click.echo(f"lintnews: warning: {one_line(message)}", err=True)

    def source_line(self, path: str, line: int) -> str | None:
        return self.lines.get(path, {}).get(line)

    def keep(
        self,
        path: str,
        text: str,
        diagnostics: list[Diagnostic],
        rank: tuple[str, int] | None = None,
        piece: Piece | None = None,
    ) -> None:
        """Count one document's findings, and print them (streamed) or keep
        them. For a piece of a huge file (``piece``), ``text`` and the
        diagnostics are the piece's: they are moved to the file's positions
        here, and the file is counted once."""
        if piece is None or piece.index == 0:
            self.files += 1
            self._piece_counted = False
        if not diagnostics:
            return
        diagnostics = sorted(diagnostics, key=_span_order)
        self.fixable += self.fixable_count(diagnostics, text)
        if piece is not None:
            diagnostics = [shift(d, piece) for d in diagnostics]
        self.tally.add(diagnostics, new_document=not self._piece_counted)
        self._piece_counted = piece is not None
        if self.count_only:
            return
        if self.stream is not None:
            self.progress.clear()
            self.stream.add(diagnostics, _line_source(text, piece) if self.stream.wants_lines else _no_line)
            return
        self.diagnostics.extend(diagnostics)
        if rank is not None:
            self.ranks[path] = rank
        if not self.want_lines:
            return
        source_line = _line_source(text, piece)
        wanted = self.lines.setdefault(path, {})
        for d in diagnostics:
            if d.line not in wanted:
                line = source_line(path, d.line)
                if line is not None:
                    wanted[d.line] = line

    def sort_key(self, d: Diagnostic) -> tuple[tuple[str, int], int, int, str]:
        return (self.ranks.get(d.path) or (d.path, 0), d.span.start, d.span.end, d.code)


def _span_order(d: Diagnostic) -> tuple[int, int, str]:
    return (d.span.start, d.span.end, d.code)


def _no_line(path: str, line: int) -> str | None:
    return None


def _line_source(text: str, piece: Piece | None = None) -> Any:
    """``source_line`` for one document's findings (the ``full`` format).
    For a piece of a huge file, lines are the file's: the piece's first line
    may lack its start (:class:`LineTail`)."""
    from lintnews.document import LineIndex
    from lintnews.output.full import LineTail

    index = LineIndex(text)
    first = piece.line if piece is not None else 0
    skipped = piece.column if piece is not None else 0

    def source_line(path: str, line: int) -> str | None:
        local = line - first
        if not 1 <= local <= index.line_count:
            return None
        shown = index.line_text(local)
        return LineTail.of(shown, skipped) if local == 1 and skipped else shown

    return source_line


def _streamed(run: Run, fmt: str, statistics: bool, file: Any = None) -> None:
    """Print findings as they arrive when the format allows (constant memory)."""
    if fmt in STREAMED:
        run.stream = Stream(
            fmt,
            lambda out: click.echo(out, nl=False, file=file),
            color=run.color,
            statistics=statistics,
            quiet=run.quiet,
        )


def _setup(
    paths: Sequence[str],
    select: Sequence[str],
    extend_select: Sequence[str],
    ignore: Sequence[str],
    config_path: Path | None,
    fail_on: str | None,
    no_color: bool,
    quiet: bool,
    unsafe_fixes: bool | None = None,
    no_cache: bool = True,
) -> Run:
    first = next((Path(p) for p in paths if p != "-"), Path.cwd())
    try:
        config = discover_config(first if first.exists() else Path.cwd(), config_path)
        sel = _split(select)
        config = config.with_overrides(
            select=sel,
            extend_select=(*config.extend_select, *(_split(extend_select) or ())),
            ignore=(*config.ignore, *(_split(ignore) or ())),
            fail_on=Severity(fail_on) if fail_on else None,
            unsafe_fixes=unsafe_fixes,
        )
    except LintnewsError as exc:
        _fail(str(exc))
    run = Run(config, _use_color(no_color), quiet)
    if not no_cache:
        run.cache_dir = default_cache_dir(config.root)
        run.quick = quick_key(config)
        if run.quick is not None:
            run.alias = read_alias(run.cache_dir, run.quick)
    if run.alias is None or run.alias.run_pass:
        # Load the rules now, so that a bad config fails before any file is
        # read. (A recorded alias means this config loaded before.)
        run.linter  # noqa: B018
    return run


@dataclass(frozen=True)
class _Failed:
    """An input that could not be read: reported in its place in the order.
    With no message, a blank JSON Lines line: nothing to report."""

    message: str | None
    raw: bytes | None = None  # a JSON Lines line, copied through by fix -o
    #: Not an error, but no document either (an empty corpus or folder): said
    #: on stderr, so that "All checks passed!" does not pass for a check.
    warning: str | None = None

    @property
    def unread(self) -> bool:
        """Input was lost, not just refused line by line: the file could not
        be opened, or its stream broke off (a truncated or damaged .gz)."""
        return self.message is not None and self.raw is None


@dataclass
class _Plan:
    """What a run will read, found before reading any of it."""

    targets: list[tuple[str, Any]] = field(default_factory=list)
    units: int = 0
    size: int = 0
    streamed: bool = False  # stdin JSON Lines: size unknown

    @property
    def estimate(self) -> tuple[int, int] | None:
        return None if self.streamed else (self.units, self.size)

    @property
    def jsonl(self) -> list[Any]:
        return [value for kind, value in self.targets if kind == "jsonl"]


def _plan(run: Run, paths: Sequence[str], jsonl_given: bool, stdin_display: str = "-") -> _Plan:
    """The files to read, sorted by the path reported (the report's order, so
    findings can be printed as they arrive). A file is read as JSON Lines when
    its name ends in .jsonl/.ndjson (optionally .gz), or when it is named on
    the command line with --jsonl-field; '-' is JSON Lines with --jsonl-field.
    Paths that cannot be searched come first: they are reported as errors."""
    plan = _Plan()
    # A file named twice (or inside a folder also named) is read once; by
    # absolute path, not resolve(): no system call per file of a big tree.
    seen: set[str] = set()
    errors: list[str] = []
    for target in list(paths) or ["."]:
        if target == "-":
            if jsonl_given:
                plan.targets.append(("jsonl", "-"))
                plan.streamed = True
            else:
                plan.targets.append(("stdin", None))
                plan.units += 1
            continue
        if os.path.abspath(target) in seen:
            continue  # a file of a folder named before, reported there if unreadable
        try:
            files = list(discover([Path(target)], run.config, on_error=errors.append))
        except LintnewsError as exc:
            plan.targets.append(("error", str(exc)))
            seen.add(os.path.abspath(target))  # and not again as a file of a folder
            continue
        finally:
            # A folder that could not be read is reported, not silently skipped.
            plan.targets.extend(("error", message) for message in errors)
            errors.clear()
        if not files and Path(target).is_dir():
            include = ", ".join(run.config.include)
            plan.targets.append(("warning", f"{target}: no files to check (none matches {include})"))
        named = Path(target).is_file()
        for file in files:
            key = os.path.abspath(file)
            if key in seen:
                continue
            seen.add(key)
            if is_jsonl(file) or (named and jsonl_given):
                plan.targets.append(("jsonl", file))
                size = jsonl_estimated_size(file)
                plan.size += size
                plan.units += max(1, size // 2048)
            else:
                plan.targets.append(("file", file))
                try:
                    size = file.stat().st_size
                except OSError:
                    size = 0
                plan.size += size
                # A huge file is checked in pieces, which may go to several workers.
                plan.units += max(1, size // pieces.PIECE_SIZE)

    def reported(target: tuple[str, Any]) -> str:
        kind, value = target
        if kind in ("error", "warning"):
            return ""
        return stdin_display if value is None or value == "-" else str(value)

    plan.targets.sort(key=reported)
    return plan


class _Stdin:
    """stdin, read once: a second pass (cross-file rules) reuses what was read."""

    def __init__(self, display: str, keep: bool) -> None:
        self.display = display
        self.keep = keep
        self._items: list[Unit | _Failed] | None = None

    def items(self, field_name: str | None, id_field: str | None) -> Iterator[Unit | _Failed]:
        if self._items is not None:
            yield from self._items
            return
        stream = self._read(field_name, id_field)
        if not self.keep:
            yield from stream
            return
        self._items = list(stream)
        yield from self._items

    def _read(self, field_name: str | None, id_field: str | None) -> Iterator[Unit | _Failed]:
        if field_name is not None:
            yield from _records(sys.stdin.buffer, self.display, field_name, id_field)
            return
        data = read_stream(sys.stdin.buffer, MAX_DOCUMENT_BYTES)
        if len(data) > MAX_DOCUMENT_BYTES:  # `lintnews check - < /dev/zero`
            yield _Failed(f"{self.display}: larger than the {size_text(MAX_DOCUMENT_BYTES)} limit")
            return
        try:
            text, bom = decode(data, self.display)
        except LintnewsError as exc:
            yield _Failed(str(exc))
            return
        yield from _units(SourceFile(None, self.display, text, bom, None))


def _records(stream: Any, display: str, field_name: str, id_field: str | None) -> Iterator[Unit | _Failed]:
    empty = True
    for record in read_records(stream, display, field_name, id_field):
        if isinstance(record, BlankLine):
            yield _Failed(None, record.raw)
            continue
        empty = False
        if isinstance(record, BadLine):
            yield _Failed(record.message, record.raw)
        else:
            # Records are plain text whatever their id looks like ("x.md").
            yield Unit(f"{display}:{record.id}", record.text, "plain", record, cache=False)
    if empty:
        yield _Failed(None, warning=f"{display}: no records to check (the corpus is empty)")


def _units(source: SourceFile) -> Iterator[Unit]:
    """The documents of a file: the file, or, if it is huge, its pieces."""
    if len(source.text) <= pieces.PIECE_THRESHOLD:
        yield Unit(source.display, source.text, None, source)
        return
    for piece, text in split(source.text, source.display):
        yield Unit(source.display, text, None, PieceOf(source, piece), cache=False)


def _piece(item: Unit) -> Piece | None:
    return item.ref.piece if isinstance(item.ref, PieceOf) else None


def _items(plan: _Plan, stdin: _Stdin, field_name: str, id_field: str | None) -> Iterator[Unit | _Failed]:
    """Every document of the run, in order, and the inputs that failed, in their place."""
    for kind, value in plan.targets:
        if kind == "error":
            yield _Failed(value)
        elif kind == "warning":
            yield _Failed(None, warning=value)
        elif kind == "stdin":
            yield from stdin.items(None, None)
        elif kind == "file":
            try:
                source = read_source(value, str(value))
            except LintnewsError as exc:
                yield _Failed(str(exc))
                continue
            yield from _units(source)
        elif value == "-":
            yield from stdin.items(field_name, id_field)
        else:
            try:
                stream = open_jsonl(value)
            except Unreadable as exc:  # a FIFO, a device, an empty .gz...
                yield _Failed(f"{value}: {exc}")
                continue
            with stream:
                yield from _records(stream, str(value), field_name, id_field)


def _batch(
    run: Run,
    plan: _Plan,
    jobs: int | None,
    no_cache: bool,
    dask_scheduler: str | None = None,
) -> tuple[Batch, Any]:
    """The Batch for this run, and the Dask client to close (or None)."""
    cache = None
    if not no_cache:
        if run.built is None and run.alias is not None:
            cache = Cache(run.cache_dir or default_cache_dir(run.config.root), run.alias.namespace)
        else:
            cache = Cache.for_linter(run.linter, run.cache_dir)
    if dask_scheduler is None:
        linter: Any = run.built or (lambda: run.linter)
        return Batch(linter, jobs=jobs or default_jobs(), cache=cache, estimate=plan.estimate), None
    try:
        from lintnews.dask import connect, dask_backend
    except ImportError:
        _fail("--dask-scheduler needs Dask: pip install 'lintnews[dask]'")
    try:
        client = connect(dask_scheduler)
    except Exception as exc:  # OSError, TimeoutError, ValueError for a bad address
        _fail(f"--dask-scheduler {dask_scheduler}: cannot connect: {exc or type(exc).__name__}")
    return Batch(run.linter, cache=cache, backend_factory=dask_backend(client)), client


def _rank(item: Unit) -> tuple[str, int] | None:
    ref = item.ref
    if isinstance(ref, Record):
        return (item.path[: len(item.path) - len(ref.id) - 1], ref.line)
    return None


def _exit_code(run: Run, exit_zero: bool) -> int:
    if run.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if run.tally.worst >= run.config.fail_on.rank else EXIT_OK


def _report(run: Run, fmt: str, statistics: bool, stream: Any = None) -> None:
    run.progress.clear()
    if run.stream is not None:
        # "All checks passed!" would be false when a file could not be read.
        all_clear_is_false = run.errors and not run.tally.problems
        run.stream.close(run.tally, run.files, run.fixable, summary=not all_clear_is_false)
        return
    run.diagnostics.sort(key=run.sort_key)
    report = Report(
        diagnostics=run.diagnostics,
        files_checked=run.files,
        source_line=run.source_line,
        # Rule metadata only where a format shows it (or the rules are loaded anyway).
        rules={r.code: r for r in run.linter.registry} if run.built or fmt in NEEDS_RULES else {},
        fixable_applicable=run.fixable,
    )
    out = render(fmt, report, color=run.color, statistics=statistics)
    # "All checks passed!" would be false when a file could not be read.
    if run.errors and not run.diagnostics and fmt in ("full", "concise"):
        return
    if run.quiet and fmt in ("full", "concise"):
        out = _strip_summary(out)
    if out:
        click.echo(out, nl=not out.endswith("\n"), file=stream)


def _strip_summary(out: str) -> str:
    keep = [
        line
        for line in out.splitlines()
        if not (line.startswith(("Found ", "All checks passed", "[*] ")) or " fixable with " in line)
    ]
    return "\n".join(keep).strip("\n") + ("\n" if keep and any(keep) else "")


class _Group(click.Group):
    """Click's standalone mode turns Ctrl-C into "Aborted!" and exit 1, which
    a CI step would read as "findings", and SIGTERM kills the process where
    it stands. Here both unwind in order (temp files removed, workers
    killed) and end with one line and 128 + the signal's number: 130, 143.
    Writes are atomic, so stopping at any moment leaves every file whole."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **kwargs: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        pace_for_batch()
        try:
            with stop_on_signals():
                result = super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        except (click.Abort, Terminated) as exc:
            # Click turns KeyboardInterrupt into Abort; an Abort of its own
            # (a declined prompt) has no cause and counts as Ctrl-C too.
            cause = exc if isinstance(exc, Terminated) else exc.__cause__ or KeyboardInterrupt()
            what = "terminated" if isinstance(cause, Terminated) else "interrupted"
            # On a terminal, over the progress line if one is showing.
            clear = "\r\033[K" if sys.stderr.isatty() else ""
            click.echo(f"{clear}lintnews: {what}; files not yet written are unchanged", err=True)
            sys.exit(interrupt_exit_code(cause))
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lintnews")
def main() -> None:
    """A copyedit linter for news articles: finds mechanical defects in copy
    (fused words, stray letters, mojibake, boilerplate...) and fixes the safe ones.

    \b
    Examples:
      lintnews check examples/
      lintnews fix draft.md
      lintnews rule LN103
    """


@main.command()
@click.argument("paths", nargs=-1)
@_selection_options
@click.option(
    "--output-format",
    type=click.Choice(FORMATS),
    default="full",
    show_default=True,
    help="How to print diagnostics.",
)
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of each diagnostic.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Do not report findings recorded in FILE (made with --write-baseline); "
    "only new ones count. Config key: baseline.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Record every current finding in FILE and exit 0: adopt lintnews on an archive, "
    "then fail only on new defects.",
)
@click.option(
    "--dask-scheduler",
    metavar="ADDRESS",
    help="Run on a Dask cluster (e.g. tcp://10.0.0.5:8786) instead of local processes. "
    "Needs lintnews[dask]; workers need lintnews and any configured pack files.",
)
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    stdin_filename: str | None,
    fail_on: str | None,
    no_color: bool,
    quiet: bool,
    jobs: int | None,
    no_cache: bool,
    jsonl_field: str | None,
    jsonl_id: str | None,
    output_format: str,
    statistics: bool,
    exit_zero: bool,
    baseline_path: Path | None,
    write_baseline: Path | None,
    dask_scheduler: str | None,
) -> None:
    """Check articles and print what is wrong.

    PATHS are files or folders (default: the current folder); '-' reads stdin.
    Folders are searched for *.txt, *.md and *.markdown files. A JSON Lines
    corpus is checked record by record: diagnostics name FILE:<record>.
    """
    run = _setup(paths, select, extend_select, ignore, config_path, fail_on, no_color, quiet, None, no_cache)
    run.want_lines = output_format == "full" and not statistics
    _streamed(run, output_format, statistics)
    baseline, recorder = _baselines(baseline_path or run.config.baseline, write_baseline)
    plan = _plan(run, paths, jsonl_field is not None, stdin_filename or "-")
    field_name = jsonl_field or "text"
    stdin = _Stdin(stdin_filename or "-", keep=run.needs_run_pass)
    batch, client = _batch(run, plan, jobs, no_cache, dask_scheduler)
    run.progress = _Progress(sys.stderr.isatty() and not quiet, "records" if plan.jsonl else "files")
    try:
        if run.needs_run_pass:
            batch.prepare(u for u in _items(plan, stdin, field_name, jsonl_id) if isinstance(u, Unit))
        with closing(batch.check(_items(plan, stdin, field_name, jsonl_id))) as results:
            for item, diagnostics in results:
                if isinstance(item, _Failed):
                    if item.message is not None:
                        run.error(item.message)
                    if item.warning is not None:
                        run.warn(item.warning)
                    continue
                assert diagnostics is not None
                run.progress.advance(len(item.text))
                if recorder is not None:
                    recorder.record(item.path, item.text, diagnostics)
                    diagnostics = []
                elif baseline is not None:
                    piece = _piece(item)
                    continued = piece is not None and piece.index > 0
                    diagnostics = baseline.filter(item.path, item.text, diagnostics, continued=continued)
                run.keep(item.path, item.text, diagnostics, _rank(item), _piece(item))
    except LintnewsError as exc:
        run.progress.clear()
        _fail(str(exc))
    finally:
        if client is not None:
            client.close()
    if recorder is not None and write_baseline is not None:
        run.progress.clear()
        try:
            recorder.write(write_baseline)
        except LintnewsError as exc:
            _fail(str(exc))
        count = sum(sum(c.values()) for c in recorder.entries.values())
        click.echo(f"lintnews: recorded {count} finding(s) in {write_baseline}", err=True)
        sys.exit(EXIT_ERROR if run.errors else EXIT_OK)
    _report(run, output_format, statistics)
    if baseline is not None and baseline.hidden and not run.quiet:
        click.echo(f"lintnews: {baseline.hidden} finding(s) recorded in the baseline not shown", err=True)
    sys.exit(_exit_code(run, exit_zero))


def _baselines(use: Path | None, write: Path | None) -> tuple[Baseline | None, Baseline | None]:
    """The baseline to filter with, or the one to record into (not both)."""
    from lintnews.baseline import Baseline

    if write is not None:
        problem = unwritable_target(write)
        if problem is not None:  # said now, not after the whole run
            _fail(f"{write}: cannot write baseline: {problem}")
        # realpath, not resolve(): it raises on a symbolic link loop (3.10-3.12).
        return None, Baseline(Path(os.path.realpath(write)).parent)
    if use is None:
        return None, None
    try:
        return Baseline.load(use), None
    except LintnewsError as exc:
        _fail(str(exc))


@main.command()
@click.argument("paths", nargs=-1)
@_selection_options
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes",
    default=None,
    help="Also apply fixes that could change meaning (e.g. removing a boilerplate paragraph).",
)
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes instead of writing files.")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="For a JSON Lines corpus: write the cleaned copy here ('-': stdout; .gz: gzip). "
    "A corpus is never fixed in place.",
)
@click.option(
    "--output-format",
    type=click.Choice(FORMATS),
    default="full",
    show_default=True,
    help="How to print the diagnostics that remain after fixing.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems remain.")
def fix(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    stdin_filename: str | None,
    fail_on: str | None,
    no_color: bool,
    quiet: bool,
    jobs: int | None,
    no_cache: bool,
    jsonl_field: str | None,
    jsonl_id: str | None,
    unsafe_fixes: bool | None,
    diff: bool,
    output: str | None,
    output_format: str,
    exit_zero: bool,
) -> None:
    """Fix what can be fixed safely, in place, and report what remains.

    Only SAFE fixes are applied unless --unsafe-fixes is given. Files are
    written atomically, keeping their BOM, newlines and permissions. With '-',
    the fixed text is written to stdout and the report to stderr. A JSON Lines
    corpus needs -o/--output: the cleaned copy has every line of the input,
    with only the text field changed.
    """
    run = _setup(
        paths, select, extend_select, ignore, config_path, fail_on, no_color, quiet, unsafe_fixes, no_cache
    )
    run.want_lines = output_format == "full" and not diff
    to_stdout = "-" in paths or output == "-"
    if diff:
        run.count_only = True
    else:
        # With '-', stdout carries the fixed text: the report goes to stderr.
        _streamed(run, output_format, False, sys.stderr if to_stdout else None)
    plan = _plan(run, paths, jsonl_field is not None, stdin_filename or "-")
    field_name = jsonl_field or "text"
    corpora = plan.jsonl
    if output is not None:
        if len(paths) != 1 or len(plan.targets) != 1 or not corpora:
            _fail("-o/--output takes exactly one JSON Lines input (e.g. corpus.jsonl or corpus.jsonl.gz)")
        if diff:
            _fail("--diff prints the changes; it does not go with -o/--output")
        source = corpora[0]
        if output != "-" and source != "-" and _same_file(Path(source), Path(output)):
            _fail(f"{output}: the output is the input; a corpus is never fixed in place")
        problem = None if output == "-" else unwritable_target(output)
        if problem is not None:  # /dev/null: a rename would replace the device
            _fail(f"{output}: cannot write the cleaned copy: {problem} (-o - writes to stdout)")
    elif corpora and not diff:
        _fail(
            f"{corpora[0]}: a JSON Lines corpus is never fixed in place; "
            "write a cleaned copy with -o/--output FILE"
        )
    fixed_count = 0
    changed_files = 0
    abandoned = False
    stdin = _Stdin(stdin_filename or "-", keep=run.needs_run_pass)
    batch, _ = _batch(run, plan, jobs, no_cache)
    noun = "records" if corpora else "files"
    run.progress = _Progress(sys.stderr.isatty() and not quiet, noun)
    writer: Any = JsonlWriter(output) if output is not None else nullcontext()
    stack = ExitStack()
    writeback: Writeback | None = None
    # A huge file's pieces, old and new, for its diff (printed after the last).
    diff_parts: tuple[list[str], list[str]] = ([], [])
    pieces_changed = False
    try:
        if run.needs_run_pass:
            batch.prepare(u for u in _items(plan, stdin, field_name, jsonl_id) if isinstance(u, Unit))
        with stack:
            with held():  # its temp file exists once it is registered for cleanup
                out = stack.enter_context(writer)
            writeback = Writeback(field_name, out, held)
            results = stack.enter_context(closing(batch.fix(_items(plan, stdin, field_name, jsonl_id))))
            for item, result in results:
                if isinstance(item, _Failed):
                    if out is not None and output != "-" and item.unread:
                        # The cleaned copy would silently lack the records
                        # that could not be read: none is written.
                        run.error(f"{item.message}; {output} not written")
                        raise _Abandoned
                    if item.message is not None:
                        run.error(item.message)
                    if item.warning is not None:
                        run.warn(item.warning)
                    if out is not None and item.raw is not None:
                        out.write(item.raw)
                    continue
                assert result is not None
                run.progress.advance(len(item.text))
                piece = _piece(item)
                if not result.converged:
                    run.warn(f"{item.path}: {result.why_unsettled()}")
                if result.changed:
                    fixed_count += len(result.fixed)
                # A file in pieces counts once, at its last piece.
                pieces_changed = (piece is not None and piece.index > 0 and pieces_changed) or result.changed
                if pieces_changed and (piece is None or piece.last):
                    changed_files += 1
                if diff:
                    if piece is not None:
                        diff_parts[0].append(item.text)
                        diff_parts[1].append(result.text)
                        if not piece.last:
                            run.keep(item.path, item.text, result.fixed if not exit_zero else [], None, piece)
                            continue
                        old, new = "".join(diff_parts[0]), "".join(diff_parts[1])
                        diff_parts[0].clear()
                        diff_parts[1].clear()
                        if old != new:
                            run.progress.clear()
                            click.echo(_unified_diff(item.path, old, new), nl=False)
                    elif result.changed:
                        run.progress.clear()
                        click.echo(_unified_diff(item.path, item.text, result.text), nl=False)
                    run.keep(item.path, item.text, result.fixed if not exit_zero else [], _rank(item), piece)
                    continue
                if writeback.failed(item.ref):
                    continue
                try:
                    fixed_at = writeback.put(item.ref, result)
                except FileChangedError as exc:
                    run.warn(str(exc))
                    fixed_at = None
                except LintnewsError as exc:
                    run.error(str(exc))
                    continue
                run.keep(item.path, result.text, result.remaining, _rank(item), fixed_at or piece)
    except _Abandoned:
        abandoned = True
    except LintnewsError as exc:
        run.progress.clear()
        _fail(str(exc))
    except OSError as exc:
        run.progress.clear()
        _fail(f"{output or 'output'}: cannot write: {exc.strerror or exc}")
    finally:
        if writeback is not None:
            writeback.abort()
    run.progress.clear()
    unit = "record(s)" if corpora else "file(s)"
    if diff:
        if not quiet:
            click.echo(f"Would fix {fixed_count} problem(s) in {changed_files} {unit}.")
        sys.exit(EXIT_ERROR if run.errors else (EXIT_FINDINGS if fixed_count and not exit_zero else EXIT_OK))
    _report(run, output_format, False, stream=sys.stderr if to_stdout else None)
    if not quiet and not abandoned and (fixed_count or not run.errors):
        # With '-', stdout carries the fixed text: the summary goes to stderr.
        click.echo(f"Fixed {fixed_count} problem(s) in {changed_files} {unit}.", err=to_stdout)
    sys.exit(_exit_code(run, exit_zero))


class _Abandoned(Exception):
    """Raised inside ``fix -o``'s writer, which then deletes its temp file."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b) or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _unified_diff(display: str, old_text: str, new_text: str) -> str:
    lines = difflib.unified_diff(
        old_text.splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        fromfile=f"a/{display}",
        tofile=f"b/{display}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _rule_info(rule: type[Rule]) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "origin": rule.origin,
        "default": rule.default,
        "severity": rule.severity.value,
        "fixable": rule.fixable,
        "in_quotes": rule.in_quotes,
        "in_code": rule.in_code,
        "explanation": rule.documentation(),
        "examples": [{"bad": e.bad, "fixed": e.fixed} for e in rule.examples],
        "ok": list(rule.ok),
    }


def _registry(config_path: Path | None) -> Any:
    from lintnews.registry import load_registry

    try:
        config = discover_config(Path.cwd(), config_path)
        return load_registry(config.packs)
    except LintnewsError as exc:
        _fail(str(exc))


@main.command("rule")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Config file whose packs to include.",
)
def rule_cmd(code: str, fmt: str, config_path: Path | None) -> None:
    """Explain one rule (by code or name), with its examples."""
    registry = _registry(config_path)
    rule = registry.get(code)
    if rule is None:
        _fail(f"unknown rule '{code}' (see 'lintnews rules')")
    info = _rule_info(rule)
    if fmt == "json":
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    fix = "fixable" if rule.fixable else "not fixable"
    default = "on by default" if rule.default else "off by default"
    parts = [
        f"# {rule.code} {rule.name}",
        "",
        f"{rule.summary}. Severity {rule.severity.value}, {fix}, {default}; from {rule.origin}.",
        "",
        info["explanation"],
    ]
    if rule.examples:
        parts += ["", "## Examples", ""]
        for ex in rule.examples:
            parts.append(f"  bad:   {ex.bad!r}")
            if ex.fixed is not None:
                parts.append(f"  fixed: {ex.fixed!r}")
    if rule.ok:
        parts += ["", "## Left alone", ""] + [f"  {o!r}" for o in rule.ok]
    click.echo("\n".join(parts))


@main.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Config file whose packs to include.",
)
def rules_cmd(fmt: str, config_path: Path | None) -> None:
    """List every known rule: built-in, from packs and from plugins."""
    registry = _registry(config_path)
    rules = list(registry)
    if fmt == "json":
        click.echo(json.dumps([_rule_info(r) for r in rules], indent=2, ensure_ascii=False))
        return
    if fmt == "markdown":
        lines = ["| Code | Name | Default | Fix | Origin | Summary |", "|---|---|---|---|---|---|"]
        for r in rules:
            on = "on" if r.default else "off"
            lines.append(f"| {r.code} | `{r.name}` | {on} | {_fix_kind(r)} | {r.origin} | {r.summary} |")
        click.echo("\n".join(lines))
        return
    width = max(len(r.name) for r in rules)
    for r in rules:
        flag = "on " if r.default else "off"
        fixable = "*" if r.fixable else " "
        click.echo(f"{r.code:<7} {r.name:<{width}}  {flag} {fixable} {r.origin:<12} {r.summary}")


def _fix_kind(rule: type[Rule]) -> str:
    if not rule.fixable:
        return "—"
    applicability = getattr(rule, "fix_applicability", None)
    if isinstance(applicability, Applicability):
        return applicability.value
    return "yes"


if __name__ == "__main__":  # pragma: no cover
    main()
