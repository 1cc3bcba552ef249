"""What a column's pages link to: further list pages, report pages and attachments.

A column is the list of reports a site keeps under one path (…/fzzfjsndbg/index.html). Its list
pages are found by 下一页 / page-number links and by the TRS ``createPageHTML(count, current,
prefix, suffix)`` script; report links are the column's article links whose text reads like a
report title (six or more Chinese characters matching `match`), or attachment files. Only links
on the start page's host count, and pagination only under the column's directory. The page's
furniture (navigation, related links) is removed with the HTML reader's own rules before report
links and attachments are taken, so the crawler and the reader agree on what is furniture.
"""
from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlparse

from ..read.html import attachment_links, clean_text, decode_html, is_attachment, strip_furniture

DEFAULT_MATCH = r"法治|依法"
_NEXT = re.compile(r"^\s*(下一页|下页|后一页|后页|next|›|»|>|>>|尾页|末页|最后一页)\s*$", re.I)
_PAGE_SCRIPT = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_ARTICLE_EXT = re.compile(r"\.(s?html?|jhtml|jsp|php|aspx?)$|/[^./]+$", re.I)
_LISTISH = re.compile(r"(^|/)(index|list|default)(_\d+)?\.(s?html?|jsp|php|aspx?)$", re.I)


class Column:
    """The links of one column's pages, relative to its start URL."""

    def __init__(self, start: str, match: str | None = DEFAULT_MATCH, max_pages: int = 2000) -> None:
        self.start = urldefrag(start)[0]
        self.match = re.compile(match) if match else None
        self.max_pages = max_pages
        p = urlparse(self.start)
        self.host = p.netloc
        self.column_dir = p.path.rsplit("/", 1)[0] + "/"

    def links(self, data: bytes, page_url: str) -> tuple[list[str], list[tuple[str, str]]]:
        """(list pages, (report URL, link text)) found on a list page."""
        from selectolax.lexbor import LexborHTMLParser

        text, _enc = decode_html(data)
        tree = LexborHTMLParser(text)
        base = tree.css_first("base")
        if base is not None and base.attributes.get("href"):
            page_url = urljoin(page_url, base.attributes["href"])
        pages: list[str] = []
        for m in _PAGE_SCRIPT.finditer(text):
            pages.extend(self.script_pages(m.group(1), page_url))
        # pagination links sit in pager elements that count as furniture: read them first
        for a in tree.css("a[href]"):
            label = clean_text(a.text()) or (a.attributes.get("title") or "")
            url = self.absolute(a.attributes.get("href") or "", page_url)
            if url is None:
                continue
            if _NEXT.match(label) or (label.isdigit() and len(label) <= 4 and self.in_column(url)):
                if self.in_column(url):
                    pages.append(url)
        if tree.body is not None:
            strip_furniture(tree.body)
        reports: list[tuple[str, str]] = []
        for a in tree.css("a[href]"):
            label = clean_text(a.text()) or clean_text(a.attributes.get("title") or "")
            url = self.absolute(a.attributes.get("href") or "", page_url)
            if url is None or url in pages or url == page_url:
                continue
            if not self.looks_report(url, label):
                continue
            reports.append((url, label))
        return pages, reports

    def script_pages(self, args: str, page_url: str) -> list[str]:
        """List pages named by a TRS createPageHTML(count, current, prefix, suffix) call."""
        ints = [int(x) for x in re.findall(r"(?<![\w.])(\d+)(?![\w.])", args)]
        strings = re.findall(r"""["']([^"']*)["']""", args)
        if not ints or len(strings) < 2:
            return []
        prefix, suffix = (strings[1], strings[2]) if len(strings) >= 3 else (strings[0], strings[1])
        count = min(ints[0], self.max_pages)
        names = [f"{prefix}.{suffix}"] + [f"{prefix}_{i}.{suffix}" for i in range(1, count)]
        return [urljoin(page_url, n) for n in names]

    def absolute(self, href: str, page_url: str) -> str | None:
        """The link as an absolute http(s) URL on the column's host, without fragment; else None."""
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            return None
        url = urldefrag(urljoin(page_url, href))[0]
        p = urlparse(url)
        if p.scheme not in ("http", "https") or p.netloc != self.host:
            return None
        return url

    def in_column(self, url: str) -> bool:
        return urlparse(url).path.startswith(self.column_dir)

    def looks_report(self, url: str, label: str) -> bool:
        path = urlparse(url).path
        if is_attachment(path):
            return self.match is None or bool(self.match.search(label)) or not label
        if len(re.findall(r"[\u4e00-\u9fff]", label)) < 6:
            return False
        if path.endswith("/") or _LISTISH.search(path) or not _ARTICLE_EXT.search(path):
            return False
        return self.match is None or bool(self.match.search(label))

    def attachments(self, data: bytes, page_url: str) -> list[str]:
        """The attachment files a report page links to beside its text (furniture removed)."""
        from selectolax.lexbor import LexborHTMLParser

        text, _enc = decode_html(data)
        tree = LexborHTMLParser(text)
        node = tree.body
        if node is None:
            return []
        strip_furniture(node)  # related links and navigation go; 附件 links beside the text stay
        out = []
        for href, _label in attachment_links(node, page_url):
            url = self.absolute(href, page_url)
            if url and url not in out:
                out.append(url)
        return out
