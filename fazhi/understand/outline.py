"""The outline: headings at every level, their spans, and the 一是/二是 enumerations.

Reports number their headings 一、 / (一) / 1. / 1.1 / (1) / ①, sometimes start with 第一部分,
and list points with 一是、二是 either at the start of a paragraph or inline. Some head
their parts with a title in 【】 or after a symbol (◆) and no numeral, or number them after a label word
(关键词一：…), and some print a numeral (第一部分, 一、) on a line of its own with the title
on the next line. A heading
often runs into its paragraph on the same line (一、标题。正文…, or 标题一是… with no full
stop), and a top-level heading sometimes lost its numeral in publishing. Levels follow
nesting, not a fixed table, so a report whose top level is (一) still gets level 1.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load as load_data
from ..record import Section
from .numerals import parse_cn_int
from .page import iter_lines

CN = "一二三四五六七八九十"
# the numerals of accounts (壹、贰、叁、): some reports number their top level so
CN_UPPER = "壹贰叁肆伍陆柒捌玖拾"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (style, rank, pattern). Lower rank = higher in the hierarchy.
_STYLES: list[tuple[str, int, re.Pattern[str]]] = [
    ("第一部分", 0, re.compile(rf"^第([{CN}]{{1,3}})(?:部分|章|篇)\s*[、:.,\s]?\s*")),
    ("一、", 1, re.compile(rf"^([{CN}]{{1,3}}|[{CN_UPPER}]{{1,2}})\s*(?:、|[.,](?!\d))(?![{CN}][、,])\s*")),
    ("(一)", 2, re.compile(rf"^\(\s*([{CN}]{{1,3}})\s*\)\s*[、.,]?\s*")),
    ("1.", 3, re.compile(r"^(\d{1,2})\s*(?:[.、](?!\d)|[.、](?=(?:19|20)\d\d\s*年)|,(?=[\u4e00-\u9fff]))\s*")),
    ("(1)", 4, re.compile(r"^\(\s*(\d{1,2})\s*\)\s*[、.]?\s*")),
    ("①", 5, re.compile(rf"^([{CIRCLED}])\s*[、.]?\s*")),
    ("一是", 6, re.compile(rf"^([{CN}]{{1,3}})是(?=[^,。;:])")),
]
_RANK = {s: r for s, r, _ in _STYLES}
_RANK["01|"] = 1  # PADDED_STYLE below: a report's top level
# a numeral standing alone on its line, its title on the next line (第一部分 / 2023年工作情况)
_LONE_NUMERAL = re.compile(rf"^(?:第[{CN}]{{1,3}}(?:部分|章|篇)|[{CN}]{{1,3}}、|\(\s*[{CN}]{{1,3}}\s*\))$")
# a part headed by its title in 【】 with no numeral (【存在的问题】), alone or run into its text
_BRACKET_HEAD = re.compile(r"^【([^【】\n]{2,30})】\s*")
_BRACKET = "【】"
# a part headed by a symbol and its title, no numeral (◆ 2024年主要工作, ■ 存在的不足): the style is
# "sym:" + the symbol, so that only headings led by one symbol are siblings, and a symbol heads
# parts only when it leads two such lines or more (one is a news page's byline: ■ 某市司法局).
# ● and · are left out: reports lead the items of a list with them, sentences rather than
# titles; □ too: it stands for a character a page could not show
_SYMBOL_HEAD = re.compile(r"^([◆◇■▲△★☆▶►◎])[ \t\u3000]*(?=\S)")
SYMBOL_STYLE = "sym:"
# the part of a 【】 title between commas, when a title is a pair of short clauses (【抓学习,强能力】)
_BRACKET_CLAUSE = re.compile(r"[\u4e00-\u9fff]{2,12}")
# where 【】 and labelled headings sit: above a report's numbered top level when they come
# first, else between 一、 and (一)
_BRACKET_TOP, _BRACKET_MID = 0.5, 1.5
# a heading numbered after a label word, alone on its line with its title after a colon
# (关键词一：科学决策, 板块二：严格执法); its style is "label:" + the label, so that only
# headings of one label are siblings
_LABELLED = re.compile(rf"^([\u4e00-\u9fff]{{2,4}}?)([{CN}]{{1,3}})\s*[:：]\s*(\S[^。!?;:：,，]{{1,29}})$")
_LABEL_STYLE = "label:"
# an entry of a table of contents above the text (一、主要举措和成效……………1): dotted leaders
# and a page number end it; it repeats a heading, it is none
TOC_ENTRY = re.compile(r"(?:…{2,}|\.{6,}|·{4,}|-{6,})\s*\d{1,3}\s*$")
# the hashes that open a heading of a page kept as Markdown
_MARKDOWN_HASHES = re.compile(r"^#{1,6}\s+")
# a top-level numeral parted from its title by a space only, on a short line of its own
# (一　主要工作和成效): the title holds no sentence punctuation
_SPACED_TOP = re.compile(rf"^([{CN}]{{1,3}})[ \t\u3000]+((?:[\u4e00-\u9fff]|(?:19|20)\d\d\s*年)[^,，、]{{1,29}})$")
# a top-level heading numbered like a magazine's parts, a two-digit numeral and a bar (01｜主要成效,
# 02 | 存在的问题) or a zero-padded numeral and a space (03　工作打算), its title alone on the line
_PADDED_HEAD = re.compile(r"^(?:(\d{1,2})[ \t\u3000]*[|丨│]|(0[1-9])[ \t\u3000]+)[ \t\u3000]*(?=[\u4e00-\u9fff]|(?:19|20)\d\d\s*年)")
PADDED_STYLE = "01|"
# a heading numbered with its part's number and its own after a point (1.1 依法履行政府职能, 2.3
# 严格执法): one level under the 1. parts. Not a decimal (1.5万人次, 2.3个百分点): a unit or a
# numeral after the number is none
_DECIMAL_HEAD = re.compile(r"^(\d{1,2})\.(\d{1,2})(?![\d.%])[ \t\u3000]*(?=[\u4e00-\u9fff])(?![万亿千百十个件人次元倍余多年月日])")
DECIMAL_STYLE = ".x"
_DECIMAL_RANK = 3.5
# a numbered heading whose title opens with its year (1、2023年工作开展情况, 1.2025年主要举措), not a
# number run (1、2月) or a decimal (1.5万)
_YEAR_TITLE = re.compile(r"(?:19|20)\d\d\s*年")

# a heading's title ends at a sentence end, a colon, or an inline 一是 that starts its text
_TITLE_END = re.compile(rf"[。!?;:]|(?<=[\u4e00-\u9fff\)”》])(?=[{CN}]是[^,。;:])")
_INLINE_ENUM = re.compile(rf"([{CN}]{{1,3}})是(?=[^,。;:])")
# characters that make 一是 part of a word rather than an enumeration marker
_ENUM_BLOCKERS = set("统唯之第同万划单专逐这就也还即而或则但总只可不均凡要")
_SENTENCE_PUNCT = re.compile(r"[。!?;:]")


@dataclass
class _Head:
    style: str
    number: int | None
    numeral: str | None
    start: int  # line start
    title_start: int
    title_end: int
    line_end: int
    implied_number: int | None = None
    rank: float | None = None  # set for 【】 headings, whose place depends on the report


@lru_cache(maxsize=1)
def _appendix() -> re.Pattern[str]:
    return re.compile(load_data("structure.toml")["outline"]["appendix"])


def _appendix_start(lines: list[tuple[int, int, str]], heads: list[_Head]) -> int | None:
    """Where an appendix begins: a 附： line after the first heading with no heading of the
    first heading's style after it (an appendix in the middle of the parts is not one)."""
    if not heads:
        return None
    top = heads[0]
    pat = _appendix()
    for s, _e, line in lines:
        if s > top.start and pat.match(line):
            if any(h.start > s and h.style == top.style for h in heads):
                return None
            return s
    return None


