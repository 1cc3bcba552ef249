"""Outline forms without an ordinary numbered heading line: parts headed by a title in 【】,
and a numeral standing alone on its line with the title on the next one."""
from __future__ import annotations

import fazhi
from tests.test_checks import findings

_BRACKETS = ("安平市2024年法治政府建设情况报告\n发布时间：2025-03-11\n\n"
             "【一年来的主要工作】\n1.规范行政决策。市政府重大行政决策事项8项，全部经合法性审查。\n"
             "2.严格行政执法。全市办理行政处罚案件3120件。\n"
             "【主要负责人履职情况】\n市长主持市政府常务会议专题研究法治工作6次。\n"
             "【存在的问题】\n一是执法人员培训不足；二是乡镇审查力量薄弱。原因是专业人员少。\n"
             "【2025年工作安排】\n1.开展执法案卷评查。\n2.推进乡镇合法性审查全覆盖。\n")


def test_parts_headed_in_square_brackets():
    r = fazhi.analyze_text(_BRACKETS)
    tops = [(s.title, s.role) for s in r.sections if s.level == 1]
    assert tops == [("一年来的主要工作", "measures"), ("主要负责人履职情况", "first_responsibility"),
                    ("存在的问题", "shortcomings"), ("2025年工作安排", "next_year_plan")]
    assert all(c.present for c in r.required_contents.values())
    # headings with no numeral have no numbering to check; the plan's own items do
    assert findings(_BRACKETS, "heading_numbering") == []
    assert findings(_BRACKETS.replace("2.推进乡镇", "推进乡镇"), "heading_numbering")
    cut = _BRACKETS.replace("【存在的问题】\n一是执法人员培训不足；二是乡镇审查力量薄弱。原因是专业人员少。\n", "")
    assert findings(cut, "shortcomings_missing")


def test_square_brackets_under_a_numbered_part_nest_under_it():
    text = ("安平市2024年法治政府建设情况报告\n发布时间：2025-03-11\n\n一、一年来的主要工作\n"
            "【依法决策】\n市政府重大行政决策事项8项，全部经合法性审查。\n【严格执法】\n全市办理行政处罚案件3120件。\n"
            "二、主要负责人履职情况\n市长主持市政府常务会议专题研究法治工作6次。\n"
            "三、存在的问题\n一是执法人员培训不足；二是乡镇审查力量薄弱。原因是专业人员少。\n"
            "四、2025年工作安排\n1.开展执法案卷评查。\n2.推进乡镇合法性审查全覆盖。\n")
    r = fazhi.analyze_text(text)
    assert [s.numeral for s in r.sections if s.level == 1] == ["一、", "二、", "三、", "四、"]
    assert [s.title for s in r.sections if s.parent == 0 and s.style == "【】"] == ["依法决策", "严格执法"]
    assert findings(text, "heading_numbering") == []


def test_buttons_and_prompts_in_square_brackets_are_no_headings():
    text = _BRACKETS.replace("2.严格行政执法", "【请补充：全年案件数】\n2.严格行政执法")
    r = fazhi.analyze_text(text)
    assert "请补充:全年案件数" not in [s.title for s in r.sections]
    assert [s.title for s in r.sections if s.level == 1][0] == "一年来的主要工作"


_LONE = ("河川省文化和旅游厅2022年度法治政府建设情况报告\n发布日期：2023-02-20\n\n"
         "第一部分\n2022年法治政府建设主要举措\n1．完善制度。制定行政规范性文件3件。\n2．规范执法。办理行政处罚案件214件。\n"
         "第二部分\n厅主要负责人履行推进法治建设第一责任人职责情况\n厅长主持厅党组会议研究法治工作4次。\n"
         "第三部分\n存在的问题和原因\n一是执法文书不规范。原因是培训不足。\n"
         "第四部分\n2023年工作计划\n1．开展执法稽查。\n2．修订权责清单。\n")


def test_numeral_alone_on_its_line_takes_the_next_line_as_its_title():
    r = fazhi.analyze_text(_LONE)
    tops = [(s.numeral, s.title, s.role) for s in r.sections if s.level == 1]
    assert tops == [("第一部分", "2022年法治政府建设主要举措", "measures"),
                    ("第二部分", "厅主要负责人履行推进法治建设第一责任人职责情况", "first_responsibility"),
                    ("第三部分", "存在的问题和原因", "shortcomings"), ("第四部分", "2023年工作计划", "next_year_plan")]
    assert all(c.present for c in r.required_contents.values())
    assert findings(_LONE, "heading_numbering") == []
    assert findings(_LONE.replace("第三部分\n", "第四部分\n", 1), "heading_numbering")
    # a numeral line followed by a sentence is no heading of that sentence
    prose = _LONE.replace("第二部分\n厅主要负责人履行推进法治建设第一责任人职责情况\n", "第二部分\n厅长主持会议，研究法治工作。\n")
    assert "厅长主持会议,研究法治工作" not in [s.title for s in fazhi.analyze_text(prose).sections]


