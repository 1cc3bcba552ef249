"""The reviewer's work stored with the corpus (fazhi/corpus/review.py) on a real DuckDB file:
review states with who and when, counts per year, decisions with their history and undo,
notes (批注) that are findings in every export and survive re-analysis."""
from __future__ import annotations

import pytest

from fazhi.batch.ingest import ingest, reanalyze
from fazhi.corpus import Corpus
from fazhi.corpus import review as rv
from fazhi.export import export

REPORT = ("某某县人民政府关于2023年度法治政府建设工作情况的报告\n"
          "一、主要举措和成效\n全年受理行政复议案件10件，办结8件，结案率为90%。\n"
          "本县组织领导干部旁听庭审两次。\n"
          "二、存在的不足和原因\n宣传不够。原因是人员不足。\n"
          "三、下一年度工作安排\n加强培训。\n某某县人民政府\n2024年3月1日\n")


@pytest.fixture()
def corpus(tmp_path):
    src = tmp_path / "某某县.txt"
    src.write_text(REPORT, "utf-8")
    other = tmp_path / "某某镇.txt"
    other.write_text(REPORT.replace("某某县", "某某镇").replace("本县", "本镇"), "utf-8")
    c = Corpus(tmp_path / "c.duckdb")
    ingest(c, [str(src), str(other)], workers=1)
    yield c
    c.close()


def _sha(c: Corpus, unit_word: str) -> str:
    return next(s for s, t in zip(c.reports()["sha256"], c.reports()["title"]) if unit_word in (t or ""))


def test_states_move_with_who_and_when_and_count_per_year(corpus):
    sha = _sha(corpus, "某某县")
    assert rv.state(corpus, sha)["state"] == "pending" and rv.state(corpus, sha)["state_zh"] == "待审"
    counts = rv.year_counts(corpus)
    assert counts[2023]["total"] == 2 and counts[2023]["done"] == 0 and counts[2023]["pending"] == 2
    f = next(x for x in corpus.report(sha)["findings"] if x["start"] is not None)
    corpus.decide(sha, f["check"], f["start"], f["end"], f["message"], "confirmed", "属实", "张三")
    st = rv.state(corpus, sha)
    assert st["state"] == "in_review" and st["user"] == "张三" and st["changed_at"] is not None
    rv.set_state(corpus, sha, "reviewed", "李四")
    assert rv.state(corpus, sha)["user"] == "李四"
    assert rv.year_counts(corpus)[2023] | {} == {"pending": 1, "in_review": 0, "reviewed": 1, "sent": 0,
                                                 "total": 2, "done": 1}
    assert corpus.reports(review_state=list(rv.DONE))["sha256"].tolist() == [sha]
    assert len(corpus.reports(review_state="pending")) == 1
    # a decision on a reviewed report does not move it back
    corpus.decide(sha, f["check"], f["start"], f["end"], f["message"], "dismissed", None, "张三")
    assert rv.state(corpus, sha)["state"] == "reviewed"
    with pytest.raises(rv.ReviewError, match="审查状态只能是"):
        rv.set_state(corpus, sha, "done", "张三")
    with pytest.raises(rv.ReviewError, match="没有找到这份报告"):
        rv.set_state(corpus, "0" * 64, "reviewed", "张三")


def test_reopen_undoes_a_decision_and_history_keeps_every_step(corpus):
    sha = _sha(corpus, "某某县")
    f = corpus.report(sha)["findings"][0]
    key = (sha, f["check"], f["start"], f["end"], f["message"])
    corpus.decide(*key, "confirmed", "属实", "张三")
    corpus.decide(*key, "dismissed", "看错了", "张三")
    assert next(x for x in corpus.report(sha)["findings"] if x["check"] == f["check"])["decision"]["decision"] == \
        "dismissed"
    assert rv.reopen(corpus, *key, user="李四") is True
    assert "decision" not in next(x for x in corpus.report(sha)["findings"] if x["check"] == f["check"]
                                  and x["start"] == f["start"])
    assert rv.reopen(corpus, *key, user="李四") is False  # nothing left to undo
    actions = [(h["action"], h["user"]) for h in rv.history(corpus, sha)]
    assert actions == [("confirmed", "张三"), ("state", "张三"), ("dismissed", "张三"), ("reopened", "李四")]
    assert rv.history(corpus, sha)[1]["detail_zh"] == "审查中"


