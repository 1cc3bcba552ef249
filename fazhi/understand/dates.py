"""Dates as reports and pages print them: 2024-04-01, 2024/4/1, 2024.04.01, 2024年4月1日,
二〇二四年三月二十八日, with or without the spaces a PDF extraction leaves (2024 年 3 月).
"""
from __future__ import annotations

import re
from datetime import date

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}

_CN_YEAR = "[〇零○OoＯ一二三四五六七八九]{4}"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"

DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号])"
    rf"|(?P<cy>{_CN_YEAR})\s*年\s*(?P<cm>{_CN_SMALL})\s*月\s*(?P<cd>{_CN_SMALL})\s*日"
)


def cn_small(s: str) -> int:
    """一 .. 三十一 as used in dates."""
    if s == "十":
        return 10
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_DIGIT.get(a, 1) if a else 1) * 10 + (_CN_DIGIT.get(b, 0) if b else 0)
    return _CN_DIGIT.get(s, 0)


def parse_match(m: re.Match[str]) -> date | None:
    try:
        if m.group("y"):
            y = int(m.group("y"))
            mo = int(m.group("m") or m.group("m2"))
            d = int(m.group("d") or m.group("d2"))
        else:
            y = int("".join(str(_CN_DIGIT[c]) for c in m.group("cy")))
            mo = cn_small(m.group("cm"))
            d = cn_small(m.group("cd"))
        return date(y, mo, d)
    except (ValueError, KeyError, TypeError):
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[date, int, int]]:
    """Every well-formed date in text[start:end] with its span."""
    out = []
    for m in DATE_RE.finditer(text, start, len(text) if end is None else end):
        d = parse_match(m)
        if d is not None:
            out.append((d, m.start(), m.end()))
    return out


def first_date(s: str) -> date | None:
    found = find_dates(s)
    return found[0][0] if found else None
