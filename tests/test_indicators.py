"""Phrasings reports use for the indicators of fazhi/data/indicators.toml, one sentence each."""
from __future__ import annotations

import pytest

import fazhi

CASES = [
    ("全年收到行政复议申请236件，受理218件，办结206件。", [("reconsideration.applications", 236),
                                                ("reconsideration.received", 218), ("reconsideration.closed", 206)]),
    ("全年受理行政复议案件64件，办结58件，结案率为95.3%。", [("reconsideration.closure_rate", 95.3)]),
    ("行政机关负责人出庭应诉率达到100%。", [("litigation.head_appearance_rate", 100)]),
    ("全年全旗行政执法机关作出行政处罚决定1532件。", [("enforcement.cases", 1532)]),
    ("全县共查处违法案件86件，罚没款120万元。", [("enforcement.cases", 86)]),
    ("全区人民调解组织调解矛盾纠纷6825件，调解成功6716件，调解成功率98.4%。",
     [("mediation.disputes", 6825), ("mediation.resolved", 6716), ("mediation.success_rate", 98.4)]),
    ("全年审核行政规范性文件9件、合同协议163件。", [("normative_docs.reviewed", 9), ("legal_review.contracts", 163)]),
    ("全年受理行政复议案件64件和行政应诉案件30件。", [("reconsideration.received", 64)]),
    ("审核各类文件162份，审查合同协议50件。", [("legal_review.documents", 162), ("legal_review.contracts", 50)]),
    ("全县现有行政执法人员1386人。", [("enforcement.personnel", 1386)]),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:12] for c in CASES])
def test_phrasing_maps_to_indicator(sentence: str, expected: list[tuple[str, float]]) -> None:
    text = f"某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{sentence}\n"
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(text).figures}
    for ind, value in expected:
        assert (ind, value) in got, got
