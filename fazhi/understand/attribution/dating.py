"""The year the body speaks of (its headings and opening) and where and when the report is signed.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from ...data import load as load_data
from ..dates import DATE_RE, parse_match
from ..page import iter_lines
from .tables import ORG_LINE, TITLE_WORDS


@lru_cache(maxsize=1)
def _year_heading() -> re.Pattern[str]:
    return re.compile(load_data("attribution.toml")["year"]["heading"])


# A body that opens with its year and then names its subject (2022年某区坚持…), not a plan's
# heading (2023年工作打算): the first line, a sentence, led by the year.
_OPENING_YEAR = re.compile(r"\s*((?:19|20)\d{2})\s*年(?!度?[\u4e00-\u9fff]{0,6}(?:打算|计划|安排|思路|要点|重点))"
                           r"[\u4e00-\u9fff][^\n]{10,}?[,，。]")


# A last resort for a body that gives its year nowhere else, in its opening: a news repost's
# "某部发布2023年法治政府建设年度报告", or the year's own plan it issued (印发《某市2022年法治政府
# 建设工作要点》), the work plan of the year reported on.
_ANNOUNCED_YEAR = re.compile(r"(?:发布|公布)了?《?[\u4e00-\u9fff]{0,12}?((?:19|20)\d{2})\s*年度?[^。；;]{0,30}?报告"
                             r"|印发了?《[\u4e00-\u9fff]{0,12}?((?:19|20)\d{2})\s*年度?[\u4e00-\u9fff]{0,12}工作要点》")


# A path segment of a mirror's address that is a report's own title, written in either
# script (…/wiki/某自治區2016年法治政府建設報告/22549396): a year, then the subject, then 报告 or
# 总结, and nothing that is not a character of the title.
_ADDRESS_TITLE = re.compile(r"^[\u4e00-\u9fff（）()、]{0,30}?((?:19|20)\d{2})\s*年度?[\u4e00-\u9fff（）()、]{0,12}?"
                            r"(?:法治|依法行政|依法治)[\u4e00-\u9fff（）()、]{0,20}?(?:报告|報告|总结|總結)$")


def address_year(source: str | None) -> int | None:
    """The year a page's address names where a segment of its path is the report's own title,
    as wiki and document sites name a page after the title its text lost; a date in the
    path (/2022/03/) says when the page went up, and is never read."""
    if not source or "%" not in source:
        return None
    for seg in unquote(urlsplit(source).path).split("/"):
        m = _ADDRESS_TITLE.match(seg.strip())
        if m is not None:
            return int(m.group(1))
    return None


def announced_year(work: str, start: int, end: int) -> int | None:
    """The year a news repost announces or the year's own plan gives, in the body's opening."""
    m = _ANNOUNCED_YEAR.search(work, start, min(end, start + 600))
    return int(m.group(1) or m.group(2)) if m else None


# A sentence opening with a year and going on with what was done that year: not a date
# (2022年3月), a span (2021—2025年) or a plan (2023年工作打算).
_THIS_YEAR_OPENING = re.compile(r"[\s?？]*今年(?:以来|来)?\s*[,，]")
_YEAR_SINCE_OPENING = re.compile(r"[\s?？]*((?:19|20)\d{2})\s*以来\s*[,，]")
_SENTENCE_YEAR = re.compile(r"(?:^|[。；;])[ \t]*((?:19|20)\d{2})\s*年(?![\d月底初末—\-－~至])"
                            r"(?![\u4e00-\u9fff]{0,8}(?:打算|计划|安排|思路|要点|目标|任务))", re.M)


def body_year(work: str, start: int, end: int) -> tuple[int | None, int | None]:
    """The year the body reports on, and the year its plans are for."""
    years: Counter = Counter()
    for m in re.finditer(r"(?:^|[。;\n]|现将|报告如下|[,:]|(?<=[\u4e00-\u9fff])\s)[\s?？]*((?:19|20)\d{2})\s*年(?:度|以来|来|,|,|全年|我|全|共|累计|是)"
                         r"|(?:现将|总结|梳理|回顾)[\u4e00-\u9fff]{0,8}?\s*((?:19|20)\d{2})\s*年"
                         # the unit's full name between 现将 and the year it reports on (现将北京市某区人民政府
                         # 2023年法治政府建设年度情况报告如下)
                         r"|现将[\u4e00-\u9fff]{9,24}?((?:19|20)\d{2})\s*年[^。;\n]{0,30}?报告如下", work[start:end]):
        y = int(m.group(1) or m.group(2) or m.group(3))
        years[y] += 1
    if not years:
        # the body's opening sentence led by its year and then its subject (2022年某区坚持…)
        m = _OPENING_YEAR.match(work, start, end)
        if m is not None:
            years[int(m.group(1))] += 1
    if not years:
        for m in _year_heading().finditer(work, start, end):
            years[int(m.group(1))] += 1
    if not years:
        # a body that dates no paragraph but a sentence of its work (。2022年动态调整…事项29项)
        for m in _SENTENCE_YEAR.finditer(work, start, end):
            years[int(m.group(1))] += 1
    if not years and (m := _YEAR_SINCE_OPENING.match(work, start, end)) is not None:
        # a body opening "2024以来，…" (年 dropped): the year it has worked since is the year reported on
        years[int(m.group(1))] += 1
    if not years and _THIS_YEAR_OPENING.match(work, start, end):
        # 今年以来，我局…: a body that speaks of its own year as this year, and writes one year
        # only, twice at least, and no span of years (出台2024年度学法清单, 2024年培训班)
        written = Counter(int(y) for y in re.findall(r"(?<![\d\-－—~至])((?:19|20)\d{2})\s*年(?![\d\-－—~至])",
                                                     work[start:end]))
        spans = re.search(r"(?:19|20)\d{2}\s*(?:年\s*)?[\-－—~至]\s*(?:19|20)?\d{2}", work[start:end])
        if len(written) == 1 and next(iter(written.values())) >= 2 and spans is None:
            years.update(written)
    plan = None
    # the next year's plans are a heading of their own (三、2020年工作打算) or close a line's
    # phrase (…2020年重点工作：); a year inside a sentence of work done (布置了2019年全市…工作重点
    # 任务) dates the work, not the plans
    pm = re.search(r"(?:^|\n)[\s?？]*(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}\s*[.、])?\s*"
                   r"((?:19|20)\d{2})\s*年(?:度)?[\u4e00-\u9fff]{0,16}(打算|计划|安排|思路|重点工作|工作重点|工作措施|主要任务)"
                   r"|((?:19|20)\d{2})\s*年(?:度)?[\u4e00-\u9fff]{0,16}(打算|计划|安排|思路|重点工作|工作重点|工作措施|主要任务)"
                   r"\s*(?:[:：\n]|$)", work[start:end])
    if pm:
        plan = int(pm.group(1) or pm.group(3))
    year = years.most_common(1)[0][0] if years else None
    return year, plan


# A site's breadcrumb that files the report under a column of its year (…> 法治政府建设年度报告 >
# 2021年度): the year the column names, for a report whose text gives none.
_BREADCRUMB_YEAR = re.compile(r"报告\s*(?:>|»|＞|>>|/)\s*((?:19|20)\d{2})\s*年度\s*$", re.M)


def breadcrumb_year(shown: str, start: int, body_start: int) -> int | None:
    """The report year a breadcrumb above the body gives (the working view blanks it)."""
    m = _BREADCRUMB_YEAR.search(shown, start, body_start + 400)
    return int(m.group(1)) if m else None


_SENTENCE_END = re.compile(r"[。；;！!？?]")


@lru_cache(maxsize=1)
def _related_heads() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load_data("boilerplate.toml")["tail"]["related"]), re.M)


def related_tail(shown: str, start: int, end: int) -> int:
    """Where a site's list of other pages begins (相关文档, 推荐阅读, 猜你喜欢: boilerplate.toml [tail]),
    or `end`: read in the text as shown, since the working view blanks the heading itself."""
    m = _related_heads().search(shown, start, end)
    return m.start() if m is not None else end


def _listed_title(text: str) -> bool:
    """A line that reads as a document's title (某区2022年度法治政府建设情况报告), not an issuer or a sentence."""
    return len(text) > 8 and bool(TITLE_WORDS.search(text)) and not ORG_LINE.match(text) \
        and not _SENTENCE_END.search(text)


