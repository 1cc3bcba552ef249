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
- a line continues the previous one when it starts at the margin under a line that
  started at the margin or at a first-line indent, without a gap wider than the body's
  line pitch, and the previous line reached the right margin or, in an indented
  document, stopped short without ending a sentence (offices set a fixed number of
  characters per line, so lines holding half-width digits end short; on a detected
  character grid a line holding the full count is full); in documents without
  first-line indents a line after a full sentence starts afresh unless paragraphs are
  set apart by space; headings start paragraphs; table rows (cells more than
  `CELL_GAP` ems apart, written " | ") are paragraphs of their own;
- a two-column page is found by its gutter and read column by column; an 附件 label at
  the top of a page is dropped.

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
    column: int = 0  # 0 or 1 on a two-column page; SPANNING for a line across both (a title, a header)

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
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]{0,2}\s*[：:]?$")
SPANNING = -1
CELL_GAP = 2.5  # ems of empty space between two runs of one row that make them table cells (" | ")
_BAND = 0.09  # share of the page height at top and bottom where running headers and page numbers live


def is_furniture_text(text: str) -> bool:
    """A page number or an 附件 label standing alone (in a PDF band, a Word text box)."""
    t = text.strip()
    return bool(_PAGE_NO.match(t) or _ATTACHMENT_LABEL.match(t))


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


def merge_fragments(fragments: list[Line], gap_space: float = 0.6, width: float | None = None) -> list[Line]:
    """Group fragments on one baseline (PDF runs, OCR boxes) into lines, left to right.

    Two fragments share a line when their vertical extents overlap by more than half of
    the smaller one. A space is inserted between Latin letters or digits when the gap is
    wider than `gap_space` character heights, so
    CJK text split into runs by a font change joins without a stray space; a gap wider
    than one and a half characters gets one, and one wider than `CELL_GAP` (between table
    cells) a " | ". Given the page `width`, a two-column page is recognised by its gutter
    and fragments of different columns never share a line.
    """
    frags = sorted((f for f in fragments if f.text.strip()), key=lambda f: (f.top, f.x0))
    g = gutter([(f.x0, f.x1, f.top, f.bottom) for f in frags], width) if width else None
    if g is not None:
        for f in frags:
            f.column = SPANNING if f.x0 < g < f.x1 else int(f.x0 >= g)
    rows: list[list[Line]] = []
    for f in frags:
        placed = False
        for row in reversed(rows[-6:]):
            ref = row[0]
            overlap = min(ref.bottom, f.bottom) - max(ref.top, f.top)
            if ref.column == f.column and overlap > 0.5 * min(ref.size, f.size):
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
                if gap > CELL_GAP * size:
                    text += " | "  # table cells
                elif gap > 1.5 * size or (latin and gap > gap_space * size):
                    text += " "  # Latin words and wide gaps keep a separator
            text += piece
        out.append(Line(text, min(f.x0 for f in row), max(f.x1 for f in row),
                        min(f.top for f in row), max(f.bottom for f in row), row[0].column))
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
        label = _attachment_label(p)
        kept = []
        for ln in p.lines:
            if ln is lone or ln is label:
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


def _attachment_label(p: Page) -> Line | None:
    """The page's topmost line when it is only an 附件 label (a report sent as a notice's attachment)."""
    first = min((ln for ln in p.lines if ln.text.strip()), key=lambda ln: ln.top, default=None)
    if first is not None and _ATTACHMENT_LABEL.match(first.text.strip()) and first.top < 0.3 * p.height:
        return first
    return None


