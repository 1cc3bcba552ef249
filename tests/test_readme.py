"""The README's example output is true: every line it shows is what `fazhi analyze` prints
for that report today (the 汉滨区 seed, when ../shared is present)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.cli import app

from .conftest import ROOT, SEEDS

COMMAND = re.compile(r"^\$ fazhi analyze (\S+)$", re.M)


def _example() -> tuple[str, list[str]]:
    text = (ROOT / "README.md").read_text("utf-8")
    m = COMMAND.search(text)
    assert m, "README shows no `$ fazhi analyze` example"
    block = text[m.end():text.index("```", m.end())]
    return m.group(1), [ln.strip() for ln in block.strip("\n").splitlines() if ln.strip() and ln.strip() != "…"]


def _seed(unit: str) -> Path | None:
    if not SEEDS.is_dir():
        return None
    return next((p for p in sorted(SEEDS.glob("*.txt")) if unit in p.read_text("utf-8")[:200]), None)


def test_readme_example_output_is_what_fazhi_prints(tmp_path: Path) -> None:
    name, shown = _example()
    seed = _seed(name[:3])
    if seed is None:
        pytest.skip("../shared/seeds is not present: the README's example report is a seed")
    shutil.copy(seed, tmp_path / name)
    res = CliRunner().invoke(app, ["analyze", str(tmp_path / name)], env={"COLUMNS": "100"})
    assert res.exit_code == 0, res.output
    printed = [ln.strip() for ln in res.stdout.splitlines()]
    missing = [ln for ln in shown if ln not in printed]
    assert not missing, f"README lines that fazhi no longer prints: {missing}"
    findings = [ln for ln in printed if re.match(r"(第\d+行 )?\[\w+\]", ln)]
    assert findings == [ln for ln in shown if re.match(r"(第\d+行 )?\[\w+\]", ln)]  # no finding left out