def _unlisted(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The lines without the items of a list of other pages at their end: a title with its date
    under it or after it (某区2022年度法治政府建设情况报告 / 2023-06-15)."""
    while lines:
        text = lines[-1][2].strip()
        m = DATE_RE.search(text)
        if m is None or text[m.end():].strip():
            break
        if len(text) - len(m.group(0)) <= 6 and len(lines) >= 2 and _listed_title(lines[-2][2].strip()):
            lines = lines[:-2]
        elif _listed_title(text[:m.start()].strip()):
            lines = lines[:-1]
        else:
            break
    return lines


def signature(work: str, start: int, end: int) -> tuple[str | None, str | None, int, tuple[int, int]]:
    """(signing date, signing org, where the signature block begins, its span) from the last
    lines: a date and the organisation lines above it, or an organisation line alone at the end.
    A date under a document's title (某区2022年度法治政府建设情况报告 / 2023-06-15) is an item of a list
    of other pages, not the report's signature."""
    lines = _unlisted([(s, e, l) for s, e, l in iter_lines(work) if start <= s < end and l.strip()])
    signed = org = None
    sig_start = end
    sig_end = end
    for i, (s, e, line) in enumerate(reversed(lines[-6:])):
        text = line.strip()
        if i == 0 and ORG_LINE.match(line) and len(text) <= 30 and not TITLE_WORDS.search(text):
            # a closing organisation line whose date the page dropped: 某县人民政府
            org = text.replace(" ", "")
            sig_start, sig_end = s, e
            break
        m = DATE_RE.search(text)
        if m and len(text) - len(m.group(0)) <= 6 and signed is None:
            d = parse_match(m)
            if d is not None:
                signed = d.isoformat()
                sig_start, sig_end = s, e
                continue
        if signed is not None and ORG_LINE.match(line) and len(text) <= 40:
            org = text.replace(" ", "")
            sig_start = s
            continue
        if signed is not None or len(text) > 40:
            break
    return signed, org, sig_start, (sig_start, sig_end)
