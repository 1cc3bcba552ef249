"""The batch dataset: analysis records as a Hive-partitioned Parquet dataset.

`fazhi batch` writes one row per analysed document under
`DATASET/year=<report year>/province=<province>/part-<run>-<seq>.parquet`, so that
DuckDB, Spark, polars and pyarrow read it directly and a query for one province or one
year touches only its directories. Every row carries the full analysis record of
spec/output.md as JSON (`record_json`) beside flat columns for the fields people filter
and group by; `iter_records` gives the records back for `fazhi ingest`.

Why files are written the way they are:
- a part file appears atomically (written under a dot-name, then renamed), so a run
  killed at any moment leaves only whole files, and readers never see half a file;
- rows are never updated in place: a retried document gets a new row and `dedupe`
  drops the older one, which also repairs a run killed between those two steps;
- a missing year or province is Hive's `__HIVE_DEFAULT_PARTITION__`, which pyarrow,
  DuckDB, polars and Spark all read as NULL;
- `province` lives only in the directory name (a column of the same name inside the
  files would clash with the partition key in Spark and DuckDB).

The layout is documented column by column in docs/dataset.md.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

MARKER = "_fazhi_dataset.json"
FAILURES = "_failures.jsonl"
SCHEMA_VERSION = 1
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
PARTITIONING = ("year", "province")

# (name, arrow type name, description). The description is what docs/dataset.md says;
# tests check that every column is documented there.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("sha256", "string", "sha256 of the document's bytes (the record's sha256)"),
    ("input_sha256", "string", "sha256 of the input the document came from; null for a URL"),
    ("member", "int32", "index of the document within its input (0 unless an archive)"),
    ("source", "string", "path or URL as listed"),
    ("format", "string", "text | html | pdf | pdf-ocr | docx | doc | wps | ofd | unknown"),
    ("report_year", "int32", "the year reported on"),
    ("city", "string", "prefecture-level city"),
    ("county", "string", "for a township: its county"),
    ("jurisdiction", "string", "the jurisdiction reporting"),
    ("level", "string", "province | city | county | district | township | street | department"),
    ("department", "string", "for a department's report, the department"),
    ("division_code", "string", "six-digit GB/T 2260 division code"),
    ("doc_type", "string", "report, or the kind of look-alike (fazhi/data/doctypes.toml [kinds]: disclosure_report, plan, notice, meeting_news …), or unknown"),
    ("title", "string", "the report's title"),
    ("issuer", "string", "the body that issues the report"),
    ("published", "date32", "date the report was made public"),
    ("signed", "date32", "date under the signature"),
    ("n_sections", "int32", "headings in the outline"),
    ("n_figures", "int32", "figures extracted"),
    ("n_findings", "int32", "findings of every severity"),
    ("n_errors", "int32", "findings of severity error"),
    ("n_warnings", "int32", "findings of severity warning"),
    ("score", "float64", "the score's total, when scored"),
    ("chars", "int64", "length of the extracted text in characters"),
    ("error", "string", "why the document could not be read; null when it was"),
    ("analyzed_at", "timestamp", "when the document was analysed (UTC)"),
    ("fetched_at", "string", "when a URL was fetched (ISO 8601, UTC); null for a file"),
    ("fazhi_version", "string", "fazhi version that analysed it"),
    ("record_json", "string", "the full analysis record (spec/output.md) as JSON, without the text"),
    ("text", "string", "the extracted text; null when the batch ran with --no-text"),
)
PARTITION_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("year", "int32", "partition key: report_year (directory year=…)"),
    ("province", "string", "partition key: the province (directory province=…)"),
)


def _arrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - depends on the installed extras
        raise RuntimeError("读写数据集需要组件 pyarrow，当前未安装：请运行 pip install pyarrow") from e
    return pa, pq


def file_schema():
    """The Arrow schema of one part file (the partition keys live in the directory names)."""
    pa, _ = _arrow()
    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
             "date32": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC")}
    return pa.schema([pa.field(n, types[t]) for n, t, _ in COLUMNS],
                     metadata={b"fazhi_schema_version": str(SCHEMA_VERSION).encode()})


def _date(v: Any) -> _dt.date | None:
    if not v:
        return None
    try:
        return _dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


_FETCHED_AT = "fetched_at"


def row_from_report(report: Any, input_sha256: str | None, member: int = 0, include_text: bool = True,
                    analyzed_at: _dt.datetime | None = None) -> dict[str, Any]:
    """One dataset row for an analysed `Report`.

    Everything that depends on when or where the analysis ran (analyzed_at, the fazhi
    version, the time a URL was fetched) stays outside `record_json`, so two runs of the
    same version on the same bytes give byte-identical records whatever engine ran them.
    """
    from . import __version__

    rec = report.to_dict(include_text=False)
    # the time a page was fetched is provenance, not analysis: a column of its own, put
    # back into the record by iter_records
    page_meta = rec.get("page_metadata") or {}
    fetched_at = page_meta.pop(_FETCHED_AT, None)
    if "page_metadata" in rec and not page_meta:
        del rec["page_metadata"]
    md = rec.get("metadata") or {}
    findings = rec.get("findings") or []
    score = (rec.get("score") or {}).get("total")
    year = md.get("report_year")
    return {
        "sha256": rec.get("sha256") or "",
        "input_sha256": input_sha256,
        "member": member,
        "source": rec.get("source"),
        "format": rec.get("format"),
        "report_year": year,
        "city": md.get("city"),
        "county": md.get("county"),
        "jurisdiction": md.get("jurisdiction"),
        "level": md.get("level"),
        "department": md.get("department"),
        "division_code": md.get("division_code"),
        "doc_type": md.get("doc_type"),
        "title": md.get("title"),
        "issuer": md.get("issuer"),
        "published": _date(md.get("published")),
        "signed": _date(md.get("signed")),
        "n_sections": len(rec.get("sections") or []),
        "n_figures": len(rec.get("figures") or []),
        "n_findings": len(findings),
        "n_errors": sum(1 for f in findings if f.get("severity") == "error"),
        "n_warnings": sum(1 for f in findings if f.get("severity") == "warning"),
        "score": float(score) if isinstance(score, (int, float)) else None,
        "chars": rec.get("chars", 0),
        "error": report.document.error,
        "analyzed_at": analyzed_at or _dt.datetime.now(_dt.timezone.utc),
        "fetched_at": str(fetched_at) if fetched_at else None,
        "fazhi_version": __version__,
        "record_json": json.dumps(rec, ensure_ascii=False, sort_keys=False),
        "text": report.document.text if include_text else None,
        # partition keys: become directory names, not columns of the file
        "year": year if isinstance(year, int) else None,
        "province": md.get("province"),
    }


def row_key(input_sha256: str | None, source: str) -> str:
    """The identity of an input: its content hash when known, else its source (a URL, a missing file)."""
    return input_sha256 or "source:" + source


def partition_dir(year: int | None, province: str | None) -> str:
    """`year=2023/province=河北省`; a missing value is Hive's default partition (read back as NULL)."""
    y = str(year) if isinstance(year, int) else NULL_PARTITION
    if province:
        # a province name never holds these; an odd value must still not escape the dataset
        p = province.replace("/", "／").replace("\\", "＼").replace("=", "＝").strip() or NULL_PARTITION
        if p.startswith("."):
            p = "＿" + p[1:]
    else:
        p = NULL_PARTITION
    return f"year={y}/province={p}"


