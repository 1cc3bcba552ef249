"""PDF: the text layer through pypdfium2, OCR for pages that have none.

pypdfium2 (BSD/Apache) rather than PyMuPDF (AGPL). We take each page's text in one
call and each character's loose box through the raw API (about 1 µs a character; the
object helpers cost 15 µs), regroup characters into lines by position, and hand the
line geometry to `layout`, which joins wrapped lines and drops page numbers and
running headers.

PDFium inserts spaces where runs change font (LibreOffice output: ``2023 年``); those
generated spaces are dropped beside Chinese characters and spacing is decided from the
gaps, while spaces that are really in the file, and generated ones between Latin words,
stay. Rotated characters (the circular text of an electronic seal)
are left out. A page whose text layer is missing or unusable is rendered and OCR'd, unless
``--ocr never``; with ``--ocr always`` every page is OCR'd.
"""
from __future__ import annotations

import math
import re

from ..data.labels import CJK, TITLE_OK
from ..record import Document
from ..settings import ReadSettings
from .layout import CELL_GAP, SPANNING, Line, Page, assemble, gutter

_BAD = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data), None
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            return None, "PDF 文件已加密（需要密码），无法读取"
        if "format" in msg or "corrupt" in msg or "file" in msg:
            return None, "PDF 文件已损坏或被截断，无法打开"
        return None, f"PDF 文件无法打开：{e}"


