"""Quality floors of the cross-report checks on a small synthetic corpus with a known truth
(bench/generate_corpus.py; bench/corpus.py runs the same on 20,000 reports)."""
from __future__ import annotations

import json
from pathlib import Path

from bench.corpus import evaluate
from bench.generate_corpus import generate
from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus


def test_planted_copies_and_false_claims_are_found(tmp_path: Path) -> None:
    base = tmp_path / "gen"
    truth = generate(600, range(2020, 2023), base, seed=5, copy_rate=0.05, self_copy_rate=0.03, false_rate=0.05)
    (base / "truth.json").rename(tmp_path / "truth.json")
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(base)], workers=2)
        q = evaluate(c, base, truth)
    nd, yo = q["near_duplicate"], q["yoy_mismatch"]
    assert nd["planted_pairs"] >= 20 and yo["planted"] >= 50, json.dumps(q, ensure_ascii=False)
    assert nd["precision"] >= 0.95 and nd["recall"] >= 0.95, json.dumps(nd, ensure_ascii=False)
    assert yo["recall"] >= 0.95 and yo["false_alarms_per_true_claim"] <= 0.01, json.dumps(yo, ensure_ascii=False)
