"""The five required contents, found whatever the report's own outline.

Reports organise the required items in many ways: a heading per item (桃林镇), measures
under several headings and one heading for 存在问题 and another for 下一步 (濉溪县), one
heading for problems and plans together (永清县), or no heading at all for the last two,
just a closing paragraph (汉滨区). We first give each top-level section a role from its
title, then fall back to the sentences that open the shortcomings and the plans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load as load_data
from ..record import Content, Section
from .outline import TOC_ENTRY, chain


@dataclass(frozen=True)
class _Lex:
    heading: dict[str, re.Pattern[str]]
    sentence: dict[str, re.Pattern[str]]
    min_measures: int
    min_causes: int
    vague_kinds: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    data = load_data("contents.toml")
    return _Lex({k: re.compile(v) for k, v in data["heading"].items()},
                {k: re.compile(v, re.M) for k, v in data["sentence"].items()},
                int(data["measures"]["min_chars"]), int(data["causes"]["min_chars"]),
                frozenset(data["measures"].get("vague_kinds", ())))


def is_concrete(kind: str) -> bool:
    """Whether a figure of this kind reports work done (what makes a short measures part present)."""
    return kind not in _lex().vague_kinds


_SENT = re.compile(r"[^。;!?\n]+[。;!?]?")


def sentences(work: str, start: int, end: int):
    """(start, end) of each sentence in work[start:end], leading spaces skipped."""
    for m in _SENT.finditer(work, start, end):
        s = m.start()
        while s < m.end() and work[s] in " \t":
            s += 1
        if s < m.end():
            yield s, m.end()


@dataclass
class Regions:
    """Where each part of the report lies (character spans, None when absent)."""

    measures: tuple[int, int] | None = None
    shortcomings: tuple[int, int] | None = None
    next_year_plan: tuple[int, int] | None = None


def heading_role(title: str) -> str | None:
    lex = _lex()
    roles = [r for r in ("first_responsibility", "causes", "shortcomings", "next_year_plan", "other")
             if lex.heading[r].search(title)]
    if lex.heading["measures"].search(title) and not ({"shortcomings", "causes", "first_responsibility"} & set(roles)):
        return "measures"
    if "shortcomings" in roles and "next_year_plan" in roles:
        return "mixed"
    if "causes" in roles and "shortcomings" in roles:
        return "shortcomings"
    return roles[0] if roles else None


def find(work: str, sections: list[Section], body_start: int, body_end: int,
         figure_starts: list[int] = ()) -> tuple[dict[str, Content], Regions]:
    """The five contents and the regions they occupy; `figure_starts` are where figures stand."""
    lex = _lex()
    tops = [s for s in sections if s.level == 1]
    for s in sections:
        if s.level <= 2:
            s.role = heading_role(s.title) or ("measures" if s.level == 1 else None)
    short: tuple[int, int] | None = None
    plan: tuple[int, int] | None = None
    causes_section: Section | None = None
    for s in tops:
        if s.role in ("shortcomings", "causes") and short is None:
            short = (s.start, s.end)
        if s.role == "causes":
            causes_section = s
        if s.role == "next_year_plan" and plan is None:
            plan = (s.start, s.end)
        if s.role == "mixed":
            split = _plan_sentence(work, s.title_end, s.end)
            if short is None:
                short = (s.start, split if split is not None else s.end)
            if plan is None and split is not None:
                plan = (split, s.end)
    for s in sections:
        if s.level == 2 and s.role == "causes":
            causes_section = causes_section or s
    half = body_start + (body_end - body_start) // 2
    # …from the start of the sentence the middle falls in: a sentence cut in two loses the words
    # that open it (存在的不足…, 下一步…)
    half = max(body_start, max(work.rfind(c, body_start, half) for c in "。;!?\n") + 1)
    if short is None:
        stop = plan[0] if plan else body_end
        for a, b in sentences(work, half, stop):
            if lex.sentence["shortcomings"].search(work, a, b) and not _in_measures_heading(sections, a):
                short = (a, stop)
                break
    if plan is None:
        search_from = short[0] if short else half
        split = _plan_sentence(work, search_from, body_end)
        if split is not None:
            plan = (split, _section_end_after(tops, split, body_end))
            if short is not None and short[1] > split:
                short = (short[0], split)
    if short is None and plan is not None:
        short = _short_before(work, body_start, plan[0])

    _end_items_at(work, sections, [r[0] for r in (short, plan) if r])

    contents: dict[str, Content] = {}
    first_part = min([r[0] for r in (short, plan) if r] + [body_end])
    # the year's measures are a part of their own, not the results a 第一责任人 part cites nor
    # the opening paragraph: with an outline, only text under measures headings counts
    measure_spans = [(body_start, first_part)]
    before = [s for s in tops if s.start < first_part]
    if len(tops) >= 2 and before:
        measure_spans = [(s.start, min(s.end, first_part)) for s in before if s.role not in ("first_responsibility",)]
    n_chars = sum(len(re.sub(r"\s", "", work[a:b])) for a, b in measure_spans)
    m_start = next((s.start for s in tops if s.role == "measures"), body_start)
    # enough text, or a shorter account that still reports something concrete (a figure or
    # a measures heading with content under it)
    concrete = any(a <= p < b for p in figure_starts for a, b in measure_spans) or any(
        s.role == "measures" and s.end - s.title_end > 30 for s in tops if s.start < first_part)
    # a part headed as the year's measures (主要举措和成效) with a figure under it is present however short
    headed = any(lex.heading["measures"].search(s.title) and s.end - s.title_end > 30
                 and any(s.title_end <= p < s.end for p in figure_starts) for s in before)
    has_measures = n_chars >= lex.min_measures or (n_chars >= lex.min_measures // 3 and concrete) or headed
    contents["measures"] = Content(has_measures, m_start if has_measures else None,
                                   first_part if has_measures else None)
    contents["shortcomings"] = Content(short is not None, *(short or (None, None)))

    # causes need a sentence that gives them, not just a heading that names them; a heading
    # announcing causes (…不足和原因) admits looser causal language beneath it
    titles = [(s.start, s.title_end) for s in sections if s.style != "一是"]
    announced = any(lex.heading["causes"].search(s.title) for s in sections
                    if short is not None and short[0] <= s.start < short[1]) or causes_section is not None
    pat = lex.sentence["causes_under_heading" if announced else "causes"]
    cause = None
    for region in ([(causes_section.start, causes_section.end)] if causes_section is not None else []) + \
            ([short] if short is not None else []):
        for a, b in sentences(work, region[0], region[1]):
            # a heading's own words name causes, they do not give them: look after the title
            a = max([a] + [t1 for t0, t1 in titles if t0 <= a < t1])
            if a >= b:
                continue
            if pat.search(work, a, b):
                cause = (a, b)
                break
        if cause:
            break
    if cause is None and short is not None and "\n" in work[short[0]:short[1]]:
        # a PDF's hard line breaks may cut the words that give the causes (原\n因是…): read the
        # part's text after its heading with the breaks between two characters taken out
        a0, b0 = short
        seg = list(work[a0:b0])
        for t0, t1 in titles:  # headings' own words name causes, they do not give them
            for k in range(max(t0, a0), min(t1, b0)):
                seg[k - a0] = " "
        text = "".join(seg)
        joined = _HARD_WRAP.sub("", text)
        if joined != text and pat.search(joined):
            cause = (a0, b0)
    if cause is None and causes_section is not None and causes_section.level >= 2:
        # a sub-part headed as the causes ((二)原因分析) gives them whatever its wording, if it
        # says anything beyond its heading
        body = (causes_section.title_end, causes_section.end)
        if len(re.sub(r"[\s。.:：,，;；]", "", work[body[0]:body[1]])) >= _lex().min_causes:
            cause = body
    contents["causes"] = Content(cause is not None, *(cause or (None, None)))
    contents["first_responsibility"] = _first_responsibility(work, sections, body_start, body_end, short, plan)
    contents["next_year_plan"] = Content(plan is not None, *(plan or (None, None)))
    return contents, Regions(measures=(body_start, first_part) if contents["measures"].present else None,
                             shortcomings=short, next_year_plan=plan)


def _short_before(work: str, body_start: int, plan_start: int) -> tuple[int, int] | None:
    """The paragraph right before the plan when its first sentence opens the shortcomings
    (工作中还存在一些不足：一是…), wherever it stands in the body: in a short report it may lie
    in the first half, where a sentence about problems is otherwise taken for a measure's story."""
    line = work.rfind("\n", 0, plan_start) + 1
    if work[line:plan_start].strip():
        return None  # the plan opens inside a paragraph: what precedes it there is not a part of its own
    prev_end = len(work[:line].rstrip())
    a = max(body_start, work.rfind("\n", 0, prev_end) + 1)
    if a >= prev_end:
        return None
    first = next(iter(sentences(work, a, prev_end)), None)
    m = _lex().sentence["shortcomings"].search(work, *first) if first is not None else None
    # the sentence announces them (…存在一些不足：), not a case found in the work (发现存在问题的5件);
    # so announced right before the plan they are a part of their own even where the last measures
    # sub-part, lacking a heading after it, seems to run on over them
    if m is None or not _lex().sentence["shortcomings_announced"].match(work, m.end(), first[1]):
        # a paragraph giving the causes right before the plan (究其原因，…) follows the shortcomings
        # it explains: the paragraph before it is they, when its first sentence tells of a shortfall
        # (opening it: 究其原因，… / 原因主要在于…, not a cause a measure's story gives in passing)
        c = _lex().sentence["causes"].search(work, *first) if first is not None else None
        if c is None or c.start() - first[0] > 6:
            return None
        prev = len(work[:a].rstrip())
        b0 = max(body_start, work.rfind("\n", 0, prev) + 1)
        lead = next(iter(sentences(work, b0, prev)), None) if b0 < prev else None
        if lead is None or not _lex().sentence["shortfall"].search(work, *lead):
            return None
        return lead[0], line
    return first[0], line


