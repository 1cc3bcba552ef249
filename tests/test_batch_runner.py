"""The runner's scheduling rules, on an in-process engine that records what ran at once.

The real engines are covered by test_batch_engines.py and test_batch_resume.py; here a
thread pool stands in for the workers so the test can watch how many OCR and URL inputs
are in flight together and how far the listing runs ahead of the work.
"""
from __future__ import annotations

import io
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

from fazhi import dataset  # noqa: E402
from fazhi.batch import (  # noqa: E402
    Job,
    Options,
    run,
    runner,  # noqa: E402
)
from fazhi.batch.work import analyze_chunk  # noqa: E402
from fazhi.settings import DEFAULT  # noqa: E402

from .test_checks import build  # noqa: E402


class ThreadEngine:
    """The engine protocol on threads, recording the most inputs of each kind running at once."""

    name = "threads"
    isolated_attempts = 1

    def __init__(self, job: Job, workers: int = 4, ocr_limit: int | None = 1) -> None:
        self.job = job
        self.workers = workers
        self.ocr_limit = ocr_limit
        self.running: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()
        self.submitted = 0
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(workers)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown()

    def window(self) -> int:
        return self.workers * 2

    def _task(self, items, kind):
        with self._lock:
            self.running[kind] += 1
            self.peak[kind] = max(self.peak[kind], self.running[kind])
        try:
            time.sleep(0.02)  # long enough for the runner to try to start more
            return analyze_chunk(items, self.job)
        finally:
            with self._lock:
                self.running[kind] -= 1

    def submit(self, items, kind) -> Future:
        self.submitted += 1
        return self._pool.submit(self._task, items, kind)

    def wait(self, handles, timeout):
        return wait(handles, timeout=timeout, return_when=FIRST_COMPLETED)[0]

    def result(self, handle):
        return handle.result()

    def is_lost(self, exc) -> bool:
        return False

    def lost_reason(self) -> str:
        return ""

    def recover(self, handle) -> None:
        pass

    def release(self, handle) -> None:
        pass


def _png(i: int) -> bytes:
    from PIL import Image

    img = Image.new("RGB", (620, 880), "white")  # page-sized: a directory walk takes images that can be scans
    img.putpixel((i, i), (0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def test_ocr_and_url_inputs_are_capped_while_text_flows(tmp_path: Path) -> None:
    pytest.importorskip("PIL")
    src = tmp_path / "in"
    src.mkdir()
    for i in range(20):
        (src / f"r{i:02d}.txt").write_text(build() + f"\n附注{i}\n", "utf-8")
    for i in range(5):
        (src / f"scan{i}.png").write_bytes(_png(i))
    urls = tmp_path / "urls.txt"
    # port 9 (discard) refuses at once: each URL yields an unreadable row without any network
    urls.write_text("".join(f"http://127.0.0.1:9/report{i}.html\n" for i in range(8)), "utf-8")
    job = Job(settings=DEFAULT.with_(ocr="never"))  # scheduled as OCR, read without it: fast
    out = tmp_path / "ds"
    with ThreadEngine(job, workers=4, ocr_limit=1) as eng:
        stats = run([str(src), str(urls)], Options(out=str(out), chunk_size=4, max_fetches=2), eng)
    assert stats.finished == 33 and stats.failed == 0
    # ocr="never" classifies nothing as OCR; run again with the sniff on to see the OCR cap
    assert eng.peak["url"] <= 2 and eng.peak["url"] >= 1 and eng.peak["text"] >= 2
    rows = dataset.read_table(out, ["source", "error"]).to_pylist()
    assert len(rows) == 33
    assert all(r["error"] for r in rows if r["source"].startswith("http"))

    out2 = tmp_path / "ds2"
    with ThreadEngine(Job(), workers=4, ocr_limit=1) as eng2:
        stats2 = run([str(src)], Options(out=str(out2), chunk_size=4), eng2)
    assert stats2.ocr == 5 and eng2.peak["ocr"] == 1 and stats2.finished == 25


def test_the_listing_runs_only_a_window_ahead(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(200):
        (src / f"r{i:03d}.txt").write_text(build() + f"\n附注{i}\n", "utf-8")
    listed_when_first_done: list[int] = []
    real = runner._items

    def counting(*args, **kw):
        stats = args[5]
        for item in real(*args, **kw):
            yield item
            # nothing may be listed far beyond what the window of in-flight chunks holds
            assert stats.listed - stats.finished <= 2 * 2 * 4 + 4

    monkeypatch.setattr(runner, "_items", counting)
    with ThreadEngine(Job(), workers=2) as eng:
        stats = run([str(src)], Options(out=str(tmp_path / "ds"), chunk_size=4), eng,
                    progress=lambda s: listed_when_first_done.append(s.listed) if not listed_when_first_done else None)
    assert stats.finished == 200 and listed_when_first_done[0] < 40
