"""DOCX: body order, automatic numbering rendered back, headings as hints, text boxes, hostile packages."""
from __future__ import annotations

import io
import zipfile

import pytest

import fazhi
from fazhi.read import read_bytes, sniff
from fazhi.read.docx import chinese_number, format_number

from . import renderers as R

docx = pytest.importorskip("docx")

REPORT = """某县司法局2023年度法治政府建设情况报告
2023年，我局全面推进法治政府建设。
一、主要举措和成效
全年受理行政复议案件73件，办结70件。
二、存在的不足和原因
执法队伍专业化水平有待提高。
三、2024年工作打算
继续深化法治政府建设。
某县司法局
2024年3月28日
"""

NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def _numbered_docx() -> bytes:
    """A document whose headings are numbered by Word, not typed: the numerals are not in the text."""
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("某县司法局2023年度法治政府建设情况报告", style="Title")
    plan = [(0, "主要举措和成效"), (1, "依法全面履行职能"), (2, "受理行政复议案件73件。"), (2, "办结70件。"),
            (1, "严格规范执法"), (0, "存在的不足和原因"), (1, "执法力量不足"), (0, "2024年工作打算")]
    for level, text in plan:
        p = d.add_paragraph(text, style=f"Heading {level + 1}" if level < 2 else None)
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                             f'<w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'))
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([("指标", "2023年", "2022年"), ("行政复议案件", "73件", "60件")]):
        for c, val in enumerate(row):
            table.cell(r, c).text = val
    d.add_paragraph("某县司法局")
    d.part.numbering_part._element = parse_xml(NUMBERING.encode())
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_numbering_rendered_and_headings_hinted():
    doc = read_bytes(_numbered_docx(), "n.docx")[0]
    assert doc.format == "docx" and doc.error is None
    lines = doc.text.split("\n")
    assert lines[:9] == ["某县司法局2023年度法治政府建设情况报告", "一、主要举措和成效", "（一）依法全面履行职能",
                         "1.受理行政复议案件73件。", "2.办结70件。", "（二）严格规范执法", "二、存在的不足和原因",
                         "（一）执法力量不足", "三、2024年工作打算"]
    assert "指标 | 2023年 | 2022年" in lines and "行政复议案件 | 73件 | 60件" in lines
    hinted = {doc.text[h["start"]:h["end"]]: h["level"] for h in doc.hints}
    assert hinted["一、主要举措和成效"] == 1 and hinted["（一）依法全面履行职能"] == 2
    assert "1.受理行政复议案件73件。" not in hinted
    rep = fazhi.analyze_document(doc)
    assert [s.title for s in rep.sections if s.level == 1] == ["主要举措和成效", "存在的不足和原因", "2024年工作打算"]


def test_same_analysis_as_the_text_and_no_false_dates():
    doc = read_bytes(R.render_docx(REPORT, title="某县司法局2023年度法治政府建设情况报告"), "r.docx")[0]
    a, b = fazhi.analyze_text(REPORT), fazhi.analyze_document(doc)
    assert a.metadata.title == b.metadata.title and a.metadata.signed == b.metadata.signed
    assert b.metadata.published is None  # Word's created/modified stamps are not publication dates
    assert doc.meta["docx_title"] == "某县司法局2023年度法治政府建设情况报告"
    assert [(f.indicator, f.value) for f in a.figures] == [(f.indicator, f.value) for f in b.figures]


def test_text_box_red_header_is_read():
    d = docx.Document()
    p = d.add_paragraph()
    box = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:t>某县人民政府文件</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    from docx.oxml import parse_xml

    p._p.append(parse_xml(box))
    d.add_paragraph("关于2023年度法治政府建设情况的报告")
    buf = io.BytesIO()
    d.save(buf)
    doc = read_bytes(buf.getvalue(), "box.docx")[0]
    assert doc.text.split("\n")[:2] == ["某县人民政府文件", "关于2023年度法治政府建设情况的报告"]


def test_number_formats():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 35, 99)] == ["一", "十", "十一", "二十", "三十五", "九十九"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV" and format_number(2, "lowerLetter") == "b"
    assert format_number(12, "chineseLegalSimplified") == "拾贰"


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def test_entity_expansion_is_refused():
    good = R.render_docx(REPORT)
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
            b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
    doc = read_bytes(_rezip(good, {"word/document.xml": bomb}), "bomb.docx")[0]
    assert doc.error and "实体" in doc.error
    assert fazhi.analyze_document(doc).findings[0].check == "unreadable"


def test_broken_and_bomb_packages():
    good = R.render_docx(REPORT)
    assert sniff(good, "x.pdf") == "docx"
    cut = read_bytes(good[: len(good) // 2], "cut.docx")[0]
    assert cut.error and "损坏" in cut.error
    missing = read_bytes(_rezip(good, {"word/document.xml": b"<not-xml"}), "bad.docx")[0]
    assert missing.error and "DOCX" in missing.error
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * 50_000_000 + b">")
        z.writestr("[Content_Types].xml", b"<Types/>")
    bomb = read_bytes(out.getvalue(), "bomb.docx")[0]
    assert bomb.error and "压缩" in bomb.error


@pytest.mark.parametrize("style", ["numbered", "revised"])
def test_word_as_written_reads_as_shown(style):
    """Automatic numbering drawn in, tracked changes accepted (deleted and moved-away text gone),
    field results kept and instructions dropped, header, footer and an 附件 text box left out."""
    text = REPORT.replace("全年受理", "（一）依法履职。全年受理")
    doc = read_bytes(R.render_docx(text, style=style), f"{style}.docx")[0]
    assert doc.error is None
    assert [ln for ln in doc.text.split("\n") if ln] == [ln for ln in text.split("\n") if ln]
    for gone in ("（此处删去）", "（移走的文字）", "附件", "DATE", "PAGE", "DOCPROPERTY", "— 1 —"):
        assert gone not in doc.text
