"""OCR of scanned pages (RapidOCR, offline): kept to a few pages because each costs seconds."""
from __future__ import annotations

import difflib
import io
import struct
import zlib

import pytest

import fazhi
from fazhi.read import read_bytes
from fazhi.settings import DEFAULT

from . import renderers as R
from .readers_fixtures import SHORT_REPORT, figure_recall, summary

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")
pytest.importorskip("pypdfium2")

REPORT = SHORT_REPORT


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.replace("\n", ""), b.replace("\n", ""), autojunk=False).ratio()


@pytest.fixture(scope="module")
def scanned():
    return read_bytes(R.render_scanned_pdf(R.render_pdf(REPORT), seal=True), "scan.pdf")[0]


def test_scanned_pdf_is_read_and_analysed_like_the_text(scanned):
    assert scanned.format == "pdf-ocr" and scanned.error is None
    assert scanned.meta["ocr_pages"] == 1
    assert _similar(scanned.text, REPORT) > 0.97, scanned.text
    assert "专用章" not in scanned.text  # the seal over the signature is not read as text
    want = summary(fazhi.analyze_text(REPORT).to_dict())
    got = summary(fazhi.analyze_document(scanned).to_dict())
    assert figure_recall(want, got) >= 0.95
    assert got["metadata"]["title"] == want["metadata"]["title"]
    assert got["metadata"]["signed"] == want["metadata"]["signed"]
    assert [s for s in got["sections"] if s[0] == 1] == [s for s in want["sections"] if s[0] == 1]


def test_red_header_scan_keeps_the_issuer_line():
    pdf = R.render_red_header_pdf(REPORT, "某县人民政府", "某政发〔2024〕5号", seal=True)
    doc = read_bytes(R.render_scanned_pdf(pdf, seal=True), "red-scan.pdf")[0]
    lines = [ln for ln in doc.text.split("\n") if ln.strip()]
    assert lines[0].replace(" ", "") == "某县人民政府文件"
    assert "专用章" not in doc.text
    rep = fazhi.analyze_document(doc)
    assert rep.metadata.title == "某县人民政府关于2023年度法治政府建设情况的报告"
    assert rep.metadata.report_year == 2023 and rep.metadata.signed == "2024-03-28"


def test_image_file_and_ocr_always_on_a_text_pdf():
    import pypdfium2 as pdfium

    pdf = R.render_pdf(REPORT)
    img = pdfium.PdfDocument(pdf)[0].render(scale=150 / 72).to_pil()
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    doc = read_bytes(buf.getvalue(), "page.png")[0]
    assert doc.format == "image" and _similar(doc.text, REPORT) > 0.97
    forced = read_bytes(pdf, "text.pdf", DEFAULT.with_(ocr="always"))[0]
    assert forced.format == "pdf-ocr" and _similar(forced.text, REPORT) > 0.97
    never = read_bytes(buf.getvalue(), "page.png", DEFAULT.with_(ocr="never"))[0]
    assert never.error and "--ocr never" in never.error


def test_only_pages_without_text_are_recognised():
    import pypdfium2 as pdfium

    annex = "附件：2023年度主要数据\n举办法治讲座26场，受益群众4100人次。\n"
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(R.render_pdf(REPORT)))
    mixed.import_pages(pdfium.PdfDocument(R.render_scanned_pdf(R.render_pdf(annex), seal=False)))
    buf = io.BytesIO()
    mixed.save(buf)
    doc = read_bytes(buf.getvalue(), "mixed.pdf")[0]
    assert doc.meta["page_count"] == 2 and doc.meta["ocr_pages"] == 1 and doc.format == "pdf-ocr"
    assert REPORT.split("\n")[3] in doc.text  # page 1 from its text layer, exactly
    assert "举办法治讲座26场" in doc.text.replace(" ", "")


def test_image_bombs_are_refused_quickly():
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")
    doc = read_bytes(png, "bomb.png")[0]
    assert doc.error and "过大" in doc.error
    broken = read_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "broken.png")[0]
    assert broken.error and ("损坏" in broken.error or "无法解码" in broken.error)


