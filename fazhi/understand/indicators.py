"""Which indicator a figure measures, decided by the phrasing around it.

The taxonomy (fazhi/data/indicators.toml) gives, per indicator, the units it comes in,
the cue that precedes the number, the noun that may follow it, and the domain words
that must be near for a generic cue (办结 means a reconsideration closed only where 复议
is being talked about). The nearest, longest cue wins; a noun right after the number
wins over both. Relations between indicators (a rate and its counts, a part and its
whole, a total and its parts) live in the same file and drive the arithmetic checks.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..data import load as load_data
from ..record import Figure, Section
from .figures import CLAUSE_DELIMS, MAX_SPAN, NON_WORK_KINDS, SENTENCE_DELIMS, span_start
from .literals import WordIndex, required_words
from .outline import chain
from .page import GLOSS, unglossed

_ENUM_START = re.compile(r"[一二三四五六七八九十]是")
_BOOK_TITLE = re.compile(r"《[^《》]{0,60}》")
_ENUM_SEP = re.compile(r"^\s*(?:、|和|及|以及|与)")
# …or a comma before a short clause that only names the documents or cases the next number
# counts (审查合同56份，规范性文件8件): no verb of its own, so the items share the first one's
_ENUM_COMMA = re.compile(r"[,;]\s*[\u4e00-\u9fff“”《》]{0,8}(?:文件|合同|协议|案件|事项|申请|纠纷|决策|意见书|议题|纪要|请示|提案|建议)$")
_FILLER_WORDS = "共计|合计|累计|总计|其中|分别为|分别是|分别|约|近|达到|达|为|是|有|计|共|以上|超过|超|逾|均|全部|已达|已|和|及|与|另|同时|全年|年度|今年|目前|截至目前|总数|数量|数|的"
# A count moved from one figure to the next (审批事项由494项减到304项, 清单事项扩充至31项, 网办率从80%提高到95%)
# is the same measure twice: the second number goes on with the first one's cue
_CHANGED_TO = "(?:减少|减|压减|压缩|精简|缩减|下降|降|降低|增加|增|新增|提高|提升|扩大|扩充|上升|调整)(?:到|至|为)"
_FILLER = re.compile(rf"^[\s,、:;()]*(?:(?:{_FILLER_WORDS}|{_CHANGED_TO})[\s,、:;]*)*$")
# A clause that only counts, with a bare verb (…组织领导干部学法，全年累计开展11次; …进行合法性审查，
# 全年共审查27件): the clause before it says what was done, the verb of its own still counts nearest
_COUNT_ONLY = re.compile(rf"^[\s,、:;()]*(?:(?:{_FILLER_WORDS}|本年度|年内|一年来|先后|成功|组织开展|组织|开展|举办|举行|召开|进行|完成|实施|了|各类|依法|审查|审核|办理|受理|办结|审结|处理|调处|化解|调解|解答|接待|发放|出具|提供)[\s,、:;]*)*$")
# A sentence that opens with nothing but a time and a bare verb before its count (…组织干部学习《行政
# 处罚法》等法律法规。截至年底，累计学习14次): it goes on with the sentence before it, which says
# what was done, so that sentence is read as the count's context too
_LEAD_ONLY = re.compile(rf"^[\s,、:;()]*(?:(?:(?:截至|截止|到)(?:目前|年底|年末|\d{{1,2}}月底?)|今年以来|本年度|年内|一年来|当年|{_FILLER_WORDS}|先后|组织开展|组织|开展|举办|举行|进行|完成|实施|了|各类|依法|审查|审核|办理|受理|办结|审结|处理|调处|化解|调解|解答|接待|发放|出具|提供|集中学习|集体学习|专题学习|学习|学法|清理)[\s,、:;]*)+$")


@dataclass
class Rule:
    id: str
    units: frozenset[str]
    cue: re.Pattern[str] | None
    after: re.Pattern[str] | None
    domain: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    order: int
    sentence_only: bool = False
    unless: re.Pattern[str] | None = None
    # must match right after the figure, over the rest of its sentence (审核 named in the clause
    # after the count: 出台文件31个，均经过合法性审查)
    follow: re.Pattern[str] | None = None
    # must occur in the figure's sentence, before or after the number, besides the domain: what the
    # work was about where the domain says who it was for (a lecture to the cadres on the law)
    also: re.Pattern[str] | None = None
    # every character a match of `cue` can begin with (None: any); a context holding none of
    # them cannot contain the cue, so the rule is skipped without running the pattern
    cue_first: frozenset[str] | None = None
    # words one of which every match of `cue` holds (literals.required_words; None: no short
    # list): a context holding none of them is not searched for the cue (see _cue_words)
    cue_words: frozenset[str] | None = None
    # the same for `after`: the words after a figure holding none of them cannot match it
    after_words: frozenset[str] | None = None


@dataclass
class Taxonomy:
    names: dict[str, str]
    part_only: dict[str, str]
    by_unit: dict[str, list[Rule]]
    rates: list[dict]
    part_of: list[dict]
    sums: list[dict]
    bounded: set[str]
    bounded_words: re.Pattern[str]
    units: dict[str, list[str]] = field(default_factory=dict)
    counted: re.Pattern[str] | None = None  # nouns after a count that no cue before it can name
    acting: re.Pattern[str] | None = None  # …and what follows bodies counted as the subject of the work
    bodies: re.Pattern[str] | None = None  # the name of a body ending the clause before its count
    prompt: re.Pattern[str] | None = None  # a drafter's fill-in prompt in 【】, read as no context
    enum_verbs: re.Pattern[str] | None = None  # the verb opening an enumeration's clause, before its first cue
    # per topic (the first part of its ids: mediation), the words by which a clause names it
    topics: dict[str, re.Pattern[str]] = field(default_factory=dict)
    plan_title: re.Pattern[str] | None = None  # the heading of next year's plan
    plan_not: re.Pattern[str] | None = None  # …unless it reports how a plan was carried out
    # (id, generic, own, total): a count of the id whose own words are only `generic`, beside one whose
    # own words say `own`, is not of the id, unless its words say it is their total (see _contrast)
    contrasts: list[tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str] | None]] = field(
        default_factory=list)
    # (id, units, words, not, clause): the id of a count no rule named whose own words (or whole clause)
    # and noun hold one of the id's unmistakable words (see _fallback)
    fallbacks: list[tuple[str, frozenset[str], re.Pattern[str], re.Pattern[str] | None, bool]] = field(
        default_factory=list)
    # per unit, built on first use (see rules_for): the positions in by_unit[unit] of the
    # rules tried whatever the context's words (an `after` pattern or a cue with no short
    # list of words), per character those whose cue can begin with it; per cue word, the
    # positions of the rules that need one of their words; per word of an `after`, those
    # whose `after` needs it
    _cue_index: dict[str, "_UnitIndex"] = field(default_factory=dict)

    def rules_for(self, unit: str, chars: set[str], held: frozenset[str],
                  held_after: frozenset[str]) -> list[Rule]:
        """The rules of `unit` that can name a figure whose context holds `chars` and the cue
        words `held`, and whose words after it hold the words `held_after`, in order.

        A figure's context holds few of the characters the ~40 cues of its unit begin with,
        and fewer still of the words those cues are made of: looking the rules up by
        character and by word, instead of testing each rule in turn, leaves the two or three
        worth a search. An `after` pattern needs words of its own (负责人 in 负责人出庭应诉): the
        clause after the number rarely holds them. Rules with neither a cue nor an `after`
        name nothing.
        """
        index = self._cue_index.get(unit)
        if index is None:
            index = self._cue_index[unit] = _UnitIndex(self.by_unit.get(unit, []))
        picked = set(index.always)
        for w in index.by_after.keys() & held_after:
            picked.update(index.by_after[w])
        hit = index.by_char.keys() & chars
        for ch in hit:
            picked.update(index.by_char[ch])
        # a rule that needs a cue word is tried when the context holds one of its words and
        # its cue can begin with one of the context's characters (or begins with anything)
        for w in index.by_word.keys() & held:
            for k in index.by_word[w]:
                if k not in picked:
                    first = index.rules[k].cue_first
                    if first is None or not first.isdisjoint(chars):
                        picked.add(k)
        rules = index.rules
        return [rules[k] for k in sorted(picked)]


class _UnitIndex:
    """The rules of one unit, indexed for Taxonomy.rules_for."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        always: list[int] = []  # tried whatever the context holds (no short list of words or first characters)
        by_char: dict[str, list[int]] = {}
        by_word: dict[str, list[int]] = {}
        by_after: dict[str, list[int]] = {}
        for k, r in enumerate(rules):
            if r.after is not None:
                if r.after_words is None:
                    always.append(k)
                    continue
                for w in r.after_words:  # its `after` cannot match without one of these words
                    by_after.setdefault(w, []).append(k)
            # (a rule whose `after` does not match may still name the figure by its cue)
            if r.cue is not None and r.cue_words is not None:
                for w in r.cue_words:  # its cue cannot match without one of these words
                    by_word.setdefault(w, []).append(k)
            elif r.cue is not None and r.cue_first is None:
                always.append(k)
            elif r.cue is not None and r.cue_first is not None:
                for ch in r.cue_first:
                    by_char.setdefault(ch, []).append(k)
        self.always = frozenset(always)
        self.by_char = by_char
        self.by_word = by_word
        self.by_after = by_after


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    data = load_data("indicators.toml")
    plan = load_data("figure_kinds.toml")["plan_section"]
    unit_groups: dict[str, list[str]] = data["units"]
    names: dict[str, str] = {}
    part_only: dict[str, str] = {}
    by_unit: dict[str, list[Rule]] = {}
    order = 0
    for ind in data["indicator"]:
        names[ind["id"]] = ind["zh"]
        if "part_only" in ind:
            part_only[ind["id"]] = ind["part_only"]
        for r in ind["rules"]:
            units = r["units"]
            units = unit_groups[units] if isinstance(units, str) else units
            rule = Rule(
                id=ind["id"], units=frozenset(units),
                cue=re.compile(r["cue"]) if "cue" in r else None,
                after=re.compile(r["after"]) if "after" in r else None,
                domain=re.compile(r["domain"]) if "domain" in r else None,
                exclude=re.compile(r["not"]) if "not" in r else None,
                order=order,
                sentence_only=r.get("scope") == "sentence",
                unless=re.compile(r["unless"]) if "unless" in r else None,
                follow=re.compile(r["follow"]) if "follow" in r else None,
                also=re.compile(r["also"]) if "also" in r else None,
                cue_first=first_chars(r["cue"]) if "cue" in r else None,
                cue_words=required_words(r["cue"]) if "cue" in r else None,
                after_words=required_words(r["after"]) if "after" in r else None,
            )
            order += 1
            for u in units:
                by_unit.setdefault(u, []).append(rule)
    return Taxonomy(names=names, part_only=part_only, by_unit=by_unit, rates=data.get("rate", []),
                    part_of=data.get("part_of", []), sums=data.get("sum", []),
                    bounded=set(data["bounded"]["rates"]), bounded_words=re.compile(data["bounded"]["words"]),
                    units=unit_groups, counted=re.compile(data["counted"]["nouns"]), acting=re.compile(data["counted"]["acting"]),
                    bodies=re.compile(data["counted"]["bodies"]),
                    prompt=re.compile(data["prompt"]["pattern"]),
                    enum_verbs=re.compile(data["enumeration"]["verbs"]),
                    topics={k: re.compile(v) for k, v in data["topic"].items()},
                    plan_title=re.compile(plan["title"]), plan_not=re.compile(plan["not"]),
                    contrasts=[(c["id"], re.compile(c["generic"]), re.compile(c["own"]),
                                re.compile(c["total"]) if "total" in c else None)
                               for c in data.get("contrast", [])],
                    fallbacks=[(fb["id"], frozenset(unit_groups[fb["units"]] if isinstance(fb["units"], str)
                                                    else fb["units"]),
                                re.compile(fb["words"]), re.compile(fb["not"]) if "not" in fb else None,
                                fb.get("reach") == "clause")
                               for fb in data.get("fallback", [])])


