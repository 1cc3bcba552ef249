"""The reviewer's pages: sign-in, upload and jobs, the report list, the review page, the
batch view, search, comparisons, exports and accounts. Each page is a Jinja2 template
(fazhi/web/templates) over the same functions the API serves."""
from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from ..corpus import review as rv
from ..corpus.review import DONE
from ..data.labels import CONTENT_ZH, LEVEL_ZH, SEVERITY_ZH
from ..export.frames import as_list
from . import lists
from . import status as statusview
from .accounts import ROLE_ZH, ROLES, AccountError
from .api import (
    add_note,
    change_state,
    load_registry,
    record_decision,
    remove_note,
    reopen_decision,
    submit_job,
)
from .auth import (
    COOKIE,
    LOGIN_CSRF_COOKIE,
    AdminReader,
    AdminWrite,
    Reader,
    ReviewerReader,
    ReviewerWrite,
    ViewerWrite,
    session_of,
    user_of,
)
from .comparison import AGG_ZH, BY_ZH, CHARTS, comparison, indicators, parse_years
from .db import will_change
from .exports import KINDS, TABLE_ZH
from .fmt import rows
from .fragments import around, kept_main
from .review import NOT_KEPT, marked_text, review, review_of

router = APIRouter(include_in_schema=False)
FormStr = Annotated[str, Form()]
PAGE = 100
BATCH_PAGE = 500  # a county's list fits one page; a province's is paged


def render(request: Request, template: str, status_code: int = 200, **ctx: Any) -> Response:
    ws = request.app.state.ws
    sess = session_of(request)
    base = {"user": user_of(request), "csrf": sess.csrf if sess else "", "public": ws.config.public, "nav": ""}
    return ws.templates.TemplateResponse(request, template, {**base, **ctx}, status_code=status_code)


def render_kept(request: Request, template: str, main: bytes, status_code: int = 200, **ctx: Any) -> Response:
    """`render` of a page whose body was kept (fazhi.web.fragments): the header and `template`'s other
    blocks from `ctx`, around `main`."""
    ws = request.app.state.ws
    sess = session_of(request)
    base = {"request": request, "user": user_of(request), "csrf": sess.csrf if sess else "",
            "public": ws.config.public, "nav": ""}
    return Response(around(ws.templates.env, template, main, {**base, **ctx}), status_code=status_code,
                    media_type="text/html")


def corpus(request: Request):
    return request.app.state.ws.holder.get()


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never //host or a scheme) may be a redirect target after sign-in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


# -- signing in and out -----------------------------------------------------------------------

