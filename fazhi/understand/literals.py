"""The words a regular expression cannot match without: a cheap test before a costly scan.

Many rule patterns (look-alike marks, furniture lines) begin with a character class or a
repeat, so the regex engine tries them at every position of a text. Most texts hold none
of the words such a pattern needs (下面是小编, 打印本页, 记者), and `word in text` runs at
memory speed where the scan does not. `required_words` works the words out of the
parsed pattern; `screen` compiles them into one search. The set is exact in one
direction only: a text without any of the words has no match, so skipping the scan never
changes a result.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from operator import itemgetter
from re import _constants as _c
from re import _parser

import ahocorasick

# A set with more words than this costs about as much to test as the scan it would save.
MAX_WORDS = 24
# A character class with more characters than this tells nothing worth testing.
_MAX_CLASS = 8


def required_words(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """Words one of which every match of `pattern` contains, or None when there is no
    short list of them (a pattern that can match an arbitrary text, case-folding flags)."""
    p = re.compile(pattern) if isinstance(pattern, str) else pattern
    if p.flags & (re.IGNORECASE | re.LOCALE | re.VERBOSE) or not isinstance(p.pattern, str):
        return None
    words = _of_sequence(_parser.parse(p.pattern, p.flags))
    if words is None or "" in words:
        return None
    # a word holding another (信息来源, 来源) is found only where the shorter one is
    words = {w for w in words if not any(v != w and v in w for v in words)}
    return frozenset(words) if len(words) <= MAX_WORDS else None


def screen(pattern: str | re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern that finds one of `pattern`'s required words, None when it has none.

    A text the screen finds nothing in holds no match of `pattern`. One search for a few
    literal words runs on the regex engine's fast literal scan, cheaper than testing the
    words one by one in Python and than scanning with a pattern that starts with a
    character class or a repeat (where the engine tries every position).
    """
    words = required_words(pattern)
    if words is None:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


def _of_sequence(seq) -> set[str] | None:
    """Among the items every match of the sequence goes through, the most telling word set.

    Adjacent literals form one word; a group, an alternation whose every branch has a set
    (their union), a repeat taken at least once, and a small character class each give a
    set; anything else (assertions, any character, optional parts) gives none. The set whose
    shortest word is longest wins, then the smaller one.
    """
    found: list[set[str]] = []
    run = ""
    for op, av in seq:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if run:
            found.append({run})
            run = ""
        got: set[str] | None = None
        if op is _c.SUBPATTERN:
            if not (av[1] or av[2]):  # inline flags may fold case: no words then
                got = _of_sequence(av[3])
        elif op is _c.ATOMIC_GROUP:
            got = _of_sequence(av)
        elif op is _c.BRANCH:
            alts = [_of_sequence(alt) for alt in av[1]]
            if all(a for a in alts):
                got = set().union(*alts)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if av[0] >= 1:
                got = _of_sequence(av[2])
        elif op is _c.IN:
            got = _class_chars(av)
        if got:
            found.append(got)
    if run:
        found.append({run})
    if not found:
        return None
    return max(found, key=lambda s: (min(map(len, s)), -len(s)))


def _class_chars(items) -> set[str] | None:
    chars = _class_set(items, _MAX_CLASS)
    return chars if chars is not None and 0 < len(chars) <= _MAX_CLASS else None


def _class_set(items, widest: int) -> set[str] | None:
    """The characters a character class holds, or None when it cannot be listed: a negation, a
    category (\\d, \\s) or a range of `widest` characters or more."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < widest:
            chars.update(chr(x) for x in range(av[0], av[1] + 1))
        else:
            return None
    return chars


_WORD = itemgetter(1)  # the word of an automaton hit (end, word)


class WordIndex:
    """Which of many words occur in a text, found in one pass over it.

    A document classifier tries a hundred screens on the same few regions of a page; each
    `screen` is a search of its own over the whole region, and together they cost as much
    as the scans they save. An Aho-Corasick automaton over all their words reads the region
    once and reports every occurrence, overlapping ones included, so each screen becomes a
    set test: a list of words is in the text exactly when it meets the words found.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._auto = ahocorasick.Automaton()
        for w in set(words):
            if not w:
                raise ValueError("an empty word matches every text")
            self._auto.add_word(w, w)
        self._empty = len(self._auto) == 0
        if not self._empty:
            self._auto.make_automaton()

    def found(self, text: str) -> frozenset[str]:
        """The words that occur in `text`."""
        if self._empty or not text:
            return frozenset()
        return frozenset(map(_WORD, self._auto.iter(text)))


