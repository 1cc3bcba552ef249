"""Attribution classes met on pages fazhi had not seen: each written in our own words.

The names are real divisions (the table resolves them); every sentence is invented.
"""
from __future__ import annotations

import fazhi
from fazhi.understand.attribution.places import zone_of_bare_subject, zone_run_by
from fazhi.understand.attribution.titles import issuer_from_title
from fazhi.understand.attribution.units import regional
from fazhi.understand.departments import parse_unit
from fazhi.understand.divisions import divisions


def md_of(text: str, source: str | None = None):
    return (fazhi.analyze_text(text, source=source) if source else fazhi.analyze_text(text)).metadata


def test_xinjiang_autonomous_units_written_without_their_people():
    # the official names write the people without 族 (伊犁哈萨克自治州, 察布查尔锡伯自治县)
    assert [d.name for d in divisions().named("伊犁州")] == ["伊犁哈萨克自治州"]
    assert [d.name for d in divisions().named("博尔塔拉州")] == ["博尔塔拉蒙古自治州"]
    assert [d.name for d in divisions().named("察布查尔县")] == ["察布查尔锡伯自治县"]
    md = md_of("按照自治区的通知要求，伊犁州人民政府高度重视，及时部署年度总结工作。现将伊犁州2021年度法治政府建设情况报告如下：\n"
               "一、主要做法\n（一）加强组织领导。州政府常务会议专题研究法治工作3次。\n")
    assert md.level == "city"
    assert md.division_code == "654000"
    assert md.province == "新疆维吾尔自治区"
    assert md.department is None


def test_bodies_a_government_set_to_work_are_no_joint_issuers():
    md = md_of("根据上级通知，某地高度重视，要求立即组织政法委、法院、公安局、司法局等相关部门按照通知开展自查。\n"
               "一、基本情况\n全年开展检查5次。\n")
    assert md.department != "公安局"
    assert md.level != "department"


def test_old_browser_notice_above_the_title_is_page_furniture():
    md = md_of("浏览器版本过低,为了获得更好的浏览体验,请升级浏览器!建议使用最新版本\n关爱版\n\n"
               "天津市河西区人民政府2022年法治政府建设情况报告\n来源:河西区司法局 发布时间:2023-03-01 10:00\n\n"
               "2022年，河西区坚持依法行政，各项工作扎实推进。\n一、主要举措\n审查规范性文件6件。\n")
    assert md.title == "天津市河西区人民政府2022年法治政府建设情况报告"
    assert (md.jurisdiction, md.level, md.department) == ("河西区", "district", None)
    assert md.published == "2023-03-01"


def test_title_below_a_signed_request_sent_with_the_report():
    md = md_of("中共静安区委：\n按照有关规定，区政府应当报告上一年度法治政府建设情况。区司法局拟以区委、区政府名义报送，"
               "现将报告一并呈上。\n以上请示妥否，请批示。\n上海市静安区司法局\n2024年1月8日\n"
               "2023年静安区法治政府建设情况报告\n2023年，静安区持续推进依法行政。现将有关情况报告如下：\n"
               "一、主要举措\n开展法治培训4次。\n")
    assert md.title == "2023年静安区法治政府建设情况报告"
    assert (md.jurisdiction, md.level, md.report_year) == ("静安区", "district", 2023)


def test_year_that_opens_the_body_before_its_subject():
    md = md_of("2022年朝阳区围绕首都功能定位，持续深化依法行政，法治政府建设取得新进展。现将有关情况报告如下：\n"
               "一、主要举措\n（一）完善制度。出台《北京市朝阳区2021-2025年法治政府建设规划》。\n",
               source="https://www.beijing.gov.cn/gongkai/fzzfjsbg/qzf/cyq/202303/t20230330_1.html")
    assert md.report_year == 2022


def test_a_plan_heading_does_not_open_the_body_with_its_year():
    md = md_of("2023年工作打算，一是继续完善制度，二是加强培训。\n")
    assert md.report_year != 2023


def test_a_new_area_on_its_own_site_that_cites_its_city_documents():
    # the address spells the area (ljxq) under the municipality (cq); the report names the
    # municipality's documents as often as itself and speaks of 市委 as its superior
    md = md_of("一、新区推进法治政府建设主要举措和成效\n"
               "1.学习贯彻市委全面依法治市工作会议精神，制定两江新区贯彻落实方案，累计开展研讨8次。\n"
               "2.对照《重庆市法治政府建设实施方案》，修订两江新区依法行政制度汇编。\n",
               source="http://ljxq.cq.gov.cn/zwgk/fzzfjsndbg/202203/t20220301_1.html")
    assert (md.jurisdiction, md.level) == ("两江新区", "district")


def test_a_league_speaks_of_its_own_bodies_as_meng_wei_and_xingshu():
    md = md_of("一、工作开展情况\n盟委、行署主要领导认真履行第一责任人职责，全年组织学法10次。"
               "制发《兴安盟政务诚信建设方案》，明确任务30项。\n",
               source="http://www.xam.gov.cn/xam/2025-03/07/article_1.html")
    assert (md.jurisdiction, md.level) == ("兴安盟", "city")


def test_year_of_the_breadcrumb_column_when_the_text_gives_none():
    md = md_of("更换或升级浏览器以获得最佳体验。\n若您使用的浏览器仍出现该提示，请切换至极速模式。\n"
               "您当前的位置: 首页> 政务公开> 法治政府建设年度报告 > 2021年度\n"
               "一、主要举措和成效\n（一）新区党工委组织专题学法6次，审查合同40份。\n",
               source="http://ljxq.cq.gov.cn/zwgk/fzzfjsndbg/202203/t20220302_2.html")
    assert md.report_year == 2021
    assert md.jurisdiction != "重庆市"


def test_a_site_spelled_with_the_place_name_reading_of_a_polyphone():
    # 长 is read chang in 长武 (changwu.gov.cn), though its everyday reading is zhang
    assert [d.name for d in divisions().from_url("https://changwu.gov.cn/zfxxgk/1.html")[0]] == ["长武县"]
    assert [d.name for d in divisions().from_url("http://www.hongtong.gov.cn/")[0]] == ["洪洞县"]
    md = md_of("2021年，在县委的坚强领导下，我县以《长武县2021年依法行政工作要点》为抓手，统筹推进各项工作。\n"
               "一、主要做法\n全县开展执法检查12次。\n",
               source="https://changwu.gov.cn/zfxxgk/fdzdgk/202207/t20220725_1.html")
    assert (md.jurisdiction, md.level) == ("长武县", "county")


def test_a_bureau_the_lexicon_lacks_is_not_named_with_its_level_word_twice():
    md = md_of("2023年以来，市行政审批和便民服务局在市委、市政府的领导下，扎实推进依法行政。"
               "现将2023年法治政府建设工作情况报告如下。\n一、主要举措\n办理审批事项800件。\n",
               source="http://xzspj.rikaze.gov.cn/news-detail.thtml?cid=1")
    assert md.department == "日喀则市行政审批和便民服务局"


def test_a_bureau_that_opens_as_itself_on_its_own_site_though_it_speaks_of_its_city():
    md = md_of("2022年，我局坚持以习近平法治思想为指引，紧紧围绕市委、市政府中心工作，推进全面依法治市，"
               "助力我市法治建设。现将一年来的工作情况报告如下：\n一、主要情况\n召开会议2次。\n",
               source="https://sfj.putian.gov.cn/xxgk/fzgh/202303/t20230303_1.htm")
    assert (md.level, md.department) == ("department", "莆田市司法局")


def test_a_provincial_department_named_with_its_province_in_short():
    md = md_of("广西生态环境厅2022年度法治政府建设情况报告\n\n"
               "2022年，自治区生态环境厅坚持依法行政，审查规范性文件5件。\n")
    assert (md.jurisdiction, md.level) == ("广西壮族自治区", "department")
    assert md.department == "广西壮族自治区生态环境厅"


