"""The corpus store on a real DuckDB file: ingestion (idempotent, with bad input), the
record round trip, filters, reviewer decisions across re-analysis, full-text search, the
schema version, and ingestion of a `fazhi batch` dataset.

`report_text` builds the reports the other corpus tests use: a complete report of a real
unit (so metadata resolves) whose specific paragraphs come from the benchmark generator's
grammar, seeded per unit and year, so two units never share them by chance.
"""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from bench.generate_corpus import CAUSES, NAME_CHARS, PLANS, PROBLEMS, STOCK, Unit, _paragraph, _specific
from fazhi.batch.ingest import ingest, reanalyze
from fazhi.corpus import Corpus, SchemaError

from .conftest import EXAMPLES, SEEDS, needs_seeds

LEVEL_WORD = {"县": "我县", "区": "我区", "镇": "我镇", "乡": "我乡", "局": "我局"}


def specific(unit: str, year: int, k: int = 0) -> str:
    """A specific paragraph (local names, numbers) that only this unit and year has."""
    rng = random.Random(f"{unit}|{year}|{k}")
    return _paragraph(Unit("0", unit, unit, "county", None, None), rng, year, [])


def report_text(unit: str = "固安县", year: int = 2023, published: str | None = "2024-03-20", issuer: str | None = None,
                paragraphs: list[str] | None = None, figures: str = "", shortcomings: bool = True,
                causes: bool = True, plan: bool = True, title: str | None = None) -> str:
    """A complete report; each part can be dropped or replaced to plant a problem.

    The set phrases (introduction, leadership, shortcomings, plans) are drawn per unit and
    year from the generator's pools, as real reports vary them; only the specific
    paragraphs carry local names and numbers.
    """
    rng = random.Random(f"{unit}|{year}|frame")
    issuer = issuer or (unit if unit.endswith(("局", "办事处")) else unit + "人民政府")
    we = LEVEL_WORD.get(unit[-1], "我县")
    title = title if title is not None else f"{issuer}关于{year}年度法治政府建设情况的报告"
    paras = paragraphs if paragraphs is not None else [specific(unit, year, k) for k in range(3)]
    lines = [title]
    if published:
        lines.append(f"发布日期：{published}")
    s1, s2, s3 = rng.sample(STOCK, 3)
    lines += ["", f"{year}年，{we}{s1}，{s2}，{s3}。现将有关情况报告如下。", "一、主要举措和成效",
              f"（一）加强组织领导。{we}主要负责人认真履行推进法治建设第一责任人职责，"
              f"{rng.choice(['主持召开常务会议', '召开专题会议', '主持召开党组会议'])}研究法治政府建设{rng.randint(2, 9)}次，"
              f"{rng.choice(STOCK)}。"]
    for i, p in enumerate(paras):
        lines.append(f"（{'二三四五六七'[i]}）{p}")
    if figures:
        lines.append(figures)
    if shortcomings:
        lines.append("二、存在的不足和原因")
        p1, p2 = rng.sample(PROBLEMS, 2)
        village = rng.choice(NAME_CHARS) + rng.choice(NAME_CHARS) + "村"
        s = f"一是{p1}，{village}等{rng.randint(3, 30)}个村（社区）尚未配备专职法律顾问。二是{p2}。"
        if causes:
            s = (f"一是{p1}，{village}等{rng.randint(3, 30)}个村（社区）尚未配备专职法律顾问，{rng.choice(CAUSES)}。"
                 f"二是{p2}，{rng.choice(CAUSES)}。")
        lines.append(s)
    if plan:
        a, b = rng.sample(PLANS, 2)
        lines += [f"三、{year + 1}年工作安排",
                  f"{year + 1}年，{we}将{a}，{b}，{_specific(Unit('0', unit, unit, 'county', None, None), rng, year + 1)}。"]
    return "\n".join(lines) + "\n"


def write(dir_: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = dir_ / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding)
    return p


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    write(d, "固安县2023.txt", report_text("固安县", 2023))
    write(d, "sub/永清县2023.txt", report_text("永清县", 2023, published="2024-04-03"), "gb18030")
    write(d, "大城县2023.txt", report_text("大城县", 2023, shortcomings=False))
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    return d


