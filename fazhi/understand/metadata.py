"""Who issued the report, for which year, when it was signed and published, and what it is.

The title usually says it all (永清县人民政府关于2023年度法治政府建设工作的情况报告), but
many published reports lost their title in copying, so we also read the body: the unit's
references to itself (我镇, 本县), the place names it mentions (桃林镇8村1社区, 聘请习水县…),
and the years of its opening and its plans. What we infer rather than read is listed in
`Metadata.inferred` so that checks and reviewers can tell the difference.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import lru_cache

from ..data import load as load_data
from ..record import Metadata
from .dates import DATE_RE, parse_match
from .departments import (
    department_forms,
    departments_in_address,
    find_departments,
    lexicon,
    parse_unit,
    short_departments_in_address,
)
from .divisions import Division, divisions, short_name
from .doctype import classify_title, detect_kind
from .numerals import DIGITS
from .page import GLOSS as _GLOSS
from .page import iter_lines


@lru_cache(maxsize=1)
def levels_lexicon() -> dict:
    return load_data("levels.toml")


@lru_cache(maxsize=None)
def _self_patterns(table: str = "self") -> list[tuple[str, re.Pattern[str]]]:
    return [(lvl, re.compile(p)) for lvl, p in levels_lexicon()[table].items()]


@lru_cache(maxsize=1)
def _attribution() -> dict:
    data = load_data("attribution.toml")
    body = data["body"]
    verbs = "|".join(sorted((re.escape(v) for v in body["verbs"]), key=len, reverse=True))
    return {
        "confidence": data["confidence"],
        "site_suffix": re.compile(data["title"]["site_suffix"]),
        "media_lead": re.compile(data["title"]["media_lead"]),
        "news_headline": re.compile(data["title"]["news_headline"]),
        "announce": re.compile(data["title"]["announce"]),
        "subject": re.compile(body["lead"] + r"(?P<unit>[\u4e00-\u9fff()（）\-、]{2,40}?)"
                              r"(?:[(（](?:以下)?简称[^()（）]{1,20}[)）])?(?=[,，]?(?:" + verbs + "))"),
        "topic": re.compile(body["lead"] + r"(?P<unit>[\u4e00-\u9fff]{2,20}?)(?=" + body["topic"] + ")"),
        "preamble": re.compile(body["preamble"]),
        "branch": re.compile(r"(?P<head>[\u4e00-\u9fff]{2,40}?)(?:" + "|".join(data["branch"]["words"]) + ")$"),
        "as_follows": re.compile(body["report_as_follows"]),
        "title_issuer_verbs": re.compile(data["title"]["issuer_verbs"]),
        "credit": re.compile(data["index_no"]["credit"]),
        "zone": re.compile(r"^(?P<zone>[\u4e00-\u9fff\-—]{0,14}?(?:"
                           + "|".join(sorted(data["zone"]["suffixes"], key=len, reverse=True)) + r"))(?:"
                           + "|".join(data["zone"]["governing"]) + r")?(?P<rest>.*)$"),
        "zone_generic": frozenset(data["zone"]["generic"]),
        "zone_governing": frozenset(data["zone"]["governing"]),
        "zone_bare": re.compile(r"^(?P<word>" + "|".join(sorted(data["zone"]["bare"], key=len, reverse=True))
                                + r")(?P<rest>(?:" + "|".join(data["zone"]["governing"]) + r")?[\u4e00-\u9fff]*)$"),
        "division": re.compile(data["index_no"]["division"]),
        "system_data": data["system"],
        "document_number": data["document_number"],
        "own_place_idioms": tuple(body["own_place_idioms"]),
        "word_like_short_names": frozenset(body["word_like_short_names"]),
    }


# A line of the site's menu: three or more short words set apart by spaces or bars.
_MENU_LINE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:\s*[|｜]\s*|\s+)[\u4e00-\u9fff]{2,6}(?:\s*[|｜]\s*|\s+)[\u4e00-\u9fff]{2,6}")
_BREADCRUMB = re.compile(r"当前位置|首页\s*[>›»]|^\S{0,4}\s*[>›»]")
_TITLE_WORDS = re.compile(r"报告|总结|情况|要点|计划|方案|安排|通报|通知|解读|年报|讲话|述法|述职|规划|分工|表彰|表扬|命名|召开|举行|出台|获评")
_HEADING_START = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、])")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年|([〇零○一二三四五六七八九]{4})\s*年")
_DEPT_SUFFIX = re.compile(r"(局|厅|委员会|委|办公室|办|中心|署|总队|支队|大队|院|司法所|管委会|管理委员会)$")
_GOV_WORDS = re.compile(r"人民政府|政府|党委|县委|市委|区委|省委|州委|旗委|镇委|乡委|街道办事处|街道|办事处|公署")
_SALUTATION = re.compile(r"^\s*[\u4e00-\u9fff、,]{2,30}[:]\s*$")
_ORG_LINE = re.compile(r"^\s*(中共)?[\u4e00-\u9fff() ]{3,40}(人民政府|政府|委员会|局|厅|办公室|办事处|街道|党委|县委|区委|市委|镇|乡|委|院|中心)(文件)?\s*$")

# The level word a government uses of itself at each level (我县, 我区 …), as _host_place reads it.
_SELF_LEVEL_WORDS = {"province": "省", "city": "市", "county": "县", "district": "区"}
_LEVEL_SUFFIX = {"province": "人民政府", "city": "人民政府", "county": "人民政府", "district": "人民政府",
                 "township": "人民政府", "street": "街道办事处"}


def _cn_year(s: str) -> int | None:
    try:
        return int("".join(str(DIGITS[c]) if c in DIGITS else "0" for c in s))
    except ValueError:
        return None


_BULLET_LINE = re.compile(r"^[•·▪●◆■]")
# The first line of a title broken after 关于 or after the year that follows it, or after
# the year that follows the unit (某市人民政府关于2020年度 / 法治政府建设情况的报告; 某区某局2024年度 / …).
_ENDS_WITH_ABOUT = re.compile(r"关于\s*(?:(?:19|20)\d{2}\s*年度?)?$|(?<=[局委办厅府镇乡区县市道])(?:19|20)\d{2}\s*年度?$")
_DOC_NO_LINE = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[(（]\s*(19|20)\d{2}\s*[〕\])）]\s*\d+\s*号$")
_WRAP_ENDS = ("报告", "总结", "情况", "要点", "方案", "计划")
# A title run together with the body that follows it (a page that lost its line breaks):
# the title ends at 报告/总结 where the body's first words begin.
_RUN_ON_TITLE = re.compile(r"^([^,。;:!?]{6,70}?(?:报告|总结))(?=\s*(?:(?:19|20)\d{2}\s*年|[一二三四五六七八九十]、|今年|一年来|近年来|根据|按照|为|[\u4e00-\u9fff]{1,12}[:：]))")
_SENTENCE_MARKS = re.compile(r"[。,，;；]")
_LAW_WORDS = re.compile(r"法治|依法|政府|信息公开|政务公开|年度|\d{4}")


_STAMP_LINE = re.compile(r"^[^\n]{4,80}?(?:报告|总结)\s+(?:[\u4e00-\u9fff]{2,20}\s+)?(?P<after>(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})\s*$"
                         r"|^\s*(?P<d>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)\s+\d{1,2}:\d{2}(:\d{2})?(\s.{0,40})?$"
                         r"|^\s*(?:[\u4e00-\u9fff]{2,15}\s+)?[•·]?\s*[\[【(（]?\s*(?P<bare>(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
                         r"|(?:19|20)\d{2}年(?:0\d月\d{1,2}|\d{1,2}月0\d)日)\s*[\]】)）]?\s*$")


def _stamp_line(work: str, start: int, body_start: int) -> tuple[str, int, int] | None:
    """A page's publication stamp set on its own line by the title (2022-05-12 14:44, maybe
    with the publisher after it): a date with its time, or a bare date in figures (2025-01-22)
    or with a zero a person would not write (2025年01月22日: a document's own date is written
    2025年1月22日), before the body begins; a day-first date with its time (25.02.2016 10:00).
    Bare dates one under another are an unlabelled metadata list (成文 and 发布 dates both):
    which is which is not said, so none is taken."""
    found_at: tuple[str, int, int] | None = None
    bare_run = 0
    for s, e, line in iter_lines(work):
        if s < start or not line.strip():
            continue
        if s > body_start + 200:
            break
        m = _STAMP_LINE.match(line)
        if m:
            found = DATE_RE.search(m.group("d") or m.group("bare") or m.group("after"))
            d = parse_match(found) if found else None
            if d is not None:
                if not m.group("bare"):
                    return d.isoformat(), s, e
                bare_run += 1
                found_at = found_at or (d.isoformat(), s, e)
                continue
        elif (dm := _DAY_FIRST_STAMP.match(line)) is not None:
            try:
                return date(int(dm.group(3)), int(dm.group(2)), int(dm.group(1))).isoformat(), s, e
            except ValueError:
                pass
        if found_at is not None:
            break
    return found_at if bare_run == 1 else None


_DAY_FIRST_STAMP = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\s+\d{1,2}:\d{2}(?::\d{2})?\s*$")


# What a page may set before a title: its label (标题, 文件名称) or its document number ([某政发〔2026〕7号]).
_TITLE_LEAD = re.compile(r"^\s*(?:(?:标\s*题|文件名称|信息名称|名\s*称|内容概述)\s*[:：]?\s*)?(?:[\[【(（]?(?:[\u4e00-\u9fff](?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\))?){1,10}"
                         r"\s*[〔\[]\s*(?:19|20)\d{2}\s*[〕\]]\s*\d+\s*号[\]】)）]?\s*)?")


# What a page may set after a title: its document number in brackets (…报告（某政字〔2025〕79号）)
# or the extension of the file it was named after (….docx).
_TITLE_TAIL = re.compile(r"\s*(?:[(（][\u4e00-\u9fff]{1,12}\s*[〔\[]\s*(?:19|20)\d{2}\s*[〕\]]\s*\d+\s*号[)）]"
                         r"|[(（](?:图|组图|附图|全文|附全文|视频|图文)[)）]"
                         r"|[(（\[]\s*(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[)）\]]"
                         r"|(?<=[告结况])\s+(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s+(?:来源|作者|发布|浏览|点击|字号)[^\n]*"
                         r"|(?<=[告结况])\s+(?:[\u4e00-\u9fff]{2,20}\s+)?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
                         r"|\.(?:docx?|pdf|wps|ofd|txt))$", re.I)


def _strip_site(title: str) -> str:
    """A title without the site name a page glued to it (…情况的报告_某县人民政府网), the
    column name it put before it (【省政府法治建设报告】…), a document number before or after
    it, the name of the file it came from, or the 《》 a page quoted it in."""
    title = title.strip(" |｜")  # a title set in a table's cell: |某区2025年度…报告|
    title = re.sub(r"^\s*(?:【[^】]{1,20}】|\[[\u4e00-\u9fff]{1,12}\])\s*", "", title)
    title = _TITLE_LEAD.sub("", title)
    title = _TITLE_TAIL.sub("", title)
    title = _attribution()["site_suffix"].sub("", title).strip()
    m = re.fullmatch(r"《([^《》]+)》", title)
    return m.group(1) if m else title


def find_title(work: str, start: int, limit: int = 1200) -> tuple[str, int, int] | None:
    """The report's title among the first lines; when that names no issuer (the page's
    heading, 关于2020年…的报告) and the document's own fuller title of the same kind and
    year follows just below it (某镇人民政府 / 关于2020年…的报告), the fuller one."""
    found = _first_title(work, start, limit)
    if found is None:
        # a cover letter before the report (现将《某局关于2021年度…的报告》报上，请审阅): its title
        for s, _e, line in iter_lines(work):
            if s < start or not line.strip():
                continue
            if s > start + limit:
                break
            ann = _attribution()["announce"].search(line)
            if ann and _LAW_WORDS.search(ann.group("title")):
                return ann.group("title"), s + ann.start("title"), s + ann.end("title")
        return None
    iss = issuer_from_title(found[0])
    if iss is not None and (title_year(found[0]) is not None or parse_unit(iss).place is not None
                            or parse_unit(iss).level_word is not None):
        return found
    # no issuer, or a column's heading without place or year (政务服务和数据管理局 / 法治政府建设年度报告)
    nxt = _first_title(work, found[2], 400)
    if nxt is not None and issuer_from_title(nxt[0]) is not None \
            and classify_title(nxt[0]) == classify_title(found[0]) \
            and title_year(nxt[0]) in (title_year(found[0]), None if title_year(found[0]) else title_year(nxt[0])):
        # the same title given in full, or a column's name (法治政府建设年度报告) above a report's
        return nxt
    return found


def _first_title(work: str, start: int, limit: int = 1200) -> tuple[str, int, int] | None:
    """The first line that reads as a title: short, no full stop, naming a report or a look-alike.

    An organisation line just above a title that does not name its issuer (a red-header
    document: 某县人民政府文件 / 文号 / 关于…的报告; or a title set in two lines: 某县人民政府 /
    2022年度法治政府建设情况报告) is the title's issuer and is joined to it; a title that
    does not end as titles end runs on into the next one or two short lines.
    """
    cands = []
    counted = 0  # lines that could be a title or the body; a metadata list in bullets (• 发布机构 /
    for s, e, line in iter_lines(work):  # • 某局) does not use up the lines looked at
        if s < start or not re.search(r"[\u4e00-\u9fff0-9A-Za-z]", line):
            continue
        if s > start + limit or counted >= 10:
            break
        cands.append((s, e, line))
        if not (_BULLET_LINE.match(line.strip()) or len(line.strip()) <= 12):
            counted += 1
    org: tuple[str, int] | None = None
    org_at = -2  # the index of the line org was last extended by
    head: tuple[str, int, int] | None = None  # a short line that may open a wrapped title, and its index
    partial = False  # org holds the start of a title broken over lines (…关于 / 2023年度法治政府建设)
    for i, (s, e, line) in enumerate(cands):
        text = line.strip()
        lead = len(line) - len(line.lstrip())
        if _BREADCRUMB.search(text):
            continue  # the site's breadcrumb, numbered as a list (2. 首页 > 政务公开 > …)
        if _HEADING_START.match(text):
            return None
        if _BULLET_LINE.match(text):
            continue  # an item of the site's menus or slogans (• 高举…旗帜，…), never the title
        ann = _attribution()["announce"].search(text)
        if ann and _LAW_WORDS.search(ann.group("title")):
            # 现将《某局2025年度法治政府建设情况报告》予以公布: the preface names the title
            return ann.group("title"), s + lead + ann.start("title"), s + lead + ann.end("title")
        lead_m = _attribution()["media_lead"].match(text)
        if lead_m and _TITLE_WORDS.search(lead_m.group("title")) and _LAW_WORDS.search(lead_m.group("title")):
            # a media summary that names the report it is about: 《某市人民政府2018年度…报告》是…发布的…
            t = lead_m.group("title")
            return t, s + lead + lead_m.start("title"), s + lead + lead_m.end("title")
        if len(text) > 90 or "。" in text:
            m = _RUN_ON_TITLE.match(text) if i == 0 or org is None else None
            if m and _TITLE_WORDS.search(m.group(1)) and _LAW_WORDS.search(m.group(1)):
                return m.group(1).strip(), s + lead, s + lead + len(m.group(1).rstrip())
            return None
        if _SALUTATION.match(line):
            continue
        if len(text) > 30 and (text.endswith((":", "：")) or "如下" in text) or re.search(r"如下\s*[:：]?$", text):
            return None  # the body's opening sentence (现将…报告如下:), not a title
        joined_head = head[0] if head is not None and head[2] == i - 1 and org is None else ""
        if _TITLE_WORDS.search(text) and _LAW_WORDS.search((org[0] if partial and org else "") + joined_head + text):
            a, b = s + lead, s + len(line.rstrip())
            title = _strip_site(text)
            if org is None and not joined_head and title.endswith(("报告", "总结")) \
                    and title_year(title) is None and issuer_from_title(title) is None:
                continue  # a column's name (法治政府建设年度报告) above the page, not a report's title
            if org is not None and (partial or title.startswith("关于") or issuer_from_title(title) is None):
                title, a = org[0] + title, org[1]
            elif org is None and head is not None and head[2] == i - 1 and issuer_from_title(title) is None \
                    and not title.startswith("关于"):
                # a title wrapped at the width of its page (某区司法局2021年度法 / 治政府建设工作报告):
                # the line just above, which no title word ended, is its start
                title, a = head[0] + title, head[1]
            # a title wrapped over two or three lines: join while the next line completes it
            for ns, _ne, nline in cands[i + 1:i + 3]:
                if title.endswith(_WRAP_ENDS):
                    break
                nt = nline.strip()
                if len(nt) > 40 or "。" in nt or _HEADING_START.match(nt) or _SALUTATION.match(nline) \
                        or DATE_RE.search(nt):
                    break
                joined = title + nt
                # a line ending in a conjunction (…工作报告和 / 2023年工作思路) runs on
                if not (nt.endswith(_WRAP_ENDS) or title.endswith(("关于", "和", "及", "暨", "与"))
                        or len(title) + len(nt) <= 50 and _TITLE_WORDS.search(nt)):
                    break
                title, b = joined, ns + len(nline.rstrip())
            return _strip_site(title), a, b
        if _ORG_LINE.match(line) or (_ENDS_WITH_ABOUT.search(text) and len(text) <= 40):
            name = re.sub(r"文件$", "", text).replace(" ", "")
            if org is not None and org_at == i - 1 and not partial and len(org[0]) <= 30:
                org = (org[0] + name, org[1])  # joint issuers set one per line: 中共某镇委员会 / 某镇人民政府
            else:
                org = (name, s + lead)
            org_at = i
            partial = bool(_ENDS_WITH_ABOUT.search(text))
            continue
        if partial and org is not None and len(text) <= 30 and _LAW_WORDS.search(text):
            org = (org[0] + text.replace(" ", ""), org[1])
            continue
        if DATE_RE.search(text) or _DOC_NO_LINE.match(text):
            continue
        if len(text) <= 40 and not _SENTENCE_MARKS.search(text) and re.search(r"[\u4e00-\u9fff]", text) \
                and not _MENU_LINE.search(text):
            head = (text.replace(" ", ""), s + lead, i)
        if len(text) > 20 and _SENTENCE_MARKS.search(text):
            return None  # the body has begun; a long line without them is the site's chrome
    return None


def title_year(title: str) -> int | None:
    m = _YEAR_IN_TITLE.search(title)
    if not m:
        return None
    return int(m.group(1)) if m.group(1) else _cn_year(m.group(2))


_TITLE_BODY = re.compile(r"(法治政府|法治建设|依法行政|依法治|政府信息公开|政务公开|法治[\u4e00-\u9fff]{0,4}建设)")


def issuer_from_title(title: str) -> str | None:
    """The issuing body named in a title: before 关于, before the year, or before the subject."""
    t = re.sub(r"\s+", "", title)
    t = re.sub(r"^(19|20)\d{2}年度?", "", t)  # 2023年度某县法治政府建设情况报告
    m = re.search(r"关于", t)
    head = t[: m.start()] if m else None
    if head is None:
        b = _TITLE_BODY.search(t)
        head = t[: b.start()] if b and b.start() > 0 else None
    if head is None:
        y = _YEAR_IN_TITLE.search(t)
        head = t[: y.start()] if y and y.start() > 0 else None
        if head and re.search(r"报告|总结", head):
            head = None  # a second year in a joined title (…工作报告和2023年工作思路) follows no issuer
    if head:
        head = head.strip("《“”·-—")
        head = re.sub(r"(19|20)\d{2}年度?$", "", head)
        head = _attribution()["title_issuer_verbs"].sub("", head)
        head = _government_of_joint(head)
    return head or None


_PARTY_BODY_END = re.compile(r"(?:工作委员会|委员会|党委|工委|党组|[省市县区州旗]委)(?=[\u4e00-\u9fff])")


def _government_of_joint(issuer: str) -> str:
    """The government unit of a party body and a government unit issuing together, their
    names run together in a title (中共某区委教育工作委员会某区教育委员会, 中共某县委某县人民政府):
    the one named last, when it is a unit of a place."""
    if not issuer.startswith("中共"):
        return issuer
    for m in _PARTY_BODY_END.finditer(issuer, 4):
        rest = issuer[m.end():]
        u = parse_unit(rest)
        if u.place is not None and rest.startswith(u.place) and len(rest) > len(u.place) \
                and (u.is_department or _GOV_WORDS.search(rest)):
            return rest
    return issuer


class _Place:
    """A place name found in text: where, and which divisions it may be."""

    def __init__(self, name: str, start: int, cands: list[Division]):
        self.name, self.start, self.cands = name, start, cands


def _places(text: str) -> list[_Place]:
    d = divisions()
    out = []
    for s, e, name in d.find(text):
        cands = [c for c in d.named(name)]
        out.append(_Place(name, s, cands))
    return out


_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# What each level word stands for: the table's kind, and for 区/县 the end of the name.
_LEVEL_WORD_KINDS = {"省": ("province",), "市": ("city",), "州": ("city",), "盟": ("city",), "区": ("county", "区"),
                     "县": ("county", "县"), "旗": ("county", "旗"), "自治区": ("province",), "自治州": ("city",),
                     "乡": ("township", "乡"), "镇": ("township", "镇")}


class _Context:
    """The place names a document mentions, computed only when a name is ambiguous, and the
    places its site's address names (liujiang.gov.cn: 柳江区), which settle a township name
    that several counties share as a mention in the text would."""

    def __init__(self, text: str, url: str | None = None):
        self._text = text
        self.url = url if url and url.startswith(("http://", "https://")) else None
        self._text_names: set[str] | None = None
        self._names: set[str] | None = None
        self._host: tuple[list[Division], list[Division]] | None = None

    @property
    def text_names(self) -> set[str]:
        if self._text_names is None:
            self._text_names = divisions().names_in(self._text)
        return self._text_names

    @property
    def names(self) -> set[str]:
        if self._names is None:
            self._names = self.text_names | {n for d in self.host[0] for n in (d.name, short_name(d.name))}
        return self._names

    @property
    def host(self) -> tuple[list[Division], list[Division]]:
        """(named, guessed) divisions of the site's address (Divisions.from_url)."""
        if self._host is None:
            self._host = divisions().from_url(self.url) if self.url else ([], [])
        return self._host

    def level_place(self, level_word: str, body: str) -> Division | None:
        """The place a bare level word (省/市/区/县 in 省司法厅, 市人社局) stands for: the place
        of that level the body names most, by its full name, else by its short one."""
        want = _LEVEL_WORD_KINDS.get(level_word)
        if want is None:
            return None
        d = divisions()

        def fits(c: Division) -> bool:
            if level_word == "市" and c.kind == "province":
                return c.name in _MUNICIPALITIES
            return c.kind == want[0] and (len(want) == 1 or c.name.endswith(want[1:]))

        counts: Counter = Counter()
        for _s, _e, name in d.find(body):
            cs = [c for c in d.named(name) if fits(c) and not c.former]
            if len({c.code for c in cs}) == 1:
                counts[cs[0].code] += 1
        if not counts:
            shorts = d.short_names()
            words = _attribution()["word_like_short_names"]
            for _end, (name, is_short) in d.matches(body):
                if is_short and name not in words:  # 中华人民共和国 names no 共和县
                    cs = [c for c in shorts.get(name, []) if fits(c) and not c.former]
                    if len({c.code for c in cs}) == 1:
                        counts[cs[0].code] += 1
        if not counts:
            return None
        best = counts.most_common(2)
        if len(best) > 1 and best[0][1] == best[1][1]:
            return None
        return d.by_code[best[0][0]]

    def confirms(self, d: Division, exclude: str = "") -> bool:
        """True when the text names one of d's ancestors (in full or short form)."""
        return any(_named(a, self.names, exclude) for a in divisions().ancestors(d))


