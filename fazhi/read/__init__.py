"""Readers: bytes in, `Document` out, one module per format.

`load(source)` accepts a path, `-` for standard input, or raw bytes, sniffs the format
from the content (never from the extension alone), and returns the Documents read from
it (several for an archive). A reader never raises on bad input: it returns a Document
whose `error` says, in Chinese, why it could not be read, so a batch goes on.
Readers register themselves in `READERS` under a format name; `sniff` picks one.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..record import Document
from ..settings import DEFAULT, ReadSettings
from .text import read_text

Reader = Callable[[bytes, str, ReadSettings], "Document | list[Document]"]

def _lazy(module: str, func: str) -> Reader:
    """A reader imported on first use, so that `import fazhi` stays fast and optional extras stay optional."""

    def reader(data: bytes, source: str, settings: ReadSettings):
        try:
            mod = importlib.import_module(f"{__name__}.{module}")
        except ImportError as e:  # an optional dependency of this reader is not installed
            fmt = {"pdf": "pdf", "ocr": "image", "html": "html", "docx": "docx", "office": "ole", "ofd": "ofd",
                   "archive": "zip", "fetch": "html"}.get(module, module)
            return Document(source=source, format=fmt, error=_missing_reader_message(fmt) + f"（缺少 {e.name}）")
        return getattr(mod, func)(data, source, settings)

    reader.__name__ = f"{module}.{func}"
    return reader


READERS: dict[str, Reader] = {
    "text": lambda data, source, settings: read_text(data, source),
    "html": _lazy("html", "read_html"),
    "pdf": _lazy("pdf", "read_pdf"),
    "image": _lazy("ocr", "read_image"),
    "docx": _lazy("docx", "read_docx"),
    "ole": _lazy("office", "read_ole"),
    "rtf": _lazy("office", "read_rtf"),
    "ofd": _lazy("ofd", "read_ofd"),
    "zip": _lazy("archive", "read_zip"),
    "url": _lazy("fetch", "read_url"),
    "mhtml": _lazy("html", "read_mhtml"),
}


def _zip_kind(data: bytes) -> str:
    """docx, ofd or zip, from the member names in the central directory (read without inflating)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return "zip"  # the archive reader reports the damage
    lower = {n.lower().lstrip("/") for n in names}
    if "word/document.xml" in lower:
        return "docx"
    if "ofd.xml" in lower:
        return "ofd"
    return "zip"


def sniff(data: bytes, name: str = "") -> str:
    """Name the format of some bytes by their content; the file name only breaks ties."""
    head = data[:2048]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    low = stripped[:512].lower()
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head[:8] in (b"\x89PNG\r\n\x1a\n",) or head[:3] == b"\xff\xd8\xff" or head[:4] in (b"II*\x00", b"MM\x00*") \
            or head[:6] in (b"GIF87a", b"GIF89a") or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or head[:2] == b"BM":
        return "image"
    if (low.startswith((b"mime-version:", b"from:", b"subject:", b"date:", b"content-type: multipart/related"))
            and b"multipart/related" in head.lower()):
        return "mhtml"  # a "single file web page" (.mht), often saved by Word under a .doc name
    if _looks_html(data, low):
        return "html"
    if low.startswith(b"{\\rtf"):
        return "rtf"
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
    reader = READERS.get(fmt)
    if reader is None:
        return [Document(source=source, sha256=digest, format=fmt, error=_missing_reader_message(fmt))]
    try:
        out = reader(data, source, settings)
    except MemoryError:
        out = Document(source=source, format=fmt, error="读取时内存不足，文件可能异常或过大")
    except Exception as e:  # a reader bug or a hostile file must not stop the batch
        out = Document(source=source, format=fmt, error=f"无法解析{_FORMAT_NAMES.get(fmt, fmt)}文件：{type(e).__name__}: {e}")
    docs = out if isinstance(out, list) else [out]
    for d in docs:
        if not d.sha256:
            d.sha256 = digest
        if len(d.text) > settings.max_chars:
            d.text = d.text[: settings.max_chars]
            d.meta.setdefault("truncated", True)
    return docs


_FORMAT_NAMES = {"pdf": "PDF", "zip": "ZIP压缩包", "ole": "Word/WPS（旧版二进制）", "image": "图片", "html": "网页",
                 "rtf": "RTF", "text": "文本", "docx": "DOCX", "ofd": "OFD", "doc": "DOC", "wps": "WPS",
                 "mhtml": "MHTML网页"}


def _missing_reader_message(fmt: str) -> str:
    extras = {"pdf": "pdf", "image": "ocr", "html": "html", "mhtml": "html", "ole": "office", "rtf": "office",
              "docx": "office", "ofd": "office"}
    name = _FORMAT_NAMES.get(fmt, fmt)
    extra = extras.get(fmt)
    hint = f"；请安装可选组件：pip install 'fazhi[{extra}]'" if extra else ""
    return f"暂不支持读取{name}格式{hint}"


def load(source: "str | os.PathLike[str] | bytes", settings: ReadSettings = DEFAULT, name: str | None = None) -> list[Document]:
    """Read one source (a path, '-', a URL when the fetch reader is installed, or bytes)."""
    if isinstance(source, (bytes, bytearray)):
        return read_bytes(bytes(source), name or "<bytes>", settings)
    src = str(source)
    if src == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)  # never hold more than the limit
        return read_bytes(data, name or "<stdin>", settings)
    if src.startswith(("http://", "https://")):
        fetch = READERS.get("url")
        if fetch is None:
            return [Document(source=src, format="html", error="读取网址需要可选组件：pip install 'fazhi[html]'")]
        out = fetch(src.encode(), src, settings)
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


def iter_sources(items: Iterable[str]) -> Iterator[str]:
    """Expand the command line's files, directories (recursively, sorted) and '-'."""
    for item in items:
        if item == "-" or item.startswith(("http://", "https://")):
            yield item
            continue
        p = Path(item)
        if p.is_dir():
            for sub in sorted(p.rglob("*")):
                if sub.is_file() and not any(part.startswith(".") for part in sub.relative_to(p).parts):
                    yield str(sub)
        else:
            yield item
