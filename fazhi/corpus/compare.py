"""Comparisons across jurisdictions and years: the panel, group comparisons, rankings,
year-on-year changes and outliers against peers of the same level.

All of it is SQL over the flat `figures` table, so a comparison over the whole corpus is
one DuckDB aggregate (bench/corpus.py measures it), and every function returns a pandas
DataFrame the CLI prints, the exports write and a researcher continues with.

One value per report and indicator: a report may state an indicator more than once
(a total in the summary, again in a section); the panel takes its first statement that is
not a change (同比 …), and counts how many there were (`n_values`) so a researcher can see
where that choice mattered. One report per unit and year: when the corpus holds the same
unit's report twice (a web page and its PDF), the earlier published is used.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any, Sequence

import pandas as pd

from .queries import where_reports
from .rows import register

GROUPS = {
    "unit": ["unit_key", "unit_name", "level", "province", "city"],
    "jurisdiction": ["unit_key", "unit_name", "level", "province", "city"],
    "level": ["level"],
    "province": ["province"],
    "city": ["province", "city"],
    "county": ["province", "city", "county"],
}
AGGS = {"sum": "sum(value)", "mean": "avg(value)", "median": "median(value)", "min": "min(value)",
        "max": "max(value)", "count": "count(value)"}


# the columns of a panel row, in order (panel_cache has them and the issuer, for the `unit` filter)
PANEL_COLUMNS = ("sha256, unit_key, unit_name, jurisdiction, department, level, province, city, county, division_code, "
                 "report_year, published, indicator, value, unit, approx, n_values")
# filters a cached panel answers exactly: every report of one unit shares them, so choosing one
# report per unit and year before or after filtering is the same
_CACHE_FILTERS = {"year", "years", "level", "province", "city", "county", "jurisdiction", "department", "unit",
                  "unit_key"}
_CACHE_LOCKS: dict[str, threading.Lock] = {}
_CACHE_GUARD = threading.Lock()


def _fresh_panel_cache(corpus) -> bool:
    """Whether `panel_cache` holds the panel of the corpus as it is now, rebuilding it when the
    records changed since (a read-only handle cannot, and says no)."""
    state = json.dumps([str(v) for v in corpus.records_state()])
    with _CACHE_GUARD:
        lock = _CACHE_LOCKS.setdefault(str(corpus.path), threading.Lock())
    with lock:  # one thread rebuilds; the others wait and then find it fresh
        row = corpus.con.execute("SELECT value FROM corpus_state WHERE key = 'panel_state'").fetchone()
        if row and row[0] == state:
            return True
        if corpus.read_only:
            return False
        sql, params = _panel_sql(None, {}, extra=", r.issuer")
        corpus.con.execute("BEGIN TRANSACTION")
        try:
            corpus.con.execute("DELETE FROM panel_cache")
            corpus.con.execute(f"INSERT INTO panel_cache BY NAME {sql}", params)
            corpus.con.execute("INSERT OR REPLACE INTO corpus_state VALUES ('panel_state', ?)", [state])
            corpus.con.execute("COMMIT")
        except BaseException:
            corpus.con.execute("ROLLBACK")
            raise
        return True


def _panel_source(corpus, indicators: Sequence[str] | None, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """The panel query for these indicators and filters: from panel_cache when it can answer, else from
    the records and figures themselves."""
    if set(k for k, v in filters.items() if v is not None) <= _CACHE_FILTERS and _fresh_panel_cache(corpus):
        cond, params = where_reports(filters)
        if indicators is not None:
            cond += " AND r.indicator IN (SELECT unnest(?))"
            params.append(list(indicators))
        return f"SELECT {PANEL_COLUMNS} FROM panel_cache r WHERE {cond}", params
    return _panel_sql(indicators, filters)


def _panel_sql(indicators: Sequence[str] | None, filters: dict[str, Any], extra: str = "") -> tuple[str, list[Any]]:
    cond, params = where_reports(filters)
    if indicators is not None:
        cond += " AND g.indicator IN (SELECT unnest(?))"
        params.append(list(indicators))
    sql = f"""
        WITH per_report AS (
          SELECT r.doc_id, r.sha256, coalesce(r.unit_key, 'doc:' || r.sha256) AS unit_key, r.unit_name,
                 r.jurisdiction, r.department, r.level, r.province, r.city, r.county, r.division_code,
                 r.report_year, r.published{extra}, g.indicator,
                 arg_min(g.value, g.idx) AS value, arg_min(g.unit, g.idx) AS unit,
                 arg_min(g.approx, g.idx) AS approx, count(*) AS n_values
          FROM figures g JOIN records r USING (doc_id)
          WHERE g.indicator IS NOT NULL AND g.kind <> 'change' AND g.value_high IS NULL
                AND isfinite(g.value)  -- whatever is stored: NaN and inf are no value to compare
                AND r.doc_type = 'report' AND r.report_year IS NOT NULL AND {cond}
          GROUP BY ALL)
        SELECT * EXCLUDE (doc_id) FROM per_report
        QUALIFY row_number() OVER (PARTITION BY unit_key, report_year, indicator
                                   ORDER BY published NULLS LAST, sha256) = 1"""
    return sql, params


def panel(corpus, indicators: str | Sequence[str] | None = None, **filters: Any) -> pd.DataFrame:
    """The panel: one row per unit × year × indicator with its value (long format).

    Filters as in Corpus.reports: year, years=(lo, hi), level, province, city, county, unit ...
    """
    if isinstance(indicators, str):
        indicators = [indicators]
    sql, params = _panel_source(corpus, indicators, filters)
    return corpus.query(sql + " ORDER BY indicator, report_year, province NULLS LAST, city NULLS LAST, unit_name", params)


def _default_agg(corpus, indicator: str) -> str:
    """Rates are averaged, counts summed: the taxonomy says which an indicator is; for an id
    it does not know (a corpus analysed with another taxonomy), the unit its figures use most."""
    from ..understand.indicators import taxonomy

    units = {u for rules in taxonomy().by_unit.values() for r in rules if r.id == indicator for u in r.units}
    if units:
        return "mean" if units == {"%"} else "sum"
    return "mean" if indicator_unit(corpus, indicator) == "%" else "sum"


def indicator_unit(corpus, indicator: str) -> str | None:
    """The unit the corpus's figures of an indicator use most (None when it has none)."""
    row = corpus.con.execute("SELECT mode(unit) FROM figures WHERE indicator = ?", [indicator]).fetchone()
    return row[0] if row else None


