"""The cross-report checks: `near_duplicate` and `yoy_mismatch`, run over the corpus.

Why they are not in the single-document registry: a registered check receives one
Report and nothing else, and neither of these can say anything about one report alone
(copying needs the other reports, a year-on-year claim needs last year's report). A wrapper
that always yields nothing would be dead code in every `fazhi analyze` run. So they are
functions over the corpus store, run by `crosscheck` at the end of every ingestion and by
`fazhi crosscheck`; their findings are stored beside the core's (origin `corpus`) and
appear in every record the store returns. Their ids, severities and message templates
come from fazhi/data/checks.toml like every other check's.

Incremental by design: only documents not yet cross-checked (new or re-analysed), the
documents their passages meet in the LSH index, and documents whose stock phrasing
changed are revisited, so adding a county's thirty reports to a national corpus does not
recompute the nation.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Callable

from ..checks.registry import finding

CORPUS_CHECKS = ("near_duplicate", "yoy_mismatch")


@dataclass
class _Doc:
    doc_id: int
    sha256: str
    source: str
    unit: str
    unit_name: str | None
    year: int | None
    published: Any


def _later(x: _Doc, y: _Doc) -> bool | None:
    """Whether x came after y (so x copied y); None when the corpus cannot tell."""
    if x.year is not None and y.year is not None and x.year != y.year:
        return x.year > y.year
    if x.published is not None and y.published is not None and x.published != y.published:
        return x.published > y.published
    return None


def _excerpt(text: str, start: int, end: int, limit: int = 60) -> str:
    s = " ".join(text[start:end].split())
    return s if len(s) <= limit else s[:limit] + "…"


def near_duplicate_findings(con, focus: list[int], matches, docs: dict[int, _Doc]) -> dict[int, list[dict]]:
    """Findings for the focus documents from verified passage matches.

    The finding lands on the later report of a pair (by report year, then publication
    date); when the corpus cannot tell which came first, on both. Against the same unit
    only an earlier year's report counts (its own previous report); the same unit in the
    same year is one report stored twice (a page and its PDF), never a copy.
    """
    focus_set = set(focus)
    best: dict[tuple[int, int], tuple] = {}  # (x_doc, x_idx) -> (rank, y_doc, y_idx, kind, similarity, tie-break)
    for m in matches:
        for x_doc, x_idx, y_doc, y_idx in ((m.a_doc, m.a_idx, m.b_doc, m.b_idx), (m.b_doc, m.b_idx, m.a_doc, m.a_idx)):
            if x_doc not in focus_set:
                continue
            x, y = docs[x_doc], docs[y_doc]
            if x.unit == y.unit:
                if x.year is None or y.year is None or y.year >= x.year:
                    continue
                kind = "previous_report"
            else:
                if _later(x, y) is False:
                    continue
                kind = "other_unit"
            key = (x_doc, x_idx)
            # rank: similarity, then the unit's own previous report (carrying over one's own text is the likelier
            # explanation when another unit has the same passage), then the most recent source
            rank = (round(m.similarity, 3), kind == "previous_report", y.year or 0)
            # ties go to the smaller (sha256, passage): doc ids follow the order reports were stored in,
            # which with several workers is the order they finished, so they must not decide
            tie = (y.sha256, y_idx)
            old = best.get(key)
            if old is None or rank > old[0] or (rank == old[0] and tie < old[5]):
                best[key] = (rank, y_doc, y_idx, kind, m.similarity, tie)
    spans = {}
    need = {k[0] for k in best} | {v[1] for v in best.values()}
    if need:
        for doc_id, idx, start, end in con.execute(
                'SELECT doc_id, idx, start, "end" FROM passages WHERE doc_id IN (SELECT unnest(?))', [sorted(need)]).fetchall():
            spans[(doc_id, idx)] = (start, end)
    texts = dict(con.execute("SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?))",
                             [sorted({v[1] for v in best.values()})]).fetchall()) if best else {}
    out: dict[int, list[dict]] = {d: [] for d in focus}
    by_doc: dict[int, list[tuple[int, int, int, str, float]]] = {}
    for (x_doc, x_idx), (_rank, y_doc, y_idx, kind, sim, _tie) in best.items():
        by_doc.setdefault(x_doc, []).append((x_idx, y_doc, y_idx, kind, sim))
    for x_doc, items in by_doc.items():
        items.sort()
        groups: list[list[tuple[int, int, int, str, float]]] = []
        for it in items:  # adjacent passages copied from the same report make one finding
            if groups and groups[-1][-1][0] + 1 == it[0] and groups[-1][-1][1] == it[1]:
                groups[-1].append(it)
            else:
                groups.append([it])
        for g in groups:
            y = docs[g[0][1]]
            xs = [spans[(x_doc, it[0])] for it in g if (x_doc, it[0]) in spans]
            ys = [spans[(y.doc_id, it[2])] for it in g if (y.doc_id, it[2]) in spans]
            if not xs or not ys:
                continue
            kind = g[0][3]
            sim = sum(it[4] for it in g) / len(g)
            year = f"{y.year}年度" if y.year else ""
            other = f"本单位{year}报告" if kind == "previous_report" else f"{y.unit_name or '另一单位'}{year}报告"
            ytext = texts.get(y.doc_id) or ""
            y0, y1 = min(a for a, _ in ys), max(b for _, b in ys)
            out[x_doc].append(finding(
                "near_duplicate", start=min(a for a, _ in xs), end=max(b for _, b in xs), other=other,
                similarity=round(sim * 100), source=_excerpt(ytext, y0, y1),
                data={"kind": kind, "other_sha256": y.sha256, "other_doc_id": y.doc_id, "other_source": y.source,
                      "other_unit": y.unit_name, "other_year": y.year, "other_start": y0, "other_end": y1,
                      "other_quote": ytext[y0:y1], "similarity": round(sim, 4), "passages": len(g)}).to_dict())
    for fs in out.values():
        fs.sort(key=lambda f: f["start"])
    return out


def _docs(con, ids: set[int]) -> dict[int, _Doc]:
    rows = con.execute("""SELECT r.doc_id, r.sha256, d.source, coalesce(r.unit_key, 'doc:' || r.doc_id::VARCHAR),
                                 r.unit_name, r.report_year, r.published
                          FROM records r JOIN documents d USING (doc_id) WHERE r.doc_id IN (SELECT unnest(?))""",
                       [sorted(ids)]).fetchall()
    return {r[0]: _Doc(*r) for r in rows}


def _temp_ids(con, name: str, ids: list[int]) -> None:
    import pyarrow as pa

    from .rows import register

    register(con, "_ids", pa.table({"doc_id": pa.array(ids, pa.int32())}))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT DISTINCT doc_id FROM _ids")
    con.unregister("_ids")


def _near_duplicates(corpus, new_ids: list[int], progress, stats: dict[str, Any]) -> None:
    """Re-index what changed, compare the affected documents, replace their near_duplicate findings."""
    from . import dedup

    con = corpus.con
    s = dedup.settings()
    t0 = time.perf_counter()
    stock, changed = dedup.refresh_stock(con, s)
    stats["stock_phrases"] = len(stock)
    dirty = set(new_ids)
    if changed:
        dirty.update(r[0] for r in con.execute(
            "SELECT DISTINCT doc_id FROM clause_keys JOIN stock_changed USING (key)").fetchall())
    dirty_l = sorted(dirty)
    progress("index", 0, len(dirty_l))
    done = 0

    def indexed(n: int) -> None:
        nonlocal done
        done += n
        progress("index", done, len(dirty_l))

    dedup.index_documents(con, dirty_l, stock, s, progress=indexed)
    n_reports = con.execute("SELECT count(*) FROM records WHERE doc_type = 'report'").fetchall()[0][0]
    if len(dirty) * 3 >= n_reports:  # most of the corpus changed: compare everything in one pass
        focus = sorted(r[0] for r in con.execute("SELECT doc_id FROM records").fetchall())
    else:  # the changed documents, those their passages meet, and those whose findings cite them
        _temp_ids(con, "focus0", dirty_l)
        partners = {p[2] for p in dedup.candidate_pairs(con, "focus0", s)}
        stale = {r[0] for r in con.execute(
            """SELECT doc_id FROM findings WHERE origin = 'corpus' AND "check" = 'near_duplicate'
               AND CAST(json_extract(data, '$.other_doc_id') AS INTEGER) IN (SELECT unnest(?))""",
            [dirty_l]).fetchall()}
        focus = sorted(dirty | partners | stale)
    _temp_ids(con, "focus", focus)
    stats["index_seconds"] = round(time.perf_counter() - t0, 3)
    progress("compare", 0, 1)
    t1 = time.perf_counter()
    likely, stats["candidate_pairs"] = dedup.likely_pairs(con, "focus", s)
    stats["likely_pairs"] = len(likely)
    matches = dedup.verified_matches(con, sorted(likely), stock, s)
    stats["matched_pairs"] = len(matches)
    stats["compare_seconds"] = round(time.perf_counter() - t1, 3)
    docs = _docs(con, set(focus) | {m.a_doc for m in matches} | {m.b_doc for m in matches})
    found = near_duplicate_findings(con, focus, matches, docs)
    corpus.replace_corpus_findings("near_duplicate", found)
    stats["near_duplicate"] = sum(len(v) for v in found.values())
    progress("compare", 1, 1)


def _yoy(corpus, new_ids: list[int], stats: dict[str, Any]) -> None:
    """Recheck every report of the units that have a new report (its previous or next year may be new)."""
    from . import yoy

    con = corpus.con
    units = [r[0] for r in con.execute(
        "SELECT DISTINCT unit_key FROM records WHERE doc_id IN (SELECT unnest(?)) AND unit_key IS NOT NULL",
        [new_ids]).fetchall()]
    found = yoy.check_units(con, units)
    corpus.replace_corpus_findings("yoy_mismatch", found)
    stats["yoy_mismatch"] = sum(len(v) for v in found.values())


def crosscheck(corpus, full: bool = False, progress: Callable[[str, int, int], None] | None = None) -> dict[str, Any]:
    """Run the cross-report checks for what changed since the last run (everything with `full`)."""
    progress = progress or (lambda *_: None)
    con = corpus.con
    t0 = time.perf_counter()
    if full:
        con.execute("UPDATE records SET crosschecked = NULL")
    new_ids = [r[0] for r in con.execute("SELECT doc_id FROM records WHERE crosschecked IS NULL ORDER BY doc_id").fetchall()]
    stats: dict[str, Any] = {"documents": len(new_ids)}
    if not new_ids:
        stats["seconds"] = 0.0
        return stats
    _near_duplicates(corpus, new_ids, progress, stats)
    _yoy(corpus, new_ids, stats)
    con.execute("UPDATE records SET crosschecked = TRUE WHERE doc_id IN (SELECT unnest(?))", [new_ids])
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    con.execute("INSERT OR REPLACE INTO corpus_state VALUES ('last_crosscheck', ?)",
                [json.dumps(stats, ensure_ascii=False)])
    return stats
