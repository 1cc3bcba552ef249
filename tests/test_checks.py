"""One small self-written snippet per check, positive and negative.

Each test builds a short but complete report (title, publication date, the five required
contents) and changes one thing, so that exactly the check under test has a reason to fire.
"""
from __future__ import annotations

import pytest

import fazhi

TITLE = "固安县人民政府关于2023年度法治政府建设情况的报告"
MEASURES = (
    "（一）加强组织领导。县政府主要负责人认真履行推进法治建设第一责任人职责，主持召开常务会议专题研究法治政府建设4次。\n"
    "（二）规范行政执法。全县开展行政执法案卷评查2次，抽查案卷120份，整改问题15个。\n"
    "（三）化解矛盾纠纷。全年受理行政复议案件40件，办结36件，结案率为90%。\n"
)
SHORT = ("一是执法人员专业素质有待提高，全县持证执法人员中法律专业背景的仅占三成。"
         "主要原因是近年招录的执法人员多为非法律专业，培训时间不足。\n")
PLAN = "下一步，我县将围绕2024年重点任务，组织执法人员专题培训不少于6期，年底前完成全部执法事项清单修订。\n"


def build(measures: str = MEASURES, short: str = SHORT, plan: str = PLAN, title: str | None = TITLE,
          published: str | None = "2024-03-20", intro: str = "", plan_head: str = "三、2024年工作安排",
          short_head: str = "二、存在的不足和原因") -> str:
    head = (title + "\n") if title else ""
    if published:
        head += f"发布日期：{published}\n"
    body = intro + "一、主要举措和成效\n" + measures
    if short is not None:
        body += short_head + "\n" + short
    if plan is not None:
        body += plan_head + "\n" + plan
    return head + "\n" + body


def findings(text: str, check: str) -> list:
    r = fazhi.analyze_text(text)
    return [f for f in r.findings if f.check == check]


def flagged_at(text: str, check: str, evidence: str) -> bool:
    """True when `check` fires with a span covering (or touching) `evidence`."""
    pos = text.find(evidence)
    assert pos >= 0, evidence
    for f in findings(text, check):
        if f.start is not None and f.start <= pos + len(evidence) and f.end >= pos:
            return True
    return False


def test_clean_report_has_no_warnings_or_errors() -> None:
    r = fazhi.analyze_text(build())
    bad = [(f.check, f.message) for f in r.findings if f.severity in ("error", "warning")]
    assert bad == []
    assert r.metadata.jurisdiction == "固安县" and r.metadata.city == "廊坊市" and r.metadata.report_year == 2023


# -- document ---------------------------------------------------------------------------

def test_unreadable_empty_input() -> None:
    r = fazhi.analyze(b"")
    assert [f.check for f in r.findings] == ["unreadable"]
    assert "空" in r.findings[0].message


def test_unreadable_binary_input() -> None:
    r = fazhi.analyze(bytes(range(256)) * 20)
    assert [f.check for f in r.findings] == ["unreadable"]


@pytest.mark.parametrize("title,kind", [
    ("固安县人民政府2023年政府信息公开工作年度报告", "disclosure_report"),
    ("固安县2024年法治政府建设工作要点", "plan"),
    ("关于2023年度法治政府建设工作考核结果的通报", "notice"),
])
def test_not_a_report(title: str, kind: str) -> None:
    r = fazhi.analyze_text(build(title=title))
    assert r.metadata.doc_type == kind
    assert [f.check for f in r.findings] == ["not_a_report"]


def test_report_is_a_report() -> None:
    assert findings(build(), "not_a_report") == []


TOWN_PLAN = "下一步，我镇将围绕2024年重点任务，组织执法人员专题培训不少于6期，年底前完成全部执法事项清单修订。\n"