def indicator_counts(corpus) -> dict[str, int]:
    """How many figures the corpus holds of each indicator."""
    return {k: int(n) for k, n in corpus.con.execute(
        "SELECT indicator, count(*) FROM figures WHERE indicator IS NOT NULL GROUP BY 1").fetchall()}


def compare_sql(corpus, indicator: str, by: str = "jurisdiction", years: tuple[int, int] | None = None,
                agg: str | None = None, **filters: Any) -> tuple[str, list[Any]]:
    """The query behind `compare(..., wide=False)`: group columns, report_year, value, n_reports,
    ordered by group and year (for callers that go on in SQL rather than in pandas)."""
    if by not in GROUPS:
        raise ValueError(f"--by 只能是：{'、'.join(GROUPS)}")
    agg = agg or _default_agg(corpus, indicator)
    if agg not in AGGS:
        raise ValueError(f"统计方式只能是：{'、'.join(AGGS)}")
    sql, params = _panel_source(corpus, [indicator], {**filters, "years": years})
    keys = ", ".join(GROUPS[by])
    return (f"""WITH p AS ({sql}) SELECT {keys}, report_year, {AGGS[agg]} AS value, count(*) AS n_reports
                FROM p GROUP BY {keys}, report_year ORDER BY {keys}, report_year""", params)


def compare(corpus, indicator: str, by: str = "jurisdiction", years: tuple[int, int] | None = None,
            agg: str | None = None, wide: bool = True, **filters: Any) -> pd.DataFrame:
    """An indicator by group (unit/jurisdiction, level, province, city, county) and year.

    Counts are summed and rates averaged over a group unless `agg` says otherwise
    (sum, mean, median, min, max, count). Wide: one row per group, one column per year;
    long (`wide=False`): group, year, value, n_reports.
    """
    sql, params = compare_sql(corpus, indicator, by, years, agg, **filters)
    long = corpus.query(sql, params)
    if not wide or long.empty:
        return long
    keys = GROUPS[by]
    shown = long.copy()
    for k in keys:
        shown[k] = shown[k].fillna("（未识别）" if k == "unit_name" else "")
    table = shown.set_index(keys + ["report_year"])["value"].unstack("report_year").reset_index()
    if "unit_key" in table.columns:
        table = table.drop(columns="unit_key")
    table.columns = [str(c) for c in table.columns]
    return table


