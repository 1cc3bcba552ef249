"""The web page around the report: furniture to exclude, and the page's own fields.

Text copied from a government site carries breadcrumbs, font-size widgets, share bars,
QR prompts, stale clocks and the metadata block (索引号, 发布日期, 成文日期 ...). We blank
those lines in the working view (offsets untouched) and read the labelled fields:
the publication date, the signing date, the file name, the issuing body.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import load as load_data
from .dates import first_date
from .literals import WordIndex, required_words


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load_data("boilerplate.toml")
    return {kind: re.compile("|".join(f"(?:{p})" for p in pats)) for kind, pats in data["line"].items()}


@lru_cache(maxsize=1)
def _line_patterns() -> tuple[tuple[re.Pattern[str], frozenset[str] | None], ...]:
    """Every furniture pattern on its own, with the words it cannot match without
    (literals.required_words), to decide whether a line is furniture at all.

    Searched one by one rather than as one alternation: each pattern alone keeps the
    regex engine's scan for its literal start, which a joined alternation loses (CPU on
    the lines of 100 example and seed reports: 0.7 ms a report one by one, 1.7 ms joined).
    A line holding none of a pattern's words (打印, 版权所有) is not scanned with it; the
    words a line holds are found for all patterns at once (_line_words).
    """
    return tuple((p, required_words(p)) for p in
                 (re.compile(p) for pats in load_data("boilerplate.toml")["line"].values() for p in pats))


@lru_cache(maxsize=1)
def _line_words() -> WordIndex:
    return WordIndex(w for _p, words in _line_patterns() for w in words or ())


@lru_cache(maxsize=1)
def _line_screen() -> tuple[tuple[re.Pattern[str], ...], dict[str, tuple[int, ...]]]:
    """The furniture patterns searched on every line (no short list of words), and per word
    the positions in _line_patterns() of the patterns that need it.

    Most lines of a report hold none of the furniture words: looked up by word, they are
    passed over without testing each of the 36 patterns' words in turn."""
    pats = _line_patterns()
    by_word: dict[str, list[int]] = {}
    for k, (_p, words) in enumerate(pats):
        for w in words or ():
            by_word.setdefault(w, []).append(k)
    return tuple(p for p, words in pats if words is None), {w: tuple(ks) for w, ks in by_word.items()}


def is_furniture_line(line: str) -> bool:
    """Whether a line of a stored text is page furniture as the analysis reads it (breadcrumbs,
    widgets, footers): for passes over the text as stored, such as the corpus's duplicate index.
    A line of prose is never furniture, whatever it opens with (来源：…，prose of the report)."""
    if len(line) > 400 or len(line) > 80 and line.count("。") >= 2:
        return False
    return _is_furniture(unicodedata.normalize("NFKC", line))


def _is_furniture(line: str) -> bool:
    """Whether one of the furniture patterns matches the line."""
    always, by_word = _line_screen()
    if any(p.search(line) for p in always):
        return True
    held = _line_words().found(line)
    if not held:
        return False
    pats = _line_patterns()
    tried: set[int] = set()
    for w in held:
        for k in by_word[w]:
            if k not in tried:
                tried.add(k)
                if pats[k][0].search(line):
                    return True
    return False


# Labels of the page's metadata block, and which record field each one feeds.
_LABELS = {
    "published": ("发布时间", "发布日期", "发表日期", "发表时间", "公开日期", "公开时间", "发布于", "发表于", "上网时间",
                  "发稿时间", "上传时间", "录入时间", "添加时间", "信息提供日期", "发布",
                  "时间", "日期"),
    "signed": ("成文日期", "发文日期", "印发日期", "成文时间", "公文生成日期", "发文时间"),
    "title": ("文件名称", "信息名称", "文件标题", "信息标题", "标题", "标 题", "名称"),
    "issuer": ("发文机关", "发布机构", "发文单位", "发布单位", "发布部门", "公开主体"),
    "source_org": ("来源", "信息来源", "文章来源", "公开责任部门"),
    "doc_no": ("文号", "发文字号", "文件编号"),
    "index_no": ("索引号",),
    "subject": ("主题分类", "信息分类", "公开目录"),
    "updated": ("更新时间", "生成日期"),
}
_LABEL_TO_FIELD = {lab: f for f, labs in _LABELS.items() for lab in labs}
# A signing label that also stands for the page's publication when the page has no label of
# that (发文时间 alone: the date the page gives both); a 发布日期 beside it is the publication.
_SIGNED_AND_PUBLISHED = ("发文时间",)
_WEAK = "published_weak"
# Short labels (来源, 文号) only count at a word boundary; long ones (发布时间) anywhere, since
# page furniture often runs them together: 来源:某县司法局发布时间:2020-03-30.
def _spaced(label: str) -> str:
    """A label that a page may set with spaces between its characters (索 引 号)."""
    return r"\s{0,2}".join(re.escape(c) for c in label.replace(" ", ""))