def _named(d: Division, names: set[str], exclude: str) -> bool:
    """True when the text names d (in full or short form) other than inside `exclude`, the very
    name being resolved (芦溪镇 holds 芦溪, the short name of 芦溪县, which confirms nothing)."""
    return any(n in names and n not in exclude for n in (d.name, short_name(d.name)))


def _resolve(cands: list[Division], context: _Context, exclude: str = "") -> Division | None:
    """Pick the candidate whose ancestors the text names; None if still ambiguous."""
    if not cands:
        return None
    current = [c for c in cands if not c.former] or cands
    if len(current) == 1 and len({c.code for c in cands}) == 1:
        return current[0]
    d = divisions()
    scored = []
    for c in cands:
        score = 0
        for a in d.ancestors(c):
            if _named(a, context.names, exclude):
                score += 2 if a.kind != "province" else 1
        scored.append((score, not c.former, c))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][2]
    codes = {c.code for c in current}
    if len(codes) == 1:
        return current[0]
    if context.url:
        # a site's initials that fit several places (fjyx: 尤溪县 or 云霄县) settle a name
        # shared across counties when only one of those places holds it
        guessed = {g.code for g in context.host[1]}
        held = [c for c in current if any(a.code in guessed for a in d.ancestors(c))]
        if len({c.code for c in held}) == 1:
            return held[0]
    return None


