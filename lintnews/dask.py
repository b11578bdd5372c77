"""lintnews on Dask: clean a corpus held in a Dask Bag or DataFrame, on a cluster.

``pip install "lintnews[dask]"``. The per-document functions are the ones the
CLI and the process pool run (:mod:`lintnews.parallel`), mapped over
partitions. Cross-file rules (boilerplate shared by many articles) are a Dask
reduction: each partition's facts are collected where the partition lives,
reduced in order into the run state on one worker, and that state is passed
to every partition's check or fix::

    import dask.bag as db
    import lintnews.dask

    bag = db.read_text("corpus-*.jsonl").map(json.loads)
    cleaned = lintnews.dask.clean(bag, field="text", unsafe=True)
    cleaned.map(json.dumps).to_textfiles("clean-*.jsonl")

    findings = lintnews.dask.check(bag, field="text", id_field="id")

Workers rebuild the Linter from its picklable Config (pack rule classes are
made at load time and do not pickle): they need lintnews installed, the same
version, and any pack file the config names at the same path. Rules from a
custom registry travel as classes (by reference, or by value if registered
with ``cloudpickle.register_pickle_by_value``).

The CLI uses the same machinery with ``lintnews check --dask-scheduler ADDRESS``.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import import_module
from typing import Any

from lintnews.config import Config
from lintnews.engine import Linter
from lintnews.parallel import Backend, LinterSpec, Task, run_op

# Dask is only partly typed: its collections are used as Any here. (Absolute
# imports: this module's own name does not shadow the dask package.)
db: Any = import_module("dask.bag")
delayed: Any = import_module("dask.delayed").delayed

__all__ = ["check", "clean", "connect", "dask_backend"]

# -- the Linter on a worker ---------------------------------------------------

_LINTERS: OrderedDict[str, Linter] = OrderedDict()
_LOCK = threading.Lock()
_KEEP = 4


def _recipe_token(spec: LinterSpec) -> str:
    try:
        return hashlib.sha256(pickle.dumps(spec, protocol=4)).hexdigest()
    except Exception:  # rules pickled by value: unique per run instead
        return uuid.uuid4().hex


def _worker_linter(spec: LinterSpec, token: str) -> Linter:
    """The Linter for ``spec``, built once per worker process (Dask runs tasks
    in threads: a built Linter is only read, never prepared, once shared)."""
    with _LOCK:
        linter = _LINTERS.get(token)
        if linter is not None:
            _LINTERS.move_to_end(token)
            return linter
    linter = spec.build()
    with _LOCK:
        _LINTERS[token] = linter
        while len(_LINTERS) > _KEEP:
            _LINTERS.popitem(last=False)
    return linter


# -- the CLI's backend: futures on a distributed cluster ---------------------------


def connect(address: str, timeout: str = "20s") -> Any:
    """A ``distributed.Client`` for the scheduler at ``address``."""
    client: Any = import_module("distributed").Client(address, timeout=timeout)
    return client


def _dask_op(spec: LinterSpec, token: str, op: str, tasks: list[Task], unsafe: bool | None) -> list[Any]:
    return run_op(_worker_linter(spec, token), op, tasks, unsafe)


class DaskBackend:
    """Sends chunks of documents to a Dask cluster as futures, in order."""

    chunk_units = 64

    def __init__(self, client: Any, linter: Linter, unsafe: bool | None = None) -> None:
        self.client = client
        self.unsafe = unsafe
        spec = LinterSpec.of(linter)
        self.token = _recipe_token(spec)
        # Sent once to every worker, not with every chunk.
        self.spec = client.scatter(spec, broadcast=True, hash=False)
        threads = sum(client.nthreads().values()) or 1
        self.window = 4 * threads
        self._futures: list[Any] = []

    def submit(self, op: str, tasks: list[Task]) -> Any:
        future = self.client.submit(_dask_op, self.spec, self.token, op, tasks, self.unsafe, pure=False)
        self._futures.append(future)
        if len(self._futures) > 4 * self.window:
            self._futures = [f for f in self._futures if not f.done()]
        return future

    def close(self, abort: bool = False) -> None:
        if abort and self._futures:
            self.client.cancel(self._futures)
        self._futures = []


def dask_backend(client: Any) -> Callable[[Linter, bool | None], Backend]:
    """A backend factory for :class:`lintnews.parallel.Batch` on ``client``."""

    def make(linter: Linter, unsafe: bool | None) -> Backend:
        return DaskBackend(client, linter, unsafe)

    return make


# -- collections: Bag and DataFrame ------------------------------------------------


def _text_of(item: Any, field: str) -> str:
    text = item if isinstance(item, str) else item[field]
    if not isinstance(text, str):
        raise TypeError(f"field {field!r} is {type(text).__name__}, not a string")
    return text


def _path_of(item: Any, id_field: str | None, number: int) -> str:
    if id_field is not None and isinstance(item, dict) and item.get(id_field) is not None:
        value = item[id_field]
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return str(number)


def _collect_partition(
    items: Sequence[Any], spec: LinterSpec, token: str, field: str, markup: str
) -> list[dict[str, Any]]:
    linter = _worker_linter(spec, token)
    tasks = [Task("-", _text_of(item, field), markup) for item in items]
    return run_op(linter, "collect", tasks, None)


def _prepare_state(parts: Sequence[list[dict[str, Any]]], spec: LinterSpec) -> tuple[str, Any]:
    """The reduction: every partition's facts, in order, into the run state."""
    linter = spec.build()  # a fresh one: prepare changes it
    facts: dict[str, list[Any]] = {r.code: [] for r in linter.cross_rules}
    for part in parts:
        for found in part:
            for code, fact in found.items():
                facts[code].append(fact)
    linter.prepare_facts(facts)
    return uuid.uuid4().hex, linter.run_state()