_LONG_LABELS = [_spaced(l) for l in sorted((l for l in _LABEL_TO_FIELD if len(l) >= 4), key=len, reverse=True)]
_SHORT_LABELS = [_spaced(l) for l in sorted((l for l in _LABEL_TO_FIELD if len(l) < 4), key=len, reverse=True)]
_LABEL_TO_FIELD.update({l.replace(" ", ""): f for l, f in list(_LABEL_TO_FIELD.items())})
# Table cells, brackets and bullets around the labels of a metadata block (| [ 发布机构 ] |
# 某局 |, • 索引号:, - 发文时间:): read as spaces, character for character.
_CELLS = re.compile(r"[|｜\[\]•]|^\s*[-*·]\s")
_CELL_MARKS = "|｜[]•"
_BULLET = re.compile(r"\s*[-*·]\s")


def _uncelled(line: str) -> str:
    """The line with its cells, brackets and bullet read as spaces (_CELLS). Most lines hold
    none: str's own search for the few marks, and a bullet tried at the start alone, tell so
    faster than the alternation, which the regex engine tries at every position."""
    if not any(c in line for c in _CELL_MARKS) and not _BULLET.match(line):
        return line
    return _CELLS.sub(lambda m: " " * len(m.group(0)), line)
_LABEL_RE = re.compile(
    r"(" + "|".join(_LONG_LABELS) + r"|(?<![\u4e00-\u9fff])(?:" + "|".join(_SHORT_LABELS) + r")"
    # a date label run into the value before it (来源:某区人民政府日期:2025年02月20日): after a unit's name
    r"|(?<=[府局委办处])(?:日期|时间)(?=\s*[:：]))"
    r"\s*(?:[:：]\s*|\s+(?=\S))"
)
# A label glued to its value at the start of a line (发布机构某县某乡人民政府, 发布日期2026-01-27),
# as pages whose table cells lost their borders print them: long labels only.
_GLUED_RE = re.compile(r"(?:^|(?<=\s))(" + "|".join(_LONG_LABELS) + r"|索\s{0,2}引\s{0,2}号)(?=[\u4e00-\u9fff0-9A-Za-z])")
# A date that opens a furniture line before its first label (2019年02月25日  来源：某局).
_LEAD_DATE = re.compile(r"^\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)\s")
# A date in figures closing a source label's value: 来源：某县司法局  2022-03-30
_SOURCE_DATE = re.compile(r"(?<=\s)(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*$")
_STAMP = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}")
# A label alone on its line (- 成文日期:, • [ 成文日期 ]): a page that set its metadata as a
# list prints the value on the next line.
_BARE_LABEL = re.compile(r"^\s*(" + "|".join(_LONG_LABELS + _SHORT_LABELS) + r")\s*[:：]?\s*$")
_OTHER_LABELS = re.compile(r"(文字大小|字体大小|背景色|有效性|公开形式|公开方式|浏览次数|点击数|【|扫一扫|打印)")
# A repost that ran the original page's furniture and its text into one long line
# (…的报告发布时间:2023-01-31 16:38:31来源:某市政府办公室浏览…): a publication label near the
# line's start whose date carries its time and is followed by another label is when the
# page went up; the rest of the line is the report.
_RUN_IN_STAMP = re.compile(r"(?:发布时间|发布日期|发表时间|发表日期)\s*[:：]\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*"
                           r"[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}(?::\d{2})?)\s*(?:来源|信息来源|作者|浏览|点击|字号)")


@dataclass
class PageInfo:
    """What the page furniture told us."""

    boilerplate: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of excluded lines
    fields: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # field -> (value, start, end)


def iter_lines(text: str):
    """(start, end, line) for each line, end excluding the newline."""
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        yield pos, nl, text[pos:nl]
        pos = nl + 1


