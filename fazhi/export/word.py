"""The reviewer's hand-off in Word: one 审查意见 per report, and the batch 通报.

Laid out as a 公文 (GB/T 9704, in the form county offices use day to day): A4 with the
standard margins, the title in 小标宋 二号 centred, the 主送 line flush left, the body in
仿宋 三号 with a two-character first-line indent on a fixed 28-point line, level-one
headings in 黑体 and level-two in 楷体, the issuing body and the date right-aligned at the
end. Chinese fonts are set through w:rFonts w:eastAsia, which Word and WPS honour (the
plain font name only covers Latin text). Office machines without 方正小标宋 fall back to
their own serif; LibreOffice renders with Noto CJK.

What goes in is decided here, and nothing false may go out:
- findings a reviewer dismissed are left out; undecided ones are included unless
  `include_undecided=False`, so a reviewer can hand on only what they confirmed;
- an 审查意见 is written only for a document that is a report: a look-alike (a 政府信息公开
  工作年度报告, a 工作要点) in the corpus is not the unit's report and gets none;
- "未发现需要整改的问题" is said only of a report whose findings have all been decided or
  whose review is finished (fazhi/corpus/review.py `DONE`): with `include_undecided=False` a
  report still under review gets no opinion, and the writer says which, so the reviewer can
  finish them;
- the 落款 and 主送 are the office's own, given once and kept with the corpus
  (fazhi/corpus/settings.py); without a 落款 the line is left visibly blank to be signed by
  hand, never filled with a placeholder.
The footer carries the page number as GB/T 9704 asks: "— 1 —" in 4号 宋体, odd pages on
the right and even pages on the left, one character in from the edge.
"""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from ..checks.registry import groups as check_groups
from ..checks.registry import specs
from ..corpus import review
from ..corpus.review import NOTE_CHECK
from ..corpus.roster import unplaced
from ..data.labels import CONTENT_ZH
from ..understand.numerals import format_cn_int
from .addressing import Addressing, addressing, as_received, dated_checks, incomplete, notice_labels, phrase, truncation
from .frames import report_filters

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
LATIN_FONT = "Times New Roman"
PAGE_NUMBER_FONT = "宋体"
PAGE_NUMBER_SIZE = 14  # 4号
BLANK_SIGNATURE = "_" * 20  # a line to sign by hand when the office has not given its name


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class OfficialDocument:
    """A python-docx document with the 公文 page and paragraph helpers."""

    def __init__(self) -> None:
        from docx import Document
        from docx.shared import Cm

        self.doc = Document()
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
        sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
        sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
        normal = self.doc.styles["Normal"]
        self.set_font(normal.font, normal.element, BODY_FONT, 16)
        self._page_numbers(sec)

    def _page_numbers(self, sec) -> None:
        """"— N —" footers: odd pages right-aligned, even pages left-aligned, one character in (GB/T 9704 7.5)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        self.doc.settings.odd_and_even_pages_header_footer = True
        # the dash line of the number 7 mm below the body (3.5 cm bottom margin, a 4号 line ~ 0.5 cm)
        sec.footer_distance = Cm(2.3)
        for footer, align in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT), (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            p.alignment = align
            fmt = p.paragraph_format
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                fmt.right_indent = Pt(PAGE_NUMBER_SIZE)
            else:
                fmt.left_indent = Pt(PAGE_NUMBER_SIZE)
            self._page_field(p)

    def _page_field(self, p) -> None:
        """"— " PAGE " —" as runs, the number a field Word and WPS fill in on every page."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        def run(text: str | None = None, field: str | None = None, instr: str | None = None):
            r = p.add_run(text or "")
            self.set_font(r.font, r._element, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
            if field is not None:
                fc = OxmlElement("w:fldChar")
                fc.set(qn("w:fldCharType"), field)
                r._element.append(fc)
            if instr is not None:
                it = OxmlElement("w:instrText")
                it.set(qn("xml:space"), "preserve")
                it.text = instr
                r._element.append(it)
            return r

        run("— ")
        run(field="begin")
        run(instr=" PAGE ")
        run(field="separate")
        run("1")
        run(field="end")
        run(" —")

    @staticmethod
    def set_font(font, element, east_asia: str, size: float, bold: bool = False) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Pt

        font.name = LATIN_FONT
        font.size = Pt(size)
        font.bold = bold
        rpr = element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        rfonts.set(qn("w:eastAsia"), east_asia)
        rfonts.set(qn("w:ascii"), LATIN_FONT)
        rfonts.set(qn("w:hAnsi"), LATIN_FONT)

    def para(self, text: str, font: str = BODY_FONT, size: float = 16, align: str = "justify", indent: bool = True,
             bold: bool = False, space_after: float = 0, line: float = 28, highlight: "re.Pattern[str] | None" = None):
        """A paragraph in one style; the matches of `highlight` (a drafter's prompts) are marked yellow."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(space_after)
        if indent:
            fmt.first_line_indent = Pt(size * 2)
        fmt.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                         "left": WD_ALIGN_PARAGRAPH.LEFT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        pieces = [(text, False)]
        if highlight is not None:
            pieces, at = [], 0
            for m in highlight.finditer(text):
                pieces += [(text[at:m.start()], False), (m.group(), True)]
                at = m.end()
            pieces.append((text[at:], False))
        for piece, marked in pieces:
            if not piece:
                continue
            run = p.add_run(piece)
            self.set_font(run.font, run._element, font, size, bold)
            if marked:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return p

    def title(self, text: str) -> None:
        self.para(text, TITLE_FONT, 22, "center", indent=False, line=36, space_after=16)

    def salutation(self, text: str) -> None:
        self.para(text + "：", indent=False, align="left")

    def h1(self, text: str) -> None:
        self.para(text, H1_FONT)

    def h2(self, text: str) -> None:
        self.para(text, H2_FONT)

    def signature(self, issuer: str | None, when: date) -> None:
        """The 落款 and date; without the office's name a blank line to sign on, never a placeholder."""
        self.para("", indent=False)
        self.para(issuer or BLANK_SIGNATURE, indent=False, align="right")
        self.para(cn_date(when), indent=False, align="right")

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))
        return path


