"""Year-on-year claims checked against the unit's previous report (`yoy_mismatch`).

A report says 受理行政复议案件120件，同比增长20%; the unit's previous report said how many
it received then. If 100 → 120 is +20% the claim stands; if last year's report said 110,
the claim is false (or last year's figure was). The check follows the statcheck habit:
it states the reported change, the figure it used and the change that figure implies,
allows for the rounding of every printed number, and stays silent whenever the inputs are
ambiguous (no indicator for the base figure, two different values for it last year, a
change not explicitly against the previous year, a zero base, a range).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import rates
from ..checks.registry import finding
from .dedup import corpus_settings

_NUMBER = re.compile(r"(\d+)(?:\.(\d+))?")
_SCALES = {"万": 1e4, "亿": 1e8, "千": 1e3}
_SENTENCE_DELIMS = "。；;！!？?\n"
_CASES = {"件", "宗", "起", "个", "例", "件次"}


@dataclass(frozen=True)
class YoySettings:
    previous_year: re.Pattern[str]
    named_year: re.Pattern[str]
    approx_points: float
    approx_share: float


@lru_cache(maxsize=1)
def settings() -> YoySettings:
    d = corpus_settings()["yoy"]
    return YoySettings(re.compile(d["previous_year"]), re.compile(d["named_year"]), float(d["approx_points"]),
                       float(d["approx_share"]))


@dataclass
class Fig:
    idx: int
    indicator: str | None
    value: float | None
    value_high: float | None
    unit: str | None
    approx: bool
    kind: str | None
    direction: str | None
    refers_to: int | None
    start: int | None
    end: int | None


def half_unit(text: str, f: Fig) -> float:
    """Half of the last printed digit of a figure (98.16% -> 0.005; 20.56万 -> 50): the rounding it allows."""
    if f.start is None or f.end is None:
        return 0.0
    lit = text[f.start:f.end]
    m = _NUMBER.search(lit)
    if not m:
        return 0.0  # a Chinese numeral: an exact whole number
    decimals = len(m.group(2) or "")
    scale = 1.0
    after = lit[m.end():m.end() + 1]
    if after in _SCALES:
        scale = _SCALES[after]
    if decimals == 0 and scale == 1.0:
        return 0.0 if f.unit != "%" else 0.5
    return 0.5 * 10 ** (-decimals) * scale


_CLAUSE_DELIMS = "，,；;。：:！!？?、\n"
_NOT_WORD = re.compile(r"[\W\d_]+")


def label(text: str, f: Fig) -> str:
    """The words of a figure's clause before its number (排查矛盾纠纷), normalised: what it counts."""
    if f.start is None:
        return ""
    a = f.start
    while a > 0 and text[a - 1] not in _CLAUSE_DELIMS and f.start - a < 40:
        a -= 1
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text[a:f.start]))


def _same_unit(a: str | None, b: str | None) -> bool:
    return a == b or (a in _CASES and b in _CASES)


# what a change cannot be the change of: another change, and the earlier year's figure it is measured
# from (比上年的42件增长19%: 19% is this year's count against 42)
_NOT_BASES = frozenset({"change", "previous"})


def base_of(figs: list[Fig], i: int, text: str) -> Fig | None:
    """The figure a change refers to: the core's refers_to, else the figure just before it in the sentence."""
    c = figs[i]
    if c.refers_to is not None and 0 <= c.refers_to < len(figs) and figs[c.refers_to].kind not in _NOT_BASES:
        return figs[c.refers_to]
    for j in range(i - 1, -1, -1):
        f = figs[j]
        if f.end is None or c.start is None:
            return None
        if any(ch in _SENTENCE_DELIMS for ch in text[f.end:c.start]):
            return None
        if f.kind not in _NOT_BASES:
            return f
    return None



def compared_year(text: str, base: Fig, change: Fig, report_year: int) -> int | None:
    """The year a change is measured against, when the text says so (同比 / 较上年 / 较2022年)."""
    s = settings()
    lo = base.end if base.end is not None and base.end <= (change.start or 0) else None
    if lo is None:  # the change stands before its base: look from the sentence start
        lo = change.start or 0
        while lo > 0 and text[lo - 1] not in _SENTENCE_DELIMS:
            lo -= 1
    window = text[lo:change.start]
    m = s.named_year.search(window)
    if m:
        return int(m.group(1))
    if s.previous_year.search(window):
        return report_year - 1
    return None


def _fmt(v: float) -> str:
    if abs(v) >= 1e5 and (v / 1e4) == round(v / 1e4, 2):
        return f"{v / 1e4:g}万"
    return f"{int(v)}" if float(v).is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")


def _signed_change(v: float, points: bool) -> str:
    word = ("提高" if points else "增长") if v >= 0 else "下降"
    unit = "个百分点" if points else "%"
    return f"{word}{rates.format_number(abs(v), 1)}{unit}"


