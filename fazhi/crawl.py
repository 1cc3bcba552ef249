"""Crawling a government site's column of reports: list pages, report pages, attachments.

`fazhi crawl URL --out DIR` starts at a column (法治政府建设年度报告 …), walks its list
pages (static 下一页 / page-number links and the TRS ``createPageHTML(count, current,
"index", "html")`` script that most government CMSs use), and downloads every report page
and its attachments once into ``DIR/reports`` and ``DIR/attachments`` (by host and path). Every fetch is recorded in
``DIR/fazhi-crawl.jsonl`` (URL, final URL, time, status, headers, sha256, stored path),
which makes the crawl resumable: a second run re-asks only for the list pages, with
If-None-Match / If-Modified-Since, and fetches nothing it already holds.

Politeness: robots.txt is obeyed (a site whose robots.txt cannot be reached is not
crawled, as RFC 9309 asks), requests to one host are spaced by `crawl_delay` (or the
site's Crawl-delay if longer), and every request has the fetcher's timeouts, size cap,
redirect limit and retries with backoff. `fazhi analyze DIR/reports` then reads the
stored reports, one record each; a page whose body only links to an attachment reads the
stored attachment.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
import urllib.robotparser
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from .settings import DEFAULT, ReadSettings

MANIFEST = "fazhi-crawl.jsonl"
DEFAULT_MATCH = r"法治|依法"
_KEEP_HEADERS = ("content-type", "content-length", "etag", "last-modified", "date", "server")
_NEXT = re.compile(r"^\s*(下一页|下页|后一页|后页|next|›|»|>|>>|尾页|末页|最后一页)\s*$", re.I)
_PAGE_SCRIPT = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_ARTICLE_EXT = re.compile(r"\.(s?html?|jhtml|jsp|php|aspx?)$|/[^./]+$", re.I)
_LISTISH = re.compile(r"(^|/)(index|list|default)(_\d+)?\.(s?html?|jsp|php|aspx?)$", re.I)


@dataclass
class CrawlStats:
    """What one crawl did, for the summary a reviewer reads."""

    list_pages: int = 0
    reports: int = 0
    attachments: int = 0
    downloaded: int = 0  # new or changed files written
    unchanged: int = 0  # 304 answers and files already held
    failed: int = 0
    robots_blocked: int = 0
    errors: list[str] = field(default_factory=list)


_DIRS = {"list": "lists", "report": "reports", "attachment": "attachments"}


def store_path(url: str, kind: str = "report") -> str:
    """Where a URL is stored: DIR/reports, DIR/attachments or DIR/lists, then host and path.

    Report pages (and report files linked straight from a list) go to ``reports`` so that
    ``fazhi analyze DIR/reports`` gives one record per report; attachments and list pages
    are kept apart (list pages are kept for conditional re-requests).
    """
    p = urlparse(url)
    path = unquote(p.path or "/")
    if path.endswith("/"):
        path += "index.html"
    parts = [re.sub(r'[<>:"\\|?*\x00-\x1f]', "_", seg) for seg in path.split("/") if seg not in ("", ".", "..")]
    if not parts:
        parts = ["index.html"]
    if p.query:
        stem, dot, ext = parts[-1].rpartition(".")
        tag = hashlib.sha1(p.query.encode()).hexdigest()[:10]
        parts[-1] = f"{stem}_{tag}.{ext}" if dot else f"{parts[-1]}_{tag}"
    host = re.sub(r"[^A-Za-z0-9.\-]", "_", p.hostname or "host") + (f"_{p.port}" if p.port else "")
    return "/".join([_DIRS.get(kind, "reports"), host, *parts])


def load_manifest(out: Path) -> dict[str, dict]:
    """The last record of every URL fetched into `out` (by URL and by final URL)."""
    records: dict[str, dict] = {}
    path = out / MANIFEST
    if not path.is_file():
        return records
    for line in path.read_text("utf-8").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by an interrupted run
        if not isinstance(rec, dict) or "url" not in rec:
            continue
        if rec.get("status") == 304:
            prev = records.get(rec["url"], {})
            rec = {**prev, "checked_at": rec.get("fetched_at")}
        records[rec["url"]] = rec
        if rec.get("final_url"):
            records.setdefault(rec["final_url"], rec)
    return records


def lookup(path: Path) -> tuple[str | None, dict[str, str]]:
    """For a file saved by a crawl: its original URL, and every stored URL's absolute path."""
    path = Path(path).resolve()
    for parent in list(path.parents)[:10]:
        manifest = parent / MANIFEST
        if manifest.is_file():
            st = manifest.stat()
            url_of, path_of = _index(str(parent), st.st_mtime_ns, st.st_size)
            return url_of.get(str(path)), path_of
    return None, {}


