"""The one corpus a server holds, shared safely between request threads and the job thread.

DuckDB lets one process write a file, and a connection must not be used by two threads at
once. So the server opens the corpus once, read-write, and gives each thread its own
cursor (`Corpus.cursor`): requests run in a thread pool and each pool thread keeps its
cursor. Reviewer writes (decisions, the list of units) are serialised by `write_lock`;
ingestion runs in the single job thread (one writer of documents at a time). The full-text
index is brought up to date on a search, so searches are serialised by `search_lock`.
"""
from __future__ import annotations

import threading

from ..corpus import Corpus


class CorpusHolder:
    def __init__(self, path: str):
        self.main = Corpus(path)
        self.path = path
        self._local = threading.local()
        self._cursors: list[Corpus] = []
        self._guard = threading.Lock()
        self.write_lock = threading.Lock()
        self.search_lock = threading.Lock()

    def get(self) -> Corpus:
        """This thread's handle on the corpus."""
        c = getattr(self._local, "corpus", None)
        if c is None:
            with self._guard:
                c = self.main.cursor()
                self._cursors.append(c)
            self._local.corpus = c
        return c

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
