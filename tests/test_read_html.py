"""Reading government web pages: the article without the page, the metadata block, charsets."""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import fazhi
from fazhi.read import load, read_bytes, sniff
from fazhi.read.html import decode_html, read_html
from fazhi.settings import DEFAULT

from . import renderers as R
from .readers_fixtures import SHORT_REPORT, differences, summary

pytest.importorskip("selectolax")
pytest.importorskip("trafilatura")

REPORT = SHORT_REPORT
PUBLISHED = {"published": "2024-04-01"}
FURNITURE = ("当前位置", "首页", "政务服务", "打印本页", "关闭窗口", "扫一扫", "网站标识码", "主办单位", "相关链接",
             "分享到", "无障碍", "索引号", "浏览次数", "2022年度法治政府建设情况报告")


@pytest.mark.parametrize("style", ["trs", "list", "lines", "plain"])
def test_article_without_the_page(style):
    doc = read_bytes(R.render_html(REPORT, style=style, page_meta=PUBLISHED), "page.html")[0]
    assert doc.format == "html" and doc.error is None
    lines = doc.text.split("\n")
    assert lines[0] == "某县人民政府关于2023年度法治政府建设情况的报告"
    assert lines[-2:] == ["某县人民政府", "2024年3月28日"]
    for word in FURNITURE:
        assert word not in doc.text, word
    for para in REPORT.strip().split("\n")[1:]:
        assert para in doc.text
    assert doc.meta["published"] == "2024-04-01"
    rep = fazhi.analyze_document(doc)
    assert rep.metadata.published == "2024-04-01"
    rep.metadata.published = None  # the one thing the page adds to the text, and what it decides:
    rep.findings = [f for f in rep.findings if f.check != "timeliness"]
    want = fazhi.analyze_text(REPORT)
    want.findings = [f for f in want.findings if f.check != "timeliness"]
    assert differences(summary(want.to_dict()), summary(rep.to_dict())) == []


def test_metadata_table_fields():
    doc = read_bytes(R.render_html(REPORT, style="trs", page_meta=PUBLISHED), "page.html")[0]
    m = doc.meta
    assert m["index_no"] == "11522128MB1234567X/2024-00012"
    assert m["subject"] == "政府法制"
    assert m["issuer"] == "某县人民政府"
    assert m["signed"] == "2024-03-28"
    assert m["published"] == "2024-04-01"
    assert m["title"] == "某县人民政府关于2023年度法治政府建设情况的报告"
    assert m["site"] == "某县人民政府" and m["column"] == "法治政府建设"


def test_metadata_as_labelled_lines_and_twice():
    page = """<html><head><meta charset="utf-8"><title>关于2023年度法治政府建设情况的报告 - 某市司法局</title></head><body>
<div class="info"><span>发布时间：2024-03-29 09:10</span><span>来源：某市司法局</span><span>文号：</span></div>
<div class="xxgk"><p>索引号：113300/2024-00021</p><p>文号：某司发〔2024〕5号</p><p>成文日期：2024年3月25日</p>
<p>发布日期：2024年3月30日</p></div>
<div id="zoom"><p>2023年，我局全面推进法治政府建设，受理行政复议案件12件，全部办结。</p>
<p>一、主要举措和成效</p><p>加强执法监督，开展案卷评查2次。</p></div>
<div class="footer">版权所有：某市司法局</div></body></html>"""
    doc = read_bytes(page.encode(), "p.html")[0]
    m = doc.meta
    assert m["published"] == "2024-03-29"  # the first labelled date on the page wins
    assert m["signed"] == "2024-03-25"
    assert m["doc_no"] == "某司发〔2024〕5号"  # the empty 文号 before it does not hide it
    assert m["source_org"] == "某市司法局" and m["index_no"] == "113300/2024-00021"
    assert doc.text.split("\n")[0] == "关于2023年度法治政府建设情况的报告"  # <title> without the site name
    assert "索引号" not in doc.text and "版权所有" not in doc.text
    assert "受理行政复议案件12件" in doc.text


