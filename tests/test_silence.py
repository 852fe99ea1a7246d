"""Deciding that the documents are silent: asked-for specifics against real clauses, and uncovered places."""
from __future__ import annotations

import pytest

from assistant.places import load_places
from assistant.silence import (Evidence, PhraseIndex, answer_decline, is_procedure, measure_asked, question_decline,
                               question_reason, silence_reason, unanswered_by)
from corpus.parse import load_corpus
from corpus.regions import load_regions


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def library(corpus):
    return tuple(d.title for d in corpus.documents)


def evidence(corpus, library, *clause_ids):
    clauses = [corpus.clause(cid) for cid in clause_ids]
    assert all(clauses), clause_ids
    return Evidence(tuple(c.text for c in clauses), tuple(corpus.document(c.doc_id).title for c in clauses))


@pytest.fixture(scope="module")
def covered():
    return {alias for region in load_regions().regions for alias in region.names}


@pytest.mark.parametrize("question", [
    "人才绿卡怎么办理？",
    "申报需要提交哪些资料？",
    "去哪儿申请这个补贴？",
    "在哪个网站上报？",
    "大概多久能批下来？",
    "联席会议办公室电话多少？",
    "申请的条件是什么？",
    "企业要满足什么条件才能申报？",
    "要走什么程序？",
    "武汉算力券怎么申领？",
    "规上企业的门槛是多少？",
    "培养补贴到哪个部门申请？",  # where to apply: no plan names an office taking applications
    "升规奖励在哪个网站申报，有联系电话吗？",  # a contact asked in a piece that asks
    "长沙物流补贴的联系电话",  # ... or in the piece that ends the message
])
def test_procedure_questions_are_recognised(question):
    assert is_procedure(question)


@pytest.mark.parametrize("question", [
    "引进的高层次人才能享受长沙的人才政策吗？",  # 人才 + 能享受, not 才能
    "能用网店地址登记个体工商户吗？",  # an address mentioned, not asked for
    "株洲对新升规企业有奖励吗？",
    "由哪个部门负责？",
    "哪个部门牵头推进服务业企业升规？",
    "专利商标这块有没有政府设的专门窗口帮我们梳理？",  # a service that exists, not a counter's address
    "今年营业额估计能跨过规模以上的门槛，新上规的企业市里怎么支持？",  # a threshold told, not asked
    "我们做外贸网站本地化，服务业企业升规有支持吗？该找哪个部门？",  # a website told as the asker's business
])
def test_ordinary_questions_are_not_procedures(question):
    assert not is_procedure(question)


@pytest.mark.parametrize("question, measure", [
    ("落户能拿到多少房租补贴？", "房租"),
    ("贷款利率是多少？", "利率"),
    ("每年安排多少亿元引导资金？", "资金"),
    ("奖励标准是多少？", "奖励"),
    ("贴息比例是多少？", "贴息"),
    ("能拿多少钱？", ""),
    ("服务业增加值要达到多少亿元？", None),  # a target, not the amount of a measure
    ("有哪些支持？", None),
])
def test_the_measure_whose_amount_is_asked(question, measure):
    assert measure_asked(question) == measure


def test_an_amount_must_stand_next_to_the_asked_measure(corpus, library):
    # hunan-2021/6.1 names 资金 and 100亿元 in one sentence, but the amount is a revenue target.
    ev = evidence(corpus, library, "hunan-2021/6.1")
    assert "资金" in ev.clauses[0] and "100亿元" in ev.clauses[0]
    assert silence_reason("湖南省每年安排多少亿元服务业引导资金？", ev) is not None
    stated = Evidence(("对新认定的企业给予50万元一次性奖励。",), ("某市实施方案",))
    assert silence_reason("新认定的企业奖励多少钱？", stated) is None


def test_a_target_stated_in_the_clause_is_not_declined(corpus, library):
    ev = evidence(corpus, library, "changsha-2023/1.1")
    assert silence_reason("长沙生产性服务业增加值占服务业比重到2025年要达到多少？", ev) is None


