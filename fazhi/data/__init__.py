"""Rules, phrasings, weights and reference tables that drive fazhi, as data files.

Reviewers and researchers edit these files, not code; `load` reads one TOML file of the
package (each is read once per process: the analysers call it on every document).
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file `name` of this package (treat it as read-only: it is shared)."""
    return tomllib.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))
