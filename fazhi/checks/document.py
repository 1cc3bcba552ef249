"""Document-level checks: what the document is, whom and which year it covers, and
whether it was published on time (规定 第二十四条: before 1 April of the next year)."""
from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from ..data.labels import DOC_TYPE_COUNT, DOC_TYPE_ZH
from ..record import Finding, Metadata, Report
from ..understand.attribution.dating import body_year
from ..understand.attribution.titles import issuer_from_title
from ..understand.completeness import inferred_fields
from .registry import check, finding, specs


def is_report(report: Report) -> bool:
    return report.metadata.doc_type == "report"


@check("not_a_report")
def not_a_report(report: Report) -> Iterator[Finding]:
    """A look-alike is named with the words that show what it is, so a reviewer who
    disagrees sees at once what the decision rests on."""
    md = report.metadata
    if md.doc_type != "report":
        shown = []
        if md.title:
            shown.append(f"标题：{md.title}")
        ev = md.evidence.get("doc_type") or {}
        if ev.get("source") == "body" and ev.get("text"):
            shown.append(f"依据：“{ev['text'][:40]}”")
        why = f"（{'；'.join(shown)}）" if shown else ""
        zh = DOC_TYPE_ZH.get(md.doc_type, md.doc_type)
        yield finding("not_a_report", "unknown" if md.doc_type == "unknown" else "default",
                      start=md.title_span[0] if md.title_span else None,
                      end=md.title_span[1] if md.title_span else None,
                      kind=DOC_TYPE_COUNT.get(md.doc_type, "") + zh, why=why, data={"doc_type": md.doc_type})


@check("missing_title")
def missing_title(report: Report) -> Iterator[Finding]:
    md = report.metadata
    if not is_report(report):
        return
    place = _inferred_unit(md)
    if place and _basis(md) == specs()["missing_title"].messages["basis_field"]:
        # the unit as the 发布机构 field writes it, not with the divisions above it added
        place = md.department if md.level == "department" and md.department else md.issuer or place
    # a department's report whose department was not found: the place is not the unit, its
    # government being another body
    of = "_department" if md.jurisdiction and md.level == "department" and not md.department else ""
    if md.title_span is None and not md.title:
        # "no title that names the unit and the year": a first line such as 关于法治政府建设情况的报告
        # may stand there, so the message never says the document has no title line at all; a
        # department is shown a department's title as the example, not a government's
        bureau = "_bureau" if md.level == "department" and not of else ""
        yield finding("missing_title", "inferred" + (of or bureau), place=place, basis=_basis(md)) if place \
            else finding("missing_title", "unknown")
        return
    if md.title_span is not None and not _title_names_unit(md):
        # a title of the report's own (关于2023年度法治政府建设情况的报告) that names no unit
        yield (finding("missing_title", "no_issuer" + of, *md.title_span, title=md.title, place=place,
                       basis=_basis(md)) if place
               else finding("missing_title", "no_issuer_unknown", *md.title_span, title=md.title))
    if md.title and md.report_year is not None and "report_year" in md.inferred:
        yield finding("missing_title", "no_year", *(md.title_span or (None, None)), title=md.title)


def _basis(md: Metadata) -> str:
    """How the unit a missing_title message names was known: from the page's 发布机构 field, which
    states it, or from the body's words (checks.toml [missing_title] messages.basis_*)."""
    fld = "department" if md.level == "department" and md.department else "jurisdiction" if md.jurisdiction \
        else "department" if md.department else "issuer"
    src = (md.evidence.get(fld) or {}).get("source")
    return specs()["missing_title"].messages["basis_field" if src == "issuer_field" else "basis_body"]


def _title_names_unit(md: Metadata) -> bool:
    """Whether the title names who reports: an issuer before 关于 or the year (某县人民政府关于…,
    市司法局2023年…), the unit after 关于 (关于某镇2024年…), or the unit attribution read from it."""
    title = md.title or ""
    if issuer_from_title(title) is not None or any(u and u in title for u in (md.department, md.jurisdiction)):
        return True
    return any((md.evidence.get(f) or {}).get("source") == "title" for f in ("jurisdiction", "department", "issuer"))


def _inferred_unit(md: Metadata) -> str | None:
    """The unit read from elsewhere than a title, as a notice may name it: the place with the
    divisions above it, else the body's unit (区城市管理局) when its place is not named. A
    department's report names the department (宁波市教育局, not 宁波市: the place's government
    is another unit)."""
    if md.jurisdiction:
        unit = md.department if md.level == "department" and md.department else md.jurisdiction
        parts = list(dict.fromkeys(p for p in (md.province, md.city, md.county)
                                   if p and p != md.jurisdiction and p not in unit))
        return unit + (f"（{''.join(parts)}）" if parts else "")
    return md.department or md.issuer or None


