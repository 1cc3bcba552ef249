"""Each rule kind on self-written reports (tests/scoring_samples.py), positive and negative,
and the score's shape in the analysis record."""
from __future__ import annotations

import pytest

import fazhi
from fazhi.scoring import default_rubric, score
from fazhi.scoring.rubric import parse_text

from .scoring_samples import SAMPLES, Sample


def items(report) -> dict:
    return {iid: it for part in report.score["parts"].values() for iid, it in part["items"].items()}


def quote(report, span) -> str:
    return report.text[span[0]:span[1]]


@pytest.fixture(scope="module")
def reports():
    return {s.name: fazhi.analyze_text(s.text(), source=s.name + ".txt") for s in SAMPLES}


def test_every_report_is_scored_in_the_record(reports):
    r = reports["full"]
    rec = r.to_dict()
    sc = rec["score"]
    assert sc["rubric"] == {"name": "fazhi-default", "version": "1.0", "digest": default_rubric().digest}
    assert sc["max"] == 100
    assert sc["total"] == pytest.approx(sum(p["score"] for p in sc["parts"].values()))
    for part in sc["parts"].values():
        assert part["score"] == pytest.approx(sum(i["score"] for i in part["items"].values()))
        for it in part["items"].values():
            assert it["score"] == pytest.approx(it["max"] * it["code"])
            assert it["reason"]
            for s, e in it["evidence"]:
                assert 0 <= s < e <= len(r.text)
    assert rec["coverage"]["outline"]["id"] == "2021-2025"


def test_content_items(reports):
    full, no_causes, no_first = items(reports["full"]), items(reports["no_causes"]), items(reports["no_figures"])
    assert full["causes"]["code"] == 1 and full["causes"]["value"] == "present"
    assert "原因" in quote(reports["full"], full["causes"]["evidence"][0])
    assert no_causes["causes"]["code"] == 0 and no_causes["causes"]["evidence"] == []
    assert no_causes["causes"]["reason"] == "报告未写明“不足的原因”"
    assert full["first_responsibility"]["code"] == 1
    assert "第一责任人" in quote(reports["full"], full["first_responsibility"]["evidence"][0])
    assert no_first["first_responsibility"]["code"] == 0
    for k in ("measures", "shortcomings", "next_year_plan"):
        assert full[k]["code"] == 1
        c = reports["full"].required_contents[k]
        assert full[k]["evidence"] == [[c.start, c.end]]


def test_first_responsibility_only_in_the_plan_is_plan_only():
    text = Sample("p", first_responsibility=False).text().replace(
        "2024年6月底前出台", "严格落实政府主要负责人推进法治建设第一责任人职责。2024年6月底前出台")
    r = fazhi.analyze_text(text)
    it = items(r)["first_responsibility"]
    assert it["value"] == "plan_only" and it["code"] == 0
    assert "只出现在下一年度工作安排中" in it["reason"]
    assert "第一责任人" in quote(r, it["evidence"][0])
    # a rubric may give partial credit for it, without code
    lenient = parse_text(default_rubric().text.replace('content = "first_responsibility"',
                                                       'content = "first_responsibility"\nlevels = { plan_only = 0.5 }'), "toml")
    assert items_of(score(r, lenient))["first_responsibility"]["score"] == 5


def items_of(sc: dict) -> dict:
    return {iid: it for part in sc["parts"].values() for iid, it in part["items"].items()}


def test_timeliness(reports):
    full, late, nodate = items(reports["full"]), items(reports["late"]), items(reports["no_date"])
    assert (full["timeliness"]["value"], full["timeliness"]["code"]) == ("on_time", 1)
    assert quote(reports["full"], full["timeliness"]["evidence"][0]) == "2024-03-20"
    assert (late["timeliness"]["value"], late["timeliness"]["code"]) == ("late", 0)
    assert "2024年4月8日" in late["timeliness"]["reason"]
    assert (nodate["timeliness"]["value"], nodate["timeliness"]["code"]) == ("no_date", 0)
    on_day = fazhi.analyze_text(Sample("d", published="2024-04-01").text())
    assert items(on_day)["timeliness"]["value"] == "on_deadline"
    assert items(on_day)["timeliness"]["code"] == 0.5


