"""Compose the full-length test reports in tests/corpus/reports/ and their manifest.

The reports are written for defect injection (bench/inject.py): each is correct (every
rate agrees with its counts, every partition adds up, the year and the level are the
issuer's own), in one of several outline styles, for a real division of the national
list (fazhi/data/divisions.tsv.gz) so that attribution resolves. The paragraphs are
hand-written phrasings with the figures chosen per report; each topic has several
phrasings, and the held-out half of the reports is written only with the phrasings the
tuned half never uses, so a check tuned on one half is measured on text it has not seen.

    python tests/corpus/compose.py        # rewrites tests/corpus/reports/r*.txt and manifest.json

Six more reports (f*.txt, facts in handwritten.json) were written by hand, in phrasings the
composer does not use, after the checks had been tuned on both composed halves: they are the
"fresh" half of bench/inject.py, the nearest thing here to reports written elsewhere.

The output is committed; this script documents how it was made and lets it be remade.
"""
from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "reports"
CN = "零一二三四五六七八九十"


def cn(n: int) -> str:
    if n <= 10:
        return CN[n]
    return ("十" if n < 20 else CN[n // 10] + "十") + (CN[n % 10] if n % 10 else "")


def pct(a: float, b: float, d: int) -> str:
    q = Decimal(1).scaleb(-d) if d else Decimal(1)
    return str((Decimal(100) * Decimal(a) / Decimal(b)).quantize(q, rounding=ROUND_HALF_UP))


def split(rng: random.Random, total: int, k: int, floor: int = 1) -> list[int]:
    """k positive parts adding up to total."""
    cuts = sorted(rng.sample(range(1, total - (floor - 1) * k), k - 1))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, total - (floor - 1) * k])]
    return [p + floor - 1 for p in parts]


# ----------------------------------------------------------------------------- units
@dataclass
class Unit:
    level: str          # province city county district township street department
    name: str           # 固安县, 玉林街道, 固安县司法局
    issuer: str         # 固安县人民政府
    we: str             # 我县
    whole: str          # 全县
    gov: str            # 县政府
    party: str          # 县委
    heads: str          # 县委书记、县长
    parent: str         # 廊坊市委、市政府
    province: str = ""
    city: str = ""
    county: str = ""
    meeting: str = ""   # the unit's own decision meeting: 县政府常务会议, 党政联席会议
    facts: list = field(default_factory=list)


