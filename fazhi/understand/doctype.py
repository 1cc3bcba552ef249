"""What a document is: a 法治政府建设年度报告, or one of the documents that look like one.

Sites publish, next to the reports, news of the meetings that discussed them, the plans
and notices they answer, other annual reports (政府信息公开, 政府工作报告), the 人大's
reports and papers about them. Analysing those as reports would fill a corpus with
false findings, so each document is classified before any content check runs.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load as load_data
from .page import iter_lines


@lru_cache(maxsize=1)
def _doctypes() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str]]:
    data = load_data("doctypes.toml")
    rules = [(r["type"], re.compile(r["pattern"])) for r in data["title_rule"]]
    return rules, re.compile(data["body"]["disclosure"])


@lru_cache(maxsize=1)
def _body_rules() -> tuple[list[tuple[str, bool, str, re.Pattern[str], tuple[str, ...], bool]],
                           dict[str, re.Pattern[str]]]:
    data = load_data("doctypes.toml")
    rules = [(r["type"], bool(r.get("strong")), r["where"], re.compile(r["pattern"], re.M if r["where"] != "start" else 0),
              tuple(r.get("needs", ())), bool(r.get("over_title", True)))
             for r in data.get("body_rule", [])]
    ev = {k: re.compile(v, re.M) for k, v in data["report_evidence"].items()}
    return rules, ev


def classify_title(title: str) -> str:
    t = re.sub(r"\s+", "", title)
    rules, _ = _doctypes()
    for kind, pat in rules:
        if pat.search(t):
            return kind
    return "unknown"


_HEAD = 600


def detect_kind(title: str | None, work: str, body_start: int, end: int) -> tuple[str, dict | None]:
    """What the document is, and the words that show it when it is not a report.

    The title's form decides unless the body shows a look-alike beyond doubt (a strong
    rule: a 范文 site's furniture, 各位代表：, a news lead, a notice's addressee list). A
    title-less document is a report when it reads as one (报告如下, a unit's own year) and
    a weak look-alike rule decides only when nothing does.
    """
    rules, ev = _body_rules()
    kind_t = classify_title(title) if title else None
    starts: list[tuple[str, int]] = []  # the first non-empty line, and the first paragraph
    for s, _e, line in iter_lines(work):
        if s < body_start or not line.strip():
            continue
        if not starts or len(line.strip()) >= 30:
            starts.append((line, s))
        if len(line.strip()) >= 30 or len(starts) == 2 or s > body_start + _HEAD:
            break
    head = work[body_start:min(end, body_start + _HEAD)]
    weak: tuple[str, re.Match[str], int] | None = None
    text_head = work[:min(end, 2000)]
    text_tail = work[max(2000, end - 1000):end] if end > 2000 else ""
    for kind, strong, where, pat, needs, over_title in rules:
        if needs:
            region = head if where != "text" else text_head + text_tail
            if not any(n in region for n in needs):
                continue
        if where == "start":
            m, base = None, body_start
            for line, at in starts:
                m, base = pat.search(line), at
                if m:
                    break
        elif where == "head":
            m, base = pat.search(head), body_start
        else:  # the whole text: its head and its tail, where furniture and references sit
            m, base = pat.search(text_head), 0
            if m is None and text_tail:
                m, base = pat.search(text_tail), max(2000, end - 1000)
        if m is None:
            continue
        if kind == "news" and ev["repost"].search(head):
            continue  # a news item that reposts the report in full
        if strong and (kind_t in (None, "unknown", "news", kind) or kind_t == "report" and over_title):
            return kind, {"source": "body", "text": m.group(0).strip(), "start": base + m.start(), "end": base + m.end()}
        if weak is None:
            weak = (kind, m, base)
    if kind_t is not None and kind_t != "unknown":
        return kind_t, ({"source": "title", "text": title, "start": None, "end": None} if kind_t != "report" else None)
    if len(_doctypes()[1].findall(work)) >= 2:
        return "disclosure_report", {"source": "body", "text": _doctypes()[1].search(work).group(0), "start": None,
                                     "end": None}
    body = work[body_start:end]
    shows_report = bool(ev["phrases"].search(body) or ev["first_person"].search(body)
                        or any(ev["year_opening"].search(line) for line, _at in starts))
    if weak is not None and not shows_report:
        kind, m, base = weak
        return kind, {"source": "body", "text": m.group(0).strip(), "start": base + m.start(), "end": base + m.end()}
    if ev["subject"].search(body):
        return "report", None
    return "unknown", None
