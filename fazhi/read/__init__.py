"""Readers: bytes in, `Document` out, one module per format.

`load(source)` accepts a path, `-` for standard input, or raw bytes, sniffs the format
from the content (never from the extension alone), and returns the Documents read from
it (several for an archive). A reader never raises on bad input: it returns a Document
whose `error` says, in Chinese, why it could not be read, so a batch goes on.
Each format is one `Reader` entry in `READERS` (its sniff test, reader function, pip extra
and Chinese name); `sniff` picks one.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..record import Document
from ..settings import DEFAULT, ReadSettings


class Probe:
    """The bytes a sniff looks at: the head, its lower-cased start, and (once, on demand) the
    member names of a ZIP container, so that the DOCX, OFD and ZIP tests share one listing."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.head = data[:2048]
        self.low = self.head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
        self._members: set[str] | None = None

    @property
    def is_zip(self) -> bool:
        return self.head.startswith((b"PK\x03\x04", b"PK\x05\x06"))

    @property
    def members(self) -> set[str]:
        """Lower-cased member names from the central directory (read without inflating)."""
        if self._members is None:
            import io
            import zipfile

            try:
                with zipfile.ZipFile(io.BytesIO(self.data)) as zf:
                    self._members = {n.lower().lstrip("/") for n in zf.namelist()}
            except (zipfile.BadZipFile, ValueError, EOFError, OSError):
                self._members = set()  # the archive reader reports the damage
        return self._members


@dataclass(frozen=True)
class Reader:
    """One input format: how to recognise it, the function that reads it (module:function under
    fazhi.read, imported on first use so that `import fazhi` stays fast and optional libraries
    stay optional), the pip extra that installs its libraries, and its Chinese name.

    `sniff` is tried in the order of READERS; a reader without one is chosen by its source (a
    URL) or is the fallback. Adding a format is adding one entry here and its module."""

    format: str
    read: str  # "module:function" in this package
    zh_name: str
    extra: str | None = None
    sniff: Callable[[Probe], bool] | None = None

    def __call__(self, data: bytes, source: str, settings: ReadSettings) -> "Document | list[Document]":
        module, func = self.read.split(":")
        try:
            mod = importlib.import_module(f"{__name__}.{module}")
        except ImportError as e:  # a library of this reader is not installed (an extra, or a damaged install)
            return Document(source=source, format=self.format, error=_missing_reader_message(self.format, e.name))
        return getattr(mod, func)(data, source, settings)


def _is_image(p: Probe) -> bool:
    head = p.head
    return (head[:8] == b"\x89PNG\r\n\x1a\n" or head[:3] == b"\xff\xd8\xff" or head[:4] in (b"II*\x00", b"MM\x00*")
            or head[:6] in (b"GIF87a", b"GIF89a") or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or head[:2] == b"BM")


def _is_mhtml(p: Probe) -> bool:
    """A "single file web page" (.mht), often saved by Word under a .doc name."""
    return (p.low.startswith((b"mime-version:", b"from:", b"subject:", b"date:", b"content-type: multipart/related"))
            and b"multipart/related" in p.head.lower())


READERS: tuple[Reader, ...] = (
    Reader("pdf", "pdf:read_pdf", "PDF", None, lambda p: p.head.startswith(b"%PDF") or b"%PDF-" in p.head[:1024]),
    Reader("docx", "docx:read_docx", "DOCX", None, lambda p: p.is_zip and "word/document.xml" in p.members),
    Reader("ofd", "ofd:read_ofd", "OFD", None, lambda p: p.is_zip and "ofd.xml" in p.members),
    Reader("zip", "archive:read_zip", "ZIP压缩包", None, lambda p: p.is_zip),
    Reader("ole", "office:read_ole", "Word/WPS（旧版二进制）", None,
           lambda p: p.head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
    Reader("image", "ocr:read_image", "图片", "ocr", _is_image),
    Reader("mhtml", "html:read_mhtml", "MHTML网页", None, _is_mhtml),
    Reader("html", "html:read_html", "网页", None, lambda p: _looks_html(p.data, p.low)),
    Reader("rtf", "office:read_rtf", "RTF", None, lambda p: p.low.startswith(b"{\\rtf")),
    Reader("text", "text:read_text", "文本"),
    Reader("url", "fetch:read_url", "网址"),
)
_BY_FORMAT = {r.format: r for r in READERS}
# formats named in messages that no reader here reads directly (converted through LibreOffice)
_OTHER_NAMES = {"doc": "DOC", "wps": "WPS"}


def reader_for(fmt: str) -> Reader | None:
    """The reader of a format name (`sniff`'s answer), or None."""
    return _BY_FORMAT.get(fmt)


def sniff(data: bytes, name: str = "") -> str:
    """Name the format of some bytes by their content (READERS' tests, in order)."""
    probe = Probe(data)
    for r in READERS:
        if r.sniff is not None and r.sniff(probe):
            return r.format
    return "text"


_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<div", b"<table", b"<p>", b"<p ",
               b"<title", b"<!--", b"<link", b"<script", b"<style", b"<span", b"<center", b"<h1")


