"""What the Word documents say about a report, sentence by sentence, held against the report's text.

Each test writes its own short reports, stores them in a real corpus and reads the DOCX back.
"""
from __future__ import annotations

from pathlib import Path

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus
from fazhi.export import export

from .test_checks import build
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