def test_ocr_text_fixes():
    from fazhi.read.ocr import fix_text

    assert fix_text("(皖政办秘〔2018]185号)") == "(皖政办秘〔2018〕185号)"
    assert fix_text("(一）依法全面履行政府职能") == "(一)依法全面履行政府职能"
    assert fix_text("发布时间:2020-03-3009:49") == "发布时间:2020-03-30 09:49"
    assert fix_text("【打印本页]") == "【打印本页】"
    assert fix_text("a]b (c") == "a]b (c"  # nothing to pair: left as recognised


def test_ocr_threads_reach_onnxruntime():
    """A batch that runs several OCR workers on one machine caps each engine's threads."""
    pytest.importorskip("rapidocr")
    from fazhi.read.ocr import engine

    one = engine(DEFAULT.with_(ocr_threads=1))
    assert one.cfg.EngineConfig.onnxruntime.intra_op_num_threads == 1
    assert engine(DEFAULT).cfg.EngineConfig.onnxruntime.intra_op_num_threads == -1  # every core
    assert engine(DEFAULT.with_(ocr_threads=1)) is one


def test_skew_is_measured_and_levelled():
    """A page turned by 1.5 degrees is measured as such (to a tenth of a degree) and levelled."""
    import numpy as np
    import pypdfium2 as pdfium

    from fazhi.read.ocr import deskew, deskew_angle

    img = pdfium.PdfDocument(R.render_pdf(REPORT))[0].render(scale=150 / 72).to_pil().convert("RGB")
    for turn in (1.5, -2.0, 0.0):
        gray = np.asarray(img.rotate(turn, fillcolor=(255, 255, 255)).convert("L"))
        assert abs(deskew_angle(gray) - turn) <= 0.1
    level = np.asarray(img)
    assert deskew(level) is level  # an upright page is left alone


def test_skewed_scan_with_a_seal_in_an_office_layout_reads_like_the_text():
    """A 28-character grid, justified, 附件 label, page number at the outer edge; scanned at 200 dpi,
    turned 2 degrees, a red seal over the signature: the same figures, sections, dates and findings."""
    pdf = R.render_pdf(REPORT, style="grid-justified")
    doc = read_bytes(R.render_scanned_pdf(pdf, dpi=200, seal=True, skew=2.0), "skewed.pdf")[0]
    assert doc.format == "pdf-ocr" and doc.error is None
    assert "专用章" not in doc.text and "附件" not in doc.text
    want = summary(fazhi.analyze_text(REPORT).to_dict())
    got = summary(fazhi.analyze_document(doc).to_dict())
    assert got["figures"] == want["figures"]
    assert got["findings"] == want["findings"]
    assert got["sections"] == want["sections"]
    assert got["metadata"] == want["metadata"]


def test_half_width_characters_come_from_the_full_width_reading():
    """Digits lost in the narrowed reading are taken from the full-width one; the Chinese
    characters and the full-width marks of the narrowed reading stay (a dash read there stays a dash)."""
    from fazhi.read.ocr import merge_half_width

    assert merge_half_width("有效公开日期：2-04-0", "有效公开日期:2024-04-02") == "有效公开日期：2024-04-02"
    assert merge_half_width("结案率约8.28%，超额", "结案率约88.28%,超额") == "结案率约88.28%，超额"
    assert merge_half_width("(2021—2025)》和", "(2021一2025)》和") == "(2021—2025)》和"
    assert merge_half_width("约8828%,超额", "约88.28%,超额") == "约88.28%,超额"  # the point between digits
    assert merge_half_width("相关部门负责人", "相关部内负责人") == "相关部门负责人"


def test_digits_in_doubt_send_a_line_to_the_full_width_pass():
    from fazhi.read.ocr import Reading, digits_in_doubt

    def reading(text: str, probs: list[float], spans: list[tuple[int, int]]) -> Reading:
        return Reading(text, sum(probs) / len(probs), probs, spans)

    sure = reading("办结70件", [1.0, 1.0, 0.99, 0.98, 1.0], [(0, 2), (3, 5), (6, 6), (7, 8), (9, 11)])
    assert not digits_in_doubt(sure)
    unsure = reading("办结70件", [1.0, 1.0, 0.99, 0.52, 1.0], [(0, 2), (3, 5), (6, 6), (7, 8), (9, 11)])
    assert digits_in_doubt(unsure)
    spread = reading("日期2-0", [1.0, 1.0, 0.99, 0.99, 0.99], [(0, 2), (3, 5), (6, 9), (10, 12), (13, 16)])
    assert digits_in_doubt(spread)  # three characters over eleven columns: digits merged or lost
    assert not digits_in_doubt(reading("一、总体情况", [1.0] * 6, [(i, i) for i in range(6)]))