# A pattern's opening characters are worth a scan of their own only when they are few …
_MAX_STARTS = 64
# … and rare in the text: one position in this many characters at most.
_SPARSE = 16


def _starts_of(seq) -> tuple[set[str] | None, bool]:
    """(the characters a match of the sequence can begin with, whether it can match the empty
    string); (None, _) when there is no short list: any character, a wide or negated class, a
    category (\\d, \\s), a line anchor, a back-reference, a group that changes flags."""
    starts: set[str] = set()
    for op, av in seq:
        got: set[str] | None
        if op is _c.LITERAL:
            got, empty = {chr(av)}, False
        elif op is _c.IN:
            got, empty = _class_set(av, _MAX_STARTS), False
        elif op is _c.AT and av not in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING, _c.AT_BEGINNING_LINE):
            continue  # \\b, $, \\Z: zero-width, they only narrow where a match can be
        elif op is _c.ASSERT or op is _c.ASSERT_NOT:
            continue  # so does a lookaround
        elif op is _c.SUBPATTERN and not (av[1] or av[2]):
            got, empty = _starts_of(av[3])
        elif op is _c.ATOMIC_GROUP:
            got, empty = _starts_of(av)
        elif op is _c.BRANCH:
            got, empty = set(), False
            for alt in av[1]:
                a, e = _starts_of(alt)
                if a is None:
                    return None, True
                got |= a
                empty = empty or e
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            got, empty = _starts_of(av[2])
            empty = empty or av[0] == 0
        else:
            return None, True
        if got is None:
            return None, True
        starts |= got
        if not empty:
            return starts, False
    return starts, True


def _engine_skips(seq) -> bool:
    """Whether the regex engine itself skips to the places a match can begin: a pattern that
    opens with a character, a class, or alternatives that each open with a character."""
    while seq and seq[0][0] is _c.SUBPATTERN and not (seq[0][1][1] or seq[0][1][2]):
        seq = seq[0][1][3]
    if not seq:
        return False
    op, av = seq[0]
    if op is _c.LITERAL or op is _c.IN:
        return True
    return op is _c.BRANCH and all(alt and alt[0][0] is _c.LITERAL for alt in av[1])


def openers(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A search for the characters every match of `pattern` begins with, None when there is
    no short list of them, the pattern can match the empty string (see finditer), or the
    regex engine already skips to them on its own."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.LOCALE | re.VERBOSE):
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if _engine_skips(parsed):
        return None
    starts, empty = _starts_of(parsed)
    if starts is None or empty or not 0 < len(starts) <= _MAX_STARTS:
        return None
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(starts)) + "]")