def _prepared(spec: LinterSpec, token: str, state: tuple[str, Any] | None) -> Linter:
    if state is None:
        return _worker_linter(spec, token)
    state_token, run_state = state
    return _worker_linter(replace(spec, state=run_state), f"{token}:{state_token}")


def _run_state(
    bag: Any, linter: Linter, spec: LinterSpec, token: str, field: str, markup: str, run_pass: bool
) -> Any:
    if not (run_pass and linter.needs_run_pass):
        return None
    return bag.reduction(
        lambda items: _collect_partition(items, spec, token, field, markup),
        lambda parts: _prepare_state(list(parts), spec),
        split_every=False,
    ).to_delayed()


def _fix_partition(
    items: Sequence[Any],
    spec: LinterSpec,
    token: str,
    state: tuple[str, Any] | None,
    field: str,
    unsafe: bool | None,
    diagnostics: str | None,
    id_field: str | None,
    markup: str,
) -> list[Any]:
    linter = _prepared(spec, token, state)
    out: list[Any] = []
    for item in items:
        text = _text_of(item, field)
        path = _path_of(item, id_field, 0) if id_field else "-"
        result = linter.fix(text, path, markup, unsafe=unsafe)
        if isinstance(item, str):
            out.append(result.text)
            continue
        record = dict(item)
        record[field] = result.text
        if diagnostics is not None:
            record[diagnostics] = [d.to_dict() for d in result.remaining]
        out.append(record)
    return out


def _fix_frame(
    frame: Any,
    spec: LinterSpec,
    token: str,
    state: tuple[str, Any] | None,
    field: str,
    unsafe: bool | None,
    diagnostics: str | None,
    markup: str,
) -> Any:
    linter = _prepared(spec, token, state)
    frame = frame.copy()
    texts: list[str] = []
    found: list[str] = []
    for text in frame[field].tolist():
        result = linter.fix(_text_of(text, field), "-", markup, unsafe=unsafe)
        texts.append(result.text)
        if diagnostics is not None:
            found.append(json.dumps([d.to_dict() for d in result.remaining], ensure_ascii=False))
    frame[field] = texts
    if diagnostics is not None:
        frame[diagnostics] = found
    return frame