def test_year_a_news_repost_announces_when_the_report_gives_none():
    md = md_of("中新网3月30日电 据交通运输部网站消息，交通运输部发布2022年法治政府建设年度报告。具体报告如下：\n"
               "一、坚持党的领导\n部党组召开会议研究法治工作5次。\n")
    assert md.report_year == 2022
    assert (md.level, md.department) == ("department", "交通运输部")


def test_year_of_the_plan_issued_for_it_when_the_opening_lost_its_year():
    md = md_of("年，我市坚持依法行政，扎实推进法治政府建设。现将工作情况报告如下。\n一、主要举措\n"
               "市政府印发《九江市2022年法治政府建设工作要点》，将任务分解到各部门。\n")
    assert md.report_year == 2022


def test_a_town_column_named_by_its_initials_and_the_column_kind():
    # sgwjq: 韶关 武江区; xlzml: 西联镇's 目录 (its initials, then ml)
    named = divisions().from_url("http://www.sgwjq.gov.cn/zfxxgkml/xlzml/content/post_1.html")[0]
    assert named[0].name == "西联镇"
    md = md_of("2024年，在区委、区政府的正确领导下，我镇坚持依法行政，扎实推进法治政府建设。"
               "现将我镇2024年法治政府建设主要工作汇报如下：\n一、主要工作\n开展法治讲座3场。\n",
               source="http://www.sgwjq.gov.cn/zfxxgkml/xlzml/content/post_1.html")
    assert (md.jurisdiction, md.level) == ("西联镇", "township")


def test_a_department_on_a_site_of_shared_initials_takes_the_place_of_its_superiors_level():
    # fl: 涪陵区, 丰林县, 浮梁县 …; the report speaks of 区委、区政府 only: the district's
    md = md_of("一、主要工作\n一是委党组专题学习习近平法治思想；二是配合区委、区政府做好法治政府建设督察，"
               "全年开展执法检查20次。\n",
               source="http://fl.gov.cn/bm/nyncw/zwgk/fzzfjsndbg/202105/t20210531_1.html")
    assert (md.jurisdiction, md.level, md.department) == ("涪陵区", "department", "涪陵区农业农村委员会")


def test_a_title_whose_place_a_mirror_blanked_and_a_short_county_name_opening_cited_titles():
    md = md_of("县2020年法治政府建设工作总结\n\n2020年，我县法治政府建设在市委、市政府的领导下稳步推进。"
               "一是印发《沛县2020年法治政府建设工作要点》，分解任务。二是落实《沛县重大行政决策程序规定》，"
               "审查决策事项6件。\n")
    assert (md.jurisdiction, md.level, md.report_year) == ("沛县", "county", 2020)


def test_the_documents_own_title_below_the_name_of_its_file():
    md = md_of("滨海街道2021年法治政府建设情况.docx\n"
               "滨海街道 2021 年法治政府建设情况报告 2021 年,在区委、区政府的领导下,滨海街道严格依法行政,"
               "现将工作情况报告如下: 一、主要举措 (一)成立法治政府建设领导小组。\n")
    assert md.title.replace(" ", "") == "滨海街道2021年法治政府建设情况报告"


def test_a_headline_issuer_ends_at_the_year_its_verb_follows():
    # 某区政府2016年推进…: the issuer is the government, never "…政府2016年推进"
    md = md_of("思明区政府2016年推进依法行政工作情况及2017年工作打算\n\n2016年，区政府坚持依法行政。\n")
    assert (md.issuer, md.jurisdiction, md.level) == ("思明区政府", "思明区", "district")


def test_the_issuer_after_about_and_the_year():
    md = md_of("关于2019年温州市人民政府推进依法行政（法治政府建设）工作情况的报告\n\n2019年，市政府坚持依法行政。\n")
    assert (md.issuer, md.jurisdiction, md.level) == ("温州市人民政府", "温州市", "city")
    # the words after the year that name no unit (全县) are no issuer
    assert issuer_from_title("关于2019年全县法治政府建设情况的报告") is None


def test_a_party_committee_and_its_government_run_together_in_a_title_both_issue():
    # the record names both issuers as a page sets them; the place and level are the government's
    md = md_of("中共辰溪县委 辰溪县人民政府 关于2023年度法治政府建设情况的报告\n\n2023年，全县坚持依法行政。\n")
    assert (md.issuer, md.jurisdiction, md.level, md.department) == \
        ("中共辰溪县委、辰溪县人民政府", "辰溪县", "county", None)
    md = md_of("中共火马冲镇党委火马冲镇人民政府关于2023年法治政府建设工作的报告\n\n2023年，我镇坚持依法行政。\n")
    assert (md.issuer, md.jurisdiction, md.level) == ("中共火马冲镇党委、火马冲镇人民政府", "火马冲镇", "township")


def test_a_zone_named_by_its_kind_alone_is_issued_under_the_city_its_site_names():
    # the site's address names the city: the issuer names it as the jurisdiction does
    md = md_of("高新区司法局2022年法治政府建设年度报告\n\n2022年，我局坚持依法行政。\n",
               source="http://www.zhuzhou.gov.cn/art/2023/3/1/x.html")
    assert (md.jurisdiction, md.issuer, md.department) == ("株洲高新区", "株洲高新区司法局", "株洲高新区司法局")
    md = md_of("市委、市政府：\n2022年，高新区坚持依法行政。现将主要情况报告如下：\n一、主要举措\n",
               source="http://www.zhuzhou.gov.cn/art/2023/3/1/x.html")
    assert (md.jurisdiction, md.issuer) == ("株洲高新区", "株洲高新区")


def test_a_bureau_that_says_only_we_names_its_line_where_it_speaks_of_its_superiors_or_its_share():
    # 我局 naming itself nowhere: its superior body, what it adds and the work it merges its
    # rule-of-law building with name its line of work
    md = md_of("2024年，我局在县委、县政府和上级审计机关的领导下，为法治建设贡献审计力量。"
               "现将我局2024年度法治政府建设情况报告如下：\n一、主要举措\n我局完成审计项目12个。\n",
               source="http://www.wengyuan.gov.cn/a/1.html")
    assert (md.jurisdiction, md.level, md.department) == ("翁源县", "department", "翁源县审计局")
    md = md_of("2024年，我委坚持将法治建设与卫生健康核心业务深度融合。现将本年度工作情况报告如下：\n"
               "一、主要举措\n我委办理案件3件。\n", source="http://www.jincheng.gov.cn/a/1.html")
    assert md.department == "晋城市卫生健康委员会"
    # a government's report that speaks of what it adds is still the government's
    md = md_of("2024年，县政府坚持依法行政，为高质量发展贡献司法力量。现将有关情况报告如下：\n"
               "一、主要举措\n全县办理复议案件3件。\n", source="http://www.wengyuan.gov.cn/a/1.html")
    assert (md.level, md.department) == ("county", None)


def test_a_bureau_named_with_the_first_person_of_its_place():
    from fazhi.understand.departments import parse_unit
    for written, word, dept in (("我县文化广电旅游体育局", "县", "文化广电旅游体育局"), ("本市交通运输局", "市", "交通运输局"),
                                ("我区司法局", "区", "司法局"), ("我旗司法局", "旗", "司法局"), ("我省司法厅", "省", "司法厅")):
        u = parse_unit(written)
        assert (u.level_word, u.department) == (word, dept), written
    assert parse_unit("本溪市司法局").place == "本溪市"  # 本 opening a place's name stays the place's
    md = md_of("2023年，我县文化广电旅游体育局在县委、县政府的领导下，认真落实法治建设责任，为建设法治宁陕贡献力量。"
               "现将有关情况报告如下：\n一、主要工作\n局党组专题研究法治工作4次。\n")
    assert md.level == "department"
    assert md.department == "宁陕县文化广电旅游体育局"