def evaluate(text: str, figs: list[Fig], i: int, report_year: int,
             previous: dict[int, list[tuple[str, list[Fig], str]]]) -> dict[str, Any] | None:
    """The yoy_mismatch finding for change figure i, or None when it agrees or cannot be judged.

    `previous` maps a year to that year's reports of the same unit: (sha256, figures, text).
    """
    s = settings()
    c = figs[i]
    if c.kind != "change" or c.direction not in ("up", "down") or c.value is None or c.unit not in ("%", "个百分点"):
        return None
    base = base_of(figs, i, text)
    if base is None or base.indicator is None or base.value is None or base.value_high is not None:
        return None
    year = compared_year(text, base, c, report_year)
    if year is None or year != report_year - 1 or year not in previous:
        return None
    cands = [(sha, f, ptext) for sha, pfigs, ptext in previous[year] for f in pfigs
             if f.indicator == base.indicator and f.kind == base.kind and f.kind != "change"
             and f.value is not None and f.value_high is None and _same_unit(f.unit, base.unit)]
    if len({f.value for _, f, _ in cands}) > 1:
        # several different figures of this indicator last year: only the one stated in the same words counts
        own = label(text, base)
        cands = [c for c in cands if own and label(c[2], c[1]) == own]
    if not cands or len({f.value for _, f, _ in cands}) != 1:
        return None  # last year's report gives no figure, or several different ones: ambiguous
    prev_sha, pf, ptext = cands[0]
    now, last = base.value, pf.value
    stated = c.value if c.direction == "up" else -c.value
    tol_stated = half_unit(text, c) if c.unit else 0.0
    d_now, d_last = half_unit(text, base), half_unit(ptext, pf)
    options: list[tuple[float, float, bool]] = []  # (expected, tolerance, in points)
    if c.unit == "个百分点" or base.unit == "%":
        if base.unit != "%":
            return None
        options.append((now - last, d_now + d_last, True))
    if c.unit == "%":
        if last <= 0:
            if not options:
                return None
        else:
            options.append((rates.change(now, last).percent, 100.0 * (d_now / last + now * d_last / (last * last)), False))
    approx = c.approx or base.approx or pf.approx
    for expected, tol, _points in options:
        limit = tol_stated + tol + 1e-9
        if approx:
            limit = max(limit, s.approx_points, s.approx_share * abs(stated))
        if abs(expected - stated) <= limit:
            return None
    expected, _tol, points = options[-1] if c.unit == "%" and base.unit != "%" else options[0]
    from ..understand.indicators import taxonomy

    name = taxonomy().names.get(base.indicator, base.indicator)
    unit = base.unit or ""
    direction = ("提高" if c.unit == "个百分点" else "增长") if c.direction == "up" else "下降"
    stated_txt = f"{_fmt(c.value)}{c.unit}"
    start = min(x for x in (base.start, c.start) if x is not None)
    return finding("yoy_mismatch", start=start, end=c.end, name=name, direction=direction, stated=stated_txt,
                   last=f"{year}年{_fmt(last)}{unit}（本年{_fmt(now)}{unit}）", expected=_signed_change(expected, points),
                   data={"indicator": base.indicator, "compared_year": year, "previous_sha256": prev_sha,
                         "previous_value": last, "value": now, "stated_change": stated,
                         "expected_change": round(expected, 4), "points": points,
                         "previous_start": pf.start, "previous_end": pf.end}).to_dict()


def check_units(con, unit_keys: list[str]) -> dict[int, list[dict[str, Any]]]:
    """yoy_mismatch findings for every report of these units, keyed by doc_id (empty lists included)."""
    if not unit_keys:
        return {}
    reports = con.execute("""
        SELECT r.doc_id, r.sha256, r.unit_key, r.report_year FROM records r
        WHERE r.unit_key IN (SELECT unnest(?)) AND r.doc_type = 'report' AND r.report_year IS NOT NULL
        ORDER BY r.sha256""",  # not by doc_id: the order reports were stored in must not decide
                          [unit_keys]).fetchall()
    out: dict[int, list[dict[str, Any]]] = {doc_id: [] for doc_id, *_ in reports}
    if not reports:
        return out
    doc_ids = [r[0] for r in reports]
    figs: dict[int, list[Fig]] = {d: [] for d in doc_ids}
    for row in con.execute("""SELECT doc_id, idx, indicator, value, value_high, unit, approx, kind, direction, refers_to,
                                     start, "end" FROM figures WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, idx""",
                           [doc_ids]).fetchall():
        figs[row[0]].append(Fig(*row[1:]))
    with_changes = {d for d, fs in figs.items() if any(f.kind == "change" for f in fs)}
    if not with_changes:
        return out
    by_unit_year: dict[tuple[str, int], list[int]] = {}
    for doc_id, _sha, unit, year in reports:
        by_unit_year.setdefault((unit, year), []).append(doc_id)
    need_text = set(with_changes)
    for doc_id, _sha, unit, year in reports:
        if doc_id in with_changes:
            need_text.update(by_unit_year.get((unit, year - 1), []))
    texts = dict(con.execute("SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?))",
                             [sorted(need_text)]).fetchall())
    sha_of = {r[0]: r[1] for r in reports}
    for doc_id, _sha, unit, year in reports:
        if doc_id not in with_changes or not texts.get(doc_id):
            continue
        prev_ids = by_unit_year.get((unit, year - 1), [])
        if not prev_ids:
            continue
        previous = {year - 1: [(sha_of[p], figs[p], texts.get(p) or "") for p in prev_ids]}
        text = texts[doc_id]
        fl = figs[doc_id]
        for i, f in enumerate(fl):
            if f.kind == "change":
                res = evaluate(text, fl, i, year, previous)
                if res is not None:
                    out[doc_id].append(res)
    return out

