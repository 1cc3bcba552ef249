"""The `fazhi` command. Each subcommand lives in its own module and registers on `app`."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="fazhi",
    help="fazhi（法治）：法治政府建设年度报告的读取、核查、评分与比较。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

# each subcommand module registers its commands on `app`, so it is imported once `app` exists
from . import (  # noqa: E402, F401
    analyze,  # fazhi analyze, checks
    batch,  # fazhi batch
    corpus,  # fazhi ingest, reanalyze, crosscheck, status, compare, export, search
    crawl,  # fazhi crawl
    draft,  # fazhi draft template, write, check
    score,  # fazhi score, calibrate, codebook, rubric
    serve,  # fazhi serve, user
)


def main() -> None:
    """Run the command; a library missing from this install ends in one Chinese line, not a traceback."""
    try:
        app(standalone_mode=True)
    except ImportError as e:
        import sys

        from ..install import missing_message

        print("错误：" + missing_message("此命令", e.name), file=sys.stderr)
        raise SystemExit(1) from None