def test_years_periods_and_figures_absent_from_the_evidence(corpus, library):
    ev = evidence(corpus, library, "changsha-2023/1.1")
    assert "2030" in silence_reason("长沙到2030年生产性服务业比重目标是多少？", ev)
    assert "十五五" in silence_reason("长沙“十五五”期间生产性服务业比重目标是多少？", ev)
    hunan = evidence(corpus, library, "hunan-2021/2.3.b1")
    assert "十四五" not in hunan.clauses[0]  # the period is in the title, which counts as evidence
    assert silence_reason("湖南“十四五”服务业增加值比重目标是多少？", hunan) is None
    # a period is covered by one of its years too: "十三五末" is 2020 ("由2015年的73家增加至2020年的284家")
    xiangtan = evidence(corpus, library, "xiangtan-2021/1.1.3")
    assert silence_reason("湘潭十三五末规上服务业企业有多少家？", xiangtan) is None
    assert "十五五" in silence_reason("湘潭十五五期间规上服务业企业目标多少家？", xiangtan)


def test_a_count_target_needs_a_count(corpus, library):
    ev = evidence(corpus, library, "changsha-2023/1.2")
    assert silence_reason("长沙要培育多少家生产性服务业头部企业？", ev) is None
    assert silence_reason("长沙要建设多少座物流园？", ev) is not None


def test_names_outside_the_corpus(corpus, library):
    ev = evidence(corpus, library, "zhuzhou-2025/p1")
    assert "动力谷服务贷" in silence_reason("株洲“动力谷服务贷”的额度是多少？", ev)
    assert question_reason("《湖南省“两业融合共进”行动方案(2024-2027年)》的目标是多少家？", library) is not None
    # a library document named loosely, the level and time it is placed by included ("省里的", "今年那个")
    for question in ("省里的十四五服务业发展规划是哪天印发的，文号多少？", "株洲今年那个生产性服务业三年行动，文号多少？"):
        assert question_reason(question, library) is None, question
    assert question_reason("市里的会展业发展三年行动计划文号是多少？", library) is not None


def test_district_level_policies_are_declined(corpus, library):
    ev = evidence(corpus, library, "xiangtan-2021/5.4")
    assert "区县" in silence_reason("岳塘区有没有区级的开业补贴？", ev)


def test_when_questions_need_a_date_in_the_answer():
    assert unanswered_by("物流园什么时候建成？", ["加快建设物流园。"]) is not None
    assert unanswered_by("物流园什么时候建成？", ["物流园2024年建成投用。"]) is None
    assert unanswered_by("铁路专线由哪家公司负责运营？", ["推进铁路专线市场化运营。"]) is not None


def test_names_of_a_list_are_asked_but_getting_onto_one_is_not():
    assert unanswered_by("上市后备名单里有哪些企业？", ["支持生产性服务业企业纳入上市后备企业培育库。"]) is not None
    assert unanswered_by("公司有上市的打算，能不能先进个什么上市后备名单？",
                         ["支持生产性服务业企业纳入上市后备企业培育库。"]) is None
    # the list named at length ("市里的上市后备企业名单") is still a list to get onto
    assert unanswered_by("我们以后也想试试上市，能不能进市里的上市后备企业名单？",
                         ["支持生产性服务业企业纳入上市后备企业培育库。"]) is None


def test_a_target_year_answers_when_a_target_is_reached():
    assert unanswered_by("技术合同成交额占比目标哪年实现？", ["力争到2025年，技术合同成交额占GDP比重达6%以上。"]) is None
    assert unanswered_by("物流园哪年建成？", ["到2025年，物流总费用占GDP比重降至13%。"]) is not None


