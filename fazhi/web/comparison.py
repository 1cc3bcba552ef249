"""The compare page and chart endpoint: an indicator across jurisdictions and years, from
`Corpus.compare`, drawn by fazhi.web.charts."""
from __future__ import annotations

import threading
from typing import Any, Callable

import pandas as pd
from starlette.exceptions import HTTPException

from ..corpus.compare import AGGS, GROUPS
from ..export.frames import LEVEL_ZH
from ..understand.indicators import taxonomy
from .charts import bar_chart, empty_chart, line_chart
from .fmt import cn_number, plain

BY_ZH = {"jurisdiction": "单位", "unit": "单位", "level": "层级", "province": "省", "city": "市", "county": "县"}
AGG_ZH = {"sum": "合计", "mean": "平均值", "median": "中位数", "min": "最小值", "max": "最大值", "count": "报告数"}
CHARTS = {"bar": "柱状图（一个年度）", "line": "折线图（逐年）"}
MAX_LINES = 8
MAX_TABLE = 200  # rows of the table under a chart; the CSV export has them all


_CACHE: dict[tuple, Any] = {}
_CACHE_LOCK = threading.Lock()


def _cached(corpus, key: tuple, compute: Callable[[], Any]) -> Any:
    """An aggregate over every figure (tens of milliseconds at 20,000 reports), kept until the
    corpus changes: its records' count, ids and latest analysis time are read in a millisecond."""
    full = (corpus.path, corpus.records_state()) + key
    with _CACHE_LOCK:
        if full in _CACHE:
            return _CACHE[full]
    value = compute()
    with _CACHE_LOCK:
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[full] = value
    return value


def indicators(corpus) -> list[dict[str, Any]]:
    """Every indicator of the taxonomy, those the corpus has figures for first (most figures first)."""
    have = _cached(corpus, ("indicators",), lambda: dict(corpus.con.execute(
        "SELECT indicator, count(*) FROM figures WHERE indicator IS NOT NULL GROUP BY 1").fetchall()))
    names = taxonomy().names
    out = [{"id": k, "zh": v, "n": int(have.get(k, 0))} for k, v in names.items()]
    return sorted(out, key=lambda d: (-d["n"], d["id"]))


def parse_years(value: str | None) -> tuple[int, int] | None:
    if not value or not value.strip():
        return None
    try:
        lo, _, hi = value.strip().partition("-")
        return int(lo), int(hi or lo)
    except ValueError as e:
        raise HTTPException(400, f"年度范围应写作 2021-2024 或 2023，不能是“{value}”") from e


def check_args(indicator: str, by: str, agg: str | None) -> str:
    names = taxonomy().names
    if indicator not in names:
        raise HTTPException(400, f"未知的指标“{indicator}”")
    if by not in GROUPS:
        raise HTTPException(400, f"分组方式只能是：{'、'.join(GROUPS)}")
    if agg is not None and agg not in AGGS:
        raise HTTPException(400, f"统计方式只能是：{'、'.join(AGGS)}")
    return names[indicator]


def unit_of(corpus, indicator: str) -> str:
    row = _cached(corpus, ("unit", indicator), lambda: corpus.con.execute(
        "SELECT mode(unit) FROM figures WHERE indicator = ?", [indicator]).fetchone())
    return (row[0] if row else None) or ""


def label(row: dict[str, Any], by: str) -> str:
    return _label({k: plain(v) for k, v in row.items()}, by)  # NaN from pandas is not a name


def _label(r: dict[str, Any], by: str) -> str:
    """The group's name from cells already free of NaN."""
    if by in ("jurisdiction", "unit"):
        return r.get("unit_name") or "（未识别单位）"
    if by == "level":
        return LEVEL_ZH.get(r.get("level"), r.get("level") or "（未识别层级）")
    if by == "county":
        return r.get("county") or r.get("city") or "（未识别）"
    return r.get(by) or "（未识别）"


