"""When the documents are silent: what a question asks for, and whether the top clauses give it.

The corpus is plans and action programmes. They set targets, tasks and responsible departments; they
do not set subsidy amounts, rates, application procedures, contacts or district-level rules. A
question that asks for such a specific is declined unless a top clause states it next to the thing
asked about. Every check is cheap string work on the question and the top clauses.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from assistant.query import QUESTION_WORD, SEGMENT, Lexicon, load_lexicon
from assistant.wording import function_word
from corpus.text import squash

_STOP = r"[^，,。？?；;！!]"
# Procedures, materials, contacts, thresholds: never part of a plan.
_PROCEDURE = re.compile(
    r"(怎么|如何|怎样)(申请|申报|申领|办理|报名|认定|入驻|入库|纳入|对接|参与|获取|领取|兑现|兑付)|"
    r"(申请|申报|办理|审批|认定|报名)(的)?(截止)?(流程|程序|手续|入口|渠道|时限|时间|日期|方式|途径|系统|平台)|"
    # when an application is open ("什么时候可以申报", "哪天截止申请"), not when a project is done
    r"(什么时候|何时|哪天|几号|几月|哪个月)(能|可以|开始|截止)?(申请|申报|报名|受理)|"
    r"(什么|哪些|啥)" + _STOP + r"{0,4}(材料|资料)|(材料|资料)" + _STOP + r"{0,4}(哪些|什么|清单)|"
    r"(提交|递交|报送|上传)(什么|哪些|啥)|(走|办)(什么|哪些)(程序|流程)|找谁(办|申请|申报)|"
    # where to apply ("到哪个部门申请"): no plan names an office that takes applications
    r"(到|向|找|去|在)哪(个|些|家)?(部门|单位|机构|窗口|局)(去)?(申请|申报|报名|领取|兑现)|"
    r"(流程|程序|手续|步骤)" + _STOP + r"{0,3}(怎么|如何|怎样|是什么|是怎样|有哪些)|"
    r"去哪[里儿]?" + _STOP + r"{0,4}(办|申请|申报|报名|登记)|在哪[里儿个]?" + _STOP + r"{0,4}(申报|申请|上报|办理|报名)|"
    r"(受理|开始申报|开放申报)(时间|日期)?|多久(能|可以|才能)?(批|审|办|下来|到账|拿到)|(要|需要|一般)多(久|长时间)|"
    r"(哪个|什么)窗口|窗口(在哪|电话|地址)|"
    r"(办|需要|要)(哪些|什么)(证照|证件|执照|许可)|"
    r"(地址|办公地点)(在哪|是什么|是哪)|具体地址|详细地址|在哪[里儿]?办公")
# The conditions of a measure: a plan sometimes states them ("在不改变用途的前提下，可以允许……"), so this part
# declines only when the top clauses state none.
_CONDITION_ASK = re.compile(
    r"(申请|申报|认定|评定|入选|入库|享受)(的)?(条件|门槛|标准|资格|要求是)|"
    # a threshold asked ("门槛是多少", "有什么门槛"), not one told ("营业额能跨过规模以上的门槛")
    r"门槛[^，,。；;！!]{0,8}(是|多少|什么|哪|吗|呢|？|\?)|(什么|哪些|多少|啥|有没有)[^，,。；;！!]{0,4}门槛|"
    r"(?<!人)才(能|可以)(申请|申报|享受|认定|入选|被认定)|"
    r"(满足|需要|具备|符合|达到)(什么|哪些)(具体)?(条件|资质|要求|指标|标准)")
_CONDITION_STATED = re.compile(r"前提下|准入条件|方可|须|不得|应当")
PROCEDURE_REASON = "现有政策文件是发展规划和行动计划，没有规定具体的申请流程、时间、材料、条件或办理渠道。"

# How an indicator is counted or a status defined (口径, 认定标准, 算不算, 按A还是B): plans set targets and
# tasks; their definitions live in statistical rules and implementing measures.
# "这一行算不算政府想扶的方向", "算不算在人才政策里", "律所算不算在里面", "维修算不算生产性服务业": whether a
# business is supported, or in a plan's scope, is a support question, not a definition (but "算不算服务业增加值"
# asks how a figure is counted).
_DEFINITION = re.compile(r"口径|算不算(?!" + _STOP + r"{0,8}(支持|扶持|想扶|鼓励|培育|重点|方向|领域|政策|范围|对象|里面|在内|其中|之列|"
                         r"计划|规划|方案|文件|"  # "算不算计划里要培育的": whether the plan covers the asker
                         r"服务业(?!增加值|营业|营收|收入|产值|统计)))|算进|是按" + _STOP + r"{1,12}还是|(怎么|如何)(算|计算|划分?|界定|认定)|"
                         r"界定标准|认定标准|累计数还是|还是当年|按" + _STOP + r"{0,10}(来(划分?|界定|算)|划分|界定)|"
                         r"认定" + _STOP + r"{0,20}(条件|要求)|"  # "认定条件是什么", "认定对研发费用的比例要求"
                         r"(多少|什么(条件|标准)|哪些条件)" + _STOP + r"{0,6}(才|就)(能)?(算|属于|够)")  # "达到多少才算规上"
_DEFINES = re.compile(r"是指|所称|界定为|统计范围")
# The asker counted in ("规划有没有把我们这种算进去的"): whether a plan covers the asker's trade, a support question
_ASKER_COUNTED = re.compile(r"把(我们|咱们|我|俺们?)(这种|这类|这行|这一行|这样的)?[^，,。；;！!？?]{0,8}?算(进|在|到)")

# Money and rates asked about a support measure: the amount must stand next to the measure.
_MEASURE = r"补贴|补助|奖励|奖补|资助|贴息|奖金|租金|房租|利率|税率|费率|保费|额度|资金|基金|减免|优惠|扣除|抵扣|抵减|退税|返还"
_MEASURE_ASK = re.compile(
    rf"(?P<a>{_MEASURE}){_STOP}{{0,10}}?(多少|几成|几个点|什么比例|哪个比例|多大比例|什么标准|标准是|比例是|"
    rf"标准如何|如何计算|怎么算|上限|最高|规模|金额|数额|幅度)|"
    rf"(多少|几)(?!家|个|项|人|件|栋|所|条|座|批|年|月|天|次){_STOP}{{0,8}}?(?P<b>{_MEASURE})|"
    r"(最高|最多)?(能|可以|可)?(拿|领|获得|得到|享受|免|减|补|奖|贴|给|返|贷)(到|了)?多少|"
    r"多少钱|几万|几千|多少万|多少亿|多少元|多少块|(按|以)" + _STOP + r"{0,8}(什么|多少|多大|哪个|何种)(比例|标准|价格|价)|"
    r"(免|减)(哪些|多少)|(便宜|省|少交|降低|优惠)(了)?(多少|几)|封顶|"
    r"(标准|金额|比例|额度)(是)?多少")
_MEASURE_WORD = re.compile(_MEASURE)
_VALUE = re.compile(r"\d+(\.\d+)?\s*(万|亿)?元|\d+(\.\d+)?\s*(%|％)|[一二三四五六七八九]成")
_NEAR = 12  # characters between a measure and its amount

_DATE_ASK = re.compile(r"什么时候|何时|哪一年|哪年|几月|哪天|几号|哪个月|截止(日期|时间)?")
# An event asked, whose date a sentence must give with an event of its kind: "哪年获批的" is not dated by a target
# sentence's "到2025年", nor "哪一年建成投用" by a sentence on firms that 落户 in the park.
_EVENTS = [re.compile(kind) for kind in (
    r"建成|完成|投用|投入使用|开通|开工|启动|运营|开业|实现|截止",  # built, opened, done
    r"成立|设立|挂牌",  # founded
    r"获批|批复|批准|获评|入选",  # approved or named
)]
_DATE = re.compile(r"20\d{2}\s*年|\d{1,2}\s*月|年底|年内|年前")
# "哪年实现/达到", "截止到哪年" ask when a target is reached: a target sentence's "到2025年" is that date.
_REACH_ASK = re.compile(r"实现|达到|达成|达标|截[止至]到?哪(一)?年|到哪(一)?年(为止)?")
_TARGET_YEAR = re.compile(r"(到|至)\s*20\d{2}\s*年")
# A firm or body asked by name ("哪家公司负责运营", "哪家银行负责", "由哪家第三方机构做"); "哪个机构负责" asks the
# department a plan names.
_OPERATOR_ASK = re.compile(r"((哪家|哪个|什么)(公司|企业)|哪一?家" + _STOP + r"{0,6}?(机构|银行|平台|律所))" + _STOP +
                           r"{0,4}(负责|运营|管理|承办|承建|主办|承担|来做|做|提供|办理)")
# A firm named: a registered name or a named group ("市城发集团", "吉利集团"), not a kind of firm ("财务公司",
# "大企业集团").
_NAMED_ORG = re.compile(r"有限(责任)?公司|股份公司|(?<![大型业模营（(、])集团(?!化)")
_ORG = re.compile(r"公司|集团|有限")
# The size of a project: an investment or a floor area needs that figure in the answer.
_SIZE_ASK = re.compile(r"(总投资|投资额|投资规模|建筑面积|占地面积|占地)(是|有|大概)?(多少|多大|几)")
_SIZE = re.compile(r"\d\s*(万|亿)?\s*元|平方米|亩|万平|公顷")
_ROLE = r"副组长|组长|副召集人|召集人|负责人|主任|局长|市长|书记|联系人"
_ROLE_ASK = re.compile(rf"(?P<a>{_ROLE}){_STOP}{{0,3}}(是谁|由谁|叫什么)|(由谁|谁)(担任|来当|当)(?P<b>{_ROLE})")
_FUNDING_ASK = re.compile(r"(什么|哪些|有没有|有无|啥)(奖励|补贴|补助|奖补|资助|贴息)|(奖励|补贴|补助|奖补|贴息)(吗|没有)")
_FUNDING = re.compile(r"奖|补贴|补助|资助|贴息|资金|基金|支持|扶持|优惠|减免")
_LIST_HELD = re.compile(r"(有没有|有无|是否有)[^，,。；;？?]{0,8}名单")  # whether a list is kept, not its names
_LIST_JOINED = re.compile(r"(进|纳入|列入|进入|挤进|申请|报进|加入)[^，,。；;？?]{0,12}名单")
_ORG_LIST_ASK = re.compile(r"(分别|具体)?(是|有)哪(几|些)家|(哪几家|哪些)(企业|公司)(入围|入选|获评|上榜|评上)|(?<![白黑])名单|"
                           # the firms there are now ("株洲现在已经有哪些国家3A级以上物流企业"), not those to be supported
                           r"(已经|现在|目前|现有)(已经)?(有|是)哪些" + _STOP + r"{0,14}(企业|公司|机构)")
# The measure a figure is asked of, and the names a sentence may give it (closed list: the measures plans set
# targets for, whose names people do not paraphrase).
_FIGURE_ASK = re.compile(r"多少|目标|几|定了|定的|达到|提高到|降到|控制在")
_MEASURES = [(re.compile(asked), re.compile(names)) for asked, names in (
    (r"营业收入|营收", r"营业收入|营收|收入"),
    (r"(投入)?强度", r"强度"),
    (r"(总|展览|建筑|占地)?面积", r"面积|平方米|万平|亩"),
    (r"场次|展会数量|办展数|(办|举办)(多少|几)场", r"场|届"),
    (r"(交易|成交)额", r"交易额|成交额|交易规模"),
    (r"产值", r"产值"),
    (r"税收", r"税收|税"),
    (r"就业人数|从业人员|就业", r"就业|从业"),
    # volumes of traffic ("快递业务量", "港口吞吐量"): a sentence on logistics costs or firms gives none
    (r"业务量|吞吐量|货运量|客运量|发运量|发送量|运量", r"业务量|吞吐量|货运量|客运量|发运量|发送量|运量|万吨|万件|亿件|标箱|万人次"),
)]
# A person's name ("哪位常务副市长", "叫什么名字"); and the members of a counted set ("具体是哪十个", "哪12家").
_PERSON_ASK = re.compile(r"哪位|姓名|姓什么|(谁|人|领导|负责人|召集人|组长|主任|[市省区县局厅]长|书记|同志)[^，,。？?；;]{0,4}"
                         r"(叫什么|名字是)")
# The name of a thing ("供应链金融平台叫什么名字", "那个园区全称是什么"): a plan names one in quotes, 《》 or letters.
_THING_NAME_ASK = re.compile(r"(平台|园区|基地|基金|中心|项目|品牌|系统|工程|行动|活动|展会|小程序|APP|app)[^，,。？?；;]{0,4}"
                             r"(叫什么|名字(是|叫)|名称(是|叫)|全称)")
_PROPER_NAME = re.compile(r"[“\"「《][^”\"」》]{2,20}[”\"」》]|[A-Za-z]{2,}")
_POST = re.compile(r"(常务)?[正副]?(市长|省长|书记|主任|局长|厅长|区长|县长)|召集人|组长")  # a post that holds a role
_NAMED_PERSON = re.compile(r"(?<!负责)(?<!有关)同志")  # "张三同志", not "主要负责同志"
_ITEMS_ASK = re.compile(r"(具体|分别)?(是|有|包括)哪(?P<n>\d+|[两二三四五六七八九十]+)(?P<unit>个|家|项|座|条|类|所|栋)")
_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
_COUNT_ASK = re.compile(r"(达到|发展到|增加到|增至|培育|新增|建成|建设|打造|引进|创建|认定)(多少|几)(?P<unit>家|个|栋|座)|"
                        r"了多少(?P<unit2>家|个|栋|座)")
# Results after a plan was issued: the plans hold targets and past baselines, never their own outcome.
_OUTCOME_ASK = re.compile(r"(最终|最后)(完成|达到|实现|评出|结果)|后来|进展(如何|怎么样|情况)|是否已经|"
                          r"已经(建成|挂牌|上市|投用|开通|设立)了?(吗|没有)|中期评估|评估(的)?结论|(哪些|什么)指标没(有)?完成|"
                          r"实际(上)?(完成|达到|实现|做到|达成)|实际(上)?(有|是|为)?(多少|几)|(完成|做到|达到|实现|达成)了多少|达成(了)?没有|达标了吗|完成情况|"
                          r"是否(已经)?(完成|达到|实现)|有没有(完成|达到|实现)|还差多少|"
                          r"(达到|实现|完成|做到|达成|达标|超过|突破)了?[^，,。？?]{0,12}?了(吗|没有|没)|"
                          r"(达到|实现|完成|做到|达成|达标)了(吗|没有|没)|(真的|到底|究竟|实际上)(达到|实现|完成|做到)|"
                          r"(?P<verb>达|完|实|做|超|突)没有?(?P=verb)|到没到(?!期)|"  # "达没达到", "完没完成", "目标到没到"
                          r"到(?!20\d\d)\d[^，,。？?]{0,8}?了(吗|没有|没)|"  # "最后到65%了没有"
                          r"到(?!20\d\d)\d[^，,。？?]{0,8}?(没有|没)(?=[，,。？?！!]|$)|"  # "最后到1500亿没有"
                          r"(达到|实现|完成|达成|超过|突破)\d[^，,。？?]{0,8}?(没有|没)(?=[，,。？?！!]|$)|"  # "达到65%没有"
                          # what came of a target, asked with a result complement ("最后实际培育出来多少家",
                          # "最终建成了几个")
                          r"(最终|最后|实际)[^，,。？?]{0,8}?(出来|出了|成了)(多少|几)")
# "How many X?": the answer must hold a number of the same kind (classifiers for things are interchangeable).
_HOW_MANY = re.compile(r"(多少|(?<![十这那了哪])几)(?P<unit>家|个|栋|座|项|件|场|条|所|台|批|亿元|万元|元|亿|万|人次|人|名)")
_NUMBER_OF = [
    (re.compile(r"家|个|栋|座|项|件|场|条|所|台|批"), re.compile(r"\d\s*(多|余)?\s*(万|亿)?\s*(多|余)?(家|个|栋|座|项|件|场|条|所|台|批)")),
    (re.compile(r"元|亿|万"), re.compile(r"\d\s*(多|余)?\s*(万|亿)|\d\s*元")),
    (re.compile(r"人|名"), re.compile(r"\d\s*(多|余)?\s*(万|亿)?\s*(人|名)")),
]
_YEAR = re.compile(r"(20\d{2})\s*年")
_FIGURE = re.compile(r"\d+(\.\d+)?\s*(%|％|万元|亿元|元|家|个|人)")
_PLAN_PERIOD = re.compile(r"十[一二三四五六七八九]五")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』，,、。；;\s]{3,12})[”\"」』]")
_BOOK_TITLE = re.compile(r"《([^《》]{4,80})》")
_LOCAL_LEVEL = re.compile(r"(区里|县里|区级|县级|街道|区政府|县政府)" + _STOP + r"{0,12}(补贴|政策|文件|出台|规定|奖励|扶持)|"
                          r"(补贴|政策|文件|规定|奖励|扶持)" + _STOP + r"{0,6}(区里|县里|区级|县级)")
# Who gets a subsidy, not what it is for ("有没有会展企业奖励": 会展 firms, asked of a grant to them).
_RECIPIENTS = ("企业", "公司", "机构", "单位", "门店", "商户", "个体户", "主体")
_SPECIFIC_SUBSIDY = re.compile(r"(有没有|是否有|有无|能不能|能否|可不可以|可以|给不给|会不会|有)" + _STOP + r"{0,6}?"
                               r"(?P<what>[\u4e00-\u9fff]{2})(?P<kind>补贴|补助|奖励|奖补|补偿|减免|优惠(?!贷|政策|价|利率))")
_NOT_A_SUBSIDY_KIND = {"哪些", "什么", "多少", "这些", "相关", "一些", "各类", "各种", "那些", "任何", "专项", "没有",
                       "有没", "获得", "享受", "申请", "拿到", "领取", "给予", "政府", "市里", "省里", "有无", "一次性",
                       "奖补", "资金", "政策", "这类", "这种", "那类", "那种", "此类", "之类"} | set(_RECIPIENTS)
_SUBSIDY = re.compile(r"补贴|奖励|补助|资助|奖补|减免|贴息|优惠")
# A further kind asked as an alternative or in addition ("稳岗补贴，或者办公室房租减免").
_OTHER_SUBSIDY = re.compile(r"(或者|或是|还是|以及|还有|和|、)[^，,。？?！!]{0,6}?(?P<what>[\u4e00-\u9fff]{2})"
                            r"(?P<kind>补贴|补助|奖励|奖补|减免)")
_GRANTED = re.compile(r"给予|奖励|补贴|补助|资助|奖补|扶持|优惠|专项资金|贴息|减免")  # a sentence granting something
# A kind's name jieba cuts before its last character (展位/费, 海外/仓, 充电/桩, 人才/房) is joined again; a
# single character that is a verb, particle or preposition ("具体能补贴", "会给补贴") names no kind.
_NOT_A_NAME_END = set("能会给可要还都也就再的了有是在对按去来获拿领申享多少哪啥何些种类项")


# Judgements, advice and forecasts: the documents state policy, they do not rank places or predict.
_JUDGEMENT = re.compile(r"值不值得|值得(吗|去|申报)|划算|哪(个|边|里)(城市|地方)?(更|比较)(好|适合|合适|划算|优惠|有利|大|强|多)|"
                        r"更(适合|划算|有利)|力度更大|(政策|支持|扶持)(力度)?(哪个|谁)更|前景(怎么样|如何)")
# Market facts the plans do not state (wages, prices, rents, freight, transit times), when asked: told as the
# asker's trouble ("车队二十多辆，运费压得很低。想上一套智能调度系统，有没有支持？") they are not the question.
_MARKET = re.compile(r"月薪|工资水平|薪资|薪酬水平|房价|(?<!用)地价|租金(水平|行情)|运费|多少天|市场行情")
# A plan after these ones ("到期后有没有新一轮的", "会不会延续", "下一轮规划什么时候出").
_SUCCESSOR = re.compile(r"会不会(延续|继续|出台|再出)|(新|下一轮|下一期)(政策|计划|规划|方案)(什么时候|何时|会不会)|"
                        r"(到期|结束)(后|以后|之后)[^，,。？?]{0,6}(有没有|会不会|还有|是否有|接着)|"
                        r"(有没有|会不会|是否有|还有没有)(新一轮|下一轮|新的一轮|后续|接续)|"
                        r"(出|发|出台|印发)[了的]?(新一轮|下一轮|新的一轮)|"  # "到期以后，出了新一轮的没有"
                        r"(新一轮|下一轮|新的一轮|下一期)的?(计划|规划|方案|政策)")  # "接着出的新一轮计划是什么"
_DOC_NUMBER = re.compile(r"(?P<issuer>[\u4e00-\u9fff]{1,6}?)[〔\[［(（](?P<year>\d{4})[〕\]］)）](?P<n>\d+)号")
_CITED = re.compile(r"(依据|根据|按照|依照|引用)(的是)?(哪|什么)|(哪个|哪份|什么)(文件|文)|制定的(吗|\?|？)")


@dataclass(frozen=True)
class Decline:
    """Why the documents cannot answer: the id of the rule that decided it, and what the user reads."""

    rule: str
    message: str


def _successor(text: str, library: tuple[str, ...]) -> str | None:
    if _SUCCESSOR.search(text):
        return "现有政策文件中没有新一轮（后续）的规划或计划，文件也不预测今后的政策。"
    return None


# Why a plan set what it set ("只定在47%左右，是出于什么考虑"): the plans state targets, not their reasons.
_RATIONALE = re.compile(r"出于(什么|哪些|啥)(考虑|原因|目的)|(定|设|订)(得|在)?[^，,。？?]{0,8}(的)?(原因|理由)是|"
                        r"为(什么|啥)(只)?(定|设|订)(在|为|得|成)")


def _rationale(text: str, library: tuple[str, ...]) -> str | None:
    if _RATIONALE.search(text):
        return "现有政策文件只写明了目标和措施，没有说明这样定的考虑或理由。"
    return None


def _judgement(text: str, library: tuple[str, ...]) -> str | None:
    if _JUDGEMENT.search(text):
        return "现有政策文件只规定了各自的政策措施，不对不同地方或政策作比较、评价，也不预测今后的政策。"
    return None


def _market(text: str, library: tuple[str, ...]) -> str | None:
    """A market fact asked in a piece that asks (or the last one: "我想了解长沙写字楼的租金水平。")."""
    pieces = SEGMENT.findall(text)
    if any(_MARKET.search(p) for i, p in enumerate(pieces) if QUESTION_WORD.search(p) or i == len(pieces) - 1):
        return "现有政策文件是规划和行动计划，只规定目标和政策措施，不提供工资、房价、地价、租金、运费、运输时间等市场行情。"
    return None


def _other_document(text: str, library: tuple[str, ...]) -> str | None:
    """A document the library does not hold, named by 文号 or 《title》; library holds the corpus titles and 文号."""
    if _CITED.search(text):
        return None  # "is it based on 湘政办发〔2024〕31号?" names another document on purpose
    known = {_number_key(x) for x in library if _DOC_NUMBER.search(x)}
    number = next((m.group(0) for m in _DOC_NUMBER.finditer(text) if _number_key(m.group(0)) not in known), None)
    if number:
        return f"“{number}”文件不在本库收录的政策文件中，现有文件没有它的具体内容。"
    other = next((t for t in _BOOK_TITLE.findall(text) if not _in_library(t, library)), None)
    if other:
        return f"《{other}》不在本库收录的政策文件中，现有文件只引用了它，没有它的具体内容。"
    named = _NAMED_DOC.search(text)
    # what asks for it is not its name ("麻烦查一下湘潭市“十四五”服务业发展规划"), nor a word pointing back to
    # the document asked about before ("另外这份规划的文号")
    name = named.group("name") if named else ""
    while _FILLER.match(name):
        name = _FILLER.sub("", name, count=1)
    if name and not DOCUMENT_BACK.search(name) and not _names_library_document(name, library):
        return f"“{name}”不在本库收录的政策文件中，现有文件没有它的文号、印发机关或印发日期。"
    return None


# A document named without 《》 whose metadata is asked ("会展业发展三年行动计划的文号"). Its subject words (the
# name without document-type, period and filler words) must all but appear in one library title.
_NAMED_DOC = re.compile(r"(?P<name>[\u4e00-\u9fff“”\"]{2,30}?(行动计划|实施方案|规划|办法|意见|通知|方案|计划))"
                        r"(的|是)?[^，,。？?；;]{0,4}(文号|发文字号|印发|发布|出台|成文|叫什么|名称|全称|标题)")
_FILLER = re.compile(r"^.{0,6}?(请问|问一下|想问一下|想问|我想知道|(查|看|问|说|找)(一下|一查|一看|下)|查查|告诉我|麻烦(你|您)?|"
                     r"帮(我|忙)(查|看|找)?|帮(查|看|找))|^(另外|此外|还有|同时|以及)")
# A document pointed back at, not named ("另外这份规划", "该方案"): the one asked about before.
DOCUMENT_BACK = re.compile(r"(这|那|该|此|上述|上面)(份|个|部|项)?(行动计划|实施方案|规划|计划|方案|文件|办法|意见|通知)")
_DOC_WORDS = re.compile(r"请问|问一下|想问|[省市]里|咱们|我们|今年|去年|最新|新出|这个|这份|那个|那份|这|那|同类|类似|相应|对应|同样|里面|关于|三年|五年|十四五|十五五|行动计划|实施方案|规划|办法|"
                        r"意见|通知|方案|计划|发展|高质量|加快|推动|促进|[市省的“”\"]")


def _names_library_document(name: str, library: tuple[str, ...]) -> bool:
    subject = [c for c in _DOC_WORDS.sub("", name) if c.isalnum()]
    if len(subject) < 2:
        return True  # "这个方案的文号": the library's own document
    titles = [_DOC_WORDS.sub("", squash(t)) for t in library]
    return any(sum(c in t for c in subject) >= 0.8 * len(subject) for t in titles)


# Rules that need only the question.
QUESTION_RULES = (
    ("successor", _successor),
    ("judgement", _judgement),
    ("market", _market),
    ("rationale", _rationale),
    ("other_document", _other_document),
)


def question_decline(text: str, library: tuple[str, ...]) -> Decline | None:
    """The first question rule that declines, or None."""
    return _first(QUESTION_RULES, text, library)


def question_reason(text: str, library: tuple[str, ...]) -> str | None:
    decline = question_decline(text, library)
    return decline.message if decline else None


def _first(rules, text: str, material) -> Decline | None:
    for rule_id, check in rules:
        message = check(text, material)
        if message:
            return Decline(rule_id, message)
    return None


@dataclass(frozen=True)
class Evidence:
    clauses: tuple[str, ...]  # texts of the top clauses, best first
    titles: tuple[str, ...]  # titles of their documents
    documents: tuple[str, ...] = ()  # the whole text of those documents (squashed)
    library: str = ""  # the whole text of every document (squashed): the words the plans use at all


# How to reach whoever handles it, asked in a piece that asks ("申报电话是多少？") or ends the message ("给个联系电话"),
# not told of the asker's business ("做技术文档翻译和外贸网站本地化，", "我们做网站建设的，").
_CONTACT = re.compile(r"电话|联系方式|联系人|邮箱|网址|网站")


def _asks_contact(text: str) -> bool:
    pieces = SEGMENT.findall(text)
    return any(_CONTACT.search(p) for i, p in enumerate(pieces) if QUESTION_WORD.search(p) or i == len(pieces) - 1)


def is_procedure(text: str) -> bool:
    return bool(_PROCEDURE.search(text) or _asks_contact(text) or _CONDITION_ASK.search(text))


def _procedure(text: str, evidence: Evidence) -> str | None:
    if _PROCEDURE.search(text) or _asks_contact(text):
        return PROCEDURE_REASON
    if _CONDITION_ASK.search(text) and not any(_CONDITION_STATED.search(c) for c in evidence.clauses[:2]):
        return PROCEDURE_REASON
    return None


def _definition(text: str, evidence: Evidence) -> str | None:
    if _DEFINITION.search(_ASKER_COUNTED.sub("", text)) and not any(_DEFINES.search(c) for c in evidence.clauses):
        return "现有政策文件是发展规划和行动计划，没有规定指标的统计口径、认定标准或界定办法。"
    return None


def _year_absent(text: str, evidence: Evidence) -> str | None:
    everything = squash("".join(evidence.clauses) + "".join(evidence.titles))
    year = next((y for y in _YEAR.findall(text) if y not in everything), None)
    return f"现有政策文件没有提到{year}年的相关安排。" if year else None


def _figure_absent(text: str, evidence: Evidence) -> str | None:
    joined = squash("".join(evidence.clauses))
    figure = next((m.group(0) for m in _FIGURE.finditer(text) if squash(m.group(0)) not in joined), None)
    return f"现有政策文件没有提到“{figure}”。" if figure else None


def plan_periods(text: str) -> list[str]:
    """The five-year plan periods a text names ("十五五")."""
    return _PLAN_PERIOD.findall(text)


def period_years(period: str) -> range:
    """The years of a five-year plan period: "十三五" is 2016–2020 (the eleventh began in 2006)."""
    start = 2006 + 5 * (_CHINESE_DIGITS[period[1]] - 1)
    return range(start, start + 5)


def _period_absent(text: str, evidence: Evidence) -> str | None:
    """A plan period asked ("十三五末有多少家") is covered when the evidence names it or one of its years
    ("由2015年的73家增加至2020年的284家")."""
    everything = squash("".join(evidence.clauses) + "".join(evidence.titles))
    period = next((p for p in plan_periods(text) if p not in everything
                   and not any(f"{year}年" in everything for year in period_years(p))), None)
    return f"现有政策文件没有涉及“{period}”时期的安排。" if period else None


def _quoted_absent(text: str, evidence: Evidence) -> str | None:
    # the clauses found, and the whole documents they are from: a name a heading holds ("五、实施服务业提质增效七大
    # 工程") is mentioned
    everything = squash("".join(evidence.clauses) + "".join(evidence.titles)) + "".join(evidence.documents)
    quoted = next((q for q in _QUOTED.findall(text) if squash(q) not in everything), None)
    return f"现有政策文件没有提到“{quoted}”。" if quoted else None


def _local_level(text: str, evidence: Evidence) -> str | None:
    if _LOCAL_LEVEL.search(text):
        return "现有政策文件是省、市两级的规划和行动计划，没有区县一级的具体政策。"
    return None


# A grant whose name is its kind ("给不给贴息", "有没有免租"), asked yes or no.
_GRANT_KIND = re.compile(r"(给不给|有没有|有无|是否有|能不能|能否|会不会|可不可以|可以|有)" + _STOP + r"{0,4}?"
                         r"(?P<what>贴息|免租|减租|免息)")


def _grant_absent(text: str, evidence: Evidence) -> str | None:
    grant = _GRANT_KIND.search(text)
    if grant and not any(grant.group("what") in c for c in evidence.clauses + evidence.documents):
        return f"现有政策文件没有提到{grant.group('what')}方面的支持。"
    return None


def _subsidy_kind_absent(text: str, evidence: Evidence) -> str | None:
    specific = _SPECIFIC_SUBSIDY.search(text)
    what = _word_before(text[:specific.end()]) if specific else ""
    if specific and not what and (trade := _recipient_trade(text[:specific.start("kind")])):
        # a grant to firms of a trade ("有没有会展企业奖励"): one sentence naming the trade and a grant
        sentences = [x for c in evidence.clauses for x in re.split(r"[。；;]", c)]
        if not any(trade in x and _GRANTED.search(x) for x in sentences):
            return f"现有政策文件没有提到专门针对{trade}企业的补贴或奖励。"
        return None
    # the kind and a subsidy in one sentence: a clause on 家政 with "开办职业培训" and, elsewhere, "社保补贴" has no
    # 培训补贴
    sentences = [x for c in evidence.clauses for x in re.split(r"[。；;]", c)]
    if what and what not in _NOT_A_SUBSIDY_KIND and not any(what in x and _SUBSIDY.search(x) for x in sentences):
        # another kind asked as an alternative ("能不能申请稳岗补贴，或者办公室房租减免？"), absent too: both are said
        others = [m.group("what") + m.group("kind") for m in _OTHER_SUBSIDY.finditer(text[specific.end():])
                  if m.group("what") not in _NOT_A_SUBSIDY_KIND
                  and not any(m.group("what") in x and _SUBSIDY.search(x) for x in sentences)]
        if others:
            return f"现有政策文件没有提到{'、'.join([what + specific.group('kind')] + others)}方面的内容。"
        if specific.group("kind") == "优惠":
            # a favour is given in many words: one asked in a word no plan uses ("水电优惠") may be given in the plans'
            # own ("用电、用水……与工业同价"); one the plans name elsewhere ("税收优惠"), absent here, is not given
            if evidence.library and what not in evidence.library:
                return None
            return f"现有政策文件没有提到{what}方面的优惠。"
        if specific.group("kind") == "补偿":  # "保险补偿": a compensation, named as asked
            return f"现有政策文件没有提到{what}补偿。"
        return f"现有政策文件没有提到{what}方面的补贴或奖励。"
    return None


# A voucher or card asked by name ("算力券", "创新券", "消费券"): an instrument, present in a clause or not at all.
_INSTRUMENT = re.compile(r"[\u4e00-\u9fff]{2,4}(券|卡)")
_NOT_AN_INSTRUMENT = {"银行卡", "信用卡", "社保卡", "身份证卡"}
_ASKS = re.compile(r"[？?吗么]|有没有|能不能|可不可以|多少|怎么|如何|哪|什么|啥|是否|能否")


def _instrument_absent(text: str, evidence: Evidence) -> str | None:
    import jieba
    # asked of, not told ("自己买显卡又太贵了"): in a piece that asks
    asking = "".join(p for p in re.findall(r"[^，,。；;！!]+[，,。；;！!]?", text) if _ASKS.search(p))
    for match in _INSTRUMENT.finditer(asking):
        # its name: the words before 券/卡 as jieba cuts them, at least two characters ("不发算力" → 算力券,
        # "人才绿" → 人才绿卡)
        words, name = jieba.lcut(match.group()[:-1]), ""
        while words and len(name) < 2:
            name = words.pop() + name
        name += match.group()[-1]
        if len(name) > 3:
            name = re.sub(r"^[发领用拿有个的]", "", name)  # "发算力" as jieba cuts "不发算力"
        if re.search(r"什么|啥|哪|多少|几|这|那|各|些", name):
            continue  # "有没有什么卡": no card named
        if len(name) >= 3 and name not in _NOT_AN_INSTRUMENT and not any(name in c for c in evidence.clauses):
            return f"现有政策文件没有提到{name}，也就没有相应的发放、金额或申领规定。"
    return None


def _word_before(text: str) -> str:
    """The word naming the kind of a subsidy that ends the text ("有没有展位费补贴" → 展位费; "房租补贴" → 房租), as
    jieba cuts it; "" when the subsidy word has none before it ("具体能补贴": 能)."""
    import jieba

    words = jieba.lcut(text)
    if len(words) < 2:
        return ""
    what = words[-2]
    if (len(what) == 1 and what not in _NOT_A_NAME_END and len(words) >= 3 and len(words[-3]) >= 2
            and not _YES_NO.search(words[-3]) and words[-3] not in _NOT_A_SUBSIDY_KIND):
        what = words[-3] + what  # 展位 + 费, 海外 + 仓 (not 具体 + 能)
    if _YES_NO.search(what) or what in _NOT_A_SUBSIDY_KIND or function_word(what):
        return ""  # "有没有补贴", "一次性奖励", "补贴或者减免": no kind named
    return what if len(what) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in what) else ""


def _recipient_trade(text: str) -> str:
    """The trade of the firms a subsidy is asked for, the text ending with them ("有没有会展企业" → 会展); ""."""
    import jieba

    words = jieba.lcut(text)
    if len(words) >= 2 and words[-1] in _RECIPIENTS and len(words[-2]) >= 2 and \
            words[-2] not in _NOT_A_SUBSIDY_KIND and not _YES_NO.search(words[-2]) and not function_word(words[-2]):
        return words[-2] if all("\u4e00" <= c <= "\u9fff" for c in words[-2]) else ""
    return ""


def _outcome(text: str, evidence: Evidence) -> str | None:
    if _OUTCOME_ASK.search(text) and not _reported(text, evidence):
        return "现有政策文件只提出了目标和任务，没有发布之后的实际完成情况或统计数据。"
    return None


def _reported(text: str, evidence: Evidence) -> bool:
    """Does a clause report, as past, the year or period the question asks the outcome of ("湘潭十三五期间服务业
    增加值实际达到多少" → "“十三五”期间，……2020年实现服务业增加值999.21亿元")? A plan tells how the period
    before it went; only what came after it is outside the plans."""
    from assistant.sentences import is_past

    times = re.findall(r"20\d\d(?=\s*年)", text) + re.findall(r"十[一二三]五", text)
    sentences = [s for clause in evidence.clauses for s in re.split(r"[。；;]", clause)]
    if any(t in sentence and is_past(sentence) for t in times for sentence in sentences):
        return True
    # no time named ("湖南是否已经是国家服务业综合改革试点省份"): a sentence telling it as done ("圆满完成“十三五”
    # 国家服务业综合改革试点") that shares a long phrase with the question
    return any(_DONE.search(sentence) and _shared_phrase(text, sentence) >= _DONE_PHRASE for sentence in sentences)


_DONE = re.compile(r"圆满完成|已经|已(?!有)|获批|获评|成功(创建|获批|申报)|建成了|入选")
_DONE_PHRASE = 6  # characters a question and a sentence telling it done must share


def _shared_phrase(a: str, b: str) -> int:
    """The length of the longest run of characters two texts share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


_ANY_UNIT = "(个|家|项|所|座|条|栋|处|类|批|只|支|名|人|场|列)"


def _count_absent(text: str, evidence: Evidence) -> str | None:
    count = _COUNT_ASK.search(text)
    unit = count and (count.group("unit") or count.group("unit2"))
    # 个 counts anything: "定了多少个" is answered by "70家以上"
    units = _ANY_UNIT if unit == "个" else unit
    if count and not re.search(r"\d\s*(万|亿)?\s*(多|余)?" + units, squash("".join(evidence.clauses))):
        return f"现有政策文件在相关条款中没有给出以“{unit}”计的数量目标。"
    return None


# Words for support in general: a plan giving 专项资金 support gives a 奖励 in other words.
_GENERIC_MEASURES = {"奖励", "补贴", "补助", "资助", "奖补", "资金", "支持", "扶持", "优惠", "政策"}


def _amount_absent(text: str, evidence: Evidence) -> str | None:
    measure = measure_asked(text)
    if measure is not None and not _states_amount(measure, evidence.clauses):
        if measure and measure not in _GENERIC_MEASURES and not any(squash(measure) in squash(c) for c in evidence.clauses):
            # "贷款有没有贴息？能贴多少": the nearest clauses speak of loans, not of 贴息
            return f"现有政策文件的相关条款没有提到{measure}，也就没有相应的金额、比例或标准。"
        what = f"{measure}的" if measure else ""
        return f"现有政策文件提到了相关支持方向，但没有规定{what}具体金额、比例或标准。"
    return None


# Whether an enterprise of foreign ownership may take part ("外资控股的咨询公司能申请专项资金吗"): the plans speak
# of foreign-funded enterprises where they mean them (引导外资企业来长设立研发中心, 外商投资股权投资企业).
_FOREIGN_OWNER = re.compile(r"(外资|外商|中外合资|港资|台资|港澳台资)(控股|独资|投资)?")
_MAY_ASK = re.compile(r"能不能|能否|可不可以|可以|能[^，,。？?]{0,12}吗|算不算|享受|申请|入驻|欢迎")
_FOREIGN_SAID = re.compile(r"外资|外商|境外|外国")


def _ownership_absent(text: str, evidence: Evidence) -> str | None:
    owner = _FOREIGN_OWNER.search(text)
    if owner and _MAY_ASK.search(text[owner.end():]) and not any(_FOREIGN_SAID.search(c) for c in evidence.clauses):
        return f"现有政策文件在相关条款中没有就{owner.group(0)}企业能否适用作出专门规定。"
    return None


# Whether a service costs its user ("诊断服务是免费的吗", "收不收费", "要不要钱"): the plans fund and build services;
# whether one charges is said only where a clause says so.
_FEE_ASK = re.compile(r"免费(的)?(吗|么|不|没有|？|\?)|是不是免费|是否免费|收不收费|收费(吗|么|标准)|(怎么|如何)收费|收费(是)?多少|"
                      r"要不要(花)?钱|(要|花)钱(吗|么)")
_FEE_SAID = re.compile(r"免费|无偿|收费|费用|公益")


def _fee_absent(text: str, evidence: Evidence) -> str | None:
    if _FEE_ASK.search(text) and not any(_FEE_SAID.search(c) for c in evidence.clauses):
        return "现有政策文件没有规定这项服务是否收费，也没有收费标准。"
    return None


# A charge or deposit asked to be cut or returned ("旅行社的质量保证金能减免或者暂退吗", "押金能不能退", "社保费能不能
# 缓缴"): relief on a payment the plans never name is not in them.
# (rent too, "房租能不能减免"; and the relief asked first, "入驻软件园能不能减免房租", "免收管理费")
_CHARGE = r"(保证金|押金|房租|租金|[\u4e00-\u9fff]费|[\u4e00-\u9fff]税)"
_CHARGE_RELIEF = re.compile(r"(?P<what>[\u4e00-\u9fff]{0,4}?" + _CHARGE + ")" + _STOP +
                            r"{0,6}?(减免|免除|免掉|减半|暂退|退还|返还|退回|缓缴|少交|少缴|免交|免缴|降低|能退|退不退)|"
                            r"(减免|免除|免掉|免收|免交|免缴|减半)(?P<after>[\u4e00-\u9fff]{0,4}?" + _CHARGE + ")|"
                            r"(?<![减豁避])免(?P<rent>房租|租金)")
_NOT_A_CHARGE = re.compile(r"^(什么|哪些|这些|那些|相关|各种|各类|有关|一些|收费|免费|费用|经费|消费|花费|缴费|交费|付费)$")


@functools.cache
def _lexicon() -> Lexicon:
    return load_lexicon()


def _charge_absent(text: str, evidence: Evidence) -> str | None:
    import jieba

    charge = _CHARGE_RELIEF.search(text)
    if not charge:
        return None
    # its name: the words that end in 金/费/税, after what asks or whose it is ("新开旅行社的质量保证金" → 质量保证金,
    # "有没有税费" → 税费), at most two of jieba's words
    asked = charge.group("what") or charge.group("after") or charge.group("rent")
    what = re.sub(r"^.*(的|有没有|能不能|可不可以|是否|能否|有无|还有|或者|和|对|享受|申请|获得|缴纳|交)", "", asked)
    words = jieba.lcut(what)
    name = "".join(words[-2:])
    # the charge itself is its last word (保证金 of 质量保证金, 税费 of "享受税费"): one the plans name, or name in
    # other words (水电费 → 用电、用水、用气与工业同价), is no charge they are silent on
    kin = [squash(t) for _, terms in _lexicon().needs(name) for t in terms]
    texts = (evidence.library,) + evidence.clauses
    if len(words[-1]) < 2 or _NOT_A_CHARGE.match(words[-1]) or \
            any(words[-1] in x or name in x or any(t in x for t in kin) for x in texts):
        return None
    return f"现有政策文件没有提到{name}的减免、缓缴或退还。"


# Rules over the question and the top clauses (each with its parent paragraph's lead as context).
EVIDENCE_RULES = (
    ("procedure", _procedure),
    ("definition", _definition),
    ("outcome", _outcome),  # "2023年…实际是多少": an outcome first, whatever its year
    ("year_absent", _year_absent),
    ("figure_absent", _figure_absent),
    ("period_absent", _period_absent),
    ("quoted_absent", _quoted_absent),
    ("local_level", _local_level),
    ("instrument_absent", _instrument_absent),
    ("subsidy_kind_absent", _subsidy_kind_absent),
    ("count_absent", _count_absent),
    ("amount_absent", _amount_absent),
    ("grant_absent", _grant_absent),  # after amount_absent, whose reason says the same with the amount asked
    ("ownership_absent", _ownership_absent),
    ("fee_absent", _fee_absent),
    ("charge_absent", _charge_absent),
)


def evidence_decline(text: str, evidence: Evidence) -> Decline | None:
    """The first evidence rule that declines, or None when the evidence may answer."""
    return _first(EVIDENCE_RULES, text, evidence)


def silence_reason(text: str, evidence: Evidence) -> str | None:
    decline = evidence_decline(text, evidence)
    return decline.message if decline else None


def _number_key(number: str) -> tuple[str, str, str]:
    """湘政办发〔2024〕31号 → ("湘", "2024", "31"): the issuer's first character, year and serial number."""
    m = _DOC_NUMBER.search(number)
    issuer = m.group("issuer")
    head = next((c for c in issuer if c in "湘长株潭武鄂国"), issuer[-4:-3] or issuer[:1])
    return head, m.group("year"), m.group("n")


def _count_of(text: str) -> int:
    """12 or 十二 or 十 → the number."""
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _CHINESE_DIGITS.get(text[1:], 0)
    if text.endswith("十"):
        return 10 * _CHINESE_DIGITS.get(text[0], 1)
    if "十" in text:
        tens, ones = text.split("十", 1)
        return 10 * _CHINESE_DIGITS.get(tens, 1) + _CHINESE_DIGITS.get(ones, 0)
    return _CHINESE_DIGITS.get(text, 0)


def _in_library(title: str, library: tuple[str, ...]) -> bool:
    """Does a title named in a question refer to a corpus document? Loosely: most of its characters
    appear in one of the corpus titles (people shorten and reorder titles)."""
    chars = [c for c in squash(title) if c.isalnum()]
    if not chars or not library:
        return True
    return any(sum(c in squash(t) for c in chars) >= 0.8 * len(chars) for t in library)


def measure_asked(text: str) -> str | None:
    """The support measure whose amount, rate or standard the question asks for ("" when the question
    asks an amount without naming the measure), or None when it asks no amount of a measure."""
    match = _MEASURE_ASK.search(text)
    if not match:
        return None
    named = match.group("a") or match.group("b")
    if named:
        return named
    other = _MEASURE_WORD.search(text)
    if other:
        return other.group(0)
    if match.group(0)[:2] in ("标准", "金额", "比例", "额度"):
        return None  # "规划里给的比例是多少": a figure of the plan, not of a support measure
    return None if re.search(r"多少亿|多少万", text) else ""  # "增加值达到多少亿元" is a target, not a measure


def _states_amount(measure: str, clauses: tuple[str, ...]) -> bool:
    """Does a clause give an amount or rate within a few characters of the measure?"""
    for clause in clauses:
        text = squash(clause)
        words = [m.start() for m in re.finditer(re.escape(measure) if measure else _MEASURE, text)]
        for value in _VALUE.finditer(text):
            if any(abs(value.start() - w) <= _NEAR + len(measure) or abs(w - value.end()) <= _NEAR for w in words):
                return True
    return False


def _date_missing(text: str, sentences: list[str]) -> str | None:
    if _DATE_ASK.search(text):
        events = [kind for kind in _EVENTS if kind.search(text)]
        reached = bool(_REACH_ASK.search(text))
        if not any(_DATE.search(s) and (not events or any(kind.search(s) for kind in events)
                                        or reached and _TARGET_YEAR.search(s))
                   for s in sentences):
            return "现有政策文件没有给出具体的时间安排。"
    return None


def _operator_missing(text: str, sentences: list[str]) -> str | None:
    if _OPERATOR_ASK.search(text) and not any(_NAMED_ORG.search(s) for s in sentences):
        return "现有政策文件没有写明由哪家机构负责。"
    return None


def _size_missing(text: str, sentences: list[str]) -> str | None:
    if _SIZE_ASK.search(text) and not any(_SIZE.search(s) for s in sentences):
        return "现有政策文件没有给出项目的投资额或面积。"
    return None


def _role_missing(text: str, sentences: list[str]) -> str | None:
    role = _ROLE_ASK.search(text)
    if role and not any((role.group("a") or role.group("b")) in s for s in sentences):
        return f"现有政策文件没有写明{role.group('a') or role.group('b')}由谁担任。"
    return None


def _funding_missing(text: str, sentences: list[str]) -> str | None:
    if _FUNDING_ASK.search(text) and not any(_FUNDING.search(s) for s in sentences):
        return "现有政策文件没有规定这方面的奖励或补贴。"
    return None


_YES_NO = re.compile(r"能不能|可不可以|能否|是否|有没有|行不行|[吗么][？?]?$")


def _measure_missing(text: str, sentences: list[str]) -> str | None:
    """A figure asked of a measure (研发投入强度, 营业收入, 展览面积, 办展场次) needs that measure, in one of its
    names, in the answer: a sentence giving another figure of the same subject does not answer."""
    joined = "".join(sentences)
    missing = []
    for asked, names in _MEASURES:
        found = asked.search(text)
        # the figure is asked of this measure: the rest of its phrase asks for one ("强度……目标是多少"), or the
        # phrase itself does ("办多少场展"), unlike a qualifier ("税收过亿的写字楼有多少栋")
        rest = re.match(r"[^，,。？?；;]*", text[found.end():]).group(0) if found else ""
        if found and (_FIGURE_ASK.search(rest[:12]) or _FIGURE_ASK.search(found.group(0))) and \
                not names.search(joined):
            missing.append((found.start(), "场次" if _FIGURE_ASK.search(found.group(0)) else found.group(0)))
    # every measure asked and missing is named, in the question's order ("办多少场展、展览面积多少")
    names = "”“".join(name for _, name in sorted(missing))
    return f"现有政策文件没有提出“{names}”方面的具体目标或数字。" if missing else None


# A figure asked of a qualified sector ("生产性服务业增加值占GDP比重"): a sentence on the whole sector
# ("服务业增加值……占GDP比重达到50%左右") gives another indicator, not a smaller answer.
_QUALIFIED_SECTOR = re.compile(r"(生产性|生活性|高技术|现代)服务业")


def _sector_missing(text: str, sentences: list[str]) -> str | None:
    joined = squash("".join(sentences))
    for found in _QUALIFIED_SECTOR.finditer(text):
        rest = re.match(r"[^，,。？?；;]*", text[found.end():]).group(0)
        if _FIGURE_ASK.search(rest) and found.group(0) not in joined and "服务业" in joined:
            indicator = re.split(r"到\s*20|在\s*20|要|的?目标|是|达到|多少|为|定", rest)[0]
            return f"现有政策文件在相关条款中没有提出“{found.group(0)}{indicator}”方面的具体目标。"
    return None


_SHARE_ASK = re.compile(r"占(?P<base>[^，,。？?；;的]{2,12}?)(的)?(比重|比例|份额|百分比|占比)")
_GDP = re.compile(r"GDP|gdp|地区生产总值|国内生产总值|生产总值|经济总量")


def _share_base_missing(text: str, sentences: list[str]) -> str | None:
    """A share asked of a base ("占服务业增加值的比重") needs that base in the answer: a sentence giving the share
    of another base ("占GDP比重23%") answers another question."""
    asked = _SHARE_ASK.search(text)
    if not asked:
        return None
    base = re.sub(r"^(到|了)?(全市|全省|本市|我市|我省|全国)?", "", asked.group("base"))
    # the base ends where the asking starts ("占GDP要到多少比例", "占服务业增加值达到多少比重")
    if re.match(r"多|几|什么|哪|啥", base):
        return None  # "占多大比例": no base named
    base = re.split(r"要|需|应|将|达到|达|提高|提升|到|为|是|多|几|什么|啥", base)[0]
    key = _GDP.sub("GDP", squash(base))
    shares = [m.group(0) for m in re.finditer(r"占[^，,。；;]{1,16}", _GDP.sub("GDP", squash("".join(sentences))))]
    # only a share of another base answers another question; a figure in other words ("研发投入强度") may not
    if not shares or any(holds_loosely(key, share) for share in shares):
        return None
    return f"现有政策文件在相关条款中没有提出占{base}比重方面的目标。"


# A figure of the present or of when the plan was issued ("出台时已经有多少家"), not its target.
_BASELINE_ASK = re.compile(r"(已经|目前|现在|现有|当时|出台时|印发时|发布时)" + _STOP + r"{0,8}?(有|是|达到|共有)?(多少|(?<!哪)几)|"
                           # "有多少家被认定为高新技术企业了": how many so far
                           r"(多少|(?<!哪)几)" + _STOP + r"{0,14}?了(吗|呢)?[？?]?$")
_BASELINE = re.compile(r"已(经)?(有|达|建成|形成|拥有|集聚|培育)|现有|累计|截至|目前|(19|20)(0\d|1\d|20)\s*年")


# What was set then, not what there was: "当时定的目标是多少" asks the target.
_SET_THEN = re.compile(r"目标|定的|定了|提出|设定|预期|力争|要达到|要求")


def _baseline_missing(text: str, sentences: list[str]) -> str | None:
    asked = any(not _SET_THEN.search(m.group()) for m in _BASELINE_ASK.finditer(text))
    if asked and not any(_BASELINE.search(s) and re.search(r"\d", s) for s in sentences):
        return "现有政策文件只提出了目标，相关条款没有给出当时已有的实际数字。"
    return None


def _indefinite(text: str, end: int) -> bool:
    """Is the 几 whose measure word ends at `end` "several" rather than "how many"? It counts a noun that follows
    ("几家店", "几个律师") in a statement: its clause ends without a question mark or question particle."""
    if not re.match(r"[\u4e00-\u9fff]", text[end:end + 1]):
        return False  # "目标几家？", "几家，": asked
    stop = re.search(r"[，,；;。？?！!]|$", text[end:])
    if not stop.group():
        return False  # the message's last words, typed without a mark ("长沙要建几个集聚区")
    return not re.search(r"[？?吗呢么]", text[end:end + stop.end()])


def _count_missing(text: str, sentences: list[str]) -> str | None:
    how_many = _HOW_MANY.search(text)
    if how_many and text[how_many.start() - 1:how_many.start()] == "有" and _YES_NO.search(text):
        how_many = None  # "我们有几个专利，能贷款吗": an indefinite 几 in a yes/no question asks no count
    if how_many and how_many.group(1) == "几" and _indefinite(text, how_many.end()):
        how_many = None  # "把几家店做成一个牌子；": several of a noun, in a statement
    if how_many:
        number = next(n for unit, n in _NUMBER_OF if unit.search(how_many.group("unit")))
        if not any(number.search(s) for s in sentences):
            return f"现有政策文件没有给出“{how_many.group(0)}”这一具体数字。"
    return None


def _person_missing(text: str, sentences: list[str]) -> str | None:
    """Plans name the post that holds a role (常务副市长), not the person: a name asked needs one in the answer.
    The reason says which: the answer names a post, or names neither post nor person (only a department)."""
    if _PERSON_ASK.search(text) and not any(_NAMED_PERSON.search(s) for s in sentences):
        post = next((m.group(0) for s in sentences for m in _POST.finditer(s) if m.group(0) not in ("召集人", "组长")),
                    None)
        if post:
            return f"现有政策文件只写明由{post}担任，没有写具体人员的姓名。"
        if any(_POST.search(s) for s in sentences):
            return "现有政策文件只写明由哪一职务担任，没有写具体人员的姓名。"
        return "现有政策文件没有写明由哪位领导分管或担任，也没有具体人员的姓名；相关条款只写明了负责的部门。"
    return None


def _name_missing(text: str, sentences: list[str]) -> str | None:
    if _THING_NAME_ASK.search(text) and not any(_PROPER_NAME.search(s) for s in sentences):
        return "现有政策文件没有写明它的具体名称。"
    return None


def items_asked(text: str) -> int:
    """How many items of a counted set a question asks to be named ("“两副”是哪两个市" → 2); 0 for none."""
    match = _ITEMS_ASK.search(text)
    return _count_of(match.group("n")) if match else 0


def _items_missing(text: str, sentences: list[str]) -> str | None:
    """"具体是哪十个": the N items of a counted set need a list of about N in the answer, not the count alone: one
    sentence listing them, or N sentences of one form, as a section sets out its items ("打造岳阳……。打造衡阳……。",
    or a part's section headings)."""
    match = _ITEMS_ASK.search(text)
    if not match:
        return None
    n = _count_of(match.group("n"))
    # sentences of one form: the same opening ("打造岳阳……", "打造衡阳……") or ending ("（一）供给侧结构优化工程",
    # "（二）服务质量提升工程")
    forms = [s[:2] for s in sentences] + [s.rstrip("。；;")[-2:] for s in sentences]
    if n >= 2 and not any(s.count("、") >= n - 1 for s in sentences) and \
            not any(forms.count(f) >= n for f in forms):
        return f"现有政策文件只提出了数量，没有逐一列出是哪{match.group('n')}{match.group('unit')}。"
    return None


def _names_missing(text: str, sentences: list[str]) -> str | None:
    """The firms of a list asked by name ("入选名单有哪些企业"); getting onto a list is no names asked ("能不能先进个
    什么上市后备名单": the plan's 上市后备企业培育库 answers it), nor is whether one is kept ("听说市里会把诚信好的
    企业推荐给银行，有没有这种名单": 融资需求白名单)."""
    if _LIST_JOINED.search(text) or _LIST_HELD.search(text):
        return None
    if _ORG_LIST_ASK.search(text) and not any(_ORG.search(s) for s in sentences):
        return "现有政策文件没有列出具体的企业名单。"
    return None


def _year_unanswered(text: str, sentences: list[str]) -> str | None:
    """A year the question names (a baseline "2020年的基数") must be in the answer, not only nearby."""
    joined = squash("".join(sentences))
    year = next((y for y in _YEAR.findall(text) if y not in joined), None)
    return f"现有政策文件在相关条款中没有给出{year}年的具体数字。" if year else None


# Rules over the question and the sentences chosen to answer it: what was asked must be in them.
ANSWER_RULES = (
    ("year_unanswered", _year_unanswered),
    ("person_missing", _person_missing),
    ("name_missing", _name_missing),
    ("measure_missing", _measure_missing),
    ("share_base_missing", _share_base_missing),
    ("baseline_missing", _baseline_missing),
    ("sector_missing", _sector_missing),
    ("items_missing", _items_missing),
    ("date_missing", _date_missing),
    ("operator_missing", _operator_missing),
    ("size_missing", _size_missing),
    ("role_missing", _role_missing),
    ("funding_missing", _funding_missing),
    ("count_missing", _count_missing),
    ("names_missing", _names_missing),
)


def answer_decline(text: str, sentences: list[str]) -> Decline | None:
    """The first answer rule that declines: the chosen sentences lack what was asked."""
    return _first(ANSWER_RULES, text, sentences)


def unanswered_by(text: str, sentences: list[str]) -> str | None:
    decline = answer_decline(text, sentences)
    return decline.message if decline else None


_TARGET_ASK = re.compile(r"多少|几成|目标|比重|占比|比例")
_PHRASE_MIN = 6
_GAP = r"[^，,。；;：:、]{0,2}"  # what may stand between two characters of a phrase found loosely
_LOOSE_SHARE = 0.8  # the share of a phrase's characters, in one run, that a document must hold
_DOC_WORD = re.compile(r"计划|规划|方案|意见|通知|文件")  # a phrase naming a document, not an indicator


class PhraseIndex:
    """Which documents contain a phrase of a question. Catches a target asked of a document that does
    not set it while another one does ("武汉…社会物流总费用占GDP的比重要降到多少": only the 湖南 plans set it)."""

    def __init__(self, texts: dict[str, str]):
        self.texts = {doc_id: squash(text) for doc_id, text in texts.items()}
        self.grams = {t[i:i + _PHRASE_MIN] for t in self.texts.values() for i in range(len(t) - _PHRASE_MIN + 1)}

    def loosely_in(self, phrase: str, doc_id: str) -> bool:
        """Does the document hold most of the phrase, allowing a short modifier between its characters?
        Wording varies ("占服务业增加值" / "占全市服务业增加值"; "社会物流总费用占GDP比重" / "物流总费用占GDP比重"),
        while a changed word ("占服务业增加值" / "占GDP") still differs."""
        return holds_loosely(phrase, self.texts.get(doc_id, ""))

    def phrases(self, text: str) -> list[str]:
        """The longest runs of the question (letters only, at least _PHRASE_MIN long) that one document
        contains, left to right. A run is never stitched from the windows of different documents."""
        text = squash(text)
        found, start = [], 0
        while start <= len(text) - _PHRASE_MIN:
            end = start + _PHRASE_MIN
            if text[start:end] not in self.grams or not all(_is_letter(c) for c in text[start:end]):
                start += 1
                continue
            while end < len(text) and _is_letter(text[end]) and \
                    any(text[start:end + 1] in t for t in self.texts.values()):
                end += 1
            if any(text[start:end] in t for t in self.texts.values()):
                found.append(text[start:end])
                start = end
            else:
                start += 1
        return found

    def target_elsewhere(self, text: str, docs: set[str]) -> str | None:
        """For a target question about the given documents: a phrase of it that only other documents
        contain, or None."""
        if not docs or not _TARGET_ASK.search(text):
            return None
        return next((p for p in self.phrases(text) if not _DOC_WORD.search(p)
                     and not any(self.loosely_in(p, d) for d in docs if d in self.texts)
                     and any(self._with_figure(p, t) for d, t in self.texts.items() if d not in docs)), None)

    @staticmethod
    def _with_figure(phrase: str, text: str) -> bool:
        """Does the phrase stand next to a figure somewhere in the text (an indicator with a target)?"""
        return any(re.search(r"\d", text[m.end():m.end() + 20]) for m in re.finditer(re.escape(phrase), text))


def holds_loosely(phrase: str, text: str) -> bool:
    """Does a squashed text hold most of the phrase (PhraseIndex.loosely_in)?"""
    shortest = math.ceil(_LOOSE_SHARE * len(phrase))
    return any(re.search(_GAP.join(re.escape(c) for c in phrase[i:i + n]), text)
               for n in range(len(phrase), shortest - 1, -1) for i in range(len(phrase) - n + 1))


def _is_letter(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c.isalpha()
