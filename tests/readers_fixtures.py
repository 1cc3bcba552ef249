"""Shared helpers for the reader tests: the reports to render, and what "the same analysis" means.

The format-invariance tests render each seed report and each example report into HTML,
PDF, a scanned PDF, DOCX and OFD, and compare the analysis of every copy with the
analysis of the text: metadata fields, section titles and levels, figures (indicator,
value, unit) and findings (check, severity) as multisets, since offsets differ between
copies by construction.
"""
from __future__ import annotations

import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from .conftest import example_gold, shared_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir()
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"

# A short county report of every required part, in our own words: small enough that a reader test
# (an OCR pass costs seconds a page) can render it in each format
SHORT_REPORT = """某县人民政府关于2023年度法治政府建设情况的报告
2023年，我县坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进法治政府建设。现将有关情况报告如下：
一、主要举措和成效
（一）依法全面履行政府职能。全年受理行政复议案件73件，办结70件，办结率95.9%。
（二）严格规范公正文明执法。组织行政执法人员培训12次，参训860人次。
二、存在的不足和原因
执法队伍专业化水平有待提高，原因是培训不够系统。
三、2024年工作打算
继续深化法治政府建设，全面提升依法行政水平。
某县人民政府
2024年3月28日
"""

META_KEYS = ("title", "jurisdiction", "level", "department", "province", "city", "county", "division_code",
             "report_year", "published", "signed", "issuer", "doc_type")

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                   reason="LibreOffice (soffice) is not installed: the .doc/.wps path is not tested")


def report_texts(only_reports: bool = False) -> list[tuple[str, str]]:
    """(name, text) of every seed (when ../shared/seeds exists) and every example listed in the golden file.

    `only_reports` leaves out the examples whose gold says they are look-alikes (a plan, a
    disclosure report), for tests that need the genre itself whatever ../shared holds.
    """
    out = []
    if SEEDS.is_dir():
        for p in sorted(SEEDS.glob("*.txt")):
            out.append((f"seed:{p.stem}", p.read_text("utf-8")))
    from fazhi.read.text import decode

    gold = example_gold()
    for name in sorted(gold):
        p = EXAMPLES / name
        if only_reports and gold[name].get("doc_type", "report") != "report":
            continue
        if p.is_file():
            out.append((f"example:{p.stem}", decode(p.read_bytes())[0]))
    return out


def norm(s) -> str:
    if s is None:
        return ""
    return "".join(ch for ch in unicodedata.normalize("NFKC", str(s)) if not ch.isspace())


def summary(rec: dict) -> dict:
    """The parts of an analysis record that must not depend on the input format."""
    md = rec.get("metadata") or {}
    return {
        "metadata": {k: norm(md.get(k)) for k in META_KEYS},
        "sections": [(s["level"], norm(s["title"])) for s in rec.get("sections", [])],
        "figures": Counter((f.get("indicator"), f.get("value"), f.get("unit")) for f in rec.get("figures", [])),
        "findings": Counter((f["check"], f["severity"]) for f in rec.get("findings", [])),
    }


def differences(want: dict, got: dict) -> list[str]:
    """What differs between two summaries, one line each."""
    out = []
    for k in META_KEYS:
        if want["metadata"][k] != got["metadata"][k]:
            out.append(f"metadata.{k}: text {want['metadata'][k]!r}, copy {got['metadata'][k]!r}")
    if want["sections"] != got["sections"]:
        lost = [s for s in want["sections"] if s not in got["sections"]]
        new = [s for s in got["sections"] if s not in want["sections"]]
        out.append(f"sections: {len(want['sections'])} in the text, {len(got['sections'])} in the copy; "
                   f"only in the text {lost[:5]}, only in the copy {new[:5]}")
    for key in ("figures", "findings"):
        missing = want[key] - got[key]
        extra = got[key] - want[key]
        if missing or extra:
            out.append(f"{key}: missing {dict(missing)}, extra {dict(extra)}")
    return out


def figure_recall(want: dict, got: dict) -> float:
    total = sum(want["figures"].values())
    if not total:
        return 1.0
    return sum((want["figures"] & got["figures"]).values()) / total


# ---------------------------------------------------------------------------- a website on localhost

class Site:
    """A small website served on 127.0.0.1 by the test itself, logging every request.

    `routes` maps a path (with its query) to (status, headers, body) or to a callable
    taking the request handler and returning that triple. Static 200 answers carry an
    ETag and honour If-None-Match with 304, as government CMSs behind nginx do.
    """

    def __init__(self, routes: dict | None = None) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.routes: dict = dict(routes or {})
        self.log: list[tuple[str, str, dict]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                import hashlib

                site.log.append(("GET", self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/html; charset=utf-8"}, "<h1>404</h1>".encode()
                elif callable(route):
                    status, headers, body = route(self)
                    if status is None:
                        return  # the route wrote its own answer
                else:
                    status, headers, body = route
                headers = dict(headers)
                if status == 200:
                    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                    headers.setdefault("ETag", etag)
                    if self.headers.get("If-None-Match") == headers["ETag"]:
                        self.send_response(304)
                        self.send_header("ETag", headers["ETag"])
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests_to(self, prefix: str) -> list[str]:
        return [p for _m, p, _h in self.log if p.startswith(prefix)]


def html_route(body: bytes, charset: str | None = "utf-8") -> tuple[int, dict, bytes]:
    ctype = "text/html" + (f"; charset={charset}" if charset else "")
    return 200, {"Content-Type": ctype}, body


def file_route(body: bytes, ctype: str) -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": ctype}, body
