"""The clean passages of tests/corpus/clean_passages, each set in a correct report frame.

A passage is a few sentences a well-written report could hold, chosen to trap a careless
checker (cases carried over from last year, a rate above 100 %, a bracket closed on the
next line, 人大/人民/政协, hotlines, document numbers, rankings, targets). Its first lines
may say where it belongs (`#part: measures|first|shortcomings|plan`) and whose report it
is (`#level: county|street|township|department`); the frame supplies the other required
contents in plain, correct text, so any finding on the framed report is a false flag.
"""
from __future__ import annotations

from pathlib import Path

DIR = Path(__file__).resolve().parent / "clean_passages"

UNITS = {  # level -> (issuer, self word, whole-area word)
    "county": ("固安县人民政府", "我县", "全县"),
    "township": ("牛驼镇人民政府", "我镇", "全镇"),
    "street": ("玉林街道办事处", "街道", "辖区"),
    "department": ("固安县司法局", "我局", "全县"),
}


def frame(passage: str, part: str = "measures", level: str = "county") -> str:
    issuer, we, whole = UNITS[level]
    pub = "2024-02-26" if level == "department" else "2024-03-18"
    parts = {
        "measures": f"{whole}法治政府建设各项任务按计划推进，全年组织执法人员专题培训3期。",
        "first": "主要负责人履行推进法治建设第一责任人职责，专题研究法治建设工作5次，年底开展述法。",
        "shortcomings": "基层法治工作人员多为兼职，业务培训不够系统。主要原因是编制紧张，人员流动较快。",
        "plan": f"2024年，{we}将修订行政执法事项清单，组织执法人员专题培训4期。",
    }
    # a passage joins the frame's own paragraph of its part, so a part never rests on it alone
    parts[part] = parts[part] + "\n　　" + passage.strip() if part == "measures" else passage.strip()
    return (f"{issuer}2023年法治政府建设情况报告\n发布日期：{pub}\n\n"
            f"　　一、2023年主要举措和成效\n　　{parts['measures']}\n"
            f"　　二、党政主要负责人履行推进法治建设第一责任人职责情况\n　　{parts['first']}\n"
            f"　　三、存在的不足和原因\n　　{parts['shortcomings']}\n"
            f"　　四、2024年工作安排\n　　{parts['plan']}\n")


def load() -> list[tuple[str, str, str, str]]:
    """(name, passage, part, level) for every passage file."""
    out = []
    for p in sorted(DIR.glob("*.txt")):
        lines = p.read_text(encoding="utf-8").splitlines()
        meta = {}
        while lines and lines[0].startswith("#"):
            k, _, v = lines.pop(0)[1:].partition(":")
            meta[k.strip()] = v.strip()
        out.append((p.stem, "\n".join(lines), meta.get("part", "measures"), meta.get("level", "county")))
    return out


def framed() -> list[tuple[str, str]]:
    return [(name, frame(text, part, level)) for name, text, part, level in load()]
