"""The corpus: every analysed report in one embedded DuckDB file, the cross-report checks,
comparisons across jurisdictions and years, and the reviewer's status table.

    from fazhi.corpus import Corpus
    with Corpus("永清县.duckdb") as c:
        ingest(c, ["reports/"])  # from fazhi.batch.ingest: analysing sits above the corpus
        c.compare("reconsideration.received", by="jurisdiction", years=(2021, 2024))

The corpus is this package's one door: the web pages, the exports and the commands call the
methods of `Corpus` (store.py, put together from writes.py, queries.py, search.py and
decisions.py; comparisons in compare.py, the list of units in roster.py, the cross-report
checks in crosscheck.py) and write no SQL of their own. docs/corpus.md has the commands and
the schema.
"""
from __future__ import annotations

from .schema import SCHEMA_VERSION, SchemaError
from .store import AnalyzedDocument, AnalyzedInput, Corpus

__all__ = ["Corpus", "AnalyzedDocument", "AnalyzedInput", "SCHEMA_VERSION", "SchemaError"]
