"""The required words of a pattern: a text without them must never hold a match."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.data import load as load_data
from fazhi.read.text import decode
from fazhi.understand import literals
from fazhi.understand.literals import (
    LiteralScan,
    WordIndex,
    finditer,
    literal_language,
    openers,
    required_words,
    screen,
)
from fazhi.understand.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("pattern, words", [
    (r"【?\s*(打印本页|关闭窗口|打印|关闭)\s*】?\s*$", {"打印", "关闭"}),  # 打印本页 holds 打印
    (r"^\s*[\u4e00-\u9fff]{2,6}(表示|介绍说|指出)[,，]?“", {"表示", "介绍说", "指出"}),
    (r"(?<![\u4e00-\u9fff])(近日|日前)[,，]", {"近日", "日前"}),
    (r"报告如下|特此报告", {"报告如下", "特此报告"}),
    (r"现将.{0,60}(情况|工作)的?报告", {"现将"}),  # the longest word the match must go through
    (r"(?:19|20)\d{2}\s*年\s*第?\s*\d{1,2}\s*期", {"19", "20"}),
    (r"(主要)?(举措|措施)(和|及)(成效|成绩)", {"举措", "措施"}),  # the first of two equal sets
    (r"x{2,}[ab]", {"x"}),
])
def test_required_words(pattern: str, words: set[str]) -> None:
    assert required_words(pattern) == words


@pytest.mark.parametrize("pattern", [
    r"[\u3040-\u30ff]{2,}",  # a wide class: no short list
    r"(?i)english",  # case folding: the literal is not what the text holds
    r"(报告)?\s*\d+",  # nothing every match goes through
    r"[^。]{2,}",
    r"(a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z)",  # more words than a test is worth
])
def test_no_words(pattern: str) -> None:
    assert required_words(pattern) is None
    assert screen(pattern) is None


@lru_cache(maxsize=1)
def _screened() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """The look-alike marks and furniture patterns of the data files, with their screens."""
    pats = [re.compile(r["pattern"], re.M) for r in load_data("doctypes.toml")["signal"]]
    pats += [re.compile(p) for ps in load_data("boilerplate.toml")["line"].values() for p in ps]
    pairs = [(p, screen(p)) for p in pats]
    return [(p, s) for p, s in pairs if s is not None]


def test_screen_passes_every_text_a_data_pattern_matches() -> None:
    """Over the project's own examples, line by line and whole: a match is never screened out."""
    texts = [normalize(decode(p.read_bytes())[0]) for p in sorted((ROOT / "examples").glob("*.txt"))]
    assert texts
    pieces = texts + [line for t in texts for line in t.splitlines()]
    assert len(_screened()) > 50
    for pat, scr in _screened():
        for t in pieces:
            if pat.search(t):
                assert scr.search(t), (pat.pattern, t)


# texts built from the words the patterns need, their neighbours and noise
_ALPHABET = list("报告如下特此现将情况工作的年度第期主要举措和及成效绩存在问题不足打印关闭本页发布时间来源：:记者表示指出"
                 "0123456789 \n，。、（）()【】")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join))
def test_screen_is_sound_on_random_text(text: str) -> None:
    for pat, scr in _screened():
        if pat.search(text):
            assert scr.search(text), (pat.pattern, text)


def test_word_index_finds_overlapping_and_nested_words() -> None:
    """法治政府建设 holds 法治政府, 政府建设 and 政府 at once: every one is found, not only the first."""
    index = WordIndex(["法治政府", "政府建设", "政府", "报告如下", "特此报告"])
    assert index.found("某县法治政府建设情况") == {"法治政府", "政府建设", "政府"}
    assert index.found("现将有关情况报告如下：") == {"报告如下"}
    assert index.found("") == frozenset()
    assert WordIndex([]).found("报告如下") == frozenset()
    with pytest.raises(ValueError):
        WordIndex(["报告", ""])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join))
def test_word_index_agrees_with_each_screen(text: str) -> None:
    """Testing a screen's words against the words found is the screen's own search."""
    words = sorted({w for pat, _s in _screened() for w in required_words(pat) or ()})
    found = WordIndex(words).found(text)
    for pat, scr in _screened():
        assert (not required_words(pat).isdisjoint(found)) == (scr.search(text) is not None), pat.pattern


