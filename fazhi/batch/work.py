"""The task every engine runs on its workers: analyse a few inputs, return their dataset rows.

This is the laptop's code path unchanged: `fazhi.read.load` then
`fazhi.analyze_document` for each document the input holds, which is exactly what
`fazhi.analyze_all` does, with the listed source name passed through so that a manifest
can name a downloaded file by its URL. A local process pool and a Dask worker import
this module and call `analyze_chunk`; nothing else runs on a worker.
"""
from __future__ import annotations

import datetime as _dt
import traceback
from dataclasses import dataclass, field
from typing import Any

from ..dataset import row_from_report
from ..pipeline import analyze_document
from ..read import load
from ..settings import DEFAULT, ReadSettings
from .sources import Item


@dataclass(frozen=True)
class Job:
    """What every task of one batch shares (small and picklable: it travels with each task)."""

    settings: ReadSettings = DEFAULT
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    include_text: bool = True


@dataclass
class ChunkResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    items: int = 0


def analyze_item(item: Item, job: Job) -> list[dict[str, Any]]:
    """Rows for every document of one input; an unreadable one still yields its row."""
    name = item.source if item.source != item.path else None
    docs = load(item.path, job.settings, name=name)
    sel = set(job.select) if job.select is not None else None
    ign = set(job.ignore) if job.ignore is not None else None
    reports = [analyze_document(d, sel, ign) for d in docs]
    at = _dt.datetime.now(_dt.timezone.utc)  # one instant per input: its documents are superseded together
    # a URL keeps input_sha256 null: it is known (and skipped on a rerun) by its address
    return [row_from_report(r, item.sha256, i, job.include_text, at) for i, r in enumerate(reports)]


def analyze_chunk(items: list[Item], job: Job) -> ChunkResult:
    """Analyse a chunk; a bug on one input is that input's failure, never the chunk's."""
    out = ChunkResult(items=len(items))
    for item in items:
        try:
            out.rows.extend(analyze_item(item, job))
        except Exception as e:  # the reader and the pipeline never raise on bad input: this is a fazhi bug
            tb = traceback.format_exception_only(type(e), e)[-1].strip()
            out.failures.append({"source": item.source, "input_sha256": item.sha256, "kind": "exception",
                                 "error": f"分析时出错（程序缺陷，请报告）：{tb}"})
    return out
