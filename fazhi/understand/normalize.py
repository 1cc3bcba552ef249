"""A normalised view of the text with exactly the same length, for matching only.

Reports mix full-width and half-width digits and punctuation (the seeds use ASCII
commas and brackets; most web pages use full-width ones), non-breaking and ideographic
spaces, and sometimes traditional characters. Every matcher runs on this view, in
which each character is replaced by at most one character, so an offset found in the
view is an offset into the text as read.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..data.labels import CJK

# Characters whose NFKC form we must not take: circled numbers keep their outline role,
# and a few CJK compatibility forms NFKC would widen into several characters.
_KEEP = set("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽")
_SPACES = set("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v")
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_EXTRA = {
    "\u2014": "\u2014",  # em dash stays: the typo check looks for it
    "\u3007": "\u3007",  # 〇 stays a Chinese zero
    "\uff5e": "~",
    "\u2236": ":",  # ratio colon used as a colon
    "\u2022": "·",
    "\u30fb": "·",
    "\u2027": "·",
}


@lru_cache(maxsize=8192)
def _map_char(ch: str) -> str:
    if ch in _KEEP:
        return ch
    if ch in _SPACES or ch in _ZERO_WIDTH:
        return " "
    if ch in _EXTRA:
        return _EXTRA[ch]
    if ord(ch) < 128:
        return ch
    n = unicodedata.normalize("NFKC", ch)
    if len(n) == 1:
        return n
    return ch


_T2S = None


def _t2s():
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    return _T2S


@lru_cache(maxsize=65536)
def _simplify_char(ch: str) -> str:
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


_TABLE: dict[int, str] = {}  # str.translate table: every character met so far that maps to another
_SEEN: set[str] = set()


def _translate(text: str) -> str:
    """`_map_char` over the text at C speed: a character is looked at once per process.

    Only a handful of characters change (full-width commas, odd spaces), so each one the
    text holds is replaced with str.replace, which runs far faster than str.translate's
    lookup of every character; translate stays for the rare text where one replacement
    could feed another (a character mapped onto one that is itself mapped).
    """
    chars = set(text)
    new = chars - _SEEN
    for ch in new:
        m = _map_char(ch)
        if m != ch:
            _TABLE[ord(ch)] = m
    _SEEN.update(new)
    present = {ch: _TABLE[ord(ch)] for ch in chars if ord(ch) in _TABLE}
    if any(m in present for m in present.values()):
        return text.translate(_TABLE)
    for ch, m in present.items():
        text = text.replace(ch, m)
    return text


# The characters CJK does not match, when CJK is one plain character class ([\u3400-\u9fff]):
# deleting them leaves the CJK characters in one C pass, without a list of one-character strings.
_NON_CJK = (re.compile("[^" + CJK.pattern[1:], CJK.flags) if re.fullmatch(r"\[[^\^\[\]\\]*(?:\\.[^\[\]\\]*)*\]", CJK.pattern)
            else None)


def _looks_traditional(text: str) -> bool:
    sample = text[:4000]
    cjk = _NON_CJK.sub("", sample) if _NON_CJK is not None else "".join(CJK.findall(sample))
    if len(cjk) < 20:
        return False
    converted = _t2s().convert(cjk)
    if len(converted) != len(cjk):
        return True
    if converted == cjk:
        return False
    diff = sum(1 for a, b in zip(cjk, converted) if a != b)
    return diff > 0.02 * len(cjk)


def normalize(text: str) -> str:
    """Return a same-length view: half-width ASCII forms, plain spaces, simplified characters."""
    out = _translate(text)
    # CRLF: the CR becomes a space so a line split still sees one line break; a lone CR is one
    if "\r" in out:
        out = out.replace("\r\n", " \n").replace("\r", "\n")
    if _looks_traditional(out):
        conv = _t2s().convert(out)
        out = conv if len(conv) == len(out) else "".join(_simplify_char(c) for c in out)
    assert len(out) == len(text)
    return out
