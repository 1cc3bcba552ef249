"""Opening ZIP containers (archives, DOCX, OFD) without trusting their headers.

A zip bomb declares a small compressed size and inflates to gigabytes; an XML part can
declare entities that expand a thousandfold. Every container is checked against the
limits in `ReadSettings` before anything is inflated, members are read through a capped
stream (a lying size header cannot push us past the cap), and XML parts that declare a
DTD are refused: no document format we read needs one.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..settings import ReadSettings

_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


class ZipRefused(ValueError):
    """The container breaks a limit or is damaged; the message is the Chinese reason."""


def open_zip(data: bytes, settings: ReadSettings, what: str = "压缩包") -> zipfile.ZipFile:
    """Open a ZIP after checking member count, declared sizes and compression ratios."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as e:
        raise ZipRefused(f"{what}已损坏或被截断，无法打开（{e}）") from e
    if len(infos) > settings.zip_max_members:
        raise ZipRefused(f"{what}包含 {len(infos)} 个文件，超过上限 {settings.zip_max_members} 个")
    total = sum(i.file_size for i in infos)
    if total > settings.zip_max_total_bytes:
        raise ZipRefused(f"{what}解压后共 {total / 1048576:.0f} MB，超过上限 {settings.zip_max_total_bytes / 1048576:.0f} MB"
                         "（可能是压缩炸弹）")
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > settings.zip_max_ratio * max(i.compress_size, 1):
            raise ZipRefused(f"{what}中的“{i.filename}”压缩比异常（{i.file_size // max(i.compress_size, 1)} 倍），"
                             "疑似压缩炸弹，拒绝解压")
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Inflate one member, never more than `limit` bytes whatever its header says."""
    if info.flag_bits & 0x1:
        raise ZipRefused(f"“{info.filename}”已加密（需要密码）")
    if info.file_size > limit:
        raise ZipRefused(f"“{info.filename}”解压后 {info.file_size / 1048576:.0f} MB，超过上限 {limit / 1048576:.0f} MB")
    try:
        with zf.open(info) as f:
            out = f.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError) as e:
        raise ZipRefused(f"“{info.filename}”已损坏或使用了不支持的压缩方式（{e}）") from e
    if len(out) > limit:
        raise ZipRefused(f"“{info.filename}”解压后超过上限 {limit / 1048576:.0f} MB（大小信息不实，疑似压缩炸弹）")
    return out


def has_dtd(xml: bytes) -> bool:
    """A DTD (and so any entity declaration) can only come before the root element."""
    head = xml[:8192]
    root = re.search(rb"<[A-Za-z_]", head)
    return bool(_DTD.search(head if root is None else head[: root.start() + 1]))


def check_xml_parts(zf: zipfile.ZipFile, settings: ReadSettings, what: str) -> None:
    """Refuse a package whose XML parts declare a DTD or exceed the per-part limit."""
    for info in zf.infolist():
        name = info.filename.lower()
        if not name.endswith((".xml", ".rels")):
            continue
        if info.file_size > settings.xml_max_bytes:
            raise ZipRefused(f"{what}中的“{info.filename}”有 {info.file_size / 1048576:.0f} MB，超过上限 "
                             f"{settings.xml_max_bytes / 1048576:.0f} MB")
        if info.flag_bits & 0x1:
            raise ZipRefused(f"{what}已加密（需要密码），无法读取")
        try:
            with zf.open(info) as f:
                head = f.read(8192)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError) as e:
            raise ZipRefused(f"{what}中的“{info.filename}”已损坏（{e}）") from e
        if has_dtd(head):
            raise ZipRefused(f"{what}中的“{info.filename}”含有 DTD/实体声明（可能是 XML 实体攻击），拒绝读取")
