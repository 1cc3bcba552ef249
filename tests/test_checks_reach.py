"""Snippets, in our own words, for the defects the checks were taught to reach by defect
injection (bench/inject.py), and for the correct phrasings they must leave alone."""
from __future__ import annotations

import fazhi
from tests.test_checks import MEASURES, PLAN, SHORT, TITLE, build, findings, flagged_at


def test_renda_is_not_a_lost_number():
    text = build(measures="（一）接受监督。共收到人大建议26件、政协提案31件，均按期办复。\n")
    assert findings(text, "missing_text") == []


def test_measure_word_that_lost_its_number():
    text = build(measures="（一）化解纠纷。全年排查矛盾纠纷件，调解成功212件。\n")
    assert flagged_at(text, "missing_text", "纠纷件")


def test_real_words_ending_in_a_measure_word_are_not_losses():
    text = build(measures="（一）规范执法。对涉企案件、重要文件和重大事项，逐件审查，逐项登记。\n")
    assert findings(text, "missing_text") == []


def test_look_alike_characters():
    text = build(measures="（一）规范执法。执法案卷己经全部归档，各单位把学法作为自已的必修课。\n")
    assert flagged_at(text, "typo", "己经")
    assert flagged_at(text, "typo", "自已")


def test_dash_for_one_before_punctuation_and_after_a_quote():
    text = build(measures="（一）优化服务。执法文书格式全部统—，推行“—网通办”。\n")
    assert flagged_at(text, "typo", "统—")
    assert flagged_at(text, "typo", "“—网")


def test_bracket_closed_on_the_next_line():
    text = build(measures="（一）联合检查。开展部门联合抽查（涉及市场监管、消防、\n应急管理等6个部门）21次。\n")
    assert findings(text, "unbalanced_brackets") == []
    text = build(measures="（一）联合检查。开展部门联合抽查（涉及市场监管、消防。\n应急管理等6个部门21次。\n")
    assert findings(text, "unbalanced_brackets")


def test_carried_over_cases_may_make_closed_exceed_new():
    text = build(measures="（一）复议。全年新收行政复议申请40件，加上上年结转的5件，共办结43件，结案率95.6%。\n")
    assert findings(text, "count_order") == []
    assert findings(text, "rate_consistency") == []


def test_plan_of_stock_phrases_dated_only_by_its_year():
    plan = ("2024年，我们将坚持以习近平法治思想为指导，进一步提高政治站位，不断提升依法行政能力和水平，"
            "切实加强组织领导，持续深化法治政府建设，为经济社会高质量发展营造良好法治环境。\n")
    assert findings(build(plan=plan), "generic_text")


def test_plan_in_short_stock_lines():
    plan = ("一是进一步加强组织领导，切实压实工作责任。\n二是持续深化依法行政，不断提升法治建设水平。\n"
            "三是切实加强法治宣传教育，积极营造良好法治氛围。\n")
    assert findings(build(plan=plan), "generic_text")


def _m(line: str) -> str:
    """The snippet report with one more measures paragraph."""
    return build(measures=MEASURES + "（四）重点工作。" + line + "\n")


def test_six_outcomes_must_add_up_to_the_total_a_sentence_before():
    ok = _m("全年受理行政复议案件64件。审结的60件中，维持35件，驳回8件，撤销7件，确认违法4件，责令履行3件，终止3件；"
            "另有4件正在审理。")
    assert findings(ok, "sum_consistency") == []
    bad = ok.replace("驳回8件", "驳回9件")
    assert flagged_at(bad, "sum_consistency", "维持35件")


def test_cleanup_results_without_qizhong():
    ok = _m("对现行有效的87件规范性文件逐件清理。经清理，继续保留70件，修改11件，宣布废止6件。")
    assert findings(ok, "sum_consistency") == []
    assert findings(ok.replace("修改11件", "修改13件"), "sum_consistency")


def test_disclosure_parts_before_a_trailing_total():
    ok = _m("主动公开政府信息2210条、依申请公开43条，合计2253条。")
    assert findings(ok, "sum_consistency") == []
    assert findings(ok.replace("合计2253条", "合计2263条"), "sum_consistency")


def test_enacting_is_not_a_total_of_revising_and_repealing():
    text = _m("全年制定规范性文件7件、修改6件、废止11件。")
    assert findings(text, "sum_consistency") == []


def test_rate_with_counts_in_wan_keeps_their_precision():
    ok = _m("12345热线受理诉求41.26万件，办结40.87万件，办结率99.1%。")
    assert findings(ok, "rate_consistency") == []
    assert flagged_at(ok.replace("40.87万件", "39.87万件"), "rate_consistency", "99.1%")


def test_rate_a_sentence_after_its_base():
    ok = _m("各调解组织受理纠纷1250件。其中调解成功1219件，成功率达97.5%。")
    assert findings(ok, "rate_consistency") == []
    assert flagged_at(ok.replace("1219件", "1191件"), "rate_consistency", "97.5%")


def test_part_above_its_whole_a_sentence_apart():
    text = _m("各调解组织受理纠纷1250件。其中调解成功1262件，成功率达97.5%。")
    assert flagged_at(text, "count_order", "1262件")


def test_two_decimal_rate_with_only_its_numerator():
    assert findings(_m("行政机关负责人出庭应诉47件，出庭应诉率97.92%。"), "rate_consistency") == []
    assert findings(_m("行政机关负责人出庭应诉47件，出庭应诉率97.93%。"), "rate_consistency")


def test_due_count_is_a_base_and_loss_rate_has_its_own_base():
    ok = _m("应出庭案件52件，实际出庭50件，出庭率96.2%；败诉3件，败诉率5.8%。")
    assert findings(ok, "rate_consistency") == []
    assert findings(ok, "count_order") == []


def test_opening_sentence_dated_to_last_year():
    text = build(intro="2022年，固安县在廊坊市委、市政府的领导下，扎实推进法治政府建设。\n")
    assert flagged_at(text, "year_consistency", "2022年")
    assert findings(build(intro="2023年，固安县在廊坊市委、市政府的领导下，扎实推进法治政府建设。\n"),
                    "year_consistency") == []


