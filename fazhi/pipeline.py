"""The analysis pipeline: Document -> Report, one plain function per stage.

read -> normalise -> page furniture -> metadata -> outline -> required contents ->
figures -> indicators -> checks -> score. The CLI, the web app and a cluster worker all
call `analyze_document`; there is no second pipeline.
"""
from __future__ import annotations

import os
from typing import Iterable

from .checks import load_all as _load_checks
from .checks.registry import finding
from .checks.registry import run as run_checks
from .read import load
from .record import CONTENT_KEYS, Content, Document, Report, valid_text
from .scoring import coverage, default_rubric, score
from .settings import DEFAULT, ReadSettings
from .understand import attribution, completeness, contents, figures, indicators, outline, page
from .understand.normalize import normalize

_load_checks()


def analyze_document(doc: Document, select: set[str] | None = None, ignore: set[str] | None = None) -> Report:
    """Analyse one Document. Never raises on bad input: an unreadable one yields an `unreadable` finding."""
    doc.text, doc.source = valid_text(doc.text), valid_text(doc.source)
    if doc.error is not None:
        doc.error = valid_text(doc.error)
    # a manifest or a page's JSON can carry "\ud800" too: every stored string must encode
    doc.meta = {k: valid_text(v) if isinstance(v, str) else v for k, v in doc.meta.items()}
    report = Report(document=doc)
    if doc.error is None and not doc.text.strip():
        doc.error = "文件中没有可提取的文字（可能是空文件或扫描件）"
    if doc.error is not None:
        report.findings.append(finding("unreadable", reason=doc.error))
        report.required_contents = {}
        return report
    text = doc.text
    report.truncation = completeness.truncation(doc)
    report.norm = normalize(text)
    info = page.scan(report.norm)
    report.boilerplate = info.boilerplate
    report.work = work = page.blank(report.norm, info.boilerplate)
    md, body_start, body_end = attribution.extract(work, {k: v for k, v in info.fields.items()}, doc.meta, 0, len(work),
                                                text=text, source=doc.source)
    report.metadata = md
    report.body_start, report.body_end = body_start, body_end
    skip = [md.title_span] if md.title_span else []
    report.sections, report.enumerations = outline.parse(work, body_start, body_end, skip, doc.hints)
    heading_marks = [(s.start, s.title_start) for s in report.sections] + \
                    [(e["start"], e["end"]) for e in report.enumerations]
    masked = figures.mask(work, heading_marks)
    report.figures = figures.extract(work, body_start, body_end, masked)
    indicators.assign(work, report.figures, report.sections)
    if md.doc_type == "report":
        report.required_contents, report.regions = contents.find(work, report.sections, body_start, body_end,
                                                                 [f.start for f in report.figures
                                                                  if contents.is_concrete(f.kind)])
    else:
        report.required_contents = {k: Content(False) for k in CONTENT_KEYS}
    if md.doc_type == "report" and not report.truncation:
        # a text that ends on a full sentence may still be cut off: judged on its outline and contents
        found = report.required_contents
        closing = any(getattr(found.get(k), "present", False) for k in ("shortcomings", "next_year_plan"))
        report.truncation = completeness.truncation(doc, report.sections, closing)
    for f in report.figures:
        a = f.quote_start if f.end - f.quote_start <= 60 else f.start
        f.quote = text[a:max(f.end, f.quote_end)].strip()
    report.findings = run_checks(report, select, ignore)
    report.findings.sort(key=lambda f: (f.start if f.start is not None else -1))
    report.coverage = coverage(report)
    report.score = score(report, default_rubric())
    return report


def analyze_all(source: "str | os.PathLike[str] | bytes", settings: ReadSettings = DEFAULT,
                select: set[str] | None = None, ignore: set[str] | None = None) -> list[Report]:
    """Analyse every document a source holds (one for a file, several for an archive)."""
    return [analyze_document(d, select, ignore) for d in load(source, settings)]


def analyze(source: "str | os.PathLike[str] | bytes", settings: ReadSettings = DEFAULT,
            select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> Report:
    """Analyse one report file, URL or bytes. For an archive of several documents use `analyze_all`."""
    sel = set(select) if select is not None else None
    ign = set(ignore) if ignore is not None else None
    reports = analyze_all(source, settings, sel, ign)
    if len(reports) != 1:
        raise ValueError(f"{source!s} 包含 {len(reports)} 个文件，请使用 fazhi.analyze_all")
    return reports[0]


def analyze_text(text: str, source: str = "<text>", select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None) -> Report:
    """Analyse a report given as a string (offsets point into that string)."""
    import hashlib

    text = valid_text(text)
    doc = Document(source=source, text=text, format="text", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return analyze_document(doc, set(select) if select is not None else None, set(ignore) if ignore is not None else None)