def test_missing_title_inferred_and_unknown() -> None:
    text = build(title=None, plan=TOWN_PLAN, intro="2023年，我镇在固安县委、县政府领导下，牛驼镇法治政府建设取得新进展。\n")
    r = fazhi.analyze_text(text)
    hits = [f for f in r.findings if f.check == "missing_title"]
    assert len(hits) == 1 and "牛驼镇" in hits[0].message
    assert r.metadata.jurisdiction == "牛驼镇" and r.metadata.county == "固安县"
    r2 = fazhi.analyze_text(build(title=None))
    assert any(f.check == "missing_title" and "无法确定" in f.message for f in r2.findings)


def test_a_title_that_names_no_unit_is_said_so_and_never_called_missing() -> None:
    """关于2023年度…的报告 is a title of the report's own, with no unit in it: the finding names that
    title and the unit read from the body; a first line with neither unit nor year is not said to be
    absent, only not to name the unit and the year."""
    intro = "2023年，永清县坚持以习近平法治思想为指导，全面推进法治政府建设。\n"
    r = fazhi.analyze_text(build(title="关于2023年度法治政府建设情况的报告", intro=intro))
    (hit,) = [f for f in r.findings if f.check == "missing_title"]
    assert hit.message.startswith("标题未写明发布单位：关于2023年度法治政府建设情况的报告") and "永清县" in hit.message
    r2 = fazhi.analyze_text(build(title="关于法治政府建设情况的报告", intro=intro))
    (hit2,) = [f for f in r2.findings if f.check == "missing_title"]
    assert "缺少标题" not in hit2.message and "没有写明单位和年度的标题" in hit2.message
    assert not findings(build(title="永清县人民政府关于2023年度法治政府建设情况的报告", intro=intro), "missing_title")


def test_missing_title_without_first_person_words() -> None:
    """A report that never says 我县 still names its whole area and government (全县, 县政府)."""
    intro = "2023年，永清县坚持以习近平法治思想为指导，永清县法治政府建设取得新成效。全县深入推进依法行政，县政府常务会议学法4次。\n"
    r = fazhi.analyze_text(build(title=None, intro=intro, plan="下一步，全县将组织执法培训6期。\n"))
    assert r.metadata.jurisdiction == "永清县" and r.metadata.level == "county"


def test_report_year_missing_and_mismatch() -> None:
    text = build(title="固安县人民政府法治政府建设情况的报告", plan_head="三、下一步工作安排",
                 plan="下一步，我县将继续推进法治政府建设，组织培训6期。\n")
    assert findings(text, "report_year")
    assert findings(build(published="2023-12-20"), "report_year")  # out before its own year ended
    assert not findings(build(), "report_year")


def test_a_report_years_late_has_one_finding_that_names_its_year() -> None:
    """Published two years after its deadline: one lateness finding, saying the report's year and
    that it is over a year late, not a second one on the same date under 报告年度存疑."""
    text = build(published="2025-06-10")
    assert not findings(text, "report_year")
    (late,) = findings(text, "timeliness")
    assert late.severity == "error" and "报告年度为2023年" in late.message and "超过一年" in late.message
    (once,) = findings(build(published="2024-05-10"), "timeliness")  # weeks late: the plain wording
    assert "超过一年" not in once.message and "报告年度" not in once.message
    # the next year but not a full year after the deadline: its year named, no "over a year"
    (next_year,) = findings(build(published="2025-02-14"), "timeliness")
    assert "报告年度为2023年" in next_year.message and "逾期320天" in next_year.message
    assert "超过一年" not in next_year.message


@pytest.mark.parametrize("published,severity", [("2024-04-02", "error"), ("2024-04-01", "warning"),
                                                ("2024-03-31", None), (None, "info")])
def test_timeliness(published: str | None, severity: str | None) -> None:
    got = findings(build(published=published), "timeliness")
    assert [f.severity for f in got] == ([severity] if severity else [])


def test_timeliness_department_signed_after_1_march() -> None:
    text = build(title="固安县司法局关于2023年度法治政府建设情况的报告") + "\n固安县司法局\n2024年3月15日\n"
    got = findings(text, "timeliness")
    assert any("3月1日" in f.message for f in got)
    ok = build(title="固安县司法局关于2023年度法治政府建设情况的报告") + "\n固安县司法局\n2024年2月20日\n"
    assert not findings(ok, "timeliness")