_LABELS = ("安平市某区2023年法治政府建设年度报告\n发布日期：2024-03-12\n\n"
           "2023年，某区扎实推进法治政府建设。现将有关情况报告如下。\n"
           "板块一：依法决策\n区政府重大行政决策事项7项，均经合法性审查。\n"
           "板块二：规范执法\n全区办理行政处罚案件2210件。\n"
           "板块三：第一责任人\n区长主持区政府常务会议专题研究法治工作5次。\n"
           "板块四：问题与不足\n一是镇街审查力量薄弱。原因是专业人员少。\n"
           "板块五：2024年打算\n一是开展执法案卷评查；二是充实复议力量。\n")


def test_headings_numbered_after_a_label_word():
    r = fazhi.analyze_text(_LABELS)
    tops = [(s.numeral, s.role) for s in r.sections if s.level == 1]
    assert [n for n, _ in tops] == ["板块一:", "板块二:", "板块三:", "板块四:", "板块五:"]
    assert [role for _, role in tops] == ["measures", "measures", "first_responsibility", "shortcomings", "next_year_plan"]
    assert all(r.required_contents[k].present for k in ("first_responsibility", "shortcomings", "next_year_plan"))
    assert findings(_LABELS, "heading_numbering") == []
    skipped = findings(_LABELS.replace("板块三：", "板块四：", 1), "heading_numbering")
    assert any("板块三" in f.message for f in skipped)
    # a label met once opens a sentence, not a part
    once = fazhi.analyze_text("某县2023年法治政府建设年度报告\n\n原因一：培训不足\n全县执法人员培训不足。\n")
    assert not any(s.style.startswith("label:") for s in once.sections)


def test_markdown_hashes_and_a_numeral_parted_by_a_space():
    text = ("安平县2023年法治政府建设情况报告\n发布日期：2024-03-12\n\n"
            "## 一、主要举措和成效\n### （一）规范执法\n全县办理行政处罚案件2210件。\n### （二）化解纠纷\n调解纠纷860件。\n"
            "## 二、主要负责人履行推进法治建设第一责任人职责情况\n县长主持研究法治工作5次。\n"
            "三　存在的问题\n一是审查力量薄弱。原因是专业人员少。\n"
            "四　2024年工作打算\n（一）开展执法案卷评查。\n（二）充实复议力量。\n")
    r = fazhi.analyze_text(text)
    tops = [(s.number, s.role) for s in r.sections if s.level == 1]
    assert tops == [(1, "measures"), (2, "first_responsibility"), (3, "shortcomings"), (4, "next_year_plan")]
    assert [s.title for s in r.sections if s.level == 2 and s.style == "(一)"][:2] == ["规范执法", "化解纠纷"]
    assert findings(text, "heading_numbering") == []
    assert findings(text.replace("四　2024年", "五　2024年"), "heading_numbering")
    # a numeral and a space opening a sentence is no heading
    prose = fazhi.analyze_text(text.replace("三　存在的问题\n", "三　是审查意见采纳不够，需改进。\n"))
    assert not any(s.title.startswith("是审查") for s in prose.sections)


def test_top_level_in_the_numerals_of_accounts():
    text = ("安平县某街道2024年度法治政府建设情况报告\n发布日期：2025-03-06\n\n"
            "壹、主要工作举措和成效\n一是规范决策，审议重大事项17项。二是推进执法，办理案件88件。\n"
            "贰、街道党工委书记、办事处主任履行推进法治建设第一责任人职责情况\n主持研究法治工作3次。\n"
            "叁、存在的不足和原因\n执法力量不足。原因在于编制紧张。\n"
            "肆、2025年工作计划\n一是推行联动执法；二是扩大法律顾问服务。\n")
    r = fazhi.analyze_text(text)
    assert [(s.number, s.role) for s in r.sections if s.level == 1] == [
        (1, "measures"), (2, "first_responsibility"), (3, "shortcomings"), (4, "next_year_plan")]
    assert findings(text, "heading_numbering") == []
    assert findings(text.replace("叁、存在", "肆、存在"), "heading_numbering")


