"""Arithmetic checks in the manner of statcheck and XBRL calculation linkbases.

A finding states the reported value, the recomputed value and the interval that the
printed precision allows, and names the figures it used. Figures are related only
within one statement (text between full stops), only through the relations declared in
fazhi/data/indicators.toml or an explicit 其中/分别 list, and only when each role has a
single candidate: where the base is ambiguous we stay silent rather than guess.
Approximate figures (余/约/近/多/左右/以上) never make an error, at most a warning.
"""
from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from typing import Iterator

from .. import rates
from ..data import load as load_data
from ..record import Figure, Finding, Report
from ..understand.figures import MAX_SPAN, lexicon
from ..understand.indicators import taxonomy
from .document import is_report
from .registry import check, finding
from .relations import in_brackets, label, narrower, partition_runs, precision, rate_links
from .relations import lex as relation_lex
from .table_rows import change_rows, row_rates

_STATEMENT_END = "。!?\n"


_STATEMENT_END_RE = re.compile("[" + _STATEMENT_END + "]")
# A "statement" with more figures than this is a table or garbage, not a sentence: the
# arithmetic checks stay silent on it rather than pair figures that do not belong together.
_MAX_FIGURES = 40


def _statement_bounds(work: str, pos: int) -> tuple[int, int]:
    """The statement holding `pos`: from after the last statement end before it (at most
    2 * MAX_SPAN back) to the next one (at most 2 * MAX_SPAN on), read off the text's
    statement ends (_statement_ends, found once per report)."""
    ends = _statement_ends(work)
    k = bisect.bisect_left(ends, pos)  # ends[k]: the first end at or after pos (len(work) at last)
    floor = max(0, pos - 2 * MAX_SPAN)
    stop = min(len(work), pos + 2 * MAX_SPAN)
    a = ends[k - 1] + 1 if k > 0 and ends[k - 1] >= floor else floor
    return a, ends[k] if ends[k] < stop else stop


# The statement ends of the last text asked about, as (text, ends): three checks group the
# same report's figures by statement, and finding the ends is most of the work of it.
_last_ends: tuple[str, list[int]] = ("", [0])


def _statement_ends(work: str) -> list[int]:
    """Where each statement of `work` ends (its delimiter's offset), and len(work) last.

    Kept for the last text alone, compared by identity: the checks of one report ask in
    turn about the same string object, so this is found once per report, and a text of
    another report is never mistaken for it; one text at most is kept alive."""
    global _last_ends
    last = _last_ends
    if last[0] is work:
        return last[1]
    ends = [m.start() for m in _STATEMENT_END_RE.finditer(work)] + [len(work)]
    _last_ends = (work, ends)
    return ends


def _statements(report: Report) -> list[list[Figure]]:
    """Figures grouped by the statement (full stop to full stop) they stand in."""
    groups: dict[int, list[Figure]] = {}
    ends = _statement_ends(report.work)
    for f in report.figures:
        groups.setdefault(ends[bisect.bisect_left(ends, f.start)], []).append(f)
    return [groups[k] for k in sorted(groups) if len(groups[k]) <= _MAX_FIGURES]


@lru_cache(maxsize=1)
def _phrasings() -> dict[str, re.Pattern[str]]:
    d = load_data("arithmetic.toml")
    return {"carried_over": re.compile(d["carried_over"]), "among": re.compile(d["among"]),
            "cross_cutting": re.compile(d["cross_cutting"]), "rest": re.compile(d["rest"]),
            "saved_total": re.compile(d["saved_total"])}


def _carried(figs: list[Figure], text: str, unit: str | None) -> float:
    """The cases carried over from last year stated in these figures (0 when none)."""
    pat = _phrasings()["carried_over"]
    return sum(f.value for f in figs if f.kind == "count" and f.unit == unit and not f.indicator
               and pat.search(text[max(f.quote_start, f.start - 12):f.start]))


def _decimals(f: Figure, text: str) -> int:
    return rates.decimals(text[f.start:f.end])


def _tolerance(f: Figure, text: str) -> float:
    """What the printed precision allows (fazhi.rates: the draft prints rates the same way)."""
    return rates.tolerance(_decimals(f, text), f.approx)


def _fmt_pct(v: float, decimals: int) -> str:
    return f"{v:.{max(1, decimals)}f}%"


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _counts(figs: list[Figure]) -> dict[str, Figure | None]:
    """Each indicator's count figure in a statement, or None when the statement has several
    (then which one a relation means is unclear, and the checks stay silent). A part listed
    under its total (其中…, `part_of` set) shares the total's indicator but is not a second
    candidate: the total is what a rate or a relation means."""
    out: dict[str, Figure | None] = {}
    for f in figs:
        if f.indicator and f.kind == "count" and f.part_of is None:
            out[f.indicator] = None if f.indicator in out else f
    return out


