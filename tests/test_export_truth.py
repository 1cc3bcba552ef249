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


def _title_in(body: str) -> str | None:
    """The report's title as an opinion's first sentence quotes it; None for an untitled report
    (报送的2022年度法治政府建设年度报告（无标题）)."""
    m = re.search(r"报送的《(.+?)》", body)
    if m is None:
        assert re.search(r"报送的(\d{4}年度)?法治政府建设年度报告（无标题）", body), body[:200]
        return None
    return m.group(1)


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
    by_title = {r["title"]: r["sha256"] for r in reports.to_dict("records") if isinstance(r["title"], str)}
    written = set()
    for body in bodies.values():
        title = _title_in(body)
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
        title = _title_in(body)
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


# ---------------------------------------------------------------------------------------------
# Addressing and completeness: what the analysis inferred is said to be inferred, a unit is
# addressed by a body's name, and a text cut off is said to be cut off. Own-words reports.

UNTITLED = """2023年，青山镇在县委、县政府的坚强领导下，坚持以习近平法治思想为指导，扎实推进法治政府建设各项工作。现将有关情况报告如下：
一、主要举措和成效
（一）加强组织领导。镇党委、镇政府主要负责人认真履行推进法治建设第一责任人职责，全年召开专题会议研究法治建设工作4次，镇长带头讲法治课2次。
（二）规范行政执法。全镇聘请法律顾问1名，审核镇政府文件和合同18件，开展执法人员培训3期。
二、存在的不足和原因
一是干部法治意识仍需提升，二是执法力量不足，主要原因是基层法治人才较少、培训投入不足。
三、2024年工作安排
一是深入学习习近平法治思想；二是加强镇村两级法治队伍建设；三是开展法律明白人培养工程。
"""

CUT_OFF = """青山县人民政府关于2023年度法治政府建设情况的报告
2023年，青山县人民政府坚持以习近平法治思想为指导，扎实推进法治政府建设各项工作。现将有关情况报告如下：
一、主要举措和成效
（一）加强组织领导。县政府常务会议专题研究法治政府建设工作5次，县长带头讲法治课2次，组织领导干部学法12次，全县各部门主要负责人年终述法全覆盖。
（二）规范行政执法。全县审核行政规范性文件12件，聘请法律顾问6名，开展执法人员培训8期，组织执法案卷评查2次，评查案卷260卷，督促各部门整改发现的问题，并将评查结果纳入
"""

TITLE_FRAGMENT = """永清县政府2015年推进依法行政工作情况及2016年工作打算
2015年，永清县坚持依法行政，扎实推进法治政府建设。现将有关情况报告如下：
一、主要举措和成效
全县审核规范性文件9件，聘请法律顾问5名，县长带头履行推进法治建设第一责任人职责，主持研究法治工作3次。
二、存在的不足和原因
执法力量不足，原因是编制紧张。
三、2016年工作打算
一是加强执法队伍建设；二是推进政务公开。
"""

NO_UNIT = """2023年，我单位坚持以习近平法治思想为指导，认真落实法治政府建设各项部署。现将有关情况报告如下：
一、主要举措和成效
全年组织学法4次，办理行政处罚案件6件。
二、存在的不足和原因
学习不够深入，原因是工作任务重。
三、2024年工作安排
一是加强学法；二是规范执法。
"""


