"""Who issued the report, for which year, when it was signed and published, and what it is.

The title usually says it all (永清县人民政府关于2023年度法治政府建设工作的情况报告), but
many published reports lost their title in copying, so we also read the body: the unit's
references to itself (我镇, 本县), the place names it mentions (桃林镇8村1社区, 聘请习水县…),
and the years of its opening and its plans. What we infer rather than read is listed in
`Metadata.inferred` so that checks and reviewers can tell the difference.
"""
from __future__ import annotations

import re
from collections import Counter

from ...record import Metadata
from ..dates import DATE_RE, parse_match
from ..departments import Unit, parse_unit, reports_for_place
from ..divisions import Division, divisions, short_name
from ..doctype import detect_kind
from ..page import GLOSS as _GLOSS
from ..page import iter_lines, unglossed
from .dating import address_year, announced_year, body_year, breadcrumb_year, related_tail, signature
from .places import (
    Context,
    address_names,
    bare_town,
    branch_place,
    county_as_named,
    found_on,
    host_county,
    host_place,
    host_town,
    index_place,
    infer_place,
    is_government_host,
    place_mentions,
    place_of,
    province_in_short,
    slogan_place,
    zone_as_body_names,
    zone_in_body,
    zone_of_bare_subject,
    zone_parts,
    zone_place,
    zone_run_by,
)
from .tables import LEVEL_WORD_KINDS, MUNICIPALITIES, SALUTATION, page_field, rules
from .titles import find_title, issuer_from_title, joint_issuer, stamp_line, strip_site, title_year
from .units import (
    Cand,
    address_department,
    announced_unit,
    as_the_page_names,
    body_subject,
    central,
    department_name,
    drafter,
    full_department,
    is_unit,
    only_places,
    own_department,
    placed_department,
    regional,
)
from .voice import (
    line_of_work,
    opens_as_department,
    speaks_as_government,
    spoken_level,
    system_department,
    system_patterns,
)

# The level a development zone's own report speaks as (我区, 全区, 区党工委、管委会), recorded
# as the evidence of its null level (speaking_level reads it).
ZONE_SPEAKS_AS = "district"

# The level word a government uses of itself at each level (我县, 我区 …), as host_place reads it.
_SELF_LEVEL_WORDS = {"province": "省", "city": "市", "county": "县", "district": "区"}


_LEVEL_SUFFIX = {"province": "人民政府", "city": "人民政府", "county": "人民政府", "district": "人民政府",
                 "township": "人民政府", "street": "街道办事处"}


_OWN_TING = re.compile(r"[我本]厅")


_DISTRICT_BODIES = re.compile(r"(?<!自治)区(?:委|政府)")
_COUNTY_BODIES = re.compile(r"县(?:委|政府)")


def _superiors_level_word(body: str) -> str | None:
    """区 or 县, when a department's body names the party committee or government of that level
    only (区委、区政府 and never 县委), the level of the place it belongs to."""
    district, county = bool(_DISTRICT_BODIES.search(body)), bool(_COUNTY_BODIES.search(body))
    return "区" if district and not county else "县" if county and not district else None


def _converted(work: str, shown: str, start: int, end: int) -> str:
    """The working view's text where the page is in traditional script (its place names are
    found in simplified form only), else nothing: most pages need no second reading."""
    sample = shown[start:start + 2000]
    if shown is work or sum(sample.count(c) for c in _TRADITIONAL_MARKS) < 3:
        return ""
    return _unglossed(work[start:end]) + " "


# Characters frequent in reports that traditional script writes otherwise (國 for 国 …):
# three of them in a page's opening mean it is written in traditional script.
_TRADITIONAL_MARKS = "國會為發與對關這個們時說實經進體報設區縣鎮議務"


def _unglossed(text: str) -> str:
    """text without pinyin glosses after its characters (區(qū) -> 區); most texts have none."""
    return _GLOSS.sub("", text) if "(" in text else text


def speaking_level(md: Metadata) -> str | None:
    """The level whose words a report's unit uses of itself: its level, or for a development
    zone's own report (level null: none of the record's levels) the 区 it calls itself."""
    if md.level is None and (md.evidence.get("level") or {}).get("source") == "zone":
        return ZONE_SPEAKS_AS
    return md.level


def _on_mirror(url: str | None) -> bool:
    """True for a page whose address is a web address and no government's site."""
    return bool(url) and url.startswith(("http://", "https://")) and not is_government_host(url)


def _set_place(md: Metadata, place: Division) -> None:
    d = divisions()
    md.jurisdiction = place.name
    md.level = place.level
    md.division_code = place.code6
    prov = d.province_of(place)
    city = d.city_of(place)
    county = d.county_of(place)
    md.province = prov.name if prov else None
    md.city = city.name if city else None
    if place.kind == "city":
        md.city = place.name
    if place.kind == "province":
        md.city = None
    md.county = county.name if county else None


def _evidence(md: Metadata, fld: str, source: str, work: str, start: int | None, end: int | None,
              conf: float, text: str | None = None) -> None:
    if start is not None and end is not None:
        text = work[start:end].strip()
    md.evidence[fld] = {"source": source, "text": text, "start": start, "end": end}
    md.confidence[fld] = round(conf, 2)


def _as_written(text: str, work: str, a: int, b: int, title: str) -> str:
    """The title in the document's own characters (traditional script stays as written): the
    characters of text at the positions the title took from the working view."""
    squashed = re.sub(r"\s+", "", title)
    pos = [i for i in range(a, b) if not work[i].isspace()]
    # the title may sit inside its span after what was stripped before it (a document number)
    at = "".join(work[i] for i in pos).find(squashed)
    if at < 0:
        return title
    orig = "".join(text[i] for i in pos[at:at + len(squashed)])
    return orig if re.sub(r"\s+", "", orig) == orig else title


