"""CSV and Parquet exports for researchers: one table, English column names, values as stored.

CSV is written with a UTF-8 byte-order mark, because Excel on a Chinese Windows reads a
BOM-less UTF-8 file as GBK and shows mojibake; pandas, R and DuckDB ignore the mark.
List columns (missing_contents) become 、-joined text in CSV and stay lists in Parquet.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from .frames import as_list, frame, safe_frame


def write_table(corpus, path: "str | os.PathLike[str]", name: str, registry=None, **options: Any) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    df = frame(corpus, name, registry=registry, **options)
    if p.suffix.lower() == ".parquet":
        df.to_parquet(p, index=False)
    else:
        out = df.copy()
        for col in out.columns:
            if out[col].map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
                out[col] = out[col].map(lambda v: "、".join(map(str, as_list(v))))
        safe_frame(out).to_csv(p, index=False, encoding="utf-8-sig")
    return p