def _self_level(work: str, tables: tuple[str, ...] = ("self", "self_weak")) -> tuple[str | None, bool]:
    """The level a report speaks of itself as (我镇 -> township); failing any first-person
    reference, the level of the whole area and leading bodies it names most (全区, 区政府),
    which a street's report also uses of the district above it: (level, read in the first person)."""
    counts: Counter = Counter()
    for table in tables:
        counts = Counter()
        for lvl, pat in _self_patterns(table):
            counts[lvl] = len(pat.findall(work))
        if counts and max(counts.values()) > 0:
            level = counts.most_common(1)[0][0]
            if level == "district" and _speaks_as_region(work):
                level = "province"
            return level, table == "self"
    return None, False


@lru_cache(maxsize=1)
def _system_patterns() -> tuple[re.Pattern[str], dict[str, str], dict[str, tuple[str, ...]], re.Pattern[str],
                                re.Pattern[str]]:
    sy = _attribution()["system_data"]
    return (re.compile(sy["pattern"]), dict(sy["stems"]), {k: tuple(v) for k, v in sy["suffixes"].items()},
            re.compile(sy["bare_self"]), re.compile(sy["as_department"]))


def _line_of_work(body: str, which: str = "both") -> Counter:
    """The lines of work (交通运输, 生态环境) a department names as its own: as its place's
    system (全市交通运输系统) or as itself (作为生态环境部门); only stems the lexicon knows."""
    system, stems, _suffixes, _bare, as_dept = _system_patterns()
    lex = lexicon()
    pats = {"system": (system,), "as_department": (as_dept,), "both": (system, as_dept)}[which]
    counts: Counter = Counter()
    for pat in pats:
        for m in pat.finditer(body):
            said = m.group("stem") or (m.groupdict().get("stem2") or "")
            stem = stems.get(said, said)
            if any(lex.lookup(stem + suf) for suf in ("局", "厅", "委员会")):
                counts[(stem, m.group(0))] += 1
    return counts


def _system_department(body: str, place: Division) -> tuple[str, str] | None:
    """(department name, the words read) for a 我局 report that names its line of work as its
    place's system (全市交通运输系统, 全省市场监管系统, 全县司法行政系统): the department of
    that line, with the suffix its self-reference gives (我局 -> 局, 我委 -> 委员会)."""
    suffixes = _system_patterns()[2]
    lex = lexicon()
    counts: Counter = Counter()
    said: dict[str, str] = {}
    for (stem, words), n in _line_of_work(body).items():
        counts[stem] += n
        said.setdefault(stem, words)
    if not counts:
        return None
    best = counts.most_common(2)
    if len(best) > 1 and best[0][1] == best[1][1]:
        return None
    stem = best[0][0]
    self_words = Counter(w for w in re.findall(r"[我本]([局委厅办])", body))
    word = self_words.most_common(1)[0][0] if self_words else "局"
    order = suffixes.get(f"{word}:{place.kind}") or suffixes.get(word) or ("局",)
    for suf in order:
        hit = lex.lookup(stem + suf)
        if hit is not None and hit[1].split("#")[0] and hit[1] not in lex.former:
            return hit[0], said[stem]
    return None


@lru_cache(maxsize=1)
def _document_number_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    dn = _attribution()["document_number"]
    return re.compile(dn["pattern"]), dict(dn["provinces"])


def _province_of_document_numbers(body: str) -> Division | None:
    """The province whose one-character name opens the numbers of the documents a report
    that speaks as a province (全省, 我省) cites (苏依法办〔2019〕5号, 川府发〔2021〕3号): the one
    province they all name."""
    pattern, provinces = _document_number_pattern()
    found = {provinces[m.group("abbr")] for m in pattern.finditer(body) if m.group("abbr") in provinces}
    if len(found) != 1:
        return None
    got = [c for c in divisions().named(found.pop()) if c.kind == "province" and not c.former]
    return got[0] if len(got) == 1 else None


_OPENING_SYSTEM = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年(?:度|以来)?\s*[,，]?\s*)?(全[省市县区州旗盟][\u4e00-\u9fff]{2,12}?系统)")
_OPENING_REPORT = re.compile(r"现将[^。]{0,40}?报告如下")


def _opens_as_department(body: str) -> bool:
    """True when the body's first sentence, or its 现将…报告如下, has the unit call itself a
    department (我局, 本委): how the report names its speaker, whatever it names most after."""
    dept = dict(_self_patterns("self"))["department"]
    head = body[:600]
    stop = head.find("。")
    if dept.search(head, 0, stop if 0 <= stop < 300 else 300):
        return True
    opening = _OPENING_SYSTEM.match(head)
    if opening and _line_of_work(opening.group(1), "system"):
        return True  # 2025年，全区司法行政系统坚持…: the system's department speaks
    m = _OPENING_REPORT.search(head)
    return bool(m and dept.search(m.group(0)))


@lru_cache(maxsize=1)
def _region_patterns() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    r = levels_lexicon()["region"]
    return re.compile(r["own"]), re.compile(r["district_own"]), int(r["min_own"])


def _speaks_as_region(work: str) -> bool:
    """True when 我区/全区 is an autonomous region speaking of itself (自治区人民政府…, no 区委)."""
    own, district_own, least = _region_patterns()
    return len(own.findall(work)) >= least and district_own.search(work) is None


@lru_cache(maxsize=1)
def _year_heading() -> re.Pattern[str]:
    return re.compile(load_data("attribution.toml")["year"]["heading"])


def _body_year(work: str, start: int, end: int) -> tuple[int | None, int | None]:
    """The year the body reports on, and the year its plans are for."""
    years: Counter = Counter()
    for m in re.finditer(r"(?:^|[。;\n]|现将|报告如下|[,:]|(?<=[\u4e00-\u9fff])\s)[\s?？]*((?:19|20)\d{2})\s*年(?:度|以来|来|,|,|全年|我|全|共|累计|是)"
                         r"|(?:现将|总结|梳理|回顾)[\u4e00-\u9fff]{0,8}?\s*((?:19|20)\d{2})\s*年", work[start:end]):
        y = int(m.group(1) or m.group(2))
        years[y] += 1
    if not years:
        for m in _year_heading().finditer(work, start, end):
            years[int(m.group(1))] += 1
    plan = None
    pm = re.search(r"((?:19|20)\d{2})\s*年(?:度)?[\u4e00-\u9fff]{0,16}(打算|计划|安排|思路|重点工作|工作重点|工作措施|主要任务)",
                   work[start:end])
    if pm:
        plan = int(pm.group(1))
    year = years.most_common(1)[0][0] if years else None
    return year, plan