class _Unknown(Exception):
    """A pattern construct whose first characters are not worked out (the rule is then always tried)."""


_MAX_RANGE = 512  # a character class spanning more than this is taken as "any character"


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a non-empty match of `pattern` must begin with, or None when that is not
    a small known set (a negated class, any character, a pattern that can match nothing...).

    Used only to skip a rule whose cue cannot match: the set is exact or the answer is None,
    so skipping never changes which rules match.
    """
    from re import _parser

    if re.compile(pattern).flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        chars, nullable = _first_of(_parser.parse(pattern))
    except _Unknown:
        return None
    return None if nullable else frozenset(chars)


def _first_of(seq) -> tuple[set[str], bool]:
    """(first characters, whether the sequence can match the empty string) of a parsed sequence."""
    from re import _constants as c

    out: set[str] = set()
    for op, av in seq:
        if op is c.LITERAL:
            out.add(chr(av))
            return out, False
        if op is c.IN:
            for iop, iav in av:
                if iop is c.LITERAL:
                    out.add(chr(iav))
                elif iop is c.RANGE and iav[1] - iav[0] <= _MAX_RANGE:
                    out.update(chr(x) for x in range(iav[0], iav[1] + 1))
                else:
                    raise _Unknown
            return out, False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the next item consumes the first character
        if op is c.BRANCH:
            nullable = False
            for alt in av[1]:
                ch, n = _first_of(alt)
                out |= ch
                nullable = nullable or n
            if not nullable:
                return out, False
            continue
        if op is c.SUBPATTERN:
            if av[1] or av[2]:
                raise _Unknown  # inline flags
            ch, n = _first_of(av[3])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            ch, n = _first_of(av[2])
            n = n or av[0] == 0
        elif op is c.ATOMIC_GROUP:
            ch, n = _first_of(av)
        else:
            raise _Unknown
        out |= ch
        if not n:
            return out, False
    return out, True


def _sentence_start(work: str, pos: int) -> int:
    return span_start(work, pos, SENTENCE_DELIMS)


def _sentence_end(work: str, pos: int) -> int:
    """Where the sentence holding `pos` ends (its delimiter), at most MAX_SPAN on."""
    stop = min(len(work), pos + MAX_SPAN)
    return min((p for p in (work.find(c, pos, stop) for c in SENTENCE_DELIMS) if p >= 0), default=stop)


def _line_start(work: str, pos: int) -> int:
    return max(work.rfind("\n", 0, pos) + 1, pos - 2 * MAX_SPAN)


def _clause_end(work: str, pos: int, limit: int = 40) -> int:
    stop = min(len(work), pos + limit)
    for i in range(pos, stop):
        if work[i] in ",;。:!?\n、":
            return i
    return stop


def _last_match(pat: re.Pattern[str], s: str) -> re.Match[str] | None:
    """The match of `pat` in `s` that ends last (at equal ends, the longer one).

    Matches found left to right do not overlap, so a later-ending match that begins inside
    an earlier one is missed (讲法治课: 讲法 is found, 法治课 not); those are looked for after it.
    """
    best = None
    for m in pat.finditer(s):
        if best is None or m.end() > best.end() or (m.end() == best.end() and m.start() < best.start()):
            best = m
    pos = best.start() + 1 if best is not None else len(s) + 1
    while best is not None and pos < best.end():
        m = pat.search(s, pos)
        if m is None or m.start() >= best.end():
            break
        if m.end() > best.end():
            best = m
        pos = m.start() + 1
    return best


def _domain_rank(domain: re.Pattern[str], work: str, s_start: int, p_start: int, pos: int, titles: str,
                 sentence_only: bool = False) -> int | None:
    """How near the figure its domain is named: in its sentence (nearest last), its paragraph,
    its section titles; None when nowhere (or, for a rule scoped to the sentence, not in it)."""
    dm = _last_match(domain, work[s_start:pos])
    if dm is not None:
        return 3_000_000 + dm.end()
    if sentence_only:
        # a rule scoped to the sentence may find its domain after the number too
        # (中心组学习8次，重点学习宪法和民法典)
        s_end = min((p for p in (work.find(c, pos, pos + MAX_SPAN) for c in SENTENCE_DELIMS) if p >= 0),
                    default=min(len(work), pos + MAX_SPAN))
        return 2_500_000 if domain.search(work, pos, s_end) else None
    dm = _last_match(domain, work[p_start:pos])
    if dm is not None:
        return 2_000_000 + dm.end()
    return 1_000_000 if domain.search(titles) else None


# Ranks of the three ways a rule can name a figure: its cue before the number, its cue over
# the noun phrase the number counts (审核4份规范性文件: 审核 + 规范性文件), its `after` pattern.
_TIER_CUE, _TIER_NOUN, _TIER_AFTER = 1, 2, 3


@lru_cache(maxsize=1)
def _cue_words() -> WordIndex:
    """The words of every rule's cue, found in a figure's context in one pass: most of the
    twenty rules a context is tried against name words it does not hold, and a set test
    turns those away without running their cue's search."""
    return WordIndex(w for rules in taxonomy().by_unit.values() for r in rules for w in r.cue_words or ())


