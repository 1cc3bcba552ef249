"""DOC, WPS and RTF: converted to DOCX by LibreOffice in headless mode, then read as DOCX.

The old binary formats (Word 97–2003 .doc, Kingsoft WPS .wps, both OLE compound files)
have no maintained pure-Python reader; LibreOffice converts them faithfully, tables
included (its plain-text export runs table cells together, so we convert to DOCX and read
that). Each conversion runs in its own temporary profile (two LibreOffice processes
sharing one profile block each other), in its own process group, and is killed at
`settings.soffice_timeout`. Without LibreOffice the document gets a clear Chinese reason
naming what to install.

We look into the OLE directory only to name what the file is: a Word or WPS document,
an encrypted Office file (an OOXML file with a password is an OLE container holding
EncryptedPackage), or a spreadsheet or presentation that is not a report.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..record import Document
from ..settings import ReadSettings

_SOFFICE_PLACES = (
    "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
MISSING = ("读取 .doc/.wps 文件需要 LibreOffice，但本机未安装。请安装 LibreOffice"
           "（Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk；"
           "其他系统见 https://www.libreoffice.org），或把文件另存为 .docx 或 PDF 后再分析")


def soffice_path() -> str | None:
    """Where LibreOffice's soffice is, or None (FAZHI_SOFFICE overrides the search)."""
    env = os.environ.get("FAZHI_SOFFICE")
    if env:
        return env if Path(env).is_file() else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in _SOFFICE_PLACES if Path(p).is_file()), None)


def _streams(data: bytes) -> set[str]:
    """Names of the streams an OLE file holds, found as UTF-16 names in its directory."""
    names = ("WordDocument", "EncryptedPackage", "EncryptionInfo", "Workbook", "Book", "PowerPoint Document",
             "WpsCustomData", "KSOProductBuildVer", "1Table", "0Table")
    return {n for n in names if n.encode("utf-16-le") in data}


def ole_kind(data: bytes, source: str) -> str:
    """doc | wps | encrypted | spreadsheet | presentation | unknown."""
    s = _streams(data)
    if "EncryptedPackage" in s or "EncryptionInfo" in s:
        return "encrypted"
    if "WordDocument" in s:
        low = source.lower()
        if low.endswith((".wps", ".wpt")) or "WpsCustomData" in s or "KSOProductBuildVer" in s:
            return "wps"
        return "doc"
    if "Workbook" in s or "Book" in s:
        return "spreadsheet"
    if "PowerPoint Document" in s:
        return "presentation"
    return "unknown"


def convert(data: bytes, suffix: str, settings: ReadSettings, target: str = "docx") -> tuple[bytes | None, str | None]:
    """(converted bytes, None) or (None, Chinese reason), via soffice --convert-to."""
    soffice = soffice_path()
    if soffice is None:
        return None, MISSING
    with tempfile.TemporaryDirectory(prefix="fazhi-lo-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
               "--nodefault", "--nofirststartwizard", "--convert-to", target, "--outdir", tmp, str(src)]
        kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
        if os.name == "posix":
            kwargs["start_new_session"] = True
        try:
            proc = subprocess.Popen(cmd, **kwargs)
        except OSError as e:
            return None, f"无法启动 LibreOffice（{e}）"
        try:
            _out, err = proc.communicate(timeout=settings.soffice_timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            return None, f"LibreOffice 转换超过 {settings.soffice_timeout:.0f} 秒仍未完成，已中止（文件可能异常）"
        out = Path(tmp) / f"input.{target}"
        if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            detail = (err or b"").decode("utf-8", "replace").strip().splitlines()
            hint = f"：{detail[-1][:200]}" if detail else ""
            return None, f"LibreOffice 无法转换该文件（可能已加密或损坏）{hint}"
        return out.read_bytes(), None


def _kill(proc: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover
        pass


def read_ole(data: bytes, source: str, settings: ReadSettings) -> Document:
    """A .doc or .wps (OLE compound file), converted by LibreOffice and read as DOCX."""
    kind = ole_kind(data, source)
    fmt = kind if kind in ("doc", "wps") else "doc"
    if kind == "encrypted":
        return Document(source=source, format=fmt, error="文档已加密（需要密码），无法读取；请提供未加密的文件")
    if kind == "spreadsheet":
        return Document(source=source, format=fmt, error="这是 Excel 表格文件（.xls），不是报告文档")
    if kind == "presentation":
        return Document(source=source, format=fmt, error="这是 PowerPoint 演示文件（.ppt），不是报告文档")
    if kind == "unknown":
        return Document(source=source, format=fmt, error="无法识别的 OLE 复合文档（不是 Word 或 WPS 文字文件），或文件已损坏")
    converted, error = convert(data, f".{kind}", settings)
    if converted is None:
        return Document(source=source, format=fmt, error=error)
    from .docx import read_docx

    doc = read_docx(converted, source, settings, fmt=fmt)
    doc.meta["converted_by"] = "LibreOffice"
    return doc


def read_rtf(data: bytes, source: str, settings: ReadSettings) -> Document:
    """RTF, converted by LibreOffice like a .doc."""
    converted, error = convert(data, ".rtf", settings)
    if converted is None:
        return Document(source=source, format="rtf", error=error.replace(".doc/.wps", ".rtf") if error else error)
    from .docx import read_docx

    doc = read_docx(converted, source, settings, fmt="rtf")
    doc.meta["converted_by"] = "LibreOffice"
    return doc
