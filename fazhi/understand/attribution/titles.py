"""The report's title: found among the page furniture (menus, breadcrumbs, stamps, document
numbers), cut free of the site's name, and read for its year and issuer.
"""
from __future__ import annotations

import re
from datetime import date

from ..dates import DATE_RE, parse_match
from ..departments import parse_unit
from ..divisions import divisions
from ..doctype import classify_title
from ..numerals import DIGITS
from ..page import iter_lines
from .tables import GOV_WORDS, ORG_LINE, SALUTATION, TITLE_WORDS, rules

# A line of the site's menu: three or more short words set apart by spaces or bars.
_MENU_LINE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:\s*[|｜]\s*|\s+)[\u4e00-\u9fff]{2,6}(?:\s*[|｜]\s*|\s+)[\u4e00-\u9fff]{2,6}")


_BREADCRUMB = re.compile(r"当前位置|首页\s*[>›»]|^\S{0,4}\s*[>›»]")


_HEADING_START = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、])")


_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年|([〇零○一二三四五六七八九]{4})\s*年")


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
# A line of single characters each set apart by spaces (德 清 县 2 0 2 3 年 度 …), as a title
# spaced out to the width of its page comes out of a PDF or a Word file
_LETTER_SPACED = re.compile(r"^(?:\S[ \t\u3000]+){4,}\S$")


_LAW_WORDS = re.compile(r"法治|依法|政府|信息公开|政务公开|年度|\d{4}")


_STAMP_LINE = re.compile(r"^[^\n]{4,80}?(?:报告|总结)\s+(?:[\u4e00-\u9fff]{2,20}\s+)?(?P<after>(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})\s*$"
                         r"|^\s*(?P<d>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)\s+\d{1,2}:\d{2}(:\d{2})?(\s.{0,40})?$"
                         r"|^\s*(?:[\u4e00-\u9fff]{2,15}\s+)?[•·]?\s*[\[【(（]?\s*(?P<bare>(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
                         r"|(?:19|20)\d{2}年(?:0\d月\d{1,2}|\d{1,2}月0\d)日)\s*[\]】)）]?\s*$")


def stamp_line(work: str, start: int, body_start: int) -> tuple[str, int, int] | None:
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


def strip_site(title: str) -> str:
    """A title without the site name a page glued to it (…情况的报告_某县人民政府网), the
    marks of a Markdown heading or bold line (# 某街道…报告, **…报告**), the
    column name it put before it (【省政府法治建设报告】…, 某市人民政府 通知公告 …), a document number before or after
    it, the name of the file it came from, or the 《》 or 【】 a page set it in."""
    title = title.strip(" |｜")  # a title set in a table's cell: |某区2025年度…报告|
    title = re.sub(r"^#{1,6}\s*|^\*\*(?=.+\*\*$)|(?<=\S)\*\*$", "", title)  # Markdown: # 标题, **标题**
    title = re.sub(r"^\s*(?:【[^】]{1,20}】|\[[\u4e00-\u9fff]{1,12}\])\s*", "", title)
    title = _TITLE_LEAD.sub("", title)
    title = _TITLE_TAIL.sub("", title)
    title = rules()["site_suffix"].sub("", title).strip()
    title = rules()["column_lead"].sub("", title)
    title = _without_column(title)
    m = re.fullmatch(r"《([^《》]+)》|【([^【】]+)】", title)
    return (m.group(1) or m.group(2)) if m else title


def _without_column(title: str) -> str:
    """The title without a site's column name glued before it (通知公告某市2023年…报告), where
    the rest opens as a title does: with a place, 关于, 中共 or the year."""
    m = rules()["column_glued"].match(title)
    if m is None or m.end() == len(title):
        return title
    rest = title[m.end():]
    hits = divisions().find(rest[:12])
    # a column named with a title's own words (法治政府建设, 年度报告) may begin the title
    # itself (法治政府建设2023年度报告): cut before a place or 关于 only
    dated = re.match(r"(?:19|20)\d{2}\s*年", rest) and not re.search("报告|总结|法治", m.group(0))
    if rest.startswith(("关于", "中共")) or dated or hits and hits[0][0] == 0:
        return rest if TITLE_WORDS.search(rest) else title
    return title


# A title line that is a file's name (….docx, .pdf).
_FILE_NAME_LINE = re.compile(r"\.(?:docx?|pdf|wps|ofd)\s*$", re.I | re.M)


