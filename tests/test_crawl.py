"""The crawler against a government-style site served on localhost by the test.

The site has a column of 32 report pages over four list pages (the first paginated only
by a TRS createPageHTML script, the others also by 下一页 and page-number links), report
pages in three CMS styles, some that are only a link to a PDF, some with a DOCX
attachment beside the text, a page robots.txt forbids, and navigation links that are not
reports. It is crawled twice: the second run must download nothing and ask only for the
list pages, conditionally.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from fazhi.crawl import MANIFEST, Crawler, load_manifest, lookup
from fazhi.settings import DEFAULT

from . import renderers as R
from .readers_fixtures import Site, file_route, html_route, report_texts

pytest.importorskip("selectolax")
pytest.importorskip("httpx")

UNITS = ["城关镇", "河西乡", "县司法局", "县市场监督管理局", "县自然资源局", "县生态环境局", "县教育局", "县卫生健康局",
         "县交通运输局", "县住房和城乡建设局", "县农业农村局", "县水利局", "县应急管理局", "县人力资源和社会保障局",
         "县民政局", "县财政局", "县审计局", "县统计局", "县林业局", "县医疗保障局", "县退役军人事务局", "县文化旅游局",
         "县商务局", "县公安局", "县税务局", "县城市管理局", "县信访局", "县人民政府办公室", "新华街道", "东城街道",
         "西山镇", "南河镇"]


def synthetic(unit: str, i: int) -> str:
    """A short report for one unit, enough for a crawl (the analysis is tested elsewhere)."""
    return (f"某县{unit}关于2023年度法治政府建设情况的报告\n"
            f"2023年，{unit}深入学习贯彻习近平法治思想，推进法治政府建设。\n"
            "一、主要举措和成效\n"
            f"全年受理行政复议案件{10 + i}件，办结{9 + i}件；开展法治培训{3 + i % 5}次，参训{100 + 7 * i}人次。\n"
            "二、存在的不足和原因\n"
            "执法人员法治意识有待提高，原因是培训不够系统。\n"
            "三、2024年工作打算\n"
            "继续加强法治宣传教育，提升依法行政水平。\n"
            f"某县{unit}\n2024年3月{(i % 27) + 1}日\n")


def build_site() -> tuple[dict, list[str], dict]:
    """Routes of the column, the 32 report paths, and the attachment paths by kind."""
    texts = [t for _n, t in report_texts(only_reports=True)][:8]
    texts += [synthetic(u, i) for i, u in enumerate(UNITS)]
    texts = texts[:32]
    routes: dict = {"/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /col/private/\n")}
    reports, atts = [], {"pdf": [], "docx": [], "pdf_pages": []}
    items = []
    for i, text in enumerate(texts):
        path = f"/col/2024{(i % 3) + 3:02d}/t202403{(i % 28) + 1:02d}_{1000 + i}.html"
        title = R.title_of(text) or f"某县2023年度法治政府建设工作报告（{i}）"
        if i % 8 == 3:
            pdf = f"/col/2024{(i % 3) + 3:02d}/P020240328{i:04d}.pdf"
            routes[pdf] = file_route(R.render_pdf(text), "application/pdf")
            routes[path] = html_route(R.render_html(text, style="trs", attachment=pdf))
            atts["pdf"].append(pdf)
            atts["pdf_pages"].append(path)
        else:
            body = R.render_html(text, style=("trs", "list", "lines")[i % 3])
            if i % 8 == 5:
                docx = f"/col/2024{(i % 3) + 3:02d}/W020240328{i:04d}.docx"
                routes[docx] = file_route(R.render_docx(text), "application/vnd.openxmlformats-officedocument."
                                                               "wordprocessingml.document")
                body = body.replace(b'<div class="article-tools">',
                                    f'<p>附件：<a href="{docx}">报告全文.docx</a></p><div class="article-tools">'.encode())
                atts["docx"].append(docx)
            routes[path] = html_route(body)
        reports.append(path)
        items.append((path, title))
    items.insert(5, ("/col/private/t20240301_999.html", "某县2023年度法治政府建设内部报告"))
    routes["/col/private/t20240301_999.html"] = html_route(R.render_html(texts[0]))
    pages = [items[k:k + 9] for k in range(0, len(items), 9)]
    names = ["index.html"] + [f"index_{k}.html" for k in range(1, len(pages))]
    for k, chunk in enumerate(pages):
        lis = "".join(f'<li><a href="{p}" target="_blank">{t}</a><span>2024-03-{(j % 28) + 1:02d}</span></li>'
                      for j, (p, t) in enumerate(chunk))
        pager = ""
        if k > 0:  # static pager; the first page relies on the script alone
            nums = " ".join(f'<a href="{n}">{m + 1}</a>' for m, n in enumerate(names))
            nxt = f'<a href="{names[k + 1]}">下一页</a>' if k + 1 < len(names) else ""
            pager = f'<div class="pager">{nums} {nxt}</div>'
        html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>法治政府建设年度报告_某县人民政府</title></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/col/index.html">法治政府建设年度报告</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/index.html">法治政府建设年度报告</a></div>
<div class="list"><ul>{lis}</ul></div>{pager}
<script>createPageHTML({len(pages)}, {k}, "index", "html");</script>
<div class="footer"><a href="/about/20240101_1.html">关于本网站的法治声明和隐私政策说明</a></div></body></html>"""
        routes[f"/col/{names[k]}"] = html_route(html.encode())
    return routes, reports, atts


@pytest.fixture(scope="module")
def site():
    routes, reports, atts = build_site()
    with Site(routes) as s:
        s.reports, s.atts = reports, atts
        yield s


def settings():
    return DEFAULT.with_(crawl_delay=0.0, fetch_timeout=10.0, fetch_retries=0)


