"""Write a synthetic corpus of rule-of-law annual reports with planted copies and false 同比 claims.

    python bench/generate_corpus.py --reports 20000 --years 2019-2023 --out bench/out/corpus

Why synthetic: the benchmark needs tens of thousands of reports over several years with a
known truth (which passage was copied from where, which year-on-year claim is false), and
real reports may not be committed. The reports imitate the genre: real county and township
names (from fazhi's own division table, so metadata resolves), the usual outline, stock
political phrasing shared by everyone (which must not count as copying), specific passages
with local names and numbers, and figures whose 同比 changes follow from the unit's previous
report. Paragraphs of the project's example reports (examples/*.txt) that hold no digits
join the stock phrasing when they exist.

Planted, with the truth written to `truth.json` beside the reports:
- copies: 1-3 consecutive specific paragraphs of another unit's report (same or previous
  year, published earlier), with the unit's name swapped and sometimes one number or one
  clause changed; and paragraphs carried over from the unit's own previous report;
- false claims: a 同比 change that does not follow from last year's figure (wrong amount
  or wrong direction).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STOCK = [
    "坚持以习近平新时代中国特色社会主义思想为指导", "深入学习贯彻党的二十大精神和习近平法治思想",
    "全面贯彻落实党中央、国务院关于法治政府建设的决策部署", "认真落实《法治政府建设实施纲要（2021—2025年）》",
    "持续推进严格规范公正文明执法", "不断提升依法行政能力和水平", "推动法治政府建设各项任务落地落实",
    "切实把法治政府建设摆在全局工作的重要位置", "进一步增强运用法治思维和法治方式推动发展的能力",
    "着力营造市场化法治化国际化一流营商环境", "坚持把全面依法治理贯穿于经济社会发展全过程",
    "为经济社会高质量发展提供坚实法治保障", "始终坚持党对法治政府建设的全面领导",
    "健全完善依法行政制度体系", "扎实推进行政执法“三项制度”", "深化“放管服”改革",
    "持续优化法治化营商环境", "推进政务公开标准化规范化建设", "加强行政执法监督",
    "构建权责明晰的执法体系", "畅通群众诉求表达渠道", "坚持和发展新时代“枫桥经验”",
    "扎实开展“八五”普法工作", "全面落实“谁执法谁普法”普法责任制", "深化法治宣传教育",
    "推进基层治理体系和治理能力现代化", "推进重大行政决策科学化民主化法治化",
    "严格落实重大行政决策程序规定", "持续开展行政规范性文件清理工作", "做好行政复议和行政应诉工作",
    "加强行政复议规范化建设", "有效化解社会矛盾纠纷", "维护社会大局和谐稳定",
    "法治政府建设取得新成效", "群众的获得感幸福感安全感不断增强", "依法行政水平持续提升",
]
PROBLEMS = [
    "基层执法力量相对薄弱", "法治宣传教育的针对性和实效性有待增强", "行政执法规范化水平仍需提升",
    "部分干部运用法治思维的能力还有差距", "法治政府建设工作统筹推进力度不够", "矛盾纠纷多元化解机制还不够健全",
    "行政规范性文件管理还不够规范", "法律顾问作用发挥不够充分", "政务公开的深度和广度有待拓展",
]
CAUSES = [
    "主要原因是专业人才储备不足", "主要原因是培训的系统性不够", "究其原因，一些部门重业务轻法治的观念还未根本转变",
    "原因在于考核评价机制还不够完善", "主要是经费和人员保障不到位", "原因是统筹协调机制运行不够顺畅",
]
PLANS = [
    "持续深化法治政府建设", "着力提升行政执法质量", "健全矛盾纠纷多元化解机制", "加强法治队伍建设",
    "深入推进依法科学民主决策", "持续优化政务服务", "强化行政权力制约监督", "深化法治宣传教育",
]
HEADINGS = [
    "加强组织领导，压实法治建设责任", "坚持依法决策，提升决策质量", "严格规范执法，提升执法水平",
    "强化权力监督，规范权力运行", "化解矛盾纠纷，维护和谐稳定", "深化普法宣传，营造法治氛围",
    "优化营商环境，服务高质量发展", "推进政务公开，建设透明政府", "加强队伍建设，夯实法治基础",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
NAME_CHARS = ("安宝北长城川春大德东丰福富刚光广海和河红宏华槐吉佳建江金锦京敬静九康乐兰岭龙隆鲁茂梅美明南宁平"
              "浦青清庆泉仁荣瑞三山善胜盛石顺松台泰桃天田同团万旺望文武西溪喜仙祥新兴星秀阳杨耀义永玉元园远云泽增柱竹")
TOPICS = ["民法典", "行政处罚法", "行政许可法", "安全生产法", "食品安全法", "优化营商环境条例", "行政复议法",
          "土地管理法", "生态环境保护法律法规", "信访工作条例", "未成年人保护法", "反电信网络诈骗法"]
ORGS = ["市场监管", "综合行政执法", "生态环境", "自然资源", "住房城乡建设", "交通运输", "农业农村", "应急管理",
        "卫生健康", "文化旅游", "人力资源社会保障", "公安"]
THINGS = ["执法记录仪", "移动执法终端", "电子证照", "“一网通办”平台", "行政执法监督平台", "矛盾纠纷调处平台",
          "法律服务工作站", "法治文化广场", "普法宣传长廊", "公共法律服务中心"]
MODES = ["工作法", "调解室", "服务站", "议事会", "联络点", "工作室", "示范点", "服务队"]
EFFECTS = ["群众满意度明显提升", "办事时限压缩一半以上", "实现矛盾纠纷就地化解", "执法争议大幅减少",
           "企业办事实现“最多跑一次”", "形成可复制可推广的经验", "被上级部门作为典型推广", "投诉举报量明显下降"]

# indicators whose 同比 claims are planted: (id, sentence before the number, unit, kind)
COUNTS = [
    ("reconsideration.received", "全年共受理行政复议案件", "件"),
    ("legal_aid.cases", "办理法律援助案件", "件"),
    ("mediation.disputes", "排查矛盾纠纷", "件"),
    ("litigation.cases", "承办行政诉讼应诉案件", "件"),
]
RATES = [
    ("hotline.satisfaction_rate", "12345热线满意率达到"),
    ("litigation.head_appearance_rate", "行政机关负责人出庭应诉率达到"),
]
UP_WORDS, DOWN_WORDS = ["增长", "增加", "上升"], ["下降", "减少"]


@dataclass
class Unit:
    code: str
    name: str  # as in the title
    short: str  # as the unit calls itself in the text (本县 -> 全县 ...)
    level: str
    county: str | None
    city: str | None
    values: dict[int, dict[str, float]] = field(default_factory=dict)  # year -> indicator -> value


@dataclass
class Report:
    unit: Unit
    year: int
    published: date
    paragraphs: list[tuple[str, bool]]  # (text, copyable)
    file: str = ""


def _self_words(u: Unit) -> tuple[str, str]:
    if u.level == "street":
        return "本街道", "全街道"
    ch = u.name[-1] if u.level in ("county", "district", "township") else "县"
    if u.level == "township":
        ch = "乡" if u.name.endswith("乡") else "镇"
    return "我" + ch, "全" + ch


def pick_units(n: int, rng: random.Random) -> list[Unit]:
    """n reporting units: real counties/districts and townships with names unique in the country."""
    from fazhi.understand.divisions import divisions

    d = divisions()
    rows = [x for x in d.by_code.values() if not x.former]
    counts: dict[str, int] = {}
    for x in rows:
        counts[x.name] = counts.get(x.name, 0) + 1
    counties = [x for x in rows if x.kind == "county" and counts[x.name] == 1 and len(x.name) >= 3]
    towns = [x for x in rows if x.kind == "township" and counts[x.name] == 1 and len(x.name) >= 3
             and x.name.endswith(("镇", "乡", "街道"))]
    rng.shuffle(counties)
    rng.shuffle(towns)
    n_counties = min(len(counties), int(n * 0.6))
    chosen = counties[:n_counties] + towns[: n - n_counties]
    out = []
    for x in chosen:
        city = d.city_of(x)
        county = d.county_of(x) if x.kind == "township" else None
        out.append(Unit(code=x.code, name=x.name, short=x.name, level=x.level,
                        county=county.name if county else None, city=city.name if city else None))
    return out


def _village(rng: random.Random) -> str:
    return rng.choice(NAME_CHARS) + rng.choice(NAME_CHARS) + rng.choice(["村", "社区", "村", "居委会"])


def _specific(u: Unit, rng: random.Random, year: int) -> str:
    """One specific sentence: local names, a named measure, numbers."""
    we, _all = _self_words(u)
    v1, v2 = _village(rng), _village(rng)
    person = rng.choice(SURNAMES) + rng.choice(NAME_CHARS) + (rng.choice(NAME_CHARS) if rng.random() < 0.6 else "")
    m = rng.choice(NAME_CHARS) + rng.choice(NAME_CHARS)
    n1, n2, n3 = rng.randint(2, 40), rng.randint(10, 900), rng.randint(3, 60)
    templates = [
        f"在{v1}试点推行“{m}{rng.choice(MODES)}”，{rng.choice(EFFECTS)}",
        f"{we}会同{rng.choice(ORGS)}部门在{v1}、{v2}开展联合执法检查{n1}次，督促整改问题{n3}个",
        f"依托{rng.choice(THINGS)}，{v1}等{n1}个村（社区）实现{rng.choice(['法律咨询', '矛盾调处', '证照办理', '执法公示'])}不出村",
        f"组织{rng.choice(ORGS)}执法人员{n2}人次参加《{rng.choice(TOPICS)}》专题培训，{person}等{n3}人通过结业考试",
        f"聘请{m}律师事务所{rng.randint(2, 9)}名律师担任法律顾问，审查{rng.choice(['合同', '协议', '规范性文件'])}{n2}份",
        f"{v1}调委会主任{person}牵头化解{rng.choice(['土地承包', '邻里', '婚姻家庭', '劳资'])}纠纷{n1}起，涉及金额{n2}万元",
        f"建成{m}{rng.choice(['法治文化公园', '普法主题广场', '法治书屋', '宪法宣传长廊'])}{rng.randint(1, 6)}处，"
        f"在{v2}设立{rng.choice(MODES)}",
        f"围绕{rng.choice(['农村人居环境整治', '自建房安全排查', '燃气安全', '校园周边环境', '电动自行车充电'])}开展专项行动，"
        f"出动执法人员{n2}人次，立案查处{n3}起",
        f"在{v1}推行“{m}”调解模式，{year}年{rng.randint(1, 12)}月以来调处纠纷{n2}件",
        f"{person}同志带队到{v2}督导{rng.choice(['法治示范创建', '乡村振兴法治保障', '安全生产执法', '营商环境整治'])}，"
        f"现场协调解决问题{n1}个",
        f"编印《{m}{rng.choice(['法治读本', '普法手册', '以案释法汇编', '执法指引'])}》{n2}册，发放至{v1}等{n1}个村（社区）",
        f"对{rng.choice(ORGS)}领域{n3}项行政许可事项实行告知承诺制，平均办理时限由{rng.randint(8, 20)}个工作日压缩至"
        f"{rng.randint(1, 7)}个工作日",
    ]
    return rng.choice(templates)


def _paragraph(u: Unit, rng: random.Random, year: int, stock_extra: list[str]) -> str:
    parts = []
    if rng.random() < 0.8:
        parts.append(rng.choice(STOCK + stock_extra))
    parts += [_specific(u, rng, year) for _ in range(rng.randint(4, 7))]
    if rng.random() < 0.5:
        parts.append(rng.choice(STOCK))
    return "，".join(parts[:2]) + "。" + "。".join(parts[2:]) + "。"


def _change_text(prev: float, now: float, rate: bool, rng: random.Random, false: bool) -> tuple[str, float]:
    """A 同比 clause and the signed change it states; a false one misstates the change."""
    if rate:
        true = round(now - prev, 1)
        stated = true
        if false:
            stated = round(true + rng.choice([-1, 1]) * rng.uniform(0.6, 3.0), 1)
        word = "提高" if stated >= 0 else "下降"
        return f"同比{word}{abs(stated):g}个百分点", stated
    true = round((now / prev - 1) * 100, 1)
    stated = true
    if false:
        stated = round(true + rng.choice([-1, 1]) * rng.uniform(2.0, 15.0), 1)
    word = rng.choice(UP_WORDS) if stated >= 0 else rng.choice(DOWN_WORDS)
    return f"同比{word}{abs(stated):g}%", stated


def _figures(u: Unit, year: int, rng: random.Random, false_rate: float, truth: list, fname: str) -> str:
    vals = u.values.setdefault(year, {})
    prev = u.values.get(year - 1)
    parts = []
    for ind, lead, unit in COUNTS:
        last = prev.get(ind) if prev else None
        now = max(3, round(last * rng.uniform(0.75, 1.35))) if last else rng.randint(20, 3000)
        if last is not None and now == last:
            now += 1
        vals[ind] = now
        s = f"{lead}{now}{unit}"
        if last and rng.random() < 0.75:
            false = rng.random() < false_rate
            clause, stated = _change_text(last, now, False, rng, false)
            s += "，" + clause
            truth.append({"file": fname, "indicator": ind, "false": false, "stated": stated})
        parts.append(s)
    for ind, lead in RATES:
        last = prev.get(ind) if prev else None
        now = round(min(99.9, max(80.0, (last if last else rng.uniform(88, 99)) + rng.uniform(-2.5, 2.5))), 1)
        if last is not None and now == last:
            now = round(now - 0.3, 1)
        vals[ind] = now
        s = f"{lead}{now:g}%"
        if last and rng.random() < 0.75:
            false = rng.random() < false_rate
            clause, stated = _change_text(last, now, True, rng, false)
            s += "，" + clause
            truth.append({"file": fname, "indicator": ind, "false": false, "stated": stated})
        parts.append(s)
    return "。".join(parts) + "。"


def build_report(u: Unit, year: int, rng: random.Random, false_rate: float, yoy_truth: list, fname: str,
                 stock_extra: list[str]) -> Report:
    we, all_ = _self_words(u)
    paragraphs: list[tuple[str, bool]] = []
    intro = (f"{year}年，{we}{rng.choice(STOCK)}，{rng.choice(STOCK)}，{rng.choice(STOCK)}。现将有关情况报告如下。")
    paragraphs.append((intro, False))
    paragraphs.append(("一、主要举措和成效", False))
    heads = rng.sample(HEADINGS, 6)
    numerals = "一二三四五六"
    for i, h in enumerate(heads):
        paragraphs.append((f"（{numerals[i]}）{h}", False))
        if i == 0:
            leader = (f"{we}党政主要负责人认真履行推进法治建设第一责任人职责，主持召开常务会议专题研究法治政府建设"
                      f"{rng.randint(2, 8)}次，{rng.choice(STOCK)}。")
            paragraphs.append((leader, False))
        for _ in range(rng.randint(1, 2)):
            paragraphs.append((_paragraph(u, rng, year, stock_extra), True))
        if i == 3:
            paragraphs.append((_figures(u, year, rng, false_rate, yoy_truth, fname), False))
    paragraphs.append(("二、存在的不足和原因", False))
    probs = rng.sample(PROBLEMS, 2)
    paragraphs.append((f"一是{probs[0]}，{rng.choice(CAUSES)}。二是{probs[1]}，{rng.choice(CAUSES)}。", False))
    paragraphs.append((_paragraph(u, rng, year, stock_extra), True))
    paragraphs.append((f"三、{year + 1}年工作安排", False))
    plans = rng.sample(PLANS, 3)
    paragraphs.append((f"{year + 1}年，{we}将{plans[0]}，{plans[1]}，{plans[2]}。", False))
    paragraphs.append((_paragraph(u, rng, year + 1, stock_extra), True))
    published = date(year + 1, 2, 1) + timedelta(days=rng.randint(0, 57))
    if rng.random() < 0.04:
        published = date(year + 1, 4, 1) + timedelta(days=rng.randint(1, 30))
    return Report(u, year, published, paragraphs)


def title_of(u: Unit, year: int) -> str:
    issuer = u.name + ("办事处" if u.level == "street" else "人民政府")
    return f"{issuer}关于{year}年度法治政府建设情况的报告"


def render(r: Report) -> str:
    u = r.unit
    issuer = u.name + ("办事处" if u.level == "street" else "人民政府")
    head = f"{title_of(u, r.year)}\n发布日期：{r.published.isoformat()}\n\n"
    body = "\n".join(p for p, _ in r.paragraphs)
    signed = r.published - timedelta(days=3)
    return head + body + f"\n\n{issuer}\n{signed.year}年{signed.month}月{signed.day}日\n"


def _edit(text: str, source: Unit, target: Unit, rng: random.Random) -> str:
    """Light edits a copier makes: the unit's name swapped, sometimes one number changed."""
    text = text.replace(source.name, target.name)
    if rng.random() < 0.5:
        import re

        nums = list(re.finditer(r"\d+", text))
        if nums:
            m = rng.choice(nums)
            text = text[:m.start()] + str(int(m.group()) + rng.randint(1, 9)) + text[m.end():]
    return text


