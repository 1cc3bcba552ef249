"""A hostile corpus, generated: one small file (or folder) per attack on the readers and the
analysis, each written here from scratch. Used by tests/test_hostile.py and bench/hostile.py.

Every case is a file an attacker can hand to `fazhi analyze`, `fazhi ingest` or an upload:
the reader must give its text or a Chinese reason, in bounded time and memory, and never
read anything outside what it was given. `build(root)` writes them all under `root/corpus`
and a file that must stay unread beside it (`root/secret.txt`).
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

SECRET = "绝密口令：红杉树-7731"
REPORT = ("某县人民政府关于2023年度法治政府建设工作情况的报告\n"
          "一、主要举措和成效\n全年受理行政复议案件12件，办结10件。组织法治培训6次，参训干部310人次。\n"
          "二、存在的不足和原因\n执法队伍专业化水平不高。原因是培训不够系统。\n"
          "三、下一年度工作安排\n加强执法人员培训。\n某县人民政府\n2024年3月1日\n")


# ----------------------------------------------------------------------------- PDF

def pdf(pages: list[tuple[float, float, str | None, bool]], claimed: int | None = None) -> bytes:
    """A minimal PDF written by hand: each page (width, height, text, drawn 1x1 image).

    Text uses the standard STSong-Light CID font (not embedded; PDFium maps its CMap, so the
    text layer extracts). `claimed` makes the page tree's /Count (and /Kids) name more pages
    than the file holds: the extra kids point at objects that do not exist.
    """
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts "
            b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
            b"/Ordering (GB1) /Supplement 4 >> >>] >>"),
        4: (b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
            b"/Length 1 >>\nstream\n\x80\nendstream"),
    }
    kids: list[int] = []
    n = 5
    for w, h, text, image in pages:
        content = b""
        y = h - 40
        for line in (text or "").split("\n"):
            if line:
                content += b"BT /F1 12 Tf 20 %d Td <%s> Tj ET\n" % (y, line.encode("utf-16-be").hex().upper().encode())
            y -= 18
        if image:
            content += b"q %d 0 0 %d 0 0 cm /Im1 Do Q\n" % (w, h)
        objs[n] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        objs[n + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R /Resources "
                       b"<< /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>" % (w, h, n))
        kids.append(n + 1)
        n += 2
    count = claimed if claimed is not None else len(kids)
    refs = [b"%d 0 R" % k for k in kids] + [b"%d 0 R" % (900 + i) for i in range(max(0, count - len(kids)))]
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(refs) + b"] /Count %d >>" % count
    out = bytearray(b"%PDF-1.7\n")
    offsets: dict[int, int] = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[k]) if k in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


REPORT_PAGES = REPORT.split("二、")[0], "二、" + REPORT.split("二、")[1]


def huge_page_pdf() -> bytes:
    """Issue case 4: a page of 14,400 x 14,400 pt (5 m square) holding one 1x1 image, after a normal page."""
    return pdf([(595, 842, REPORT_PAGES[0], False), (14400, 14400, None, True)])


def lying_count_pdf() -> bytes:
    """Issue case 11: the page tree says 5 pages, the file holds 2 readable ones."""
    return pdf([(595, 842, REPORT_PAGES[0], False), (595, 842, REPORT_PAGES[1], False)], claimed=5)


# ----------------------------------------------------------------------------- HTML

def page(body: str, title: str = "某县2023年度法治政府建设情况报告") -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body>{body}</body></html>").encode("utf-8")


def nested_html(n: int = 100_000) -> bytes:
    """Issue case 5: 100,000 unclosed <div><span> (about 1.1 MB)."""
    return page("<p>" + REPORT.replace("\n", "</p><p>") + "</p>" + "<div><span>" * n + "全年办结案件10件。")


def closed_nested_html(n: int = 100_000) -> bytes:
    return page("<div>" * n + REPORT.replace("\n", "<br>") + "</div>" * n)


def many_elements_html(limit: int = 2 * 1024 * 1024) -> bytes:
    """2 MB of small closed elements: the node budget."""
    head = "<p>" + REPORT.replace("\n", "</p><p>") + "</p>"
    cell = "<div><span>受理</span><b>1</b></div>"
    return page(head + cell * ((limit - len(head.encode())) // len(cell.encode())))


def formatting_html(n: int = 30_000) -> bytes:
    """Unclosed formatting elements that the parser re-opens inside every later paragraph."""
    return page("<b><i><u><em><strong><font><s><small>" * 40 + "<p>" + REPORT.replace("\n", "<p>") + "<p>办结。" * n)


def link_page(href: str) -> bytes:
    """A saved page whose body is nothing but a link to its attachment (as `fazhi crawl` stores them)."""
    return page(f"<div class='TRS_Editor'><p>附件：<a href='{href}'>2023年度法治政府建设情况报告.pdf</a></p></div>")


# ----------------------------------------------------------------------------- others that held

def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("报告.txt", b"0" * (60 * 1024 * 1024))
    return buf.getvalue()


def xxe_docx(target: Path) -> bytes:
    """A DOCX whose document.xml declares an external entity naming `target`."""
    doc = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w [<!ENTITY x SYSTEM "file://{target}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>某县2023年度法治政府建设情况报告</w:t></w:r></w:p>'
           '<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
          'document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
    return buf.getvalue()


def number_text(digits: int, unit: str) -> str:
    return REPORT.replace("组织法治培训6次", f"全年共开展培训{'1' * digits}{unit}，组织法治培训6次")


# ----------------------------------------------------------------------------- the corpus

def build(root: Path) -> dict[str, Path]:
    """Write every case under root/corpus (and the secret beside it); returns case name -> path."""
    root.mkdir(parents=True, exist_ok=True)
    secret = root / "secret.txt"
    secret.write_text(REPORT.replace("主要举措和成效", "主要举措和成效\n" + SECRET), "utf-8")
    c = root / "corpus"
    c.mkdir(exist_ok=True)
    out: dict[str, Path] = {}

    def put(name: str, data: bytes | str) -> Path:
        p = c / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        out[name] = p
        return p

    # 1: a saved page and a crafted crawl manifest pointing outside the folder
    crawl = c / "crawl"
    put("crawl/page.html", link_page("report.pdf"))
    (crawl / "fazhi-crawl.jsonl").write_text(
        json.dumps({"url": "http://example.gov.cn/a/page.html", "path": "page.html", "kind": "page"}) + "\n"
        + json.dumps({"url": "http://example.gov.cn/a/report.pdf", "path": "../../secret.txt", "kind": "file"})
        + "\n", "utf-8")
    # 2 and 3: numbers longer than any figure
    put("number_5000_digits.txt", number_text(5000, "年"))
    put("number_400_digits.txt", number_text(400, "次"))
    # 3: text that is not valid UTF-8 in two ways: an encoded surrogate, and a file name that is not UTF-8
    put("surrogate_bytes.txt", REPORT.encode("utf-8").replace("全年".encode(), b"\xed\xa0\x80" + "全年".encode(), 1))
    raw = bytes(c) + b"/name_\xff\xfe.txt"
    try:
        with open(raw, "wb") as fh:
            fh.write(REPORT.encode("utf-8"))
        out["name_not_utf8.txt"] = Path(raw.decode("utf-8", "surrogateescape"))
    except OSError:  # a file system that refuses such names
        pass
    # 4: the huge page, and the page tree that lies about its length
    put("huge_page.pdf", huge_page_pdf())
    put("lying_page_count.pdf", lying_count_pdf())
    # 5: nesting and size
    put("nested_unclosed.html", nested_html())
    put("nested_closed.html", closed_nested_html())
    put("many_elements.html", many_elements_html())
    put("formatting_elements.html", formatting_html())
    # the ones that held, kept so they keep holding
    put("zip_bomb.zip", zip_bomb())
    put("xxe.docx", xxe_docx(secret))
    put("gbk_undeclared.html", ("<html><head><title>某县2023年度法治政府建设情况报告</title></head><body><p>"
                                + REPORT.replace("\n", "</p><p>") + "</p></body></html>").encode("gb18030"))
    put("empty.txt", b"")
    put("truncated.pdf", lying_count_pdf()[:300])
    put("not_really.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40)
    put("long_line.txt", "全年受理案件" + "十" * 300_000)
    put("control_chars.txt", REPORT.replace("全年", "\x00\x07\x1b[31m全年"))
    return out
