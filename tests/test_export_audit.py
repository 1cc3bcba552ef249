"""What the Word documents say about a report, sentence by sentence, held against the report's text.

Each test writes its own short reports, stores them in a real corpus and reads the DOCX back.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import fazhi
from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus
from fazhi.export import export

from .test_checks import MEASURES, build
from .test_export_truth import _texts


def _corpus(tmp_path: Path, reports: dict[str, str]) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for name, text in reports.items():
        (d / name).write_text(text, "utf-8")
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(d)], workers=1)
    return db


def test_a_notice_on_a_year_whose_reports_have_no_problems(tmp_path: Path) -> None:
    """Without a unit list, a year whose only report has nothing to state is a notice that says so
    (choosing none of no findings once selected no columns and failed)."""
    db = _corpus(tmp_path, {"clean.txt": build()})
    with Corpus(db) as c:
        (out,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办")
    text = "\n".join(_texts(out))
    assert "未发现需要通报的问题" in text and "工作要求" in text


# -- an earlier year's figure is not this year's ------------------------------------------------

def _figs(sentence: str) -> list:
    """The figures of `sentence`, added at the end of a clean report's measures."""
    r = fazhi.analyze_text(build(measures=MEASURES + sentence + "\n"))
    return [f for f in r.figures if f.start >= r.document.text.find(sentence)]


@pytest.mark.parametrize("sentence,now", [
    ("全年行政应诉案件由上年的58件减少到47件。", 47),
    ("当年行政应诉案件从去年同期的58件增至63件。", 63),
    ("上年度行政应诉案件58件，本年度行政应诉案件63件。", 63),
])
def test_last_years_count_in_a_comparison_is_not_this_years(sentence: str, now: int) -> None:
    """58 is last year's number, stated to compare with: it gets no indicator and no check reads it;
    this year's count keeps the indicator."""
    figs = _figs(sentence)
    (old,) = [f for f in figs if f.value == 58]
    assert old.kind == "previous" and old.indicator is None
    (this,) = [f for f in figs if f.value == now]
    assert this.kind == "count" and this.indicator == "litigation.cases"


def test_a_change_is_of_this_years_count_not_of_the_one_it_is_measured_from() -> None:
    figs = fazhi.analyze_text(build(measures=MEASURES + "全年行政应诉案件63件，比上年的58件增长8.6%。\n")).figures
    (change,) = [f for f in figs if f.kind == "change" and f.value == 8.6]
    assert change.refers_to is not None and figs[change.refers_to].value == 63


def test_a_span_since_last_year_is_still_counted() -> None:
    """去年以来 reaches into the report's year: its count stays a count."""
    (f,) = [f for f in _figs("去年以来，全县行政应诉案件63件。") if f.value == 63]
    assert f.kind == "count" and f.indicator == "litigation.cases"


def test_no_rate_is_recomputed_on_last_years_count() -> None:
    """A rate stated for this year is not checked against a count that was last year's: the opinion
    would say 出庭率应为… of a base the report never gave for the year."""
    text = build(measures=MEASURES + "行政应诉案件比上年的60件减少了36件，行政机关负责人出庭应诉24件，出庭应诉率100%。\n")
    r = fazhi.analyze_text(text)
    assert not [f for f in r.findings if f.check == "rate_consistency" and "60" in f.message]
