"""Politeness toward the sites crawled: robots.txt obeyed, requests to one host spaced.

A site whose robots.txt cannot be reached (a network error or a 5xx answer) is not crawled,
as RFC 9309 asks; a 4xx answer means the site has no rules. The pause between two requests
to one host is the crawl delay of the settings or the site's own Crawl-delay, whichever is
longer (capped at a minute, so a hostile robots.txt cannot stall a crawl for hours).
"""
from __future__ import annotations

import time
import urllib.robotparser
from urllib.parse import urlparse

from ..read.fetch import fetch_bytes
from ..settings import ReadSettings

MAX_ROBOTS_DELAY = 60.0


class Politeness:
    """robots.txt rules and per-host pacing for one crawl."""

    def __init__(self, settings: ReadSettings, errors: list[str]) -> None:
        self.settings = settings
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_delay: dict[str, float] = {}
        self._last: dict[str, float] = {}
        self.requests = 0  # robots.txt requests made (they count against the crawl's page budget)
        self.errors = errors  # the crawl's list of problems for the reviewer

    def wait(self, url: str) -> None:
        """Sleep until a request to the URL's host keeps the delay since the last one."""
        host = urlparse(url).netloc
        delay = max(self.settings.crawl_delay, self._robots_delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            pause = delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str, client=None) -> bool:
        """Whether the site's robots.txt lets our user agent fetch `url` (fetched once per site)."""
        p = urlparse(url)
        key = f"{p.scheme}://{p.netloc}"
        if key not in self._robots:
            self.wait(url)
            got = fetch_bytes(key + "/robots.txt", self.settings.with_(fetch_retries=1), client=client)
            self.requests += 1
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            if got.status is not None and 400 <= got.status < 500:
                parser.allow_all = True
            elif got.status is not None and got.status < 300 and got.data is not None:
                parser.parse(got.data.decode("utf-8", "replace").splitlines())
                delay = parser.crawl_delay(self.settings.user_agent) or parser.crawl_delay("*")
                if delay:
                    self._robots_delay[p.netloc] = min(float(delay), MAX_ROBOTS_DELAY)
            else:
                parser = None
                self.errors.append(f"{key}/robots.txt 无法访问（{got.error or got.status}），按 robots 规范不抓取该网站")
            self._robots[key] = parser
        parser = self._robots[key]
        if parser is None:
            return False
        return parser.can_fetch(self.settings.user_agent, url)
