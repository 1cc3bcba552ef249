"""Numbers that are not figures of the year's work, and cues on either side of a number.

Snippets are invented; each imitates a phrasing seen in published reports.
"""
from __future__ import annotations

import pytest

import fazhi
from fazhi.understand.figures import NON_WORK_KINDS


def figs(text: str):
    return fazhi.analyze_text(text).figures


def one(text: str, value: float):
    got = [f for f in figs(text) if f.value == value]
    assert len(got) == 1, [(f.value, f.kind) for f in figs(text)]
    return got[0]


def test_a_target_is_kept_as_a_target():
    f = one("2024年，我县将力争把行政复议纠错率提升至45%以上。", 45)
    assert f.kind == "target" and f.indicator is None


def test_a_ceiling_in_an_assessment_is_a_target():
    f = one("全年办理行政复议案件20件，考核指标5%以下。", 5)
    assert f.kind == "target"
    assert one("全年办理行政复议案件20件，考核指标5%以下。", 20).kind == "count"


def test_a_goal_set_after_a_comma_to_fall_within_or_reach_a_level():
    text = "力争到2027年，全区行政诉讼败诉率下降至8%以内，政务服务好评率达到98%以上。"
    assert one(text, 8).kind == "target" and one(text, 98).kind == "target"
    # the same levels reached in the year reported are results
    done = "2023年，全区行政诉讼败诉率下降至8%，政务服务好评率达到98%以上。"
    assert one(done, 8).kind == "rate" and one(done, 98).kind == "rate"


def test_the_weight_of_a_part_in_an_assessment_is_not_a_figure_of_the_work():
    text = "将依法行政纳入部门年度目标考核，分值占比6%，全年考核单位32个。"
    assert one(text, 6).kind == "target" and one(text, 32).kind != "target"


def test_an_achieved_rise_is_not_a_target():
    f = one("2023年，行政复议纠错率提升至45%。", 45)
    assert f.kind == "rate"


def test_a_place_in_a_ranking():
    assert one("营商环境评价排名较上年前移16位。", 16).kind == "ranking"


def test_a_streak():
    f = one("我县连续6年获评依法行政考核优秀等次。", 6)
    assert f.kind == "streak" and f.indicator is None


def test_counts_of_places_compared():
    assert one("在全国31个省份的评估中位居前列。", 31).kind == "context"


def test_session_numbers_and_report_parts_are_not_numbers():
    text = "认真落实市委六届五次全会部署。本报告分为四个部分。"
    assert figs(text) == []


@pytest.mark.parametrize("text", [
    "《某县河道保护条例》经县十七届人大常委会二十九次会议表决通过。",
    "该办法提交市人大常委会十二次会议审议。",
    "经区政府27次常务会议审议通过后印发。",
])
def test_a_session_named_by_its_body_is_not_a_count_of_meetings(text):
    assert figs(text) == []


@pytest.mark.parametrize("text, value", [("区政府常务会议全年召开27次。", 27), ("县政府全年召开12次常务会议研究法治议题。", 12)])
def test_meetings_held_stay_counts(text, value):
    assert one(text, value).kind == "count"


def test_the_count_of_an_earlier_edition_of_a_list_is_the_previous_figure():
    f = one("部门权责清单事项从2020版的126项调整至118项。", 126)
    assert f.kind == "previous" and f.indicator is None
    assert one("部门权责清单事项从2020版的126项调整至118项。", 118).indicator == "power_list.items"


def test_a_place_name_that_begins_with_a_numeral():
    assert figs("三张镇党委坚持依法行政。") == []


def test_non_work_kinds_are_never_summed():
    text = ("全年共办理行政复议案件30件，其中维持20件、撤销10件。连续3年考核优秀，力争纠错率不低于15%。")
    r = fazhi.analyze_text(text)
    assert not [f for f in r.findings if f.check in ("sum_mismatch", "rate_consistency")]
    assert {f.kind for f in r.figures} & NON_WORK_KINDS == {"streak", "target"}


def test_the_cue_after_the_number():
    f = one("全年共有329名行政机关主要负责人出庭应诉。", 329)
    assert f.indicator == "litigation.head_appearances"
    f = one("梳理291项不予处罚事项。", 291)
    assert f.indicator == "enforcement.lenient_list_items"


def test_the_cue_of_an_enumeration_reaches_its_items():
    text = "全年审核规范性文件4份、合同协议12份。"
    assert [f.indicator for f in figs(text)] == ["normative_docs.reviewed", "legal_review.contracts"]


def test_the_count_of_the_items_just_listed():
    assert one("围绕立法、执法、司法、守法四个法治领域推进工作。", 4).kind == "context"
    # a count of documents after a list of their kinds is a figure
    assert one("审核规范性文件、合同、协议等30件。", 30).kind == "count"
    # a meeting count after a list of subjects is a figure
    assert one("就复议、应诉、信访、普法等工作召开党组会议4次。", 4).kind == "count"


def test_a_period_ahead_and_a_service_named_by_its_hours():
    assert one("明确未来五年法治政府建设的路径。", 5).kind == "context"
    assert one("依托24小时自助服务区办理业务。", 24).kind == "context"


def test_several_plenums_in_one_phrase():
    assert figs("认真学习市委六届七次、八次全会精神。") == []


def test_session_numbers_in_digits():
    assert figs("在县委十五届18次常委会议上听取法治建设汇报。") == []


def test_a_weekday_is_not_a_count():
    assert figs("机关干部坚持参加星期三集中学习和周五例会。") == []


def test_counts_of_places_in_an_assessment():
    assert one("在参评的80个城市中位居第五。", 80).kind == "context"
    assert one("全国60个地级市营商环境评价中排名靠前。", 60).kind == "context"


def test_a_standing_frequency_is_not_a_count_of_the_year():
    f = one("坚持每季度组织1次执法案卷交叉评查。", 1)
    assert f.kind == "frequency" and f.indicator is None


def test_a_minimum_is_a_target():
    assert one("要求各单位全年至少开展法治讲座3次。", 3).kind == "target"


def test_a_page_counter_is_not_a_figure():
    assert figs("某县2023年法治政府建设报告\n浏览:3381次 来源:本站\n") == []
    # only the counter: counts after it in the same sentence (a page flattened to one line) stay figures
    from fazhi.understand.figures import extract, mask
    work = "浏览次数:1200 2023年，我局共开展专项检查35次，培训120人次。"
    assert [(f.value, f.kind) for f in extract(work, 0, len(work), mask(work))] == [(35, "count"), (120, "count")]