def test_how_a_threshold_is_drawn_is_a_definition():
    plan = Evidence(("到2027年，全市规模以上会计师事务所达到24家。",), ("某市实施方案",))
    assert "统计口径" in silence_reason("这里的“规模以上”是按业务收入多少来划的？", plan)
    procedure = silence_reason("按省里的规划需要办什么手续？", plan) or ""
    assert "统计口径" not in procedure  # 规划 is not 划
    # a threshold or the conditions of a designation, in other words
    for question in ("会计师事务所营业收入达到多少才算规模以上？", "高新技术企业认定对研发费用占比的要求是多少？"):
        assert "认定标准" in (silence_reason(question, plan) or ""), question
    assert silence_reason("到2027年规模以上会计师事务所要达到多少家？", plan) is None
    # whether a business is in a policy's scope is a support question, answered by the clause that includes it
    scope = Evidence(("将生产性服务业企业纳入市“人才政策45条”支持范围，对符合标准的高层次人才发放“人才绿卡”。",), ("某市行动计划",))
    assert silence_reason("我们是服务业公司不是工厂，算不算在人才政策里？", scope) is None
    assert silence_reason("我们是服务业公司，算不算规模以上企业？", scope) is not None
    # ... and so is whether a trade is among the plan's fields ("律所算不算在里面"), unlike how a figure is counted
    assert silence_reason("看新闻说市里在推生产性服务业，律所算不算在里面？", plan) is None
    assert silence_reason("做设备维修的，算不算生产性服务业？", plan) is None
    assert "统计口径" in (silence_reason("研发费用算不算服务业增加值？", plan) or "")


def test_a_figure_of_when_the_plan_was_issued_is_not_its_target():
    target = ["争取2027年全市上市企业达到16家。"]
    assert "实际数字" in unanswered_by("行动计划出台时全市已经有多少家上市企业？", target)
    assert unanswered_by("目前已经有多少家上市企业？", ["全市已有上市企业12家，争取2027年达到16家。"]) is None
    assert unanswered_by("2027年上市企业要达到多少家？", target) is None


def test_a_share_of_another_base_does_not_answer():
    asked = "生产性服务业增加值占服务业增加值的比重定了多少目标？"
    assert "占服务业增加值比重" in unanswered_by(asked, ["生产性服务业增加值占GDP比重23%左右。"])
    assert unanswered_by(asked, ["生产性服务业增加值占全市服务业增加值比重达65%以上。"]) is None
    assert unanswered_by("服务业增加值占地区生产总值比重目标是多少", ["服务业增加值占GDP比重的53%左右。"]) is None
    # the base ends where the asking starts: "占GDP要到多少比例" asks the share of GDP
    assert unanswered_by("到2025年服务业占全省GDP要到多少比例？", ["到2025年，服务业增加值年均增长6.5%以上，占GDP比重的53%左右。"]) is None
    assert "占服务业增加值" in unanswered_by("生产性服务业占服务业增加值达到多少比重？", ["生产性服务业增加值占GDP比重23%左右。"])
    # a figure in other words, with no share stated, is left to the other checks
    assert unanswered_by("研发投入占GDP的比重到2027年提高到多少？", ["到2027年，研发投入强度达到2.8%。"]) is None


@pytest.mark.parametrize("question, kind", [
    ("有没有展位费补贴？", "展位费"),  # jieba cuts 展位/费
    ("入驻的企业有房租补贴吗", "房租"),
    ("做跨境电商的，方案里有没有海外仓补贴？", "海外仓"),  # 海外/仓
    ("物流园区有没有充电桩补贴", "充电桩"),  # 充电/桩
    ("开茶馆的想换一批桌椅，政府给不给装修补贴？", "装修"),  # asked "给不给"
])
def test_a_subsidy_kind_named_is_one_word(question, kind):
    ev = Evidence(("支持企业参加展会，鼓励发展会展经济。",), ("某市行动计划",))
    assert f"没有提到{kind}方面" in silence_reason(question, ev)


def test_every_subsidy_kind_asked_as_an_alternative_is_said_absent():
    ev = Evidence(("支持企业参加展会，鼓励发展会展经济。",), ("某市行动计划",))
    reason = silence_reason("做劳务派遣的公司，能不能申请稳岗补贴，或者仓库租金减免？", ev)
    assert "稳岗补贴、租金减免" in reason
    # one the clauses grant is not said absent
    held = Evidence(("对符合条件的企业给予租金减免。",), ("某市行动计划",))
    assert "租金" not in silence_reason("能不能申请稳岗补贴，或者仓库租金减免？", held)


