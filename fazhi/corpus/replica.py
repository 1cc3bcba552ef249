"""Read-only copies of a corpus that other processes can open while one process writes it.

DuckDB lets one process open a file for writing, or many processes open it read-only, never
both at once. A web server that reads from several processes while one of them takes the
reviewers' decisions and uploads therefore cannot let the readers open the corpus file itself.
The writer publishes copies instead, into a folder of its own:

- a *base*: the whole corpus as of the last ingestion (copied with DuckDB's `COPY FROM
  DATABASE`, which reads one consistent snapshot while the writer goes on);
- a *live* file: the small tables reviewers change one row at a time (decisions, review state
  and history, notes, settings, the list of units), copied after every such change in a few
  milliseconds;
- `current.json`, replaced atomically, naming the base and the live file in force, and which
  reports each of the last live copies changed (so that a reader keeps what it computed from the
  other reports: a decision on one report leaves every other report's page as it was).

A reader opens the base read-only, attaches the live file and puts it first on the search
path, so every query of `Corpus` sees the reviewers' latest tables over the base's reports
without a change to its SQL. Copies are numbered; the writer deletes the ones no longer
named (a reader that still has one open keeps reading it until it moves on).
"""
from __future__ import annotations

import json
import os
import threading
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from .store import Corpus

# The tables a reviewer changes without an ingestion; everything else changes only when documents are added.
LIVE_TABLES = ("decisions", "review_state", "review_log", "notes", "settings", "units")
# The near-duplicate index: read by the cross-report checks, which run in the writer only. The base
# copy has these tables empty (about half of a corpus's bytes are here).
WRITER_ONLY = ("passages", "clause_keys", "bands", "stock_phrases")
CURRENT = "current.json"
# Indexes of the base copy only: what the readers look up one report at a time and the writer's schema
# does not index (the writer would pay for them on every ingestion). A report's first view reads its
# findings by doc_id: without an index a scan of the whole table, half the time of the view's queries.
READER_INDEXES = ("CREATE INDEX reader_findings_doc ON {db}.main.findings (doc_id)",)
KEEP_CHANGES = 256  # live copies whose changed reports current.json lists (a reader further behind starts afresh)


@dataclass(frozen=True)
class Published:
    """What `current.json` names: the base and live files and their numbers, and for the last live
    copies over this base (oldest first, numbers consecutive, the last being `live_gen`) the reports
    each changed: a tuple of sha256s, or None when the change may touch anything."""

    base: str
    live: str
    base_gen: int
    live_gen: int
    changes: tuple[tuple[int, tuple[str, ...] | None], ...] = ()


