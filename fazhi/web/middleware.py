"""The two middlewares of `fazhi serve --readers N` (see fazhi.web.processes): a reader passes
writes and full-text searches to the writer process; the writer publishes read-only copies for
the readers after each write, before its answer leaves (read-your-writes).

They live apart from the process launcher because the app installs them, while the launcher
builds the app: kept together, the two modules imported each other.
"""
from __future__ import annotations

from typing import Callable

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .db import changed_by

READ_METHODS = ("GET", "HEAD")
WRITER_READS = ("/search", "/api/search")  # reads the writer answers: the full-text index is kept there
HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te", b"trailer",
              b"transfer-encoding", b"upgrade", b"x-forwarded-for", b"x-forwarded-proto", b"forwarded"}
WRITER_DOWN = "工作台的写入进程没有响应，请稍后再试；如果一直如此，请重新启动 fazhi serve".encode()


def goes_to_writer(method: str, path: str) -> bool:
    return method not in READ_METHODS or path in WRITER_READS


class PublishAfterWrite:
    """Once a request that may write has been handled, and before its answer leaves, `publish`: the
    writer publishes the reviewers' tables for the readers, and the server's kept pages of what the
    request changed are made stale, so that the next page shows the change. `publish` is given what
    the request said it changed (fazhi.web.db.will_change: some reports, or nothing), None when it said
    nothing. Also after a refused or failed request (what it wrote before failing is shown too; a rare
    request, and publishing costs milliseconds)."""

    def __init__(self, app: ASGIApp, publish: Callable[[frozenset[str] | None], None]):
        self.app = app
        self.publish = publish

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        published = False

        async def publish_then_send(message: Message) -> None:
            nonlocal published
            if message["type"] == "http.response.start" and not published:
                published = True
                await anyio.to_thread.run_sync(self.publish, changed_by(scope))
            await send(message)

        try:
            await self.app(scope, receive, publish_then_send)
        finally:
            if not published:  # an exception, answered by the error handler outside this middleware
                await anyio.to_thread.run_sync(self.publish, changed_by(scope))


class ToWriter:
    """A reader's middleware: writes and searches go to the writer process over its Unix socket,
    request and answer streamed (an upload of 50 MB is not held in memory)."""

    def __init__(self, app: ASGIApp, socket_path: str):
        import httpx

        self.app = app
        self.client = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(uds=socket_path),
                                        base_url="http://fazhi-writer", timeout=httpx.Timeout(600.0, connect=10.0))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not goes_to_writer(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        import httpx

        async def body():
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                if message.get("body"):
                    yield message["body"]
                if not message.get("more_body"):
                    return

        client = scope.get("client")
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in HOP_BY_HOP]
        headers += [(b"x-forwarded-for", (client[0] if client else "").encode()),
                    (b"x-forwarded-proto", scope.get("scheme", "http").encode())]
        target = scope.get("raw_path") or scope["path"].encode()
        if scope.get("query_string"):
            target += b"?" + scope["query_string"]
        request = self.client.build_request(scope["method"], target.decode("latin-1"), headers=headers, content=body())
        try:
            response = await self.client.send(request, stream=True)
        except httpx.TransportError:
            await send({"type": "http.response.start", "status": 503,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body", "body": WRITER_DOWN})
            return
        try:
            await send({"type": "http.response.start", "status": response.status_code,
                        "headers": [(k, v) for k, v in response.headers.raw if k.lower() not in HOP_BY_HOP]})
            async for chunk in response.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            await response.aclose()
