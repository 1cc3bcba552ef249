"""DOC, WPS and RTF through LibreOffice; clear reasons when it is missing, slow, or the file is not a report."""
from __future__ import annotations

import stat
import time

import pytest

import fazhi
from fazhi.read import read_bytes, sniff
from fazhi.read.office import MISSING, convert, ole_kind
from fazhi.settings import DEFAULT

from . import renderers as R
from .readers_fixtures import needs_soffice

pytest.importorskip("docx")

REPORT = """某县司法局2023年度法治政府建设情况报告
2023年，我局全面推进法治政府建设。
一、主要举措和成效
全年受理行政复议案件73件，办结70件，办结率95.9%。
二、存在的不足和原因
执法队伍专业化水平有待提高，原因是培训不够系统。
三、2024年工作打算
继续深化法治政府建设。
某县司法局
2024年3月28日
"""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole(*streams: str) -> bytes:
    """Enough of an OLE compound file to be recognised: the magic and directory names."""
    body = b"".join(s.encode("utf-16-le") + b"\0\0" for s in streams)
    return OLE_MAGIC + b"\0" * 504 + body + b"\0" * 1024


@pytest.fixture(scope="module")
def doc_bytes():
    data, error = convert(R.render_docx(REPORT), ".docx", DEFAULT, target="doc")
    assert error is None
    return data


@needs_soffice
def test_doc_and_wps_read_like_the_text(doc_bytes):
    assert sniff(doc_bytes, "report.bin") == "ole" and ole_kind(doc_bytes, "r.doc") == "doc"
    doc = read_bytes(doc_bytes, "report.doc")[0]
    assert doc.format == "doc" and doc.error is None and doc.meta["converted_by"] == "LibreOffice"
    assert [ln for ln in doc.text.split("\n") if ln] == [ln for ln in REPORT.split("\n") if ln]
    a, b = fazhi.analyze_text(REPORT), fazhi.analyze_document(doc)
    assert (a.metadata.title, a.metadata.signed) == (b.metadata.title, b.metadata.signed)
    assert [(f.indicator, f.value) for f in a.figures] == [(f.indicator, f.value) for f in b.figures]
    wps = read_bytes(doc_bytes, "某县报告.wps")[0]
    assert wps.format == "wps" and wps.text == doc.text


@needs_soffice
@pytest.mark.parametrize("style", ["numbered", "revised"])
def test_doc_saved_from_word_reads_like_its_docx(style):
    """Numbering, text boxes, headers and footers, tracked changes and fields survive the trip
    through .doc (the format WPS also writes): the same text as the .docx it was saved from."""
    text = REPORT.replace("全年受理", "（一）依法履职。全年受理").replace("继续深化", "1.继续深化")
    docx_bytes = R.render_docx(text, style=style)
    data, error = convert(docx_bytes, ".docx", DEFAULT, target="doc")
    assert error is None
    want = read_bytes(docx_bytes, "r.docx")[0].text
    assert read_bytes(data, "r.doc")[0].text == want
    assert [ln for ln in want.split("\n") if ln] == [ln for ln in text.split("\n") if ln]


@needs_soffice
def test_rtf_is_converted():
    rtf = (r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}\f0 "
           r"\'c4\'b3\'cf\'d8\'b7\'a8\'d6\'ce\'d5\'fe\'b8\'ae\'bd\'a8\'c9\'e8\'c7\'e9\'bf\'f6\'b1\'a8\'b8\'e6\par}").encode()
    assert sniff(rtf, "x.doc") == "rtf"
    doc = read_bytes(rtf, "x.rtf")[0]
    assert doc.error is None and doc.text.strip() == "某县法治政府建设情况报告"


def test_missing_libreoffice_names_what_to_install(monkeypatch):
    monkeypatch.setenv("FAZHI_SOFFICE", "/nonexistent/soffice")
    doc = read_bytes(_ole("WordDocument", "1Table"), "old.doc")[0]
    assert doc.error == MISSING and "LibreOffice" in doc.error and "apt-get install" in doc.error
    assert doc.format == "doc"
    rep = fazhi.analyze_document(doc)
    assert rep.findings[0].check == "unreadable" and "LibreOffice" in rep.findings[0].message


def test_hanging_conversion_is_killed(tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\nsleep 60\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("FAZHI_SOFFICE", str(script))
    t0 = time.monotonic()
    doc = read_bytes(_ole("WordDocument"), "slow.doc", DEFAULT.with_(soffice_timeout=1.0))[0]
    assert time.monotonic() - t0 < 15
    assert doc.error and "超过 1 秒" in doc.error


def test_what_an_ole_file_is():
    assert ole_kind(_ole("WordDocument", "WpsCustomData"), "x.doc") == "wps"
    enc = read_bytes(_ole("EncryptionInfo", "EncryptedPackage"), "secret.docx")[0]
    assert enc.error and "加密" in enc.error
    xls = read_bytes(_ole("Workbook"), "data.xls")[0]
    assert xls.error and "Excel" in xls.error
    ppt = read_bytes(_ole("PowerPoint Document"), "slides.ppt")[0]
    assert ppt.error and "PowerPoint" in ppt.error
    junk = read_bytes(OLE_MAGIC + b"\0" * 100, "junk.doc")[0]
    assert junk.error and "无法识别" in junk.error
