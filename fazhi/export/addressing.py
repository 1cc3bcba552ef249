"""Whom a 审查意见 addresses, and how sure the documents a unit receives may be of it.

A 审查意见 is the office's word to a unit: its title, its 主送 and its first sentence name the
unit and the year as facts. The analysis often has to infer them (a report without a title,
a department's report that names only "我局", a year read from the body's first sentence), and
the text it read may be cut off. The documents say so in those cases, in the phrasings of
fazhi/data/exports.toml, and address a unit only by a name that is a body, never by a title
fragment the analysis took for the issuer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..data import load
from ..data.labels import CJK

_GOV_LEVELS = ("province", "city", "county", "district", "township")


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return load("exports.toml")


def phrase(key: str, **fields: Any) -> str:
    return _rules()["phrases"][key].format(**fields)


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


def _is_body(name: Any) -> bool:
    """A name that can head a 主送 line: it ends like a body and holds no figure (a year, a date)."""
    return (isinstance(name, str) and bool(name.strip()) and not re.search(r"[0-9０-９]", name)
            and name.strip().endswith(tuple(_rules()["addressee"]["body_suffixes"])))


def _short_government(name: str | None) -> bool:
    """A government named the short way (永清县政府): a 主送 line gives its formal name (永清县人民政府)."""
    return bool(name) and name.strip().endswith("政府") and not name.strip().endswith("人民政府")


def _text(v: Any) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


def _stated(metadata: dict[str, Any], field: str) -> bool:
    src = ((metadata.get("evidence") or {}).get(field) or {}).get("source")
    return src in _rules()["provenance"]["stated"]


@dataclass(frozen=True)
class Addressing:
    unit: str | None          # the unit as the document's title and file name name it
    addressee: str | None     # the 主送 line
    unit_inferred: bool       # the unit was not stated by the report (title, labelled field, signature)
    year_inferred: bool

    def caveat(self, year: Any) -> str | None:
        """The sentence that says what was inferred, or None when the report stated both."""
        parts = []
        if self.unit_inferred and self.addressee:
            parts.append(phrase("inferred_unit", unit=self.addressee))
        if self.year_inferred and year:
            parts.append(phrase("inferred_year", year=year))
        return "；".join(parts) + "。" + phrase("inferred_end") if parts else None


def inferred(metadata: dict[str, Any] | None, level: str | None, has_department: bool) -> tuple[bool, bool]:
    """(unit inferred, year inferred) from a record's metadata evidence: a field is stated only by a
    source of exports.toml [provenance] stated. A record without evidence says nothing either way."""
    md = metadata or {}
    if "evidence" not in md:
        return False, False
    fields = (("department", "jurisdiction") if has_department else ("jurisdiction",)) if level == "department" \
        else ("jurisdiction",) if md.get("jurisdiction") else ("issuer",)
    return not all(_stated(md, f) for f in fields), not _stated(md, "report_year")


def addressing(rep: dict[str, Any], metadata: dict[str, Any] | None) -> Addressing:
    """The unit and 主送 of one report (a row of Corpus.reports) from its record's metadata."""
    md = metadata or {}
    level = _text(rep.get("level"))
    dept, place, issuer = _text(rep.get("department")), _text(rep.get("jurisdiction")), _text(rep.get("issuer"))
    if level == "department":
        if dept:
            unit, to = dept, dept
        elif place:  # a department's report whose department was not found: never the place's government
            unit = to = phrase("unknown_department", place=place)
        else:
            unit = to = issuer if _is_body(issuer) else None
    else:
        unit = place or (issuer if _is_body(issuer) else None)
        if _is_body(issuer) and not (place and level in _GOV_LEVELS and _short_government(issuer)):
            to = issuer
        elif place and (level in _GOV_LEVELS or level == "street"):
            to = government_body(place, level)
        else:
            to = unit
    unit_guess, year_guess = inferred(md, level, bool(dept))
    return Addressing(unit, to, bool(unit) and unit_guess, rep.get("report_year") is not None and year_guess)


def cut_off_tail(text: str | None) -> str | None:
    """The unfinished end of a text that stops in the middle of a sentence, else None.

    Its last line must be a paragraph whose tail after the last sentence end is long and holds
    a clause mark, or a long paragraph that stops on a character: a signature, a date or a
    page's footer line does not look like that."""
    if not text:
        return None
    rules = _rules()["cut_off"]
    last = text.rstrip().rsplit("\n", 1)[-1].strip()
    ends = [last.rfind(c) for c in rules["sentence_end"]]
    tail = last[max(ends) + 1:] if max(ends) >= 0 else last
    if not tail:
        return None
    unfinished = (len(tail) >= rules["min_tail"] and any(c in tail for c in rules["clause_marks"])) or (
        len(last) >= rules["min_line"] and len(tail) >= rules["min_line_tail"]
        and (CJK.fullmatch(tail[-1]) is not None or tail[-1] in rules["open_marks"]))
    return tail[-rules["shown_tail"]:] if unfinished else None
