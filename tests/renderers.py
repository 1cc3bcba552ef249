"""Render a report's text into the forms reports are published in, for tests and the bench.

Each renderer lays the report out the way a publisher would: a government web page with
breadcrumbs, a metadata table, share bars, related links and a footer; a PDF as offices
print it (PDF_STYLES: first-line indents or none, a 28-character grid on which lines
holding digits end short, justified lines, spaced paragraphs, two columns, ``— N —`` or
``第N页 共M页`` page numbers, running headers, an 附件 label, an electronic seal, ruled
table rows), with the Chinese rule that no line starts with a closing mark; a scanned PDF
made of page images with noise, a red seal over the signature and a slant; a DOCX as its
authors leave it (DOCX_STYLES: heading styles, automatic numbering, text boxes, headers
and footers with fields, tracked changes); and an OFD package with one text object per
run of one script. What the page says about the report (title, dates, issuer) comes from
analysing the text itself, so the rendered copy claims nothing the text does not.
"""
from __future__ import annotations

import html
import io
import random
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache

import fazhi

A4 = (595.28, 841.89)  # points
MARGINS = (79.0, 74.0, 100.0, 90.0)  # left, right, top, bottom (GB/T 9704 type area, rounded)
_CLOSING = set("，。、；：？！”’）》」』】〕%．,.;:?!)]")
_OPENING = set("“‘（《「『【〔([")


@dataclass
class Block:
    """One paragraph of the report with its role in the layout."""

    text: str
    role: str  # title | heading1 | heading2 | heading3 | para | signature | pre (furniture above the title)


@lru_cache(maxsize=256)
def _analysis(text: str) -> dict:
    rep = fazhi.analyze_text(text)
    return {"record": rep.to_dict(), "title_span": rep.metadata.title_span, "body_end": rep.body_end,
            "sections": [(s.start, s.level) for s in rep.sections]}


def blocks(text: str) -> list[Block]:
    """The text's non-empty lines, each tagged title / heading / signature / body."""
    a = _analysis(text)
    title_span = a["title_span"]
    heads = dict(a["sections"])
    out: list[Block] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        t = line.strip()
        if not t:
            continue
        lead = start + len(line) - len(line.lstrip())
        if title_span and start < title_span[1] and start + len(line) > title_span[0]:
            role = "title"
        elif title_span and start + len(line) <= title_span[0]:
            role = "pre"
        elif start in heads or lead in heads:
            role = f"heading{min(3, heads.get(start, heads.get(lead, 1)))}"
        elif start >= a["body_end"] and len(t) <= 40:
            role = "signature"
        else:
            role = "para"
        out.append(Block(t, role))
    return out


def metadata(text: str) -> dict:
    """What the analysis says about the text (the page around it repeats only this)."""
    return _analysis(text)["record"]["metadata"]


def title_of(text: str) -> str | None:
    return metadata(text).get("title")


# ---------------------------------------------------------------------------- HTML

_NAV = ["首页", "政务公开", "政务服务", "互动交流", "走进本地", "专题专栏"]
_RELATED = ["关于印发2022年度法治政府建设工作要点的通知", "2022年度法治政府建设情况报告",
            "关于开展2023年度法治政府建设督察的通知", "行政执法“三项制度”落实情况"]