def test_a_bureau_without_place_or_level_word_is_placed_by_its_rule_of_law_slogan():
    text = ("文化广电旅游体育局2023年法治政府建设工作报告\n"
            "2023年，我局在县委、县政府的领导下，紧扣法治镇坪建设目标，依法履行职责。现将有关情况报告如下：\n"
            "一、主要工作\n局党组专题研究法治工作4次，开展文化市场执法检查60次。\n")
    md = md_of(text)
    assert md.jurisdiction == "镇坪县"
    assert md.department == "镇坪县文化广电旅游体育局"
    assert md.evidence["jurisdiction"]["source"] == "inferred"
    # places above it in other slogans (法治陕西) leave the most specific; two unrelated places none
    from fazhi.understand.attribution.places import slogan_place
    assert slogan_place("建设法治陕西，推进法治镇坪").name == "镇坪县"
    assert slogan_place("对标法治宜宾，推进法治镇坪") is None
    assert slogan_place("建设法治中国、法治政府、法治平安") is None


def test_the_bodys_own_line_of_work_beats_another_bureaus_initials_in_the_host():
    # wgxj spells 文广新局; the report is a 交通运输局's, filed on that site's county column
    body = ("在区委区政府的领导下，我局认真落实法治政府建设各项要求。现将2024年度法治部门建设情况报告如下。\n"
            "一、主要措施和成效\n2024年，随着鼎城区交通运输综合行政执法职能调整，我局把重心转向行政检查和行政许可，"
            "全年开展行政检查200余次，受理道路运输许可事项1200件。\n")
    md = md_of(body, source="http://wgxj.changde.gov.cn/dcq/123/content_1.html")
    assert md.department == "鼎城区交通运输局"
    assert md.level == "department"
    # a bureau of the host's own line keeps it (文化, 旅游 named): the host is right
    own = body.replace("交通运输综合行政执法职能调整", "文化市场综合行政执法职能调整").replace("道路运输许可", "旅游经营许可")
    md = md_of(own, source="http://wgxj.changde.gov.cn/dcq/123/content_1.html")
    assert md.department == "鼎城区文化广电和旅游局"


def test_a_development_zones_report_keeps_a_null_level_but_is_checked_as_the_district_it_calls_itself():
    report = fazhi.analyze_text(
        "珠海高新区管委会2023年法治政府建设年度报告\n"
        "2023年，珠海高新区坚持依法行政，推进各项改革。现将有关情况报告如下：\n"
        "一、主要举措和成效\n全区开展普法活动30场次，我县审查规范性文件5件。\n"
        "二、存在的不足\n法治宣传还不够深入。\n三、下一年工作安排\n继续推进法治建设。\n")
    md = report.metadata
    assert (md.jurisdiction, md.level) == ("珠海高新区", None)
    assert md.evidence["level"]["source"] == "zone"
    words = [f.data["word"] for f in report.findings if f.check == "level_mismatch"]
    assert words == ["我县"]  # 全区 is the zone's own word; 我县 is another unit's


def test_a_title_that_sets_its_issuer_off_with_a_colon():
    assert issuer_from_title("某某县交通运输局：2022年度法治政府部门建设报告") == "某某县交通运输局"
    md = md_of("宁陕县交通运输局：2022年度法治政府部门建设报告\n\n现将我局2022年法治政府建设情况报告如下：\n"
               "一、主要工作\n全年开展执法检查40次。\n")
    assert md.level == "department"
    assert md.department == "宁陕县交通运输局"


def test_a_row_of_labelled_fields_above_the_title_is_no_opening_sentence():
    md = md_of("索引号: 0000001/202307-00001 组配分类: 其他\n名称: 宁陕县水利局2022年法治政府建设工作报告 文号:\n"
               "宁陕县水利局2022年法治政府建设工作报告\n发布时间:2023-07-03 15:33\n\n"
               "2022年，宁陕县水利局坚持依法行政。现将我局2022年度法治政府建设工作报告如下。\n一、主要举措\n开展执法巡查30次。\n")
    assert md.title == "宁陕县水利局2022年法治政府建设工作报告"


def test_a_bureau_that_says_only_we_but_names_itself_once_with_its_place():
    text = ("2021年，在市委、市政府的坚强领导下，我局坚持依法行政，法治交通建设取得新成效，"
            "镇江市交通运输局被评为全省交通运输法治建设先进单位。现将有关情况报告如下：\n"
            "一、主要举措和成效\n全年组织领导干部集中学法10次。\n")
    md = md_of(text, source="http://zjjtj.zhenjiang.gov.cn/art/2022/1/30/art_1_2.html")
    assert md.jurisdiction == "镇江市"
    assert md.department == "镇江市交通运输局"
    from fazhi.understand.attribution.units import placed_department
    zj = divisions().named("镇江市")[0]
    assert placed_department("镇江市交通运输局与镇江市司法局联合开展培训", zj) is None  # two: it cites others


def test_a_street_that_names_itself_only_in_the_titles_of_its_own_documents():
    text = ("为全面推进依法行政，我街严格按照《中共广州市白云区委全面依法治区委员会2021年工作要点》的要求推进法治建设。"
            "现将我街法治建设工作情况总结如下：\n一、主要工作\n制定《同和街2021年全面依法治街工作要点》，"
            "修订《同和街“三重一大”议事制度》，全年召开党工委会议30次。\n")
    md = md_of(text)
    assert (md.jurisdiction, md.level) == ("同和街道", "street")
    assert md.county == "白云区"


def test_year_of_a_sentence_of_work_when_no_paragraph_is_dated():
    from fazhi.understand.attribution.dating import body_year
    body = ("一、基本情况\n（一）学习贯彻情况。我委把法治内容纳入中心组学习计划。\n（二）放管服改革情况。"
            "一是全面实行权责清单制度。2022年动态调整本部门主管的行政许可共18项。落实《某区法治政府建设实施纲要（2021—2025年）》。\n")
    assert body_year(body, 0, len(body))[0] == 2022
    assert body_year("落实《某区规划（2021—2025年）》。2023年3月召开会议。", 0, 40)[0] is None


def test_a_mirrors_address_and_its_source_line_name_no_place_of_the_report():
    from fazhi.understand.attribution.places import is_government_host
    assert is_government_host("http://www.ningshan.gov.cn/a.html") and is_government_host("http://10.1.2.3/a")
    assert not is_government_host("http://ningshan-fanwen.com/a.html")
    text = ("法治政府建设工作总结\n来源：宁陕县人民政府 发布时间：2023-02-01\n\n"
            "2022年，我县坚持依法行政，现将有关情况报告如下：\n一、主要工作\n审查规范性文件5件。\n")
    assert md_of(text, source="http://www.ningshan.gov.cn/a.html").jurisdiction == "宁陕县"
    mirrored = md_of(text, source="http://ningshan-fanwen.com/a.html")
    assert mirrored.jurisdiction is None  # where a copy says it came from is no issuer


def test_a_column_name_under_the_sites_chrome_is_not_joined_to_the_title_below_it():
    md = md_of("无障碍浏览 长者模式\n\n法治政府建设年报\n同和街道办事处2021年度法治政府建设工作报告\n发布时间:2022-01-20 09:56\n\n"
               "2021年，同和街道坚持依法行政。现将有关情况报告如下：\n一、主要工作\n开展普法活动12场。\n")
    assert md.title == "同和街道办事处2021年度法治政府建设工作报告"


def test_the_party_group_of_a_bureau_the_lexicon_lacks_reports_as_the_bureau():
    from fazhi.understand.departments import parse_unit
    assert parse_unit("宁陕县档案馆党组").department == "档案馆"
    md = md_of("宁陕县档案馆党组2025年度法治政府建设年度报告\n\n2025年，宁陕县档案馆党组坚持依法治档。现将有关情况报告如下：\n"
               "一、主要工作\n开展档案执法检查6次。\n")
    assert (md.level, md.department) == ("department", "宁陕县档案馆")


