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


def marked_html(text: str, marks: list[Mark], anchors: list[tuple[int, str]] = ()) -> str:
    """The text as HTML: each piece of `segments` in one `<span>` with its classes, data attributes
    and title (a piece no mark covers as bare text), and an empty `<span class="ln" data-n="N">`
    where each line begins, numbered as the findings count lines (第N行: newlines before the offset,
    plus one). A piece spanning a newline is cut there, so each marker sits at the start of its
    line; the markers hold no text, so the page's text stays the report's text character for
    character (a selection's offsets are the record's). Everything from the report or the record is
    escaped as Jinja's autoescape escapes it.

    Written here rather than as a template: a report's text is thousands of pieces, and a Jinja loop
    over them (attribute lookups, loop bookkeeping per piece) was most of the cost of a report's
    first view; here a marked piece's opening tag is built once, even when line breaks cut it."""
    out: list[str] = ['<span class="ln" data-n="1" aria-hidden="true"></span>']
    add = out.append
    heads: dict[tuple, str] = {}  # a marked piece's opening tag by its classes, keys and title
    n = 1
    for p in segments(text, marks, anchors):
        piece = p.get("text")
        if piece is None:
            add(f'<span class="anchor" id="{_escape(p["anchor"])}"></span>' if p["anchor"] else "")
            continue
        cls = p.get("cls")
        if cls:
            key = (cls, tuple(p["data"]), p.get("title"))
            head = heads.get(key)
            if head is None:
                head = f'<span class="{_escape(cls)}"' + "".join(f' data-{_escape(k)}="{_escape(v)}"'
                                                                for k, v in p["data"])
                if p.get("title"):
                    head += f' title="{_escape(p["title"])}"'
                head = heads[key] = head + ">"
        if "\n" not in piece:
            add(f"{head}{_escape(piece)}</span>" if cls else _escape(piece))
            continue
        parts = piece.split("\n")
        last = len(parts) - 1
        for i, part in enumerate(parts):
            if i < last:
                part += "\n"
            if part:
                add(f"{head}{_escape(part)}</span>" if cls else _escape(part))
            if i < last:
                n += 1
                add(f'<span class="ln" data-n="{n}" aria-hidden="true"></span>')
    return "".join(out)


def _escape(s: str) -> str:
    """`markupsafe.escape(s)` as a plain string (the replacements of its pure-Python version, in its
    order), without making a Markup object for each of a text's thousands of pieces: most pieces of a
    Chinese report need no replacement at all."""
    if "&" in s or "<" in s or ">" in s or "'" in s or '"' in s:
        return s.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")
    return s


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
        kind = m.kind
        got = keys.get(kind)
        if got is None:
            keys[kind] = [m.key]
        else:
            got.append(m.key)
        if kind == "f":
            worst = max(worst, SEVERITY_RANK.get(m.severity or "", 0))
        if m.title and m.title not in titles:
            if kind == "f":  # a finding's words come before a figure's on the same mark
                titles.insert(sum(1 for t in titles if t.startswith("【")), m.title)
            else:
                titles.append(m.title)
    kinds = [kind for kind in KINDS if kind in keys]
    cls = "m " + " ".join(_CLASS[kind] for kind in kinds)
    if worst:
        cls += _SEVERITY_CLASS[worst]
    data = [(kind, ks[0] if len(ks := keys[kind]) == 1 else " ".join(sorted(set(ks), key=_natural))) for kind in kinds]
    return {"text": text, "cls": cls, "data": data, "title": "；".join(titles) or None}


_CLASS = {kind: f"m-{kind}" for kind in KINDS}
_SEVERITY_CLASS = {3: " sev-error", 2: " sev-warning", 1: " sev-info"}


def _natural(s: str) -> tuple:
    return (0, int(s), "") if s.isdigit() else (1, 0, s)
