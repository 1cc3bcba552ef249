"""The compare page and chart endpoint: an indicator across jurisdictions and years, from
`Corpus.compare`, drawn by fazhi.web.charts."""
from __future__ import annotations

from typing import Any

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


def indicators(corpus) -> list[dict[str, Any]]:
    """Every indicator of the taxonomy, those the corpus has figures for first (most figures first)."""
    have = dict(corpus.con.execute("SELECT indicator, count(*) FROM figures WHERE indicator IS NOT NULL "
                                   "GROUP BY 1").fetchall())
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
    row = corpus.con.execute("SELECT mode(unit) FROM figures WHERE indicator = ?", [indicator]).fetchone()
    return (row[0] if row else None) or ""


def label(row: dict[str, Any], by: str) -> str:
    r = {k: plain(v) for k, v in row.items()}  # NaN from pandas is not a name
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
    """Chart (SVG), table and labels for one indicator grouped by `by`."""
    name = check_args(indicator, by, agg)
    if chart not in CHARTS:
        raise HTTPException(400, "图表类型只能是 bar（柱状图）或 line（折线图）")
    filters = {k: v for k, v in filters.items() if v}
    long = corpus.compare(indicator, by=by, years=years, agg=agg, wide=False, **filters)
    unit = unit_of(corpus, indicator)
    agg_used = agg or ("mean" if unit == "%" else "sum")
    subtitle_tail = f"按{BY_ZH[by]}{AGG_ZH[agg_used]}" + (f"；单位：{unit}" if unit else "")
    if long.empty:
        return {"name": name, "svg": empty_chart(f"{name}"), "years": [], "table": [], "unit": unit,
                "year": year, "agg": agg_used, "n_reports": 0}
    long = long.copy()
    long["label"] = [label(r, by) for r in long.to_dict("records")]
    long["group"] = ["|".join("" if pd.isna(v) else str(v) for v in row)
                     for row in long[GROUPS[by]].itertuples(index=False, name=None)]
    all_years = sorted(int(y) for y in long["report_year"].unique())
    if chart == "bar":
        if year not in all_years:  # by default the year most groups reported, the latest of those
            sizes = long.groupby("report_year").size()
            year = int(max(all_years, key=lambda y: (int(sizes.get(y, 0)), y)))
        part = long[long["report_year"] == year].sort_values("value", ascending=False, kind="stable").head(top)
        svg = bar_chart(list(part["label"]), [float(v) for v in part["value"]], f"{name}（{year}年）", unit,
                        f"{subtitle_tail}；共{int(long[long['report_year'] == year]['n_reports'].sum())}份报告")
    else:
        latest = long.sort_values("report_year").groupby("group").tail(1).sort_values("value", ascending=False)
        groups = list(latest["group"].head(MAX_LINES))
        span = list(range(all_years[0], all_years[-1] + 1))  # a year nobody reported still takes its place
        series = []
        for g in groups:
            sub = long[long["group"] == g].set_index("report_year")["value"]
            series.append((long[long["group"] == g]["label"].iloc[0],
                           [float(sub[y]) if y in sub.index and pd.notna(sub[y]) else None for y in span]))
        more = long["group"].nunique() - len(groups)
        svg = line_chart(span, series, f"{name}（{all_years[0]}—{all_years[-1]}年）", unit,
                         subtitle_tail + (f"；另有{more}个未画出" if more > 0 else ""))
    table = []
    for g, sub in long.groupby("group", sort=False):
        vals = {int(y): plain(v) for y, v in zip(sub["report_year"], sub["value"])}
        table.append({"label": sub["label"].iloc[0], "cells": [cn_number(vals.get(y), unit) for y in all_years],
                      "raw": [vals.get(y) for y in all_years]})
    table.sort(key=lambda r: -next((v for v in reversed(r["raw"]) if v is not None), float("-inf")))
    return {"name": name, "svg": svg, "years": all_years, "table": table, "unit": unit, "year": year, "agg": agg_used,
            "n_reports": int(long["n_reports"].sum())}
