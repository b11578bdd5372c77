"""Dask: the same results as one process, on a LocalCluster of two worker
processes on loopback, for Bags, DataFrames and the CLI."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_parallel import SharedLine, article, linter_with

from lintnews.cli import main
from lintnews.document import Document
from lintnews.engine import Linter

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")
import cloudpickle  # noqa: E402  (comes with distributed)

import lintnews.dask  # noqa: E402

# Dask workers cannot import the test modules: the toy rule travels by value.
cloudpickle.register_pickle_by_value(sys.modules["test_parallel"])


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def texts(n: int = 30) -> list[str]:
    return [article(i) for i in range(n)]


def test_clean_bag_of_strings_equals_single_process(client):
    items = texts()
    bag = db.from_sequence(items, npartitions=4)
    got = lintnews.dask.clean(bag, unsafe=True).compute()
    linter = Linter()
    linter.prepare_run(Document(t, "-", "plain") for t in items)
    assert got == [linter.fix(t, "-", "plain", unsafe=True).text for t in items]


def test_cross_file_pass_is_a_dask_reduction(client):
    items = texts()
    records = [{"id": i, "text": t, "other": [i]} for i, t in enumerate(items)]
    bag = db.from_sequence(records, npartitions=5)
    got = lintnews.dask.clean(bag, linter=linter_with(SharedLine), diagnostics="lint").compute()
    serial = linter_with(SharedLine)
    serial.prepare_run(Document(t, "-", "plain") for t in items)
    expected = []
    for r in records:
        result = serial.fix(r["text"], "-", "plain")
        expected.append({**r, "text": result.text, "lint": [d.to_dict() for d in result.remaining]})
    assert got == expected
    assert any(d["code"] == "TT903" for r in got for d in r["lint"])


def test_check_bag_numbers_records_across_partitions(client):
    items = texts()
    found = lintnews.dask.check(
        db.from_sequence(items, npartitions=4), linter=linter_with(SharedLine)
    ).compute()
    serial = linter_with(SharedLine)
    serial.prepare_run(Document(t, "-", "plain") for t in items)
    expected = [d.to_dict() for n, t in enumerate(items, 1) for d in serial.check(t, str(n), "plain")]
    assert found == expected


def test_clean_dataframe(client):
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    items = texts(12)
    frame = dd.from_pandas(pd.DataFrame({"id": range(12), "text": items}), npartitions=3)
    got = lintnews.dask.clean(frame, diagnostics="lint").compute()
    linter = Linter()
    assert got["text"].tolist() == [linter.fix(t, "-", "plain").text for t in items]
    assert got["id"].tolist() == list(range(12))
    assert [json.loads(x) for x in got["lint"]] == [
        [d.to_dict() for d in linter.fix(t, "-", "plain").remaining] for t in items
    ]


def test_cli_dask_scheduler_equals_jobs_1(client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    for i in range(12):
        (tmp_path / f"s{i:02d}.{'md' if i % 4 == 0 else 'txt'}").write_text(article(i))
    address = client.scheduler.address
    runner = CliRunner()
    local = runner.invoke(main, ["check", ".", "-j", "1", "--no-cache", "--output-format", "json"])
    remote = runner.invoke(
        main, ["check", ".", "--dask-scheduler", address, "--no-cache", "--output-format", "json"]
    )
    assert remote.exit_code == local.exit_code == 1, remote.output
    assert remote.stdout == local.stdout