def _text_lines(page, tp, height: float) -> tuple[list[Line], int, int]:
    """(lines, usable characters, bad characters) of one page's text layer.

    Characters are placed by their loose boxes (font ascent to descent, so 一 is as tall
    as 国). PDFium's own line breaks give the first grouping; segments on one baseline are
    then merged and, when a segment's characters do not run left to right, sorted by
    position: LibreOffice writes each font's runs separately, so the stream order puts
    “quotes” after the Chinese text around them. Spaces PDFium generated are dropped and
    gaps decide spacing. Rotated characters (a seal's ring) are dropped; the angle is
    asked of every character only in segments whose ends or middle are rotated.
    """
    import pypdfium2.raw as raw

    n = tp.count_chars()
    if n <= 0:
        return [], 0, 0
    text = tp.get_text_range(0, n)
    if len(text) != n:  # characters outside the BMP: indices no longer line up
        text = "".join(chr(raw.FPDFText_GetUnicode(tp.raw, i) or 0xFFFD) for i in range(n))
    bad = len(_BAD.findall(text))
    usable = n - sum(map(str.isspace, text)) - bad
    h = tp.raw
    rect = raw.FS_RECTF()
    box = raw.FPDFText_GetLooseCharBox
    generated = raw.FPDFText_IsGenerated
    segments = []  # (centre, height, chars) with chars as (x0, x1, top, bottom, ch)
    pos = 0
    for m in _BREAK.finditer(text):
        a, b = pos, m.start()
        pos = m.end()
        if a >= b:
            continue
        turned = _rotated(h, a) or _rotated(h, b - 1) or _rotated(h, (a + b) // 2)
        chars = []
        append = chars.append
        for i in range(a, b):
            ch = text[i]
            if ch == " " and generated(h, i) == 1 and not _latin_gap(text, i):
                continue
            if turned and _rotated(h, i):
                continue  # a seal's ring or a vertical stamp
            if not box(h, i, rect):
                continue
            top = height - rect.top
            bottom = height - rect.bottom
            append((rect.left, rect.right, top, bottom if bottom - top >= 0.5 else top + 0.5, ch))
        if chars:
            top = min([c[2] for c in chars])
            bottom = max([c[3] for c in chars])
            segments.append(((top + bottom) / 2, bottom - top, chars, top, bottom))
    if not segments:
        return [], usable, bad
    segments.sort(key=lambda s: s[0])
    rows = [[segments[0]]]
    for seg in segments[1:]:
        ref = rows[-1][0]
        if abs(seg[0] - ref[0]) <= 0.35 * max(min(seg[1], ref[1]), 1.0):
            rows[-1].append(seg)
        else:
            rows.append([seg])
    return _columns(rows, page.get_width()), usable, bad


def _pieces(chars: list) -> list[tuple[float, float, float, float]]:
    """(x0, x1, top, bottom) of the runs of one row's characters between gaps wider than 0.8 em
    (a closing mark hanging into a two-character gutter leaves about one)."""
    chars = sorted(chars)
    out = []
    a = chars[0]
    x1 = a[1]
    top, bottom = a[2], a[3]
    for c in chars[1:]:
        if c[0] - x1 > 0.8 * max(c[3] - c[2], 1.0) and not c[4].isspace():
            out.append((a[0], x1, top, bottom))
            a, top, bottom = c, c[2], c[3]
        x1 = max(x1, c[1])
        top, bottom = min(top, c[2]), max(bottom, c[3])
    out.append((a[0], x1, top, bottom))
    return out


def _columns(rows: list, width: float) -> list[Line]:
    """Lines of the page; on a two-column page each row is cut at the gutter into a line of each
    column, and a row running across the gutter (a title, a header) spans both."""
    pieces = {id(row): _pieces([c for seg in row for c in seg[2] if not c[4].isspace()] or row[0][2])
              for row in rows}
    g = gutter([pc for row in rows for pc in pieces[id(row)]], width)
    if g is None:
        return [_line(row) for row in rows]
    out = []
    for row in rows:
        if any(a < g < b for a, b, _t, _b in pieces[id(row)]):
            ln = _line(row)
            ln.column = SPANNING
            out.append(ln)
            continue
        for col, keep in ((0, lambda c: c[1] <= g), (1, lambda c: c[1] > g)):
            part = [(*seg[:2], [c for c in seg[2] if keep(c)], *seg[3:]) for seg in row]
            part = [seg for seg in part if seg[2]]
            if any(not c[4].isspace() for seg in part for c in seg[2]):
                ln = _line(part)
                ln.column = col
                out.append(ln)
    return out


_BREAK = re.compile(r"\r\n|\n|\r|$")


def _latin_gap(text: str, i: int) -> bool:
    """A generated space between two Latin characters (``2024-04-02 10:28`` set word by word) is a
    word space; one beside a Chinese character is an artefact of a font change (``2023 年``)."""
    a = text[i - 1] if i > 0 else ""
    b = text[i + 1] if i + 1 < len(text) else ""
    return a.isascii() and b.isascii() and not a.isspace() and not b.isspace() and bool(a) and bool(b)


def _rotated(h, i: int) -> bool:
    import pypdfium2.raw as raw

    a = raw.FPDFText_GetCharAngle(h, i)
    return a > 0.05 and abs(a - 6.283185307179586) > 0.05


def _line(row: list) -> Line:
    """One visual line from its segments: characters left to right, spaces from the gaps."""
    chars = row[0][2] if len(row) == 1 else [c for seg in row for c in seg[2]]
    xs = [c[0] for c in chars]
    if len(row) > 1 or xs != sorted(xs):
        chars = sorted(chars)  # tuples sort by their left edge first
    parts = [chars[0][4]]
    prev = chars[0]
    for c in chars[1:]:
        gap = c[0] - prev[1]
        if gap > 0.2 * (c[3] - c[2]):
            a, b = prev[4], c[4]
            if not a.isspace() and not b.isspace():
                size = min(c[3] - c[2], prev[3] - prev[2])
                if gap > CELL_GAP * size:
                    parts.append(" | ")  # table cells
                elif gap > 1.5 * size or (a.isascii() and a.isalnum() and b.isascii() and b.isalnum()):
                    parts.append(" ")
        parts.append(c[4])
        prev = c
    return Line("".join(parts), chars[0][0], max([c[1] for c in chars]),
                min([seg[3] for seg in row]), max([seg[4] for seg in row]))


def _has_image(page) -> bool:
    import pypdfium2.raw as raw

    for _obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        return True
    return False


def _meta(pdf) -> dict:
    """The PDF's own title (when it reads like a report's) and its creation date."""
    out: dict = {}
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # a broken info dictionary is no reason to lose the text
        return out
    title = re.sub(r"^Microsoft Word\s*-\s*|\.(docx?|wps|pdf)$", "", (info.get("Title") or "").strip(), flags=re.I)
    if CJK.search(title) and TITLE_OK.search(title) and len(title) <= 80:
        out["pdf_title"] = title
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", info.get("CreationDate") or "")
    if m:
        out["created"] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    if info.get("Producer"):
        out["producer"] = info["Producer"][:100]
    return out


def read_pdf(data: bytes, source: str, settings: ReadSettings) -> Document:
    """Read a PDF's text, OCR-ing pages without a usable text layer (see module doc)."""
    pdf, error = _open(data)
    if pdf is None:
        return Document(source=source, format="pdf", error=error)
    try:
        return _read(pdf, source, settings)
    finally:
        pdf.close()


def _rss() -> int:
    """Resident memory of this process in bytes (0 where it cannot be read)."""
    try:
        with open("/proc/self/statm") as fh:
            import os

            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        try:
            import psutil

            return psutil.Process().memory_info().rss
        except ImportError:
            return 0


def _render_scale(w: float, h: float, settings: ReadSettings, base: int, number: int) -> tuple[float | None, str | None]:
    """The scale to render page `number` at for OCR within the pixel and memory budgets, or a Chinese reason."""
    scale = settings.ocr_dpi / 72
    pixels = w * scale * h * scale
    if pixels > settings.ocr_max_page_pixels:
        scale = math.sqrt(settings.ocr_max_page_pixels / max(w * h, 1.0))
        if scale * 72 < settings.ocr_min_dpi:
            return None, (f"第{number}页页面过大（{w / 72 * 2.54:.0f}×{h / 72 * 2.54:.0f} 厘米），按 {settings.ocr_dpi} dpi "
                          f"识别需要约 {pixels / 1e6:,.0f} 百万像素，超过每页 {settings.ocr_max_page_pixels / 1e6:,.0f} "
                          f"百万像素的上限，未做文字识别")
        pixels = w * scale * h * scale
    # the bitmap (4 bytes a pixel), its RGB copy and the seal-removed copy live at once
    if base and _rss() - base + pixels * 10 > settings.max_document_memory:
        return None, (f"第{number}页未做文字识别：本文件占用的内存将超过每份文件 "
                      f"{settings.max_document_memory // 2**20} MB 的上限")
    return scale, None


def _read(pdf, source: str, settings: ReadSettings) -> Document:
    import pypdfium2 as pdfium

    total = len(pdf)
    if total == 0:
        return Document(source=source, format="pdf", error="PDF 文件没有页面")
    count = min(total, settings.max_pages)
    pages: list[Page] = []
    ocr_done: list[int] = []
    ocr_wanted: list[int] = []
    ocr_error: str | None = None
    page_errors: list[str] = []  # one Chinese reason per page that could not be read; the others are kept
    base = _rss()
    for i in range(count):
        try:
            page = pdf[i]
        except pdfium.PdfiumError:  # the page tree names more pages than the file holds
            page_errors.append(f"第{i + 1}页缺失或已损坏，无法读取")
            pages.append(Page(*(pages[-1].width, pages[-1].height) if pages else (595.0, 842.0), []))  # keeps numbering
            continue
        try:
            w, h = page.get_size()
            lines: list[Line] = []
            usable = 0
            if settings.ocr != "always":
                tp = page.get_textpage()
                try:
                    lines, usable, bad = _text_lines(page, tp, h)
                finally:
                    tp.close()
                if usable >= settings.min_text_chars and bad <= 0.1 * (usable + bad):
                    pages.append(Page(w, h, lines))
                    continue
                if not _has_image(page):
                    pages.append(Page(w, h, lines if bad <= 0.1 * (usable + bad) else []))  # short or blank
                    continue
            if settings.ocr == "never" or len(ocr_done) >= settings.ocr_max_pages or ocr_error:
                ocr_wanted.append(i + 1)
                pages.append(Page(w, h, lines if usable else []))
                continue
            try:
                from .ocr import OCRUnavailable, ocr_page_image
            except ImportError:  # pragma: no cover
                ocr_error = "识别扫描页需要可选组件：pip install 'fazhi[ocr]'"
                ocr_wanted.append(i + 1)
                pages.append(Page(w, h, lines))
                continue
            scale, refused = _render_scale(w, h, settings, base, i + 1)
            if scale is None:
                page_errors.append(refused)
                ocr_wanted.append(i + 1)
                pages.append(Page(w, h, lines if usable else []))
                continue
            img = page.render(scale=scale).to_pil()
            try:
                pages.append(ocr_page_image(img, settings, scale))
                ocr_done.append(i + 1)
            except OCRUnavailable as e:
                ocr_error = str(e)
                ocr_wanted.append(i + 1)
                pages.append(Page(w, h, lines))
        finally:
            page.close()
    text = assemble(pages)
    fmt = "pdf-ocr" if ocr_done else "pdf"
    doc = Document(source=source, text=text, format=fmt, pages=_page_starts(text, pages))
    doc.meta.update(_meta(pdf))
    doc.meta["page_count"] = total
    if ocr_done:
        doc.meta["ocr_pages"] = len(ocr_done)
    if total > count:
        doc.meta["pages_skipped"] = total - count
    if ocr_wanted:
        doc.meta["pages_without_text"] = len(ocr_wanted)
    if page_errors:
        doc.meta["page_errors"] = "；".join(page_errors)
    if not text.strip():
        if page_errors:
            doc.error = "PDF 中没有可读取的页面：" + "；".join(page_errors[:5]) + ("……" if len(page_errors) > 5 else "")
        elif ocr_error:
            doc.error = f"PDF 没有文字层（可能是扫描件），{ocr_error}"
        elif settings.ocr == "never":
            doc.error = "PDF 没有文字层（可能是扫描件），已设置 --ocr never，未做文字识别"
        else:
            doc.error = "PDF 中没有可提取的文字"
    return doc


def _page_starts(text: str, pages: list[Page]) -> list[int]:
    """Offset in the text where each page's first line begins (best effort after joining)."""
    starts = []
    pos = 0
    for p in pages:
        first = next((ln.text.strip() for ln in sorted(p.lines, key=lambda ln: ln.top) if ln.text.strip()), None)
        if first is None:
            starts.append(pos)
            continue
        k = text.find(first[:12], pos)
        if k >= 0:
            pos = k
        starts.append(pos)
    return starts