class Publisher:
    """The writer's side: copies the corpus it holds into `folder` for the readers.

    `publish_live` after a reviewer's change, `publish_base` after documents were added; both
    return only when `current.json` names the new copy, so a reader's next request sees it.
    Calls are serialised (one copy at a time)."""

    def __init__(self, corpus: Corpus, folder: "str | os.PathLike[str]"):
        self.corpus = corpus
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        for p in self.folder.iterdir():  # copies of an earlier run: this writer numbers its own from 1
            if p.name == CURRENT or p.suffix in (".duckdb", ".wal", ".tmp"):
                p.unlink(missing_ok=True)
        self._lock = threading.Lock()
        self._gen = 0
        self._base: str | None = None
        self._base_gen = 0
        self._changes: deque[tuple[int, tuple[str, ...] | None]] = deque(maxlen=KEEP_CHANGES)

    def _next(self, kind: str) -> tuple[int, Path]:
        self._gen += 1
        return self._gen, self.folder / f"{kind}_{self._gen}.duckdb"

    def _copy(self, path: Path, tables: tuple[str, ...] | None) -> None:
        """Copy the given tables (when None: the schema, and every table's rows but WRITER_ONLY's) into a
        new DuckDB file at `path`, all from one snapshot."""
        con = self.corpus.con.cursor()
        alias = f"pub_{path.stem}"
        try:
            con.execute(f"ATTACH {_literal(path)} AS {alias}")
            try:
                if tables is None:
                    src = _current(con)
                    # the tables as they are declared (keys and their indexes: a report is found by its sha256)
                    con.execute(f"COPY FROM DATABASE {_name(src)} TO {alias} (SCHEMA)")
                    con.execute("BEGIN TRANSACTION")
                    for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ? "
                                            "AND schema_name = 'main'", [src]).fetchall():
                        if t not in WRITER_ONLY:
                            con.execute(f"INSERT INTO {alias}.main.{_name(t)} SELECT * FROM main.{_name(t)}")
                    con.execute("COMMIT")
                    for index in READER_INDEXES:
                        con.execute(index.format(db=alias))
                else:
                    con.execute("BEGIN TRANSACTION")  # one snapshot for all the tables
                    for t in tables:
                        con.execute(f"CREATE TABLE {alias}.{t} AS SELECT * FROM main.{t} ORDER BY rowid")
                    con.execute("COMMIT")
            finally:
                con.execute(f"DETACH {alias}")
        finally:
            con.close()

    def _point(self, base_gen: int, base: str, live_gen: int, live: str) -> None:
        tmp = self.folder / f"{CURRENT}.tmp"
        tmp.write_text(json.dumps({"base": base, "live": live, "base_gen": base_gen, "live_gen": live_gen,
                                   "changes": list(self._changes)}), "utf-8")
        os.replace(tmp, self.folder / CURRENT)
        keep = {base, live, CURRENT}
        for p in self.folder.glob("*.duckdb*"):
            if p.name not in keep:
                p.unlink(missing_ok=True)

    def publish_base(self) -> None:
        """A full copy of the corpus (after an ingestion), with a live file to match."""
        with self._lock:
            base_gen, base = self._next("base")
            self._copy(base, None)
            live_gen, live = self._next("live")
            self._copy(live, LIVE_TABLES)
            self._base, self._base_gen = base.name, base_gen
            self._changes.clear()
            self._point(base_gen, base.name, live_gen, live.name)

    def publish_live(self, reports: Collection[str] | None = None) -> None:
        """A new copy of the reviewers' tables over the base in force, after a change to the reviewers'
        work on `reports` only (their decisions, notes, review state and history), or (None) to anything
        in these tables."""
        with self._lock:
            if self._base is None:
                raise RuntimeError("publish_base must run first")
            live_gen, live = self._next("live")
            self._copy(live, LIVE_TABLES)
            self._changes.append((live_gen, None if reports is None else tuple(sorted(reports))))
            self._point(self._base_gen, self._base, live_gen, live.name)


def published(folder: "str | os.PathLike[str]") -> Published | None:
    """What the writer last published in `folder`, None before its first copy."""
    try:
        d = json.loads((Path(folder) / CURRENT).read_text("utf-8"))
    except FileNotFoundError:
        return None
    changes = tuple((int(gen), None if shas is None else tuple(shas)) for gen, shas in d.get("changes") or ())
    return Published(d["base"], d["live"], int(d["base_gen"]), int(d["live_gen"]), changes)


def open_base(folder: "str | os.PathLike[str]", pub: Published) -> Corpus:
    """A read-only Corpus on a published base (its cursors see a live file once `use_live` names one)."""
    return Corpus(Path(folder) / pub.base, read_only=True)


def attach_live(base: Corpus, folder: "str | os.PathLike[str]", pub: Published) -> str:
    """Attach the published live file to a base's database (read-only); returns the search path that
    puts its tables before the base's, for `use_search_path` on each cursor."""
    alias = f"live_{pub.live_gen}"
    attached = {r[0] for r in base.con.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    if alias not in attached:
        base.con.execute(f"ATTACH {_literal(Path(folder) / pub.live)} AS {alias} (READ_ONLY)")
    return f"{alias}.main,{_current(base.con)}.main"  # base_<n>: a plain identifier


def detach_live(base: Corpus, keep: set[int]) -> None:
    """Detach the live files of generations not in `keep` (no request reads them any more)."""
    for (name,) in base.con.execute("SELECT database_name FROM duckdb_databases()").fetchall():
        if name.startswith("live_") and int(name[5:]) not in keep:
            base.con.execute(f"DETACH {name}")


def use_search_path(corpus: Corpus, search_path: str) -> None:
    """Make unqualified table names of this handle resolve along `search_path` (a cursor's own setting)."""
    corpus.con.execute(f"SET search_path = {_literal(search_path)}")


def _current(con) -> str:
    return con.execute("SELECT current_database()").fetchone()[0]


def _name(name: str) -> str:
    """A database name as an SQL identifier (a corpus file may be named 永清县.duckdb)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"