def _login_page(request: Request, next_: str, error: str = "", status: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    resp = render(request, "login.html", status_code=status, login_csrf=token, next=_safe_next(next_), error=error,
                  no_admin=not request.app.state.ws.accounts.has_admin())
    resp.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", path="/login",
                    secure=request.url.scheme == "https")
    return resp


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    if session_of(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return _login_page(request, next)


@router.post("/login")
def login(request: Request, username: FormStr = "", password: FormStr = "", csrf_token: FormStr = "",
          next: FormStr = "/") -> Response:
    will_change(request)  # the corpus is not touched: the kept pages stay
    ws = request.app.state.ws
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not cookie or not hmac.compare_digest(cookie, csrf_token):
        return _login_page(request, next, "登录页面已失效，请重新输入", status=403)
    keys = (username, request.client.host if request.client else "")
    if ws.throttle.blocked(*keys):
        return _login_page(request, next, "登录失败次数过多，请15分钟后再试", status=429)
    user = ws.accounts.authenticate(username, password)
    if user is None:
        ws.throttle.fail(*keys)
        return _login_page(request, next, "用户名或密码错误", status=401)
    ws.throttle.succeeded(keys[0])
    sess = ws.accounts.start_session(user)
    resp = RedirectResponse(_safe_next(next), status_code=303)
    resp.set_cookie(COOKIE, ws.accounts.cookie_value(sess), httponly=True, samesite="lax", path="/",
                    secure=request.url.scheme == "https")
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return resp


@router.post("/logout")
def logout(request: Request, user: ViewerWrite) -> Response:
    will_change(request)
    sess = session_of(request)
    request.app.state.ws.accounts.end_session(sess.token if sess else None)
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(COOKIE, path="/")
    return resp


# -- home, upload, jobs --------------------------------------------------------------------------

@router.get("/")
def home(request: Request, user: Reader) -> Response:
    c = corpus(request)
    return render(request, "home.html", nav="home", stats=c.stats(), years=statusview.years(c),
                  review=rv.year_counts(c), jobs=request.app.state.ws.jobs.list(5))


@router.get("/upload")
def upload_form(request: Request, user: ReviewerReader) -> Response:
    ws = request.app.state.ws
    return render(request, "upload.html", nav="upload", limit_mb=ws.config.max_upload_bytes / 1048576,
                  private_urls=ws.config.allow_private_urls)


@router.post("/upload")
async def upload(request: Request, user: ReviewerWrite) -> Response:
    # parsed by hand: a browser sends an empty file input as a part with no file name, which
    # a typed list of files would refuse
    form = await request.form(max_files=10000)  # already parsed by the CSRF check when from a cookie session
    files = [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.filename]
    urls = form.get("urls")
    job = await run_in_threadpool(submit_job, request, files, urls if isinstance(urls, str) else "", user)
    return RedirectResponse(f"/jobs/{job['id']}", status_code=303)


@router.get("/jobs")
def jobs_page(request: Request, user: Reader) -> Response:
    return render(request, "jobs.html", nav="upload", jobs=request.app.state.ws.jobs.list(100))


@router.get("/jobs/{job_id}")
def job_page(request: Request, user: Reader, job_id: int) -> Response:
    job = request.app.state.ws.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"没有编号为{job_id}的任务")
    return render(request, "job.html", nav="upload", job=job)


# -- reports and the review page -------------------------------------------------------------

REPORT_COLUMNS = {"unit_name": "单位", "report_year": "年度", "level_zh": "层级", "title": "标题或文件",
                  "published": "公开日期", "score_total": "得分", "n_errors": "错误", "n_warnings": "警告",
                  "missing": "缺少内容", "review_zh": "审查状态", "review_user": "审查人", "sha256": "文件指纹（SHA-256）"}
REPORT_SORTS = {"unit_name": lambda r: r.get("unit_name"), "report_year": lambda r: r.get("report_year"),
                "level_zh": lambda r: r.get("level_zh"), "title": lambda r: r.get("title") or r.get("name"),
                "published": lambda r: r.get("published"), "score_total": lambda r: r.get("score_total"),
                "n_errors": lambda r: r.get("n_errors"), "n_warnings": lambda r: r.get("n_warnings"),
                "missing": lambda r: r.get("missing"),
                "review_zh": lambda r: lists.STATE_ORDER.get(r.get("review") or "", 9)}


def year_param(value: str, problems: list[str]) -> int | None:
    """A year typed or chosen in a form: empty means all years; anything else that is not a
    year is reported (in Chinese) and ignored, so the page still shows and keeps the form."""
    v = (value or "").strip().rstrip("年度").strip()
    if not v:
        return None
    if v.isdigit() and 1990 <= int(v) <= 2100:
        return int(v)
    problems.append(f"年度“{value}”无效，请填写四位数的年份（如2023），已显示全部年度")
    return None