# A cover letter before the report: its request line, then the sender and the date it signed.
_COVER_LETTER = re.compile(r"(?:请审阅|请审议|请审示|请审定|请阅示|予以审议)[^\n]{0,80}\n(?:[ \t]*\n)?[ \t]*"
                           r"[\u4e00-\u9fff（）()]{3,40}[ \t]*\n(?:[ \t]*\n)?[ \t]*"
                           r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[ \t]*\n")


def _signature(work: str, start: int, end: int) -> tuple[str | None, str | None, int, tuple[int, int]]:
    """(signing date, signing org, where the signature block begins, its span) from the last
    lines: a date and the organisation lines above it, or an organisation line alone at the end."""
    lines = [(s, e, l) for s, e, l in iter_lines(work) if start <= s < end and l.strip()]
    signed = org = None
    sig_start = end
    sig_end = end
    for i, (s, e, line) in enumerate(reversed(lines[-6:])):
        text = line.strip()
        if i == 0 and _ORG_LINE.match(line) and len(text) <= 30 and not _TITLE_WORDS.search(text):
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
        if signed is not None and _ORG_LINE.match(line) and len(text) <= 40:
            org = text.replace(" ", "")
            sig_start = s
            continue
        if signed is not None or len(text) > 40:
            break
    return signed, org, sig_start, (sig_start, sig_end)


def _only_places(name: str) -> bool:
    """True for an issuer that is only place names (成都市武侯区): the unit's government is meant."""
    rest = re.sub(r"\s+", "", name)
    for _s, _e, n in divisions().find(rest):
        rest = rest.replace(n, "", 1)
    return rest == ""


def _department_name(issuer: str) -> str | None:
    names = re.split(r"[\s、,]+", issuer)
    for n in names:
        if _DEPT_SUFFIX.search(n) and not re.search(r"人民政府$|党委$|县委$|市委$|区委$|省委$", n):
            if "人民政府办公室" in n or not _GOV_WORDS.fullmatch(n):
                return n
    return None


class _Cand:
    """A name that may be the issuer, where it was read, and how far that source is trusted."""

    __slots__ = ("name", "source", "start", "end", "conf")

    def __init__(self, name: str, source: str, start: int | None, end: int | None, conf: float):
        self.name, self.source, self.start, self.end, self.conf = name, source, start, end, conf


def _field(page_fields: dict, key: str) -> tuple[str | None, int | None, int | None]:
    v = page_fields.get(key)
    return (v[0], v[1], v[2]) if v else (None, None, None)


_SELF_WORDS = ("我", "本", "该", "各", "全")


def _is_unit(name: str) -> bool:
    """A name that is a government or a department (not a newspaper or a site's section);
    省政府 and 市人民政府 name their place by its level alone."""
    if name[:1] in _SELF_WORDS:
        return False  # 我分局, 本委, 该局: the unit speaking of itself, not its name
    u = parse_unit(name)
    if u.is_department or (u.place is not None and len(u.name) <= len(u.place) + 6):
        return True
    return u.level_word is not None and u.name[1:] in ("政府", "人民政府")


_TOWN_BODIES = re.compile(r"(?:党工委|党委|办事处|人民政府|政府)$")


def _town_of(part: str) -> tuple[str, int] | None:
    """(the township or street, how much of part names it) for a town's leading body named
    after it (某街党工委, 某镇党委): 街 stands for 街道 (某街 is how a street names itself)."""
    rest = _TOWN_BODIES.sub("", part)
    if rest == part or len(rest) < 2:
        return None
    name = rest + "道" if rest.endswith("街") else rest
    if any(c.kind == "township" for c in divisions().named(name)):
        return name, len(rest)
    return None


_CLAUSE_END = re.compile(r"[,，;；:：。]")  # 。 only ends a clause past a preamble sentence
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]是|首先|其次|再次|同时|此外)")


def _body_subject(work: str, body_start: int, body_end: int) -> _Cand | None:
    """The unit that opens a clause of the body's first sentence (2022年，某区坚持…; 2023年，在
    县委的领导下，某县教育局深入开展…) or its 现将…报告如下."""
    att = _attribution()
    conf = att["confidence"]["body"]
    for s, _e, line in iter_lines(work):
        if s < body_start or not line.strip():
            continue
        if s > body_start + 1500:
            break
        stop = line.find("。")
        if stop >= 0 and att["preamble"].match(line, 0, stop):
            # 2021年是"十四五"开局之年。在区委的领导下，某街…: the subject opens the next sentence
            nxt_stop = line.find("。", stop + 1)
            stop = len(line) if nxt_stop < 0 else nxt_stop
        stop = min(len(line), 250) if stop < 0 else min(stop, 250)
        pos = 0
        while pos < stop:
            m = att["subject"].match(line, pos)
            if m is not None and line[m.end("unit"):m.end("unit") + 1] in (",", "，"):
                # the unit set off by a comma (某市林业和草原局，以…): only a known department
                # with its place, or a place's government, not any clause (…的决策部署，…)
                u = parse_unit(m.group("unit"))
                if not (u.known and u.place is not None or u.department is None and u.place is not None
                        and _GOV_WORDS.search(m.group("unit"))):
                    m = None
            t = att["topic"].match(line, pos) if m is None else None
            if t is not None:
                # 2022年某街道法治政府建设工作，…: only a township or street is read so, the
                # unit a district's page most often leaves unnamed elsewhere
                unit = t.group("unit")
                name = unit + "道" if unit.endswith("街") else unit
                if any(c.kind == "township" for c in divisions().named(name)):
                    at = s + t.start("unit")
                    return _Cand(name, "body", at, at + len(unit), conf)
                u = parse_unit(unit)
                if u.is_department and (u.place is not None or u.level_word):
                    at = s + t.start("unit")
                    return _Cand(unit, "body", at, at + len(unit), conf)
            if m and "、" in m.group("unit"):
                # joint issuers (中共某县委、某县人民政府坚持…): the government, named last
                at = s + m.start("unit")
                for part in reversed(m.group("unit").split("、")):
                    if len(part) >= 2 and _is_unit(part):
                        a = at + m.group("unit").rfind(part)
                        return _Cand(part, "body", a, a + len(part), conf)
                    town = _town_of(part)
                    if town is not None:  # 某街党工委、办事处…: the street its bodies stand for
                        a = at + m.group("unit").rfind(part)
                        return _Cand(town[0], "body", a, a + town[1], conf)
                m = None
            if m and _ENUMERATOR.match(m.group("unit")):
                m = None  # 一是农工委党组…: a point of a list, whose subject is a body of the unit
            if m:
                unit = m.group("unit")
                if _is_unit(unit) or _zone_parts(unit):
                    return _Cand(unit, "body", s + m.start("unit"), s + m.end("unit"), conf)
                if unit.endswith("街") and divisions().named(unit + "道"):
                    at = s + m.start("unit")
                    return _Cand(unit + "道", "body", at, at + len(unit), conf)  # 松洲街 for 松洲街道
                dept = _department_prefix(unit)
                if dept:  # 某市农业农村局法治政府建设工作在…: the department that opens it
                    at = s + m.start("unit")
                    return _Cand(dept, "body", at, at + len(dept), conf)
                hits = divisions().find(unit)
                if hits and hits[0][0] == 0:  # 中村乡法治政府建设工作在…: the place that opens it
                    name = hits[0][2]
                    at = s + m.start("unit")
                    return _Cand(name, "body", at, at + len(name), conf)
            nxt = _CLAUSE_END.search(line, pos, stop)
            if nxt is None:
                break
            pos = nxt.end()
        m = att["as_follows"].search(line)
        if m and _is_unit(m.group(1)):
            return _Cand(m.group(1), "body", s + m.start(1), s + m.end(1), conf)
        if len(line.strip()) > 30:
            break
    return None


def _branch_place(name: str, place: Division) -> Division | None:
    """The county-level unit within `place` that names a department's branch by its short or
    full name just before the branch word (龙岗管理局, 游仙分局, 宿城区分局), or between the
    city and the department (某市三台生态环境局)."""
    d = divisions()
    name = re.sub(r"\s+", "", name)
    rest = name[name.find(place.name) + len(place.name):] if place.name in name else ""
    for k in range(2, 5):
        # 某市三台生态环境局: the county's short name between the city and the department
        cands = [c for c in d.named(rest[:k]) + d.short_names().get(rest[:k], [])
                 if c.kind == "county" and not c.former and d._within(c, place)]
        if len({c.code for c in cands}) == 1 and parse_unit(rest[k:]).known:
            return cands[0]
    m = _attribution()["branch"].search(name)
    if m is None:
        return None
    head = m.group("head")
    for k in range(2, min(5, len(head) - 2) + 1):
        piece = head[-k:]
        cands = [c for c in d.named(piece) + d.short_names().get(piece, [])
                 if c.kind == "county" and not c.former and d._within(c, place)]
        if len({c.code for c in cands}) == 1 and parse_unit(head[:-k]).is_department:
            return cands[0]
    return None


_OWN_TING = re.compile(r"[我本]厅")
# The party committee's departments (组织部 …): the only 部 below the central level.
_PARTY_DEPARTMENTS = ("组织部", "宣传部", "统一战线工作部")


def _central(unit) -> bool:
    """A ministry named without a place (交通运输部, 国家税务总局): reposted on a local site it
    is still no department of that place."""
    if unit.place is not None or unit.level_word in _LEVEL_WORD_KINDS:
        return False
    dept = unit.department or ""
    return unit.place_level == "central" or dept.endswith("部") and dept not in _PARTY_DEPARTMENTS


def _drafter(name: str, self_level: str | None, first_person: bool) -> bool:
    """A department in the page's 来源 field of a report that speaks of itself as a government
    (我市, 我县): the bureau that drafted or posted it, not its issuer."""
    return first_person and self_level not in (None, "department") and parse_unit(name).is_department


def _full_department(name: str) -> str:
    """A department with its place, its name given in full where it was written in a short
    form the lexicon knows (某市科技局 -> 某市科学技术局), as the record gives departments."""
    u = parse_unit(name)
    if u.known and u.department and re.search(r"(?:党组|党委)$", name):
        # 中共某市交通运输局党组: the department its party group reports for
        name = re.sub(r"^中共|(?:党组|党委)$", "", name)
    if not (u.known and u.department and u.place) or not name.startswith(u.place):
        return name
    rest = name[len(u.place):]
    gov = next((g for g in ("人民政府", "政府") if rest.startswith(g)), "")
    hit = lexicon().lookup(rest[len(gov):])
    full = hit[0] if hit else rest[len(gov):]
    if full in lexicon().government_offices:
        # 某市外事办公室, 某市政府国资委: the office is its government's, and named so
        return u.place + "人民政府" + full
    return u.place + full if hit and hit[0] != rest else name


def _as_the_page_names(dept: str, page_fields: dict, body: str, source: str | None) -> str:
    """The department under the official name the page itself uses, where one function has
    several (文化广电和旅游局, 文化广电新闻出版旅游局; 教育和体育局, 教育体育局) and the name was
    read from a short form (文广旅局) or the site's address, which only say which function:
    the name its 发布机构/来源 field gives in a fuller form, for the same place; else, for a
    name from the address, the one full stem of that function the text writes."""
    u = parse_unit(dept)
    if not (u.known and u.department and u.place) or not dept.startswith(u.place):
        return dept
    lex = lexicon()
    hit = lex.lookup(dept[len(u.place):])
    if hit is None:
        return dept
    for name in ("issuer", "source_org"):
        value = _field(page_fields, name)[0]
        if not value:
            continue
        full = _full_department(re.sub(r"\s+", "", value))
        if full != dept and full.startswith(u.place):
            other = lex.lookup(full[len(u.place):])
            if other is not None and other[1] == hit[1] and other[0] == full[len(u.place):]:
                return full
    if source == "site":
        suffix = next((s for s in _DEPT_SUFFIXES if hit[0].endswith(s)), "")
        names = [form for form, (canon, key) in lex.forms.items() if key == hit[1] and form == canon
                 and form.endswith(suffix) and form != hit[0]]
        written = [n for n in names if len(n) - len(suffix) >= 4 and n[:len(n) - len(suffix)] in body]
        if len(written) == 1 and hit[0][:len(hit[0]) - len(suffix)] not in body:
            return u.place + written[0]
    return dept