def extract(work: str, page_fields: dict, doc_meta: dict, start: int, end: int, *, text: str | None = None,
            source: str | None = None) -> tuple[Metadata, int, int]:
    """Metadata, and the body's start and end once title and signature are set aside.

    Every field says where it was read (`evidence`) and how far that is trusted
    (`confidence`): the title first, then the signature, the body's opening subject, the
    page's labelled fields and the 索引号; the addressee line (市人民政府：) names the
    recipient and is never read as the issuer.
    """
    if "(" in work and _GLOSS.search(work, start, end):
        return _extract_unglossed(work, page_fields, doc_meta, start, end, text=text, source=source)
    return _extract(work, page_fields, doc_meta, start, end, text=text, source=source)


def _extract_unglossed(work: str, page_fields: dict, doc_meta: dict, start: int, end: int, *,
                       text: str | None, source: str | None) -> tuple[Metadata, int, int]:
    """A page whose mirror put pinyin glosses after its characters (广(guǎng)东省): read
    without them, every offset mapped back to the text as read, the title as written."""
    plain, keep = unglossed(work)
    shown = text if text is not None and len(text) == len(work) else work
    plain_shown = "".join(shown[i] for i in keep)
    inv = [0] * (len(work) + 1)  # original offset -> offset in plain (a gloss maps to what follows)
    j = len(keep)
    for i in range(len(work), -1, -1):
        while j > 0 and keep[j - 1] >= i:
            j -= 1
        inv[i] = j
    back = lambda k: keep[k] if k < len(keep) else len(work)  # noqa: E731
    fields = {k: (v[0], inv[v[1]], inv[v[2]]) if v[1] is not None and v[1] >= 0 else v for k, v in page_fields.items()}
    md, bs, be = _extract(plain, fields, doc_meta, inv[start], inv[end], text=plain_shown, source=source)
    for ev in md.evidence.values():
        if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
            ev["start"], ev["end"] = back(ev["start"]), back(ev["end"] - 1) + 1 if ev["end"] > 0 else 0
            ev["text"] = shown[ev["start"]:ev["end"]].strip()
    if md.title_span is not None:
        pa, pb = md.title_span
        md.title_span = (back(pa), back(pb - 1) + 1)
        if md.title and md.evidence.get("title", {}).get("source") == "title":
            # the title as written, its glosses kept: the stretch of the text its characters take
            pos = [i for i in range(pa, pb) if not plain_shown[i].isspace()]
            squashed = re.sub(r"\s+", "", md.title)
            at = "".join(plain_shown[i] for i in pos).find(squashed)
            if at >= 0 and squashed:
                md.title = re.sub(r"\s+", "", shown[back(pos[at]):back(pos[at + len(squashed) - 1]) + 1])
    # what the document is, read on the page as written, as for any page (detection reads
    # glosses its own way)
    wtitle = strip_site(work[md.title_span[0]:md.title_span[1]]) if md.title_span is not None else md.title
    md.evidence.pop("doc_type", None)
    md.doc_type, why = detect_kind(wtitle, work, back(bs), end,
                                   doc_meta.get("source_org") or page_field(page_fields, "source_org")[0])
    if why is not None:
        md.evidence["doc_type"] = why
    return md, back(bs), back(be - 1) + 1 if be > 0 else 0


def _read_title(md: Metadata, work: str, text: str | None, shown: str, page_fields: dict, doc_meta: dict,
                start: int, conf: dict) -> tuple[str | None, int]:
    """Set md.title: the title line found in the text (kept as written, traditional script and
    all), else the reader's or the page's title field. Returns the title in the working view
    (simplified script, for matching) and where the body begins (after the title line)."""
    found = find_title(work, start)
    if found:
        md.title, a, b = found
        wtitle = md.title
        if text is not None and len(text) == len(work):
            md.title = _as_written(text, work, a, b, md.title)
        md.title_span = (a, b)
        _evidence(md, "title", "title", shown, None, None, conf["title"], md.title)
        md.evidence["title"].update(start=a, end=b)
        return wtitle, b
    v = doc_meta.get("title")
    if v:
        md.title = strip_site(re.sub(r"\s+", "", str(v)))
        _evidence(md, "title", "document", shown, None, None, conf["document"], md.title)
        return md.title, start
    v, fs, fe = page_field(page_fields, "title")
    if v:
        md.title = strip_site(re.sub(r"\s+", "", str(v)))
        _evidence(md, "title", "title_field", shown, fs, fe, conf["title_field"])
        return md.title, start
    return None, start


def _past_salutation(work: str, body_start: int) -> int:
    """Where the body begins past a salutation line (县委:) right after the title: that line
    names the addressee, never the issuer."""
    for s, e, line in iter_lines(work):
        if s < body_start or not line.strip():
            continue
        return e if SALUTATION.match(line) else body_start
    return body_start