def test_page_counters_in_other_wordings_are_not_figures():
    for counter in ("阅读 3.4万", "本文已被浏览 2718 次", "【纠错】 已阅 506 次", "已有 733 人阅读", "上一页 下一页 每页显示15条"):
        assert figs(f"某区2023年法治政府建设报告\n{counter}\n") == [], counter
    # the same words inside a sentence of the report stay figures
    assert one("普法公众号推文全年已有8600人次阅读学习。", 8600).kind == "count"


def test_one_of_several():
    assert one("我县作为全省4个试点县之一，推进综合执法改革。", 4).kind == "context"


def test_years_as_a_span():
    assert one("经过三年的持续努力，执法规范化水平明显提升。", 3).kind == "context"
    assert one("编制法治建设5年规划。", 5).kind == "context"


def test_a_streak_glossed_with_pinyin():
    assert one("全县连续(xù)八年获评考核优秀。", 8).kind == "streak"


def test_what_a_plan_is_made_of():
    assert one("制定实施方案，明确28个量化目标。", 28).kind == "context"
    assert one("建立健全12个工作机制。", 12).kind == "context"
    # a count of work listed beside it stays a figure
    assert one("形成调研报告15篇、政策建议9项。", 15).kind == "count"


def test_a_standard_every_unit_meets_is_a_target():
    assert one("各村（社区）均实现3名以上法律明白人。", 3).kind == "target"
    # the approximation after the number still tells a target of the year ahead
    assert one("下一步将把群众满意率提升至95%以上。", 95).kind == "target"


def test_numbers_written_as_hundreds_thousands_and_tens_of_thousands():
    got = {(f.value, f.unit, f.approx) for f in figs("张贴标语百余条，发放资料两万余份，覆盖群众千余人。")}
    assert got == {(100, "条", True), (20000, "份", True), (1000, "人", True)}
    # 三万余人次 is thirty thousand person-times, not three in a unit called 万余
    assert [(f.value, f.unit) for f in figs("覆盖群众三万余人次。")] == [(30000, "人次")]


def test_two_events_in_chinese():
    assert [f.value for f in figs("区政府常务会议两次专题研究法治工作，举办两场法治讲座。")] == [2, 2]
    assert figs("坚决做到两个维护。") == []


def test_a_place_near_the_top_is_a_ranking():
    assert one("法治政府建设考评位列全省前5名。", 5).kind == "ranking"


def test_a_rate_set_by_someone_else_is_a_target():
    assert one("行政复议案件纠错率超过省里规定的15%。", 15).kind == "target"
    # a count of tasks a plan set stays a figure: the tasks are the year's work
    assert one("全面完成年初确定的48项任务。", 48).kind == "count"


def test_a_policy_package_named_by_its_articles():
    assert one("出台支持民营经济高质量发展15条。", 15).kind == "context"
    assert one("把营商环境政策由10条迭代升级为18条。", 18).kind == "context"
    # measures counted as the year's output stay figures
    assert one("制定落实举措13条。", 13).kind == "count"


def test_a_count_in_a_plan_set_higher_up():
    assert one("全面落实国务院部署的13个重点领域改革。", 13).kind == "context"


def test_the_statutory_steps_of_a_decision():
    assert one("将公众参与、专家论证等5项法定程序纳入决策必经环节。", 5).kind == "context"


def test_slogans_of_four_and_three():
    assert figs("区长带头落实四个亲自，推动实现三个全覆盖。") == []


def test_how_long_a_campaign_ran():
    assert one("开展为期3个月的执法突出问题专项整治。", 3).kind == "context"


def test_a_streak_with_its_verb():
    assert one("宪法宣传周活动已连续举办5年。", 5).kind == "streak"


def test_a_plan_among_the_year_work():
    assert one("计划开展送法下乡活动20场，已完成12场。", 20).kind == "target"
    assert one("计划开展送法下乡活动20场，已完成12场。", 12).kind == "count"


def test_targets_phrased_with_a_deadline_or_a_requirement():
    assert one("力争2025年底前行政复议纠错率达到15%。", 15).kind == "target"
    assert one("确保群众满意度达95%以上。", 95).kind == "target"
    assert one("按照考核要求，结案率须在90%以上。", 90).kind == "target"
    # the same words reporting a result stay a rate
    assert one("全年群众满意度达95%以上。", 95).kind == "rate"


def test_a_plan_headings_counted_in_chinese_numerals():
    assert one("年初制定法治政府建设十项重点任务。", 10).kind == "context"
    assert one("围绕三个“着力”推进依法行政。", 3).kind == "context"
    # the same count in digits is the year's work listed
    assert one("全面完成29项重点任务。", 29).kind == "count"


def test_the_places_listed_after_a_count_of_places():
    assert [f.kind for f in figs("全县共有12个乡镇、3个街道。")] == ["context", "context"]


def test_a_national_session_number():
    assert figs("认真学习十二届全国人大五次会议精神。") == []


def test_a_service_open_every_day():
    assert one("政务服务大厅全年365天不打烊。", 365).kind == "context"


def test_a_streak_in_months_a_comparison_and_time_spent():
    assert one("连续12个月保持行政诉讼零败诉。", 12).kind == "streak"
    assert one("与全市其他10个区县相比处于前列。", 10).kind == "context"
    assert one("耗时3天完成系统迁移。", 3).kind == "context"


def test_a_share_at_the_top_and_a_requirement():
    assert one("考评结果位列全省前10%。", 10).kind == "ranking"
    assert one("要求各单位负责人出庭应诉率达到100%。", 100).kind == "target"
    assert one("全年负责人出庭应诉率达到100%。", 100).kind == "rate"


def test_items_counted_with_jian_before_shi():
    # 件 before 事项 is a count; 三件事 in a slogan is not
    assert one("实现120件事项跨区通办。", 120).kind == "count"
    assert figs("聚焦“学、查、改”三件事。") == []


