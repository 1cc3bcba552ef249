"""Background ingestion: each upload becomes a job that one worker thread runs through
`Corpus.ingest`, the same pipeline as `fazhi ingest`.

Jobs are rows of the side file, so their progress survives the request that started
them and a restarted server finds them: a job left queued or running by a stopped server
is queued again (its files are kept, and ingestion skips what was already stored). One
worker thread runs them in order, because the corpus allows one writer of documents at a
time; ingestion itself spreads the analysis over processes when a batch is large.
"""
from __future__ import annotations

import json
import queue
import threading
import time
from datetime import UTC, datetime
from typing import Any, Callable

from ..batch import ingest as ingestion
from ..settings import DEFAULT
from .db import CorpusHolder
from .sidefile import connect

STATE_ZH = {"queued": "排队中", "running": "分析中", "done": "已完成", "failed": "失败"}
STAGE_ZH = {"ingest": "读取和分析", "reanalyze": "重新分析", "index": "建立雷同索引", "compare": "跨报告比对",
            "publish": "更新浏览副本"}


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0).isoformat()


class JobLog:
    """The jobs as rows of the side file: what every server process may read (a reader process of
    `fazhi serve --readers` lists them; only the writer process runs them)."""

    def __init__(self, side_path: str, allow_private_urls: bool = False):
        self.path = side_path
        # uploads are the uploader's word: no crawl manifest among them decides what else is read
        self.settings = DEFAULT.with_(allow_private_urls=allow_private_urls, crawl_manifests=False)

    def get(self, job_id: int) -> dict[str, Any] | None:
        with connect(self.path) as con:
            row = con.execute("SELECT * FROM jobs WHERE id = ?", [job_id]).fetchone()
            names = [d[0] for d in con.execute("SELECT * FROM jobs LIMIT 0").description]
        return self._public(dict(zip(names, row))) if row else None

    def list(self, limit: int = 50) -> list[dict[str, Any]]:
        with connect(self.path) as con:
            cur = con.execute("SELECT * FROM jobs ORDER BY id DESC LIMIT ?", [int(limit)])
            names = [d[0] for d in cur.description]
            return [self._public(dict(zip(names, r))) for r in cur.fetchall()]

    @staticmethod
    def _public(j: dict[str, Any]) -> dict[str, Any]:
        inputs = json.loads(j["inputs"])
        return {"id": j["id"], "user": j["user_name"], "created_at": j["created_at"], "finished_at": j["finished_at"],
                "state": j["state"], "state_zh": STATE_ZH.get(j["state"], j["state"]), "stage": j["stage"],
                "stage_zh": STAGE_ZH.get(j["stage"] or "", j["stage"] or ""), "done": j["done"], "total": j["total"],
                "inputs": [{"name": i.get("name") or i.get("url")} for i in inputs],
                "result": json.loads(j["result"]) if j["result"] else None, "error": j["error"]}


