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


def _m(line: str) -> str:
    return build(measures="（一）重点工作。" + line + "\n")


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