@lru_cache(maxsize=1)
def _after_words() -> WordIndex:
    """The words of every rule's `after`, found in the words after a figure in one pass."""
    return WordIndex(w for rules in taxonomy().by_unit.values() for r in rules for w in r.after_words or ())


def _cue_in(rule: Rule, s: str, held: frozenset[str]) -> re.Match[str] | None:
    """_last_match of the rule's cue in `s`; `held` holds every cue word in `s` (and maybe more)."""
    if rule.cue_words is not None and rule.cue_words.isdisjoint(held):
        return None
    return _last_match(rule.cue, s)


def _best_rule(tax: Taxonomy, f: Figure, work: str, lc: str, lc_start: int, rc: str, s_start: int, p_start: int,
               titles: str, noun: str = "", own: str | None = None) -> tuple[tuple | None, tuple[Rule, int] | None]:
    """The rule that names figure `f` (with its rank key and where its cue starts), or (None, None).

    `noun` is the noun phrase right after a number that precedes its noun (4份政府规范性文件);
    a cue is then also sought over the clause joined to that phrase, which is how the
    indicator is named when the verb comes before the number and the object after it.
    `own`, when given, is the figure's own words inside a longer `lc` (an enumeration's item read
    with the clause that opens the enumeration): a rule's `not` is looked for in them alone.
    """
    best_key = None
    best: tuple[Rule, int] | None = None
    domain_rank: dict[tuple[int, bool], int | None] = {}  # many rules share a domain (复议): look each up once
    joined = lc + noun if noun else ""
    cue_chars = set(joined or lc)  # a cue is sought in lc, then in joined (which starts with lc)
    # a count of the bodies the clause ends naming (化解中心9个): a cue must read over that name
    body = tax.bodies.search(lc) if tax.bodies is not None and f.kind == "count" else None
    body_end = body.end(1) if body is not None else 0
    # a clause that names its own topic (矛盾纠纷调处成功) is read in it, not in its sentence's; the titles
    # of works it names (a lecture on 《行政复议制度的重构》, a study of 《行政诉讼法》) are what was taught,
    # not the clause's topic
    bare = _BOOK_TITLE.sub("", lc) if "《" in lc else lc
    # (the words after the number count too: 2件原告撤回 is a lawsuit's, whatever the clause before it)
    own_topics = {k for k, p in tax.topics.items() if p.search(bare) or p.search(rc)}
    # the cue words the context holds (joined starts with lc, so its words cover lc's)
    held = _cue_words().found(joined or lc)
    # (a rule whose cue words are in neither lc nor joined cannot name the figure: not returned)
    for rule in tax.rules_for(f.unit or "", cue_chars, held, _after_words().found(rc)):
        tier = 0
        cue_start = lc_start
        key_pos: tuple[int, int] = (0, 0)
        if rule.after is not None:
            m = rule.after.match(rc)
            if m is not None:
                tier, key_pos = _TIER_AFTER, (0, m.end())
        if tier == 0 and rule.cue is not None and (rule.cue_first is None or not rule.cue_first.isdisjoint(cue_chars)):
            m = _cue_in(rule, lc, held)
            if m is not None and m.end() < body_end:
                continue
            if m is not None:
                tier = _TIER_CUE
                key_pos = (m.end() - len(lc), m.end() - m.start())
                cue_start = lc_start + m.start()
            elif joined:
                m = _cue_in(rule, joined, held)
                if m is not None and m.end() > len(lc):
                    tier = _TIER_NOUN
                    key_pos = (m.end() - len(lc), m.end() - m.start())
                    cue_start = lc_start + min(m.start(), len(lc))
        # (a cue read over the noun phrase is excluded by words of that phrase too)
        if tier == 0 or (rule.exclude is not None and rule.exclude.search(
                own if own is not None else joined if tier == _TIER_NOUN else lc)):
            continue
        if rule.unless is not None and rule.unless.search(work, lc_start if own_topics else s_start, f.start):
            continue
        if (own_topics and rule.domain is not None and rule.id.split(".", 1)[0] not in own_topics
                and rule.domain.search(lc) is None):
            continue
        if rule.follow is not None and not rule.follow.match(work[f.end:_sentence_end(work, f.end)]):
            continue
        if rule.also is not None and not rule.also.search(work[p_start:_sentence_end(work, f.end)]):
            continue
        dom_rank = 0
        if rule.domain is not None:
            key = (id(rule.domain), rule.sentence_only)
            if key not in domain_rank:
                domain_rank[key] = _domain_rank(rule.domain, work, s_start, p_start, f.start, titles,
                                                rule.sentence_only)
            if domain_rank[key] is None:
                continue
            dom_rank = domain_rank[key]
        key = (tier, key_pos[0], key_pos[1], dom_rank, -rule.order)
        if best_key is None or key > best_key:
            best_key, best = key, (rule, cue_start)
    return best_key, best