def test_issuing_time_is_the_signing_date_and_the_publication_only_alone():
    # read as the text path reads it: 发文时间 is when the document was issued (signed); it stands
    # for the publication only while no publication label says otherwise
    body = "<div id='zoom'><p>" + "某镇坚持依法行政，开展普法活动6次。" * 6 + "</p></div>"
    both = ("<html><body><table><tr><td>发文时间：</td><td>2024-12-30</td><td>发布日期：</td><td>2025-01-06</td></tr>"
            "<tr><td>发文机关：</td><td>某镇人民政府</td></tr></table>" + body + "</body></html>")
    m = read_html(both.encode(), "http://example.gov.cn/a.html", DEFAULT).meta
    assert (m["signed"], m["published"]) == ("2024-12-30", "2025-01-06")
    alone = both.replace("<td>发布日期：</td><td>2025-01-06</td>", "")
    m = read_html(alone.encode(), "http://example.gov.cn/a.html", DEFAULT).meta
    assert (m["signed"], m["published"]) == ("2024-12-30", "2024-12-30")
    tagged = alone.replace("<html>", '<html><head><meta name="PubDate" content="2025-01-08"></head>')
    m = read_html(tagged.encode(), "http://example.gov.cn/a.html", DEFAULT).meta
    assert m["published"] == "2024-12-30"  # a labelled date before a CMS tag, as before
    # a 发文日期 given to the minute is when the page went up; a bare one is the signing date only
    timed = alone.replace("发文时间：", "发文日期：").replace("2024-12-30", "2024-12-30 16:05")
    m = read_html(timed.encode(), "http://example.gov.cn/a.html", DEFAULT).meta
    assert (m["signed"], m["published"]) == ("2024-12-30", "2024-12-30")
    bare = alone.replace("发文时间：", "发文日期：")
    m = read_html(bare.encode(), "http://example.gov.cn/a.html", DEFAULT).meta
    assert m["signed"] == "2024-12-30" and "published" not in m


def test_url_date_is_the_last_resort():
    page = b"<html><body><div id='zoom'><p>" + ("某县法治政府建设情况。" * 10).encode() + b"</p></div></body></html>"
    url = "http://www.example.gov.cn/col/202403/t20240328_5521.html"
    doc = read_html(page, url, DEFAULT)
    assert doc.meta["published"] == "2024-03-28" and doc.meta["published_from"] == "url"
    dated = page.replace(b"<body>", "<body><p>发布日期：2024-04-01</p>".encode())
    doc = read_html(dated, url, DEFAULT)
    assert doc.meta["published"] == "2024-04-01" and "published_from" not in doc.meta
    tagged = page.replace(b"<html>", b'<html><head><meta name="PubDate" content="2024-03-30 10:00"></head>')
    assert read_html(tagged, url, DEFAULT).meta["published"] == "2024-03-30"


@pytest.mark.parametrize("declare", [True, False])
def test_gbk_pages_with_and_without_declaration(declare):
    data = R.render_html(REPORT, style="trs", encoding="gbk", declare=declare)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = read_bytes(data, "gbk.html")[0]
    assert doc.encoding == "gb18030"
    assert "受理行政复议案件73件" in doc.text
    assert doc.meta["issuer"] == "某县人民政府"


def test_wrong_declaration_is_overruled():
    data = R.render_html(REPORT, style="list", encoding="gbk").replace(b'charset="gbk"', b'charset="utf-8"')
    text, enc = decode_html(data)
    assert enc == "gb18030" and "行政复议" in text
    text, enc = decode_html("<p>依法行政</p>".encode("gbk"), declared="gb2312")
    assert text == "<p>依法行政</p>"


def test_traditional_page_reads_as_written_and_analyses_as_simplified():
    import opencc

    trad = opencc.OpenCC("s2t").convert(REPORT)
    assert trad != REPORT and len(trad) == len(REPORT)
    doc = read_bytes(R.render_html(trad, style="trs"), "big5.html")[0]
    assert "縣" in doc.text  # the text as read, not converted
    rep = fazhi.analyze_document(doc)
    got = summary(rep.to_dict())
    want = summary(fazhi.analyze_text(REPORT).to_dict())
    assert got["figures"] == want["figures"]
    assert [s[0] for s in got["sections"]] == [s[0] for s in want["sections"]]
    assert rep.metadata.report_year == 2023 and rep.metadata.signed == "2024-03-28"
    for f in rep.figures:
        assert doc.text[f.start:f.end] in f.quote


def test_page_without_title_gets_none_invented():
    body = REPORT.split("\n", 1)[1]
    doc = read_bytes(R.render_html(body, style="lines"), "t.html")[0]
    assert not doc.text.startswith("某县人民政府\n")
    assert "title" not in doc.meta
    assert fazhi.analyze_document(doc).metadata.title is None


