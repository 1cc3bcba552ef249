"""From positioned lines (a PDF text layer, OCR boxes, OFD text objects) to paragraphs.

Laid-out formats know where each line sits but not where a paragraph ends: a PDF breaks
every sentence at the right margin, repeats a running header and a page number on every
page, and splits paragraphs across pages. The analysis needs one paragraph per line, with
Chinese line-wraps joined without a stray space. We decide from geometry alone:

- furniture: a line in the top or bottom band of a page that is a page number
  (``- 3 -``, ``第3页``, ``3/12``) or that repeats (digits aside) on many pages; on a page
  after the first, the topmost line in a type clearly smaller than the body's and set off
  from the body by more than a line is a running header even when it appears once (a
  two-page report prints its header on page two only);
- a line continues the previous one when the previous reached the right margin, started
  at the left margin or at a first-line indent, and the current line is not indented;
  in documents without first-line indents a line after a full sentence starts afresh.

All coordinates are page units with y growing downwards (OCR pixels and OFD millimetres
are used as is; PDF points are flipped by the PDF reader).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1e-6)


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


_PAGE_NO = re.compile(
    r"^[\s\-—–－_~·.]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?\s*(?:(?:[/／]|共)\s*[0-9０-９]{1,4}\s*页?)?[\s\-—–－_~·.]*$"
    r"|^[\s\-—–－]*(?:第\s*)?[一二三四五六七八九十百零〇]{1,5}\s*页?[\s\-—–－]*$"
    r"|^(?:page|p\.?)\s*\d+(?:\s*(?:of|/)\s*\d+)?$",
    re.I,
)
_SENTENCE_END = ("。", "：", ":", "；", ";", "！", "？", "!", "?", "”", "」")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]\D|第[一二三四五六七八九十]+[章节条部分])")
_UNBREAKABLE = re.compile(r"[“‘（《「『【〔(\[]*[A-Za-z0-9.%·\-+/:_@]+[，。、；：,.;:%）)》”]?|[“‘（《「『【〔(\[]+.")
_BAND = 0.09  # share of the page height at top and bottom where running headers and page numbers live


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def join_wrapped(a: str, b: str) -> str:
    """Join two pieces of one wrapped line: no space in Chinese, one between Latin words."""
    if not a:
        return b
    if not b:
        return a
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    if a[-1] == "-" and len(a) > 1 and a[-2].isascii() and a[-2].isalpha() and b[0].isascii() and b[0].islower():
        return a[:-1] + b
    return a + b


def merge_fragments(fragments: list[Line], gap_space: float = 0.6) -> list[Line]:
    """Group fragments on one baseline (PDF runs, OCR boxes) into lines, left to right.

    Two fragments share a line when their vertical extents overlap by more than half of
    the smaller one. A space is inserted between Latin letters or digits when the gap is
    wider than `gap_space` character heights, so
    CJK text split into runs by a font change joins without a stray space; a gap wider
    than one and a half characters (between table cells) always gets one.
    """
    frags = sorted((f for f in fragments if f.text.strip()), key=lambda f: (f.top, f.x0))
    rows: list[list[Line]] = []
    for f in frags:
        placed = False
        for row in reversed(rows[-3:]):
            ref = row[0]
            overlap = min(ref.bottom, f.bottom) - max(ref.top, f.top)
            if overlap > 0.5 * min(ref.size, f.size):
                row.append(f)
                placed = True
                break
        if not placed:
            rows.append([f])
    out: list[Line] = []
    for row in rows:
        row.sort(key=lambda f: f.x0)
        text = row[0].text.strip("\r\n")
        for prev, f in zip(row, row[1:]):
            piece = f.text.strip("\r\n")
            gap = f.x0 - prev.x1
            size = min(prev.size, f.size)
            if text and piece and not text[-1].isspace() and not piece[0].isspace():
                latin = not _is_cjk(text[-1]) and not _is_cjk(piece[0])
                if gap > 1.5 * size or (latin and gap > gap_space * size):
                    text += " "  # table cells and Latin words keep a separator
            text += piece
        out.append(Line(text, min(f.x0 for f in row), max(f.x1 for f in row),
                        min(f.top for f in row), max(f.bottom for f in row)))
    return out


def _key(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", text))


def strip_furniture(pages: list[Page]) -> list[Page]:
    """Drop page numbers and running headers/footers from the top and bottom bands."""
    band_keys: Counter[tuple] = Counter()
    for p in pages:
        seen = set()
        for ln in _band_lines(p):
            k = _band_key(ln, p)
            if k[0] and k not in seen:
                seen.add(k)
                band_keys[k] += 1
    # a header on every page but the first still repeats on half the pages
    repeat = max(2, (len(pages) + 1) // 2) if len(pages) >= 2 else None
    body = _body_size(pages)
    out = []
    for i, p in enumerate(pages):
        band = {id(ln) for ln in _band_lines(p)}
        lone = _lone_header(p, body) if i > 0 else None
        kept = []
        for ln in p.lines:
            if ln is lone:
                continue
            if id(ln) in band:
                t = ln.text.strip()
                if not t or _PAGE_NO.match(t):
                    continue
                if repeat is not None and band_keys[_band_key(ln, p)] >= repeat and len(t) <= 60:
                    continue
            kept.append(ln)
        out.append(Page(p.width, p.height, kept))
    return out


def _body_size(pages: list[Page]) -> float:
    """The body type's em (median over lines long enough to measure by width, which OCR
    boxes do not blur)."""
    ems = sorted(em(ln) for p in pages for ln in p.lines if len(ln.text.strip()) >= 8)
    return ems[len(ems) // 2] if ems else 0.0


def _lone_header(p: Page, body: float) -> Line | None:
    """The page's topmost line if it is short, in the top band, in a type at most 80% of the
    body's, and separated from the next line by more than a body line."""
    ordered = sorted((ln for ln in p.lines if ln.text.strip()), key=lambda ln: ln.top)
    if len(ordered) < 2 or body <= 0:
        return None
    first, nxt = ordered[0], ordered[1]
    if (first.bottom <= _BAND * p.height * 1.4 and em(first) <= 0.8 * body
            and len(first.text.strip()) <= 60 and nxt.top - first.bottom > body):
        return first
    return None