# A numbered paragraph with no heading of its own has its first sentence for a title
# ((一)编制抽查工作计划46个，抽查市场主体2380户): a "title" that states counts is the year's work,
# never the heading of next year's plan, whatever words (工作计划, 工作重点) it uses.
_STATES_FIGURES = re.compile(r"\d(?:\.\d+)?\s*(?:余|多)?\s*(?:万|亿)?\s*(?:个|件|项|人|名|次|场|户|家|条|份|卷|宗|起|元|%)")


def _in_plan(tax: Taxonomy, titles: str) -> bool:
    """Whether the section headings holding a figure announce next year's plan."""
    return tax.plan_title.search(titles) is not None and tax.plan_not.search(titles) is None


_ORGANS = ("部门", "单位", "机关", "科室")
# …and places and kinds, where the count is in 个 (14个街镇的权力事项, 5个类别98项职权事项: the places or
# kinds are counted, the powers are theirs; 88项镇街赋权执法事项 counts the powers)
_PLACES = ("乡镇", "街道", "镇街", "街镇", "县区", "区县", "市州", "县市区", "类别", "大类")


def _counts_other_noun(tax: Taxonomy, f: Figure, rc: str, bodies_only: bool = False, read_to: int = 0) -> bool:
    """Whether the count is of bodies, places or a plan's parts named right after it (60个部门);
    with `bodies_only`, of bodies or places that begin the words after it and then act
    (32个部门和单位开展审批事项自查: the bodies are the subject, no `after` pattern may read past them),
    or of organs (部门, 单位), or in 个 of places, that an `after` pattern read past to `read_to` (60个部门的
    行政权力: the departments are counted, the powers are theirs)."""
    if f.kind != "count" or tax.counted is None:
        return False
    m = tax.counted.match(rc)
    if m is None or not bodies_only:
        return m is not None
    if m.group(3) is None:
        return False
    if read_to > m.end() and (m.group(3).endswith(_ORGANS) or (f.unit == "个" and m.group(3).endswith(_PLACES))):
        return True
    return tax.acting is not None and tax.acting.match(rc, m.end()) is not None