def test_timeliness_department_before_2019_had_the_first_quarter() -> None:
    def dept_2017(signed: str) -> str:
        return build(title="固安县司法局关于2017年度法治政府建设情况的报告", published="2018-03-30",
                     plan_head="三、2018年工作安排") + f"\n固安县司法局\n{signed}\n"
    assert not findings(dept_2017("2018年3月15日"), "timeliness")
    late = findings(dept_2017("2018年4月2日"), "timeliness")
    assert len(late) == 1 and "第一季度" in late[0].message


# -- required contents ---------------------------------------------------------------------

def test_measures_missing() -> None:
    text = build(measures="")
    assert findings(text, "measures_missing")
    assert not findings(build(), "measures_missing")


def test_shortcomings_missing() -> None:
    assert findings(build(short=None), "shortcomings_missing")
    assert not findings(build(), "shortcomings_missing")


def test_causes_missing() -> None:
    short = "一是执法人员专业素质有待提高。二是规范性文件备案审查不够及时。\n"
    assert findings(build(short=short, short_head="二、存在的问题"), "causes_missing")
    assert not findings(build(), "causes_missing")


def test_first_responsibility_missing_and_plan_only() -> None:
    measures = MEASURES.replace("县政府主要负责人认真履行推进法治建设第一责任人职责，", "")
    assert findings(build(measures=measures), "first_responsibility_missing")
    plan = "下一步，我县将严格落实党政主要负责人履行推进法治建设第一责任人职责，组织培训6期。\n"
    got = findings(build(measures=measures, plan=plan), "first_responsibility_missing")
    assert got and "下一年度" in got[0].message
    assert not findings(build(), "first_responsibility_missing")


def test_next_year_plan_missing() -> None:
    assert findings(build(plan=None), "next_year_plan_missing")
    assert not findings(build(), "next_year_plan_missing")


# -- arithmetic ------------------------------------------------------------------------------

def test_rate_consistency_error_states_the_right_rate() -> None:
    measures = MEASURES.replace("办结36件，结案率为90%", "办结36件，结案率为95.3%")
    text = build(measures=measures)
    got = findings(text, "rate_consistency")
    assert len(got) == 1 and got[0].severity == "error"
    assert "90.0%" in got[0].message and "95.3%" in got[0].message
    assert flagged_at(text, "rate_consistency", "结案率为95.3%")


def test_rate_consistency_within_rounding_and_approx() -> None:
    measures = MEASURES.replace("办结36件，结案率为90%", "办结35件，结案率为87.5%")
    assert not findings(build(measures=measures), "rate_consistency")
    approx = MEASURES.replace("办结36件，结案率为90%", "办结35件，结案率约为88%")
    assert not findings(build(measures=approx), "rate_consistency")


def test_a_range_of_rates_is_not_recomputed() -> None:
    # 结案率在80%—95%: one range, not two rates checked alone against 36 of 40
    for stated in ("结案率在80%—95%", "结案率在80%-95%之间", "结案率为80%至95%"):
        measures = MEASURES.replace("办结36件，结案率为90%", f"办结36件，{stated}")
        assert not findings(build(measures=measures), "rate_consistency"), stated


def test_rate_consistency_no_whole_base_and_over_100() -> None:
    m = MEASURES + "（四）多元解纷。全年成功调处纠纷272件，调解成功率98.16%。\n"
    got = findings(build(measures=m), "rate_consistency")
    assert got and got[0].severity == "warning"
    ok = MEASURES + "（四）规范执法。216人取得执法证，通过率88.16%。\n"
    assert not findings(build(measures=ok), "rate_consistency")
    over = MEASURES + "（四）多元解纷。全年受理矛盾纠纷30件，调解成功率105%。\n"
    assert any("超过100%" in f.message for f in findings(build(measures=over), "rate_consistency"))


