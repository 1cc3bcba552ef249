"""The no-finding corpus: correct, well-written passages (tests/corpus/clean_passages) on
which no check may fire, each set in a correct report frame. Every passage traps a
careless checker (cases carried over, a rate above 100 %, a bracket closed on the next
line, 人大/人民/政协, hotlines, document numbers, rankings, targets)."""
from __future__ import annotations

import pytest

import fazhi
from tests.corpus.passages import framed, load

PASSAGES = framed()


def test_corpus_is_large_enough():
    assert len(load()) >= 30


@pytest.mark.parametrize("name,text", PASSAGES, ids=[n for n, _ in PASSAGES])
def test_no_check_fires(name, text):
    report = fazhi.analyze_text(text)
    assert report.metadata.doc_type == "report" and report.metadata.level is not None
    fired = [f"{f.check}: {f.message}" for f in report.findings
             if not (f.check == "timeliness" and f.severity == "info")]
    assert fired == []
