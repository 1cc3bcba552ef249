"""The drafter's side: the ledger template, the draft built from it, and the check before it goes up.

The round trip is the test that matters: fill the template with figures taken from the
example report of each level, write the draft, replace every prompt with text of our own,
and analyse the finished DOCX: all five required contents, no arithmetic finding, and every
ledger figure found again with its indicator id.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

import fazhi
from fazhi import rates
from fazhi.batch.ingest import ingest
from fazhi.checks.drafting import PROMPT_RE
from fazhi.cli import app
from fazhi.draft import LedgerError, compose, read_ledger, spec, write_docx, write_template
from fazhi.draft.ledger import COL, FIRST_ROW, SHEET, Entry, Ledger
from fazhi.understand.indicators import taxonomy

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BY_LEVEL = {
    "province": ("province_sichuan_2022.txt", "四川省", 2022),
    "city": ("city_mianyang_2023.txt", "绵阳市", 2023),
    "county": ("county_santai_2020.txt", "三台县", 2020),
    "district": ("district_wuhou_2023.txt", "武侯区", 2023),
    "township": ("township_luxi_2022.txt", "芦溪镇", 2022),
    "street": ("street_yulin_2023.txt", "玉林街道", 2023),
    "department": ("dept_santai_market_2023.txt", "三台县市场监督管理局", 2023),
}
ARITHMETIC = {"rate_consistency", "sum_consistency", "count_order"}
CONTENTS = ("measures", "shortcomings", "causes", "first_responsibility", "next_year_plan")

# What a unit writes in place of each prompt, by the words the prompt starts with (our own text).
OWN_WORDS = [
    ("主送机关", "县委、县人民政府"),
    ("本年度在深化", "深化“放管服”改革，推行“一网通办”，企业开办时间压缩至1个工作日。"),
    ("本年度在规范性文件", "严格执行规范性文件合法性审核机制，未经审核的文件一律不得印发。"),
    ("本年度在重大行政决策", "严格落实重大行政决策程序规定，重大决策事前均听取法律顾问意见。"),
    ("本年度在执法队伍", "全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度。"),
    ("本年度在政务公开", "及时公开预决算和重点领域信息，建议提案均按期答复。"),
    ("本年度在行政复议", "畅通复议渠道，健全矛盾纠纷多元化解机制，做到小事不出村、大事不出镇。"),
    ("本年度在领导干部学法", "坚持常务会议会前学法制度，开展“八五”普法中期评估。"),
    ("本年度在其他方面", "推进应急管理法治化，修订突发事件总体应急预案。"),
    ("本年度推进法治政府建设存在", "一是基层执法力量不足，部分执法人员未取得执法证件；二是规范性文件清理不够及时。"),
    ("上述不足的主要原因", "主要原因是执法人员培训针对性不强，部门之间协调机制不够健全。"),
    ("党政主要负责人", "主要负责人全年主持召开专题会议3次研究法治建设，带头在年终述法。"),
    ("本单位主要负责人", "局长全年主持召开党组会议3次研究法治建设，带头在年终述法。"),
    ("的主要工作安排", "一是开展执法人员轮训；二是完成规范性文件全面清理；三是推进复议应诉规范化建设。"),
    ("其他需要报告的情况", "无。"),
    ("成文日期", "2月20日"),
]


def _own(prompt: str) -> str:
    body = prompt[len("【请补充："):]
    for lead, words in OWN_WORDS:
        if lead in body:
            return words
    raise AssertionError(f"no text of our own for the prompt {prompt}")


def _example_values(name: str, level: str) -> dict[str, float]:
    """Counts and rates the example states once per indicator, for the rows of this level; a part
    above its whole is left out, as the template's validation refuses it."""
    report = fazhi.analyze(str(EXAMPLES / name))
    seen: dict[str, set[float]] = {}
    for f in report.figures:
        if f.indicator and f.kind in ("count", "rate") and not f.approx and f.value_high is None:
            seen.setdefault(f.indicator, set()).add(f.value)
    rows = {r.id: r for r in spec().for_level(level)}
    values = {k: next(iter(v)) for k, v in seen.items() if k in rows and len(v) == 1 and not rows[k].computed}
    for k, r in rows.items():
        if k in values and r.whole and values.get(r.whole) is not None and values[k] > values[r.whole]:
            del values[k]
    for s in taxonomy().sums:  # a total whose listed parts do not add up is kept without them
        parts = [p for p in s["parts"] if p in values]
        if s["total"] in values and parts and sum(values[p] for p in parts) != values[s["total"]]:
            for p in parts:
                del values[p]
    return values


