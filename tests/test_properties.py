"""Property tests: the parsers never crash and never point outside the text."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi
from fazhi.understand import outline
from fazhi.understand.dates import find_dates
from fazhi.understand.normalize import normalize
from fazhi.understand.numerals import parse_cn

# text drawn from the characters reports are made of, so the analysers get exercised
REPORT_CHARS = list("一二三四五六七八九十百千万亿零两是、，。；：（）()“”《》—%％0123456789．.年月日件项人次率共其中办结受理复议诉讼调解县镇区市省局我全第批达约余近"
                    "法治政府建设报告存在问题不足原因下一步打算第一责任人主要负责人 \n\r\t\u3000\u00a0")
report_text = st.text(alphabet=st.sampled_from(REPORT_CHARS), max_size=600)


def _spans_ok(r: fazhi.Report) -> None:
    n = len(r.text)
    for s in r.sections:
        assert 0 <= s.start <= s.end <= n
    for f in r.figures:
        assert 0 <= f.start < f.end <= n
    for f in r.findings:
        if f.start is not None:
            assert 0 <= f.start <= f.end <= n
    for c in r.required_contents.values():
        if c.start is not None:
            assert 0 <= c.start <= c.end <= n


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_analyze_never_crashes_and_spans_stay_in_text(text: str) -> None:
    r = fazhi.analyze_text(text)
    _spans_ok(r)
    assert not [f for f in r.findings if f.data.get("internal_error")]
    r.to_dict(include_text=True)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_analyze_any_unicode(text: str) -> None:
    r = fazhi.analyze_text(text)
    _spans_ok(r)
    assert not [f for f in r.findings if f.data.get("internal_error")]


@given(st.text(max_size=300))
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


_D = "零一二三四五六七八九"


def to_cn(n: int) -> str:
    """Write an integer in Chinese numerals the way reports do (independent of the parser)."""
    if n == 0:
        return "零"

    def below_10000(x: int, leading: bool) -> str:
        out = ""
        zero = False
        for unit, ch in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += ("" if (d == 1 and unit == 10 and not out and leading) else _D[d]) + ch
        return out

    parts = []
    for unit, ch in ((100_000_000, "亿"), (10_000, "万"), (1, "")):
        chunk = n // unit % 10_000 if unit < 100_000_000 else n // unit
        if chunk:
            s = below_10000(chunk, leading=not parts)
            if parts and chunk < 1000:
                s = "零" + s
            parts.append(s + ch)
    return "".join(parts)


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_cn(to_cn(n)) == n, to_cn(n)


@given(st.text(alphabet=st.sampled_from(list("零〇一二两三四五六七八九十百千万亿点")), max_size=12))
def test_chinese_numeral_parser_total(s: str) -> None:
    v = parse_cn(s)
    assert v is None or v >= 0


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}年{m}月{d}日", "{y} 年 {m} 月 {d} 日", "{y}.{m:02d}.{d:02d}"]))
def test_dates_parse_in_every_format(d: date, fmt: str) -> None:
    s = "成文日期：" + fmt.format(y=d.year, m=d.month, d=d.day) + "。"
    assert [x[0] for x in find_dates(s)] == [d]


numerals = st.sampled_from(["一、", "二、", "三、", "(一)", "(二)", "(三)", "1.", "2.", "(1)", "①", "一是", "二是", ""])


@given(st.lists(st.tuples(numerals, st.text(alphabet=st.sampled_from(REPORT_CHARS), min_size=1, max_size=40)), max_size=30))
def test_outline_parser_total_and_ordered(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(n + t for n, t in lines)
    sections, enums = outline.parse(text, 0, len(text))
    starts = [s.start for s in sections]
    assert starts == sorted(starts)
    for s in sections:
        assert s.level >= 1 and 0 <= s.title_start <= s.title_end <= len(text) and s.start <= s.end <= len(text)
    for e in enums:
        assert text[e["start"]:e["end"]].endswith("是")
