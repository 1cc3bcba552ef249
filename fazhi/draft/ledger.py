"""The drafter's ledger (台账): the figures a unit keeps through the year, as an Excel sheet.

A drafter re-types figures from their ledger into the report by hand and computes rates
and changes on a calculator; that is where the errors the reviewers find come from. The
template lists exactly the indicators that apply to the unit's level (fazhi/data/ledger.toml
over the taxonomy in fazhi/data/indicators.toml), with Excel data validation that refuses
text, rates outside 0–100 and a part larger than its whole, and last year's column filled
from the corpus when it holds the unit's previous report (with the quote it came from).
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..data import load as load_data
from ..data.labels import LEVEL_ZH
from ..understand.indicators import taxonomy

LEVELS = ("province", "city", "county", "district", "township", "street", "department")
SHEET = "台账"
INFO_SHEET = "单位信息"
HEADER = ["序号", "指标编号", "指标", "单位", "本年度", "上年度", "上年度数据出处", "口径说明", "示例", "所属方面"]
COL = {name: i for i, name in enumerate(HEADER)}
FIRST_ROW = 3  # 0-based row index of the first indicator (title, header above it)


class LedgerError(ValueError):
    """A ledger file that cannot be used; the message is Chinese, for the drafter."""


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    area: str
    prompt: str


@dataclass(frozen=True)
class Row:
    id: str
    group: str
    levels: tuple[str, ...]
    unit: str
    definition: str
    example: str
    phrase: str
    name: str
    whole: str | None = None
    computed: bool = False
    after: str | None = None  # the row whose clause this phrase reads after
    alone: str | None = None  # the phrase when that row is not filled

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True)
class Spec:
    groups: tuple[Group, ...]
    rows: tuple[Row, ...]

    def for_level(self, level: str) -> list[Row]:
        if level not in LEVELS:
            raise LedgerError(f"未知的层级“{level}”，可选：{'、'.join(LEVELS)}")
        return [r for r in self.rows if level in r.levels]

    def row(self, indicator: str) -> Row | None:
        return next((r for r in self.rows if r.id == indicator), None)


@lru_cache(maxsize=1)
def spec() -> Spec:
    data = load_data("ledger.toml")
    names = taxonomy().names
    groups = tuple(Group(g["id"], g["title"], g["area"], g["prompt"]) for g in data["group"])
    known = {g.id for g in groups}
    rows = []
    for r in data["row"]:
        if r["id"] not in names or r["group"] not in known:
            raise KeyError(f"ledger.toml: unknown indicator or group in {r['id']!r}")
        rows.append(Row(r["id"], r["group"], tuple(r["levels"]), r["unit"], r["definition"], r["example"],
                        r["phrase"], names[r["id"]], r.get("whole"), bool(r.get("computed", False)),
                        r.get("after"), r.get("alone")))
    return Spec(groups, tuple(rows))


def rate_parts(indicator: str) -> tuple[str, str] | None:
    """(part, whole) of a rate the taxonomy relates to two counts."""
    for rel in taxonomy().rates:
        if rel["rate"] == indicator:
            return rel["part"], rel["whole"]
    return None


@dataclass
class Entry:
    """One indicator's figures in a filled ledger."""

    indicator: str
    current: float | None = None
    previous: float | None = None
    previous_source: str | None = None
    current_text: str | None = None  # as typed, to keep the precision the drafter gave


@dataclass
class Ledger:
    unit: str | None
    level: str | None
    year: int | None
    entries: dict[str, Entry] = field(default_factory=dict)

    def value(self, indicator: str) -> float | None:
        e = self.entries.get(indicator)
        return e.current if e else None


def problems(ledger: Ledger, level: str) -> list[str]:
    """What the template's validation would have refused, in Chinese: a part above its whole,
    a rate above 100, parts that do not add up to their total (清理 = 保留 + 修改 + 废止)."""
    out: list[str] = []
    rows = {r.id: r for r in spec().for_level(level)}
    for r in rows.values():
        v = ledger.value(r.id)
        if v is None:
            continue
        if r.is_rate and v > 100:
            out.append(f"“{r.name}”为{v:g}%，超过100%")
        w = ledger.value(r.whole) if r.whole else None
        if w is not None and v > w:
            out.append(f"“{r.name}”{v:g}{r.unit}大于“{rows[r.whole].name}”{w:g}{rows[r.whole].unit}")
    for s in taxonomy().sums:
        total = ledger.value(s["total"])
        parts = [ledger.value(p) for p in s["parts"] if p in rows]
        if total is None or not parts or any(p is None for p in parts):
            continue
        if abs(sum(parts) - total) > 1e-9:
            names = "、".join(rows[p].name for p in s["parts"] if p in rows)
            out.append(f"“{rows[s['total']].name}”{total:g}不等于{names}之和{sum(parts):g}")
    return out