def _end_items_at(work: str, sections: list[Section], starts: list[int]) -> None:
    """A 一是 item opening a paragraph ends where a later part found by its sentence opens a
    paragraph of its own (…五是抓好普法宣传。…\n回顾全年，工作中还存在一些不足：…): with no
    part headings, the last item would otherwise run over the shortcomings and the plan."""
    for s in sections:
        if s.style != "一是" and s.role not in (None, "measures"):
            continue
        for b in sorted(starts):
            if s.title_end < b < s.end and not work[work.rfind("\n", 0, b) + 1:b].strip():
                s.end = b
                break


# a line break between two Chinese characters, with the next line's indent: a hard wrap
_HARD_WRAP = re.compile(r"(?<=[\u4e00-\u9fff])\n[ \t\u3000]*(?=[\u4e00-\u9fff])")


def _in_measures_heading(sections: list[Section], pos: int) -> bool:
    """True inside a numbered measures subsection (problems there are part of a measure's story)."""
    held = chain(sections, pos)
    if any(t.level == 1 and t.role in ("shortcomings", "causes", "mixed") for t in held):
        return False
    return any(s.level >= 2 and s.style != "一是" and s.role not in ("shortcomings", "causes") for s in held)


def _plan_sentence(work: str, start: int, end: int) -> int | None:
    pat = _lex().sentence["next_year_plan"]
    for a, b in sentences(work, start, end):
        if pat.match(work, a, b):
            return a
    return None


