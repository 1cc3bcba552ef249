"""Phrasings reports use for the indicators of fazhi/data/indicators.toml, one sentence each."""
from __future__ import annotations

import pytest

import fazhi

CASES = [
    # a count moved from one figure to the next is the same measure twice
    ("全县行政许可事项由215项精简至176项。", [("approval.items", 215), ("approval.items", 176)]),
    ("部门权责清单事项从412项调整为398项。", [("power_list.items", 412), ("power_list.items", 398)]),
    # the documents made, all reviewed however many aspects the review is said to cover
    ("全年制定行政规范性文件3件，均从制定权限、内容和程序等方面进行合法性审核。", [("normative_docs.reviewed", 3)]),
    # a ticket hotline's on-time rate is its completion rate
    ("全年办理12345热线工单3260件，按时完成率99.2%。", [("hotline.completion_rate", 99.2)]),
    # the business handled in a service hall the departments moved into; a bare count of 事项 in a
    # sentence that names the power list
    ("进驻大厅的部门全年共办理业务5.6万件。", [("approval.items", 56000)]),
    ("修订完善部门权责清单，事项共1460项。", [("power_list.items", 1460)]),
    # a count after filler whose next words say where it stands goes on with the cue before it
    ("全年受理行政许可申请510件，办结477件，另有33件正在办理中。", [("approval.items", 33)]),
    # powers a body exercises by concentration are items of the power list (devolved ones are not)
    ("县综合行政执法局集中行使行政处罚权事项1322项。", [("power_list.items", 1322)]),
    ("向乡镇下放行政处罚权事项112项。", [("enforcement.devolved_powers", 112)]),
    # the services of a 一件事 reform counted after examples of them, in the sentence naming the reform
    ("推行“一件事一次办”改革，推出开餐馆、开药店、开健身房等25项个性化服务流程。", [("approval.items", 25)]),
    # an item an enumeration's verb cannot name (重大事项) does not break the enumeration: the next
    # item still shares the verb
    ("法律顾问审查合同45份、重大事项12件、规范性文件3件。", [("legal_review.contracts", 45),
                                              ("normative_docs.reviewed", 3)]),
    ("审核合同协议63份、重大行政决策7件、规范性文件5件。", [("normative_docs.reviewed", 5)]),
    # a body whose name says it mediates is a mediation organisation (a 多元化解中心 is a platform: null)
    ("在各乡镇设立人民调解中心9个。", [("mediation.organizations", 9)]),
    # cases opened for a penalty (立案处罚) are enforcement cases, in whatever enumeration they stand
    ("检查门店210家次，责令整改问题85处，立案处罚19起。", [("enforcement.cases", 19)]),
    ("全年收到行政复议申请236件，受理218件，办结206件。", [("reconsideration.applications", 236),
                                                ("reconsideration.received", 218), ("reconsideration.closed", 206)]),
    ("全年受理行政复议案件64件，办结58件，结案率为95.3%。", [("reconsideration.closure_rate", 95.3)]),
    # applications received (接到, 申请, or 复议申请 with no verb) beside the cases accepted: two counts
    ("接到行政复议申请41件，依法受理37件。", [("reconsideration.applications", 41), ("reconsideration.received", 37)]),
    ("复议申请28件，受理25件。", [("reconsideration.applications", 28), ("reconsideration.received", 25)]),
    ("群众申请行政复议19件，受理17件。", [("reconsideration.applications", 19), ("reconsideration.received", 17)]),
    # alone, the applications are the count of cases received; 受理 or an outcome names its own count
    ("全年共接到复议申请23件。", [("reconsideration.received", 23)]),
    ("受理行政复议申请31件，办结30件。", [("reconsideration.received", 31), ("reconsideration.closed", 30)]),
    ("行政机关负责人出庭应诉率达到100%。", [("litigation.head_appearance_rate", 100)]),
    ("全年全旗行政执法机关作出行政处罚决定1532件。", [("enforcement.cases", 1532)]),
    ("全县共查处违法案件86件，罚没款120万元。", [("enforcement.cases", 86)]),
    ("全区人民调解组织调解矛盾纠纷6825件，调解成功6716件，调解成功率98.4%。",
     [("mediation.disputes", 6825), ("mediation.resolved", 6716), ("mediation.success_rate", 98.4)]),
    ("全年审核行政规范性文件9件、合同协议163件。", [("normative_docs.reviewed", 9), ("legal_review.contracts", 163)]),
    ("全年受理行政复议案件64件和行政应诉案件30件。", [("reconsideration.received", 64)]),
    # a clause that names its own topic (纠纷) is read in it, not in the reconsideration before it
    ("受理行政复议案件14件，成功调处矛盾纠纷27件。", [("reconsideration.received", 14), ("mediation.resolved", 27)]),
    ("依法审理行政复议案件，邻里纠纷调处成功18件。", [("mediation.resolved", 18)]),
    # …while a body the cue itself names is counted by it
    ("全县建成调解中心6个，调解成功纠纷300件。", [("mediation.organizations", 6), ("mediation.resolved", 300)]),
    ("审核各类文件162份，审查合同协议50件。", [("legal_review.documents", 162), ("legal_review.contracts", 50)]),
    ("全县现有行政执法人员1386人。", [("enforcement.personnel", 1386)]),
    # the cue after the number: the verb before it and the noun it counts name the indicator together
    ("全年审核4份政府规范性文件。", [("normative_docs.reviewed", 4)]),
    ("面向辖区群众组织18次法治讲座。", [("law_popularization.lectures", 18)]),
    # a lecture the leaders hold for themselves is their own law study
    ("区政府常务会议会前学法4次，举办法治专题讲座2场。", [("leader_law_study.sessions", 2)]),
    ("律师团队进社区开展法治讲座26场。", [("law_popularization.lectures", 26)]),
    ("开展送法进企业活动6场次，发放普法宣传册2000余份。",
     [("law_popularization.events", 6), ("law_popularization.materials", 2000)]),
    # entities enumerated after the number, the inspection earlier in the sentence
    ("全年开展双随机抽查300余次，对辖区15家建材企业、8家加油站企业实现检查全覆盖。",
     [("inspection.entities", 15), ("inspection.entities", 8)]),
    ("全镇共有32人持有行政执法证。", [("enforcement.certified", 32)]),
    ("12名执法人员通过行政执法资格考试。", [("enforcement.certified", 12)]),
    ("对9项重大决策事项开展了合法性审查。", [("major_decisions.reviewed", 9)]),
    ("完成规范性文件合法性审核11件。", [("normative_docs.reviewed", 11)]),
    ("完成重大合同审查7件。", [("legal_review.contracts", 7)]),
    ("组织法律顾问参与合同审查52件次。", [("legal_review.contracts", 52)]),
    # the noun long after its body once the subjects are listed between them
    ("办理县人大代表关于教育、交通、养老等方面建议31件，办理县政协关于就业、医疗等方面提案24件。",
     [("npc_suggestions.handled", 31), ("cppcc_proposals.handled", 24)]),
    ("下达行政处罚决定书56份，处罚金额320万元。", [("enforcement.cases", 56), ("enforcement.fines", 3_200_000)]),
    ("涉及本局的行政复议案件5宗，维持3宗，尚无复议结果2宗。", [("reconsideration.pending", 2)]),
    ("组织开展年度学法考试，共计3200人参加。", [("leader_law_study.exam_takers", 3200)]),
    # each item of an enumeration of counts before their nouns is named by its own noun
    ("全年审核4份规范性文件、12份合作协议。", [("normative_docs.reviewed", 4), ("legal_review.contracts", 12)]),
    ("组织3次法治讲座、5场普法宣传活动。", [("law_popularization.lectures", 3), ("law_popularization.events", 5)]),
    # a study session is law study where its sentence names the law, before or after the number
    ("党组理论学习中心组集中学习6次，重点学习宪法和行政复议法。", [("leader_law_study.sessions", 6)]),
    ("更新本市权力清单，梳理事项1850项。", [("power_list.items", 1850)]),
    # powers a city hands to its zones are items of its power list, not powers devolved to townships
    ("依法向开发区下放市级管理权限41项。", [("power_list.items", 41)]),
    ("取消行政许可事项3项，承接上级下放事项9项。", [("approval.items", 3), ("approval.items", 9)]),
    ("其中20项行政许可、5项行政确认。", [("approval.items", 20), ("approval.items", 5)]),
    ("全区1200个事项纳入综合窗口办理，编制行政备案事项清单35项。", [("approval.items", 1200), ("approval.items", 35)]),
    ("开展行政执法案卷评查2次，审查案件96起。", [("enforcement.case_files_reviewed", 96)]),
    ("全区各单位主动公开信息5200条，另通过门户网站发布信息800条。", [("disclosure.proactive", 5200)]),
    ("全年依申请公开信息12件。", [("disclosure.applications", 12)]),
    ("制定年度双随机抽查计划35条。", [("inspection.plans", 35)]),
    ("法律顾问全年提出专业意见18条。", [("legal_advisers.opinions", 18)]),
    ("对各类文件进行合法性审查40次。", [("legal_review.documents", 40)]),
    # parts listed after their total (其中…) count the same thing and carry the total's id
    ("全年受理审批服务事项2400件，其中网上办理1500件，窗口办理900件。",
     [("approval.items", 2400), ("approval.items", 1500), ("approval.items", 900)]),
    ("共立案查处违法案件120件（其中适用简易程序45件），罚没款30万元。",
     [("enforcement.cases", 120), ("enforcement.cases", 45)]),
    # the filing review (审查和备案, 备案审查) is not the review before issue
    ("全年审查和备案规范性文件31件。", [("normative_docs.filed", 31)]),
    ("全年审结行政复议案件44件。", [("reconsideration.closed", 44)]),
    # a mixed total of reviewed documents of several kinds is documents
    ("全年审查规范性文件、合同协议、会议纪要等190份。", [("legal_review.documents", 190)]),
    ("协助完成22件重大决策与规范性文件法制审核。", [("legal_review.documents", 22)]),
    ("法律顾问参与合同审核等工作30余次。", [("legal_review.contracts", 30)]),
    ("为各村配备村法律顾问14名。", [("legal_advisers.count", 14)]),
    ("依法向企业备案合同16件。", [("legal_review.contracts", 16)]),
    ("镇司法所在执法监督平台录入行政执法案件52件。", [("enforcement.cases", 52)]),
    ("行政处罚案件立案230件。", [("enforcement.cases", 230)]),
    ("14名机关干部通过行政执法培训及考试。", [("enforcement.certified", 14)]),
    # approval: licences issued, matters named after the number, themes after 一件事
    ("全年核发各类经营许可证860张。", [("approval.items", 860)]),
    ("提升审批效率，120个高频事项实现即办。", [("approval.items", 120)]),
    ("落实“一件事”改革，完成9个主题上线运行。", [("approval.items", 9)]),
    ("推行告知承诺办理450件。", [("approval.items", 450)]),
    # powers handed to a zone or taken over from above are items of the power list
    ("26项上级下放事项在园区落地。", [("power_list.items", 26)]),
    ("向经开区赋权40项。", [("power_list.items", 40)]),
    ("动态调整88项镇街赋权执法事项。", [("enforcement.devolved_powers", 88)]),
    # law study: a lecture for the government's own session, a talk to leaders by invitation
    ("召开县政府全体会议学习民法典，举办法治专题讲座2场。", [("leader_law_study.sessions", 2)]),
    ("先后3次邀请法官为各部门主要负责同志作行政应诉专题报告。", [("leader_law_study.sessions", 3)]),
    ("带头讲授“法治党课”2场。", [("leader_law_study.sessions", 2)]),
    # a 宣讲 by the leaders is carried to the public; a talk in a school is 普法
    ("主要负责人带头开展法治宣讲3场次。", [("law_popularization.lectures", 3)]),
    ("主要负责人走进校园开展法治授课2场次。", [("law_popularization.lectures", 2)]),
    ("开展“法治进万家”普法宣传，举办“护苗”活动6次。", [("law_popularization.events", 6)]),
    ("在服务群众中普法学法60余场次。", [("law_popularization.events", 60)]),
    ("组织任前法律知识考试4场，参考38人。", [("leader_law_study.exam_takers", 38)]),
    ("发放宣传资料3000份，张贴宣传海报200张。", [("law_popularization.materials", 200)]),
    ("发放各类宣传材料2600余份。", [("law_popularization.materials", 2600)]),
    # law training of the unit's own staff is their study; shows and contests about the law are 普法
    ("开展全员法治培训4场次。", [("leader_law_study.sessions", 4)]),
    ("举办依法行政专题培训班3期。", [("leader_law_study.sessions", 3)]),
    ("举办法治文艺汇演9场。", [("law_popularization.events", 9)]),
    ("组织“法律七进”活动150余次。", [("law_popularization.events", 150)]),
    ("组织新任干部任前法律知识考试2批次38人。", [("leader_law_study.exam_takers", 38)]),
    # the people first, the advice or the firms after them
    ("为200余名群众提供法律咨询。", [("legal_advisers.consultations", 200)]),
    ("在原有基础上另聘请2家擅长行政诉讼的律所担任法律顾问。", [("legal_advisers.firms", 2)]),
    ("累计出具80余份书面法律意见。", [("legal_advisers.opinions", 80)]),
    # approval and power list vocabulary
    ("办理建设工程施工许可64件。", [("approval.items", 64)]),
    ("编制街道“属地管理”事项清单47项。", [("power_list.items", 47)]),
    ("制定行政执法事项清单，明确执法事项430项。", [("power_list.items", 430)]),
    ("审核涉法事务36件。", [("legal_review.documents", 36)]),
    ("为街道各类合同、文件进行合法性审查40次。", [("legal_review.documents", 40)]),
    # a department taking over a province's powers: its power list, not powers devolved to townships
    ("承接省厅委托的9个行政职权事项。", [("power_list.items", 9)]),
    ("审查各类重大决策事项、规范性文件、涉法文件140件。", [("legal_review.documents", 140)]),
    # the review named in the clause after the count (cue across a comma)
    ("全年出台党委文件12个、政府文件9个，均经过合法性审查。",
     [("legal_review.documents", 12), ("legal_review.documents", 9)]),
    ("制定行政规范性文件3件，均经合法性审核后公布。", [("normative_docs.reviewed", 3)]),
    ("办理机关合同、协议、招标文书法制审核95件。", [("legal_review.contracts", 95)]),
    ("权力和责任清单的事项扩充至26项。", [("power_list.items", 26)]),
    ("全年办理教师资格认定1200件。", [("approval.items", 1200)]),
    # the count in a clause of mere filler after the clause that tells what was done
    ("在干部职工大会上对宪法进行解读学习，全年共计5次。", [("leader_law_study.sessions", 5)]),
    ("3次召开区政府常务会议，专题学习《行政处罚法》。", [("leader_law_study.sessions", 3)]),
    # X、Y分别为N1、N2: each number is named by its own item
    ("全年审核规范性文件、合同分别为8件、30件。",
     [("normative_docs.reviewed", 8), ("legal_review.contracts", 30)]),
    ("受理、办结行政复议案件分别为42件、39件。",
     [("reconsideration.received", 42), ("reconsideration.closed", 39)]),
    ("开展普法讲座和法治宣传活动分别为16场、27场。",
     [("law_popularization.lectures", 16), ("law_popularization.events", 27)]),
    # the outcome verbs of a reconsideration win over the noun 复议申请 (驳回复议申请 is rejected)
    ("依法驳回行政复议申请7件。", [("reconsideration.rejected", 7)]),
    ("对不符合条件的，不予受理复议申请4件。", [("reconsideration.not_accepted", 4)]),
    ("申请人主动撤回复议申请3件。", [("reconsideration.withdrawn", 3)]),
    ("行政复议中以和解方式结案6件。", [("reconsideration.mediated", 6)]),
    ("行政复议决定责令被申请人限期履行2件。", [("reconsideration.ordered_to_perform", 2)]),
    ("行政复议中确认原行政行为违法3件。", [("reconsideration.confirmed_illegal", 3)]),
    ("行政复议案件结转下一年度审理4件。", [("reconsideration.pending", 4)]),
    ("审结行政复议案件40件，办结率为93.5%。", [("reconsideration.closure_rate", 93.5)]),
    ("分管领导出庭应诉5次。", [("litigation.head_appearances", 5)]),
    ("行政机关一审败诉案件2件。", [("litigation.lost", 2)]),
    ("为残疾人提供法律援助85件。", [("legal_aid.cases", 85)]),
    ("为420名困难职工提供法律援助。", [("legal_aid.cases", 420)]),
    ("办结法律援助案件260件。", [("legal_aid.closed", 260)]),
    ("调解纠纷后达成调解协议510份。", [("mediation.resolved", 510)]),
    ("对31件规范性文件进行全面清理。", [("normative_docs.cleaned", 31)]),
    ("为118名执法人员换发行政执法证。", [("enforcement.certified", 118)]),
    ("参训行政执法人员650人。", [("enforcement.trainees", 650)]),
    ("作出行政处罚920件。", [("enforcement.cases", 920)]),
    ("制定年度双随机抽查工作计划18个。", [("inspection.plans", 18)]),
    ("开展双随机抽查，随机抽取企业320户。", [("inspection.entities", 320)]),
    ("镇综合行政执法队承接下放行政执法事项66项。", [("enforcement.devolved_powers", 66)]),
    ("审查工程建设、政府采购等合同52份。", [("legal_review.contracts", 52)]),
    # talks given to the leaders: 专题辅导, a 讲堂 for cadres, a head who 讲法
    ("邀请高校教授为党组成员作行政法专题辅导3场。", [("leader_law_study.sessions", 3)]),
    ("举办领导干部法治讲堂4期。", [("leader_law_study.sessions", 4)]),
    ("开展“一把手”讲法治活动5次。", [("leader_law_study.sessions", 5)]),
    # 普法 in other forms: consultation events, mock courts, law culture events
    ("在广场开展法律咨询活动14场。", [("law_popularization.events", 14)]),
    ("组织中学生举办模拟法庭活动3场。", [("law_popularization.events", 3)]),
    # a policy interpreted, counted in times too; a reading of 法治思想 is study, not an interpretation
    ("围绕新出台政策开展政策解读11次。", [("disclosure.interpretations", 11)]),
    # two parts of disclosure side by side: the proactive count is a part, not the total
    ("主动公开各类信息96条，依申请公开事项3项。",
     [("disclosure.proactive", 96), ("disclosure.applications", 3)]),
    # licences newly issued; a slogan's matters counted with how many there now are
    ("全年新发营业执照1380份。", [("approval.items", 1380)]),
    ("“指尖办”事项突破650项。", [("approval.items", 650)]),
    # powers handed to 镇（街） are devolved enforcement powers, not items of the county's power list
    ("镇（街）共承接县级执法权限97项。", [("enforcement.devolved_powers", 97)]),
    # a mixed total of reviews is documents; a list of contracts and agreements only is contracts
    ("开展合同审查、行政决策审查等共计94件。", [("legal_review.documents", 94)]),
    ("法律顾问审核政府合同、协议等83份。", [("legal_review.contracts", 83)]),
    # the decisions counted, their review named after the count
    ("重大决策事项6项均经合法性审查。", [("major_decisions.reviewed", 6)]),
    # those entered in the pool of random-inspection staff the sentence names
    ("推进双随机监管，组建执法检查人员名录库，入库215人。", [("inspection.inspectors", 215)]),
    # the kinds a list of licensing matters named earlier in the sentence is split into
    ("梳理涉企经营许可事项，其中住建类41项、文旅类9项。", [("approval.items", 41), ("approval.items", 9)]),
    # a slogan before the matters, the channel that can handle them, licences cancelled or renewed
    ("公布180项“一次办结”事项。", [("approval.items", 180)]),
    ("可在自助机上办理的事项共95项。", [("approval.items", 95)]),
    ("全年注销许可19件。", [("approval.items", 19)]),
    # the staff newly holding the enforcement credential
    ("今年新增持证人员17名。", [("enforcement.certified", 17)]),
    # a campaign carrying the law into homes; a lecture series carried to the grassroots
    ("深入开展“宪法进万家”28场。", [("law_popularization.events", 28)]),
    ("“法学专家巡回报告会”进基层45场。", [("law_popularization.lectures", 45)]),
    # the opinions a legality review writes
    ("县司法局全年出具审查意见96条。", [("legal_review.documents", 96)]),
    # 宗 counts reviews too; a bare 立案 after a special clean-up is of penalty cases
    ("法律顾问审核各类合同47宗。", [("legal_review.contracts", 47)]),
    ("开展农资市场专项整治，立案63宗。", [("enforcement.cases", 63)]),
    ("全年没收违法所得42万元。", [("enforcement.fines", 420000)]),
    ("开展宪法主题巡展11场。", [("law_popularization.events", 11)]),
    # frequent matters before their number, a window's intake, a service slogan alone before its count
    ("“赣服通”平台上线高频事项155项。", [("approval.items", 155)]),
    ("大厅综合窗口全年收件2.7万件。", [("approval.items", 27000)]),
    ("深化综合窗口改革，“一窗受理”1340件。", [("approval.items", 1340)]),
    # the duties of a 属地管理 list, and the townships' enforcement matters in a sentence on handing them down
    ("编制街道属地管理事项责任清单，明确主体责任事项38项、配合责任事项21项。",
     [("power_list.items", 38), ("power_list.items", 21)]),
    ("向乡镇下放行政执法权，乡镇综合执法事项共87项。", [("enforcement.devolved_powers", 87)]),
    # the cases named after the number, then their handling; those who took part after the training named
    ("全年41起违法案件均已依法查处。", [("enforcement.cases", 41)]),
    ("举办综合执法业务培训班3期，共计460人次参加。", [("enforcement.trainees", 460)]),
    # the trainees of an enforcement training counted by the level of the training, as parts
    # contracts reviewed and signed off; documents named first, their legal review at the clause's end
    ("法律顾问全年审签合同23份。", [("legal_review.contracts", 23)]),
    ("对提请常务会议研究的议题进行合法性把关41项。", [("legal_review.documents", 41)]),
    # a slogan of how the matters are handled, however it ends
    ("梳理“一次办好”事项980项。", [("approval.items", 980)]),
    ("实现“零材料”办理的事项63项。", [("approval.items", 63)]),
    # offences dealt with in a sentence on enforcement
    ("开展非法营运专项整治，处理违法行为38起。", [("enforcement.cases", 38)]),
    # a touring talk, a talk given to the public named as such, a lecture hall opened for residents
    ("开展“宪法进校园”巡讲33场。", [("law_popularization.lectures", 33)]),
    ("组织律师为务工人员讲法14次。", [("law_popularization.lectures", 14)]),
    ("面向辖区居民开设“夜间法律讲堂”10期。", [("law_popularization.lectures", 10)]),
    # a campaign named by a slogan about the law; a contest about the law
    ("开展“法润乡村”活动26场。", [("law_popularization.events", 26)]),
    ("举办民法典知识比赛4场。", [("law_popularization.events", 4)]),
    ("组织执法队员参加各类培训5批次，其中省级8人次、市级45人次、县级130人次。",
     [("enforcement.trainees", 8), ("enforcement.trainees", 45), ("enforcement.trainees", 130)]),
]