@lru_cache(maxsize=1)
def _bracket_not_heading() -> re.Pattern[str]:
    return re.compile(load_data("structure.toml")["outline"]["bracket_not_heading"])


def _bracket_heading(stripped: str, offset: int, lead: int, line_len: int) -> _Head | None:
    """A 【title】 heading: its words read like a heading's (mostly Chinese, no sentence
    punctuation, a year allowed), and are not a page's buttons or a drafter's prompt."""
    m = _BRACKET_HEAD.match(stripped)
    if not m:
        return None
    title = m.group(1).strip()
    if _SENTENCE_PUNCT.search(title) or "、" in title or _bracket_not_heading().search(title):
        return None
    if "," in title and not (title.count(",") <= 2 and all(_BRACKET_CLAUSE.fullmatch(c) for c in title.split(","))):
        return None  # a comma only between the short clauses of a paired title (【抓决策,守程序】)
    words = _YEAR_TITLE.sub("年", title, count=1)
    if sum(1 for c in words if "\u4e00" <= c <= "\u9fff") < max(2, 0.8 * len(words.replace(" ", ""))):
        return None
    a = offset + lead + 1
    return _Head(_BRACKET, None, None, offset, a, a + len(m.group(1)), offset + line_len)


def _symbol_heading(stripped: str, offset: int, lead: int, line_len: int) -> _Head | None:
    """A symbol and a title on a line of its own (◆ 存在的不足): the title reads like a
    heading that lost its numeral (short, no sentence punctuation, mostly Chinese)."""
    m = _SYMBOL_HEAD.match(stripped)
    if not m or not _is_bare_heading(stripped[m.end():]):
        return None
    a = offset + lead + m.end()
    return _Head(SYMBOL_STYLE + m.group(1), None, None, offset, a, a + len(stripped[m.end():].rstrip()), offset + line_len)


