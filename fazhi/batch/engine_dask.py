"""The Dask engine: the same chunks on a Dask cluster, an existing one or a local one.

With `--scheduler tcp://host:8786` the batch connects to a cluster someone already runs
(dask-jobqueue on Slurm/PBS, dask-yarn on Hadoop, the Dask operator on Kubernetes, or
`dask scheduler` / `dask worker` over SSH); without it a `LocalCluster` of worker
processes is started here, one thread each, with a memory limit per worker that the
nanny enforces.

OCR chunks are submitted with the worker resource `{"ocr": 1}`: a worker started with
`--resources ocr=1` runs at most one OCR task at a time, and workers without the
resource never get one, so a cluster can keep its large-memory nodes for scans. When no
worker of an existing cluster declares the resource, OCR chunks are submitted without
it (with a warning), since a restriction no worker can satisfy would wait forever.
The runner keeps only a window of chunks in flight, so a million-file listing is never
submitted at once and the scheduler's memory stays flat.
"""
from __future__ import annotations

import logging
import os
import time
import uuid

from .sources import Item
from .work import ChunkResult, Job, analyze_chunk

_REFRESH_SECONDS = 10.0


def _require():
    try:
        import distributed  # noqa: F401
    except ImportError as e:  # pragma: no cover - depends on the installed extras
        raise RuntimeError("--engine dask 需要可选组件：pip install 'fazhi[cluster]'") from e


def _peak_rss() -> int:
    """Peak resident memory of the calling worker process, in bytes (runs on each worker)."""
    import resource
    import sys

    from .engine_local import peak_rss

    peak = peak_rss("self")
    if peak is None:  # no /proc (macOS): the rusage figure, in bytes there
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return peak


def _fazhi_version() -> str:
    """The fazhi version a worker runs (runs on each worker)."""
    from .. import __version__

    return __version__


