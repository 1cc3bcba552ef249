"""Worker processes die with the process that started them.

A pool's workers come from a fork server (or spawn), so they are not the children of the
process that runs the batch or the ingestion, and killing that process (kill -9, an
out-of-memory kill, a closed terminal) used to leave them running for minutes: busy on
their current document, holding the pool's pipes and keeping the resource tracker alive.

Every worker runs `die_with_parent` as its pool initializer. Two guards:
- on Linux, PR_SET_PDEATHSIG: the kernel sends SIGKILL when the worker's parent (the fork
  server, which itself exits as soon as the starting process is gone) dies;
- everywhere, a daemon thread that checks every half second whether the starting process
  still exists (by pid and start time, so a reused pid does not count) and otherwise ends
  the worker and the processes it started (a LibreOffice conversion).
"""
from __future__ import annotations

import os
import signal
import sys
import threading

POLL_SECONDS = 0.5


def process_start(pid: int) -> str | None:
    """An identity of a process's start (Linux: its start time in clock ticks), None if unknown or gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        pass
    try:
        import psutil

        return str(psutil.Process(pid).create_time())
    except Exception:  # psutil missing, or no such process
        return None


def alive(pid: int, start: str | None) -> bool:
    """Whether the process `pid` that started at `start` still runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else: a reused pid
    now = process_start(pid)
    return start is None or now is None or now == start


def _end_children() -> None:
    try:
        import psutil

        for child in psutil.Process().children(recursive=True):
            try:
                child.kill()
            except psutil.Error:
                pass
    except ImportError:
        pass


def _set_parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def die_with_parent(parent_pid: int, parent_start: str | None, poll: float = POLL_SECONDS) -> None:
    """Pool initializer: end this worker when the process `parent_pid` is gone (see module doc)."""
    ppid = os.getppid()
    _set_parent_death_signal()
    if os.getppid() != ppid or not alive(parent_pid, parent_start):  # died before the guard was set
        os._exit(1)

    def watch() -> None:
        stop = threading.Event()
        while not stop.wait(poll):
            if not alive(parent_pid, parent_start):
                _end_children()
                os._exit(1)

    threading.Thread(target=watch, name="fazhi-lifeline", daemon=True).start()


def lifeline_args() -> tuple[int, str | None]:
    """The initargs that tie a pool's workers to this process."""
    pid = os.getpid()
    return pid, process_start(pid)
