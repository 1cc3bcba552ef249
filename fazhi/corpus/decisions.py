"""Reviewers' decisions on findings: confirmed or dismissed, with a comment, kept across
re-analysis because they are keyed by the finding's identity (report, check, span, message).
Review state, the decision history and reviewers' notes are in review.py."""
from __future__ import annotations

import pandas as pd

from . import review


class Decisions:
    """Decisions as part of `Corpus` (mixed in; uses its `con`)."""

    def decide(self, sha256: str, check: str, start: int | None, end: int | None, message: str, decision: str,
               comment: str | None = None, user: str | None = None) -> None:
        """Record a reviewer's decision on a finding: `confirmed` or `dismissed`, with a comment.

        Kept across re-analysis: it is keyed by the finding's identity, not by a row.
        A later decision on the same finding replaces the earlier one.
        """
        review.decide(self, sha256, check, start, end, message, decision, comment, user)

    def decisions(self, sha256: str | None = None) -> pd.DataFrame:
        if sha256 is None:
            return self.query('SELECT * FROM decisions ORDER BY decided_at')
        return self.query('SELECT * FROM decisions WHERE sha256 = ? ORDER BY decided_at', [sha256])

