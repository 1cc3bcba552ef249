"""Checks, one module per family; importing them fills the registry."""
from __future__ import annotations


def load_all() -> None:
    from . import arithmetic, consistency, document, drafting, required, structure, text  # noqa: F401
