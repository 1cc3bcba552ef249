"""Comparisons over a generated corpus: the panel holds what the reports say, groups add up,
rankings, year-on-year changes and outliers against peers of the same level."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bench.generate_corpus import generate
from fazhi.batch.ingest import ingest
from fazhi.cli import app
from fazhi.corpus import Corpus

from .test_corpus_store import report_text, write

RECEIVED = re.compile(r"全年共受理行政复议案件(\d+)件")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    base = tmp_path_factory.mktemp("cmp")
    generate(240, range(2021, 2024), base / "gen", seed=11)
    (base / "gen" / "truth.json").unlink()
    extra = base / "extra"
    for y in (2021, 2022, 2023):  # a county that reports 100% satisfaction every year, and one huge count
        write(extra, f"yq{y}.txt", report_text("永清县", y, published=f"{y + 1}-03-01",
                                               figures="12345热线满意率达到100%。全年共受理行政复议案件40件。"))
    write(extra, "ga2022.txt", report_text("固安县", 2022, published="2023-03-01",
                                           figures="全年共受理行政复议案件90000件。12345热线满意率达到93.5%。"))
    c = Corpus(base / "c.duckdb")
    ingest(c, [str(base / "gen"), str(extra)], workers=2)
    c.sources = {Path(s).name: s for (s,) in c.con.execute("SELECT source FROM documents").fetchall()}
    yield c
    c.close()


def test_panel_holds_what_the_reports_say(corpus: Corpus) -> None:
    p = corpus.panel("reconsideration.received")
    assert not p.duplicated(["unit_key", "report_year", "indicator"]).any()
    src = dict(corpus.con.execute("SELECT r.sha256, d.source FROM records r JOIN documents d USING (doc_id)").fetchall())
    checked = 0
    for r in p.itertuples():
        m = RECEIVED.search(Path(src[r.sha256]).read_text("utf-8"))
        assert m and float(m.group(1)) == r.value, r.sha256
        checked += 1
    assert checked >= 240


def test_compare_groups_add_up(corpus: Corpus) -> None:
    p = corpus.panel("reconsideration.received", years=(2021, 2023))
    by_prov = corpus.compare("reconsideration.received", by="province", years=(2021, 2023))
    expected = p.groupby(["province", "report_year"])["value"].sum()
    for r in by_prov.to_dict("records"):
        for y in ("2021", "2022", "2023"):
            if y in r and pd.notna(r[y]):
                assert r[y] == expected[(r["province"], int(y))]
    wide = corpus.compare("hotline.satisfaction_rate", by="jurisdiction", years=(2022, 2023))
    assert {"unit_name", "2022", "2023"} <= set(wide.columns)
    assert wide.set_index("unit_name").loc["永清县", "2023"] == 100
    long = corpus.compare("hotline.satisfaction_rate", by="level", wide=False, agg="median")
    assert set(long.columns) >= {"level", "report_year", "value", "n_reports"}
    with pytest.raises(ValueError):
        corpus.compare("hotline.satisfaction_rate", by="planet")


def test_rank_and_changes(corpus: Corpus) -> None:
    r = corpus.rank("reconsideration.received", 2022, top=3)
    assert list(r["rank"]) == [1, 2, 3] and r.iloc[0]["unit_name"] == "固安县" and r.iloc[0]["value"] == 90000
    assert r["value"].is_monotonic_decreasing
    ch = corpus.changes("reconsideration.received", years=(2022, 2023))
    assert set(ch["report_year"]) == {2022, 2023}
    row = ch.iloc[0]
    assert row["change"] == row["value"] - row["previous_value"]
    assert row["change_pct"] == pytest.approx(round(100 * (row["value"] / row["previous_value"] - 1), 2))


def test_outliers_against_peers_of_the_same_level(corpus: Corpus) -> None:
    out = corpus.outliers()
    huge = out[(out["unit_name"] == "固安县") & (out["indicator"] == "reconsideration.received")]
    assert len(huge) == 1 and "远高于同级单位" in huge.iloc[0]["reason"]
    always = out[(out["unit_name"] == "永清县") & (out["indicator"] == "hotline.satisfaction_rate")]
    assert len(always) == 3 and all("连续3年均为100%" in x for x in always["reason"])


def test_compare_cli(corpus: Corpus, tmp_path: Path) -> None:
    import shutil

    corpus.con.execute("CHECKPOINT")  # a copy, since this process holds the file open for writing
    path = str(tmp_path / "copy.duckdb")
    shutil.copy(corpus.path, path)
    runner = CliRunner()
    res = runner.invoke(app, ["compare", "--db", path, "-i", "reconsideration.received", "--by", "province",
                              "--years", "2021-2023", "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0] == "province,2021,2022,2023"
    res = runner.invoke(app, ["compare", "--db", path, "-i", "reconsideration.received", "--rank", "2022"])
    assert res.exit_code == 0 and "固安县" in res.stdout and "排名" in res.stdout
    res = runner.invoke(app, ["compare", "--db", path, "-i", "hotline.satisfaction_rate", "--outliers"])
    assert res.exit_code == 0 and "永清县" in res.stdout
    res = runner.invoke(app, ["compare", "--db", path, "-i", "reconsideration.recieved"])
    assert res.exit_code == 2 and "未知的指标" in res.output


def _direct(c: Corpus, **filters) -> pd.DataFrame:
    from fazhi.corpus.compare import _panel_sql

    sql, params = _panel_sql(None, filters)
    return c.query(sql + " ORDER BY indicator, unit_key, report_year", params).reset_index(drop=True)


def test_cached_panel_is_the_panel_and_follows_the_corpus(tmp_path: Path) -> None:
    """panel_cache answers exactly what the records say, and is rebuilt when they change."""
    d = tmp_path / "r"
    for i, county in enumerate(["固安县", "永清县", "大城县"]):
        write(d, f"{county}2023.txt", report_text(county, 2023))
        write(d, f"{county}2022.txt", report_text(county, 2022, published="2023-03-01",
                                                  figures=f"全年共受理行政复议案件{40 + i}件。"))
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(d)], workers=1)
        for f in ({}, {"year": 2023}, {"level": "county", "years": (2022, 2023)}, {"unit": "固安县"}):
            got = c.panel(**f).sort_values(["indicator", "unit_key", "report_year"]).reset_index(drop=True)
            assert c.con.execute("SELECT count(*) FROM panel_cache").fetchone()[0] > 0
            pd.testing.assert_frame_equal(got, _direct(c, **f), check_dtype=False)
        before = len(c.panel())
        write(tmp_path / "more", "文安县2023.txt", report_text("文安县", 2023))
        ingest(c, [str(tmp_path / "more")], workers=1)
        assert len(c.panel()) > before
        pd.testing.assert_frame_equal(c.panel().sort_values(["indicator", "unit_key", "report_year"])
                                      .reset_index(drop=True), _direct(c), check_dtype=False)
        c.con.execute("DELETE FROM corpus_state WHERE key = 'panel_state'")  # stale now
    with Corpus(db, read_only=True) as c:  # cannot rebuild: reads the records directly
        pd.testing.assert_frame_equal(c.panel().sort_values(["indicator", "unit_key", "report_year"])
                                      .reset_index(drop=True), _direct(c), check_dtype=False)