# ---------------------------------------------------------------- the dataset on disk

def is_dataset(path: "str | os.PathLike[str]") -> bool:
    return (Path(path) / MARKER).is_file()


def read_marker(path: "str | os.PathLike[str]") -> dict[str, Any]:
    return json.loads((Path(path) / MARKER).read_text("utf-8"))


def create(path: "str | os.PathLike[str]") -> Path:
    """Make `path` a dataset (or check that it already is one of a version we can extend)."""
    from . import __version__

    root = Path(path)
    if is_dataset(root):
        marker = read_marker(root)
        if marker.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"数据集 {root} 的结构版本为 {marker.get('schema_version')}，"
                             f"当前 fazhi 写入版本 {SCHEMA_VERSION}，请换一个输出目录")
        return root
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ValueError(f"输出位置 {root} 已存在且不是 fazhi 数据集（缺少 {MARKER}），请换一个空目录")
    root.mkdir(parents=True, exist_ok=True)
    marker = {
        "format": "fazhi-dataset",
        "schema_version": SCHEMA_VERSION,
        "record_version": _record_version(),
        "partitioning": {"flavor": "hive", "keys": list(PARTITIONING), "null": NULL_PARTITION},
        "columns": [{"name": n, "type": t} for n, t, _ in COLUMNS],
        "failures": FAILURES,
        "created_by": f"fazhi {__version__}",
        "docs": "docs/dataset.md",
    }
    _atomic_write_text(root / MARKER, json.dumps(marker, ensure_ascii=False, indent=1) + "\n")
    return root


