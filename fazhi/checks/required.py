"""The five required contents (规定 第二十五条): each absent item is a finding."""
from __future__ import annotations

from typing import Iterator

from ..record import Finding, Report
from .document import is_report
from .registry import check, finding


def _missing(report: Report, key: str) -> bool:
    c = report.required_contents.get(key)
    return is_report(report) and c is not None and not c.present


@check("measures_missing")
def measures_missing(report: Report) -> Iterator[Finding]:
    if _missing(report, "measures"):
        yield finding("measures_missing")


@check("shortcomings_missing")
def shortcomings_missing(report: Report) -> Iterator[Finding]:
    if _missing(report, "shortcomings"):
        yield finding("shortcomings_missing")


@check("causes_missing")
def causes_missing(report: Report) -> Iterator[Finding]:
    short = report.required_contents.get("shortcomings")
    if _missing(report, "causes") and short is not None and short.start is not None and short.end is not None:
        yield finding("causes_missing", start=short.start, end=min(short.end, short.start + 200))


@check("first_responsibility_missing")
def first_responsibility_missing(report: Report) -> Iterator[Finding]:
    if not _missing(report, "first_responsibility"):
        return
    c = report.required_contents["first_responsibility"]
    if c.start is not None:
        yield finding("first_responsibility_missing", "plan_only", start=c.start, end=c.end,
                      quote=report.text[c.start:c.end].strip()[:60])
    else:
        yield finding("first_responsibility_missing")


@check("next_year_plan_missing")
def next_year_plan_missing(report: Report) -> Iterator[Finding]:
    if _missing(report, "next_year_plan"):
        yield finding("next_year_plan_missing")
