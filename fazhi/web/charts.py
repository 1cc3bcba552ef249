"""Bar and line charts as SVG, drawn on the server.

Why not a charting library in the browser: the workspace must work with no internet and
no CDN, and a chart that is markup is printable, copyable into a report and readable by
tests. The charts are sized for a projector (labels 22 px, titles 30 px at 1200 px wide),
labelled in Chinese, with values written as the reports write them (20.56万件). Every
label is XML-escaped; only presentation attributes are used (the pages' Content Security
Policy forbids inline styles).
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from html import escape

from .fmt import cn_number

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei, sans-serif"
# Okabe–Ito: distinguishable by colour-blind viewers and on a washed-out projector
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
WIDTH = 1200
LABEL = 22
TITLE = 30
MAX_LABEL_CHARS = 14


def _w(s: str, size: float) -> float:
    """Approximate drawn width: a CJK character is one em, other characters about 0.55 em."""
    return sum(size if unicodedata.east_asian_width(c) in ("W", "F") else size * 0.55 for c in s)


def _short(s: str, limit: int = MAX_LABEL_CHARS) -> str:
    return s if len(s) <= limit else s[:limit - 1] + "…"


def _e(s: object) -> str:
    return escape(str(s), quote=True)


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi] (lo ≤ 0 ≤ hi for bars)."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t < hi + step * 0.999:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _frame(height: int, title: str, subtitle: str, body: list[str]) -> str:
    head = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
             f'height="{height}" role="img" aria-label="{_e(title)}" font-family="{_e(FONT)}" class="chart">'),
            f"<title>{_e(title)}</title>",
            f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
            (f'<text x="{WIDTH / 2}" y="44" font-size="{TITLE}" font-weight="bold" text-anchor="middle" '
             f'fill="#111">{_e(title)}</text>')]
    if subtitle:
        head.append(f'<text x="{WIDTH / 2}" y="80" font-size="{LABEL - 2}" text-anchor="middle" fill="#444">'
                    f"{_e(subtitle)}</text>")
    return "\n".join(head + body + ["</svg>"])


def empty_chart(title: str, message: str = "没有符合条件的数据") -> str:
    note = f'<text x="{WIDTH / 2}" y="180" font-size="{LABEL + 4}" text-anchor="middle" fill="#666">{_e(message)}</text>'
    return _frame(300, title, "", [note])


def bar_chart(labels: Sequence[str], values: Sequence[float], title: str, unit: str = "", subtitle: str = "") -> str:
    """Horizontal bars, one per label, largest first as given; value written at each bar's end."""
    kept = [(lbl, v) for lbl, v in zip(labels, values) if v is not None and math.isfinite(v)]  # no bar for NaN/inf
    labels, values = [lbl for lbl, _ in kept], [v for _, v in kept]
    if not labels:
        return empty_chart(title)
    row = 46
    top = 110
    label_w = max(_w(_short(str(lbl)), LABEL) for lbl in labels) + 24
    left = max(160, min(label_w, 420))
    right = 160
    plot_w = WIDTH - left - right
    lo = min(0.0, min(values))
    hi = max(0.0, max(values))
    ticks = nice_ticks(lo, hi)
    t0, t1 = ticks[0], ticks[-1]

    def x(v: float) -> float:
        return left + (v - t0) / (t1 - t0) * plot_w

    height = top + row * len(labels) + 70
    body: list[str] = []
    for t in ticks:
        body.append(f'<line x1="{x(t):.1f}" y1="{top - 8}" x2="{x(t):.1f}" y2="{top + row * len(labels)}" '
                    f'stroke="#d0d0d0" stroke-width="1"/>')
        body.append(f'<text x="{x(t):.1f}" y="{top + row * len(labels) + 32}" font-size="{LABEL - 4}" '
                    f'text-anchor="middle" fill="#333">{_e(cn_number(t, unit if unit == "%" else ""))}</text>')
    zero = x(0.0)
    for i, (lbl, v) in enumerate(zip(labels, values)):
        y = top + i * row
        x0, x1 = sorted((zero, x(v)))
        body.append(f'<g class="bar"><title>{_e(lbl)}：{_e(cn_number(v, unit))}</title>'
                    f'<rect x="{x0:.1f}" y="{y + 7}" width="{max(x1 - x0, 1):.1f}" height="{row - 14}" '
                    f'fill="{PALETTE[0]}"/></g>')
        body.append(f'<text x="{left - 12}" y="{y + row / 2 + 8}" font-size="{LABEL}" text-anchor="end" '
                    f'fill="#111">{_e(_short(str(lbl)))}</text>')
        body.append(f'<text x="{x1 + 8:.1f}" y="{y + row / 2 + 8}" font-size="{LABEL}" fill="#111">'
                    f"{_e(cn_number(v, unit))}</text>")
    body.append(f'<line x1="{zero:.1f}" y1="{top - 8}" x2="{zero:.1f}" y2="{top + row * len(labels)}" '
                f'stroke="#333" stroke-width="2"/>')
    return _frame(height, title, subtitle, body)