# Words after a count that open what is said of it, not what it counts (另有33件正在办理中, 56件均已办结)
_PREDICATE_START = re.compile(r"(?:正在|尚在|仍在|在办|待办|均|全部|都|已经|已|尚未|未|仍)")

# A joiner ending a count's noun phrase right before the next count (…建议和22件…)
_NOUN_JOINER = re.compile(r"(?:以及|和|及|与|、)$")

# How far after a number its noun phrase can run (4份政府规范性文件, 20家危险化学品运输企业).
_NOUN_SPAN = 20


def _counted_noun(f: Figure, rc: str, room: int) -> str:
    """The noun phrase a count precedes (审核4份政府规范性文件 -> 政府规范性文件), '' when the number
    ends its phrase; it stops at the clause's end and before the next figure."""
    if f.kind != "count" or not rc or not ("\u4e00" <= rc[0] <= "\u9fff") or _ENUM_START.match(rc):
        return ""
    return rc[:max(0, min(_NOUN_SPAN, room))]


def assign(work: str, figures: list[Figure], sections: list[Section]) -> None:
    """Set `indicator`, `refers_to` and the quoted phrase (`quote_start`, `quote_end`) of each figure, in place.

    Spam mirrors gloss characters with their pinyin (學(xué)法12次, 許(xǔ)可事項(xiàng)); a gloss inside
    a cue hides it from every rule. Such a text is read without its glosses (figures and headings
    moved to the unglossed offsets) and the answers are carried back to the text's own offsets.
    """
    if not figures or GLOSS.search(work) is None:
        _assign(work, figures, sections)
        return
    clean, keep = unglossed(work)

    def to_clean(p: int) -> int:
        return bisect_left(keep, p)

    def start_in_work(c: int) -> int:
        return keep[c] if c < len(keep) else len(work)

    def end_in_work(c: int) -> int:
        return keep[c - 1] + 1 if 0 < c <= len(keep) else start_in_work(c)

    shadow = [replace(f, start=to_clean(f.start), end=to_clean(f.end), quote_start=to_clean(f.quote_start),
                      quote_end=to_clean(f.quote_end)) for f in figures]
    heads = [replace(h, title=GLOSS.sub("", h.title), start=to_clean(h.start), end=to_clean(h.end),
                     title_start=to_clean(h.title_start), title_end=to_clean(h.title_end)) for h in sections]
    _assign(clean, shadow, heads)
    for f, g in zip(figures, shadow):
        f.indicator, f.kind, f.refers_to, f.part_of = g.indicator, g.kind, g.refers_to, g.part_of
        f.quote_start, f.quote_end = start_in_work(g.quote_start), end_in_work(g.quote_end)


def _without_prompts(work: str, tax: Taxonomy) -> str:
    """The text with each fill-in prompt (【请补充：合同审核情况】) blanked out, offsets kept.

    A prompt says what the drafter must still write, not what the text around it counts: read as
    context, its words (审核, 合同) would name the figure after it. Blanked to spaces, the words on
    both sides of it read on as one clause (审查合同【请补充：件数】共计15件 is contracts reviewed).
    """
    if "【" not in work or tax.prompt is None:
        return work
    return tax.prompt.sub(lambda m: " " * len(m.group()), work)


