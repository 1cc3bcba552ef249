"""The Chinese labels of the project's keys and the shared character patterns, read from
labels.toml (and the document types' names from doctypes.toml), so that every front end says
the same word for the same thing and a new label is added in one file.
"""
from __future__ import annotations

import re
from types import MappingProxyType
from typing import Mapping

from . import load


def _table(name: str) -> Mapping[str, str]:
    return MappingProxyType(dict(load("labels.toml")[name]))


def _doc_types() -> Mapping[str, str]:
    """Each document type's name as its first rule in doctypes.toml gives it, then the types
    no rule produces (labels.toml)."""
    out: dict[str, str] = {}
    data = load("doctypes.toml")
    for rule in data.get("title_rule", []) + data.get("body_rule", []):
        out.setdefault(rule["type"], rule["zh"])
    for k, v in load("labels.toml")["doc_type"].items():
        out.setdefault(k, v)
    return MappingProxyType(out)


CONTENT_ZH = _table("content")
LEVEL_ZH = _table("level")
SEVERITY_ZH = _table("severity")
DOC_TYPE_ZH = _doc_types()

CJK = re.compile(load("labels.toml")["pattern"]["cjk"])
TITLE_OK = re.compile(load("labels.toml")["pattern"]["title_ok"])