# Figures no indicator of the taxonomy fits: each must stay without one.
UNCODED = [
    # a law-study test for all cadres is not the enforcement qualification exam
    ("组织全体干部参加法治理论考试，合格率100%。", 100),
    # an inspection that is not a random (双随机) one
    ("全年开展行政检查300余次，检查企业85家。", 85),
    # criminal and civil suits are not the government's administrative litigation
    ("清理涉企刑事诉讼挂案5起。", 5),
    ("党组会议审议法治建设相关议题64个。", 64),
    # a party lecture is not law study
    ("党委书记为全体党员讲党课3次。", 3),
    # the same words for political theory measure no indicator of the taxonomy
    ("开展“第一议题”学习20次，深入学习新思想新论断。", 20),
    ("设立政务服务中心7个。", 7),
    # a count with its own noun does not inherit the cue of the figure before it
    ("公布政务服务事项120项，7个便民服务中心实现延时服务。", 7),
    # the noun after a count names what it counts: bodies, places, a plan's parts
    ("审核并公布市级28个部门权责清单。", 28),
    ("专题研究执法监督等6项重点工作。", 6),
    ("设立政务服务事项“帮办”窗口15个。", 15),
    # intermediary services and legal services are not 政务服务
    ("清理规范行政审批中介服务事项40项。", 40),
    ("优化公共法律服务事项12项。", 12),
    # theory study, a study mixed with other work, a 宣讲 of theory
    ("组织开展理论学习36次。", 36),
    ("召开常务会议开展专题学习、研究法治工作18次。", 18),
    ("开展理论微宣讲活动25场。", 25),
    ("新增执法人员6人。", 6),
    ("修改和废止不符合公平竞争要求的文件21份。", 21),
    ("提供合同审查及法律咨询等专项法律服务9次。", 9),
    ("通过微信公众号发布普法信息300余条。", 300),
    # documents issued with no review named after them
    ("全年出台政府文件9个，均已公开发布。", 9),
    # a list of contracts and other documents is documents; service inquiries are no legal advice
    ("上线以来日均登记服务咨询件超150件。", 150),
    ("全局通过法律职业资格考试人数5人。", 5),
    # 法制审核 of enforcement decisions is no count of penalty cases
    ("全年法制审核行政处罚案件16件。", 16),
    # a count of bodies whose name holds a verb of the work (化解, 受理) counts no case of that work
    ("全县建成纠纷多元化解中心7个。", 7),
    ("在各乡镇设立复议受理点11个。", 11),
    ("新建3个矛盾调处化解中心。", 3),
    # organs counted by their work (审批部门, 市直单位) are bodies, whatever an `after` pattern reads on to
    ("组织全县35个审批部门对照清单开展自查。", 35),
    # an on-time rate of licensing is no hotline's
    ("全年受理行政许可申请860件，按时办结率98%。", 98),
    ("公共法律服务大厅全年办理业务340件。", 340),
    # certificates of people trained or engaged are no licences
    ("为全镇“法律明白人”发放证书130本。", 130),
    ("汇总全县28个部门的行政职权，统一编制目录。", 28),
    # the oversight measures set after a licence is cancelled are no licensing matters
    ("分批取消行政许可事项，相关部门制定取消审批后的事中事后监管措施4项。", 4),
    # benchmarks of discretion set for enforcement matters are no list of powers
    ("对210项常用执法事项的裁量基准进行细化。", 210),
    # decisions evaluated after the fact count the evaluation, which no id measures
    ("对2项重大行政决策开展实施后评估。", 2),
    # a training school inspected is no training
    ("组织执法人员对辖区校外培训机构开展检查65次。", 65),
    # a 宣讲 of a party session's spirit is theory, not 普法
    ("围绕党的二十届三中全会精神进社区宣讲工作，开展宣讲58场次。", 58),
    # the noun after a count stops at the next count: the matters are not the plans after them
    ("全县梳理形成188条检查事项和43条检查计划。", 188),
    # how often 普法 posts were viewed is no count of 普法 events
    ("普法短视频累计播放量4.6万次。", 46000),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:12] for c in CASES])
