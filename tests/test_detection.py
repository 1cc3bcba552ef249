"""Report detection: an annual report is told from its look-alikes by what the document is.

Every snippet is invented; each imitates one kind of page that real sites publish next to
the reports (news of a meeting, a 范文, a speech to the 人大, a notice, a paper …).
"""
from __future__ import annotations

import pytest

import fazhi

REPORT = ("三台县人民政府关于2023年度法治政府建设情况的报告\n\n"
          "2023年，我县坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下：\n"
          "一、主要举措和成效\n全年审核规范性文件12件。\n二、存在的不足\n执法队伍专业化程度不高。\n"
          "三、2024年工作安排\n继续推进行政执法规范化。\n")


def kind_of(text: str) -> tuple[str, str | None]:
    r = fazhi.analyze_text(text)
    msgs = [f.message for f in r.findings if f.check == "not_a_report"]
    return r.metadata.doc_type, (msgs[0] if msgs else None)


LOOKALIKES = [
    ("news", "新闻", "3月12日上午，盐亭县召开法治政府建设推进会议，各乡镇和县级部门负责人参加。\n"
                     "会议强调，要压实第一责任人职责，确保年度任务落到实处。\n"),
    ("news", "新闻", "本网讯 近日，梓潼县司法局组织开展行政执法案卷评查活动。\n评查共抽取案卷40卷。\n"),
    ("template", "范文", "法治政府建设工作情况报告\n下面是小编为大家整理的法治政府建设工作情况报告，供大家参考。\n"
                       "20xx年，xx县认真落实法治政府建设各项任务，现报告如下：\n"),
    ("npc_report", "人大", "各位代表：\n受省人大常委会委托，我向大会报告工作，请予审议。\n过去一年，常委会依法履职。\n"),
    ("work_report", "政府工作报告", "政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议。\n"),
    ("notice", "通知", "各乡镇人民政府，县级各部门：\n现将《2024年全县法治政府建设工作要点》印发给你们，请认真贯彻落实。\n"),
    ("plan", "工作要点", "三台县2024年法治政府建设工作要点\n一、加强党的领导\n（一）落实第一责任人职责。\n"),
    ("disclosure_report", "政府信息公开", "三台县司法局2023年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n"),
    ("interpretation", "政策解读", "《盐亭县2023年度法治政府建设情况报告》政策解读\n一、起草背景\n"),
    ("paper", "论文", "浅析基层法治政府建设的路径\n摘要：本文从基层执法实践出发，讨论法治政府建设的难点。\n关键词：法治政府；基层\n"),
    ("announcement", "公示", "第三批全省法治政府建设示范地区命名名单\n经评估，以下地区为示范地区。\n"),
    ("rules", "规则", "某县人民政府工作规则\n第一章 总则\n一、为规范政府工作，制定本规则。\n"),
    ("book", "书籍", "内容简介\n本书梳理了某省一年来推进法治建设的进展，并展望下一步工作。\n"),
    ("speech", "讲话", "同志们：\n今天我们召开全县法治政府建设工作会议。下面，我讲三点意见。\n一、认清形势\n"),
    ("news", "媒体报道", "推进法治建设是一项长期任务。6月2日，记者从县司法局获悉，该县今年以来已办理复议案件20件。\n"),
    ("plan", "方案", "为推动依法行政向纵深发展，结合本县实际，制定本方案。\n一、总体要求\n"),
    ("opinion", "意见", "为加快建设法治政府，结合本地实际，现提出如下意见。\n一、总体要求\n"),
    ("rectification", "整改", "三台县关于法治政府建设督察反馈问题整改情况的报告\n一、整改工作开展情况\n"),
    ("other_summary", "工作总结", "三台县统计局2023年工作总结\n2023年，我局认真完成各项统计调查任务。\n"),
    ("other_summary", "行政执法", "2023年，全市行政执法机关严格规范执法。现将全市2023年行政执法工作情况报告如下：\n"
                                 "一、基本情况\n全市共办理行政执法案件1200件。\n"),
    ("other_summary", "复议工作", "关于2023年度三台县行政复议工作的报告\n2023年，全县行政复议机构依法办案。"
                                 "现将2023年度全县行政复议工作汇报如下：\n"),
    ("exam", "试题", "某省发布年度法治政府建设白皮书，群众满意率创新高。\n结合材料，运用所学知识说明法治政府建设的意义。\n"),
    ("announcement", "表彰", "省农业农村厅被表彰为法治政府建设优秀单位\n近日，省委、省政府对年度考核情况进行了通报。\n"),
]


