"""Arithmetic written in less common shapes: counts given in brackets after their words, a table
written one "item: figure" line at a time, sums of money with a collection rate, review grades,
cases told apart into newly received and carried over, and parts named again in other words."""
from __future__ import annotations

from tests.test_checks import MEASURES, build, findings, flagged_at


def _with(extra: str) -> str:
    return build(measures=MEASURES + extra)


def test_a_count_alone_in_brackets_is_the_count_of_the_words_before_it():
    ok = _with("（四）审批服务。全年办理许可事项（共计3210件），按时办结（3188件），按时办结率99.31%。\n")
    assert not findings(ok, "rate_consistency") and not findings(ok, "count_order")
    wrong = ok.replace("按时办结率99.31%", "按时办结率97.31%")
    assert flagged_at(wrong, "rate_consistency", "97.31%")
    above = ok.replace("（3188件）", "（3290件）")
    assert findings(above, "count_order")


def test_a_bracket_holding_a_list_stays_an_aside():
    text = _with("（四）化解争议。审理复议案件（共计58件，其中维持41件、撤销6件、终止11件）；"
                 "全县调解组织调解成功纠纷917件，调解成功率97.8%。\n")
    assert not findings(text, "count_order")


def test_item_lines_relate_as_one_table():
    block = ("（四）执法监督。主要数据如下：\n案卷评查：250卷\n评查合格：240卷\n评查合格率：96.0%\n"
             "执法人员：1420人\n")
    assert not findings(_with(block), "rate_consistency")
    assert flagged_at(_with(block.replace("96.0%", "93.0%")), "rate_consistency", "93.0%")
    assert findings(_with(block.replace("评查合格：240卷", "评查合格：260卷")), "count_order")


def test_money_paid_in_against_money_due():
    ok = _with("（四）罚没收入。全年应缴罚没款842.50万元，已缴入国库830.15万元，入库率98.5%。\n")
    assert not findings(ok, "rate_consistency")
    assert flagged_at(ok.replace("入库率98.5%", "入库率97.2%"), "rate_consistency", "97.2%")


def test_a_grade_rate_counts_the_grade():
    ok = _with("（四）案卷评查。评查案卷90卷，评为优良84卷，优良率93.3%。\n")
    assert not findings(ok, "rate_consistency")
    assert flagged_at(ok.replace("优良率93.3%", "优良率83.3%"), "rate_consistency", "83.3%")
    assert findings(ok.replace("评为优良84卷", "评为优良96卷"), "count_order")


def test_new_and_carried_over_cases_make_the_cases_handled():
    block = "（四）行政复议。\n收案总数：300件\n其中新收：281件\n上年结转：19件\n审结：290件\n"
    assert not findings(_with(block), "sum_consistency")
    assert findings(_with(block.replace("上年结转：19件", "上年结转：16件")), "sum_consistency")
    # what was closed of them is not their total
    closed = _with("（四）行政复议。全年新收复议申请58件，加上上年结转的6件，共审结61件，结案率95.3%。\n")
    assert not findings(closed, "sum_consistency")
    # nor is a count of another matter a sentence earlier
    other = _with("（四）争议化解。办理应诉案件20件。上年结转信访事项5件，本年新收信访事项90件，办结93件。\n")
    assert not findings(other, "sum_consistency")


def test_parts_named_again_a_little_longer_or_shorter():
    bad = _with("（四）复议应诉。办理行政复议答复和行政应诉案件40件，其中复议答复25件、行政诉讼应诉12件。\n")
    assert findings(bad, "sum_consistency")
    assert not findings(bad.replace("诉讼应诉12件", "诉讼应诉15件"), "sum_consistency")
    # a narrower kind than the one joined in the total's words is no breakdown of it
    narrower = _with("（四）合法性审查。审查文件和合同56件，其中规范性文件20件、合同30件。\n")
    assert not findings(narrower, "sum_consistency")


def test_run_in_titles_before_a_sentence_are_no_table():
    import fazhi
    from fazhi.checks.relations import paragraphs

    table = _with("（四）复议数据。\n收案总数：300件\n审结：290件\n审结率：96.7%\n")
    prose = _with("（四）复议工作。\n依法受理：300件申请全部依法受理并登记\n依法审结：290件案件已审结并送达\n")

    def lines_of(text: str, needle: str) -> int:
        r = fazhi.analyze_text(text)
        a = r.work.find(needle)
        return next(r.work.count("\n", s, e) + 1 for s, e, _f in paragraphs(r) if s <= a < e)

    assert lines_of(table, "收案总数") == 3
    assert lines_of(prose, "依法受理") == 1
