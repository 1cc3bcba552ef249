"""Rates and year-on-year changes: computed and printed one way for the whole package.

The drafter's draft states rates and changes, the arithmetic checks verify the ones a report
states, and the corpus checks compare a claim with last year's figure. They must agree on
what a printed rate means: "87.2%" claims 87.15–87.25 (half a unit of its last printed
decimal, widened by 约), and a change of a rate is in 百分点, never in per cent. Keeping
the arithmetic here, with no dependency on the rest of fazhi, lets every caller share it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

_DECIMALS = re.compile(r"\d+(?:\.(\d+))?")

DEFAULT_DECIMALS = 1
"""Decimals of a rate computed for a draft when the ledger gives none (reports print 87.2%)."""


def decimals(printed: str) -> int:
    """The decimals a printed number shows ("87.20%" → 2, "100%" → 0)."""
    m = _DECIMALS.search(printed)
    return len(m.group(1)) if m and m.group(1) else 0


def tolerance(decimals_shown: int, approx: bool = False) -> float:
    """How far the true value may lie from a printed one: half a unit of its last decimal;
    an approximate figure (约/近/左右) gets half a point more."""
    tol = 0.5 * 10 ** (-decimals_shown)
    return tol + 0.5 if approx else tol


def rate(part: float, whole: float) -> float | None:
    """part / whole in per cent, or None without a positive whole."""
    if not whole or whole <= 0 or not math.isfinite(part) or not math.isfinite(whole):
        return None
    return 100.0 * part / whole


def agrees(stated: float, part: float, whole: float, decimals_shown: int, approx: bool = False) -> bool:
    """Whether a stated rate can be part / whole at the precision it is printed with."""
    expected = rate(part, whole)
    return expected is not None and abs(expected - stated) <= tolerance(decimals_shown, approx) + 1e-9


def round_half_up(value: float, ndigits: int) -> float:
    """Round as a drafter does by hand (77.45 → 77.5), not Python's banker's rounding."""
    q = 10 ** ndigits
    return math.floor(value * q + 0.5 + 1e-9) / q


def format_number(value: float, ndigits: int | None = None) -> str:
    """A count or amount as a report prints it: integers without a point, others as given."""
    if ndigits is not None:
        return f"{round_half_up(value, ndigits):.{ndigits}f}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def format_rate(value: float, ndigits: int = DEFAULT_DECIMALS) -> str:
    """A rate with its per-cent sign; 100 and 0 print without decimals, as reports write them."""
    r = round_half_up(value, ndigits)
    if r in (0.0, 100.0):
        return f"{int(r)}%"
    return f"{r:.{ndigits}f}%"


@dataclass(frozen=True)
class Change:
    """This year's value against last year's: `delta` in the figure's unit (百分点 for a rate),
    `percent` the relative change of a count (None for a rate, or when last year was 0)."""

    current: float
    previous: float
    delta: float
    percent: float | None
    points: bool

    @property
    def direction(self) -> str:
        return "up" if self.delta > 0 else "down" if self.delta < 0 else "flat"


def change(current: float, previous: float, is_rate: bool = False) -> Change:
    delta = current - previous
    percent = None if is_rate or previous <= 0 else 100.0 * delta / previous
    return Change(current, previous, delta, percent, is_rate)


def change_phrase(c: Change, unit: str, ndigits: int = DEFAULT_DECIMALS, value_digits: int | None = None) -> str:
    """The clause a report writes after this year's figure: "较上年增加5件、增长10.6%",
    "较上年减少3件、下降6.3%", "较上年提高2.1个百分点", "与上年持平".

    The per-cent change is of last year's figure; a rate's change is its difference in points.
    The absolute change is printed with the figure's own precision (`value_digits`)."""
    if c.direction == "flat":
        return "与上年持平"
    up = c.direction == "up"
    size = abs(c.delta)
    if c.points:
        return f"较上年{'提高' if up else '下降'}{format_number(size, ndigits)}个百分点"
    text = f"较上年{'增加' if up else '减少'}{format_number(size, value_digits)}{unit}"
    if c.percent is not None:
        pct = round_half_up(abs(c.percent), ndigits)
        if pct > 0:
            text += f"、{'增长' if up else '下降'}{pct:.{ndigits}f}%"
    return text