def test_a_service_centre_of_government_affairs_keeps_the_name_it_bears():
    # 机关事务中心 is a unit's full name, not the short form of 机关事务管理中心
    from fazhi.understand.attribution.units import full_department
    assert full_department("宁陕县机关事务中心") == "宁陕县机关事务中心"
    assert full_department("宁陕县机关事务服务中心") == "宁陕县机关事务服务中心"
    assert full_department("宁陕县机关事务局") == "宁陕县机关事务管理局"
    md = md_of("宁陕县机关事务中心关于2024年法治政府建设情况的报告\n\n2024年，我中心坚持依法管理公共机构。现将有关情况报告如下：\n"
               "一、主要工作\n开展节能执法检查3次。\n")
    assert (md.level, md.department) == ("department", "宁陕县机关事务中心")


def test_a_repost_that_ran_the_pages_furniture_into_its_text_keeps_the_publication_date():
    body = "2023年以来，市政府坚持依法行政，推进法治政府建设，各项工作取得新进展。" * 8
    text = ("宁德市人民政府关于2023年度法治政府建设情况的报告\n\n转载者 2000 字 3个月前\n\n"
            "宁德市人民政府关于2023年度法治政府建设情况的报告发布时间:2024-02-05 10:21:07来源:宁德市政府办公室"
            "浏览字号:大|中|小分享到:  " + body + "一、主要工作及成效  全年审查规范性文件12件。\n")
    md = md_of(text)
    assert md.published == "2024-02-05"
    # a date in a long line of prose with no furniture label after it is no publication date
    prose = "2023年，市政府在发布时间:2024-02-05 10:21:07的会议上研究了法治工作。" + body + "\n一、主要工作\n审查文件4件。\n"
    assert md_of("宁德市人民政府关于2023年度法治政府建设情况的报告\n\n" + prose).published is None


def test_the_date_under_a_cover_letter_signed_by_a_committee_and_its_government_is_the_signing_date():
    text = ("中共宁陕县委员会 宁陕县人民政府关于2021年度法治政府建设工作的报告\n市委、市人民政府：\n"
            "按照市委依法治市办的通知，现将《宁陕县2021年度法治政府建设工作报告》呈报，请予审阅。\n"
            "中共宁陕县委员会 宁陕县人民政府\n2022年2月18日\n宁陕县2021年度法治政府建设工作报告\n"
            "2021年，宁陕县坚持依法行政，法治政府建设取得新成效。\n一、主要工作\n审查规范性文件8件。\n")
    md = md_of(text)
    assert md.signed == "2022-02-18"
    assert (md.jurisdiction, md.report_year) == ("宁陕县", 2021)
    # a drafter's 请示 to send the report is signed by the drafter, not by the issuer
    ask = ("中共宁陕县委：\n区政府应当报告上一年度法治政府建设情况，现将报告代拟稿一并呈上。\n以上请示妥否，请批示。\n"
           "宁陕县司法局\n2022年1月8日\n宁陕县2021年度法治政府建设情况报告\n2021年，宁陕县坚持依法行政。\n"
           "一、主要工作\n审查规范性文件8件。\n")
    assert md_of(ask).signed is None


def test_a_wiki_mirror_named_after_the_title_its_text_lost_gives_the_year():
    from urllib.parse import quote
    text = ("一、寧陝法治政府建設成效\n我縣法治政府建設工作在縣委、縣政府的正確領導下,以落實《法治政府建設實施綱要(2015-2020年)》為契機,"
            "不斷把各項工作推向前進。\n(一)細化法治舉措。印發《寧陝縣法治政府建設實施方案(2016-2020年)》,審查規範性文件6件。\n")
    url = "https://wiki.example.com/wiki/" + quote("寧陝縣2016年度法治政府建設報告") + "/4412"
    md = md_of(text, source=url)
    assert md.report_year == 2016
    assert md.evidence["report_year"]["source"] == "address" and "report_year" in md.inferred
    # a date in the path says when the page went up, not the year reported on
    assert md_of(text, source="https://wiki.example.com/2018/03/4412.html").report_year is None


def test_a_two_character_county_inside_a_level_phrase_is_no_mention():
    # 清单和县级政府, 各乡镇和县直单位 hold 和县; at a line's start the name stands
    found = [n for _s, _e, n in divisions().find("公布清单和县级政府权责事项，各乡镇和县直单位参加。\n和县人民政府")]
    assert found == ["和县"]


def test_a_county_site_is_no_confirmation_of_another_county_the_text_names_once():
    # on 青阳县's site (ahqy: 安徽 青阳), a 我县 report that names 和县 once, as a partner, is
    # 青阳县's: the address's province confirms no other county of that province
    text = ("2018年，全县各级行政机关深入推进依法行政，法治政府建设迈出新步伐。\n一、主要工作\n"
            "（一）深化改革。我县与和县人民政府签订政务服务跨区通办协议，实现“最多跑一次”事项1494项。\n"
            "（二）规范执法。全年审查规范性文件12件。\n")
    md = md_of(text, source="https://www.ahqy.gov.cn/OpennessContent/show/1.html")
    assert md.jurisdiction == "青阳县"
    assert md.evidence["jurisdiction"]["source"] == "site"


def test_a_title_that_cuts_a_commissions_name_short_still_names_the_commission():
    from fazhi.understand.departments import parse_unit
    assert parse_unit("宁陕县卫生健康委员").department == "卫生健康委员会"
    assert parse_unit("某县委员").department is None  # no department the lexicon knows
    md = md_of("宁陕县卫生健康委员2019年度法治政府建设工作情况报告\n\n2019年，我委坚持依法行政。现将有关情况报告如下：\n"
               "一、主要工作\n开展卫生监督执法检查40次。\n")
    assert (md.level, md.department, md.jurisdiction) == ("department", "宁陕县卫生健康委员会", "宁陕县")


def test_a_bureau_that_names_only_its_superior_judicial_administration_is_the_justice_bureau():
    md = md_of("2020年来，我局在区委、区政府和上级司法行政机关的指导下，坚持司法为民，深入推进法治政府建设。\n"
               "一、2020年法治政府建设情况\n制定《西安市雁塔区法治政府建设实施纲要（2021—2025年）》，审查规范性文件9件。\n")
    assert (md.level, md.department) == ("department", "雁塔区司法局")


def test_a_town_of_a_city_with_no_county_level_is_found_and_filed_under_the_city():
    # 东莞市 and 中山市 govern their towns and streets directly
    d = divisions()
    town = next(t for t in d.named("长安镇") if t.parent == "441900000000")
    assert d.county_of(town) is None and d.city_of(town).name == "东莞市"
    md = md_of("东莞市长安镇2021年法治政府建设工作报告\n\n2021年，我镇坚持依法行政，现将有关情况报告如下：\n"
               "一、主要工作\n开展普法活动12场。\n")
    assert (md.jurisdiction, md.level, md.city, md.county) == ("长安镇", "township", "东莞市", None)
    # a new area and the street it is merged with, the street in brackets: the street
    md = md_of("翠亨新区(南朗街道)2025年法治政府建设年度报告\n\n2025年，翠亨新区(南朗街道)坚持依法行政。现将有关情况报告如下：\n"
               "一、主要工作\n开展普法活动9场。\n")
    assert (md.jurisdiction, md.level, md.city) == ("南朗街道", "street", "中山市")


def test_fujians_document_date_field_is_the_signing_date():
    md = md_of("- 索 引 号: sm09901-1800-2025-00003\n- 发布机构: 宁陕县城关镇人民政府\n- 公文生成日期: 2025-02-07\n"
               "宁陕县城关镇2024年法治政府建设情况报告\n2024年，城关镇坚持依法行政。现将有关情况报告如下：\n"
               "一、主要工作\n开展普法活动12场。\n")
    assert md.signed == "2025-02-07"