@lru_cache(maxsize=8)
def _index(root: str, _mtime: int, _size: int) -> tuple[dict[str, str], dict[str, str]]:
    url_of: dict[str, str] = {}
    path_of: dict[str, str] = {}
    for url, rec in load_manifest(Path(root)).items():
        if rec.get("path"):
            full = str((Path(root) / rec["path"]).resolve())
            path_of[url] = full
            url_of.setdefault(full, rec.get("final_url") or rec["url"])
    return url_of, path_of


class Crawler:
    """One crawl of one column into one directory (see module doc)."""

    def __init__(self, start: str, out: Path, settings: ReadSettings = DEFAULT, match: str | None = DEFAULT_MATCH,
                 max_pages: int | None = None, refresh: bool = False,
                 progress: Callable[[str, str], None] | None = None) -> None:
        self.start = urldefrag(start)[0]
        self.out = Path(out)
        self.settings = settings
        self.match = re.compile(match) if match else None
        self.max_pages = max_pages or settings.crawl_max_pages
        self.refresh = refresh
        self.progress = progress or (lambda _kind, _url: None)
        self.stats = CrawlStats()
        self.records = load_manifest(self.out)
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_delay: dict[str, float] = {}
        self._last: dict[str, float] = {}
        self._requests = 0
        self._client = None
        host = urlparse(self.start)
        self.host = host.netloc
        self.column_dir = host.path.rsplit("/", 1)[0] + "/"

    # ------------------------------------------------------------------ plumbing
    def _wait(self, url: str) -> None:
        host = urlparse(url).netloc
        delay = max(self.settings.crawl_delay, self._robots_delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            pause = delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        from .read.fetch import fetch_bytes

        p = urlparse(url)
        key = f"{p.scheme}://{p.netloc}"
        if key not in self._robots:
            self._wait(url)
            got = fetch_bytes(key + "/robots.txt", self.settings.with_(fetch_retries=1), client=self._client)
            self._requests += 1
            parser = urllib.robotparser.RobotFileParser()
            if got.status is not None and 400 <= got.status < 500:
                parser.allow_all = True
            elif got.status is not None and got.status < 300 and got.data is not None:
                parser.parse(got.data.decode("utf-8", "replace").splitlines())
                delay = parser.crawl_delay(self.settings.user_agent) or parser.crawl_delay("*")
                if delay:
                    self._robots_delay[p.netloc] = min(float(delay), 60.0)
            else:
                parser = None
                self.stats.errors.append(f"{key}/robots.txt 无法访问（{got.error or got.status}），按 robots 规范不抓取该网站")
            self._robots[key] = parser
        parser = self._robots[key]
        if parser is None:
            return False
        return parser.can_fetch(self.settings.user_agent, url)

    def _record(self, url: str, kind: str, got, path: str | None, note: str | None = None) -> dict:
        rec = {"url": url, "final_url": got.final_url or url, "kind": kind, "status": got.status,
               "fetched_at": got.fetched_at, "headers": {k: v for k, v in got.headers.items() if k in _KEEP_HEADERS},
               "sha256": got.sha256 or None, "bytes": len(got.data) if got.data else 0, "path": path,
               "error": got.error or note}
        self.out.mkdir(parents=True, exist_ok=True)
        with open(self.out / MANIFEST, "a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if got.status == 304:
            rec = {**self.records.get(url, {}), "checked_at": got.fetched_at}
        self.records[url] = rec
        if rec.get("final_url"):
            self.records.setdefault(rec["final_url"], rec)
        return rec

    def _stored(self, url: str) -> Path | None:
        rec = self.records.get(url)
        if rec and rec.get("path") and (self.out / rec["path"]).is_file():
            return self.out / rec["path"]
        return None

    def _get(self, url: str, kind: str, conditional: bool) -> bytes | None:
        """Fetch (conditionally when asked and held), store, record; the body or the stored copy."""
        from .read.fetch import fetch_bytes

        if self._requests >= self.max_pages:
            if "抓取数量达到上限" not in " ".join(self.stats.errors):
                self.stats.errors.append(f"抓取数量达到上限（{self.max_pages}），其余页面未抓取")
            return None
        if not self._allowed(url):
            self.stats.robots_blocked += 1
            return None
        held = self._stored(url)
        prev = self.records.get(url, {})
        etag = prev.get("headers", {}).get("etag") if conditional and held else None
        modified = prev.get("headers", {}).get("last-modified") if conditional and held else None
        self._wait(url)
        self.progress(kind, url)
        got = fetch_bytes(url, self.settings, etag=etag, last_modified=modified, client=self._client)
        self._requests += 1
        if got.status == 304 and held is not None:
            self._record(url, kind, got, prev.get("path"))
            self.stats.unchanged += 1
            return held.read_bytes()
        if got.error or got.status is None or got.status >= 400:
            self._record(url, kind, got, None)
            self.stats.failed += 1
            self.stats.errors.append(f"{url}：{got.error or got.status}")
            return held.read_bytes() if held is not None else None
        rel = store_path(got.final_url or url, kind)
        target = self.out / rel
        if held is not None and prev.get("sha256") == got.sha256:
            self.stats.unchanged += 1
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(got.data)
            self.stats.downloaded += 1
        self._record(url, kind, got, rel)
        return got.data

    # ------------------------------------------------------------------ parsing
    def _links(self, data: bytes, page_url: str) -> tuple[list[str], list[tuple[str, str]]]:
        """(list pages, (report URL, link text)) found on a list page."""
        from selectolax.lexbor import LexborHTMLParser

        from .read.html import _clean, _strip_furniture, decode_html

        text, _enc = decode_html(data)
        tree = LexborHTMLParser(text)
        base = tree.css_first("base")
        if base is not None and base.attributes.get("href"):
            page_url = urljoin(page_url, base.attributes["href"])
        pages: list[str] = []
        for m in _PAGE_SCRIPT.finditer(text):
            pages.extend(self._script_pages(m.group(1), page_url))
        # pagination links sit in pager elements that count as furniture: read them first
        for a in tree.css("a[href]"):
            label = _clean(a.text()) or (a.attributes.get("title") or "")
            url = self._absolute(a.attributes.get("href") or "", page_url)
            if url is None:
                continue
            if _NEXT.match(label) or (label.isdigit() and len(label) <= 4 and self._in_column(url)):
                if self._in_column(url):
                    pages.append(url)
        if tree.body is not None:
            _strip_furniture(tree.body)
        reports: list[tuple[str, str]] = []
        for a in tree.css("a[href]"):
            label = _clean(a.text()) or _clean(a.attributes.get("title") or "")
            url = self._absolute(a.attributes.get("href") or "", page_url)
            if url is None or url in pages or url == page_url:
                continue
            if not self._looks_report(url, label):
                continue
            reports.append((url, label))
        return pages, reports

    def _script_pages(self, args: str, page_url: str) -> list[str]:
        """List pages named by a TRS createPageHTML(count, current, prefix, suffix) call."""
        ints = [int(x) for x in re.findall(r"(?<![\w.])(\d+)(?![\w.])", args)]
        strings = re.findall(r"""["']([^"']*)["']""", args)
        if not ints or len(strings) < 2:
            return []
        prefix, suffix = (strings[1], strings[2]) if len(strings) >= 3 else (strings[0], strings[1])
        count = min(ints[0], self.max_pages)
        names = [f"{prefix}.{suffix}"] + [f"{prefix}_{i}.{suffix}" for i in range(1, count)]
        return [urljoin(page_url, n) for n in names]

    def _absolute(self, href: str, page_url: str) -> str | None:
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            return None
        url = urldefrag(urljoin(page_url, href))[0]
        p = urlparse(url)
        if p.scheme not in ("http", "https") or p.netloc != self.host:
            return None
        return url

    def _in_column(self, url: str) -> bool:
        return urlparse(url).path.startswith(self.column_dir)

    def _looks_report(self, url: str, label: str) -> bool:
        from .read.html import _config

        path = urlparse(url).path
        if _config()["_att_re"].search(path):
            return self.match is None or bool(self.match.search(label)) or not label
        if len(re.findall(r"[\u4e00-\u9fff]", label)) < 6:
            return False
        if path.endswith("/") or _LISTISH.search(path) or not _ARTICLE_EXT.search(path):
            return False
        return self.match is None or bool(self.match.search(label))

    def _attachments(self, data: bytes, page_url: str) -> list[str]:
        from selectolax.lexbor import LexborHTMLParser

        from .read.html import _attachments, _strip_furniture, decode_html

        text, _enc = decode_html(data)
        tree = LexborHTMLParser(text)
        node = tree.body
        if node is None:
            return []
        _strip_furniture(node)  # related links and navigation go; 附件 links beside the text stay
        out = []
        for href, _label in _attachments(node, page_url):
            url = self._absolute(href, page_url)
            if url and url not in out:
                out.append(url)
        return out

    # ------------------------------------------------------------------ the crawl
    def run(self) -> CrawlStats:
        from .read import sniff
        from .read.fetch import _client

        self._client = _client(self.settings)
        try:
            queue = deque([self.start])
            seen_lists = {self.start}
            reports: list[str] = []
            seen_reports: set[str] = set()
            while queue:
                url = queue.popleft()
                data = self._get(url, "list", conditional=True)
                if data is None:
                    continue
                self.stats.list_pages += 1
                pages, found = self._links(data, url)
                for p in pages:
                    if p not in seen_lists:
                        seen_lists.add(p)
                        queue.append(p)
                for r, _label in found:
                    if r not in seen_reports and r not in seen_lists:
                        seen_reports.add(r)
                        reports.append(r)
            for url in reports:
                held = self._stored(url)
                if held is not None and not self.refresh:
                    data = held.read_bytes()
                    self.stats.unchanged += 1
                else:
                    data = self._get(url, "report", conditional=self.refresh)
                if data is None:
                    continue
                self.stats.reports += 1
                if sniff(data, url) != "html":
                    continue
                for att in self._attachments(data, self.records.get(url, {}).get("final_url") or url):
                    if self._stored(att) is not None and not self.refresh:
                        self.stats.attachments += 1
                        self.stats.unchanged += 1
                        continue
                    if self._get(att, "attachment", conditional=self.refresh) is not None:
                        self.stats.attachments += 1
        finally:
            self._client.close()
            self._client = None
        return self.stats


def crawl(start: str, out: "str | Path", settings: ReadSettings = DEFAULT, **kw) -> CrawlStats:
    """Crawl one column into `out` (see `Crawler`)."""
    return Crawler(start, Path(out), settings, **kw).run()
