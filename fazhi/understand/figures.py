"""Every quantity the report states: a number with its unit, scale, approximation and span.

A number is a figure only when a measure word (件, 人次, 万元, % …) follows it. Before
looking we mask what is not a quantity however numeric it looks: dates and years, plan
periods (2021—2025), document numbers (〔2019〕28号), ordinals (第一), phone numbers,
short quoted slogans (“365”, “1+4+N”), book titles, heading numerals, and the
numeral-bearing names in the lexicon (五位一体, 三项制度). Which indicator a figure
measures is decided afterwards by `indicators.assign`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..data import load as load_data
from ..record import Figure
from .dates import DATE_RE
from .literals import WordIndex, finditer, openers, required_words
from .numerals import parse_cn

CN_NUM = "零〇一二两三四五六七八九十百千万亿点"
NON_FIGURE_START = "一二两三四五六七八九十百千万多双"
CLAUSE_DELIMS = ",;。:!?\n"
SENTENCE_DELIMS = "。;!?\n"
# the first sentence delimiter at or after a position: one search, not a find per delimiter
_SENTENCE_END = re.compile("[" + re.escape(SENTENCE_DELIMS) + "]")


@dataclass(frozen=True)
class Lexicon:
    units: tuple[str, ...]
    unit_kind: dict[str, str]
    blockers: dict[str, str]
    arabic_only: frozenset[str]
    non_figures: re.Pattern[str]
    approx_before: re.Pattern[str]
    approx_after: re.Pattern[str]
    change_up: tuple[str, ...]
    change_down: tuple[str, ...]
    comparison: re.Pattern[str]
    total: re.Pattern[str]
    parts: re.Pattern[str]
    arabic: re.Pattern[str]
    chinese: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_data("lexicon.toml")
    unit_kind: dict[str, str] = {}
    for kind, words in data["units"].items():
        if kind == "arabic_only":
            continue
        for w in words:
            unit_kind.setdefault(w, kind)
    units = tuple(sorted(unit_kind, key=len, reverse=True))
    unit_alt = "|".join(re.escape(u) for u in units)
    arabic = re.compile(
        # the first digit comes before the look-behind over it, so that the regex engine
        # jumps from digit to digit instead of trying the look-behind at every character
        r"(?P<num>\d(?<![\d.A-Za-z\-/]\d)(?:\d{0,2}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d*(?:\.\d+)?))"
        r"(?:\s*(?P<rsep>[-~至到—]|－)\s*(?P<num2>\d+(?:\.\d+)?))?"
        # 870余万元, 10多万人: the approximation may stand before the scale as well as after it
        r"(?P<approx0>余|多)?\s*(?P<scale>千万|百万|万亿|万|亿|千)?"
        r"(?P<approx>余|多)?"
        rf"\s*(?P<unit>{unit_alt})?"
    )
    chinese = re.compile(
        rf"(?P<pct>百分之)(?P<cnp>[{CN_NUM}]+)"
        # (数十场, 几十家 name no number: the count is vague)
        rf"|(?<![{CN_NUM}第\d.数几])(?P<cn>[一二两三四五六七八九十][{CN_NUM}]*?|[百千万](?=[余多]))"
        r"(?P<cnapprox>余|多)?"
        rf"(?P<cnunit>{unit_alt})"
    )
    ab = sorted(data["approx"]["before"], key=len, reverse=True)
    aa = sorted(data["approx"]["after"], key=len, reverse=True)
    unless_next = data["approx"].get("after_not", {})  # 许 unless 可 follows (12项许可事项)
    return Lexicon(
        units=units,
        unit_kind=unit_kind,
        blockers=data["unit_blockers"],
        arabic_only=frozenset(data["units"].get("arabic_only", ())),
        # every phrase starts with a numeral (or 多/双): the lookahead lets the scan skip other positions fast
        non_figures=re.compile(f"(?<![{CN_NUM}])(?=[{NON_FIGURE_START}])(?:" + "|".join(f"(?:{p})" for p in data["non_figures"]["phrases"]) + ")"),
        approx_before=re.compile("(" + "|".join(map(re.escape, ab)) + r")\s*$"),
        approx_after=re.compile(r"\s*(" + "|".join(
            re.escape(a) + (f"(?!{re.escape(unless_next[a])})" if a in unless_next else "") for a in aa) + ")"),
        change_up=tuple(sorted(data["change"]["up"], key=len, reverse=True)),
        change_down=tuple(sorted(data["change"]["down"], key=len, reverse=True)),
        comparison=re.compile(data["change"]["comparison"]),
        total=re.compile(data["totals"]["total"]),
        parts=re.compile(data["totals"]["parts"]),
        arabic=arabic,
        chinese=chinese,
    )


# The measure words that may end a list of ordinals (第二、三批, 第一至四季度). Only numbers that run
# straight on from the 第 are taken, so 第一次会议、20个部门 keeps its count of departments.
_ORDINAL_NOUNS = "批次期届季轮年个项条章节款"

# Patterns of numbers that are not quantities. Those starting with a digit are merged
# into one alternation behind a digit lookahead: a single fast scan instead of eight.
_DIGIT_MASKS = [
    DATE_RE.pattern,
    r"(?:19|20)\d{2}\s*[-—~至到－]+\s*(?:19|20)\d{2}",  # plan periods and year ranges
    r"(?:19|20)\d{2}\s*年(?:度|底|初|末|以来|上半年|下半年|第)?",
    r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月(?:份|底|初|中旬|上旬|下旬|末)?(?![\u4e00-\u9fff]?[次件人])",
    r"0\d{2,3}\s*-\s*\d{7,8}(?:-\d+)?|1[3-9]\d{9}(?!\d)",  # phones
    r"\d{1,2}\s*(?:[:：]\s*\d{2}|[时点]\s*\d{1,2}\s*分)",  # times: 9:30, 9时30分
    r"\d+\s*号",  # document and house numbers
    r"\d+(?:\s*\+\s*[\dA-Za-z]+)+|\d+[A-Za-z]+",  # 1+4+N, 5G
    r"\d+\s*[×xX*]\s*24\s*小时",  # 7×24小时: a service's hours, a name
    r"\d{3,4}\s*[×xX*]\s*\d{3,4}",  # a screen's resolution (1024×768) in a site's footer
    r"\d+\s*篇\s*范文",  # a sample-text site's own count: 整理的7篇范文
]
_MASKS = [
    re.compile(r"(?<!\d)(?=\d)(?:" + "|".join(f"(?:{p})" for p in _DIGIT_MASKS) + ")"),
    re.compile(r"[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*第?\s*\d+\s*号"),  # document numbers
    # ordinals: 第一, 第3批, and the ordinals listed after the first (第二、三批, 第三至五次会议)
    re.compile(rf"第\s*[\d{CN_NUM}]+(?:\s*[、和及与至到]\s*[\d{CN_NUM}]+(?=\s*[、和及与至到]|\s*[{_ORDINAL_NOUNS}]))*"),
    re.compile(r"(?:周|星期|礼拜)[一二三四五六日天]"),  # weekdays: 周五集中学习
    # a page's own counter (浏览次数：5072次, 下载次数：12次, 访问人次：5688人次), and no more of its line: a page flattened to one line keeps
    # the report's own counts after it
    re.compile(r"(?:浏览|阅读|点击|访问|在线|下载|点赞|收藏|转发|评论)(?:次数|量|数|人数|人次)?\s*[:：]\s*\d+\s*(?:人次|次|人)?"),
    # …written without a colon on a line of its own (总访问量 12345 次), and the counts of a site's lists and
    # searches (共找到12条结果, 本页共5条, 相关文章3篇, 附件(2个)); 网站访问量达120万人次 in a sentence stays.
    # (each begins with a class of characters, so that the regex engine jumps to them)
    # …and in the other ways sites word it: 阅读 2.1万, 本文已被浏览 1563 次, 已阅 852 次, 已有 1024 人阅读, 每页显示20条
    re.compile(r"[\s|【\[(（](?:(?:总|累计|今日)?(?:浏览|阅读|点击|访问|下载|点赞|收藏|转发|评论)(?:次数|量|数|人数|人次)?"
               r"\s*\d+(?:\.\d+)?\s*[万千]?\s*(?:人次|次|人)?"
               r"|(?:本文|本页|该文|此文)?(?:已被|被|已)(?:浏览|阅读|点击|访问|查看|阅)\s*\d+(?:\.\d+)?\s*[万千]?\s*(?:人次|次|人)?"
               r"|(?:已有|共有|共)?\s*\d+(?:\.\d+)?\s*[万千]?\s*(?:人次|人|次)(?:阅读|浏览|访问|查看|看过|点击|已读)(?:过)?"
               r"|每页(?:显示)?\s*\d+\s*条)"
               r"(?=[ \t]*(?:$|\n|[|】\]）)]))"),
    # a share bar's comment count (0条评论 点赞 12): set apart from words before it, as no sentence writes it
    re.compile(r"(?<![\u4e00-\u9fff\d.])\d+\s*条(?:评论|留言)(?![\u4e00-\u9fff])"),
    re.compile(r"[共找本今相附](?:(?<=共)有?\s*\d+\s*条(?:结果|记录)|(?<=找)到\s*\d+\s*条(?:结果|记录)"
               r"|(?<=本)页共?\s*\d+\s*条|(?<=今)日更新\s*\d+\s*条"
               r"|(?<=相)关(?:文章|新闻|信息|链接)\s*[:：]?\s*\d+\s*(?:篇|条)|(?<=附)件\s*[(（]\s*\d+\s*个?\s*[)）])"),
    # …and a sample-text site's counts of its own pages: 工作总结(大全7篇), 范文(精选3篇), 【5篇】, 精彩4篇
    # (a bare (12篇) may count the cases a report compiled, and stays)
    re.compile(r"[(（【](?:共|通用|精选|大全|优秀|热门|推荐|汇总|合集|最新|精华)\s*\d+\s*篇\s*[)）】]|【\s*\d+\s*篇\s*】"
               r"|[通精大多范](?:(?<=通)用|(?<=精)选|(?<=精)彩|(?<=大)全|(?<=多)篇|(?<=范)文)\s*\d+\s*篇"),
    # 十二届22次常委会, 十二届全国人大五次会议
    # …and the sessions listed after the first: 市委六届二次、三次、四次全会
    # …with the standing committee or the government between (十五届人大常委会四十次会议), and a session named by
    # its body alone (县人大常委会二十三次会议, 区政府36次常务会议: no verb between, so no meetings counted)
    re.compile(rf"届\s*(?:全国|省|市|县|区)?(?:人大常委会|人大|政协|市委|县委|区委|省委|党委|党工委|常委会|政府)?\s*[\d{CN_NUM}]+\s*次"
               rf"(?:\s*[、和及与至]\s*[\d{CN_NUM}]+\s*次)*"
               rf"|常委会\s*第?\s*[\d{CN_NUM}]+\s*次\s*(?=(?:全体|主任)?会议)|政府\s*第?\s*[\d{CN_NUM}]+\s*次\s*(?=常务会议)"),
    # quoted names, slogans and headlines (a paper's headline runs to 40 characters: “10分钟内响应,…”),
    # in the corner brackets of traditional-script mirrors too, and titles of documents
    re.compile(r"“[^“”\n]{1,40}”|‘[^‘’\n]{1,20}’|\"[^\"\n]{1,20}\"|「[^「」\n]{1,40}」|『[^『』\n]{1,40}』"
               r"|《[^《》\n]{1,80}》|〈[^〈〉\n]{1,60}〉"),
    # addresses, e-mails, codes (ABC123): each begins with one character of the class in front,
    # matched before the look-behinds so that the regex engine can jump to such characters
    re.compile(r"[A-Za-z0-9._%+-](?:(?<=h)ttps?://\S+|(?<=w)ww\.\S+|(?<![A-Za-z0-9._%+-].)[A-Za-z0-9._%+-]*@[A-Za-z0-9.-]+"
               r"|(?<![A-Za-z].)(?<=[A-Za-z])[A-Za-z]*\d+)"),
]


# (a leading class, not a look-ahead: the regex engine jumps only to a class's characters)
_PLACE_CAND = re.compile(f"[{NON_FIGURE_START}][\u4e00-\u9fff]{{1,6}}?(?:镇|乡|县|区|市|旗|州|街道)")


@lru_cache(maxsize=1)
def _numeral_places() -> frozenset[str]:
    """Place names that begin with a numeral (三张镇, 五河县, 六合区): names, not quantities."""
    from .divisions import divisions

    return frozenset(n for n in divisions().by_name if len(n) >= 3 and n[0] in NON_FIGURE_START)


def _mask_places(work: str, m: bytearray) -> None:
    names = _numeral_places()
    for hit in _PLACE_CAND.finditer(work):
        if hit.group(0) in names:
            m[hit.start():hit.end()] = b"\x01" * (hit.end() - hit.start())


# A pinyin gloss some mirrors put after a character (連續(xù)十一年, 四個(gè)意識): read past, like a blank.
# ("(" first, the character before it checked behind it: the engine then skips to each "(",
# where a lookbehind first would be tried at every position)
_GLOSS = re.compile(r"\((?<=[\u3400-\u9fff]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{2,6}\)")
# …and at the start of the words after a number, where it glosses the measure word (16個(gè)鄉鎮)
_LEADING_GLOSS = re.compile(r"^\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{2,6}\)")


def degloss(text: str, leading: bool = False) -> str:
    """The text without pinyin glosses, for the words around a number (a rule reads 連續十一年);
    `leading`: the text starts right after a character, so a gloss at its start is one too."""
    if "(" not in text:
        return text
    if leading:
        text = _LEADING_GLOSS.sub("", text)
    return _GLOSS.sub("", text)


def _deglossed(work: str) -> tuple[str, list[int]] | None:
    """The text without its pinyin glosses and, per character kept, its offset in `work`;
    None when the text has no gloss."""
    cuts = [(g.start(), g.end()) for g in _GLOSS.finditer(work)]
    if not cuts:
        return None
    parts, index, pos = [], [], 0
    for s, e in cuts + [(len(work), len(work))]:
        parts.append(work[pos:s])
        index.extend(range(pos, s))
        pos = e
    index.append(len(work))
    return "".join(parts), index


@lru_cache(maxsize=1)
def _prompt_pattern() -> re.Pattern[str]:
    return re.compile(load_data("indicators.toml")["prompt"]["pattern"])


def _mask_prompts(work: str, m: bytearray) -> None:
    """Mark a drafter's fill-in prompts (【请补充：合同件数，如12件】, 【起草说明…】): a number inside one
    is an example of what to write, not a figure the report states.

    The prompt's pattern is the one indicators.toml keeps, which also keeps its words from naming
    any figure's indicator: read from the data here, so that this module needs not the indicators one.
    """
    if "【" not in work:
        return
    for hit in _prompt_pattern().finditer(work):
        m[hit.start():hit.end()] = b"\x01" * (hit.end() - hit.start())


@lru_cache(maxsize=1)
def _mask_patterns() -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
    """The mask patterns, each with the search for the characters its matches begin with
    (literals.openers). Three of them open with a lookbehind, so the regex engine tries
    them at every position of the text; tried only where a match can begin, they cost half.
    The numbers that are not quantities (dates, phones…) begin where a run of digits
    begins (after no digit, at a digit): their search is for the runs of digits."""
    out = [(p, openers(p)) for p in _MASKS + [lexicon().non_figures]]
    out[0] = (_MASKS[0], _DIGIT_RUNS)
    return tuple(out)


# Where each run of digits begins: the only places a match of _MASKS[0] can begin.
_DIGIT_RUNS = re.compile(r"\d+")


@lru_cache(maxsize=1)
def _chinese_opener() -> re.Pattern[str] | None:
    """The search for the characters a Chinese numeral can begin with (literals.openers): its
    pattern opens with a lookbehind, which the regex engine would try at every position."""
    return openers(lexicon().chinese)


def mask(work: str, extra: list[tuple[int, int]] = ()) -> bytearray:
    """1 where a number must not be read as a figure."""
    m = bytearray(len(work))
    # read the masks on the text without pinyin glosses, so that 三項(xiàng)制度 is the name 三项制度,
    # and mark the spans they find in the text as written
    plain = _deglossed(work) if "(" in work else None
    text, index = plain if plain is not None else (work, None)
    hits = bytearray(len(text))
    _mask_places(text, hits)
    for pat, opener in _mask_patterns():
        for hit in finditer(pat, text, opener):
            hits[hit.start():hit.end()] = b"\x01" * (hit.end() - hit.start())
    if index is None:
        m = hits
    else:
        k = hits.find(1)
        while k >= 0:
            e = k
            while e < len(hits) and hits[e]:
                e += 1
            s0, e0 = index[k], index[e - 1] + 1
            m[s0:e0] = b"\x01" * (e0 - s0)
            k = hits.find(1, e)
    for s, e in extra:
        m[s:e] = b"\x01" * (e - s)
    _mask_prompts(work, m)
    return m


_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6, "千万": 1e7, "万亿": 1e12}


# No figure a report states has more significant digits than this (a national budget in yuan has
# 13); a longer digit run is an account number, an identifier or garbage, and parsing it would
# overflow a float to inf or hit Python's integer-string limit.
MAX_DIGITS = 15


def _to_float(s: str) -> float:
    return float(s.replace(",", ""))


def _scaled(value: float, scale: float) -> float:
    """value × 万/亿 as written: 2.28万 is 22800, not the float product 22799.999999999996."""
    return round(value * scale, 6) if scale != 1.0 else value


def _too_long(*nums: str | None) -> bool:
    return any(n is not None and len(n) > MAX_DIGITS and sum(c.isdigit() for c in n) > MAX_DIGITS for n in nums)


def _unit_ok(work: str, unit: str, end: int) -> bool:
    blockers = lexicon().blockers.get(unit)
    return not (blockers and end < len(work) and work[end] in blockers)


# No clause or sentence of a report is longer than this; bounding the backward scans keeps
# the analysis linear on garbage input (a megabyte with no full stop).
MAX_SPAN = 400


# The text span_start was last asked about, with, per delimiter set, the sorted offsets of its
# delimiters, built the second time one text is asked about (a report's figures ask dozens of
# times; a one-off caller pays nothing extra). Compared by identity (holding the text keeps it
# alive) and replaced as one tuple, so threads analysing different texts never mix them.
_delim_cache: tuple[str | None, dict[str, list[int] | None]] = (None, {})


def _offsets_of(work: str, delims: str) -> list[int] | None:
    global _delim_cache
    cache = _delim_cache
    if cache[0] is not work:
        cache = _delim_cache = (work, {})
    got = cache[1].get(delims, False)
    if got is False:
        cache[1][delims] = None  # first request: answered by rfind, indexed on the next
        return None
    if got is None:
        got = cache[1][delims] = [m.start() for m in
                                  re.finditer("[" + "".join(re.escape(c) for c in delims) + "]", work)]
    return got


def span_start(work: str, pos: int, delims: str, limit: int = MAX_SPAN) -> int:
    """Start of the clause or sentence holding `pos`: just after the last delimiter, at most `limit` back."""
    floor = max(0, pos - limit)
    offsets = _offsets_of(work, delims)
    if offsets is None:
        return max(max(work.rfind(ch, floor, pos) for ch in delims) + 1, floor)
    k = bisect_left(offsets, pos) - 1
    return offsets[k] + 1 if k >= 0 and offsets[k] >= floor else floor


def _change(work: str, lc_start: int, num_start: int) -> str | None:
    lex = lexicon()
    before = work[max(lc_start, num_start - 12):num_start].rstrip()
    before = lex.approx_before.sub("", before).rstrip()
    if before.endswith(("了",)):
        before = before[:-1]
    if before.endswith(lex.change_up):
        return "up"
    if before.endswith(lex.change_down):
        return "down"
    return None


# Kinds of numbers that are not figures of the year's work (targets, rankings, streaks,
# counts of compared places, standing frequencies such as 每月1次, an earlier year's figure a comparison
# states): kept in the record, never given an indicator or summed.
NON_WORK_KINDS = frozenset({"target", "ranking", "streak", "context", "frequency", "previous"})


@lru_cache(maxsize=1)
def _kind_rules() -> list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None,
                                frozenset[str] | None, bool, bool]]:
    out = []
    for r in load_data("figure_kinds.toml")["kind"]:
        out.append((r["kind"], re.compile(r["before"]) if "before" in r else None,
                    re.compile(r["after"]) if "after" in r else None,
                    re.compile(r["sentence"]) if "sentence" in r else None,
                    frozenset(r["units"]) if "units" in r else None, bool(r.get("list_count")),
                    r.get("numerals") == "chinese"))
    return out


@dataclass(frozen=True)
class _UnitKinds:
    """The kind rules that apply to one unit, in order, indexed by the words their `before` and
    their `after` cannot match without (literals.required_words).

    A figure tries some thirty rules and the clause around it holds the words of few: the
    words found in it (one pass, _kind_words) pick the rules worth a regex search."""
    rules: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None, bool, bool], ...]
    open_before: frozenset[int]  # rules whose `before` has no word list (or that have none)
    open_after: frozenset[int]
    by_before: dict[str, frozenset[int]]  # word -> rules whose `before` needs it (one of their words)
    by_after: dict[str, frozenset[int]]


@lru_cache(maxsize=None)
def _words_of(pattern: re.Pattern[str] | None) -> frozenset[str] | None:
    return required_words(pattern) if pattern is not None else None


def _by_word(patterns: list[re.Pattern[str] | None]) -> tuple[frozenset[int], dict[str, frozenset[int]]]:
    free: set[int] = set()
    index: dict[str, set[int]] = {}
    for k, pat in enumerate(patterns):
        words = _words_of(pat)
        if words is None:
            free.add(k)
        for w in words or ():
            index.setdefault(w, set()).add(k)
    return frozenset(free), {w: frozenset(ks) for w, ks in index.items()}


@lru_cache(maxsize=256)
def _kind_rules_for(unit: str | None) -> _UnitKinds:
    """The kind rules that apply to a unit (each figure tries only these)."""
    rules = tuple((kind, b, a, sent, list_count, chinese_only)
                  for kind, b, a, sent, units, list_count, chinese_only in _kind_rules()
                  if units is None or unit in units)
    open_before, by_before = _by_word([r[1] for r in rules])
    open_after, by_after = _by_word([r[2] for r in rules])
    return _UnitKinds(rules, open_before, open_after, by_before, by_after)


@lru_cache(maxsize=1)
def _kind_words() -> tuple[WordIndex, WordIndex]:
    """The words of every kind rule's `before`, and of every `after`, each found in one pass."""
    rules = _kind_rules()
    return (WordIndex(w for r in rules for w in _words_of(r[1]) or ()),
            WordIndex(w for r in rules for w in _words_of(r[2]) or ()))