def test_phrasing_maps_to_indicator(sentence: str, expected: list[tuple[str, float]]) -> None:
    text = f"某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{sentence}\n"
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(text).figures}
    for ind, value in expected:
        assert (ind, value) in got, got


@pytest.mark.parametrize("sentence,value", UNCODED, ids=[c[0][:12] for c in UNCODED])
def test_no_indicator_fits(sentence: str, value: float) -> None:
    text = f"某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{sentence}\n"
    got = [f for f in fazhi.analyze_text(text).figures if f.value == value]
    assert got and all(f.indicator is None for f in got), [(f.value, f.indicator) for f in got]


def test_the_longer_after_pattern_decides():
    """Both name the people after the number; passing the exam is the more specific reading."""
    text = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年11名执法人员通过行政执法资格考试。\n"
    assert [f.indicator for f in fazhi.analyze_text(text).figures] == ["enforcement.certified"]


def test_training_is_enforcement_training_only_where_its_sentence_says_so():
    text = ("某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n"
            "全面推行行政执法三项制度。组织自然资源法律法规业务培训6次。组织行政执法人员培训3期。\n")
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    # law training of the unit's own staff is their law study (the coding guide), not enforcement training
    assert got[6] == "leader_law_study.sessions" and got[3] == "enforcement.training_sessions", got


def test_first_chars_of_a_cue():
    """A rule is skipped when its context holds none of the characters its cue can begin
    with, so that set must be exact, and unknown (None) whenever it cannot be worked out."""
    from fazhi.understand.indicators import first_chars

    assert first_chars("(正在|尚在|仍在)?审理中|在审") == frozenset("正尚仍在审")
    assert first_chars("(?<![\u4e00-\u9fff])(近日|日前)") == frozenset("近日")
    assert first_chars("[一-丁]类") == frozenset("一丁")
    assert first_chars("[^,;]{0,4}复议") is None  # a negated class can begin with anything
    assert first_chars("(复议)?") is None  # can match nothing
    assert first_chars(".复议") is None


def test_every_cue_begins_with_its_first_chars():
    """Every match of every cue of the taxonomy, in every phrasing of this file, begins with a
    character of the rule's set: skipping by the set never loses a match."""
    from fazhi.understand.indicators import taxonomy

    rules = {r.order: r for rs in taxonomy().by_unit.values() for r in rs}
    text = "\n".join(s for s, _ in CASES)
    for r in rules.values():
        if r.cue is None or r.cue_first is None:
            continue
        for i in range(len(text)):
            m = r.cue.match(text, i)
            if m is not None and m.end() > m.start():
                assert text[i] in r.cue_first, (r.id, r.cue.pattern, m.group(0))


