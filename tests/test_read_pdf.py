"""PDF text layers: wrapped lines joined, furniture dropped, runs reordered, seals ignored, bad files refused."""
from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import fazhi
from fazhi.read import read_bytes
from fazhi.read.layout import Line, Page, assemble, paragraphs
from fazhi.settings import DEFAULT

from . import renderers as R

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

REPORT = """某县人民政府关于2023年度法治政府建设情况的报告
2023年，我县坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》，全面推进法治政府建设，各项工作取得了新的进展。现将有关情况报告如下：
一、主要举措和成效
（一）依法全面履行政府职能。深化“放管服”改革，全年受理行政复议案件73件，办结70件，办结率95.9%；行政诉讼案件一审败诉率下降到3.2%，较上年减少1.5个百分点。
（二）严格规范公正文明执法。组织行政执法人员培训12次，参训860人次，完成427名执法人员证件年审，ABC Law Review 2023 reports were used in training.
二、存在的不足和原因
执法队伍专业化水平有待提高，原因是培训不够系统，基层执法力量仍然薄弱，个别部门对法治政府建设重要性认识不足。
三、2024年工作打算
继续深化法治政府建设，全面提升依法行政水平，加强行政执法监督，推进法治宣传教育。
某县人民政府
2024年3月28日
"""


def _paras(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def test_wrapped_lines_join_into_the_original_paragraphs():
    doc = read_bytes(R.render_pdf(REPORT), "r.pdf")[0]
    assert doc.format == "pdf" and doc.error is None
    assert _paras(doc.text) == _paras(REPORT)
    assert doc.meta["page_count"] == 1


def test_running_headers_and_page_numbers_removed_across_pages():
    long = REPORT.replace("继续深化法治政府建设", "继续深化法治政府建设。" + "推进严格规范公正文明执法，" * 120)
    data = R.render_pdf(long)
    doc = read_bytes(data, "long.pdf")[0]
    assert doc.meta["page_count"] >= 3
    assert "— 1 —" not in doc.text and "— 2 —" not in doc.text
    assert doc.text.count("某县人民政府") == long.count("某县人民政府")  # the running header is gone
    assert _paras(doc.text) == _paras(long)  # a paragraph split by a page break is one line again
    assert doc.pages[0] == 0 and doc.pages == sorted(doc.pages) and len(doc.pages) == doc.meta["page_count"]


def test_same_analysis_as_the_text():
    doc = read_bytes(R.render_pdf(REPORT, title="某县人民政府关于2023年度法治政府建设情况的报告"), "r.pdf")[0]
    a = fazhi.analyze_text(REPORT).to_dict()
    b = fazhi.analyze_document(doc).to_dict()
    assert a["metadata"] == {**b["metadata"], "title_start": a["metadata"]["title_start"],
                             "title_end": a["metadata"]["title_end"]}
    assert [(f["indicator"], f["value"]) for f in a["figures"]] == [(f["indicator"], f["value"]) for f in b["figures"]]
    assert doc.meta["pdf_title"] == "某县人民政府关于2023年度法治政府建设情况的报告"


def _canvas():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=R.A4)
    return buf, c


def test_runs_written_out_of_order_are_read_in_place():
    """LibreOffice writes the Chinese runs of a line first and the quote marks (another font) after."""
    from reportlab.pdfbase import pdfmetrics

    font = R._font()
    buf, c = _canvas()
    line = "建设“法治某县”工作任务，2023年完成。"
    x0, y = 80, 700
    xs = []
    x = x0
    for ch in line:
        xs.append(x)
        x += pdfmetrics.stringWidth(ch, font, 14)
    c.setFont(font, 14)
    for ch, xpos in zip(line, xs):
        if ch not in "“”":
            c.drawString(xpos, y, ch)
    c.setFont("Times-Roman", 14)
    for ch, xpos in zip(line, xs):
        if ch in "“”":
            c.drawString(xpos, y, ch)
    c.setFont(font, 14)
    c.drawString(x0, y - 30, "现将我镇2022年度法治政府建设工作报告如下。")
    c.showPage()
    c.save()
    doc = read_bytes(buf.getvalue(), "order.pdf")[0]
    assert _paras(doc.text) == [line, "现将我镇2022年度法治政府建设工作报告如下。"]