def test_a_grant_asked_for_firms_of_a_trade_needs_a_sentence_granting_that_trade():
    # the firms are who gets it, not its kind: not "没有提到企业方面的补贴"
    ev = Evidence(("支持有实力的会展经济企业实施兼并重组。", "对新增上规入库的服务业企业，在专项资金中给予支持。"),
                  ("某市行动计划",))
    assert "专门针对会展企业" in silence_reason("市里有没有会展企业奖励？", ev)
    assert "企业方面" not in (silence_reason("市里有没有会展企业奖励？", ev) or "")
    assert silence_reason("有没有上规企业奖励？", ev) is None  # 上规 and a grant in one sentence


def test_a_grant_whose_name_is_its_kind_is_absent_unless_its_documents_hold_it():
    # "贴息" is the kind itself; asked yes or no it is declined when neither the top clauses nor their documents
    # hold it, and answered when the document does elsewhere ("前期费用奖励+融资贴息" of another clause)
    silent = Evidence(("推动知识产权质押融资年均增长40%以上。",), ("某市实施方案",), ("推动知识产权质押融资年均增长40%以上。",))
    assert "没有提到贴息方面的支持" in silence_reason("办知识产权质押贷款，政府给不给贴息？", silent)
    held = Evidence(silent.clauses, silent.titles, ("构建“前期费用奖励+融资贴息+能力培养”的政策支持体系。",))
    assert "贴息" not in (silence_reason("去国外设研发中心，有没有贴息？", held) or "")


@pytest.mark.parametrize("question", ["长沙对工业设计有什么支持 具体能补贴多少钱？", "新升规企业有没有奖励？",
                                      "认定后有没有一次性奖励？", "这种情况省里会给补贴吗？",
                                      "房租水电压力挺大，政府有没有补贴或者减免？"])  # 或者 names no kind
def test_no_subsidy_kind_is_read_from_words_that_ask(question):
    ev = Evidence(("支持企业参加展会，鼓励发展会展经济。",), ("某市行动计划",))
    reason = silence_reason(question, ev) or ""
    assert "方面的补贴或奖励" not in reason


@pytest.mark.parametrize("text, outside", [
    ("佛山市对工业设计企业有哪些补贴？", ["佛山市"]),
    ("昆山市的生产性服务业目标", ["昆山市"]),
    ("岳阳有哪些物流规划", ["岳阳"]),
    ("武汉和成都比哪个力度大", ["成都"]),
    ("我们想在湖南郊区办农庄", []),  # not 南郊区
    ("我们在东西湖区做物流", []),  # a district of 武汉, not 杭州's 西湖区
    ("广东省里对物流有什么支持", ["广东省"]),  # 省里 (湖南's level word) starts inside 广东省, not before it
    ("湘潭县的家庭农场", []),
    ("岳麓区的软件企业", []),
    ("沿着中山大道发展什么行业", []),
    ("我们是衡阳的软件公司，衡阳市的计划里有啥补贴？", ["衡阳"]),  # one place named twice, told once
])
def test_places_outside_the_corpus(covered, text, outside):
    assert [p.name for p in load_places().outside(text, covered)] == outside


def test_outcomes_after_the_plan_are_not_in_it(corpus, library):
    ev = evidence(corpus, library, "xiangtan-2021/2.4.1")
    assert "实际完成" in silence_reason("湘潭2025年服务业增加值最终完成了多少？目标达成没有？", ev)
    assert silence_reason("湖南对各市州服务业规划落实情况的评估结果怎么用？", ev) is None
    for question in ("湘潭服务业企业实际有多少家？", "湘潭服务业增加值超过1500亿了吗？",  # an actual figure
                     "湘潭2025年服务业增加值最后到1500亿了没有", "湘潭服务业增加值2025年达到1500亿没有？",
                     "湘潭服务业增加值最后达到多少", "规划已经收官了，2025年服务业增加值最后到1500亿没有"):
        assert "实际完成" in silence_reason(question, ev), question
    assert silence_reason("湘潭到2025年服务业增加值要超过多少亿？", ev) is None  # a target
    assert silence_reason("湘潭到2025年了服务业增加值要到多少？", ev) is None
    assert silence_reason("湘潭服务业增加值是要达到1500亿吗？", ev) is None  # the target, checked


