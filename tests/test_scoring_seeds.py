"""The default rubric and the coverage map on the five real seed reports (../shared/seeds)
and on the project's example reports (examples/), item by item with the evidence."""
from __future__ import annotations

import pytest

import fazhi

from .conftest import EXAMPLES, SEEDS, needs_seeds

# item id -> code (share of the item's points) the default rubric gives each seed; the
# reasons are in tests below where the evidence is checked
EXPECTED = {
    "000_ccbc009a3967b75c.txt": {  # 永清县 2023: on the deadline day, no causes, one arithmetic doubt
        "measures": 1, "shortcomings": 1, "causes": 0, "first_responsibility": 1, "next_year_plan": 1,
        "timeliness": 0.5, "title_year": 1, "consistency": 1, "figure_density": 1, "core_indicators": 0.75,
        "arithmetic": 0.75, "shortcomings_specific": 0, "plan_specific": 0, "gangyao_coverage": 0.5,
        "text_defects": 0.75},
    "001_1019f52bb0b9dba4.txt": {  # 濉溪县 2019: on time, follows the 2015-2020 纲要 heading by heading
        "measures": 1, "shortcomings": 1, "causes": 0, "first_responsibility": 1, "next_year_plan": 1,
        "timeliness": 1, "title_year": 1, "consistency": 1, "figure_density": 1, "core_indicators": 1,
        "arithmetic": 1, "shortcomings_specific": 0, "plan_specific": 1, "gangyao_coverage": 1,
        "text_defects": 1},
    "002_27068fbfb0d05908.txt": {  # 汉滨区 2023: late, 结案率 wrong, five text defects
        "measures": 1, "shortcomings": 1, "causes": 0, "first_responsibility": 1, "next_year_plan": 1,
        "timeliness": 0, "title_year": 1, "consistency": 1, "figure_density": 1, "core_indicators": 1,
        "arithmetic": 0.5, "shortcomings_specific": 0, "plan_specific": 0, "gangyao_coverage": 1,
        "text_defects": 0.25},
    "003_fb758e20d058b773.txt": {  # untitled 2025: first responsibility only as a plan, no date
        "measures": 1, "shortcomings": 1, "causes": 0, "first_responsibility": 0, "next_year_plan": 1,
        "timeliness": 0, "title_year": 0.5, "consistency": 1, "figure_density": 1, "core_indicators": 1,
        "arithmetic": 1, "shortcomings_specific": 0, "plan_specific": 1, "gangyao_coverage": 0.75,
        "text_defects": 1},
    "004_497932fb36e948c2.txt": {  # 桃林镇 2022: all five contents, 全乡 in a 镇 report, 进—步
        "measures": 1, "shortcomings": 1, "causes": 1, "first_responsibility": 1, "next_year_plan": 1,
        "timeliness": 0, "title_year": 0.5, "consistency": 0.5, "figure_density": 0.5, "core_indicators": 0.25,
        "arithmetic": 1, "shortcomings_specific": 0, "plan_specific": 0, "gangyao_coverage": 0.75,
        "text_defects": 0.75},
}


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present: seed scoring tests skipped")
    return {name: fazhi.analyze(SEEDS / name) for name in EXPECTED}


def items(report) -> dict:
    return {iid: it for part in report.score["parts"].values() for iid, it in part["items"].items()}


def q(report, span) -> str:
    return report.text[span[0]:span[1]]


@needs_seeds
@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_item_code_on_the_seeds(seeds, name):
    got = {k: v["code"] for k, v in items(seeds[name]).items()}
    assert got == EXPECTED[name]


@needs_seeds
def test_totals_are_weights_times_codes(seeds):
    totals = {n: r.score["total"] for n, r in seeds.items()}
    assert totals == {"000_ccbc009a3967b75c.txt": 70.75, "001_1019f52bb0b9dba4.txt": 89,
                      "002_27068fbfb0d05908.txt": 69.25, "003_fb758e20d058b773.txt": 66.5,
                      "004_497932fb36e948c2.txt": 66.25}