@pytest.mark.parametrize("pattern, opens", [
    (r"(?<![人大委])常委会(?!议)", "常"),  # a lookbehind first: the engine has no first character
    (r"(情况|工作)?报告予以(公开|公布)", "情工报"),
    (r"[(（]\s*(记者|通讯员)", None),  # a class first: the engine skips to it on its own
    (r"(出席|主持)会议", None),  # so it does to alternatives that each open with a character
    (r"(?m)^\s*第[一二三]+章", None),  # a line anchor: every line start may open a match
    (r"\d+件", None),  # a category: no short list
    (r"(报告)?", None),  # can match the empty string
])
def test_openers(pattern: str, opens: str | None) -> None:
    got = openers(re.compile(pattern))
    if opens is None:
        assert got is None
    else:
        assert got is not None and {ch for ch in opens} == {ch for ch in got.pattern if ch not in "[]\\"}


def _data_patterns() -> list[re.Pattern[str]]:
    return [re.compile(r["pattern"], re.M) for r in load_data("doctypes.toml")["signal"]]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET + list("常委会人大议报予以公开布(（")), max_size=80).map("".join))
def test_finditer_matches_the_engine(text: str) -> None:
    """Tried only where a match can begin, a pattern finds what the engine's own scan finds
    (however dense the openers: the test turns the engine's own scan off)."""
    dense, literals._SPARSE = literals._SPARSE, 0
    try:
        for pat in _data_patterns():
            want = [(m.span(), m.group(0)) for m in pat.finditer(text)]
            assert [(m.span(), m.group(0)) for m in finditer(pat, text, openers(pat))] == want, pat.pattern
    finally:
        literals._SPARSE = dense


def test_finditer_on_the_examples() -> None:
    texts = [normalize(decode(p.read_bytes())[0]) for p in sorted((ROOT / "examples").glob("*.txt"))]
    pats = [p for p in _data_patterns() if openers(p) is not None]
    assert len(pats) > 20
    for sparse in (literals._SPARSE, 0):
        dense, literals._SPARSE = literals._SPARSE, sparse
        try:
            for pat in pats:
                for t in texts:
                    got = [m.span() for m in finditer(pat, t, openers(pat))]
                    assert got == [m.span() for m in pat.finditer(t)], pat.pattern
        finally:
            literals._SPARSE = dense


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("一二两三十百千万第余多件项个次人场，。3")), max_size=60).map("".join),
       st.integers(min_value=0, max_value=70), st.integers(min_value=0, max_value=70))
def test_finditer_within_bounds(text: str, pos: int, endpos: int) -> None:
    """Bounded by pos and endpos, a pattern tried only where a match can begin finds what the
    engine's bounded scan finds: its lookbehind still sees the text before pos (第三次), and
    the text ends at endpos for it as for the engine."""
    from fazhi.understand.figures import lexicon

    pat = lexicon().chinese
    dense, literals._SPARSE = literals._SPARSE, 0
    try:
        want = [(m.span(), m.group(0)) for m in pat.finditer(text, pos, endpos)]
        assert [(m.span(), m.group(0)) for m in finditer(pat, text, openers(pat), pos, endpos)] == want
    finally:
        literals._SPARSE = dense


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("發布个個时間a(fābùgè)）1 ")), max_size=60).map("".join),
       st.integers(min_value=0, max_value=60))
def test_gloss_patterns_check_the_character_before(text: str, pos: int) -> None:
    """The gloss patterns open with "(" so that the engine skips to it, and check the
    character before it behind it: they match exactly where a lookbehind first would."""
    from fazhi.understand import figures, page

    letters = "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]"
    for pat, first in ((page.GLOSS, rf"(?<=[\u4e00-\u9fff])\({letters}{{1,7}}\)"),
                       (figures._GLOSS, rf"(?<=[\u3400-\u9fff])\({letters}{{2,6}}\)")):
        assert pat.pattern.startswith("\\(")
        ref = re.compile(first)
        assert [m.span() for m in pat.finditer(text, pos)] == [m.span() for m in ref.finditer(text, pos)]
        assert pat.sub("", text) == ref.sub("", text)