def _keep(row: dict[str, Any], include_undecided: bool) -> bool:
    d = row.get("decision")
    if isinstance(d, str):
        return d == "confirmed"
    return include_undecided


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _cn_dates(message: str) -> str:
    """A finding's ISO dates (报告于2024-04-02公开) as a 公文 writes them (2024年4月2日)."""
    return _ISO_DATE.sub(lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", message)


def _quote(q: Any, limit: int = 80) -> str:
    if not isinstance(q, str) or not q.strip():
        return ""
    q = " ".join(q.split())
    return q if len(q) <= limit else q[:limit] + "……"


def _group(check: str) -> str:
    """The check's group in checks.toml; a check not declared there (an old record's) goes with
    the text and format findings; the reviewers' own notes (批注) have a group of their own."""
    if check == NOTE_CHECK:
        return _NOTES
    spec = specs().get(check)
    return spec.group if spec else _REST


_REST = "文字和格式"
_NOTES = "审查中发现的其他问题"  # the reviewers' own notes (批注), after the machine's findings


def _serious(fs: pd.DataFrame) -> list[dict[str, Any]]:
    return [r for r in fs.to_dict("records") if r["severity"] in ("error", "warning")]


def _undecided(rows: list[dict[str, Any]]) -> int:
    return sum(1 for r in rows if not isinstance(r.get("decision"), str))


def _opinion(d: OfficialDocument, rep: dict[str, Any], rows: list[dict[str, Any]], issuer: str | None,
             when: date, about: Addressing, cut_off: str | None) -> None:
    """One 审查意见; `rows` are the findings that go in (already chosen by decision), `about` whom it
    addresses and what of that was inferred, `cut_off` how the text received may be incomplete."""
    year = rep.get("report_year")
    year_txt = f"{year}年度" if year else ""
    if about.unit:
        d.title(f"关于{about.unit}{year_txt}法治政府建设年度报告的审查意见")
        d.salutation(about.addressee or BLANK_SIGNATURE)  # a department not named: filled in by hand
    else:  # nobody to name: a blank to fill in by hand, never a made-up addressee
        d.title(phrase("unidentified_title", year=year_txt))
        d.salutation(BLANK_SIGNATURE)
    pub = rep.get("published")
    title = rep.get("title")
    what = phrase("opening_title", title=title) if title else phrase("opening_untitled", year=year_txt)
    if about.found_on:  # a copy on another site: where it was found, and its date as the page's
        seen = phrase("opening_found", host=about.found_on, what=what)
        pub_txt = phrase("opening_found_date", date=cn_date(pub)) if isinstance(pub, date) else ""
    else:
        seen = phrase("opening_received", what=what)
        pub_txt = phrase("opening_published", date=cn_date(pub)) if isinstance(pub, date) \
            else phrase("opening_unpublished")
    if not rows:
        d.para(f"经审查，{seen}{pub_txt}，未发现需要整改的问题。")
    else:
        # one problem is stated, not listed; a group's heading only when there are several groups,
        # an item's number only when its group holds several (a list of one is no list)
        # of a text that may be cut off, parts "missing" may be in what was not received: when they are all
        # it states, it asks to check them against the original, not to correct problems it cannot be sure of
        unsure = bool(cut_off) and all(as_received(r["message"]) != r["message"] for r in rows)
        n = "" if len(rows) == 1 else f"{len(rows)}项"
        d.para(f"经审查，{seen}{pub_txt}，" + (phrase("opening_unsure", n=n) if unsure else
                                              f"存在以下{'' if len(rows) == 1 else f'{len(rows)}个'}问题，请认真核实整改："))
        groups: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            groups.setdefault(_group(r["check"]), []).append(r)
        order = [name for name in dict.fromkeys(check_groups() + [_REST, _NOTES]) if name in groups]
        for k, name in enumerate(order, 1):
            if len(order) > 1:
                d.h1(f"{format_cn_int(k)}、{name}")
            items = groups[name]
            for i, r in enumerate(items, 1):
                d.para((f"{i}. " if len(items) > 1 else "") + _item(r, bool(cut_off)))
    caveat = about.caveat(year, cn_date(pub) if isinstance(pub, date) and not about.found_on else None)
    if caveat:
        d.para(caveat)
    if cut_off:
        d.para(phrase("cut_off", why=cut_off))
    if rows:
        only_late = all(r["check"] == "timeliness" for r in rows)
        d.para(phrase("closing_timeliness" if only_late else "closing_unsure" if unsure else "closing_fix"))
    d.signature(issuer, when)


def _text_of(v: Any) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


def _item(r: dict[str, Any], cut_off: bool = False) -> str:
    """One finding as an opinion states it: the message, the quote it rests on, the reviewer's word
    (of a text that may be cut off, as said of the text received: addressing.as_received)."""
    message = as_received(r["message"]) if cut_off else r["message"]
    text = f"{_cn_dates(message).rstrip('。')}。"
    q = _quote(r.get("quote"))
    if q and q not in r["message"]:
        text += f"原文：“{q}”"
    comment = r.get("decision_comment")
    if isinstance(comment, str) and comment.strip():
        text += f"（审查意见：{comment.strip()}）"
    return text


def _about(rep: dict[str, Any]) -> tuple[Addressing, str | None]:
    """Whom a report's opinion addresses, and how the text received may be incomplete, from its row of
    Corpus.reports (which carries the record's `inferred` fields and `truncation`: no record is read)."""
    return addressing(rep), incomplete(truncation(rep))


def _reports(corpus, options: dict[str, Any]) -> pd.DataFrame:
    return corpus.reports(**report_filters(options))


def _setting(corpus, key: str) -> str | None:
    """The office's stored setting; a corpus from before settings existed (read-only, not upgraded) has none."""
    try:
        return corpus.setting(key)
    except Exception:  # no settings table in an old file opened read-only
        return None


Note = Callable[[str], None]


def _signature_note(issuer: str | None, note: Note | None) -> None:
    if not issuer and note is not None:
        note("未设置落款单位：落款处留空，请手工填写；或用 --issuer 指定一次（保存在语料库中，以后沿用），"
             "也可在网页工作台的“设置”中填写")


def _review_done(corpus, shas: list[str]) -> set[str]:
    """Reports whose review a reviewer marked finished (已审, 意见已发)."""
    try:
        st = review.states(corpus, shas)
    except Exception:  # an old corpus opened read-only has no review tables
        return set()
    return {s for s, v in st.items() if v["state"] in review.DONE}


def write_opinions(corpus, path: "str | os.PathLike[str]", issuer: str | None = None, when: date | None = None,
                   include_undecided: bool = True, note: Note | None = None, **options: Any) -> list[Path]:
    """One 审查意见 per report: a directory of .docx files, or one .docx with a page per report.

    Only documents analysed as reports get one. With `include_undecided=False` a report
    whose findings are not all decided (and whose review is not marked finished) gets none.
    `note` receives a Chinese line for what was left out and for a missing 落款.
    """
    issuer = issuer or _setting(corpus, "issuer")
    when = when or date.today()
    reps = _reports(corpus, options)
    not_reports = reps[reps["doc_type"] != "report"]
    reps = reps[reps["doc_type"] == "report"]
    fs = corpus.findings(**report_filters(options))
    done = _review_done(corpus, list(reps["sha256"])) if not include_undecided else set()
    chosen: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    pending: list[str] = []
    for rep in reps.to_dict("records"):
        rep = _pydates(rep)
        serious = _serious(fs[fs["sha256"] == rep["sha256"]])
        if not include_undecided and _undecided(serious) and rep["sha256"] not in done:
            pending.append(f"{_name_of(rep)}（{_undecided(serious)}个）")
            continue
        chosen.append((rep, [r for r in serious if _keep(r, include_undecided)]))
    if note is not None:
        if len(not_reports):
            note(f"{len(not_reports)}份文件不是法治政府建设年度报告（如政府信息公开年度报告、工作要点）或无法读取，"
                 "未出具审查意见")
        if pending:
            note(f"{len(pending)}份报告尚有未审查的问题，未出具审查意见（审查完毕后再导出）：{_join(pending, 10, '份')}")
        _signature_note(issuer, note)
    if not chosen:
        raise ValueError("没有可出具审查意见的报告" + ("：所选报告尚有未审查的问题" if pending else ""))
    abouts = [_about(rep) for rep, _ in chosen]
    cut = [about.unit or _name_of(rep) for (rep, _), (about, tail) in zip(chosen, abouts) if tail]
    if cut and note is not None:
        note(phrase("cut_off_note", n=len(cut), units=_join(cut, 10, "份")))
    nameless = [_name_of(rep) for (rep, _), (about, _t) in zip(chosen, abouts) if not about.unit]
    if nameless and note is not None:
        note(phrase("unidentified_note", n=len(nameless), files=_join(nameless, 10, "份")))
    unnamed = [about.unit for (about, _t) in abouts if about.unit and not about.addressee]
    if unnamed and note is not None:
        note(phrase("unknown_department_note", n=len(unnamed), units=_join(unnamed, 10, "份")))
    p = Path(path)
    if p.suffix.lower() == ".docx":
        d = OfficialDocument()
        for i, ((rep, rows), (about, tail)) in enumerate(zip(chosen, abouts)):
            if i:
                d.page_break()
            _opinion(d, rep, rows, issuer, when, about, tail)
        return [d.save(p)]
    p.mkdir(parents=True, exist_ok=True)
    out = []
    used: dict[str, int] = {}
    for (rep, rows), (about, tail) in zip(chosen, abouts):
        d = OfficialDocument()
        _opinion(d, rep, rows, issuer, when, about, tail)
        base = _safe(f"{about.unit or '未识别单位'}_{rep.get('report_year') or '年度不明'}_审查意见")
        used[base] = used.get(base, 0) + 1
        name = base if used[base] == 1 else f"{base}（{used[base]}）"  # two reports of one unit and year
        out.append(d.save(p / f"{name}.docx"))
    return out


def _name_of(rep: dict[str, Any]) -> str:
    """A report as the reviewer can find it in a note: its unit, else its title, else its file's name."""
    for v in (rep.get("unit_name"), rep.get("title")):
        if isinstance(v, str) and v.strip():
            return v
    src = rep.get("source")
    return Path(src).name if isinstance(src, str) and src else rep["sha256"][:12]


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name)


