"""`fazhi serve --readers N`: pages served by N reader processes while one writer process takes
the reviewers' decisions and uploads.

Why processes: a page is mostly Python (the record's JSON, the marked text, the template), so
one process uses one core however many threads it has. Why a single writer: DuckDB lets one
process open the corpus for writing, and then no other process may open it at all. So:

- the writer process holds the corpus as `fazhi serve` always did, listens on a Unix socket
  in a private folder, and after every change publishes read-only copies
  (fazhi.corpus.replica): the reviewers' tables after a decision, note, state or setting
  (milliseconds), the whole corpus after an upload's documents are stored;
- N reader processes listen on the public port together (SO_REUSEPORT: the kernel hands
  each new connection to one of them), answer every read from the latest copy, and pass each write — any
  method but GET and HEAD — and each full-text search (its index is kept by the writer) to
  the writer, streaming the request and the answer through.

A write is answered only once its copy is published, so the reviewer's next page, whichever
reader serves it, shows it (read-your-writes). Sessions, accounts and jobs are in the SQLite
side file, which all processes share.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, replace
from typing import Any, Callable

import uvicorn

from .app import create_app
from .config import WebConfig


def _socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port with SO_REUSEPORT: each reader listens on its own, and the
    kernel spreads new connections evenly over them (one shared listening socket would let the
    reader that wakes first take a whole burst of connections, and keep them)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto given: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets that say they are
    # TCP, and with it on, a response written in two parts waits 40 ms for the client's delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def serve_many(config: WebConfig, host: str, port: int, readers: int, forwarded_allow_ips: str | None,
               on_ready: Callable[[Any], None] | None = None) -> None:
    """Run the writer in this process and `readers` reader processes on host:port until stopped."""
    run_dir = tempfile.mkdtemp(prefix="fazhi-serve-")  # private (0700): only this user's processes reach the socket
    writer_socket = os.path.join(run_dir, "writer.sock")
    writer_config = replace(config, role="writer", replicas=config.replicas_dir)
    try:
        probe = _socket(host, port)  # bound, never listening: the port is ours before the corpus is opened
    except OSError as e:
        raise RuntimeError(f"无法在 {host}:{port} 上监听（{e.strerror or e}），端口可能已被占用") from e
    try:
        app = create_app(writer_config)  # opens the corpus and publishes the first copy
    except BaseException:
        probe.close()
        raise
    reader_config = replace(writer_config, role="reader", writer_socket=writer_socket)
    cmd = [sys.executable, "-m", "fazhi.web.reader", "--host", host, "--port", str(port),
           "--config", json.dumps(asdict(reader_config), ensure_ascii=False)]
    if forwarded_allow_ips is not None:
        cmd += ["--forwarded-allow-ips", forwarded_allow_ips]
    procs = [subprocess.Popen(cmd) for _ in range(readers)]
    # uvicorn stops on SIGTERM and then raises it again: end through Python, so the readers are
    # stopped and the copies removed below instead of the process dying on the spot
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if on_ready is not None:
            on_ready(app)
        # only the readers connect here, and they have already applied the proxy's headers
        uvicorn.run(app, uds=writer_socket, log_level="warning", proxy_headers=True, forwarded_allow_ips="*",
                    server_header=False)
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        probe.close()
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.rmtree(writer_config.replicas_dir, ignore_errors=True)


def _watch_parent(parent: int) -> None:
    """End this reader when the writer process is gone (killed without a chance to stop its readers)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)
            return


def reader_main(argv: list[str] | None = None) -> None:
    """A reader process, started by `serve_many`: listens on host:port beside the other readers."""
    ap = argparse.ArgumentParser(prog="fazhi.web.reader")
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--forwarded-allow-ips", default=None)
    a = ap.parse_args(argv)
    fields: dict[str, Any] = json.loads(a.config)
    app = create_app(WebConfig(**fields))
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", server_header=False,
                                           proxy_headers=a.forwarded_allow_ips is not None,
                                           forwarded_allow_ips=a.forwarded_allow_ips))
    sock = _socket(a.host, a.port)
    sock.listen(2048)
    server.run(sockets=[sock])

