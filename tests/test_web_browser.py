"""The reviewer's whole job in a real browser (headless Chromium through Playwright)
against a real `fazhi serve` process: sign in, upload the 汉滨区 report, see the 结案率
error marked at its evidence, dismiss a finding with a comment and still see it after a
reload, download the XLSX and open it, look at a comparison chart. A screenshot of each
main page is saved under tests/artifacts/web/."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus

from .browser import add_user, chromium, serve, shot, skip_without_browser, upload_source
from .conftest import EXAMPLES

pytestmark = pytest.mark.slow
skip_without_browser()
from playwright.sync_api import expect  # noqa: E402

PASSWORD = "browser-pass-1"
USER = "审查员"
HOSTILE = ("某某镇人民政府关于2023年度法治政府建设工作情况的报告\n一、主要举措和成效\n"
           "<script>alert(1)</script><img src=x onerror=alert(2)>全年受理行政复议案件3件。\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    d = tmp_path_factory.mktemp("browser")
    db = d / "corpus.duckdb"
    upload = upload_source()
    hostile = d / "hostile.txt"
    hostile.write_text(HOSTILE, "utf-8")
    with Corpus(db) as c:
        ingest(c, [str(p) for p in sorted(EXAMPLES.glob("*.txt")) if p.name != upload.name] + [str(hostile)],
               workers=1)
    add_user(db, USER, "reviewer", PASSWORD)
    with serve(db, d / "server.log", "-j", "1") as url:
        yield SimpleNamespace(url=url, upload=upload, dir=d)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_reviewer_workflow_in_a_browser(server, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

    # sign in
    page.goto(server.url + "/")
    expect(page).to_have_url(re.compile(r"/login\?next=/$"))
    shot(page, "login")
    page.fill("input[name=username]", USER)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('登录')")
    expect(page.locator("h1")).to_have_text("审查工作台")
    shot(page, "home")

    # upload the report; the job page follows the analysis and shows the result
    page.click("nav >> text=上传")
    shot(page, "upload")
    page.set_input_files("#files", str(server.upload))
    page.click("button:has-text('上传并分析')")
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    expect(page.locator("#job-results")).to_be_visible(timeout=120_000)
    expect(page.locator("#job-state")).to_have_text("已完成")
    shot(page, "job")

    # the review page: click the 结案率 error, the text scrolls to its evidence and marks it
    page.locator("#job-results a").first.click()
    expect(page.locator("h2:has-text('提纲')")).to_be_visible()
    rate = page.locator("li.finding[data-check=rate_consistency]").first
    expect(rate).to_contain_text("结案率")
    rate.locator("button.goto").click()
    marked = page.locator("#text .active-f")
    expect(marked.first).to_be_visible()
    assert "结案率" in "".join(marked.all_inner_texts())
    assert re.search(r"\d+(\.\d+)?%", "".join(marked.all_inner_texts()))
    in_view = marked.first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }")
    assert in_view, "the evidence was not scrolled into view"
    expect(rate).to_have_class(re.compile(r"\bselected\b"))
    # the checklist links to where each required content is found
    expect(page.locator(".checklist a.goto").first).to_be_visible()
    shot(page, "review")

    # dismiss another finding with a comment; after a reload it is still dismissed
    target = page.locator("li.finding:not([data-check=rate_consistency]) form.decide").first
    item = target.locator("xpath=..")
    check = item.get_attribute("data-check")
    target.locator("textarea[name=comment]").fill("经核对原文，此处不是错误")
    target.locator("button.dismiss").click()
    expect(item).to_have_class(re.compile(r"\bdecided-dismissed\b"))  # updated in place, without a reload
    page.reload()
    done = page.locator(f"li.finding.decided-dismissed[data-check={check}]")
    expect(done).to_have_count(1)
    expect(done).to_contain_text("已排除")
    expect(done).to_contain_text("经核对原文，此处不是错误")
    year = re.search(r"(\d{4})年度", page.locator(".meta").inner_text()).group(1)

    # the batch view of that year, and the XLSX one click away
    page.goto(f"{server.url}/batch?year={year}")
    expect(page.locator("#batch")).to_be_visible()
    shot(page, "batch")
    with page.expect_download() as dl:
        page.click("text=导出审查结果（Excel）")
    xlsx = tmp_path / "审查结果.xlsx"
    dl.value.save_as(xlsx)
    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True)
    rows = list(wb["问题"].iter_rows(values_only=True))
    found = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert any(r["审查结论"] == "排除" and r["审查意见"] == "经核对原文，此处不是错误" and r["审查人"] == USER
               for r in found)

    # search and compare
    page.goto(server.url + "/search?q=行政复议")
    expect(page.locator("ol.results li").first).to_be_visible()
    shot(page, "search")
    page.goto(f"{server.url}/compare?indicator=reconsideration.received&year={year}")
    chart = page.locator("#chart svg")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("行政复议受理案件数")
    assert chart.locator("g.bar").count() >= 2
    shot(page, "compare")

    # a report holding markup shows it as text and runs nothing
    page.goto(server.url + "/reports?q=某某镇")
    page.locator("#reports tbody a").first.click()
    expect(page.locator("#text")).to_contain_text("<script>alert(1)</script>")
    assert page.locator("#text script, #text img").count() == 0
    shot(page, "hostile")

    assert not [p for p in problems if "favicon" not in p], problems
    context.close()