def _groups(long: pd.DataFrame, by: str) -> dict[tuple, dict[str, Any]]:
    """Group key -> {"label", "values": {year: value}, "reports": {year: n}}, in plain Python:
    a national comparison has some 20,000 rows, too many for per-row pandas access."""
    keys = GROUPS[by]
    cols = {c: [None if v is None or v != v else v for v in long[c].tolist()] for c in keys}  # NaN != NaN
    cols.update({c: long[c].tolist() for c in ("report_year", "value", "n_reports")})
    out: dict[tuple, dict[str, Any]] = {}
    for i in range(len(long)):
        key = tuple(cols[k][i] for k in keys)
        g = out.get(key)
        if g is None:
            g = out[key] = {"label": _label(dict(zip(keys, key)), by), "values": {}, "reports": {}}
        year = int(cols["report_year"][i])
        v = cols["value"][i]
        g["values"][year] = v if v == v else None  # NaN != NaN
        g["reports"][year] = int(cols["n_reports"][i])
    return out


def _latest(g: dict[str, Any]) -> float:
    return g["values"][max(g["values"])] if g["values"] else float("-inf")


def comparison(corpus, indicator: str, by: str = "jurisdiction", years: tuple[int, int] | None = None,
               agg: str | None = None, chart: str = "bar", year: int | None = None, top: int = 20,
               **filters: Any) -> dict[str, Any]:
    """Chart (SVG), table (at most MAX_TABLE groups, largest latest value first) and labels
    for one indicator grouped by `by`."""
    name = check_args(indicator, by, agg)
    if chart not in CHARTS:
        raise HTTPException(400, "图表类型只能是 bar（柱状图）或 line（折线图）")
    filters = {k: v for k, v in filters.items() if v}
    long = corpus.compare(indicator, by=by, years=years, agg=agg, wide=False, **filters)
    unit = unit_of(corpus, indicator)
    agg_used = agg or ("mean" if unit == "%" else "sum")
    subtitle_tail = f"按{BY_ZH[by]}{AGG_ZH[agg_used]}" + (f"；单位：{unit}" if unit else "")
    if long.empty:
        return {"name": name, "svg": empty_chart(f"{name}"), "years": [], "table": [], "groups": 0, "unit": unit,
                "year": year, "agg": agg_used, "n_reports": 0}
    groups = _groups(long, by)
    all_years = sorted({y for g in groups.values() for y in g["values"]})
    if chart == "bar":
        if year not in all_years:  # by default the year most groups reported, the latest of those
            year = max(all_years, key=lambda y: (sum(y in g["values"] for g in groups.values()), y))
        bars = sorted((g for g in groups.values() if year in g["values"]), key=lambda g: -g["values"][year])[:top]
        n = sum(g["reports"].get(year, 0) for g in groups.values())
        svg = bar_chart([g["label"] for g in bars], [float(g["values"][year]) for g in bars], f"{name}（{year}年）",
                        unit, f"{subtitle_tail}；共{n}份报告")
    else:
        lines = sorted(groups.values(), key=lambda g: -_latest(g))[:MAX_LINES]
        span = list(range(all_years[0], all_years[-1] + 1))  # a year nobody reported still takes its place
        series = [(g["label"], [g["values"].get(y) for y in span]) for g in lines]
        more = len(groups) - len(lines)
        svg = line_chart(span, series, f"{name}（{all_years[0]}—{all_years[-1]}年）", unit,
                         subtitle_tail + (f"；另有{more}个未画出" if more > 0 else ""))
    ranked = sorted(groups.values(), key=lambda g: -next((g["values"][y] for y in reversed(all_years)
                                                          if y in g["values"]), float("-inf")))
    table = [{"label": g["label"], "cells": [cn_number(g["values"].get(y), unit) for y in all_years]}
             for g in ranked[:MAX_TABLE]]
    return {"name": name, "svg": svg, "years": all_years, "table": table, "groups": len(groups), "unit": unit,
            "year": year, "agg": agg_used, "n_reports": int(long["n_reports"].sum())}