def gutter(pieces: list[tuple[float, float, float, float]], width: float) -> float | None:
    """The x of the gap between two columns of text, or None for a one-column page.

    `pieces` are (x0, x1, top, bottom) of runs of text without a wide gap inside (PDF
    characters grouped at gaps of 1.5 em, OCR boxes). A gutter is a vertical band in the
    middle two fifths of the page that almost no piece crosses (a title or a running
    header may), with prose-wide pieces on each side (five rows on one, two on the other),
    so a table with narrow cells is not read as columns.
    """
    if len(pieces) < 10 or width <= 0:
        return None
    heights = sorted(b - t for _a, _b, t, b in pieces)
    em_ = max(heights[len(heights) // 2], 1e-6)
    lo, hi = 0.3 * width, 0.7 * width
    step = max(em_ / 4, width / 400)
    xs = [lo + k * step for k in range(int((hi - lo) / step) + 1)]
    body = [pc for pc in pieces if pc[3] - pc[2] <= 1.3 * em_]  # a title in large type may cross
    crossing = [sum(1 for a, b, _t, _b in body if a < x < b) for x in xs]
    least = min(crossing)
    if least > 0.1 * len(pieces):
        return None
    # runs of least crossing; the gutter is the one that most pieces end just before and
    # start just after (the lines of both columns), not the blank under a short column
    runs_: list[tuple[int, int]] = []  # (first, last) index into xs
    for k, c in enumerate(crossing):
        if c == least:
            if runs_ and runs_[-1][1] == k - 1:
                runs_[-1] = (runs_[-1][0], k)
            else:
                runs_.append((k, k))

    def aligned(run: tuple[int, int]) -> int:
        x0, x1 = xs[run[0]], xs[run[1]]
        ends = sum(1 for _a, b, _t, _b in pieces if x0 - 1.5 * em_ <= b <= x0 + step)
        starts = sum(1 for a, _b, _t, _b2 in pieces if x1 - step <= a <= x1 + 1.5 * em_)
        return min(ends, starts)

    run = max(runs_, key=aligned)
    if (run[1] - run[0] + 1) * step < 0.5 * em_ or aligned(run) < 2:  # closing marks hang into the gutter
        return None
    g = (xs[run[0]] + xs[run[1]]) / 2
    left = [b - a for a, b, _t, _b in pieces if b <= g]
    right = [b - a for a, b, _t, _b in pieces if a >= g]
    if min(len(left), len(right)) < 2 or max(len(left), len(right)) < 5:
        return None  # a last page may hold two lines in its right column
    for side, span in ((left, g), (right, width - g)):
        side = sorted(side)
        if side[len(side) // 2] < 0.35 * span:
            return None
    return g


def reading_order(lines: list[Line], unit: float) -> list[Line]:
    """A page's lines in reading order: top to bottom, and on a two-column page the left
    column before the right one between lines that span both."""
    ordered = sorted(lines, key=lambda ln: (round(ln.top / (unit * 0.5)), ln.x0))
    if all(ln.column == 0 for ln in ordered):
        return ordered
    out: list[Line] = []
    pending: dict[int, list[Line]] = {0: [], 1: []}
    for ln in ordered:
        if ln.column == SPANNING:
            out += pending[0] + pending[1]
            pending = {0: [], 1: []}
            out.append(ln)
        else:
            pending[min(ln.column, 1)].append(ln)
    return out + pending[0] + pending[1]


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
    long = sorted((ln.x1 for ln in lines if len(ln.text.strip()) >= 8), reverse=True) or [ln.x1 for ln in lines]
    # the rightmost edge that a fifth of the lines reach: a wide title or table does not set it
    need = max(2, 0.2 * len(long)) if len(long) >= 3 else 1
    for m in long:
        near = sorted(x for x in long if m - 3 * size <= x <= m)
        if len(near) >= need:
            return left, near[len(near) // 2]
    m = long[0]
    near = sorted(x for x in long if x >= m - 3 * size)
    return left, near[len(near) // 2]


def paragraphs(pages: list[Page]) -> list[str]:
    """Rebuild paragraphs, one string each, in reading order across pages and columns."""
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
    runs: list[tuple[list[Line], float, float, float]] = []  # a column of a page: lines, margins, size
    pitches: list[float] = []
    for p in pages:
        lines = reading_order(p.lines, doc_size)
        if not lines:
            continue
        size = doc_size
        margins: dict[int, tuple[float, float]] = {}
        for col in sorted({ln.column for ln in lines} - {SPANNING}):
            mine = [ln for ln in lines if ln.column == col]
            if len(mine) >= 5:
                margins[col] = _margins(mine, size)
            elif col == 1 and 0 in margins:  # a right column of a few lines: as wide as the left one
                x0 = min(ln.x0 for ln in mine)
                margins[col] = (x0, x0 + margins[0][1] - margins[0][0])
            else:
                margins[col] = _margins(all_lines, size)
        if any(ln.column == SPANNING for ln in lines):  # a title over both columns: the page's margins
            sides = [margins[c] for c in (0, 1) if c in margins] or [_margins(lines, size)]
            margins[SPANNING] = (sides[0][0], sides[-1][1])
        col = None
        for ln in lines:
            if ln.column != col:
                col = ln.column
                runs.append(([], *margins[col], size))
            runs[-1][0].append(ln)
        for col, (left, right) in margins.items():
            mine = [ln for ln in lines if ln.column == col]
            for a, b in zip(mine, mine[1:]):
                d = b.top - a.top
                if size < d < 3 * size:
                    pitches.append(d)
            for ln in mine:
                off = (ln.x0 - left) / size
                if 1.5 <= off <= 2.6 and ln.x1 >= right - 1.5 * size:
                    indent_votes += 1
                elif off < 0.5 and ln.x1 >= right - 1.5 * size:
                    flush_votes += 1
    indented = indent_votes >= 2 and indent_votes >= 0.05 * (indent_votes + flush_votes)
    slots = _grid_slots(runs)
    pitches.sort()
    pitch = pitches[len(pitches) // 4] if pitches else 0.0  # a lower quartile: short paragraphs set apart
    # by space make half the distances paragraph gaps
    spaced = not indented and _spaced(runs, pitch)
    paras: list[str] = []
    prev: tuple[Line, float, float, float] | None = None
    for lines, left, right, size in runs:
        for ln in lines:
            text = ln.text.strip()
            if not text:
                continue
            if prev is not None and paras and (_continues(prev, ln, left, size, indented, text, pitch, spaced, slots)
                                               or _title_wrap(prev, ln, left, right, body_em)):
                paras[-1] = join_wrapped(paras[-1], text)
            else:
                paras.append(text)
            prev = (ln, left, right, size)
    return paras


def _spaced(runs: list[tuple[list[Line], float, float, float]], pitch: float) -> bool:
    """Does the document set its paragraphs apart by space? Judged where a paragraph
    plainly ends: a line stopping short after a full stop, with a line at the margin below."""
    ends = apart = 0
    for lines, _left, right, size in runs:
        for a, b in zip(lines, lines[1:]):
            if a.column != b.column or b.top <= a.top or not a.text.rstrip().endswith(_SENTENCE_END):
                continue
            if a.x1 < right - 3 * size:
                ends += 1
                apart += b.top - a.top > 1.3 * pitch
    return pitch > 0 and apart >= 2 and apart >= 0.6 * ends


def _slots_used(ln: Line, left: float, size: float) -> int:
    """Characters on the line, half-width ones included, plus the two of a first-line indent."""
    off = (ln.x0 - left) / size
    return len(ln.text.replace(" ", "")) + (2 if 1.5 <= off <= 2.6 else 0)


def _grid_slots(runs: list[tuple[list[Line], float, float, float]]) -> int:
    """Characters per line when the document is set on a character grid, else 0.

    On a grid every full line holds the same number of characters (one more with a
    hanging closing mark), so a full line with four half-width digits ends two cells
    short of the margin. Set proportionally, such a line would have taken more characters
    and reached the margin. So: the commonest count among lines reaching the margin, when
    short lines with four or more half-width characters hold that count more often than
    such lines reach the margin.
    """
    full: list[int] = []
    short_rich: list[int] = []
    full_rich = 0
    for lines, left, right, size in runs:
        for ln in lines:
            if ln.column == SPANNING or " | " in ln.text:
                continue
            half = sum(ch.isascii() for ch in ln.text.replace(" ", ""))
            used = _slots_used(ln, left, size)
            if ln.x1 >= right - 1.5 * size:
                full.append(used)
                full_rich += half >= 4
            elif half >= 4:
                short_rich.append(used)
    if len(full) < 8:
        return 0
    m = Counter(full).most_common(1)[0][0]
    if sum(1 for c in full if c in (m, m + 1)) < 0.8 * len(full):
        return 0
    held = sum(1 for c in short_rich if c in (m, m + 1))
    return m if held >= 3 and held > 2 * full_rich else 0


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
    if " | " in pln.text or " | " in cur.text:
        return False  # table rows spread over the width are not a title
    mid = (left + right) / 2
    if abs((pln.x0 + pln.x1) / 2 - mid) > 2 * body_em or abs((cur.x0 + cur.x1) / 2 - mid) > 2 * body_em:
        return False  # not both centred: the cheap test first
    a, b = em(pln), em(cur)
    if min(a, b) < 1.15 * body_em or cur.size < 0.85 * pln.size:
        return False  # a body line spread to the margin measures large by width, not by height
    n = len(cur.text.strip())
    if n < 4:
        # a last character or two: its size comes from its box, which OCR pads on every
        # side alike, so the width less the height leaves n - 1 characters' advance
        if n >= 2 and cur.x1 - cur.x0 > cur.size:
            b = min(b, (cur.x1 - cur.x0 - cur.size) / (n - 1))
        if not 0.8 * a <= b <= 1.5 * a:
            return False
    elif abs(a - b) > 0.2 * max(a, b):
        return False
    if cur.x1 >= right - 0.5 * body_em and cur.x0 - left > 1.5 * body_em:
        return False  # an indented body line spread to the margin looks centred too
    centred = all(abs((ln.x0 + ln.x1) / 2 - mid) < 1.5 * a for ln in (pln, cur))
    return centred and 0 <= cur.top - pln.bottom < 1.5 * a


def _continues(prev: tuple[Line, float, float, float], cur: Line, left: float, size: float,
               indented: bool, text: str, pitch: float = 0.0, spaced: bool = False, slots: int = 0) -> bool:
    """Does `cur` go on with the paragraph `prev` belongs to?

    It does when it starts at the margin under a line that started at the margin or at a
    first-line indent, close below it (not after a gap wider than the body's line pitch),
    and the previous line either reached the right margin or (in a document that indents
    its paragraphs) stopped short without ending a sentence: offices set a fixed number of
    characters per line, so a line holding half-width digits and commas ends short. A
    heading starts a paragraph; a table row (cells separated by " | ") is one. In a document
    that sets paragraphs apart by space (`spaced`), a full line ending a sentence goes on.
    On a character grid (`slots` characters a line) a line holding that many is full
    however short half-width digits make it.
    """
    pln, pleft, pright, psize = prev
    ptext = pln.text.rstrip()
    if " | " in text or " | " in ptext:
        return False
    started = pln.x0 <= pleft + 2.8 * psize  # at the margin or at a first-line indent
    flush = cur.x0 <= left + 0.6 * size
    if not (started and flush):
        return False
    if pln.column == cur.column and pln.top <= cur.top:
        gap_limit = 1.3 * pitch if pitch else 2.5 * size + pln.size
        if cur.top - pln.top > max(gap_limit, pln.size + 0.5 * size):
            return False  # a wide vertical gap on the same page separates paragraphs
    reached = pln.x1 >= pright - 1.5 * psize
    if not reached:
        # a forced wrap: the next line starts with what could not be split (a Latin word or
        # number, or an opening bracket that may not end a line) and would not have fitted
        m = _UNBREAKABLE.match(text)
        if m:
            width = sum(0.55 * size if ch.isascii() else size for ch in m.group(0))
            reached = pln.x1 + width > pright - 0.3 * psize
    if not reached and slots:
        reached = _slots_used(pln, pleft, psize) >= slots
    ends = ptext.endswith(_SENTENCE_END)
    if _HEADING.match(text) and (ends or not reached):
        return False
    if reached:
        return indented or spaced or not ends
    if ends or (not indented and _HEADING.match(ptext)):
        return False
    # short without ending a sentence: a wrapped line of a fixed-count layout when it still
    # fills most of the line; a caption, a name or a heading without numbering when not
    share = (pln.x1 - pleft) / max(pright - pleft, 1e-6)
    return share >= (0.45 if indented else 0.75)


def assemble(pages: list[Page]) -> str:
    """The text of laid-out pages: furniture removed, one paragraph per line."""
    return "\n".join(paragraphs(strip_furniture(pages)))