def test_a_table_of_contents_above_the_text_is_no_outline():
    toc = ("目　录\n一、主要举措和成效……………………1\n二、主要负责人履行推进法治建设第一责任人职责情况……3\n"
           "三、存在的不足和原因……………………4\n四、2024年工作打算……………………4\n\n")
    text = _LONE.replace("第一部分\n", toc + "第一部分\n", 1)
    r = fazhi.analyze_text(text)
    assert not any("…" in s.title for s in r.sections)
    assert findings(text, "heading_numbering") == [] and findings(text, "measures_missing") == []
    # the contents' entry naming the first-responsibility part is not that part
    cut = text.replace("第二部分\n厅主要负责人履行推进法治建设第一责任人职责情况\n厅长主持厅党组会议研究法治工作4次。\n", "")
    assert findings(cut, "first_responsibility_missing")


_SYMBOLS = ("平川街道2024年法治政府建设工作报告\n发布日期：2025-01-15\n\n"
            "◆ 一年来的主要工作\n"
            "【强学习，提能力】\n街道班子集体学法4次，组织社区干部培训2期。\n"
            "【守程序，防风险】\n审查街道合同36份，提出修改意见52条。\n"
            "◆ 主要负责人履职情况\n街道党工委书记主持专题研究法治工作3次。\n"
            "◆ 存在的问题\n一是执法文书制作不够规范；二是社区法律顾问作用发挥不足。原因是专职人员少。\n"
            "◆ 2025年工作打算\n一要开展执法文书专项评查；二要建立社区法律顾问服务台账。\n")


def test_parts_led_by_a_symbol_with_paired_bracket_titles_under_them():
    r = fazhi.analyze_text(_SYMBOLS)
    tops = [(s.title, s.role) for s in r.sections if s.level == 1]
    assert tops == [("一年来的主要工作", "measures"), ("主要负责人履职情况", "first_responsibility"),
                    ("存在的问题", "shortcomings"), ("2025年工作打算", "next_year_plan")]
    subs = [s.title for s in r.sections if s.level == 2 and s.style == "【】"]
    assert subs == ["强学习,提能力", "守程序,防风险"]
    assert all(c.present for c in r.required_contents.values())
    assert findings(_SYMBOLS, "heading_numbering") == []
    cut = _SYMBOLS.replace("◆ 2025年工作打算\n一要开展执法文书专项评查；二要建立社区法律顾问服务台账。\n", "")
    assert findings(cut, "next_year_plan_missing")


def test_a_symbol_before_a_sentence_heads_nothing():
    text = _SYMBOLS.replace("【守程序，防风险】\n", "◆ 审查街道合同36份，提出修改意见52条，均已采纳。\n")
    r = fazhi.analyze_text(text)
    assert not any("合同" in s.title for s in r.sections)
    # a bracket title whose comma parts a sentence, not two short clauses, is no heading either
    long = _SYMBOLS.replace("【守程序，防风险】", "【街道在全年审查合同的过程中始终坚持依法依规，防风险】")
    assert "守程序,防风险" not in [s.title for s in fazhi.analyze_text(long).sections]


_DECIMALS = ("江岭市2025年法治政府建设年度报告\n发布时间：2026-02-20\n\n"
             "1. 主要举措和成效\n1.1 科学民主决策\n市政府审议重大行政决策事项7项。\n"
             "1.2 规范行政执法\n全市办理行政处罚案件2140件。\n1.3 化解行政争议\n审结行政复议案件188件。\n"
             "2. 党政主要负责人履行推进法治建设第一责任人职责情况\n市长主持常务会议研究法治工作4次。\n"
             "3. 存在的不足和原因\n一是执法文书不规范；二是复议纠错率偏高。原因是培训不足。\n"
             "4. 2026年工作安排\n开展执法文书专项评查，推动复议案件繁简分流。\n")


def test_headings_numbered_with_their_parts_number_and_a_point():
    r = fazhi.analyze_text(_DECIMALS)
    subs = [(s.numeral, s.title, s.level) for s in r.sections if s.style == "1.x"]
    assert subs == [("1.1", "科学民主决策", 2), ("1.2", "规范行政执法", 2), ("1.3", "化解行政争议", 2)]
    assert [s.role for s in r.sections if s.level == 1] == ["measures", "first_responsibility", "shortcomings",
                                                            "next_year_plan"]
    assert findings(_DECIMALS, "heading_numbering") == []
    assert any("1.2" in f.message for f in findings(_DECIMALS.replace("1.3 化解", "1.4 化解"), "heading_numbering"))


