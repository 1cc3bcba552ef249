"""What the Word documents say about a report, sentence by sentence, held against the report's text.

Each test writes its own short reports, stores them in a real corpus and reads the DOCX back.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import fazhi
from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus
from fazhi.export import export

from .test_checks import MEASURES, build
from .test_export_truth import _texts


def _corpus(tmp_path: Path, reports: dict[str, str]) -> Path:
    d = tmp_path / "in"
    d.mkdir(parents=True)
    for name, text in reports.items():
        (d / name).write_text(text, "utf-8")
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(d)], workers=1)
    return db


def test_a_notice_on_a_year_whose_reports_have_no_problems(tmp_path: Path) -> None:
    """Without a unit list, a year whose only report has nothing to state is a notice that says so
    (choosing none of no findings once selected no columns and failed)."""
    db = _corpus(tmp_path, {"clean.txt": build()})
    with Corpus(db) as c:
        (out,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办")
    text = "\n".join(_texts(out))
    assert "未发现需要通报的问题" in text and "工作要求" in text


# -- an earlier year's figure is not this year's ------------------------------------------------

def _figs(sentence: str) -> list:
    """The figures of `sentence`, added at the end of a clean report's measures."""
    r = fazhi.analyze_text(build(measures=MEASURES + sentence + "\n"))
    return [f for f in r.figures if f.start >= r.document.text.find(sentence)]


def _findings_from(sentence: str, check: str) -> list:
    """The findings of `check` from the sentence on, the sentence added to the measures of a plain report."""
    r = fazhi.analyze_text(build(measures=MEASURES + sentence + "\n"))
    pos = r.document.text.find(sentence)
    return [f for f in r.findings if f.check == check and f.start is not None and f.start >= pos]


@pytest.mark.parametrize("sentence,now", [
    ("全年行政应诉案件由上年的58件减少到47件。", 47),
    ("当年行政应诉案件从去年同期的58件增至63件。", 63),
    ("上年度行政应诉案件58件，本年度行政应诉案件63件。", 63),
])
def test_last_years_count_in_a_comparison_is_not_this_years(sentence: str, now: int) -> None:
    """58 is last year's number, stated to compare with: it gets no indicator and no check reads it;
    this year's count keeps the indicator."""
    figs = _figs(sentence)
    (old,) = [f for f in figs if f.value == 58]
    assert old.kind == "previous" and old.indicator is None
    (this,) = [f for f in figs if f.value == now]
    assert this.kind == "count" and this.indicator == "litigation.cases"


def test_a_change_is_of_this_years_count_not_of_the_one_it_is_measured_from() -> None:
    figs = fazhi.analyze_text(build(measures=MEASURES + "全年行政应诉案件63件，比上年的58件增长8.6%。\n")).figures
    (change,) = [f for f in figs if f.kind == "change" and f.value == 8.6]
    assert change.refers_to is not None and figs[change.refers_to].value == 63


def test_a_span_since_last_year_is_still_counted() -> None:
    """去年以来 reaches into the report's year: its count stays a count."""
    (f,) = [f for f in _figs("去年以来，全县行政应诉案件63件。") if f.value == 63]
    assert f.kind == "count" and f.indicator == "litigation.cases"


def test_no_rate_is_recomputed_on_last_years_count() -> None:
    """A rate stated for this year is not checked against a count that was last year's: the opinion
    would say 出庭率应为… of a base the report never gave for the year."""
    text = build(measures=MEASURES + "行政应诉案件比上年的60件减少了36件，行政机关负责人出庭应诉24件，出庭应诉率100%。\n")
    r = fazhi.analyze_text(text)
    assert not [f for f in r.findings if f.check == "rate_consistency" and "60" in f.message]


# -- stock openings are no evidence of copying ---------------------------------------------------

_OPENING = ("2023年，在区委、区政府的{lead}领导下，在区委依法治区办的{guide}指导下，{unit}坚持以习近平新时代中国特色社会主义"
            "思想为指导，全面贯彻党的二十大和二十届二中全会精神，深入学习贯彻习近平法治思想，认真落实中央、省、市、区关于"
            "法治政府建设的决策部署，紧紧围绕法治政府建设目标任务，扎实推进依法行政各项工作，法治政府建设取得了积极成效。"
            "现将2023年度法治政府建设工作情况报告如下：\n")


def _street(unit: str, lead: str, guide: str, body: str) -> str:
    return (f"{unit}2023年法治政府建设工作情况报告\n" + _OPENING.format(unit=unit, lead=lead, guide=guide)
            + "一、主要举措和成效\n" + body + f"\n{unit}办事处\n2024年3月15日\n")


_BODY_A = ("（一）规范执法。街道综合执法中队查处占道经营案件61件，清理违规广告牌37块，执法记录仪使用率100%。\n"
           "（二）调解纠纷。街道人民调解委员会受理物业纠纷88件，调解成功80件，移交法院诉调对接8件。\n")
_BODY_B = ("（一）依法决策。街道党工委会议研究重大事项9项，全部经过法律顾问审查，审核合同17份。\n"
           "（二）法治宣传。在社区开展“宪法进小区”活动14场，组建居民普法志愿队2支，覆盖居民1.2万人。\n")