def previous_figures(db: "str | os.PathLike[str]", unit: str, year: int) -> dict[str, tuple[float, str]]:
    """The unit's figures of `year` - 1 in a corpus: indicator → (value, quote).

    Only an indicator stated once (or always with the same value) is taken: where last year's
    report gives two different figures for it, which one the ledger means is unclear."""
    from ..corpus import Corpus

    with Corpus(db, read_only=True) as corpus:
        return figures_of(corpus, unit, year)


def figures_of(corpus, unit: str, year: int) -> dict[str, tuple[float, str]]:
    """previous_figures over an open corpus (the web workspace holds one)."""
    df = corpus.figures(unit=unit, year=year - 1, doc_type="report")
    out: dict[str, tuple[float, str]] = {}
    seen: dict[str, set[float]] = {}
    for rec in df.to_dict("records"):
        ind, value = rec.get("indicator"), rec.get("value")
        if not isinstance(ind, str) or rec.get("kind") == "change" or value is None:
            continue
        if rec.get("value_high") is not None and not (isinstance(rec["value_high"], float)
                                                      and math.isnan(rec["value_high"])):
            continue
        seen.setdefault(ind, set()).add(float(value))
        out.setdefault(ind, (float(value), str(rec.get("quote") or "")))
    return {k: v for k, v in out.items() if len(seen[k]) == 1}


def write_template(path: "str | os.PathLike[str]", level: str, unit: str | None = None, year: int | None = None,
                   previous: dict[str, tuple[float, str]] | None = None) -> Path:
    """Write the ledger template for one level; `previous` fills last year's column."""
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    rows = spec().for_level(level)
    previous = previous or {}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    title_f = wb.add_format({"bold": True, "font_size": 14})
    head_f = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"})
    cell_f = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    input_f = wb.add_format({"border": 1, "bg_color": "#FFF2CC", "num_format": "General"})
    calc_f = wb.add_format({"border": 1, "bg_color": "#E2EFDA", "num_format": "0.0"})
    ws = wb.add_worksheet(SHEET)
    ws.write(0, 0, f"法治政府建设年度台账（{LEVEL_ZH.get(level, level)}）：黄色格填写本年度和上年度数据，绿色格自动计算；"
                   "没有该项工作的留空", title_f)
    for c, name in enumerate(HEADER):
        ws.write(FIRST_ROW - 1, c, name, head_f)
    ws.set_row(FIRST_ROW - 1, 30)
    for c, width in enumerate((5, 26, 22, 6, 10, 10, 30, 40, 28, 22)):
        ws.set_column(c, c, width)
    where = {r.id: FIRST_ROW + i for i, r in enumerate(rows)}
    groups = {g.id: g.title for g in spec().groups}
    for i, r in enumerate(rows):
        y = FIRST_ROW + i
        prev = previous.get(r.id)
        ws.write_number(y, COL["序号"], i + 1, cell_f)
        ws.write_string(y, COL["指标编号"], r.id, cell_f)
        ws.write_string(y, COL["指标"], r.name, cell_f)
        ws.write_string(y, COL["单位"], r.unit, cell_f)
        ws.write_string(y, COL["口径说明"], r.definition, cell_f)
        ws.write_string(y, COL["示例"], r.example, cell_f)
        ws.write_string(y, COL["所属方面"], groups[r.group], cell_f)
        ws.write_string(y, COL["上年度数据出处"], f"上年度报告：“{prev[1]}”" if prev and prev[1] else "", cell_f)
        parts = rate_parts(r.id) if r.computed else None
        for col in ("本年度", "上年度"):
            x = COL[col]
            if parts and parts[0] in where and parts[1] in where:
                p = xl_rowcol_to_cell(where[parts[0]], x)
                w = xl_rowcol_to_cell(where[parts[1]], x)
                ws.write_formula(y, x, f'=IF(AND(ISNUMBER({p}),ISNUMBER({w}),{w}>0),ROUND({p}/{w}*100,1),"")', calc_f)
                continue
            if col == "上年度" and prev:
                ws.write_number(y, x, prev[0], input_f)
            else:
                ws.write_blank(y, x, None, input_f)
            me = xl_rowcol_to_cell(y, x)
            if r.is_rate:
                ws.data_validation(y, x, y, x, {"validate": "decimal", "criteria": "between", "minimum": 0,
                                                 "maximum": 100, "error_title": "比率有误",
                                                 "error_message": "比率请填写0到100之间的数字（不带%号）"})
            elif r.whole and r.whole in where:
                whole = xl_rowcol_to_cell(where[r.whole], x)
                ws.data_validation(y, x, y, x, {
                    "validate": "custom", "value": f"=AND(ISNUMBER({me}),{me}>=0,OR(NOT(ISNUMBER({whole})),{me}<={whole}))",
                    "error_title": "数据有误",
                    "error_message": f"请填写不小于0的数字，且不能大于“{spec().row(r.whole).name}”"})
            else:
                ws.data_validation(y, x, y, x, {"validate": "decimal", "criteria": ">=", "value": 0,
                                                 "error_title": "数据有误", "error_message": "请填写不小于0的数字"})
    ws.freeze_panes(FIRST_ROW, 3)
    info = wb.add_worksheet(INFO_SHEET)
    info.set_column(0, 0, 12)
    info.set_column(1, 1, 36)
    for y, (k, v) in enumerate((("单位名称", unit or ""), ("层级", level), ("报告年度", year or ""))):
        info.write(y, 0, k, head_f)
        info.write(y, 1, v, input_f)
    wb.close()
    return path


