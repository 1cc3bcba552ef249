"""The one corpus a server holds, shared safely between request threads and the job thread.

DuckDB lets one process write a file, and a connection must not be used by two threads at
once. So the server opens the corpus once, read-write, and gives each thread its own
cursor (`Corpus.cursor`): requests run in a thread pool and each pool thread keeps its
cursor. Reviewer writes (decisions, the list of units) are serialised by `write_lock`;
ingestion runs in the single job thread (one writer of documents at a time). The full-text
index is brought up to date on a search, so searches are serialised by `search_lock`.
"""
from __future__ import annotations

import os
import threading
import time

from ..corpus import Corpus, replica


class CorpusHolder:
    def __init__(self, path: str):
        self.main = Corpus(path)
        self.path = path
        self._local = threading.local()
        self._cursors: list[Corpus] = []
        self._guard = threading.Lock()
        self.write_lock = threading.Lock()
        self.search_lock = threading.Lock()
        self._version = 0

    def get(self) -> Corpus:
        """This thread's handle on the corpus."""
        c = getattr(self._local, "corpus", None)
        if c is None:
            with self._guard:
                c = self.main.cursor()
                self._cursors.append(c)
            self._local.corpus = c
        return c

    def version(self) -> tuple[int, int]:
        """What the corpus holds now, as a key for what is computed from it: changed by `bump`, which the
        server calls after every successful write request and every upload job, before answering."""
        return (id(self), self._version)

    def version_now(self) -> tuple[int, int]:
        """`version`: never blocks (fazhi.web.pages asks it on the event loop)."""
        return self.version()

    def bump(self) -> None:
        with self._guard:
            self._version += 1

    def fresh(self) -> Corpus:
        """A new handle for a job (it numbers new documents from the count it reads now); close it after."""
        with self._guard:
            return self.main.cursor()

    def close(self) -> None:
        with self._guard:
            for c in self._cursors:
                c.close()
            self._cursors.clear()
            self.main.close()


class ReplicaHolder:
    """A reader process's corpus: the copies the writer process publishes (fazhi.corpus.replica).

    Same `get` as CorpusHolder. Each request's `get` looks at what is published (one `stat`): a
    new live file is attached and this thread's cursor switched to it; a new base is opened and
    the thread moves to it. The previous base and the last few live files stay open for requests
    still running on them. Writes never reach a reader: the server sends them to the writer.
    """

    KEEP_LIVE = 8  # live files kept attached for requests still reading an older one

    def __init__(self, folder: str, wait: float = 120.0):
        self.folder = folder
        self._guard = threading.Lock()
        self._local = threading.local()
        self._stamp: tuple[int, int] | None = None
        self._now: tuple[replica.Published, str] | None = None  # the publication in force and its search path
        self._bases: dict[int, Corpus] = {}  # base generation -> its read-only corpus (the current and the previous)
        self._cursors: dict[int, list[Corpus]] = {}  # base generation -> the threads' cursors on it
        deadline = time.monotonic() + wait
        while replica.published(folder) is None:  # the writer publishes its first copy as it starts
            if time.monotonic() > deadline:
                raise RuntimeError("写入进程尚未发布语料库副本")
            time.sleep(0.1)
        self._refresh()

    def _refresh(self) -> tuple[replica.Published, str]:
        """Follow `current.json` when it changed since the last look: the publication in force and the
        search path that reads it."""
        try:
            st = os.stat(os.path.join(self.folder, replica.CURRENT))
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_ino)
        except FileNotFoundError:
            stamp = None
        with self._guard:
            if self._now is not None and (stamp is None or stamp == self._stamp):
                return self._now
            pub = replica.published(self.folder)
            if pub is None or (self._now is not None and pub == self._now[0]):
                self._stamp = stamp
                return self._now  # type: ignore[return-value]
            if pub.base_gen not in self._bases:
                self._bases[pub.base_gen] = replica.open_base(self.folder, pub)
                for gen in sorted(self._bases)[:-2]:
                    for c in self._cursors.pop(gen, []):
                        c.close()
                    self._bases.pop(gen).close()
            base = self._bases[pub.base_gen]
            path = replica.attach_live(base, self.folder, pub)
            replica.detach_live(base, set(range(pub.live_gen - self.KEEP_LIVE, pub.live_gen + 1)))
            self._now, self._stamp = (pub, path), stamp
            return self._now

    def version(self) -> tuple[str, int, int]:
        """What this process reads now: the folder and the published base and live numbers. Anything
        computed from the corpus may be kept under this key; the next publication changes it."""
        pub, _ = self._refresh()
        return (self.folder, pub.base_gen, pub.live_gen)

    def version_now(self) -> tuple[str, int, int] | None:
        """`version` when nothing new was published since the last look (one `stat`), else None: moving
        to a new publication opens or attaches a copy, which is left to a thread, off the event loop
        that asks this (fazhi.web.pages)."""
        try:
            st = os.stat(os.path.join(self.folder, replica.CURRENT))
        except FileNotFoundError:
            return None
        stamp = self._stamp  # before `_now`: `_refresh` sets `_now` first, so a new stamp means a new `_now`
        now = self._now
        if now is None or (st.st_mtime_ns, st.st_ino) != stamp:
            return None
        return (self.folder, now[0].base_gen, now[0].live_gen)

    def get(self) -> Corpus:
        """This thread's handle on the latest published copy."""
        pub, path = self._refresh()
        mine = getattr(self._local, "state", None)
        if mine is None or mine[0] != pub.base_gen or mine[2] not in self._cursors.get(pub.base_gen, ()):
            with self._guard:
                c = self._bases[pub.base_gen].cursor()
                self._cursors.setdefault(pub.base_gen, []).append(c)
            mine = self._local.state = [pub.base_gen, -1, c]
        if mine[1] != pub.live_gen:
            replica.use_search_path(mine[2], path)
            mine[1] = pub.live_gen
        return mine[2]

    def close(self) -> None:
        with self._guard:
            for cs in self._cursors.values():
                for c in cs:
                    c.close()
            self._cursors.clear()
            for b in self._bases.values():
                b.close()
            self._bases.clear()