def line_chart(years: Sequence[int], series: Sequence[tuple[str, Sequence[float | None]]], title: str,
               unit: str = "", subtitle: str = "") -> str:
    """One line per series over the years; a missing year breaks the line; a legend on the right."""
    series = [(name, [v if v is not None and math.isfinite(v) else None for v in vs]) for name, vs in series]
    if not years or not any(v is not None for _, vs in series for v in vs):
        return empty_chart(title)
    top, bottom = 110, 90
    legend_w = max(_w(_short(name), LABEL) for name, _ in series) + 70
    right = min(max(legend_w, 200), 420)
    vals = [v for _, vs in series for v in vs if v is not None]
    lo, hi = min(vals), max(vals)
    ticks = nice_ticks(min(0.0, lo) if lo >= 0 and lo < hi * 0.5 else lo, hi)
    t0, t1 = ticks[0], ticks[-1]
    axis_w = max(_w(cn_number(t, unit if unit == "%" else ""), LABEL - 2) for t in ticks) + 30
    left = max(90, axis_w)
    plot_w = WIDTH - left - right
    height = 620
    plot_h = height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w / 2 if len(years) == 1 else i * plot_w / (len(years) - 1))

    def y(v: float) -> float:
        return top + plot_h - (v - t0) / (t1 - t0) * plot_h

    body: list[str] = []
    for t in ticks:
        body.append(f'<line x1="{left}" y1="{y(t):.1f}" x2="{left + plot_w}" y2="{y(t):.1f}" stroke="#d0d0d0"/>')
        body.append(f'<text x="{left - 10}" y="{y(t) + 7:.1f}" font-size="{LABEL - 2}" text-anchor="end" '
                    f'fill="#333">{_e(cn_number(t, unit if unit == "%" else ""))}</text>')
    for i, yr in enumerate(years):
        body.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 36}" font-size="{LABEL}" text-anchor="middle" '
                    f'fill="#111">{_e(f"{yr}年")}</text>')
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333" '
                f'stroke-width="2"/>')
    if unit:
        body.append(f'<text x="{left}" y="{top - 16}" font-size="{LABEL - 4}" fill="#444">单位：{_e(unit)}</text>')
    for s, (name, vs) in enumerate(series):
        color = PALETTE[s % len(PALETTE)]
        d, pen = [], "M"
        for i, v in enumerate(vs):
            if v is None:
                pen = "M"
                continue
            d.append(f"{pen}{x(i):.1f},{y(v):.1f}")
            pen = "L"
        body.append(f'<g class="series"><title>{_e(name)}</title>')
        if d:
            body.append(f'<path d="{" ".join(d)}" fill="none" stroke="{color}" stroke-width="4"/>')
        for i, v in enumerate(vs):
            if v is not None:
                body.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="7" fill="{color}">'
                            f"<title>{_e(name)} {years[i]}年：{_e(cn_number(v, unit))}</title></circle>")
        body.append("</g>")
        ly = top + 10 + s * 40
        lx = WIDTH - right + 24
        body.append(f'<rect x="{lx}" y="{ly}" width="26" height="8" fill="{color}"/>')
        body.append(f'<text x="{lx + 36}" y="{ly + 10}" font-size="{LABEL}" fill="#111">{_e(_short(name))}</text>')
    return _frame(height, title, subtitle, body)
