"""Government web pages: the article, not the page, and the page's own metadata block.

A report page carries navigation, breadcrumbs, a metadata table (索引号, 发布机构, 成文日期,
发布日期 …, as a table, a list or labelled lines, sometimes twice), font-size and share
widgets, related links and a footer around the report. We

1. decode by BOM, by the charset the server or a meta tag declares, and when the
   declaration is missing or wrong by detection (GBK pages often declare nothing);
2. read the metadata block ourselves with selectolax (trafilatura's date is wrong on
   these pages: it takes 2023 from "2023年度" in the title), and the CMS meta tags;
3. remove the metadata block and page furniture from the tree; when the CMS names its
   content container (#zoom, .TRS_Editor, .pages_content …) take the article from it,
   one line per block: exact, and about ten times faster than a generic extractor
   (trafilatura also drops a repeated paragraph and turns tables into Markdown).
   Otherwise take trafilatura's article (favor_precision), unless it holds less than 60%
   of what the densest container holds, and without either a cleaned whole page;
4. put the page's title on the first line when the article text lacks it, because the
   analysis looks for the title there;
5. follow the link when the body is nothing but an attachment (PDF, DOC, WPS, OFD).

Traditional-character pages are returned as read; the analysis matches on a simplified
view of the same length, so offsets still point into this text.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from ..data import load as load_data
from ..data.labels import CJK
from ..record import Document
from ..settings import ReadSettings
from .saved import lookup

_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "blockquote",
          "pre", "dd", "dt", "ul", "ol", "dl", "center", "td", "th", "tbody", "thead", "body", "br", "hr"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
            "big5": "big5hkscs", "utf8": "utf-8", "unicode": "utf-8"}
_ORG_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,24}(人民政府|政府|门户网站|网站|政府网|司法局|办公室|委员会|管理局|局)(门户网站|网站)?$")
_SITE_SEP = re.compile(r"\s*(?:[_|｜]|--| - | — |－)\s*")
_MAX_CANDIDATES = 4000  # more elements than this: a hostile or enormous page, handled with linear passes only
_MAX_ELEMENTS_EXTRACT = 6_000  # elements of every kind above which trafilatura (about 0.1 ms each) is skipped
_URL_DATE = (re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_"), re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})/"),
             re.compile(r"/((?:19|20)\d{2})(\d{2})/(\d{2})/"), re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/"))
# Budgets checked on the raw markup before the parser sees it. An HTML5 parser's tree building is
# quadratic in the depth of unclosed elements (100,000 unclosed <div><span> take minutes), and our
# passes over the tree are linear in its elements, so a page deeper than MAX_DEPTH has its deeper
# open tags dropped (their text kept), and a page with more than MAX_ELEMENTS tags is read as
# plain text, one line per block. A real report page nests about 30 deep and has a few thousand
# elements; a 2 MB hostile page then reads in well under 2 s.
MAX_DEPTH = 256
MAX_ELEMENTS = 40_000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
# formatting elements left open are re-created by the parser inside every later block (the
# "active formatting elements" of HTML5): 240 unclosed <b><i>… before 39,000 <p> make 9 million
# elements; few of them are ever open at once on a real page
MAX_FORMATTING = 8
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
# elements whose end tag may be omitted: the parser closes them itself, so they do not nest
_IMPLIED_END = frozenset("p li td th tr dt dd option optgroup thead tbody tfoot colgroup caption rb rt rp".split())


def bound_markup(text: str) -> tuple[str, int, int]:
    """(markup, tags counted, open tags dropped): `text` with open tags beyond MAX_DEPTH removed."""
    if text.count("<") <= MAX_DEPTH:
        return text, text.count("<"), 0
    depth = formatting = 0
    dropped: dict[str, int] = {}
    cut: list[tuple[int, int]] = []
    n = 0
    for m in _TAG.finditer(text):
        n += 1
        name = m.group(2).lower()
        if name in _VOID or name in _IMPLIED_END or m.group(0).endswith("/>"):
            continue
        fmt = name in _FORMATTING
        if m.group(1):  # an end tag
            if dropped.get(name):
                dropped[name] -= 1
                cut.append(m.span())
            elif fmt:
                formatting = max(formatting - 1, 0)
            elif depth:
                depth -= 1
        elif (formatting >= MAX_FORMATTING) if fmt else (depth >= MAX_DEPTH):
            dropped[name] = dropped.get(name, 0) + 1
            cut.append(m.span())
        elif fmt:
            formatting += 1
        else:
            depth += 1
    if not cut:
        return text, n, 0
    parts, pos = [], 0
    for a, b in cut:
        parts.append(text[pos:a])
        pos = b
    parts.append(text[pos:])
    return "".join(parts), n, sum(1 for _ in cut)


_SKIP_BLOCKS = re.compile(r"<(head|script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[!?][^>]*>",
                          re.S | re.I)
_BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(_BLOCK)) + r")\b[^>]*>", re.I)


def _plain_text(markup: str) -> tuple[str, str | None]:
    """(text, title) of a page too large to build a tree of: tags stripped, one line per block, linear time."""
    import html as htmllib

    m = re.search(r"<title[^>]*>(.*?)</title", markup, re.S | re.I)
    title = clean_text(htmllib.unescape(m.group(1))) if m else None
    body = _SKIP_BLOCKS.sub(" ", markup)
    body = _BLOCK_TAG.sub("\n", body)
    body = htmllib.unescape(_TAG.sub("", body))
    lines = (clean_text(ln) for ln in body.split("\n"))
    return "\n".join(ln for ln in lines if ln), title or None


@lru_cache(maxsize=1)
def _config() -> dict:
    data = load_data("html.toml")
    labels = {re.sub(r"\s+", "", lab): key for key, labs in data["labels"].items() for lab in labs}
    def spaced(labs) -> str:
        return "|".join(r"\s*".join(re.escape(ch) for ch in lab) for lab in sorted(labs, key=len, reverse=True))

    data["_labels"] = labels
    also = data.get("labels_also_published", {})
    data["_also_published"] = {re.sub(r"\s+", "", lab) for lab in also.get("labels", [])}
    data["_stamped"] = frozenset(also.get("stamped", []))
    long = [lab for lab in labels if len(lab) >= 4]
    short = [lab for lab in labels if len(lab) < 4]
    # a label followed by a colon: long labels anywhere (pages run them together:
    # 来源:某县司法局发布时间:2020-03-30), short ones (来源, 文号) only after a non-letter
    data["_label_re"] = re.compile(r"(" + spaced(long) + r"|(?<![\u4e00-\u9fff])(?:" + spaced(short) + r"))\s*[:：]")
    data["_label_only"] = re.compile(r"^\s*(" + spaced(labels) + r")\s*[:：]?\s*$")
    data["_meta_tags"] = {name.lower(): key for key, names in data["meta_tags"].items() for name in names}
    fur = data["furniture"]
    data["_fur_re"] = re.compile(r"(?:^|[\s_\-])(?:" + "|".join(re.escape(w) for w in fur["class_or_id"]) + r")(?:$|[\s_\-\d])", re.I)
    data["_line_re"] = re.compile("|".join(f"(?:{p})" for p in fur["lines"]))
    exts = "|".join(data["attachments"]["extensions"])
    data["_att_re"] = re.compile(r"\.(" + exts + r")(?:$|[?#])", re.I)
    return data


# ----------------------------------------------------------------------------- decoding

def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding): BOM, then the declared charset if it decodes cleanly, then detection."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace"), enc
    candidates = []
    if declared:
        candidates.append(declared)
    m = _META_CHARSET.search(data[:8192])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for name in candidates:
        enc = _ALIASES.get(name.lower(), name.lower())
        try:
            codecs.lookup(enc)
        except LookupError:
            continue
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue  # a wrong declaration (GBK bytes under charset=utf-8): detect instead
    from .text import DecodeError, decode

    try:
        return decode(data)
    except DecodeError:
        return data.decode("utf-8", errors="replace"), "utf-8"


# ----------------------------------------------------------------------------- metadata

def clean_text(s: str) -> str:
    """The text of a node or attribute with runs of whitespace (full-width and no-break spaces
    too) folded into one space."""
    return re.sub(r"[\s\u3000\xa0]+", " ", s).strip()


def _iso(value: str) -> str | None:
    from ..understand.dates import first_date

    d = first_date(value)
    return d.isoformat() if d else None


def _put(meta: dict, key: str, value: str) -> None:
    value = value.strip(" :：|\u3000\xa0")
    if not value:
        return
    if key in ("published", "signed", "generated", "updated"):
        iso = _iso(value)
        if iso is None:
            return
        value = iso
    elif len(value) > 200:
        return
    meta.setdefault(key, value)


# a date with its time of day (2019-02-28 17:01)
_TIME_OF_DAY = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}")


def _put_labelled(meta: dict, label: str, key: str, value: str) -> None:
    """_put, and a signing label that also stands for the publication (发文时间), or a signing or
    update date given to the minute, kept aside as the published date for a page that labels none."""
    _put(meta, key, value)
    cfg = _config()
    if label in cfg["_also_published"] or key in cfg["_stamped"] and _TIME_OF_DAY.search(value):
        iso = _iso(value.strip(" :：|\u3000\xa0"))
        if iso:
            meta.setdefault("meta_published_signed", iso)


def _parse_tokens(tokens: list[str], meta: dict) -> int:
    """Label/value pairs from a sequence of cell texts; returns how many labels were seen."""
    cfg = _config()
    labels, label_re, label_only = cfg["_labels"], cfg["_label_re"], cfg["_label_only"]
    seen = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        only = label_only.match(tok)
        if only:
            seen += 1
            label = re.sub(r"\s+", "", only.group(1))
            key = labels[label]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if nxt and not label_only.match(nxt) and not label_re.match(nxt):
                _put_labelled(meta, label, key, nxt)
                i += 2
                continue
            i += 1
            continue
        marks = list(label_re.finditer(tok))
        for k, mk in enumerate(marks):
            seen += 1
            label = re.sub(r"\s+", "", mk.group(1))
            key = labels[label]
            stop = marks[k + 1].start() if k + 1 < len(marks) else len(tok)
            value = tok[mk.end():stop]
            value = re.split(r"[【\[]|\s{2,}|浏览次数|点击数|阅读次数|字体|字号", value)[0]
            _put_labelled(meta, label, key, value)
        i += 1
    return seen


def _tokens(node) -> list[str]:
    return [t for t in (clean_text(x) for x in node.text(separator="\x1f").split("\x1f")) if t]


def page_metadata(tree) -> tuple[dict, list]:
    """Fields of the metadata block(s) and CMS meta tags, and the block nodes to remove."""
    cfg = _config()
    meta: dict = {}
    for tag in tree.css("meta"):
        name = (tag.attributes.get("name") or tag.attributes.get("property") or "").strip().lower()
        key = cfg["_meta_tags"].get(name)
        content = clean_text(tag.attributes.get("content") or "")
        if key and content:
            if key == "published":
                iso = _iso(content)
                if iso:
                    meta.setdefault("meta_published", iso)
            else:
                meta.setdefault("meta_" + key, content)
    blocks = []
    body = tree.body
    if body is None:
        return meta, blocks
    # smallest elements that hold at least two labels: tables, lists, info lines
    candidates = body.css("table, ul, ol, dl, div, p, span")
    if len(candidates) > _MAX_CANDIDATES:  # a hostile or enormous page: small elements only
        candidates = body.css("table, dl, p")[:_MAX_CANDIDATES]
    for node in candidates:
        text = node.text(separator=" ")
        if len(text) > 300 or len(CJK.findall(text)) < 2:
            continue
        found: dict = {}
        n = _parse_tokens(_tokens(node), found)
        if n < 1 or (n == 1 and (len(text.strip()) > 40 or not found)):
            continue  # one label counts only as a short line of its own: 发布时间：2024-03-28
        inner = any(_parse_tokens(_tokens(c), {}) >= n for c in node.iter() if c.tag in ("table", "ul", "ol", "dl", "div", "p", "span"))
        if inner:
            continue  # a child holds all of them: keep the smallest block
        blocks.append(node)
        for k, v in found.items():
            meta.setdefault(k, v)
    return meta, blocks


def _url_date(url: str) -> str | None:
    from datetime import date

    for pat in _URL_DATE:
        m = pat.search(url)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


# ----------------------------------------------------------------------------- article text

def _is_furniture(node) -> bool:
    cfg = _config()
    if node.tag in cfg["furniture"]["tags"]:
        return True
    attrs = node.attributes
    ident = " ".join(filter(None, (attrs.get("class"), attrs.get("id"))))
    return bool(ident) and bool(cfg["_fur_re"].search(ident))


def strip_furniture(root) -> None:
    """Remove the page's furniture (navigation, headers, footers, related links, pagers) under
    `root`, in place; the crawler uses it to tell a column's own links from the site's."""
    for node in list(root.traverse()):
        if node.tag and node.tag not in ("-text", "_text", "html", "body") and _is_furniture(node):
            node.decompose()


def _block_lines(node) -> list[str]:
    """The node's text, one line per block element (inline elements stay on their line).

    Walked with an explicit stack: a hostile page nested ten thousand levels deep must not
    exhaust Python's recursion limit.
    """
    lines: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        text = clean_text("".join(cur))
        if text:
            lines.append(text)
        cur.clear()

    # items: a node to enter, or a marker string to act on when its subtree is done
    pending: list = []
    child = node.child
    while child is not None:
        pending.append(child)
        child = child.next
    stack: list = list(reversed(pending))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item == "block":
                flush()
            elif item == "cell":
                cur.append(" ")
            continue
        tag = item.tag
        if tag == "-text":
            cur.append(item.text_content or "")
            continue
        if tag in ("script", "style", "noscript", "-comment", "_comment", "template"):
            continue
        if tag == "br":
            flush()
            continue
        kids = []
        c = item.child
        while c is not None:
            kids.append(c)
            c = c.next
        if tag in ("td", "th"):
            cur.append(" ")
            stack.append("cell")
        elif tag in _BLOCK:
            flush()
            stack.append("block")
        stack.extend(reversed(kids))
    flush()
    cfg = _config()
    return [ln for ln in lines if not cfg["_line_re"].search(ln)]


def _cms_container(tree):
    """The content container a government CMS names (#zoom, .TRS_Editor, .pages_content …)."""
    for sel in _config()["containers"]["cms"]:
        for node in tree.css(sel):
            if len(CJK.findall(node.text())) >= 20:
                return node
    return None


def _container(tree):
    """The CMS's container, a generic one (#content, article …), or the parent of the most paragraph text."""
    node = _cms_container(tree)
    if node is not None:
        return node
    for sel in _config()["containers"]["generic"]:
        for node in tree.css(sel):
            if len(CJK.findall(node.text())) >= 20:
                return node
    totals: dict[int, list] = {}
    for p in tree.css("p")[: _MAX_CANDIDATES * 5]:
        parent = p.parent
        if parent is not None:
            slot = totals.setdefault(parent.mem_id, [parent, 0])
            slot[1] += len(CJK.findall(p.text()))
    if not totals:
        return None
    best = max(totals.values(), key=lambda t: t[1])
    return best[0] if best[1] else None


def _trafilatura(html: str) -> str | None:
    try:
        import trafilatura
    except ImportError:  # the html extra is missing: the container and baseline still work
        return None
    out = trafilatura.extract(html, favor_precision=True, include_tables=True, include_comments=False,
                              include_images=False, include_links=False, deduplicate=False, output_format="txt",
                              with_metadata=False)
    if not out:
        return None
    lines = []
    for ln in out.splitlines():
        s = ln.strip()
        if not s or re.fullmatch(r"\|?\s*(-{3,}\s*\|\s*)*-{3,}\s*\|?", s):
            continue  # markdown table rule
        if s.startswith("|") and s.endswith("|"):
            s = " | ".join(c.strip() for c in s.strip("|").split("|") if c.strip())
        elif s.startswith("- "):
            s = s[2:]
        lines.append(s)
    cfg = _config()
    return "\n".join(ln for ln in lines if not cfg["_line_re"].search(ln))


def _cjk(s: str | None) -> int:
    return len(CJK.findall(s or ""))


def _title(tree, meta: dict) -> str | None:
    """The page's title: CMS meta tag, the heading, the 名称 field, then <title> without the site name."""
    site = meta.get("meta_site")
    cands = [meta.get("meta_title")]
    for sel in ("h1", ".article-title", ".title", "#title", ".art_title", ".detail-title", "h2"):
        node = tree.css_first(sel)
        if node is not None:
            cands.append(clean_text(node.text()))
    cands.append(meta.get("title_field"))
    t = tree.css_first("title")
    if t is not None:
        raw = clean_text(t.text())
        parts = [p for p in _SITE_SEP.split(raw) if p]
        if parts:
            cands.append(max(parts, key=len) if len(parts) > 1 else parts[0])
    for c in cands:
        if not c:
            continue
        c = clean_text(c)
        if len(c) < 6 or len(c) > 120 or (site and c == site) or _ORG_ONLY.match(c.replace(" ", "")):
            continue
        if _cjk(c) < 4:
            continue
        return c
    return None


def _squash(s: str) -> str:
    return re.sub(r"[\s\u3000\xa0]+", "", s)


def _with_title(text: str, title: str | None) -> str:
    """Put the title first unless the first lines already hold it."""
    if not title:
        return text
    key = _squash(title)
    head = _squash("".join(text.split("\n")[:4]))
    if key and key in head:
        return text
    return title + "\n" + text if text else title


def is_attachment(href: str) -> bool:
    """Whether a link points to a file of an attachment type (html.toml's extensions)."""
    return bool(_config()["_att_re"].search(href))


def attachment_links(node, base: str) -> list[tuple[str, str]]:
    """(href, link text) of every link under `node` that points to an attachment file."""
    out = []
    for a in node.css("a"):
        href = (a.attributes.get("href") or "").strip()
        if href and is_attachment(href):
            out.append((href, clean_text(a.text())))
    return out


def read_html(data: bytes, source: str, settings: ReadSettings, charset: str | None = None,
              url: str | None = None) -> Document:
    """Read a web page into the article text and the page's metadata (see module doc)."""
    from selectolax.lexbor import LexborHTMLParser

    charset = charset or settings.context.http_charset
    url = url or settings.context.page_url
    if url is None and settings.crawl_manifests and not source.startswith(("http://", "https://")):
        url = _crawled_url(source)
    text, enc = decode_html(data, charset)
    text, n_tags, n_dropped = bound_markup(text)
    if n_tags > MAX_ELEMENTS:
        plain, title = _plain_text(text)
        meta = {"title": title, "url": url,
                "html_note": f"网页元素过多（{n_tags:,} 个标签，上限 {MAX_ELEMENTS:,}），已按纯文本读取"}
        return Document(source=source, text=_with_title(plain, title), format="html", encoding=enc,
                        meta={k: v for k, v in meta.items() if v})
    tree = LexborHTMLParser(text)
    meta, blocks = page_metadata(tree)
    title = _title(tree, meta)
    page_url = url or (source if source.startswith(("http://", "https://")) else None)
    cfg = _config()

    container = _container(tree)
    for b in blocks:
        if container is not None and (b.mem_id == container.mem_id or _contains(b, container)):
            continue  # never remove the article itself
        b.decompose()
    body = tree.body
    if body is not None:
        strip_furniture(body)
    cms = _cms_container(tree)
    container = cms if cms is not None else _container(tree)
    own = "\n".join(_block_lines(container)) if container is not None else ""
    atts = attachment_links(container, page_url or source) if container is not None else []
    if not atts and body is not None:
        atts = attachment_links(body, page_url or source)  # a 附件 line beside a near-empty container
    if cms is not None:
        extracted = own  # the CMS says where the article is: exact, and ten times faster
    else:
        # the parser may make many more elements than the markup has tags (formatting elements re-opened)
        huge = len(tree.css("div")) > _MAX_CANDIDATES or len(tree.css("*")) > _MAX_ELEMENTS_EXTRACT
        extracted = None if huge else _trafilatura(tree.html or text)
        if extracted is None or _cjk(extracted) < 0.6 * _cjk(own):
            extracted = own
    if not _cjk(extracted) and body is not None:
        extracted = "\n".join(_block_lines(body))

    doc_meta = _finish_meta(meta, title, page_url)
    if (settings.follow_attachments and not settings.context.following and atts
            and _cjk(_body_without(extracted, title, atts)) < cfg["attachments"]["min_body_chars"]):
        followed = _follow(atts, source, page_url, settings)
        if followed is not None:
            followed.meta = {**followed.meta, **{k: v for k, v in doc_meta.items() if v is not None}}
            followed.meta["attachment_of"] = source
            if not followed.error:
                followed.text = _with_title(followed.text, title)
            followed.source = source
            return followed
        doc_meta["attachments"] = ", ".join(h for h, _ in atts)[:500]
    out = _with_title(extracted.strip(), title)
    if n_dropped:
        doc_meta["html_note"] = f"网页嵌套过深或未闭合的标签过多，已忽略其中 {n_dropped:,} 个标签，文字保留"
    return Document(source=source, text=out, format="html", meta={k: v for k, v in doc_meta.items() if v is not None},
                    encoding=enc)


def _contains(outer, inner) -> bool:
    p = inner.parent
    while p is not None:
        if p.mem_id == outer.mem_id:
            return True
        p = p.parent
    return False


def _finish_meta(meta: dict, title: str | None, page_url: str | None) -> dict:
    """Document.meta keys the analysis reads, from the labelled fields first, meta tags next, the URL last."""
    out = {k: v for k, v in meta.items() if not k.startswith("meta_")}
    if title:
        out["title"] = title
    if "published" not in out and meta.get("meta_published_signed"):
        out["published"] = meta["meta_published_signed"]
    if "published" not in out and meta.get("meta_published"):
        out["published"] = meta["meta_published"]
    if "published" not in out and page_url:
        d = _url_date(urlparse(page_url).path)
        if d:
            out["published"] = d
            out["published_from"] = "url"
    if "source_org" not in out and meta.get("meta_source_org"):
        out["source_org"] = meta["meta_source_org"]
    for k in ("site", "column"):
        if meta.get("meta_" + k):
            out[k] = meta["meta_" + k]
    if page_url:
        out["url"] = page_url
    if title and out.get("title_field") == title:
        del out["title_field"]
    return out


def _body_without(text: str, title: str | None, atts: list[tuple[str, str]]) -> str:
    for _href, label in atts:
        if label:
            text = text.replace(label, "")
    if title:
        text = text.replace(title, "")
    text = re.sub(r"附件\s*[:：]?", "", text)
    return text


def _follow(atts: list[tuple[str, str]], source: str, page_url: str | None, settings: ReadSettings) -> Document | None:
    """Read the attachment a link-only page points to: over HTTP for a fetched page, else beside the file."""
    from . import read_bytes

    ranked = sorted(atts, key=lambda a: (0 if re.search(r"报告|总结|情况", a[1]) else 1))
    href, _label = ranked[0]
    path = Path(source) if not source.startswith(("http://", "https://")) else None
    target_path: Path | None = None
    if path is not None and path.is_file():
        # a page saved by `fazhi crawl`: the manifest knows where the attachment was stored
        own, stored = lookup(path) if settings.crawl_manifests else (None, {})
        if own:
            hit = stored.get(urljoin(own, href))
            target_path = Path(hit) if hit and Path(hit).is_file() else None
        if target_path is None and not urlparse(href).scheme:
            base = path.resolve().parent
            cand = (base / unquote(urlparse(href).path)).resolve()
            if cand.is_file() and base in cand.parents:
                target_path = cand  # a page saved next to its attachment
    inner = settings.within(following=True)
    if target_path is not None:
        if target_path.stat().st_size > settings.max_bytes:
            return Document(source=source, format="unknown", error="附件文件过大，超过读取上限")
        docs = read_bytes(target_path.read_bytes(), str(target_path), inner)
        return docs[0] if docs else None
    if page_url and path is None:
        from .fetch import fetch_bytes

        target = urljoin(page_url, href)
        got = fetch_bytes(target, settings)
        if got.error:
            return Document(source=source, format="html", error=f"页面正文只有附件链接，但附件下载失败：{got.error}")
        inner = inner.within(page_url=got.final_url, http_charset=got.charset)
        docs = read_bytes(got.data, target, inner)
        return docs[0] if docs else None
    return None


def _crawled_url(source: str) -> str | None:
    """The original URL of a page saved by `fazhi crawl` (from its manifest), else None."""
    path = Path(source)
    if not path.is_file():
        return None
    return lookup(path)[0]


def read_mhtml(data: bytes, source: str, settings: ReadSettings) -> Document:
    """A "single file web page" (MHTML, .mht; Word saves these under .doc names): its HTML part."""
    import email
    from email import policy

    try:
        msg = email.message_from_bytes(data, policy=policy.compat32)
    except (ValueError, TypeError, IndexError) as e:  # a malformed MIME header
        return Document(source=source, format="html", error=f"MHTML 网页文件已损坏：{e}")
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            doc = read_html(payload, source, settings, charset=part.get_content_charset())
            doc.meta["container"] = "mhtml"
            return doc
    return Document(source=source, format="html", error="MHTML 文件中没有网页正文")
