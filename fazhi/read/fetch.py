"""Fetching URLs: bounded in size, time and redirects, polite, and safe to run as a service.

Every request goes through `fetch_bytes`: httpx with a connect/read timeout and an
overall deadline (a server that drips one byte a second is cut off), a size cap checked
against Content-Length and again while streaming, redirects followed by hand so that
each hop is checked (loops and over-long chains end with a Chinese reason), and retries
with exponential backoff after timeouts, connection errors, 429 and 5xx (Retry-After is
honoured up to 30 s). When `allow_private_urls` is False (a web service), every hop's
host is resolved once and refused if any address is loopback, private, link-local,
multicast or reserved; the request then connects to the address that was checked (the
URL carries the address, the Host header and TLS SNI the name, so the certificate is still
verified for the name). Resolving again to connect would let a name that answers a public
address first and 127.0.0.1 second (DNS rebinding) reach the local machine. Conditional requests (ETag / Last-Modified) let the crawler skip what has
not changed.
"""
from __future__ import annotations

import hashlib
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlparse

from ..record import Document
from ..settings import ReadSettings

_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUS = {429, 500, 502, 503, 504}
_HTTP_REASONS = {400: "请求无效", 401: "需要登录", 403: "拒绝访问", 404: "网页不存在", 410: "网页已删除",
                 429: "请求过于频繁", 500: "服务器内部错误", 502: "网关错误", 503: "服务暂不可用", 504: "网关超时"}


@dataclass
class Fetched:
    """One fetch: the final URL, status, headers, body and what it cost."""

    url: str
    final_url: str = ""
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    data: bytes = b""
    error: str | None = None
    fetched_at: str = ""
    sha256: str = ""
    redirects: list[str] = field(default_factory=list)
    attempts: int = 0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            k, _, v = part.partition("=")
            if k.strip().lower() == "charset" and v.strip():
                return v.strip().strip("\"'")
        return None


class Refused(ValueError):
    """The URL may not be fetched; the message is the Chinese reason."""


def check_url(url: str, settings: ReadSettings) -> str | None:
    """Refuse non-HTTP schemes, and private targets when running as a service; returns the
    checked address to connect to (None when private targets are allowed: nothing to pin)."""
    p = urlparse(url)
    if p.scheme not in ("http", "https"):
        raise Refused(f"只能读取 http/https 网址，不支持“{p.scheme or '无协议'}”")
    if not p.hostname:
        raise Refused("网址中没有主机名")
    if settings.allow_private_urls:
        return None
    try:
        infos = socket.getaddrinfo(p.hostname, p.port or (443 if p.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise Refused(f"无法解析主机名“{p.hostname}”（{e}）") from e
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if getattr(ip, "ipv4_mapped", None):
            ip = ip.ipv4_mapped
        if (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
                or ip.is_unspecified or (ip.version == 4 and ip in ipaddress.ip_network("100.64.0.0/10"))):
            raise Refused(f"拒绝访问内网或本机地址（{p.hostname} → {ip}）")
    if not infos:
        raise Refused(f"无法解析主机名“{p.hostname}”")
    return infos[0][4][0]


def pinned(url: str, address: str | None) -> tuple[str, dict[str, str], dict]:
    """(URL to request, extra headers, httpx extensions) that connect to `address` while the
    server still sees the name: in the Host header and, for https, in SNI and certificate checks."""
    if address is None:
        return url, {}, {}
    p = urlparse(url)
    netloc = f"[{address}]" if ":" in address else address
    if p.port:
        netloc += f":{p.port}"
    host = p.hostname + (f":{p.port}" if p.port else "")
    ext = {"sni_hostname": p.hostname} if p.scheme == "https" else {}
    return p._replace(netloc=netloc).geturl(), {"Host": host}, ext


def http_client(settings: ReadSettings):
    """An HTTP client with the fetcher's timeouts, headers and proxy policy; pass it to
    `fetch_bytes` to reuse one connection pool for many requests (a crawl)."""
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout, connect=min(settings.fetch_timeout, 10.0)),
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent, "Accept-Language": "zh-CN,zh;q=0.9",
                 "Accept": "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8"},
        trust_env=settings.allow_private_urls,  # a service ignores proxy variables it did not choose
    )


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _retry_after(value: str | None) -> float:
    if not value:
        return 0.0
    try:
        return min(30.0, max(0.0, float(value)))
    except ValueError:
        try:
            return min(30.0, max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds()))
        except (TypeError, ValueError):
            return 0.0


