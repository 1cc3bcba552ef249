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

from ..export import TABLES, export

KINDS = {"xlsx": "审查结果（Excel）", "notice": "通报（Word）", "opinions": "审查意见（Word）", "csv": "数据表（CSV）"}
TABLE_ZH = {"reports": "报告", "findings": "问题", "figures": "数据", "panel": "面板数据", "status": "报送情况",
            "sections": "提纲"}
MEDIA = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".csv": "text/csv; charset=utf-8"}


def download(corpus, kind: str, year: int | None = None, table: str = "reports", unit: str | None = None,
             issuer: str | None = None, recipients: str | None = None, only_confirmed: bool = False) -> FileResponse:
    if kind not in KINDS:
        raise HTTPException(400, f"导出类型只能是：{'、'.join(KINDS)}")
    if kind == "csv" and table not in TABLES:
        raise HTTPException(400, f"数据表只能是：{'、'.join(TABLES)}")
    span = f"{year}年度" if year else "全部年度"
    who = f"{unit}_" if unit else ""
    name = {"xlsx": f"审查结果_{who}{span}.xlsx", "notice": f"通报_{span}.docx", "opinions": f"审查意见_{who}{span}.docx",
            "csv": f"{table}_{span}.csv"}[kind]
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-export-"))
    path = tmp / ("out" + Path(name).suffix)
    opts: dict[str, Any] = {"year": year}
    if unit:
        opts["unit"] = unit
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
