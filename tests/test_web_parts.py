"""The web workspace's building blocks on their own: text segments for highlighting, SVG
charts, Chinese formatting, accounts and sessions, upload names, and the `fazhi user` /
`fazhi serve` commands."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from fazhi.batch.ingest import ingest
from fazhi.cli import app as cli_app
from fazhi.web.accounts import AccountError, Accounts, hash_password, verify_password
from fazhi.web.charts import bar_chart, line_chart, nice_ticks
from fazhi.web.fmt import cn_date, cn_datetime, cn_number
from fazhi.web.highlight import Mark, marked_html, segments
from fazhi.web.uploads import parse_urls, safe_name

ROOT_DIR = Path(__file__).resolve().parents[1]

# -- kept page bodies ------------------------------------------------------------------------------


def test_kept_bodies_are_rendered_once_carry_each_token_and_stay_within_their_budget(monkeypatch):
    from jinja2 import DictLoader, Environment

    from fazhi.web import fragments

    monkeypatch.setattr(fragments, "_KEPT", type(fragments._KEPT)())
    monkeypatch.setattr(fragments, "_SIZE", 0)
    env = Environment(autoescape=True, loader=DictLoader({
        "p.html": "{% block main %}<p>{{ text }}</p><input value=\"{{ csrf }}\">{{ csrf }}{% endblock %}"}))
    calls = []

    def context(text):
        return lambda: calls.append(text) or {"text": text}

    first = fragments.kept_main(env, "p.html", ("k", 1), context("<报告>"), "tok-1")
    assert first == '<p>&lt;报告&gt;</p><input value="tok-1">tok-1'.encode()
    again = fragments.kept_main(env, "p.html", ("k", 1), context("changed"), 'tok"2')
    assert again == '<p>&lt;报告&gt;</p><input value="tok&#34;2">tok&#34;2'.encode() and calls == ["<报告>"]
    assert fragments.kept_main(env, "p.html", ("k", 2), None, "tok-1") is None  # not kept: no context, no body
    monkeypatch.setattr(fragments, "MAX_KEPT_BYTES", 3 * len(first))
    for i in range(10):
        fragments.kept_main(env, "p.html", ("n", i), context("<报告>"), "tok-1")
    assert len(fragments._KEPT) == 3 and fragments._SIZE <= 3 * len(first)
    assert fragments.kept_main(env, "p.html", ("n", 9), None, "t") is not None
    assert fragments.kept_main(env, "p.html", ("k", 1), None, "t") is None  # the oldest went first


# -- highlighting --------------------------------------------------------------------------------


def _text_of(pieces) -> str:
    return "".join(p.get("text", "") for p in pieces)


def test_segments_cover_the_text_and_carry_overlapping_marks():
    text = "全年受理行政复议案件53件，办结41件，结案率为87.2%。"
    marks = [Mark(4, 14, "f", "0", severity="warning"), Mark(10, 13, "g", "2", title="行政复议受理案件数：53件"),
             Mark(0, 29, "c", "measures"), Mark(10, 20, "f", "1", severity="error")]
    pieces = segments(text, marks, anchors=[(4, "f-0"), (0, "s-0")])
    assert _text_of(pieces) == text
    assert pieces[0] == {"anchor": "s-0"}
    assert {"anchor": "f-0"} in pieces
    both = next(p for p in pieces if p.get("text") == "53件")
    data = dict(both["data"])
    assert data == {"f": "0 1", "g": "2", "c": "measures"}
    assert "sev-error" in both["cls"] and "m-g" in both["cls"]  # the worst severity shows
    assert both["title"] == "行政复议受理案件数：53件"
    assert pieces[-1].get("data") is None or "c" not in dict(pieces[-1]["data"])  # the content ends at 29


def test_segments_clip_marks_outside_the_text():
    pieces = segments("abc", [Mark(-5, 2, "f", "0"), Mark(2, 99, "g", "1"), Mark(5, 9, "f", "2"), Mark(1, 1, "f", "3")])
    assert _text_of(pieces) == "abc"
    assert [(p["text"], dict(p["data"])) for p in pieces] == [("ab", {"f": "0"}), ("c", {"g": "1"})]


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=8))
def test_segments_never_lose_or_reorder_text(text, spans):
    marks = [Mark(a, b, "f", str(i)) for i, (a, b) in enumerate(spans)]
    pieces = segments(text, marks, anchors=[(a, f"a{i}") for i, (a, _) in enumerate(spans)])
    assert _text_of(pieces) == text
    pos = 0
    for p in pieces:
        if "text" not in p:
            continue
        for key in (dict(p.get("data") or []).get("f") or "").split():
            a, b = spans[int(key)]
            assert max(a, 0) <= pos and pos + len(p["text"]) <= min(b, len(text))
        pos += len(p["text"])


def _spans_of(html_text: str) -> list[tuple[str, str]]:
    """The marked text's HTML as (opening tag or '', text) in order: every text piece with the tag of the
    span that holds it (the markup holds no nested spans)."""
    import html
    import re

    out = []
    for m in re.finditer(r'(<span [^>]*>)([^<]*)</span>|([^<]+)', html_text):
        out.append((m.group(1) or "", html.unescape(m.group(2) if m.group(1) else m.group(3))))
    return out


def test_marked_text_escapes_marks_and_numbers_every_line():
    text = '一、概况\n全年受理<行政复议>案件53件，"办结"41件&\n\n结案率87.2%。'
    marks = [Mark(15, 32, "f", "0", severity="warning", title='【警告】数字"不符"'),
             Mark(17, 20, "g", "1", title="行政复议受理案件数：53件"), Mark(0, 4, "c", "measures")]
    out = marked_html(text, marks, [(5, "s-1"), (0, "s-0")])
    assert "<行政复议>" not in out and "&lt;行政复议&gt;" in out and "&#34;办结&#34;" in out and "&amp;" in out
    assert out.startswith('<span class="ln" data-n="1" aria-hidden="true"></span><span class="anchor" id="s-0"></span>')
    assert [int(n) for n in re.findall(r'data-n="(\d+)"', out)] == [1, 2, 3, 4]
    # the finding crosses two line breaks: cut at each, every part in a span of its own, the markers between
    assert [t for tag, t in _spans_of(out) if 'data-f="0"' in tag] == ["案件", "53件", '，"办结"41件&\n', "\n", "结"]
    assert '41件&amp;\n</span><span class="ln" data-n="3" aria-hidden="true"></span><span class="m m-f' in out
    both = next(tag for tag, t in _spans_of(out) if t == "53件")
    assert 'class="m m-f m-g sev-warning"' in both and 'data-f="0" data-g="1"' in both
    assert 'title="【警告】数字&#34;不符&#34;；行政复议受理案件数：53件"' in both


@given(st.text(alphabet="行政复议\n<&\"'a ", max_size=80),
       st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90), st.sampled_from(["f", "g", "c"])), max_size=8))
def test_marked_text_keeps_the_text_and_each_marks_words(text, spans):
    """Whatever the marks, the page's text is the report's text character for character (line markers
    and anchors hold none), lines are numbered where they begin, and each mark covers its words."""
    marks = [Mark(a, b, kind, str(i), severity="error" if kind == "f" else None, title=f"第{i}个")
             for i, (a, b, kind) in enumerate(spans)]
    out = marked_html(text, marks, [(a, f"a{i}") for i, (a, _, _) in enumerate(spans)])
    pieces = _spans_of(out)
    assert "".join(t for _, t in pieces) == text
    seen = ""
    for tag, t in pieces:
        if 'class="ln"' in tag:
            assert tag == f'<span class="ln" data-n="{seen.count(chr(10)) + 1}" aria-hidden="true">'
            assert not seen or seen.endswith("\n")
        seen += t
    assert len(re.findall('class="ln"', out)) == text.count("\n") + 1
    for i, (a, b, kind) in enumerate(spans):
        words = "".join(t for tag, t in pieces if re.search(rf'data-{kind}="(\S+ )*{i}( \S+)*"', tag))
        assert words == text[max(a, 0):min(b, len(text))] if max(a, 0) < min(b, len(text)) else words == ""


# -- charts ----------------------------------------------------------------------------------------


def test_bar_chart_is_valid_svg_with_escaped_chinese_labels():
    svg = bar_chart(["武侯区", "<script>alert(1)</script>", "绵阳市司法局"], [218, 64, 205600],
                    "行政复议受理案件数（2023年）", "件", "按单位合计")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "行政复议受理案件数（2023年）" in texts and "218件" in texts and "20.56万件" in texts
    assert "style=" not in svg  # the pages' CSP forbids inline styles


def test_line_chart_breaks_at_missing_years():
    svg = line_chart([2021, 2022, 2023], [("汉滨区", [10, None, 30]), ("武侯区", [5, 6, 7])], "受理数", "件")
    ET.fromstring(svg)
    assert svg.count("<circle") == 5 and "M" in svg and "2022年" in svg
    d = svg.split('<path d="', 1)[1].split('"', 1)[0]  # the first series
    assert d.count("M") == 2  # the gap at 2022 starts a new stroke


def test_empty_chart_says_so():
    svg = bar_chart([], [], "结案率")
    assert "没有符合条件的数据" in svg
    ET.fromstring(svg)


@pytest.mark.parametrize("lo,hi", [(0, 7), (0, 218), (95, 100), (0, 0.3), (-40, 12), (3, 3)])
def test_nice_ticks_cover_the_range(lo, hi):
    t = nice_ticks(lo, hi)
    assert t[0] <= lo and t[-1] >= hi and len(t) <= 12


# -- formatting -------------------------------------------------------------------------------------


def test_chinese_dates_and_numbers():
    assert cn_date("2024-04-01") == "2024年4月1日"
    assert cn_date(date(2023, 12, 31)) == "2023年12月31日"
    assert cn_date(None) == "" and cn_date("") == ""
    assert cn_datetime("2024-03-31T16:30:00") == "2024年4月1日 00:30"  # UTC, shown in China Standard Time
    assert cn_number(205600, "件") == "20.56万件"
    assert cn_number(24897, "件") == "24897件"
    assert cn_number(87.2, "%") == "87.2%"
    assert cn_number(8970000, "元") == "897万元"
    assert cn_number(320000000, "元") == "3.2亿元"
    assert cn_number(123456, "件") == "123456件"  # not exact in 万 to two decimals: as written
    assert cn_number(None) == ""


# -- accounts ---------------------------------------------------------------------------------------


def test_passwords_are_salted_scrypt_hashes():
    a, b = hash_password("正确的密码abc"), hash_password("正确的密码abc")
    assert a != b and a.startswith("scrypt$")
    assert verify_password("正确的密码abc", a) and not verify_password("错误的密码abc", a)
    assert not verify_password("x", "garbage") and not verify_password("x", "md5$1$2$3$4$5")


def test_sessions_cookies_and_roles(tmp_path):
    acc = Accounts(str(tmp_path / "w.sqlite"))
    acc.add("甲", "password-1", "admin")
    acc.add("乙", "password-2", "viewer")
    with pytest.raises(AccountError):
        acc.add("甲", "password-3", "viewer")
    with pytest.raises(AccountError):
        acc.add("丙", "short", "viewer")
    with pytest.raises(AccountError):
        acc.add("丙", "password-3", "superuser")
    with pytest.raises(AccountError):
        acc.add("a/b", "password-3", "viewer")
    assert acc.authenticate("甲", "wrong-pass") is None and acc.authenticate("nobody", "password-1") is None
    user = acc.authenticate("甲", "password-1")
    assert user.can("admin") and user.can("viewer")
    assert not acc.authenticate("乙", "password-2").can("reviewer")
    sess = acc.start_session(user)
    cookie = acc.cookie_value(sess)
    assert acc.token_from_cookie(cookie) == sess.token
    token, sig = cookie.rsplit(".", 1)
    assert acc.token_from_cookie(token + "x." + sig) is None  # tampered
    assert acc.token_from_cookie(token) is None and acc.token_from_cookie(None) is None
    assert acc.session(sess.token).user.name == "甲"
    # the side file stores no usable token
    raw = (tmp_path / "w.sqlite").read_bytes()
    assert sess.token.encode() not in raw
    acc.end_session(sess.token)
    assert acc.session(sess.token) is None
    # a new password ends the user's sessions; the last admin stays an admin
    s2 = acc.start_session(acc.authenticate("乙", "password-2"))
    acc.set_password("乙", "password-22")
    assert acc.session(s2.token) is None
    with pytest.raises(AccountError):
        acc.set_role("甲", "viewer")
    with pytest.raises(AccountError):
        acc.remove("甲")
    acc.set_active("乙", False)
    assert acc.authenticate("乙", "password-22") is None


def test_sessions_expire(tmp_path):
    acc = Accounts(str(tmp_path / "w.sqlite"), session_hours=-1)  # already past
    acc.add("甲", "password-1", "reviewer")
    sess = acc.start_session(acc.authenticate("甲", "password-1"))
    assert acc.session(sess.token) is None


def test_upload_names_and_urls():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\报告.docx") == "报告.docx"
    assert safe_name("a\x00b<>:|?.pdf") == "a_b_.pdf"
    assert safe_name("...") == "未命名文件"
    long = safe_name("长" * 300 + ".pdf")
    assert len(long) <= 120 and long.endswith(".pdf")
    assert parse_urls(" https://a.gov.cn/x.html \n\nhttp://b.gov.cn/y.pdf\nhttps://a.gov.cn/x.html") == \
        ["https://a.gov.cn/x.html", "http://b.gov.cn/y.pdf"]
    with pytest.raises(Exception, match="不是有效的网址"):
        parse_urls("javascript:alert(1)")


# -- commands ---------------------------------------------------------------------------------------


def test_user_commands(tmp_path):
    db = str(tmp_path / "c.duckdb")
    run = CliRunner()
    r = run.invoke(cli_app, ["user", "add", "主任", "--role", "admin", "--password", "password-1", "--db", db])
    assert r.exit_code == 0, r.output
    assert "已添加用户“主任”（管理员）" in r.output
    r = run.invoke(cli_app, ["user", "add", "科员", "--db", db], env={"FAZHI_PASSWORD": "password-2"})
    assert r.exit_code == 0, r.output
    r = run.invoke(cli_app, ["user", "add", "科员", "--password", "password-2", "--db", db])
    assert r.exit_code == 2 and "已存在" in r.output
    r = run.invoke(cli_app, ["user", "add", "访客", "--role", "guest", "--password", "password-3", "--db", db])
    assert r.exit_code == 2 and "角色只能是" in r.output
    r = run.invoke(cli_app, ["user", "list", "--db", db])
    assert "主任" in r.output and "审查人" in r.output
    assert run.invoke(cli_app, ["user", "role", "科员", "viewer", "--db", db]).exit_code == 0
    assert run.invoke(cli_app, ["user", "passwd", "科员", "--password", "password-9", "--db", db]).exit_code == 0
    assert run.invoke(cli_app, ["user", "disable", "科员", "--db", db]).exit_code == 0
    assert run.invoke(cli_app, ["user", "remove", "主任", "--db", db]).exit_code == 2  # the only admin
    assert run.invoke(cli_app, ["user", "remove", "科员", "--db", db]).exit_code == 0
    acc = Accounts(db + ".web.sqlite")
    assert [u["name"] for u in acc.users()] == ["主任"]
    assert acc.authenticate("主任", "password-1").role == "admin"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_without_an_admin_says_how_to_create_one(tmp_path):
    db = str(tmp_path / "c.duckdb")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--db", db, "--port", str(port)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line)
            if "网页工作台：" in line:
                break
        out = "".join(lines)
        assert "fazhi user add" in out and "--role admin" in out
        assert f"http://127.0.0.1:{port}/" in out
        while True:  # the line is printed just before the server starts listening
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, out
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_compare_aggregates_follow_the_corpus(tmp_path):
    """The indicator list and units are cached per corpus state: a new report shows at once."""
    from fazhi.corpus import Corpus
    from fazhi.web.comparison import indicators, unit_of

    examples = sorted((ROOT_DIR / "examples").glob("*.txt"))
    with Corpus(tmp_path / "c.duckdb") as c:
        ingest(c, [str(examples[0])], workers=1)
        before = {d["id"]: d["n"] for d in indicators(c)}
        ingest(c, [str(p) for p in examples[1:]], workers=1)
        after = {d["id"]: d["n"] for d in indicators(c)}
        assert sum(after.values()) > sum(before.values())
        assert unit_of(c, "reconsideration.closure_rate") == "%"