def _read_dates(md: Metadata, work: str, shown: str, page_fields: dict, doc_meta: dict, start: int, end: int,
                body_start: int, signed: str | None, sig_span: tuple[int, int], conf: dict) -> None:
    """Set md.published and md.signed: the reader's and the page's labelled fields first (they
    say what the site did), then a date stamp by the title, the signature block, and last the
    cover letter a report was sent under or the dated byline under its title."""
    pub, ps, pe = page_field(page_fields, "published")
    from_url = doc_meta.get("published_from") == "url"
    if doc_meta.get("published") and not (from_url and pub):
        # a date the reader took from the page's address (…/202211/t20221115_…) is when that page
        # was made, which a labelled 发布日期 in the text outranks, and no date the page states
        md.published = doc_meta["published"]
        source = "url" if from_url else "document"
        _evidence(md, "published", source, shown, None, None, conf[source], md.published)
    elif pub:
        md.published = pub
        _evidence(md, "published", "issuer_field", shown, ps, pe, conf["issuer_field"])
    if md.published is None:
        stamp = stamp_line(work, start, body_start)
        if stamp is not None:
            md.published = stamp[0]
            _evidence(md, "published", "stamp", shown, stamp[1], stamp[2], conf["stamp"])

    sv, ss, se = page_field(page_fields, "signed")
    if doc_meta.get("signed"):
        md.signed = doc_meta["signed"]
        _evidence(md, "signed", "document", shown, None, None, conf["document"], md.signed)
    elif sv:
        md.signed = sv
        _evidence(md, "signed", "issuer_field", shown, ss, se, conf["issuer_field"])
    elif signed:
        md.signed = signed
        _evidence(md, "signed", "signature", shown, sig_span[0], sig_span[1], conf["signature"])
    else:
        cover = rules()["cover_letter"].search(work, start, min(end, body_start + 800))
        d = parse_match(DATE_RE.search(cover.group("date"))) if cover else None
        if d is not None:
            # the report sent under a cover letter (现将…报告报上，请审阅。/ 某局 / 2022年1月21日)
            # and signed there only
            md.signed = d.isoformat()
            _evidence(md, "signed", "signature", shown, cover.start("date"), cover.end("date"), conf["signature"])
        elif (byline := _DATED_BYLINE.search(work, body_start, min(end, body_start + 300))) is not None \
                and "。" not in work[body_start:byline.start()] \
                and (d := parse_match(DATE_RE.search(byline.group("date")))) is not None:
            # (the byline heads the text: no sentence before it, a repeated title at most)
            md.signed = d.isoformat()
            _evidence(md, "signed", "signature", shown, byline.start("date"), byline.end("date"), conf["signature"])


# The unit and the date in brackets under the title, as a report delivered to a meeting is
# headed (某县退役军人事务局 / （2025年2月20日）): the date it was signed.
_DATED_BYLINE = re.compile(r"(?m)^[ \t]*[\u4e00-\u9fff（）()、][\u4e00-\u9fff（）() \t\u3000、]{2,40}\n\s*[(（]\s*"
                           r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[)）][ \t]*\n")


class _Reading:
    """What the steps of `_extract` share: the texts they read (the working view, the text as
    shown, the body without glosses and where it lies), the page's fields and the reader's
    metadata, and what the steps settle in turn (the voice of the body, the issuer candidates
    and the one taken, the place and the source it was read from)."""

    def __init__(self, md: Metadata, work: str, shown: str, page_fields: dict, doc_meta: dict, start: int,
                 end: int, body_start: int, body_end: int, wtitle: str | None, source: str | None):
        self.md, self.work, self.shown = md, work, shown
        self.page_fields, self.doc_meta = page_fields, doc_meta
        self.start, self.end, self.body_start, self.body_end = start, end, body_start, body_end
        self.wtitle, self.source = wtitle, source
        self.conf = rules()["confidence"]
        # the body as read for words and names, without the pinyin glosses a mirror put after
        # its characters (自治區(qū)人民政府); only what needs no offsets reads it
        self.body = _unglossed(work[body_start:body_end])
        self.self_level, self.first_person = _voice(self.body)
        self.cands: list[Cand] = []
        self.primary: Cand | None = None
        self.issuer: str | None = None
        self.context: Context | None = None
        self.zone: tuple | None = None
        self.place: Division | None = None
        self.place_src: Cand | None = None

    def read_from(self, place: Division, source: str) -> Cand:
        """The candidate a place read from the site ("site") or the body ("inferred") stands on."""
        return Cand(place.name, source, None, None, self.conf[source])


