"""An analysis record (spec/output.md) flattened into the rows of the corpus tables.

Queries and exports read flat tables (one row per figure, finding, section); the record
itself is kept whole in `records.record` so nothing the core emits is lost even when this
flattening does not know a new field. Rows are built as column lists for pyarrow, which
DuckDB inserts in bulk far faster than row-by-row parameters.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

import pyarrow as pa

from ..record import CONTENT_KEYS, to_json
from ..understand.completeness import inferred_fields, of_record
from .schema import record_blob
from .units import unit_key, unit_name


def message_hash(message: str) -> str:
    """The short digest that, with (sha256, check, start, end), identifies a finding across re-analysis."""
    return hashlib.sha1(message.encode("utf-8")).hexdigest()[:16]


def _date(s: Any) -> date | None:
    if not s or not isinstance(s, str):
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _int(v: Any) -> int | None:
    return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _float(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


SCHEMAS: dict[str, pa.Schema] = {
    "records": pa.schema([
        ("doc_id", pa.int32()), ("sha256", pa.string()), ("record", pa.binary()), ("record_version", pa.int32()),
        ("fazhi_version", pa.string()), ("analyzed_at", pa.timestamp("us")), ("doc_type", pa.string()),
        ("title", pa.string()), ("title_start", pa.int32()), ("title_end", pa.int32()), ("jurisdiction", pa.string()), ("level", pa.string()), ("department", pa.string()),
        ("province", pa.string()), ("city", pa.string()), ("county", pa.string()), ("division_code", pa.string()),
        ("report_year", pa.int32()), ("published", pa.date32()), ("signed", pa.date32()), ("issuer", pa.string()),
        ("unit_key", pa.string()), ("unit_name", pa.string()), ("score_total", pa.float64()),
        ("n_errors", pa.int32()), ("n_warnings", pa.int32()), ("n_info", pa.int32()),
        ("missing_contents", pa.list_(pa.string())), ("chars", pa.int32()), ("truncated", pa.bool_()),
        ("truncation", pa.string()), ("inferred", pa.list_(pa.string())), ("found_on", pa.string()),
    ]),
    "sections": pa.schema([
        ("doc_id", pa.int32()), ("idx", pa.int32()), ("title", pa.string()), ("numeral", pa.string()),
        ("level", pa.int32()), ("start", pa.int32()), ("end", pa.int32()), ("role", pa.string()),
    ]),
    "contents": pa.schema([
        ("doc_id", pa.int32()), ("key", pa.string()), ("present", pa.bool_()), ("start", pa.int32()),
        ("end", pa.int32()), ("evidence", pa.string()),
    ]),
    "figures": pa.schema([
        ("doc_id", pa.int32()), ("idx", pa.int32()), ("indicator", pa.string()), ("value", pa.float64()),
        ("value_high", pa.float64()), ("unit", pa.string()), ("approx", pa.bool_()), ("kind", pa.string()),
        ("direction", pa.string()), ("refers_to", pa.int32()), ("quote", pa.string()), ("start", pa.int32()),
        ("end", pa.int32()),
    ]),
    "findings": pa.schema([
        ("doc_id", pa.int32()), ("idx", pa.int32()), ("check", pa.string()), ("severity", pa.string()),
        ("message", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("data", pa.string()),
        ("origin", pa.string()), ("message_hash", pa.string()),
    ]),
    "documents": pa.schema([
        ("doc_id", pa.int32()), ("sha256", pa.string()), ("input_sha256", pa.string()), ("source", pa.string()),
        ("format", pa.string()), ("size", pa.int64()), ("encoding", pa.string()), ("text", pa.string()),
        ("page_meta", pa.string()), ("hints", pa.string()), ("pages", pa.string()), ("error", pa.string()),
        ("ingested_at", pa.timestamp("us")),
    ]),
    "inputs": pa.schema([
        ("sha256", pa.string()), ("source", pa.string()), ("size", pa.int64()), ("n_documents", pa.int32()),
        ("content", pa.binary()), ("ingested_at", pa.timestamp("us")),
    ]),
    "clause_keys": pa.schema([("doc_id", pa.int32()), ("key", pa.uint64())]),
}


class Rows:
    """Column-wise rows for each table, filled document by document, turned into Arrow tables at the end."""

    def __init__(self) -> None:
        self.cols: dict[str, dict[str, list]] = {t: {f.name: [] for f in s} for t, s in SCHEMAS.items()}

    def add(self, table: str, **values: Any) -> None:
        cols = self.cols[table]
        for name, col in cols.items():
            col.append(values.get(name))

    def extend(self, table: str, columns: dict[str, list], doc_id: int) -> None:
        """Append a document's pre-flattened rows (built in a worker) under its doc_id."""
        cols = self.cols[table]
        n = len(next(iter(columns.values()))) if columns else 0
        if not n:
            return
        cols["doc_id"].extend([doc_id] * n)
        for name, values in columns.items():
            cols[name].extend(values)

    def table(self, name: str) -> pa.Table:
        return pa.table(self.cols[name], schema=SCHEMAS[name])

    def count(self, name: str) -> int:
        first = next(iter(self.cols[name].values()))
        return len(first)