def fetch_bytes(url: str, settings: ReadSettings, etag: str | None = None, last_modified: str | None = None,
                client=None) -> Fetched:
    """GET a URL within the settings' limits; never raises (the error is in the result)."""
    out = Fetched(url=url, fetched_at=_now())
    own = client is None
    try:
        import httpx
    except ImportError:
        from ..install import missing_message

        out.error = missing_message("读取网址", "httpx")
        return out
    if own:
        client = http_client(settings)
    try:
        for attempt in range(settings.fetch_retries + 1):
            out.attempts = attempt + 1
            wait = 0.0
            try:
                _get(client, url, settings, etag, last_modified, out)
            except Refused as e:
                out.error = str(e)
                return out
            except httpx.TimeoutException:
                out.error = f"连接或读取超时（{settings.fetch_timeout:.0f} 秒）"
            except httpx.HTTPError as e:
                out.error = f"网络错误：{type(e).__name__}: {e}"
            else:
                if out.status in _RETRY_STATUS:
                    out.error = f"{_HTTP_REASONS.get(out.status, '服务器错误')}（HTTP {out.status}）"
                    wait = _retry_after(out.headers.get("retry-after"))
                else:
                    return out
            if attempt < settings.fetch_retries:
                time.sleep(max(wait, 0.5 * 2 ** attempt))
        return out
    finally:
        if own:
            client.close()


def _get(client, url: str, settings: ReadSettings, etag: str | None, last_modified: str | None, out: Fetched) -> None:
    seen = {url}
    current = url
    out.redirects = []
    deadline = time.monotonic() + settings.fetch_timeout * 3
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for _hop in range(settings.fetch_max_redirects + 1):
        target, pin_headers, extensions = pinned(current, check_url(current, settings))
        with client.stream("GET", target, headers={**headers, **pin_headers}, extensions=extensions) as resp:
            out.status = resp.status_code
            out.headers = {k.lower(): v for k, v in resp.headers.items()}
            out.final_url = current
            out.error = None
            if resp.status_code in _REDIRECTS and "location" in resp.headers:
                nxt = urljoin(current, resp.headers["location"])
                out.redirects.append(nxt)
                if nxt in seen:
                    raise Refused(f"网址重定向形成循环（{nxt}）")
                seen.add(nxt)
                current = nxt
                continue
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > settings.fetch_max_bytes:
                raise Refused(f"文件过大（{int(declared) / 1048576:.0f} MB），超过下载上限 "
                              f"{settings.fetch_max_bytes / 1048576:.0f} MB")
            chunks = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > settings.fetch_max_bytes:
                    raise Refused(f"下载超过上限 {settings.fetch_max_bytes / 1048576:.0f} MB，已中止")
                if time.monotonic() > deadline:
                    raise Refused(f"下载超过 {settings.fetch_timeout * 3:.0f} 秒仍未完成，已中止")
                chunks.append(chunk)
            out.data = b"".join(chunks)
            out.sha256 = hashlib.sha256(out.data).hexdigest()
            if resp.status_code >= 400:
                out.error = f"{_HTTP_REASONS.get(resp.status_code, '服务器返回错误')}（HTTP {resp.status_code}）"
            return
    raise Refused(f"网址重定向超过 {settings.fetch_max_redirects} 次，已停止")


def read_url(data: bytes, source: str, settings: ReadSettings) -> list[Document]:
    """Fetch a URL and read what it returns (a page, a PDF, a zip …) with the fetch record in `meta`.

    The server's charset and the final URL reach the HTML reader through the read context,
    so relative attachment links resolve against the page and a GBK page declared only
    in its HTTP header decodes right.
    """
    from . import read_bytes, reader_for, sniff

    got = fetch_bytes(source, settings)
    if got.error:
        return [Document(source=source, format="html", error=f"无法读取网址：{got.error}")]
    inner = settings.within(http_charset=got.charset, page_url=got.final_url)
    if sniff(got.data, got.final_url) == "text" and got.content_type in ("text/html", "application/xhtml+xml"):
        out = reader_for("html")(got.data, source, inner)  # a page the server calls HTML though it looks like text
        docs = out if isinstance(out, list) else [out]
    else:
        docs = read_bytes(got.data, source, inner)
    for d in docs:
        d.meta.setdefault("url", got.final_url)
        d.meta["fetched_at"] = got.fetched_at
        d.meta["http_status"] = got.status
        if got.content_type:
            d.meta["content_type"] = got.content_type
        if not d.sha256:
            d.sha256 = got.sha256
    return docs
