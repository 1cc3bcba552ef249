"""Nothing false goes out: the 审查意见 and 通报 written from the seeds and the examples.

- no opinion for a document that is not a report (the examples hold a 政府信息公开工作年度报告
  and a 工作要点 of units that also have a real report);
- file names without a random suffix when nothing clashes;
- "未发现需要整改的问题" never for a report whose findings are not all decided;
- the 落款 and 主送 are kept with the corpus, and without them the 落款 is a blank line,
  never a placeholder;
- no prescribed heading cited as copying (two townships of our own share them);
- page numbers as GB/T 9704 asks, and the lead-in ends "通报如下：".
Real DOCX files are written and read back with python-docx; the corpus is a real DuckDB file.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.batch.ingest import ingest
from fazhi.cli import app
from fazhi.corpus import Corpus
from fazhi.export import export
from fazhi.export.word import BLANK_SIGNATURE

from .conftest import EXAMPLES, SEEDS
from .test_dedup_prescribed import PRESCRIBED_HEADINGS, write_townships

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _texts(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory) -> str:
    """The examples, two townships sharing the prescribed headings, and the seeds when ../shared is present."""
    d = tmp_path_factory.mktemp("truth")
    write_townships(d / "townships")
    db = d / "c.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(EXAMPLES), str(d / "townships")] + ([str(SEEDS)] if SEEDS.is_dir() else []), workers=1)
    return str(db)


@pytest.fixture()
def corpus(corpus_path: str, tmp_path: Path):
    """A private copy, so that decisions and settings made by one test do not leak into another."""
    import shutil

    db = tmp_path / "c.duckdb"
    shutil.copy(corpus_path, db)
    c = Corpus(db)
    yield c
    c.close()


def test_no_opinion_for_a_look_alike_and_no_random_suffix(corpus: Corpus, tmp_path: Path) -> None:
    reps = corpus.reports()
    lookalikes = reps[reps["doc_type"] != "report"]
    assert len(lookalikes) >= 2  # the examples' 信息公开年报 and 工作要点
    notes: list[str] = []
    files = export(corpus, tmp_path / "意见", kind="opinions", issuer="某县全面依法治县委员会办公室", note=notes.append)
    assert len(files) == int((reps["doc_type"] == "report").sum())
    titles = set()
    for f in files:
        assert not re.search(r"_[0-9a-f]{8}$", f.stem), f.name  # no hash suffix
        text = _texts(f)
        titles.add(text[0])
        body = "\n".join(text)
        for t in lookalikes["title"].dropna():
            assert f"《{t}》" not in body
    assert len(titles) == len(files)
    assert any("不是法治政府建设年度报告" in n for n in notes)
    # the same unit and year twice gets a readable number, not a hash
    names = sorted(f.stem for f in files)
    assert len(set(names)) == len(names)


def test_no_all_clear_for_undecided_findings(corpus: Corpus, tmp_path: Path) -> None:
    fs = corpus.findings(severity=["error", "warning"])
    reports = corpus.reports()
    reports = reports[reports["doc_type"] == "report"]
    with_findings = sorted(set(fs["sha256"]) & set(reports["sha256"]))
    assert len(with_findings) >= 3
    # the reviewer decides every finding of one report, and some of another
    done, half = with_findings[0], with_findings[1]
    for r in fs[fs["sha256"] == done].to_dict("records"):
        corpus.decide(done, r["check"], r["start"], r["end"], r["message"], "dismissed", user="审查人")
    first = fs[fs["sha256"] == half].iloc[0]
    corpus.decide(half, first["check"], first["start"], first["end"], first["message"], "confirmed", user="审查人")
    fs = corpus.findings(severity=["error", "warning"])  # with the decisions
    notes: list[str] = []
    files = export(corpus, tmp_path / "意见", kind="opinions", include_undecided=False, note=notes.append)
    bodies = {f: "\n".join(_texts(f)) for f in files}
    by_title = {r["title"]: r["sha256"] for r in reports.to_dict("records")}
    written = set()
    for body in bodies.values():
        title = re.search(r"报送的《(.+?)》", body).group(1)
        sha = by_title.get(title)
        written.add(sha)
        if "未发现需要整改的问题" in body:
            undecided = fs[(fs["sha256"] == sha) & fs["decision"].isna()] if sha else fs.iloc[0:0]
            assert undecided.empty, title
    assert done in written and half not in written
    assert any("尚有未审查的问题" in n for n in notes)
    # with undecided findings passed on, every report with findings lists them
    files = export(corpus, tmp_path / "全部", kind="opinions")
    for f in files:
        body = "\n".join(_texts(f))
        title = re.search(r"报送的《(.+?)》", body).group(1)
        sha = by_title.get(title)
        open_findings = fs[(fs["sha256"] == sha) & (fs["decision"].isna())]
        if "未发现需要整改的问题" in body:
            assert open_findings.empty, title


def test_only_confirmed_notice_never_says_no_problems_while_review_is_open(corpus: Corpus, tmp_path: Path) -> None:
    notes: list[str] = []
    (out,) = export(corpus, tmp_path / "通报.docx", year=2023, kind="notice", include_undecided=False, note=notes.append)
    text = "\n".join(_texts(out))
    assert "未发现需要通报的问题" not in text
    assert any("未审查" in n for n in notes)


def test_settings_are_kept_with_the_corpus_and_never_a_placeholder(corpus: Corpus, tmp_path: Path) -> None:
    import docx

    notes: list[str] = []
    (out,) = export(corpus, tmp_path / "通报.docx", year=2023, when=date(2024, 4, 10), note=notes.append)
    paras = _texts(out)
    assert paras[-2] == BLANK_SIGNATURE and paras[-1] == "2024年4月10日"
    assert "审查单位" not in paras[-2] and "落款" not in "\n".join(paras)
    assert any("未设置落款单位" in n for n in notes)
    lead = next(p for p in paras if "通报如下" in p)
    assert lead.endswith("通报如下：")
    path = corpus.path
    corpus.close()
    runner = CliRunner()
    res = runner.invoke(app, ["export", "--db", path, "--to", str(tmp_path / "a.docx"), "--year", "2023",
                              "--issuer", "某县全面依法治县委员会办公室", "--recipients", "各乡镇人民政府，县政府各部门"])
    assert res.exit_code == 0, res.output
    assert "已保存落款单位" in res.stderr
    # later exports, the API and the web workspace use them without being told again
    res = runner.invoke(app, ["export", "--db", path, "--to", str(tmp_path / "b.docx"), "--year", "2023"])
    assert res.exit_code == 0, res.output
    b = _texts(tmp_path / "b.docx")
    assert b[1] == "各乡镇人民政府，县政府各部门：" and b[-2] == "某县全面依法治县委员会办公室"
    assert "未设置落款单位" not in res.stderr
    with Corpus(path) as c:
        assert c.setting("issuer") == "某县全面依法治县委员会办公室"
        assert c.settings()["recipients"]["value"] == "各乡镇人民政府，县政府各部门"
        files = export(c, tmp_path / "意见", kind="opinions")
    assert all(_texts(f)[-2] == "某县全面依法治县委员会办公室" for f in files)
    doc = docx.Document(str(files[0]))
    assert doc.paragraphs[-2].alignment is not None


def test_page_numbers_in_the_footer(corpus: Corpus, tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    (out,) = export(corpus, tmp_path / "通报.docx", year=2023, issuer="某办")
    doc = docx.Document(str(out))
    assert doc.settings.odd_and_even_pages_header_footer
    sec = doc.sections[0]
    assert sec.bottom_margin - sec.footer_distance > Pt(14)  # below the body, not inside it
    for footer, align, side in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
                                (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent")):
        (p,) = footer.paragraphs
        assert p.alignment == align and getattr(p.paragraph_format, side) == Pt(14)
        xml = p._p.xml
        assert "PAGE" in "".join(t.text for t in p._p.iter(f"{W}instrText"))
        assert xml.count('w:fldCharType="begin"') == 1 and xml.count('w:fldCharType="end"') == 1
        assert p.text == "— 1 —"
        for r in p.runs:
            assert r.font.size == Pt(14)
            assert r._element.find(f"{W}rPr").find(f"{W}rFonts").get(f"{W}eastAsia") == "宋体"


def test_no_prescribed_heading_cited_as_copying(corpus: Corpus, tmp_path: Path) -> None:
    for r in corpus.findings(check="near_duplicate").to_dict("records"):
        assert not any(h in r["message"] for h in PRESCRIBED_HEADINGS), r["message"]
    files = export(corpus, tmp_path / "意见", kind="opinions", issuer="某办")
    for f in files:
        for para in _texts(f):
            if "几乎相同" in para:
                assert not any(h in para for h in PRESCRIBED_HEADINGS), para
    (notice,) = export(corpus, tmp_path / "通报.docx", year=2023, issuer="某办")
    line = next((p for p in _texts(notice) if "内容雷同：" in p), "")
    assert "城关镇" not in line and "河西乡" not in line
