"""Relations between the figures of one paragraph that the taxonomy does not spell out.

Reports state a rate a sentence after its counts (受理纠纷2591件。其中调解成功2480件，成功率达
95.7%), name the numerator in the rate itself (办结率 over the 办结 count), and list the six
outcomes of 行政复议 or the three results of a 清理 in words the indicator taxonomy need not
know. This module finds, within one paragraph, (1) for each rate "X率" the count whose phrase
holds X and the counts before it that may be its base, and (2) runs of parts of a known
partition (fazhi/data/arithmetic.toml) with the totals stated before them. The checks in
arithmetic.py judge them; where several bases are possible a rate is accepted when any of
them gives it, so ambiguity makes the check silent, never wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import load as load_data
from ..record import Figure, Report
from ..understand.literals import WordIndex, required_words

_CLAUSE = re.compile(r"[,，;；。:：!?！？、\n]")
# where a list of counts ends: a two-way split is whole only when its clause closes after it
_CLAUSE_END = re.compile(r"[;；。!?！？]")
_SENTENCE_END = re.compile(r"[。!?！？\n]")
# words after a list that say it is not all: the rest, others, still open
_MORE = re.compile(r"其余|其他|其它|另有|另外|剩余|尚有|尚未|尚在|正在|还有")
_SCALES = {"万": 1e4, "亿": 1e8, "千": 1e3}
# a figure's own words are at most this long; farther back is another clause's business
_LABEL_MAX = 40
# words that open a statement about the whole unit (全市各级…, 我县…): after a clause end they
# start a new statement, not the next part of a list
_NEW_SUBJECT = re.compile(r"(?:全[省市县区镇乡州旗]|各级|我[省市县区镇乡局委]|本[省市县区镇乡局委])")


@dataclass(frozen=True)
class _Lex:
    stems: list[tuple[str, re.Pattern[str]]]
    link: re.Pattern[str]
    not_base: re.Pattern[str]
    due: re.Pattern[str]
    carried: re.Pattern[str]
    earlier: re.Pattern[str]
    activity: re.Pattern[str]
    partitions: list[dict]
    narrower: re.Pattern[str]


@lru_cache(maxsize=1)
def lex() -> _Lex:
    d = load_data("arithmetic.toml")
    stems = sorted(((k, re.compile(v)) for k, v in d["rate_stems"].items()), key=lambda kv: -len(kv[0]))
    parts = []
    for p in d["partition"]:
        pats = [re.compile(f"(?:{x})") for x in p["parts"]]
        closing = [re.compile(f"(?:{x})") for x in p.get("closing", [])]
        parts.append({"name": p["name"], "parts": pats, "closing": closing, "total": re.compile(p["total"]),
                      "exhaustive_at": int(p["exhaustive_at"]),
                      "closed_by_clause": bool(p.get("closed_by_clause", False)),
                      "adjacent_at": int(p.get("adjacent_at", 0)),
                      "same_sentence": bool(p.get("same_sentence", False)),
                      "not_total": re.compile(p["not_total"]) if p.get("not_total") else None,
                      "any": re.compile("|".join(f"(?:{x})" for x in p["parts"]))})
    return _Lex(stems, re.compile(d["rate_link"]), re.compile(d["not_base"]), re.compile(d["due"]),
                re.compile(d["carried_over"]), re.compile(d["earlier_period"]), re.compile(d["activity"]), parts,
                re.compile(d["narrower_subject"]))


@lru_cache(maxsize=1)
def _partition_screens() -> tuple[frozenset[str] | None, ...]:
    """Per partition of lex().partitions, the words one of which every match of its parts
    holds (literals.required_words; None: no short list)."""
    return tuple(required_words(p["any"]) for p in lex().partitions)


@lru_cache(maxsize=1)
def _partition_words() -> WordIndex:
    """The words of every partition, found in a paragraph in one pass: a report's paragraphs
    name one or two of the eleven partitions, and each partition's own search of every
    paragraph cost more than the pass that tells which ones to search."""
    return WordIndex(w for words in _partition_screens() for w in words or ())


def _cached(report: Report, key: str, make):
    """A value computed once per report for the three arithmetic checks that share it (kept in
    the report's instance dict, so it lives and dies with the report)."""
    store = report.__dict__.setdefault("_relations_cache", {})
    if key not in store:
        store[key] = make()
    return store[key]


def paragraphs(report: Report) -> list[tuple[int, int, list[Figure]]]:
    """(start, end, figures) of each line of the body that holds figures."""
    return _cached(report, "paragraphs", lambda: _paragraphs(report))


def _paragraphs(report: Report) -> list[tuple[int, int, list[Figure]]]:
    """A block of consecutive "item: figure" lines (审结:497件 / 审结率:97.1%) is one paragraph:
    a table written one row a line, whose counts and rates relate as a sentence's do."""
    work = report.work
    out: dict[int, list[Figure]] = {}
    for f in report.figures:
        a = work.rfind("\n", 0, f.start) + 1
        out.setdefault(a, []).append(f)
    merged: list[list] = []  # [start, end, figures, is an item line]
    for a in sorted(out):
        b = work.find("\n", a)
        b = len(work) if b < 0 else b
        item = _ITEM_LINE.match(work, a, b) is not None
        if merged and item and merged[-1][3] and not work[merged[-1][1]:a].strip():
            merged[-1][1] = b
            merged[-1][2] = merged[-1][2] + out[a]
            continue
        merged.append([a, b, list(out[a]), item])
    return [(a, b, figs) for a, b, figs, _item in merged]


# a line that is one item of a table written a row a line: a short name, a colon, its figure and
# unit (评查合格率:97.0%, 收案总数:512件), perhaps a remark after a comma; not a run-in title
# before a sentence (依法决策:32项重大事项全部经过审查)
_ITEM_LINE = re.compile(r"[ \t\u3000]*[\u4e00-\u9fff][^\n:：,，。;；]{1,19}[:：][ \t\u3000]*\d[\d.]*\s*"
                        r"[^\s\d:：。,，;；]{0,4}(?:[,，][^\n:：。]{0,24})?[。;；]?[ \t\u3000]*$")


def label(work: str, f: Figure, floor: int) -> str:
    """The words of a figure's own clause before its number (其中调解成功 for 2480件)."""
    return _label_at(work, f.start, floor)


def _label_at(work: str, pos: int, floor: int, colon: bool = True) -> str:
    a = pos
    stop = max(floor, pos - _LABEL_MAX)
    if stop < a:  # just after the last clause delimiter in reach, else as far back as it reaches
        last = None
        for last in _CLAUSE.finditer(work, stop, a):
            pass
        a = last.end() if last is not None else stop
        if colon and last is not None and last.group(0) in ":：" and not work[a:pos].strip():
            # a figure right after a colon is the value of the words before it (审结:497件)
            return _label_at(work, last.start(), floor, colon=False)
    return work[a:pos]


def tail(work: str, f: Figure) -> str:
    """The words after a figure up to the end of its clause (128件行政规范性文件)."""
    m = _CLAUSE.search(work, f.end, f.end + 40)
    return work[f.end:m.start() if m else f.end + 40]


def in_brackets(work: str, pos: int, floor: int, end: int | None = None) -> bool:
    """Whether a figure (from pos to end) stands in an aside in brackets. A bracket that holds
    nothing but the figure, perhaps after a total's word (受理许可事项（共计15873件），按期办结（15819件）),
    gives the count of the words before it: no aside."""
    seg = work[floor:pos]
    if seg.count("(") + seg.count("（") <= seg.count(")") + seg.count("）"):
        return False
    if end is None or not re.match(r"\s*[)）]", work[end:end + 3]):
        return True
    k = max(seg.rfind("("), seg.rfind("（"))
    return _BRACKET_VALUE.fullmatch(seg[k + 1:]) is None


def same_aside(work: str, end: int, later: int) -> bool:
    """Whether a figure in brackets ending at `end` shares its aside with a figure at `later`:
    no bracket closes or opens between them. Counts and their rate told together in one aside
    (信访事项（受理1536件，按期办结1508件，按期办结率98.2%）) relate to each other as in a sentence."""
    return not re.search(r"[()（）]", work[end:later])


# what may stand between a bracket's opening and the figure it gives the count of
_BRACKET_VALUE = re.compile(r"\s*(?:共计|合计|总计|共)?\s*")


def precision(f: Figure, work: str) -> float:
    """Half a unit of the last printed digit of a count, in the count's own units
    (32.47万件 -> 50 件; 2591件 -> 0)."""
    m = re.match(r"(\d+)(?:\.(\d+))?\s*([万亿千])?", work[f.start:f.end])
    if not m or not m.group(3):
        return 0.0
    dec = len(m.group(2) or "")
    return 0.5 * 10 ** (-dec) * _SCALES[m.group(3)]


# what a rate may be computed from: counts, and sums of money (应缴…万元，已缴入国库…万元，入库率);
# its base is of the numerator's kind and unit
_LINKED_KINDS = ("count", "money")


@dataclass
class RateLink:
    rate: Figure
    stem: str
    part: Figure | None
    bases: list[Figure] = field(default_factory=list)
    carried: float = 0.0


def _rate_stem(work: str, r: Figure, floor: int) -> tuple[str, re.Pattern[str]] | None:
    cue = label(work, r, floor)
    k = cue.rfind("率")
    if k < 0 or not lex().link.fullmatch(cue[k + 1:].strip()):
        return None
    head = cue[:k]
    for stem, pat in lex().stems:
        if head.endswith(stem):
            return stem, pat
    return None


def narrower(part_label: str, rate_cue: str) -> bool:
    """Whether a count's words name a narrower subject than its rate's (局主要负责人出庭应诉 under
    行政机关负责人出庭应诉率): then the count is not the rate's numerator."""
    m = lex().narrower.search(part_label)
    return m is not None and m.group(0) not in rate_cue


def rate_links(report: Report) -> list[RateLink]:
    """Each percentage named "X率" with the count of X before it in its paragraph and the
    counts that may be its base (before the count, same unit, not a part told apart)."""
    return _cached(report, "rate_links", lambda: _rate_links(report))


def _rate_links(report: Report) -> list[RateLink]:
    work = report.work
    lx = lex()
    out = []
    for a, _b, figs in paragraphs(report):
        if len(figs) > 40:
            continue
        for i, r in enumerate(figs):
            if r.kind != "rate" or r.unit != "%" or r.approx or r.value_high is not None:
                continue
            st = _rate_stem(work, r, a)
            if st is None:
                continue
            stem, pat = st
            part = None
            cue = label(work, r, a)
            for f in reversed(figs[:i]):
                if f.kind in _LINKED_KINDS and pat.search(lab := label(work, f, a)):
                    if narrower(lab, cue):
                        continue  # 主要负责人出庭2件 is not what 负责人出庭应诉率 counts
                    part = f
                    break
                if f.kind == "rate":
                    break  # the rate before this one owns the counts before it
            if part is None:
                out.append(RateLink(r, stem, None))
                continue
            j = figs.index(part)
            bases, carried = [], 0.0
            for f in figs[:j]:
                if f.kind != part.kind or f.unit != part.unit or f.approx or f.value_high is not None:
                    continue
                lab = label(work, f, a)
                if lx.carried.search(lab):
                    carried += f.value
                    continue
                if (pat.search(lab) and not lx.due.search(lab)) or lx.not_base.search(lab) \
                        or lx.activity.search(lab) or (in_brackets(work, f.start, a, f.end)
                                                       and not same_aside(work, f.end, r.start)):
                    continue
                bases.append(f)
            out.append(RateLink(r, stem, part, bases, carried))
    return out


def _closes(work: str, end: int, after: Figure | None, line_end: int) -> bool:
    """Whether a list of parts ending at `end` is all there is: its sentence or clause closes
    (; or 。) before any further count, and nothing between says that more remain (其余, 另有,
    尚未 …). 不予批准8户，均书面告知理由。 closes; 终止2件，其余为调解结案 and …，告知其他途径4件 do not."""
    stop = _CLAUSE_END.search(work, end, line_end)
    limit = stop.start() if stop else line_end
    if after is not None and after.start < limit:
        return False
    return _MORE.search(work, end, limit) is None


@dataclass
class PartitionRun:
    name: str
    parts: list[Figure]
    totals: list[Figure]
    exhaustive: bool


def partition_runs(report: Report) -> list[PartitionRun]:
    """Runs of two or more figures in one paragraph whose phrases name distinct parts of one
    partition, with the counts of the same unit stated before the run as candidate totals."""
    work = report.work
    out = []
    screens = _partition_screens()
    for a, b, figs in paragraphs(report):
        if len(figs) > 40 or len(figs) < 2:
            continue
        # the partitions whose parts the paragraph names; a partition none of whose words
        # it holds is not searched
        held = _partition_words().found(work[a:b])
        present = [p for p, words in zip(lex().partitions, screens)
                   if (words is None or not words.isdisjoint(held)) and p["any"].search(work, a, b)]
        if not present:
            continue
        counts = [f for f in figs if f.kind == "count"]
        labels = [label(work, f, a) for f in counts]
        for p in present:
            i = 0
            while i < len(counts):
                run: list[Figure] = []
                names: set[int] = set()
                closing = False
                j = i
                while j < len(counts):
                    lab = labels[j]
                    hit = next((k for k, pat in enumerate(p["parts"]) if pat.search(lab)), None)
                    close = any(c.search(lab) for c in p["closing"])
                    if hit is None and not close:
                        break
                    key = hit if hit is not None else -1
                    if key in names or (run and counts[j].unit != run[0].unit):
                        break
                    if run and _NEW_SUBJECT.match(lab.strip()) and _CLAUSE_END.search(work, run[-1].end, counts[j].start):
                        break  # …终止61件；全市各级人民调解组织调解纠纷2.1万件: a new statement, not an outcome
                    names.add(key)
                    closing = closing or close
                    run.append(counts[j])
                    j += 1
                if len(run) >= 2:
                    first = run[0]
                    totals = [f for k, f in enumerate(counts[:i]) if f.unit == first.unit and not f.approx
                              and f.value_high is None and p["total"].search(labels[k] + tail(work, counts[k]))]
                    if p["same_sentence"] and not labels[i].lstrip().startswith("其中"):
                        totals = [t for t in totals if not _SENTENCE_END.search(work, t.end, first.start)]
                    after = counts[j] if j < len(counts) else None
                    if after is not None and after.unit == first.unit and re.search(
                            r"(合计|共计|总计|总量|共)", labels[j]) and not _SENTENCE_END.search(work, run[-1].end, after.start):
                        totals.append(after)  # 讲座50场、展览20场，合计70场 (not a total of the next sentence)
                    if p["not_total"] is not None:
                        totals = [t for t in totals if not p["not_total"].search(label(work, t, a))]
                    exhaustive = closing or len(names - {-1}) >= p["exhaustive_at"]
                    if not exhaustive and p["adjacent_at"] and len(names - {-1}) >= p["adjacent_at"] and i > 0 \
                            and counts[i - 1] in totals and not _CLAUSE_END.search(work, counts[i - 1].end, first.start) \
                            and _closes(work, run[-1].end, after, b):
                        # a list that directly follows its total and closes the clause (复议案件37件，维持19件、
                        # 驳回4件、撤销2件、终止2件；) is the whole breakdown even with fewer kinds named
                        exhaustive = True
                    if exhaustive and p["closed_by_clause"] and not _closes(work, run[-1].end, after, b):
                        exhaustive = False  # another item of the list follows: the split is open
                    out.append(PartitionRun(p["name"], run, totals, exhaustive))
                    i = j
                else:
                    i += 1
    return out