def _fill(path: Path, current: dict[str, float], previous: dict[str, float] | None = None) -> None:
    wb = load_workbook(path)
    ws = wb[SHEET]
    for row in ws.iter_rows(min_row=FIRST_ROW + 1):
        ind = row[COL["指标编号"]].value
        if ind in current:
            row[COL["本年度"]].value = current[ind]
        if previous and ind in previous:
            row[COL["上年度"]].value = previous[ind]
    wb.save(path)


def _finish(draft_docx: Path, out: Path) -> None:
    """Replace every prompt by our own words and delete the cover note, as a drafter would."""
    doc = Document(str(draft_docx))
    for p in list(doc.paragraphs):
        if p.text.startswith("【起草说明"):
            p._element.getparent().remove(p._element)
            continue
        for run in p.runs:
            if PROMPT_RE.search(run.text):
                run.text = PROMPT_RE.sub(lambda m: _own(m.group()), run.text)
                run.font.highlight_color = None
    doc.save(str(out))


def _accepts(indicator: str | None, row_id: str) -> bool:
    """The figure reads as the ledger row's indicator; a lone part the taxonomy reads as its total
    (主动公开 stated alone is the document's disclosure total, indicators.toml `part_only`) counts."""
    return indicator == row_id or taxonomy().part_only.get(row_id) == indicator


@pytest.mark.parametrize("level", list(BY_LEVEL))
def test_round_trip_from_an_example_of_each_level(level: str, tmp_path: Path) -> None:
    name, unit, year = BY_LEVEL[level]
    values = _example_values(name, level)
    assert len(values) >= 3, f"the {level} example gives too few figures to fill a ledger: {values}"
    previous = {k: math.floor(v * 0.9) for k, v in values.items() if spec().row(k).unit != "%"}
    ledger_path = write_template(tmp_path / "台账.xlsx", level, unit=unit, year=year)
    _fill(ledger_path, values, previous)
    draft = compose(read_ledger(ledger_path))
    assert draft.title == f"{draft.issuer}关于{year}年度法治政府建设情况的报告"
    draft_path = write_docx(draft, tmp_path / "草稿.docx")
    unfinished = fazhi.analyze(str(draft_path))
    assert any(f.check == "draft_prompt" and f.severity == "error" for f in unfinished.findings)

    done = tmp_path / "报告.docx"
    _finish(draft_path, done)
    report = fazhi.analyze(str(done))
    md = report.metadata
    assert md.report_year == year and md.level == level
    for key in CONTENTS:
        assert report.required_contents[key].present, f"{level}: {key} not found in the finished draft"
    assert not [f.message for f in report.findings if f.check in ARITHMETIC | {"draft_prompt"}]
    found = [(f.indicator, f.value) for f in report.figures if f.kind in ("count", "rate")]
    for indicator, value in draft.figures:
        assert any(_accepts(i, indicator) and math.isclose(v, value) for i, v in found), (
            f"{level}: {indicator} = {value} not found again; got {found}")
    # every ledger value the drafter entered is in the draft
    assert {i for i, _ in draft.figures} >= set(values)