def render_html(text: str, style: str = "trs", encoding: str = "utf-8", declare: bool = True,
                attachment: str | None = None, page_meta: dict | None = None) -> bytes:
    """A government page around the report, in one of three CMS styles.

    trs: metadata table (索引号/主题分类/发布机构/成文日期/名称/文号/发布日期) and the
    article in div#zoom.TRS_Editor; list: the metadata block as a list of label/value
    spans and the article in div.pages_content; lines: labelled lines under the title
    (发布时间 … 来源 …) and the article in div.article-content; plain: the same, with the
    article in a container no CMS list knows. `attachment` replaces the
    body with a single link to that file, as pages that only carry a PDF do. `page_meta`
    makes the page claim more than the text (a publication date, say).
    """
    md = {**metadata(text), **(page_meta or {})}
    bl = blocks(text)
    title = md.get("title")
    site = "某县人民政府"
    pre = [b.text for b in bl if b.role == "pre"]
    body = [b for b in bl if b.role not in ("title", "pre")]
    published, signed, issuer = md.get("published"), md.get("signed"), md.get("issuer")
    issuer_shown = issuer if issuer and "issuer" not in (md.get("inferred") or []) else None
    e = html.escape
    paras = []
    for b in body:
        if b.role == "signature":
            paras.append(f'<p style="text-align:right">{e(b.text)}</p>')
        elif b.role.startswith("heading"):
            paras.append(f'<p style="text-indent:2em"><strong>{e(b.text)}</strong></p>')
        else:
            paras.append(f'<p style="text-indent:2em">{e(b.text)}</p>')
    if attachment:
        paras = [f'<p><a href="{e(attachment)}">{e((title or "报告") + attachment[attachment.rfind("."):])}</a></p>']
    article = "\n".join(paras)
    crumbs = " &gt; ".join(f'<a href="/{i}/">{n}</a>' for i, n in enumerate(["首页", "政务公开", "法治政府建设"]))
    if pre:
        crumbs = e(" ".join(pre))
    head_meta = ""
    if declare:
        head_meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
                     if style != "list" else f'<meta charset="{encoding}">')
    rows = []
    if style == "trs":
        rows.append(("索引号", "11522128MB1234567X/2024-00012", "主题分类", "政府法制"))
        rows.append(("发布机构", issuer_shown or "", "成文日期", _cn_date(signed) if signed else ""))
        rows.append(("名　　称", title or "", None, None))
        rows.append(("文　　号", "", "发布日期", _cn_date(published) if published else ""))
        table = "".join(
            "<tr>" + f"<th>{a}：</th><td{' colspan=3' if c is None else ''}>{e(b)}</td>"
            + (f"<th>{c}：</th><td>{e(d)}</td>" if c is not None else "") + "</tr>" for a, b, c, d in rows)
        meta_block = f'<table class="xxgk-table" border="1">{table}</table>'
        info = f'<div class="info">发布时间：{e(published or "")} 来源：{e(issuer_shown or site)} 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>'
        container = f'<div class="TRS_Editor" id="zoom">{article}</div>'
    elif style == "list":
        items = [("索引号", "000014349/2024-00037"), ("信息分类", "法治政府建设"),
                 ("发布机构", issuer_shown or ""), ("生成日期", signed or ""), ("文号", ""),
                 ("发布日期", published or ""), ("名称", title or "")]
        meta_block = '<ul class="xxgk-info">' + "".join(
            f"<li><span class=\"label\">{a}：</span><span class=\"value\">{e(b)}</span></li>" for a, b in items) + "</ul>"
        info = '<div class="share">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>'
        container = f'<div class="pages_content" id="UCAP-CONTENT">{article}</div>'
    else:
        meta_block = ""
        parts = []
        if published:
            parts.append(f"发布时间：{published} 10:28")
        if issuer_shown:
            parts.append(f"来源：{e(issuer_shown)}")
        info = f'<div class="article-info">{"　".join(parts)}　浏览次数：1024</div>'
        # "lines" names its container article-content; "plain" uses a name no CMS list knows,
        # so the reader must find the article by itself (trafilatura)
        cls = "article-content" if style == "lines" else "wz_zw"
        container = f'<div class="{cls}">{article}</div>'
    h1 = f"<h1 class=\"article-title\">{e(title)}</h1>" if title else ""
    page_title = f"{e(title)}_{site}" if title else site
    pubmeta = f'<meta name="PubDate" content="{published} 10:28">' if published else ""
    artmeta = f'<meta name="ArticleTitle" content="{e(title)}">' if title else ""
    related = "".join(f'<li><a href="/art/{i}.html">{t}</a><span>2023-0{i + 1}-15</span></li>'
                      for i, t in enumerate(_RELATED))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head>{head_meta}
