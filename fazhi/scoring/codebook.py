"""Codebooks: machine codes in the layout human coders use, and reading back what coders wrote.

One row per report, one column per rubric item holding the item's code (the share of its
points: 0, 0.5, 1 ...), each followed by an evidence column. The machine's codebook and
the coders' sheet share this layout, so a team can start from the machine's codes,
correct them, and hand the corrected sheet to `fazhi calibrate`. A template is the same
sheet with the codes left empty and a 说明 sheet listing every item and its codes.

Header of an item column: "<item id>｜<name>" (only the id before ｜ is read, so coders
may rename the rest); evidence columns "<item id>｜依据" are notes and never read back.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from ..export.frames import safe_cell
from ..record import Report
from .rubric import Rubric
from .score import score

SEP = "｜"
EVIDENCE = "依据"
REPORT_COL, SOURCE_COL, SHA_COL, UNIT_COL, YEAR_COL, TOTAL_COL = "报告", "来源", "sha256", "单位", "年度", "总分"
_REPORT_KEYS = {"报告", "文件", "文件名", "报告文件", "report", "file", "filename", "name"}
_SOURCE_KEYS = {"来源", "路径", "source", "path"}
_SHA_KEYS = {"sha256", "sha-256", "哈希"}
_TOTAL_KEYS = {"总分", "合计", "得分", "total", "score"}
_INFO_KEYS = {"单位", "年度", "unit", "year", "备注", "note", "notes", "编码员", "coder"}
_YES = {"是", "有", "√", "✓", "✔", "y", "yes", "true"}
_NO = {"否", "无", "×", "✗", "✘", "n", "no", "false"}


class CodingError(ValueError):
    """A coded sheet that cannot be read; the message says where, in Chinese."""


def item_header(item) -> str:
    return f"{item.id}{SEP}{item.name}"


def evidence_header(item) -> str:
    return f"{item.id}{SEP}{EVIDENCE}"


def columns(rubric: Rubric) -> list[str]:
    cols = [REPORT_COL, SOURCE_COL, SHA_COL, UNIT_COL, YEAR_COL, TOTAL_COL]
    for item in rubric.items:
        cols += [item_header(item), evidence_header(item)]
    return cols


def scored(report: Report, rubric: Rubric) -> dict[str, Any]:
    """The report's score under this rubric (the pipeline's if it used the same rubric)."""
    sc = report.score or {}
    if (sc.get("rubric") or {}).get("digest") == rubric.digest:
        return sc
    return score(report, rubric)


def _evidence_text(report: Report, entry: dict[str, Any], limit: int = 2) -> str:
    quotes = []
    for s, e in entry.get("evidence", [])[:limit]:
        q = re.sub(r"\s+", " ", report.text[s:e].strip())
        if len(q) > 60:
            q = q[:60] + "…"
        line = report.line_of(s)
        quotes.append((f"第{line}行：" if line else "") + q)
    text = entry.get("reason", "")
    if quotes:
        text += "。原文：" + "／".join(quotes)
    return text


def machine_rows(reports: Iterable[Report], rubric: Rubric) -> list[dict[str, Any]]:
    """One codebook row per report: identification, the total, each item's code and evidence."""
    rows = []
    for r in reports:
        sc = scored(r, rubric)
        md = r.metadata
        row: dict[str, Any] = {REPORT_COL: Path(r.document.source).name, SOURCE_COL: r.document.source,
                               SHA_COL: r.document.sha256, UNIT_COL: md.issuer or md.jurisdiction or "",
                               YEAR_COL: md.report_year, TOTAL_COL: sc.get("total")}
        entries = {iid: it for part in sc.get("parts", {}).values() for iid, it in part["items"].items()}
        for item in rubric.items:
            e = entries.get(item.id)
            row[item_header(item)] = e["code"] if e else None
            row[evidence_header(item)] = _evidence_text(r, e) if e else (sc.get("note") or "")
        rows.append(row)
    return rows