def _report(sentence: str):
    # a named unit: a report of 某县 is a template (范文), and the checks do not run on templates
    return fazhi.analyze_text(f"青溪县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{sentence}\n")


def test_a_part_points_at_its_total_and_keeps_its_own_id_when_it_names_one():
    rep = _report("全年办件8000件，其中行政许可5000件；受理行政复议案件40件，其中维持25件。")
    figs = {f.value: f for f in rep.figures}
    assert figs[5000].indicator == "approval.items" and rep.figures[figs[5000].part_of] is figs[8000]
    assert figs[25].indicator == "reconsideration.upheld" and figs[25].part_of is None
    assert figs[8000].part_of is None and figs[40].part_of is None
    # a bracket opened by 其中 closes the list: the figure after it is not a part
    rep = _report("共取消权力事项15项（其中3项为子项），新增行政权力事项6项。")
    assert [f.part_of for f in rep.figures] == [None, 0, None]


def test_a_part_does_not_hide_the_total_from_the_checks():
    """The part shares the total's id; the checks that pair one count per indicator still
    find the total (here: more cases closed than received)."""
    rep = _report("全年受理行政复议案件40件，其中涉及征收12件，办结45件。")
    assert [f.indicator for f in rep.figures[:2]] == ["reconsideration.received"] * 2
    hits = [f for f in rep.findings if f.check == "count_order"]
    assert hits and hits[0].data == {"part": 45, "whole": 40}


def test_a_heading_on_one_topic_names_the_bare_counts_under_it():
    """Under a heading about the power list or 普法 alone, a bare 调整事项 / 开展活动 count is that
    topic's; the same words under a heading on other work keep no id of it."""
    def ids(heading: str, body: str) -> list:
        text = f"青溪县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{heading}\n{body}\n"
        return [f.indicator for f in fazhi.analyze_text(text).figures]
    assert ids("（二）权责清单动态管理", "全年调整事项28项，公布事项1460项。") == ["power_list.items"] * 2
    assert ids("（五）普法宣传", "深入村居开展讲座23场，开展活动45场。") == [
        "law_popularization.lectures", "law_popularization.events"]
    assert ids("（五）安全生产", "全年开展活动45场。") == [None]


def test_cases_carried_in_from_last_year_are_not_pending():
    """上年结转 are last year's cases handled this year: no id, so the checks count them in the base."""
    rep = _report("全年新收行政复议案件50件，上年结转案件3件，共审结52件，结案率98.1%。")
    figs = {f.value: f for f in rep.figures}
    assert figs[3].indicator is None
    assert not [f for f in rep.findings if f.check in ("count_order", "rate_consistency")]


def test_a_numbered_paragraph_that_states_counts_is_no_plan_heading():
    # no heading sentence: the first sentence stands as the paragraph's title; 工作计划 in it
    # names the work done, the plan of next year is a heading without counts
    text = ("一、主要工作\n（一）制定年度普法工作计划1个，开展普法宣传活动32场。\n"
            "二、下一步工作计划\n（一）开展普法宣传活动40场。\n")
    got = {(f.value, f.kind) for f in fazhi.analyze_text(text).figures}
    assert (32, "count") in got and (40, "target") in got


# Own-words phrasings a first rule did not cover, one per rule added for them.
MORE_CASES = [
    ("司法所全年接待群众调解申请46件。", ("mediation.disputes", 46)),
    ("市场监管局全年共查办各类违法案件213件。", ("enforcement.cases", 213)),
    ("全年组织85名执法人员参加行政执法业务培训。", ("enforcement.trainees", 85)),
    ("为新录用人员新办执法证件24本。", ("enforcement.certified", 24)),
    ("司法局组织律师开展法治讲座进校园42场。", ("law_popularization.lectures", 42)),
    ("全年审查重大行政决策事项7项。", ("major_decisions.reviewed", 7)),
    ("审结的行政复议案件中，依法撤销、变更、确认违法5件。", ("reconsideration.corrected", 5)),
    ("全年行政机关负责人出庭应诉比例达96%。", ("litigation.head_appearance_rate", 96)),
    ("深化综合行政执法改革，向乡镇赋权57项。", ("enforcement.devolved_powers", 57)),
    ("全年制定行政规范性文件4件，报送备案4件。", ("normative_docs.filed", 4)),
    ("开展“民法典进万家”活动36场次。", ("law_popularization.events", 36)),
    ("各村人民调解委员会全年受理217起。", ("mediation.disputes", 217)),
    ("新录用执法人员领取执法证31人。", ("enforcement.certified", 31)),
    ("全年适用简易程序处罚案件92件。", ("enforcement.cases", 92)),
    ("全县法治副校长到校授课156场次。", ("law_popularization.lectures", 156)),
    ("县司法局全年审查5项重大行政决策。", ("major_decisions.reviewed", 5)),
]


