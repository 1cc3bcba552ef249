"""Writing to the corpus: inputs and their analysed documents, re-analysis, and the findings
of the cross-report checks, each a transaction of whole reports.

Writes are transactions per small batch of documents (`add`): a crash (or a kill) loses
only the batch in flight, never a committed one, and never leaves half a report: the
document, its record, sections, contents, figures and findings are committed together.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

from .. import __version__
from .rows import RECORD_TABLES, Rows, finding_columns, flatten, register

# Corpus findings are numbered apart from the core's (idx only has to be unique within a document).
_CORPUS_IDX = {"near_duplicate": 1_000_000, "yoy_mismatch": 2_000_000}


def utc_now() -> datetime:
    """The time stored with a write (UTC, naive: DuckDB TIMESTAMP)."""
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


class Writes:
    """The writing half of `Corpus` (mixed in; uses its `con`, `read_only` and `_next_id`)."""

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
        now = utc_now()
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
        now = utc_now()
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