def strip_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record as stored: without the text (kept once, in documents.text)."""
    return {k: v for k, v in record.items() if k != "text"}


RECORD_TABLES = ("records", "sections", "contents", "figures", "findings")


def flatten(record: dict[str, Any], analyzed_at, fazhi_version: str) -> dict[str, dict[str, list]]:
    """One analysis record as column lists of the records, sections, contents, figures and findings
    tables, without doc_id (assigned by the store when it commits). Runs in ingest workers, so
    the single writing process only concatenates."""
    md = record.get("metadata") or {}
    findings = record.get("findings") or []
    contents = record.get("required_contents") or {}
    missing = [k for k in CONTENT_KEYS if k in contents and not (contents[k] or {}).get("present")]
    severities = [f.get("severity") for f in findings]
    score = record.get("score") or {}
    cut = of_record(record)
    out: dict[str, dict[str, list]] = {}
    out["records"] = {k: [v] for k, v in dict(
        sha256=record.get("sha256"), record=record_blob(strip_record(record)),
        record_version=_int(record.get("record_version")), fazhi_version=fazhi_version, analyzed_at=analyzed_at,
        doc_type=md.get("doc_type") if md else None, title=md.get("title"), title_start=_int(md.get("title_start")),
        title_end=_int(md.get("title_end")), jurisdiction=md.get("jurisdiction"),
        level=md.get("level"), department=md.get("department"), province=md.get("province"), city=md.get("city"),
        county=md.get("county"), division_code=md.get("division_code"), report_year=_int(md.get("report_year")),
        published=_date(md.get("published")), signed=_date(md.get("signed")), issuer=md.get("issuer"),
        unit_key=unit_key(md), unit_name=unit_name(md), score_total=_float(score.get("total")),
        n_errors=severities.count("error"), n_warnings=severities.count("warning"),
        n_info=severities.count("info"), missing_contents=missing, chars=_int(record.get("chars")),
        truncated=bool(cut), truncation=to_json(cut) if cut else None, inferred=inferred_fields(md),
        found_on=md.get("found_on") or None).items()}
    secs = record.get("sections") or []
    out["sections"] = {
        "idx": list(range(len(secs))), "title": [s.get("title") for s in secs],
        "numeral": [s.get("numeral") for s in secs], "level": [_int(s.get("level")) for s in secs],
        "start": [_int(s.get("start")) for s in secs], "end": [_int(s.get("end")) for s in secs],
        "role": [s.get("role") for s in secs]}
    cs = [(k, c or {}) for k, c in contents.items()]
    out["contents"] = {
        "key": [k for k, _ in cs], "present": [bool(c.get("present")) for _, c in cs],
        "start": [_int(c.get("start")) for _, c in cs], "end": [_int(c.get("end")) for _, c in cs],
        "evidence": [c.get("evidence") for _, c in cs]}
    figs = record.get("figures") or []
    out["figures"] = {
        "idx": list(range(len(figs))), "indicator": [f.get("indicator") for f in figs],
        "value": [_float(f.get("value")) for f in figs], "value_high": [_float(f.get("value_high")) for f in figs],
        "unit": [f.get("unit") for f in figs], "approx": [bool(f.get("approx")) for f in figs],
        "kind": [f.get("kind") for f in figs], "direction": [f.get("direction") for f in figs],
        "refers_to": [_int(f.get("refers_to")) for f in figs], "quote": [f.get("quote") for f in figs],
        "start": [_int(f.get("start")) for f in figs], "end": [_int(f.get("end")) for f in figs]}
    out["findings"] = finding_columns(findings, "document")
    return out


def finding_columns(findings: list[dict[str, Any]], origin: str, first_idx: int = 0) -> dict[str, list]:
    msgs = [f.get("message") or "" for f in findings]
    return {
        "idx": list(range(first_idx, first_idx + len(findings))), "check": [f.get("check") for f in findings],
        "severity": [f.get("severity") for f in findings], "message": msgs,
        "start": [_int(f.get("start")) for f in findings], "end": [_int(f.get("end")) for f in findings],
        "data": [json.dumps(f["data"], ensure_ascii=False) if f.get("data") else None for f in findings],
        "origin": [origin] * len(findings), "message_hash": [message_hash(m) for m in msgs]}


def register(con, name: str, table) -> None:
    """con.register, after closing any result a fetchone() left open.

    DuckDB 2.0 refuses to register a table while a query result on the connection is not
    fully fetched; running a statement closes the pending result.
    """
    con.execute("SELECT 1").fetchall()
    con.register(name, table)