def test_work_plan_of_last_year_inside_the_measures():
    text = _m("县政府把法治建设纳入2022年度工作要点，逐项分解落实。")
    assert flagged_at(text, "year_consistency", "2022年度工作要点")
    assert findings(_m("县政府把法治建设纳入2023年度工作要点，逐项分解落实。"), "year_consistency") == []


def test_last_heading_that_lost_its_numeral():
    text = build() + "其他需要报告的事项\n本年度无其他需要报告的事项。\n"
    assert flagged_at(text, "heading_numbering", "其他需要报告的事项")
    assert findings(build() + "四、其他需要报告的事项\n本年度无其他需要报告的事项。\n", "heading_numbering") == []


def test_first_item_repeated_within_one_sentence():
    short = "一是执法人员不足；二是培训不够；一是经费紧张。主要原因是编制有限。\n"
    assert findings(build(short=short), "enumeration_gap")
    restart = "一是执法人员不足；二是培训不够。究其原因，一是编制有限；二是经费紧张。\n"
    assert findings(build(short=restart), "enumeration_gap") == []


def test_results_inside_the_first_responsibility_part_are_not_the_measures():
    text = ("固安县人民政府关于2023年度法治政府建设情况的报告\n发布日期：2024-03-20\n\n"
            "2023年，固安县扎实推进法治政府建设。现将有关情况报告如下。\n"
            "一、党政主要负责人履行推进法治建设第一责任人职责情况\n"
            "县委书记、县长履行第一责任人职责，专题研究法治工作5次，全县受理行政复议案件40件。\n"
            "二、存在的不足和原因\n" + "执法人员专业素质有待提高。主要原因是培训时间不足。\n"
            "三、2024年工作安排\n" + "组织执法人员专题培训不少于6期。\n")
    assert findings(text, "measures_missing")


def test_whole_county_in_a_county_level_city():
    text = build(title="浏阳市人民政府关于2023年度法治政府建设情况的报告",
                 measures="（一）规范执法。全县各级行政机关全面推行行政执法三项制度，全年培训执法人员3期。\n")
    assert flagged_at(text, "level_mismatch", "全县")


def test_agreement_reached_is_the_numerator_of_a_success_rate():
    ok = _m("人民调解组织受理纠纷1294件，达成调解协议1268件，调解成功率97.99%。")
    assert findings(ok, "rate_consistency") == []
    assert flagged_at(ok.replace("1268件", "1243件"), "rate_consistency", "97.99%")


def test_arabic_top_headings_whose_title_opens_with_the_year():
    text = ("桃林镇2023年度法治政府建设工作报告\n发布日期：2024-03-12\n\n"
            "1、2023年法治政府建设工作开展情况\n（1）规范执法。镇综合执法队全年立案30件，结案28件。\n"
            "（2）化解纠纷。全年调解矛盾纠纷120起。\n"
            "2、党政主要负责人履行推进法治建设第一责任人职责情况\n镇党委书记、镇长主持研究法治工作4次。\n"
            "3、存在的不足和原因\n（1）执法文书不规范。原因是执法队员多为转岗人员。\n"
            "4、2024年工作打算\n（1）开展执法案卷自查。\n（2）培养“法律明白人”40名。\n")
    r = fazhi.analyze_text(text)
    assert [s.numeral for s in r.sections if s.level == 1] == ["1、", "2、", "3、", "4、"]
    assert r.required_contents["next_year_plan"].present
    assert [f for f in r.findings if f.check == "heading_numbering"] == []
    assert flagged_at(text.replace("4、2024年", "5、2024年"), "heading_numbering", "5、2024年")


def test_merged_part_whose_plans_open_with_xiabu():
    short = ("一是决策后评估开展较少；二是执法平台尚未贯通。究其原因，主要是跟踪重视不够，资金投入不足。\n"
             "下步打算：2024年，我县将选取3项重大行政决策开展后评估，完成执法平台对接。\n")
    text = build(short=short, short_head="二、直面短板，存在问题及下步打算", plan=None)
    r = fazhi.analyze_text(text)
    assert r.required_contents["next_year_plan"].present
    assert r.required_contents["shortcomings"].present and r.required_contents["causes"].present
    assert findings(text, "next_year_plan_missing") == []
    assert findings(text.replace("下步打算：2024年，我县将选取", "另外，"), "next_year_plan_missing")


