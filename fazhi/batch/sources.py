"""What a batch reads: a lazy stream of inputs with the hash and the kind of work each needs.

A national run lists a million files, so nothing here holds the listing: directories are
walked one level at a time, lists and manifests are read line by line or batch by batch.
Each local input is read once here to take the sha256 of its bytes (what resumability
and de-duplication key on) and to sniff whether it needs OCR, which decides how the
engine schedules it: OCR takes seconds and hundreds of MB per page, text analysis
milliseconds. URLs are not fetched here; the worker fetches them, and they are keyed
by their address until then.

SOURCE can be:
- a directory (walked recursively in sorted order, hidden files skipped);
- a text file listing one path or URL per line (relative paths are relative to the
  list's directory; blank lines and lines starting with # are skipped);
- a Parquet or JSONL manifest with a column `source` (or `path`, or `url`), optionally
  `path` to read from when `source` is what the record should be called (a crawler's
  URL and its downloaded copy), and optionally `sha256` so that the bytes need not be
  read to decide whether a document is already done;
- a single report file.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..read import sniff
from ..read.inputs import is_report_file
from ..settings import DEFAULT, ReadSettings

SOURCE_TYPES = ("auto", "dir", "list", "parquet", "jsonl", "file")
_URL = ("http://", "https://")
# A PDF whose first pages hold fewer characters than this per page has no usable text layer.
# Scanned government PDFs carry at most a page number or a stamp's caption in text.
_MIN_TEXT_CHARS_PER_PAGE = 20
_PROBE_PAGES = 3


@dataclass(frozen=True, slots=True)
class Item:
    """One input to analyse: what to call it, where to read it, and what it needs."""

    source: str  # what the record names it
    path: str  # what to read (a path or a URL)
    sha256: str | None  # of the bytes; None for a URL (known only once fetched) or a missing file
    size: int = 0
    kind: str = "text"  # "text", "ocr" or "url": how it is chunked and capped

    @property
    def key(self) -> str:
        from ..dataset import row_key

        return row_key(self.sha256, self.source)


class SourceError(ValueError):
    """A SOURCE argument that cannot be listed (the message is for the user, in Chinese)."""


# ---------------------------------------------------------------- listing

def detect(spec: str, source_type: str = "auto") -> str:
    """What kind of SOURCE a command-line argument is."""
    if source_type != "auto":
        return source_type
    if spec.startswith(_URL):
        return "url"
    p = Path(spec)
    if p.is_dir():
        return "dir"
    if not p.is_file():
        raise SourceError(f"找不到“{spec}”：既不是目录，也不是文件或网址")
    name = p.name.lower()
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return "list" if _looks_like_list(p) else "file"


def _looks_like_list(p: Path) -> bool:
    """A text file whose first lines are all URLs or existing paths is a list, not a report."""
    try:
        with p.open("rb") as fh:
            head = fh.read(16384)
    except OSError:
        return False
    if sniff(head, p.name) != "text":
        return False
    try:
        lines = [ln.strip() for ln in head.decode("utf-8").splitlines()]
    except UnicodeDecodeError:
        return False
    lines = [ln for ln in lines[:50] if ln and not ln.startswith("#")]
    if not lines:
        return False
    return all(ln.startswith(_URL) or _resolve(ln, p.parent).exists() for ln in lines)


def _resolve(entry: str, base: Path) -> Path:
    q = Path(entry).expanduser()
    return q if q.is_absolute() else base / q


def _walk(root: Path, exclude: Path | None, skipped: list[str] | None = None) -> Iterator[Path]:
    """Report files under root in sorted order, one directory level in memory at a time.

    Files that are not report files (README, logos, .DS_Store; fazhi/read/inputs.py) are
    left out, and appended to `skipped` when given.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        p = Path(e.path)
        if e.is_dir(follow_symlinks=False):
            if e.name.startswith("."):
                continue
            if exclude is not None and p.resolve() == exclude:
                continue  # the output dataset lies inside the source directory
            yield from _walk(p, exclude, skipped)
        elif e.is_file():
            if is_report_file(p):
                yield p
            elif skipped is not None:
                skipped.append(str(p))


def not_report_files(specs: Iterable[str], source_type: str = "auto",
                     exclude: "str | os.PathLike[str] | None" = None) -> int:
    """How many files of the directory SOURCEs a batch leaves out as not report files."""
    excl = Path(exclude).resolve() if exclude is not None else None
    skipped: list[str] = []
    for spec in specs:
        if detect(spec, source_type) == "dir":
            for _ in _walk(Path(spec), excl, skipped):
                pass
    return len(skipped)