def _extract(work: str, page_fields: dict, doc_meta: dict, start: int, end: int, *, text: str | None = None,
             source: str | None = None) -> tuple[Metadata, int, int]:
    """extract on a page without pinyin glosses: title, type, dates, then the steps below in
    order, each settling what the next reads (issuer, place, department, level, year)."""
    md = Metadata()
    conf = rules()["confidence"]
    # evidence quotes the text as read: the working view has the page furniture blanked
    shown = text if text is not None and len(text) == len(work) else work
    wtitle, body_start = _read_title(md, work, text, shown, page_fields, doc_meta, start, conf)
    body_start = _past_salutation(work, body_start)

    md.doc_type, why = detect_kind(wtitle, work, body_start, end,
                                   doc_meta.get("source_org") or page_field(page_fields, "source_org")[0])
    if why is not None:
        md.evidence["doc_type"] = why

    # a site's list of other pages after the report (相关文档 …) is none of it: its titles and dates
    # are other documents'
    signed, sig_org, body_end, sig_span = signature(work, body_start, related_tail(shown, body_start, end))

    _read_dates(md, work, shown, page_fields, doc_meta, start, end, body_start, signed, sig_span, conf)

    r = _Reading(md, work, shown, page_fields, doc_meta, start, end, body_start, body_end, wtitle, source)
    _choose_issuer(r, sig_org, sig_span)
    # the place names of the whole page, its furniture too (主办单位：某县人民政府 names the host
    # as its address does), settle names that several places share
    r.context = Context(_unglossed(shown[start:end]) + " " + _converted(work, shown, start, end)
                        + " ".join(str(v) for v in doc_meta.values() if isinstance(v, str)),
                        doc_meta.get("url") or source)
    r.place_src = r.primary
    if not r.issuer:
        named = zone_of_bare_subject(r.body)
        if named and zone_parts(named):
            # 2023年，园区坚持… with 《某某工业园区…》 in the body: that zone's own report
            r.issuer = named
    r.zone = zone_parts(r.issuer) if r.issuer else None
    if r.zone is not None:
        _place_zone(r)
    elif r.issuer:
        _place_issuer(r)
    if r.place is None and md.jurisdiction is None and not r.issuer:
        _place_unnamed(r)
    _department_from_address(r)
    _department_from_system(r)
    _settle_place(r)
    _settle_department(r)
    _settle_level(r)
    _county_of_unnamed_town(r)
    _settle_issuer(r)
    _record_evidence(r)
    _read_report_year(r)
    _drop_early_signature(md)
    md.found_on = found_on(doc_meta.get("url") or source, md.division_code)
    if md.title and rules()["news_headline"].match(re.sub(r"\s+", "", md.title)):
        # a repost's headline: it named the issuer and the year above, but is no title of the report
        md.title = None
        md.evidence.pop("title", None)
        md.confidence.pop("title", None)
    return md, body_start, body_end


def _drop_early_signature(md: Metadata) -> None:
    """A signing date read off the end of the page that falls well inside the year the report states
    it covers is not the report's (attribution.toml signature.earliest_month). Only a year's report:
    a look-alike such as a 工作要点 is signed early in the year it plans."""
    if md.doc_type != "report" or not md.signed or md.report_year is None or "report_year" in md.inferred:
        return
    if (md.evidence.get("signed") or {}).get("source") != "signature":
        return
    month = rules()["signed_earliest_month"]
    if md.signed < f"{md.report_year:04d}-{month:02d}-01":
        md.signed = None
        md.evidence.pop("signed", None)
        md.confidence.pop("signed", None)


def _voice(body: str) -> tuple[str | None, bool]:
    """The level the body speaks as, and whether in the first person (spoken_level): a body
    that opens as a department (2022年，我局…; 现将我局…报告如下) or names itself a department
    of its line (作为生态环境部门) is the department's, however often it says 我市 after."""
    self_level, first_person = spoken_level(body)
    if self_level != "department" and (opens_as_department(body) or line_of_work(body, "as_department")):
        return "department", True
    return self_level, first_person


def _choose_issuer(r: _Reading, sig_org: str | None, sig_span: tuple[int, int]) -> None:
    """The issuer candidates, most trusted first (the title's issuer, the signature, the body's
    subject, the page's and the reader's issuer fields, the page's 来源), and the one taken."""
    md, conf, work, body = r.md, r.conf, r.work, r.body
    cands = r.cands
    if r.wtitle:
        t_issuer = issuer_from_title(r.wtitle)
        if t_issuer:
            te = md.evidence["title"]
            cands.append(Cand(t_issuer, te["source"], te["start"], te["end"], md.confidence["title"]))
    if sig_org:
        cands.append(Cand(sig_org, "signature", sig_span[0], sig_span[1], conf["signature"]))
    subject = body_subject(work, r.body_start, r.body_end) or announced_unit(work, r.body_start, r.body_end)
    if subject is not None:
        cands.append(subject)
    v, fs, fe = page_field(r.page_fields, "issuer")
    if v:
        cands.append(Cand(v, "issuer_field", fs, fe, conf["issuer_field"]))
    if r.doc_meta.get("issuer"):
        cands.append(Cand(str(r.doc_meta["issuer"]), "document", None, None, conf["document"]))
    v, fs, fe = page_field(r.page_fields, "source_org")
    if v and is_unit(v) and not drafter(v, r.self_level, r.first_person) \
            and not _on_mirror(r.doc_meta.get("url") or r.source):
        # a mirror's 来源 names where it copied the page from, not who issued the report
        cands.append(Cand(v, "source_field", fs, fe, conf["source_field"]))
    # the title's issuer is kept even when it is no known unit (某县); others must be units
    primary = next((c for c in cands if c.source in ("title", "title_field", "document") or is_unit(c.name)
                    or zone_parts(c.name)), None)
    if primary is None and (r.self_level == "department"
                            or not r.first_person and system_patterns()[3].search(body)):
        # a department that calls itself only 我局 still names itself where it speaks of its
        # own leaders or documents (区司法局党委书记…; 制定《某区统计局2022年…计划》); so does
        # one that speaks of its area (全区) and of itself only as 局 (局党组, 全局干部)
        primary = own_department(work, r.body_start, r.body_end)
        if primary is not None:
            cands.append(primary)
            r.self_level = "department"
        elif not r.first_person and len(system_patterns()[3].findall(body)) >= 2:
            # a unit that never says 我局 nor names itself, but speaks of its own 局党委 twice
            # (局党委牵头管总): a department's report, of the place it speaks of as its area
            r.self_level = "department"
    issuer = primary.name if primary else None
    if issuer in LEVEL_WORD_KINDS:
        # a title whose place a mirror blanked out (县2019年法治政府建设工作总结): no issuer; the
        # place is read from the body as for a report without title
        issuer = primary = None
    if issuer:
        issuer = zone_in_body(issuer, body) or zone_run_by(issuer, body) or issuer
    r.primary, r.issuer = primary, issuer


