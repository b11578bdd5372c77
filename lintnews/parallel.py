"""Checking and fixing many documents, in order, on one core or many.

A :class:`Batch` takes a stream of documents (:class:`Unit`) and yields each
one's result in input order, whatever runs it:

* in this process, for small runs (fewer documents than twice the jobs, or
  little text): a pool costs more than it saves there;
* a process pool (``--jobs``), ``fork`` where the platform has it (workers
  inherit the loaded Linter for free), ``spawn`` elsewhere (workers rebuild it
  from the picklable Config);
* a Dask cluster (:class:`DaskBackend`, ``--dask-scheduler``).

Every backend runs the same pure functions (:func:`check_tasks`,
:func:`fix_tasks`, :func:`collect_tasks`) over chunks of documents, so the
results are the same whichever runs them. The cache is read and written here
in the parent only: workers never touch it.

Cross-file rules need the whole run first. :meth:`Batch.prepare` collects
each document's facts (in parallel), reduces them in this process
(``Rule.prepare``), and the check that follows runs in workers started after
that, which get the prepared state (inherited through fork, or shipped as
``Linter.run_state()``).

Memory stays flat: documents are read as they are sent, and at most a few
chunks per worker are in flight.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from lintnews.diagnostics import Diagnostic
from lintnews.errors import LintnewsError
from lintnews.interrupts import held

# The rules, the engine and the process pool are imported where they are
# used: a run that the cache answers entirely needs none of them.
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from lintnews.cache import Cache
    from lintnews.config import Config
    from lintnews.engine import FixResult, Linter
    from lintnews.rule import Rule

__all__ = [
    "Batch",
    "LinterSpec",
    "Task",
    "Unit",
    "check_tasks",
    "collect_tasks",
    "default_jobs",
    "fix_tasks",
    "start_method",
]

#: Below this much text a run stays in this process.
MIN_PARALLEL_BYTES = 128 * 1024
#: A chunk (one round trip to a worker) holds at most this many documents...
CHUNK_UNITS = 64
#: ...or this much text.
CHUNK_BYTES = 256 * 1024
#: Chunks in flight per worker: enough to keep every worker busy.
WINDOW_PER_JOB = 4

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """``fork`` where available (cheap startup, inherits the Linter), else ``spawn``."""
    # What multiprocessing.get_all_start_methods() says about fork, without
    # importing multiprocessing (a run the cache answers starts no pool).
    return "fork" if hasattr(os, "fork") and sys.platform != "win32" else "spawn"


# -- the unit of work ------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One document of a run, as the parent holds it."""

    path: str  # as reported
    text: str
    markup: str | None = None  # None: from the path's suffix
    #: The caller's own data (a SourceFile, a JSONL record); never sent to workers.
    ref: Any = None
    #: Whether the result cache may answer for it and keep its result. The
    #: CLI says no for JSON Lines records: a corpus of a million records
    #: would leave a million entries, for a corpus that is seldom re-run as is.
    cache: bool = True


@dataclass(frozen=True)
class Task:
    """What a worker needs to check or fix one document."""

    path: str
    text: str
    markup: str | None = None
    #: Cached diagnostics of the local (not cross-file) rules: only the
    #: cross-file rules need to run.
    known_local: tuple[Diagnostic, ...] | None = None


def collect_tasks(linter: Linter, tasks: Sequence[Task]) -> list[dict[str, Any]]:
    """Each document's facts for the cross-file rules."""
    from lintnews.document import Document

    return [linter.collect(Document(t.text, t.path, t.markup)) for t in tasks]


def check_one(linter: Linter, task: Task) -> list[Diagnostic]:
    from lintnews.document import Document

    doc = Document(task.text, task.path, task.markup)
    if task.known_local is None or not linter.needs_run_pass:
        return linter.check_document(doc)
    cross = linter.check_document(doc, linter.cross_rules)
    return sorted([*task.known_local, *cross], key=Diagnostic.sort_key)


def check_tasks(linter: Linter, tasks: Sequence[Task]) -> list[list[Diagnostic]]:
    """Each document's diagnostics, sorted (the same as ``Linter.check``)."""
    return [check_one(linter, t) for t in tasks]


