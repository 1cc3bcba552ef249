"""The unit a report's body names as its subject (XX局坚持…, 我局…) and how a department's
name is completed with its place as the page writes it.
"""
from __future__ import annotations

import re
from collections import Counter

from ..departments import (
    OWN_LEVEL,
    department_forms,
    departments_in_address,
    find_departments,
    lexicon,
    parse_unit,
    short_departments_in_address,
)
from ..divisions import Division, divisions, short_name
from ..page import iter_lines
from .places import Context, host_place, zone_parts
from .tables import DEPT_SUFFIX, GOV_WORDS, LEVEL_WORD_KINDS, page_field, rules
from .voice import line_of_work, own_marks


def only_places(name: str) -> bool:
    """True for an issuer that is only place names (成都市武侯区): the unit's government is meant."""
    rest = re.sub(r"\s+", "", name)
    for _s, _e, n in divisions().find(rest):
        rest = rest.replace(n, "", 1)
    return rest == ""


def department_name(issuer: str) -> str | None:
    names = re.split(r"[\s、,]+", issuer)
    for n in names:
        if re.search(r"(?:省|市|县|区|州|旗|盟|镇|乡|街道)委员会$", n) and parse_unit(n).department is None:
            continue  # 中共某县委员会: the place's party committee, no department
        if DEPT_SUFFIX.search(n) and not re.search(r"人民政府$|党委$|县委$|市委$|区委$|省委$", n):
            if "人民政府办公室" in n or not GOV_WORDS.fullmatch(n):
                return n
    return None


class Cand:
    """A name that may be the issuer, where it was read, and how far that source is trusted."""

    __slots__ = ("name", "source", "start", "end", "conf")

    def __init__(self, name: str, source: str, start: int | None, end: int | None, conf: float):
        self.name, self.source, self.start, self.end, self.conf = name, source, start, end, conf


_SELF_WORDS = ("我", "本", "该", "各", "全")


def is_unit(name: str) -> bool:
    """A name that is a government or a department (not a newspaper or a site's section);
    省政府 and 市人民政府 name their place by its level alone."""
    if name[:1] in _SELF_WORDS:
        return False  # 我分局, 本委, 该局: the unit speaking of itself, not its name
    u = parse_unit(name)
    if u.is_department or (u.place is not None and len(u.name) <= len(u.place) + 6):
        return True
    return u.level_word is not None and u.name[1:] in ("政府", "人民政府")


_TOWN_BODIES = re.compile(r"(?:党工委|党委|办事处|人民政府|政府)$")


def _town_of(part: str) -> tuple[str, int] | None:
    """(the township or street, how much of part names it) for a town's leading body named
    after it (某街党工委, 某镇党委): 街 stands for 街道 (某街 is how a street names itself)."""
    rest = _TOWN_BODIES.sub("", part)
    if rest == part or len(rest) < 2:
        return None
    name = rest + "道" if rest.endswith("街") else rest
    if any(c.kind == "township" for c in divisions().named(name)):
        return name, len(rest)
    return None


def _joint_head(part: str) -> bool:
    """The first of joint issuers is itself a body (中共某县委, 某县人民政府, 某街党工委), never a
    clause that goes on to list bodies (要求组织政法委, 法院…)."""
    if part.startswith("中共") or _town_of(part) is not None or GOV_WORDS.search(part) and len(part) <= 20:
        return True
    u = parse_unit(part)
    return is_unit(part) and (u.known or u.place is not None or u.level_word is not None)


_CLAUSE_END = re.compile(r"[,，;；:：。]")  # 。 only ends a clause past a preamble sentence


_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]是|首先|其次|再次|同时|此外)")


