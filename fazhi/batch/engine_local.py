"""The local engine: a process pool on this machine, the default of `fazhi batch`.

Worker processes come from a fork server that has already imported fazhi, so a new
worker starts in milliseconds and shares the loaded tables copy-on-write. Each worker is
replaced after `max_tasks_per_child` chunks, which bounds slow growth; a watchdog
thread samples every worker's resident memory and kills one that goes over
`memory_limit`, as Dask's nanny does. A killed or crashed worker breaks a
`ProcessPoolExecutor`; the runner then hands the lost chunks back one input at a time
and `recover` starts a fresh pool, so finished work (already written) is never redone
and the input that kills workers is found and reported.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from .lifeline import die_with_parent, lifeline_args
from .sources import Item
from .work import ChunkResult, Job, analyze_chunk

_SAMPLE_SECONDS = 0.25


def parse_memory(value: "str | int | None", workers: int) -> int | None:
    """Bytes per worker from '4GiB', '800MB', a byte count, 'auto' (RAM / workers) or None/'0' (no limit)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value or None
    v = value.strip().lower().replace(" ", "")
    if v in ("", "0", "none", "no"):
        return None
    if v == "auto":
        try:
            import psutil

            return int(psutil.virtual_memory().total / max(1, workers))
        except ImportError:
            return None
    units = {"kib": 1024, "mib": 1024 ** 2, "gib": 1024 ** 3, "tib": 1024 ** 4,
             "kb": 1000, "mb": 1000 ** 2, "gb": 1000 ** 3, "tb": 1000 ** 4, "k": 1024, "m": 1024 ** 2,
             "g": 1024 ** 3, "b": 1}
    for suffix in sorted(units, key=len, reverse=True):
        if v.endswith(suffix):
            num = v[: -len(suffix)]
            try:
                return int(float(num) * units[suffix])
            except ValueError:
                break
    try:
        return int(v)
    except ValueError:
        raise ValueError(f"无法理解内存上限“{value}”，请写成 4GiB、800MB 或 auto") from None


def peak_rss(pid: "int | str") -> int | None:
    """A process's peak resident memory in bytes (Linux VmHWM), or None where /proc does not say.

    Not `getrusage().ru_maxrss`: Linux carries that over an exec, so a worker spawned by
    a large parent would report the parent's size.
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _fmt_bytes(n: int) -> str:
    return f"{n / 1024 ** 3:.1f} GiB" if n >= 1024 ** 3 else f"{n / 1024 ** 2:.0f} MiB"


class LocalEngine:
    """A pool of worker processes on this machine; OCR inputs limited to `ocr_slots` at a time."""

    name = "local"
    isolated_attempts = 2  # an input that crashes a worker when run alone is retried once, then reported

    def __init__(self, job: Job, workers: int | None = None, ocr_slots: int | None = None,
                 memory_limit: "str | int | None" = "auto", max_tasks_per_child: int = 200) -> None:
        self.job = job
        self.workers = max(1, workers or os.cpu_count() or 1)
        # OCR takes several hundred MB and the whole of a core per page: by default at most
        # half the workers run OCR at once, so text reports keep flowing beside the scans
        self.ocr_limit = max(1, ocr_slots if ocr_slots else self.workers // 2 or 1)
        self.memory_limit = parse_memory(memory_limit, self.workers)
        self.max_tasks_per_child = max_tasks_per_child
        self._pool: ProcessPoolExecutor | None = None
        self._stop = threading.Event()
        self._watch: threading.Thread | None = None
        self._lock = threading.Lock()
        self.peaks: dict[int, int] = {}
        self._killed: str | None = None
        self._generation = 0

    # -- lifecycle
    def __enter__(self) -> "LocalEngine":
        self._pool = self._new_pool()
        try:
            import psutil  # noqa: F401

            self._watch = threading.Thread(target=self._watchdog, name="fazhi-memory-watchdog", daemon=True)
            self._watch.start()
        except ImportError:
            if self.memory_limit:
                raise RuntimeError("限制工作进程内存需要组件 psutil，当前未安装：请运行 pip install psutil，或使用 --memory-limit 0")
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._watch is not None:
            self._watch.join(timeout=2)

    def _new_pool(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["fazhi.batch.work"])
        # workers end when this process does, however it ends (fazhi/batch/lifeline.py)
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx,
                                   max_tasks_per_child=self.max_tasks_per_child,
                                   initializer=die_with_parent, initargs=lifeline_args())

    def describe(self) -> str:
        mem = f"，每个进程内存上限 {_fmt_bytes(self.memory_limit)}" if self.memory_limit else ""
        return f"本机进程池：{self.workers} 个工作进程（同时最多 {self.ocr_limit} 个做文字识别）{mem}"

    # -- tasks
    def window(self) -> int:
        return self.workers * 2

    def submit(self, items: list[Item], kind: str) -> Future:
        assert self._pool is not None
        fut = self._pool.submit(analyze_chunk, items, self.job)
        fut.fazhi_generation = self._generation  # which pool ran it: see recover()
        return fut

    def call(self, fn, *args) -> Future:
        """Run any picklable function on the pool: corpus ingestion's per-input analysis
        (fazhi.batch.ingest) uses the same workers as a batch's chunks."""
        assert self._pool is not None
        return self._pool.submit(fn, *args)

    def wait(self, handles: "set[Future]", timeout: float | None) -> "set[Future]":
        done, _ = wait(handles, timeout=timeout, return_when=FIRST_COMPLETED)
        return done

    def result(self, handle: Future) -> ChunkResult:
        return handle.result()

    def is_lost(self, exc: BaseException) -> bool:
        return isinstance(exc, BrokenProcessPool)

    def lost_reason(self) -> str:
        return self._killed or "工作进程异常退出（可能是读取库崩溃或系统内存不足）"

    def recover(self, handle: Future) -> None:
        """Replace the pool a lost task ran on with a fresh one, once however many of its tasks report the loss."""
        with self._lock:
            if getattr(handle, "fazhi_generation", None) != self._generation:
                return
            old, self._pool = self._pool, self._new_pool()
            self._generation += 1
            self._killed = None
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)

    def release(self, handle: Future) -> None:
        pass

    # -- memory
    def _worker_pids(self) -> list[int]:
        with self._lock:
            pool = self._pool
        procs = getattr(pool, "_processes", None) or {}
        return list(procs)

    def _watchdog(self) -> None:
        import psutil

        while not self._stop.wait(_SAMPLE_SECONDS):
            for pid in self._worker_pids():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except (psutil.Error, OSError):
                    continue
                peak = max(rss, peak_rss(pid) or 0)
                if peak > self.peaks.get(pid, 0):
                    self.peaks[pid] = peak
                if self.memory_limit and rss > self.memory_limit:
                    self._killed = (f"工作进程内存 {_fmt_bytes(rss)} 超过上限 {_fmt_bytes(self.memory_limit)}，"
                                    "已终止（可用 --memory-limit 调整）")
                    try:
                        psutil.Process(pid).kill()
                    except psutil.Error:
                        pass

    def peak_memory(self) -> dict[str, int]:
        """Peak resident memory of each worker process so far (the kernel's high-water mark), by process id."""
        return {f"pid {pid}": rss for pid, rss in sorted(self.peaks.items())}