def template_rows(reports: Iterable[Report], rubric: Rubric) -> list[dict[str, Any]]:
    """Rows naming the reports, with every code and the total left for coders."""
    out = []
    for r in reports:
        md = r.metadata
        out.append({REPORT_COL: Path(r.document.source).name, SOURCE_COL: r.document.source,
                    SHA_COL: r.document.sha256, UNIT_COL: md.issuer or md.jurisdiction or "",
                    YEAR_COL: md.report_year})
    return out


def _codes_text(item) -> str:
    return "；".join(f"{_fmt(c)} = {m}" for c, m in item.code_meanings().items())


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def write(path: str | Path, rubric: Rubric, rows: list[dict[str, Any]]) -> Path:
    """Write a codebook (or template) as .xlsx or .csv, chosen by the file's extension."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        _write_csv(p, rubric, rows)
    elif suffix == ".xlsx":
        _write_xlsx(p, rubric, rows)
    else:
        raise CodingError(f"不支持的文件类型“{p.suffix or '（无扩展名）'}”：编码表请用 .xlsx 或 .csv")
    return p


def _write_csv(p: Path, rubric: Rubric, rows: list[dict[str, Any]]) -> None:
    cols = columns(rubric)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for row in rows:
        w.writerow(["" if row.get(c) is None else safe_cell(row.get(c)) for c in cols])
    p.write_text(buf.getvalue(), encoding="utf-8-sig")  # with BOM: Excel then opens it as UTF-8


def _write_xlsx(p: Path, rubric: Rubric, rows: list[dict[str, Any]]) -> None:
    import xlsxwriter

    cols = columns(rubric)
    wb = xlsxwriter.Workbook(str(p))
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    ev_head = wb.add_format({"bold": True, "bg_color": "#EDEDED", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top", "font_color": "#595959"})
    top = wb.add_format({"valign": "top"})
    ws = wb.add_worksheet("编码")
    for j, c in enumerate(cols):
        ws.write(0, j, c, ev_head if c.endswith(SEP + EVIDENCE) else head)
    for i, row in enumerate(rows, 1):
        for j, c in enumerate(cols):
            v = row.get(c)
            if v is None or v == "":
                continue
            fmt = wrap if c.endswith(SEP + EVIDENCE) else top
            if isinstance(v, str):  # never a formula: evidence quotes the report's own text
                ws.write_string(i, j, safe_cell(v), fmt)
            else:
                ws.write(i, j, v, fmt)
    widths = {REPORT_COL: 28, SOURCE_COL: 18, SHA_COL: 12, UNIT_COL: 18, YEAR_COL: 6, TOTAL_COL: 7}
    last = max(len(rows), 200)
    for j, c in enumerate(cols):
        if c.endswith(SEP + EVIDENCE):
            ws.set_column(j, j, 40)
        elif c in widths:
            ws.set_column(j, j, widths[c])
        else:
            ws.set_column(j, j, 10)
    for item in rubric.items:
        j = cols.index(item_header(item))
        codes = [_fmt(c) for c in item.codes()]
        ws.data_validation(1, j, last, j, {
            "validate": "list", "source": codes, "error_title": "编码不在可选范围内",
            "error_message": f"“{item.name}”可填：{'、'.join(codes)}（该项得分占分值的比例）", "error_type": "warning"})
    ws.data_validation(1, cols.index(TOTAL_COL), last, cols.index(TOTAL_COL), {
        "validate": "decimal", "criteria": ">=", "value": 0, "error_type": "warning",
        "error_message": "总分应是不小于 0 的数"})
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, max(len(rows), 1), len(cols) - 1)

    doc = wb.add_worksheet("说明")
    doc_cols = ["编号", "维度", "名称", "分值", "规则", "说明", "可填编码（得分占分值的比例）"]
    for j, c in enumerate(doc_cols):
        doc.write(0, j, c, head)
    dims = {d.id: d.name for d in rubric.dimensions}
    for i, item in enumerate(rubric.items, 1):
        for j, v in enumerate([item.id, dims[item.dimension], item.name, item.weight, item.rule, item.description,
                               _codes_text(item)]):
            doc.write(i, j, v, wrap if j in (5, 6) else top)
    n = len(rubric.items) + 2
    notes = [
        "填写方法：在“编码”表中每份报告一行，每个评分项填该项得分占分值的比例（只能填本表“可填编码”列出的值）；"
        "不能判断的留空。“总分”列可填编码员给出的总分，留空则按各项编码和分值计算。",
        "“报告”列填文件名，“sha256”列填文件的 SHA-256（二者有一即可，用于与机器评分对应）；“依据”列供记录理由，不参与计算。",
        "各列标题中“｜”之前的编号不可改动；之后的中文名称可以改。",
    ]
    for k, t in enumerate(notes):
        doc.write(n + k, 0, t)
    doc.set_column(0, 0, 22)
    doc.set_column(1, 2, 14)
    doc.set_column(3, 4, 10)
    doc.set_column(5, 6, 60)
    doc.freeze_panes(1, 0)

    meta = wb.add_worksheet("评分细则")
    for i, (k, v) in enumerate([("名称", rubric.name), ("版本", rubric.version), ("指纹", rubric.digest),
                                ("标题", rubric.title), ("满分", rubric.max), ("来源文件", rubric.source),
                                ("生成时间", datetime.now().isoformat(timespec="seconds"))]):
        meta.write(i, 0, k, head)
        meta.write(i, 1, v)
    meta.set_column(0, 0, 12)
    meta.set_column(1, 1, 60)
    wb.close()


# ------------------------------------------------------------------ reading coders' sheets

@dataclass
class CodedRow:
    row: int  # the row number as the coder sees it (header = 1)
    report: str | None
    source: str | None
    sha256: str | None
    total: float | None
    codes: dict[str, float]


@dataclass
class Coding:
    path: str
    rows: list[CodedRow]
    items: list[str]  # item ids that have a column
    notes: list[str] = field(default_factory=list)  # adjustments a researcher should know about


def _key(header: Any) -> str:
    h = str(header or "").strip()
    for sep in (SEP, "|"):
        if sep in h:
            return h.split(sep, 1)[0].strip()
    return h


def _is_evidence(header: Any) -> bool:
    h = str(header or "").strip()
    for sep in (SEP, "|"):
        if sep in h:
            return h.split(sep, 1)[1].strip() in (EVIDENCE, "evidence", "理由", "备注")
    return False


def _table(p: Path) -> list[list[Any]]:
    suffix = p.suffix.lower()
    if suffix == ".xlsx":
        try:
            import openpyxl

            wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        except Exception as e:
            raise CodingError(f"无法打开 Excel 文件 {p.name}：{e}") from e
        ws = wb["编码"] if "编码" in wb.sheetnames else wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    if suffix == ".csv":
        from ..read.text import DecodeError, decode

        data = p.read_bytes()
        if not data.strip():
            return []
        try:
            text, _enc = decode(data)
        except DecodeError as e:
            raise CodingError(f"无法识别 {p.name} 的文字编码：{e}") from e
        return [list(r) for r in csv.reader(io.StringIO(text.lstrip("\ufeff")))]
    raise CodingError(f"不支持的文件类型“{p.suffix or '（无扩展名）'}”：人工编码表请用 .xlsx 或 .csv")


def _number(v: Any) -> float | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip()
    if not s:
        return None
    if s.lower() in _YES:
        return 1.0
    if s.lower() in _NO:
        return 0.0
    if s.endswith("%"):
        return float(s[:-1]) / 100
    return float(s)


def read_coding(path: str | Path, rubric: Rubric) -> Coding:
    """Read a coders' sheet (.xlsx or .csv) against a rubric.

    Codes must be shares between 0 and 1; a share between the item's codes is taken to
    the nearest code and noted. Unknown columns are noted and ignored.
    """
    p = Path(path)
    if not p.is_file():
        raise CodingError(f"找不到人工编码文件：{p}")
    table = _table(p)
    while table and not any(v not in (None, "") for v in table[0]):
        table.pop(0)
    if not table:
        raise CodingError(f"{p.name} 是空表")
    header = table[0]
    ids = {i.id: i for i in rubric.items}
    by_name = {i.name: i for i in rubric.items}
    col: dict[str, int] = {}
    item_cols: dict[str, int] = {}
    notes: list[str] = []
    for j, h in enumerate(header):
        if h in (None, ""):
            continue
        if _is_evidence(h):
            continue
        k = _key(h)
        low = k.lower()
        if low in _REPORT_KEYS and "report" not in col:
            col["report"] = j
        elif low in _SOURCE_KEYS and "source" not in col:
            col["source"] = j
        elif low in _SHA_KEYS:
            col["sha256"] = j
        elif low in _TOTAL_KEYS:
            col["total"] = j
        elif k in ids or k in by_name:
            item = ids.get(k) or by_name[k]
            if item.id in item_cols:
                raise CodingError(f"{p.name}：评分项“{item.id}”有两列（第{item_cols[item.id] + 1}列和第{j + 1}列）")
            item_cols[item.id] = j
        elif low not in _INFO_KEYS:
            notes.append(f"第{j + 1}列“{h}”不是评分细则“{rubric.name}”的评分项，已忽略")
    if not ({"report", "sha256", "source"} & set(col)):
        raise CodingError(f"{p.name}：找不到标识报告的列（“{REPORT_COL}”填文件名，或“{SHA_COL}”）")
    if not item_cols and "total" not in col:
        raise CodingError(f"{p.name}：没有评分项列，也没有“{TOTAL_COL}”列；列标题应以评分项编号开头，如“{item_header(rubric.items[0])}”")
    errors: list[str] = []
    snapped: dict[str, int] = {}
    rows: list[CodedRow] = []
    for n, raw in enumerate(table[1:], 2):
        if not any(v not in (None, "") for v in raw):
            continue

        def cell(j: int | None, raw: list[Any] = raw) -> Any:
            return raw[j] if j is not None and j < len(raw) else None

        rep = cell(col.get("report"))
        src = cell(col.get("source"))
        sha = cell(col.get("sha256"))
        codes: dict[str, float] = {}
        for iid, j in item_cols.items():
            try:
                v = _number(cell(j))
            except ValueError:
                errors.append(f"第{n}行“{iid}”列的值“{cell(j)}”不是数")
                continue
            if v is None:
                continue
            if not 0 <= v <= 1:
                errors.append(f"第{n}行“{iid}”列的值 {v:g} 不在 0 到 1 之间：编码填该项得分占分值的比例"
                              f"（可填 {'、'.join(_fmt(c) for c in ids[iid].codes())}），不是得分")
                continue
            allowed = ids[iid].codes()
            near = min(allowed, key=lambda c: abs(c - v))
            if abs(near - v) > 1e-9:
                snapped[iid] = snapped.get(iid, 0) + 1
            codes[iid] = near
        try:
            total = _number(cell(col.get("total")))
        except ValueError:
            errors.append(f"第{n}行“{TOTAL_COL}”列的值“{cell(col.get('total'))}”不是数")
            total = None
        rows.append(CodedRow(n, str(rep).strip() if rep not in (None, "") else None,
                             str(src).strip() if src not in (None, "") else None,
                             str(sha).strip().lower() if sha not in (None, "") else None, total, codes))
        if len(errors) >= 20:
            break
    if errors:
        raise CodingError(f"{p.name} 有{len(errors)}处无法读取的编码：\n" + "\n".join(f"  - {e}" for e in errors))
    for iid, k in snapped.items():
        notes.append(f"“{iid}”有{k}个编码不在可选值中，已取最接近的可选值（{'、'.join(_fmt(c) for c in ids[iid].codes())}）")
    return Coding(str(p), rows, list(item_cols), notes)