@needs_seeds
def test_evidence_and_reasons_on_the_seeds(seeds):
    yq, sx, hb, un, tl = (seeds[n] for n in EXPECTED)
    # 永清县: published on 1 April itself; the evidence is the page's date
    it = items(yq)["timeliness"]
    assert it["value"] == "on_deadline" and q(yq, it["evidence"][0]) == "2024-04-01"
    it = items(yq)["arithmetic"]
    assert it["value"] == 0.5 and "98.16%" in q(yq, it["evidence"][0])
    it = items(yq)["text_defects"]
    assert q(yq, it["evidence"][0]) == "加强领导,统筹推进法治政府建设"
    it = items(yq)["core_indicators"]
    assert it["value"] == 4 and "行政复议（73件）" in it["reason"] and "未报告：规范性文件、重大行政决策、政务公开" in it["reason"]
    # 濉溪县: published 2020-03-30, on time
    it = items(sx)["timeliness"]
    assert it["value"] == "on_time" and q(sx, it["evidence"][0]) == "2020-03-30"
    # 汉滨区: 2 days late; 结案率 87.2% against 41/53
    it = items(hb)["timeliness"]
    assert it["value"] == "late" and q(hb, it["evidence"][0]).startswith("2024-04-02")
    it = items(hb)["arithmetic"]
    assert it["value"] == 1 and "结案率为87.2%" in q(hb, it["evidence"][0])
    it = items(hb)["text_defects"]
    assert it["value"] == 5 and len(it["evidence"]) == 5
    it = items(hb)["plan_specific"]
    assert it["value"] == 0 and "套话约占" in it["reason"]
    # the untitled 2025 report: the first-responsibility duty appears only as next year's plan
    it = items(un)["first_responsibility"]
    assert it["value"] == "plan_only" and "第一责任人职责" in q(un, it["evidence"][0])
    assert un.required_contents["next_year_plan"].start <= it["evidence"][0][0]
    it = items(un)["timeliness"]
    assert it["value"] == "no_date" and it["evidence"] == []
    # 桃林镇: 全乡 in a 镇 report, 进—步, all five contents
    it = items(tl)["consistency"]
    assert q(tl, it["evidence"][0]) == "全乡"
    it = items(tl)["text_defects"]
    assert q(tl, it["evidence"][0]) == "进—步"
    it = items(tl)["causes"]  # the sentence that gives a cause, not the heading that announces causes
    assert "受编制限制和财政不足的影响" in q(tl, it["evidence"][0])
    it = items(tl)["figure_density"]
    assert 2 <= it["value"] < 4 and "每千字" in it["reason"]


@needs_seeds
def test_coverage_map_of_the_seeds(seeds):
    yq, sx, hb, un, tl = (seeds[n] for n in EXPECTED)

    def status(r, area):
        return r.coverage["areas"][area]["status"]

    # 永清县 2023 reports on 行政复议 and 人民调解 (headed sections with figures), not on 突发事件应对
    assert yq.coverage["outline"]["id"] == "2021-2025"
    assert status(yq, "disputes.reconsideration") == "reported"
    assert "4.行政复议效能不断提升" in yq.coverage["areas"]["disputes.reconsideration"]["headings"]
    assert status(yq, "disputes.mediation") == "reported"
    assert yq.coverage["areas"]["disputes.mediation"]["figures"] >= 3  # 386个, 12012件, 1751件 ...
    assert status(yq, "emergencies") == "none" and status(yq, "digital") == "none"
    assert "突发事件应对" in yq.coverage["missing"]
    # 桃林镇 2022 has a section on 突发事件应对; 行政复议 appears only as a law studied
    assert status(tl, "emergencies") == "reported"
    assert any("突发事件" in h for h in tl.coverage["areas"]["emergencies"]["headings"])
    assert status(tl, "disputes.reconsideration") == "none"
    assert status(tl, "disputes.litigation") == "mentioned"  # 代理行政诉讼案件, in passing
    assert status(tl, "disputes.petitions") == "reported"
    # 濉溪县 2019 is read against the 2015-2020 纲要, whose seven tasks it uses as headings
    assert sx.coverage["outline"]["id"] == "2015-2020"
    assert sx.coverage["reported"] == sx.coverage["parts"] == 8
    assert "(三)推进行政决策科学化民主化法治化" in sx.coverage["areas"]["decisions"]["headings"]
    # 汉滨区 2023: a report on 复议 (53件, 41件, 87.2%) and 政务公开, nothing on 突发事件应对
    assert status(hb, "disputes.reconsideration") == "reported"
    assert hb.coverage["areas"]["disputes.reconsideration"]["figures"] >= 3
    assert status(hb, "oversight.disclosure") == "reported"
    assert status(hb, "emergencies") == "none"
    # the 2025 report: 扫码入企 and 智慧检务 are digital government; nothing on 突发事件应对
    assert un.coverage["outline"]["id"] == "2021-2025"
    assert status(un, "digital") == "reported" and status(un, "emergencies") == "none"
    for r in seeds.values():
        cov = r.coverage
        a, b = cov["scope"]
        for area in cov["areas"].values():
            for s, e in area["spans"]:
                assert a <= s < e <= b
            assert (area["status"] == "none") == (area["chars"] == 0 and not area["headings"])


@needs_seeds
def test_the_analyze_record_carries_score_and_coverage(seeds):
    rec = seeds["000_ccbc009a3967b75c.txt"].to_dict()
    assert rec["score"]["rubric"]["name"] == "fazhi-default"
    assert rec["score"]["total"] == 70.75
    assert rec["coverage"]["summary"].startswith("对照《法治政府建设实施纲要（2021—2025年）》")


def _examples():
    return sorted(EXAMPLES.glob("*.txt")) if EXAMPLES.is_dir() else []


@pytest.mark.skipif(not _examples(), reason="examples/*.txt not present yet")
@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_examples_are_scored_with_evidence(path):
    r = fazhi.analyze(path)
    if r.metadata.doc_type != "report":
        assert r.score["total"] is None and r.score.get("note")
        return
    sc = r.score
    assert 0 <= sc["total"] <= sc["max"]
    for it in items(r).values():
        assert 0 <= it["score"] <= it["max"]
        for s, e in it["evidence"]:
            assert 0 <= s < e <= len(r.text)
        if it["code"] < 1 and it["max"] > 0:
            assert it["reason"]
    for key in ("measures", "shortcomings", "causes", "first_responsibility", "next_year_plan"):
        assert items(r)[key]["code"] == (1 if r.required_contents[key].present else 0)
    assert r.coverage["areas"]
