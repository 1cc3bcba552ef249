"""Attribution on pages as real sites publish them: every class written in our own words.

Each snippet imitates one way a real page hides or muddles its issuer, title, date or year;
the names are real divisions (the table resolves them) and every sentence is invented.
"""
from __future__ import annotations

import fazhi


def md_of(text: str):
    return fazhi.analyze_text(text).metadata


def test_department_without_place_takes_it_from_the_index_number():
    md = md_of("索引号：11510722MB0000000X/2023-00021\n\n县司法局2022年度法治政府建设工作报告\n\n"
               "2022年，县司法局坚持依法行政，各项工作稳步推进。\n一、主要工作\n审核规范性文件4份。\n")
    assert md.level == "department"
    assert md.jurisdiction == "三台县"
    assert md.department == "三台县司法局"
    assert md.evidence["jurisdiction"]["source"] == "index_no"


def test_department_place_from_the_issuer_field():
    md = md_of("发布机构：盐亭县市场监督管理局\n发布日期：2023- 03- 28\n\n"
               "市场监管局2022年度法治政府建设情况报告\n\n2022年，我局全面推进依法行政。\n")
    assert (md.level, md.jurisdiction) == ("department", "盐亭县")
    assert md.published == "2023-03-28"
    assert md.evidence["published"]["source"] == "issuer_field"


