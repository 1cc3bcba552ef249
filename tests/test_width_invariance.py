"""The same report with full-width punctuation and digits analyses the same (seeds use ASCII)."""
from __future__ import annotations

import pytest

import fazhi

from .conftest import SEEDS, needs_seeds

pytestmark = needs_seeds

_FULL = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "%": "％",
                       **{str(d): chr(0xFF10 + d) for d in range(10)}})


def _summary(r: fazhi.Report) -> tuple:
    md = r.metadata
    return ((md.jurisdiction, md.level, md.report_year, md.published, md.signed, md.province, md.city),
            [(s.level, s.start) for s in r.sections],
            sorted((f.indicator or "", f.value, f.start) for f in r.figures),
            sorted((f.check, f.start) for f in r.findings))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.name)
def test_full_width_copy_analyses_the_same(path) -> None:
    text = path.read_text("utf-8")
    wide = text.translate(_FULL)
    assert len(wide) == len(text)
    assert _summary(fazhi.analyze_text(text)) == _summary(fazhi.analyze_text(wide))
