"""`fazhi analyze` and `fazhi checks` as a user runs them: formats, selection, exit codes, stdin."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.cli import app

from .test_checks import MEASURES, build

runner = CliRunner()


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    (d / "clean.txt").write_text(build(), "utf-8")
    bad = build(measures=MEASURES.replace("结案率为90%", "结案率为95.3%"), published="2024-04-08")
    (d / "sub" / "late.txt").write_text(bad, "gb18030")
    (d / "empty.txt").write_bytes(b"")
    (d / ".hidden.txt").write_text("不应读取", "utf-8")
    return d


def test_jsonl_one_record_per_document_recursively(reports: Path) -> None:
    res = runner.invoke(app, ["analyze", str(reports), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
    assert sorted(Path(r["source"]).name for r in recs) == ["clean.txt", "empty.txt", "late.txt"]
    by = {Path(r["source"]).name: r for r in recs}
    assert by["empty.txt"]["findings"][0]["check"] == "unreadable"
    checks = {f["check"] for f in by["late.txt"]["findings"]}
    assert {"rate_consistency", "timeliness"} <= checks
    assert "text" not in by["clean.txt"]


def test_json_select_and_include_text(reports: Path) -> None:
    res = runner.invoke(app, ["analyze", str(reports / "sub" / "late.txt"), str(reports / "clean.txt"), "--format", "json",
                              "--select", "rate_consistency,timeliness", "--include-text"])
    assert res.exit_code == 0, res.output
    recs = json.loads(res.stdout)
    assert len(recs) == 2 and all("text" in r for r in recs)
    assert {f["check"] for r in recs for f in r["findings"]} <= {"rate_consistency", "timeliness"}


def test_ignore(reports: Path) -> None:
    res = runner.invoke(app, ["analyze", str(reports / "sub" / "late.txt"), "-f", "jsonl", "--ignore", "timeliness"])
    rec = json.loads(res.stdout)
    assert "timeliness" not in {f["check"] for f in rec["findings"]}


def test_fail_on_sets_exit_status(reports: Path) -> None:
    late = str(reports / "sub" / "late.txt")
    assert runner.invoke(app, ["analyze", late]).exit_code == 0
    assert runner.invoke(app, ["analyze", late, "--fail-on", "error"]).exit_code == 1
    assert runner.invoke(app, ["analyze", str(reports / "clean.txt"), "--fail-on", "warning"]).exit_code == 0


@pytest.mark.parametrize("args", [["analyze", "x.txt", "--format", "xml"], ["analyze", "x.txt", "--select", "no_such_check"],
                                  ["analyze", "x.txt", "--fail-on", "fatal"], ["analyze"]])
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(build(), "utf-8")
    res = runner.invoke(app, [a if a != "x.txt" else str(tmp_path / "x.txt") for a in args])
    assert res.exit_code == 2


def test_table_output_is_chinese_with_line_numbers(reports: Path) -> None:
    res = runner.invoke(app, ["analyze", str(reports / "sub" / "late.txt")])
    out = res.stdout
    assert "错误" in out and "第" in out and "行" in out and "结案率" in out and "[rate_consistency]" in out
    assert "发布单位" in out and "固安县" in out


def test_stdin_and_real_process_exit_codes(reports: Path) -> None:
    text = (reports / "clean.txt").read_bytes()
    p = subprocess.run([sys.executable, "-m", "fazhi", "analyze", "-", "-f", "jsonl"], input=text, capture_output=True)
    assert p.returncode == 0, p.stderr.decode()
    rec = json.loads(p.stdout)
    assert rec["source"] == "<stdin>" and rec["metadata"]["jurisdiction"] == "固安县"
    p2 = subprocess.run([sys.executable, "-m", "fazhi", "analyze", "-", "--format", "bogus"], input=text, capture_output=True)
    assert p2.returncode == 2


def test_checks_lists_every_check() -> None:
    res = runner.invoke(app, ["checks", "--format", "json"])
    ids = [c["id"] for c in json.loads(res.stdout)]
    assert "rate_consistency" in ids and "near_duplicate" in ids


@pytest.mark.parametrize("command", ["analyze", "batch", "ingest"])
def test_shared_options_are_checked_alike(command: str, tmp_path: Path) -> None:
    """--ocr and --select are declared once (fazhi/cli/options.py): every command refuses a wrong
    value with the same Chinese message before it reads anything."""
    src = tmp_path / "x.txt"
    src.write_text(build(), "utf-8")
    extra = {"batch": ["--out", str(tmp_path / "out")], "ingest": ["--db", str(tmp_path / "c.duckdb")]}.get(command, [])
    res = runner.invoke(app, [command, str(src), "--ocr", "sometimes", *extra])
    assert res.exit_code == 2 and "--ocr 只能是 auto、always 或 never" in res.output
    if command != "ingest":  # ingest runs every check
        res = runner.invoke(app, [command, str(src), "--select", "no_such_check", *extra])
        assert res.exit_code == 2 and "未知的检查项" in res.output
    assert not (tmp_path / "c.duckdb").exists() and not (tmp_path / "out").exists()


def test_checks_markdown_is_the_documented_table() -> None:
    from fazhi.checks.registry import checks_markdown

    res = runner.invoke(app, ["checks", "--format", "markdown"])
    assert res.exit_code == 0 and res.stdout == checks_markdown()
