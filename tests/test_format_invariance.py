"""Format invariance: every seed and example report, published as a web page, a PDF, a DOCX, an OFD
or a scan, analyses the same as its text.

The copies are rendered by tests/renderers.py the way publishers lay reports out (a
government page with breadcrumbs, a metadata table and a footer; a PDF with wrapped
lines, a running header and page numbers; Word headings; OFD text objects; scanned page
images with a seal). Metadata, sections, figures and findings must equal those of the
text, for scans read through OCR too.
The shared evaluation (../shared/tools/evaluate.py) must score the converted seed copies
exactly as it scores the seeds.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import fazhi
from fazhi.read import read_bytes

from . import renderers as R
from .readers_fixtures import ROOT, SEEDS, SHARED, differences, report_texts, summary

TEXTS = report_texts()
IDS = [name for name, _t in TEXTS]
needs_reports = pytest.mark.skipif(not TEXTS, reason="no seed reports (../shared/seeds) and no examples "
                                                     "(tests/golden/examples.json): format invariance not tested")
RENDER = {
    "html-trs": lambda t: R.render_html(t, style="trs"),
    "html-list": lambda t: R.render_html(t, style="list"),
    "html-lines-gbk": lambda t: R.render_html(t, style="lines", encoding="gbk", declare=False),
    "html-plain": lambda t: R.render_html(t, style="plain"),
    "pdf": lambda t: R.render_pdf(t, title=R.title_of(t)),
    "docx": lambda t: R.render_docx(t, title=R.title_of(t)),
    "ofd": lambda t: R.render_ofd(t, title=R.title_of(t)),
}
# PDFs laid out as offices print them (tests/renderers.py PDF_STYLES): a character grid whose lines
# end short where they hold digits, justified lines, no indent with spaced paragraphs, two columns,
# "— N —" at the outer edge or "第N页 共M页", running headers, an 附件 label and an electronic seal
for _style in R.PDF_STYLES:
    if _style != "plain":
        RENDER[f"pdf-{_style}"] = lambda t, s=_style: R.render_pdf(t, title=R.title_of(t), style=s)
# Word files as left by their authors: automatic numbering, text boxes, headers and footers with
# fields, tracked changes, DATE and DOCPROPERTY fields
for _style in R.DOCX_STYLES:
    if _style != "plain":
        RENDER[f"docx-{_style}"] = lambda t, s=_style: R.render_docx(t, title=R.title_of(t), style=s)
FORMAT = {k: "html" if k.startswith("html") else k.split("-")[0] for k in RENDER}


@needs_reports
@pytest.mark.parametrize("kind", list(RENDER))
@pytest.mark.parametrize("name,text", TEXTS, ids=IDS)
def test_copy_analyses_like_the_text(name, text, kind):
    if kind.startswith(("pdf", "ofd")):
        pytest.importorskip("reportlab")
    doc = read_bytes(RENDER[kind](text), f"{name}.{kind}")[0]
    assert doc.error is None and doc.format == FORMAT[kind]
    want = summary(fazhi.analyze_text(text).to_dict())
    got = summary(fazhi.analyze_document(doc).to_dict())
    assert differences(want, got) == []


@needs_reports
@pytest.mark.slow
@pytest.mark.parametrize("name,text", TEXTS, ids=IDS)
def test_scanned_copy_analyses_like_the_text(name, text):
    """A scan of the report in an office layout (28-character grid, justified, 附件 label, e-seal),
    page images at 150 dpi turned 1.5 degrees, speckle, a red seal on the last page, read through
    OCR: the same metadata, sections, figures and findings as the text."""
    pytest.importorskip("rapidocr")
    pdf = R.render_pdf(text, style="grid-justified")
    doc = read_bytes(R.render_scanned_pdf(pdf, skew=1.5), f"{name}.pdf")[0]
    assert doc.format == "pdf-ocr" and doc.error is None
    want = summary(fazhi.analyze_text(text).to_dict())
    got = summary(fazhi.analyze_document(doc).to_dict())
    assert differences(want, got) == []


EVALUATE = SHARED / "tools" / "evaluate.py"


def _evaluate(docs: str, ext: str | None) -> dict:
    cmd = [sys.executable, str(EVALUATE), "--json", "--docs", docs,
           "--cmd", f"{sys.executable} -m fazhi analyze --format jsonl --include-text"]
    if ext:
        cmd += ["--ext", ext]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


@pytest.mark.skipif(not (EVALUATE.is_file() and SEEDS.is_dir()), reason="../shared/tools/evaluate.py or the seeds "
                                                                         "are not present")
@pytest.mark.parametrize("ext,kind", [
    (".html", "html-trs"), (".pdf", "pdf"), (".ofd", "ofd"),
    (".docx", "docx"),
] + [(".pdf", k) for k in RENDER if k.startswith("pdf-")] + [(".docx", k) for k in RENDER if k.startswith("docx-")])
def test_shared_evaluation_scores_converted_seeds_like_the_text(tmp_path, ext, kind):
    base = _evaluate(str(SEEDS), None)
    for p in sorted(SEEDS.glob("*.txt")):
        (tmp_path / (p.stem + ext)).write_bytes(RENDER[kind](p.read_text("utf-8")))
    got = _evaluate(str(tmp_path), ext)
    assert got["tally"] == base["tally"], got["misses"]
