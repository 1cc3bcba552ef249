"""The Word hand-off: the batch 通报 and one 审查意见 per report open with python-docx, hold
the late, missing, invalid and deficient units and the findings with their quotes, leave out
what the reviewer dismissed, are laid out as a 公文 with Chinese fonts set, and render with
LibreOffice where it is installed."""
from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.corpus import Corpus
from fazhi.export import export

from .test_export_xlsx import review_corpus

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture()
def corpus(tmp_path: Path) -> Corpus:
    c = review_corpus(tmp_path)
    yield c
    c.close()


def _texts(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_notice_lists_late_missing_invalid_and_deficient_units(corpus: Corpus, tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    (out,) = export(corpus, tmp_path / "通报.docx", year=2023, issuer="廊坊市全面依法治市委员会办公室",
                    recipients="各县（市、区）人民政府", when=date(2024, 4, 10))
    doc = docx.Document(str(out))
    paras = doc.paragraphs
    text = "\n".join(p.text for p in paras)
    assert paras[0].text == "关于2023年度法治政府建设年度报告报送和公开情况的通报"
    assert paras[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paras[1].text == "各县（市、区）人民政府："
    # 永清县 published on 1 April, a day late, but the reviewer dismissed its timeliness finding
    # a category that counts no unit is not named (逾期公开0个)
    assert ("应报送单位6个，已报送5个，其中按时公开3个，未查到公开日期1个，"
            "报送材料不是法治政府建设年度报告的1个；未报送1个。内容方面，1份报告缺少规定内容。") in text
    assert "0个" not in text and "0份" not in text
    assert "未报送" in text and "文安县" in text
    assert "未查到公开日期" in text and "大城县" in text
    assert "香河县（政府信息公开工作年度报告）" in text
    # a look-alike may have been found on the unit's site, not sent in: the heading says what it is
    assert "所收材料不是年度报告" in text and "报送材料不符合要求" not in text
    assert "三河市（缺少下一年度工作安排）" in text
    assert "同比数据不符：固安县" in text and "内容雷同：永清县" in text
    assert paras[-2].text == "廊坊市全面依法治市委员会办公室" and paras[-1].text == "2024年4月10日"
    assert paras[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    sec = doc.sections[0]
    assert abs(sec.top_margin - Cm(3.7)) < Cm(0.05) and abs(sec.left_margin - Cm(2.8)) < Cm(0.05)
    fonts = {r._element.find(f"{W}rPr").find(f"{W}rFonts").get(f"{W}eastAsia") for p in paras for r in p.runs}
    assert {"方正小标宋简体", "仿宋_GB2312", "黑体"} <= fonts


def test_a_dismissed_timeliness_finding_takes_the_unit_off_the_late_list(corpus: Corpus, tmp_path: Path) -> None:
    """The 通报 goes to every unit: a unit whose lateness the reviewer dismissed (网站故障，已说明) is
    not named as late there. A late unit whose finding is confirmed or undecided stays late."""
    (out,) = export(corpus, tmp_path / "通报.docx", year=2023)
    text = "\n".join(_texts(out))
    assert "未按时公开" not in text and "永清县（逾期" not in text
    assert "其中按时公开3个，未查到公开日期1个" in text and "逾期公开" not in text.split("工作要求")[0]
    # the reviewer changes their mind: confirmed, the lateness is stated again
    late = corpus.findings(check="timeliness", unit="永清县").iloc[0]
    corpus.decide(late["sha256"], "timeliness", None, None, late["message"], "confirmed", user="王审查")
    (out,) = export(corpus, tmp_path / "通报2.docx", year=2023)
    text = "\n".join(_texts(out))
    assert "（一）未按时公开" in text and "永清县（逾期1天）" in text and "按时公开2个，逾期公开1个" in text


def test_opinions_one_per_report_with_quotes_and_decisions(corpus: Corpus, tmp_path: Path) -> None:
    files = export(corpus, tmp_path / "意见", kind="opinions", year=2023, issuer="廊坊市司法局", when=date(2024, 4, 12))
    assert len(files) == 4 and all(f.suffix == ".docx" for f in files)  # not 香河县's 信息公开 report
    by = {f.name.split("_")[0]: f for f in files}
    assert set(by) == {"固安县", "永清县", "大城县", "三河市"} and all(f.stem.endswith("_审查意见") for f in files)
    ga = "\n".join(_texts(by["固安县"]))
    assert ga.startswith("关于固安县2023年度法治政府建设年度报告的审查意见\n固安县人民政府：")
    assert "同比" in ga and "已核对上年报告原件" in ga and "原文：“" in ga
    yq = "\n".join(_texts(by["永清县"]))
    assert "恰在4月1日当天" not in yq and "报送和公开" not in yq  # the reviewer dismissed the timeliness finding
    # its one remaining problem is stated, not listed under a heading as item 1.
    assert "固安县2023年度报告" in yq and "内容雷同和疑似照搬" not in yq and "\n1. " not in yq
    assert "存在以下问题，请认真核实整改：\n该段与固安县2023年度报告" in yq
    sh = "\n".join(_texts(by["三河市"]))
    assert "下一年度" in sh and "规定内容" in sh
    assert _texts(by["固安县"])[-1] == "2024年4月12日"
    notes: list[str] = []
    confirmed = export(corpus, tmp_path / "只含确认.docx", kind="opinions", year=2023, include_undecided=False,
                       note=notes.append)
    text = "\n".join(_texts(confirmed[0]))
    # only reports whose findings are all decided: 三河市 and 永清县 still have undecided ones
    assert text.count("审查意见\n") == 2 and "同比" in text and "内容雷同" not in text
    assert "三河市" not in text and "永清县" not in text
    assert any("三河市（2个）" in n and "永清县（1个）" in n for n in notes)


def test_export_cli_writes_notice_and_opinions(corpus: Corpus, tmp_path: Path) -> None:
    path = corpus.path
    corpus.close()
    runner = CliRunner()
    res = runner.invoke(app, ["export", "--db", path, "--to", str(tmp_path / "通报.docx"), "--year", "2023",
                              "--issuer", "某县依法治县办", "--date", "2024-04-10"])
    assert res.exit_code == 0, res.output
    assert _texts(tmp_path / "通报.docx")[-2:] == ["某县依法治县办", "2024年4月10日"]
    res = runner.invoke(app, ["export", "--db", path, "--to", str(tmp_path / "审查意见"), "--kind", "opinions"])
    assert res.exit_code == 0, res.output
    assert len(list((tmp_path / "审查意见").glob("*.docx"))) == 5  # both years of 固安县; no look-alike
    res = runner.invoke(app, ["export", "--db", path, "--to", str(tmp_path / "x.pdf")])
    assert res.exit_code == 2 and "不支持导出" in res.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_notice_renders_with_libreoffice(corpus: Corpus, tmp_path: Path) -> None:
    (out,) = export(corpus, tmp_path / "tongbao.docx", year=2023, issuer="测试办公室")
    profile = tmp_path / "lo-profile"
    res = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(tmp_path), str(out)], capture_output=True, text=True, timeout=180,
                         env={**os.environ, "HOME": str(tmp_path)})
    pdf = tmp_path / "tongbao.pdf"
    assert res.returncode == 0 and pdf.is_file(), res.stderr
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 reads the rendered PDF back")
    doc = pdfium.PdfDocument(str(pdf))
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert "报送和公开情况的通报" in "".join(text.split()) and "测试办公室" in text
