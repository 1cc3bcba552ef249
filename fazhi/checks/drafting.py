"""The drafter's check: a draft written by `fazhi draft write` marks what only the unit can
write as 【请补充：…】; any such mark still in the text when it is analysed means the report
is not finished. The marks are fazhi's own, so the check cannot fire on a report written
without them."""
from __future__ import annotations

import re
from typing import Iterator

from ..record import Finding, Report
from .registry import check, finding

PROMPT_OPEN = "【请补充："
NOTE_OPEN = "【起草说明"
PROMPT_RE = re.compile(r"【(?:请补充|起草说明)[^】]*】")
"""What a drafter must still replace: the prompt marks `fazhi draft write` puts in a draft."""

_SHOWN = 60


@check("draft_prompt")
def draft_prompt(report: Report) -> Iterator[Finding]:
    for m in PROMPT_RE.finditer(report.text):
        shown = m.group() if len(m.group()) <= _SHOWN else m.group()[:_SHOWN - 1] + "…】"
        yield finding("draft_prompt", start=m.start(), end=m.end(), prompt=shown)
