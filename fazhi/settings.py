"""Limits and switches for reading untrusted input, with defaults that suit one laptop.

Every limit exists so that one hostile or broken document yields an `unreadable`
finding in bounded time and memory while the rest of a batch goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class ReadContext:
    """What one read hands to the reads it starts: the fetch tells the HTML reader the page's
    URL and HTTP charset, a page following its attachment marks the inner read so it does not
    follow again, and an archive tells its members how deep they are and how many bytes the
    whole archive may still inflate. Typed, so a reader cannot misspell what another set."""

    page_url: str | None = None  # the URL a page was fetched from (relative links resolve against it)
    http_charset: str | None = None  # the charset the server declared for the page
    following: bool = False  # this read is of an attachment a link-only page points to
    zip_depth: int = 0  # archives this read is nested in
    zip_budget: list[int] | None = None  # bytes the outermost archive may still inflate (shared, mutable)


@dataclass(frozen=True)
class ReadSettings:
    max_bytes: int = 200 * 1024 * 1024  # refuse inputs larger than this
    max_chars: int = 5_000_000  # truncate extracted text beyond this (a report is ~10k)
    max_pages: int = 500  # PDF/OFD pages read; the rest are reported as skipped
    ocr: str = "auto"  # auto | always | never
    ocr_dpi: int = 200
    zip_max_members: int = 1000
    zip_max_total_bytes: int = 500 * 1024 * 1024
    zip_max_ratio: int = 200  # uncompressed/compressed ratio above which a member is a bomb
    zip_max_depth: int = 3
    fetch_timeout: float = 20.0
    fetch_max_redirects: int = 5
    allow_private_urls: bool = True  # a service sets False: no loopback / private targets
    user_agent: str = "fazhi/0.1 (+https://github.com/fazhi-project/fazhi)"
    # OCR: pages beyond this many are not recognised (about 1.4 s of CPU each), and the
    # detector sees the page scaled so its longer side is at most this many pixels; 736
    # keeps every line of an A4 page at 200 dpi (character error rate 0.15% on scans of
    # the examples and seeds) and costs ~0.25 s of CPU (bench/read.py, December 2026).
    ocr_max_pages: int = 60
    # A page is rendered for OCR only if page size x dpi stays within this many pixels (an A4 page
    # at 150 dpi is 2.2 million; A0 at 150 dpi 35 million); a larger page is rendered at a lower
    # dpi down to ocr_min_dpi, below which it is refused. A 654-byte PDF can declare a page of
    # 200 x 200 inches: 1.4 billion pixels at 150 dpi, 16 GB before anything is recognised.
    ocr_max_page_pixels: int = 40_000_000
    ocr_min_dpi: int = 72
    # Memory a document may take while its pages are rendered and recognised (resident size
    # growth since the document was opened); the pages left are then not recognised.
    max_document_memory: int = 1024 * 1024 * 1024
    ocr_det_side: int = 736
    # threads one OCR engine may use (onnxruntime's intra-op pool); 0 lets onnxruntime use
    # every core, which suits one document at a time; a batch running several OCR workers on
    # one machine gives each cores/workers so they do not fight over the same cores
    ocr_threads: int = 0
    min_text_chars: int = 20  # a PDF page with fewer usable characters counts as having no text layer
    fetch_max_bytes: int = 50 * 1024 * 1024  # a download larger than this is abandoned
    fetch_retries: int = 2  # retries after a timeout, a connection error, 429 or 5xx
    follow_attachments: bool = True  # a page whose body only links to a PDF/DOC/OFD reads that file
    # a saved page is read with its crawl manifest (fazhi-crawl.jsonl: its URL, where its attachment
    # was stored); a service reading uploads sets False, since an uploaded manifest is the uploader's word
    crawl_manifests: bool = True
    soffice_timeout: float = 120.0  # seconds for one LibreOffice conversion of a .doc/.wps
    crawl_delay: float = 1.0  # seconds between two requests to the same host while crawling
    crawl_max_pages: int = 2000  # pages (lists, reports, attachments) one crawl fetches at most
    xml_max_bytes: int = 64 * 1024 * 1024  # one XML part of a DOCX/OFD larger than this is refused
    context: ReadContext = field(default_factory=ReadContext)

    def with_(self, **kw) -> "ReadSettings":
        return replace(self, **kw)

    def within(self, **kw) -> "ReadSettings":
        """These settings with the read context changed (see ReadContext)."""
        return replace(self, context=replace(self.context, **kw))


DEFAULT = ReadSettings()
