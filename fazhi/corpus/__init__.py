"""The corpus: every analysed report in one embedded DuckDB file, the cross-report checks,
comparisons across jurisdictions and years, and the reviewer's status table.

    from fazhi.corpus import Corpus
    with Corpus("永清县.duckdb") as c:
        c.ingest(["reports/"])
        c.compare("reconsideration.received", by="jurisdiction", years=(2021, 2024))

See fazhi/corpus/store.py for the API and docs/corpus.md for the commands and the schema.
"""
from __future__ import annotations

from .schema import SCHEMA_VERSION, SchemaError
from .store import AnalyzedDocument, AnalyzedInput, Corpus

__all__ = ["Corpus", "AnalyzedDocument", "AnalyzedInput", "SCHEMA_VERSION", "SchemaError"]
