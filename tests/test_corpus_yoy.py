"""`yoy_mismatch`: a stated 同比 change is checked against the unit's previous report, with
the rounding of every printed number allowed, and silence whenever the inputs are ambiguous."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus

from .test_corpus_store import report_text, write

LAST = "全年共受理行政复议案件100件，办结95件。12345热线满意率达到95.0%。办理法律援助案件240件。"


def _yoy(tmp_path: Path, last: str, now: str, unit: str = "固安县", last_year: int = 2022) -> list[dict]:
    d = tmp_path / "r"
    write(d, "last.txt", report_text(unit, last_year, published=f"{last_year + 1}-03-01", figures=last))
    write(d, "now.txt", report_text(unit, 2023, published="2024-03-01", figures=now))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d)], workers=1)
        df = c.findings(check="yoy_mismatch")
        out = []
        for r in df.to_dict("records"):
            text = c.text(r["sha256"])
            out.append({**r, "data": json.loads(r["data"]), "evidence": text[r["start"]:r["end"]]})
        return out


def test_true_claims_are_silent(tmp_path: Path) -> None:
    now = ("全年共受理行政复议案件120件，同比增长20%，办结110件。12345热线满意率达到96.1%，同比提高1.1个百分点。"
           "办理法律援助案件228件，同比下降5%。")
    assert _yoy(tmp_path, LAST, now) == []


def test_false_amount_is_flagged_with_the_numbers(tmp_path: Path) -> None:
    (f,) = _yoy(tmp_path, LAST, "全年共受理行政复议案件120件，同比增长25%，办结110件。")
    assert f["unit_name"] == "固安县" and f["report_year"] == 2023 and f["severity"] == "warning"
    assert f["data"]["indicator"] == "reconsideration.received"
    assert (f["data"]["previous_value"], f["data"]["value"], f["data"]["stated_change"]) == (100, 120, 25)
    assert f["data"]["expected_change"] == pytest.approx(20.0)
    assert "同比增长25%" in f["message"] and "2022年100件" in f["message"] and "增长20.0%" in f["message"]
    assert "120件" in f["evidence"] and "25%" in f["evidence"]


def test_wrong_direction_and_wrong_points_are_flagged(tmp_path: Path) -> None:
    found = _yoy(tmp_path, LAST, "全年共受理行政复议案件120件，同比下降20%。12345热线满意率达到96.1%，同比提高2.1个百分点。")
    assert sorted(f["data"]["indicator"] for f in found) == ["hotline.satisfaction_rate", "reconsideration.received"]
    rate = next(f for f in found if f["data"]["points"])
    assert rate["data"]["expected_change"] == pytest.approx(1.1) and "提高1.1个百分点" in rate["message"]


def test_rounding_of_printed_figures_is_allowed(tmp_path: Path) -> None:
    # 100 -> 133 is +33.0%; 33.3% would need 133.3: outside rounding, but 33% printed without decimals is inside
    assert _yoy(tmp_path, LAST, "全年共受理行政复议案件133件，同比增长33%。") == []
    assert len(_yoy(tmp_path / "b", LAST, "全年共受理行政复议案件133件，同比增长33.5%。")) == 1


def test_approximate_claims_only_fail_far_off(tmp_path: Path) -> None:
    assert _yoy(tmp_path, LAST, "全年共受理行政复议案件118件，同比增长近20%。") == []
    assert len(_yoy(tmp_path / "b", LAST, "全年共受理行政复议案件118件，同比增长近50%。")) == 1


@pytest.mark.parametrize("now", [
    "全年共受理行政复议案件120件，较2020年增长50%。",  # not against the previous year
    "全年共受理行政复议案件120件，增长50%。",  # no comparison named
])
def test_other_comparisons_are_not_judged(tmp_path: Path, now: str) -> None:
    assert _yoy(tmp_path, LAST, now) == []


def test_ambiguous_previous_figures_stay_silent_unless_worded_alike(tmp_path: Path) -> None:
    two = "全年共受理行政复议案件100件。另收到行政复议案件130件。"
    # the same words as last year's first statement decide
    assert len(_yoy(tmp_path, two, "全年共受理行政复议案件120件，同比增长50%。")) == 1
    # no statement worded like this year's: silent rather than guess
    assert _yoy(tmp_path / "b", two, "全年新收复议案件120件，同比增长50%。") == []


def test_no_previous_report_or_another_unit_stays_silent(tmp_path: Path) -> None:
    assert _yoy(tmp_path, LAST, "全年共受理行政复议案件120件，同比增长50%。", last_year=2021) == []
    d = tmp_path / "other"
    write(d, "a.txt", report_text("永清县", 2022, published="2023-03-01", figures=LAST))
    write(d, "b.txt", report_text("固安县", 2023, published="2024-03-01", figures="全年共受理行政复议案件120件，同比增长50%。"))
    with Corpus(tmp_path / "o.duckdb") as c:
        ingest(c, [str(d)], workers=1)
        assert c.findings(check="yoy_mismatch").empty


def test_previous_report_arriving_later_triggers_the_check(tmp_path: Path) -> None:
    d1, d2 = tmp_path / "now", tmp_path / "last"
    write(d1, "now.txt", report_text("固安县", 2023, published="2024-03-01",
                                     figures="全年共受理行政复议案件120件，同比增长50%。"))
    write(d2, "last.txt", report_text("固安县", 2022, published="2023-03-01", figures=LAST))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d1)], workers=1)
        assert c.findings(check="yoy_mismatch").empty
        ingest(c, [str(d2)], workers=1)
        assert list(c.findings(check="yoy_mismatch")["report_year"]) == [2023]
