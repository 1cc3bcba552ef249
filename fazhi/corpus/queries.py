"""Reading the corpus: reports, findings with the reviewers' decisions, figures, sections, and
the small named questions the web pages, the exports and the CLI ask (years present, whether a
list of units is loaded, what became of an input). Every query the other packages need is a
method here or in compare.py, roster.py and search.py: no SQL is written outside fazhi.corpus.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Sequence

import pandas as pd

from ..understand.excerpt import drop_open_end
from . import review
from .schema import SCHEMA_VERSION, record_json

# Everything a report's page needs besides its record, in one query (each query costs about a
# millisecond of DuckDB's planning, and the page used to ask five): its findings (0), the decisions
# on them (1), its live notes (2), its review state (3) and history (4), as rows of one shape —
# kind, check, start, end, message_hash, four text columns, a time and two numbers — that
# `Queries.report` takes apart. $1 is the doc_id, $2 the sha256.
_REPORT_ROWS = """
    SELECT 0, "check", start, "end", message_hash, severity, message, data::VARCHAR, origin, NULL::TIMESTAMP,
           idx, NULL::BIGINT FROM findings WHERE doc_id = $1
    UNION ALL SELECT 1, "check", start, "end", message_hash, decision, comment, "user", NULL, decided_at, NULL, NULL
           FROM decisions WHERE sha256 = $2
    UNION ALL SELECT 2, NULL, start, "end", NULL, severity, message, "user", quote, created_at, note_id, NULL
           FROM notes WHERE sha256 = $2 AND removed_at IS NULL
    UNION ALL SELECT 3, NULL, NULL, NULL, NULL, state, NULL, "user", NULL, changed_at, NULL, NULL
           FROM review_state WHERE sha256 = $2
    UNION ALL SELECT 4, "check", start, "end", message_hash, action, detail, "user", NULL, logged_at, note_id, rowid
           FROM review_log WHERE sha256 = $2"""
# The first part alone: for a report no reviewer has touched, whose reviewers' rows are known to be none.
# Each part of the query costs about as much as a small query (DuckDB binds and plans each branch,
# empty tables too), so the four reviewers' tables were most of the cost of a report never reviewed.
_FINDING_ROWS = _REPORT_ROWS[:_REPORT_ROWS.index("UNION ALL")]

_FILTERS = {
    "year": ("r.report_year = ?", None), "level": ("r.level = ?", None), "province": ("r.province = ?", None),
    "city": ("r.city = ?", None), "county": ("r.county = ?", None), "jurisdiction": ("r.jurisdiction = ?", None),
    "department": ("r.department = ?", None), "unit_key": ("r.unit_key = ?", None),
    "doc_type": ("r.doc_type = ?", None), "sha256": ("r.sha256 = ?", None),
}


@lru_cache(maxsize=1)
def _quote_rules() -> dict[str, Any]:
    from ..data import load

    return load("exports.toml")["quote"]


def widened(quote: Any, after: Any, message: Any = None) -> Any:
    """A finding's quote as a reader is shown it: a span too short to say anything by itself (a
    year and its comma, 2019年,) runs on to the end of its clause, with …… where the clause goes
    on further. A message that quotes the span itself (“共件”缺少数字…) gives its own context. The
    finding's span is left as it is: reviewers' decisions are keyed on it."""
    if not isinstance(quote, str) or not isinstance(after, str) or not after \
            or (isinstance(message, str) and f"“{quote.strip()}”" in message):
        return quote
    rules = _quote_rules()
    stop = next((i for i, c in enumerate(after) if c in rules["clause_end"]), None)
    if stop is None:  # cut where `reach` ends: not inside a document number it began (青政发〔2024……)
        return drop_open_end(quote + after.rstrip(), len(quote)) + "……"
    return quote + after[:stop + 1]


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


class Queries:
    """The reading half of `Corpus` (mixed in; uses its `con` and `path`)."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run SQL on the corpus tables (docs/corpus.md) and return a DataFrame: for the corpus's own
        modules and for researchers; the rest of fazhi calls the named queries."""
        return self.con.execute(sql, list(params)).df()

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
                         r.missing_contents, r.chars, r.truncated, r.truncation, r.inferred, r.found_on, d.error, d.ingested_at,
                         r.analyzed_at
                  FROM records r JOIN documents d USING (doc_id) WHERE {cond}
                  ORDER BY r.report_year NULLS LAST, r.province NULLS LAST, r.city NULLS LAST, r.unit_name NULLS LAST, r.sha256"""
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        return self.query(sql, params)

    def records_state(self) -> tuple:
        """A value that changes whenever records are added or re-analysed (their count, the sum of
        their ids, the latest analysis time): what caches derived from the records are keyed by.
        Reading it costs a millisecond at 20,000 reports; a read-only handle reads it once, as no
        process can write the file while it is open read-only (DuckDB's lock; a reader's copy of
        `fazhi serve --readers` is never written)."""
        if self.read_only:
            memo = self.__dict__.get("_records_state")
            if memo is None:
                memo = self.__dict__["_records_state"] = tuple(
                    self.con.execute("SELECT count(*), sum(doc_id), max(analyzed_at) FROM records").fetchone())
            return memo
        return tuple(self.con.execute("SELECT count(*), sum(doc_id), max(analyzed_at) FROM records").fetchone())

    def reviewed_reports(self) -> set[str]:
        """The sha256 of every report a reviewer has worked on: with a decision, a note (removed ones
        too), a review state or a line of history. A report leaves this set only if its rows are deleted
        by hand: undoing a decision or removing a note leaves its history."""
        return {r[0] for r in self.con.execute(
            "SELECT sha256 FROM decisions UNION SELECT sha256 FROM notes UNION SELECT sha256 FROM review_state "
            "UNION SELECT sha256 FROM review_log").fetchall()}

    def doc_id(self, sha256: str) -> int | None:
        row = self.con.execute("SELECT doc_id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def text(self, sha256: str) -> str | None:
        row = self.con.execute("SELECT text FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def report(self, sha256: str, include_text: bool = True, with_review: bool = False,
               untouched: bool = False) -> dict[str, Any] | None:
        """The analysis record as spec/output.md, with the corpus findings merged in.

        Each finding carries `origin` (document | corpus) and, when a reviewer decided on it,
        `decision` {decision, comment, user, decided_at}. The text is included by default
        (offsets point into it). With `with_review`, `review` holds the report's review state and
        history as fazhi.corpus.review's `state` and `history` give them (the review page's needs,
        read in the same query as the findings). `untouched`: the caller knows that no reviewer has
        worked on this report (it is not among `reviewed_reports()`): the reviewers' tables are not read.
        """
        # two point queries, each found by its table's key index: a join of the two tables costs three
        # times as much (DuckDB plans a hash join and probes the second table with a dynamic filter)
        row = self.con.execute("SELECT doc_id, record FROM records WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            return None
        doc_id, blob = row
        text = self.con.execute("SELECT text FROM documents WHERE doc_id = ?", [doc_id]).fetchone()[0]
        rec = record_json(blob)
        parts: dict[int, list[tuple]] = {k: [] for k in range(5)}
        rows = (self.con.execute(_FINDING_ROWS, [doc_id]) if untouched
                else self.con.execute(_REPORT_ROWS, [doc_id, sha256])).fetchall()
        for r in rows:
            parts[r[0]].append(r[1:])
        findings = [(n1, check, s1, s2, start, end, s3, s4, mh)
                    for check, start, end, mh, s1, s2, s3, s4, _at, n1, _n2 in parts[0]]
        findings.sort(key=lambda f: (f[4] is not None, f[4] or 0, f[0]))  # start NULLS FIRST, idx
        decisions = [(check, start, end, mh, s1, s2, s3, at) for check, start, end, mh, s1, s2, s3, _s4, at, _n1, _n2
                     in parts[1]]
        notes = sorted(((n1, start, end, s4, s1, s2, s3, at) for _c, start, end, _mh, s1, s2, s3, s4, at, n1, _n2
                        in parts[2]), key=lambda n: (n[1], n[0]))
        rec["findings"] = self._report_findings(findings, decisions) + review.notes_of(notes, text or "")
        if with_review:
            state = parts[3][0] if parts[3] else None
            log = sorted(parts[4], key=lambda r: (r[8], r[10]))  # logged_at, rowid
            rec["review"] = {
                "state": review.state_of((state[4], state[6], state[8]) if state else None),
                "history": review.history_of([(at, s3, s1, check, start, end, mh, n1, s2)
                                              for check, start, end, mh, s1, s2, s3, _s4, at, n1, _n2 in log])}
        if include_text:
            rec["text"] = text
        return rec

    @staticmethod
    def _report_findings(rows: list[tuple], decisions: list[tuple]) -> list[dict[str, Any]]:
        """One document's findings (idx, check, severity, message, start, end, data, origin, message_hash)
        with their decisions (check, start, end, message_hash, decision, comment, user, decided_at),
        matched as `_findings_sql` matches them.

        The review page asks for this on every view: a point query and the matching in Python cost a
        few milliseconds where the general query (joins, pandas) costs tens.
        """
        decided: dict[tuple, list[tuple]] = {}
        for check, start, end, mhash, decision, comment, user, at in decisions:
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
        short, reach = _quote_rules()["short"], _quote_rules()["reach"]
        sql = f"""
            WITH fx AS (
              SELECT r.sha256, r.doc_id, f.idx, f."check", f.severity, f.message, f.start, f."end", f.data, f.origin,
                     f.message_hash, r.title, r.unit_name, r.jurisdiction, r.level, r.province, r.city, r.county,
                     r.report_year, r.published,
                     CASE WHEN f.start IS NOT NULL AND f."end" > f.start
                          THEN substring(d.text, f.start + 1, least(f."end" - f.start, 300)) END AS quote,
                     CASE WHEN f.start IS NOT NULL AND f."end" > f.start AND f."end" - f.start < {short}
                          THEN substring(d.text, f."end" + 1, {reach}) END AS _after
              FROM findings f JOIN records r USING (doc_id) JOIN documents d USING (doc_id) WHERE {cond}),
            dec AS (
              SELECT fx.sha256, fx.idx, d.decision, d.comment, d."user", d.decided_at,
                     row_number() OVER (PARTITION BY fx.sha256, fx.idx
                                        ORDER BY (d.message_hash = fx.message_hash) DESC, d.decided_at DESC) AS rk
              FROM fx JOIN decisions d ON d.sha256 = fx.sha256 AND d."check" = fx."check"
                   AND d.start IS NOT DISTINCT FROM fx.start AND d."end" IS NOT DISTINCT FROM fx."end")
            SELECT fx.sha256, fx.title, fx.unit_name, fx.jurisdiction, fx.level, fx.province, fx.city, fx.county,
                   fx.report_year, fx.published, fx."check", fx.severity, fx.message, fx.quote, fx._after, fx.start,
                   fx."end", fx.data,
                   fx.origin, fx.message_hash, dec.decision, dec.comment AS decision_comment,
                   dec."user" AS decision_user, dec.decided_at
            FROM fx LEFT JOIN dec ON dec.sha256 = fx.sha256 AND dec.idx = fx.idx AND dec.rk = 1
            ORDER BY fx.report_year NULLS LAST, fx.unit_name NULLS LAST, fx.sha256, fx.start NULLS FIRST, fx.idx"""
        df = self.query(sql, params)
        df["quote"] = [widened(q, a, m) for q, a, m in zip(df["quote"], df.pop("_after"), df["message"])]
        return df

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
        return self.query(f"""SELECT r.sha256, r.unit_name, r.unit_key, r.jurisdiction, r.level, r.department, r.province,
                                  r.city, r.county, r.report_year, g.idx, g.indicator, g.value, g.value_high, g.unit,
                                  g.approx, g.kind, g.direction, g.refers_to, g.quote, g.start, g."end"
                           FROM figures g JOIN records r USING (doc_id) WHERE {cond}
                           ORDER BY r.report_year NULLS LAST, r.unit_name NULLS LAST, r.sha256, g.idx""", params)

    def sections(self, sha256: str) -> pd.DataFrame:
        return self.query("""SELECT s.idx, s.title, s.numeral, s.level, s.start, s."end", s.role FROM sections s
                          JOIN records r USING (doc_id) WHERE r.sha256 = ? ORDER BY s.idx""", [sha256])

    # -- small named questions of the pages, exports and commands ------------------------------

    def report_years(self) -> list[int]:
        """The report years present, latest first."""
        return [int(r[0]) for r in self.con.execute(
            "SELECT DISTINCT report_year FROM records WHERE report_year IS NOT NULL ORDER BY 1 DESC").fetchall()]

    def latest_report_year(self) -> int | None:
        """The latest year of a stored rule-of-law report (the default year of a notice or a status table)."""
        row = self.con.execute("SELECT max(report_year) FROM records WHERE doc_type = 'report'").fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def has_units(self) -> bool:
        """Whether a list of units (roster.py) is loaded."""
        return self.con.execute("SELECT count(*) FROM units").fetchone()[0] > 0

    def all_sections(self) -> pd.DataFrame:
        """Every report's outline: one row per section, with its report's unit and year."""
        return self.query("""SELECT r.sha256, r.unit_name, r.report_year, s.idx, s.title, s.numeral, s.level, s.start,
                                    s."end", s.role FROM sections s JOIN records r USING (doc_id)
                             ORDER BY r.report_year, r.unit_name, r.sha256, s.idx""")

    def input_documents(self, sha256: str | None = None, url: str | None = None) -> list[dict[str, Any]]:
        """The documents stored from one input, given by its digest (a file) or its URL, in order:
        sha256, source, error, ingested_at, title, unit_name, report_year, doc_type, n_errors, n_warnings."""
        if sha256 is not None:
            cond, params = "d.input_sha256 = ? OR d.sha256 = ?", [sha256, sha256]
        else:
            cond = "d.source = ? OR d.input_sha256 IN (SELECT sha256 FROM inputs WHERE source = ?)"
            params = [url, url]
        cur = self.con.execute(f"""
            SELECT d.sha256, d.source, d.error, d.ingested_at, r.title, r.unit_name, r.report_year, r.doc_type,
                   r.n_errors, r.n_warnings
            FROM documents d LEFT JOIN records r USING (doc_id) WHERE {cond} ORDER BY d.doc_id""", params)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def count_unreadable(self, sha256s: Sequence[str]) -> int:
        """How many of these stored documents could not be read."""
        return self.con.execute("SELECT count(*) FROM documents WHERE sha256 IN (SELECT unnest(?)) AND error IS NOT NULL",
                                [list(sha256s)]).fetchone()[0]

    def doc_ids(self, with_text: bool = False, **filters: Any) -> list[int]:
        """The ids of the analysed documents the report filters select (only those with a stored text
        when `with_text`), in order."""
        cond, params = where_reports(filters)
        if with_text:
            cond += " AND d.text IS NOT NULL AND d.text <> ''"
        return [r[0] for r in self.con.execute(
            f"SELECT r.doc_id FROM records r JOIN documents d USING (doc_id) WHERE {cond} ORDER BY r.doc_id",
            params).fetchall()]

    def stored_documents(self, doc_ids: Sequence[int]) -> list[tuple]:
        """What re-analysis reads of these documents: (doc_id, sha256, source, format, encoding, text,
        page_meta, hints, pages), by id."""
        return self.con.execute("""SELECT doc_id, sha256, source, format, encoding, text, page_meta, hints, pages
                                   FROM documents WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id""",
                                [list(doc_ids)]).fetchall()
