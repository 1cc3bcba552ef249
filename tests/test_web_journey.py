"""The reviewer's spring in a real browser (headless Chromium through Playwright) against a real
`fazhi serve`, at a desktop (1366×768) and at a phone's width (390 px): sign in, upload a report,
review it with the keyboard (j/k, c/d, u, no reload), add a 批注 on a selected passage, undo a
decision, mark the report 已审, export its 审查意见 and find the 批注 in it, see 已审 1/N on the home
page. Every main page is also photographed at 390, 768 and 1366 px (tests/artifacts/web/) and
checked to fit its width: no sideways scrolling of the page (wide tables scroll in their box)."""
from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path

import pytest

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus

from .browser import add_user, chromium, serve, shot, skip_without_browser, upload_source
from .conftest import EXAMPLES

pytestmark = pytest.mark.slow
skip_without_browser()
from playwright.sync_api import expect  # noqa: E402

PASSWORD = "journey-pass-1"
USER = "审查员"
NOTE = "旁听庭审的人数未写明，请补充"
WIDTHS = {"phone": (390, 844), "tablet": (768, 1024), "desktop": (1366, 768)}


class Server:
    """A `fazhi serve` over a fresh corpus of the examples (without the report to upload)."""

    def __init__(self, d: Path):
        self.dir = d
        self.upload = upload_source()
        db = d / "corpus.duckdb"
        with Corpus(db) as c:
            ingest(c, [str(p) for p in sorted(EXAMPLES.glob("*.txt")) if p.name != self.upload.name], workers=1)
        for name, role in ((USER, "reviewer"), ("管理员", "admin")):
            add_user(db, name, role, PASSWORD)
        self._running = ExitStack()
        self.url = self._running.enter_context(serve(db, d / "server.log", "-j", "1"))

    def stop(self) -> None:
        self._running.close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def overflow(page) -> str:
    """'' when the page does not scroll sideways (a wide table scrolls inside its own box), else
    what sticks out."""
    return page.evaluate("""() => {
        const over = document.documentElement.scrollWidth - document.documentElement.clientWidth;
        if (over <= 1) return '';
        const w = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1
            && !e.closest('.table-box, .chart-box')).slice(0, 3)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
        return location.pathname + ' is ' + over + ' px too wide: ' + wide.join(', ');
    }""")


def fits(page) -> None:
    problem = overflow(page)
    assert not problem, problem


def _context(browser, size):
    w, h = size
    ctx = browser.new_context(viewport={"width": w, "height": h}, locale="zh-CN", accept_downloads=True,
                              has_touch=w < 500)
    page = ctx.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    return ctx, page, problems


def _sign_in(page, url: str, user: str = USER) -> None:
    page.goto(url + "/")
    expect(page).to_have_url(re.compile(r"/login\?next=/$"))
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('登录')")
    expect(page.locator("h1")).to_have_text("审查工作台")


def _select_text(page, words: str) -> None:
    """Select the first occurrence of `words` in the report's text, as a mouse drag would."""
    found = page.evaluate("""words => {
        const text = document.getElementById('text');
        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const i = node.data.indexOf(words);
            if (i >= 0) {
                const r = document.createRange();
                r.setStart(node, i); r.setEnd(node, i + words.length);
                const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
                return true;
            }
        }
        return false;
    }""", words)
    assert found, f"{words} not found in one piece of the text"


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_reviewers_journey(browser, tmp_path, width):
    server = Server(tmp_path)
    try:
        _journey(browser, server, width, tmp_path)
    finally:
        server.stop()


