"""Which division a place name stands for. Names are shared across the country (many counties
have a 城关镇), so a name is settled by the ancestors the text names, the site's address, the
document numbers' letters and the development zones a county governs.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..departments import departments_in_address, parse_unit
from ..divisions import Division, divisions, short_name
from .tables import LEVEL_WORD_KINDS, MUNICIPALITIES, rules
from .voice import speaks_as_region


class _Place:
    """A place name found in text: where, and which divisions it may be."""

    def __init__(self, name: str, start: int, cands: list[Division]):
        self.name, self.start, self.cands = name, start, cands


def place_mentions(text: str) -> list[_Place]:
    d = divisions()
    out = []
    for s, e, name in d.find(text):
        cands = [c for c in d.named(name)]
        out.append(_Place(name, s, cands))
    return out


# A government's site: a gov.cn (or .gov) name, or a bare address some governments serve from.
_GOVERNMENT_HOST = re.compile(r"(?:^|\.)gov(?:\.[a-z]{2})?$|^\d{1,3}(?:\.\d{1,3}){3}$")


def is_government_host(url: str) -> bool:
    """True when a page's address is a government's site (…gov.cn, or an IP address)."""
    from urllib.parse import urlparse

    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    return bool(_GOVERNMENT_HOST.search(host))


def _code_prefix(code6: str) -> str:
    """A division's code without the zeros of the levels below it (110100 -> 1101)."""
    c = code6
    while len(c) > 2 and c.endswith("00"):
        c = c[:-2]
    return c


def found_on(url: str | None, division_code: str | None) -> str | None:
    """The host of a page that is not the reporting unit's own site, or None: a site that is no
    government's (a document-sharing site, a 范文 site, a news portal), or a government's site that
    its address names as a place neither the unit's nor above or below it (another county
    reposting the report). A page without a web address, or on a government site whose address
    names no place, is taken as the unit's own publication."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    from urllib.parse import urlparse

    host = (urlparse(url).hostname or "").lower() or None
    if not is_government_host(url):
        return host
    if not division_code:
        return None
    named = [d for d in divisions().from_url(url)[0] if not d.former]
    if not named:
        return None
    own = _code_prefix(division_code[:6])
    related = any(own.startswith(_code_prefix(d.code6)) or _code_prefix(d.code6).startswith(own) for d in named)
    return None if related else host


class Context:
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
            self._host = divisions().from_url(self.url) if self.url and not self.mirror else ([], [])
        return self._host

    @property
    def mirror(self) -> bool:
        """True for a page on a site that is no government's (a mirror, a 范文 site, a news
        portal): its address, copied or chosen freely, names no place of the report's."""
        return self.url is not None and not is_government_host(self.url)

    def level_place(self, level_word: str, body: str) -> Division | None:
        """The place a bare level word (省/市/区/县 in 省司法厅, 市人社局) stands for: the place
        of that level the body names most, by its full name, else by its short one."""
        want = LEVEL_WORD_KINDS.get(level_word)
        if want is None:
            return None
        d = divisions()

        def fits(c: Division) -> bool:
            if level_word == "市" and c.kind == "province":
                return c.name in MUNICIPALITIES
            return c.kind == want[0] and (len(want) == 1 or c.name.endswith(want[1:]))

        counts: Counter = Counter()
        for _s, _e, name in d.find(body):
            cs = [c for c in d.named(name) if fits(c) and not c.former]
            if len({c.code for c in cs}) == 1:
                counts[cs[0].code] += 1
        if not counts:
            shorts = d.short_names()
            words = rules()["word_like_short_names"]
            for end, (name, is_short) in d.matches(body):
                nxt = body[end + 1:end + 2]  # (matches gives the offset of a name's last character)
                if nxt and nxt in "市州盟县区旗" and d.named(name + nxt):
                    continue  # 克拉玛依市 is the city, not its 克拉玛依区 named short
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
        """True when the text names one of d's ancestors (in full or short form). The site's
        address confirms nothing when it names another place of d's own kind: a county's site
        (ahqy: 青阳县 in 安徽省) is no evidence for another county of its province that the
        text seems to name once; only the text itself can confirm that one."""
        names = self.names
        if any(h.kind == d.kind and h.code != d.code and not h.former for h in self.host[0]):
            names = self.text_names
        return any(_named(a, names, exclude) for a in divisions().ancestors(d))


