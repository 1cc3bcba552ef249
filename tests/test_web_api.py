"""The web workspace through FastAPI's TestClient over a real DuckDB corpus: every API
endpoint, the pages, uploads good and bad, roles, CSRF, and escaping of hostile text."""
from __future__ import annotations

import io
import json
import re
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from fazhi.batch.ingest import ingest, reanalyze
from fazhi.cli import app as cli_app
from fazhi.corpus import Corpus
from fazhi.web import WebConfig, create_app
from fazhi.web.accounts import Accounts

from .conftest import EXAMPLES, SEEDS

PASSWORD = "correct-horse-9"
HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
HOSTILE = ("某某县人民政府关于2023年度法治政府建设工作情况的报告<script>alert(1)</script>\n"
           "一、主要举措和成效\n全年受理行政复议案件10件，办结8件，结案率为80%。"
           "<img src=x onerror=alert(2)>“引号”\"双引号\"\n二、存在的不足和原因\n宣传不够。原因是人员不足。\n"
           "三、下一年度工作安排\n加强培训。\n某某县人民政府\n2024年3月1日\n")


def hanbin_seed():
    """The seed report of 汉滨区 when ../shared is present (its text names 汉滨区)."""
    if not SEEDS.is_dir():
        return None
    for p in sorted(SEEDS.glob("*")):
        if p.is_file() and "汉滨区" in p.read_text("utf-8", errors="ignore"):
            return p
    return None


def _accounts(db) -> Accounts:
    return Accounts(WebConfig(db=str(db)).accounts_path)