def test_generated_spaces_between_chinese_and_digits_dropped_real_spaces_kept():
    from reportlab.pdfbase import pdfmetrics

    font = R._font()
    buf, c = _canvas()
    c.setFont(font, 14)
    x = 80
    for run in ("现将我镇", "2022", "年度工作报告如下。"):
        c.drawString(x, 700, run)
        x += pdfmetrics.stringWidth(run, font, 14) + 3  # LibreOffice leaves small gaps between font runs
    c.drawString(80, 670, "ABC test word 与 2023 年")
    c.showPage()
    c.save()
    doc = read_bytes(buf.getvalue(), "gaps.pdf")[0]
    assert _paras(doc.text) == ["现将我镇2022年度工作报告如下。", "ABC test word 与 2023 年"]


def test_red_header_and_rotated_seal_text():
    """A 红头 title page keeps its organisation line; a seal's ring of rotated characters is left out."""
    data = R.render_red_header_pdf(REPORT, "某县人民政府", "某政发〔2024〕5号", seal=True)
    doc = read_bytes(data, "red.pdf")[0]
    assert _paras(doc.text) == ["某县人民政府文件", "某政发〔2024〕5号"] + _paras(REPORT)
    assert "专用章" not in doc.text
    rep = fazhi.analyze_document(doc)
    assert rep.metadata.title == "某县人民政府关于2023年度法治政府建设情况的报告"
    assert rep.metadata.signed == "2024-03-28"


