"""Ingestion into the corpus: read and analyse sources on the local batch engine's workers,
store them in the parent.

    from fazhi.batch.ingest import ingest, reanalyze
    with Corpus("永清县.duckdb") as c:
        ingest(c, ["reports/"])      # idempotent by sha256; runs the cross-report checks
        reanalyze(c, year=2023)      # after the rules changed

Why this shape:
- Analysis is CPU-bound pure Python, so it runs in worker processes (one per core by
  default) of the same engine as `fazhi batch` (engine_local.py: a fork server that has
  imported fazhi, workers recycled after a number of tasks); DuckDB allows one writer, so
  only the parent writes. Why here and not in fazhi.corpus: the corpus stores and answers;
  analysing needs the pipeline, which sits above it.
- Idempotent by sha256: the parent hashes each input file and skips the ones already
  stored before any analysis; documents found under two names are stored once.
- Transactional: results are committed in small batches (64 documents or two seconds,
  whichever comes first; a commit costs about 25 ms, so smaller batches cost throughput),
  each batch one transaction holding whole reports. A crash or a kill loses at most the
  batch in flight; re-running picks up the rest.
- One bad document never stops a batch: a worker that fails on a document returns an
  `unreadable` record for it.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .. import __version__
from ..corpus import AnalyzedDocument, AnalyzedInput, Corpus
from ..corpus.dedup import document_clause_keys
from ..corpus.rows import flatten
from ..pipeline import analyze_document
from ..read import iter_sources, load, read_bytes
from ..record import Document, valid_text
from ..settings import DEFAULT, ReadSettings
from .engine_local import LocalEngine
from .work import Job

DATASET_MARKER = "_fazhi_dataset.json"
# below this many sources the analysis runs in this process: starting workers costs more
# than it saves
_POOL_MIN = 16

# progress(stage, done, total): stage is "ingest", "reanalyze" or a cross-check stage
Progress = Callable[[str, int, int], None]


@dataclass
class IngestResult:
    inputs: int = 0  # sources given (files, URLs, dataset records)
    skipped: int = 0  # already in the corpus
    added: int = 0  # new documents stored
    unreadable: int = 0  # of the new documents, how many could not be read
    seconds: float = 0.0
    crosscheck: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # sources that failed outside any document
    not_reports: int = 0  # files of walked directories that are not report files (README, logos ...)


def _to_analyzed(doc: Document) -> AnalyzedDocument:
    report = analyze_document(doc)
    record = report.to_dict()
    is_report = bool(record.get("metadata")) and record["metadata"].get("doc_type") == "report"
    return AnalyzedDocument(
        sha256=doc.sha256, source=doc.source, format=doc.format, record=record,
        rows=flatten(record, datetime.now(timezone.utc).replace(tzinfo=None), __version__),
        text=doc.text if doc.error is None else (doc.text or None), encoding=doc.encoding,
        page_meta={k: v for k, v in doc.meta.items() if isinstance(v, (str, int, float, bool, type(None)))},
        hints=doc.hints, pages=doc.pages, error=doc.error,
        clause_keys=sorted(document_clause_keys(doc.text, record['metadata'])) if is_report and doc.text else [])


def _failed(source: str, digest: str, reason: str) -> AnalyzedDocument:
    return _to_analyzed(Document(source=source, sha256=digest, format="unknown", error=reason))


def analyze_input(source: str, settings: ReadSettings = DEFAULT, keep_bytes: bool = False) -> AnalyzedInput:
    """Read one source and analyse every document in it (runs in a worker process)."""
    data: bytes | None = None
    try:
        if source.startswith(("http://", "https://")) or source == "-":
            docs = load(source, settings)
            digest = docs[0].sha256 if len(docs) == 1 and docs[0].sha256 else \
                hashlib.sha256(("url:" + source).encode()).hexdigest()
        else:
            p = Path(source)
            size = p.stat().st_size if p.is_file() else None
            if size is None or size > settings.max_bytes:
                docs = load(source, settings)  # the reader's own refusal, with its message
                digest = hashlib.sha256(f"unread:{source}:{size}".encode()).hexdigest()
            else:
                data = p.read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                docs = read_bytes(data, source, settings)
        analysed = []
        for i, d in enumerate(docs):
            if not d.sha256:  # a failed fetch or read: its identity is its input (URL or path), never '' for all
                d.sha256 = digest if len(docs) == 1 else hashlib.sha256(f"{digest}:{i}".encode()).hexdigest()
            try:
                analysed.append(_to_analyzed(d))
            except Exception as e:  # an analyser bug must not cost the batch
                analysed.append(_failed(d.source, d.sha256 or digest, f"分析时出错：{type(e).__name__}: {e}"))
    except Exception as e:
        digest = hashlib.sha256(f"failed:{source}".encode()).hexdigest()
        analysed = [_failed(source, digest, f"无法读取：{type(e).__name__}: {e}")]
    # a file name that is not UTF-8 comes as lone surrogates (os.fsdecode): stored, it must encode
    return AnalyzedInput(sha256=digest, source=valid_text(source), size=len(data) if data is not None else None,
                         documents=analysed, content=data if keep_bytes else None)


def _file_digest(path: str) -> str | None:
    """The sha256 of a local file, for the skip test (None for URLs and unreadable paths)."""
    if path.startswith(("http://", "https://")) or path == "-":
        return None
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _engine(workers: int, settings: ReadSettings) -> LocalEngine:
    """The local batch engine for ingestion: no memory cap (as before; `fazhi batch` has one)."""
    return LocalEngine(Job(settings=settings), workers=workers, memory_limit=None)


class _Batcher:
    """Collects results and commits them in small transactions."""

    def __init__(self, corpus: Corpus, size: int, seconds: float, on_commit: Callable[[int], None]):
        self.corpus, self.size, self.seconds, self.on_commit = corpus, size, seconds, on_commit
        self.items: list[AnalyzedInput] = []
        self.n_docs = 0
        self.last = time.monotonic()
        self.added: list[str] = []

    def put(self, item: AnalyzedInput) -> None:
        self.items.append(item)
        self.n_docs += len(item.documents)
        if self.n_docs >= self.size or time.monotonic() - self.last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        if self.items:
            n = len(self.items)
            self.added += self.corpus.add(self.items)
            self.items, self.n_docs = [], 0
            self.on_commit(n)
        self.last = time.monotonic()


def _dataset_dirs(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    datasets, others = [], []
    for p in paths:
        (datasets if Path(p).is_dir() and (Path(p) / DATASET_MARKER).is_file() else others).append(p)
    return datasets, others


def _dataset_inputs(path: str) -> Iterator[AnalyzedInput]:
    """Analysis records of a cluster batch job's Parquet dataset, as store inputs (no re-analysis)."""
    try:
        from .. import dataset  # written by the cluster job's module; imported only when a dataset is ingested
    except ImportError as e:
        raise RuntimeError(f"{path} 是集群批处理生成的数据集，读取它需要 fazhi.dataset 模块（当前安装中没有）") from e
    for rec in dataset.iter_records(path):
        text = rec.get("text")
        md = rec.get("metadata") or {}
        sha = rec.get("sha256") or hashlib.sha256(json.dumps(rec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        err = next((f.get("message") for f in rec.get("findings") or [] if f.get("check") == "unreadable"), None)
        doc = AnalyzedDocument(sha256=sha, source=rec.get("source") or path, format=rec.get("format") or "unknown",
                               record=rec, text=text, page_meta=rec.get("page_metadata") or {}, error=err,
                               clause_keys=sorted(document_clause_keys(text, md)) if text and md.get("doc_type") == "report"
                               else [])
        yield AnalyzedInput(sha256=sha, source=doc.source, size=None, documents=[doc])


def ingest(corpus: Corpus, paths: Sequence[str], workers: int | None = None, settings: ReadSettings = DEFAULT,
           keep_bytes: bool = False, crosscheck: bool = True, batch_size: int = 64, batch_seconds: float = 2.0,
           progress: Progress | None = None) -> IngestResult:
    """Analyse and store files, directories (recursively), URLs and cluster datasets.

    `workers` defaults to the number of cores; 1 analyses in this process. Sources already
    in the corpus are skipped without being analysed. Afterwards the cross-report checks run
    for what was added (unless `crosscheck=False`).
    """
    t0 = time.perf_counter()
    res = IngestResult()
    progress = progress or (lambda *_: None)
    datasets, others = _dataset_dirs(paths)
    walked_out: list[str] = []
    sources = list(iter_sources(others, walked_out))
    res.not_reports = len(walked_out)
    res.inputs = len(sources)
    digests = {s: _file_digest(s) for s in sources}
    known = corpus.known_inputs(d for d in digests.values() if d)
    todo = [s for s in sources if digests[s] is None or digests[s] not in known]
    seen: set[str] = set()
    unique: list[str] = []
    for s in todo:  # the same bytes under two names are analysed once
        d = digests[s]
        if d is not None and d in seen:
            continue
        if d is not None:
            seen.add(d)
        unique.append(s)
    res.skipped = len(sources) - len(unique)
    total = len(unique)
    done = 0

    def committed(n: int) -> None:
        nonlocal done
        done += n
        progress("ingest", done, total)

    batch = _Batcher(corpus, batch_size, batch_seconds, committed)
    progress("ingest", 0, total)
    try:
        workers = workers or os.cpu_count() or 1
        if workers <= 1 or total < _POOL_MIN:
            for s in unique:
                batch.put(analyze_input(s, settings, keep_bytes))
        else:
            with _engine(workers, settings) as engine:
                # results are stored in the order of the inputs, not the order workers finish in, so
                # two ingestions of the same files give the same rows (doc ids) and the same findings
                pending: dict[Future, int] = {}
                ready: dict[int, AnalyzedInput] = {}
                it = enumerate(unique)
                following = 0
                limit = workers * 4  # bounded in-flight and waiting work keeps memory flat on huge batches
                while True:
                    while len(pending) + len(ready) < limit:
                        k, s = next(it, (None, None))
                        if s is None:
                            break
                        pending[engine.call(analyze_input, s, settings, keep_bytes)] = k
                    if not pending:
                        break
                    finished, _ = wait(set(pending), return_when=FIRST_COMPLETED)
                    for fut in finished:
                        ready[pending.pop(fut)] = fut.result()
                    while following in ready:
                        batch.put(ready.pop(following))
                        following += 1
        for ds in datasets:
            n = 0
            for item in _dataset_inputs(ds):
                n += 1
                if item.sha256 in corpus.known_inputs([item.sha256]):
                    res.skipped += 1
                    continue
                batch.put(item)
            res.inputs += n
    finally:
        batch.flush()  # an interrupt (Ctrl-C) still commits what is finished
    res.added = len(batch.added)
    if batch.added:
        res.unreadable = corpus.count_unreadable(batch.added)
    res.seconds = time.perf_counter() - t0
    if crosscheck:
        res.crosscheck = corpus.crosscheck(progress=progress)
    return res


def _stored_document(row: tuple) -> Document:
    doc_id, sha, source, fmt, encoding, text, page_meta, hints, pages = row
    return Document(source=source, text=text or "", format=fmt or "text", sha256=sha,
                    meta=json.loads(page_meta) if page_meta else {}, hints=json.loads(hints) if hints else [],
                    encoding=encoding, pages=json.loads(pages) if pages else [])


def _reanalyze_one(row: tuple) -> tuple[int, dict[str, Any]]:
    doc = _stored_document(row)
    return row[0], analyze_document(doc).to_dict()


@dataclass
class ReanalyzeResult:
    documents: int = 0
    skipped_no_text: int = 0
    seconds: float = 0.0
    crosscheck: dict[str, Any] = field(default_factory=dict)


def reanalyze(corpus: Corpus, workers: int | None = None, crosscheck: bool = True, batch_size: int = 64,
              progress: Progress | None = None, **filters: Any) -> ReanalyzeResult:
    """Re-run the analysis on stored texts after the rules, taxonomy or lexicons changed.

    Sources are not read again: the stored text and page metadata are analysed as they were
    read. Reviewer decisions are kept; the cross-report checks run again afterwards.
    Report filters (year, level, ...) restrict which documents are re-analysed.
    """
    t0 = time.perf_counter()
    progress = progress or (lambda *_: None)
    ids_all, ids = corpus.doc_ids(with_text=False, **filters), corpus.doc_ids(with_text=True, **filters)
    res = ReanalyzeResult(skipped_no_text=len(ids_all) - len(ids))
    total = len(ids)
    done = 0
    progress("reanalyze", 0, total)
    workers = workers or os.cpu_count() or 1
    with ExitStack() as stack:
        engine = stack.enter_context(_engine(workers, DEFAULT)) if workers > 1 and total > 1 else None
        for k in range(0, total, batch_size):
            part = ids[k:k + batch_size]
            rows = corpus.stored_documents(part)
            if engine is not None:
                futures = [engine.call(_reanalyze_one, r) for r in rows]
                results = [f.result() for f in futures]
            else:
                results = [_reanalyze_one(r) for r in rows]
            corpus.replace_records(results)
            done += len(part)
            progress("reanalyze", done, total)
    res.documents = total
    res.seconds = time.perf_counter() - t0
    if crosscheck:
        res.crosscheck = corpus.crosscheck(progress=progress)
    return res