<title>{page_title}</title>
<meta name="SiteName" content="{site}"><meta name="ColumnName" content="法治政府建设">{artmeta}{pubmeta}
<link rel="stylesheet" href="/css/main.css"><script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head><body>
<div class="topbar"><span>今天是2024年4月2日 星期二</span> <a>无障碍</a> | <a>长者模式</a> | <a>繁體</a></div>
<div class="header"><div class="logo"><img src="/img/logo.png" alt="{site}"></div>
<ul class="nav">{"".join(f'<li><a href="/{i}/">{n}</a></li>' for i, n in enumerate(_NAV))}</ul>
<form class="search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="main"><div class="breadcrumb position">当前位置：{crumbs}</div>
{meta_block}
<div class="article">{h1}
{info}
{container}
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="qrcode"><img src="/qr.png">扫一扫在手机打开当前页</div>
</div>
<div class="related"><h3>相关链接</h3><ul>{related}</ul></div>
</div>
<div class="footer"><p>主办单位：{site}办公室　承办单位：某县政务服务数据管理局</p>
<p>网站标识码：5221280001　黔ICP备05001234号　黔公网安备 52212802000123号</p>
<p><a>网站地图</a> | <a>联系我们</a> | <a>政府网站找错</a></p></div>
</body></html>"""
    return page.encode(encoding, errors="xmlcharrefreplace")


def _cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{y}年{m}月{d}日"


# ---------------------------------------------------------------------------- line breaking

def _tokens(text: str) -> list[str]:
    """Break opportunities: one Chinese character, or one run of Latin letters/digits."""
    return re.findall(r"[A-Za-z0-9.%·\-+/:_@]+|\s+|.", text)


def wrap(text: str, first_width: float, width: float, measure) -> list[str]:
    """Lines of at most `width` (the first at most `first_width`), keeping closing marks on the line."""
    lines: list[str] = []
    cur = ""
    limit = first_width
    for tok in _tokens(text):
        if measure(cur + tok) <= limit or not cur.strip():
            cur += tok
            continue
        if tok in _CLOSING or (len(tok) == 1 and tok in _CLOSING):
            cur += tok  # hanging punctuation, as Word and WPS do
            continue
        carry = ""
        while cur and cur[-1] in _OPENING:
            carry = cur[-1] + carry
            cur = cur[:-1]
        lines.append(cur.rstrip())
        limit = width
        cur = (carry + tok).lstrip()
        while measure(cur) > limit and len(cur) > 1:  # a Latin run longer than a line
            k = len(cur)
            while k > 1 and measure(cur[:k]) > limit:
                k -= 1
            lines.append(cur[:k])
            cur = cur[k:]
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


# ---------------------------------------------------------------------------- PDF

@dataclass(frozen=True)
class PdfStyle:
    """How an office sets a report on A4 paper.

    `grid` is Word's "characters per line" document grid as offices use it: every
    character, half-width digits and commas included, takes one slot and a Chinese
    character advances one cell, so a line holding 2023 or 95.9% ends short of the
    margin. `justify` spreads full lines to the margin at break opportunities (never
    inside a Latin word or a number). `page_no`: ``dash`` a centred ``— N —``, ``outer``
    ``— N —`` at the outer edge (odd pages right, even left, as GB/T 9704 prints them),
    ``of`` ``第N页 共M页``. `header`: ``running`` small above a rule from page two,
    ``every`` on every page. `columns` 2 sets the body in two columns under a full-width
    title. `attachment` prints an 附件 label above the title (a report sent as the
    attachment of a notice); `seal` draws an electronic seal (a ring of rotated
    characters) over the signature.
    """

    size: float = 14.0
    indent: bool = True
    grid: int | None = None
    justify: bool = False
    page_no: str = "dash"
    header: str | None = "running"
    columns: int = 1
    para_space: float = 0.0
    attachment: bool = False
    seal: bool = False


PDF_STYLES = {
    "plain": PdfStyle(),
    "grid": PdfStyle(size=15.5, grid=28, header=None),
    "grid-justified": PdfStyle(size=15.5, grid=28, justify=True, page_no="outer", header=None, attachment=True,
                               seal=True),
    "justified": PdfStyle(size=12.0, justify=True, page_no="of", header="every"),
    "flush": PdfStyle(size=12.0, indent=False, para_space=0.6, page_no="of", header="every"),
    "two-column": PdfStyle(size=10.5, columns=2, page_no="of", header="every"),
}


@dataclass
class PlacedLine:
    text: str
    x: float  # left edge, points
    y: float  # baseline, points from the top
    size: float
    page: int
    furniture: bool = False
    runs: tuple = ()  # ((x, text), ...) when characters are placed one by one (grid, justified, table cells)
    rule: bool = False  # a table row: ruled above and below


def _slots(s: str) -> float:
    """Grid slots a string takes: one a character, digits and half-width punctuation included;
    Latin words are not snapped to the grid and take about their width (half a slot a letter)."""
    return sum(0.5 if ch.isascii() and (ch.isalpha() or ch == " ") else 1 for ch in s)


def _placed(tokens: list[str], x0: float, avail: float, advance, spread: bool) -> tuple:
    """(x, token) pairs of one line, spread to `avail` at every break when `spread`."""
    widths = [advance(t) for t in tokens]
    extra = 0.0
    if spread and len(tokens) > 1:
        extra = max(0.0, (avail - sum(widths)) / (len(tokens) - 1))
    out = []
    x = x0
    for t, w in zip(tokens, widths):
        out.append((x, t))
        x += w + extra
    return tuple(out)


def layout_pages(text: str, size: float = 14.0, header: str | None = "running",
                 style: PdfStyle | None = None) -> list[list[PlacedLine]]:
    """Place the report's lines on A4 pages (coordinates from the top left, in points)."""
    from reportlab.pdfbase import pdfmetrics

    st = style or PdfStyle(size=size, header=header)
    size = st.size
    font = _font()
    left, right, top, bottom = MARGINS
    width = A4[0] - left - right
    gutter = 2 * size
    colw = (width - gutter * (st.columns - 1)) / st.columns
    cell = colw / st.grid if st.grid else size
    fsize = min(size, cell)
    lead = size * 1.65

    def measure(s: str, sz: float = fsize) -> float:
        return pdfmetrics.stringWidth(s, font, sz)

    def advance(tok: str) -> float:
        if st.grid and not tok.isascii():
            return cell * len(tok)
        return measure(tok)

    pages: list[list[PlacedLine]] = [[]]
    col = 0
    y = top
    md = metadata(text)
    running = md.get("issuer") or "法治政府建设年度报告"

    def x_left() -> float:
        return left + col * (colw + gutter)

    def newline(h: float) -> None:
        nonlocal y, col, body_top
        if y + h > A4[1] - bottom:
            if col + 1 < st.columns:
                col += 1
                y = body_top
            else:
                pages.append([])
                col = 0
                y = body_top = top
        y += h

    def place(ln: str, x: float, **kw) -> None:
        pages[-1].append(PlacedLine(ln, x, y, kw.pop("size", fsize), len(pages) - 1, **kw))

    if st.attachment:
        y += lead
        place("附件", left)
    body_top = top
    for b in blocks(text):
        if b.role == "title":
            tsize = size + 6
            for ln in wrap(b.text, width * 0.85, width * 0.85, lambda s: measure(s, tsize)):
                y += tsize * 1.6
                place(ln, left + (width - measure(ln, tsize)) / 2, size=tsize)
            y += size
            body_top = y
            continue
        if st.para_space and pages[-1]:
            y += st.para_space * lead
        if b.role == "signature":
            newline(lead)
            place(b.text, x_left() + colw - size * 4 - measure(b.text))
            continue
        if " | " in b.text:  # a table row: one cell per column, ruled
            cells = b.text.split(" | ")
            cw = colw / len(cells)
            newline(lead)
            runs = []
            for k, c in enumerate(cells):
                csize = min(fsize, (cw - 6) / max(1.0, measure(c, 1.0)))
                runs.append((x_left() + k * cw + 3, c, csize))
            place(b.text, x_left(), runs=tuple(runs), rule=True)
            continue
        indent = 2 * cell if st.indent else 0.0
        if st.grid:
            slots = st.grid - (2 if st.indent else 0)
            lines = wrap(b.text, slots, st.grid, _slots)
        else:
            lines = wrap(b.text, colw - indent, colw, measure)
        for i, ln in enumerate(lines):
            newline(lead)
            x0 = x_left() + (indent if i == 0 else 0)
            runs = ()
            if st.grid or st.justify:
                spread = st.justify and i < len(lines) - 1
                runs = _placed(_tokens(ln), x0, x_left() + colw - x0, advance, spread)
            place(ln, x0, runs=runs)
    n = len(pages)
    for i, pg in enumerate(pages):
        if st.page_no == "of":
            num, nsize = f"第{i + 1}页 共{n}页", 10.5
            pg.append(PlacedLine(num, (A4[0] - measure(num, nsize)) / 2, A4[1] - 45, nsize, i, True))
        elif st.page_no == "outer":
            num, nsize = f"— {i + 1} —", 14
            x = A4[0] - right - size - measure(num, nsize) if i % 2 == 0 else left + size
            pg.append(PlacedLine(num, x, A4[1] - 50, nsize, i, True))
        elif st.page_no == "dash":
            num = f"— {i + 1} —"
            pg.append(PlacedLine(num, (A4[0] - measure(num, 12)) / 2, A4[1] - 45, 12, i, True))
        if (st.header == "running" and i > 0 and n > 1) or st.header == "every":
            pg.append(PlacedLine(running, (A4[0] - measure(running, 9)) / 2, 52, 9, i, True))
    return pages


