"""Figures told in asides and lists: counts and their rate inside one bracket, money totals split
with 其中, parts named by one closing word, a part and "the rest", a class breakdown closing its
line, and a number lost after a closing quote."""
from __future__ import annotations

from tests.test_checks import MEASURES, build, findings, flagged_at


def _with(extra: str) -> str:
    return build(measures=MEASURES + extra)


def test_counts_and_their_rate_told_in_one_aside_relate():
    ok = _with("（四）办理信访。全年办理群众来信来访（收到2214件，按期办结2179件，按期办结率98.4%），"
               "信访总量同比下降5.1%。\n")
    assert not findings(ok, "rate_consistency") and not findings(ok, "count_order")
    assert flagged_at(ok.replace("按期办结2179件", "按期办结2041件"), "rate_consistency", "98.4%")
    above = findings(ok.replace("按期办结2179件", "按期办结2260件"), "count_order")
    assert above and "收到2214" in above[0].message and "(" not in above[0].message
    # a count in an aside of its own is still no base of a rate outside it
    apart = _with("（四）办理信访。受理来访事项（上年为1900件）2214件，按期办结2179件，按期办结率98.4%。\n")
    assert not findings(apart, "rate_consistency")


def test_a_money_total_split_with_qizhong_adds_up():
    ok = _with("（四）经费保障。全年落实法治建设经费（共计736万元，其中县级财政资金412万元、乡镇财政资金208万元、"
               "社会捐助资金116万元），全部专款专用。\n")
    assert not findings(ok, "sum_consistency")
    low = findings(ok.replace("社会捐助资金116万元", "社会捐助资金113万元"), "sum_consistency")
    assert low and "733万元" in low[0].message and "736万元" in low[0].message
    assert findings(ok.replace("县级财政资金412万元", "县级财政资金452万元"), "sum_consistency")
    # a total printed with fewer decimals than its parts is rounded, not wrong
    rounded = _with("（四）经费保障。投入法治宣传资金2.4亿元，其中市本级1.18亿元、区县1.24亿元。\n")
    assert not findings(rounded, "sum_consistency")
    # two parts of different nouns may be only some of the money: below the total is no error
    some = _with("（四）经费保障。全年支出经费736万元，其中培训费120万元、宣传资料印制费88万元。\n")
    assert not findings(some, "sum_consistency")
    # but above it they count some money twice
    assert findings(some.replace("宣传资料印制费88万元", "宣传资料印制费688万元"), "sum_consistency")
    # unless a part cuts across the others
    cross = _with("（四）罚没收入。全年罚没款736万元，其中罚款512万元、涉企罚没款300万元。\n")
    assert not findings(cross, "sum_consistency")


def test_parts_named_by_one_closing_word_may_not_exceed_their_total():
    ok = _with("（四）精简许可。保留行政许可事项205项，其中市本级办理160项、委托区县办理45项，"
               "清单向社会公布。\n")
    assert not findings(ok, "sum_consistency")
    assert findings(ok.replace("保留行政许可事项205项", "保留行政许可事项198项"), "sum_consistency")
    # parts that cut across the others (重大) make no partition of the total
    cross = _with("（四）精简许可。办理许可事项205项，其中网上办理180项、重大事项办理40项。\n")
    assert not findings(cross, "sum_consistency")


def test_a_part_and_the_rest_make_the_total():
    ok = _with("（四）合法性审查。全年提交审议的议题94个，经合法性审查的87个，其余7个为情况通报，无需审查。\n")
    assert not findings(ok, "sum_consistency")
    assert flagged_at(ok.replace("其余7个", "其余9个"), "sum_consistency", "94个")
    assert findings(ok.replace("审查的87个", "审查的83个"), "sum_consistency")
    # with two earlier counts the rest may be of either: stay silent
    two = _with("（四）行政复议。收到申请61件，受理57件，审结52件，其余5件正在审理。\n")
    assert not findings(two, "sum_consistency")


def test_a_class_breakdown_closing_its_line_is_the_whole():
    ok = _with("（四）综合执法。\n办理执法案件：96件，其中市容类41件、环保类33件、交通类22件\n")
    assert not findings(ok, "sum_consistency")
    assert findings(ok.replace("环保类33件", "环保类31件"), "sum_consistency")
    # a list said to name the main classes only is not the whole
    main = _with("（四）综合执法。办理执法案件96件，主要为市容类41件、环保类33件、交通类12件。\n")
    assert not findings(main, "sum_consistency")


def test_a_number_lost_after_a_closing_quote_or_title_mark():
    lost = _with("（四）普法。全镇培育“学法用法示范户”户，评选“法治带头人”名。\n")
    assert flagged_at(lost, "missing_text", "”名")
    ok = _with("（四）普法。全镇评选“法治带头人”12名，印发《村规民约》范本3件。\n")
    assert not findings(ok, "missing_text")