def body_subject(work: str, body_start: int, body_end: int) -> Cand | None:
    """The unit that opens a clause of the body's first sentence (2022年，某区坚持…; 2023年，在
    县委的领导下，某县教育局深入开展…) or its 现将…报告如下."""
    att = rules()
    conf = att["confidence"]["body"]
    for s, _e, line in iter_lines(work):
        if s < body_start or not line.strip():
            continue
        if s > body_start + 1500:
            break
        stop = line.find("。")
        if stop >= 0 and att["preamble"].match(line, 0, stop):
            # 2021年是"十四五"开局之年。在区委的领导下，某街…: the subject opens the next sentence
            nxt_stop = line.find("。", stop + 1)
            stop = len(line) if nxt_stop < 0 else nxt_stop
        stop = min(len(line), 250) if stop < 0 else min(stop, 250)
        pos = 0
        while pos < stop:
            m = att["subject"].match(line, pos)
            if m is not None and line[m.end("unit"):m.end("unit") + 1] in (",", "，"):
                # the unit set off by a comma (某市林业和草原局，以…): only a known department
                # with its place, or a place's government, not any clause (…的决策部署，…)
                u = parse_unit(m.group("unit"))
                if not (u.known and u.place is not None or u.department is None and u.place is not None
                        and GOV_WORDS.search(m.group("unit"))):
                    m = None
            t = att["topic"].match(line, pos) if m is None else None
            if t is not None:
                # 2022年某街道法治政府建设工作，…: only a township or street is read so, the
                # unit a district's page most often leaves unnamed elsewhere
                unit = t.group("unit")
                name = unit + "道" if unit.endswith("街") else unit
                if any(c.kind == "township" for c in divisions().named(name)):
                    at = s + t.start("unit")
                    return Cand(name, "body", at, at + len(unit), conf)
                u = parse_unit(unit)
                if u.is_department and (u.place is not None or u.level_word):
                    at = s + t.start("unit")
                    return Cand(unit, "body", at, at + len(unit), conf)
            if m and "、" in m.group("unit") and not _joint_head(m.group("unit").split("、")[0]):
                m = None  # 要求组织政法委、法院、公安局等部门按照…: bodies it set to work, no issuers
            if m and "、" in m.group("unit"):
                # joint issuers (中共某县委、某县人民政府坚持…): the government, named last
                at = s + m.start("unit")
                for part in reversed(m.group("unit").split("、")):
                    if len(part) >= 2 and is_unit(part):
                        a = at + m.group("unit").rfind(part)
                        return Cand(part, "body", a, a + len(part), conf)
                    town = _town_of(part)
                    if town is not None:  # 某街党工委、办事处…: the street its bodies stand for
                        a = at + m.group("unit").rfind(part)
                        return Cand(town[0], "body", a, a + town[1], conf)
                m = None
            if m and _ENUMERATOR.match(m.group("unit")):
                m = None  # 一是农工委党组…: a point of a list, whose subject is a body of the unit
            if m:
                unit = m.group("unit")
                if OWN_LEVEL.match(unit) and parse_unit(unit).is_department:
                    # 我县文化广电旅游体育局坚持…: the department named with its place's first
                    # person, read as its level word's (县文化广电旅游体育局)
                    return Cand(unit[1:], "body", s + m.start("unit") + 1, s + m.end("unit"), conf)
                if is_unit(unit) or zone_parts(unit):
                    return Cand(unit, "body", s + m.start("unit"), s + m.end("unit"), conf)
                if unit.endswith("街") and divisions().named(unit + "道"):
                    at = s + m.start("unit")
                    return Cand(unit + "道", "body", at, at + len(unit), conf)  # 松洲街 for 松洲街道
                dept = _department_prefix(unit)
                if dept:  # 某市农业农村局法治政府建设工作在…: the department that opens it
                    at = s + m.start("unit")
                    return Cand(dept, "body", at, at + len(dept), conf)
                hits = divisions().find(unit)
                if hits and hits[0][0] == 0:  # 中村乡法治政府建设工作在…: the place that opens it
                    name = hits[0][2]
                    at = s + m.start("unit")
                    return Cand(name, "body", at, at + len(name), conf)
            nxt = _CLAUSE_END.search(line, pos, stop)
            if nxt is None:
                break
            pos = nxt.end()
        m = att["as_follows"].search(line)
        if m and is_unit(m.group(1)):
            return Cand(m.group(1), "body", s + m.start(1), s + m.end(1), conf)
        if len(line.strip()) > 30:
            break
    return None


# A news repost's lead that names who published the report (据某部网站消息，某部发布2023年法治政府
# 建设年度报告。具体报告如下): the unit before 发布, set off by a clause mark or the line's start.
_ANNOUNCED_BY = re.compile(r"(?:^|[,，。;；:：\s])(?P<unit>[\u4e00-\u9fff]{2,20}?)(?:近日|日前)?(?:发布|公布)了?《?"
                          r"(?:19|20)\d{2}\s*年度?[^。\n]{0,30}?报告")


def announced_unit(work: str, body_start: int, body_end: int) -> Cand | None:
    """The unit a news repost says published the report, in the body's opening."""
    m = _ANNOUNCED_BY.search(work, body_start, min(body_end, body_start + 400))
    if m is None or not is_unit(m.group("unit")):
        return None
    return Cand(m.group("unit"), "body", m.start("unit"), m.end("unit"), rules()["confidence"]["body"])