_LIST_TAIL = re.compile(r"(?:[“\"]?[\u4e00-\u9fff()（）]{1,14}[”\"]?、){1,19}[“\"]?[\u4e00-\u9fff()（）]{1,14}[”\"]?\s*等?\s*$")
# …and a list of quoted names or titles, side by side or joined (“甲”“乙”“丙”三项改革, 《甲规则》《乙规则》以及《丙规则》三项制度):
# the items are told apart by their marks, with or without a 、 between them.
_MARKED_ITEM = r"[“\"《「『][^“”\"《》「」『』\n]{1,40}[”\"》」』]"
_MARKED_LIST = re.compile(rf"{_MARKED_ITEM}(?:\s*(?:[、，,和及与]|以及)?\s*{_MARKED_ITEM})+\s*等?\s*$")
_MARK_OPENS = frozenset("“《「『")


# The characters a number ends in: a list item right after one is that number's measure word.
_NUMERALS = frozenset("0123456789" + CN_NUM)


def _ends_in_count(item: str) -> bool:
    """Whether a list item ends in a count written in Chinese numerals (取消审批四项), not a name."""
    item = item.rstrip("”\"")
    for unit in lexicon().units:
        if item.endswith(unit) and len(item) > len(unit) and item[-len(unit) - 1] in CN_NUM:
            return True
    return False