def _pydates(rep: dict[str, Any]) -> dict[str, Any]:
    """A report row from pandas with NaN/NaT as None and dates as datetime.date."""
    out = {}
    for k, v in rep.items():
        if isinstance(v, pd.Timestamp):
            v = v.date()
        elif v is pd.NaT or (isinstance(v, float) and pd.isna(v)):
            v = None
        out[k] = v
    return out


def _join(items: list[str], limit: int = 60, noun: str = "个单位") -> str:
    """Items joined with 、, the first `limit` of a longer list with 等N and what they count (a note
    lists reports, by unit or by file name: 等39份; a notice's list, units)."""
    if len(items) <= limit:
        return "、".join(items)
    return "、".join(items[:limit]) + f"等{len(items)}{noun}"


def _decided_contents(listed: pd.DataFrame, fs: pd.DataFrame, include_undecided: bool) -> pd.DataFrame:
    """The status rows with the missing contents the notice may name: those with a finding that goes
    out (not dismissed; confirmed, when only confirmed findings go out). A part the analysis found
    absent without a finding of its own (不足的原因 where the 不足 themselves are missing: the check
    says so once) is in no 审查意见 and cannot be decided, so the notice, which refers the unit to its
    审查意见, does not name it either; nor a part a reviewer found present."""
    checks = {f"{key}_missing": key for key in CONTENT_ZH}
    kept: dict[str, set[str]] = {}
    for r in fs[fs["check"].isin(set(checks))].to_dict("records"):
        if _keep(r, include_undecided):
            kept.setdefault(r["sha256"], set()).add(checks[r["check"]])
    out = listed.copy()
    for i, r in out.iterrows():
        if not r["deficient"]:
            continue
        keys = kept.get(r["sha256"], set()) if isinstance(r["sha256"], str) else set()
        left = [CONTENT_ZH[k] for k in CONTENT_ZH if k in keys]
        out.at[i, "missing_contents"] = "、".join(left)
        out.at[i, "deficient"] = bool(left)
    return out