_DEPT_SUFFIXES = ("委员会", "办公室", "局", "厅", "委", "办", "部")


def _converted(work: str, shown: str, start: int, end: int) -> str:
    """The working view's text where the page is in traditional script (its place names are
    found in simplified form only), else nothing: most pages need no second reading."""
    sample = shown[start:start + 2000]
    if shown is work or sum(sample.count(c) for c in _TRADITIONAL_MARKS) < 3:
        return ""
    return _unglossed(work[start:end]) + " "


# Characters frequent in reports that traditional script writes otherwise (國 for 国 …):
# three of them in a page's opening mean it is written in traditional script.
_TRADITIONAL_MARKS = "國會為發與對關這個們時說實經進體報設區縣鎮議務"


def _unglossed(text: str) -> str:
    """text without pinyin glosses after its characters (區(qū) -> 區); most texts have none."""
    return _GLOSS.sub("", text) if "(" in text else text


def _department_prefix(unit: str) -> str | None:
    """The department with its place or level word that opens a longer subject
    (某市农业农村局法治政府建设工作 -> 某市农业农村局), or None."""
    for m in reversed(list(_DEPT_END.finditer(unit))):
        head = unit[:m.end()]
        u = parse_unit(head)
        if u.is_department and (u.place is not None or u.level_word):
            return head
    return None


_SELF_KIND = re.compile(r"[我本](局|委|厅|办|中心|署)")
_SELF_KIND_ENDS = {"局": ("局",), "委": ("委", "委员会"), "厅": ("厅",), "办": ("办", "办公室"), "中心": ("中心",),
                   "署": ("署",)}
_DEPT_END = re.compile(r"(?:局|厅|委员会|委|办公室|中心|署)(?=.)")


# A document title that opens with its year before the unit's name (《2024年度某县应急管理局学法计划》).
_TITLE_YEAR_LEAD = re.compile(r"《(?:19|20)\d{2}\s*年度?$")


def _own_department(work: str, body_start: int, body_end: int) -> _Cand | None:
    """The department a 我局 report names as itself: a department name (with its place or
    level word) followed by its own leading bodies or posts (区司法局党委书记, 市文旅局党组),
    or opening the title of a document it made (《某区统计局2022年…计划》). The one named so
    most often, when it is alone at the top."""
    own = _own_marks()
    body = work[body_start:body_end]
    # the kind of unit it calls itself (我委 -> a 委员会): a document title that opens with a
    # unit of another kind (我委 citing 《某区疾病预防控制中心机构职能编制规定》) is not its own
    selves = Counter(m.group(1) for m in _SELF_KIND.finditer(body))
    kinds = _SELF_KIND_ENDS.get(selves.most_common(1)[0][0]) if selves else None
    counts: Counter = Counter()
    first: dict[str, tuple[str, int, int]] = {}
    for s, e, _form, canon in find_departments(body):
        a = _named_start(body, s, e)
        if a is None or not (own.match(body, e) or body[a - 1:a] == "《"
                             or _TITLE_YEAR_LEAD.search(body, max(0, a - 10), a)):
            continue
        if kinds and not canon.endswith(kinds):
            continue
        counts[canon] += 1
        first.setdefault(canon, (body[a:e], a, e))
    best = counts.most_common(2)
    if not best or len(best) > 1 and best[0][1] == best[1][1]:
        return None
    name, a, b = first[best[0][0]]
    return _Cand(name, "body", body_start + a, body_start + b, _attribution()["confidence"]["body"])


@lru_cache(maxsize=1)
def _own_marks() -> re.Pattern[str]:
    return re.compile("|".join(levels_lexicon()["own_department"]["after"]))


def _named_start(body: str, s: int, e: int) -> int | None:
    """Where the department name ending at e begins, with the place names or the level word
    that open it (江门市新会区统计局, 区司法局; 市文化旅游广电局 around the known 广电局);
    None when no place or level word opens it."""
    best = None
    for a in range(s - 1, max(0, s - 16) - 1, -1):
        u = parse_unit(body[a:e])
        if u.is_department and (u.place is not None and u.name.startswith(u.place) or u.level_word):
            best = a
    return best


def _index_place(value: str) -> Division | None:
    """The division whose code opens a 索引号 (11510722MB…/2023-00012 or 510722-…)."""
    att = _attribution()
    d = divisions()
    for pat in (att["credit"], att["division"]):
        m = pat.match(value)
        if m:
            code = m.group(1)
            if code.endswith("0000") and code[:2] + "0000" != code:
                continue
            got = d.by_code.get(code + "000000")
            if got is not None:
                return got
    return None


def _place_of(name: str, context: _Context) -> tuple[Division | None, str | None, str | None, Division | None]:
    """The most specific division a name gives (县 within 市 within 省), resolved against the
    text's other place names; else the ambiguous name and its level when all readings agree.
    A township or street the table lacks (a new 街道 of a district) is not taken for its district."""
    places = _places(name)
    if not places and name.endswith("街") and divisions().named(name + "道"):
        places = _places(name + "道")  # 海滨街 for 海滨街道
    rank = {"township": 0, "county": 1, "city": 2, "province": 3}
    places.sort(key=lambda p: min((rank[c.kind] for c in p.cands), default=9))
    place = None
    for p in places:
        place = _resolve(p.cands, context, exclude=p.name)
        if place is not None:
            break
    if place is not None and place.kind != "township":
        tail = name[name.find(place.name) + len(place.name):] if place.name in name else ""
        tail = re.sub(r"^(?:人民政府|政府)", "", tail)  # 某区人民政府某街道办事处
        m = re.match(r"^([\u4e00-\u9fff]{2,8}?(?:街道|镇|乡))(?:办事处|人民政府|党委|党工委)?", tail)
        if m and not parse_unit(tail).is_department:
            return None, m.group(1), "street" if m.group(1).endswith("街道") else "township", place
    if place is None and places:
        levels = {c.level for c in places[0].cands}
        return None, places[0].name, (levels.pop() if len(levels) == 1 else None), None
    return place, None, None, None


@lru_cache(maxsize=256)
def _zone_parts(name: str) -> tuple[str, str, Division | None] | None:
    """(zone, what follows it, the most specific place that leads its name) for a development
    zone or new area the division table lacks (珠海高新区综治局 -> 珠海高新区, 综治局, 珠海市)."""
    m = _attribution()["zone"].match(re.sub(r"\s+", "", name))
    if m is None:
        return None
    zone, rest = m.group("zone"), m.group("rest")
    d = divisions()
    if d.named(zone) or rest.startswith(("(", "（")) or zone in ("新区", "示范区", "试验区", "合作区"):
        return None  # a division (两江新区), or a zone that names its division in brackets
    if rest and not parse_unit(rest).is_department and not re.fullmatch(r"(人民政府|政府|办公室)?", rest):
        return None
    parent: Division | None = None
    pos = 0
    shorts = d.short_names()
    while pos < len(zone):
        best = None
        for n in range(min(12, len(zone) - pos), 1, -1):
            piece = zone[pos:pos + n]
            cands = [c for c in d.named(piece) + shorts.get(piece, []) if not c.former and c.kind != "township"
                     and (parent is None or c.code != parent.code and c.code.startswith(
                         parent.code[:2] if parent.kind == "province" else parent.code[:4]))]
            if cands and len({c.code for c in cands}) == 1:
                best = (cands[0], n)
                break
        if best is None:
            break
        parent, pos = best[0], pos + best[1]
    if zone[pos:] in ("", "新区"):
        return None  # nothing but places: not a zone
    return zone, rest, parent


# where a name, not a clause, begins: a line's start, a title's or a quotation's opening mark
_ZONE_LEAD = re.compile(r"(?:^|(?<=[《“\"「\n]))(?P<name>[\u4e00-\u9fff]{2,4}?)")
# 全区, 本新区, 省市新区 (the levels above it): no zone's own name
_NOT_ZONE_NAME = re.compile(r"^[全本我该各其新]|^[省市县区州盟旗乡镇]+$")


def _zone_in_body(issuer: str, body: str) -> str | None:
    """A unit that names its zone by the zone's kind alone (新区司法局, 高新区管委会): the unit
    under the one full name of that kind the body gives (《金普新区2025年…》 -> 金普新区司法局)."""
    m = _attribution()["zone_bare"].match(re.sub(r"\s+", "", issuer))
    if m is None or m.group("rest") and not (parse_unit(m.group("rest")).is_department
                                             or m.group("rest") in _attribution()["zone_governing"]):
        return None
    word = m.group("word")
    names = {z.group("name") + word for z in re.finditer(_ZONE_LEAD.pattern + re.escape(word), body)
             if not _NOT_ZONE_NAME.match(z.group("name"))}
    if len(names) != 1:
        return None
    return names.pop() + m.group("rest")


def _zone_place(parts: tuple[str, str, Division | None], context: _Context) -> tuple[str, Division | None]:
    """The zone's name as the record gives it and its parent: the place leading its name, or
    a place within that (or any, when none leads it) that the site's address names."""
    zone, _rest, parent = parts
    hosted = [c for c in context.host[0] if c.kind in ("city", "county")]
    within = [c for c in hosted if parent is None or divisions()._within(c, parent)]
    if within and len({c.code for c in within}) == 1:
        if parent is None and zone in _attribution()["zone_generic"]:
            zone = short_name(within[0].name) + zone
        parent = within[0]
    return zone, parent


def _county_as_named(issuer: str, town: Division) -> str | None:
    """The county a township's issuer names before it (重庆市某区某镇人民政府) when the table
    now files the town elsewhere (a district merged or towns moved since): the report's
    county is the one it was written under."""
    d = divisions()
    name = re.sub(r"\s+", "", issuer)
    at = name.find(town.name)
    counties = [n for s, _e, n in d.find(name[:at] if at > 0 else "")
                if any(c.kind == "county" for c in d.named(n))]
    if not counties:
        return None
    cands = [c for c in d.named(counties[-1]) if c.kind == "county"]
    own = d.county_of(town)
    if own is not None and any(c.code == own.code and c.name == own.name for c in cands):
        return None
    if own is not None and not all(c.code[:2] == own.code[:2] for c in cands):
        return None  # a county of another province: no reading of the town's
    return counties[-1]


def _set_place(md: Metadata, place: Division) -> None:
    d = divisions()
    md.jurisdiction = place.name
    md.level = place.level
    md.division_code = place.code6
    prov = d.province_of(place)
    city = d.city_of(place)
    county = d.county_of(place)
    md.province = prov.name if prov else None
    md.city = city.name if city else None
    if place.kind == "city":
        md.city = place.name
    if place.kind == "province":
        md.city = None
    md.county = county.name if county else None