def test_encrypted_truncated_empty_and_garbage():
    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.setFont(R._font(), 12)
    c.drawString(80, 700, "依法行政")
    c.showPage()
    c.save()
    enc = read_bytes(buf.getvalue(), "enc.pdf")[0]
    assert enc.error and "加密" in enc.error
    full = R.render_pdf(REPORT)
    cut = read_bytes(full[: len(full) // 3], "cut.pdf")[0]
    assert cut.error is not None or "行政复议" not in cut.text
    assert "损坏" in (cut.error or "损坏")
    junk = read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 50, "junk.pdf")[0]
    assert junk.error and "PDF" in junk.error
    for d in (enc, cut, junk):
        rep = fazhi.analyze_document(d)
        assert [f.check for f in rep.findings] == ["unreadable"]


def test_pages_beyond_the_limit_are_skipped_and_reported():
    buf, c = _canvas()
    for i in range(30):
        c.setFont(R._font(), 12)
        c.drawString(80, 700, f"第{i + 1}部分 依法行政工作情况说明，共计开展培训{i}次。")
        c.showPage()
    c.save()
    doc = read_bytes(buf.getvalue(), "many.pdf", DEFAULT.with_(max_pages=10))[0]
    assert doc.meta["page_count"] == 30 and doc.meta["pages_skipped"] == 20
    assert "第10部分" in doc.text and "第11部分" not in doc.text


def test_scanned_page_without_ocr_is_unreadable_with_a_reason():
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(img).rectangle((100, 100, 500, 140), fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PDF")
    doc = read_bytes(buf.getvalue(), "scan.pdf", DEFAULT.with_(ocr="never"))[0]
    assert doc.error and "扫描件" in doc.error and "--ocr never" in doc.error


# -------------------------------------------------------------------- the layout rules as a property

cjk = st.text(alphabet=st.sampled_from(list("依法行政治理政府建设年度报告工作推进落实情况督察监督，、")), min_size=1, max_size=120)


@hsettings(max_examples=200, deadline=None)
@given(st.lists(cjk, min_size=1, max_size=12), st.sampled_from([20, 28, 35]), st.booleans())
def test_layout_rebuilds_paragraphs_it_wrapped(paras, per_line, indent):
    """Wrap paragraphs at a fixed width (first line indented or not), then rebuild them."""
    size = 10.0
    left, lines, y = 50.0, [], 60.0
    for p in paras:
        p = p + "。"
        first = per_line - 2 if indent else per_line
        chunks = [p[:first]] + [p[k:k + per_line] for k in range(first, len(p), per_line)]
        for i, ch in enumerate(chunks):
            x = left + (2 * size if indent and i == 0 else 0)
            lines.append(Line(ch, x, x + len(ch) * size, y, y + size))
            y += size * 1.6
    page = Page(width=left * 2 + per_line * size, height=y + 100, lines=lines)
    assert paragraphs([page]) == [p + "。" for p in paras]
    assert assemble([page]).split("\n") == [p + "。" for p in paras]


TABLE_REPORT = REPORT.replace("二、存在的不足和原因", "全年行政复议案件办理情况如下：\n类别 | 件数 | 类别 | 件数\n受理 | 53 | 办结 | 41\n"
                              "二、存在的不足和原因").replace("继续深化法治政府建设", "继续深化法治政府建设。" + "推进严格规范公正文明执法，" * 150)


@pytest.mark.parametrize("style", list(R.PDF_STYLES))
def test_office_layouts_give_back_the_paragraphs_and_table_rows(style):
    """Every office layout (grid, justified, flush, two columns …) reads back paragraph for paragraph,
    a ruled table row by row with its cells apart, without the 附件 label, page numbers or seal text."""
    doc = read_bytes(R.render_pdf(TABLE_REPORT, style=style), f"{style}.pdf")[0]
    assert doc.error is None
    assert _paras(doc.text) == _paras(TABLE_REPORT)
    assert "受理 | 53 | 办结 | 41" in doc.text.split("\n")


def test_a_short_line_without_a_full_stop_goes_on_in_a_grid_layout():
    """28 characters a line: a line holding digits ends short but the paragraph goes on;
    one ending 。 short of the margin ends it."""
    size, left, right = 15.8, 79.0, 79.0 + 28 * 15.8
    rows = [("全年审核行政规范性文件8件，修订完善5件，清理失效规章", 2), ("政府规章12件。", 0),
            ("全年受理行政复议案件64件，办结58件，行政复议结案率", 2), ("为95.3%，同比提高2.1个百分点，依法纠正错误9件，", 0),
            ("息诉罢访率达到90%以上。", 0)]
    lines, y = [], 100.0
    for text, indent in rows:
        x0 = left + indent * size
        width = sum(size / 2 if ch.isascii() else size for ch in text)
        lines.append(Line(text, x0, x0 + width, y, y + size))
        y += size * 1.6
    for k in range(8):  # full lines of Chinese only set the grid's count
        text = "依法行政治理政府建设年度报告工作推进落实情况督察监督依法行政治"
        lines.append(Line(text, left, right, y, y + size))
        y += size * 1.6
        lines.append(Line("完成。", left, left + 3 * size, y, y + size))
        y += size * 1.6
    got = paragraphs([Page(595, 842, lines)])
    assert got[0] == "".join(t for t, _i in rows[:2])
    assert got[1] == "".join(t for t, _i in rows[2:])


def test_two_columns_of_ocr_boxes_are_read_column_by_column():
    from fazhi.read.layout import merge_fragments

    size = 10.5
    frags = [Line("某县法治政府建设年度报告", 200, 395, 60, 80)]
    left = ["全年受理行政复议案件六十四件，办结五十八", "件，纠错九件。全县行政执法人员参加培训",
            "八百六十人次，考试合格率达到百分之九十", "八。行政诉讼案件一审败诉率继续下降，负",
            "责人出庭应诉率达到百分之百。"]
    right = ["二、存在的不足和原因", "执法队伍专业化水平有待提高，原因是培训", "不够系统，基层执法力量仍然薄弱，个别部",
             "门对法治政府建设重要性认识不足，今后将", "继续加强。"]
    for i, (a, b) in enumerate(zip(left, right)):
        y = 100 + i * 17
        frags.append(Line(a, 79, 79 + len(a) * size, y, y + size))
        frags.append(Line(b, 310, 310 + len(b) * size, y, y + size))
    lines = merge_fragments(frags, width=595)
    text = assemble([Page(595, 842, lines)])
    assert text.split("\n") == ["某县法治政府建设年度报告", "".join(left), right[0], "".join(right[1:])]
