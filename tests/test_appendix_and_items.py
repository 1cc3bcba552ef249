"""Where parts end: a data appendix after the plan, 一是 paragraphs with no part headings above
them; and 述法 standing alone, which is no report of the first-responsible-person duty."""
from __future__ import annotations

import fazhi
from tests.test_checks import build, findings

_APPENDIX = ("青禾街道2023年法治建设情况报告\n发布时间：2024-01-20\n\n"
             "一、主要工作\n街道审查合同和文件38件，调解纠纷152件，调解成功149件，调解成功率98.0%。"
             "街道主要负责人履行推进法治建设第一责任人职责，主持研究法治工作4次。\n"
             "二、存在的不足\n调解员年龄偏大，原因是年轻人员招录难。\n"
             "三、2024年工作打算\n一是加强调解员培训；二是推进社区法律顾问全覆盖。\n\n"
             "附：2023年主要数据\n（1）执法案件：64件，其中占道类30件、违建类21件、环卫类13件\n"
             "（2）调解纠纷：152件，调解成功149件\n\n"
             "青禾街道办事处\n二〇二四年一月十六日\n")


def test_an_appendix_ends_the_last_part():
    r = fazhi.analyze_text(_APPENDIX)
    plan = next(s for s in r.sections if s.role == "next_year_plan")
    assert plan.end <= _APPENDIX.index("附：")
    assert not any(s.title.startswith(("执法案件", "调解纠纷")) for s in r.sections)
    # the appendix's figures are the year's, not plans: their sums are checked
    fig = next(f for f in r.figures if r.work[f.start:f.end] == "64件")
    assert fig.kind == "count"
    assert not findings(_APPENDIX, "sum_consistency")
    assert findings(_APPENDIX.replace("违建类21件", "违建类24件"), "sum_consistency")
    # a 附 line followed by more parts of the report is no appendix
    middle = _APPENDIX.replace("二、存在的不足", "附：典型案例\n某社区调解纠纷一起。\n二、存在的不足")
    rm = fazhi.analyze_text(middle)
    assert any(s.role == "next_year_plan" and s.end > middle.index("附：2023") for s in rm.sections)


def _first_duty(measures_tail: str) -> bool:
    text = build(measures="（一）规范决策。县政府重大行政决策事项5项全部经过合法性审查，"
                          "审查行政规范性文件21件，提出修改意见36条，制定机关全部采纳。\n"
                          "（二）规范执法。全县开展执法案卷评查，抽查案卷150份，发现并整改问题18个，"
                          "组织执法人员培训4期，培训执法人员620人次。\n" + measures_tail)
    return fazhi.analyze_text(text).required_contents["first_responsibility"].present


def test_shu_fa_alone_does_not_stand_for_the_first_duty():
    assert not _first_duty("（三）年底县长在县委依法治县委员会会议上述法。\n")
    assert not _first_duty("（三）述法评议。组织12个部门负责人述法。\n")
    assert _first_duty("（三）县政府主要负责人年底述法，接受评议。\n")
    assert _first_duty("（三）县长切实履行推进法治建设第一责任人职责。\n")


_ITEMS = ("临川县司法局2022年法治政府建设情况报告\n发布时间：2023-02-10\n\n"
          "　　2022年，县司法局认真落实法治政府建设各项任务。现将有关情况报告如下。\n"
          "　　一是规范合法性审查。全年审查县政府文件26件、合同84份，提出意见113条。\n"
          "　　二是强化执法监督。评查执法案卷210卷，发现问题41个，全部督促整改到位。\n"
          "　　三是深化普法宣传。开展送法下乡活动52场次，发放资料1.2万份。\n"
          "　　局长认真履行推进法治建设第一责任人职责，主持研究法治工作4次。\n"
          "　　工作中还存在一些不足：基层司法所人员偏少。究其原因，编制长期不足。\n"
          "　　2023年，我局将推进司法所规范化建设，开展执法人员轮训。\n\n"
          "临川县司法局\n2023年2月8日\n")


def test_the_last_item_ends_where_the_shortcomings_open():
    r = fazhi.analyze_text(_ITEMS)
    items = [s for s in r.sections if s.style == "一是"]
    assert len(items) == 3
    short = _ITEMS.index("工作中还存在")
    assert items[-1].end <= short
    assert items[0].end == items[1].start
    c = r.required_contents
    assert c["shortcomings"].present and c["next_year_plan"].present and c["first_responsibility"].present


def test_the_paragraph_before_the_plan_opening_the_shortcomings_is_them_in_a_short_report():
    # the items taken out: the shortcomings now stand in the first half of the body
    bare = _ITEMS.replace(_ITEMS[_ITEMS.index("　　一是规范"):_ITEMS.index("　　工作中还存在")], "")
    bare = bare.replace("究其原因，编制长期不足。", "究其原因，一方面司法所编制长期不足，人员多为兼职，"
                        "另一方面基层工作任务繁重，业务培训难以经常开展，新进人员熟悉业务的周期较长。")
    r = fazhi.analyze_text(bare)
    c = r.required_contents
    assert c["shortcomings"].present and c["shortcomings"].start == r.work.index("工作中还存在")
    assert not c["measures"].present
    assert findings(bare, "measures_missing")
    # a paragraph before the plan that tells of work done is no shortcomings part
    done = bare.replace("工作中还存在一些不足：基层司法所人员偏少。", "全年审查县政府文件26件，发现存在问题的5件，均已督促修改。")
    assert not fazhi.analyze_text(done).required_contents["shortcomings"].present


_ONE_HEADING = ("东坪县水利局2023年法治政府建设情况报告\n发布时间：2024-01-30\n\n"
                "　　2023年，县水利局坚持依法治水。现将有关情况报告如下。\n"
                "　　一、主要工作\n"
                "　　（一）规范执法。全年开展河道巡查186次，办理水事违法案件23件，全部按期办结。\n"
                "　　（二）依法决策。局党组会议研究重大事项14项，均经法律顾问审查。\n"
                "　　（三）普法宣传。开展“世界水日”宣传活动8场次，发放资料3000余份。\n"
                "　　局长履行推进法治建设第一责任人职责，主持研究法治工作3次。\n"
                "　　工作中还存在一些不足：执法装备不足，基层巡查力量薄弱。原因是经费有限。\n"
                "　　2024年，我局将推进河湖执法规范化，开展执法人员轮训。\n\n东坪县水利局\n2024年1月26日\n")


def test_unheaded_closing_parts_end_the_last_measures_sub_part():
    r = fazhi.analyze_text(_ONE_HEADING)
    short = r.work.index("工作中还存在")
    assert r.required_contents["shortcomings"].present
    assert r.required_contents["shortcomings"].start == short
    assert all(s.end <= short for s in r.sections)
    assert not findings(_ONE_HEADING, "shortcomings_missing")
