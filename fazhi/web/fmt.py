"""Values as a Chinese reader expects them: 2024年4月1日, 20.56万件, 87.2%, and JSON-safe rows.

Times are stored in UTC; a reviewer in China reads them in China Standard Time (UTC+8,
no daylight saving, so a fixed offset is exact and needs no time-zone database).
"""
from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import numpy as np
import pandas as pd

CST = timezone(timedelta(hours=8))
DATE_COLUMNS = {"published", "signed"}


def _as_datetime(v: Any) -> datetime | date | None:
    if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if isinstance(v, (datetime, date)):
        return v
    if isinstance(v, str) and v:
        try:
            return datetime.fromisoformat(v) if ("T" in v or " " in v) else date.fromisoformat(v)
        except ValueError:
            return None
    return None


def cn_date(v: Any) -> str:
    """2024年4月1日 (empty for no date)."""
    d = _as_datetime(v)
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日"


def cn_datetime(v: Any) -> str:
    """2024年4月1日 14:05 in China Standard Time, from a UTC time (naive ones are UTC)."""
    d = _as_datetime(v)
    if d is None:
        return ""
    if not isinstance(d, datetime):
        return cn_date(d)
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    d = d.astimezone(CST)
    return f"{d.year}年{d.month}月{d.day}日 {d.hour:02d}:{d.minute:02d}"


def plain_number(v: float) -> str:
    """A number without trailing zeros or thousands separators, as reports print them (24897, 87.2)."""
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".")


def cn_number(v: Any, unit: str | None = None) -> str:
    """A value the way reports write it: 24897件, 20.56万件, 3.2亿元, 87.2%.

    万 and 亿 are used where the reports use them: for large values that they express
    exactly within two decimals.
    """
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    x = float(v)
    unit = unit or ""
    if unit == "%" or unit.startswith("个百分点"):
        return plain_number(round(x, 2)) + unit
    for scale, word, from_ in ((1e8, "亿", 1e8), (1e4, "万", 1e5)):
        if abs(x) >= from_:
            scaled = x / scale
            if abs(round(scaled, 2) - scaled) < 1e-9:
                return plain_number(round(scaled, 2)) + word + unit
    return plain_number(round(x, 2)) + unit


def plain(v: Any, column: str = "") -> Any:
    """A DataFrame cell as a JSON value: dates as YYYY-MM-DD, times ISO, NaN/NA as null, arrays as lists."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (list, tuple, np.ndarray)):
        return [plain(x) for x in list(v)]
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, datetime):
        return v.date().isoformat() if column in DATE_COLUMNS else v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as a list of JSON-safe dicts."""
    cols = list(df.columns)
    return [{c: plain(v, c) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)]