def test_two_streets_opening_with_the_same_formulas_are_not_near_duplicates(tmp_path: Path) -> None:
    """The opening formulas (在…的坚强领导下, 坚持以…为指导, 关于…的决策部署, 取得了积极成效, 现将…报告如下), in the
    forms units vary them, are shared by obligation, not copied; the streets' own work differs."""
    db = _corpus(tmp_path, {"a.txt": _street("东湖街道", "坚强", "具体", _BODY_A),
                            "b.txt": _street("南岭街道", "正确", "精心", _BODY_B)})
    with Corpus(db) as c:
        assert c.findings(check="near_duplicate").empty


def test_own_work_copied_under_a_stock_opening_is_still_found(tmp_path: Path) -> None:
    db = _corpus(tmp_path, {"a.txt": _street("东湖街道", "坚强", "具体", _BODY_A),
                            "b.txt": _street("南岭街道", "正确", "精心", _BODY_A.replace("61件", "60件"))})
    with Corpus(db) as c:
        found = c.findings(check="near_duplicate")
    assert not found.empty and all("坚持以习近平" not in m for m in found["message"])


# -- a date of another page is not the report's 成文日期 ----------------------------------------------

_TITLED = dict(title="香河县人民政府关于2023年度法治政府建设情况的报告", published=None)


@pytest.mark.parametrize("tail,signed", [
    # the report's own signature, then the site's list of other pages with their dates
    ("香河县人民政府\n2024年2月26日\n推荐阅读：\n某区2022年度依法行政工作总结\n2023-07-04\n", "2024-02-26"),
    ("香河县人民政府\n2024年2月26日\n猜你喜欢\n某街道法治建设情况汇报 2024-05-30\n", "2024-02-26"),
    # no signature of its own: the listed page's date is not taken for one
    ("相关范文\n某乡2022年法治政府建设工作报告\n2023-07-04\n", None),
    ("某乡2022年法治政府建设工作报告\n2023-07-04\n", None),
    # a date deep inside the year the report covers is no signing date of that year's report
    ("2023年7月4日\n相关文档\n某乡2022年法治政府建设工作报告\n", None),
])
def test_the_signing_date_is_never_another_listed_pages(tail: str, signed: str | None) -> None:
    r = fazhi.analyze_text(build(**_TITLED) + "\n" + tail)
    assert r.metadata.report_year == 2023 and r.metadata.signed == signed


def test_a_department_is_not_called_late_on_a_listed_pages_date() -> None:
    """The 3月1日 deadline of a department's report is checked on its own signing date only."""
    text = (build(title="香河县司法局关于2023年度法治政府建设情况的报告", published="2024-03-20")
            + "\n香河县司法局\n2024年2月20日\n相关文档\n某局2023年法治政府建设年度报告\n2024-04-18\n")
    r = fazhi.analyze_text(text)
    assert r.metadata.signed == "2024-02-20"
    assert not [f for f in r.findings if f.check == "timeliness"]


# -- a copy found on another site is not what the unit submitted ------------------------------------

