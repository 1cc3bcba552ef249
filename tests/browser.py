"""What the browser tests share: a real `fazhi serve` on a free local port, headless Debian
Chromium through Playwright, and screenshots under tests/artifacts/web/.

Each test module skips itself (with the reason) when Playwright or Chromium is missing:
`skip_without_browser()` at the top of the module."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from .conftest import EXAMPLES, ROOT, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "tests" / "artifacts" / "web"
# no background traffic: this machine's network is closed, and a browser test must not reach out
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--lang=zh-CN"]


def skip_without_browser() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - the dev extra installs it
        pytest.skip("playwright is not installed (pip install -e '.[dev]')", allow_module_level=True)
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/install-system.sh does it)",
                    allow_module_level=True)


def upload_source() -> Path:
    """The 汉滨区 seed when ../shared is present, else the example with a 结案率 error."""
    if SEEDS.is_dir():
        for p in sorted(SEEDS.glob("*")):
            if p.is_file() and "汉滨区" in p.read_text("utf-8", errors="ignore"):
                return p
    return EXAMPLES / "city_mianyang_2023.txt"


def add_user(db: Path, name: str, role: str, password: str) -> None:
    subprocess.run([sys.executable, "-m", "fazhi", "user", "add", name, "--role", role, "--password", password,
                    "--db", str(db)], check=True, capture_output=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path, log: Path, *args: str) -> Iterator[str]:
    """`fazhi serve --db DB` in a child process until the block ends; yields its base URL."""
    port = free_port()
    with open(log, "w") as out:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--db", str(db), "--port", str(port), *args],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("fazhi serve did not start: " + log.read_text())
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