def _assign(work: str, figures: list[Figure], sections: list[Section]) -> None:
    """assign() on a text without glosses."""
    tax = taxonomy()
    work = _without_prompts(work, tax)
    prev_end = -1
    prev_lc: tuple[int, int] | None = None
    prev_verb: str | None = None  # the two characters opening the previous figure's cue (审核)
    prev_head: str | None = None  # the verb before that cue where the cue opens with a noun (完成 施工许可审批)
    # the clause (start, end) that names a total whose parts in another unit are being listed
    # (培训6批次，其中省级12人次、市级180人次), while the list goes on
    parts_of: tuple[int, int] | None = None
    # whether a chain of section headings announces next year's plan: the figures of one
    # section share their chain, so each is read once
    plan_of: dict[tuple[str, ...], bool] = {}
    for i, f in enumerate(figures):
        if f.kind in NON_WORK_KINDS:
            # a target or a ranking measures no indicator; an earlier year's figure neither, but the
            # words before it still name the figure this year's is compared with (由上年的42件下降到35件)
            if f.kind != "previous":
                prev_end = f.end
            continue
        if f.kind == "change":
            # a year-on-year change is about the figure before it in its sentence, not an indicator of its own
            s0 = _sentence_start(work, f.start)
            # (an earlier year's figure is what it is compared with, not what changed: 50件，比上年的42件增长19%)
            f.refers_to = next((j for j in range(i - 1, -1, -1) if figures[j].start >= s0
                                and figures[j].kind not in ("change", "previous")), None)
            prev_end = f.end
            continue
        heads = [s.title for s in chain(sections, f.start) if s.style != "一是"]
        titles = " ".join(heads)
        key = tuple(heads)
        in_plan = plan_of.get(key)
        if in_plan is None:
            in_plan = plan_of[key] = bool(titles) and _in_plan(
                tax, " ".join(h for h in heads if not _STATES_FIGURES.search(h)))
        if in_plan:
            f.kind = "target"  # next year's plan: a target, not the year's work
            prev_end = f.end
            continue
        lc_start = max(f.quote_start, prev_end)
        lc = work[lc_start:f.start]
        rc_end = _clause_end(work, f.end)
        rc = work[f.end:rc_end]
        s_start = _sentence_start(work, f.start)
        p_start = _line_start(work, f.start)
        s_ctx = s_start  # where the figure's sentence, as read for its domain, begins
        if (s_start > 0 and work[s_start - 1] in "。;" and not (i > 0 and figures[i - 1].end >= s_start)
                and _LEAD_ONLY.match(work[s_start:f.start])):
            s_ctx = _sentence_start(work, s_start - 1)
        noun_phrase = _counted_noun(f, rc, figures[i + 1].start - f.end if i + 1 < len(figures) else len(rc))
        cont = False
        # a figure after mere filler continues the previous figure's cue (受理30件，共计…), unless it
        # precedes a noun of its own (…事项120项，7个便民服务中心): that noun names it, or nothing does
        if (_FILLER.match(lc) and not noun_phrase and prev_lc is not None and i > 0
                and figures[i - 1].end >= s_start):
            lc_start, lc_end = prev_lc
            lc = work[lc_start:lc_end]
            cont = True
        elif (_COUNT_ONLY.match(lc) and not noun_phrase and lc_start > s_ctx
              and not (i > 0 and figures[i - 1].end >= s_start)):
            # a sentence that first tells what was done and then counts it (…进行解读学习，全年共计7次),
            # or a sentence of a bare count after the one that tells it: the clause before names the figure
            lc_start = max(s_ctx, prev_end, span_start(work, lc_start - 1, CLAUSE_DELIMS))
            lc = work[lc_start:f.start]
        best_key, best = _best_rule(tax, f, work, lc, lc_start, rc, s_ctx, p_start, titles)
        if ((best is None or best_key[0] != _TIER_AFTER) and _counts_other_noun(tax, f, rc)) or (
                best is not None and best_key[0] == _TIER_AFTER
                and _counts_other_noun(tax, f, rc, bodies_only=True, read_to=best_key[2])):
            # a count of bodies or places (59个部门开展…审批自查): no cue before it or over its noun names it
            best_key, best = None, None
            noun_phrase = ""
        if best is None and noun_phrase:
            # no cue before the number: the verb before it and the noun after it may name it together
            best_key, best = _best_rule(tax, f, work, lc, lc_start, rc, s_ctx, p_start, titles, noun_phrase)
        if (best is None and noun_phrase and _PREDICATE_START.match(rc) and _FILLER.match(lc)
                and prev_lc is not None and i > 0 and figures[i - 1].end >= s_start):
            # 另有33件正在办理中: what follows the count says where it stands, it names no kind of its
            # own, so the count goes on with the previous figure's cue like any count after filler
            best_key, best = _best_rule(tax, f, work, work[prev_lc[0]:prev_lc[1]], prev_lc[0], rc, s_ctx,
                                        p_start, titles)
            cont = best is not None
        shared = False
        in_enum = bool(prev_verb and (_ENUM_SEP.match(lc) or _ENUM_COMMA.match(work, max(0, lc_start - 1), f.start))
                       and not _counts_other_noun(tax, f, rc))
        if in_enum:
            # 审核规范性文件9件、合同协议163件: the items of an enumeration share its verb where the
            # item alone names nothing
            s_key, s_best = _best_rule(tax, f, work, prev_verb + lc, lc_start - len(prev_verb), rc, s_ctx,
                                       p_start, titles)
            if s_best is None and best is None and prev_head:
                # 完成施工许可审批38件、竣工验收备案41件: the verb before the first item's cue
                s_key, s_best = _best_rule(tax, f, work, prev_head + lc, lc_start - len(prev_head), rc, s_ctx,
                                           p_start, titles)
            if s_best is not None and best is None:
                best_key, best, shared = s_key, (s_best[0], max(s_best[1], lc_start)), True
        elif (best is None and not cont and i > 0 and prev_lc is not None and figures[i - 1].indicator is None
              and figures[i - 1].kind == f.kind == "count" and _ENUM_SEP.match(lc)
              and figures[i - 1].end > span_start(work, f.start, CLAUSE_DELIMS)
              and not _counts_other_noun(tax, f, rc)):
            # 修改、废止法规规章10件、规范性文件48件: the first item is no indicator's (规章), so it
            # lends no verb; the words opening the enumeration's clause are the next item's too
            s_key, s_best = _best_rule(tax, f, work, work[prev_lc[0]:f.start], prev_lc[0], rc, s_ctx,
                                       p_start, titles, own=lc)
            if s_best is not None:
                best_key, best, shared = s_key, (s_best[0], max(s_best[1], lc_start)), True
        in_parts = False
        if best is None and i > 0 and f.kind == "count":
            if (_PARTS_OPEN.match(lc) and prev_lc is not None and figures[i - 1].indicator
                    and figures[i - 1].kind == "count" and not _same_measure(figures[i - 1].unit, f.unit)):
                parts_of = prev_lc
            elif not (parts_of is not None and _PART_LABEL.match(lc)):
                parts_of = None
            if parts_of is not None:
                # 培训6批次，其中省级12人次: a part counted in another unit than its total, named by a
                # label alone, counts in its own unit what the total's clause names (the trainees)
                best_key, best = _best_rule(tax, f, work, work[parts_of[0]:parts_of[1]], parts_of[0], rc, s_ctx,
                                            p_start, titles)
                in_parts = best is not None
        if not in_parts and not (parts_of is not None and _PART_LABEL.match(lc)):
            parts_of = None
        f.quote_start = lc_start if not cont else max(f.quote_start, prev_end)
        # a number before its noun (20个行政执法单位): the phrase runs on to the noun
        f.quote_end = (min(rc_end, f.end + 16) if f.kind == "count" and rc and "\u4e00" <= rc[0] <= "\u9fff"
                       and not _ENUM_START.match(rc) else f.end)
        if best is None and not in_parts and f.kind == "count" and not _counts_other_noun(tax, f, rc):
            noun = "#" + (noun_phrase or rc[:12])
            f.indicator = _fallback(tax, f, lc + noun,
                                    work[min(lc_start, span_start(work, f.start, CLAUSE_DELIMS)):f.start] + noun,
                                    work[min(lc_start, s_start):f.start] + noun)
        if best is not None:
            f.indicator = best[0].id
            if not cont and best[0].cue is not None and best_key[0] in (_TIER_CUE, _TIER_NOUN):
                f.quote_start = min(best[1], f.start)
        if best is None:
            prev_verb = prev_verb if in_enum else None
            prev_head = prev_head if in_enum else None
        elif not shared and not cont and not in_enum and best[0].cue is not None and best_key[0] in (_TIER_CUE, _TIER_NOUN):
            # (an item of an enumeration keeps the verb the enumeration shares: 审核A、重大行政决策7件、B)
            v = work[best[1]:best[1] + 2]
            prev_verb = v if len(v) == 2 and all("\u4e00" <= c <= "\u9fff" for c in v) else None
            head = tax.enum_verbs.search(work, lc_start, best[1]) if tax.enum_verbs is not None else None
            prev_head = head.group() if head is not None and head.group() != prev_verb else None
        # in an enumeration (3次法治讲座、5场宣传活动) the noun a count precedes is its own: the
        # next item's clause starts after it
        tail = f.end + len(noun_phrase)
        prev_end = tail if noun_phrase and work[tail:tail + 1] == "、" else f.end
        joiner = _NOUN_JOINER.search(noun_phrase) if noun_phrase and i + 1 < len(figures) else None
        if joiner is not None and tail == figures[i + 1].start:
            # 17件人大代表建议和22件政协提案: the noun before 和 is this count's, the next count's
            # clause starts at the joiner
            prev_end = f.end + joiner.start()
        prev_lc = (lc_start, f.start) if not cont else prev_lc
    _respective(work, figures, sections, tax)
    _apply_part_only(work, figures, tax)
    _contrast(work, figures, tax)
    _link_parts(work, figures)


