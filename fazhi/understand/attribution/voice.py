"""How a report speaks of itself: the level of its first person (我镇, 本县, 全区), the line of
work it belongs to (全县卫生健康系统), and whether it opens as a department's report.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..departments import lexicon
from ..divisions import Division
from ..literals import WordIndex, required_words
from .tables import levels_lexicon, rules, self_patterns


def spoken_level(work: str, tables: tuple[str, ...] = ("self", "self_weak")) -> tuple[str | None, bool]:
    """The level a report speaks of itself as (我镇 -> township); failing any first-person
    reference, the level of the whole area and leading bodies it names most (全区, 区政府),
    which a street's report also uses of the district above it: (level, read in the first person)."""
    counts: Counter = Counter()
    held = _level_words(tables).found(work)
    for table in tables:
        counts = Counter()
        for lvl, pat, words in _screened(table):
            # a pattern none of whose words the text holds has no match to count
            counts[lvl] = len(pat.findall(work)) if words is None or not words.isdisjoint(held) else 0
        if counts and max(counts.values()) > 0:
            level = counts.most_common(1)[0][0]
            if level == "district" and speaks_as_region(work):
                level = "province"
            return level, table == "self"
    return None, False


@lru_cache(maxsize=None)
def _screened(table: str) -> tuple[tuple[str, re.Pattern[str], frozenset[str] | None], ...]:
    """The patterns of one table of levels.toml, each with the words it cannot match without
    (literals.required_words; None: no short list)."""
    return tuple((lvl, pat, required_words(pat)) for lvl, pat in self_patterns(table))


@lru_cache(maxsize=None)
def _level_words(tables: tuple[str, ...]) -> WordIndex:
    """The words of the tables' patterns, found in a report in one pass.

    Counting each level's first-person words is a scan of the whole report per level, a
    dozen scans, several of them at every position (a lookbehind opens them); most
    levels' words are not in a given report at all, and one pass over it tells which."""
    return WordIndex(w for table in tables for _lvl, _pat, words in _screened(table) for w in words or ())


@lru_cache(maxsize=1)
def system_patterns() -> tuple[re.Pattern[str], dict[str, str], dict[str, tuple[str, ...]], re.Pattern[str],
                                re.Pattern[str], re.Pattern[str]]:
    sy = rules()["system_data"]
    return (re.compile(sy["pattern"]), dict(sy["stems"]), {k: tuple(v) for k, v in sy["suffixes"].items()},
            re.compile(sy["bare_self"]), re.compile(sy["as_department"]), re.compile(sy["own_line"]))


def line_of_work(body: str, which: str = "both") -> Counter:
    """The lines of work (交通运输, 生态环境) a department names as its own: as its place's
    system (全市交通运输系统) or as itself (作为生态环境部门); "naming" adds the weaker ways
    (上级审计机关, 贡献审计力量) that may name a department but never make a report one.
    Only stems the lexicon knows."""
    system, stems, _suffixes, _bare, as_dept, own = system_patterns()
    lex = lexicon()
    pats = {"system": (system,), "as_department": (as_dept,), "both": (system, as_dept),
            "naming": (system, as_dept, own)}[which]
    counts: Counter = Counter()
    for pat in pats:
        for m in pat.finditer(body):
            g = m.groupdict()
            said = next((v for k, v in g.items() if k.startswith("stem") and v), "")
            stem = stems.get(said, said)
            if any(lex.lookup(stem + suf) for suf in ("局", "厅", "委员会")):
                # a bare system is read ahead of the text (城管系统…): its words are the stem's
                counts[(stem, m.group(0) or said + "系统")] += 1
    return counts


def system_department(body: str, place: Division) -> tuple[str, str] | None:
    """(department name, the words read) for a 我局 report that names its line of work as its
    place's system (全市交通运输系统, 全省市场监管系统, 全县司法行政系统): the department of
    that line, with the suffix its self-reference gives (我局 -> 局, 我委 -> 委员会)."""
    suffixes = system_patterns()[2]
    lex = lexicon()
    counts: Counter = Counter()
    said: dict[str, str] = {}
    for (stem, words), n in line_of_work(body, "naming").items():
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


_OPENING_SYSTEM = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年(?:度|以来)?\s*[,，]?\s*)?(全[省市县区州旗盟][\u4e00-\u9fff]{2,12}?系统)")


_OPENING_REPORT = re.compile(r"现将[^。]{0,40}?报告如下")


def opens_as_department(body: str) -> bool:
    """True when the body's first sentence, or its 现将…报告如下, has the unit call itself a
    department (我局, 本委): how the report names its speaker, whatever it names most after."""
    dept = dict(self_patterns("self"))["department"]
    head = body[:600]
    stop = head.find("。")
    if dept.search(head, 0, stop if 0 <= stop < 300 else 300):
        return True
    opening = _OPENING_SYSTEM.match(head)
    if opening and line_of_work(opening.group(1), "system"):
        return True  # 2025年，全区司法行政系统坚持…: the system's department speaks
    m = _OPENING_REPORT.search(head)
    return bool(m and dept.search(m.group(0)))


@lru_cache(maxsize=1)
def _region_patterns() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    r = levels_lexicon()["region"]
    return re.compile(r["own"]), re.compile(r["district_own"]), int(r["min_own"])


def speaks_as_region(work: str) -> bool:
    """True when 我区/全区 is an autonomous region speaking of itself (自治区人民政府…, no 区委)."""
    own, district_own, least = _region_patterns()
    return len(own.findall(work)) >= least and district_own.search(work) is None


@lru_cache(maxsize=1)
def own_marks() -> re.Pattern[str]:
    return re.compile("|".join(levels_lexicon()["own_department"]["after"]))


def speaks_as_government(body: str) -> bool:
    """True when the body speaks in the first person as a government (我市, 我县, 我镇 …)."""
    return any(p.search(body) for lvl, p in self_patterns("self") if lvl != "department")
