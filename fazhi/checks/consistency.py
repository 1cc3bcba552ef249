"""Consistency with the report's own identity: the year it reports on and the level of
the unit that issues it. Both catch text carried over from another year's or another
unit's report, the commonest defect reviewers find."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..data import load as load_data
from ..record import Finding, Report
from ..understand.attribution import levels_lexicon, speaking_level
from ..understand.attribution.dating import body_year
from ..understand.completeness import inferred_fields
from .document import disputed_year, is_report
from .registry import check, finding

# A sentence that opens with the year and the unit at work (2022年，我县…; 2022年，某乡党委、乡政府在…;
# 2022年，区委书记、区长坚持…; 2022年，某区以…为指导). 2022年以来 is a span reaching into the report year, not a date.
_ACHIEVEMENT_YEAR = re.compile(
    r"(?:^|(?<=[。;\n]))\s*((?:19|20)\d{2})\s*年(?:度)?\s*,?\s*(?=(我|全|本|共|累计|在|[\u4e00-\u9fff、]{1,16}"
    r"(县|区|市|镇|乡|局|政府|党委|党工委|党组|街道|办事处|省|委|委员会|书记|长|主任)"
    r"(共|累计|坚持|围绕|紧紧|认真|深入|全面|扎实|持续|始终|着力|在|以)))",
    re.M)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SENTENCE_END = re.compile(r"[。;!?\n]")
_PLAN_OPENS_WITH_YEAR = re.compile(r"\s*(?:(?:下一步|今后|新的一年|明年)\s*[,，]?\s*)?(?=(?:19|20)\d{2}\s*年)")


@lru_cache(maxsize=1)
def _dated() -> re.Pattern[str]:
    """Phrases that date the year's own work (years.toml), the year captured in group 1."""
    pats = load_data("years.toml")["achievement_dated"]
    return re.compile("|".join("(?:" + p.replace("{year}", "((?:19|20)\\d{2})", 1) + ")" for p in pats))
_BOOK = re.compile(r"《[^《》\n]{0,80}》")


def _trusted_year(report: Report) -> str | None:
    """How far the report year can be set against the text: "stated" (title), "inferred" when
    the year was read from the body's own account of its year (2022年，我镇…), None when it
    came from elsewhere (the plan's year, a breadcrumb, a repost's notice) and is no fact to
    check the text against."""
    md = report.metadata
    if "report_year" not in md.inferred:
        return "stated"
    return "inferred" if body_year(report.work, report.body_start, report.body_end)[0] == md.report_year else None


@check("year_consistency")
def year_consistency(report: Report) -> Iterator[Finding]:
    md = report.metadata
    regions = report.regions
    if not is_report(report) or md.report_year is None or regions is None:
        return
    trust = _trusted_year(report)
    if trust is None:
        return
    # an inferred year is named as such in the message, since the reviewer may find it wrong
    suffix = "_inferred" if trust == "inferred" else ""
    work = report.work
    year = md.report_year
    # the title's year against the lead-in's is report_year's finding: not one more here for each
    # sentence dated the lead-in's year, nor for plans of the year after it
    disputed = disputed_year(report)
    other = disputed[0] if disputed else None
    if regions.measures:
        a, b = regions.measures
        flagged: set[int] = set()  # one finding for a year however many phrasings date it
        for m in _ACHIEVEMENT_YEAR.finditer(work, a, b):
            found = int(m.group(1))
            if found != year and found != other and year - 3 <= found < year:
                flagged.add(m.start(1))
                yield finding("year_consistency", "measures" + suffix, m.start(1), m.end(0), year=year, found=found,
                              data={"report_year": year, "found": found})
        for m in _dated().finditer(work, a, b):
            g = next(i for i in range(1, (m.lastindex or 0) + 1) if m.group(i))
            found = int(m.group(g))
            if found != year and found != other and year - 3 <= found < year and m.start(g) not in flagged:
                flagged.add(m.start(g))
                yield finding("year_consistency", "measures" + suffix, m.start(g), m.end(g) + 1, year=year, found=found,
                              data={"report_year": year, "found": found})
    plan_heads = [s for s in report.sections if s.role == "next_year_plan" and s.level == 1]
    spans = [(s.title_start, s.title_end) for s in plan_heads]
    for s in plan_heads:
        if not _YEAR.search(work, s.title_start, s.title_end):
            # a heading without a year (今后努力方向): the plan's first sentence names it, if anything
            # (only a year that opens it: 对照2023年考核发现的问题 looks back, not ahead)
            # (its text may run on after the heading's colon: 四、下一步打算：2022年，全乡将…)
            rest = re.match(r"[:：\s]*", work[s.title_end:s.end]).end() + s.title_end
            m = _PLAN_OPENS_WITH_YEAR.match(work, rest, s.end) if rest < s.end else None
            if m is not None:
                end = _SENTENCE_END.search(work, m.end(), s.end)
                spans.append((m.end(), end.start() if end else s.end))
    if regions.next_year_plan and not plan_heads:
        a = regions.next_year_plan[0]
        end = work.find("。", a)
        spans.append((a, end if end > 0 else min(a + 80, len(work))))
    for a, b in spans:
        seg = _BOOK.sub(lambda m: " " * len(m.group(0)), work[a:b])
        for m in _YEAR.finditer(seg):
            found = int(m.group(1))
            nxt = seg[m.end():m.end() + 1]
            if found != year + 1 and (other is None or found != other + 1) and nxt not in "—-~至到" \
                    and seg[max(0, m.start() - 1):m.start()] not in ("—", "-"):
                yield finding("year_consistency", "plan" + suffix, a + m.start(1), a + m.end(), expected=year + 1,
                              found=found, year=year,
                              data={"report_year": year, "found": found})
            break