def _fallback(tax: Taxonomy, f: Figure, own: str, clause: str, sentence: str) -> str | None:
    """The id of a count no rule names, from its own words (or its whole clause, for the ids whose
    fallback reaches over the clause) and the noun after it, or None. A word against the id anywhere
    in the sentence before the number keeps it unnamed (抽取35件 after 案卷评查 counts case files).

    The rules name a figure by the cue nearest it; unseen pages put the work's name elsewhere in the
    clause (上线运行“一件事”主题场景405项, 我局审批特殊工时35件). Where the clause and noun hold a word
    that only one kind of work uses (审批, 政务服务) and none that says the count is of something else
    (证明事项, 中介服务, 监管事项), the count is of that work.
    """
    for fid, units, pat, exclude, reach in tax.fallbacks:
        words = clause if reach else own
        if f.unit in units and pat.search(words) and (exclude is None or exclude.search(sentence) is None):
            return fid
    return None


def _own_words(work: str, figures: list[Figure], i: int) -> tuple[str, str]:
    """The words that are figure i's alone: its clause since the figure before it, and the noun
    phrase after it up to the clause's (or the enumeration item's) end."""
    f = figures[i]
    start = max(span_start(work, f.start, CLAUSE_DELIMS), figures[i - 1].end if i > 0 else 0)
    end = _clause_end(work, f.end)
    if i + 1 < len(figures):
        end = min(end, figures[i + 1].start)
    return work[start:f.start], work[f.end:end]


def _contrast(work: str, figures: list[Figure], tax: Taxonomy) -> None:
    """In a sentence that counts one kind of an indicator in its own words (法治专题学习3次) beside a
    count whose own words name only the generic kind (中心组学习12次), the generic count is not of
    the indicator: the writer set the two apart. The sentence around both names the specific kind
    and would otherwise lend it to every count in it. A total (共开展中心组学习80场 after the law study
    of each body) sums its siblings, it is not set apart from them."""
    for ind, generic, own, total in tax.contrasts:
        marks = [(i, own.search("".join(_own_words(work, figures, i))) is not None)
                 for i, f in enumerate(figures) if f.indicator == ind and f.kind == "count"]
        by_sentence: dict[int, list[tuple[int, bool]]] = {}
        for i, specific in marks:
            by_sentence.setdefault(_sentence_start(work, figures[i].start), []).append((i, specific))
        for group in by_sentence.values():
            if not any(specific for _, specific in group):
                continue
            for i, specific in group:
                before, _ = _own_words(work, figures, i)
                # (generic is looked for in the words before the number: what the count is of)
                if not specific and generic.search(before) and not (total is not None and total.search(before)):
                    figures[i].indicator = None


# 其中 (or 包括) and a short label, no verb, opening the list of a total's parts (其中省级); a label alone
# goes on with the list (、市级)
_PARTS_OPEN = re.compile(r"^[\s,;:]*(?:其中|包括)[,:\s]*[\u4e00-\u9fff]{0,4}$")
_PART_LABEL = re.compile(r"^[\s,;、]*[\u4e00-\u9fff]{1,4}$")


_RESPECTIVE = re.compile(r"分别(?:为|是|达到|达|有|计|占|完成)?\s*$")
_RUN_SEP = re.compile(r"^[\s,、和及与]*$")
_LAST_JOIN = re.compile(r"(?<=[\u4e00-\u9fff])[和及与](?=[\u4e00-\u9fff])")


