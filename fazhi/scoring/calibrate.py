"""Calibration against human coding: the reliability table a researcher must publish.

Given reports coded by people (a sheet read by codebook.read_coding) and the machine's
scores under the same rubric, we report how far they agree: rank correlations of the
totals (Spearman's rho, Kendall's tau-b, with scipy), and per item the share of exact
agreement, Cohen's kappa and Krippendorff's alpha (both written here, tested against
published values), with the reports where machine and people disagree. We can also fit
the item weights to the people's totals (ridge regression towards the published weights,
the penalty chosen by leave-one-out error) and write the fitted rubric as a new version.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from ..record import Report
from .codebook import CodedRow, Coding, scored
from .rubric import Rubric, parse_text


class CalibrationError(ValueError):
    """Calibration cannot run (too few matched reports, no totals to fit ...); Chinese message."""


# ------------------------------------------------------------------ agreement statistics

def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> float | None:
    """Cohen's kappa of two coders over the same units (unweighted); None when undefined
    (no units, or both coders used one and the same category throughout)."""
    if len(a) != len(b):
        raise ValueError("both coders must code the same units")
    n = len(a)
    if n == 0:
        return None
    po = sum(1 for x, y in zip(a, b) if x == y) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb.get(k, 0) for k in ca) / (n * n)
    if pe >= 1:
        return None
    return (po - pe) / (1 - pe)


def krippendorff_alpha(data: Sequence[Sequence[Any]], metric: str = "nominal") -> float | None:
    """Krippendorff's alpha for any number of coders with missing values (None).

    `data` is coders x units. `metric` is nominal, ordinal or interval (Krippendorff 2011,
    "Computing Krippendorff's Alpha-Reliability"). Units coded by fewer than two coders
    are not pairable and are left out. None when undefined (no pairable values, or a
    single value throughout).
    """
    units = list(zip(*data)) if data else []
    pairable = [[v for v in u if v is not None] for u in units]
    pairable = [u for u in pairable if len(u) >= 2]
    if not pairable:
        return None
    values = sorted({v for u in pairable for v in u})
    idx = {v: i for i, v in enumerate(values)}
    k = len(values)
    o = [[0.0] * k for _ in range(k)]  # coincidence matrix
    for u in pairable:
        m = len(u)
        for i, x in enumerate(u):
            for j, y in enumerate(u):
                if i != j:
                    o[idx[x]][idx[y]] += 1.0 / (m - 1)
    nc = [sum(row) for row in o]
    n = sum(nc)
    if n <= 1 or k < 2:
        return None

    if metric == "nominal":
        def delta(c: int, d: int) -> float:
            return 0.0 if c == d else 1.0
    elif metric == "interval":
        def delta(c: int, d: int) -> float:
            return float(values[c] - values[d]) ** 2
    elif metric == "ordinal":
        def delta(c: int, d: int) -> float:
            lo, hi = min(c, d), max(c, d)
            return (sum(nc[g] for g in range(lo, hi + 1)) - (nc[lo] + nc[hi]) / 2) ** 2
    else:
        raise ValueError(f"unknown metric {metric!r}")
    do = sum(o[c][d] * delta(c, d) for c in range(k) for d in range(k))
    de = sum(nc[c] * nc[d] * delta(c, d) for c in range(k) for d in range(k)) / (n - 1)
    if de == 0:
        return None
    return 1.0 - do / de


def _finite(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def rank_correlations(x: Sequence[float], y: Sequence[float]) -> dict[str, float | None]:
    """Spearman's rho and Kendall's tau-b with their p values (None when undefined)."""
    from scipy.stats import kendalltau, spearmanr

    if len(x) < 3 or len(set(x)) < 2 or len(set(y)) < 2:
        return {"spearman": None, "spearman_p": None, "kendall": None, "kendall_p": None}
    rho = spearmanr(x, y)
    tau = kendalltau(x, y)
    return {"spearman": _finite(rho.statistic), "spearman_p": _finite(rho.pvalue),
            "kendall": _finite(tau.statistic), "kendall_p": _finite(tau.pvalue)}


# ------------------------------------------------------------------ matching reports and rows

@dataclass
class Pair:
    report: Report
    row: CodedRow
    machine: dict[str, Any]  # the machine's score under the rubric

    @property
    def name(self) -> str:
        return Path(self.report.document.source).name


def match(coding: Coding, reports: Sequence[Report], rubric: Rubric) -> tuple[list[Pair], list[str]]:
    """Pair each coded row with its report (by sha256, else by file name or stem); notes on misses."""
    by_sha = {r.document.sha256.lower(): r for r in reports if r.document.sha256}
    by_name: dict[str, list[Report]] = {}
    for r in reports:
        src = r.document.source
        for key in {src, Path(src).name, Path(src).stem}:
            by_name.setdefault(key, []).append(r)
    pairs: list[Pair] = []
    notes: list[str] = []
    used: set[int] = set()
    for row in coding.rows:
        rep = by_sha.get(row.sha256 or "")
        if rep is None:
            for key in (row.source, row.report, Path(row.report).stem if row.report else None):
                cands = by_name.get(key or "", [])
                if len(cands) == 1:
                    rep = cands[0]
                    break
                if len(cands) > 1:
                    notes.append(f"第{row.row}行“{key}”对应多份报告，请填写 sha256 区分")
                    break
        label = row.report or row.source or row.sha256
        if rep is None:
            notes.append(f"第{row.row}行（{label}）找不到对应的报告，未计入")
            continue
        if id(rep) in used:
            notes.append(f"第{row.row}行（{label}）与前面的行对应同一份报告，未计入")
            continue
        used.add(id(rep))
        pairs.append(Pair(rep, row, scored(rep, rubric)))
    return pairs, notes


# ------------------------------------------------------------------ the reliability table

@dataclass
class ItemAgreement:
    id: str
    name: str
    n: int
    agreement: float | None
    kappa: float | None
    alpha_nominal: float | None
    alpha_interval: float | None
    machine_mean: float | None
    human_mean: float | None
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Agreement:
    rubric: dict[str, str]
    human_file: str
    n_reports: int
    totals: dict[str, Any]
    items: list[ItemAgreement]
    notes: list[str]

    def worst(self, k: int = 5) -> list[ItemAgreement]:
        """The items where machine and people disagree most (lowest agreement, then kappa)."""
        rated = [i for i in self.items if i.n and i.agreement is not None and i.agreement < 1]
        rated.sort(key=lambda i: (i.agreement, i.kappa if i.kappa is not None else 2.0))
        return rated[:k]

    def to_dict(self) -> dict[str, Any]:
        return {"rubric": self.rubric, "human_file": self.human_file, "n_reports": self.n_reports,
                "totals": self.totals, "items": [i.to_dict() for i in self.items], "notes": self.notes}


def machine_codes(p: Pair) -> dict[str, float]:
    return {iid: it["code"] for part in p.machine.get("parts", {}).values() for iid, it in part["items"].items()}


def human_total(row: CodedRow, rubric: Rubric) -> tuple[float | None, bool]:
    """The coder's total, or the total their item codes give under the rubric's weights
    (only when every item is coded). The flag says whether it was computed."""
    if row.total is not None:
        return row.total, False
    if all(i.id in row.codes for i in rubric.items):
        return sum(i.weight * row.codes[i.id] for i in rubric.items), True
    return None, False


def agreement(pairs: list[Pair], rubric: Rubric, coding: Coding, examples: int = 3) -> Agreement:
    notes = list(coding.notes)
    mt, ht = [], []
    computed = 0
    for p in pairs:
        h, was_computed = human_total(p.row, rubric)
        m = p.machine.get("total")
        if h is None or m is None:
            continue
        computed += was_computed
        mt.append(float(m))
        ht.append(float(h))
    totals: dict[str, Any] = {"n": len(mt)}
    if mt:
        totals.update(rank_correlations(mt, ht))
        diffs = [a - b for a, b in zip(mt, ht)]
        totals["mean_abs_diff"] = sum(abs(d) for d in diffs) / len(diffs)
        totals["mean_diff"] = sum(diffs) / len(diffs)
        totals["machine_mean"] = sum(mt) / len(mt)
        totals["human_mean"] = sum(ht) / len(ht)
    if computed:
        notes.append(f"{computed}份报告没有填写总分，按人工各项编码和细则分值计算")
    items: list[ItemAgreement] = []
    for item in rubric.items:
        if item.id not in coding.items:
            continue
        ms, hs, dis = [], [], []
        for p in pairs:
            h = p.row.codes.get(item.id)
            m = machine_codes(p).get(item.id)
            if h is None or m is None:
                continue
            ms.append(m)
            hs.append(h)
            if m != h:
                entry = next(it for part in p.machine["parts"].values() for iid, it in part["items"].items()
                             if iid == item.id)
                dis.append({"report": p.name, "row": p.row.row, "machine": m, "human": h, "reason": entry["reason"],
                            "evidence": entry["evidence"][:2]})
        n = len(ms)
        dis.sort(key=lambda d: -abs(d["machine"] - d["human"]))
        items.append(ItemAgreement(
            item.id, item.name, n,
            sum(1 for a, b in zip(ms, hs) if a == b) / n if n else None,
            cohen_kappa(ms, hs) if n else None,
            krippendorff_alpha([ms, hs], "nominal") if n else None,
            krippendorff_alpha([ms, hs], "interval") if n else None,
            sum(ms) / n if n else None, sum(hs) / n if n else None, dis[:examples]))
    return Agreement(dict(rubric.ident()), coding.path, len(pairs), totals, items, notes)


# ------------------------------------------------------------------ fitting weights

@dataclass
class Fit:
    weights: dict[str, float]  # item id -> fitted weight (points)
    old_weights: dict[str, float]
    ridge: float  # the penalty chosen
    loo_rmse: float  # leave-one-out error of the fitted totals (points)
    loo_rmse_before: float  # the same error for the published weights
    n: int
    spearman_before: float | None
    spearman_after: float | None
    r2: float | None
    warnings: list[str] = field(default_factory=list)


def fit_weights(pairs: list[Pair], rubric: Rubric,
                grid: Sequence[float] = (0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000),
                decimals: int = 1) -> Fit:
    """Item weights fitted to the people's totals.

    The people's total of a report is modelled as the sum over items of weight x machine
    code. Minimise squared error + lambda * |w - w0|^2, shrinking towards the published
    weights w0 so that a small sample moves them only as far as the data supports;
    lambda (scaled to the data) is chosen by leave-one-out error. Weights stay >= 0
    (an item found to count against the total is set to 0 and the rest refitted).
    """
    import numpy as np

    items = rubric.items
    rows, ys = [], []
    for p in pairs:
        h, _ = human_total(p.row, rubric)
        if h is None:
            continue
        codes = machine_codes(p)
        rows.append([codes.get(i.id, 0.0) for i in items])
        ys.append(h)
    n = len(ys)
    if n < 3:
        raise CalibrationError(f"只有{n}份报告有人工总分（或全部评分项的编码），至少需要3份才能拟合分值")
    X = np.array(rows, dtype=float)
    y = np.array(ys, dtype=float)
    w0 = np.array([i.weight for i in items], dtype=float)
    scale = float(np.mean(np.sum(X * X, axis=0))) or 1.0

    def solve(lam: float, free: np.ndarray) -> np.ndarray:
        w = w0.copy()
        w[~free] = 0.0
        Xf = X[:, free]
        r = y - X @ w  # what the free weights must explain beyond their published values
        A = Xf.T @ Xf + lam * np.eye(Xf.shape[1])
        w[free] = w0[free] + np.linalg.solve(A, Xf.T @ r)
        return w

    def loo(lam: float) -> float:
        # closed form: residual_i / (1 - H_ii) for ridge on y - X w0
        A = X.T @ X + lam * np.eye(X.shape[1])
        H = X @ np.linalg.solve(A, X.T)
        r0 = y - X @ w0
        delta = np.linalg.solve(A, X.T @ r0)
        res = r0 - X @ delta
        h = np.clip(np.diag(H), 0, 1 - 1e-9)
        return float(np.sqrt(np.mean((res / (1 - h)) ** 2)))

    lams = [g * scale for g in grid]
    errs = [loo(lam) for lam in lams]
    best = int(np.argmin(errs))
    lam = lams[best]
    free = np.ones(len(items), dtype=bool)
    w = solve(lam, free)
    while (w < 0).any():  # an item that counts against the people's totals is dropped, the rest refitted
        free &= w >= 0
        w = solve(lam, free)
        w[~free] = 0.0
    w = np.round(w, decimals)
    before = X @ w0
    after = X @ w
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    r2 = 1 - float(np.sum((y - after) ** 2)) / ss_tot if ss_tot > 0 else None
    rc_b = rank_correlations(list(before), list(y))
    rc_a = rank_correlations(list(after), list(y))
    warnings = []
    varying = int(np.sum(X.std(axis=0) > 0))
    if n < 2 * max(varying, 1):
        warnings.append(f"只有{n}份报告，而机器编码有变化的评分项有{varying}个：样本少于评分项的两倍，拟合的分值不稳定，"
                        "仅供参考，宜扩大样本后再用")
    constant = [i.id for i, sd in zip(items, X.std(axis=0)) if sd == 0]
    if constant:
        warnings.append("这些评分项在样本中的机器编码都相同，其分值无法从数据估计，基本保持原值："
                        + "、".join(constant))
    return Fit({i.id: float(v) for i, v in zip(items, w)}, {i.id: i.weight for i in items}, lam / scale,
               errs[best], float(np.sqrt(np.mean((y - before) ** 2))), n,
               rc_b["spearman"], rc_a["spearman"], r2, warnings)


def bump_version(version: str) -> str:
    """1.0 -> 1.1, 2 -> 3, 1.2.3 -> 1.3.0, anything else -> version + "-fit"."""
    parts = version.split(".")
    if all(p.isdigit() for p in parts):
        if len(parts) == 1:
            return str(int(parts[0]) + 1)
        return ".".join([parts[0], str(int(parts[1]) + 1)] + ["0"] * (len(parts) - 2))
    return version + "-fit"


def fitted_rubric_text(rubric: Rubric, fit: Fit, human_file: str, version: str | None = None) -> str:
    """The rubric's own file with the fitted weights, a new version and a [calibration] note.

    Comments and layout are kept (tomlkit) so the fitted file stays as readable as the one
    it came from; a YAML rubric is written back as YAML.
    """
    new_version = version or bump_version(rubric.version)
    data_file = Path(human_file)
    digest = hashlib.sha256(data_file.read_bytes()).hexdigest()[:12] if data_file.is_file() else ""
    note = {
        "fitted_from": f"{rubric.name} {rubric.version}",
        "date": date.today().isoformat(),
        "human_file": data_file.name,
        "human_file_sha256": digest,
        "reports": fit.n,
        "method": "岭回归：以机器各项编码拟合人工总分，向原分值收缩；惩罚系数按留一法误差选定；分值不小于0",
        "ridge_penalty": round(fit.ridge, 4),
        "loo_rmse_before": round(fit.loo_rmse_before, 3),
        "loo_rmse_after": round(fit.loo_rmse, 3),
        "spearman_before": None if fit.spearman_before is None else round(fit.spearman_before, 4),
        "spearman_after": None if fit.spearman_after is None else round(fit.spearman_after, 4),
    }
    note = {k: v for k, v in note.items() if v is not None}
    if rubric.format == "yaml":
        import yaml

        data = yaml.safe_load(rubric.text)
        data["version"] = new_version
        for d in data["dimensions"]:
            for it in d["items"]:
                it["weight"] = fit.weights.get(it["id"], it["weight"])
        data["calibration"] = note
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    else:
        import tomlkit

        doc = tomlkit.parse(rubric.text)
        doc["version"] = new_version
        for d in doc["dimensions"]:
            for it in d["items"]:
                w = fit.weights.get(str(it["id"]))
                if w is not None:
                    it["weight"] = int(w) if float(w).is_integer() else w
        table = tomlkit.table()
        for k, v in note.items():
            table.add(k, v)
        if "calibration" in doc:
            del doc["calibration"]
        doc.add("calibration", table)  # a [header] names a top-level table wherever it stands
        text = tomlkit.dumps(doc)
    parse_text(text, rubric.format, "<拟合结果>")  # never write a rubric that does not load
    return text
