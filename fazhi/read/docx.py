"""DOCX through python-docx: paragraphs and tables in body order, headings as outline hints.

Word keeps automatic numbering (一、 (一) 1.) out of the paragraph text: the numeral
lives in numbering.xml and is drawn by Word. A reviewer sees "一、加强领导", so we render
the numeral back into the text (level formats chineseCounting, decimal, circled …,
counters per list, lower levels restarting), and the outline parser sees what the reader
sees. Tracked changes are read as accepted (insertions kept, deletions and moved-away
text dropped); a field shows the result Word last displayed, never its instruction.
Headers and footers (running titles, page numbers) are not read. Paragraphs in a heading
style (Heading N / 标题 N, or an outline level) become hints with their level. Text
boxes (red headers are often drawn in one) are read as lines of their own, unless they
hold only a page number or an 附件 label. Core properties give the author and dates, not the report's dates:
Word stamps them when a file is saved, not when a report is signed or published.
"""
from __future__ import annotations

import io
import re

from ..data.labels import TITLE_OK
from ..record import Document
from ..settings import ReadSettings
from .layout import is_furniture_text
from .zipsafe import ZipRefused, check_xml_parts, open_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_CN = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 35 → 三十五 (numbering in reports stays below 100)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                 (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += s
            n -= v
    return out


def format_number(n: int, fmt: str) -> str:
    """One counter in a Word number format."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "ideographDigital", "taiwaneseCounting",
               "taiwaneseCountingThousand"):
        return chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return chinese_number(n).translate(str.maketrans("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾"))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Renders the label Word draws before a numbered paragraph."""

    def __init__(self, part) -> None:
        self.levels: dict[str, dict[int, dict]] = {}  # numId -> ilvl -> {fmt, text, start}
        self.counters: dict[str, dict[int, int]] = {}
        if part is None:
            return
        root = part.element
        abstract: dict[str, dict[int, dict]] = {}
        for an in root.findall(f"{_W}abstractNum"):
            abstract[an.get(f"{_W}abstractNumId")] = {
                int(lvl.get(f"{_W}ilvl", "0")): self._level(lvl) for lvl in an.findall(f"{_W}lvl")}
        for num in root.findall(f"{_W}num"):
            nid = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val") if ref is not None else "", {}))
            for ov in num.findall(f"{_W}lvlOverride"):
                ilvl = int(ov.get(f"{_W}ilvl", "0"))
                lvl = ov.find(f"{_W}lvl")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                so = ov.find(f"{_W}startOverride")
                if so is not None and ilvl in levels:
                    levels[ilvl] = {**levels[ilvl], "start": int(so.get(f"{_W}val", "1"))}
            self.levels[nid] = levels

    @staticmethod
    def _level(lvl) -> dict:
        def val(tag: str, default: str) -> str:
            el = lvl.find(f"{_W}{tag}")
            return el.get(f"{_W}val", default) if el is not None else default

        try:
            start = int(val("start", "1"))
        except ValueError:
            start = 1
        return {"fmt": val("numFmt", "decimal"), "text": val("lvlText", ""), "start": start}

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, {})
        lvl = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, lvl["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if lvl["fmt"] == "bullet":
            return ""

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            spec = levels.get(k, lvl)
            return format_number(counters.get(k, spec["start"]), spec["fmt"])

        return re.sub(r"%(\d)", sub, lvl["text"])


def _num_pr(p, styles: dict) -> tuple[str, int] | None:
    ppr = p.find(f"{_W}pPr")
    np_ = ppr.find(f"{_W}numPr") if ppr is not None else None
    if np_ is None and ppr is not None:
        st = ppr.find(f"{_W}pStyle")
        sid = st.get(f"{_W}val") if st is not None else None
        seen = set()
        while sid and sid in styles and sid not in seen and np_ is None:
            seen.add(sid)
            np_, sid = styles[sid]["numPr"], styles[sid]["basedOn"]
    if np_ is None:
        return None
    nid = np_.find(f"{_W}numId")
    il = np_.find(f"{_W}ilvl")
    if nid is None:
        return None
    try:
        return nid.get(f"{_W}val"), int(il.get(f"{_W}val", "0")) if il is not None else 0
    except ValueError:
        return None


def _styles(doc) -> dict:
    """styleId -> name, outline level, numbering and parent, read once."""
    out = {}
    try:
        root = doc.styles.element
    except Exception:  # a document without a styles part
        return out
    for st in root.findall(f"{_W}style"):
        sid = st.get(f"{_W}styleId")
        name_el = st.find(f"{_W}name")
        ppr = st.find(f"{_W}pPr")
        based = st.find(f"{_W}basedOn")
        ol = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
        out[sid] = {"name": name_el.get(f"{_W}val") if name_el is not None else sid,
                    "numPr": ppr.find(f"{_W}numPr") if ppr is not None else None,
                    "outline": int(ol.get(f"{_W}val")) if ol is not None and ol.get(f"{_W}val", "").isdigit() else None,
                    "basedOn": based.get(f"{_W}val") if based is not None else None}
    return out


def _heading_level(p, styles: dict) -> int | None:
    ppr = p.find(f"{_W}pPr")
    if ppr is not None:
        ol = ppr.find(f"{_W}outlineLvl")
        if ol is not None and ol.get(f"{_W}val", "").isdigit() and int(ol.get(f"{_W}val")) < 9:
            return int(ol.get(f"{_W}val")) + 1
        st = ppr.find(f"{_W}pStyle")
        sid = st.get(f"{_W}val") if st is not None else None
        seen = set()
        while sid and sid in styles and sid not in seen:
            seen.add(sid)
            s = styles[sid]
            m = _HEADING.match(s["name"] or "")
            if m:
                return int(m.group(1))
            if s["outline"] is not None and s["outline"] < 9:
                return s["outline"] + 1
            sid = s["basedOn"]
    return None


def _para_text(p) -> str:
    """Visible text of a paragraph: runs, hyperlinks, tabs and breaks; not deleted text, not text boxes."""
    out = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{_W}t":
            if _inside(el, p, (f"{_W}txbxContent", f"{_W}del", f"{_W}moveFrom")):
                continue
            out.append(el.text or "")
        elif tag == f"{_W}tab" and el.getparent() is not None and el.getparent().tag == f"{_W}r":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            if not _inside(el, p, (f"{_W}txbxContent",)):
                out.append("\n")
    return "".join(out)


def _inside(el, stop, tags: tuple[str, ...]) -> bool:
    q = el.getparent()
    while q is not None and q is not stop:
        if q.tag in tags:
            return True
        q = q.getparent()
    return False


def _text_boxes(p) -> list[str]:
    """Text boxes anchored in a paragraph, each once (WPS writes a DrawingML box and its VML
    fallback); a box holding only a page number or an 附件 label is furniture and dropped."""
    seen: list[str] = []
    for box in p.iter(f"{_W}txbxContent"):
        if _inside(box, p, (f"{_W}txbxContent",)):
            continue
        for inner in box.iter(f"{_W}p"):
            t = _para_text(inner).strip()
            if t and t not in seen and not is_furniture_text(t):
                seen.append(t)
    return seen


def read_docx(data: bytes, source: str, settings: ReadSettings, fmt: str = "docx") -> Document:
    """Read a .docx (see module doc); `fmt` names the original format when LibreOffice converted it."""
    try:
        zf = open_zip(data, settings, "DOCX 文件")
        check_xml_parts(zf, settings, "DOCX 文件")
    except ZipRefused as e:
        return Document(source=source, format=fmt, error=str(e))
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        return Document(source=source, format=fmt, error=f"DOCX 文件结构不完整，无法读取（{type(e).__name__}）")
    except Exception as e:  # lxml XMLSyntaxError and friends: a damaged part
        return Document(source=source, format=fmt, error=f"DOCX 文件已损坏，无法读取（{type(e).__name__}: {e}）")
    styles = _styles(d)
    try:
        numbering = Numbering(d.part.numbering_part)
    except (KeyError, NotImplementedError, AttributeError):
        numbering = Numbering(None)
    lines: list[str] = []
    hints: list[dict] = []
    pos = 0

    def add(text: str, level: int | None = None) -> None:
        nonlocal pos
        for i, piece in enumerate(text.split("\n")):
            piece = piece.rstrip()
            if not piece.strip():
                continue
            if level is not None and i == 0:
                lead = len(piece) - len(piece.lstrip())
                hints.append({"start": pos + lead, "end": pos + len(piece), "level": level})
            lines.append(piece)
            pos += len(piece) + 1

    def walk(container) -> None:
        for el in container.iterchildren():
            if el.tag == f"{_W}p":
                for box in _text_boxes(el):
                    add(box)
                text = _para_text(el)
                num = _num_pr(el, styles)
                label = numbering.label(*num) if num else ""
                if text.strip():
                    add(label + text.lstrip() if label else text, _heading_level(el, styles))
            elif el.tag == f"{_W}tbl":
                for tr in el.iter(f"{_W}tr"):
                    cells = []
                    for tc in tr.iterchildren(f"{_W}tc"):
                        ct = " ".join(t for t in (_para_text(p).strip() for p in tc.iter(f"{_W}p")) if t)
                        cells.append(ct)
                    row = " | ".join(c for c in cells if c)
                    if row:
                        add(row)
            elif el.tag == f"{_W}sdt":
                content = el.find(f"{_W}sdtContent")
                if content is not None:
                    walk(content)

    walk(d.element.body)
    text = "\n".join(lines)
    meta: dict = {}
    cp = d.core_properties
    title = (cp.title or "").strip()
    if title and TITLE_OK.search(title) and re.search(r"[\u4e00-\u9fff]", title) and len(title) <= 80:
        meta["docx_title"] = title
    if cp.author and cp.author.strip() and cp.author != "python-docx":
        meta["author"] = cp.author.strip()[:100]
    for key, value in (("created", cp.created), ("modified", cp.modified)):
        if value is not None:
            meta[key] = value.date().isoformat()
    return Document(source=source, text=text, format=fmt, meta=meta, hints=hints)
