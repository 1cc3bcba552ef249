"""What a document is: a 法治政府建设年度报告, or one of the documents that look like one.

Sites publish, next to the reports, news of the meetings that discussed them, the plans
and notices they answer, other annual reports (政府信息公开, 政府工作报告), the 人大's
reports and papers about them. Analysing those as reports would fill a corpus with
false findings, so each document is classified before any content check runs.

No single phrase decides. Each kind of document has its own marks (a news lead, an
addressee list of subordinates, a plan's 总体要求, a disclosure report's fixed sections)
and a report has its own (报告如下, a unit's account of its own year, the superiors it
reports to, the parts the rules require). Every mark found adds its weight
(fazhi/data/doctypes.toml) to its kind; a look-alike kind wins only when it clearly
outweighs the report's marks, so a real report that mentions a meeting or a plan, or that
lost its title, stays a report.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..data import load as load_data
from .divisions import divisions
from .literals import WordIndex, finditer, openers, required_words
from .page import iter_lines

_SENTENCE = re.compile(r"[。,;!?]")
# a numbered heading of the text (一、/（二）/3.) is no headline of the page
_NUMBERED = re.compile(r"\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])")
# a line ending in a colon that opens the text rather than naming whom it is sent to
_NOT_ADDRESSEE = re.compile(r"[。;]|如下|以下")
# pinyin glosses a page set after each character (学(xué)习(xí)) hide the words marks look for
_GLOSS = re.compile(r"\([a-z\u00e0-\u024f]{1,7}\)")
# an edition or a status after a title (…指标体系(2021年版), …办法(试行), …(征求意见稿)) hides the
# word the title's form ends with; a title no rule knows is tried again without it
_EDITION = re.compile(r"[(（][^()（）]{1,16}[)）]$")
# a site's name glued after a title (…工作安排-某某网, …报告_某某门户): a title no rule knows is
# tried again without it
_SITE_SUFFIX = re.compile(r"\s*[-_|｜–—]{1,2}\s*[^-_|｜–—]{2,30}$")
# the longest title read from heading lines joined (a longer join is a heading and more)
_JOINED_TITLE = 60
REGIONS = ("title", "lines", "addressee", "start", "head", "body", "text", "source")


@dataclass(frozen=True)
class _Signal:
    kind: str
    weight: float
    where: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...]
    count: int  # distinct matches counted, each with the full weight
    least: int  # distinct matches needed for the mark to count at all
    words: frozenset[str] | None = None  # words one of which every match holds (literals.required_words)
    needs_words: frozenset[str] | None = None  # `needs` as a set, tested like `words`
    opener: re.Pattern[str] | None = None  # finds where a match can begin (literals.openers)
    unnamed: bool = False  # counts only on a page that names no unit of its own (see _names_unit)
    corroborates: bool = False  # a mark of the site, not the text: see scores()
    # a title that says what the text is outright, against which the mark does not count (a
    # county's 年度法治政府建设情况的报告 that calls its account a 自查 for the inspectors who asked)
    not_under_title: re.Pattern[str] | None = None
    # kinds beside a mark of which alone this mark counts (a report's own voice after a news lead)
    beside: frozenset[str] = frozenset()
    beside_least: float = 0.0  # the score those kinds must reach (a news lead's own form, not a passing 今年以来)


@dataclass(frozen=True)
class _Refine:
    kind: str
    to: str
    where: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Rules:
    titles: list[tuple[str, re.Pattern[str], float]]
    signals: list[_Signal]
    refines: list[_Refine]
    catch: float
    margin: float
    others_share: float
    unmarked_catch: float
    unmarked_margin: float
    weak: float
    line_share: float
    head: int
    body: int
    subject: re.Pattern[str]
    off_subject_least: int
    untyped: tuple[str, float, re.Pattern[str]]
    unit_before_place: re.Pattern[str]
    unit_after_place: re.Pattern[str]
    named_body: re.Pattern[str]
    generic_places: frozenset[str]
    tail: int
    field_line: re.Pattern[str]
    menu_line: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_data("doctypes.toml")
    dec = data["decision"]
    titles = [(r["type"], re.compile(r["pattern"]), float(r.get("weight", dec["title_weight"])))
              for r in data["title_rule"]]
    signals = []
    for r in data["signal"]:
        if r["where"] not in REGIONS:
            raise ValueError(f"doctypes.toml: unknown region {r['where']!r} in a signal of {r['kind']}")
        pattern = re.compile(r["pattern"], re.M)
        needs = tuple(r.get("needs", ()))
        signals.append(_Signal(r["kind"], float(r["weight"]), r["where"], pattern,
                               needs, int(r.get("count", 1)),
                               int(r.get("least", 1)), required_words(pattern),
                               frozenset(needs) if needs else None, openers(pattern),
                               bool(r.get("unnamed", False)), bool(r.get("corroborates", False)),
                               re.compile(r["not_under_title"]) if "not_under_title" in r else None,
                               frozenset(r.get("beside", ())), float(r.get("beside_least", 0.0))))
    refines = [_Refine(r["kind"], r["to"], r["where"], re.compile(r["pattern"], re.M)) for r in data.get("refine", [])]
    return _Rules(titles, signals, refines, float(dec["catch"]), float(dec["margin"]),
                  float(dec["others_share"]), float(dec["unmarked_catch"]), float(dec["unmarked_margin"]), float(dec["weak"]),
                  float(dec["line_share"]), int(dec["head_chars"]),
                  int(dec["body_chars"]), re.compile(dec["subject"]), int(dec["off_subject_least"]),
                  (dec["untyped_title"]["kind"], float(dec["untyped_title"]["weight"]),
                   re.compile(dec["untyped_title"]["unless"])),
                  re.compile(data["named_unit"]["before_place"]), re.compile(data["named_unit"]["after_place"]), re.compile(data["named_unit"]["named_body"]),
                  frozenset(data["named_unit"]["generic_places"]), int(data["named_unit"]["tail_chars"]),
                  re.compile(dec["field_line"]), re.compile(dec["menu_line"]))


@lru_cache(maxsize=1)
def _word_index() -> dict[str, WordIndex]:
    """Per region, the words of every signal's screens: one pass over a region tells which
    of them it holds, instead of one search per signal (see literals.WordIndex)."""
    words: dict[str, set[str]] = {region: set() for region in REGIONS}
    for sig in _rules().signals:
        words[sig.where].update(sig.words or ())
        words[sig.where].update(sig.needs_words or ())
    return {region: WordIndex(ws) for region, ws in words.items()}


def classify_title(title: str) -> str:
    """The kind a title names by its form (…情况的报告, …工作要点, …的通知), or "unknown"."""
    return _title_rule(title)[0]


def _title_rule(title: str) -> tuple[str, float]:
    t = _GLOSS.sub("", re.sub(r"\s+", "", title))
    forms = [t]
    for bare in (_EDITION.sub("", t), _SITE_SUFFIX.sub("", t)):
        if bare and bare not in forms:
            forms.append(bare)
    for form in forms:
        for kind, pat, weight in _rules().titles:
            if pat.search(form):
                return kind, weight
    return "unknown", 0.0


def _heading_candidates(lines: str) -> list[str]:
    """The heading lines above the body, as titles to try: first the last lines joined (a title
    broken over two or three lines names its form only at its end, 某市…推进法治建设 /
    第一责任人职责清单), then each line alone as before."""
    rows = [row for row in lines.splitlines() if row]
    joined = ["".join(rows[-k:]) for k in range(min(3, len(rows)), 1, -1)
              if len("".join(rows[-k:])) <= _JOINED_TITLE]
    return joined + rows


def _regions(title: str | None, work: str, body_start: int, end: int, rules: _Rules,
             source: str | None = None) -> dict[str, tuple[str, int]]:
    """Each region's text and where it starts in `work` (title and source: -1, they come from
    page fields; the working view has the furniture lines blanked)."""
    addressee, addr_at = "", -1
    before = [(s, line) for s, _e, line in iter_lines(work[max(0, body_start - 200):body_start]) if line.strip()]
    if before and before[-1][1].rstrip().endswith(":"):
        addr_at = max(0, body_start - 200) + before[-1][0]
        addressee = before[-1][1]
    # the short lines above the first paragraph (a heading the title finder did not take),
    # the addressee line among them, and the first paragraph itself
    short: list[tuple[str, int]] = []
    para: tuple[str, int] | None = None
    for s, _e, line in iter_lines(work):
        if s < body_start or not line.strip():
            continue
        if s >= end or s > body_start + 2 * rules.head:
            break
        text = line.strip()
        if text.endswith(":") and len(text) <= 200 and not addressee and not _NOT_ADDRESSEE.search(text):
            addressee, addr_at = line, s
            continue
        if len(text) >= 30 and (_SENTENCE.search(text) or len(text) > 80 or not short):
            para = (line, s)
            break
        short.append((line, s))
    first = short[:1] if short else []
    starts = first + ([para] if para else [])
    text_tail_at = max(2000, end - 1000)
    regions = {
        "title": (re.sub(r"\s+", "", title) if title else "", -1),
        "lines": ("\n".join(re.sub(r"\s+", "", line) for line, _s in short[-4:]
                             if not _SENTENCE.search(line) and not _NUMBERED.match(line)
                             and not _furniture(line, rules)), -1),
        "addressee": (addressee, addr_at),
        "start": ("\n".join(line for line, _s in starts), starts[0][1] if starts else body_start),
        "head": (work[body_start:min(end, body_start + rules.head)], body_start),
        "body": (work[body_start:min(end, body_start + rules.body)], body_start),
        "text": (work[:min(end, 2000)] + ("\n" + work[text_tail_at:end] if end > 2000 else ""), 0),
        "source": (re.sub(r"\s+", "", source) if source else "", -1),
    }
    if _GLOSS.search(regions["head"][0]):
        regions = {k: (_GLOSS.sub("", v), -1) for k, (v, _at) in regions.items()}
    return regions


def _furniture(line: str, rules: _Rules) -> bool:
    """A line of the page's furniture: a labelled field (稿源：某晚报) or the site's menu."""
    return bool(rules.field_line.match(line) or rules.menu_line.match(line))


def _past_field_lines(work: str, body_start: int, end: int, rules: _Rules) -> int:
    """Where the body starts once the furniture lines the page reader left above it are passed
    (稿源：某晚报, 作者：某某, 首页 | 政务公开 | 互动交流): the opening that the report's marks look
    for comes after them."""
    for s, e, line in iter_lines(work[body_start:end]):
        if line.strip() and not _furniture(line, rules):
            return body_start + s
    return body_start


def _names_unit(title: str | None, work: str, body_start: int, end: int, rules: _Rules) -> bool:
    """Whether the text names the unit it speaks for (棠阴镇人民政府, 陇县2019年…, 某某县司法局 in
    the signature, 生态环境部坚持…), in its title, its opening or its last lines.

    A 范文 or document-sharing site frames what it carries (小编为大家整理, 由会员分享, 下载后查看).
    Around a named unit's complete report that frame is a mirror's furniture: the report is
    still that unit's report. Around a text that names nobody (我县, 县司法局, with no place)
    it is a sample to copy, and the frame is what shows it. Placeholders (xx县, 某县, *区) and a
    collection of several samples are marks of their own and count whatever the page names."""
    squashed = re.sub(r"\s+", "", title) if title else ""
    head = work[body_start:min(end, body_start + rules.head)]
    tail = work[max(body_start + rules.head, end - rules.tail):end]
    found = divisions()
    for text in (squashed, head, tail):
        if not text:
            continue
        if rules.named_body.search(text):
            return True
        for s, e, name in found.find(text):
            if name not in rules.generic_places and rules.unit_before_place.search(text, max(0, s - 8), s) \
                    and rules.unit_after_place.match(text, e):
                return True
    return False


def _offset(region: str, base: int, text: str, m: re.Match[str], work: str) -> tuple[int | None, int | None]:
    """Where a match in a region sits in the working text (None for the title and joined lines)."""
    if base < 0:
        return None, None
    if region in ("head", "body", "addressee") or region == "text" and m.start() < 2000:
        return base + m.start(), base + m.end()
    at = work.find(m.group(0), base)
    return (at, at + len(m.group(0))) if at >= 0 else (None, None)


def scores(title: str | None, work: str, body_start: int, end: int,
           source: str | None = None) -> tuple[dict[str, float], dict[str, dict]]:
    """Every kind's score, and for each kind the heaviest mark found for it (its evidence)."""
    rules = _rules()
    regions = _regions(title, work, body_start, end, rules, source)
    score: dict[str, float] = defaultdict(float)
    best: dict[str, tuple[float, dict]] = {}
    if title:
        kind, weight = _title_rule(title)
        if kind == "unknown" and not rules.untyped[2].search(title):  # a headline in no form a report's title takes
            kind, weight = rules.untyped[:2]
        if weight > 0:
            score[kind] += weight
            best[kind] = (weight, {"source": "title", "text": title, "start": None, "end": None})
    else:  # a heading line the title finder passed over counts for less: it may be the site's
        for line in _heading_candidates(regions["lines"][0]):
            kind, weight = _title_rule(line)
            if kind != "unknown":
                score[kind] += weight * rules.line_share
                best.setdefault(kind, (weight * rules.line_share,
                                       {"source": "body", "text": line, "start": None, "end": None}))
                break
    named: list[bool] = []  # computed on the first mark that asks
    index = _word_index()
    held: dict[str, frozenset[str]] = {}  # per region, the screens' words it holds
    site_marks: list[tuple[_Signal, list[re.Match[str]], str, int]] = []
    for sig in rules.signals:
        text, base = regions[sig.where]
        if not text or title and sig.not_under_title is not None and sig.not_under_title.search(title):
            continue
        if sig.words is not None or sig.needs_words is not None:
            present = held.get(sig.where)
            if present is None:
                present = held[sig.where] = index[sig.where].found(text)
            if sig.needs_words is not None and sig.needs_words.isdisjoint(present) \
                    or sig.words is not None and sig.words.isdisjoint(present):
                continue
        found: list[re.Match[str]] = []
        seen: set[str] = set()
        for m in finditer(sig.pattern, text, sig.opener):
            if m.group(0) not in seen:
                seen.add(m.group(0))
                found.append(m)
                if len(found) >= max(sig.count, sig.least):
                    break
        if len(found) < sig.least:
            continue
        if sig.unnamed:
            if not named:
                named.append(_names_unit(title, work, body_start, end, rules))
            if named[0]:
                continue
        found = found[:sig.count]
        if sig.corroborates or sig.beside:
            site_marks.append((sig, found, text, base))
            continue
        _add(score, best, sig, found, text, base, work)
    # A mark of the site that carries the text (a newspaper named as the 来源) tells what the site
    # publishes, not what the text is: it adds to a kind the text itself shows a mark of, or to any
    # kind when the text shows no mark of a report. A report reposted by a newspaper's site, which
    # tells its own year's work in its own parts, stays a report.
    for sig, found, text, base in site_marks:
        if sig.corroborates and (score.get(sig.kind, 0.0) > 0 or score.get("report", 0.0) <= 0):
            _add(score, best, sig, found, text, base, work)
    # A mark that tells what a text is only beside another kind's (a report's own voice, 现将…报告如下,
    # after a news lead: the news item carries the report itself) counts once that kind is marked.
    for sig, found, text, base in site_marks:
        if sig.beside and any(score.get(k, 0.0) >= max(sig.beside_least, 1e-9) for k in sig.beside):
            _add(score, best, sig, found, text, base, work)
    return dict(score), {k: v[1] for k, v in best.items()}


