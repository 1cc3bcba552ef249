"""The analysis record says when the text received may be incomplete (`truncated`, `truncation`),
the corpus keeps it with the fields the document did not state (`records.truncated`,
`records.truncation`, `records.inferred`), and the 审查意见, 通报 and workbook read those columns
in one query for the batch instead of reading each record and its text again.

Own-words reports; a real DuckDB file, real .docx and .xlsx files read back.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import fazhi
from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus
from fazhi.export import export
from fazhi.record import Document
from fazhi.understand.completeness import inferred_fields, truncation

from .test_export_truth import CUT_OFF, UNTITLED

WHOLE = """永清县人民政府关于2023年度法治政府建设情况的报告
2023年，永清县人民政府坚持以习近平法治思想为指导，扎实推进法治政府建设各项工作。现将有关情况报告如下：
一、主要举措和成效
县政府常务会议专题研究法治政府建设工作5次，县长带头讲法治课2次，全县审核行政规范性文件12件。
二、存在的不足和原因
执法力量不足，原因是编制紧张。
三、2024年工作安排
一是加强执法队伍建设；二是推进政务公开。
"""


def _texts(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_the_record_says_a_text_stopping_mid_sentence_is_cut_off() -> None:
    rec = fazhi.analyze_text(CUT_OFF).to_dict()
    assert rec["truncated"] is True
    assert rec["truncation"] == {"reasons": ["mid_sentence"], "tail": "的问题，并将评查结果纳入"}
    whole = fazhi.analyze_text(WHOLE).to_dict()
    assert whole["truncated"] is False and "truncation" not in whole
    assert json.loads(fazhi.record.to_json(rec))["truncated"] is True


def test_the_record_says_the_reader_cut_the_text_at_its_limit() -> None:
    """Cut at the read limit just after a sentence end: the text looks whole, the record knows better."""
    limit = WHOLE.index("二、存在的不足")
    settings = dataclasses.replace(fazhi.settings.DEFAULT, max_chars=limit)
    (rep,) = fazhi.analyze_all(WHOLE.encode("utf-8"), settings=settings)
    rec = rep.to_dict()
    assert rec["truncated"] is True and rec["truncation"] == {"reasons": ["read_limit"], "chars": limit}


def test_pages_not_read_make_a_text_incomplete() -> None:
    doc = Document(source="a.pdf", text=WHOLE, format="pdf",
                   meta={"pages_skipped": 2, "pages_without_text": 1,
                         "page_errors": "第3页缺失或已损坏，无法读取；第5页页面过大，未做文字识别"})
    assert truncation(doc) == {"reasons": ["pages_unread"], "pages": 4}  # the page too large is one of the 1
    assert truncation(Document(source="a.pdf", text=WHOLE, format="pdf", meta={"page_count": 3})) == {}


def test_inferred_fields_are_those_the_document_did_not_state() -> None:
    md = fazhi.analyze_text(UNTITLED).to_dict()["metadata"]
    got = inferred_fields(md)
    assert {"jurisdiction", "report_year"} <= set(got) and "published" not in got
    assert inferred_fields(fazhi.analyze_text(WHOLE).to_dict()["metadata"]) == []
    assert inferred_fields({"jurisdiction": "青山县"}) == []  # a record without evidence says nothing


@pytest.fixture()
def corpus(tmp_path: Path):
    d = tmp_path / "in"
    d.mkdir()
    for name, text in (("青山镇.txt", UNTITLED), ("青山县.txt", CUT_OFF), ("白水县.txt", WHOLE.replace("永清县", "白水县"))):
        (d / name).write_text(text, "utf-8")
    c = Corpus(tmp_path / "c.duckdb")
    ingest(c, [str(d)], workers=1)
    yield c
    c.close()


def test_the_corpus_stores_the_flags(corpus: Corpus) -> None:
    reps = {Path(r["source"]).stem: r for r in corpus.reports().to_dict("records")}
    assert reps["青山县"]["truncated"] and json.loads(reps["青山县"]["truncation"])["reasons"] == ["mid_sentence"]
    assert not reps["白水县"]["truncated"] and not isinstance(reps["白水县"]["truncation"], str)
    assert {"jurisdiction", "report_year"} <= set(reps["青山镇"]["inferred"])
    assert list(reps["白水县"]["inferred"]) == []


def test_exports_read_the_flags_in_one_query_not_each_record(corpus: Corpus, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading each record back cost about 8 ms a report; the exports now ask `reports` once."""
    def no_record_reads(*a, **k):
        raise AssertionError("an export read a whole record")

    monkeypatch.setattr(Corpus, "report", no_record_reads)
    files = export(corpus, tmp_path / "意见", kind="opinions", issuer="某办")
    cut = next("\n".join(t) for t in map(_texts, files) if "青山县人民政府：" in t)
    assert "所收到的报告文本在“……的问题，并将评查结果纳入”处中断，可能不完整" in cut
    (notice,) = export(corpus, tmp_path / "通报.docx", year=2023, issuer="某办")
    assert "其中青山县人民政府收到的报告文本可能不完整" in "\n".join(_texts(notice))
    export(corpus, tmp_path / "审查结果.xlsx")


