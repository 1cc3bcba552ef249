"""The draft of an annual report, built from a filled ledger: data sentences and prompts only.

The draft follows 规定 第二十五条: the year's measures and results, the shortcomings and
their causes, how the principal leaders performed their duty as first persons responsible
(as past performance), the next year's plan, other matters — in that order, under the
standard title. fazhi writes no narrative of its own: every sentence is either a figure
from the ledger (a count, a rate computed from its counts, a change against last year with
the right sign and precision) or a prompt 【请补充：…】 for what only the unit can write.
The 纲要 areas the ledger shows no work on are listed as a reminder, so nothing is forgotten
and nothing is invented.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import rates
from ..checks.drafting import NOTE_OPEN, PROMPT_OPEN
from ..data import load as load_data
from ..export.addressing import government_body
from ..scoring.coverage import choose_outline
from ..understand.indicators import taxonomy
from ..understand.numerals import format_cn_int
from .ledger import Ledger, LedgerError, Row, problems, rate_parts, spec


def prompt(text: str) -> str:
    return f"{PROMPT_OPEN}{text}】"


def issuer_name(unit: str, level: str) -> str:
    """The body that signs: a township's 人民政府, a street's 办事处; a department as named (the
    same rule the 审查意见 address units by)."""
    return government_body(unit, level)


def standard_title(issuer: str, year: int) -> str:
    return f"{issuer}关于{year}年度法治政府建设情况的报告"


@dataclass(frozen=True)
class Block:
    """One paragraph of the draft: `kind` decides its 公文 style (title, salutation, h1, h2, body,
    signature, date, note)."""

    kind: str
    text: str


@dataclass
class Draft:
    unit: str
    level: str
    year: int
    issuer: str
    title: str
    note: list[Block]
    body: list[Block]
    figures: list[tuple[str, float]]  # (indicator, value) of every data clause, for the drafter's check

    def text(self, with_note: bool = False) -> str:
        blocks = self.body + (self.note if with_note else [])
        return "\n".join(b.text for b in blocks) + "\n"


def _current(ledger: Ledger, row: Row) -> tuple[float | None, int | None]:
    """This year's value of a row and the decimals to print it with (None: the figure's own)."""
    e = ledger.entries.get(row.id)
    parts = rate_parts(row.id) if row.computed else None
    if parts:
        part, whole = ledger.value(parts[0]), ledger.value(parts[1])
        r = rates.rate(part, whole) if part is not None and whole is not None else None
        if r is not None:
            return r, rates.DEFAULT_DECIMALS
    if e is None or e.current is None:
        return None, None
    if row.is_rate:
        return e.current, rates.decimals(e.current_text) if e.current_text else rates.decimals(
            rates.format_number(e.current))
    return e.current, None


def _previous(ledger: Ledger, row: Row) -> float | None:
    e = ledger.entries.get(row.id)
    parts = rate_parts(row.id) if row.computed else None
    if parts:
        pe, we = ledger.entries.get(parts[0]), ledger.entries.get(parts[1])
        if pe and we and pe.previous is not None and we.previous is not None:
            return rates.rate(pe.previous, we.previous)
    return e.previous if e else None


def _clause(ledger: Ledger, row: Row, with_change: bool = True) -> tuple[str, float] | None:
    value, ndigits = _current(ledger, row)
    if value is None:
        return None
    phrase = row.alone if row.after and row.alone and ledger.value(row.after) is None else row.phrase
    if row.is_rate:
        ndigits = rates.DEFAULT_DECIMALS if ndigits is None else ndigits
        shown = rates.round_half_up(value, ndigits)
        text = phrase.format(n=rates.format_rate(value, ndigits))
    else:
        shown = value
        text = phrase.format(n=rates.format_number(value) + row.unit)
    prev = _previous(ledger, row) if with_change else None
    if prev is not None:
        if row.is_rate:
            prev = rates.round_half_up(prev, ndigits)
        text += "，" + rates.change_phrase(rates.change(shown, prev, row.is_rate), row.unit,
                                           ndigits=rates.DEFAULT_DECIMALS)
    return text, shown


def _group_sentence(ledger: Ledger, rows: list[Row]) -> tuple[str, list[tuple[str, float]]]:
    """The data sentence of one group: its filled rows in ledger order; the parts of a total that
    the taxonomy sums (清理 = 保留 + 修改 + 废止) follow it as “其中……”."""
    sums = {part: s["total"] for s in taxonomy().sums for part in s["parts"]}
    clauses: list[str] = []
    figures: list[tuple[str, float]] = []
    listed: set[str] = set()
    for row in rows:
        if row.id in listed:
            continue
        c = _clause(ledger, row)
        if c is None:
            continue
        text, shown = c
        figures.append((row.id, shown))
        parts = [r for r in rows if r.whole == row.id and sums.get(r.id) == row.id and ledger.value(r.id) is not None]
        if len(parts) >= 2:  # a breakdown; a single part reads as a figure of its own
            items = []
            for p in parts:
                pc = _clause(ledger, p, with_change=False)
                items.append(pc[0])
                figures.append((p.id, pc[1]))
                listed.add(p.id)
            text += "，其中" + "、".join(items)
        clauses.append(text)
    return ("全年" + "，".join(clauses) + "。") if clauses else "", figures


def _note(issuer: str, level: str, year: int) -> list[Block]:
    """The cover note: deadline and where to publish. Each line is a mark of its own, short enough
    for the bracket check, and found by the drafting check until the drafter deletes it."""
    deadline = [line.format(next=year + 1) for line in load_data("ledger.toml")["note"][level]]
    lines = ["正式报送前请删除本页",
             f"本稿由 fazhi 根据{issuer}{year}年度台账生成，数据句来自台账，比率和同比变化按台账数据计算",
             "标有“请补充”之处只能由本单位撰写，请逐一补充或删除，不要保留提示文字",
             *deadline,
             "完成后请运行“fazhi draft check 报告文件”做提交前检查"]
    return [Block("note", f"{NOTE_OPEN}：{line}】") for line in lines]


def compose(ledger: Ledger, unit: str | None = None, level: str | None = None, year: int | None = None) -> Draft:
    """The draft for one unit and year (arguments override the ledger's own 单位信息)."""
    unit = (unit or ledger.unit or "").strip()
    level = level or ledger.level
    year = year or ledger.year
    if not unit:
        raise LedgerError("未指定单位名称：请用 --unit 指定，或在台账“单位信息”表中填写")
    if not level:
        raise LedgerError("未指定层级：请用 --level 指定，或在台账“单位信息”表中填写")
    if not year:
        raise LedgerError("未指定报告年度：请用 --year 指定，或在台账“单位信息”表中填写")
    rows = spec().for_level(level)
    wrong = problems(ledger, level)
    if wrong:
        raise LedgerError("台账数据有误，请核实后再生成草稿：" + "；".join(wrong))
    issuer = issuer_name(unit, level)
    title = standard_title(issuer, year)
    body: list[Block] = [Block("title", title), Block("salutation", prompt("主送机关，如“××县委、××县人民政府”") + "：")]
    body.append(Block("body", f"根据《法治政府建设与责任落实督察工作规定》，现将{issuer}{year}年度法治政府建设情况报告如下。"))

    body.append(Block("h1", f"一、{year}年度推进法治政府建设的主要举措和成效"))
    figures: list[tuple[str, float]] = []
    reported_areas: set[str] = set()
    k = 0
    for g in spec().groups:
        sentence, figs = _group_sentence(ledger, [r for r in rows if r.group == g.id])
        if not sentence:
            continue
        k += 1
        reported_areas.add(g.area)
        figures += figs
        body.append(Block("h2", f"（{format_cn_int(k)}）{g.title}"))
        body.append(Block("body", prompt(g.prompt) + sentence))
    k += 1
    body.append(Block("h2", f"（{format_cn_int(k)}）其他方面的举措和成效"))
    outline, _ = choose_outline(year, None)
    missing = [a.name for a in outline.areas if a.counted and a.parent is None and a.id not in reported_areas]
    reminder = "本年度在其他方面的主要举措和成效"
    if missing:
        reminder += "；台账未显示以下方面的工作，如有请补充，没有请删除：" + "、".join(missing)
    body.append(Block("body", prompt(reminder)))

    body.append(Block("h1", f"二、{year}年度推进法治政府建设存在的不足和原因"))
    body.append(Block("h2", "（一）存在的不足"))
    body.append(Block("body", prompt("本年度推进法治政府建设存在的主要不足，写明哪项工作、差距在哪里，尽量用数据和事例说明")))
    body.append(Block("h2", "（二）原因分析"))
    body.append(Block("body", prompt("上述不足的主要原因")))

    leader = "本单位主要负责人" if level == "department" else "党政主要负责人"
    body.append(Block("h1", f"三、{year}年度{leader}履行推进法治建设第一责任人职责情况"))
    body.append(Block("body", prompt(f"{year}年{leader}履行推进法治建设第一责任人职责的具体情况（如主持研究法治建设重要事项、"
                                     "带头学法、年终述法），写已经做了的事，不写计划")))

    body.append(Block("h1", f"四、{year + 1}年推进法治政府建设的工作安排"))
    body.append(Block("body", prompt(f"{year + 1}年的主要工作安排，写明具体任务、措施和完成时限")))
    body.append(Block("h1", "五、其他需要报告的情况"))
    body.append(Block("body", prompt("其他需要报告的情况；没有的写“无”")))
    body.append(Block("signature", issuer))
    body.append(Block("date", prompt(f"成文日期，如{year + 1}年2月20日")))
    return Draft(unit, level, year, issuer, title, _note(issuer, level, year), body, figures)