def _add(score: dict[str, float], best: dict[str, tuple[float, dict]], sig: _Signal,
         found: list[re.Match[str]], text: str, base: int, work: str) -> None:
    """Count a mark's matches for its kind and keep the heaviest as the kind's evidence."""
    score[sig.kind] += sig.weight * len(found)
    if sig.kind not in best or best[sig.kind][0] < sig.weight:
        m = found[0]
        start, stop = _offset(sig.where, base, text, m, work)
        best[sig.kind] = (sig.weight, {"source": sig.where if sig.where in ("title", "source") else "body",
                                       "text": m.group(0).strip(), "start": start, "end": stop})


def detect_kind(title: str | None, work: str, body_start: int, end: int,
                source: str | None = None) -> tuple[str, dict | None]:
    """What the document is, and the words that show it when it is not a report.

    `source` is the page's 来源 field (a newspaper there marks a news page).

    The look-alike kind with the highest score is the answer when it reaches the
    `catch` score and leads the report's own score by `margin`; otherwise the document
    is a report when anything marks it as one, or when it has a title and speaks of the
    subject. An untitled page with no mark of a report at all (no 报告如下, no year of
    its own work, no first person, no required part) is not taken for one: "unknown". A text
    whose title and opening never name the subject is no report either (_off_subject).
    """
    rules = _rules()
    body_start = _past_field_lines(work, body_start, end, rules)
    score, evidence = scores(title, work, body_start, end, source)
    report = score.pop("report", 0.0)
    kind, best = max(score.items(), key=lambda kv: kv[1], default=("unknown", 0.0))
    against = best + rules.others_share * (sum(score.values()) - best)
    catch, margin = (rules.unmarked_catch, rules.unmarked_margin) if report <= rules.weak and not title else \
        (rules.catch, rules.margin)
    if best >= catch and against - report >= margin:
        return _refined(kind, title, work, body_start, end, rules, source), evidence.get(kind)
    off_subject = _off_subject(title, work, body_start, end, rules)
    if off_subject is not None:
        return ("other_summary" if report > 0 else "unknown"), off_subject
    if report > 0 or title and rules.subject.search(work, body_start, min(end, body_start + rules.body)):
        return "report", None
    if best > 0:
        return _refined(kind, title, work, body_start, end, rules, source), evidence.get(kind)
    return "unknown", None