def _section_end_after(tops: list[Section], pos: int, body_end: int) -> int:
    for s in tops:
        if s.start > pos:
            return s.start
    return body_end


# a question asked of the report's own work (问：局长如何履行第一责任人职责？): what it tells is in its answer
_QUESTION = re.compile(r"[?？]\s*$")


def _answer_end(work: str, a: int, b: int, body_end: int) -> int:
    """The end of a sentence, or for a question standing as its own line the end of the
    paragraph after it, which answers it (问：…？ / 答：…): the content is the question and its answer."""
    line_end = work.find("\n", a, body_end)
    line_end = body_end if line_end < 0 else line_end
    if not _QUESTION.search(work, a, line_end) or work[b:line_end].strip():
        return b
    m = _NEXT_PARAGRAPH.search(work, line_end, body_end)
    return m.end(1) if m else b


_NEXT_PARAGRAPH = re.compile(r"\n\s*(\S[^\n]*)")


def _first_responsibility(work: str, sections: list[Section], body_start: int, body_end: int,
                          short: tuple[int, int] | None, plan: tuple[int, int] | None) -> Content:
    lex = _lex()

    def in_plan(pos: int) -> bool:
        return plan is not None and plan[0] <= pos < plan[1]

    def in_short(pos: int) -> bool:
        return short is not None and short[0] <= pos < short[1]

    for s in sections:
        if s.role == "first_responsibility" and not in_plan(s.start):
            return Content(True, s.start, s.end, "有专门章节报告第一责任人职责履行情况")
    plan_hit = None
    for a, b in sentences(work, body_start, body_end):
        if lex.sentence["first_responsibility"].search(work, a, b) and not TOC_ENTRY.search(work, a, b):
            if in_plan(a):
                plan_hit = plan_hit or (a, b)
                continue
            if in_short(a):
                continue
            return Content(True, a, _answer_end(work, a, b, body_end), "正文报告了主要负责人履行推进法治建设第一责任人职责的情况")
    if plan_hit is not None:
        return Content(False, plan_hit[0], plan_hit[1], "第一责任人职责仅作为下一年度工作计划出现")
    return Content(False)
