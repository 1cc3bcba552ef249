"""The dev-set scorer (bench/devset.py): its own comparison logic on two self-written
records, and a run over the real pages when their texts are present on this machine."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from bench import devset

REPORT_TEXT = ("青禾县人民政府\n2023年度法治政府建设情况报告\n发布时间：2024-03-20\n"
               "2023年，县政府召开第十六届五次常务会议，全年受理行政复议案件27件，"
               "办理法律援助案件310件。")
LOOKALIKE_TEXT = "青禾县召开2024年法治政府建设工作会议\n3月5日，县政府召开会议，部署全年工作。"

REPORT = {"url": "https://example.org/qinghe/report", "kind": "report", "lookalike_kind": None,
          "title": "青禾县人民政府2023年度法治政府建设情况报告", "issuer": "青禾县人民政府", "jurisdiction": "青禾县",
          "level": "county", "department": None, "parent": "松江市", "province": "云江省", "report_year": 2023,
          "published": "2024-03-20", "signed": None,
          "figures": [{"quote": "受理行政复议案件27件", "value": 27, "unit": "件", "indicator": "reconsideration.received"},
                      {"quote": "办理法律援助案件310件", "value": 310, "unit": "件", "indicator": "legal_aid.cases"}],
          "non_figures": ["第十六届五次"], "traps": [], "note": ""}
LOOKALIKE = {"url": "https://example.org/qinghe/news", "kind": "lookalike", "lookalike_kind": "会议新闻",
             "title": None, "issuer": None, "jurisdiction": "青禾县", "level": "county", "department": None,
             "parent": None, "province": None, "report_year": None, "published": None, "signed": None,
             "figures": None, "non_figures": None, "traps": [], "note": ""}


def _fig(text: str, quote: str, value: float, indicator: str | None, kind: str = "count") -> dict:
    i = text.index(quote)
    digits = str(int(value))
    j = text.index(digits, i)
    return {"value": float(value), "start": j, "end": j + len(digits), "indicator": indicator, "kind": kind,
            "quote": quote}


def _got(**over):
    got = {"title": "2023年度法治政府建设情况报告", "jurisdiction": "青禾县人民政府", "level": "county",
           "department": None, "parent": None, "report_year": 2023, "published": "2024-03-20", "signed": None,
           "doc_type": "report", "rejected": False, "rejected_as": None, "figures": []}
    got.update(over)
    return got


def test_fields_figures_and_false_figures_are_tallied():
    t = devset.new_tallies()
    session = REPORT_TEXT.index("十六")
    figures = [_fig(REPORT_TEXT, "受理行政复议案件27件", 27, "reconsideration.received"),
               _fig(REPORT_TEXT, "办理法律援助案件310件", 310, "legal_aid.closed"),
               {"value": 16.0, "start": session, "end": session + 2, "indicator": None, "kind": "count",
                "quote": "第十六届"}]
    devset.compare(REPORT, _got(figures=figures, parent="云江省松江市"), REPORT_TEXT, t)
    assert (t["title"].right, t["title"].total) == (0, 1)           # the place line was dropped
    assert t["jurisdiction"].right == 1                             # 青禾县人民政府 names 青禾县
    assert t["parent"].right == 1                                   # a longer name under its province
    assert (t["figures_found"].right, t["figures_found"].total) == (2, 2)
    assert (t["indicator_ids"].right, t["indicator_ids"].total) == (1, 2)
    assert (t["false_figures"].right, t["false_figures"].total) == (2, 3)
    assert (t["false_nonfigure"].right, t["false_nonfigure"].total) == (2, 3)
    assert devset.rate_of("false_figures", t["false_figures"]) == pytest.approx(1 / 3)


def test_lookalikes_rejections_and_target_kinds():
    t = devset.new_tallies()
    devset.compare(LOOKALIKE, _got(rejected=True, rejected_as="news"), LOOKALIKE_TEXT, t)
    devset.compare(LOOKALIKE, _got(), LOOKALIKE_TEXT, t)
    assert (t["lookalikes_caught"].right, t["lookalikes_caught"].total) == (1, 2)
    session = REPORT_TEXT.index("十六")
    target = {"value": 16.0, "start": session, "end": session + 2, "indicator": None, "kind": "ranking",
              "quote": "第十六届"}
    devset.compare(REPORT, _got(rejected=True, figures=[target]), REPORT_TEXT, t)
    assert devset.rate_of("reports_rejected", t["reports_rejected"]) == 1.0
    assert t["false_figures"].total == 0      # a number fazhi itself marks as not a work figure
    assert t["figures_found"].right == 0


def test_normalisation():
    assert devset.same_place("静海区", "天津市静海区")
    assert not devset.same_place("海区", "静海区")
    assert devset.same_place("北京市通州區", "通州区")      # one place in either script
    assert devset.same_value("title", "某區2021年法治政府建設情況報告", "某区2021年法治政府建设情况报告")
    assert devset.same_dept("三台县市场监督管理局", "三台县市场监管局")
    assert devset.same_dept("三台县市场监督管理局", "四川省三台县市场监督管理局")
    assert not devset.same_dept("三台县市场监督管理局", "市场监督管理局")
    assert devset.same_dept("青禾县卫生健康委员会", "青禾县卫生健康委")   # the official short form 卫生健康委
    assert devset.same_dept("青禾县林业和草原局", "青禾县林草局")
    # any two forms the lexicon reads as one full name, in one place
    assert devset.same_dept("宁陕县科学技术局", "宁陕县科技局")
    assert devset.same_dept("汉中市城市管理委员会", "汉中市城管委")
    assert not devset.same_dept("宁陕县科学技术局", "石泉县科技局")       # another place
    assert not devset.same_dept("宁陕县卫生健康局", "宁陕县卫生健康委员会")  # two names of one function
    assert devset.same_value("title", "某县 2022年度\n法治政府建设情况报告", "某县2022年度法治政府建设情况报告")
    assert devset.parent_of({"jurisdiction": "桃林镇", "province": "贵州省", "city": "遵义市", "county": "习水县"}) == "习水县"
    assert devset.parent_of({"jurisdiction": "习水县", "province": "贵州省", "city": "遵义市", "county": "习水县"}) == "遵义市"
    assert devset.split_of(REPORT["url"]) in ("tune", "measure")


def test_runs_end_to_end_on_self_written_pages(tmp_path, monkeypatch, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    for rec, text in ((REPORT, REPORT_TEXT), (LOOKALIKE, LOOKALIKE_TEXT)):
        devset.page_file(rec["url"], pages).write_text(text, encoding="utf-8")
    exp = tmp_path / "expected.jsonl"
    exp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (REPORT, LOOKALIKE)), encoding="utf-8")
    monkeypatch.setenv("FAZHI_DEVSET_PAGES", str(pages))
    assert devset.main(["--split", "all", "--expected", str(exp), "--details"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("devset[all] pages=2 ")
    assert "year=100.0%" in last


def test_missing_pages_say_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FAZHI_DEVSET_PAGES", str(tmp_path / "absent"))
    assert devset.main(["--split", "all"]) == 0
    assert "page texts not found" in capsys.readouterr().out


REAL_PAGES = devset.pages_dir()


@pytest.mark.skipif(not (REAL_PAGES.is_dir() and any(REAL_PAGES.glob("*.txt"))),
                    reason="dev-set page texts are not on this machine (devset/pages; see devset/README.md)")
def test_real_pages_are_consistent_with_their_facts():
    """Every judged page on this machine holds every coded quote and non-figure of its record."""
    records = devset.load_expected()
    assert len({r["url"] for r in records}) == len(records)
    present = [r for r in records if devset.page_file(r["url"], REAL_PAGES).is_file()]
    for rec in present:
        text = devset.page_file(rec["url"], REAL_PAGES).read_text(encoding="utf-8")
        for f in rec.get("figures") or []:
            assert f["quote"] in text and len(f["quote"]) <= 30, (rec["url"], f["quote"])
        for tok in rec.get("non_figures") or []:
            assert tok in text, (rec["url"], tok)
        assert rec["kind"] in ("report", "lookalike")
        assert (rec["kind"] == "lookalike") == bool(rec.get("lookalike_kind")), rec["url"]
    tallies, scored, missing = devset.score(present, REAL_PAGES)
    assert missing == 0 and scored == len(present)
    assert tallies["quotes_missing"].total == 0


@pytest.mark.skipif(not (REAL_PAGES.is_dir() and any(REAL_PAGES.glob("*.txt"))),
                    reason="dev-set page texts are not on this machine (devset/pages; see devset/README.md)")
def test_every_judged_page_is_on_this_machine():
    """A rebuild of the page texts may not bring every page back (devset/README.md): say how many."""
    records = devset.load_expected()
    absent = [r["url"] for r in records if not devset.page_file(r["url"], REAL_PAGES).is_file()]
    if absent:
        pytest.skip(f"{len(absent)} of {len(records)} dev-set page texts are not on this machine "
                    f"(the rest were checked; see devset/README.md to harvest them again)")


def test_expected_is_well_formed():
    path = Path(devset.EXPECTED)
    if not path.is_file():
        pytest.skip("devset/expected.jsonl is absent")
    levels = {"province", "city", "county", "district", "township", "street", "department", None}
    for rec in devset.load_expected(path):
        assert rec["level"] in levels, rec["url"]
        if rec["kind"] == "report" and rec["department"]:
            assert rec["level"] == "department", rec["url"]
        for f in rec.get("figures") or []:
            assert len(f["quote"]) <= 30


ZONE_NAME = re.compile(r"(开发区|高新区|新区|经济区|园区|保税区|管理区)$")
DIVISIONS = Path(devset.ROOT) / "fazhi" / "data" / "divisions.tsv.gz"


def _county_level_names() -> set[str]:
    with gzip.open(DIVISIONS, "rt", encoding="utf-8") as fh:
        return {cols[1] for line in fh if not line.startswith("#")
                for cols in [line.rstrip("\n").split("\t")] if len(cols) > 3 and cols[3] == "county"}


@pytest.mark.skipif(not DIVISIONS.is_file(), reason="the division table fazhi/data/divisions.tsv.gz is absent")
def test_development_zones_follow_the_written_rule():
    """devset/README.md, 'Development zones': a zone that is not a division in the table has no level of its
    own; only a department of the zone is level department."""
    path = Path(devset.EXPECTED)
    if not path.is_file():
        pytest.skip("devset/expected.jsonl is absent")
    divisions = _county_level_names()
    assert "滨海新区" in divisions and "郑东新区" not in divisions
    for rec in devset.load_expected(path):
        place = rec.get("jurisdiction") or ""
        if ZONE_NAME.search(place) and place not in divisions:
            assert rec["level"] in (None, "department"), (rec["url"], place, rec["level"])
            assert (rec["level"] == "department") == bool(rec.get("department")), rec["url"]
