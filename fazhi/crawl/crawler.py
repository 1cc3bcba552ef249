"""The crawl itself: walk a column's list pages, store every report page and attachment once,
and record every fetch in the manifest (see the package doc)."""
from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlparse

from ..read import sniff
from ..read.fetch import fetch_bytes, http_client
from ..read.saved import MANIFEST, load_manifest
from ..settings import DEFAULT, ReadSettings
from .polite import Politeness
from .site import DEFAULT_MATCH, Column

_KEEP_HEADERS = ("content-type", "content-length", "etag", "last-modified", "date", "server")


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


class Crawler:
    """One crawl of one column into one directory (see the package doc)."""

    def __init__(self, start: str, out: Path, settings: ReadSettings = DEFAULT, match: str | None = DEFAULT_MATCH,
                 max_pages: int | None = None, refresh: bool = False,
                 progress: Callable[[str, str], None] | None = None) -> None:
        self.out = Path(out)
        self.settings = settings
        self.max_pages = max_pages or settings.crawl_max_pages
        self.column = Column(start, match, self.max_pages)
        self.start = self.column.start
        self.refresh = refresh
        self.progress = progress or (lambda _kind, _url: None)
        self.stats = CrawlStats()
        self.records = load_manifest(self.out)
        self.polite = Politeness(settings, self.stats.errors)
        self._pages = 0  # requests for pages and files (robots.txt requests are counted by `polite`)
        self._client = None

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
        if self._pages + self.polite.requests >= self.max_pages:
            if "抓取数量达到上限" not in " ".join(self.stats.errors):
                self.stats.errors.append(f"抓取数量达到上限（{self.max_pages}），其余页面未抓取")
            return None
        if not self.polite.allowed(url, self._client):
            self.stats.robots_blocked += 1
            return None
        held = self._stored(url)
        prev = self.records.get(url, {})
        etag = prev.get("headers", {}).get("etag") if conditional and held else None
        modified = prev.get("headers", {}).get("last-modified") if conditional and held else None
        self.polite.wait(url)
        self.progress(kind, url)
        got = fetch_bytes(url, self.settings, etag=etag, last_modified=modified, client=self._client)
        self._pages += 1
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

    def run(self) -> CrawlStats:
        self._client = http_client(self.settings)
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
                pages, found = self.column.links(data, url)
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
                for att in self.column.attachments(data, self.records.get(url, {}).get("final_url") or url):
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