@router.get("/reports")
def reports_page(request: Request, user: Reader, year: str = "", level: str = "", q: str = "",
                 problem: str = "", state: str = "", sort: str = "", order: str = "asc", page: int = 1,
                 format: str = "") -> Response:
    c = corpus(request)
    problems: list[str] = []
    y = year_param(year, problems)
    wanted = lists.review_filter(state)
    df = c.reports(**{k: v for k, v in {"year": y, "level": level or None, "review_state": wanted}.items()
                      if v is not None})
    items = lists.with_review(c, rows(df))
    q = q.strip()
    if q:
        items = [r for r in items if any(q in (r.get(k) or "") for k in ("unit_name", "title", "source", "issuer"))]
    if problem == "errors":
        items = [r for r in items if (r.get("n_errors") or 0) > 0]
    elif problem == "unreadable":
        items = [r for r in items if r.get("error")]
    for r in items:
        r["level_zh"] = LEVEL_ZH.get(r.get("level"), r.get("level") or "")
        r["missing"] = "、".join(CONTENT_ZH.get(k, k) for k in as_list(r.get("missing_contents")))
        r["name"] = (r.get("source") or "").replace("\\", "/").rsplit("/", 1)[-1]
        if not r.get("title"):
            r["title"] = r["name"]
    items = lists.sort_rows(items, REPORT_SORTS, sort, order)
    base = {k: v for k, v in {"year": y, "level": level, "q": q, "problem": problem, "state": state}.items() if v}
    if format in lists.FORMATS:
        span = f"{y}年度" if y else "全部年度"
        return lists.download(items, REPORT_COLUMNS, f"报告列表_{span}", format)
    total = len(items)
    page, pages, cut = lists.paged(total, page, PAGE)
    query = {**base, **({"sort": sort, "order": order} if sort in REPORT_SORTS else {})}
    return render(request, "reports.html", nav="reports", items=items[cut], total=total, page=page, pages=pages,
                  years=statusview.years(c), year=y, level=level, q=q, problem=problem, levels=LEVEL_ZH,
                  query=urlencode(query), state=state, state_filters=lists.STATE_FILTERS, problems=problems,
                  sort=sort, order=order, columns=REPORT_COLUMNS,
                  sort_links=lists.sort_links("/reports", base, list(REPORT_SORTS), sort, order))


@router.get("/reports/{sha256}")
async def review_page(request: Request, user: Reader, sha256: str, q: str = "") -> Response:
    """A kept page is answered here, on the event loop (a few dictionary lookups and the header); a
    page to compute, from the corpus, in a thread."""
    page = _review(request, user, sha256, q, compute=False)
    return page if page is not None else await run_in_threadpool(_review, request, user, sha256, q)


def _review(request: Request, user, sha256: str, q: str = "", status_code: int = 200,
            note_form: dict[str, Any] | None = None, compute: bool = True) -> Response | None:
    """The review page; with `compute=False` only from what is kept (fazhi.web.review's content and
    fazhi.web.fragments' body), None when either is not."""
    ws = request.app.state.ws
    # this report's version: a change to another report (a colleague's decision) leaves its kept page valid
    version = ws.holder.version(sha256) if compute else ws.holder.version_now(sha256)
    if version is None:  # a new copy to move to: in a thread
        return None
    view = review_of(ws.holder, sha256, q or None, version, compute=compute)
    if view is NOT_KEPT:
        return None
    if view is None:
        raise HTTPException(404, "没有找到这份报告（可能已被删除），请回到报告列表重新选择")
    can_review = user.can("reviewer")

    def context() -> dict[str, Any]:
        return {"r": view, "md": view["metadata"], "can_review": can_review, "severities": SEVERITY_ZH,
                "done_states": DONE, "text_html": marked_text(sha256, view["marked"]),
                "note_form": note_form or {"start": "", "end": "", "severity": "warning", "message": "", "error": ""}}

    if note_form is not None:  # a 批注 refused: the form keeps what was typed, on this page only
        return render(request, "report.html", status_code=status_code, nav="reports", **context())
    sess = session_of(request)
    main = kept_main(ws.templates.env, "report.html", ("report", version, sha256, q, can_review),
                     context if compute else None, sess.csrf if sess else "")
    if main is None:
        return None
    return render_kept(request, "report.html", main, status_code=status_code, nav="reports", r=view,
                       md=view["metadata"])


