"""Chinese numerals as reports write them: 五, 十二, 一百二十五, 两千零二十三, 三点五, 百分之八十七点二.

We parse them ourselves rather than through cn2an: its sentence mode turns 两三个 into
23 and fails on 三点五万 and 百分之八十七点二 (../shared/dependencies.md), and the grammar a
report uses is small. `parse_cn` returns None for anything that is not a well-formed
numeral, so a caller can leave doubtful tokens alone.
"""
from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
          "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUM_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def _parse_section(s: str) -> int | None:
    """Below 万: 一百二十五, 十二, 两千零二十三, and colloquial 三千五 (3500) and 三百五 (350)."""
    total = 0
    digit: int | None = None
    last_unit = 10_000
    prev = ""
    for ch in s:
        if ch in DIGITS:
            if digit is not None:
                return None  # two digits in a row (二三) is a list or a code, not a number
            digit = DIGITS[ch]
            if digit == 0:
                digit = None
                if prev in DIGITS:
                    return None
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit or prev in ("零", "〇", "○"):
                return None
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        else:
            return None
        prev = ch
    if digit is not None:
        total += digit * (last_unit // 10) if prev in DIGITS and len(s) >= 2 and s[-2] in ("百", "千", "佰", "仟") else digit
    return total


def parse_cn_int(s: str) -> int | None:
    """An integer written in Chinese numerals, or None for anything doubtful."""
    if not s or any(ch not in CN_NUM_CHARS for ch in s):
        return None
    total = 0
    rest = s
    for big_char, big in (("亿", 100_000_000), ("万", 10_000)):
        if big_char in rest:
            head, _, rest = rest.partition(big_char)
            if big_char in rest:
                return None
            h = _parse_section(head) if head else 1
            if h is None:
                return None
            total += h * big
            if rest and rest[0] in DIGITS and len(rest) == 1 and head:
                # 两万三 -> 23000 (colloquial)
                return total + DIGITS[rest[0]] * (big // 10)
    tail = _parse_section(rest) if rest else 0
    if tail is None:
        return None
    return total + tail


def parse_cn(s: str) -> float | None:
    """A Chinese numeral with an optional 点 decimal part (三点五 = 3.5), or None."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_cn_int(whole) if whole else 0
        if w is None or not frac or any(ch not in DIGITS for ch in frac):
            return None
        return float(f"{w}.{''.join(str(DIGITS[ch]) for ch in frac)}")
    v = parse_cn_int(s)
    return None if v is None else float(v)


def format_cn_int(n: int) -> str:
    """A heading numeral in Chinese (1 → 一, 12 → 十二, 25 → 二十五, 0 → 零): the inverse of
    parse_cn_int on the range outlines and numbered lists use; outside 0–99 the Arabic digits."""
    digits = "零一二三四五六七八九"
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")
