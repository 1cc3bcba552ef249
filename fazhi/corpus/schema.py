"""The corpus database schema, versioned, with the migrations that build and upgrade it.

A corpus file outlives the code that wrote it: a reviewer keeps last year's database and
opens it with this year's fazhi. So the schema carries a version (table `schema_info`),
and `migrate` applies, each in its own transaction, every migration the file has not
seen. A file written by a newer fazhi is refused rather than guessed at.

Design notes:
- `doc_id` (an integer) keys every child table; `sha256` (of the document's bytes) is
  the identity users see and the key of idempotent ingestion.
- `records.record` holds the analysis record of spec/output.md exactly as the core
  produced it (without the text, which lives in `documents.text`), as zlib-compressed
  UTF-8 JSON (`record_json`/`record_blob` convert): compressed one by one, a record is read
  in about a millisecond, where DuckDB's own compression of a JSON column made every read
  decompress a vector of 2,048 records (35 ms at 20,000 reports). The flattened tables
  (`sections`, `contents`, `figures`, `findings`) are what queries and exports read.
- `findings.origin` is `document` for the core's checks and `corpus` for the cross-report
  checks (near_duplicate, yoy_mismatch), which are recomputed over the corpus and never
  touch the core's findings.
- `decisions` is keyed by the finding's identity (sha256, check, start, end, message
  hash), not by `doc_id` or row, so a reviewer's confirmed/dismissed survives re-analysis.
- `passages`, `clause_keys`, `bands` and `stock_phrases` are the near-duplicate index
  (see fazhi/corpus/dedup.py and docs/corpus.md).
- `settings` holds what an office gives once and every later document uses (the 落款 and
  主送 of the 通报 and 审查意见; fazhi/corpus/settings.py).
- `panel_cache` is the panel of fazhi/corpus/compare.py (one row per unit, year and
  indicator) for the whole corpus, rebuilt on the first comparison after the records change
  (`corpus_state` key `panel_state`): comparisons and rankings then read thousands of rows
  instead of joining millions of figures.
- `review_state`, `review_log` and `notes` are the reviewer's work on a report (fazhi/corpus/review.py):
  where its review stands (待审 → 审查中 → 已审 → 意见已发, who and when), every decision, reopening and
  state change in order, and the reviewer's own findings (批注) on a span of the text. All are keyed
  by sha256, like `decisions`, so they survive re-analysis.
"""
from __future__ import annotations

import json
import sys
import zlib
from datetime import datetime, timezone
from typing import Any, Callable, Union

import duckdb

from ..record import to_json

SCHEMA_VERSION = 8


def record_blob(record: dict[str, Any]) -> bytes:
    """How `records.record` stores an analysis record: strict JSON (a non-finite number becomes null)."""
    return zlib.compress(to_json(record).encode("utf-8"), 6)


def record_json(blob: bytes) -> dict[str, Any]:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