def test_crawl_twice_downloads_nothing_new(site, tmp_path):
    out = tmp_path / "crawl"
    first = Crawler(site.url("/col/index.html"), out, settings()).run()
    assert first.list_pages == 4
    assert first.reports == 32, first.errors
    assert first.attachments == len(site.atts["pdf"]) + len(site.atts["docx"])
    assert first.robots_blocked == 1
    assert first.failed == 0, first.errors
    assert not any(p.startswith("/col/private/") for p in site.requests_to("/col/"))
    assert not site.requests_to("/about/") and not site.requests_to("/zwgk/")
    records = load_manifest(out)
    for path in site.reports:
        rec = records[site.url(path)]
        stored = out / rec["path"]
        assert rec["path"].startswith("reports/") and stored.is_file()
        assert rec["status"] == 200 and rec["headers"]["content-type"].startswith("text/html")
        assert rec["fetched_at"].endswith("Z") and len(rec["sha256"]) == 64
        import hashlib

        assert hashlib.sha256(stored.read_bytes()).hexdigest() == rec["sha256"]
    for path in site.atts["pdf"] + site.atts["docx"]:
        assert records[site.url(path)]["path"].startswith("attachments/")

    mark = len(site.log)
    second = Crawler(site.url("/col/index.html"), out, settings()).run()
    again = site.log[mark:]
    assert second.downloaded == 0
    assert second.reports == 32 and second.list_pages == 4
    asked = [p for _m, p, _h in again]
    assert all(p == "/robots.txt" or p.startswith("/col/index") for p in asked), asked
    assert all(h.get("if-none-match") for _m, p, h in again if p.startswith("/col/index"))
    assert second.unchanged >= 4 + 32


def test_interrupted_crawl_resumes(site, tmp_path):
    out = tmp_path / "crawl"
    partial = Crawler(site.url("/col/index.html"), out, settings(), max_pages=12).run()
    assert partial.reports < 32
    assert any("上限" in e for e in partial.errors)
    rest = Crawler(site.url("/col/index.html"), out, settings()).run()
    assert rest.reports == 32
    # every list page, report and attachment downloaded exactly once over the two runs
    assert partial.downloaded + rest.downloaded == 4 + 32 + len(site.atts["pdf"]) + len(site.atts["docx"])
    final = Crawler(site.url("/col/index.html"), out, settings()).run()
    assert final.downloaded == 0


def test_rate_limit_spaces_requests_to_one_host(tmp_path):
    times: list[float] = []

    def stamp(handler):
        times.append(time.monotonic())
        return 200, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body><p>x</p></body></html>"

    listing = ("<html><body><ul>" + "".join(f'<li><a href="/c/t2024_{i}.html">某县2023年度法治政府建设情况报告{i}</a></li>'
                                            for i in range(4)) + "</ul></body></html>").encode()

    def index(handler):
        times.append(time.monotonic())
        return 200, {"Content-Type": "text/html; charset=utf-8"}, listing

    routes = {"/robots.txt": (404, {}, b""), "/c/index.html": index}
    for i in range(4):
        routes[f"/c/t2024_{i}.html"] = stamp
    with Site(routes) as s:
        Crawler(s.url("/c/index.html"), tmp_path / "o", DEFAULT.with_(crawl_delay=0.2, fetch_retries=0)).run()
    assert len(times) == 5
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.15, gaps  # spaced by the 0.2 s delay, less network jitter


def test_unreachable_robots_means_no_crawl(tmp_path):
    routes = {"/robots.txt": (503, {"Content-Type": "text/plain"}, b"busy"),
              "/c/index.html": html_route(b"<html><body><a href='/c/t1.html'>\xe6\xb3\x95\xe6\xb2\xbb</a></body></html>")}
    with Site(routes) as s:
        stats = Crawler(s.url("/c/index.html"), tmp_path / "o", settings()).run()
        assert not s.requests_to("/c/")
    assert stats.list_pages == 0 and stats.robots_blocked == 1
    assert any("robots.txt 无法访问" in e for e in stats.errors)


def test_crawled_reports_analyse_with_attachments_and_urls(site, tmp_path):
    out = tmp_path / "crawl"
    Crawler(site.url("/col/index.html"), out, settings()).run()
    proc = subprocess.run([sys.executable, "-m", "fazhi", "analyze", str(out / "reports"), "--format", "jsonl"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    recs = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(recs) == 32
    by_url = {r["page_metadata"]["url"]: r for r in recs}
    assert set(by_url) == {site.url(p) for p in site.reports}
    for p in site.atts["pdf_pages"]:
        rec = by_url[site.url(p)]
        assert rec["format"] == "pdf" and rec["page_metadata"]["attachment_of"].endswith(".html")
        assert rec["chars"] > 100
    assert sum(r["format"] == "pdf" for r in recs) == len(site.atts["pdf_pages"])
    assert all(not any(f["check"] == "unreadable" for f in r["findings"]) for r in recs)
    own_url, stored = lookup(out / "reports")
    assert own_url is None and site.url(site.reports[0]) in stored


def test_crawl_cli(site, tmp_path):
    out = tmp_path / "c"
    proc = subprocess.run([sys.executable, "-m", "fazhi", "crawl", site.url("/col/index.html"), "--out", str(out),
                           "--delay", "0", "--format", "json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    stats = json.loads(proc.stdout)
    assert stats["reports"] == 32 and stats["list_pages"] == 4
    assert (out / MANIFEST).is_file()
    proc = subprocess.run([sys.executable, "-m", "fazhi", "crawl", site.url("/col/index.html"), "--out", str(out),
                           "--delay", "0"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0
    assert "本次新下载 0 个文件" in proc.stdout
