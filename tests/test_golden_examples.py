"""Golden test on the project's own example reports (examples/, tests/golden/examples.json)."""
from __future__ import annotations

import pytest

import fazhi

from .conftest import EXAMPLES, _has_example_gold, example_gold, needs_examples
from .golden import compare

pytestmark = needs_examples


def _names() -> list[str]:
    return sorted(example_gold()) if _has_example_gold() else []


@pytest.mark.parametrize("name", _names())
def test_example_meets_gold(name: str) -> None:
    gold = example_gold()[name]
    report = fazhi.analyze(EXAMPLES / name)
    misses = compare(gold, report.to_dict(), report.text, extra_meta=("county", "issuer", "department"))
    assert not misses, "\n".join(misses)


def test_every_example_has_a_gold_entry() -> None:
    files = {p.name for p in EXAMPLES.glob("*.txt")}
    assert files == set(example_gold())
