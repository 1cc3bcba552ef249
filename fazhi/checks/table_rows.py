"""Tables written as text: a header line of column names, then rows of numbers under it.

Reports pasted from Word or typed by hand give their tables as lines of cells apart by
spaces or bars (a page turned into text may keep a Markdown rule |---|---| under the header):

    项目        收到申请   受理   审结   结案率
    数量（件）  612        574    551    96.0%

A table copied out of Word often comes one cell per line instead (社区 / 受理 / 调解成功 /
成功率 / 湘春社区 / 46 / 45 / 97.8% …): such a run of one-cell lines is read as the same rows
when its cells tile into them exactly.

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
from functools import lru_cache

from ..data import load as load_data
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
# the rule under a table's header in Markdown (|---|:---:|): neither a row nor the end of the table
_RULE = re.compile(r"[|｜]?(?:\s*:?-{3,}:?\s*[|｜])+\s*:?-*:?\s*")


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
    if "率" not in work:
        return []
    out = _cell_lines(report) if _LONE_RATE.search(work, report.body_start, report.body_end) else []
    # a table of rates has a row where a number is followed, past spaces only, by a percentage
    if not _RATE_CELLS.search(work, report.body_start, report.body_end):
        return out
    header: list[str] | None = None
    for ls, _le, line in iter_lines(work):
        if ls < report.body_start or ls >= report.body_end:
            continue
        stripped = line.strip()
        if not stripped:
            header = None
            continue
        if header is not None and _RULE.fullmatch(stripped):
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


# a percentage alone on its line: a table pasted one cell per line
_LONE_RATE = re.compile(r"\n[ \t\u3000]*\d+(?:\.\d+)?%[ \t\u3000]*(?=\n)")
_CELL_MAX = 16


def _cell_lines(report: Report) -> list[list[Cell]]:
    """Rows of a table pasted one cell per line (a Word table copied into a page often comes
    out so): a run of one-cell lines whose names before the first number are the column
    names, then the rows, each a naming cell and one number per remaining column (or numbers
    only). The run is read as a table only when its cells tile into such rows exactly."""
    work = report.work
    runs: list[list[tuple[str, int, int]]] = []
    run: list[tuple[str, int, int]] = []
    for ls, le, line in iter_lines(work):
        core = line.strip()
        single = (report.body_start <= ls < report.body_end and core and len(core) <= _CELL_MAX
                  and not _PROSE.search(core) and len(_cells(core, 0)) == 1)
        if single:
            lead = len(line) - len(line.lstrip())
            run.append((core, ls + lead, ls + lead + len(core)))
            continue
        if len(run) >= 6:
            runs.append(run)
        run = []
    if len(run) >= 6:
        runs.append(run)
    out: list[list[Cell]] = []
    for whole in runs:
        out.extend(_tile(whole))
    return out


def _tile(run: list[tuple[str, int, int]]) -> list[list[Cell]]:
    """The rows of one run of one-cell lines, if they tile; a heading or caption line that
    stands right before the column names is skipped."""
    first = next((i for i, c in enumerate(run) if _NUMBER.fullmatch(c[0])), None)
    if first is None or not all(_NAME.fullmatch(c[0]) for c in run[:first]):
        return []
    for skip in range(0, max(1, first - 2)):
        out = _tile_from(run[skip:], first - skip)
        if out:
            return out
    return []


def _tile_from(run: list[tuple[str, int, int]], first: int) -> list[list[Cell]]:
    """Rows of `run` whose column names are its cells before index `first` (the first number):
    with a naming cell in each row (a row label) or, failing that, numbers only."""
    for labelled in (True, False):
        width = first - 1 if labelled else first
        cells = run[width:]
        if width < (3 if labelled else 2) or len(cells) % width:
            continue
        skip = 1 if labelled else 0
        chunks = [cells[k:k + width] for k in range(0, len(cells), width)]
        if not all(bool(_NAME.fullmatch(ch[0][0])) == labelled
                   and all(_NUMBER.fullmatch(c[0]) for c in ch[skip:]) for ch in chunks):
            continue
        header = [c[0] for c in run[skip:width]]
        return [[Cell(name, float(m.group(1)), a, b, bool(m.group(2)))
                 for (text, a, b), name in zip(ch[skip:], header) if (m := _NUMBER.fullmatch(text))]
                for ch in chunks]
    return []


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


@dataclass
class ChangeRow:
    """A row of a two-period table: this period's figure, the other's, and the stated change."""

    label: str
    current: Cell
    previous: Cell
    change: Cell
    signed: bool


_SIGNED = re.compile(r"([+\-＋－−]?)(\d+(?:\.\d+)?)")


@lru_cache(maxsize=1)
def _change_lex() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    d = load_data("arithmetic.toml")["table_change"]
    return re.compile(d["period"]), re.compile(d["current"]), re.compile(d["change"])


def change_rows(report: Report) -> list[ChangeRow]:
    """Rows of tables whose header names two periods and then their change (项目 2017年 2016年
    增减): a naming cell, then one number per column, the change perhaps signed."""
    work = report.work
    period, current, change = _change_lex()
    if not change.search(work, report.body_start, report.body_end):
        return []
    out: list[ChangeRow] = []
    cols: tuple[int, int, int, str, str, str] | None = None  # (current, previous, change) indexes, names
    width = 0
    for ls, _le, line in iter_lines(work):
        if ls < report.body_start or ls >= report.body_end:
            continue
        stripped = line.strip()
        if not stripped or _PROSE.search(stripped):
            cols = None
            continue
        lead = len(line) - len(line.lstrip())
        cells = _cells(stripped, ls + lead)
        if cols is not None and len(cells) == width and not _SIGNED.fullmatch(cells[0][0]):
            nums = [_SIGNED.fullmatch(c[0]) for c in cells[1:]]
            if all(nums):
                def cell(k: int, name: str) -> Cell:
                    m = nums[k - 1]
                    v = float(m.group(2)) * (-1 if m.group(1) in ("-", "－", "−") else 1)
                    return Cell(name, v, cells[k][1], cells[k][2], False)
                ci, pi, di, cn, pn, dn = cols
                out.append(ChangeRow(cells[0][0], cell(ci, cn), cell(pi, pn), cell(di, dn),
                                     bool(nums[di - 1].group(1))))
                continue
        cols, width = _change_header([c[0] for c in cells], period, current, change), len(cells)
    return out


def _change_header(names: list[str], period: re.Pattern[str], current: re.Pattern[str],
                   change: re.Pattern[str]) -> tuple[int, int, int, str, str, str] | None:
    """The indexes of this period's, the other period's and the change's columns, when the
    header names exactly two periods followed by a change column."""
    if len(names) < 4:
        return None
    periods = [i for i, n in enumerate(names) if i and period.fullmatch(n)]
    changes = [i for i, n in enumerate(names) if i and change.fullmatch(n)]
    if len(periods) != 2 or not changes or changes[0] < periods[1]:
        return None
    a, b = periods
    years = [re.match(r"\d{4}", names[i]) for i in (a, b)]
    if all(years):
        cur = a if int(years[0].group()) > int(years[1].group()) else b
    elif current.match(names[a]) or current.match(names[b]):
        cur = a if current.match(names[a]) else b
    else:
        return None
    prev = b if cur == a else a
    d = changes[0]
    return cur, prev, d, names[cur], names[prev], names[d]