def test_the_date_in_brackets_under_the_units_byline_is_the_signing_date():
    head = "2024年法治政府建设情况报告\n宁陕县退役军人事务局\n（2025年2月20日）\n"
    body = "2024年，我局坚持依法行政，现将有关情况报告如下：\n一、主要工作\n开展政策宣讲6场。\n"
    assert md_of(head + body).signed == "2025-02-20"
    # a bracketed date after the body has begun is no byline
    later = ("2024年法治政府建设情况报告\n2024年，我局坚持依法行政。\n宁陕县退役军人事务局\n（2025年2月20日）\n一、主要工作\n"
             "开展宣讲6场。\n二、存在问题\n宣传覆盖面不广。\n三、下一步打算\n继续开展政策宣讲。\n加强队伍建设。\n")
    assert md_of(later).signed is None


def test_a_markdown_heading_or_bold_line_gives_the_title_without_its_marks():
    body = ("2023年，东湖街道坚持依法行政。现将有关情况报告如下：\n一、主要举措\n全年审查合同12份。\n"
            "二、存在不足\n三、下一步安排\n")
    for head in ("# 东湖街道办事处2023年度法治政府建设情况报告", "**东湖街道办事处2023年度法治政府建设情况报告**"):
        md = md_of(head + "\n" + body)
        assert md.title == "东湖街道办事处2023年度法治政府建设情况报告"
        assert md.level == "street"


def test_two_units_of_one_place_issuing_together_are_both_named_and_the_first_leads():
    body = ("\n2023年，我们坚持依法行政。现将有关情况报告如下：\n一、主要举措\n全年审查合同12份。\n"
            "二、存在不足\n三、下一步安排\n")
    for head in ("华容县人民政府办公室华容县司法局关于2023年度法治政府建设情况的报告",
                 "华容县人民政府办公室、华容县司法局关于2023年度法治政府建设情况的报告",
                 "华容县人民政府办公室 华容县司法局\n关于2023年度法治政府建设情况的报告"):
        md = md_of(head + body)
        assert md.issuer == "华容县人民政府办公室、华容县司法局"
        assert (md.jurisdiction, md.level, md.department) == ("华容县", "department", "华容县人民政府办公室")
    md = md_of("中共华容县委华容县人民政府关于2023年度法治政府建设情况的报告" + body)
    assert (md.issuer, md.level) == ("中共华容县委、华容县人民政府", "county")


def test_a_bulleted_metadata_lists_bare_name_label_is_the_title_field_not_the_title():
    head = ("关于2023年度法治政府建设情况的报告\n- 索引号:431S00/2024-000123\n- 发布机构: 湖南省水利厅\n"
            "- 发文日期: 2024-03-01 10:20\n- 名称: 关于2023年度法治政府建设情况的报告\n")
    body = "2023年，省水利厅坚持依法行政，现将有关情况报告如下：\n一、主要工作\n审查合同12份。\n"
    md = md_of(head + body)
    assert md.title == "关于2023年度法治政府建设情况的报告"
    assert (md.department, md.level, md.jurisdiction) == ("湖南省水利厅", "department", "湖南省")


def test_a_home_link_alone_above_a_broken_breadcrumb_is_no_part_of_the_title():
    text = ("首页\n>政务公开>专题>法治政府建设年度报告\n2022年法治政府工作总结和2023年工作计划\n\n"
            "2022年，市民政局坚持依法行政。现将工作情况总结如下：\n一、主要工作\n审查合同8份。\n")
    assert md_of(text).title == "2022年法治政府工作总结和2023年工作计划"


def test_a_browser_upgrade_banner_above_the_title_is_furniture():
    text = ("IE版本小于11，为了不影响您的浏览效果，请升级IE版本！ x\n当前位置：\n\n"
            "某区人民政府关于某区2023年度法治政府建设情况的报告\n\n来源：某区人民政府 发布时间：2024-02-28 10:47\n\n"
            "一、2023年度推进法治政府建设的主要举措和成效\n（一）依法全面履行政府职能。调整职权事项20项。\n")
    assert md_of(text).title == "某区人民政府关于某区2023年度法治政府建设情况的报告"


def test_the_year_announced_after_the_units_full_name():
    text = ("依据有关规定，现将北京市海淀区人民政府2023年法治政府建设年度情况报告如下。\n一、主要举措和成效\n"
            "（一）深入学习贯彻习近平法治思想。列入年度工作要点。\n")
    assert md_of(text).report_year == 2023


def test_a_town_shared_by_places_the_hosts_initials_fit_is_the_one_the_path_spells():
    # dg fits 东莞市 and 东港市, both of which have a 长安镇; the column /dgcaz/ (dg + 长安镇) on the
    # city's bare-initials portal names 东莞's
    text = ("2024年，长安镇坚持依法行政，扎实推进法治政府建设。现将有关情况报告如下：\n一、主要成效\n"
            "（一）坚持党的领导\n开展学法4次。\n")
    md = md_of(text, source="https://www.dg.gov.cn/dgcaz/gkmlpt/content/4/4331/post_1.html")
    assert (md.jurisdiction, md.level, md.city) == ("长安镇", "township", "东莞市")
    # without the column the town stays unplaced rather than guessed
    md = md_of(text, source="https://www.dg.gov.cn/xxgk/content/post_1.html")
    assert md.city is None


def test_a_city_named_in_passing_is_not_its_namesake_district():
    # 克拉玛依市 holds the short name of 克拉玛依区; a district that speaks as 我区 on its own portal is the portal's
    text = ("2022年，区委、区政府坚持依法行政，借鉴在克拉玛依市召开的现场推进会的经验，现将全区法治建设情况汇报如下：\n"
            "一、2022年法治政府建设情况\n（一）加强党的领导\n我区组织学法6次。\n")
    md = md_of(text, source="http://www.xjsmgq.gov.cn/xxgk/fzzfbg/1.htm")
    assert (md.jurisdiction, md.level) == ("水磨沟区", "district")


def test_a_citys_state_level_new_area_and_its_governing_committee_are_the_zone():
    body = "\n2019年，新区坚持依法行政。现将有关情况报告如下：\n一、主要工作\n审查合同12份。\n"
    md = md_of("兰州新区管理委员会关于2019年兰州新区法治政府建设工作情况的报告" + body)
    assert (md.jurisdiction, md.level, md.department, md.city) == ("兰州新区", None, None, "兰州市")
    md = md_of("市委、市政府：\n一年来，长春新区坚持依法行政，不断开创法治新区建设新局面。\n一、2024年度主要举措\n审查合同12份。\n")
    assert (md.jurisdiction, md.level) == ("长春新区", None)
    md = md_of("陕西省西咸新区开发建设管理委员会关于2020年度法治政府建设情况的报告" + body)
    assert md.level is None and md.department is None


def test_date_labels_run_into_the_source_or_called_information_provided():
    body = "\n\n2024年，某区坚持依法行政。\n一、主要工作成效\n审查合同12份。\n"
    md = md_of("某区2024年法治政府建设年度报告\n\n来源:某市某区人民政府日期:2025年02月20日 【 字体: 打印" + body)
    assert md.published == "2025-02-20"
    md = md_of("某街道2025年法治政府建设情况报告\n\n信息提供日期 : 2026-02-09 16:29来源 : 某区某街道办事处" + body)
    assert md.published == "2026-02-09"


def test_a_sites_name_and_column_before_the_title_on_its_line_are_no_part_of_it():
    text = ("济南市人民政府 通知公告 济南市2020年法治政府建设情况报告\n2020年，济南市坚持依法行政。现将有关情况报告如下。\n"
            "一、主要举措\n审查合同12份。\n")
    md = md_of(text)
    assert md.title == "济南市2020年法治政府建设情况报告"
    assert md.jurisdiction == "济南市"