@lru_cache(maxsize=1)
def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _draw_lines(c, pg: list[PlacedLine], font: str, shift: float = 0.0) -> None:
    for ln in pg:
        base = A4[1] - ln.y - shift
        if ln.rule:
            c.setLineWidth(0.6)
            c.line(MARGINS[0], base + ln.size * 1.15, A4[0] - MARGINS[1], base + ln.size * 1.15)
            c.line(MARGINS[0], base - ln.size * 0.5, A4[0] - MARGINS[1], base - ln.size * 0.5)
        if not ln.runs:
            c.setFont(font, ln.size)
            c.drawString(ln.x, base, ln.text)
        for run in ln.runs:
            c.setFont(font, run[2] if len(run) > 2 else ln.size)
            c.drawString(run[0], base, run[1])


def _eseal(c, cx: float, cy: float, font: str) -> None:
    """An electronic seal: a red ring, and its name as characters rotated along the ring."""
    import math

    c.saveState()
    c.setStrokeColorRGB(0.9, 0.1, 0.1)
    c.setFillColorRGB(0.9, 0.1, 0.1)
    c.setLineWidth(2.5)
    c.circle(cx, cy, 56)
    c.setFont(font, 13)
    name = "某县人民政府办公室专用章"
    for k, ch in enumerate(name):
        ang = math.radians(200 - k * (220 / (len(name) - 1)))
        c.saveState()
        c.translate(cx + 42 * math.cos(ang), cy + 42 * math.sin(ang))
        c.rotate(math.degrees(ang) - 90)
        c.drawCentredString(0, -4, ch)
        c.restoreState()
    c.restoreState()