@pytest.fixture(scope="module")
def own_corpus_path(tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("own")
    for name, text in (("青山镇.txt", UNTITLED), ("青山县.txt", CUT_OFF), ("旧报告.txt", TITLE_FRAGMENT),
                       ("无单位.txt", NO_UNIT)):
        (d / "in" / name).parent.mkdir(exist_ok=True)
        (d / "in" / name).write_text(text, "utf-8")
    db = d / "own.duckdb"
    with Corpus(db) as c:
        ingest(c, [str(d / "in")], workers=1)
    return str(db)


def _opinion_of(files: list[Path], needle: str) -> str:
    bodies = ["\n".join(_texts(f)) for f in files]
    (body,) = [b for b in bodies if needle in b]
    return body


def test_inferred_unit_and_year_are_said_to_be_inferred(own_corpus_path: str, tmp_path: Path) -> None:
    with Corpus(own_corpus_path, read_only=True) as c:
        files = export(c, tmp_path / "意见", kind="opinions", issuer="某办")
    untitled = _opinion_of(files, "青山镇")
    # both inferred: said once for both, not the same clause twice
    assert "本意见所称报告单位“青山镇人民政府”和报告年度“2023年度”均系根据报告内容推断。" in untitled
    assert untitled.count("系根据报告内容推断") == 1
    titled = _opinion_of(files, "《青山县人民政府关于2023年度法治政府建设情况的报告》")
    assert "推断" not in titled.replace("已根据正文推断", "")  # the title states unit and year


def test_a_title_fragment_is_never_the_addressee(own_corpus_path: str, tmp_path: Path) -> None:
    with Corpus(own_corpus_path, read_only=True) as c:
        files = export(c, tmp_path / "意见", kind="opinions", issuer="某办")
    texts = [_texts(f) for f in files]
    (old,) = [t for t in texts if "2015年度" in t[0]]
    assert old[1] == "永清县人民政府："
    for t in texts:
        assert not re.search(r"\d", t[1]), t[1]  # a 主送 line holds no year or figure


def test_a_text_cut_off_is_said_to_be_cut_off(own_corpus_path: str, tmp_path: Path) -> None:
    notes: list[str] = []
    with Corpus(own_corpus_path, read_only=True) as c:
        files = export(c, tmp_path / "意见", kind="opinions", issuer="某办", note=notes.append)
    cut = _opinion_of(files, "《青山县人民政府关于2023年度法治政府建设情况的报告》")
    # the check stands, said of the text received ...
    assert "所收到的报告文本中未见推进法治政府建设存在的不足和问题" in cut
    assert "处中断，可能不完整" in cut and "并将评查结果纳入" in cut  # ... and the reader is told why it may be wrong
    assert any("1份报告收到的文本可能不完整" in n for n in notes)
    assert "处中断" not in _opinion_of(files, "青山镇")


def test_notice_names_inferred_units_as_inferred_and_survives_an_unknown_unit(own_corpus_path: str,
                                                                                tmp_path: Path) -> None:
    with Corpus(own_corpus_path, read_only=True) as c:
        assert c.reports()["unit_name"].isna().any()  # the report of no named unit
        (out,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办")
    line = next(p for p in _texts(out) if "标题未写明单位或年度：" in p)
    assert "青山镇（单位系推断）" in line and "未识别单位" in line


def test_addressing_of_a_department_whose_name_was_not_found() -> None:
    from fazhi.export.addressing import addressing

    rep = {"level": "department", "department": None, "jurisdiction": "青山区", "unit_name": "青山区",
           "issuer": None, "report_year": 2023, "inferred": ["jurisdiction"]}  # the place from the site's address
    a = addressing(rep)
    assert a.unit == "青山区（部门名称未识别）" and a.addressee is None  # never the district's government
    assert a.unit_inferred and not a.year_inferred
    # a department named with its place dropped is addressed by its full name
    rep = {"level": "department", "department": "青山市城市管理委员会", "jurisdiction": "青山市",
           "unit_name": "青山市城市管理委员会", "issuer": "市城管委", "report_year": 2023, "inferred": []}
    a = addressing(rep)
    assert a.addressee == "青山市城市管理委员会" and a.caveat(2023) is None


def test_a_government_named_the_short_way_is_addressed_by_its_formal_name() -> None:
    from fazhi.export.addressing import addressing

    rep = {"level": "county", "department": None, "jurisdiction": "青山县", "issuer": "青山县政府", "report_year": 2023,
           "inferred": []}
    assert addressing(rep).addressee == "青山县人民政府"
    rep["issuer"] = "中共青山县委、青山县人民政府"  # a joint issuer is a body as written
    assert addressing(rep).addressee == "中共青山县委、青山县人民政府"
    rep.update(level="street", jurisdiction="青山街道", issuer="青山街道办事处")
    assert addressing(rep).addressee == "青山街道办事处"


def test_cut_off_is_told_from_complete_texts() -> None:
    from fazhi.understand.completeness import cut_off_tail

    assert cut_off_tail(CUT_OFF) == "的问题，并将评查结果纳入"  # the last 12 characters
    assert cut_off_tail("报告正文……\n" + "全年办理行政复议案件30件，办结28件，" * 3 + "对12个部门(单") is not None
    for complete in (UNTITLED, TITLE_FRAGMENT, "……一是加强学法。\n青山县人民政府\n2024年3月5日\n",
                     "……依法行政。\n【打印本页】【关闭窗口】\n", ""):
        assert cut_off_tail(complete) is None
    # none of the hand-written reports nor the bundled examples reads as cut off
    from .conftest import EXAMPLES as ex

    for f in sorted(Path(__file__).parent.joinpath("corpus", "reports").glob("*.txt")) + sorted(ex.glob("*.txt")):
        raw = f.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:  # the examples hold a GBK report
            text = raw.decode("gb18030")
        assert cut_off_tail(text) is None, f.name


def test_every_figure_kind_has_a_chinese_label() -> None:
    """The 数据 sheet shows a figure's kind: no English key may reach it (target, context …)."""
    from fazhi.data import load
    from fazhi.data.labels import FIGURE_KIND_ZH

    kinds = {k["kind"] for k in load("figure_kinds.toml")["kind"]}
    kinds |= {k for k in load("lexicon.toml")["units"] if k != "arabic_only"} | {"change"}
    assert kinds <= set(FIGURE_KIND_ZH), kinds - set(FIGURE_KIND_ZH)


LABEL_COLUMNS = {"报告": ("层级", "文件类型"), "问题": ("级别", "检查项", "来源", "审查结论"),
                 "数据": ("指标", "类型", "增减方向", "约数", "层级")}


def test_workbook_labels_are_chinese(corpus: Corpus, tmp_path: Path) -> None:
    import openpyxl

    (out,) = export(corpus, tmp_path / "审查结果.xlsx")
    wb = openpyxl.load_workbook(out, read_only=True)
    for sheet, cols in LABEL_COLUMNS.items():
        rows = list(wb[sheet].iter_rows(values_only=True))
        head = list(rows[0])
        for col in cols:
            j = head.index(col)
            values = {r[j] for r in rows[1:] if r[j] is not None}
            assert values, (sheet, col)
            assert not [v for v in values if re.search(r"[A-Za-z]{3,}", str(v))], (sheet, col, values)


# ---------------------------------------------------------------------------------------------
# The draft a drafter submits: where it goes, and figures that read as what they count.

@pytest.mark.parametrize("level", ["township", "street"])
def test_draft_note_sends_a_township_or_street_report_where_it_goes(level: str) -> None:
    """A township has no 人大常委会 and a street no 党委/人大 of its own: their reports go to the
    county or district above, as the province rules."""
    from fazhi.draft import Ledger, compose

    note = "".join(b.text for b in compose(Ledger("桃林镇" if level == "township" else "玉林街道", level, 2023, {})).note)
    assert "人大常委会" not in note and "本级党委" not in note
    assert "按本省规定" in note and "2024年4月1日前" in note
    county = "".join(b.text for b in compose(Ledger("永清县", "county", 2023, {})).note)
    assert "本级党委、人大常委会和上一级党委、政府" in county


def test_draft_figure_without_its_lead_clause_names_what_it_counts() -> None:
    """办结13件 or 满意率96.5% after an unrelated clause reads as that clause's: a row whose lead
    row is empty is written with the words that say what it counts."""
    from fazhi.draft import PROMPT_RE, Ledger, compose, spec
    from fazhi.draft.ledger import Entry

    rows = [r for r in spec().for_level("county") if r.alone]
    assert len(rows) >= 8
    values = {r.id: (96.5 if r.is_rate else 7 + i) for i, r in enumerate(rows)}
    draft = compose(Ledger("永清县", "county", 2023, {k: Entry(k, v) for k, v in values.items()}))
    text = draft.text()
    assert "满意率96.5%" in text and "12345热线满意率96.5%" in text
    assert not re.search(r"(全年|，)办结\d", text)
    for r in rows:
        n = f"{values[r.id]:g}{r.unit}" if not r.is_rate else "96.5%"
        assert r.alone.format(n=n) in text, r.id
    # with the lead row filled, the short phrase follows it
    full = compose(Ledger("永清县", "county", 2023, {"reconsideration.received": Entry("reconsideration.received", 20),
                                                   "reconsideration.closed": Entry("reconsideration.closed", 18)}))
    assert "受理行政复议案件20件，办结18件" in full.text()
    # the analysis reads the standalone phrases as their indicators once the prompts are filled in
    import fazhi

    finished = PROMPT_RE.sub("我们认真做好这方面的工作。", text)
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(finished).figures}
    # (矛盾纠纷调处成功 right after the 行政复议 clauses of the same sentence is read by the sentence's
    # topic; the clause is true and plain to a reader, so it is left out of this check)
    missed = [k for k, v in values.items() if (k, v) not in got and k != "mediation.resolved"]
    assert not missed, missed


# ---------------------------------------------------------------------------------------------
# Finding messages a unit reads in its opinion.

_PLAIN = """，扎实推进法治政府建设。现将有关情况报告如下：
一、主要举措和成效
全区审核规范性文件9件，区长带头履行推进法治建设第一责任人职责，主持研究法治工作3次。
二、存在的不足和原因
执法力量不足，原因是编制紧张。
三、2024年工作安排
一是加强执法队伍建设；二是推进政务公开。
"""


@pytest.mark.parametrize("lead, place", [("2023年，重庆市荣昌区坚持以习近平法治思想为指导", "荣昌区（重庆市）"),
                                         ("2023年，宁夏回族自治区坚持以习近平法治思想为指导", "宁夏回族自治区")])
def test_inferred_place_is_named_once(lead: str, place: str) -> None:
    """A municipality is its own province and city, a province its own jurisdiction: named once."""
    import fazhi

    (msg,) = [f.message for f in fazhi.analyze_text(lead + _PLAIN).findings if f.check == "missing_title"]
    assert msg.endswith("已根据正文推断为" + place)


def test_department_and_first_heading_messages() -> None:
    import fazhi

    text = """永清县司法局关于2023年度法治政府建设情况的报告
一、主要举措和成效
（二）规范执法
全年办理行政处罚案件42件，组织执法培训2期。
（三）强化监督
全年办理行政复议案件4件。
二、存在的不足和原因
执法人员专业能力有待提高，原因是培训不够系统。
三、2024年工作安排
一是加强执法队伍培训；二是完善执法制度。
"""
    msgs = {f.check: f.message for f in fazhi.analyze_text(text).findings}
    # a bureau reports on its own principal leader, not on 党政主要负责人
    assert msgs["first_responsibility_missing"] == "报告未写明主要负责人履行推进法治建设第一责任人职责的情况"
    assert msgs["heading_numbering"] == "同级第一个标题的序号是“(二)”，缺少“(一)”"


def test_notice_drops_a_missing_part_the_reviewer_dismissed(tmp_path: Path) -> None:
    """A reviewer who finds the 'missing' part in the original (a text cut off, a heading the
    analysis missed) dismisses the finding: the notice must not list the unit as lacking it."""
    from .test_export_xlsx import review_corpus

    c = review_corpus(tmp_path)
    try:
        (before,) = export(c, tmp_path / "a.docx", year=2023, issuer="某办")
        assert "三河市（缺少下一年度工作安排）" in "\n".join(_texts(before))
        fs = c.findings(check="next_year_plan_missing")
        for r in fs.to_dict("records"):
            c.decide(r["sha256"], r["check"], r["start"], r["end"], r["message"], "dismissed", user="审查人")
        (after,) = export(c, tmp_path / "b.docx", year=2023, issuer="某办")
        text = "\n".join(_texts(after))
        assert "三河市（缺少" not in text and "内容方面" not in text and "0份" not in text
        # only confirmed findings: an undecided missing part is neither listed nor taken for a clean result
        notes: list[str] = []
        (only,) = export(c, tmp_path / "c.docx", year=2023, issuer="某办", include_undecided=False, note=notes.append)
        assert "未发现需要通报的问题" not in "\n".join(_texts(only))
    finally:
        c.close()


def test_missing_title_names_a_unit_the_body_names_without_its_place() -> None:
    """'正文也未写明发布单位' is false when the body names the unit (区城市管理局) but not its place."""
    import fazhi

    text = """2024年，区城市管理局在区委、区政府的正确领导下，坚持以习近平法治思想为指导，扎实推进法治政府建设。现将具体情况报告如下：
一、主要举措和成效
我局全年办理行政处罚案件42件，组织执法培训2期。局主要负责人认真履行推进法治建设第一责任人职责。
二、存在的不足和原因
执法人员专业能力有待提高，原因是培训不够系统。
三、2025年工作安排
一是加强执法队伍培训；二是完善执法制度。
"""
    (msg,) = [f.message for f in fazhi.analyze_text(text).findings if f.check == "missing_title"]
    assert msg.endswith("已根据正文推断为区城市管理局") and "未写明发布单位" not in msg


def test_cli_marks_inferred_unit_and_year(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(UNTITLED, "utf-8")
    (tmp_path / "b.txt").write_text(CUT_OFF, "utf-8")
    res = CliRunner().invoke(app, ["analyze", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith(("发布单位：", "报告年度："))]
    assert lines[0].startswith("发布单位：青山镇人民政府（据正文推断）") and lines[1].startswith("报告年度：2023（据正文推断）")
    assert "推断" not in lines[2] + lines[3]  # the titled report states both


def test_a_bounded_rate_is_never_recomputed_on_a_base_below_its_part() -> None:
    """不予受理7件 between 受理79件 and 审结74件 is not the closure rate's base: the message said
    结案率应为1057.1%（74/7）, a rate no report can have."""
    import fazhi

    text = """永清县自然资源局关于2023年度法治政府建设情况的报告
一、主要举措和成效
（一）行政复议。全年收到以我局为被申请人的行政复议申请86件，依法受理79件，不予受理7件；审结74件，结案率95.7%。审结案件中，维持45件、驳回12件。
二、存在的不足和原因
执法人员专业能力有待提高，原因是培训不够系统。
三、2024年工作安排
一是加强执法队伍培训；二是完善执法制度。
"""
    (msg,) = [f.message for f in fazhi.analyze_text(text).findings if f.check == "rate_consistency"]
    assert msg.startswith("行政复议结案率应为93.7%（74/79），报告写作95.7%")


def test_opinions_write_dates_as_a_gongwen_does(tmp_path: Path) -> None:
    """报告于2024-04-03公开 reads 报告于2024年4月3日公开 in the 审查意见."""
    late = TITLE_FRAGMENT.replace("2015", "2023").replace("2016", "2024").replace(
        "工作打算\n", "工作打算\n发布日期：2024-04-03\n", 1)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "late.txt").write_text(late, "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        # the finding itself now writes the date as its deadline is written; the record's data keeps ISO
        assert c.findings(check="timeliness")["message"].str.contains("报告于2024年4月3日公开").any()
        (f,) = export(c, tmp_path / "意见", kind="opinions", issuer="某办")
    body = "\n".join(_texts(f))
    assert "报告于2024年4月3日公开" in body and not re.search(r"\d{4}-\d{2}-\d{2}", body)


def test_notice_with_a_unit_list_says_a_deficient_text_was_cut_off(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "yq.txt").write_text(CUT_OFF.replace("青山县", "永清县"), "utf-8")
    reg = tmp_path / "名单.csv"
    reg.write_text("单位,层级,上级\n永清县,县级,廊坊市\n", "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        c.load_registry(reg)
        (out,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办")
    line = next(p for p in _texts(out) if p.startswith("永清县（缺少"))
    # the unit whose text was cut off is named, not a count and a menu of possible reasons
    assert line.endswith("其中永清县收到的报告文本可能不完整，所列缺项请以报告原件为准。")


def test_workbook_never_names_a_bureau_by_its_district(tmp_path: Path) -> None:
    """A department's report whose department was not found is listed as the place's unknown
    department in every sheet, never as the place itself."""
    import openpyxl
    import pandas as pd

    from fazhi.export.excel import _named, _unit_names

    reports = pd.DataFrame([{"sha256": "a", "level": "department", "department": None, "jurisdiction": "荣昌区",
                             "unit_name": "荣昌区"},
                            {"sha256": "b", "level": "district", "department": None, "jurisdiction": "荣昌区",
                             "unit_name": "荣昌区"}])
    names = _unit_names(reports)
    assert list(_named(reports, names)["unit_name"]) == ["荣昌区（部门名称未识别）", "荣昌区"]
    # end to end on a corpus: the sheets agree with the 审查意见
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(UNTITLED, "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        (out,) = export(c, tmp_path / "审查结果.xlsx")
    wb = openpyxl.load_workbook(out, read_only=True)
    assert [r[0] for r in wb["报告"].iter_rows(min_row=2, values_only=True)] == ["青山镇"]


def test_notice_without_a_unit_list_names_missing_parts(tmp_path: Path) -> None:
    """Without a list of units the notice left lateness and missing parts out and could close with
    未发现需要通报的问题 about a report that lacks three of the five parts."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cut.txt").write_text(CUT_OFF, "utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(tmp_path / "in")], workers=1)
        assert set(c.findings(severity=["error", "warning"])["check"]) <= {
            "shortcomings_missing", "next_year_plan_missing", "causes_missing"}
        (out,) = export(c, tmp_path / "通报.docx", year=2023, issuer="某办")
    text = "\n".join(_texts(out))
    assert "未发现需要通报的问题" not in text
    assert "缺少不足：青山县" in text and "收到的报告文本可能不完整，所列缺项请以报告原件为准" in text
    # the only part of its section: no（一）heading over a list of one
    assert "（一）" not in text
