"""Resumability and dead workers: a killed run, a killed worker, a worker over its memory limit, retries."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("psutil")

from fazhi import dataset  # noqa: E402
from fazhi.batch import Job, Options, run  # noqa: E402
from fazhi.batch.engine_local import LocalEngine, parse_memory  # noqa: E402

from .conftest import ROOT  # noqa: E402
from .synthetic import base_texts, write_corpus  # noqa: E402
from .test_checks import build  # noqa: E402

pytestmark = pytest.mark.slow

needs_bases = pytest.mark.skipif(not base_texts(), reason="no example or seed reports to build synthetic reports from")


def _hashes(d: Path) -> set[str]:
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in d.iterdir() if p.is_file()}


def _shas(out: Path) -> list[str]:
    return [r["sha256"] for r in dataset.read_table(out, ["sha256"]).to_pylist()]


@needs_bases
def test_killed_run_resumes_without_duplicates(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_corpus(src, 400)
    out = tmp_path / "ds"
    cmd = [sys.executable, "-m", "fazhi", "batch", str(src), "--out", str(out), "--workers", "2",
           "--chunk-size", "4", "--rows-per-file", "10", "--flush-seconds", "0.2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if len(dataset.part_files(out)) >= 3 if out.is_dir() else False:
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the driver, the fork server and the workers, mid-write or not
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    before = _shas(out)
    assert 0 < len(before) < 400 and len(before) == len(set(before))
    res = subprocess.run(cmd[:-1], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert f"跳过 {len(before)} 个已完成" in res.stdout
    after = _shas(out)
    assert len(after) == len(set(after)) == 400
    assert set(after) == _hashes(src)
    assert not [p for p in out.rglob(".*") if p.is_file()]  # no half-written file survived
    again = subprocess.run(cmd[:-1], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "跳过 400 个已完成" in again.stdout and sorted(_shas(out)) == sorted(after)


@needs_bases
def test_a_worker_killed_mid_run_loses_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_corpus(src, 160)
    out = tmp_path / "ds"
    killed: list[int] = []

    with LocalEngine(Job(), workers=2, memory_limit=0) as eng:
        def kill_one(stats) -> None:
            if not killed and stats.finished >= 16:
                pid = eng._worker_pids()[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        stats = run([str(src)], Options(out=str(out), chunk_size=4), eng, progress=kill_one)
    assert killed and stats.lost_chunks >= 1 and stats.failed == 0
    shas = _shas(out)
    assert len(shas) == len(set(shas)) == 160 and set(shas) == _hashes(src)


def test_an_input_over_the_memory_limit_is_isolated_and_reported(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        (src / f"r{i:02d}.txt").write_text(build() + f"\n附注{i}\n", "utf-8")
    line = "全年共受理行政复议案件73件，办结70件，结案率95.9%。" * 40 + "\n"
    with (src / "r05_huge.txt").open("w", encoding="utf-8") as fh:  # ~115 MB: far over a 200 MiB worker once read and decoded
        for _ in range(40_000):
            fh.write(line)
    out = tmp_path / "ds"
    with LocalEngine(Job(), workers=2, memory_limit="200MiB") as eng:
        stats = run([str(src)], Options(out=str(out), chunk_size=4), eng)
    assert stats.failed == 1 and stats.lost_chunks >= 2
    got = dataset.read_table(out, ["source"]).to_pylist()
    assert sorted(Path(r["source"]).name for r in got) == [f"r{i:02d}.txt" for i in range(12)]
    (failure,) = [json.loads(l) for l in (out / dataset.FAILURES).read_text("utf-8").splitlines()]
    assert failure["kind"] == "crash" and failure["source"].endswith("r05_huge.txt")
    assert "超过上限" in failure["error"] and "重试 2 次" in failure["error"]
    # a rerun does not try it again unless asked
    with LocalEngine(Job(), workers=1, memory_limit="200MiB") as eng:
        again = run([str(src)], Options(out=str(out)), eng)
    assert again.skipped == 13 and again.submitted == 0
    assert len((out / dataset.FAILURES).read_text("utf-8").splitlines()) == 1


def test_retry_failed_replaces_unreadable_rows(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(build(), "utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "later.txt").write_bytes(b"")
    out = tmp_path / "ds"
    with LocalEngine(Job(), workers=1, memory_limit=0) as eng:
        first = run([str(src)], Options(out=str(out)), eng)
        assert first.unreadable == 1 and first.duplicates == 1  # later.txt has empty.txt's bytes
        failures = [json.loads(l) for l in (out / dataset.FAILURES).read_text("utf-8").splitlines()]
        assert [(Path(f["source"]).name, f["kind"]) for f in failures] == [("empty.txt", "unreadable")]
        assert run([str(src)], Options(out=str(out)), eng).submitted == 0
        old = {r["source"]: r["analyzed_at"] for r in dataset.read_table(out).to_pylist()}
        retried = run([str(src)], Options(out=str(out), retry_failed=True), eng)
        assert retried.submitted == 1 and retried.superseded == 1
        t = dataset.read_table(out).to_pylist()
        assert len(t) == 2
        new = {r["source"]: r["analyzed_at"] for r in t}
        empty = str(src / "empty.txt")
        assert new[empty] > old[empty] and new[str(src / "good.txt")] == old[str(src / "good.txt")]
        # the broken file is fetched again with real content: its new row replaces the unreadable one
        (src / "empty.txt").write_text(build(published="2024-03-02"), "utf-8")
        fixed = run([str(src)], Options(out=str(out)), eng)
        assert fixed.submitted == 1 and fixed.superseded == 1
        t = dataset.read_table(out).to_pylist()
        assert len(t) == 2 and not any(r["error"] for r in t)
        assert (out / dataset.FAILURES).read_text("utf-8") == ""
        # later.txt was skipped while its (empty) content was known as unreadable; now it is not
        last = run([str(src)], Options(out=str(out)), eng)
        assert last.submitted == 1 and last.unreadable == 1
        failures = [json.loads(l) for l in (out / dataset.FAILURES).read_text("utf-8").splitlines()]
        assert [Path(f["source"]).name for f in failures] == ["later.txt"]


def test_an_interrupted_run_keeps_what_it_finished(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"r{i:02d}.txt").write_text(build() + f"\n附注{i}\n", "utf-8")
    out = tmp_path / "ds"

    def interrupt(stats) -> None:
        if stats.finished >= 8 and stats.ended is None:
            raise KeyboardInterrupt

    with LocalEngine(Job(), workers=1, memory_limit=0) as eng:
        with pytest.raises(KeyboardInterrupt):
            run([str(src)], Options(out=str(out), chunk_size=2, flush_seconds=3600), eng, progress=interrupt)
    n = len(_shas(out))
    assert 8 <= n < 40  # flushed on the way out although the flush interval had not passed


def test_memory_limits_parse() -> None:
    assert parse_memory("4GiB", 2) == 4 * 1024 ** 3
    assert parse_memory("800MB", 2) == 800 * 1000 ** 2
    assert parse_memory("0", 2) is None and parse_memory(None, 2) is None
    assert parse_memory("auto", 2) > 0
    with pytest.raises(ValueError, match="内存上限"):
        parse_memory("很多", 2)


def test_cli_reports_and_exit_codes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(build(), "utf-8")
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "ds"
    cmd = [sys.executable, "-m", "fazhi", "batch", str(src), "--out", str(out), "-j", "1", "--quiet"]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "分析 2 个文件（2 份文档）" in res.stdout and "1 份无法读取" in res.stdout and dataset.FAILURES in res.stdout
    bad = subprocess.run([sys.executable, "-m", "fazhi", "batch", str(src), "--out", str(out), "--engine", "spark"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "未知的引擎" in bad.stderr
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "x.txt").write_text("x", "utf-8")
    other = subprocess.run([sys.executable, "-m", "fazhi", "batch", str(src), "--out", str(tmp_path / "notes")],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert other.returncode == 2 and "不是 fazhi 数据集" in other.stderr