def _band_key(ln: Line, p: Page) -> tuple:
    """Text (digits aside), band and type size: a signature in body type is no running header."""
    return _key(ln.text), ln.top < p.height / 2, round(ln.size / max(p.height, 1) * 200)


def _band_lines(p: Page) -> list[Line]:
    """At most the two outermost lines at the top and at the bottom, inside the bands."""
    if not p.lines:
        return []
    ordered = sorted(p.lines, key=lambda ln: ln.top)
    top = [ln for ln in ordered[:2] if ln.bottom <= _BAND * p.height * 1.4]
    bottom = [ln for ln in ordered[-2:] if ln.top >= (1 - _BAND * 1.4) * p.height]
    return top + [ln for ln in bottom if ln not in top]


def _margins(lines: list[Line], size: float) -> tuple[float, float]:
    """(left, right): the left edge most lines start at, the right edge full lines reach."""
    xs0 = Counter(round(ln.x0 / (size * 0.5)) for ln in lines)
    common = [k for k, n in xs0.items() if n >= max(2, 0.15 * len(lines))]
    left = (min(common) if common else min(xs0)) * size * 0.5
    long = [ln.x1 for ln in lines if len(ln.text.strip()) >= 8] or [ln.x1 for ln in lines]
    m = max(long)
    near = sorted(x for x in long if x >= m - 3 * size)
    right = near[len(near) // 2]
    return left, right


def paragraphs(pages: list[Page]) -> list[str]:
    """Rebuild paragraphs, one string each, in reading order across pages."""
    all_lines = [ln for p in pages for ln in p.lines]
    if not all_lines:
        return []
    sizes = sorted(ln.size for ln in all_lines)
    doc_size = sizes[len(sizes) // 2]
    ems = sorted(em(ln) for ln in all_lines if len(ln.text.strip()) >= 8) or [doc_size]
    body_em = ems[len(ems) // 2]
    # does this document indent the first line of its paragraphs?
    indent_votes = 0
    flush_votes = 0
    per_page: list[tuple[list[Line], float, float, float]] = []
    for p in pages:
        lines = sorted(p.lines, key=lambda ln: (round(ln.top / (doc_size * 0.5)), ln.x0))
        if not lines:
            continue
        size = doc_size
        if len(lines) >= 5:
            left, right = _margins(lines, size)
        else:
            left, right = _margins(all_lines, size)
        per_page.append((lines, left, right, size))
        for ln in lines:
            off = (ln.x0 - left) / size
            if 1.5 <= off <= 2.6 and ln.x1 >= right - 1.5 * size:
                indent_votes += 1
            elif off < 0.5 and ln.x1 >= right - 1.5 * size:
                flush_votes += 1
    indented = indent_votes >= 2 and indent_votes >= 0.05 * (indent_votes + flush_votes)
    paras: list[str] = []
    prev: tuple[Line, float, float, float] | None = None
    for lines, left, right, size in per_page:
        for ln in lines:
            text = ln.text.strip()
            if not text:
                continue
            if prev is not None and paras and (_continues(prev, ln, left, size, indented, text)
                                               or _title_wrap(prev, ln, left, right, body_em)):
                paras[-1] = join_wrapped(paras[-1], text)
            else:
                paras.append(text)
            prev = (ln, left, right, size)
    return paras


def em(line: Line) -> float:
    """Type size from the line's width: a Chinese character is one em wide, a Latin one about half.

    OCR boxes carry padding that blurs their height; the width per character does not.
    """
    text = line.text.strip()
    units = len(text) - 0.5 * len(text.encode("ascii", "ignore"))
    if units < 4:
        return line.size
    return (line.x1 - line.x0) / units


def _title_wrap(prev: tuple[Line, float, float, float], cur: Line, left: float, right: float, body_em: float) -> bool:
    """A title in large type wrapped over centred lines: same size, both centred, close together."""
    pln = prev[0]
    mid = (left + right) / 2
    if abs((pln.x0 + pln.x1) / 2 - mid) > 2 * body_em or abs((cur.x0 + cur.x1) / 2 - mid) > 2 * body_em:
        return False  # not both centred: the cheap test first
    a, b = em(pln), em(cur)
    if min(a, b) < 1.15 * body_em:
        return False
    if len(cur.text.strip()) < 4:
        # a last character or two: its size comes from its box, which OCR pads
        if not 0.8 * a <= b <= 1.5 * a:
            return False
    elif abs(a - b) > 0.2 * max(a, b):
        return False
    centred = all(abs((ln.x0 + ln.x1) / 2 - mid) < 1.5 * a for ln in (pln, cur))
    return centred and 0 <= cur.top - pln.bottom < 1.5 * a


def _continues(prev: tuple[Line, float, float, float], cur: Line, left: float, size: float,
               indented: bool, text: str) -> bool:
    pln, pleft, pright, psize = prev
    reached = pln.x1 >= pright - 1.5 * psize
    if not reached:
        # a forced wrap: the next line starts with what could not be split (a Latin word or
        # number, or an opening bracket that may not end a line) and would not have fitted
        m = _UNBREAKABLE.match(text)
        if m:
            width = sum(0.55 * size if ch.isascii() else size for ch in m.group(0))
            reached = pln.x1 + width > pright - 0.3 * psize
    started = pln.x0 <= pleft + 2.8 * psize  # at the margin or at a first-line indent
    flush = cur.x0 <= left + 0.6 * size
    if not (reached and started and flush):
        return False
    if pln.top <= cur.top and cur.top - pln.bottom > 2.5 * size:
        return False  # a wide vertical gap on the same page separates paragraphs
    if not indented:
        ptext = pln.text.rstrip()
        if ptext.endswith(_SENTENCE_END) or _HEADING.match(text):
            return False
    elif _HEADING.match(text) and pln.text.rstrip().endswith(_SENTENCE_END):
        return False
    return True


def assemble(pages: list[Page]) -> str:
    """The text of laid-out pages: furniture removed, one paragraph per line."""
    return "\n".join(paragraphs(strip_furniture(pages)))
