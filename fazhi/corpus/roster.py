"""The list of units that must report, and who has: the table a 依法治县办 needs for its 通报.

A reviewer loads the units of a county (its townships and departments) or of a province
from a CSV or XLSX file (unit, level, parent, optional URL of its report column, optional
aliases). `status(year)` then says, for each unit, whether its report of that year is in
the corpus, and if so whether it was published before 1 April of the next year (规定
第二十四条; published on 1 April is late by one day), has no publication date
(unpublished), is not a rule-of-law report at all, and which required contents it lacks.

Matching a unit to reports is by name, after normalisation (spaces, full-width letters,
人民政府, 街道办事处 vs 街道; fazhi.corpus.units), and for departments through the department
lexicon (fazhi/data/departments.toml via fazhi.understand.departments): 市场监管局 under
三台县 is 三台县市场监督管理局, 县人社局 is the county's 人力资源和社会保障局, with the place
taken from the unit's parent when its name drops it. A department's report (永清县司法局) is
matched by its department or issuer name only, never by the county it belongs to, so it
never counts as the county government's report. When two units of the list match one
report (two 桃林镇 under different counties), the unit's parent decides; if it cannot, the
match is reported as ambiguous rather than guessed.
"""
from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from ..data.labels import CONTENT_ZH, DOC_TYPE_ZH, REPORT_STATUS_NOTE_ZH, REPORT_STATUS_ZH
from ..record import CONTENT_KEYS
from ..understand.departments import parse_unit, same_unit
from .dedup import corpus_settings
from .units import name_variants, norm_name

# accepted column headers (case-insensitive) for each field of the list
HEADERS = {
    "name": ("单位", "单位名称", "名称", "报告单位", "unit", "name"),
    "level": ("层级", "级别", "类型", "单位类型", "level"),
    "parent": ("上级", "上级单位", "所属", "所属地区", "parent"),
    "url": ("网址", "报告栏目", "栏目网址", "链接", "url"),
    "aliases": ("别名", "又名", "曾用名", "aliases"),
}
STATUS_ZH = REPORT_STATUS_ZH
LEVEL_CHARS = "省市县区旗镇乡"


class RegistryError(ValueError):
    """The list of units cannot be read; the message says why, in Chinese."""



def _parent_of(r: dict[str, Any]) -> str | None:
    """The division right above a report's unit, as a list's 上级 column names it: a department's
    own place (华容县 for 华容县司法局), a township's county, a county's city, a city's province;
    never the unit itself (a city's `city` field is the city)."""
    if r.get("level") == "department" and r.get("jurisdiction"):
        return r["jurisdiction"]
    return next((p for p in (r.get("county"), r.get("city"), r.get("province"))
                 if p and p != r.get("jurisdiction")), None)

def _read_rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        rows = [["" if v is None else str(v).strip() for v in row] for row in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    if suffix in (".csv", ".txt", ".tsv"):
        raw = path.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise RegistryError(f"单位名单 {path.name} 的编码无法识别（请保存为 UTF-8 或 GBK 编码的 CSV）")
        delim = "\t" if suffix == ".tsv" or (text.count("\t") > text.count(",")) else ","
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delim)]
    raise RegistryError(f"单位名单只支持 CSV 或 XLSX 文件，不支持“{path.suffix or path.name}”")


def read_registry(path: "str | os.PathLike[str]") -> list[dict[str, Any]]:
    """The units of a list file as dicts (name, level, parent, url, aliases)."""
    p = Path(path)
    if not p.is_file():
        raise RegistryError(f"单位名单文件不存在：{p}")
    rows = [r for r in _read_rows(p) if any(c for c in r)]
    if not rows:
        raise RegistryError(f"单位名单 {p.name} 是空的")
    header = [c.strip().lower() for c in rows[0]]
    cols: dict[str, int] = {}
    for field, names in HEADERS.items():
        for i, h in enumerate(header):
            if h in {n.lower() for n in names}:
                cols.setdefault(field, i)
    if "name" not in cols:
        raise RegistryError(f"单位名单 {p.name} 的第一行应为表头，且须有“单位”或“单位名称”列；读到的表头是："
                            + "、".join(c for c in rows[0] if c))
    units = []
    for r in rows[1:]:
        def get(field: str) -> str | None:
            i = cols.get(field)
            v = r[i].strip() if i is not None and i < len(r) else ""
            return v or None

        name = get("name")
        if not name:
            continue
        aliases = [a.strip() for a in (get("aliases") or "").replace("；", ";").replace("、", ";").split(";") if a.strip()]
        units.append({"name": name, "level": get("level"), "parent": get("parent"), "url": get("url"),
                      "aliases": aliases})
    if not units:
        raise RegistryError(f"单位名单 {p.name} 中没有单位")
    return units


