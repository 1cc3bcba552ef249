"""Whom a 审查意见 addresses, and how sure the documents a unit receives may be of it.

A 审查意见 is the office's word to a unit: its title, its 主送 and its first sentence name the
unit and the year as facts. The analysis often has to infer them (a report without a title,
a department's report that names only "我局", a year read from the body's first sentence), and
the text it read may be cut off. The documents say so in those cases, in the phrasings of
fazhi/data/exports.toml, and address a unit only by a name that is a body, never by a title
fragment the analysis took for the issuer.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..data import load

_GOV_LEVELS = ("province", "city", "county", "district", "township")


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return load("exports.toml")


def notice_labels() -> dict[str, str]:
    """check id -> how the 通报 names the check's units where its name is a topic (exports.toml)."""
    return dict(_rules().get("notice_labels", {}))


def dated_checks() -> list[str]:
    """The checks whose findings rest on the publication date (exports.toml [dated]): where that
    date was inferred the 通报 says so beside the unit."""
    return list(_rules().get("dated", {}).get("checks", []))


def phrase(key: str, **fields: Any) -> str:
    return _rules()["phrases"][key].format(**fields)


def as_received(message: str) -> str:
    """A finding's message as said of a text that may be cut off: a required part said to be missing
    from the report (报告未写明…) is said not to be in the text received (所收到的报告文本中未见…), since
    the shortcomings and the plan come last and the part not received may hold them."""
    said = phrase("missing_said")
    return phrase("missing_received") + message[len(said):] if message.startswith(said) else message


def government_body(place: str, level: str | None) -> str:
    """The body that signs for a place: a township's 人民政府, a street's 办事处; a department, or a
    place that is a body by name (某开发区管委会), as written."""
    a = _rules()["addressee"]
    place = place.strip()
    if level == "department" or place.endswith(tuple(a["government_suffixes"])):
        return place
    if level == "street":
        return place + ("办事处" if place.endswith(a["street_suffix"]) else a["street_suffix"] + "办事处")
    return place + "人民政府"


def place_of(province: str | None, city: str | None, county: str | None, jurisdiction: str | None,
             level: str | None) -> str:
    """Where a unit is, as 所在地 shows it: the divisions above it, and a department's own place
    (华容县司法局 is in 湖南省岳阳市华容县, not in 湖南省岳阳市, as a county's bureau has no `county`)."""
    parts = [p for p in (province, city, county) if p]
    if level == "department" and jurisdiction and jurisdiction not in parts:
        parts.append(jurisdiction)
    return "".join(dict.fromkeys(parts))


def _is_body(name: Any) -> bool:
    """A name that can head a 主送 line: it ends like a body and holds no figure (a year, a date)."""
    return (isinstance(name, str) and bool(name.strip()) and not re.search(r"[0-9０-９]", name)
            and name.strip().endswith(tuple(_rules()["addressee"]["body_suffixes"])))


def _short_government(name: str | None) -> bool:
    """A government named the short way (永清县政府): a 主送 line gives its formal name (永清县人民政府)."""
    return bool(name) and name.strip().endswith("政府") and not name.strip().endswith("人民政府")


def _text(v: Any) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


@dataclass(frozen=True)
class Addressing:
    unit: str | None          # the unit as the document's title and file name name it
    addressee: str | None     # the 主送 line; None: left blank to fill in by hand
    unit_inferred: bool       # the unit was not stated by the report (title, labelled field, signature)
    year_inferred: bool
    published_inferred: bool = False  # the publication date was read from an unlabelled date on the page
    found_on: str | None = None  # the host of a copy found on a site that is not the unit's own

    def caveat(self, year: Any, published: str | None = None) -> str | None:
        """The sentence that says what was inferred, or None when the report stated all of it;
        `published` the publication date as the document writes it (2024年4月1日)."""
        parts = []
        name = self.addressee or self.unit
        unit, year_guess = self.unit_inferred and name, self.year_inferred and year
        if unit and year_guess:  # one sentence for both, not the same clause twice
            parts.append(phrase("inferred_unit_year", unit=name, year=year))
        elif unit:
            parts.append(phrase("inferred_unit", unit=name))
        elif year_guess:
            parts.append(phrase("inferred_year", year=year))
        if self.published_inferred and published:
            parts.append(phrase("inferred_published", date=published))
        return "；".join(parts) + "。" + phrase("inferred_end") if parts else None