def test_culture_tourism_and_sport_bureau_in_its_short_forms():
    # a bureau of culture, tourism and sport (no broadcasting) writes itself 文旅体局 or 文体旅局
    md = md_of("雨花区文旅体局2023年度法治政府建设情况报告\n"
               "按照区委依法治区办的通知，我局对一年来的工作进行了梳理，现报告如下：\n"
               "一、主要举措\n全年审批营业性演出3场，开展体育场所安全检查12次。\n")
    assert md.level == "department"
    assert md.department == "雨花区文化旅游体育局"
    md = md_of("天心区文体旅局2022年法治政府建设工作报告\n"
               "2022年，我局认真落实法治政府建设各项要求，现将有关情况报告如下：\n一、主要工作\n举办法治讲座2场。\n")
    assert md.department == "天心区文化体育和旅游局"


def test_bureau_named_only_by_its_bare_system():
    # a 我局 report that never writes its name, only its system without 全市 (抓好政数系统法治建设)
    md = md_of("2023年，我局坚持依法行政，认真抓好政数系统法治建设，推动各项部署在政数系统落地落实。"
               "现将我局有关情况报告如下：\n一、主要举措\n（一）推进法治韶关建设。全年审查合同9份。\n")
    assert md.level == "department"
    assert md.department == "韶关市政务服务和数据管理局"
    # a clause that ends in a word with a department's suffix (部署, 布局) names no unit
    from fazhi.understand.departments import parse_unit
    assert not parse_unit("推动各项部署").is_department
    assert not parse_unit("优化全县产业布局").is_department


def test_a_system_the_bureau_merely_uses_names_no_bureau():
    # 审批系统 followed by nothing that makes it a body of people and work: no department from it
    md = md_of("2023年，我局推进依法行政，依托审批系统实现网上办理。现将有关情况报告如下：\n"
               "一、主要举措\n全年审查合同9份。\n", source="https://www.sg.gov.cn/zwgk/post_1.html")
    assert md.department is None or "审批" not in md.department and "政务服务" not in md.department


def test_bureau_that_names_its_own_offices_by_its_level_word():
    # 我局 on a district portal, naming itself once as the offices its powers return to (区民政局机关)
    md = md_of("我局坚持依法行政，现将2024年工作总结如下：\n一、主要举措\n"
               "今年起，殡葬执法职能收归区民政局机关统一行使，不再委托执法。全年办理行政处罚案件4起。\n",
               source="https://www.huli.gov.cn/zwgk/xzdgk/fzjs/202503/t20250304_9.htm")
    assert md.level == "department"
    assert md.jurisdiction == "湖里区"
    assert md.department == "湖里区民政局"


def test_street_named_only_by_its_bare_name_on_its_district_portal():
    # the street writes itself 新湖 (no 街道), the district's portal is the only other clue
    text = ("2024年，新湖坚持依法行政，着力建设法治新湖。\n一、主要工作\n街道全面落实法治建设责任，"
            "街道党工委专题研究法治工作5次，街道领导班子带头学法。新湖共化解矛盾纠纷120宗。\n")
    md = md_of(text, source="https://www.szgm.gov.cn/wgkzl/jggk/content/post_1.html")
    assert (md.jurisdiction, md.level) == ("新湖街道", "street")
    assert md.county == "光明区"
    # two streets named as often: none of them is the speaker
    md = md_of(text.replace("新湖共化解", "新湖、凤凰、凤凰共化解").replace("法治新湖", "法治凤凰"),
               source="https://www.szgm.gov.cn/wgkzl/jggk/content/post_1.html")
    assert md.jurisdiction != "新湖街道"


def test_town_of_a_city_without_counties_named_only_in_its_slogans():
    md = md_of("2024年，我镇坚持依法行政。现将有关情况报告如下：\n一、主要举措\n依托“平安虎门”公众号开展普法，"
               "在虎门组织法治宣传活动20场。\n", source="http://www.dg.gov.cn/zwgk/zfxxgkml/h10z/fzzfjsbg/post_1.html")
    assert (md.jurisdiction, md.level) == ("虎门镇", "township")
    assert md.city == "东莞市"


def test_unnamed_township_keeps_the_county_it_names():
    # 我镇 never says which town it is, but names the district above it
    md = md_of("2022年，我镇在恩平市委、市政府的正确领导下，深入推进依法行政。现将有关情况报告如下：\n"
               "一、主要举措\n镇党委专题研究法治工作4次，开展普法活动12场。\n")
    assert md.level == "township"
    assert md.jurisdiction is None
    assert (md.county, md.city, md.province) == ("恩平市", "江门市", "广东省")
    # two counties named, no portal to choose between them: none kept
    md = md_of("2022年，我镇在恩平市委、市政府的正确领导下，学习台山市的经验，深入推进依法行政。现将有关情况报告如下：\n"
               "一、主要举措\n镇党委专题研究法治工作4次。\n")
    assert md.county is None


def test_bureau_site_spelled_with_a_level_letter_and_shared_initials():
    # sswj: 市 + swj (商务局, 水利局 or 税务局); only the commerce line is ever named, twice
    md = md_of("2021年，我局深入推进依法行政，着力营造公平的商务营商环境。现将工作情况报告如下：\n"
               "一、主要措施\n组织外贸企业开展合规培训3次，为商务企业提供法律咨询40次。\n",
               source="http://sswj.lishui.gov.cn/art/2022/2/5/art_1.html")
    assert md.level == "department"
    assert md.department == "丽水市商务局"
    # a body that names two of the lines leaves the bureau unnamed
    md = md_of("2021年，我局深入推进依法行政，着力营造公平的商务环境。现将工作情况报告如下：\n"
               "一、主要措施\n为商务企业提供法律咨询40次，配合开展水利工程检查2次。\n",
               source="http://sswj.lishui.gov.cn/art/2022/2/5/art_1.html")
    assert md.department is None


def test_publication_date_labels_of_district_portals():
    # 日期 glued to the source's value, where it cannot stand as a label of its own
    md = md_of("坪山区2023年法治政府建设年度报告\n\n来源:深圳市坪山区人民政府日期:2024年03月12日 【 字体: 打印\n\n"
               "2023年，坪山区坚持依法行政。现将有关情况报告如下：\n一、主要工作\n审查规范性文件7件。\n")
    assert md.published == "2024-03-12"
    # the date the information was provided, with its time, before the source
    md = md_of("园岭街道2024年法治政府建设情况报告\n\n信息提供日期 : 2025-01-20 09:15来源 : 福田区园岭街道办事处\n\n"
               "2024年，园岭街道坚持依法行政。现将有关情况报告如下：\n一、主要工作\n开展普法活动5场。\n")
    assert md.published == "2025-01-20"


def test_issuing_time_field_is_the_signing_date_and_stands_for_publication_alone():
    both = ("| 索引号:000012345/2025-00321 | |\n| 发文字号: | 发文时间:2024-12-30 |\n| 发文机关:某镇人民政府 | |\n"
            "| 主题分类: | 发布日期:2025-01-06 |\n"
            "2024年，在县委、县政府的领导下，我镇坚持依法行政。现将本年度工作情况报告如下。\n一、主要举措\n开展普法活动6次。\n")
    md = md_of(both)
    assert (md.signed, md.published) == ("2024-12-30", "2025-01-06")
    alone = both.replace("| 主题分类: | 发布日期:2025-01-06 |\n", "")
    md = md_of(alone)
    assert (md.signed, md.published) == ("2024-12-30", "2024-12-30")


def test_street_the_table_files_under_a_new_area_keeps_the_district_it_names():
    # the division table lists 郭家沱街道 under 两江新区; the street's report names only 江北区
    md = md_of("2023年，郭家沱街道在中共重庆市江北区委、区政府的领导下，坚持依法行政。现将有关情况报告如下：\n"
               "一、主要举措\n对照《江北区街镇权力清单》，调整事项清单12项。\n")
    assert (md.jurisdiction, md.level) == ("郭家沱街道", "street")
    assert md.county == "江北区"
    # named once only, in passing: the table's district stays
    md = md_of("2023年，郭家沱街道坚持依法行政，学习江北区经验。现将有关情况报告如下：\n一、主要举措\n调整事项清单12项。\n")
    assert md.county == "两江新区"