def fix_tasks(linter: Linter, tasks: Sequence[Task], unsafe: bool | None) -> list[FixResult]:
    """Each document fixed to a fixed point. An unchanged text comes back
    empty (the parent has it): no need to ship it twice."""
    out = []
    for t in tasks:
        result = linter.fix(t.text, t.path, t.markup, unsafe=unsafe)
        out.append(result if result.changed else replace(result, text=""))
    return out


def run_op(linter: Linter, op: str, tasks: Sequence[Task], unsafe: bool | None) -> list[Any]:
    if op == "check":
        return check_tasks(linter, tasks)
    if op == "fix":
        return fix_tasks(linter, tasks, unsafe)
    if op == "collect":
        return collect_tasks(linter, tasks)
    raise ValueError(f"unknown operation {op!r}")


# -- rebuilding a Linter elsewhere ---------------------------------------------


@dataclass(frozen=True)
class LinterSpec:
    """A picklable recipe for a Linter equal to one built here.

    Pack rule classes are made at load time and cannot be pickled, so the
    recipe names rules by code and the worker takes them from its own
    registry, loaded from the same Config. Rules that are not in the default
    registry (a custom ``Registry``) travel as classes, by reference.
    """

    config: Config
    #: None: the default registry for ``config``. Otherwise each rule of the
    #: registry: a code (take it from the default registry) or a class.
    rules: tuple[str | type[Rule], ...] | None
    packs: tuple[str, ...]
    #: ``Linter.run_state()`` of the cross-file rules, after prepare.
    state: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, linter: Linter) -> LinterSpec:
        from lintnews.registry import load_registry

        default = load_registry(linter.config.packs)
        state = linter.run_state() if linter.needs_run_pass else {}
        if linter.registry is default:
            return cls(linter.config, None, (), state)
        rules: list[str | type[Rule]] = []
        for rule in linter.registry:
            rules.append(rule.code if default.get(rule.code) is rule else rule)
        return cls(linter.config, tuple(rules), tuple(linter.registry.packs), state)

    def build(self) -> Linter:
        from lintnews.engine import Linter
        from lintnews.registry import Registry, load_registry

        default = load_registry(self.config.packs)
        registry = default
        if self.rules is not None:
            registry = Registry()
            for item in self.rules:
                rule = default.get(item) if isinstance(item, str) else item
                if rule is None:  # pragma: no cover - same config, same registry
                    raise LintnewsError(f"worker: rule {item} is missing from the registry")
                registry.add(rule)
            for name in self.packs:
                if name in default.packs:
                    registry.packs[name] = default.packs[name]
        linter = Linter(self.config, registry=registry)
        if self.state:
            linter.load_run_state(self.state)
        return linter


# -- backends --------------------------------------------------------------------


class _FutureLike(Protocol[R_co]):  # pragma: no cover - typing only
    def result(self) -> R_co: ...
    def done(self) -> bool: ...


class _Done(Generic[R]):
    def __init__(self, value: R) -> None:
        self._value = value

    def result(self) -> R:
        return self._value

    def done(self) -> bool:
        return True


class Backend(Protocol):  # pragma: no cover - typing only
    #: How many documents to send at once, and how many chunks in flight.
    chunk_units: int
    window: int

    def submit(self, op: str, tasks: list[Task]) -> _FutureLike[list[Any]]: ...
    def close(self, abort: bool = False) -> None: ...


class InlineBackend:
    """Runs each chunk in this process, when it is submitted."""

    chunk_units = 1
    window = 1

    def __init__(self, linter: Linter, unsafe: bool | None = None) -> None:
        self.linter = linter
        self.unsafe = unsafe

    def submit(self, op: str, tasks: list[Task]) -> _Done[list[Any]]:
        return _Done(run_op(self.linter, op, tasks, self.unsafe))

    def close(self, abort: bool = False) -> None:
        pass


# The worker's Linter: set once per worker process by the pool initializer.
_WORKER: list[Linter] = []


