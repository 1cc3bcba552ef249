"""Reading speed per format: HTML pages, text PDFs and OCR of scanned pages, and peak memory.

Renders the seed and example reports (tests/renderers.py) into government web pages,
text PDFs and scanned PDFs, then times the readers alone (no analysis) in this process:
documents and pages per second for HTML and text-PDF, seconds per A4 page for OCR, and
the peak resident memory. Targets (issue 3): HTML and text-PDF at least 50 documents per
second on one core; OCR at most 3 seconds per A4 page.

OCR settings measured here are the defaults: pages rendered at `ocr_dpi` (150), the
detector limited to `ocr_det_side` (960 px on the longer side), no angle classifier.

    python bench/read.py [--rounds 3] [--ocr-pages 4] [--threads 1]
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def texts() -> list[str]:
    from tests.readers_fixtures import report_texts

    found = [t for _n, t in report_texts()]
    if not found:
        raise SystemExit("no seed (../shared/seeds) or example reports (examples/) to render")
    return found


def text_pdfs(reports: list[str]) -> tuple[list[bytes], str]:
    """PDFs as offices publish them: Word files exported by LibreOffice, fonts embedded.

    Without LibreOffice the reportlab fixtures are used; they name a CJK font without
    embedding it, and PDFium then spends ~40 ms a page finding a substitute, which no
    published report makes it do.
    """
    import shutil
    import subprocess
    import tempfile

    from fazhi.read.office import soffice_path
    from tests import renderers as R

    soffice = soffice_path()
    if soffice is None:
        return [R.render_pdf(t) for t in reports], "from reportlab (fonts not embedded: slower than real PDFs)"
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    try:
        for i, t in enumerate(reports):
            (tmp / f"r{i:03d}.docx").write_bytes(R.render_docx(t))
        subprocess.run([soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp), *sorted(str(p) for p in tmp.glob("*.docx"))],
                       capture_output=True, check=True, timeout=600)
        return [(tmp / f"r{i:03d}.pdf").read_bytes() for i in range(len(reports))], "exported by LibreOffice from DOCX"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1048576


def timed(label: str, docs: list[bytes], rounds: int, pages: int | None = None) -> None:
    from fazhi.read import read_bytes

    for d in docs[:2]:  # warm up imports and caches
        read_bytes(d, "warm")
    t0 = time.perf_counter()
    n = 0
    for _ in range(rounds):
        for i, d in enumerate(docs):
            out = read_bytes(d, f"doc{i}")
            assert out and out[0].error is None, out[0].error
            n += 1
    dt = time.perf_counter() - t0
    line = f"{label:<10} {n / dt:8.1f} documents/s"
    if pages:
        line += f"  {pages * rounds / dt:8.1f} pages/s"
    print(line + f"  ({n} documents in {dt:.2f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ocr-pages", type=int, default=4, help="scanned pages to OCR (each costs seconds)")
    ap.add_argument("--threads", type=int, default=0, help="onnxruntime threads for OCR (0: all cores)")
    a = ap.parse_args()
    if a.threads:
        os.environ["OMP_NUM_THREADS"] = str(a.threads)
    from tests import renderers as R

    reports = texts()
    print(f"{len(reports)} reports, {sum(map(len, reports)) / len(reports):.0f} characters on average; "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    html = [R.render_html(t, style=("trs", "list", "lines")[i % 3]) for i, t in enumerate(reports)]
    timed("HTML", html, a.rounds, len(html))  # one web page per document
    print(f"           peak memory so far {peak_mb():.0f} MB")
    import pypdfium2 as pdfium

    pdfs, how = text_pdfs(reports)
    pages = sum(len(pdfium.PdfDocument(p)) for p in pdfs)
    timed("text-PDF", pdfs, a.rounds, pages)
    print(f"           {pages / len(pdfs):.1f} pages per document; PDFs {how}; peak memory so far {peak_mb():.0f} MB")
    if a.ocr_pages > 0:
        from fazhi.read.ocr import engine
        from fazhi.settings import DEFAULT

        if a.threads:
            from fazhi.read import ocr

            ocr._ENGINES[DEFAULT.ocr_det_side] = _engine_with_threads(DEFAULT.ocr_det_side, a.threads)
        engine(DEFAULT)
        scans: list[bytes] = []
        count = 0
        for t in reports:
            scan = R.render_scanned_pdf(R.render_pdf(t))
            doc = pdfium.PdfDocument(scan)
            keep = min(len(doc), a.ocr_pages - count)
            out = pdfium.PdfDocument.new()
            out.import_pages(doc, list(range(keep)))
            import io

            buf = io.BytesIO()
            out.save(buf)
            scans.append(buf.getvalue())
            count += keep
            if count >= a.ocr_pages:
                break
        from fazhi.read import read_bytes

        t0 = time.perf_counter()
        for i, s in enumerate(scans):
            d = read_bytes(s, f"scan{i}")[0]
            assert d.format == "pdf-ocr", d.error
        dt = time.perf_counter() - t0
        print(f"{'OCR':<10} {count / dt:8.2f} pages/s, {dt / count:.2f} s per A4 page  ({count} pages at 150 dpi "
              f"in {dt:.1f} s)")
    print(f"peak memory {peak_mb():.0f} MB (the OCR engine and its page buffers dominate)")


def _engine_with_threads(side: int, threads: int):
    from rapidocr import RapidOCR

    return RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False, "Det.limit_type": "max",
                            "Det.limit_side_len": side,
                            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                            "EngineConfig.onnxruntime.inter_op_num_threads": 1})


if __name__ == "__main__":
    main()
