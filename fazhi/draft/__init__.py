"""The drafter's side: a ledger template, a draft built from the filled ledger, and the
check of the finished report before it goes up (docs/drafting.md)."""
from __future__ import annotations

from ..checks.drafting import PROMPT_RE
from .compose import Draft, compose, issuer_name, standard_title
from .document import write_docx
from .ledger import LEVELS, Ledger, LedgerError, previous_figures, read_ledger, spec, write_template

__all__ = ["LEVELS", "PROMPT_RE", "Draft", "Ledger", "LedgerError", "compose", "issuer_name", "previous_figures",
           "read_ledger", "spec", "standard_title", "write_docx", "write_template"]
