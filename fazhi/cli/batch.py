"""`fazhi batch`: a corpus into a partitioned Parquet dataset, on a process pool or a Dask cluster."""
from __future__ import annotations

import signal
import sys
import threading
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ..settings import DEFAULT
from . import app
from .options import checked_ids, checked_ocr, ignore_option, ocr_option, select_option

_ENGINES = ("local", "dask")


def _engine(name: str, job, scheduler: Optional[str], workers: Optional[int], memory_limit: str,
            ocr_slots: Optional[int], err: Console):
    if name == "dask":
        from ..batch.engine_dask import DaskEngine

        return DaskEngine(job, scheduler=scheduler, workers=workers, memory_limit=memory_limit,
                          warn=lambda m: err.print(f"[yellow]注意：[/]{m}"))
    from ..batch.engine_local import LocalEngine

    return LocalEngine(job, workers=workers, ocr_slots=ocr_slots, memory_limit=memory_limit)


def _terminate_as_interrupt(signum, frame):  # a batch system's SIGTERM saves finished work like Ctrl-C
    raise KeyboardInterrupt


@app.command()
def batch(
    sources: list[str] = typer.Argument(..., help="目录（递归读取）、每行一个路径或网址的列表文件，或 Parquet/JSONL 清单"),
    out: str = typer.Option(..., "--out", "-o", help="输出数据集目录（Parquet，按年度和省份分区）；已存在时继续写入"),
    engine: str = typer.Option("local", "--engine", "-e", help="local（本机进程池）或 dask（Dask 集群）"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="已有 Dask 调度器的地址，如 tcp://10.0.0.5:8786（隐含 --engine dask）"),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="工作进程数；默认等于本机 CPU 核数（连接已有调度器时由集群决定）"),
    memory_limit: str = typer.Option("auto", "--memory-limit", help="每个工作进程的内存上限，如 4GiB；auto 为内存总量按进程数平分；0 为不限"),
    ocr_slots: Optional[int] = typer.Option(None, "--ocr-slots", min=1, help="本机引擎同时做文字识别的进程数上限（默认工作进程数的一半）"),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="重新分析以前失败或无法读取的文件"),
    max_fetches: int = typer.Option(4, "--max-fetches", min=1, help="整个集群同时下载网址的上限（避免给政府网站造成压力）"),
    source_type: str = typer.Option("auto", "--source-type", help="来源类型：auto、dir、list、parquet、jsonl、file"),
    ocr: str = ocr_option(),
    ocr_threads: int = typer.Option(0, "--ocr-threads", min=0, help="每个识别任务使用的线程数；0 为使用全部核心（多台机器、每台多个识别进程时设为 核数/进程数）"),
    select: Optional[str] = select_option(),
    ignore: Optional[str] = ignore_option(),
    include_text: bool = typer.Option(True, "--include-text/--no-text", help="在数据集中保存提取的全文（近似重复检测和全文检索需要）"),
    chunk_size: int = typer.Option(64, "--chunk-size", min=1, help="每个任务最多包含的文字类文件数（合计不超过 512 KB；扫描件总是一个一个任务）"),
    rows_per_file: int = typer.Option(1000, "--rows-per-file", min=1, help="每个 Parquet 分片文件最多的行数"),
    flush_seconds: float = typer.Option(30.0, "--flush-seconds", min=0.0, help="已完成的结果最迟多少秒写入磁盘（中断时最多损失这么久的工作）"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度"),
) -> None:
    """批量分析：把大量报告分析结果写成 Parquet 数据集，可在本机或 Dask 集群上运行，可中断续跑。"""
    from ..batch import Job, Options, Stats, run
    from ..batch.sources import SourceError, count, detect, not_report_files
    from ..dataset import FAILURES
    from ..dataset import create as create_dataset

    if scheduler:
        engine = "dask"
    if engine not in _ENGINES:
        raise typer.BadParameter(f"未知的引擎“{engine}”，可选：local、dask", param_hint="--engine")
    checked_ocr(ocr)
    sel, ign = checked_ids(select, ignore)
    try:
        for s in sources:
            detect(s, source_type)
    except SourceError as e:
        raise typer.BadParameter(str(e), param_hint="SOURCES") from e
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        create_dataset(out)  # before any worker starts: a wrong --out fails at once
    except (ValueError, OSError) as e:
        err.print(f"[red]错误：[/]{e}")
        raise typer.Exit(2)
    out_console = Console(highlight=False, soft_wrap=True)
    job = Job(settings=DEFAULT.with_(ocr=ocr, ocr_threads=ocr_threads), select=frozenset(sel) if sel is not None else None,
              ignore=frozenset(ign) if ign is not None else None, include_text=include_text)
    opts = Options(out=out, source_type=source_type, chunk_size=chunk_size, rows_per_file=rows_per_file,
                   flush_seconds=flush_seconds, retry_failed=retry_failed, max_fetches=max_fetches)
    stats = Stats()

    left_out = [0]

    def count_total() -> None:
        try:
            stats.total = count(sources, source_type, out)
            left_out[0] = not_report_files(sources, source_type, out)
        except Exception:  # the count only feeds the progress bar; the run reports listing errors itself
            pass

    counter = threading.Thread(target=count_total, name="fazhi-count", daemon=True)
    counter.start()
    if scheduler and workers:
        err.print("[yellow]注意：[/]连接已有调度器时，工作进程数由集群决定，--workers 不起作用")
    previous = signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    try:
        eng = _engine(engine, job, scheduler, workers if not scheduler else None, memory_limit, ocr_slots, err)
        with eng:
            if not quiet:
                err.print(eng.describe())
            result = _run_with_progress(run, sources, opts, eng, stats, err, quiet)
    except KeyboardInterrupt:
        err.print(f"[yellow]已中断。[/]已完成的 {stats.finished} 个文件的结果已保存在 {out}；"
                  "再次运行同一命令即可从中断处继续。")
        raise typer.Exit(130)
    except (RuntimeError, ValueError, SourceError) as e:
        err.print(f"[red]错误：[/]{e}")
        raise typer.Exit(2)
    finally:
        signal.signal(signal.SIGTERM, previous)
    s = result
    counter.join(timeout=10)  # the listing is done by now; this only waits for its count of left-out files
    parts = [f"分析 {s.finished} 个文件（{s.documents} 份文档）"]
    if s.skipped:
        parts.append(f"跳过 {s.skipped} 个已完成")
    if s.duplicates:
        parts.append(f"{s.duplicates} 个与其他文件内容相同未重复分析")
    if s.ocr:
        parts.append(f"其中 {s.ocr} 个需文字识别")
    if s.unreadable:
        parts.append(f"{s.unreadable} 份无法读取")
    if s.failed:
        parts.append(f"{s.failed} 个失败")
    if left_out[0]:
        parts.append(f"跳过 {left_out[0]} 个非报告文件")
    out_console.print("完成：" + "，".join(parts) + f"；用时 {s.seconds:.1f} 秒，每秒 {s.rate:.1f} 个。")
    root = Path(out)
    out_console.print(f"数据集：{root}（DuckDB：SELECT * FROM read_parquet('{root / '**' / '*.parquet'}', "
                      "hive_partitioning=true)）")
    if s.unreadable or s.failed:
        out_console.print(f"失败清单：{root / FAILURES}（修复后加 --retry-failed 重新分析）")
    if s.failed:
        raise typer.Exit(1)


def _run_with_progress(run, sources, opts, eng, stats, err: Console, quiet: bool):
    """Run with a progress bar on a terminal, or a line every 30 s in a batch system's log."""
    if quiet:
        return run(sources, opts, eng, stats=stats)
    if err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("分析中"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                      TimeRemainingColumn(), console=err, transient=True) as bar:
            task = bar.add_task("batch", total=None, rate="")

            def show(s) -> None:
                total = s.total - s.skipped - s.duplicates if s.total is not None else None
                bar.update(task, completed=s.finished, total=total, rate=f"{s.rate:.1f} 个/秒")

            return run(sources, opts, eng, progress=show, stats=stats)
    last = [time.monotonic()]

    def log(s) -> None:
        now = time.monotonic()
        if now - last[0] >= 30:
            last[0] = now
            total = f"/{s.total}" if s.total is not None else ""
            err.print(f"已完成 {s.finished + s.skipped}{total}（本次 {s.finished}，每秒 {s.rate:.1f} 个）")
            sys.stderr.flush()

    return run(sources, opts, eng, progress=log, stats=stats)
