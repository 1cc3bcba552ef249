"""Calibration against human coding: the agreement statistics against published and
independently computed values, `fazhi calibrate` on a coded sample with deliberate
disagreements, and the weight fit."""
from __future__ import annotations

import itertools
import json
import math
import random
import tomllib

import pytest
from typer.testing import CliRunner

import fazhi
from fazhi.cli import app
from fazhi.scoring import default_rubric, load_rubric, score
from fazhi.scoring.calibrate import CalibrationError, Pair, bump_version, cohen_kappa, fit_weights, krippendorff_alpha
from fazhi.scoring.codebook import CodedRow

from .scoring_samples import SAMPLES

scipy_stats = pytest.importorskip("scipy.stats")
np = pytest.importorskip("numpy")
openpyxl = pytest.importorskip("openpyxl")

runner = CliRunner()


# ------------------------------------------------------------------ statistics

def test_cohen_kappa_hand_computed():
    # 50 units: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po 0.7, pe 0.5*0.6+0.5*0.4 = 0.5, kappa 0.4
    a = [1] * 25 + [0] * 25
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa([1, 0, 1], [1, 0, 1]) == pytest.approx(1.0)
    # chance-level agreement: kappa 0
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 1, 0]) == pytest.approx(0.0)
    # undefined when both coders used one and the same category throughout
    assert cohen_kappa([1, 1, 1], [1, 1, 1]) is None
    assert cohen_kappa([], []) is None


def test_krippendorff_alpha_reproduces_the_published_example():
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 coders x 12
    units example with missing values: nominal 0.743, ordinal 0.815, interval 0.849."""
    N = None
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
            [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]]
    assert krippendorff_alpha(data, "nominal") == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(data, "ordinal") == pytest.approx(0.815, abs=5e-4)
    assert krippendorff_alpha(data, "interval") == pytest.approx(0.849, abs=5e-4)
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None
    assert krippendorff_alpha([[1, None], [None, 2]]) is None  # nothing pairable


def alpha_two_coders(a, b, metric):
    """Independent formula for two coders and no missing values:
    alpha = 1 - (n-1) * sum_u d(a_u, b_u) / sum_{i<j} d(v_i, v_j) over the pooled values."""
    d = (lambda x, y: float(x != y)) if metric == "nominal" else (lambda x, y: (x - y) ** 2)
    pooled = list(a) + list(b)
    n = len(pooled)
    within = sum(d(x, y) for x, y in zip(a, b))
    total = sum(d(x, y) for x, y in itertools.combinations(pooled, 2))
    return None if total == 0 else 1 - (n - 1) * within / total


def kappa_from_confusion(a, b):
    """Independent Cohen's kappa from the confusion matrix (numpy)."""
    cats = sorted(set(a) | set(b))
    m = np.zeros((len(cats), len(cats)))
    for x, y in zip(a, b):
        m[cats.index(x), cats.index(y)] += 1
    m /= m.sum()
    po = np.trace(m)
    pe = float(m.sum(axis=1) @ m.sum(axis=0))
    return None if pe >= 1 else (po - pe) / (1 - pe)


# ------------------------------------------------------------------ a coded sample

# deliberate disagreements: (sample name, item, human code)
FLIPS = [("full", "causes", 0.0), ("no_causes", "causes", 1.0), ("old", "causes", 0.0),
         ("late", "timeliness", 0.5), ("no_date", "timeliness", 1.0),
         ("full", "plan_specific", 0.5), ("generic_plan", "plan_specific", 0.5),
         ("arith", "arithmetic", 1.0), ("no_figures", "figure_density", 0.25)]