def _undated_note(corpus, options: dict[str, Any], note: Note) -> None:
    """Reports whose year could not be determined are in no year's 通报: the reviewer is told which."""
    others = {k: v for k, v in report_filters(options).items() if k not in ("year", "years")}
    reps = corpus.reports(doc_type="report", **others)
    undated = reps[reps["report_year"].isna()]
    if len(undated):
        note(phrase("undated_note", n=len(undated), files=_join([_name_of(r) for r in undated.to_dict("records")], 10, "份")))


def _decided_lateness(listed: pd.DataFrame, fs: pd.DataFrame) -> pd.DataFrame:
    """The status rows with the lateness a reviewer dismissed taken off: a unit whose timeliness
    finding was dismissed (the site was down on the day, the date shown is a later edit) is not
    named as late in a document sent to every unit, and counts as published on time. A late unit
    whose finding is confirmed or undecided stays late: its date says so."""
    dismissed = set(fs[(fs["check"] == "timeliness") & (fs["decision"] == "dismissed")]["sha256"])
    if not dismissed:
        return listed
    out = listed.copy()
    cleared = (out["status"] == "late") & out["sha256"].isin(dismissed)
    out.loc[cleared, "status"] = "on_time"
    out.loc[cleared, "days_late"] = pd.NA
    return out


