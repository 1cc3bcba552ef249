"""CSV and Parquet exports for researchers: one table per file, English column names, the
table taken from the file name, Excel-readable CSV, Parquet that pandas and DuckDB read."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from fazhi.corpus import Corpus
from fazhi.export import export

from .test_export_xlsx import review_corpus


@pytest.fixture()
def corpus(tmp_path: Path) -> Corpus:
    c = review_corpus(tmp_path)
    yield c
    c.close()


def test_parquet_table_from_the_file_name(corpus: Corpus, tmp_path: Path) -> None:
    (out,) = export(corpus, tmp_path / "figures.parquet")
    df = pd.read_parquet(out)
    assert {"sha256", "unit_name", "report_year", "indicator", "indicator_zh", "value", "unit", "quote"} <= set(df.columns)
    assert len(df) == corpus.con.execute("SELECT count(*) FROM figures").fetchone()[0]
    n = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{out}') WHERE indicator = "
                                 "'reconsideration.received'").fetchone()[0]
    assert n == (df["indicator"] == "reconsideration.received").sum() > 0
    (rep,) = export(corpus, tmp_path / "anything.parquet", table="reports", year=2023)
    reps = pd.read_parquet(rep)
    assert len(reps) == 5 and isinstance(list(reps.iloc[0]["missing_contents"]), list)


def test_csv_has_a_bom_and_joined_lists(corpus: Corpus, tmp_path: Path) -> None:
    (out,) = export(corpus, tmp_path / "reports.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert "三河市" in set(df["unit_name"])
    assert df.set_index("unit_name").loc["三河市", "missing_contents"] == "next_year_plan"
    (fs,) = export(corpus, tmp_path / "findings.csv")
    f = pd.read_csv(fs, encoding="utf-8-sig")
    assert {"near_duplicate", "yoy_mismatch", "timeliness"} <= set(f["check"])
    assert set(f["decision"].dropna()) == {"confirmed", "dismissed"}


def test_status_and_panel_tables(corpus: Corpus, tmp_path: Path) -> None:
    (st,) = export(corpus, tmp_path / "status.csv", year=2023)
    df = pd.read_csv(st, encoding="utf-8-sig")
    assert df.set_index("unit").loc["文安县", "status"] == "missing"
    with pytest.raises(ValueError, match="年度"):
        export(corpus, tmp_path / "status.parquet")
    (pn,) = export(corpus, tmp_path / "panel.parquet")
    p = pd.read_parquet(pn)
    assert set(p.loc[p["indicator"] == "reconsideration.received", "value"]) == {100, 120}
    with pytest.raises(ValueError, match="未知的表"):
        export(corpus, tmp_path / "x.csv", table="nothing")
