"""Listing batch inputs: directories, lists, manifests, hashing, and which inputs need OCR."""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from fazhi.batch import sources
from fazhi.batch.sources import SourceError, describe, detect, entries, iter_items
from fazhi.settings import DEFAULT

from .test_checks import build


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    (d / "b" / "c").mkdir(parents=True)
    (d / "a.txt").write_text(build(), "utf-8")
    (d / "b" / "z.txt").write_text(build(published="2024-04-08"), "utf-8")
    (d / "b" / "c" / "y.txt").write_text(build(published="2024-03-01"), "utf-8")
    (d / ".hidden.txt").write_text("不应读取", "utf-8")
    (d / ".git").mkdir()
    (d / ".git" / "x.txt").write_text("不应读取", "utf-8")
    return d


def test_directory_walk_is_sorted_lazy_and_skips_hidden(tree: Path) -> None:
    got = [s for s, _p, _h in entries(str(tree))]
    assert got == [str(tree / "a.txt"), str(tree / "b" / "c" / "y.txt"), str(tree / "b" / "z.txt")]
    it = entries(str(tree))
    assert next(it)[0] == str(tree / "a.txt")  # a generator: nothing listed beyond what is pulled


def test_output_inside_the_source_directory_is_not_read(tree: Path) -> None:
    out = tree / "b" / "out"
    out.mkdir()
    (out / "part.parquet").write_bytes(b"PAR1")
    got = [s for s, _p, _h in entries(str(tree), exclude=out)]
    assert not any("out" in Path(s).parts for s in got) and len(got) == 3


def test_items_carry_the_sha256_of_the_bytes(tree: Path) -> None:
    items = list(iter_items([str(tree)]))
    for it in items:
        assert it.sha256 == hashlib.sha256(Path(it.path).read_bytes()).hexdigest()
        assert it.kind == "text" and it.size == Path(it.path).stat().st_size and it.key == it.sha256


def test_list_file_of_paths_and_urls(tree: Path, tmp_path: Path) -> None:
    lst = tree.parent / "list.txt"
    lst.write_text("# 一批报告\nreports/a.txt\n\nhttps://example.gov.cn/r.html\n" + str(tree / "b" / "z.txt") + "\n",
                   "utf-8")
    assert detect(str(lst)) == "list"
    got = list(entries(str(lst)))
    assert got == [(str(tree / "a.txt"), str(tree / "a.txt"), None),
                   ("https://example.gov.cn/r.html", "https://example.gov.cn/r.html", None),
                   (str(tree / "b" / "z.txt"), str(tree / "b" / "z.txt"), None)]
    url = describe("https://example.gov.cn/r.html", "https://example.gov.cn/r.html", None)
    assert url.sha256 is None and url.key == "source:https://example.gov.cn/r.html" and url.kind == "url"


def test_a_report_is_not_mistaken_for_a_list(tree: Path) -> None:
    assert detect(str(tree / "a.txt")) == "file"
    assert [s for s, _p, _h in entries(str(tree / "a.txt"))] == [str(tree / "a.txt")]


def test_jsonl_manifest_names_a_download_by_its_url(tree: Path) -> None:
    m = tree.parent / "manifest.jsonl"
    sha = hashlib.sha256((tree / "a.txt").read_bytes()).hexdigest()
    m.write_text(json.dumps({"url": "https://gov.cn/a", "path": "reports/a.txt", "sha256": sha.upper()}) + "\n"
                 + json.dumps({"path": "reports/b/z.txt"}) + "\n", "utf-8")
    got = list(entries(str(m)))
    assert got[0] == ("https://gov.cn/a", str(tree / "a.txt"), sha)
    assert got[1] == (str(tree / "b" / "z.txt"), str(tree / "b" / "z.txt"), None)
    bad = tree.parent / "bad.jsonl"
    bad.write_text('{"title": "无来源"}\n', "utf-8")
    with pytest.raises(SourceError, match="缺少 source"):
        list(entries(str(bad)))


def test_parquet_manifest(tree: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    m = tree.parent / "manifest.parquet"
    pq.write_table(pa.table({"source": ["https://gov.cn/a", "https://gov.cn/z"],
                             "path": [str(tree / "a.txt"), str(tree / "b" / "z.txt")]}), m)
    assert detect(str(m)) == "parquet"
    items = list(iter_items([str(m)]))
    assert [i.source for i in items] == ["https://gov.cn/a", "https://gov.cn/z"]
    assert items[0].sha256 == hashlib.sha256((tree / "a.txt").read_bytes()).hexdigest()
    assert sources.count([str(m)]) == 2


def test_missing_inputs(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="找不到"):
        detect(str(tmp_path / "nope"))
    it = describe(str(tmp_path / "gone.txt"), str(tmp_path / "gone.txt"), None)
    assert it.sha256 is None and it.key == "source:" + str(tmp_path / "gone.txt")


def _pdf_with_text(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(build().splitlines()[:30]):
        c.drawString(50, 800 - 16 * i, line[:40])
    c.showPage()
    c.save()


def _scanned_pdf(text_pdf: Path, path: Path) -> None:
    """An image-only PDF: the text PDF's page rendered to pixels and saved without a text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(text_pdf))
    img = pdf[0].render(scale=1).to_pil().convert("RGB")
    pdf.close()
    img.save(path, "PDF", resolution=72)


def test_ocr_is_decided_by_a_cheap_sniff(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    pytest.importorskip("pypdfium2")
    Image = pytest.importorskip("PIL.Image")
    text_pdf, scan_pdf, png = tmp_path / "text.pdf", tmp_path / "scan.pdf", tmp_path / "page.png"
    _pdf_with_text(text_pdf)
    _scanned_pdf(text_pdf, scan_pdf)
    buf = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(buf, "PNG")
    png.write_bytes(buf.getvalue())
    kinds = {p.name: describe(str(p), str(p), None).kind for p in (text_pdf, scan_pdf, png)}
    assert kinds == {"text.pdf": "text", "scan.pdf": "ocr", "page.png": "ocr"}
    assert sources.pdf_has_text_layer(str(text_pdf)) is True
    assert sources.pdf_has_text_layer(str(scan_pdf)) is False
    never = DEFAULT.with_(ocr="never")
    assert describe(str(scan_pdf), str(scan_pdf), None, never).kind == "text"
    always = DEFAULT.with_(ocr="always")
    assert describe(str(text_pdf), str(text_pdf), None, always).kind == "ocr"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    assert describe(str(broken), str(broken), None).kind == "text"  # the reader reports it as unreadable
