"""The web workspace application: `create_app(WebConfig(db=...))` builds it; `fazhi serve` runs it.

It holds one corpus (fazhi.web.db), the side file of accounts, sessions and jobs
(fazhi.web.accounts, fazhi.web.jobs), and serves the reviewer's pages (fazhi.web.pages)
and the REST API under /api (fazhi.web.api), both over the same corpus and pipeline as
the command line. docs/web.md describes routes, roles and the security model.
"""
from __future__ import annotations

import re
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..corpus.replica import Publisher
from .accounts import ROLE_ZH, Accounts
from .auth import Throttle
from .config import WebConfig
from .db import CorpusHolder, ReplicaHolder
from .fmt import cn_date, cn_datetime, cn_number
from .jobs import JobLog, Jobs
from .middleware import PublishAfterWrite, ToWriter
from .uploads import BodyLimit

HERE = Path(__file__).parent
UPLOAD_PATHS = ("/upload", "/api/jobs", "/api/analyze", "/registry", "/api/registry")
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


@dataclass
class Workspace:
    """Everything a request may need, on `app.state.ws`."""

    config: WebConfig
    accounts: Accounts
    holder: "CorpusHolder | ReplicaHolder"
    jobs: JobLog
    templates: Jinja2Templates
    throttle: Throttle


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """Headers every response carries: no inline script or style, no framing, no sniffing, no caching of pages."""
    headers = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"x-frame-options", b"DENY"), (b"referrer-policy", b"same-origin")]
    if not path.startswith("/static/"):
        headers.append((b"cache-control", b"no-store"))
    return headers


class SecurityHeaders:
    """Adds `security_headers` to every response the application sends. An unhandled exception's 500
    is sent by Starlette's outermost error middleware, outside this one: `server_error` adds them there."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope["path"])

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in extra if h[0] not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


def _templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(HERE / "templates"))
    t.env.autoescape = True  # every template, whatever its name: report text is hostile input
    # the templates ship with the package and change only with it (a restart): without this, every
    # get_template, one or two a page even when its body is kept, looked at the files' times on disk
    t.env.auto_reload = False
    t.env.filters.update(cn_date=cn_date, cn_datetime=cn_datetime, cn_number=cn_number)
    t.env.globals.update(ROLE_ZH=ROLE_ZH, version=__version__)
    return t


# What the framework answers in English, said in Chinese (the starlette/FastAPI texts, matched loosely)
_ENGLISH = [
    (re.compile(r"Too many files\. Maximum number of files is (\d+)"), "一次最多上传 {0} 个文件，请分批上传，或打包成压缩包后上传"),
    (re.compile(r"Too many fields\. Maximum number of fields is (\d+)"), "表单字段过多（最多 {0} 个）"),
    (re.compile(r"exceeded maximum size of (\d+)\s*KB"), "表单中的一项超过 {0} KB 的上限"),
    (re.compile(r"error parsing the body|Missing boundary|Invalid", re.I), "请求内容无法解析，请检查上传的文件或表单"),
]
_STATUS_ZH = {400: "请求有误", 401: "请先登录", 403: "没有权限", 404: "页面或资源不存在", 405: "不支持该请求方法",
              413: "上传内容过大", 415: "不支持的内容类型", 429: "请求过于频繁，请稍后再试"}


def chinese_detail(detail: str, status: int) -> str:
    """`detail` when it is already Chinese; the framework's English messages in Chinese."""
    if re.search(r"[\u4e00-\u9fff]", detail):
        return detail
    for pattern, zh in _ENGLISH:
        m = pattern.search(detail)
        if m:
            return zh.format(*m.groups())
    return _STATUS_ZH.get(status, f"请求未能完成（状态码 {status}）")


# API downloads the pages link to: a reviewer who clicks one and gets an error (an opinion for a
# report not yet reviewed) reads it as a page, not as JSON
DOWNLOADS = ("/api/exports/", "/api/charts/")


def _wants_json(request: Request) -> bool:
    html = "text/html" in request.headers.get("accept", "")
    if request.url.path.startswith(DOWNLOADS) and html:
        return False
    return request.url.path.startswith("/api/") or not html


def _after_write(holder: CorpusHolder, publisher: Publisher | None):
    """What follows a write request: the reviewers' tables published for the readers when there are
    any, and a new version of what this process reads — of the reports the request changed (their
    kept pages are stale, the others' stay), or of everything (`changed` None). Nothing when the
    request changed nothing in the corpus (signing in)."""
    def after(changed: frozenset[str] | None) -> None:
        if changed is not None and not changed:
            return
        if publisher is not None:
            publisher.publish_live(changed)
        holder.bump(changed)
    return after


def _after_job(holder: CorpusHolder, publisher: Publisher | None):
    """What follows an upload job's storing of documents: a new version, and the whole corpus published."""
    def after() -> None:
        if publisher is not None:
            publisher.publish_base()
        holder.bump()
    return after


