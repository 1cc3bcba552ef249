"""Snippets, in our own words, for the defects the checks were taught to reach by defect
injection (bench/inject.py), and for the correct phrasings they must leave alone."""
from __future__ import annotations

from tests.test_checks import build, findings, flagged_at


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
    plan = ("一是进一步加强组织领导，压实工作责任。\n二是持续深化依法行政，不断提升法治水平。\n"
            "三是切实加强法治宣传，积极营造良好氛围。\n")
    assert findings(build(plan=plan), "generic_text")
