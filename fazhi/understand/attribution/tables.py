"""The attribution tables (attribution.toml, levels.toml) compiled once, and the few patterns
that titles, signatures and issuers all read: what a government or a unit's line looks like.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...data import load as load_data


@lru_cache(maxsize=1)
def levels_lexicon() -> dict:
    """levels.toml: the words by which a report speaks of its own level (我镇, 本县, 全区)."""
    return load_data("levels.toml")


@lru_cache(maxsize=None)
def self_patterns(table: str = "self") -> list[tuple[str, re.Pattern[str]]]:
    """One table of levels.toml compiled, per level: `self` (first person) or `self_weak`."""
    return [(lvl, re.compile(p)) for lvl, p in levels_lexicon()[table].items()]


@lru_cache(maxsize=1)
def rules() -> dict:
    """attribution.toml compiled once: every pattern the title, body and place readers use."""
    data = load_data("attribution.toml")
    body = data["body"]
    verbs = "|".join(sorted((re.escape(v) for v in body["verbs"]), key=len, reverse=True))
    return {
        "confidence": data["confidence"],
        "site_suffix": re.compile(data["title"]["site_suffix"]),
        "column_lead": re.compile(data["title"]["column_lead"]),
        "column_glued": re.compile(data["title"]["column_glued"]),
        "media_lead": re.compile(data["title"]["media_lead"]),
        "news_headline": re.compile(data["title"]["news_headline"]),
        "announce": re.compile(data["title"]["announce"]),
        "subject": re.compile(body["lead"] + r"(?P<unit>[\u4e00-\u9fff()（）\-、]{2,40}?)"
                              r"(?:[(（](?:以下)?简称[^()（）]{1,20}[)）])?(?=[,，]?(?:" + verbs + "))"),
        "topic": re.compile(body["lead"] + r"(?P<unit>[\u4e00-\u9fff]{2,20}?)(?=" + body["topic"] + ")"),
        "preamble": re.compile(body["preamble"]),
        "branch": re.compile(r"(?P<head>[\u4e00-\u9fff]{2,40}?)(?:" + "|".join(data["branch"]["words"]) + ")$"),
        "as_follows": re.compile(body["report_as_follows"]),
        "title_issuer_verbs": re.compile(data["title"]["issuer_verbs"]),
        "credit": re.compile(data["index_no"]["credit"]),
        "zone": re.compile(r"^(?P<zone>[\u4e00-\u9fff\-—]{0,14}?(?:"
                           + "|".join(sorted(data["zone"]["suffixes"], key=len, reverse=True)) + r"))(?:"
                           + "|".join(data["zone"]["governing"]) + r")?(?P<rest>.*)$"),
        "zone_generic": frozenset(data["zone"]["generic"]),
        "zone_governing": frozenset(data["zone"]["governing"]),
        "zone_bare": re.compile(r"^(?P<word>" + "|".join(sorted(data["zone"]["bare"], key=len, reverse=True))
                                + r")(?P<rest>(?:" + "|".join(data["zone"]["governing"]) + r")?[\u4e00-\u9fff]*)$"),
        "zone_bare_subject": re.compile(data["zone"]["bare_subject"].format(
            bare="|".join(sorted(data["zone"]["bare"], key=len, reverse=True)),
            governing="|".join(data["zone"]["governing"]))),
        "zone_run_by": re.compile(r"^(?P<lead>[\u4e00-\u9fff]{2,6}?)(?:" + "|".join(data["zone"]["run_by"]) + r")$"),
        "zone_suffix": "|".join(sorted(data["zone"]["suffixes"], key=len, reverse=True)),
        "division": re.compile(data["index_no"]["division"]),
        "system_data": data["system"],
        "document_number": data["document_number"],
        "own_place_idioms": tuple(body["own_place_idioms"]),
        "word_like_short_names": frozenset(body["word_like_short_names"]),
        "signed_earliest_month": int(data["signature"]["earliest_month"]),
        "cover_letter": re.compile(r"(?:" + "|".join(map(re.escape, data["signature"]["cover_request"]))
                                   + r")[^\n]{0,80}\n(?:[ \t]*\n)?[ \t]*[\u4e00-\u9fff（）()][\u4e00-\u9fff（）() \t\u3000、]{2,60}\n"
                                   r"(?:[ \t]*\n)?[ \t]*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[ \t]*\n"),
    }


TITLE_WORDS = re.compile(r"报告|总结|情况|要点|计划|方案|安排|通报|通知|解读|年报|讲话|述法|述职|规划|分工|表彰|表扬|命名|召开|举行|出台|获评")


DEPT_SUFFIX = re.compile(r"(局|厅|委员会|委|办公室|办|中心|署|总队|支队|大队|院|司法所|管委会|管理委员会)$")


GOV_WORDS = re.compile(r"人民政府|政府|党委|县委|市委|区委|省委|州委|旗委|镇委|乡委|街道办事处|街道|办事处|公署")


SALUTATION = re.compile(r"^\s*[\u4e00-\u9fff、,]{2,30}[:]\s*$")


_ORG_NAME = r"(?:中共)?[\u4e00-\u9fff() ]{3,40}(?:人民政府|政府|委员会|局|厅|办公室|办事处|街道|党委|县委|区委|市委|镇|乡|委|院|中心)"
# One organisation's name on a line of its own, or the joint issuers of one document set
# apart by 、 (中共某县委、某县人民政府), the line ending in 、 when the next one goes on with them
ORG_LINE = re.compile(rf"^\s*(?:{_ORG_NAME}\s*、\s*)*{_ORG_NAME}(?:文件)?\s*、?\s*$")


MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


# What each level word stands for: the table's kind, and for 区/县 the end of the name.
LEVEL_WORD_KINDS = {"省": ("province",), "市": ("city",), "州": ("city",), "盟": ("city",), "区": ("county", "区"),
                     "县": ("county", "县"), "旗": ("county", "旗"), "自治区": ("province",), "自治州": ("city",),
                     "乡": ("township", "乡"), "镇": ("township", "镇")}


def page_field(page_fields: dict, key: str) -> tuple[str | None, int | None, int | None]:
    v = page_fields.get(key)
    return (v[0], v[1], v[2]) if v else (None, None, None)
