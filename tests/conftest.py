"""Shared test settings: where the real seed reports live, and how to skip without them."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The shared specs, seeds and gold: ../shared beside the project, or where FAZHI_SHARED points.

    FAZHI_SHARED=none makes the suite behave as on a clone without ../shared (CI runs the
    tests marked `shared` once that way): every test must then pass or skip with a reason.
    """
    value = os.environ.get("FAZHI_SHARED", "").strip()
    if value.lower() == "none":
        return ROOT / "tests" / "no-shared"  # a path that does not exist
    return Path(value) if value else ROOT.parent / "shared"


SHARED = shared_dir()
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


_SHARED_HELPERS = ("tests.readers_fixtures", "tests.synthetic")


def _uses_shared(module) -> bool:
    """Whether a test module reads ../shared: a path under it, the seed marker, or a helper that reads the seeds."""
    for value in vars(module).values():
        if isinstance(value, Path) and (value == SHARED or SHARED in value.parents):
            return True
        if value is needs_seeds or getattr(value, "__module__", None) in _SHARED_HELPERS:
            return True
    return False


def _own_example_case(item) -> bool:
    """Whether a parametrized test runs on one of the project's own examples (an `example:` case id).

    The reader tests are parametrized over the seeds and the examples alike (tests/readers_fixtures.py
    names the cases `seed:…` and `example:…`); a case of an example never reads ../shared, so it gives
    the same result with or without it and need not run twice in CI.
    """
    callspec = getattr(item, "callspec", None)
    return callspec is not None and any(part.startswith("example:") for part in callspec.id.split("-"))


def _has_wide_fixture(item) -> bool:
    """Whether the test uses a module- or class-scoped fixture defined in its own module.

    Such a fixture is costly by design (a browser, a served corpus, a fresh virtualenv): run in
    parallel (scripts/test passes `-n`), the module's tests stay on one worker, so the fixture is
    built once rather than once per worker.
    """
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    own = item.module.__name__
    return any(d.scope in ("module", "class") and getattr(d.func, "__module__", None) == own
               for defs in info.name2fixturedefs.values() for d in defs)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups off the marks
def pytest_collection_modifyitems(config, items) -> None:
    """Mark the tests of modules that read ../shared `shared`, so CI can run just those once more
    without it; keep each module whose tests share a costly fixture on one parallel worker."""
    seen: dict[str, bool] = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is None:
            continue
        if module.__name__ not in seen:
            seen[module.__name__] = _uses_shared(module)
        if seen[module.__name__] and not _own_example_case(item):
            item.add_marker(pytest.mark.shared)
        if _has_wide_fixture(item):
            item.add_marker(pytest.mark.xdist_group(module.__name__))


def pytest_collection_finish(session) -> None:
    """Say so when pytest-xdist did not take the groups (it tags a grouped test's id with `@group`;
    a pytest whose ids it cannot rewrite makes it spread every test, and costly fixtures are then
    built once per worker): the run is still right, only slower."""
    if not getattr(session.config.option, "loadgroup", False):
        return
    lost = [i.nodeid for i in session.items if i.get_closest_marker("xdist_group") and "@" not in i.nodeid]
    if lost:
        import warnings

        warnings.warn(pytest.PytestWarning(
            f"pytest-xdist ignored the xdist_group of {len(lost)} tests (e.g. {lost[0]}): "
            "costly module fixtures are built once per worker; see the pytest pin in pyproject.toml"))
