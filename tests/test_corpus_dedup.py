"""`near_duplicate`: copied passages are found with their source, stock phrasing is not
copying, the finding lands on the later report, and the index is incremental."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from fazhi.batch.ingest import ingest, reanalyze
from fazhi.corpus import Corpus, dedup
from fazhi.corpus.dedup import Context

from .test_corpus_store import report_text, specific, write


def _dups(c: Corpus) -> list[dict]:
    df = c.findings(check="near_duplicate")
    return [{**r, "data": json.loads(r["data"])} for r in df.to_dict("records")]


def test_signatures_equal_datasketch_minhash() -> None:
    from datasketch import MinHash

    s = dedup.settings()
    text = report_text("固安县", 2023)
    ps = dedup.own_passages(text, frozenset(), s)
    sigs = dedup.signatures(ps, s)
    assert len(ps) >= 3
    for p, sig in zip(ps, sigs):
        own = "".join(norm for norm, _, _, prior in dedup.clauses(text, p.start, p.end, s, Context()) if not prior)
        m = MinHash(num_perm=s.num_perm, seed=s.seed, scheme="affine32", hashfunc=dedup.shingle_hash)
        m.update_batch([own[i:i + s.shingle] for i in range(len(own) - s.shingle + 1)])
        assert np.array_equal(m.hashvalues, sig)


def test_clause_keys_mask_names_self_words_and_digits() -> None:
    a = Context.of({"jurisdiction": "永清县", "issuer": "永清县人民政府"})
    b = Context.of({"jurisdiction": "固安县", "issuer": "固安县人民政府"})
    assert dedup.clause_key("永清县全年受理行政复议案件73件", ctx=a) == dedup.clause_key("固安县全年受理行政复议案件45件", ctx=b)
    assert dedup.clause_key("我县坚持依法行政", ctx=a) == dedup.clause_key("全区坚持依法行政", ctx=b)
    assert dedup.clause_key("受理行政复议案件") != dedup.clause_key("办理法律援助案件")
    assert dedup.clause_key("依法行政") is None  # too short to be a phrase


def test_passages_skip_the_title_and_short_lines() -> None:
    text = "固安县人民政府关于2023年度法治政府建设情况的报告\n发布日期：2024-03-20\n" + "很长的一段正文。" * 10 + "\n"
    spans = dedup.passage_spans(text, skip=((0, 25),))
    assert [text[a:b] for a, b in spans] == ["很长的一段正文。" * 10]
    long = "。".join(["这是一句有二十多个字的句子用来测试长段落切分"] * 30) + "。"
    pieces = dedup.passage_spans(long)
    assert len(pieces) > 1 and pieces[0][0] == 0 and pieces[-1][1] == len(long)
    assert all(b - a <= dedup.settings().max_passage_chars for a, b in pieces)


def test_copy_from_another_unit_is_found_with_its_source(tmp_path: Path) -> None:
    d = tmp_path / "r"
    src_para = specific("固安县", 2023, 1)
    copied = src_para.replace("固安县", "永清县")
    write(d, "a.txt", report_text("固安县", 2023, published="2024-03-01",
                                 paragraphs=[specific("固安县", 2023, 0), src_para, specific("固安县", 2023, 2)]))
    target = report_text("永清县", 2023, published="2024-03-20",
                         paragraphs=[specific("永清县", 2023, 0), specific("永清县", 2023, 1), copied])
    write(d, "b.txt", target)
    write(d, "c.txt", report_text("大城县", 2023, published="2024-03-10"))
    with Corpus(tmp_path / "c.duckdb") as c:
        stats = ingest(c, [str(d)], workers=1).crosscheck
        assert stats["near_duplicate"] == 1
        (f,) = _dups(c)
        assert f["unit_name"] == "永清县" and f["severity"] == "warning" and f["origin"] == "corpus"
        assert f["data"]["kind"] == "other_unit" and f["data"]["other_unit"] == "固安县"
        text = c.text(f["sha256"])
        assert copied.strip() in text[f["start"]:f["end"]] or text[f["start"]:f["end"]] in copied
        assert "固安县2023年度报告" in f["message"] and src_para in f["data"]["other_quote"]
        assert f["data"]["similarity"] > 0.9
        rec = c.report(f["sha256"])  # lands in the record like any finding
        assert [x["check"] for x in rec["findings"] if x["origin"] == "corpus"] == ["near_duplicate"]


def test_order_unknown_flags_both_and_same_unit_same_year_is_not_a_copy(tmp_path: Path) -> None:
    d = tmp_path / "r"
    shared = specific("固安县", 2023, 1)
    write(d, "a.txt", report_text("固安县", 2023, published=None,
                                 paragraphs=[specific("固安县", 2023, 0), shared]))
    write(d, "b.txt", report_text("永清县", 2023, published=None,
                                 paragraphs=[shared.replace("固安县", "永清县"), specific("永清县", 2023, 5)]))
    # the same report of 固安县 once more with a different header (as its web page and its PDF would differ)
    write(d, "a_page.txt", "首页 > 政务公开 > 法治政府建设\n" + report_text("固安县", 2023, published=None,
                                                                  paragraphs=[specific("固安县", 2023, 0), shared]))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d)], workers=1)
        found = _dups(c)
        pairs = {(f["unit_name"], f["data"]["other_unit"]) for f in found}
        assert pairs == {("固安县", "永清县"), ("永清县", "固安县")}
        assert all(f["data"]["kind"] == "other_unit" for f in found)


def test_previous_report_of_the_same_unit(tmp_path: Path) -> None:
    d = tmp_path / "r"
    carried = specific("固安县", 2022, 2)
    write(d, "2022.txt", report_text("固安县", 2022, published="2023-03-01",
                                    paragraphs=[specific("固安县", 2022, 0), specific("固安县", 2022, 1), carried]))
    write(d, "2023.txt", report_text("固安县", 2023, published="2024-03-01",
                                    paragraphs=[carried.replace("2022年", "2023年"), specific("固安县", 2023, 1)]))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d)], workers=1)
        (f,) = _dups(c)
        assert f["report_year"] == 2023 and f["data"]["kind"] == "previous_report"
        assert "本单位2022年度报告" in f["message"]


def test_stock_phrasing_shared_by_many_units_is_not_copying(tmp_path: Path) -> None:
    """A template paragraph every township got from the county is stock; a real copy still shows."""
    d = tmp_path / "r"
    template = ("我镇认真贯彻落实县委县政府关于法治政府建设的决策部署，切实加强组织领导，健全工作机制，"
                "把法治政府建设纳入经济社会发展总体规划，定期研究解决法治政府建设中的重大问题，"
                "推动各项任务落地见效。")
    towns = ["永清镇", "韩村镇", "后奕镇", "别古庄镇", "里澜城镇", "刘街镇", "曹家务镇"]
    copied = specific("韩村镇", 2023, 1)
    for i, t in enumerate(towns):
        paras = [template, specific(t, 2023, 0), specific(t, 2023, 1)]
        pub = f"2024-03-{10 + i:02d}"
        if t == "刘街镇":
            paras[2] = copied.replace("韩村镇", "刘街镇")
        write(d, f"{t}.txt", report_text(t, 2023, published=pub, issuer=t + "人民政府", paragraphs=paras))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d)], workers=1)
        found = _dups(c)
        assert [(f["unit_name"], f["data"]["other_unit"]) for f in found] == [("刘街镇", "韩村镇")]
        assert c.con.execute("SELECT count(*) FROM stock_phrases").fetchone()[0] > 0


def test_incremental_crosscheck_refreshes_the_partner(tmp_path: Path) -> None:
    """The later report (the copier) gets the finding even when its source arrives afterwards."""
    d1, d2 = tmp_path / "first", tmp_path / "second"
    src = specific("固安县", 2023, 1)
    write(d1, "b.txt", report_text("永清县", 2023, published="2024-03-20",
                                  paragraphs=[src.replace("固安县", "永清县"), specific("永清县", 2023, 4)]))
    for unit in ("大城县", "文安县", "香河县", "三河市", "霸州市"):  # so that one new report is a small change
        write(d1, f"{unit}.txt", report_text(unit, 2023, published="2024-03-05"))
    write(d2, "a.txt", report_text("固安县", 2023, published="2024-03-01",
                                  paragraphs=[specific("固安县", 2023, 0), src]))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(d1)], workers=1)
        assert _dups(c) == []
        stats = ingest(c, [str(d2)], workers=1).crosscheck
        assert stats["documents"] == 1
        found = _dups(c)
        assert [(f["unit_name"], f["data"]["other_unit"]) for f in found] == [("永清县", "固安县")]
        # re-analysing the source alone refreshes the copier's finding
        assert reanalyze(c, workers=1, unit="固安县").crosscheck["documents"] == 1
        assert [(f["unit_name"], f["data"]["other_unit"]) for f in _dups(c)] == [("永清县", "固安县")]
        # a full re-run finds the same and nothing more
        c.crosscheck(full=True)
        assert [(f["unit_name"], f["data"]["other_unit"]) for f in _dups(c)] == [("永清县", "固安县")]