def test_a_province_names_a_function_alike_everywhere():
    # Guangdong's city-management bureaus are 城市管理和综合执法局; a short form there means that name
    md = md_of("2023年，我局认真抓好城管系统法治建设，推动执法规范化。现将有关情况报告如下：\n"
               "一、主要举措\n（一）推进法治佛山建设。开展执法培训3次。\n")
    assert md.department == "佛山市城市管理和综合执法局"
    md = md_of("江门市城管局2023年法治政府建设年度报告\n2023年，我局坚持依法行政。现报告如下：\n一、主要举措\n开展执法培训3次。\n")
    assert md.department == "江门市城市管理和综合执法局"
    # elsewhere the lexicon's own full name stays, and a name written in full is kept as written
    md = md_of("株洲市城管局2023年法治政府建设年度报告\n2023年，我局坚持依法行政。现报告如下：\n一、主要举措\n开展执法培训3次。\n")
    assert md.department == "株洲市城市管理局"
    md = md_of("江门市城市管理局2023年法治政府建设年度报告\n2023年，我局坚持依法行政。现报告如下：\n一、主要举措\n开展执法培训3次。\n")
    assert md.department == "江门市城市管理局"


def test_a_shared_pinyin_registered_by_one_city():
    # taian spells 泰安市 and 台安县; taian.gov.cn is the city's, and so are its bureaus' sites
    assert [d.name for d in divisions().from_url("http://scjgj.taian.gov.cn/art/2024/3/1/art_9.html")[0]] == ["泰安市"]
    md = md_of("2023年，我局坚持依法行政，推进市场监管法治建设。现将有关情况报告如下：\n一、主要举措\n"
               "查办案件120件，开展执法培训3次。\n", source="http://scjgj.taian.gov.cn/art/2024/3/1/art_9.html")
    assert (md.jurisdiction, md.department) == ("泰安市", "泰安市市场监督管理局")


def test_short_forms_of_enforcement_and_culture_bureaus():
    from fazhi.understand.attribution.units import full_department
    # 综合执法局 is a 综合行政执法局 where the name bears no 城市管理
    assert full_department("芦淞区综合执法局") == "芦淞区综合行政执法局"
    assert full_department("芦淞区城管局") == "芦淞区城市管理局"
    # 文旅广体局: culture, tourism, broadcasting and sport in that order
    assert full_department("芦淞区文旅广体局") == "芦淞区文化旅游广电体育局"


def test_a_copys_column_name_glued_before_the_title():
    body = "\n2023年，攸县坚持依法行政。现将有关情况报告如下：\n一、主要举措\n审查规范性文件6件。\n"
    src = "http://www.example-copies.com/a/1.html"
    assert md_of("通知公告攸县2023年法治政府建设年度报告" + body, src).title == "攸县2023年法治政府建设年度报告"
    assert md_of("工作动态 | 攸县2023年法治政府建设年度报告" + body, src).title == "攸县2023年法治政府建设年度报告"
    assert md_of("通知公告2023年度法治政府建设工作报告" + body, src).title == "2023年度法治政府建设工作报告"
    # a column named with the title's own words is kept before a year: it may be the title's start
    assert md_of("法治政府建设2023年度工作报告" + body, src).title == "法治政府建设2023年度工作报告"


def test_a_bureau_that_speaks_only_of_its_own_party_committee():
    # never 我局 nor its name: only 局党委 twice, on its district's portal
    text = ("2024年，在区委、区政府的领导下，全区教育法治工作稳步推进。现将有关工作报告如下：\n"
            "一、加强组织领导\n成立法治建设领导小组，局党委每季度研究法治工作一次，形成局党委统筹、学校落实的责任体系。\n")
    md = md_of(text, source="https://yunxiqu.gov.cn/31295/65688/content_9.html")
    assert (md.jurisdiction, md.level) == ("云溪区", "department")
    # said once only: no reading of it
    md = md_of(text.replace("形成局党委统筹", "形成统一"), source="https://yunxiqu.gov.cn/31295/65688/content_9.html")
    assert md.level != "department"


def test_a_year_inside_a_sentence_of_work_done_is_no_plan():
    # no dated opening: the year the tasks were set for is the year of the work, not next year's plan
    md = md_of("一、加强领导\n年初召开全市教育法治工作会议，布置了2021年全市教育系统法治工作重点任务，审查合同30份。\n"
               "二、规范执法\n开展执法检查12次。\n")
    assert md.report_year != 2020
    # a heading of next year's plans still dates the report a year before
    md = md_of("一、加强领导\n召开法治工作会议3次。\n二、规范执法\n开展执法检查12次。\n三、2022年工作打算\n继续推进依法行政。\n")
    assert md.report_year == 2021


def test_a_body_that_speaks_of_this_year_and_writes_one_year():
    body = ("今年以来，我局持续推进依法行政，市场监管法治建设取得新成效。\n一、主要举措\n"
            "印发2023年度党组会前学法清单，全年会前学法10次；在2023年全省执法培训班上作交流发言。\n")
    assert md_of(body).report_year == 2023
    # another year beside it, or a span of years: no reading
    assert md_of(body.replace("全年会前学法10次", "较2022年多学法2次")).report_year is None
    assert md_of(body + "对照2021-2025年法治政府建设规划推进。\n").report_year is None


def test_a_district_branch_under_the_official_name_its_body_writes():
    text = ("天河区公安分局2022年法治政府建设年度报告\n2022年，天河区公安分局坚持依法行政。现将有关情况报告如下：\n"
            "一、主要举措\n按照广州市公安局天河区分局执法规范化方案，开展执法培训6次。\n")
    assert md_of(text).department == "广州市公安局天河区分局"
    # never written so: the name as the page gives it
    assert md_of(text.replace("广州市公安局天河区分局执法", "分局执法")).department == "天河区公安分局"


def test_a_city_portal_under_its_own_name_and_a_county_its_path_spells():
    # yzcity is 永州市's portal; /nyx/ spells 宁远县 within it: the 天堂镇 there, of the five in the table
    md = md_of("天堂镇人民政府关于2023年度法治政府建设工作的报告\n2023年，天堂镇坚持依法行政。现将有关情况报告如下：\n"
               "一、主要举措\n开展普法活动8次。\n", source="http://admin.yzcity.gov.cn:8888/nyx/fzzfjs/202403/abc.shtml")
    assert (md.jurisdiction, md.county, md.city) == ("天堂镇", "宁远县", "永州市")


def test_the_office_of_a_zones_committee_keeps_the_committee_in_its_name():
    md = md_of("珠海高新区管委会办公室2024年度法治政府建设工作情况报告\n2024年，我办坚持依法行政。现将有关情况报告如下：\n"
               "一、主要举措\n审核合同15份。\n")
    assert md.department == "珠海高新区管委会办公室"
    assert md.jurisdiction == "珠海高新区"


def test_a_column_whose_initials_end_like_a_department_names_none():
    # /jhyzj/ is a 计划与总结 column: its tail spells 邮政局's initials, but no place the page names leads
    # them and the report never speaks of the post, so the city's own report stays the city's
    text = ("2023年，全市各级行政机关坚持依法行政，扎实推进法治政府建设。\n一、主要工作及成效\n"
            "（一）依法全面履行政府职能。全市上线政务服务事项2070项，办理行政复议案件85件。\n")
    md = md_of(text, "https://www.jdz.gov.cn/zwgk/fdzdgknr/jhyzj/jhzj/t1234567.shtml")
    assert md.department is None
    assert md.level == "city" and md.jurisdiction == "景德镇市"


def test_the_year_a_heading_gives_with_the_unit_between():
    body = "在区委的领导下，某街道坚持依法行政。现将相关情况报告如下。\n一、2024年南湾街道法治政府建设情况\n（一）强化学习\n一是召开会议6次。\n"
    assert md_of(body).report_year == 2024


