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

from . import analyze  # noqa: E402,F401  (registers its commands)
from . import crawl  # noqa: E402,F401  (fazhi crawl)
from . import batch  # noqa: E402,F401  (fazhi batch)
from . import corpus  # noqa: E402,F401  (fazhi ingest, reanalyze, crosscheck, status, compare, export, search)
from . import score  # noqa: E402,F401  (fazhi score, calibrate, codebook, rubric)
from . import serve  # noqa: E402,F401  (fazhi serve, fazhi user)


def main() -> None:
    app()