def test_span_start_indexed_agrees_with_a_scan():
    """span_start indexes a text's delimiters when asked about it again; the index must give
    the same clause and sentence starts as scanning back, also at the span limit."""
    from fazhi.understand.figures import CLAUSE_DELIMS, SENTENCE_DELIMS, span_start

    text = "全年受理复议案件64件，办结58件；结案率95.3%。\n" + "无标点的长句" * 80 + "。共计12件"

    def scan(pos: int, delims: str, limit: int) -> int:
        floor = max(0, pos - limit)
        return max([floor] + [i + 1 for i in range(floor, pos) if text[i] in delims])

    for delims in (CLAUSE_DELIMS, SENTENCE_DELIMS):
        for limit in (400, 30):
            for pos in range(len(text) + 1):
                assert span_start(text, pos, delims, limit) == scan(pos, delims, limit)


def test_places_elsewhere_a_policy_comes_from():
    assert one("将全国其他9个自贸试验区的做法复制推广到本区。", 9).kind == "context"
    assert one("学习借鉴外省6个城市的经验。", 6).kind == "context"


def test_the_indicators_of_an_assessment_and_a_plan_content():
    assert one("对照市对县考核15项指标逐项落实。", 15).kind == "context"
    assert one("全年完成86项创建指标。", 86).kind == "count"
    assert one("实施方案提出建立12项重要制度。", 12).kind == "context"


def test_working_groups_named_in_chinese_numerals():
    assert one("调整委员会成员和三个协调小组成员。", 3).kind == "context"


def test_a_policy_named_by_its_hours():
    assert one("落实外国人72小时过境免签政策。", 72).kind == "context"


def test_work_announced_for_next_year():
    assert one("计划全年组织普法活动60场。", 60).kind == "target"
    assert one("拟于明年制定规范性文件4件。", 4).kind == "target"
    assert one("下一步将培训执法人员300人次。", 300).kind == "target"


def test_the_place_itself_described():
    f = figs("全县面积860平方公里，辖9个乡镇、2个街道。")
    assert [g.kind for g in f] == ["context"] * 3


def test_figures_in_the_plan_for_next_year_are_targets():
    text = ("某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年开展普法活动120场。\n"
            "二、下一步工作打算\n全年开展普法活动150场。\n")
    kinds = {f.value: f.kind for f in figs(text)}
    assert kinds == {120: "count", 150: "target"}


def test_a_service_area_named_by_minutes_and_indicators_in_chinese_numerals():
    assert one("打造20分钟便民服务圈。", 20).kind == "context"
    assert one("空气质量六项指标全面达标。", 6).kind == "context"


def test_ten_thousand_hundred_millions():
    f = one("全市实现增加值1.5万亿元。", 1.5e12)
    assert f.unit == "元" and f.kind == "money"


def test_the_count_of_items_listed_with_a_last_he():
    assert one("推荐甲区、乙区和丙区三个区参评。", 3).kind == "context"
    assert one("审核合同和协议2件。", 2).kind == "count"


def test_an_approximation_before_the_scale():
    f = one("通过法律援助为困难群众挽回经济损失420余万元。", 4_200_000)
    assert f.approx and f.unit == "元" and f.indicator == "legal_aid.recovered_amount"
    assert one("全年接受法治宣传教育的群众达6多万人次。", 60_000).approx


def test_the_field_of_a_comparison_is_no_count_of_work():
    assert one("与全省其他7个市相比，我市复议纠错率较低。", 7).kind not in ("count", "rate")
    assert one("在全省21个部门中率先完成权责清单调整。", 21).kind not in ("count", "rate")
    assert one("确保每个社区配备1名法律顾问。", 1).kind == "target"


def test_a_standard_per_unit_and_a_deadline_target():
    assert one("确保每个社区配备1名法律顾问。", 1).kind == "target"
    assert one("年底前实现村居法律顾问100%覆盖。", 100).kind == "target"
    assert one("年内组织专题法治学习6次。", 6).kind == "count"


def test_the_field_a_place_was_first_in_and_places_elsewhere():
    assert one("在全市12个部门中率先完成清单编制。", 12).kind == "context"
    assert one("与全市其他7个区相比。", 7).kind == "context"


def test_a_plan_in_a_review_is_a_count_of_documents():
    assert one("审查县政府拟出台的规范性文件6件。", 6).kind == "count"
    assert one("以图解等形式解读政策31条。", 31).kind == "count"


def test_a_requirement_with_yao_is_a_target():
    assert one("全县政务服务事项网上可办率要达到90%。", 90).kind == "target"


def test_the_villages_of_the_place_are_context():
    assert one("全县共有186个行政村，均配备法律顾问。", 186).kind == "context"


def test_the_field_a_selection_was_drawn_from_is_context():
    assert one("我县做法入选全国20个法治政府建设典型案例。", 20).kind == "context"


def test_the_field_compared_within_needs_no_leading_zai():
    assert one("全省42个试点县中率先完成改革任务。", 42).kind == "context"


def test_plenums_listed_after_the_first_are_session_numbers():
    text = "认真贯彻县委十四届三次、四次和五次全会精神，全年召开常务会议18次。"
    assert [f.value for f in figs(text)] == [18]


def test_a_ceiling_binds_only_the_next_number():
    text = "到窗口办理次数不超过1次的事项占比为96%。"
    assert one(text, 1).kind == "target"
    assert one(text, 96).kind == "rate"


def test_an_estimate_of_the_year_is_a_figure():
    f = one("预计全年办理行政许可事项3200件。", 3200)
    assert f.kind == "count"


def test_lai_nian_inside_yi_lai_is_not_next_year():
    assert one("2024年以来年度内共组织集中学法9次。", 9).kind == "count"
    assert one("来年计划组织集中学法9次。", 9).kind == "target"


def test_a_list_handing_over_to_its_number():
    # the number is one more item (和), or counts what the listed places have (的)
    assert one("东城区、西城区和2个示范项目获得命名。", 2).kind == "count"
    assert one("甲镇、乙镇、丙街道的3个项目入选候选名单。", 3).kind == "count"
    assert one("对公文、合同、信函三类材料实行登记。", 3).kind == "context"


def test_kinds_and_grades_in_chinese_numerals():
    assert [f for f in figs("建成一类服务站、二类服务站，按三类区域分别管理。") if f.kind not in NON_WORK_KINDS] == []
    assert one("建成服务站3类。", 3).kind == "count"


def test_a_plans_own_indicators():
    text = "规划确定的60项主要指标中，8项指标已完成。"
    assert one(text, 60).kind == "context"
    assert one(text, 8).kind == "count"


