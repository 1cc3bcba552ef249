"""`fazhi ingest`, `reanalyze`, `crosscheck`, `status`, `compare`, `export`, `search`: the corpus commands."""
from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import Any, Optional

import typer
from rich.console import Console

from . import app
from .options import checked_ocr, ocr_option

_DB_HELP = "语料库文件（DuckDB；首次使用时创建）；默认取环境变量 FAZHI_DB，否则为当前目录下的 fazhi.duckdb"
_STAGES = {"ingest": "入库", "reanalyze": "重新分析", "index": "建立雷同索引", "compare": "跨报告比对"}


def _db(db: Optional[str]) -> str:
    return db or os.environ.get("FAZHI_DB") or "fazhi.duckdb"


def _open(db: Optional[str], read_only: bool = False):
    from ..corpus import Corpus, SchemaError

    path = _db(db)
    if read_only and not os.path.exists(path):
        raise typer.BadParameter(f"语料库文件不存在：{path}（先用 fazhi ingest 建立）", param_hint="--db")
    try:
        return Corpus(path, read_only=read_only)
    except (SchemaError, RuntimeError) as e:
        Console(stderr=True).print(f"[red]{e}[/red]")
        raise typer.Exit(2) from e


class _Progress:
    """A rich progress bar on a terminal; on a pipe, one line per second at most (a log a test can follow)."""

    def __init__(self, console: Console):
        self.console = console
        self.tty = console.is_terminal
        self.bar = None
        self.tasks: dict[str, Any] = {}
        self.last: dict[str, float] = {}

    def __enter__(self) -> "_Progress":
        if self.tty:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=self.console, transient=True)
            self.bar.__enter__()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        label = _STAGES.get(stage, stage)
        if self.bar is not None:
            if stage not in self.tasks:
                self.tasks[stage] = self.bar.add_task(label, total=total)
            self.bar.update(self.tasks[stage], completed=done, total=total)
            return
        import time

        now = time.monotonic()
        if done in (0, total) or now - self.last.get(stage, 0) >= 1.0:
            self.last[stage] = now
            print(f"{label}：{done}/{total}", file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _years(value: Optional[str]) -> Optional[tuple[int, int]]:
    if not value:
        return None
    try:
        if "-" in value:
            lo, hi = value.split("-", 1)
            return int(lo), int(hi)
        return int(value), int(value)
    except ValueError as e:
        raise typer.BadParameter(f"年度范围应写作 2021-2024 或 2023，不能是“{value}”", param_hint="--years") from e


def _crosscheck_line(stats: dict) -> str:
    if not stats or not stats.get("documents"):
        return "跨报告比对：没有新文件需要比对"
    return (f"跨报告比对：{stats['documents']}份新文件，发现内容雷同{stats.get('near_duplicate', 0)}处、"
            f"同比数据不符{stats.get('yoy_mismatch', 0)}处（{stats.get('seconds', 0):.1f}秒）")


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="报告文件、目录（递归读取）、网址，或 fazhi batch 生成的数据集目录"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="分析进程数；默认等于 CPU 核数"),
    keep_bytes: bool = typer.Option(False, "--keep-bytes", help="在语料库中保存原始文件（默认只记录路径和指纹）"),
    no_crosscheck: bool = typer.Option(False, "--no-crosscheck", help="入库后不做跨报告比对（稍后用 fazhi crosscheck）"),
    ocr: str = ocr_option(),
    batch: int = typer.Option(64, "--batch", min=1, help="每次提交（一个事务）的文件数；中断时最多损失正在提交的一批"),
) -> None:
    """把报告分析后存入语料库；重复运行不会重复入库（按文件指纹判断）。"""
    from ..batch import ingest as ingestion
    from ..settings import DEFAULT

    checked_ocr(ocr)
    err = Console(stderr=True)
    corpus = _open(db)
    try:
        with _Progress(err) as progress:
            res = ingestion.ingest(corpus, paths, workers=workers, settings=DEFAULT.with_(ocr=ocr), keep_bytes=keep_bytes,
                                crosscheck=not no_crosscheck, batch_size=batch, progress=progress)
    except RuntimeError as e:
        err.print(f"[red]{e}[/red]")
        raise typer.Exit(1) from e
    finally:
        corpus.close()
    rate = f"，{res.added / res.seconds:.0f}份/秒" if res.added and res.seconds > 0 else ""
    msg = f"入库完成：新增{res.added}份文件，跳过已入库{res.skipped}份{rate}"
    if res.unreadable:
        msg += f"；其中{res.unreadable}份无法读取（见各自的“无法读取”问题）"
    err.print(msg)
    if res.not_reports:
        from ..read.inputs import skipped_line

        err.print(skipped_line(res.not_reports))
    if not no_crosscheck:
        err.print(_crosscheck_line(res.crosscheck))