def _parse_fields(line: str, base: int, fields: dict[str, tuple[str, int, int]]) -> None:
    marks = list(_LABEL_RE.finditer(line))
    marks += [g for g in _GLUED_RE.finditer(line) if not any(g.start() < m.end() and m.start() < g.end() for m in marks)]
    marks.sort(key=lambda m: m.start())
    lead = _LEAD_DATE.match(line[:marks[0].start()] if marks else "")
    if lead and "published" not in fields:
        d = first_date(lead.group(1))
        if d is not None:
            fields["published"] = (d.isoformat(), base + lead.start(1), base + lead.end(1))
    for i, m in enumerate(marks):
        name = _LABEL_TO_FIELD[re.sub(r"\s+", "", m.group(1))]
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(line)
        other = _OTHER_LABELS.search(line, m.end(), stop)
        if other:
            stop = other.start()
        value = line[m.end():stop].strip(" :：|")
        if name not in ("published", "signed", "updated") and "published" not in fields:
            # 来源:某日报 2026-03-16 08:15: a date with its time beside another label is the
            # moment the page went up
            stamp = _STAMP.search(value)
            if stamp is None and name == "source_org":
                stamp = _SOURCE_DATE.search(value)  # 来源：某县司法局 2022-03-30
            if stamp:
                d = first_date(stamp.group(0))
                if d is not None:
                    fields["published"] = (d.isoformat(), base + m.start(), base + stop)
                    value = value[:stamp.start()].strip()
        if name in ("published", "signed", "updated"):
            d = first_date(value)
            if d is None:
                continue
            label = re.sub(r"\s+", "", m.group(1))
            if name in ("signed", "updated") and "published" not in fields and (
                    _STAMP.search(value) or label in _SIGNED_AND_PUBLISHED):
                # 发文日期: 2019-02-28 17:01, 更新时间:2022-03-10 12:17:36: a moment to the minute
                # is when the page went up (a bare 生成日期 may be the file's, and is not taken);
                # 发文时间 stands for the publication too, until a 发布日期 says otherwise
                fields["published"] = (d.isoformat(), base + m.start(), base + stop)
                if label in _SIGNED_AND_PUBLISHED and not _STAMP.search(value):
                    fields[_WEAK] = fields["published"]
            value = d.isoformat()
        if name == "published" and _WEAK in fields and value:
            del fields[_WEAK]
            fields[name] = (value, base + m.start(), base + stop)
            continue
        if not value or name in fields:
            continue
        fields[name] = (value, base + m.start(), base + stop)


