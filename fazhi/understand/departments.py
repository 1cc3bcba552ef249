"""Departments of government: reading 三台县市场监管局 as a place and a department.

Reports, page furniture and reviewers' lists of units write the same department many
ways: in full (三台县市场监督管理局) or in short (三台县市场监管局, 市场监管局), with the
place given, abbreviated to its level (市人社局: the city's) or dropped. Attribution needs
the place and the department apart, and registry matching needs to know that two names
are one unit. The names themselves live in fazhi/data/departments.toml; this module reads
them once and parses names against them and against the division table.
"""
from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..data import load as load_data
from .divisions import Division, divisions, short_name

_SPACE = re.compile(r"\s+")
# One-character level words that stand for "this level's" place: 市人社局, 县司法局.
_LEVEL_CHARS = {"省": "province", "市": "city", "州": "city", "盟": "city", "县": "county", "旗": "county",
                "区": "district", "镇": "township", "乡": "township"}
# Level words of more than one character (自治区人民政府法制办: the region's).
_LONG_LEVEL_WORDS = ("自治区", "自治州")
_LEVEL_CHARS.update({"自治区": "province", "自治州": "city"})
_PARTY_PREFIX = "中共"
_GOVERNMENTS = ("人民政府", "政府")


@dataclass(frozen=True)
class Unit:
    """A unit name taken apart.

    place: the division names that open the name, as written (四川省绵阳市三台县), or None;
    division: the most specific of them when the table resolves it; level_word: a bare
    level character standing for the place (市 in 市人社局) or 国家/国务院 for the central
    level; department: the canonical full department name (市场监督管理局), None for a
    place's government; key: what identifies the department across its names (the
    lexicon entry, or the name itself for a department the lexicon does not know).
    """

    name: str
    place: str | None
    division: Division | None
    level_word: str | None
    department: str | None
    key: str | None
    known: bool

    @property
    def is_department(self) -> bool:
        return self.department is not None

    @property
    def place_level(self) -> str | None:
        """The level of the place the name gives (city for 市人社局), None when it gives none."""
        if self.division is not None:
            return self.division.level
        if self.level_word in _LEVEL_CHARS:
            return _LEVEL_CHARS[self.level_word]
        if self.level_word:
            return "central"
        return None


