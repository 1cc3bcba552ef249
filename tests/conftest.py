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

needs_seeds = pytest.mark.skipif(not (SEEDS.is_dir() and SEED_GOLD.is_file()),
                                 reason="../shared/seeds and ../shared/gold/seeds.json are not present: seed tests skipped")
needs_examples = pytest.mark.skipif(not EXAMPLE_GOLD.is_file(), reason="tests/golden/examples.json not present")


def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text("utf-8"))


def example_gold() -> dict:
    return json.loads(EXAMPLE_GOLD.read_text("utf-8"))
