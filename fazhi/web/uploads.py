"""Receiving files and URLs from reviewers: size limits, safe file names, URL lists.

The size of a request body is bounded before anything is parsed (`BodyLimit`, an ASGI
middleware counting the bytes as they arrive), so an oversized upload costs the server
at most the limit. What is inside the files (empty, garbage, zip bombs) is the readers'
business: each bad document becomes an `unreadable` record and the batch goes on.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_URLS = 200
_RESERVED = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def mb(n: int) -> str:
    return f"{n / 1048576:g} MB"


def too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"上传内容超过大小上限（{mb(limit)}）；请分批上传，或由管理员用 --max-upload-mb 调整上限")


class BodyLimit:
    """Refuse request bodies over a limit: uploads get `upload_limit`, other requests `form_limit`."""

    def __init__(self, app: ASGIApp, upload_paths: Iterable[str], upload_limit: int, form_limit: int):
        self.app = app
        self.upload_paths = tuple(upload_paths)
        self.upload_limit = upload_limit
        self.form_limit = form_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        # the multipart envelope (boundaries, headers) comes on top of the files themselves
        limit = self.upload_limit + 64 * 1024 if scope["path"] in self.upload_paths else self.form_limit
        declared = dict(scope.get("headers") or []).get(b"content-length")
        received = 0

        async def limited() -> Message:
            nonlocal received
            if declared is not None and declared.isdigit() and int(declared) > limit:
                raise too_large(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise too_large(limit)
            return message

        await self.app(scope, limited, send)


def safe_name(name: str | None) -> str:
    """A file name fit to store and show: the last path component, no control or reserved
    characters, at most 120 characters with its suffix kept."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").split("/")[-1])
    name = _RESERVED.sub("_", name).strip(" .")
    if not name:
        return "未命名文件"
    if len(name) > 120:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[:110] + "." + suffix[:9]) if dot and len(suffix) <= 9 else name[:120]
    return name


def save(files: list[tuple[str, BinaryIO]], dest: Path, limit: int) -> list[dict[str, Any]]:
    """Copy uploaded files into `dest`; returns job inputs {"name", "path", "sha256"}.

    The total is checked again while copying (the body limit is on the request, which a
    client could send compressed by a proxy); going over removes what was written.
    """
    dest.mkdir(parents=True, exist_ok=True)
    out: list[dict[str, Any]] = []
    used: set[str] = set()
    total = 0
    try:
        for i, (name, fh) in enumerate(files, 1):
            shown = safe_name(name)
            stored = shown if shown not in used else f"{i}_{shown}"
            used.add(stored)
            path = dest / stored
            h = hashlib.sha256()
            with open(path, "wb") as w:
                while chunk := fh.read(1 << 20):
                    total += len(chunk)
                    if total > limit:
                        raise too_large(limit)
                    h.update(chunk)
                    w.write(chunk)
            out.append({"name": shown, "path": str(path), "sha256": h.hexdigest()})
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    return out


def parse_urls(text: str | None) -> list[str]:
    """The URLs of a textarea, one per line (blank lines and duplicates ignored)."""
    urls: list[str] = []
    for line in (text or "").splitlines():
        u = line.strip()
        if not u or u in urls:
            continue
        if not re.match(r"^https?://[^\s/]+", u, re.IGNORECASE) or len(u) > 2000:
            raise HTTPException(400, f"“{u[:80]}”不是有效的网址（只支持 http:// 或 https:// 开头的网址）")
        urls.append(u)
    if len(urls) > MAX_URLS:
        raise HTTPException(400, f"一次最多提交{MAX_URLS}个网址")
    return urls
