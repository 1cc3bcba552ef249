"""Directory walks take report files only: a README, a logo, .DS_Store are skipped and counted."""
from __future__ import annotations

import io
from pathlib import Path

from typer.testing import CliRunner

from fazhi.batch.sources import entries, not_report_files
from fazhi.cli import app
from fazhi.read import iter_sources
from fazhi.read.inputs import is_report_file

from .conftest import EXAMPLES

REPORT = ("某县人民政府关于2023年度法治政府建设情况的报告\n"
          "2023年，某县坚持依法行政。全年受理行政复议案件12件，办结12件。\n")


def _png(path: Path, w: int, h: int) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (w, h), "white").save(buf, "PNG")
    path.write_bytes(buf.getvalue())


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "收到的报告"
    (d / "乡镇").mkdir(parents=True)
    (d / "乡镇" / "城关镇.txt").write_text(REPORT, "utf-8")
    (d / "县司法局.html").write_text(f"<html><body><p>{REPORT}</p></body></html>", "utf-8")
    (d / "README.md").write_text("# 说明\n本目录收存各单位2023年度法治政府建设情况的报告。\n", "utf-8")
    (d / "说明.MD").write_text("收到的报告\n", "utf-8")
    (d / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (d / "单位名单.xlsx").write_bytes(b"PK\x03\x04")
    _png(d / "logo.png", 120, 60)
    _png(d / "扫描件第1页.png", 1240, 1754)
    return d


def test_walk_takes_reports_and_counts_the_rest(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    skipped: list[str] = []
    got = [Path(p).name for p in iter_sources([str(d)], skipped)]
    assert sorted(got) == sorted(["县司法局.html", "扫描件第1页.png", "城关镇.txt"])
    assert sorted(Path(p).name for p in skipped) == [".DS_Store", "README.md", "logo.png", "单位名单.xlsx", "说明.MD"]
    # a file named explicitly is always read: the user asked for it
    assert list(iter_sources([str(d / "README.md")])) == [str(d / "README.md")]
    # the batch listing uses the same rule
    assert sorted(Path(s).name for s, _p, _h in entries(str(d))) == sorted(got)
    assert not_report_files([str(d)]) == 5


def test_names_and_endings() -> None:
    assert is_report_file("a/报告.PDF") and is_report_file("b.docx") and is_report_file("c.ofd")
    assert is_report_file("d.wps") and is_report_file("e.shtml") and is_report_file("f.zip")
    assert not is_report_file("README.txt") and not is_report_file("readme") and not is_report_file("~$报告.docx")
    assert not is_report_file("notes.md") and not is_report_file("data.csv") and not is_report_file("Thumbs.db")


def test_analyze_examples_leaves_out_their_readme() -> None:
    res = CliRunner().invoke(app, ["analyze", str(EXAMPLES), "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    assert "README.md" not in res.stdout
    assert "跳过 1 个非报告文件" in res.stderr


def test_ingest_counts_what_it_skipped(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    db = tmp_path / "c.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(d), "--db", str(db), "-j", "1", "--ocr", "never"])
    assert res.exit_code == 0, res.output
    assert "新增3份文件" in res.stderr and "跳过 5 个非报告文件" in res.stderr
    from fazhi.corpus import Corpus

    with Corpus(db, read_only=True) as c:
        sources = {Path(s).name for s in c.reports()["source"]}
    assert "README.md" not in sources and "logo.png" not in sources
