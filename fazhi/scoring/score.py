"""Score a report with a rubric: the total, each dimension, each item with its reason and evidence.

The score is a plain function of the analysis record and the rubric, so anyone holding
the report and the rubric file (named and versioned in the score, with a digest of what
it does) gets the same numbers years later. An item's points are its weight times the
share its rule earns; a dimension's are the sum of its items; the total the sum of all.
"""
from __future__ import annotations

from typing import Any

from ..data.labels import DOC_TYPE_ZH
from ..record import Report
from .rubric import RULES, Outcome, Rubric, default_rubric


def _round(x: float) -> float:
    r = round(x, 2)
    return int(r) if float(r).is_integer() else r


def _value(v: float | None) -> float | int | None:
    return None if v is None else _round(v)


def score(report: Report, rubric: Rubric | None = None) -> dict[str, Any]:
    """The record's `score`: {"total", "max", "rubric", "parts": {dimension: {..., "items": {...}}}}.

    A rubric that sets severities (its `[severity]` table) first applies them to the
    report's findings, so the findings a reviewer sees and the score agree.
    """
    rubric = rubric or default_rubric()
    rubric.apply_severity(report)
    head: dict[str, Any] = {"total": None, "max": _round(rubric.max), "rubric": rubric.ident()}
    if report.document.error:
        return {**head, "parts": {}, "note": "文件无法读取，未评分"}
    if report.metadata.doc_type != "report":
        kind = DOC_TYPE_ZH.get(report.metadata.doc_type, report.metadata.doc_type)
        return {**head, "parts": {}, "note": f"该文件是{kind}，不是法治政府建设年度报告，未评分"}
    parts: dict[str, Any] = {}
    total = 0.0
    for dim in rubric.dimensions:
        items: dict[str, Any] = {}
        dim_score = 0.0
        for item in dim.items:
            try:
                out = RULES[item.rule].fn(report, item)
                share, band = item.grade(out)
            except Exception as e:  # one rule's bug must not cost the other items their scores
                out = Outcome(reason=f"评分规则“{item.rule}”运行出错，本项按0分计：{type(e).__name__}: {e}")
                share, band = 0.0, ""
            points = item.weight * share
            dim_score += points
            shown = band and item.kind.output == "number" and band != "≥0"
            reason = out.reason + (f"（{band}档）" if shown else "")
            entry: dict[str, Any] = {"name": item.name, "score": _round(points), "max": _round(item.weight),
                                     "code": share,
                                     "value": out.label if item.kind.output == "label" else _value(out.value),
                                     "reason": reason,
                                     "evidence": [[int(s), int(e)] for s, e in out.evidence if s is not None and e is not None]}
            items[item.id] = entry
        total += dim_score
        parts[dim.id] = {"name": dim.name, "score": _round(dim_score), "max": _round(dim.max), "items": items}
    return {**head, "total": _round(total), "parts": parts}


def item_codes(score_dict: dict[str, Any]) -> dict[str, float]:
    """item id -> code (share earned) from a score dict."""
    return {iid: it["code"] for part in score_dict.get("parts", {}).values() for iid, it in part["items"].items()}
