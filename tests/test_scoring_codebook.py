"""Codebooks (machine codes in the coders' layout, XLSX and CSV), templates, reading coders'
sheets back, and the score/rubric/analyze commands."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import fazhi
from fazhi.cli import app
from fazhi.scoring import default_rubric
from fazhi.scoring.codebook import CodingError, columns, read_coding

from .conftest import SEEDS, needs_seeds
from .scoring_samples import SAMPLES

openpyxl = pytest.importorskip("openpyxl")
runner = CliRunner()


@pytest.fixture(scope="module")
def reports_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("reports")
    for s in SAMPLES:
        (d / f"{s.name}.txt").write_text(s.text(), "utf-8")
    return d


def machine_codes(path) -> dict:
    r = fazhi.analyze(path)
    return {iid: it["code"] for part in r.score["parts"].values() for iid, it in part["items"].items()}, r


def test_codebook_xlsx_layout(reports_dir, tmp_path):
    out = tmp_path / "codes.xlsx"
    res = runner.invoke(app, ["codebook", str(reports_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["编码", "说明", "评分细则"]
    ws = wb["编码"]
    rows = list(ws.iter_rows(values_only=True))
    rubric = default_rubric()
    assert list(rows[0]) == columns(rubric)
    assert rows[0][6:8] == ("measures｜主要举措和成效", "measures｜依据")
    assert len(rows) == 1 + len(SAMPLES)
    by_name = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    codes, rep = machine_codes(reports_dir / "late.txt")
    row = by_name["late.txt"]
    assert row["sha256"] == rep.document.sha256 and row["总分"] == rep.score["total"] and row["年度"] == 2023
    for item in rubric.items:
        assert row[f"{item.id}｜{item.name}"] == codes[item.id]
    ev = row["timeliness｜依据"]
    assert "晚于" in ev and "原文：第2行：2024-04-08" in ev
    doc = list(wb["说明"].iter_rows(values_only=True))
    assert doc[0][:4] == ("编号", "维度", "名称", "分值")
    timeliness = next(r for r in doc if r[0] == "timeliness")
    assert "0.5 = 截止日当天公开" in timeliness[6] and "1 = 按时公开" in timeliness[6]
    meta = dict(r[:2] for r in wb["评分细则"].iter_rows(values_only=True))
    assert meta["名称"] == "fazhi-default" and meta["版本"] == "1.0" and meta["指纹"] == rubric.digest
    # the coders' drop-down lists offer exactly the item's codes
    dv = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}
    col = openpyxl.utils.get_column_letter(columns(rubric).index("timeliness｜按时公开") + 1)
    assert dv[f"{col}2"].formula1 == '"0,0.5,1"'


def test_codebook_csv_opens_in_excel_and_round_trips(reports_dir, tmp_path):
    out = tmp_path / "codes.csv"
    res = runner.invoke(app, ["codebook", str(reports_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == columns(default_rubric())
    # the machine's own codebook read back as a coders' sheet agrees perfectly
    res = runner.invoke(app, ["calibrate", str(reports_dir), "--human", str(out), "-f", "json"])
    assert res.exit_code == 0, res.output
    ag = json.loads(res.stdout)
    assert ag["n_reports"] == len(SAMPLES)
    assert ag["totals"]["spearman"] == pytest.approx(1.0) and ag["totals"]["mean_abs_diff"] == 0
    assert all(i["agreement"] == 1 for i in ag["items"])


def test_template_is_empty_and_names_the_reports(reports_dir, tmp_path):
    out = tmp_path / "blank.xlsx"
    res = runner.invoke(app, ["codebook", "--template", str(reports_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(openpyxl.load_workbook(out)["编码"].iter_rows(values_only=True))
    assert len(rows) == 1 + len(SAMPLES)
    for r in rows[1:]:
        assert r[0].endswith(".txt") and len(r[2]) == 64
        assert all(v is None for v in r[5:])  # total and every code left to the coders
    bare = tmp_path / "bare.csv"
    assert runner.invoke(app, ["codebook", "--template", "-o", str(bare)]).exit_code == 0
    assert bare.read_text("utf-8-sig").splitlines() == [",".join(columns(default_rubric()))]


def test_codebook_usage_errors(tmp_path, reports_dir):
    res = runner.invoke(app, ["codebook", "-o", str(tmp_path / "x.xlsx")])
    assert res.exit_code == 2 and "--template" in res.output
    res = runner.invoke(app, ["codebook", str(reports_dir), "-o", str(tmp_path / "x.ods")])
    assert res.exit_code == 2 and ".xlsx 或 .csv" in res.output


def _sheet(tmp_path, text, name="h.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_reading_coders_sheets(tmp_path):
    rubric = default_rubric()
    p = _sheet(tmp_path, "文件名,sha256,causes｜原因?,timeliness,不足写得具体,评审意见\n"
                         "a.txt,,是,0.4,,好\nb.txt,ABC,否,50%,1,\n,,,,,\n", encoding="gb18030")
    c = read_coding(p, rubric)
    assert c.items == ["causes", "timeliness", "shortcomings_specific"]
    assert [(r.report, r.sha256, r.row) for r in c.rows] == [("a.txt", None, 2), ("b.txt", "abc", 3)]
    assert c.rows[0].codes == {"causes": 1.0, "timeliness": 0.5}  # 0.4 taken to the nearest code
    assert c.rows[1].codes == {"causes": 0.0, "timeliness": 0.5, "shortcomings_specific": 1.0}
    assert any("评审意见" in n for n in c.notes)
    assert any("timeliness" in n and "最接近" in n for n in c.notes)


@pytest.mark.parametrize("text, message", [
    ("报告,causes\na.txt,6\n", "不在 0 到 1 之间"),
    ("报告,causes\na.txt,很好\n", "不是数"),
    ("单位,causes\n甲,1\n", "找不到标识报告的列"),
    ("报告,备注\na.txt,x\n", "没有评分项列"),
    ("报告,causes,causes｜不足的原因\na.txt,1,1\n", "有两列"),
    ("", "空表"),
])
def test_bad_coders_sheets_are_explained(tmp_path, text, message):
    with pytest.raises(CodingError, match=message):
        read_coding(_sheet(tmp_path, text), default_rubric())


def test_calibrate_usage_errors(tmp_path, reports_dir):
    good = _sheet(tmp_path, "报告,causes\nnowhere.txt,1\n")
    res = runner.invoke(app, ["calibrate", str(reports_dir), "--human", str(good)])
    assert res.exit_code == 2 and "没有一行能对应" in res.output
    bad = _sheet(tmp_path, "报告,causes\na.txt,3\n", name="bad.csv")
    res = runner.invoke(app, ["calibrate", str(reports_dir), "--human", str(bad)])
    assert res.exit_code == 2 and "不是得分" in res.output
    res = runner.invoke(app, ["calibrate", str(reports_dir), "--human", str(good), "--out", "x.toml"])
    assert res.exit_code == 2 and "--fit" in res.output


def test_score_command_table_and_jsonl(reports_dir):
    res = runner.invoke(app, ["score", str(reports_dir / "late.txt")])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "评分细则：fazhi-default 1.0" in out and "总分：" in out
    assert "✗ 按时公开　0/8　报告于2024年4月8日公开" in out
    assert "原文（第2行）：2024-04-08" in out
    assert "纲要覆盖" in out and "有报告　突发事件应对" in out
    res = runner.invoke(app, ["score", str(reports_dir), "-f", "jsonl"])
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(lines) == len(SAMPLES)
    assert all(x["score"]["rubric"]["name"] == "fazhi-default" and "coverage" in x for x in lines)


def test_score_and_analyze_with_a_user_rubric(reports_dir, tmp_path):
    text = default_rubric().text.replace('version = "1.0"', 'version = "7"').replace(
        "late = 0.0, no_date", "late = 1.0, no_date")
    f = tmp_path / "lenient.toml"
    f.write_text(text, "utf-8")
    late = str(reports_dir / "late.txt")
    default_total = fazhi.analyze(late).score["total"]
    res = runner.invoke(app, ["score", late, "--rubric", str(f), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["score"]["total"] == default_total + 8
    res = runner.invoke(app, ["analyze", late, "--rubric", str(f), "-f", "jsonl"])
    rec = json.loads(res.stdout)
    assert rec["score"]["rubric"]["version"] == "7" and rec["score"]["total"] == default_total + 8
    res = runner.invoke(app, ["analyze", late])
    assert "评分：" in res.output and "规定内容 40/40" in res.output
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\nversion = "1"\n', "utf-8")
    for cmd in (["score", late], ["analyze", late], ["codebook", late, "-o", str(tmp_path / "c.csv")]):
        res = runner.invoke(app, cmd + ["--rubric", str(broken)])
        assert res.exit_code == 2 and "缺少 dimensions" in res.output, cmd


def test_rubric_command(tmp_path):
    res = runner.invoke(app, ["rubric"])
    assert res.exit_code == 0 and "检查通过" in res.output and "timeliness　按时公开　8分" in res.output
    res = runner.invoke(app, ["rubric", "-f", "json"])
    data = json.loads(res.stdout)
    assert data["max"] == 100 and data["dimensions"][0]["items"][0]["codes"] == [0.0, 1.0]
    res = runner.invoke(app, ["rubric", "--kinds"])
    assert res.exit_code == 0 and "specificity" in res.output and "markers" in res.output
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nversion = "1"\n[[dimensions]]\nid = "d"\n[[dimensions.items]]\nid = "a"\nweight = 1\nrule = "nope"\n', "utf-8")
    res = runner.invoke(app, ["rubric", str(bad)])
    assert res.exit_code == 2 and "不是已知的规则类型" in res.output


@needs_seeds
def test_seed_codebook_matches_the_scores(tmp_path):
    out = tmp_path / "seeds.csv"
    res = runner.invoke(app, ["codebook", str(SEEDS), "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert len(rows) == 5
    yq = next(r for r in rows if r["报告"].startswith("000_"))
    assert yq["单位"] == "永清县人民政府" and float(yq["总分"]) == 70.75
    assert yq["timeliness｜按时公开"] == "0.5" and "恰在截止日当天" in yq["timeliness｜依据"]