def create_app(config: WebConfig) -> FastAPI:
    publisher: Publisher | None = None
    jobs: JobLog
    if config.role == "reader":
        holder: CorpusHolder | ReplicaHolder = ReplicaHolder(config.replicas_dir)
        accounts = Accounts(config.accounts_path, session_hours=config.session_hours)
        jobs = JobLog(config.accounts_path, allow_private_urls=config.allow_private_urls)
    else:
        holder = CorpusHolder(config.db)  # first: a locked or foreign file stops here, before any side file is made
        if config.role == "writer":
            publisher = Publisher(holder.main, config.replicas_dir)
            publisher.publish_base()
        accounts = Accounts(config.accounts_path, session_hours=config.session_hours)
        jobs = Jobs(config.accounts_path, holder, allow_private_urls=config.allow_private_urls, workers=config.workers,
                    after=_after_job(holder, publisher))
    ws = Workspace(config, accounts, holder, jobs, _templates(), Throttle())

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if not isinstance(jobs, Jobs) or jobs.stop():
            holder.close()
        # else the job thread still writes through its own cursor: closing the database under it
        # would fail its batch; the process exit ends both, and the job resumes at the next start

    app = FastAPI(title="fazhi 法治政府建设年度报告审查工作台 API", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="与命令行 `fazhi` 相同的分析流程和语料库。认证：先 POST /api/login 取得令牌，"
                              "之后以 `Authorization: Bearer <令牌>` 调用；用浏览器会话（Cookie）调用写操作时需带 "
                              "`X-CSRF-Token` 请求头。")
    app.state.ws = ws
    if isinstance(holder, CorpusHolder):
        app.add_middleware(PublishAfterWrite, publish=_after_write(holder, publisher))
    if config.role == "reader":
        app.add_middleware(ToWriter, socket_path=config.writer_socket)
    app.add_middleware(BodyLimit, upload_paths=UPLOAD_PATHS, upload_limit=config.max_upload_bytes,
                       form_limit=config.max_form_bytes)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = chinese_detail(exc.detail if isinstance(exc.detail, str) else str(exc.detail), exc.status_code)
        if _wants_json(request):
            headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)
        if exc.status_code == 401:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        return ws.templates.TemplateResponse(request, "error.html", _page_context(request, exc.status_code, detail),
                                             status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        fields = "、".join(dict.fromkeys(_field_zh(e) for e in exc.errors()))
        detail = f"请求参数有误：{fields}"
        if _wants_json(request):
            return JSONResponse({"detail": detail, "errors": jsonable(exc.errors())}, status_code=422)
        return ws.templates.TemplateResponse(request, "error.html", _page_context(request, 400, detail),
                                             status_code=400)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        # Starlette logs the traceback after this response is sent; the user gets Chinese, not a stack
        detail = f"服务器内部错误（{type(exc).__name__}），请把出错的页面地址和时间告诉管理员"
        if _wants_json(request):
            resp: Response = JSONResponse({"detail": detail}, status_code=500)
        else:
            resp = ws.templates.TemplateResponse(request, "error.html", _page_context(request, 500, detail),
                                                 status_code=500)
        resp.raw_headers.extend(security_headers(request.url.path))
        return resp

    from .api import router as api_router
    from .drafting import router as drafting_router
    from .pages import router as pages_router

    # the pages first: a router tries its routes in turn (FastAPI matches every route of an included
    # router against the path), and the pages are what most requests ask for; no page path starts with /api
    app.include_router(pages_router)
    app.include_router(drafting_router)
    app.include_router(api_router)
    return app


def _page_context(request: Request, status: int, detail: str) -> dict:
    """What base.html needs on an error page: the user (when the request got that far) and the CSRF token."""
    sess = getattr(request.state, "session", None)
    return {"status": status, "detail": detail, "user": getattr(request.state, "user", None),
            "csrf": sess.csrf if sess else "", "public": request.app.state.ws.config.public, "nav": ""}


# the request fields a reviewer may meet in an error message, by their Chinese names
FIELD_ZH = {"year": "年度", "years": "年度范围", "top": "最多显示个数", "page": "页码", "limit": "条数",
            "offset": "起始位置", "indicator": "指标", "by": "分组方式", "agg": "汇总方式", "chart": "图表类型",
            "kind": "导出类型", "table": "数据表", "decision": "审查结论", "state": "审查状态", "severity": "级别",
            "message": "内容", "start": "起始位置", "end": "结束位置", "check": "检查项", "comment": "审查意见",
            "username": "用户名", "password": "密码", "file": "文件", "files": "文件", "q": "检索词",
            "today": "日期", "sha256": "文件指纹", "note_id": "批注编号", "job_id": "任务编号"}
KIND_ZH = {"int_parsing": "应为整数", "missing": "必须填写", "literal_error": "取值不在可选范围内",
           "string_too_long": "太长", "string_too_short": "不能为空", "date_from_datetime_parsing": "应为日期，如2024-04-01",
           "date_parsing": "应为日期，如2024-04-01", "greater_than_equal": "太小", "less_than_equal": "太大",
           "bool_parsing": "应为 true 或 false", "json_invalid": "不是有效的 JSON"}


def _field_zh(error: dict) -> str:
    """One validation error as a reviewer reads it: 年度（应为整数）."""
    loc = [str(p) for p in error.get("loc", ())[1:]]
    name = FIELD_ZH.get(loc[-1], loc[-1]) if loc else "请求"
    why = KIND_ZH.get(error.get("type", ""), "")
    return f"{name}（{why}）" if why else name


def jsonable(errors: list) -> list:
    """Validation errors without the exception objects pydantic may put in `ctx`."""
    return [{k: (v if k != "ctx" else {ck: str(cv) for ck, cv in v.items()}) for k, v in e.items() if k != "input"}
            for e in errors]