def _journey(browser, server: Server, width: str, tmp_path: Path) -> None:
    ctx, page, problems = _context(browser, WIDTHS[width])
    _sign_in(page, server.url)

    # upload; the job page follows the analysis
    page.goto(server.url + "/upload")
    page.set_input_files("#files", str(server.upload))
    page.click("button:has-text('上传并分析')")
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    expect(page.locator("#job-state")).to_have_text("已完成", timeout=120_000)
    page.locator("#job-results a").first.click()
    expect(page.locator("#state-label")).to_have_text("待审")
    fits(page)
    year = re.search(r"(\d{4})年度", page.locator(".meta").inner_text()).group(1)
    total = int(re.search(r"/(\d+)$", page.locator("#progress").inner_text()).group(1))
    assert total >= 2, "the uploaded report should have findings to review"

    # line numbers match the findings' 第N行; a finding's mark carries its words as a tooltip
    first_line = page.locator("li.finding .line").first.inner_text()
    n = int(re.search(r"第(\d+)行", first_line).group(1))
    assert page.locator(f'#text .ln[data-n="{n}"]').count() == 1
    assert page.locator("#text .m-f[title*='】']").count() >= 1

    # keyboard: j selects, c confirms, j, d dismisses, u undoes -- without reloading the page
    page.evaluate("() => { window.__same_page = true; }")
    page.locator("body").click(position={"x": 2, "y": 2})
    items = page.locator("li.finding:not(.note)")
    page.keyboard.press("j")
    expect(items.nth(0)).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("c")
    expect(items.nth(0)).to_have_class(re.compile(r"\bdecided-confirmed\b"))
    expect(page.locator("#progress")).to_have_text(f"1/{total}")
    expect(page.locator("#state-label")).to_have_text("审查中")
    page.keyboard.press("j")
    expect(items.nth(1)).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("d")
    expect(items.nth(1)).to_have_class(re.compile(r"\bdecided-dismissed\b"))
    expect(page.locator("#progress")).to_have_text(f"2/{total}")
    page.keyboard.press("k")
    expect(items.nth(0)).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("j")
    # reopen the dismissal (the button does what the u key does)
    items.nth(1).locator("button.reopen").click()
    expect(items.nth(1)).not_to_have_class(re.compile(r"\bdecided-"))
    expect(page.locator("#progress")).to_have_text(f"1/{total}")
    assert page.evaluate("() => window.__same_page === true"), "the page was reloaded"

    # a click on a marked passage opens its finding
    page.locator("#text .m-f").first.click()
    expect(page.locator("li.finding.selected")).to_have_count(1)

    # a 批注 on a selected passage
    words = page.evaluate("""() => { const t = document.getElementById('text').textContent;
        const m = t.match(/[\\u4e00-\\u9fff]{8}/g); return m[Math.floor(m.length / 2)]; }""")
    _select_text(page, words)
    expect(page.locator("#note-quote")).to_contain_text(words)
    page.select_option("#note-form select[name=severity]", "error")
    page.fill("#note-form textarea[name=message]", NOTE)
    page.click("#note-form button[type=submit]")
    note = page.locator("li.finding.note")
    expect(note).to_contain_text(NOTE)
    expect(note).to_contain_text(words)
    if width == "phone":  # below the paragraph holding the words
        assert note.evaluate("e => !!e.closest('#text')")
    expect(page.locator("#progress")).to_have_text(f"2/{total + 1}")
    shot(page, f"journey-review-{width}")
    fits(page)

    # the history keeps the undone decision
    page.locator("#history summary").click()
    expect(page.locator("#history")).to_contain_text("撤销结论")

    # 已审: the opinion can now be exported, and holds the 批注
    assert page.locator("#export-opinion").count() == 0
    page.click("#mark-reviewed")
    expect(page.locator("#state-label")).to_have_text("已审")
    with page.expect_download() as dl:
        page.click("#export-opinion")
    docx_path = tmp_path / "审查意见.docx"
    dl.value.save_as(docx_path)
    import docx

    body = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert NOTE in body and "审查意见" in body

    # home: 已审 1/N for the year
    page.goto(server.url + "/")
    row = page.locator("#progress-by-year tr", has_text=f"{year}年度")
    expect(row.locator(".done-count")).to_have_text(re.compile(r"^已审 1/\d+$"))
    fits(page)
    assert not [p for p in problems if "favicon" not in p], problems
    ctx.close()


PAGES = {"home": "/", "reports": "/reports?sort=n_errors&order=desc", "batch": "/batch", "search": "/search?q=行政复议",
         "compare": "/compare?indicator=reconsideration.received", "exports": "/exports", "upload": "/upload",
         "jobs": "/jobs", "settings": "/admin/settings", "users": "/admin/users"}


def test_every_page_at_three_widths(browser, tmp_path):
    server = Server(tmp_path)
    too_wide: list[str] = []
    try:
        for width, size in WIDTHS.items():
            ctx, page, problems = _context(browser, size)
            _sign_in(page, server.url, "管理员")
            links: list[str] = []
            for name, path in PAGES.items():
                page.goto(server.url + path)
                expect(page.locator("h1").first).to_be_visible()
                shot(page, f"{name}-{size[0]}")
                too_wide.append(overflow(page))
                if name == "reports":
                    links = [a.get_attribute("href") for a in
                             page.locator("#reports tbody tr:not(.unreadable) td a").all()[:10]]
            for link in links:  # a report with a finding that has a place in the text
                page.goto(server.url + link)
                if page.locator("li.finding button.goto:not([disabled])").count():
                    break
            expect(page.locator("#text")).to_be_visible()
            shot(page, f"review-{size[0]}")
            too_wide.append(overflow(page))
            if width == "desktop":  # numbers right-aligned in the lists
                page.goto(server.url + "/reports")
                assert page.locator("#reports td.num").first.evaluate("e => getComputedStyle(e).textAlign") == "right"
                page.go_back()
            if width == "desktop":  # the text has the most room at 1366 px
                text_w = page.locator(".text-col").bounding_box()["width"]
                assert text_w >= 600, f"text column only {text_w} px wide at 1366 px"
            if width == "phone":  # one column: the text is as wide as the screen, the findings below it
                box = page.locator(".text-col").bounding_box()
                assert box["width"] >= 340
                assert page.locator(".side-col").bounding_box()["y"] > box["y"]
                page.locator("li.finding button.goto:not([disabled])").first.tap()
                expect(page.locator("li.finding.selected")).to_have_count(1)
                # each finding with a line sits below its paragraph, inside the text
                placed = page.locator("#text .inline-findings li.finding")
                assert placed.count() == page.locator("li.finding[data-line]:not([data-line=''])").count() > 0
            assert not [p for p in problems if "favicon" not in p], (width, problems)
            ctx.close()
    finally:
        server.stop()
    assert not [w for w in too_wide if w], [w for w in too_wide if w]
