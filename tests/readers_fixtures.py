"""Shared helpers for the reader tests: the reports to render, and what "the same analysis" means.

The format-invariance tests render each seed report and each example report into HTML,
PDF, a scanned PDF, DOCX and OFD, and compare the analysis of every copy with the
analysis of the text: metadata fields, section titles and levels, figures (indicator,
value, unit) and findings (check, severity) as multisets, since offsets differ between
copies by construction.
"""
from __future__ import annotations

import json
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"
EXAMPLE_GOLD = ROOT / "tests" / "golden" / "examples.json"

META_KEYS = ("title", "jurisdiction", "level", "department", "province", "city", "county", "division_code",
             "report_year", "published", "signed", "issuer", "doc_type")

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                   reason="LibreOffice (soffice) is not installed: the .doc/.wps path is not tested")


def report_texts() -> list[tuple[str, str]]:
    """(name, text) of every seed (when ../shared/seeds exists) and every example listed in the golden file."""
    out = []
    if SEEDS.is_dir():
        for p in sorted(SEEDS.glob("*.txt")):
            out.append((f"seed:{p.stem}", p.read_text("utf-8")))
    if EXAMPLE_GOLD.is_file():
        names = json.loads(EXAMPLE_GOLD.read_text("utf-8"))
        for name in names:
            p = EXAMPLES / name
            if p.is_file():
                out.append((f"example:{p.stem}", p.read_text("utf-8")))
    return out


def norm(s) -> str:
    if s is None:
        return ""
    return "".join(ch for ch in unicodedata.normalize("NFKC", str(s)) if not ch.isspace())


def summary(rec: dict) -> dict:
    """The parts of an analysis record that must not depend on the input format."""
    md = rec.get("metadata") or {}
    return {
        "metadata": {k: norm(md.get(k)) for k in META_KEYS},
        "sections": [(s["level"], norm(s["title"])) for s in rec.get("sections", [])],
        "figures": Counter((f.get("indicator"), f.get("value"), f.get("unit")) for f in rec.get("figures", [])),
        "findings": Counter((f["check"], f["severity"]) for f in rec.get("findings", [])),
    }


def differences(want: dict, got: dict) -> list[str]:
    """What differs between two summaries, one line each."""
    out = []
    for k in META_KEYS:
        if want["metadata"][k] != got["metadata"][k]:
            out.append(f"metadata.{k}: text {want['metadata'][k]!r}, copy {got['metadata'][k]!r}")
    if want["sections"] != got["sections"]:
        lost = [s for s in want["sections"] if s not in got["sections"]]
        new = [s for s in got["sections"] if s not in want["sections"]]
        out.append(f"sections: {len(want['sections'])} in the text, {len(got['sections'])} in the copy; "
                   f"only in the text {lost[:5]}, only in the copy {new[:5]}")
    for key in ("figures", "findings"):
        missing = want[key] - got[key]
        extra = got[key] - want[key]
        if missing or extra:
            out.append(f"{key}: missing {dict(missing)}, extra {dict(extra)}")
    return out


def figure_recall(want: dict, got: dict) -> float:
    total = sum(want["figures"].values())
    if not total:
        return 1.0
    return sum((want["figures"] & got["figures"]).values()) / total