def _page(d: Path, name: str, url: str, text: str, tail: str = "") -> None:
    """A saved web page of `text` with the crawl manifest line that gives its address."""
    import json

    d.mkdir(parents=True, exist_ok=True)
    body = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip()) + tail
    (d / name).write_text(f"<html><head><meta charset='utf-8'><title>文档</title></head><body>{body}</body></html>",
                          "utf-8")
    with (d / "fazhi-crawl.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"url": url, "path": name, "status": 200}) + "\n")


_COPY_TAIL = ("<p>香河县人民政府</p><p>2024年3月12日</p><h3>推荐阅读</h3>"
              "<p>某区2022年度法治政府建设情况报告</p><p>2023-06-15</p>")


@pytest.fixture()
def copy_corpus(tmp_path: Path) -> Path:
    text = build(title="香河县人民政府关于2023年度法治政府建设情况的报告", published="2024-06-03")
    _page(tmp_path / "in", "copy.html", "https://www.wenku-sample.net/p/5531.html", text, _COPY_TAIL)
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
    return db


def test_a_copy_on_another_site_is_known_as_such(copy_corpus: Path) -> None:
    with Corpus(copy_corpus) as c:
        (rep,) = c.reports().to_dict("records")
        fs = c.findings()
    assert rep["found_on"] == "www.wenku-sample.net" and str(rep["signed"])[:10] == "2024-03-12"
    # the copy's date is no publication date of the unit: no lateness stated on it
    (t,) = fs[fs["check"] == "timeliness"].to_dict("records")
    assert t["severity"] == "info" and "www.wenku-sample.net" in t["message"] and "晚于" not in t["message"]
    assert fs[fs["check"] == "report_year"].empty


def test_the_opinion_on_a_copy_says_where_it_was_found(copy_corpus: Path, tmp_path: Path) -> None:
    with Corpus(copy_corpus) as c:
        (out,) = export(c, tmp_path / "审查意见", kind="opinions", issuer="某办")
    text = "\n".join(_texts(out))
    assert "你单位报送" not in text and "在网站www.wenku-sample.net上查到" in text
    assert "公开日期2024年6月3日" not in text and "该页面所署日期为2024年6月3日" in text


def test_the_notice_counts_a_copy_as_found_not_sent(copy_corpus: Path, tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text("单位名称,层级,上级\n香河县,county,廊坊市\n三河市,county,廊坊市\n", "utf-8")
    with Corpus(copy_corpus) as c:
        (out,) = export(c, tmp_path / "通报.docx", kind="notice", registry=str(units), year=2023, issuer="某办")
        st = c.status(2023)
    text = "\n".join(_texts(out))
    assert "已报送1个" not in text and "其中1个是在其他网站查到的转载" in text
    assert "香河县（报告查自其他网站）" in text and "逾期" not in text
    (row,) = st[st["unit"] == "香河县"].to_dict("records")
    assert row["status"] == "unpublished" and "www.wenku-sample.net" in row["note"]


def test_an_older_corpus_learns_which_reports_are_copies(copy_corpus: Path) -> None:
    """A file from before records.found_on is upgraded from its documents' addresses."""
    with Corpus(copy_corpus) as c:
        c.con.execute("ALTER TABLE records DROP COLUMN found_on")
        c.con.execute("DELETE FROM schema_info WHERE version >= 8")
    with Corpus(copy_corpus) as c:
        assert c.reports()["found_on"].tolist() == ["www.wenku-sample.net"]


@pytest.mark.parametrize("url,copy", [
    ("https://www.wenku-sample.net/p/1.html", True),       # no government's site
    ("http://www.xianghe.gov.cn/art/2024/3/1.html", False),  # the county's own
    ("http://www.langfang.gov.cn/x/1.html", False),          # the city above it
    ("http://www.shiyan.gov.cn/x/1.html", True),             # a city elsewhere reposting it
    (None, False),                                           # a file with no address
])
def test_found_on_tells_the_units_own_site_from_another(url: str | None, copy: bool) -> None:
    from fazhi.understand.attribution.places import found_on

    assert bool(found_on(url, "131024")) is copy


def test_the_first_responsible_persons_formula_is_no_evidence_of_copying(tmp_path: Path) -> None:
    """Two townships each saying their leaders did what the rules ask, in the words the rules and the
    genre give (履行第一责任人职责, 带头学习贯彻, 专题研究法治建设N次, 亲自部署、亲自过问), have not copied
    each other, even where a count happens to agree."""
    duty = ("镇党委书记、镇长认真履行推进法治建设第一责任人职责，带头学习贯彻习近平法治思想，镇党委会议、"
            "党政联席会议专题研究法治建设工作{n}次，先后{m}次听取法治建设工作汇报，签批法治工作文件{k}件，"
            "对重要工作亲自部署、重大问题亲自过问。\n")
    db = _corpus(tmp_path, {
        "a.txt": _street("东湖街道", "坚强", "具体", _BODY_A + duty.format(n=4, m=6, k=12)),
        "b.txt": _street("南岭街道", "正确", "精心", _BODY_B + duty.format(n=4, m=3, k=9))})
    with Corpus(db) as c:
        assert c.findings(check="near_duplicate").empty


def test_an_opinion_on_lateness_alone_does_not_ask_to_revise_the_report(tmp_path: Path) -> None:
    """A report whose only problem is its date is asked to keep the deadline, not to be revised."""
    def opinion(name: str, text: str) -> str:
        db = _corpus(tmp_path / name, {f"{name}.txt": text})
        with Corpus(db) as c:
            (f,) = export(c, tmp_path / name / "审查意见", kind="opinions", issuer="某办")
        return "\n".join(_texts(f))

    late = opinion("late", build(published="2024-06-12"))
    assert "修改完善报告" not in late and "今后严格按照规定时限" in late
    flawed = opinion("flawed", build(published="2024-06-12", short=None))
    assert "修改完善报告" in flawed


def test_a_late_unit_is_not_asked_to_submit_again(tmp_path: Path) -> None:
    """With units missing and units late, only the missing are asked to 补报; the late, who published,
    to keep the deadline."""
    db = _corpus(tmp_path, {"late.txt": build(published="2024-05-08")})
    units = tmp_path / "units.csv"
    units.write_text("单位名称,层级,上级\n固安县,county,廊坊市\n大城县,county,廊坊市\n", "utf-8")
    with Corpus(db) as c:
        (out,) = export(c, tmp_path / "通报.docx", kind="notice", registry=str(units), year=2023, issuer="某办")
    asks = "\n".join(_texts(out)).split("工作要求")[1]
    assert "请未报送的单位抓紧补报" in asks and "请逾期公开的单位认真查找原因" in asks
    assert "逾期公开的单位抓紧补报" not in asks


def test_the_notice_lists_a_department_that_signed_after_its_deadline(tmp_path: Path) -> None:
    """A department's report signed after 3月1日 is late for submission though published in time: the
    notice, like its opinion, says so, and does not count it among the late publications."""
    text = (build(title="固安县司法局关于2023年度法治政府建设情况的报告", published="2024-03-22")
            + "\n固安县司法局\n2024年3月15日\n")
    db = _corpus(tmp_path, {"dept.txt": text})
    units = tmp_path / "units.csv"
    units.write_text("单位名称,层级,上级\n固安县司法局,department,固安县\n", "utf-8")
    with Corpus(db) as c:
        (out,) = export(c, tmp_path / "通报.docx", kind="notice", registry=str(units), year=2023, issuer="某办")
    body = "\n".join(_texts(out))
    assert "部门报告成文晚于报送时限" in body and "固安县司法局" in body.split("部门报告成文晚于报送时限")[1]
    assert "按时公开1个" in body and "逾期公开" not in body
    assert "请报告成文晚于报送时限的部门今后按时报送" in body


def test_analyze_says_a_copys_date_is_the_pages(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fazhi.cli import app

    text = build(title="香河县人民政府关于2023年度法治政府建设情况的报告", published="2024-06-03")
    _page(tmp_path / "in", "copy.html", "https://www.wenku-sample.net/p/77.html", text, _COPY_TAIL)
    out = CliRunner().invoke(app, ["analyze", str(tmp_path / "in" / "copy.html")]).output
    assert "查自其他网站：www.wenku-sample.net" in out


# -- a quote says which sentence is meant ------------------------------------------------------------

def test_a_short_quote_runs_on_to_the_end_of_its_clause(tmp_path: Path) -> None:
    """A year stated for the year's work is quoted with what follows it, not as a bare 2022年，; the
    finding keeps its span, so a reviewer's decision made on it still applies."""
    text = build(measures=MEASURES + "2022年，全县共组织行政执法人员培训6期，参训人员410人次。\n")
    db = _corpus(tmp_path, {"r.txt": text})
    with Corpus(db) as c:
        (f,) = c.findings(check="year_consistency").to_dict("records")
        assert f["quote"].startswith("2022年，全县共组织行政执法人员培训6期，")
        assert f["end"] - f["start"] < len(f["quote"])
        c.decide(f["sha256"], "year_consistency", f["start"], f["end"], f["message"], "confirmed", "往年内容")
        assert c.findings(check="year_consistency")["decision"].tolist() == ["confirmed"]
        (out,) = export(c, tmp_path / "审查意见", kind="opinions", issuer="某办")
    body = "\n".join(_texts(out))
    assert "原文：“2022年，全县共组织行政执法人员培训6期，”" in body


def test_a_quote_the_message_already_names_is_not_run_on() -> None:
    from fazhi.corpus.queries import widened

    assert widened("共件", "下达通知书5份。", "“共件”缺少数字或文字") == "共件"
    assert widened("2019年,", "我区共办理复议案件30件,", "此处成绩记为2019年") == "2019年,我区共办理复议案件30件,"
    assert widened("2019年,", "我区" + "深" * 40, None).endswith("……")


# -- a date in the page's address is not a date the page states -------------------------------------

def test_a_labelled_date_outranks_the_addresss_and_the_address_is_no_statement(tmp_path: Path) -> None:
    """A page made in 2022 (its address says so) that states 发布日期 2021-03-20 was published then:
    no lateness on the address's date; a page that states no date is said to be dated from its address."""
    labelled = build(published="2021-03-20").replace("2023", "2020").replace("2024", "2021")
    _page(tmp_path / "in", "a.html", "http://www.guan.gov.cn/zwgk/202211/t20221115_5567.html", labelled)
    undated = build(published=None)
    _page(tmp_path / "in", "b.html", "http://www.guan.gov.cn/zwgk/202404/t20240412_7781.html", undated)
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        reps = {r["source"].rsplit("/", 1)[-1]: r for r in c.reports().to_dict("records")}
        fs = c.findings(check="timeliness")
    assert str(reps["a.html"]["published"])[:10] == "2021-03-20"
    assert "published" not in list(reps["a.html"]["inferred"])
    assert not any("2022" in m for m in fs["message"])
    assert str(reps["b.html"]["published"])[:10] == "2024-04-12" and "published" in list(reps["b.html"]["inferred"])
    with Corpus(db) as c:
        outs = export(c, tmp_path / "审查意见", kind="opinions", issuer="某办")
    body = "\n".join("\n".join(_texts(o)) for o in outs)
    assert "公开日期“2024年4月12日”不是页面标明的发布日期" in body


# -- what the cut-off end explains is no finding ------------------------------------------------------

_CUT = "（四）推进依法决策。全年制定重大行政决策事项目录，对纳入目录的事项逐项开展合法性审查，并对《青山县城区停车管理"


def test_a_bracket_opened_where_the_text_was_cut_off_is_not_called_unclosed() -> None:
    """A title or a quotation opened in the sentence the text stops in may close in what was not
    received; one left open in a finished sentence before the cut still is a finding."""
    r = fazhi.analyze_text(build(short=None, plan=None) + _CUT)
    assert "mid_sentence" in r.truncation["reasons"]
    assert not [f for f in r.findings if f.check == "unbalanced_brackets"]
    r = fazhi.analyze_text(build(short=None, plan=None) + "印发《青山县法治宣传教育实施方案，全面推进普法。" + _CUT)
    (f,) = [f for f in r.findings if f.check == "unbalanced_brackets"]
    assert r.document.text[f.start:f.start + 6] == "《青山县法治"


@pytest.mark.parametrize("end", [
    "（二）推进严格规范公正文明执法\n6.",                      # a heading's number and nothing after it
    "（二）推进严格规范公正文明执法。一是规范",                 # an item only begun
    "（三）强化监督。二是开展行政执法案卷评查，评查案卷36卷。三是加强",
    "全年受理行政复议案件40件，办结36件，结案率为90%，群众满意度持续提升，复议纠错率保持在合理区间，行政复议主渠道作用进一步发挥。做",  # one character on
    "（二）推进严格规范公正文明执法",                             # a part's heading with nothing under it
    "（三）健全依法决策机制。编制年度重大行政决策事",              # its first sentence only begun
    "全年制定规范性文件5件。\n印发了《青山",                        # a title opened and not closed
    "二、推进严格规范公正文明执法\n（一",                           # cut inside a heading's number
])
def test_a_text_that_stops_on_a_number_or_an_item_only_begun_is_cut_off(end: str) -> None:
    from fazhi.understand.completeness import cut_off_tail

    assert cut_off_tail(build(short=None, plan=None) + end) is not None


@pytest.mark.parametrize("end", ["附件：1.青山县行政执法公示办法\n2.青山县法律顾问工作细则", "青山县人民政府\n2024年3月5日",
                                 "（此件公开发布）", "“扫一扫”在手机打开当前页"])
def test_a_list_of_attachments_or_a_signature_is_no_cut(end: str) -> None:
    from fazhi.understand.completeness import cut_off_tail

    assert cut_off_tail(build() + end) is None


# -- a department's report is a department's ------------------------------------------------------

_BUREAU_BODY = """2024年，我局在市委、市政府的坚强领导下，深入推进依法行政。现将有关情况报告如下：
一、主要举措和成效
全年办理行政处罚案件42件，组织执法人员培训3期。局主要负责人认真履行推进法治建设第一责任人职责。
二、存在的不足和原因
执法人员专业能力有待提高。
三、2025年工作安排
一是加强执法队伍培训；二是完善执法制度。
"""


@pytest.mark.parametrize("head,said", [
    # the body names the bureau: it is the unit inferred, with the place above it, and the example
    # title shown is a department's
    ("", "已根据正文推断为青山市交通运输局"),
    ("2024年法治工作总结\n", "已根据正文推断为青山市交通运输局"),
])
def test_a_departments_missing_title_names_the_department(head: str, said: str) -> None:
    text = head + _BUREAU_BODY.replace("我局在", "青山市交通运输局在", 1)
    r = fazhi.analyze_text(text)
    (msg,) = [f.message for f in r.findings if f.check == "missing_title"]
    assert r.metadata.level == "department"
    assert msg.endswith(said) and "人民政府关于" not in msg


def test_a_department_not_named_is_not_called_its_places_report() -> None:
    from fazhi.checks.document import missing_title
    from fazhi.record import Metadata, Report

    rep = fazhi.analyze_text(_BUREAU_BODY)
    md: Metadata = rep.metadata
    md.level, md.department, md.jurisdiction, md.province, md.city = "department", None, "青山市", "某省", None
    md.title, md.title_span = None, None
    (f,) = list(missing_title(Report(document=rep.document, metadata=md)))
    assert "青山市（某省）的一个部门，部门名称未能确定" in f.message and not f.message.endswith("推断为青山市（某省）")


# -- headings numbered on through the parts ------------------------------------------------------------

def _numbered(second_first: int) -> str:
    m = ("（一）加强组织领导\n1.健全工作机制。全年召开专题会议4次。\n2.压实工作责任。签订责任书36份。\n"
         f"（二）优化政务服务\n{second_first}.推进事项下放。承接下放事项184项。\n"
         f"{second_first + 1}.推进跨域通办。实现跨省通办事项266项。\n")
    return build(measures=m)


def test_headings_numbered_on_from_the_part_before_are_no_skip() -> None:
    """1. 2. under （一） and 3. 4. under （二） is one numbering through the part, not a 3. missing its 1."""
    r = fazhi.analyze_text(_numbered(3))
    assert not [f for f in r.findings if f.check == "heading_numbering"]


def test_a_part_that_starts_past_where_the_one_before_stopped_is_still_a_skip() -> None:
    r = fazhi.analyze_text(_numbered(4))
    (f,) = [f for f in r.findings if f.check == "heading_numbering"]
    assert "“4.”" in f.message


# -- what the parts saved is not their sum ------------------------------------------------------------

@pytest.mark.parametrize("sentence,flagged", [
    ("推行联合检查，与市场监管部门联合执法30次、与消防部门协同检查152次，共计减少入企检查233次。", False),
    ("推行并联审批，集中审批项目60个、并联审批项目45个，共计节省审批环节135个。", False),
    ("开展普法讲座50场、法治展览20场，合计开展普法活动80场。", True),
])
def test_a_total_of_what_the_parts_saved_is_not_their_sum(sentence: str, flagged: bool) -> None:
    assert bool(_findings_from(sentence, "sum_consistency")) is flagged


def test_an_opinion_on_a_cut_off_text_says_a_part_is_not_in_what_was_received(tmp_path: Path) -> None:
    """The shortcomings and the plan come last: of a text that stops mid-sentence the opinion says they
    are not in the text received, not that the report does not state them; of a whole text it says so."""
    db = _corpus(tmp_path, {"cut.txt": build(short=None, plan=None) + _CUT,
                            "whole.txt": build(short=None, title="三河市人民政府关于2023年度法治政府建设情况的报告")})
    with Corpus(db) as c:
        outs = export(c, tmp_path / "审查意见", kind="opinions", issuer="某办")
    bodies = {o.name: "\n".join(_texts(o)) for o in outs}
    (cut,) = [b for n, b in bodies.items() if n.startswith("固安县")]
    (whole,) = [b for n, b in bodies.items() if n.startswith("三河市")]
    assert "所收到的报告文本中未见推进法治政府建设存在的不足和问题" in cut and "报告未写明" not in cut
    assert "报告未写明推进法治政府建设存在的不足和问题" in whole and "所收到的报告文本中未见" not in whole
    # the workbook says it in the same words as the opinions
    import openpyxl

    with Corpus(db) as c:
        (xlsx,) = export(c, tmp_path / "审查结果.xlsx")
    ws = openpyxl.load_workbook(xlsx)["问题"]
    head = [c.value for c in ws[1]]
    said = {(r[head.index("单位")], r[head.index("问题说明")]) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert ("固安县", "所收到的报告文本中未见推进法治政府建设存在的不足和问题") in said
    assert ("三河市", "报告未写明推进法治政府建设存在的不足和问题") in said


def test_a_notice_without_a_unit_list_says_which_reports_were_found_not_received(tmp_path: Path) -> None:
    """A copy on a site that is not the unit's own was found there: the notice neither counts it as
    received nor lists its unit as if the unit had sent it."""
    copy = build(title="香河县人民政府关于2023年度法治政府建设情况的报告", plan=None)
    _page(tmp_path / "in", "copy.html", "https://www.wenku-sample.net/p/8812.html", copy)
    (tmp_path / "in" / "own.txt").write_text(build(plan=None), "utf-8")
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        (out,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办")
    text = "\n".join(_texts(out))
    assert "对收到和查到的2份2023年度法治政府建设年度报告（其中1份是在其他网站查到的转载）进行了检查" in text
    assert "香河县（报告查自其他网站）" in text and "固安县（" not in text


# -- a dash between the steps of a chain is no lost 一 -------------------------------------------------

@pytest.mark.parametrize("sentence,lost", [
    ("建立“受理登记—分类处理—销号管理—案例汇总”闭环机制，解决企业诉求54件。", False),
    ("推行“申请—受理—审查—决定”全流程网办。", False),
    ("进—步规范行政执法行为，全年开展执法检查12次。", True),
    ("推行“—网通办”，办件量逐年提升。", True),
])
def test_a_dash_joining_the_steps_of_a_chain_is_no_lost_one(sentence: str, lost: bool) -> None:
    assert bool(_findings_from(sentence, "typo")) is lost


def test_a_list_under_a_part_heading_run_into_the_text_is_a_new_list() -> None:
    """A text whose line breaks were lost runs （二） into its paragraph: the 一是 after it opens the
    second part's list; a 一是 after a plain full stop in a running list still is a repeat."""
    run_in = ("全年法治政府建设稳步推进。 (一)加强组织领导。一是健全机制，召开专题会议4次。二是压实责任，签订责任书36份。"
              "三是强化考核，将法治建设纳入绩效考核。 (二)推进依法行政。一是规范决策，审查重大决策事项9件。\n")
    r = fazhi.analyze_text(build(measures=MEASURES + run_in))
    pos = r.document.text.find(run_in)
    assert not [f for f in r.findings if f.check == "enumeration_gap" and f.start >= pos]
    repeat = "一是健全机制，召开专题会议4次。二是压实责任，签订责任书36份。一是规范决策，审查重大决策事项9件。三是规范执法。\n"
    r = fazhi.analyze_text(build(measures=MEASURES + repeat))
    pos = r.document.text.find(repeat)
    assert [f for f in r.findings if f.check == "enumeration_gap" and f.start >= pos]


# -- a text cut after a full sentence, still in its first part ----------------------------------------

_FIRST_PART = ("一、全年工作开展情况\n"
               "（一）强化法治理念。区政府常务会议专题学法6次，组织领导干部旁听庭审1次，全年举办法治讲座4场，"
               "覆盖机关干部三百余人次，干部运用法治思维解决问题的能力明显增强。\n"
               "（二）推进依法决策。编制年度重大行政决策事项目录，对纳入目录的9项决策逐项开展风险评估和合法性审查，"
               "重大决策听取意见、集体讨论等程序全部落实到位，决策质量和效率进一步提高。\n"
               "（三）规范执法行为。全面落实行政执法三项制度，全年评查执法案卷86卷，对评查发现的问题逐项督促整改，"
               "执法人员规范意识明显提升。")


@pytest.mark.parametrize("text,cut", [
    ("青山区人民政府关于2023年度法治政府建设情况的报告\n" + _FIRST_PART, True),
    # the same part followed by a signature and a date: the report ends there, whole
    ("青山区人民政府关于2023年度法治政府建设情况的报告\n" + _FIRST_PART + "\n青山区人民政府\n2024年3月8日", False),
    # a second part numbered: the text got past its first part
    ("青山区人民政府关于2023年度法治政府建设情况的报告\n" + _FIRST_PART + "\n二、下一步工作打算\n"
     "一是继续抓好领导干部学法；二是持续规范执法行为。", False),
    # a short report whose closing words are unnumbered paragraphs after its one part
    ("青山区人民政府关于2023年度法治政府建设情况的报告\n" + _FIRST_PART + "\n"
     "同时，我区法治政府建设仍存在执法力量不足等问题。下一步，我区将加强执法队伍建设，持续提升依法行政水平。", False),
])
def test_a_text_stopping_on_a_full_sentence_inside_its_first_part_is_cut_off(text: str, cut: bool) -> None:
    r = fazhi.analyze_text(text)
    assert ("first_part_only" in (r.truncation or {}).get("reasons", [])) is cut


def test_an_opinion_on_a_text_stopping_inside_its_first_part_says_what_was_received(tmp_path: Path) -> None:
    """Such a text's missing shortcomings and plan are not in what was received; the opinion says where
    the text ends and why it is taken as incomplete, and a whole report keeps 报告未写明."""
    db = _corpus(tmp_path, {"a.txt": "青山区人民政府关于2023年度法治政府建设情况的报告\n" + _FIRST_PART})
    with Corpus(db) as c:
        (out,) = export(c, tmp_path / "审查意见", kind="opinions", issuer="某办")
    body = "\n".join(_texts(out))
    assert "所收到的报告文本中未见推进法治政府建设存在的不足和问题" in body and "报告未写明" not in body
    assert "规范意识明显提升。”处结束，此时正文仍在第一部分之中" in body


# -- whom a department's notice goes to when its name was not found --------------------------------

def test_a_department_not_named_gets_a_blank_addressee_line_not_its_place() -> None:
    """The place is not the department: the 主送 is a blank to fill in, the title and the caveat name
    the place's unknown department, and the caveat still says the unit was inferred."""
    from fazhi.export.addressing import addressing

    rep = {"level": "department", "department": None, "jurisdiction": "青山市", "unit_name": "青山市",
           "issuer": "青山市", "report_year": 2023, "inferred": ["department", "jurisdiction"]}
    a = addressing(rep)
    assert a.addressee is None and a.unit == "青山市（部门名称未识别）"
    assert a.caveat(2023) == "本意见所称报告单位“青山市（部门名称未识别）”系根据报告内容推断。如有误，请予告知。"


# -- lateness on a date the page does not label -------------------------------------------------------

def test_lateness_on_an_inferred_date_is_said_to_rest_on_it_in_every_export(tmp_path: Path) -> None:
    """A page with no 发布日期 whose address dates it after 4月1日: the opinion, the 通报 and the workbook
    say the date was inferred wherever they state the lateness; a page that labels the same late date
    states it plainly."""
    import openpyxl

    undated = build(title="大河县人民政府关于2023年度法治政府建设情况的报告", published=None)
    _page(tmp_path / "in", "u.html", "http://www.dahe.gov.cn/xxgk/202405/t20240509_3301.html", undated)
    labelled = build(title="小河县人民政府关于2023年度法治政府建设情况的报告", published="2024-05-09")
    _page(tmp_path / "in", "l.html", "http://www.xiaohe.gov.cn/xxgk/202405/t20240509_3302.html", labelled)
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        outs = export(c, tmp_path / "审查意见", kind="opinions", issuer="某办")
        (notice,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办")
        (xlsx,) = export(c, tmp_path / "审查结果.xlsx")
    guess = "该公开日期系根据网页地址或页面上的其他日期推断"
    bodies = {o.name[:3]: "\n".join(_texts(o)) for o in outs}
    late = [p for p in bodies["大河县"].splitlines() if "晚于规定时限" in p]
    assert late and all(guess in p for p in late)
    assert any("晚于规定时限" in p for p in bodies["小河县"].splitlines()) and guess not in bodies["小河县"]
    line = next(p for p in _texts(notice) if "未按时公开" in p)
    assert "大河县人民政府（公开日期系推断）" in line and "小河县人民政府（" not in line
    ws = openpyxl.load_workbook(xlsx)["问题"]
    head = [c.value for c in ws[1]]
    said = {r[head.index("单位")][:3]: r[head.index("问题说明")] for r in ws.iter_rows(min_row=2, values_only=True)
            if r[head.index("检查编号")] == "timeliness"}
    assert guess in said["大河县"] and guess not in said["小河县"]


# -- a document number keeps both its brackets in every excerpt -----------------------------------------

def test_the_last_characters_of_a_cut_text_do_not_start_inside_a_document_number() -> None:
    from fazhi.understand.completeness import cut_off_tail

    tail = cut_off_tail(build(short=None, plan=None) + "转发《关于规范执法的通知》（白政办〔2024〕17号），督促各单位")
    assert tail.endswith("督促各单位") and "〔2024〕17号" in tail and "〕" not in tail.split("〔")[0]


def test_a_quote_run_on_does_not_end_inside_a_document_number() -> None:
    from fazhi.corpus.queries import widened

    said = widened("2022年,", "依照白政发〔2022")
    assert said == "2022年,依照白政发……"
    assert widened("2022年,", "依照白政发〔2022〕9号文件全面清理各类证明事项并").endswith("〔2022〕9号文件全面清理各类证明事项并……")


def test_a_bracket_findings_context_shows_a_document_number_whole() -> None:
    """The context runs twelve characters either side of the stray bracket: a document number those
    twelve characters would cut is shown with both its brackets."""
    line = "（一）清理文件。对照白政规〔2023〕4号等8件文件开展清理）并公布了保留目录，废止文件3件。\n"
    r = fazhi.analyze_text(build(measures=line + MEASURES))
    (f,) = [f for f in r.findings if f.check == "unbalanced_brackets"]
    context = f.message.split("：", 1)[1]
    assert context.count("〔") == context.count("〕") == 1


# -- a unit the page's 发布机构 field states is not inferred ----------------------------------------------

def test_a_department_named_by_the_pages_issuer_field_is_stated_not_inferred() -> None:
    """A title without its unit, a 发布机构 field naming the bureau in full and a body that says 市水利局:
    the unit is the page's, and the message says where it was read, not 根据正文推断."""
    from fazhi.understand.completeness import inferred_fields

    text = ("关于2023年度法治政府建设情况的报告\n发布机构：长沙市水利局\n发文日期：2024-03-12\n"
            + _BUREAU_BODY.replace("我局在", "市水利局在", 1))
    r = fazhi.analyze_text(text)
    md = r.metadata
    assert md.department == "长沙市水利局"
    assert "department" not in inferred_fields({"evidence": md.evidence, "inferred": md.inferred,
                                                "department": md.department})
    (msg,) = [f.message for f in r.findings if f.check == "missing_title"]
    assert msg.endswith("页面的发布机构栏写明为长沙市水利局") and "根据正文" not in msg


def test_a_zone_known_by_its_place_is_addressed_as_its_committee() -> None:
    """A 新区 or 开发区 whose report names no body is addressed as its 管理委员会, never as the bare place;
    a body the report names is kept as written."""
    from fazhi.export.addressing import addressing

    rep = {"level": None, "department": None, "jurisdiction": "白沙新区", "issuer": "白沙新区", "report_year": 2024,
           "inferred": ["issuer"]}
    assert addressing(rep).addressee == "白沙新区管理委员会" and addressing(rep).unit == "白沙新区"
    rep["issuer"] = "白沙新区管委会"
    assert addressing(rep).addressee == "白沙新区管委会"
    rep.update(jurisdiction="白沙镇", issuer="白沙镇", level="township")
    assert addressing(rep).addressee == "白沙镇人民政府"


def test_a_web_pages_info_line_dates_and_names_the_report(tmp_path: Path) -> None:
    """Read as a web page: a bare 日期： in the info line (日期：… 来源：…) is the publication date the page
    states, and a 发布机构 field naming the bureau in full makes the unit stated, not inferred."""
    text = ("关于2023年度法治政府建设情况的报告\n日期：2024-03-06 09:30 来源：法规科 访问量：\n发布机构：长沙市水利局\n"
            + _BUREAU_BODY.replace("我局在", "市水利局在", 1))
    _page(tmp_path, "p.html", "https://slj.changsha.gov.cn/zwgk/202403/c01_55121.shtml", text)
    r = fazhi.analyze(tmp_path / "p.html")
    md = r.metadata
    assert md.published == "2024-03-06" and md.department == "长沙市水利局"
    assert md.evidence["department"]["source"] == "issuer_field"
    (msg,) = [f.message for f in r.findings if f.check == "missing_title"]
    assert msg.endswith("页面的发布机构栏写明为长沙市水利局")


def test_an_opinion_whose_only_findings_may_lie_in_the_part_not_received_asks_to_check_the_original(
        tmp_path: Path) -> None:
    """A cut text whose only findings are parts not seen is not told it has problems to correct: it is
    asked to check them against the original, and to revise only if the original lacks them too."""
    db = _corpus(tmp_path, {"a.txt": "青山区人民政府关于2023年度法治政府建设情况的报告\n" + _FIRST_PART})
    with Corpus(db) as c:
        (out,) = export(c, tmp_path / "审查意见", kind="opinions", issuer="某办")
    body = "\n".join(_texts(out))
    assert "所收到的文本中未见以下3项规定内容，请对照报告原件核实" in body
    assert "存在以下" not in body and "请于收到本意见后及时修改完善报告" not in body
    assert "报告原件确实缺少上述内容的，请修改完善报告" in body


@pytest.mark.parametrize("written,said", [
    ("（红岭发〔20229号）", "文号中的“〔20229号”缺少“〕”，应为“〔2022〕9号”"),
    ("（红岭发2022〕9号）", "文号中的“2022〕9号”缺少“〔”，应为“〔2022〕9号”"),
])
def test_a_document_number_that_lost_a_bracket_is_named_as_one(written: str, said: str) -> None:
    """A bracket lost between a document number's year and its serial is not a stray bracket of the
    sentence: the finding names the document number and the form it should have."""
    line = f"（四）清理证明事项。按照《红岭县证明事项清理方案》{written}要求，取消证明事项12项。\n"
    r = fazhi.analyze_text(build(measures=MEASURES + line))
    (f,) = [f for f in r.findings if f.check == "unbalanced_brackets"]
    assert f.message.startswith(said)
    r = fazhi.analyze_text(build(measures=MEASURES + line.replace(written, "（红岭发〔2022〕9号）")))
    assert not [f for f in r.findings if f.check == "unbalanced_brackets"]
