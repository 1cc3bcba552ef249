"""Text defects a proof-reader would mark: unpaired brackets and quotes, words that lost
their number (第批, 共件, 达%), look-alike characters (进—步, 2O23), doubled punctuation, and
paragraphs of shortcomings or plans that are stock phrasing only."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..data import load as load_data
from ..record import Finding, Report
from ..understand.excerpt import widen_end, widen_start
from ..understand.literals import LiteralScan
from ..understand.page import iter_lines
from .document import is_report
from .registry import check, finding

PAIRS = {"(": ")", "[": "]", "【": "】", "《": "》", "〔": "〕", "“": "”", "‘": "’", "{": "}", "「": "」", "『": "』"}
CLOSERS = {v: k for k, v in PAIRS.items()}
# brackets that never span a full stop; quotes may (a quoted sentence)
_SENTENCE_BOUND = set("([【《〔{「『")
_LIST_MARK = re.compile(r"(?:^|[\s、;:])[A-Za-z\d]{1,2}$")
# the characters the bracket scan acts on: a line is walked from one to the next
_YEAR_AT = re.compile(r"(?:19|20)\d{2}\s*年")
# Chinese numerals and quantity words: a measure word after them has its number
_NUMERAL_CHARS = "〇零一二三四五六七八九十百千万亿两几多余数双半"
# a line ending so has finished its sentence; any other line may be a hard-wrapped one
_SENTENCE_END = re.compile(r"[。;；:：!！?？]\s*$")
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
    bare_measure: re.Pattern[str]
    word_before: dict[str, str]
    dash_end: re.Pattern[str]
    dash_start: re.Pattern[str]
    words: dict[str, str]
    words_re: re.Pattern[str]
    not_after: str
    not_specific: re.Pattern[str]
    label_value: re.Pattern[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = load_data("textchecks.toml")
    mt, ty, ge = d["missing_text"], d["typo"], d["generic"]
    stock = sorted(ge["stock"], key=len, reverse=True)
    words = dict(ty["words"])
    return _Lex(re.compile(mt["ordinal"]), re.compile(mt["total"], re.M), re.compile(mt["percent"]),
                re.compile(ty["dash_for_one"]), frozenset(ty["one_words"]), re.compile(ty["letter_in_number"]),
                re.compile(ty["doubled"]), re.compile(ty["double_de"]),
                re.compile("|".join(map(re.escape, stock))), int(ge["min_chars"]), float(ge["min_share"]),
                re.compile(mt["bare_measure"]), dict(mt["word_before"]), re.compile(ty["dash_word_end"]),
                re.compile(ty["dash_word_start"]), words,
                re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))), ty["not_after"]["chars"],
                re.compile(ge["not_specific"]), re.compile(mt["label_value"], re.M))


def _width_of(mark: str, like: str) -> str:
    """A bracket the text did not write (the missing half) in the width of the half it did: the work
    text reads （ as (, and a message 缺少“)” after “（” mixes the two widths."""
    return chr(ord(mark) + 0xFEE0) if "\uff01" <= like <= "\uff5e" and "!" <= mark <= "~" else mark


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    line_a = text.rfind("\n", 0, start) + 1
    line_b = text.find("\n", end)
    a = max(a, line_a)
    if line_b >= 0:
        b = min(b, line_b)
    a = widen_start(text, a, b)  # a document number at either end is shown whole: 〔2024〕, not 2024〕
    b = widen_end(text, a, b)
    return ("…" if a > line_a else "") + text[a:b].strip() + ("…" if line_b < 0 or b < line_b else "")


@check("unbalanced_brackets")
def unbalanced_brackets(report: Report) -> Iterator[Finding]:
    if report.metadata.doc_type not in ("report",):
        return
    work, text = report.work, report.text
    carry: list[tuple[str, int]] = []
    cut_from = _unfinished_sentence(work) if "mid_sentence" in (report.truncation or {}).get("reasons", ()) else None
    for ls, le, line in iter_lines(work):
        if ls < report.body_start - 200 or not line.strip():
            continue
        # a line that stops mid-sentence (a hard-wrapped paragraph) hands its open brackets on
        stack: list[tuple[str, int]] = carry
        carry = []
        for m in _MARKS.finditer(line):
            i, ch = m.start(), m.group()
            pos = ls + i
            if ch in PAIRS:
                stack.append((ch, pos))
            elif ch in CLOSERS:
                opener = CLOSERS[ch]
                idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == opener), None)
                if idx is None:
                    if ch == ")" and _LIST_MARK.search(line[:i]) and not _lost_opener(report, ls, line, i):
                        continue  # 1) a) list markers
                    yield _unopened(text, opener, pos)
                    continue
                # anything opened after the matching opener and not closed is unbalanced
                for och, opos in stack[idx + 1:]:
                    yield _unclosed(text, och, opos)
                del stack[idx:]
            elif ch == "。" and stack:
                keep = []
                for och, opos in stack:
                    if och in _SENTENCE_BOUND:
                        yield _unclosed(text, och, opos)
                    else:
                        keep.append((och, opos))
                stack = keep
        if stack and not _SENTENCE_END.search(line) and le < len(work):
            carry = stack
            continue
        if cut_from is not None and not work[le:].strip():
            # the text was cut off in this line's last sentence: what that sentence opened (对《广…)
            # may close in the part that was not received
            stack = [(och, opos) for och, opos in stack if opos < cut_from]
        for och, opos in stack:
            yield _unclosed(text, och, opos)
    if cut_from is not None:
        carry = [(och, opos) for och, opos in carry if opos < cut_from]
    for och, opos in carry:
        yield _unclosed(text, och, opos)


@lru_cache(maxsize=1)
def _doc_no() -> re.Pattern[str]:
    return re.compile(load_data("textchecks.toml")["doc_no"]["lost_close"])


def _unclosed(text: str, och: str, opos: int) -> Finding:
    """An opened bracket never closed; a document number's bracket whose close was lost between the
    year and the serial (〔202041号) is named as that document number, with its full form."""
    close = _width_of(PAIRS[och], text[opos])
    m = _doc_no().match(text, opos + 1) if och in "〔[" else None
    if m is not None:
        return finding("unbalanced_brackets", "doc_no", opos, m.end(), close=close, doc_no=text[opos:m.end()],
                       fixed=f"{text[opos]}{m['year']}{close}{m['serial']}号", context=_context(text, opos, opos + 1))
    return finding("unbalanced_brackets", "unclosed", opos, opos + 1, mark=text[opos], close=close,
                   context=_context(text, opos, opos + 1))


def _unopened(text: str, opener: str, pos: int) -> Finding:
    """A closing bracket never opened; a document number's whose opening bracket was lost before
    its year (2020〕41号) is named as that document number, with its full form."""
    d = load_data("textchecks.toml")["doc_no"]
    opened = _width_of(opener, text[pos])
    year = re.search(d["lost_open_year"], text[max(0, pos - 4):pos]) if opener in "〔[" else None
    serial = re.match(d["lost_open_serial"], text[pos + 1:pos + 6]) if year else None
    if year and serial:
        a = pos - 4
        return finding("unbalanced_brackets", "doc_no", a, pos + 1 + serial.end(), close=opened,
                       doc_no=text[a:pos + 1 + serial.end()],
                       fixed=f"{opened}{year.group()}{text[pos]}{serial.group()}", context=_context(text, pos, pos + 1))
    return finding("unbalanced_brackets", "unopened", pos, pos + 1, mark=text[pos], open=opened,
                   context=_context(text, pos, pos + 1))


def _unfinished_sentence(work: str) -> int:
    """Where the last, unfinished sentence of a text cut off in mid-sentence begins: past the last
    sentence end of its last line."""
    end = len(work.rstrip())
    line_start = work.rfind("\n", 0, end) + 1
    last = max((work.rfind(c, line_start, end) for c in "。！？!?；;"), default=-1)
    return (last + 1) if last >= 0 else line_start


def _lost_opener(report: Report, ls: int, line: str, i: int) -> bool:
    """A line opening with 2) between the (1) and (3) headings of its part: the list marker is
    a (2) that lost its opening bracket, not a style of its own."""
    head = line[:i].strip()
    if not head.isdigit():
        return False
    n = int(head)
    sibs = [s for s in report.sections if s.style == "(1)"]
    before = [s for s in sibs if s.start < ls]
    after = [s for s in sibs if s.start > ls]
    return (bool(before) and before[-1].number == n - 1 and before[-1].end > ls) or \
        (bool(after) and after[0].number == n + 1)


@check("missing_text")
def missing_text(report: Report) -> Iterator[Finding]:
    if not is_report(report):
        return
    lex = _lex()
    work, text = report.work, report.text
    a, b = report.body_start, report.body_end
    seen: set[int] = set()
    for pat, width in ((lex.ordinal, 2), (lex.total, 0), (lex.percent, 0), (lex.label_value, 0)):
        for m in pat.finditer(work, a, b):
            s, e = m.start(), max(m.end(), m.start() + width)
            seen.update(range(s, e))
            yield finding("missing_text", start=s, end=e, found=text[s:e].strip(),
                          context=_context(text, s, e))
    for m in lex.bare_measure.finditer(work, a, b):
        s = m.start()
        word = m.group(1)
        if s in seen or work[s - 1] in lex.word_before.get(word, "") or work[s - 1] in _NUMERAL_CHARS:
            continue
        if re.search(r"[\d" + _NUMERAL_CHARS + r"][\u4e00-\u9fff]?$", work[max(a, s - 3):s - 1]):
            continue  # a word between the number and its measure (145大项, 3余名)
        yield finding("missing_text", start=s - 2, end=m.end(), found=text[s - 2:m.end()].strip(),
                      context=_context(text, s - 2, m.end()))


@lru_cache(maxsize=1)
def _chain() -> re.Pattern[str]:
    n = int(load_data("textchecks.toml")["typo"]["dash_chain_reach"])
    return re.compile(f"[\u4e00-\u9fff]{{2,{n}}}[—―－]")


def _chained(work: str, s: int) -> bool:
    """Whether the dash at `s` is one of a chain joining steps (登记—处理—汇总): another dash follows
    or precedes it across a few Chinese characters only."""
    if _chain().match(work, s + 1):
        return True
    n = int(load_data("textchecks.toml")["typo"]["dash_chain_reach"])
    j = max(work.rfind(d, max(0, s - n - 1), s) for d in "—―－")
    between = work[j + 1:s]
    return j >= 0 and len(between) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in between)


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
        if (before + "一" in lex.one_words or "一" + after in lex.one_words) and not _chained(work, s):
            found = text[s - 1:s + 2]
            yield finding("typo", start=s - 1, end=s + 2, found=found, fix=before + "一" + after,
                          reason="破折号“—”误用作汉字“一”")
    dashes = any(work.find(d, a, b) >= 0 for d in "—―－")
    for pat in (lex.dash_end, lex.dash_start) if dashes else ():
        for m in pat.finditer(work, a, b):
            s = m.start()
            before, after = work[s - 1], work[s + 1] if s + 1 < len(work) else ""
            if (pat is lex.dash_end and before + "一" in lex.one_words) or \
                    (pat is lex.dash_start and "一" + after in lex.one_words):
                yield finding("typo", start=s - 1, end=s + 2, found=text[s - 1:s + 2],
                              fix=text[s - 1] + "一" + text[s + 1:s + 2], reason="破折号“—”误用作汉字“一”")
    for m in lex.words_re.finditer(work, a, b) if work.find("己", a, b) >= 0 or work.find("自已", a, b) >= 0 else ():
        s, found = m.start(), m.group(0)
        if found[0] == "己" and s > 0 and work[s - 1] in lex.not_after:
            continue
        yield finding("typo", start=s, end=m.end(), found=found, fix=lex.words[found], reason="形近字误用")
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


def _specific(report: Report, seg: str, s: int, e: int) -> bool:
    """A passage is specific when it has a figure (not only the year it speaks of or its list
    numbering), a named document or a quoted measure."""
    lex = _lex()
    if re.search(r"《[^》]+》|“[^”]{2,}”", seg):
        return True
    if re.search(r"\d", lex.not_specific.sub("", seg)):
        return True
    starts = [f.start for f in report.figures]
    i = bisect.bisect_left(starts, s)
    while i < len(starts) and starts[i] < e:
        if not _YEAR_AT.match(report.work, starts[i]):
            return True
        i += 1
    return False


@lru_cache(maxsize=1)
def _stock_scan() -> LiteralScan:
    """The stock phrases found in one pass (literals.LiteralScan): the same matches as the
    alternation of a hundred phrases, which the regex engine tries at every position."""
    return LiteralScan([_lex().stock])


def _stock_share(core: str) -> float:
    spans = _stock_scan().spans(core)[0]
    if spans is None:
        spans = [m.span() for m in _lex().stock.finditer(core)]
    return sum(e - s for s, e in spans) / max(1, len(core))


@check("generic_text")
def generic_text(report: Report) -> Iterator[Finding]:
    """Each paragraph of the shortcomings and plans; and the part as a whole, so that a part
    written as several short stock lines (一是加强组织领导。二是……) is judged too."""
    if not is_report(report) or report.regions is None:
        return
    lex = _lex()
    work = report.work
    heads = {x for s in report.sections if s.style != "一是" for x in (s.start, s.title_start)}
    for part, span in (("存在的不足", report.regions.shortcomings), ("下一步工作安排", report.regions.next_year_plan)):
        if span is None:
            continue
        flagged = False
        whole: list[tuple[int, int]] = []
        paras: list[tuple[int, int, str, bool]] = []
        for ls, le, line in iter_lines(work):
            if le <= span[0] or ls >= span[1]:
                continue
            s, e = max(ls, span[0]), min(le, span[1])
            seg = work[s:e]
            lead = len(seg) - len(seg.lstrip())
            if s + lead in heads and len(seg.strip()) <= 40:
                continue  # the part's heading, not its text
            whole.append((s, e))
            if seg.strip():
                paras.append((s + lead, e, seg, _specific(report, seg, s, e)))
        for k, (s, e, seg, specific) in enumerate(paras):
            core = re.sub(r"\s", "", seg)
            if len(core) < lex.min_chars or specific:
                continue
            if k in (0, len(paras) - 1) and any(p[3] for p in paras):
                continue  # a stock lead-in (2024年，我县将坚持……) or closing around specific plans or problems
            share = _stock_share(core)
            if share >= lex.min_share:
                flagged = True
                yield finding("generic_text", start=s, end=e, part=part, share=round(share * 100),
                              data={"share": round(share, 3)})
        if flagged or not whole:
            continue
        s, e = whole[0][0], whole[-1][1]
        segs = [work[a:b] for a, b in whole]
        core = re.sub(r"\s", "", "".join(segs))
        if len(core) < lex.min_chars or any(_specific(report, work[a:b], a, b) for a, b in whole):
            continue
        share = _stock_share(core)
        if share >= lex.min_share:
            lead = len(segs[0]) - len(segs[0].lstrip())
            yield finding("generic_text", start=s + lead, end=e, part=part, share=round(share * 100),
                          data={"share": round(share, 3)})