class Lexicon:
    """Every written form of every department, mapped to its canonical name and key."""

    def __init__(self, data: dict):
        short_suffix: dict[str, str] = data.get("suffix_short", {})
        self.generic: tuple[str, ...] = tuple(sorted(data["generic"]["suffixes"], key=len, reverse=True))
        self.not_departments: tuple[str, ...] = tuple(data["generic"]["not_departments"])
        self.suffix_cut: dict[str, str] = dict(data.get("suffix_cut", {}))
        self.central: tuple[str, ...] = tuple(sorted(data["central"]["prefixes"], key=len, reverse=True))
        self.forms: dict[str, tuple[str, str]] = {}  # written form -> (canonical, key)
        self.former: set[str] = set()
        self.short_of_names: set[str] = set()  # full names a short_of short stands for
        self.government_offices: set[str] = set()  # full names a place's government gives its own
        self.for_place: set[str] = set()  # keys of bodies that report for their whole place
        # key -> (first stem, its suffixes, province -> the full name that province uses)
        self.regional: dict[str, tuple[str, tuple[str, ...], dict[str, str]]] = {}
        for i, entry in enumerate(data["department"]):
            stems = entry["stems"]
            key = f"{stems[0]}#{i}"
            if entry.get("for_place"):
                self.for_place.add(key)
            suffixes = entry.get("suffixes", ["局", "厅"])
            if entry.get("regional"):
                self.regional[key] = (stems[0], tuple(suffixes), dict(entry["regional"]))
            if entry.get("former"):
                self.former.add(key)
            for alias, full in entry.get("aliases", {}).items():
                # a whole-name alias is the entry's own reading of that form (文旅委: the
                # 文化和旅游发展委员会), ahead of what its stems and short stems would make of it
                self._add(alias, full, key)
            for stem in stems:
                for suf in suffixes:
                    self._add(stem + suf, stem + suf, key)
                    if suf in entry.get("government_prefix", ()):
                        self.government_offices.add(stem + suf)
            for stem in stems:  # 政法委, 卫生健康委: a full stem with the short suffix
                for suf in suffixes:
                    if suf in short_suffix:
                        # the first stem with its 和 dropped (发展改革, 工业信息化) and the short
                        # suffix (委) is that name written short twice over: its canonical name
                        # is the first stem's (发展和改革委员会), not the dropped form made long
                        full = (stems[0] if stem == stems[0].replace("和", "") != stems[0] else stem) + suf
                        self._add(stem + short_suffix[suf], full, key)
            for short, stem in entry.get("short_of", {}).items():
                # 文广旅体局 is the short of 文化广电旅游体育局, not of the entry's first stem
                for suf in suffixes:
                    self.short_of_names.add(stem + suf)
                    self._add(short + suf, stem + suf, key)
                    if suf in short_suffix:
                        self._add(short + short_suffix[suf], stem + suf, key)
            for short in entry.get("short", []):
                for suf in suffixes:
                    canonical = stems[0] + suf
                    self._add(short + suf, canonical, key)
                    if suf in short_suffix:
                        self._add(short + short_suffix[suf], canonical, key)
            for alias, full in entry.get("aliases", {}).items():
                self._add(full, full, key)
        self._regex: re.Pattern[str] | None = None

    def _add(self, form: str, canonical: str, key: str) -> None:
        # the first entry to claim a written form keeps it: full names are listed before
        # the short forms that could collide with them
        if form and form not in self.forms:
            self.forms[form] = (canonical, key)

    def regional_name(self, canonical: str, province: str | None) -> str:
        """The name a province gives a function everywhere (广东省: 城市管理和综合执法局) for the
        canonical name read from a short form, a site's address or a system (城市管理局)."""
        hit = self.forms.get(canonical)
        if hit is None or province is None or hit[1] not in self.regional:
            return canonical
        first, suffixes, by_province = self.regional[hit[1]]
        name = by_province.get(province)
        suffix = canonical[len(first):]
        if name is None or canonical != first + suffix or suffix not in suffixes or not name.endswith(suffix):
            return canonical
        return name

    def lookup(self, name: str) -> tuple[str, str] | None:
        """(canonical, key) of a bare department name (no place), or None."""
        return self.forms.get(name)

    def lookup_cut(self, name: str) -> tuple[str, str] | None:
        """(canonical, key) of a name whose suffix was written cut short (卫生健康委员 for
        卫生健康委员会), or None."""
        cut = next((c for c in self.suffix_cut if name.endswith(c)), None)
        return self.forms.get(name[:-len(cut)] + self.suffix_cut[cut]) if cut is not None else None

    def is_generic_department(self, name: str) -> bool:
        """A name that ends like a department although the lexicon does not know it (某县档案馆)."""
        if len(name) < 3 or name.endswith(self.not_departments):
            return False
        return name.endswith(self.generic)

    def regex(self) -> re.Pattern[str]:
        """Every written form, longest first, for finding department names in running text."""
        if self._regex is None:
            forms = sorted(self.forms, key=len, reverse=True)
            self._regex = re.compile("|".join(re.escape(f) for f in forms if len(f) >= 2))
        return self._regex


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(load_data("departments.toml"))


def reports_for_place(name: str) -> bool:
    """True when the unit named is a body that reports for its whole place (中共某县委全面依法治县
    委员会办公室, 区委依法治区办): its report is the place's, not a department's."""
    return _normalise(name).endswith(_for_place_forms())


@lru_cache(maxsize=1)
def _for_place_forms() -> tuple[str, ...]:
    lex = lexicon()
    return tuple(form for form, (_c, key) in lex.forms.items() if key in lex.for_place)


def _normalise(name: str) -> str:
    s = _SPACE.sub("", unicodedata.normalize("NFKC", name or ""))
    return s.replace("(", "（").replace(")", "）")


