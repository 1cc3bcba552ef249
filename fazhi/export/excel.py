"""The reviewer's workbook: reports, findings with their quoted evidence, figures, and the
status of every unit of the list, each on its own sheet.

Written with xlsxwriter (formatting, frozen panes, filters); every sheet has Chinese
headers in a frozen first row, an autofilter, and column widths measured in display
cells, where a Chinese character takes two: Excel's default widths cut Chinese text.
"""
from __future__ import annotations

import math
import os
import unicodedata
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..corpus.roster import UNPLACED_NOTE
from .addressing import addressing, phrase
from .frames import chinese, frame, safe_cell

MAX_WIDTH = 60  # display cells; longer text wraps
WRAP = {"问题说明", "原文", "标题", "报告标题", "备注", "缺少内容", "审查意见", "推断字段", "文本可能不完整"}


def display_width(value: Any) -> int:
    """Cells a value takes in Excel: a wide (CJK, full-width) character counts two."""
    s = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)


def _clean(v: Any) -> Any:
    """A cell value as a plain Python value (numpy scalars, pandas NA/NaT and lists converted)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None  # NaN/inf: Excel has no such number (xlsxwriter refuses it)
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if isinstance(v, (list, tuple, np.ndarray)):
        return "、".join(map(str, list(v)))
    if isinstance(v, str) and "\r" in v:
        # a text read with CRLF line ends: Excel shows a lone CR as the escape _x000D_
        return v.replace("\r\n", "\n").replace("\r", "\n")
    return v


def _write_sheet(wb, name: str, df: pd.DataFrame, formats: dict) -> None:
    ws = wb.add_worksheet(name)
    cols = list(df.columns)
    for j, c in enumerate(cols):
        ws.write(0, j, c, formats["header"])
    widths = [display_width(c) for c in cols]
    for i, row in enumerate(df.itertuples(index=False), start=1):
        for j, v in enumerate(row):
            v = _clean(v)
            fmt = formats["wrap"] if cols[j] in WRAP else None
            if v is None:
                ws.write_blank(i, j, None, fmt)
            elif isinstance(v, datetime) and ("日期" in cols[j] and v.time() == time()):
                # a day (公开日期, 成文日期), not a moment: no 00:00 after it
                ws.write_datetime(i, j, v, formats["date"])
            elif isinstance(v, datetime):
                ws.write_datetime(i, j, v, formats["datetime"])
            elif isinstance(v, date):
                ws.write_datetime(i, j, datetime(v.year, v.month, v.day), formats["date"])
            elif isinstance(v, bool):
                ws.write_string(i, j, "是" if v else "", fmt)
            elif isinstance(v, (int, float)):
                ws.write_number(i, j, v, fmt)
            else:
                ws.write_string(i, j, safe_cell(str(v)), fmt)
            if i <= 2000:  # widths from the first rows: enough to fit, cheap on big sheets
                widths[j] = max(widths[j], min(display_width(v), MAX_WIDTH))
    for j, w in enumerate(widths):
        if isinstance(df.dtypes.iloc[j], pd.DatetimeTZDtype) or "日期" in cols[j] or "时间" in cols[j]:
            w = max(w, 12)
        ws.set_column(j, j, min(w, MAX_WIDTH) + 2)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(df), 1), max(len(cols) - 1, 0))


def _unit_names(reports: pd.DataFrame) -> dict[str, str]:
    """sha256 → the unit as a reviewer should read it, where it differs from the stored unit_name: a
    department's report whose department was not found is not its place's (荣昌区（部门名称未识别）)."""
    out = {}
    for r in reports.to_dict("records"):
        place = r.get("jurisdiction")
        if r.get("level") == "department" and not isinstance(r.get("department"), str) and isinstance(place, str):
            out[r["sha256"]] = phrase("unknown_department", place=place)
    return out


def _named(df: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    if not names or "unit_name" not in df or "sha256" not in df:
        return df
    df = df.copy()
    df["unit_name"] = [names.get(sha, u) for sha, u in zip(df["sha256"], df["unit_name"])]
    return df


def _named_unlisted(status: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The status rows of reports outside the list named as the other sheets name them: a bureau
    whose name was not found is not its district (a listed row keeps the list's own name)."""
    if not names:
        return status
    status = status.copy()
    status["unit"] = [names.get(sha, u) if st == "unlisted" else u
                      for sha, u, st in zip(status["sha256"], status["unit"], status["status"])]
    return status


def _hedged(status: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The status rows whose report names its unit only by inference (a body's wording, a site's
    address) say so in 备注, as the 通报 marks them （单位系推断）: the match to the list is a guess too."""
    guessed = {r["sha256"] for r in reports.to_dict("records") if addressing(r).unit_inferred}
    if not guessed:
        return status
    status = status.copy()
    mark = phrase("sheet_unit_inferred")
    # the unit itself inferred: that says more than the list's note that the report names no place
    status["note"] = ["；".join(x for x in (*(n.split("；") if isinstance(n, str) else ()), mark)
                               if x and x != UNPLACED_NOTE) if sha in guessed else n
                      for sha, n in zip(status["sha256"], status["note"])]
    return status


def write_xlsx(corpus, path: "str | os.PathLike[str]", registry=None, **options: Any) -> Path:
    """Sheets 报告, 问题, 数据 and (when a year and a list of units are known) 报送情况."""
    import xlsxwriter

    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    sheets: list[tuple[str, pd.DataFrame]] = []
    year = options.get("year")
    units_loaded = corpus.has_units()
    reports = frame(corpus, "reports", **options)
    names = _unit_names(reports)
    if year is not None and (registry is not None or units_loaded):
        status = frame(corpus, "status", registry=registry, **options)
        sheets.append(("报送情况", chinese(_hedged(_named_unlisted(status, names), reports), "status")))
    sheets += [(zh, chinese(_named(df, names), name)) for zh, name, df in (
        ("报告", "reports", reports),
        ("问题", "findings", frame(corpus, "findings", **options)),
        ("数据", "figures", frame(corpus, "figures", **options)))]
    wb = xlsxwriter.Workbook(str(p), {"strings_to_urls": False, "strings_to_formulas": False})
    formats = {
        "header": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                 "valign": "vcenter", "font_name": "宋体"}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    for name, df in sheets:
        _write_sheet(wb, name, df, formats)
    wb.close()
    return p