def test_conditions_decline_only_when_the_clauses_state_none(corpus, library):
    question = "长沙园区里的工业用地，能不能拿来盖公司总部？要满足什么条件？"
    stated = evidence(corpus, library, "changsha-2023/4.3")  # "在不改变用途的前提下，可以允许……"
    assert "前提下" in stated.clauses[0] and silence_reason(question, stated) is None
    silent = Evidence(("支持总部经济发展。",), ("某市实施方案",))
    assert silence_reason(question, silent) is not None
    assert silence_reason("申请这项补贴要走什么程序？", stated) is not None  # a procedure, whatever the clause


def test_persons_and_the_members_of_a_counted_set_are_not_in_the_plans():
    role = ["建立由市人民政府常务副市长担任召集人，市发展改革委主要负责同志为成员的工作推进机制。"]
    assert unanswered_by("推进机制的召集人是哪位常务副市长？", role) is not None
    assert unanswered_by("推进机制的召集人由谁担任？", role) is None  # the post answers that
    assert unanswered_by("推进机制的召集人是哪位常务副市长？", role).startswith("现有政策文件只写明由常务副市长担任")
    departments = ["市发改委统筹抓好方案落地实施，各行业主管部门牵头负责本行业领域重点工作。"]
    reason = unanswered_by("这个方案是哪位副市长分管的？", departments)
    assert reason and "没有写明由哪位领导分管" in reason  # no post is named either: not "只写明由……担任"
    count = ["打造生产性服务业“十大优秀平台”，对科技资源共享服务平台、工业互联网平台、公共技术平台等给予支持。"]
    assert "哪十个" in unanswered_by("“十大优秀平台”具体是哪十个？", count)
    listed = ["加快发展现代物流、商务服务、科技服务三大主导服务产业。"]
    assert unanswered_by("三大主导服务产业具体是哪三个？", listed) is None


def test_metadata_of_a_document_the_plans_only_mention(library):
    numbers = library + ("株政办发〔2025〕3号",)
    reason = question_reason("请问株洲会展业发展三年行动计划的文号是多少？", numbers)
    assert reason and reason.startswith("“株洲会展业发展三年行动计划”不在本库")
    for own in ("株洲三年行动计划的文号是多少", "武汉这个生产性服务业实施方案的文号", "湖南十四五服务业规划的文号和印发日期",
                "长沙生产性服务业三年行动计划是哪个单位印发的"):
        assert question_reason(own, numbers) is None, own


def test_a_figure_asked_of_a_measure_needs_that_measure_in_the_answer():
    growth = ["力争到2025年，研发经费投入年均增速高于12%，技术合同成交额占GDP比重达6%以上。"]
    assert "强度" in unanswered_by("长沙研发经费投入强度到2025年定的目标是多少？", growth)
    assert unanswered_by("研发经费投入年均增速目标是多少？", growth) is None
    assert unanswered_by("株洲会展到2027年的展览总面积目标是多少？", ["打造具有株洲辨识度的国际品牌展会。"]) is not None
    # a measure that only qualifies what is counted is not the asked figure
    assert unanswered_by("长沙打算新增多少栋一年税收过亿的写字楼？", ["新增亿元楼宇10栋。"]) is None


def test_a_white_list_is_a_measure_not_a_list_of_names():
    sentences = ["对诚信状况良好的生产性服务业企业优先纳入融资需求白名单，并及时向金融机构推介。"]
    assert unanswered_by("株洲的生产性服务业企业怎么才能优先进入融资需求白名单？", sentences) is None
    assert unanswered_by("入选示范企业的名单是什么？", sentences) is not None


def test_criteria_and_lists_of_names():
    assert is_procedure("评上五星级楼宇需要满足哪些具体指标？")
    assert unanswered_by("入围500强的19家企业分别是哪几家？", ["19家企业入围“中国服务业企业500强”。"]) is not None
    assert unanswered_by("重点支持哪家企业股改上市？", ["支持湘潭某某股份有限公司股改上市。"]) is None