def rank(corpus, indicator: str, year: int, by: str = "jurisdiction", ascending: bool = False,
         top: int | None = None, **filters: Any) -> pd.DataFrame:
    """Groups ranked by an indicator in one year, with their percentile among the ranked."""
    long = compare(corpus, indicator, by=by, years=(year, year), wide=False, **filters)
    if long.empty:
        return long
    long = long.sort_values("value", ascending=ascending, kind="stable").reset_index(drop=True)
    long.insert(0, "rank", long["value"].rank(ascending=ascending, method="min").astype(int))
    long["percentile"] = (1 - (long["rank"] - 1) / len(long)).round(3)
    return long.head(top) if top else long


def changes(corpus, indicator: str, years: tuple[int, int] | None = None, **filters: Any) -> pd.DataFrame:
    """Year-on-year changes per unit: value, the previous year's value, the difference and the change in %."""
    lo_hi = None if years is None else (years[0] - 1, years[1])
    sql, params = _panel_source(corpus, [indicator], {**filters, "years": lo_hi})
    df = corpus.query(f"""WITH p AS ({sql}),
        c AS (SELECT unit_key, unit_name, level, province, city, report_year, value, unit,
                     lag(value) OVER w AS previous_value, lag(report_year) OVER w AS previous_year
              FROM p WINDOW w AS (PARTITION BY unit_key ORDER BY report_year))
        SELECT *, value - previous_value AS change,
               CASE WHEN previous_value > 0 AND unit <> '%' THEN round(100.0 * (value / previous_value - 1), 2) END
                 AS change_pct
        FROM c WHERE previous_year = report_year - 1 ORDER BY unit_name, report_year""", params)
    if years is not None and not df.empty:
        df = df[df["report_year"] >= years[0]].reset_index(drop=True)
    return df


def outliers(corpus, indicator: str | None = None, year: int | None = None, years: tuple[int, int] | None = None,
             z: float = 3.5, min_peers: int = 8, **filters: Any) -> pd.DataFrame:
    """Values far from the peers of the same level and year (robust z-score on median and MAD),
    and rates stated as exactly 100% in every year of a unit while its peers are below.

    `reason` says in Chinese why each row is flagged. Groups with fewer than `min_peers`
    reports are not judged: a median of three is no standard.
    """
    inds = [indicator] if indicator else None
    rng = (year, year) if year is not None else years
    sql, params = _panel_source(corpus, inds, {**filters, "years": rng})
    df = corpus.query(f"""WITH p AS ({sql}),
        m AS (SELECT indicator, report_year, level, median(value) AS peer_median, count(*) AS peers
              FROM p GROUP BY ALL),
        d AS (SELECT p.indicator, p.report_year, p.level, median(abs(p.value - m.peer_median)) AS peer_mad
              FROM p JOIN m USING (indicator, report_year, level) GROUP BY ALL),
        s AS (SELECT p.*, m.peer_median, m.peers, d.peer_mad,
                     CASE WHEN d.peer_mad > 0 THEN 0.6745 * (p.value - m.peer_median) / d.peer_mad END AS robust_z
              FROM p JOIN m USING (indicator, report_year, level) JOIN d USING (indicator, report_year, level)
              WHERE m.peers >= ?),
        hundred AS (SELECT unit_key, indicator, count(*) AS years_100 FROM p WHERE unit = '%'
                    GROUP BY unit_key, indicator HAVING count(*) >= 3 AND min(value) = 100 AND max(value) = 100)
        SELECT s.*, h.years_100 FROM s LEFT JOIN hundred h USING (unit_key, indicator)
        WHERE abs(s.robust_z) > ? OR (h.years_100 IS NOT NULL AND s.peer_median < 100)
        ORDER BY s.indicator, s.report_year, abs(coalesce(s.robust_z, 0)) DESC""", params + [min_peers, z])
    if df.empty:
        return df.assign(reason=pd.Series(dtype=str))
    from ..understand.indicators import taxonomy

    names = taxonomy().names

    def reason(r) -> str:
        name = names.get(r["indicator"], r["indicator"])
        med = f"{r['peer_median']:g}{r['unit'] or ''}"
        parts = []
        if pd.notna(r["years_100"]) and r["peer_median"] < 100:
            parts.append(f"{name}连续{int(r['years_100'])}年均为100%，同级单位中位数为{med}")
        if pd.notna(r["robust_z"]) and abs(r["robust_z"]) > z:
            side = "远高于" if r["robust_z"] > 0 else "远低于"
            parts.append(f"{name}{r['value']:g}{r['unit'] or ''}{side}同级单位（{r['peers']}个，中位数{med}）")
        return "；".join(parts)

    df["reason"] = df.apply(reason, axis=1)
    return df


