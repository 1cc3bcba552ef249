"""Whether the text of a document is whole, and which of its metadata the document stated.

Both travel in the analysis record so that nothing downstream re-derives them: a text that
stops in the middle of a sentence, that the reader cut at its size limit, or whose pages
could not all be read may hold the part a check calls missing; a unit or a year that the
report never states (a place guessed from the site's address, a year from the body's first
sentence) must not be written into a notice as a fact. The rules are in
fazhi/data/completeness.toml.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..data import load
from ..data.labels import CJK
from ..record import Document
from .excerpt import widen_start

REASONS = ("mid_sentence", "first_part_only", "read_limit", "pages_unread")


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return load("completeness.toml")


@lru_cache(maxsize=1)
def _item_opener() -> re.Pattern[str]:
    return re.compile(_rules()["cut_off"]["item_opener"])


@lru_cache(maxsize=1)
def _heading_line() -> re.Pattern[str]:
    return re.compile(_rules()["cut_off"]["heading_line"])


def cut_off_tail(text: str | None) -> str | None:
    """The unfinished end of a text that stops in the middle of a sentence, else None.

    Its last line must be a paragraph whose tail after the last sentence end is long and holds
    a clause mark, or a long paragraph that stops on a character, or a sentence that is only a
    heading's number or has only begun an item (一是严格落实), or a part's heading line left without
    its sentence end, or a sentence that opened a title or a quotation and stops before closing it:
    a signature, a date or a page's footer line does not look like that."""
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
        and (CJK.fullmatch(tail[-1]) is not None or tail[-1] in rules["open_marks"])) or (
        _item_opener().match(tail.strip()) is not None) or (
        _heading_line().match(last) is not None and tail[-1] not in rules["sentence_end"]) or any(
        tail.rfind(o) > tail.rfind(c) for o, c in rules["tail_pairs"])
    return tail[widen_start(tail, max(0, len(tail) - rules["shown_tail"]), len(tail)):] if unfinished else None


def _count(v: Any) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) and v > 0 else 0


def stops_in_first_part(text: str, sections: list[Any], closing_found: bool) -> str | None:
    """The last characters of a text cut off after a full sentence while still in its first part,
    else None. A page shown only in part often stops on a sentence end: the cut is still evident
    when the report's numbered parts never get past the first (一、 with no 二、: a list of one is
    not a list), none of the closing parts (shortcomings, next year's plan) was found and the text
    ends on that sentence, with no signature, date or page footer after it. A whole short report
    either numbers more than one part, or states its closing parts, or ends on a signature."""
    rules = _rules()["cut_off"]
    last = text.rstrip().rsplit("\n", 1)[-1].strip()
    if closing_found or not last or last[-1] not in rules["sentence_end"]:
        return None
    styles = rules["part_styles"]
    numbered = [s for s in sections if getattr(s, "style", None) in styles and getattr(s, "number", None)]
    if not numbered:
        return None
    top = min(s.level for s in numbered)
    parts = [s for s in numbered if s.level == top]
    if len(parts) != 1 or parts[0].number != 1 or len(text.rstrip()) - parts[0].start < rules["min_part"]:
        return None
    return last[widen_start(last, max(0, len(last) - rules["shown_tail"]), len(last)):]


def truncation(doc: Document, sections: list[Any] | None = None, closing_found: bool = True) -> dict[str, Any]:
    """The record's `truncation` of a readable document: {"reasons": [...], and per reason its
    detail: "tail" (mid_sentence, first_part_only), "chars" (read_limit: the characters kept), "pages"
    (pages_unread: pages skipped beyond the page limit, without a text layer and not recognised,
    or damaged)}; empty when the text is whole as far as can be told. `sections` (the outline) and
    `closing_found` (whether the shortcomings or the plan was found) tell a text cut after a full
    sentence inside its first part (`stops_in_first_part`); without them only the sentence is read."""
    out: dict[str, Any] = {"reasons": []}
    tail = cut_off_tail(doc.text)
    if tail:
        out["reasons"].append("mid_sentence")
        out["tail"] = tail
    elif sections and (tail := stops_in_first_part(doc.text, sections, closing_found)):
        out["reasons"].append("first_part_only")
        out["tail"] = tail
    if doc.meta.get("truncated"):
        out["reasons"].append("read_limit")
        out["chars"] = len(doc.text)
    # a page the PDF reader could not open at all (a page too large to recognise is also among
    # pages_without_text, and is counted there)
    damaged = str(doc.meta.get("page_errors") or "").count(_rules()["pages"]["damaged_mark"])
    pages = _count(doc.meta.get("pages_skipped")) + _count(doc.meta.get("pages_without_text")) + damaged
    if pages:
        out["reasons"].append("pages_unread")
        out["pages"] = pages
    return out if out["reasons"] else {}


def of_record(record: dict[str, Any], text: str | None = None, page_meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """A record's `truncation`: as it says, or, for a record written before it said (an older corpus, a
    dataset of an older batch job), judged now on its text (the record's own, or `text`) and page
    metadata; {} when there is no text to judge."""
    if "truncated" in record:
        return record.get("truncation") or {}
    text = record.get("text") if text is None else text
    if not text:
        return {}
    meta = record.get("page_metadata") if page_meta is None else page_meta
    return truncation(Document(source=record.get("source") or "", text=text, meta=meta or {}))


def _stated(metadata: dict[str, Any], field: str) -> bool:
    src = ((metadata.get("evidence") or {}).get(field) or {}).get("source")
    return src in _rules()["provenance"]["stated"]


def inferred_fields(metadata: dict[str, Any] | None) -> list[str]:
    """The fields of a record's metadata that hold a value the document did not state, in the
    order of completeness.toml [provenance] fields. A record without evidence (written before
    evidence was kept) says nothing either way: []."""
    md = metadata or {}
    if "evidence" not in md:
        return []
    listed = set(md.get("inferred") or [])
    return [f for f in _rules()["provenance"]["fields"]
            if md.get(f) not in (None, "") and (f in listed or not _stated(md, f))]