def _record_version() -> int:
    from .record import RECORD_VERSION

    return RECORD_VERSION


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


def part_files(path: "str | os.PathLike[str]") -> list[Path]:
    """Every finished part file, in a stable order (partition, then name)."""
    root = Path(path)
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        out.extend(Path(dirpath) / f for f in sorted(filenames)
                   if f.endswith(".parquet") and not f.startswith((".", "_")))
    return out


def remove_leftovers(path: "str | os.PathLike[str]") -> int:
    """Delete half-written files a killed run left behind (dot-named temporaries)."""
    n = 0
    for dirpath, _dirs, filenames in os.walk(path):
        for f in filenames:
            if f.startswith(".") and f.endswith(".tmp"):
                os.unlink(os.path.join(dirpath, f))
                n += 1
    return n


@dataclass
class Index:
    """What a dataset already holds, enough to resume: keys done, keys that failed, where each row is."""

    done: set[str] = field(default_factory=set)  # inputs with a readable record
    errored: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (source, error): unreadable inputs
    rows: int = 0


def _key_table(path: "str | os.PathLike[str]"):
    """(file, row, key columns) of every row; reads only the small columns."""
    _, pq = _arrow()
    cols = ["sha256", "input_sha256", "member", "source", "error", "analyzed_at"]
    for f in part_files(path):
        t = pq.read_table(f, columns=cols)
        yield f, t


def scan(path: "str | os.PathLike[str]") -> Index:
    """Index the rows of a dataset by input key (content hash, or source when the hash is unknown)."""
    idx = Index()
    if not Path(path).exists():
        return idx
    for _f, t in _key_table(path):
        d = t.to_pydict()
        for ish, src, err in zip(d["input_sha256"], d["source"], d["error"]):
            k = row_key(ish, src)
            if err is not None:
                idx.errored.setdefault(k, (src, err))
            else:
                idx.done.add(k)
        idx.rows += t.num_rows
    # an input with any unreadable document (an archive member, say) is retried as a whole
    idx.done.difference_update(idx.errored)
    return idx


def dedupe(path: "str | os.PathLike[str]") -> int:
    """Keep only the most recent analysis of each input. Returns the number of rows dropped.

    All documents of one input (the members of an archive) share one `analyzed_at`, so
    they are kept or superseded together, and a retried archive that now yields a
    different number of members leaves no stale member behind. An unreadable row is
    also superseded by any later row of the same source.
    """
    pa, pq = _arrow()
    latest: dict[str, Any] = {}
    latest_source: dict[str, Any] = {}
    where: list[tuple[Path, int, str, str, bool, Any]] = []
    for f, t in _key_table(path):
        d = t.to_pydict()
        for i, (ish, src, err, at) in enumerate(zip(d["input_sha256"], d["source"], d["error"], d["analyzed_at"])):
            k = row_key(ish, src)
            where.append((f, i, k, src, err is not None, at))
            if k not in latest or at > latest[k]:
                latest[k] = at
            if src not in latest_source or at > latest_source[src]:
                latest_source[src] = at
    drop: dict[Path, list[int]] = {}
    for f, i, k, src, unreadable, at in where:
        # an unreadable row also gives way to a later analysis of the same source whose
        # bytes changed (the broken download fetched again)
        if at < latest[k] or (unreadable and at < latest_source[src]):
            drop.setdefault(f, []).append(i)
    if not drop:
        return 0
    n = 0
    for f, rows in drop.items():
        t = pq.read_table(f, schema=file_schema())
        keep = sorted(set(range(t.num_rows)) - set(rows))
        n += t.num_rows - len(keep)
        if keep:
            tmp = f.with_name(f".{f.name}.tmp")
            pq.write_table(t.take(pa.array(keep, pa.int64())), tmp, compression="zstd")
            os.replace(tmp, f)
        else:
            f.unlink()
    return n