@pytest.mark.parametrize(("sentence", "expected"), MORE_CASES)
def test_more_phrasings_map_to_their_indicator(sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


# 政务服务 and licensing: the matters named by a slogan, by one service word, by a bare verb
# in a paragraph about 审批, or listed after the bodies that host them.
APPROVAL_CASES = [
    ("梳理公布“就近办”事项86项。", 86),
    ("实行“容缺受理”的事项41项。", 41),
    ("全年为群众办理户籍、社保等政务服务9800余件。", 9800),
    ("全年审批各类投资项目210个。", 210),
    ("全年受理依申请事项6500件。", 6500),
    ("市民中心综合窗口全年接件3.1万件。", 31000),
    ("办理建筑企业资质审批58件。", 58),
    ("为个体工商户办理营业执照760户。", 760),
    ("县政务服务中心进驻部门26个、事项742项。", 742),
    ("我局将全部行政许可事项纳入政务服务中心。全年网上受理事项93件，办结88件。", 88),
    ("依托政务服务平台，已实现全程网办的有35项。", 35),
]


@pytest.mark.parametrize(("sentence", "value"), APPROVAL_CASES)
def test_approval_matters_and_cases(sentence: str, value: float) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert ("approval.items", value) in got, got


def test_other_work_in_an_approval_paragraph_keeps_its_own_id():
    # a bare verb takes the 政务服务 reading only when the clause names no other work
    text = "深化行政审批制度改革。全年受理投诉举报12件，受理依申请公开事项3项，受理行政复议案件5件。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[12] is None and got[3] != "approval.items" and got[5] == "reconsideration.received", got


LAW_STUDY_CASES = [
    # a law named without book-title marks is law content
    ("局长办公会专题学习新修订的安全生产法3次。", 3),
    # the clause before says what was studied, the clause after only counts
    ("组织班子成员集体学法，全年累计开展9次。", 9),
    # the meetings counted, the law studied at them named right after
    ("全年召开常务会议12次，学习法律法规12部。", 12),
    # 讲法治课: the later, longer cue (法治课) is found inside the earlier one (讲法)
    ("镇党委书记带头讲法治课2次。", 2),
    ("组织公职人员学习民法典专题讲座4场。", 4),
    ("组织开展学法用法专题培训2期。", 2),
]


@pytest.mark.parametrize(("sentence", "value"), LAW_STUDY_CASES)
def test_law_study_sessions(sentence: str, value: float) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert ("leader_law_study.sessions", value) in got, got


def test_meetings_that_only_deploy_work_are_no_law_study():
    text = "依法治县办召开专项工作会议5次，部署依法防控和民法典学习宣传等工作。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[5] is None, got


# A department's own approvals, registrations and window business, in whatever it licenses.
DEPARTMENT_APPROVAL_CASES = [
    ("全年审批林木采伐许可证260份。", 260),
    ("审批各类建设项目用地38宗。", 38),
    ("受理特种设备使用登记900台。", 900),
    ("完成企业投资项目备案74个。", 74),
    ("全年受理户籍业务2.4万件。", 24000),
    ("办理道路运输证1100余张。", 1100),
    ("新办理医师执业注册130人次。", 130),
    ("办理不动产首次登记、转移登记等各类登记1.7万件。", 17000),
]


@pytest.mark.parametrize(("sentence", "value"), DEPARTMENT_APPROVAL_CASES)
def test_department_approvals_and_registrations(sentence: str, value: float) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert ("approval.items", value) in got, got


@pytest.mark.parametrize("sentence", [
    # the steps and time limits of an approval are no approvals
    "审批环节由8个精简至5个。",
    # bodies counted before the approval work they do: the count is of bodies
    "组织32个部门和单位开展审批事项自查整改。",
    # a count of bodies before the documents they drafted
    "审查9个部门起草的规范性文件。",
])
def test_counts_that_are_no_approvals(sentence: str) -> None:
    figs = fazhi.analyze_text(sentence).figures
    assert figs and all(f.indicator is None for f in figs), [(f.quote, f.indicator) for f in figs]


def test_a_study_groups_session_count_is_not_law_study_when_law_is_only_on_its_agenda():
    text = ("将习近平法治思想作为党组理论学习中心组学习重要内容，全年开展党组理论学习中心组学习14次。"
            "将民法典纳入中心组学习内容，开展民法典专题学习3次。")
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[14] is None and got[3] == "leader_law_study.sessions", got


def test_petition_work_is_neither_law_study_nor_mediation():
    text = "组织开展信访工作法治化业务培训2次，到党校开展信访工作授课3次，依法化解信访积案26件。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[2] is None and got[3] is None and got[26] is None, got


@pytest.mark.parametrize(("sentence", "expected"), [
    ("全局4名执法人员取得资格。", ("enforcement.certified", 4)),
    ("完成36人行政执法证件换发。", ("enforcement.certified", 36)),
    ("完成7项涉企政策解读。", ("disclosure.interpretations", 7)),
    ("回复群众信息公开申请5件。", ("disclosure.applications", 5)),
])
def test_the_noun_after_the_number_names_it(sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


def test_parts_listed_at_the_head_of_the_next_sentence_take_the_totals_id():
    text = "全年开展领导干部学法16次。其中，常务会议会前学法6次，专题讲座4场。"
    got = {f.value: (f.indicator, f.part_of) for f in fazhi.analyze_text(text).figures}
    assert got[4] == ("leader_law_study.sessions", 0), got


@pytest.mark.parametrize(("sentence", "expected"), [
    ("全年共有38项行政许可事项下放至乡镇。", ("approval.items", 38)),
    ("“一窗受理”业务2.2万件。", ("approval.items", 22000)),
    ("受理企业开办申请640件。", ("approval.items", 640)),
    ("全年办理行政许可9.3万宗。", ("approval.items", 93000)),
])
def test_more_approval_wordings(sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


def test_a_clause_that_only_counts_with_its_own_verb_reads_the_clause_before():
    text = "对县政府拟出台的政策文件进行合法性审查，全年共审查27件。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[27] == "legal_review.documents", got
    # the verb of the counting clause still names the count nearest (审结, not the 受理 before it)
    text = "依法受理行政复议案件，全年审结45件。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[45] == "reconsideration.closed", got


def test_a_licensing_reform_named_earlier_in_the_paragraph_names_its_batches():
    text = "我市分三批取消和调整行政许可事项。第一批取消4项，承接6项。第二批取消3项。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[3] == "approval.items" and got[6] == "approval.items", got


def test_a_slogan_counted_in_chinese_numerals_is_no_figure():
    figs = fazhi.analyze_text("为打赢两场硬仗提供法治保障，全年开展两场法治讲座。").figures
    assert [(f.value, f.kind) for f in figs] == [(2, "context"), (2, "count")]


def test_pinyin_glosses_inside_a_cue_are_read_past():
    # spam mirrors gloss characters with their pinyin; the quote keeps the page's own text
    text = "區(qū)政府常務(wù)會(huì)議會前學(xué)法12次，辦(bàn)理行政許(xǔ)可事項(xiàng)230件。"
    got = {f.value: (f.indicator, f.quote) for f in fazhi.analyze_text(text).figures}
    assert got[12] == ("leader_law_study.sessions", "學(xué)法12次"), got
    assert got[230][0] == "approval.items" and got[230][1].startswith("許(xǔ)可"), got


def test_licences_counted_by_the_firms_granted_them():
    got = {(f.indicator, f.value) for f in fazhi.analyze_text("全年办理食品经营许可320家。").figures}
    assert ("approval.items", 320) in got, got


def test_a_sentence_of_a_bare_count_goes_on_with_the_sentence_before():
    # the sentence before says what was done; the count's own sentence only times and counts it
    text = "局党组组织干部职工学习《土地管理法》等法律法规。截至年底，累计学习9次。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[9] == "leader_law_study.sessions", got
    text = "对以委名义制发的文件开展合法性审核。全年共审核26件。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[26] == "legal_review.documents", got
    # a sentence with a subject of its own is not read with the one before
    text = "组织干部职工学习民法典。全年召开局务会议12次。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[12] is None, got


@pytest.mark.parametrize(("sentence", "expected"), [
    ("清理公布行政确认事项64项。", ("approval.items", 64)),
    ("公开本局行政职权共计96项。", ("power_list.items", 96)),
    ("梳理行政职权215项。", ("power_list.items", 215)),
    ("组织执法人员参加执法资格考试，参考50人，通过47人。", ("enforcement.certified", 47)),
])
def test_service_matters_powers_and_credentials_named_in_other_words(sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


@pytest.mark.parametrize(("sentence", "expected"), [
    ("组织讲师团开展法治理论宣讲25次。", ("law_popularization.lectures", 25)),
    ("全局共有18名干部持有省政府统一颁发的行政执法证。", ("enforcement.certified", 18)),
    ("全局执法人员52名，其中持证执法人员47名。", ("enforcement.certified", 47)),
    ("全区现有持证执法人员860名。", ("enforcement.personnel", 860)),
    ("完成“双随机、一公开”抽查任务12项。", ("inspection.plans", 12)),
    ("公布“最多跑一趟”办事清单860项。", ("approval.items", 860)),
    ("全年组织专题学习4次、集中培训2场，重点学习宪法和行政复议法。", ("leader_law_study.sessions", 2)),
    ("办理简易程序案件45件、一般程序案件30件。", ("enforcement.cases", 30)),
    ("开展违法建设专项执法，全年立案128起。", ("enforcement.cases", 128)),
    ("全年行政处罚860件。", ("enforcement.cases", 860)),
    ("更新权责清单，其中行政处罚事项640项、行政强制事项52项。", ("power_list.items", 52)),
])
def test_credentials_inspections_cadre_training_and_penalties_in_other_words(
        sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


def test_a_filing_under_the_simple_procedure_is_no_penalty_case():
    got = {f.value: f.indicator for f in fazhi.analyze_text("全年简易程序备案3件。").figures}
    assert got[3] != "enforcement.cases", got


def test_credentials_held_by_the_staff_due_to_hold_them():
    text = "我局应持执法证人员62人，已持证60人。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[62] == "enforcement.personnel" and got[60] == "enforcement.certified", got


def test_law_study_counted_together_with_deployments_is_no_law_study():
    text = "在中心组学习中融入习近平法治思想，全年开展法治学习和工作部署共计9次。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[9] is None, got


@pytest.mark.parametrize(("sentence", "expected"), [
    # each item of an enumeration sharing one verb keeps its own noun (not a mixed total)
    ("全年审核合同310份、规范性文件6份、会议纪要20份。", ("normative_docs.reviewed", 6)),
    ("完成行政规范性文件初审3件。", ("normative_docs.reviewed", 3)),
    ("全镇持有执法证人员41人。", ("enforcement.certified", 41)),
    ("今年共有5名干部考取了行政执法证。", ("enforcement.certified", 5)),
    ("全年涉诉案件30起，其中行政诉讼9起，行政复议6起。", ("reconsideration.received", 6)),
    ("签订“跨省通办”合作协议，梳理事项清单142项。", ("approval.items", 142)),
    ("发放《优化营商环境条例》800余册。", ("law_popularization.materials", 800)),
    ("完成重要合同、重大行政决策合法性审核210项。", ("legal_review.documents", 210)),
])
def test_enumerations_credentials_and_mixed_reviews(sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


@pytest.mark.parametrize(("sentence", "value"), [
    # hotline tickets closed are no service matters, a window's satisfaction is not the hotline's
    ("政务服务中心转办热线工单860件，办结850件。", 850),
    ("12345热线运行平稳。各窗口引导办事群众评价3万人次，评价满意率99.2%。", 99.2),
    # training of 普法 staff is no 普法 event, certificate (证明事项) items no service matters
    ("对普法骨干开展学法培训3次。", 3),
    ("实行告知承诺制的证明事项目录18项。", 18),
])
def test_counts_that_take_no_id_in_service_and_publicity_paragraphs(sentence: str, value: float) -> None:
    got = {f.value: f.indicator for f in fazhi.analyze_text(sentence).figures}
    assert got[value] is None, got


def test_a_comma_separated_clause_naming_only_documents_shares_the_verb_before():
    text = "全年审查合同56份，规范性文件8件。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[8] == "normative_docs.reviewed", got
    # a clause with a verb of its own does not take the verb before it
    text = "全年办理行政许可事项900件，精简申报材料120项。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[120] is None, got


@pytest.mark.parametrize(("sentence", "expected"), [
    ("推出“高效办成一件事”业务套餐12组。", ("approval.items", 12)),
])
def test_service_packages_counted_in_sets(sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


@pytest.mark.parametrize(("sentence", "expected"), [
    ("深化“放管服”改革，全年共受理各类申请事项1.8万件。", ("approval.items", 18000)),
    ("政务服务中心全年接件3.6万件，出件3.5万件。", ("approval.items", 35000)),
    ("发放《药品经营许可证》260张。", ("approval.items", 260)),
])
def test_service_matters_received_issued_and_licences_named_by_title(sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


@pytest.mark.parametrize(("sentence", "expected"), [
    # 法制学习 is the older word for the cadres' law study
    ("局领导班子开展集中法制学习6次。", ("leader_law_study.sessions", 6)),
    # a talk named as publicity is for the public even where the sentence also names cadres
    ("用双语开展法治宣传讲座40场次，受益干部群众2万余人。", ("law_popularization.lectures", 40)),
    # trainees counted with a bare 覆盖 after the enforcement training of the sentence
    ("组织执法人员业务培训3场，覆盖45人次。", ("enforcement.trainees", 45)),
    # the kinds of power a list holds are its parts, 行政许可 among them
    ("本局权责清单共有事项260项，其中行政许可事项28项。", ("power_list.items", 28)),
    ("编制行政执法事项目录，含行政处罚事项300项、行政强制事项12项。", ("power_list.items", 12)),
    # identity and travel documents issued at a window are its services
    ("全年为群众办理居民身份证8600张。", ("approval.items", 8600)),
    # registrations granted, new registrations
    ("全年批准个体工商户设立登记900户。", ("approval.items", 900)),
    ("全年新登记社会组织35家。", ("approval.items", 35)),
    ("登记注册市场主体新增1800户。", ("approval.items", 1800)),
    # the matters of any application handled, counted in cases
    ("全年共办结各类申请事项2400件。", ("approval.items", 2400)),
    # matters named after the number and what is done with them
    ("900余项依申请事项全部进驻网上大厅。", ("approval.items", 900)),
    ("42个服务事项实现“掌上办”。", ("approval.items", 42)),
    # information disclosed on application counted in 例, and named with words between (依申请政府信息公开)
    ("全年受理依申请公开45例。", ("disclosure.applications", 45)),
    ("共受理依申请政府信息公开事项17件。", ("disclosure.applications", 17)),
    # drafts and official papers reviewed for legality
    ("全年把关各类涉法文稿70余份。", ("legal_review.documents", 70)),
])
def test_study_talks_trainees_lists_services_and_reviews_in_other_words(sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


@pytest.mark.parametrize(("sentence", "value"), [
    # a meeting that plans 普法 work is no 普法 event
    ("召开普法责任制成员单位联席会议2次。", 2),
    # comments gathered from the public are no legal opinions, even where lawyers come later in the sentence
    ("活动中收集群众意见建议9条。", 9),
    ("召开座谈会收到意见建议14条，随后开展律师行业专项整治。", 14),
    # bills submitted to the congress are legislation, not deputies' suggestions handled
    ("提请市人大常委会审议地方性法规议案4件。", 4),
    # treaties a government approves are not its service matters
    ("国务院核准的条约共计12件。", 12),
    # the stock of registered bodies and users of a platform are no registrations of the year
    ("全县共登记社会组织640家。", 640),
    ("平台新注册用户3200个。", 3200),
    # petitions handled are no service matters
    ("全年办理各类信访事项310件。", 310),
])
def test_meetings_comments_bills_and_stocks_take_no_id(sentence: str, value: float) -> None:
    got = {f.value: f.indicator for f in fazhi.analyze_text(sentence).figures}
    assert got[value] is None, got


def test_a_part_of_disclosure_keeps_its_id_beside_a_total_stated_earlier_in_the_paragraph():
    """主动公开 stands for the total only where the paragraph states no total nor another part of it."""
    text = "全年共发布各类信息1800条。在政务公开专栏主动公开信息240条。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[240] == "disclosure.proactive", got
    alone = "全年在政务公开专栏主动公开信息240条。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(alone).figures}
    assert got[240] == "disclosure.items", got


@pytest.mark.parametrize(("sentence", "expected"), [
    # the mediators' cases, named as 案件 where the sentence names the mediation bodies
    ("全镇各人民调解委员会共受理案件640宗，调解成功620宗。", ("mediation.disputes", 640)),
    # 机关在编人员 are people, not bodies that act: the exam they sit names them
    ("组织18名机关在编人员参加行政执法资格考试。", ("enforcement.examinees", 18)),
    # parts of a total go on across a ；between short items
    ("全年办结事项2.4万件，其中，审批类4100件；便民服务类1.99万件。", ("approval.items", 19900)),
    # help given with an application (咨询帮办) is a service handled, not a consultation
    ("设立帮办代办窗口，全年咨询帮办260件。", ("approval.items", 260)),
])
def test_mediators_cases_people_sitting_exams_parts_and_help_with_applications(
        sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


def test_a_figure_after_a_long_clause_past_a_semicolon_is_no_part_of_the_total():
    text = "受理复议案件30件，其中维持10件；另外本年度还受理了行政诉讼应诉案件9件。"
    got = {f.value: (f.indicator, f.part_of) for f in fazhi.analyze_text(text).figures}
    assert got[9] == ("litigation.cases", None), got


@pytest.mark.parametrize(("sentence", "expected"), [
    # matters moved into a service centre, named after the number
    ("推行“一门”改革，900余个事项进驻县政务服务中心。", ("approval.items", 900)),
    # a bare 成功举办 after the clause that names the cadres' lecture series
    ("局机关法治讲堂自开班以来，已成功举办16期，干部职工法治素养明显提升。", ("leader_law_study.sessions", 16)),
    # random inspections counted once per visit
    ("开展双随机抽查，全年抽查企业860家次。", ("inspection.entities", 860)),
])
def test_matters_moved_in_lecture_series_and_visits_counted_per_inspection(
        sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


@pytest.mark.parametrize(("sentence", "expected"), [
    # a bare 成功 after the disputes of the sentence counts those resolved
    ("全年调解各类纠纷80件，成功76件。", ("mediation.resolved", 76)),
    # a reconsideration settled by mediation is the reconsideration's, not a dispute mediated
    ("受理行政复议案件25件，成功调解4件。", ("reconsideration.mediated", 4)),
])
def test_disputes_resolved_and_reconsiderations_mediated(sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


def test_a_fill_in_prompt_is_no_context_of_the_figures_around_it():
    # the prompt's words (合同, 审核) would otherwise name the bare count after it
    got = {f.value: f.indicator for f in _report("【请补充：合同审核情况】全年共计20件。").figures}
    assert got[20] is None
    got = {f.value: f.indicator for f in _report("【待核实：复议案件数】组织普法活动8场，共计30件。").figures}
    assert got[30] is None
    got = {f.value: f.indicator for f in _report("【请补充：复议审核情况】办结31件。").figures}
    assert got[31] is None
    # the words on both sides of the prompt still read on as one clause
    got = {f.value: f.indicator for f in _report("审查合同【请补充：审核情况】共计15件。").figures}
    assert got[15] == "legal_review.contracts"
    # a bracket that is no prompt (a column's name) stays context
    got = {f.value: f.indicator for f in _report("【法治宣传】全年组织法治讲座12场。").figures}
    assert got[12] == "law_popularization.lectures"


@pytest.mark.parametrize(("sentence", "expected"), [
    # enforcement staff counted before the training they attend, however the course is named and
    # however many classes it has: trainees, not the staff total; the classes are training sessions
    ("选派12名执法人员参加省厅组织的3期执法能力提升培训班。", ("enforcement.trainees", 12)),
    ("选派12名执法人员参加省厅组织的3期执法能力提升培训班。", ("enforcement.training_sessions", 3)),
    # approvals of goods bought or moved are counted by the batch
    ("全年审批烟花爆竹运输许可45批次。", ("approval.items", 45)),
    # a special lecture on a law given to the leadership is its study
    ("邀请法官为班子成员上民法典专题课2次。", ("leader_law_study.sessions", 2)),
    # the tasks of a random inspection, whoever set them, are its plans
    ("完成“双随机、一公开”抽查国家任务36个、市级任务18个。", ("inspection.plans", 36)),
    ("完成“双随机、一公开”抽查国家任务36个、市级任务18个。", ("inspection.plans", 18)),
    # the verb opening an enumeration's clause is shared by an item that names nothing alone, also
    # where the first item's cue opens with a noun (施工许可)
    ("全年完成施工许可审批52件、竣工验收备案47件。", ("approval.items", 47)),
    ("共办理用地规划许可19件、不动产首次登记33件。", ("approval.items", 33)),
    # two counts before their nouns joined by 和: each noun is its own count's
    ("全年19件人大代表建议和26件政协提案全部按时办复。", ("cppcc_proposals.handled", 26)),
    ("全年19件人大代表建议和26件政协提案全部按时办复。", ("npc_suggestions.handled", 19)),
    # the applications for disclosure named with no verb before them
    ("政府信息公开申请11件全部按期答复。", ("disclosure.applications", 11)),
    # a bare 法制审核 count is of documents reviewed (of enforcement decisions it takes no id: below)
    ("全年共完成法制审核126宗。", ("legal_review.documents", 126)),
    # matters named by a service slogan after them; powers handed down stay the power list's
    ("全市已有356个事项实现“掌上办”。", ("approval.items", 356)),
    ("41项上级下放事项实现“区内事区内办”。", ("power_list.items", 41)),
    # an application named at length and received, in a paragraph on 放管服
    ("深化“放管服”改革，全年受理建设工程规划核实申请73件。", ("approval.items", 73)),
    # help given to applicants with their applications
    ("全年为群众提供帮办代办服务480件。", ("approval.items", 480)),
    # counts of different units share one 分别 item by item
    ("为群众办理法律援助案件、提供法律咨询分别为130件、960人次。", ("legal_aid.cases", 130)),
    ("为群众办理法律援助案件、提供法律咨询分别为130件、960人次。", ("legal_advisers.consultations", 960)),
])
def test_trainees_named_before_their_course_batches_special_lectures_and_mixed_respective_lists(
        sentence: str, expected: tuple[str, float]) -> None:
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(sentence).figures}
    assert expected in got, got


@pytest.mark.parametrize(("sentence", "value"), [
    # 学习强国 and a 学习平台 are where things are published, not law study
    ("我局工作动态在“学习强国”等学习平台推送16次。", 16),
    # the media's coverage of the unit's work is no 普法 event
    ("相关做法被省级媒体推送宣传20余次。", 20),
    # a check of the 普法 work itself is no 普法 event; administrative disputes settled are not mediation
    ("开展“八五”普法中期自查1次。", 1),
    ("组织普法责任制落实情况督查3次。", 3),
    ("协调化解行政争议19件。", 19),
    ("开展重大执法决定法制审核27件。", 27),
    # matters kept after a clean-up of intermediary services are neither licensing matters nor documents
    ("清理规范行政审批中介服务事项，取消41项，保留事项38项。", 38),
    # cases closed with no penalty are no penalty cases
    ("办理首次轻微违法不予处罚案件41件。", 41),
    ("对首次轻微违法的商户作出不予行政处罚决定7件。", 7),
])
def test_publishing_platforms_and_media_coverage_take_no_id(sentence: str, value: float) -> None:
    got = {f.value: f.indicator for f in fazhi.analyze_text(sentence).figures}
    assert got[value] is None, got


@pytest.mark.parametrize(("heading", "sentence", "expected"), [
    # a bare count under a heading that names one kind of work only is of that work
    ("规范性文件监督管理", "全年审核6件，报备6件。", ("normative_docs.reviewed", 6)),
    ("规范性文件监督管理", "全年共报备8件。", ("normative_docs.filed", 8)),
    ("“双随机、一公开”监管", "全年制定计划11个，抽查市场主体320户。", ("inspection.plans", 11)),
    ("权责清单动态管理", "全年新增9项，取消4项。", ("power_list.items", 4)),
    ("重大行政决策", "全年作出决策3项。", ("major_decisions.count", 3)),
    ("重大行政决策", "全年研究决策7项，均经过合法性审查。", ("major_decisions.reviewed", 7)),
])
def test_a_bare_count_takes_the_work_its_heading_names(heading: str, sentence: str, expected: tuple[str, float]) -> None:
    text = ("某县某局2024年法治政府建设情况的报告\n\n现将有关情况报告如下：\n\n一、主要工作\n\n"
            f"（一）{heading}\n{sentence}\n\n特此报告。\n")
    got = {(f.indicator, f.value) for f in fazhi.analyze_text(text).figures}
    assert expected in got, got


def test_a_bare_review_count_is_no_normative_document_where_its_sentence_names_other_documents():
    text = ("某县某局2024年法治政府建设情况的报告\n\n现将有关情况报告如下：\n\n一、主要工作\n\n"
            "（一）规范性文件监督管理\n对合同和会议纪要进行合法性把关，全年审核15件。\n\n特此报告。\n")
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[15] != "normative_docs.reviewed", got


@pytest.mark.parametrize("after", ["负责人出庭应诉", "份法律意见书", "件合同的合法性审核", "项重大行政决策事项进行合法性审查",
                                   "个事项实现一网通办", "人次", ""])
def test_rules_whose_after_matches_are_always_tried(after: str) -> None:
    """The index that leaves out rules whose `after` needs words the clause after the number
    lacks never leaves out one whose `after` matches it."""
    from fazhi.understand.indicators import _after_words, _cue_words, taxonomy

    tax = taxonomy()
    held_after = _after_words().found(after)
    for unit, rules in tax.by_unit.items():
        tried = tax.rules_for(unit, set(), _cue_words().found(""), held_after)
        assert [r for r in rules if r.after is not None and r.after.match(after)] == \
            [r for r in tried if r.after is not None and r.after.match(after)], unit


@pytest.mark.parametrize(("text", "generic", "specific"), [
    # a study group's sessions at large beside the law study counted in its own words
    ("全年召开党组理论学习中心组学习会15次、组织宪法专题学习4次。", 15, 4),
    ("局党委中心组集中学习9次，另开展专题学法5次，干部法治素养不断提高。", 9, 5),
])
def test_a_generic_study_count_beside_a_law_study_count_is_not_law_study(text: str, generic: int,
                                                                          specific: int) -> None:
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[generic] is None and got[specific] == "leader_law_study.sessions", got


@pytest.mark.parametrize("text", [
    # alone in a sentence naming the law studied
    "全年组织中心组集中学习7次，重点学习行政处罚法和民法典。",
    # the total of the law study of each body before it
    "县委常委会学习宪法5次，县政府常务会议学习行政处罚法6次，共开展中心组学习11次。",
    # discussions that go on with the law study before them
    "党委会专题学习行政复议法4次，开展交流研讨3次。",
])
def test_a_study_count_not_set_apart_from_law_study_stays_law_study(text: str) -> None:
    got = [f.indicator for f in fazhi.analyze_text(text).figures]
    assert got and all(g == "leader_law_study.sessions" for g in got), got


@pytest.mark.parametrize("text", [
    "围绕社保经办、档案管理等业务为机关干部开展专题授课6期。",
    "组织全体干部职工开展安全生产专题培训3次。",
    "为镇村干部开展乡村振兴专题讲座4场。",
    "组织干部参加业务知识讲座5次，干部依法履职能力不断增强。",
])
def test_a_class_for_the_cadres_on_other_matters_than_the_law_is_no_law_study(text: str) -> None:
    figs = fazhi.analyze_text(text).figures
    assert figs and all(f.indicator is None for f in figs), [(f.quote, f.indicator) for f in figs]


@pytest.mark.parametrize("text", [
    "邀请律师为全体干部职工举办专题讲座3场。",
    "扎实推进领导干部学法。县委党校为乡镇干部集中授课2次。",
])
def test_a_class_for_the_cadres_given_by_a_lawyer_or_in_a_paragraph_on_law_study_is_law_study(text: str) -> None:
    got = [f.indicator for f in fazhi.analyze_text(text).figures]
    assert got == ["leader_law_study.sessions"], got


@pytest.mark.parametrize("text", [
    "全年依法开展行政执法检查，对校外培训机构开展专项检查15次。",
    "对全县民办培训学校开展执法检查8次，检查人员120人次。",
])
def test_a_training_institution_inspected_is_no_enforcement_training(text: str) -> None:
    figs = fazhi.analyze_text(text).figures
    assert figs and all(f.indicator is None for f in figs), [(f.quote, f.indicator) for f in figs]


@pytest.mark.parametrize(("text", "expected"), [
    # documents changed and repealed together are the clean-up's
    ("全年修改、废止规范性文件12件。", [(12, "normative_docs.cleaned")]),
    # the first item of the enumeration (rules) is no indicator's: the clause's verb is the second item's too
    ("共修改、废止政府规章10件、规范性文件48件。", [(10, None), (48, "normative_docs.cleaned")]),
    # the documents gone through in a clean-up of normative documents
    ("本年度对规范性文件开展全面清理，梳理政策措施900余件，其中废止39件、修改18件。",
     [(900, "normative_docs.cleaned"), (39, "normative_docs.repealed"), (18, "normative_docs.revised")]),
    # the documents in force made public after the clean-ups
    ("向社会公布现行有效规范性文件目录650件。", [(650, "normative_docs.retained")]),
    ("集中公示现行有效政府规章目录65件和行政规范性文件目录650件。", [(65, None), (650, "normative_docs.retained")]),
    ("全面清理现行有效规范性文件230件。", [(230, "normative_docs.cleaned")]),
    # policies gone through with no clean-up of normative documents named are no clean-up
    ("梳理涉企优惠政策86件。", [(86, None)]),
])
def test_the_counts_of_a_clean_up_of_normative_documents(text: str, expected: list) -> None:
    got = [(f.value, f.indicator) for f in fazhi.analyze_text(text).figures]
    assert got == expected, got


def test_law_study_named_after_a_list_of_titles_is_law_study():
    text = "党组集中学习《行政复议法》《优化营商环境条例》《信访工作条例》《安全生产法》等法律法规12次。"
    got = [f.indicator for f in fazhi.analyze_text(text).figures]
    assert got == ["leader_law_study.sessions"], got


def test_staff_trained_on_a_study_and_exam_platform_are_no_exam_takers():
    got = [f.indicator for f in fazhi.analyze_text("依托在线学法考法平台培训全县公职人员3200名。").figures]
    assert got == [None], got


def test_training_on_running_something_by_law_is_no_law_training():
    got = [f.indicator for f in fazhi.analyze_text("组织机关干部参加学校法治化管理业务培训2次。").figures]
    assert got == [None], got


@pytest.mark.parametrize(("text", "expected"), [
    # a mixed total of the documents reviewed, its filler after the list
    ("审查政府及部门合同协议、规范性文件等共计230件。", "legal_review.documents"),
    # those entered into the pool of random inspectors named in the sentence
    ("落实双随机抽查机制，更新执法检查人员名录库，入库人员共215人。", "inspection.inspectors"),
])
def test_totals_named_by_the_clause_before_their_filler(text: str, expected: str) -> None:
    got = [f.indicator for f in fazhi.analyze_text(text).figures]
    assert got == [expected], got


@pytest.mark.parametrize(("text", "expected"), [
    # a class on the law given in a school is a 普法 lecture
    ("深入学校开展法治教育课32节。", "law_popularization.lectures"),
    # the views of a post or a video are no 普法 events
    ("普法短视频播放量达50万次。", None),
])
def test_law_classes_and_the_views_of_publicity(text: str, expected: str | None) -> None:
    got = [f.indicator for f in fazhi.analyze_text(text).figures]
    assert got == [expected], got


@pytest.mark.parametrize("text", [
    "派出8名执法人员参加全市执法技能比武。",
    "选派执法人员36人参与跨区域交叉检查。",
])
def test_enforcement_staff_sent_to_take_part_are_not_the_staff(text: str) -> None:
    got = [f.indicator for f in fazhi.analyze_text(text).figures]
    assert got == [None], got


def test_parts_of_a_total_counted_in_another_unit_take_what_the_totals_clause_names():
    text = "组织执法人员参加各类业务培训5批次，其中省级14人次、市级96人次。"
    got = [(f.value, f.indicator) for f in fazhi.analyze_text(text).figures]
    assert got == [(5, "enforcement.training_sessions"), (14, "enforcement.trainees"),
                   (96, "enforcement.trainees")], got


def test_a_count_of_people_after_parts_in_the_totals_unit_is_not_a_part():
    text = "开展普法宣传活动35场次，其中线上15场次，受益群众2万人次。"
    got = [(f.value, f.indicator) for f in fazhi.analyze_text(text).figures]
    assert got[-1] == (20000, None), got


def test_a_plan_named_after_the_next_count_is_that_counts():
    text = "梳理涉企执法单位18个，共公布286条检查事项和42条检查计划。"
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[286] is None and got[42] == "inspection.plans", got


@pytest.mark.parametrize("text", [
    "对上年度出台的2项重大行政决策开展实施后评估。",
    "完成重大行政决策执行情况后评估3项。",
])
def test_decisions_evaluated_after_they_were_carried_out_are_not_the_decisions_made(text: str) -> None:
    got = [f.indicator for f in fazhi.analyze_text(text).figures]
    assert got == [None], got


def test_a_study_held_through_the_study_group_among_other_bodies_is_not_set_apart():
    text = ("将学习宪法作为重要任务，通过党委会议、理论学习中心组学习会议等开展专题学习8次，"
            "带动各支部集中学法40次。")
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[8] == "leader_law_study.sessions" and got[40] == "leader_law_study.sessions", got


@pytest.mark.parametrize(("text", "expected"), [
    # the takers of a law exam named after them, however the exam is called (学考), and the exam before
    # taking office counted in a sentence on the law
    ("组织全镇521名国家工作人员参加习近平法治思想网上学考。", [("leader_law_study.exam_takers", 521)]),
    ("印发领导干部应知应会法律清单，组织新提任领导干部考试42人次。", [("leader_law_study.exam_takers", 42)]),
    # …and listed with others before the exam (the clause runs past the list)
    ("组织全镇108名在编干部、村(社区)干部参加法治理论考试。", [("leader_law_study.exam_takers", 108)]),
    # penalties lessened and fines waived are not the penalties imposed nor the fines collected
    ("全年依法从轻减轻行政处罚案件860件，为市场主体免除罚款1200.5万元。", [(None, 860), (None, 12005000)]),
    # a clean-up of certificate matters keeps matters, not normative documents
    ("开展减证便民行动，经清理涉及证明事项205项，取消48项，保留157项。", [(None, 205), (None, 48), (None, 157)]),
    # the rounds, tasks and staff of a random inspection; entities found compliant are its results
    ("开展“双随机、一公开”抽查，今年抽查4批次，出动执法人员66人次，经检查合格企业241家。",
     [("inspection.plans", 4), ("inspection.inspectors", 66), (None, 241)]),
    ("实施“双随机、一公开”监管，完成抽查任务15次。", [("inspection.plans", 15)]),
    # party rules (党内法规) are not the law: their study is no law study
    ("组织开展中央和省委党内法规制度文件学习会议12场次。", [(None, 12)]),
    # departments, places and kinds counted beside the powers of a list are not its items, and a list
    # adjusted for the streets devolves nothing
    ("通过向街镇下放执法职权改革的评估。完善权力清单动态管理，调整区水务局等9个区级部门、14个街镇208项行政职权事项。",
     [(None, 9), (None, 14), ("power_list.items", 208)]),
    ("编制街道职责清单，涵盖街道承担的5个类别98项职权事项。", [(None, 5), ("power_list.items", 98)]),
    # licensing matters named otherwise: 涉企经营事项, the matters put online in a 政务服务 sentence, the
    # licences of a licensing reform, a list named by its service slogan
    ("深化告知承诺制改革，实现160项涉企经营事项“当场办”。", [("approval.items", 160)]),
    ("持续推动政务服务提质扩面，动态更新上线智慧大厅工作台事项1540项。", [("approval.items", 1540)]),
    ("完成5个行业“一业一证”改革，发证22张。", [("approval.items", 22)]),
    ("清理并公布全区150项“零材料”清单。", [("approval.items", 150)]),
    # intermediary services and the regions a service is shared with are not licensing matters
    ("保留20项行政审批必要条件的中介服务事项。", [(None, 20)]),
    ("持续推动政务服务提质扩面，新增“跨省通办”合作地区至18个。", [(None, 18)]),
    # matters counted before their noun in a sentence on 政务服务; accounts of an approval system are none
    ("区政务服务中心推动28项负面清单事项、96项行政征收事项入驻。",
     [("approval.items", 28), ("approval.items", 96)]),
    ("全面推行审批服务“马上办、网上办”，152项事项实现24小时服务“不打烊”。", [("approval.items", 152)]),
    ("配置2100个审批环节账号。", [(None, 2100)]),
    ("300项审批实现“告知承诺”，160项事项实现“不打烊”服务。", [("approval.items", 160)]),
    ("办理“免申即享”事项约6000余件次。", [("approval.items", 6000)]),
    # a licence of any kind, named by its 证
    ("2024年办理高危险性体育项目经营游泳证4个。", [("approval.items", 4)]),
    # the decisions of a list of major decisions the sentence names
    ("制定并公布重大行政决策事项目录，3项决策事项均按规定履行了法定程序。", [("major_decisions.count", 3)]),
    # administrative decisions reviewed for their legality are documents reviewed
    ("审查区重点项目征收补偿决定38份、征地补偿安置决定9份。",
     [("legal_review.documents", 38), ("legal_review.documents", 9)]),
    # a clean-up counted before the documents it names
    ("开展7轮240件次规范性文件清理。", [("normative_docs.cleaned", 240)]),
    # projects of a development drive are no licensing matters; powers taken over from the city are the power list's
    ("两区建设新增入库项目980个、落地项目700个。", [(None, 980), (None, 700)]),
    ("共承接第三批市级赋权160项。", [("power_list.items", 160)]),
    # a leader teaching the law to the staff is their study
    ("常态化落实局长讲法制度，开展6次“局长讲法”。", [("leader_law_study.sessions", 6)]),
    # cadres trained are not enforcement trainees, whatever else the sentence says of enforcement
    ("市委党校将法治教育纳入主体班次必修课，培训党员干部1205人，重点执法部门实现轮训全覆盖。", [(None, 1205)]),
    # a lecture whose title names a topic (复议) beside the study group's sessions is still the group's study:
    # the title says what was taught, not what the clause is about
    ("区委理论学习中心组专题学法5次，邀请专家举办《行政复议制度的完善》等专题法治讲座2次。",
     [("leader_law_study.sessions", 5), ("leader_law_study.sessions", 2)]),
    # the government's own law lecture series, and talks in the cadres' training, are their study
    ("举办市政府专题法律讲座3次。", [("leader_law_study.sessions", 3)]),
    ("将习近平法治思想纳入干部教育培训必修课程，举办专题研讨班、报告会4场次。", [("leader_law_study.sessions", 4)]),
    ("深入社区开展法治讲座12场。", [("law_popularization.lectures", 12)]),
    # the heads' court appearances beside another item on hearings attended, or counted bare after the duty
    ("组织区领导旁听庭审、行政机关主要负责人出庭应诉25人次。", [("litigation.head_appearances", 25)]),
    ("严格落实行政机关负责人出庭应诉制度，全年出庭应诉5次。", [("litigation.head_appearances", 5)]),
    # legal advisers and their firms counted before or after their name
    ("聘请1名常年法律顾问。", [("legal_advisers.count", 1)]),
    ("全面推进公职律师工作，公职律师新增15人。", [("legal_advisers.count", 15)]),
    ("聘用3个律师团队担任法律顾问。", [("legal_advisers.firms", 3)]),
    # random inspections counted in 项 are their tasks, however started; entities closing a long list
    ("落实“双随机、一公开”检查。完成专项抽查检查17项，其中联合住建部门发起3项、接收市级抽查检查任务4项，"
     "共随机抽查检查了人力资源服务机构、用人单位、餐饮等企业48家。",
     [("inspection.plans", 17), ("inspection.plans", 3), ("inspection.plans", 4), ("inspection.entities", 48)]),
    # problems solved are no disputes mediated; wages recovered without legal aid are not its recoveries;
    # complaints handled are not enforcement cases; rules issued are no 普法 materials
    ("全年召开党委会议专题研究法治建设工作6次，及时破解法治建设重点难点问题8个。", [(None, 8)]),
    ("为劳动者追回劳动报酬747万元。", [(None, 7470000)]),
    ("全年办理法律援助案件30件，为农民工追回欠薪120万元。", [("legal_aid.recovered_amount", 1200000)]),
    ("受理欠薪投诉案件218起，查处欠薪投诉案件200起。", [(None, 200)]),
    ("出台《行政执法音像记录管理规定》、《音像记录资料管理办法》等3件配套性规章制度。", [(None, 3)]),
    # a report meeting of the study group on the law is its study
    ("深入学习习近平法治思想，市委理论学习中心组举办了2次专题报告会。", [("leader_law_study.sessions", 2)]),
])
def test_borders_met_on_unseen_pages(text: str, expected: list) -> None:
    got = [(f.indicator, f.value) for f in fazhi.analyze_text(text).figures]
    for ind, value in expected:
        assert (ind, value) in got, got


# A count no rule names is read for the one kind of work its own words name unmistakably
# (indicators.toml [[fallback]]); a word that says the count is of something else keeps it unnamed.
@pytest.mark.parametrize("text, value, expected", [
    ("全年上线“一件事”集成服务9类主题场景66项。", 66, "approval.items"),
    ("市级层面的权责清单经过梳理后，共有职权事项2980项。", 2980, "power_list.items"),
    ("聘请的律师团队为中心各类合同协议把关，共计57份。", 57, "legal_review.contracts"),
    ("全年执法大队对非法营运车辆立案调查处理26起。", 26, "enforcement.cases"),
    ("全年通过双随机系统共对辖区经营主体118户进行了抽查。", 118, "inspection.entities"),
    # certificates and intermediaries are no approval matters; case files drawn for a review are no cases;
    # the departments an inspection covers are no inspected entities; a contract signed is no contract reviewed
    ("全年上线“一件事”集成服务，同步取消证明事项23项。", 23, None),
    ("开展行政处罚案卷评查，从立案的案件中抽取35件。", 35, None),
    ("双随机抽查覆盖全县12个部门。", 12, None),
    ("全年围绕招商引资项目签订合同协议17份。", 17, None),
])
def test_a_count_no_rule_names_takes_the_id_its_own_words_name(text, value, expected):
    got = {f.value: f.indicator for f in fazhi.analyze_text(text).figures}
    assert got[value] == expected, got


# Enforcement cases, heads in court, materials and proposals met on unseen pages (read by the rules
# and the topic words after a number, not by the fallback above).
_MET_UNSEEN = [
    # the year's enforcement cases counted as such, on site or off it
    ("全年交通运输行政执法总案件数1260件，同比增长8%。", 1260, "enforcement.cases"),
    ("全系统非现场执法案件418件。", 418, "enforcement.cases"),
    # the firms penalised, counted after the verb or after the firms
    ("检查经营单位40家，处罚违规运输企业6家。", 6, "enforcement.cases"),
    ("依法查处2家无证经营企业。", 2, "enforcement.cases"),
    ("对5家企业依法不予处罚。", 5, None),
    # the heads named after 由 in the clause of the cases they appeared in
    ("收到行政诉讼6件，其中3件由机关法定代表人、负责人出庭应诉。", 3, "litigation.head_appearances"),
    # books handed out on the law are materials
    ("累计发放《宪法》等普及读物2600余册。", 2600, "law_popularization.materials"),
    # the suggestions and proposals a bureau handles with others (会办件) are no approval matters
    ("政协提案15件，会办件9件。", 9, None),
    ("收到两代表一委员办件6件。", 6, None),
    # a plaintiff withdrawing is a lawsuit's outcome, not a reconsideration's, after a 复议 clause
    ("收到行政复议7件，撤回1件；收到行政诉讼4件，2件原告撤回起诉。", 2, None),
]


@pytest.mark.parametrize("text, value, expected", _MET_UNSEEN)
def test_enforcement_cases_heads_in_court_materials_and_proposals(text, value, expected):
    test_a_count_no_rule_names_takes_the_id_its_own_words_name(text, value, expected)
