"""The batch loop both engines share: list, skip what is done, submit in a window, write.

    listing (lazy) -> hash + OCR sniff -> skip done keys -> chunks -> engine (window) -> dataset writer

Why it is shaped this way:
- Resumable: a key (the sha256 of the input's bytes, or its source when the bytes are
  not known yet) is skipped when the dataset already holds it, or when an earlier run
  recorded it as failed, unless `retry_failed`. Rows reach disk in whole part files
  within `flush_seconds` of finishing, so a killed run loses at most that much.
- Backpressure: at most `engine.window()` chunks are in flight, and the listing is
  pulled only as fast as chunks finish, so the driver's memory does not grow with the
  corpus (beyond one key per input, for de-duplication).
- OCR apart: OCR inputs travel one per chunk and, on the local engine, at most
  `ocr_limit` at a time (Dask enforces its `ocr` resource itself); text inputs are
  chunked by count and size, since one takes milliseconds. URL inputs travel one per
  chunk too, at most `max_fetches` at a time over the whole cluster.
- A dead worker: the inputs of a lost chunk are run again one at a time with nothing
  else in flight, so the input that kills workers is identified and reported in the
  failures manifest while every other input completes.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .. import dataset
from .sources import Item, describe, entries


@dataclass
class Options:
    out: str
    source_type: str = "auto"
    # a text task holds up to chunk_size inputs or chunk_bytes of them, whichever comes
    # first: 0.1–0.4 s of work for .txt/HTML reports, one or two PDFs. Against 16 inputs a
    # task this took Dask from 334 to 351 reports/s on 2 workers (bench corpus, 2 cores).
    chunk_size: int = 64
    chunk_bytes: int = 512 << 10
    rows_per_file: int = 1000
    max_buffered: int = 5000
    flush_seconds: float = 30.0
    retry_failed: bool = False
    max_fetches: int = 4  # URL inputs fetched at once across all workers: a government site is not a CDN


@dataclass
class Stats:
    """Counters of one run, for the progress bar and the closing summary."""

    listed: int = 0  # inputs listed so far
    skipped: int = 0  # already in the dataset (or failed before and not retried)
    duplicates: int = 0  # the same bytes listed again under another name
    submitted: int = 0
    ocr: int = 0  # of which read by OCR
    finished: int = 0  # inputs whose analysis came back
    documents: int = 0  # rows produced (an archive yields several)
    unreadable: int = 0  # rows whose document could not be read
    failed: int = 0  # inputs with no row at all (worker crash, program error)
    lost_chunks: int = 0  # chunks lost with a worker and retried
    superseded: int = 0  # older rows dropped after a retry
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None
    total: int | None = None  # set by a background count when the listing allows it

    @property
    def seconds(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.finished / self.seconds if self.seconds > 0 else 0.0


class FailureLog:
    """`_failures.jsonl`: inputs that did not yield a row, and inputs whose documents were unreadable.

    During a run, failures without a row are appended as they happen (so a killed run
    keeps them); at the end the file is rewritten from the dataset: unreadable rows plus
    the failures that no later row has resolved.
    """

    def __init__(self, root: Path) -> None:
        self.path = root / dataset.FAILURES
        self.entries: dict[str, dict[str, Any]] = {}
        if self.path.is_file():
            with self.path.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        try:
                            e = json.loads(line)
                        except json.JSONDecodeError:
                            continue  # a line cut short by a kill
                        if e.get("kind") != "unreadable":
                            self.entries[dataset.row_key(e.get("input_sha256"), e.get("source", ""))] = e
        self._fh = None

    def keys(self) -> set[str]:
        return set(self.entries)

    def add(self, entry: dict[str, Any]) -> None:
        entry = {**entry, "at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}
        self.entries[dataset.row_key(entry.get("input_sha256"), entry.get("source", ""))] = entry
        if self._fh is None:
            self._fh = self.path.open("a", encoding="utf-8")
        self._fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._fh.flush()

    def finalize(self, index: dataset.Index) -> int:
        """Rewrite the manifest from the dataset; returns how many inputs it lists."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        lines = [e for k, e in self.entries.items() if k not in index.done and k not in index.errored]
        for k, (src, err) in sorted(index.errored.items(), key=lambda kv: kv[1][0] or ""):
            lines.append({"source": src, "input_sha256": None if k.startswith("source:") else k,
                          "kind": "unreadable", "error": err})
        tmp = self.path.with_name("." + self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for e in lines:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        os.replace(tmp, self.path)
        return len(lines)


def _items(specs: Iterable[str], opts: Options, settings, skip: set[str], seen: set[str], stats: Stats,
           exclude: Path) -> Iterator[Item]:
    """Listed inputs that still need work, described (hashed, sniffed) lazily."""
    for spec in specs:
        for source, path, sha in entries(spec, opts.source_type, exclude):
            stats.listed += 1
            if sha is not None:  # a manifest gave the hash: decide without reading the file
                k = dataset.row_key(sha, source)
                if k in skip:
                    stats.skipped += 1
                    continue
            item = describe(source, path, sha, settings)
            k = item.key
            if k in skip:
                stats.skipped += 1
            elif k in seen:
                stats.duplicates += 1
            else:
                seen.add(k)
                yield item


def run(specs: list[str], opts: Options, engine, progress: Callable[[Stats], None] = lambda s: None,
        stats: Stats | None = None) -> Stats:
    """Analyse every input the SOURCEs list into the dataset at `opts.out`; returns the run's counters.

    `engine` is an entered LocalEngine or DaskEngine. Interrupting (Ctrl-C, SIGTERM)
    still writes every finished row before the exception propagates.
    """
    stats = stats or Stats()
    root = dataset.create(opts.out)
    dataset.remove_leftovers(root)
    stats.superseded += dataset.dedupe(root)  # repairs a retry that was killed half-way
    index = dataset.scan(root)
    failures = FailureLog(root)
    skip = set(index.done)
    if not opts.retry_failed:
        skip |= set(index.errored) | failures.keys()
    seen: set[str] = set()
    writer = dataset.Writer(root, opts.rows_per_file, opts.max_buffered, opts.flush_seconds)
    source = _items(specs, opts, engine.job.settings, skip, seen, stats, root.resolve())

    inflight: dict[Any, tuple[list[Item], str, bool]] = {}
    text_buf: list[Item] = []
    text_bytes = 0
    # inputs whose kind is capped: OCR (memory, a whole core per page) and URLs (politeness
    # to the sites fetched); each waits here for a free slot while text inputs flow past
    backlog: dict[str, deque[Item]] = {"ocr": deque(), "url": deque()}
    limits = {"ocr": engine.ocr_limit, "url": max(1, opts.max_fetches)}
    suspects: deque[Item] = deque()
    attempts: dict[str, int] = {}
    exhausted = False

    def submit(items: list[Item], kind: str, isolated: bool = False) -> None:
        inflight[engine.submit(items, kind)] = (items, kind, isolated)
        if not isolated:
            stats.submitted += len(items)
            if kind == "ocr":
                stats.ocr += len(items)

    def running(kind: str) -> int:
        return sum(1 for _i, k, _s in inflight.values() if k == kind)

    def submit_capped() -> bool:
        for kind, queue in backlog.items():
            if queue and (limits[kind] is None or running(kind) < limits[kind]):
                submit([queue.popleft()], kind)
                return True
        return False

    def fill() -> None:
        nonlocal exhausted, text_buf, text_bytes
        if suspects:
            if not inflight:  # a suspect runs alone, so a crash is its own
                it = suspects.popleft()
                submit([it], it.kind, isolated=True)
            return
        window = engine.window()
        while len(inflight) < window:
            if submit_capped():
                continue
            if exhausted:
                if text_buf:
                    submit(text_buf, "text")
                    text_buf, text_bytes = [], 0
                    continue
                return
            if sum(len(q) for q in backlog.values()) >= window:
                return  # enough inputs waiting for a capped slot: wait for one before listing further
            item = next(source, None)
            if item is None:
                exhausted = True
                continue
            if item.kind in backlog:
                backlog[item.kind].append(item)
                continue
            text_buf.append(item)
            text_bytes += item.size
            if len(text_buf) >= opts.chunk_size or text_bytes >= opts.chunk_bytes:
                submit(text_buf, "text")
                text_buf, text_bytes = [], 0

    def fail(item: Item, kind: str, error: str) -> None:
        failures.add({"source": item.source, "input_sha256": item.sha256, "kind": kind, "error": error})
        stats.failed += 1
        stats.finished += 1

    def complete(handle) -> None:
        items, kind, isolated = inflight.pop(handle)
        try:
            res = engine.result(handle)
        except Exception as e:
            if engine.is_lost(e):
                stats.lost_chunks += 1
                if isolated:
                    it = items[0]
                    attempts[it.key] = attempts.get(it.key, 0) + 1
                    if attempts[it.key] >= engine.isolated_attempts:
                        fail(it, "crash", engine.lost_reason() + f"；已单独重试 {attempts[it.key]} 次")
                    else:
                        suspects.appendleft(it)
                else:
                    suspects.extend(items)
                engine.recover(handle)
            else:
                for it in items:
                    fail(it, "exception", f"任务失败：{type(e).__name__}: {e}")
            engine.release(handle)
            return
        engine.release(handle)
        writer.add(res.rows)
        for f in res.failures:
            failures.add(f)
        stats.finished += res.items
        stats.failed += len(res.failures)
        stats.documents += len(res.rows)
        stats.unreadable += sum(1 for r in res.rows if r.get("error"))

    try:
        while True:
            fill()
            if not inflight:
                if exhausted and not text_buf and not any(backlog.values()) and not suspects:
                    break
                continue
            for h in engine.wait(set(inflight), timeout=min(5.0, opts.flush_seconds)):
                complete(h)
            if writer.due():
                writer.flush()
            progress(stats)
    finally:
        writer.close()
        stats.superseded += dataset.dedupe(root)
        failures.finalize(dataset.scan(root))
        stats.ended = time.monotonic()
        progress(stats)
    return stats
