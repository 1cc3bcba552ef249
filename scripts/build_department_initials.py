"""Build fazhi/data/department_initials.tsv.gz: the pinyin initials of every written form of
every department in fazhi/data/departments.toml (司法局 -> sfj, 卫健委 -> wjw, 市场监管局 ->
scjgj), so that a department's own site (sfj.suining.gov.cn, …/qsfj/…) can name the
department of a report that never writes its own name; initials that stay ambiguous go to
the short table with every reading.

The pinyin is computed once here, with pypinyin (a build-time tool only: fazhi reads the
generated table and needs no pinyin library at run time). Where two departments share
initials, a full name beats short forms (jyj: 教育局, not 交运局 for 交通运输局); initials
shared otherwise name neither alone, and are listed with all their readings in the short table.

Usage:  pip install pypinyin && python scripts/build_department_initials.py

Output columns (tab-separated, UTF-8, gzip): initials, canonical full name; in the short
table initials may have several rows, one for each department they can name.
"""
from __future__ import annotations

import gzip
from pathlib import Path

from pypinyin import lazy_pinyin

from fazhi.understand.departments import lexicon

OUT = Path(__file__).resolve().parent.parent / "fazhi" / "data" / "department_initials.tsv.gz"
# Two-letter initials of two-character short names (教委 -> jw, 建委 -> jw too): kept apart,
# every reading listed, for a site's address to be read only where the report's own words
# settle which department it is (…/qjw/… with 区委教育工委, 全区教育系统: the 教委).
OUT_SHORT = OUT.with_name("department_initials_short.tsv.gz")


def main() -> None:
    lex = lexicon()
    found: dict[str, set[str]] = {}
    full: dict[str, set[str]] = {}
    for form, (canonical, key) in lex.forms.items():
        if key in lex.former:
            continue
        initials = "".join(p[0] for p in lazy_pinyin(form) if p and p[0].isalpha())
        stem0 = key.split("#")[0]
        if not canonical.startswith(stem0) and canonical not in lex.short_of_names:
            # an older official name (交通厅): sites today are the current department's (交通运输厅)
            for suffix in lex.generic:
                if canonical.endswith(suffix) and lex.forms.get(stem0 + suffix, ("", ""))[1] == key:
                    canonical = stem0 + suffix
                    break
        if len(initials) >= 3 and len(initials) == len(form):
            found.setdefault(initials, set()).add(canonical)
            if form == canonical:
                full.setdefault(initials, set()).add(canonical)
    short_rows = {f"{ini}\t{canonical}" for form, (canonical, key) in lex.forms.items()
                  if key not in lex.former and len(form) == 2
                  and len(ini := "".join(p[0] for p in lazy_pinyin(form) if p and p[0].isalpha())) == 2}
    rows = []
    for ini, names in sorted(found.items()):
        if len(names) > 1 and len(full.get(ini, ())) == 1:
            names = full[ini]
        if len(names) == 1:
            rows.append(f"{ini}\t{next(iter(names))}")
        else:
            # longer initials that name several departments (swj: 商务局, 水务局) are read like
            # the two-letter ones: every reading kept, the report's words to choose
            short_rows.update(f"{ini}\t{n}" for n in names)
    OUT_SHORT.write_bytes(gzip.compress(("\n".join(sorted(short_rows)) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(short_rows)} ambiguous readings -> {OUT_SHORT}")
    OUT.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(rows)} initials -> {OUT}")


if __name__ == "__main__":
    main()
