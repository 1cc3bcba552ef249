"""Zip archives and bad input of every kind: each gets a clear Chinese reason, the batch goes on."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile

import pytest

import fazhi
from fazhi.read import load, read_bytes, sniff
from fazhi.settings import DEFAULT

from . import renderers as R

REPORT = """某镇人民政府关于2023年度法治政府建设情况的报告
2023年，我镇全面推进法治政府建设，全年调解矛盾纠纷208起，成功194起。
一、主要举措和成效
二、存在的不足和原因
三、2024年工作打算
"""


class _GbkName(zipfile.ZipInfo):
    """How Chinese Windows tools write member names: GBK bytes and no UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _zip(members: dict[str, bytes], utf8: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name) if utf8 else _GbkName(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def test_every_member_read_by_its_own_format():
    pytest.importorskip("docx")
    inner = _zip({"c.txt": REPORT.encode("gb18030")})
    data = _zip({"甲镇/报告.pdf": R.render_pdf(REPORT), "乙镇/报告.docx": R.render_docx(REPORT),
                 "丙镇/报告.html": R.render_html(REPORT), "丁镇.zip": inner, "__MACOSX/._x": b"junk",
                 ".DS_Store": b"junk"}, utf8=False)
    docs = read_bytes(data, "reports.zip")
    got = {d.source: d.format for d in docs}
    assert got == {"reports.zip!甲镇/报告.pdf": "pdf", "reports.zip!乙镇/报告.docx": "docx",
                   "reports.zip!丙镇/报告.html": "html", "reports.zip!丁镇.zip!c.txt": "text"}
    for d in docs:
        assert d.error is None and "调解矛盾纠纷208起" in d.text
        assert len(d.sha256) == 64
    reports = fazhi.analyze_all(data)
    assert len(reports) == 4 and all(r.metadata.report_year == 2023 for r in reports)


def test_zip_bomb_and_limits():
    bomb = _zip({"big.txt": b"0" * 30_000_000})
    assert len(bomb) < 100_000
    d = read_bytes(bomb, "bomb.zip")[0]
    assert d.error and "压缩炸弹" in d.error
    many = _zip({f"{i}.txt": REPORT.encode() for i in range(30)})
    d = read_bytes(many, "many.zip", DEFAULT.with_(zip_max_members=10))[0]
    assert d.error and "超过上限" in d.error
    nested = _zip({"a.txt": REPORT.encode()})
    for _ in range(5):
        nested = _zip({"inner.zip": nested})
    docs = read_bytes(nested, "deep.zip")
    assert len(docs) == 1 and "嵌套" in docs[0].error
    total = _zip({f"{i}.txt": REPORT.encode() * 200 for i in range(5)})
    docs = read_bytes(total, "t.zip", DEFAULT.with_(zip_max_total_bytes=200_000))
    assert docs[0].error and "超过上限" in docs[0].error
    assert read_bytes(_zip({}), "empty.zip")[0].error == "压缩包中没有可读取的文件"


def test_encrypted_member():
    data = bytearray(_zip({"a.txt": REPORT.encode()}))
    # set the "encrypted" flag in the local and central headers
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        k = data.find(sig)
        off = k + (6 if sig == b"PK\x03\x04" else 8)
        data[off] |= 1
    d = read_bytes(bytes(data), "enc.zip")[0]
    assert d.error and "加密" in d.error


def test_bad_inputs_have_reasons(tmp_path):
    assert read_bytes(b"", "empty.txt")[0].error == "文件为空"
    assert "二进制" in read_bytes(bytes(range(256)) * 20, "blob.bin")[0].error
    big = tmp_path / "huge.pdf"
    with open(big, "wb") as f:
        f.truncate(1 << 30)  # a sparse 1 GB file: refused by its size, never read
    t0 = time.monotonic()
    d = load(str(big))[0]
    assert time.monotonic() - t0 < 1 and "文件过大" in d.error
    assert "文件过大" in read_bytes(b"x" * 2000, "x.txt", DEFAULT.with_(max_bytes=1000))[0].error
    assert sniff(b"PK\x03\x04garbage", "x.zip") == "zip"
    assert "损坏" in read_bytes(b"PK\x03\x04garbage", "x.zip")[0].error


def test_batch_goes_on_past_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text(REPORT, "utf-8")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "broken.pdf").write_bytes(R.render_pdf(REPORT)[:500])
    (tmp_path / "bomb.zip").write_bytes(_zip({"big.txt": b"0" * 30_000_000}))
    (tmp_path / "good.pdf").write_bytes(R.render_pdf(REPORT))
    proc = subprocess.run([sys.executable, "-m", "fazhi", "analyze", str(tmp_path), "--format", "jsonl"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    recs = {json.loads(line)["source"].rsplit("/", 1)[-1]: json.loads(line) for line in proc.stdout.splitlines()}
    assert set(recs) == {"good.txt", "empty.pdf", "broken.pdf", "bomb.zip", "good.pdf"}
    for name in ("empty.pdf", "broken.pdf", "bomb.zip"):
        f = recs[name]["findings"]
        assert [x["check"] for x in f] == ["unreadable"] and any("\u4e00" <= ch <= "\u9fff" for ch in f[0]["message"])
    assert recs["good.pdf"]["format"] == "pdf" and recs["good.pdf"]["metadata"]["report_year"] == 2023
