"""Exports of the corpus: what researchers load and what reviewers hand on.

    from fazhi.export import export
    export(corpus, "审查结果.xlsx", year=2023)            # reviewers: reports, findings, figures, status
    export(corpus, "figures.parquet")                     # researchers: one table (csv or parquet)
    export(corpus, "通报.docx", year=2023, kind="notice")  # the batch 通报
    export(corpus, "审查意见/", year=2023, kind="opinions") # one 审查意见 per report

The format follows the file name; `table` picks the table of a CSV/Parquet export (by
default the file's stem when it names one: figures.parquet -> figures).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .frames import TABLES

__all__ = ["export", "TABLES"]


def export(corpus, to: "str | os.PathLike[str]", table: str | None = None, kind: str | None = None,
           registry: "str | os.PathLike[str] | None" = None, **options: Any) -> list[Path]:
    """Write an export; returns the files written.

    Options: year, years, level, province, city (which reports); for DOCX: kind (notice |
    opinions), issuer (落款), recipients (主送), date (落款日期), include_undecided.
    """
    path = Path(to)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".parquet"):
        from .tables import write_table

        name = table or (path.stem if path.stem in TABLES else "reports")
        return [write_table(corpus, path, name, registry=registry, **options)]
    if suffix == ".xlsx":
        from .excel import write_xlsx

        return [write_xlsx(corpus, path, registry=registry, **options)]
    if suffix == ".docx" or (kind == "opinions" and not suffix):
        from .word import write_notice, write_opinions

        kind = kind or ("opinions" if "意见" in path.stem else "notice")
        if kind == "notice":
            return [write_notice(corpus, path, registry=registry, **options)]
        if kind == "opinions":
            return write_opinions(corpus, path, **options)
        raise ValueError(f"Word 导出的类型只能是 notice（通报）或 opinions（审查意见），不能是“{kind}”")
    raise ValueError(f"不支持导出为“{suffix or path.name}”：请用 .csv、.parquet、.xlsx 或 .docx（审查意见可导出到目录）")