def _d(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None


# The year the report's lead-in says it reports on, before its first part: a sentence led by the year
# (2023年，某县坚持…) or the lead-in's own words (现将2023年度法治政府建设情况报告如下). 2021年以来 is a span.
_LEAD_YEAR = re.compile(r"(?:^|[。；;\n])[ \t\u3000]*((?:19|20)\d{2})\s*年(?:度)?\s*[，,]"
                        r"|现将\s*((?:19|20)\d{2})\s*年(?:度)?[^。；;\n]{0,40}?(?:报告|总结|汇报)如下")
_LEAD_SPAN = 400


def disputed_year(report: Report) -> tuple[int, int, int] | None:
    """(year, start, end) of the lead-in's year when it contradicts the year the title states and the
    report bears it out (标题：2022年度…；正文：现将2023年度…报告如下, published in 2024, plans for 2024),
    else None. Which of the two is right the report does not settle: a finding resting on the
    title's year (逾期357天, 下一年度应为2023年, 成绩记为2022年，可能沿用了往年报告) would state a guess, so
    the checks of years say the conflict instead. A lead-in year the publication date and the
    plans contradict (a sentence carried over from last year) is no dispute: year_consistency's."""
    md = report.metadata
    if md.report_year is None or "report_year" in md.inferred:
        return None
    a = report.body_start
    heads = [s.title_start for s in report.sections if s.title_start is not None and s.title_start > a]
    b = min([report.body_end, a + _LEAD_SPAN] + heads)  # the lead-in, before the first part
    m = _LEAD_YEAR.search(report.work, a, b)
    if m is None:
        return None
    g = 1 if m.group(1) else 2
    found, title = int(m.group(g)), md.report_year
    if found == title:
        return None
    pub = _d(md.published)
    plan = body_year(report.work, a, report.body_end)[1]
    for_lead = sum((pub is not None and pub.year == found + 1, plan == found + 1,
                    report.work.count(f"{found}年", a, b) >= 2))
    for_title = sum((pub is not None and pub.year == title + 1, plan == title + 1))
    return (found, m.start(g), m.end(g)) if for_lead and for_lead >= for_title else None


def lenient_year(report: Report) -> int | None:
    """The report year the deadlines are counted from: with a disputed year the later of the two, so
    that a unit is called late only when it is late whichever year it reports on."""
    md = report.metadata
    disputed = disputed_year(report)
    return max(md.report_year, disputed[0]) if disputed and md.report_year is not None else md.report_year


@check("report_year")
def report_year(report: Report) -> Iterator[Finding]:
    md = report.metadata
    if not is_report(report):
        return
    if md.report_year is None:
        yield finding("report_year", "missing")
        return
    disputed = disputed_year(report)
    if disputed is not None:
        found, start, end = disputed
        yield finding("report_year", "conflict", start, end, year=md.report_year, found=found,
                      data={"report_year": md.report_year, "found": found})
        return
    pub = _d(md.published) if not md.found_on else None  # a copy elsewhere dates the copy
    # published a year or more after the year it should have been: that is the lateness timeliness
    # states (with the report's year), not a second finding on the same date
    if pub is not None and pub.year <= md.report_year:
        yield _dated(finding("report_year", "mismatch", year=md.report_year, published=md.published,
                             expected=md.report_year + 1, data={"published": md.published}), md)


def published_inferred(md: Metadata) -> bool:
    """Whether the publication date is one the page does not state (a date in its address, an
    unlabelled date on the page): a claim made on it is said to rest on an inferred date."""
    return "published" in inferred_fields({"evidence": md.evidence or {}, "inferred": md.inferred,
                                           "published": md.published})


def _dated(f: Finding, md: Metadata) -> Finding:
    """A finding that rests on the publication date, told so when that date was inferred
    (checks.toml [timeliness] messages.date_inferred): the 审查意见, the 通报 and the workbook
    all read the message, so none of them states the lateness as a fact of the page."""
    if published_inferred(md):
        f.message += specs()["timeliness"].messages["date_inferred"]
        f.data["published_inferred"] = True
    return f


@check("timeliness")
def timeliness(report: Report) -> Iterator[Finding]:
    md = report.metadata
    if not is_report(report):
        return
    pub = _d(md.published)
    year = lenient_year(report)
    if pub is not None and md.found_on:
        # a copy on another site (a mirror, another place's repost): its page's date is the copy's,
        # not when the unit published, so no lateness is stated on it
        yield finding("timeliness", "found_on", severity="info", host=md.found_on, published=md.published)
    elif pub is None:
        if year is not None and disputed_year(report) is None:  # a disputed year has no one deadline
            yield finding("timeliness", "no_date", severity="info", year=year + 1)
        else:
            yield finding("timeliness", "no_date_no_year", severity="info")
    else:
        deadline_year = year + 1 if year is not None else pub.year
        deadline = date(deadline_year, 4, 1)
        if pub > deadline:
            # published after the year it was due in: the report's own year is said too, as the one
            # finding on it (report_year leaves that date alone), and a wait of over a year is named so
            days = (pub - deadline).days + 1
            key = "late" if year is None or pub.year <= deadline_year else "late_over_year" if days > 365 else "late_years"
            yield _dated(finding("timeliness", key, severity="error", published=md.published, year=deadline_year,
                                 report_year=year, days=days,
                                 data={"deadline": "before " + deadline.isoformat()}), md)
        elif pub == deadline:
            yield _dated(finding("timeliness", "on_deadline", severity="warning", published=md.published), md)
    signed = _d(md.signed)
    if md.level == "department" and signed is not None and year is not None:
        # the 1 March deadline for departments came with the 2019 规定; the 2015 纲要 asked
        # for every report within the first quarter
        # (data.signed tells these from a lateness of publication: the 通报 lists them apart)
        if year >= 2019 and signed > date(year + 1, 3, 1):
            yield finding("timeliness", "department_signed", severity="warning", signed=md.signed,
                          data={"signed": md.signed})
        elif year < 2019 and signed > date(year + 1, 3, 31):
            yield finding("timeliness", "department_signed_q1", severity="warning", signed=md.signed,
                          data={"signed": md.signed})