def _evidence(md: Metadata, fld: str, source: str, work: str, start: int | None, end: int | None,
              conf: float, text: str | None = None) -> None:
    if start is not None and end is not None:
        text = work[start:end].strip()
    md.evidence[fld] = {"source": source, "text": text, "start": start, "end": end}
    md.confidence[fld] = round(conf, 2)


def _as_written(text: str, work: str, a: int, b: int, title: str) -> str:
    """The title in the document's own characters (traditional script stays as written): the
    characters of text at the positions the title took from the working view."""
    squashed = re.sub(r"\s+", "", title)
    pos = [i for i in range(a, b) if not work[i].isspace()]
    # the title may sit inside its span after what was stripped before it (a document number)
    at = "".join(work[i] for i in pos).find(squashed)
    if at < 0:
        return title
    orig = "".join(text[i] for i in pos[at:at + len(squashed)])
    return orig if re.sub(r"\s+", "", orig) == orig else title


def _host_place(level_word: str | None, context: _Context, guess: bool = False) -> Division | None:
    """The place a site's address names (gtzy.shiyan.gov.cn -> 十堰市, cqjlp.gov.cn -> 九龙坡区),
    at the level the name's level word asks for; when the pinyin is shared, the one the text
    names; a place the address gives only by initials (fl.gov.cn) only when the text names it,
    or when a province is asked for and the initials are one province's alone (sc.gov.cn)."""
    named, guessed = context.host
    known = context.text_names
    want = _LEVEL_WORD_KINDS.get(level_word or "")
    named = [c for c in named if c.kind != "township" or want and want[0] == "township"]
    cands = named + [g for g in guessed if g.name in known or short_name(g.name) in known]
    if want:
        cands = [c for c in cands if c.kind == want[0] and (len(want) == 1 or c.name.endswith(want[1:]))
                 or level_word == "市" and c.name in _MUNICIPALITIES]
        if not cands and want[0] == "province":
            # a province's initials (sc.gov.cn), which few provinces share; a county's (fl.gov.cn)
            # are shared too widely to be read without the text naming the place
            cands = [g for g in guessed if g.kind == "province"]
    if len({c.code for c in cands}) > 1 and level_word is None:
        # a place and the places above it (cqkz.gov.cn: 开州区 in 重庆市): the most specific
        chain = sorted(cands, key=lambda c: {"township": 0, "county": 1, "city": 2, "province": 3}[c.kind])
        above = {x.code for x in divisions().ancestors(chain[0])}
        if all(a.code in above for a in chain[1:] if a.code != chain[0].code):
            return chain[0]
    if len({c.code for c in cands}) > 1:
        cands = [c for c in cands if c.name in known or short_name(c.name) in known]
    if not cands and guess and want and want[0] in ("county", "city"):
        # a unit that names no place at all (区文化旅游委, 全区…) on a site spelled by initials
        # several places share (fl: 丰林县, 浮梁县, 涪陵区): the one of them whose kind its level
        # word gives, within a province the text names if it names any
        cands = [g for g in guessed if g.kind == want[0] and (len(want) == 1 or g.name.endswith(want[1:]))]
        d = divisions()
        for kind, above in (("province", d.province_of), ("city", d.city_of)):
            named = {c.code for n in known for c in d.named(n) if c.kind == kind and not c.former}
            if named and want[0] != kind:
                cands = [c for c in cands if (above(c) or c).code in named]
    return cands[0] if len({c.code for c in cands}) == 1 else None


def _address_names(unit, context: _Context) -> bool:
    """True when the site's address names the unit's own department by its initials."""
    if not context.url or not unit.department:
        return False
    return any(a.department == unit.department for a in departments_in_address(context.url))


def _speaks_as_government(body: str) -> bool:
    """True when the body speaks in the first person as a government (我市, 我县, 我镇 …)."""
    return any(p.search(body) for lvl, p in _self_patterns("self") if lvl != "department")


def _address_department(body: str, context: _Context) -> tuple[str, Division | None] | None:
    """The department a site's address names by its initials and its place: the place its
    initials were led by (one the address or text names when several fit), the host's place
    of the level its level letter gives, or the host's own place."""
    if not context.url:
        return None
    for a in departments_in_address(context.url):
        place: Division | None = None
        if a.places:
            known = context.names
            fits = [p for p in a.places if p in context.host[0] or p.name in known or short_name(p.name) in known]
            cands = fits or list(a.places)
            place = cands[0] if len({c.code for c in cands}) == 1 else None
        else:
            # a 厅 is a province's department (jtt.sc.gov.cn: 四川省交通运输厅)
            word = a.level_word or ("省" if a.department.endswith("厅") else None)
            place = _host_place(word, context) or (context.level_place(word, body) if word else None)
        return a.department, place
    for readings, level_word, _label in short_departments_in_address(context.url):
        # jw: 教委, 建委 or 交委 — the one whose line of work the report speaks of as its own
        # (区委教育工委, 全区教育系统, 教委机关), twice at least and more than any other's
        votes = Counter({r: _own_line_mentions(r, body) for r in readings})
        best = votes.most_common(2)
        if not best or best[0][1] < 2 or len(best) > 1 and best[1][1] == best[0][1]:
            continue
        place = _host_place(level_word, context) if level_word else _host_place(None, context)
        return best[0][0], place
    return None


def _own_line_mentions(canonical: str, body: str) -> int:
    """How often the body names a department's line of work as a unit's or a system's: its
    short names (教委) and its stem before 系统, 工委 or 战线 (教育系统, 教育工委)."""
    u = parse_unit(canonical)
    stem = next((canonical[:-len(s)] for s in ("委员会", "局", "厅", "办公室") if canonical.endswith(s)), canonical)
    shorts = [f for f in department_forms(canonical) if len(f) <= 3 and f != canonical]
    pattern = "|".join([re.escape(f) for f in shorts] + [re.escape(stem) + "(?:系统|工委|战线)"])
    return len(re.findall(pattern, body)) if u.known else 0


def _host_town(self_level: str | None, first_person: bool, body: str, context: _Context) -> Division | None:
    """The one township or street a site's path names within the county its host names, for
    a report that speaks of itself as a township or street, or not at all; or, for a street,
    one that speaks of the county above it (全县) only and of 街道 as itself."""
    towns = [c for c in context.host[0] if c.kind == "township"]
    if self_level in ("township", "street"):
        towns = [c for c in towns if c.level == self_level]
    elif self_level is not None:
        if first_person or body.count("街道") < 3:
            return None
        towns = [c for c in towns if c.level == "street"]
    return towns[0] if len(towns) == 1 else None


def extract(work: str, page_fields: dict, doc_meta: dict, start: int, end: int, *, text: str | None = None,
            source: str | None = None) -> tuple[Metadata, int, int]:
    """Metadata, and the body's start and end once title and signature are set aside.

    Every field says where it was read (`evidence`) and how far that is trusted
    (`confidence`): the title first, then the signature, the body's opening subject, the
    page's labelled fields and the 索引号; the addressee line (市人民政府：) names the
    recipient and is never read as the issuer.
    """
    if "(" in work and _GLOSS.search(work, start, end):
        return _extract_unglossed(work, page_fields, doc_meta, start, end, text=text, source=source)
    return _extract(work, page_fields, doc_meta, start, end, text=text, source=source)


def _extract_unglossed(work: str, page_fields: dict, doc_meta: dict, start: int, end: int, *,
                       text: str | None, source: str | None) -> tuple[Metadata, int, int]:
    """A page whose mirror put pinyin glosses after its characters (广(guǎng)东省): read
    without them, every offset mapped back to the text as read, the title as written."""
    from .page import unglossed

    plain, keep = unglossed(work)
    shown = text if text is not None and len(text) == len(work) else work
    plain_shown = "".join(shown[i] for i in keep)
    inv = [0] * (len(work) + 1)  # original offset -> offset in plain (a gloss maps to what follows)
    j = len(keep)
    for i in range(len(work), -1, -1):
        while j > 0 and keep[j - 1] >= i:
            j -= 1
        inv[i] = j
    back = lambda k: keep[k] if k < len(keep) else len(work)  # noqa: E731
    fields = {k: (v[0], inv[v[1]], inv[v[2]]) if v[1] is not None and v[1] >= 0 else v for k, v in page_fields.items()}
    md, bs, be = _extract(plain, fields, doc_meta, inv[start], inv[end], text=plain_shown, source=source)
    for ev in md.evidence.values():
        if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
            ev["start"], ev["end"] = back(ev["start"]), back(ev["end"] - 1) + 1 if ev["end"] > 0 else 0
            ev["text"] = shown[ev["start"]:ev["end"]].strip()
    if md.title_span is not None:
        pa, pb = md.title_span
        md.title_span = (back(pa), back(pb - 1) + 1)
        if md.title and md.evidence.get("title", {}).get("source") == "title":
            # the title as written, its glosses kept: the stretch of the text its characters take
            pos = [i for i in range(pa, pb) if not plain_shown[i].isspace()]
            squashed = re.sub(r"\s+", "", md.title)
            at = "".join(plain_shown[i] for i in pos).find(squashed)
            if at >= 0 and squashed:
                md.title = re.sub(r"\s+", "", shown[back(pos[at]):back(pos[at + len(squashed) - 1]) + 1])
    # what the document is, read on the page as written, as for any page (detection reads
    # glosses its own way)
    wtitle = _strip_site(work[md.title_span[0]:md.title_span[1]]) if md.title_span is not None else md.title
    md.evidence.pop("doc_type", None)
    md.doc_type, why = detect_kind(wtitle, work, back(bs), end,
                                   doc_meta.get("source_org") or _field(page_fields, "source_org")[0])
    if why is not None:
        md.evidence["doc_type"] = why
    return md, back(bs), back(be - 1) + 1 if be > 0 else 0


