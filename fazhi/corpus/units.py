"""Who a report belongs to: one normalised unit name and key per reporting unit.

The same unit is written many ways across years and lists: 永清县人民政府 and 永清县,
XX街道办事处 and XX街道, with stray spaces or full-width letters. Status tables match a
reviewer's list of units to reports by these names, and the cross-report checks need to
know which reports are the same unit's (its previous year's report) and which are another
unit's (copying). Both use the functions here so that they agree.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

_SPACE = re.compile(r"\s+")
# Suffixes that name the government of a place rather than a different unit.
_GOV_SUFFIXES = ("人民政府", "政府")
_PREFIXES = ("中共",)


def norm_name(name: str | None) -> str:
    """A unit name reduced to what identifies it: NFKC, no spaces, 人民政府 dropped, 街道办事处 -> 街道.

    A department keeps its full name (永清县人民政府办公室 is not 永清县), so the
    government suffix is only dropped at the very end of the name.
    """
    if not name:
        return ""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    s = s.replace("(", "（").replace(")", "）")
    for p in _PREFIXES:
        if s.startswith(p) and len(s) > len(p) + 2:
            s = s[len(p):]
    if s.endswith("街道办事处"):
        s = s[: -len("办事处")]
    elif s.endswith("办事处") and len(s) > 5:
        s = s[: -len("办事处")] + "街道"
    for suf in _GOV_SUFFIXES:
        if s.endswith(suf) and len(s) > len(suf) + 1:
            s = s[: -len(suf)]
            break
    return s


def unit_name(metadata: dict[str, Any]) -> str | None:
    """The reporting unit's display name: the department for a department's report, else the place."""
    if not metadata:
        return None
    if metadata.get("department"):
        return metadata["department"]
    if metadata.get("jurisdiction"):
        return metadata["jurisdiction"]
    issuer = metadata.get("issuer")
    return issuer or None


def unit_key(metadata: dict[str, Any]) -> str | None:
    """A stable key for the unit: its division code (when resolved) and its normalised name.

    The code keeps apart same-named places (朝阳区 in 北京 and in 长春; 桃林镇 in four
    counties, whose reports carry their county's code). None when the report names no unit.
    """
    name = norm_name(unit_name(metadata))
    if not name:
        return None
    code = (metadata.get("division_code") or "")[:6]
    return f"{code}|{name}"


def name_variants(name: str) -> set[str]:
    """The normalised forms a registry entry may appear under in a report."""
    n = norm_name(name)
    out = {n} if n else set()
    if n.endswith("街道"):
        out.add(n[: -len("街道")] + "办事处")
    return out
