"""The Chinese labels of the project's keys and the shared character patterns, read from
labels.toml (and the document types' names from doctypes.toml), so that every front end says
the same word for the same thing and a new label is added in one file.
"""
from __future__ import annotations

import re

from . import load


def _table(name: str) -> dict[str, str]:
    """A copy of one table, so that a caller changing it cannot change the others' labels."""
    return dict(load("labels.toml")[name])


def _doc_types() -> dict[str, str]:
    """Each document type's name (doctypes.toml [kinds]), then the types no rule produces (labels.toml)."""
    out = {k: v["zh"] for k, v in load("doctypes.toml")["kinds"].items()}
    for k, v in load("labels.toml")["doc_type"].items():
        out.setdefault(k, v)
    return out


def _doc_type_counts() -> dict[str, str]:
    """The measure word each document type's name takes in a sentence (这是一篇会议新闻)."""
    return {k: v.get("count", "") for k, v in load("doctypes.toml")["kinds"].items()}


CONTENT_ZH = _table("content")
LEVEL_ZH = _table("level")
SEVERITY_ZH = _table("severity")
DOC_TYPE_ZH = _doc_types()
DOC_TYPE_COUNT = _doc_type_counts()
REPORT_STATUS_ZH = _table("report_status")
REPORT_STATUS_NOTE_ZH = _table("report_status_note")
REVIEW_STATE_ZH = _table("review_state")
REVIEW_ACTION_ZH = _table("review_action")
DECISION_ZH = {k: REVIEW_ACTION_ZH[k] for k in ("confirmed", "dismissed")}
ORIGIN_ZH = _table("origin")
FIGURE_KIND_ZH = _table("figure_kind")

CJK = re.compile(load("labels.toml")["pattern"]["cjk"])
TITLE_OK = re.compile(load("labels.toml")["pattern"]["title_ok"])
