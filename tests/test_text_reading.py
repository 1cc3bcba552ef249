"""Plain-text reading: encodings, line endings, widths and page furniture, offsets unmoved."""
from __future__ import annotations

import codecs

import pytest

import fazhi
from fazhi.read.text import DecodeError, decode
from fazhi.understand.normalize import normalize

REPORT = ("首页 > 政务公开 > 政府文件\n"
          "固安县人民政府关于2023年度法治政府建设情况的报告\n"
          "发布日期：2024-03-20\n"
          "【字体：大 中 小】 打印本页 关闭窗口\n"
          "一、主要举措和成效\n"
          "全年受理行政复议案件４０件，办结３６件，结案率为９０％。县政府主要负责人认真履行推进法治建设第一责任人职责。\n"
          "二、存在的不足和原因\n执法人员专业素质有待提高，主要原因是培训不足。\n"
          "三、2024年工作安排\n下一步，我县将组织执法人员专题培训6期。\n"
          "扫一扫在手机打开当前页\n")


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""), ("gb18030", b""), ("gbk", b""),
])
def test_encodings_decode_to_the_same_analysis(encoding: str, bom: bytes) -> None:
    data = bom + REPORT.encode(encoding)
    r = fazhi.analyze(data)
    assert r.text == REPORT
    assert r.metadata.title == "固安县人民政府关于2023年度法治政府建设情况的报告"
    assert r.metadata.published == "2024-03-20"
    assert [f.value for f in r.figures if f.indicator] == [40, 36, 90]
    # the 6 sessions stand in next year's plan: kept as a target, never a count of the year's work
    assert [(f.value, f.kind, f.indicator) for f in r.figures if f.kind == "target"] == [(6, "target", None)]


def test_gb2312_subset_and_big5() -> None:
    assert decode("法治政府建设年度报告".encode("gb2312"))[0] == "法治政府建设年度报告"
    text, enc = decode("法治政府建設年度報告，依法行政，行政復議案件".encode("big5"))
    assert text == "法治政府建設年度報告，依法行政，行政復議案件" and enc in ("big5", "gb18030")


def test_crlf_keeps_offsets_into_the_file() -> None:
    crlf = REPORT.replace("\n", "\r\n")
    r = fazhi.analyze(crlf.encode("utf-8"))
    assert r.text == crlf
    for f in r.figures:
        assert crlf[f.start:f.end] == f.quote[-(f.end - f.start):]
    assert r.metadata.published == "2024-03-20"


def test_full_width_and_half_width_figures_agree() -> None:
    half = REPORT.replace("４０", "40").replace("３６", "36").replace("９０％", "90%").replace("，", ",").replace("。", "。")
    a = fazhi.analyze_text(REPORT)
    b = fazhi.analyze_text(half)
    assert [(f.indicator, f.value) for f in a.figures] == [(f.indicator, f.value) for f in b.figures]


def test_boilerplate_is_excluded_but_offsets_point_into_the_text() -> None:
    r = fazhi.analyze_text(REPORT)
    excluded = [r.text[s:e] for s, e in r.boilerplate]
    assert "首页 > 政务公开 > 政府文件" in excluded
    assert any("扫一扫" in x for x in excluded) and any("字体" in x for x in excluded)
    assert r.metadata.title_span is not None
    s, e = r.metadata.title_span
    assert r.text[s:e] == r.metadata.title


def test_normalize_keeps_length_for_every_character_class() -> None:
    s = "（一）２０２３年\u3000\u00a0１２％，“三单两书”①\r\n繁體報告"
    n = normalize(s)
    assert len(n) == len(s)
    assert n.startswith("(一)2023年")


def test_undecodable_and_empty() -> None:
    with pytest.raises(DecodeError):
        decode(b"")
    with pytest.raises(DecodeError):
        decode(bytes([0, 159, 146, 150, 0, 0, 7, 8]) * 50)


def test_stale_site_clock_is_boilerplate() -> None:
    r = fazhi.analyze_text("今天是2019年12月3日星期二\n" + REPORT)
    assert any("今天是" in r.text[s:e] for s, e in r.boilerplate)
    assert r.metadata.published == "2024-03-20"


def test_normalize_maps_each_character_once() -> None:
    """Each character is mapped once, as one table lookup would: a half-width middle dot
    becomes the katakana one, which is not mapped again on to the Latin middle dot."""
    s = "受理，办结\uff65复议\u30fb案件\u3000共计"
    assert normalize(s) == "受理,办结\u30fb复议·案件 共计"
    assert normalize("受理，办结。") == "受理,办结。"


def test_traditional_text_is_read_simplified() -> None:
    """A report written in traditional characters is matched in simplified ones; a
    simplified report with a stray traditional word keeps its characters."""
    trad = "本機關全年受理行政復議案件六十四件，辦結五十八件，依法糾正違法行政行為三件，結案率百分之九十。"
    assert normalize(trad) == "本机关全年受理行政复议案件六十四件，办结五十八件，依法纠正违法行政行为三件，结案率百分之九十。".replace("，", ",")
    simp = "本机关全年受理行政复议案件六十四件，办结五十八件，依法纠正违法行政行为三件。" * 2 + "結案率百分之九十。"
    assert normalize(simp) == simp.replace("，", ",")
