"""The 审查意见 and the 通报 in plain 公文 Chinese, and about the units they address only: a list of
one is no list, a category that counts none is not named, a request names only units the
notice lists, and a report outside the unit list is not named in a notice that says which units
it checked. Read from real .docx files written from a real DuckDB corpus of our own reports.
"""
from __future__ import annotations

from pathlib import Path

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus
from fazhi.export import export

from .test_export_statements import REPORTS
from .test_export_truth import NO_UNIT, _texts

# a report with problems in two groups, one of them with a single problem: a late publication
# (报送和公开) and two data problems (数据)
TWO_GROUPS = """文安县人民政府关于2023年度法治政府建设情况的报告
发布日期：2024-04-12
2023年，文安县人民政府坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：
一、主要举措和成效
（一）加强组织领导。县长认真履行推进法治建设第一责任人职责，主持研究法治工作4次。
（二）化解行政争议。全年受理行政复议案件40件，办结36件，结案率为95%。全县调解矛盾纠纷200件，调解成功190件，调解成功率为98%。
二、存在的不足和原因
执法力量不足，原因是编制紧张。
三、2024年工作安排
一是加强执法培训；二是推进复议规范化建设。
"""


def _ingest(tmp_path: Path, texts: dict[str, str]) -> Path:
    (tmp_path / "in").mkdir()
    for name, text in texts.items():
        (tmp_path / "in" / name).write_text(text, "utf-8")
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
    return db


def test_an_opinion_lists_only_what_is_several(tmp_path: Path) -> None:
    # 永清县's report without its 不足 and its plans: two problems of one group (规定内容)
    db = _ingest(tmp_path, {"bg.txt": TWO_GROUPS, "yq.txt": REPORTS["永清县.txt"].split("二、存在的不足")[0]})
    with Corpus(db) as c:
        files = {f.stem.split("_")[0]: _texts(f) for f in export(c, tmp_path / "意见", kind="opinions", issuer="某办")}
    bg = files["文安县"]
    opening = next(p for p in bg if p.startswith("经审查"))
    assert "存在以下3个问题" in opening
    # two groups, each under its heading; the group of one problem does not number it 1.
    assert "一、报送和公开" in bg and "二、数据" in bg
    late = bg[bg.index("一、报送和公开") + 1]
    assert late.startswith("报告于2024年4月12日公开") and not late.startswith("1. ")
    data = bg[bg.index("二、数据") + 1: bg.index("二、数据") + 3]
    assert data[0].startswith("1. ") and data[1].startswith("2. ")
    # one group of two problems: no heading over it, the two numbered
    yq = files["永清县"]
    assert not any(p.startswith("一、") for p in yq)
    numbered = [p for p in yq if p[:3] in ("1. ", "2. ")]
    assert len(numbered) == 2 and all("报告未写明" in p for p in numbered)