def unnumbered(style: str) -> bool:
    """Whether headings of this style carry no numeral by design (【】, ◆ …), so their
    numbering is never checked."""
    return style == _BRACKET or style.startswith(SYMBOL_STYLE)


def _number(style: str, token: str) -> int | None:
    if style in ("1.", "(1)"):
        return int(token)
    if style == "①":
        return CIRCLED.index(token) + 1
    return parse_cn_int(token)


def _match_heading(line: str, offset: int) -> _Head | None:
    stripped = line.lstrip(" ")
    if stripped.startswith("#"):
        stripped = _MARKDOWN_HASHES.sub("", stripped, count=1)  # ## 一、… of a page kept as Markdown
    lead = len(line) - len(stripped)
    if stripped.startswith("【"):
        return _bracket_heading(stripped, offset, lead, len(line))
    if _SYMBOL_HEAD.match(stripped):
        return _symbol_heading(stripped, offset, lead, len(line))
    dec = _DECIMAL_HEAD.match(stripped)
    if dec:
        rest = stripped[dec.end():]
        t = _TITLE_END.search(rest)
        title_len = t.start() if t else len(rest.rstrip())
        if 2 <= title_len <= 30 and "," not in rest[:title_len]:
            a = offset + lead + dec.end()
            return _Head(dec.group(1) + DECIMAL_STYLE, int(dec.group(2)), dec.group(0).strip(), offset, a,
                         a + title_len, offset + len(line), rank=_DECIMAL_RANK)
        return None
    padded = _PADDED_HEAD.match(stripped)
    if padded and _is_bare_heading(stripped[padded.end():]) and not re.search("[|丨│]", stripped[padded.end():]):
        a = offset + lead + padded.end()
        return _Head(PADDED_STYLE, int(padded.group(1) or padded.group(2)), padded.group(0).strip(), offset, a,
                     a + len(stripped[padded.end():].rstrip()), offset + len(line))
    spaced = _SPACED_TOP.match(stripped)
    if spaced and not _SENTENCE_PUNCT.search(spaced.group(2)):
        number = parse_cn_int(spaced.group(1))
        if number:
            a = offset + lead + spaced.start(2)
            return _Head("一、", number, spaced.group(1), offset, a, a + len(spaced.group(2).rstrip()), offset + len(line))
    for style, _rank, pat in _STYLES:
        m = pat.match(stripped)
        if not m:
            continue
        number = _number(style, m.group(1))
        if number is None or number == 0:
            return None
        body_start = offset + lead + m.end()
        rest = stripped[m.end():]
        if style == "一是":
            # a paragraph that starts with 一是: its title is its first sentence (or clause)
            t = _SENTENCE_PUNCT.search(rest)
            title_len = t.start() if t else min(len(rest), 40)
            return _Head(style, number, m.group(0).strip(), offset, offset + lead, offset + lead + m.end() + title_len,
                         offset + len(line))
        if not rest.strip():
            return None
        t = _TITLE_END.search(rest)
        title_len = t.start() if t else len(rest.rstrip())
        if title_len == 0:
            return None
        if style in ("1.", "(1)") and rest[:1].isdigit() and not _YEAR_TITLE.match(rest):
            return None
        return _Head(style, number, m.group(0).strip(), offset, body_start, body_start + title_len, offset + len(line))
    return None


