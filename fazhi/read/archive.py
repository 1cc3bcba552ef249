"""ZIP archives of reports: every member read by its own format, recursively, within limits.

Reviewers receive a township's or a department's reports as one zip. Each member becomes
its own Document with source ``archive.zip!folder/member.pdf`` and its own format. Nested
archives are opened up to `zip_max_depth` levels, and one byte budget
(`zip_max_total_bytes`) is shared by the whole tree, so a zip of zips cannot multiply
its way past the limit. Member names are decoded the way Chinese tools wrote them (UTF-8
or GBK without the UTF-8 flag).
"""
from __future__ import annotations

import zipfile

from ..record import Document
from ..settings import ReadSettings
from .zipsafe import ZipRefused, open_zip, read_member

_SKIP = ("__macosx/", ".ds_store", "thumbs.db", "desktop.ini")


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its producer meant it (zipfile assumes CP437 without the UTF-8 flag)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return info.filename


def read_zip(data: bytes, source: str, settings: ReadSettings) -> list[Document]:
    """Every document inside a ZIP archive (see module doc)."""
    from . import read_bytes

    depth = settings.context.zip_depth
    budget = settings.context.zip_budget
    if budget is None:
        budget = [settings.zip_max_total_bytes]
    if depth >= settings.zip_max_depth:
        return [Document(source=source, format="zip",
                         error=f"压缩包嵌套超过 {settings.zip_max_depth} 层，不再展开（可能是压缩炸弹）")]
    try:
        zf = open_zip(data, settings)
    except ZipRefused as e:
        return [Document(source=source, format="zip", error=str(e))]
    inner = settings.within(zip_depth=depth + 1, zip_budget=budget)
    docs: list[Document] = []
    with zf:
        for info in zf.infolist():
            name = member_name(info)
            low = name.lower()
            if info.is_dir() or any(s in low for s in _SKIP) or low.rsplit("/", 1)[-1].startswith("."):
                continue
            member_source = f"{source}!{name}"
            if info.file_size > budget[0]:
                docs.append(Document(source=member_source, format="unknown",
                                     error="压缩包解压总量超过上限，其余文件未读取（可能是压缩炸弹）"))
                break
            try:
                payload = read_member(zf, info, min(settings.max_bytes, budget[0]))
            except ZipRefused as e:
                docs.append(Document(source=member_source, format="unknown", error=str(e)))
                continue
            budget[0] -= len(payload)
            docs.extend(read_bytes(payload, member_source, inner))
    if not docs:
        return [Document(source=source, format="zip", error="压缩包中没有可读取的文件")]
    return docs