def _looks_html(data: bytes, low: bytes) -> bool:
    """Markup at the start, or enough HTML block tags early on (a fragment saved from a page)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a page saved as UTF-16 (Windows "Unicode")
        enc = "utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"
        head = data[2:8194].decode(enc, "ignore").lstrip().lower().encode("utf-8", "ignore")
        return _looks_html(head, head[:512])
    if low.startswith(_HTML_START) or b"<html" in low or (low.startswith(b"<?xml") and b"<html" in data[:4096].lower()):
        return True
    if not low.startswith(b"<"):
        return False
    sample = data[:8192].lower()
    return sum(sample.count(t) for t in (b"<p", b"<div", b"<br", b"<span", b"<td", b"<a ")) >= 3


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(data: bytes, source: str, settings: ReadSettings = DEFAULT) -> list[Document]:
    """Read bytes of any supported format into Documents; never raises on bad input."""
    digest = sha256(data)
    if len(data) > settings.max_bytes:
        return [Document(source=source, sha256=digest, format="unknown",
                         error=f"文件过大（{len(data) / 1048576:.0f} MB），超过上限 {settings.max_bytes / 1048576:.0f} MB")]
    fmt = sniff(data, source)
    reader = reader_for(fmt)
    if reader is None:
        return [Document(source=source, sha256=digest, format=fmt, error=_missing_reader_message(fmt))]
    try:
        out = reader(data, source, settings)
    except MemoryError:
        out = Document(source=source, format=fmt, error="读取时内存不足，文件可能异常或过大")
    except ImportError as e:  # a library the reader imports as it goes (a damaged install, a missing extra)
        out = Document(source=source, format=fmt, error=_missing_reader_message(fmt, e.name))
    except Exception as e:  # a reader bug or a hostile file must not stop the batch
        out = Document(source=source, format=fmt, error=f"无法解析{_zh_name(fmt)}文件：{type(e).__name__}: {e}")
    docs = out if isinstance(out, list) else [out]
    for d in docs:
        if not d.sha256:
            d.sha256 = digest
        if len(d.text) > settings.max_chars:
            d.text = d.text[: settings.max_chars]
            d.meta.setdefault("truncated", True)
    return docs


def _zh_name(fmt: str) -> str:
    r = reader_for(fmt)
    return r.zh_name if r is not None else _OTHER_NAMES.get(fmt, fmt)


def _missing_reader_message(fmt: str, module: str | None = None) -> str:
    """One Chinese line: the format, and the pip command that installs what its reader lacks."""
    from ..install import missing_message

    if module:
        return missing_message(f"读取{_zh_name(fmt)}文件", module)
    r = reader_for(fmt)
    hint = f"；请安装可选组件：pip install 'fazhi[{r.extra}]'" if r is not None and r.extra else ""
    return f"暂不支持读取{_zh_name(fmt)}格式{hint}"


def load(source: "str | os.PathLike[str] | bytes", settings: ReadSettings = DEFAULT, name: str | None = None) -> list[Document]:
    """Read one source (a path, '-', a URL when the fetch reader is installed, or bytes)."""
    if isinstance(source, (bytes, bytearray)):
        return read_bytes(bytes(source), name or "<bytes>", settings)
    src = str(source)
    if src == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)  # never hold more than the limit
        return read_bytes(data, name or "<stdin>", settings)
    if src.startswith(("http://", "https://")):
        out = _BY_FORMAT["url"](src.encode(), src, settings)
        return out if isinstance(out, list) else [out]
    path = Path(src)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return [Document(source=src, format="unknown",
                             error=f"文件过大（{size / 1048576:.0f} MB），超过上限 {settings.max_bytes / 1048576:.0f} MB")]
        data = path.read_bytes()
    except FileNotFoundError:
        return [Document(source=src, format="unknown", error="文件不存在")]
    except IsADirectoryError:
        return [Document(source=src, format="unknown", error="这是一个目录，不是文件")]
    except OSError as e:
        return [Document(source=src, format="unknown", error=f"无法打开文件：{e.strerror or e}")]
    return read_bytes(data, name or src, settings)


def iter_sources(items: Iterable[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Expand the command line's files, directories (recursively, sorted) and '-'.

    In a directory only report files are taken (fazhi/read/inputs.py); the paths left out
    are appended to `skipped` so the command can say how many. A file named on the command
    line is always taken.
    """
    from .inputs import is_report_file

    for item in items:
        if item == "-" or item.startswith(("http://", "https://")):
            yield item
            continue
        p = Path(item)
        if p.is_dir():
            for sub in sorted(p.rglob("*")):
                if not sub.is_file() or any(part.startswith(".") for part in sub.relative_to(p).parts[:-1]):
                    continue
                if is_report_file(sub):
                    yield str(sub)
                elif skipped is not None:
                    skipped.append(str(sub))
        else:
            yield item