def _respective(work: str, figures: list[Figure], sections: list[Section], tax: Taxonomy) -> None:
    """X、Y分别为N1、N2: the k-th number counts the k-th item listed before 分别.

    Read as one clause, every number would take the cue nearest 分别 (the last item). Each is
    read again with its own item, the item after the first item's opening words (审核规范性文件、合同), or
    the item with the last item's noun (受理、办结行政复议案件); a number none of these names
    gets no id rather than its neighbour's.
    """
    i = 0
    n = len(figures)
    while i < n:
        f = figures[i]
        c0 = span_start(work, f.start, CLAUSE_DELIMS)
        m = _RESPECTIVE.search(work, c0, f.start) if f.kind in ("count", "rate") else None
        if m is None:
            i += 1
            continue
        run = [f]
        # (counts of different units may share one 分别: 办理法律援助案件、提供法律咨询分别为210件、1500人次)
        while (i + len(run) < n and (run[-1].unit == figures[i + len(run)].unit
                                     or run[-1].kind == figures[i + len(run)].kind == "count")
               and _RUN_SEP.match(work[run[-1].end:figures[i + len(run)].start])):
            run.append(figures[i + len(run)])
        items = [x for x in work[c0:m.start()].split("、") if x]
        if len(items) == len(run) - 1 and _LAST_JOIN.search(items[-1]):
            a, b = _LAST_JOIN.split(items[-1], maxsplit=1)
            items[-1:] = [a, b]
        if 2 <= len(run) == len(items):
            s_start = _sentence_start(work, f.start)
            p_start = _line_start(work, f.start)
            for k, g in enumerate(run):
                rc = work[g.end:_clause_end(work, g.end)]
                titles = " ".join(s.title for s in chain(sections, g.start) if s.style != "一是")
                cands = [items[k]]
                if k > 0:  # the first item's verb: its opening words, shortest first
                    cands += [items[0][:j] + items[k] for j in range(2, len(items[0]) - 1)]
                if k < len(items) - 1:
                    cands.append(items[k] + items[-1][2:])
                g.indicator = None
                for cand in cands:
                    _, best = _best_rule(tax, g, work, cand, c0, rc, s_start, p_start, titles)
                    if best is not None:
                        g.indicator = best[0].id
                        break
        i += len(run)


def _apply_part_only(work: str, figures: list[Figure], tax: Taxonomy) -> None:
    """An indicator defined as a part (主动公开) stands for the total when no total is stated beside
    it, nor another part of that total (主动公开118条，依申请公开2项: two parts, no total).

    A total is looked for over the whole paragraph (共发布信息2554条。在专栏主动公开信息267条: the
    267 are a part of the 2554 stated a sentence before); another part only in the figure's sentence.
    """
    by_start = sorted(figures, key=lambda g: g.start)
    starts = [g.start for g in by_start]
    for f in figures:
        total_id = tax.part_only.get(f.indicator or "")
        if not total_id:
            continue
        siblings = {p for rel in tax.sums if rel["total"] == total_id for p in rel["parts"]} - {f.indicator}
        s_start = _sentence_start(work, f.start)
        s_end = next((i for i in range(f.end, min(len(work), f.end + 200)) if work[i] in SENTENCE_DELIMS), f.end)
        near = by_start[bisect_left(starts, s_start):bisect_left(starts, s_end)]
        p_end = work.find("\n", f.end)
        paragraph = by_start[bisect_left(starts, _line_start(work, f.start)):
                             bisect_left(starts, p_end if p_end >= 0 else len(work))]
        if not (any(g.indicator in siblings for g in near if g is not f)
                or any(g.indicator == total_id for g in paragraph if g is not f)):
            f.indicator = total_id


# 其中/包括 between a total and the figure after it opens the list of the total's parts
_PARTS_MARKER = re.compile(r"其中|包括|含")
_OPEN_PAREN = "(（"
_PART_SPAN = 12  # how long the words between two parts of a list separated by ；may be
_CLOSE_PAREN = ")）"


def _same_measure(a: str | None, b: str | None) -> bool:
    """Whether two units count the same thing (次 and 场 are both sessions; 件 and 项 are not)."""
    if a == b:
        return True
    groups = taxonomy().units
    return any(a in g and b in g for g in (groups.get("times", ()), groups.get("person_times", ())))


def _link_parts(work: str, figures: list[Figure]) -> None:
    """Parts listed after their total (其中…) count the same thing as the total: a part with no
    indicator of its own, or its total's, gets the total's id and `part_of` pointing at the total.

    办件30751件，其中行政许可16634件: the 16634 are 办件 too (a reader codes them so), but they are
    not a second value of the indicator: `part_of` keeps the arithmetic checks on the total (the
    corpus does not store the link; its panel takes a report's first value of an indicator,
    which is the total, as the total precedes its parts). A part that names an indicator of its own
    (其中维持10件) keeps it. The list ends with the sentence, with a new total (共/合计), with a
    figure of another unit or kind, and, when 其中 opens a bracket, with the bracket.
    """
    n = len(figures)
    for i, t in enumerate(figures):
        if not t.indicator or t.kind != "count" or t.part_of is not None or i + 1 >= n:
            continue
        nxt = figures[i + 1]
        gap = work[t.end:nxt.start]
        m = _PARTS_MARKER.search(gap)
        # the marker follows the total or its counted noun (3个重大决策事项，其中…) and opens the list,
        # in the total's sentence or at the head of the next one (办件3.2万件。其中，网上办件…)
        if (m is None or len(gap[:m.start()].strip(" ,，、")) > _NOUN_SPAN or len(gap) - m.end() > _NOUN_SPAN
                or any(c in SENTENCE_DELIMS for c in gap[:m.start()].rstrip(" ,:(（").rstrip(SENTENCE_DELIMS))):
            continue
        bracket = m.start() > 0 and gap[m.start() - 1] in _OPEN_PAREN
        for j in range(i + 1, n):
            p = figures[j]
            between = work[figures[j - 1].end:p.start]
            # a ；between two short parts goes on with the list (其中，A类5187件；B类28130件)
            delims = SENTENCE_DELIMS.replace(";", "") if len(between.strip(" ;")) <= _PART_SPAN else SENTENCE_DELIMS
            if j > i + 1 and (any(c in delims for c in between)
                              or (bracket and any(c in _CLOSE_PAREN for c in between))):
                break
            if p.kind != "count" or not _same_measure(p.unit, t.unit) or p.total_marker:
                break
            if p.indicator == t.indicator or (p.indicator is None and not _counts_other_noun(
                    taxonomy(), p, work[p.end:_clause_end(work, p.end)])):
                p.indicator, p.part_of = t.indicator, i