def test_title_not_repeated_when_the_article_has_it():
    page = ("<html><head><title>某县2023年度法治政府建设情况报告_某县人民政府</title></head><body><h1>某县2023年度法治政府建设情况报告</h1>"
            "<div id='zoom'><p>某县2023年度法治政府建设情况报告</p><p>" + "全年开展法治培训5次。" * 5 + "</p></div></body></html>")
    doc = read_bytes(page.encode(), "p.html")[0]
    assert doc.text.count("某县2023年度法治政府建设情况报告") == 1


def test_link_only_page_reads_the_attachment_beside_it(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "P020240328.pdf").write_bytes(R.render_pdf(REPORT))
    page = R.render_html(REPORT, style="trs", attachment="files/P020240328.pdf", page_meta=PUBLISHED)
    (tmp_path / "page.html").write_bytes(page)
    doc = load(str(tmp_path / "page.html"))[0]
    assert doc.format == "pdf" and doc.error is None
    assert doc.source == str(tmp_path / "page.html")
    assert doc.meta["attachment_of"] == str(tmp_path / "page.html")
    assert doc.meta["published"] == "2024-04-01" and doc.meta["index_no"]
    assert "受理行政复议案件73件" in doc.text
    # a link that leaves the page's folder is not followed
    outside = R.render_html(REPORT, style="trs", attachment="../../etc/passwd.pdf")
    (tmp_path / "bad.html").write_bytes(outside)
    bad = load(str(tmp_path / "bad.html"))[0]
    assert bad.format == "html" and "../../etc/passwd.pdf" in bad.meta["attachments"]


def test_sniff_by_content_not_extension():
    page = R.render_html(REPORT)
    assert sniff(page, "report.txt") == "html"
    assert sniff(b"<p>\xe6\xb3\x95</p><p>x</p><br><div>y</div>", "x.doc") == "html"
    assert sniff(REPORT.encode(), "report.html") == "text"
    assert read_bytes(page, "report.txt")[0].format == "html"


def test_page_of_furniture_only_is_unreadable():
    page = b"<html><body><div class='nav'><a>\xe9\xa6\x96\xe9\xa1\xb5</a></div><div class='footer'>x</div></body></html>"
    doc = read_bytes(page, "empty.html")[0]
    rep = fazhi.analyze_document(doc)
    assert [f.check for f in rep.findings] == ["unreadable"]


paragraph = st.text(alphabet=st.sampled_from(list("依法行政治理政府建设年度报告工作推进落实情况督察监督")), min_size=12, max_size=60)


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, min_size=2, max_size=8))
def test_every_paragraph_survives_in_order(paras):
    text = "\n".join(f"{p}。" for p in paras)
    page = R.render_html("某县2023年度法治政府建设情况报告\n" + text, style="trs")
    doc = read_bytes(page, "h.html")[0]
    pos = 0
    for p in paras:
        k = doc.text.find(f"{p}。", pos)
        assert k >= 0, p
        pos = k + len(p)
    assert hashlib.sha256(page).hexdigest() == doc.sha256


def test_single_file_web_page_saved_as_doc():
    import quopri

    html = R.render_html(REPORT, style="lines", encoding="gbk")
    mht = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n"
           b"------=_NextPart_01\r\nContent-Location: file:///C:/report.htm\r\nContent-Transfer-Encoding: "
           b"quoted-printable\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\r\n" + quopri.encodestring(html)
           + b"\r\n------=_NextPart_01--\r\n")
    assert sniff(mht, "report.doc") == "mhtml"
    doc = read_bytes(mht, "report.doc")[0]
    assert doc.format == "html" and doc.error is None and doc.meta["container"] == "mhtml"
    assert "受理行政复议案件73件" in doc.text and doc.text.startswith("某县人民政府关于2023年度")


def test_deeply_nested_page_does_not_break_the_reader():
    page = b"<html><body>" + b"<div>" * 20000 + "<p>依法行政工作情况说明</p>".encode() + b"</div>" * 20000 + b"</body></html>"
    doc = read_bytes(page, "deep.html")[0]
    assert doc.error is None and "依法行政工作情况说明" in doc.text


def test_utf16_page_is_a_page():
    page = R.render_html(REPORT, style="trs").decode("utf-8").replace('charset=utf-8', 'charset=utf-16')
    data = page.encode("utf-16")
    assert sniff(data, "page.htm") == "html"
    doc = read_bytes(data, "page.htm")[0]
    assert doc.encoding == "utf-16-le" and "受理行政复议案件73件" in doc.text and "索引号" not in doc.text
