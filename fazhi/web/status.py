"""The batch view: every unit of the list and its report of a year (`Corpus.status`), or,
before a list is loaded, every report of the year with the same status words."""
from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..corpus.review import STATES
from ..corpus.roster import STATUS_ZH, status_of
from ..data.labels import CONTENT_ZH, LEVEL_ZH
from ..export.frames import as_list
from .fmt import plain, rows

STATUS_FILTERS = {**STATUS_ZH, "deficient": "内容缺项"}
SORTS = {"unit": "单位", "level": "层级", "status": "报送情况", "published": "公开日期", "days_late": "逾期天数",
         "missing": "缺少内容", "n_errors": "错误", "n_warnings": "警告", "score": "得分", "review": "审查状态"}
REVIEW_ORDER = {s: i for i, s in enumerate(STATES)}
_REPORT_COLUMNS = ["sha256", "unit_name", "issuer", "level", "county", "city", "province", "doc_type", "published",
                   "missing_contents", "n_errors", "n_warnings", "title", "source", "score_total", "found_on"]
STATUS_ORDER = ["missing", "late", "unpublished", "invalid", "ambiguous", "on_time", "unlisted"]


def years(corpus) -> list[int]:
    return corpus.report_years()


def has_registry(corpus) -> bool:
    return corpus.has_units()


def _level(v: Any) -> str:
    return LEVEL_ZH.get(v, v) if isinstance(v, str) else ""


def batch_rows(corpus, year: int, today: date | None = None) -> tuple[list[dict[str, Any]], bool]:
    """The rows of the year and whether they come from a list of units."""
    reports = corpus.reports(year=year)
    scores = dict(zip(reports["sha256"].tolist(), (plain(v) for v in reports["score_total"].tolist())))
    if has_registry(corpus):
        st = corpus.status(year, today=today)
        out = []
        for r in st.to_dict("records"):
            r = {k: plain(v, k) for k, v in r.items()}
            r["level_zh"] = _level(r["level"])
            r["score"] = scores.get(r["sha256"])
            out.append(r)
        return out, True
    out = []
    for r in rows(reports[_REPORT_COLUMNS]):
        pub = date.fromisoformat(r["published"]) if r.get("published") else None
        code, days = status_of({"doc_type": r.get("doc_type"), "published": pub, "found_on": r.get("found_on")}, year)
        missing = "、".join(CONTENT_ZH.get(k, k) for k in as_list(r.get("missing_contents")))
        zh = f"逾期{days}天公开" if code == "late" else STATUS_ZH[code]
        out.append({"unit": r.get("unit_name") or r.get("issuer") or "（未识别单位）", "level": r.get("level"),
                    "level_zh": _level(r.get("level")), "parent": r.get("county") or r.get("city") or r.get("province"),
                    "status": code, "status_zh": zh, "days_late": days, "published": r.get("published"),
                    "deficient": bool(missing) and code != "invalid", "missing_contents": missing if code != "invalid" else "",
                    "n_errors": r.get("n_errors"), "n_warnings": r.get("n_warnings"), "title": r.get("title"),
                    "sha256": r["sha256"], "source": r.get("source"), "note": "", "score": r.get("score_total")})
    return out, False


def counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    c = {k: 0 for k in STATUS_FILTERS}
    for r in rows:
        c[r["status"]] = c.get(r["status"], 0) + 1
        if r.get("deficient"):
            c["deficient"] += 1
    return c


def select(rows: list[dict[str, Any]], status: str | None = None, level: str | None = None, q: str | None = None,
           sort: str | None = None, order: str = "asc") -> list[dict[str, Any]]:
    """Filter by status (or deficient), level and a piece of the unit's name; sort by a column, empty values last."""
    out = rows
    if status == "deficient":
        out = [r for r in out if r.get("deficient")]
    elif status:
        out = [r for r in out if r["status"] == status]
    if level:
        out = [r for r in out if level in (r.get("level") or "", r.get("level_zh") or "")]
    if q:
        out = [r for r in out if q in (r.get("unit") or "") or q in (r.get("parent") or "") or q in (r.get("title") or "")]
    key = {"unit": lambda r: r.get("unit"), "level": lambda r: r.get("level_zh"),
           "status": lambda r: STATUS_ORDER.index(r["status"]) if r["status"] in STATUS_ORDER else 99,
           "published": lambda r: r.get("published"), "days_late": lambda r: r.get("days_late"),
           "missing": lambda r: r.get("missing_contents") or None, "n_errors": lambda r: r.get("n_errors"),
           "n_warnings": lambda r: r.get("n_warnings"), "score": lambda r: r.get("score"),
           "review": lambda r: REVIEW_ORDER.get(r.get("review") or "")}.get(sort or "")
    if key is not None:
        present, absent = [], []
        for r in out:
            v = key(r)
            (absent if v is None or (isinstance(v, float) and pd.isna(v)) else present).append(r)
        out = sorted(present, key=key, reverse=(order == "desc")) + absent
    return out