def inferred(fields: Any, level: str | None, has_department: bool, has_jurisdiction: bool) -> tuple[bool, bool]:
    """(unit inferred, year inferred) from the fields a record's document did not state (the
    corpus's `records.inferred`, fazhi/understand/completeness.py `inferred_fields`): the unit is
    inferred when a field that names it is (a department and its place for a department's report,
    the place, else the issuer)."""
    fields = _fields(fields)
    names = (("department", "jurisdiction") if has_department else ("jurisdiction",)) if level == "department" \
        else ("jurisdiction",) if has_jurisdiction else ("issuer",)
    return bool(fields & set(names)), "report_year" in fields


def addressing(rep: dict[str, Any]) -> Addressing:
    """The unit and 主送 of one report (a row of Corpus.reports, with the fields its document did not
    state in `inferred`)."""
    level = _text(rep.get("level"))
    dept, place, issuer = _text(rep.get("department")), _text(rep.get("jurisdiction")), _text(rep.get("issuer"))
    if level == "department":
        if dept:
            unit, to = dept, dept
        elif place:  # a department's report whose department was not found: never the place's government,
            # nor the place as if it were the department: the 主送 is left blank to fill in by hand
            unit, to = phrase("unknown_department", place=place), None
        else:
            unit = to = issuer if _is_body(issuer) else None
    else:
        unit = place or (issuer if _is_body(issuer) else None)
        if _is_body(issuer) and not (place and level in _GOV_LEVELS and _short_government(issuer)):
            to = issuer
        elif place and (level in _GOV_LEVELS or level == "street"):
            to = government_body(place, level)
        elif place and level is None and place.endswith(tuple(_rules()["addressee"]["zone_suffixes"])):
            to = place + _rules()["addressee"]["zone_body"]  # a zone's body, not the bare place
        else:
            to = unit
    unit_guess, year_guess = inferred(rep.get("inferred"), level, bool(dept), bool(place))
    published_guess = "published" in _fields(rep.get("inferred")) and _known(rep.get("published"))
    return Addressing(unit, to, bool(unit) and unit_guess, _known(rep.get("report_year")) and year_guess,
                      published_guess, _text(rep.get("found_on")))


def _fields(v: Any) -> set[str]:
    """The `inferred` column of a report row as a set (DuckDB hands a list as a list or an array)."""
    if v is None or isinstance(v, float):
        return set()
    return {v} if isinstance(v, str) else set(v)


def _known(v: Any) -> bool:
    """A value a report row holds (pandas hands a missing one as None, NaN or NaT)."""
    return v is not None and not (isinstance(v, float) and v != v) and str(v) != "NaT"


def truncation(rep: dict[str, Any]) -> dict[str, Any]:
    """A report row's `truncation` (stored as JSON text by the corpus) as a dict, {} when the text is whole."""
    v = rep.get("truncation")
    if isinstance(v, str) and v:
        return json.loads(v)
    return v if isinstance(v, dict) else {}


def incomplete(trunc: dict[str, Any]) -> str | None:
    """How the text received may be incomplete, in the words of exports.toml [truncation]
    (在“……并将评查结果纳入”处中断；有2页未能读取), or None when it is whole."""
    words = _rules()["truncation"]
    parts = [words[r].format(tail=trunc.get("tail", ""), chars=trunc.get("chars", ""), pages=trunc.get("pages", ""))
             for r in trunc.get("reasons") or [] if r in words]
    return "，".join(parts) or None