def test_prompts_are_the_only_prose_fazhi_writes() -> None:
    ledger = Ledger("桃林镇", "township", 2024, {"mediation.disputes": Entry("mediation.disputes", 85, 90),
                                                   "mediation.resolved": Entry("mediation.resolved", 80, 84)})
    draft = compose(ledger)
    text = draft.text()
    assert "全年排查矛盾纠纷85件，较上年减少5件、下降5.6%，调处成功80件，较上年减少4件、下降4.8%，" \
           "调解成功率94.1%，较上年提高0.8个百分点。" in text
    # first responsibility is asked for as past performance, in the third part, in the 规定's order
    heads = [b.text for b in draft.body if b.kind == "h1"]
    assert heads == ["一、2024年度推进法治政府建设的主要举措和成效", "二、2024年度推进法治政府建设存在的不足和原因",
                     "三、2024年度党政主要负责人履行推进法治建设第一责任人职责情况",
                     "四、2025年推进法治政府建设的工作安排", "五、其他需要报告的情况"]
    assert "不写计划" in text
    # the 纲要 areas with no ledger figure are listed as a reminder
    assert "台账未显示以下方面的工作" in text and "行政执法" in text
    for block in draft.body:
        if block.kind == "body" and not block.text.startswith("根据《法治政府建设与责任落实督察工作规定》"):
            rest = PROMPT_RE.sub("", block.text)
            assert rest == "" or rest.startswith("全年"), block.text


def test_department_and_street_wording() -> None:
    dept = compose(Ledger("三台县市场监督管理局", "department", 2023, {}))
    assert dept.issuer == "三台县市场监督管理局"
    assert "三、2023年度本单位主要负责人履行推进法治建设第一责任人职责情况" in dept.text()
    assert "3月1日前" in "".join(b.text for b in dept.note)
    street = compose(Ledger("玉林街道", "street", 2023, {}))
    assert street.issuer == "玉林街道办事处"
    assert compose(Ledger("芦溪镇", "township", 2022, {})).issuer == "芦溪镇人民政府"


def test_ledger_errors_are_refused_in_chinese() -> None:
    bad = Ledger("三台县", "county", 2023, {"litigation.cases": Entry("litigation.cases", 20),
                                           "litigation.head_appearances": Entry("litigation.head_appearances", 25)})
    with pytest.raises(LedgerError, match="大于“行政应诉\\(行政诉讼\\)案件数”|大于"):
        compose(bad)
    parts = {"normative_docs.cleaned": 40, "normative_docs.retained": 30, "normative_docs.revised": 6,
             "normative_docs.repealed": 3}
    with pytest.raises(LedgerError, match="不等于"):
        compose(Ledger("三台县", "county", 2023, {k: Entry(k, v) for k, v in parts.items()}))
    with pytest.raises(LedgerError, match="未指定单位名称"):
        compose(Ledger(None, "county", 2023, {}))


def test_template_rows_and_validation(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx", "township", unit="桃林镇", year=2024)
    wb = load_workbook(path)
    ws = wb[SHEET]
    ids = [r[COL["指标编号"]].value for r in ws.iter_rows(min_row=FIRST_ROW + 1)]
    assert ids == [r.id for r in spec().for_level("township")]
    assert "reconsideration.received" not in ids  # a township does not decide 行政复议
    rules = ws.data_validations.dataValidation
    assert any(v.type == "decimal" and v.operator in (None, "between") and v.formula2 == "100" for v in rules)
    assert any(v.type == "custom" and "<=" in (v.formula1 or "") for v in rules)  # part ≤ whole
    rate_row = ids.index("mediation.success_rate") + FIRST_ROW + 1
    assert str(ws.cell(rate_row, COL["本年度"] + 1).value).startswith("=IF(")  # computed from its counts
    assert wb["单位信息"]["B1"].value == "桃林镇"
    led = read_ledger(path)
    assert led.unit == "桃林镇" and led.level == "township" and led.year == 2024


def test_a_file_that_is_not_a_ledger(tmp_path: Path) -> None:
    from openpyxl import Workbook

    p = tmp_path / "other.xlsx"
    Workbook().save(p)
    with pytest.raises(LedgerError, match="不是 fazhi 台账"):
        read_ledger(p)
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(LedgerError, match="无法打开"):
        read_ledger(tmp_path / "broken.xlsx")


def test_last_year_from_the_corpus(tmp_path: Path) -> None:
    """A corpus holding the unit's previous report fills last year's column, with the quote."""
    pytest.importorskip("duckdb")
    from fazhi.corpus import Corpus
    from fazhi.draft import previous_figures

    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(EXAMPLES / "district_wuhou_2023.txt")])
    prev = previous_figures(db, "武侯区", 2024)
    assert prev, "the 2023 report's figures should be found for a 2024 ledger"
    ind, (value, quote) = next(iter(prev.items()))
    assert quote and str(int(value)) in quote
    path = write_template(tmp_path / "t.xlsx", "district", unit="武侯区", year=2024, previous=prev)
    ws = load_workbook(path)[SHEET]
    filled = {r[COL["指标编号"]].value: (r[COL["上年度"]].value, r[COL["上年度数据出处"]].value)
              for r in ws.iter_rows(min_row=FIRST_ROW + 1)}
    hits = [k for k in prev if k in filled and not spec().row(k).computed]
    assert hits and all(filled[k][0] == prev[k][0] and prev[k][1] in filled[k][1] for k in hits)