@dataclass
class CompareView:
    """What a compare chart and its table need, cut down in DuckDB (see `compare_view`).

    per_year: (report_year, groups reporting, reports) for every year present; n_groups: the
    groups in all; ranked: (rank, *group columns, report_year, value) of the `max_table` groups
    with the largest latest value (ties in group order); bars: (*group columns, value) of the
    `top` largest values of `year` (only when a year was asked for).
    """

    keys: list[str]
    per_year: list[tuple] = field(default_factory=list)
    n_groups: int = 0
    ranked: list[tuple] = field(default_factory=list)
    year: int | None = None
    bars: list[tuple] = field(default_factory=list)


def compare_view(corpus, indicator: str, by: str = "jurisdiction", years: tuple[int, int] | None = None,
                 agg: str | None = None, bar_year: "int | bool | None" = None, top: int = 20, max_table: int = 200,
                 **filters: Any) -> CompareView:
    """`compare(..., wide=False)` ranked and cut where the rows are.

    A national comparison by unit has some 20,000 unit-year rows and draws 20 bars and a
    200-row table: the rows stay in DuckDB (as Arrow), which ranks and cuts them, and only what
    is drawn comes back to Python. `bar_year`: None for no bars; a year for that year's bars;
    True for the year most groups reported (the latest of those), also when the year asked
    for is not present.
    """
    sql, params = compare_sql(corpus, indicator, by=by, years=years, agg=agg, **filters)
    con = corpus.con
    con.execute("SELECT 1").fetchall()  # closes a result a fetchone() left pending (DuckDB 2.0 insists)
    long = con.sql(sql, params=params).to_arrow_table()
    view = CompareView(keys=GROUPS[by])
    if long.num_rows == 0:
        return view
    k = ", ".join(view.keys)
    same = " AND ".join(f"l.{c} IS NOT DISTINCT FROM r.{c}" for c in view.keys)
    register(con, "_long", long)
    try:
        view.per_year = con.execute(
            "SELECT report_year, count(*), sum(n_reports) FROM _long GROUP BY 1 ORDER BY 1").fetchall()
        view.n_groups = con.execute(f"SELECT count(*) FROM (SELECT DISTINCT {k} FROM _long)").fetchone()[0]
        view.ranked = con.execute(f"""
            WITH g AS (SELECT {k}, arg_max(value, report_year) AS latest FROM _long GROUP BY ALL),
                 r AS (SELECT *, row_number() OVER (ORDER BY latest DESC NULLS LAST, {k}) AS rk FROM g)
            SELECT r.rk, {", ".join("l." + c for c in view.keys)}, l.report_year, l.value
            FROM _long l JOIN r ON {same} WHERE r.rk <= ? ORDER BY r.rk, l.report_year""", [max_table]).fetchall()
        if bar_year is not None:
            all_years = [int(y) for y, _, _ in view.per_year]
            groups_in = {int(y): n for y, n, _ in view.per_year}
            year = bar_year if (bar_year is not True and bar_year in all_years) else \
                max(all_years, key=lambda y: (groups_in[y], y))
            view.year = year
            view.bars = con.execute(f"SELECT {k}, value FROM _long WHERE report_year = ? AND value IS NOT NULL "
                                    f"ORDER BY value DESC, {k} LIMIT ?", [year, top]).fetchall()
    finally:
        con.unregister("_long")
    return view