# The party committee's departments (组织部 …): the only 部 below the central level.
_PARTY_DEPARTMENTS = ("组织部", "宣传部", "统一战线工作部")


def central(unit) -> bool:
    """A ministry named without a place (交通运输部, 国家税务总局): reposted on a local site it
    is still no department of that place."""
    if unit.place is not None or unit.level_word in LEVEL_WORD_KINDS:
        return False
    dept = unit.department or ""
    return unit.place_level == "central" or dept.endswith("部") and dept not in _PARTY_DEPARTMENTS


def drafter(name: str, self_level: str | None, first_person: bool) -> bool:
    """A department in the page's 来源 field of a report that speaks of itself as a government
    (我市, 我县): the bureau that drafted or posted it, not its issuer."""
    return first_person and self_level not in (None, "department") and parse_unit(name).is_department


def full_department(name: str) -> str:
    """A department with its place, its name given in full where it was written in a short
    form the lexicon knows (某市科技局 -> 某市科学技术局), as the record gives departments."""
    u = parse_unit(name)
    if re.search(r"(?:党组|党委|(?<=[局厅])委员会)$", name) and (
            u.known and u.department or parse_unit(re.sub(r"^中共|委员会$", "", name)).known):
        # 中共某市交通运输局党组, 中共某县应急管理局委员会: the department its party body reports for
        name = re.sub(r"^中共|(?:党组|党委|(?<=[局厅])委员会)$", "", name)
        u = parse_unit(name)
    if not (u.known and u.department and u.place) or not name.startswith(u.place):
        return name
    rest = name[len(u.place):]
    gov = next((g for g in ("人民政府", "政府") if rest.startswith(g)), "")
    hit = lexicon().lookup(rest[len(gov):]) or lexicon().lookup_cut(rest[len(gov):])
    full = hit[0] if hit else rest[len(gov):]
    if full in lexicon().government_offices:
        # 某市外事办公室, 某市政府国资委: the office is its government's, and named so
        return u.place + "人民政府" + full
    if hit and hit[0] != rest:
        return u.place + regional(full, u.division)
    return name


def regional(canonical: str, place: Division | None) -> str:
    """The full name the place's province gives a function read from a short form, an address
    or a system (广东省's 城管局: 城市管理和综合执法局); else the canonical name."""
    if place is None:
        return canonical
    prov = place if place.kind == "province" else divisions().province_of(place)
    return lexicon().regional_name(canonical, prov.name if prov is not None else None)


def as_the_page_names(dept: str, page_fields: dict, body: str, source: str | None) -> str:
    """The department under the official name the page itself uses, where one function has
    several (文化广电和旅游局, 文化广电新闻出版旅游局; 教育和体育局, 教育体育局) and the name was
    read from a short form (文广旅局) or the site's address, which only say which function:
    the name its 发布机构/来源 field gives in a fuller form, for the same place; else, for a
    name from the address, the one full stem of that function the text writes."""
    u = parse_unit(dept)
    if not (u.known and u.department and u.place) or not dept.startswith(u.place):
        return dept
    lex = lexicon()
    hit = lex.lookup(dept[len(u.place):])
    if hit is None:
        return dept
    for name in ("issuer", "source_org"):
        value = page_field(page_fields, name)[0]
        if not value:
            continue
        full = full_department(re.sub(r"\s+", "", value))
        if full != dept and full.startswith(u.place):
            other = lex.lookup(full[len(u.place):])
            if other is not None and other[1] == hit[1] and other[0] == full[len(u.place):]:
                return full
    if source == "site":
        suffix = next((s for s in _DEPT_SUFFIXES if hit[0].endswith(s)), "")
        names = [form for form, (canon, key) in lex.forms.items() if key == hit[1] and form == canon
                 and form.endswith(suffix) and form != hit[0]]
        written = [n for n in names if len(n) - len(suffix) >= 4 and n[:len(n) - len(suffix)] in body]
        if len(written) == 1 and hit[0][:len(hit[0]) - len(suffix)] not in body:
            return u.place + written[0]
    return dept


_DEPT_SUFFIXES = ("委员会", "办公室", "局", "厅", "委", "办", "部")


def _department_prefix(unit: str) -> str | None:
    """The department with its place or level word that opens a longer subject
    (某市农业农村局法治政府建设工作 -> 某市农业农村局), or None."""
    for m in reversed(list(_DEPT_END.finditer(unit))):
        head = unit[:m.end()]
        u = parse_unit(head)
        if u.is_department and (u.place is not None or u.level_word):
            return head
    return None