def test_the_leading_bodies_are_no_count():
    assert figs("县四套班子领导带头参加旁听庭审。") == []


def test_scores_are_figures_and_weights_are_not():
    assert one("法治政府建设考核综合得分93.5分。", 93.5).kind == "other"
    assert one("该项工作分值权重15分。", 15).kind == "target"
    assert [f for f in figs("我局十分重视，三分之一的股室参加。")] == []


def test_a_clock_time_is_no_score():
    assert [f.value for f in figs("上午9时30分召开专题会议。")] == []


def test_a_campaign_length_in_minutes():
    assert one("现场答题活动历时40分钟。", 40).kind == "context"


def test_places_the_work_reached_are_figures():
    assert one("对全区18个镇街和部分部门开展实地督察。", 18).kind == "count"
    assert [f.kind for f in figs("全县14个乡镇、39个部门主要负责人完成年度述法。")] == ["count", "count"]


def test_places_of_a_comparison_or_of_a_description_are_context():
    assert one("在全县14个乡镇中排名第一。", 14).kind == "context"
    assert [f.kind for f in figs("全县共有14个乡镇、2个街道。")] == ["context", "context"]


def test_places_named_in_a_clause_of_their_own_are_a_description():
    assert one("（二）全市9个县区，", 9).kind == "context"
    assert one("在全省17个地市中，", 17).kind == "context"
    assert one("普法志愿服务覆盖全县11个乡镇。", 11).kind == "count"


def test_a_plans_parts_need_their_noun_right_after_the_count():
    assert one("其余4项均按法定程序稳步推进。", 4).kind == "count"
    assert one("明确了重大行政决策的5项法定程序。", 5).kind == "context"


def test_boats_and_groups_are_measure_words():
    assert one("完成禁捕区域320艘渔船退捕。", 320).unit == "艘"
    assert one("推出“一件事”套餐16组。", 16).unit == "组"
    assert figs("组织开展普法宣传。") == []


def test_heads_of_units_are_counted_in_ming():
    # 名 before 单位 is a person count, not the word 名单
    assert one("组织40余名单位主要负责人参加庭审旁听。", 40).kind == "count"


def test_a_threshold_marks_out_a_class():
    assert one("对30万元以上的合同实行法制审核。", 300000).kind == "context"
    assert one("2000元以下罚款当场作出。", 2000).kind == "context"
    assert one("全年培训执法人员600人次以上。", 600).kind == "count"


def test_a_bare_indicator_word_binds_only_the_number_after_it():
    assert one("年度计划内重点学习的专题共7项。", 7).kind == "count"
    assert one("学习任务指标内须完成的专题共7项。", 7).kind == "count"
    assert one("群众满意度指标90%以上。", 90).kind == "target"


def test_a_level_after_the_count_is_not_a_field_of_comparison():
    f = one("经评估，向省里推荐6个省级示范地区。", 6)
    assert f.kind == "count"


def test_work_done_as_planned_is_no_plan():
    assert one("按照年度计划开展专项检查28次。", 28).kind == "count"
    assert one("根据学法计划组织集中学法11次。", 11).kind == "count"
    assert one("计划开展普法活动40场。", 40).kind == "target"


def test_a_deadline_binds_only_with_intent():
    assert one("于年底前全部办结信访件27件。", 27).kind == "count"
    assert one("确保年底前实现覆盖率100%。", 100).kind == "target"


def test_micrograms_are_a_measure():
    assert one("细颗粒物年均浓度为28微克每立方米。", 28).unit == "微克"


def test_a_quoted_headline_and_corner_brackets_are_not_counted():
    assert figs("日报以“15分钟内到场，这个司法所跑出了调解加速度”为题作了报道。") == []
    assert figs("推行「3個工作日辦結」服務承諾。") == []


def test_a_bare_goal_word_and_funds_obtained_are_no_targets():
    assert one("按照目标管理要求开展考核9次。", 9).kind == "count"
    assert one("积极争取上级专项资金800万元。", 8_000_000).kind == "money"
    assert one("争取达到95%。", 95).kind == "target"
    assert one("目标为95%。", 95).kind == "target"


def test_drafting_is_no_plan():
    assert one("拟定并印发规范性文件4件。", 4).kind == "count"
    assert one("拟开展培训3期。", 3).kind == "target"


REPORT_WITH_PLAN = """某县司法局2023年法治政府建设情况报告
2023年，我局扎实推进法治政府建设。现将有关情况报告如下：
一、主要工作
（一）突出工作重点，提升执法质效
全年办理行政复议案件31件，审查合同118件。
（二）创新工作思路，深化普法宣传
开展普法活动44场。
二、2024年工作打算
开展执法培训9期。
三、工作安排
开展宣传活动19场。
"""


def test_headings_of_the_years_work_are_no_plan():
    kinds = {f.value: f.kind for f in figs(REPORT_WITH_PLAN)}
    assert kinds[31] == kinds[118] == kinds[44] == "count"
    assert kinds[9] == kinds[19] == "target"


def test_study_hours_are_a_measure():
    assert one("执法人员人均学习超50学时。", 50).unit == "学时"


def test_vague_tens_are_no_number():
    assert figs("开展数十场普法活动，走访几十家企业。") == []
    assert one("开展二十多场普法活动。", 20).approx


def test_a_scaled_decimal_keeps_its_written_value():
    assert one("审查合同2.28万份。", 22800).value == 22800
    assert one("发放资料12.04万份。", 120400).value == 120400


def test_ordinals_listed_after_the_first_are_ordinals():
    assert figs("区司法局组织完成第二、三批示范项目评审。") == []
    assert figs("市政府召开第五至七次常务会议听取汇报。") == []
    # a count after an ordinal's own measure word stays a count
    assert one("第一次会议后，20个部门报送了整改方案。", 20).kind == "count"


def test_a_session_number_listed_before_its_congress():
    text = "认真贯彻省十二次、市第九次党代会精神，召开两次专题会议。"
    assert one(text, 12).kind == "context"
    assert one(text, 2).kind == "count"


def test_a_word_with_zhong_is_no_field_of_comparison():
    assert one("全县80多个党支部集中开展宪法学习。", 80).kind == "count"
    assert one("全县12所高中均配备法治副校长。", 12).kind == "count"
    assert one("在全县9个部门中率先完成清单编制。", 9).kind == "context"