def _named(d: Division, names: set[str], exclude: str) -> bool:
    """True when the text names d (in full or short form) other than inside `exclude`, the very
    name being resolved (芦溪镇 holds 芦溪, the short name of 芦溪县, which confirms nothing)."""
    return any(n in names and n not in exclude for n in (d.name, short_name(d.name)))


def _resolve(cands: list[Division], context: Context, exclude: str = "") -> Division | None:
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
        # …or, where the initials fit two of those places, the one whose town the path spells
        pinned = d.spelled_in_path(held, context.url)
        if len({c.code for c in pinned}) > 1:
            # a city's portal under its bare initials (dg.gov.cn) files its towns' columns: where the
            # initials are a city's and a county-level city's alike, the city's town is meant
            pinned = [c for c in pinned if any(a.code in guessed and a.kind == "city" for a in d.ancestors(c))]
        if len({c.code for c in pinned}) == 1:
            return pinned[0]
    return None


@lru_cache(maxsize=1)
def _document_number_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    dn = rules()["document_number"]
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


def branch_place(name: str, place: Division) -> Division | None:
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
    m = rules()["branch"].search(name)
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


def index_place(value: str) -> Division | None:
    """The division whose code opens a 索引号 (11510722MB…/2023-00012 or 510722-…)."""
    att = rules()
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


def place_of(name: str, context: Context) -> tuple[Division | None, str | None, str | None, Division | None]:
    """The most specific division a name gives (县 within 市 within 省), resolved against the
    text's other place names; else the ambiguous name and its level when all readings agree.
    A township or street the table lacks (a new 街道 of a district) is not taken for its district."""
    places = place_mentions(name)
    if not places and name.endswith("街") and divisions().named(name + "道"):
        places = place_mentions(name + "道")  # 海滨街 for 海滨街道
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
def zone_parts(name: str) -> tuple[str, str, Division | None] | None:
    """(zone, what follows it, the most specific place that leads its name) for a development
    zone or new area the division table lacks (珠海高新区综治局 -> 珠海高新区, 综治局, 珠海市)."""
    m = rules()["zone"].match(re.sub(r"\s+", "", name))
    if m is None:
        return None
    zone, rest = m.group("zone"), m.group("rest")
    d = divisions()
    if d.named(zone) or rest.startswith(("(", "（")) or zone in ("新区", "示范区", "试验区", "合作区", "新城"):
        return None  # a division (两江新区), or a zone that names its division in brackets
    if any(d.named(zone[i:]) for i in range(1, len(zone) - 2)):
        return None  # words run into a division's name (制定两江新区…方案): no zone of that name
    if rest and not parse_unit(rest).is_department and not re.fullmatch(r"(人民政府|政府|办公室)?", rest):
        return None
    parent: Division | None = None
    pos = 0
    shorts = d.short_names()
    def leads(at: int, above: Division | None) -> list[tuple[Division, int]]:
        for n in range(min(12, len(zone) - at), 1, -1):
            piece = zone[at:at + n]
            cands = [c for c in d.named(piece) + shorts.get(piece, []) if not c.former and c.kind != "township"
                     and (above is None or c.code != above.code and c.code.startswith(
                         above.code[:2] if above.kind == "province" else above.code[:4]))]
            if cands:
                return [(c, n) for c in {c.code: c for c in cands}.values()]
        return []

    while pos < len(zone):
        found = leads(pos, parent)
        if len(found) > 1:
            # a short name several places share (河北: 河北省, 河北区): the one the next place
            # of the name lies in (河北唐山…: 唐山市 is in 河北省)
            found = [(c, n) for c, n in found if len(leads(pos + n, c)) == 1]
        if len(found) != 1:
            break
        parent, pos = found[0][0], pos + found[0][1]
    if zone[pos:] == "" or zone[pos:] == "新区" and (parent is None or parent.kind != "city"):
        return None  # nothing but places: not a zone (a city's own 新区, 兰州新区 or 长春新区, is one)
    return zone, rest, parent


