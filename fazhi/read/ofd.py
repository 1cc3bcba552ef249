"""OFD (GB/T 33190, the national fixed-layout format): text objects in reading order.

An OFD file is a ZIP of XML: OFD.xml names the document root, Document.xml lists the
pages, each page's Content.xml holds TextObjects (a Boundary, a font size, TextCodes with
X/Y positions and DeltaX advances). Converters write objects in any order and split a
line into one object per font or per character, so reading order comes from the
coordinates: we place every run and let `layout` rebuild lines and paragraphs, exactly
as for a PDF. ofdkit (Apache-2.0, stdlib only) does the XML work, including transforms,
templates and composite objects; when it is missing or refuses a file, a small reader of
our own takes the plain path OFD.xml → Document.xml → pages → TextCode.
"""
from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET

from ..data.labels import TITLE_OK
from ..record import Document
from ..settings import ReadSettings
from .layout import Line, Page, assemble, merge_fragments
from .zipsafe import ZipRefused, check_xml_parts, has_dtd, open_zip, read_member


def _line(text: str, x: float, baseline: float, size: float, width: float) -> Line:
    size = size if size > 0 else 3.5
    return Line(text, x, x + max(width, size * 0.5), baseline - 0.85 * size, baseline + 0.15 * size)


def _pages_ofdkit(data: bytes, settings: ReadSettings) -> tuple[list[Page], dict, int]:
    import ofdkit

    pages: list[Page] = []
    meta: dict = {}
    with ofdkit.open(data) as doc:
        info = doc.info
        if info.title and TITLE_OK.search(info.title):
            meta["ofd_title"] = info.title[:120]
        if info.author:
            meta["author"] = info.author[:100]
        if info.creation_date:
            meta["created"] = info.creation_date[:10]
        total = len(doc.pages)
        for p in doc.pages[: settings.max_pages]:
            x0, y0, w, h = p.box
            frags = [_line(r.text, r.x - x0, r.y - y0, r.size, r.width) for r in p.runs if r.text.strip()]
            pages.append(Page(w, h, merge_fragments(frags)))
    return pages, meta, total


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kids(el, name: str):
    return [c for c in el if _local(c.tag) == name]


def _deltas(value: str | None, limit: int) -> list[float]:
    out: list[float] = []
    tokens = (value or "").split()
    i = 0
    while i < len(tokens) and len(out) < limit:
        try:
            if tokens[i] == "g" and i + 2 < len(tokens):
                out.extend([float(tokens[i + 2])] * max(0, min(int(float(tokens[i + 1])), limit - len(out))))
                i += 3
                continue
            out.append(float(tokens[i]))
        except (ValueError, OverflowError):
            pass
        i += 1
    return out


def _pages_own(data: bytes, settings: ReadSettings) -> tuple[list[Page], dict, int]:
    """The plain path through an OFD package, for when ofdkit is absent or gives up."""
    zf = open_zip(data, settings, "OFD 文件")
    names = {i.filename.lstrip("/").replace("\\", "/"): i for i in zf.infolist()}
    lower = {n.lower(): n for n in names}

    def xml(path: str):
        key = lower.get(posixpath.normpath(path.lstrip("/")).lower())
        if key is None:
            raise ZipRefused(f"OFD 文件缺少“{path}”")
        raw = read_member(zf, names[key], settings.xml_max_bytes)
        if has_dtd(raw):
            raise ZipRefused(f"OFD 文件中的“{path}”含有 DTD/实体声明（可能是 XML 实体攻击），拒绝读取")
        try:
            return ET.fromstring(raw)
        except ET.ParseError as e:
            raise ZipRefused(f"OFD 文件中的“{path}”不是有效的 XML（{e}）") from e

    root = xml("OFD.xml")
    body = next((b for b in root.iter() if _local(b.tag) == "DocBody"), None)
    doc_root = next((c.text for c in body.iter() if _local(c.tag) == "DocRoot"), None) if body is not None else None
    if not doc_root:
        raise ZipRefused("OFD 文件的 OFD.xml 中没有 DocRoot，无法找到正文")
    doc_path = doc_root.strip()
    document = xml(doc_path)
    base = posixpath.dirname(doc_path.lstrip("/"))
    box = next((c.text for c in document.iter() if _local(c.tag) == "PhysicalBox"), None)
    try:
        _x, _y, pw, ph = (float(v) for v in (box or "0 0 210 297").split()[:4])
    except ValueError:
        pw, ph = 210.0, 297.0
    page_refs = [p.get("BaseLoc") for p in document.iter() if _local(p.tag) == "Page" and p.get("BaseLoc")]
    pages = []
    for loc in page_refs[: settings.max_pages]:
        content = xml(posixpath.join(base, loc.strip()))
        frags = []
        for obj in content.iter():
            if _local(obj.tag) != "TextObject":
                continue
            try:
                bx, by = (float(v) for v in (obj.get("Boundary") or "0 0").split()[:2])
                size = float(obj.get("Size") or 3.5)
            except ValueError:
                continue
            x = y = 0.0
            for code in _kids(obj, "TextCode"):
                text = code.text or ""
                try:
                    x = float(code.get("X", x))
                    y = float(code.get("Y", y))
                except ValueError:
                    continue
                if not text.strip():
                    continue
                adv = _deltas(code.get("DeltaX"), len(text) - 1)
                width = sum(adv) + size * (0.5 if text[-1].isascii() else 1.0) + \
                    sum(size * (0.5 if ch.isascii() else 1.0) for ch in text[len(adv):-1])
                frags.append(_line(text, bx + x, by + y, size, width))
        pages.append(Page(pw, ph, merge_fragments(frags)))
    return pages, {}, len(page_refs)


def read_ofd(data: bytes, source: str, settings: ReadSettings) -> Document:
    """Read an OFD file's text in reading order (see module doc)."""
    try:
        zf = open_zip(data, settings, "OFD 文件")
        check_xml_parts(zf, settings, "OFD 文件")
    except ZipRefused as e:
        return Document(source=source, format="ofd", error=str(e))
    try:
        import ofdkit  # noqa: F401
    except ImportError:
        ofdkit_error: str | None = "ofdkit 未安装"
    else:
        ofdkit_error = None
    pages: list[Page] = []
    meta: dict = {}
    total = 0
    if ofdkit_error is None:
        try:
            pages, meta, total = _pages_ofdkit(data, settings)
        except Exception as e:  # ofdkit refused or failed: our own reader may still manage
            ofdkit_error = f"{type(e).__name__}: {e}"
    if ofdkit_error is not None or not any(p.lines for p in pages):
        try:
            own, own_meta, own_total = _pages_own(data, settings)
        except ZipRefused as e:
            return Document(source=source, format="ofd", error=str(e))
        if any(p.lines for p in own) or not pages:
            pages, meta, total = own, {**meta, **own_meta}, own_total
    text = assemble(pages)
    doc = Document(source=source, text=text, format="ofd", meta=meta)
    doc.meta["page_count"] = total
    if total > len(pages):
        doc.meta["pages_skipped"] = total - len(pages)
    if not text.strip():
        doc.error = "OFD 文件中没有文字（可能只含图片，请转为 PDF 后以文字识别读取）"
    return doc
