"""Time and peak memory of every case of the hostile corpus (tests/hostile.py), each read and
analysed in a process of its own, then the whole corpus in one `fazhi analyze` run.

Targets (issue 13): every case under 10 s and 1 GB; the whole corpus in one `fazhi analyze`
run exits 0 with every file read or given a Chinese reason. A case's time is its read and
analysis after the imports (the child warms up on a short text first); its memory is the
child's peak resident set size (wait4), interpreter and imports included (~80 MB).
Timings depend on the machine's load: run it on a quiet machine, or several times.

    python bench/hostile.py [--rounds 1] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_CJK = re.compile(r"[\u4e00-\u9fff]")


# the child: warm up, then time one file's read and analysis and print its records as JSON lines
CHILD = """
import sys, time
from fazhi.pipeline import analyze_all, analyze_text
from fazhi.record import to_json
analyze_text("某县2023年度法治政府建设情况报告\\n全年受理案件3件。")
t0 = time.perf_counter()
reports = analyze_all(sys.argv[1])
seconds = time.perf_counter() - t0
for r in reports:
    print(to_json(r.to_dict()))
print(seconds)
"""


def run(args: list[str], child: bool = False) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak resident MB, stdout) of `fazhi <args>` (or the timing child) in a process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.perf_counter()
    cmd = [sys.executable, "-c", CHILD, *args] if child else [sys.executable, "-m", "fazhi", *args]
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024, text


def outcome(line: str) -> str:
    """'读出' with the figure count, or the Chinese reason the file was not read."""
    rec = json.loads(line)
    reasons = [f["message"] for f in rec["findings"] if f["check"] == "unreadable"]
    if reasons:
        return reasons[0] if _CJK.search(reasons[0]) else "NOT CHINESE: " + reasons[0]
    note = (rec.get("page_metadata") or {})
    extra = note.get("page_errors") or note.get("html_note") or ""
    return f"读出，{len(rec['figures'])} 个数据" + (f"；{extra[:40]}" if extra else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=1, help="runs per case; the slowest is reported")
    ap.add_argument("--keep", type=Path, help="write the corpus here instead of a temporary folder")
    args = ap.parse_args()
    from tests.hostile import build

    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        cases = build(root)
        print(f"{'case':32} {'s':>6} {'MB':>6}  outcome")
        worst_s = worst_mb = 0.0
        for name, path in cases.items():
            if path.name == "fazhi-crawl.jsonl":
                continue
            rows = [run([str(path)], child=True) for _ in range(args.rounds)]
            code = max(r[0] for r in rows)
            lines = rows[-1][3].strip().splitlines()
            secs = max(float(r[3].strip().splitlines()[-1]) if r[0] == 0 else r[1] for r in rows)
            mb = max(r[2] for r in rows)
            said = outcome(lines[0]) if code == 0 and len(lines) > 1 else "NO OUTPUT"
            worst_s, worst_mb = max(worst_s, secs), max(worst_mb, mb)
            flag = "" if code == 0 and secs <= 10 and mb <= 1024 else "  <-- over target"
            print(f"{name:32} {secs:6.2f} {mb:6.0f}  exit {code}; {said[:70]}{flag}")
        code, secs, mb, text = run(["analyze", "-f", "jsonl", str(root / "corpus")])
        recs = [json.loads(ln) for ln in text.splitlines() if ln.strip()]
        unexplained = [r["source"] for r in recs if any(
            f["check"] == "unreadable" and not _CJK.search(f["message"]) for f in r["findings"])]
        print(f"whole corpus, one `fazhi analyze` run: exit {code}, {len(recs)} files, {secs:.1f} s, peak {mb:.0f} MB; "
              f"worst single case {worst_s:.2f} s, {worst_mb:.0f} MB; unread without a Chinese reason: "
              f"{len(unexplained)} {[Path(u).name for u in unexplained]}")


if __name__ == "__main__":
    main()
