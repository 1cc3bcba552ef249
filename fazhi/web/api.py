"""The REST API under /api: the corpus and the pipeline for scripts and other systems.

Every response is JSON (exports and charts excepted), with the field names of the analysis
record (spec/output.md) and of the corpus tables (docs/corpus.md), and Chinese messages
in `detail` on errors. The OpenAPI schema is at /api/openapi.json.
"""
from __future__ import annotations

import hmac
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from ..checks.registry import specs
from ..corpus import review
from ..corpus.roster import RegistryError
from ..pipeline import analyze_document
from ..read import read_bytes
from ..understand.indicators import taxonomy
from . import uploads
from .accounts import User
from .auth import COOKIE, AdminWrite, Reader, ReviewerWrite, session_of
from .comparison import check_args, comparison, parse_years
from .db import will_change
from .exports import download
from .fmt import rows
from .review import find_finding

router = APIRouter(prefix="/api")


def ws(request: Request):
    return request.app.state.ws


def corpus(request: Request):
    return request.app.state.ws.holder.get()


class LoginIn(BaseModel):
    username: str
    password: str


class LoginOut(BaseModel):
    token: str = Field(description="会话令牌：以 Authorization: Bearer <令牌> 调用 API")
    csrf_token: str = Field(description="以 Cookie 会话调用写操作时放在 X-CSRF-Token 请求头中")
    user: str
    role: str


class DecisionIn(BaseModel):
    check: str
    start: int | None = None
    end: int | None = None
    message: str = Field(description="问题说明，与报告记录中的 message 完全一致")
    decision: Literal["confirmed", "dismissed"]
    comment: str | None = Field(None, max_length=4000)


class ReopenIn(BaseModel):
    check: str
    start: int | None = None
    end: int | None = None
    message: str = Field(description="问题说明，与报告记录中的 message 完全一致")


class StateIn(BaseModel):
    state: Literal["pending", "in_review", "reviewed", "sent"] = Field(
        description="pending 待审、in_review 审查中、reviewed 已审、sent 意见已发")


class NoteIn(BaseModel):
    start: int = Field(description="所批注文字在正文中的起始位置（字符）")
    end: int = Field(description="结束位置（不含）")
    severity: Literal["error", "warning", "info"] = "warning"
    message: str = Field(max_length=4000, description="批注内容")


def _filters(year: int | None = None, years: str | None = None, level: str | None = None,
             province: str | None = None, city: str | None = None, county: str | None = None,
             unit: str | None = None, doc_type: str | None = None,
             review_state: Annotated[str | None, Query(description="审查状态：pending、in_review、reviewed、sent，"
                                                                   "可用逗号分隔多个")] = None) -> dict[str, Any]:
    """The report filters every listing takes (see docs/corpus.md)."""
    states = [s.strip() for s in review_state.split(",") if s.strip()] if review_state else None
    if states and not set(states) <= set(review.STATES):
        raise HTTPException(400, "审查状态只能是：pending（待审）、in_review（审查中）、reviewed（已审）、sent（意见已发）")
    f = {"year": year, "years": parse_years(years), "level": level, "province": province, "city": city,
         "county": county, "unit": unit, "doc_type": doc_type, "review_state": states}
    return {k: v for k, v in f.items() if v is not None}



Filters = Annotated[dict, Depends(_filters)]

# -- session -------------------------------------------------------------------------------

@router.post("/login", response_model=LoginOut, summary="登录，取得会话令牌")
def login(body: LoginIn, request: Request) -> Any:
    will_change(request)  # the corpus is not touched: the kept pages stay
    w = ws(request)
    keys = (body.username, request.client.host if request.client else "")
    if w.throttle.blocked(*keys):
        raise HTTPException(429, "登录失败次数过多，请15分钟后再试")
    user = w.accounts.authenticate(body.username, body.password)
    if user is None:
        w.throttle.fail(*keys)
        raise HTTPException(401, "用户名或密码错误")
    w.throttle.succeeded(keys[0])
    sess = w.accounts.start_session(user)
    return LoginOut(token=sess.token, csrf_token=sess.csrf, user=user.name, role=user.role)


@router.post("/logout", summary="结束会话")
def logout(request: Request) -> Any:
    will_change(request)
    sess = session_of(request)
    if sess is None:
        raise HTTPException(401, "请先登录")
    if request.state.auth_via == "cookie":
        token = request.headers.get("x-csrf-token") or ""
        if not hmac.compare_digest(token, sess.csrf):
            raise HTTPException(403, "缺少或错误的 CSRF 令牌")
    ws(request).accounts.end_session(sess.token)
    resp = JSONResponse({"ok": True})
    resp.delete_cookie(COOKIE, path="/")
    return resp


