"""Excerpts of a text that do not split a short bracketed group.

An excerpt cut by a character count (the last characters of a text that stops mid-sentence, the
context of a bracket finding, a short quote run on to its clause) can start or end inside a
document number (青政发〔2024〕3号 shown as 2024〕3号 or 青政发〔2024……): the reader sees a bracket
the report did not lose. Each end of the excerpt is moved out to the group's other bracket when that
bracket is near (fazhi/data/exports.toml [quote] whole_pairs, whole_reach), or, where only the
excerpt's own text is at hand, the group begun at its end is left out.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..data import load


@lru_cache(maxsize=1)
def _rules() -> tuple[list[tuple[str, str]], int]:
    q: dict[str, Any] = load("exports.toml")["quote"]
    return [(p[0], p[1]) for p in q["whole_pairs"]], int(q["whole_reach"])


def widen_start(text: str, start: int, end: int) -> int:
    """`start` moved back to the opening bracket of a group that text[start:end] closes without
    opening, when that bracket is at most whole_reach characters before it and on the same line."""
    pairs, reach = _rules()
    for o, c in pairs:
        seg = text[start:end]
        ci, oi = seg.find(c), seg.find(o)
        if ci < 0 or 0 <= oi < ci:
            continue
        op = text.rfind(o, max(0, start - reach), start)
        if op >= 0 and c not in text[op + 1:start] and "\n" not in text[op:start]:
            start = op
    return start


def widen_end(text: str, start: int, end: int) -> int:
    """`end` moved on past the closing bracket of a group that text[start:end] opens without
    closing, when that bracket is at most whole_reach characters after it and on the same line."""
    pairs, reach = _rules()
    for o, c in pairs:
        seg = text[start:end]
        oi = seg.rfind(o)
        if oi < 0 or seg.rfind(c) > oi:
            continue
        cl = text.find(c, end, end + reach)
        if cl >= 0 and o not in text[end:cl] and "\n" not in text[end:cl]:
            end = cl + 1
    return end


def drop_open_end(s: str, keep: int = 0) -> str:
    """`s` without a group it opens at its end and does not close (青政发〔2024 -> 青政发), when that
    bracket stands after its first `keep` characters and within whole_reach of the end."""
    pairs, reach = _rules()
    for o, c in pairs:
        oi = s.rfind(o)
        if oi >= keep and s.rfind(c) < oi and len(s) - oi <= reach:
            s = s[:oi]
    return s