def test_ingest_stores_every_document_once_and_rerun_adds_nothing(tmp_path: Path, batch: Path) -> None:
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        res = ingest(c, [str(batch)], workers=1)
        assert (res.added, res.skipped, res.unreadable) == (5, 0, 2)
        # the same bytes under another name are one document
        shutil.copy(batch / "固安县2023.txt", batch / "copy_of_固安县.txt")
        again = ingest(c, [str(batch)], workers=1)
        assert again.added == 0 and again.skipped == 6
        assert c.con.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (5, 5)
        assert c.con.execute("SELECT count(*) FROM records").fetchone()[0] == 5
    with Corpus(db, read_only=True) as c:  # persisted in the file
        reps = c.reports()
        assert len(reps) == 5
        unreadable = c.findings(check="unreadable")
        assert len(unreadable) == 2 and set(unreadable["severity"]) == {"error"}
        assert c.stats()["reports"] == 3


def test_record_round_trip_matches_the_core(tmp_path: Path, batch: Path) -> None:
    import fazhi

    src = batch / "固安县2023.txt"
    core = fazhi.analyze(str(src)).to_dict()
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(src)], workers=1)
        rec = c.report(core["sha256"])
    assert rec["text"] == src.read_text("utf-8")
    for key in ("sha256", "format", "metadata", "sections", "required_contents", "figures", "score"):
        assert rec[key] == core[key], key
    assert [(f["check"], f["message"], f["start"]) for f in rec["findings"]] == \
        [(f["check"], f["message"], f["start"]) for f in core["findings"]]
    assert all(f["origin"] == "document" for f in rec["findings"])


def test_filters_and_flat_tables(tmp_path: Path, batch: Path) -> None:
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(batch)], workers=1)
        assert set(c.reports(year=2023)["unit_name"]) == {"固安县", "永清县", "大城县"}
        assert list(c.reports(unit="永清县")["published"].astype(str)) == ["2024-04-03"]
        assert set(c.reports(city="廊坊市", level="county")["unit_name"]) == {"固安县", "永清县", "大城县"}
        late = c.findings(check="timeliness", severity="error")
        assert list(late["unit_name"]) == ["永清县"]
        missing = c.reports(unit="大城县").iloc[0]["missing_contents"]
        assert "shortcomings" in list(missing)
        figs = c.figures(unit="固安县")
        assert len(figs) == len(c.report(figs.iloc[0]["sha256"])["figures"])
        assert (figs["quote"].str.len() > 0).all()
        secs = c.sections(figs.iloc[0]["sha256"])
        assert "主要举措和成效" in set(secs["title"])


def test_decisions_survive_reanalysis(tmp_path: Path, batch: Path) -> None:
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(batch)], workers=1)
        f = c.findings(check="timeliness", severity="error").iloc[0]
        c.decide(f["sha256"], "timeliness", None, None, f["message"], "confirmed", comment="已电话催告", user="张三")
        g = c.findings(check="shortcomings_missing").iloc[0]
        c.decide(g["sha256"], g["check"], None, None, g["message"], "dismissed", comment="不足写在附件中", user="李四")
        res = reanalyze(c, workers=1)
        assert res.documents == 3 and res.skipped_no_text == 2  # the unreadable ones kept no text
        after = c.findings(check=["timeliness", "shortcomings_missing"])
        decided = after.dropna(subset=["decision"])
        assert sorted(decided["decision"]) == ["confirmed", "dismissed"]
        assert set(decided["decision_user"]) == {"张三", "李四"}
        assert set(c.findings(decision="dismissed")["check"]) == {"shortcomings_missing"}
        assert "timeliness" not in set(c.findings(decision="undecided")["check"])
        rec = c.report(f["sha256"])
        dec = [x["decision"] for x in rec["findings"] if "decision" in x]
        assert dec == [{"decision": "confirmed", "comment": "已电话催告", "user": "张三", "decided_at": dec[0]["decided_at"]}]
        with pytest.raises(ValueError):
            c.decide(f["sha256"], "timeliness", None, None, f["message"], "maybe")


def test_search_long_and_short_terms(tmp_path: Path, batch: Path) -> None:
    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(batch)], workers=1)
        hits = c.search("第一责任人职责")
        assert len(hits) == 3 and hits["snippet"].str.contains("第一责任人").all()
        assert set(c.search("不足 执法人员")["unit_name"]) == {"固安县", "永清县"}  # AND of terms
        assert len(c.search("复议 全县")) == 0
        assert len(c.search("我县", year=2023)) == 3  # two characters: substring search
        assert c.search("没有这样的文字").empty
    assert (tmp_path / "c.duckdb.fts.sqlite").is_file()
    with Corpus(db) as c:  # the index is derived data: rebuilt when lost
        (tmp_path / "c.duckdb.fts.sqlite").unlink()
        assert len(c.search("第一责任人职责")) == 3
        # a report stored after the index was built is found by the next search
        write(tmp_path / "more", "文安县2023.txt", report_text("文安县", 2023))
        ingest(c, [str(tmp_path / "more")], workers=1)
        assert len(c.search("第一责任人职责")) == 4