@app.command()
def reanalyze(
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    year: Optional[int] = typer.Option(None, "--year", help="只重新分析该年度的报告"),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="分析进程数；默认等于 CPU 核数"),
) -> None:
    """规则、指标或词表更新后，用已保存的文本重新分析语料库中的报告（不重新读取原文件）；审查结论保留。"""
    from ..batch import ingest as ingestion

    err = Console(stderr=True)
    corpus = _open(db)
    try:
        with _Progress(err) as progress:
            res = ingestion.reanalyze(corpus, workers=workers, progress=progress, year=year)
    finally:
        corpus.close()
    msg = f"重新分析完成：{res.documents}份文件（{res.seconds:.1f}秒）"
    if res.skipped_no_text:
        msg += f"；{res.skipped_no_text}份没有保存文本，无法重新分析，请重新入库原文件"
    err.print(msg)
    err.print(_crosscheck_line(res.crosscheck))


@app.command()
def crosscheck(
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    full: bool = typer.Option(False, "--full", help="对全部报告重新比对（默认只比对新入库或重新分析的报告）"),
) -> None:
    """跨报告检查：内容雷同（near_duplicate）和同比数据与上年报告不符（yoy_mismatch）。"""
    err = Console(stderr=True)
    corpus = _open(db)
    try:
        with _Progress(err) as progress:
            stats = corpus.crosscheck(full=full, progress=progress)
    finally:
        corpus.close()
    err.print(_crosscheck_line(stats))


def _emit(df, fmt: str, title: str, columns: Optional[dict[str, str]] = None) -> None:
    """Print a DataFrame as a Chinese table, CSV or JSON lines."""
    if fmt == "csv":
        from ..export.frames import safe_frame

        safe_frame(df).to_csv(sys.stdout, index=False)
        return
    if fmt == "json":
        for rec in json.loads(df.to_json(orient="records", force_ascii=False, date_format="iso")):
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return
    from .render import wrapping_table

    shown = df.rename(columns=columns or {})
    t = wrapping_table(*[str(c) for c in shown.columns], title=title)
    for row in shown.itertuples(index=False):
        t.add_row(*["" if v is None or (isinstance(v, float) and v != v) else
                    (f"{v:g}" if isinstance(v, float) else str(v)) for v in row])
    Console(soft_wrap=True).print(t)


def _check_fmt(fmt: str) -> None:
    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter("--format 只能是 table、csv 或 json", param_hint="--format")


