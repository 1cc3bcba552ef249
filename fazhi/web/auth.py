"""Who is asking, and may they: the dependencies every route declares.

- `reader`: any signed-in user, or anyone in public mode (`--public`).
- `viewer_write` / `reviewer_write` / `admin_write`: a signed-in user of that role or above, and, when the
  session came from the cookie, the session's CSRF token in the `X-CSRF-Token` header or
  the `csrf_token` form field. A bearer token needs none: a browser never attaches it to
  a forged cross-site request.
Anonymous requests to protected pages get 401 (the HTML error handler turns it into a
redirect to the login page); a signed-in user without the role gets 403.
"""
from __future__ import annotations

import hmac
import time
from collections import defaultdict, deque
from typing import Annotated

from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from .accounts import ANONYMOUS, Session, User, canonical_name

COOKIE = "fazhi_session"
LOGIN_CSRF_COOKIE = "fazhi_login_csrf"


def session_of(request: Request) -> Session | None:
    """The request's session (bearer token first, then the cookie), looked up once per request."""
    if hasattr(request.state, "session"):
        return request.state.session
    ws = request.app.state.ws
    sess, via = None, None
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        sess, via = ws.accounts.session(auth[7:].strip()), "bearer"
        if sess is None:
            raise HTTPException(401, "登录凭据无效或已过期，请重新登录")
    else:
        token = ws.accounts.token_from_cookie(request.cookies.get(COOKIE))
        if token:
            sess, via = ws.accounts.session(token), "cookie"
    request.state.session = sess
    request.state.auth_via = via
    return sess


def user_of(request: Request) -> User | None:
    sess = session_of(request)
    if sess is not None:
        return sess.user
    return ANONYMOUS if request.app.state.ws.config.public else None


async def reader(request: Request) -> User:
    """Any reader. A coroutine, though the session is read from SQLite: a point query on a local file
    in WAL mode (tens of microseconds, never waiting on a writer) costs less than the hop to the thread
    pool a plain function takes, which on a busy server was a tenth of a kept page's CPU."""
    user = user_of(request)
    if user is None:
        raise HTTPException(401, "请先登录")
    request.state.user = user
    return user


async def _csrf_ok(request: Request, sess: Session) -> bool:
    if request.state.auth_via != "cookie":
        return True
    token = request.headers.get("x-csrf-token")
    if token is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        # parsed once (Starlette keeps it for the route); a folder upload may hold thousands of files
        form = await request.form(max_files=10000)
        value = form.get("csrf_token")
        token = value if isinstance(value, str) else None
    return bool(token) and hmac.compare_digest(token, sess.csrf)


def _writer(role: str):
    async def dependency(request: Request) -> User:
        sess = session_of(request)
        if sess is None:
            raise HTTPException(401, "请先登录")
        request.state.user = sess.user
        if not sess.user.can(role):
            raise HTTPException(403, "您的账户没有此项操作的权限" + ("（只读用户不能上传或审查）" if role == "reviewer" else
                                                                 "（需要管理员）"))
        if not await _csrf_ok(request, sess):
            raise HTTPException(403, "表单已失效（缺少或错误的 CSRF 令牌），请刷新页面后重试")
        return sess.user

    return dependency


viewer_write = _writer("viewer")  # any signed-in user (sign out)
reviewer_write = _writer("reviewer")
admin_write = _writer("admin")


async def reviewer_reader(user: Annotated[User, Depends(reader)]) -> User:
    """A page only reviewers use (the upload form): anonymous visitors are sent to sign in."""
    if user.anonymous:
        raise HTTPException(401, "请先登录")
    if not user.can("reviewer"):
        raise HTTPException(403, "只读用户不能上传报告")
    return user


async def admin_reader(user: Annotated[User, Depends(reader)]) -> User:
    if user.anonymous:
        raise HTTPException(401, "请先登录")
    if not user.can("admin"):
        raise HTTPException(403, "只有管理员可以管理账户")
    return user


class Throttle:
    """Failed sign-ins: at most `per_name` per user name and `per_address` per client address
    (higher: an office shares one address) within `window` seconds."""

    def __init__(self, per_name: int = 10, per_address: int = 50, window: float = 900.0):
        self.limits = {"name": per_name, "ip": per_address}
        self.window = window
        self.failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        q = self.failures[key]
        now = time.monotonic()
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, name: str, address: str) -> bool:
        name = canonical_name(name)  # " rev1" and "REV1" count against rev1
        return any(len(self._recent(k)) >= self.limits[k[0]] for k in (("name", name), ("ip", address)))

    def fail(self, name: str, address: str) -> None:
        for k in (("name", canonical_name(name)), ("ip", address)):
            self._recent(k).append(time.monotonic())

    def succeeded(self, name: str) -> None:
        self.failures.pop(("name", canonical_name(name)), None)


# the route parameter types: `user: Reader` in a route's signature guards it
Reader = Annotated[User, Depends(reader)]
ReviewerReader = Annotated[User, Depends(reviewer_reader)]
AdminReader = Annotated[User, Depends(admin_reader)]
ViewerWrite = Annotated[User, Depends(viewer_write)]
ReviewerWrite = Annotated[User, Depends(reviewer_write)]
AdminWrite = Annotated[User, Depends(admin_write)]
