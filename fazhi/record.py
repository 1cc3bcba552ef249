"""The one data model: what a reader produces and what every analyser annotates.

A `Document` is the text a reader extracted plus what the page or file said about
itself. A `Report` is that document annotated by the analysers (metadata, outline,
required contents, figures) and the checks (findings). Every span is a pair of
character offsets into `Document.text`, so every annotation can be highlighted in the
text as it was read; normalised views used for matching always have the same length.
`Report.to_dict()` is the analysis record of spec/output.md, the single format the CLI,
the corpus, the web app and the cluster exchange.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

RECORD_VERSION = 1

CONTENT_KEYS = ("measures", "shortcomings", "causes", "first_responsibility", "next_year_plan")
SEVERITIES = ("error", "warning", "info")

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(s: str) -> str:
    """`s` with every surrogate code point replaced by U+FFFD, so it encodes as UTF-8.

    A Python string can hold lone surrogates (a JSON body with "\\ud800", a file name that is
    not UTF-8); writing one to stdout, DuckDB or a web response raises. One for one, so the
    offsets of every annotation stay valid.
    """
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def finite(v: Any) -> Any:
    """A float that is NaN or infinite becomes None; anything else is returned unchanged."""
    return None if isinstance(v, float) and not math.isfinite(v) else v


def _finite_tree(obj: Any) -> Any:
    if isinstance(obj, float):
        return finite(obj)
    if isinstance(obj, dict):
        return {k: _finite_tree(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite_tree(v) for v in obj]
    return obj


def to_json(obj: Any, **kw: Any) -> str:
    """Strict JSON (RFC 8259): NaN and Infinity, which json.dumps writes by default and no
    other JSON reader accepts, become null. The fast path dumps once; only an object that
    holds a non-finite float is walked."""
    kw.setdefault("ensure_ascii", False)
    try:
        return json.dumps(obj, allow_nan=False, **kw)
    except ValueError:
        return json.dumps(_finite_tree(obj), allow_nan=False, **kw)


@dataclass
class Document:
    """Text extracted from one input, with what the source said about itself.

    `meta` holds the page's own fields (title, published, signed, issuer, doc_no,
    index_no, source_org, url, ...) as read from an HTML metadata table or a DOCX's core
    properties; the analysers prefer them to what they infer from the text.
    `hints` are outline hints from formats that carry structure (DOCX heading styles):
    dicts with start, end and level. `error` is set when the input could not be read.
    """

    source: str
    text: str = ""
    format: str = "text"
    sha256: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    hints: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    encoding: str | None = None
    pages: list[int] = field(default_factory=list)


@dataclass
class Section:
    """One heading of the outline and the span of text it governs."""

    title: str
    numeral: str | None
    level: int
    start: int
    end: int
    title_start: int = 0
    title_end: int = 0
    style: str = ""  # the numbering style: "一、", "(一)", "1.", "(1)", "①", "一是", "bare"
    number: int | None = None  # the numeral's value, None for an unnumbered heading
    implied_number: int | None = None  # for a heading that lost its numeral: the number it should have
    role: str | None = None  # measures | shortcomings | next_year_plan | first_responsibility | ...
    parent: int | None = None  # index of the enclosing section in the report's list (not in the record)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "numeral": self.numeral, "level": self.level,
                "start": self.start, "end": self.end, "style": self.style, "role": self.role}


@dataclass
class Content:
    """Whether one of the five required contents is present, and where it shows."""

    present: bool
    start: int | None = None
    end: int | None = None
    evidence: str | None = None  # why we say it is present (a short Chinese reason)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"present": self.present, "start": self.start, "end": self.end}
        if self.evidence:
            d["evidence"] = self.evidence
        return d


@dataclass
class Figure:
    """One quantity the report states, with the exact quote it came from."""

    value: float
    unit: str | None
    start: int
    end: int
    quote: str
    indicator: str | None = None
    approx: bool = False
    # count | rate | money | change | duration | other; numbers that are not figures of the work:
    # target | ranking | streak | context | frequency | previous (fazhi/data/figure_kinds.toml), never summed or checked
    kind: str = "count"
    value_high: float | None = None  # upper end of a range
    direction: str | None = None  # for a change: up | down
    refers_to: int | None = None  # for a change: index of the figure it changes
    total_marker: bool = False  # 共/共计/合计/累计 before it
    # for a part listed after its total (其中…) that counts the same thing: index of the total; the
    # part carries the total's indicator, and checks that pair one count per indicator skip it
    part_of: int | None = None
    quote_start: int = 0  # where the phrase that states the figure begins (its cue, or its clause)
    quote_end: int = 0  # where that phrase ends (the counted noun after a number: 112项行政执法权)

    def to_dict(self) -> dict[str, Any]:
        v: float | int | None = finite(self.value)
        if v is not None and float(v).is_integer():
            v = int(v)
        d: dict[str, Any] = {"indicator": self.indicator, "value": v, "unit": self.unit,
                             "approx": self.approx, "quote": self.quote,
                             "start": self.start, "end": self.end, "kind": self.kind}
        if self.value_high is not None:
            d["value_high"] = finite(self.value_high)
        if self.direction:
            d["direction"] = self.direction
        if self.refers_to is not None:
            d["refers_to"] = self.refers_to
        if self.part_of is not None:
            d["part_of"] = self.part_of
        return d


@dataclass
class Finding:
    """One problem, with the span of its evidence and the numbers behind it."""

    check: str
    severity: str
    message: str
    start: int | None = None
    end: int | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"check": self.check, "severity": self.severity, "message": self.message,
                             "start": self.start, "end": self.end}
        if self.data:
            d["data"] = self.data
        return d


@dataclass
class Metadata:
    title: str | None = None
    jurisdiction: str | None = None
    level: str | None = None
    department: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    division_code: str | None = None
    report_year: int | None = None
    published: str | None = None
    signed: str | None = None
    issuer: str | None = None
    doc_type: str = "report"  # report, a look-alike kind of doctypes.toml [kinds], or unknown
    # the host of the page when it is not the unit's own site (a mirror, a 范文 site, another place's
    # government reposting it): what the page shows is a copy, its date the copy's
    found_on: str | None = None
    title_span: tuple[int, int] | None = None
    inferred: list[str] = field(default_factory=list)  # fields inferred from the body, not stated
    # where each field was read: {"title": {"source": "title_field", "text": "标题:…", "start": 12, "end": 40}};
    # sources: title, title_field, issuer_field, source_field, index_no, signature, body, document, stamp, site, address, inferred
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)  # 0..1 per field, from the source's reliability

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("title_span")
        d["title_start"], d["title_end"] = (self.title_span or (None, None))
        return d


@dataclass
class Report:
    """A document and everything the analysers and checks found in it."""

    document: Document
    metadata: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    required_contents: dict[str, Content] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    score: dict[str, Any] = field(default_factory=lambda: {"total": None, "parts": {}})
    coverage: dict[str, Any] = field(default_factory=dict)
    # how the text may be incomplete (fazhi/understand/completeness.py): {"reasons": [...], ...}, empty when whole
    truncation: dict[str, Any] = field(default_factory=dict)
    # analysis state shared between stages (not part of the record)
    norm: str = ""  # normalised text, same length as document.text
    work: str = ""  # normalised text with boilerplate blanked, same length
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    body_start: int = 0
    body_end: int = 0
    enumerations: list[dict[str, Any]] = field(default_factory=list)
    regions: Any = None  # understand.contents.Regions: where measures, shortcomings and plans lie

    @property
    def text(self) -> str:
        return self.document.text

    def quote(self, start: int | None, end: int | None) -> str:
        if start is None or end is None:
            return ""
        return self.document.text[start:end]

    def line_of(self, offset: int | None) -> int | None:
        """1-based line number of an offset, for human output."""
        if offset is None:
            return None
        return self.document.text.count("\n", 0, offset) + 1

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        doc = self.document
        d: dict[str, Any] = {
            "source": doc.source,
            "sha256": doc.sha256,
            "format": doc.format,
        }
        if include_text:
            d["text"] = doc.text
        d["record_version"] = RECORD_VERSION
        d["metadata"] = self.metadata.to_dict() if not doc.error else {}
        d["sections"] = [s.to_dict() for s in self.sections]
        d["required_contents"] = {k: c.to_dict() for k, c in self.required_contents.items()}
        d["figures"] = [f.to_dict() for f in self.figures]
        d["findings"] = [f.to_dict() for f in self.findings]
        d["score"] = self.score
        if self.coverage:
            d["coverage"] = self.coverage
        if doc.meta:
            d["page_metadata"] = {k: v for k, v in doc.meta.items() if isinstance(v, (str, int, float, bool, type(None)))}
        d["chars"] = len(doc.text)
        # an extension of spec/output.md (docs/record.md): whether the text received may be cut off, and how
        d["truncated"] = bool(self.truncation)
        if self.truncation:
            d["truncation"] = self.truncation
        return d
