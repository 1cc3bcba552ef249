"""Shared test settings: where the real seed reports live, and how to skip without them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "gold" / "seeds.json"
EXAMPLES = ROOT / "examples"
EXAMPLE_GOLD = ROOT / "tests" / "golden" / "examples.json"
EXAMPLE_GOLD_DIR = ROOT / "tests" / "golden" / "examples"  # one <example file name>.json per example

needs_seeds = pytest.mark.skipif(not (SEEDS.is_dir() and SEED_GOLD.is_file()),
                                 reason="../shared/seeds and ../shared/gold/seeds.json are not present: seed tests skipped")
def _has_example_gold() -> bool:
    return EXAMPLE_GOLD.is_file() or any(EXAMPLE_GOLD_DIR.glob("*.json"))


needs_examples = pytest.mark.skipif(not _has_example_gold(), reason="no example gold (tests/golden/examples*) present")


def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text("utf-8"))


def example_gold() -> dict:
    """Expected analyses of examples/*.txt: examples.json and/or one file per example."""
    gold = json.loads(EXAMPLE_GOLD.read_text("utf-8")) if EXAMPLE_GOLD.is_file() else {}
    for p in sorted(EXAMPLE_GOLD_DIR.glob("*.json")):
        gold[p.stem] = json.loads(p.read_text("utf-8"))
    return gold