def example_stock() -> list[str]:
    """Digit-free sentences of the project's example reports: more stock phrasing shared by everyone.
    The look-alike examples are left out: a plan's own words (制定本工作要点) make a report a plan."""
    import re

    out = []
    for p in sorted((ROOT / "examples").glob("*.txt")):
        if p.name.startswith("lookalike_"):
            continue
        for sent in re.split(r"[。\n]", p.read_text("utf-8", errors="replace")):
            s = sent.strip()
            if 12 <= len(s) <= 60 and not re.search(r"\d", s):
                out.append(s)
    return out[:200]


def generate(n_reports: int, years: range, out: Path, seed: int = 7, copy_rate: float = 0.03,
             self_copy_rate: float = 0.01, false_rate: float = 0.03) -> dict:
    rng = random.Random(seed)
    n_units = max(1, n_reports // len(years))
    units = pick_units(n_units, rng)
    stock_extra = example_stock()
    yoy_truth: list[dict] = []
    copies: list[dict] = []
    by_year: dict[int, list[Report]] = {}
    for y in years:
        reps = []
        for u in units:
            fname = f"{y}/{u.code[:9]}_{y}.txt"
            r = build_report(u, y, rng, false_rate, yoy_truth, fname, stock_extra)
            r.file = fname
            reps.append(r)
        by_year[y] = reps
    # plant copies: targets are never sources, so every copy has one known origin
    used_as_source: set[str] = set()
    targeted: set[str] = set()
    all_reports = [r for y in years for r in by_year[y]]
    by_unit = {(r.unit.code, r.year): r for r in all_reports}
    for r in all_reports:
        if r.file in used_as_source or rng.random() >= copy_rate:
            continue
        pool = by_year[r.year] + (by_year.get(r.year - 1) or [])
        src = rng.choice(pool)
        if src.unit.code == r.unit.code or src.file in targeted or src.file in used_as_source:
            continue  # one copier per source: the truth names the only report the passage came from
        if src.year == r.year and src.published >= r.published:
            r.published = src.published + timedelta(days=rng.randint(1, 20))
        slots = [i for i, (_, c) in enumerate(r.paragraphs) if c]
        src_slots = [i for i, (_, c) in enumerate(src.paragraphs) if c]
        k = rng.randint(1, min(2, len(slots)))
        start = rng.randrange(0, len(slots) - k + 1)
        s_start = rng.randrange(0, len(src_slots) - k + 1)
        for j in range(k):
            text = _edit(src.paragraphs[src_slots[s_start + j]][0], src.unit, r.unit, rng)
            r.paragraphs[slots[start + j]] = (text, False)
            copies.append({"target": r.file, "source": src.file, "kind": "other_unit", "passage": text})
        used_as_source.add(src.file)
        targeted.add(r.file)
    for r in all_reports:
        prev = by_unit.get((r.unit.code, r.year - 1))
        if prev is None or r.file in targeted or r.file in used_as_source or prev.file in targeted \
                or rng.random() >= self_copy_rate:
            continue
        slots = [i for i, (_, c) in enumerate(r.paragraphs) if c]
        src_slots = [i for i, (_, c) in enumerate(prev.paragraphs) if c]
        i, j = rng.choice(slots), rng.choice(src_slots)
        text = prev.paragraphs[j][0].replace(f"{prev.year}年", f"{r.year}年")
        r.paragraphs[i] = (text, False)
        copies.append({"target": r.file, "source": prev.file, "kind": "previous_report", "passage": text})
        targeted.add(r.file)
        used_as_source.add(prev.file)
    out.mkdir(parents=True, exist_ok=True)
    for r in all_reports:
        p = out / r.file
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(render(r), "utf-8")
    truth = {"reports": len(all_reports), "units": len(units), "years": [years.start, years.stop - 1],
             "copies": copies, "yoy_claims": yoy_truth}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=0), "utf-8")
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--years", default="2019-2023")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "corpus"))
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    lo, hi = (int(x) for x in a.years.split("-"))
    truth = generate(a.reports, range(lo, hi + 1), Path(a.out), a.seed)
    n_false = sum(1 for c in truth["yoy_claims"] if c["false"])
    print(f"{truth['reports']} reports of {truth['units']} units, {len(truth['copies'])} planted copied passages, "
          f"{len(truth['yoy_claims'])} 同比 claims of which {n_false} false -> {a.out}")


if __name__ == "__main__":
    main()
