"""What every list page does alike, as datasette does it: sort by any column (empty values last,
whichever the direction), page, and download the filtered list — all of it, not one page —
as CSV or XLSX with the Chinese headers the page shows. And each row's review state
(fazhi.corpus.review), which the report list and the status page show and filter by."""
from __future__ import annotations

import csv
import io
import math
from typing import Any, Callable, Sequence
from urllib.parse import quote, urlencode

from starlette.responses import Response

from ..corpus import review as rv

# the review-state filter of the lists: one state, or 未审结 / 已审结 together
STATE_FILTERS = {**rv.STATE_ZH, "open": "未审结（待审或审查中）", "done": "已审结（已审或意见已发）"}
STATE_ORDER = {s: i for i, s in enumerate(rv.STATES)}
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def review_filter(state: str) -> list[str] | None:
    """The states a list's 审查状态 filter stands for (None: no filter)."""
    if state == "open":
        return ["pending", "in_review"]
    if state == "done":
        return list(rv.DONE)
    return [state] if state in rv.STATE_ZH else None


def with_review(corpus, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row (one with a `sha256`) gets `review` (its state) and `review_zh`, `review_user`."""
    states = rv.states(corpus, [r["sha256"] for r in items if r.get("sha256") is not None])
    for r in items:
        if r.get("sha256") is None:  # a unit of the list that has not reported
            r.update(review=None, review_zh="", review_user=None)
            continue
        st = states.get(r["sha256"]) or {"state": "pending", "state_zh": rv.STATE_ZH["pending"], "user": None}
        r.update(review=st["state"], review_zh=st["state_zh"], review_user=st.get("user"))
    return items


def keep_states(items: list[dict[str, Any]], state: str) -> list[dict[str, Any]]:
    wanted = review_filter(state)
    return items if wanted is None else [r for r in items if r.get("review") in wanted]


def _empty(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


def sort_rows(items: list[dict[str, Any]], keys: dict[str, Callable[[dict[str, Any]], Any]], sort: str,
              order: str = "asc") -> list[dict[str, Any]]:
    """Sorted by the column `sort` (a key of `keys`); rows without a value stay at the end."""
    key = keys.get(sort)
    if key is None:
        return items
    present = [r for r in items if not _empty(key(r))]
    absent = [r for r in items if _empty(key(r))]
    return sorted(present, key=key, reverse=(order == "desc")) + absent


def paged(n: int, page: int, size: int) -> tuple[int, int, slice]:
    """(page, pages, the slice of rows) with the page kept inside the list."""
    pages = max(1, -(-n // size))
    page = min(max(page, 1), pages)
    return page, pages, slice((page - 1) * size, page * size)


def sort_links(path: str, base: dict[str, Any], columns: Sequence[str], sort: str, order: str) -> dict[str, str]:
    """For each sortable column, the address that sorts by it (again: the other direction)."""
    return {c: f"{path}?" + urlencode({**base, "sort": c, "order": "desc" if sort == c and order == "asc" else "asc"})
            for c in columns}


def _cell(v: Any) -> Any:
    if _empty(v):
        return None
    if isinstance(v, (list, tuple)):
        return "、".join(str(x) for x in v)
    return v


def download(items: list[dict[str, Any]], columns: dict[str, str], name: str, fmt: str) -> Response:
    """The rows as a CSV (UTF-8 with BOM, which Excel and WPS open as Chinese) or XLSX file;
    `columns` maps a row key to its Chinese header, in order."""
    keys = list(columns)
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(name[:31])
        ws.append([columns[k] for k in keys])
        for r in items:
            ws.append([_cell(r.get(k)) for k in keys])
        buf = io.BytesIO()
        wb.save(buf)
        body = buf.getvalue()
    else:
        fmt = "csv"
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow([columns[k] for k in keys])
        for r in items:
            w.writerow(["" if _cell(r.get(k)) is None else _cell(r.get(k)) for k in keys])
        body = ("\ufeff" + out.getvalue()).encode("utf-8")
    filename = f"{name}.{fmt}"
    return Response(body, media_type=FORMATS[fmt],
                    headers={"content-disposition": f"attachment; filename*=utf-8''{quote(filename)}"})
