"""A missing library ends in one Chinese line naming the exact pip command, per document, and
the batch goes on; the core dependencies cover every common format and the corpus."""
from __future__ import annotations

import io
import subprocess
import sys
import tomllib

from fazhi.install import install_command, missing_message

from .conftest import EXAMPLES, ROOT


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def test_core_dependencies_cover_a_reviewers_work() -> None:
    deps = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower() for d in _pyproject()["project"]["dependencies"]}
    for lib in ("trafilatura", "selectolax", "httpx", "pypdfium2", "python-docx", "ofdkit", "duckdb", "pyarrow",
                "pandas", "xlsxwriter", "openpyxl", "fastapi", "uvicorn", "jinja2", "python-multipart", "psutil"):
        assert lib in deps, lib
    extras = _pyproject()["project"]["optional-dependencies"]
    assert {"ocr", "cluster", "calibrate", "dev"} <= set(extras)
    assert any("rapidocr" in d for d in extras["ocr"]) and not any("rapidocr" in d for d in deps)
    assert any(d.startswith("dask") for d in extras["cluster"]) and any(d.startswith("scipy") for d in extras["calibrate"])


def test_commands_name_the_extra_or_the_library() -> None:
    assert install_command("rapidocr") == "pip install 'fazhi[ocr]'"
    assert install_command("onnxruntime.capi") == "pip install 'fazhi[ocr]'"
    assert install_command("cv2") == "pip install 'fazhi[ocr]'"  # comes with rapidocr
    assert install_command("dask") == "pip install 'fazhi[cluster]'"
    assert install_command("scipy") == "pip install 'fazhi[calibrate]'"
    assert install_command("docx") == "pip install python-docx"
    assert install_command("duckdb") == "pip install duckdb"
    line = missing_message("读取DOCX文件", "docx")
    assert "\n" not in line and line.endswith("pip install python-docx")


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_a_reader_without_its_library_says_so_per_document_and_the_batch_goes_on(tmp_path) -> None:
    from . import renderers as R

    text = (EXAMPLES / "county_santai_2020.txt").read_bytes()
    (tmp_path / "a.docx").write_bytes(R.render_docx(text.decode("gb18030")))
    (tmp_path / "b.txt").write_bytes(text)
    res = _run("import sys; sys.modules['docx'] = None\n"
               "from fazhi.cli import main\n"
               f"sys.argv = ['fazhi', 'analyze', {str(tmp_path)!r}]\nmain()")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    lines = [ln for ln in res.stdout.splitlines() if "pip install" in ln]
    assert len(lines) == 1 and "pip install python-docx" in lines[0]
    assert "三台县人民政府关于2020年度法治政府建设情况的报告" in res.stdout


def test_a_scan_without_ocr_names_the_extra(tmp_path) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (1240, 1754), "white").save(buf, "PDF", resolution=150)
    (tmp_path / "scan.pdf").write_bytes(buf.getvalue())
    res = _run("import sys; sys.modules['rapidocr'] = None\n"
               "from fazhi.cli import main\n"
               f"sys.argv = ['fazhi', 'analyze', {str(tmp_path / 'scan.pdf')!r}]\nmain()")
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    assert [ln for ln in res.stdout.splitlines() if "pip install 'fazhi[ocr]'" in ln]


def test_a_command_without_its_library_ends_in_one_line(tmp_path) -> None:
    res = _run("import sys; sys.modules['duckdb'] = None\n"
               "from fazhi.cli import main\n"
               f"sys.argv = ['fazhi', 'ingest', {str(EXAMPLES)!r}, '--db', {str(tmp_path / 'c.duckdb')!r}]\nmain()")
    assert res.returncode == 1
    assert res.stderr.strip() == "错误：此命令需要组件 duckdb，当前未安装：请运行 pip install duckdb"
