"""Settings kept with the corpus: who signs the office's documents and to whom they go.

A 依法治县办 gives its name (the 落款 of every 通报 and 审查意见) and the 主送 line once;
they belong to the corpus, not to one command line, so the next export, the web
workspace and a colleague's machine use the same ones. The keys a corpus accepts are
listed in fazhi/data/corpus.toml `[settings]` with their Chinese names.

Public API (also as `Corpus.setting`, `Corpus.set_setting`, `Corpus.settings`):
`get_setting(corpus, key)`, `set_setting(corpus, key, value, user=None)`,
`all_settings(corpus)`, `SETTING_KEYS`.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..data import load as load_data

SETTING_KEYS: dict[str, str] = dict(load_data("corpus.toml")["settings"])


def _check_key(key: str) -> None:
    if key not in SETTING_KEYS:
        raise ValueError(f"未知的设置项“{key}”，可选：" + "、".join(f"{k}（{v}）" for k, v in SETTING_KEYS.items()))


def get_setting(corpus, key: str) -> str | None:
    """The stored value, or None when the office has not set it (never a made-up default)."""
    _check_key(key)
    row = corpus.con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row and row[0] else None


def set_setting(corpus, key: str, value: str | None, user: str | None = None) -> None:
    """Store a setting (trimmed); an empty value removes it."""
    _check_key(key)
    value = (value or "").strip()
    con = corpus.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM settings WHERE key = ?", [key])
        if value:
            con.execute("INSERT INTO settings VALUES (?, ?, ?, ?)",
                        [key, value, user, datetime.now(timezone.utc).replace(tzinfo=None)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def all_settings(corpus) -> dict[str, dict[str, Any]]:
    """Every known key with its Chinese name, value (None when unset), who set it and when."""
    rows = {r[0]: r[1:] for r in corpus.con.execute('SELECT key, value, "user", updated_at FROM settings').fetchall()}
    out = {}
    for key, name in SETTING_KEYS.items():
        value, user, at = rows.get(key, (None, None, None))
        out[key] = {"name": name, "value": value, "user": user, "updated_at": at}
    return out


class Settings:
    """The settings part of `Corpus` (mixed in, as writes, queries and decisions are)."""

    con: Any

    def setting(self, key: str) -> str | None:
        """A stored setting (`issuer`, `recipients`), None when unset."""
        return get_setting(self, key)

    def set_setting(self, key: str, value: str | None, user: str | None = None) -> None:
        """Store a setting for every later document; an empty value removes it."""
        set_setting(self, key, value, user)

    def settings(self) -> dict[str, dict[str, Any]]:
        """Every setting with its Chinese name, value, who set it and when."""
        return all_settings(self)