# A note sent with the report above it: its request line (妥否，请批示 / 请审阅), the sender's line
# and the date it was signed, each on its own line.
_COVER_NOTE = re.compile(r"(?:妥否|请批示|请审阅|请审议|请审示|请审定|请阅示|予以审议)[^\n]{0,40}\n(?:[ \t]*\n)?[ \t]*"
                         r"[\u4e00-\u9fff（）()]{3,40}[ \t]*\n(?:[ \t]*\n)?[ \t]*"
                         r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[ \t]*\n")


def find_title(work: str, start: int, limit: int = 1200) -> tuple[str, int, int] | None:
    """The report's title among the first lines; when that names no issuer (the page's
    heading, 关于2020年…的报告) and the document's own fuller title of the same kind and
    year follows just below it (某镇人民政府 / 关于2020年…的报告), the fuller one."""
    found = _first_title(work, start, limit)
    if found is None:
        cover = _COVER_NOTE.search(work, start, start + limit)
        if cover is not None:
            # a request or cover note sent with the report, signed and dated (…妥否，请批示。 /
            # 某区司法局 / 2024年1月4日): the report and its title begin below it
            found = _first_title(work, cover.end(), limit)
            if found is not None:
                return found
        # a cover letter before the report (现将《某局关于2021年度…的报告》报上，请审阅): its title
        for s, _e, line in iter_lines(work):
            if s < start or not line.strip():
                continue
            if s > start + limit:
                break
            ann = rules()["announce"].search(line)
            if ann and _LAW_WORDS.search(ann.group("title")):
                return ann.group("title"), s + ann.start("title"), s + ann.end("title")
        return None
    if _FILE_NAME_LINE.search(work, found[1], found[2]):
        # the name of the file the page was made from (某街2020年…情况.docx) above the document's
        # own title, which says the same and more (某街 2020 年…情况报告): the document's
        nxt = _first_title(work, found[2], 400)
        if nxt is not None and re.sub(r"\s+", "", nxt[0]).startswith(re.sub(r"\s+", "", found[0])) \
                and len(re.sub(r"\s+", "", nxt[0])) > len(re.sub(r"\s+", "", found[0])):
            return nxt
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


# A row of labelled fields of the page's furniture: a label opens it and another, left empty,
# ends it (名称: 某局2022年…报告 文号:).
_FIELD_ROW = re.compile(r"^[\u4e00-\u9fff]{1,5}\s*[:：].+\s[\u4e00-\u9fff]{1,5}\s*[:：]$")


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
        if _LETTER_SPACED.match(text):
            text = re.sub(r"\s+", "", text)  # a title set with a space after every character
        lead = len(line) - len(line.lstrip())
        if _BREADCRUMB.search(text):
            continue  # the site's breadcrumb, numbered as a list (2. 首页 > 政务公开 > …)
        if _HEADING_START.match(text):
            return None
        if _BULLET_LINE.match(text):
            continue  # an item of the site's menus or slogans (• 高举…旗帜，…), never the title
        ann = rules()["announce"].search(text)
        if ann and _LAW_WORDS.search(ann.group("title")):
            # 现将《某局2025年度法治政府建设情况报告》予以公布: the preface names the title
            return ann.group("title"), s + lead + ann.start("title"), s + lead + ann.end("title")
        lead_m = rules()["media_lead"].match(text)
        if lead_m and TITLE_WORDS.search(lead_m.group("title")) and _LAW_WORDS.search(lead_m.group("title")):
            # a media summary that names the report it is about: 《某市人民政府2018年度…报告》是…发布的…
            t = lead_m.group("title")
            return t, s + lead + lead_m.start("title"), s + lead + lead_m.end("title")
        if len(text) > 90 or "。" in text:
            m = _RUN_ON_TITLE.match(text) if i == 0 or org is None else None
            if m and TITLE_WORDS.search(m.group(1)) and _LAW_WORDS.search(m.group(1)):
                return m.group(1).strip(), s + lead, s + lead + len(m.group(1).rstrip())
            return None
        if SALUTATION.match(line):
            continue
        if _FIELD_ROW.match(text):
            continue  # a row of the page's labelled fields (名称: 某局…报告 文号:), not the body
        if len(text) > 30 and (text.endswith((":", "：")) or "如下" in text) or re.search(r"如下\s*[:：]?$", text):
            return None  # the body's opening sentence (现将…报告如下:), not a title
        joined_head = head[0] if head is not None and head[2] == i - 1 and org is None else ""
        if TITLE_WORDS.search(text) and _LAW_WORDS.search((org[0] if partial and org else "") + joined_head + text):
            a, b = s + lead, s + len(line.rstrip())
            title = strip_site(text)
            if org is None and not joined_head and title.endswith(("报告", "总结")) \
                    and title_year(title) is None and issuer_from_title(title) is None:
                continue  # a column's name (法治政府建设年度报告) above the page, not a report's title
            if org is None and title.endswith(("报告", "总结", "年报")) and title_year(title) is None \
                    and issuer_from_title(title) is None and _full_title_next(cands, i):
                continue  # a column's name (法治政府建设年报) under the site's chrome, the title below it
            if org is not None and (partial or title.startswith("关于") or issuer_from_title(title) is None
                                    or org[0].endswith("、") and org_at == i - 1):
                # …or the first of joint issuers on the line above, the rest opening the title
                # (某县人民政府办公室、 / 某县司法局关于…的报告)
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
                if len(nt) > 40 or "。" in nt or _HEADING_START.match(nt) or SALUTATION.match(nline) \
                        or DATE_RE.search(nt):
                    break
                joined = title + nt
                # a line ending in a conjunction (…工作报告和 / 2023年工作思路) runs on
                if not (nt.endswith(_WRAP_ENDS) or title.endswith(("关于", "和", "及", "暨", "与"))
                        or len(title) + len(nt) <= 50 and TITLE_WORDS.search(nt)):
                    break
                title, b = joined, ns + len(nline.rstrip())
            return strip_site(title), a, b
        if ORG_LINE.match(text) or (_ENDS_WITH_ABOUT.search(text) and len(text) <= 40):
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


def _full_title_next(cands: list[tuple[int, int, str]], i: int) -> bool:
    """True when the line after cands[i] is a title with its issuer and its year."""
    if i + 1 >= len(cands):
        return False
    nt = cands[i + 1][2].strip()
    return len(nt) <= 60 and "。" not in nt and bool(TITLE_WORDS.search(nt)) \
        and title_year(nt) is not None and issuer_from_title(nt) is not None


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
    about_year = re.match(r"关于(?:19|20)\d{2}年度?", t)
    if about_year:
        # the year before the issuer (关于2018年某市人民政府…的报告): the issuer follows it,
        # and is taken only when it reads as a unit (关于2018年全县… names none)
        head = _issuer_head(t[about_year.end():])
        u = parse_unit(head) if head else None
        return head if u is not None and (u.place is not None and head.startswith(u.place) or u.is_department) \
            and (u.is_department or GOV_WORDS.search(head)) else None
    return _issuer_head(t)


def _issuer_head(t: str) -> str | None:
    """What a title (without its leading year or 关于 year) sets before 关于, before its
    subject or before its year: the issuer."""
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
        # cut at its year: a headline's verb may follow it (某区政府2015年推进…)
        head = re.split(r"(?:19|20)\d{2}\s*年", head)[0] or head
        head = head.rstrip(":：,，、") or head  # 某县交通运输局：2022年度…报告: set off by a colon
        head = rules()["title_issuer_verbs"].sub("", head)
        head = _government_of_joint(head)
    return head or None


_PARTY_BODY_END = re.compile(r"(?:工作委员会|委员会|党委|工委|党组|[省市县区州旗]委)(?=[\u4e00-\u9fff])")


def _government_of_joint(issuer: str) -> str:
    """The government unit of a party body and a government unit issuing together, their
    names run together in a title (中共某区委教育工作委员会某区教育委员会, 中共某县委某县人民政府):
    the one named last, when it is a unit of a place; it is the unit the report is placed by."""
    parts = _joint_parts(issuer)
    if parts:
        return parts[1]
    # a body's own party committee or group and the body issuing together (某署党委 某署,
    # 中共某局党组 某局): the body itself, named twice
    same = re.fullmatch(r"(?:中共)?(\S{2,30}?)(?:党委|党组)[\s、]*\1", issuer)
    if same:
        return same.group(1)
    co = _co_issuers(issuer)
    return co[0] if co else issuer  # two units of one place: the report is placed by the first, its lead


def joint_issuer(title: str) -> str | None:
    """The joint issuers a title names, a party committee and its government run together
    (中共某县委某县人民政府关于…): both issue the report, so the record names both, set apart
    as pages set them (中共某县委、某县人民政府). A party body with a department gives none:
    that report is the department's. Two units of one place (某县人民政府办公室某县司法局)
    give both."""
    t = re.sub(r"\s+", "", title)
    m = re.search(r"关于", t)
    parts = _joint_parts(t[:m.start()]) if m else None
    if parts is None:
        parts = _co_issuers(t[:m.start()]) if m else None  # 某县政府办某县司法局关于…: both issue it
        return parts[0] + "、" + parts[1] if parts else None
    if parse_unit(parts[1]).is_department:
        return None
    return parts[0] + "、" + parts[1]


def _co_issuers(issuer: str) -> tuple[str, str] | None:
    """(the lead, the other) of two units of one place issuing together, their names run
    together or set apart by 、/和/与/及 (某县人民政府办公室某县司法局), at least one of them a
    department; None for one unit, or for units of different places."""
    first = parse_unit(issuer)
    if first.place is None or not issuer.startswith(first.place):
        return None
    at = issuer.find(first.place, len(first.place))
    if at <= 0:
        return None
    lead, other = issuer[:at].rstrip("、和与及"), issuer[at:]
    a, b = parse_unit(lead), parse_unit(other)
    if a.place != first.place or b.place != first.place or len(other) <= len(first.place) \
            or not (a.is_department or b.is_department) \
            or not all(u.is_department or GOV_WORDS.search(n) for u, n in ((a, lead), (b, other))):
        return None
    return lead, other


def _joint_parts(issuer: str) -> tuple[str, str] | None:
    """(the party body, the unit of a place after it) of names run together, or None."""
    if not issuer.startswith("中共"):
        return None
    for m in _PARTY_BODY_END.finditer(issuer, 4):
        rest = issuer[m.end():]
        u = parse_unit(rest)
        if u.place is not None and rest.startswith(u.place) and len(rest) > len(u.place) \
                and (u.is_department or GOV_WORDS.search(rest)):
            return issuer[:m.end()], rest
    return None