@router.get("/me", summary="当前用户")
def me(request: Request, user: Reader) -> dict[str, Any]:
    sess = session_of(request)
    return {"user": user.name, "role": user.role, "role_zh": user.role_zh, "anonymous": user.anonymous,
            "csrf_token": sess.csrf if sess else None}


# -- analysis ---------------------------------------------------------------------------------

@router.post("/analyze", summary="分析一个文件（不入库），返回与 fazhi analyze --format json 相同的分析记录列表")
def analyze(request: Request, user: ReviewerWrite, file: Annotated[UploadFile, File(description="报告文件（任何支持的格式或压缩包）")],
            include_text: Annotated[bool, Form()] = False) -> list[dict[str, Any]]:
    data = file.file.read()
    name = uploads.safe_name(file.filename)
    settings = ws(request).jobs.settings
    return [analyze_document(doc).to_dict(include_text) for doc in read_bytes(data, name, settings)]


# -- reports ----------------------------------------------------------------------------------

@router.get("/stats", summary="语料库概况")
def stats(request: Request, user: Reader) -> dict[str, Any]:
    s = corpus(request).stats()
    s.pop("path", None)
    return s


@router.get("/reports", summary="报告列表（可按年度、层级、地区、单位筛选）")
def reports(request: Request, user: Reader, f: Filters, limit: Annotated[int, Query(ge=1, le=10000)] = 100,
            offset: Annotated[int, Query(ge=0)] = 0) -> list[dict[str, Any]]:
    return rows(corpus(request).reports(limit=limit, offset=offset, **f))


def _record(request: Request, sha256: str, include_text: bool = True) -> dict[str, Any]:
    rec = corpus(request).report(sha256, include_text=include_text)
    if rec is None:
        raise HTTPException(404, f"没有找到这份报告（文件指纹 {sha256[:16]}），请回到报告列表重新选择")
    return rec


@router.get("/reports/{sha256}", summary="一份报告的分析记录（含跨报告问题、审查结论和全文）")
def report(request: Request, user: Reader, sha256: str, include_text: bool = True) -> dict[str, Any]:
    return _record(request, sha256, include_text)


@router.get("/reports/{sha256}/sections", summary="一份报告的提纲")
def sections(request: Request, user: Reader, sha256: str) -> list[dict[str, Any]]:
    _record(request, sha256, False)
    return rows(corpus(request).sections(sha256))


@router.get("/reports/{sha256}/figures", summary="一份报告的数据")
def report_figures(request: Request, user: Reader, sha256: str) -> list[dict[str, Any]]:
    return _record(request, sha256, False).get("figures") or []


@router.get("/reports/{sha256}/findings", summary="一份报告的问题（含审查结论）")
def report_findings(request: Request, user: Reader, sha256: str) -> list[dict[str, Any]]:
    return _record(request, sha256, False).get("findings") or []


@router.post("/reports/{sha256}/decisions", summary="对一个问题作出审查结论（确认或排除，可附意见）")
def decide(request: Request, user: ReviewerWrite, sha256: str, body: DecisionIn) -> dict[str, Any]:
    return record_decision(request, sha256, body.check, body.start, body.end, body.message, body.decision,
                           body.comment, user)


def _machine_finding(request: Request, sha256: str, check: str, start: int | None, end: int | None,
                     message: str) -> dict[str, Any]:
    rec = _record(request, sha256, False)
    if check == review.NOTE_CHECK:
        raise HTTPException(400, "批注是审查人自己的意见，不需要确认或排除；不再需要时请删除批注")
    if find_finding(rec, check, start, end, message) is None:
        raise HTTPException(404, "该报告中没有这个问题（报告可能已重新分析，请刷新页面）")
    return rec


def record_decision(request: Request, sha256: str, check: str, start: int | None, end: int | None, message: str,
                    decision: str, comment: str | None, user: User) -> dict[str, Any]:
    """Store a decision on a finding the report really has (shared by the page and the API)."""
    will_change(request, sha256)
    _machine_finding(request, sha256, check, start, end, message)
    w = ws(request)
    with w.holder.write_lock:
        corpus(request).decide(sha256, check, start, end, message, decision, comment=(comment or "").strip() or None,
                               user=user.name)
    return _after_change(request, sha256, find_finding(_record(request, sha256, False), check, start, end, message))


