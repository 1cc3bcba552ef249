"""The corpus commands as a user runs them: ingest (idempotent, with progress and a summary),
crosscheck, reanalyze, search, and clear errors."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.corpus import Corpus

from .test_corpus_store import report_text, specific, write

runner = CliRunner()


def test_ingest_crosscheck_reanalyze_search(tmp_path: Path) -> None:
    d = tmp_path / "r"
    src = specific("固安县", 2023, 1)
    write(d, "a.txt", report_text("固安县", 2023, published="2024-03-01", paragraphs=[src, specific("固安县", 2023, 2)]))
    write(d, "b.txt", report_text("永清县", 2023, published="2024-03-09",
                                  paragraphs=[specific("永清县", 2023, 0), src.replace("固安县", "永清县")]))
    (d / "broken.txt").write_bytes(b"")
    db = str(tmp_path / "c.duckdb")
    res = runner.invoke(app, ["ingest", str(d), "--db", db, "-j", "1"])
    assert res.exit_code == 0, res.output
    assert "新增3份文件" in res.output and "1份无法读取" in res.output and "内容雷同1处" in res.output
    assert "入库：3/3" in res.output  # progress on a pipe: plain lines
    res = runner.invoke(app, ["ingest", str(d), "--db", db])
    assert res.exit_code == 0 and "新增0份文件，跳过已入库3份" in res.output and "没有新文件需要比对" in res.output
    res = runner.invoke(app, ["crosscheck", "--db", db, "--full"])
    assert res.exit_code == 0 and "内容雷同1处" in res.output
    res = runner.invoke(app, ["reanalyze", "--db", db, "-j", "1"])
    assert res.exit_code == 0, res.output
    assert "重新分析完成：2份文件" in res.output and "1份没有保存文本" in res.output and "内容雷同1处" in res.output
    res = runner.invoke(app, ["search", "第一责任人", "--db", db, "--format", "csv"])
    assert res.exit_code == 0 and res.stdout.count("\n") == 3  # header and two reports
    with Corpus(db, read_only=True) as c:
        assert c.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_usage_errors(tmp_path: Path) -> None:
    res = runner.invoke(app, ["compare", "--db", str(tmp_path / "none.duckdb"), "-i", "reconsideration.received"])
    assert res.exit_code == 2 and "语料库文件不存在" in res.output
    res = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "c.duckdb"), "--ocr", "maybe"])
    assert res.exit_code == 2 and "--ocr" in res.output
    Corpus(tmp_path / "c.duckdb").close()
    res = runner.invoke(app, ["compare", "--db", str(tmp_path / "c.duckdb"), "-i", "reconsideration.received",
                              "--years", "2021到2024"])
    assert res.exit_code == 2 and "年度范围" in res.output
