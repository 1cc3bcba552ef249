"""The corpus store: one DuckDB file holding every analysed report, and the API the CLI,
the web app and researchers call.

    from fazhi.corpus import Corpus
    with Corpus("永清县.duckdb") as c:          # created on first use
        c.ingest(["reports/"])                  # idempotent by sha256; runs the cross-report checks
        c.reports(year=2023)                    # pandas DataFrames from here on
        c.report(sha256)                        # the analysis record + text + reviewer decisions
        c.findings(check="near_duplicate")
        c.status(2023, registry="单位名单.xlsx")
        c.compare("reconsideration.received", by="jurisdiction", years=(2021, 2024))
        c.search("行政复议")

Why DuckDB: embedded (no server for a reviewer's laptop), columnar and fast on the panel
aggregates researchers run, Parquet native for the cluster. One process may open a file
for writing at a time (DuckDB's own lock); readers open it `read_only=True`.

Writes are transactions per small batch of documents (`add`): a crash (or a kill) loses
only the batch in flight, never a committed one, and never leaves half a report: the
document, its record, sections, contents, figures and findings are committed together.
"""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

import duckdb
import pandas as pd
import pyarrow as pa

from .. import __version__
from . import review
from .rows import RECORD_TABLES, Rows, finding_columns, flatten, register
from .schema import SCHEMA_VERSION, SchemaError, current_version, migrate, record_json

