"""Throughput and memory of `fazhi analyze` on one core.

Builds a corpus of at least 2,000 reports by replicating the examples and the seeds (each
copy made distinct by a counter so nothing can be cached), then analyses them in this one
process and prints reports per second, characters per second, peak memory, and the time
to import fazhi and analyse the first document in a fresh interpreter.
Target (issue 2): at least 100 reports per second for reports of 3,000–10,000 characters,
import plus first document under one second.

    python bench/analyze.py [--n 2000]
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples", ROOT.parent / "shared" / "seeds"]


def corpus(n: int) -> list[str]:
    from fazhi.read.text import decode

    base = []
    for d in SOURCES:
        if d.is_dir():
            for p in sorted(d.glob("*.txt")):
                base.append(decode(p.read_bytes())[0])
    if not base:
        raise SystemExit("no example or seed reports found")
    out = []
    i = 0
    while len(out) < n:
        t = base[i % len(base)]
        out.append(t + f"\n（副本{i}）\n")
        i += 1
    return out


def cold_start(sample: Path) -> float:
    code = ("import time; t=time.perf_counter(); import fazhi; "
            f"fazhi.analyze({str(sample)!r}); print(time.perf_counter()-t)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(p.stdout.strip())


def hostile() -> None:
    """Time pathological inputs: each must stay roughly linear (seconds, not minutes)."""
    import random

    import fazhi

    rnd = random.Random(2)
    chars = list("一二三四五六七八九十百千万零两是、，。；：（）“”《》—%0123456789.年月日件项人次率共其中办结受理复议县镇我第批约余 \n")
    cases = {
        "1M random report characters": "".join(rnd.choice(chars) for _ in range(1_000_000)),
        "560k one line, no full stop": "受理行政复议案件53件，办结41件，结案率为87.2%，" * 20000,
        "200k digits": "1" * 200_000,
        "200k 一": "一" * 200_000,
        "40k headings of every style": "".join(rnd.choice(["一、标题\n", "(一)小标题。正文\n", "1.条目\n", "一是内容\n"])
                                             for _ in range(40_000)),
        "100k unclosed brackets": "（" * 100_000,
    }
    sample = next((p for d in SOURCES if d.is_dir() for p in sorted(d.glob("*.txt"))), None)
    if sample is not None:
        report = sample.read_text("utf-8", errors="replace")
        # a book-length document: ten times the text should cost about ten times the time
        cases["a report repeated to 400k characters"] = report * max(1, 400_000 // len(report))
        cases["a report repeated to 4M characters"] = report * max(1, 4_000_000 // len(report))
    for name, text in cases.items():
        t0 = time.perf_counter()
        fazhi.analyze_text(text)
        print(f"{name}: {time.perf_counter() - t0:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--hostile", action="store_true", help="time pathological inputs instead")
    a = ap.parse_args()
    if a.hostile:
        hostile()
        return
    sample = next(p for d in SOURCES if d.is_dir() for p in sorted(d.glob("*.txt")))
    cold = min(cold_start(sample) for _ in range(3))
    import fazhi

    docs = corpus(a.n)
    chars = sum(len(t) for t in docs)
    fazhi.analyze_text(docs[0])  # warm the lazily built tables once, as a batch does
    t0 = time.perf_counter()
    for i, t in enumerate(docs):
        fazhi.analyze_text(t, source=f"bench-{i}")
    dt = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(docs)}  mean length: {chars / len(docs):,.0f} characters")
    print(f"throughput: {len(docs) / dt:,.1f} reports/s on one core  ({chars / dt / 1e6:.2f} M characters/s)")
    print(f"per report: {dt / len(docs) * 1000:.2f} ms")
    print(f"peak memory: {peak_mb:,.0f} MB (whole process)")
    print(f"cold start (import fazhi + first document, best of 3): {cold:.2f} s")


if __name__ == "__main__":
    main()