def _after_change(request: Request, sha256: str, finding: dict[str, Any] | None) -> dict[str, Any]:
    """What a page needs after a change, to update itself without reloading: the finding, the
    report's review state and its progress (handled of all findings)."""
    rec = _record(request, sha256, False)
    done, total = review.progress(rec.get("findings") or [])
    st = review.state(corpus(request), sha256)
    return {**(finding or {}), "review": {**jsonable_state(st), "handled": done, "total": total}}


def jsonable_state(st: dict[str, Any]) -> dict[str, Any]:
    return {**st, "changed_at": st["changed_at"].isoformat() if st.get("changed_at") else None}


def reopen_decision(request: Request, sha256: str, check: str, start: int | None, end: int | None, message: str,
                    user: User) -> dict[str, Any]:
    """Undo a decision (shared by the page and the API)."""
    will_change(request, sha256)
    _machine_finding(request, sha256, check, start, end, message)
    with ws(request).holder.write_lock:
        review.reopen(corpus(request), sha256, check, start, end, message, user=user.name)
    return _after_change(request, sha256, find_finding(_record(request, sha256, False), check, start, end, message))


@contextmanager
def _review_write(request: Request, sha256: str, refused: int = 400) -> Iterator[None]:
    """A change to a stored report's review: the report must exist, writes are serialised, and
    a change the review refuses (an unknown state, a note that is not there) answers `refused`
    with the review's own Chinese message."""
    will_change(request, sha256)
    _record(request, sha256, False)
    try:
        with ws(request).holder.write_lock:
            yield
    except review.ReviewError as e:
        raise HTTPException(refused, str(e)) from e


def change_state(request: Request, sha256: str, state: str, user: User) -> dict[str, Any]:
    with _review_write(request, sha256):
        review.set_state(corpus(request), sha256, state, user.name)
    return _after_change(request, sha256, None)["review"]


def add_note(request: Request, sha256: str, start: int, end: int, severity: str, message: str,
             user: User) -> dict[str, Any]:
    with _review_write(request, sha256):
        note_id = review.add_note(corpus(request), sha256, start, end, severity, message, user.name)
    note = next((f for f in _record(request, sha256, False)["findings"] if f.get("note_id") == note_id), None)
    return _after_change(request, sha256, note)


def remove_note(request: Request, sha256: str, note_id: int, user: User) -> dict[str, Any]:
    with _review_write(request, sha256, refused=404):
        review.remove_note(corpus(request), sha256, note_id, user.name)
    return _after_change(request, sha256, None)["review"]


@router.post("/reports/{sha256}/reopen", summary="撤销对一个问题的审查结论（恢复为未处理）")
def reopen(request: Request, user: ReviewerWrite, sha256: str, body: ReopenIn) -> dict[str, Any]:
    return reopen_decision(request, sha256, body.check, body.start, body.end, body.message, user)


@router.post("/reports/{sha256}/state", summary="设置报告的审查状态（待审、审查中、已审、意见已发）")
def set_state(request: Request, user: ReviewerWrite, sha256: str, body: StateIn) -> dict[str, Any]:
    return change_state(request, sha256, body.state, user)


@router.get("/reports/{sha256}/history", summary="一份报告的审查记录（结论、撤销、批注、状态变化，按时间先后）")
def report_history(request: Request, user: Reader, sha256: str) -> list[dict[str, Any]]:
    _record(request, sha256, False)
    return [{k: (v.isoformat() if k == "at" and v is not None else v) for k, v in h.items()}
            for h in review.history(corpus(request), sha256)]


@router.post("/reports/{sha256}/notes", summary="在正文的一段文字上添加批注（审查人自己发现的问题）")
def create_note(request: Request, user: ReviewerWrite, sha256: str, body: NoteIn) -> dict[str, Any]:
    return add_note(request, sha256, body.start, body.end, body.severity, body.message, user)


@router.delete("/reports/{sha256}/notes/{note_id}", summary="删除一条批注")
def delete_note(request: Request, user: ReviewerWrite, sha256: str, note_id: int) -> dict[str, Any]:
    return remove_note(request, sha256, note_id, user)


class SettingsIn(BaseModel):
    issuer: str | None = Field(None, max_length=100, description="落款单位（审查单位名称）；空字符串为清除")
    recipients: str | None = Field(None, max_length=300, description="主送单位；空字符串为清除")