def _start_worker(parent: int | None, init: Callable[[Any], None], arg: Any) -> None:
    """The pool initializer: signals and lifeline first, then the Linter."""
    from lintnews.lifeline import become_worker

    become_worker(parent)
    init(arg)


def _init_forked(linter: Linter) -> None:
    _WORKER[:] = [linter]


_WORKER_ERROR: list[str] = []


def _init_spawned(spec: bytes) -> None:
    try:
        _WORKER[:] = [pickle.loads(spec).build()]
    except Exception as exc:
        # An exception here would only say "a process terminated abruptly":
        # keep it, and report it with the first chunk.
        _WORKER_ERROR[:] = [
            f"{type(exc).__name__}: {exc}" if not isinstance(exc, LintnewsError) else str(exc)
        ]


def _pool_op(op: str, tasks: list[Task], unsafe: bool | None) -> list[Any]:
    if _WORKER_ERROR:
        raise LintnewsError(f"a worker process could not load the rules: {_WORKER_ERROR[0]}")
    return run_op(_WORKER[0], op, tasks, unsafe)


class PoolBackend:
    """A process pool, started at the first chunk (so a run that the cache
    answers entirely never starts one)."""

    def __init__(
        self, linter: Linter, jobs: int, unsafe: bool | None = None, method: str | None = None
    ) -> None:
        self.linter = linter
        self.jobs = jobs
        self.unsafe = unsafe
        self.method = method or start_method()
        self.chunk_units = CHUNK_UNITS
        self.window = WINDOW_PER_JOB * jobs
        self._pool: ProcessPoolExecutor | None = None
        # Workers of a forkserver are the server's children: they get no lifeline.
        parent = os.getpid() if self.method in ("fork", "spawn") else None
        if self.method == "fork":
            # Not pickled: the child inherits it.
            self._initargs: tuple[Any, ...] = (parent, _init_forked, linter)
        else:
            self._initargs = (parent, _init_spawned, pickle.dumps(LinterSpec.of(linter)))

    @staticmethod
    def supported(linter: Linter, method: str | None = None) -> bool:
        """Whether workers can get this Linter (always with fork; with spawn
        only if its recipe pickles: rules defined in a notebook cannot)."""
        if (method or start_method()) == "fork":
            return True
        try:
            pickle.dumps(LinterSpec.of(linter))
        except Exception:
            return False
        return True

    def submit(self, op: str, tasks: list[Task]) -> Future[list[Any]]:
        from lintnews.lifeline import signals_blocked

        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context(self.method),
                initializer=_start_worker,
                initargs=self._initargs,
            )
        # A submit may start workers (all of them at the first with fork,
        # one at a time with spawn): they start with the stop signals blocked.
        with signals_blocked():
            return self._pool.submit(_pool_op, op, tasks, self.unsafe)

    def close(self, abort: bool = False) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not abort:
            pool.shutdown(wait=True)
            return
        # Ctrl-C, SIGTERM or an error: workers hold nothing worth waiting for
        # (the parent does all the writing), so they are killed at once.
        # SIGKILL, as they ignore SIGINT and SIGTERM (lintnews.lifeline).
        kill = getattr(pool, "kill_workers", None)
        if kill is not None:  # Python 3.14+
            kill()
            pool.shutdown(wait=True, cancel_futures=True)
            return
        # Killed before shutdown(): when a worker has died, the pool's manager
        # thread ends the others with SIGTERM, which they ignore, and joins
        # them holding the lock shutdown() waits for (a test hung so on
        # Python 3.12.1). shutdown() also forgets the processes: take them first.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        _close_parent_pipe_ends(pool)
        for proc in processes:
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            proc.join(timeout=5)


