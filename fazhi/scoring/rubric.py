"""Rubrics as data: a rubric file names its items, their weights and the rule that grades each.

Evaluators' complaint about today's assessments is that their methods are opaque. A
fazhi rubric is a TOML (or YAML) file anyone can read and re-run: a name and a version,
dimensions of items, and for each item a weight (its points) and a rule over the
analysis record. Rules are a small registry of kinds (`content`, `timeliness`,
`findings`, ...), each declaring its parameters with defaults; the file picks a kind and
sets parameters, so a new rubric never needs code.

Every rule grades an item on a short, fixed scale of *codes*: the share of the item's
points it earns (0, 0.5, 1 ...). A kind that measures a number (figures per thousand
characters) maps it to a code with `steps`; a kind that finds one of a few outcomes (on
time, late, no date) maps the outcome with `levels`. The same codes are what human
coders write in a codebook, so machine and people can be compared item by item.
"""
from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from ..record import Report

ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,63}$")
ITEM_KEYS = {"id", "name", "weight", "rule", "description"}


class RubricError(ValueError):
    """A rubric file that cannot be used; the message lists every problem, in Chinese."""

    def __init__(self, problems: list[str], source: str = ""):
        self.problems = problems
        where = f"评分细则“{source}”" if source else "评分细则"
        super().__init__(f"{where}有{len(problems)}处问题：\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Param:
    """One parameter of a rule kind: its type, default and a Chinese explanation.

    type: "choice" (one of `choices`), "strings" (list of strings), "number", "bool",
    "steps" (list of [threshold, share] pairs), "levels" (table outcome -> share, keys
    from the kind's `labels`), "weights" (table name -> non-negative number, keys from
    `choices`), "names" (table id -> Chinese label).
    """

    type: str
    default: Any
    doc: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What a rule found: a number (graded by steps) or an outcome label (graded by levels),
    the Chinese reason, and the evidence spans in the document text."""

    value: float | None = None
    label: str | None = None
    reason: str = ""
    evidence: list[tuple[int, int]] = field(default_factory=list)


RuleFn = Callable[[Report, "Item"], Outcome]


@dataclass(frozen=True)
class RuleKind:
    name: str
    zh: str  # what the kind scores, in Chinese (docs, `fazhi rubric`)
    output: str  # "number" (graded by steps) or "label" (graded by levels)
    params: dict[str, Param]
    labels: dict[str, str]  # for output "label": outcome -> Chinese
    fn: RuleFn


RULES: dict[str, RuleKind] = {}


def rule_kind(name: str, zh: str, output: str, params: dict[str, Param],
              labels: dict[str, str] | None = None) -> Callable[[RuleFn], RuleFn]:
    """Register a rule kind. A `number` kind gets a `steps` parameter, a `label` kind `levels`."""
    if output not in ("number", "label"):
        raise ValueError(output)
    if output == "number" and "steps" not in params:
        raise ValueError(f"rule kind {name} grades a number and needs default steps")
    if output == "label" and "levels" not in params:
        raise ValueError(f"rule kind {name} grades an outcome and needs default levels")

    def deco(fn: RuleFn) -> RuleFn:
        RULES[name] = RuleKind(name, zh, output, params, labels or {}, fn)
        return fn

    return deco


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    weight: float
    rule: str
    description: str
    params: dict[str, Any]
    dimension: str

    @property
    def kind(self) -> RuleKind:
        return RULES[self.rule]

    def codes(self) -> list[float]:
        """The shares this item can earn, ascending: the categories human coders choose from."""
        if self.kind.output == "number":
            steps = self.params["steps"]
            vals = {float(f) for _t, f in steps} | ({0.0} if steps[0][0] > 0 else set())
        else:
            vals = {float(f) for f in self.params["levels"].values()}
        return sorted(vals)

    def code_meanings(self) -> dict[float, str]:
        """Each code with the outcomes or ranges that earn it, in Chinese (for coders)."""
        out: dict[float, list[str]] = {}
        if self.kind.output == "number":
            steps = self.params["steps"]
            for i, (t, f) in enumerate(steps):
                hi = steps[i + 1][0] if i + 1 < len(steps) else None
                rng = f"≥{_num(t)}" + (f" 且 <{_num(hi)}" if hi is not None else "")
                out.setdefault(float(f), []).append(rng)
            if steps and steps[0][0] > 0:
                out.setdefault(0.0, []).append(f"<{_num(steps[0][0])}")
        else:
            for label, f in self.params["levels"].items():
                out.setdefault(float(f), []).append(self.kind.labels.get(label, label))
        return {k: "；".join(v) for k, v in sorted(out.items())}

    def grade(self, outcome: Outcome) -> tuple[float, str]:
        """The share the outcome earns and the band that gave it (Chinese)."""
        if self.kind.output == "label":
            label = outcome.label or ""
            return float(self.params["levels"].get(label, 0.0)), self.kind.labels.get(label, label)
        v = outcome.value if outcome.value is not None else 0.0
        share, band = 0.0, ""
        for t, f in self.params["steps"]:
            if v >= t:
                share, band = float(f), f"≥{_num(t)}"
        return share, band


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str
    description: str
    items: tuple[Item, ...]

    @property
    def max(self) -> float:
        return sum(i.weight for i in self.items)


@dataclass(frozen=True)
class Rubric:
    name: str
    version: str
    title: str
    description: str
    dimensions: tuple[Dimension, ...]
    source: str  # the file it was read from ("<内置>" for the default)
    text: str  # the file's text, kept so a calibrated copy can preserve its comments
    format: str  # "toml" | "yaml"
    digest: str  # a fingerprint of what the rubric does (not of its comments or layout)
    calibration: dict[str, Any] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)  # check id -> severity overriding checks.toml

    def apply_severity(self, report: Report) -> None:
        """Give the report's findings the severities this rubric sets (spec: a rubric may change them)."""
        for f in report.findings:
            if f.check in self.severity:
                f.severity = self.severity[f.check]

    @property
    def items(self) -> list[Item]:
        return [i for d in self.dimensions for i in d.items]

    def item(self, item_id: str) -> Item:
        for i in self.items:
            if i.id == item_id:
                return i
        raise KeyError(item_id)

    @property
    def max(self) -> float:
        return sum(d.max for d in self.dimensions)

    def ident(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version, "digest": self.digest}


def _digest(name: str, version: str, dims: list[Dimension], severity: dict[str, str] | None = None) -> str:
    canon = {"name": name, "version": version, "severity": severity or {},
             "dimensions": [{"id": d.id, "items": [{"id": i.id, "weight": i.weight, "rule": i.rule,
                                                    "params": i.params} for i in d.items]} for d in dims]}
    return hashlib.sha256(json.dumps(canon, sort_keys=True, ensure_ascii=False, default=list).encode()).hexdigest()[:12]


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# ------------------------------------------------------------------ loading and validation

def parse_text(text: str, fmt: str, source: str = "") -> Rubric:
    """A Rubric from the text of a TOML or YAML file; RubricError lists every problem."""
    try:
        if fmt == "yaml":
            try:
                import yaml
            except ImportError as e:  # pragma: no cover - PyYAML ships with the score extra
                raise RubricError(["读取 YAML 评分细则需要安装 PyYAML（pip install pyyaml），或改用 TOML 格式"], source) from e
            data = yaml.safe_load(text)
        else:
            data = tomllib.loads(text)
    except RubricError:
        raise
    except Exception as e:
        raise RubricError([f"文件不是有效的{'YAML' if fmt == 'yaml' else 'TOML'}：{e}"], source) from e
    if not isinstance(data, dict):
        raise RubricError(["文件顶层应是一个表（name、version、dimensions 等键）"], source)
    return _build(data, source, text, fmt)


def load_rubric(path: str | Path) -> Rubric:
    """Read and validate a rubric file (.toml, .yaml or .yml)."""
    p = Path(path)
    if not p.is_file():
        raise RubricError([f"找不到文件：{p}"], str(p))
    try:
        text = p.read_text("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RubricError([f"文件不是 UTF-8 编码：{e}"], str(p)) from e
    fmt = "yaml" if p.suffix.lower() in (".yaml", ".yml") else "toml"
    return parse_text(text, fmt, str(p))


@lru_cache(maxsize=1)
def default_rubric() -> Rubric:
    """The rubric shipped with fazhi (fazhi/data/rubric.toml), parsed once per process. The rule
    kinds it names are registered by fazhi/scoring/rules.py, which the package imports first."""
    text = resources.files("fazhi.data").joinpath("rubric.toml").read_text("utf-8")
    return parse_text(text, "toml", "<内置>")


def _build(data: dict[str, Any], source: str, text: str, fmt: str) -> Rubric:
    problems: list[str] = []
    name = data.get("name")
    version = data.get("version")
    if not isinstance(name, str) or not name.strip():
        problems.append("缺少 name（评分细则名称，字符串）")
    if not isinstance(version, str) or not version.strip():
        problems.append("缺少 version（版本号，字符串，如 \"1.0\"；数字请加引号）")
    for key in data:
        if key not in ("name", "version", "title", "description", "dimensions", "calibration", "severity"):
            problems.append(f"未知的顶层键“{key}”（可用：name、version、title、description、dimensions、calibration、severity）")
    dims_raw = data.get("dimensions")
    dims: list[Dimension] = []
    seen_items: set[str] = set()
    seen_dims: set[str] = set()
    if not isinstance(dims_raw, list) or not dims_raw:
        problems.append("缺少 dimensions（至少一个维度，写作 [[dimensions]]）")
        dims_raw = []
    for di, d in enumerate(dims_raw, 1):
        where = f"第{di}个维度"
        if not isinstance(d, dict):
            problems.append(f"{where}不是表")
            continue
        did = d.get("id")
        if not isinstance(did, str) or not ID_RE.match(did):
            problems.append(f"{where}的 id 缺失或不合法（字母开头，只含字母、数字、_ . -）")
            did = f"#{di}"
        elif did in seen_dims:
            problems.append(f"维度 id“{did}”重复")
        seen_dims.add(did)
        where = f"维度“{did}”"
        for key in d:
            if key not in ("id", "name", "description", "items"):
                problems.append(f"{where}有未知的键“{key}”（可用：id、name、description、items）")
        items_raw = d.get("items")
        if not isinstance(items_raw, list) or not items_raw:
            problems.append(f"{where}没有评分项（写作 [[dimensions.items]]）")
            items_raw = []
        items: list[Item] = []
        for ii, it in enumerate(items_raw, 1):
            item = _build_item(it, did, f"{where}的第{ii}项", seen_items, problems)
            if item is not None:
                items.append(item)
        dims.append(Dimension(did, str(d.get("name") or did), str(d.get("description") or ""), tuple(items)))
    calibration = data.get("calibration") or {}
    if not isinstance(calibration, dict):
        problems.append("calibration 应是一个表")
        calibration = {}
    severity = data.get("severity") or {}
    if not isinstance(severity, dict):
        problems.append("severity 应是一个表（检查编号 = \"error\" | \"warning\" | \"info\"）")
        severity = {}
    from ..checks.registry import specs

    for cid, sev in severity.items():
        if cid not in specs():
            problems.append(f"severity 中的检查编号“{cid}”不存在（fazhi checks 列出全部检查项）")
        if sev not in ("error", "warning", "info"):
            problems.append(f"severity 中“{cid}”的级别应为 error、warning 或 info，不能是“{sev}”")
    if problems:
        raise RubricError(problems, source)
    return Rubric(name.strip(), version.strip(), str(data.get("title") or name), str(data.get("description") or ""),
                  tuple(dims), source, text, fmt,
                  _digest(name.strip(), version.strip(), dims, {str(k): str(v) for k, v in severity.items()}),
                  dict(calibration), {str(k): str(v) for k, v in severity.items()})


def _build_item(it: Any, dim: str, where: str, seen: set[str], problems: list[str]) -> Item | None:
    if not isinstance(it, dict):
        problems.append(f"{where}不是表")
        return None
    iid = it.get("id")
    if not isinstance(iid, str) or not ID_RE.match(iid):
        problems.append(f"{where}的 id 缺失或不合法（字母开头，只含字母、数字、_ . -）")
        return None
    if iid in seen:
        problems.append(f"评分项 id“{iid}”重复（各项 id 须在整个细则中唯一）")
    seen.add(iid)
    where = f"评分项“{iid}”"
    weight = it.get("weight")
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
        problems.append(f"{where}的 weight（分值）应是不小于 0 的数")
        weight = 0
    kind_name = it.get("rule")
    kind = RULES.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        problems.append(f"{where}的 rule“{kind_name}”不是已知的规则类型（可用：{'、'.join(RULES)}）")
        return None
    params: dict[str, Any] = {}
    for key, value in it.items():
        if key in ITEM_KEYS:
            continue
        spec = kind.params.get(key)
        if spec is None:
            problems.append(f"{where}：规则“{kind.name}”没有参数“{key}”（可用：{'、'.join(kind.params) or '无'}）")
            continue
        err = _check_param(key, spec, value, kind)
        if err:
            problems.append(f"{where}：{err}")
        else:
            params[key] = _freeze(spec, value, kind)
    for key, spec in kind.params.items():
        if key not in params:
            params[key] = _freeze(spec, spec.default, kind)
    if not problems or all(not p.startswith(where) for p in problems):
        check = _cross_check(kind, params)
        if check:
            problems.append(f"{where}：{check}")
    return Item(iid, str(it.get("name") or iid), float(weight), kind.name, str(it.get("description") or ""),
                params, dim)


def _check_param(key: str, spec: Param, value: Any, kind: RuleKind) -> str | None:
    t = spec.type
    if t == "choice":
        if value not in spec.choices:
            return f"参数 {key} 应是 {'、'.join(spec.choices)} 之一，而不是“{value}”"
    elif t == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return f"参数 {key} 应是字符串列表"
        if spec.choices:
            bad = [v for v in value if v not in spec.choices]
            if bad:
                return f"参数 {key} 含未知的值：{'、'.join(bad)}（可用：{'、'.join(spec.choices)}）"
    elif t == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"参数 {key} 应是数"
    elif t == "bool":
        if not isinstance(value, bool):
            return f"参数 {key} 应是 true 或 false"
    elif t == "steps":
        if not isinstance(value, list) or not value:
            return f"参数 {key} 应是 [[阈值, 得分率], ...] 列表"
        last = None
        for pair in value:
            if (not isinstance(pair, list) or len(pair) != 2
                    or any(isinstance(x, bool) or not isinstance(x, (int, float)) for x in pair)):
                return f"参数 {key} 的每一档应是 [阈值, 得分率] 两个数"
            th, share = pair
            if not 0 <= share <= 1:
                return f"参数 {key} 的得分率 {share} 应在 0 到 1 之间"
            if last is not None and th <= last:
                return f"参数 {key} 的阈值应严格递增（{last} 之后是 {th}）"
            last = th
    elif t == "levels":
        if not isinstance(value, dict):
            return f"参数 {key} 应是表（结果 = 得分率）"
        for label, share in value.items():
            if label not in kind.labels:
                return f"参数 {key} 的结果“{label}”未知（可用：{'、'.join(kind.labels)}）"
            if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
                return f"参数 {key} 中“{label}”的得分率应在 0 到 1 之间"
    elif t == "weights":
        if not isinstance(value, dict):
            return f"参数 {key} 应是表（名称 = 权重）"
        for k, v in value.items():
            if spec.choices and k not in spec.choices:
                return f"参数 {key} 的“{k}”未知（可用：{'、'.join(spec.choices)}）"
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                return f"参数 {key} 中“{k}”的权重应是不小于 0 的数"
    elif t == "names":
        if not isinstance(value, dict) or not value or not all(isinstance(v, str) for v in value.values()):
            return f"参数 {key} 应是非空的表（编号 = 中文名称）"
    return None


def _freeze(spec: Param, value: Any, kind: RuleKind) -> Any:
    if spec.type == "steps":
        return tuple((float(a), float(b)) for a, b in value)
    if spec.type == "levels":
        merged = dict(spec.default)
        merged.update(value)
        return {k: float(v) for k, v in merged.items()}
    if spec.type == "weights":
        merged = dict(spec.default)
        merged.update(value)
        return {k: float(v) for k, v in merged.items()}
    if spec.type in ("strings",):
        return tuple(value)
    if spec.type == "names":
        return dict(value)
    return value


def _cross_check(kind: RuleKind, params: dict[str, Any]) -> str | None:
    if kind.name == "findings":
        from ..checks.registry import specs

        unknown = [c for c in params["checks"] if c not in specs()]
        if unknown:
            return f"参数 checks 含未知的检查项：{'、'.join(unknown)}（见 fazhi checks）"
        if not params["checks"]:
            return "参数 checks 不能为空"
    if kind.name == "coverage" and params["areas"]:
        from .coverage import config

        known = {a.id for o in config().outlines for a in o.areas}
        unknown = [a for a in params["areas"] if a not in known]
        if unknown:
            return f"参数 areas 含未知的领域：{'、'.join(unknown)}（见 fazhi/data/gangyao.toml）"
    return None
