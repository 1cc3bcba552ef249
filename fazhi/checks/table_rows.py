"""Tables written as text: a header line of column names, then rows of numbers under it.

Reports pasted from Word or typed by hand give their tables as lines of cells apart by
spaces or bars:

    项目        收到申请   受理   审结   结案率
    数量（件）  612        574    551    96.0%

The numbers of such a row carry no measure word and no cue beside them, so they are not
figures of the sentence kind, and the rate at the row's end would go unchecked. This
module pairs each number with the column name above it (counted from the right, since the
row may lack the header's first, naming cell) and relates a rate column "X率" to the
column holding X and to the columns before it, by the same stems and exclusions as the
sentence relations (fazhi/data/arithmetic.toml). The arithmetic checks judge the result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..record import Report
from ..understand.page import iter_lines
from .relations import lex

# cells are apart by a bar or by runs of spaces (a CJK word holds none)
_SPLIT = re.compile(r"\s*[|｜]\s*|\s+")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(%?)")
_NAME = re.compile(r"[\u4e00-\u9fff()（）]{1,14}")
_RATE_CELLS = re.compile(r"\d[ \t\u3000|｜]+\d+(?:\.\d+)?%")
# punctuation that only prose has: a line holding it is no row of a table
_PROSE = re.compile(r"[,，。;；:：、]")
# a column of what was refused or is still open is no base of a rate
_NEGATED = re.compile(r"不予|未|尚未|不")


@dataclass
class Cell:
    header: str
    value: float
    start: int
    end: int
    percent: bool


@dataclass
class RowRate:
    """A rate cell, the count cell it is named after, and the cells that may be its base."""

    rate: Cell
    part: Cell
    bases: list[Cell] = field(default_factory=list)
    carried: float = 0.0


def _cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    out, pos = [], 0
    for m in _SPLIT.finditer(line + " "):
        if m.start() > pos:
            out.append((line[pos:m.start()], offset + pos, offset + m.start()))
        pos = m.end()
    return out


def _header(cells: list[tuple[str, int, int]]) -> list[str] | None:
    names = [c[0] for c in cells]
    if len(names) < 3 or not all(_NAME.fullmatch(n) for n in names):
        return None
    return names


def _row(cells: list[tuple[str, int, int]]) -> list[Cell] | None:
    """The numeric cells of a data row (its first cell may name the row)."""
    body = cells[1:] if cells and not _NUMBER.fullmatch(cells[0][0]) else cells
    out = []
    for text, a, b in body:
        m = _NUMBER.fullmatch(text)
        if m is None:
            return None
        out.append(Cell("", float(m.group(1)), a, b, bool(m.group(2))))
    return out if len(out) >= 2 else None


def rows(report: Report) -> list[list[Cell]]:
    """Each data row of each text table of the body, its cells named by their column."""
    store = report.__dict__.setdefault("_relations_cache", {})
    if "table_rows" not in store:
        store["table_rows"] = _rows(report)
    return store["table_rows"]


def _rows(report: Report) -> list[list[Cell]]:
    work = report.work
    # a table of rates has a row where a number is followed, past spaces only, by a percentage
    if "率" not in work or not _RATE_CELLS.search(work, report.body_start, report.body_end):
        return []
    out: list[list[Cell]] = []
    header: list[str] | None = None
    for ls, _le, line in iter_lines(work):
        if ls < report.body_start or ls >= report.body_end:
            continue
        stripped = line.strip()
        if not stripped:
            header = None
            continue
        if _PROSE.search(stripped):
            header = None  # a sentence, not a row of cells
            continue
        lead = len(line) - len(line.lstrip())
        cells = _cells(stripped, ls + lead)
        if header is not None:
            row = _row(cells)
            if row is not None and len(row) <= len(header):
                for c, name in zip(row, header[len(header) - len(row):]):
                    c.header = name
                out.append(row)
                continue
        header = _header(cells) if len(stripped) <= 120 else None
    return out


def row_rates(report: Report) -> list[RowRate]:
    """Each rate cell named "X率" with the cell of X before it and its candidate bases."""
    lx = lex()
    out = []
    for row in rows(report):
        for i, r in enumerate(row):
            if not r.percent or not r.header.endswith("率"):
                continue
            head = r.header[:-1]
            stem = next(((s, p) for s, p in lx.stems if head.endswith(s)), None)
            if stem is None:
                continue
            pat = stem[1]
            part_i = next((j for j in range(i - 1, -1, -1) if not row[j].percent and pat.search(row[j].header)
                           and not lx.due.search(row[j].header)), None)
            if part_i is None:
                continue
            link = RowRate(r, row[part_i])
            for c in row[:part_i]:
                if c.percent:
                    continue
                if lx.carried.search(c.header):
                    link.carried += c.value
                elif not (_NEGATED.search(c.header) or lx.not_base.search(c.header)
                          or (pat.search(c.header) and not lx.due.search(c.header))):
                    link.bases.append(c)
            if link.bases:
                out.append(link)
    return out
