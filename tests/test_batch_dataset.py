"""The batch dataset: schema, partitions, atomic part files, reading back, and loading elsewhere."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import fazhi  # noqa: E402
from fazhi import dataset  # noqa: E402
from fazhi.batch.ingest import ingest  # noqa: E402

from .conftest import ROOT, SEEDS, needs_seeds  # noqa: E402
from .test_checks import build  # noqa: E402


def _rows(tmp_path: Path, texts: dict[str, str]) -> list[dict]:
    rows = []
    for name, text in texts.items():
        p = tmp_path / name
        p.write_text(text, "utf-8")
        r = fazhi.analyze(p)
        rows.append(dataset.row_from_report(r, r.document.sha256))
    return rows


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    texts = {"a.txt": build(), "b.txt": build(published="2024-04-08"), "empty.txt": ""}
    out = tmp_path / "ds"
    w = dataset.Writer(out, rows_per_file=2)
    w.add(_rows(tmp_path, texts))
    w.close()
    return out


def test_every_column_is_documented() -> None:
    doc = (ROOT / "docs" / "dataset.md").read_text("utf-8")
    for name, _type, _desc in dataset.COLUMNS + dataset.PARTITION_COLUMNS:
        assert re.search(rf"^\| `{name}` \|", doc, re.M), f"column {name} missing from docs/dataset.md"
    assert dataset.MARKER in doc and dataset.FAILURES in doc


def test_marker_and_partitions(small: Path) -> None:
    marker = json.loads((small / dataset.MARKER).read_text("utf-8"))
    assert marker["schema_version"] == dataset.SCHEMA_VERSION
    assert [c["name"] for c in marker["columns"]] == [c[0] for c in dataset.COLUMNS]
    files = dataset.part_files(small)
    assert files and all(re.fullmatch(r"part-[\w-]+\.parquet", f.name) for f in files)
    rel = {str(f.parent.relative_to(small)) for f in files}
    # the unreadable empty file has neither year nor province: Hive's default partition
    assert f"year={dataset.NULL_PARTITION}/province={dataset.NULL_PARTITION}" in rel
    assert any(r.startswith("year=2023/province=") for r in rel)
    # the partition key is not repeated inside the files
    assert "province" not in pq.read_schema(files[0]).names
    assert not [f for f in small.rglob("*") if f.name.endswith(".tmp")]


def test_records_read_back_equal_the_analysis(tmp_path: Path, small: Path) -> None:
    got = sorted(dataset.iter_records(small), key=lambda r: r["source"])
    assert [Path(r["source"]).name for r in got] == ["a.txt", "b.txt", "empty.txt"]
    for rec in got:
        want = fazhi.analyze(rec["source"]).to_dict(include_text=True)
        assert rec == want
    assert got[2]["findings"][0]["check"] == "unreadable"


def test_text_can_be_left_out(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(build(), "utf-8")
    r = fazhi.analyze(p)
    w = dataset.Writer(tmp_path / "ds")
    w.add([dataset.row_from_report(r, r.document.sha256, include_text=False)])
    w.close()
    (rec,) = dataset.iter_records(tmp_path / "ds")
    assert "text" not in rec and rec == r.to_dict()


def test_flat_columns_match_the_record(small: Path) -> None:
    t = dataset.read_table(small).to_pylist()
    for row in t:
        rec = json.loads(row["record_json"])
        md = rec["metadata"]
        assert row["sha256"] == rec["sha256"] == row["input_sha256"]
        assert row["report_year"] == md.get("report_year") == row["year"]
        assert row["province"] == md.get("province")
        assert row["n_findings"] == len(rec["findings"]) and row["n_figures"] == len(rec["figures"])
        assert (row["published"].isoformat() if row["published"] else None) == md.get("published")
        assert "text" not in rec
        assert row["fazhi_version"] == fazhi.__version__ and row["analyzed_at"].tzinfo is not None
    assert sum(1 for r in t if r["error"]) == 1


def test_duckdb_and_polars_read_it_directly(small: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    pl = pytest.importorskip("polars")
    con = duckdb.connect()
    rows = con.execute(f"SELECT year, province, count(*), sum(n_findings) FROM read_parquet('{small}/**/*.parquet', "
                       "hive_partitioning=true) GROUP BY ALL ORDER BY 1 NULLS LAST").fetchall()
    assert rows[-1][:3] == (None, None, 1) and sum(r[2] for r in rows) == 3
    n = con.execute(f"SELECT count(*) FROM read_parquet('{small}/**/*.parquet', hive_partitioning=true) "
                    "WHERE json_extract_string(record_json, '$.metadata.jurisdiction') = jurisdiction").fetchone()[0]
    assert n == 2
    df = pl.scan_parquet(str(small) + "/**/*.parquet", hive_partitioning=True).collect()
    assert df.height == 3 and {"year", "province", "record_json"} <= set(df.columns)


def test_writer_flushes_by_size_and_time(tmp_path: Path) -> None:
    rows = _rows(tmp_path, {f"r{i}.txt": build() + f"\n附注{i}\n" for i in range(5)})
    w = dataset.Writer(tmp_path / "ds", rows_per_file=2, max_buffered=100, flush_seconds=3600)
    w.add(rows)  # one partition: two full files written, one row waits
    assert w.files_written == 2 and len(dataset.part_files(tmp_path / "ds")) == 2 and not w.due()
    w.flush_seconds = 0
    assert w.due()
    w.close()
    assert len(dataset.part_files(tmp_path / "ds")) == 3 and w.rows_written == 5


def test_scan_dedupe_and_leftovers(tmp_path: Path) -> None:
    rows = _rows(tmp_path, {"a.txt": build(), "empty.txt": ""})
    w = dataset.Writer(tmp_path / "ds")
    w.add(rows)
    w.close()
    idx = dataset.scan(tmp_path / "ds")
    good, bad = rows[0]["input_sha256"], rows[1]["input_sha256"]
    assert idx.done == {good} and set(idx.errored) == {bad}
    # a retry of the unreadable input, analysed later: the older row gives way
    (tmp_path / "empty.txt").write_text("", "utf-8")
    newer = dataset.row_from_report(fazhi.analyze(tmp_path / "empty.txt"), bad)
    w2 = dataset.Writer(tmp_path / "ds")
    w2.add([newer])
    w2.close()
    assert dataset.scan(tmp_path / "ds").rows == 3
    assert dataset.dedupe(tmp_path / "ds") == 1
    t = dataset.read_table(tmp_path / "ds").to_pylist()
    assert sorted(r["input_sha256"] for r in t) == sorted([good, bad])
    assert [r["analyzed_at"] for r in t if r["input_sha256"] == bad][0] == newer["analyzed_at"]
    leftover = dataset.part_files(tmp_path / "ds")[0].with_name(".part-x.parquet.tmp")
    leftover.write_bytes(b"half a file")
    assert dataset.remove_leftovers(tmp_path / "ds") == 1 and not leftover.exists()


def test_refuses_a_directory_that_is_not_a_dataset(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    with pytest.raises(ValueError, match="不是 fazhi 数据集"):
        dataset.create(tmp_path)
    m = tmp_path / "ds"
    dataset.create(m)
    marker = json.loads((m / dataset.MARKER).read_text("utf-8"))
    marker["schema_version"] = 99
    (m / dataset.MARKER).write_text(json.dumps(marker), "utf-8")
    with pytest.raises(ValueError, match="结构版本"):
        dataset.create(m)


def test_partition_names_stay_inside_the_dataset() -> None:
    assert dataset.partition_dir(2023, "河北省") == "year=2023/province=河北省"
    assert dataset.partition_dir(None, None) == f"year={dataset.NULL_PARTITION}/province={dataset.NULL_PARTITION}"
    odd = dataset.partition_dir(2023, "../x/y")
    assert "/" not in odd.split("/", 1)[1] and ".." not in odd


@needs_seeds
def test_seed_records_round_trip(tmp_path: Path) -> None:
    rows = []
    for p in sorted(SEEDS.glob("*.txt")):
        r = fazhi.analyze(p)
        rows.append(dataset.row_from_report(r, r.document.sha256))
    w = dataset.Writer(tmp_path / "ds")
    w.add(rows)
    w.close()
    got = {r["sha256"]: r for r in dataset.iter_records(tmp_path / "ds")}
    assert len(got) == 5
    for p in sorted(SEEDS.glob("*.txt")):
        want = fazhi.analyze(p).to_dict(include_text=True)
        assert got[want["sha256"]] == want
    assert os.path.isfile(tmp_path / "ds" / dataset.MARKER)


def test_the_embedded_corpus_ingests_the_dataset(tmp_path: Path, small: Path) -> None:
    pytest.importorskip("duckdb")
    corpus = pytest.importorskip("fazhi.corpus")
    with corpus.Corpus(str(tmp_path / "c.duckdb")) as c:
        res = ingest(c, [str(small)], crosscheck=False)
        assert res.added == 3 and res.unreadable == 1
        stored = dict(c.con.execute("SELECT sha256, source FROM documents").fetchall())
        again = ingest(c, [str(small)], crosscheck=False)
    assert sorted(stored) == sorted(r["sha256"] for r in dataset.iter_records(small))
    assert again.added == 0


def test_the_fetch_time_stays_out_of_the_record(tmp_path: Path) -> None:
    import hashlib

    text = build()
    doc = fazhi.Document(source="https://example.gov.cn/r.html", text=text, format="html",
                         sha256=hashlib.sha256(text.encode()).hexdigest(),
                         meta={"url": "https://example.gov.cn/r.html", "fetched_at": "2027-03-30T08:00:00Z"})
    r = fazhi.analyze_document(doc)
    row = dataset.row_from_report(r, None)
    rec = json.loads(row["record_json"])
    assert "fetched_at" not in rec["page_metadata"] and row["fetched_at"] == "2027-03-30T08:00:00Z"
    w = dataset.Writer(tmp_path / "ds")
    w.add([row])
    w.close()
    (back,) = dataset.iter_records(tmp_path / "ds")
    assert back == r.to_dict(include_text=True)
