"""Full-text search over the stored texts: an SQLite FTS5 trigram index kept beside the DuckDB
file (derived data, filled lazily, rebuilt when lost) for terms of three characters or more,
and DuckDB substring matching for shorter ones."""
from __future__ import annotations

import sqlite3
from typing import Any

import pandas as pd
import pyarrow as pa

from .queries import where_reports
from .rows import register


class Search:
    """Search as part of `Corpus` (mixed in; uses its `con`, `path` and `_fts`)."""

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