_SELF_KIND = re.compile(r"[我本](局|委|厅|办|中心|署)")


_SELF_KIND_ENDS = {"局": ("局",), "委": ("委", "委员会"), "厅": ("厅",), "办": ("办", "办公室"), "中心": ("中心",),
                   "署": ("署",)}


_DEPT_END = re.compile(r"(?:局|厅|委员会|委|办公室|中心|署)(?=.)")


# A document title that opens with its year before the unit's name (《2024年度某县应急管理局学法计划》).
_TITLE_YEAR_LEAD = re.compile(r"《(?:19|20)\d{2}\s*年度?$")


def own_department(work: str, body_start: int, body_end: int) -> Cand | None:
    """The department a 我局 report names as itself: a department name (with its place or
    level word) followed by its own leading bodies or posts (区司法局党委书记, 市文旅局党组),
    or opening the title of a document it made (《某区统计局2022年…计划》). The one named so
    most often, when it is alone at the top."""
    own = own_marks()
    body = work[body_start:body_end]
    # the kind of unit it calls itself (我委 -> a 委员会): a document title that opens with a
    # unit of another kind (我委 citing 《某区疾病预防控制中心机构职能编制规定》) is not its own
    selves = Counter(m.group(1) for m in _SELF_KIND.finditer(body))
    kinds = _SELF_KIND_ENDS.get(selves.most_common(1)[0][0]) if selves else None
    counts: Counter = Counter()
    first: dict[str, tuple[str, int, int]] = {}
    for s, e, _form, canon in find_departments(body):
        a = _named_start(body, s, e)
        if a is None or not (own.match(body, e) or body[a - 1:a] == "《"
                             or _TITLE_YEAR_LEAD.search(body, max(0, a - 10), a)):
            continue
        if kinds and not canon.endswith(kinds):
            continue
        counts[canon] += 1
        first.setdefault(canon, (body[a:e], a, e))
    best = counts.most_common(2)
    if not best or len(best) > 1 and best[0][1] == best[1][1]:
        return None
    name, a, b = first[best[0][0]]
    return Cand(name, "body", body_start + a, body_start + b, rules()["confidence"]["body"])


def _named_start(body: str, s: int, e: int) -> int | None:
    """Where the department name ending at e begins, with the place names or the level word
    that open it (江门市新会区统计局, 区司法局; 市文化旅游广电局 around the known 广电局);
    None when no place or level word opens it."""
    best = None
    for a in range(s - 1, max(0, s - 16) - 1, -1):
        u = parse_unit(body[a:e])
        if u.is_department and (u.place is not None and u.name.startswith(u.place) or u.level_word):
            best = a
    return best


def address_department(body: str, context: Context) -> tuple[str, Division | None] | None:
    """The department a site's address names by its initials and its place: the place its
    initials were led by (one the address or text names when several fit), the host's place
    of the level its level letter gives, or the host's own place."""
    if not context.url:
        return None
    for a in departments_in_address(context.url):
        place: Division | None = None
        if a.places:
            known = context.names
            fits = [p for p in a.places if p in context.host[0] or p.name in known or short_name(p.name) in known]
            if not fits and not any(stem in body for stem in _line_stems(a.department)):
                # initials that fit no place the page names, of a line of work the report never speaks of,
                # are a column's name that happens to end in a department's initials (/jhyzj/: 计划与总结,
                # not 邮政局)
                continue
            cands = fits or list(a.places)
            place = cands[0] if len({c.code for c in cands}) == 1 else None
        else:
            # a 厅 is a province's department (jtt.sc.gov.cn: 四川省交通运输厅)
            word = a.level_word or ("省" if a.department.endswith("厅") else None)
            place = host_place(word, context) or (context.level_place(word, body) if word else None)
        own = _own_line_instead(a.department, body, place)
        return own or a.department, place
    for readings, level_word, _label in short_departments_in_address(context.url):
        # jw: 教委, 建委 or 交委 — the one whose line of work the report speaks of as its own
        # (区委教育工委, 全区教育系统, 教委机关), twice at least and more than any other's
        votes = Counter({r: _own_line_mentions(r, body) for r in readings})
        best = votes.most_common(2)
        if not best or best[0][1] < 2 or len(best) > 1 and best[1][1] == best[0][1]:
            # else the one reading whose line the body names at all, twice at least (营造良好的
            # 商务法治环境, 引导商务企业 on sswj: 商务局, where 水利 and 税务 never occur)
            words = Counter({r: sum(body.count(w) for w in _line_stems(r)) for r in readings})
            named = [r for r, n in words.items() if n]
            if len(named) != 1 or words[named[0]] < 2:
                continue
            best = [(named[0], words[named[0]])]
        place = host_place(level_word, context) if level_word else host_place(None, context)
        return best[0][0], place
    return None