@router.get("/settings", summary="通报和审查意见的落款、主送")
def get_settings(request: Request, user: Reader) -> dict[str, Any]:
    return {k: {**v, "updated_at": v["updated_at"].isoformat() if v.get("updated_at") else None}
            for k, v in corpus(request).settings().items()}


@router.post("/settings", summary="设置落款、主送（管理员；只改给出的项）")
def put_settings(request: Request, user: AdminWrite, body: SettingsIn) -> dict[str, Any]:
    c = corpus(request)
    with ws(request).holder.write_lock:
        for key, value in body.model_dump(exclude_unset=True).items():
            c.set_setting(key, value, user.name)
    return get_settings(request, user)


@router.get("/review", summary="各年度报告的审查进度（待审、审查中、已审、意见已发的份数）")
def review_counts(request: Request, user: Reader) -> dict[str, Any]:
    return {str(y): c for y, c in review.year_counts(corpus(request)).items()}


@router.get("/figures", summary="数据（每个数字一行，含原文）")
def figures(request: Request, user: Reader, f: Filters, indicator: str | None = None,
            kind: str | None = None, limit: Annotated[int, Query(ge=1, le=200000)] = 10000) -> list[dict[str, Any]]:
    return rows(corpus(request).figures(indicator=indicator, kind=kind, **f).head(limit))


@router.get("/findings", summary="问题（含原文和审查结论）")
def findings(request: Request, user: Reader, f: Filters, check: str | None = None,
             severity: str | None = None, origin: str | None = None,
             decision: Literal["confirmed", "dismissed", "undecided"] | None = None,
             limit: Annotated[int, Query(ge=1, le=200000)] = 10000) -> list[dict[str, Any]]:
    df = corpus(request).findings(check=check, severity=severity, origin=origin, decision=decision, **f)
    return rows(df.drop(columns=["message_hash"]).head(limit))


@router.get("/decisions", summary="审查结论")
def decisions(request: Request, user: Reader, sha256: str | None = None) -> list[dict[str, Any]]:
    return rows(corpus(request).decisions(sha256))


@router.get("/checks", summary="全部检查项")
def checks(user: Reader) -> list[dict[str, Any]]:
    return [{"id": s.id, "severity": s.severity, "family": s.family, "name": s.name, "description": s.description}
            for s in specs().values()]


@router.get("/indicators", summary="指标编号和名称")
def indicators(user: Reader) -> list[dict[str, str]]:
    return [{"id": k, "zh": v} for k, v in taxonomy().names.items()]


