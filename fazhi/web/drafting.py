"""The drafter's pages: 起草 (the ledger template and the draft built from it) and 提交前检查
(a report checked before it goes up, findings shown in its text). Nothing here is stored in
the corpus: a draft is the unit's own business until it is published.

The same functions as `fazhi draft template`, `fazhi draft write` and `fazhi draft check`,
so a drafter gets the same draft and the same findings from the browser as from the CLI.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ..data.labels import LEVEL_ZH
from ..draft import LEVELS, LedgerError, compose, read_ledger, write_docx, write_template
from ..draft.ledger import Ledger
from ..pipeline import analyze_document, analyze_text
from ..read import read_bytes
from ..settings import DEFAULT
from .auth import Reader, ViewerWrite
from .highlight import Mark, segments
from .review import findings_view

router = APIRouter(include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_LEDGER_BYTES = 5 * 1024 * 1024
MAX_CHECK_BYTES = 50 * 1024 * 1024
MAX_PASTE_CHARS = 500_000


def _signed_in(user) -> None:
    if user.anonymous:
        raise HTTPException(401, "请先登录")


def _render(request: Request, template: str, status_code: int = 200, **ctx: Any) -> Response:
    from .pages import render

    return render(request, template, status_code=status_code, nav=ctx.pop("nav", "draft"), **ctx)


def _download(data: bytes, name: str, media: str) -> Response:
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or not 1990 <= int(value) <= 2100:
        raise LedgerError(f"报告年度应为四位年份，如2024，而不是“{value}”")
    return int(value)


def _previous(request: Request, unit: str | None, year: int | None) -> dict[str, tuple[float, str]]:
    """Last year's figures of the unit from the workspace's own corpus (the ledger's 上年度 column)."""
    if not unit or not year:
        return {}
    from ..draft.ledger import figures_of

    return figures_of(request.app.state.ws.holder.get(), unit, year)


@router.get("/draft")
def draft_page(request: Request, user: Reader) -> Response:
    _signed_in(user)
    return _render(request, "draft.html", levels=[(k, LEVEL_ZH[k]) for k in LEVELS], form={}, error=None)


@router.get("/draft/template.xlsx")
def draft_template(request: Request, user: Reader, level: str = "", unit: str = "", year: str = "") -> Response:
    _signed_in(user)
    form = {"level": level, "unit": unit, "year": year}
    levels = [(k, LEVEL_ZH[k]) for k in LEVELS]
    try:
        if level not in LEVELS:
            raise LedgerError("请选择层级")
        y = _year(year)
        previous = _previous(request, unit.strip() or None, y)
        with tempfile.TemporaryDirectory() as tmp:
            path = write_template(Path(tmp) / "台账.xlsx", level, unit=unit.strip() or None, year=y,
                                  previous=previous)
            data = path.read_bytes()
    except LedgerError as e:
        return _render(request, "draft.html", 400, levels=levels, form=form, error=str(e))
    name = f"{unit.strip() or LEVEL_ZH[level]}{y or ''}年度法治政府建设台账.xlsx"
    return _download(data, name, XLSX)


@router.post("/draft")
async def draft_write(request: Request, user: ViewerWrite) -> Response:
    _signed_in(user)
    form = await request.form(max_files=2)
    fields = {k: (form.get(k) if isinstance(form.get(k), str) else "") for k in ("unit", "level", "year")}
    levels = [(k, LEVEL_ZH[k]) for k in LEVELS]
    upload = form.get("ledger")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise LedgerError("请选择填好的台账文件（.xlsx）")
        data = await upload.read(MAX_LEDGER_BYTES + 1)
        if len(data) > MAX_LEDGER_BYTES:
            raise LedgerError("台账文件超过 5 MB，请确认选择的是 fazhi 台账")
        level = fields["level"] or None
        if level is not None and level not in LEVELS:
            raise LedgerError("层级无效，请重新选择")
        year = _year(fields["year"])
        doc = await run_in_threadpool(_build, request, data, fields["unit"].strip() or None, level, year)
    except LedgerError as e:
        return _render(request, "draft.html", 400, levels=levels, form=fields, error=str(e))
    draft, body = doc
    return _download(body, f"{draft.title}（草稿）.docx", DOCX)


def _build(request: Request, data: bytes, unit: str | None, level: str | None, year: int | None):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "ledger.xlsx"
        src.write_bytes(data)
        ledger: Ledger = read_ledger(src)
        prev = _previous(request, unit or ledger.unit, year or ledger.year)
        for ind, (value, q) in prev.items():
            e = ledger.entries.get(ind)
            if e is not None and e.previous is None:
                e.previous, e.previous_source = value, q
        draft = compose(ledger, unit=unit, level=level, year=year)
        out = write_docx(draft, Path(tmp) / "draft.docx")
        return draft, out.read_bytes()


@router.get("/precheck")
def precheck_page(request: Request, user: Reader) -> Response:
    _signed_in(user)
    return _render(request, "precheck.html", nav="precheck", result=None, error=None, pasted="")


@router.post("/precheck")
async def precheck(request: Request, user: ViewerWrite) -> Response:
    """Analyse a file or pasted text (never stored) and show the findings where they stand."""
    _signed_in(user)
    form = await request.form(max_files=2)
    pasted = form.get("text") if isinstance(form.get("text"), str) else ""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_CHECK_BYTES + 1)
        if len(data) > MAX_CHECK_BYTES:
            return _render(request, "precheck.html", 400, nav="precheck", result=None, pasted=pasted,
                           error="文件超过 50 MB，无法在此检查")
        reports = await run_in_threadpool(
            lambda: [analyze_document(d) for d in read_bytes(data, upload.filename, DEFAULT)])
    elif pasted.strip():
        if len(pasted) > MAX_PASTE_CHARS:
            return _render(request, "precheck.html", 400, nav="precheck", result=None, pasted="",
                           error=f"粘贴的文字超过 {MAX_PASTE_CHARS:,} 字，请改为上传文件")
        reports = [await run_in_threadpool(analyze_text, pasted, "粘贴的文字")]
    else:
        return _render(request, "precheck.html", 400, nav="precheck", result=None, pasted=pasted,
                       error="请选择报告文件，或把报告全文粘贴到文本框中")
    return _render(request, "precheck.html", nav="precheck", pasted=pasted if not upload or not getattr(
        upload, "filename", "") else "", error=None, result=[_view(r.to_dict(include_text=True)) for r in reports])


def _view(rec: dict[str, Any]) -> dict[str, Any]:
    text = rec.get("text") or ""
    findings = findings_view(rec, text)
    marks = [Mark(f["start"], f["end"], "f", str(f["idx"]), severity=f["severity"], title=f["message"])
             for f in findings if f["start"] is not None and f["end"] is not None]
    anchors = [(f["start"], f"f-{f['idx']}") for f in findings if f["start"] is not None]
    md = rec.get("metadata") or {}
    prompts = sum(1 for f in findings if f["check"] == "draft_prompt")
    errors = sum(1 for f in findings if f["severity"] == "error")
    return {"source": rec.get("source"), "title": md.get("title"), "issuer": md.get("issuer") or md.get("jurisdiction"),
            "year": md.get("report_year"), "level_zh": LEVEL_ZH.get(md.get("level"), ""),
            "contents": rec.get("required_contents") or {}, "findings": findings, "prompts": prompts,
            "errors": errors, "segments": segments(text, marks, anchors), "chars": len(text)}