def test_provincial_department_is_a_department_of_the_province():
    md = md_of("四川省司法厅2021年法治政府建设年度报告\n\n2021年，省司法厅认真履行职责。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "四川省", "四川省司法厅")
    assert md.province == "四川省"


def test_title_set_in_two_lines():
    md = md_of("三台县人民政府\n2022年度法治政府建设情况报告\n\n2022年，全县坚持依法行政。\n一、主要举措\n办理复议案件12件。\n")
    assert md.title == "三台县人民政府2022年度法治政府建设情况报告"
    assert (md.jurisdiction, md.level, md.report_year) == ("三台县", "county", 2022)


def test_title_wrapped_over_three_lines():
    md = md_of("盐亭县人民政府关于\n2023年度法治政府建设\n工作情况的报告\n\n2023年，全县依法行政水平持续提升。\n")
    assert md.title == "盐亭县人民政府关于2023年度法治政府建设工作情况的报告"
    assert md.jurisdiction == "盐亭县"


def test_title_only_in_the_title_field_with_the_site_name_glued_on():
    md = md_of("标题：绵阳市生态环境局关于2021年法治政府建设工作情况的报告_绵阳市人民政府网\n发布时间：2022/03/30\n\n"
               "2021年，我局认真贯彻落实上级部署。\n一、主要做法\n办理案件3件。\n")
    assert md.title == "绵阳市生态环境局关于2021年法治政府建设工作情况的报告"
    assert md.evidence["title"]["source"] == "title_field"
    assert (md.level, md.jurisdiction, md.published) == ("department", "绵阳市", "2022-03-30")


def test_the_addressee_line_is_not_the_issuer():
    md = md_of("绵阳市人民政府：\n2022年，盐亭县坚持以法治政府建设为抓手，统筹推进各项工作。现将有关情况报告如下：\n"
               "一、工作成效\n化解纠纷20起。\n")
    assert md.jurisdiction == "盐亭县"
    assert md.evidence["issuer"]["source"] == "body"


def test_a_street_is_not_taken_for_its_district():
    md = md_of("游仙区春天街道2023年法治建设工作报告\n\n2023年，街道党工委坚持依法办事。\n一、工作举措\n调解纠纷15起。\n")
    assert (md.jurisdiction, md.level, md.county) == ("春天街道", "street", "游仙区")


def test_a_bare_time_label_gives_the_date_and_the_site_clock_does_not():
    md = md_of("今天是2024年5月6日 星期一\n时间：2023-03-15\n"
               "绵阳市司法局关于2022年度法治政府建设情况的报告\n2022年，我局全面推进依法行政。\n")
    assert md.published == "2023-03-15"
    assert md.report_year == 2022


def test_a_title_run_together_with_the_body():
    md = md_of("江油市2023年度法治政府建设情况报告2023年，全市坚持依法行政，法治政府建设取得新成效。一、主要举措……\n")
    assert md.title == "江油市2023年度法治政府建设情况报告"
    assert md.jurisdiction == "江油市"


def test_work_summary_with_next_years_plan_reports_the_first_year():
    md = md_of("梓潼县司法局2022年法治建设工作总结暨2023年工作安排\n\n2022年，我局扎实推进依法行政。\n")
    assert md.report_year == 2022
    assert md.level == "department"


def test_every_field_says_where_it_came_from():
    md = md_of("三台县人民政府关于2023年度法治政府建设情况的报告\n\n2023年，全县坚持依法行政。\n\n三台县人民政府\n2024年3月20日\n")
    for fld in ("title", "issuer", "jurisdiction", "level", "report_year", "signed"):
        assert fld in md.evidence and 0 < md.confidence[fld] <= 1, fld
    assert md.evidence["signed"]["source"] == "signature"
    d = fazhi.analyze_text("三台县人民政府关于2023年度法治政府建设情况的报告\n\n正文。\n").to_dict()
    assert "evidence" in d["metadata"] and "confidence" in d["metadata"]


def test_a_department_named_by_its_level_word_takes_the_place_the_body_names():
    md = md_of("2023年，市人社局坚持依法行政，推动就业和社保工作依法开展。现将有关情况报告如下：\n"
               "一、主要举措\n绵阳市城乡居民参保人数稳步增长，全年办理劳动监察案件40件。\n")
    assert md.department == "绵阳市人力资源和社会保障局"
    assert (md.level, md.jurisdiction) == ("department", "绵阳市")


def test_a_government_named_by_its_level_word():
    md = md_of("2022年，省政府深入推进依法行政，四川法治政府建设取得新进展。现将有关情况报告如下：\n一、主要成效\n")
    assert (md.jurisdiction, md.level) == ("四川省", "province")
    assert md.issuer == "四川省人民政府"


def test_the_subject_of_a_later_clause_is_the_issuer():
    md = md_of("2023年，在县委、县政府的正确领导下，盐亭县教育局深入推进依法治教。现将工作情况报告如下：\n一、主要举措\n")
    assert (md.department, md.jurisdiction, md.level) == ("盐亭县教育局", "盐亭县", "department")


def test_the_site_host_names_the_place_of_a_department_without_one():
    r = fazhi.analyze_text("2023年，市自然资源和规划局坚持依法行政。现将有关情况报告如下：\n一、主要措施\n",
                           source="http://zrzy.mianyang.gov.cn/fzzf/2024/report.html")
    assert r.metadata.jurisdiction == "绵阳市"
    assert r.metadata.department == "绵阳市自然资源和规划局"
    assert r.metadata.evidence["jurisdiction"]["source"] == "site"


def test_an_autonomous_county_in_its_short_form():
    md = md_of("2022年，北川自治县坚持依法行政，统筹推进法治政府建设。现将有关情况报告如下：\n一、主要成效\n")
    assert (md.jurisdiction, md.level) == ("北川羌族自治县", "county")


def test_a_traditional_script_title_is_kept_as_written():
    md = md_of("三台縣人民政府關於2022年度法治政府建設情況的報告\n\n2022年，全縣堅持依法行政。\n")
    assert md.title == "三台縣人民政府關於2022年度法治政府建設情況的報告"
    assert (md.jurisdiction, md.report_year) == ("三台县", 2022)


def test_an_opening_sentence_ending_in_a_colon_is_not_a_title():
    md = md_of("根据有关规定和要求，现将2021年三台县法治政府建设情况的报告公开如下：\n一、主要举措\n全年办理复议案件8件。\n")
    assert md.title is None
    assert md.report_year == 2021


def test_a_date_and_time_stamp_by_the_title_is_the_publication_date():
    md = md_of("2022年度三台县法治政府建设情况报告\n2023-03-28 09:15\n2022年，全县坚持依法行政。\n")
    assert md.published == "2023-03-28"
    assert md.evidence["published"]["source"] == "stamp"


def test_a_source_line_that_carries_the_time_gives_the_date():
    md = md_of("四川省人民政府关于2023年法治政府建设情况的报告\n来源：某某日报 2024-03-16 08:15\n2023年，省政府坚持依法行政。\n")
    assert md.published == "2024-03-16"


def test_site_chrome_before_the_title_and_a_column_tag_in_it():
    md = md_of("某某法网 信息平台入口 无障碍阅读 微信 微博 繁体 登录注册\n\n"
               "【政府法治建设报告】四川省人民政府关于2021年度推进法治政府建设情况的报告\n\n"
               "2021年，省政府坚持依法行政，全面推进法治政府建设。\n")
    assert md.title == "四川省人民政府关于2021年度推进法治政府建设情况的报告"
    assert (md.jurisdiction, md.level) == ("四川省", "province")


def test_a_development_zone_is_not_a_division_named_like_its_tail():
    md = md_of("绵阳高新区2023年法治政府建设工作报告\n\n2023年，高新区坚持依法行政。\n")
    assert md.jurisdiction != "新区"
    assert (md.jurisdiction, md.city) == ("绵阳高新区", "绵阳市")


def test_a_metadata_table_in_cells_and_bullets():
    page = ("| [ 索引号 ] | 11510700MB0000000X/2024-00028 | [ 发文字号 ] | 无 |\n"
            "| [ 发布机构 ] | 市市场监管局 | [ 成文日期 ] | 2024-01-30 |\n"
            "| [ 发布日期 ] | 2024-02-25 |\n"
            "  • 索 引 号:11510700MB0000000X/2024-00028\n"
            "绵阳市市场监督管理局关于2023年法治政府建设情况的报告\n"
            "2023年，市局坚持依法行政。现将有关情况报告如下。\n")
    md = md_of(page)
    assert md.title == "绵阳市市场监督管理局关于2023年法治政府建设情况的报告"
    assert (md.published, md.signed) == ("2024-02-25", "2024-01-30")
    assert (md.level, md.jurisdiction) == ("department", "绵阳市")


def test_a_stamp_in_a_furniture_line_gives_the_date():
    md = md_of("首页 >> 信息公开 >> 正文\n三台县人民政府2023年度法治政府建设情况报告\n"
               "2024-03-29 17:13:17 来源: 三台县司法局 打印\n\n2023年，全县坚持依法行政。\n")
    assert md.published == "2024-03-29"


def test_a_title_led_by_its_label_or_document_number():
    md = md_of("标题三台县司法局关于2023年法治政府建设情况的报告\n\n2023年，我局坚持依法行政。\n")
    assert md.title == "三台县司法局关于2023年法治政府建设情况的报告"
    md = md_of("[绵府发〔2024〕7号]绵阳市人民政府关于2023年法治政府建设情况的报告\n市委：\n2023年，市政府坚持依法行政。\n")
    assert md.title == "绵阳市人民政府关于2023年法治政府建设情况的报告"


def test_a_page_title_with_its_column_and_site_is_not_joined_to_the_next_line():
    md = md_of("三台县芦溪镇2022年度法治政府建设工作情况的报告 - 规划计划 - 三台县人民政府网\n"
               "三台县芦溪镇2022年度法治政府建设工作情况的报告\n\n2022年，我镇坚持依法行政。\n")
    assert md.title == "三台县芦溪镇2022年度法治政府建设工作情况的报告"
    assert (md.jurisdiction, md.level) == ("芦溪镇", "township")


def test_a_street_written_without_its_last_character():
    md = md_of("2021年，在区委、区政府的正确领导下，松洲街以法治建设为引领，扎实推进依法行政。现将有关情况报告如下：\n一、主要举措\n")
    assert (md.jurisdiction, md.level) == ("松洲街道", "street")


def test_a_breadcrumb_naming_the_column_is_not_the_title():
    md = md_of("您当前的位置：法治政府建设年度报告\n盐亭县黄甸镇人民政府关于2023年法治政府建设情况的报告\n"
               "日期：2024-03-12\n\n2023年，我镇坚持依法行政。\n一、主要举措\n调解纠纷15起。\n")
    assert md.title == "盐亭县黄甸镇人民政府关于2023年法治政府建设情况的报告"
    assert (md.jurisdiction, md.level, md.published) == ("黄甸镇", "township", "2024-03-12")


def test_a_heading_without_issuer_gives_way_to_the_fuller_title_below_it():
    md = md_of("关于2022年法治政府建设情况的报告\n三台县芦溪镇人民政府\n关于2022年法治政府建设情况的报告\n\n"
               "一、工作推进情况\n我镇成立了法治政府建设领导小组。\n")
    assert md.title == "三台县芦溪镇人民政府关于2022年法治政府建设情况的报告"
    assert (md.jurisdiction, md.level) == ("芦溪镇", "township")


def test_a_title_broken_after_the_year():
    md = md_of("绵阳市人民政府关于2021年度\n法治政府建设情况的报告\n绵府发〔2022〕3号\n一、主要举措\n全市审查文件30件。\n")
    assert md.title == "绵阳市人民政府关于2021年度法治政府建设情况的报告"
    assert md.report_year == 2021


def test_joint_issuers_set_one_per_line_open_the_title():
    md = md_of("中共安州区花荄镇委员会\n安州区花荄镇人民政府\n关于2021年度法治政府建设情况的报告\n区委、区政府：\n"
               "一、主要举措\n我镇全年调处纠纷9起。\n")
    assert md.title == "中共安州区花荄镇委员会安州区花荄镇人民政府关于2021年度法治政府建设情况的报告"
    assert (md.jurisdiction, md.level) == ("花荄镇", "township")


def test_joint_issuers_set_apart_by_a_comma_on_the_line_above_the_title():
    body = "\n2022年，全县坚持依法行政。现将有关情况报告如下：\n一、主要举措\n全年审查规范性文件6件。\n"
    md = md_of("中共桐庐县委、桐庐县人民政府\n关于2022年度法治政府建设情况的报告" + body)
    assert md.title == "中共桐庐县委、桐庐县人民政府关于2022年度法治政府建设情况的报告"
    assert (md.issuer, md.jurisdiction, md.level) == ("中共桐庐县委、桐庐县人民政府", "桐庐县", "county")
    # the first issuer's line ends in 、 and the second opens the title
    md = md_of("桐庐县人民政府办公室、\n桐庐县司法局关于2022年度法治政府建设情况的报告" + body)
    assert md.title == "桐庐县人民政府办公室、桐庐县司法局关于2022年度法治政府建设情况的报告"
    assert md.issuer == "桐庐县人民政府办公室、桐庐县司法局"
    assert md.jurisdiction == "桐庐县"


def test_a_department_named_by_its_level_word_on_a_county_level_citys_portal():
    # a county-level city's departments call themselves 市某局, as a prefecture city's do
    text = ("2022年度法治政府建设工作报告\n信息来源：市自然资源局 发布日期：2023-02-10\n\n2022年，我局坚持依法行政。"
            "现将有关情况报告如下：\n一、主要举措\n全年办理行政复议答复3件。\n")
    md = fazhi.analyze_text(text, source="http://www.yiwu.gov.cn/art/2023/2/10/art_9.html").metadata
    assert (md.jurisdiction, md.level, md.department) == ("义乌市", "department", "义乌市自然资源局")


def test_initials_several_departments_share_are_settled_by_the_reports_line_of_work():
    # swj is 商务局, 水务局 or 税务局: the report's own line of work says which, and no line no answer
    head = "2022年度法治政府建设工作报告\n\n2022年，我局坚持依法行政。现将有关情况报告如下：\n一、主要举措\n"
    water = "全县水务系统依法治水，查处水事违法案件4起，巡查河道90次。\n"
    trade = "全县商务系统规范执法，办理外商投资企业备案11家，开展商务领域执法检查8次。\n"
    url = "http://swj.tonglu.gov.cn/art/2023/1/20/art_3.html"
    assert fazhi.analyze_text(head + water, source=url).metadata.department == "桐庐县水务局"
    assert fazhi.analyze_text(head + trade, source=url).metadata.department == "桐庐县商务局"
    assert fazhi.analyze_text(head + "全年办理行政复议答复2件。\n", source=url).metadata.department is None


def test_an_autonomous_units_short_name_keeps_its_whole_place_name():
    # the place's own name is what stands before the peoples' names, however it ends
    from fazhi.understand.divisions import short_name
    assert short_name("黔东南苗族侗族自治州") == "黔东南"
    assert short_name("西双版纳傣族自治州") == "西双版纳"
    assert short_name("张家川回族自治县") == "张家川"
    assert short_name("龙胜各族自治县") == "龙胜"
    md = md_of("黔西南州司法局2022年度法治政府建设年度报告\n\n2022年，我局坚持依法行政。现将有关情况报告如下：\n"
               "一、主要举措\n全年审查规范性文件3件。\n")
    assert (md.jurisdiction, md.level, md.province) == ("黔西南州", "department", "贵州省")


def test_a_title_spaced_out_character_by_character_or_set_in_square_brackets():
    body = "\n2022年，全县坚持依法行政。现将有关情况报告如下：\n一、主要举措\n全年审查规范性文件6件。\n"
    md = md_of("桐 庐 县 2 0 2 2 年 度 法 治 政 府 建 设 情 况 报 告" + body)
    assert md.title == "桐庐县2022年度法治政府建设情况报告" and md.jurisdiction == "桐庐县"
    md = md_of("桐 庐 县 人 民 政 府\n关于2022年度法治政府建设情况的报告" + body)
    assert md.title == "桐庐县人民政府关于2022年度法治政府建设情况的报告"
    md = md_of("【桐庐县人民政府2022年度法治政府建设情况报告】" + body)
    assert md.title == "桐庐县人民政府2022年度法治政府建设情况报告"


def test_the_rule_of_law_commissions_office_reports_for_its_whole_place():
    body = "\n2022年，全县坚持依法行政。现将有关情况报告如下：\n一、主要举措\n全年审查规范性文件6件。\n"
    md = md_of("中共桐庐县委全面依法治县委员会办公室关于2022年度法治政府建设情况的报告" + body)
    assert (md.jurisdiction, md.level, md.department) == ("桐庐县", "county", None)
    md = md_of("桐庐县司法局关于2022年度法治政府建设情况的报告" + body)
    assert (md.level, md.department) == ("department", "桐庐县司法局")


def test_a_places_party_committee_is_no_department_and_a_bureaus_is_its_bureau():
    body = "\n2022年，坚持依法行政。现将有关情况报告如下：\n一、主要举措\n全年审查规范性文件6件。\n"
    md = md_of("中共桐庐县委员会2022年度法治建设情况报告" + body)
    assert (md.jurisdiction, md.level, md.department) == ("桐庐县", "county", None)
    md = md_of("中共桐庐县应急管理局委员会2022年度法治政府建设情况报告" + body)
    assert (md.level, md.department) == ("department", "桐庐县应急管理局")


def test_labels_glued_to_their_values_in_a_table_without_cells():
    md = md_of("索引号pbx001/2025-00003\n-\n发布机构三台县芦溪镇人民政府\n-\n发布日期2025-02-18\n"
               "芦溪镇2024年法治政府建设工作情况报告\n\n2024年，我镇扎实推进依法行政。\n")
    assert md.title == "芦溪镇2024年法治政府建设工作情况报告"
    assert md.published == "2025-02-18"
    assert md.evidence["published"]["source"] == "issuer_field"


def test_a_media_summary_names_the_report_in_its_first_sentence():
    md = md_of("《绵阳市人民政府2019年度法治政府建设工作报告》是2020年绵阳市人民政府发布的文件。\n"
               "2019年，我市坚持依法行政，各项工作取得新进展。\n")
    assert md.title == "绵阳市人民政府2019年度法治政府建设工作报告"
    assert (md.jurisdiction, md.level, md.report_year) == ("绵阳市", "city", 2019)


def test_a_document_number_or_file_extension_after_the_title_is_not_part_of_it():
    md = md_of("三台县司法局2024年度法治政府建设工作报告（三司发〔2024〕12号）\n\n2024年，我局依法履职。\n")
    assert md.title == "三台县司法局2024年度法治政府建设工作报告"
    md = md_of("标题：三台县司法局2023年度法治政府建设工作报告.docx\n\n2023年，我局依法履职。\n")
    assert md.title == "三台县司法局2023年度法治政府建设工作报告"


def test_a_bulleted_slogan_above_the_title_is_site_chrome():
    md = md_of("• 坚持人民至上，奋力推进现代化建设，谱写发展新篇章\n法治动态\n"
               "绵阳市人民政府关于2024年法治政府建设情况的报告\n\n2024年，绵阳市坚持依法行政。\n")
    assert md.title == "绵阳市人民政府关于2024年法治政府建设情况的报告"


def md_at(text: str, url: str):
    return fazhi.analyze_text(text, source=url).metadata


def test_a_township_name_several_counties_share_is_settled_by_the_sites_county():
    md = md_at("三都镇2024年法治政府建设年度报告\n\n2024年，我镇坚持依法行政，调解纠纷8起。\n",
               "http://www.liujiang.gov.cn/xxgk/202501/t1.html")
    assert (md.jurisdiction, md.level, md.county) == ("三都镇", "township", "柳江区")


def test_a_host_that_joins_a_place_and_a_unit_within_it_places_a_department():
    md = md_at("区卫生健康委关于2024年法治政府建设情况的报告\n\n2024年，区卫生健康委认真履行法定职责。\n",
               "http://www.cqjlp.gov.cn/zwgk/bm/202502/t2.html")
    assert (md.jurisdiction, md.level) == ("九龙坡区", "department")
    assert md.department.startswith("九龙坡区")
    assert md.evidence["jurisdiction"]["source"] == "site"


def test_a_province_spelled_in_its_official_romanisation():
    md = md_at("2023年，省政府坚持依法行政，全面推进法治政府建设。\n一、主要举措\n审查规章5件。\n",
               "https://www.shaanxi.gov.cn/info/1/2.htm")
    assert (md.jurisdiction, md.level) == ("陕西省", "province")


def test_bare_initials_in_a_host_name_no_place_the_text_does_not_name():
    # fl: 涪陵区, 浮梁县, 丰林县 …: initials this widely shared say nothing alone
    text = "2024年，区文化旅游委坚持依法行政。\n一、主要举措\n办理案件3件。\n"
    assert md_at(text, "http://www.fl.gov.cn/bm/wl/t3.html").jurisdiction is None
    md = md_at(text + "三、下一步\n服务涪陵发展大局。\n", "http://www.fl.gov.cn/bm/wl/t3.html")
    assert md.jurisdiction == "涪陵区"


def test_a_county_site_files_a_street_report_under_the_streets_initials():
    md = md_at("一、2023年主要工作\n我街道全年调解纠纷12起，办理复议1件。\n",
               "http://www.cqfj.gov.cn/xz/yfjd/zwgk/202403/t4.html")
    assert (md.jurisdiction, md.level, md.county) == ("鱼复街道", "street", "奉节县")


def test_a_development_zone_led_by_its_places_lies_in_the_last_of_them():
    md = md_of("天津滨海高新区2024年度法治政府建设情况报告\n\n2024年，滨海高新区坚持依法行政，审查合同30份。\n")
    assert (md.jurisdiction, md.level) == ("天津滨海高新区", None)
    assert (md.province, md.county) == ("天津市", "滨海新区")


def test_a_zone_introduced_with_its_short_name_in_the_opening_sentence():
    md = md_at("2024年，广西-东盟经济技术开发区（以下简称“东盟经开区”）坚持依法行政，推进各项改革。\n"
               "一、主要举措\n办理复议1件。\n", "http://gxdmjkq.nanning.gov.cn/xwzx/t1.html")
    assert md.jurisdiction == "广西-东盟经济技术开发区"
    assert md.city == "南宁市"


def test_a_zone_department_without_its_place_takes_the_sites_city():
    md = md_at("2023年，高新区综治局在区管委会的领导下，坚持依法行政。\n一、主要举措\n调解纠纷6起。\n",
               "http://www.zhuhai-hitech.gov.cn/zwgk/content/post_1.html")
    assert (md.jurisdiction, md.level, md.city) == ("珠海高新区", "department", "珠海市")
    assert md.department == "珠海高新区综合治理局"  # the record gives a department in full


def test_a_zone_that_names_its_district_in_brackets_is_that_district():
    md = md_of("高新区（新市区）人民政府2024年法治政府建设工作报告\n\n2024年，全区依法行政水平持续提升。\n")
    assert (md.jurisdiction, md.level) == ("新市区", "district")


def test_an_autonomous_region_speaking_of_itself_as_the_region_is_a_province():
    md = md_of("2023年，自治区坚持依法行政，全区法治政府建设取得新成效。\n一、主要举措\n"
               "自治区人民政府常务会议审议地方性法规草案6件，自治区党委听取法治建设汇报2次。\n")
    assert md.level == "province"
    md = md_of("2023年，我区坚持依法行政。\n一、主要举措\n在自治区党委、自治区人民政府的领导下，"
               "区委、区政府审议规范性文件6件。\n")
    assert md.level == "district"


def test_a_government_report_naming_no_place_on_a_site_of_its_own_level():
    text = "2024年，我县坚持依法行政，全县办理复议案件9件。\n一、主要举措\n审查合同40份。\n"
    md = md_at(text, "http://www.huaibin.gov.cn/zwgk/2025/t5.html")
    assert (md.jurisdiction, md.level) == ("淮滨县", "county")
    assert md.evidence["jurisdiction"]["source"] == "site"
    assert md_at(text, "http://www.xinyang.gov.cn/zwgk/2025/t5.html").jurisdiction is None


def test_publication_dates_in_the_furniture_as_pages_set_them():
    body = "\n2024年，我县坚持依法行政。\n一、主要举措\n审查文件8件。\n"
    title = "盐亭县人民政府2024年法治政府建设工作报告\n"
    # a date before the source label
    assert md_of(title + "2025年02月20日    来源：县司法局\n" + body).published == "2025-02-20"
    # a bare 时间 label after a view counter
    assert md_of(title + "阅读：310次 时间：2025-02-21 来源：本站\n" + body).published == "2025-02-21"
    # a label glued to its value in the middle of a line, ahead of a stale clock
    md = md_of("主题分类其他 发布日期2025-02-22\n" + title + "时间:2016-05-01  来源:某报\n" + body)
    assert md.published == "2025-02-22"
    # a bulleted label with one space
    assert md_of("  • 发布日期 2025-02-23\n" + title + body).published == "2025-02-23"
    # a bare date in figures right under the title
    assert md_of(title + "  • 2025-02-24\n" + body).published == "2025-02-24"
    # a date with its time in a 发文日期 field is when the page went up
    md = md_of(title + "- 发文日期: 2025-02-25 17:01\n" + body)
    assert (md.published, md.signed) == ("2025-02-25", "2025-02-25")


def test_a_date_written_in_words_under_the_title_is_not_taken_for_the_page_date():
    md = md_of("盐亭县人民政府2024年法治政府建设工作报告\n（2025年2月26日）\n\n2024年，我县坚持依法行政。\n")
    assert md.published is None


def test_the_year_may_come_before_the_unit_in_the_reporting_sentence():
    md = md_of("根据有关要求，现将2019年绵阳市法治政府建设情况报告如下：\n一、主要举措\n"
               "市政府常务会议审议规范性文件11件。\n")
    assert (md.jurisdiction, md.level) == ("绵阳市", "city")
    assert md.evidence["jurisdiction"]["source"] == "body"


def test_a_street_written_without_its_last_character_in_the_title():
    md = md_of("松洲街2021年法治政府建设情况报告\n\n2021年，我街道坚持依法行政。\n")
    assert (md.jurisdiction, md.level) == ("松洲街道", "street")


def test_a_department_site_names_the_department_of_a_report_that_never_does():
    text = "2024年，我局坚持依法行政，办理行政复议案件15件。\n一、主要举措\n审查合同12份。\n"
    md = md_at(text, "https://ssfj.suining.gov.cn/zwgk/show/a1.html")  # 市 + 司法局 on the city's host
    assert (md.jurisdiction, md.level, md.department) == ("遂宁市", "department", "遂宁市司法局")
    assert md.evidence["department"]["source"] == "site"
    md = md_at(text, "http://www.rongchang.gov.cn/bm/qsfj/zwgk/t2.html")  # 区 + 司法局 in the path
    assert (md.jurisdiction, md.department) == ("荣昌区", "荣昌区司法局")
    md = md_at(text, "http://www.xinhui.gov.cn/gzjg/jmsxhqtjj/t3.html")  # 江门市新会区 + 统计局
    assert (md.jurisdiction, md.department) == ("新会区", "新会区统计局")


def test_a_government_speaking_as_itself_on_a_department_site_stays_the_government():
    md = md_at("2024年，我市坚持依法行政，全市办理复议案件150件。\n一、主要举措\n",
               "https://sfj.suining.gov.cn/zwgk/show/a4.html")
    assert md.department is None
    assert md.level == "city"


def test_a_ministry_speaks_of_itself_as_we_the_ministry():
    md = md_of("2023年，我部深入贯彻习近平法治思想，全面推进依法行政。\n一、主要工作\n审查规章草案4件。\n")
    assert md.level == "department"


def test_report_years_read_from_openings_that_do_not_start_with_the_year():
    assert md_of("2020年是本轮规划的收官之年。我县坚持依法行政。\n一、主要举措\n").report_year == 2020
    md = md_of("根据有关规定，区财政局认真梳理总结2025年度法治政府建设情况，现报告如下。\n一、主要举措\n")
    assert md.report_year == 2025
    assert md_of("??2021年,我州坚持依法行政。\n一、主要举措\n").report_year == 2021


def test_an_autonomous_prefecture_speaks_of_itself_as_a_city():
    assert md_of("2021年，我州坚持依法行政，全州办理复议案件30件。\n一、主要举措\n").level == "city"


def test_the_rest_of_a_breadcrumb_on_its_own_line_is_not_the_title():
    md = md_of("当前位置：首页\n> 政务公开 > 法治政府建设年度报告和工作要点\n杭州市审计局2024年度法治政府建设年度报告\n"
               "\n2024年，我局坚持依法审计。\n")
    assert md.title == "杭州市审计局2024年度法治政府建设年度报告"


def test_more_publication_labels_and_a_bracketed_date_under_the_title():
    body = "\n2024年，我县坚持依法行政。\n一、主要举措\n审查文件8件。\n"
    title = "盐亭县人民政府2024年法治政府建设工作报告\n"
    assert md_of(title + "发布：2025-03-01  浏览：20\n" + body).published == "2025-03-01"
    assert md_of(title + "[2025-03-02]\n" + body).published == "2025-03-02"
    assert md_of(title + "录入时间：2025-03-03 作者：办公室\n" + body).published == "2025-03-03"
    assert md_of(title + "来源：县司法局 发稿时间：2025-03-04\n" + body).published == "2025-03-04"


def test_a_township_name_is_not_confirmed_by_the_county_its_own_name_contains():
    # 芦溪镇 lies in several counties, one of them 芦溪县 (whose short name 芦溪 it holds);
    # the text names 三台县, which settles it
    md = md_of("芦溪镇2023年法治政府建设工作总结\n\n2023年，我镇坚持依法行政。\n一、主要举措\n"
               "审查合同20份。\n三台县芦溪镇\n")
    assert (md.jurisdiction, md.county) == ("芦溪镇", "三台县")


def test_a_title_broken_after_the_unit_and_its_year():
    md = md_of("吴兴区退役军人事务局2024年度\n法治政府建设工作报告\n\n一、主要举措\n我局办理信访件30件。\n")
    assert md.title == "吴兴区退役军人事务局2024年度法治政府建设工作报告"
    assert (md.level, md.jurisdiction) == ("department", "吴兴区")


def test_an_autonomous_county_or_prefecture_written_without_its_autonomy():
    md = md_of("新晃县退役军人事务局2024年法治政府建设情况报告\n\n2024年，我局坚持依法行政。\n")
    # recognised as 新晃侗族自治县 (its code and city), named as its own unit writes it
    assert (md.jurisdiction, md.level, md.city, md.division_code) == ("新晃县", "department", "怀化市", "431227")
    assert md_of("湘西州人民政府2024年法治政府建设情况报告\n\n2024年，全州坚持依法行政。\n").level == "city"


def test_a_provincial_department_on_a_site_named_by_the_provinces_initials():
    md = md_at("一、2019年主要工作\n（一）深化改革。省本级事项全部实现网上办理，办理复议案件12件。\n",
               "http://jtt.sc.gov.cn/jtt/c1/2020/2/28/a.shtml")
    assert (md.jurisdiction, md.level, md.department) == ("四川省", "department", "四川省交通运输厅")


def test_pinyin_glosses_in_the_furniture_are_read_past():
    md = md_of("盐亭县司法局2024年度法治政府建设工作报告\n盐亭县人民政府门户网(wǎng)站 发(fā)布时间:2025-01-24 11:51\n"
               "\n2024年，我局坚持依法行政。\n")
    assert md.published == "2025-01-24"
    ev = md.evidence["published"]
    assert ev["text"].startswith("发(fā)布时间")


def test_a_closing_organisation_line_without_its_date_signs_the_report():
    md = md_of("关于2023年度法治政府建设工作情况的报告\n\n2023年，我县坚持依法行政，全县办理复议案件9件。\n"
               "一、主要举措\n审查合同40份。\n盐亭县人民政府\n")
    assert (md.jurisdiction, md.level) == ("盐亭县", "county")
    assert md.evidence["jurisdiction"]["source"] == "signature"


def test_a_province_that_names_itself_only_in_short():
    md = md_of("2024年，全省各级行政机关坚持依法行政，推进法治青海建设。\n一、主要举措\n"
               "我们把总书记对青海工作的指示作为重大政治任务，审查规章9件。\n")
    assert (md.jurisdiction, md.level) == ("青海省", "province")


def test_a_title_in_a_table_cell_and_a_zone_placed_by_the_sites_host():
    md = md_at("|东疆综合保税区2025年度法治政府建设情况报告|\n\n2025年，东疆综合保税区坚持依法行政。\n",
               "https://www.tjbh.gov.cn/dj/contents/1/2.html")
    assert md.title == "东疆综合保税区2025年度法治政府建设情况报告"
    assert (md.jurisdiction, md.county) == ("东疆综合保税区", "滨海新区")


def test_a_county_that_names_itself_only_in_short_needs_its_city_or_a_third_use():
    text = "2024年，我县坚持依法行政，推进法治盐亭建设。\n一、主要举措\n盐亭各乡镇办理案件9件。\n"
    assert md_of(text).jurisdiction is None
    md = md_of(text + "二、下一步\n服务绵阳发展大局。\n")
    assert (md.jurisdiction, md.level) == ("盐亭县", "county")


def test_a_date_after_the_title_on_its_line_is_the_page_date():
    md = md_of("2024年度殷行街道法治政府建设工作情况报告 2025-02-26\n一、主要举措\n我街道调解纠纷30起。\n")
    assert (md.title, md.published) == ("2024年度殷行街道法治政府建设工作情况报告", "2025-02-26")


def test_a_page_title_with_its_column_and_site_before_the_documents_own():
    md = md_of("友谊路街道2025年法治政府建设情况报告_街镇文件_上海市宝山区人民政府门户网站\n"
               "友谊路街道2025年法治政府建设情况报告\n\n2025年，我街道坚持依法行政。\n")
    assert md.title == "友谊路街道2025年法治政府建设情况报告"


def test_site_footers_before_the_body_and_the_hosts_name_in_them_settle_a_shared_town_name():
    md = md_of("主办单位：山西省临汾市吉县人民政府\n涉密文件严禁上网\n"
               "本网站提示：使用1366*768分辨率以上的浏览器可以获得最佳浏览效果！\n"
               "2024年，吉昌镇在县委、县政府的坚强领导下，坚持依法行政。\n一、主要举措\n调解纠纷8起。\n")
    assert (md.jurisdiction, md.level, md.county) == ("吉昌镇", "township", "吉县")


def test_an_autonomous_county_is_known_by_its_short_name_in_a_sites_address():
    md = md_at("2025年，我局坚持依法行政，办理行政复议案件4件。\n一、主要举措\n",
               "http://cqszx.gov.cn/bm/xgaj/fzzfjsndbg1/202601/t1.html")
    assert md.jurisdiction == "石柱土家族自治县"


def test_a_department_site_of_a_place_within_a_municipality_is_placed_in_the_smaller_place():
    md = md_at("2024年，我委坚持依法行政，审查合同15份。\n一、主要举措\n",
               "http://www.cqkz.gov.cn/kz/fzhggwyh_7401/zwgk/t2.html")
    assert (md.jurisdiction, md.level) == ("开州区", "department")
    assert md.department == "开州区发展和改革委员会"


def test_a_municipality_speaks_of_itself_as_a_city():
    md = md_of("2023年，我市坚持依法行政，全市办理复议案件500件。\n一、主要举措\n"
               "重庆市政府常务会议审议规章草案6件，重庆市各区县推进依法行政。\n")
    assert md.jurisdiction == "重庆市"


def test_a_region_named_by_its_level_word_is_not_placed_in_the_host_county():
    from fazhi.understand.departments import parse_unit

    u = parse_unit("自治区司法厅")
    assert (u.level_word, u.department, u.place_level) == ("自治区", "司法厅", "province")
    md = md_at("来源：自治区人民政府法制办 发布日期：2018-04-03 16:13\n"
               "2017年，自治区认真落实法治政府建设实施纲要。现将2017年自治区法治政府建设情况报告如下：\n"
               "一、主要举措\n新疆各地审查规范性文件300件，新疆法治政府建设取得成效。\n",
               "http://shache.gov.cn/scx/c1/202110/a.html")
    assert md.jurisdiction == "新疆维吾尔自治区"


def test_a_date_closing_the_source_line_and_a_published_on_label():
    body = "\n2024年，我县坚持依法行政。\n一、主要举措\n审查文件8件。\n"
    title = "盐亭县人民政府2024年法治政府建设工作报告\n"
    assert md_of(title + "来源：县司法局  2025-03-05\n" + body).published == "2025-03-05"
    assert md_of(title + "发表于：2025-03-06\n" + body).published == "2025-03-06"


def test_a_township_government_named_by_its_level_word_is_not_its_county():
    md = md_at("2019年，乡人民政府认真贯彻依法行政要求。\n一、主要举措\n全乡调解纠纷11起。\n",
               "http://cqwx.gov.cn/jz/wlx/zwgk/t1.html")
    assert (md.jurisdiction, md.level, md.county) == ("乌龙乡", "township", "巫溪县")


def test_a_machine_written_date_under_the_title_is_the_page_date_a_written_one_is_not():
    body = "\n2024年，我县坚持依法行政。\n一、主要举措\n审查文件8件。\n"
    title = "盐亭县人民政府2024年法治政府建设工作报告\n"
    assert md_of(title + "2025年03月07日\n" + body).published == "2025-03-07"
    assert md_of(title + "2025年3月7日\n" + body).published is None


def test_a_municipalitys_initials_as_the_registrant_of_a_gov_cn_name():
    md = md_at("2024年，我委坚持依法行政，审查合同15份。\n一、主要举措\n",
               "http://whlyw.cq.gov.cn/zwgk/t9.html")
    assert (md.jurisdiction, md.level) == ("重庆市", "department")


def test_a_town_written_with_the_common_form_of_its_rare_character():
    # the official name is 下𱳪镇; pages without the character write 下太镇
    md = md_of("2023年，我镇坚持依法行政，扎实推进各项工作，下太镇全年调解纠纷9起。\n一、主要举措\n"
               "镇党委把英德市的部署落到实处，下太镇法治建设稳步推进。\n")
    assert (md.jurisdiction, md.level, md.county) == ("下太镇", "township", "英德市")


def test_a_district_of_a_prefecture_that_only_the_statistical_codes_list():
    md = md_of("呼中区司法局关于2024年度法治政府建设情况的报告\n\n2024年，我局坚持依法行政。\n")
    assert (md.jurisdiction, md.level, md.department) == ("呼中区", "department", "呼中区司法局")
    assert (md.city, md.province) == ("大兴安岭地区", "黑龙江省")


def test_a_bureau_that_calls_itself_only_wo_ju_is_named_by_its_own_documents():
    md = md_of("2023年，我局坚持依法统计，扎实推进法治建设。现将有关情况报告如下：\n一、主要举措\n"
               "制定《盐亭县统计局2023年统计执法检查计划》，在区委的领导下开展检查。\n")
    assert (md.department, md.jurisdiction, md.level) == ("盐亭县统计局", "盐亭县", "department")


def test_a_bureau_named_by_its_leaders_and_not_by_the_bureaus_it_thanks():
    md = md_of("2023年，我局在县司法局的指导下推进依法行政。\n一、主要举措\n"
               "县文化广电旅游局党组书记带头学法，局长讲授法治课2次；三台县群众文化活动依法开展。\n")
    assert md.department == "三台县文化广电旅游局"
    assert md.level == "department"


def test_a_street_that_opens_with_its_work_and_speaks_of_the_district_above_it():
    md = md_of("2023年春熙路街道法治政府建设工作，紧紧围绕区委、区政府部署，稳步推进。\n一、主要举措\n"
               "街道全年调解纠纷12起，区委、区政府交办事项全部办结。\n")
    assert (md.jurisdiction, md.level, md.county) == ("春熙路街道", "street", "锦江区")


def test_the_subject_after_an_opening_about_the_year_itself():
    md = md_of("2023年是全面贯彻党的二十大精神的开局之年。在区委的领导下，春熙路街坚持依法行政，各项工作稳步推进。\n"
               "一、主要举措\n街道全年调解纠纷12起。\n")
    assert (md.jurisdiction, md.level) == ("春熙路街道", "street")


def test_a_street_filed_under_its_initials_that_speaks_only_of_the_district_above_it():
    r = fazhi.analyze_text("为加快建设法治政府，2023年街道按照《游仙区法治政府建设实施方案》要求，围绕全区工作大局推进依法行政。\n"
                           "一、主要举措\n街道完善执法流程，街道各科室建立制度，街道调解纠纷8起。\n",
                           source="http://www.youxian.gov.cn/xz/fjjd/2024/report.html")
    assert (r.metadata.jurisdiction, r.metadata.level, r.metadata.county) == ("涪江街道", "street", "游仙区")
    assert r.metadata.evidence["jurisdiction"]["source"] == "site"


def test_an_autonomous_region_with_pinyin_glosses_in_its_body_names_itself_once_in_short():
    md = md_of("2023年，我區(qū)堅(jiān)持依法行政，各項(xiàng)工作穩(wěn)步推進(jìn)。\n"
               "一、主要舉措(jǔ)\n自治區(qū)人民政府常務(wù)會(huì)議學(xué)法4次，編寫《法治寧夏建設(shè)報(bào)告》。\n"
               "自治區(qū)人民政府帶頭依法決策，全區(qū)辦理復(fù)議案件30件。\n")
    assert (md.jurisdiction, md.level) == ("宁夏回族自治区", "province")


def test_a_city_bureaus_branch_named_after_its_district_belongs_to_the_district():
    md = md_of("绵阳市生态环境局游仙分局2023年法治政府建设工作报告\n\n2023年，我局坚持依法行政。\n")
    assert (md.jurisdiction, md.level, md.city) == ("游仙区", "department", "绵阳市")
    assert md.department == "绵阳市生态环境局游仙分局"


def test_a_branch_named_with_the_level_word_of_its_city():
    md = md_of("2023年，市交通运输局游仙管理局深入贯彻市交通运输局和游仙区委的部署，推进依法行政。\n"
               "一、主要举措\n绵阳市交通运输执法案件依法办结15件。\n")
    assert (md.jurisdiction, md.level) == ("游仙区", "department")
    assert md.department == "绵阳市交通运输局游仙管理局"


def test_a_numbered_breadcrumb_does_not_end_the_search_for_the_title():
    md = md_of("1. 当前位置:\n  2. 首页 > 政务公开 > 文件\n  3. > 正文\n\n盐亭县2023年度法治政府建设工作报告\n\n"
               "2023年，全县坚持依法行政。\n")
    assert md.title == "盐亭县2023年度法治政府建设工作报告"
    assert (md.jurisdiction, md.level) == ("盐亭县", "county")


def test_a_preface_that_publishes_the_report_names_its_title():
    md = md_of("根据有关通知要求，现将《盐亭县统计局2023年度法治政府建设情况报告》予以公布。\n"
               "2023年，县统计局坚持依法统计。\n")
    assert md.title == "盐亭县统计局2023年度法治政府建设情况报告"
    assert md.department == "盐亭县统计局"


def test_a_glossed_document_number_before_a_quoted_title_is_dropped_and_the_script_kept():
    md = md_of("綿政發(fā)〔2024〕5號《綿陽市人民政府關(guān)於2023年度法治政府建設(shè)情況的報告》\n"
               "四川省人民政府：\n2023年，全市堅持依法行政。\n")
    assert md.title == "綿陽市人民政府關(guān)於2023年度法治政府建設(shè)情況的報告"
    assert md.jurisdiction == "绵阳市"


def test_a_name_label_before_the_title_field():
    md = md_of("名        称 盐亭县2023年度法治政府建设工作报告\n发布日期 2024-03-20\n\n2023年，全县坚持依法行政。\n")
    assert md.title == "盐亭县2023年度法治政府建设工作报告"


def test_a_day_first_stamp_with_its_time_under_the_title():
    md = md_of("盐亭县人民政府2023年推进依法行政工作情况\n\n18.03.2024  09:30\n\n2023年，全县坚持依法行政。\n")
    assert md.published == "2024-03-18"
    assert md.evidence["published"]["source"] == "stamp"


def test_unlabelled_dates_one_under_another_say_nothing_of_which_is_published():
    md = md_of("  • 11510723MB0000000X/2024-00002\n  • 其他\n  • 2024-01-26\n  • 2024-01-27\n\n"
               "盐亭县2023年度法治政府建设工作报告\n\n2023年，全县坚持依法行政。\n")
    assert md.published is None


def test_an_update_moment_is_the_page_date_a_bare_generation_date_is_not():
    md = md_of("盐亭县2023年度法治政府建设工作报告\n作者: 来源:盐亭县人民政府更新时间:2024-03-10 12:17:36\n\n"
               "2023年，全县坚持依法行政。\n")
    assert md.published == "2024-03-10"
    md = md_of("发布机构: 盐亭县人民政府 生成日期: 2024-02-20\n盐亭县2023年度法治政府建设工作报告\n\n"
               "2023年，全县坚持依法行政。\n")
    assert md.published is None


def test_a_district_merged_away_whose_name_another_city_still_bears():
    # 重庆市江北区 was merged into 两江新区 in 2025; 宁波市江北区 remains
    md = md_of("重庆市江北区2023年法治政府建设情况报告\n\n2023年，全区坚持依法行政。\n")
    assert (md.jurisdiction, md.level, md.city, md.province) == ("江北区", "district", "重庆市", "重庆市")
    md = md_of("宁波市江北区2023年法治政府建设情况报告\n\n2023年，全区坚持依法行政。\n")
    assert (md.jurisdiction, md.city) == ("江北区", "宁波市")


def test_a_sentence_naming_a_host_unit_word_is_prose_not_furniture():
    md = md_of("2023年，在省委、省政府的领导下，省交通运输厅坚持依法行政，围绕交通强省建设统筹推进各项任务，"
               "各项工作取得明显成效。厅法规处获评全省法治建设先进集体。"
               "省交通运输厅被评为省政协先进提案承办单位。\n一、主要举措\n办理复议案件6件。\n")
    assert (md.level, md.department, md.report_year) == ("department", "省交通运输厅", 2023)


def test_a_regions_own_rule_of_law_committee_is_not_a_districts_party_committee():
    md = md_of("2023年，自治区人民政府坚持依法行政，召开全面依法治区委员会会议，推进法治广西建设。\n"
               "一、主要举措\n全区办理复议案件300件。\n")
    assert (md.level, md.jurisdiction) == ("province", "广西壮族自治区")


def test_a_province_named_once_and_no_other_is_the_reports_own():
    md = md_of("2023年，在省委的领导下，全省各级行政机关坚持依法行政。\n一、主要举措\n"
               "省政府常务会议学法4次，法治四川建设稳步推进，全省办理复议案件500件。\n")
    assert (md.level, md.jurisdiction) == ("province", "四川省")


def test_a_department_that_opens_the_subject_of_its_work():
    md = md_of("2023年，绵阳市农业农村局法治政府建设工作在市委的领导下稳步推进。\n一、主要举措\n办理案件3件。\n")
    assert (md.department, md.level, md.jurisdiction) == ("绵阳市农业农村局", "department", "绵阳市")
    md = md_of("2023年绵阳市农业农村局法治政府建设工作，紧紧围绕市委部署推进。\n一、主要举措\n办理案件3件。\n")
    assert (md.department, md.level) == ("绵阳市农业农村局", "department")


def test_a_county_bureau_of_a_city_department_named_between_city_and_department():
    md = md_of("绵阳市三台生态环境局2023年法治政府建设工作报告\n\n2023年，我局坚持依法行政。\n")
    assert (md.jurisdiction, md.level, md.city) == ("三台县", "department", "绵阳市")


def test_a_street_office_named_under_its_districts_government():
    md = md_of("绵阳市游仙区人民政府富乐街道办事处2023年法治政府建设工作报告\n\n2023年，街道坚持依法行政。\n")
    assert (md.jurisdiction, md.level, md.county) == ("富乐街道", "street", "游仙区")


def test_a_party_committee_department_and_a_zones_abbreviated_bureau():
    md = md_of("中共三台县委宣传部关于2023年法治建设情况的报告\n\n2023年，部机关坚持依法办事。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "三台县", "中共三台县委宣传部")
    md = md_of("珠海高新区综治局2023年法治政府建设年度报告\n\n2023年，我局坚持依法行政。\n")
    assert md.department == "珠海高新区综合治理局"


def test_a_department_written_in_short_with_its_place_is_given_in_full():
    md = md_of("绵阳市卫健委2023年法治政府建设工作报告\n\n2023年，我委坚持依法行政。\n")
    assert md.department == "绵阳市卫生健康委员会"


def test_the_unit_speaking_of_itself_is_no_name():
    md = md_of("2023年，我分局坚持依法行政，推进法治公安建设。\n一、主要举措\n办理案件8件。\n")
    assert md.department != "我分局"
    assert md.level == "department"


def test_a_bureau_that_names_no_site_is_placed_by_the_whole_area_it_speaks_of():
    md = md_of("现将我局2023年法治政府建设工作情况报告如下。\n一、主要举措\n"
               "全市交通运输系统依法行政，绵阳市交通运输执法案件办结20件；全市公路建设依法推进，绵阳市综合执法检查开展15次。\n")
    assert (md.level, md.jurisdiction) == ("department", "绵阳市")


def test_a_title_line_with_its_publisher_and_date_after_it():
    md = md_of("绵阳市统计局2023年度法治政府建设情况报告 绵阳市统计局 2024-03-08\n\n2023年，我局坚持依法统计。\n")
    assert md.title == "绵阳市统计局2023年度法治政府建设情况报告"
    assert md.published == "2024-03-08"


def test_a_cover_letter_names_the_report_it_sends():
    md = md_of("生态环境厅：\n2023年，在市委、市政府领导下，我局坚持依法行政，各项工作取得成效。"
               "根据有关规定，现将《绵阳市生态环境局关于2023年度法治政府建设情况的报告》报上，请审阅。\n"
               "绵阳市生态环境局\n2024年1月20日\n")
    assert md.title == "绵阳市生态环境局关于2023年度法治政府建设情况的报告"
    assert md.department == "绵阳市生态环境局"


def test_a_provincial_department_reposted_on_a_county_bureaus_site():
    r = fazhi.analyze_text("四川省人民政府：\n2023年，在省委、省政府的领导下，我厅坚持依法行政。\n一、主要举措\n"
                           "我厅办理复议案件12件。\n", source="http://sfj.santai.gov.cn/xwzx/2024/report.html")
    assert (r.metadata.jurisdiction, r.metadata.department) == ("四川省", "四川省司法厅")


def test_a_ministry_reposted_on_a_local_site_is_no_department_of_that_place():
    r = fazhi.analyze_text("2023年，交通运输部坚持依法行政，推进交通运输法治政府部门建设。\n一、主要举措\n部党组学法4次。\n",
                           source="http://jtt.sc.gov.cn/zwgk/2024/report.html")
    assert r.metadata.jurisdiction is None
    assert (r.metadata.level, r.metadata.department) == ("department", "交通运输部")


def test_the_bureau_in_the_source_line_of_a_government_report_is_not_its_issuer():
    md = md_of("来源：绵阳市司法局\n\n2023年，我市坚持依法行政，全市法治政府建设取得新成效。\n一、主要举措\n"
               "我市办理复议案件120件，绵阳市各级行政机关依法履职，绵阳市政务服务持续优化。\n")
    assert (md.level, md.department, md.jurisdiction) == ("city", None, "绵阳市")


def test_the_one_place_of_its_level_whose_party_committee_the_report_names_is_its_own():
    md = md_of("2023年，在省委、省政府和绵阳市委的正确领导下，我市坚持依法行政，法治政府建设取得新成效。\n"
               "一、主要举措\n全市办理复议案件100件。\n")
    assert (md.level, md.jurisdiction) == ("city", "绵阳市")


def test_a_title_with_a_picture_mark_a_bracketed_column_or_a_bracketed_date():
    for line in ("盐亭县2023年度法治政府建设工作报告（图）", "[通知公告]盐亭县2023年度法治政府建设工作报告",
                 "盐亭县2023年度法治政府建设工作报告(2024-03-20)"):
        md = md_of(line + "\n\n2023年，全县坚持依法行政。\n")
        assert md.title == "盐亭县2023年度法治政府建设工作报告", line



def test_a_title_set_on_one_line_with_the_pages_furniture():
    for line in ("盐亭县2023年度法治政府建设工作报告 发布时间：2024-03-20 来源：盐亭县司法局",
                 "盐亭县2023年度法治政府建设工作报告  浏览次数：120",
                 "盐亭县2023年度法治政府建设工作报告 2024-03-20 来源：盐亭县司法局"):
        md = md_of(line + "\n\n2023年，全县坚持依法行政。\n")
        assert md.title == "盐亭县2023年度法治政府建设工作报告", line


def test_a_traditional_script_page_settles_a_sites_initials_by_the_names_it_gives():
    r = fazhi.analyze_text("2023年，我局堅持依法行政，推進始興縣文化事業依法發展。\n一、主要舉措\n辦理案件3件。\n",
                           source="http://www.gdsx.gov.cn/xxgk/content/post_1.html")
    assert (r.metadata.jurisdiction, r.metadata.level) == ("始兴县", "department")


def test_a_page_glossed_throughout_is_read_without_its_glosses_and_its_title_kept_as_written():
    text = ("盐(yán)亭县司法局2023年度法治政(zhèng)府建设工作报(bào)告\n\n"
            "2023年，盐亭县司(sī)法局坚持依法行政，各项工(gōng)作稳步推进。\n一、主要举措\n办理复议案(àn)件12件。\n")
    md = md_of(text)
    assert md.title == "盐(yán)亭县司法局2023年度法治政(zhèng)府建设工作报(bào)告"
    assert (md.department, md.jurisdiction, md.level, md.report_year) == ("盐亭县司法局", "盐亭县", "department", 2023)
    a, b = md.title_span
    assert text[a:b] == md.title
    ev = md.evidence["department"]
    assert text[ev["start"]:ev["end"]].startswith("盐(yán)亭县司法局")


def test_a_department_named_by_its_level_word_alone_and_placed_nowhere_has_no_name():
    md = md_of("2023年，区住房建设局在区委、区政府的领导下坚持依法行政。\n一、主要举措\n办理案件3件。\n")
    assert (md.department, md.jurisdiction, md.level) == (None, None, "department")


def test_the_publishing_office_and_its_date_under_the_title():
    md = md_of("四川省人民政府关于2023年法治政府建设情况的报告\n省政府办公厅 2024-03-15\n\n2023年，省政府坚持依法行政。\n")
    assert md.published == "2024-03-15"
    assert md.evidence["published"]["source"] == "stamp"


def test_joint_issuers_opening_the_body_name_the_government():
    md = md_of("2023年，中共盐亭县委、盐亭县人民政府坚持依法行政，统筹推进法治建设。\n一、主要举措\n办理案件3件。\n")
    assert (md.jurisdiction, md.level, md.issuer) == ("盐亭县", "county", "盐亭县人民政府")
    assert md.evidence["issuer"]["source"] == "body"


def test_a_title_wrapped_at_the_width_of_its_page():
    for head, tail in (("盐亭县司法局2023年度法", "治政府建设工作报告"), ("盐亭县司法局关于2023年度法治政府建设情", "况的报告")):
        md = md_of(head + "\n" + tail + "\n\n2023年，我局坚持依法行政。\n")
        assert md.title == head + tail
        assert md.department == "盐亭县司法局"


def test_a_column_header_above_a_title_that_names_its_issuer_is_not_joined():
    md = md_of("法治政府建设\n盐亭县2023年度法治政府建设工作报告\n\n2023年，全县坚持依法行政。\n")
    assert md.title == "盐亭县2023年度法治政府建设工作报告"


def test_a_sites_menu_and_a_columns_name_above_the_report_are_not_its_title():
    chrome = "首页 政务公开 政务服务 互动交流\n法治政府建设年度报告\n"
    md = md_of(chrome + "盐亭县2023年度法治政府建设工作报告\n\n2023年，全县坚持依法行政。\n")
    assert md.title == "盐亭县2023年度法治政府建设工作报告"
    md = md_of(chrome + "2023年，我镇坚持依法行政，富驿镇法治建设稳步推进，富驿镇调解纠纷9起。\n")
    assert md.title is None


def test_the_year_of_a_page_that_lost_its_line_breaks():
    md = md_of("首页 >> 信息公开 >> 正文 来源: 盐亭县司法局 打印 2023年,全县坚持依法行政,各项工作稳步推进。"
               "一、主要举措 办理复议案件12件。二、存在问题 培训不足。三、下一步打算 加强培训。")
    assert md.report_year == 2023


def test_a_department_that_opens_as_itself_is_a_department_however_often_it_says_our_city():
    md = md_of("2023年，我局认真贯彻上级部署，全力服务我市发展大局。\n一、主要工作\n"
               "我市营商环境持续优化，我市法治建设扎实推进，全市交通运输系统执法规范。\n")
    assert md.level == "department"


def test_a_department_that_never_names_itself_names_its_line_of_work_as_its_places_system():
    md = md_of("现将我局2023年法治政府建设工作情况报告如下。\n一、主要工作\n"
               "认真落实《绵阳市法治建设第一责任人职责实施办法》，举办全市交通运输系统执法培训班，"
               "全市交通运输系统干部职工参加。严格落实《绵阳市行政执法公示办法》。\n")
    assert (md.level, md.jurisdiction) == ("department", "绵阳市")
    assert md.department == "绵阳市交通运输局"
    assert "department" in md.inferred and md.evidence["department"]["text"].startswith("全市交通运输")


def test_a_short_name_that_stands_for_a_later_full_name_and_a_column_of_the_host_site():
    from fazhi.understand.departments import departments_in_address, parse_unit

    assert parse_unit("三台县文广旅体局").department == "文化广电旅游体育局"
    found = departments_in_address("http://www.example.gov.cn/wgltjxxgk/content/post_1.html")
    assert [a.department for a in found] == ["文化广电旅游体育局"]


def test_one_office_under_two_names_the_second_in_brackets():
    md = md_of("四川省民族语委办（编译局）2024年度法治政府建设工作报告\n\n2024年，办（局）坚持依法行政。\n")
    assert (md.level, md.jurisdiction) == ("department", "四川省")
    assert md.department == "四川省民族语委办(编译局)"  # the working view has half-width brackets


def test_a_province_that_names_itself_once_in_full():
    md = md_of("2022年，自治区人民政府坚持依法行政，现将有关情况报告如下：\n一、主要工作\n"
               "自治区人民政府常务会议专题研究法治政府建设8次，印发《广西壮族自治区法治政府建设重点任务》，"
               "全区各级行政机关严格执法。\n")
    assert (md.level, md.jurisdiction) == ("province", "广西壮族自治区")


def test_a_provincial_department_known_by_the_document_numbers_it_cites():
    md = md_of("根据省依法行政领导小组办公室《关于报送年度法治政府建设情况的通知》（浙依法办〔2020〕3号）要求，"
               "现将我局2020年度法治政府建设情况报告如下：\n一、主要工作\n全省登记机关办件量增长，我省改革经验在全国推广。\n")
    assert (md.level, md.jurisdiction) == ("department", "浙江省")


def test_a_town_keeps_the_county_its_title_names_though_the_table_now_files_it_elsewhere():
    md = md_of("重庆市渝北区大盛镇人民政府关于2024年法治政府建设情况的报告\n\n按照有关规定，现将我镇2024年法治政府建设情况报告如下：\n")
    assert (md.jurisdiction, md.level, md.county) == ("大盛镇", "township", "渝北区")


def test_a_street_named_with_its_last_word_gets_one_office_word():
    md = md_of("2022年，友谊路街道坚持依法行政，街道党工委统筹推进法治建设。\n一、主要工作\n街道党工委会议集体讨论决定重大事项。\n")
    assert md.issuer == "友谊路街道办事处"


def test_a_department_set_off_by_a_comma_opens_the_body_but_a_clause_ending_in_a_word_like_a_bureau_does_not():
    md = md_of("2024年，在市委、市政府的正确领导下，楚雄市林业和草原局，以依法履职为目标，抓好法治建设。\n"
               "一、主要工作\n全局组织学法8次。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "楚雄市", "楚雄市林业和草原局")
    md = md_of("2024年，我局全面落实党中央、国务院关于法治政府建设的决策部署，依法履职。\n一、主要工作\n组织学法8次。\n")
    assert md.department is None


def test_a_town_name_several_counties_share_is_settled_by_initials_that_fit_one_of_them():
    # fjyx: 福建 + yx, which fits 尤溪县 and 云霄县; only 尤溪县 has a 梅仙镇
    md = fazhi.analyze_text("梅仙镇2024年法治政府建设年度报告\n\n2024年，梅仙镇坚持依法行政。\n",
                            source="http://www.fjyx.gov.cn/ztzl/fzzfjs/t1.htm").metadata
    assert (md.jurisdiction, md.level, md.county) == ("梅仙镇", "township", "尤溪县")


def test_a_summary_label_before_the_title_and_a_spaced_date_after_it():
    md = md_of("内容概述:常州市司法局2021年度法治政府建设情况报告\n\n2021年，市司法局坚持依法行政。\n")
    assert md.title == "常州市司法局2021年度法治政府建设情况报告"
    md = md_of("市外办2020年法治政府建设年度报告 ( 2020.12.10 )\n一、法治工作总结\n2020年，我办坚持依法行政。\n")
    assert md.title == "市外办2020年法治政府建设年度报告"


def test_a_news_headline_announcing_the_report_is_not_its_title_but_names_its_issuer():
    md = md_of("水利部发布2023年法治政府建设年度报告\n\n据水利部网站消息，水利部发布2023年法治政府建设年度报告。全文如下：\n"
               "一、加强党的领导\n部党组专题研究法治建设。\n")
    assert md.title is None
    assert (md.issuer, md.level, md.report_year) == ("水利部", "department", 2023)


def test_a_point_of_a_list_is_not_the_subject_that_opens_the_body():
    md = md_of("一、主要工作\n一是农工委党组中心组专题学习法治思想，组织干部职工学法。\n")
    assert md.issuer is None and md.department is None


def test_a_unit_that_calls_itself_the_department_of_a_line_of_work_is_a_department():
    md = fazhi.analyze_text("市政府：\n2020年，在市委市政府的领导下，作为生态环境部门，我们全力推进污染防治。"
                            "现将2020年度工作情况报告如下：\n一、主要工作\n我市空气质量持续向好，全市环境监管加强。\n",
                            source="http://hbj.siping.gov.cn/zwgk/t1.html").metadata
    assert (md.level, md.jurisdiction, md.department) == ("department", "四平市", "四平市生态环境局")


def test_a_bureau_that_says_only_its_area_names_itself_in_a_document_it_made():
    md = md_of("一、2020年度主要举措\n1.加强领导。制定出台《余杭区农业农村局2020年法治工作要点》，"
               "不断强化全区农业领域的法治化水平。\n2.聘请律师事务所为局常年法律顾问。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "余杭区", "余杭区农业农村局")


def test_a_metadata_list_in_bullets_before_the_title_does_not_hide_it():
    # a list whose labels lost characters on the way (索号, 有性), so no label reader knows them
    furniture = "".join(f"  • [ {k} ]\n  • {v}\n" for k, v in (
        ("索号", "11510722MB0000000X/2024-00004"), ("文字号", "无"), ("题分类", "城乡建设、环境保护"),
        ("体裁类", "其他"), ("成日期", "2024-01-05"), ("布日期", "2024-01-05"), ("发机构", "三台县生态环境局"),
        ("有性", "有效")))
    md = md_of(furniture + "三台县生态环境局 关于2023年法治政府建设情况的报告\n日期:2024-01-05\n\n"
               "2023年，在县委、县政府的坚强领导下，我局坚持依法行政。\n")
    assert md.title == "三台县生态环境局关于2023年法治政府建设情况的报告"
    assert md.department == "三台县生态环境局"


def test_a_governments_own_offices_are_named_as_its_and_short_forms_are_given_in_full():
    md = md_of("菏泽市外事办公室2024年度法治政府建设情况报告\n\n2024年，市外办坚持依法行政。\n")
    assert md.department == "菏泽市人民政府外事办公室"
    md = md_of("市政府国资委2025年法治政府建设情况报告\n\n2025年，武汉市市政府国资委坚持依法行政，服务武汉市国有企业发展。\n")
    assert md.department == "武汉市人民政府国有资产监督管理委员会"
    md = md_of("天台县科技局2024年度法治政府建设工作报告\n\n2024年，县科技局坚持依法行政。\n")
    assert md.department == "天台县科学技术局"


def test_a_short_name_of_the_combined_ethnic_and_religious_affairs_bureau():
    from fazhi.understand.departments import parse_unit

    assert parse_unit("州民宗局").department == "民族宗教事务局"
    assert parse_unit("湘西土家族苗族自治州民宗局").department == "民族宗教事务局"


def test_a_street_named_by_its_party_committee_and_office_opens_the_body():
    md = md_of("2022年，在区委、区政府的正确领导下，友谊路街党工委、办事处高举法治旗帜，推进依法行政。\n"
               "一、主要举措\n街党工委中心组学法6次。\n")
    assert (md.jurisdiction, md.level) == ("友谊路街道", "street")


def test_a_bureau_that_works_around_its_line_of_work_is_that_lines_department():
    md = md_of("2020年，我局全面贯彻上级部署，围绕水务中心工作，积极推进法治政府建设。\n一、主要工作\n"
               "印发《汕头市龙湖区河道管理范围划定方案》，对全区河湖名录进行完善，龙湖区河长制落实有力。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "龙湖区", "龙湖区水务局")


def test_a_party_body_and_a_government_unit_run_together_in_a_title_issue_as_the_unit():
    md = md_of("中共绵阳市委教育工作委员会绵阳市教育局关于2023年法治政府建设情况的报告\n\n2023年，市教育局坚持依法行政。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "绵阳市", "绵阳市教育局")


def test_a_municipality_speaking_of_itself_as_a_city_names_itself_once_in_short():
    md = md_of("2021年，全市各区、各部门在市委、市政府的坚强领导下，持续推动本市法治政府建设提质增效，"
               "为天津加快建设现代化大都市提供法治保障。具体情况如下：\n一、主要工作\n本市印发重点工作措施。\n")
    assert (md.jurisdiction, md.level) == ("天津市", "province")



def test_a_report_opening_with_its_places_system_as_the_subject_is_that_departments():
    md = fazhi.analyze_text("2025年，全区司法行政系统坚持依法行政，纵深推进全面依法治区。\n一、主要措施\n"
                            "编制《铜梁区贯彻落实全面依法治市提升行动方案的具体措施》，推动我区依法治区重点工作完成。\n",
                            source="https://cqstl.gov.cn/bm/qsfj_1/zwgk/t1.html").metadata
    assert (md.level, md.jurisdiction, md.department) == ("department", "铜梁区", "铜梁区司法局")


def test_a_city_bureau_under_its_short_name_checking_its_work_against_a_plan_is_that_citys():
    md = md_of("市委、市政府：\n根据《2025年上海市依法行政工作安排》，市应急局对照年度任务逐项梳理，现将情况报告如下。\n"
               "一、主要工作\n本市应急管理系统开展执法培训8次。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "上海市", "上海市应急管理局")


def test_a_zone_unit_naming_its_zone_by_kind_alone_takes_the_full_name_the_body_gives():
    md = md_of("2025年，新区司法局在新区党工委的领导下推进依法行政。\n一、主要工作\n"
               "印发《金普新区2025年法治建设重点任务》，完成“金普新区矛盾纠纷调处中心”建设。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "金普新区", "金普新区司法局")


def test_a_clause_before_a_zone_word_is_no_zone_name():
    md = md_of("2025年，新区司法局推进依法行政。\n一、主要工作\n按照省市新区的部署，理顺新区执法体制。\n")
    assert md.jurisdiction != "省市新区"


def test_a_town_named_once_on_its_countys_initials_site_is_the_report_of_that_town():
    md = fazhi.analyze_text("区委、区政府：\n2024年，我镇坚持依法行政，将法治建设纳入东庄镇发展总体规划。\n"
                            "一、主要工作\n镇党委中心组学法4次。\n",
                            source="http://www.ptxy.gov.cn/zfxxgk/xyqdzz/2025/report.html").metadata
    assert (md.level, md.jurisdiction, md.county) == ("township", "东庄镇", "秀屿区")


def test_a_committee_citing_a_centres_staffing_rules_is_not_that_centre():
    md = fazhi.analyze_text("一、2025年推进法治政府建设的主要举措和成效\n我委党委中心组专题学法6次，全区卫生健康系统"
                            "干部参加法治考试。根据《重庆市涪陵区疾病预防控制中心机构职能编制规定》，完成执法机构整合。\n",
                            source="http://www.fl.gov.cn/bm/wsjkw/zfxxgk/2026/report.html").metadata
    assert md.department != "重庆市涪陵区疾病预防控制中心"
    assert md.report_year == 2025


def test_a_committee_naming_no_place_on_a_site_whose_initials_only_one_district_fits():
    # fl: 丰林县, 浮梁县 and 涪陵区 share the letters; a report that speaks of its 区 is the district's
    md = fazhi.analyze_text("2025年，在区委、区政府的领导下，我委推进依法行政。\n一、主要工作\n"
                            "全区卫生健康系统开展法治培训3次，委党委专题学法5次。\n",
                            source="http://www.fl.gov.cn/bm/wsjkw/zfxxgk/2026/report.html").metadata
    assert (md.level, md.jurisdiction) == ("department", "涪陵区")


def test_initials_of_several_districts_guess_nothing():
    md = fazhi.analyze_text("2025年，我委推进依法行政。\n一、主要工作\n全区卫生健康系统开展法治培训3次。\n",
                            source="http://www.xx.gov.cn/bm/wsjkw/2026/report.html").metadata
    assert md.jurisdiction is None


def test_the_prescribed_heading_names_the_year_reported_on():
    md = md_of("一、2024年推进法治政府建设的主要举措和成效\n局党组专题学法4次，审核合同12份。\n"
               "二、存在的不足\n执法力量不足。\n")
    assert md.report_year == 2024


def test_a_unit_opening_the_sentence_after_a_preamble_about_the_year_is_the_issuer():
    md = md_of("2025年是五年规划的收官之年，也是谋篇布局之年。城中区城市管理局始终坚持依法行政，推进执法规范化。\n"
               "一、工作开展情况\n根据西宁市执法体制改革部署，完成中队人员转隶。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "城中区", "城中区城市管理局")
    assert md.city == "西宁市"


def test_a_committee_site_spelled_by_two_letters_is_read_by_the_line_of_work_the_report_speaks_of():
    # qjw: 区 + jw, which spells 教委, 建委 and 交委 alike; the report speaks of its education system
    md = fazhi.analyze_text("关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n区委教育工委会议专题学法5次。"
                            "全区教育系统开展普法宣讲40场，教委机关严格执行集体决策制度。\n",
                            source="http://cqjlp.gov.cn/zwgk/qzfgzbm/qjw_65438/2026/report.html").metadata
    assert (md.level, md.jurisdiction, md.department) == ("department", "九龙坡区", "九龙坡区教育委员会")


def test_two_letters_with_no_line_of_work_spoken_of_name_no_department():
    md = fazhi.analyze_text("关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n开展法治宣传教育活动3次，"
                            "组织干部学法。\n", source="http://cqjlp.gov.cn/zwgk/qzfgzbm/qjw_65438/2026/report.html").metadata
    assert md.department is None


def test_a_bureaus_party_group_reports_as_the_bureau():
    md = md_of("中共青岛市交通运输局党组\n2022年度法治政府建设报告\n2022年，市交通运输局党组坚持依法行政。\n"
               "一、主要举措\n审核规范性文件3件。\n")
    assert (md.level, md.jurisdiction, md.department) == ("department", "青岛市", "青岛市交通运输局")


def test_a_township_naming_itself_only_after_fazhi_on_its_countys_site():
    md = fazhi.analyze_text("2024年，我乡坚持依法行政，明确法治舒桥建设的重点任务。\n一、主要举措\n乡党委专题学法4次。\n",
                            source="http://www.qingtian.gov.cn/art/2025/2/8/report.html").metadata
    assert (md.level, md.jurisdiction, md.county) == ("township", "舒桥乡", "青田县")


def test_a_township_short_name_is_not_read_off_another_countys_site():
    md = fazhi.analyze_text("2024年，我乡坚持依法行政，明确法治舒桥建设的重点任务。\n一、主要举措\n乡党委专题学法4次。\n",
                            source="http://www.santai.gov.cn/art/2025/report.html").metadata
    assert md.jurisdiction != "舒桥乡"


def test_a_columns_heading_without_place_or_year_gives_way_to_the_reports_title_below():
    md = md_of("手机版\n\n政务服务和数据管理局\n\n法治政府建设年度报告\n\n江海区政务服务和数据管理局关于2025年度法治政府建设情况的报告\n\n"
               "文章来源:本网\n\n2025年，我局坚持依法行政。\n一、主要举措\n审核合同5份。\n")
    assert md.title == "江海区政务服务和数据管理局关于2025年度法治政府建设情况的报告"
    assert (md.level, md.jurisdiction) == ("department", "江海区")


def test_a_committee_named_by_its_level_word_on_its_own_column_of_an_initials_site():
    text = ("2025年，区文化旅游委在区委、区政府的领导下推进依法行政。\n一、主要举措和成效\n"
            "委党组专题学法7次，开展文旅市场执法检查20次。\n")
    md = fazhi.analyze_text(text, source="http://www.fl.gov.cn/bm/whlyw/zfxxgk/2026/report.html").metadata
    assert (md.level, md.jurisdiction, md.department) == ("department", "涪陵区", "涪陵区文化和旅游发展委员会")
    md = fazhi.analyze_text(text, source="http://www.fl.gov.cn/bm/zfxxgk/2026/report.html").metadata
    assert md.jurisdiction is None  # the letters fit three places; nothing in the address names the committee


def test_a_metadata_list_prints_each_value_on_the_line_below_its_label():
    md = md_of("- 索引号：\n- 113310810000000000/2023-00017\n- 成文日期：\n- 2023-01-16\n- 发布单位：\n"
               "- 温岭市司法局\n温岭市司法局2022年度法治政府建设工作报告\n"
               "2022年，我局坚持依法行政，全年审核规范性文件5件。\n")
    assert md.signed == "2023-01-16"
    assert md.title == "温岭市司法局2022年度法治政府建设工作报告"
    bracketed = md_of("  • [ 成文日期 ]\n  • 2024-02-05\n  • [ 发布日期 ]\n  • 2024-02-06\n\n"
                      "荣昌区某镇2023年法治政府建设情况报告\n2023年，我镇推进依法行政。\n")
    assert (bracketed.signed, bracketed.published) == ("2024-02-05", "2024-02-06")


def test_a_bare_label_over_a_blank_cell_does_not_swallow_the_title_below():
    md = md_of("| 发文机关: | 东安县司法局 | 发文日期: | |\n| 文号 : | |||\n东安县司法局\n"
               "2023年法治政府建设报告\n我局坚持依法行政，全年办理复议案件3件。\n")
    assert md.signed is None
    assert md.title == "东安县司法局2023年法治政府建设报告"


def test_a_city_named_once_in_short_as_what_it_gives_is_the_reports_own():
    md = md_of("2023年我局法治政府建设的总体要求是：坚持依法行政，在新征程上干出温州担当。\n"
               "一、主要工作\n全市各级退役军人服务站开展普法宣传，我局全年审核规范性文件3件。\n")
    assert (md.level, md.jurisdiction) == ("department", "温州市")


def test_a_district_named_once_in_short_before_its_experience_is_its_own():
    md = md_of("区政府坚持府院联动，推动停建多年的项目交付，为全省破产案件化解提供武侯经验。"
               "区政府全年办理司法建议6条。\n")
    assert md.jurisdiction == "武侯区"


def test_a_model_the_report_learns_from_is_not_its_place():
    md = md_of("2023年我局坚持依法行政，学习借鉴深圳经验，全市各级服务站开展普法宣传，我局全年审核规范性文件3件。\n")
    assert md.jurisdiction is None


def test_a_short_title_name_gives_way_to_the_fuller_official_name_of_the_source_field():
    md = md_of("珠山区文广旅局2023年法治建设工作总结\n来源：珠山区文广新旅局 发布时间：2024-01-20\n\n"
               "2023年，区文广旅局坚持依法行政，全年办理行政许可42件。\n")
    assert md.department == "珠山区文化广电新闻出版旅游局"


def test_a_department_read_from_the_address_keeps_the_stem_its_text_writes():
    md = fazhi.analyze_text("一、加强党对法治建设的领导\n2022年，党组召开6次会议研究法治建设，将法治建设纳入"
                            "教育体育发展年度计划。我局全年审核规范性文件3件。\n",
                            source="http://jytyj.ordos.gov.cn/ZTZL/fzjs/202303/t20230301_1.html").metadata
    assert md.department == "鄂尔多斯市教育体育局"


def test_a_report_sent_under_a_cover_letter_is_signed_on_the_letters_date():
    md = md_of("某县市场监督管理局关于2023年度法治政府建设情况的报告\n县委、县政府：\n"
               "现将我局2023年度法治政府建设情况报告报上，请审阅。报告将在门户网站公开。\n"
               "三台县市场监督管理局\n2024年2月18日\n三台县市场监督管理局2023年度法治政府建设情况报告\n"
               + "".join(f"（{n}）我局持续推进严格规范公正文明执法，全年办理行政许可案件{n}件，依法行政水平不断提升。\n"
                         for n in range(1, 8)))
    assert md.signed == "2024-02-18"


def test_a_date_early_in_the_body_without_a_cover_letter_is_no_signature():
    md = md_of("某县2023年度法治政府建设情况报告\n2023年，全县坚持依法行政，法治政府建设取得新进展。\n三台县司法局\n"
               "2023年5月10日\n" + "".join(f"（{n}）全县各部门持续推进严格规范公正文明执法，全年办理行政复议案件{n}件，"
                                          "依法行政水平不断提升。\n" for n in range(1, 8)))
    assert md.signed is None


def test_law_titles_of_the_peoples_republic_name_no_county():
    md = md_of("2023年，在县委、县政府的领导下，县科技局组织学习《中华人民共和国宪法》《中华人民共和国科学技术进步法》"
               "《中华人民共和国行政处罚法》《中华人民共和国行政许可法》，全年审核规范性文件2件。\n")
    assert md.jurisdiction is None


def test_everyday_words_holding_a_short_name_name_no_district():
    md = md_of("2023年，区政府围绕乡村振兴推进法治建设，以法治保障乡村振兴，服务乡村振兴大局，全年办理行政复议案件8件。\n")
    assert md.jurisdiction is None


def test_a_bureau_that_says_only_wo_ju_names_itself_in_a_year_led_document_title():
    md = md_of("按照有关要求，现将我局法治政府建设工作开展情况总结如下：\n一、主要举措和成效\n"
               "我局研究制定了《2023年度盐亭县应急管理局学法计划》，全年组织集中学法6次，审核规范性文件1件。\n")
    assert (md.level, md.department) == ("department", "盐亭县应急管理局")


def test_a_bureau_speaking_of_itself_only_through_its_bodies_reports_as_a_department():
    md = md_of("一、2023年法治政府建设情况\n一是成立局法治建设领导小组，将法治建设纳入全局重要工作议事日程。"
               "2023年，局党组理论学习中心组学习12次，全局干部参加法治讲座8次。\n")
    assert md.level == "department"


def test_a_title_line_ending_in_a_conjunction_runs_on_into_the_next():
    md = md_of("2023年度法治政府建设工作报告和\n2024年工作思路\n\n发布时间：2024-02-20 09:30\n\n"
               "2023年，县综合行政执法局坚持依法行政，全年办理案件120件。\n一、主要举措\n审核规范性文件1件。\n")
    assert md.title == "2023年度法治政府建设工作报告和2024年工作思路"
    assert md.issuer != "法治政府建设工作报告和"


def test_a_reform_commission_written_short_takes_its_full_official_name():
    # 发展改革委 drops both the 和 of the stem and the 员会 of the suffix: the unit is the
    # 发展和改革委员会, not a 发展改革委员会 made up from the short form
    md = md_of("2023年度法治政府建设情况报告\n\n2023年，甘肃省发展改革委坚持依法行政，"
               "委党组专题研究法治建设工作3次，全年审核规范性文件5件。\n一、主要举措\n开展法治培训2次。\n")
    assert md.department == "甘肃省发展和改革委员会"


def test_an_industry_bureau_written_short_twice_over_takes_the_full_name_too():
    md = md_of("宁波市工业信息化委2020年法治政府建设工作报告\n\n2020年，市工业信息化委全面推进依法行政。\n"
               "一、主要工作\n审核合同12份。\n")
    assert md.department == "宁波市工业和信息化委员会"


def test_a_body_and_its_own_party_committee_issuing_together_report_as_the_body():
    md = md_of("国家林业和草原局党组 国家林业和草原局关于2021年度法治政府建设情况的报告\n\n"
               "2021年，国家林业和草原局认真贯彻依法治国部署，审查规章草案3件。\n")
    assert md.level == "department"
    assert md.department == "国家林业和草原局"


def test_a_bureau_and_its_party_group_set_apart_by_a_comma_report_as_the_bureau():
    md = md_of("中共三台县水利局党组、三台县水利局关于2022年度法治政府建设情况的报告\n\n"
               "2022年，县水利局坚持依法治水，全年办理取水许可18件。\n")
    assert md.department == "三台县水利局"


def test_the_year_of_a_titleless_report_from_a_bare_review_heading():
    # no title and an opening that speaks of 今年 (published the next spring): the heading
    # that reviews the year's work names the year reported on
    md = md_of("今年以来，在州委、州政府的坚强领导下，全州法治政府建设稳步推进。现将有关情况报告如下：\n"
               "一、2021年工作回顾\n（一）强化组织领导。召开法治建设专题会议4次。\n"
               "二、存在的问题\n法治宣传覆盖面仍需扩大。\n")
    assert md.report_year == 2021


def test_a_new_town_of_a_state_new_area_reports_as_a_zone():
    md = md_of("沣东新城2023年度法治政府建设工作报告\n\n2023年，沣东新城深入推进依法行政，"
               "新城党委会学法4次，全年审查合同300余件。\n一、主要举措\n审查规范性文件2件。\n")
    assert md.jurisdiction == "沣东新城"
    assert md.level is None
    assert md.department is None


def test_a_township_named_new_town_is_no_zone():
    md = md_of("新城镇2023年法治政府建设工作报告\n\n2023年，新城镇党委、政府高度重视法治建设，"
               "全年开展普法活动12场次。\n")
    assert md.jurisdiction != "新城"