def _off_subject(title: str | None, work: str, body_start: int, end: int, rules: _Rules) -> dict | None:
    """The opening of a text that never names the rule of law, when it is long enough to have.

    Every annual report names its subject (法治, 依法行政, 行政执法 …) in its title or in its first
    paragraphs; a summary of a unit's other work (垃圾分类, 公路建设) does not, whatever first person
    and year it shows. None when the subject is named or the opening is too short to tell."""
    head = work[body_start:min(end, body_start + rules.head)]
    if len(re.sub(r"\s+", "", head)) < rules.off_subject_least or title and rules.subject.search(title) \
            or rules.subject.search(head):
        return None
    first = next((line.strip() for line in head.splitlines() if line.strip()), "")
    at = work.find(first, body_start)
    return {"source": "body", "text": first[:40], "start": at if at >= 0 else None,
            "end": at + len(first[:40]) if at >= 0 else None}


def _refined(kind: str, title: str | None, work: str, body_start: int, end: int, rules: _Rules,
             source: str | None) -> str:
    """A narrower kind when its mark is there (a news item about a meeting is 会议新闻)."""
    regions = None
    for r in rules.refines:
        if r.kind != kind:
            continue
        if regions is None:
            regions = _regions(title, work, body_start, end, rules, source)
        if r.pattern.search(regions[r.where][0]):
            return r.to
    return kind
