"""Report detection: an annual report is told from its look-alikes by what the document is.

Every snippet is invented; each imitates one kind of page that real sites publish next to
the reports (news of a meeting, a 范文, a speech to the 人大, a notice, a paper …).
"""
from __future__ import annotations

import pytest

import fazhi
from fazhi.understand.doctype import classify_title

REPORT = ("三台县人民政府关于2023年度法治政府建设情况的报告\n\n"
          "2023年，我县坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下：\n"
          "一、主要举措和成效\n全年审核规范性文件12件。\n二、存在的不足\n执法队伍专业化程度不高。\n"
          "三、2024年工作安排\n继续推进行政执法规范化。\n")


def kind_of(text: str) -> tuple[str, str | None]:
    r = fazhi.analyze_text(text)
    msgs = [f.message for f in r.findings if f.check == "not_a_report"]
    return r.metadata.doc_type, (msgs[0] if msgs else None)


LOOKALIKES = [
    ("meeting_news", "会议新闻", "3月12日上午，盐亭县召开法治政府建设推进会议，各乡镇和县级部门负责人参加。\n"
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
    ("news", "新闻报道", "推进法治建设是一项长期任务。6月2日，记者从县司法局获悉，该县今年以来已办理复议案件20件。\n"),
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
    assert msg is not None and "不是法治政府建设年度报告" in msg and word in msg


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


_WRAPPED_BODY = ("2023年，桐溪县林业局坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下。\n"
                 "一、主要举措和成效\n（一）加强组织领导。局党组专题研究法治工作3次。\n（二）规范执法。开展执法检查9次。\n"
                 "二、存在的不足\n执法人员专业化程度不高。\n三、2024年工作安排\n继续推进依法行政。\n")


@pytest.mark.parametrize("wrap", [
    # a news lead telling that the unit published its report, and no 全文如下
    "桐溪县林业局公布2023年度法治政府建设情况\n本报讯（记者 周一）近日，桐溪县林业局对外公开了年度法治政府建设情况报告。\n",
    # a news headline and the reporter's line only
    "桐溪县林业局：2023年法治建设取得新进展\n（记者 周一 通讯员 吴二）\n",
    # a lead that says 全文如下 after a comma
    "新闻中心\n桐溪县林业局发布年度报告\n来源：桐溪日报\n日前，桐溪县林业局公布了2023年度法治政府建设工作报告，全文如下。\n",
])
def test_a_news_item_whose_body_is_the_report_itself_is_the_report(wrap):
    assert kind_of(wrap + _WRAPPED_BODY)[0] == "report"


def test_a_news_item_whose_body_goes_on_in_the_reports_own_parts_is_the_report():
    # no 报告如下 in the body: its parts, measures and then shortcomings, are the report's own
    body = _WRAPPED_BODY.replace("现将有关情况报告如下。", "")
    lead = "桐溪县林业局公布2023年法治政府建设情况\n本报讯 近日，桐溪县林业局公开了年度法治政府建设情况报告。\n"
    assert kind_of(lead + body)[0] == "report"
    # a news account told in points of its own stays news
    points = ("桐溪县林业局推进法治建设见成效\n本报讯 近日，记者从桐溪县林业局获悉，该局今年以来多措并举推进法治建设。\n"
              "一是强化学习，组织干部学法4次。二是规范执法，开展执法检查9次。\n")
    assert kind_of(points)[0] != "report"


def test_meeting_news_about_a_report_stays_news():
    # the news tells of the meeting and quotes the report's figures; it never speaks in its voice
    text = ("桐溪县召开法治政府建设工作会议\n来源：桐溪日报 记者 周一\n3月20日，桐溪县召开法治政府建设工作会议，"
            "总结2023年工作，部署今年任务。会议指出，2023年全县审查规范性文件56件。县长周明出席会议并讲话，"
            "要求各部门压实责任。副县长吴二主持会议。\n")
    assert kind_of(text)[0] == "meeting_news"
    # a passing 今年以来 is no news lead: a blanked sample's 报告如下 stays the sample it is
    sample = ("根据会议安排，现将全县法治政府建设情况报告如下，请予审议。\n一、主要工作成效\n今年以来，**县政府坚持依法行政，"
              "制定《**县县法治政府建设实施方案》。\n")
    assert kind_of(sample)[0] != "report"


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


# Openings of look-alikes without a title (the page lost it, or the title finder passed over
# it), one per kind of page and phrasing; each must be told by what it is, not by its title.
UNTITLED_LOOKALIKES = [
    ("meeting_news", "为进一步压实法治建设责任，4月18日，桐溪县召开全县法治政府建设工作推进会。县委副书记、县长周明"
                     "出席会议并讲话。\n会议通报了2023年度考核情况，安排部署了今年重点任务。会议要求，各乡镇、各部门要"
                     "对照年度要点，细化工作措施。\n"),
    ("news", "近年来，桐溪县坚持把法治政府建设作为一项基础性工程来抓，依法行政水平不断提高。“我们把每一份规范性文件"
             "都放到阳光下审查。”县司法局负责人介绍说。该县去年共审查各类文件86件。\n"),
    ("news", "今年以来，桐溪县多措并举推进法治政府建设，取得明显成效。一是强化组织领导，二是规范执法行为，三是深化"
             "普法宣传。下一步，该县将继续抓好各项任务落实。\n"),
    ("news", "记者从桐溪县司法局了解到，该县2023年行政复议案件纠错率较上年下降4个百分点，负责人出庭应诉率保持100%。"
             "\n县司法局相关负责人表示，下一步将持续深化行政复议体制改革。\n"),
    ("meeting_news", "3月26日下午，县长周明主持召开县政府第28次常务会议，审议并原则通过了《桐溪县2023年度法治政府建设"
                     "情况报告》，研究了城区停车管理等事项。\n会议指出，法治政府建设是一项系统工程。\n"),
    ("news", "《桐溪县2023年度法治政府建设情况报告》日前在县政府网站公开。报告显示，全县去年办理行政复议案件43件，"
             "比上年增长两成。\n"),
    ("plan", "2024年全县法治政府建设工作的总体要求是：以习近平法治思想为指导，全面落实实施纲要，为全县高质量发展提供"
             "法治保障。\n一、加强党的领导\n1.落实第一责任人职责。各乡镇、各部门主要负责人要切实履行职责。\n"),
    ("plan", "一、指导思想\n以习近平法治思想为指导，坚持依法行政，全面提升政府治理法治化水平。\n二、工作目标\n"
             "到2025年，基本建成职能科学、权责法定的法治政府。\n三、主要任务\n（一）依法全面履行政府职能。\n"),
    ("plan", "为贯彻落实《法治政府建设实施纲要（2021—2025年）》，结合本局实际，制定本实施方案。\n一、总体目标\n"
             "到2025年，全局依法行政能力明显提升。\n"),
    ("notice", "各乡镇人民政府，县政府各部门：\n《桐溪县2024年法治政府建设工作要点》已经县政府同意，现印发给你们，"
               "请结合实际认真抓好落实。\n桐溪县人民政府办公室\n2024年3月5日\n"),
    ("notice", "县直各单位：\n根据省委依法治省办有关要求，现就做好2023年度法治政府建设年度报告报送和公开工作通知如下："
               "\n一、报送时间\n各单位于2024年2月底前报送。\n二、公开要求\n报告应于4月1日前公开。\n特此通知。\n"),
    ("disclosure_report", "本报告根据《中华人民共和国政府信息公开条例》编制，包括总体情况、主动公开政府信息情况、收到和处理"
                          "政府信息公开申请情况等部分。\n一、总体情况\n2023年，我局认真贯彻政府信息公开条例。\n"),
    ("work_report", "各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。\n一、2023年工作回顾\n"
                    "过去一年，全县经济运行稳中向好。\n"),
    ("npc_report", "主任、副主任、各位委员：\n根据县人大常委会2024年工作要点安排，常委会组成调研组，对全县法治政府建设"
                   "情况开展了专题调研。现将调研情况报告如下：\n一、基本情况\n"),
    ("interpretation", "一、起草背景\n根据督察工作规定，县政府每年应向县委、县人大常委会报告上一年度法治政府建设情况，"
                       "并向社会公开。\n二、主要内容\n《报告》共分四个部分。\n"),
    ("speech", "本人2023年度述法报告\n2023年，本人作为县交通运输局主要负责人，认真履行推进法治建设第一责任人职责。"
               "现将本人履职情况报告如下：\n一、学法用法情况\n"),
    ("paper", "摘要：法治政府建设是全面依法治国的重点任务。本文以西部一个省为例，分析县级政府面临的困境，提出对策。\n"
              "关键词：法治政府；县级政府；依法行政\n一、问题的提出\n"),
    ("template", "法治政府建设年度报告（精选3篇）\n法治政府建设年度报告篇一\n20XX年，我县在县委的坚强领导下，认真"
                 "贯彻落实法治政府建设各项部署。现将有关情况报告如下：\n"),
    ("yearbook", "【法治政府建设】2022年，桐溪县审核规范性文件18件，办理行政复议案件43件。\n【普法宣传】全年开展"
                 "普法活动120余场。\n【人民调解】全县调解矛盾纠纷2100余件。\n"),
    ("letter", "致全县广大市民朋友的一封信\n广大市民朋友们：\n法治政府建设关系千家万户。为争创全国法治政府建设示范县，"
               "我们诚挚地邀请您参与群众满意度调查。\n"),
    ("letter", "全县广大干部职工：\n为营造尊法学法守法用法的良好氛围，我们向全县干部职工发出如下倡议：\n"
               "一、带头学法。\n"),
    ("exam", "阅读材料，回答问题。\n一个县在法治政府建设中推行“一窗受理”改革，群众办事更加方便。\n（1）结合材料，"
             "说明该县是如何推进法治政府建设的。（6分）\n"),
    ("announcement", "经申报、初审、实地评估，拟命名以下地区为第三批省级法治政府建设示范地区，现予以公示。公示期为"
                     "2024年6月1日至6月7日。如有异议，请在公示期内反映。\n"),
    ("other_summary", "2023年，我局在县委、县政府的坚强领导下，紧紧围绕全年目标任务，扎实做好统计调查和数据质量各项工作，"
                      "圆满完成了年度任务。现将2023年工作总结如下：\n一、主要工作成效\n"),
    ("template", "2023年度法治政府建设工作总结（通用5篇）\n总结是对一段时间工作的回顾。以下是小编整理的内容，希望对您"
                 "有所帮助。\n"),
    ("interpretation", "一图读懂|桐溪县2023年度法治政府建设情况报告\n2023年，桐溪县法治政府建设取得了哪些成绩？一起来看！\n"),
    ("exam", "材料一：2023年，一个市发布法治政府建设年度报告，公开全年行政复议案件办理情况。\n问题：根据材料一，说明"
             "政府信息公开的意义。\n"),
    ("plan", "（一）健全依法决策机制。严格落实重大行政决策程序规定，年内公布决策事项目录。（责任单位：县政府办公室、"
             "县司法局）\n（二）加强规范性文件监督管理。全面落实合法性审核机制。（牵头单位：县司法局）\n"),
    ("disclosure_report", "一、总体情况\n2023年，县交通运输局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实做好"
                          "政府信息公开工作。\n（一）主动公开\n全年主动公开政府信息156条。\n（二）依申请公开\n"
                          "全年共收到政府信息公开申请3件。\n"),
    ("interpretation", "问：年度报告主要包括哪些内容？\n答：报告包括主要举措和成效、存在的不足、下一年的打算等部分。\n"
                       "问：报告什么时候公开？\n答：每年4月1日前在政府网站公开。\n"),
    ("news", "编者按：法治政府建设是一项系统工程。本期我们走进桐溪县，看看这个山区县的做法。\n图为县行政服务中心办事"
             "大厅。\n"),
    ("speech", "一年来，我始终把推进法治建设第一责任人职责扛在肩上，带头学法用法，重大事项坚持集体研究。\n一、学法用法"
               "情况\n"),
    ("npc_report", "县十八届人大常委会第十五次会议听取了县人民政府关于2023年度法治政府建设情况的报告，现提出如下审议意见："
                   "\n一、进一步压实责任\n"),
    ("paper", "三 创建工作的成效\n2016年，市委提出用三年时间建成法治示范市的目标[2]。此后，市政府确定六大工程，逐项推进"
              "落实[3]。\n"),
    ("npc_report", "根据常委会2023年监督工作计划，5月至6月，执法检查组分三个小组赴各乡镇开展检查，常委会组成人员参加。"
                   "现将检查情况报告如下：\n一、基本情况\n"),
    ("other_summary", "2024年上半年，县司法局围绕年初确定的目标任务，扎实推进各项工作。现将上半年工作总结如下：\n"),
    ("paper", "基层政府法治建设报告的文本分析\n王一鸣\n（西山大学 法学院，南州 310000）\n年度报告制度实施以来，"
              "各地报告质量参差不齐，本文选取若干份报告进行比较。\n"),
    ("yearbook", "一级目：政治\n二级目：法治\n【概况】 2021年，全县政法各部门坚持稳中求进，法治保障有力。\n"),
    ("news", "“以前办证要跑好几趟，现在一次就办成了。”正在窗口办事的市民李先生说。今年，桐溪县把行政审批事项全部纳入"
             "政务服务中心，办事时间平均缩短一半。\n"),
    ("article", "专项工作报告的听取和审议\n人大常委会研究室副主任 林平\n听取和审议专项工作报告，是人大常委会行使监督职权"
                "的基本形式，各地在实践中积累了不少经验。\n"),
    ("other_summary", "为增强全民法治观念，我单位在2024年度积极开展普法宣传教育，取得了较好成效。现将本年度普法工作情况总结"
                      "如下：\n一、工作开展情况\n"),
    ("npc_report", "过去一年，常委会坚持正确政治方向，依法行使立法权、监督权。常委会组成人员深入基层调研，常委会全年审议"
                   "地方性法规草案12件。\n"),
    ("rectification", "按照省委第三督察组反馈意见，我县高度重视，立即组织整改。现将法治政府建设督察反馈问题整改落实情况"
                      "报告如下：\n一、整改工作总体情况\n"),    # a bureau's summary of all its year's work: nothing above its first part names the rule of law
    ("other_summary", "2023年，桐溪县农业农村局在县委、县政府的坚强领导下，真抓实干，各项工作取得新进展，全年获省级表彰"
                      "3项。\n\n一、2023年工作情况\n（一）粮食生产稳中有增。全年播种面积12万亩。\n"),
    ("other_summary", "今年以来，我局紧扣年度目标，统筹推进城市管理和执法改革，各项工作有序开展。\n一、主要工作成效\n"
                      "（一）市容环境持续改善。\n"),
    # a line of work named with what was done in it (整治, 优化提升) before 工作总结如下
    ("other_summary", "今年本市营商环境评价排名上升两位，但企业满意度仍然偏低。现将2023年营商环境优化提升工作总结如下。\n"
                      "一、提高站位，压实责任\n"),    # the answer to a member's proposal: addressed to the member, what was proposed received and answered
    ("reply", "李华委员：\n您提出的《关于推进乡镇综合执法规范化的提案》收悉。经认真研究，现答复如下：\n"
              "一、关于充实执法力量\n2024年，我局已为各乡镇配备执法人员46名。\n"),
    # figures set out as a feature's bullets under 数说…
    ("interpretation", "数说2023年桐溪法治政府建设\n120件——全年审核规范性文件\n36场——领导干部学法讲座\n"),
    # a press conference's transcript
    ("news", "主持人：\n各位记者朋友，大家上午好！今天我们请县司法局介绍2023年度全县法治政府建设情况。\n王华：\n"
             "2023年，全县审核规范性文件120件。\n"),
    # one official's account of their own first responsibility, no 述法 said
    ("speech", "2023年，我作为镇党委书记，始终把推进法治建设摆在重要位置，重大事项坚持集体研究。现将履行推进法治建设"
               "第一责任人职责情况报告如下：\n一、带头学法\n"),
    # a self-inspection before an assessment, told by its method and its own score
    ("self_check", "根据市委依法治市办考核通知要求，我县对照考核细则逐项自查，自查得分95分。现将有关情况报告如下：\n"
                   "一、组织领导\n"),
    # an account delivered to visiting inspectors
    ("speech", "尊敬的督察组各位领导：\n首先，我代表县委、县政府对督察组一行来我县检查指导表示热烈欢迎！下面，我将全县"
               "法治政府建设情况汇报如下：\n一、基本情况\n"),
    # a column listing the reports with their dates
    ("listing", "2023年度法治政府建设情况报告\n桐溪县水利局2023年度法治政府建设情况报告  2024-03-01\n"
                "桐溪县民政局2023年度法治政府建设情况报告  2024-02-28\n桐溪县文旅局2023年度法治政府建设情况报告"
                "  2024-02-26\n"),
]


@pytest.mark.parametrize("kind, text", UNTITLED_LOOKALIKES, ids=[f"{k}{i}" for i, (k, _t) in
                                                                  enumerate(UNTITLED_LOOKALIKES)])
def test_an_untitled_lookalike_is_told_by_what_it_is(kind, text):
    assert kind_of(text)[0] == kind


# Real reports that must not be rejected: no title, only an opening or a middle page, a
# mention of a meeting or a plan, an opening maxim, an addressee line.
REPORT_TRAPS = [
    "2023年，桐溪县人民政府坚持以习近平法治思想为指导，扎实推进法治政府建设，各项工作取得积极成效。\n"
    "一、主要举措和成效\n（一）加强党的领导。县政府常务会议专题研究法治政府建设4次。\n",
    "县委、县政府：\n2023年，县交通运输局在县委、县政府的正确领导下，全面推进依法行政。现将我局2023年度法治政府"
    "建设情况报告如下：\n一、主要举措和成效\n",
    "（三）规范行政执法行为。全年开展行政执法案卷评查2次，抽查案卷120卷，纠正执法不规范问题18个。\n（四）强化"
    "行政权力监督。全年办理人大代表建议56件。\n二、存在的不足和原因\n执法人员专业能力有待提高。\n",
    "法治是治国理政的基本方式。2023年，桐溪县坚持依法行政，县政府召开常务会议研究法治工作6次。3月15日，县政府"
    "召开全县法治政府建设工作会议，会议强调压实责任。\n",
    "2023年是全面贯彻党的二十大精神的开局之年。一年来，县司法局坚持以习近平法治思想为指导，推进法治政府建设取得"
    "新进展。现将有关情况报告如下：\n",
    "市人民政府：\n2023年，我区深入学习贯彻习近平法治思想，以示范创建为抓手，全面推进依法行政。现将2023年度"
    "法治政府建设情况报告如下。\n一、主要举措\n",
    "2023年，山川省委、省政府坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，扎实推进"
    "法治政府建设。\n一、坚持党的全面领导\n省政府常务会议审议通过年度法治政府建设工作要点，命名第二批示范地区。\n",
    "2023年，县政府严格落实重大行政决策程序。县委常委会会议和县政府常务会议先后6次专题研究法治政府建设，审定年度"
    "工作要点。现将有关情况报告如下：\n",
    "2023年，我(wǒ)县(xiàn)坚(jiān)持依法行政。现(xiàn)将有关情况报(bào)告如下：\n一、主要举措和成效\n",    # a year's-work first part under an opening that names the subject
    "2023年，桐溪县交通运输局坚持依法行政，扎实推进法治政府部门建设，各项工作取得新成效。\n一、2023年工作情况\n"
    "（一）落实第一责任人职责。\n",    # a plain opening and a generic first part, the rule of law named in the part under it
    "2023年，桐溪县农业农村局在县委、县政府的坚强领导下，紧紧围绕年度目标任务，各项工作取得新成效。\n"
    "一、2023年工作开展情况\n（一）落实法治建设第一责任人职责。局主要负责人专题研究法治工作3次。\n",
    # a page opening at the report's first part, no title and no year
    "一、工作开展情况\n（一）坚持党的领导，压实法治建设政治责任。政府主要负责人专题研究法治工作5次，组织学法12次。\n",
    # a report whose page links one earlier report with its date
    "桐溪县2023年度法治政府建设情况报告\n2023年，我县坚持依法行政。现将有关情况报告如下：\n一、主要举措和成效\n"
    "全年审核规范性文件9件。\n相关链接：\n桐溪县2022年度法治政府建设情况报告 2023-03-02\n",
    # a report told in questions and answers that says so of itself
    "本报告以问答方式向公众说明我局2023年法治政府建设情况。\n一、去年做了哪些工作？\n问：局长怎样履行第一责任人职责？\n"
    "答：局长主持研究法治工作4次。\n问：执法情况如何？\n答：全年办理行政处罚案件86件。\n",
]


@pytest.mark.parametrize("text", REPORT_TRAPS, ids=[f"trap{i}" for i in range(len(REPORT_TRAPS))])
def test_a_real_report_without_its_title_stays_a_report(text):
    assert kind_of(text)[0] == "report"


def test_the_message_names_the_kind_and_the_words_it_rests_on():
    _kind, msg = kind_of(UNTITLED_LOOKALIKES[0][1])
    assert msg.startswith("这是一篇会议新闻，不是法治政府建设年度报告")
    assert "依据：" in msg


def test_an_untitled_page_with_no_mark_of_a_report_is_not_taken_for_one():
    text = ("各地坚持以习近平法治思想为指导，推进依法行政，法治政府建设取得新进展，依法治理水平不断提高。\n"
            "（二）深化政务公开\n持续推进决策、执行、管理、服务、结果公开。\n")
    assert kind_of(text)[0] == "unknown"
    # the same words under a report's title are a report
    assert kind_of("桐溪县2023年度法治政府建设情况报告\n" + text)[0] == "report"


def test_a_headline_that_is_not_in_a_reports_form_is_news():
    text = ("桐溪县多措并举推进法治政府建设提质增效\n近年来，桐溪县把法治政府建设摆在突出位置，依法行政水平不断提升，"
            "群众满意度逐年提高。\n")
    assert kind_of(text)[0] == "news"
    # a report page that opens at a numbered heading keeps its heading out of the headline
    page = "一、推进法治政府建设的主要举措和成效\n2023年，我局坚持依法行政，全年办理行政复议案件12件。\n"
    assert kind_of(page)[0] == "report"


def test_one_passing_mark_of_a_report_does_not_outweigh_a_news_item():
    text = "在全省法治政府建设考核中，我县位列第一。据悉，这是全县连续第三年获此殊荣。\n"
    assert kind_of(text)[0] == "news"


def test_a_news_headline_that_names_the_report_is_not_a_report_title():
    text = ("桐溪县2023年度法治政府建设情况报告发布会举行\n3月28日，桐溪县召开新闻发布会，介绍2023年度法治政府建设"
            "情况。县司法局负责人表示，全县行政复议纠错率明显下降。\n")
    assert kind_of(text)[0] in ("news", "meeting_news")


def test_a_page_about_nothing_of_the_kind_is_unknown_with_its_own_message():
    got, msg = kind_of("本店经营各类办公用品，欢迎新老客户惠顾。\n营业时间：每日九点至晚上九点。\n")
    assert got == "unknown"
    assert msg.startswith("看不出这是法治政府建设年度报告")


def test_a_title_that_names_another_annual_report_decides():
    text = REPORT.replace("三台县人民政府关于2023年度法治政府建设情况的报告", "三台县人民政府2023年政府信息公开工作年度报告")
    assert kind_of(text)[0] == "disclosure_report"


def test_a_body_that_plainly_reads_as_a_report_outweighs_a_plan_title_taken_from_the_page():
    text = REPORT.replace("三台县人民政府关于2023年度法治政府建设情况的报告", "三台县2024年法治政府建设工作要点")
    assert kind_of(text)[0] == "report"


def test_every_kind_has_a_name_and_a_measure_word():
    from fazhi.data import load

    data = load("doctypes.toml")
    kinds = data["kinds"]
    used = {r["type"] for r in data["title_rule"]} | {r["kind"] for r in data["signal"]} | \
        {r["to"] for r in data.get("refine", [])}
    assert used <= set(kinds)
    assert all(v["zh"] and v["count"] for v in kinds.values())


# Pages that open like a report but are written about a unit by someone else, or are
# another body's account of its year: each told by who speaks, the title's genre, the page's
# furniture or the body that reports (all invented).
WRITTEN_ABOUT_OR_BY_OTHERS = [
    ("news", "2023年，桐溪县坚持以习近平法治思想为指导，扎实推进法治政府建设。记者从县司法局了解到，全县去年"
             "办理行政复议案件43件。\n"),
    # a newspaper as the page's source is a hint (reposted reports carry it too), with a second one
    ("news", "2023年，桐溪县坚持依法行政，法治政府建设取得新成效。\n如今，全县规范性文件全部经过合法性审核。\n"
             "来源：山川日报\n"),
    ("news", "2023年，桐溪县深入推进法治政府建设。“过去要跑三趟，现在一趟就办成了。”在政务服务中心办事的王女士说。"
             "“每一份文件都要经过合法性审核。”县司法局负责人说。\n"),
    ("news", "今年以来，桐溪县坚持依法行政，法治政府建设稳步推进。该县把合法性审核作为决策的必经程序，"
             "今年共审核文件60余件。同时，该县推行行政执法“三项制度”，执法行为更加规范。\n"),
    ("experience", "桐溪县推进法治政府建设的经验做法\n2023年，桐溪县坚持以习近平法治思想为指导，聚焦重点领域，"
                   "探索出一条山区县法治政府建设的新路子。\n一、高位推动\n"),
    ("news", "法润山城 善治桐溪\n——桐溪县法治政府建设工作纪实\n近年来，桐溪县坚持以习近平法治思想为指导，"
             "全面推进依法行政。\n"),
    ("template", "法治政府建设工作总结\n【篇一】\n今年以来，我局坚持依法行政，全面推进法治政府建设。现将有关情况"
                 "总结如下：\n【篇二】\n2023年，我镇在县委、县政府的领导下推进依法行政。\n"),
    ("template", "2023年，某某县坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n"
                 "一、主要举措和成效\n（一）某某局全年办理行政复议案件若干件。\n"),
    ("yearbook", "依法行政\n2023年，县政府审核规范性文件18件，办理行政复议案件43件，组织行政执法人员培训4期。"
                 "（撰稿：李明）\n"),
    ("book", "第三章 县级法治政府建设\n本章梳理了西部一个县推进法治政府建设的做法。2023年，该县审核规范性文件18件，"
             "办理行政复议案件43件。\n"),
    ("court_report", "桐溪县人民法院工作报告\n各位代表：\n现在，我代表县人民法院向大会报告工作，请予审议。\n"
                     "2023年，全院共受理各类案件5600件，审结5400件。\n"),
    ("cppcc_report", "各位委员：\n受政协桐溪县第十届委员会常务委员会委托，我向大会报告工作，请予审议。\n"
                     "2023年，县政协坚持团结和民主两大主题。\n"),
    ("other_summary", "2023年，我局坚持以习近平法治思想为指导，认真落实普法责任制。现将2023年普法依法治理工作总结如下：\n"
                      "一、主要工作\n全年开展普法活动60余场。\n"),
    ("other_summary", "桐溪县司法局2023年普法依法治理工作总结\n2023年，我局深入开展法治宣传教育，全年开展普法活动60余场。"
                      "\n"),
    ("speech", "2023年，本人作为县交通运输局主要负责人，坚持依法行政。现将本人2023年度履行推进法治建设第一责任人职责"
               "述法报告如下：\n一、学法用法情况\n"),
    ("speech", "县交通运输局局长2023年度履行推进法治建设第一责任人职责情况报告\n2023年，我坚持学法用法，带头依法决策。"
               "\n"),
    ("meeting_news", "压实责任，抓住关键少数！桐溪县推动述法评议落地落实\n"
                     "为推动领导干部带头尊法学法守法用法，切实履行推进法治建设第一责任人职责，3月4日，桐溪县委依法治县办"
                     "组织召开年度述法评议会议。\n会上，5个单位主要负责人现场述法。\n"),
    ("other_summary", "桐溪县“八五”普法与依法治县工作总结\n2023年，我县的普法和依法治县工作在县委的领导下，"
                      "扎实推进，取得了较好成效。\n一、夯实工作基础\n"),
    ("template", "××年，我县在县委、县政府的坚强领导下，全面推进依法行政，法治政府建设取得新成效。现将有关情况报告如下：\n"
                 "一、主要举措和成效\n"),
    ("news", "2023年，桐溪县坚持以习近平法治思想为指导，扎实推进法治政府建设，全面推进依法行政。\n"
             "近年来，桐溪县把合法性审核作为政府决策的必经程序，文件质量明显提升。\n"
             "如今，在桐溪县政务服务中心，群众办事平均只需跑一次。\n"),
    ("experience", "2023年，桐溪县坚持以习近平法治思想为指导，推进法治政府建设。\n一、主要做法\n"
                   "（一）高位推动。县政府常务会议专题研究法治政府建设。\n二、取得成效\n群众满意度明显提升。\n"
                   "三、经验启示\n法治政府建设必须坚持党的领导。\n"),
    ("court_report", "2023年，全院坚持以习近平法治思想为指导，依法履行审判职能。我院共受理各类案件5600件，审结5400件。"
                     "全市法院行政案件一审服判息诉率保持较高水平。\n"),
    ("other_summary", "桐溪县司法局2023年工作总结\n2023年，县司法局坚持以习近平法治思想为指导，全面履行法治建设职能。"
                      "现将全年工作总结如下：\n一、主要工作\n全年办理行政复议案件43件，开展普法活动60余场。\n"),
    ("other_summary", "2023年，县司法局坚持以习近平新时代中国特色社会主义思想为指导，全面履行司法行政职能。现将2023年工作"
                      "总结及2024年工作计划报告如下：\n一、2023年工作开展情况\n（一）法治建设统筹推进。\n"),
    ("self_check", "根据县委依法治县办关于做好迎接法治政府建设督察工作的通知要求，县城市管理局认真对照督察内容开展"
                   "自查，现将有关工作自查情况报告如下：\n一、依法行政制度建设方面\n"),
    ("news", "山川省生态环境厅制定了《2024年法治建设工作方案》\n为做好法治政府建设相关工作，山川省生态环境厅近日"
             "制定了年度法治建设工作方案。《方案》共分为五个部分，第一部分是加强党的领导。\n"),
    ("news", "山川省卫生健康委发布2023年度法治政府建设报告\n山川省卫生健康委日前发布《2023年度法治政府建设工作报告》"
             "（以下简称《报告》）。《报告》指出，2023年全省卫生健康法治工作取得新成效。《报告》提出，要持续完善"
             "执法机制。\n"),
    # the news item that carries another document in full is that document, not a report
    ("plan", "《桐溪县法治政府建设实施方案（2024—2026年）》出台\n近日，县委、县政府印发了《桐溪县法治政府建设实施"
             "方案（2024—2026年）》。《桐溪县法治政府建设实施方案（2024—2026年）》全文如下。\n一、总体要求\n"),
    ("template", "2023年，A县坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n"
                 "一、主要举措和成效\n"),
    ("template", "2023年，某县人民政府坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n"
                 "一、主要举措和成效\n"),
    ("translation", "2023年、桐溪県司法局は習近平法治思想を指導とすることを堅持し、法治政府建設を全力で推進する。"
                    "現在、2023年の法治政府建設状況を以下に報告する。\n一、主な取り組みと成果\n"),
    ("other_summary", "中共桐溪县委关于2023年度法治建设工作情况的报告\n2023年，县委坚持以习近平法治思想为指导，统筹推进"
                      "法治桐溪建设。现将有关情况报告如下：\n"),
    ("other_summary", "我受县人民政府委托，向县人大常委会报告2023年度县本级预算执行和其他财政收支的审计情况，请予审议。\n"
                      "2023年，县审计局坚持依法审计，全年完成审计项目32个。\n"),
    ("news", "县应急管理局局长：\n2023年，我们向全县人民交出了一份满意的答卷。2024年，我们将围绕防灾减灾救灾能力提升，"
             "实现安全再稳定、应急再提升。\n"),
    ("template", "2023年，我镇深入推进依法行政，全年审核规范性文件XX件，开展普法活动*次，组织执法人员培训XX人次。\n"
                 "一、主要举措和成效\n"),
    ("article", "一、背景概述\n随着法治建设的不断深入，县级政府依法行政水平持续提升。\n二、主要举措\n"
                "- 目标：提高依法行政水平\n- 措施：完善决策机制\n- 成效：群众满意度提升\n三、结语\n"),
    ("paper", "县级法治政府建设的实践路径\n作者单位：西山大学法学院\n基金项目：省社科规划项目\n"
              "2023年，各地持续推进法治政府建设，县级政府依法行政水平不断提升。\n"),
    ("paper", "摘要从基层实践出发，讨论乡镇政府依法行政的制度短板与完善路径。\n注：因版权方要求，不能公开全文，"
              "如需全文，请咨询杂志社。\n西山农业学院学报，月刊，本刊重视学术导向。\n"),
    ("template", "增强依法行政推进法治政府建设意见\n前言：本站为你精心整理了增强依法行政推进法治政府建设意见，希望能为你的"
                 "创作提供参考价值。\n2023年，我区坚持依法行政。\n"),
    ("other_summary", "2023年，县司法局坚持以习近平法治思想为指导，深入实施“八五”普法规划，全县普法依法治理工作取得新成效。"
                      "现将有关情况总结如下：\n一、主要工作\n"),
    ("npc_report", "2023年，县人大常委会坚持以习近平新时代中国特色社会主义思想为指导，依法行使监督权，全年听取和审议"
                   "专项工作报告12项，开展执法检查4次。\n"),
    ("cppcc_report", "2023年，县政协坚持团结和民主两大主题，全年组织协商议政活动12次，提交提案186件，立案168件。\n"),
    ("court_report", "2023年，县人民检察院坚持以习近平法治思想为指导，全年共受理审查逮捕案件120件，提起公诉300人，办理"
                     "公益诉讼案件45件。\n"),
    ("other_summary", "2023年，县委坚持以习近平法治思想为指导，认真履行全面依法治县领导职责，统筹推进法治桐溪、法治政府、"
                      "法治社会一体建设。现将有关情况报告如下：\n"),
    ("meeting_news", "桐溪县召开法治政府建设示范创建工作推进会，县长主持，各乡镇和县级部门主要负责人参加。会上，县司法局通报"
                     "了创建工作进展。\n"),
    ("interpretation", "2023年，桐溪县法治政府建设取得新进展。该报告总结了全县一年来在依法决策、严格执法、化解纠纷"
                       "等方面的做法，并提出了2024年的工作安排。\n"),
    ("news", "2023年，桐溪县坚持以习近平法治思想为指导，扎实推进法治政府建设，考核位居全市第一。\n“我们把依法行政作为"
             "政府工作的生命线。”桐溪县委常委、常务副县长王强说。\n"),
    ("news", "2023年，桐溪县法治政府建设工作取得明显成效。据县司法局相关负责人介绍，全县去年共审核规范性文件18件。\n"),
    ("news", "2023年，桐溪县司法局坚持以习近平法治思想为指导，全面履行法治建设职能。全年共办理行政复议案件43件。\n"
             "（桐溪县司法局供稿）\n"),
    ("news", "2023年，桐溪县坚持以习近平法治思想为指导，围绕“五个一”工作机制推进法治政府建设。该县的做法得到"
             "省委依法治省办的肯定。该县还推行了行政执法“三项制度”。\n"),
    ("interpretation", "2023年，桐溪县法治政府建设取得新进展。《报告》"
                       "从五个方面回顾了全县一年来的工作，《报告》还对2024年的工作作出了安排。\n"),
    ("news", "（上接第一版）\n2023年，我省坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设取得新成效。\n"),
    ("news", "山川省司法厅党组书记、厅长王明切实履行推进法治建设第一责任人职责，亲自部署法治政府建设重点任务。2023年，"
             "全省法治政府建设取得新成效。\n"),
    ("npc_report", "（2024年1月12日桐溪县第十八届人民代表大会第三次会议通过）\n桐溪县第十八届人民代表大会第三次会议听取和"
                   "审议了县人民政府工作报告，同意报告提出的2024年工作安排。\n"),
    ("research", "本报告分析了2023年山川省法治政府建设的进展，全省各级政府审核规范性文件1200余件，法治政府建设取得新成效。\n"),
    ("exam", "高中政治必修三 法治中国建设 同步试卷\n一、单选题\n1.2023年，某县发布法治政府建设年度报告，这体现了（ ）\n"),
    ("news", "近年来，我们认真贯彻依法治国方略，把依法行政作为政府工作的重要内容，法治政府建设不断深化。\n"
             "一是健全依法决策机制。二是规范行政执法行为。\n"),
    ("article", "法治政府建设是全面依法治国的重点任务。本文回顾县级政府一年来的做法，阐明依法行政的重要性，并对未来"
                "的发展方向进行展望。\n一、主要做法\n"),
    # 过去一年 opens a work report or a congress report, never a report's year; the economy's
    # headline figures name it a work report
    ("work_report", "过去一年，全县上下坚持稳中求进，地区生产总值增长5.2%，一般公共预算收入增长6%。\n"
                    "各位代表，回顾过去一年，成绩来之不易。\n"),
    ("news", "2023年，桐溪县坚持以习近平法治思想为指导，深入推进依法行政。据统计，全县去年审核规范性文件18件。"
             "据了解，全县行政机关负责人出庭应诉率保持100%。\n"),
    ("news", "2023年，山川省委办公厅、省政府办公厅印发了《关于加强法治政府建设的实施意见》，并发出通知，要求各地各部门"
             "结合实际认真贯彻落实。\n"),
    ("npc_report", "桐溪县人大常委会2023年工作总结\n2023年，县人大常委会坚持依法履职，全年审议法治政府建设等专项工作报告"
                   "6项。\n"),
]


@pytest.mark.parametrize("kind, text", WRITTEN_ABOUT_OR_BY_OTHERS,
                         ids=[f"{k}{i}" for i, (k, _t) in enumerate(WRITTEN_ABOUT_OR_BY_OTHERS)])
def test_a_page_about_a_unit_or_by_another_body_is_not_its_report(kind, text):
    assert kind_of(text)[0] == kind


# Real reports that show words of those pages in passing.
REPORTS_WITH_WORDS_OF_OTHERS = [
    # a combined title that names the first-responsibility duty after the report's subject
    "桐溪县交通运输局2023年度法治建设工作情况暨主要负责人履行推进法治建设第一责任人职责情况报告\n"
    "2023年，我局坚持依法行政。现将有关情况报告如下：\n一、主要举措和成效\n",
    # reporters and quoted terms in a 政务公开 paragraph
    "桐溪县2023年度法治政府建设情况报告\n2023年，我县坚持依法行政。召开新闻发布会6场，回答记者提问32个；"
    "邀请“法律明白人”现场介绍，推行“一网通办”表示满意的群众达98%。\n一、主要举措\n",
    # pinyin glosses inside the title
    "桐溪县2023年度法(fǎ)治政(zhèng)府建设情况报(bào)告\n2023年，我(wǒ)县坚持依法行政。\n一、主要举措\n",
    # a department's report that opens with its duties for a party committee's office
    "一、统筹推进依法治县工作\n认真履行县委全面依法治县委员会办公室职责，组织开展全县法治政府建设督察，反馈问题"
    "87个。\n二、加强规范性文件监督\n全年审查规范性文件26件。\n",
    # the report reposted by the local paper, its source line naming the paper
    "2023年，我县坚持依法行政，法治政府建设取得新成效。\n一、主要举措和成效\n全年审核规范性文件18件。\n"
    "来源：桐溪日报\n",
    # the report reposted by the local paper
    "桐溪县人民政府关于2023年度法治政府建设情况的报告\n来源：桐溪日报\n2023年，我县坚持依法行政。现将有关情况"
    "报告如下：\n一、主要举措和成效\n全年审核规范性文件18件。\n",
    # a page that opens at the report's first part, its year and its voice left above it
    "一、总体情况\n认真贯彻落实法治政府建设实施纲要，深入推进依法行政，街道未发生行政诉讼案件。\n"
    "二、工作开展情况及成效\n（一）坚持高位统筹。街道党工委会议专题学习习近平法治思想4次。\n",
    # the party committee and the government report together
    "中共桐溪县委 桐溪县人民政府关于2023年度法治政府建设情况的报告\n2023年，县委、县政府坚持依法行政。"
    "现将有关情况报告如下：\n一、主要举措和成效\n",
    # a report that calls itself the year's summary and the next year's plan
    "2023年，我县坚持以习近平法治思想为指导，深入推进法治政府建设。现将2023年工作总结暨2024年工作安排报告如下：\n"
    "一、2023年法治政府建设情况\n",
    # a report written within its year opens with 今年以来
    "今年以来，我镇在县委、县政府的领导下，全面推进依法行政，加快法治政府建设。\n一、主要举措和成效\n"
    "全年调解矛盾纠纷30起。\n",
    # a report that tells what the 普法 work was, inside its own year
    "2023年，我县坚持依法行政，扎实推进法治政府建设。现将2023年度法治政府建设暨普法依法治理工作情况报告如下：\n"
    "一、主要举措和成效\n",
]


@pytest.mark.parametrize("text", REPORTS_WITH_WORDS_OF_OTHERS,
                         ids=[f"report{i}" for i in range(len(REPORTS_WITH_WORDS_OF_OTHERS))])
def test_a_report_that_shows_their_words_in_passing_stays_a_report(text):
    assert kind_of(text)[0] == "report"


def test_a_headline_with_a_comma_or_an_exclamation_is_no_reports_title():
    from fazhi.understand.doctype import classify_title

    assert classify_title("压实责任，抓住关键少数！桐溪县推动述法评议落地落实") == "news"
    assert classify_title("桐溪县2023年法治政府建设成效显著") == "news"
    assert classify_title("2023年桐溪县法治政府建设再上新台阶") == "news"
    assert classify_title("山川省法治政府建设的进展与展望") == "research"
    assert classify_title("桐溪县法治政府建设示范指标体系") == "rules"
    assert classify_title("桐溪县2023年度法治政府建设主要指标统计表") == "table"
    assert classify_title("桐溪县人民政府关于2023年度法治政府建设情况的报告") == "report"


def test_a_title_in_no_report_form_counts_against_unless_it_is_a_reports_cut_short():
    from fazhi.understand.doctype import detect_kind

    body = "桐溪县把依法行政贯穿政府工作全过程，法治政府建设不断深化。\n"
    assert detect_kind("法润山城 善治桐溪", body, 0, len(body))[0] == "article"
    assert detect_kind("桐溪县2023年法治之路", body, 0, len(body))[0] == "article"
    # a title cut before its genre word (…法治政府建设 / …2023年度) is still a report's
    assert detect_kind("桐溪县人民政府2023年度法治政府建设", body, 0, len(body))[0] == "report"


# Pages seen on real sites that passed for reports before: a file offered on a document-sharing
# site, a sample with its places starred out, a summary of one line of work, the older format
# of the disclosure report, an indicator table with its edition, a report of the years before
# the annual report system, an inspection's or an assessment's account, a 解读 that lost its
# title, a summary of 法治宣传教育; a feature with unnumbered two-part subheadings, a 行政执法
# 年报 without its title, a newspaper's byline, a 解读 that carries the report's title, a plan's
# 目标/措施 tasks and a plan made 如下, a 政府工作报告 shown from its 工作回顾,
# a single yearbook entry, an official's own account (作为…书记，我…), the inspectors' own
# account of a 督察, a plan's 总体思路, a disclosure report that opens on the act, a meeting
# dated by its month alone.
MORE_LOOKALIKES = [
    ("template", "《某街道2023年度法治政府建设工作报告.docx》由会员分享，可在线阅读，更多相关《某街道2023年度"
                 "法治政府建设工作报告.docx(12页珍藏版)》请在文库上搜索。\n2023年，我街道坚持依法行政。现将有关情况"
                 "报告如下：\n"),
    ("template", "县司法局2023年度行政复议工作情况的报告\n2023年，我县行政复议工作稳步推进。为方便群众申请，我县在"
                 "*路*号设立了复议受理窗口。现将有关情况报告如下：\n一、主要成效\n全年受理复议案件12件。\n"),
    ("other_summary", "桐溪县青石乡人民政府关于2023年度行政执法工作总结和数据统计报告\n县依法治县办执法协调小组：\n"
                      "按照县里的统一安排，现将我乡2023年行政执法工作总结报送：\n一、执法公示情况\n"),
    ("disclosure_report", "一、政府信息公开总体工作情况\n（一）组织机构建设。市政府健全了政府信息公开工作领导小组。\n"
                          "（二）《指南》和《目录》的更新情况。各部门及时更新了公开指南。\n（三）政府信息查阅场所"
                          "建设情况。市档案馆增设了查阅电脑。\n"),
    ("rules", "县级法治政府建设评价指标体系（2024年版）\n发布日期：2024-05-06 来源：县司法局\n为推动法治政府建设"
              "可量化、可比较，县委依法治县办修订了评价指标体系。\n一级指标\n二级指标\n三级指标\n"),
    ("earlier_report", "桐溪县2013年度依法行政工作情况报告\n2013年，在市政府的领导下，我县依法行政工作扎实推进，法治"
                       "政府建设取得新进展。现将有关情况报告如下：\n一、加强组织领导\n"),
    ("earlier_report", "2012年，在省委、省政府的正确领导下，我市紧紧围绕依法行政考核标准，扎实推进依法行政各项工作。\n"
                       "一、健全工作机制\n市政府调整充实了依法行政工作领导小组。\n"),
    ("other_summary", "桐溪县2023年度法治政府建设督察工作总结\n按照年度安排，县委依法治县办组成督察组，对各乡镇和县直"
                      "部门开展了实地督察。现将督察情况总结如下：\n一、督察基本情况\n"),
    ("interpretation", "一、背景依据\n按照督察工作规定，县政府每年向县委报告上一年度的法治政府建设情况。\n二、起草过程\n"
                       "县司法局汇总各部门材料，形成初稿。\n三、主要内容\n"),
    ("other_summary", "桐溪县2023年法治宣传教育工作总结\n2023年，我县深入实施八五普法规划，广泛开展宪法和民法典宣传。"
                      "现将有关情况总结如下：\n一、主要做法\n"),
    ("news", "2023年以来，省交通运输厅认真落实省委、省政府的部署，全面推进法治交通建设，在年度考核中被评为优秀"
             "等次。\n\n压实领导责任，推动法治建设落地见效\n\n厅主要负责人认真履行第一责任人职责，多次研究部署"
             "法治工作。\n"),
    ("other_summary", "一、2023年行政执法基本情况\n我局共有持证执法人员6名，全年办理行政处罚案件4件，无行政复议和"
                      "行政诉讼案件。\n二、执法规范化建设情况\n（一）落实三项制度。\n"),
    ("news", "□ 本报记者 王某某\n□ 通讯员 李某\n2023年，桐溪县坚持依法行政，全县行政复议案件纠错率明显下降，群众"
             "满意度稳步提升。\n"),
    ("interpretation", "《桐溪县2023年度法治政府建设情况报告》\n一、起草背景\n按照督察工作规定，县政府每年应报告"
                       "上一年度法治政府建设情况。\n二、起草过程\n县司法局汇总各部门材料后形成初稿，现将有关情况"
                       "说明如下。\n"),
    ("plan", "三、规范行政执法行为\n目标：执法程序更加规范，行政执法的社会满意度明显提高。\n措施：\n12.全面推行"
             "行政执法三项制度。\n13.加强执法人员培训。\n"),
    ("plan", "为抓好督察反馈问题的整改，根据督察反馈意见，桐溪县特制定如下整改方案，具体内容详见附件。\n"),
    ("speech", "一年来，作为镇党委书记，我始终把法治建设摆在全局工作的重要位置，重大问题亲自过问，重要任务亲自督办。"
               "现将履职情况报告如下：\n一、带头学法用法\n"),
    ("other_summary", "按照市委依法治市办的统一部署，市督察组于11月对各区县年度法治政府建设情况开展了实地督察。"
                      "现将督察情况报告如下：\n一、督察基本情况\n督察组共查阅资料600余份。\n"),
    ("plan", "2024年全县法治政府建设工作的总体思路是：以习近平法治思想为指导，全面落实实施纲要。\n一、深入学习贯彻"
             "习近平法治思想\n1.把学习贯彻习近平法治思想作为首要政治任务。\n"),
    ("disclosure_report", "一、总体情况\n2023年，县应急管理局深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以"
                          "公开为常态、不公开为例外，全面推进政务公开工作。全年主动公开各类信息238条。\n"),
    ("meeting_news", "2024年3月，县委全面依法治县委员会召开第六次会议，审议通过了《2023年度法治政府建设情况报告》"
                     "和《2024年全县法治建设工作要点》。县委书记李某主持会议并讲话。\n"),
    ("yearbook", "【法治政府建设】2022年，桐溪县坚持依法行政，全年审核规范性文件18件，办理行政复议案件43件，"
                 "行政机关负责人出庭应诉率达100%。\n"),
    ("work_report", "一、2023年工作回顾\n过去的一年，是极不平凡的一年。全镇上下齐心协力，经济运行稳中有进，民生事业"
                    "持续改善，依法行政水平不断提高。\n"),
]


@pytest.mark.parametrize("kind, text", MORE_LOOKALIKES, ids=[f"{k}-{i}" for i, (k, _t) in enumerate(MORE_LOOKALIKES)])
def test_more_lookalikes_of_real_sites(kind, text):
    assert kind_of(text)[0] == kind


# Reports with what looked like marks of those kinds: a star a mirror's word filter left in
# a sentence, the question and exclamation marks a mis-decoded page leaves of its characters,
# a report of 2015 (the first year of the system), a department's report that names its
# 行政执法 in the title beside 法治政府建设.
REPORTS_AS_MIRRORS_LEAVE_THEM = [
    "2023年，县生态环境局坚持用*严格的制度保护生态环境，取得积*进展。现将2023年度法治政府建设情况报告如下：\n"
    "一、主要举措\n全年办理行政处罚案件31件。\n",
    "2021年,司法部坚持以习近平法治思想为指导,扎实推进法治政府建设。\n一、加强党的领导\n完成《实施?!毒V要》"
    "起草工作?。落实第一责任人职责。\n",
    "桐溪县2015年推进依法行政工作情况及2016年工作打算\n2015年，我县认真贯彻法治政府建设实施纲要，扎实推进依法"
    "行政。现将有关情况报告如下：\n一、主要工作\n",
    "桐溪县交通运输局2023年度法治政府建设暨行政执法工作报告\n2023年，我局坚持依法行政。现将有关情况报告如下：\n"
    "一、主要举措\n",
]


def test_a_news_outlet_named_as_the_source_of_a_page():
    text = ("桐溪县持续优化法治化营商环境\n来源：中国桐溪网 2024-01-05\n近年来，桐溪县坚持把优化法治化营商环境"
            "作为重点工作。\n")
    assert kind_of(text)[0] == "news"
    repost = ("桐溪县2023年度法治政府建设情况报告\n来源：中国政府网\n2023年，我县坚持依法行政。现将有关情况报告如下："
              "\n一、主要举措\n")
    assert kind_of(repost)[0] == "report"


def test_a_feature_headed_as_the_years_round_up_is_news_by_its_title():
    assert classify_title("桐溪县2023年法治政府建设年终盘点") == "news"
    assert classify_title("2023，桐溪法治政府建设年终特稿") == "news"
    assert classify_title("桐溪县2023年度法治政府建设情况报告") == "report"


def test_a_headline_that_tells_of_the_report_being_heard_is_news():
    assert classify_title("桐溪县人大常委会审议县政府2023年度法治政府建设情况报告") == "news"
    assert classify_title("市政府常务会议听取2023年法治政府建设工作报告") == "news"
    assert classify_title("县长周明作2023年度法治政府建设情况报告") == "news"
    assert classify_title("桐溪县公开2023年度法治政府建设报告") == "news"
    assert classify_title("县农业农村局被评为全省法治政府建设先进单位") == "news"
    assert classify_title("桐溪县人民政府2023年度法治政府建设工作报告") == "report"
    assert classify_title("桐溪县人民政府关于2023年度法治政府建设情况的报告") == "report"


def test_a_table_of_the_work_reports_tasks_is_the_work_report():
    assert classify_title("2024年县政府工作报告重点任务分工落实情况表") == "work_report"


@pytest.mark.parametrize("text", REPORTS_AS_MIRRORS_LEAVE_THEM)
def test_reports_as_mirrors_leave_them_stay_reports(text):
    assert kind_of(text)[0] == "report"


# A party committee's report is a report on 法治政府建设 when it says so (its title, or the paragraph
# that opens it, names 法治政府建设); a committee's report on 法治建设 at large is another genre.
COMMITTEE_REPORTS = [
    ("report", "中共桐溪县委关于2023年度法治政府建设情况的报告\n2023年，县委坚持以习近平法治思想为指导，统筹推进"
               "法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n"),
    ("report", "2023年，县委坚持以习近平法治思想为指导，扎实推进法治政府建设，依法行政水平不断提升。现将2023年度"
               "法治政府建设情况报告如下：\n一、主要举措和成效\n"),
    ("other_summary", "中共桐溪县委关于2023年度法治建设工作情况的报告\n2023年，县委坚持以习近平法治思想为指导，统筹"
                      "推进法治桐溪建设。现将有关情况报告如下：\n一、主要举措和成效\n"),
    ("other_summary", "2023年，县委坚持以习近平法治思想为指导，统筹推进法治桐溪、法治政府、法治社会一体建设。现将"
                      "2023年度法治建设情况报告如下：\n一、主要举措\n"),
]


@pytest.mark.parametrize("kind, text", COMMITTEE_REPORTS, ids=["titled", "untitled", "other_titled", "other_untitled"])
def test_a_committees_report_is_a_report_when_it_names_the_governments_rule_of_law(kind, text):
    assert kind_of(text)[0] == kind


# Look-alikes that carry a report's voice and its year, told apart by what they are about or when.
LOOKALIKES_IN_A_REPORTS_VOICE = [
    # a year's account of another line of work that never names the law in its opening
    ("other_summary", "2023年，全县交通运输系统在县委、县政府的领导下，紧盯道路运输和水上交通两个重点，强化隐患排查"
                      "整治，全年未发生较大以上生产安全事故，行业运行平稳有序，群众出行更加便捷，客货运输量稳步回升，"
                      "城乡公交一体化覆盖所有行政村，新改建农村公路"
                      "86公里。\n"),
    # a half-year's account that says so where a report says what it reports
    ("other_summary", "今年以来，县交通运输局在县委、县政府的领导下，认真推进依法行政。现将上半年法治建设工作情况"
                      "报告如下：\n一、主要工作\n"),
    # next year's plan, opening with the coming year and what the unit will do
    ("plan", "2024年，县司法局将紧紧围绕县委、县政府中心工作，深入推进法治政府建设。一是制定年度工作要点。"
             "二是开展行政执法案卷评查2次。\n"),
]


@pytest.mark.parametrize("kind, text", LOOKALIKES_IN_A_REPORTS_VOICE, ids=["other_line", "half_year", "next_year"])
def test_lookalikes_in_a_reports_voice(kind, text):
    assert kind_of(text)[0] == kind


def test_a_report_whose_plans_come_last_stays_a_report():
    text = ("2023年，县司法局坚持依法行政，全年审核规范性文件18件。现将有关情况报告如下：\n一、主要举措和成效\n"
            "二、2024年工作打算\n2024年，县司法局将继续深入推进法治政府建设。\n")
    assert kind_of(text)[0] == "report"


def test_a_write_up_that_calls_the_unit_its_own_name_and_that_county_is_news():
    text = ("2023年，桐溪县坚持以习近平法治思想为指导，扎实推进法治政府建设，取得明显成效。\n一、强化统筹，压实责任链条\n"
            "该县成立由县长任组长的法治政府建设领导小组，全年研究法治议题12个。\n二、规范执法，提升执法质效\n"
            "该县全面推行行政执法三项制度，全年评查案卷120卷。\n")
    assert kind_of(text)[0] == "news"


def test_a_target_year_is_no_year_of_work():
    # an essay on the path to the goal: 2035年基本建成法治政府 is no year the text reports on
    text = ("桐溪市司法局\n梳理首都以外地区法治政府建设的发展路径，对于确保实现2035年基本建成法治政府目标具有重大而"
            "深远的意义。坚持党的领导是推进全面依法治国的根本保证，必须在以下环节上持续发力。\n")
    assert kind_of(text)[0] != "report"


def test_a_one_officials_account_titled_below_an_outline_is_a_speech():
    text = ("【提纲】一、工作情况。（一）压实法治建设责任。（二）规范重大决策程序。二、存在问题。三、整改措施。\n"
            "2023年度镇党委主要负责人履行推进法治建设第一责任人职责情况的报告\n"
            "本年度，我始终把学习贯彻习近平法治思想作为首要任务，带头述法。\n")
    assert kind_of(text)[0] == "speech"


def test_the_governments_report_read_to_the_standing_committee_is_the_report():
    text = ("各位委员：\n我受县人民政府委托，向县人大常委会报告2023年度法治政府建设情况，请予审议。\n"
            "2023年，县政府坚持依法行政，法治政府建设取得新成效。\n")
    assert kind_of(text)[0] == "report"
    audit = ("各位委员：\n我受县人民政府委托，向县人大常委会报告2023年度县本级预算执行和其他财政收支的审计情况，"
             "请予审议。\n2023年，县审计局坚持依法审计，全年完成审计项目32个。\n")
    assert kind_of(audit)[0] != "report"


def test_a_page_opening_at_a_half_years_first_part_is_no_annual_report():
    text = ("一、2023年上半年法治政府建设工作开展情况\n（一）加强组织领导。县政府常务会议学法2次。\n"
            "（二）规范行政决策。审核规范性文件5件。\n二、下半年工作打算\n继续推进行政执法规范化。\n")
    assert kind_of(text)[0] == "other_summary"


def test_a_page_from_the_middle_of_a_work_report_is_named_the_work_report():
    # no title, no 各位代表: only the government's account of the whole year, the economy's
    # headline figures among it; not_a_report must say 政府工作报告, not 文章
    text = ("五是坚持依法行政，政府自身建设不断加强。提请市人大常委会审议地方性法规草案3件，办理人大代表建议210件。\n"
            "过去一年，全市地区生产总值增长5.6%，城镇新增就业4.2万人，居民人均可支配收入增长6.1%，"
            "一般公共预算收入完成86亿元。\n六是社会事业全面进步。新建中小学8所。\n")
    got, msg = kind_of(text)
    assert got == "work_report"
    assert msg is not None and "政府工作报告" in msg


def test_a_work_reports_part_on_the_law_beside_a_part_on_livelihoods_is_the_work_report():
    # read from its middle: the part on 依法行政, then one on another sector with no word of the law
    text = ("（六）坚持依法行政，建设人民满意政府。严格遵守宪法法律，自觉接受县人大及其常委会的监督。全年办理人大代表"
            "建议86件、政协提案120件。深化政务公开，推进法治政府建设。\n（七）持续改善民生，增进人民福祉。新增城镇就业"
            "3200人。\n")
    assert kind_of(text)[0] == "work_report"
    report = ("2023年，县政府坚持依法行政，扎实推进法治政府建设。现将有关情况报告如下：\n（一）依法全面履行政府职能。"
              "全年审核规范性文件9件。\n（二）法治保障乡村振兴，化解涉农纠纷。调解纠纷120件。\n")
    assert kind_of(report)[0] == "report"


@pytest.mark.parametrize("text", [
    "西山大学2023年度法治建设工作报告\n2023年，学校坚持依法治校，完善以章程为核心的制度体系。现将有关情况报告如下：\n",
    "桐溪城投集团有限公司2023年法治建设工作报告\n2023年，集团公司坚持依法治企，全年审核合同320份。\n",
    "桐溪县人民医院2023年度依法执业工作总结\n2023年，我院坚持依法执业，加强医疗质量管理。\n",
    "桐溪村2023年民主法治示范村创建工作总结\n2023年，我村积极开展民主法治示范村创建。\n",
    "2023年，我校坚持依法治校，校党委常委会专题研究法治工作3次。现将有关情况报告如下：\n一、主要举措\n",
])
def test_the_rule_of_law_report_of_a_school_an_enterprise_or_a_village_is_no_government_report(text):
    # the annual report system binds governments and their departments only
    assert kind_of(text)[0] == "other_unit"


def test_an_education_bureaus_report_on_its_schools_stays_a_report():
    text = ("桐溪县教育局2023年度法治政府建设情况报告\n2023年，我局坚持依法行政，推进全县学校依法治校，"
            "创建依法治校示范校5所。现将有关情况报告如下：\n一、主要举措和成效\n")
    assert kind_of(text)[0] == "report"


def test_a_site_name_glued_after_the_title_does_not_hide_its_form():
    summary = ("2023年应急管理工作总结和2024年重点工作安排-某某娱乐官网\n2023年，全省安全生产形势总体平稳，事故起数"
               "同比下降。\n一、主要工作开展情况\n（一）稳控安全生产形势。\n")
    assert kind_of(summary)[0] == "other_summary"
    report = ("桐溪县2023年度法治政府建设情况报告_桐溪县人民政府门户网站\n2023年，我县坚持依法行政。现将有关情况报告"
              "如下：\n一、主要举措和成效\n")
    assert kind_of(report)[0] == "report"


def test_a_bureaus_annual_report_that_calls_itself_a_shufa_stays_a_report():
    report = ("桐溪县水利局2024年度法治政府建设年度报告\n2024年，在县委、县政府的领导下，县水利局扎实推进水利法治建设，"
              "现述法报告如下：\n一、主要举措和成效\n（一）学习贯彻习近平法治思想。\n")
    assert kind_of(report)[0] == "report"
    official = "2024年，我认真履行推进法治建设第一责任人职责，重大事项集体研究。现将述法报告如下：\n一、学法用法\n"
    assert kind_of(official)[0] == "speech"


def test_a_headline_behind_a_columns_tag_is_news():
    item = ("【法治桐溪】桐溪县：多措并举推进法治政府建设\n桐溪县司法局 2024-01-05\n2023年以来，桐溪县坚持以习近平法治"
            "思想为指导，多措并举推进法治政府建设。\n")
    assert kind_of(item)[0] == "news"
    report = "【年度报告】桐溪县2023年度法治政府建设情况报告\n2023年，我县坚持依法行政。现将有关情况报告如下：\n"
    assert kind_of(report)[0] == "report"


@pytest.mark.parametrize("title, kind", [
    ("桐溪县林业局2023年法治政府建设工作总结和2024年工作计划", "report"),
    ("2023年度法治政府建设情况及2024年工作安排", "report"),
    ("桐溪县科技局2023年工作总结及2024年工作计划", "other_summary"),
    ("2023年上半年法治政府建设工作总结和下半年工作计划", "other_summary"),
    ("桐溪县2024年法治政府建设工作要点", "plan"),
])
def test_a_summary_that_ends_with_next_years_plan_is_a_summary(title, kind):
    assert classify_title(title) == kind


def test_a_report_that_opens_on_the_local_economy_stays_a_report():
    text = ("2023年，我县地区生产总值增长6%，在县委的坚强领导下，县政府坚持依法行政，扎实推进法治政府建设。"
            "现将有关情况报告如下：\n一、主要举措和成效\n全年审核规范性文件15件。\n二、存在的不足\n"
            "三、2024年工作安排\n")
    assert kind_of(text)[0] == "report"


def test_a_title_broken_over_two_heading_lines_is_read_whole():
    # the title finder takes neither line; the form (清单) shows only at the second line's end,
    # while the first alone reads like a headline
    text = ("您现在所在的位置: 首页 > 工作动态 > 本地要闻\n\n"
            "桐溪市各级行政机关负责人推进依法行政\n重点任务清单\n\n"
            "发布时间:2024-04-02 信息来源:桐溪市司法局 浏览次数:316\n"
            "  为推动行政机关负责人切实担负起依法行政的领导责任，根据上级有关规定，结合本市实际，"
            "制定《桐溪市各级行政机关负责人推进依法行政重点任务清单》如下。\n\n"
            "  一、基本原则\n\n  （一）坚持依法决策，反对以言代法。\n\n  （二）坚持权责一致。\n")
    assert kind_of(text)[0] == "plan"


@pytest.mark.parametrize("text", [
    # the figures blanked with hollow stars
    "普法工作情况汇报\n今年以来，我市扎实推进法治宣传教育。出台普法责任清单，列出☆个部门☆项责任。\n",
    # a page announcing several sample texts to copy
    "撰写法治政府建设工作总结有章可循。本文汇集三篇风格不同的《法治政府建设工作总结》范文，供读者作参考模板。\n"
    "篇一：法治政府建设工作总结\n一、工作成效\n",
])
def test_blanked_figures_and_announced_samples_are_templates(text):
    assert kind_of(text)[0] == "template"


# A 范文 or document-sharing site around a named unit's complete report mirrors that report; the
# same frame around a text that names nobody, a text with its facts blanked, or several samples
# on one page is a sample to copy (范文).
_SHARED_FRAME = "《{t}.docx》由会员分享，可在线阅读，更多相关文档请在本站搜索。\n"
_SHARED_REPORT = ("{u}2023年度法治政府建设情况报告\n"
                  "2023年，{u}坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下：\n"
                  "一、主要举措和成效\n全年审核规范性文件{n}件，办理行政复议案件{m}件。\n"
                  "二、存在的不足\n基层执法力量仍显薄弱。\n三、2024年工作安排\n深化行政执法规范化建设。\n"
                  "{s}\n2024年3月20日\n")


def _shared(unit: str, signer: str, n: str = "9", m: str = "14", frame: str = _SHARED_FRAME) -> str:
    body = _SHARED_REPORT.format(u=unit, n=n, m=m, s=signer)
    return frame.format(t=body.splitlines()[0]) + body


def test_a_named_units_report_on_a_document_sharing_site_is_a_mirror():
    assert kind_of(_shared("桐梓县人民政府", "桐梓县人民政府"))[0] == "report"
    helper = "下面是小编为大家整理的{t}，供大家参考。\n"
    assert kind_of(_shared("雷波县", "雷波县人民政府", frame=helper))[0] == "report"


def test_a_report_that_names_its_unit_only_under_the_signature_is_a_mirror_too():
    text = ("下面是小编为大家收集的县2023年法治政府建设工作总结，供大家参考。\n县2023年法治政府建设工作总结\n"
            "2023年，我县坚持依法行政，扎实推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n"
            "全年办理行政复议案件14件。\n二、存在的不足\n执法力量不足。\n三、下一步工作安排\n深化执法规范化。\n"
            "梁河县人民政府\n2024年3月18日\n")
    assert kind_of(text)[0] == "report"


def test_the_same_frame_around_a_text_that_names_nobody_is_a_template():
    text = ("下面是小编为大家收集的县2023年法治政府建设工作总结，供大家参考。\n县2023年法治政府建设工作总结\n"
            "2023年，我县坚持依法行政，扎实推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n"
            "全年办理行政复议案件14件。\n二、存在的不足\n执法力量不足。\n三、下一步工作安排\n深化执法规范化。\n")
    assert kind_of(text)[0] == "template"
    assert kind_of(_shared("某县", "某县人民政府"))[0] == "template"


def test_a_named_unit_with_its_figures_blanked_or_among_several_samples_is_a_template():
    assert kind_of(_shared("桐梓县人民政府", "桐梓县人民政府", n="XX", m="XX"))[0] == "template"
    two = ("法治政府建设情况报告（精选2篇）\n【篇一】\n" + _SHARED_REPORT.format(u="桐梓县", n="9", m="14", s="")
           + "【篇二】\n" + _SHARED_REPORT.format(u="雷波县", n="5", m="3", s=""))
    assert kind_of(two)[0] == "template"


# A unit's budget or final accounts (部门预算/部门决算) opens on the unit's duties and lists fixed tables;
# it tells what money was spent, not the year's rule-of-law work, however much of its preface speaks of
# 依法行政 (a 司法局's duties do).
_BUDGET_PREFACE = ("第一部分 部门概况\n一、部门职责\n（一）承担全面依法治县重大问题的政策研究，统筹推进法治政府建设，"
                   "指导、监督县政府各部门、乡镇人民政府依法行政工作。\n（二）负责行政复议和行政应诉案件办理工作。\n"
                   "二、机构设置\n本部门内设股室6个。\n")


def test_a_budget_or_final_accounts_document_is_not_a_report():
    assert kind_of("桐溪县司法局2024年度部门决算\n" + _BUDGET_PREFACE)[0] == "budget"
    assert kind_of(_BUDGET_PREFACE)[0] == "budget"  # its title lost: the profile that opens it shows it
    tables = ("目录\n第二部分 2024年度部门决算表\n一、收入支出决算总表\n二、收入决算表\n三、支出决算表\n"
              "四、财政拨款收入支出决算总表\n")
    assert kind_of(tables + "第三部分 情况说明\n本年收入合计512万元。\n")[0] == "budget"


def test_a_report_that_mentions_its_spending_stays_a_report():
    text = REPORT.replace("全年审核规范性文件12件。",
                          "全年审核规范性文件12件，严控“三公”经费支出，部门决算按时公开。")
    assert kind_of(text)[0] == "report"


@pytest.mark.parametrize("title", [
    "成都市锦江区人民政府春熙路街道办事处2023年法治政府建设年度报告",  # a place after its parent place
    "2023年度五里桥街道法治政府建设情况报告",  # the year before the place
    "青海司法厅2023年度法治政府建设情况报告",  # a province's department by the short name
    "桐溪高新区2023年度法治政府建设情况报告",  # a development zone
])
def test_the_unit_a_mirrored_report_names_in_its_title_in_several_forms(title):
    body = ("2023年，我们坚持依法行政，扎实推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n"
            "全年办理行政复议案件14件。\n二、存在的不足\n执法力量不足。\n三、下一步工作安排\n深化执法规范化。\n")
    text = f"下面是小编为大家整理的{title}，供大家参考。\n{title}\n{body}"
    assert kind_of(text)[0] == "report"
    assert kind_of(f"下面是小编为大家整理的法治政府建设情况报告，供大家参考。\n法治政府建设情况报告\n{body}")[0] == "template"


# Every annual report names its subject (法治, 依法行政, 行政执法 …) in its title or its opening; an
# account of a unit's other work does not, whatever year and first person it shows.
_OTHER_WORK = ("2023年，我局坚持以人民为中心，围绕打造干净整洁有序的城市环境，较好完成了全年各项目标任务。\n"
               "一、生活垃圾分类稳中有进\n全市新建分类小区120个，厨余垃圾分出率达到38%，建成大件垃圾"
               "拆解中心2座，回收利用率稳步提升。\n二、市容环境持续改善\n完成背街小巷整治46条，新增停车泊位2300个，"
               "清理占道经营点位800余处，城市道路机扫率达到95%。\n三、园林绿化提档升级\n新建口袋公园15个，"
               "改造提升绿道30公里，城市绿化覆盖率保持在43%以上，市民满意度持续提高。\n")


def test_an_untitled_account_of_other_work_is_not_a_report():
    got, msg = kind_of(_OTHER_WORK)
    assert got == "other_summary" and "其他工作" in msg


def test_a_title_that_names_the_subject_or_a_short_opening_keeps_a_report():
    assert kind_of("桐溪县城管局2023年度法治政府建设情况报告\n" + _OTHER_WORK)[0] == "report"
    short = "桐溪县城管局2023年度工作情况\n2023年，我局较好完成了全年各项目标任务。\n一、主要工作\n新建分类小区120个。\n"
    assert kind_of(short)[0] == "report"  # too short to tell what it is about


def test_a_page_that_opens_at_its_first_part_with_a_short_item_line_is_a_report():
    text = ("一、基本情况\n（一）学习贯彻习近平法治思想情况。\n一是我委把习近平法治思想纳入理论学习中心组学习内容，"
            "组织领导班子专题学习6次。二是开展干部职工专题讲座1次。\n（二）依法全面履行职能情况。\n"
            "全年办理行政许可事项215件。\n")
    assert kind_of(text)[0] == "report"


def test_untitled_pages_told_by_their_opening():
    news = ("为深入贯彻落实《法治政府建设实施纲要》和省委、省政府《法治政府建设实施方案》、州委依法治州办《关于开展"
            "法治政府建设集中宣传活动的通知》精神，进一步营造尊法学法守法用法的良好氛围，9月26日，桐溪州交通运输局"
            "组织局属各单位在中心广场开展了法治政府建设宣传日活动。\n活动现场悬挂横幅4条，发放宣传资料800余份。\n")
    assert kind_of(news)[0] == "news"
    disclosure = ("一、工作开展总体情况\n（一）总体概述\n2023年，我局把信息公开工作纳入重要议事日程，扎实推进各项工作。"
                  "现将我局2023年政务公开工作要点落实情况报告如下：\n（二）主动公开政府信息情况\n全年主动公开信息215条。\n")
    assert kind_of(disclosure)[0] == "disclosure_report"
    report = ("一、工作情况\n（一）加强组织领导，狠抓责任落实。一是乡党委政府高度重视普法依法治理工作，将普法和依法治理"
              "工作纳入重要议事日程。二是落实国家工作人员学法用法制度，全年开展学法培训4次。\n")
    assert kind_of(report)[0] == "report"


def test_a_report_with_its_unit_called_mou_throughout_is_a_template():
    body = ("2023年，某区坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下：\n一、主要举措和成效\n"
            "某区人民政府常务会议学法6次，某区法治政府建设考核位列全市前列。\n二、存在的不足\n执法力量不足。\n")
    assert kind_of(body)[0] == "template"
    titled = ("某镇2023年法治政府建设工作总结\n2023年，我镇坚持依法行政。现将有关情况报告如下：\n一、主要举措\n"
              "调解纠纷30起。\n")
    assert kind_of(titled)[0] == "template"


def test_a_report_whose_cases_name_parties_with_mou_stays_a_report():
    text = REPORT.replace("全年审核规范性文件12件。",
                          "全年审核规范性文件12件。某公司不服某镇政府处罚决定申请复议，经调解某公司撤回申请；"
                          "对某市场主体的轻微违法不予处罚，某区域的摊点依法规范。")
    assert kind_of(text)[0] == "report"


@pytest.mark.parametrize("unit", ["XX省司法厅", "XX街道办事处"])
def test_a_province_or_a_street_blanked_as_xx_is_a_template(unit):
    text = (f"{unit}2023年度法治政府建设情况报告\n2023年，{unit}坚持依法行政，扎实推进法治政府建设。"
            "现将有关情况报告如下：\n一、主要举措和成效\n全年办理行政复议案件14件。\n")
    assert kind_of(text)[0] == "template"


def test_a_disclosure_report_that_names_itself_in_its_first_sentence():
    text = ("根据《中华人民共和国政府信息公开条例》要求，编制并向社会公布《桐溪县民政局2023年度政府信息公开工作年度"
            "报告》。报告所列统计数据的期限自2023年1月1日至2023年12月31日。\n一、总体情况\n2023年，我局坚持依法"
            "行政，全面推进政务公开。\n")
    assert kind_of(text)[0] == "disclosure_report"


WEAK_REPORT = ("一、党政主要负责人履行推进法治建设第一责任人职责情况\n一是局党组中心组专题学习习近平法治思想，"
               "组织干部职工集中学法4次。二是落实述法制度，主要负责人年终述法。\n")


@pytest.mark.parametrize("line", ["来源：桐溪日报", "稿源：西江晚报", "转自：桐溪新闻网"])
def test_a_report_reposted_under_a_newspaper_source_line_stays_a_report(line):
    # the newspaper names the site that carries the text; the text is a unit's own account of its year
    assert kind_of(WEAK_REPORT)[0] == "report"
    assert kind_of(f"{line}\n{WEAK_REPORT}")[0] == "report"


def test_news_under_a_newspaper_source_line_is_still_news():
    dated = "来源：桐溪日报\n5月8日，桐溪县司法局组织开展行政执法案卷评查活动，共抽取案卷40卷。\n评查组逐卷打分。\n"
    assert kind_of(dated)[0] in ("news", "meeting_news")
    # a text that shows no mark of a report at all: the newspaper it came from is what shows its kind
    bare = "来源：桐溪日报\n全县法治宣传活动走进乡村集市，志愿者为赶集群众讲解民法典知识，现场气氛热烈。\n"
    assert kind_of(bare)[0] == "news"


def test_one_section_of_an_office_telling_its_year_is_no_annual_report():
    text = ("2023年，在县委依法治县办和局党组的正确领导下，县委依法治县办秘书科坚持以习近平法治思想为指引，"
            "当好参谋助手，推动全面依法治县工作取得新进展。\n起草依法治县委员会会议材料8份，督办事项23项。\n")
    assert kind_of(text)[0] == "other_summary"


def test_an_officials_own_account_in_the_name_of_the_person_is_a_speech():
    text = ("2023年以来，在县委、县政府的指导下，本人切实履行推进法治政府建设第一责任人职责，带头学法用法，"
            "推动桐溪镇法治政府建设取得新成效。现将个人履行推进法治政府建设工作情况汇报如下：\n一、履职情况\n"
            "主持召开专题会议4次。\n")
    assert kind_of(text)[0] == "speech"


def test_a_named_units_report_on_a_mirror_that_stars_its_digits_stays_a_report():
    # a tender site stars every run of digits of what it copies; the unit is named, the stars are the site's
    named = ("三台县人民政府2025年法治政府建设年度报告\n****年，三台县坚持以习近平法治思想为指导，认真落实"
             "《法治政府建设实施纲要(****—****年)》，现将我县有关工作情况报告如下：\n一、****年度法治政府建设工作情况\n"
             "领导班子专题听取法治建设工作汇报*次，开展专题学习**次。\n")
    assert kind_of(named)[0] == "report"
    # the same text with its unit's name taken out as well is a sample to copy
    unnamed = named.replace("三台县人民政府", "").replace("三台县坚持", "我县坚持")
    assert kind_of(unnamed)[0] == "template"


def test_a_whole_line_of_works_year_told_by_its_system_is_no_annual_report():
    summary = ("2023年，全市司法行政系统以党的二十大精神为引领，奋力推动全面依法治市和司法行政工作高质量发展。\n"
               "一、坚决筑牢政治忠诚，党建引领作用不断强化\n召开全系统动员部署会，开展学习活动300余场次。\n")
    assert kind_of(summary)[0] == "other_summary"
    report = ("2023年，全市司法行政系统坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n"
              "一、主要举措和成效\n全年审核规范性文件12件。\n")
    assert kind_of(report)[0] == "report"


def test_a_sites_menu_left_above_the_text_is_passed():
    menu = "首页 | 政务公开 | 政务服务 | 互动交流 | 走进桐溪\n无障碍 | 长者模式 | 繁體\n"
    assert kind_of(menu + WEAK_REPORT)[0] == "report"
    news = "5月8日，桐溪县司法局组织开展行政执法案卷评查活动，共抽取案卷40卷。\n评查组逐卷打分。\n"
    assert kind_of(menu + news)[0] in ("news", "meeting_news")


def test_a_page_that_opens_at_a_first_part_on_the_rule_of_law_with_its_counts_is_a_report():
    middle = ("一、加强法治政府建设组织领导\n（一）落实第一责任人职责。县政府常务会议专题研究法治政府建设4次，"
              "听取依法行政工作汇报2次。\n")
    assert kind_of(middle)[0] == "report"
    plan = ("一、加强法治政府建设组织领导\n（一）落实第一责任人职责。县政府常务会议要定期研究法治政府建设。"
            "（牵头单位：县司法局）\n（二）健全工作机制。各乡镇、各部门要切实加强组织领导。\n")
    assert kind_of(plan)[0] == "plan"


def test_a_first_part_named_after_the_outlines_first_task_speaks_of_the_subject():
    # 依法全面履行政府职能 is the outline's own first task: a page opening there is on the subject
    text = ("一、依法全面履行政府职能\n（一）深化行政审批制度改革。全面推开企业简易注销登记改革，启动证照分离改革"
            "试点，在全市率先实现企业名称库向社会开放，取消地方设置的审批事项23项，下放审批权限15项，政务服务事项"
            "网上可办率达到98%，企业开办时间压缩至1个工作日，群众办事平均跑动次数降至0.3次，审批服务提速明显，"
            "市场主体总量持续增长，营商环境持续改善，各项改革任务按期完成。\n（二）加强事中事后监管。全年开展双随机"
            "抽查120次，联合抽查35次，抽查结果全部向社会公开。\n")
    assert kind_of(text)[0] == "report"


def test_a_sample_that_offers_the_writer_a_choice_of_who_speaks_is_a_template():
    text = ("一、总体工作回顾\n过去一年，我部门（或本地区）在推进法治政府建设方面，坚持依法行政，"
            "全年审核规范性文件12件。现将有关情况报告如下：\n")
    assert kind_of(text)[0] == "template"
    assert kind_of(text.replace("我部门（或本地区）", "我局"))[0] == "report"


def test_an_opening_that_first_names_the_years_standing_then_the_units_rule_of_law_work_is_a_report():
    # no title, no 报告如下: the year is first called a milestone, then filled with the unit's own work
    report = ("2024年是新中国成立75周年，是全面落实“十四五”规划目标任务的关键一年，县农业农村局深入学习习近平法治思想，"
              "全面贯彻中央和省市县各项决策部署，切实履行部门职责，扎实推进法治机关建设，各项工作取得新的进展。\n"
              "局党组坚持会前学法，干部参加旁听庭审，机关学法氛围日益浓厚。\n")
    assert kind_of(report)[0] == "report"
    # the same opening that goes on to another line of work (普法 activities) names no rule-of-law work
    summary = ("2024年是“八五”普法承上启下之年，一年来我乡全面推进法律进村入户，营造了浓厚的学法守法氛围。\n"
               "（一）加强宣传。发放宣传资料300份，开展集中宣传6次。\n")
    assert kind_of(summary)[0] != "report"


@pytest.mark.parametrize("body, kind", [
    ("政协", "cppcc_report"),
    ("人大常委会", "npc_report"),
    ("人民法院", "court_report"),
])
def test_the_own_office_of_another_body_telling_its_rule_of_law_year_is_no_government_report(body, kind):
    text = (f"2024年，桐溪县{body}机关深入学习习近平法治思想，坚持把机关法治建设与履职工作结合起来，"
            "机关法治建设取得新进展。\n一、主要工作情况\n1.学法常态化。全年组织集中学法6次，举办法治讲座2次。\n")
    assert kind_of(text)[0] == kind
    # a government department telling the same year is the department's report
    assert kind_of(text.replace(f"{body}机关", "司法局"))[0] == "report"


def test_a_sample_whose_own_unit_is_starred_where_a_sentence_opens_is_a_template():
    text = ("2016年乡依法行政工作总结报告 2016年以来，*乡依法行政工作坚持以人民为中心，围绕全乡中心工作，"
            "依法行政工作顺利推进。一、2016年主要工作 （一）健全制度，强化领导。乡政府将依法行政摆上议事日程。")
    assert fazhi.analyze_text(text).metadata.doc_type == "template"


def test_a_legislatures_own_review_of_its_year_is_no_government_report():
    text = ("发挥法治引领作用 助推法治建设\n——某市第十七届人大常委会2022年推进法治建设工作综述\n\n"
            "2022年，市人大常委会自觉担负起人大在法治建设中的使命任务，扎实做好立法工作。\n"
            "维护宪法权威\n市人大常委会组织宪法宣誓。全年备案审查规范性文件8件。\n")
    assert fazhi.analyze_text(text).metadata.doc_type == "npc_report"


def test_an_annual_report_titled_as_such_stays_a_report_when_its_body_calls_itself_a_self_check():
    body = ("\n根据市依法治市办要求，我县对照实施纲要开展了自查，现将自查情况报告如下：\n一、主要工作及成效\n"
            "（一）加强党的领导。县政府常务会会前学法12次。\n二、存在的问题\n基层执法力量不足。\n三、下一步工作打算\n"
            "继续推进法治政府建设。\n")
    assert fazhi.analyze_text("石泉县人民政府关于2020年度法治政府建设工作情况的报告" + body).metadata.doc_type == "report"
    # a self-check titled as one stays a self-check
    assert fazhi.analyze_text("石泉县关于法治政府建设督察自查情况的报告" + body).metadata.doc_type == "self_check"
