"""Which files of a walked directory are report files.

A reviewer points fazhi at a folder as it came from units or from a crawl: beside the
reports it holds a README, logos, a spreadsheet of units, `.DS_Store`. Reading those as
reports attributes them to a unit and flags "findings" in them, which a reviewer would
then pass on. So a directory walk takes report formats only (fazhi/data/inputs.toml) and
counts what it skipped; a file named explicitly is always read (its format is sniffed).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..data import load


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load("inputs.toml")
    return {"report": frozenset(data["report_suffixes"]), "image": frozenset(data["image_suffixes"]),
            "min_px": int(data["image_min_pixels"]), "prefixes": tuple(data["skip_prefixes"]),
            "names": frozenset(data["skip_names"])}


def _image_is_page(path: Path, min_px: int) -> bool:
    """A scanned page rather than a logo: both sides at least `min_px` (read from the header only)."""
    try:
        from PIL import Image

        with Image.open(path) as im:
            w, h = im.size
    except Exception:  # not an image Pillow knows (or no Pillow): let the reader say what it is
        return True
    return min(w, h) >= min_px


def is_report_file(path: "str | Path") -> bool:
    """Whether a file met in a directory walk should be read as a report."""
    p = Path(path)
    name = p.name.lower()
    rules = _rules()
    if name.startswith(".") or name in rules["names"] or name.startswith(rules["prefixes"]):
        return False
    suffix = p.suffix.lower()
    if suffix in rules["report"]:
        return True
    if suffix in rules["image"]:
        return _image_is_page(p, rules["min_px"])
    return False


def skipped_line(n: int) -> str:
    """The one line the commands print about what a walk left out."""
    return f"跳过 {n} 个非报告文件（说明文档、图标、系统文件等；如需读取，请直接指定文件）"