def test_how_many_questions_need_that_kind_of_number_in_the_answer():
    assert unanswered_by("接待游客能到多少人次？", ["全市接待国内外旅游人数突破1亿人次。"]) is None
    assert unanswered_by("要办多少个产业学院？", ["到2027年建成20家产业学院。"]) is None  # 个 and 家 both count things
    assert unanswered_by("检测机构要达到多少家？", ["加快培育检验检测认证机构。"]) is not None
    assert unanswered_by("我们开了几家店，政府鼓励吗？", ["鼓励连锁经营。"]) is None  # a statement, not a question


@pytest.mark.parametrize("question", [
    "物流公司总部放长沙还是株洲，哪边政策更划算？",
    "做AI创业，武汉和长沙哪个城市更合适？",
    "这个计划到期后会不会延续？",
    "武汉光谷算法工程师月薪一般多少？",
    "湘政办发〔2024〕31号文件里全省试点单位目标是多少家？",
    "《湖南省制造业高质量发展规划》提出了什么目标？",
    "湘潭的物流费用目标为什么定得比长沙高？是出于什么考虑？",  # the reason for a target
    "长沙现在的地价大概多少？",
])
def test_judgements_forecasts_and_other_documents(library, question):
    numbers = library + ("株政办发〔2025〕3号", "湘政办发〔2021〕40号")
    assert question_reason(question, numbers) is not None


def test_market_facts_are_declined_when_asked_not_when_told(library):
    for asked in ("武汉光谷算法工程师月薪一般多少？", "我想了解长沙写字楼的租金水平。", "长沙现在的地价大概多少？"):
        assert question_decline(asked, library).rule == "market"
        assert "市场行情" in question_reason(asked, library)
    # the asker's trouble told before the question is not what it asks
    told = "湘潭做物流的小公司，车队二十多辆，运费压得很低。想上一套智能调度系统，有没有支持？"
    assert question_decline(told, library) is None


@pytest.mark.parametrize("question", [
    "长沙和株洲对物流费用分别定了什么目标？",
    "株政办发〔2025〕3号的有效期是多久？",
    "株洲这份计划是依据湘政办发〔2024〕31号制定的吗？",  # asking which document it cites
    "《株洲市生产性服务业三年行动计划》提出的上云目标是多少？",
    "省里的规划对养老机构在用地价格上有什么说法？",  # a price policy, not the market's land price
])
def test_ordinary_questions_pass_the_question_checks(library, question):
    numbers = library + ("株政办发〔2025〕3号", "湘政办发〔2021〕40号")
    assert question_reason(question, numbers) is None


def test_a_ratio_of_the_plan_is_not_the_ratio_of_a_measure():
    assert measure_asked("规划里给的信息化比例是多少？") is None
    assert measure_asked("研发费用加计扣除比例是多少？") == "扣除"


def test_who_holds_a_role_needs_that_role_in_the_answer():
    assert unanswered_by("领导小组组长是谁？", ["建立服务业发展领导小组。"]) is not None
    assert unanswered_by("推进机制由谁担任召集人？", ["由市人民政府常务副市长担任召集人。"]) is None


def test_a_target_only_other_documents_set(corpus):
    phrases = PhraseIndex({d.doc_id: "".join(c.text for c in corpus.clauses_of(d.doc_id)) for d in corpus.documents})
    assert phrases.target_elsewhere("，到2027年社会物流总费用占GDP的比重要降到多少？", {"wuhan-2024"}) is not None
    assert phrases.target_elsewhere("，社会物流总费用占GDP比重的目标是多少？", {"changsha-2023", "hunan-2021"}) is None
    assert phrases.target_elsewhere("，社会物流总费用怎么降下来？", {"wuhan-2024"}) is None  # no target asked


def test_progress_sizes_and_caps():
    ev = Evidence(("重点支持韶山旅发集团等企业股改上市。",), ("湘潭市“十四五”服务业发展规划",))
    assert silence_reason("韶山旅发集团后来进展如何，是否已经上市？", ev) is not None
    assert unanswered_by("会展中心总投资多少？", ["推动会展中心建设。"]) is not None
    assert measure_asked("前期费用奖励按多大比例给，封顶多少？") == "奖励"
    assert question_reason("株洲依据的湘政办发〔2024〕31号文对试点单位提了什么数量要求？", ("株政办发〔2025〕3号",))