def _place_zone(r: _Reading) -> None:
    """A development zone or new area: named as written, placed under the division it lies in."""
    md, zone = r.md, r.zone
    assert zone is not None and r.issuer is not None and r.context is not None
    name, parent = zone_place(zone, r.context)
    flat = re.sub(r"\s+", "", r.issuer)
    if name != zone[0] and flat.startswith(zone[0]):
        # a zone named by its kind alone (高新区综治局) that the site places (珠海高新区): the
        # issuer as the record names it, so that it names the zone's city as its jurisdiction does
        r.issuer = name + flat[len(zone[0]):]
    # the places run before it (河北唐山…) dropped where the body names the zone without them
    name = zone_as_body_names(name, parent, r.body)
    if parent is not None:
        _set_place(md, parent)
        if parent.kind == "county":
            md.county = parent.name
    # a zone is none of the record's levels: level stays null (the record allows it), and its
    # evidence says why, so that checks of the words a unit uses of itself read it as the 区
    # it calls itself (我区, 全区, 区党工委) and not as a report of unknown level
    md.jurisdiction, md.level = name, None
    md.evidence["level"] = {"source": "zone", "text": ZONE_SPEAKS_AS, "start": None, "end": None}
    zu = parse_unit(zone[1]) if zone[1] else None
    if zu is not None and zu.is_department:
        # 综治局 -> 综合治理局: a short form the lexicon knows is given in full
        md.department = name + (zu.department if zu.known and zu.department else zone[1])
        governing = flat[len(zone[0]):len(flat) - len(zone[1])] if flat.endswith(zone[1]) else ""
        if zone[1] == "办公室" and governing in rules()["zone_governing"]:
            # 某新区管委会办公室 is the office of the zone's 管委会, and named so
            md.department = name + governing + zone[1]


def _place_issuer(r: _Reading) -> None:
    """The place of a named issuer, and its department: as its name gives them, else, for a
    department named without its place, from the page's other sources (_place_unplaced_unit)."""
    md, issuer = r.md, r.issuer
    assert issuer is not None and r.context is not None
    place, amb_name, amb_level, above = place_of(issuer, r.context)
    if place is None and amb_name:
        if above is not None:  # a street the table lacks: its district is its county
            _set_place(md, above)
            md.county, md.division_code = above.name, above.code6
        md.jurisdiction, md.level = amb_name, amb_level
    unit = parse_unit(issuer)
    # a department's party group (某局党组) reports as the department
    dept = department_name(issuer) if not unit.is_department \
        else re.sub(r"^(?:中共)?(.+?)(?:党组|党委)$", r"\1", issuer)
    if dept and not re.search(r"人民政府$|政府$", dept):
        md.department = re.sub(r"\s+", "", dept)
    r.place = place
    if place is None and md.jurisdiction is None and (md.department or unit.level_word) and not central(unit):
        _place_unplaced_unit(r, unit)
        _name_with_place(r, unit)
    if r.place is not None and r.place.kind in ("province", "city") and md.department:
        # a city bureau's branch named after the district it serves (某市交通运输局龙岗管理局,
        # 市生态环境局游仙分局): the district is its place
        r.place = branch_place(md.department, r.place) or r.place


def _place_unplaced_unit(r: _Reading, unit: Unit) -> None:
    """A department named without its place (市司法局, 我局) or a government by its level alone
    (省人民政府): the place from the other sources that name one, then from the 索引号, then
    the place of that level the body names most, a slogan's place, the site's."""
    md, conf, context, body = r.md, r.conf, r.context, r.body
    assert context is not None
    got = province_in_short(md.department) if md.department and not unit.level_word else None
    if got is not None:
        r.place, r.place_src = got, r.primary  # 宁夏司法厅: the province named in short
    for c in r.cands if r.place is None else ():
        if c is r.primary:
            continue
        got, _amb, _lvl, _above = place_of(c.name, context)
        if got is not None and (unit.place_level in (None, got.level, "central")
                                or unit.level_word in ("区",) and got.level == "district"):
            r.place, r.place_src = got, c
            break
    if r.place is None:
        iv, is_, ie = page_field(r.page_fields, "index_no")
        got = index_place(iv) if iv else None
        if got is not None and (unit.place_level in (None, got.level, "central")
                                or unit.level_word == "市" and got.name in MUNICIPALITIES):
            r.place, r.place_src = got, Cand(iv, "index_no", is_, ie, conf["index_no"])
    if r.place is None and unit.level_word:
        got = context.level_place(unit.level_word, body)
        if got is not None:
            r.place, r.place_src = got, r.read_from(got, "inferred")
    if r.place is None:
        # 文广旅体局 that names its area only in a slogan (推进法治宁陕建设)
        got = slogan_place(body, unit.level_word)
        if got is not None:
            r.place, r.place_src = got, r.read_from(got, "inferred")
    if r.place is None:
        # a site spelled by initials several places share (fl: 丰林县, 浮梁县, 涪陵区) is read
        # for a department named by its level word only when the address also names
        # that very department (…/bm/whlyw/: 区文化旅游委's own column)
        got = host_place(unit.level_word, context, guess=address_names(unit, context))
        if got is not None:
            r.place, r.place_src = got, r.read_from(got, "site")