def test_a_decimal_opening_a_line_is_no_heading():
    text = _DECIMALS.replace("全市办理行政处罚案件2140件。", "1.5万人次参加年度学法考试。\n2.3个百分点的提升来自复议纠错。")
    r = fazhi.analyze_text(text)
    assert [s.numeral for s in r.sections if s.style.endswith(".x")] == ["1.1", "1.2", "1.3"]
    assert findings(text, "heading_numbering") == []


def test_a_lone_symbol_line_is_a_byline_not_a_part():
    text = "■ 平川县司法局\n" + _SYMBOLS.replace("◆ 主要负责人履职情况\n", "")
    r = fazhi.analyze_text(text)
    assert "平川县司法局" not in [s.title for s in r.sections]
    one = _SYMBOLS.replace("◆ 主要负责人履职情况", "主要负责人履职情况").replace("◆ 存在的问题", "存在的问题") \
        .replace("◆ 2025年工作打算", "2025年工作打算")
    assert not any(s.style.startswith("sym:") for s in fazhi.analyze_text(one).sections)


_PADDED = ("云溪区2024年法治政府建设年度报告\n发布时间：2025-02-12\n\n"
           "　　2024年，区政府持续推进法治政府建设，现报告如下。\n"
           "01｜主要举措和成效\n◎规范行政决策\n　　区政府审议重大行政决策事项4项，均经合法性审查。\n"
           "◎严格行政执法\n　　全区评查行政执法案卷210卷，合格203卷。\n"
           "02 | 主要负责人履职情况\n　　区长主持区政府常务会议研究法治工作5次。\n"
           "03｜存在的不足和原因\n　　乡镇执法力量不足，原因是编制有限。\n"
           "04｜2025年工作安排\n　　开展执法案卷专项评查，推进合法性审查全覆盖。\n")


def test_parts_numbered_01_with_a_bar_are_the_top_level():
    r = fazhi.analyze_text(_PADDED)
    tops = [(s.number, s.role) for s in r.sections if s.level == 1]
    assert tops == [(1, "measures"), (2, "first_responsibility"), (3, "shortcomings"), (4, "next_year_plan")]
    assert [s.title for s in r.sections if s.level == 2] == ["规范行政决策", "严格行政执法"]
    assert all(c.present for c in r.required_contents.values())
    assert findings(_PADDED, "heading_numbering") == []
    skipped = _PADDED.replace("03｜存在", "04｜存在")
    assert findings(skipped, "heading_numbering")
    # a row of a table kept with bars is no heading, nor is one such line alone
    row = _PADDED.replace("◎严格行政执法\n", "12 | 行政执法案卷评查 | 210卷\n◎严格行政执法\n")
    assert [s.number for s in fazhi.analyze_text(row).sections if s.level == 1] == [1, 2, 3, 4]
    lone = "某县2024年法治政府建设年度报告\n\n07 | 县司法局供稿\n　　一、主要举措\n　　县政府审议决策事项4项。\n"
    assert not any(s.style == "01|" for s in fazhi.analyze_text(lone).sections)


_QA = ("溪口县应急管理局2024年法治政府建设年度报告\n发布时间：2025-01-20\n\n"
       "　　本报告采用问答形式说明我局2024年法治政府建设情况。\n"
       "　　一、2024年做了哪些工作？\n"
       "　　问：安全生产执法情况如何？\n　　答：全年检查企业312家次，立案查处违法案件27件。\n"
       "　　问：局长怎样履行推进法治建设的职责？\n"
       "　　答：局长履行第一责任人职责，主持局党委会研究法治工作4次。\n"
       "　　二、还有哪些不足？\n　　答：执法人员不足，原因是编制有限。\n"
       "　　三、2025年打算怎么做？\n　　答：开展执法人员轮训，推行非现场执法。\n")


def test_a_question_on_the_first_responsibility_holds_its_answer():
    r = fazhi.analyze_text(_QA)
    c = r.required_contents["first_responsibility"]
    assert c.present and "主持局党委会研究法治工作4次" in r.work[c.start:c.end]
    # a question asked in the words of the duty: the answer is still its content
    asked = _QA.replace("局长怎样履行推进法治建设的职责？", "局长怎样履行第一责任人职责？")
    r = fazhi.analyze_text(asked)
    c = r.required_contents["first_responsibility"]
    assert c.present and "主持局党委会研究法治工作4次" in r.work[c.start:c.end]
    gone = asked.replace("　　问：局长怎样履行第一责任人职责？\n", "").replace(
        "　　答：局长履行第一责任人职责，主持局党委会研究法治工作4次。\n", "")
    assert findings(gone, "first_responsibility_missing")