def load_registry(corpus, path: "str | os.PathLike[str]") -> int:
    """Replace the corpus's list of units with the one in this file; returns how many units."""
    units = read_registry(path)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con = corpus.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM units")
        for i, u in enumerate(units, 1):
            con.execute("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [i, u["name"], u["level"], u["parent"], u["url"], u["aliases"], Path(path).name, now])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(units)


def deadline(year: int) -> date:
    """The publication deadline of a report year: published *before* this day is on time."""
    s = corpus_settings()["status"]
    return date(year + 1, int(s["deadline_month"]), int(s["deadline_day"]))


def _unit_names(u: dict[str, Any]) -> set[str]:
    """Every normalised name a unit of the list may appear under in a report."""
    names: set[str] = set()
    for n in [u["name"], *(u.get("aliases") or [])]:
        names |= name_variants(n)
    parent = u.get("parent")
    if parent:
        pn = norm_name(parent)
        n = norm_name(u["name"])
        if n and pn and not n.startswith(pn):
            if n[0] in LEVEL_CHARS and pn.endswith(n[0]):
                names.add(pn + n[1:])  # 县司法局 under 永清县 -> 永清县司法局
            else:
                names.add(pn + n)  # 司法局 under 永清县 -> 永清县司法局
    return {n for n in names if n}


def _qualified(name: str, parent: str | None) -> str:
    """A unit's name with its place: the parent's name put in front when the name gives none
    (县司法局 under 永清县 -> 永清县司法局, 司法局 under 永清县 -> 永清县司法局)."""
    n, pn = norm_name(name), norm_name(parent)
    if not pn or not n or n.startswith(pn) or parse_unit(n).place:
        return n
    if n[0] in LEVEL_CHARS and pn.endswith(n[0]):
        return pn + n[1:]
    return pn + n


def _department_hits(units: list[dict[str, Any]], reports: list[dict[str, Any]]) -> dict[int, set[int]]:
    """Report index -> units of the list that are the same department by the lexicon.

    Only department reports and department units take part; candidates are paired by the
    lexicon's department key first, so the cost stays linear in the list and the reports.
    A unit whose name and parent give no place matches its department of any place.
    """
    by_key: dict[str, list[tuple[int, str]]] = {}
    for ri, r in enumerate(reports):
        if not (r.get("department") or r.get("level") == "department"):
            continue
        # units issuing together (某县政府办、某县司法局) each answer for the report
        for name in [r.get("department"), *(r.get("issuer") or "").split("、")]:
            if not name:
                continue
            unit = parse_unit(name)
            if unit.is_department and not unit.place and r.get("jurisdiction"):
                name = norm_name(r["jurisdiction"]) + norm_name(name)  # 市场监督管理局 of 三台县
                unit = parse_unit(name)
            if unit.is_department:
                by_key.setdefault(unit.key, []).append((ri, name))
    hits: dict[int, set[int]] = {}
    for ui, u in enumerate(units):
        for name in [u["name"], *(u.get("aliases") or [])]:
            q = _qualified(name, u.get("parent"))
            unit = parse_unit(q)
            if not unit.is_department:
                continue
            for ri, rname in by_key.get(unit.key, ()):
                if same_unit(q, rname, require_place=bool(unit.place or unit.level_word)):
                    hits.setdefault(ri, set()).add(ui)
    return hits


def _report_names(r: dict[str, Any]) -> set[str]:
    """The names a report answers to: a department's report only to its own names."""
    if r.get("department") or r.get("level") == "department":
        fields = ("department", "issuer")
    else:
        fields = ("jurisdiction", "issuer", "unit_name")
    names = {norm_name(r.get(f)) for f in fields if r.get(f)}
    if r.get("issuer") and "、" in r["issuer"]:  # units issuing together each answer for the report
        names.update(norm_name(n) for n in r["issuer"].split("、"))
    if r.get("county") and r.get("jurisdiction") and not r.get("department"):
        names.add(norm_name(r["county"]) + norm_name(r["jurisdiction"]))  # 习水县桃林镇
    return {n for n in names if n}


def _co_issuers_each(units: list[dict[str, Any]], r: dict[str, Any], hits: list[int],
                     unit_names: list[set[str]]) -> bool:
    """Whether a report its units issued together (某县政府办、某县司法局) matched each listed
    unit through a different one of them: then it answers for each, and is not ambiguous."""
    parts = [p for p in (r.get("issuer") or "").split("、") if p]
    if len(parts) < 2 or len(hits) > len(parts):
        return False
    used: set[int] = set()
    for ui in hits:
        q = [_qualified(n, units[ui].get("parent")) for n in unit_names[ui]]
        own = {i for i, p in enumerate(parts) if norm_name(p) in unit_names[ui] or any(same_unit(x, p) for x in q)}
        if len(own) != 1 or own & used:
            return False
        used |= own
    return True


def _parent_ok(u: dict[str, Any], r: dict[str, Any]) -> bool:
    parent = norm_name(u.get("parent"))
    if not parent:
        return False
    places = {norm_name(r.get(k)) for k in ("county", "city", "province", "jurisdiction")}
    return parent in places


def _pick(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The report that stands for a unit when the corpus holds several (a page and its PDF)."""
    def key(r):
        pub = r.get("published")
        return (r.get("doc_type") != "report", pub is None, pub or date.max, len(r.get("missing_contents") or []),
                r["sha256"])
    return sorted(reports, key=key)[0]


UNPLACED_NOTE = "报告未写明所属地区，按单位名称与名单对应，待核实"


def unplaced(r: dict[str, Any]) -> bool:
    """A report that names no division its unit belongs to (湖滨街道办事处, a name six places share):
    matched to a unit of the list by its name alone."""
    return not any(isinstance(r.get(k), str) and r.get(k) for k in ("province", "city", "county"))


def _disputed_note(r: dict[str, Any]) -> str | None:
    """The note on a report whose title and lead-in name different years."""
    if r.get("disputed") is None or r.get("report_year") is None:
        return None
    return f"报告年度存疑：标题写{r['report_year']}年度，正文开头写{r['disputed']}年，按两者中较晚的年度计算公开时限"


def status_of(r: dict[str, Any], year: int) -> tuple[str, int | None]:
    """(status code, days late) of one report of `year`: the rule the status table and the web's
    report list share."""
    if r.get("doc_type") != "report":
        return "invalid", None
    pub = r.get("published")
    if pub is None or r.get("found_on"):
        # a copy found on another site dates the copy: when the unit published is not known
        return "unpublished", None
    if r.get("disputed") is not None and r.get("report_year") is not None:
        year = max(r["report_year"], r["disputed"])  # late only when late whichever year it reports on
    dl = deadline(year)
    if pub >= dl:
        return "late", (pub - dl).days + 1
    return "on_time", None


def status(corpus, year: int, registry: "str | os.PathLike[str] | None" = None, today: date | None = None) -> pd.DataFrame:
    """For each unit of the list, its report of `year`: received, on time or late by how many
    days, unpublished, missing, not a valid report, and which required contents it lacks.

    Reports of the year that match no unit of the list follow as `unlisted` rows, so nothing
    the corpus holds is hidden from the reviewer.
    """

    if registry is not None:
        load_registry(corpus, registry)
    units = [dict(zip(("unit_id", "name", "level", "parent", "url", "aliases"), row)) for row in corpus.con.execute(
        "SELECT unit_id, name, level, parent, url, aliases FROM units ORDER BY unit_id").fetchall()]
    if not units:
        raise RegistryError("语料库中还没有单位名单：请用 --registry 指定单位名单（CSV 或 XLSX）")
    cols = ("sha256", "source", "title", "unit_name", "jurisdiction", "department", "issuer", "level", "county", "city",
            "province", "doc_type", "published", "missing_contents", "n_errors", "n_warnings", "report_year", "disputed",
            "found_on")
    # a report whose title states one year and whose lead-in another (report_year's conflict finding,
    # data.found) is the report of either: it is listed under both, with a note, and its deadline is the
    # later one (not 未报送 under the year its title misstates, not 逾期 by a year its lead-in denies)
    reports = [dict(zip(cols, row)) for row in corpus.con.execute("""
        WITH disputed AS (
          SELECT doc_id, max(TRY_CAST(json_extract_string(data, '$.found') AS INTEGER)) AS found FROM findings
          WHERE "check" = 'report_year' AND json_extract_string(data, '$.found') IS NOT NULL GROUP BY doc_id)
        SELECT r.sha256, d.source, r.title, r.unit_name, r.jurisdiction, r.department, r.issuer, r.level, r.county,
               r.city, r.province, r.doc_type, r.published, r.missing_contents, r.n_errors, r.n_warnings,
               r.report_year, x.found, r.found_on
        FROM records r JOIN documents d USING (doc_id) LEFT JOIN disputed x USING (doc_id)
        WHERE r.report_year = ? OR x.found = ? ORDER BY r.sha256""", [year, year]).fetchall()]
    unit_names = [_unit_names(u) for u in units]
    lexicon_hits = _department_hits(units, reports)
    matches: dict[int, list[int]] = {i: [] for i in range(len(units))}  # unit index -> report indexes
    ambiguous: dict[int, list[str]] = {}
    matched_reports: set[int] = set()
    for ri, r in enumerate(reports):
        rn = _report_names(r)
        hits = sorted({ui for ui, names in enumerate(unit_names) if names & rn} | lexicon_hits.get(ri, set()))
        if len(hits) > 1 and not _co_issuers_each(units, r, hits, unit_names):
            by_parent = [ui for ui in hits if _parent_ok(units[ui], r)]
            if len(by_parent) == 1:
                hits = by_parent
            else:
                for ui in hits:
                    others = "、".join(units[o]["name"] + (f"（{units[o]['parent']}）" if units[o].get("parent") else "")
                                      for o in hits if o != ui)
                    ambiguous.setdefault(ui, []).append(f"报告“{r.get('title') or r['source']}”同时与{others}匹配")
                matched_reports.add(ri)
                continue
        for ui in hits:
            matches[ui].append(ri)
            matched_reports.add(ri)
    today = today or date.today()
    dl = deadline(year)
    rows = []
    for ui, u in enumerate(units):
        found = [reports[i] for i in matches[ui]]
        notes = list(ambiguous.get(ui, []))
        base = {"unit": u["name"], "level": u.get("level"), "parent": u.get("parent"), "url": u.get("url")}
        if not found:
            code = "ambiguous" if ui in ambiguous else "missing"
            if code == "missing" and today < dl:
                notes.append(f"截止日期（{dl.year}年{dl.month}月{dl.day}日前）未到")
            rows.append({**base, "status": code, "status_zh": STATUS_ZH[code], "days_late": None, "published": None,
                         "deficient": False, "missing_contents": "", "n_errors": None, "n_warnings": None,
                         "title": None, "sha256": None, "source": None, "note": "；".join(notes)})
            continue
        r = _pick(found)
        code, days = status_of(r, year)
        if len(found) > 1:
            notes.append(f"已收录该单位本年度的{len(found)}份文件，按最早公开的一份统计")
        if _disputed_note(r):
            notes.append(_disputed_note(r))
        if unplaced(r):
            notes.append(UNPLACED_NOTE)
        if r.get("found_on"):
            notes.append(REPORT_STATUS_NOTE_ZH["found_on"].format(host=r["found_on"]))
        missing = [CONTENT_ZH.get(k, k) for k in (r.get("missing_contents") or []) if k in CONTENT_KEYS] \
            if code != "invalid" else []
        zh = f"逾期{days}天公开" if code == "late" else STATUS_ZH[code]
        if code == "invalid":
            zh += f"（{DOC_TYPE_ZH.get(r.get('doc_type'), r.get('doc_type'))}）"
        rows.append({**base, "status": code, "status_zh": zh, "days_late": days, "published": r.get("published"),
                     "deficient": bool(missing), "missing_contents": "、".join(missing), "n_errors": r.get("n_errors"),
                     "n_warnings": r.get("n_warnings"), "title": r.get("title"), "sha256": r["sha256"],
                     "source": r.get("source"), "note": "；".join(notes)})
    for ri, r in enumerate(reports):
        if ri in matched_reports:
            continue
        code, days = status_of(r, year)
        rows.append({"unit": r.get("unit_name") or r.get("issuer") or "（未识别单位）", "level": r.get("level"),
                     "parent": _parent_of(r), "url": None, "status": "unlisted",
                     "status_zh": STATUS_ZH["unlisted"] + "：" + (f"逾期{days}天公开" if code == "late" else STATUS_ZH[code]),
                     "days_late": days, "published": r.get("published"), "deficient": False,
                     "missing_contents": "、".join(CONTENT_ZH.get(k, k) for k in (r.get("missing_contents") or [])),
                     "n_errors": r.get("n_errors"), "n_warnings": r.get("n_warnings"), "title": r.get("title"),
                     "sha256": r["sha256"], "source": r.get("source"),
                     "note": "；".join(x for x in ("该报告的单位不在单位名单中", _disputed_note(r)) if x)})
    df = pd.DataFrame(rows, columns=["unit", "level", "parent", "url", "status", "status_zh", "days_late", "published",
                                     "deficient", "missing_contents", "n_errors", "n_warnings", "title", "sha256",
                                     "source", "note"])
    return df.astype({"days_late": "Int64", "n_errors": "Int64", "n_warnings": "Int64"})
