"""A report whose page lost its line breaks (all paragraphs run together) keeps its outline."""
from __future__ import annotations

import fazhi

PARTS = [
    "2023年，在县委的坚强领导下，某某县深入学习贯彻习近平法治思想，法治政府建设取得新进展。现将有关情况报告如下：",
    "一、2023年推进法治政府建设的主要举措和成效",
    "（一）依法全面履行政府职能。县级政务服务事项全程网办率达到95.6%，全年新增市场主体4200户。",
    "（二）依法化解矛盾纠纷。全年收到行政复议申请82件，受理70件，审结68件。",
    "（三）党政主要负责人履行推进法治建设第一责任人职责情况。县委书记、县长认真履行第一责任人职责，主持召开专题会议3次。",
    "二、存在的不足和原因",
    "一是部分行政执法人员法治素养有待提升，主要原因是培训针对性不强；二是合法性审核力量不足。",
    "三、2024年推进法治政府建设的主要安排",
    "一是制定《某某县法治政府建设实施方案》；二是年底前实现乡镇合法性审核全覆盖；三是组织执法人员培训不少于6期。",
]
HEAD = "某某县人民政府关于2023年度法治政府建设情况的报告\n发布时间：2024-03-29\n"
TAIL = "\n某某县人民政府\n2024年3月25日\n"


def _analyse(body: str) -> dict:
    return fazhi.analyze_text(HEAD + body + TAIL).to_dict()


def test_run_together_report_has_the_same_outline_and_contents():
    lines = _analyse("\n".join(PARTS))
    flat = _analyse("".join(PARTS) * 1)
    tops = [s["title"] for s in lines["sections"] if s["level"] == 1]
    assert tops == ["2023年推进法治政府建设的主要举措和成效", "存在的不足和原因", "2024年推进法治政府建设的主要安排"]
    assert [s["title"] for s in flat["sections"] if s["level"] == 1] == tops
    assert {k: v["present"] for k, v in flat["required_contents"].items()} == \
           {k: v["present"] for k, v in lines["required_contents"].items()}
    assert all(v["present"] for v in flat["required_contents"].values())
    assert not [f for f in flat["findings"] if f["check"].endswith("_missing") or f["check"] == "heading_numbering"]


def test_a_long_paragraph_with_inline_numbering_is_not_cut_in_a_normal_report():
    """Only a body whose line breaks were lost is cut: in a normal report a long paragraph that
    lists （一）…（二）… inline stays one paragraph."""
    long_para = ("（一）依法化解矛盾纠纷。" + "全县排查化解矛盾纠纷，" * 30 + "主要包括(一)邻里纠纷和(二)婚姻家庭纠纷。")
    parts = PARTS[:3] + [long_para] + PARTS[4:]
    got = _analyse("\n".join(parts))
    assert [s["title"] for s in got["sections"] if s["level"] == 2][:3] == \
           ["依法全面履行政府职能", "依法化解矛盾纠纷", "党政主要负责人履行推进法治建设第一责任人职责情况"]


def test_short_run_together_tail_whose_numerals_count_up_is_cut():
    """A shorter line (the last parts of a page that lost its breaks) is cut when the top-level
    numerals after its sentence ends count up by one (……。二、…。三、…); a paragraph whose 一、
    and 三、 do not count up stays whole."""
    tail = ("二、存在的不足和原因。一是合法性审核力量不足；二是执法数字化水平不高。主要原因是专业人才缺乏。"
            "三、2024年工作打算。一是实现乡镇合法性审核全覆盖；二是建成行政执法监督平台。")
    text = "\n".join(PARTS[:5]) + "\n" + tail
    tops = [s["title"] for s in _analyse(text)["sections"] if s["level"] == 1]
    assert tops == ["2023年推进法治政府建设的主要举措和成效", "存在的不足和原因", "2024年工作打算"]
    odd = tail.replace("三、2024年", "一、2024年")
    odd_tops = [s["title"] for s in _analyse("\n".join(PARTS[:5]) + "\n" + odd)["sections"] if s["level"] == 1]
    assert "2024年工作打算" not in odd_tops