_DEPT_SUFFIXES = ("委员会", "办公室", "局", "厅", "委", "办", "部")


def _line_stems(canonical: str) -> set[str]:
    """The stems of every form the lexicon writes a department in (文化广电和旅游局: 文化广电和旅游,
    文广旅, 文广新 …): the words a report on that line of work cannot do without."""
    out = set()
    for form in department_forms(canonical) or [canonical]:
        stem = next((form[:-len(x)] for x in _DEPT_SUFFIXES if form.endswith(x)), form)
        if len(stem) >= 2:
            out.add(stem)
    return out


def _line_words(canonical: str) -> set[str]:
    """The stems of a department and the two-character words its long stems are made of
    (文化广电和旅游: 文化, 广电, 旅游): a report of that line names one of them somewhere."""
    out = set()
    for stem in _line_stems(canonical):
        out.add(stem)
        flat = re.sub(r"[和与及]", "", stem)
        if len(flat) >= 4 and len(flat) % 2 == 0:
            out.update(flat[i:i + 2] for i in range(0, len(flat), 2))
    return out


def _own_line_instead(host_dept: str, body: str, place: Division | None) -> str | None:
    """The department of the line of work the body names as its own, when the department a
    site's initials spell (wgxj: 文广新局) is one whose line the body never names: the body's
    own unit beats the host's (a 交通运输局 report filed on another bureau's site, which
    writes 云溪区交通运输综合行政执法权…，我局…). Its own line: named after its place's name
    (云溪区交通运输…, not 云溪区交通运输局, which names a department) or as its place's system."""
    if any(word in body for word in _line_words(host_dept)):
        return None
    lex = lexicon()
    counts: Counter = Counter()
    for (stem, _words), n in line_of_work(body, "naming").items():
        hit = next((lex.lookup(stem + suf) for suf in ("局", "委员会", "厅") if lex.lookup(stem + suf)), None)
        if hit is not None:
            counts[hit[0]] += n
    names = {place.name, short_name(place.name)} if place is not None else set()
    not_lines = set(rules()["system_data"]["not_place_lines"])
    for name in (n for n in names if len(n) >= 2):
        for m in re.finditer(re.escape(name), body):
            after = body[m.end():m.end() + 10]
            for k in range(len(after), 1, -1):
                hit = next((lex.lookup(after[:k] + suf) for suf in ("局", "委员会", "厅") if lex.lookup(after[:k] + suf)),
                           None)
                if hit is not None:
                    # 云溪区交通运输局 names a department; 始兴建设 is a word, no line of work
                    if not after.startswith(("局", "委", "厅", "办"), k) and after[:k] not in not_lines:
                        counts[hit[0]] += 1
                    break
    best = counts.most_common(2)
    if not best or len(best) > 1 and best[1][1] == best[0][1] or best[0][0] == host_dept:
        return None
    return best[0][0]


def placed_department(body: str, place: Division) -> tuple[str, str] | None:
    """(department, the words read) for a 我局 report that names itself nowhere but once in
    passing with its place (盐城市交通运输局被评为…先进集体): the one department the body
    names with the report's own place in front; none when it names two (it may cite others)."""
    names = {n for n in (place.name, short_name(place.name)) if len(n) >= 2}
    found: dict[str, str] = {}
    for start, _end, written, canonical in find_departments(body):
        if any(body.endswith(n, 0, start) for n in names):
            found.setdefault(canonical, written)
    if len(found) != 1:
        return None
    canonical, written = next(iter(found.items()))
    return canonical, written


def _own_line_mentions(canonical: str, body: str) -> int:
    """How often the body names a department's line of work as a unit's or a system's: its
    short names (教委) and its stem before 系统, 工委 or 战线 (教育系统, 教育工委)."""
    u = parse_unit(canonical)
    stem = next((canonical[:-len(s)] for s in ("委员会", "局", "厅", "办公室") if canonical.endswith(s)), canonical)
    shorts = [f for f in department_forms(canonical) if len(f) <= 3 and f != canonical]
    pattern = "|".join([re.escape(f) for f in shorts] + [re.escape(stem) + "(?:系统|工委|战线)"])
    return len(re.findall(pattern, body)) if u.known else 0