# where a name, not a clause, begins: a line's start, a title's or a quotation's opening mark
_ZONE_LEAD = re.compile(r"(?:^|(?<=[《“\"「\n]))(?P<name>[\u4e00-\u9fff]{2,4}?)")


# 全区, 本新区, 省市新区 (the levels above it): no zone's own name
_NOT_ZONE_NAME = re.compile(r"^[全本我该各其新]|^[省市县区州盟旗乡镇]+$")


def zone_in_body(issuer: str, body: str) -> str | None:
    """A unit that names its zone by the zone's kind alone (新区司法局, 高新区管委会): the unit
    under the one full name of that kind the body gives (《金普新区2025年…》 -> 金普新区司法局)."""
    m = rules()["zone_bare"].match(re.sub(r"\s+", "", issuer))
    if m is None or m.group("rest") and not (parse_unit(m.group("rest")).is_department
                                             or m.group("rest") in rules()["zone_governing"]):
        return None
    word = m.group("word")
    # the full kinds that end in the bare one (工业园区 for 园区): 《某某工业园区…》 is a 园区's name
    kinds = sorted({k for k in rules()["zone_suffix"].split("|") if k.endswith(word)} | {word}, key=len, reverse=True)
    names = {z.group("name") + z.group("kind")
             for z in re.finditer(_ZONE_LEAD.pattern + "(?P<kind>" + "|".join(map(re.escape, kinds)) + ")", body)
             if not _NOT_ZONE_NAME.match(z.group("name"))}
    if len(names) != 1:
        return None
    return names.pop() + m.group("rest")


def zone_as_body_names(name: str, parent: Division | None, body: str) -> str:
    """A zone named with the places it lies in run before it (河北唐山芦台经济开发区) that its
    body names without them (芦台经济开发区): the name as the body writes it, which the record
    keeps. The rest must be a name of its own, not a bare kind (高新区, 开发区)."""
    if parent is None:
        return name
    d = divisions()
    shorts = d.short_names()
    bare = set(rules()["zone_generic"]) | set(rules()["zone_suffix"].split("|"))
    for i in range(2, len(name) - 3):
        tail, head = name[i:], name[:i]
        if tail in bare or not _all_places(head, d, shorts):
            continue
        if body.count(tail) > body.count(name):
            return tail
    return name


def _all_places(text: str, d, shorts, least: int = 2) -> bool:
    """Whether text is nothing but at least `least` places' names or short names run together
    (河北唐山: a province's and a city's)."""
    if not text:
        return least <= 0
    return any((d.named(text[:n]) or shorts.get(text[:n])) and _all_places(text[n:], d, shorts, least - 1)
               for n in range(len(text), 1, -1))


def zone_run_by(issuer: str, body: str) -> str | None:
    """A body that runs a zone under the zone's own name (前海管理局): the zone, when the body names
    one zone led by that name with its governing bodies (前海合作区党工委) and the name is no
    division's nor a department's."""
    m = rules()["zone_run_by"].match(re.sub(r"\s+", "", issuer))
    if m is None or divisions().named(m.group("lead")) or parse_unit(issuer).known:
        return None  # a place's or a line of work's bureau (城市管理局)
    # the zone as its own governing bodies name it (某某合作区党工委)
    lead = re.escape(m.group("lead"))
    names = {z.group("zone") for z in re.finditer(r"(?P<zone>" + lead + r"(?:" + rules()["zone_suffix"] + r"))(?:"
                                                  + "|".join(rules()["zone_governing"]) + ")", body)}
    if len(names) != 1:
        return None
    name = names.pop()
    return name if zone_parts(name) else None