def _int_or_none(v: str) -> int | None:
    v = (v or "").strip()
    if not v:
        return None
    try:
        return int(v)
    except ValueError as e:
        raise HTTPException(400, "问题的位置无效") from e


@router.post("/reports/{sha256}/state")
def set_state(request: Request, user: ReviewerWrite, sha256: str, state: FormStr = "") -> Response:
    change_state(request, sha256, state, user)
    return RedirectResponse(f"/reports/{sha256}#review-state", status_code=303)


@router.post("/reports/{sha256}/reopen")
def reopen(request: Request, user: ReviewerWrite, sha256: str, check: FormStr, message: FormStr, start: FormStr = "",
           end: FormStr = "", idx: FormStr = "") -> Response:
    reopen_decision(request, sha256, check, _int_or_none(start), _int_or_none(end), message, user)
    anchor = f"#finding-{int(idx)}" if idx.isdigit() else ""
    return RedirectResponse(f"/reports/{sha256}{anchor}", status_code=303)


@router.post("/reports/{sha256}/notes")
def note(request: Request, user: ReviewerWrite, sha256: str, start: FormStr = "", end: FormStr = "",
         severity: FormStr = "warning", message: FormStr = "") -> Response:
    """A 批注 from the review page's form. A bad field keeps what was typed and says what to fix."""
    problem = ""
    s, e = (start or "").strip(), (end or "").strip()
    if not (s.isdigit() and e.isdigit()):
        problem = "请先在正文中选中要批注的文字"
    elif not message.strip():
        problem = "请填写批注内容"
    if not problem:
        try:
            added = add_note(request, sha256, int(s), int(e), severity, message, user)
        except HTTPException as exc:
            if exc.status_code != 400:
                raise
            problem = str(exc.detail)
        else:
            view = review(corpus(request), sha256)
            idx = next((f["idx"] for f in view["findings"] if f.get("note_id") == added.get("note_id")), None)
            return RedirectResponse(f"/reports/{sha256}" + (f"#finding-{idx}" if idx is not None else ""),
                                    status_code=303)
    return _review(request, user, sha256, status_code=400,
                   note_form={"start": s, "end": e, "severity": severity, "message": message, "error": problem})


@router.post("/reports/{sha256}/notes/{note_id}/remove")
def note_remove(request: Request, user: ReviewerWrite, sha256: str, note_id: int) -> Response:
    remove_note(request, sha256, note_id, user)
    return RedirectResponse(f"/reports/{sha256}", status_code=303)


@router.post("/reports/{sha256}/decision")
def decide(request: Request, user: ReviewerWrite, sha256: str, check: FormStr,
           message: FormStr, decision: FormStr, start: FormStr = "",
           end: FormStr = "", comment: FormStr = "",
           idx: FormStr = "") -> Response:
    if decision not in ("confirmed", "dismissed"):
        raise HTTPException(400, "审查结论只能是确认或排除")
    if len(comment) > 4000:
        raise HTTPException(400, "审查意见最长4000字")
    record_decision(request, sha256, check, _int_or_none(start), _int_or_none(end), message, decision, comment, user)
    anchor = f"#finding-{int(idx)}" if idx.isdigit() else ""
    return RedirectResponse(f"/reports/{sha256}{anchor}", status_code=303)


# -- batch, search, compare, exports -------------------------------------------------------------

STATUS_COLUMNS = {"unit": "单位", "level_zh": "层级", "parent": "上级", "status_zh": "报送情况", "published": "公开日期",
                  "days_late": "逾期天数", "missing_contents": "缺少内容", "n_errors": "错误", "n_warnings": "警告",
                  "score": "得分", "review_zh": "审查状态", "review_user": "审查人", "note": "备注", "title": "报告标题",
                  "sha256": "文件指纹（SHA-256）"}


