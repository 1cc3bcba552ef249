"""Fail when the seed evaluation falls below the floors recorded in tests/golden/seed_floors.json.

Like trafilatura's pinned extraction benchmark: the floors only ever move up. Run
`python scripts/check_seed_floors.py --raise` after an improvement to record the new
scores (never lowers a floor). Skips with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVALUATE = ROOT.parent / "shared" / "tools" / "evaluate.py"
FLOORS = ROOT / "tests" / "golden" / "seed_floors.json"
CEILINGS = ("false_flags", "false_figures")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raise", dest="raise_", action="store_true", help="record higher scores as the new floors")
    a = ap.parse_args()
    if not EVALUATE.is_file():
        print("check_seed_floors: ../shared/tools/evaluate.py not found; seed floors not checked")
        return 0
    p = subprocess.run([sys.executable, str(EVALUATE), "--json"], capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        print(p.stdout, p.stderr, sep="\n")
        return 1
    tally = json.loads(p.stdout)["tally"]
    floors = json.loads(FLOORS.read_text("utf-8"))
    failed = []
    for key, (got, _total) in tally.items():
        want = floors.get(key)
        if want is None:
            continue
        if key in CEILINGS:
            if got > want:
                failed.append(f"{key}: {got} > ceiling {want}")
            elif a.raise_:
                floors[key] = min(want, got)
        else:
            if got < want:
                failed.append(f"{key}: {got} < floor {want}")
            elif a.raise_:
                floors[key] = max(want, got)
    if a.raise_:
        FLOORS.write_text(json.dumps(floors, ensure_ascii=False, indent=2) + "\n", "utf-8")
    if failed:
        print("seed floors broken: " + "; ".join(failed))
        return 1
    print("seed floors held: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in tally.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