def _linter_and_spec(config: Config | None, linter: Linter | None) -> tuple[Linter, LinterSpec, str]:
    linter = linter if linter is not None else Linter(config)
    spec = replace(LinterSpec.of(linter), state={})
    return linter, spec, _recipe_token(spec)


def _is_frame(data: Any) -> bool:
    try:
        import dask.dataframe as dd
    except ImportError:  # pragma: no cover - dask without pandas
        return False
    return isinstance(data, dd.DataFrame)


def clean(
    data: Any,
    field: str = "text",
    *,
    config: Config | None = None,
    linter: Linter | None = None,
    unsafe: bool | None = None,
    diagnostics: str | None = None,
    id_field: str | None = None,
    run_pass: bool = True,
    markup: str = "plain",
) -> Any:
    """Fix every document of a Dask Bag or DataFrame; lazy, like any Dask collection.

    * a Bag of strings: a Bag of the fixed strings;
    * a Bag of dicts: the same dicts with ``field`` fixed (and, with
      ``diagnostics="name"``, a ``name`` key listing what remains, as the JSON
      objects of ``--output-format json``);
    * a DataFrame: the same frame with the ``field`` column fixed (and a
      ``diagnostics`` column of JSON strings).

    ``unsafe`` defaults to the config's ``unsafe-fixes``. ``id_field`` names
    the records (for per-file-ignores). Cross-file rules see the whole
    collection first unless ``run_pass=False``. The result equals
    ``Linter.fix`` on each text after ``prepare_run`` over all of them.
    """
    linter, spec, token = _linter_and_spec(config, linter)
    if _is_frame(data):
        state = _run_state(data[field].to_bag(), linter, spec, token, field, markup, run_pass)
        meta = data._meta.copy()
        if diagnostics is not None:
            meta[diagnostics] = meta[field].astype(object)
        return data.map_partitions(
            _fix_frame, spec, token, state, field, unsafe, diagnostics, markup, meta=meta
        )
    if not isinstance(data, db.Bag):
        raise TypeError(f"expected a dask Bag or DataFrame, not {type(data).__name__}")
    state = _run_state(data, linter, spec, token, field, markup, run_pass)
    return data.map_partitions(
        _fix_partition, spec, token, state, field, unsafe, diagnostics, id_field, markup
    )


def _offsets(lengths: Sequence[int]) -> list[int]:
    out, total = [], 0
    for n in lengths:
        out.append(total)
        total += n
    return out


def _check_partition(
    items: Sequence[Any],
    spec: LinterSpec,
    token: str,
    state: tuple[str, Any] | None,
    offsets: Sequence[int],
    index: int,
    field: str,
    id_field: str | None,
    markup: str,
) -> list[dict[str, Any]]:
    linter = _prepared(spec, token, state)
    out: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        path = _path_of(item, id_field, offsets[index] + i + 1)
        for d in linter.check(_text_of(item, field), path, markup):
            out.append(d.to_dict())
    return out


def check(
    data: Any,
    field: str = "text",
    *,
    config: Config | None = None,
    linter: Linter | None = None,
    id_field: str | None = None,
    run_pass: bool = True,
    markup: str = "plain",
) -> Any:
    """The diagnostics of every document of a Bag (strings or dicts) or a
    DataFrame, as a Bag of the JSON objects of ``--output-format json``.

    ``path`` is the record's ``id_field`` value, or its 1-based position in
    the collection.
    """
    linter, spec, token = _linter_and_spec(config, linter)
    if _is_frame(data):
        data = data.to_bag(format="dict")
    if not isinstance(data, db.Bag):
        raise TypeError(f"expected a dask Bag or DataFrame, not {type(data).__name__}")
    state = _run_state(data, linter, spec, token, field, markup, run_pass)
    parts = data.to_delayed()
    offsets = delayed(_offsets)([delayed(len)(p) for p in parts])
    return db.from_delayed(
        [
            delayed(_check_partition)(p, spec, token, state, offsets, i, field, id_field, markup)
            for i, p in enumerate(parts)
        ]
    )
