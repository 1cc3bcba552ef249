"""The 纲要 coverage map: which parts of the 法治政府建设实施纲要 a report speaks of, and how much.

A reviewer wants to see at a glance that a report says nothing about 行政复议 or
突发事件应对. We map the report to the 纲要 in force for its year (fazhi/data/gangyao.toml:
2015–2020 for reports on 2020 and before, 2021–2025 after) and, over the report's account
of the year's work (the shortcomings and the plans are not reports of work done), give
each area of that 纲要 the sentences that speak of it, the sections whose heading names
it, and the figures that measure it. An area is *reported* when it has a heading of its
own, a figure, or enough text; *mentioned* when a sentence names it in passing; absent
otherwise. Words inside a 《book title》 do not count: studying the 行政复议法 is not
reporting on 复议.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..data import load as load_data
from ..record import Report
from ..understand.contents import sentences
from ..understand.literals import LiteralScan

STATUS_ZH = {"reported": "有报告", "mentioned": "仅提及", "none": "未涉及"}
_BOOK = re.compile(r"《[^《》\n]{1,80}》")
_CLAUSE_DELIM = re.compile(r"[,;。:!?\n，；：！？]")
MAX_SPANS = 30


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    part: str
    counted: bool
    parent: str | None
    keywords: re.Pattern[str]
    titles: re.Pattern[str]
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class Outline:
    id: str
    name: str
    years: tuple[int, int]
    areas: tuple[Area, ...]

    def children(self, area_id: str) -> list[Area]:
        return [a for a in self.areas if a.parent == area_id]


@dataclass(frozen=True)
class _Config:
    outlines: tuple[Outline, ...]
    min_chars: int
    min_sentences: int


@lru_cache(maxsize=1)
def config() -> _Config:
    data = load_data("gangyao.toml")
    outlines = []
    for o in data["outline"]:
        areas = []
        for a in o["area"]:
            parent = a["id"].rsplit(".", 1)[0] if "." in a["id"] else None
            kw = re.compile(a["keywords"])
            areas.append(Area(a["id"], a["name"], a.get("part", ""), bool(a.get("counted", True)), parent, kw,
                              re.compile(a["titles"]) if "titles" in a else kw, tuple(a.get("indicators", ()))))
        outlines.append(Outline(o["id"], o["name"], (int(o["years"][0]), int(o["years"][1])), tuple(areas)))
    st = data["status"]
    return _Config(tuple(outlines), int(st["reported_min_chars"]), int(st["reported_min_sentences"]))


@lru_cache(maxsize=8)
def _keyword_scan(outline_id: str) -> LiteralScan:
    """The keywords of every area of an outline, found in one pass (most are lists of words)."""
    outline = next(o for o in config().outlines if o.id == outline_id)
    return LiteralScan(a.keywords for a in outline.areas)


def choose_outline(report_year: int | None, published: str | None) -> tuple[Outline, str]:
    """The 纲要 a report is read against, and why (Chinese)."""
    outlines = sorted(config().outlines, key=lambda o: o.years[0])
    year, how = report_year, "报告年度"
    if year is None and published and published[:4].isdigit():
        year, how = int(published[:4]) - 1, "公开年份推算的报告年度"
    if year is None:
        o = outlines[-1]
        return o, f"未能确定报告年度，按最新的《{o.name}》对照"
    for o in outlines:
        if o.years[0] <= year <= o.years[1]:
            return o, f"{how}为{year}年，对照《{o.name}》"
    if year > outlines[-1].years[1]:
        o = outlines[-1]
        return o, f"{how}为{year}年，晚于现有纲要的适用期，按最新的《{o.name}》对照"
    o = outlines[0]
    return o, f"{how}为{year}年，早于现有纲要的适用期，按最早的《{o.name}》对照"


def work_zone(report: Report) -> tuple[int, int] | None:
    """The account of the year's work: the measures, never the shortcomings or the plans."""
    reg = report.regions
    if reg is not None and reg.measures is not None:
        return reg.measures
    starts = [r[0] for r in (getattr(reg, "shortcomings", None), getattr(reg, "next_year_plan", None)) if r]
    end = min(starts + [report.body_end])
    return (report.body_start, end) if end > report.body_start else None


