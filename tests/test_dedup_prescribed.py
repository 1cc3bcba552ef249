"""near_duplicate ignores text the rules prescribe: the headings of the five required contents
and the quoted sentences of the 纲要 (fazhi/data/prescribed.toml); real copying is still found."""
from __future__ import annotations

import json
from pathlib import Path

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus, dedup

# Two townships' reports, written for this test: different work, the same prescribed
# headings, and the same sentence of the 纲要 in their plans.
TOWNSHIP_A = """城关镇2023年度法治政府建设情况的报告
2023年，城关镇在县委县政府领导下推进法治政府建设，现将有关情况报告如下。
一、2023年度推进法治政府建设的主要举措和成效
（一）规范行政执法。城关镇综合行政执法队全年办理行政处罚案件27件，罚没款4.2万元，全部录入执法平台，案卷评查合格率100%。
（二）化解矛盾纠纷。镇村两级调解组织受理纠纷186件，调解成功179件，其中土地承包纠纷58件，邻里纠纷71件。
二、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记主持召开专题会议4次，研究部署依法治镇工作；镇长带头参加法治讲座，全年旁听庭审1次。
三、存在的不足和原因
一是村级法律顾问作用发挥不充分，部分村全年咨询不足5次；二是执法队人员流动大。原因是基层法治人才缺乏，培训经费保障不足。
四、2024年度推进法治政府建设的主要安排
加快推进行政执法规范化建设，到2025年，政府行为全面纳入法治轨道，职责明确、依法行政的政府治理体系日益健全。计划组织执法人员培训6期，完成村级法律顾问全覆盖。
城关镇人民政府
2024年3月18日
"""

TOWNSHIP_B = """河西乡2023年度法治政府建设情况的报告
2023年，河西乡以建设法治乡村为目标，扎实推进各项工作，现将有关情况报告如下。
一、2023年度推进法治政府建设的主要举措和成效
（一）完善决策程序。乡政府重大事项均经合法性审查，审查乡政府合同12份，提出修改意见31条。
（二）推进普法宣传。在集市日开展送法下乡活动9场，发放宣传资料3200份，培育法律明白人45名。
二、党政主要负责人履行推进法治建设第一责任人职责情况
乡长将法治建设纳入年度工作要点，听取司法所工作汇报3次，签批整改事项7项。
三、存在的不足和原因
普法形式单一，对外出务工人员覆盖不够；乡级执法力量薄弱。原因主要是人员编制少、宣传阵地建设滞后。
四、2024年度推进法治政府建设的主要安排
到2025年，政府行为全面纳入法治轨道，职责明确、依法行政的政府治理体系日益健全。乡里将新建法治文化广场1处，开展执法培训3次。
河西乡人民政府
2024年3月25日
"""

PRESCRIBED_HEADINGS = ("主要举措和成效", "第一责任人职责", "存在的不足和原因", "主要安排")


def write_townships(d: Path) -> None:
    d.mkdir(parents=True, exist_ok=True)
    (d / "城关镇.txt").write_text(TOWNSHIP_A, "utf-8")
    (d / "河西乡.txt").write_text(TOWNSHIP_B, "utf-8")


def _masked(clause: str) -> str:
    return dedup._masked(dedup._clause_norm(clause), dedup.Context())


def test_prescribed_headings_are_recognised_in_their_usual_forms() -> None:
    for h in ("2023年度推进法治政府建设的主要举措和成效", "一年来推进法治政府建设的主要举措和成效", "主要工作措施及成效",
              "存在的不足和原因", "推进法治政府建设存在的主要问题及原因分析",
              "党政主要负责人履行推进法治建设第一责任人职责情况", "二党政主要负责人履行推进法治建设第一责任人职责情况",
              "2024年度推进法治政府建设的主要安排", "下一年度工作打算", "其他需要报告的情况"):
        assert dedup.is_prescribed_heading(_masked(h)), h
    for own in ("城关镇综合行政执法队全年办理行政处罚案件27件", "镇党委书记主持召开专题会议4次",
                "普法形式单一", "主要举措和成效显著的原因在于领导重视"):
        assert not dedup.is_prescribed_heading(_masked(own)), own


def test_quoted_rules_are_not_own_text() -> None:
    s = dedup.settings()
    text = "到2025年，政府行为全面纳入法治轨道，职责明确、依法行政的政府治理体系日益健全，行政执法体制机制基本完善。\n"
    assert dedup.own_passages(text, frozenset(), s) == []  # nothing of its own left to compare


def test_townships_sharing_prescribed_text_are_not_copies(tmp_path: Path) -> None:
    write_townships(tmp_path / "r")
    with Corpus(tmp_path / "c.duckdb") as c:
        stats = ingest(c, [str(tmp_path / "r")], workers=1).crosscheck
        assert stats["near_duplicate"] == 0, c.findings(check="near_duplicate")["message"].tolist()


def test_copying_beside_prescribed_headings_is_still_found(tmp_path: Path) -> None:
    d = tmp_path / "r"
    write_townships(d)
    copied = "（一）化解矛盾纠纷。镇村两级调解组织受理纠纷186件，调解成功179件，其中土地承包纠纷58件，邻里纠纷71件。"
    b = TOWNSHIP_B.replace("（二）推进普法宣传。", copied.replace("镇村", "乡村") + "\n（二）推进普法宣传。")
    (d / "河西乡.txt").write_text(b, "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d)], workers=1)
        df = c.findings(check="near_duplicate")
        assert len(df) >= 1
        for r in df.to_dict("records"):
            data = json.loads(r["data"])
            assert "调解成功179件" in data["other_quote"]  # the shared passage is named
            assert not any(h in data["other_quote"] for h in PRESCRIBED_HEADINGS)
