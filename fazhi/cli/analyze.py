"""`fazhi analyze` and `fazhi checks`: analyse reports, list the checks."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console

from ..checks.registry import checks_markdown, specs
from ..pipeline import analyze_document
from ..read import iter_sources, load
from ..read.inputs import skipped_line
from ..record import Report, to_json
from ..scoring import score as score_report
from ..settings import DEFAULT
from . import app
from .options import checked_ids, checked_ocr, ignore_option, ocr_option, select_option
from .render import render_report, wrapping_table
from .score import rubric_option

_FORMATS = ("table", "json", "jsonl")
_FAIL_ON = ("error", "warning")


def _reports(sources: list[str], settings, select, ignore, progress, rubric=None) -> Iterator[Report]:
    for src in sources:
        for doc in load(src, settings):
            report = analyze_document(doc, select, ignore)
            if rubric is not None:
                report.score = score_report(report, rubric)
            yield report
        progress(src)


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="报告文件、目录（递归读取）、网址，或 - 表示标准输入"),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table（中文摘要）、json、jsonl"),
    select: Optional[str] = select_option(),
    ignore: Optional[str] = ignore_option(),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="存在该级别（error 或 warning）及以上的问题时以状态码 1 退出"),
    include_text: bool = typer.Option(False, "--include-text", help="在 json/jsonl 记录中包含提取的全文"),
    ocr: str = ocr_option(),
    rubric_path: Optional[Path] = typer.Option(None, "--rubric", help="用该评分细则（TOML 或 YAML）评分；默认用内置细则"),
) -> None:
    """分析报告：发布单位、年度、结构、数据、问题。"""
    rubric = rubric_option(rubric_path) if rubric_path is not None else None
    if fmt not in _FORMATS:
        raise typer.BadParameter(f"未知的输出格式“{fmt}”，可选：{'、'.join(_FORMATS)}", param_hint="--format")
    if fail_on is not None and fail_on not in _FAIL_ON:
        raise typer.BadParameter(f"--fail-on 只能是 error 或 warning，不能是“{fail_on}”", param_hint="--fail-on")
    sel, ign = checked_ids(select, ignore)
    settings = DEFAULT.with_(ocr=checked_ocr(ocr))
    skipped: list[str] = []
    sources = list(iter_sources(paths, skipped))
    err = Console(stderr=True)
    if skipped:
        err.print(skipped_line(len(skipped)))
    if not sources:
        raise typer.BadParameter("没有找到可分析的文件", param_hint="PATHS")
    out = Console(soft_wrap=True, highlight=False)
    worst = 0
    levels = {"info": 0, "warning": 1, "error": 2}
    collected = []

    def emit(report: Report) -> None:
        nonlocal worst
        for f in report.findings:
            worst = max(worst, levels.get(f.severity, 0))
        if fmt == "jsonl":
            sys.stdout.write(to_json(report.to_dict(include_text)) + "\n")
            sys.stdout.flush()
        elif fmt == "json":
            collected.append(report.to_dict(include_text))
        else:
            render_report(out, report)

    show_progress = len(sources) > 3 and err.is_terminal
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("分析中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err, transient=True) as bar:
            task = bar.add_task("analyze", total=len(sources))
            for r in _reports(sources, settings, sel, ign, lambda _s: bar.advance(task), rubric):
                emit(r)
    else:
        for r in _reports(sources, settings, sel, ign, lambda _s: None, rubric):
            emit(r)
    if fmt == "json":
        sys.stdout.write(to_json(collected, indent=1) + "\n")
    if fail_on is not None and worst >= levels[fail_on]:
        raise typer.Exit(1)


@app.command("checks")
def list_checks(fmt: str = typer.Option("table", "--format", "-f", help="table、json 或 markdown")) -> None:
    """列出全部检查项：编号、默认级别、名称和说明。"""
    items = list(specs().values())
    if fmt not in ("table", "json", "markdown"):
        raise typer.BadParameter(f"未知的输出格式“{fmt}”，可选：table、json、markdown", param_hint="--format")
    if fmt == "json":
        sys.stdout.write(json.dumps([{"id": s.id, "severity": s.severity, "family": s.family, "group": s.group,
                                      "name": s.name, "description": s.description} for s in items],
                                    ensure_ascii=False, indent=1) + "\n")
        return
    if fmt == "markdown":
        sys.stdout.write(checks_markdown())
        return
    t = wrapping_table("编号", "级别", "名称", "说明", title="fazhi 检查项", keep_whole=("编号", "级别"))
    for s in items:
        t.add_row(s.id, s.severity, s.name, s.description)
    Console().print(t)
