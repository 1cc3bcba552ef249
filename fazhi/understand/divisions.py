"""China's administrative divisions down to township level, and finding them in text.

The table (fazhi/data/divisions.tsv.gz, built by scripts/build_divisions.py from the
national place-name database) has every province, city, county and township with its
12-digit code, plus former names of renamed counties and cities and the common written
forms of names spelled with a rare character (下太镇 for 下𱳪镇). Township names repeat
across the country (桃林镇 is in four counties), so a match is resolved by the other
place names the text mentions. The name tables are built on first use only.
"""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Suffixes stripped to make a short name (永清县 -> 永清) for context matching only.
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
             "地区", "林区", "特区", "新区", "省", "市", "县", "区", "旗", "盟")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# 镇宁布依族苗族自治县 is written 镇宁自治县 (the peoples' names dropped before 自治县/州/旗)
# or 镇宁县 (the autonomy dropped as well). The official names of Xinjiang's autonomous units
# write their peoples without 族 (伊犁哈萨克自治州, 博尔塔拉蒙古自治州, 察布查尔锡伯自治县):
# those peoples' names are listed, so 伊犁州 and 察布查尔县 are found too.
_PEOPLES_WITHOUT_ZU = ("哈萨克", "柯尔克孜", "塔吉克", "蒙古", "锡伯")
# The peoples named in autonomous units' names, so that the place's own name is what stands
# before them (黔东南苗族侗族自治州 -> 黔东南, not 黔东 + a people "南苗族")
_PEOPLES = ("蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
            "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
            "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
            "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
            "各")  # 龙胜各族自治县
_AUTONOMOUS = re.compile(r"^([\u4e00-\u9fff]{2,}?)((?:(?:" + "|".join(sorted(_PEOPLES, key=len, reverse=True))
                         + r")族|" + "|".join(_PEOPLES_WITHOUT_ZU) + r")+)(自治县|自治州|自治旗)$")
# Official names that are also common words inside other names (高新区 holds 新区): found
# only where nothing joins them on the left.
_GENERIC_NAMES = {"新区", "城区", "郊区", "矿区", "市区", "东区", "西区", "南区", "北区", "中区"}
# What follows a level character as a phrase of its own (县级, 县直, 区级, 市直): a two-character
# name joined on its left and so followed (清单和县级政府, 各乡镇和县直单位 hold 和县) is that
# phrase, not the place.
_LEVEL_PHRASE_TAIL = ("级", "直")
# The initials of a column's kind after a unit's initials in a path segment (目录, 信息公开, 公开目录).
# …and of the body after them (gjtjdbsc: 郭家沱街道 办事处, xlzrmzf: 西联镇 人民政府).
_COLUMN_KIND = re.compile(r"([a-z]{3,6}?)(?:ml|gkml|xxgk|zwgk|bsc|rmzf|zf)")
# Host labels that name no place.
_HOST_NOISE = {"www", "gov", "cn", "com", "net", "org", "m", "wap", "gate", "big5", "http", "https", "zwgk", "xxgk"}


# A host label made of a place's initials and those of its government (znzf: 中宁 + 政府, hxrmzf: + 人民政府)
_GOVERNMENT_TAIL = re.compile(r"^([a-z]{2,8}?)(?:rmzf|zf)$")


@dataclass(frozen=True)
class Division:
    code: str  # 12 digits
    name: str
    kind: str  # province | city | county | township
    parent: str
    former: bool = False
    variant: bool = False  # another written form of a current name: found in text, never the code's name

    @property
    def level(self) -> str:
        """The record's level word for this unit."""
        if self.kind == "township":
            return "street" if self.name.endswith(("街道", "街道办事处")) else "township"
        if self.kind == "county":
            return "district" if self.name.endswith("区") and not self.name.endswith(("林区", "特区")) else "county"
        return self.kind

    @property
    def code6(self) -> str:
        return self.code[:6]


def short_name(name: str) -> str:
    m = _AUTONOMOUS.match(name)
    if m:
        return m.group(1)  # 石柱土家族自治县 -> 石柱
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


