"""The working view: page furniture blanked in place, every offset kept."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.understand.page import blank


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n某县", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4))
def test_blank_keeps_length_and_line_breaks(text: str, raw: list[tuple[int, int]]) -> None:
    """The working view blanks exactly the characters of the spans (overlapping or not), keeping
    every line break: the offsets of everything else stay put."""
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw]
    covered = {i for s, e in spans for i in range(s, e)}
    want = "".join(" " if i in covered and c != "\n" else c for i, c in enumerate(text))
    assert blank(text, spans) == want


def test_a_reports_first_sentence_flattened_onto_a_furniture_line_keeps_its_figures() -> None:
    import fazhi

    text = ("某县司法局2023年法治政府建设工作报告\n"
            "发布时间：2024-03-01 浏览次数：1200 2023年，我局共办理行政复议案件12件，审查规范性文件5件。\n"
            "一、主要工作\n")
    d = fazhi.analyze_text(text).to_dict()
    assert [f["value"] for f in d["figures"]] == [12, 5]
    assert d["metadata"]["published"] == "2024-03-01"
    # furniture alone, or furniture with a short label after it, is still blanked whole
    d = fazhi.analyze_text("某县司法局2023年法治政府建设工作报告\n浏览次数：1200 来源：县司法局，作者：张三\n"
                           "一、主要工作\n办理行政复议案件12件。\n").to_dict()
    assert [f["value"] for f in d["figures"]] == [12]