def test_cli_template_write_check(tmp_path: Path) -> None:
    runner = CliRunner()
    ledger = tmp_path / "台账.xlsx"
    r = runner.invoke(app, ["draft", "template", "--level", "township", "--unit", "桃林镇", "--year", "2024",
                            "-o", str(ledger)])
    assert r.exit_code == 0, r.output
    _fill(ledger, {"mediation.disputes": 85, "mediation.resolved": 80, "law_popularization.events": 24})
    draft = tmp_path / "草稿.docx"
    r = runner.invoke(app, ["draft", "write", "--ledger", str(ledger), "-o", str(draft)])
    assert r.exit_code == 0, r.output
    assert "桃林镇人民政府关于2024年度法治政府建设情况的报告" in r.output
    r = runner.invoke(app, ["draft", "check", str(draft)])
    assert r.exit_code == 1 and "请补充" in r.output
    done = tmp_path / "报告.docx"
    _finish(draft, done)
    r = runner.invoke(app, ["draft", "check", str(done)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["draft", "template", "--level", "village", "-o", str(ledger)])
    assert r.exit_code == 2 and "未知的层级" in r.output


@pytest.mark.parametrize("printed,expected", [("87.2%", 1), ("100%", 0), ("98.16", 2)])
def test_decimals(printed: str, expected: int) -> None:
    assert rates.decimals(printed) == expected


def test_rates_and_changes() -> None:
    assert rates.format_rate(100 * 41 / 53) == "77.4%"
    assert rates.format_rate(100.0) == "100%"
    assert rates.round_half_up(77.45, 1) == 77.5
    assert rates.change_phrase(rates.change(82, 97), "件") == "较上年减少15件、下降15.5%"
    assert rates.change_phrase(rates.change(96.1, 95.3, is_rate=True), "%") == "较上年提高0.8个百分点"
    assert rates.change_phrase(rates.change(5, 5), "名") == "与上年持平"
    assert rates.change_phrase(rates.change(3, 0), "件") == "较上年增加3件"  # no per cent of nothing
    assert rates.rate(1, 0) is None
    assert rates.agrees(87.2, 41, 47, 1) and not rates.agrees(87.2, 41, 53, 1)


def test_a_printed_rate_always_agrees_with_its_counts() -> None:
    """What the draft prints the arithmetic check accepts, whatever the counts."""
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    @hypothesis.given(st.integers(0, 10**6), st.integers(1, 10**6), st.integers(0, 3))
    def prop(part: int, whole: int, nd: int) -> None:
        shown = rates.format_rate(rates.rate(part, whole), nd)
        assert rates.agrees(float(shown.rstrip("%")), part, whole, rates.decimals(shown))

    prop()
