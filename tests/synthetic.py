"""Synthetic report corpora for batch tests and bench/scale.py, made from the seeds and examples.

Each copy swaps the reporting unit's name for another county's and scales the counts it
states, so copies differ in bytes (distinct sha256), in jurisdiction and partition, and
in figures, while staying the genre the analysis is built for. Nothing generated here is
ever committed: callers write into a temporary directory.
"""
from __future__ import annotations

import re
from pathlib import Path

from .conftest import shared_dir

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = shared_dir() / "seeds"
BASE_DIRS = (ROOT / "examples", SEEDS_DIR)

# Counties from several provinces, so that the copies spread over partitions.
COUNTIES = ("固安县", "香河县", "文安县", "蓝田县", "周至县", "宿松县", "岳西县", "湄潭县", "凤冈县", "浏阳市",
            "平江县", "临安区", "桐庐县", "长丰县", "肥西县", "武功县", "乾县", "正定县", "赞皇县", "息烽县")
_COUNT = re.compile(r"(?<![\d.])(\d{1,5})(?=(?:件|人次|人|次|个|家|项|场|条|起|户|期))")


def base_texts(dirs: tuple[Path, ...] = BASE_DIRS) -> list[tuple[str, str]]:
    """(name, text) of every example and seed report present, decoded as the analysis decodes them."""
    from fazhi.read.text import decode

    out = []
    for d in dirs:
        if d.is_dir():
            out.extend((p.stem, decode(p.read_bytes())[0]) for p in sorted(d.glob("*.txt")))
    return out


def _unit(text: str) -> str | None:
    """The reporting unit's name as the analysis finds it (e.g. 永清县), to swap for another."""
    from fazhi import analyze_text

    md = analyze_text(text).metadata
    return md.jurisdiction if md.jurisdiction and md.level in ("county", "district") else None


def vary(text: str, i: int, unit: str | None = None) -> str:
    """Copy i of a report: another unit's name, counts scaled, and a line that makes it unique."""
    if unit:
        text = text.replace(unit, COUNTIES[i % len(COUNTIES)])
    factor = 1 + (i % 7)
    text = _COUNT.sub(lambda m: str(int(m.group(1)) * factor + i % 5), text)
    return text + f"\n（样本编号：{i}）\n"


def write_corpus(directory: Path, n: int, prefix: str = "synthetic", dirs: tuple[Path, ...] = BASE_DIRS) -> list[Path]:
    """Write n distinct synthetic reports (UTF-8 .txt) made from the reports in dirs; return their paths."""
    bases = [(name, text, _unit(text)) for name, text in base_texts(dirs)]
    if not bases:
        raise RuntimeError("no example or seed reports to build a synthetic corpus from")
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name, text, unit = bases[i % len(bases)]
        p = directory / f"{prefix}_{i:05d}_{name[:12]}.txt"
        p.write_text(vary(text, i, unit), "utf-8")
        paths.append(p)
    return paths