def _extract(work: str, page_fields: dict, doc_meta: dict, start: int, end: int, *, text: str | None = None,
             source: str | None = None) -> tuple[Metadata, int, int]:
    md = Metadata()
    conf = _attribution()["confidence"]
    # evidence quotes the text as read: the working view has the page furniture blanked
    shown = text if text is not None and len(text) == len(work) else work
    found = find_title(work, start)
    body_start = start
    wtitle: str | None = None  # the title in the working view (simplified script), for matching
    if found:
        md.title, a, b = found
        wtitle = md.title
        if text is not None and len(text) == len(work):
            md.title = _as_written(text, work, a, b, md.title)
        md.title_span = (a, b)
        body_start = b
        _evidence(md, "title", "title", shown, None, None, conf["title"], md.title)
        md.evidence["title"].update(start=a, end=b)
    else:
        v = doc_meta.get("title")
        if v:
            md.title = wtitle = _strip_site(re.sub(r"\s+", "", str(v)))
            _evidence(md, "title", "document", shown, None, None, conf["document"], md.title)
        else:
            v, fs, fe = _field(page_fields, "title")
            if v:
                md.title = wtitle = _strip_site(re.sub(r"\s+", "", str(v)))
                _evidence(md, "title", "title_field", shown, fs, fe, conf["title_field"])
    # skip a salutation line (县委:) right after the title: it names the addressee
    for s, e, line in iter_lines(work):
        if s < body_start or not line.strip():
            continue
        if _SALUTATION.match(line):
            body_start = e
        break

    md.doc_type, why = detect_kind(wtitle, work, body_start, end,
                                   doc_meta.get("source_org") or _field(page_fields, "source_org")[0])
    if why is not None:
        md.evidence["doc_type"] = why

    signed, sig_org, body_end, sig_span = _signature(work, body_start, end)

    # dates: the page's labelled fields first, then the signature block
    if doc_meta.get("published"):
        md.published = doc_meta["published"]
        _evidence(md, "published", "document", shown, None, None, conf["document"], md.published)
    else:
        pub, ps, pe = _field(page_fields, "published")
        if pub:
            md.published = pub
            _evidence(md, "published", "issuer_field", shown, ps, pe, conf["issuer_field"])
    if md.published is None:
        stamp = _stamp_line(work, start, body_start)
        if stamp is not None:
            md.published = stamp[0]
            _evidence(md, "published", "stamp", shown, stamp[1], stamp[2], conf["stamp"])

    sv, ss, se = _field(page_fields, "signed")
    if doc_meta.get("signed"):
        md.signed = doc_meta["signed"]
        _evidence(md, "signed", "document", shown, None, None, conf["document"], md.signed)
    elif sv:
        md.signed = sv
        _evidence(md, "signed", "issuer_field", shown, ss, se, conf["issuer_field"])
    elif signed:
        md.signed = signed
        _evidence(md, "signed", "signature", shown, sig_span[0], sig_span[1], conf["signature"])
    else:
        cover = _COVER_LETTER.search(work, start, min(end, body_start + 800))
        d = parse_match(DATE_RE.search(cover.group("date"))) if cover else None
        if d is not None:
            # the report sent under a cover letter (现将…报告报上，请审阅。/ 某局 / 2022年1月21日)
            # and signed there only
            md.signed = d.isoformat()
            _evidence(md, "signed", "signature", shown, cover.start("date"), cover.end("date"), conf["signature"])

    # the body as read for words and names, without the pinyin glosses a mirror put after its
    # characters (自治區(qū)人民政府); only what needs no offsets reads it
    body = _unglossed(work[body_start:body_end])
    self_level, first_person = _self_level(body)
    if self_level != "department" and (_opens_as_department(body) or _line_of_work(body, "as_department")):
        # 2022年，我局…; 现将我局…报告如下 — a department that goes on to speak of its city
        # (我市, 全市) more often than of itself is still the one reporting
        self_level, first_person = "department", True
    # issuer candidates, most trusted first
    cands: list[_Cand] = []
    if wtitle:
        t_issuer = issuer_from_title(wtitle)
        if t_issuer:
            te = md.evidence["title"]
            cands.append(_Cand(t_issuer, te["source"], te["start"], te["end"], md.confidence["title"]))
    if sig_org:
        cands.append(_Cand(sig_org, "signature", sig_span[0], sig_span[1], conf["signature"]))
    subject = _body_subject(work, body_start, body_end)
    if subject is not None:
        cands.append(subject)
    v, fs, fe = _field(page_fields, "issuer")
    if v:
        cands.append(_Cand(v, "issuer_field", fs, fe, conf["issuer_field"]))
    if doc_meta.get("issuer"):
        cands.append(_Cand(str(doc_meta["issuer"]), "document", None, None, conf["document"]))
    v, fs, fe = _field(page_fields, "source_org")
    if v and _is_unit(v) and not _drafter(v, self_level, first_person):
        cands.append(_Cand(v, "source_field", fs, fe, conf["source_field"]))
    # the title's issuer is kept even when it is no known unit (某县); others must be units
    primary = next((c for c in cands if c.source in ("title", "title_field", "document") or _is_unit(c.name)
                    or _zone_parts(c.name)), None)
    if primary is None and (self_level == "department"
                            or not first_person and _system_patterns()[3].search(body)):
        # a department that calls itself only 我局 still names itself where it speaks of its
        # own leaders or documents (区司法局党委书记…; 制定《某区统计局2022年…计划》); so does
        # one that speaks of its area (全区) and of itself only as 局 (局党组, 全局干部)
        primary = _own_department(work, body_start, body_end)
        if primary is not None:
            cands.append(primary)
            self_level = "department"
    issuer = primary.name if primary else None
    if issuer:
        issuer = _zone_in_body(issuer, body) or issuer

    # the place names of the whole page, its furniture too (主办单位：某县人民政府 names the host
    # as its address does), settle names that several places share
    context = _Context(_unglossed(shown[start:end]) + " " + _converted(work, shown, start, end) + " ".join(str(v) for v in doc_meta.values() if isinstance(v, str)),
                       doc_meta.get("url") or source)

    place: Division | None = None
    place_src: _Cand | None = primary
    zone = _zone_parts(issuer) if issuer else None
    if zone is not None:
        # a development zone or new area: named as written, placed under the division it lies in
        name, parent = _zone_place(zone, context)
        if parent is not None:
            _set_place(md, parent)
            if parent.kind == "county":
                md.county = parent.name
        md.jurisdiction, md.level = name, None  # a zone is none of the record's levels
        zu = parse_unit(zone[1]) if zone[1] else None
        if zu is not None and zu.is_department:
            # 综治局 -> 综合治理局: a short form the lexicon knows is given in full
            md.department = name + (zu.department if zu.known and zu.department else zone[1])
    elif issuer:
        place, amb_name, amb_level, above = _place_of(issuer, context)
        if place is None and amb_name:
            if above is not None:  # a street the table lacks: its district is its county
                _set_place(md, above)
                md.county, md.division_code = above.name, above.code6
            md.jurisdiction, md.level = amb_name, amb_level
        unit = parse_unit(issuer)
        dept = _department_name(issuer) if not unit.is_department else issuer
        if dept and not re.search(r"人民政府$|政府$", dept):
            md.department = re.sub(r"\s+", "", dept)
        if place is None and md.jurisdiction is None and (md.department or unit.level_word) \
                and not _central(unit):
            # a department named without its place (市司法局, 我局) or a government by its level
            # alone (省人民政府): the place from the other sources that name one, then from the
            # 索引号, then the place of that level the body names most
            for c in cands:
                if c is primary:
                    continue
                got, _amb, _lvl, _above = _place_of(c.name, context)
                if got is not None and (unit.place_level in (None, got.level, "central")
                                        or unit.level_word in ("区",) and got.level == "district"):
                    place, place_src = got, c
                    break
            if place is None:
                iv, is_, ie = _field(page_fields, "index_no")
                got = _index_place(iv) if iv else None
                if got is not None and (unit.place_level in (None, got.level, "central")
                                        or unit.level_word == "市" and got.name in _MUNICIPALITIES):
                    place, place_src = got, _Cand(iv, "index_no", is_, ie, conf["index_no"])
            if place is None and unit.level_word:
                got = context.level_place(unit.level_word, body)
                if got is not None:
                    place, place_src = got, _Cand(got.name, "inferred", None, None, conf["inferred"])
            if place is None:
                # a site spelled by initials several places share (fl: 丰林县, 浮梁县, 涪陵区) is read
                # for a department named by its level word only when the address also names
                # that very department (…/bm/whlyw/: 区文化旅游委's own column)
                got = _host_place(unit.level_word, context, guess=_address_names(unit, context))
                if got is not None:
                    place, place_src = got, _Cand(got.name, "site", None, None, conf["site"])
            if place is not None and unit.place is None and md.department:
                rest = parse_unit(md.department)
                lw = rest.level_word or ""
                body_name = md.department[len(lw):] if lw in _LEVEL_WORD_KINDS and md.department.startswith(lw) \
                    else md.department
                if rest.known and rest.department and body_name != rest.department:
                    body_name = rest.department  # 人社局 -> 人力资源和社会保障局
                md.department = place.name + body_name
            elif place is not None and unit.level_word and not md.department:
                issuer = place.name + "人民政府"  # 省政府 -> 四川省人民政府
        if place is not None and place.kind in ("province", "city") and md.department:
            # a city bureau's branch named after the district it serves (某市交通运输局龙岗管理局,
            # 市生态环境局游仙分局): the district is its place
            place = _branch_place(md.department, place) or place
    if place is None and md.jurisdiction is None and not issuer:
        iv, is_, ie = _field(page_fields, "index_no")
        got = _index_place(iv) if iv else None
        if got is not None:
            place, place_src = got, _Cand(iv, "index_no", is_, ie, conf["index_no"])
        else:
            place = _infer_place(body, self_level, context)
            town = _host_town(self_level, first_person, body, context)
            if town is not None and (place is None or town.code.startswith(place.code6)
                                     or place.kind == "township" and place.code == town.code):
                # a county site files its towns' pages under their initials (/lez/, /yfjd/)
                md.inferred.append("jurisdiction")
                place, place_src = town, _Cand(town.name, "site", None, None, conf["site"])
            elif place is not None:
                md.inferred.append("jurisdiction")
                place_src = _Cand(place.name, "inferred", None, None, conf["inferred"])
            elif self_level == "department":
                # 我局 with no name anywhere: the department's place from the site's host, else
                # the place of the level it calls its whole area (全省, 全市) that it names
                place = _host_place(None, context)
                if place is None:
                    area, _fp = _self_level(body, ("self_weak",))
                    if area in _SELF_LEVEL_WORDS:
                        place = _host_place(_SELF_LEVEL_WORDS[area], context, guess=True)
                if place is not None:
                    md.inferred.append("jurisdiction")
                    place_src = _Cand(place.name, "site", None, None, conf["site"])
                else:
                    area, _fp = _self_level(body, ("self_weak",))
                    place = _infer_place(body, area, context) if area not in (None, "township", "street") else None
                    if place is not None:
                        md.inferred.append("jurisdiction")
                        place_src = _Cand(place.name, "inferred", None, None, conf["inferred"])
            elif self_level in _SELF_LEVEL_WORDS:
                # a government's report that names no place (我县…, 全区…) on a site whose address
                # names a place of that very level: its own site
                place = _host_place(_SELF_LEVEL_WORDS[self_level], context, guess=True)
                if place is not None and (place.level == self_level or place.name in _MUNICIPALITIES):
                    md.inferred.append("jurisdiction")
                    place_src = _Cand(place.name, "site", None, None, conf["site"])
                else:
                    place = None
    if not issuer and md.department is None and not _speaks_as_government(body):
        # a report that never names its unit, on a department's own site (sfj.suining.gov.cn,
        # …/qsfj/…): the department the address names, in the place it or the host names
        found = _address_department(body, context)
        if found is not None:
            canon, dplace = found
            if _OWN_TING.search(body) and not canon.endswith("厅"):
                # 我厅 on a city's or county's site: a province's department reposted there
                canon = re.sub(r"局$", "厅", canon)
                dplace = divisions().province_of(dplace) if dplace is not None else None
            if dplace is not None and (place is None or place_src is not None
                                       and place_src.source in ("inferred", "site")):
                place, place_src = dplace, _Cand(dplace.name, "site", None, None, conf["site"])
                if "jurisdiction" not in md.inferred:
                    md.inferred.append("jurisdiction")
            md.department = (place.name if place is not None else "") + canon
            md.inferred.append("department")
            md.evidence["department"] = {"source": "site", "text": canon, "start": None, "end": None}
            md.confidence["department"] = conf["site"]
    if md.department is None and not issuer and self_level == "department" and place is not None \
            and place.kind in ("province", "city", "county"):
        # 我局 naming itself nowhere, but its line of work as its place's system (全市交通运输系统)
        got_dept = _system_department(body, place)
        if got_dept is not None:
            md.department = place.name + got_dept[0]
            md.inferred.append("department")
            md.evidence["department"] = {"source": "body", "text": got_dept[1], "start": None, "end": None}
            md.confidence["department"] = conf["inferred"]
    if place is not None:
        _set_place(md, place)
        if place.kind == "township" and issuer:
            md.county = _county_as_named(issuer, place) or md.county
        if "自治" in place.name and issuer:
            # an autonomous county or prefecture its own unit names without the autonomy
            # (新晃县, 昌吉州): the place as its report writes it
            written = next((p.name for p in _places(re.sub(r"\s+", "", issuer))
                            if p.name != place.name and "自治" not in p.name
                            and any(c.code == place.code for c in p.cands)), None)
            if written is not None:
                md.jurisdiction = written
                if md.county == place.name:
                    md.county = written
                if md.city == place.name:
                    md.city = written
    if md.department:
        md.department = _full_department(md.department)
        md.department = _as_the_page_names(md.department, page_fields, body,
                                           (md.evidence.get("department") or {}).get("source"))
        if place is None and md.jurisdiction is None and md.department[:1] in _LEVEL_WORD_KINDS \
                and not md.department.startswith(("省", "自治区")):
            # 区住房建设局 with no district found anywhere: a department's name needs its place
            # (省交通运输厅 names its level, one of a few); the report stays a department's
            md.department = None
            self_level = "department"
            place_src = place_src or _Cand("", "inferred", None, None, conf["inferred"])
    if md.department or (self_level == "department" and place_src is not None
                         and place_src.source in ("site", "inferred")):
        md.level = "department"
    elif md.level is None and self_level and self_level != "department" and zone is None:
        md.level = self_level
        md.inferred.append("level")
    elif md.level is None and self_level == "department":
        md.level = "department"
        md.inferred.append("level")

    if issuer and not (md.jurisdiction and md.level in _LEVEL_SUFFIX and _only_places(issuer)):
        md.issuer = re.sub(r"\s+", "", issuer)
    elif md.jurisdiction and md.level in _LEVEL_SUFFIX:
        # the place as the text names it (成都市武侯区), else the jurisdiction, plus its government
        named = re.sub(r"\s+", "", issuer) if issuer else md.jurisdiction
        suffix = _LEVEL_SUFFIX[md.level]
        md.issuer = named + (suffix[2:] if suffix.startswith("街道") and named.endswith("街道") else suffix)
        md.inferred.append("issuer")
    if primary is not None:
        for fld in ("issuer", "department"):
            if getattr(md, fld):
                _evidence(md, fld, primary.source, shown, primary.start, primary.end, primary.conf, primary.name)
                md.evidence[fld].update(start=primary.start, end=primary.end)
    if md.jurisdiction and place_src is not None:
        c = place_src if place is not None else primary
        _evidence(md, "jurisdiction", c.source, shown, c.start, c.end, c.conf * (1.0 if place else 0.7), c.name)
        md.evidence["jurisdiction"].update(start=c.start, end=c.end)
    if md.level:
        lc = md.confidence.get("jurisdiction", conf["inferred"]) if "level" not in md.inferred else conf["inferred"]
        src = md.evidence.get("jurisdiction", {}).get("source", "inferred") if "level" not in md.inferred else "inferred"
        md.evidence["level"] = {"source": src, "text": md.level, "start": None, "end": None}
        md.confidence["level"] = round(lc, 2)

    # report year
    y = title_year(wtitle) if wtitle else None
    if y is None:
        by, plan = _body_year(work, body_start, body_end)
        if by is not None:
            y = by
            md.inferred.append("report_year")
        elif plan is not None:
            y = plan - 1
            md.inferred.append("report_year")
    md.report_year = y
    if y is not None:
        if "report_year" in md.inferred:
            _evidence(md, "report_year", "body", shown, None, None, conf["inferred"], str(y))
        else:
            te = md.evidence["title"]
            md.evidence["report_year"] = dict(te)
            md.confidence["report_year"] = md.confidence["title"]
    if md.title and _attribution()["news_headline"].match(re.sub(r"\s+", "", md.title)):
        # a repost's headline: it named the issuer and the year above, but is no title of the report
        md.title = None
        md.evidence.pop("title", None)
        md.confidence.pop("title", None)
    return md, body_start, body_end