def _is_bare_heading(line: str) -> bool:
    """A short standalone line that reads like a heading (a heading that lost its numeral)."""
    s = line.strip()
    if not (4 <= len(s) <= 40):
        return False
    if s[-1] in "。:;,、!?" or _SENTENCE_PUNCT.search(s):
        return False
    # a year opening the title (2024年工作安排) is part of a heading's words, not a sign of prose
    words = _YEAR_TITLE.sub("年", s, count=1)
    cjk = sum(1 for c in words if "\u4e00" <= c <= "\u9fff")
    if cjk < 0.7 * len(words.replace(",", "").replace(" ", "")):
        return False
    if re.search(r"\d{4}\s*年\s*\d{1,2}\s*月", s):
        return False
    return True


def _clean_title(text: str, a: int, b: int) -> tuple[str, int, int]:
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t。.,":
        b -= 1
    return text[a:b], a, b


# Where a heading starts inside a run-together paragraph: a 一、 or 第一部分 after a sentence end
# (or the colon of 现将有关情况报告如下：); a (一) after a sentence end or straight after the words
# of the heading above it.
_FLAT_TOP = re.compile(rf"(?<=[。!?:])\s*(?=第[{CN}]{{1,3}}(?:部分|章)|[{CN}]{{1,3}}、)")
_FLAT_SPLIT = re.compile(rf"{_FLAT_TOP.pattern}"
                         rf"|(?<=[。!?;:])\s*(?=\([{CN}]{{1,3}}\))|(?<=[\u4e00-\u9fff”》])(?<!第)(?=\([{CN}]{{1,3}}\))")
_FLAT_LINE = 300  # only lines at least this long can be several paragraphs run together
# ... or a shorter one whose top-level numerals after sentence ends count up one by one (……。二、…
# 。三、…。四、…: the tail of a report that lost its line breaks)
_FLAT_SHORT = 40
_FLAT_NUMERAL = re.compile(rf"第?([{CN}]{{1,3}})(?:部分|章|、)")


def body_lines(work: str, body_start: int, body_end: int) -> list[tuple[int, int, str]]:
    """The body's non-empty lines. A page that lost its line breaks runs a report together
    into a few huge lines (some site templates and copy-pastes leave it so): a long line in
    which two top-level headings begin after sentence ends is cut where each heading begins,
    so the outline is found all the same. Ordinary paragraphs are never cut."""
    out: list[tuple[int, int, str]] = []
    for s, e, line in iter_lines(work):
        if s < body_start or e > body_end or not line.strip():
            continue
        if len(line) < _FLAT_SHORT or (len(_FLAT_TOP.findall(line)) < 2 if len(line) >= _FLAT_LINE
                                        else not _counts_up(line)):
            out.append((s, e, line))
            continue
        cuts = [0] + [m.start() for m in _FLAT_SPLIT.finditer(line) if m.start() > 0] + [len(line)]
        for a, b in zip(cuts, cuts[1:]):
            if line[a:b].strip():
                out.append((s + a, s + b, line[a:b]))
    return out


def _counts_up(line: str) -> bool:
    """Whether `line` holds two or more top-level numerals, the one opening it and those after
    its sentence ends, and they count up by one (二、…。三、…)."""
    first = _FLAT_NUMERAL.match(line.lstrip())
    nums = [parse_cn_int(first.group(1))] if first else []
    for m in _FLAT_TOP.finditer(line):
        n = _FLAT_NUMERAL.match(line, m.end())
        nums.append(parse_cn_int(n.group(1)) if n else None)
    return len(nums) >= 2 and None not in nums and all(b == a + 1 for a, b in zip(nums, nums[1:]))


