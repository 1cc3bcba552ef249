"""A department's report speaks of its own place as that place does: 全县 in a 县's bureau,
全区 in a 区's, and never the words of a place of another level (text carried over)."""
from __future__ import annotations

from tests.test_checks import findings, flagged_at

_BUREAU = ("{unit}2023年度法治政府建设工作报告\n发布日期：2024-02-22\n\n"
           "2023年，{unit}在{place}委、{place}政府领导下推进依法行政。现将有关情况报告如下。\n"
           "一、主要举措和成效\n{whole}开展普法活动40场次，审查合同26份。\n"
           "二、主要负责人履行推进法治建设第一责任人职责情况\n局长主持局党组会议研究法治工作4次。\n"
           "三、存在的不足和原因\n一是执法文书不够规范；二是普法形式单一。原因是专业人员不足。\n"
           "四、2024年工作安排\n一是开展执法文书评查；二是建设法治文化阵地。\n")


def _bureau(unit: str, place: str, whole: str) -> str:
    return _BUREAU.format(unit=unit, place=place, whole=whole)


def test_a_county_bureau_speaking_of_a_district_is_flagged():
    own = _bureau("临澧县司法局", "县", "全县")
    assert not findings(own, "level_mismatch")
    assert flagged_at(_bureau("临澧县司法局", "县", "全区"), "level_mismatch", "全区")


def test_a_district_bureau_speaking_of_a_county_is_flagged():
    own = _bureau("江岸区市场监督管理局", "区", "全区")
    assert not findings(own, "level_mismatch")
    assert flagged_at(_bureau("江岸区市场监督管理局", "区", "我县"), "level_mismatch", "我县")


def test_a_city_bureau_may_speak_of_its_counties():
    text = _bureau("常德市自然资源和规划局", "市", "指导全市各县区")
    assert not findings(text, "level_mismatch")
    assert flagged_at(_bureau("常德市自然资源和规划局", "市", "我县"), "level_mismatch", "我县")
