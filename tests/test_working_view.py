"""The working view: page furniture blanked in place, every offset kept."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.understand.page import blank


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n某县", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4))
def test_blank_keeps_length_and_line_breaks(text: str, raw: list[tuple[int, int]]) -> None:
    """The working view blanks exactly the characters of the spans (overlapping or not), keeping
    every line break: the offsets of everything else stay put."""
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw]
    covered = {i for s, e in spans for i in range(s, e)}
    want = "".join(" " if i in covered and c != "\n" else c for i, c in enumerate(text))
    assert blank(text, spans) == want