def zone_of_bare_subject(body: str) -> str | None:
    """The zone a report names no issuer for and that opens by calling itself by its kind alone
    (2023年，园区坚持…): the one full zone of that kind the body names (《某某工业园区…》)."""
    head = body.lstrip()[:300]
    stop = head.find("。")
    m = rules()["zone_bare_subject"].search(head[:stop] if stop >= 0 else head)
    return zone_in_body(m.group("word"), body) if m else None


def zone_place(parts: tuple[str, str, Division | None], context: Context) -> tuple[str, Division | None]:
    """The zone's name as the record gives it and its parent: the place leading its name, or
    a place within that (or any, when none leads it) that the site's address names."""
    zone, _rest, parent = parts
    hosted = [c for c in context.host[0] if c.kind in ("city", "county")]
    within = [c for c in hosted if parent is None or divisions()._within(c, parent)]
    if within and len({c.code for c in within}) == 1:
        if parent is None and zone in rules()["zone_generic"]:
            zone = short_name(within[0].name) + zone
        parent = within[0]
    return zone, parent


def county_as_named(issuer: str, town: Division) -> str | None:
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


def _of_level_word(c: Division, want: tuple[str, ...], level_word: str | None) -> bool:
    """True when a unit naming its place by `level_word` alone can be of place `c`: one of
    the kind the word stands for, or for 市 a municipality or a county-level city, whose
    departments call themselves 市某局 too (市应急管理局 on a county-level city's site)."""
    if c.kind == want[0] and (len(want) == 1 or c.name.endswith(want[1:])):
        return True
    return level_word == "市" and (c.name in MUNICIPALITIES or c.kind == "county" and c.name.endswith("市"))


def host_place(level_word: str | None, context: Context, guess: bool = False) -> Division | None:
    """The place a site's address names (gtzy.shiyan.gov.cn -> 十堰市, cqjlp.gov.cn -> 九龙坡区),
    at the level the name's level word asks for; when the pinyin is shared, the one the text
    names; a place the address gives only by initials (fl.gov.cn) only when the text names it,
    or when a province is asked for and the initials are one province's alone (sc.gov.cn)."""
    named, guessed = context.host
    known = context.text_names
    want = LEVEL_WORD_KINDS.get(level_word or "")
    named = [c for c in named if c.kind != "township" or want and want[0] == "township"]
    cands = named + [g for g in guessed if g.name in known or short_name(g.name) in known]
    if want:
        cands = [c for c in cands if _of_level_word(c, want, level_word)]
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
        cands = [g for g in guessed if _of_level_word(g, want, level_word)]
        d = divisions()
        for kind, above in (("province", d.province_of), ("city", d.city_of)):
            named = {c.code for n in known for c in d.named(n) if c.kind == kind and not c.former}
            if named and want[0] != kind:
                cands = [c for c in cands if (above(c) or c).code in named]
    return cands[0] if len({c.code for c in cands}) == 1 else None


def address_names(unit, context: Context) -> bool:
    """True when the site's address names the unit's own department by its initials."""
    if not context.url or not unit.department:
        return False
    return any(a.department == unit.department for a in departments_in_address(context.url))


def host_town(self_level: str | None, first_person: bool, body: str, context: Context) -> Division | None:
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


_TOWN_SUFFIX = re.compile(r"(?:街道|镇|乡|苏木)$")


def bare_town(self_level: str | None, body: str, context: Context) -> Division | None:
    """The township or street a report names only by its bare name (2025年，公明坚持…, 法治公明,
    魅力道滘), one of the towns of the county its site's host names (else guesses; a city with
    no counties, 东莞, has its towns under it), for a report that speaks as a township (我镇) or
    a street (我街, or 街道 as itself): the one whose bare name the body writes most, twice at
    least and more than twice as often as any other's. A town that bears its county's own name
    (光明街道 of 光明区) is not read so: the county's name would count for it."""
    if self_level not in ("township", "street", None):
        return None
    want = self_level or "street"
    if self_level is None and body.count("街道") < 3:
        return None
    named, guessed = context.host
    for areas in (named, guessed):
        counts: Counter = Counter()
        for area in areas:
            if area.kind not in ("county", "city"):
                continue
            for town in divisions().towns_of(area):
                stem = _TOWN_SUFFIX.sub("", town.name)
                if town.level != want or len(stem) < 2 or stem == short_name(area.name):
                    continue
                # the bare name, not a longer place it begins (公明 in 公明区 or 公明镇 of another county)
                n = len(re.findall(re.escape(stem) + r"(?![区县市镇乡])", body))
                if n:
                    counts[town] = n
        best = counts.most_common(2)
        if best and best[0][1] >= 2 and (len(best) == 1 or best[0][1] > 2 * best[1][1]):
            return best[0][0]
        if named:
            return None  # the host names its county: a guess elsewhere would be no better
    return None