def entries(spec: str, source_type: str = "auto", exclude: "str | os.PathLike[str] | None" = None
            ) -> Iterator[tuple[str, str, str | None]]:
    """(source, path, sha256 or None) of every input a SOURCE names, lazily."""
    kind = detect(spec, source_type)
    excl = Path(exclude).resolve() if exclude is not None else None
    if kind == "url":
        yield spec, spec, None
    elif kind == "file":
        yield spec, spec, None
    elif kind == "dir":
        for p in _walk(Path(spec), excl):
            s = str(p)
            yield s, s, None
    elif kind == "list":
        base = Path(spec).parent
        with open(spec, encoding="utf-8-sig") as fh:
            for line in fh:
                ln = line.strip()
                if not ln or ln.startswith("#"):
                    continue
                if ln.startswith(_URL):
                    yield ln, ln, None
                else:
                    s = str(_resolve(ln, base))
                    yield s, s, None
    elif kind == "jsonl":
        base = Path(spec).parent
        with open(spec, encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise SourceError(f"清单 {spec} 第{n}行不是合法的 JSON：{e.msg}") from e
                yield _manifest_entry(obj, base, f"{spec} 第{n}行")
    elif kind == "parquet":
        yield from _parquet_entries(Path(spec))
    else:
        raise SourceError(f"未知的来源类型“{source_type}”，可选：{'、'.join(SOURCE_TYPES)}")


def _manifest_entry(obj: dict, base: Path, where: str) -> tuple[str, str, str | None]:
    if not isinstance(obj, dict):
        raise SourceError(f"{where}：每行应是一个对象")
    src = obj.get("source") or obj.get("url") or obj.get("path")
    if not src:
        raise SourceError(f"{where}：缺少 source、url 或 path 字段")
    path = obj.get("path") or src
    if not str(path).startswith(_URL):
        path = str(_resolve(str(path), base))
        if not obj.get("source") and not obj.get("url"):
            src = path
    sha = obj.get("sha256") or None
    return str(src), str(path), (str(sha).lower() if sha else None)


def _parquet_entries(p: Path) -> Iterator[tuple[str, str, str | None]]:
    try:
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - depends on the installed extras
        raise SourceError("读取 Parquet 清单需要组件 pyarrow，当前未安装：请运行 pip install pyarrow") from e
    pf = pq.ParquetFile(p)
    names = set(pf.schema_arrow.names)
    if not names & {"source", "url", "path"}:
        raise SourceError(f"Parquet 清单 {p} 缺少 source、url 或 path 列")
    cols = [c for c in ("source", "url", "path", "sha256") if c in names]
    for batch in pf.iter_batches(columns=cols, batch_size=4096):
        d = batch.to_pydict()
        for i in range(batch.num_rows):
            yield _manifest_entry({c: d[c][i] for c in cols}, p.parent, f"{p} 第{i + 1}行")


def count(specs: Iterable[str], source_type: str = "auto", exclude: "str | os.PathLike[str] | None" = None) -> int:
    """How many inputs the SOURCEs list, without reading them (for a progress bar's total)."""
    n = 0
    for spec in specs:
        kind = detect(spec, source_type)
        if kind == "parquet":
            import pyarrow.parquet as pq

            n += pq.ParquetFile(spec).metadata.num_rows
        else:
            n += sum(1 for _ in entries(spec, source_type, exclude))
    return n


# ---------------------------------------------------------------- describing one input

def hash_and_head(path: str, head_bytes: int = 4096) -> tuple[str, int, bytes]:
    """sha256 and size of a file read in 1 MiB blocks, with its first bytes for sniffing."""
    h = hashlib.sha256()
    size = 0
    head = b""
    with open(path, "rb") as fh:
        while True:
            block = fh.read(1 << 20)
            if not block:
                break
            if size == 0:
                head = block[:head_bytes]
            h.update(block)
            size += len(block)
    return h.hexdigest(), size, head


def pdf_has_text_layer(path: str) -> bool | None:
    """Whether the first pages of a PDF carry text; None when it cannot be told (no pypdfium2, a broken file).

    Opening with pdfium reads only the cross-reference table and the probed pages, so
    this costs about a millisecond a page however large the file is.
    """
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        pdf = pdfium.PdfDocument(path)
    except Exception:
        return None
    try:
        n = min(len(pdf), _PROBE_PAGES)
        if n == 0:
            return None
        chars = 0
        for i in range(n):
            page = pdf[i]
            tp = page.get_textpage()
            chars += len(tp.get_text_range().strip())
            tp.close()
            page.close()
        return chars >= _MIN_TEXT_CHARS_PER_PAGE * n
    except Exception:
        return None
    finally:
        pdf.close()


def work_kind(path: str, head: bytes, settings: ReadSettings = DEFAULT) -> str:
    """"ocr" for an input that will be read by OCR (an image, a PDF without a text layer), else "text"."""
    if settings.ocr == "never":
        return "text"
    fmt = sniff(head, path)
    if fmt == "image":
        return "ocr"
    if fmt == "pdf":
        if settings.ocr == "always":
            return "ocr"
        has_text = pdf_has_text_layer(path)
        return "ocr" if has_text is False else "text"
    return "text"


def describe(source: str, path: str, sha256: str | None, settings: ReadSettings = DEFAULT) -> Item:
    """An Item for one listed input: hash it (unless the manifest did) and decide its kind."""
    if path.startswith(_URL):
        return Item(source, path, sha256, 0, "url")
    try:
        if sha256 is None:
            sha256, size, head = hash_and_head(path)
        else:
            size = os.path.getsize(path)
            with open(path, "rb") as fh:
                head = fh.read(4096)
    except OSError:
        # the worker reports it as unreadable (文件不存在 / 无法打开), keyed by its source
        return Item(source, path, None, 0, "text")
    return Item(source, path, sha256, size, work_kind(path, head, settings))


def iter_items(specs: Iterable[str], source_type: str = "auto", settings: ReadSettings = DEFAULT,
               exclude: "str | os.PathLike[str] | None" = None) -> Iterator[Item]:
    """Every input the SOURCEs name, described, lazily and in listing order."""
    for spec in specs:
        for source, path, sha in entries(spec, source_type, exclude):
            yield describe(source, path, sha, settings)