class Jobs(JobLog):
    """JobLog and the one thread that runs the jobs. `after` runs once a job has stored its documents
    and before it is marked done (the writer process publishes the corpus for its readers there)."""

    def __init__(self, side_path: str, holder: CorpusHolder, allow_private_urls: bool = False,
                 workers: int | None = None, after: Callable[[], None] | None = None):
        super().__init__(side_path, allow_private_urls)
        self.holder = holder
        self.workers = workers
        self.after = after
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name="fazhi-jobs", daemon=True)
        self._idle = threading.Event()
        self._idle.set()
        with connect(self.path) as con:
            left = [r[0] for r in con.execute("SELECT id FROM jobs WHERE state IN ('queued', 'running') ORDER BY id")]
            con.execute("UPDATE jobs SET state = 'queued', stage = NULL WHERE state = 'running'")
        self._thread.start()
        for job_id in left:
            self._enqueue(job_id)

    # -- submitting and reading -------------------------------------------------------------

    def submit(self, user: str | None, inputs: list[dict[str, Any]]) -> int:
        """Queue inputs ({"name", "path", "sha256"} for a saved file, {"url"} for a URL); returns the job id."""
        with connect(self.path) as con:
            cur = con.execute("INSERT INTO jobs (user_name, created_at, state, total, inputs) VALUES (?, ?, 'queued', ?, ?)",
                              [user, _now(), len(inputs), json.dumps(inputs, ensure_ascii=False)])
            job_id = int(cur.lastrowid)
        self._enqueue(job_id)
        return job_id

    def _enqueue(self, job_id: int) -> None:
        self._idle.clear()
        self._queue.put(job_id)

    def wait_idle(self, timeout: float) -> bool:
        """Block until no job is queued or running (tests, shutdown)."""
        return self._idle.wait(timeout)

    def stop(self, timeout: float = 30.0) -> bool:
        """Let the running job finish (up to `timeout` seconds); False if it is still running.

        A job cut off by the process ending stays `running` in the side file and is run
        again at the next start: committed batches are kept, the rest is ingested then.
        """
        self._queue.put(None)
        self._thread.join(timeout=timeout)
        return not self._thread.is_alive()

    # -- the worker -----------------------------------------------------------------------

    def _loop(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None:
                return
            try:
                self._run(job_id)
            finally:
                if self._queue.empty():
                    self._idle.set()

    def _update(self, job_id: int, **cols: Any) -> None:
        sets = ", ".join(f"{k} = ?" for k in cols)
        with connect(self.path) as con:
            con.execute(f"UPDATE jobs SET {sets} WHERE id = ?", [*cols.values(), job_id])

    def _run(self, job_id: int) -> None:
        with connect(self.path) as con:
            row = con.execute("SELECT inputs, state FROM jobs WHERE id = ?", [job_id]).fetchone()
        if row is None or row[1] != "queued":
            return
        inputs = json.loads(row[0])
        started = datetime.now(UTC).replace(tzinfo=None)
        self._update(job_id, state="running", stage="ingest", done=0)
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if done in (0, total) or now - last[0] >= 0.3:  # a row update per commit, not per passage
                last[0] = now
                self._update(job_id, stage=stage, done=done, total=total)

        corpus = self.holder.fresh()
        try:
            sources = [i["path"] if "path" in i else i["url"] for i in inputs]
            res = ingestion.ingest(corpus, sources, workers=self.workers, settings=self.settings, progress=progress)
            result = {"added": res.added, "skipped": res.skipped, "unreadable": res.unreadable,
                      "seconds": round(res.seconds, 2), "crosscheck": {k: res.crosscheck.get(k, 0) for k in
                                                                       ("near_duplicate", "yoy_mismatch")},
                      "inputs": [self._outcome(corpus, i, started) for i in inputs]}
            if self.after is not None:
                self._update(job_id, stage="publish")
                self.after()
            self._update(job_id, state="done", stage=None, done=len(inputs), total=len(inputs), finished_at=_now(),
                         result=json.dumps(result, ensure_ascii=False))
        except Exception as e:  # noqa: BLE001 - the job fails with its reason; the server and later jobs go on
            self._update(job_id, state="failed", stage=None, finished_at=_now(), error=f"{type(e).__name__}: {e}")
            if self.after is not None:  # the batches committed before the failure are shown too
                try:
                    self.after()
                except Exception:  # noqa: BLE001 - the readers keep the copy they have; the job's error stands
                    pass
        finally:
            corpus.close()

    @staticmethod
    def _outcome(corpus, item: dict[str, Any], started: datetime) -> dict[str, Any]:
        """What became of one input: its documents, new or already stored, and why any could not be read."""
        rows = (corpus.input_documents(sha256=item["sha256"]) if "path" in item
                else corpus.input_documents(url=item["url"]))
        docs = []
        for r in rows:
            source = r["source"]
            member = source.split("!", 1)[1] if "!" in source else None
            docs.append({"sha256": r["sha256"], "member": member, "error": r["error"], "new": r["ingested_at"] >= started,
                         "title": r["title"], "unit_name": r["unit_name"], "report_year": r["report_year"],
                         "doc_type": r["doc_type"], "n_errors": r["n_errors"], "n_warnings": r["n_warnings"]})
        out = {"name": item.get("name") or item.get("url"), "documents": docs}
        if not docs:
            out["error"] = "没有从该输入读取到文件"
        return out