def test_a_plans_emphases_in_chinese_numerals():
    assert one("局党组突出四项重点推进依法行政。", 4).kind == "context"
    assert one("完成年度4项重点工作。", 4).kind == "count"


def test_a_village_named_by_households():
    assert figs("该河段流经八家子、三家庄两村。") == []
    assert one("对2家子公司开展合规审查。", 2).kind == "count"


def test_more_words_of_intent_make_a_target():
    assert one("今年群众满意率力求达到96%以上。", 96).kind == "target"
    assert one("全年努力实现行政复议案件按期办结率99%。", 99).kind == "target"
    assert one("年度目标任务为审核规范性文件15件。", 15).kind == "target"
    assert one("2025年将举办执法人员轮训4期。", 4).kind == "target"
    # 将 that moves a thing (将…纳入) is no future, and 即将 is no plan
    assert one("将12名执法辅助人员纳入统一管理。", 12).kind == "count"


def test_a_documents_size_is_not_work():
    assert one("修订后的实施办法共7章52条，自公布之日起施行。", 52).kind == "context"
    assert one("《行政复议法》全文共90条。", 90).kind == "context"
    assert one("清理涉企规范性文件条款23条。", 23).kind == "count"
    # the tasks a plan sets out stay figures
    assert one("印发《重点任务分工方案》58条具体任务。", 58).kind == "count"


def test_a_services_hours_are_a_name():
    assert figs("政务大厅推行7×24小时自助办理。") == []
    assert one("开通24小时公共法律服务热线，全年接听来电300余次。", 24).kind == "context"
    assert one("开通24小时公共法律服务热线，全年接听来电300余次。", 300).kind == "count"


def test_a_frequency_every_few_months():
    assert one("每两个月召开1次执法协调会。", 1).kind == "frequency"
    assert one("每3个月开展1次案卷评查。", 1).kind == "frequency"


def test_names_with_chinese_numerals():
    assert figs("加快市民服务中心二期工程建设。") == []
    assert figs("全年实现四个100%，坚持三个一批工作法。") == []
    assert one("举办法治专题培训班三期。", 3).kind == "count"


def test_tasks_handed_down_and_a_plans_goal():
    assert one("对照上级下达的15项重点任务逐项推进。", 15).kind == "context"
    assert one("完成市政府下达的任务12项。", 12).kind == "count"
    assert one("实施方案明确到2027年实现100%网上可办。", 100).kind == "target"
    assert one("落实国务院部署的第二批12项“一件事”。", 12).kind == "context"


def test_a_sites_counters_and_lists_are_not_figures():
    page = ("某县司法局2023年法治政府建设年度报告\n发布时间：2024-03-01 浏览 356 次\n当前在线人数：8人\n"
            "全年办理法律援助案件120件。\n相关文章4篇\n附件(2个)\n建议使用1280×800分辨率浏览\n")
    assert [f.value for f in figs(page) if f.kind not in NON_WORK_KINDS] == [120]
    # the site's visits as the year's work, said in a sentence, stay a figure
    assert one("全年门户网站访问量达86万人次。", 860000).kind == "count"


def test_a_time_limit_after_a_list_is_no_count_of_the_list():
    text = "材料齐全、符合法定形式、当场受理的，3个工作日内办结。"
    assert one(text, 3).kind == "count"
    assert one("公开政务、财务、事务三类信息。", 3).kind == "context"


def test_the_size_of_a_list_of_indicators():
    assert one("考评办法设置一级指标共八项。", 8).kind == "context"
    assert one("完成104项创建指标。", 104).kind == "count"


def test_targets_held_steady_or_raised_by_a_deadline():
    assert one("确保群众满意度稳定在93%以上。", 93).kind == "target"
    assert one("到年底前电子证照覆盖率提高到70%以上。", 70).kind == "target"
    assert one("2023年，全市群众满意度稳定在93%以上。", 93).kind == "rate"


def test_prefecture_level_cities_named_in_a_clause_of_their_own():
    assert one("（三）全省17个地级以上市，均已建成。", 17).kind == "context"
    assert one("对全省17个地级以上市开展实地督察。", 17).kind == "count"


def test_a_sample_text_sites_own_counts():
    page = "首页>工作总结>某县2023年法治政府建设工作总结(精选6篇)\n以下是小编整理的6篇范文。\n全年办理复议案件31件。"
    assert [f.value for f in figs(page) if f.kind not in NON_WORK_KINDS] == [31]
    # a bare count in brackets may be the report's own work, and stays
    assert one("编印典型案例汇编(12篇)。", 12).kind == "count"


def test_places_in_the_measure_word_are_read_like_other_places():
    assert one("全乡共有9个村。", 9).kind == "context"
    assert one("全镇有6个社区居委会。", 6).kind == "context"
    assert one("在全镇12个村中率先完成清单编制。", 12).kind == "context"
    # places the work reached stay figures
    assert one("对全县120个村开展法治督察。", 120).kind == "count"
    assert one("普法宣传覆盖辖区25个社区。", 25).kind == "count"


def test_a_past_effort_and_a_total_after_a_frequency_stay_figures():
    assert one("努力实现了12项民生实事。", 12).kind == "count"
    assert one("即将出台规章3部。", 3).kind == "target"
    assert one("坚持每月一次、全年共开展12次集中学法。", 12).kind == "count"
    assert one("坚持每月开展1次集中学法。", 1).kind == "frequency"


def test_more_headings_of_next_years_plan():
    base = ("某县司法局2023年法治政府建设工作报告\n2023年，我局认真履职，现报告如下：\n一、主要工作\n"
            "全年办理法律援助案件120件。\n")
    for heading in ("二、下步工作", "二、下阶段工作重点", "二、接下来的工作", "二、2024年主要任务"):
        got = {f.value: f.kind for f in figs(base + heading + "\n举办执法培训5期。\n")}
        assert got == {120: "count", 5: "target"}, heading
    # the year's own tasks reported as done stay figures
    got = {f.value: f.kind for f in figs(base + "二、2023年重点任务完成情况\n举办执法培训5期。\n")}
    assert got == {120: "count", 5: "count"}


def test_a_units_establishment_is_no_work():
    assert one("我局核定行政编制36名。", 36).kind == "context"
    assert one("局机关在编在岗人员41人。", 41).kind == "context"
    assert one("组织14名在编干部参加学法考试。", 14).kind == "count"
    assert one("全年共编制权力事项服务指南120个。", 120).kind == "count"


