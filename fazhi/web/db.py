"""The one corpus a server holds, shared safely between request threads and the job thread.

DuckDB lets one process write a file, and a connection must not be used by two threads at
once. So the server opens the corpus once, read-write, and gives each thread its own
cursor (`Corpus.cursor`): requests run in a thread pool and each pool thread keeps its
cursor. Reviewer writes (decisions, the list of units) are serialised by `write_lock`;
ingestion runs in the single job thread (one writer of documents at a time). The full-text
index is brought up to date on a search, so searches are serialised by `search_lock`.

What is computed from the corpus and kept (the review and compare pages: fazhi.web.review,
fazhi.web.fragments) is keyed by a version the holder gives. Most writes are a reviewer's work on
one report (a decision, an undo, a 批注, its review state): a write request says which report it
changed (`will_change`), and only that report's version moves, so every other report's kept page stays
valid; any other write moves the version of everything.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable

from ..corpus import Corpus, replica

CHANGED = "fazhi_changed_reports"  # the request state's key for what a write request changed (`will_change`)


def will_change(request, *sha256s: str) -> None:
    """Say what the write request being handled changes in the corpus: the reviewers' work on the
    reports `sha256s` (their decisions, notes, review state and history) and nothing else; with no
    report, nothing in the corpus (signing in or out). A write request that says nothing is taken to
    change everything. Called before the write, so a write that fails half-way is covered too."""
    setattr(request.state, CHANGED, frozenset(sha256s))


def changed_by(scope) -> frozenset[str] | None:
    """What the request of `scope` said it changed (`will_change`); None: everything."""
    return (scope.get("state") or {}).get(CHANGED)


class CorpusHolder:
    def __init__(self, path: str):
        self.main = Corpus(path)
        self.path = path
        self._local = threading.local()
        self._cursors: list[Corpus] = []
        self._guard = threading.Lock()
        self.write_lock = threading.Lock()
        self.search_lock = threading.Lock()
        # (count of writes that may have changed anything, {sha256: number of its report's last change});
        # replaced as a whole when everything changes, so a reader never pairs a new count with an old map
        self._state: tuple[int, dict[str, int]] = (0, {})
        self._changes = 0
        self._reviewed: tuple[int, int, frozenset[str]] | None = None  # see `touched`
        self._reviewed_lock = threading.Lock()

    def get(self) -> Corpus:
        """This thread's handle on the corpus."""
        c = getattr(self._local, "corpus", None)
        if c is None:
            with self._guard:
                c = self.main.cursor()
                self._cursors.append(c)
            self._local.corpus = c
        return c

    def version(self, sha256: str | None = None) -> tuple:
        """What the corpus holds now, as a key for what is computed from it: changed by `bump`, which the
        server calls after every successful write request and every upload job, before answering. With
        `sha256`, the key of what is computed from that report alone (its record and the reviewers' work
        on it): a change to another report leaves it as it was."""
        count, reports = self._state
        return (id(self), count) if sha256 is None else (id(self), count, reports.get(sha256, 0))

    def version_now(self, sha256: str | None = None) -> tuple:
        """`version`: never blocks (fazhi.web.pages asks it on the event loop)."""
        return self.version(sha256)

    def bump(self, reports: Iterable[str] | None = None) -> None:
        """A write happened: to the reviewers' work on `reports` only, or (None) to anything."""
        with self._guard:
            if reports is None:
                self._state = (self._state[0] + 1, {})
                return
            for sha in reports:  # a report's number only grows: a key read meanwhile is never an old one
                self._changes += 1
                self._state[1][sha] = self._changes

    def touched(self, sha256: str) -> bool:
        """Whether a reviewer may have worked on this report (False only when surely not): a report's first
        view then skips the reviewers' tables (`Corpus.report(untouched=True)`), which were most of its
        queries' cost. Asked after `version(sha256)`: the answer holds for that version (a report once
        touched stays so). The reports touched are read once per change to everything, with the number of
        the last report's change at that moment; a report changed since counts as touched."""
        count, reports = self._state
        memo = self._reviewed
        if memo is None or memo[0] != count:
            with self._reviewed_lock:
                memo = self._reviewed
                if memo is None or memo[0] != count:
                    changes = self._changes  # before reading: a report changed while it is read counts as touched
                    memo = self._reviewed = (count, changes, frozenset(self.get().reviewed_reports()))
        return sha256 in memo[2] or reports.get(sha256, 0) > memo[1]

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

    Same `get` and `version` as CorpusHolder. Each request's `get` looks at what is published (one
    `stat`): a new live file is attached and this thread's cursor switched to it; a new base is opened
    and the thread moves to it. The previous base and the last few live files stay open for requests
    still running on them. Writes never reach a reader: the server sends them to the writer.

    Versions: a report's is the live number of the last publication that changed it, read from the
    list of changes the writer publishes with each copy (`Published.changes`); everything else's, the
    last publication that may have changed anything. A reader that finds the list does not reach
    back to the copy it read before (it missed more publications than the list keeps) counts
    everything as changed.
    """

    KEEP_LIVE = 8  # live files kept attached for requests still reading an older one

    def __init__(self, folder: str, wait: float = 120.0):
        self.folder = folder
        self._guard = threading.Lock()
        self._local = threading.local()
        self._stamp: tuple[int, int] | None = None
        # the publication in force, its search path, the live number of its last change to anything and
        # {sha256: live number of the report's last change} (see `_versions`)
        self._now: tuple[replica.Published, str, int, dict[str, int]] | None = None
        self._bases: dict[int, Corpus] = {}  # base generation -> its read-only corpus (the current and the previous)
        self._cursors: dict[int, list[Corpus]] = {}  # base generation -> the threads' cursors on it
        # (base number, live number of the last change to everything, live number read at, reports touched)
        self._reviewed: tuple[int, int, int, frozenset[str]] | None = None
        self._reviewed_lock = threading.Lock()
        deadline = time.monotonic() + wait
        while replica.published(folder) is None:  # the writer publishes its first copy as it starts
            if time.monotonic() > deadline:
                raise RuntimeError("写入进程尚未发布语料库副本")
            time.sleep(0.1)
        self._refresh()

    def _refresh(self) -> tuple[replica.Published, str, int, dict[str, int]]:
        """Follow `current.json` when it changed since the last look: the publication in force, the
        search path that reads it, and the versions (`_versions`)."""
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
            everything, reports = self._versions(pub)
            if pub.base_gen not in self._bases:
                self._bases[pub.base_gen] = replica.open_base(self.folder, pub)
                for gen in sorted(self._bases)[:-2]:
                    for c in self._cursors.pop(gen, []):
                        c.close()
                    self._bases.pop(gen).close()
            base = self._bases[pub.base_gen]
            path = replica.attach_live(base, self.folder, pub)
            replica.detach_live(base, set(range(pub.live_gen - self.KEEP_LIVE, pub.live_gen + 1)))
            self._now, self._stamp = (pub, path, everything, reports), stamp
            return self._now

    def _versions(self, pub: replica.Published) -> tuple[int, dict[str, int]]:
        """For a new publication `pub`: the live number of its last change to anything, and each changed
        report's live number, carried on from the publication read before when `pub.changes` covers every
        publication since (the same base), else starting afresh with everything changed at `pub`."""
        if self._now is not None:
            old, _, everything, reports = self._now
            new = [(gen, shas) for gen, shas in pub.changes if gen > old.live_gen]
            if pub.base_gen == old.base_gen and [g for g, _ in new] == list(range(old.live_gen + 1, pub.live_gen + 1)):
                reports = dict(reports)
                for gen, shas in new:
                    if shas is None:
                        everything, reports = gen, {}
                    else:
                        reports.update(dict.fromkeys(shas, gen))
                return everything, reports
        return pub.live_gen, {}

    def version(self, sha256: str | None = None) -> tuple:
        """What this process reads now, as a key for what is computed from it (CorpusHolder.version): the
        folder, the base's number and that of the last publication that may have changed anything; with
        `sha256`, also that of the last publication that changed this report."""
        pub, _, everything, reports = self._refresh()
        key = (self.folder, pub.base_gen, everything)
        return key if sha256 is None else (*key, reports.get(sha256, 0))

    def version_now(self, sha256: str | None = None) -> tuple | None:
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
        key = (self.folder, now[0].base_gen, now[2])
        return key if sha256 is None else (*key, now[3].get(sha256, 0))

    def touched(self, sha256: str) -> bool:
        """CorpusHolder.touched over the published copies: the reports touched are read once per base and
        change to everything, with the live number they were read at; a report a later copy changed
        counts as touched."""
        pub, _, everything, reports = self._refresh()
        memo = self._reviewed
        if memo is None or memo[:2] != (pub.base_gen, everything):
            with self._reviewed_lock:
                memo = self._reviewed
                if memo is None or memo[:2] != (pub.base_gen, everything):
                    # what `get` reads is at least as new as `pub`: a report touched since is in both
                    memo = self._reviewed = (pub.base_gen, everything, pub.live_gen,
                                             frozenset(self.get().reviewed_reports()))
        return sha256 in memo[3] or reports.get(sha256, 0) > memo[2]

    def get(self) -> Corpus:
        """This thread's handle on the latest published copy."""
        pub, path, _, _ = self._refresh()
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