def _users(db) -> None:
    acc = _accounts(db)
    for name, role in (("admin", "admin"), ("reviewer", "reviewer"), ("viewer", "viewer")):
        acc.add(name, PASSWORD, role)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    d = tmp_path_factory.mktemp("web")
    db = d / "corpus.duckdb"
    sources = [str(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    seed = hanbin_seed()
    if seed is not None:
        sources.append(str(seed))
    with Corpus(db) as c:
        ingest(c, sources, workers=1)
    _users(db)
    app = create_app(WebConfig(db=str(db)))
    with TestClient(app, headers=HTML) as main:
        yield SimpleNamespace(app=app, db=db, dir=d, client=main, seed=seed)


def client(env) -> TestClient:
    """A browser of its own (its own cookies)."""
    return TestClient(env.app, headers=HTML)


def login(c: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign in through the login form, as a browser does; returns the session's CSRF token."""
    page = c.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = c.post("/login", data={"username": name, "password": password, "csrf_token": token, "next": "/batch"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/batch", r.text
    return c.get("/api/me").json()["csrf_token"]


def bearer(c: TestClient, name: str) -> dict[str, str]:
    r = c.post("/api/login", json={"username": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def wait_job(env, job_id: int) -> dict:
    assert env.app.state.ws.jobs.wait_idle(120)
    return client(env).get(f"/api/jobs/{job_id}", headers=bearer(client(env), "viewer")).json()


def report_of(env, unit: str, year: int | None = None) -> dict:
    c = client(env)
    rows = c.get("/api/reports", params={"unit": unit, **({"year": year} if year else {})},
                 headers=bearer(c, "viewer")).json()
    assert rows, f"no report of {unit}"
    return rows[0]


def rate_report(env) -> tuple[str, dict]:
    """A report with a 结案率 arithmetic error (rate_consistency) and that finding."""
    c = client(env)
    h = bearer(c, "viewer")
    fs = c.get("/api/findings", params={"check": "rate_consistency"}, headers=h).json()
    assert fs, "the corpus should hold a rate_consistency finding"
    f = next((x for x in fs if x["unit_name"] == "汉滨区"), fs[0])
    rec = c.get(f"/api/reports/{f['sha256']}", headers=h).json()
    finding = next(x for x in rec["findings"] if x["check"] == "rate_consistency")
    return f["sha256"], finding


# -- access ------------------------------------------------------------------------------------

def test_anonymous_is_refused_everywhere(env):
    c = client(env)
    for path in ("/api/reports", "/api/stats", "/api/jobs", "/api/findings", "/api/search?q=复议"):
        r = c.get(path)
        assert r.status_code == 401 and "登录" in r.json()["detail"], path
    r = c.get("/batch?year=2023", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/batch")
    assert c.post("/api/jobs", files={"files": ("a.txt", b"x")}).status_code == 401
    assert c.get("/api/reports", headers={"Authorization": "Bearer forged-token"}).status_code == 401


def test_login_logout_and_bearer(env):
    c = client(env)
    assert c.post("/api/login", json={"username": "admin", "password": "wrong-password"}).status_code == 401
    assert c.post("/api/login", json={"username": "nobody", "password": PASSWORD}).status_code == 401
    h = bearer(c, "reviewer")
    me = c.get("/api/me", headers=h).json()
    assert me["user"] == "reviewer" and me["role"] == "reviewer" and me["role_zh"] == "审查人"
    assert c.post("/api/logout", headers=h).status_code == 200
    assert c.get("/api/me", headers=h).status_code == 401
    # the login form refuses a post without its own CSRF cookie (login CSRF)
    r = TestClient(env.app, headers=HTML).post("/login", data={"username": "admin", "password": PASSWORD,
                                                               "csrf_token": "x"}, follow_redirects=False)
    assert r.status_code == 403
    # wrong password on the form: the page says so, no session
    page = c.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = c.post("/login", data={"username": "admin", "password": "nope-nope", "csrf_token": token})
    assert r.status_code == 401 and "用户名或密码错误" in r.text
    # a next= pointing elsewhere is not followed
    page = c.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = c.post("/login", data={"username": "viewer", "password": PASSWORD, "csrf_token": token,
                               "next": "//evil.example/"}, follow_redirects=False)
    assert r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert "fazhi_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    # sign out needs the CSRF token too
    assert c.post("/logout", follow_redirects=False).status_code == 403
    csrf = c.get("/api/me").json()["csrf_token"]
    r = c.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and c.get("/api/me").status_code == 401


def test_login_is_throttled(env):
    c = client(env)
    for _ in range(10):
        assert c.post("/api/login", json={"username": "throttled", "password": "x" * 9}).status_code == 401
    r = c.post("/api/login", json={"username": "throttled", "password": "x" * 9})
    assert r.status_code == 429 and "过多" in r.json()["detail"]
    assert c.post("/api/login", json={"username": "viewer", "password": PASSWORD}).status_code == 200
    env.app.state.ws.throttle.failures.clear()


def test_viewer_cannot_write(env):
    c = client(env)
    h = bearer(c, "viewer")
    sha, f = rate_report(env)
    body = {k: f[k] for k in ("check", "start", "end", "message")} | {"decision": "dismissed"}
    for r in (c.post(f"/api/reports/{sha}/decisions", json=body, headers=h),
              c.post("/api/jobs", files={"files": ("a.txt", b"abc")}, headers=h),
              c.post("/api/analyze", files={"file": ("a.txt", b"abc")}, headers=h),
              c.post("/api/registry", files={"file": ("u.csv", "单位\n汉滨区\n".encode())}, headers=h)):
        assert r.status_code == 403, r.text
        assert "权限" in r.json()["detail"]
    login(c, "viewer")
    assert c.get("/upload").status_code == 403
    assert c.get("/admin/users").status_code == 403
    page = c.get(f"/reports/{sha}")
    assert page.status_code == 200 and 'class="decide"' not in page.text  # no decision forms for a viewer


def test_csrf_is_required_for_cookie_sessions(env):
    c = client(env)
    csrf = login(c, "reviewer")
    sha, f = rate_report(env)
    body = {k: f[k] for k in ("check", "start", "end", "message")} | {"decision": "confirmed", "comment": "核实"}
    r = c.post(f"/api/reports/{sha}/decisions", json=body)
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    r = c.post(f"/api/reports/{sha}/decisions", json=body, headers={"X-CSRF-Token": "wrong"})
    assert r.status_code == 403
    form = {"check": f["check"], "start": str(f["start"]), "end": str(f["end"]), "message": f["message"],
            "decision": "confirmed"}
    r = c.post(f"/reports/{sha}/decision", data=form, follow_redirects=False)
    assert r.status_code == 403 and "CSRF" in r.text
    r = c.post("/upload", files={"files": ("a.txt", b"abc")}, data={"urls": ""}, follow_redirects=False)
    assert r.status_code == 403
    r = c.post(f"/api/reports/{sha}/decisions", json=body, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["decision"]["decision"] == "confirmed"


def test_admin_manages_accounts(env):
    c = client(env)
    csrf = login(c, "admin")
    r = c.post("/admin/users", data={"csrf_token": csrf, "name": "新审查人", "password": "pass-word-1",
                                     "role": "reviewer"}, follow_redirects=True)
    assert "已添加用户“新审查人”" in r.text
    r = c.post("/admin/users", data={"csrf_token": csrf, "name": "short", "password": "123", "role": "viewer"})
    assert "密码至少8个字符" in r.text
    other = client(env)
    login(other, "新审查人", "pass-word-1")
    assert other.get("/upload").status_code == 200
    r = c.post("/admin/users/新审查人", data={"csrf_token": csrf, "action": "disable"}, follow_redirects=True)
    assert "已停用" in r.text
    assert other.get("/api/me").status_code == 401  # disabling ends the sessions
    r = c.post("/admin/users/admin", data={"csrf_token": csrf, "action": "role", "role": "viewer"},
               follow_redirects=True)
    assert "唯一的管理员" in r.text
    r = c.post("/admin/users/新审查人", data={"csrf_token": csrf, "action": "remove"}, follow_redirects=True)
    assert "已删除" in r.text
    h = bearer(client(env), "reviewer")
    assert client(env).post("/admin/users", data={"name": "x", "password": "y" * 9}, headers=h).status_code == 403


def test_public_mode_reads_but_never_writes(tmp_path):
    db = tmp_path / "public.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(EXAMPLES / "district_wuhou_2023.txt")], workers=1)
    _users(db)
    app = create_app(WebConfig(db=str(db), public=True))
    with TestClient(app, headers=HTML) as c:
        assert c.get("/api/reports").status_code == 200
        assert c.get("/batch").status_code == 200
        assert "访客" in c.get("/").text
        sha = c.get("/api/reports").json()[0]["sha256"]
        assert c.get(f"/reports/{sha}").status_code == 200
        assert c.get("/api/exports/xlsx").status_code == 200
        assert c.post("/api/jobs", files={"files": ("a.txt", b"abc")}).status_code == 401
        r = c.get("/upload", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        f = c.get(f"/api/reports/{sha}/findings").json()[0]
        body = {k: f[k] for k in ("check", "start", "end", "message")} | {"decision": "dismissed"}
        assert c.post(f"/api/reports/{sha}/decisions", json=body).status_code == 401


# -- reading ------------------------------------------------------------------------------------

def test_reports_and_record_endpoints(env):
    c = client(env)
    h = bearer(c, "viewer")
    stats = c.get("/api/stats", headers=h).json()
    assert stats["documents"] >= 12 and "path" not in stats
    rows = c.get("/api/reports", headers=h).json()
    assert len(rows) == stats["documents"]
    y2023 = c.get("/api/reports", params={"year": 2023}, headers=h).json()
    assert y2023 and all(r["report_year"] == 2023 for r in y2023)
    assert len(c.get("/api/reports", params={"limit": 2, "offset": 1}, headers=h).json()) == 2
    wuhou = report_of(env, "武侯区")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", wuhou["published"])
    rec = c.get(f"/api/reports/{wuhou['sha256']}", headers=h).json()
    assert rec["metadata"]["jurisdiction"] == "武侯区" and rec["text"] and rec["sections"] and rec["figures"]
    for f in rec["findings"]:
        if f["start"] is not None:
            assert rec["text"][f["start"]:f["end"]]
    assert "text" not in c.get(f"/api/reports/{wuhou['sha256']}", params={"include_text": False}, headers=h).json()
    secs = c.get(f"/api/reports/{wuhou['sha256']}/sections", headers=h).json()
    assert [s["title"] for s in secs] == [s["title"] for s in rec["sections"]]
    assert c.get(f"/api/reports/{wuhou['sha256']}/figures", headers=h).json() == rec["figures"]
    assert c.get(f"/api/reports/{wuhou['sha256']}/findings", headers=h).json() == rec["findings"]
    r = c.get("/api/reports/" + "0" * 64, headers=h)
    assert r.status_code == 404 and "没有" in r.json()["detail"]
    figs = c.get("/api/figures", params={"indicator": "reconsideration.received"}, headers=h).json()
    assert figs and all(g["indicator"] == "reconsideration.received" for g in figs)
    fs = c.get("/api/findings", params={"severity": "error", "year": 2023}, headers=h).json()
    assert fs and all(f["severity"] == "error" and f["report_year"] == 2023 for f in fs)
    assert "message_hash" not in fs[0]
    checks = c.get("/api/checks", headers=h).json()
    assert any(x["id"] == "rate_consistency" and x["name"] for x in checks)
    inds = c.get("/api/indicators", headers=h).json()
    assert {"id": "reconsideration.received", "zh": "行政复议受理案件数"} in inds
    assert c.get("/api/reports", params={"years": "2023x"}, headers=h).status_code == 400


def test_analyze_returns_the_cli_record(env, tmp_path):
    c = client(env)
    h = bearer(c, "reviewer")
    src = EXAMPLES / "county_santai_2020.txt"
    r = c.post("/api/analyze", files={"file": (src.name, src.read_bytes(), "text/plain")}, headers=h)
    assert r.status_code == 200, r.text
    got = r.json()
    out = CliRunner().invoke(cli_app, ["analyze", str(src), "--format", "json"])
    assert out.exit_code == 0, out.output
    want = json.loads(out.stdout)
    assert len(got) == len(want) == 1
    for rec in (got[0], want[0]):
        rec.pop("source")
    assert got[0] == want[0]
    with_text = c.post("/api/analyze", files={"file": (src.name, src.read_bytes())}, data={"include_text": "true"},
                       headers=h).json()
    assert with_text[0]["text"].startswith(src.read_bytes().decode("gb18030")[:20])  # a GB18030 file
    bad = c.post("/api/analyze", files={"file": ("x.bin", bytes(range(256)) * 40)}, headers=h).json()
    assert bad[0]["findings"][0]["check"] == "unreadable" and bad[0]["metadata"] == {}


def test_search_finds_words_inside_longer_words(env):
    c = client(env)
    h = bearer(c, "viewer")
    hits = c.get("/api/search", params={"q": "行政复议"}, headers=h).json()
    assert len(hits) >= 5 and all("行政复议" in x["snippet"] for x in hits)
    assert c.get("/api/search", params={"q": "复议"}, headers=h).json()  # two characters: substring search
    assert c.get("/api/search", params={"q": "行政复议 结案率", "year": 2023}, headers=h).json()
    assert c.get("/api/search", params={"q": "不存在的词语组合"}, headers=h).json() == []
    assert c.get("/api/search", headers=h).status_code == 422
    login(c, "viewer")
    page = c.get("/search", params={"q": "行政复议"})
    assert page.status_code == 200 and "<mark>行政复议</mark>" in page.text
    sha = hits[0]["sha256"]
    review = c.get(f"/reports/{sha}", params={"q": "行政复议"})
    assert 'class="m m-q"' in review.text and "出现" in review.text


def test_compare_rank_changes_outliers_and_charts(env):
    c = client(env)
    h = bearer(c, "viewer")
    rows = c.get("/api/compare", params={"indicator": "reconsideration.received"}, headers=h).json()
    assert rows and {"unit_name", "report_year", "value", "n_reports"} <= set(rows[0])
    by_level = c.get("/api/compare", params={"indicator": "reconsideration.received", "by": "level",
                                             "years": "2019-2025"}, headers=h).json()
    assert {r["level"] for r in by_level} >= {"county", "city"}
    rank = c.get("/api/compare/rank", params={"indicator": "reconsideration.received", "year": 2023},
                 headers=h).json()
    assert rank[0]["rank"] == 1 and rank[0]["value"] >= rank[-1]["value"]
    assert c.get("/api/compare/changes", params={"indicator": "reconsideration.received"}, headers=h).status_code == 200
    assert c.get("/api/compare/outliers", headers=h).status_code == 200
    r = c.get("/api/compare", params={"indicator": "no.such"}, headers=h)
    assert r.status_code == 400 and "未知的指标" in r.json()["detail"]
    assert c.get("/api/compare", params={"indicator": "reconsideration.received", "by": "street"},
                 headers=h).status_code == 422
    svg = c.get("/api/charts/compare.svg", params={"indicator": "reconsideration.received", "year": 2023},
                headers=h)
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "行政复议受理案件数（2023年）" in svg.text and "武侯区" in svg.text and "218件" in svg.text
    line = c.get("/api/charts/compare.svg", params={"indicator": "reconsideration.received", "chart": "line"},
                 headers=h).text
    assert "<circle" in line and "2019年" in line
    login(c, "viewer")
    page = c.get("/compare", params={"indicator": "reconsideration.received", "year": 2023})
    assert page.status_code == 200 and "<svg" in page.text and "cdn" not in page.text.lower()


def test_every_page_renders_for_a_viewer(env):
    c = client(env)
    login(c, "viewer")
    sha = report_of(env, "武侯区")["sha256"]
    for path in ("/", "/batch", "/batch?year=2023&sort=score&order=desc", "/reports", "/reports?problem=errors",
                 f"/reports/{sha}", "/search", "/compare", "/compare?chart=line&by=level", "/exports", "/jobs",
                 "/help/api"):
        r = c.get(path)
        assert r.status_code == 200, path
        assert "<html lang=\"zh-CN\">" in r.text
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", r.text), path  # no inline script anywhere
    listing = c.get("/reports").text
    assert "不足的原因" in listing and "causes" not in listing  # missing contents named in Chinese
    missing = c.get("/reports/" + "1" * 64)
    assert missing.status_code == 404 and "没有找到" in missing.text and "退出" in missing.text
    assert c.get("/static/review.js").status_code == 200


def test_review_page_shows_outline_checklist_score_and_marks(env):
    c = client(env)
    login(c, "reviewer")
    sha, f = rate_report(env)
    page = c.get(f"/reports/{sha}").text
    assert "提纲" in page and "规定内容" in page and "得分" in page and "评分理由" in page
    assert 'href="#c-measures"' in page and 'id="c-measures"' in page
    assert re.search(r'<span class="m [^"]*m-f[^"]*" data-f="[^"]*"', page)
    assert 'class="m m-g"' in page or "m-g" in page
    assert "结案率" in page and f["message"] in page
    assert "年" in page and "月" in page and "日" in page  # dates as 2024年4月1日
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", page)


# -- decisions -----------------------------------------------------------------------------------

def test_decisions_are_stored_kept_across_reanalysis_and_exported(env):
    c = client(env)
    h = bearer(c, "reviewer")
    sha, f = rate_report(env)
    body = {k: f[k] for k in ("check", "start", "end", "message")}
    r = c.post(f"/api/reports/{sha}/decisions", json=body | {"decision": "dismissed", "comment": "原文已更正"},
               headers=h)
    assert r.status_code == 200
    assert r.json()["decision"] == r.json()["decision"] | {"decision": "dismissed", "comment": "原文已更正",
                                                           "user": "reviewer"}
    fake = body | {"message": "不存在的问题", "decision": "dismissed"}
    assert c.post(f"/api/reports/{sha}/decisions", json=fake, headers=h).status_code == 404
    assert c.post(f"/api/reports/{sha}/decisions", json=body | {"decision": "maybe"}, headers=h).status_code == 422
    decs = c.get("/api/decisions", params={"sha256": sha}, headers=h).json()
    assert any(d["decision"] == "dismissed" and d["comment"] == "原文已更正" for d in decs)
    dismissed = c.get("/api/findings", params={"decision": "dismissed"}, headers=h).json()
    assert any(x["sha256"] == sha and x["check"] == "rate_consistency" for x in dismissed)
    # re-analysis (the corpus's own, through the server's handle) keeps the decision
    with env.app.state.ws.holder.write_lock:
        reanalyze(env.app.state.ws.holder.get(), workers=1)
    rec = c.get(f"/api/reports/{sha}", headers=h).json()
    kept = next(x for x in rec["findings"] if x["check"] == "rate_consistency")
    assert kept["decision"]["decision"] == "dismissed" and kept["decision"]["comment"] == "原文已更正"
    # the review page shows it, and the form posts a decision the same way
    csrf = login(c, "reviewer")
    page = c.get(f"/reports/{sha}").text
    assert "已排除" in page and "原文已更正" in page
    form = {"csrf_token": csrf, "check": f["check"], "start": str(f["start"]), "end": str(f["end"]),
            "message": f["message"], "decision": "confirmed", "comment": "复核后确认", "idx": "1"}
    r = c.post(f"/reports/{sha}/decision", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/reports/{sha}#finding-1"
    assert "已确认" in c.get(f"/reports/{sha}").text
    # the XLSX export carries the decision and its comment
    from openpyxl import load_workbook

    x = c.get("/api/exports/xlsx", params={"year": rec["metadata"]["report_year"]})
    wb = load_workbook(io.BytesIO(x.content), read_only=True)
    rows = list(wb["问题"].iter_rows(values_only=True))
    head = rows[0]
    hit = [dict(zip(head, r)) for r in rows[1:] if "复核后确认" in [str(v) for v in r]]
    assert hit and hit[0]["审查结论"] == "确认" and hit[0]["审查人"] == "reviewer"


def test_kept_review_page_has_each_sessions_token_and_rights(env):
    """The review page's body is rendered once and kept until the corpus changes (fazhi.web.fragments):
    still, every form carries the session's own CSRF token, a viewer never gets a reviewer's forms, and
    a decision made through the API shows on the next load of a page kept before it."""
    rate_sha, _ = rate_report(env)
    h = bearer(client(env), "viewer")
    fs = [f for f in client(env).get("/api/findings", params={"severity": "warning"}, headers=h).json()
          if f["sha256"] != rate_sha and f.get("start") is not None]
    assert fs, "the corpus should hold a located warning outside the rate report"
    sha = fs[0]["sha256"]
    f = next(x for x in client(env).get(f"/api/reports/{sha}", headers=h).json()["findings"]
             if x["check"] == fs[0]["check"] and x["start"] == fs[0]["start"])
    a, b, v = client(env), client(env), client(env)
    token_a, token_b = login(a, "reviewer"), login(b, "reviewer")
    login(v, "viewer")
    assert token_a != token_b
    for c, token in ((a, token_a), (b, token_b), (a, token_a)):
        page = c.get(f"/reports/{sha}").text
        forms = set(re.findall(r'name="csrf_token" value="([^"]+)"', page))
        assert forms == {token} and f'<meta name="csrf-token" content="{token}">' in page
        assert f'action="/reports/{sha}/decision"' in page and "添加批注" in page
    page = v.get(f"/reports/{sha}").text
    assert token_a not in page and token_b not in page
    assert f'action="/reports/{sha}/decision"' not in page and "添加批注" not in page and "只读" in page
    key = {k: f[k] for k in ("check", "start", "end", "message")}
    r = a.post(f"/api/reports/{sha}/decisions", json={**key, "decision": "dismissed", "comment": "页面缓存之后的结论"},
               headers={"X-CSRF-Token": token_a})
    assert r.status_code == 200, r.text
    assert "页面缓存之后的结论" in b.get(f"/reports/{sha}").text and "页面缓存之后的结论" in v.get(f"/reports/{sha}").text
    assert a.post(f"/api/reports/{sha}/reopen", json=key, headers={"X-CSRF-Token": token_a}).status_code == 200
    assert "页面缓存之后的结论" not in b.get(f"/reports/{sha}").text.split('id="history"')[0]


def test_a_decision_stales_the_kept_page_of_its_own_report_only(env, monkeypatch):
    """A kept review page is keyed by its own report's version (fazhi.web.db): a decision, an undo or a
    state change on one report makes that report's page computed anew, with the change, while every
    other report's kept page is answered as it was; signing in changes nothing, and a change that is not
    one report's (the settings) makes every page computed again."""
    from fazhi.web import review as webreview

    h = bearer(client(env), "viewer")
    fs = [f for f in client(env).get("/api/findings", params={"severity": "warning"}, headers=h).json()
          if f.get("start") is not None]
    shas = list(dict.fromkeys(f["sha256"] for f in fs))
    assert len(shas) >= 2, "the corpus should hold two reports with located warnings"
    mine, other = shas[0], shas[1]
    f = next(x for x in client(env).get(f"/api/reports/{mine}", headers=h).json()["findings"]
             if x.get("start") is not None and x["check"] != "reviewer_note")
    key = {k: f[k] for k in ("check", "start", "end", "message")}
    a = client(env)
    token = login(a, "reviewer")
    before = {sha: a.get(f"/reports/{sha}").text for sha in (mine, other)}
    computed: list[str] = []
    real = webreview.review
    monkeypatch.setattr(webreview, "review", lambda c, sha, q=None, **kw: computed.append(sha) or real(c, sha, q, **kw))
    assert [a.get(f"/reports/{sha}").text for sha in (mine, other)] == list(before.values())
    assert computed == []  # both kept
    login(client(env), "viewer")  # a colleague signs in: a write request, but not to the corpus
    assert a.get(f"/reports/{other}").status_code == 200 and computed == []

    r = a.post(f"/api/reports/{mine}/decisions", json={**key, "decision": "confirmed", "comment": "只改这一份"},
               headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    assert a.get(f"/reports/{other}").text == before[other] and computed == []  # the other report's page: kept
    assert "只改这一份" in a.get(f"/reports/{mine}").text and computed == [mine]
    assert a.post(f"/api/reports/{mine}/reopen", json=key, headers={"X-CSRF-Token": token}).status_code == 200
    assert "只改这一份" not in a.get(f"/reports/{mine}").text.split('id="history"')[0]
    assert a.post(f"/reports/{mine}/state", data={"csrf_token": token, "state": "reviewed"},
                  follow_redirects=False).status_code == 303
    assert 'id="state-label">已审' in a.get(f"/reports/{mine}").text
    assert a.get(f"/reports/{other}").text == before[other] and computed == [mine, mine, mine]

    admin = client(env)
    r = admin.post("/api/settings", json={"issuer": "某某县司法局"}, headers=bearer(admin, "admin"))
    assert r.status_code == 200, r.text
    assert a.get(f"/reports/{other}").text == before[other] and computed[-1] == other

    # a report decided on before its first view (the reports reviewers touched were read before the
    # decision): its first view reads the reviewers' tables and shows the decision
    third = next((sha for sha in shas[2:] if sha not in computed), None)
    assert third is not None, "the corpus should hold a third report with located warnings"
    g = next(x for x in client(env).get(f"/api/reports/{third}", headers=h).json()["findings"]
             if x.get("start") is not None and x["check"] != "reviewer_note")
    r = a.post(f"/api/reports/{third}/decisions", headers={"X-CSRF-Token": token},
               json={**{k: g[k] for k in ("check", "start", "end", "message")}, "decision": "dismissed",
                     "comment": "首次打开之前的结论"})
    assert r.status_code == 200, r.text
    assert "首次打开之前的结论" in a.get(f"/reports/{third}").text


# -- uploads and jobs ------------------------------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_upload_batch_with_bad_documents_goes_on(env):
    c = client(env)
    h = bearer(c, "reviewer")
    good = (EXAMPLES / "street_yulin_2023.txt").read_bytes() + "\n（上传测试）\n".encode()  # new bytes
    folder = _zip({"报告/乡镇/luxi.txt": (EXAMPLES / "township_luxi_2022.txt").read_bytes() + b"\n\xe6\xb5\x8b",
                   "报告/部门/market.txt": (EXAMPLES / "dept_santai_market_2023.txt").read_bytes() + b"\n\xe6\xb5\x8b"})
    bomb = _zip({"big.txt": b"0" * (30 * 1024 * 1024)})
    files = [("files", ("yulin.txt", good, "text/plain")), ("files", ("空文件.txt", b"", "text/plain")),
             ("files", ("乱码.bin", bytes(range(256)) * 40, "application/octet-stream")),
             ("files", ("文件夹.zip", folder, "application/zip")), ("files", ("炸弹.zip", bomb, "application/zip")),
             ("files", ("../../etc/<b>passwd.txt", "某某县人民政府关于2023年度法治政府建设工作情况的报告\n".encode(),
                        "text/plain"))]
    r = c.post("/api/jobs", files=files, data={"urls": "http://127.0.0.1:9/report.html"}, headers=h)
    assert r.status_code == 202, r.text
    job = wait_job(env, r.json()["id"])
    assert job["state"] == "done", job
    res = {i["name"]: i for i in job["result"]["inputs"]}
    assert set(res) == {"yulin.txt", "空文件.txt", "乱码.bin", "文件夹.zip", "炸弹.zip", "_b_passwd.txt",
                        "http://127.0.0.1:9/report.html"}
    assert res["yulin.txt"]["documents"][0]["unit_name"] and res["yulin.txt"]["documents"][0]["new"]
    assert res["空文件.txt"]["documents"][0]["error"] == "文件为空"
    assert "二进制" in res["乱码.bin"]["documents"][0]["error"]
    assert "压缩炸弹" in res["炸弹.zip"]["documents"][0]["error"]
    assert {d["member"] for d in res["文件夹.zip"]["documents"]} == {"报告/乡镇/luxi.txt", "报告/部门/market.txt"}
    assert all(d["error"] is None for d in res["文件夹.zip"]["documents"])
    assert "内网或本机" in res["http://127.0.0.1:9/report.html"]["documents"][0]["error"]
    # stored uploads stay inside the uploads folder, whatever the file name said
    uploads = env.app.state.ws.config.uploads_dir
    assert all(p.resolve().is_relative_to(uploads.resolve()) for p in uploads.rglob("*"))
    # the job page tells the reviewer, in Chinese, why each failed document could not be read
    viewer = client(env)
    login(viewer, "viewer")
    page = viewer.get(f"/jobs/{job['id']}").text
    assert "无法读取：文件为空" in page and "压缩炸弹" in page and "已完成" in page
    assert any(j["id"] == job["id"] for j in viewer.get("/api/jobs").json())
    assert viewer.get("/api/jobs/99999").status_code == 404
    assert str(job["id"]) in viewer.get("/jobs").text
    # uploading the same file again adds nothing and says it is already stored
    again = wait_job(env, c.post("/api/jobs", files=[("files", ("yulin-again.txt", good))], headers=h).json()["id"])
    assert again["result"]["added"] == 0 and again["result"]["inputs"][0]["documents"][0]["new"] is False


def test_bad_upload_requests(env):
    c = client(env)
    h = bearer(c, "reviewer")
    r = c.post("/api/jobs", data={"urls": ""}, headers=h)
    assert r.status_code == 400 and "没有选择文件" in r.json()["detail"]
    r = c.post("/api/jobs", data={"urls": "ftp://example.com/a.pdf"}, headers=h)
    assert r.status_code == 400 and "不是有效的网址" in r.json()["detail"]
    r = c.post("/api/jobs", data={"urls": "\n".join(f"https://example.com/{i}" for i in range(201))}, headers=h)
    assert r.status_code == 400
    csrf = login(c, "reviewer")
    r = c.post("/upload", data={"csrf_token": csrf, "urls": ""}, files={"files": ("", b"", "application/octet-stream")})
    assert r.status_code == 400 and "没有选择文件" in r.text  # an empty file input, as a browser sends it


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A second server: a small upload limit, URLs on this machine allowed, no list of units yet."""
    d = tmp_path_factory.mktemp("small")
    db = d / "small.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(EXAMPLES / "district_wuhou_2023.txt"), str(EXAMPLES / "street_yulin_2023.txt")], workers=1)
    _users(db)
    app = create_app(WebConfig(db=str(db), max_upload_bytes=64 * 1024, allow_private_urls=True))
    with TestClient(app, headers=HTML) as c:
        yield SimpleNamespace(app=app, db=db, dir=d, client=c)


def test_oversized_uploads_are_refused(small):
    c = TestClient(small.app, headers=HTML)
    h = bearer(c, "reviewer")
    before = set(small.app.state.ws.config.uploads_dir.rglob("*")) if small.app.state.ws.config.uploads_dir.exists() \
        else set()
    r = c.post("/api/jobs", files={"files": ("big.txt", b"x" * (200 * 1024))}, headers=h)
    assert r.status_code == 413 and "大小上限" in r.json()["detail"]
    r = c.post("/api/analyze", files={"file": ("big.txt", b"x" * (200 * 1024))}, headers=h)
    assert r.status_code == 413
    # a body without Content-Length (chunked) is counted as it arrives

    def chunks():
        for _ in range(400):  # 1.6 MB, over the 1 MB of a request that is not an upload
            yield b"y" * 4096

    r = c.post("/api/login", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    r = c.post("/api/login", content=b"{" + b" " * (2 * 1024 * 1024) + b"}", headers={"content-type": "application/json"})
    assert r.status_code == 413
    after = set(small.app.state.ws.config.uploads_dir.rglob("*")) if small.app.state.ws.config.uploads_dir.exists() \
        else set()
    assert after == before  # nothing of a refused upload is kept
    csrf = login(c, "reviewer")
    page = c.post("/upload", data={"csrf_token": csrf}, files={"files": ("big.txt", b"x" * (200 * 1024))})
    assert page.status_code == 413 and "上传内容过大" in page.text


def test_url_upload_reads_the_page(small, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "report.txt").write_bytes((EXAMPLES / "county_jiangyou_brief_2023.txt").read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(site)))
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        c = TestClient(small.app, headers=HTML)
        url = f"http://127.0.0.1:{server.server_address[1]}/report.txt"
        r = c.post("/api/jobs", data={"urls": url}, headers=bearer(c, "reviewer"))
        assert r.status_code == 202
        assert small.app.state.ws.jobs.wait_idle(60)
        job = c.get(f"/api/jobs/{r.json()['id']}", headers=bearer(c, "viewer")).json()
    finally:
        server.shutdown()
    doc = job["result"]["inputs"][0]["documents"][0]
    assert job["state"] == "done" and doc["error"] is None and doc["unit_name"] == "江油市"


def test_status_needs_a_registry_then_lists_every_unit(small, tmp_path):
    c = TestClient(small.app, headers=HTML)
    h = bearer(c, "reviewer")
    r = c.get("/api/status", params={"year": 2023}, headers=h)
    assert r.status_code == 409 and "单位名单" in r.json()["detail"]
    assert c.get("/api/exports/csv", params={"year": 2023, "table": "status"}, headers=h).status_code == 400
    login(c, "viewer")
    page = c.get("/batch", params={"year": 2023}).text
    assert "尚未载入应报送单位名单" in page and "武侯区" in page
    reg = "单位,层级,上级\n武侯区,区,成都市\n玉林街道,街道,武侯区\n某某镇,镇,武侯区\n".encode("utf-8-sig")
    r = c.post("/api/registry", files={"file": ("单位名单.csv", reg, "text/csv")}, headers=h)
    assert r.status_code == 200 and r.json() == {"units": 3}
    bad = c.post("/api/registry", files={"file": ("名单.pdf", b"%PDF-1.4")}, headers=h)
    assert bad.status_code == 400 and "CSV 或 XLSX" in bad.json()["detail"]
    st = {s["unit"]: s for s in c.get("/api/status", params={"year": 2023, "today": "2024-06-01"}, headers=h).json()}
    assert st["某某镇"]["status"] == "missing" and st["武侯区"]["status"] in ("on_time", "late")
    assert [u["name"] for u in c.get("/api/units", headers=h).json()] == ["武侯区", "玉林街道", "某某镇"]
    page = c.get("/batch", params={"year": 2023}).text
    assert "未报送" in page and "某某镇" in page and "应报送单位名单共3个单位" in page
    only = c.get("/batch", params={"year": 2023, "status": "missing"}).text
    assert "某某镇" in only and "/reports/" not in only.split("<tbody>")[1].split("</tbody>")[0]
    desc = c.get("/batch", params={"year": 2023, "sort": "unit", "order": "desc"}).text
    body = desc.split("<tbody>")[1]
    assert body.index("玉林街道") < body.index("武侯区")
    csv = c.get("/api/exports/csv", params={"year": 2023, "table": "status"}, headers=h)
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf") and "某某镇" in csv.text


def test_exports(env):
    import docx

    c = client(env)
    h = bearer(c, "viewer")
    x = c.get("/api/exports/xlsx", params={"year": 2023}, headers=h)
    assert x.status_code == 200 and "filename*=utf-8''" in x.headers["content-disposition"]
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(x.content), read_only=True)
    assert {"报告", "问题", "数据"} <= set(wb.sheetnames)
    n = c.get("/api/exports/notice", params={"year": 2023, "issuer": "某某县依法治县办"}, headers=h)
    d = docx.Document(io.BytesIO(n.content))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "2023年度法治政府建设年度报告" in text and "通报" in text and "某某县依法治县办" in text
    o = c.get("/api/exports/opinions", params={"year": 2023, "unit": "武侯区"}, headers=h)
    assert o.status_code == 409 and "尚未审结" in o.text  # an opinion only for a reviewed report
    sha = report_of(env, "武侯区", 2023)["sha256"]
    r = c.post(f"/api/reports/{sha}/state", json={"state": "reviewed"}, headers=bearer(c, "reviewer"))
    assert r.status_code == 200 and r.json()["state_zh"] == "已审"
    o = c.get("/api/exports/opinions", params={"year": 2023, "unit": "武侯区"}, headers=h)
    assert o.status_code == 200 and "审查意见" in "\n".join(p.text for p in docx.Document(io.BytesIO(o.content)).paragraphs)
    assert "%E6%AD%A6%E4%BE%AF%E5%8C%BA" in o.headers["content-disposition"]  # 武侯区 in the file name
    csv = c.get("/api/exports/csv", params={"table": "figures"}, headers=h)
    assert csv.content.startswith(b"\xef\xbb\xbf") and csv.text.lstrip("\ufeff").startswith("sha256,")
    assert c.get("/api/exports/pdf", headers={**h, "accept": "application/json"}).status_code == 422
    assert c.get("/api/exports/pdf", headers=h).status_code == 400  # a browser gets the error as a page
    assert c.get("/api/exports/csv", params={"table": "nope"}, headers=h).status_code == 400
    login(c, "viewer")
    page = c.get("/exports").text
    assert "/api/exports/xlsx?year=" in page and "/api/exports/notice?year=" in page


def test_openapi_schema_and_no_cdn(env):
    c = client(env)
    spec = c.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/analyze", "/api/reports", "/api/reports/{sha256}", "/api/reports/{sha256}/decisions",
            "/api/figures", "/api/findings", "/api/decisions", "/api/status", "/api/compare", "/api/search",
            "/api/exports/{kind}", "/api/jobs", "/api/jobs/{job_id}", "/api/login"} <= paths
    assert not any(p.startswith("/reports") or p == "/" for p in paths)  # pages are not part of the API
    assert c.get("/docs").status_code == 404 and c.get("/redoc").status_code == 404  # they would load a CDN
    login(c, "viewer")
    assert "/api/reports/{sha256}/decisions" in c.get("/help/api").text


# -- hostile text ----------------------------------------------------------------------------------

def test_report_text_is_escaped_everywhere(env):
    c = client(env)
    h = bearer(c, "reviewer")
    r = c.post("/api/jobs", files={"files": ("<script>x</script>.txt", HOSTILE.encode(), "text/plain")}, headers=h)
    job = wait_job(env, r.json()["id"])
    doc = job["result"]["inputs"][0]["documents"][0]
    assert doc["error"] is None
    login(c, "viewer")
    pages = [c.get(f"/reports/{doc['sha256']}").text, c.get(f"/jobs/{job['id']}").text,
             c.get("/reports", params={"q": "某某县"}).text, c.get("/search", params={"q": "alert"}).text,
             c.get("/batch", params={"year": 2023}).text]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page and "<script>x" not in page
    review = pages[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in review
    assert "&lt;img src=x onerror=alert(2)&gt;" in review
    assert "&lt;script&gt;alert" in pages[3]
    rec = c.get(f"/api/reports/{doc['sha256']}").json()
    assert "<script>alert(1)</script>" in rec["text"]  # the API returns the text as it is, as JSON


def test_review_state_notes_reopen_and_history(env):
    """The reviewer's spring through the API and the pages: state with who and when, counts per
    year, a 批注 on a span, a decision undone, the opinion only once reviewed and holding the note."""
    import docx

    c = client(env)
    token = login(c, "reviewer")
    h = {"X-CSRF-Token": token, "accept": "application/json"}
    sha, finding = rate_report(env)
    rec = c.get(f"/api/reports/{sha}", headers=h).json()
    year = rec["metadata"]["report_year"]
    assert c.post(f"/api/reports/{sha}/state", json={"state": "pending"}, headers=h).status_code == 200
    before = c.get("/api/review", headers=h).json()[str(year)]
    page = c.get(f"/reports/{sha}").text
    assert re.search(r'id="state-label">待审<', page) and re.search(r'id="progress"[^>]*>\d+/\d+<', page)
    assert 'class="ln" data-n="1"' in page and "标为已审" in page and "审查意见在标为“已审”后才能导出" in page
    # a note on a span of the text: a finding of its own, marked in the text, the report under review
    text = rec["text"]
    start = text.index("结案率")
    r = c.post(f"/api/reports/{sha}/notes", json={"start": start, "end": start + 3, "severity": "error",
                                                  "message": "结案率口径请写明"}, headers=h)
    assert r.status_code == 200, r.text
    note = r.json()
    assert note["check"] == "reviewer_note" and note["origin"] == "reviewer" and note["review"]["state"] == "in_review"
    assert c.post(f"/api/reports/{sha}/notes", json={"start": 0, "end": 10 ** 7, "severity": "error",
                                                     "message": "x"}, headers=h).status_code == 400
    # decide, then undo: the finding is undecided again and the history holds both
    key = {k: finding[k] for k in ("check", "start", "end", "message")}
    r = c.post(f"/api/reports/{sha}/decisions", json={**key, "decision": "confirmed", "comment": "属实"}, headers=h)
    assert r.json()["decision"]["decision"] == "confirmed" and r.json()["review"]["handled"] >= 2
    handled = r.json()["review"]["handled"]
    r = c.post(f"/api/reports/{sha}/reopen", json=key, headers=h)
    assert r.status_code == 200 and "decision" not in r.json() and r.json()["review"]["handled"] == handled - 1
    assert c.post(f"/api/reports/{sha}/decisions", json={"check": "reviewer_note", "start": start, "end": start + 3,
                                                         "message": "结案率口径请写明", "decision": "dismissed"},
                  headers=h).status_code == 400
    hist = c.get(f"/api/reports/{sha}/history", headers=h).json()
    assert [x["action"] for x in hist][-2:] == ["confirmed", "reopened"] and "note_added" in [x["action"] for x in hist]
    # no opinion before the review is finished; the page form marks it reviewed, with who and when
    assert c.get("/api/exports/opinions", params={"sha256": sha, "year": year}, headers=h).status_code == 409
    page = c.get("/api/exports/opinions", params={"sha256": sha, "year": year})  # a click in the browser
    assert page.status_code == 409 and "尚未审结" in page.text and "<html" in page.text
    r = c.post(f"/reports/{sha}/state", data={"csrf_token": token, "state": "reviewed"}, follow_redirects=False)
    assert r.status_code == 303
    page = c.get(f"/reports/{sha}").text
    assert "已审" in page and "reviewer" in page and 'id="export-opinion"' in page
    after = c.get("/api/review", headers=h).json()[str(year)]
    assert after["done"] == before["done"] + 1 and after["total"] == before["total"]
    home = c.get("/").text
    assert f"已审 {after['done']}/{after['total']}" in home
    assert sha in c.get("/reports", params={"state": "done"}).text
    done = c.get("/api/reports", params={"review_state": "reviewed,sent", "limit": 1000}, headers=h).json()
    assert sha in {r["sha256"] for r in done}
    assert c.get("/api/reports", params={"review_state": "done"}, headers=h).status_code == 400
    assert sha not in c.get("/reports", params={"state": "pending"}).text
    o = c.get("/api/exports/opinions", params={"sha256": sha, "year": year})
    assert o.status_code == 200
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(o.content)).paragraphs)
    assert "结案率口径请写明" in body and "审查中发现的其他问题" in body
    # the page's note form forgives: an empty message keeps the selection and says what to fix
    r = c.post(f"/reports/{sha}/notes", data={"csrf_token": token, "start": str(start), "end": str(start + 3),
                                              "severity": "warning", "message": " "})
    assert r.status_code == 400 and "请填写批注内容" in r.text and f'name="start" value="{start}"' in r.text
    r = c.post(f"/reports/{sha}/notes", data={"csrf_token": token, "start": "", "end": "", "message": "看这里"})
    assert r.status_code == 400 and "请先在正文中选中" in r.text and "看这里" in r.text
    # removing the note: gone from the record, kept in the history
    r = c.delete(f"/api/reports/{sha}/notes/{note['note_id']}", headers=h)
    assert r.status_code == 200
    assert not [f for f in c.get(f"/api/reports/{sha}/findings", headers=h).json() if f["check"] == "reviewer_note"]
    assert c.delete(f"/api/reports/{sha}/notes/{note['note_id']}", headers=h).status_code == 404
    # a viewer reads the state but cannot change it
    v = client(env)
    assert v.post(f"/api/reports/{sha}/state", json={"state": "sent"}, headers=bearer(v, "viewer")).status_code == 403


def test_lists_sort_page_download_and_forgive(env):
    """The report list and the status page as datasette lists: sortable, downloadable as filtered,
    numbers right-aligned with 0 shown as 0, a bad year kept as a Chinese note instead of an error."""
    from openpyxl import load_workbook

    c = client(env)
    login(c, "viewer")
    page = c.get("/reports", params={"sort": "n_errors", "order": "desc"})
    assert page.status_code == 200 and "错误▼" in page.text
    counts = [int(x) for x in re.findall(r'<td class="num">(\d+)</td>\s*<td class="num">\d+</td>\s*<td class="wrap">',
                                         page.text)]
    assert counts == sorted(counts, reverse=True) and 0 in counts  # 0 is written, not left blank
    csv = c.get("/reports", params={"year": "2023", "format": "csv"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("单位,年度,层级") and all(",2023," in ln for ln in lines[1:]) and len(lines) > 1
    x = c.get("/reports", params={"state": "pending", "format": "xlsx"})
    sheet = list(load_workbook(io.BytesIO(x.content)).active.iter_rows(values_only=True))
    assert sheet[0][0] == "单位" and all(r[list(sheet[0]).index("审查状态")] == "待审" for r in sheet[1:])
    for bad in ("", "二〇二三", "abc"):
        r = c.get("/reports", params={"year": bad, "q": "区"})
        assert r.status_code == 200 and 'value="区"' in r.text
        assert ("年度“" in r.text) == bool(bad)
    b = c.get("/batch", params={"year": "", "sort": "review"})
    assert b.status_code == 200 and "审查进度" in b.text and re.search(r"已审 \d+/\d+", b.text)
    bx = c.get("/batch", params={"year": "2023", "format": "xlsx"})
    head = next(load_workbook(io.BytesIO(bx.content)).active.iter_rows(values_only=True))
    assert head[:4] == ("单位", "层级", "上级", "报送情况") and "审查状态" in head


def test_forms_forgive_bad_fields(env):
    """An emptied or bad field keeps the form and says in Chinese what to fix (no English field names)."""
    c = client(env)
    login(c, "viewer")
    r = c.get("/compare", params={"indicator": "reconsideration.received", "year": "", "top": "abc", "years": "去年",
                                  "province": "四川省"})
    assert r.status_code == 200 and 'id="chart"' in r.text
    assert "“最多”一栏应填1到100之间的整数" in r.text and "年度范围应写作" in r.text and 'value="四川省"' in r.text
    assert 'value="去年"' in r.text and 'value="abc"' in r.text
    r = c.get("/compare", params={"indicator": "no.such", "year": "二〇二三"})
    assert r.status_code == 200 and "未知的指标" in r.text and "年度“二〇二三”无效" in r.text
    for path in ("/search?q=复议&year=x", "/exports?year=", "/batch?year=20233"):
        r = c.get(path)
        assert r.status_code == 200, path
    r = c.get("/api/reports", params={"limit": "many"}, headers=bearer(c, "viewer"))
    assert r.status_code == 422 and r.json()["detail"] == "请求参数有误：条数（应为整数）"


def test_settings_page_for_the_office(env):
    """The admin sets the 落款 and 主送 once; exports use them; the deadline rules are shown; a
    field too long keeps the form and says what to fix; others cannot reach the page."""
    import docx

    c = client(env)
    token = login(c, "admin")
    page = c.get("/admin/settings")
    assert page.status_code == 200 and "现行的报送时限" in page.text and "4月1日" in page.text
    r = c.post("/admin/settings", data={"csrf_token": token, "issuer": "某某县全面依法治县委员会办公室",
                                        "recipients": "各乡镇人民政府，县政府各部门"}, follow_redirects=False)
    assert r.status_code == 303
    page = c.get(r.headers["location"]).text
    assert 'value="某某县全面依法治县委员会办公室"' in page and "已保存" in page and "admin于" in page
    assert "落款：某某县全面依法治县委员会办公室" in c.get("/exports").text
    n = c.get("/api/exports/notice", params={"year": 2023})
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(n.content)).paragraphs)
    assert "某某县全面依法治县委员会办公室" in text and "各乡镇人民政府，县政府各部门" in text
    r = c.post("/admin/settings", data={"csrf_token": token, "issuer": "办" * 101, "recipients": "各部门"})
    assert r.status_code == 400 and "最长100字，现有101字" in r.text and 'value="' + "办" * 101 in r.text
    assert ">各部门</textarea>" in r.text
    h = bearer(client(env), "admin")
    r = client(env).post("/api/settings", json={"recipients": "各部门"}, headers=h)
    assert r.status_code == 200 and r.json()["recipients"]["value"] == "各部门"
    assert r.json()["issuer"]["value"] == "某某县全面依法治县委员会办公室"
    v = client(env)
    login(v, "reviewer")
    assert v.get("/admin/settings").status_code == 403
    assert v.post("/api/settings", json={"issuer": "x"}, headers=bearer(v, "reviewer")).status_code == 403
    assert "/admin/settings" not in v.get("/").text


def test_home_counts_annual_reports_only(tmp_path):
    """A year that only a look-alike (a 工作要点) carries says 无年度报告 on the home page, not 已审 0/0."""
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(EXAMPLES / "lookalike_plan_zitong_2024.txt"), str(EXAMPLES / "city_mianyang_2023.txt")],
               workers=1)
        assert {(r.report_year, r.doc_type) for r in c.reports().itertuples()} == {(2024, "plan"), (2023, "report")}
    _users(db)
    with TestClient(create_app(WebConfig(db=str(db))), headers=HTML) as c:
        login(c, "viewer")
        page = c.get("/").text
    rows = dict(re.findall(r"<tr>\s*<td>(\d{4})年度</td>(.*?)</tr>", page, re.S))
    assert "无年度报告" in rows["2024"] and "已审" not in rows["2024"]
    assert "已审 0/1" in rows["2023"] and "无年度报告" not in rows["2023"]
    assert "0/0" not in page


CUT_OFF = ("2023年，永清县坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n"
           "一、主要举措和成效\n全年受理行政复议案件12件，办结10件。组织执法人员培训5次。\n"
           "二、存在的不足和原因\n培训不够系统，原因是人员不足。\n三、2024年工作打算\n"
           "继续深化法治政府建设，进一步完善行政执法监督机制，并将评查结果纳入")


def test_review_page_says_what_the_report_did_not_state_and_that_its_text_may_be_cut_off(tmp_path):
    """An untitled report that stops mid-sentence: its year is read from the body, not stated, and a
    "missing" finding may rest on the part never received; the reviewer is told both."""
    db = tmp_path / "corpus.duckdb"
    src = tmp_path / "untitled.txt"
    src.write_text(CUT_OFF, encoding="utf-8")
    with Corpus(db) as c:
        ingest(c, [str(src)], workers=1)
    _users(db)
    with TestClient(create_app(WebConfig(db=str(db))), headers=HTML) as c:
        login(c, "viewer")
        sha = c.get("/api/reports").json()[0]["sha256"]
        page = c.get(f"/reports/{sha}").text
    assert "2023年度<span class=\"hint\">（推断）</span>" in page
    assert 'id="incomplete"' in page and "在“……" in page and "结果纳入”处中断" in page
    assert "未标明" not in page


def test_review_page_of_a_whole_stated_report_carries_no_caveat(env):
    c = client(env)
    login(c, "viewer")
    sha = report_of(env, "武侯区", 2023)["sha256"]
    page = c.get(f"/reports/{sha}").text
    assert 'id="incomplete"' not in page and "（推断" not in page