def render_pdf(text: str, size: float = 14.0, title: str | None = None, style: PdfStyle | str | None = None) -> bytes:
    """A text PDF of the report (reportlab, STSong-Light: no font file needed), laid out in `style`."""
    from reportlab.pdfgen import canvas

    if isinstance(style, str):
        style = PDF_STYLES[style]
    st = style or PdfStyle(size=size)
    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    if title:
        c.setTitle(title)
    pages = layout_pages(text, style=st)
    for pg in pages:
        _draw_lines(c, pg, font)
        if pg and (pg[0].page > 0 and st.header == "running" or st.header == "every"):
            c.setLineWidth(0.5)
            c.line(MARGINS[0], A4[1] - 58, A4[0] - MARGINS[1], A4[1] - 58)
        if st.seal and pg and pg[0].page == len(pages) - 1:
            body = [ln for ln in pg if not ln.furniture]
            _eseal(c, A4[0] - MARGINS[1] - 90, A4[1] - body[-1].y + 10, font)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_red_header_pdf(text: str, org: str, doc_no: str, size: float = 14.0, seal: bool = True) -> bytes:
    """A 红头文件: the organisation's name in large red type, a 文号 and a red rule above the report.

    With `seal`, an electronic seal is drawn over the signature on the last page: a red
    ring, a star, and the seal's name as rotated characters along the ring, which is how
    e-seal tools put them in the text layer.
    """
    from reportlab.pdfgen import canvas

    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    pages = layout_pages(text, size)
    for pg in pages:
        if seal and pg and pg[0].page == len(pages) - 1:
            body = [ln for ln in pg if not ln.furniture]
            _eseal(c, A4[0] - MARGINS[1] - 90, A4[1] - body[-1].y - (40 if pg[0].page == 0 else 0) + 10, font)
        if pg and pg[0].page == 0:
            c.setFillColorRGB(0.85, 0.05, 0.05)
            c.setFont(font, 30)
            c.drawCentredString(A4[0] / 2, A4[1] - 60, org + "文件")
            c.setFillColorRGB(0, 0, 0)
            c.setFont(font, 14)
            c.drawCentredString(A4[0] / 2, A4[1] - 85, doc_no)
            c.setStrokeColorRGB(0.85, 0.05, 0.05)
            c.setLineWidth(2)
            c.line(MARGINS[0], A4[1] - 93, A4[0] - MARGINS[1], A4[1] - 93)
        c.setFillColorRGB(0, 0, 0)
        _draw_lines(c, pg, font, 40 if pg[0].page == 0 else 0)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_scanned_pdf(pdf: bytes, dpi: int = 150, seal: bool = True, seed: int = 7, skew: float = 0.0) -> bytes:
    """Page images of a PDF (no text layer): grey paper, speckle, JPEG, a red seal on the last page,
    each page turned by `skew` degrees (alternating in sign) as a sheet fed askew."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rnd = random.Random(seed)
    doc = pdfium.PdfDocument(pdf)
    images = []
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72).to_pil().convert("RGB")
        if seal and i == len(doc) - 1:
            img = _stamp(img, dpi)
        if skew:
            img = img.rotate(skew if i % 2 == 0 else -skew, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
        img = img.filter(ImageFilter.GaussianBlur(0.5))
        px = img.load()
        w, h = img.size
        for _ in range(w * h // 800):
            x, y = rnd.randrange(w), rnd.randrange(h)
            v = rnd.randrange(120, 200)
            px[x, y] = (v, v, v)
        tint = Image.new("RGB", img.size, (246, 244, 238))
        img = Image.blend(img, tint, 0.08)
        images.append(img)
    doc.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi, quality=80)
    return out.getvalue()


def _stamp(img, dpi: int):
    """Draw a red round seal (ring, star, ring text) over the lower right, multiplied like ink."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    r = int(dpi * 0.8)
    w, h = img.size
    # over the last lines of text: find the lowest dark row
    gray = img.convert("L")
    bbox = ImageChops.invert(gray).point(lambda v: 255 if v > 80 else 0).getbbox() or (0, 0, w, h)
    cx, cy = int(w * 0.68), max(r, min(h - r, bbox[3] - int(dpi * 0.6)))
    layer = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    red = (220, 30, 30)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(3, dpi // 30))
    star = []
    import math

    for k in range(10):
        rad = r * (0.28 if k % 2 == 0 else 0.11)
        ang = -math.pi / 2 + k * math.pi / 5
        star.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    d.polygon(star, fill=red)
    font = None
    for path in ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"):
        try:
            font = ImageFont.truetype(path, int(r * 0.22))
            break
        except OSError:
            continue
    font = font or ImageFont.load_default()
    for k, ch in enumerate("某县人民政府办公室专用章"):
        ang = math.pi * (-0.9 + 0.8 * k / 10)
        d.text((cx + r * 0.72 * math.cos(ang) - r * 0.1, cy + r * 0.72 * math.sin(ang) - r * 0.1), ch, fill=red, font=font)
    return ImageChops.multiply(img, layer)


# ---------------------------------------------------------------------------- DOCX

_WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_LABELS = (  # automatic numbering Word offers for the three levels reports use
    (re.compile(r"^([一二三四五六七八九十]+)、"), "chineseCounting", "%1、"),
    (re.compile(r"^（([一二三四五六七八九十]+)）"), "chineseCounting", "（%2）"),
    (re.compile(r"^(\d+)\."), "decimal", "%3."),
)
_CN_NUM = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


@dataclass(frozen=True)
class DocxStyle:
    """How a Word or WPS user leaves a report.

    `numbering`: headings numbered by Word's multilevel list (numbering.xml) instead of
    typed numerals, where the document's numerals follow the sequence Word would draw.
    `furniture`: a running header and a footer with a PAGE field in a text box, and an
    附件 label in a text box above the title. `tracked`: every paragraph revised with
    tracked changes left in (insertions, deletions, a moved phrase), to be read as
    accepted. `fields`: dates as DATE fields with their shown result, the issuer in a
    DOCPROPERTY field. Rows written "a | b" become Word tables.
    """

    heading_styles: bool = True
    numbering: bool = False
    furniture: bool = False
    tracked: bool = False
    fields: bool = False


DOCX_STYLES = {
    "plain": DocxStyle(),
    "numbered": DocxStyle(numbering=True, furniture=True, fields=True),
    "revised": DocxStyle(heading_styles=False, tracked=True, furniture=True),
}


def _auto_numbers(bl: list[Block]) -> dict[int, tuple[int, str]]:
    """Block index -> (list level, text without its numeral) for the numerals Word would draw itself.

    Word counts each level on from the last paragraph of that level and restarts the
    lower levels after a higher one; a document whose numerals do not follow that (a gap,
    a repeat, 1. running on across (一) and (二)) keeps its numerals typed."""
    found: dict[int, tuple[int, int, str]] = {}
    for i, b in enumerate(bl):
        if b.role in ("title", "pre", "signature"):
            continue
        for level, (pat, _fmt, _text) in enumerate(_LABELS):
            m = pat.match(b.text)
            if m:
                n = _CN_NUM.get(m.group(1)) if level < 2 else int(m.group(1))
                if n is None and len(m.group(1)) == 2 and m.group(1)[0] == "十":
                    n = 10 + _CN_NUM.get(m.group(1)[1], 0)
                if n and b.text[m.end():].strip():
                    found[i] = (level, n, b.text[m.end():])
                break
    counters = [0, 0, 0]
    for level, n, _rest in found.values():
        counters[level] += 1
        for deeper in range(level + 1, 3):
            counters[deeper] = 0
        if n != counters[level]:
            return {}
    return {i: (level, rest) for i, (level, _n, rest) in found.items()}


def _numbering_xml() -> bytes:
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>' for k, (_p, fmt, text) in enumerate(_LABELS))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_WNS}>'
            f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()


def _text_box(text: str) -> str:
    """A run holding a floating text box (VML, as Word and WPS still write for compatibility)."""
    return (f'<w:r {_WNS} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="position:absolute;'
            f'margin-left:0;margin-top:-40pt;width:80pt;height:24pt" stroked="f"><v:textbox><w:txbxContent>'
            f'<w:p><w:r><w:t>{html.escape(text)}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')


def _field(instr: str, shown: str, locked: bool = False) -> str:
    """A complex field: its instruction, then the result Word last showed.

    A date under a signature is a locked DATE field: unlocked, Word and LibreOffice show
    the day the file is opened, which no signed report wants."""
    lock = ' w:fldLock="true"' if locked else ""
    return (f'<w:r {_WNS}><w:fldChar w:fldCharType="begin"{lock}/></w:r>'
            f'<w:r {_WNS}><w:instrText xml:space="preserve"> {html.escape(instr)} </w:instrText></w:r>'
            f'<w:r {_WNS}><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r {_WNS}><w:t>{html.escape(shown)}</w:t></w:r>'
            f'<w:r {_WNS}><w:fldChar w:fldCharType="end"/></w:r>')


_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def _runs(text: str, st: DocxStyle, k: int, issuer: str | None) -> str:
    """The paragraph's runs: plain, or with tracked changes and fields as the style asks."""
    e = html.escape

    def plain(s: str) -> str:
        return f'<w:r {_WNS}><w:t xml:space="preserve">{e(s)}</w:t></w:r>' if s else ""

    parts: list[str] = []
    rest = text
    if st.fields:
        m = _DATE.search(rest)
        if m and len(rest) <= 40:  # a date line under the signature
            parts.append(plain(rest[:m.start()]) + _field('DATE \\@ "yyyy年M月d日"', m.group(0), locked=True))
            rest = rest[m.end():]
        elif issuer and rest == issuer:
            parts.append(_field("DOCPROPERTY Company", rest))
            rest = ""
    if st.tracked and len(rest) >= 6:
        rev = f'w:id="{k}" w:author="审核人" w:date="2024-03-20T09:00:00Z"'
        a, b = len(rest) // 3, 2 * len(rest) // 3
        parts.append(plain(rest[:a]))
        parts.append(f'<w:del {_WNS} {rev}><w:r><w:delText>（此处删去）</w:delText></w:r></w:del>')
        parts.append(f'<w:ins {_WNS} {rev}><w:r><w:t xml:space="preserve">{e(rest[a:b])}</w:t></w:r></w:ins>')
        parts.append(f'<w:moveFrom {_WNS} {rev}><w:r><w:t>（移走的文字）</w:t></w:r></w:moveFrom>')
        parts.append(plain(rest[b:]))
    else:
        parts.append(plain(rest))
    return "".join(parts)


def render_docx(text: str, title: str | None = None, heading_styles: bool = True,
                style: DocxStyle | str | None = None) -> bytes:
    """A Word file: title centred in the Title style, headings in Heading N, body indented,
    with numbering, furniture, tracked changes and fields as `style` asks (see DocxStyle)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Pt

    if isinstance(style, str):
        style = DOCX_STYLES[style]
    st = style or DocxStyle(heading_styles=heading_styles)
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "Times New Roman"  # creates w:rFonts, which then takes the East Asian font
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    cp = d.core_properties
    cp.author = "办公室"
    cp.title = title or ""
    cp.comments = ""
    md = metadata(text)
    issuer = md.get("issuer")
    bl = blocks(text)
    auto = _auto_numbers(bl) if st.numbering else {}
    if auto:
        d.part.numbering_part._element = parse_xml(_numbering_xml())
    if st.furniture:
        sec = d.sections[0]
        sec.header.paragraphs[0].text = issuer or "法治政府建设年度报告"
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp._p.append(parse_xml(f'<w:r {_WNS}><w:t xml:space="preserve">— </w:t></w:r>'))
        for r in parse_xml(f"<w:p {_WNS}>{_field('PAGE', '1')}</w:p>").findall(qn("w:r")):
            fp._p.append(r)
        fp._p.append(parse_xml(f'<w:r {_WNS}><w:t xml:space="preserve"> —</w:t></w:r>'))
    first = True
    for k, b in enumerate(bl):
        if " | " in b.text:  # a table row
            cells = b.text.split(" | ")
            table = d.add_table(rows=1, cols=len(cells))
            for c, val in enumerate(cells):
                table.cell(0, c).text = val
            continue
        body = auto[k][1] if k in auto else b.text
        if b.role == "title":
            p = d.add_paragraph(style="Title")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.role.startswith("heading") and st.heading_styles:
            p = d.add_paragraph(style=f"Heading {b.role[-1]}")
        elif b.role == "signature":
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
        if k in auto:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {_WNS}><w:ilvl w:val="{auto[k][0]}"/><w:numId w:val="1"/></w:numPr>'))
        if first and st.furniture:
            p._p.append(parse_xml(_text_box("附件")))
        first = False
        for r in parse_xml(f"<w:p {_WNS}>{_runs(body, st, k + 1, issuer)}</w:p>"):
            p._p.append(r)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------- OFD

_MM = 25.4 / 72


def render_ofd(text: str, title: str | None = None, size: float = 14.0) -> bytes:
    """An OFD package (GB/T 33190): OFD.xml, Document.xml, one Content.xml per page.

    Each line is split into text objects at every change between Chinese and Latin
    script, as converters do when fonts change, and page numbers are written first so
    that reading order must come from the coordinates, not from the file order.
    """
    from reportlab.pdfbase import pdfmetrics

    font = _font()
    pages = layout_pages(text, size)
    z = io.BytesIO()
    e = html.escape
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1" DocType="OFD"><ofd:DocBody>
<ofd:DocInfo><ofd:DocID>0c9a1b2c3d4e</ofd:DocID><ofd:Title>{e(title or "")}</ofd:Title><ofd:Author>办公室</ofd:Author>
<ofd:Creator>fazhi-tests</ofd:Creator></ofd:DocInfo>
<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>""")
        zf.writestr("Doc_0/PublicRes.xml", """<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res"><ofd:Fonts>
<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/><ofd:Font ID="3" FontName="Times New Roman"/></ofd:Fonts></ofd:Res>""")
        page_refs = "".join(f'<ofd:Page ID="{100 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        zf.writestr("Doc_0/Document.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID>
<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>
</ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>""")
        oid = 1000
        for i, pg in enumerate(pages):
            objs = []
            ordered = [ln for ln in pg if ln.furniture] + [ln for ln in pg if not ln.furniture]
            for ln in ordered:
                x = ln.x
                for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", ln.text):
                    w = pdfmetrics.stringWidth(run, font, ln.size)
                    if run.strip():
                        adv = [pdfmetrics.stringWidth(ch, font, ln.size) * _MM for ch in run[:-1]]
                        delta = " ".join(f"{a:.3f}" for a in adv)
                        sz = ln.size * _MM
                        oid += 1
                        objs.append(
                            f'<ofd:TextObject ID="{oid}" Boundary="{x * _MM:.3f} {(ln.y - ln.size) * _MM:.3f} '
                            f'{w * _MM + sz:.3f} {ln.size * 1.3 * _MM:.3f}" Font="{3 if run.isascii() else 2}" Size="{sz:.3f}">'
                            f'<ofd:TextCode X="0" Y="{sz:.3f}"' + (f' DeltaX="{delta}"' if delta else "")
                            + f">{e(run)}</ofd:TextCode></ofd:TextObject>")
                    x += w
            zf.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="{10 + i}">{"".join(objs)}</ofd:Layer></ofd:Content></ofd:Page>""")
    return z.getvalue()
