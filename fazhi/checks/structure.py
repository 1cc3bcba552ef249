"""The outline's numbering: headings and 一是/二是 lists that skip, repeat or lose a numeral."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..data import load as load_data
from ..record import Finding, Report, Section
from ..understand.numerals import format_cn_int, parse_cn_int
from ..understand.outline import DECIMAL_STYLE, unnumbered
from ..understand.page import iter_lines
from .document import is_report
from .registry import check, finding


def render(style: str, n: int) -> str:
    """The numeral as the report would print it in a given style (label:关键词 -> 关键词二)."""
    if style.startswith("label:"):
        return style[len("label:"):] + format_cn_int(n)
    if style.endswith(DECIMAL_STYLE):  # 2.x -> 2.3
        return style[:-len(DECIMAL_STYLE)] + f".{n}"
    return {"第一部分": f"第{format_cn_int(n)}部分", "一、": f"{format_cn_int(n)}、", "(一)": f"({format_cn_int(n)})",
            "1.": f"{n}.", "(1)": f"({n})", "①": chr(0x2460 + n - 1) if n <= 20 else str(n),
            "一是": f"{format_cn_int(n)}是", "第一": f"第{format_cn_int(n)}"}.get(style, str(n))


# a line that could be a heading: short, no sentence punctuation, no numeral of its own
_BARE_HEADING = re.compile(r"^[\u4e00-\u9fff“”、（）()0-9]{4,30}$")
# a date on a line of its own (a signature's, above a page's footer) is no heading: 2024年2月26日
_DATE_LINE = re.compile(r"^(?:(?:19|20)\d{2}|[〇○零一二]{4})年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日$")
_NUMBERED = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]+[、.是]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[①-⑳])")


def _lost_last_numeral(report: Report, sibs: list[Section], style: str, heads: set[int]) -> Iterator[Finding]:
    """A heading after the last numbered sibling that lost its numeral: a short bare line, no
    sentence punctuation, between paragraphs of the last sibling's text (the one after it may be
    a short lead-in to a list or a table: 重点任务如下表：) (三、 dropped before
    2024年工作安排 makes it run into 二、's text, where no numbering gap shows). `heads`: where the
    report's headings' titles start (one set per report, not one per group of siblings)."""
    last = sibs[-1]
    if last.number is None or len(sibs) < 2:
        return
    work = report.work
    a, b = last.title_end, min(last.end, report.body_end)
    lines = [(a + ls, a + le, line) for ls, le, line in iter_lines(work[a:b]) if ls > 0]
    # the next non-blank line after each line, computed once (a slice per line was quadratic:
    # 20 s on a page of 55,000 short lines)
    following = [""] * len(lines)
    after = ""
    for k in range(len(lines) - 1, -1, -1):
        following[k] = after
        after = lines[k][2].strip() or after
    seen_text = False
    for k, (ls, le, line) in enumerate(lines):
        core = line.strip()
        if not core:
            continue
        lead = ls + len(line) - len(line.lstrip())
        if lead in heads or _NUMBERED.match(core):
            # a numbered paragraph (1.落实……。) is text; a numbered heading opens a new part
            seen_text = core.endswith("。") or len(core) > 30
            continue
        nxt = following[k]
        if seen_text and _BARE_HEADING.match(core) and not _DATE_LINE.match(core) \
                and (len(nxt) >= 15 or nxt.endswith(("。", ":", "："))) and not _BARE_HEADING.match(nxt):
            yield finding("heading_numbering", "missing_numeral", lead, lead + len(core), title=core,
                          expected=render(style, last.number + 1), data={"expected": last.number + 1})
            return
        seen_text = True


# a run-in title: a short phrase closed by 。 with the paragraph's text after it on its line
_RUN_IN = re.compile(r"^[\u4e00-\u9fff“”]{4,14}。(?=.{10,})")


def _lost_run_in_numeral(report: Report, sibs: list[Section], style: str, starts: set[int],
                         heads: set[int]) -> Iterator[Finding]:
    """The line after a list of one-line items with run-in titles ((一)矛盾纠纷就地化解。…) that
    has the same shape but no numeral: the next item lost it ((四) dropped before
    第一责任人职责落实。…), where no numbering gap shows. `starts`, `heads`: where the report's
    headings and their titles start."""
    if sibs[-1].number is None or style in ("一是", "hint", "bare", "第一部分", "一、"):
        return
    if len(sibs) < 2 and sibs[-1].number != 1:
        return  # (a lone (1) is a list whose (2) lost its numeral, or no list at all)
    work = report.work
    for s in sibs:
        line_end = work.find("\n", s.start)
        line_end = len(work) if line_end < 0 else line_end
        # every item one line (its span ends where its line does), its title run in (text after it)
        if work[s.title_end:s.title_end + 1] not in ("。", ".") or not work[s.title_end + 1:line_end].strip():
            return
        if s is not sibs[-1] and work[line_end:s.end].strip():
            return
    last = sibs[-1]
    a = work.find("\n", last.start)
    if a < 0:
        return
    b = work.find("\n", a + 1)
    line = work[a + 1:b if b >= 0 else len(work)]
    core = line.strip()
    lead = a + 1 + len(line) - len(line.lstrip())
    if not core or a + 1 >= report.body_end or a + 1 in starts or lead in heads:
        return
    if _NUMBERED.match(core) or not _RUN_IN.match(core):
        return
    title = core[:core.index("。")]
    yield finding("heading_numbering", "missing_numeral", lead, lead + len(title), title=title,
                  expected=render(style, last.number + 1), data={"expected": last.number + 1})


@lru_cache(maxsize=1)
def _closes_list() -> re.Pattern[str]:
    return re.compile(load_data("structure.toml")["outline"]["closes_list"])


def _line_end(work: str, pos: int) -> int:
    e = work.find("\n", pos)
    return len(work) if e < 0 else e


def _sentences(line: str) -> list[str]:
    return [x for x in re.split(r"(?<=[。!?！？])", line.strip()) if x]


def _lost_last_item_numeral(report: Report, sibs: list[Section], style: str) -> Iterator[Finding]:
    """The last item of a list of one-line items that lost its numeral: the only line between
    the last numbered item and the next heading above the list (or the end of the text), shaped
    like the items (see _item_line). No gap shows in the numbering. A list of one item is a list
    only when that item is (一)/1. and a sentence on its own line: its (二) lost the numeral."""
    if any(s.number is None for s in sibs) or style in ("一是", "hint", "bare"):
        return
    if len(sibs) < 2 and not (sibs[0].number == 1 and _one_line_sentence(report.work, sibs[0])):
        return
    last = sibs[-1]
    hit = _item_line(report, sibs, last)
    if hit is not None:
        lead, title = hit
        yield finding("heading_numbering", "missing_numeral", lead, lead + len(title), title=title[:30],
                      expected=render(style, last.number + 1), data={"expected": last.number + 1})


def _one_line_sentence(work: str, s: Section) -> bool:
    """Whether the item is one line that ends as a sentence (an item, not a heading above text)."""
    line = work[s.start:_line_end(work, s.start)].strip()
    return line.endswith(("。", "!", "?", "！", "？"))


def _item_line(report: Report, sibs: list[Section], holder: Section) -> tuple[int, str] | None:
    """The line after `holder`'s own line, when it is the only other line of holder's span (but
    for closing paragraphs after it: 产生上述问题的原因：…) and is shaped like the one-line items of
    `sibs`: a run-in title no longer than theirs (一、标题。正文… or 三、问题，……。原因是……。) when
    every item has one, a single sentence when every item is one. A closing paragraph (总体来看，…;
    通过以上措施，…) is no item. Returns where the line's text starts and its title."""
    work = report.work
    for s in sibs:
        if s is not holder and s is not sibs[-1] and work[_line_end(work, s.start):s.end].strip():
            return None  # an item with lines of its own under it: a heading, not a one-line item
    a = _line_end(work, holder.start) + 1
    if a >= min(holder.end, report.body_end):
        return None
    b = _line_end(work, a)
    line = work[a:b]
    core = line.strip()
    first = _sentences(core)
    if not first or not core.endswith(("。", "!", "?", "！", "？")):
        return None
    lead = a + len(line) - len(line.lstrip())
    # (下一步工作打算。 is a title: a closing cue counts past a comma or beyond a title's length)
    closing = _closes_list().match(core) and (re.search("[,，:：;；]", first[0]) or len(first[0]) > 20)
    rest = [x.strip() for x in work[b:min(holder.end, report.body_end)].split("\n") if x.strip()]
    if any(not _closes_list().match(x) for x in rest) or _NUMBERED.match(core) or closing \
            or any(x.start <= lead < x.title_end for x in report.sections):
        return None
    lines = [work[s.start:_line_end(work, s.start)] for s in sibs]
    titled = all(work[s.title_end:s.title_end + 1] in ("。", ".") and work[s.title_end + 1:_line_end(work, s.start)].strip()
                 for s in sibs)
    if titled:
        longest = max(s.title_end - s.title_start for s in sibs)
        if len(first) < 2 or len(first[0]) - 1 > max(longest + 6, int(longest * 1.5)):
            return None
        return lead, first[0][:-1]
    if all(len(_sentences(x)) == 1 for x in lines):
        if len(first) != 1 or len(core) > 2 * max(len(x.strip()) for x in lines):
            return None
        if re.search("[:：]", core) and not any(re.search("[:：]", x) for x in lines):
            return None  # a line leading into a list of its own (……如下：一是…) is no item of this one
        return lead, core[:-1]
    return None


@check("heading_numbering")
def heading_numbering(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    secs = report.sections
    # where headings and their titles start, for every group below (a set per group was
    # quadratic: minutes on a book-length text of thousands of headings)
    starts, heads = {s.start for s in secs}, {s.title_start for s in secs}
    groups: dict[tuple[int, str], list[Section]] = {}
    for s in secs:
        if s.style in ("一是", "hint") or unnumbered(s.style):  # 【】 and ◆ headings carry no numeral
            continue
        groups.setdefault((s.parent if s.parent is not None else -1, s.style), []).append(s)
    for (_p, style), sibs in groups.items():
        # a report may number the headings under its parts on through them (（一）1. 2. （二）3. 4.):
        # a first heading that goes on from the last of the part before is no skip
        prev = _numbered_on(secs, groups, _p, style, sibs[0].number)
        for k, s in enumerate(sibs):
            if s.number is None:
                n = s.implied_number or prev + 1
                yield finding("heading_numbering", "missing_numeral", s.title_start, s.title_end,
                              title=s.title, expected=render(style, n), data={"expected": n})
                prev = n
                continue
            n = s.number
            if n == prev + 1:
                pass
            elif n == prev + 2 and k and (lost := _item_line(report, sibs, sibs[k - 1])) is not None:
                # the item between lost its numeral (二、…。 then a line like it, then 四、): name that line
                yield finding("heading_numbering", "missing_numeral", lost[0], lost[0] + len(lost[1]),
                              title=lost[1][:30], expected=render(style, prev + 1), data={"expected": prev + 1})
            elif n > prev + 1:
                yield finding("heading_numbering", "skip" if prev else "skip_first", s.start, s.title_end,
                              prev=render(style, prev) if prev else "", found=render(style, n),
                              expected=render(style, prev + 1), data={"expected": prev + 1, "found": n})
            else:
                yield finding("heading_numbering", "repeat", s.start, s.title_end, found=render(style, n),
                              prev=render(style, prev), data={"found": n})
            prev = n
        yield from _lost_last_numeral(report, sibs, style, heads)
        lost = list(_lost_run_in_numeral(report, sibs, style, starts, heads))
        yield from lost or _lost_last_item_numeral(report, sibs, style)


def _numbered_on(secs: list[Section], groups: dict[tuple[int, str], list[Section]], parent: int, style: str,
                 first: int | None) -> int:
    """The number a group's first heading goes on from: the last number of the same style under the
    part just before its own part, when `first` follows it; else 0 (the group starts afresh)."""
    if parent < 0 or first is None or first <= 1:
        return 0
    before = [i for i in range(parent) if secs[i].parent == secs[parent].parent and secs[i].level == secs[parent].level]
    if not before:
        return 0
    last = [s.number for s in groups.get((before[-1], style), []) if s.number is not None]
    return last[-1] if last and last[-1] == first - 1 else 0


_LIST_BREAK = re.compile("[。:：\n!?！？]")
_SENTENCE_BREAK = re.compile("[。\n!?！？]")


@lru_cache(maxsize=1)
def _opens_list() -> re.Pattern[str]:
    return re.compile(load_data("structure.toml")["enumeration"]["opens_list"])


@lru_cache(maxsize=1)
def _run_in_heading() -> re.Pattern[str]:
    return re.compile(load_data("structure.toml")["enumeration"]["run_in_heading"])


def _false_restart(work: str, items: list[dict], k: int, expected: int, prev_end: int) -> bool:
    """Whether the 一是 of items[k], after a full stop in a running list that expected
    `expected`, is that list's next item misnumbered rather than a new list. Only where it
    stands as the list's items do (in the previous item's paragraph, or like it at the start
    of a paragraph; a 一是 inside a paragraph of a paragraph-list opens a list nested in that
    item): the item after it goes on counting the old list in the same way (一是…。一是…。三是…),
    or no 二是 follows it, it stands where the previous item does (both inside one paragraph,
    or both opening one) and nothing in its sentence opens a new list (no colon, no 原因/
    下一步/措施 …)."""
    e, prev = items[k], items[k - 1]
    if not (_same_line(work, prev, e) or (_at_line_start(work, prev) and _at_line_start(work, e))):
        return False
    if _run_in_heading().search(work, prev_end, e["start"]):
        return False  # a part's heading run into the text between them ((二)坚持依法行政。一是…): a new part
    nxt = items[k + 1] if k + 1 < len(items) else None
    if nxt is not None and nxt["number"] == expected + 1 and (
            _same_line(work, e, nxt) or (_at_line_start(work, e) and _at_line_start(work, nxt))):
        return True
    if not (nxt is None or nxt["number"] == 1 or (_same_line(work, e, nxt) and nxt["number"] != 2)):
        return False
    if _at_line_start(work, prev) != _at_line_start(work, e) and not _one_paragraph_list(work, items, k):
        return False  # 二是 opening a paragraph, a lone 一是 inside it: a point of that item
    last = None
    for last in _SENTENCE_BREAK.finditer(work, prev_end, e["start"]):
        pass
    lead = work[last.end() if last else prev_end:e["start"]]
    return ":" not in lead and "：" not in lead and not _opens_list().search(lead)


def _one_paragraph_list(work: str, items: list[dict], k: int) -> bool:
    """Whether items[k] goes on a list that its paragraph opens (一是…。一是…): the item before is
    the group's first, opening the same paragraph, and no item of the group after it opens a
    paragraph, so there is no paragraph-list for items[k] to be nested in."""
    prev = items[k - 1]
    return (k == 1 and prev["number"] == 1 and _same_line(work, prev, items[k])
            and not any(_at_line_start(work, x) for x in items[k + 1:]))


def _same_line(work: str, a: dict, b: dict) -> bool:
    return "\n" not in work[a["start"]:b["start"]]


def _at_line_start(work: str, e: dict) -> bool:
    return not work[work.rfind("\n", 0, e["start"]) + 1:e["start"]].strip()


@check("enumeration_gap")
def enumeration_gap(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    groups: dict[int, list[dict]] = {}
    for e in report.enumerations:
        groups.setdefault(e["group"], []).append(e)
    work = report.work
    for items in groups.values():
        expected = 1
        prev_end = 0
        outer = 0  # the next number of a paragraph-list whose item holds a list of its own
        for k, e in enumerate(items):
            n = e["number"]
            # a new list starts with 一是 after a sentence or a colon (究其原因：一是…); within
            # one sentence (……；一是) it is the first item repeated
            restart = n == 1 and (expected == 1 or _LIST_BREAK.search(work, prev_end, e["start"]) is not None)
            if restart and expected > 1 and _false_restart(work, items, k, expected, prev_end):
                yield finding("enumeration_gap", "repeat", e["start"], e["end"], found=e["marker"], data={"found": n})
                expected, prev_end = expected + 1, e["end"]
                continue
            if restart and k and _at_line_start(work, items[k - 1]) and not _at_line_start(work, e):
                outer = expected  # 二是 opening a paragraph, 一是… inside it
            elif outer and n == outer and _at_line_start(work, e):
                outer, expected = 0, n  # the paragraph-list goes on after the nested one
            prev_end = e["end"]
            if n == expected or restart:
                expected = n + 1
                continue
            if expected == 1:
                yield finding("enumeration_gap", "start", e["start"], e["end"], found=e["marker"],
                              data={"found": n})
            elif n > expected:
                yield finding("enumeration_gap", "skip", e["start"], e["end"], prev=render("一是", expected - 1),
                              found=e["marker"], expected=render("一是", expected), data={"found": n, "expected": expected})
            else:
                yield finding("enumeration_gap", "repeat", e["start"], e["end"], found=e["marker"], data={"found": n})
            expected = n + 1
    yield from _circled_lists(report)


# Lists inside a paragraph, each marker style with how it reads its number: ①②③; 第一，第二，
# (a paragraph's points, never 排名第二， which follows a word); (1)(2) after a colon or a
# semicolon (主要做法：(1)…;(2)…).
_INLINE_LISTS: list[tuple[str, re.Pattern[str]]] = [
    ("①", re.compile("[\u2460-\u2473]")),
    ("第一", re.compile(r"(?:^|(?<=[。;:!?\s]))\s*第([一二三四五六七八九十]{1,2})(?=[,、])")),
    ("(1)", re.compile(r"(?<=[:;])\s*\((\d{1,2})\)")),
]
_INLINE_SCREEN = re.compile(r"[\u2460-\u2473]|第[一二三四五六七八九十]{1,2}[,、]|[:;]\s*\(\d")


def _inline_number(style: str, m: re.Match[str]) -> int | None:
    if style == "①":
        return ord(m.group().strip()) - 0x2460 + 1
    if style == "第一":
        return parse_cn_int(m.group(1))
    return int(m.group(1))


def _circled_lists(report: Report) -> Iterator[Finding]:
    """Lists numbered inside a paragraph (主要做法有：①…；②…；③…, 第一，…第二，…) must count up like
    一是、二是; a list may start again at its first number after a sentence end or a colon. A
    marker that opens a line is a heading, judged with the outline."""
    work = report.work
    if not _INLINE_SCREEN.search(work, report.body_start, report.body_end):
        return
    heads = {s.start for s in report.sections}
    opening = 1  # the next number of a 第一，/第二， run that opens paragraphs, until a heading
    for ls, _le, line in iter_lines(work):
        if ls in heads:
            opening = 1
        if ls < report.body_start or ls >= report.body_end or not _INLINE_SCREEN.search(line):
            continue
        for style, pat in _INLINE_LISTS:
            expected, prev_end = 1, 0
            for m in pat.finditer(line):
                n = _inline_number(style, m)
                if n is None:
                    continue
                at = m.start() + len(m.group()) - len(m.group().lstrip())
                restart = n == 1 and (expected == 1 or _LIST_BREAK.search(line, prev_end, at) is not None)
                at_start = at == len(line) - len(line.lstrip())
                pos = ls + at
                if at_start and style == "第一":
                    # paragraphs that open 第一，… 第二，…: one list from line to line
                    expected, opening = opening, n + 1
                    at_start = n == 1
                if not (n == expected or restart or at_start or expected == 1):
                    # (expected == 1: the list may have begun on the line before)
                    found = render(style, n)
                    if n > expected:
                        yield finding("enumeration_gap", "skip", pos, ls + m.end(), prev=render(style, expected - 1),
                                      found=found, expected=render(style, expected),
                                      data={"found": n, "expected": expected})
                    else:
                        yield finding("enumeration_gap", "repeat", pos, ls + m.end(), found=found, data={"found": n})
                expected, prev_end = n + 1, m.end()
