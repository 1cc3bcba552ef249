"""Every sentence the 审查意见, the 通报 and the workbook state about a unit is backed by its record
or hedged: read as the unit would read them, on odd records of our own — no unit, no year, no
title, no publication date, a date read from an unlabelled stamp, a range, a target and a ranking.

Real .docx and .xlsx files are written and read back; the corpus is a real DuckDB file.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus
from fazhi.export import export
from fazhi.export.word import BLANK_SIGNATURE

from .test_export_truth import NO_UNIT, UNTITLED, _texts

BODY = """一、主要举措和成效
（一）加强组织领导。主要负责人认真履行推进法治建设第一责任人职责，全年召开专题会议研究法治建设工作4次。
（二）规范行政执法。全年受理行政复议案件20件，办结18件，结案率90%。办理行政处罚案件20至30件。
二、存在的不足和原因
执法力量不足，原因是编制紧张。
三、2024年工作安排
一是力争行政复议结案率达到95%以上；二是在全市法治政府建设考评中力争排名前5位；三是开展培训不少于6期。
"""

REPORTS = {
    "无单位.txt": NO_UNIT,
    "无标题镇.txt": UNTITLED,
    # a page whose only date is a stamp under the title (no 发布日期 label): published late, it seems
    "大城县.txt": "大城县人民政府关于2023年度法治政府建设情况的报告\n2024-04-08 10:30\n" + BODY,
    "永清县.txt": "永清县人民政府关于2023年度法治政府建设情况的报告\n发布日期：2024-03-20\n"
                 + BODY.replace("办理行政处罚案件20至30件。", "办理行政处罚案件20至30件。全县法治政府建设考评较上年前进2位。"),
}
REGISTRY = "单位,层级,上级\n永清县,县级,廊坊市\n大城县,县级,廊坊市\n青山镇,乡镇,青山县\n"


@pytest.fixture(scope="module")
def odd_path(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("odd")
    (d / "in").mkdir()
    for name, text in REPORTS.items():
        (d / "in" / name).write_text(text, "utf-8")
    with Corpus(d / "c.duckdb") as c:
        ingest(c, [str(d / "in")], workers=1)
    return d / "c.duckdb"


@pytest.fixture()
def corpus(odd_path: Path, tmp_path: Path):
    db = tmp_path / "c.duckdb"
    shutil.copy(odd_path, db)
    c = Corpus(db)
    yield c
    c.close()


def _opinions(corpus: Corpus, tmp_path: Path, notes: list[str] | None = None) -> dict[str, list[str]]:
    files = export(corpus, tmp_path / "意见", kind="opinions", issuer="某办",
                   note=(notes.append if notes is not None else None))
    return {f.stem: _texts(f) for f in files}


def test_an_unidentified_unit_is_addressed_by_a_blank_to_fill_in(corpus: Corpus, tmp_path: Path) -> None:
    notes: list[str] = []
    ops = _opinions(corpus, tmp_path, notes)
    (nameless,) = [t for name, t in ops.items() if name.startswith("未识别单位")]
    assert nameless[0] == "关于2023年度法治政府建设年度报告的审查意见"  # no made-up unit in the title
    assert nameless[1] == BLANK_SIGNATURE + "："
    assert not any("未识别单位" in p for p in nameless)
    assert any("1份报告未能识别报告单位" in n and "无单位.txt" in n for n in notes)


def test_an_untitled_undated_report_is_described_not_quoted(corpus: Corpus, tmp_path: Path) -> None:
    ops = _opinions(corpus, tmp_path)
    (town,) = [t for name, t in ops.items() if name.startswith("青山镇")]
    opening = next(p for p in town if p.startswith("经审查"))
    assert opening.startswith("经审查，你单位报送的2023年度法治政府建设年度报告（无标题），所收到的材料中未查到公开日期，")
    assert "《" not in opening and "未标明公开日期" not in opening


def test_a_date_from_an_unlabelled_stamp_is_said_to_be_inferred(corpus: Corpus, tmp_path: Path) -> None:
    reps = corpus.reports()
    dc = reps[reps["unit_name"] == "大城县"].iloc[0]
    assert "published" in list(dc["inferred"]) and dc["published"].isoformat()[:10] == "2024-04-08"
    ops = _opinions(corpus, tmp_path)
    (body,) = ["\n".join(t) for name, t in ops.items() if name.startswith("大城县")]
    assert "公开日期“2024年4月8日”不是页面标明的发布日期，系根据页面上的其他日期或网页地址推断。如有误，请予告知。" in body
    (yq,) = ["\n".join(t) for name, t in ops.items() if name.startswith("永清县")]
    assert "推断" not in yq  # title and a labelled 发布日期 state unit, year and date
    reg = tmp_path / "名单.csv"
    reg.write_text(REGISTRY, "utf-8")
    (notice,) = export(corpus, tmp_path / "通报.docx", year=2023, issuer="某办", registry=reg)
    text = "\n".join(_texts(notice))
    assert "大城县（逾期8天，公开日期系推断）" in text
    # 青山镇's report names no unit in a title: matched to the list's 青山镇 by the name the body gives
    assert "未查到公开日期1个" in text and "（二）未查到公开日期\n青山镇（单位系推断）。" in text
    import openpyxl

    (out,) = export(corpus, tmp_path / "审查结果.xlsx", year=2023)
    notes = {r[0]: r[10] for r in openpyxl.load_workbook(out, read_only=True)["报送情况"].iter_rows(min_row=2, values_only=True)}
    assert notes["青山镇"] == "报告单位系根据报告内容推断，与名单的对应待核实" and not notes["永清县"]


def test_no_notice_on_a_year_without_reports(corpus: Corpus, tmp_path: Path) -> None:
    """Nothing received for the year: not a notice that closes with 未发现需要通报的问题."""
    with pytest.raises(ValueError, match="没有可通报的2022年度法治政府建设年度报告"):
        export(corpus, tmp_path / "通报.docx", year=2022, issuer="某办")


def test_workbook_states_a_range_with_both_ends_and_marks_targets_and_rankings(corpus: Corpus, tmp_path: Path) -> None:
    import openpyxl

    (out,) = export(corpus, tmp_path / "审查结果.xlsx")
    rows = list(openpyxl.load_workbook(out, read_only=True)["数据"].iter_rows(values_only=True))
    head = list(rows[0])
    figs = [dict(zip(head, r)) for r in rows[1:] if r[head.index("单位")] == "永清县"]
    (rng,) = [f for f in figs if f["原文"].endswith("20至30件")]
    assert (rng["数值"], rng["数值上限"]) == (20, 30)
    assert all(f["数值上限"] is None for f in figs if f is not rng)
    kinds = {f["原文"]: f["类型"] for f in figs}
    assert kinds[next(q for q in kinds if "力争行政复议结案率" in q)] == "目标（非实绩）"
    assert kinds[next(q for q in kinds if "前进2位" in q)] == "排名（非实绩）"
    # and no finding a unit reads is built on them: 力争…95% is no closure rate, 前5位 no count
    msgs = " ".join(corpus.findings(unit="永清县")["message"])
    assert not re.search(r"95%|前5位|20至30|前进2位", msgs)


def test_a_bureau_outside_the_list_is_not_named_as_its_district(tmp_path: Path) -> None:
    """报送情况 lists reports outside the list too: a bureau whose name was not found (我局 under
    荣昌区) reads 荣昌区（部门名称未识别）there as on the other sheets, not 荣昌区."""
    import openpyxl

    text = "2023年，我局在荣昌区委、区政府的坚强领导下，坚持以习近平法治思想为指导。现将有关情况报告如下：\n" \
        + NO_UNIT.split("\n", 1)[1]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bureau.txt").write_text(text, "utf-8")
    reg = tmp_path / "名单.csv"
    reg.write_text("单位,层级,上级\n荣昌区人民政府,区级,重庆市\n", "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        (out,) = export(c, tmp_path / "审查结果.xlsx", year=2023, registry=reg)
    wb = openpyxl.load_workbook(out, read_only=True)
    units = {ws.title: [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] for ws in wb.worksheets}
    assert "荣昌区（部门名称未识别）" in units["报送情况"] and units["报告"] == ["荣昌区（部门名称未识别）"]
    status = {r[0]: r[3] for r in wb["报送情况"].iter_rows(min_row=2, values_only=True)}
    assert status["荣昌区人民政府"] == "未报送"  # the district's government did not report: the bureau did


def test_the_notice_names_only_missing_parts_its_opinions_state(tmp_path: Path) -> None:
    """A report without its 不足 lacks their 原因 too; the check says so once (缺少存在的不足), and the
    notice that refers units to their 审查意见 named 缺少存在的不足、不足的原因 — a part no opinion
    states, that no reviewer can confirm or dismiss, and that --only-confirmed still listed."""
    no_shortcomings = REPORTS["永清县.txt"].replace("二、存在的不足和原因\n执法力量不足，原因是编制紧张。\n", "")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "yq.txt").write_text(no_shortcomings, "utf-8")
    reg = tmp_path / "名单.csv"
    reg.write_text(REGISTRY, "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        assert {"shortcomings", "causes"} <= set(c.reports()["missing_contents"].iloc[0])
        (f,) = export(c, tmp_path / "意见", kind="opinions", issuer="某办")
        (notice,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办", registry=reg)
        (only,) = export(c, tmp_path / "确认.docx", year=2023, issuer="某办", include_undecided=False)
        r = c.findings(check="shortcomings_missing").iloc[0]
        c.decide(r["sha256"], r["check"], r["start"], r["end"], r["message"], "confirmed", user="审查人")
        (confirmed,) = export(c, tmp_path / "确认后.docx", year=2023, issuer="某办", include_undecided=False)
    assert "不足的原因" not in "\n".join(_texts(f))
    assert "永清县（缺少存在的不足）" in "\n".join(_texts(notice))
    assert "永清县（缺少" not in "\n".join(_texts(only))  # nobody has confirmed it yet
    assert "永清县（缺少存在的不足）" in "\n".join(_texts(confirmed))


def test_overall_figures_account_for_units_whose_report_is_ambiguous(tmp_path: Path) -> None:
    """Two 青山镇 of two counties on the list, one untitled report naming no county: neither is
    received nor missing, and the figures said so by not adding up."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "town.txt").write_text(UNTITLED, "utf-8")
    reg = tmp_path / "名单.csv"
    reg.write_text("单位,层级,上级\n青山镇,乡镇,甲县\n青山镇,乡镇,乙县\n白水县,县级,某市\n", "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        assert list(c.status(2023, registry=reg)["status"]).count("ambiguous") == 2
        (notice,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办")
    text = "\n".join(_texts(notice))
    assert "应报送单位3个，未报送1个；另有2个单位的报告无法确定归属，待核实。" in text and "0个" not in text


def test_a_report_of_no_known_year_is_named_as_such_and_left_out_of_the_notice(tmp_path: Path) -> None:
    text = "关于法治政府建设情况的报告\n我县坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n" \
        + BODY.replace("三、2024年工作安排", "三、下一年工作安排")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "无年度.txt").write_text(text, "utf-8")
    (tmp_path / "in" / "永清县.txt").write_text(REPORTS["永清县.txt"], "utf-8")
    notes: list[str] = []
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        files = export(c, tmp_path / "意见", kind="opinions", issuer="某办")
        (notice,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办", note=notes.append)
    (undated,) = [_texts(f) for f in files if "年度不明" in f.stem]
    assert undated[0] == "关于法治政府建设年度报告的审查意见"
    assert undated[2].startswith("经审查，你单位报送的法治政府建设年度报告（无标题），")  # no year made up
    assert "对收到的1份2023年度" in "\n".join(_texts(notice))
    assert any("1份报告未能确定报告年度，未计入本通报" in n and "无年度.txt" in n for n in notes)


def test_the_requests_name_only_what_the_notice_found(tmp_path: Path) -> None:
    """Every unit on the list reported on time: the 工作要求 asks nobody to 补报; a unit missing from
    the reports is asked to."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "yq.txt").write_text(REPORTS["永清县.txt"], "utf-8")
    only = tmp_path / "名单.csv"
    only.write_text("单位,层级,上级\n永清县,县级,廊坊市\n", "utf-8")
    more = tmp_path / "名单2.csv"
    more.write_text("单位,层级,上级\n永清县,县级,廊坊市\n文安县,县级,廊坊市\n", "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        (all_in,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办", registry=only)
        (one_out,) = export(c, tmp_path / "通报2.docx", year=2023, issuer="某办", registry=more)
    text = "\n".join(_texts(all_in))
    assert "应报送单位1个，已报送1个，其中按时公开1个。" in text and "0个" not in text
    assert "补报" not in text and "切实提高报告质量" in text
    # 文安县 is missing and nobody is late: the request names the missing only
    assert "请未报送的单位抓紧补报" in "\n".join(_texts(one_out)) and "逾期" not in "\n".join(_texts(one_out))
