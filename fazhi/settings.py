"""Limits and switches for reading untrusted input, with defaults that suit one laptop.

Every limit exists so that one hostile or broken document yields an `unreadable`
finding in bounded time and memory while the rest of a batch goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class ReadSettings:
    max_bytes: int = 200 * 1024 * 1024  # refuse inputs larger than this
    max_chars: int = 5_000_000  # truncate extracted text beyond this (a report is ~10k)
    max_pages: int = 500  # PDF/OFD pages read; the rest are reported as skipped
    ocr: str = "auto"  # auto | always | never
    ocr_dpi: int = 150
    zip_max_members: int = 1000
    zip_max_total_bytes: int = 500 * 1024 * 1024
    zip_max_ratio: int = 200  # uncompressed/compressed ratio above which a member is a bomb
    zip_max_depth: int = 3
    fetch_timeout: float = 20.0
    fetch_max_redirects: int = 5
    allow_private_urls: bool = True  # a service sets False: no loopback / private targets
    user_agent: str = "fazhi/0.1 (+https://github.com/fazhi-project/fazhi)"
    extra: dict = field(default_factory=dict)

    def with_(self, **kw) -> "ReadSettings":
        return replace(self, **kw)


DEFAULT = ReadSettings()
