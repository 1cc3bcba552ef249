"""`fazhi batch`: analyse a whole corpus into a Parquet dataset, on this machine or on a Dask cluster.

sources.py lists and describes the inputs, work.py is the task a worker runs (the same
`load` + `analyze_document` as `fazhi analyze`), engine_local.py and engine_dask.py run
those tasks, runner.py is the loop both share, and fazhi/dataset.py the output format.
"""
from __future__ import annotations

from .runner import Options, Stats, run
from .work import Job

__all__ = ["Job", "Options", "Stats", "run"]