def test_the_rules_a_slogan_counts():
    assert one("严格遵守八项准则。", 8).kind == "context"
    assert one("做到三个规划有效衔接。", 3).kind == "context"
    assert figs("全力办好十件民生实事。") == []
    assert one("制定三项地方标准。", 3).kind == "count"


def test_a_standard_set_higher_up():
    assert one("结案率超过省定60%的标准。", 60).kind == "target"
    assert one("群众满意度高出85%的考核标准。", 85).kind == "target"
    assert one("经市场监管部门核定85%的企业已整改。", 85).kind == "rate"


# a mirror that glosses characters with their pinyin: enough traditional text to be read as such
_TRAD = "我們認真學習貫徹黨的二十大精神，全面推進依法行政，紮實開展法治政府建設各項工作，取得了顯著成效。"


def test_pinyin_glosses_are_read_past():
    assert figs(_TRAD + "落實三項(xiàng)制度，編制六項(xiàng)清單。") == []
    assert one(_TRAD + "全縣12個(gè)鄉鎮(xiāng)，", 12).kind == "context"
    assert one(_TRAD + "連續(xù)十一年獲評先進。", 11).kind in NON_WORK_KINDS
    assert one(_TRAD + "辦理行政復議案件16個(gè)。", 16).kind == "count"


def test_places_held_that_do_the_work_are_counted():
    assert one("全县共有120个村建成法治文化阵地。", 120).kind == "count"
    assert one("全县共有26个村通过民主法治村评估验收。", 26).kind == "count"
    assert one("全县共有12个乡镇（街道），均设司法所。", 12).kind == "context"


def test_a_range_is_one_figure_with_its_upper_end():
    # the unit said at both ends (85%—95%, 40人至60人) or once (85—95%): one figure, never two rates
    for text, low, high in (("抽查合格率在85%—95%。", 85, 95), ("群众知晓率40%-60%。", 40, 60),
                            ("每期参训40人至60人。", 40, 60), ("办结率在92%~97%之间。", 92, 97),
                            ("合格率在85—95%。", 85, 95)):
        got = figs(text)
        assert [(f.value, f.value_high) for f in got] == [(low, high)], (text, [(f.value, f.value_high) for f in got])
    # a dash between falling numbers is no range
    assert [f.value for f in figs("受理30件-办结20件。") if f.value_high is None] == [30, 20]


def test_a_number_inside_a_drafting_prompt_is_no_figure():
    # a draft's fill-in prompt gives an example of what to write, not a figure of the year
    text = ("全年审查各类合同【请补充：合同件数，如12件】。办理复议案件【待核实：约30件】，纠错率为15%。"
            "【起草说明：此处写明专题学法次数，例如6次】组织专题学法。")
    got = [(f.value, f.unit) for f in figs(text)]
    assert got == [(15, "%")]


def test_a_figure_before_a_prompt_stays():
    f = one("全年开展普法活动20场【请补充：其中线上活动场次】。", 20)
    assert f.kind == "count" and f.indicator == "law_popularization.events"


def test_a_count_after_a_count_is_no_list_size():
    # 项 of 取消4项 is the first count's measure word, not a first list item: 2项 counts items changed
    text = "承接上级取消下放事项，取消许可4项、许可改为备案2项、实行告知承诺6项。"
    assert [f.kind for f in figs(text)] == ["count", "count", "count"]
    # …and so is a count in Chinese numerals that opens the list
    assert one("取消行政许可四项、许可改为备案2项。", 2).indicator == "approval.items"
    # a true list of names keeps its size as context
    assert one("政务、财务、事务三类信息全部公开。", 3).kind == "context"


def test_at_least_done_is_a_result_and_at_least_required_is_a_floor():
    assert one("今年以来至少开展了3轮专项督查。", 3).kind == "count"
    assert one("全年共开展法治讲座至少12场。", 12).kind == "count"
    assert one("要求各科室至少配备1名法制审核人员。", 1).kind == "target"


def test_a_forbidden_floor_or_ceiling_is_a_target():
    assert one("按照考核办法，执法案卷合格率不得低于90%。", 90).kind == "target"
    assert one("行政诉讼败诉率不应超过8%。", 8).kind == "target"


def test_ensuring_a_level_is_a_target():
    f = one("全年法律援助案件办结率要确保在95%以上。", 95)
    assert f.kind == "target" and f.indicator is None


def test_striving_to_raise_a_rate_is_a_target():
    assert one("努力把人民调解成功率提高到98%以上。", 98).kind == "target"
    # …but a rise achieved by effort is a result
    assert one("经过一年努力，调解成功率提高到98%以上。", 98).kind == "rate"


def test_a_streak_counted_in_periods_of_its_own_name():
    assert one("该项工作连续3个年度位列全市第一。", 3).kind == "streak"
    assert one("依法行政考核连续四个季度排名靠前。", 4).kind == "streak"


def test_a_goal_announced_after_a_colon():
    f = one("本年度的目标任务是：行政复议案件办结率达到98%。", 98)
    assert f.kind == "target" and f.indicator is None


def test_staffing_counted_as_establishment_is_context():
    text = "司法所核定编制3名、实有2名，内设股室编制人数共45名。"
    assert [f.kind for f in figs(text)] == ["context", "context", "context"]


def test_a_long_prompt_hides_its_numbers_too():
    # the draft's reminder prompt lists the areas the ledger did not show and runs past a hundred characters
    areas = "、".join(["依法全面履行政府职能", "完善依法行政制度体系", "健全行政决策制度体系", "严格规范公正文明执法",
                      "强化行政权力制约和监督", "依法有效化解社会矛盾纠纷"])
    text = (f"（五）其他方面的举措和成效\n【请补充：本年度在其他方面的主要举措和成效；台账未显示以下方面的工作，"
            f"如有请补充，没有请删除：{areas}，例如全年办理复议案件12件】\n全年办理复议案件9件。\n")
    assert [f.value for f in figs(text)] == [9]


def test_a_scale_a_law_sets_is_no_money_collected():
    text = "对违法行为人依法处5000元以上5万元以下罚款，全年罚没款金额12.6万元。"
    assert [(f.value, f.kind) for f in figs(text)] == [(5000, "context"), (50000, "context"), (126000, "money")]


