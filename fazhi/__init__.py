"""fazhi (法治): read, check, score and compare rule-of-law government annual reports.

    import fazhi
    r = fazhi.analyze("report.txt")
    r.findings, r.figures, r.to_dict()
"""
from __future__ import annotations

__version__ = "0.1.0"

from .pipeline import analyze, analyze_all, analyze_document, analyze_text  # noqa: E402
from .record import Document, Figure, Finding, Report, Section  # noqa: E402

__all__ = ["analyze", "analyze_all", "analyze_document", "analyze_text", "Document", "Figure", "Finding",
           "Report", "Section", "__version__"]
