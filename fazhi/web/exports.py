"""Exports as downloads: each is written by fazhi.export (the same code as `fazhi export`)
into a temporary directory, sent, and the directory removed after the response."""
from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse

from ..corpus import review
from ..export import TABLES, export

KINDS = {"xlsx": "审查结果（Excel）", "notice": "通报（Word）", "opinions": "审查意见（Word）", "csv": "数据表（CSV）"}
TABLE_ZH = {"reports": "报告", "findings": "问题", "figures": "数据", "panel": "面板数据", "status": "报送情况",
            "sections": "提纲"}
MEDIA = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".csv": "text/csv; charset=utf-8"}


def download(corpus, kind: str, year: int | None = None, table: str = "reports", unit: str | None = None,
             issuer: str | None = None, recipients: str | None = None, only_confirmed: bool = False,
             sha256: str | None = None) -> FileResponse:
    if kind not in KINDS:
        raise HTTPException(400, f"导出类型只能是：{'、'.join(KINDS)}")
    if kind == "csv" and table not in TABLES:
        raise HTTPException(400, f"数据表只能是：{'、'.join(TABLES)}")
    span = f"{year}年度" if year else "全部年度"
    who = f"{unit}_" if unit else ""
    if sha256 and not unit:
        names = corpus.reports(sha256=sha256)["unit_name"].tolist()
        who = f"{names[0]}_" if names and isinstance(names[0], str) else ""
    name = {"xlsx": f"审查结果_{who}{span}.xlsx", "notice": f"通报_{span}.docx", "opinions": f"审查意见_{who}{span}.docx",
            "csv": f"{table}_{span}.csv"}[kind]
    if kind == "opinions":
        _reviewed_only(corpus, year, unit, sha256)
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-export-"))
    path = tmp / ("out" + Path(name).suffix)
    opts: dict[str, Any] = {"year": year}
    if unit:
        opts["unit"] = unit
    if sha256:
        opts["sha256"] = sha256
    if kind == "opinions":
        opts["review_state"] = list(review.DONE)
    if kind in ("notice", "opinions"):
        opts.update(kind=kind, issuer=issuer or None, when=date.today(), include_undecided=not only_confirmed)
        if kind == "notice":
            opts["recipients"] = recipients or None
    if kind == "csv":
        opts["table"] = table
    try:
        written = export(corpus, path, **opts)
    except (ValueError, RuntimeError) as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise HTTPException(400, str(e)) from e
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return FileResponse(written[0], filename=name, media_type=MEDIA[Path(name).suffix],
                        background=BackgroundTask(shutil.rmtree, tmp, ignore_errors=True))


def _reviewed_only(corpus, year: int | None, unit: str | None, sha256: str | None = None) -> None:
    """An opinion (审查意见) is written only for a report whose review is finished: for any other
    it would tell the unit it has no problems when nobody has looked. Says which are not."""
    filters = {k: v for k, v in {"year": year, "unit": unit, "sha256": sha256}.items() if v is not None}
    reps = corpus.reports(doc_type="report", **filters)
    if reps.empty:
        return  # the export itself says there is nothing to write
    states = review.states(corpus, reps["sha256"].tolist())
    done = [s for s in reps["sha256"] if states.get(s, {}).get("state") in review.DONE]
    if done:
        return
    if unit or sha256:
        st = review.STATE_ZH[next(iter(states.values()))["state"]] if states else review.STATE_ZH["pending"]
        who = unit or (reps["unit_name"].iloc[0] if isinstance(reps["unit_name"].iloc[0], str) else "该单位")
        raise HTTPException(409, f"{who}的报告尚未审结（当前：{st}），审查意见只对已审的报告出具。"
                                 f"请在审查页面处理完问题后点“标为已审”，再导出审查意见")
    raise HTTPException(409, f"{year}年度还没有已审的报告（共{len(reps)}份），审查意见只对已审的报告出具。"
                             "请在审查页面标为“已审”后再导出" if year else
                        "还没有已审的报告，审查意见只对已审的报告出具。请在审查页面标为“已审”后再导出")