def _signed_late(fs: pd.DataFrame, include_undecided: bool) -> set[str]:
    """The reports with a timeliness finding on the day they were signed (a department's, after its
    deadline for sending it), that go out: not dismissed, and confirmed where only confirmed ones go."""
    import json

    out = set()
    for r in fs[fs["check"] == "timeliness"].to_dict("records"):
        data = r.get("data")
        if isinstance(data, str) and data:
            data = json.loads(data)
        if isinstance(data, dict) and data.get("signed") and _keep(r, include_undecided):
            out.add(r["sha256"])
    return out


def _overall(n: int, received: int, counts: dict[str, int], deficient: int, found: int = 0) -> str:
    """The 总体情况 sentence: how many units were to report, received, published how, missing, and how
    many reports lack a part; a category that counts none is not named (按时公开3个, not 逾期公开0个)."""
    parts = [phrase("overall_" + code, n=counts[code]) for code in ("on_time", "late", "unpublished", "invalid")
             if counts.get(code)]
    text = phrase("overall_listed", n=n)
    if received:
        # a copy found on another site was not sent by its unit: the count says how many are copies
        got = phrase("overall_found", n=received, k=found) if found else phrase("overall_received", n=received)
        text += "，" + got + ("，其中" + "，".join(parts) if parts else "")
    if counts.get("missing"):
        text += ("；" if received else "，") + phrase("overall_missing", n=counts["missing"])
    if counts.get("ambiguous"):
        text += phrase("notice_ambiguous", n=counts["ambiguous"])
    return text + "。" + (phrase("overall_deficient", n=deficient) if deficient else "")


