"""Build fazhi/data/division_pinyin.tsv.gz: the pinyin of every province, city and county's
short name (十堰市 -> shiyan) and the initials of every township's name, so that a site's host (gtzy.shiyan.gov.cn) can name the place
of a report whose department is written without it (市自然资源和规划局).

The pinyin is computed once here, with pypinyin (a build-time tool only: fazhi reads the
generated table and needs no pinyin library at run time).

Usage:  pip install pypinyin && python scripts/build_division_pinyin.py

Output columns (tab-separated, UTF-8, gzip): code (12 digits), pinyin of the short name
without tones or separators, pinyin of the full name, the initials of the short name and
of the full name (九龙坡区 -> jlp, jlpq: sites abbreviate a place to its initials, as in
cqjlp.gov.cn or a path segment /yxq/ under the city's own site).
"""
from __future__ import annotations

import gzip
from itertools import product
from pathlib import Path

from pypinyin import lazy_pinyin

from fazhi.understand.divisions import _AUTONOMOUS, divisions, short_name

OUT = Path(__file__).resolve().parent.parent / "fazhi" / "data" / "division_pinyin.tsv.gz"

# Characters that place names read otherwise than pypinyin's everyday reading (长治 changzhi,
# not zhangzhi; 单县 shanxian; 洪洞 hongtong; 涡阳 guoyang; 朝阳 chaoyang; 六安 lu'an): every
# reading a place name may take is spelled, so the site's address (changwu.gov.cn) is found
# whichever one its name uses (长子县 keeps zhang).
PLACE_READINGS = {
    "长": ("chang", "zhang"), "朝": ("chao", "zhao"), "单": ("shan", "dan"), "洞": ("tong", "dong"),
    "涡": ("guo", "wo"), "六": ("lu", "liu"), "乐": ("le", "yue", "lao"), "蔚": ("yu", "wei"),
    "尉": ("yu", "wei"), "莘": ("shen", "xin"), "番": ("pan", "fan"), "厦": ("xia", "sha"),
    "重": ("chong", "zhong"), "阿": ("e", "a"), "铅": ("yan", "qian"), "会": ("hui", "kuai"),
}


def spellings(name: str) -> list[list[str]]:
    """The syllables of name, once for each reading its polyphonic characters may take in a
    place name (pypinyin's own reading first)."""
    base = lazy_pinyin(name)
    if len(base) != len(name):
        return [base]
    options = [dict.fromkeys((b,) + PLACE_READINGS.get(ch, ())) for ch, b in zip(name, base)]
    return [list(v) for v in product(*options)][:8]


def main() -> None:
    rows = []
    for d in sorted(divisions().by_code.values(), key=lambda d: d.code):
        if d.former:
            continue
        if d.kind == "township":
            # townships only by the initials of their full name (邻鄂镇 -> lez), which county
            # sites use as path segments for their towns' pages
            ini = "".join(p[0] for p in lazy_pinyin(d.name))
            rows.append("\t".join((d.code, "", "", "", ini)))
            continue
        short = short_name(d.name)
        # an autonomous county's site spells it without the peoples (石柱县: szx, not sztjzzzx)
        m = _AUTONOMOUS.match(d.name)
        full = m.group(1) + m.group(3)[-1] if m else d.name
        for ps, pf in zip(spellings(short), spellings(full)):
            rows.append("\t".join((d.code, "".join(ps), "".join(pf), "".join(p[0] for p in ps),
                                   "".join(p[0] for p in pf))))
    OUT.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(rows)} divisions -> {OUT}")


if __name__ == "__main__":
    main()
