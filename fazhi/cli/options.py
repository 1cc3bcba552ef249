"""Options several commands share, declared and validated once so that `analyze`, `batch` and
`ingest` accept the same values and answer a wrong one with the same Chinese message."""
from __future__ import annotations

from typing import Any, Optional

import typer

from ..checks.registry import parse_ids

OCR_MODES = ("auto", "always", "never")


def ocr_option() -> Any:
    return typer.Option("auto", "--ocr", help="扫描件识别：auto（无文字层的页面才识别）、always、never")


def select_option() -> Any:
    return typer.Option(None, "--select", help="只运行这些检查项（逗号分隔的检查编号）")


def ignore_option() -> Any:
    return typer.Option(None, "--ignore", help="不运行这些检查项（逗号分隔的检查编号）")


def checked_ocr(ocr: str) -> str:
    """`ocr` when it is one of OCR_MODES; otherwise the command stops with a usage error."""
    if ocr not in OCR_MODES:
        raise typer.BadParameter("--ocr 只能是 " + "、".join(OCR_MODES[:-1]) + f" 或 {OCR_MODES[-1]}",
                                 param_hint="--ocr")
    return ocr


def checked_ids(select: Optional[str], ignore: Optional[str]) -> tuple[set[str] | None, set[str] | None]:
    """The check ids of --select and --ignore; an unknown id stops the command with the list of
    the known ones."""
    try:
        return parse_ids(select), parse_ids(ignore)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e
