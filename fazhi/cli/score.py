"""`fazhi score`, `fazhi calibrate`, `fazhi codebook` and `fazhi rubric`: scores that explain
themselves, their agreement with human coding, and the sheets coders work in."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..pipeline import analyze_document
from ..read import iter_sources, load
from ..read.inputs import skipped_line
from ..record import Report, to_json
from ..scoring import RubricError, default_rubric, load_rubric
from ..scoring import score as score_report
from ..scoring.coverage import STATUS_ZH
from ..scoring.rubric import RULES, Rubric
from ..settings import DEFAULT
from . import app

_SCORE_FORMATS = ("table", "json", "jsonl")
_CAL_FORMATS = ("table", "json", "markdown")


def rubric_option(path: Optional[Path]) -> Rubric:
    """The rubric a command uses: the user's file, or the default; a bad file is a usage error."""
    if path is None:
        return default_rubric()
    try:
        return load_rubric(path)
    except RubricError as e:
        raise typer.BadParameter(str(e), param_hint="--rubric") from e


def _need(*modules: str) -> None:
    """Stop with a Chinese hint when a library is missing: the command that installs it
    (scipy comes with the `calibrate` extra; the others are core dependencies)."""
    import importlib.util

    from ..install import install_command

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        commands = "；".join(dict.fromkeys(install_command(m) for m in missing))
        raise typer.BadParameter(f"此功能需要 {'、'.join(missing)}，当前未安装：请运行 {commands}")


def _analyse(paths: list[str], rubric: Rubric, err: Console) -> Iterator[Report]:
    """Analyse every document the paths hold and score it with the rubric (progress on a terminal)."""
    skipped: list[str] = []
    sources = list(iter_sources(paths, skipped))
    if skipped:
        err.print(skipped_line(len(skipped)))
    if not sources:
        raise typer.BadParameter("没有找到可分析的文件", param_hint="PATHS")

    def run(advance: Callable[[], None]) -> Iterator[Report]:
        for src in sources:
            for doc in load(src, DEFAULT):
                r = analyze_document(doc)
                if r.score.get("rubric", {}).get("digest") != rubric.digest:
                    r.score = score_report(r, rubric)
                yield r
            advance()

    if len(sources) > 3 and err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("分析评分中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err, transient=True) as bar:
            task = bar.add_task("score", total=len(sources))
            yield from run(lambda: bar.advance(task))
    else:
        yield from run(lambda: None)


def _fmt(x: Any) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:g}" if x == round(x, 2) else f"{x:.2f}"
    return str(x)


def _quote(report: Report, span: list[int], width: int = 40) -> str:
    q = re.sub(r"\s+", " ", report.text[span[0]:span[1]].strip())
    return q if len(q) <= width else q[:width] + "…"


def render_score(out: Console, report: Report, show_coverage: bool = True) -> None:
    """The Chinese score sheet of one report: total, dimensions, items with reasons and evidence."""
    md = report.metadata
    sc = report.score
    out.rule(f"[bold]{escape(report.document.source)}[/]")
    who = md.issuer or md.jurisdiction or "（未能确定）"
    out.print(f"发布单位：{escape(who)}　报告年度：{md.report_year or '未知'}")
    rb = sc.get("rubric") or {}
    out.print(f"评分细则：{escape(rb.get('name', ''))} {escape(rb.get('version', ''))}（指纹 {rb.get('digest', '')}）")
    if sc.get("total") is None:
        out.print(f"[yellow]{escape(sc.get('note') or '未评分')}[/]")
        return
    out.print(f"[bold]总分：{_fmt(sc['total'])} / {_fmt(sc['max'])}[/]")
    for part in sc["parts"].values():
        out.print(f"[bold]{escape(part['name'])}　{_fmt(part['score'])}/{_fmt(part['max'])}[/]")
        for item in part["items"].values():
            full = item["score"] >= item["max"]
            mark = "[green]✓[/]" if full else ("[yellow]△[/]" if item["score"] > 0 else "[red]✗[/]")
            out.print(f"  {mark} {escape(item['name'])}　{_fmt(item['score'])}/{_fmt(item['max'])}　{escape(item['reason'])}")
            if item["evidence"]:
                line = report.line_of(item["evidence"][0][0])
                out.print(f"      [dim]原文（第{line}行）：{escape(_quote(report, item['evidence'][0]))}[/]")
    cov = report.coverage
    if show_coverage and cov:
        render_coverage(out, cov)