def test_figure_masks_tried_where_they_begin() -> None:
    """Each figure mask, tried only where its search says a match can begin, finds what the
    engine's own scan finds on the examples (a run of digits opens every date or phone)."""
    from fazhi.understand import figures

    texts = [normalize(decode(p.read_bytes())[0]) for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts.append("2023年12月31日前，电话0816-1234567，第3批，12345热线")
    dense, literals._SPARSE = literals._SPARSE, 0
    try:
        for pat, opener in figures._mask_patterns():
            for t in texts:
                assert [m.span() for m in finditer(pat, t, opener)] == [m.span() for m in pat.finditer(t)], pat.pattern
    finally:
        literals._SPARSE = dense


@pytest.mark.parametrize("pattern, strings", [
    (r"复议|调解", ["复议", "调解"]),
    (r"裁量(权|基准)", ["裁量权", "裁量基准"]),
    (r"重大(行政)?决策", ["重大行政决策", "重大决策"]),  # greedy: the longer spelling is tried first
    (r"(ab|a)(c|bc)", ["abc", "abbc", "ac", "abc"]),
    (r"x{1,2}y", ["xxy", "xy"]),
    (r"依法治[省市县]", ["依法治县", "依法治市", "依法治省"]),
])
def test_literal_language(pattern: str, strings: list[str]) -> None:
    got = literal_language(re.compile(pattern))
    assert got is not None and sorted(got) == sorted(strings)
    if pattern.startswith(("重大", "(ab")):
        assert got == strings  # the engine's order of trial


@pytest.mark.parametrize("pattern", [r"法治.{0,4}考核", r"[^,。]{0,4}学法", r"a*b", r"(?<!县)复议", r"a?", r"(?i)ab",
                                     r"a|"])
def test_no_literal_language(pattern: str) -> None:
    assert literal_language(re.compile(pattern)) is None


def _gangyao_keywords() -> list[re.Pattern[str]]:
    return [re.compile(a["keywords"]) for o in load_data("gangyao.toml")["outline"] for a in o["area"]]


_SCAN_PATTERNS = [re.compile(p) for p in (r"a(b|bc)?d?", r"x{1,3}y", r"(ab|a)(c|bc)", r"a|ab|abc", r"b?a", r"a.b")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("abcdxy复议调解裁量权基准行政执法规范性文件纠纷化解矛盾多元，。")), max_size=60).map("".join),
       st.integers(min_value=0, max_value=70), st.integers(min_value=0, max_value=70))
def test_literal_scan_matches_the_engine(text: str, pos: int, endpos: int) -> None:
    """One pass over the text finds, per pattern, exactly the matches of its own finditer: where
    words overlap (ab, abc), where a word begins inside the last match, within pos and endpos."""
    pats = _SCAN_PATTERNS + _gangyao_keywords()
    for pat, spans in zip(pats, LiteralScan(pats).spans(text, pos, endpos)):
        if literal_language(pat) is None:
            assert spans is None, pat.pattern
        else:
            assert spans == [m.span() for m in pat.finditer(text, pos, endpos)], pat.pattern


def _stock_phrases() -> re.Pattern[str]:
    stock = sorted(load_data("textchecks.toml")["generic"]["stock"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, stock)))


def test_literal_scan_on_the_examples() -> None:
    pats = _gangyao_keywords() + [_stock_phrases()]
    assert sum(literal_language(p) is not None for p in pats) > 20
    assert literal_language(pats[-1]) is not None  # the stock phrases are one list of words
    scan = LiteralScan(pats)
    for p in sorted((ROOT / "examples").glob("*.txt")):
        t = normalize(decode(p.read_bytes())[0])
        for pat, spans in zip(pats, scan.spans(t, 10, len(t) - 10)):
            if spans is not None:
                assert spans == [m.span() for m in pat.finditer(t, 10, len(t) - 10)], pat.pattern


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("|｜[]•-*· \t发布机构索引号:：某县司法局2022")), max_size=40).map("".join))
def test_cells_read_as_the_alternation_reads_them(line: str) -> None:
    """A furniture line looked at for its marks first (page._uncelled) reads as the pattern's
    own substitution reads it, bullet at the start and marks anywhere."""
    from fazhi.understand.page import _CELLS, _uncelled

    assert _uncelled(line) == _CELLS.sub(lambda m: " " * len(m.group(0)), line)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("。!?\n共受理案件3件，其中") + ["x" * 300]), min_size=1, max_size=40).map("".join),
       st.integers(min_value=0, max_value=5000))
def test_statement_bounds_read_off_the_statement_ends(text: str, pos: int) -> None:
    """The statement around a figure, read off the text's statement ends, is the one a search
    back (at most 2 * MAX_SPAN) and forth (the same) for a statement end finds."""
    from fazhi.checks.arithmetic import _STATEMENT_END, _STATEMENT_END_RE, _statement_bounds
    from fazhi.understand.figures import MAX_SPAN, span_start

    pos = pos % len(text)
    m = _STATEMENT_END_RE.search(text, pos, pos + 2 * MAX_SPAN)
    want = (span_start(text, pos, _STATEMENT_END, limit=2 * MAX_SPAN),
            m.start() if m else min(len(text), pos + 2 * MAX_SPAN))
    assert _statement_bounds(text, pos) == want
