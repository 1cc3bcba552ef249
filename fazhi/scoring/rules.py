"""The rule kinds a rubric item can use, each a plain function of the analysis record.

Every kind reads only what the analysis already found (required contents, metadata,
figures, findings, regions, the coverage map) and returns an Outcome: the measured value
or outcome, a Chinese reason that states what was counted, and the evidence spans, so a
score can be re-checked in the text. Phrasings (what makes a plan specific) live in
fazhi/data/scoring.toml; stock phrasing is the same list the generic_text check uses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..data import load as load_data
from ..data.labels import CONTENT_ZH
from ..record import CONTENT_KEYS, Report
from ..understand.literals import LiteralScan
from .coverage import STATUS_ZH, coverage
from .rubric import Item, Outcome, Param, rule_kind

REGION_ZH = {**{k: CONTENT_ZH[k] for k in ("measures", "shortcomings", "next_year_plan")}, "body": "正文"}
REGIONS = tuple(REGION_ZH)
MARKERS = ("figure", "document", "deadline", "quoted")
MARKER_ZH = {"figure": "数据", "document": "文件名称", "deadline": "时限", "quoted": "引号中的具体名称"}


@dataclass(frozen=True)
class _Lex:
    document: re.Pattern[str]
    quoted: re.Pattern[str]
    deadline: re.Pattern[str]
    stock: re.Pattern[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    data = load_data("scoring.toml")
    sp = data["specificity"]
    text_checks = load_data("textchecks.toml")
    stock = sorted(text_checks["generic"]["stock"], key=len, reverse=True)
    return _Lex(re.compile(sp["document"]), re.compile(sp["quoted"]), re.compile(sp["deadline"]),
                re.compile("|".join(map(re.escape, stock))))


@lru_cache(maxsize=1)
def _stock_scan() -> LiteralScan:
    """The stock phrases found in one pass (literals.LiteralScan), as their alternation finds them."""
    return LiteralScan([_lex().stock])


def _line(report: Report, pos: int | None) -> str:
    n = report.line_of(pos)
    return f"第{n}行" if n else ""


def _clip(report: Report, s: int, e: int, width: int = 30) -> str:
    q = report.text[s:e].strip().replace("\n", " ")
    return q if len(q) <= width else q[:width] + "…"


def _region(report: Report, name: str) -> tuple[int, int] | None:
    """The span of a part of the report, trimmed of blanks (and of page furniture, blank in `work`)."""
    if name == "body":
        span = (report.body_start, report.body_end)
    else:
        reg = report.regions
        span = getattr(reg, name, None) if reg is not None else None
    if span is None:
        return None
    s, e = span
    work = report.work
    while s < e and work[s].isspace():
        s += 1
    while e > s and work[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def _chars(work: str, s: int, e: int) -> int:
    seg = work[s:e]
    return len(seg) - sum(seg.count(c) for c in " \n\t\r")


# ------------------------------------------------------------------ content

@rule_kind("content", "规定内容是否齐全（规定第二十五条的五项内容）", "label", {
    "content": Param("choice", "measures", "哪一项内容：measures、shortcomings、causes、first_responsibility、next_year_plan",
                     CONTENT_KEYS),
    "levels": Param("levels", {"present": 1.0, "plan_only": 0.0, "absent": 0.0},
                    "各结果的得分率：present（有）、plan_only（只在下一年度计划中出现）、absent（无）"),
}, labels={"present": "有", "plan_only": "只作为下一年度计划出现", "absent": "无"})
def content(report: Report, item: Item) -> Outcome:
    key = item.params["content"]
    zh = CONTENT_ZH[key]
    c = report.required_contents.get(key)
    if c is not None and c.present:
        where = _line(report, c.start)
        why = f"：{c.evidence}" if c.evidence else ""
        ev = [(c.start, c.end)] if c.start is not None and c.end is not None else []
        return Outcome(label="present", reason=f"报告写明了“{zh}”（{where}起）{why}", evidence=ev)
    if c is not None and c.start is not None:
        return Outcome(label="plan_only", reason=f"“{zh}”只出现在下一年度工作安排中（{_line(report, c.start)}），"
                                                 "未报告本年度的情况", evidence=[(c.start, c.end)])
    return Outcome(label="absent", reason=f"报告未写明“{zh}”")


# ------------------------------------------------------------------ timeliness

def _date(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None


def _find_date(text: str, d: date, label: str) -> tuple[int, int] | None:
    """Where the text states the date, for evidence: preferably after its label (公开日期,
    成文日期), else its first occurrence."""
    pat = re.compile(rf"{d.year}\s*(?:年\s*0?{d.month}\s*月\s*0?{d.day}\s*日|[-/.．]0?{d.month}[-/.．]0?{d.day}(?!\d))")
    first = None
    for m in pat.finditer(text):
        first = first or m
        if re.search(rf"(?:{label})(?:日期|时间)?\s*[:：]?\s*$", text[max(0, m.start() - 12):m.start()]):
            return m.start(), m.end()
    return (first.start(), first.end()) if first else None


@rule_kind("timeliness", "是否按时公开（次年4月1日前；部门报告3月1日前成文）", "label", {
    "deadline": Param("choice", "04-01", "公开截止日（报告年度次年的月-日，须早于该日公开）",
                      tuple(f"{m:02d}-01" for m in range(1, 13))),
    "department_deadline": Param("choice", "03-01", "部门报告成文截止日（报告年度次年的月-日，不晚于该日）",
                                 tuple(f"{m:02d}-01" for m in range(1, 13))),
    "levels": Param("levels", {"on_time": 1.0, "on_deadline": 0.5, "department_late": 0.5, "late": 0.0,
                               "no_date": 0.0},
                    "各结果的得分率：on_time（按时）、on_deadline（恰在截止日当天）、department_late（部门报告成文晚于报送时限）、"
                    "late（逾期）、no_date（找不到公开日期）"),
}, labels={"on_time": "按时公开", "on_deadline": "截止日当天公开", "department_late": "部门报告成文晚于报送时限",
           "late": "逾期公开", "no_date": "找不到公开日期"})
def timeliness(report: Report, item: Item) -> Outcome:
    md = report.metadata
    pub = _date(md.published)
    if pub is not None and md.found_on:  # a copy on another site: its date is the copy's
        return Outcome(label="no_date", reason=f"所查到的文本来自网站{md.found_on}（不是本单位的政府门户网站），"
                                               "其日期不是本单位的公开日期，无法核对是否按时公开")
    if pub is None:
        return Outcome(label="no_date", reason="未找到报告的公开日期，无法核对是否按时公开")
    from ..checks.document import lenient_year

    # a year the title states and the lead-in contradicts: the later one's deadline (as the check's)
    year = lenient_year(report) if md.report_year is not None else pub.year - 1
    mm, dd = (int(x) for x in item.params["deadline"].split("-"))
    deadline = date(year + 1, mm, dd)
    span = _find_date(report.text, pub, "公开|发布|发表")
    ev = [span] if span else []
    published = _cn(pub)  # as the findings and the documents write a date (2024年4月2日)
    if pub > deadline:
        return Outcome(label="late", value=(pub - deadline).days,
                       reason=f"报告于{published}公开，晚于{_cn(deadline)}之前公开的要求", evidence=ev)
    if pub == deadline:
        return Outcome(label="on_deadline", value=0,
                       reason=f"报告于{published}公开，恰在截止日当天，未做到“{mm}月{dd}日前”公开", evidence=ev)
    signed = _date(md.signed)
    if md.level == "department" and signed is not None:
        mm2, dd2 = (int(x) for x in item.params["department_deadline"].split("-"))
        if signed > date(year + 1, mm2, dd2):
            sspan = _find_date(report.text, signed, "成文")
            return Outcome(label="department_late",
                           reason=f"部门报告成文日期为{_cn(signed)}，晚于{mm2}月{dd2}日的报送时限",
                           evidence=[sspan] if sspan else ev)
    return Outcome(label="on_time", reason=f"报告于{published}公开，早于{_cn(deadline)}，按时公开",
                   evidence=ev)


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# ------------------------------------------------------------------ findings

@rule_kind("findings", "问题数（按检查项计数，如计算错误、文字差错）", "number", {
    "checks": Param("strings", (), "计入的检查项编号（见 fazhi checks）"),
    "severity_weights": Param("weights", {"error": 1.0, "warning": 1.0, "info": 0.0},
                              "每条问题按级别计数的权重", ("error", "warning", "info")),
    "steps": Param("steps", [[0, 1.0], [1, 0.5], [3, 0.0]], "问题数（加权）到得分率的档次：[[阈值, 得分率], ...]"),
})
def findings(report: Report, item: Item) -> Outcome:
    from ..checks.registry import specs

    wanted = set(item.params["checks"])
    w = item.params["severity_weights"]
    counted = [f for f in report.findings if f.check in wanted and w.get(f.severity, 0) > 0]
    value = sum(w.get(f.severity, 0) for f in counted)
    names = "、".join(specs()[c].name for c in item.params["checks"])
    if not counted:
        return Outcome(value=0, reason=f"未发现{names}方面的问题")
    by: dict[str, int] = {}
    for f in counted:
        by[f.check] = by.get(f.check, 0) + 1
    detail = "，".join(f"{specs()[c].name}{n}处" for c, n in by.items())
    first = counted[0]
    reason = f"发现{len(counted)}处问题（{detail}），计{value:g}；如：{first.message}"
    ev = [(f.start, f.end) for f in counted if f.start is not None and f.end is not None]
    return Outcome(value=value, reason=reason, evidence=ev)


# ------------------------------------------------------------------ figure density

@rule_kind("figure_density", "数据密度（每千字的数据项数）", "number", {
    "region": Param("choice", "measures", "统计的部分：measures、shortcomings、next_year_plan、body", REGIONS),
    "indicator_only": Param("bool", False, "只计归入指标体系的数据"),
    "steps": Param("steps", [[0, 0.0], [1, 0.25], [2, 0.5], [4, 0.75], [6, 1.0]], "每千字数据项数到得分率的档次"),
})
def figure_density(report: Report, item: Item) -> Outcome:
    region = item.params["region"]
    span = _region(report, region)
    zh = REGION_ZH[region]
    if span is None:
        return Outcome(value=0, reason=f"报告没有“{zh}”部分，无从统计数据")
    s, e = span
    chars = _chars(report.work, s, e)
    figs = [f for f in report.figures if s <= f.start < e and (f.indicator or not item.params["indicator_only"])]
    density = 1000 * len(figs) / chars if chars else 0.0
    what = "归入指标的数据" if item.params["indicator_only"] else "数据"
    reason = f"“{zh}”部分{chars}字，有{what}{len(figs)}项，每千字{density:.1f}项"
    ev = [span] + [(f.start, f.end) for f in figs[:10]]
    return Outcome(value=round(density, 2), reason=reason, evidence=ev)


# ------------------------------------------------------------------ core indicators

@rule_kind("indicators", "是否报告了核心数据（按指标类别计数）", "number", {
    "groups": Param("names", {"reconsideration": "行政复议", "litigation": "行政应诉"},
                    "指标类别（指标编号或其前缀 = 中文名称）"),
    "steps": Param("steps", [[0, 0.0], [1, 0.5], [2, 1.0]], "报告了的类别数到得分率的档次"),
})
def indicators(report: Report, item: Item) -> Outcome:
    groups: dict[str, str] = item.params["groups"]
    hit: dict[str, object] = {}
    for f in report.figures:
        if not f.indicator:
            continue
        for g in groups:
            if g not in hit and (f.indicator == g or f.indicator.startswith(g + ".")):
                hit[g] = f
    have = [f"{groups[g]}（{_clip(report, hit[g].start, hit[g].end, 16)}）" for g in groups if g in hit]
    miss = [groups[g] for g in groups if g not in hit]
    reason = f"报告了{len(groups)}类核心数据中的{len(hit)}类"
    if have:
        reason += "：" + "、".join(have)
    if miss:
        reason += "；未报告：" + "、".join(miss)
    ev = [(hit[g].start, hit[g].end) for g in groups if g in hit]
    return Outcome(value=len(hit), reason=reason, evidence=ev)


# ------------------------------------------------------------------ specificity

@rule_kind("specificity", "具体程度（数据、文件名称、时限、具体措施名称，相对于套话）", "number", {
    "region": Param("choice", "shortcomings", "评价的部分：shortcomings、next_year_plan、measures", REGIONS),
    "markers": Param("weights", {"figure": 1.0, "document": 1.0, "deadline": 1.0, "quoted": 0.5},
                     "各类具体内容的计数权重：figure（数据）、document（《文件名称》）、deadline（时限）、"
                     "quoted（引号中的具体名称）", MARKERS),
    "steps": Param("steps", [[0, 0.0], [1, 0.5], [3, 1.0]], "具体内容计数（加权）到得分率的档次"),
})
def specificity(report: Report, item: Item) -> Outcome:
    region = item.params["region"]
    zh = REGION_ZH[region]
    span = _region(report, region)
    if span is None:
        return Outcome(value=0, reason=f"报告没有“{zh}”部分")
    s, e = span
    work = report.work
    lex = _lex()
    found: dict[str, list[tuple[int, int]]] = {m: [] for m in MARKERS}
    found["figure"] = [(f.start, f.end) for f in report.figures if s <= f.start < e]
    found["document"] = [m.span() for m in lex.document.finditer(work, s, e)]
    found["deadline"] = [m.span() for m in lex.deadline.finditer(work, s, e)]
    found["quoted"] = [m.span() for m in lex.quoted.finditer(work, s, e)]
    w = item.params["markers"]
    value = sum(w.get(k, 0) * len(v) for k, v in found.items())
    core = re.sub(r"\s", "", work[s:e])
    spans = _stock_scan().spans(core)[0]
    stock = sum(b - a for a, b in spans) if spans is not None else \
        sum(len(m.group(0)) for m in lex.stock.finditer(core))
    share = round(100 * stock / len(core)) if core else 0
    counts = "、".join(f"{MARKER_ZH[k]}{len(found[k])}处" for k in MARKERS if w.get(k, 0) > 0)
    reason = f"“{zh}”部分{len(core)}字：{counts}，计{value:g}；套话约占{share}%"
    ev = sorted(sp for k in MARKERS if w.get(k, 0) > 0 for sp in found[k])
    if not ev:
        ev = [(s, e)]
    return Outcome(value=value, reason=reason, evidence=ev[:20])


# ------------------------------------------------------------------ 纲要 coverage

@rule_kind("coverage", "纲要覆盖面（报告了纲要的哪些部分）", "number", {
    "measure": Param("choice", "share", "share（占纲要各部分的比例）或 count（部分个数）", ("share", "count")),
    "min_status": Param("choice", "reported", "怎样算覆盖：reported（有报告）或 mentioned（至少提及）",
                        ("reported", "mentioned")),
    "areas": Param("strings", (), "只看这些领域（领域编号，见 fazhi/data/gangyao.toml；空表示纲要的全部部分）"),
    "steps": Param("steps", [[0, 0.0], [0.3, 0.25], [0.5, 0.5], [0.7, 0.75], [0.85, 1.0]], "覆盖比例或个数到得分率的档次"),
})
def coverage_rule(report: Report, item: Item) -> Outcome:
    cov = report.coverage or coverage(report)
    if not cov:
        return Outcome(value=0, reason="无法对照纲要（不是年度报告或没有正文）")
    areas = cov["areas"]
    wanted = list(item.params["areas"])
    unknown = [a for a in wanted if a not in areas]
    if wanted:
        ids = [a for a in wanted if a in areas]
    else:
        ids = [a for a, v in areas.items() if v.get("counted", True) and "parent" not in v]
    ok = ("reported",) if item.params["min_status"] == "reported" else ("reported", "mentioned")
    covered = [a for a in ids if areas[a]["status"] in ok]
    missing = [a for a in ids if a not in covered]
    n = len(ids)
    value = (len(covered) / n if n else 0.0) if item.params["measure"] == "share" else float(len(covered))
    what = "有报告" if item.params["min_status"] == "reported" else "报告或提及"
    reason = f"对照《{cov['outline']['name']}》，{n}个领域中{what}{len(covered)}个"
    if item.params["measure"] == "share" and n:
        reason += f"（{100 * value:.0f}%）"
    if missing:
        reason += "；" + "、".join(f"{areas[a]['name']}{STATUS_ZH[areas[a]['status']]}" for a in missing)
    if unknown:
        reason += f"；所对照的纲要中没有这些领域：{'、'.join(unknown)}"
    ev = [tuple(areas[a]["spans"][0]) for a in covered if areas[a]["spans"]]
    return Outcome(value=round(value, 4), reason=reason, evidence=ev)
