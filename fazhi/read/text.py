"""Plain text: detect the encoding reliably and decode without moving offsets.

Published reports come as UTF-8 (with or without BOM), UTF-16 from Windows tools, and
GB18030/GBK/GB2312 from older sites and editors. We trust a BOM, then strict UTF-8,
then UTF-16 without BOM (many NULs), then GB18030 (a superset of GBK and GB2312) and
Big5, and only then ask charset-normalizer. The decoded string is kept exactly as
decoded (CRLF included) so that offsets point into the file as read.
"""
from __future__ import annotations

import codecs
import re

from ..data.labels import CJK
from ..record import Document
from ..settings import ReadSettings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust."""


# control characters other than line and page breaks, replacement characters, private use
_BAD = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd\ue000-\uf8ff]")


def _cjk_share(s: str) -> float:
    if not s:
        return 0.0
    return len(CJK.findall(s)) / len(s)


def _bad_share(s: str) -> float:
    if not s:
        return 0.0
    return len(_BAD.findall(s)) / len(s)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise DecodeError with a Chinese reason."""
    if not data:
        raise DecodeError("文件为空")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as e:
                raise DecodeError(f"文件以{enc}字节序标记开头，但内容无法按{enc}解码：{e.reason}") from e
    try:
        text = data.decode("utf-8")
        if _bad_share(text) < 0.01:
            return text, "utf-8"
    except UnicodeDecodeError:
        # UTF-8 but for a few invalid bytes (an encoded surrogate, a cut multi-byte character): keep the
        # text with U+FFFD in their place. A GBK file read as UTF-8 fails on nearly every character.
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") <= max(4, len(text) // 1000) and _bad_share(text.replace("\ufffd", "")) < 0.01:
            return text, "utf-8"
    sample = data[:4000]
    if len(sample) >= 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) / 2
        if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
            enc = "utf-16-le"
        elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
            enc = "utf-16-be"
        else:
            enc = ""
        if enc:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
    candidates: list[tuple[float, str, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _bad_share(text) < 0.01:
            candidates.append((_cjk_share(text), enc, text))
    if candidates:
        # GB18030 decodes almost anything; prefer it unless Big5 gives clearly more Chinese.
        candidates.sort(key=lambda c: (c[0], c[1] == "gb18030"), reverse=True)
        gb = next((c for c in candidates if c[1] == "gb18030"), None)
        best = candidates[0]
        if gb is not None and best[1] != "gb18030" and best[0] < gb[0] + 0.1:
            best = gb
        if best[0] > 0.05 or _bad_share(best[2]) == 0:
            return best[2], best[1]
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is not None:
        text = str(match)
        if _bad_share(text) < 0.01:
            return text, match.encoding
    if b"\x00" in sample:
        raise DecodeError("文件是二进制数据，不是文本，也不是可识别的文档格式")
    raise DecodeError("无法识别文本编码（已尝试UTF-8、UTF-16、GB18030、Big5）")


def read_text(data: bytes, source: str, settings: "ReadSettings | None" = None) -> Document:
    """Decode a plain-text file into a Document (an error Document when it cannot be). A text
    file needs no limits beyond the size `read_bytes` checked, so `settings` is accepted only
    for the readers' common signature."""
    try:
        text, enc = decode(data)
    except DecodeError as e:
        return Document(source=source, format="text", error=str(e))
    return Document(source=source, text=text, format="text", encoding=enc)