def test_findings_items(reports):
    arith = items(reports["arith"])
    assert arith["arithmetic"]["value"] == 1 and arith["arithmetic"]["code"] == 0.5
    assert "95.0%" in quote(reports["arith"], arith["arithmetic"]["evidence"][0])
    assert arith["text_defects"]["value"] == 1 and arith["text_defects"]["code"] == 0.75
    assert quote(reports["arith"], arith["text_defects"]["evidence"][0]) == "进—步"
    full = items(reports["full"])
    assert full["arithmetic"]["code"] == 1 and full["arithmetic"]["evidence"] == []
    assert full["text_defects"]["code"] == 1
    assert full["arithmetic"]["reason"].startswith("未发现")


def test_figure_density_and_core_indicators(reports):
    full, bare = items(reports["full"]), items(reports["no_figures"])
    assert full["figure_density"]["value"] >= 6 and full["figure_density"]["code"] == 1
    assert bare["figure_density"]["value"] < 1 and bare["figure_density"]["code"] == 0
    core = full["core_indicators"]
    assert core["value"] == 4 and core["code"] == 0.75  # 复议, 应诉, 执法, 政务公开
    assert "未报告：规范性文件、重大行政决策、矛盾纠纷调解" in core["reason"]
    assert {quote(reports["full"], e) for e in core["evidence"]} >= {"45件", "2300条"}
    assert bare["core_indicators"]["value"] == 0


def test_specificity(reports):
    full, generic = items(reports["full"]), items(reports["generic_plan"])
    plan = full["plan_specific"]
    # 2024年6月底 (deadline), 《…办法》 (document), 年内完成 (deadline), “扫码入企” (0.5)
    assert plan["value"] >= 3 and plan["code"] == 1
    quoted = {quote(reports["full"], e) for e in plan["evidence"]}
    assert "《青山县行政执法监督办法》" in quoted and "“扫码入企”" in quoted
    assert generic["plan_specific"]["value"] == 0 and generic["plan_specific"]["code"] == 0
    assert "套话约占" in generic["plan_specific"]["reason"]
    # the shortcomings state two figures (76%, 12人)
    assert full["shortcomings_specific"]["value"] == 2 and full["shortcomings_specific"]["code"] == 0.5


def test_coverage_item_and_map(reports):
    full, generic = reports["full"], reports["generic_plan"]
    areas = full.coverage["areas"]
    assert areas["emergencies"]["status"] == "reported"
    assert areas["disputes.reconsideration"]["status"] == "reported"
    assert areas["oversight.disclosure"]["status"] == "reported"
    assert areas["disputes.adjudication"]["status"] == "none"
    assert generic.coverage["areas"]["emergencies"]["status"] == "none"
    assert "突发事件应对" in generic.coverage["missing"]
    a, b = items(full)["gangyao_coverage"], items(generic)["gangyao_coverage"]
    assert a["value"] > b["value"]
    assert "突发事件应对未涉及" in b["reason"]


def test_reports_of_2020_and_before_are_read_against_the_2015_2020_outline(reports):
    cov = reports["old"].coverage
    assert cov["outline"]["id"] == "2015-2020"
    assert "2019" in cov["basis"]
    assert "capacity" in cov["areas"] and "emergencies" not in cov["areas"]


def test_a_book_title_is_not_a_report_on_the_area():
    text = Sample("b", reconsideration=False).text().replace(
        "深化政务公开。", "组织学习《中华人民共和国行政复议法》。深化政务公开。")
    cov = fazhi.analyze_text(text).coverage
    assert cov["areas"]["disputes.reconsideration"]["status"] == "none"


def test_not_a_report_and_unreadable_are_not_scored(tmp_path):
    disclosure = fazhi.analyze_text("青山县人民政府2023年政府信息公开工作年度报告\n"
                                    "一、总体情况\n2023年，我县主动公开政府信息2300条。\n"
                                    "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n")
    assert disclosure.metadata.doc_type != "report"
    assert disclosure.score["total"] is None and "不是法治政府建设年度报告" in disclosure.score["note"]
    assert disclosure.coverage == {}
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = fazhi.analyze(empty)
    assert r.score["total"] is None


def test_a_rule_that_fails_costs_only_its_item(monkeypatch, reports):
    from fazhi.scoring import rubric as rubric_mod

    kind = rubric_mod.RULES["specificity"]

    def boom(report, item):
        raise RuntimeError("boom")

    monkeypatch.setitem(rubric_mod.RULES, "specificity", rubric_mod.RuleKind(
        kind.name, kind.zh, kind.output, kind.params, kind.labels, boom))
    sc = score(reports["full"], default_rubric())
    it = items_of(sc)["plan_specific"]
    assert it["score"] == 0 and "运行出错" in it["reason"]
    assert items_of(sc)["timeliness"]["score"] == 8