def test_sum_consistency() -> None:
    bad = MEASURES + "（四）行政复议。共办理行政复议案件35件，其中维持20件、撤销5件、确认违法3件、驳回6件、终止2件。\n"
    got = findings(build(measures=bad), "sum_consistency")
    assert len(got) == 1 and "36" in got[0].message and "35" in got[0].message
    good = MEASURES + "（四）行政复议。共办理行政复议案件36件，其中维持20件、撤销5件、确认违法3件、驳回6件、终止2件。\n"
    assert not findings(build(measures=good), "sum_consistency")
    partial = MEASURES + "（四）矛盾纠纷。共排查矛盾纠纷120件，其中邻里纠纷30件、婚姻家庭纠纷20件。\n"
    assert not findings(build(measures=partial), "sum_consistency")


def test_sum_consistency_list_in_dunhao_ends_at_the_next_clause() -> None:
    # the parts joined by 、 end at the comma; the stock after it is the next clause's figure
    bad = MEASURES + "（四）权力清单。县级再精简和承接审批事项75项，其中精简47项、承接30项，县级审批事项总数降至812项。\n"
    got = findings(build(measures=bad), "sum_consistency")
    assert len(got) == 1 and "77" in got[0].message and "75" in got[0].message
    good = MEASURES + "（四）权力清单。县级再精简和承接审批事项77项，其中精简47项、承接30项，县级审批事项总数降至812项。\n"
    assert not findings(build(measures=good), "sum_consistency")
    # a list written with commas throughout keeps its parts after each comma
    commas = MEASURES + "（四）行政复议。共办理行政复议案件36件，其中维持20件，撤销5件，确认违法3件，驳回6件，终止3件。\n"
    got = findings(build(measures=commas), "sum_consistency")
    assert len(got) == 1 and "37" in got[0].message


def test_sum_consistency_same_noun_parts_and_trailing_total() -> None:
    over = MEASURES + "（四）调解组织。全县共有调委会245个，其中村（社区）调委会220个、行业性专业性调委会26个。\n"
    got = findings(build(measures=over), "sum_consistency")
    assert len(got) == 1 and "246" in got[0].message
    overlapping = MEASURES + "（四）执法队伍。全县共有执法人员500人，其中女性300人、党员260人。\n"
    assert not findings(build(measures=overlapping), "sum_consistency")  # categories may overlap
    trailing = MEASURES + "（四）普法。全县举办讲座50场、展览20场，合计开展活动80场。\n"
    got = findings(build(measures=trailing), "sum_consistency")
    assert len(got) == 1 and "70" in got[0].message
    fine = MEASURES + "（四）普法。全县举办讲座50场、展览30场，合计开展活动80场。\n"
    assert not findings(build(measures=fine), "sum_consistency")


def test_rate_consistency_of_a_change() -> None:
    wrong = MEASURES + "（四）行政应诉。办理行政诉讼案件82件，较上年减少15件，同比下降25%。\n"
    got = findings(build(measures=wrong), "rate_consistency")
    assert len(got) == 1 and "97件" in got[0].message and "15.5%" in got[0].message
    right = MEASURES + "（四）行政应诉。办理行政诉讼案件82件，较上年减少15件，同比下降15.5%。\n"
    assert not findings(build(measures=right), "rate_consistency")


def test_count_order() -> None:
    measures = MEASURES.replace("受理行政复议案件40件，办结36件，结案率为90%", "受理行政复议案件40件，办结46件")
    assert findings(build(measures=measures), "count_order")
    assert not findings(build(), "count_order")


# -- consistency -----------------------------------------------------------------------------

def test_year_consistency() -> None:
    m = MEASURES + "2022年，我县共审核规范性文件12件。\n"
    assert flagged_at(build(measures=m), "year_consistency", "2022年，我县")
    assert findings(build(plan_head="三、2025年工作安排"), "year_consistency")
    assert not findings(build(), "year_consistency")


