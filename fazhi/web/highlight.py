"""A report's text cut into segments for highlighting, built on the server.

Every annotation of the record is a span of character offsets into the text. The text is
cut at every span boundary; each piece carries the keys of the spans covering it, so the
template wraps it in one element with data attributes (`data-f="3 7"`: findings 3 and
7), and the browser marks a finding by selecting `[data-f~="3"]`: no script ever builds
markup from the report's text, and the template escapes every piece. Overlapping spans
(a figure inside a finding inside a required content) need no nesting.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

# kinds of marks: finding, figure (g), required content, score evidence, search hit (q)
KINDS = ("f", "g", "c", "e", "q")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KINDS
    key: str  # what the browser selects by (a finding's index, a content's name ...)
    severity: str | None = None  # findings: the segment shows its worst severity
    title: str | None = None  # a tooltip (figures: indicator and value)


def segments(text: str, marks: list[Mark], anchors: list[tuple[int, str]] = ()) -> list[dict[str, Any]]:
    """The text as a list of pieces: {"anchor": id} or {"text", "cls", "data", "title"}.

    `anchors` are element ids placed at offsets (section starts for the outline links).
    Marks outside the text are clipped; empty ones are dropped.
    """
    n = len(text)
    ms = sorted((m for m in (_clip(m, n) for m in marks) if m is not None), key=lambda m: m.start)
    bounds = {0, n}
    for m in ms:
        bounds.add(m.start)
        bounds.add(m.end)
    at: dict[int, list[str]] = {}
    for pos, ident in anchors:
        p = min(max(int(pos), 0), n)
        bounds.add(p)
        at.setdefault(p, []).append(ident)
    points = sorted(bounds)
    out: list[dict[str, Any]] = []
    active: dict[int, Mark] = {}
    ends: list[tuple[int, int]] = []  # (end, mark number)
    k = 0
    for i, a in enumerate(points):
        while ends and ends[0][0] <= a:
            active.pop(heapq.heappop(ends)[1], None)
        while k < len(ms) and ms[k].start <= a:
            if ms[k].end > a:
                active[k] = ms[k]
                heapq.heappush(ends, (ms[k].end, k))
            k += 1
        for ident in at.get(a, ()):
            out.append({"anchor": ident})
        if i + 1 >= len(points):
            break
        b = points[i + 1]
        piece = text[a:b]
        if not active:
            out.append({"text": piece})
            continue
        out.append(_piece(piece, active.values()))
    return out


def with_lines(pieces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pieces with a {"line": n} marker where each line begins, numbered as the findings
    count lines (第N行: newlines before the offset, plus one). A piece spanning a newline is cut
    there, so each marker sits at the start of its line; the markers hold no text, so the page's
    text stays the report's text character for character (a selection's offsets are the record's)."""
    out: list[dict[str, Any]] = [{"line": 1}]
    n = 1
    for p in pieces:
        text = p.get("text")
        if not text or "\n" not in text:
            out.append(p)
            continue
        parts = text.split("\n")
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part or not last:
                out.append({**p, "text": part + ("" if last else "\n")})
            if not last:
                n += 1
                out.append({"line": n})
    return out


def _clip(m: Mark, n: int) -> Mark | None:
    s, e = max(0, m.start), min(n, m.end)
    if e <= s:
        return None
    return m if (s, e) == (m.start, m.end) else Mark(s, e, m.kind, m.key, m.severity, m.title)


def _piece(text: str, marks) -> dict[str, Any]:
    keys: dict[str, list[str]] = {}
    worst = 0
    titles: list[str] = []
    for m in marks:
        keys.setdefault(m.kind, []).append(m.key)
        if m.kind == "f":
            worst = max(worst, SEVERITY_RANK.get(m.severity or "", 0))
        if m.title and m.title not in titles:
            if m.kind == "f":  # a finding's words come before a figure's on the same mark
                titles.insert(sum(1 for t in titles if t.startswith("【")), m.title)
            else:
                titles.append(m.title)
    cls = ["m"] + [f"m-{kind}" for kind in KINDS if kind in keys]
    if worst:
        cls.append("sev-" + {3: "error", 2: "warning", 1: "info"}[worst])
    data = [(kind, " ".join(sorted(set(keys[kind]), key=_natural))) for kind in KINDS if kind in keys]
    return {"text": text, "cls": " ".join(cls), "data": data, "title": "；".join(titles) or None}


def _natural(s: str) -> tuple:
    return (0, int(s), "") if s.isdigit() else (1, 0, s)