@lru_cache(maxsize=1)
def _province_shorts() -> tuple[tuple[str, Division], ...]:
    provinces = [d for d in divisions().by_code.values() if d.kind == "province" and not d.former]
    return tuple(sorted(((short_name(p.name), p) for p in provinces), key=lambda x: -len(x[0])))


def province_in_short(dept: str) -> Division | None:
    """The province a department is named after in short (宁夏司法厅, 广西生态环境厅, 湖南省…
    written 湖南…): a province's short name followed by a department the lexicon knows."""
    for short, prov in _province_shorts():
        if dept.startswith(short) and len(dept) > len(short) + 1:
            u = parse_unit(dept[len(short):])
            if u.known and u.department and u.place is None and u.level_word is None:
                return prov
    return None


def host_county(body: str, place: Division | None, self_level: str | None, context: Context) -> Division | None:
    """The county or district a site's address spells (ljxq.cq.gov.cn: 两江新区 in 重庆市) for a
    report that names it in full at least twice and names no other place of its level more:
    a district's own report on its own site that cites its city's documents (《某市…方案》,
    市委…会议精神) is the district's, though the city is named as often."""
    if self_level in ("province", "township", "street", "department"):
        return None
    named, guessed = context.host
    counties = [c for c in named + [g for g in guessed if g.name in body] if c.kind == "county" and not c.former]
    if len({c.code for c in counties}) != 1:
        return None
    county = counties[0]
    if place is not None and place.code not in {a.code for a in divisions().ancestors(county)}:
        return None
    return county if body.count(county.name) >= 2 else None


_TOWN_SUFFIX = re.compile(r"(?:街道办事处|街道|民族乡|镇|乡)$")


_LEADING_BODY = re.compile(r"(?:委(?!员)|党委|人民政府|政府)")


# What sets a place's 经验/模式 apart as a model followed, not the report's own: a quote mark
# or a verb of learning right before the name (学习借鉴“某地经验”, 推广某地模式).
_BORROWED = re.compile(r"(?:[“\"「《]|学习|借鉴|弘扬|推广|践行|发展|运用|复制|对标)$")


_STREET_TITLE = re.compile(r"《([\u4e00-\u9fff]{2,6}街)(?!道)")


def _street_of_titles(body: str, context: Context) -> Division | None:
    """The street whose short name (某某街) opens the titles of documents the body cites,
    resolved among the streets of that name by the places the page names."""
    d = divisions()
    found: dict[str, Division] = {}
    for m in _STREET_TITLE.finditer(body):
        cands = [c for c in d.named(m.group(1) + "道") if c.kind == "township"]
        got = _resolve(cands, context) if cands else None
        if got is not None:
            found[got.code] = got
    return next(iter(found.values())) if len(found) == 1 else None


