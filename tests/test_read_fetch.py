"""Fetching URLs from a localhost site: charsets, redirects, limits, retries, the private-address guard."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

import fazhi
from fazhi.read import load
from fazhi.read.fetch import fetch_bytes
from fazhi.settings import DEFAULT

from . import renderers as R
from .readers_fixtures import Site, file_route, html_route

pytest.importorskip("httpx")
pytest.importorskip("selectolax")

REPORT = """某县人民政府关于2023年度法治政府建设情况的报告
2023年，我县全面推进法治政府建设，全年受理行政复议案件73件，办结70件。
一、主要举措和成效
二、存在的不足和原因
三、2024年工作打算
某县人民政府
2024年3月28日
"""
FAST = DEFAULT.with_(fetch_timeout=2.0, fetch_retries=0)


def _stream_without_length(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/pdf")
    handler.send_header("Connection", "close")
    handler.end_headers()
    for _ in range(40):
        handler.wfile.write(b"0" * 65536)
    handler.close_connection = True
    return None, None, None


def _slow(handler):
    time.sleep(4)
    return 200, {"Content-Type": "text/html"}, b"<p>late</p>"


class Flaky:
    def __init__(self, failures: int) -> None:
        self.left = failures

    def __call__(self, handler):
        if self.left > 0:
            self.left -= 1
            return 503, {"Content-Type": "text/plain", "Retry-After": "0"}, b"busy"
        return html_route(R.render_html(REPORT))


@pytest.fixture()
def site():
    routes = {
        "/a/report.html": html_route(R.render_html(REPORT, page_meta={"published": "2024-03-29"})),
        "/a/gbk.html": html_route(R.render_html(REPORT, encoding="gbk", declare=False), charset="gbk"),
        "/a/link-only.html": html_route(R.render_html(REPORT, attachment="/files/P0202403.pdf",
                                                      page_meta={"published": "2024-03-29"})),
        "/files/P0202403.pdf": file_route(R.render_pdf(REPORT), "application/pdf"),
        "/r/1": (302, {"Location": "/r/2"}, b""),
        "/r/2": (301, {"Location": "/a/report.html"}, b""),
        "/loop/a": (302, {"Location": "/loop/b"}, b""),
        "/loop/b": (302, {"Location": "/loop/a"}, b""),
        "/big.pdf": file_route(b"%PDF-1.4\n" + b"0" * 2_000_000, "application/pdf"),
        "/stream.pdf": _stream_without_length,
        "/slow.html": _slow,
        "/flaky.html": Flaky(2),
    }
    for i in range(8):
        routes[f"/chain/{i}"] = (302, {"Location": f"/chain/{i + 1}"}, b"")
    with Site(routes) as s:
        yield s


def test_page_is_fetched_and_read_with_its_record(site):
    doc = load(site.url("/a/report.html"), FAST)[0]
    assert doc.format == "html" and doc.error is None
    assert doc.meta["url"] == site.url("/a/report.html") and doc.meta["http_status"] == 200
    assert doc.meta["fetched_at"].endswith("Z") and doc.meta["published"] == "2024-03-29"
    assert len(doc.sha256) == 64 and "受理行政复议案件73件" in doc.text


def test_charset_from_the_http_header(site):
    doc = load(site.url("/a/gbk.html"), FAST)[0]
    assert doc.encoding == "gb18030" and "行政复议" in doc.text


def test_redirects_followed_and_bounded(site):
    doc = load(site.url("/r/1"), FAST)[0]
    assert doc.error is None and doc.meta["url"] == site.url("/a/report.html")
    loop = fetch_bytes(site.url("/loop/a"), FAST)
    assert loop.error and "循环" in loop.error
    chain = fetch_bytes(site.url("/chain/0"), FAST.with_(fetch_max_redirects=5))
    assert chain.error and "重定向超过 5 次" in chain.error
    assert len(chain.redirects) == 6


def test_size_time_and_retries(site):
    big = fetch_bytes(site.url("/big.pdf"), FAST.with_(fetch_max_bytes=1_000_000))
    assert big.error and "超过下载上限" in big.error and not big.data
    streamed = fetch_bytes(site.url("/stream.pdf"), FAST.with_(fetch_max_bytes=1_000_000))
    assert streamed.error and "超过上限" in streamed.error
    t0 = time.monotonic()
    slow = fetch_bytes(site.url("/slow.html"), DEFAULT.with_(fetch_timeout=0.5, fetch_retries=0))
    assert time.monotonic() - t0 < 3 and "超时" in slow.error
    flaky = fetch_bytes(site.url("/flaky.html"), DEFAULT.with_(fetch_retries=2))
    assert flaky.error is None and flaky.status == 200 and flaky.attempts == 3
    missing = load(site.url("/nope.html"), FAST)[0]
    assert missing.error == "无法读取网址：网页不存在（HTTP 404）"


def test_private_addresses_refused_as_a_service(site):
    service = FAST.with_(allow_private_urls=False)
    for url in (site.url("/a/report.html"), "http://localhost:9/x", "http://10.1.2.3/x", "http://[::1]/x",
                "http://169.254.169.254/latest/meta-data/"):
        got = fetch_bytes(url, service)
        assert got.error and "内网或本机" in got.error, url
    assert "http/https" in fetch_bytes("file:///etc/passwd", service).error
    doc = load(site.url("/a/report.html"), service)[0]
    rep = fazhi.analyze_document(doc)
    assert rep.findings[0].check == "unreadable" and "内网" in rep.findings[0].message
    assert not site.requests_to("/a/")


def test_link_only_page_follows_its_attachment_over_http(site):
    doc = load(site.url("/a/link-only.html"), FAST)[0]
    assert doc.format == "pdf" and doc.error is None
    assert doc.source == site.url("/a/link-only.html")
    assert doc.meta["attachment_of"] == site.url("/a/link-only.html") and doc.meta["published"] == "2024-03-29"
    assert site.requests_to("/files/P0202403.pdf")


def test_analyze_url_from_the_command_line(site):
    proc = subprocess.run([sys.executable, "-m", "fazhi", "analyze", site.url("/a/report.html"), "--format", "jsonl"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert rec["source"] == site.url("/a/report.html") and rec["format"] == "html"
    assert rec["metadata"]["title"] == "某县人民政府关于2023年度法治政府建设情况的报告"
    assert rec["metadata"]["published"] == "2024-03-29"
    assert rec["page_metadata"]["url"] == site.url("/a/report.html")
