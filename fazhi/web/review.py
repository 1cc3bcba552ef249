"""What the review page of one report shows, from `Corpus.report` (the stored record, its
corpus findings and the reviewer's decisions) and nothing else."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from markupsafe import Markup

from ..checks.registry import specs
from ..corpus import review as rv
from ..data.labels import CONTENT_ZH, DECISION_ZH, DOC_TYPE_ZH, LEVEL_ZH, ORIGIN_ZH, SEVERITY_ZH
from ..export.addressing import incomplete, place_of
from ..record import CONTENT_KEYS
from ..understand.completeness import inferred_fields, of_record
from ..understand.indicators import taxonomy
from .fmt import cn_number
from .highlight import Mark, marked_html

MAX_SEARCH_MARKS = 300
MAX_MARKED = 64  # report texts kept rendered with their marks (marked_text)
_MARKED: "OrderedDict[tuple, Markup]" = OrderedDict()
_MARKED_LOCK = threading.Lock()
MAX_VIEWS = 128  # review pages' content kept (review_of)
_VIEWS: "OrderedDict[tuple, dict[str, Any] | None]" = OrderedDict()
_VIEWS_LOCK = threading.Lock()
MAX_EVIDENCE_MARKS = 30


def _line(text: str, offset: int | None) -> int | None:
    return None if offset is None else text.count("\n", 0, offset) + 1


def findings_view(rec: dict[str, Any], text: str) -> list[dict[str, Any]]:
    names = {k: v.name for k, v in specs().items()} | {rv.NOTE_CHECK: rv.NOTE_ZH}
    out = []
    for i, f in enumerate(rec.get("findings") or []):
        start, end = f.get("start"), f.get("end")
        dec = f.get("decision") or None
        out.append({
            "idx": i, "check": f["check"], "check_zh": names.get(f["check"], f["check"]), "severity": f["severity"],
            "severity_zh": SEVERITY_ZH.get(f["severity"], f["severity"]), "message": f["message"], "start": start,
            "end": end, "line": _line(text, start), "origin": f.get("origin", "document"),
            "origin_zh": ORIGIN_ZH.get(f.get("origin", "document"), ""),
            "quote": text[start:end] if start is not None and end is not None and end > start else (f.get("quote") or ""),
            "decision": dec, "decision_zh": DECISION_ZH.get(dec["decision"], "") if dec else "",
            "note_id": f.get("note_id"),
        })
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(out, key=lambda f: (order.get(f["severity"], 3), f["start"] if f["start"] is not None else -1))


def shown_source(source: str | None) -> str:
    """What a reviewer is shown of where a report came from: its web address, or the file's name
    (never a folder of the server's disk)."""
    source = source or ""
    if source.startswith(("http://", "https://")):
        return source
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def review(corpus, sha256: str, query: str | None = None, untouched: bool = False) -> dict[str, Any] | None:
    """The review page's content: metadata, outline, checklist, score, findings, and the text in segments.
    `untouched`: no reviewer has worked on the report (Corpus.report)."""
    rec = corpus.report(sha256, with_review=True, untouched=untouched)
    if rec is None:
        return None
    text = rec.pop("text", None) or ""
    reviewed = rec.pop("review")
    md = rec.get("metadata") or {}
    error = next((f["message"] for f in rec.get("findings") or [] if f["check"] == "unreadable"), None)
    findings = findings_view(rec, text)
    ind_names = taxonomy().names
    marks: list[Mark] = []
    anchors: list[tuple[int, str]] = []
    for f in findings:
        if f["start"] is not None and f["end"] is not None:
            marks.append(Mark(f["start"], f["end"], "f", str(f["idx"]), severity=f["severity"],
                              title=f"【{f['severity_zh']}】{f['check_zh']}：{f['message']}"))
            anchors.append((f["start"], f"f-{f['idx']}"))
    figures = []
    for i, g in enumerate(rec.get("figures") or []):
        name = ind_names.get(g.get("indicator") or "", "")
        shown = cn_number(g.get("value"), g.get("unit"))
        figures.append({"idx": i, "indicator": g.get("indicator"), "indicator_zh": name, "value": shown,
                        "quote": g.get("quote"), "start": g.get("start"), "approx": g.get("approx")})
        if g.get("start") is not None and g.get("end") is not None:
            marks.append(Mark(g["start"], g["end"], "g", str(i), title=f"{name or '数据'}：{g.get('quote') or shown}"))
    contents = []
    for key in CONTENT_KEYS:
        c = (rec.get("required_contents") or {}).get(key) or {}
        present = bool(c.get("present"))
        contents.append({"key": key, "name": CONTENT_ZH[key], "present": present, "start": c.get("start"),
                         "line": _line(text, c.get("start")) if present else None, "evidence": c.get("evidence")})
        if present and c.get("start") is not None and c.get("end") is not None:
            marks.append(Mark(c["start"], c["end"], "c", key))
            anchors.append((c["start"], f"c-{key}"))
    sections = []
    for i, s in enumerate(rec.get("sections") or []):
        numeral, title = s.get("numeral") or "", s.get("title") or ""
        # an inline item's title holds its numeral already (一是加强培训): not 一是一是加强培训
        sections.append({"idx": i, "title": title, "numeral": "" if title.startswith(numeral) else numeral,
                         "level": s.get("level"), "start": s.get("start")})
        if s.get("start") is not None:
            anchors.append((s["start"], f"s-{i}"))
    score = rec.get("score") or {}
    parts = []
    for pkey, part in (score.get("parts") or {}).items():
        items = []
        for ikey, item in (part.get("items") or {}).items():
            key = f"{pkey}.{ikey}"
            ev = [e for e in item.get("evidence") or [] if isinstance(e, (list, tuple)) and len(e) == 2]
            for s, e in ev[:MAX_EVIDENCE_MARKS]:
                marks.append(Mark(int(s), int(e), "e", key))
            items.append({"key": key, "name": item.get("name"), "score": item.get("score"), "max": item.get("max"),
                          "reason": item.get("reason"), "has_evidence": bool(ev)})
        parts.append({"name": part.get("name"), "score": part.get("score"), "max": part.get("max"), "items": items})
    hits = 0
    if query and query.strip() and text:
        for term in query.split():
            pos = text.find(term)
            while pos >= 0 and hits < MAX_SEARCH_MARKS:
                marks.append(Mark(pos, pos + len(term), "q", "hit"))
                hits += 1
                pos = text.find(term, pos + len(term))
    return {
        "sha256": sha256, "source": rec.get("source"), "file_name": shown_source(rec.get("source")),
        "format": rec.get("format"), "metadata": md,
        "level_zh": LEVEL_ZH.get(md.get("level"), md.get("level") or ""),
        "place": place_of(md.get("province"), md.get("city"), md.get("county"), md.get("jurisdiction"), md.get("level")),
        "doc_type_zh": DOC_TYPE_ZH.get(md.get("doc_type"), md.get("doc_type") or ""),
        # what the report did not state (a unit guessed from the site) and a text that may be cut off:
        # the reviewer sees both before deciding a finding that rests on them
        "inferred": inferred_fields(md), "incomplete": incomplete(of_record(rec, text)),
        "error": error, "findings": findings, "figures": figures, "contents": contents, "sections": sections,
        "score": {"total": score.get("total"), "max": score.get("max"), "parts": parts,
                  "rubric": (score.get("rubric") or {}).get("name")},
        "marked": (text, tuple(marks), tuple(anchors)), "chars": len(text), "hits": hits,
        "query": query or "", "lines": text.count("\n") + 1,
        "counts": {sev: sum(1 for f in findings if f["severity"] == sev) for sev in ("error", "warning", "info")},
        "state": reviewed["state"], "progress": rv.progress(rec.get("findings") or []),
        "history": _history(reviewed["history"], text), "states": rv.STATE_ZH,
    }


NOT_KEPT = object()  # review_of(compute=False) when the page's content is not kept


def review_of(holder, sha256: str, query: str | None = None, version: Hashable | None = None,
              compute: bool = True) -> Any:
    """`review` through a cache: the content of a report's page is the same for every colleague until the
    report or the reviewers' work on it changes (`holder.version(sha256)`, fazhi.web.db), so it is
    computed once per change. `version`: the caller's reading of `holder.version(sha256)`, taken
    before this call (what is read is then at least that new). `compute=False`: NOT_KEPT rather than
    reading the corpus. None when there is no such report. Callers must not change the result."""
    if version is None:
        version = holder.version(sha256)
    key = (version, sha256, query)
    with _VIEWS_LOCK:
        if key in _VIEWS:
            _VIEWS.move_to_end(key)
            return _VIEWS[key]
    if not compute:
        return NOT_KEPT
    view = review(holder.get(), sha256, query, untouched=not holder.touched(sha256))
    with _VIEWS_LOCK:
        _VIEWS[key] = view
        while len(_VIEWS) > MAX_VIEWS:
            _VIEWS.popitem(last=False)
    return view


def marked_text(sha256: str, marked: tuple[str, tuple[Mark, ...], tuple[tuple[int, str], ...]]) -> Markup:
    """The report's text with its marks and line numbers, as HTML (fazhi.web.highlight.marked_html).

    Kept for the last MAX_MARKED texts and sets of marks: the page's largest part, and the same for
    every colleague who opens the report until its findings, figures or notes change (a decision
    changes no mark). Keyed by the marks themselves, so a changed mark is a new entry, never a stale one.
    """
    text, marks, anchors = marked
    key = (sha256, text, marks, anchors)
    with _MARKED_LOCK:
        html = _MARKED.get(key)
        if html is not None:
            _MARKED.move_to_end(key)
            return html
    html = Markup(marked_html(text, list(marks), list(anchors)))
    with _MARKED_LOCK:
        _MARKED[key] = html
        while len(_MARKED) > MAX_MARKED:
            _MARKED.popitem(last=False)
    return html


def _history(out: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The report's review history (oldest first, as fazhi.corpus.review.history gives it), newest
    first, with the checks' Chinese names and lines."""
    names = {k: v.name for k, v in specs().items()} | {rv.NOTE_CHECK: rv.NOTE_ZH}
    for h in out:
        h["check_zh"] = names.get(h["check"] or "", h["check"] or "")
        h["line"] = _line(text, h["start"])
    return out[::-1]


def find_finding(rec: dict[str, Any], check: str, start: int | None, end: int | None,
                 message: str) -> dict[str, Any] | None:
    """The finding of a stored record a decision names (a decision must be about a real finding)."""
    for f in rec.get("findings") or []:
        if f["check"] == check and f.get("start") == start and f.get("end") == end and f["message"] == message:
            return f
    return None
