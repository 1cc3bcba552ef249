"""Crawling a government site's column of reports: list pages, report pages, attachments.

`fazhi crawl URL --out DIR` starts at a column (法治政府建设年度报告 …), walks its list
pages (static 下一页 / page-number links and the TRS ``createPageHTML(count, current,
"index", "html")`` script that most government CMSs use), and downloads every report page
and its attachments once into ``DIR/reports`` and ``DIR/attachments`` (by host and path). Every
fetch is recorded in ``DIR/fazhi-crawl.jsonl`` (URL, final URL, time, status, headers, sha256,
stored path), which makes the crawl resumable: a second run re-asks only for the list pages,
with If-None-Match / If-Modified-Since, and fetches nothing it already holds.

Politeness: robots.txt is obeyed (a site whose robots.txt cannot be reached is not
crawled, as RFC 9309 asks), requests to one host are spaced by `crawl_delay` (or the
site's Crawl-delay if longer), and every request has the fetcher's timeouts, size cap,
redirect limit and retries with backoff. `fazhi analyze DIR/reports` then reads the
stored reports, one record each; a page whose body only links to an attachment reads the
stored attachment (fazhi.read.saved reads the manifest for the readers).

The package acquires; fazhi.read reads. It uses only public functions of fazhi.read (the
fetcher, the HTML reader's furniture and attachment rules, `sniff`), and fazhi.read never
imports it. Modules: `site` (what a column's pages link to), `polite` (robots.txt and the
pause between requests), `crawler` (the walk, the stored files and the manifest).
"""
from __future__ import annotations

from ..read.saved import MANIFEST, load_manifest, lookup
from .crawler import Crawler, CrawlStats, crawl, store_path
from .site import DEFAULT_MATCH

__all__ = ["MANIFEST", "DEFAULT_MATCH", "Crawler", "CrawlStats", "crawl", "load_manifest", "lookup", "store_path"]
