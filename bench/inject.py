"""Defect injection: how many planted defects each check catches, and how often it fires on clean text.

Takes the correct reports of tests/corpus/reports (with the facts their manifest lists) and
the example reports, plants one defect at a time of every kind ../shared/spec/rules.md
names — a count changed so a rate or a sum breaks at its stated precision, a part set
above its whole, a heading numeral dropped or repeated, a bracket deleted, a number lost
(第批, 共件, 达%), a year shifted, another level's word (全镇 in a street's report, 我区 in a
县's bureau), 己经 and 自已, — for 一, the causes or a whole part removed, a part blanked into stock phrases — at
randomly chosen places with randomly chosen variants (seeded), analyses each injected
text and counts a defect caught when its check reports a new finding at the planted
place. Every check also runs on the clean reports and on the clean passages of
tests/corpus/clean_passages: any finding there is a false flag.

    python bench/inject.py [--half tuned|heldout|fresh|fresh2…fresh23|all] [--seed 17] [--per 2] [--json out.json]

Prints one line per check (injected, caught, recall, false flags) and a total line.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "tests" / "corpus" / "reports"
PASSAGES = ROOT / "tests" / "corpus" / "clean_passages"
EXAMPLES = ROOT / "examples"
WINDOW = 160  # a finding counts as catching a defect when it lies this close to the planted change
CN = "零一二三四五六七八九十"
# the halves of the written reports, each written after the fixes the ones before it led to
HALVES = ("tuned", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15", "fresh16", "fresh17", "fresh18", "fresh19", "fresh20", "fresh21", "fresh22", "fresh23")


@dataclass
class Source:
    name: str
    text: str
    facts: list
    half: str
    report: object = None  # the clean analysis


@dataclass
class Injection:
    check: str
    kind: str
    text: str
    pos: int        # where the change is in the injected text
    span: int = 1   # how many characters the change covers there


Injector = Callable[[Source, random.Random], Iterator[Injection]]
INJECTORS: list[tuple[str, Injector]] = []


def injector(check: str):
    def deco(fn: Injector) -> Injector:
        INJECTORS.append((check, fn))
        return fn
    return deco


def body(src: Source) -> tuple[int, int]:
    r = src.report
    return r.body_start, r.body_end


def replace(text: str, a: int, b: int, new: str) -> str:
    return text[:a] + new + text[b:]


def find_num(text: str, value, a: int = 0, b: int | None = None) -> list[int]:
    """Positions of a number printed as itself (not inside a longer number)."""
    s = str(value)
    pat = re.compile(r"(?<![\d.])" + re.escape(s) + r"(?![\d.])")
    return [m.start() for m in pat.finditer(text, a, len(text) if b is None else b)]


def breaks(part: float, whole: float, rate: str) -> bool:
    d = len(rate.split(".")[1]) if "." in rate else 0
    return whole > 0 and abs(100 * part / whole - float(rate)) > 0.5 * 10 ** -d + 1e-9


def has_base(part: int, rate: str) -> bool:
    d = len(rate.split(".")[1]) if "." in rate else 0
    r, tol = float(rate), 0.5 * 10 ** -d
    lo, hi = int(100 * part / (r + tol)) - 1, int(100 * part / max(r - tol, 1e-9)) + 2
    return any(b >= part and abs(100 * part / b - r) <= tol + 1e-9 for b in range(max(lo, 1), hi + 1))


# ----------------------------------------------------------------------------- arithmetic
@injector("rate_consistency")
def rate_count(src: Source, rng: random.Random) -> Iterator[Injection]:
    """Change the count a rate is computed from, or a digit of the rate, so the rate breaks."""
    for f in rng.sample(src.facts, len(src.facts)):
        if f["kind"] not in ("rate", "carried", "rate_only_part", "rate_wan"):
            continue
        t = src.text
        rate = f["rate"]
        rpos = [m.start() for m in re.finditer(re.escape(rate) + "%", t) if t[m.start() - 1:m.start()] not in "0123456789."]
        if not rpos:
            continue
        rp = rpos[0]
        choice = rng.random()
        if f["kind"] == "rate_wan":
            part = float(f["part"])
            new = f"{part - rng.choice([0.3, 0.5, 1.2]):.2f}"
            pos = [p for p in find_num(t, f["part"]) if rp - 120 < p < rp]
            if pos and breaks(float(new), float(f["whole"]) + 0.005, rate) and breaks(float(new) + 0.005, float(f["whole"]) - 0.005, rate):
                yield Injection("rate_consistency", "wan_count", replace(t, pos[-1], pos[-1] + len(f["part"]), new), pos[-1])
            continue
        if choice < 0.5 or f["kind"] == "rate_only_part":
            part = f["closed"] if f["kind"] == "carried" else f["part"]
            whole = f["new"] + f["carry"] if f["kind"] == "carried" else f.get("whole")
            for _ in range(20):
                new = part - rng.randint(1, max(2, part // 10))
                if new <= 0:
                    continue
                ok = (not has_base(new, rate)) if whole is None else breaks(new, whole, rate)
                if ok:
                    break
            else:
                continue
            pos = [p for p in find_num(t, part) if rp - 160 < p < rp]
            if pos:
                yield Injection("rate_consistency", "count", replace(t, pos[-1], pos[-1] + len(str(part)), str(new)), pos[-1])
        else:
            digits = [i for i, c in enumerate(rate) if c.isdigit()]
            i = rng.choice(digits)
            new = rate[:i] + str((int(rate[i]) + rng.randint(1, 8)) % 10) + rate[i + 1:]
            if new.startswith("0") and len(new) > 1 and new[1] != ".":
                continue
            part = f.get("closed", f.get("part"))
            whole = (f["new"] + f["carry"]) if f["kind"] == "carried" else f.get("whole")
            if float(new) > 100 or not breaks(part, whole, new):
                continue
            yield Injection("rate_consistency", "rate_digit", replace(t, rp, rp + len(rate), new), rp)


@injector("sum_consistency")
def sum_part(src: Source, rng: random.Random) -> Iterator[Injection]:
    """Change one part (or the total) of a stated partition by a few."""
    for f in rng.sample(src.facts, len(src.facts)):
        if f["kind"] != "sum":
            continue
        t = src.text
        tp = find_num(t, f["total"])
        if not tp:
            continue
        target = rng.choice(f["parts"] + [f["total"]])

        def unit_at(p: int, v) -> str:
            return t[p + len(str(v)):][:1]

        def parts_near(a: int) -> bool:
            return all(any(abs(p - a) < 220 and unit_at(p, v) == unit_at(a, f["total"]) for p in find_num(t, v))
                       for v in f["parts"])

        # the total's occurrence whose parts stand near it in its unit (not a 60 of another sentence)
        anchor = next((a for a in tp if parts_near(a)), tp[0])
        unit = unit_at(anchor, f["total"])
        # a part is counted in the total's unit (清理64件，其中…废止5件 — not the 事项5项 before it)
        pos = [p for p in find_num(t, target) if abs(p - anchor) < 220 and unit_at(p, target) == unit]
        pos = [p for p in pos if p != anchor] if target != f["total"] else [anchor]
        if not pos:
            continue
        p = rng.choice(pos)
        new = target + rng.choice([-3, -2, -1, 1, 2, 4, 10])
        if new <= 0:
            continue
        yield Injection("sum_consistency", "part" if target != f["total"] else "total",
                        replace(t, p, p + len(str(target)), str(new)), p)


@injector("count_order")
def part_above_whole(src: Source, rng: random.Random) -> Iterator[Injection]:
    """Swap a part and its whole (办结 above 受理), or raise the part above the whole."""
    for f in rng.sample(src.facts, len(src.facts)):
        if f["kind"] != "rate" or f["part"] == f["whole"]:
            continue
        t = src.text
        rp = t.find(f["rate"] + "%")
        wp = [p for p in find_num(t, f["whole"]) if rp - 200 < p < rp]
        pp = [p for p in find_num(t, f["part"]) if rp - 200 < p < rp]
        if not wp or not pp or wp[-1] >= pp[-1]:
            continue
        p = pp[-1]
        bigger = f["whole"] + rng.randint(1, 30)
        new = replace(t, p, p + len(str(f["part"])), str(bigger))
        yield Injection("count_order", "raise", new, p)


# ----------------------------------------------------------------------------- consistency
@injector("year_consistency")
def shift_year(src: Source, rng: random.Random) -> Iterator[Injection]:
    r = src.report
    y = r.metadata.report_year
    if y is None or r.regions is None:
        return
    t = src.text
    plan = r.regions.next_year_plan
    if plan:
        heads = [s for s in r.sections if s.role == "next_year_plan" and s.level == 1]
        seg_a, seg_b = (heads[0].title_start, heads[0].title_end) if heads else (plan[0], t.find("。", plan[0]))
        m = re.search(str(y + 1) + "年", t[seg_a:seg_b])
        if m:
            p = seg_a + m.start()
            yield Injection("year_consistency", "plan", replace(t, p, p + 4, str(y + rng.choice([0, 2]))), p, 4)
    if r.regions.measures:
        a, b = r.regions.measures
        cands = [m.start() for m in re.finditer(str(y) + r"年(?:度)?(?:，|,|全|我|共|工作要点|重大行政决策)", t[a:b])]
        cands = [a + c for c in cands if t[a + c - 1] not in "〔[（(—-"]
        if cands:
            p = rng.choice(cands)
            yield Injection("year_consistency", "measures", replace(t, p, p + 4, str(y - 1)), p, 4)
        else:
            # date an achievement sentence to last year
            paras = [m.start() for m in re.finditer(r"\n\s*(?=[^\s（(一二三四五六七八九十\d第])", t[a:b])]
            if paras:
                p = a + rng.choice(paras)
                p = len(t[:p + 1]) + len(t[p + 1:]) - len(t[p + 1:].lstrip())
                word = rng.choice([f"{y - 1}年，", f"{y - 1}年，{r.metadata.jurisdiction or ''}"])
                yield Injection("year_consistency", "measures_insert", replace(t, p, p, word), p, len(word))


WRONG = {  # the issuer's level -> words of other levels a copied text would carry
    ("township", "镇"): ["全乡", "我乡"], ("township", "乡"): ["全镇", "我镇"], ("street", ""): ["全镇", "我镇", "全乡"],
    ("county", "县"): ["我区", "全区"], ("county", "市"): ["全县", "我县"], ("district", ""): ["全县", "我县"],
    ("city", ""): ["我县", "本县"], ("province", ""): ["我市", "我县"],
    # a department by the last character of its place: the words of a place of another level
    # (not 全区 for a 县's: in an autonomous region that is the region, the level above)
    ("department", "县"): ["我区", "本区"], ("department", "区"): ["全县", "我县"],
    ("department", "市"): ["我县", "本县"], ("department", "省"): ["我县", "本县"],
}


@injector("level_mismatch")
def wrong_level(src: Source, rng: random.Random) -> Iterator[Injection]:
    md = src.report.metadata
    key = (md.level, (md.jurisdiction or "")[-1:] if md.level in ("township", "county", "department") else "")
    words = WRONG.get(key)
    if not words:
        return
    t = src.text
    a, b = body(src)
    own = {"township": r"全[镇乡]|我[镇乡]", "street": r"辖区|本街道|全街道|街道(?=[将共全])", "county": r"全[县市]|我[县市]",
           "district": r"全区|我区", "city": r"全市|我市", "province": r"全省|我省",
           "department": f"全{key[1]}|我{key[1]}"}[md.level]
    cands = [m for m in re.finditer(own, t[a:b])]
    w = rng.choice(words)
    if cands and rng.random() < 0.7:
        m = rng.choice(cands)
        p = a + m.start()
        yield Injection("level_mismatch", "replace", replace(t, p, a + m.end(), w), p, len(w))
    else:
        r = src.report
        if r.regions and r.regions.measures:
            ma, mb = r.regions.measures
            ps = [ma + m.start() + 1 for m in re.finditer(r"。(?=[^\n])", t[ma:mb])]
            if ps:
                p = rng.choice(ps)
                s = rng.choice([f"{w}上下", f"{w}", f"{w}各级各部门"]) + "形成了依法办事的良好氛围。"
                yield Injection("level_mismatch", "insert", replace(t, p, p, s), p, len(s))


# ----------------------------------------------------------------------------- structure
def _cn(n: int) -> str:
    return CN[n] if n <= 10 else ("十" + (CN[n - 10] if n > 10 else ""))


@injector("heading_numbering")
def heading_numeral(src: Source, rng: random.Random) -> Iterator[Injection]:
    r = src.report
    t = src.text
    secs = [s for s in r.sections if s.style not in ("一是", "hint", "bare") and s.number and s.number >= 2]
    if not secs:
        return
    s = rng.choice(secs)
    numeral = t[s.start:s.title_start]
    n = s.number
    how = rng.choice(["drop", "repeat", "skip"])
    if how == "drop":
        new = ""
    else:
        m = n - 1 if how == "repeat" else n + 1
        if re.search(r"\d", numeral):
            new = re.sub(r"\d+", str(m), numeral, count=1)
        else:
            new = numeral.replace(_cn(n), _cn(m), 1)
    if new == numeral:
        return
    yield Injection("heading_numbering", how, replace(t, s.start, s.title_start, new), s.start, max(1, len(new)))


@injector("enumeration_gap")
def enum_item(src: Source, rng: random.Random) -> Iterator[Injection]:
    t = src.text
    items = [e for e in src.report.enumerations if e["number"] >= 2]
    if not items:
        return
    e = rng.choice(items)
    n = e["number"]
    m = n + 1 if rng.random() < 0.5 else n - 1
    marker = t[e["start"]:e["end"]]
    new = marker.replace(_cn(n), _cn(m), 1)
    if new != marker:
        yield Injection("enumeration_gap", "renumber", replace(t, e["start"], e["end"], new), e["start"], len(new))


@injector("unbalanced_brackets")
def drop_bracket(src: Source, rng: random.Random) -> Iterator[Injection]:
    t = src.text
    a, b = body(src)
    cands = [m.start() for m in re.finditer("[（）“”《》〔〕()]", t[a:b])]
    # the bracket of a list marker 1） or 一) has no partner: deleting it unbalances nothing
    marker = re.compile(r"(?:^|\n)[ \t\u3000]*[\d一二三四五六七八九十]{1,3}$")
    cands = [c for c in cands if not (t[a + c] in "）)" and marker.search(t, max(a, a + c - 8), a + c))]
    if cands:
        p = a + rng.choice(cands)
        yield Injection("unbalanced_brackets", "delete", replace(t, p, p + 1, ""), max(a, p - 1), 2)


# ----------------------------------------------------------------------------- text
@injector("missing_text")
def lose_number(src: Source, rng: random.Random) -> Iterator[Injection]:
    t = src.text
    a, b = body(src)
    pats = [r"(?<=第)[一二三四五六七八九十\d]+(?=[批次届期轮])", r"(?<=共)[^，。；\d]{0,12}?(\d+)(?=[件项人名次个条])",
            r"(?<=[达为率])\d+(?:\.\d+)?(?=%)", r"(?<=[^\d.])\d+(?:\.\d+)?(?=%)", r"(?<=[办审]结)\d+(?=件)",
            r"(?<=[受办]理)[^，。；\d]{0,10}?(\d+)(?=件)"]
    found = []
    for pat in pats:
        for m in re.finditer(pat, t[a:b]):
            g = 1 if m.groups() else 0
            found.append((a + m.start(g), a + m.end(g)))
    if found:
        s, e = rng.choice(found)
        yield Injection("missing_text", "number", replace(t, s, e, ""), max(a, s - 2), 3)


TYPO_SWAPS = [(r"已(?=经|全部|办结|审结|按期|建成|形成|完成|实现|纳入)", "己"), (r"(?<=自)己", "已"),
              (r"(?<=进)一(?=步)", "—"), (r"(?<=统)一", "—"), (r"一(?=体化|站式|网通办)", "—"), (r"(?<=第)一(?=责任人)", "—")]


@injector("typo")
def look_alike(src: Source, rng: random.Random) -> Iterator[Injection]:
    t = src.text
    a, b = body(src)
    cands = []
    for pat, new in TYPO_SWAPS:
        cands += [(a + m.start(), a + m.end(), new) for m in re.finditer(pat, t[a:b])]
    if cands:
        s, e, new = rng.choice(cands)
        yield Injection("typo", new, replace(t, s, e, new), s, 1)


STOCK = [
    "思想认识还需进一步提高，法治意识有待进一步增强", "工作机制还不够健全完善，统筹推进的力度还需加大",
    "法治宣传教育的深度和广度还不够，群众法治观念还需不断提升",
    "依法行政能力和水平与新形势新要求相比还有一定差距", "法治建设的整体合力还未完全形成，相关工作还有待加强",
    "个别单位对法治政府建设重视程度不够，推进力度不足",
]
STOCK_PLAN = [
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想",
    "全面贯彻落实党的二十大精神，进一步提高政治站位，切实增强做好法治政府建设工作的责任感和使命感",
    "持续深化依法行政，不断提升法治政府建设水平", "着力推进各项工作规范化、法治化、制度化",
    "积极营造良好法治环境，为经济社会高质量发展提供坚实法治保障",
    "进一步加强组织领导，压实工作责任，形成工作合力", "不断提高运用法治思维和法治方式解决问题的能力",
]


def _section_span(src: Source, role: str) -> tuple[int, int] | None:
    r = src.report
    heads = [s for s in r.sections if s.role == role and s.level == 1]
    if heads:
        s = heads[0]
        nl = src.text.find("\n", s.title_start)
        return (nl + 1 if nl >= 0 else s.title_end, s.end)
    span = getattr(r.regions, role, None) if r.regions else None
    if span and any(s.start == span[0] for s in r.sections):
        # a part shared with another (存在问题及下步打算): keep its heading, blank the text under it
        nl = src.text.find("\n", span[0])
        span = (nl + 1, span[1]) if 0 <= nl < span[1] else None
    return span


@injector("generic_text")
def blank_stock(src: Source, rng: random.Random) -> Iterator[Injection]:
    role = rng.choice(["shortcomings", "next_year_plan"])
    span = _section_span(src, role)
    if not span or span[1] - span[0] < 20:
        return
    a, b = span
    pool = STOCK if role == "shortcomings" else STOCK_PLAN
    k = rng.randint(3, min(5, len(pool)))
    y = src.report.metadata.report_year
    lead = "" if role == "shortcomings" else rng.choice(["下一步，我们将", f"{y + 1}年，我们将" if y else "今后，我们将", ""])
    t = src.text
    stock = "，".join(rng.sample(pool, k)) + "。"
    para = "　　" + lead + stock
    if role == "shortcomings":
        para += "\n　　" + rng.choice(["究其原因，主要是思想认识不到位，工作措施还不够有力。",
                                     "原因主要在于对法治建设的重要性认识不足，统筹谋划不够。"])
    r = src.report
    region = getattr(r.regions, role, None) if r.regions else None
    if not any(x.role == role and x.level == 1 for x in r.sections) and not any(x.start == region[0] for x in r.sections):
        # a part with no heading is known by its lead-in (还存在一些不足：; 2023年，我们将…：): keep
        # it, or the part is removed rather than blanked
        colon = t.find("：", a, min(b, a + 60))
        if colon >= 0 and "\n" not in t[a:colon]:
            a = colon + 1
            para = para.replace("　　" + lead, "", 1)
    tail = "\n" if t[b - 1:b] == "\n" else ""
    yield Injection("generic_text", role, replace(t, a, b, para + "\n" + tail), a, len(para))


# ----------------------------------------------------------------------------- required contents
def _remove(src: Source, role: str, check: str, rng: random.Random) -> Iterator[Injection]:
    r = src.report
    heads = [s for s in r.sections if s.role == role]
    if not heads:
        return
    s = heads[0]
    t = src.text
    a = t.rfind("\n", 0, s.start) + 1
    yield Injection(check, "remove", replace(t, a, s.end, ""), a, 0)


@injector("measures_missing")
def no_measures(src: Source, rng: random.Random) -> Iterator[Injection]:
    """Remove the past year's measures: every top-level part about them (a report may give them
    under several headings: 一、依法全面履行政府职能 二、完善依法决策机制 …)."""
    r = src.report
    tops = [s for s in r.sections if s.level == 1 and s.role == "measures"]
    if not tops:
        return
    t = src.text
    for s in sorted(tops, key=lambda s: -s.start):
        a = t.rfind("\n", 0, s.start) + 1
        t = t[:a] + t[s.end:]
    a = src.text.rfind("\n", 0, tops[0].start) + 1
    yield Injection("measures_missing", "remove", t, a, 0)


@injector("shortcomings_missing")
def no_shortcomings(src: Source, rng: random.Random) -> Iterator[Injection]:
    yield from _remove(src, "shortcomings", "shortcomings_missing", rng)


@injector("next_year_plan_missing")
def no_plan(src: Source, rng: random.Random) -> Iterator[Injection]:
    yield from _remove(src, "next_year_plan", "next_year_plan_missing", rng)


@injector("first_responsibility_missing")
def no_first(src: Source, rng: random.Random) -> Iterator[Injection]:
    c = src.report.required_contents.get("first_responsibility")
    if c is None or not c.present or c.start is None:
        return
    t = src.text
    a = t.rfind("\n", 0, c.start) + 1
    b = t.find("\n", c.end - 1)
    b = len(t) if b < 0 else b
    # keep a sibling heading that only opens the removed text? remove the whole lines
    yield Injection("first_responsibility_missing", "remove", replace(t, a, b, ""), a, 0)


@injector("causes_missing")
def no_causes(src: Source, rng: random.Random) -> Iterator[Injection]:
    span = _section_span(src, "shortcomings")
    if not span:
        return
    a, b = span
    t = src.text
    seg = t[a:b]
    cut = re.sub(r"(究其原因|产生上述问题的原因|原因主要|主要原因|原因在于|原因是)[^\n]*?(?=\n|$)", "", seg)
    cut = re.sub(r"[。；]?(究其原因|主要原因是|原因在于)[^。\n]*。", "。", cut)
    cut = re.sub(r"\n\s*\n", "\n", cut)
    if cut != seg and "原因" not in re.sub(r"存在的[^\n]*原因[^\n]*", "", cut):
        yield Injection("causes_missing", "remove", replace(t, a, b, cut), a, 0)


@injector("missing_title")
def no_title(src: Source, rng: random.Random) -> Iterator[Injection]:
    md = src.report.metadata
    if not md.title_span:
        return
    a, b = md.title_span
    t = src.text
    e = t.find("\n", b)
    yield Injection("missing_title", "remove", replace(t, a, e + 1 if e >= 0 else b, ""), 0, 0)


@injector("timeliness")
def late(src: Source, rng: random.Random) -> Iterator[Injection]:
    md = src.report.metadata
    if not md.published or md.report_year is None:
        return
    t = src.text
    y1 = md.report_year + 1
    pats = [md.published, f"{y1}年{int(md.published[5:7])}月{int(md.published[8:10])}日"]
    new_m, new_d = rng.choice([(4, 15), (5, 8), (6, 30), (4, 2)])
    for p in pats:
        i = t.find(p)
        if 0 <= i < 400:
            new = f"{y1}-{new_m:02d}-{new_d:02d}" if "-" in p else f"{y1}年{new_m}月{new_d}日"
            yield Injection("timeliness", "late", replace(t, i, i + len(p), new), i, 0)
            return


DOC_LEVEL = {"measures_missing", "shortcomings_missing", "next_year_plan_missing", "first_responsibility_missing",
             "causes_missing", "missing_title", "timeliness"}


# ----------------------------------------------------------------------------- running
_NUM = r"(\d+(?:\.\d+)?)(万)?"
_UNIT = r"[件人名个条次项户起宗]"
# overlapping matches (a lookahead), so that 11个社区 before 428件 does not hide 428件…421件…98.4%
_TRIPLE = re.compile(r"(?<![\d.])(?=" + _NUM + _UNIT + r"[^。\n%]{1,24}?(?<![\d.])" + _NUM + _UNIT
                     + r"[^。\n\d%]{1,14}?率[^。\n\d%]{0,4}?(\d+(?:\.\d+)?)%)")
_LIST = re.compile(r"(\d+)([件条项个])[,，；;]?\s*(?:其中|分别为|包括)[：:,，]?((?:[^。\n\d]{1,10}?\d+\2[、,，；;]?){2,8})")


def text_facts(text: str) -> list[dict]:
    """Facts read off any report's text by plain patterns, independent of the checks: a count,
    a smaller count and a rate that agree (受理200件，办结190件，结案率95%), and a total whose
    其中 list adds up. Used for the examples, which have no manifest."""
    out = []
    for m in _TRIPLE.finditer(text):
        if m.group(2) or m.group(4):
            continue
        whole, part, rate = float(m.group(1)), float(m.group(3)), m.group(5)
        if whole.is_integer() and part.is_integer() and 0 < part <= whole and not breaks(part, whole, rate):
            out.append({"kind": "rate", "part": int(part), "whole": int(whole), "rate": rate})
    for m in _LIST.finditer(text):
        parts = [int(x) for x in re.findall(r"(\d+)" + m.group(2), m.group(3))]
        if len(parts) >= 2 and sum(parts) == int(m.group(1)):
            out.append({"kind": "sum", "total": int(m.group(1)), "parts": parts})
    return out


def sources(half: str) -> list[Source]:
    import fazhi
    from fazhi.read.text import decode

    out = []
    manifest = json.loads((REPORTS / "manifest.json").read_text(encoding="utf-8"))
    manifest += json.loads((REPORTS / "handwritten.json").read_text(encoding="utf-8"))
    for e in manifest:
        if half in ("all", e["half"]):
            t = (REPORTS / e["file"]).read_text(encoding="utf-8")
            out.append(Source(e["file"], t, e["facts"], e["half"]))
    if half in ("all", "tuned"):
        for p in sorted(EXAMPLES.glob("*.txt")):
            t = decode(p.read_bytes())[0]
            out.append(Source("examples/" + p.name, t, text_facts(t), "example"))
    for s in out:
        s.report = fazhi.analyze_text(s.text)
    return [s for s in out if s.report.metadata.doc_type == "report"]


def passages() -> list[tuple[str, str]]:
    """The clean passages, each set in the report frame the passage test uses."""
    sys.path.insert(0, str(ROOT))
    from tests.corpus.passages import framed

    return framed()


def caught(inj: Injection, clean, injected) -> bool:
    before = Counter(f.message for f in clean.findings if f.check == inj.check)
    for f in injected.findings:
        if f.check != inj.check:
            continue
        if before[f.message] > 0:
            before[f.message] -= 1
            continue
        if inj.check in DOC_LEVEL or f.start is None:
            return True
        if f.start <= inj.pos + inj.span + WINDOW and f.end >= inj.pos - WINDOW:
            return True
    return False


def run(half: str, seed: int, per: int) -> dict:
    import fazhi
    from fazhi.checks.registry import specs

    srcs = sources(half)
    injected: Counter = Counter()
    hits: Counter = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    for src in srcs:
        for check, fn in INJECTORS:
            rng = random.Random(f"{seed}:{src.name}:{check}:{fn.__name__}")
            for rep in range(per):
                for inj in fn(src, random.Random(rng.random())):
                    injected[check] += 1
                    rep_ = fazhi.analyze_text(inj.text)
                    if caught(inj, src.report, rep_):
                        hits[check] += 1
                    else:
                        misses[check].append(f"{src.name} {inj.kind} @{inj.pos}: {inj.text[max(0, inj.pos - 20):inj.pos + 25]!r}")
                    break
    clean_texts = [(s.name, s.text, s.report) for s in srcs if s.half != "example"]
    if half in ("all", "tuned", "heldout"):
        clean_texts += [(n, t, None) for n, t in passages()]
    false: Counter = Counter()
    for name, text, rep in clean_texts:
        rep = rep or fazhi.analyze_text(text)
        fired = {f.check for f in rep.findings if not (f.check == "timeliness" and f.severity == "info")}
        for c in fired:
            false[c] += 1
    checks = [c for c in specs() if injected[c] or false[c]]
    return {"half": half, "seed": seed, "texts": len(clean_texts),
            "checks": {c: {"injected": injected[c], "caught": hits[c], "false_flags": false[c]} for c in checks},
            "injected": sum(injected.values()), "caught": sum(hits.values()),
            "false_flags": sum(false.values()), "misses": misses}


def print_table(res: dict, out=sys.stdout, misses: bool = False) -> None:
    n = res["texts"]
    print(f"{'check':30s} {'injected':>8s} {'caught':>7s} {'recall':>7s} {'false flags':>12s}", file=out)
    for c, v in res["checks"].items():
        rec = f"{100 * v['caught'] / v['injected']:.0f}%" if v["injected"] else "-"
        print(f"{c:30s} {v['injected']:8d} {v['caught']:7d} {rec:>7s} {v['false_flags']:5d}/{n}", file=out)
        if misses:
            for m in res["misses"].get(c, [])[:6]:
                print("      miss:", m, file=out)
    tot = res["injected"]
    rec = f"{100 * res['caught'] / tot:.1f}%" if tot else "-"
    print(f"inject ({res['half']}): injected {tot}, caught {res['caught']} ({rec}), "
          f"false flags {res['false_flags']} on {n} clean texts", file=out)


def summary(res: dict) -> str:
    tot = res["injected"]
    worst = min(((v["caught"] / v["injected"], c) for c, v in res["checks"].items() if v["injected"]), default=(1, ""))
    return (f"inject ({res['half']}): caught {res['caught']}/{tot} ({100 * res['caught'] / max(1, tot):.1f}%), "
            f"lowest {worst[1]} {100 * worst[0]:.0f}%, false flags {res['false_flags']} on {res['texts']} clean texts")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", default="all", choices=["all", *HALVES])
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--per", type=int, default=2, help="injections per report, check and injector")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--misses", action="store_true", help="list some missed defects under each check")
    ap.add_argument("--summary", action="store_true", help="print only the total line of each half")
    a = ap.parse_args(argv)
    if a.summary:
        for half in HALVES:
            res = run(half, a.seed, a.per)
            print(summary(res))
        return 0
    res = run(a.half, a.seed, a.per)
    print_table(res, misses=a.misses)
    if a.json:
        Path(a.json).write_text(json.dumps({k: v for k, v in res.items() if k != "misses"}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