def infer_place(body: str, self_level: str | None, context: Context) -> Division | None:
    """The unit a title-less report is about: the place of the report's own level it names most."""
    if self_level is None or self_level == "department":
        return None
    kinds = {"township": ("township",), "street": ("township",), "county": ("county",), "district": ("county",),
             "city": ("city",), "province": ("province",)}[self_level]
    counts: Counter = Counter()
    cands: dict[str, list[Division]] = {}
    led: set[str] = set()  # names followed by their own leading bodies: 保定市委、市政府
    titled: Counter = Counter()  # names that open the titles of documents cited: 《某县2019年…要点》
    for p in place_mentions(body):
        # a municipality (重庆市) speaks of itself as a city: 我市, 全市
        cs = [c for c in p.cands if c.kind in kinds and c.level == self_level
              or self_level == "city" and c.name in MUNICIPALITIES]
        if cs:
            counts[p.name] += 1
            cands[p.name] = cs
            if _LEADING_BODY.match(body, p.start + len(p.name)):
                led.add(p.name)
            if p.start > 0 and body[p.start - 1] == "《":
                titled[p.name] += 1
    for name, n in counts.most_common():
        got = _resolve(cands[name], context, exclude=name)
        if got is None:
            continue
        # a name found inside other words (召开县委 holds 开县) must be confirmed: by an
        # ancestor the text also names, or by being a current, unambiguous name of 3+
        # characters mentioned at least twice
        if context.confirms(got, exclude=name) or (not got.former and len(name) >= 3 and n >= 2):
            return got
        if not got.former and titled[name] >= 2:
            # a short name (陇县) that opens two titles of documents the report cites is no part
            # of another word (召开县委 holds 开县): the report's own place
            return got
        if got.kind == "township" and not got.former and context.url \
                and any(a.code in {g.code for g in context.host[1]} for a in divisions().ancestors(got)):
            # a town named once (纳入某镇发展规划) on the site of the county whose initials its
            # address spells (ptxy: 莆田 秀屿区, not the 仙游县 the same letters fit): its own
            return got
    if not counts and self_level == "street":
        # a street that calls itself 我街 and names itself, 街 for 街道, only where it opens the
        # titles of its own documents (《某某街2020年…工作要点》): the one street so named
        got = _street_of_titles(body, context)
        if got is not None:
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
    if not counts and self_level == "province" and speaks_as_region(body):
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
        idioms = rules()["own_place_idioms"]
        as_own: set[str] = set()  # short names followed by 担当, 经验, 方案 …: the report's own place
        words = rules()["word_like_short_names"]
        for last, (name, is_short) in d.matches(body):
            if is_short and name not in words:
                cs = [c for c in shorts.get(name, []) if not c.former and (
                    c.kind in kinds or self_level == "city" and c.name in MUNICIPALITIES)]
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
                                    or self_level == "city" and d.by_code[best[0][0]].name in MUNICIPALITIES)
        least = 1 if alone else 2
        if best and best[0][1] >= least and (len(best) == 1 or best[0][1] > best[1][1]):
            got = d.by_code[best[0][0]]
            if got.kind != "county" or got.level == self_level and (best[0][1] >= 3 or context.confirms(got)):
                return got
    return None


# 法治 before a place's name (建设法治宁陕, 法治某县建设): the slogan a unit writes of its own area.
_SLOGAN = re.compile(r"法治(?=[\u4e00-\u9fff]{2})")


def slogan_place(body: str, level_word: str | None = None) -> Division | None:
    """The place a report names only in a rule-of-law slogan (全力推进法治宁陕建设): a bureau
    that writes neither its place nor its level names its own area so. Of several such
    places the most specific is taken when the others are above it (法治陕西、法治宁陕), else
    none; a level word (县文广旅体局) admits only places of its level."""
    d = divisions()
    shorts = d.short_names()
    words = rules()["word_like_short_names"]
    want = LEVEL_WORD_KINDS.get(level_word) if level_word else None
    found: dict[str, Division] = {}
    for m in _SLOGAN.finditer(body):
        seg = body[m.end():m.end() + 14]
        for last, (name, is_short) in d.matches(seg):
            if last + 1 != len(name) or is_short and name in words:
                continue
            cs = [c for c in (shorts.get(name, []) if is_short else d.named(name)) if not c.former
                  and (want is None or c.kind == want[0] and (len(want) == 1 or c.name.endswith(want[1:])))]
            if len({c.code for c in cs}) == 1:
                found[cs[0].code] = cs[0]
    if not found:
        return None
    deepest = max(found.values(), key=lambda c: len(d.ancestors(c)))
    above = {a.code for a in d.ancestors(deepest)}
    if all(code == deepest.code or code in above for code in found):
        return deepest
    return None