def _split_places(s: str) -> tuple[list[str], int]:
    """The division names that open s, consecutive from its start, and where they end."""
    names: list[str] = []
    pos = 0
    for start, end, name in divisions().find(s):
        if start != pos:
            break
        names.append(name)
        pos = end
    return names, pos


def _resolve_chain(names: list[str]) -> Division | None:
    """The most specific division of a chain of names (四川省 绵阳市 三台县), checked against
    the names before it when the last one is ambiguous (many 城关镇)."""
    if not names:
        return None
    d = divisions()
    cands = [c for c in d.named(names[-1]) if not c.former] or d.named(names[-1])
    if len(cands) > 1 and len(names) > 1:
        above = set(names[:-1])
        narrowed = [c for c in cands if any(a.name in above for a in d.ancestors(c))]
        cands = narrowed or cands
    return cands[0] if len({c.code for c in cands}) == 1 else None


_BRACKETED = re.compile(r"^(?P<head>.+?)（(?P<other>[\u4e00-\u9fff]{2,12})）$")


def _department_part(rest: str) -> tuple[str | None, str | None, bool]:
    lex = lexicon()
    hit = lex.lookup(rest)
    if hit:
        return hit[0], hit[1], True
    hit = lex.lookup_cut(rest)
    if hit:
        return hit[0], hit[1], True  # 卫生健康委员: the 委员会 a title cut short
    if lex.is_generic_department(rest):
        return rest, rest, False
    m = _BRACKETED.match(rest)
    if m and (lex.lookup(m.group("head")) or lex.is_generic_department(m.group("head"))):
        # one office under two names, the second in brackets (某语委办（编译局）): named as written
        return rest, rest, False
    return None, None, False


# A unit named with the first person of its place (我县司法局, 本市交通运输局, 我旗…): 我/本
# stands for the place, so the name reads as the level word's (县司法局). No division name
# opens with 我, and 本 is read only before a level character (本溪市 stays a place).
OWN_LEVEL = re.compile(r"^[我本](?=(?:省|市|县|区|州|旗|盟|镇|乡)[\u4e00-\u9fff]{2})")
_OWN_PARTY_BODY = re.compile(r"(?:党组|党委)$")
_LEVEL_HEAD = re.compile(r"^(?:省|市|县|区|州|旗|自治区|自治州)")


@lru_cache(maxsize=4096)
def parse_unit(name: str) -> Unit:
    """Take a unit name apart into its place and its department.

    三台县市场监管局 -> place 三台县, department 市场监督管理局; 市人社局 -> level word 市,
    department 人力资源和社会保障局; 三台县人民政府 -> place 三台县, no department.
    """
    s = _normalise(name)
    if s.startswith(_PARTY_PREFIX) and len(s) > len(_PARTY_PREFIX) + 2:
        s = s[len(_PARTY_PREFIX):]
    if OWN_LEVEL.match(s):
        s = s[1:]  # 我县文化广电旅游体育局: the unit's own place, named by its level word (县…)
    places, pos = _split_places(s)
    rest = s[pos:]
    level_word = None
    lex = lexicon()
    if not places:
        for c in lex.central:
            if rest.startswith(c) and _department_part(rest[len(c):])[0]:
                level_word, rest = c, rest[len(c):]
                break
    if places and rest in ("委员会", "委", "党委"):
        rest = ""  # 中共某县委员会: the place's party committee itself, no department of it
    if places and rest.startswith("委") and len(rest) > 2:
        rest = rest[1:]  # 中共某县委政法委: a body of the county's party committee
    gov = next((g for g in _GOVERNMENTS if rest.startswith(g) and len(rest) > len(g) + 1), None) \
        or next((g for g in _GOVERNMENTS if rest[1:].startswith(g) and rest[:1] in _LEVEL_CHARS
                 and len(rest) > len(g) + 2), None)
    if gov is not None:
        # 某市人民政府外事办公室, 市政府国资委: the government's own office, named by it
        lw_gov = "" if rest.startswith(gov) else rest[:1]
        tail = rest[len(lw_gov) + len(gov):]
        if lexicon().lookup(tail):
            rest = lw_gov + tail
    m = _OWN_PARTY_BODY.search(rest)
    if m and (lexicon().lookup(_LEVEL_HEAD.sub("", rest[:m.start()]))
              or _department_part(_LEVEL_HEAD.sub("", rest[:m.start()]))[0] is not None):
        # 中共某市交通运输局党组, 某县藏语委办（编译局）党组: a department's party group reports
        # as the department
        rest = rest[:m.start()]
    dept, key, known = _department_part(rest)
    lw = next((w for w in _LONG_LEVEL_WORDS if rest.startswith(w)), rest[:1] if rest[:1] in _LEVEL_CHARS else None)
    if (dept is None or not known) and lw and len(rest) > len(lw) + 1:
        # 市人社局: the level word stands for the place; 市场监督管理局 itself is known above
        d2, k2, known2 = _department_part(rest[len(lw):])
        if d2 is not None and (known2 or dept is None or lw in _LONG_LEVEL_WORDS
                               or _opens_with_known(rest[len(lw):])):
            level_word, dept, key, known = lw, d2, k2, known2
    if dept is None and not places and lw and rest[len(lw):] in _GOVERNMENTS:
        level_word = lw  # 省政府, 市人民政府: the government of this level's place
    place = "".join(places) or None
    return Unit(name=s, place=place, division=_resolve_chain(places), level_word=level_word,
                department=dept, key=key, known=known)