@check("rate_consistency")
def rate_consistency(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    tax = taxonomy()
    rels = {r["rate"]: r for r in tax.rates}
    text = report.work
    judged: set[int] = set()  # rates the taxonomy's relations already decided
    for figs in _statements(report):
        counts = _counts(figs)
        for r in figs:
            if r.kind != "rate" or r.unit != "%":
                continue
            name = tax.names.get(r.indicator or "", "比率")
            cue = text[r.quote_start:r.start]
            bounded = r.indicator in tax.bounded or bool(tax.bounded_words.search(cue))
            stated = text[r.start:r.end]
            if bounded and r.value > 100:
                judged.add(r.start)
                yield finding("rate_consistency", "over_100", r.start, r.end, severity="warning", name=name,
                              stated=stated)
                continue
            if r.value_high is not None:
                continue  # a range (85%—95%) states no exact rate to recompute
            rel = rels.get(r.indicator or "")
            if rel is None:
                continue
            part = counts.get(rel["part"])
            whole = counts.get(rel["whole"])
            if part is None or part.value_high is not None:
                continue
            if narrower(label(text, part, 0), cue):
                continue
            tol = _tolerance(r, text)
            dec = _decimals(r, text)
            if whole is not None and whole.value > 0 and whole.value_high is None:
                judged.add(r.start)
                expected = rates.rate(part.value, whole.value)
                if abs(expected - r.value) <= tol + 1e-9:
                    continue
                carry = _carried(figs, text, whole.unit)
                if carry and abs(100.0 * part.value / (whole.value + carry) - r.value) <= tol + 1e-9:
                    continue
                approx = part.approx or whole.approx
                if approx and abs(expected - r.value) <= tol + 1.0:
                    continue
                data = {"stated": r.value, "expected": round(expected, 4), "low": round(r.value - tol, 4),
                        "high": round(r.value + tol, 4), "part": part.value, "whole": whole.value,
                        "figures": [part.start, whole.start, r.start]}
                s = min(whole.start, part.start, r.start)
                yield finding("rate_consistency", "mismatch_approx" if (approx or r.approx) else "mismatch", s, r.end,
                              severity="warning" if (approx or r.approx) else "error", name=name,
                              expected=_fmt_pct(expected, dec), part=_num(part.value), whole=_num(whole.value),
                              stated=stated, low=_fmt_pct(r.value - tol, dec + 1), high=_fmt_pct(r.value + tol, dec + 1),
                              data=data)
            elif whole is None and not r.approx and not part.approx and 0 < r.value < 100 and part.value > 0:
                if not any(g.indicator == rel["whole"] for g in figs):
                    # no base in this statement: the paragraph may state it a sentence before
                    # (_linked_rates); only a rate no whole base can give is decided here
                    for hit in _whole_base(report, r, part, name, stated, tol, dec):
                        judged.add(r.start)
                        yield hit
        yield from _change_rates(report, figs)
    yield from _linked_rates(report, judged)
    yield from _row_rates(report)


def _row_rates(report: Report) -> Iterator[Finding]:
    """Rates in the rows of a table written as text (项目 受理 审结 结案率 / 数量 574 551 96.0%):
    accepted when any base column before the numerator's gives the rate."""
    text = report.work
    for link in row_rates(report):
        r, part = link.rate, link.part
        if r.value > 100:
            continue
        dec = rates.decimals(text[r.start:r.end])
        tol = rates.tolerance(dec, False)

        def agrees(base: float) -> bool:
            return base > 0 and abs(rates.rate(part.value, base) - r.value) <= tol + 1e-9

        if any(agrees(b.value) or (link.carried and agrees(b.value + link.carried)) for b in link.bases):
            continue
        whole = link.bases[-1]
        expected = rates.rate(part.value, whole.value + link.carried) if whole.value + link.carried else 0.0
        stated = text[r.start:r.end]
        yield finding("rate_consistency", "mismatch", whole.start, r.end, name=r.header,
                      expected=_fmt_pct(expected, dec), part=_num(part.value), whole=_num(whole.value),
                      stated=stated, low=_fmt_pct(r.value - tol, dec + 1), high=_fmt_pct(r.value + tol, dec + 1),
                      data={"stated": r.value, "expected": round(expected, 4), "low": round(r.value - tol, 4),
                            "high": round(r.value + tol, 4), "part": part.value, "whole": whole.value,
                            "figures": [part.start, whole.start, r.start]})


def _linked_rates(report: Report, judged: set[int]) -> Iterator[Finding]:
    """Rates named after their numerator (办结率, 合格率) whose counts stand anywhere before them
    in the paragraph, the base perhaps a sentence earlier; counts in 万/亿 keep their printed
    precision. Accepted when any candidate base gives the rate."""
    text = report.work
    tax = taxonomy()
    for link in rate_links(report):
        r, part = link.rate, link.part
        if r.start in judged or part is None or part.approx or part.value_high is not None or r.value > 100:
            continue
        tol = _tolerance(r, text)
        dec = _decimals(r, text)
        name = tax.names.get(r.indicator or "", link.stem + "率")
        stated = text[r.start:r.end]
        if not link.bases:
            if 0 < r.value < 100 and part.value > 0 and not precision(part, text):
                yield from _whole_base(report, r, part, name, stated, tol, dec)
            continue
        dp = precision(part, text)

        def agrees(base: Figure, extra: float) -> bool:
            db = precision(base, text)
            whole_lo, whole_hi = base.value - db + extra, base.value + db + extra
            if whole_lo <= 0:
                return True
            lo, hi = 100 * (part.value - dp) / whole_hi, 100 * (part.value + dp) / whole_lo
            return lo - 1e-9 <= r.value + tol and hi + 1e-9 >= r.value - tol

        if any(agrees(b, 0) or (link.carried and agrees(b, link.carried)) for b in link.bases):
            continue
        # a rate that cannot pass 100 % is not judged against a base smaller than its part (不予受理7件
        # before 审结74件): that base is another count's, and "应为1057.1%" would be false
        bounded = r.indicator in tax.bounded or bool(tax.bounded_words.search(text[r.quote_start:r.start]))
        bases = [b for b in link.bases if not (bounded and part.value > b.value + link.carried)]
        if not bases:
            continue
        whole = bases[-1]
        expected = 100.0 * part.value / (whole.value + link.carried)
        data = {"stated": r.value, "expected": round(expected, 4), "low": round(r.value - tol, 4),
                "high": round(r.value + tol, 4), "part": part.value, "whole": whole.value,
                "figures": [part.start, whole.start, r.start]}
        approx = r.approx or whole.approx
        yield finding("rate_consistency", "mismatch_approx" if approx else "mismatch", min(whole.start, part.start),
                      r.end, severity="warning" if approx else "error", name=name,
                      expected=_fmt_pct(expected, dec), part=_num(part.value), whole=_num(whole.value),
                      stated=stated, low=_fmt_pct(r.value - tol, dec + 1), high=_fmt_pct(r.value + tol, dec + 1),
                      data=data)


def _change_rates(report: Report, figs: list[Figure]) -> Iterator[Finding]:
    """A count with both its absolute change and its percentage change beside it (82件，较上年
    减少15件，同比下降15.5%): the percentage must be the change over last year's count."""
    text = report.work
    tax = taxonomy()
    for i, base in enumerate(figs):
        if base.kind != "count" or base.approx or base.value_high is not None:
            continue
        changes = [c for c in figs if c.kind == "change" and c.refers_to is not None
                   and c.refers_to < len(report.figures) and report.figures[c.refers_to] is base]
        absolute = [c for c in changes if c.unit == base.unit]
        pct = [c for c in changes if c.unit == "%"]
        if len(absolute) != 1 or len(pct) != 1:
            continue
        d, p = absolute[0], pct[0]
        if d.direction != p.direction or d.direction not in ("up", "down") or d.approx or p.approx:
            continue
        previous = base.value - d.value if d.direction == "up" else base.value + d.value
        if previous <= 0:
            continue
        expected = 100.0 * d.value / previous
        tol = _tolerance(p, text)
        if abs(expected - p.value) <= tol + 1e-9:
            continue
        dec = _decimals(p, text)
        yield finding("rate_consistency", "change", min(base.start, p.start), max(d.end, p.end),
                      name=tax.names.get(base.indicator or "", "该项数据"),
                      dir_zh="增加" if d.direction == "up" else "减少", delta=_num(d.value) + (d.unit or ""),
                      previous=_num(previous) + (base.unit or ""),
                      expected=_fmt_pct(expected, dec), stated=text[p.start:p.end],
                      low=_fmt_pct(p.value - tol, dec + 1), high=_fmt_pct(p.value + tol, dec + 1),
                      data={"stated": p.value, "expected": round(expected, 4), "previous": previous,
                            "figures": [base.start, d.start, p.start]})


def _whole_base(report: Report, r: Figure, part: Figure, name: str, stated: str, tol: float,
                dec: int) -> Iterator[Finding]:
    """A rate and its count but no base: some whole base b must give the rate within its precision."""
    a = part.value
    if not float(a).is_integer():
        return
    lo = math.ceil(100 * a / (r.value + tol) - 1e-9)
    hi = math.floor(100 * a / (r.value - tol) + 1e-9) if r.value - tol > 0 else lo
    if any(b >= a and b > 0 for b in range(lo, hi + 1)):
        return
    b1 = max(int(a), math.floor(100 * a / r.value))
    b2 = b1 + 1
    text = report.work
    yield finding("rate_consistency", "no_base", min(part.start, r.start), r.end, severity="warning", name=name,
                  stated=stated, part_label=text[part.quote_start:part.start].strip(" ,、") or "",
                  part=_num(a), b1=b1, r1=_fmt_pct(100 * a / b1, dec), b2=b2, r2=_fmt_pct(100 * a / b2, dec),
                  data={"stated": r.value, "part": a, "candidates": [b1, b2]})


@check("count_order")
def count_order(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    tax = taxonomy()
    flagged: set[int] = set()
    for figs in _statements(report):
        counts = _counts(figs)
        for rel in tax.part_of:
            part = counts.get(rel["part"])
            whole = counts.get(rel["whole"])
            if whole is None and part is not None and rel["whole"] in counts:
                whole = _nearest_whole(report.work, figs, rel["whole"], part)
            if part is None or whole is None or part.approx or whole.approx:
                continue
            if part.value > whole.value + _carried(figs, report.work, whole.unit):
                flagged.add(part.start)
                yield finding("count_order", start=min(part.start, whole.start), end=max(part.end, whole.end),
                              part_name=tax.names[rel["part"]], part=_num(part.value),
                              whole_name=tax.names[rel["whole"]], whole=_num(whole.value),
                              data={"part": part.value, "whole": whole.value})
    # a rate's numerator above every count that could be its base (调解成功 above 受理纠纷), the
    # base perhaps a sentence before
    work = report.work
    for link in rate_links(report):
        part = link.part
        if part is None or not link.bases or part.start in flagged or part.approx or link.rate.value > 100:
            continue
        if all(part.value - precision(part, work) > b.value + precision(b, work) + link.carried for b in link.bases):
            whole = link.bases[-1]
            flagged.add(part.start)
            lab = _after_opener(work[part.quote_start:part.start].strip(" ,，、")) or link.stem
            wlab = _after_opener(work[whole.quote_start:whole.start].strip(" ,，、")) or "总数"
            yield finding("count_order", start=min(part.start, whole.start), end=max(part.end, whole.end),
                          part_name=lab[-12:], part=_num(part.value), whole_name=wlab[-12:], whole=_num(whole.value),
                          data={"part": part.value, "whole": whole.value})
    yield from _row_order(report)


def _after_opener(words: str) -> str:
    """A figure's words from inside its bracket when it opens an aside (信访事项(受理 -> 受理):
    the words before the bracket name the aside, not the count."""
    return re.split(r"[(（]", words)[-1].strip(" ,，、") or words


def _nearest_whole(work: str, figs: list[Figure], indicator: str, part: Figure) -> Figure | None:
    """Of several counts of the whole's indicator in one statement (收到申请86件，依法受理79件 are both
    复议 received), the one nearest before the part is what the part is counted out of: the
    narrower step of the same flow. A count told as a comparison (较上年…), of another period
    (上年受理…), carried over, or in brackets is no candidate; with none before the part the check stays silent."""
    lx = relation_lex()
    floor = work.rfind("\n", 0, part.start) + 1
    cands = [f for f in figs if f.indicator == indicator and f.kind == "count" and f.part_of is None
             and f.end <= part.start and f.unit == part.unit and f.value_high is None
             and not lx.not_base.search(label(work, f, floor)) and not lx.carried.search(label(work, f, floor))
             and not lx.earlier.search(label(work, f, floor)) and not in_brackets(work, f.start, floor, f.end)]
    return cands[-1] if cands else None


def _row_order(report: Report) -> Iterator[Finding]:
    """In a table row, the numerator of a rate above the nearest base column before it (审结 above
    受理 in 收到申请 受理 审结 结案率): columns stand in the order the cases flow."""
    for link in row_rates(report):
        part, whole = link.part, link.bases[-1]
        if part.value > whole.value + link.carried:
            yield finding("count_order", start=whole.start, end=part.end, part_name=part.header, part=_num(part.value),
                          whole_name=whole.header, whole=_num(whole.value),
                          data={"part": part.value, "whole": whole.value})


# the kinds of figure a 其中 list may tell apart
_SUM_KINDS = ("count", "money")
_TRAILING_TOTAL = re.compile(r"[，,]\s*(?:合计|总计|共计)[\u4e00-\u9fff]{0,8}$")


def _sum_finding(total: Figure, parts: list[Figure], exhaustive: bool, homogeneous: bool,
                 tol: float = 0.0, text: str = "") -> Finding | None:
    """Compare parts with their total; silent when a leading run of parts already makes the total.
    `tol` is what the total's printed precision allows (3.6亿元 over parts of 1.24亿元 and 2.35亿元);
    sums of money in 万/亿 are compared relatively, as their values in 元 are not exact in binary."""
    values = [p.value for p in parts]
    eps = max(1e-6, 1e-9 * abs(total.value)) + tol
    run = 0.0
    for i, v in enumerate(values):
        run += v
        if i >= 1 and abs(run - total.value) < eps:
            return None
    s = sum(values)
    if abs(s - total.value) < eps:
        return None
    if any(p.approx for p in parts) or total.approx:
        return None
    if s > total.value and not homogeneous:
        return None
    if s < total.value and not exhaustive:
        return None
    expr = "+".join(_num(v) for v in values)
    shown_sum, shown_total = _num(s), _num(total.value)
    if total.kind == "money" and text:
        # money is told in the unit it was printed in (8648万元), not in 元
        scale = re.search(r"[万亿]?元", text[total.start:total.end])
        unit = scale.group(0) if scale else "元"
        div = {"万元": 1e4, "亿元": 1e8}.get(unit, 1.0)
        dec = max(rates.decimals(text[f.start:f.end]) for f in [total, *parts])
        shown = [f"{v / div:.{dec}f}" for v in values]
        expr = "+".join(shown)
        shown_sum, shown_total = f"{s / div:.{dec}f}{unit}", text[total.start:total.end].strip()
    return finding("sum_consistency", start=total.start, end=max(p.end for p in parts), sum=shown_sum, expr=expr,
                   total=shown_total, data={"total": total.value, "parts": values,
                                                   "figures": [total.start] + [p.start for p in parts]})


@check("sum_consistency")
def sum_consistency(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    used: set[int] = set()
    for hit in _declared_sums(report):
        used.update(hit.data.get("figures", []))
        yield hit
    yield from _partitions(report, used)
    yield from _table_changes(report)


def _table_changes(report: Report) -> Iterator[Finding]:
    """A two-period table's change column (项目 2017年 2016年 增减): this period less the other,
    to the precision printed; an unsigned change may be either way."""
    text = report.work
    for row in change_rows(report):
        cur, prev, d = row.current, row.previous, row.change
        dec = max(rates.decimals(text[c.start:c.end]) for c in (cur, prev, d))
        expected = cur.value - prev.value
        tol = 10 ** -dec if dec else 0.0
        if abs(expected - d.value) <= tol + 1e-9 or (not row.signed and abs(abs(expected) - d.value) <= tol + 1e-9):
            continue
        shown = f"{expected:+.{dec}f}" if dec else f"{int(round(expected)):+d}"
        yield finding("sum_consistency", "difference", cur.start, d.end, row=row.label, cur_name=cur.header,
                      cur=_num(cur.value), prev_name=prev.header, prev=_num(prev.value), expected=shown,
                      col=d.header, stated=text[d.start:d.end],
                      data={"current": cur.value, "previous": prev.value, "change": d.value,
                            "figures": [cur.start, prev.start, d.start]})


def _partitions(report: Report, used: set[int]) -> Iterator[Finding]:
    """Parts of a known partition (复议 outcomes, 清理 results, 公开 by way …) in one paragraph,
    with the total anywhere before them in it: the sum must be one of the totals stated."""
    for run in partition_runs(report):
        parts = run.parts
        if any(p.start in used for p in parts) or any(p.approx or p.value_high is not None for p in parts):
            continue
        if not run.totals:
            continue
        s = sum(p.value for p in parts)
        if any(abs(s - t.value) < 1e-6 for t in run.totals):
            continue
        below = [t for t in run.totals if t.start < parts[0].start]
        total = below[-1] if below else run.totals[-1]
        if run.exhaustive or s > max(t.value for t in run.totals):
            used.update(p.start for p in parts)
            values = [p.value for p in parts]
            yield finding("sum_consistency", start=min(total.start, parts[0].start), end=max(total.end, parts[-1].end),
                          sum=_num(s), expr="+".join(_num(v) for v in values), total=_num(total.value),
                          data={"total": total.value, "parts": values, "partition": run.name,
                                "figures": [total.start] + [p.start for p in parts]})


def _declared_sums(report: Report) -> Iterator[Finding]:
    tax = taxonomy()
    lex = lexicon()
    text = report.work
    seen: set[int] = set()
    groups = _statements(report)
    last_total: Figure | None = None
    for figs in groups:
        counts = _counts(figs)
        # a relation from the taxonomy: total and its declared parts in one statement
        for rel in tax.sums:
            total = counts.get(rel["total"])
            if total is None or total.start in seen:
                continue
            parts = []
            for f in figs:
                if f.start <= total.start or f.unit != total.unit or f.kind != "count":
                    continue
                if f.indicator not in rel["parts"]:
                    break  # another whole of the unit (受理38件，不予受理3件；审结36件，其中维持…): its own list
                if not f.total_marker:
                    parts.append(f)
            if len(parts) < 2:
                continue
            seen.add(total.start)
            closing = any(p.indicator in rel.get("closing", []) for p in parts)
            hit = _sum_finding(total, parts, exhaustive=closing, homogeneous=True)
            if hit:
                yield hit
        # an explicit list: a total marked 共/合计, then 其中/分别 and parts of the same unit
        a, b = _statement_bounds(text, figs[0].start)
        stmt = text[a:b]
        marker = lex.parts.search(stmt)
        if marker is None:
            yield from _among_list(text, figs, seen, tax.sums)
            yield from _rest_of(text, figs, a, seen)
        if marker is not None:
            mpos = a + marker.start()
            # a sum of money is told apart like a count (资金8650万元，其中中央资金5210万元、…): the
            # list is of the kind of the first figure after the marker
            first = next((f for f in figs if f.start > mpos and f.kind in _SUM_KINDS), None)
            kind = first.kind if first is not None else "count"
            totals = [f for f in figs if f.start < mpos and f.kind == kind]
            total = totals[-1] if totals else None
            if total is None and marker.start() <= 2 and last_total is not None:
                total = last_total  # 其中 opening the next statement refers to the previous total
            # the total is marked (共), opens the statement, or stands right before the marker
            # (来信来访41件，分别为…: only a comma between)
            adjacent = total is not None and not text[total.end:mpos].strip(" ,，:：")
            after_rate = _after_rate(text, figs, mpos, totals)
            if after_rate is not None:
                total, adjacent = after_rate, True
            if total is not None and total.start not in seen and (total.total_marker or total in figs[:1]
                                                                  or total is last_total or adjacent):
                parts = [f for f in figs if f.start > mpos and f.unit == total.unit and f.kind == total.kind]
                if len(parts) >= 2:
                    seen.add(total.start)
                    # each part's words since the figure before it (the marker for the first)
                    labels, prev = [], a + marker.end()
                    for p in parts:
                        labels.append(text[prev:p.start])
                        prev = p.end
                    parts, labels = _list_run(parts, labels)
                    before = [f.end for f in figs if f.end <= total.start]
                    total_label = text[max([a, *before]):total.start]
                    rest = any(re.search("其他|其余|其它", l) for l in labels) or _named_together(labels, text[a:mpos])
                    exhaustive = marker.group(1).startswith("分别") or rest or _one_noun_breakdown(text, labels, parts)
                    # a list that ends in "the rest" (其他文件16份) claims to be the whole: it may not exceed it
                    # sums of money told apart may not exceed their total unless a part cuts
                    # across the others (其中涉企罚款…): money is not counted twice as cases are
                    homogeneous = (marker.group(1).startswith("分别") or rest
                                   or _same_kind(labels, parts, tax.sums, total_label)
                                   or (total.kind == "money" and not any(
                                       _phrasings()["cross_cutting"].search(lab.strip(" ,、，;；")) for lab in labels)))
                    hit = _sum_finding(total, parts, exhaustive, homogeneous, precision(total, text), text)
                    if hit:
                        yield hit
        # a total after its parts: 讲座50场、展览20场，合计开展活动80场
        for total in figs:
            lead = _TRAILING_TOTAL.search(text[max(a, total.start - 12):total.start])
            if total.kind != "count" or total.start in seen or not lead \
                    or _phrasings()["saved_total"].search(lead.group()):
                continue
            parts = []
            for f in figs:
                if f.end > total.start:
                    break
                if f.kind != "count" or f.unit != total.unit or f.total_marker:
                    parts = []  # the list starts after any other total or figure of another kind
                    continue
                parts.append(f)
            joins = [text[p.end:q.start] for p, q in zip(parts, parts[1:])]
            if len(parts) >= 2 and all("、" in j or "，" in j or "," in j for j in joins):
                seen.add(total.start)
                hit = _sum_finding(total, parts, exhaustive=True, homogeneous=True)
                if hit:
                    yield hit
        marked = [f for f in figs if f.total_marker and f.kind == "count"]
        last_total = marked[-1] if marked else None


def _among_list(text: str, figs: list[Figure], seen: set[int], sums: list[dict]) -> Iterator[Finding]:
    """A total that opens its list with 中 (调解成功的101件中，邻里纠纷52件、婚姻家庭纠纷21件、…):
    parts of its unit after it may not add up to more than it when they are of one kind
    (the taxonomy lists them together, or every part's words end in the same noun: 纠纷, and
    none cuts across the others: 涉企, 重大)."""
    among = _phrasings()["among"]
    for i, total in enumerate(figs):
        if total.kind != "count" or total.start in seen or total.approx or not among.match(text, total.end):
            continue
        parts = []
        for f in figs[i + 1:]:
            if f.kind != "count" or f.unit != total.unit:
                break
            parts.append(f)
        if len(parts) < 2:
            continue
        seen.add(total.start)
        labels, prev = [], total.end + 2
        for p in parts:
            labels.append(text[prev:p.start].strip(" ,、，;；"))
            prev = p.end
        nouns = {lab[-2:] for lab in labels}
        same_noun = len(nouns) == 1 and all(len(lab) > 2 and not _phrasings()["cross_cutting"].search(lab) for lab in labels)
        homogeneous = _same_kind(labels, parts, sums) or same_noun
        # three or more of one noun that close the sentence right after the total's 中 are its breakdown
        closes = text[parts[-1].end:parts[-1].end + 1] in ("。", "\n", "")
        exhaustive = any(re.search("其他|其余|其它", lab) for lab in labels) or (
            same_noun and len(parts) >= 3 and closes and not _MORE_AFTER.search(text, total.end, parts[-1].end))
        hit = _sum_finding(total, parts, exhaustive=exhaustive, homogeneous=homogeneous)
        if hit:
            yield hit


def _rest_of(text: str, figs: list[Figure], floor: int, seen: set[int]) -> Iterator[Finding]:
    """A total, one part of it and "the rest" (议题126个，经审查的118个，其余8个…): with just these
    two counts of the unit before the rest, the part and the rest make the total."""
    rest = _phrasings()["rest"]
    prev_end = floor
    for c in figs:
        words = text[prev_end:c.start]
        prev_end = c.end
        if c.kind != "count" or c.approx or not rest.search(words):
            continue
        before = [f for f in figs if f.end <= c.start and f.kind == "count" and f.unit == c.unit]
        if len(before) != 2 or any(f.start in seen or f.approx or f.value_high is not None for f in before):
            continue
        total, part = before
        if part.value >= total.value:
            continue
        seen.add(total.start)
        hit = _sum_finding(total, [part, c], exhaustive=True, homogeneous=True)
        if hit:
            yield hit


def _one_noun_breakdown(text: str, labels: list[str], parts: list[Figure]) -> bool:
    """Three or more parts of one noun that close their sentence, line or aside (其中中央资金5210万元、
    省级资金2140万元、市级资金1300万元。): the breakdown of the whole, as after a total's 中."""
    stripped = [lab.strip(" ,、，;；") for lab in labels]
    # one noun: the same last two characters, or every part a class (违法建设类、占道经营类、环境卫生类)
    if len(parts) < 3 or (len({lab[-2:] for lab in stripped}) != 1 and not all(lab.endswith("类") for lab in stripped)):
        return False
    if any(len(lab) <= 2 or _phrasings()["cross_cutting"].search(lab) or _MORE_AFTER.search(lab) for lab in stripped):
        return False
    return text[parts[-1].end:parts[-1].end + 1] in ("。", "\n", ")", "）", ";", "；", "")


def _after_rate(text: str, figs: list[Figure], mpos: int, totals: list[Figure]) -> Figure | None:
    """A 其中 right after a rate (办理127件，办结121件，结案率95.3%，其中…类78件、…) splits the
    statement's counts: the one its parts come nearest to (none when they add up to one)."""
    before = [f for f in figs if f.end <= mpos]
    if not before or before[-1].kind != "rate" or text[before[-1].end:mpos].strip(" ,，;；") or len(totals) < 2:
        return None
    parts = [f for f in figs if f.start > mpos and f.kind == "count" and f.unit == totals[0].unit]
    s = sum(p.value for p in parts)
    if any(abs(s - t.value) < 1e-6 for t in totals):
        return None
    return min(totals, key=lambda t: (abs(s - t.value), t.start))


def _list_run(parts: list[Figure], labels: list[str]) -> tuple[list[Figure], list[str]]:
    """A list whose parts are joined by 、 ends at the first clause break (取消58项、下放88项，
    省级事项压减至2307项): the figure after the comma is the next clause's, not another part."""
    joins = [l[:1] for l in labels[1:]]
    if len(joins) >= 2 and joins[0] == "、":
        for i, j in enumerate(joins[1:], start=2):
            if j in ",，;；":
                return parts[:i], labels[:i]
            if j != "、":
                break
    return parts, labels


def _named_together(labels: list[str], before: str) -> bool:
    """Whether the parts' names stand joined before the list, naming what its total counts
    (受理投诉举报…，其中投诉1986件、举报465件; 审查文件、合同、协议共164件，其中文件52件、合同协议112件):
    the parts are all of it."""
    names = [l.strip(" ,、，;；:：") for l in labels]
    if len(names) < 2 or any(not (1 <= len(n) <= 6) or not re.fullmatch(r"[\u4e00-\u9fff]+", n) for n in names):
        return False
    if "".join(names) in re.sub("[和与及、,，]", "", before):
        return True
    # the same kinds joined in the total's words, each named again a little longer or shorter
    # (办理行政复议答复和行政应诉案件31件，其中行政复议答复19件、行政诉讼应诉12件): one joined
    # name per part, in order, holding the part's first and last two characters
    joined = re.split("[和与及、]", before)
    if len(joined) != len(names):
        return False
    for name, words in zip(names, joined):
        if len(name) <= 3:
            if name not in words:
                return False
            continue
        k = words.find(name[:2])
        if k < 0 or words.find(name[-2:], k + 2) < 0:
            return False
    return True


# words in a list that say it names only some (主要有, 较多的是, 等): no breakdown of the whole
_MORE_AFTER = re.compile(r"主要|较多|为主|包括|等|以及")


def _same_kind(labels: list[str], parts: list[Figure], sums: list[dict], total_label: str = "") -> bool:
    """Parts are of one kind when the taxonomy lists them together, their labels share a suffix
    (X类), or every label ends in the noun the total is counted in (调委会245个，其中村调委会220个、
    专业性调委会26个): the same thing told apart by a modifier is a partition."""
    if all(p.indicator for p in parts) and any(all(p.indicator in r["parts"] for p in parts) for r in sums):
        return True
    stripped = [l.strip(" ,、，") for l in labels]
    ends = {l[-1:] for l in stripped if l}
    if len(ends) == 1 and ends <= {"类"}:
        return True
    # every part named by the same closing word, told apart by who or how (州本级实施141项、
    # 委托县市实施45项; 中央资金…、省级资金…), none cutting across the others (涉企, 重大)
    tails = {l[-2:] for l in stripped}
    if len(tails) == 1 and all(len(l) > 2 and not _phrasings()["cross_cutting"].search(l) for l in stripped):
        return True
    noun = _head_noun(total_label.strip(" ,、，"))
    if noun and all(l.endswith(noun) and len(l) > len(noun) for l in stripped):
        return True
    # every part a kind of the noun the total's own words end in (受理矛盾纠纷418件，其中邻里纠纷…)
    tail = total_label.strip(" ,、，的")[-2:]
    return len(tail) == 2 and all(l.endswith(tail) and len(l) > 2 and not _phrasings()["cross_cutting"].search(l)
                                  for l in stripped)


def _head_noun(label: str) -> str:
    """The last two to four CJK characters of a total's label, if they follow a verb-like cue
    (有, 共, 计): 全县共有调委会 -> 调委会."""
    m = re.search(r"(?:共有|现有|拥有|共计|有|共|计)([\u4e00-\u9fff]{2,4})$", label)
    return m.group(1) if m else ""
