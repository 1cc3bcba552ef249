"""The reviewer's workbook opens with openpyxl and holds the status, reports, findings with
their quoted evidence and figures, with Chinese headers, frozen header rows, filters and
widths that fit Chinese text.

`review_corpus` builds the corpus the export tests share: a county batch with a late, an
unpublished, a missing, an invalid and a deficient unit, a copied passage, a false 同比
claim, and reviewer decisions (one confirmed with a comment, one dismissed).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus
from fazhi.export import export

from .test_corpus_store import report_text, specific, write

REGISTRY = "单位,层级,上级\n固安县,县级,廊坊市\n永清县,县级,廊坊市\n大城县,县级,廊坊市\n文安县,县级,廊坊市\n" \
           "香河县,县级,廊坊市\n三河市,县级,廊坊市\n"


def review_corpus(tmp_path: Path) -> Corpus:
    d = tmp_path / "r"
    src = specific("固安县", 2023, 1)
    write(d, "ga22.txt", report_text("固安县", 2022, published="2023-03-01", figures="全年共受理行政复议案件100件。"))
    write(d, "ga.txt", report_text("固安县", 2023, published="2024-03-01",
                                   paragraphs=[specific("固安县", 2023, 0), src],
                                   figures="全年共受理行政复议案件120件，同比增长35%。"))
    write(d, "yq.txt", report_text("永清县", 2023, published="2024-04-01",
                                   paragraphs=[src.replace("固安县", "永清县"), specific("永清县", 2023, 2)]))
    write(d, "dc.txt", report_text("大城县", 2023, published=None))
    write(d, "xh.txt", report_text("香河县", 2023, published="2024-01-20", title="香河县人民政府2023年政府信息公开工作年度报告"))
    write(d, "sh.txt", report_text("三河市", 2023, published="2024-03-25", plan=False))
    c = Corpus(tmp_path / "c.duckdb")
    ingest(c, [str(d)], workers=1)
    reg = tmp_path / "名单.csv"
    reg.write_text(REGISTRY, "utf-8")
    c.load_registry(reg)
    yoy = c.findings(check="yoy_mismatch").iloc[0]
    c.decide(yoy["sha256"], "yoy_mismatch", int(yoy["start"]), int(yoy["end"]), yoy["message"], "confirmed",
             comment="已核对上年报告原件", user="王审查")
    late = c.findings(check="timeliness", unit="永清县").iloc[0]
    c.decide(late["sha256"], "timeliness", None, None, late["message"], "dismissed", comment="网站故障，已说明", user="王审查")
    return c


@pytest.fixture()
def corpus(tmp_path: Path) -> Corpus:
    c = review_corpus(tmp_path)
    yield c
    c.close()


def test_workbook_sheets_headers_and_contents(corpus: Corpus, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = export(corpus, tmp_path / "审查结果.xlsx", year=2023)
    wb = load_workbook(out[0])
    assert wb.sheetnames == ["报送情况", "报告", "问题", "数据"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in str(c.value)) for c in ws[1])
    rows = lambda ws: [dict(zip([c.value for c in ws[1]], [c.value for c in r])) for r in ws.iter_rows(min_row=2)]
    status = {r["单位"]: r for r in rows(wb["报送情况"])}
    assert status["永清县"]["报送情况"] == "逾期1天公开" and status["永清县"]["逾期天数"] == 1
    # the date says late; the reviewer dismissed the finding, and the sheet says why the 通报 differs
    assert status["永清县"]["备注"] == "审查人已排除逾期认定：网站故障，已说明；通报中不列为逾期公开"
    assert not status["三河市"]["备注"]
    assert status["文安县"]["报送情况"] == "未报送" and status["大城县"]["报送情况"] == "未查到公开日期"
    assert status["香河县"]["报送情况"].startswith("非法治政府建设年度报告")
    assert "下一年度工作安排" in status["三河市"]["缺少内容"]
    reports = rows(wb["报告"])
    assert len(reports) == 5 and {r["报告年度"] for r in reports} == {2023}
    assert any(r["公开日期"] is not None and r["公开日期"].year == 2024 for r in reports)
    findings = rows(wb["问题"])
    dup = next(r for r in findings if r["检查编号"] == "near_duplicate")
    assert dup["检查项"] == "内容雷同" and dup["来源"] == "跨报告比对" and dup["单位"] == "永清县"
    assert dup["原文"] and dup["原文"][:20] in (corpus.text(dup["文件指纹（SHA-256）"]) or "")
    yoy = next(r for r in findings if r["检查编号"] == "yoy_mismatch")
    assert (yoy["审查结论"], yoy["审查意见"], yoy["审查人"]) == ("确认", "已核对上年报告原件", "王审查")
    assert yoy["原文"] and "35%" in yoy["原文"]
    figures = rows(wb["数据"])
    assert any(r["指标编号"] == "reconsideration.received" and r["数值"] == 120 and r["指标"] == "行政复议受理案件数"
               for r in figures)
    ws = wb["问题"]
    header = [c.value for c in ws[1]]
    width = lambda name: ws.column_dimensions[chr(ord("A") + header.index(name))].width
    assert width("问题说明") >= 40 and width("级别") < 12  # fitted to Chinese text, capped
    assert ws.cell(row=2, column=header.index("问题说明") + 1).alignment.wrap_text


def test_workbook_without_a_list_of_units(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    d = tmp_path / "r"
    write(d, "a.txt", report_text("固安县", 2023))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d)], workers=1)
        out = export(c, tmp_path / "x.xlsx")
    assert load_workbook(out[0]).sheetnames == ["报告", "问题", "数据"]


def test_display_width_counts_chinese_double() -> None:
    from fazhi.export.excel import display_width

    assert display_width("永清县") == 6 and display_width("ab1") == 3 and display_width("（一）") == 6
    assert display_width(None) == 0


def test_record_json_of_findings_round_trips(corpus: Corpus) -> None:
    df = corpus.findings(check="near_duplicate")
    data = json.loads(df.iloc[0]["data"])
    assert data["other_unit"] == "固安县" and data["kind"] == "other_unit"
