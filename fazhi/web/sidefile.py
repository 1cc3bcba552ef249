"""The SQLite file beside the corpus that holds the web workspace's own state.

Why SQLite and not tables in the DuckDB corpus: the corpus schema refuses tables it does
not know, DuckDB lets one process write a file at a time (the server holds that lock,
yet `fazhi user add` must work while it runs), and accounts and sessions are small
transactional rows, which SQLite does well from several processes at once.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'viewer')),
        password TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        last_login TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS sessions (
        token_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        csrf TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    )""",
    "CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL)",
    """CREATE TABLE IF NOT EXISTS jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_name TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        state TEXT NOT NULL,
        stage TEXT,
        done INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0,
        inputs TEXT NOT NULL,
        result TEXT,
        error TEXT
    )""",
]


@contextmanager
def connect(path: str) -> Iterator[sqlite3.Connection]:
    """A short-lived connection (one per operation: SQLite connections are per thread),
    committed on success and rolled back on error."""
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10.0)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA busy_timeout = 10000")
        with con:
            yield con
    finally:
        con.close()


_THREAD = threading.local()


@contextmanager
def kept(path: str) -> Iterator[sqlite3.Connection]:
    """`connect`, on this thread's connection to `path`, opened once and kept: for the session every
    request looks up, where opening a connection and setting its pragmas cost more than the query.
    Outside a transaction each statement reads the latest commit (WAL), as a new connection would."""
    if path == ":memory:":  # a new connection is a new database: nothing to keep
        with connect(path) as con:
            yield con
        return
    cons: dict[str, sqlite3.Connection] = _THREAD.__dict__.setdefault("cons", {})
    con = cons.get(path)
    if con is None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        con = cons[path] = sqlite3.connect(path, timeout=10.0)
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA busy_timeout = 10000")
    with con:
        yield con


def init(path: str) -> None:
    """Create the tables (idempotent) and switch the file to WAL so readers never wait on a writer."""
    with connect(path) as con:
        con.execute("PRAGMA journal_mode = WAL")
        for sql in SCHEMA:
            con.execute(sql)
