"""OFD (GB/T 33190): reading order from coordinates, ofdkit and our own fallback, hostile packages."""
from __future__ import annotations

import builtins
import io
import zipfile

import fazhi
from fazhi.read import read_bytes, sniff
from fazhi.read.layout import assemble
from fazhi.read.ofd import _pages_own, read_ofd
from fazhi.settings import DEFAULT

from . import renderers as R

REPORT = """某县人民政府关于2023年度法治政府建设情况的报告
2023年，我县坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》，全面推进法治政府建设。
一、主要举措和成效
全年受理行政复议案件73件，办结70件，办结率95.9%；组织行政执法人员培训12次，参训860人次。
二、存在的不足和原因
执法队伍专业化水平有待提高，原因是培训不够系统。
三、2024年工作打算
继续深化法治政府建设。
某县人民政府
2024年3月28日
"""


def _paras(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def test_ofd_reads_in_reading_order():
    data = R.render_ofd(REPORT, title="某县人民政府关于2023年度法治政府建设情况的报告")
    assert sniff(data, "report.zip") == "ofd"
    doc = read_bytes(data, "r.ofd")[0]
    assert doc.format == "ofd" and doc.error is None
    assert _paras(doc.text) == _paras(REPORT)
    assert doc.meta["ofd_title"] == "某县人民政府关于2023年度法治政府建设情况的报告"
    a, b = fazhi.analyze_text(REPORT), fazhi.analyze_document(doc)
    assert a.metadata.title == b.metadata.title and a.metadata.signed == b.metadata.signed
    assert [(f.indicator, f.value) for f in a.figures] == [(f.indicator, f.value) for f in b.figures]


def test_own_reader_matches_ofdkit(monkeypatch):
    data = R.render_ofd(REPORT)
    pages, _meta, total = _pages_own(data, DEFAULT)
    assert total == len(pages) == 1
    assert _paras(assemble(pages)) == _paras(REPORT)
    real_import = builtins.__import__

    def no_ofdkit(name, *args, **kwargs):
        if name == "ofdkit":
            raise ImportError("no ofdkit")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ofdkit)
    doc = read_ofd(data, "r.ofd", DEFAULT)
    assert doc.error is None and _paras(doc.text) == _paras(REPORT)


def _replace(data: bytes, name: str, body: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, body if info.filename == name else src.read(info.filename))
    return out.getvalue()


def test_hostile_and_broken_ofd():
    data = R.render_ofd(REPORT)
    xxe = _replace(data, "Doc_0/Pages/Page_0/Content.xml",
                   b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><ofd:Page '
                   b'xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:TextObject Boundary="0 0 10 10" '
                   b'Size="4"><ofd:TextCode X="0" Y="4">&x;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')
    doc = read_bytes(xxe, "xxe.ofd")[0]
    assert doc.error and "实体" in doc.error and "root:" not in doc.text
    no_root = _replace(data, "OFD.xml", b'<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody/></ofd:OFD>')
    doc = read_bytes(no_root, "noroot.ofd")[0]
    assert doc.error and "OFD" in doc.error
    images_only = _replace(data, "Doc_0/Pages/Page_0/Content.xml",
                           b'<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
                           b'<ofd:ImageObject ResourceID="9" Boundary="0 0 210 297"/></ofd:Layer></ofd:Content></ofd:Page>')
    doc = read_bytes(images_only, "scan.ofd")[0]
    assert doc.error and "没有文字" in doc.error
    cut = read_bytes(data[: len(data) // 2], "cut.ofd")[0]
    assert cut.error
    for bad in (xxe, no_root, images_only):
        assert fazhi.analyze_document(read_bytes(bad, "b.ofd")[0]).findings[0].check == "unreadable"


def test_page_limit_applies():
    long = REPORT.replace("继续深化法治政府建设。", "继续深化法治政府建设。" + "推进严格规范公正文明执法。" * 200)
    data = R.render_ofd(long)
    doc = read_bytes(data, "long.ofd", DEFAULT.with_(max_pages=1))[0]
    assert doc.meta["page_count"] > 1 and doc.meta["pages_skipped"] == doc.meta["page_count"] - 1
