"""A newcomer's machine: a clean virtualenv, `pip install .` (no extras), then one report of each
common format analysed and ingested, the corpus exported and served, and a scan without the
[ocr] extra answered by one Chinese line naming the command to run.

Slow (it installs fazhi and its core dependencies into a new virtualenv: a few minutes from the
package index or a local wheel cache); CI runs it with the rest of the suite. The package is
built from a copy of pyproject.toml, README.md and fazhi/, so only what ships is tested.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from . import renderers as R
from .conftest import EXAMPLES, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

OCR_HINT = "pip install 'fazhi[ocr]'"


def _run(args: list, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(kw.pop("env", {}))
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout, env=env, **kw)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("fresh")
    src = base / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "fazhi", src / "fazhi", ignore=shutil.ignore_patterns("__pycache__"))
    env = base / "venv"
    res = _run([sys.executable, "-m", "venv", env], timeout=120)
    assert res.returncode == 0, res.stderr
    res = _run([env / "bin" / "python", "-m", "pip", "install", "-q", str(src)], timeout=1200)
    if res.returncode != 0:
        reason = (res.stderr or res.stdout).strip().splitlines()[-1:] or ["?"]
        if any(w in reason[0] for w in ("Could not find a version", "No matching distribution", "connection",
                                        "Network is unreachable", "Temporary failure")):
            pytest.skip(f"the package index cannot be reached from this machine: {reason[0]}")
        pytest.fail(res.stderr[-3000:])
    return env


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """One report in each format a reviewer receives, made from an example of our own."""
    d = tmp_path_factory.mktemp("inputs")
    from fazhi.read.text import decode

    raw = (EXAMPLES / "county_santai_2020.txt").read_bytes()  # written in GBK, as many offices still do
    text = decode(raw)[0]
    out = {"txt": d / "三台县.txt", "html": d / "三台县.html", "pdf": d / "三台县.pdf", "docx": d / "三台县.docx",
           "ofd": d / "三台县.ofd"}
    out["txt"].write_bytes(raw)
    out["html"].write_bytes(R.render_html(text))
    out["pdf"].write_bytes(R.render_pdf(text))
    out["docx"].write_bytes(R.render_docx(text))
    out["ofd"].write_bytes(R.render_ofd(text))
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (1240, 1754), "white")  # a scanned page: an image, no text layer
    ImageDraw.Draw(page).rectangle((200, 300, 1000, 340), fill="black")
    buf = io.BytesIO()
    page.save(buf, "PDF", resolution=150)
    scans = tmp_path_factory.mktemp("scans")
    (scans / "扫描件.pdf").write_bytes(buf.getvalue())
    out["scan"] = scans / "扫描件.pdf"
    return out


def test_core_install_reads_every_common_format(venv: Path, files: dict[str, Path]) -> None:
    fazhi = venv / "bin" / "fazhi"
    res = _run([venv / "bin" / "python", "-c", "import importlib.util as u; print(u.find_spec('rapidocr') is None)"])
    assert res.stdout.strip() == "True"  # the OCR extra is not part of the core install
    for fmt in ("txt", "html", "pdf", "docx", "ofd"):
        res = _run([fazhi, "analyze", files[fmt], "-f", "jsonl"])
        assert res.returncode == 0, (fmt, res.stderr)
        assert "Traceback" not in res.stderr
        (rec,) = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
        checks = [f["check"] for f in rec["findings"]]
        assert "unreadable" not in checks, (fmt, rec["findings"])
        assert rec["metadata"]["jurisdiction"] == "三台县" and rec["metadata"]["report_year"] == 2020, fmt
        assert rec["figures"] and checks, fmt  # figures and findings, as from the text


def test_scan_without_ocr_gives_one_line_naming_the_extra(venv: Path, files: dict[str, Path]) -> None:
    fazhi = venv / "bin" / "fazhi"
    res = _run([fazhi, "analyze", files["scan"], files["txt"]])
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    hint = [ln for ln in res.stdout.splitlines() if OCR_HINT in ln]
    assert len(hint) == 1, res.stdout
    assert "三台县人民政府关于2020年度法治政府建设情况的报告" in res.stdout  # the batch went on


def test_ingest_export_and_serve(venv: Path, files: dict[str, Path], tmp_path: Path) -> None:
    fazhi = venv / "bin" / "fazhi"
    db = tmp_path / "c.duckdb"
    res = _run([fazhi, "ingest", files["txt"].parent, files["scan"], "--db", db, "-j", "1"])
    assert res.returncode == 0, res.stderr
    assert "新增6份文件" in res.stderr and "Traceback" not in res.stderr
    res = _run([fazhi, "export", "--db", db, "--to", tmp_path / "审查结果.xlsx"])
    assert res.returncode == 0 and (tmp_path / "审查结果.xlsx").stat().st_size > 0, res.stderr
    res = _run([fazhi, "export", "--db", db, "--to", tmp_path / "通报.docx", "--issuer", "某县依法治县办"])
    assert res.returncode == 0 and (tmp_path / "通报.docx").is_file(), res.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.Popen([str(fazhi), "serve", "--db", str(db), "--port", str(port), "--public"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        status = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    status = r.status
                    body = r.read().decode("utf-8")
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        assert status == 200, proc.stderr.read().decode("utf-8", "replace")[-2000:] if proc.poll() is not None else ""
        assert "三台县" in body or "报告" in body
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
