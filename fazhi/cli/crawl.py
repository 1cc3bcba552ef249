"""`fazhi crawl`: download a government site's column of reports for later analysis."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import typer
from rich.console import Console

from ..settings import DEFAULT
from . import app

_KIND = {"list": "列表页", "report": "报告", "attachment": "附件"}


@app.command()
def crawl(
    url: str = typer.Argument(..., help="栏目（列表页）网址，例如某政府网站“法治政府建设年度报告”栏目"),
    out: Path = typer.Option(..., "--out", "-o", help="保存目录；再次运行时只下载新增或变化的内容"),
    match: str = typer.Option(r"法治|依法", "--match", help="报告链接文字须匹配的正则表达式；空字符串表示全部"),
    max_pages: int = typer.Option(DEFAULT.crawl_max_pages, "--max-pages", help="本次最多请求的页面和附件数"),
    delay: float = typer.Option(DEFAULT.crawl_delay, "--delay", help="同一网站两次请求之间的最少间隔（秒）"),
    timeout: float = typer.Option(DEFAULT.fetch_timeout, "--timeout", help="单次请求的超时时间（秒）"),
    refresh: bool = typer.Option(False, "--refresh", help="对已下载的报告和附件也发送条件请求，检查是否有更新"),
    fmt: str = typer.Option("table", "--format", "-f", help="输出格式：table（中文摘要）或 json"),
) -> None:
    """抓取网站栏目中的报告页面及其附件（遵守 robots.txt，限速，可断点续抓）。"""
    from ..crawl import Crawler

    if not url.startswith(("http://", "https://")):
        raise typer.BadParameter("网址必须以 http:// 或 https:// 开头", param_hint="URL")
    if fmt not in ("table", "json"):
        raise typer.BadParameter("--format 只能是 table 或 json", param_hint="--format")
    try:
        re.compile(match)
    except re.error as e:
        raise typer.BadParameter(f"--match 不是有效的正则表达式：{e}", param_hint="--match") from e
    if delay < 0 or timeout <= 0 or max_pages <= 0:
        raise typer.BadParameter("--delay 不能为负，--timeout 和 --max-pages 必须大于 0")
    settings = DEFAULT.with_(crawl_delay=delay, fetch_timeout=timeout)
    err = Console(stderr=True)

    def progress(kind: str, page: str) -> None:
        if err.is_terminal:
            err.print(f"[dim]{_KIND.get(kind, kind)}[/dim] {page}", highlight=False)

    crawler = Crawler(url, out, settings, match=match or None, max_pages=max_pages, refresh=refresh, progress=progress)
    stats = crawler.run()
    if fmt == "json":
        sys.stdout.write(json.dumps(stats.__dict__, ensure_ascii=False, indent=1) + "\n")
    else:
        con = Console(highlight=False)
        con.print(f"列表页 {stats.list_pages} 个，报告 {stats.reports} 篇，附件 {stats.attachments} 个")
        con.print(f"本次新下载 {stats.downloaded} 个文件，未变化 {stats.unchanged} 个，失败 {stats.failed} 个，"
                  f"robots.txt 禁止 {stats.robots_blocked} 个")
        for e in stats.errors[:20]:
            con.print(f"[yellow]注意[/yellow]：{e}")
        if len(stats.errors) > 20:
            con.print(f"……另有 {len(stats.errors) - 20} 条提示")
        con.print(f"抓取记录：{out / 'fazhi-crawl.jsonl'}；分析已下载的报告：fazhi analyze {out / 'reports'}")
    if stats.reports == 0 and stats.list_pages == 0:
        raise typer.Exit(1)