_LAST_JOIN = re.compile(r"[\u4e00-\u9fff][和及与][\u4e00-\u9fff]")


# A list that ends in a joining word or a possessive hands over to what the number counts: in
# 甲区、乙区和2个项目 the number is one more item, in 甲区、乙区、丙区的3个项目 it counts what the places have.
_LIST_HANDS_OVER = ("和", "及", "与", "的")


def _listed(before: str) -> tuple[int, ...]:
    """How many items the clause may end by listing (甲、乙、丙 -> 3; 甲、乙和丙 -> 2 or 3, as 和
    may join the last two items or belong to a name), () when it lists none."""
    marked = _MARKED_LIST.search(before) if before.rstrip().endswith(("”", "》", "」", "』", "\"", "等")) else None
    if marked is not None:
        text = marked.group(0)
        n = sum(ch in _MARK_OPENS for ch in text) + (text.count('"') // 2)
        return (n,)
    m = _LIST_TAIL.search(before)
    if not m or m.group(0).rstrip().endswith(_LIST_HANDS_OVER):
        return ()
    n = m.group(0).count("、") + 1
    if (m.start() > 0 and before[m.start() - 1] in _NUMERALS) or _ends_in_count(m.group(0).split("、", 1)[0]):
        # the first "item" is a count before it, or its measure word (取消审批4项、审批改为备案2项,
        # 取消审批四项、审批改为备案2项: 项 and 审批改为备案 are no list of two), so the list starts at the second
        n -= 1
        if n < 2:
            return ()
    return (n, n + 1) if _LAST_JOIN.search(m.group(0).rsplit("、", 1)[-1]) else (n,)


# Measure words that name a place (全县有8个村): the place is part of the unit, not of the words after it.
_PLACE_UNITS = frozenset({"个村", "个社区"})


def _context_kind(work: str, lc_start: int, start: int, end: int, unit: str | None, value: float = 0,
                  chinese: bool = False) -> str | None:
    """target / ranking / streak / context when the words around the number say so."""
    before = degloss(work[lc_start:start])
    after = degloss(work[end:end + 48], leading=True)
    if unit in _PLACE_UNITS:
        # 8个村, 12个社区: the measure word holds the place, which the rules read after the number
        after = unit[1:] + after
    kinds = _kind_rules_for(unit)
    words_before, words_after = _kind_words()
    # a rule whose words the clause (or the words after) lack cannot match: only the others are tried
    maybe = kinds.open_before.union(*(kinds.by_before.get(w, ()) for w in words_before.found(before)))
    maybe &= kinds.open_after.union(*(kinds.by_after.get(w, ()) for w in words_after.found(after)))
    for k in sorted(maybe):
        kind, b, a, sent, list_count, chinese_only = kinds.rules[k]
        if chinese_only and not chinese:
            continue
        if list_count and (value < 2 or value not in _listed(before)):
            continue
        if b is not None and not b.search(before):
            continue
        if a is not None and not a.match(after):
            continue
        if sent is not None:
            s0 = span_start(work, start, SENTENCE_DELIMS)
            # the sentence's end, looked for no further than the span searched
            bound = end + MAX_SPAN
            close = _SENTENCE_END.search(work, end, bound)
            stop = close.start() if close is not None else len(work)
            if not sent.search(work, s0, min(stop, bound)):
                continue
        return kind
    return None


# 两 counts only events (两次召开, 两场讲座, 两期); with other measure words it is mostly a
# name or a slogan (两个维护, 两项制度). A bare 一 is an article, never counted.
_TWO_UNITS = frozenset({"次", "场", "场次", "期", "轮", "轮次", "批", "批次"})


# The second end of a range whose first end carries its unit (40%—60%, 50人至80人): the unit (and the
# scale) must be said again after it for the two numbers to be one range
_RANGE_TAIL = re.compile(r"\s*(?P<sep>[-~至到—－]{1,2})\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<scale>千万|百万|万亿|万|亿|千)?\s*")


def _range_end(work: str, pos: int, value: float, scale: str | None, unit: str) -> tuple[float, int] | None:
    """(upper value, end) of a range going on after a figure that ends at `pos` with its unit, or None.

    合格率在85%—95%: read as two rates each would be checked alone; as one range, the checks
    leave it (a range states no exact rate to recompute).
    """
    r = _RANGE_TAIL.match(work, pos)
    if r is None or (r.group("scale") or None) != (scale or None) or not work.startswith(unit, r.end()):
        return None
    high = _scaled(_to_float(r.group("num")), _SCALE.get(scale or "", 1.0))
    if high <= value:
        return None  # 12%-3% is no range
    return high, r.end() + len(unit)


def extract(work: str, start: int, end: int, masked: bytearray) -> list[Figure]:
    """The figures in work[start:end], in reading order, without indicators yet."""
    lex = lexicon()
    found: list[Figure] = []
    taken = bytearray(len(work))
    for m in lex.arabic.finditer(work, start, end):
        ns = m.start("num")
        if masked[ns] or taken[ns]:
            continue
        if _too_long(m.group("num"), m.group("num2")):
            continue
        unit = m.group("unit")
        fig_end = m.end()
        pct = False
        # % may follow with a space the unit group did not take
        if unit is None:
            nxt = work[fig_end:fig_end + 1]
            if nxt in ("%", "‰"):
                unit, fig_end, pct = nxt, fig_end + 1, True
        if unit is None:
            if m.group("scale") in ("万", "亿", "万亿") and not m.group("rsep"):
                unit = ""  # 30万 on its own: a scaled bare quantity
            else:
                continue
        if unit and not _unit_ok(work, unit, m.end("unit") if m.group("unit") else fig_end):
            continue
        if unit in ("年",) and (m.group("num").isdigit() and int(m.group("num")) >= 100):
            continue
        try:
            value = _to_float(m.group("num"))
        except ValueError:
            continue
        scale = _SCALE.get(m.group("scale") or "", 1.0)
        value_high = _scaled(_to_float(m.group("num2")), scale) if m.group("num2") else None
        if m.group("rsep") and m.group("rsep") in "-—－" and value_high is not None and value_high < value:
            continue  # 12-3 is not a range
        if value_high is None and unit:
            tail = _range_end(work, fig_end, _scaled(value, scale), m.group("scale"), unit)
            if tail is not None:
                value_high, fig_end = tail
        fig = _make(work, lex, ns, fig_end, _scaled(value, scale), value_high, unit, bool(m.group("approx") or m.group("approx0")), pct)
        found.append(fig)
        taken[ns:fig_end] = b"\x01" * (fig_end - ns)
    # (a Chinese numeral opens with one of a few characters, rare in a report: tried there alone)
    for m in finditer(lex.chinese, work, _chinese_opener(), start, end):
        s = m.start()
        if masked[s] or taken[s]:
            continue
        if m.group("pct"):
            v = parse_cn(m.group("cnp"))
            if v is None:
                continue
            found.append(_make(work, lex, s, m.end(), v, None, "%", False, True))
            continue
        token = m.group("cn")
        unit = m.group("cnunit")
        if (token == "一" or (token == "两" and unit not in _TWO_UNITS) or unit in lex.arabic_only
                or not _unit_ok(work, unit, m.end())):
            continue
        v = parse_cn(token)
        if v is None:
            continue
        found.append(_make(work, lex, s, m.end(), v, None, unit, bool(m.group("cnapprox")), False, chinese=True))
    found.sort(key=lambda f: f.start)
    return found


def _make(work: str, lex: Lexicon, start: int, end: int, value: float, value_high: float | None,
          unit: str, approx: bool, pct: bool, chinese: bool = False) -> Figure:
    lc_start = span_start(work, start, CLAUSE_DELIMS)
    before = work[max(lc_start, start - 8):start]
    if lex.approx_before.search(before.rstrip()):
        approx = True
    after = lex.approx_after.match(work, end)
    if after:
        approx = True
        end_q = after.end()
    else:
        end_q = end
    kind = lex.unit_kind.get(unit, "other") if unit else "count"
    if pct or unit in ("%", "‰"):
        kind = "rate"
    elif kind == "points":
        kind = "change"
    direction = _change(work, lc_start, start)
    if direction:
        kind = "change"
    # the words after are read from the unit on, so that 以上/左右 (taken into the quote as
    # approximations) still tell a target
    kind = _context_kind(work, lc_start, start, end, unit, value, chinese) or kind
    return Figure(value=value, unit=unit or None, start=start, end=end_q, quote=work[start:end_q], approx=approx,
                  kind=kind, value_high=value_high, direction=direction, quote_start=lc_start,
                  total_marker=bool(lex.total.search(work[lc_start:start])))