def _opens_with_known(name: str) -> bool:
    """A name that opens with a department the lexicon knows (交通运输局龙岗管理局: a branch of
    交通运输局), so a level word before it stands for the bureau's place."""
    lex = lexicon()
    return any(lex.lookup(name[:i]) for i in range(3, len(name) - 1))


def canonical_department(name: str) -> str | None:
    """The full canonical name of a department written in any form, without its place."""
    return parse_unit(name).department


def _same_place(a: Unit, b: Unit) -> bool | None:
    """True/False when both names give a place; None when one of them gives none."""
    if a.division is not None and b.division is not None:
        return a.division.code == b.division.code
    if a.place and b.place:
        la, lb = a.place, b.place
        # the most specific name decides; 三台县 and 四川省绵阳市三台县 are one place
        return la.endswith(lb) or lb.endswith(la) or short_name(la) == short_name(lb)
    return None


def same_unit(a: str, b: str, *, require_place: bool = False) -> bool:
    """Whether two names denote the same unit, through abbreviations and with the place
    prefix kept or dropped (三台县市场监管局 = 市场监督管理局 = 三台县市场监督管理局).

    With require_place, a name without its place matches only another without one.
    A department never equals a government (三台县司法局 is not 三台县).
    """
    ua, ub = parse_unit(a), parse_unit(b)
    if ua.is_department != ub.is_department:
        return False
    if ua.is_department:
        if ua.key != ub.key:
            return False
    elif not (ua.place and ub.place):
        return False
    same = _same_place(ua, ub)
    if same is None:
        if require_place and (ua.place or ub.place):
            return False
        lw_a, lw_b = ua.place_level, ub.place_level
        return lw_a is None or lw_b is None or lw_a == lw_b
    return same


def find_departments(text: str) -> list[tuple[int, int, str, str]]:
    """Department names in running text as (start, end, written form, canonical name)."""
    lex = lexicon()
    return [(m.start(), m.end(), m.group(0), lex.forms[m.group(0)][0]) for m in lex.regex().finditer(text)]


# Letters a department's site puts before its initials for the level of its place
# (ssfj: 市司法局, qsfj: 区司法局, xsfj: 县司法局).
_LEVEL_LETTERS = {"s": "市", "x": "县", "q": "区"}


# The initials of a column's kind after a department's own (信息公开, 政务公开, 公开目录).
_COLUMN_TAIL = re.compile(r"(?:xxgk|zwgk|gkml|zfxxgk)$")


@lru_cache(maxsize=1)
def _department_initials() -> dict[str, str]:
    raw = resources.files("fazhi.data").joinpath("department_initials.tsv.gz").read_bytes()
    out: dict[str, str] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line:
            ini, name = line.split("\t")
            out[ini] = name
    return out