def test_accepted_and_not_accepted_make_the_applications():
    ok = _m("全年收到行政复议申请52件，依法受理47件，不予受理5件；审结45件，结案率95.7%。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("不予受理5件", "不予受理3件"), "sum_consistency", "52件")
    # a third way the applications went, after a comma: the split is open, not short
    open_list = _m("全年收到行政复议申请52件，依法受理45件，不予受理5件，告知向其他机关申请2件。")
    assert findings(open_list, "sum_consistency") == []


def test_two_way_splits_of_people_and_services():
    ok = _m("全镇行政执法人员86名，其中专职61名、兼职25名。全年接待法律咨询310人次，其中线上204人次、线下106人次。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("兼职25名", "兼职23名"), "sum_consistency", "86名")
    assert flagged_at(ok.replace("线下106人次", "线下96人次"), "sum_consistency", "310人次")
    assert findings(_m("受理建房申请40户，批准36户，不予批准4户。"), "sum_consistency") == []
    assert findings(_m("受理建房申请40户，批准35户，不予批准4户。"), "sum_consistency")


def test_closed_above_accepted_when_the_applications_are_stated_too():
    ok = _m("全年收到行政复议申请52件，依法受理47件，不予受理5件；审结45件，结案率95.7%。")
    assert findings(ok, "count_order") == []
    assert flagged_at(ok.replace("审结45件", "审结49件"), "count_order", "审结49件")
    carried = _m("全年收到行政复议申请52件，依法受理44件，加上上年结转的6件，共审结49件。")
    assert findings(carried, "count_order") == []
    last_year = _m("全年收到行政复议申请52件，受理50件，上年受理31件，审结45件。")
    assert findings(last_year, "count_order") == []


def test_shortcomings_in_the_stock_of_problems():
    short = ("个别单位对依法行政的重视程度不够，思想认识还不到位，部门之间的整体合力还未完全形成，"
             "法治宣传教育的深度和广度还有待加强，群众的法治观念仍需提升。\n主要原因是统筹谋划不够。\n")
    assert findings(build(short=short), "generic_text")
    specific = ("个别乡镇对合法性审查的重视程度不够，全年有3件镇政府合同未经审查即签订，"
                "部门之间在违建拆除上的整体合力还未完全形成。\n主要原因是镇级法治机构仅有1名工作人员。\n")
    assert findings(build(short=specific), "generic_text") == []


_TABLE = ("（四）复议。全年行政复议案件办理情况如下：\n"
          "项目　　　　收到申请　　受理　　不予受理　　审结　　结案率\n"
          "数量（件）　68　　　　　61　　　7　　　　　58　　　95.1%\n"
          "项目　　　　一审案件　　负责人出庭　　出庭率\n"
          "行政诉讼　　44　　　　　43　　　　　　97.7%\n")


def test_rates_in_a_table_written_as_text_rows():
    ok = build(measures=MEASURES + _TABLE)
    assert findings(ok, "rate_consistency") == [] and findings(ok, "count_order") == []
    assert flagged_at(ok.replace("58　　　95.1%", "58　　　93.1%"), "rate_consistency", "93.1%")
    assert flagged_at(ok.replace("43　　　　　　97.7%", "41　　　　　　97.7%"), "rate_consistency", "97.7%")


def test_part_above_its_column_in_a_table_row():
    bad = build(measures=MEASURES + _TABLE.replace("58　　　95.1%", "64　　　95.1%"))
    assert flagged_at(bad, "count_order", "64")
    # columns not in the order of the flow (审结 before 受理) relate nothing
    odd = build(measures=MEASURES + "项目　审结　受理　结案率\n数量　58　61　88.0%\n")
    assert findings(odd, "count_order") == [] and findings(odd, "rate_consistency") == []


def test_sub_heading_that_lost_its_opening_bracket():
    short = ("（1）执法文书不规范。原因是执法队员多为转岗人员。\n"
             "2）普法针对性不够。原因是对重点人群的需求调研不深。\n")
    assert flagged_at(build(short=short), "unbalanced_brackets", "2）普法")
    # a part listed 1) 2) throughout is a style of its own
    own = ("1）执法文书不规范。原因是执法队员多为转岗人员。\n"
           "2）普法针对性不够。原因是对重点人群的需求调研不深。\n")
    assert findings(build(short=own), "unbalanced_brackets") == []


def test_circled_list_inside_a_paragraph():
    ok = _m("主要做法有：①每月排查一次；②复杂纠纷由镇领导包案；③邀请律师参与调处。")
    assert findings(ok, "enumeration_gap") == []
    assert flagged_at(ok.replace("③邀请", "④邀请"), "enumeration_gap", "④邀请")
    assert flagged_at(ok.replace("②复杂", "①复杂"), "enumeration_gap", "①复杂")
    two = _m("程序有：①公开征求意见；②合法性审查。履职方式：①带头学法；②带头述法。")
    assert findings(two, "enumeration_gap") == []


def test_plan_under_a_heading_without_a_year_names_the_report_year():
    plan = "2023年，我县将制定重大行政决策事项目录，组织乡镇执法人员培训两期。\n"
    text = build(plan=plan, plan_head="三、今后努力方向")
    assert flagged_at(text, "year_consistency", "2023年，我县将")
    assert findings(build(plan=plan.replace("2023年", "2024年"), plan_head="三、今后努力方向"), "year_consistency") == []
    # a span of years the plan works within is no year of its own
    span = "围绕2021—2025年实施纲要的收官任务，制定重大行政决策事项目录。\n"
    assert findings(build(plan=span, plan_head="三、今后努力方向"), "year_consistency") == []
    back = "对照2023年度考核中发现的问题，制定重大行政决策事项目录。\n"
    assert findings(build(plan=back, plan_head="三、今后努力方向"), "year_consistency") == []


def test_a_sentence_of_the_years_work_dated_to_last_year():
    text = _m("全面推行园区事园区办。2022年办理各类政务服务事项1.27万件，网上办理率92.5%。")
    assert flagged_at(text, "year_consistency", "2022年办理")
    assert findings(text.replace("2022年办理", "2023年办理"), "year_consistency") == []
    since = _m("全面推行园区事园区办。2021年开展试点以来累计办理政务服务事项3.6万件。")
    assert findings(since, "year_consistency") == []
    issued = _m("全面推行园区事园区办。2022年出台的审批办法全年办理事项120件。")
    assert findings(issued, "year_consistency") == []


def test_a_provincial_department_that_calls_itself_a_bureau():
    text = ("江西省水利厅2023年度法治政府建设情况报告\n发布时间：2024-02-26\n\n"
            "2023年，我厅深入推进依法行政。现将有关情况报告如下。\n"
            "一、主要举措和成效\n（一）规范执法。全省水利系统办理行政处罚案件210件，厅本级重大执法决定全部经过法制审核。\n"
            "二、厅党组主要负责人履行推进法治建设第一责任人职责情况\n厅党组书记、厅长主持研究法治工作4次。\n"
            "三、存在的不足和原因\n基层执法力量不足。原因是编制紧张。\n"
            "四、2024年工作安排\n开展执法人员轮训。我局将持续加强执法监督。\n")
    assert flagged_at(text, "level_mismatch", "我局将")
    assert findings(text.replace("我局将", "我厅将"), "level_mismatch") == []


def test_times_that_lost_their_number():
    assert flagged_at(_m("镇党委书记主持召开党委会议研究法治工作次，带头学法4次。"), "missing_text", "工作次")
    ok = _m("考核中获评优秀等次，先后多次在全市会议上交流，首次实现全覆盖，依次完成整改，累计培训1200人次。")
    assert findings(ok, "missing_text") == []


def test_half_width_top_headings_whose_title_opens_with_the_year():
    text = ("雨花区2025年度法治政府建设情况报告\n发布时间：2026-03-18\n\n"
            "1.2025年法治政府建设主要举措及成效\n(1)执法监督。全区办理行政处罚案件3126件。\n"
            "2.区委、区政府主要负责人履行推进法治建设第一责任人职责情况\n区委书记、区长主持研究法治工作9次。\n"
            "3.存在的不足及原因\n(1)决策后评估刚刚起步。原因是缺乏专业评估力量。\n"
            "4.2026年工作计划\n(1)对2项重大行政决策开展后评估。\n")
    r = fazhi.analyze_text(text)
    assert [s.numeral for s in r.sections if s.level == 1] == ["1.", "2.", "3.", "4."]
    assert r.required_contents["next_year_plan"].present
    assert [f for f in r.findings if f.check == "heading_numbering"] == []


def test_a_total_of_the_next_sentence_is_no_total_of_a_list():
    text = _m("办理人大代表建议56件、政协委员提案73件，办复率均为100%。全县共收到行政复议申请612件。")
    assert findings(text, "sum_consistency") == []


def test_four_outcomes_right_after_their_total_are_the_whole():
    ok = _m("以本局为被申请人的行政复议案件27件，维持19件、驳回4件、撤销2件、终止2件；行政诉讼案件11件。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("案件27件", "案件37件"), "sum_consistency", "37件")
    # named as some of them (其中) and left open, they need not make the total
    some = _m("全年审结行政复议案件37件，维持19件、驳回4件、撤销2件、终止2件，其余为调解结案。")
    assert findings(some, "sum_consistency") == []


def test_immediate_and_promised_items_make_the_services():
    ok = _m("便民服务中心全年办理各类事项3276件，其中即办件2904件、承诺件372件。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("即办件2904件", "即办件2906件"), "sum_consistency", "3276件")


def test_year_openings_with_a_compound_subject_and_since():
    last = build(intro="2022年，固安县委、县政府在廊坊市委的领导下扎实推进法治政府建设。\n")
    assert flagged_at(last, "year_consistency", "2022年")
    heads = _m("2022年，县委书记、县长坚持把法治建设作为一把手工程。")
    assert flagged_at(heads, "year_consistency", "2022年")
    since = build(intro="2021年以来，固安县累计培训执法人员3000人次，法治政府建设持续推进。\n")
    assert findings(since, "year_consistency") == []


def test_plan_that_runs_on_after_its_headings_colon():
    text = build(plan=None) + "三、下一步打算：2023年，全县将推动法律顾问每月到村坐班一次。\n"
    assert flagged_at(text, "year_consistency", "2023年，全县将")
    assert findings(text.replace("2023年，全县将", "2024年，全县将"), "year_consistency") == []


def test_whole_city_in_a_provinces_report():
    text = build(title="贵州省人民政府关于2023年度法治政府建设情况的报告",
                 measures="（一）复议。全市各级行政复议机关共收到行政复议申请6312件，审结5613件。\n")
    assert flagged_at(text, "level_mismatch", "全市")
    ok = build(title="贵州省人民政府关于2023年度法治政府建设情况的报告",
               measures="（一）复议。全省9个市（州）全部开展示范创建，全市州行政复议机关规范化建设全面完成。\n",
               plan="下一步，我省将围绕2024年重点任务，组织执法人员专题培训不少于6期。\n")
    assert findings(ok, "level_mismatch") == []
    own = build(title="上海市人民政府关于2023年度法治政府建设情况的报告",
                measures="（一）复议。全市各级行政复议机关共收到行政复议申请6312件，本市审结5613件。\n",
                plan="下一步，我市将围绕2024年重点任务，组织执法人员专题培训不少于6期。\n")
    assert findings(own, "level_mismatch") == []


def test_points_numbered_first_second_inside_and_across_paragraphs():
    ok = _m("具体做法：第一，建立审查台账；第二，实行限时办结；第三，开展案卷评查。全县排名第二，位次前移。")
    assert findings(ok, "enumeration_gap") == []
    assert flagged_at(ok.replace("第三，开展", "第四，开展"), "enumeration_gap", "第四，开展")
    paras = build(plan="第一，修订行政执法事项清单。\n第二，组织执法人员专题培训4期。\n第三，推进执法监督平台建设。\n")
    assert findings(paras, "enumeration_gap") == []
    assert flagged_at(paras.replace("第二，组织", "第三，组织"), "enumeration_gap", "第三，组织")


def test_bracketed_numbers_after_a_colon():
    ok = _m("主要做法：（1）每月排查一次；（2）复杂纠纷包案化解；（3）律师参与调处。")
    assert findings(ok, "enumeration_gap") == []
    assert flagged_at(ok.replace("（2）复杂", "（3）复杂"), "enumeration_gap", "（3）复杂")


def test_causes_under_a_sub_heading_of_their_own():
    short = ("（一）问题。部分镇街合法性审查仍依赖法律顾问。\n"
             "（二）原因分析。镇街司法所人员少，平均每所仅2.3人；宣传方式较为传统。\n")
    text = build(short=short, short_head="二、问题与不足")
    assert findings(text, "causes_missing") == []
    bare = short.replace("镇街司法所人员少，平均每所仅2.3人；宣传方式较为传统。", "")
    assert findings(build(short=bare, short_head="二、问题与不足"), "causes_missing")


def test_plan_under_a_heading_that_lost_its_numeral():
    text = build(plan=None) + "2024年工作打算\n一是修订执法事项清单；二是组织执法人员培训4期。\n"
    assert findings(text, "next_year_plan_missing") == []
    assert flagged_at(text, "heading_numbering", "2024年工作打算")


def test_plan_heading_with_its_year_that_lost_its_numeral_between_numbered_parts():
    text = build(plan=None) + ("2024年工作安排\n2024年，我县将修订执法事项清单，组织执法人员培训4期。\n"
                               "四、其他需要报告的事项\n无。\n")
    assert flagged_at(text, "heading_numbering", "2024年工作安排")
    ok = text.replace("2024年工作安排\n", "三、2024年工作安排\n")
    assert findings(ok, "heading_numbering") == []


def test_last_run_in_item_that_lost_its_numeral():
    measures = ("（一）矛盾纠纷就地化解。辖区调委会排查化解矛盾纠纷426件，调解成功418件。\n"
                "（二）综合执法依法规范。街道综合执法中队全年办理案件61件。\n"
                "（三）法律服务进社区。社区法律顾问全年开展法治讲座51场。\n"
                "第一责任人职责落实。街道党工委书记带头学法，主持研究法治工作5次。\n")
    assert flagged_at(build(measures=measures), "heading_numbering", "第一责任人职责落实")
    ok = measures.replace("第一责任人职责落实。", "（四）第一责任人职责落实。")
    assert findings(build(measures=ok), "heading_numbering") == []
    # a paragraph of its own after the list is no item
    after = measures.replace("第一责任人职责落实。街道党工委书记带头学法，主持研究法治工作5次。",
                             "总体来看，街道法治建设各项工作有序推进，群众满意度持续提升。")
    assert findings(build(measures=after), "heading_numbering") == []
    short = ("（1）执法文书不规范。部分案卷装订不统一，原因是执法队员多为转岗人员。\n"
             "普法针对性不够。面向外出务工人员的活动偏少，原因是需求调研不深。\n")
    assert flagged_at(build(short=short), "heading_numbering", "普法针对性不够")


def test_plan_in_the_stock_of_resolve():
    plan = ("2024年，我们将不断提高运用法治思维和法治方式解决问题的能力，进一步加强组织领导，压实工作责任，"
            "形成工作合力，积极营造良好法治环境，为经济社会高质量发展提供坚实法治保障。\n")
    assert findings(build(plan=plan), "generic_text")
    specific = ("2024年，我们将压实工作责任，年内修订行政执法事项清单，组织执法人员专题培训4期，"
                "为经济社会高质量发展提供坚实法治保障。\n")
    assert findings(build(plan=specific), "generic_text") == []


def test_count_of_what_needed_the_head_in_court_is_the_base():
    ok = _m("全年办理行政诉讼案件31件；需负责人出庭应诉的案件8件，负责人出庭8件，出庭率100%。")
    assert findings(ok, "rate_consistency") == []
    assert flagged_at(ok.replace("出庭8件", "出庭6件"), "rate_consistency", "出庭率100%")


def test_adoption_rate_over_the_opinions_given():
    ok = _m("法律顾问审查合同35份，提出修改意见88条，采纳82条，采纳率93.2%。")
    assert findings(ok, "rate_consistency") == [] and findings(ok, "count_order") == []
    assert flagged_at(ok.replace("采纳82条", "采纳76条"), "rate_consistency", "93.2%")
    assert flagged_at(ok.replace("采纳82条", "采纳95条"), "count_order", "95条")


def test_list_that_starts_again_after_a_full_stop_where_its_next_item_stood():
    # paragraphs that open 一是/二是/三是: the second renumbered 一是, the third goes on counting
    short = ("一是村级调解员老龄化，45岁以下的仅占两成。\n一是法律顾问进村频次偏低，部分村一年不足4次。\n"
             "三是普法阵地利用不充分。主要原因是村级经费有限。\n")
    assert flagged_at(build(short=short), "enumeration_gap", "一是法律顾问")
    assert findings(build(short=short.replace("一是法律顾问", "二是法律顾问")), "enumeration_gap") == []
    # inside one paragraph: a lone 一是 where 二是 belongs, nothing opening a new list before it
    inline = "一是调解员老龄化，青年调解员偏少；二是法律顾问进村偏少。一是普法阵地利用不充分。主要原因是经费有限。\n"
    assert flagged_at(build(short=inline), "enumeration_gap", "一是普法")
    # a paragraph that opens its own list, whose second item was renumbered 一是
    opened = "一是调解员老龄化，青年调解员偏少。一是法律顾问进村偏少。主要原因是经费有限。\n"
    assert flagged_at(build(short=opened), "enumeration_gap", "一是法律顾问")
    # a new list after words that open one, and a point inside a paragraph-list item, stay silent
    causes = ("一是调解员老龄化；二是法律顾问进村偏少。究其原因，一是村级经费有限，"
              "报酬偏低；二是培训不足。\n")
    assert findings(build(short=causes), "enumeration_gap") == []
    nested = ("一是调解员老龄化，青年调解员偏少。\n二是执法规范化不够。去年出台裁量基准。一是梳理事项，"
              "编制基准表一张。\n三是普法阵地利用不充分。主要原因是经费有限。\n")
    assert findings(build(short=nested), "enumeration_gap") == []


def test_last_run_in_top_heading_that_lost_its_numeral():
    body = ("一、夯实责任，第一责任人职责有效落实。镇党委书记、镇长主持研究法治工作4次，带头讲法治课1次。\n"
            "二、规范决策，合法性审查实现全覆盖。全年审查合同协议28份，提出修改意见41条。\n"
            "三、存在的不足和原因。一是村级调解员偏少；二是普法形式单一。主要原因是经费有限。\n"
            "2024年工作打算。一是新培育法律明白人40名；二是每季度开展执法案卷自查1次。\n")
    text = TITLE.replace("固安县人民政府", "柳泉镇人民政府") + "\n发布日期：2024-03-12\n\n" + body
    assert flagged_at(text, "heading_numbering", "2024年工作打算")
    # the plan is still found under the heading that ran into the part before it
    assert findings(text, "next_year_plan_missing") == []
    assert findings(text.replace("2024年工作打算。", "四、2024年工作打算。"), "heading_numbering") == []
    # a run-in heading between two numbered ones that lost its numeral is named itself
    middle = text.replace("2024年工作打算。", "四、2024年工作打算。").replace("二、规范决策", "规范决策")
    hits = findings(middle, "heading_numbering")
    assert len(hits) == 1 and "规范决策" in hits[0].message and "二、" in hits[0].message


def test_last_one_sentence_item_that_lost_its_numeral():
    plan = ("（一）年底前完成执法事项清单修订。\n（二）组织执法人员专题培训4期。\n"
            "推行执法案卷交叉评查，每季度抽查案卷不少于10卷。\n")
    assert flagged_at(build(plan=plan), "heading_numbering", "推行执法案卷")
    assert findings(build(plan=plan.replace("推行执法案卷", "（三）推行执法案卷")), "heading_numbering") == []
    # a closing paragraph after the list, and a paragraph of several sentences, are no items
    closing = plan.replace("推行执法案卷交叉评查，每季度抽查案卷不少于10卷。",
                           "我们将以更加务实的作风，推动全县法治建设再上新台阶。")
    assert findings(build(plan=closing), "heading_numbering") == []
    for end in ("为推动全县法治政府建设迈上新台阶作出新的更大贡献。", "全县将坚持问题导向，持续用力，久久为功。",
                "奋力开创法治政府建设新局面，为高质量发展提供法治保障。"):
        text = build(plan=plan.replace("推行执法案卷交叉评查，每季度抽查案卷不少于10卷。", end))
        assert findings(text, "heading_numbering") == [], end
    longer = plan.replace("推行执法案卷交叉评查，每季度抽查案卷不少于10卷。",
                          "全县将持续推进依法行政。各乡镇要对照任务清单逐项落实。县司法局年底组织考核。")
    assert findings(build(plan=longer), "heading_numbering") == []


_CELL_TABLE = ("表2　各村调解情况\n村\n受理（件）\n调解成功（件）\n成功率\n东岗村\n38\n37\n97.4%\n"
               "西岗村\n52\n50\n96.2%\n合计\n90\n87\n96.7%\n")


def test_table_pasted_one_cell_per_line():
    ok = build(measures=MEASURES + _CELL_TABLE)
    assert findings(ok, "rate_consistency") == [] and findings(ok, "count_order") == []
    assert flagged_at(ok.replace("\n37\n", "\n35\n"), "rate_consistency", "97.4%")
    assert flagged_at(ok.replace("\n50\n", "\n57\n"), "count_order", "57")
    # cells that do not tile into rows (a lost cell) are no table
    broken = build(measures=MEASURES + _CELL_TABLE.replace("西岗村\n52\n50\n", "西岗村\n52\n"))
    assert findings(broken, "rate_consistency") == []


def test_parts_after_a_total_that_opens_its_list_with_zhong():
    ok = _m("调解成功的96件中，邻里纠纷51件、土地纠纷27件、婚姻家庭纠纷18件。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("土地纠纷27件", "土地纠纷31件"), "sum_consistency", "96件")
    # parts that may overlap (涉企, 重大) say nothing, nor do two kinds that fall short (the rest
    # may be of other kinds); three kinds that close the sentence are the whole breakdown
    assert findings(_m("审结的40件中，涉企案件26件、重大案件19件。"), "sum_consistency") == []
    assert findings(_m("调解成功的96件中，邻里纠纷51件、土地纠纷27件。"), "sum_consistency") == []
    assert flagged_at(ok.replace("土地纠纷27件", "土地纠纷20件"), "sum_consistency", "96件")


_CHANGE_TABLE = ("指标　　　　　　　2023年　　2022年　　增减\n"
                 "行政处罚案件（件）　　　612　　　　575　　　+37\n"
                 "行政复议案件（件）　　　44　　　　51　　　　-7\n")


def test_change_column_of_a_two_period_table():
    ok = build(measures=MEASURES + _CHANGE_TABLE)
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("　44　", "　46　"), "sum_consistency", "-7")
    assert flagged_at(ok.replace("+37", "+27"), "sum_consistency", "+27")
    # an unsigned change may go either way; a table of two periods with no change column says nothing
    assert findings(ok.replace("-7", "7"), "sum_consistency") == []
    plain = "指标　　　　　2023年　　2022年\n行政处罚案件（件）　612　　575\n"
    assert findings(build(measures=MEASURES + plain), "sum_consistency") == []


def test_count_of_meetings_is_no_base_of_a_court_appearance_rate():
    ok = _m("县政府常务会议全年专题研究法治工作9次；县长出庭应诉1次，全县行政机关负责人出庭应诉率100%。")
    assert findings(ok, "rate_consistency") == []


def test_line_opening_the_causes_after_one_sentence_problems_is_no_item():
    short = ("（一）规范性文件起草质量不高，审核退回率偏高。\n（二）乡镇执法队伍专业人员不足。\n"
             "产生上述问题的原因：一是培训针对性不够；二是人才引进机制不完善。\n")
    assert findings(build(short=short, short_head="二、存在的不足"), "heading_numbering") == []


def test_table_cell_that_lost_its_percentage():
    text = build(measures=MEASURES + _CELL_TABLE.replace("\n96.2%\n", "\n%\n"))
    assert flagged_at(text, "missing_text", "\n%\n")
    assert findings(build(measures=MEASURES + _CELL_TABLE), "missing_text") == []


def test_split_right_after_its_total_in_the_middle_of_a_sentence():
    ok = _m("调委会调处纠纷96件，调处成功93件；信访办受理来信来访41件，分别为来信9件、来访32件，全部按期办结。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("来信9件", "来信12件"), "sum_consistency", "41件")
    assert flagged_at(ok.replace("来访32件", "来访30件"), "sum_consistency", "41件")


def test_cases_by_the_way_they_were_closed():
    ok = _m("受理校园伤害纠纷42件，其中调解结案35件、诉讼结案7件。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("纠纷42件", "纠纷45件"), "sum_consistency", "45件")
    assert flagged_at(ok.replace("调解结案35件", "调解结案38件"), "sum_consistency", "38件")
    # the rest still open: the two ways are not all
    assert findings(ok.replace("诉讼结案7件。", "诉讼结案4件，其余正在处理。"), "sum_consistency") == []


def test_title_that_names_the_place_after_guanyu_names_the_unit():
    intro = "2023年，固安县在廊坊市委、市政府的领导下，扎实推进法治政府建设。\n"
    text = build(title="关于固安县2023年法治政府建设工作情况的报告", intro=intro)
    assert findings(text, "missing_title") == []
    assert findings(build(title="关于2023年度法治政府建设情况的报告", intro=intro), "missing_title")


def test_second_of_two_one_line_items_that_lost_its_numeral():
    short = ("（一）部分单位规范性文件起草粗糙，审核退回率较高。\n（二）乡镇执法人员中法律专业人员偏少。\n"
             "产生上述问题的原因：一是培训不够；二是招录机制不完善。\n")
    text = build(short=short, short_head="二、存在的不足")
    assert findings(text, "heading_numbering") == []
    assert flagged_at(text.replace("（二）乡镇", "乡镇"), "heading_numbering", "乡镇执法人员")
    # a lone (一) heading above its own paragraph is no list of one
    lone = build(short="（一）执法队伍建设\n乡镇执法人员中法律专业人员偏少，原因是招录机制不完善。\n",
                 short_head="二、存在的不足")
    assert findings(lone, "heading_numbering") == []


_PIPES = ("（四）执法。全年办理行政处罚案件情况如下：\n"
          "| 领域 | 立案（件） | 结案（件） | 结案率 |\n"
          "|---|:---:|:---:|---|\n"
          "| 市场监管 | 312 | 298 | 95.5% |\n"
          "| 城市管理 | 87 | 87 | 100% |\n")


def test_rates_in_a_table_with_a_markdown_rule_under_its_header():
    ok = build(measures=MEASURES + _PIPES)
    assert findings(ok, "rate_consistency") == [] and findings(ok, "count_order") == []
    assert flagged_at(ok.replace("298 | 95.5%", "298 | 97.5%"), "rate_consistency", "97.5%")
    assert flagged_at(ok.replace("| 312 | 298 |", "| 312 | 318 |"), "count_order", "318")


def test_the_heads_own_appearances_are_not_the_numerator_of_all_heads_rate():
    ok = _m("行政诉讼案件6件，局主要负责人出庭应诉2件，行政机关负责人出庭应诉率100%。")
    assert findings(ok, "rate_consistency") == []
    # the rate of the same narrower subject is computed on its count
    same = _m("行政诉讼案件6件，局主要负责人出庭应诉2件，主要负责人出庭应诉率50%。")
    assert flagged_at(same, "rate_consistency", "50%")
    assert flagged_at(_m("行政诉讼案件6件，负责人出庭应诉5件，负责人出庭应诉率100%。"), "rate_consistency", "100%")


def test_plan_year_against_a_year_read_from_the_body():
    intro = "2023年，固安县坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下。\n"
    ok = build(title=None, intro=intro)
    r = fazhi.analyze_text(ok)
    assert r.metadata.report_year == 2023 and "report_year" in r.metadata.inferred
    assert findings(ok, "year_consistency") == []
    bad = build(title=None, intro=intro, plan_head="三、2025年工作安排")
    hits = findings(bad, "year_consistency")
    assert hits and "推断" in hits[0].message and "2024" in hits[0].message
    # a year known only from the plan's heading is no fact to set the plan against
    no_body_year = build(title=None, plan_head="三、2025年工作安排", plan="下一步，我县将组织执法人员专题培训不少于6期。\n")
    assert findings(no_body_year, "year_consistency") == []


def test_a_list_closing_with_the_rest_may_not_exceed_its_total():
    ok = _m("全年审查合同和文件共41份，其中合同23份、规范性文件草案2份、其他文件16份。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("草案2份", "草案4份"), "sum_consistency", "41份")
    # parts of the noun the total is counted in (受理纠纷 → 邻里纠纷、物业纠纷 …) are one partition
    kinds = _m("全年受理矛盾纠纷260件，其中邻里纠纷120件、物业纠纷90件、婚姻家庭纠纷60件。")
    assert flagged_at(kinds, "sum_consistency", "260件")
    # parts that cut across each other may exceed it
    assert findings(_m("全年受理矛盾纠纷260件，其中涉企纠纷120件、重大纠纷150件。"), "sum_consistency") == []


def test_grades_of_reviewed_case_files():
    ok = _m("评查执法案卷120卷，评为优秀的46卷、合格的71卷、不合格的3卷。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("合格的71卷", "合格的70卷"), "sum_consistency", "120卷")
    # the failing grade left out: the grades named are not all
    assert findings(_m("抽查案卷480卷，评定优秀卷173卷、合格卷291卷，合格以上案卷占96.7%。"), "sum_consistency") == []


def test_three_kinds_closing_the_sentence_after_a_totals_zhong():
    ok = _m("调处成功的60件中，门诊纠纷23件、住院纠纷31件、药事纠纷6件。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("门诊纠纷23件", "门诊纠纷20件"), "sum_consistency", "60件")
    # the main kinds only (主要, 等): no breakdown of the whole
    assert findings(_m("调处成功的60件中，主要为门诊纠纷20件、住院纠纷31件、药事纠纷6件等。"), "sum_consistency") == []


def test_outcomes_after_a_second_whole_are_not_parts_of_the_first():
    ok = _m("县政府收到行政复议申请41件，受理38件，不予受理3件；审结36件，其中维持27件、撤销4件、确认违法1件、"
            "驳回2件、终止2件。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("申请41件", "申请39件"), "sum_consistency", "39件")


def test_parts_named_together_before_their_total_are_all_of_it():
    ok = _m("全年受理投诉举报2473件，办结2451件，其中投诉1986件、举报465件，挽回经济损失138万元。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("投诉1986件", "投诉1980件"), "sum_consistency", "2451件")
    # parts the words before do not name may be only some of the total
    assert findings(_m("全年受理投诉举报2473件，办结2451件，其中食品类1980件、药品类465件。"), "sum_consistency") == []


def test_opening_dated_to_last_year_with_the_unit_following_a_guideline():
    intro = "2022年，固安县以习近平法治思想为指导，扎实推进法治政府建设。\n"
    text = build(measures=intro + MEASURES)
    assert flagged_at(text, "year_consistency", "2022年，固安县以")
    assert findings(build(measures="2023年，固安县以习近平法治思想为指导，扎实推进法治政府建设。\n" + MEASURES),
                    "year_consistency") == []


def test_a_label_whose_value_lost_its_number():
    rows = "数据速览：\n行政复议收案：295件\n行政复议受理：271件\n"
    assert findings(build(measures=MEASURES + rows), "missing_text") == []
    assert flagged_at(build(measures=MEASURES + rows.replace("271件", "件")), "missing_text", "受理：件")


def test_a_breakdown_right_after_a_rate_splits_the_count_it_comes_nearest():
    ok = _m("办理行政处罚案件127件，办结121件，结案率95.3%，其中市容类78件、环境类31件、违建类18件。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("违建类18件", "违建类28件"), "sum_consistency", "127件")
    # the ways the closed cases were closed split the closed count
    closed = _m("受理复议案件50件，审结48件，结案率96%，其中调解结案20件、其他28件。")
    assert findings(closed, "sum_consistency") == []
    hits = findings(closed.replace("其他28件", "其他27件"), "sum_consistency")
    assert hits and "48" in hits[0].message


def test_parts_named_apart_in_the_totals_words():
    ok = _m("全年审查区政府文件、合同、协议共164件，其中区政府文件52件、合同协议112件；重大行政决策事项5项。")
    assert findings(ok, "sum_consistency") == []
    assert flagged_at(ok.replace("合同协议112件", "合同协议113件"), "sum_consistency", "164件")


def test_a_new_subject_after_the_outcomes_is_no_outcome():
    ok = _m("复议机构审结551件，其中维持362件、驳回58件、撤销49件、确认违法21件、终止61件；"
            "全市各级人民调解组织调解纠纷2.1万件，调解成功率98.6%。")
    assert findings(ok, "sum_consistency") == []
    # outcomes apart by semicolons are still one list
    semi = _m("复议机构审结551件，其中维持362件；驳回58件；撤销49件；确认违法21件；终止60件。")
    assert flagged_at(semi, "sum_consistency", "551件")
    # an outcome told with its cause after a semicolon is still the list's
    cause = _m("县政府共办理复议案件20件，维持6件，驳回5件；因申请人撤回申请终止审理4件，不予受理4件，正在审理中1件。")
    assert findings(cause, "sum_consistency") == []


def test_causes_cut_by_a_hard_line_break():
    short = ("一是村级法治力量薄弱；二是执法装备保障不足。原\n因是村干部流动性大，镇级财力有限。\n")
    assert findings(build(short=short), "causes_missing") == []
    assert findings(build(short="一是村级法治力量薄弱；二是执法装备保障不足，镇级\n财力有限。\n"), "causes_missing")


def test_last_heading_that_lost_its_numeral_above_a_table_lead_in():
    plan = "重点任务如下表：\n序号　任务　完成时限\n1　开展执法案卷评查　2024年6月\n"
    ok = build(plan=plan)
    assert findings(ok, "heading_numbering") == []
    assert flagged_at(ok.replace("三、2024年工作安排", "2024年工作安排"), "heading_numbering", "2024年工作安排")


# a report whose parts are led by a sentence, not a numbered heading
_LED = ("{title}\n发布日期：2024-02-10\n"
        "　　2023年，某县人民政府认真落实法治政府建设各项部署。现报告如下。\n"
        "　　依法决策的制度更加健全。{lead}县政府全年审议重大行政决策事项6项，全部经过合法性审查和集体讨论，"
        "法律顾问列席常务会议28次，审查政府合同和文件142件。\n"
        "　　执法监督的力度不断加大。全县组织行政执法案卷评查2次，抽查案卷180卷，发现问题31个，已全部督促整改，"
        "执法人员参加年度法律知识考试合格率达到百分之百。\n"
        "　　工作中也还存在一些不足：乡镇执法力量不足，部分执法人员业务不熟。主要原因是培训的次数偏少。\n"
        "　　{plan}一是组织执法人员轮训；二是完善行政执法协调监督工作体系。\n")


def _led(lead: str = "", plan: str = "2024年工作计划如下。") -> str:
    return _LED.format(title=TITLE, lead=lead, plan=plan)


def test_plan_announced_by_a_sentence_of_its_own_in_a_report_without_headings():
    assert findings(_led(), "next_year_plan_missing") == []
    assert findings(_led(plan="2024年工作安排如下："), "next_year_plan_missing") == []
    # without any sentence that opens the plans, they are still missing
    assert findings(_led(plan="我们认为，"), "next_year_plan_missing")


def test_paragraph_that_opens_with_last_year_whatever_its_subject():
    text = _led().replace("　　执法监督的力度", "　　2022年，执法监督的力度")
    assert flagged_at(text, "year_consistency", "2022年")
    assert findings(_led().replace("　　执法监督的力度", "　　2023年，执法监督的力度"), "year_consistency") == []
    # a span reaching into the year opens the paragraph, not a date
    assert findings(_led().replace("　　执法监督的力度", "　　2022年以来，执法监督的力度"), "year_consistency") == []


def test_lead_in_counting_its_focus_areas_is_no_account_of_the_measures():
    def report(lead: str) -> str:
        return (TITLE + "\n发布日期：2024-03-01\n　　" + lead + "现将有关情况报告如下。\n"
                "一、存在的不足和原因\n" + SHORT + "二、2024年工作安排\n" + PLAN)
    vague = ("2023年，县政府紧扣依法决策、规范执法和基层治理三项重点，按照市委、市政府的统一部署，"
             "把法治政府建设同全县经济社会发展各项工作一起谋划、一起推进。")
    assert findings(report(vague), "measures_missing")
    # the same lead-in telling work done with its count is a short account, but one
    done = ("2023年，县政府紧扣依法决策和规范执法，按照市委、市政府的统一部署，全年审查县政府文件和合同86件，"
            "组织执法案卷评查2次，各项工作有序推进。")
    assert findings(report(done), "measures_missing") == []


def test_online_share_is_computed_on_the_services_applied_for():
    good = _m("县政务服务中心全年受理办件12.5万件，其中网上办理11.8万件，网办率94.4%。")
    assert findings(good, "rate_consistency") == []
    bad = _m("县政务服务中心全年受理办件12.5万件，其中网上办理10.8万件，网办率94.4%。")
    assert flagged_at(bad, "rate_consistency", "94.4%")


def test_unannounced_shortcomings_before_a_paragraph_of_their_causes():
    short = "　　工作中也还存在一些不足：乡镇执法力量不足，部分执法人员业务不熟。主要原因是培训的次数偏少。\n"
    weak = ("　　乡镇一级的执法力量还不够，部分执法人员业务不熟，基层普法的针对性有待加强。\n"
            "　　究其原因，主要是执法人员培训的次数偏少，普法经费保障不足。\n")
    text = _led().replace(short, weak)
    assert findings(text, "shortcomings_missing") == []
    assert findings(text, "causes_missing") == []
    # a paragraph of work done before the causes is no account of shortcomings
    done = ("　　乡镇一级组织执法人员集中培训4期，普法志愿者开展送法下乡活动36场。\n"
            "　　究其原因，主要是执法人员培训的次数偏少，普法经费保障不足。\n")
    assert findings(_led().replace(short, done), "shortcomings_missing")


def test_year_dated_by_two_phrasings_is_one_finding():
    # the paragraph opens with the year, the unit at work and a counted task: one finding, not three
    text = _m("\n2022年，全县共办理行政复议案件31件。")
    assert len(findings(text, "year_consistency")) == 1
