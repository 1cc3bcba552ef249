"""Web workspace benchmark: request latency of the main pages and API endpoints.

    python bench/web.py                                   # a corpus of the seeds and the examples
    python bench/web.py --db bench/out/bench.duckdb       # the 20,000-report corpus of bench/corpus.py
    python bench/web.py --users 20 --requests 400         # bounded load: 20 concurrent users
    python bench/web.py --users 20 --think 2              # ... each pausing about 2 s between pages
    python bench/web.py --only review,compare             # some targets only
    python bench/web.py --readers 2                       # fazhi serve --readers 2: two reader processes
    python bench/web.py --spread 200                      # also review pages of 200 different reports

Starts `fazhi serve` on a free loopback port (a real server process, as a reviewer runs it),
signs a benchmark user in with a bearer token, then:
1. one user: each target requested `--repeat` times in turn, p50/p95/max latency;
2. `--users` concurrent users (threads with their own connections) sharing `--requests`
   requests over the targets, p50/p95 per target and the throughput.
The machine is printed with the figures: cores and the load average before and after (other
programs running on the same cores slow every figure; compare runs made at similar load).
Loopback only; nothing is asserted, the figures are printed (speed targets live in bench/,
not in timed tests: CONTRIBUTING.md).
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from fazhi.batch.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

USER, PASSWORD = "bench", "bench-password-1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_corpus(db: Path) -> None:
    """The seeds (when ../shared is present) and the examples, ingested once."""
    from fazhi.corpus import Corpus

    sources = [str(p) for p in sorted((ROOT / "examples").glob("*.txt"))]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        sources += [str(p) for p in sorted(seeds.glob("*")) if p.is_file()]
    with Corpus(db) as c:
        res = ingest(c, sources, workers=1)
    print(f"corpus: {res.added} documents from {len(sources)} files (seeds and examples)")


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server process and its children (the readers and the writer)."""
    import psutil

    root = psutil.Process(pid)
    total = 0.0
    for p in [root, *root.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def machine() -> str:
    """Cores and load average: the figures mean little without them on a shared machine."""
    one, five, fifteen = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min)"


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def targets(client, headers, spread: int = 0) -> list[tuple[str, str | list[str]]]:
    """(label, path) of the pages and endpoints to time, filled from what the corpus holds. With `spread`,
    one more target whose path is a list: the review pages of that many different reports, each asked in
    turn, so most requests find no kept page (20 reviewers each opening their own units' reports)."""
    stats = client.get("/api/stats", headers=headers).json()
    year = stats.get("last_year") or 2023
    reports = client.get("/api/reports", params={"year": year, "limit": max(50, spread)}, headers=headers).json()
    reports = [r for r in reports if r.get("doc_type") == "report"] or reports
    sha = max(reports, key=lambda r: r.get("chars") or 0)["sha256"]  # the longest: the heaviest review page
    ind = "reconsideration.received"
    many: list[tuple[str, str | list[str]]] = []
    if spread:
        many = [(f"page: review of {min(spread, len(reports))} reports", [f"/reports/{r['sha256']}" for r in reports[:spread]])]
    return many + [
        ("page: home (review progress per year)", "/"),
        ("page: review of a report", f"/reports/{sha}"),
        ("page: report list of a year, by errors", f"/reports?year={year}&sort=n_errors&order=desc"),
        ("page: batch view of a year", f"/batch?year={year}"),
        ("page: compare (bar chart)", f"/compare?indicator={ind}&year={year}"),
        ("page: compare (line chart)", f"/compare?indicator={ind}&chart=line"),
        ("page: search 行政复议", "/search?q=行政复议"),
        ("api: report record", f"/api/reports/{sha}"),
        ("api: reports of a year", f"/api/reports?year={year}&limit=500"),
        ("api: compare", f"/api/compare?indicator={ind}"),
        ("api: chart svg", f"/api/charts/compare.svg?indicator={ind}&year={year}"),
        ("api: findings (errors) of a year", f"/api/findings?year={year}&severity=error&limit=1000"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description="fazhi web benchmark")
    ap.add_argument("--db", default=None, help="an existing corpus; default: a new one of the seeds and examples")
    ap.add_argument("--repeat", type=int, default=20, help="requests per target for the single-user figures")
    ap.add_argument("--users", type=int, default=20, help="concurrent users for the load figures")
    ap.add_argument("--requests", type=int, default=400, help="requests in all for the load figures")
    ap.add_argument("--think", type=float, default=0.0,
                    help="seconds a user reads a page before the next request (uniform 0.5x-1.5x, as locust's "
                         "wait_time); 0: each user sends the next request at once (the worst case)")
    ap.add_argument("--readers", type=int, default=0, help="fazhi serve --readers N (0: one process serves all)")
    ap.add_argument("--spread", type=int, default=0, help="also time the review pages of N different reports "
                    "(not warmed: the first view of each is computed)")
    ap.add_argument("--only", default=None, help="comma-separated words: time only the targets whose label has one "
                    "(e.g. review,compare)")
    a = ap.parse_args()

    import httpx

    from fazhi.web.accounts import AccountError, Accounts
    from fazhi.web.config import WebConfig

    tmp = Path(tempfile.mkdtemp(prefix="fazhi-bench-web-"))
    try:
        db = Path(a.db) if a.db else tmp / "bench.duckdb"
        if not a.db:
            build_corpus(db)
        try:
            Accounts(WebConfig(db=str(db)).accounts_path).add(USER, PASSWORD, "viewer")
        except AccountError:
            pass  # made by an earlier run on this corpus
        port = _free_port()
        log = tmp / "server.log"
        with open(log, "w") as out:
            proc = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--db", str(db), "--port", str(port),
                                     "--readers", str(a.readers)], stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 900  # --readers: the first copy of a large corpus is made first
            while True:
                try:
                    httpx.get(base + "/login", timeout=2)
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        sys.exit("server did not start:\n" + log.read_text())
                    time.sleep(0.3)
            with httpx.Client(base_url=base, timeout=120) as c:
                token = c.post("/api/login", json={"username": USER, "password": PASSWORD}).json()["token"]
                h = {"Authorization": f"Bearer {token}", "Accept": "text/html"}
                stats = c.get("/api/stats", headers=h).json()
                print(f"corpus: {stats['documents']} documents, {stats['reports']} reports, "
                      f"{stats['figures']} figures, {stats['findings']} findings")
                print(f"server: fazhi serve --readers {a.readers} "
                      f"({'one process' if not a.readers else f'{a.readers} reader processes and a writer'}); "
                      f"machine: {machine()}")
                tg = targets(c, h, a.spread)
                if a.only:
                    tg = [t for t in tg if any(w in t[0] for w in a.only.split(","))]
                warm = [(label, path) for label, path in tg if isinstance(path, str)]
                for _, path in warm:  # warm: the full-text index is built on the first search
                    c.get(path, headers=h).raise_for_status()
                for _ in range(4 * a.readers):  # warm each reader (a new connection goes to any of them)
                    with httpx.Client(base_url=base, timeout=600) as fresh:
                        for _, path in warm:
                            fresh.get(path, headers=h).raise_for_status()
                print(f"\none user, {a.repeat} requests per target (ms):")
                print(f"{'target':36} {'p50':>8} {'p95':>8} {'max':>8}")
                for label, path in tg:
                    times = []
                    for i in range(a.repeat):
                        t0 = time.perf_counter()
                        c.get(path if isinstance(path, str) else path[-1 - i % len(path)], headers=h).raise_for_status()
                        times.append(1000 * (time.perf_counter() - t0))
                    print(f"{label:36} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f} {max(times):8.1f}")
            cpu0, own0 = server_cpu(proc.pid), time.process_time()
            done = load(base, h, tg, a.users, a.requests, a.think)
            cpu, own = server_cpu(proc.pid) - cpu0, time.process_time() - own0
            print(f"server CPU: {cpu:.1f} s for {done} requests = {1000 * cpu / max(done, 1):.1f} ms per request "
                  f"(all its processes; steadier than the latencies on a shared machine, though it grows with the load)")
            print(f"client CPU: {own:.1f} s = {1000 * own / max(done, 1):.1f} ms per request (this benchmark's own "
                  f"users, on the same cores as the server)")
            print(f"machine after: {machine()}")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load(base: str, headers: dict, tg: list[tuple[str, str | list[str]]], users: int, total: int,
         think: float = 0.0) -> int:
    """`users` threads, each with its own connection, sharing `total` requests over the targets (a target
    with a list of paths asks them in turn); with `think`, each user pauses between its requests as a
    reader does. Returns the requests answered."""
    jobs = []
    for i in range(total):
        label, path = tg[i % len(tg)]
        jobs.append((label, path if isinstance(path, str) else path[(i // len(tg)) % len(path)]))
    random.Random(1).shuffle(jobs)
    lock = threading.Lock()
    results: dict[str, list[float]] = {label: [] for label, _ in tg}
    errors: list[str] = []

    host, port = urlsplit(base).hostname, urlsplit(base).port

    def user(seed: int) -> None:
        # http.client rather than httpx: the users run on the server's own cores, and httpx's
        # per-request work (about 5 ms of CPU here) would be counted as the server's latency
        pause = random.Random(seed)
        c = http.client.HTTPConnection(host, port, timeout=120)
        try:
            first = True
            while True:
                if think and not first:
                    time.sleep(think * pause.uniform(0.5, 1.5))
                first = False
                with lock:
                    if not jobs:
                        return
                    label, path = jobs.pop()
                t0 = time.perf_counter()
                c.request("GET", quote(path, safe="/?&=%:,"), headers=headers)
                r = c.getresponse()
                r.read()
                ms = 1000 * (time.perf_counter() - t0)
                with lock:
                    (results[label].append(ms) if r.status == 200 else errors.append(f"{path}: {r.status}"))
        finally:
            c.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    done = sum(len(v) for v in results.values())
    pace = f", {think:g} s think time" if think else ", no think time"
    print(f"\n{users} concurrent users{pace}, {total} requests: {done / wall:.1f} requests/s"
          f" on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (ms):")
    print(f"{'target':36} {'n':>4} {'p50':>8} {'p95':>8}")
    for label, times in results.items():
        if times:
            print(f"{label:36} {len(times):4d} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f}")
    if errors:
        print(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    else:
        print("no failed requests")
    return done + len(errors)


if __name__ == "__main__":
    main()
