"""`fazhi batch` on a local process pool and on a real Dask cluster gives the same dataset, record for record.

The Dask runs use real worker processes: a LocalCluster started by this test (scheduler
in this process, two worker processes) that the command reaches with --scheduler, and
one the command starts itself with --engine dask. The corpus is the seeds, the
examples and a few hundred synthetic reports made from them in a temporary directory.
"""
from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
distributed = pytest.importorskip("distributed")

from fazhi import dataset  # noqa: E402

from .conftest import EXAMPLES, ROOT, SEEDS  # noqa: E402
from .synthetic import base_texts, write_corpus  # noqa: E402

pytestmark = pytest.mark.slow
N_SYNTHETIC = 240


def fazhi_batch(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    return subprocess.run([sys.executable, "-m", "fazhi", "batch", *args, "--quiet"], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=env)


def rows(path: Path) -> list[dict]:
    """Every row of a dataset, without the time it was analysed, sorted by sha256."""
    t = dataset.read_table(path).to_pylist()
    for r in t:
        r.pop("analyzed_at")
    return sorted(t, key=lambda r: (r["sha256"], r["member"]))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    if not base_texts():
        pytest.skip("no example or seed reports present: cannot build the batch corpus")
    synth = tmp_path_factory.mktemp("synthetic")
    write_corpus(synth, N_SYNTHETIC)
    return [str(d) for d in (SEEDS, EXAMPLES) if d.is_dir() and any(d.glob("*.txt"))] + [str(synth)]


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "ds"
    res = fazhi_batch(*corpus, "--out", str(out), "--engine", "local", "--workers", "2")
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, resources={"ocr": 1},
                      memory_limit="2GiB", dashboard_address=":0", silence_logs=logging.ERROR) as c, Client(c) as client:
        yield c, client


def expected_count(corpus: list[str]) -> int:
    """Report files of the corpus directories (a README beside the examples is not one)."""
    from fazhi.read.inputs import is_report_file

    return sum(1 for d in corpus for p in Path(d).rglob("*") if p.is_file() and is_report_file(p))


def test_dask_on_an_existing_cluster_equals_local(corpus, local_run, cluster, tmp_path: Path) -> None:
    c, _client = cluster
    out = tmp_path / "ds"
    res = fazhi_batch(*corpus, "--out", str(out), "--scheduler", c.scheduler_address)
    assert res.returncode == 0, res.stderr
    a, b = rows(local_run), rows(out)
    assert len(a) == expected_count(corpus) >= N_SYNTHETIC
    assert [r["sha256"] for r in a] == [r["sha256"] for r in b]
    for ra, rb in zip(a, b):
        assert ra == rb, ra["source"]
    assert len({r["sha256"] for r in a}) == len(a)
    assert (out / dataset.MARKER).is_file()
    # the same partitions, file for file
    assert {f.parent.relative_to(out) for f in dataset.part_files(out)} == \
           {f.parent.relative_to(local_run) for f in dataset.part_files(local_run)}


def test_dask_starting_its_own_local_cluster(corpus, local_run, tmp_path: Path) -> None:
    small = corpus[:-1] or [corpus[-1]]  # the real reports (or the synthetic ones when they are absent)
    out = tmp_path / "ds"
    res = fazhi_batch(*small, "--out", str(out), "--engine", "dask", "--workers", "2")
    assert res.returncode == 0, res.stderr
    got = rows(out)
    want = {r["sha256"]: r for r in rows(local_run)}
    assert got and all(r == want[r["sha256"]] for r in got)
    rerun = fazhi_batch(*small, "--out", str(out), "--engine", "dask", "--workers", "2")
    assert rerun.returncode == 0 and rows(out) == got


class _Where(distributed.diagnostics.plugin.SchedulerPlugin):
    """Records which worker finished each task."""

    def __init__(self) -> None:
        self.ran: dict[str, str] = {}

    def transition(self, key, start, finish, *args, **kwargs) -> None:
        if finish == "memory" and kwargs.get("worker"):
            self.ran[str(key)] = kwargs["worker"]


def _scans(d: Path, n: int) -> None:
    """Image-only inputs: PNG pages and PDFs with no text layer."""
    from PIL import Image

    for i in range(n):
        img = Image.new("RGB", (200, 120), "white")
        img.putpixel((i, i), (0, 0, 0))  # distinct bytes: identical inputs are analysed once
        img.save(d / f"scan_{i}.pdf", "PDF", resolution=72)
        page = Image.new("RGB", (620, 880), "white")  # page-sized: a directory walk leaves icon-sized images out
        page.putpixel((i, i), (0, 0, 0))
        buf = io.BytesIO()
        page.save(buf, "PNG")
        (d / f"page_{i}.png").write_bytes(buf.getvalue())


def test_ocr_tasks_only_run_on_workers_with_the_ocr_resource(tmp_path: Path) -> None:
    pytest.importorskip("PIL")
    pytest.importorskip("pypdfium2")
    from distributed import LocalCluster

    src = tmp_path / "in"
    src.mkdir()
    _scans(src, 3)
    write_corpus(src, 24)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, resources={"ocr": 1},
                      dashboard_address=":0", silence_logs=logging.ERROR) as c:
        where = _Where()
        c.scheduler.add_plugin(where, name="fazhi-test-where")
        ocr_worker = next(iter(c.scheduler.workers))
        plain = subprocess.Popen([sys.executable, "-m", "dask", "worker", c.scheduler_address, "--nthreads", "1",
                                  "--no-dashboard", "--name", "plain"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, cwd=ROOT)
        try:
            deadline = time.monotonic() + 60
            while len(c.scheduler.workers) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert len(c.scheduler.workers) == 2, "the plain dask worker did not join"
            out = tmp_path / "ds"
            res = fazhi_batch(str(src), "--out", str(out), "--scheduler", c.scheduler_address, "--chunk-size", "2")
            assert res.returncode == 0, res.stderr
        finally:
            plain.terminate()
            plain.wait(timeout=30)
    ocr = {k: w for k, w in where.ran.items() if k.startswith("fazhi-ocr-")}
    text = {k: w for k, w in where.ran.items() if k.startswith("fazhi-text-")}
    assert len(ocr) == 6 and set(ocr.values()) == {ocr_worker}
    assert len(text) >= 12
    got = dataset.read_table(out).to_pylist()
    assert len(got) == 30
    # no OCR reader in this tree yet, or one that finds no text on a blank page: either way a row, never a crash
    assert all(r["error"] for r in got if Path(r["source"]).name.startswith(("scan_", "page_")))
    failures = [json.loads(l) for l in (out / dataset.FAILURES).read_text("utf-8").splitlines()]
    assert {f["kind"] for f in failures} == {"unreadable"} and len(failures) == 6


def test_a_worker_with_another_fazhi_version_is_refused(cluster, monkeypatch) -> None:
    import fazhi
    from fazhi.batch import Job
    from fazhi.batch.engine_dask import DaskEngine

    c, _client = cluster
    monkeypatch.setattr(fazhi, "__version__", "0.0.0-other")
    with pytest.raises(RuntimeError, match="版本不同"):
        with DaskEngine(Job(), scheduler=c.scheduler_address):
            pass