def parse(work: str, body_start: int, body_end: int, skip: list[tuple[int, int]] = (),
          hints: list[dict] = ()) -> tuple[list[Section], list[dict]]:
    """Sections in reading order, and the 一是/二是 markers found in the body."""
    heads: list[_Head] = []
    bare: list[tuple[int, int, int]] = []  # (index into heads order, line start, line end)
    hinted: list[tuple[int, int]] = []
    hint_starts = {h["start"]: h for h in hints or ()}
    lines = body_lines(work, body_start, body_end)
    taken = -1  # the end of a line already read as the title of the numeral above it
    for i, (s, e, line) in enumerate(lines):
        if s < taken or any(a <= s < b for a, b in skip) or TOC_ENTRY.search(line):
            continue
        h = _match_heading(line, s) or _lone_numeral(lines, i)
        if h is not None:
            taken = h.line_end
            heads.append(h)
        elif s in hint_starts or s + (len(line) - len(line.lstrip())) in hint_starts:
            # a heading by its style (DOCX): first a candidate for a lost numeral, else a heading of its own
            hinted.append((s, e))
            bare.append((len(heads), s, e))
        elif _is_bare_heading(line):
            bare.append((len(heads), s, e))
    symbols = {h.style for h in heads if h.style.startswith(SYMBOL_STYLE)}
    if symbols:
        lone = {st for st in symbols if sum(h.style == st for h in heads) < 2}
        heads = [h for h in heads if h.style not in lone]
    if sum(h.style == PADDED_STYLE for h in heads) == 1:
        heads = [h for h in heads if h.style != PADDED_STYLE]  # one 01｜ line is a label, not a numbered outline
    heads = _promote_bare(heads, bare, work, lines)
    promoted = {h.start for h in heads if h.implied_number is not None}
    for s, e in hinted:
        if s not in promoted:
            line = work[s:e]
            lead = len(line) - len(line.lstrip())
            heads.append(_Head("hint", None, None, s, s + lead, s + len(line.rstrip()), e))
    heads += _labelled_heads(lines, {h.start for h in heads}, skip)
    heads.sort(key=lambda h: h.start)
    appendix = _appendix_start(lines, heads)
    if appendix is not None:
        heads = [h for h in heads if h.start < appendix]
    _rank_brackets(heads)
    sections = _nest(heads, work, body_end if appendix is None else appendix)
    enums = _enumerations(work, body_start, body_end, sections)
    return sections, enums


def _lone_numeral(lines: list[tuple[int, int, str]], i: int) -> _Head | None:
    """第一部分 (or 一、) alone on its line, and the next line reads like a heading's title:
    one heading whose title is that next line."""
    s, e, line = lines[i]
    stripped = line.strip()
    if not _LONE_NUMERAL.match(stripped) or i + 1 >= len(lines):
        return None
    ns, ne, nxt = lines[i + 1]
    if not _is_bare_heading(nxt) or _match_heading(nxt, ns) is not None:
        return None
    style = next(st for st, _r, pat in _STYLES if pat.match(stripped))
    number = _number(style, re.search(rf"[{CN}]+", stripped).group(0))
    if not number:
        return None
    lead = len(nxt) - len(nxt.lstrip())
    return _Head(style, number, stripped, s, ns + lead, ns + len(nxt.rstrip()), ne)


def _labelled_heads(lines: list[tuple[int, int, str]], taken: set[int], skip) -> list[_Head]:
    """Headings numbered after a label word (关键词一：科学决策 … 关键词二：严格执法): short lines
    with no sentence in them, at least two of one label. A label met once is a sentence's
    opening (原因一：…), not a heading."""
    found: dict[str, list[_Head]] = {}
    for s, e, line in lines:
        if s in taken or any(a <= s < b for a, b in skip):
            continue
        stripped = line.strip()
        m = _LABELLED.match(stripped)
        if m is None:
            continue
        number = parse_cn_int(m.group(2))
        if not number:
            continue
        lead = len(line) - len(line.lstrip())
        a = s + lead + m.start(3)
        found.setdefault(m.group(1), []).append(
            _Head(_LABEL_STYLE + m.group(1), number, stripped[:m.start(3)].strip(), s, a, a + len(m.group(3).rstrip()), e))
    return [h for group in found.values() if len(group) >= 2 for h in group]


def _rank_brackets(heads: list[_Head]) -> None:
    """Place 【】 and labelled headings: at the top when no numbered top-level heading comes
    before the first of them, else as the level under the numbered top level (一、 → 【】 → (一))."""
    def unnumbered_style(h: _Head) -> bool:
        return unnumbered(h.style) or h.style.startswith(_LABEL_STYLE)
    first = next((k for k, h in enumerate(heads) if unnumbered_style(h)), None)
    if first is None:
        return
    under = any(h.style in ("第一部分", "一、", PADDED_STYLE) for h in heads[:first])
    # several such styles nest in the order they first appear (◆ 主要工作 above 【抓学习】)
    order: dict[str, int] = {}
    for h in heads:
        if unnumbered_style(h):
            k = order.setdefault(h.style, len(order))
            h.rank = (_BRACKET_MID if under else _BRACKET_TOP) + 0.1 * min(k, 4)