def _name_with_place(r: _Reading, unit: Unit) -> None:
    """A department found its place named with it in full (人社局 -> 某市人力资源和社会保障局);
    a government named by its level alone named as its place's (省政府 -> 四川省人民政府)."""
    md, place = r.md, r.place
    if place is not None and unit.place is None and md.department:
        rest = parse_unit(md.department)
        lw = rest.level_word or ""
        body_name = md.department[len(lw):] if lw in LEVEL_WORD_KINDS and md.department.startswith(lw) \
            else md.department
        if rest.known and rest.department and body_name != rest.department:
            body_name = rest.department  # 人社局 -> 人力资源和社会保障局
        elif not lw and body_name[:1] in LEVEL_WORD_KINDS and place.name.endswith(body_name[:1]):
            body_name = body_name[1:]  # 市行政审批和便民服务局, a name the lexicon lacks
        elif (short := short_name(place.name)) != place.name and body_name.startswith(short) \
                and len(body_name) > len(short) + 1:
            body_name = body_name[len(short):]  # 宁夏司法厅: the place named in short
        md.department = place.name + body_name
    elif place is not None and unit.level_word and not md.department:
        r.issuer = place.name + "人民政府"  # 省政府 -> 四川省人民政府


def _place_unnamed(r: _Reading) -> None:
    """The place of a report that names no issuer: the 索引号's, else the place of its own
    level the body names most, a town or county the site files it under, and for a 我局 or
    a 我县 that name no place the site's or the body's (_place_of_nameless)."""
    md, conf, context, body = r.md, r.conf, r.context, r.body
    assert context is not None
    iv, is_, ie = page_field(r.page_fields, "index_no")
    got = index_place(iv) if iv else None
    if got is not None:
        r.place, r.place_src = got, Cand(iv, "index_no", is_, ie, conf["index_no"])
        return
    place = infer_place(body, r.self_level, context)
    town = host_town(r.self_level, r.first_person, body, context)
    county = host_county(body, place, r.self_level, context) if town is None else None
    if town is None and county is None and place is None:
        town = bare_town(r.self_level, body, context)
    if county is not None:
        md.inferred.append("jurisdiction")
        r.place, r.place_src = county, r.read_from(county, "site")
    elif town is not None and (place is None or town.code.startswith(place.code6)
                               or place.kind == "township" and place.code == town.code):
        # a county site files its towns' pages under their initials (/lez/, /yfjd/)
        md.inferred.append("jurisdiction")
        r.place, r.place_src = town, r.read_from(town, "site")
    elif place is not None:
        md.inferred.append("jurisdiction")
        r.place, r.place_src = place, r.read_from(place, "inferred")
    else:
        _place_of_nameless(r)


def _place_of_nameless(r: _Reading) -> None:
    """A 我局 with no name anywhere: the place of the site's host, else the place of the level
    it calls its whole area (全省, 全市) that the host or the body names, else its slogan's;
    a government's report that names no place (我县…, 全区…): its site's, when the address
    names a place of that very level."""
    md, context, body = r.md, r.context, r.body
    assert context is not None
    if r.self_level == "department":
        place = host_place(None, context)
        if place is None:
            area, _fp = spoken_level(body, ("self_weak",))
            if area in _SELF_LEVEL_WORDS:
                place = host_place(_SELF_LEVEL_WORDS[area], context, guess=True)
        if place is not None:
            md.inferred.append("jurisdiction")
            r.place, r.place_src = place, r.read_from(place, "site")
            return
        area, _fp = spoken_level(body, ("self_weak",))
        place = infer_place(body, area, context) if area not in (None, "township", "street") else None
        if place is None:
            place = slogan_place(body, _superiors_level_word(body))
        if place is not None:
            md.inferred.append("jurisdiction")
            r.place, r.place_src = place, r.read_from(place, "inferred")
    elif r.self_level in _SELF_LEVEL_WORDS:
        place = host_place(_SELF_LEVEL_WORDS[r.self_level], context, guess=True)
        if place is not None and (place.level == r.self_level or place.name in MUNICIPALITIES):
            md.inferred.append("jurisdiction")
            r.place, r.place_src = place, r.read_from(place, "site")


def _department_from_address(r: _Reading) -> None:
    """A report that never names its unit, on a department's own site (sfj.suining.gov.cn,
    …/qsfj/…): the department the address names, in the place it or the host names; one that
    opens as a department (2022年，我局…) may go on to speak of its city (我市)."""
    md, conf, body, context = r.md, r.conf, r.body, r.context
    assert context is not None
    if r.issuer or md.department is not None or speaks_as_government(body) and not opens_as_department(body):
        return
    found = address_department(body, context)
    if found is None:
        return
    canon, dplace = found
    if _OWN_TING.search(body) and not canon.endswith("厅"):
        # 我厅 on a city's or county's site: a province's department reposted there
        canon = re.sub(r"局$", "厅", canon)
        dplace = divisions().province_of(dplace) if dplace is not None else None
    if dplace is None and r.place is None and (lw := _superiors_level_word(body)) is not None:
        # a district's or county's department that names its superiors only (区委、区政府)
        # on a site spelled by initials several places share (fl: 涪陵区, 丰林县, 浮梁县):
        # the one of them of that level
        dplace = host_place(lw, context, guess=True)
    if dplace is not None and (r.place is None or r.place_src is not None
                               and r.place_src.source in ("inferred", "site")):
        r.place, r.place_src = dplace, r.read_from(dplace, "site")
        if "jurisdiction" not in md.inferred:
            md.inferred.append("jurisdiction")
    md.department = (r.place.name + regional(canon, r.place) if r.place is not None else canon)
    md.inferred.append("department")
    md.evidence["department"] = {"source": "site", "text": canon, "start": None, "end": None}
    md.confidence["department"] = conf["site"]