def test_a_figure_of_a_qualified_sector_is_not_answered_by_the_whole_sectors():
    whole = ["力争到2025年，实现服务业增加值1500亿元，年均增长7.5%，占GDP比重达到50%左右；"]
    reason = answer_decline("湘潭生产性服务业增加值占GDP比重到2025年要多少？", whole)
    assert reason.rule == "sector_missing" and "“生产性服务业增加值占GDP比重”" in reason.message
    own = ["力争到2025年，生产性服务业增加值占全市服务业增加值比重达65%以上。"]
    assert answer_decline("长沙生产性服务业增加值占服务业比重要达到多少？", own) is None
    assert answer_decline("生产性服务业企业有哪些支持？", whole) is None  # no figure asked


def test_foreign_ownership_asked_needs_clauses_that_speak_of_it(corpus, library):
    fund = evidence(corpus, library, "changsha-2023/4.2")
    reason = silence_reason("外资独资的设计公司可以申请这些专项资金吗？", fund) or ""
    assert "外资独资企业能否适用" in reason
    # a clause on foreign-funded enterprises speaks to it; a question not asking whether they may is left alone
    opening = evidence(corpus, library, "changsha-2023/3.6")
    assert silence_reason("外资企业来长沙设研发中心，政策上欢迎吗？", opening) is None
    assert "能否适用" not in (silence_reason("外资企业数量有多少？", fund) or "")


def test_a_voucher_or_card_no_clause_names_is_said_to_be_absent():
    clauses = Evidence(("加快“万兆城市”建设，推广应用武汉算力公共服务平台，开展算力服务供需对接活动。",), ("武汉实施方案",))
    assert "没有提到算力券" in silence_reason("武汉现在发不发算力券？企业买算力能补贴多少？", clauses)
    # a card the clause names is no absence, nor one the asker only tells of
    card = Evidence(("对符合标准的高层次人才发放“人才绿卡”，给予子女入学、人才安居等配套服务。",), ("长沙行动计划",))
    assert silence_reason("长沙对高层次人才发人才绿卡吗", card) is None
    assert silence_reason("训练模型算力不够，自己买显卡又太贵了。武汉有没有公共的算力平台可以用？", clauses) is None
    assert silence_reason("引进的高层次人才能享受人才政策吗？有没有什么卡或配套服务？", card) is None  # no card named


def test_every_measure_asked_and_missing_is_named_in_the_questions_order():
    reason = unanswered_by("株洲会展服务有没有具体指标，比如办多少场展、展览面积多少？",
                           ["坚持以展促产、以产兴展、产展一体，制定实施会展业发展三年行动计划。"])
    assert reason == "现有政策文件没有提出“场次”“展览面积”方面的具体目标或数字。"
    assert unanswered_by("武汉要办多少场展？", ["到2027年，举办展会节事活动1000余场。"]) is None


def test_a_successor_plan_asked_by_what_it_is(library):
    assert "没有新一轮" in question_reason("长沙三年行动计划到期了，接着出的新一轮计划是什么？新目标多少？", library)
    assert question_reason("新一轮科技革命下，长沙对研发服务有什么支持？", library) is None


@pytest.mark.parametrize("text, declined", [
    ("想把手上的几家店做成一个牌子；政府有什么引导？", False),  # several stores, told
    ("我们所里有几个律师在做知识产权，能享受什么？", False),
    ("株洲规上企业的目标是几家？", True),  # asked, with a mark
    ("长沙要建几个集聚区", True),  # asked, typed without one
])
def test_an_indefinite_ji_in_a_statement_asks_no_count(text, declined):
    decline = answer_decline(text, ["鼓励发展连锁经营。"])
    assert (decline is not None and decline.rule == "count_missing") is declined


def test_a_volume_asked_needs_a_volume_not_another_logistics_figure():
    logistics = ["到2027年，物流总费用占GDP比重降至13%以下，国家3A级以上物流企业达到40家。"]
    assert "业务量" in unanswered_by("株洲快递业务量2027年要达到多少？", logistics)
    freight = ["到2027年，力争湘粤非年度发运量突破1000列。"]
    assert unanswered_by("湘粤非铁海联运的年度发运量目标是多少？", freight) is None