def test_a_note_is_a_finding_in_the_record_the_tables_and_the_opinion(corpus, tmp_path):
    sha = _sha(corpus, "某某县")
    text = corpus.text(sha)
    start = text.index("旁听庭审两次")
    nid = rv.add_note(corpus, sha, start, start + 6, "warning", "旁听庭审次数应写明人数", "张三")
    note = next(x for x in corpus.report(sha)["findings"] if x["check"] == rv.NOTE_CHECK)
    assert note["note_id"] == nid and note["origin"] == "reviewer" and note["quote"] == "旁听庭审两次"
    assert note["decision"]["user"] == "张三" and rv.state(corpus, sha)["state"] == "in_review"
    df = corpus.findings(year=2023)
    row = df[df["check"] == rv.NOTE_CHECK].iloc[0]
    assert row["quote"] == "旁听庭审两次" and row["decision"] == "confirmed" and row["sha256"] == sha
    assert len(corpus.findings(origin="reviewer")) == 1
    assert len(corpus.findings(origin="document")) + len(corpus.findings(origin="corpus")) == len(df) - 1
    assert corpus.findings(check="count_order", year=2023)["check"].eq("count_order").all()
    assert len(corpus.findings(decision="undecided", year=2023)[lambda d: d["origin"] == "reviewer"]) == 0
    # in the opinion (only for the report asked, once its review is finished) and in the workbook
    rv.set_state(corpus, sha, "reviewed", "张三")
    out = export(corpus, tmp_path / "意见.docx", kind="opinions", year=2023, unit="某某县人民政府",
                 include_undecided=False)[0]
    from docx import Document

    body = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "旁听庭审次数应写明人数" in body and "旁听庭审两次" in body
    xlsx = export(corpus, tmp_path / "审查结果.xlsx", year=2023)[0]
    from openpyxl import load_workbook

    rows = list(load_workbook(xlsx, read_only=True)["问题"].iter_rows(values_only=True))
    found = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert any(r["检查项"] == rv.NOTE_ZH and r["问题说明"] == "旁听庭审次数应写明人数" and r["审查人"] == "张三"
               and r["来源"] == rv.NOTE_ZH for r in found)
    rv.remove_note(corpus, sha, nid, "张三")
    assert not [x for x in corpus.report(sha)["findings"] if x["check"] == rv.NOTE_CHECK]
    assert [h["action"] for h in rv.history(corpus, sha)][-1] == "note_removed"
    with pytest.raises(rv.ReviewError, match="不存在或已删除"):
        rv.remove_note(corpus, sha, nid, "张三")


def test_notes_refuse_bad_input(corpus):
    sha = _sha(corpus, "某某县")
    n = len(corpus.text(sha))
    for args, msg in (((0, 4, "fatal", "x"), "级别"), ((0, 4, "error", "  "), "请填写"),
                      ((n, n + 3, "error", "x"), "不在正文之内"), ((5, 2, "error", "x"), "不在正文之内"),
                      ((0, 4, "error", "字" * 4001), "最长")):
        with pytest.raises(rv.ReviewError, match=msg):
            rv.add_note(corpus, sha, *args, user="张三")
    with pytest.raises(rv.ReviewError, match="没有找到这份报告"):
        rv.add_note(corpus, "f" * 64, 0, 3, "error", "x", "张三")


def test_notes_and_states_survive_reanalysis_and_follow_their_words(corpus):
    sha = _sha(corpus, "某某县")
    text = corpus.text(sha)
    start = text.index("旁听庭审两次")
    rv.add_note(corpus, sha, start, start + 6, "error", "人数不明", "张三")
    rv.set_state(corpus, sha, "sent", "张三")
    reanalyze(corpus, workers=1)
    note = next(x for x in corpus.report(sha)["findings"] if x["check"] == rv.NOTE_CHECK)
    assert (note["start"], note["end"]) == (start, start + 6)
    assert rv.state(corpus, sha)["state"] == "sent"
    # the words moved (a reader that reads the text differently): the note moves with them
    assert rv.anchor("前言" + text, start, start + 6, "旁听庭审两次") == (start + 2, start + 8)
    assert rv.anchor("别的文字", start, start + 6, "旁听庭审两次") == (None, None)
    assert rv.anchor("甲乙甲乙甲", 3, 4, "甲") == (2, 3) or rv.anchor("甲乙甲乙甲", 3, 4, "甲") == (4, 5)


def test_progress_counts_decided_findings():
    assert rv.progress([{"decision": {"decision": "confirmed"}}, {}, {"decision": None}]) == (1, 3)
    assert rv.progress([]) == (0, 0)