@dataclass(frozen=True)
class AddressDepartment:
    """A department a site's address names by its initials: the canonical name, the
    places its initials were led by (several when they are ambiguous) or the level letter
    that stands for its place, and the part of the address read."""

    department: str
    places: tuple[Division, ...]
    level_word: str | None
    label: str


def departments_in_address(url: str) -> list[AddressDepartment]:
    """Departments a site's host labels or path segments name by initials, each whole
    segment read as [place initials or a level letter] + department initials:
    sfj.suining.gov.cn (司法局), …/qsfj/… (区司法局), …/jmsxhqtjj/… (江门市新会区统计局)."""
    from urllib.parse import urlparse

    table = _department_initials()
    parsed = urlparse(url if "//" in url else "//" + url)
    segments = re.split(r"[.\-]", (parsed.hostname or "").lower()) + re.split(r"[/_\-.]", parsed.path.lower())
    out: list[AddressDepartment] = []
    for seg in segments:
        if len(seg) < 3 or not seg.isalpha():
            continue
        # a department's column of the host government's site: /wgltjxxgk/ (its 信息公开)
        seg = _COLUMN_TAIL.sub("", seg) if len(seg) > 7 else seg
        for i in range(0, len(seg) - 2):
            head, tail = seg[:i], seg[i:]
            if tail not in table:
                continue
            if not head:
                out.append(AddressDepartment(table[tail], (), None, seg))
            elif head in _LEVEL_LETTERS:
                out.append(AddressDepartment(table[tail], (), _LEVEL_LETTERS[head], seg))
            else:
                places = divisions().places_by_initials(head)
                if places:
                    out.append(AddressDepartment(table[tail], tuple(places), None, seg))
            break
    return out


@lru_cache(maxsize=1)
def _short_initials() -> dict[str, tuple[str, ...]]:
    raw = resources.files("fazhi.data").joinpath("department_initials_short.tsv.gz").read_bytes()
    out: dict[str, list[str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line:
            ini, name = line.split("\t")
            out.setdefault(ini, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def short_departments_in_address(url: str) -> list[tuple[tuple[str, ...], str | None, str]]:
    """The departments ambiguous initials in a site's address may name, every reading
    (jw: 教委, 建委, 交委; swj: 商务局, 水务局, 税务局), with the level letter before it: a
    host's first label followed by its place's (jw.cq.gov.cn, swj.tonglu.gov.cn; with its level
    letter, sswj.lishui.gov.cn), or a path
    segment of the initials (…/swj/…) or of a level letter and two-letter initials
    (…/qjw_65438/…: 区 + jw). Too ambiguous to read alone: the report's words must choose."""
    from urllib.parse import urlparse

    table = _short_initials()
    parsed = urlparse(url if "//" in url else "//" + url)
    labels = [x for x in (parsed.hostname or "").lower().split(".") if x != "www"]
    out: list[tuple[tuple[str, ...], str | None, str]] = []
    if len(labels) >= 3 and labels[0] in table:
        out.append((table[labels[0]], None, labels[0]))
    elif len(labels) >= 3 and len(labels[0]) >= 3 and labels[0][0] in _LEVEL_LETTERS and labels[0][1:] in table:
        # a level letter before the initials (sswj.lishui.gov.cn: 市 + swj)
        out.append((table[labels[0][1:]], _LEVEL_LETTERS[labels[0][0]], labels[0]))
    for seg in re.split(r"[/_\-.]", parsed.path.lower()):
        if len(seg) == 3 and seg[0] in _LEVEL_LETTERS and seg[1:] in table:
            out.append((table[seg[1:]], _LEVEL_LETTERS[seg[0]], seg))
        elif len(seg) >= 3 and seg in table:
            out.append((table[seg], None, seg))
    return out


def department_forms(canonical: str) -> list[str]:
    """Every written form the lexicon reads as this canonical department (教育委员会: 教委, …)."""
    return [f for f, (c, _k) in lexicon().forms.items() if c == canonical]