@lru_cache(maxsize=1)
def _mismatch_patterns() -> tuple[dict[str, re.Pattern[str]], dict[str, dict]]:
    lex = levels_lexicon()
    pats = {k: re.compile(v) for k, v in lex["mismatch"].items()}
    cond = {k: {"pattern": re.compile(v["pattern"]), "unless_province": re.compile(v["unless_province"]),
                "unless_city": re.compile(v["unless_city"])} for k, v in lex.get("conditional", {}).items()}
    return pats, cond


def _unit_key(level: str | None, name: str | None) -> str | None:
    if level in ("township", "county", "department") and name:
        return f"{level}:{name[-1]}"
    return level


@check("level_mismatch")
def level_mismatch(report: Report) -> Iterator[Finding]:
    md = report.metadata
    level = speaking_level(md)  # a development zone (level null) speaks as the 区 it calls itself
    if not is_report(report) or level is None or (level == "department" and not md.department):
        return
    pats, cond = _mismatch_patterns()
    if level == "department":
        # a department speaks of 全县 and 我县 as its own, and of no other level's place
        keys = [_unit_key(level, md.department)]
        if md.jurisdiction:
            keys.append("department-of:" + md.jurisdiction[-1])
    else:
        keys = [_unit_key(level, md.jurisdiction), "government"]
    work = report.work
    a, b = report.body_start, report.body_end
    books = [(m.start(), m.end()) for m in _BOOK.finditer(work, a, b)]
    unit = md.department or md.jurisdiction or {"township": "乡镇", "street": "街道", "county": "县", "district": "区", "city": "市",
                               "province": "省"}.get(level, "本单位")
    variant = None
    seen: set[str] = set()
    matchers: list[re.Pattern[str]] = [pats[k] for k in keys if k in pats]
    for k in keys:
        c = cond.get(k or "")
        if c and not (md.province and c["unless_province"].search(md.province)) \
                and not (md.city and c["unless_city"].search(md.city)):
            matchers.append(c["pattern"])
    for pat in matchers:
        for m in pat.finditer(work, a, b):
            word = m.group(0)
            if word in seen or any(s <= m.start() < e for s, e in books):
                continue
            seen.add(word)
            if variant is None:
                # a unit the report never states (read from the site's address or the body) is no fact
                # to set the report's words against: the message says it was inferred
                named = "department" if md.department else "jurisdiction"
                variant = "inferred" if named in inferred_fields(md.to_dict()) else "default"
            yield finding("level_mismatch", variant, start=m.start(), end=m.end(), unit=unit, word=word,
                          data={"word": word, "level": level})
