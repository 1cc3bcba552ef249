"""Corpus benchmark: ingest throughput, cross-check quality and time, query latency, size.

    python bench/corpus.py                      # 20,000 reports over 2019-2023 (generated once)
    python bench/corpus.py --reports 2000 --workers 1

Prints:
- ingest throughput (reports per second, and per core) including reading and analysis;
- the cross-report checks' time, and their quality against the planted truth of
  bench/generate_corpus.py: near_duplicate precision and recall over (report, source report)
  pairs, yoy_mismatch recall of planted false claims and false alarms among true claims;
- latency of a comparison over the whole corpus (median of several runs);
- database size per 1,000 reports (the DuckDB file; the full-text index separately).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from fazhi.batch.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _rel(path: str, base: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(base.resolve()))
    except ValueError:
        return path


def evaluate(corpus, base: Path, truth: dict) -> dict:
    fd = corpus.findings(check=["near_duplicate", "yoy_mismatch"], origin="corpus")
    src = dict(corpus.con.execute("SELECT r.sha256, d.source FROM records r JOIN documents d USING (doc_id)").fetchall())
    pred_pairs = set()
    pred_yoy = set()
    for r in fd.itertuples():
        data = json.loads(r.data) if r.data else {}
        target = _rel(src[r.sha256], base)
        if r.check == "near_duplicate":
            pred_pairs.add((target, _rel(data["other_source"], base)))
        else:
            pred_yoy.add((target, data["indicator"]))
    true_pairs = {(c["target"], c["source"]) for c in truth["copies"]}
    hit = pred_pairs & true_pairs
    planted = {(c["file"], c["indicator"]) for c in truth["yoy_claims"] if c["false"]}
    honest = {(c["file"], c["indicator"]) for c in truth["yoy_claims"] if not c["false"]}
    false_alarms = pred_yoy - planted
    return {
        "near_duplicate": {"planted_pairs": len(true_pairs), "flagged_pairs": len(pred_pairs), "correct": len(hit),
                           "precision": len(hit) / len(pred_pairs) if pred_pairs else 1.0,
                           "recall": len(hit) / len(true_pairs) if true_pairs else 1.0,
                           "missed": sorted(true_pairs - pred_pairs)[:5], "spurious": sorted(pred_pairs - true_pairs)[:5]},
        "yoy_mismatch": {"planted": len(planted), "true_claims": len(honest), "flagged": len(pred_yoy),
                         "found": len(pred_yoy & planted), "recall": len(pred_yoy & planted) / len(planted) if planted else 1.0,
                         "false_alarms": len(false_alarms),
                         "false_alarm_share_of_flags": len(false_alarms) / len(pred_yoy) if pred_yoy else 0.0,
                         "false_alarms_per_true_claim": len(false_alarms) / len(honest) if honest else 0.0,
                         "missed": sorted(planted - pred_yoy)[:5], "spurious": sorted(false_alarms)[:5]},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description="fazhi corpus benchmark")
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--years", default="2019-2023")
    ap.add_argument("--corpus", default=None, help="directory of reports with truth.json (generated when missing)")
    ap.add_argument("--db", default=str(ROOT / "bench" / "out" / "bench.duckdb"))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--search", action="store_true", help="also build the full-text index and time a search")
    a = ap.parse_args()

    from bench.generate_corpus import generate
    from fazhi.corpus import Corpus

    lo, hi = (int(x) for x in a.years.split("-"))
    base = Path(a.corpus) if a.corpus else ROOT / "bench" / "out" / f"corpus_{a.reports}"
    if not (base / "truth.json").is_file():
        t = time.perf_counter()
        generate(a.reports, range(lo, hi + 1), base)
        print(f"generated {a.reports} reports in {time.perf_counter() - t:.1f} s -> {base}")
    truth = json.loads((base / "truth.json").read_text("utf-8"))
    for suffix in ("", ".wal", ".fts.sqlite"):
        if os.path.exists(a.db + suffix):
            os.remove(a.db + suffix)
    corpus = Corpus(a.db)
    years = [str(base / str(y)) for y in range(lo, hi + 1) if (base / str(y)).is_dir()]
    res = ingest(corpus, years, workers=a.workers, crosscheck=False)
    n = res.added
    print(f"ingest: {n} reports in {res.seconds:.1f} s with {a.workers} worker(s): {n / res.seconds:.1f} reports/s, "
          f"{n / res.seconds / a.workers:.1f} reports/s per core (reading, analysis, clause keys, storage); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    t = time.perf_counter()
    stats = corpus.crosscheck()
    cc = time.perf_counter() - t
    print(f"crosscheck: {cc:.1f} s ({n / cc:.0f} reports/s): {json.dumps(stats, ensure_ascii=False)}")
    q = evaluate(corpus, base, truth)
    nd, yo = q["near_duplicate"], q["yoy_mismatch"]
    print(f"near_duplicate: {nd['correct']}/{nd['planted_pairs']} planted copy pairs found, {nd['flagged_pairs']} flagged: "
          f"precision {nd['precision']:.3f}, recall {nd['recall']:.3f}")
    if nd["missed"] or nd["spurious"]:
        print(f"  missed e.g. {nd['missed']}\n  spurious e.g. {nd['spurious']}")
    print(f"yoy_mismatch: {yo['found']}/{yo['planted']} planted false claims found (recall {yo['recall']:.3f}); "
          f"{yo['false_alarms']} false alarms among {yo['true_claims']} true claims "
          f"({100 * yo['false_alarms_per_true_claim']:.2f}% of true claims, "
          f"{100 * yo['false_alarm_share_of_flags']:.2f}% of flags)")
    if yo["missed"] or yo["spurious"]:
        print(f"  missed e.g. {yo['missed']}\n  spurious e.g. {yo['spurious']}")
    # incremental: add one more year's worth? re-running the ingestion must add nothing
    t = time.perf_counter()
    again = ingest(corpus, years, workers=a.workers)
    print(f"re-ingest of the same {again.inputs} files: {again.added} added, {again.skipped} skipped in "
          f"{time.perf_counter() - t:.1f} s")
    timings = {}
    for label, fn in [
        ("compare reconsideration.received by province x year", lambda: corpus.compare(
            "reconsideration.received", by="province", years=(lo, hi))),
        ("compare hotline.satisfaction_rate by jurisdiction x year", lambda: corpus.compare(
            "hotline.satisfaction_rate", by="jurisdiction", years=(lo, hi))),
        ("panel of every indicator", lambda: corpus.panel()),
        ("outliers of every indicator and year", lambda: corpus.outliers()),
    ]:
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            out = fn()
            runs.append(time.perf_counter() - t)
        timings[label] = statistics.median(runs)
        print(f"query: {label}: {1000 * timings[label]:.0f} ms median of 5 ({len(out)} rows)")
    if a.search:
        t = time.perf_counter()
        corpus.search("行政复议")
        t1 = time.perf_counter()
        corpus.search("调解模式")
        print(f"search: first (builds the FTS index) {t1 - t:.1f} s, then {1000 * (time.perf_counter() - t1):.0f} ms")
    corpus.con.execute("CHECKPOINT")
    corpus.close()
    size = os.path.getsize(a.db)
    print(f"database: {size / 1e6:.1f} MB for {n} reports = {size / 1e6 / n * 1000:.1f} MB per 1,000 reports")
    if os.path.exists(a.db + ".fts.sqlite"):
        fs = os.path.getsize(a.db + ".fts.sqlite")
        print(f"full-text index: {fs / 1e6:.1f} MB = {fs / 1e6 / n * 1000:.1f} MB per 1,000 reports")


if __name__ == "__main__":
    main()
