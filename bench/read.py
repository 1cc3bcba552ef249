"""Reading speed per format: HTML pages, text PDFs and OCR of scanned pages, with OCR accuracy and peak memory.

Renders the seed and example reports (tests/renderers.py) into government web pages,
text PDFs and scanned PDFs, then times the readers alone (no analysis) in this process:
documents and pages per second for HTML and text-PDF, seconds per A4 page for OCR, the
character error rate of OCR against the report's own text, and peak resident memory.
Targets (issue 16): text-PDF at least 20 pages per second on one core; OCR at most
1.5 s per A4 page at 200 dpi on one core (one onnxruntime thread), at most 600 MB
resident, character error rate at most 1%.

Times are given as wall time and as this process's CPU time: on a machine shared with
other work the wall time measures the neighbours too, and the CPU time grows with them
(two processes on one core's hyperthreads, or sharing its caches, each run slower): each
OCR line gives the 1-minute load average before and after it. Pin to one core to measure one:

    taskset -c 1 python bench/read.py [--rounds 3] [--ocr-docs 4] [--ocr-rounds 3] [--dpi 200] [--skew 1.5]
        [--det-side 736] [--squeeze 0.5] [--threads 1]

The scans are page images at --dpi with speckle, a grey tint, JPEG compression, a red
seal on the last page and each page turned by --skew degrees; the character error rate
is the edit distance between the reader's text and the report's text (both NFKC, white
space removed) over the length of the report's text.
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
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for _ in range(rounds):
        for i, d in enumerate(docs):
            out = read_bytes(d, f"doc{i}")
            assert out and out[0].error is None, out[0].error
            n += 1
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    line = f"{label:<10} {n / dt:8.1f} documents/s"
    if pages:
        line += f"  {pages * rounds / dt:8.1f} pages/s wall, {pages * rounds / cpu:8.1f} pages per CPU second"
    print(line + f"  ({n} documents in {dt:.2f} s)")


def cer(ref: str, got: str) -> tuple[int, int]:
    """(edit distance, reference length) after NFKC and without white space."""
    import unicodedata

    def norm(x: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFKC", x) if not ch.isspace())

    a, b = norm(ref), norm(got)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1], len(a)


def bench_ocr(reports: list[str], a: argparse.Namespace) -> None:
    """Scanned copies of whole reports read through OCR: seconds per page and character error rate."""
    import pypdfium2 as pdfium

    from fazhi.read import ocr, read_bytes
    from fazhi.settings import DEFAULT
    from tests import renderers as R

    settings = DEFAULT.with_(ocr_dpi=a.dpi, ocr_threads=a.threads, ocr_det_side=a.det_side)
    ocr.REC_SQUEEZE = a.squeeze
    shortest = sorted(reports, key=len)[: a.ocr_docs]
    scans = [R.render_scanned_pdf(R.render_pdf(t), dpi=a.dpi, seal=True, skew=a.skew) for t in shortest]
    read_bytes(scans[0], "warm", settings)  # builds the engine
    for _ in range(a.ocr_rounds):
        load = os.getloadavg()[0]
        pages = wall = cpu = errors = chars = 0
        for t, scan in zip(shortest, scans):
            n = len(pdfium.PdfDocument(scan))
            t0, c0 = time.perf_counter(), time.process_time()
            d = read_bytes(scan, "scan.pdf", settings)[0]
            wall += time.perf_counter() - t0
            cpu += time.process_time() - c0
            assert d.format == "pdf-ocr", d.error
            e, k = cer(t, d.text)
            errors, chars, pages = errors + e, chars + k, pages + n
        print(f"{'OCR':<10} {wall / pages:.2f} s per A4 page wall, {cpu / pages:.2f} s CPU; character error rate "
              f"{100 * errors / chars:.2f}% ({errors} of {chars}); {pages} pages of {len(scans)} reports at {a.dpi} dpi, "
              f"skew {a.skew}°, seal; detector side {a.det_side}, line images x{a.squeeze}, "
              f"{a.threads or 'all'} onnxruntime thread(s); load {load:.1f} before, {os.getloadavg()[0]:.1f} after; "
              f"peak memory {peak_mb():.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ocr-docs", type=int, default=4, help="scanned reports to OCR, the shortest first (0: none)")
    ap.add_argument("--ocr-rounds", type=int, default=1, help="times the scans are read (one line each)")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--skew", type=float, default=1.5, help="degrees each scanned page is turned")
    ap.add_argument("--det-side", type=int, default=None, help="detector's longer side (default: the setting)")
    ap.add_argument("--squeeze", type=float, default=None, help="width factor of line images (default: REC_SQUEEZE)")
    ap.add_argument("--threads", type=int, default=1, help="onnxruntime threads for OCR (0: all cores)")
    ap.add_argument("--skip-html", action="store_true")
    ap.add_argument("--skip-pdf", action="store_true", help="leave text PDFs out (OCR alone)")
    a = ap.parse_args()
    from fazhi.read import ocr
    from fazhi.settings import DEFAULT
    from tests import renderers as R

    a.det_side = a.det_side or DEFAULT.ocr_det_side
    a.squeeze = a.squeeze or ocr.REC_SQUEEZE
    reports = texts()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(reports)} reports, {sum(map(len, reports)) / len(reports):.0f} characters on average; "
          f"{cores} of {os.cpu_count()} CPUs for this process, load {os.getloadavg()[0]:.1f}")
    if not a.skip_html:
        html = [R.render_html(t, style=("trs", "list", "lines")[i % 3]) for i, t in enumerate(reports)]
        timed("HTML", html, a.rounds, len(html))  # one web page per document
        print(f"           peak memory so far {peak_mb():.0f} MB")
    if not a.skip_pdf:
        import pypdfium2 as pdfium

        pdfs, how = text_pdfs(reports)
        pages = sum(len(pdfium.PdfDocument(p)) for p in pdfs)
        timed("text-PDF", pdfs, a.rounds, pages)
        print(f"           {pages / len(pdfs):.1f} pages per document; PDFs {how}; peak memory so far {peak_mb():.0f} MB")
    if a.ocr_docs > 0:
        bench_ocr(reports, a)
    print(f"peak memory {peak_mb():.0f} MB (the OCR engine and its page buffers dominate)")


if __name__ == "__main__":
    main()