def coverage(report: Report) -> dict[str, Any]:
    """The coverage map of a report (the record's `coverage`), empty for anything else."""
    if report.document.error or report.metadata.doc_type != "report" or not report.work:
        return {}
    md = report.metadata
    outline, basis = choose_outline(md.report_year, md.published)
    cfg = config()
    work = report.work
    zone = work_zone(report)
    found: dict[str, dict[str, Any]] = {a.id: {"sent": set(), "figs": set(), "heads": []} for a in outline.areas}
    sents = list(sentences(work, zone[0], zone[1])) if zone else []
    if zone is not None:
        _collect(report, outline, zone, sents, found)
        for a in outline.areas:  # a parent collects what its sub-areas found
            if a.parent in found:
                p, c = found[a.parent], found[a.id]
                p["sent"] |= c["sent"]
                p["figs"] |= c["figs"]
                p["heads"] += [h for h in c["heads"] if h not in p["heads"]]
    areas: dict[str, dict[str, Any]] = {}
    for a in outline.areas:
        f = found[a.id]
        spans = _merge([sents[i] for i in f["sent"]] + [(h[1], h[2]) for h in f["heads"]])
        chars = sum(_chars(work, s, e) for s, e in spans)
        n_figs = len(f["figs"])
        if f["heads"] or n_figs or (chars >= cfg.min_chars and len(f["sent"]) >= cfg.min_sentences):
            status = "reported"
        elif f["sent"]:
            status = "mentioned"
        else:
            status = "none"
        entry: dict[str, Any] = {"name": a.name, "part": a.part, "status": status, "chars": chars,
                                 "figures": n_figs, "sentences": len(f["sent"]),
                                 "headings": [h[0] for h in f["heads"]],
                                 "spans": [list(s) for s in spans[:MAX_SPANS]]}
        if a.parent:
            entry["parent"] = a.parent
        if not a.counted:
            entry["counted"] = False
        areas[a.id] = entry
    tops = [a for a in outline.areas if a.counted and a.parent is None]
    subs = [a for a in outline.areas if a.counted and a.parent is not None]
    n_rep = sum(1 for a in tops if areas[a.id]["status"] == "reported")
    n_men = sum(1 for a in tops if areas[a.id]["status"] == "mentioned")
    missing = [a.name for a in tops if areas[a.id]["status"] == "none"]
    missing_sub = [a.name for a in subs if areas[a.id]["status"] == "none" and areas[a.parent]["status"] != "none"]
    # a count of none is not stated (仅提及0个), and the sub-areas missing from parts the report does
    # cover are not 其中 of the parts it leaves out
    counted = [f"{STATUS_ZH[k]}{n}个" for k, n in (("reported", n_rep), ("mentioned", n_men), ("none", len(missing))) if n]
    summary = f"对照《{outline.name}》{len(tops)}个部分：" + "，".join(counted)
    if missing:
        summary += "（" + "、".join(missing) + "）"
    if missing_sub:
        summary += "；其余部分中未涉及：" + "、".join(missing_sub)
    return {"outline": {"id": outline.id, "name": outline.name}, "basis": basis,
            "scope": list(zone) if zone else None, "parts": len(tops), "reported": n_rep, "mentioned": n_men,
            "missing": missing + missing_sub, "summary": summary, "areas": areas}


def _collect(report: Report, outline: Outline, zone: tuple[int, int], sents: list[tuple[int, int]],
             found: dict[str, dict[str, Any]]) -> None:
    """Fill `found` with, per area, the sentences (indices), figures (indices) and headings that
    speak of it. Kept lean: it runs for every report (one pass finds every area's keywords)."""
    work = report.work
    a0, b0 = zone
    starts = [s for s, _ in sents]
    books = [(m.start(), m.end()) for m in _BOOK.finditer(work, a0, b0)]
    book_starts = [s for s, _ in books]
    delims = [m.start() for m in _CLAUSE_DELIM.finditer(work, a0, b0)]
    figs = sorted((f.start, i) for i, f in enumerate(report.figures) if a0 <= f.start < b0)
    fig_starts = [s for s, _ in figs]
    # the figures of each clause (clauses are numbered by the delimiter that opens them)
    clause_figs: dict[int, list[int]] = {}
    for pos, i in figs:
        clause_figs.setdefault(bisect_right(delims, pos), []).append(i)

    keyword_spans = _keyword_scan(outline.id).spans(work, a0, b0)
    for area, spans in zip(outline.areas, keyword_spans):
        f = found[area.id]
        sent, clauses = f["sent"], set()
        starts_of = ([s for s, _e in spans] if spans is not None
                     else [m.start() for m in area.keywords.finditer(work, a0, b0)])
        for p in starts_of:
            if books:
                k = bisect_right(book_starts, p) - 1
                if k >= 0 and p < books[k][1]:
                    continue
            k = bisect_right(starts, p) - 1
            if k >= 0 and p < sents[k][1]:
                sent.add(k)
            clauses.add(bisect_right(delims, p))  # figures in the same clause measure the area
        for c in clauses:
            f["figs"].update(clause_figs.get(c, ()))
    # an area names indicators by id or by a dotted prefix of ids (disputes -> disputes.mediated)
    by_prefix: dict[str, list[str]] = {}
    for area in outline.areas:
        for pre in area.indicators:
            by_prefix.setdefault(pre, []).append(area.id)
    for pos, i in figs:
        ind = report.figures[i].indicator
        if not ind:
            continue
        parts = ind.split(".")
        for n in range(1, len(parts) + 1):
            for aid in by_prefix.get(".".join(parts[:n]), ()):
                found[aid]["figs"].add(i)
                k = bisect_right(starts, pos) - 1
                if k >= 0 and pos < sents[k][1]:
                    found[aid]["sent"].add(k)
    for s in report.sections:
        if s.end <= a0 or s.start >= b0:
            continue
        title = work[s.title_start:s.title_end] if s.title_end > s.title_start else s.title
        if "《" in title:
            continue
        for area in outline.areas:
            if area.titles.search(title):
                ss, se = max(s.start, a0), min(s.end, b0)
                head = s.title if s.numeral and s.title.startswith(s.numeral) else (s.numeral or "") + s.title
                found[area.id]["heads"].append((head, ss, se))
                found[area.id]["figs"].update(i for _p, i in figs[bisect_left(fig_starts, ss):bisect_left(fig_starts, se)])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _chars(work: str, s: int, e: int) -> int:
    seg = work[s:e]
    return len(seg) - sum(seg.count(c) for c in " \n\t\r")
