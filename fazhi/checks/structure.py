"""The outline's numbering: headings and 一是/二是 lists that skip, repeat or lose a numeral."""
from __future__ import annotations

from typing import Iterator

from ..record import Finding, Report, Section
from .document import is_report
from .registry import check, finding

_CN = "零一二三四五六七八九十"


def cn_numeral(n: int) -> str:
    if n <= 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")


def render(style: str, n: int) -> str:
    """The numeral as the report would print it in a given style."""
    return {"第一部分": f"第{cn_numeral(n)}部分", "一、": f"{cn_numeral(n)}、", "(一)": f"({cn_numeral(n)})",
            "1.": f"{n}.", "(1)": f"({n})", "①": chr(0x2460 + n - 1) if n <= 20 else str(n),
            "一是": f"{cn_numeral(n)}是"}.get(style, str(n))


@check("heading_numbering")
def heading_numbering(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    secs = report.sections
    groups: dict[tuple[int, str], list[Section]] = {}
    for s in secs:
        if s.style in ("一是", "hint"):
            continue
        groups.setdefault((s.parent if s.parent is not None else -1, s.style), []).append(s)
    for (_p, style), sibs in groups.items():
        prev = 0
        for s in sibs:
            if s.number is None:
                n = s.implied_number or prev + 1
                yield finding("heading_numbering", "missing_numeral", s.title_start, s.title_end,
                              title=s.title, expected=render(style, n), data={"expected": n})
                prev = n
                continue
            n = s.number
            if n == prev + 1:
                pass
            elif n > prev + 1:
                yield finding("heading_numbering", "skip", s.start, s.title_end, prev=render(style, prev) if prev else "开头",
                              found=render(style, n), expected=render(style, prev + 1), data={"expected": prev + 1, "found": n})
            else:
                yield finding("heading_numbering", "repeat", s.start, s.title_end, found=render(style, n),
                              prev=render(style, prev), data={"found": n})
            prev = n


@check("enumeration_gap")
def enumeration_gap(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    groups: dict[int, list[dict]] = {}
    for e in report.enumerations:
        groups.setdefault(e["group"], []).append(e)
    for items in groups.values():
        expected = 1
        for e in items:
            n = e["number"]
            if n == expected or n == 1:
                expected = n + 1
                continue
            if expected == 1:
                yield finding("enumeration_gap", "start", e["start"], e["end"], found=e["marker"],
                              data={"found": n})
            elif n > expected:
                yield finding("enumeration_gap", "skip", e["start"], e["end"], prev=render("一是", expected - 1),
                              found=e["marker"], expected=render("一是", expected), data={"found": n, "expected": expected})
            else:
                yield finding("enumeration_gap", "repeat", e["start"], e["end"], found=e["marker"], data={"found": n})
            expected = n + 1
