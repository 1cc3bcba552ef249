"""`fazhi draft`: the drafter's commands — the ledger template, the draft, the check before it goes up."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from . import app

draft_app = typer.Typer(help="起草年度报告：生成台账模板、根据台账生成报告草稿、提交前检查。", no_args_is_help=True)
app.add_typer(draft_app, name="draft")

_LEVEL_HELP = "层级：province（省）、city（市）、county（县）、district（区）、township（乡镇）、street（街道）、department（部门）"


def _level(level: str | None) -> str | None:
    from ..draft import LEVELS

    if level is not None and level not in LEVELS:
        raise typer.BadParameter(f"未知的层级“{level}”，可选：{'、'.join(LEVELS)}", param_hint="--level")
    return level


@draft_app.command("template")
def template(
    level: str = typer.Option(..., "--level", help=_LEVEL_HELP),
    out: Path = typer.Option(..., "--out", "-o", help="台账模板保存路径（.xlsx）"),
    unit: Optional[str] = typer.Option(None, "--unit", help="单位名称，如 桃林镇、三台县市场监督管理局"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度，如 2024"),
    db: Optional[Path] = typer.Option(None, "--db", help="语料库文件：有本单位上年度报告时，预填上年度数据及出处"),
) -> None:
    """生成本层级适用的年度台账模板（Excel，含填写说明和数据校验）。"""
    from ..draft import LedgerError, previous_figures, write_template

    _level(level)
    if out.suffix.lower() != ".xlsx":
        raise typer.BadParameter("台账模板须保存为 .xlsx 文件", param_hint="--out")
    previous = {}
    err = Console(stderr=True, highlight=False)
    if db is not None:
        if not (unit and year):
            raise typer.BadParameter("用 --db 预填上年度数据时须同时给出 --unit 和 --year", param_hint="--db")
        if not db.exists():
            raise typer.BadParameter(f"语料库文件不存在：{db}", param_hint="--db")
        previous = previous_figures(db, unit, year)
        err.print(f"已从语料库预填{unit}{year - 1}年度的 {len(previous)} 项数据" if previous
                  else f"语料库中没有{unit}{year - 1}年度报告的数据，上年度一栏留空")
    try:
        path = write_template(out, level, unit=unit, year=year, previous=previous)
    except LedgerError as e:
        raise typer.BadParameter(str(e)) from e
    Console(highlight=False).print(f"台账模板已保存：{path}。填写后运行：fazhi draft write --ledger {path} -o 草稿.docx")


@draft_app.command("write")
def write(
    ledger_path: Path = typer.Option(..., "--ledger", help="填好的台账（fazhi draft template 生成的 .xlsx）"),
    out: Path = typer.Option(..., "--out", "-o", help="草稿保存路径（.docx）"),
    unit: Optional[str] = typer.Option(None, "--unit", help="单位名称（默认取台账“单位信息”表）"),
    level: Optional[str] = typer.Option(None, "--level", help=_LEVEL_HELP + "（默认取台账）"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度（默认取台账）"),
    db: Optional[Path] = typer.Option(None, "--db", help="语料库文件：台账上年度一栏为空时，用本单位上年度报告的数据计算同比"),
    note: bool = typer.Option(True, "--note/--no-note", help="是否在草稿前附起草说明（报送时限、公开要求）"),
) -> None:
    """根据台账生成公文格式的报告草稿：数据句由台账计算，需本单位撰写之处标注【请补充】。"""
    from ..draft import LedgerError, compose, previous_figures, read_ledger, write_docx

    _level(level)
    if out.suffix.lower() != ".docx":
        raise typer.BadParameter("草稿须保存为 .docx 文件", param_hint="--out")
    if not ledger_path.exists():
        raise typer.BadParameter(f"台账文件不存在：{ledger_path}", param_hint="--ledger")
    try:
        ledger = read_ledger(ledger_path)
        unit_name = unit or ledger.unit
        report_year = year or ledger.year
        if db is not None and unit_name and report_year:
            for ind, (value, quote) in previous_figures(db, unit_name, report_year).items():
                e = ledger.entries.get(ind)
                if e is not None and e.previous is None:
                    e.previous, e.previous_source = value, quote
        draft = compose(ledger, unit=unit, level=level, year=year)
    except LedgerError as e:
        raise typer.BadParameter(str(e)) from e
    path = write_docx(draft, out, with_note=note)
    con = Console(highlight=False)
    con.print(f"草稿已保存：{path}（{draft.title}）")
    con.print(f"含台账数据 {len(draft.figures)} 项；请补充标注【请补充】的内容，完成后运行：fazhi draft check {path}")


@draft_app.command("check")
def check(
    path: str = typer.Argument(..., help="完成的报告（.docx、.pdf、.txt 等）"),
) -> None:
    """提交前检查：照常分析报告，未处理的【请补充】提示按错误计；有错误时以状态码 1 退出。"""
    from ..pipeline import analyze_document
    from ..read import load
    from ..settings import DEFAULT
    from .render import render_report

    out = Console(soft_wrap=True, highlight=False)
    errors = 0
    prompts = 0
    for doc in load(path, DEFAULT):
        report = analyze_document(doc)
        render_report(out, report)
        errors += sum(1 for f in report.findings if f.severity == "error")
        prompts += sum(1 for f in report.findings if f.check == "draft_prompt")
    if prompts:
        out.print(f"[red]还有 {prompts} 处【请补充】提示未处理，补充或删除后再报送。[/]")
    if errors:
        out.print(f"[red]共 {errors} 个错误，请修改后再报送。[/]")
        raise typer.Exit(1)
    out.print("[green]未发现错误，可以报送；警告和提示请酌情处理。[/]")