# Corpus findings are numbered apart from the core's (idx only has to be unique within a document).
_CORPUS_IDX = {"near_duplicate": 1_000_000, "yoy_mismatch": 2_000_000}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class AnalyzedDocument:
    """One document as an ingest worker hands it to the store: what was read and its record."""

    sha256: str
    source: str
    format: str
    record: dict[str, Any]
    text: str | None = None
    encoding: str | None = None
    page_meta: dict[str, Any] = field(default_factory=dict)
    hints: list[dict[str, Any]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    error: str | None = None
    clause_keys: list[int] = field(default_factory=list)
    rows: dict[str, dict[str, list]] | None = None  # the record flattened (tables.flatten), when a worker did it


@dataclass
class AnalyzedInput:
    """One input (a file, a URL, an archive) and the documents read from it."""

    sha256: str
    source: str
    size: int | None
    documents: list[AnalyzedDocument]
    content: bytes | None = None  # the input's bytes, when the corpus keeps them


_FILTERS = {
    "year": ("r.report_year = ?", None), "level": ("r.level = ?", None), "province": ("r.province = ?", None),
    "city": ("r.city = ?", None), "county": ("r.county = ?", None), "jurisdiction": ("r.jurisdiction = ?", None),
    "department": ("r.department = ?", None), "unit_key": ("r.unit_key = ?", None),
    "doc_type": ("r.doc_type = ?", None), "sha256": ("r.sha256 = ?", None),
}


def where_reports(filters: dict[str, Any], alias: str = "r") -> tuple[str, list[Any]]:
    """SQL conditions on the records table for the common filters (year, years, level, place, unit ...)."""
    conds: list[str] = []
    params: list[Any] = []
    for key, value in filters.items():
        if value is None:
            continue
        if key == "years":
            lo, hi = value
            conds.append(f"{alias}.report_year BETWEEN ? AND ?")
            params += [int(lo), int(hi)]
        elif key == "unit":
            conds.append(f"({alias}.unit_name = ? OR {alias}.jurisdiction = ? OR {alias}.department = ? "
                         f"OR {alias}.issuer = ?)")
            params += [value] * 4
        elif key == "review_state":  # one state or several (fazhi/corpus/review.py)
            from .review import state_sql

            cond, ps = state_sql([value] if isinstance(value, str) else list(value), alias)
            conds.append(cond)
            params += ps
        elif key in _FILTERS:
            conds.append(_FILTERS[key][0].replace("r.", f"{alias}."))
            params.append(value)
        else:
            raise TypeError(f"unknown filter {key!r}")
    return (" AND ".join(conds) or "TRUE"), params


class Corpus:
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

    def _q(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        return self.con.execute(sql, list(params)).df()

    # -- writing --------------------------------------------------------------------------

    def known_inputs(self, digests: Iterable[str]) -> set[str]:
        """Which of these input digests are already ingested (the skip test of idempotent ingestion)."""
        ds = list(set(digests))
        if not ds:
            return set()
        rows = self.con.execute("SELECT sha256 FROM inputs WHERE sha256 IN (SELECT unnest(?)) "
                                "UNION SELECT sha256 FROM documents WHERE sha256 IN (SELECT unnest(?))", [ds, ds])
        return {r[0] for r in rows.fetchall()}

    def add(self, items: Sequence[AnalyzedInput]) -> list[str]:
        """Store inputs and their analysed documents in one transaction; returns the new documents' sha256.

        Documents already stored (same sha256) are skipped, so re-running an ingestion, or
        meeting the same file under two names, adds nothing.
        """
        if not items:
            return []
        if self.read_only:
            raise RuntimeError("语料库以只读方式打开，不能写入")
        digests = [d.sha256 for it in items for d in it.documents] + [it.sha256 for it in items]
        have_docs = {r[0] for r in self.con.execute(
            "SELECT sha256 FROM documents WHERE sha256 IN (SELECT unnest(?))", [digests]).fetchall()}
        have_inputs = {r[0] for r in self.con.execute(
            "SELECT sha256 FROM inputs WHERE sha256 IN (SELECT unnest(?))", [[it.sha256 for it in items]]).fetchall()}
        rows = Rows()
        now = _now()
        added: list[str] = []
        next_id = self._next_id
        for it in items:
            if it.sha256 not in have_inputs:
                have_inputs.add(it.sha256)
                rows.add("inputs", sha256=it.sha256, source=it.source, size=it.size, n_documents=len(it.documents),
                         content=it.content, ingested_at=now)
            for d in it.documents:
                if d.sha256 in have_docs:
                    continue
                have_docs.add(d.sha256)
                doc_id = next_id
                next_id += 1
                rows.add("documents", doc_id=doc_id, sha256=d.sha256, input_sha256=it.sha256, source=d.source,
                         format=d.format, size=it.size if len(it.documents) == 1 else None, encoding=d.encoding,
                         text=d.text, page_meta=json.dumps(d.page_meta, ensure_ascii=False) if d.page_meta else None,
                         hints=json.dumps(d.hints, ensure_ascii=False) if d.hints else None,
                         pages=json.dumps(d.pages) if d.pages else None, error=d.error, ingested_at=now)
                flat = d.rows or flatten(d.record, now, __version__)
                for t in RECORD_TABLES:
                    rows.extend(t, flat[t], doc_id)
                rows.extend("clause_keys", {"key": d.clause_keys}, doc_id)
                added.append(d.sha256)
        self._write(rows, ["inputs", "documents", "records", "sections", "contents", "figures", "findings",
                           "clause_keys"])
        self._next_id = next_id
        return added

    def _write(self, rows: Rows, tables: list[str], before: Sequence[tuple[str, list[Any]]] = ()) -> None:
        """Run `before` statements and insert the rows of these tables, all in one transaction."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for sql, params in before:
                self.con.execute(sql, params)
            for t in tables:
                if rows.count(t):
                    register(self.con, "_rows", rows.table(t))
                    self.con.execute(f"INSERT INTO {t} BY NAME SELECT * FROM _rows")
                    self.con.unregister("_rows")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def replace_records(self, analysed: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Replace the analysis of stored documents (re-analysis), one transaction for the batch.

        The core's rows are replaced; the corpus findings of these documents are dropped and
        the documents marked for the next cross-check; reviewer decisions are untouched.
        """
        if not analysed:
            return
        ids = [doc_id for doc_id, _ in analysed]
        rows = Rows()
        now = _now()
        for doc_id, record in analysed:
            flat = flatten(record, now, __version__)
            for t in RECORD_TABLES:
                rows.extend(t, flat[t], doc_id)
        before = [(f"DELETE FROM {t} WHERE doc_id IN (SELECT unnest(?))", [ids])
                  for t in ("records", "sections", "contents", "figures", "findings")]
        self._write(rows, list(RECORD_TABLES), before)

    def replace_corpus_findings(self, check: str, by_doc: dict[int, list[dict[str, Any]]]) -> None:
        """Replace one corpus check's findings for these documents (empty lists clear them)."""
        if not by_doc:
            return
        ids = list(by_doc)
        rows = Rows()
        offset = _CORPUS_IDX[check]
        for doc_id, fs in by_doc.items():
            rows.extend("findings", finding_columns(fs, "corpus", offset), doc_id)
        self._write(rows, ["findings"], [('DELETE FROM findings WHERE origin = \'corpus\' AND "check" = ? '
                                          "AND doc_id IN (SELECT unnest(?))", [check, ids])])

    # -- reading ----------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Counts a status line or a dashboard shows."""
        row = self.con.execute("""SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM records WHERE doc_type='report'),
                   (SELECT count(*) FROM figures), (SELECT count(*) FROM findings),
                   (SELECT count(*) FROM findings WHERE origin='corpus'),
                   (SELECT min(report_year) FROM records), (SELECT max(report_year) FROM records),
                   (SELECT count(DISTINCT unit_key) FROM records)""").fetchone()
        keys = ("documents", "reports", "figures", "findings", "corpus_findings", "first_year", "last_year", "units")
        out = dict(zip(keys, row))
        out["schema_version"] = SCHEMA_VERSION
        out["path"] = self.path
        return out

    def reports(self, limit: int | None = None, offset: int = 0, **filters: Any) -> pd.DataFrame:
        """One row per stored document: metadata, counts of findings by severity, missing contents.

        Filters: year, years=(lo, hi), level, province, city, county, jurisdiction, department,
        unit (any of its names), unit_key, doc_type, sha256.
        """
        cond, params = where_reports(filters)
        sql = f"""SELECT r.sha256, d.source, d.format, r.doc_type, r.title, r.unit_name, r.unit_key, r.jurisdiction,
                         r.level, r.department, r.province, r.city, r.county, r.division_code, r.report_year,
                         r.published, r.signed, r.issuer, r.score_total, r.n_errors, r.n_warnings, r.n_info,
                         (SELECT count(*) FROM findings f WHERE f.doc_id = r.doc_id AND f.origin = 'corpus') AS n_corpus,
                         r.missing_contents, r.chars, d.error, d.ingested_at, r.analyzed_at
                  FROM records r JOIN documents d USING (doc_id) WHERE {cond}
                  ORDER BY r.report_year NULLS LAST, r.province NULLS LAST, r.city NULLS LAST, r.unit_name NULLS LAST, r.sha256"""
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        return self._q(sql, params)

    def records_state(self) -> tuple:
        """A value that changes whenever records are added or re-analysed (their count, the sum of
        their ids, the latest analysis time): what caches derived from the records are keyed by.
        Reading it costs a millisecond at 20,000 reports."""
        return tuple(self.con.execute("SELECT count(*), sum(doc_id), max(analyzed_at) FROM records").fetchone())

    def doc_id(self, sha256: str) -> int | None:
        row = self.con.execute("SELECT doc_id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def text(self, sha256: str) -> str | None:
        row = self.con.execute("SELECT text FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def report(self, sha256: str, include_text: bool = True) -> dict[str, Any] | None:
        """The analysis record as spec/output.md, with the corpus findings merged in.

        Each finding carries `origin` (document | corpus) and, when a reviewer decided on it,
        `decision` {decision, comment, user, decided_at}. The text is included by default
        (offsets point into it).
        """
        row = self.con.execute("SELECT r.doc_id, r.record, d.text FROM records r JOIN documents d USING (doc_id) "
                               "WHERE r.sha256 = ?", [sha256]).fetchone()
        if row is None:
            return None
        doc_id, blob, text = row
        rec = record_json(blob)
        rec["findings"] = self._report_findings(doc_id, sha256) + review.notes(self, sha256, text or "")
        if include_text:
            rec["text"] = text
        return rec

    def _report_findings(self, doc_id: int, sha256: str) -> list[dict[str, Any]]:
        """One document's findings with their decisions, matched as `_findings_sql` matches them.

        The review page asks for this on every view: two small point queries and the matching
        in Python cost a few milliseconds where the general query (joins, pandas) costs tens.
        """
        rows = self.con.execute("""SELECT idx, "check", severity, message, start, "end", data, origin, message_hash
                                   FROM findings WHERE doc_id = ? ORDER BY start NULLS FIRST, idx""",
                                [doc_id]).fetchall()
        decided: dict[tuple, list[tuple]] = {}
        for check, start, end, mhash, decision, comment, user, at in self.con.execute(
                """SELECT "check", start, "end", message_hash, decision, comment, "user", decided_at
                   FROM decisions WHERE sha256 = ?""", [sha256]).fetchall():
            decided.setdefault((check, start, end), []).append((mhash, decision, comment, user, at))
        out = []
        for _idx, check, severity, message, start, end, data, origin, mhash in rows:
            d: dict[str, Any] = {"check": check, "severity": severity, "message": message, "start": start,
                                 "end": end, "origin": origin}
            if data:
                d["data"] = json.loads(data)
            cands = decided.get((check, start, end))
            if cands:
                _h, decision, comment, user, at = max(cands, key=lambda c: (c[0] == mhash, c[4]))
                d["decision"] = {"decision": decision, "comment": comment, "user": user,
                                 "decided_at": str(at) if at is not None else None}
            out.append(d)
        return out

    @staticmethod
    def _finding_dict(r: dict[str, Any]) -> dict[str, Any]:
        def clean(v):
            return None if v is None or (isinstance(v, float) and pd.isna(v)) else v

        d: dict[str, Any] = {"check": r["check"], "severity": r["severity"], "message": r["message"],
                             "start": None if clean(r["start"]) is None else int(r["start"]),
                             "end": None if clean(r["end"]) is None else int(r["end"]), "origin": r["origin"]}
        if clean(r.get("data")):
            d["data"] = json.loads(r["data"])
        if clean(r.get("decision")):
            d["decision"] = {"decision": r["decision"], "comment": clean(r.get("decision_comment")),
                             "user": clean(r.get("decision_user")),
                             "decided_at": str(r["decided_at"]) if clean(r.get("decided_at")) is not None else None}
        return d

    def _findings_sql(self, cond: str, params: list[Any]) -> pd.DataFrame:
        # A decision applies to the finding with the same (sha256, check, start, end, message hash);
        # when the message was reworded by a rules change, to the only finding of that check at that span.
        sql = f"""
            WITH fx AS (
              SELECT r.sha256, r.doc_id, f.idx, f."check", f.severity, f.message, f.start, f."end", f.data, f.origin,
                     f.message_hash, r.title, r.unit_name, r.jurisdiction, r.level, r.province, r.city, r.county,
                     r.report_year, r.published,
                     CASE WHEN f.start IS NOT NULL AND f."end" > f.start
                          THEN substring(d.text, f.start + 1, least(f."end" - f.start, 300)) END AS quote
              FROM findings f JOIN records r USING (doc_id) JOIN documents d USING (doc_id) WHERE {cond}),
            dec AS (
              SELECT fx.sha256, fx.idx, d.decision, d.comment, d."user", d.decided_at,
                     row_number() OVER (PARTITION BY fx.sha256, fx.idx
                                        ORDER BY (d.message_hash = fx.message_hash) DESC, d.decided_at DESC) AS rk
              FROM fx JOIN decisions d ON d.sha256 = fx.sha256 AND d."check" = fx."check"
                   AND d.start IS NOT DISTINCT FROM fx.start AND d."end" IS NOT DISTINCT FROM fx."end")
            SELECT fx.sha256, fx.title, fx.unit_name, fx.jurisdiction, fx.level, fx.province, fx.city, fx.county,
                   fx.report_year, fx.published, fx."check", fx.severity, fx.message, fx.quote, fx.start, fx."end", fx.data,
                   fx.origin, fx.message_hash, dec.decision, dec.comment AS decision_comment,
                   dec."user" AS decision_user, dec.decided_at
            FROM fx LEFT JOIN dec ON dec.sha256 = fx.sha256 AND dec.idx = fx.idx AND dec.rk = 1
            ORDER BY fx.report_year NULLS LAST, fx.unit_name NULLS LAST, fx.sha256, fx.start NULLS FIRST, fx.idx"""
        return self._q(sql, params)

    def findings(self, check: str | Sequence[str] | None = None, severity: str | Sequence[str] | None = None,
                 origin: str | None = None, decision: str | None = None, **filters: Any) -> pd.DataFrame:
        """Findings with their report's metadata and the reviewer's decision (if any).

        `decision` filters on confirmed / dismissed / undecided. Report filters as in `reports`.
        """
        cond, params = where_reports(filters)
        for col, v in (('f."check"', check), ("f.severity", severity)):
            if v is not None:
                vals = [v] if isinstance(v, str) else list(v)
                cond += f" AND {col} IN (SELECT unnest(?))"
                params.append(vals)
        if origin is not None:
            cond += " AND f.origin = ?"
            params.append(origin)
        df = self._findings_sql(cond, params)
        if origin in (None, "reviewer"):  # the reviewers' notes (批注) are findings too
            notes = review.notes_frame(self, cond.replace('f."check"', "'" + review.NOTE_CHECK + "'")
                                       .replace("f.severity", "n.severity").replace("f.origin", "'reviewer'"), params)
            if not notes.empty:
                df = pd.concat([df[df["origin"] != "reviewer"], notes], ignore_index=True) if not df.empty else notes
                df = df.sort_values(["report_year", "unit_name", "sha256", "start"], na_position="last",
                                    kind="stable").reset_index(drop=True)
        if decision == "undecided":
            df = df[df["decision"].isna()].reset_index(drop=True)
        elif decision is not None:
            df = df[df["decision"] == decision].reset_index(drop=True)
        return df

    def figures(self, indicator: str | Sequence[str] | None = None, kind: str | None = None,
                **filters: Any) -> pd.DataFrame:
        """Every figure with its report's metadata (one row per stated quantity, with its quote)."""
        cond, params = where_reports(filters)
        if indicator is not None:
            vals = [indicator] if isinstance(indicator, str) else list(indicator)
            cond += " AND g.indicator IN (SELECT unnest(?))"
            params.append(vals)
        if kind is not None:
            cond += " AND g.kind = ?"
            params.append(kind)
        return self._q(f"""SELECT r.sha256, r.unit_name, r.unit_key, r.jurisdiction, r.level, r.department, r.province,
                                  r.city, r.county, r.report_year, g.idx, g.indicator, g.value, g.value_high, g.unit,
                                  g.approx, g.kind, g.direction, g.refers_to, g.quote, g.start, g."end"
                           FROM figures g JOIN records r USING (doc_id) WHERE {cond}
                           ORDER BY r.report_year NULLS LAST, r.unit_name NULLS LAST, r.sha256, g.idx""", params)

    def sections(self, sha256: str) -> pd.DataFrame:
        return self._q("""SELECT s.idx, s.title, s.numeral, s.level, s.start, s."end", s.role FROM sections s
                          JOIN records r USING (doc_id) WHERE r.sha256 = ? ORDER BY s.idx""", [sha256])

    # -- reviewer decisions -------------------------------------------------------------------

    def decide(self, sha256: str, check: str, start: int | None, end: int | None, message: str, decision: str,
               comment: str | None = None, user: str | None = None) -> None:
        """Record a reviewer's decision on a finding: `confirmed` or `dismissed`, with a comment.

        Kept across re-analysis: it is keyed by the finding's identity, not by a row.
        A later decision on the same finding replaces the earlier one.
        """
        review.decide(self, sha256, check, start, end, message, decision, comment, user)

    def decisions(self, sha256: str | None = None) -> pd.DataFrame:
        if sha256 is None:
            return self._q('SELECT * FROM decisions ORDER BY decided_at')
        return self._q('SELECT * FROM decisions WHERE sha256 = ? ORDER BY decided_at', [sha256])

    # -- full-text search ----------------------------------------------------------------------

    def _fts_path(self) -> str:
        return ":memory:" if self.path == ":memory:" else self.path + ".fts.sqlite"

    def _fts_sync(self) -> sqlite3.Connection:
        """The SQLite FTS5 trigram index beside the DuckDB file, brought up to date with it.

        DuckDB's own fts extension is downloaded at run time, which fazhi must never do;
        SQLite's FTS5 ships with Python. The index is derived data: it is filled lazily from
        documents.text and rebuilt from scratch if it is lost or out of step.
        """
        if self._fts is None:
            # used by one thread at a time (a handle is per thread), but may be closed by another
            self._fts = sqlite3.connect(self._fts_path(), check_same_thread=False)
            self._fts.execute("CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(text, tokenize='trigram')")
            self._fts.execute("CREATE TABLE IF NOT EXISTS synced (n INTEGER, id_sum INTEGER)")
        # what the corpus holds, in one cheap aggregate (of ids only: a filter on the text column
        # would read it all); when the index last matched it, nothing to do
        state = self.con.execute("SELECT count(*), coalesce(sum(doc_id), 0) FROM documents").fetchone()
        if self._fts.execute("SELECT n, id_sum FROM synced").fetchone() == tuple(state):
            return self._fts
        have = {r[0] for r in self._fts.execute("SELECT rowid FROM docs")}
        ids = [r[0] for r in self.con.execute("SELECT doc_id FROM documents WHERE text IS NOT NULL").fetchall()]
        missing = [i for i in ids if i not in have]
        for k in range(0, len(missing), 500):
            part = missing[k:k + 500]
            rows = self.con.execute("SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?))",
                                    [part]).fetchall()
            with self._fts:
                self._fts.executemany("INSERT INTO docs(rowid, text) VALUES (?, ?)", rows)
        with self._fts:
            self._fts.execute("DELETE FROM synced")
            self._fts.execute("INSERT INTO synced VALUES (?, ?)", [state[0], state[1]])
        return self._fts

    def search(self, query: str, limit: int = 50, context: int = 30, **filters: Any) -> pd.DataFrame:
        """Reports whose text contains every space-separated term, with a snippet around the first hit.

        Terms of three characters or more use the FTS5 trigram index; shorter ones (a two-character
        word such as 复议) are matched by substring in DuckDB.
        """
        terms = [t for t in query.split() if t]
        if not terms:
            return pd.DataFrame(columns=["sha256", "title", "unit_name", "report_year", "position", "snippet"])
        long_terms = [t for t in terms if len(t) >= 3]
        ids: list[int] | None = None
        if long_terms:
            fts = self._fts_sync()
            expr = " AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
            # the results are ordered by year and unit below, so no ranking here (bm25 over every hit costs)
            ids = [r[0] for r in fts.execute("SELECT rowid FROM docs WHERE docs MATCH ?", [expr])]
            if not ids:
                ids = []
        cond, params = where_reports(filters)
        for t in terms:
            if len(t) < 3:
                cond += " AND contains(d.text, ?)"
                params.append(t)
        # the page of hits first, then the texts of just those (a common word matches every report);
        # id lists go in as Arrow tables: DuckDB semi-joins them in milliseconds where a list
        # parameter of 20,000 ids costs tens
        docs = "JOIN documents d USING (doc_id)" if any(len(t) < 3 for t in terms) else ""
        semi = ""
        registered: list[str] = []
        if ids is not None:
            register(self.con, "_hit_ids", pa.table({"doc_id": pa.array(ids, pa.int32())}))
            registered.append("_hit_ids")
            semi = "SEMI JOIN _hit_ids h ON h.doc_id = r.doc_id"
        try:
            hits = self.con.execute(f"""SELECT r.doc_id, r.sha256, r.title, r.unit_name, r.report_year FROM records r
                                        {docs} {semi} WHERE {cond}
                                        ORDER BY r.report_year DESC NULLS LAST, r.unit_name NULLS LAST, r.sha256
                                        LIMIT ?""", params + [int(limit)]).fetchall()
            texts: dict[int, str] = {}
            if hits:
                register(self.con, "_page_ids", pa.table({"doc_id": pa.array([h[0] for h in hits], pa.int32())}))
                registered.append("_page_ids")
                texts = dict(self.con.execute("SELECT d.doc_id, d.text FROM documents d "
                                              "SEMI JOIN _page_ids p ON p.doc_id = d.doc_id").fetchall())
        finally:
            for name in registered:
                self.con.unregister(name)
        out = []
        for doc_id, sha, title, unit, year in hits:
            text = texts.get(doc_id)
            pos = text.find(terms[0]) if text else -1
            a, b = max(0, pos - context), min(len(text or ""), pos + len(terms[0]) + context)
            snippet = ("…" if a > 0 else "") + (text or "")[a:b].replace("\n", " ") + ("…" if b < len(text or "") else "")
            out.append({"sha256": sha, "title": title, "unit_name": unit, "report_year": year, "position": pos,
                        "snippet": snippet})
        return pd.DataFrame(out, columns=["sha256", "title", "unit_name", "report_year", "position", "snippet"])

    # -- the rest of the API, in its own modules ----------------------------------------------

    def ingest(self, paths: Sequence[str], **kw: Any):
        """Analyse and store files, directories, URLs or a cluster dataset; see fazhi.corpus.ingest.ingest."""
        from .ingest import ingest

        return ingest(self, paths, **kw)

    def reanalyze(self, **kw: Any):
        from .ingest import reanalyze

        return reanalyze(self, **kw)

    def crosscheck(self, full: bool = False, progress=None) -> dict[str, Any]:
        """Run the cross-report checks (near_duplicate, yoy_mismatch) for what changed since the last run."""
        from ..checks.corpus import crosscheck

        return crosscheck(self, full=full, progress=progress)

    def load_registry(self, path: "str | os.PathLike[str]") -> int:
        from .roster import load_registry

        return load_registry(self, path)

    def units(self) -> pd.DataFrame:
        return self._q("SELECT unit_id, name, level, parent, url, aliases, registry, loaded_at FROM units ORDER BY unit_id")

    def status(self, year: int, registry: "str | os.PathLike[str] | None" = None, today=None) -> pd.DataFrame:
        from .roster import status

        return status(self, year, registry=registry, today=today)

    def panel(self, indicators: "str | Sequence[str] | None" = None, **filters: Any) -> pd.DataFrame:
        """One row per unit × year × indicator with its value; see fazhi.corpus.compare.panel."""
        from .compare import panel

        return panel(self, indicators, **filters)

    def compare(self, indicator: str, **kw: Any) -> pd.DataFrame:
        from .compare import compare

        return compare(self, indicator, **kw)

    def rank(self, indicator: str, year: int, **kw: Any) -> pd.DataFrame:
        from .compare import rank

        return rank(self, indicator, year, **kw)

    def changes(self, indicator: str, **kw: Any) -> pd.DataFrame:
        from .compare import changes

        return changes(self, indicator, **kw)

    def outliers(self, indicator: str | None = None, **kw: Any) -> pd.DataFrame:
        from .compare import outliers

        return outliers(self, indicator, **kw)