def _stroke_page(swell: bool):
    """A grey page strip holding one horizontal stroke 40 px long, 3 px thick, with or
    without the heavier right end of 一 in Song type."""
    import numpy as np

    gray = np.full((60, 200), 250, dtype=np.uint8)
    gray[28:31, 80:120] = 30
    if swell:
        gray[25:33, 112:119] = 30
    return gray


def test_a_stroke_that_presses_down_at_its_end_is_one_and_an_even_one_a_dash():
    from fazhi.read.ocr import stroke_stops

    assert stroke_stops(_stroke_page(True), 100, 5, 57) is True
    assert stroke_stops(_stroke_page(False), 100, 5, 57) is False
    blank = _stroke_page(False)
    blank[:] = 250
    assert stroke_stops(blank, 100, 5, 57) is None  # no stroke there: the recogniser's reading stands


def test_scanned_dash_typo_and_date_are_read_as_printed():
    """A dash typed for 一 (进—步) stays a dash, 一 stays 一, and a date's digits survive the
    narrowed line images, in a 150 dpi scan of an office layout turned 1.5 degrees."""
    text = ("某县人民政府关于2023年度法治政府建设情况的报告\n"
            "公开日期：2024-04-02 10:28\n"
            "一是领导重视。我县根据人员变动，及时调整领导小组，做到人员变动、组织不乱、工作不断。进—步明确领导小组工作职责，"
            "领导小组负责研究制定工作计划。\n"
            "二是明确责任。全年办结案件88件，结案率约88.28%，进一步提升办案质量。\n")
    pdf = R.render_pdf(text, style="grid-justified")
    doc = read_bytes(R.render_scanned_pdf(pdf, seal=False, skew=1.5), "dash.pdf")[0]
    flat = doc.text.replace("\n", "")
    assert "进—步明确" in flat, doc.text
    assert "进一步提升" in flat and "一是领导" in flat, doc.text
    assert "2024-04-02" in flat and "88.28%" in flat and "88件" in flat, doc.text


def _columns(rows: list[dict[str, float]], chars: list[str]):
    """A recogniser's output: one row of class probabilities per column, the rest on blank."""
    import numpy as np

    prob = np.zeros((len(rows), len(chars)), dtype=np.float32)
    for t, row in enumerate(rows):
        for ch, p in row.items():
            prob[t, chars.index(ch)] = p
        prob[t, 0] = 1.0 - sum(row.values())
    return prob


def test_a_thin_quotation_mark_seen_between_characters_completes_its_pair():
    """‘ seen weakly in the blank before 枫 goes in when the line closes it (’), and not where
    nothing in the line needs it or where it could belong to the next line."""
    from fazhi.read.ocr import _decode

    chars = ["blank", "展", "枫", "桥", "后", "补", "‘", "’", "“", "”", "一", "—"]
    quoted = _columns([{"展": 1.0}, {}, {"‘": 0.04}, {"枫": 1.0}, {}, {"桥": 1.0}, {"’": 0.9}], chars)
    assert _decode(quoted, chars).text == "展‘枫桥’"
    unneeded = _columns([{"展": 1.0}, {}, {"‘": 0.04}, {"枫": 1.0}, {}, {"桥": 1.0}], chars)
    assert _decode(unneeded, chars).text == "展枫桥"
    at_the_end = _columns([{"“": 0.9}, {"后": 1.0}, {}, {"”": 0.03}], chars)
    assert _decode(at_the_end, chars).text == "“后"  # its closing mark may be on the next line
    inside = _columns([{"“": 0.9}, {"后": 1.0}, {}, {"”": 0.03}, {"补": 1.0}], chars)
    assert _decode(inside, chars).text == "“后”补"