@pytest.mark.parametrize("kind, word, text", LOOKALIKES, ids=[k for k, _w, _t in LOOKALIKES])
def test_lookalike_is_named_in_the_message(kind, word, text):
    got, msg = kind_of(text)
    assert got == kind
    assert msg is not None and "不是法治政府建设年度报告" in msg


def test_the_report_is_a_report():
    assert kind_of(REPORT) == ("report", None)


def test_a_title_less_report_told_by_its_own_account_of_the_year():
    text = "2022年，我镇坚持依法行政，扎实推进法治建设。现将有关情况报告如下：\n一、主要工作\n调解纠纷30起。\n"
    assert kind_of(text)[0] == "report"


def test_a_report_that_mentions_meetings_and_notices_stays_a_report():
    text = REPORT.replace("全年审核规范性文件12件。",
                          "3月召开全县法治政府建设推进会，会议强调压实责任；印发通知12份，全年审核规范性文件12件。")
    assert kind_of(text)[0] == "report"


def test_a_template_titled_like_a_report_is_still_a_template():
    text = REPORT.replace("2023年，我县", "20xx年，xx县")
    assert kind_of(text)[0] == "template"


def test_evidence_of_the_kind_is_kept():
    r = fazhi.analyze_text(LOOKALIKES[0][2])
    assert r.metadata.evidence["doc_type"]["source"] == "body"


def test_a_news_item_that_carries_the_report_in_full_is_the_report():
    text = ("三台县发布2023年法治政府建设年度报告\n某某新闻网讯 三台县日前发布年度报告，具体报告如下：\n"
            "2023年，我县坚持依法行政。现将有关情况报告如下：\n一、主要举措\n")
    assert kind_of(text)[0] == "report"


def test_phrasings_of_real_reports_that_look_like_other_kinds_stay_reports():
    openings = [
        "2023年，我县深入学习贯彻习近平总书记在中央全面依法治国工作会议上的讲话精神，全面推进依法行政。",
        "现将我县落实《法治政府建设实施方案》的情况公布如下。2023年，我县坚持依法行政。",
        "2023年，我局坚持依法行政。现将我局2023年度法治政府建设和行政执法工作情况报告如下：",
    ]
    for opening in openings:
        text = f"三台县2023年度法治政府建设情况报告\n{opening}\n一、主要举措\n全年办理复议案件8件。\n"
        assert kind_of(text)[0] == "report", opening
    dated = "2024年3月29日 来源：三台县司法局\n2023年，全县坚持依法行政。现将有关情况报告如下：\n一、主要举措\n"
    assert kind_of(dated)[0] == "report"


def test_a_report_delivered_to_the_peoples_congress_keeps_its_title():
    text = ("三台县人民政府关于2023年度法治政府建设情况的报告\n主任、副主任、秘书长、各位委员：\n"
            "受县人民政府委托，现将2023年度法治政府建设情况报告如下，请予审议。\n一、主要举措\n")
    assert kind_of(text)[0] == "report"


def test_keywords_in_the_page_furniture_do_not_make_a_paper():
    text = ("三台县人民政府2023年度法治政府建设情况报告\n  • 关键词:法治政府,法治政府建设\n  • 发布日期:2024-03-28\n"
            "2023年，我县坚持依法行政。现将有关情况报告如下：\n一、主要举措\n")
    assert kind_of(text)[0] == "report"


def test_a_survey_a_template_download_and_a_development_report():
    survey = "尊敬的先生/女士：\n现对我市各部门依法行政工作开展满意度测评，您的评价将作为考评依据，请投上您宝贵的一票。\n"
    assert kind_of(survey)[0] == "survey"
    download = "- 约1.95万字\n- 约 19页\n- 举报\n某市法治政府建设方案模板\n一、背景与意义\n"
    assert kind_of(download)[0] == "template"
    assert kind_of("中国法治政府发展报告（2023）\n本报告由某研究院编写。\n")[0] == "research"
    # a report that cites a satisfaction survey stays a report
    text = REPORT.replace("全年审核规范性文件12件。", "全年审核规范性文件12件，群众满意度调查显示满意率达95%。")
    assert kind_of(text)[0] == "report"