def _number(v: Any, where: str) -> tuple[float | None, str | None]:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None, None
    if isinstance(v, bool):
        raise LedgerError(f"{where}不是数字：{v}")
    if isinstance(v, (int, float)):
        if not math.isfinite(float(v)) or v < 0:
            raise LedgerError(f"{where}应为不小于0的数字：{v}")
        return float(v), None
    s = str(v).strip().replace(",", "").replace("，", "").rstrip("%％")
    try:
        x = float(s)
    except ValueError:
        raise LedgerError(f"{where}不是数字：“{v}”") from None
    if not math.isfinite(x) or x < 0:
        raise LedgerError(f"{where}应为不小于0的数字：“{v}”")
    return x, s


def read_ledger(path: "str | os.PathLike[str]") -> Ledger:
    """Read a filled ledger; raises LedgerError (Chinese) on a file that is not one."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(str(path), data_only=True, read_only=True)
    except Exception as e:
        raise LedgerError(f"无法打开台账文件 {Path(path).name}：{type(e).__name__}") from None
    if SHEET not in wb.sheetnames:
        raise LedgerError(f"{Path(path).name} 不是 fazhi 台账：缺少“{SHEET}”工作表（请用 fazhi draft template 生成）")
    info: dict[str, Any] = {}
    if INFO_SHEET in wb.sheetnames:
        for row in wb[INFO_SHEET].iter_rows(values_only=True):
            if row and row[0]:
                info[str(row[0]).strip()] = row[1] if len(row) > 1 else None
    rows = list(wb[SHEET].iter_rows(values_only=True))
    wb.close()
    if len(rows) < FIRST_ROW or list(rows[FIRST_ROW - 1][:len(HEADER)]) != HEADER:
        raise LedgerError(f"{Path(path).name} 的“{SHEET}”表头已被改动，无法识别各列")
    year = info.get("报告年度")
    try:
        year = int(year) if year not in (None, "") else None
    except (TypeError, ValueError):
        raise LedgerError(f"单位信息中的报告年度不是年份：{year}") from None
    ledger = Ledger(unit=(str(info["单位名称"]).strip() or None) if info.get("单位名称") else None,
                    level=(str(info["层级"]).strip() or None) if info.get("层级") else None, year=year)
    known = {r.id for r in spec().rows}
    for n, row in enumerate(rows[FIRST_ROW:], start=FIRST_ROW + 1):
        ind = row[COL["指标编号"]] if len(row) > COL["指标编号"] else None
        if not ind:
            continue
        ind = str(ind).strip()
        if ind not in known:
            raise LedgerError(f"第{n}行的指标编号“{ind}”不在台账指标中")
        label = row[COL["指标"]]
        cur, cur_text = _number(row[COL["本年度"]], f"第{n}行“{label}”的本年度数据")
        prev, _ = _number(row[COL["上年度"]], f"第{n}行“{label}”的上年度数据")
        src = row[COL["上年度数据出处"]] if len(row) > COL["上年度数据出处"] else None
        ledger.entries[ind] = Entry(ind, cur, prev, str(src) if src else None, cur_text)
    return ledger
