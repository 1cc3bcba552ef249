"""CLI tables wrap their Chinese cells inside the column instead of cutting them with "…" at 80 columns."""
from __future__ import annotations

from typer.testing import CliRunner

from fazhi.checks.registry import specs
from fazhi.cli import app


def _cells(out: str, first: str) -> str:
    """The text of the rows from the one whose first cell is `first` up to the next row, cells joined per column."""
    lines = out.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("│ " + first))
    block = [lines[start]]
    for ln in lines[start + 1:]:
        cells = ln.split("│")
        if len(cells) < 3 or cells[1].strip():
            break
        block.append(ln)
    columns = list(zip(*[ln.split("│")[1:-1] for ln in block]))
    return "|".join("".join(c.strip() for c in col).replace(" ", "") for col in columns)


def test_checks_table_wraps_at_80_columns() -> None:
    res = CliRunner().invoke(app, ["checks"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert max(len(ln) for ln in res.stdout.splitlines()) <= 80
    for spec in specs().values():  # every id whole, every name and description in full
        row = _cells(res.stdout, spec.id + " ").split("|")
        assert row[0] == spec.id and row[2] == spec.name.replace(" ", "")
        assert row[3] == spec.description.replace(" ", "")


def test_search_table_wraps(tmp_path) -> None:
    d = tmp_path / "r"
    d.mkdir()
    long_title = "某某自治县人民政府关于二〇二三年度法治政府建设工作情况和二〇二四年度工作安排的报告"
    (d / "a.txt").write_text(long_title + "\n2023年，全县共受理行政复议案件12件，全部依法办结，行政复议决定全部履行到位。\n",
                             "utf-8")
    db = str(tmp_path / "c.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(d), "--db", db, "-j", "1"]).exit_code == 0
    res = runner.invoke(app, ["search", "行政复议", "--db", db], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert max(len(ln) for ln in res.stdout.splitlines()) <= 80
    body = [ln.split("│") for ln in res.stdout.splitlines() if ln.startswith("│")]  # the one result's lines
    assert "".join(cells[1].strip() for cells in body) == long_title
