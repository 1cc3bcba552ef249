"""Throughput of `fazhi batch` with 1 and 2 workers, on both engines, on text reports and on scans.

    python bench/scale.py                 # 600 text reports, 4 scanned PDFs of 2 pages
    python bench/scale.py --text 2000 --scans 8

For each engine (local process pool, Dask LocalCluster) and each worker count, the engine
is started and warmed on a few inputs of the same kind first (worker start-up, imports and
the OCR models are a fixed cost, paid once per run, not per report), then the corpus is run through `fazhi.batch.run`
into a fresh dataset, exactly as `fazhi batch` does, and timed from the first listing to
the last part file written. Prints reports per second, the scaling from 1 to 2 workers,
the peak resident memory of each worker (the kernel's high-water mark), and how many
cores the workers kept busy and how long they stood runnable waiting for a core (the
run-queue wait of /proc/PID/schedstat): on a shared machine that wait, not fazhi, is what
holds the 2-worker figure down, and it is printed so the figures can be read honestly.

Scanned PDFs are made here: report text drawn with reportlab, each page rendered to an
image with pypdfium2 and saved by Pillow as a PDF with no text layer, so the batch
classifies them as OCR work. When fazhi cannot OCR them on this install, the scan figures
are reported as unavailable, with the reason, instead of being measured on something else.

The text corpus is the synthetic one of tests/synthetic.py (the real seed reports, or the
examples without them, with other names and numbers), written to a temporary directory
and deleted afterwards.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_scans(directory: Path, n: int, pages: int = 2) -> list[Path]:
    """n image-only PDFs of `pages` full A4 pages of report text each (40 lines), at 150 dpi."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from tests.synthetic import base_texts, vary

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    bases = base_texts()
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        text = vary(bases[i % len(bases)][1], 1000 + i)
        lines = [ln[j:j + 34] for ln in text.splitlines() if ln.strip() for j in range(0, len(ln), 34)]
        per_page = 40
        while len(lines) < pages * per_page:  # every page full, as a report's pages are
            lines += lines
        vector = directory / f".vector_{i}.pdf"
        c = canvas.Canvas(str(vector), pagesize=A4)
        for p in range(pages):
            c.setFont("STSong-Light", 12)
            for k, ln in enumerate(lines[p * per_page:(p + 1) * per_page]):
                c.drawString(60, A4[1] - 70 - 18 * k, ln)
            c.showPage()
        c.save()
        pdf = pdfium.PdfDocument(str(vector))
        images = [pdf[p].render(scale=150 / 72).to_pil().convert("L") for p in range(len(pdf))]
        pdf.close()
        vector.unlink()
        path = directory / f"scan_{i:03d}.pdf"
        images[0].save(path, "PDF", resolution=150, save_all=True, append_images=images[1:])
        out.append(path)
    return out


def ocr_unavailable(sample: Path) -> str | None:
    """Why scans cannot be measured here, or None when fazhi reads this scan by OCR."""
    import fazhi

    r = fazhi.analyze(sample)
    if r.document.error:
        return f"fazhi 读取扫描件 {sample.name} 时报告：{r.document.error}"
    if r.document.format != "pdf-ocr":
        return f"扫描件 {sample.name} 被读作 {r.document.format}，不是 pdf-ocr（文字识别未接入）"
    return None


def _schedstat(pid: "int | str") -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one) of all a process's threads, from /proc."""
    run = wait = 0.0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return run, wait
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as fh:
                run_ns, wait_ns, _ = fh.read().split()
        except (OSError, ValueError):
            continue  # a thread that ended meanwhile
        run += int(run_ns) / 1e9
        wait += int(wait_ns) / 1e9
    return run, wait


def _dask_schedstat() -> tuple[float, float]:
    return _schedstat("self")


def worker_cpu(engine) -> dict[str, tuple[float, float]]:
    """CPU and run-queue wait of every worker so far: wait is time lost to other processes on the machine."""
    if engine.name == "dask":
        return engine.client.run(_dask_schedstat)
    return {str(pid): _schedstat(pid) for pid in engine._worker_pids()}