def render_coverage(out: Console, cov: dict[str, Any]) -> None:
    """The coverage map as lines: each part of the 纲要, reported / mentioned / absent, and how much."""
    out.print(f"[bold]纲要覆盖[/]　{escape(cov['summary'])}（{escape(cov['basis'])}）")
    colors = {"reported": "green", "mentioned": "yellow", "none": "red"}
    for a in cov["areas"].values():
        indent = "    └ " if a.get("parent") else "  "
        status = f"[{colors[a['status']]}]{STATUS_ZH[a['status']]}[/]"
        how = f"　{a['chars']}字，数据{a['figures']}项" if a["status"] != "none" else ""
        heads = f"　[dim]标题：{escape('；'.join(a['headings'][:2]))}[/]" if a["headings"] else ""
        out.print(f"{indent}{status}　{escape(a['name'])}{how}{heads}")


def _compact(report: Report) -> dict[str, Any]:
    md = report.metadata
    d = {"source": report.document.source, "sha256": report.document.sha256,
         "jurisdiction": md.jurisdiction, "issuer": md.issuer, "level": md.level, "report_year": md.report_year,
         "score": report.score}
    if report.coverage:
        d["coverage"] = report.coverage
    return d


@app.command("score")
def score_cmd(
    paths: list[str] = typer.Argument(..., help="报告文件、目录（递归读取）、网址，或 - 表示标准输入"),
    rubric_path: Optional[Path] = typer.Option(None, "--rubric", "-r", help="评分细则文件（TOML 或 YAML）；默认用内置细则"),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table（中文评分表）、json、jsonl"),
    show_coverage: bool = typer.Option(True, "--coverage/--no-coverage", help="table 格式下是否列出纲要覆盖情况"),
) -> None:
    """按评分细则给报告评分：总分、各维度和各项得分，每项的理由和原文依据，以及纲要覆盖情况。"""
    if fmt not in _SCORE_FORMATS:
        raise typer.BadParameter(f"未知的输出格式“{fmt}”，可选：{'、'.join(_SCORE_FORMATS)}", param_hint="--format")
    rubric = rubric_option(rubric_path)
    err = Console(stderr=True)
    out = Console(soft_wrap=True, highlight=False)
    collected = []
    for r in _analyse(paths, rubric, err):
        if fmt == "jsonl":
            sys.stdout.write(to_json(_compact(r)) + "\n")
        elif fmt == "json":
            collected.append(_compact(r))
        else:
            render_score(out, r, show_coverage)
    if fmt == "json":
        sys.stdout.write(to_json(collected, indent=1) + "\n")


# ------------------------------------------------------------------ codebook

@app.command("codebook")
def codebook_cmd(
    paths: Optional[list[str]] = typer.Argument(None, help="要编码的报告（文件、目录或网址）；--template 时可省略"),
    output: Path = typer.Option(..., "--output", "-o", help="输出文件：.xlsx 或 .csv"),
    rubric_path: Optional[Path] = typer.Option(None, "--rubric", "-r", help="评分细则文件；默认用内置细则"),
    template: bool = typer.Option(False, "--template", help="生成供人工填写的空白编码表（不填机器编码）"),
) -> None:
    """导出编码表：每份报告一行，每个评分项一列（编码为得分占分值的比例），另有依据列；或生成空白模板。"""
    from ..scoring.codebook import CodingError, machine_rows, template_rows, write

    rubric = rubric_option(rubric_path)
    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise typer.BadParameter("输出文件应以 .xlsx 或 .csv 结尾", param_hint="--output")
    if output.suffix.lower() == ".xlsx":
        _need("xlsxwriter")
    err = Console(stderr=True)
    if not paths and not template:
        raise typer.BadParameter("请给出要编码的报告；只要空白模板请加 --template", param_hint="PATHS")
    reports = list(_analyse(paths, rubric, err)) if paths else []
    rows = template_rows(reports, rubric) if template else machine_rows(reports, rubric)
    try:
        write(output, rubric, rows)
    except CodingError as e:
        raise typer.BadParameter(str(e), param_hint="--output") from e
    what = "空白编码模板" if template else "机器编码表"
    err.print(f"已写出{what}：{output}（{len(rows)}份报告，{len(rubric.items)}个评分项，细则 {rubric.name} {rubric.version}）")