_TOWN_SUFFIX = re.compile(r"(?:街道办事处|街道|民族乡|镇|乡)$")
_LEADING_BODY = re.compile(r"(?:委(?!员)|党委|人民政府|政府)")


# What sets a place's 经验/模式 apart as a model followed, not the report's own: a quote mark
# or a verb of learning right before the name (学习借鉴“某地经验”, 推广某地模式).
_BORROWED = re.compile(r"(?:[“\"「《]|学习|借鉴|弘扬|推广|践行|发展|运用|复制|对标)$")


def _infer_place(body: str, self_level: str | None, context: _Context) -> Division | None:
    """The unit a title-less report is about: the place of the report's own level it names most."""
    if self_level is None or self_level == "department":
        return None
    kinds = {"township": ("township",), "street": ("township",), "county": ("county",), "district": ("county",),
             "city": ("city",), "province": ("province",)}[self_level]
    counts: Counter = Counter()
    cands: dict[str, list[Division]] = {}
    led: set[str] = set()  # names followed by their own leading bodies: 保定市委、市政府
    for p in _places(body):
        # a municipality (重庆市) speaks of itself as a city: 我市, 全市
        cs = [c for c in p.cands if c.kind in kinds and c.level == self_level
              or self_level == "city" and c.name in _MUNICIPALITIES]
        if cs:
            counts[p.name] += 1
            cands[p.name] = cs
            if _LEADING_BODY.match(body, p.start + len(p.name)):
                led.add(p.name)
    for name, n in counts.most_common():
        got = _resolve(cands[name], context, exclude=name)
        if got is None:
            continue
        # a name found inside other words (召开县委 holds 开县) must be confirmed: by an
        # ancestor the text also names, or by being a current, unambiguous name of 3+
        # characters mentioned at least twice
        if context.confirms(got, exclude=name) or (not got.former and len(name) >= 3 and n >= 2):
            return got
        if got.kind == "township" and not got.former and context.url \
                and any(a.code in {g.code for g in context.host[1]} for a in divisions().ancestors(got)):
            # a town named once (纳入某镇发展规划) on the site of the county whose initials its
            # address spells (ptxy: 莆田 秀屿区, not the 仙游县 the same letters fit): its own
            return got
    if not counts and self_level in ("township", "street"):
        # a town that names itself only in short after 法治 (法治舒桥建设) on its county's site:
        # the one town of that county so named
        counties = [c for c in context.host[0] if c.kind == "county"]
        if len(counties) == 1:
            towns = {t.code: t for t in divisions().towns_of(counties[0])
                     if t.level == self_level and len(short := _TOWN_SUFFIX.sub("", t.name)) >= 2
                     and "法治" + short in body}
            if len(towns) == 1:
                return next(iter(towns.values()))
    if self_level == "province" and len(counts) == 1:
        # a province names few peers in full: the only one it names (《某自治区贯彻…方案》)
        # is its own, however few times
        name = next(iter(counts))
        got = _resolve(cands[name], context, exclude=name)
        if got is not None and not got.former:
            return got
    if len(led) == 1:
        # the one place of its level whose party committee or government the report names
        # (在省政府和淮安市委的正确领导下，我市…): its own, though named once
        name = next(iter(led))
        got = _resolve(cands[name], context, exclude=name)
        if got is not None and not got.former and len(name) >= 3:
            return got
    if not counts and self_level == "province" and _speaks_as_region(body):
        # an autonomous region speaking of itself (自治区人民政府…) names itself rarely, and
        # then in short (法治内蒙古): the one region it names, however few times
        d = divisions()
        regions = {c.code for _end, (name, _short) in d.matches(body)
                   for c in d.named(name) + d.short_names().get(name, [])
                   if c.kind == "province" and c.name.endswith("自治区") and not c.former}
        if len(regions) == 1:
            return d.by_code[regions.pop()]
    if not counts and self_level == "province":
        got = _province_of_document_numbers(body)
        if got is not None:
            return got
    if not counts and self_level in ("province", "city", "county", "district"):
        # a place that names itself only in short (法治青海, 青海工作): the one short name of
        # its level the body uses at least twice and more than any other; a county's short
        # name (two characters that may be a word) also needs an ancestor named or a third use
        d = divisions()
        shorts = d.short_names()
        by_short: Counter = Counter()
        idioms = _attribution()["own_place_idioms"]
        as_own: set[str] = set()  # short names followed by 担当, 经验, 方案 …: the report's own place
        words = _attribution()["word_like_short_names"]
        for last, (name, is_short) in d.matches(body):
            if is_short and name not in words:
                cs = [c for c in shorts.get(name, []) if not c.former and (
                    c.kind in kinds or self_level == "city" and c.name in _MUNICIPALITIES)]
                if len({c.code for c in cs}) == 1:
                    by_short[cs[0].code] += 1
                    first = last + 1 - len(name)
                    if body.startswith(idioms, last + 1) and not _BORROWED.search(body, max(0, first - 6), first):
                        as_own.add(cs[0].code)
        if len(as_own) == 1:
            # 干出某地担当, 提供某地经验: named, in short, as what the report's own place gives
            # (not a model it follows: 学习“某地经验”); no other place of its level named more
            code = next(iter(as_own))
            got = d.by_code[code]
            if by_short[code] == max(by_short.values()) and (got.kind != "county" or got.level == self_level):
                return got
        best = by_short.most_common(2)
        # a province is few among its peers: one named once, and no other, is the report's own;
        # so is a municipality speaking of itself as a city (本市…为上海…)
        alone = len(best) == 1 and (self_level == "province"
                                    or self_level == "city" and d.by_code[best[0][0]].name in _MUNICIPALITIES)
        least = 1 if alone else 2
        if best and best[0][1] >= least and (len(best) == 1 or best[0][1] > best[1][1]):
            got = d.by_code[best[0][0]]
            if got.kind != "county" or got.level == self_level and (best[0][1] >= 3 or context.confirms(got)):
                return got
    return None