def measure(engine_name: str, workers: int, src: Path, warm: Path, work: Path) -> dict:
    from fazhi.batch import Job, Options, run

    job = Job()
    if engine_name == "local":
        from fazhi.batch.engine_local import LocalEngine

        engine = LocalEngine(job, workers=workers, ocr_slots=workers)
    else:
        from fazhi.batch.engine_dask import DaskEngine

        engine = DaskEngine(job, workers=workers)
    out = work / f"{engine_name}-{workers}-{src.name}"
    with engine:
        run([str(warm)], Options(out=str(work / f"warm-{engine_name}-{workers}-{src.name}")), engine)
        load = os.getloadavg()[0]
        before = worker_cpu(engine)
        t0 = time.perf_counter()
        stats = run([str(src)], Options(out=str(out)), engine)
        dt = time.perf_counter() - t0
        after = worker_cpu(engine)
        peaks = engine.peak_memory()
    assert stats.failed == 0 and stats.finished > 0, stats
    cpu = sum(after[k][0] - before.get(k, (0, 0))[0] for k in after)
    wait = sum(after[k][1] - before.get(k, (0, 0))[1] for k in after)
    return {"n": stats.finished, "seconds": dt, "rate": stats.finished / dt, "peaks": peaks, "load": load,
            "cpu": cpu, "wait": wait}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text", type=int, default=600, help="synthetic text reports")
    ap.add_argument("--scans", type=int, default=4, help="scanned PDFs (2 pages each)")
    ap.add_argument("--engines", default="local,dask")
    a = ap.parse_args()
    from tests.synthetic import write_corpus

    print(f"machine: {os.cpu_count()} cores, load average before start {os.getloadavg()[0]:.2f} "
          "(other processes on the machine lower the 2-worker figures)")
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-scale-"))
    try:
        corpora = []
        if a.text > 0:
            from tests.synthetic import BASE_DIRS, SEEDS_DIR

            # the real seed reports have the length of published reports; the examples are
            # deliberately brief, so they are used only when the seeds are absent
            dirs = (SEEDS_DIR,) if SEEDS_DIR.is_dir() else BASE_DIRS
            text, warm_text = tmp / "text", tmp / "warm-text"
            write_corpus(text, a.text, dirs=dirs)
            write_corpus(warm_text, 8, prefix="warm", dirs=dirs)
            corpora.append(("text reports", text, warm_text))
            chars = sum(len(p.read_text("utf-8")) for p in text.iterdir())
            print(f"text reports: {a.text}, {chars / a.text:,.0f} characters on average "
                  f"(made from {', '.join(d.name for d in dirs)})")
        scans, warm_scans = tmp / "scans", tmp / "warm-scans"
        reason = None if a.scans > 0 else "not requested (--scans 0)"
        if a.scans > 0:
            try:
                samples = make_scans(scans, a.scans + 2)
                # two scans warm each engine: both workers load the OCR models before the clock starts
                warm_scans.mkdir()
                for p in samples[-2:]:
                    p.rename(warm_scans / p.name)
                reason = ocr_unavailable(samples[0])
            except ImportError as e:
                reason = f"无法生成扫描件：缺少 {e.name}"
        if reason is None:
            corpora.append(("scanned PDFs", scans, warm_scans))
            import pypdfium2 as pdfium

            pages = sum(len(pdfium.PdfDocument(str(p))) for p in scans.iterdir())
            print(f"scanned PDFs: {a.scans}, {pages} A4 pages at 150 dpi, no text layer")
        work = tmp / "out"
        results: dict[tuple[str, str], dict[int, dict]] = {}
        for label, src, warm in corpora:
            for engine_name in a.engines.split(","):
                for workers in (1, 2):
                    r = measure(engine_name, workers, src, warm, work)
                    results.setdefault((label, engine_name), {})[workers] = r
                    peaks = ", ".join(f"{v / 2 ** 20:.0f} MB" for v in r["peaks"].values())
                    unit = "reports/s" if label == "text reports" else "PDFs/s"
                    print(f"{label:13} {engine_name:5} {workers} worker{'s' if workers > 1 else ' '}: "
                          f"{r['n']} in {r['seconds']:6.2f} s = {r['rate']:7.2f} {unit}; "
                          f"peak memory per worker: {peaks}; workers busy {r['cpu'] / r['seconds']:.2f} cores, "
                          f"waiting for a core {r['wait'] / r['seconds']:.2f}; load before {r['load']:.2f}",
                          flush=True)
        print()
        for (label, engine_name), by in results.items():
            if 1 in by and 2 in by:
                print(f"scaling 1 -> 2 workers, {label}, {engine_name}: {by[2]['rate'] / by[1]['rate']:.2f}x")
        if reason is not None:
            print(f"scanned PDFs: figure unavailable — {reason}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
