"""The checks registry: no check vanishes or is renamed silently, and every check is documented."""
from __future__ import annotations

from pathlib import Path

from fazhi.checks.registry import REGISTRY, specs

ROOT = Path(__file__).resolve().parents[1]

# The stable ids of ../shared/spec/rules.md. Changing this list is a breaking change.
SNAPSHOT = [
    "unreadable", "not_a_report", "missing_title", "report_year", "timeliness", "measures_missing",
    "shortcomings_missing", "causes_missing", "first_responsibility_missing", "next_year_plan_missing",
    "rate_consistency", "sum_consistency", "count_order", "year_consistency", "level_mismatch",
    "heading_numbering", "enumeration_gap", "unbalanced_brackets", "missing_text", "typo", "generic_text",
    "near_duplicate", "yoy_mismatch", "draft_prompt",
]
# checks that need more than the document itself: run by the pipeline (unreadable) or over the corpus
NOT_SINGLE_DOCUMENT = {"unreadable", "near_duplicate", "yoy_mismatch"}


def test_declared_checks_match_the_snapshot() -> None:
    assert list(specs()) == SNAPSHOT


def test_every_single_document_check_is_registered() -> None:
    assert set(REGISTRY) >= set(SNAPSHOT) - NOT_SINGLE_DOCUMENT


def test_every_check_has_chinese_name_description_and_messages() -> None:
    for s in specs().values():
        assert s.severity in ("error", "warning", "info")
        assert any("\u4e00" <= c <= "\u9fff" for c in s.name + s.description)
        assert s.messages


def test_every_check_is_documented() -> None:
    doc = (ROOT / "docs" / "checks.md").read_text("utf-8")
    for cid in SNAPSHOT:
        assert f"`{cid}`" in doc, cid


def test_docs_table_is_generated_from_checks_toml() -> None:
    """docs/checks.md carries the table `fazhi checks -f markdown` prints, so a check added to
    checks.toml without regenerating the page fails here."""
    from fazhi.checks.registry import checks_markdown

    doc = (ROOT / "docs" / "checks.md").read_text("utf-8")
    assert checks_markdown() in doc


def test_every_check_names_its_family_module_and_notice_group() -> None:
    """A check's family is the module that registers it, and its group is one the notice lists."""
    import importlib

    from fazhi.checks.registry import groups

    for s in specs().values():
        if s.id in REGISTRY:
            assert REGISTRY[s.id].__module__.rsplit(".", 1)[-1] == s.family, s.id
        assert s.group in groups()
    assert len(groups()) >= 2
    for family in {s.family for s in specs().values()} - {"corpus"}:
        importlib.import_module(f"fazhi.checks.{family}")
