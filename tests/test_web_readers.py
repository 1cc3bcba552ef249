"""`fazhi serve --readers N`: reads from several processes over published read-only copies, writes
through the one writer, and a reviewer's change visible on the next request whichever process
answers it. A real server, a real DuckDB corpus, a connection per request (the kernel hands
each to one of the readers)."""
from __future__ import annotations

import os
import shutil
import time

import httpx
import pandas as pd
import pytest

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus, review
from fazhi.corpus.replica import Publisher, published
from fazhi.web.db import ReplicaHolder

from .browser import add_user, serve
from .conftest import EXAMPLES

PASSWORD = "readers-password-1"
NEW_REPORT = ("某某县2024年度法治政府建设情况报告\n一、主要举措和成效\n全年办理行政复议案件12件，办结11件。\n"
              "二、存在的不足和原因\n培训不够。\n三、下一年度工作安排\n加强培训。\n某某县人民政府\n2025年3月20日\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("readers") / "corpus.duckdb"
    with Corpus(path) as c:
        ingest(c, [str(p) for p in sorted(EXAMPLES.glob("*.txt"))], workers=1)
    add_user(path, "reviewer", "reviewer", PASSWORD)
    return path


def _nan(v):
    return None if pd.isna(v) else int(v)


def test_copies_follow_the_writer(db, tmp_path):
    """In one process: a reader's handle sees a decision once the live tables are published, and
    a new document once the base is; what it read before stays readable meanwhile."""
    folder = tmp_path / "copies"
    shutil.copy(db, tmp_path / "own.duckdb")  # the server test below starts from the corpus as ingested
    with Corpus(tmp_path / "own.duckdb") as w:
        pub = Publisher(w, folder)
        pub.publish_base()
        holder = ReplicaHolder(str(folder))
        try:
            r = holder.get()
            assert len(r.reports()) == len(w.reports())
            # the base copy indexes the findings by report (a first view reads them so), the writer does not
            plan = "".join(str(x) for x in r.con.execute(
                "EXPLAIN ANALYZE SELECT * FROM findings WHERE doc_id = ?", [1]).fetchall())
            assert "Index Scan" in plan
            # the near-duplicate index stays with the writer (the cross-report checks run there)
            assert w.query("SELECT count(*) AS n FROM passages").n[0] > 0
            assert r.query("SELECT count(*) AS n FROM passages").n[0] == 0
            f = w.findings().iloc[0]
            before = len(r.decisions())
            w.decide(f.sha256, f.check, _nan(f.start), _nan(f.end), f.message, "confirmed", user="reviewer")
            assert len(holder.get().decisions()) == before  # not published yet: the copy is as it was
            pub.publish_live()
            assert len(holder.get().decisions()) == before + 1
            assert review.state(holder.get(), f.sha256)["state"] == "in_review"  # review_state: live too
            n = len(holder.get().reports())
            (tmp_path / "new.txt").write_text(NEW_REPORT, "utf-8")
            ingest(w, [str(tmp_path / "new.txt")], workers=1)
            pub.publish_base()
            assert len(holder.get().reports()) == n + 1
            assert len(holder.get().decisions()) == before + 1  # the live tables come with the new base
            files = sorted(p.name for p in folder.iterdir())
            now = published(folder)
            assert files == sorted(["current.json", now.base, now.live])  # older copies are removed
        finally:
            holder.close()


def test_a_readers_versions_follow_the_reports_each_copy_changed(db, tmp_path, monkeypatch):
    """What a reader keeps is keyed by `ReplicaHolder.version`: a live copy published after a change to
    one report moves that report's version only; a change to anything (None), a new base, or a reader
    that missed more copies than `current.json` lists, moves every version."""
    from fazhi.corpus import replica

    monkeypatch.setattr(replica, "KEEP_CHANGES", 3)
    shutil.copy(db, tmp_path / "own.duckdb")
    with Corpus(tmp_path / "own.duckdb") as w:
        pub = Publisher(w, tmp_path / "copies")
        pub.publish_base()
        holder = ReplicaHolder(str(tmp_path / "copies"))
        try:
            a, b = list(dict.fromkeys(w.findings().sha256))[:2]  # two reports with findings

            def versions() -> tuple:
                return holder.version(), holder.version(a), holder.version(b)

            first = versions()
            touched = w.reviewed_reports()
            assert holder.touched(a) == (a in touched) and holder.touched(b) == (b in touched)
            f = w.findings(sha256=b).iloc[0]  # a decision on b, published as a change to b alone
            w.decide(b, f.check, _nan(f.start), _nan(f.end), f.message, "confirmed", user="reviewer")
            pub.publish_live({b})
            assert holder.touched(b) and holder.touched(a) == (a in touched)
            assert versions()[:2] == first[:2] and versions()[2] != first[2]
            first = versions()
            pub.publish_live({a})
            everything, of_a, of_b = versions()
            assert everything == first[0] and of_b == first[2] and of_a != first[1]
            assert holder.touched(a)  # changed by a copy after the touched reports were read
            assert holder.version_now(a) == of_a and holder.version_now(b) == of_b
            pub.publish_live({b})
            pub.publish_live(set())  # a copy that changed no report (a decision that failed before writing)
            assert versions() == (everything, of_a, holder.version(b)) and holder.version(b) != of_b
            now = versions()
            pub.publish_live(None)
            assert all(x != y for x, y in zip(versions(), now))
            now = versions()
            for _ in range(4):  # one more than the changes current.json lists: this reader missed some
                pub.publish_live({a})
            assert all(x != y for x, y in zip(versions(), now))
            now = versions()
            pub.publish_base()
            assert all(x != y for x, y in zip(versions(), now))
        finally:
            holder.close()


def _fresh(base: str) -> httpx.Client:
    """A client whose every request opens a new connection (so requests spread over the readers)."""
    return httpx.Client(base_url=base, timeout=60, limits=httpx.Limits(max_keepalive_connections=0))


def test_decisions_read_back_through_the_readers(db, tmp_path):
    with serve(db, tmp_path / "serve.log", "--readers", "2") as base, _fresh(base) as c:
        token = c.post("/api/login", json={"username": "reviewer", "password": PASSWORD}).json()["token"]
        h = {"Authorization": f"Bearer {token}"}
        reports = c.get("/api/reports", headers=h).json()
        sha = next(r["sha256"] for r in reports if r["doc_type"] == "report" and (r["n_errors"] or r["n_warnings"]))
        f = c.get(f"/api/reports/{sha}/findings", headers=h).json()[0]
        key = {"check": f["check"], "start": f["start"], "end": f["end"], "message": f["message"]}

        page = {"accept": "text/html"}
        for _ in range(4):  # the review page as every reader has it (and keeps it until the next change)
            assert "decided-dismissed" not in c.get(f"/reports/{sha}", headers=h | page).text
        r = c.post(f"/api/reports/{sha}/decisions", headers=h, json=key | {"decision": "dismissed", "comment": "口径不同"})
        assert r.status_code == 200, r.text
        for _ in range(4):
            assert "口径不同" in c.get(f"/reports/{sha}", headers=h | page).text
        for _ in range(8):  # each on a new connection: both readers answer some of them
            got = c.get(f"/api/reports/{sha}/findings", headers=h).json()
            mine = next(x for x in got if x["check"] == key["check"] and x["message"] == key["message"])
            assert mine["decision"]["decision"] == "dismissed" and mine["decision"]["comment"] == "口径不同"

        assert c.post(f"/api/reports/{sha}/reopen", headers=h, json=key).status_code == 200
        for _ in range(4):
            got = c.get(f"/api/reports/{sha}/findings", headers=h).json()
            assert next(x for x in got if x["message"] == key["message"]).get("decision") is None

        assert c.post(f"/api/reports/{sha}/state", headers=h, json={"state": "reviewed"}).status_code == 200
        for _ in range(4):
            page = c.get(f"/reports/{sha}", headers=h | {"accept": "text/html"}).text
            assert "已审" in page
            assert c.get("/api/review", headers=h).status_code == 200

        # a search goes to the writer, which keeps the full-text index
        hits = c.get("/api/search", params={"q": "行政复议"}, headers=h)
        assert hits.status_code == 200 and hits.json()

        # an upload goes to the writer; once its job is done every reader has the new report
        n = c.get("/api/stats", headers=h).json()["documents"]
        job = c.post("/api/jobs", headers=h, files=[("files", ("新报告.txt", NEW_REPORT.encode(), "text/plain"))])
        assert job.status_code == 202, job.text
        deadline = time.monotonic() + 120
        while (state := c.get(f"/api/jobs/{job.json()['id']}", headers=h).json()["state"]) not in ("done", "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.3)
        assert state == "done"
        assert {c.get("/api/stats", headers=h).json()["documents"] for _ in range(6)} == {n + 1}
    assert not os.path.exists(f"{db}.readers")  # the copies are removed when the server stops
