"""The exact pip command that supplies a missing library, for one-line Chinese messages.

A reviewer's office machine may lack an optional part (OCR, a Dask cluster, calibration)
or have a damaged install. What they need is the command to type, not a traceback, and
it must be the right one: `pip install 'fazhi[ocr]'` for an extra, the library itself for
a core dependency (fazhi/data/extras.toml).
"""
from __future__ import annotations

from .data import load


def install_command(module: str | None) -> str:
    """The pip command that installs the library behind an import name (top-level package)."""
    top = (module or "").split(".")[0]
    table = load("extras.toml")
    extra = table["extras"].get(top)
    if extra:
        return f"pip install 'fazhi[{extra}]'"
    return f"pip install {table['distributions'].get(top, top)}" if top else "pip install --force-reinstall fazhi"


def missing_message(what: str, module: str | None) -> str:
    """One line: what cannot be done, which library is missing, and the command that fixes it."""
    top = (module or "").split(".")[0]
    extra = load("extras.toml")["extras"].get(top)
    kind = "可选组件" if extra else "组件"
    return f"{what}需要{kind} {top or 'fazhi'}，当前未安装：请运行 {install_command(top)}"
