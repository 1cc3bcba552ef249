"""The human format of `fazhi analyze`: a Chinese summary per report, findings grouped by
severity with the quoted evidence and its line number."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from ..data.labels import CONTENT_ZH, LEVEL_ZH, SEVERITY_ZH
from ..export.addressing import incomplete, inferred, phrase, place_of
from ..record import Report
from ..understand.completeness import inferred_fields

_SEVERITY_COLOR = (("error", "red"), ("warning", "yellow"), ("info", "cyan"))


_QUOTE_MAX = 160


def _line_quote(report: Report, start: int | None, end: int | None) -> str:
    if start is None or end is None:
        return ""
    """The evidence with up to 20 characters of its line around it; a long span (a whole
    section) is shortened in the middle, and a span ending at a line break stops there."""
    text = report.text
    while end > start and text[end - 1] in "\r\n \u3000\t":
        end -= 1
    a = max(text.rfind("\n", 0, start) + 1, start - 20)
    b = text.find("\n", end)
    b = min(b if b >= 0 else len(text), end + 20)
    q = text[a:b].strip()
    if len(q) > _QUOTE_MAX:
        q = q[:_QUOTE_MAX * 2 // 3] + " …… " + q[-_QUOTE_MAX // 3:]
    return q


def render_report(out: Console, report: Report) -> None:
    md = report.metadata
    out.rule(f"[bold]{escape(report.document.source)}[/]")
    if report.document.error:
        out.print(f"[red]无法读取：{escape(report.document.error)}[/]")
        return
    place = place_of(md.province, md.city, md.county, md.jurisdiction, md.level)
    out.print(f"标题：{escape(md.title or '（无标题）')}")
    who = md.issuer or md.jurisdiction or "（未能确定）"
    unit_guess, year_guess = inferred(inferred_fields(md.to_dict()), md.level, bool(md.department),
                                      bool(md.jurisdiction))
    guess = phrase("inferred_mark")
    out.print(f"发布单位：{escape(who)}" + (guess if unit_guess and (md.issuer or md.jurisdiction) else "")
              + (f"　层级：{LEVEL_ZH.get(md.level or '', md.level or '未知')}" if md.level else "")
              + (f"　所在地：{escape(place)}" if place else "")
              + (f"　区划代码：{md.division_code}" if md.division_code else ""))
    out.print(f"报告年度：{md.report_year or '未知'}{guess if year_guess and md.report_year else ''}　公开日期：{md.published or '未找到'}　成文日期：{md.signed or '未找到'}")
    if md.found_on:  # a copy: its page's date is the copy's, not the unit's publication date
        out.print(f"[yellow]{escape(phrase('cli_found_on', host=md.found_on))}[/]")
    cut_off = incomplete(report.truncation)
    if cut_off:
        out.print(f"[yellow]文本可能不完整：{escape(cut_off)}[/]")
    if md.doc_type == "report":
        items = "　".join(("✓" if c.present else "✗") + CONTENT_ZH[k] for k, c in report.required_contents.items())
        out.print(f"规定内容：{items}")
        tops = [s for s in report.sections if s.level == 1]
        if tops:
            out.print("一级标题：" + "；".join(escape((s.numeral or "") + s.title) for s in tops))
        known = sum(1 for f in report.figures if f.indicator)
        out.print(f"数据：共提取 {len(report.figures)} 项，其中 {known} 项归入指标")
    if report.score.get("total") is not None:
        sc = report.score
        rb = sc.get("rubric") or {}
        dims = "　".join(f"{p['name']} {p['score']:g}/{p['max']:g}" for p in sc.get("parts", {}).values())
        out.print(f"评分：{sc['total']}" + (f"/{sc['max']:g}" if sc.get("max") is not None else "")
                  + (f"（{escape(rb['name'])} {escape(rb['version'])}）" if rb else "") + (f"　{escape(dims)}" if dims else ""))
    if report.coverage.get("summary"):
        out.print(f"纲要覆盖：{escape(report.coverage['summary'])}")
    if not report.findings:
        out.print("[green]未发现问题。[/]")
        return
    for sev, color in _SEVERITY_COLOR:
        zh = SEVERITY_ZH[sev]
        group = [f for f in report.findings if f.severity == sev]
        if not group:
            continue
        out.print(f"[bold {color}]{zh}（{len(group)}）[/]")
        for f in group:
            line = report.line_of(f.start)
            where = f"第{line}行 " if line else ""
            out.print(f"  [{color}]{where}{escape('[' + f.check + ']')}[/] {escape(f.message)}")
            q = _line_quote(report, f.start, f.end)
            if q:
                q = "\n".join(ln.strip() for ln in q.splitlines())
                out.print(f"      [dim]原文：{escape(q)}[/]".replace("\n", "\n" + " " * 11))


def wrapping_table(*headers: str, title: str | None = None, keep_whole: tuple[str, ...] = ()):
    """A rich table whose cells wrap inside their column instead of being cut with "…".

    Chinese text has no spaces to wrap at, so rich's default (wrap at spaces, then an
    ellipsis) loses most of a description in an 80-column terminal or a pipe; `fold` breaks
    a cell at any character. Columns named in `keep_whole` (identifiers a user copies) are
    never broken.
    """
    from rich.table import Table

    t = Table(title=title)
    for h in headers:
        if h in keep_whole:
            t.add_column(h, no_wrap=True, overflow="fold", min_width=len(h))
        else:
            t.add_column(h, overflow="fold")
    return t