class Divisions:
    """Lookup by name and code, and finding names in text (tables built on first use)."""

    def __init__(self, rows: list[Division]):
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        for d in rows:
            if not d.former and not d.variant:
                self.by_code[d.code] = d
            else:
                self.by_code.setdefault(d.code, d)
            self.by_name.setdefault(d.name, []).append(d)
        for d in rows:
            m = _AUTONOMOUS.match(d.name)
            if m and d.kind in ("city", "county"):
                # 镇宁自治县, and 新晃县 / 湘西州 with the autonomy dropped too where no other
                # unit bears that name
                plain = m.group(1) + m.group(3)[-1]
                for alias in (m.group(1) + m.group(3), plain):
                    if alias == plain and alias in self.by_name:
                        continue
                    if alias not in self.by_name or all(x.name != d.name for x in self.by_name[alias]):
                        self.by_name.setdefault(alias, []).append(d)
        self._names: tuple[dict[str, tuple[str, bool]], dict[str, tuple[int, ...]]] | None = None
        self._pinyin: dict[str, list[Division]] | None = None
        self._initials: dict[str, list[Division]] | None = None
        self._short_keys: set[tuple[str, str]] = set()  # (pinyin or initials, code) of short names
        self._short: dict[str, list[Division]] | None = None
        self._towns: dict[str, list[Division]] | None = None

    # -- hierarchy ---------------------------------------------------------------
    def province_of(self, d: Division) -> Division | None:
        return self.by_code.get(d.code[:2] + "0" * 10)

    def city_of(self, d: Division) -> Division | None:
        if d.kind == "province":
            return None
        c = self.by_code.get(d.code[:4] + "0" * 8)
        if c is not None and c.kind == "city":
            return c
        prov = self.province_of(d)
        if prov is not None and prov.name in _MUNICIPALITIES:
            return prov  # a district of a municipality: its city is the municipality
        return None

    def county_of(self, d: Division) -> Division | None:
        """The county a township lies in; None for one filed directly under a city that has
        no county level (东莞市, 中山市)."""
        if d.kind != "township":
            return None
        c = self.by_code.get(d.parent) or self.by_code.get(d.code[:6] + "0" * 6)
        return c if c is not None and c.kind == "county" else None

    def towns_of(self, county: Division) -> list[Division]:
        """The current townships and streets of a county (built once, on first use)."""
        if self._towns is None:
            towns: dict[str, list[Division]] = {}
            for d in self.by_code.values():
                if d.kind == "township" and not d.former:
                    towns.setdefault(d.code[:6], []).append(d)
            self._towns = towns
        return self._towns.get(county.code[:6], [])

    def ancestors(self, d: Division) -> list[Division]:
        out = [x for x in (self.county_of(d), self.city_of(d), self.province_of(d)) if x is not None and x != d]
        return out

    # -- lookup --------------------------------------------------------------------
    def named(self, name: str) -> list[Division]:
        return self.by_name.get(name, [])

    def short_names(self) -> dict[str, list[Division]]:
        """Short forms of province, city and county names (永清 for 永清县)."""
        if self._short is None:
            short: dict[str, list[Division]] = {}
            for d in self.by_code.values():
                if d.kind in ("province", "city", "county"):
                    s = short_name(d.name)
                    if s != d.name and len(s) >= 2:
                        short.setdefault(s, []).append(d)
            self._short = short
        return self._short

    def _name_tables(self) -> tuple[dict[str, tuple[str, bool]], dict[str, tuple[int, ...]]]:
        """Every full name (value: (name, False)) and short name (value: (name, True)) of two
        or more characters, and for each two characters that begin one the lengths of the
        names they begin, shortest first."""
        if self._names is None:
            names: dict[str, tuple[str, bool]] = {}
            for name in self.by_name:
                if len(name) >= 2:
                    names[name] = (name, False)
            for short in self.short_names():
                if short not in self.by_name:
                    names[short] = (short, True)
            lengths: dict[str, set[int]] = {}
            for name in names:
                lengths.setdefault(name[:2], set()).add(len(name))
            self._names = names, {head: tuple(sorted(ls)) for head, ls in lengths.items()}
        return self._names

    def matches(self, text: str) -> list[tuple[int, tuple[str, bool]]]:
        """Every full or short name in text, overlaps included, as (index of its last
        character, (name, is_short)).

        A dictionary probe per position and name length: names are two to a dozen
        characters, so this beats an Aho-Corasick automaton over 37,000 names, whose
        root has thousands of edges to search at every character (2.2x the CPU on the
        dev-set pages, with the same matches).
        """
        names, lengths = self._name_tables()
        get_name, get_lengths = names.get, lengths.get
        n = len(text)
        out = []
        for i in range(n - 1):
            ls = get_lengths(text[i:i + 2])
            if ls is not None:
                for k in ls:
                    if i + k > n:
                        break
                    hit = get_name(text[i:i + k])
                    if hit is not None:
                        out.append((i + k - 1, hit))
        return out

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every full division name in text as (start, end, name), longest match kept."""
        hits = []
        for end, (name, is_short) in self.matches(text):
            if not is_short:
                start = end - len(name) + 1
                if name in _GENERIC_NAMES and start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff":
                    continue
                if len(name) == 2 and text.startswith(_LEVEL_PHRASE_TAIL, end + 1) and start > 0 \
                        and "\u4e00" <= text[start - 1] <= "\u9fff":
                    continue
                hits.append((start, end + 1, name))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str]] = []
        last_end = -1
        for h in hits:
            if h[0] >= last_end:
                out.append(h)
                last_end = h[1]
            elif out and h[0] == out[-1][0] and h[1] > out[-1][1]:
                out[-1] = h
                last_end = h[1]
        return out

    def _pinyin_tables(self) -> tuple[dict[str, list[Division]], dict[str, list[Division]]]:
        """(full pinyin -> divisions, initials -> divisions) of provinces, cities and counties,
        with the well-known spellings that are not Hanyu Pinyin (shaanxi, ordos) among the first."""
        if self._pinyin is None or self._initials is None:
            raw = resources.files("fazhi.data").joinpath("division_pinyin.tsv.gz").read_bytes()
            table: dict[str, list[Division]] = {}
            initials: dict[str, list[Division]] = {}
            shorts: set[tuple[str, str]] = set()
            for line in gzip.decompress(raw).decode("utf-8").splitlines():
                code, short, full, ini_short, ini_full = line.split("\t")
                d = self.by_code.get(code)
                if d is None:
                    continue
                shorts.update({(short, code), (ini_short, code)})
                for key in {short, full}:
                    if len(key) >= 4:
                        table.setdefault(key, []).append(d)
                for key in {ini_short, ini_full}:
                    if len(key) >= 2:
                        initials.setdefault(key, []).append(d)
            for spelling, name in _host_aliases().items():
                table.setdefault(spelling, []).extend(x for x in self.named(name) if not x.former)
            self._pinyin, self._initials, self._short_keys = table, initials, shorts
        return self._pinyin, self._initials

    @lru_cache(maxsize=1)  # noqa: B019  (one table per process)
    def _initials_by_code(self) -> dict[str, set[str]]:
        """code -> the initials it is written with (441900119000 -> {caz})."""
        out: dict[str, set[str]] = {}
        for key, divs in self._pinyin_tables()[1].items():
            for d in divs:
                out.setdefault(d.code, set()).add(key)
        return out

    def spelled_in_path(self, cands: list[Division], url: str) -> list[Division]:
        """Those of `cands` whose initials a segment of the address's path spells, alone or after
        the initials of a place above them (dg.gov.cn/dgcaz/: 东莞市 长安镇, where the host's dg
        fits 东港市 as well): a town's column on its city's portal."""
        from urllib.parse import urlparse

        by_code = self._initials_by_code()
        segs = {seg for seg in re.split(r"[/_\-.]", urlparse(url).path.lower()) if seg.isalpha() and len(seg) >= 3}
        out = []
        for c in cands:
            own = by_code.get(c.code, set())
            above = {k for a in self.ancestors(c) for k in by_code.get(a.code, set())}
            if segs & own or any(seg[:i] in above and seg[i:] in own for seg in segs for i in range(2, len(seg) - 1)):
                out.append(c)
        return out

    def from_host(self, host: str) -> list[Division]:
        """The provinces, cities and counties a site's host names by pinyin (gtzy.shiyan.gov.cn
        -> 十堰市), most specific first; several when a pinyin is shared."""
        return self.from_url(host)[0]

    def from_url(self, url: str) -> tuple[list[Division], list[Division]]:
        """(named, guessed): the divisions a site's address names, most specific first.

        Named: a host label in full pinyin (shiyan -> 十堰市); a label that is a place's
        pinyin or initials followed by the initials of a unit within it (gdsx -> 广东省 始兴县,
        cqjlp -> 重庆市 九龙坡区); a path segment that is the initials of a unit within a
        place the host names (yueyang.gov.cn/yxq/ -> 云溪区). Guessed: a host label that is
        only some unit's initials (fl: 涪陵区, 浮梁县 …), to be trusted only where the text
        names that unit too.
        """
        from urllib.parse import urlparse

        pinyin, initials = self._pinyin_tables()
        parsed = urlparse(url if "//" in url else "//" + url)
        host = (parsed.hostname or "").lower()
        named: list[Division] = []
        guessed: list[Division] = []
        labels = re.split(r"[.\-]", host)
        for i, label in enumerate(labels):
            if label in _HOST_NOISE or not label.isalpha():
                continue
            if label not in pinyin and label not in initials and (m := _GOVERNMENT_TAIL.match(label)) is not None:
                # znzf.gov.cn, hxrmzf.gov.cn: a place's initials and 政府 / 人民政府
                label = m.group(1)
            if labels[i + 1:i + 3] == ["gov", "cn"] and label in _registrants() and (label in pinyin
                                                                                 or label in initials):
                # taian.gov.cn: 泰安市's, not 台安县's, though both are spelled so; sz.gov.cn: 深圳市's,
                # though many places share those initials
                cities = [d for d in pinyin.get(label) or initials.get(label, []) if d.name == _registrants()[label]]
                if len(cities) == 1:
                    named.extend(cities)
                    continue
            if label in pinyin:
                named.extend(pinyin[label])
                continue
            if labels[i + 1:i + 3] == ["gov", "cn"]:
                # the registrant of a gov.cn name spelled as a municipality's initials (cq.gov.cn)
                cities = [d for d in initials.get(label, []) if d.name in _MUNICIPALITIES]
                if len(cities) == 1:
                    named.extend(cities)
                    continue
            split = self._split_label(label, pinyin, initials)
            if len({c.code for _p, c in split}) > 1:
                # cqszx: 重庆 + 石柱县 (cq, the place's short initials, as sites write it) rather
                # than 重庆市 + 忠县 (cqs, its full initials)
                by_short = [(p, c) for p, c in split if (label[:len(label) - self._tail_len(label, c)], p.code)
                            in self._short_keys]
                if len({c.code for _p, c in by_short}) == 1:
                    split = by_short
            if len({c.code for _p, c in split}) == 1:
                named.extend((split[0][1], split[0][0]))
            elif split:
                guessed.extend(c for _p, c in split)
            else:
                guessed.extend(c for c in initials.get(label, []) if c.kind != "township")
        rank = {"county": 0, "city": 1, "province": 2}
        key = lambda d: rank.get(d.kind, 3)  # noqa: E731
        named = sorted(dict.fromkeys(named), key=key)
        if named:  # a unit the path names within the host's place comes first: it is the most specific
            segs = [seg for seg in re.split(r"[/_\-.]", parsed.path.lower())
                    if len(seg) >= 3 and seg.isalpha() and seg not in pinyin]
            # a town's column named by its initials and the column's kind (xlzml: 西联镇 目录)
            segs += [m.group(1) for seg in segs if (m := _COLUMN_KIND.fullmatch(seg))]
            within = [c for seg in segs
                      for c in initials.get(seg, []) if any(self._within(c, p) for p in named)]
            named = list(dict.fromkeys(within + named))
        return named, sorted(dict.fromkeys(guessed), key=key)

    @staticmethod
    def _within(child: Division, parent: Division) -> bool:
        if child.code == parent.code or parent.kind == "township":
            return False
        if parent.kind == "county":
            return child.kind == "township" and child.code.startswith(parent.code[:6])
        return child.kind != "township" and child.code.startswith(
            parent.code[:2] if parent.kind == "province" else parent.code[:4])

    def _tail_len(self, label: str, child: Division) -> int:
        """How many letters of label the child's pinyin or initials take at its end."""
        pinyin, initials = self._pinyin_tables()
        for i in range(2, len(label) - 1):
            if child in initials.get(label[i:], []) or child in pinyin.get(label[i:], []):
                return len(label) - i
        return 0

    def places_by_initials(self, head: str) -> list[Division]:
        """The provinces, cities and counties a run of letters names: one place's pinyin or
        initials (sts: 汕头市 …), or a place and a unit within it (jmsxhq: 江门市 新会区),
        the most specific of each reading."""
        pinyin, initials = self._pinyin_tables()
        out = [d for d in pinyin.get(head, []) + initials.get(head, []) if d.kind != "township"]
        out += [c for _p, c in self._split_label(head, pinyin, initials)]
        return list(dict.fromkeys(out))

    def _split_label(self, label: str, pinyin: dict[str, list[Division]],
                     initials: dict[str, list[Division]]) -> list[tuple[Division, Division]]:
        """A host label read as a place and a unit within it (gdsx, cqjlp, zzszq): every
        such reading as (place, unit)."""
        found: list[tuple[Division, Division]] = []
        for i in range(2, len(label) - 1):
            head, tail = label[:i], label[i:]
            parents = [p for p in pinyin.get(head, []) + initials.get(head, []) if p.kind in ("province", "city")]
            for p in parents:
                for c in initials.get(tail, []) + pinyin.get(tail, []):
                    if c.kind != "township" and self._within(c, p):
                        found.append((p, c))
        return found

    def names_in(self, text: str) -> set[str]:
        """Every full or short division name occurring anywhere in text (overlaps allowed)."""
        return {name for _end, (name, _short) in self.matches(text)}


@lru_cache(maxsize=1)
def _host_aliases() -> dict[str, str]:
    from ..data import load as load_data

    return dict(load_data("attribution.toml")["host"]["aliases"])


@lru_cache(maxsize=1)
def _registrants() -> dict[str, str]:
    from ..data import load as load_data

    return dict(load_data("attribution.toml")["host"].get("registrants", {}))


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    raw = resources.files("fazhi.data").joinpath("divisions.tsv.gz").read_bytes()
    rows = []
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, parent, kind, status, _year = line.split("\t")
        rows.append(Division(code, name, kind, parent, status == "former", status == "variant"))
    return Divisions(rows)