def test_level_mismatch() -> None:
    m = MEASURES + "（四）全区共开展普法活动30场次。\n"
    assert flagged_at(build(measures=m, title="固安县人民政府关于2023年度法治政府建设情况的报告"), "level_mismatch", "全区")
    town = build(title=None, plan=TOWN_PLAN, intro="2023年，牛驼镇在固安县委领导下推进法治建设，我镇督促全乡依法行政。\n")
    (hit,) = findings(town, "level_mismatch")
    assert "推断为牛驼镇" in hit.message and "报告单位是" not in hit.message  # the town was read from the body
    stated = build(title="固安县牛驼镇人民政府关于2023年度法治政府建设情况的报告", plan=TOWN_PLAN,
                   intro="2023年，我镇督促全乡依法行政。\n")
    assert findings(stated, "level_mismatch")[0].message.startswith("报告单位是牛驼镇")
    gov = MEASURES + "（四）我局共审核合同10份。\n"
    assert findings(build(measures=gov), "level_mismatch")
    assert not findings(build(), "level_mismatch")


# -- structure -------------------------------------------------------------------------------

def test_heading_numbering_skip_repeat_missing() -> None:
    skip = build(plan_head="四、2024年工作安排")
    assert findings(skip, "heading_numbering")
    repeat = build(measures=MEASURES.replace("（三）化解", "（二）化解"))
    assert findings(repeat, "heading_numbering")
    lost = build().replace("一、主要举措和成效\n", "主要举措和成效\n")
    got = findings(lost, "heading_numbering")
    assert got and "缺少序号" in got[0].message
    assert not findings(build(), "heading_numbering")


def test_enumeration_gap() -> None:
    m = MEASURES + "（四）强化监督。一是完善制度；三是加强考核。\n"
    assert flagged_at(build(measures=m), "enumeration_gap", "三是加强考核")
    start = MEASURES + "（四）强化监督。二是完善制度；三是加强考核。\n"
    assert findings(build(measures=start), "enumeration_gap")
    ok = MEASURES + "（四）强化监督。一是完善制度；二是加强考核。\n"
    assert not findings(build(measures=ok), "enumeration_gap")


# -- text --------------------------------------------------------------------------------------

def test_unbalanced_brackets() -> None:
    m = MEASURES + "（四）推进镇（街道综合执法改革，制定配套制度11项。\n"
    assert flagged_at(build(measures=m), "unbalanced_brackets", "镇（街道")
    q = MEASURES + "（四）开展“法律进乡村活动20场次。\n"
    assert findings(build(measures=q), "unbalanced_brackets")
    assert not findings(build(), "unbalanced_brackets")


@pytest.mark.parametrize("snippet", ["积极申报第批示范创建", "共受理件，均已办结", "满意率达%，同比提高"])
def test_missing_text(snippet: str) -> None:
    m = MEASURES + f"（四）{snippet}。\n"
    assert findings(build(measures=m), "missing_text")


def test_missing_text_negative() -> None:
    assert not findings(build(), "missing_text")


@pytest.mark.parametrize("snippet,fix", [("进—步规范执法行为", "进一步"), ("2O23年度共培训6期", "2023"), ("完成清单修订。。", "。")])
def test_typo(snippet: str, fix: str) -> None:
    got = findings(build(measures=MEASURES + f"（四）{snippet}\n"), "typo")
    assert got and fix in got[0].message


def test_typo_negative() -> None:
    m = MEASURES + "（四）实施纲要（2021—2025年）——全面推进。\n"
    assert not findings(build(measures=m), "typo")


def test_generic_text() -> None:
    plan = ("下一步，我县将坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，"
            "进一步加强法治政府建设，不断提升依法行政水平，持续推进各项工作，为经济社会高质量发展营造良好法治环境。\n")
    assert findings(build(plan=plan), "generic_text")
    assert not findings(build(), "generic_text")


def test_causes_need_a_sentence_not_only_a_heading() -> None:
    short = "一是执法人员专业素质有待提高。二是规范性文件备案审查不够及时。\n"
    assert findings(build(short=short, short_head="二、存在的不足和原因"), "causes_missing")
    loose = "一是执法队伍不稳定，受编制和财政的限制，人员流动性大。\n"
    assert not findings(build(short=loose, short_head="二、存在的不足和原因"), "causes_missing")