def test_a_body_opening_with_its_year_and_since_without_nian():
    body = "2024以来，在区委的领导下，某街道坚持依法行政，召开会议6次。现将相关情况报告如下。\n一、主要工作\n一是召开会议6次。\n"
    assert md_of(body).report_year == 2024


def test_a_city_bureau_branch_named_监管局_is_its_district_s():
    md = md_of("深圳市市场监督管理局南山监管局2024年法治政府建设年度报告\n2024年，我局坚持依法行政，办理行政处罚案件35件。\n"
               "一、主要工作\n一是召开会议6次。\n")
    assert md.level == "department" and md.jurisdiction == "南山区"


def test_a_host_of_a_place_s_initials_and_zf_for_its_government():
    # (zn fits several counties; the town the report names lies in one of them)
    md = md_of("宁安镇2024年法治政府建设工作情况报告\n2024年，宁安镇坚持依法行政，调解纠纷35件。\n一、主要工作\n一是召开会议6次。\n",
               "https://www.znzf.gov.cn/xxgk/zfxxgkml/fzzfjsgzbg/202503/t1.html")
    assert md.level == "township" and md.county == "中宁县"


def test_zone_that_calls_itself_by_its_kind_alone_is_the_zone_its_body_names():
    # no title, no issuer: the body opens with 园区 and names its own plan under the full name
    text = ("2024年，园区坚持依法行政，围绕园区发展大局推进法治建设。\n"
            "一、主要举措\n（一）加强领导。园区党工委研究法治工作4次，修订《常州滨港工业园区法治建设实施方案》。\n"
            "（二）规范执法。开展执法案卷评查2次。\n")
    md = md_of(text, "http://www.example.com/fzjs/202503/a.html")
    assert (md.jurisdiction, md.level, md.department) == ("常州滨港工业园区", None, None)
    assert md.city == "常州市"
    # a body that names two parks of that kind tells no one zone
    two = text.replace("修订《常州滨港工业园区", "学习《常州滨港工业园区").replace(
        "（二）规范执法。", "（二）规范执法。借鉴“扬州临江工业园区”做法。")
    assert md_of(two, "http://www.example.com/fzjs/202503/a.html").jurisdiction != "常州滨港工业园区"
    # a 园区 that is no subject of the opening (我县…，园区建设加快) is a place the report speaks of
    county = text.replace("2024年，园区坚持依法行政，", "2024年，我县坚持依法行政，园区建设加快，")
    assert zone_of_bare_subject(county) is None


def test_body_running_a_zone_under_the_zones_own_name_stands_for_the_zone():
    # a statutory 管理局 that bears the zone's name without its kind, on a site of the city's domain
    text = ("2024年，海澜管理局坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下。\n"
            "一、主要工作\n海澜合作区党工委、海澜管理局党组专题研究法治建设3次。\n")
    md = md_of(text, "https://hl.xm.gov.cn/xxgk/content/post_1234.html")
    assert (md.jurisdiction, md.level, md.department) == ("海澜合作区", None, None)
    assert md.city == "厦门市"
    # a 管理局 whose body names no zone of its name stays a department
    plain = text.replace("海澜合作区党工委、", "")
    assert md_of(plain, "https://hl.xm.gov.cn/xxgk/content/post_1234.html").level == "department"
    # nor does a bureau of a line of work whose stem a zone's name happens to begin with
    assert zone_run_by("城市管理局", "配合城市新区党工委开展联合执法。") is None


def test_initials_a_city_registered_under_gov_cn_name_that_city():
    d = divisions()
    assert [x.name for x in d.from_url("https://qh.sz.gov.cn/a/b.html")[0]] == ["深圳市"]
    assert [x.name for x in d.from_url("http://sfj.xa.gov.cn/x.html")[0]] == ["西安市"]
    # elsewhere the same initials name no one place
    assert not d.from_url("http://www.sz.example.com/x.html")[0]


def test_a_commission_a_municipality_names_by_its_older_name():
    # 北京市 and 上海市 call their transport commission 交通委员会; a site's jtw reads so there
    text = ("2023年，我委坚持依法行政，推进交通运输领域法治建设。现将有关情况报告如下。\n"
            "一、主要工作\n审查行业规范性文件5件，开展执法培训3次。\n")
    assert md_of(text, "https://jtw.beijing.gov.cn/xxgk/2024/t1.html").department == "北京市交通委员会"
    # a province with no such name keeps the lexicon's full name
    assert md_of(text, "https://jtw.cq.gov.cn/xxgk/2024/t1.html").department == "重庆市交通运输委员会"
    # a district bureau (局) is not renamed after the commission
    assert regional("交通运输局", divisions().named("朝阳区")[0]) == "交通运输局"


def test_a_city_body_running_a_central_district_is_a_department_of_the_city():
    # no division and no line of work: the body is known by its own name, its site by 天安门管委
    text = ("2023年，我委坚持以习近平法治思想为指导，服务地区安全稳定，推进依法行政。现将有关情况报告如下。\n"
            "一、主要工作\n组织干部学法4次，审核合同9件。\n")
    md = md_of(text, "https://tamgw.beijing.gov.cn/zwgk/2024/t2.html")
    assert (md.jurisdiction, md.level, md.department) == ("北京市", "department", "北京市天安门地区管理委员会")
    assert parse_unit("北京市天安门地区管委会").department == "天安门地区管理委员会"


def test_zone_named_after_its_province_and_city_run_together_is_named_as_its_body_writes_it():
    # 河北 is a province's short name and a district of 天津市 too: 沧州 after it says which
    text = ("河北沧州渤湾经济开发区管委会2023年度法治政府建设工作报告\n发布于：2024-01-08 10:00\n沧州市人民政府：\n"
            "2023年，渤湾经济开发区坚持依法行政，推进法治建设。现将有关情况报告如下：\n"
            "一、主要工作\n渤湾经济开发区党工委研究法治工作3次，审核合同11件。\n")
    md = md_of(text, "http://www.example.com/tzgg/20240108/1.html")
    assert (md.jurisdiction, md.level, md.city) == ("渤湾经济开发区", None, "沧州市")
    # a body that writes the zone only with its places keeps that name
    whole = text.replace("2023年，渤湾经济开发区", "2023年，河北沧州渤湾经济开发区").replace(
        "\n渤湾经济开发区党工委", "\n河北沧州渤湾经济开发区党工委")
    assert md_of(whole, "http://www.example.com/tzgg/20240108/1.html").jurisdiction == "河北沧州渤湾经济开发区"


def test_bureau_that_compiles_the_laws_of_its_line_names_that_line():
    # no name of its own anywhere: a 局党委, and the law collection it printed for its staff
    text = ("2024年，在区委、区政府的领导下，我们坚持依法行政，推进法治建设。现将有关工作报告如下：\n"
            "一、加强组织领导\n局党委研究法治工作4次，局党委书记带头讲法治课。\n"
            "二、加强学习宣传\n编印了《教育体育法律法规选编》600册，发放到各学校。\n")
    md = md_of(text, "https://yunxiqu.gov.cn/31295/65688/content_1.html")
    assert (md.jurisdiction, md.level, md.department) == ("云溪区", "department", "云溪区教育体育局")
    # a collection of another kind names no line
    other = text.replace("编印了《教育体育法律法规选编》", "编印了《法治宣传手册》")
    assert md_of(other, "https://yunxiqu.gov.cn/31295/65688/content_1.html").department is None


def test_a_town_s_column_named_by_its_initials_and_its_office():
    # (…bsc: 办事处, …rmzf: 人民政府 after the town's own initials, as 目录 or 信息公开 are read)
    for url, town in (("http://www.jiangbei.gov.cn/zqjdbsc/art/1.html", "庄桥街道"),
                      ("http://www.jiangbei.gov.cn/cczrmzf/art/1.html", "慈城镇")):
        assert [d.name for d in divisions().from_url(url)[0]][:2] == [town, "江北区"]
