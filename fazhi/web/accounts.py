"""Accounts and sessions of the web workspace.

Security model (docs/web.md):
- Passwords are hashed with scrypt (hashlib, n=2^14, r=8, p=1, a 16-byte random salt per
  password) and compared in constant time; an unknown user costs the same hash as a known
  one, so timing does not tell which names exist.
- A session is a 32-byte random token. The cookie carries the token and an HMAC of it
  under a server secret (so a forged cookie is refused before any lookup); the database
  stores only the token's SHA-256 (so a copied side file yields no live session).
- A user name is compared in one canonical form (`canonical_name`): Unicode NFKC (full-width
  letters and digits become ASCII), surrounding whitespace trimmed, and case folded (Rev1 and
  rev1 are one account). Creation, sign-in, the sign-in throttle and every lookup use it, so
  " rev1", "rev1\t" and "ｒｅｖ１" are the same user and share one failure counter.
- Each session has its own CSRF token, which every state-changing form and cookie-
  authenticated API call must present. API clients may instead send the session token as
  `Authorization: Bearer …`, which a browser never sends on its own, so it needs no CSRF token.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .sidefile import connect, init, kept

ROLES = ("admin", "reviewer", "viewer")
ROLE_ZH = {"admin": "管理员", "reviewer": "审查人", "viewer": "只读用户"}
# what each role may do; a role has the rights of those after it
RANK = {"viewer": 0, "reviewer": 1, "admin": 2}
MIN_PASSWORD = 8
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message says why, in Chinese."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    anonymous: bool = False

    def can(self, role: str) -> bool:
        """Whether this user has at least the rights of `role`."""
        return not self.anonymous and RANK[self.role] >= RANK[role]

    @property
    def role_zh(self) -> str:
        return "访客（只读）" if self.anonymous else ROLE_ZH[self.role]


ANONYMOUS = User(name="访客", role="viewer", anonymous=True)


@dataclass(frozen=True)
class Session:
    token: str  # the raw token: only known to the client and to this request
    user: User
    csrf: str


def _b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def _unb64(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=_unb64(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(_unb64(digest)), maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, _unb64(digest))


# a hash to verify against when the user does not exist (same cost as a real check)
_DUMMY = hash_password(secrets.token_urlsafe(12))


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _iso(t: datetime) -> str:
    return t.isoformat()


def canonical_name(name: str | None) -> str:
    """The one form a user name is stored, looked up and throttled under (see module doc)."""
    return unicodedata.normalize("NFKC", name or "").strip().casefold()


def check_name(name: str) -> str:
    name = canonical_name(name)
    if not name or len(name) > 64 or any(c.isspace() or ord(c) < 32 or c in "/\\?#%" for c in name):
        raise AccountError("用户名不能为空，不能含空格和 / \\ ? # % 等符号，最长64个字符")
    return name


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"密码至少{MIN_PASSWORD}个字符")
    return password


class Accounts:
    """Users and sessions in the side file at `path`."""

    def __init__(self, path: str, session_hours: float = 12.0):
        self.path = path
        self.session_hours = session_hours
        init(path)
        self._secret = self._load_secret()

    def _load_secret(self) -> bytes:
        with connect(self.path) as con:
            row = con.execute("SELECT value FROM secrets WHERE name = 'session'").fetchone()
            if row is None:
                con.execute("INSERT OR IGNORE INTO secrets VALUES ('session', ?)", [secrets.token_bytes(32)])
                row = con.execute("SELECT value FROM secrets WHERE name = 'session'").fetchone()
        return bytes(row[0])

    # -- users ------------------------------------------------------------------------------

    def add(self, name: str, password: str, role: str) -> User:
        name = check_name(name)
        check_password(password)
        if role not in ROLES:
            raise AccountError(f"角色只能是 admin（管理员）、reviewer（审查人）或 viewer（只读用户），不能是“{role}”")
        with connect(self.path) as con:
            if self._get(con, name):
                raise AccountError(f"用户“{name}”已存在")
            con.execute("INSERT INTO users (name, role, password, active, created_at) VALUES (?, ?, ?, 1, ?)",
                        [name, role, hash_password(password), _iso(_now())])
        return User(name, role)

    def users(self) -> list[dict]:
        with connect(self.path) as con:
            rows = con.execute("SELECT name, role, active, created_at, last_login FROM users ORDER BY name").fetchall()
        return [{"name": n, "role": r, "role_zh": ROLE_ZH[r], "active": bool(a), "created_at": c, "last_login": ll}
                for n, r, a, c, ll in rows]

    def has_admin(self) -> bool:
        with connect(self.path) as con:
            return con.execute("SELECT 1 FROM users WHERE role = 'admin' AND active = 1").fetchone() is not None

    def _get(self, con, name: str) -> tuple | None:
        """The account row of a name in any spelling; row[0] is the name as stored."""
        key = canonical_name(name)
        row = con.execute("SELECT name, role, password, active FROM users WHERE name = ?", [key]).fetchone()
        if row is None and key:  # an account created before names were canonical
            for r in con.execute("SELECT name, role, password, active FROM users").fetchall():
                if canonical_name(r[0]) == key:
                    return r
        return row

    def set_password(self, name: str, password: str) -> None:
        check_password(password)
        with connect(self.path) as con:
            row = self._get(con, name)
            if not row:
                raise AccountError(f"没有用户“{name}”")
            name = row[0]
            con.execute("UPDATE users SET password = ? WHERE name = ?", [hash_password(password), name])
            con.execute("DELETE FROM sessions WHERE user_name = ?", [name])  # a new password ends old sessions

    def set_role(self, name: str, role: str) -> None:
        if role not in ROLES:
            raise AccountError(f"未知的角色“{role}”")
        with connect(self.path) as con:
            row = self._get(con, name)
            if not row:
                raise AccountError(f"没有用户“{name}”")
            name = row[0]
            if row[1] == "admin" and role != "admin" and self._last_admin(con, name):
                raise AccountError("这是唯一的管理员，不能改为其他角色")
            con.execute("UPDATE users SET role = ? WHERE name = ?", [role, name])

    def set_active(self, name: str, active: bool) -> None:
        with connect(self.path) as con:
            row = self._get(con, name)
            if not row:
                raise AccountError(f"没有用户“{name}”")
            name = row[0]
            if not active and row[1] == "admin" and self._last_admin(con, name):
                raise AccountError("这是唯一的管理员，不能停用")
            con.execute("UPDATE users SET active = ? WHERE name = ?", [int(active), name])
            if not active:
                con.execute("DELETE FROM sessions WHERE user_name = ?", [name])

    def remove(self, name: str) -> None:
        with connect(self.path) as con:
            row = self._get(con, name)
            if not row:
                raise AccountError(f"没有用户“{name}”")
            name = row[0]
            if row[1] == "admin" and self._last_admin(con, name):
                raise AccountError("这是唯一的管理员，不能删除")
            con.execute("DELETE FROM users WHERE name = ?", [name])

    @staticmethod
    def _last_admin(con, name: str) -> bool:
        n = con.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND name <> ?",
                        [name]).fetchone()[0]
        return n == 0

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the name and password match an active account, else None."""
        with connect(self.path) as con:
            row = self._get(con, name or "")
        if row is None:
            verify_password(password or "", _DUMMY)
            return None
        ok = verify_password(password or "", row[2])
        if not ok or not row[3]:
            return None
        return User(row[0], row[1])

    # -- sessions ---------------------------------------------------------------------------

    def _sign(self, token: str) -> str:
        return _b64(hmac.new(self._secret, token.encode(), hashlib.sha256).digest()[:16])

    def cookie_value(self, session: Session) -> str:
        return f"{session.token}.{self._sign(session.token)}"

    def token_from_cookie(self, value: str | None) -> str | None:
        """The token of a cookie whose signature is valid, else None."""
        if not value or "." not in value:
            return None
        token, sig = value.rsplit(".", 1)
        return token if hmac.compare_digest(sig, self._sign(token)) else None

    @staticmethod
    def _token_hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def start_session(self, user: User) -> Session:
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = _now()
        with connect(self.path) as con:
            con.execute("DELETE FROM sessions WHERE expires_at < ?", [_iso(now)])
            con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                        [self._token_hash(token), user.name, csrf, _iso(now),
                         _iso(now + timedelta(hours=self.session_hours))])
            con.execute("UPDATE users SET last_login = ? WHERE name = ?", [_iso(now), user.name])
        return Session(token, user, csrf)

    def session(self, token: str | None) -> Session | None:
        """The live session of a token (sliding expiry), or None."""
        if not token:
            return None
        now = _now()
        h = self._token_hash(token)
        with kept(self.path) as con:
            # fetchall: the statement is done and holds no read snapshot on the kept connection
            rows = con.execute("""SELECT s.csrf, s.expires_at, u.name, u.role, u.active FROM sessions s
                                  JOIN users u ON u.name = s.user_name WHERE s.token_hash = ?""", [h]).fetchall()
            if not rows:
                return None
            row = rows[0]
            csrf, expires, name, role, active = row
            if not active or expires < _iso(now):
                con.execute("DELETE FROM sessions WHERE token_hash = ?", [h])
                return None
            new_expiry = now + timedelta(hours=self.session_hours)
            if (new_expiry - datetime.fromisoformat(expires)) > timedelta(minutes=1):  # not on every request
                con.execute("UPDATE sessions SET expires_at = ? WHERE token_hash = ?", [_iso(new_expiry), h])
        return Session(token, User(name, role), csrf)

    def end_session(self, token: str | None) -> None:
        if token:
            with connect(self.path) as con:
                con.execute("DELETE FROM sessions WHERE token_hash = ?", [self._token_hash(token)])
