"""Compare an analysis record with a gold expectation (the schema of ../shared/gold/seeds.json).

The semantics follow ../shared/tools/evaluate.py so that our golden tests and the shared
evaluation agree: metadata fields compared after NFKC and whitespace removal, top-level
section titles without numerals, required contents, figures located near their anchor,
findings near their anchor (document-level checks need only be present), and no figure
covering a must_not_extract token.
"""
from __future__ import annotations

import unicodedata

META_FIELDS = ("title", "jurisdiction", "level", "province", "city", "report_year", "published", "signed")
DOC_LEVEL_CHECKS = {"timeliness", "missing_title", "causes_missing", "first_responsibility_missing",
                    "not_a_report", "report_year", "measures_missing", "shortcomings_missing", "next_year_plan_missing"}


def norm(s) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s))
    return "".join(ch for ch in s if not ch.isspace())


def strip_numeral(title: str) -> str:
    t = norm(title)
    for prefix_end in ("、", ".", "．", ")", "）"):
        head, sep, rest = t.partition(prefix_end)
        if sep and len(head) <= 4 and all(c in "一二三四五六七八九十0123456789(（" for c in head):
            return rest
    return t


def _line_span(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


def near(text: str, anchor: str, start, end, slack: int = 200) -> bool:
    if start is None or end is None:
        return False
    pos = text.find(anchor)
    if pos < 0:
        return False
    a0, a1 = pos, pos + len(anchor)
    l0, l1 = _line_span(text, a0, a1)
    if l0 <= start and end <= l1 + 1:
        return True
    return start <= a1 + slack and end >= a0 - slack


def value_eq(a, b) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= max(1e-6, 1e-4 * abs(b))


def compare(gold: dict, rec: dict, text: str, extra_meta: tuple[str, ...] = ()) -> list[str]:
    """Every way the record falls short of the gold, one line each (empty when it meets it)."""
    text = text.replace("\xa0", " ")
    misses: list[str] = []
    meta = rec.get("metadata") or {}
    for f in META_FIELDS + extra_meta:
        if f not in gold["metadata"] and f in extra_meta:
            continue
        want, got = gold["metadata"].get(f), meta.get(f)
        ok = (want is None and got in (None, "")) or (want is not None and norm(want) == norm(got))
        if not ok:
            misses.append(f"metadata.{f}: want {want!r}, got {got!r}")
    if "doc_type" in gold and meta.get("doc_type") != gold["doc_type"]:
        misses.append(f"doc_type: want {gold['doc_type']!r}, got {meta.get('doc_type')!r}")
    got_titles = [strip_numeral(s.get("title", "")) for s in rec.get("sections", []) if s.get("level") == 1]
    want_titles = [strip_numeral(t) for t in gold.get("top_sections", [])]
    if gold.get("top_sections") is not None and got_titles != want_titles:
        misses.append(f"top sections: want {want_titles}, got {got_titles}")
    rc = rec.get("required_contents") or {}
    for k, want in (gold.get("required_contents") or {}).items():
        if want is None:
            continue
        got = (rc.get(k) or {}).get("present")
        if bool(got) != want:
            misses.append(f"required_contents.{k}: want {want}, got {got}")
    figs = rec.get("figures") or []
    for gf in gold.get("figures", []):
        hit = any(f.get("indicator") == gf["indicator"] and value_eq(f.get("value"), gf["value"])
                  and near(text, gf["anchor"], f.get("start"), f.get("end"), slack=40) for f in figs)
        if not hit:
            cands = [f"{f.get('indicator')}={f.get('value')}" for f in figs
                     if near(text, gf["anchor"], f.get("start"), f.get("end"), slack=0)][:3]
            misses.append(f"figure {gf['indicator']}={gf['value']} at {gf['anchor']!r} missed (got {cands})")
    for item in gold.get("must_not_extract", []):
        pos = text.find(item["anchor"])
        if pos < 0:
            misses.append(f"must_not_extract anchor not in text: {item['anchor']!r}")
            continue
        t0 = pos + item["anchor"].find(item["token"])
        t1 = t0 + len(item["token"])
        bad = [f for f in figs if f.get("start") is not None and f["start"] < t1 and f["end"] > t0]
        if bad:
            misses.append(f"false figure {bad[0].get('indicator')}={bad[0].get('value')} from {item['token']!r}")
    finds = rec.get("findings") or []

    def flagged(item) -> bool:
        for f in finds:
            if f.get("check") != item["check"]:
                continue
            if item["check"] in DOC_LEVEL_CHECKS or near(text, item["anchor"], f.get("start"), f.get("end")):
                return True
        return False

    for item in gold.get("must_flag", []):
        if not flagged(item):
            misses.append(f"not flagged: {item['check']}: {item.get('about', '')} ({item['anchor']!r})")
    for item in gold.get("must_not_flag", []):
        if item["check"] == "timeliness":
            if any(f.get("check") == "timeliness" and f.get("severity") in ("error", "warning") for f in finds):
                misses.append(f"false flag: timeliness: {item.get('about', '')}")
        elif item["check"] not in DOC_LEVEL_CHECKS and flagged(item):
            misses.append(f"false flag: {item['check']}: {item.get('about', '')} ({item['anchor']!r})")
        elif item["check"] in DOC_LEVEL_CHECKS and any(f.get("check") == item["check"] for f in finds):
            misses.append(f"false flag: {item['check']}: {item.get('about', '')}")
    return misses
