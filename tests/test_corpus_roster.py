"""`status` against a list of units: planted on-time, late, unpublished, missing, invalid
and deficient units are reported as such, names are matched after normalisation, a
department's report never counts as its county's, and ambiguous matches are reported."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from fazhi.batch.ingest import ingest
from fazhi.cli import app
from fazhi.corpus import Corpus
from fazhi.corpus.roster import RegistryError, read_registry

from .test_corpus_store import report_text, write

UNITS = [
    # name, level, parent
    ("固安县人民政府", "县级", "廊坊市"),   # on time (published 2024-03-20)
    ("永清县", "县级", "廊坊市"),           # late: published 1 April is late by one day
    ("大城县", "县级", "廊坊市"),           # unpublished: no publication date
    ("文安县", "县级", "廊坊市"),           # missing
    ("香河县", "县级", "廊坊市"),           # not a report (a 政府信息公开工作年度报告)
    ("三河市", "县级", "廊坊市"),           # deficient: no shortcomings, no first responsibility
    ("县司法局", "部门", "固安县"),          # a department, written short: 固安县司法局
    ("韩村镇", "乡镇", "永清县"),           # a township
    ("里澜城镇街道办事处", "街道", "永清县"),  # missing (and a name normalised: 街道办事处)
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Corpus:
    d = tmp_path / "r"
    write(d, "guan.txt", report_text("固安县", 2023, published="2024-03-20"))
    write(d, "yq.txt", report_text("永清县", 2023, published="2024-04-01"))
    write(d, "dc.txt", report_text("大城县", 2023, published=None))
    write(d, "xh.txt", report_text("香河县", 2023, published="2024-01-20",
                                   title="香河县人民政府2023年政府信息公开工作年度报告"))
    write(d, "sh.txt", report_text("三河市", 2023, published="2024-03-25", shortcomings=False,
                                   paragraphs=["强化执法监督，开展行政执法案卷评查2次，抽查案卷120份，整改问题15个。"]))
    write(d, "sfj.txt", report_text("固安县司法局", 2023, published="2024-02-26"))
    write(d, "hc.txt", report_text("韩村镇", 2023, published="2024-03-15", issuer="永清县韩村镇人民政府"))
    write(d, "other.txt", report_text("霸州市", 2023, published="2024-03-10"))  # not on the list
    write(d, "gu2022.txt", report_text("固安县", 2022, published="2023-03-20"))  # another year
    c = Corpus(tmp_path / "c.duckdb")
    ingest(c, [str(d)], workers=1)
    reg = tmp_path / "名单.csv"
    reg.write_text("单位,层级,上级\n" + "\n".join(",".join(u) for u in UNITS) + "\n", "utf-8-sig")
    c.load_registry(reg)
    yield c
    c.close()


def _by_unit(df) -> dict:
    return {r["unit"]: r for r in df.to_dict("records")}


def test_status_of_every_planted_unit(corpus: Corpus) -> None:
    st = _by_unit(corpus.status(2023, today=date(2024, 5, 1)))
    assert st["固安县人民政府"]["status"] == "on_time" and st["固安县人民政府"]["status_zh"] == "按时公开"
    assert (st["永清县"]["status"], st["永清县"]["days_late"], st["永清县"]["status_zh"]) == ("late", 1, "逾期1天公开")
    assert st["大城县"]["status"] == "unpublished"
    assert st["文安县"]["status"] == "missing" and pd.isna(st["文安县"]["sha256"])
    assert st["香河县"]["status"] == "invalid" and "政府信息公开" in st["香河县"]["status_zh"]
    sh = st["三河市"]
    assert sh["status"] == "on_time" and sh["deficient"]
    assert set(sh["missing_contents"].split("、")) >= {"存在的不足", "不足的原因"}
    assert st["县司法局"]["status"] == "on_time" and "司法局" in st["县司法局"]["title"]
    assert st["韩村镇"]["status"] == "on_time"
    assert st["里澜城镇街道办事处"]["status"] == "missing"
    unlisted = [r for r in st.values() if r["status"] == "unlisted"]
    assert [r["unit"] for r in unlisted] == ["霸州市"]
    assert not st["固安县人民政府"]["deficient"]


def test_missing_before_the_deadline_says_so(corpus: Corpus) -> None:
    st = _by_unit(corpus.status(2023, today=date(2024, 3, 15)))
    assert st["文安县"]["status"] == "missing" and "截止日期" in st["文安县"]["note"]
    assert "截止日期" not in _by_unit(corpus.status(2023, today=date(2024, 4, 2)))["文安县"]["note"]


def test_another_year(corpus: Corpus) -> None:
    st = _by_unit(corpus.status(2022, today=date(2024, 5, 1)))
    assert st["固安县人民政府"]["status"] == "on_time"
    assert st["永清县"]["status"] == "missing"


def test_ambiguous_names_are_reported_not_guessed(tmp_path: Path) -> None:
    d = tmp_path / "r"
    write(d, "tl.txt", report_text("桃林镇", 2023, published="2024-03-01", issuer="桃林镇人民政府"))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d)], workers=1)
        reg = tmp_path / "名单.csv"
        reg.write_text("单位,上级\n桃林镇,东海县\n桃林镇,诸城市\n", "utf-8")
        st = c.status(2023, registry=reg, today=date(2024, 5, 1))
        assert list(st["status"]) == ["ambiguous", "ambiguous"]
        assert all("同时与桃林镇" in n for n in st["note"])
    # when the report names its county, the unit's parent decides
    d2 = tmp_path / "r2"
    write(d2, "tl.txt", report_text("桃林镇", 2023, published="2024-03-01", issuer="习水县桃林镇人民政府"))
    with Corpus(tmp_path / "c2.duckdb") as c:
        ingest(c, [str(d2)], workers=1)
        assert list(c.reports()["county"]) == ["习水县"]
        reg = tmp_path / "名单2.csv"
        reg.write_text("单位,上级\n桃林镇,习水县\n桃林镇,诸城市\n", "utf-8")
        st = c.status(2023, registry=reg, today=date(2024, 5, 1))
        assert list(zip(st["parent"], st["status"])) == [("习水县", "on_time"), ("诸城市", "missing")]


def test_registry_files_xlsx_gbk_and_errors(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "单位名称", "级别", "所属地区", "报告栏目", "别名"])
    ws.append([1, "固安县", "县级", "廊坊市", "http://www.gu-an.gov.cn/fzzf/", "固安县人民政府；固安"])
    ws.append([2, None, None, None, None, None])
    wb.save(tmp_path / "u.xlsx")
    units = read_registry(tmp_path / "u.xlsx")
    assert units == [{"name": "固安县", "level": "县级", "parent": "廊坊市", "url": "http://www.gu-an.gov.cn/fzzf/",
                      "aliases": ["固安县人民政府", "固安"]}]
    (tmp_path / "g.csv").write_bytes("单位,层级\n永清县,县级\n".encode("gb18030"))
    assert read_registry(tmp_path / "g.csv")[0]["name"] == "永清县"
    (tmp_path / "bad.csv").write_text("名字,层级\n永清县,县级\n", "utf-8")
    with pytest.raises(RegistryError, match="单位"):
        read_registry(tmp_path / "bad.csv")
    with pytest.raises(RegistryError, match="不存在"):
        read_registry(tmp_path / "none.csv")
    (tmp_path / "u.json").write_text("[]", "utf-8")
    with pytest.raises(RegistryError, match="CSV 或 XLSX"):
        read_registry(tmp_path / "u.json")


def test_status_cli(corpus: Corpus, tmp_path: Path) -> None:
    path = corpus.path
    corpus.close()
    res = CliRunner().invoke(app, ["status", "--db", path, "--year", "2023", "--format", "csv", "--today", "2024-05-01"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].startswith("unit,level,parent,url,status")
    assert any(line.startswith("永清县,") and ",late," in line for line in lines)
    table = CliRunner().invoke(app, ["status", "--db", path, "--year", "2023", "--today", "2024-05-01"])
    assert table.exit_code == 0 and "报送情况" in table.stdout and "未报送" in table.stdout
    assert "逾期1" in table.stdout
    empty = tmp_path / "empty.duckdb"
    Corpus(empty).close()
    res = CliRunner().invoke(app, ["status", "--db", str(empty), "--year", "2023"])
    assert res.exit_code == 2 and "单位名单" in res.output


def test_units_issuing_a_report_together_are_each_reported(tmp_path: Path) -> None:
    d = tmp_path / "r"
    write(d, "joint.txt", report_text("华容县司法局", 2023, published="2024-03-01",
                                      issuer="华容县人民政府办公室华容县司法局"))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d)], workers=1)
        reg = tmp_path / "名单.csv"
        reg.write_text("单位,层级,上级\n县政府办,部门,华容县\n县司法局,部门,华容县\n县财政局,部门,华容县\n", "utf-8")
        st = _by_unit(c.status(2023, registry=reg, today=date(2024, 5, 1)))
        assert st["县政府办"]["status"] == "on_time"
        assert st["县司法局"]["status"] == "on_time"
        assert st["县财政局"]["status"] == "missing"