def _promote_bare(heads: list[_Head], bare: list[tuple[int, int, int]], work: str, lines) -> list[_Head]:
    """Give back their place to top-level headings that lost the numeral.

    A bare line is promoted when the top numbered style is missing a number exactly where
    the bare line stands (一、 is absent before 二、, or 二、 between 一、 and 三、) and the
    bare line is followed by a heading of the next style down or stands alone between
    paragraphs. We never invent a heading where the numbering has no gap.
    """
    tops = [h for h in heads if h.style in ("第一部分", "一、")]
    if not tops or not bare:
        return heads
    style = min((h.style for h in tops), key=lambda s: _RANK[s])
    numbered = [(i, h) for i, h in enumerate(heads) if h.style == style]
    promote: list[tuple[int, int, int, int]] = []  # (insert index, line start, line end, number)
    prev_idx, prev_num = -1, 0
    for idx, h in numbered + [(len(heads), None)]:
        expected = prev_num + 1
        missing = (h.number - expected) if h is not None else 0
        if missing > 0:
            cands = [b for b in bare if prev_idx < b[0] <= idx and (prev_idx >= 0 or b[0] > 0 or _followed_by_sub(heads, b[0], style))]
            if prev_idx < 0:
                # before the first numbered heading only a bare line directly followed by a sub-heading counts
                cands = [b for b in cands if _followed_by_sub(heads, b[0], style)]
            for k, b in enumerate(cands[-missing:]):
                promote.append((b[0], b[1], b[2], expected + k))
        if h is not None:
            prev_idx, prev_num = idx, h.number or prev_num
    if not promote:
        return heads
    out = list(heads)
    for ins, s, e, num in sorted(promote, reverse=True):
        line = work[s:e]
        lead = len(line) - len(line.lstrip())
        out.insert(ins, _Head(style, None, None, s, s + lead, s + len(line.rstrip()), e, implied_number=num))
    return out


def _followed_by_sub(heads: list[_Head], idx: int, style: str) -> bool:
    return idx < len(heads) and _RANK.get(heads[idx].style, 9) > _RANK[style] and heads[idx].style != "一是"


def _nest(heads: list[_Head], work: str, body_end: int) -> list[Section]:
    sections: list[Section] = []
    stack: list[tuple[int, int]] = []  # (rank, index into sections)
    for h in heads:
        rank = h.rank if h.rank is not None else _RANK.get(h.style, 3)
        if h.style == "hint":
            rank = 1
        while stack and stack[-1][0] >= rank:
            # a section ends where the next section of the same or a higher level begins
            sections[stack.pop()[1]].end = h.start
        level = len(stack) + 1
        title, ts, te = _clean_title(work, h.title_start, h.title_end)
        sec = Section(title=title, numeral=h.numeral, level=level, start=h.start, end=body_end,
                      title_start=ts, title_end=te, style=h.style, number=h.number, implied_number=h.implied_number,
                      parent=stack[-1][1] if stack else None)
        sections.append(sec)
        stack.append((rank, len(sections) - 1))
    return sections


def chain(sections: list[Section], pos: int) -> list[Section]:
    """The sections holding `pos`, innermost first (a parent chain, found by bisection)."""
    i = bisect.bisect_right(sections, pos, key=lambda s: s.start) - 1
    out = []
    while i is not None and i >= 0:
        s = sections[i]
        if s.start <= pos < s.end:
            out.append(s)
        i = s.parent
    return out


def innermost(sections: list[Section], pos: int, skip_enum: bool = True) -> Section | None:
    for s in chain(sections, pos):
        if not (skip_enum and s.style == "一是"):
            return s
    return None


def _enumerations(work: str, body_start: int, body_end: int, sections: list[Section]) -> list[dict]:
    out = []
    for m in _INLINE_ENUM.finditer(work, body_start, body_end):
        token = m.group(1)
        n = parse_cn_int(token)
        if n is None or n == 0 or len(token) > 1 and n < 10:
            continue
        prev = work[m.start() - 1] if m.start() > 0 else "\n"
        if prev in _ENUM_BLOCKERS or prev in CN:
            continue
        sec = innermost(sections, m.start())
        out.append({"number": n, "marker": m.group(0), "start": m.start(), "end": m.end(),
                    "group": sec.start if sec is not None else body_start})
    return out