TOTAL_NOISE = {"full": -6, "no_causes": 3, "late": 0, "no_date": 7, "arith": -2, "generic_plan": 4,
               "no_figures": -3, "old": 1}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample reports as files, the machine's scores, and a coders' sheet written with
    the deliberate disagreements above (codes for every item, and the coders' totals)."""
    d = tmp_path_factory.mktemp("coded")
    rubric = default_rubric()
    machine = {}
    for s in SAMPLES:
        p = d / f"{s.name}.txt"
        p.write_text(s.text(), "utf-8")
        machine[s.name] = fazhi.analyze(p).score
    human = {}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "编码"
    header = ["报告", "总分"] + [f"{i.id}｜{i.name}" for i in rubric.items] + ["备注"]
    ws.append(header)
    for s in SAMPLES:
        codes = {iid: it["code"] for part in machine[s.name]["parts"].values() for iid, it in part["items"].items()}
        for name, item, code in FLIPS:
            if name == s.name:
                codes[item] = code
        total = machine[s.name]["total"] + TOTAL_NOISE[s.name]
        human[s.name] = (codes, total)
        ws.append([f"{s.name}.txt", total] + [codes[i.id] for i in rubric.items] + ["编码员甲"])
    path = d / "coded.xlsx"
    wb.save(path)
    return d, path, machine, human


def test_calibrate_agreement_matches_independent_computation(sample):
    d, path, machine, human = sample
    res = runner.invoke(app, ["calibrate", str(d), "--human", str(path), "-f", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    names = [s.name for s in SAMPLES]
    mt = [machine[n]["total"] for n in names]
    ht = [human[n][1] for n in names]
    assert out["n_reports"] == len(names)
    t = out["totals"]
    rho = scipy_stats.spearmanr(mt, ht)
    tau = scipy_stats.kendalltau(mt, ht)
    assert t["spearman"] == pytest.approx(rho.statistic) and t["spearman_p"] == pytest.approx(rho.pvalue)
    assert t["kendall"] == pytest.approx(tau.statistic) and t["kendall_p"] == pytest.approx(tau.pvalue)
    assert t["mean_abs_diff"] == pytest.approx(sum(abs(v) for v in TOTAL_NOISE.values()) / len(names))
    assert t["mean_diff"] == pytest.approx(-sum(TOTAL_NOISE.values()) / len(names))
    by_item = {i["id"]: i for i in out["items"]}
    rubric = default_rubric()
    for item in rubric.items:
        m = [next(it["code"] for p in machine[n]["parts"].values() for iid, it in p["items"].items() if iid == item.id)
             for n in names]
        h = [human[n][0][item.id] for n in names]
        got = by_item[item.id]
        assert got["n"] == len(names)
        assert got["agreement"] == pytest.approx(sum(x == y for x, y in zip(m, h)) / len(names))
        want_k = kappa_from_confusion(m, h)
        assert (got["kappa"] is None) == (want_k is None) and (want_k is None or got["kappa"] == pytest.approx(want_k))
        for metric in ("nominal", "interval"):
            want_a = alpha_two_coders(m, h, metric)
            have = got[f"alpha_{metric}"]
            assert (have is None) == (want_a is None) and (want_a is None or have == pytest.approx(want_a))
    # the flipped items disagree, with the reports as examples
    assert by_item["causes"]["agreement"] == pytest.approx(5 / 8)
    assert {x["report"] for x in by_item["causes"]["disagreements"]} == {"full.txt", "no_causes.txt", "old.txt"}
    assert by_item["measures"]["agreement"] == 1 and by_item["measures"]["kappa"] is None  # always 1 on both sides


def test_calibrate_table_and_markdown(sample):
    d, path, _machine, _human = sample
    res = runner.invoke(app, ["calibrate", str(d), "--human", str(path)])
    assert res.exit_code == 0, res.output
    assert "Spearman ρ" in res.output and "分歧最大的评分项" in res.output
    assert "不足的原因（causes）：一致率62%" in res.output  # 5 of 8
    md = runner.invoke(app, ["calibrate", str(d), "--human", str(path), "-f", "markdown"])
    assert md.exit_code == 0
    assert "| 不足的原因（causes） | 8 | 62% |" in md.stdout


def test_calibrate_finds_reports_named_in_the_sheet(sample):
    d, path, _m, _h = sample
    res = runner.invoke(app, ["calibrate", "--human", str(path), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["n_reports"] == len(SAMPLES)


def test_calibrate_fit_writes_a_new_rubric_version(sample, tmp_path):
    d, path, _m, _h = sample
    out = tmp_path / "fitted.toml"
    res = runner.invoke(app, ["calibrate", str(d), "--human", str(path), "--fit", "--out", str(out), "-f", "json"])
    assert res.exit_code == 0, res.output
    fit = json.loads(res.stdout)["fit"]
    assert fit["n"] == len(SAMPLES) and fit["written"] == str(out)
    text = out.read_text("utf-8")
    assert text.startswith("# The default rubric of fazhi")  # comments kept
    r = load_rubric(out)
    assert r.version == "1.1" and r.name == "fazhi-default"
    cal = tomllib.loads(text)["calibration"]
    assert cal["fitted_from"] == "fazhi-default 1.0" and cal["reports"] == len(SAMPLES)
    assert cal["human_file"] == "coded.xlsx" and len(cal["human_file_sha256"]) == 12
    assert {i.id: i.weight for i in r.items} == pytest.approx(fit["weights"])
    assert r.digest != default_rubric().digest
    # 8 reports against many items: the fit warns that it is unstable
    assert any("不稳定" in n for n in json.loads(res.stdout)["notes"])


def _pair(codes: dict[str, float], total: float | None) -> Pair:
    rubric = default_rubric()
    parts: dict = {}
    for item in rubric.items:
        parts.setdefault(item.dimension, {"items": {}})["items"][item.id] = {"code": codes[item.id]}
    return Pair(report=None, row=CodedRow(0, None, None, None, total, {}), machine={"parts": parts})


def test_fit_recovers_weights_that_generated_the_totals():
    rubric = default_rubric()
    rng = random.Random(7)
    true = {i.id: i.weight for i in rubric.items}
    true["timeliness"] = 15.0
    true["causes"] = 2.0
    true["text_defects"] = 0.0
    pairs = []
    for _ in range(120):
        codes = {i.id: rng.choice(i.codes()) for i in rubric.items}
        pairs.append(_pair(codes, sum(true[k] * c for k, c in codes.items())))
    fit = fit_weights(pairs, rubric)
    for k, w in true.items():
        assert fit.weights[k] == pytest.approx(w, abs=0.3), k
    assert fit.loo_rmse < fit.loo_rmse_before
    assert fit.spearman_after == pytest.approx(1.0, abs=1e-3)  # weights are rounded to 0.1
    assert not fit.warnings


def test_fit_keeps_weights_when_the_totals_agree_and_never_goes_negative():
    rubric = default_rubric()
    rng = random.Random(3)
    w0 = {i.id: i.weight for i in rubric.items}
    same, neg = [], []
    for _ in range(80):
        codes = {i.id: rng.choice(i.codes()) for i in rubric.items}
        t = sum(w0[k] * c for k, c in codes.items())
        same.append(_pair(codes, t))
        neg.append(_pair(codes, t - 12 * codes["consistency"]))  # this item counts against the people's totals
    fit = fit_weights(same, rubric)
    assert fit.weights == pytest.approx(w0, abs=0.05)
    fit = fit_weights(neg, rubric)
    assert fit.weights["consistency"] == 0
    assert all(w >= 0 for w in fit.weights.values())


def test_fit_needs_totals():
    rubric = default_rubric()
    codes = {i.id: 1.0 for i in rubric.items}
    with pytest.raises(CalibrationError, match="至少需要3份"):
        fit_weights([_pair(codes, 90.0), _pair(codes, None)], rubric)


@pytest.mark.parametrize("old, new", [("1.0", "1.1"), ("2", "3"), ("1.2.3", "1.3.0"), ("2024春", "2024春-fit")])
def test_bump_version(old, new):
    assert bump_version(old) == new


def test_human_total_defaults_to_the_coders_item_codes(tmp_path):
    """Without a 总分 column the coders' total is the sum of weight x code."""
    r = fazhi.analyze_text(SAMPLES[0].text(), source="one.txt")
    p = tmp_path / "one.txt"
    p.write_text(SAMPLES[0].text(), "utf-8")
    codes = {iid: it["code"] for part in score(r)["parts"].values() for iid, it in part["items"].items()}
    codes["timeliness"] = 0.0
    sheet = tmp_path / "h.csv"
    sheet.write_text("报告," + ",".join(codes) + "\none.txt," + ",".join(str(v) for v in codes.values()) + "\n", "utf-8")
    res = runner.invoke(app, ["calibrate", str(p), "--human", str(sheet), "-f", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["totals"]["mean_diff"] == pytest.approx(8.0)  # the machine gives timeliness 8 more points
    assert any("按人工各项编码和细则分值计算" in n for n in out["notes"])
    assert math.isclose(out["totals"]["human_mean"], r.score["total"] - 8)