def _department_from_system(r: _Reading) -> None:
    """A 我局 naming itself nowhere, but its line of work as its place's system (全市交通运输系统)
    or itself once with its place (某市交通运输局被评为…): that department of its place."""
    md, place = r.md, r.place
    if md.department is not None or r.issuer or r.self_level != "department" or place is None \
            or place.kind not in ("province", "city", "county"):
        return
    got_dept = system_department(r.body, place) or placed_department(r.body, place)
    if got_dept is not None:
        md.department = place.name + regional(got_dept[0], place)
        md.inferred.append("department")
        md.evidence["department"] = {"source": "body", "text": got_dept[1], "start": None, "end": None}
        md.confidence["department"] = r.conf["inferred"]


def _settle_place(r: _Reading) -> None:
    """The record's place fields from the place found; an autonomous county or prefecture its
    own unit names without the autonomy (新晃县, 昌吉州) keeps the name its report writes."""
    md, place, issuer = r.md, r.place, r.issuer
    if place is None:
        return
    _set_place(md, place)
    if place.kind == "township" and issuer:
        md.county = county_as_named(issuer, place) or md.county
    if place.kind == "township" and r.context is not None and md.county == place_county_name(place):
        md.county = county_written_instead(place, r.body, r.context) or md.county
    if "自治" in place.name and issuer:
        written = next((p.name for p in place_mentions(re.sub(r"\s+", "", issuer))
                        if p.name != place.name and "自治" not in p.name
                        and any(c.code == place.code for c in p.cands)), None)
        if written is not None:
            md.jurisdiction = written
            if md.county == place.name:
                md.county = written
            if md.city == place.name:
                md.city = written


def place_county_name(town: Division) -> str | None:
    county = divisions().county_of(town)
    return county.name if county is not None else None


def county_written_instead(town: Division, body: str, context: Context) -> str | None:
    """The county a township's report names as its own where the table now files the town
    under another one the page never names (重庆 streets the table lists under 两江新区, whose
    reports name 中共重庆市江北区委): the one other county of the same city the body names,
    twice at least."""
    d = divisions()
    own = d.county_of(town)
    if own is None or own.name in context.names or short_name(own.name) in context.names:
        return None
    above = d.city_of(own) or d.province_of(own)
    counts: Counter = Counter()
    for _s, _e, name in d.find(body):
        for c in d.named(name):
            if c.kind == "county" and c.code != own.code and above is not None and c.parent == above.code:
                counts[c.name] += 1
                break
    best = counts.most_common(2)
    if not best or best[0][1] < 2 or len(best) > 1:
        return None
    return best[0][0]


def _settle_department(r: _Reading) -> None:
    """The department in full and as the page names it; a department's name with a level
    word and no place found anywhere (区住房建设局) is no name: the report stays a department's."""
    md = r.md
    if not md.department:
        return
    if reports_for_place(md.department) and r.place is not None:
        # 区委依法治区办 reports for its whole place: the report is the place's, of its level
        md.department = None
        md.level = r.place.level
        r.self_level = None if r.self_level == "department" else r.self_level
        return
    md.department = full_department(md.department)
    md.department = as_the_page_names(md.department, r.page_fields, r.body,
                                       (md.evidence.get("department") or {}).get("source"))
    md.department = _branch_as_written(md.department, r.body)
    if r.place is None and md.jurisdiction is None and md.department[:1] in LEVEL_WORD_KINDS \
            and not md.department.startswith(("省", "自治区")):
        # (省交通运输厅 names its level, one of a few)
        md.department = None
        r.self_level = "department"
        r.place_src = r.place_src or Cand("", "inferred", None, None, r.conf["inferred"])


_BRANCH = re.compile(r"(?P<place>[\u4e00-\u9fff]{1,10}?[区县旗])(?P<stem>[\u4e00-\u9fff]{2,8}?)分局")


def _branch_as_written(dept: str, body: str) -> str:
    """A district's branch named after its line (某区公安分局) under the official name the body
    also writes for it, its city's bureau and then the district (某市公安局某区分局)."""
    m = _BRANCH.fullmatch(dept)
    if m is None:
        return dept
    tail = m.group("stem") + "局" + m.group("place") + "分局"
    for at in (k.start() for k in re.finditer(re.escape(tail), body)):
        head = body[max(0, at - 10):at]
        # the city written just before it (广州市), not the words that lead to it (按照广州市)
        cities = [n for _s, e, n in divisions().find(head) if e == len(head)
                  and any(c.kind in ("city", "province") for c in divisions().named(n))]
        if cities:
            return cities[-1] + tail
    return dept


def _settle_level(r: _Reading) -> None:
    """department for a department's report (named, or a 我局 placed by its site or body);
    else the level the body speaks as, when nothing set it (a zone's stays null)."""
    md = r.md
    if md.department or (r.self_level == "department" and r.place_src is not None
                         and r.place_src.source in ("site", "inferred")):
        md.level = "department"
    elif md.level is None and r.self_level and r.self_level != "department" and r.zone is None:
        md.level = r.self_level
        md.inferred.append("level")
    elif md.level is None and r.self_level == "department":
        md.level = "department"
        md.inferred.append("level")


