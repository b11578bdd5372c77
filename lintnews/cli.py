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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click

from lintnews import __version__
from lintnews.config import Config, discover_config
from lintnews.diagnostics import Applicability, Diagnostic, Severity
from lintnews.discovery import discover
from lintnews.document import Document, LineIndex
from lintnews.engine import Linter
from lintnews.errors import FileChangedError, LintnewsError
from lintnews.output import FORMATS, Report, render
from lintnews.registry import load_registry
from lintnews.rule import Rule
from lintnews.sources import SourceFile, decode, read_source, write_source

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"lintnews: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


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
            type=click.Path(path_type=Path, dir_okay=False),
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
    ]
    for option in reversed(options):
        func = option(func)
    return func


@dataclass
class Run:
    config: Config
    linter: Linter
    color: bool
    quiet: bool
    errors: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: dict[str, LineIndex] = field(default_factory=dict)
    files: int = 0

    def error(self, message: str) -> None:
        self.errors += 1
        click.echo(f"lintnews: error: {message}", err=True)

    def source_line(self, path: str, line: int) -> str | None:
        index = self.lines.get(path)
        if index is None or not 1 <= line <= index.line_count:
            return None
        return index.line_text(line)

    def keep(self, path: str, text: str, diagnostics: list[Diagnostic]) -> None:
        self.files += 1
        if diagnostics:
            self.diagnostics.extend(diagnostics)
            self.lines[path] = LineIndex(text)


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
        linter = Linter(config)
    except LintnewsError as exc:
        _fail(str(exc))
    return Run(config, linter, _use_color(no_color), quiet)


def _inputs(
    run: Run, paths: Sequence[str], stdin_filename: str | None, silent: bool = False
) -> Iterable[SourceFile]:
    """Sources to process, in order; unreadable ones are reported and skipped."""
    targets = list(paths) or ["."]
    for target in targets:
        if target == "-":
            display = stdin_filename or "-"
            try:
                text, bom = decode(sys.stdin.buffer.read(), display)
            except LintnewsError as exc:
                if not silent:
                    run.error(str(exc))
                continue
            yield SourceFile(None, display, text, bom, None)
            continue
        try:
            files = list(discover([Path(target)], run.config))
        except LintnewsError as exc:
            if not silent:
                run.error(str(exc))
            continue
        for file in files:
            try:
                yield read_source(file, str(file))
            except LintnewsError as exc:
                if not silent:
                    run.error(str(exc))


def _prepared_inputs(run: Run, paths: Sequence[str], stdin_filename: str | None) -> Iterable[SourceFile]:
    """The inputs, after the cross-file rules have seen all of them.

    Without a cross-file rule this is a plain stream. With one, files are read
    twice (once to learn, once to check) rather than held in memory; stdin
    can only be read once, so it is buffered.
    """
    if not run.linter.needs_run_pass:
        return _inputs(run, paths, stdin_filename)
    sources = list(_inputs(run, paths, stdin_filename)) if "-" in paths else None
    learn = sources if sources is not None else _inputs(run, paths, stdin_filename, silent=True)
    run.linter.prepare_run(Document(s.text, s.display) for s in learn)
    return sources if sources is not None else _inputs(run, paths, stdin_filename)


def _exit_code(run: Run, exit_zero: bool) -> int:
    if run.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    threshold = run.config.fail_on.rank
    return EXIT_FINDINGS if any(d.severity.rank >= threshold for d in run.diagnostics) else EXIT_OK


def _report(run: Run, fmt: str, statistics: bool, stream: Any = None) -> None:
    run.diagnostics.sort(key=Diagnostic.sort_key)
    report = Report(
        diagnostics=run.diagnostics,
        files_checked=run.files,
        source_line=run.source_line,
        rules={r.code: r for r in run.linter.registry},
        fixable_applicable=run.linter.fixable_count(run.diagnostics),
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
    a CI step would read as "findings"; here it is a clear message and 130.
    Writes are atomic, so stopping at any moment leaves every file whole."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except click.Abort:
            click.echo("lintnews: interrupted; files not yet written are unchanged", err=True)
            sys.exit(130)
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
    output_format: str,
    statistics: bool,
    exit_zero: bool,
) -> None:
    """Check articles and print what is wrong.

    PATHS are files or folders (default: the current folder); '-' reads stdin.
    Folders are searched for *.txt, *.md and *.markdown files.
    """
    run = _setup(paths, select, extend_select, ignore, config_path, fail_on, no_color, quiet)
    sources = _prepared_inputs(run, paths, stdin_filename)
    for source in sources:
        run.keep(source.display, source.text, run.linter.check(source.text, source.display))
    _report(run, output_format, statistics)
    sys.exit(_exit_code(run, exit_zero))


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
    unsafe_fixes: bool | None,
    diff: bool,
    output_format: str,
    exit_zero: bool,
) -> None:
    """Fix what can be fixed safely, in place, and report what remains.

    Only SAFE fixes are applied unless --unsafe-fixes is given. Files are
    written atomically, keeping their BOM, newlines and permissions. With '-',
    the fixed text is written to stdout and the report to stderr.
    """
    run = _setup(paths, select, extend_select, ignore, config_path, fail_on, no_color, quiet, unsafe_fixes)
    fixed_count = 0
    changed_files = 0
    to_stdout = "-" in paths
    for source in _prepared_inputs(run, paths, stdin_filename):
        result = run.linter.fix(source.text, source.display)
        if not result.converged:
            click.echo(
                f"lintnews: warning: {source.display}: fixes did not settle after "
                f"{result.passes} passes (rules: {', '.join(result.unconverged_codes)}); "
                "the file was fixed as far as it went",
                err=True,
            )
        if result.changed:
            changed_files += 1
            fixed_count += len(result.fixed)
        if diff:
            if result.changed:
                click.echo(_unified_diff(source, result.text), nl=False)
            run.keep(source.display, result.text, result.fixed if not exit_zero else [])
            continue
        if source.path is None:
            sys.stdout.buffer.write(result.text.encode("utf-8"))
            sys.stdout.flush()
        else:
            try:
                write_source(source, result.text)
            except FileChangedError as exc:
                click.echo(f"lintnews: warning: {exc}", err=True)
            except LintnewsError as exc:
                run.error(str(exc))
                continue
        run.keep(source.display, result.text, result.remaining)
    if diff:
        if not quiet:
            click.echo(f"Would fix {fixed_count} problem(s) in {changed_files} file(s).")
        sys.exit(EXIT_ERROR if run.errors else (EXIT_FINDINGS if fixed_count and not exit_zero else EXIT_OK))
    _report(run, output_format, False, stream=sys.stderr if to_stdout else None)
    if not quiet and (fixed_count or not run.errors):
        # With '-', stdout carries the fixed text: the summary goes to stderr.
        click.echo(f"Fixed {fixed_count} problem(s) in {changed_files} file(s).", err=to_stdout)
    sys.exit(_exit_code(run, exit_zero))


def _unified_diff(source: SourceFile, new_text: str) -> str:
    lines = difflib.unified_diff(
        source.text.splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        fromfile=f"a/{source.display}",
        tofile=f"b/{source.display}",
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
        "explanation": rule.documentation(),
        "examples": [{"bad": e.bad, "fixed": e.fixed} for e in rule.examples],
        "ok": list(rule.ok),
    }


def _registry(config_path: Path | None) -> Any:
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
    type=click.Path(path_type=Path, dir_okay=False),
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
    type=click.Path(path_type=Path, dir_okay=False),
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
