"""Defect injection (bench/inject.py) against its floors in tests/golden/inject_floors.json.

The floors only move up: each entry of the file's history must catch at least as many
planted defects per check, and raise no more false flags, than the entry before it, and
the current code must reach the last entry. Both halves of the written reports are
measured (the held-out half is written in phrasings the tuned half never uses), the six
hand-written reports of the fresh half, and the eight of fresh2 (styles none of the others
use: 第一部分 parts of a 厅, 1、/（1）/① outlines, traditional script, merged parts, tables as
text rows, an older 依法行政 report, a development zone), the four of fresh3, the two of fresh4
and the five of fresh5 (run-in top-level headings, four levels deep, a 2017 report with a table
of figures, 一是 paragraphs with the plan under the shortcomings, a table one cell per line) and the
two of fresh6 (written after the fresh5 fixes to measure them: （一） items run in after a colon
with a 本年/上年/增减 table, 第一，/第二， paragraphs with an unlabelled one-cell-per-line table), and
the two of fresh7 (written after those: a 2019 乡 report of 1、 items, a district report full of
traps: growth over 100 %, a ranking, hotline and document numbers) and fresh8 (a city bureau with
问题一： problems, a county page that lost its line breaks) and fresh9 (a new district's 管委会 with
approximate figures and a trailing 合计, a 2025 county report with colon run-in items) and the
seven of fresh10 (a 乡 report in prose with no numbered headings, a bureau's pipe tables, a comparison
with last year in every paragraph, 其中 in nearly every sentence of a street's report, a 厅's 第X部分
on lines of their own, a county report of bullet lists, 【…】 headings) and the four of fresh11
(关键词一： parts, full-width １． and 1） items, a province's ——-led paragraphs, headings ending in a
colon with a tab-separated 附表) and the four of fresh12 (a page kept as Markdown, half-width
punctuation with thousands commas, 一　标题 headings with an 一要 plan, a township report) and the
three of fresh13 (a PDF's page numbers between paragraphs, an 抄送/印发 block, dash run-in titles)
and the three of fresh14 (a table in full-width bars, 壹、贰、 headings, (1) at the top level) and the
three of fresh15 (a 其他需要报告的事项 part, a 目录 above the text, a PDF's hard line breaks) and the
two of fresh16 (a plan as a table of tasks, a footnote mark after a count) and the four of fresh17
(a 厅's 第一部分：… parts, a street's ◆ parts over 【…，…】 sub-parts, a letter with figures in
brackets, 1.1 headings over item: figure lines) and the three of fresh18 (a 司法局's 一是 paragraphs
with no part headings, ①②③ runs, a district report in the third person by its 依法治区办) and the
three of fresh19 (「」 keyword paragraphs of a 旗, spaced numbers in ▶ data lines, 任务一：/完成情况：
pairs) and the four of fresh20 (a province's long paragraphs to 国务院 with 亿元 and 八成, 序号/工作内容/完成情况
rows, three 一是 paragraphs, one-line paragraphs in Chinese numerals) and the three of fresh21 (01｜ parts
over ◎ lines, a month-by-month account, a report in 问：/答： pairs) and the four of fresh22 (a 自治州's
前言 over （一）/1./(1) levels, a bureau's figures in brackets with 同比, 第一部分 parts over ① lines, a
street's 附： data lines and a date in Chinese numerals) and the four of fresh23 (a 厅's 工作总结 opening
with 项目：数值 lines, a district's parts led by a sentence instead of a heading with 万件/千人次 figures, a
乡's one-line paragraphs in Chinese numerals over a 附件 list, a city's report sent by its 法治办 with a
文号, a 主送 line and a 抄送 line)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import inject

FLOORS = Path(__file__).resolve().parent / "golden" / "inject_floors.json"


def _load() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def test_floors_only_move_up():
    hist = _load()["history"]
    for old, new in zip(hist, hist[1:]):
        for half in old:
            for check, v in old[half].items():
                assert new[half][check]["caught"] >= v["caught"], (half, check)
                assert new[half][check]["false_flags"] <= v["false_flags"], (half, check)


@pytest.mark.parametrize("half", inject.HALVES)
def test_injection_reaches_floors(half):
    floors = _load()
    res = inject.run(half, floors["seed"], floors["per"])
    last = floors["history"][-1].get(half)
    if last is None:
        pytest.skip(f"no floor recorded yet for the {half} half")
    for check, v in last.items():
        got = res["checks"].get(check, {"injected": 0, "caught": 0, "false_flags": 0})
        assert got["caught"] >= v["caught"], f"{check}: {got['caught']} caught, floor {v['caught']}"
        assert got["false_flags"] <= v["false_flags"], f"{check}: {got['false_flags']} false flags, at most {v['false_flags']}"