@router.get("/search", summary="全文检索（多个词用空格分开）")
def search(request: Request, user: Reader, q: Annotated[str, Query(min_length=1, max_length=200)],
           year: int | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    w = ws(request)
    with w.holder.search_lock:
        df = corpus(request).search(q, limit=limit, **({"year": year} if year else {}))
    return rows(df)


# -- status and the list of units --------------------------------------------------------------

@router.get("/status", summary="各单位某年度报告的报送情况（需已载入单位名单）")
def status(request: Request, user: Reader, year: int, today: date | None = None) -> list[dict[str, Any]]:
    try:
        return rows(corpus(request).status(year, today=today))
    except RegistryError as e:
        raise HTTPException(409, str(e)) from e


@router.get("/units", summary="已载入的单位名单")
def units(request: Request, user: Reader) -> list[dict[str, Any]]:
    return rows(corpus(request).units())


@router.post("/registry", summary="载入单位名单（CSV 或 XLSX），替换原名单")
def registry(request: Request, user: ReviewerWrite, file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    return {"units": load_registry(request, file)}


def load_registry(request: Request, file: UploadFile) -> int:
    name = uploads.safe_name(file.filename)
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-registry-"))
    try:
        path = tmp / name
        with open(path, "wb") as w:
            shutil.copyfileobj(file.file, w)
        wsp = ws(request)
        with wsp.holder.write_lock:
            return corpus(request).load_registry(path)
    except RegistryError as e:
        raise HTTPException(400, str(e)) from e
    except Exception as e:  # a damaged XLSX raises whatever openpyxl raises
        raise HTTPException(400, f"单位名单无法读取：{type(e).__name__}: {e}") from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# -- comparisons ---------------------------------------------------------------------------

Group = Literal["jurisdiction", "level", "province", "city", "county"]


@router.get("/compare", summary="按单位、层级或地区和年度比较一个指标")
def compare(request: Request, user: Reader, indicator: str, by: Group = "jurisdiction", years: str | None = None,
            agg: str | None = None, level: str | None = None, province: str | None = None,
            city: str | None = None) -> list[dict[str, Any]]:
    check_args(indicator, by, agg)
    df = corpus(request).compare(indicator, by=by, years=parse_years(years), agg=agg, wide=False,
                                 **{k: v for k, v in {"level": level, "province": province, "city": city}.items() if v})
    return rows(df)


@router.get("/compare/rank", summary="某年度的排名")
def rank(request: Request, user: Reader, indicator: str, year: int, by: Group = "jurisdiction",
         ascending: bool = False) -> list[dict[str, Any]]:
    check_args(indicator, by, None)
    return rows(corpus(request).rank(indicator, year, by=by, ascending=ascending))


@router.get("/compare/changes", summary="各单位的逐年变化")
def changes(request: Request, user: Reader, indicator: str, years: str | None = None) -> list[dict[str, Any]]:
    check_args(indicator, "jurisdiction", None)
    return rows(corpus(request).changes(indicator, years=parse_years(years)))


@router.get("/compare/outliers", summary="明显偏离同级单位的数值")
def outliers(request: Request, user: Reader, indicator: str | None = None,
             years: str | None = None) -> list[dict[str, Any]]:
    if indicator is not None:
        check_args(indicator, "jurisdiction", None)
    return rows(corpus(request).outliers(indicator, years=parse_years(years)))


@router.get("/charts/compare.svg", summary="比较图（SVG）", response_class=Response)
def chart(request: Request, user: Reader, indicator: str, by: Group = "jurisdiction", years: str | None = None,
          agg: str | None = None, chart: Literal["bar", "line"] = "bar", year: int | None = None,
          top: Annotated[int, Query(ge=1, le=100)] = 20, level: str | None = None, province: str | None = None,
          city: str | None = None) -> Response:
    c = comparison(corpus(request), indicator, by=by, years=parse_years(years), agg=agg, chart=chart, year=year,
                   top=top, level=level, province=province, city=city)
    return Response(c["svg"], media_type="image/svg+xml; charset=utf-8")


# -- exports ---------------------------------------------------------------------------------

@router.get("/exports/{kind}", summary="导出：xlsx（审查结果）、notice（通报）、opinions（审查意见）、csv（数据表）",
            response_class=Response)
def exports(request: Request, user: Reader, kind: Literal["xlsx", "notice", "opinions", "csv"], year: int | None = None,
            table: str = "reports", unit: str | None = None,
            issuer: Annotated[str | None, Query(max_length=100)] = None,
            recipients: Annotated[str | None, Query(max_length=300)] = None, only_confirmed: bool = False,
            sha256: Annotated[str | None, Query(max_length=64)] = None) -> Response:
    return download(corpus(request), kind, year=year, table=table, unit=unit, issuer=issuer, recipients=recipients,
                    only_confirmed=only_confirmed, sha256=sha256)


# -- jobs --------------------------------------------------------------------------------------

@router.post("/jobs", status_code=202, summary="上传文件（可多个，可为压缩包）和/或网址，后台入库；返回任务")
def create_job(request: Request, user: ReviewerWrite, files: Annotated[list[UploadFile] | None, File()] = None,
               urls: Annotated[str, Form()] = "") -> dict[str, Any]:
    return submit_job(request, files or [], urls, user)


def submit_job(request: Request, files: list[UploadFile], urls: str, user: User) -> dict[str, Any]:
    """Save the files, check the URLs and queue the batch (shared by the page and the API)."""
    w = ws(request)
    url_list = uploads.parse_urls(urls)
    chosen = [f for f in files if f.filename]  # a file input left empty sends a part without a name
    if not chosen and not url_list:
        raise HTTPException(400, "没有选择文件，也没有填写网址")
    dest = w.config.uploads_dir / f"{date.today().isoformat()}-{secrets.token_hex(4)}"
    inputs = uploads.save([(f.filename, f.file) for f in chosen], dest, w.config.max_upload_bytes) if chosen else []
    inputs += [{"url": u} for u in url_list]
    job_id = w.jobs.submit(user.name, inputs)
    return w.jobs.get(job_id)


@router.get("/jobs", summary="入库任务列表")
def jobs(request: Request, user: Reader, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    return ws(request).jobs.list(limit)


@router.get("/jobs/{job_id}", summary="一个入库任务的进度和结果")
def job(request: Request, user: Reader, job_id: int) -> dict[str, Any]:
    j = ws(request).jobs.get(job_id)
    if j is None:
        raise HTTPException(404, f"没有编号为{job_id}的任务")
    return j
