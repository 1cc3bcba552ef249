"""The checks registry: every check is a function registered under its stable id.

Ids, severities, Chinese names and message templates live in fazhi/data/checks.toml;
code registers the function that finds the problem. `run` calls the checks a user
selected, in a fixed order, and never lets one check's bug stop the others.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from ..data import load as load_data
from ..record import Finding, Report

CheckFn = Callable[[Report], Iterable[Finding]]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    severity: str
    family: str
    group: str  # the heading of the 审查意见 under which its findings are listed
    name: str
    description: str
    messages: dict[str, str]


@lru_cache(maxsize=1)
def specs() -> dict[str, CheckSpec]:
    data = load_data("checks.toml")
    return {k: CheckSpec(k, v["severity"], v["family"], v["group"], v["name"], v["description"],
                         v.get("messages", {})) for k, v in data.items()}


def groups() -> list[str]:
    """The notice's groups in the order they first appear in checks.toml (the order the
    审查意见 lists them)."""
    return list(dict.fromkeys(s.group for s in specs().values()))


def checks_markdown() -> str:
    """The checks as the Markdown table of docs/checks.md (generated from checks.toml, so the
    documentation cannot drift from what runs; `fazhi checks -f markdown` prints it)."""
    lines = ["| id | severity | family | 审查意见分组 | 名称 | 说明 |", "|---|---|---|---|---|---|"]
    for s in specs().values():
        cells = [f"`{s.id}`", s.severity, s.family, s.group, s.name, s.description]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


REGISTRY: dict[str, CheckFn] = {}


def check(check_id: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under an id declared in checks.toml."""
    if check_id not in specs():
        raise KeyError(f"check {check_id!r} is not declared in fazhi/data/checks.toml")

    def deco(fn: CheckFn) -> CheckFn:
        REGISTRY[check_id] = fn
        return fn

    return deco


def finding(check_id: str, key: str = "default", start: int | None = None, end: int | None = None,
            severity: str | None = None, data: dict | None = None, **fields) -> Finding:
    """A Finding with its Chinese message filled from the template `key`."""
    spec = specs()[check_id]
    template = spec.messages.get(key) or spec.messages["default"]
    fields = {k: _cn_date(v) for k, v in fields.items()}
    return Finding(check=check_id, severity=severity or spec.severity, message=template.format(**fields),
                   start=start, end=end, data=data or {})


_ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")


def _cn_date(v):
    """A field that is an ISO date (2024-04-02) as the message's other dates read (2024年4月2日): a
    message said 报告于2024-04-02公开，晚于规定时限（2024年4月1日前）. The finding's data keeps ISO."""
    m = _ISO_DATE.fullmatch(v) if isinstance(v, str) else None
    return f"{m[1]}年{int(m[2])}月{int(m[3])}日" if m else v


def parse_ids(value: str | Iterable[str] | None) -> set[str] | None:
    """`rate_consistency,timeliness` -> a set of ids; unknown ids raise ValueError."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else [x for v in value for x in v.split(",")]
    ids = {i.strip() for i in items if i.strip()}
    unknown = ids - set(specs())
    if unknown:
        raise ValueError("未知的检查项：" + "、".join(sorted(unknown)) + "；可用的检查项：" + "、".join(specs()))
    return ids


def enabled(check_id: str, select: set[str] | None, ignore: set[str] | None) -> bool:
    if select is not None and check_id not in select:
        return False
    return not (ignore and check_id in ignore)


def run(report: Report, select: set[str] | None = None, ignore: set[str] | None = None) -> list[Finding]:
    out: list[Finding] = []
    for check_id in specs():
        fn = REGISTRY.get(check_id)
        if fn is None or not enabled(check_id, select, ignore):
            continue
        try:
            out.extend(fn(report))
        except Exception as e:  # a check's bug must not cost the reviewer the other findings
            out.append(Finding(check=check_id, severity="info",
                               message=f"检查“{specs()[check_id].name}”运行出错，结果不完整：{type(e).__name__}: {e}",
                               data={"internal_error": True}))
    return out