@router.get("/batch")
def batch_page(request: Request, user: Reader, year: str = "", status: str = "", level: str = "",
               q: str = "", review: str = "", sort: str = "", order: str = "asc", page: int = 1,
               format: str = "") -> Response:
    c = corpus(request)
    years = statusview.years(c)
    problems: list[str] = []
    year = year_param(year, problems)
    if year is None and years:
        year = years[0]
    all_rows, listed = statusview.batch_rows(c, year) if year is not None else ([], False)
    all_rows = lists.with_review(c, all_rows)
    q = q.strip()
    shown = lists.keep_states(statusview.select(all_rows, status or None, level or None, q or None, sort or None,
                                                order), review)
    base = {k: v for k, v in {"year": year, "status": status, "level": level, "q": q, "review": review}.items() if v}
    if format in lists.FORMATS:
        return lists.download(shown, STATUS_COLUMNS, f"报送情况_{year}年度", format)

    def sort_link(col: str) -> str:
        o = "desc" if sort == col and order == "asc" else "asc"
        return "/batch?" + urlencode({**base, "sort": col, "order": o})

    pages = max(1, -(-len(shown) // BATCH_PAGE))
    page = min(max(page, 1), pages)
    paging = {**base, **({"sort": sort, "order": order} if sort else {})}
    review_counts = {k: sum(1 for r in all_rows if r.get("review") in (lists.review_filter(k) or ()))
                     for k in lists.STATE_FILTERS}
    return render(request, "batch.html", nav="batch", year=year, years=years, total=len(all_rows),
                  problems=problems, review=review, review_filters=lists.STATE_FILTERS, review_counts=review_counts,
                  base_query=urlencode(base),
                  rows=shown[(page - 1) * BATCH_PAGE: page * BATCH_PAGE], n_shown=len(shown), page=page, pages=pages,
                  page_query=urlencode(paging), listed=listed, counts=statusview.counts(all_rows), statuses=statusview.STATUS_FILTERS,
                  sorts=statusview.SORTS, sort=sort, order=order, status=status, level=level, q=q,
                  sort_links={k: sort_link(k) for k in statusview.SORTS}, n_units=len(c.units()),
                  can_review=user.can("reviewer"), levels=LEVEL_ZH)


@router.post("/registry")
def registry(request: Request, user: ReviewerWrite, file: Annotated[UploadFile, File()],
             year: FormStr = "") -> Response:
    load_registry(request, file)
    return RedirectResponse("/batch" + (f"?year={int(year)}" if year.isdigit() else ""), status_code=303)


@router.get("/search")
def search_page(request: Request, user: Reader, q: str = "", year: str = "") -> Response:
    results: list[dict[str, Any]] = []
    q = q.strip()[:200]
    c = corpus(request)
    problems: list[str] = []
    year = year_param(year, problems)
    if q:
        with request.app.state.ws.holder.search_lock:
            results = rows(c.search(q, limit=100, **({"year": year} if year else {})))
        term = q.split()[0]
        for r in results:  # the snippet in pieces: the template escapes each and marks the term
            r["pieces"] = _split(r.get("snippet") or "", term)
    return render(request, "search.html", nav="search", q=q, year=year, years=statusview.years(c), results=results,
                  problems=problems)


def _split(text: str, term: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    pos = 0
    while term and (i := text.find(term, pos)) >= 0:
        out += [(text[pos:i], False), (term, True)]
        pos = i + len(term)
    out.append((text[pos:], False))
    return [p for p in out if p[0]]


@router.get("/compare")
async def compare_page(request: Request, user: Reader, indicator: str = "", by: str = "jurisdiction",
                       years: str = "", agg: str = "", chart: str = "bar", year: str = "", top: str = "20",
                       level: str = "", province: str = "", city: str = "") -> Response:
    """The comparison form and its chart. Every field is read forgivingly: a bad or emptied one
    is named in Chinese above the form, which keeps what was typed, and the chart is drawn
    without it. The page's body depends on these fields and the corpus alone: it is kept
    (fazhi.web.fragments) until the corpus changes, for every colleague asking the same; a kept
    body is answered on the event loop, one to compute in a thread."""
    ws = request.app.state.ws
    fields = (indicator, by, years, agg, chart, year, top, level, province, city)
    sess = session_of(request)
    csrf = sess.csrf if sess else ""
    version = ws.holder.version_now()
    main = None if version is None else kept_main(ws.templates.env, "compare.html", ("compare", version, *fields),
                                                    None, csrf)
    if main is None:  # to compute, or a new copy to move to: in a thread
        def compute() -> bytes | None:
            key = ("compare", ws.holder.version(), *fields)
            return kept_main(ws.templates.env, "compare.html", key,
                             lambda: _compare_context(corpus(request), *fields), csrf)

        main = await run_in_threadpool(compute)
    return render_kept(request, "compare.html", main, nav="compare")


def _compare_context(c, indicator: str, by: str, years: str, agg: str, chart: str, year: str, top: str, level: str,
                     province: str, city: str) -> dict[str, Any]:
    inds = indicators(c)
    problems: list[str] = []
    indicator = indicator or (inds[0]["id"] if inds and inds[0]["n"] else "reconsideration.received")
    y = year_param(year, problems)
    t = top.strip()
    if t.isdigit() and int(t) > 0:
        n_top = min(int(t), 100)
    else:
        n_top = 20
        if t:
            problems.append(f"“最多”一栏应填1到100之间的整数，不能是“{top}”，已按20个画图")
    try:
        span = parse_years(years)
    except HTTPException as e:
        problems.append(f"{e.detail}，已按全部年度画图")
        span = None
    if chart not in CHARTS:
        chart = "bar"
    try:
        result = comparison(c, indicator, by=by, years=span, agg=agg or None, chart=chart, year=y, top=n_top,
                            level=level, province=province, city=city)
    except HTTPException as e:
        if e.status_code != 400:
            raise
        problems.append(f"{e.detail}，已按默认设置画图")
        indicator, by, agg = (inds[0]["id"] if inds else "reconsideration.received"), "jurisdiction", ""
        result = comparison(c, indicator, by=by, years=span, agg=None, chart=chart, year=y, top=n_top,
                            level=level, province=province, city=city)
    params = {k: v for k, v in {"indicator": indicator, "by": by, "years": years if span else "", "agg": agg,
                                "chart": chart, "year": y, "top": n_top, "level": level, "province": province,
                                "city": city}.items() if v not in (None, "")}
    return dict(indicators=inds, indicator=indicator, by=by, years=years, agg=agg, chart=chart, year=year, top=top,
                level=level, province=province, city=city, c=result, groups=BY_ZH, aggs=AGG_ZH, charts=CHARTS,
                levels=LEVEL_ZH, problems=problems, svg_link="/api/charts/compare.svg?" + urlencode(params))


@router.get("/exports")
def exports_page(request: Request, user: Reader, year: str = "") -> Response:
    c = corpus(request)
    problems: list[str] = []
    year = year_param(year, problems)
    years = statusview.years(c)
    if year is None and years:
        year = years[0]
    return render(request, "exports.html", nav="exports", years=years, year=year, kinds=KINDS, tables=TABLE_ZH,
                  listed=statusview.has_registry(c), problems=problems, progress=rv.year_counts(c).get(year),
                  issuer=c.setting("issuer"), recipients=c.setting("recipients"))


# -- settings (admin) -----------------------------------------------------------------------------

SETTING_LIMITS = {"issuer": 100, "recipients": 300}


def deadline_rules() -> list[str]:
    """The reporting deadlines the checks and the status page apply, in a reviewer's words."""
    from datetime import date as _date

    from ..checks.registry import specs
    from ..corpus.roster import deadline

    year = _date.today().year - 1
    d = deadline(year)
    spec = specs().get("timeliness")
    rules = [f"年度报告应于报告年度次年{d.month}月{d.day}日前向社会公开：{year}年度报告的公开时限为"
             f"{d.year}年{d.month}月{d.day}日之前（当天公开也算逾期）；报送情况页的“逾期N天”按此计算。"]
    if spec is not None and spec.description:
        rules.append(f"“{spec.name}”检查：{spec.description}")
    return rules


def _settings_page(request: Request, values: dict[str, str] | None = None, message: str = "",
                   errors: dict[str, str] | None = None, status_code: int = 200) -> Response:
    stored = corpus(request).settings()
    values = values if values is not None else {k: v["value"] or "" for k, v in stored.items()}
    return render(request, "settings.html", status_code=status_code, nav="settings", settings=stored, values=values,
                  message=message, errors=errors or {}, rules=deadline_rules(), limits=SETTING_LIMITS)


@router.get("/admin/settings")
def settings_page(request: Request, user: AdminReader) -> Response:
    return _settings_page(request, message="已保存" if request.query_params.get("saved") else "")


@router.post("/admin/settings")
def save_settings(request: Request, user: AdminWrite, issuer: FormStr = "", recipients: FormStr = "") -> Response:
    """The 落款 and 主送 of the office's documents. A field too long keeps everything typed and says
    which; an emptied one is removed (documents then leave the line blank to sign by hand)."""
    values = {"issuer": issuer.strip(), "recipients": " ".join(recipients.split())}
    names = {k: v["name"] for k, v in corpus(request).settings().items()}
    errors = {k: f"{names.get(k, k)}最长{n}字，现有{len(values[k])}字，请删减" for k, n in SETTING_LIMITS.items()
              if len(values.get(k, "")) > n}
    if errors:
        return _settings_page(request, values, errors=errors, status_code=400)
    c = corpus(request)
    with request.app.state.ws.holder.write_lock:
        for key, value in values.items():
            c.set_setting(key, value, user.name)
    return RedirectResponse("/admin/settings?saved=1", status_code=303)


# -- accounts -------------------------------------------------------------------------------------

@router.get("/admin/users")
def users_page(request: Request, user: AdminReader, message: str = "", error: str = "") -> Response:
    return render(request, "users.html", nav="users", users=request.app.state.ws.accounts.users(), roles=ROLES,
                  role_zh=ROLE_ZH, message=message, error=error)


def _back(message: str = "", error: str = "") -> Response:
    q = urlencode({k: v for k, v in {"message": message, "error": error}.items() if v})
    return RedirectResponse("/admin/users" + (f"?{q}" if q else ""), status_code=303)


@router.post("/admin/users")
def add_user(request: Request, user: AdminWrite, name: FormStr, password: FormStr,
             role: FormStr = "reviewer") -> Response:
    try:
        request.app.state.ws.accounts.add(name, password, role)
    except AccountError as e:
        return _back(error=str(e))
    return _back(message=f"已添加用户“{name.strip()}”（{ROLE_ZH.get(role, role)}）")


@router.post("/admin/users/{name}")
def change_user(request: Request, user: AdminWrite, name: str, action: FormStr, role: FormStr = "",
                password: FormStr = "") -> Response:
    acc = request.app.state.ws.accounts
    try:
        if action == "role":
            acc.set_role(name, role)
            return _back(message=f"已将“{name}”设为{ROLE_ZH.get(role, role)}")
        if action == "password":
            acc.set_password(name, password)
            return _back(message=f"已重设“{name}”的密码")
        if action in ("disable", "enable"):
            acc.set_active(name, action == "enable")
            return _back(message=f"已{'启用' if action == 'enable' else '停用'}“{name}”")
        if action == "remove":
            if name == user.name:
                return _back(error="不能删除自己的账户")
            acc.remove(name)
            return _back(message=f"已删除“{name}”")
    except AccountError as e:
        return _back(error=str(e))
    raise HTTPException(400, "未知的操作")


@router.get("/help/api")
def api_help(request: Request, user: Reader) -> Response:
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [p.get("name") for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params})
    return render(request, "api.html", nav="", ops=ops)
