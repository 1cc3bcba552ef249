"""A crash mid-ingestion loses nothing committed and leaves no half-written report.

A real `fazhi ingest` subprocess is killed with SIGKILL after its first commits; the
database must then hold only whole reports (each document with its record and every
figure, section and finding of that record), and re-running the same command must store
every document exactly once.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.generate_corpus import generate
from fazhi.corpus import Corpus
from fazhi.corpus.schema import record_json

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _consistent(db: Path) -> int:
    """Number of documents; asserts that each is stored whole."""
    with Corpus(db, read_only=True) as c:
        con = c.con
        docs = con.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone()
        assert docs[0] == docs[1]
        assert con.execute("SELECT count(*) FROM documents d ANTI JOIN records r USING (doc_id)").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM records r ANTI JOIN documents d USING (doc_id)").fetchone()[0] == 0
        for doc_id, record in con.execute("SELECT doc_id, record FROM records").fetchall():
            rec = record_json(record)
            counts = con.execute("""SELECT (SELECT count(*) FROM figures WHERE doc_id = ?),
                                           (SELECT count(*) FROM sections WHERE doc_id = ?),
                                           (SELECT count(*) FROM findings WHERE doc_id = ? AND origin = 'document')""",
                                 [doc_id] * 3).fetchone()
            assert counts == (len(rec["figures"]), len(rec["sections"]), len(rec["findings"])), doc_id
        return docs[0]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_mid_ingest_then_rerun(tmp_path: Path, workers: str) -> None:
    corpus = tmp_path / "corpus"
    generate(300, range(2021, 2024), corpus, seed=3)
    (corpus / "truth.json").rename(tmp_path / "truth.json")  # only the reports are ingested
    n_files = sum(1 for p in corpus.rglob("*.txt"))
    db = tmp_path / "c.duckdb"
    cmd = [sys.executable, "-m", "fazhi", "ingest", str(corpus), "--db", str(db), "--batch", "5", "-j", workers]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            start_new_session=True)
    done = 0
    deadline = time.monotonic() + 300
    try:
        for line in proc.stderr:  # "入库：N/M", at most once a second, after each commit
            if line.startswith("入库：") and "/" in line:
                done = int(line.split("：", 1)[1].split("/")[0])
                if done >= 10:
                    break
            if time.monotonic() > deadline:
                break
        assert 10 <= done < n_files, f"the ingestion was not caught mid-way (done={done})"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        try:  # workers of the killed parent (its own session) must not outlive the test
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    stored = _consistent(db)
    assert done <= stored < n_files  # what was reported committed is there; the rest is not
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert _consistent(db) == n_files
    with Corpus(db, read_only=True) as c:
        sources = [Path(s).name for (s,) in c.con.execute("SELECT source FROM documents").fetchall()]
        assert sorted(sources) == sorted(p.name for p in corpus.rglob("*.txt"))
        # the cross-report checks ran over the whole corpus once it was complete
        assert c.con.execute("SELECT count(*) FROM records WHERE crosschecked IS NOT TRUE").fetchone()[0] == 0
    assert "新增" in rerun.stderr and "跳过已入库" in rerun.stderr
