"""Pages saved by a crawl: the manifest that says where each stored file came from.

`fazhi crawl` (fazhi.crawl) stores every page and attachment it fetches under one directory
and appends one JSON line per fetch to ``fazhi-crawl.jsonl`` there. Reading such a page later
needs two answers from that manifest: the page's original URL (relative links and a date in
the URL resolve against it) and where the attachment a link-only page points to was stored.
The reading side lives here, below the crawler, so that the readers never import it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

MANIFEST = "fazhi-crawl.jsonl"


def load_manifest(out: Path) -> dict[str, dict]:
    """The last record of every URL fetched into `out` (by URL and by final URL)."""
    records: dict[str, dict] = {}
    path = Path(out) / MANIFEST
    if not path.is_file():
        return records
    for line in path.read_text("utf-8").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by an interrupted run
        if not isinstance(rec, dict) or "url" not in rec:
            continue
        if rec.get("status") == 304:
            prev = records.get(rec["url"], {})
            rec = {**prev, "checked_at": rec.get("fetched_at")}
        records[rec["url"]] = rec
        if rec.get("final_url"):
            records.setdefault(rec["final_url"], rec)
    return records


def lookup(path: Path) -> tuple[str | None, dict[str, str]]:
    """For a file saved by a crawl: its original URL, and every stored URL's absolute path.

    Only paths inside the manifest's own folder are returned: a crafted manifest beside a saved
    page cannot make a reader open a file elsewhere. Readers of uploads do not consult manifests
    at all (ReadSettings.crawl_manifests)."""
    path = Path(path).resolve()
    for parent in list(path.parents)[:10]:
        manifest = parent / MANIFEST
        if manifest.is_file():
            st = manifest.stat()
            url_of, path_of = _index(str(parent), st.st_mtime_ns, st.st_size)
            return url_of.get(str(path)), path_of
    return None, {}


@lru_cache(maxsize=8)
def _index(root: str, _mtime: int, _size: int) -> tuple[dict[str, str], dict[str, str]]:
    url_of: dict[str, str] = {}
    path_of: dict[str, str] = {}
    base = Path(root).resolve()
    for url, rec in load_manifest(Path(root)).items():
        stored = rec.get("path")
        if not isinstance(stored, str) or not stored:
            continue
        full = (base / stored).resolve()
        if base not in full.parents:
            continue  # ../../etc/passwd, an absolute path, a symlink out: never outside the crawl's folder
        path_of[url] = str(full)
        url_of.setdefault(str(full), rec.get("final_url") or rec["url"])
    return url_of, path_of
