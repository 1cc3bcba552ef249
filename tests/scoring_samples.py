"""Self-written rule-of-law annual reports for the scoring tests, built from switches.

Each switch turns one thing a rubric item looks at on or off (causes, a first-responsible
section, figures, an arithmetic error, a typo, a late date, a specific plan, an account
of 突发事件应对), so a test can predict every item's code without reading the scorer.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    name: str
    unit: str = "青山县"
    year: int = 2023
    published: str | None = "2024-03-20"
    causes: bool = True
    first_responsibility: bool = True
    figures: bool = True
    arithmetic_error: bool = False
    typo: bool = False
    specific_plan: bool = True
    emergencies: bool = True
    reconsideration: bool = True

    def text(self) -> str:
        u, y = self.unit, self.year
        head = f"{u}人民政府关于{y}年度法治政府建设情况的报告\n"
        if self.published:
            head += f"发布日期：{self.published}\n"
        head += (f"\n{y}年，{u}坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n")
        parts = ["一、推进法治政府建设的主要举措和成效\n"]
        p1 = "深化“放管服”改革，优化法治化营商环境。持续推进政务服务“一网通办”，"
        p1 += "全年办理行政审批服务事项12.6万件，按期办结率100%。" if self.figures else "政务服务水平不断提升，群众满意度持续提高。"
        parts.append(p1 + "\n")
        p2 = "严格规范公正文明执法。组织行政执法人员开展专题培训，"
        p2 += "全年培训执法人员860人次，评查行政执法案卷120份。" if self.figures else "执法人员素质进一步提升，执法行为更加规范。"
        if self.typo:
            p2 += "进—步落实行政执法三项制度。"
        parts.append(p2 + "\n")
        if self.reconsideration:
            if self.figures:
                rate = "95.0%" if self.arithmetic_error else "88.9%"
                parts.append(f"发挥行政复议化解行政争议主渠道作用。全年受理行政复议案件45件，办结40件，结案率为{rate}；"
                             "办理行政应诉案件30件，行政机关负责人出庭应诉率达100%。\n")
            else:
                parts.append("发挥行政复议化解行政争议主渠道作用。认真办理行政复议案件，依法做好行政应诉工作。\n")
        if self.emergencies:
            parts.append("依法应对突发事件。修订完善突发事件总体应急预案，开展防汛应急演练，"
                         "依法规范应急处置程序，提升基层应急处置能力。\n")
        parts.append("深化政务公开。" + ("主动公开政府信息2300条，办理依申请公开12件。" if self.figures
                                           else "持续推进政务公开工作，及时回应社会关切。") + "\n")
        subs = "一二三四五六"
        parts = [parts[0]] + [f"（{subs[i]}）{p}" for i, p in enumerate(parts[1:])]
        n = 2
        if self.first_responsibility:
            parts.append("二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                         "县长带头履行推进法治建设第一责任人职责，主持召开县政府常务会议专题研究法治政府建设工作4次，"
                         "带头开展年度述法。\n")
            n = 3
        nums = "一二三四五六"
        if self.causes:
            parts.append(f"{nums[n - 1]}、存在的不足和原因\n"
                         "一是部分乡镇行政执法人员持证率偏低，仅为76%；二是行政规范性文件备案审查不够及时。"
                         "究其原因，主要是基层法治工作力量不足，专职法制审核人员只有12人。\n")
        else:
            parts.append(f"{nums[n - 1]}、存在的不足\n"
                         "一是部分乡镇行政执法人员持证率偏低，仅为76%；二是行政规范性文件备案审查不够及时。\n")
        if self.specific_plan:
            parts.append(f"{nums[n]}、{y + 1}年工作安排\n"
                         f"{y + 1}年6月底前出台《{u}行政执法监督办法》，年内完成全部执法人员轮训，"
                         "推行“扫码入企”检查，将行政复议纠错率纳入年度考核。\n")
        else:
            parts.append(f"{nums[n]}、{y + 1}年工作安排\n"
                         "下一步，我县将坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，"
                         "进一步加强法治政府建设，不断提升依法行政水平，为高质量发展提供有力法治保障。\n")
        tail = f"\n{u}人民政府\n{self.published[:4] + '年' + str(int(self.published[5:7])) + '月' + str(int(self.published[8:])) + '日' if self.published else ''}\n"
        return head + "\n".join(parts) + tail


SAMPLES = [
    Sample("full"),
    Sample("no_causes", unit="白石县", causes=False),
    Sample("late", unit="清河县", published="2024-04-08"),
    Sample("no_date", unit="东湖县", published=None),
    Sample("arith", unit="西岭县", arithmetic_error=True, typo=True),
    Sample("generic_plan", unit="南山县", specific_plan=False, emergencies=False),
    Sample("no_figures", unit="北川县", figures=False, first_responsibility=False),
    Sample("old", unit="长乐县", year=2019, published="2020-03-25", emergencies=False),
]