def test_a_notice_names_no_category_of_none_and_no_unit_off_the_list(tmp_path: Path) -> None:
    """永清县 is the only unit on the list and published on time; 文安县's report (late, with wrong
    rates) is not on it. The notice said 逾期公开0个 and 报送材料不是…的0个, named 文安县 under
    数据和文字问题 of a notice on 1 unit, and asked 未报送和逾期公开的单位 to 补报."""
    db = _ingest(tmp_path, {"bg.txt": TWO_GROUPS, "yq.txt": REPORTS["永清县.txt"]})
    reg = tmp_path / "名单.csv"
    reg.write_text("单位,层级,上级\n永清县,县级,廊坊市\n", "utf-8")
    notes: list[str] = []
    with Corpus(db) as c:
        (out,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办", registry=reg, note=notes.append)
    text = "\n".join(_texts(out))
    assert "对1个单位2023年度" in text and "应报送单位1个，已报送1个，其中按时公开1个。" in text
    assert "0个" not in text and "0份" not in text
    assert "文安县" not in text and "数据和文字问题" not in text
    assert "补报" not in text and "逾期" not in text
    assert any("1份报告的单位不在应报送单位名单中，未写入通报" in n and "文安县" in n for n in notes)


def test_requests_name_only_the_late_when_none_is_missing(tmp_path: Path) -> None:
    db = _ingest(tmp_path, {"bg.txt": TWO_GROUPS})
    reg = tmp_path / "名单.csv"
    reg.write_text("单位,层级,上级\n文安县,县级,廊坊市\n", "utf-8")
    with Corpus(db) as c:
        (listed,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办", registry=reg)
    text = "\n".join(_texts(listed))
    assert "已报送1个，其中逾期公开1个。" in text
    demands = text.split("工作要求")[1]
    assert "请逾期公开的单位认真查找原因，今后严格按照规定时限公开" in demands
    assert "未报送" not in demands and "补报" not in demands
    assert "请存在数据、文字问题的单位对照审查意见" in demands and "报告内容缺项" not in demands


def test_a_note_counts_files_as_reports_not_units(tmp_path: Path) -> None:
    """Eleven reports naming no unit: the note lists ten file names and 等11份, not 等11个单位."""
    db = _ingest(tmp_path, {f"无单位{i}.txt": NO_UNIT.replace("学法4次", f"学法{i + 4}次") for i in range(11)})
    notes: list[str] = []
    with Corpus(db) as c:
        export(c, tmp_path / "意见", kind="opinions", issuer="某办", note=notes.append)
    (line,) = [n for n in notes if "未能识别报告单位" in n]
    assert line.startswith("11份报告未能识别报告单位") and line.endswith("等11份") and "个单位" not in line


# a 信息公开年报 of 文安县: a look-alike with figures of its own
DISCLOSURE = """文安县人民政府2023年政府信息公开工作年度报告
一、总体情况
2023年，文安县人民政府主动公开政府信息1200条，收到政府信息公开申请15件，行政复议2件。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、存在的主要问题及改进情况
"""


def test_workbook_dates_quotes_and_look_alikes_read_true(tmp_path: Path) -> None:
    """公开日期 read 2024-04-12 00:00 (a day is no moment); a quote of a CRLF text held Excel's _x000D_;
    the look-alike's row said it lacked all five parts (it was not checked for them) and its
    figures sat in 数据 as if the unit's report gave them; 问题说明 read 报告于2024-04-12公开，晚于规定
    时限（2024年4月1日前）, two date forms in one sentence."""
    import zipfile

    import openpyxl

    crlf = TWO_GROUPS.replace("执法力量不足，原因是编制紧张。", "执法力量不足，编制紧张。\n人员流动频繁。").replace("\n", "\r\n")
    db = _ingest(tmp_path, {"wa.txt": crlf, "gk.txt": DISCLOSURE})
    with Corpus(db) as c:
        (out,) = export(c, tmp_path / "审查结果.xlsx")
    wb = openpyxl.load_workbook(out)
    rows = {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    head = list(rows["报告"][0])
    reports = {r[head.index("文件类型")]: r for r in rows["报告"][1:]}
    col = head.index("公开日期") + 1
    day = next(ws.cell(row=i, column=col) for ws in [wb["报告"]] for i in range(2, ws.max_row + 1)
               if ws.cell(row=i, column=col).value)
    assert day.number_format == "yyyy-mm-dd"
    assert wb["报告"].cell(row=2, column=head.index("入库时间") + 1).number_format == "yyyy-mm-dd hh:mm"
    assert reports["政府信息公开工作年度报告"][head.index("缺少内容")] in (None, "")
    fhead = list(rows["数据"][0])
    kinds = {r[fhead.index("原文")]: r[fhead.index("文件类型")] for r in rows["数据"][1:]}
    assert kinds[next(q for q in kinds if "1200条" in q)] == "政府信息公开工作年度报告"
    assert kinds[next(q for q in kinds if "40件" in q)] == "法治政府建设年度报告"
    qhead = list(rows["问题"][0])
    msgs = [r[qhead.index("问题说明")] for r in rows["问题"][1:]]
    assert "报告于2024年4月12日公开，晚于规定时限（2024年4月1日前）12天" in msgs
    assert not any("2024-04-12" in m for m in msgs)
    assert any("\n" in (r[qhead.index("原文")] or "") for r in rows["问题"][1:])  # a quote over two lines
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert "_x000D_" not in xml and "\r" not in xml


def test_reports_off_the_list_name_their_level_in_chinese_and_the_division_above(tmp_path: Path) -> None:
    """`fazhi status` showed a report outside the list as 层级 county/department and 上级 the city for
    a county's bureau (永清县司法局 under 廊坊市), the city itself for a city."""
    from typer.testing import CliRunner

    from fazhi.cli import app

    from .test_export_statements import BODY

    db = _ingest(tmp_path, {"yq.txt": REPORTS["永清县.txt"],
                            "sfj.txt": "永清县司法局关于2023年度法治政府建设情况的报告\n发布日期：2024-02-20\n" + BODY,
                            "lf.txt": "廊坊市人民政府关于2023年度法治政府建设情况的报告\n发布日期：2024-03-10\n" + BODY})
    reg = tmp_path / "名单.csv"
    reg.write_text("单位,层级,上级\n文安县,县级,廊坊市\n", "utf-8")
    res = CliRunner().invoke(app, ["status", "--db", str(db), "--registry", str(reg), "--year", "2023",
                                   "--today", "2024-06-01"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    rows = {cells[0]: cells[1:3] for line in res.output.splitlines()
            if (cells := [c.strip() for c in line.strip("│ ").split("│")]) and len(cells) > 3}
    assert rows["永清县"] == ["县级", "廊坊市"]
    assert rows["永清县司法局"] == ["部门", "永清县"]
    assert rows["廊坊市"] == ["市级", "河北省"]
    assert not any(v in res.output for v in ("county", "department", " city "))


# a county bureau's report whose plans are an inline 一是 list (the outline takes 一是 as an item)
BUREAU = """永清县司法局关于2023年度法治政府建设情况的报告
发布日期：2024-02-20
2023年，永清县司法局坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：
一、主要举措和成效
局主要负责人认真履行推进法治建设第一责任人职责，全年审查县政府规范性文件14件。
二、存在的不足和原因
基层司法所力量不足，原因是编制紧张。
三、2024年工作安排
一是加强行政执法人员培训；二是推进司法所规范化建设。
"""


def test_review_page_and_summary_state_the_place_and_outline_as_written(tmp_path: Path) -> None:
    """The review page showed 所在地 河北省廊坊市 for 永清县司法局 (its county missing), an outline item
    一是一是加强…, and `fazhi analyze` 所在地 the same and 纲要覆盖 …仅提及0个…；其中未涉及: (sub-areas of
    parts the report covers, not of those it leaves out)."""
    import html
    import re

    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from fazhi.cli import app
    from fazhi.web import WebConfig, create_app

    from .test_web_api import HTML, _users, login

    db = _ingest(tmp_path, {"sfj.txt": BUREAU})
    _users(db)
    with Corpus(db) as c:
        sha = c.reports()["sha256"].iloc[0]
    with TestClient(create_app(WebConfig(db=str(db))), headers=HTML) as web:
        login(web, "viewer")
        page = web.get(f"/reports/{sha}").text
    text = html.unescape(re.sub(r"<[^>]+>", "\n", page))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert lines[lines.index("所在地") + 1] == "河北省廊坊市永清县"
    assert "一是加强行政执法人员培训" in lines and not any("一是一是" in ln for ln in lines)
    res = CliRunner().invoke(app, ["analyze", str(tmp_path / "in" / "sfj.txt")], env={"COLUMNS": "300"})
    out = res.output
    assert "所在地：河北省廊坊市永清县" in out
    summary = next(ln for ln in out.splitlines() if ln.startswith("纲要覆盖"))
    assert not re.search(r"[^0-9]0个", summary) and "其中未涉及" not in summary


# the title names one year, the lead-in another; the publication date and the plans bear out the lead-in
YEAR_TITLE_BODY = """文安县人民政府关于2022年度法治政府建设情况的报告
发布日期：2024-03-22
2023年，文安县人民政府坚持以习近平法治思想为指导，全面推进依法行政。现将2023年度法治政府建设情况报告如下：
一、主要举措和成效
（一）履行第一责任人职责。县长认真履行推进法治建设第一责任人职责，全年主持召开县政府常务会议专题研究法治建设6次。
（二）化解行政争议。全年办理行政复议案件61件，行政应诉案件29件。
二、存在的不足和原因
部分执法人员依法行政意识仍需提高，原因是培训的针对性不强。
三、2024年工作安排
一是加强行政执法人员培训；二是推进法治政府示范创建。
"""


def test_a_title_year_the_report_contradicts_is_not_the_ground_of_lateness(tmp_path: Path) -> None:
    """Title 2022年度, lead-in 2023年 twice, published March 2024, plans for 2024: the opinion told the
    unit it published 357天 late, that its plans should be for 2023, and that the year was out of place;
    each rests on a title year the report itself contradicts. It says the conflict, once."""
    carried = YEAR_TITLE_BODY.replace("2022年度", "2023年度", 1).replace(
        "2023年，文安县人民政府", "2022年，文安县人民政府").replace("现将2023年度", "现将有关")
    db = _ingest(tmp_path, {"wa.txt": YEAR_TITLE_BODY, "yq.txt": carried.replace("文安县", "永清县")})
    with Corpus(db) as c:
        files = {f.stem.split("_")[0]: "\n".join(_texts(f))
                 for f in export(c, tmp_path / "意见", kind="opinions", issuer="某办")}
        (notice,) = export(c, tmp_path / "通报.docx", year=2022, issuer="某办")
    wa = files["文安县"]
    assert "标题写明报告年度为2022年，正文开头却写2023年，前后不一致，请核实报告年度。" in wa
    assert "逾期" not in wa and "晚于规定时限" not in wa and "应为2023年" not in wa and "应在次年" not in wa
    assert "逾期" not in "\n".join(_texts(notice)) and "晚于" not in "\n".join(_texts(notice))
    # a lead-in sentence dated last year in a report whose date and plans agree with its title: no
    # dispute, a year carried over, as before
    yq = files["永清县"]
    assert "此处成绩记为2022年" in yq and "前后不一致" not in yq


# a township's report on a document-sharing site: the site's lines above it and its footer below the
# signature, so the signing date is not the text's last line
MIRROR = """文档分享网 首页 > 公文范文 > 工作报告 > 正文
章华镇人民政府2023年度法治政府建设情况报告
2023年，章华镇人民政府在县委、县政府的领导下，认真落实法治政府建设各项要求。现将有关情况报告如下：
一、主要举措和成效
（一）履行第一责任人职责。镇党委书记、镇长切实履行推进法治建设第一责任人职责，全年召开党委会议研究法治建设工作4次。
（二）化解矛盾纠纷。全年受理矛盾纠纷87起，调解成功84起。
二、存在的不足和原因
镇村干部法治素养参差不齐，原因是学法培训不够系统。
三、2024年工作计划
一是开展镇村干部学法培训；二是健全法律顾问参与决策机制。
章华镇人民政府
2024年2月26日
本文档由用户上传，版权归原作者所有。相关文档：乡镇法治工作总结范文 | 法治建设述职报告范文
"""


def test_a_signing_date_above_a_site_footer_is_no_heading(tmp_path: Path) -> None:
    """The opinion told 章华镇 标题“2024年2月26日”缺少序号（应为“四、”）: the signature's date, with a
    site footer after it, was taken for a heading that lost its numeral."""
    db = _ingest(tmp_path, {"zh.txt": MIRROR})
    with Corpus(db) as c:
        (f,) = export(c, tmp_path / "意见", kind="opinions", issuer="某办")
    body = "\n".join(_texts(f))
    assert "2024年2月26日”缺少序号" not in body and "标题序号" not in body


def test_a_missing_bracket_is_named_in_the_width_of_the_one_written(tmp_path: Path) -> None:
    """“（”没有对应的“)”: the half the text wrote is full-width, the half it lacks was named in the
    width the analysis reads (ASCII)."""
    text = REPORTS["永清县.txt"].replace("全年召开专题会议研究法治建设工作4次。", "全年召开专题会议（含党组会议研究法治建设工作4次。")
    db = _ingest(tmp_path, {"yq.txt": text})
    with Corpus(db) as c:
        (f,) = export(c, tmp_path / "意见", kind="opinions", issuer="某办")
    body = "\n".join(_texts(f))
    assert "“（”没有对应的“）”" in body and "“)”" not in body


def test_a_report_of_a_disputed_year_is_neither_missing_nor_late(tmp_path: Path) -> None:
    """文安县's report is titled 2022年度 and reports on 2023 (its lead-in, date and plans): the 2023
    通报 listed 文安县 as 未报送 and the 2022 通报 as 逾期357天. It is received in both, on time by the
    later year's deadline, and the 报送情况 sheet says why."""
    import openpyxl

    db = _ingest(tmp_path, {"wa.txt": YEAR_TITLE_BODY})
    reg = tmp_path / "名单.csv"
    reg.write_text("单位,层级,上级\n文安县,县级,廊坊市\n永清县,县级,廊坊市\n", "utf-8")
    with Corpus(db) as c:
        notices = {y: "\n".join(_texts(export(c, tmp_path / f"通报{y}.docx", year=y, issuer="某办", registry=reg)[0]))
                   for y in (2022, 2023)}
        (book,) = export(c, tmp_path / "审查结果.xlsx", year=2023)
    for y, text in notices.items():
        assert "已报送1个，其中按时公开1个；未报送1个。" in text, y
        assert "（一）未报送\n永清县。" in text and "逾期" not in text
        assert "报告年度存疑：文安县" in text  # the conflict itself is named, for the unit to settle
    rows = {r[0]: r for r in openpyxl.load_workbook(book, read_only=True)["报送情况"].iter_rows(values_only=True)}
    assert rows["文安县"][3] == "按时公开"
    assert "报告年度存疑：标题写2022年度，正文开头写2023年" in rows["文安县"][10]


def _site_page(unit: str, own: str) -> str:
    """A report as two sites of one province lay it out: the same breadcrumb and row of links above
    it, the same first heading (in a wording the rules do not prescribe); `own` is its own text."""
    return ("您当前的位置：首页>>政务公开>>政府信息公开目录>>法治政府建设年度报告\n"
            "中国政府网 | 河北省人民政府网 | 廊坊市人民政府网 | 政务服务网 |\n"
            f"{unit}人民政府关于2023年度法治政府建设情况的报告\n发布日期：2024-03-20\n"
            "一、落实党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况\n"
            f"{own}\n二、存在的不足和原因\n执法力量不足，原因是编制紧张。\n三、2024年工作安排\n一是加强执法培训；二是规范执法行为。\n")


COPIED = "全县推行柔性执法清单，对首次轻微违法的个体工商户以教育引导为主，全年免予处罚农贸市场摊贩共计317户，回访整改合格率达到96%。"


def test_a_shared_breadcrumb_heading_or_row_of_links_is_no_copying(tmp_path: Path) -> None:
    """Two units told 内容雷同 because their pages share a breadcrumb, a row of links or a heading
    of the genre; a paragraph of figures copied word for word is still named."""
    db = _ingest(tmp_path, {
        "wa.txt": _site_page("文安县", "县长主持研究法治工作4次，全县审核规范性文件11件，办理行政复议案件26件。"),
        "dc.txt": _site_page("大城县", "县长主持研究法治工作6次，全县聘请法律顾问9名，组织执法人员培训5期。"),
        "yq.txt": _site_page("永清县", "县长主持研究法治工作3次。" + COPIED),
        "gu.txt": _site_page("固安县", "县长主持研究法治工作5次。" + COPIED)})
    with Corpus(db) as c:
        files = {f.stem.split("_")[0]: "\n".join(_texts(f))
                 for f in export(c, tmp_path / "意见", kind="opinions", issuer="某办")}
    assert "几乎相同" not in files["文安县"] and "几乎相同" not in files["大城县"]
    assert "几乎相同" in files["永清县"] and "317户" in files["永清县"]


def test_a_notice_without_a_list_names_a_problem_not_a_topic(tmp_path: Path) -> None:
    """Without a unit list the 通报 listed 公开时限：文安县 and 报告年度：…, topics, not problems."""
    db = _ingest(tmp_path, {"wa.txt": TWO_GROUPS})
    with Corpus(db) as c:
        (out,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办")
    text = "\n".join(_texts(out))
    assert "未按时公开或报送：文安县" in text and "公开时限：" not in text


# a street whose name six districts share, naming no district, county or city
STREET = """湖滨街道办事处2023年度法治建设工作报告
2023年，街道党工委、办事处在区委、区政府的领导下，坚持依法行政，推进基层法治建设。现将全年工作报告如下：
一、履行推进法治建设第一责任人职责情况
街道党工委书记、办事处主任切实履行第一责任人职责，全年召开党工委会议研究法治工作3次。
二、主要工作
全年排查矛盾纠纷218起，调解成功211起；在辖区12个社区开展法治讲座24场。
三、存在的不足
社区法律顾问作用发挥不够充分，原因是服务时间少、群众知晓率低。
四、下一步工作计划
一是完善社区法律顾问制度；二是深化法治社区创建。
"""


def test_a_report_naming_no_place_is_matched_to_the_list_as_a_guess(tmp_path: Path) -> None:
    """The list's 湖滨街道 (of 岳阳楼区) was told it had reported, on a report that names no district
    — six districts have a 湖滨街道: the 通报 marks the match as inferred and the sheet says why."""
    import openpyxl

    db = _ingest(tmp_path, {"hb.txt": STREET})
    reg = tmp_path / "名单.csv"
    reg.write_text("单位,层级,上级\n湖滨街道,街道,岳阳楼区\n", "utf-8")
    with Corpus(db) as c:
        (notice,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办", registry=reg)
        (book,) = export(c, tmp_path / "审查结果.xlsx", year=2023)
    assert "湖滨街道（单位系推断）" in "\n".join(_texts(notice))
    rows = {r[0]: r for r in openpyxl.load_workbook(book, read_only=True)["报送情况"].iter_rows(values_only=True)}
    assert "报告未写明所属地区，按单位名称与名单对应，待核实" in rows["湖滨街道"][10]


def test_the_score_reason_counts_a_disputed_year_as_the_checks_do(tmp_path: Path) -> None:
    """`fazhi score` said 报告于2024-03-22公开，晚于2023-04-01之前公开的要求 of the report titled 2022年度
    that reports on 2023, in the date form no other output uses."""
    from typer.testing import CliRunner

    from fazhi.cli import app

    (tmp_path / "wa.txt").write_text(YEAR_TITLE_BODY, "utf-8")
    out = CliRunner().invoke(app, ["score", str(tmp_path / "wa.txt")], env={"COLUMNS": "300"}).output
    line = next(ln for ln in out.splitlines() if "按时公开　" in ln)
    assert "✓ 按时公开　8/8　报告于2024年3月22日公开，早于2024年4月1日，按时公开" in line