def test_the_few_places_that_share_an_honour_are_the_field():
    assert one("我县被评为全国法治宣传教育先进县，全省仅3个县获此殊荣。", 3).kind == "context"
    assert one("全国只有12个城市入选首批试点。", 12).kind == "context"


def test_a_headcount_of_the_work_is_no_establishment():
    f = one("全县实有45名持证行政执法人员。", 45)
    assert f.kind == "count" and f.indicator == "enforcement.personnel"


def test_a_pages_own_download_and_like_counters_are_no_figures():
    text = ("区司法局2023年法治政府建设情况报告\n发布时间：2024-03-28 下载次数：12次 访问人次：5688人次\n"
            "分享到：微信 微博 点赞 5次\n全年办理法律援助案件86件，普法推文获点赞1.2万次。\n")
    assert [f.value for f in figs(text)] == [86, 12000]


def test_the_count_of_quoted_items_side_by_side():
    # the quoted names follow one another with no 、 between them
    assert one("推行“预约办”“帮代办”“延时办”三项便民服务。", 3).kind == "context"
    assert one("健全《会议规则》《值班规则》和《公文办理规则》3项内部制度。", 3).kind == "context"
    # a count that is not the number of names listed stays a figure
    assert one("开展“宪法进社区”“法律进乡村”等12项活动。", 12).kind == "count"


def test_a_list_item_ending_in_a_verb_of_ranking_is_no_ranking():
    f = one("专项整治分为动员部署、集中整改、巩固提升3个阶段。", 3)
    assert f.kind != "ranking"
    assert one("全县营商环境评价排名上升3个位次。", 3).kind == "ranking"


def test_the_field_of_a_ranking_named_by_its_units():
    assert one("依法行政考核在全市21个行政执法部门排名第2。", 21).kind == "context"
    assert one("我市法治政府建设考评居全省13个设区市首位。", 13).kind == "context"
    # the units the work reached are a figure
    assert one("组织对全市21个行政执法部门开展案卷评查。", 21).kind == "count"


def test_a_weight_is_a_figure():
    assert one("全年收缴非法爆炸物12.5公斤。", 12.5).kind == "count"


def test_the_field_of_an_evaluation_the_unit_took_part_in():
    assert one("全市共有9个县区参加评比，我县获得第一。", 9).kind == "context"
    assert one("参评的15个单位中我局综合得分最高。", 15).kind == "context"
    assert one("我局在15个参评单位中位列第三。", 15).kind == "context"
    # the units the reporting body assessed are its work
    assert one("组织对全县36个部门开展法治建设考核。", 36).kind == "count"
    assert one("全县共有120个村建成法治文化阵地。", 120).kind == "count"
    assert one("全县共有26个村通过民主法治村评估验收。", 26).kind == "count"


def test_a_service_named_by_its_travel_time_or_its_hours():
    assert one("在全县构建1小时公共法律服务圈。", 1).kind == "context"
    assert one("政务大厅实现全年365天无休。", 365).kind == "context"
    assert one("12345热线提供24小时不间断服务。", 24).kind == "context"
    # a time within which the work was done stays a figure
    assert one("群众诉求均在24小时内响应。", 24).kind != "context"


def test_a_quota_beside_what_was_done():
    assert one("全年下达任务数180件，实际办结196件。", 180).kind == "target"
    assert one("全年下达任务数180件，实际办结196件。", 196).kind == "count"
    assert one("超额完成年度目标任务（80件）。", 80).kind == "target"
    # a count the clause says was done stays a figure
    assert one("全年完成任务数196件。", 196).kind == "count"


def test_a_goal_to_strive_for():
    assert one("全县上下持续争创2个省级法治示范单位。", 2).kind == "target"
    assert one("我县成功争创2个省级法治示范单位。", 2).kind == "count"
    assert one("全年争创省级民主法治示范村4个。", 4).kind == "count"


def test_a_level_named_as_the_goal_or_the_requirement_after_it():
    text = "全年办结信访事项520件，超额完成480件的县级考核目标任务。"
    assert one(text, 480).kind == "target" and one(text, 520).kind != "target"
    assert one("窗口好评率为97%，高于90%的年度考核目标。", 90).kind == "target"
    assert one("执法人员持证上岗率达到100%的工作要求。", 100).kind == "target"
    # targets met are counted without 的, and a standardised share is no standard
    assert one("全年完成12项年度目标任务。", 12).kind != "target"
    assert one("基层站所实现95%的标准化建设。", 95).kind != "target"


def test_a_goal_stated_reaches_its_number_further():
    assert one("今年的目标是实现全镇村级法律顾问聘任率100%。", 100).kind == "target"
    text = "年度任务为培育5个法治示范村，实际培育7个。"
    assert one(text, 5).kind == "target" and one(text, 7).kind == "count"


def test_the_whole_field_that_shared_a_selection():
    assert one("我区项目入选第三批示范名单，全省共18个项目入选。", 18).kind == "context"
    assert one("全国共有40个城市获评营商环境标杆城市。", 40).kind == "context"
    # places counted with 共 that did the work stay a count
    assert one("全县共有26个村通过民主法治村评估验收。", 26).kind == "count"


def test_last_years_number_beside_this_years():
    text = "受理行政复议案件64件，较上年的51件增长25%。"
    assert one(text, 51).kind == "previous" and one(text, 64).kind == "count"
    assert one("办理行政应诉案件29件，上年同期为33件。", 33).kind == "previous"
    assert one("全年审查合同140份（上年为118份）。", 118).kind == "previous"
    assert one("收到复议申请75件，同比增加9件，去年为66件。", 66).kind == "previous"
    # the change, last year's cases carried over, and work done to last year's decisions are figures
    assert one("收到复议申请75件，同比增加9件，去年为66件。", 9).kind != "previous"
    assert one("审结案件80件，其中上年结转12件。", 12).kind != "previous"
    assert one("对上一年度2个重大行政决策开展后评估。", 2).kind != "previous"


def test_a_standard_for_each_place():
    assert one("按每个社区2名网格员的标准配齐人员。", 2).kind == "target"
    # a count supplied by the units named is work
    assert one("按各部门报送的情况汇总行政许可事项36项。", 36).kind != "target"