def test_an_opinion_says_the_reader_cut_the_text_though_it_reads_whole(tmp_path: Path) -> None:
    """Only the record can tell: the text kept ends on a full sentence."""
    limit = WHOLE.index("二、存在的不足")
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(WHOLE, "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d)], workers=1, settings=dataclasses.replace(fazhi.settings.DEFAULT, max_chars=limit))
        (f,) = export(c, tmp_path / "意见", kind="opinions", issuer="某办")
    body = "\n".join(_texts(f))
    assert f"所收到的报告文本超过读取上限，只审查了前{limit}字，可能不完整" in body
    # in the part not read: called missing from the text received, and hedged
    assert "所收到的报告文本中未见推进法治政府建设存在的不足和问题" in body


def test_workbook_names_inferred_fields_and_a_text_cut_off(corpus: Corpus, tmp_path: Path) -> None:
    import openpyxl

    (out,) = export(corpus, tmp_path / "审查结果.xlsx")
    ws = openpyxl.load_workbook(out, read_only=True)["报告"]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    assert "推断字段" in head and "文本可能不完整" in head
    by = {Path(r[head.index("来源")]).stem: dict(zip(head, r)) for r in rows[1:]}
    town = by["青山镇"]["推断字段"]
    assert "行政区划" in town and "报告年度" in town and not any("a" <= ch <= "z" for ch in town)
    assert by["白水县"]["推断字段"] in (None, "") and by["白水县"]["文本可能不完整"] in (None, "")
    assert by["青山县"]["文本可能不完整"] == "在“……的问题，并将评查结果纳入”处中断"


def test_an_older_corpus_gets_the_columns_from_its_stored_records(corpus: Corpus, tmp_path: Path) -> None:
    """A version-6 file (no such columns; records without `truncated`) is upgraded: the flags are
    judged on the stored text, the inferred fields read from the stored metadata."""
    from fazhi.corpus.schema import SCHEMA_VERSION, record_blob, record_json

    want = corpus.reports()[["sha256", "truncated", "truncation", "inferred"]]
    for doc_id, blob in corpus.con.execute("SELECT doc_id, record FROM records").fetchall():
        rec = record_json(blob)
        rec.pop("truncated", None), rec.pop("truncation", None)
        corpus.con.execute("UPDATE records SET record = ? WHERE doc_id = ?", [record_blob(rec), doc_id])
    for col in ("truncated", "truncation", "inferred", "found_on"):
        corpus.con.execute(f"ALTER TABLE records DROP COLUMN {col}")
    corpus.con.execute("DELETE FROM schema_info WHERE version >= 7")
    assert SCHEMA_VERSION >= 7
    path = corpus.path
    corpus.close()
    with Corpus(path) as c:
        got = c.reports()[["sha256", "truncated", "truncation", "inferred"]]
    key = lambda df: sorted((r["sha256"], bool(r["truncated"]), str(r["truncation"]), tuple(r["inferred"]))
                            for r in df.to_dict("records"))
    assert key(got) == key(want) and any(r[1] for r in key(got))


def test_a_record_from_before_the_flag_is_judged_on_its_text() -> None:
    """A dataset written by an older batch job has records without `truncated`: flattened into the
    corpus, they are judged on the text they carry; a record that says, is taken at its word."""
    from datetime import datetime

    from fazhi.corpus.rows import flatten

    rec = fazhi.analyze_text(CUT_OFF).to_dict(include_text=True)
    old = {k: v for k, v in rec.items() if k not in ("truncated", "truncation")}
    row = flatten(old, datetime(2024, 1, 1), "0")["records"]
    assert row["truncated"] == [True] and json.loads(row["truncation"][0])["tail"] == "的问题，并将评查结果纳入"
    said = dict(rec, truncated=False)
    said.pop("truncation")
    assert flatten(said, datetime(2024, 1, 1), "0")["records"]["truncated"] == [False]


def test_fazhi_analyze_says_a_text_may_be_incomplete(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fazhi.cli import app

    (tmp_path / "cut.txt").write_text(CUT_OFF, "utf-8")
    (tmp_path / "whole.txt").write_text(WHOLE, "utf-8")
    res = CliRunner().invoke(app, ["analyze", str(tmp_path / "cut.txt"), str(tmp_path / "whole.txt")])
    assert res.exit_code == 0, res.output
    assert res.output.count("文本可能不完整") == 1
    assert "文本可能不完整：在“……的问题，并将评查结果纳入”处中断" in res.output.replace("\n", "")