class DaskEngine:
    """Chunks as Dask tasks; OCR chunks restricted to workers that declare the `ocr` resource."""

    name = "dask"
    isolated_attempts = 1  # the scheduler has already retried a task whose worker died (allowed-failures)

    def __init__(self, job: Job, scheduler: str | None = None, workers: int | None = None,
                 memory_limit: "str | int | None" = "auto", ocr_per_worker: int = 1,
                 warn=lambda msg: None) -> None:
        _require()
        self.job = job
        self.scheduler = scheduler
        self.workers = workers
        self.memory_limit = memory_limit
        self.ocr_per_worker = ocr_per_worker
        self.ocr_limit: int | None = None  # the scheduler enforces it through resources
        self.warn = warn
        self.cluster = None
        self.client = None
        self._ocr_resource = False
        self._window = 2
        self._window_at = 0.0

    def __enter__(self) -> "DaskEngine":
        import dask
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="30s")
            except OSError as e:
                raise RuntimeError(f"无法连接 Dask 调度器 {self.scheduler}：{e}") from e
        else:
            n = max(1, self.workers or os.cpu_count() or 1)
            mem = self.memory_limit if self.memory_limit not in (None, "", "0") else 0
            # worker-saturation inf: hand every submitted task to a worker at once; the
            # runner's window already bounds them, and a worker that must ask the scheduler
            # for its next task idles. MALLOC_TRIM_THRESHOLD_ unset: Dask sets it for its
            # workers, which turns off glibc's adaptive mmap threshold, so every large array
            # of the OCR is mapped and unmapped afresh: a scanned page then cost 55 % more
            # CPU on a Dask worker than in a local process (10.5 → 16.3 core-seconds for two
            # pages, measured on this project's 2-core machine).
            with dask.config.set({"distributed.scheduler.worker-saturation": "inf",
                                  "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, memory_limit=mem,
                                            resources={"ocr": self.ocr_per_worker}, dashboard_address=":0",
                                            silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        try:
            self._inspect_workers()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _inspect_workers(self) -> None:
        workers = self.client.scheduler_info().get("workers", {})
        if self.scheduler and not workers:
            try:
                self.client.wait_for_workers(1, timeout=60)
            except TimeoutError:
                raise RuntimeError(f"Dask 调度器 {self.scheduler} 上没有工作进程（已等待 60 秒）") from None
            workers = self.client.scheduler_info().get("workers", {})
        self._check_versions()
        self._ocr_resource = any((w.get("resources") or {}).get("ocr") for w in workers.values())
        if not self._ocr_resource:
            self.warn("集群中没有声明 ocr 资源的工作进程：扫描件将不受资源限制地调度。"
                      "启动工作进程时加上 --resources ocr=1 可让每个进程同时只做一个文字识别任务")
        self._refresh_window(force=True)

    def _check_versions(self) -> None:
        """Every worker must run this fazhi version: records carry it, and mixed versions are not comparable."""
        from .. import __version__

        try:
            versions = self.client.run(_fazhi_version)
        except Exception as e:
            raise RuntimeError("Dask 工作进程无法导入 fazhi：请在每个工作进程的环境中安装与本机相同版本的 fazhi"
                               f"（pip install 'fazhi[cluster]=={__version__}'）。原因：{type(e).__name__}: {e}") from e
        other = {addr: v for addr, v in versions.items() if v != __version__}
        if other:
            listed = "，".join(f"{a}（{v}）" for a, v in sorted(other.items())[:5])
            raise RuntimeError(f"本机 fazhi 版本为 {__version__}，以下工作进程的版本不同：{listed}。"
                               "请在集群上安装相同版本后再运行")

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def describe(self) -> str:
        info = self.client.scheduler_info() if self.client else {}
        workers = info.get("workers", {})
        threads = sum(w.get("nthreads", 1) for w in workers.values())
        where = f"已连接 Dask 调度器 {self.scheduler}" if self.scheduler else "已启动本地 Dask 集群"
        mems = [w.get("memory_limit") or 0 for w in workers.values()]
        mem = f"，每个工作进程内存上限 {min(mems) / 1024 ** 3:.1f} GiB" if mems and min(mems) else ""
        return f"{where}：{len(workers)} 个工作进程，共 {threads} 个线程{mem}"

    def _refresh_window(self, force: bool = False) -> None:
        """Three chunks in flight per worker thread (one running, the next ones already on the
        worker), re-read now and then as workers join or leave."""
        now = time.monotonic()
        if force or now - self._window_at > _REFRESH_SECONDS:
            threads = sum(self.client.nthreads().values()) if self.client else 1
            self._window = max(3, 3 * threads)
            self._window_at = now

    def window(self) -> int:
        self._refresh_window()
        return self._window

    def submit(self, items: list[Item], kind: str):
        resources = {"ocr": 1} if kind == "ocr" and self._ocr_resource else None
        return self.client.submit(analyze_chunk, items, self.job, key=f"fazhi-{kind}-{uuid.uuid4().hex}",
                                  resources=resources, pure=False)

    def wait(self, handles: set, timeout: float | None) -> set:
        from distributed import wait

        try:
            done, _ = wait(list(handles), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return set()
        return set(done)

    def result(self, handle) -> ChunkResult:
        return handle.result()

    def is_lost(self, exc: BaseException) -> bool:
        from distributed import KilledWorker

        return isinstance(exc, KilledWorker)

    def lost_reason(self) -> str:
        return "处理该文件时 Dask 工作进程多次异常退出（可能是内存超限或读取库崩溃）"

    def recover(self, handle) -> None:
        """Nothing to do: the nanny restarts a dead worker and the scheduler reassigns its tasks."""

    def release(self, handle) -> None:
        handle.release()

    def peak_memory(self) -> dict[str, int]:
        """Peak resident memory of each worker process, by worker address."""
        if self.client is None:
            return {}
        return dict(sorted(self.client.run(_peak_rss).items()))
