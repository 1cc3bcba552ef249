"""The corpus store: one DuckDB file holding every analysed report, and the API the CLI,
the web app and researchers call.

    from fazhi.corpus import Corpus
    with Corpus("永清县.duckdb") as c:          # created on first use
        ingest(c, ["reports/"])                 # fazhi.batch.ingest: idempotent by sha256, cross-checks
        c.reports(year=2023)                    # pandas DataFrames from here on
        c.report(sha256)                        # the analysis record + text + reviewer decisions
        c.findings(check="near_duplicate")
        c.status(2023, registry="单位名单.xlsx")
        c.compare("reconsideration.received", by="jurisdiction", years=(2021, 2024))
        c.search("行政复议")

Why DuckDB: embedded (no server for a reviewer's laptop), columnar and fast on the panel
aggregates researchers run, Parquet native for the cluster. One process may open a file
for writing at a time (DuckDB's own lock); readers open it `read_only=True`.

The class is put together from one module per concern: connection and schema here, writes
(writes.py), queries (queries.py), full-text search (search.py), reviewers' decisions
(decisions.py), the office's settings such as the 落款 (settings.py); comparisons (compare.py), the list of units (roster.py) and the
cross-report checks (crosscheck.py) are functions over a Corpus that the methods below call.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, Sequence

import duckdb
import pandas as pd

from . import compare, crosscheck, roster
from .decisions import Decisions
from .queries import Queries, where_reports
from .schema import SCHEMA_VERSION, SchemaError, current_version, migrate
from .search import Search
from .settings import Settings
from .writes import AnalyzedDocument, AnalyzedInput, Writes

__all__ = ["Corpus", "AnalyzedDocument", "AnalyzedInput", "where_reports"]


class Corpus(Writes, Queries, Search, Decisions, Settings):
    """A corpus database file (created with its schema on first use)."""

    def __init__(self, path: "str | os.PathLike[str]" = ":memory:", read_only: bool = False):
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if read_only and not p.exists():
                raise FileNotFoundError(f"语料库文件不存在：{self.path}")
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise RuntimeError(f"语料库 {self.path} 正被另一个程序写入（DuckDB 文件锁），请等待其完成后再试") from e
            raise
        self.read_only = read_only
        if read_only:
            v = current_version(self.con)
            if v != SCHEMA_VERSION:
                self.con.close()
                raise SchemaError(f"语料库结构版本为 {v}，本程序需要 {SCHEMA_VERSION}；请先以写入方式打开一次以升级")
        else:
            migrate(self.con)
        self._next_id = int(self.con.execute("SELECT coalesce(max(doc_id), 0) FROM documents").fetchone()[0]) + 1
        self._fts: sqlite3.Connection | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        if self._fts is not None:
            self._fts.close()
            self._fts = None
        self.con.close()

    def cursor(self) -> "Corpus":
        """Another handle on this database, for another thread of the same process.

        DuckDB connections must not be used by two threads at once; a cursor is a new
        connection to the same database instance, so it sees every committed write. It
        has its own full-text index connection (SQLite connections are per thread too).
        Documents must still be added by one handle at a time: `add` numbers documents
        from the count this handle read when it was made. Closing it leaves this one open.
        """
        other = object.__new__(Corpus)
        other.path, other.read_only = self.path, self.read_only
        other.con = self.con.cursor()
        other._next_id = int(other.con.execute("SELECT coalesce(max(doc_id), 0) FROM documents").fetchone()[0]) + 1
        other._fts = None
        return other

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the rest of the API, in its own modules ----------------------------------------------

    def crosscheck(self, full: bool = False, progress=None) -> dict[str, Any]:
        """Run the cross-report checks (near_duplicate, yoy_mismatch) for what changed since the last run."""
        return crosscheck.crosscheck(self, full=full, progress=progress)

    def load_registry(self, path: "str | os.PathLike[str]") -> int:
        return roster.load_registry(self, path)

    def units(self) -> pd.DataFrame:
        return self.query("SELECT unit_id, name, level, parent, url, aliases, registry, loaded_at FROM units ORDER BY unit_id")

    def status(self, year: int, registry: "str | os.PathLike[str] | None" = None, today=None) -> pd.DataFrame:
        return roster.status(self, year, registry=registry, today=today)

    def panel(self, indicators: "str | Sequence[str] | None" = None, **filters: Any) -> pd.DataFrame:
        """One row per unit × year × indicator with its value; see fazhi.corpus.compare.panel."""
        return compare.panel(self, indicators, **filters)

    def compare(self, indicator: str, **kw: Any) -> pd.DataFrame:
        return compare.compare(self, indicator, **kw)

    def compare_view(self, indicator: str, **kw: Any) -> "compare.CompareView":
        """What a compare chart draws, cut down in DuckDB; see fazhi.corpus.compare.compare_view."""
        return compare.compare_view(self, indicator, **kw)

    def indicator_counts(self) -> dict[str, int]:
        return compare.indicator_counts(self)

    def indicator_unit(self, indicator: str) -> str | None:
        return compare.indicator_unit(self, indicator)

    def rank(self, indicator: str, year: int, **kw: Any) -> pd.DataFrame:
        return compare.rank(self, indicator, year, **kw)

    def changes(self, indicator: str, **kw: Any) -> pd.DataFrame:
        return compare.changes(self, indicator, **kw)

    def outliers(self, indicator: str | None = None, **kw: Any) -> pd.DataFrame:
        return compare.outliers(self, indicator, **kw)