def test_a_heading_that_opens_with_next_year_and_ends_in_a_plan_word():
    body = ("某区人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年开展普法活动120场。\n"
            "二、{}\n全年开展普法活动150场。\n")
    for head in ("2024年推进法治政府建设的主要安排", "2024年度法治政府建设工作计划", "2024年工作展望",
                 "2024年拟开展的重点工作"):
        kinds = {f.value: f.kind for f in figs(body.format(head))}
        assert kinds == {120: "count", 150: "target"}, head
    # the year's own arrangements, a plan made in the year, and a plan word inside the heading stay work
    for head in ("2023年法治政府建设工作安排部署", "制定2023年度普法工作计划", "2023年工作思路和主要做法"):
        kinds = {f.value: f.kind for f in figs(body.format(head))}
        assert kinds == {120: "count", 150: "count"}, head


def test_a_level_to_reach_in_a_sentence_that_strives_for_it():
    assert one("力争年底前完成全部站点建设，村级覆盖率达到100%。", 100).kind == "target"
    # the level already reached is a result, whatever the sentence strives for
    assert one("力争年内完成改革，目前网办率已达到85%。", 85).kind == "rate"


def test_a_goal_a_plan_sets_for_the_year():
    assert one("县里出台实施方案，方案提出年内实现社区法律顾问覆盖率100%。", 100).kind == "target"
    assert one("工作方案明确今年新建法治文化公园3个。", 3).kind == "target"
    assert one("实施意见要求审批时限压缩40%以上。", 40).kind == "target"
    # the plan's contents, and work done by a plan, stay figures
    assert one("《工作要点》部署了31项重点任务。", 31).kind != "target"
    assert one("按照方案要求开展执法培训9期。", 9).kind == "count"
    assert one("根据工作要点明确的任务，组织学法7次。", 7).kind == "count"


def test_what_a_requirement_asks_of_each_unit():
    assert one("要求各村年内建成法治宣传栏3个以上。", 3).kind == "target"
    assert one("按要求各部门共自查问题25个以上。", 25).kind != "target"


def test_stages_a_campaign_is_split_into():
    assert one("专项行动分四个阶段推进。", 4).kind == "context"


def test_the_span_a_count_is_taken_over():
    text = "近6个月来，共调处矛盾纠纷210件。"
    assert one(text, 6).kind == "context" and one(text, 210).kind == "count"


def test_fields_of_comparison_and_selection_in_more_wordings():
    assert one("全市共评选出8个依法行政示范单位，我局名列其中。", 8).kind == "context"
    assert one("我局被列为全省15个法治建设联系点。", 15).kind == "context"
    assert one("与周边4个县区相比，我县复议纠错率较低。", 4).kind == "context"
    assert one("全市21家单位参加评比，我局获得一等奖。", 21).kind == "context"
    # a selection the body made itself, units it sent, and agreements signed with others stay its work
    assert one("全市共评选出8个依法行政示范单位。", 8).kind == "count"
    assert one("组织全县18家单位参加评选。", 18).kind == "count"
    assert one("与12个部门签订协议。", 12).kind == "count"


def test_a_sentence_that_opens_by_announcing_next_years_work():
    text = "下一步，我区将持续加强执法队伍建设，加大培训力度，全年轮训执法人员600人次。"
    assert one(text, 600).kind == "target"
    assert one("2025年，我局将重点做好以下工作：开展送法下乡活动40场。", 40).kind == "target"
    assert one("在新的一年里，我镇将围绕中心工作，组织法治讲座10场。", 10).kind == "target"
    # a year with a 将 that moves a thing, and a sentence after the announcing one, report the year's work
    assert one("2023年，我县将法治建设纳入绩效考核，全年办理复议案件100件。", 100).kind == "count"
    assert one("我们将继续努力。全年办理复议案件90件。", 90).kind == "count"


def test_a_result_with_yishang_that_says_how_it_stands_is_no_threshold():
    assert one("行政复议案件结案率保持在96%以上的较高水平。", 96).kind == "rate"
    assert one("审查50万元以上的合同12份。", 500_000).kind == "context"


def test_a_rate_paid_per_case_or_person_is_no_money_of_the_year():
    assert one("法律援助办案补贴标准为每件1800元。", 1800).kind == "target"
    assert one("对查证属实的举报给予每件300元奖励。", 300).kind == "target"
    # money paid out in the year, and a budget set each year, are money of the work
    assert one("全年发放人民调解员补贴32万元。", 320_000).kind == "money"
    assert one("每年安排普法经费20万元。", 200_000).kind == "money"


def test_a_licence_word_after_the_unit_is_no_approximation():
    # 许 marks an approximation only on its own: in 8项许可事项 it opens the noun the count is of
    f = one("年内新增9项许可事项纳入清单管理。", 9)
    assert not f.approx and f.indicator == "approval.items"
    f = one("受理并办结14件许可申请。", 14)
    assert not f.approx and f.indicator == "approval.items"


def test_a_share_bars_comment_count_is_not_a_figure():
    assert [f.value for f in figs("全年调解纠纷31件。\n【打印】 分享到： 5条评论 收藏\n")] == [31]
    # comments counted in a sentence are the year's work
    assert [f.value for f in figs("收集网民意见，共收到46条评论建议。")] == [46]


def test_the_time_a_service_takes_is_a_figure_of_the_work_and_a_campaigns_length_is_not():
    kinds = {f.value: f.kind for f in fazhi.analyze_text("深入推进放管服改革，压缩办理时长24天，承诺件平均办理用时0.7个工作日。").figures}
    assert kinds[24] != "context" and kinds[0.7] != "context"
    kinds = {f.value: f.kind for f in fazhi.analyze_text("开展为期3个月的专项整治，专项行动历时45天。").figures}
    assert kinds[3] == "context" and kinds[45] == "context"


def test_the_field_a_selection_was_made_from_and_a_pages_relative_stamp_are_not_work():
    kinds = {f.value: f.kind for f in fazhi.analyze_text("某区入选2021年全国12个法治示范创建市县。").figures}
    assert kinds[12] == "context"
    kinds = {f.value: f.kind for f in fazhi.analyze_text("区政府办公室 · 98天前\n全年办理案件20件。").figures}
    assert kinds[98] == "context" and kinds[20] == "count"
    # places the work reached stay figures
    assert [f.kind for f in fazhi.analyze_text("对全区21个镇街开展督察。").figures] == ["count"]