class Writer:
    """Buffers rows per partition and writes them as small part files, atomically.

    A partition's buffer is written when it holds `rows_per_file` rows; everything is
    written when the buffers together hold `max_buffered` rows or `flush_seconds` have
    passed since the last full flush. A run killed between flushes loses at most that
    much finished work, which the next run redoes (it is not in the dataset, so it is
    not skipped).
    """

    def __init__(self, path: "str | os.PathLike[str]", rows_per_file: int = 1000, max_buffered: int = 5000,
                 flush_seconds: float = 60.0) -> None:
        self.root = create(path)
        self.rows_per_file = max(1, rows_per_file)
        self.max_buffered = max(self.rows_per_file, max_buffered)
        self.flush_seconds = flush_seconds
        self.run_id = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3)
        self._seq = 0
        self._buf: dict[str, list[dict[str, Any]]] = {}
        self._buffered = 0
        self._last_flush = time.monotonic()
        self.files_written = 0
        self.rows_written = 0

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            part = partition_dir(r.get("year"), r.get("province"))
            buf = self._buf.setdefault(part, [])
            buf.append(r)
            self._buffered += 1
            if len(buf) >= self.rows_per_file:
                self._write(part)
        if self._buffered >= self.max_buffered or time.monotonic() - self._last_flush >= self.flush_seconds:
            self.flush()

    def due(self) -> bool:
        return self._buffered > 0 and time.monotonic() - self._last_flush >= self.flush_seconds

    def flush(self) -> None:
        for part in list(self._buf):
            self._write(part)
        self._last_flush = time.monotonic()

    def _write(self, part: str) -> None:
        rows = self._buf.pop(part, [])
        if not rows:
            return
        pa, pq = _arrow()
        table = pa.Table.from_pylist(rows, schema=file_schema())
        d = self.root / part
        d.mkdir(parents=True, exist_ok=True)
        self._seq += 1
        name = f"part-{self.run_id}-{self._seq:06d}.parquet"
        tmp = d / f".{name}.tmp"
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, d / name)
        self._buffered -= len(rows)
        self.files_written += 1
        self.rows_written += len(rows)

    def close(self) -> None:
        self.flush()


# ---------------------------------------------------------------- reading back

def iter_records(path: "str | os.PathLike[str]") -> Iterator[dict]:
    """Yield the analysis record of every row, with its `text` when the dataset holds it.

    Reads one part file at a time in batches, so a dataset of any size streams in
    bounded memory. `fazhi ingest` calls this for a directory holding `_fazhi_dataset.json`.
    """
    _, pq = _arrow()
    for f in part_files(path):
        pf = pq.ParquetFile(f)
        cols = [c for c in ("record_json", "text", _FETCHED_AT) if c in pf.schema_arrow.names]
        for batch in pf.iter_batches(columns=cols, batch_size=256):
            d = batch.to_pydict()
            none = [None] * batch.num_rows
            for rj, text, fetched in zip(d["record_json"], d.get("text") or none, d.get(_FETCHED_AT) or none):
                rec = json.loads(rj)
                if fetched is not None:
                    rec.setdefault("page_metadata", {})[_FETCHED_AT] = fetched
                if text is not None:
                    rec["text"] = text
                yield rec


def read_table(path: "str | os.PathLike[str]", columns: list[str] | None = None):
    """The whole dataset as one Arrow table with the partition columns (for tests and small datasets)."""
    import pyarrow.dataset as pads

    ds = pads.dataset(str(path), format="parquet", partitioning="hive")
    return ds.to_table(columns=columns)
