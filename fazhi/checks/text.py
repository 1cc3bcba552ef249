"""Text defects a proof-reader would mark: unpaired brackets and quotes, words that lost
their number (第批, 共件, 达%), look-alike characters (进—步, 2O23), doubled punctuation, and
paragraphs of shortcomings or plans that are stock phrasing only."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..data import load as load_data
from ..record import Finding, Report
from ..understand.page import iter_lines
from .document import is_report
from .registry import check, finding

PAIRS = {"(": ")", "[": "]", "【": "】", "《": "》", "〔": "〕", "“": "”", "‘": "’", "{": "}", "「": "」", "『": "』"}
CLOSERS = {v: k for k, v in PAIRS.items()}
# brackets that never span a full stop; quotes may (a quoted sentence)
_SENTENCE_BOUND = set("([【《〔{「『")
_LIST_MARK = re.compile(r"(?:^|[\s、;:])[A-Za-z\d]{1,2}$")
# the characters the bracket scan acts on: a line is walked from one to the next
_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "。]")


@dataclass(frozen=True)
class _Lex:
    ordinal: re.Pattern[str]
    total: re.Pattern[str]
    percent: re.Pattern[str]
    dash: re.Pattern[str]
    one_words: frozenset[str]
    letter: re.Pattern[str]
    doubled: re.Pattern[str]
    double_de: re.Pattern[str]
    stock: re.Pattern[str]
    min_chars: int
    min_share: float


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = load_data("textchecks.toml")
    mt, ty, ge = d["missing_text"], d["typo"], d["generic"]
    stock = sorted(ge["stock"], key=len, reverse=True)
    return _Lex(re.compile(mt["ordinal"]), re.compile(mt["total"], re.M), re.compile(mt["percent"]),
                re.compile(ty["dash_for_one"]), frozenset(ty["one_words"]), re.compile(ty["letter_in_number"]),
                re.compile(ty["doubled"]), re.compile(ty["double_de"]),
                re.compile("|".join(map(re.escape, stock))), int(ge["min_chars"]), float(ge["min_share"]))


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    line_a = text.rfind("\n", 0, start) + 1
    line_b = text.find("\n", end)
    a = max(a, line_a)
    if line_b >= 0:
        b = min(b, line_b)
    return ("…" if a > line_a else "") + text[a:b].strip() + ("…" if line_b < 0 or b < line_b else "")


@check("unbalanced_brackets")
def unbalanced_brackets(report: Report) -> Iterator[Finding]:
    if report.metadata.doc_type not in ("report",):
        return
    work, text = report.work, report.text
    for ls, le, line in iter_lines(work):
        if ls < report.body_start - 200 or not line.strip():
            continue
        stack: list[tuple[str, int]] = []
        for m in _MARKS.finditer(line):
            i, ch = m.start(), m.group()
            pos = ls + i
            if ch in PAIRS:
                stack.append((ch, pos))
            elif ch in CLOSERS:
                opener = CLOSERS[ch]
                idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == opener), None)
                if idx is None:
                    if ch == ")" and _LIST_MARK.search(line[:i]):
                        continue  # 1) a) list markers
                    yield finding("unbalanced_brackets", "unopened", pos, pos + 1, mark=text[pos], open=opener,
                                  context=_context(text, pos, pos + 1))
                    continue
                # anything opened after the matching opener and not closed is unbalanced
                for och, opos in stack[idx + 1:]:
                    yield finding("unbalanced_brackets", "unclosed", opos, opos + 1, mark=text[opos], close=PAIRS[och],
                                  context=_context(text, opos, opos + 1))
                del stack[idx:]
            elif ch == "。" and stack:
                keep = []
                for och, opos in stack:
                    if och in _SENTENCE_BOUND:
                        yield finding("unbalanced_brackets", "unclosed", opos, opos + 1, mark=text[opos],
                                      close=PAIRS[och], context=_context(text, opos, opos + 1))
                    else:
                        keep.append((och, opos))
                stack = keep
        for och, opos in stack:
            yield finding("unbalanced_brackets", "unclosed", opos, opos + 1, mark=text[opos], close=PAIRS[och],
                          context=_context(text, opos, opos + 1))


@check("missing_text")
def missing_text(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    lex = _lex()
    work, text = report.work, report.text
    a, b = report.body_start, report.body_end
    for pat, width in ((lex.ordinal, 2), (lex.total, 0), (lex.percent, 0)):
        for m in pat.finditer(work, a, b):
            s, e = m.start(), max(m.end(), m.start() + width)
            yield finding("missing_text", start=s, end=e, found=text[s:e].strip(),
                          context=_context(text, s, e))


@check("typo")
def typo(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    lex = _lex()
    work, text = report.work, report.text
    a, b = report.body_start, report.body_end
    for m in lex.dash.finditer(work, a, b):
        s = m.start()
        before, after = work[s - 1], work[s + 1] if s + 1 < len(work) else ""
        if before + "一" in lex.one_words or "一" + after in lex.one_words:
            found = text[s - 1:s + 2]
            yield finding("typo", start=s - 1, end=s + 2, found=found, fix=before + "一" + after,
                          reason="破折号“—”误用作汉字“一”")
    for m in lex.letter.finditer(work, a, b):
        s = m.start()
        ns = s
        while ns > a and work[ns - 1].isdigit():
            ns -= 1
        ne = s + 1
        while ne < b and work[ne].isdigit():
            ne += 1
        found = text[ns:ne]
        fix = found.replace(text[s], "0" if work[s] in "OoＯ" else "1")
        yield finding("typo", start=ns, end=ne, found=found, fix=fix, reason="数字中混入了字母")
    for m in lex.doubled.finditer(work, a, b):
        yield finding("typo", start=m.start(), end=m.end(), found=text[m.start():m.end()], fix=text[m.start()],
                      reason="标点重复")
    for m in lex.double_de.finditer(work, a, b):
        yield finding("typo", start=m.start(), end=m.end(), found="的的", fix="的", reason="“的”字重复")


@check("generic_text")
def generic_text(report: Report) -> Iterator[Finding]:
    if not is_report(report) or report.regions is None:
        return
    lex = _lex()
    work = report.work
    for part, span in (("存在的不足", report.regions.shortcomings), ("下一步工作安排", report.regions.next_year_plan)):
        if span is None:
            continue
        for ls, le, line in iter_lines(work):
            if le <= span[0] or ls >= span[1]:
                continue
            s, e = max(ls, span[0]), min(le, span[1])
            seg = work[s:e]
            core = re.sub(r"\s", "", seg)
            if len(core) < lex.min_chars:
                continue
            if any(s <= f.start < e for f in report.figures) or re.search(r"《[^》]+》|“[^”]{2,}”|\d", seg):
                continue
            covered = sum(len(m.group(0)) for m in lex.stock.finditer(core))
            share = covered / len(core)
            if share >= lex.min_share:
                lead = len(seg) - len(seg.lstrip())
                yield finding("generic_text", start=s + lead, end=e, part=part, share=round(share * 100),
                              data={"share": round(share, 3)})
