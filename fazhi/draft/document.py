"""The draft as a 公文-form Word file (GB/T 9704), laid out like fazhi's notices.

The drafter edits this file, so the prompts are highlighted in yellow where they stand: a
prompt left in is easy to see, and the drafting check (`draft_prompt`) finds it again when the
finished report is analysed.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..checks.drafting import PROMPT_RE
from ..export.word import H1_FONT, H2_FONT, OfficialDocument
from .compose import Draft


def write_docx(draft: Draft, path: "str | os.PathLike[str]", with_note: bool = True) -> Path:
    d = OfficialDocument()
    for b in draft.body:
        if b.kind == "title":
            d.title(b.text)
        elif b.kind == "salutation":
            d.para(b.text, indent=False, align="left", highlight=PROMPT_RE)
        elif b.kind == "h1":
            d.para(b.text, H1_FONT)
        elif b.kind == "h2":
            d.para(b.text, H2_FONT)
        elif b.kind == "signature":
            d.para("", indent=False)
            d.para(b.text, indent=False, align="right")
        elif b.kind == "date":
            d.para(b.text, indent=False, align="right", highlight=PROMPT_RE)
        else:
            d.para(b.text, highlight=PROMPT_RE)
    if with_note:  # after the 落款, on a page of its own: the report's title stays the document's first line
        d.page_break()
        for b in draft.note:
            d.para(b.text, highlight=PROMPT_RE)
    return d.save(Path(path))
