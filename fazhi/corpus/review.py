"""The reviewer's work on each report, stored with the corpus: where its review stands, every
decision in order, and the reviewer's own findings (批注).

Why in the corpus and keyed by sha256: a reviewer's work is worth more than the analysis (which
can be re-run at any time), so it must survive re-analysis and travel with the corpus file,
like `decisions`. The tables are `review_state`, `review_log` and `notes` (fazhi/corpus/schema.py).

- **Review state**: 待审 (pending, no row) → 审查中 (in_review: set by the first decision or note)
  → 已审 (reviewed) → 意见已发 (sent), each change with who and when. Only a reviewed report
  (`DONE`) gets an opinion (审查意见): an opinion for an unreviewed one would tell the unit it
  has no problems when nobody has looked.
- **Decisions** (confirmed / dismissed / reopened) are kept in `decisions` as before (one current
  decision per finding) and every change is appended to `review_log`, so a decision can be
  undone and its history read.
- **Notes** (批注): a reviewer marks a span of the text, gives a severity and a message, and the
  note is a finding like the machine's (check `NOTE_CHECK`, origin `reviewer`): on the review
  page, in the 审查意见 and in the XLSX. A note keeps the words it was made on, so when a
  re-analysis reads the text with other offsets the note moves to where its words are now.
"""
from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from ..data.labels import REVIEW_ACTION_ZH, REVIEW_STATE_ZH
from .rows import message_hash
from .writes import utc_now

STATES = ("pending", "in_review", "reviewed", "sent")
STATE_ZH = REVIEW_STATE_ZH
DONE = ("reviewed", "sent")  # states in which the review is finished and an opinion may be written
DECISIONS = ("confirmed", "dismissed")
SEVERITIES = ("error", "warning", "info")
NOTE_CHECK = "reviewer_note"
NOTE_ZH = "审查人批注"
ACTION_ZH = REVIEW_ACTION_ZH
MAX_MESSAGE = 4000


class ReviewError(ValueError):
    """A request the review cannot take (the message is Chinese, for the reviewer)."""