def finditer(pattern: re.Pattern[str], text: str, opener: re.Pattern[str] | None,
             pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos, endpos)`: the same matches in the same order, tried only
    where one can begin.

    A pattern that opens with a lookbehind, a repeat or an optional group gives the regex
    engine no first character to look for, so it tries the pattern at every position. Where
    every match begins with one of a few characters (`opener`, from `openers`) and those are
    rare in the text, their positions are found by one fast scan and the pattern is tried
    there alone. A match is never empty, so each search goes on where the last match ended,
    as the engine's does; a match tried at a position sees the whole text around it (its
    lookbehinds), as a search reaching that position would, and sees the text end at
    `endpos` as the search does.
    """
    end = len(text) if endpos is None else min(max(endpos, 0), len(text))
    if opener is None:
        return pattern.finditer(text, pos, end)
    # (no more openers are listed than a sparse text holds: a dense one is scanned at once)
    most = (end - pos) // _SPARSE if _SPARSE else None
    cands = [m.start() for m in islice(opener.finditer(text, pos, end), None if most is None else most + 1)]
    if most is not None and len(cands) > most:
        return pattern.finditer(text, pos, end)
    return _tried_at(pattern, text, cands, pos, end)


def _tried_at(pattern: re.Pattern[str], text: str, cands: list[int], pos: int, end: int) -> Iterator[re.Match[str]]:
    for c in cands:
        if c >= pos:
            m = pattern.match(text, c, end)
            if m is not None:
                yield m
                pos = m.end()


# A pattern that spells out more strings than this is scanned by the regex engine instead.
_MAX_STRINGS = 512
# The most repetitions of a counted repeat (x{0,2}, 化?) spelled out one by one.
_MAX_REPEAT = 4


def literal_language(pattern: re.Pattern[str]) -> list[str] | None:
    """Every string `pattern` matches, in the order the regex engine tries them, or None when
    they are not a short fixed list (a wide class, an open repeat, an assertion, a flag).

    At any position the engine returns the first of its alternatives that matches there, in
    this order; so where one of the strings begins, the match is the first string of the list
    found there (see LiteralScan)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.LOCALE | re.VERBOSE):
        return None
    try:
        strings = _spelled(_parser.parse(pattern.pattern, pattern.flags))
    except _Unspelled:
        return None
    return strings if strings and "" not in strings else None


class _Unspelled(Exception):
    pass


def _spelled(seq) -> list[str]:
    out = [""]
    for op, av in seq:
        if op is _c.LITERAL:
            alts = [chr(av)]
        elif op is _c.SUBPATTERN and not (av[1] or av[2]):
            alts = _spelled(av[3])
        elif op is _c.BRANCH:
            alts = [s for alt in av[1] for s in _spelled(alt)]
        elif op is _c.IN:
            chars = _class_set(av, _MAX_CLASS)
            if not chars or len(chars) > _MAX_CLASS:
                raise _Unspelled
            alts = sorted(chars)  # one character matches: their order cannot matter
        elif op is _c.MAX_REPEAT and av[1] <= _MAX_REPEAT:
            alts = _greedy(_spelled(av[2]), av[0], av[1])
        else:
            raise _Unspelled
        out = [a + b for a in out for b in alts]
        if len(out) > _MAX_STRINGS:
            raise _Unspelled
    return out


def _greedy(item: list[str], least: int, most: int) -> list[str]:
    """A greedy repeat spelled in the engine's order: one more repetition before stopping."""
    if "" in item:
        raise _Unspelled  # an empty repetition: the engine's rules for it are not spelled here
    if most == 0:
        return [""]
    rest = _greedy(item, max(least - 1, 0), most - 1)
    out = [x + r for x in item for r in rest]
    if len(out) > _MAX_STRINGS:
        raise _Unspelled
    return out + ([""] if least == 0 else [])


class LiteralScan:
    """The matches of several patterns of fixed strings (keyword lists) in one pass over a text.

    A coverage map searches a report once per area, each area's keywords an alternation of
    words; the regex engine tries every alternation at every position. One Aho-Corasick
    automaton over all the words finds every occurrence at once, and the engine's own choice
    is replayed on them: scanning on from where its last match ended, at the first position
    where a word begins, the engine takes the first word of its list found there
    (literal_language). The matches are the pattern's finditer's, exactly. A pattern that is
    no fixed list of strings is left to its finditer (its entry in `spans` is None).
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        self._spelled = [literal_language(p) for p in self.patterns]
        table: dict[str, list[tuple[int, int]]] = {}
        for i, strings in enumerate(self._spelled):
            for rank, s in enumerate(strings or ()):
                table.setdefault(s, []).append((i, rank))
        self._auto = ahocorasick.Automaton()
        for s, owners in table.items():
            self._auto.add_word(s, (len(s), tuple(owners)))
        self._empty = not table
        if not self._empty:
            self._auto.make_automaton()

    def spans(self, text: str, pos: int = 0, end: int | None = None) -> list[list[tuple[int, int]] | None]:
        """Per pattern, the (start, end) of each match of `finditer(text, pos, end)`, in order;
        None for a pattern that is no fixed list of strings."""
        end = len(text) if end is None else min(max(end, 0), len(text))
        hits: list[list[tuple[int, int, int]]] = [[] for _ in self.patterns]
        if not self._empty and pos < end:
            for last, (n, owners) in self._auto.iter(text, pos, end):
                s = last - n + 1
                for i, rank in owners:
                    hits[i].append((s, rank, n))
        out: list[list[tuple[int, int]] | None] = []
        for i, found in enumerate(hits):
            if self._spelled[i] is None:
                out.append(None)
                continue
            found.sort()
            got: list[tuple[int, int]] = []
            at = pos
            for s, _rank, n in found:
                if s >= at:  # the first of the words beginning at s sorts first
                    at = s + n
                    got.append((s, at))
            out.append(got)
        return out