# A pinyin gloss that spam mirrors put after characters (發(fā)布時間): read past in furniture,
# and in the body where attribution reads words and names.
# (the parenthesis comes first and the character before it is checked behind it: a pattern
# opening with a lookbehind is tried by the regex engine at every position of the text,
# one opening with "(" only where a "(" stands)
GLOSS = re.compile(r"\((?<=[\u4e00-\u9fff]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def unglossed(line: str) -> tuple[str, list[int]]:
    """The line without pinyin glosses, and for each of its characters its offset in the line."""
    keep: list[int] = []
    pos = 0
    for m in GLOSS.finditer(line):
        keep.extend(range(pos, m.start()))
        pos = m.end()
    keep.extend(range(pos, len(line)))
    return "".join(line[i] for i in keep), keep


def scan(norm: str, head_limit: int = 3000) -> PageInfo:
    """Find furniture lines anywhere and labelled fields in the page head and tail."""
    pats = _patterns()
    info = PageInfo()
    n = len(norm)
    pending: tuple[str, int] | None = None  # a bare label waiting for its value on the next line
    for start, end, line in iter_lines(norm):
        if pending is not None:
            label, label_start = pending
            pending = None
            if line.strip() and _value_line(label, line, label_start, start, end, info):
                continue
        if not line.strip():
            continue
        if len(line) > 400 or len(line) > 80 and line.count("。") >= 2:
            # prose: a sentence may name a 承办单位 or a 来源 without being furniture
            if "published" not in info.fields and start < head_limit and "发" in line[:300]:
                run_in = _RUN_IN_STAMP.search(line, 0, 300)
                d = first_date(run_in.group(1)) if run_in else None
                if d is not None:
                    info.fields["published"] = (d.isoformat(), start + run_in.start(1), start + run_in.end(1))
            continue
        line = _uncelled(line)
        bare = _BARE_LABEL.match(line) if len(line) <= 24 and (start < head_limit or start > n - 2000) else None
        if bare:
            pending = (re.sub(r"\s+", "", bare.group(1)), start)
            info.boilerplate.append((start, end))
            continue
        offsets: list[int] | None = None
        if GLOSS.search(line):
            line, offsets = unglossed(line)
        if not _is_furniture(line):
            continue
        found: dict[str, tuple[str, int, int]] = {k: (v, -1, -1) for k, v in
                                                  ((k, v[0]) for k, v in info.fields.items())}
        if pats["page_meta"].search(line) and (start < head_limit or start > n - 2000):
            _parse_fields(line, 0, found)
        elif "published" not in info.fields and start < head_limit:
            # 2022-03-29 17:13:17 来源: 某局 打印: a stamp with its time in a furniture line
            stamp = _STAMP.search(line)
            d = first_date(stamp.group(0)) if stamp else None
            if d is not None:
                found["published"] = (d.isoformat(), stamp.start(), stamp.end())
        if _WEAK in info.fields and _WEAK not in found and found.get("published", (None, -1, -1))[1] >= 0:
            # a 发布日期 on a later line than the 发文时间 that stood for it
            del info.fields["published"], info.fields[_WEAK]
        for k, (v, a, b) in found.items():
            if k not in info.fields:  # offsets back in the text as read
                at = (lambda i: offsets[i] if offsets is not None and i < len(offsets) else
                      (offsets[-1] + 1 if offsets else i))
                info.fields[k] = (v, start + at(a), start + (at(b - 1) + 1 if b > 0 else at(b)))
        # a title that a page set on one line with its furniture (…报告 发布时间：… 来源：…)
        # stays in the working view; the furniture after it is blanked
        keep = _TITLE_BEFORE.match(norm, start, end)
        info.boilerplate.append((keep.end(1) if keep else start, _furniture_end(line, start, end, offsets)))
    info.fields.pop(_WEAK, None)
    return info


# What the value of a label printed on the next line must look like; a title, subject or
# other label alone is never read from the following line.
_VALUE_SHAPE = {
    "published": re.compile(r"^(?:19|20)\d{2}"), "signed": re.compile(r"^(?:19|20)\d{2}"),
    "updated": re.compile(r"^(?:19|20)\d{2}"), "doc_no": re.compile(r"\d"), "index_no": re.compile(r"\d"),
    "issuer": re.compile(r"^[\u4e00-\u9fff（）()]{3,30}$(?<!报告)(?<!总结)(?<!情况)"),
    "source_org": re.compile(r"^[\u4e00-\u9fff（）()]{3,30}$(?<!报告)(?<!总结)(?<!情况)"),
    "title": re.compile(r"(?!)"), "subject": re.compile(r"(?!)"),
}


def _value_line(label: str, line: str, label_start: int, start: int, end: int, info: PageInfo) -> bool:
    """Read the line after a bare label as that label's value (成文日期: / 2022-01-10), when
    it is a short value and no label of its own; True when it was taken as furniture."""
    value = _uncelled(line).strip()
    if not value or len(value) > 40 or _LABEL_RE.search(value) or _BARE_LABEL.match(value):
        return False
    name = _LABEL_TO_FIELD.get(label)
    if name in _VALUE_SHAPE and not _VALUE_SHAPE[name].search(value):
        return False  # 文号: over a blank cell, then the report's own first line
    found: dict[str, tuple[str, int, int]] = {}
    _parse_fields(f"{label}：{value}", 0, found)
    if not found:
        return False
    for k, (v, _a, _b) in found.items():
        if k not in info.fields:
            info.fields[k] = (v, label_start, end)
    info.boilerplate.append((start, end))
    return True


def _furniture_end(line: str, start: int, end: int, offsets: list[int] | None) -> int:
    """Where the furniture of a furniture line ends: the line's end, unless a page flattened the
    report's first sentence onto it (浏览次数：1200 2023年，我局共开展检查35次。), which stays in
    the working view with its figures."""
    if offsets is not None:
        return end
    held = _line_words().found(line)
    last = max((m.end() for p, words in _line_patterns() if words is None or not words.isdisjoint(held)
                for m in p.finditer(line)), default=len(line))
    return start + last if _PROSE.match(line, last) else end


# The rest of a furniture line that is prose: after a space, a sentence of a dozen Chinese
# characters or more, with its comma or full stop.
_PROSE = re.compile(r"\s+(?=[^\n]*[，。；])(?=(?:[^\n]*?[\u4e00-\u9fff]){12})")


# A title ending in 报告/总结 that opens a furniture line, before its first label or date.
_TITLE_BEFORE = re.compile(r"\s*([^\s:：|]{6,80}?(?:报告|总结))(?=\s+(?:(?:19|20)\d{2}|[^\s:：]{2,6}\s*[:：]))")


_NOT_NEWLINE = re.compile(r"[^\n]")


def blank(norm: str, spans: list[tuple[int, int]]) -> str:
    """The working view: the given spans replaced by spaces, line breaks kept (the spans
    merged in order and each replaced by one regex substitution, not character by character)."""
    if not spans:
        return norm
    out: list[str] = []
    pos = 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if e <= s:
            continue
        out.append(norm[pos:s])
        out.append(_NOT_NEWLINE.sub(" ", norm[s:e]))
        pos = e
    out.append(norm[pos:])
    return "".join(out)
