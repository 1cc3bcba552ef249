"""Golden test on the five real seed reports (../shared): the analysis meets the gold in full."""
from __future__ import annotations

import pytest

import fazhi

from .conftest import SEEDS, needs_seeds, seed_gold
from .golden import compare

pytestmark = needs_seeds


def _names() -> list[str]:
    return sorted(seed_gold()) if SEEDS.is_dir() else []


@pytest.mark.parametrize("name", _names())
def test_seed_meets_gold(name: str) -> None:
    gold = seed_gold()[name]
    report = fazhi.analyze(SEEDS / name)
    misses = compare(gold, report.to_dict(), report.text)
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("name", _names())
def test_seed_has_no_internal_errors(name: str) -> None:
    report = fazhi.analyze(SEEDS / name)
    assert not [f for f in report.findings if f.data.get("internal_error")]