def _log(con, sha256: str, user: str | None, action: str, check: str | None = None, start: int | None = None,
         end: int | None = None, mhash: str | None = None, note_id: int | None = None,
         detail: str | None = None) -> None:
    con.execute("INSERT INTO review_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [sha256, utc_now(), user, action, check, start, end, mhash, note_id, detail])


def _begin_review(con, sha256: str, user: str | None) -> None:
    """The first decision or note on a pending report puts it under review."""
    row = con.execute("SELECT state FROM review_state WHERE sha256 = ?", [sha256]).fetchone()
    if row is None or row[0] == "pending":
        _put_state(con, sha256, "in_review", user)


def _put_state(con, sha256: str, state: str, user: str | None) -> None:
    con.execute("INSERT OR REPLACE INTO review_state VALUES (?, ?, ?, ?)", [sha256, state, user, utc_now()])
    _log(con, sha256, user, "state", detail=state)


class _Tx:
    """One transaction on the corpus connection: a decision and its history are written together."""

    def __init__(self, con):
        self.con = con

    def __enter__(self):
        self.con.execute("BEGIN TRANSACTION")
        return self.con

    def __exit__(self, exc_type, *_):
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")


def _require_report(con, sha256: str) -> None:
    if con.execute("SELECT count(*) FROM records WHERE sha256 = ?", [sha256]).fetchone()[0] == 0:
        raise ReviewError("没有找到这份报告")


# -- review state -------------------------------------------------------------------------------

def state(corpus, sha256: str) -> dict[str, Any]:
    """{state, state_zh, user, changed_at} of one report (pending when nobody has touched it)."""
    row = corpus.con.execute('SELECT state, "user", changed_at FROM review_state WHERE sha256 = ?',
                             [sha256]).fetchone()
    return state_of(row)


def state_of(row: tuple | None) -> dict[str, Any]:
    """A review_state row (state, user, changed_at) as `state` gives it; None is pending."""
    st, user, at = row if row else ("pending", None, None)
    return {"state": st, "state_zh": STATE_ZH[st], "user": user, "changed_at": at}


def states(corpus, sha256s: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
    """The recorded states (reports not in the result are pending), of the given reports or all."""
    sql = 'SELECT sha256, state, "user", changed_at FROM review_state'
    params: list[Any] = []
    if sha256s is not None:
        sql += " WHERE sha256 IN (SELECT unnest(?))"
        params.append(list(sha256s))
    return {s: {"state": st, "state_zh": STATE_ZH[st], "user": u, "changed_at": at}
            for s, st, u, at in corpus.con.execute(sql, params).fetchall()}


def set_state(corpus, sha256: str, new_state: str, user: str | None = None) -> dict[str, Any]:
    """Move a report to another review state (any state may be set again: a sent opinion may be
    withdrawn and the report reviewed anew). Recorded with who and when."""
    if new_state not in STATES:
        raise ReviewError(f"审查状态只能是：{'、'.join(STATE_ZH[s] for s in STATES)}")
    con = corpus.con
    _require_report(con, sha256)
    with _Tx(con):
        _put_state(con, sha256, new_state, user)
    return state(corpus, sha256)


def state_sql(states_: Sequence[str], alias: str = "r") -> tuple[str, list[Any]]:
    """An SQL condition on the records table: the report's review state is one of `states_`."""
    wanted = [s for s in states_ if s in STATES]
    cond = f"coalesce((SELECT rs.state FROM review_state rs WHERE rs.sha256 = {alias}.sha256), 'pending') " \
           f"IN (SELECT unnest(?))"
    return cond, [wanted]


def year_counts(corpus) -> dict[int, dict[str, int]]:
    """Per report year: the number of annual reports and how many are in each state, plus `done`
    (reviewed or sent) — what "已审 41/73" is made of."""
    out: dict[int, dict[str, int]] = {}
    for year, st, n in corpus.con.execute(
            """SELECT r.report_year, coalesce(rs.state, 'pending'), count(*) FROM records r
               LEFT JOIN review_state rs USING (sha256)
               WHERE r.report_year IS NOT NULL AND r.doc_type = 'report' GROUP BY ALL""").fetchall():
        c = out.setdefault(int(year), {s: 0 for s in STATES} | {"total": 0, "done": 0})
        c[st] += n
        c["total"] += n
        if st in DONE:
            c["done"] += n
    return dict(sorted(out.items(), reverse=True))


# -- decisions --------------------------------------------------------------------------------

def decide(corpus, sha256: str, check: str, start: int | None, end: int | None, message: str, decision: str,
           comment: str | None = None, user: str | None = None) -> None:
    """Confirm or dismiss a finding, replacing an earlier decision on it; logged, and the report
    goes under review if it was pending."""
    if decision not in DECISIONS:
        raise ReviewError("审查结论只能是确认（confirmed）或排除（dismissed）")
    mh = message_hash(message)
    con = corpus.con
    with _Tx(con):
        con.execute('DELETE FROM decisions WHERE sha256 = ? AND "check" = ? AND start IS NOT DISTINCT FROM ? '
                    'AND "end" IS NOT DISTINCT FROM ? AND message_hash = ?', [sha256, check, start, end, mh])
        con.execute("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sha256, check, start, end, mh, decision, comment, user, utc_now()])
        _log(con, sha256, user, decision, check, start, end, mh, detail=comment)
        _begin_review(con, sha256, user)


def reopen(corpus, sha256: str, check: str, start: int | None, end: int | None, message: str,
           user: str | None = None) -> bool:
    """Undo the decision on a finding (it is undecided again); the history keeps what it was.
    Returns whether there was a decision to undo."""
    con = corpus.con
    mh = message_hash(message)
    key = [sha256, check, start, end]
    cond = 'sha256 = ? AND "check" = ? AND start IS NOT DISTINCT FROM ? AND "end" IS NOT DISTINCT FROM ?'
    with _Tx(con):
        n = con.execute(f"SELECT count(*) FROM decisions WHERE {cond}", key).fetchone()[0]
        if n:
            # a decision matched by span alone (the message reworded by a rules change) is undone too
            con.execute(f"DELETE FROM decisions WHERE {cond}", key)
            _log(con, sha256, user, "reopened", check, start, end, mh)
    return bool(n)


def history(corpus, sha256: str) -> list[dict[str, Any]]:
    """Everything done on a report, oldest first: decisions, reopenings, notes, state changes."""
    return history_of(corpus.con.execute(
        """SELECT logged_at, "user", action, "check", start, "end", message_hash, note_id, detail FROM review_log
           WHERE sha256 = ? ORDER BY logged_at, rowid""", [sha256]).fetchall())


def history_of(rows: Sequence[tuple]) -> list[dict[str, Any]]:
    """review_log rows (logged_at, user, action, check, start, end, message_hash, note_id, detail), in
    order, as `history` gives them."""
    out = []
    for at, user, action, check, start, end, mh, note_id, detail in rows:
        out.append({"at": at, "user": user, "action": action, "action_zh": ACTION_ZH.get(action, action),
                    "check": check, "start": start, "end": end, "message_hash": mh, "note_id": note_id,
                    "detail": detail, "detail_zh": STATE_ZH.get(detail, detail) if action == "state" else detail})
    return out


# -- notes (批注) -------------------------------------------------------------------------------

def add_note(corpus, sha256: str, start: int, end: int, severity: str, message: str,
             user: str | None = None) -> int:
    """A reviewer's own finding on text[start:end]; returns its id. The report goes under review."""
    message = (message or "").strip()
    if severity not in SEVERITIES:
        raise ReviewError("批注的级别只能是错误、警告或提示")
    if not message:
        raise ReviewError("请填写批注内容")
    if len(message) > MAX_MESSAGE:
        raise ReviewError(f"批注最长{MAX_MESSAGE}字")
    con = corpus.con
    row = con.execute("SELECT text FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        raise ReviewError("没有找到这份报告")
    text = row[0] or ""
    if not (0 <= start < end <= len(text)):
        raise ReviewError("批注的位置不在正文之内，请重新选择正文中的文字")
    quote = text[start:end]
    if not quote.strip():
        raise ReviewError("请选择正文中的文字（不能只选空白）再添加批注")
    with _Tx(con):
        note_id = int(con.execute("SELECT coalesce(max(note_id), 0) + 1 FROM notes").fetchone()[0])
        con.execute("INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                    [note_id, sha256, start, end, quote, severity, message, user, utc_now()])
        _log(con, sha256, user, "note_added", NOTE_CHECK, start, end, message_hash(message), note_id, message)
        _begin_review(con, sha256, user)
    return note_id


def remove_note(corpus, sha256: str, note_id: int, user: str | None = None) -> None:
    """Withdraw a note (kept in the table, marked removed, and in the history)."""
    con = corpus.con
    with _Tx(con):
        row = con.execute("SELECT start, \"end\", message FROM notes WHERE note_id = ? AND sha256 = ? "
                          "AND removed_at IS NULL", [note_id, sha256]).fetchone()
        if row is None:
            raise ReviewError("这条批注不存在或已删除")
        con.execute("UPDATE notes SET removed_at = ? WHERE note_id = ?", [utc_now(), note_id])
        _log(con, sha256, user, "note_removed", NOTE_CHECK, row[0], row[1], message_hash(row[2]), note_id, row[2])


def anchor(text: str, start: int, end: int, quote: str) -> tuple[int | None, int | None]:
    """Where a note's words are in the text now: where they were, else their nearest occurrence,
    else nowhere (the note then stands for the whole report, with its quote)."""
    if text[start:end] == quote:
        return start, end
    best = None
    pos = text.find(quote)
    while pos >= 0:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(quote, pos + 1)
    return (best, best + len(quote)) if best is not None else (None, None)


def notes(corpus, sha256: str, text: str | None = None) -> list[dict[str, Any]]:
    """A report's live notes as findings (the shape of `Corpus.report`'s findings), anchored in the
    current text."""
    if text is None:
        text = corpus.text(sha256) or ""
    return notes_of(corpus.con.execute(
        """SELECT note_id, start, "end", quote, severity, message, "user", created_at FROM notes
           WHERE sha256 = ? AND removed_at IS NULL ORDER BY start, note_id""", [sha256]).fetchall(), text)


def notes_of(rows: Sequence[tuple], text: str) -> list[dict[str, Any]]:
    """Live notes rows (note_id, start, end, quote, severity, message, user, created_at), in order, as
    `notes` gives them."""
    out = []
    for note_id, start, end, quote, severity, message, user, at in rows:
        s, e = anchor(text, start, end, quote)
        out.append({"check": NOTE_CHECK, "severity": severity, "message": message, "start": s, "end": e,
                    "origin": "reviewer", "note_id": note_id, "quote": quote,
                    "decision": {"decision": "confirmed", "comment": None, "user": user,
                                 "decided_at": str(at) if at is not None else None}})
    return out


def notes_frame(corpus, cond: str, params: list[Any]) -> pd.DataFrame:
    """Live notes as rows of `Corpus.findings` (same columns): a note is a finding its author
    confirmed, so exports that keep confirmed findings keep it. `cond` filters the records `r`."""
    df = corpus.con.execute(
        f"""SELECT r.sha256, r.title, r.unit_name, r.jurisdiction, r.level, r.province, r.city, r.county,
                   r.report_year, r.published, '{NOTE_CHECK}' AS "check", n.severity, n.message, n.quote, n.start,
                   n."end", NULL::JSON AS data, 'reviewer' AS origin, '' AS message_hash,
                   'confirmed' AS decision, NULL::VARCHAR AS decision_comment, n."user" AS decision_user,
                   n.created_at AS decided_at, d.text AS _text, n.note_id
            FROM notes n JOIN records r ON r.sha256 = n.sha256 JOIN documents d ON d.doc_id = r.doc_id
            WHERE n.removed_at IS NULL AND {cond}""", list(params)).df()
    if df.empty:
        return df.drop(columns=["_text", "note_id"])
    starts, ends = [], []
    for text, s, e, q in zip(df["_text"], df["start"], df["end"], df["quote"]):
        a, b = anchor(text or "", int(s), int(e), q)
        starts.append(a)
        ends.append(b)
    df["start"] = pd.array(starts, dtype="Int32")
    df["end"] = pd.array(ends, dtype="Int32")
    df["message_hash"] = [message_hash(m) for m in df["message"]]
    return df.drop(columns=["_text", "note_id"])


def progress(findings: Sequence[dict[str, Any]]) -> tuple[int, int]:
    """(handled, total) of a report's findings for "已处理 N/M": a machine finding is handled once
    decided; a note is the reviewer's own, so it counts as handled."""
    total = len(findings)
    done = sum(1 for f in findings if f.get("decision"))
    return done, total