@app.command()
def status(
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    registry: Optional[str] = typer.Option(None, "--registry", help="应报送单位名单（CSV 或 XLSX：单位、层级、上级、报告栏目网址）；"
                                           "载入后保存在语料库中"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度；默认为语料库中最新的年度"),
    fmt: str = typer.Option("table", "--format", "-f", help="table、csv 或 json"),
    today: Optional[str] = typer.Option(None, "--today", help="以该日期判断截止日期是否已过（YYYY-MM-DD）；默认今天"),
) -> None:
    """各单位报告的报送情况：按时、逾期几天、未查到公开日期、未报送、非有效报告，以及缺少的规定内容。"""
    from ..corpus.roster import RegistryError

    _check_fmt(fmt)
    corpus = _open(db)
    try:
        if year is None:
            year = corpus.latest_report_year()
            if year is None:
                raise typer.BadParameter("语料库中没有报告，无法确定年度；请用 --year 指定", param_hint="--year")
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as e:
            raise typer.BadParameter(f"日期应写作 YYYY-MM-DD，不能是“{today}”", param_hint="--today") from e
        try:
            df = corpus.status(int(year), registry=registry, today=day)
        except RegistryError as e:
            Console(stderr=True).print(f"[red]{e}[/red]")
            raise typer.Exit(2) from e
    finally:
        corpus.close()
    cols = ["unit", "level", "parent", "status_zh", "published", "missing_contents", "note"]
    if fmt == "table":
        from ..data.labels import LEVEL_ZH

        # a report outside the list carries its own level code: 区级, not district
        shown = df[cols].assign(level=df["level"].map(lambda v: LEVEL_ZH.get(v, v)))
        _emit(shown, fmt, f"{year}年度法治政府建设年度报告报送情况",
              {"unit": "单位", "level": "层级", "parent": "上级", "status_zh": "报送情况", "published": "公开日期",
               "missing_contents": "缺少内容", "note": "备注"})
        counts = df["status"].value_counts().to_dict()
        Console(stderr=True).print(
            f"共{int((df['status'] != 'unlisted').sum())}个单位：按时{counts.get('on_time', 0)}、逾期{counts.get('late', 0)}、"
            f"未查到公开日期{counts.get('unpublished', 0)}、未报送{counts.get('missing', 0)}、"
            f"非有效报告{counts.get('invalid', 0)}、内容缺项{int(df['deficient'].sum())}；名单外报告{counts.get('unlisted', 0)}份")
    else:
        _emit(df, fmt, "")


@app.command()
def compare(
    indicator: str = typer.Option(..., "--indicator", "-i", help="指标编号，如 reconsideration.received（见 docs/corpus.md）"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    by: str = typer.Option("jurisdiction", "--by", help="按 jurisdiction（单位）、level、province、city、county 分组"),
    years: Optional[str] = typer.Option(None, "--years", help="年度范围，如 2021-2024"),
    agg: Optional[str] = typer.Option(None, "--agg", help="分组汇总方式：sum、mean、median、min、max、count；"
                                      "默认数量求和、比率取平均"),
    level: Optional[str] = typer.Option(None, "--level", help="只比较该层级（county、district、township ...）"),
    province: Optional[str] = typer.Option(None, "--province", help="只比较该省"),
    city: Optional[str] = typer.Option(None, "--city", help="只比较该市"),
    rank_year: Optional[int] = typer.Option(None, "--rank", help="给出该年度的排名"),
    changes: bool = typer.Option(False, "--changes", help="给出各单位的逐年变化"),
    outliers: bool = typer.Option(False, "--outliers", help="列出明显偏离同级单位的数值"),
    fmt: str = typer.Option("table", "--format", "-f", help="table、csv 或 json"),
) -> None:
    """按单位、层级、地区和年度比较一个指标；可排名、看逐年变化、找异常值。"""
    from ..understand.indicators import taxonomy

    _check_fmt(fmt)
    names = taxonomy().names
    if indicator not in names:
        close = [k for k in names if indicator.split(".")[0] in k][:8]
        raise typer.BadParameter(f"未知的指标“{indicator}”" + (f"；相近的有：{'、'.join(close)}" if close else ""),
                                 param_hint="--indicator")
    span = _years(years)
    filters = {"level": level, "province": province, "city": city}
    corpus = _open(db, read_only=True)
    try:
        if rank_year is not None:
            df = corpus.rank(indicator, rank_year, by=by, **filters)
            title = f"{names[indicator]} {rank_year}年排名"
        elif changes:
            df = corpus.changes(indicator, years=span, **filters)
            title = f"{names[indicator]} 逐年变化"
        elif outliers:
            df = corpus.outliers(indicator, years=span, **filters)
            title = f"{names[indicator]} 异常值"
            if fmt == "table" and not df.empty:
                df = df[["unit_name", "level", "report_year", "value", "peer_median", "reason"]]
        else:
            try:
                df = corpus.compare(indicator, by=by, years=span, agg=agg, **filters)
            except ValueError as e:
                raise typer.BadParameter(str(e)) from e
            title = f"{names[indicator]}（{indicator}）"
    finally:
        corpus.close()
    if df.empty:
        Console(stderr=True).print("没有符合条件的数据")
        return
    if fmt == "table" and "unit_key" in df.columns:
        df = df.drop(columns="unit_key")
    _emit(df, fmt, title, {"unit_name": "单位", "level": "层级", "province": "省", "city": "市", "county": "县",
                           "report_year": "年度", "value": "数值", "n_reports": "报告数", "rank": "名次",
                           "percentile": "百分位", "previous_value": "上年数值", "previous_year": "上年",
                           "change": "变化", "change_pct": "变化率%", "unit": "计量单位", "peer_median": "同级中位数",
                           "reason": "说明"})


@app.command()
def export(
    to: str = typer.Option(..., "--to", help="输出文件：.xlsx（审查结果）、.csv/.parquet（数据表）、.docx（通报或审查意见），"
                           "或一个目录（每份报告一份审查意见）"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    table: Optional[str] = typer.Option(None, "--table", help="CSV/Parquet 导出的表：reports、findings、figures、panel、"
                                        "status、sections；默认取文件名（figures.parquet 即 figures）"),
    kind: Optional[str] = typer.Option(None, "--kind", help="Word 导出：notice（通报）或 opinions（审查意见）；"
                                       "默认按文件名判断"),
    year: Optional[int] = typer.Option(None, "--year", help="只导出该年度"),
    registry: Optional[str] = typer.Option(None, "--registry", help="应报送单位名单，用于报送情况和通报"),
    issuer: Optional[str] = typer.Option(None, "--issuer", help="通报和审查意见的落款单位，如 永清县全面依法治县委员会办公室；"
                                         "保存在语料库中，以后的导出沿用"),
    recipients: Optional[str] = typer.Option(None, "--recipients", help="通报的主送单位，如 各乡镇人民政府，县政府各部门；"
                                             "保存在语料库中，以后的导出沿用"),
    when: Optional[str] = typer.Option(None, "--date", help="落款日期（YYYY-MM-DD）；默认今天"),
    only_confirmed: bool = typer.Option(False, "--only-confirmed", help="Word 导出只写入审查人确认过的问题"),
) -> None:
    """导出：Excel 审查结果、CSV/Parquet 数据、Word 通报和审查意见。"""
    from ..export import export as do_export

    day = None
    if when:
        try:
            day = date.fromisoformat(when)
        except ValueError as e:
            raise typer.BadParameter(f"日期应写作 YYYY-MM-DD，不能是“{when}”", param_hint="--date") from e
    err = Console(stderr=True)
    opts: dict[str, Any] = {"year": year}
    word = to.lower().endswith(".docx") or bool(kind)
    if word:
        opts.update(when=day, include_undecided=not only_confirmed, note=lambda line: err.print(f"[yellow]注意：[/]{line}"))
    corpus = _open(db)
    try:
        for key, value, name in (("issuer", issuer, "落款单位"), ("recipients", recipients, "主送单位")):
            if value is not None and value.strip() != (corpus.setting(key) or ""):
                corpus.set_setting(key, value)  # given once, kept with the corpus for every later document
                err.print(f"已保存{name}：{value.strip()}（以后的通报和审查意见沿用，可用 --{key} 修改）")
        written = do_export(corpus, to, table=table, kind=kind, registry=registry, **opts)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e
    finally:
        corpus.close()
    err.print(f"已导出{len(written)}个文件：" + "、".join(str(p) for p in written[:5]) + ("……" if len(written) > 5 else ""))


@app.command()
def search(
    query: str = typer.Argument(..., help="要查找的文字；多个词用空格分开（同时包含）"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    year: Optional[int] = typer.Option(None, "--year", help="只查该年度"),
    limit: int = typer.Option(20, "--limit", min=1, help="最多列出几份报告"),
    fmt: str = typer.Option("table", "--format", "-f", help="table、csv 或 json"),
) -> None:
    """在语料库全部报告的正文中查找文字。"""
    _check_fmt(fmt)
    corpus = _open(db)
    try:
        df = corpus.search(query, limit=limit, year=year)
    finally:
        corpus.close()
    if df.empty:
        Console(stderr=True).print("没有找到")
        return
    _emit(df.drop(columns=["sha256"]) if fmt == "table" else df, fmt, f"“{query}”的查找结果",
          {"title": "标题", "unit_name": "单位", "report_year": "年度", "position": "位置", "snippet": "上下文"})

