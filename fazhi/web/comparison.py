"""The compare page and chart endpoint: an indicator across jurisdictions and years, from
`Corpus.compare`, drawn by fazhi.web.charts."""
from __future__ import annotations

import threading
from typing import Any, Callable

from starlette.exceptions import HTTPException

from ..corpus.compare import AGGS, GROUPS
from ..data.labels import LEVEL_ZH
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
_COMPUTING: dict[tuple, threading.Lock] = {}  # one computation per key at a time


def _cached(corpus, key: tuple, compute: Callable[[], Any]) -> Any:
    """An aggregate over every figure (tens of milliseconds at 20,000 reports), kept until the
    corpus changes: its records' count, ids and latest analysis time are read in a millisecond.
    Requests that miss together wait for one computation instead of each running it."""
    full = (corpus.path, corpus.records_state()) + key
    with _CACHE_LOCK:
        if full in _CACHE:
            return _CACHE[full]
        lock = _COMPUTING.setdefault(full, threading.Lock())
    with lock:
        with _CACHE_LOCK:
            if full in _CACHE:
                return _CACHE[full]
        value = compute()
        with _CACHE_LOCK:
            if len(_CACHE) > 256:
                _CACHE.clear()
            _CACHE[full] = value
            _COMPUTING.pop(full, None)
    return value


def indicators(corpus) -> list[dict[str, Any]]:
    """Every indicator of the taxonomy, those the corpus has figures for first (most figures first)."""
    have = _cached(corpus, ("indicators",), corpus.indicator_counts)
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
    return _cached(corpus, ("unit", indicator), lambda: corpus.indicator_unit(indicator)) or ""


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


def comparison(corpus, indicator: str, by: str = "jurisdiction", years: tuple[int, int] | None = None,
               agg: str | None = None, chart: str = "bar", year: int | None = None, top: int = 20,
               **filters: Any) -> dict[str, Any]:
    """Chart (SVG), table (at most MAX_TABLE groups, largest latest value first) and labels
    for one indicator grouped by `by`.

    A national comparison by unit has some 20,000 unit-year rows and draws 20 bars and a
    200-row table: the rows stay in DuckDB (as Arrow), which ranks and cuts them, and only
    what is drawn comes back to Python. The result is kept until the corpus changes (`_cached`):
    colleagues open the same charts, and a chart depends on the records alone, not on anyone's
    review. Callers must not change it.
    """
    name = check_args(indicator, by, agg)
    if chart not in CHARTS:
        raise HTTPException(400, "图表类型只能是 bar（柱状图）或 line（折线图）")
    filters = {k: v for k, v in filters.items() if v}
    key = ("comparison", indicator, by, years, agg, chart, year, top, tuple(sorted(filters.items())))
    return _cached(corpus, key, lambda: _comparison(corpus, indicator, name, by, years, agg, chart, year, top, filters))


def _comparison(corpus, indicator: str, name: str, by: str, years: tuple[int, int] | None, agg: str | None,
                chart: str, year: int | None, top: int, filters: dict[str, Any]) -> dict[str, Any]:
    unit = unit_of(corpus, indicator)
    agg_used = agg or ("mean" if unit == "%" else "sum")
    subtitle_tail = f"按{BY_ZH[by]}{AGG_ZH[agg_used]}" + (f"；单位：{unit}" if unit else "")
    view = corpus.compare_view(indicator, by=by, years=years, agg=agg, bar_year=(year or True) if chart == "bar" else None,
                               top=top, max_table=MAX_TABLE, **filters)
    if not view.per_year:
        return {"name": name, "svg": empty_chart(f"{name}"), "years": [], "table": [], "groups": 0, "unit": unit,
                "year": year, "agg": agg_used, "n_reports": 0}
    keys, per_year, n_groups, ranked, bars = view.keys, view.per_year, view.n_groups, view.ranked, view.bars
    all_years = [int(y) for y, _, _ in per_year]
    if chart == "bar":
        year = view.year
    groups: dict[int, dict[str, Any]] = {}
    for rk, *row in ranked:
        key, y, v = row[:len(keys)], int(row[len(keys)]), row[len(keys) + 1]
        g = groups.setdefault(rk, {"label": _label(dict(zip(keys, key)), by), "values": {}})
        g["values"][y] = v
    ordered = [groups[rk] for rk in sorted(groups)]
    if chart == "bar":
        n = next(int(r) for y, _, r in per_year if y == year)
        svg = bar_chart([_label(dict(zip(keys, b[:len(keys)])), by) for b in bars], [float(b[-1]) for b in bars],
                        f"{name}（{year}年）", unit, f"{subtitle_tail}；共{n}份报告")
    else:
        lines = ordered[:MAX_LINES]
        span = list(range(all_years[0], all_years[-1] + 1))  # a year nobody reported still takes its place
        series = [(g["label"], [g["values"].get(y) for y in span]) for g in lines]
        more = n_groups - len(lines)
        svg = line_chart(span, series, f"{name}（{all_years[0]}—{all_years[-1]}年）", unit,
                         subtitle_tail + (f"；另有{more}个未画出" if more > 0 else ""))
    table = [{"label": g["label"], "cells": [cn_number(g["values"].get(y), unit) for y in all_years]}
             for g in ordered]
    return {"name": name, "svg": svg, "years": all_years, "table": table, "groups": n_groups, "unit": unit,
            "year": year, "agg": agg_used, "n_reports": int(sum(r for _, _, r in per_year))}