def _compress_records(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 2: records.record from a JSON column to per-record zlib BLOBs."""
    import pyarrow as pa

    con.execute("ALTER TABLE records ADD COLUMN record_z BLOB")
    ids = [r[0] for r in con.execute("SELECT doc_id FROM records ORDER BY doc_id").fetchall()]
    for k in range(0, len(ids), 2000):
        rows = con.execute("SELECT doc_id, record FROM records WHERE doc_id BETWEEN ? AND ?",
                           [ids[k], ids[min(k + 1999, len(ids) - 1)]]).fetchall()
        _z = pa.table({"doc_id": pa.array([r[0] for r in rows], pa.int32()),
                       "z": pa.array([zlib.compress(r[1].encode("utf-8"), 6) for r in rows], pa.binary())})
        con.register("_z", _z)
        con.execute("UPDATE records SET record_z = _z.z FROM _z WHERE records.doc_id = _z.doc_id")
        con.unregister("_z")
    con.execute("ALTER TABLE records DROP COLUMN record")
    con.execute("ALTER TABLE records RENAME COLUMN record_z TO record")


def _finite_records(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 4: records written before values were bounded may hold Infinity or NaN (a 400-digit
    number read as a figure); rewrite those records as strict JSON, and null the numbers in the tables."""
    for table, cols in (("figures", ("value", "value_high")), ("panel_cache", ("value",)),
                        ("records", ("score_total",))):
        for c in cols:
            con.execute(f"UPDATE {table} SET {c} = NULL WHERE {c} IS NOT NULL AND NOT isfinite({c})")
    last = -1
    while True:
        rows = con.execute("SELECT doc_id, record FROM records WHERE doc_id > ? ORDER BY doc_id LIMIT 2000",
                           [last]).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        for doc_id, blob in rows:
            raw = zlib.decompress(blob)
            if b"Infinity" in raw or b"NaN" in raw:
                con.execute("UPDATE records SET record = ? WHERE doc_id = ?",
                            [record_blob(json.loads(raw.decode("utf-8"))), doc_id])


def _completeness_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 7: records.truncated, records.truncation and records.inferred, from each stored record
    (a record analysed before the record carried `truncated` is judged on its stored text and page
    metadata, by the rule the analysis uses now)."""
    import pyarrow as pa

    from ..understand.completeness import inferred_fields, of_record

    con.execute("ALTER TABLE records ADD COLUMN truncated BOOLEAN")
    con.execute("ALTER TABLE records ADD COLUMN truncation VARCHAR")
    con.execute("ALTER TABLE records ADD COLUMN inferred VARCHAR[]")
    last = -1
    while True:
        rows = con.execute("""SELECT r.doc_id, r.record, d.text, d.page_meta FROM records r JOIN documents d USING (doc_id)
                              WHERE r.doc_id > ? ORDER BY r.doc_id LIMIT 2000""", [last]).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        ids, flags, details, inferred = [], [], [], []
        for doc_id, blob, text, page_meta in rows:
            rec = record_json(blob)
            trunc = of_record(rec, text or "", json.loads(page_meta) if page_meta else {})
            ids.append(doc_id)
            flags.append(bool(trunc))
            details.append(to_json(trunc) if trunc else None)
            inferred.append(inferred_fields(rec.get("metadata")))
        t = pa.table({"doc_id": pa.array(ids, pa.int32()), "truncated": pa.array(flags, pa.bool_()),
                      "truncation": pa.array(details, pa.string()),
                      "inferred": pa.array(inferred, pa.list_(pa.string()))})
        con.register("_c", t)
        con.execute("""UPDATE records SET truncated = _c.truncated, truncation = _c.truncation, inferred = _c.inferred
                       FROM _c WHERE records.doc_id = _c.doc_id""")
        con.unregister("_c")


def _found_on_column(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 8: records.found_on, the host of a page that is not the unit's own site; for a record
    analysed before the record carried it, judged on the document's address and the record's place by
    the rule the analysis uses now."""
    import pyarrow as pa

    from ..understand.attribution.places import found_on

    con.execute("ALTER TABLE records ADD COLUMN found_on VARCHAR")
    last = -1
    while True:
        rows = con.execute("""SELECT r.doc_id, r.record, d.source, d.page_meta, r.division_code FROM records r
                              JOIN documents d USING (doc_id) WHERE r.doc_id > ? ORDER BY r.doc_id LIMIT 2000""",
                           [last]).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        ids, hosts = [], []
        for doc_id, blob, source, page_meta, code in rows:
            md = record_json(blob).get("metadata") or {}
            if "found_on" in md:
                host = md["found_on"]
            else:
                meta = json.loads(page_meta) if page_meta else {}
                url = meta.get("url") if isinstance(meta, dict) else None
                host = found_on(url or source, code)
            ids.append(doc_id)
            hosts.append(host)
        t = pa.table({"doc_id": pa.array(ids, pa.int32()), "found_on": pa.array(hosts, pa.string())})
        con.register("_f", t)
        con.execute("UPDATE records SET found_on = _f.found_on FROM _f WHERE records.doc_id = _f.doc_id")
        con.unregister("_f")


Step = Union[str, Callable[[duckdb.DuckDBPyConnection], None]]

# version -> (what it does, steps: SQL statements or functions). Append; never edit a released migration.
MIGRATIONS: dict[int, tuple[str, list[Step]]] = {
    1: ("initial corpus schema", [
        """CREATE TABLE inputs (
            sha256 VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL,
            size BIGINT,
            n_documents INTEGER NOT NULL,
            content BLOB,
            ingested_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE documents (
            doc_id INTEGER PRIMARY KEY,
            sha256 VARCHAR NOT NULL UNIQUE,
            input_sha256 VARCHAR,
            source VARCHAR NOT NULL,
            format VARCHAR,
            size BIGINT,
            encoding VARCHAR,
            text VARCHAR,
            page_meta JSON,
            hints JSON,
            pages JSON,
            error VARCHAR,
            ingested_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE records (
            doc_id INTEGER PRIMARY KEY,
            sha256 VARCHAR NOT NULL UNIQUE,
            record JSON NOT NULL,
            record_version INTEGER,
            fazhi_version VARCHAR,
            analyzed_at TIMESTAMP NOT NULL,
            doc_type VARCHAR,
            title VARCHAR,
            title_start INTEGER,
            title_end INTEGER,
            jurisdiction VARCHAR,
            level VARCHAR,
            department VARCHAR,
            province VARCHAR,
            city VARCHAR,
            county VARCHAR,
            division_code VARCHAR,
            report_year INTEGER,
            published DATE,
            signed DATE,
            issuer VARCHAR,
            unit_key VARCHAR,
            unit_name VARCHAR,
            score_total DOUBLE,
            n_errors INTEGER,
            n_warnings INTEGER,
            n_info INTEGER,
            missing_contents VARCHAR[],
            chars INTEGER,
            crosschecked BOOLEAN
        )""",
        """CREATE TABLE sections (
            doc_id INTEGER NOT NULL, idx INTEGER NOT NULL, title VARCHAR, numeral VARCHAR, level INTEGER,
            start INTEGER, "end" INTEGER, role VARCHAR
        )""",
        """CREATE TABLE contents (
            doc_id INTEGER NOT NULL, key VARCHAR NOT NULL, present BOOLEAN, start INTEGER, "end" INTEGER,
            evidence VARCHAR
        )""",
        """CREATE TABLE figures (
            doc_id INTEGER NOT NULL, idx INTEGER NOT NULL, indicator VARCHAR, value DOUBLE, value_high DOUBLE,
            unit VARCHAR, approx BOOLEAN, kind VARCHAR, direction VARCHAR, refers_to INTEGER, quote VARCHAR,
            start INTEGER, "end" INTEGER
        )""",
        """CREATE TABLE findings (
            doc_id INTEGER NOT NULL, idx INTEGER NOT NULL, "check" VARCHAR NOT NULL, severity VARCHAR NOT NULL,
            message VARCHAR NOT NULL, start INTEGER, "end" INTEGER, data JSON, origin VARCHAR NOT NULL,
            message_hash VARCHAR NOT NULL
        )""",
        """CREATE TABLE decisions (
            sha256 VARCHAR NOT NULL, "check" VARCHAR NOT NULL, start INTEGER, "end" INTEGER,
            message_hash VARCHAR NOT NULL, decision VARCHAR NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
            comment VARCHAR, "user" VARCHAR, decided_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE units (
            unit_id INTEGER NOT NULL, name VARCHAR NOT NULL, level VARCHAR, parent VARCHAR, url VARCHAR,
            aliases VARCHAR[], registry VARCHAR, loaded_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE passages (
            doc_id INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            n_shingles INTEGER NOT NULL, sig UINTEGER[] NOT NULL
        )""",
        "CREATE TABLE clause_keys (doc_id INTEGER NOT NULL, key UBIGINT NOT NULL)",
        "CREATE TABLE bands (band UTINYINT NOT NULL, bucket UBIGINT NOT NULL, doc_id INTEGER NOT NULL, idx INTEGER NOT NULL)",
        "CREATE TABLE stock_phrases (key UBIGINT PRIMARY KEY, n_units INTEGER NOT NULL)",
        "CREATE TABLE corpus_state (key VARCHAR PRIMARY KEY, value VARCHAR)",
    ]),
    2: ("records.record stored as per-record zlib-compressed JSON (fast single-record reads)", [_compress_records]),
    3: ("panel_cache: the unit x year x indicator panel, derived from records and figures", [
        """CREATE TABLE panel_cache (
            sha256 VARCHAR, unit_key VARCHAR, unit_name VARCHAR, jurisdiction VARCHAR, department VARCHAR,
            level VARCHAR, province VARCHAR, city VARCHAR, county VARCHAR, division_code VARCHAR,
            report_year INTEGER, published DATE, indicator VARCHAR, value DOUBLE, unit VARCHAR, approx BOOLEAN,
            n_values BIGINT, issuer VARCHAR
        )""",
    ]),
    4: ("review state, review history and reviewer notes (批注) per report", [
        """CREATE TABLE review_state (
            sha256 VARCHAR PRIMARY KEY,
            state VARCHAR NOT NULL CHECK (state IN ('pending', 'in_review', 'reviewed', 'sent')),
            "user" VARCHAR, changed_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE review_log (
            sha256 VARCHAR NOT NULL, logged_at TIMESTAMP NOT NULL, "user" VARCHAR, action VARCHAR NOT NULL,
            "check" VARCHAR, start INTEGER, "end" INTEGER, message_hash VARCHAR, note_id INTEGER, detail VARCHAR
        )""",
        """CREATE TABLE notes (
            note_id INTEGER PRIMARY KEY, sha256 VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            quote VARCHAR NOT NULL, severity VARCHAR NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
            message VARCHAR NOT NULL, "user" VARCHAR, created_at TIMESTAMP NOT NULL, removed_at TIMESTAMP
        )""",
    ]),
    5: ("non-finite numbers (Infinity, NaN) in records, figures and the panel replaced by null", [_finite_records]),
    6: ("settings: the office's 落款 and 主送, kept with the corpus", [
        """CREATE TABLE settings (
            key VARCHAR PRIMARY KEY, value VARCHAR, "user" VARCHAR, updated_at TIMESTAMP NOT NULL
        )""",
    ]),
    7: ("records.truncated, truncation and inferred: a text that may be cut off, and the metadata the "
        "document did not state", [_completeness_columns]),
    8: ("records.found_on: the host of a page that is not the unit's own site (a mirror, a repost)",
        [_found_on_column]),
}


class SchemaError(RuntimeError):
    """The file is not a fazhi corpus this version can use."""


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_info'").fetchone()[0]
    if not exists:
        return 0
    row = con.execute("SELECT max(version) FROM schema_info").fetchone()
    return int(row[0] or 0)


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version it was at before."""
    before = current_version(con)
    if before > SCHEMA_VERSION:
        raise SchemaError(f"该语料库由更新版本的 fazhi 创建（数据库结构版本 {before}，本程序支持 {SCHEMA_VERSION}），请升级 fazhi")
    fresh = False
    if 0 < before < SCHEMA_VERSION:
        # upgrading a stored corpus rewrites its records: minutes for a national one, so say so
        n = con.execute("SELECT count(*) FROM records").fetchone()[0]
        print(f"正在把语料库从数据库结构版本 {before} 升级到 {SCHEMA_VERSION}（{n} 份报告，一次性操作，"
              f"大的语料库需要几分钟）……", file=sys.stderr, flush=True)
    if before == 0:
        others = con.execute("SELECT count(*) FROM information_schema.tables "
                             "WHERE table_schema = 'main' AND table_name <> 'schema_info'").fetchone()[0]
        if others:
            raise SchemaError("该 DuckDB 文件已有其他数据表，不是 fazhi 语料库；请换一个文件名")
        fresh = not con.execute("SELECT count(*) FROM information_schema.tables "
                                "WHERE table_name = 'schema_info'").fetchone()[0]
    for version in range(before + 1, SCHEMA_VERSION + 1):
        note, statements = MIGRATIONS[version]
        con.execute("BEGIN TRANSACTION")
        try:
            if fresh:  # created inside the first migration, so a crash leaves an empty file, not half a schema
                con.execute("CREATE TABLE schema_info (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL, "
                            "note VARCHAR)")
                fresh = False
            for step in statements:
                if callable(step):
                    step(con)
                else:
                    con.execute(step)
            con.execute("INSERT INTO schema_info VALUES (?, ?, ?)",
                        [version, datetime.now(timezone.utc).replace(tzinfo=None), note])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return before