def _close_parent_pipe_ends(pool: ProcessPoolExecutor) -> None:
    """Close this process's ends of the pool's pipes that only workers use,
    so that nothing waits for ever on a worker killed mid-message.

    * The call queue's read end. Before Python 3.11.4 (CPython gh-94777), a
      chunk being written to the workers when they are killed blocks the
      feeder thread for good: this process still holds a read end, so the
      write neither completes nor fails, and the interpreter hangs at exit
      joining the pool's threads. Closed, the write fails (EPIPE) as soon as
      the workers are gone.
    * The result queue's write end. A worker killed halfway through sending
      a result bigger than the pipe's buffer (a fixed 100 KB document) leaves
      the pool's manager thread reading the rest for ever, on any Python:
      this process's own write end keeps the pipe open. Closed, the read ends
      (EOF) once the workers are gone, and the pool counts itself broken.

    Nothing in this process reads the one or writes the other. Measured,
    Ctrl-C or SIGTERM during `fix` of 40 files of 100 KB, 40 runs per
    Python, hangs without the first: 40 of 40 on 3.10.13 and on 3.11.2; with
    it 0 and 0. Also tried for that hang: draining the pipe from a thread (0
    and 0, but slower to exit and one stray stderr line), 48 KB chunks (40
    and 40: one document alone is over the pipe's 64 KB), and
    multiprocessing.Pool (2 and 3).
    """
    ends = [("_call_queue", "_reader"), ("_result_queue", "_writer")]
    if getattr(pool, "_broken", False) and sys.version_info >= (3, 11, 4):
        # A worker died: the pool's manager thread is closing the read end
        # itself (gh-94777), and two threads closing one connection at once
        # make one of them fail with EBADF, printed as a thread traceback
        # (seen once in 30 runs of test_dead_worker_is_a_clear_error).
        ends = ends[1:]
    for queue, end in ends:
        connection = getattr(getattr(pool, queue, None), end, None)
        if connection is None:
            continue
        try:
            connection.close()
        except OSError:  # already closed by the pool itself (3.11.4+ when a worker died)
            pass


def _broken_pool(exc: BaseException) -> bool:
    """Whether ``exc`` says a pool worker died (without importing the pool
    machinery: if it was never imported, no pool ran)."""
    process = sys.modules.get("concurrent.futures.process")
    return process is not None and isinstance(exc, process.BrokenProcessPool)


# -- the batch -------------------------------------------------------------------


class _Slot:
    """One input item's place in the output order."""

    __slots__ = ("future", "index", "item", "task", "value")

    def __init__(self, item: Any, value: Any = None) -> None:
        self.item = item
        self.value = value
        self.task: Task | None = None
        self.future: _FutureLike[list[Any]] | None = None
        self.index = 0