# ------------------------------------------------------------------ calibrate

def _resolve_reports(coding, human: Path) -> list[str]:
    """Report files named in the coders' sheet: its 来源 path, or its 报告 name beside the sheet or here."""
    found: list[str] = []
    for row in coding.rows:
        for cand in (row.source, row.report):
            if not cand:
                continue
            for base in (Path(cand), human.parent / cand, Path.cwd() / cand):
                if base.is_file():
                    found.append(str(base))
                    break
            else:
                continue
            break
    return list(dict.fromkeys(found))


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def _f3(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _p(x: float | None) -> str:
    if x is None:
        return "—"
    return "<0.001" if x < 0.001 else f"{x:.3f}"


def _markdown(ag, fit=None) -> str:
    t = ag.totals
    lines = [f"## 机器评分与人工编码的一致性（{ag.rubric['name']} {ag.rubric['version']}）", "",
             f"报告数：{ag.n_reports}；有总分可比：{t.get('n', 0)}", "",
             "| 总分 | 值 | p |", "|---|---|---|",
             f"| Spearman ρ | {_f3(t.get('spearman'))} | {_p(t.get('spearman_p'))} |",
             f"| Kendall τ-b | {_f3(t.get('kendall'))} | {_p(t.get('kendall_p'))} |",
             f"| 平均绝对差 | {_f3(t.get('mean_abs_diff'))} | |",
             f"| 平均差（机器−人工） | {_f3(t.get('mean_diff'))} | |", "",
             "| 评分项 | n | 一致率 | Cohen's κ | Krippendorff's α（名义） | α（等距） | 机器均值 | 人工均值 |",
             "|---|---|---|---|---|---|---|---|"]
    for i in ag.items:
        lines.append(f"| {i.name}（{i.id}） | {i.n} | {_pct(i.agreement)} | {_f3(i.kappa)} | {_f3(i.alpha_nominal)} | "
                     f"{_f3(i.alpha_interval)} | {_f3(i.machine_mean)} | {_f3(i.human_mean)} |")
    if fit is not None:
        lines += ["", "| 评分项 | 原分值 | 拟合分值 |", "|---|---|---|"]
        lines += [f"| {k} | {fit.old_weights[k]:g} | {v:g} |" for k, v in fit.weights.items()]
    return "\n".join(lines) + "\n"


def _render_agreement(out: Console, ag, fit, fitted_path: Path | None) -> None:
    t = ag.totals
    out.rule(f"[bold]机器评分与人工编码的一致性：{escape(ag.rubric['name'])} {escape(ag.rubric['version'])}[/]")
    out.print(f"人工编码：{escape(ag.human_file)}　对上的报告：{ag.n_reports}份　有总分可比：{t.get('n', 0)}份")
    if t.get("n"):
        tt = Table("总分一致性", "值", "p 值")
        tt.add_row("Spearman ρ", _f3(t.get("spearman")), _p(t.get("spearman_p")))
        tt.add_row("Kendall τ-b", _f3(t.get("kendall")), _p(t.get("kendall_p")))
        tt.add_row("平均绝对差（分）", _f3(t.get("mean_abs_diff")), "")
        tt.add_row("平均差（机器−人工）", _f3(t.get("mean_diff")), "")
        out.print(tt)
    it = Table("评分项", "n", "一致率", "κ", "α名义", "α等距", "机器均值", "人工均值", box=box.SIMPLE_HEAD,
               caption="κ：Cohen's kappa；α：Krippendorff's alpha（名义、等距尺度）；均值为得分率")
    for c in it.columns:
        c.overflow = "fold"
    for i in ag.items:
        it.add_row(escape(i.name), str(i.n), _pct(i.agreement), _f3(i.kappa), _f3(i.alpha_nominal),
                   _f3(i.alpha_interval), _f3(i.machine_mean), _f3(i.human_mean))
    out.print(it)
    worst = ag.worst()
    if worst:
        out.print("[bold]分歧最大的评分项[/]（附例）：")
        for i in worst:
            out.print(f"  [bold]{escape(i.name)}[/]（{i.id}）：一致率{_pct(i.agreement)}，κ={_f3(i.kappa)}")
            for d in i.disagreements:
                out.print(f"    {escape(d['report'])}（第{d['row']}行）：机器 {d['machine']:g}，人工 {d['human']:g}；"
                          f"[dim]机器理由：{escape(d['reason'])}[/]")
    for n in ag.notes:
        out.print(f"[yellow]注意：{escape(n)}[/]")
    if fit is not None:
        ft = Table("评分项", "原分值", "拟合分值")
        for k, v in fit.weights.items():
            ft.add_row(k, f"{fit.old_weights[k]:g}", f"{v:g}")
        out.print(ft)
        out.print(f"拟合：{fit.n}份报告，岭回归惩罚系数 {fit.ridge:g}（按留一法误差选定）；"
                  f"留一法均方根误差 {fit.loo_rmse_before:.2f} → {fit.loo_rmse:.2f} 分；"
                  f"Spearman ρ {_f3(fit.spearman_before)} → {_f3(fit.spearman_after)}")
        for w in fit.warnings:
            out.print(f"[yellow]注意：{escape(w)}[/]")
        if fitted_path is not None:
            out.print(f"[green]已写出拟合后的评分细则：{escape(str(fitted_path))}[/]")


@app.command("calibrate")
def calibrate_cmd(
    paths: Optional[list[str]] = typer.Argument(None, help="人工编码过的报告（文件或目录）；省略时按编码表的“来源”“报告”列查找"),
    human: Path = typer.Option(..., "--human", help="人工编码表（.xlsx 或 .csv，格式见 fazhi codebook --template）"),
    rubric_path: Optional[Path] = typer.Option(None, "--rubric", "-r", help="评分细则文件；默认用内置细则"),
    fit: bool = typer.Option(False, "--fit", help="按人工总分拟合各项分值"),
    out_path: Optional[Path] = typer.Option(None, "--out", help="拟合后的评分细则写到该文件（需 --fit）"),
    new_version: Optional[str] = typer.Option(None, "--new-version", help="拟合后细则的版本号（默认在原版本上加一）"),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table、json、markdown（可直接用于论文附表）"),
    examples: int = typer.Option(3, "--examples", help="每个分歧项列出的例子数"),
) -> None:
    """对照人工编码检验评分：总分的 Spearman、Kendall 相关，各项的一致率、Cohen's κ、Krippendorff's α，分歧最大的项及例子；可拟合分值并写出新版本细则。"""
    from ..scoring.calibrate import CalibrationError, agreement, fit_weights, fitted_rubric_text, match
    from ..scoring.codebook import CodingError, read_coding

    if fmt not in _CAL_FORMATS:
        raise typer.BadParameter(f"未知的输出格式“{fmt}”，可选：{'、'.join(_CAL_FORMATS)}", param_hint="--format")
    if out_path is not None and not fit:
        raise typer.BadParameter("--out 需要与 --fit 一起使用", param_hint="--out")
    _need("scipy", "numpy", *(["openpyxl"] if human.suffix.lower() == ".xlsx" else []),
          *(["tomlkit"] if out_path is not None else []))
    rubric = rubric_option(rubric_path)
    try:
        coding = read_coding(human, rubric)
    except CodingError as e:
        raise typer.BadParameter(str(e), param_hint="--human") from e
    err = Console(stderr=True)
    sources = list(paths or []) or _resolve_reports(coding, human)
    if not sources:
        raise typer.BadParameter("找不到编码表中的报告文件：请在命令中给出报告所在的文件或目录", param_hint="PATHS")
    reports = list(_analyse(sources, rubric, err))
    pairs, notes = match(coding, reports, rubric)
    if not pairs:
        raise typer.BadParameter("编码表中没有一行能对应到给出的报告（按 sha256、文件名匹配）", param_hint="--human")
    ag = agreement(pairs, rubric, coding, examples)
    ag.notes = notes + ag.notes
    fitted = None
    written = None
    if fit:
        try:
            fitted = fit_weights(pairs, rubric)
        except CalibrationError as e:
            raise typer.BadParameter(str(e), param_hint="--fit") from e
        if out_path is not None:
            text = fitted_rubric_text(rubric, fitted, str(human), new_version)
            out_path.write_text(text, encoding="utf-8")
            written = out_path
    if fmt == "json":
        d = ag.to_dict()
        if fitted is not None:
            d["fit"] = dict(fitted.__dict__)
            d["notes"] = d["notes"] + fitted.warnings
            d["fit"]["written"] = str(written) if written else None
        sys.stdout.write(json.dumps(d, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "markdown":
        sys.stdout.write(_markdown(ag, fitted))
        for w in (fitted.warnings if fitted is not None else []):
            err.print(f"注意：{w}")
        if written:
            err.print(f"已写出拟合后的评分细则：{written}")
    else:
        _render_agreement(Console(highlight=False), ag, fitted, written)


# ------------------------------------------------------------------ rubric

def rubric_markdown(rubric: Rubric) -> str:
    """The rubric as a Markdown table, item by item (docs/scoring.md holds the default's)."""
    lines = [f"**{rubric.title}**（{rubric.name} {rubric.version}，满分 {_fmt(rubric.max)}）", "",
             "| 维度 | 编号 | 评分项 | 分值 | 规则 | 评分标准 |", "|---|---|---|---|---|---|"]
    for d in rubric.dimensions:
        for i in d.items:
            lines.append(f"| {d.name} | `{i.id}` | {i.name} | {_fmt(i.weight)} | `{i.rule}` | {i.description} |")
    return "\n".join(lines) + "\n"


@app.command("rubric")
def rubric_cmd(
    path: Optional[Path] = typer.Argument(None, help="要检查的评分细则文件；省略时显示内置细则"),
    fmt: str = typer.Option("table", "--format", "-f", help="table、markdown 或 json"),
    kinds: bool = typer.Option(False, "--kinds", help="列出可用的规则类型及其参数"),
) -> None:
    """检查并显示评分细则：各维度、评分项、分值、规则和评分标准；--kinds 列出规则类型。"""
    out = Console(highlight=False)
    if kinds:
        default_rubric()  # registers the rule kinds
        if fmt == "json":
            sys.stdout.write(json.dumps({k.name: {"zh": k.zh, "grades": k.output, "labels": k.labels,
                                                  "params": {p: {"type": s.type, "default": s.default, "doc": s.doc}
                                                             for p, s in k.params.items()}}
                                         for k in RULES.values()}, ensure_ascii=False, indent=1, default=list) + "\n")
            return
        for k in RULES.values():
            grades = "按 steps 分档" if k.output == "number" else "按 levels 给分"
            out.print(f"[bold]{k.name}[/]　{escape(k.zh)}（{grades}）")
            for name, spec in k.params.items():
                default = json.dumps(spec.default, ensure_ascii=False, default=list)
                out.print(f"  {name}：{escape(spec.doc)}　[dim]默认 {escape(default)}[/]")
        return
    rubric = rubric_option(path)
    if fmt == "markdown":
        sys.stdout.write(rubric_markdown(rubric))
        return
    if fmt == "json":
        sys.stdout.write(json.dumps({**rubric.ident(), "title": rubric.title, "max": rubric.max,
                                     "dimensions": [{"id": d.id, "name": d.name, "items": [
                                         {"id": i.id, "name": i.name, "weight": i.weight, "rule": i.rule,
                                          "params": i.params, "codes": i.codes(), "description": i.description}
                                         for i in d.items]} for d in rubric.dimensions]},
                                    ensure_ascii=False, indent=1, default=list) + "\n")
        return
    out.print(f"[bold]{escape(rubric.title)}[/]　{escape(rubric.name)} {escape(rubric.version)}"
              f"（指纹 {rubric.digest}）满分 {_fmt(rubric.max)}　[green]检查通过[/]")
    for d in rubric.dimensions:
        out.print(f"[bold]{escape(d.name)}（{_fmt(d.max)}分）[/]　{escape(d.description)}")
        for i in d.items:
            codes = "、".join(_fmt(c) for c in i.codes())
            out.print(f"  {i.id}　{escape(i.name)}　{_fmt(i.weight)}分　规则 {i.rule}　可填编码 {codes}")
            if i.description:
                out.print(f"      [dim]{escape(i.description)}[/]")