def _county_of_unnamed_town(r: _Reading) -> None:
    """A township's or street's report that never names itself (我镇…) still names the county
    above it (在某区委、区政府的领导下), or sits on that county's portal: the record keeps the
    place unnamed and its county, city and province filled. The county is the one the host
    names that the body names too, else the host's one county, else the one county the body
    names."""
    md, context = r.md, r.context
    if md.jurisdiction is not None or md.level not in ("township", "street") or r.issuer or md.county \
            or context is None:
        return
    d = divisions()
    named: dict[str, Division] = {}
    for _s, _e, name in d.find(r.body):
        for c in d.named(name):
            if c.kind == "county" and not c.former:
                named[c.code] = c
    hosted = [c for c in context.host[0] if c.kind == "county"]
    both = [c for c in hosted if c.code in named]
    county = both[0] if len(both) == 1 else hosted[0] if len(hosted) == 1 else None
    if county is None and not hosted and len(named) == 1:
        county = next(iter(named.values()))
    if county is None:
        return
    md.county = county.name
    city, prov = d.city_of(county), d.province_of(county)
    md.city = city.name if city else None
    md.province = prov.name if prov else None
    md.inferred.append("county")
    md.evidence["county"] = {"source": "site" if county in hosted else "body", "text": county.name,
                             "start": None, "end": None}


def _settle_issuer(r: _Reading) -> None:
    """The issuer as named (with a party committee issuing with the government, both), or a
    place's government named after the jurisdiction when only places named it."""
    md, issuer = r.md, r.issuer
    if issuer and not (md.jurisdiction and md.level in _LEVEL_SUFFIX and only_places(issuer)):
        md.issuer = re.sub(r"\s+", "", issuer)
        joint = joint_issuer(r.wtitle) if r.wtitle and r.primary is not None and r.primary.source == "title" \
            else None
        if joint is not None and (joint.endswith("、" + md.issuer) and md.level != "department"
                                  or joint.startswith(md.issuer + "、") and md.level == "department"):
            # 中共某县委某县人民政府关于…: placed by the government, issued by both; 某县政府办某县司法局
            # 关于…: placed by the lead unit named first, issued by both
            md.issuer = joint
    elif md.jurisdiction and md.level in _LEVEL_SUFFIX:
        # the place as the text names it (成都市武侯区), else the jurisdiction, plus its government
        named = re.sub(r"\s+", "", issuer) if issuer else md.jurisdiction
        suffix = _LEVEL_SUFFIX[md.level]
        md.issuer = named + (suffix[2:] if suffix.startswith("街道") and named.endswith("街道") else suffix)
        md.inferred.append("issuer")


def _record_evidence(r: _Reading) -> None:
    """Where issuer, department, jurisdiction and level were read, and how far each is trusted."""
    md, primary, shown, place_src = r.md, r.primary, r.shown, r.place_src
    if primary is not None:
        for fld in ("issuer", "department"):
            if getattr(md, fld):
                _evidence(md, fld, primary.source, shown, primary.start, primary.end, primary.conf, primary.name)
                md.evidence[fld].update(start=primary.start, end=primary.end)
    # the body's 省生态环境厅 read as the department that the page's 发布机构 field names in full: the
    # page states it, and the documents do not call it inferred
    field, fs, fe = page_field(r.page_fields, "issuer")
    if not field and isinstance(r.doc_meta.get("issuer"), str):  # the field as an HTML page's metadata block gave it
        field, fs, fe = r.doc_meta["issuer"], None, None
    if md.department and field and re.sub(r"\s+", "", field) == md.department \
            and (md.evidence.get("department") or {}).get("source") not in ("title", "title_field", "issuer_field",
                                                                            "signature"):
        for fld in ("department", "issuer"):
            if fld == "department" or re.sub(r"\s+", "", md.issuer or "") in md.department:
                _evidence(md, fld, "issuer_field", shown, fs, fe, r.conf["issuer_field"], field)
                md.evidence[fld].update(start=fs, end=fe)
                if fld in md.inferred:
                    md.inferred.remove(fld)
    if md.jurisdiction and place_src is not None:
        c = place_src if r.place is not None else primary
        assert c is not None
        _evidence(md, "jurisdiction", c.source, shown, c.start, c.end, c.conf * (1.0 if r.place else 0.7), c.name)
        md.evidence["jurisdiction"].update(start=c.start, end=c.end)
    if md.level:
        inferred = r.conf["inferred"]
        lc = md.confidence.get("jurisdiction", inferred) if "level" not in md.inferred else inferred
        src = md.evidence.get("jurisdiction", {}).get("source", "inferred") if "level" not in md.inferred \
            else "inferred"
        md.evidence["level"] = {"source": src, "text": md.level, "start": None, "end": None}
        md.confidence["level"] = round(lc, 2)


def _read_report_year(r: _Reading) -> None:
    """The year reported on: the title's, else the body's (its dated opening, the year before its
    plans), the breadcrumb column's, or the year a repost announces."""
    md, work, bs, be = r.md, r.work, r.body_start, r.body_end
    y = title_year(r.wtitle) if r.wtitle else None
    src = "body"
    if y is None:
        by, plan = body_year(work, bs, be)
        if by is not None:
            y = by
        elif plan is not None:
            y = plan - 1
        elif (crumb := breadcrumb_year(r.shown, r.start, bs)) is not None:
            y = crumb
        elif (announced := announced_year(work, bs, be)) is not None:
            y = announced
        else:
            y, src = address_year(r.source), "address"  # a wiki mirror named after the title its text lost
        if y is not None:
            md.inferred.append("report_year")
    md.report_year = y
    if y is None:
        return
    if "report_year" in md.inferred:
        _evidence(md, "report_year", src, r.shown, None, None, r.conf["inferred"], str(y))
    else:
        te = md.evidence["title"]
        md.evidence["report_year"] = dict(te)
        md.confidence["report_year"] = md.confidence["title"]
