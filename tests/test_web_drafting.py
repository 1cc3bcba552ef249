"""The drafter's pages of the web workspace: 起草 (template, then the draft from the filled
ledger) and 提交前检查 (findings shown in the text), through FastAPI's TestClient over a real
corpus, and the whole drafting journey in headless Chromium against a real `fazhi serve`."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus
from fazhi.draft.ledger import COL, FIRST_ROW, SHEET
from fazhi.web import WebConfig, create_app
from fazhi.web.accounts import Accounts

from .conftest import EXAMPLES
from .test_draft import _fill, _finish

PASSWORD = "drafter-pass-7"
HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
FIGURES = {"mediation.disputes": 85, "mediation.resolved": 80, "law_popularization.events": 24,
           "litigation.cases": 3, "litigation.head_appearances": 3}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    d = tmp_path_factory.mktemp("drafting")
    db = d / "corpus.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(EXAMPLES / "district_wuhou_2023.txt")], workers=1)
    Accounts(WebConfig(db=str(db)).accounts_path).add("起草人", PASSWORD, "viewer")
    app = create_app(WebConfig(db=str(db)))
    with TestClient(app, headers=HTML) as c:
        page = c.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        r = c.post("/login", data={"username": "起草人", "password": PASSWORD, "csrf_token": token, "next": "/draft"},
                   follow_redirects=False)
        assert r.status_code == 303
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/draft").text).group(1)
        yield c, csrf, d


def test_template_prefilled_from_the_workspace_corpus(web) -> None:
    c, _, d = web
    r = c.get("/draft/template.xlsx", params={"level": "district", "unit": "武侯区", "year": "2024"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxml")
    ws = load_workbook(io.BytesIO(r.content))[SHEET]
    sources = [row[COL["上年度数据出处"]].value for row in ws.iter_rows(min_row=FIRST_ROW + 1)]
    assert any(s and s.startswith("上年度报告：") for s in sources)


def test_draft_from_an_uploaded_ledger_then_precheck(web, tmp_path: Path) -> None:
    c, csrf, _ = web
    r = c.get("/draft/template.xlsx", params={"level": "township", "unit": "桃林镇", "year": "2024"})
    ledger = tmp_path / "台账.xlsx"
    ledger.write_bytes(r.content)
    _fill(ledger, FIGURES)
    r = c.post("/draft", data={"csrf_token": csrf}, files={"ledger": ("台账.xlsx", ledger.read_bytes())})
    assert r.status_code == 200, r.text
    draft = tmp_path / "草稿.docx"
    draft.write_bytes(r.content)
    assert Document(str(draft)).paragraphs[0].text == "桃林镇人民政府关于2024年度法治政府建设情况的报告"

    r = c.post("/precheck", data={"csrf_token": csrf}, files={"file": ("草稿.docx", draft.read_bytes())})
    assert r.status_code == 200 and "处【请补充】提示未处理" in r.text and 'id="verdict"' in r.text
    done = tmp_path / "报告.docx"
    _finish(draft, done)
    r = c.post("/precheck", data={"csrf_token": csrf}, files={"file": ("报告.docx", done.read_bytes())})
    assert "未发现错误，可以报送" in r.text
    # pasted text works the same, and findings link to their place in the text
    r = c.post("/precheck", data={"csrf_token": csrf,
                                  "text": "某某镇人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n"
                                          "全年受理行政复议案件53件，办结41件，结案率为87.2%。\n"})
    assert "结案率应为77.4%" in r.text and re.search(r'href="#f-\d+"', r.text)


def test_forms_that_forgive(web) -> None:
    c, csrf, _ = web
    r = c.get("/draft/template.xlsx", params={"level": "", "unit": "桃林镇", "year": "二〇二四"})
    assert r.status_code == 400 and "请选择层级" in r.text and 'value="桃林镇"' in r.text
    r = c.get("/draft/template.xlsx", params={"level": "township", "unit": "桃林镇", "year": "二〇二四"})
    assert r.status_code == 400 and "四位年份" in r.text
    r = c.post("/draft", data={"csrf_token": csrf, "unit": "桃林镇"}, files={"ledger": ("x.xlsx", b"not a zip")})
    assert r.status_code == 400 and "无法打开台账文件" in r.text and 'value="桃林镇"' in r.text
    r = c.post("/precheck", data={"csrf_token": csrf, "text": "  "})
    assert r.status_code == 400 and "请选择报告文件" in r.text
    r = c.post("/draft", data={}, files={"ledger": ("x.xlsx", b"x")})
    assert r.status_code == 403  # no CSRF token


def test_pages_need_a_signed_in_user(web) -> None:
    c, _, _ = web
    fresh = TestClient(c.app, headers=HTML)
    r = fresh.get("/draft", follow_redirects=False)
    assert r.status_code == 303 and "/login" in r.headers["location"]
    r = fresh.get("/precheck", follow_redirects=False)
    assert r.status_code == 303


@pytest.mark.slow
def test_drafting_journey_in_a_browser(tmp_path: Path) -> None:
    from .browser import CHROMIUM, add_user, chromium, serve, shot

    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/install-system.sh installs it)")
    playwright = pytest.importorskip("playwright.sync_api")
    db = tmp_path / "corpus.duckdb"
    Corpus(db).close()
    add_user(db, "起草人", "viewer", PASSWORD)
    with serve(db, tmp_path / "server.log") as url, chromium() as browser:
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                       accept_downloads=True).new_page()
            page.goto(url + "/login?next=/draft")
            page.fill("input[name=username]", "起草人")
            page.fill("input[name=password]", PASSWORD)
            page.click("button:has-text('登录')")
            playwright.expect(page.locator("h1")).to_have_text("起草年度报告")
            form = page.locator("form[action='/draft/template.xlsx']")
            form.locator("input[name=unit]").fill("桃林镇")
            form.locator("select[name=level]").select_option("township")
            form.locator("input[name=year]").fill("2024")
            with page.expect_download() as dl:
                form.locator("button").click()
            ledger = tmp_path / f"台账-{width}.xlsx"
            dl.value.save_as(ledger)
            _fill(ledger, FIGURES)
            shot(page, f"draft-{width}")
            page.set_input_files("input[name=ledger]", str(ledger))
            with page.expect_download() as dl:
                page.click("button:has-text('生成报告草稿')")
            draft = tmp_path / f"草稿-{width}.docx"
            dl.value.save_as(draft)
            assert "桃林镇人民政府关于2024年度法治政府建设情况的报告" in dl.value.suggested_filename
            done = tmp_path / f"报告-{width}.docx"
            _finish(draft, done)

            page.click("nav >> text=提交前检查")
            page.set_input_files("input[name=file]", str(draft))
            page.click("button:has-text('检查')")
            playwright.expect(page.locator("#verdict")).to_contain_text("【请补充】提示未处理")
            page.locator(".findings a").first.click()
            shot(page, f"precheck-{width}")
            page.set_input_files("input[name=file]", str(done))
            page.click("button:has-text('检查')")
            playwright.expect(page.locator("#verdict")).to_contain_text("未发现错误")
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width + 1, f"the page is {wide}px wide in a {width}px window"