def write_notice(corpus, path: "str | os.PathLike[str]", registry=None, issuer: str | None = None,
                 recipients: str | None = None, when: date | None = None, include_undecided: bool = True,
                 note: Note | None = None, **options: Any) -> Path:
    """The batch 通报: overall figures, then the late, missing, invalid and deficient units, then requirements.

    Findings are those of reports only (a look-alike is counted as 所收材料不是年度报告, never
    quoted for its "findings"); the 落款 and 主送 come from the arguments or the corpus's
    settings, and an unset 落款 is left blank to sign by hand (`note` says so).
    """
    year = options.get("year")
    if year is None:
        year = corpus.latest_report_year()
        if year is None:
            raise ValueError("没有可通报的报告（所选范围内还没有收录年度报告）")
        options["year"] = year
    year = int(year)
    issuer = issuer or _setting(corpus, "issuer")
    recipients = recipients or _setting(corpus, "recipients")
    when = when or date.today()
    _signature_note(issuer, note)
    subject = issuer or ""
    units_loaded = registry is not None or corpus.has_units()
    decided = corpus.findings(**report_filters(options))
    all_reps = _reports(corpus, options)
    cut_shas = {r["sha256"] for r in all_reps.to_dict("records") if truncation(r)}
    if note is not None:
        _undated_note(corpus, options, note)
    abouts = {r["sha256"]: addressing(r) for r in all_reps.to_dict("records")}
    guessed_dates = {sha for sha, a in abouts.items() if a.published_inferred}
    copies = {sha for sha, a in abouts.items() if a.found_on}  # seen on a site not the unit's own
    # a report naming no division (湖滨街道, a name several places share) is matched to the list by
    # its name alone: its unit is as much a guess as one read from the body
    guessed_units = {sha for sha, a in abouts.items() if a.unit_inferred} \
        | {r["sha256"] for r in all_reps.to_dict("records") if unplaced(r)}
    d = OfficialDocument()
    d.title(f"关于{year}年度法治政府建设年度报告报送和公开情况的通报")
    d.salutation(recipients or "各有关单位")
    late_signers: list[dict[str, Any]] = []
    if units_loaded:
        st = corpus.status(year, registry=registry)
        # a report whose title and lead-in disagree on the year is listed under both years: its
        # findings and its row come with it
        extra = [sha for sha in st["sha256"].dropna().unique() if sha not in set(all_reps["sha256"])]
        if extra:
            decided = pd.concat([decided] + [corpus.findings(sha256=sha) for sha in extra], ignore_index=True)
            more = pd.concat([corpus.reports(sha256=sha) for sha in extra], ignore_index=True)
            all_reps = pd.concat([all_reps, more], ignore_index=True)
            for r in more.to_dict("records"):
                abouts[r["sha256"]] = a = addressing(r)
                guessed_dates.update([r["sha256"]] if a.published_inferred else [])
                copies.update([r["sha256"]] if a.found_on else [])
                guessed_units.update([r["sha256"]] if a.unit_inferred or unplaced(r) else [])
                cut_shas.update([r["sha256"]] if truncation(r) else [])
        listed = _decided_lateness(st[st["status"] != "unlisted"], decided)
        n = len(listed)
        counts = listed["status"].value_counts().to_dict()
        received = n - counts.get("missing", 0) - counts.get("ambiguous", 0)
        d.para(f"根据《法治政府建设与责任落实督察工作规定》关于法治政府建设年度报告的要求，{subject}对{n}个单位"
               f"{year}年度法治政府建设年度报告的报送、公开和内容情况进行了检查。现将有关情况通报如下：")
        d.h1("一、总体情况")
        listed = _decided_contents(listed, decided, include_undecided)
        deficient = listed[listed["deficient"]]
        found = int(listed["sha256"].isin(copies).sum())
        d.para(_overall(n, received, counts, len(deficient), found))
        d.h1("二、存在的问题")
        k = 0
        late = listed[listed["status"] == "late"].sort_values("days_late", ascending=False)
        def item(r: dict[str, Any], what: str | None = None, dated: bool = False) -> str:
            """A unit of a list, with what it is listed for and the hedges its record calls for."""
            said = [what] if what else []
            if r["sha256"] in guessed_units:  # the report was matched to the unit by an inferred name
                said.append(phrase("notice_unit_inferred"))
            if dated and r["sha256"] in guessed_dates:  # listed for its date
                said.append(phrase("notice_published_inferred"))
            if r["sha256"] in copies:
                said.append(phrase("notice_found_on"))
            return r["unit"] + (f"（{'，'.join(said)}）" if said else "")

        rows = {code: listed[listed["status"] == code].to_dict("records") for code in ("missing", "unpublished", "invalid")}
        # a department's report signed after the day it was due to be sent (its opinion says so; the
        # status table, which reads publication dates, does not)
        signed_late = _signed_late(decided, include_undecided)
        late_signers = [r for r in listed.to_dict("records") if r["sha256"] in signed_late and r["status"] != "invalid"]
        parts = [
            ("未按时公开", [item(r, f"逾期{int(r['days_late'])}天", dated=True) for r in late.to_dict("records")]),
            (phrase("notice_signed_late"), [item(r) for r in late_signers]),
            ("未报送", [r["unit"] for r in rows["missing"]]),
            ("未查到公开日期", [item(r) for r in rows["unpublished"]]),
            ("所收材料不是年度报告", [item(r, r["status_zh"].split("（", 1)[-1].rstrip("）")) for r in rows["invalid"]]),
            ("报告内容缺项", [item(r, f"缺少{r['missing_contents']}") for r in deficient.to_dict("records")]),
        ]
        cut_deficient = [r["unit"] for r in deficient.to_dict("records") if r["sha256"] in cut_shas]
        for name, items in parts:
            if not items:
                continue
            k += 1
            d.h2(f"（{format_cn_int(k)}）{name}")
            d.para(f"{_join(items)}。" + (phrase("notice_cut_off", units=_join(cut_deficient, 10))
                                          if name == "报告内容缺项" and cut_deficient else ""))
        # the findings of the listed units' reports only: the notice says it checked n units, and a
        # report outside the list is none of them (the 报送情况 sheet lists it)
        shas = list(st[~st["status"].isin(["invalid", "unlisted"])]["sha256"].dropna())
        unlisted = st[st["status"] == "unlisted"]
        if len(unlisted) and note is not None:
            note(phrase("unlisted_note", n=len(unlisted), units=_join(list(unlisted["unit"]), 10, "份")))
    else:
        reps = all_reps[all_reps["doc_type"] == "report"]
        if reps.empty:  # a notice on nothing would close with 未发现需要通报的问题
            others = f"（该年度只有{len(all_reps)}份其他材料，如政府信息公开年度报告、工作要点）" if len(all_reps) else ""
            raise ValueError(f"没有可通报的{year}年度法治政府建设年度报告{others}")
        shas = list(reps["sha256"])
        # a copy found on a site that is not the unit's own was found, not received
        found = sum(1 for r in reps.to_dict("records") if _text_of(r.get("found_on")))
        d.para(phrase("notice_checked_found", subject=subject, n=len(reps), k=found, year=year) if found
               else phrase("notice_checked", subject=subject, n=len(reps), year=year))
        d.h1("一、存在的问题")
        k = 0
    fs = decided[decided["sha256"].isin(shas)] if shas else decided.iloc[0:0]
    fs = fs[fs["severity"].isin(["error", "warning"])]
    # with a unit list, lateness and missing parts are stated above from the status table; without
    # one, they are listed here with the rest (leaving them out said 未发现需要通报的问题 of late or
    # deficient reports)
    skip = {"timeliness", "not_a_report", "measures_missing", "shortcomings_missing", "causes_missing",
            "first_responsibility_missing", "next_year_plan_missing"} if units_loaded else {"not_a_report"}
    names = {k2: v.name for k2, v in specs().items()} | notice_labels()
    other = fs[~fs["check"].isin(skip)]
    if not include_undecided:  # the missing contents count too: the list above holds only decided ones
        pool = fs[~fs["check"].isin({"timeliness", "not_a_report"})]
        done = _review_done(corpus, list(pool["sha256"].unique()))
        undecided = int((pool["decision"].isna() & ~pool["sha256"].isin(done)).sum())
    else:
        undecided = 0
    # a boolean mask, not a list: a list of no rows would select no columns (KeyError: check)
    other = other[pd.Series([_keep(r, include_undecided) for r in other.to_dict("records")], index=other.index, dtype=bool)]
    if not other.empty:
        k += 1
        if units_loaded:  # without a list this is the section's only part: no（一）of one
            d.h2(f"（{format_cn_int(k)}）数据和文字问题")
        named, dated = {}, {}
        for rep in all_reps[all_reps["sha256"].isin(set(other["sha256"]))].to_dict("records"):
            about = _about(_pydates(rep))[0]
            said = ([phrase("notice_unit_inferred")] if about.unit_inferred else []) \
                + ([phrase("notice_found_on")] if about.found_on else [])
            named[rep["sha256"]] = (about.unit or "未识别单位") + (f"（{'，'.join(said)}）" if said else "")
            # a lateness (or a year's mismatch) found on a date the page does not label says so here too
            said += [phrase("notice_published_inferred")] if about.published_inferred else []
            dated[rep["sha256"]] = (about.unit or "未识别单位") + (f"（{'，'.join(said)}）" if said else "")
        on_date = set(dated_checks())
        by = {check: sorted({(dated if check in on_date else named).get(sha, "未识别单位") for sha in shas})
              for check, shas in other.groupby("check")["sha256"]}
        lines = []
        for check, units in sorted(by.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"{names.get(check, check)}：{_join(units, 20)}")
        contents = other[other["check"].str.endswith("_missing")]["sha256"].unique()
        cut = sorted({named.get(sha, "未识别单位") for sha in contents if sha in cut_shas})
        d.para("；".join(lines) + "。具体问题见各单位审查意见。"
               + (phrase("notice_cut_off", units=_join(cut, 10)) if cut else ""))
    if undecided:
        if note is not None:
            note(f"尚有{undecided}个问题未审查，未写入通报；审查完毕后再导出可写入")
        if k == 0:
            d.para("报告内容的审查尚未完成，审查结果另行通报。")
    elif k == 0:
        d.para("未发现需要通报的问题。")
    # the requests name only what the notice found: no unit is asked to 补报 when none is missing,
    # nor a class of units named that the notice does not list
    if units_loaded:
        missing, late = bool(counts.get("missing")), bool(counts.get("late"))
        flaws = [w for w, found in (("deficient", not deficient.empty), ("flawed", not other.empty)) if found]
    else:
        missing, late = False, bool((other["check"] == "timeliness").any())
        flaws = ["any"] if (other["check"] != "timeliness").any() else []
    asks = []
    if missing or late:
        asks.append(phrase("ask_" + "_".join(w for w, on in (("missing", missing), ("late", late)) if on)))
    if late_signers:
        asks.append(phrase("ask_signed_late"))
    if flaws:
        asks.append(phrase("ask_fix", who="或".join(phrase("ask_who_" + w) for w in flaws))
                    + (phrase("ask_report_to", issuer=issuer) if issuer else phrase("ask_report")))
    d.h1(("三" if units_loaded else "二") + "、工作要求")
    d.para("；".join(asks) + ("。" if asks else "")
           + "各单位要高度重视法治政府建设年度报告工作，严格落实报告内容和公开时限要求，切实提高报告质量。")
    d.signature(issuer, when)
    return d.save(Path(path))