class Batch:
    """Check or fix a stream of documents with one Linter, results in order.

    ``jobs``: worker processes (1: this process only). ``estimate``: (documents,
    bytes) expected, to decide whether a pool is worth starting; None (unknown,
    e.g. a stream) counts as large. ``cache``: read and written here only.
    ``backend_factory``: replaces the process pool (the Dask backend).
    ``min_parallel_bytes``: less text than this stays in this process.
    ``method``: the multiprocessing start method (default: :func:`start_method`).
    """

    def __init__(
        self,
        linter: Linter | Callable[[], Linter],
        *,
        jobs: int = 1,
        cache: Cache | None = None,
        estimate: tuple[int, int] | None = None,
        backend_factory: Callable[[Linter, bool | None], Backend] | None = None,
        min_parallel_bytes: int | None = None,
        method: str | None = None,
    ) -> None:
        # A callable: the Linter is built at the first document the cache
        # does not answer (a fully cached run never loads the rules).
        self._linter: Linter | None = None
        self._make_linter: Callable[[], Linter] | None = None
        if callable(linter):
            self._make_linter = linter
        else:
            self._linter = linter
        self.jobs = max(1, jobs)
        self.cache = cache
        self.estimate = estimate
        self.backend_factory = backend_factory
        self.min_parallel_bytes = MIN_PARALLEL_BYTES if min_parallel_bytes is None else min_parallel_bytes
        self._method = method
        self._parallel: bool | None = None

    @property
    def linter(self) -> Linter:
        if self._linter is None:
            assert self._make_linter is not None
            self._linter = self._make_linter()
        return self._linter

    @property
    def method(self) -> str:
        if self._method is None:
            self._method = start_method()
        return self._method

    @property
    def parallel(self) -> bool:
        """Whether documents go to workers (decided when first needed: it may
        need the Linter)."""
        if self._parallel is None:
            self._parallel = self._decide()
        return self._parallel

    def _decide(self) -> bool:
        if self.backend_factory is not None:
            return True
        if self.jobs <= 1:
            return False
        if self.estimate is not None:
            units, size = self.estimate
            if units < 2 * self.jobs or size < self.min_parallel_bytes:
                return False
        # With fork, workers inherit the Linter: no need to build it to know.
        return self.method == "fork" or PoolBackend.supported(self.linter, self.method)

    def _shape(self) -> tuple[int, int] | None:
        """(chunk_units, window) of the backend to come, when known without
        making it (a pool or the inline backend); None for a custom backend."""
        if self.backend_factory is not None:
            return None
        if not self.parallel:
            return InlineBackend.chunk_units, InlineBackend.window
        chunk_units = CHUNK_UNITS
        if self.estimate is not None:
            # Enough chunks for every worker to get several (load balance).
            units = self.estimate[0]
            chunk_units = max(1, min(CHUNK_UNITS, units // (self.jobs * WINDOW_PER_JOB) or 1))
        return chunk_units, WINDOW_PER_JOB * self.jobs

    def _backend(self, unsafe: bool | None = None) -> Backend:
        if not self.parallel:
            return InlineBackend(self.linter, unsafe)
        if self.backend_factory is not None:
            return self.backend_factory(self.linter, unsafe)
        backend = PoolBackend(self.linter, self.jobs, unsafe, self.method)
        shape = self._shape()
        assert shape is not None
        backend.chunk_units = shape[0]
        return backend

    # -- the per-run pass -------------------------------------------------

    def prepare(self, units: Iterable[Unit]) -> None:
        """The cross-file pass: collect every document's facts (in workers),
        then reduce them here, in input order. No-op without cross-file rules."""
        linter = self.linter
        if not linter.needs_run_pass:
            return
        facts: dict[str, list[Any]] = {r.code: [] for r in linter.cross_rules}

        def lookup(unit: Unit) -> tuple[Task | None, Any]:
            return Task(unit.path, unit.text, unit.markup), None

        for item, found in self._stream("collect", units, lookup, None, None):
            if isinstance(item, Unit):
                for code, fact in found.items():
                    facts[code].append(fact)
        linter.prepare_facts(facts)
        if self.cache is not None:
            from lintnews.cache import state_fingerprint

            self.cache = self.cache.with_state(state_fingerprint(linter))

    # -- check and fix ----------------------------------------------------

    def check(self, items: Iterable[Any]) -> Generator[tuple[Any, list[Diagnostic] | None], None, None]:
        """(item, diagnostics) per item, in order; items that are not a Unit
        (errors to report in order) pass through with None."""
        cache = self.cache
        cross_codes: list[str] | None = None  # known once the Linter is built (a miss)

        def lookup(unit: Unit) -> tuple[Task | None, Any]:
            task = Task(unit.path, unit.text, unit.markup)
            if cache is None or not unit.cache:
                return task, None
            entry = cache.get(cache.key(unit.path, unit.markup, unit.text), unit.path)
            if entry is None:
                return task, None
            if entry.complete:
                return None, entry.diagnostics
            return replace(task, known_local=tuple(entry.local)), None

        def store(unit: Unit, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
            nonlocal cross_codes
            if cache is not None and unit.cache:
                if cross_codes is None:
                    cross_codes = [r.code for r in self.linter.cross_rules]
                cache.put(cache.key(unit.path, unit.markup, unit.text), diagnostics, cross_codes)
            return diagnostics

        yield from self._stream("check", items, lookup, store, None)

    def fix(
        self, items: Iterable[Any], unsafe: bool | None = None
    ) -> Generator[tuple[Any, FixResult | None], None, None]:
        """(item, FixResult) per item, in order. The cache lets a document
        known to have nothing to fix skip the work."""
        cache = self.cache
        linter = self.linter
        cross_codes = [r.code for r in linter.cross_rules]
        use_unsafe = linter.config.unsafe_fixes if unsafe is None else unsafe

        def lookup(unit: Unit) -> tuple[Task | None, Any]:
            task = Task(unit.path, unit.text, unit.markup)
            if cache is None or not unit.cache:
                return task, None
            entry = cache.get(cache.key(unit.path, unit.markup, unit.text), unit.path)
            if entry is None or not entry.complete:
                return task, None
            found = entry.diagnostics
            if any(linter.can_fix(d, use_unsafe) for d in found):
                return task, None
            from lintnews.engine import FixResult

            return None, FixResult(unit.text, [], found, 0, True)

        def store(unit: Unit, result: FixResult) -> FixResult:
            if not result.changed:
                result = replace(result, text=unit.text)
            if cache is not None and unit.cache:
                cache.put(cache.key(unit.path, unit.markup, result.text), result.remaining, cross_codes)
            return result

        yield from self._stream("fix", items, lookup, store, unsafe)

    # -- the ordered, bounded stream --------------------------------------

    def _stream(
        self,
        op: str,
        items: Iterable[Any],
        lookup: Callable[[Unit], tuple[Task | None, Any]],
        finish: Callable[[Unit, Any], Any] | None,
        unsafe: bool | None,
    ) -> Generator[tuple[Any, Any], None, None]:
        # The backend (and with it the Linter) is made at the first document
        # that must be checked: a run the cache answers entirely makes none.
        backend: Backend | None = None
        shape = self._shape()
        if shape is None:
            backend = self._backend(unsafe)
            shape = backend.chunk_units, backend.window
        chunk_units, window = shape
        pending: deque[_Slot] = deque()
        open_slots: list[_Slot] = []
        open_bytes = 0
        # Chunks sent whose results are not all handed out yet.
        unread: dict[int, int] = {}
        fetched: dict[int, list[Any]] = {}
        # Ready results queued behind a slow chunk: bounded too.
        max_pending = max(256, 4 * window * chunk_units)

        def flush() -> None:
            nonlocal open_slots, open_bytes
            if not open_slots:
                return
            nonlocal backend
            if backend is None:
                backend = self._backend(unsafe)
            future = backend.submit(op, [s.task for s in open_slots if s.task is not None])
            for i, slot in enumerate(open_slots):
                slot.future, slot.index = future, i
            unread[id(future)] = len(open_slots)
            open_slots, open_bytes = [], 0

        def pop() -> tuple[Any, Any]:
            slot = pending.popleft()
            if slot.task is None:
                return slot.item, slot.value
            if slot.future is None:  # still in the open chunk
                flush()
            future = slot.future
            assert future is not None
            key = id(future)
            values = fetched.get(key)
            if values is None:
                # Once per chunk: a Dask future's result() is a round trip
                # through its event loop.
                try:
                    values = fetched[key] = future.result()
                except Exception as exc:
                    if _broken_pool(exc):
                        raise LintnewsError(
                            "a worker process died (out of memory or killed); try fewer --jobs"
                        ) from None
                    raise
            value = values[slot.index]
            unread[key] -= 1
            if not unread[key]:
                del unread[key]
                del fetched[key]
            if finish is not None:
                value = finish(slot.item, value)
            return slot.item, value

        def head_ready() -> bool:
            if not pending:
                return False
            head = pending[0]
            return head.task is None or (head.future is not None and head.future.done())

        aborted = True
        try:
            for item in items:
                if not isinstance(item, Unit):
                    pending.append(_Slot(item))
                else:
                    task, value = lookup(item)
                    slot = _Slot(item, value)
                    pending.append(slot)
                    if task is not None:
                        slot.task = task
                        open_slots.append(slot)
                        open_bytes += len(task.text)
                        if len(open_slots) >= chunk_units or open_bytes >= CHUNK_BYTES:
                            flush()
                while head_ready() or len(unread) >= window or len(pending) > max_pending:
                    yield pop()
            flush()
            while pending:
                yield pop()
            aborted = False
        finally:
            if backend is not None:
                # Stopping the workers is not to be cut short by a second Ctrl-C.
                with held() if aborted else nullcontext():
                    backend.close(abort=aborted)