def divisions() -> tuple[dict[str, tuple[str, str, str]], dict[str, list[str]]]:
    rows, kids = {}, {}
    with gzip.open(ROOT / "fazhi" / "data" / "divisions.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) < 4 or (len(c) > 4 and c[4]):
                continue
            rows[c[0]] = (c[1], c[2], c[3])
            kids.setdefault(c[2], []).append(c[0])
    return rows, kids


ROWS, KIDS = divisions()
MEETINGS = {"township": "党政联席会议", "street": "主任办公会议", "department": "局长办公会议"}


def chain(code: str) -> list[str]:
    out = []
    while code and code in ROWS:
        out.append(ROWS[code][0])
        code = ROWS[code][1]
    return out[::-1]


def pick(rng: random.Random, level: str, suffix: str) -> list[str]:
    codes = [c for c, (n, p, lv) in ROWS.items() if lv == level and n.endswith(suffix) and len(n) <= 6
             and (p in ROWS or level == "province") and not n.startswith(("市辖", "省直"))]
    depth = {"province": 1, "city": 2, "county": 3, "township": 4}[level]
    codes = [c for c in sorted(codes) if len(chain(c)) == depth]  # no municipality's districts: uniform depth
    return chain(rng.choice(codes))


def make_unit(rng: random.Random, level: str) -> Unit:
    u = _make_unit(rng, level)
    u.meeting = MEETINGS.get(u.level, u.gov + "常务会议")
    return u


def _make_unit(rng: random.Random, level: str) -> Unit:
    if level == "province":
        (p,) = pick(rng, "province", "省")
        return Unit(level, p, p + "人民政府", "我省", "全省", "省政府", "省委", "省委书记、省长", "党中央、国务院", p)
    if level == "city":
        p, c = pick(rng, "city", "市")
        return Unit(level, c, c + "人民政府", "我市", "全市", "市政府", "市委", "市委书记、市长", "省委、省政府", p, c)
    if level in ("county", "county_city"):
        p, c, k = pick(rng, "county", "县" if level == "county" else "市")
        s = k[-1]
        return Unit("county", k, k + "人民政府", "我" + s, "全" + s, s + "政府", s + "委", f"{s}委书记、{s}长",
                    f"{c}委、市政府" if c.endswith("市") else f"{c}委、{c}", p, c, k)
    if level == "district":
        p, c, k = pick(rng, "county", "区")
        return Unit(level, k, k + "人民政府", "我区", "全区", "区政府", "区委", "区委书记、区长",
                    f"{c}委、市政府", p, c, k)
    if level in ("town", "xiang"):
        s = "镇" if level == "town" else "乡"
        p, c, k, t = pick(rng, "township", s)
        ks = k[-1]
        return Unit("township", t, t + "人民政府", "我" + s, "全" + s, s + "政府", s + "党委", f"{s}党委书记、{s}长",
                    f"{k}委、{ks}政府", p, c, k)
    if level == "street":
        p, c, k, t = pick(rng, "township", "街道")
        ks = k[-1]
        return Unit("street", t, t + "办事处", "街道", "辖区", "街道办事处", "街道党工委", "街道党工委书记、办事处主任",
                    f"{k}委、{ks}政府", p, c, k)
    # a department of a county-level or city government
    kind, short = level.split(":")
    base = make_unit(rng, kind)
    dept = base.name + short
    head = "局党组书记、局长" if short.endswith("局") else "委党组书记、主任"
    we = "我局" if short.endswith("局") else "我委"
    return Unit("department", dept, dept, we, base.whole, we, "局党组" if we == "我局" else "委党组", head,
                f"{base.name}委、{base.gov}", base.province, base.city, base.county)


# ----------------------------------------------------------------------------- topics
# A topic returns (heading choices, paragraph); `v` selects the phrasing.
def reconsideration(r: random.Random, u: Unit, y: int, v: int):
    rec = r.randint(40, 420)
    pend = r.randint(2, max(3, rec // 12))
    cl = rec - pend
    ups = split(r, cl, 6)
    up, rj, rv, ci, op, te = sorted(ups, reverse=True)
    d = r.choice([1, 1, 2])
    rate = pct(cl, rec, d)
    heads = ["发挥行政复议化解行政争议主渠道作用", "深化行政复议体制改革", "依法办理行政复议案件"]
    if v == 0:
        t = (f"全年共收到行政复议申请{rec + r.randint(3, 20)}件，依法受理{rec}件，审结{cl}件，其中维持{up}件、驳回{rj}件、"
             f"撤销{rv}件、确认违法{ci}件、责令履行{op}件、终止{te}件，结案率{rate}%。")
        u.facts.append({"kind": "sum", "total": cl, "parts": [up, rj, rv, ci, op, te]})
    elif v == 1:
        t = (f"{y}年，{u.whole}共受理行政复议案件{rec}件。在已审结的案件中，维持{up}件，驳回{rj}件，撤销{rv}件，"
             f"确认违法{ci}件，责令履行{op}件，终止{te}件，另有{pend}件正在审理中。")
        u.facts.append({"kind": "sum", "total": rec, "parts": [up, rj, rv, ci, op, te, pend]})
    elif v == 2:
        carry = r.randint(3, 12)
        new = cl - r.randint(1, carry - 1)
        rate = pct(cl, new + carry, d)
        t = (f"行政复议机构新收复议申请{new}件，加上上年结转的{carry}件，共办结{cl}件，结案率{rate}%，"
             f"有效发挥了行政复议的监督纠错作用。")
        u.facts.append({"kind": "carried", "new": new, "carry": carry, "closed": cl, "rate": rate})
        return heads, t
    else:
        t = (f"行政复议案件办理质效持续提升：受理案件{rec}件，审结{cl}件，结案率{rate}%；审结案件中决定维持{up}件，"
             f"驳回复议申请{rj}件，撤销原行政行为{rv}件，确认违法{ci}件，责令被申请人履行职责{op}件，因申请人撤回申请"
             f"终止审理{te}件。")
        u.facts.append({"kind": "sum", "total": cl, "parts": [up, rj, rv, ci, op, te]})
    u.facts.append({"kind": "rate", "part": cl, "whole": rec, "rate": rate})
    return heads, t


def normative(r: random.Random, u: Unit, y: int, v: int):
    tot = r.randint(30, 260)
    k, m, f = split(r, tot, 3)
    k, m, f = sorted((k, m, f), reverse=True)
    u.facts.append({"kind": "sum", "total": tot, "parts": [k, m, f]})
    heads = ["加强行政规范性文件管理", "推进制度建设", "严格规范性文件合法性审核"]
    chk = r.randint(8, 40)
    if v == 0:
        t = f"组织开展行政规范性文件集中清理，共清理{tot}件，其中保留{k}件、修改{m}件、废止{f}件，清理结果及时向社会公布。"
    elif v == 1:
        t = (f"对现行有效的{tot}件行政规范性文件逐件开展清理。经清理，继续保留{k}件，修改{m}件，宣布废止{f}件。"
             f"全年审核规范性文件{chk}件，均按规定报送备案。")
    elif v == 2:
        t = (f"围绕优化营商环境清理涉企规范性文件，保留{k}件、修改{m}件、废止{f}件，合计清理{tot}件；"
             f"新制发的{chk}件规范性文件全部经过合法性审核。")
    else:
        t = (f"规范性文件清理工作完成{tot}件：保留{k}件，修改{m}件，废止{f}件。对{chk}件拟出台的规范性文件"
             f"开展合法性审核，提出修改意见{r.randint(10, 60)}条。")
    return heads, t


def disclosure(r: random.Random, u: Unit, y: int, v: int):
    tot = r.randint(800, 26000)
    a = r.randint(12, 300)
    p = tot - a
    u.facts.append({"kind": "sum", "total": tot, "parts": [p, a]})
    heads = ["深化政务公开", "推进政务公开标准化规范化", "提高政务公开质量"]
    if v == 0:
        t = f"全年共公开政府信息{tot}条，其中主动公开{p}条、依申请公开{a}条，依申请公开事项均在法定期限内答复。"
    elif v == 1:
        t = f"全年公开政府信息{tot}条。其中，主动公开{p}条，依申请公开{a}条，未发生因公开引发的行政复议或诉讼。"
    elif v == 2:
        t = f"主动公开各类政府信息{p}条、依申请公开{a}条，合计{tot}条，重点领域信息做到应公开尽公开。"
    else:
        t = f"政府信息公开总量达{tot}条（主动公开{p}条，依申请公开{a}条），政府网站年度考评成绩位居前列。"
    return heads, t


def mediation(r: random.Random, u: Unit, y: int, v: int):
    d = r.randint(80, 5200)
    s = d - r.randint(1, max(2, d // 25))
    dec = r.choice([1, 1, 2, 0])
    rate = pct(s, d, dec)
    org = r.randint(9, 380)
    u.facts.append({"kind": "rate", "part": s, "whole": d, "rate": rate})
    heads = ["推进矛盾纠纷多元化解", "坚持和发展新时代“枫桥经验”", "做实人民调解工作"]
    if v == 0:
        t = f"{u.whole}{org}个人民调解组织共排查化解矛盾纠纷{d}件，调解成功{s}件，调解成功率{rate}%。"
    elif v == 1:
        t = f"各级人民调解组织全年受理矛盾纠纷{d}件。其中调解成功{s}件，成功率达{rate}%，未发生因调处不当引发的群体性事件。"
    elif v == 2:
        t = (f"健全“人民调解+行政调解+司法调解”联动机制，全年调处各类矛盾纠纷{d}件，调处成功{s}件，"
             f"调处成功率{rate}%，涉及金额{r.randint(100, 9000)}万元。")
    else:
        t = f"全年排查矛盾纠纷{d}件，成功化解{s}件，化解成功率为{rate}%，“小事不出村、大事不出{u.name[-1]}”的格局巩固。"
    return heads, t


def legal_aid(r: random.Random, u: Unit, y: int, v: int):
    c = r.randint(120, 3800)
    cl = c - r.randint(2, max(3, c // 20))
    dec = r.choice([1, 2])
    rate = pct(cl, c, dec)
    mw = r.randint(10, c // 3)
    heads = ["提升公共法律服务水平", "做优法律援助服务", "健全公共法律服务体系"]
    u.facts.append({"kind": "rate", "part": cl, "whole": c, "rate": rate})
    if v == 0:
        t = f"全年办理法律援助案件{c}件，其中农民工案件{mw}件，办结{cl}件，结案率{rate}%，为受援人挽回经济损失{r.randint(80, 2000)}万元。"
    elif v == 1:
        t = f"法律援助中心受理案件{c}件。截至年底已办结{cl}件，办结率{rate}%，受援群众满意率保持在98%以上。"
    elif v == 2:
        t = f"开通“12348”公共法律服务热线，解答法律咨询{r.randint(2000, 40000)}人次；受理法律援助案件{c}件，办结{cl}件，结案率{rate}%。"
    else:
        t = f"落实法律援助经济困难标准动态调整，受理法律援助案件{c}件（其中农民工讨薪案件{mw}件），结案{cl}件，结案率{rate}%。"
    return heads, t


def litigation(r: random.Random, u: Unit, y: int, v: int):
    c = r.randint(30, 900)
    h = c - r.randint(0, c // 10)
    dec = r.choice([1, 2])
    rate = pct(h, c, dec)
    lost = r.randint(1, max(2, c // 15))
    lrate = pct(lost, c, dec)
    heads = ["支持配合人民法院审理行政案件", "落实行政机关负责人出庭应诉制度", "提升行政应诉能力"]
    u.facts.append({"kind": "rate", "part": h, "whole": c, "rate": rate})
    if v == 0:
        t = f"全年行政应诉案件{c}件，行政机关负责人出庭应诉{h}件，出庭应诉率{rate}%；败诉{lost}件，败诉率{lrate}%。"
    elif v == 1:
        t = f"{u.whole}发生一审行政诉讼案件{c}件。行政机关负责人出庭应诉{h}件，出庭应诉率为{rate}%，人民法院司法建议全部按期回复。"
    elif v == 2:
        t = f"行政机关负责人出庭应诉{h}件，出庭应诉率{rate}%，较上年提高{r.randint(2, 9)}个百分点。"
        u.facts[-1] = {"kind": "rate_only_part", "part": h, "rate": rate}
    else:
        t = f"严格落实负责人出庭应诉制度，应出庭案件{c}件，实际出庭{h}件，出庭率{rate}%，“告官不见官”现象明显减少。"
    return heads, t


def hotline(r: random.Random, u: Unit, y: int, v: int):
    heads = ["提升政务服务效能", "用好12345政务服务便民热线", "回应群众诉求"]
    if v == 1 and u.level in ("province", "city", "county", "district"):
        t_ = r.randint(60000, 900000)
        c_ = t_ - r.randint(200, t_ // 30)
        tw = f"{t_ / 10000:.2f}"
        cw = f"{c_ / 10000:.2f}"
        rate = pct(c_, t_, 1)
        u.facts.append({"kind": "rate_wan", "part": cw, "whole": tw, "rate": rate})
        return heads, f"全年12345热线共受理群众来电和网络诉求{tw}万件，办结{cw}万件，办结率{rate}%，群众满意率{r.randint(94, 99)}.{r.randint(0, 9)}%。"
    t_ = r.randint(300, 9000)
    c_ = t_ - r.randint(1, max(2, t_ // 40))
    rate = pct(c_, t_, 1)
    u.facts.append({"kind": "rate", "part": c_, "whole": t_, "rate": rate})
    if v in (0, 1):
        t = f"12345政务服务便民热线交办工单{t_}件，按期办结{c_}件，办结率{rate}%，回访满意率{r.randint(93, 99)}.{r.randint(1, 9)}%。"
    elif v == 2:
        t = f"承接12345热线转办事项{t_}件，办结{c_}件，办结率达到{rate}%，工单办理量同比增长{r.randint(101, 180)}.{r.randint(1, 9)}%。"
    else:
        t = f"畅通诉求表达渠道，全年受理热线诉求{t_}件。已办结{c_}件，办结率{rate}%，较年初目标提高{r.randint(2, 6)}个百分点。"
    return heads, t


def enforcement(r: random.Random, u: Unit, y: int, v: int):
    e = r.randint(60, 900)
    c = e - r.randint(1, e // 8)
    dec = r.choice([1, 2])
    rate = pct(c, e, dec)
    heads = ["严格规范公正文明执法", "全面推行行政执法“三项制度”", "提升行政执法质量"]
    cases = r.randint(80, 3000)
    if v == 0:
        t = (f"组织行政执法人员资格考试，参考{e}人，考试合格{c}人，合格率{rate}%；开展行政执法案卷评查，"
             f"抽查案卷{r.randint(60, 400)}卷，督促整改问题{r.randint(10, 90)}个。")
        u.facts.append({"kind": "rate", "part": c, "whole": e, "rate": rate})
    elif v == 1:
        t = (f"全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度，全年办理行政处罚案件{cases}件，"
             f"罚没款{r.randint(50, 5000)}万元，对{r.randint(20, 300)}件轻微违法行为依法不予处罚。")
    elif v == 2:
        t = (f"执法资格考试参考人员{e}人，通过{c}人，通过率为{rate}%。新申领行政执法证件{c}本，"
             f"注销执法证件{r.randint(5, 40)}本。")
        u.facts.append({"kind": "rate", "part": c, "whole": e, "rate": rate})
    else:
        t = (f"推行包容审慎监管，制定不予处罚、减轻处罚事项清单{r.randint(2, 6)}张，"
             f"全年办理行政处罚案件{cases}件，其中适用简易程序{cases // 3}件。")
    return heads, t


def decisions(r: random.Random, u: Unit, y: int, v: int):
    d = r.randint(3, 26)
    heads = ["推进行政决策科学化民主化法治化", "严格重大行政决策程序", "发挥法律顾问作用"]
    if v == 0:
        t = (f"制定《{u.name}重大行政决策程序规定》，全年作出重大行政决策{d}项，均履行公众参与、专家论证、风险评估、"
             f"合法性审查和集体讨论决定程序。")
    elif v == 1:
        t = (f"法律顾问全程参与重大决策，全年审查合同协议{r.randint(40, 400)}份、重大事项{d}件，"
             f"提出法律意见建议{r.randint(30, 300)}条。")
    elif v == 2:
        t = (f"印发{y}年度重大行政决策事项目录（{u.name[:2]}政办发〔{y}〕{r.randint(2, 80)}号），"
             f"列入目录的{d}项决策事项均按程序作出。")
    else:
        t = f"{u.meeting}审议的{d}个议题，会前均经合法性审查，未经审查的不上会。"
    return heads, t


def proposals(r: random.Random, u: Unit, y: int, v: int):
    a, b = r.randint(20, 400), r.randint(20, 500)
    heads = ["自觉接受人大监督和政协民主监督", "主动接受各方面监督", "强化行政权力制约监督"]
    if v == 0:
        t = f"办理人大代表建议{a}件、政协委员提案{b}件，办复率均为100%，代表委员满意率达到98%以上。"
    elif v == 1:
        t = f"共收到人大建议{a}件、政协提案{b}件，已全部按期办结；认真执行同级人大及其常委会的决议决定。"
    elif v == 2:
        t = f"向人民代表大会常务委员会报告工作{r.randint(2, 6)}次，承办人民群众来信来访{r.randint(50, 900)}件，件件有回音。"
    else:
        t = f"承办市人大代表建议和政协提案共计{a + b}件，其中人大代表建议{a}件、政协提案{b}件，均在规定时限内办结。"
        u.facts.append({"kind": "sum", "total": a + b, "parts": [a, b]})
    return heads, t


def training(r: random.Random, u: Unit, y: int, v: int):
    heads = ["加强法治宣传教育", "深入实施“八五”普法规划", "提升干部法治素养"]
    if v == 0:
        t = (f"{u.meeting}会前学法{r.randint(6, 16)}次，举办领导干部法治专题讲座{r.randint(2, 8)}期，"
             f"培训{r.randint(200, 2600)}人次。")
    elif v == 1:
        t = (f"开展宪法宣传周、民法典宣传月等主题活动{r.randint(30, 400)}场次，培育“法律明白人”{r.randint(80, 4000)}名，"
             f"获评第{cn(r.randint(2, 4))}批全国民主法治示范村（社区）{r.randint(1, 3)}个。")
    elif v == 2:
        t = (f"在{u.parent.split('、')[0]}组织的年度法治建设考核中位列第{r.randint(1, 5)}名，"
             f"完成年度普法任务的{r.randint(101, 130)}.{r.randint(1, 9)}%。")
    else:
        t = (f"落实“谁执法谁普法”责任制，印发普法责任清单（第{r.randint(3, 9)}版），组织国家工作人员学法考试，"
             f"参考率100%。")
    return heads, t


def grassroots(r: random.Random, u: Unit, y: int, v: int):
    n = r.randint(6, 28)
    heads = ["夯实基层法治基础", "推进基层依法治理", "建设法治乡村（社区）"]
    if v == 0:
        t = (f"{u.whole}{n}个村（社区）全部配备法律顾问，全年提供法律咨询{r.randint(100, 900)}人次，"
             f"协助审查村规民约{n}份。")
    elif v == 1:
        t = (f"综合行政执法队现有执法人员{r.randint(8, 30)}名，全年办理行政处罚案件{r.randint(20, 200)}件，"
             f"下达责令整改通知书{r.randint(20, 160)}份。")
    elif v == 2:
        t = f"建成村（社区）公共法律服务工作室{n}个，开展“法律进网格”活动{r.randint(20, 120)}场次。"
    else:
        t = f"落实合法性审查全覆盖，提交党政联席会议审议的重大事项{r.randint(10, 40)}项均经法律顾问审查。"
    return heads, t


GOV_TOPICS = [reconsideration, normative, disclosure, mediation, legal_aid, litigation, hotline, enforcement,
              decisions, proposals, training]
BASE_TOPICS = [mediation, grassroots, decisions, hotline, training, disclosure]
DEPT_TOPICS = [enforcement, litigation, normative, disclosure, decisions, training, proposals]


# ----------------------------------------------------------------------------- other parts
def first_resp(r: random.Random, u: Unit, y: int, v: int) -> str:
    n = r.randint(3, 9)
    if v == 0:
        return (f"{u.heads}认真履行推进法治建设第一责任人职责，带头学习贯彻习近平法治思想，"
                f"{u.party}会议、{u.meeting}专题研究法治建设工作{n}次，对重要工作亲自部署、重大问题亲自过问。")
    if v == 1:
        return (f"党政主要负责人把法治建设纳入{y}年度工作要点，主持召开专题会议{n}次，"
                f"带头出庭应诉{r.randint(1, 4)}次，将履行推进法治建设第一责任人职责情况列入年终述职内容。")
    if v == 2:
        return (f"{u.party}主要负责同志先后{n}次听取法治建设工作汇报，签批法治工作文件{r.randint(5, 30)}件，"
                f"带头落实推进法治建设第一责任人职责清单。")
    return (f"主要负责人履行第一责任人职责：年初与班子成员签订法治建设目标责任书，年中开展督查{n}次，"
            f"年底组织述法，做到法治建设与经济社会发展同部署、同推进、同考核。")


SHORTS = [
    ("行政执法规范化水平有待提高，案卷评查中发现部分案件调查取证不充分、法律适用不准确",
     "执法人员中具有法律专业背景的比例偏低，业务培训针对性不强"),
    ("基层法治力量薄弱，部分{small}未配备专职法治工作人员",
     "基层编制紧张，法治工作人员多为兼职，人员流动较快"),
    ("行政复议和行政诉讼纠错率偏高，反映出个别行政行为在程序上存在瑕疵",
     "部分单位对程序规定重视不够，法制审核把关不严"),
    ("法治宣传教育的针对性和实效性不够强，普法方式仍以发放资料、举办讲座为主",
     "对群众法治需求调研不深，新媒体普法投入不足"),
    ("规范性文件备案审查工作存在滞后，个别文件未在规定时限内报送备案",
     "备案审查工作人员少、任务重，报送提醒机制尚未建立"),
    ("数字法治建设相对滞后，执法监督平台与业务系统尚未完全联通",
     "信息化建设资金有限，部门之间数据标准不统一"),
]

PLANS = [
    "修订{unit}行政执法事项清单，年内组织执法人员专题轮训{n}期",
    "推进{we}法治政府建设示范创建，力争在{year}年通过{parent0}评估验收",
    "完成{n}件行政规范性文件的清理，建立规范性文件动态清理机制",
    "在{n}个{small}建成公共法律服务工作站，实现法律顾问服务全覆盖",
    "落实行政复议决定书网上公开，行政复议纠错率控制在{n}%以内",
    "开展行政执法案卷评查{n}次，对评查发现的问题实行清单化整改",
    "组织领导干部旁听庭审{n}次，将学法用法情况纳入年度考核",
]


def shortcomings_part(r: random.Random, u: Unit, y: int, v: int, sub) -> list[str]:
    small = {"township": "村", "street": "社区", "department": "基层所站"}.get(u.level, "乡镇（街道）")
    items = r.sample(SHORTS, r.randint(2, 3))
    issues = [s.format(small=small) for s, _ in items]
    causes = [c.format(small=small) for _, c in items]
    n = len(issues)
    if v == 0:
        return ["；".join(f"{cn(i + 1)}是{s}" for i, s in enumerate(issues)) + "。",
                "究其原因，" + "；".join(f"{cn(i + 1)}是{c}" for i, c in enumerate(causes)) + "。"]
    if v == 1:
        return [f"{sub(i + 1)}{s}。主要原因是{c}。" for i, (s, c) in enumerate(zip(issues, causes))][:n]
    if v == 2:
        return ["对照上级要求，我们的工作还存在一些不足：" + "；".join(issues) + "。",
                "产生上述问题的原因主要有：" + "；".join(causes) + "。"]
    return [f"{s}。原因在于{c}。" for s, c in zip(issues, causes)]


def plans_part(r: random.Random, u: Unit, y: int, v: int, sub) -> list[str]:
    small = {"township": "村", "street": "社区", "department": "基层所站"}.get(u.level, "乡镇（街道）")
    items = [p.format(unit=u.name, we=u.we, year=y + 1, parent0="国家" if u.level == "province" else u.parent.split("、")[0], n=r.randint(2, 12), small=small)
             for p in r.sample(PLANS, r.randint(3, 4))]
    if v == 0:
        return [f"{y + 1}年，{u.we}将围绕法治政府建设实施纲要确定的目标，重点做好以下工作：" +
                "；".join(f"{cn(i + 1)}是{s}" for i, s in enumerate(items)) + "。"]
    if v == 1:
        return [f"{i + 1}.{s}。" for i, s in enumerate(items)]
    if v == 2:
        return ["下一步，" + u.we + "将" + "；".join(items) + "。"]
    return [f"（{cn(i + 1)}）{s}。" for i, s in enumerate(items)]


# ----------------------------------------------------------------------------- assembly
STYLES = ["一、/（一）", "第一部分/一、", "一、/1.", "一、/一是"]


def compose(seed: int, level: str, year: int, half: str) -> tuple[str, dict]:
    r = random.Random(seed)
    u = make_unit(r, level)
    variants = [0, 2] if half == "tuned" else [1, 3]
    vv = lambda: r.choice(variants)  # noqa: E731
    style = STYLES[seed % len(STYLES)]
    topics = {"department": DEPT_TOPICS, "township": BASE_TOPICS, "street": BASE_TOPICS}.get(u.level, GOV_TOPICS)
    chosen = r.sample(topics, min(len(topics), r.randint(5, 7)))
    # departments report before 1 March, governments publish before 1 April
    pub = f"{year + 1}-0{r.randint(1, 2 if u.level == 'department' else 3)}-{r.randint(10, 28)}"
    titles = [f"{u.issuer}{year}年法治政府建设情况报告", f"{u.issuer}关于{year}年度法治政府建设工作情况的报告",
              f"{u.issuer}{year}年度法治政府建设年度报告", f"关于{u.name}{year}年法治政府建设工作情况的报告"]
    lines = [r.choice(titles)]
    lines.append(r.choice([f"发布日期：{pub}", f"发布时间：{pub[:4]}年{int(pub[5:7])}月{int(pub[8:])}日",
                           f"来源：{u.name}　发布时间：{pub}"]))
    lines.append("")
    lines.append(f"{year}年，{u.name}在{u.parent}的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
                 f"深入学习贯彻习近平法治思想，扎实推进法治政府建设各项工作。现将有关情况报告如下。")
    top = (lambda i: f"第{cn(i)}部分　") if style.startswith("第") else (lambda i: f"{cn(i)}、")
    if style.startswith("第"):
        sub = lambda i: f"{cn(i)}、"  # noqa: E731
    elif style == "一、/1.":
        sub = lambda i: f"{i}."  # noqa: E731
    else:
        sub = lambda i: f"（{cn(i)}）"  # noqa: E731
    measures_title = r.choice([f"{year}年法治政府建设主要举措和成效", "主要举措和成效", "主要工作及成效",
                               f"{year}年推进法治政府建设的主要举措和成效"])
    sep_first = r.random() < 0.5
    k = 1
    lines.append(top(k) + measures_title)
    for i, fn in enumerate(chosen, 1):
        heads, para = fn(r, u, year, vv())
        if style == "一、/一是":
            lines.append(f"（{cn(i)}）{r.choice(heads)}。{para}")
        else:
            lines.append(sub(i) + r.choice(heads))
            lines.append(para)
    if not sep_first:
        i = len(chosen) + 1
        fr = first_resp(r, u, year, vv())
        if style == "一、/一是":
            lines.append(f"（{cn(i)}）压实法治建设第一责任人职责。{fr}")
        else:
            lines.append(sub(i) + "压实推进法治建设第一责任人职责")
            lines.append(fr)
    else:
        k += 1
        lines.append(top(k) + r.choice(["党政主要负责人履行推进法治建设第一责任人职责情况",
                                        f"{year}年党政主要负责人履行推进法治建设第一责任人职责情况"]))
        lines.append(first_resp(r, u, year, vv()))
    k += 1
    lines.append(top(k) + r.choice(["存在的不足和原因", "存在的问题及原因分析", "存在的不足及原因"]))
    lines.extend(shortcomings_part(r, u, year, vv(), sub))
    k += 1
    plan_title = r.choice([f"{year + 1}年工作安排", "下一步工作打算", f"{year + 1}年推进法治政府建设的主要安排",
                           f"{year + 1}年法治政府建设工作计划"])
    lines.append(top(k) + plan_title)
    lines.extend(plans_part(r, u, year, vv(), sub))
    if r.random() < 0.4:
        k += 1
        lines.append(top(k) + "其他需要报告的事项")
        lines.append("本年度无其他需要报告的事项。")
    lines.append("")
    lines.append(u.issuer)
    lines.append(f"{pub[:4]}年{int(pub[5:7])}月{max(1, int(pub[8:]) - r.randint(0, 5))}日")
    body = "\n".join(lines[:3]) + "\n" + "\n".join("　　" + x if x else x for x in lines[3:]) + "\n"
    meta = {"unit": u.name, "issuer": u.issuer, "level": u.level, "province": u.province, "city": u.city,
            "county": u.county, "year": year, "published": pub, "style": style, "half": half, "seed": seed,
            "facts": u.facts}
    return body, meta


PLAN = [  # (level, year): tuned and held-out halves alternate
    ("province", 2022), ("city", 2021), ("county", 2023), ("county_city", 2020), ("district", 2024),
    ("town", 2022), ("xiang", 2019), ("street", 2023), ("county:司法局", 2023), ("city:市场监督管理局", 2021),
    ("county:自然资源局", 2024), ("district:生态环境局", 2022), ("county:交通运输局", 2020), ("city:卫生健康委员会", 2025),
    ("province", 2024), ("city", 2019), ("county", 2025), ("district", 2020), ("town", 2024), ("xiang", 2023),
    ("street", 2021), ("street", 2025), ("town", 2020), ("county:人力资源和社会保障局", 2022), ("city:司法局", 2024),
    ("district:应急管理局", 2023), ("county_city", 2024), ("district", 2022), ("county", 2019), ("city", 2023),
    ("town", 2021), ("street", 2019), ("xiang", 2025), ("county:教育局", 2021), ("province", 2020), ("district", 2025),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("r[0-9][0-9]_*.txt"):  # the hand-written f*.txt reports stay
        old.unlink()
    manifest = []
    for i, (level, year) in enumerate(PLAN):
        half = "tuned" if i % 2 == 0 else "heldout"
        text, meta = compose(1000 + i, level, year, half)
        name = f"r{i:02d}_{meta['level']}_{year}.txt"
        (OUT / name).write_text(text, encoding="utf-8")
        manifest.append({"file": name, **meta})
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