def test_keep_bytes_stores_the_input(tmp_path: Path, batch: Path) -> None:
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(batch / "固安县2023.txt")], workers=1, keep_bytes=True)
        data = c.con.execute("SELECT content FROM inputs").fetchone()[0]
    assert data == (batch / "固安县2023.txt").read_bytes()


def test_schema_version_is_checked(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "c.duckdb"
    Corpus(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_info VALUES (99, now(), 'from the future')")
    con.close()
    with pytest.raises(SchemaError, match="更新版本"):
        Corpus(db)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(SchemaError, match="不是 fazhi 语料库"):
        Corpus(other)
    with pytest.raises(FileNotFoundError):
        Corpus(tmp_path / "missing.duckdb", read_only=True)


@needs_seeds
def test_seeds_and_examples_ingest(tmp_path: Path) -> None:
    paths = [str(SEEDS)] + ([str(EXAMPLES)] if EXAMPLES.is_dir() and any(EXAMPLES.iterdir()) else [])
    with Corpus(tmp_path / "c.duckdb") as c:
        res = ingest(c, paths, workers=2)
        n = res.added
        assert n >= 5 and res.unreadable == 0
        assert c.con.execute("SELECT count(*) FROM documents").fetchone()[0] == n
        yq = c.reports(unit="永清县")
        assert list(yq["report_year"]) == [2023] and list(yq["division_code"]) == ["131023"]
        assert ingest(c, paths, workers=2).added == 0


def test_ingest_a_batch_dataset(tmp_path: Path, batch: Path) -> None:
    """A Parquet dataset written by `fazhi batch` is ingested from its records, without re-analysis."""
    pytest.importorskip("fazhi.dataset", reason="fazhi.dataset (the cluster batch job's module) is not installed")
    from typer.testing import CliRunner

    from fazhi.cli import app

    out = tmp_path / "dataset"
    res = CliRunner().invoke(app, ["batch", str(batch), "--out", str(out), "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert (out / "_fazhi_dataset.json").is_file()
    with Corpus(tmp_path / "c.duckdb") as c:
        r = ingest(c, [str(out)], workers=1)
        assert r.added == 5
        assert ingest(c, [str(out)], workers=1).added == 0
        reps = c.reports(doc_type="report")
        assert set(reps["unit_name"]) == {"固安县", "永清县", "大城县"}
        sha = reps[reps["unit_name"] == "固安县"].iloc[0]["sha256"]
        rec = c.report(sha)
        assert rec["text"] and rec["text"].startswith("固安县人民政府")
        assert len(c.figures(unit="固安县")) == len(rec["figures"]) > 0
        # stored like any other ingestion: re-analysis from the stored text works
        assert reanalyze(c, workers=1, year=2023).documents == 3


def test_a_version_1_corpus_is_migrated(tmp_path: Path, batch: Path, capsys) -> None:
    """A corpus written before records were stored compressed opens, and reads, as before."""
    import duckdb

    from fazhi.corpus.schema import MIGRATIONS, SCHEMA_VERSION, record_json

    db = tmp_path / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(batch)], workers=1)
        want = {sha: c.report(sha) for sha in c.reports()["sha256"]}
        rows = c.con.execute("SELECT doc_id, record FROM records").fetchall()
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE schema_info (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL, note VARCHAR)")
    for sql in MIGRATIONS[1][1]:
        con.execute(sql)
    con.execute("INSERT INTO schema_info VALUES (1, now(), 'initial corpus schema')")
    con.execute(f"ATTACH '{db}' AS new (READ_ONLY)")
    for t in ("documents", "sections", "contents", "figures", "findings", "inputs"):
        con.execute(f"INSERT INTO {t} SELECT * FROM new.{t}")
    cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'records' AND table_catalog = 'old' ORDER BY ordinal_position").fetchall()]
    picks = ", ".join("'{}'::JSON" if c == "record" else c for c in cols)
    con.execute(f"INSERT INTO records ({', '.join(cols)}) SELECT {picks} FROM new.records")
    for doc_id, blob in rows:  # a version-1 file holds the record as JSON text
        con.execute("UPDATE records SET record = ? WHERE doc_id = ?", [json.dumps(record_json(blob)), doc_id])
    con.close()
    with Corpus(old) as c:
        assert "升级到" in capsys.readouterr().err
        assert c.con.execute("SELECT max(version) FROM schema_info").fetchone()[0] == SCHEMA_VERSION
        for sha, rec in want.items():
            assert c.report(sha) == rec
