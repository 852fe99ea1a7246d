"""The answer pipeline on the real corpus and model: direct answers, inherited years, comparisons, metadata,
expiry said next to the claim, and declines that carry the id of the rule that made them."""
from __future__ import annotations

import dataclasses
import json
import re
from datetime import date

import pytest

from assistant.retrieve import Filters

pytestmark = pytest.mark.slow

TODAY = date(2026, 12, 2)  # 长沙 ended 2026-07-31; 湖南省 and 湘潭 ended 2025-12-31; 株洲, 武汉 in force


def test_the_basic_target_question_is_answered_with_its_figure(real_answerer):
    # The phrase differs from the plan's ("占服务业增加值" vs "占全市服务业增加值"): not a reason to decline.
    answer = real_answerer.ask("长沙提出到2025年生产性服务业增加值占服务业增加值的比重要达到多少？", today=TODAY)
    assert answer.status == "answered" and not answer.refused
    assert "65%以上" in answer.text
    assert [c.clause_id for c in answer.citations] == ["changsha-2023/1.1"]  # no padding from other clauses


def test_a_share_asked_with_the_verb_inside_is_answered(real_answerer):
    # "占全省GDP要到多少比例": the asked base is GDP, not "GDP要到多少"; the share of GDP is stated
    answer = real_answerer.ask("湖南省规划里，到2025年服务业占全省GDP要到多少比例？", today=TODAY)
    assert answer.status == "answered" and "53%左右" in answer.text
    assert "2025-12-31到期" in answer.text


def test_a_bullet_inherits_its_year_from_the_lead_paragraph(real_answerer):
    # "——贡献更大。服务业增加值年均增长6.5%以上，占GDP比重的53%左右" — 2025 is only in its parent paragraph.
    answer = real_answerer.ask("湖南省到2025年服务业增加值占GDP比重的目标是多少？", today=TODAY)
    assert not answer.refused
    assert "53%左右" in answer.text and "2025年" in answer.text
    assert answer.citations[0].clause_id.startswith("hunan-2021/2.3")


def test_a_city_figure_found_only_in_the_provinces_plan_is_not_passed_off_as_the_citys(real_answerer):
    # 株洲's plan sets no 数字经济核心产业 target; 湖南省's does ("超过11%"), for the whole province.
    answer = real_answerer.ask("株洲数字经济核心产业增加值占GDP比重要到多少？", today=TODAY)
    assert answer.status == "partial" and answer.rule == "province_figure_only" and answer.refused
    assert answer.text.startswith("《株洲行动计划》没有提出这项目标") and "11%" in answer.text
    assert {c.doc_id for c in answer.citations} == {"hunan-2021"}
    province = real_answerer.ask("湖南省数字经济核心产业增加值占GDP比重要到多少？", today=TODAY)
    assert province.status == "answered" and "没有提出" not in province.text and "11%" in province.text


def test_a_figure_asked_by_an_indicators_name_is_not_answered_with_another_indicator(real_answerer):
    # 湘潭's plan sets 服务业增加值占GDP比重 (50%左右) but no 数字经济核心产业 target; 长沙 and 湖南省 set one.
    answer = real_answerer.ask("湘潭服务业规划里数字经济核心产业增加值占GDP比重的目标是多少？", today=TODAY)
    assert answer.refused and answer.rule in {"indicator_missing", "province_figure_only"}
    assert "50%" not in answer.text and "湖南省服务业发展规划" in answer.text
    # the plans' wording varies around an indicator's name (株洲: 物流总费用占GDP比重, no 社会) and still answers
    worded = real_answerer.ask("株洲对社会物流总费用占GDP比重定了什么目标？", today=TODAY)
    assert worded.status == "answered" and "13%以下" in worded.text


def test_a_city_without_a_plan_gets_what_the_provinces_plan_says_of_it_under_a_plain_note(real_answerer):
    answer = real_answerer.ask("衡阳自己的三年行动计划定了什么目标？", today=TODAY)
    assert answer.status == "partial" and answer.rule == "place_province_only" and answer.refused
    assert answer.text.startswith("现有政策文件中没有衡阳本级的政策文件")
    assert answer.citations and all(c.doc_id == "hunan-2021" for c in answer.citations)
    assert "衡阳" in answer.text.split("\n", 1)[1]  # the quoted sentence names the city (衡阳, not 衡阳市)
    # a count the province's plan does not give the city: declined, pointing first to a clause that names it
    declined = real_answerer.ask("郴州对规上服务业企业数量定了多少家的目标？", today=TODAY)
    assert declined.status == "declined" and "没有郴州本级的政策文件" in declined.text
    assert "郴州" in declined.citations[0].text
    # the question asks what the province's plan says of the city: no note
    asked = real_answerer.ask("湖南省的服务业规划对衡阳有什么定位？", today=TODAY)
    assert asked.status == "answered" and "衡阳" in asked.text
    assert not asked.text.startswith("现有政策文件中没有")
    # an asker there who names the province ("张家界想在景区旁边开个民宿，省里…"): answered, and told all the same
    asker = real_answerer.ask("张家界想在景区旁边开个民宿，省里有什么说法？", today=TODAY)
    assert asker.status == "answered" and asker.text.startswith("现有政策文件中没有张家界本级的政策文件")
    # no clause naming the city says it, the province's general one does: it holds there too
    # (the province's plan applies to an enterprise there: answered, not declined in part)
    general = real_answerer.ask("娄底一家做设备维修的服务公司，用电能不能跟工业一个价？", today=TODAY)
    assert general.status == "answered" and general.rule == "place_province_only" and not general.refused
    assert general.text.startswith("现有政策文件中没有娄底本级的政策文件") and "与工业同价" in general.text


def test_a_procedure_decline_does_not_deny_a_measure_the_plan_mentions(real_answerer):
    # 株洲's plan names 无人机物流 (二、（三）) but no procedure; the question's other words are everyday ones.
    answer = real_answerer.ask("株洲做无人机物流要去哪里申请、办什么手续？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "procedure"
    assert "没有提到这项具体措施" not in answer.text and "无人机" in answer.citations[0].text
    # a measure no plan names is still said to be absent
    absent = real_answerer.ask("武汉对写字楼房租有多少补贴？", today=TODAY)
    assert absent.status == "declined" and absent.text.startswith("现有政策文件没有提到这项具体措施")


def test_an_enterprise_that_says_who_it_is_gets_measures_for_what_it_needs(real_answerer):
    # "软件公司" says who asks; the need is the talent's schooling and housing (长沙 四、（四）人才绿卡).
    answer = real_answerer.ask("我们是长沙一家软件公司，新来的高端人才孩子上学、安家有什么扶持？", today=TODAY)
    assert answer.intent == "support" and answer.citations[0].clause_id == "changsha-2023/4.4"
    assert "changsha-2023/2.2" not in {c.clause_id for c in answer.citations}  # the software-industry measure
    # an asked part that only points back at the business ("对我们这种机构有什么扶持") is not a need of its own
    pointing = real_answerer.ask("我们在湘潭做家政培训，市里对我们这种机构有什么扶持？", today=TODAY)
    assert pointing.citations[0].clause_id.startswith("xiangtan-2021/4.3.2")  # 2.家政服务业


def test_a_question_joining_the_city_and_the_province_cites_both(real_answerer):
    answer = real_answerer.ask("我们在湘潭做家政，想搞上门服务的网上平台，市里和省里的规划怎么说？", today=TODAY)
    assert {c.doc_id for c in answer.citations} == {"xiangtan-2021", "hunan-2021"}
    # two places named, not joined: the province's plan on a city is one side
    one = real_answerer.ask("湖南省的服务业规划对株洲有什么定位？", today=TODAY)  # 湖南省的…规划: that document
    assert {c.doc_id for c in one.citations} == {"hunan-2021"}


def test_an_enterprise_describing_its_business_gets_the_clauses_answering_sentences(real_answerer):
    # The business is told in the owner's words; the clause's further measures need not repeat them.
    described = real_answerer.ask("我们厂在株洲做节能装备，想转型做后期服务，有什么鼓励？", today=TODAY)
    plain = real_answerer.ask("株洲对节能装备企业转型服务有什么鼓励？", today=TODAY)
    assert {c.clause_id for c in described.citations} == {c.clause_id for c in plain.citations} == {"zhuzhou-2025/2.7"}
    assert "产品+服务" in plain.text and "产品+服务" in described.text
    assert "合同降碳" in described.text  # a further measure of the clause, in the plan's words only


def test_an_answer_resting_on_an_ended_plan_says_so_next_to_the_claim(real_answerer):
    answer = real_answerer.ask("长沙金融业增加值占GDP比重的目标是多少？", today=TODAY)
    assert re.search(r"突破10%。\[1\]（长沙行动计划已于2026-07-31到期）", answer.text)
    current = real_answerer.ask("株洲规模以上生产性服务业企业要达到多少家？", today=TODAY)
    assert "500家" in current.text and "到期" not in current.text


def test_a_comparison_answers_every_side_and_names_the_side_that_sets_none(real_answerer):
    answer = real_answerer.ask("长沙和株洲分别对金融业增加值占GDP比重提出了什么目标？", today=TODAY)
    lines = answer.text.splitlines()
    assert lines[0].startswith("- 长沙") and "10%" in lines[0]
    assert lines[1].startswith("- 株洲") and "没有提出" in lines[1]  # 株洲's plan sets no such target
    assert answer.status == "partial" and not answer.refused


def test_which_plans_set_a_target_lists_each_with_its_own_figure(real_answerer):
    answer = real_answerer.ask("哪些规划对金融业占GDP比重提出了目标？", today=TODAY)
    cited = {c.doc_id for c in answer.citations}
    assert {"changsha-2023", "hunan-2021", "xiangtan-2021"} <= cited
    assert "zhuzhou-2025" not in cited and "wuhan-2024" not in cited
    assert "10%" in answer.text and "6%左右" in answer.text


def test_which_plans_set_a_figure_for_a_sector_finds_it_under_the_sectors_heading(real_answerer):
    # "量化目标" names no plan word; 武汉's figures (展会活动总面积) sit under the heading "发展开放多元的会展服务";
    # 株洲 sets its 会展 target in words only, and its goal sentence names 会展服务 only in a list of sectors
    answer = real_answerer.ask("几个规划里，哪些对会展业提出了具体的量化目标？", today=TODAY)
    lines = answer.text.splitlines()
    assert any(l.startswith("- 长沙") and "不低于5%" in l for l in lines)
    assert any(l.startswith("- 武汉") and "350万平方米" in l for l in lines)
    assert any(l.startswith("- ") and "株洲行动计划" in l and "没有提出这方面的量化目标" in l for l in lines)
    assert "500家" not in answer.text


def test_a_term_in_latin_letters_is_what_the_question_is_about(real_answerer):
    # "BIM" alone names the subject (not an overview of 武汉's plans); "5G" starts with a digit and is a term too
    bim = real_answerer.ask("武汉对BIM有哪些要求？", today=TODAY)
    assert bim.status == "answered" and "BIM模型的建模率达到80%以上" in bim.text
    five_g = real_answerer.ask("武汉对5G有什么安排？", today=TODAY)
    assert five_g.status == "answered" and "5G+工业互联网大会" in five_g.text


def test_whether_a_list_is_kept_is_answered_by_the_list_not_declined_for_its_names(real_answerer):
    answer = real_answerer.ask("我是株洲一家银行的客户经理，听说市里会把诚信好的生产性服务业企业推荐给银行，"
                               "有没有这种名单？", today=TODAY)
    assert answer.status == "answered" and "融资需求白名单" in answer.text


def test_a_measure_the_asked_places_plan_does_not_hold_is_declined_and_where_it_is_said(real_answerer):
    # 同价 is 湖南's, which does not apply in 武汉: no 武汉 sentence matched by 工业 answers it
    answer = real_answerer.ask("我们在武汉开了几家洗衣和家电维修的连锁店，听说服务业用电用水可以和工业同价，"
                               "武汉的方案里有这个政策吗？", today=TODAY)
    assert answer.status == "declined" and "没有提到“用电、用水、同价”" in answer.text
    assert "湖南省服务业发展规划提到了" in answer.text and "设计" not in answer.text
    # the province's plan, which does hold it, answers when it is asked
    province = real_answerer.ask("听说省里服务业用水用电和工业同价，湖南规划里有这个规定吗？", today=TODAY)
    assert not province.refused and "与工业同价" in province.text


def test_whether_a_rule_has_come_out_is_not_answered_by_a_plan_meaning_to_make_it(real_answerer):
    answer = real_answerer.ask("听说养老项目用地有专门的招拍挂办法，湖南出台了吗？", today=TODAY)
    assert "研究专门针对养老等社会服务领域的商业用地招拍挂制度" in answer.text
    assert "没有说明是否已经出台" in answer.text


def test_a_want_told_before_another_matter_is_answered_for_a_city_without_a_plan(real_answerer):
    # 岳阳 has no plan: the province's answers both the chain told and the utility price asked with 另外
    answer = real_answerer.ask("岳阳这边我们办了一家民营养老院，想扩成连锁。另外养老院的水电气能不能按工业价格算？",
                               today=TODAY)
    assert "连锁化" in answer.text and "与工业同价" in answer.text
    assert "能不能按工业价格算" not in answer.text.split("\n")[0]  # the want is asked plainly


def test_a_likely_sentence_naming_the_askers_own_park_is_quoted(real_answerer):
    # the asker is in 湘潭经开区: the testing clause's sentence on that park's cluster follows the 一站式 answer
    answer = real_answerer.ask("我们是湘潭经开区一家做汽车零部件检测的第三方实验室，想问问市里对检验检测这行有什么打算，"
                               "第三方机构能不能进政府那个“一站式”服务平台？", today=TODAY)
    assert "“一站式”服务平台" in answer.text and "湘潭经开区检验检测认证省级服务业示范集聚区" in answer.text


def test_a_law_firm_called_by_its_everyday_short_name_is_answered(real_answerer):
    # 律所 is 律师事务所 / 法律服务 in the plans' words; 长沙's plan says 法律咨询
    answer = real_answerer.ask("长沙对律所有什么打算？", today=TODAY)
    assert not answer.refused and "法律咨询" in answer.text


def test_a_target_leading_an_answer_that_asked_no_figure_is_followed_by_its_clauses_measure(real_answerer):
    # "要求或者机会": the 80% BIM target leads, and what the clause does about BIM (its platform) follows
    answer = real_answerer.ask("我们是武汉一家做BIM建模的建筑设计小公司，想多接点政府投资的项目，"
                               "市里的方案对BIM有什么要求或者机会？", today=TODAY)
    assert "建模率达到80%以上" in answer.text and "BIM)项目全周期管理平台" in answer.text


def test_every_metadata_field_asked_is_answered(real_answerer):
    answer = real_answerer.ask("株洲行动计划的文号和印发日期是什么？", today=TODAY)
    assert "株政办发〔2025〕3号" in answer.text and "2025年3月21日" in answer.text
    both = real_answerer.ask("长沙和武汉的文件文号分别是什么？", today=TODAY)
    assert "长政办发〔2023〕24号" in both.text and "武政办〔2024〕121号" in both.text
    # the date asked as 发文日期
    issued = real_answerer.ask("武汉生产性服务业实施方案的文号和发文日期是什么？", today=TODAY)
    assert "武政办〔2024〕121号" in issued.text and "2024年12月3日" in issued.text


def test_support_answers_lead_with_a_summary_and_say_what_a_plan_direction_is(real_answerer):
    answer = real_answerer.ask("我们是株洲一家做供应链服务的企业，有哪些支持？", today=TODAY)
    lines = answer.text.splitlines()
    assert lines[0].startswith("找到") and "株洲行动计划" in lines[0]
    assert sum(line.startswith("- ") for line in lines) <= 6
    assert "不是可直接申报的项目" in lines[-1]
    assert {c.doc_id for c in answer.citations} <= {"zhuzhou-2025", "hunan-2021"}


def test_declines_say_which_case_and_carry_their_rule(real_answerer):
    amount = real_answerer.ask("长沙对紧缺人才培养的补贴是多少钱？", today=TODAY)
    assert amount.refused and amount.status == "declined" and amount.rule in ("amount_absent",)
    assert "没有规定" in amount.text and "金额" in amount.text
    place = real_answerer.ask("成都对物流企业有什么支持？", today=TODAY)
    assert place.refused and place.rule == "place_uncovered" and "成都" in place.text
    procedure = real_answerer.ask("株洲的工业设计中心怎么申报？", today=TODAY)
    assert procedure.refused and procedure.rule == "procedure"


def test_a_target_only_other_plans_set_is_declined_naming_them(real_answerer):
    answer = real_answerer.ask("武汉社会物流总费用占GDP的比重要降到多少？", today=TODAY)
    assert answer.refused and answer.rule == "target_elsewhere"
    assert "武汉" in answer.text and "长沙行动计划" in answer.text


def test_a_target_set_in_other_terms_is_quoted_in_the_decline(real_answerer):
    # 武汉 sets the share of 生产性服务业 (60%以上), not its value added in 亿元; plans setting a share are not
    # named as setting an amount
    answer = real_answerer.ask("武汉到2027年生产性服务业增加值要达到多少亿元？", today=TODAY)
    assert answer.rule == "target_elsewhere" and "相关目标是" in answer.text and "60%以上" in answer.text
    assert answer.citations[0].clause_id == "wuhan-2024/1"
    assert "长沙行动计划" not in answer.text


def test_the_in_force_filter_says_when_the_plan_ended(real_answerer):
    answer = real_answerer.ask("长沙物流费用的目标", filters=Filters(in_force_only=True, on=TODAY), today=TODAY)
    assert answer.refused and answer.rule == "filtered_out"
    assert "长沙行动计划已于2026-07-31到期" in answer.text


def test_json_contract_keeps_refused_and_adds_status_and_rule(real_answerer):
    answer = real_answerer.ask("株洲现代物流服务由哪个部门负责？", today=TODAY)
    data = json.loads(json.dumps(answer.to_json(), ensure_ascii=False))
    assert {"query", "answer", "refused", "status", "rule", "citations"} <= set(data)
    assert data["status"] == "answered" and data["refused"] is False and data["rule"] is None
    assert {"n", "clause_id", "doc_title", "doc_number", "section", "text", "in_force"} <= set(data["citations"][0])


def test_public_api(real_answerer):
    from assistant import Assistant

    assistant = Assistant(real_answerer)
    answer = assistant.ask("株洲行动计划的有效期是多久？", today=TODAY)
    assert "有效期3年" in answer.text or "3年" in answer.text
    assert assistant.search("拿专利去银行贷款", k=3)
    chat = assistant.conversation()
    chat.ask("长沙金融业增加值占GDP比重的目标是多少？", today=TODAY)
    assert "株洲" in chat.ask("那株洲呢？", today=TODAY).query


def test_a_follow_up_about_a_place_that_sets_no_such_target_says_so(real_answerer):
    from assistant.conversation import Conversation

    chat = Conversation(real_answerer)
    chat.ask("长沙社会物流总费用占GDP比重的目标是多少？", today=TODAY)
    answer = chat.ask("那武汉呢？", today=TODAY)
    assert answer.refused and answer.rule == "target_elsewhere"
    assert "武汉" in answer.text and "社会物流总费用占GDP比重" in answer.text


def test_a_follow_up_asking_whether_the_plans_still_apply_answers_that_alone(real_answerer):
    from assistant.conversation import Conversation

    chat = Conversation(real_answerer)
    chat.ask("长沙和株洲对社会物流总费用占GDP比重分别定了什么目标？", today=TODAY)
    answer = chat.ask("这些文件还算数吗？", today=TODAY)
    assert answer.status == "answered" and "12.8%" not in answer.text  # not the targets again
    assert "有效至2026年7月31日，目前已失效" in answer.text and "按印发日期推算有效至2028年3月20日，目前有效" in answer.text
    assert [c.doc_id for c in answer.citations] == ["changsha-2023", "zhuzhou-2025"]


def test_a_follow_up_comparing_with_the_previous_figure_answers_both_sides_and_the_verdict(real_answerer):
    from assistant.conversation import Conversation

    chat = Conversation(real_answerer)
    chat.ask("湖南省十四五服务业规划里，数字经济核心产业增加值占GDP比重的目标是多少？", today=TODAY)
    answer = chat.ask("长沙定的比这个高还是低？", today=TODAY)
    assert answer.text.startswith("比较：长沙的目标（12%）高于湖南省（超过11%）。")
    assert {c.doc_id for c in answer.citations} == {"changsha-2023", "hunan-2021"}


def test_a_follow_up_resolves_against_the_resolved_question_and_wording_may_vary(real_answerer):
    from assistant.conversation import Conversation

    chat = Conversation(real_answerer)
    chat.ask("长沙社会物流总费用占GDP比重的目标是多少？", today=TODAY)
    chat.ask("那武汉呢？", today=TODAY)  # declined: 武汉 sets none
    zhuzhou = chat.ask("那株洲呢？", today=TODAY)  # resolved against the 长沙 question, not "那武汉呢"
    assert not zhuzhou.refused and "13%以下" in zhuzhou.text  # "物流总费用占GDP比重" without "社会"


def test_a_follow_up_asking_only_a_specific_keeps_the_previous_subject(real_answerer):
    from assistant.conversation import Conversation

    chat = Conversation(real_answerer)
    chat.ask("株洲物流服务的目标是什么？", today=TODAY)
    who = chat.ask("哪个部门负责？", today=TODAY)  # no subject of its own: 株洲's 物流 clause
    assert who.intent == "department" and who.citations[0].clause_id == "zhuzhou-2025/2.3"
    assert "市交通运输局" in who.text
    amount = chat.ask("具体能补贴多少钱？", today=TODAY)
    assert amount.refused and amount.rule == "amount_absent" and "株洲" in amount.resolved
    assert "体能" not in amount.text  # 具体能补贴: no subsidy kind named


def test_a_self_description_asks_no_count(real_answerer):
    # "几个" describes the asker ("a few"), it is not a question for a number.
    answer = real_answerer.ask("我们是几个带货主播组成的团队，湖南省里支持我们注册成公司吗？", today=TODAY)
    assert not answer.refused and "带货主播" in answer.text


def test_a_target_answer_leads_with_the_target_not_the_past_figure(real_answerer):
    answer = real_answerer.ask("湖南“十四五”服务业增加值年均增速目标是多少？", today=TODAY)
    assert answer.text.index("6.5%以上") < (answer.text.index("8%") if "8%" in answer.text else len(answer.text))


def test_a_further_sentence_must_add_what_the_first_lacks(real_answerer):
    # Two near-identical targets of neighbouring clauses: only the asked one is quoted.
    answer = real_answerer.ask("到2025年湖南全省信息服务业增加值要达到多少？", today=TODAY)
    assert "1200亿元" in answer.text and "2000亿元" not in answer.text and "6%左右" not in answer.text


def test_which_documents_mention_something_names_each_document(real_answerer):
    answer = real_answerer.ask("哪几份文件提到了国家知识产权保护示范区？", today=TODAY)
    lines = answer.text.splitlines()
    assert any(line.startswith("- 长沙") for line in lines) and any(line.startswith("- 武汉") for line in lines)
    assert "没有" in lines[-1]  # the documents that do not mention it are named too


def test_a_decline_for_a_measure_the_plan_holds_says_the_amount_is_missing_not_the_measure(real_answerer):
    answer = real_answerer.ask("长沙对新升规入库的服务业企业，具体奖励多少钱？", today=TODAY)
    assert answer.refused and answer.rule == "amount_absent"
    assert "提到了相关支持方向" in answer.text and "实施主体培育工程" in answer.text
    # the same in everyday words: "新升规" is no word of the plans, its head 升规 is; "到底", "几万" are not
    # words a plan could hold, so they do not make the clause look off the topic
    answer = real_answerer.ask("长沙新升规的服务业企业到底奖多少钱？一次性给几万？", today=TODAY)
    assert answer.rule == "amount_absent" and "提到了相关支持方向" in answer.text
    # the asker's word for it is not the plan's ("规上" asked, "新增上规入库" stated): the lexicon's forms count
    answer = real_answerer.ask("长沙规上的服务业企业奖励标准是多少？", today=TODAY)
    assert answer.rule == "amount_absent" and "提到了相关支持方向" in answer.text and "新增上规入库" in answer.text
    # a function word asked names no topic: "或者" found the industrial-design clause and its department
    answer = real_answerer.ask("武汉这个方案对养老机构有床位补贴或者扶持吗？", today=TODAY)
    assert answer.refused and "工业设计" not in answer.text and "市经信局" not in answer.text
    # a voucher no plan names ("算力券": its head 力券 is no word of the plans) is not mentioned, 算力 or not
    answer = real_answerer.ask("武汉算力券怎么申领？", today=TODAY)
    assert answer.rule == "procedure" and "没有提到这项具体措施" in answer.text


def test_a_definition_question_is_declined_with_its_rule(real_answerer):
    answer = real_answerer.ask("长沙亿元楼宇是按税收口径还是营收口径认定的？", today=TODAY)
    assert answer.refused and answer.rule == "definition"


def test_when_a_target_is_to_be_reached_is_its_target_year(real_answerer):
    # "哪年实现" of a target: "力争到2025年，……达…" states it; not "没有给出具体的时间安排".
    answer = real_answerer.ask("长沙金融业增加值占GDP比重的目标是多少，计划哪年实现？", today=TODAY)
    assert answer.status == "answered" and "10%" in answer.text and "2025年" in answer.text


def test_a_plans_basis_and_the_year_it_runs_to_are_metadata(real_answerer):
    answer = real_answerer.ask("湘潭服务业规划是根据什么编制的？到哪一年结束？", today=TODAY)
    assert answer.status == "answered" and answer.intent == "meta"
    assert "制定本规划" in answer.text and "2025" in answer.text
    assert {c.clause_id for c in answer.citations} >= {"xiangtan-2021/p1"}


def test_a_named_document_the_place_does_not_have_is_said_absent(real_answerer):
    # 长沙 has a 三年行动计划, not a 十四五 规划; 湖南省 and 湘潭 have one of that name.
    answer = real_answerer.ask("长沙市“十四五”服务业发展规划的文号是多少？", today=TODAY)
    assert answer.rule == "document_absent" and answer.refused
    assert answer.text.startswith("现有政策文件中没有长沙的") and "湘潭的文件" in answer.text
    # a loose name of the place's own plan is that plan
    own = real_answerer.ask("株洲的服务业规划有效期到什么时候？", today=TODAY)
    assert own.status == "answered" and "2028年3月20日" in own.text


def test_a_sub_plan_the_library_does_not_hold_is_not_answered_with_the_parent_plan(real_answerer):
    answer = real_answerer.ask("武汉市商务局制订的会展服务三年行动方案叫什么？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "other_document"
    named = real_answerer.ask("株洲那个三年行动计划全称叫什么？", today=TODAY)
    assert named.status == "answered" and "《株洲市生产性服务业高质量发展三年行动计划（2025—2027年）》" in named.text


def test_whether_an_ended_plans_measure_can_still_be_had_is_answered_plainly(real_answerer):
    answer = real_answerer.ask("我们是长沙一家做软件外包的公司，今年能过规上标准，听说新进规上的服务业企业有支持，"
                               "现在还能申请吗？", today=TODAY)
    assert "新增上规入库" in answer.text and "目前已失效" in answer.text and "已不能再依据该文件申请" in answer.text
    # a plan in force is said to be so, with no such warning
    live = real_answerer.ask("株洲信用好的企业能进融资需求白名单，现在还能申请吗？", today=TODAY)
    assert "目前有效" in live.text and "已不能再依据" not in live.text


def test_a_document_named_by_its_number_alone_is_told_by_its_name(real_answerer):
    answer = real_answerer.ask("长政办发〔2023〕24号是什么文件？从哪天起施行，现在还有效吗？", today=TODAY)
    assert answer.status == "answered"
    assert "《长沙市生产性服务业高质量发展三年行动计划（2023—2025年）》" in answer.text
    assert "长沙市人民政府办公厅" in answer.text and "2023年8月1日" in answer.text and "已失效" in answer.text


def test_an_askers_uncovered_place_is_the_subject_even_when_another_citys_plan_is_named(real_answerer):
    answer = real_answerer.ask("我们是襄阳的软件公司，武汉方案里的政策我们能用吗？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "place_uncovered"
    assert "襄阳" in answer.text and "适用于武汉" in answer.text
    # what happens in a covered place is asked, wherever the asker comes from
    moving = real_answerer.ask("我们是深圳的一家检测公司，想在株洲设分支机构，有什么支持？", today=TODAY)
    assert moving.rule != "place_uncovered" and any(c.doc_id == "zhuzhou-2025" for c in moving.citations)
    # a firm named with its city ("衡阳一家…公司") is where the asker is: told that the city has no plan of its own
    firm = real_answerer.ask("邵阳一家做家政的公司，想培训阿姨，省里有什么说法？", today=TODAY)
    assert "没有邵阳本级的政策文件" in firm.text and any(c.doc_id == "hunan-2021" for c in firm.citations)
    # ... and so for one coming back from a place it worked in
    back = real_answerer.ask("我在广州干了八年物流，明年准备回湘潭开个小公司，湘潭对回乡创业有什么支持？", today=TODAY)
    assert back.rule != "place_uncovered" and any(c.doc_id == "xiangtan-2021" for c in back.citations)


def test_a_covered_city_named_as_the_yardstick_is_not_the_subject(real_answerer):
    answer = real_answerer.ask("衡阳有没有出台类似长沙这样的生产性服务业行动计划？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "place_uncovered" and "衡阳" in answer.text
    # 长沙's plan is 长沙's; the province's applies to 衡阳, and both have ended
    assert "适用于长沙" in answer.text and "适用于包括衡阳在内的全省" in answer.text
    assert "2026-07-31到期" in answer.text and "2025-12-31到期" in answer.text
    # a covered city asked about in its own right is still answered
    own = real_answerer.ask("长沙有没有出台生产性服务业的行动计划？", today=TODAY)
    assert own.status == "answered" and any(c.doc_id == "changsha-2023" for c in own.citations)


def test_a_task_inside_a_named_plan_gets_that_tasks_departments(real_answerer):
    # the plan's name is where to look; the words that ask for departments name no task
    for question in ("长沙生产性服务业三年行动计划里面，物流服务归哪些单位负责？", "长沙的现代物流归哪些部门负责？"):
        answer = real_answerer.ask(question, today=TODAY)
        assert answer.status == "answered" and "市政府物流口岸办" in answer.text, question
        assert answer.citations[0].clause_id == "changsha-2023/2.4"
    # asked of the plan as a whole, its name's words (三年行动计划) do not pull in a clause that repeats them
    whole = real_answerer.ask("株洲行动计划由哪个部门统筹推进？", today=TODAY)
    assert "联席会议" in whole.text and "会展" not in whole.text
    # nor do the words of the plan's name: "品牌工程" is asked, not 生产性服务业 (which 三(四) holds too)
    named = real_answerer.ask("长沙生产性服务业三年行动计划的品牌工程谁负责", today=TODAY)
    assert named.citations[0].clause_id == "changsha-2023/3.5" and "市市场监管局" in named.text
    # the plan named as where to look pulls neither the search's meaning (its 总体要求 repeats the name and
    # 物流枢纽) nor the task's words (a target asked beside the department is no task)
    target = real_answerer.ask("武汉那个生产性服务业实施方案中，物流到2027年要达到什么目标？", today=TODAY)
    assert target.citations[0].clause_id == "wuhan-2024/3.8" and "6万亿元" in target.text
    led = real_answerer.ask("按武汉生产性服务业实施方案，物流服务的目标是什么，牵头单位是谁？", today=TODAY)
    assert led.status == "answered" and "市交通运输局" in led.text


def test_the_year_a_target_is_due_is_not_a_missing_date(real_answerer):
    for question in ("株洲国家级智能制造标杆企业要新增几家？截止到哪年？", "长沙计划到哪年技术合同成交额占GDP比重达6%以上？"):
        answer = real_answerer.ask(question, today=TODAY)
        assert answer.status == "answered" and answer.intent != "meta", question
        assert re.search(r"到20(25|27)年", answer.text), question


def test_the_metadata_of_a_plan_of_another_period_is_not_given_as_the_asked_one(real_answerer):
    answer = real_answerer.ask("湖南省“十五五”服务业发展规划的文号是什么？", today=TODAY)
    assert answer.refused and answer.rule == "document_absent"
    assert answer.text.startswith("现有政策文件中没有湖南省“十五五”时期的规划")
    same = real_answerer.ask("湖南“十四五”服务业规划的文号是什么？", today=TODAY)
    assert same.status == "answered" and "湘政办发〔2021〕40号" in same.text


def test_an_enumerated_question_answers_every_part_with_one_list_of_citations(real_answerer):
    answer = real_answerer.ask("我们是株洲一家做物流的企业，一是想贷款买冷链车，有没有融资支持；"
                               "二是想招一些懂数字化的人才，有什么政策？", today=TODAY)
    first, second = answer.text.split("\n\n")
    assert first.startswith("1. 想贷款买冷链车") and second.startswith("2. 想招一些懂数字化的人才")
    assert "抵质押贷款" in first
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)} == {c.n for c in answer.citations}
    assert all(c.doc_id == "zhuzhou-2025" for c in answer.citations)


def test_a_part_the_askers_description_pulls_to_an_earlier_parts_clause_is_searched_by_its_own_words(real_answerer):
    answer = real_answerer.ask("我在湘潭开了家家政公司。一是想给员工做培训，有没有支持；二是想办个托育点，能不能办？",
                               today=TODAY)
    first, second = answer.text.split("\n\n")
    assert "培训" in first and "托幼" in second
    assert any(c.section.endswith("培育托幼服务体系") for c in answer.citations)


def test_whether_the_plan_is_still_in_force_is_answered_after_the_figure(real_answerer):
    answer = real_answerer.ask("湘潭的服务业规划里，服务业增加值要达到多少？这个规划现在还有效吗？", today=TODAY)
    assert "1500亿元" in answer.text
    assert "有效期：《湘潭市“十四五”服务业发展规划》" in answer.text and "目前已失效" in answer.text


def test_a_figure_after_a_past_year_is_no_target(real_answerer):
    # "2020年，……。其中，……物流总费用占GDP比重下降2.4个百分点" is the past; the target is in 6.现代物流
    answer = real_answerer.ask("湖南省对物流费用占GDP比重的目标是多少？", today=TODAY)
    assert "下降2个百分点左右" in answer.text and "2.4个百分点" not in answer.text


def test_which_documents_mention_a_thing_lists_every_one_that_does(real_answerer):
    answer = real_answerer.ask("哪些文件提到要建工业设计中心？", today=TODAY)
    sides = {c.doc_id for c in answer.citations}
    assert sides == {"hunan-2021", "wuhan-2024", "xiangtan-2021", "zhuzhou-2025"}
    assert "长沙行动计划：现有文件没有提出" in answer.text
    assert {c.doc_id for c in real_answerer.ask("哪些规划提到了中非经贸合作？", today=TODAY).citations} == \
        {"changsha-2023", "hunan-2021", "zhuzhou-2025"}


def test_an_asker_in_a_city_without_a_plan_gets_the_provinces_measure_not_a_sentence_naming_the_city(real_answerer):
    answer = real_answerer.ask("常德开网店不开实体店，能办个体户吗？", today=TODAY)
    assert answer.rule == "place_province_only" and "适用于常德的省级规划" in answer.text
    assert "网络经营场所登记个体工商户" in answer.text
    # a city asked about still gets the province's clauses that name it
    about = real_answerer.ask("岳阳的物流发展有什么规划？", today=TODAY)
    assert "省级规划中涉及岳阳的内容" in about.text and "岳阳港口型国家物流枢纽" in about.text


def test_a_comparison_says_which_side_is_higher_or_that_they_are_equal(real_answerer):
    same = real_answerer.ask("湘潭和湖南省对金融业增加值占GDP比重的目标一样吗？", today=TODAY)
    assert same.text.startswith("比较：湘潭与湖南省的目标相同，均为6%左右。")
    higher = real_answerer.ask("长沙的数字经济核心产业占GDP比重目标比省里高吗？", today=TODAY)
    assert higher.text.startswith("比较：长沙的目标（12%）高于湖南省（超过11%）。")
    unlike = real_answerer.ask("株洲和长沙的规上服务业企业目标哪个多？", today=TODAY)
    assert unlike.text.startswith("比较：株洲（10%）与长沙（2200家）的目标计量方式不同，不能直接比较")
    # asking each side's figure is no comparison ("比重" is no 比)
    each = real_answerer.ask("湖南省和长沙市对数字经济核心产业增加值占GDP比重的目标各是多少？", today=TODAY)
    assert not each.text.startswith("比较")


def test_which_documents_still_apply_to_a_place_counts_the_provinces_and_names_the_others(real_answerer):
    answer = real_answerer.ask("我们是湘潭的软件企业，这几份文件里现在还有哪份能管到我们？", today=TODAY)
    assert answer.text.startswith("截至2026-12-02，仍在有效期内：无；已到期：《湖南省服务业发展规划》、《湘潭服务业发展规划》。")
    assert "现行有效的《株洲行动计划》适用于株洲，不适用于湘潭。" in answer.text
    assert {c.doc_id for c in answer.citations} == {"hunan-2021", "xiangtan-2021"}


def test_a_talent_policy_question_reaches_the_talent_clause_and_a_want_asks_no_count(real_answerer):
    answer = real_answerer.ask("长沙对企业引进高端人才有什么政策？", today=TODAY)
    assert answer.citations[0].clause_id == "changsha-2023/4.4" and "人才绿卡" in answer.text
    wants = real_answerer.ask("株洲这边想从外地挖几个高级工程师，能给人才什么便利？", today=TODAY)
    assert wants.status == "answered" and wants.citations[0].doc_id == "zhuzhou-2025"


def test_a_question_about_a_next_plan_says_there_is_none_and_what_the_library_holds(real_answerer):
    answer = real_answerer.ask("长沙这个三年行动计划到期后有没有新一轮的？新的目标是什么？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "successor"
    assert "没有新一轮" in answer.text and "有效至2026年7月31日，目前已失效" in answer.text
    # asked whether one was issued, with the new target asked after it: no part of it answered from the old plan
    issued = real_answerer.ask("湖南省的服务业规划到期了，省里出了新一轮的没有？新目标是多少？", today=TODAY)
    assert issued.status == "declined" and issued.rule == "successor"


def test_how_a_procedure_goes_is_a_procedure_question(real_answerer):
    answer = real_answerer.ask("想入驻长沙的人力资源服务产业园，具体流程怎么走？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "procedure"


def test_a_department_question_that_also_asks_the_target_gets_the_clauses_figure(real_answerer):
    answer = real_answerer.ask("武汉方案里软件信息服务是哪个部门牵头？目标是多少？", today=TODAY)
    assert answer.intent == "department" and "市经信局" in answer.text and "1600亿元" in answer.text


def test_a_decline_names_every_missing_specific_and_points_only_to_clauses_on_the_topic(real_answerer):
    answer = real_answerer.ask("我们是武汉的工业设计公司，评上市级工业设计中心能拿多少奖励？怎么申报？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "procedure"
    assert "金额" in answer.text and "申请流程" in answer.text
    assert [c.clause_id for c in answer.citations] == ["wuhan-2024/2.4"]


def test_an_aim_stated_in_words_only_is_not_passed_off_as_a_figure(real_answerer):
    answer = real_answerer.ask("株洲的会展业要达到什么目标？", today=TODAY)
    assert answer.status == "answered" and answer.text.startswith("《株洲行动计划》在这方面没有提出量化指标")
    figure = real_answerer.ask("湘潭到2025年服务业增加值要达到多少？", today=TODAY)
    assert "量化指标" not in figure.text and "1500亿元" in figure.text


def test_encoding_ahead_leaves_nothing_to_encode_when_answering(real_answerer, monkeypatch):
    # a support question whose asked part is searched on its own, and an enumerated one with two parts
    questions = ["我们是长沙一家软件公司，今年营收刚达标进了规上企业库，能拿到什么支持吗？",
                 "我们是株洲一家做物流的企业，一是想贷款买冷链车，有没有融资支持；二是想招一些懂数字化的人才，有什么政策？"]
    retriever = real_answerer.retriever
    calls = []
    encode = retriever.encoder.encode
    monkeypatch.setattr(retriever.encoder, "encode", lambda texts, kind="query", **kw: calls.append(texts) or
                        encode(texts, kind=kind, **kw))
    for question in questions:
        retriever.clear_query_cache()
        real_answerer.encode_ahead(question)
        assert calls, "nothing was encoded ahead"
        calls.clear()
        real_answerer.ask(question, today=TODAY)
        assert calls == [], (question, calls)


def test_a_question_quoting_a_document_number_is_about_that_document(real_answerer):
    answer = real_answerer.ask("武政办〔2024〕121号这份方案是哪天印发的，实施到哪一年？", today=TODAY)
    assert {c.doc_id for c in answer.citations} == {"wuhan-2024"}
    assert "2024年12月3日" in answer.text and "2027年12月31日" in answer.text


def test_whether_a_named_plan_is_in_force_is_about_that_plan_alone(real_answerer):
    answer = real_answerer.ask("株洲那个生产性服务业三年行动计划还有效吗？管到什么时候？", today=TODAY)
    assert {c.doc_id for c in answer.citations} == {"zhuzhou-2025"} and "2028年3月20日" in answer.text
    assert "不适用于" not in answer.text and "湖南省" not in answer.text
    ended = real_answerer.ask("湘潭十四五服务业规划现在还能用吗？", today=TODAY)
    assert {c.doc_id for c in ended.citations} == {"xiangtan-2021"} and "目前已失效" in ended.text


def test_which_documents_mention_a_quoted_name_reads_the_name_not_the_askers_words(real_answerer):
    answer = real_answerer.ask("我们做对非洲出口的，哪些文件提到了“中非经贸深度合作先行区”？", today=TODAY)
    assert {c.doc_id for c in answer.citations} == {"changsha-2023", "hunan-2021", "zhuzhou-2025"}


def test_figures_asked_one_after_another_are_answered_one_by_one(real_answerer):
    # declined as one question (a sentence holding both years' figures does not exist); each figure is stated
    answer = real_answerer.ask("湘潭规模以上服务业企业到2025年要有多少家？2020年的时候有几家？", today=TODAY)
    assert answer.status == "answered" and "400家" in answer.text and "284家" in answer.text
    assert answer.text.startswith("1. ") and "\n\n2. " in answer.text
    # an unanswerable pair stays declined: its parts are not each answered
    pair = real_answerer.ask("武汉大学生就业创业中心什么时候建成？地址在哪里？", today=TODAY)
    assert pair.status == "declined"


def test_the_subject_of_a_question_leaves_out_its_years_and_counts(real_answerer):
    assert real_answerer.subject_of("2020年底有多少家？") == ""
    assert "2025" not in real_answerer.subject_of("湘潭规上服务业企业2025年目标几家？")


def test_a_firm_newly_above_the_size_threshold_asking_for_money_gets_the_measure_not_the_count(real_answerer):
    # "规模以上" names a class of firms, not a figure asked; "有没有钱可以拿" asks for support
    answer = real_answerer.ask("我们在长沙做会展策划，今年营收刚够规模以上、进了统计库，有没有钱可以拿？", today=TODAY)
    assert answer.citations[0].clause_id == "changsha-2023/3.2"
    assert "比照工业企业升规政策" in answer.text and "2200家" not in answer.text
    figure = real_answerer.ask("长沙规模以上服务业企业2025年要达到多少家？", today=TODAY)
    assert "2200家" in figure.text


def test_a_creditworthy_firm_asking_for_a_bank_introduction_gets_the_white_list(real_answerer):
    answer = real_answerer.ask("株洲做仓储的，信用一直挺好。问两个事：一是能不能帮我们对接银行？二是今年刚进规上，有没有奖励？",
                               today=TODAY)
    first, second = answer.text.split("\n\n")
    assert "融资需求白名单" in first and "升规入统" in second


def test_a_heading_on_its_own_line_is_not_quoted_as_part_of_the_first_sentence(real_answerer):
    answer = real_answerer.ask("湘潭规划里的“3+5+5”指的是什么？", today=TODAY)
    assert "“3+5+5”现代服务业产业体系" in answer.text and "产业发展重点" not in answer.text


def test_a_figure_question_is_answered_by_a_likely_sentence_stating_a_figure(real_answerer):
    # "“3+5+5”产业体系" names a system, it states no figure; the ratio asked is 40:60
    answer = real_answerer.ask("湘潭打算把生产性服务业和非生产性服务业的结构比调成多少？", today=TODAY)
    assert "40:60" in answer.text and "3+5+5" not in answer.text


def test_which_documents_mention_a_thing_reads_the_thing_not_the_askers_trade(real_answerer):
    answer = real_answerer.ask("我们做对非洲的生意，这几份文件里哪些提到了中非经贸合作？", today=TODAY)
    assert {c.doc_id for c in answer.citations} == {"changsha-2023", "hunan-2021", "zhuzhou-2025"}


def test_an_asker_with_two_questions_about_different_things_gets_both_answered(real_answerer):
    # The answer to the whole message speaks to the children's schooling only: the listing question is asked
    # on its own, with the asker's situation, and answered under its own number.
    answer = real_answerer.ask("我们是长沙一家软件公司，刚挖来两个技术骨干。他们孩子上学有照顾吗？公司想上市有没有辅导？",
                               today=TODAY)
    assert answer.status == "answered"
    assert "1. " in answer.text and "2. " in answer.text
    assert "子女入学" in answer.text and "上市培育" in answer.text
    assert {c.clause_id for c in answer.citations} == {"changsha-2023/4.4", "changsha-2023/2.3"}
    # one subject asked twice ("能不能…？要满足什么条件？"): one answer, not the same clause under two numbers
    single = real_answerer.ask("长沙园区里的工业用地，能不能拿来盖公司总部？要满足什么条件？", today=TODAY)
    assert not single.text.startswith("1. ") and [c.clause_id for c in single.citations] == ["changsha-2023/4.3"]


def test_help_asked_is_answered_with_a_measure_not_a_target_figure(real_answerer, monkeypatch):
    question = "株洲一家做物流的公司，车队二十来台车。贷款难有没有办法？"
    answer = real_answerer.ask(question, today=TODAY)
    assert answer.text.startswith("实施供应链金融跃升行动") and "抵质押贷款" in answer.text
    # the mechanism: without it the clause's goal ("金融机构贷款余额达5000亿元左右") leads, a figure nobody asked
    chooser = real_answerer.chooser
    monkeypatch.setattr(chooser, "config", dataclasses.replace(chooser.config, measure_lead_ratio=2.0,
                                                               clause_measure_ratio=2.0))
    assert real_answerer.ask(question, today=TODAY).text.startswith("金融机构贷款余额")


def test_an_asker_pointing_back_at_its_business_is_answered_for_that_business(real_answerer):
    # "人不多，这种业务算不算…扶持的方向": a size and a pointer, no need of its own, so the business told before
    # (carbon accounting for factories) is what is searched, not "人不多，这种业务"
    answer = real_answerer.ask("我们在株洲帮工厂做碳核算的小公司，人不多，这种业务算不算市里想扶持的方向？", today=TODAY)
    assert [c.clause_id for c in answer.citations] == ["zhuzhou-2025/2.7"]


def test_measures_of_several_places_asked_together_are_labelled_with_their_place(real_answerer):
    answer = real_answerer.ask("新升规入统的服务业企业，长沙和株洲各自有什么说法？", today=TODAY)
    lines = answer.text.splitlines()
    assert [line[:5] for line in lines] == ["- 长沙：", "- 株洲："]  # the question's order, one line each
    assert "专项资金" in lines[0] and "长沙行动计划已于2026-07-31到期" in lines[0] and "争取省里奖励政策" in lines[1]


def test_a_specific_need_named_in_everyday_words_gets_the_sentence_of_the_clause_that_meets_it(real_answerer,
                                                                                              monkeypatch):
    # "比如住房、孩子上学": the lead sentence (recruiting senior engineers) does not speak of them; the same
    # clause's sentence on 住房、子女就学 does, and it answers too
    question = "株洲做技术服务的公司，想从外地挖一个资深高级工程师过来，市里对这种人有没有配套？比如住房、孩子上学？"
    answer = real_answerer.ask(question, today=TODAY)
    assert "高级工程师" in answer.text and "子女就学" in answer.text
    assert [c.clause_id for c in answer.citations] == ["zhuzhou-2025/3.7"]
    # a broad need (小公司 → 普惠金融, a topic many clauses hold) adds nothing: the answer is already about it
    loan = real_answerer.ask("株洲的科技型小公司没房子没设备可抵押，靠技术实力能贷到款吗？", today=TODAY)
    assert "普惠金融" not in loan.text
    # without the mechanism (and the ones answering each question of a message and quoting the clause's other
    # likely sentences, which find the sentence too) the message is split in two questions, answered one by one
    chooser = real_answerer.chooser
    monkeypatch.setattr(chooser, "config", dataclasses.replace(chooser.config, need_ratio=2.0,
                                                               question_probability=2.0, companion_ratio=2.0))
    assert real_answerer.ask(question, today=TODAY).text.startswith("1. ")


def test_a_second_question_of_an_asker_in_a_city_without_a_plan_is_answered_from_the_provinces_plan(real_answerer):
    # the licence question's clause also holds the loan measure for such sellers: both are answered, for the
    # asker in 郴州, from the province's plan
    question = "我在郴州一个人做直播带货，没有门面。能办个体户执照吗？做这行想贷款有没有支持？"
    answer = real_answerer.ask(question, today=TODAY)
    assert "个体工商户" in answer.text and "信贷服务" in answer.text
    assert {c.doc_id for c in answer.citations} == {"hunan-2021"}
    # a question searched by its own words keeps the city without a plan it names, as the asker's place (湘潭's
    # plan once answered the loan question of an asker in 郴州)
    ask = real_answerer.understand(question)
    part = real_answerer._own_words(ask, "我在郴州一个人做直播带货，没有门面。做这行想贷款有没有支持？")
    assert part.query.text.startswith("我在郴州")
    assert {c.doc_id for c in real_answerer.answer(part, Filters(), TODAY).citations} == {"hunan-2021"}


def test_each_question_of_a_message_gets_its_sentence_of_the_answering_clause(real_answerer, monkeypatch):
    # "市里支持这块业务吗？有没有人力资源产业园可以进驻？": the parks sentence answers the second question; the
    # same clause's sentence on 人才综合测评、高级人才寻访 answers the first
    question = "株洲做猎头和人才测评的公司，市里支持这块业务吗？有没有人力资源产业园可以进驻？"
    answer = real_answerer.ask(question, today=TODAY)
    assert "人力资源服务产业园" in answer.text and "高级人才寻访" in answer.text
    assert [c.clause_id for c in answer.citations] == ["zhuzhou-2025/2.6"]
    # a question the clause does not hold gets nothing from it ("公司想上市有没有辅导" after the talent clause): it
    # is answered on its own instead
    listing = real_answerer.ask("我们是长沙一家软件公司，刚挖来两个技术骨干。他们孩子上学有照顾吗？公司想上市有没有辅导？",
                                today=TODAY)
    assert "2. " in listing.text and "上市培育" in listing.text and "紧缺人才" not in listing.text
    # (the clause's other likely sentences, quoted beside the lead, would bring it too, and so would answering the
    # questions one by one, and the clause's sentences on the trade the asker tells, 人才测评: its story is no story)
    chooser = real_answerer.chooser
    monkeypatch.setattr(chooser, "config", dataclasses.replace(chooser.config, question_probability=2.0,
                                                               companion_ratio=2.0))
    monkeypatch.setattr(real_answerer, "_part_better_answered", lambda parts, whole, split: False)
    monkeypatch.setattr("assistant.query.self_description", lambda text: ())
    assert "高级人才寻访" not in real_answerer.ask(question, today=TODAY).text


def test_each_side_of_a_comparison_answers_every_question_asked(real_answerer):
    answer = real_answerer.ask("我们是做会展的，株洲和武汉两地对会展业各有什么目标？主要打造哪些品牌展会？", today=TODAY)
    lines = answer.text.splitlines()
    assert lines[0].startswith("- 株洲：") and "陶瓷产业博览会" in lines[0]
    assert lines[1].startswith("- 武汉：") and "光博会" in lines[1]
    # a later question asking the first again of one side ("武汉定的2027年目标又是多少？") adds nothing
    again = real_answerer.ask("湘潭2020年技术合同成交额是多少？武汉定的2027年目标又是多少？", today=TODAY)
    assert len(again.text.splitlines()) == 2 and len(again.citations) == 2


def test_an_idle_building_in_everyday_words_reaches_the_measure_on_existing_property(real_answerer):
    answer = real_answerer.ask("株洲一家机械厂，有几栋厂房闲着，想拿出来办个设计公司对外接活，政策上允许吗？", today=TODAY)
    assert "利用存量房产" in answer.text


def test_the_answering_clauses_other_sentences_on_what_was_asked_are_quoted_beside_it(real_answerer, monkeypatch):
    # the clause on law firms answers "数字法务" best; its sentence on small firms answers the second question
    question = "武汉一家小律所，主要做数据合规和电子证据，市里对律所发展有啥方向？小所有没有被提到？"
    answer = real_answerer.ask(question, today=TODAY)
    assert "数字法务" in answer.text and "小型律所" in answer.text
    assert [c.clause_id for c in answer.citations] == ["wuhan-2024/4.12"]
    # the province's land clause: leasing answers best, 点状供地 for scenic spots is the asker's own case
    land = "岳阳这边想在一个景区旁边搞个康养项目，整块拿地太贵了，有没有租地或者别的灵活供地办法？"
    assert "长期租赁" in (answer := real_answerer.ask(land, today=TODAY)).text and "点状供地" in answer.text
    # a sentence of the clause naming the asker's own county is quoted beside the measure that answers
    county = real_answerer.ask("我在醴陵开了个小物流公司，帮厂里拉货、做第三方配送，株洲市里对我们这种物流企业有啥扶持方向没？",
                               today=TODAY)
    assert "第三方物流" in county.text and "醴陵湘赣边多式联运物流园" in county.text
    # asked without the business told (律所 is 律师事务所 in the lexicon, whose sentence on small firms the question's
    # words now reach too)
    bare = "武汉对数字法务这类律所业务有啥方向？小所有没有被提到？"
    assert "小型律所" in real_answerer.ask(bare, today=TODAY).text
    # both mechanisms off, the companion sentence is gone
    chooser = real_answerer.chooser
    monkeypatch.setattr(chooser, "config", dataclasses.replace(chooser.config, companion_ratio=2.0,
                                                               question_probability=2.0))
    assert "点状供地" not in real_answerer.ask(land, today=TODAY).text


def test_an_outcome_asked_as_a_not_a_question_is_declined_with_the_target_the_plan_set(real_answerer):
    answer = real_answerer.ask("湘潭2025年服务业增加值到底达没达到1500亿元？", today=TODAY)
    assert answer.refused and answer.rule == "outcome"
    assert "实际完成情况" in answer.text and "1500亿元" in answer.text  # what the plan aimed at, quoted
    assert answer.citations[0].doc_id == "xiangtan-2021"
    # "到没到期" asks whether the plan is in force, not an outcome
    assert real_answerer.ask("长沙的计划到没到期？", today=TODAY).rule != "outcome"


def test_the_askers_own_figures_are_no_premise_about_the_plans(real_answerer):
    answer = real_answerer.ask("我们在武昌开了个小律所，就4个律师，武汉那个生产性服务业方案里对我们这样的小所有啥说法没",
                               today=TODAY)
    assert not answer.refused and "小型律所" in answer.text
    # a figure the asker puts as a question is checked against the plans all the same
    asked = real_answerer.ask("我是株洲一家零部件企业的财务负责人，想确认一下研发费用加计扣除比例是100%还是120%，有没有文件依据？",
                              today=TODAY)
    assert asked.refused and asked.rule == "figure_absent"


def test_two_figures_asked_at_once_from_two_sentences_of_a_clause_are_both_given(real_answerer):
    answer = real_answerer.ask("湘潭十四五服务业规划对软件和信息技术服务业总产值定的目标是多少？规上软件企业要达到几家",
                               today=TODAY)
    assert not answer.refused and "80亿元" in answer.text and "50家" in answer.text


def test_a_city_without_a_plan_is_named_once_and_pointed_to_the_provinces_clause_naming_it(real_answerer):
    answer = real_answerer.ask("衡阳市生产性服务业到2027年增加值目标是多少？衡阳有没有自己的三年行动计划", today=TODAY)
    assert answer.refused and answer.rule == "place_uncovered"
    assert "衡阳市、衡阳" not in answer.text and "不涉及衡阳市" in answer.text
    assert [c.doc_id for c in answer.citations] == ["hunan-2021"] and "衡阳" in answer.citations[0].text


def test_a_loan_subsidy_the_plan_never_mentions_is_said_to_be_absent_not_unquantified(real_answerer):
    answer = real_answerer.ask("株洲对生产性服务业企业贷款有没有贴息？能贴多少个点", today=TODAY)
    assert answer.refused and "没有提到贴息" in answer.text
    # a reward the plan gives in other words ("在专项资金中给予支持") is a measure whose amount is missing
    reward = real_answerer.ask("长沙对新升规入库的服务业企业，具体奖励多少钱？", today=TODAY)
    assert "提到了相关支持方向" in reward.text


def test_a_comparison_compares_figures_of_the_kind_asked_and_asks_no_year_twice(real_answerer):
    # 株洲's sentence states 1000亿元 before the share asked (47%左右)
    share = real_answerer.ask("株洲和武汉的生产性服务业占服务业增加值比重目标哪个高？", today=TODAY)
    assert share.text.startswith("比较：武汉的目标（60%以上）高于株洲（47%左右）")
    # a share of GDP against an amount: not counted alike
    contract = real_answerer.ask("长沙和武汉对技术合同成交额定的目标有啥不一样？", today=TODAY)
    assert "不能直接比较" in contract.text and "- 长沙：" in contract.text and "6%以上" in contract.text
    # "都是到哪一年": each side's figure states its year; nothing else is added
    years = real_answerer.ask("株洲和武汉的方案里，生产性服务业占服务业增加值的比重目标分别是多少？都是到哪一年", today=TODAY)
    assert len(years.text.splitlines()) == 2 and len(years.citations) == 2


def test_each_side_of_a_comparison_gets_the_sentence_of_its_clause_that_names_what_was_asked(real_answerer):
    # 武汉's best sentence is on AI in HR services; the businesses asked (猎头、管理咨询、人才测评) are in the
    # sentence beside it
    answer = real_answerer.ask("我们是做人力资源服务的，打算在长沙、株洲或者武汉开分公司，这几个地方分别重点支持人力资源服务里的"
                               "哪些业务？", today=TODAY)
    lines = answer.text.splitlines()
    assert [line[:5] for line in lines] == ["- 长沙：", "- 株洲：", "- 武汉："]
    assert "猎头" in lines[2] and "高级人才寻访" in lines[1]


def test_a_later_question_asking_the_year_of_each_sides_target_adds_no_past_figure(real_answerer):
    # "分别是哪一年？" names no subject of its own, and "各是多少，哪一年？" asks nothing of 2015–2020
    for question in ("湘潭和长沙对生产性服务业比重各定了什么目标？分别是哪一年？",
                     "哪些规划给生产性服务业占服务业的比重定了目标？各是多少，哪一年？"):
        answer = real_answerer.ask(question, today=TODAY)
        assert answer.text.count("- 湘潭") == 1 and "40:60" in answer.text, answer.text
        assert "2016年" not in answer.text and "2015年" not in answer.text


def test_a_target_asked_of_several_places_quotes_each_sides_figure(real_answerer):
    # 株洲's best sentence on HR services sets no figure; its clause's "到2027年建成20家产业学院" does
    answer = real_answerer.ask("人力资源服务方面，株洲和武汉各定了什么数字目标？", today=TODAY)
    lines = answer.text.splitlines()
    assert [line[:5] for line in lines] == ["- 株洲：", "- 武汉："]
    assert "20家产业学院" in lines[0] and "1000亿元" in lines[1]


def test_a_metadata_question_followed_by_another_kind_answers_both(real_answerer):
    answer = real_answerer.ask("长沙行动计划的发文字号是什么？社会物流总费用占GDP比重目标多少？", today=TODAY)
    first, second = answer.text.split("\n\n")
    assert first.startswith("1. ") and "长政办发〔2023〕24号" in first
    assert second.startswith("2. ") and "12.8%" in second
    # metadata asked twice stays one answer
    both = real_answerer.ask("株洲行动计划的文号是什么？什么时候印发的？", today=TODAY)
    assert not both.text.startswith("1. ") and "株政办发〔2025〕3号" in both.text and "2025年3月21日" in both.text


def test_a_department_asked_of_a_plan_that_assigns_none_says_so(real_answerer):
    # 湘潭's and the province's 十四五 plans list no 责任单位 under any task: the answer says so, quotes how the plan
    # assigns tasks, and points to the task's clause
    answer = real_answerer.ask("湘潭规划里推进家政进社区这件事归哪个部门管？", today=TODAY)
    assert answer.refused and answer.rule == "plan_unstaffed"
    assert "没有为各项任务指定牵头或责任单位" in answer.text and "责任分工" in answer.text
    assert [c.doc_id for c in answer.citations] == ["xiangtan-2021", "xiangtan-2021"]
    assert "家政" in answer.citations[1].text
    # "省十四五" names the province's plan
    province = real_answerer.ask("省十四五服务业规划里金融这块谁牵头？", today=TODAY)
    assert province.rule == "plan_unstaffed" and {c.doc_id for c in province.citations} == {"hunan-2021"}
    # who coordinates the plan as a whole is told by its organising clause
    whole = real_answerer.ask("湘潭服务业规划的落实由什么机构统筹协调？", today=TODAY)
    assert not whole.refused and "联席会议" in whole.text
    # a plan that assigns departments names them
    staffed = real_answerer.ask("长沙推进服务业标准化归哪个部门负责？", today=TODAY)
    assert not staffed.refused and "市市场监管局" in staffed.text


def test_the_city_asked_as_such_is_answered_from_its_own_plan(real_answerer):
    # "市里对……有什么打算": 株洲's own plan answers (优化商务、海关、税务、外汇等政务服务); the province's 跨境电商
    # sentence is not quoted beside it
    answer = real_answerer.ask("我们在株洲做跨境电商，主要往非洲卖陶瓷和日用品。市里对做外贸电商的有什么打算？"
                               "报关、退税、收外汇这些能不能更方便点？", today=TODAY)
    assert "外汇等政务服务" in answer.text
    assert {c.doc_id for c in answer.citations} == {"zhuzhou-2025"}


def test_the_province_whose_papers_are_asked_answers_a_city_asker(real_answerer):
    # the asker is in 长沙 and tells its trade; it asks what 湖南's papers say of power prices: the province's
    # 用电……与工业同价, not 长沙's cold-chain clauses
    answer = real_answerer.ask("我在长沙开冷链仓库的，每月电费好几万。湖南有没有文件说服务业电价能跟工业一样？", today=TODAY)
    assert "与工业同价" in answer.text and {c.doc_id for c in answer.citations} == {"hunan-2021"}


def test_everyday_words_reach_the_measure_the_plans_name_in_their_own_terms(real_answerer):
    # "白天托管几个小孩" is 家庭托育; "收旧冰箱旧洗衣机" is 废旧家电回收 (the lexicon, not the question's words)
    care = real_answerer.ask("我在长沙家里带着五六个小孩白天托管，想正规一点，湖南省里有什么规定或者支持？", today=TODAY)
    assert "家庭托育点登记备案制度" in care.text
    recycle = real_answerer.ask("我在湖南收旧冰箱旧洗衣机拆了再卖，省里对这种生意有没有提到？", today=TODAY)
    assert "废旧家电回收" in recycle.text and recycle.citations[0].doc_id == "hunan-2021"


def test_a_count_asked_across_places_gives_a_sides_count_beside_its_growth_rate(real_answerer):
    # 株洲 sets the growth of 规模以上服务业企业数量 (10%) and a count of 规模以上生产性服务业企业 (500家): a count
    # asked gets the count first, then the rate, each labelled
    answer = real_answerer.ask("长沙 株洲 湘潭三个市 规上服务业企业的数量目标各是多少啊", today=TODAY)
    zhuzhou = [line for line in answer.text.splitlines() if line.startswith("- 株洲")]
    assert len(zhuzhou) == 2 and "500家" in zhuzhou[0] and "10%" in zhuzhou[1]
    assert "2200家" in answer.text and "400家" in answer.text


def test_an_enterprises_two_questions_about_different_things_are_answered_each(real_answerer):
    # "培训" is in the first answer's clause (家政培训 standards) but a training class is answered by another
    # clause (家政企业开办职业培训, 岗前和“回炉”培训): each question is answered under its own heading
    answer = real_answerer.ask("在湘潭开家政公司的，最怕阿姨上户出了事扯皮。政府有没有支持我们买保险的？另外我想自己办"
                               "培训班培训阿姨，这个行不行？", today=TODAY)
    assert answer.text.startswith("1. ") and "\n\n2. " in answer.text
    assert "雇主责任保险" in answer.text and "回炉" in answer.text
    # a later question that only points back ("政府对我们主播这行有什么说法") is not split off
    one = real_answerer.ask("我在长沙做直播带货，没有实体店面，能不能用网店地址办个体户执照？政府对我们主播这行有什么说法？",
                            today=TODAY)
    assert not one.text.startswith("1. ") and "网络经营场所登记个体工商户" in one.text


def test_money_no_plan_grants_points_to_the_plans_safeguard_on_support_policies(real_answerer):
    # no clause is on a 落户 reward: besides the best clause found, the plan's safeguard that funds support
    # (武汉 六、保障措施: 强化政策激励) is the nearest place such money would be
    answer = real_answerer.ask("武汉对新落户的生产性服务业总部企业有没有落户奖励？最高能奖多少？", today=TODAY)
    assert answer.refused and answer.rule == "subsidy_kind_absent"
    assert "六、保障措施" in answer.text and answer.citations[-1].doc_id == "wuhan-2024"
    assert "政策激励" in answer.citations[-1].text


def test_money_a_clause_on_the_topic_does_not_size_points_to_the_funding_safeguard_too(real_answerer):
    # the 载体扩容 clause (楼宇) is about office space but grants no rent money: the safeguard on funds (保障措施) is
    # pointed to after it; the funding clause is not repeated when it is the nearest clause itself
    rent = real_answerer.ask("武汉对生产性服务业企业租写字楼有没有房租补贴？补多少？", today=TODAY)
    assert rent.refused and rent.rule == "subsidy_kind_absent"
    assert [c.clause_id for c in rent.citations] == ["wuhan-2024/5.16", "wuhan-2024/6"]
    # with no clause on the topic (主体培优育强工程 names 市政府办公室 only among its departments), the safeguard alone
    office = real_answerer.ask("株洲那边对生产性服务业企业有办公室房租补贴吗？能补多少？", today=TODAY)
    assert "强化政策引导" in office.text and len(office.citations) == 1
    fund = real_answerer.ask("长沙生产性服务业产业基金规模多大？", today=TODAY)
    assert fund.refused and [c.clause_id for c in fund.citations][0] == "changsha-2023/4.2"
    assert len({c.clause_id for c in fund.citations}) == len(fund.citations) == 2


def test_a_department_asked_of_a_task_whose_clause_names_none_says_so(real_answerer):
    # 长沙's plan names departments task by task, but not under its safeguards (保障措施): the 产业基金 clause lists
    # none, so the answer says so and quotes who organises the plan's tasks, not a neighbouring clause's units
    answer = real_answerer.ask("长沙要设的生产性服务业产业基金，是哪个部门牵头负责？", today=TODAY)
    assert answer.refused and answer.rule == "task_unstaffed"
    assert "没有写明牵头或责任单位" in answer.text and "加强财税金融支持" in answer.text
    assert "推进机制" in answer.text and "市发展改革委" in answer.text
    # a task named by the heading of a clause that lists departments is answered with them
    named = real_answerer.ask("长沙生产性服务业三年行动里的标准品牌工程 责任单位是哪几个", today=TODAY)
    assert not named.refused and "市市场监管局" in named.text


def test_figures_of_different_kinds_asked_in_one_question_are_each_given(real_answerer):
    answer = real_answerer.ask("湘潭2020年服务业增加值是多少，占GDP比重多少？", today=TODAY)
    assert not answer.refused and "999.21亿元" in answer.text and "42.7%" in answer.text


def test_a_later_question_ending_in_ne_asks_the_same_of_the_first_questions_subject(real_answerer):
    answer = real_answerer.ask("湖南2020年生产性服务业增加值是多少？到2025年占GDP比重目标呢", today=TODAY)
    first, second = answer.text.split("\n\n")
    assert "8633.9亿元" in first and "23%左右" in second and "53%" not in second


def test_a_want_told_in_the_description_gets_its_sentence_of_the_answering_clause(real_answerer):
    # the clause's best sentence is on non-audit business; the one on accountants versed in international rules
    # answers the lack told beside it
    answer = real_answerer.ask("武汉一家小会计师事务所，想往管理咨询方面转型；另外也缺懂国际业务的会计。市里有什么支持？",
                               today=TODAY)
    assert "非审计业务" in answer.text and "通晓国际商务规则" in answer.text


def test_two_needs_joined_in_one_question_are_each_answered(real_answerer):
    answer = real_answerer.ask("湘潭开家政公司的，政府对家政阿姨的培训和保险有什么说法？", today=TODAY)
    first, second = answer.text.split("\n\n")
    assert "培训" in first and "雇主责任保险" in second
    # a description told with joined words is no pair of needs ("一直按时还款、信用挺好")
    told = real_answerer.ask("株洲一家做物流的小企业，一直按时还款、信用挺好，市里有没有帮我们对接银行的办法？", today=TODAY)
    assert not told.text.startswith("1. ") and "融资需求白名单" in told.text


def test_a_comparison_of_several_sides_names_the_highest_or_says_they_are_equal(real_answerer):
    three = real_answerer.ask("长沙、株洲、武汉的生产性服务业占服务业增加值比重目标，哪个定得最高？", today=TODAY)
    assert three.text.startswith("比较：长沙的目标（65%以上）最高，其后依次为武汉（60%以上）、株洲（47%左右）")
    equal = real_answerer.ask("湘潭金融业占GDP比重的目标跟全省定的比，是高了还是低了？", today=TODAY)
    assert equal.text.startswith("比较：湘潭与湖南省的目标相同，均为6%左右")


def test_a_side_whose_target_the_sentence_model_is_sure_of_is_not_said_to_set_none(real_answerer):
    # the asker's own words ("职业学校", "合办", "各定了") are not in 株洲's sentence on 20家产业学院
    answer = real_answerer.ask("我们是一所职业学校，想和企业合办产业学院、搞产教融合。长沙和株洲在这方面各定了啥目标？",
                               today=TODAY)
    assert "20家产业学院" in answer.text and "没有提出" not in answer.text
    # a side found only so, beside a side not found, leaves the question to be answered as one (both sides)
    both = real_answerer.ask("服务业企业刚升规入统，长沙和株洲各自怎么说的？有没有奖励？", today=TODAY)
    assert "专项资金" in both.text and "争取省里奖励政策" in both.text
    assert [c.n for c in both.citations] == [1, 2] and both.text.index("[1]") < both.text.index("[2]")


def test_domestic_workers_in_everyday_words_reach_the_domestic_services_clauses(real_answerer):
    answer = real_answerer.ask("湘潭开家政公司的，阿姨上门干活出了事，保险这块政府怎么说？", today=TODAY)
    assert "雇主责任保险" in answer.text


def test_a_second_question_answered_by_another_top_clause_gets_that_clauses_sentence(real_answerer):
    # "几家大厂" tells a few, it asks no count; the white list is in another clause than the pledge loans
    answer = real_answerer.ask("我们在株洲做仓储配送，主要给几家大厂服务，钱都压在应收账款上。这些能拿去银行贷款吗？"
                               "另外听说信用好的企业能进个啥白名单？", today=TODAY)
    assert "应收账款" in answer.text and "融资需求白名单" in answer.text and "上市企业" not in answer.text


def test_a_department_asked_after_a_story_is_the_questions_task_not_the_storys(real_answerer):
    # the story's 职业技能培训 is 人力资源服务's; the question asks of 人才留株's reward (产业人才引育工程)
    answer = real_answerer.ask("我在株洲开了所职业技能培训学校，教数控、焊工，每年几百个学员，大多留在株洲本地上班。"
                               "听说市里鼓励人才留株，像我们这种培训机构能不能拿到奖励？是哪个部门在管？", today=TODAY)
    assert "“（七）产业人才引育工程”的责任单位为" in answer.text and "人力资源服务" not in answer.text


def test_a_department_asked_after_the_askers_trade_is_the_measures_not_the_trades(real_answerer):
    answer = real_answerer.ask("我在长沙开了家做品牌策划的公司，今年营收能过规上线了，听说进库政府会奖励，找哪个部门？",
                               today=TODAY)
    assert "实施主体培育工程" in answer.text and "上规入库" in answer.text


def test_a_decline_for_an_amount_quotes_what_the_clause_says_of_the_measure(real_answerer):
    # the measure exists, its amount does not: the decline says so and quotes the measure
    answer = real_answerer.ask("我们株洲一家物流公司今年刚升规，市里能奖多少钱？", today=TODAY)
    assert answer.refused and answer.rule == "amount_absent"
    assert "提到了相关支持方向" in answer.text and "其中写道：“" in answer.text and "争取省里奖励政策" in answer.text
    # the departments named are those of the nearest clause only
    fund = real_answerer.ask("长沙那个生产性服务业产业基金有多少钱，我们公司怎么申请？", today=TODAY)
    assert "设立生产性服务业产业基金" in fund.text and "市政府金融办" not in fund.text
    # a city without a plan is named once, and no other city's clause is pointed to
    city = real_answerer.ask("衡阳有没有生产性服务业的行动计划？衡阳生产性服务业占比目标多少？", today=TODAY)
    assert "衡阳、衡阳" not in city.text and {c.doc_id for c in city.citations} == {"hunan-2021"}


def test_whether_the_asker_qualifies_is_answered_with_the_measure_and_that_no_conditions_are_stated(real_answerer):
    answer = real_answerer.ask("武汉一个做产品外观设计的小团队，听说有个什么工业设计中心可以评，我们能不能评？", today=TODAY)
    assert "市级工业设计中心认定管理办法" in answer.text and "没有写明具体的认定、申请或入驻条件" in answer.text
    # a clause stating its condition ("在不改变用途的前提下") needs no such note
    stated = real_answerer.ask("长沙园区里的工业用地，能不能拿来盖公司总部？要满足什么条件？", today=TODAY)
    assert "前提下" in stated.text and "没有写明" not in stated.text


def test_staying_in_zhuzhou_in_everyday_words_reaches_the_plans_liuzhu(real_answerer):
    # the plan abbreviates 留在株洲 as 留株 ("对留株创业并取得较好成效的人才给予政策支持")
    answer = real_answerer.ask("株洲本地职院毕业的，开了个小公司，市里对我们这种留在株洲创业的有啥支持？", today=TODAY)
    assert "留株创业" in answer.text


def test_a_city_without_a_plan_named_only_as_where_the_asker_is_gets_the_provinces_measure(real_answerer):
    # the province's clauses naming 娄底/衡阳 speak of their position, not of 托育备案 or 发债增信
    childcare = real_answerer.ask("娄底的，在小区里办了个家庭托育点，带十来个一两岁的娃。想问下这种要不要去登记备案？",
                                  today=TODAY)
    assert "适用于娄底的省级规划" in childcare.text and "家庭托育点登记备案制度" in childcare.text
    bonds = real_answerer.ask("衡阳一家物流公司，想发债券融资，有没有政府的担保机构能帮着增信？", today=TODAY)
    assert "发债提供增信服务" in bonds.text and "区域综合物流枢纽" not in bonds.text
    # a figure asked of the city is the city's: the province's own target is not passed off as it
    figure = real_answerer.ask("常德市生产性服务业增加值2025年目标是多少？", today=TODAY)
    assert figure.refused and "23%" not in figure.text.split("最接近")[0]
    # a place beyond the province is a destination, not a place the province's plan applies to
    fair = real_answerer.ask("岳阳做工程咨询的公司，想去北京服贸会参展找项目，省里支持吗？", today=TODAY)
    assert "没有岳阳本级" in fair.text and "北京" not in fair.text.split("\n")[0]
    assert "积极参与中国国际服贸会" in fair.text


def test_questions_of_a_past_figure_and_of_a_target_get_both(real_answerer):
    answer = real_answerer.ask("湘潭2020年规模以上服务业企业有多少家？十四五规划定的目标是多少家？", today=TODAY)
    assert "284家" in answer.text and "400家规模以上服务业企业" in answer.text
    # a later question without a time of its own keeps the first's: one answer
    same = real_answerer.ask("湖南2020年服务业增加值多少？占GDP多少？", today=TODAY)
    assert "2.16万亿元" in same.text and "51.7%" in same.text and not same.text.startswith("1.")
    # a figure of the plan's review of the past is no target
    target = real_answerer.ask("湖南十四五信息服务业增加值目标", today=TODAY)
    assert "1200亿元" in target.text and "24.9%" not in target.text


def test_two_figures_of_one_long_sentence_are_both_kept(real_answerer):
    answer = real_answerer.ask("株洲到2027年湘粤非年度发运量目标是多少？跨境电商交易额目标呢？", today=TODAY)
    assert "1000列" in answer.text and "20亿元" in answer.text
    one = real_answerer.ask("株洲到2027年跨境电商交易额目标是多少", today=TODAY)
    assert "20亿元" in one.text and "1000列" not in one.text  # one asked: the parts around it only


def test_a_quoted_name_is_a_later_questions_own_subject(real_answerer):
    answer = real_answerer.ask("省里十四五服务业规划，服务业全员劳动生产率目标多少？“四上”企业要达到多少家？", today=TODAY)
    assert answer.status == "answered" and "17.5万元/人" in answer.text and "30000家" in answer.text


def test_a_part_pulled_away_by_the_askers_description_is_answered_by_its_own_words(real_answerer):
    answer = real_answerer.ask(
        "我们是株洲本地一家做人力资源服务的公司，主要做劳务派遣、技能培训和校园招聘，跟九郎山职教城的几所学校合作好几年了。"
        "想问两件事：一是我们这种帮着把技术人才留在株洲的企业，政府有没有奖励；二是市里有没有人力资源方面的产业园可以入驻？",
        today=TODAY)
    first, second = answer.text.split("\n\n2.")
    assert "留株就业创业贡献较大的本土院校、机构、企业给予适度奖励" in first and "产教融合" not in first
    assert "人力资源服务产业园" in second


def test_a_question_whose_sentence_a_later_questions_words_displace_is_answered_on_its_own(real_answerer):
    # Answered at once, 碳足迹 and 标准 pick 龙头企业参与碳足迹国家标准制定 for both questions; the first one alone
    # leads with its own clause's 参与行业标准的制订.
    answer = real_answerer.ask("我们在株洲做轨道交通配件，想牵头制定几个行业标准，市里支持吗？另外客户老问产品的碳足迹，"
                               "政府对这块有没有说法？", today=TODAY)
    first, second = answer.text.split("\n\n2.")
    assert "引导企业积极争取主导和参与国际标准、国家标准、行业标准、团体标准的制订" in first
    assert "碳足迹" in second and "碳足迹" not in first
    assert [c.clause_id for c in answer.citations] == ["zhuzhou-2025/3.3", "zhuzhou-2025/2.7"]


def test_a_part_does_not_quote_again_what_an_earlier_part_quoted(real_answerer):
    # The description both parts share pulls the training sentence into the 托育 part too.
    answer = real_answerer.ask("我在湘潭开家政公司，阿姨都是自己招的员工。想问两件事：一是给阿姨做培训政府有没有帮衬；"
                               "二是想顺带办个托育点，能不能办？", today=TODAY)
    first, second = answer.text.split("\n\n2.")
    assert "加大岗前培训和“回炉”培训" in first and "加大岗前培训" not in second
    assert "家庭托幼点" in second


def test_a_declined_message_gives_the_reason_of_every_question_it_asks(real_answerer):
    # declined as a whole for the amount; the list of the ten platforms is not in the plan either
    answer = real_answerer.ask("长沙要评的“十大优秀平台”具体是哪十个？入选了有多少钱的支持？", today=TODAY)
    assert answer.status == "declined" and answer.refused
    reasons = answer.text.split("最接近的相关条款")[0]
    assert reasons.index("没有逐一列出") < reasons.index("没有规定具体金额")
    assert "changsha-2023/3.4" in [c.clause_id for c in answer.citations]


def test_directions_asked_with_sha_are_the_clauses_measures(real_answerer):
    # "啥方向" asks what "什么方向" does: the trade clause's measures in its order, not its 2027 head-count target
    answer = real_answerer.ask("我们在武汉开了家做检验检测的小机构，市里对这行有啥方向？", today=TODAY)
    assert answer.text.startswith("加强国家、省级质检中心和重点实验室梯队建设")
    assert "800家" not in answer.text
    assert answer.text == real_answerer.ask("我们在武汉开了家做检验检测的小机构，市里对这行有什么方向？", today=TODAY).text


def test_every_want_told_in_a_message_gets_a_sentence_holding_its_words(real_answerer):
    # the insurance want is another bullet's; the answer spoke to the training want only
    answer = real_answerer.ask("我在湘潭开了个家政公司，想让阿姨们去学育婴和护理；另外想给阿姨们买保险。市里在这两方面"
                               "有没有说法？", today=TODAY)
    assert "知识型家政服务培训" in answer.text and "雇主责任保险" in answer.text
    # the park a software firm wants is another clause's than the patent loans it asks about
    answer = real_answerer.ask("我们是湘潭一家做工业软件的小公司，想找个软件企业集中的园区入驻；另外想拿专利去质押贷款，"
                               "市里有没有分担风险的办法？", today=TODAY)
    assert "知识产权质押" in answer.text and "工业软件园" in answer.text


def test_support_asked_for_by_name_leads_with_the_measure_granting_it_not_a_target(real_answerer):
    answer = real_answerer.ask("长沙做软件外包的小公司，今年营业额上来了，统计局说要把我们纳入规模以上企业，市里对这种服务业公司有没有奖励？",
                               today=TODAY)
    assert answer.text.startswith("比照工业企业升规政策，对新增上规入库的服务业企业")
    assert "2200家" not in answer.text


def test_validity_asked_with_shi_fou_is_a_metadata_question(real_answerer):
    answer = real_answerer.ask("请问《长沙市生产性服务业高质量发展三年行动计划（2023—2025年）》目前是否仍然有效？", today=TODAY)
    assert "有效至2026年7月31日" in answer.text and "65%" not in answer.text


def test_how_places_differ_is_said_first_with_each_places_own_words(real_answerer):
    answer = real_answerer.ask("服务业公司刚进规上，在长沙和在株洲分别能拿到什么支持？两边有啥区别？", today=TODAY)
    first = answer.text.split("\n")[0]
    assert first.startswith("区别：长沙是“由各行业主管部门在专项资金中给予支持”") and "株洲是“争取省里奖励政策”" in first
    same_words = real_answerer.ask("长沙和株洲分别对服务业新升规企业有什么支持", today=TODAY)
    assert not same_words.text.startswith("区别")  # no difference asked


def test_a_need_told_in_everyday_words_is_met_by_the_lead_clauses_sentence_holding_its_policy_term(real_answerer):
    # the sentence model gives the 便利服务 sentence little for the whole message; its rare term 子女就学 decides
    answer = real_answerer.ask("株洲做工业软件的，想从深圳挖个高级工程师过来，人家最关心房子和小孩读书的事。市里对我们这种企业引人有啥政策？",
                               today=TODAY)
    assert "高级工程师" in answer.text and "住房、医疗、子女就学等方面的便利服务" in answer.text


def test_a_figure_asked_for_the_end_of_the_period_after_the_period_itself(real_answerer):
    # "到期末" is "by the end of the period", no validity asked
    answer = real_answerer.ask("武汉生产性服务业实施方案的实施期是哪几年？到期末生产性服务业占服务业增加值比重要达到多少？",
                               today=TODAY)
    assert "2024—2027年" in answer.text and "60%以上" in answer.text


def test_a_county_asked_for_a_plan_of_its_own_is_told_the_citys_plan_applies(real_answerer):
    answer = real_answerer.ask("湘潭县有没有自己的服务业十四五规划？主要目标是什么？", today=TODAY)
    assert answer.refused and answer.rule == "local_level"
    assert answer.text.startswith("现有政策文件是省、市两级的规划和行动计划，没有湘潭县本级的规划或文件。")
    assert "适用于包括湘潭县在内的湘潭全市" in answer.text and "湘潭服务业发展规划已于2025-12-31到期" in answer.text
    assert answer.citations and "湘潭县" in answer.citations[0].text
    assert "其中写道：“湘潭县着重发展乡村旅游、农产品物流”" in answer.text  # the clause where it is the subject


def test_an_amount_the_asker_tells_of_itself_asks_no_figure(real_answerer):
    # "一年营收几百万" is told, not asked: no revenue target is wanted
    answer = real_answerer.ask("武汉做工程设备租赁的小公司，一年营收几百万，像我们这种小微企业，市里有没有什么培育的说法？",
                               today=TODAY)
    assert not answer.refused and "加强小微企业培育" in answer.text and "租赁商务" in answer.text


def test_a_plans_account_of_where_things_stand_is_no_measure(real_answerer):
    # 湘潭's 存在的主要问题 ("红色培训服务效益没有凸显") is a diagnosis, not support
    answer = real_answerer.ask("我们在韶山做红色研学和党性教育培训，也带旅游团，想试试接外国团。市里对我们这类机构有没有扶持？",
                               today=TODAY)
    assert "积极扶持本土红色教育培训机构" in answer.text and "没有凸显" not in answer.text


def test_directions_asked_of_a_trade_get_the_clauses_measures_not_its_target(real_answerer):
    answer = real_answerer.ask("我们是武汉一家小律所，就几个合伙人。市里对律师事务所这块有没有什么发展方向，像我们这种小所怎么定位？",
                               today=TODAY)
    assert "发展数字法务" in answer.text and "产业链+法律服务" in answer.text and "促进小型律所规范健康发展" in answer.text
    assert "700家" not in answer.text
    # a place's directions are the place's own, not a whole clause's
    place = real_answerer.ask("岳塘区在湘潭服务业布局里主要发展哪些方向？", today=TODAY)
    assert "岳塘区着重发展现代金融" in place.text


def test_which_plans_mention_a_long_term_counts_a_sentence_holding_its_words_apart(real_answerer):
    # 长沙: "开展知识产权质押、仓单质押……等多种方式的融资服务" holds 知识产权、质押、融资, not the term in one piece
    answer = real_answerer.ask("哪些规划提到了知识产权质押融资？", today=TODAY)
    assert "- 长沙行动计划：鼓励金融机构开展知识产权质押" in answer.text
    assert "湘潭服务业发展规划：完善知识产权质押融资风险分担机制" in answer.text

    # things named as alternatives: a plan naming either is listed (株洲: "专利权……等抵质押贷款业务"); 长株潭 listed
    # among places names its three cities
    answer = real_answerer.ask("长株潭、湖南省和武汉这几份文件里，哪些提到了专利或知识产权质押融资？", today=TODAY)
    assert {c.doc_id for c in answer.citations} == {"changsha-2023", "zhuzhou-2025", "xiangtan-2021", "hunan-2021",
                                                    "wuhan-2024"}
    assert "现有文件没有提出" not in answer.text


def test_a_size_told_is_no_need_and_the_trade_told_is_searched(real_answerer):
    # "就七八个人" tells a size: the asked part points back at the trade told before (节能诊断、碳排放)
    answer = real_answerer.ask("我们是株洲一家做节能诊断、帮工厂算碳排放的咨询公司，就七八个人，市里对我们这种业务有没有什么支持的方向？",
                               today=TODAY)
    assert "（七）低碳环保服务" in answer.text and "现代金融服务" not in answer.text


def test_a_target_naming_what_the_question_asks_for_is_quoted_beside_the_measure(real_answerer):
    # "有没有专门的产业园": the 2027 target builds one (打造1个以上跨境电商产业园); a target naming nothing asked
    # ("全市律师事务所超过700家" for a small firm asking what the plan says of it) only buries the measure
    park = real_answerer.ask("在株洲做跨境电商卖货到非洲，有没有专门的产业园或者物流通道？", today=TODAY)
    assert "湘粤非铁海联运国际物流通道" in park.text and "打造1个以上跨境电商产业园" in park.text
    firm = real_answerer.ask("我们是武汉一家只有五六个律师的小律所，主要给工厂和上下游企业当法律顾问，市里对我们这种小所有什么说法没有？",
                             today=TODAY)
    assert "促进小型律所规范健康发展" in firm.text and "700家" not in firm.text


def test_no_figure_asked_a_measure_of_the_targets_own_clause_leads_and_the_target_follows_when_it_is_asked_of(
        real_answerer):
    # the likeliest sentence is the clause's 2027 target; no figure is asked, so a measure of that clause leads
    firm = real_answerer.ask("武汉几个人的小律所，市里对小所有啥说法？", today=TODAY)
    assert firm.text.startswith("培育全国知名大所强所") and "促进小型律所规范健康发展" in firm.text
    assert "700家" not in firm.text  # the target names nothing the question asks
    # ... and the target follows the measure when it names what is asked ("政府项目", "BIM")
    bim = real_answerer.ask("我们是武汉一家建筑设计院，主推BIM正向设计，政府项目会不会要求用BIM？", today=TODAY)
    assert bim.text.startswith("构建建筑信息模型(BIM)项目全周期管理平台")
    assert "BIM模型的建模率达到80%以上" in bim.text


def test_measures_and_a_target_asked_together_both_answer(real_answerer):
    # "计划和目标": the 2027 exhibition targets beside the measure that leads; "要求或者目标": the BIM measure beside
    # the modelling-rate target, not the clause's likelier 双资质 measure, which names nothing asked
    fairs = real_answerer.ask("武汉一家做展台搭建的公司，听说市里要引进农机展这样的大展，接下来几年会展这块有什么计划和目标？",
                              today=TODAY)
    assert "引进中国国际农业机械展览会" in fairs.text and "350万平方米" in fairs.text
    bim = real_answerer.ask("武汉一家四十人的建筑设计公司，一直在做BIM，想多接政府投资的项目，市里对BIM有什么要求或者目标？",
                            today=TODAY)
    assert "建模率达到80%以上" in bim.text and "推进BIM技术应用" in bim.text and "双资质" not in bim.text
    # only the target asked: no measure is added
    target = real_answerer.ask("武汉到2027年各类展会活动总面积的目标是多少？", today=TODAY)
    assert "350万平方米" in target.text and "引进中国国际农业机械展览会" not in target.text


def test_a_difficulty_told_gets_the_sentence_of_the_answers_clause_that_meets_it(real_answerer):
    # "找银行借钱人家也不太理我们": the bank-credit sentence of the clause that answers the registration question
    team = real_answerer.ask("我在岳阳带几个主播做直播带货，没有实体店面，去办营业执照说要经营场所，很麻烦；找银行借钱人家也"
                             "不太理我们。省里对我们这种新冒出来的小团队有没有说法？", today=TODAY)
    assert "网络经营场所" in team.text and "鼓励商业银行推广线上线下融合的信贷服务" in team.text
    # "电费水费按商业价算，比隔壁工厂贵不少": beside the land measures, 用电、用水、用气与工业同价
    inn = real_answerer.ask("我们在张家界景区边上做旅游接待，想扩建几栋房子，可一整块地根本拿不到；而且酒店的电费水费按商业价"
                            "算，比隔壁工厂贵不少。省里有没有想过办法解决这些？", today=TODAY)
    assert "点状供地" in inn.text and "与工业同价" in inn.text


def test_the_sentence_naming_what_the_asker_describes_leads(real_answerer):
    # "直接用厂区里自己的地和房子" is the plan's 自有工业用地: that sentence leads, not the likelier 总部经济项目 one
    # that names only the topic (工业用地)
    answer = real_answerer.ask("我们是长沙一家机械厂，想把厂里的研发和检测部门拆出来单独成立一家公司，直接用厂区里自己的地和"
                               "房子，这样行不行？", today=TODAY)
    assert answer.text.startswith("鼓励工业企业依政策利用自有工业用地兴办自营生产性服务业企业")


def test_the_askers_trade_told_brings_no_sentence_of_another_clause(real_answerer):
    # "在长沙做冷链仓储的" is who asks; the question is the warehouse-receipt loan: no cold-chain land sentence
    answer = real_answerer.ask("在长沙做冷链仓储的，库里货多但没啥房产，能拿仓单去抵押贷款吗？", today=TODAY)
    assert "仓单质押" in answer.text and "冷链设施用地" not in answer.text


def test_metadata_asked_after_a_figure_is_of_the_plan_the_figure_question_names(real_answerer):
    # "……目标是多少？文号和印发日期也发我一下": both of the province's plan, the metadata part naming none itself
    answer = real_answerer.ask("省里十四五服务业规划定的服务业占GDP比重目标是多少？文号和印发日期也发我一下", today=TODAY)
    assert "湘政办发〔2021〕40号" in answer.text and "53%左右" in answer.text
    assert "株政办发" not in answer.text


def test_a_city_compared_with_the_province_gets_both_sides(real_answerer):
    answer = real_answerer.ask("湘潭十四五服务业规划定的服务业占GDP比重，跟省规划的目标比是高还是低？", today=TODAY)
    assert "50%左右" in answer.text and "53%左右" in answer.text
    assert {c.doc_id for c in answer.citations} >= {"xiangtan-2021", "hunan-2021"}


def test_the_provinces_plan_asked_about_a_city_quotes_its_clauses_naming_the_city(real_answerer):
    # the city has a plan of its own, but the question asks the province's plan about it: no comparison
    zhuzhou = real_answerer.ask("湖南省的服务业规划对株洲提了什么发展方向？", today=TODAY)
    assert zhuzhou.text.startswith("聚焦株洲·中国动力谷建设，推进株洲科技服务、信息服务、教育培训等发展")
    xiangtan = real_answerer.ask("省里对湘潭有什么定位？", today=TODAY)
    assert "推动湘潭大力发展红色旅游" in xiangtan.text and "现有文件没有提出" not in xiangtan.text
    assert {c.doc_id for c in xiangtan.citations} == {"hunan-2021"}
    # both plans asked side by side stay a comparison
    both = real_answerer.ask("省里和湘潭对养老分别怎么说？", today=TODAY)
    assert {c.doc_id for c in both.citations} == {"hunan-2021", "xiangtan-2021"}


def test_departments_asked_of_several_places_are_answered_for_each(real_answerer):
    answer = real_answerer.ask("株洲和武汉在人力资源服务上分别定了啥目标？各是谁负责", today=TODAY)
    assert "市人力资源社会保障局" in answer.text and "市人社局" in answer.text
    assert "20家产业学院" in answer.text and "1000亿元" in answer.text  # each clause's target, as asked
    assert {c.doc_id for c in answer.citations} == {"zhuzhou-2025", "wuhan-2024"}


def test_a_premise_about_another_plan_is_not_what_is_asked(real_answerer):
    # the premise's 文号 and plan name are 长沙's; the question asks 株洲's ("同类" refers back to the plan named)
    meta = real_answerer.ask("长沙那份生产性服务业三年行动计划的文号是长政办发〔2023〕24号，那株洲的同类计划文号是多少？",
                             today=TODAY)
    assert not meta.refused and "株政办发〔2025〕3号" in meta.text and "长政办发" not in meta.text
    # the premise's figure (the province's 11%) is no figure the asker says the plans state
    share = real_answerer.ask("省里的规划要求数字经济核心产业增加值占GDP比重超过11%，那长沙的行动计划里这个比重是多少？",
                              today=TODAY)
    assert not share.refused and "12%" in share.text


def test_the_askers_trade_named_again_in_the_question_is_the_task_whose_departments_are_asked(real_answerer):
    # "园区工厂" is only the asker's description; "这种物流企业" names the trade again: the logistics clause's
    # departments, not those of the software-park clause
    answer = real_answerer.ask("我们是株洲一家做第三方物流的小公司，主要给园区工厂做仓储配送。市里对我们这种物流企业有没有支持？"
                               "具体是哪些部门在管这块？", today=TODAY)
    assert "现代物流服务" in answer.text and "市交通运输局" in answer.text


def test_a_want_in_everyday_words_the_plans_never_use_is_answered_through_their_terms(real_answerer):
    # "夜宵街" is not a word of the plans; the lexicon gives 夜间餐饮, so the want is not taken as spoken to
    answer = real_answerer.ask("在湘潭开湘菜馆的，想做连锁、搞个中央厨房，还想到夜宵街开分店，规划里对餐饮怎么说？", today=TODAY)
    assert "中央厨房" in answer.text and "夜间餐饮特色街区" in answer.text


def test_a_decline_pointer_is_on_the_topic_by_what_the_clause_says_not_by_its_departments(real_answerer):
    # "办公室" is only in 市政府办公室 of the 主体培优育强工程 clause's departments: that clause is not about office
    # rent, so it is neither the nearest clause nor are its departments named
    answer = real_answerer.ask("株洲那边对生产性服务业企业有办公室房租补贴吗？能补多少？", today=TODAY)
    assert answer.refused and "主体培优育强工程" not in answer.text and "市政府办公室" not in answer.text
    # an agency asked about is matched in the department note ("市财政局制订的……": the 会计审计 clause, 市财政局)
    agency = real_answerer.ask("武汉市财政局制订的会计审计三年行动方案叫什么名字？", today=TODAY)
    assert "会计审计服务" in agency.text


def test_needs_joined_in_a_question_are_told_apart_by_their_own_words_not_the_description(real_answerer):
    # the description mentions 民宿 too; the two needs differ by 民宿 and 夜间餐饮, each answered
    answer = real_answerer.ask("我想在湘潭县乡下用闲置农房开个民宿；朋友在城里开湘菜馆想做夜宵生意。市里规划对民宿和夜间餐饮各有什么说法？",
                               today=TODAY)
    assert "民宿+研学" in answer.text and "夜间餐饮特色街区" in answer.text


def test_a_kind_of_support_never_mentioned_is_said_beside_the_missing_procedure(real_answerer):
    answer = real_answerer.ask("在武汉办知识产权质押贷款，政府给不给贴息？具体流程怎么走？", today=TODAY)
    assert answer.refused and "没有提到贴息" in answer.text and "申请流程" in answer.text


def test_a_grant_asked_yes_or_no_for_a_trade_the_city_plan_never_names_is_declined(real_answerer):
    # "有补贴吗" of a trade 武汉's plan never names: its 补贴 is no topic the plan holds through the lexicon's 支持
    answer = real_answerer.ask("武汉做家政服务的公司有补贴吗？", today=TODAY)
    assert answer.rule == "not_relevant" and "家政" in answer.text and "人力资源服务智能化" not in answer.text


def test_a_department_asked_of_a_task_in_a_loosely_named_plan(real_answerer):
    # "生产性服务业三年行动" names the plan: its words do not pull the plan's goals clauses over the task's
    answer = real_answerer.ask("长沙那个生产性服务业三年行动，物流服务那条的责任单位有哪些？", today=TODAY)
    assert answer.status == "answered" and "市政府物流口岸办" in answer.text
    named = real_answerer.ask("株洲的三年行动里对会展有什么目标？", today=TODAY)
    assert named.rule != "document_absent" and "会展" in named.text


def test_a_trade_asked_in_the_city_plans_words_is_not_said_unmentioned(real_answerer):
    # 个体户转企业 asked: 湘潭's plan says 转企升规, and that is the answer, not the province's under "没有提到个体"
    answer = real_answerer.ask("我在湘潭开了家个体小饭馆，湘潭对个体户转企业有没有支持？", today=TODAY)
    assert "没有提到" not in answer.text and "转企升规" in answer.text


def test_a_trade_the_plans_cannot_speak_of_is_declined_not_answered_with_other_measures(real_answerer):
    # 宠 is a character no clause uses: the measures found (会展, 工程设计) are matched by nothing asked
    pets = real_answerer.ask("我在武汉开了两家宠物店，做洗护和寄养。武汉现在对宠物服务这一行有啥扶持？", today=TODAY)
    assert pets.refused and pets.rule == "trade_absent" and "宠物" in pets.text
    # the pointer is the plan's measure for service enterprises of any trade, not the clauses matched by other words
    assert "实施主体培育工程" in pets.text and "会展" not in pets.text
    # a trade named by a word jieba tags a verb (殡葬/v before 服务); no clause's departments are offered for it, and the
    # province's plan, which applies in 长沙, is said silent too
    funeral = real_answerer.ask("长沙做殡葬服务的有什么政策？", today=TODAY)
    assert funeral.rule == "trade_absent" and "殡葬" in funeral.text and "责任单位" not in funeral.text
    assert "《湖南省“十四五”服务业发展规划》" in funeral.text.split("最接近")[0]
    # support asked yes or no, of the trade the story tells
    boarding = real_answerer.ask("我们在长沙开宠物寄养店，政府有没有补贴？", today=TODAY)
    assert boarding.rule == "trade_absent" and "宠物" in boarding.text
    # how much support asked for such a trade, told in a story naming plan words (出口, 非洲): the plans do not
    # mention the trade, not only the amount
    translation = real_answerer.ask("我们在长沙开了家小翻译公司，主要给出口企业和做非洲生意的客户做笔译、口译。"
                                    "市里对翻译公司有没有专门的补贴？一年能拿多少？", today=TODAY)
    assert translation.rule == "trade_absent" and "没有提到翻译" in translation.text
    assert "提到了相关支持方向" not in translation.text
    # 租车 uses characters the plans use (租赁商务): answered
    rental = real_answerer.ask("我在武汉开了家汽车租赁公司，算小微企业。我们这种租车的在不在扶持范围里？", today=TODAY)
    assert not rental.refused and "租赁商务" in rental.text


def test_a_part_is_never_left_with_nothing_quoted(real_answerer):
    answer = real_answerer.ask("我在长沙县做农产品冷链仓储，想再扩建一个冷库。现在卡在两件事上：一是冷库用地不好批，二是银行嫌我们没有房产"
                               "抵押，贷不到款。长沙的政策对冷库用地和这种融资有没有说法？库里存的货能拿去贷款吗？", today=TODAY)
    # (a part whose sentences an earlier part quotes keeps them: it was left with only its expiry note)
    assert not any(re.fullmatch(r"（[^（）]*到期）", line.strip()) for line in answer.text.splitlines())
    assert "仓单质押" in answer.text


def test_a_measures_departments_are_labelled_as_the_clause_names_them(real_answerer):
    # 武汉's clauses name a lead (牵头单位), not responsible units
    answer = real_answerer.ask("我们是江汉区一家五六个律师的小律所，武汉市里对律所有什么扶持方向？", today=TODAY)
    assert "（牵头单位：市司法局）" in answer.text and "责任单位：市司法局" not in answer.text


def test_the_province_is_its_plan_named_by_level_and_another_province_is_not_it(real_answerer):
    answer = real_answerer.ask("省服务业十四五规划对服务业增加值占GDP比重定的目标是多少？", today=TODAY)
    assert "53%" in answer.text and {c.doc_id for c in answer.citations} == {"hunan-2021"}
    answer = real_answerer.ask("广东省里服务业增加值占GDP比重的目标是多少？", today=TODAY)
    assert answer.rule == "place_uncovered" and "广东省" in answer.text


def test_a_place_presumed_to_have_no_plan_of_its_own_is_told_so(real_answerer):
    answer = real_answerer.ask("常德没单独出服务业规划吧？", today=TODAY)
    assert answer.rule == "place_uncovered" and "没有该地的政策文件" in answer.text


def test_a_part_pulled_to_an_earlier_parts_clause_by_the_askers_story_is_answered_by_its_own_words(real_answerer):
    # the story (节能诊断、碳核查) is no self-description: the financing question was answered by the 碳 clause again
    answer = real_answerer.ask("我们是株洲三四个人的小咨询公司，主要帮厂里做节能诊断、碳核查。株洲这份三年计划里对我们这行有啥支持方向？"
                               "还有银行老嫌我们轻资产不好放贷，市里在融资上有没有说法？", today=TODAY)
    first, second = answer.text.split("\n\n")
    assert "绿色低碳" in first and "融资需求白名单" in second


def test_a_first_question_the_answer_leaves_out_is_answered_on_its_own(real_answerer):
    # the answer spoke to the second question (冷链) only; the first (仓单) was left out
    answer = real_answerer.ask("我在长沙开冷库的，做生鲜冷链仓储带城配，手上一直压着客户的货。听说能拿仓单去银行贷款？"
                               "长沙对冷链物流这块有啥规划？", today=TODAY)
    first, second = answer.text.split("\n\n")
    assert "仓单质押" in first and "冷链" in second


def test_a_later_question_pointing_back_is_asked_of_the_first_questions_subject(real_answerer):
    answer = real_answerer.ask("在武汉开了家会计师事务所，就五六个人，平时给制造企业做审计。看新闻说市里在推生产性服务业，事务所算不算在"
                               "里面？这块是哪个部门牵头的？", today=TODAY)
    assert not answer.refused and "会计师事务所" in answer.text and "牵头单位为市财政局" in answer.text


def test_departments_asked_beside_a_figure_and_a_date_are_answered_with_the_target(real_answerer):
    answer = real_answerer.ask("长沙楼宇提质工程要打造多少栋星级楼宇？哪年完成？责任单位是谁？", today=TODAY)
    assert "责任单位为市发展改革委" in answer.text and "30栋" in answer.text


def test_an_outcome_asked_after_telling_the_plan_ended_is_declined_with_the_target(real_answerer):
    answer = real_answerer.ask("湘潭的十四五服务业规划已经到期了，规上服务业企业最后到底达到多少家没有？", today=TODAY)
    assert answer.refused and answer.rule == "outcome" and "400家" in answer.text


def test_registering_without_premises_is_found_from_everyday_words(real_answerer):
    answer = real_answerer.ask("我在怀化老家搞直播带货，没门面，就一个抖音号。想办个执照，没实体店能办吗？", today=TODAY)
    assert "网络经营场所登记个体工商户" in answer.text


def test_support_the_named_plan_holds_nothing_relevant_for_points_to_its_measures_for_any_trade(real_answerer):
    answer = real_answerer.ask("我在武汉开了几家洗车店，想做连锁，市里方案对洗车这行有专门扶持吗？", today=TODAY)
    assert answer.refused and answer.rule == "not_relevant" and "实施主体培育工程" in answer.text


def test_a_part_asking_two_things_is_numbered_under_the_part(real_answerer):
    answer = real_answerer.ask("我们在常德做数据标注外包，二十多个人，给外地公司做图片标注。常德好像没出专门的服务业文件，省里的规划里有没有"
                               "提到数据服务、服务外包这类？我们算不算被鼓励的方向？", today=TODAY)
    numbers = re.findall(r"(?m)^(\d+(?:\.\d+)?)\.? ", answer.text)
    assert len(numbers) == len(set(numbers)) >= 2  # one numbering: "1.", "1.1", "1.2", "2.", not "1." twice


def test_a_declined_measures_pointers_skip_the_plans_opening_chapter_and_name_its_funding(real_answerer):
    # 总体要求 says nothing of one measure's money; the safeguard on funds (六、保障措施) does
    rent = real_answerer.ask("武汉对生产性服务业企业有房租补贴吗？", today=TODAY)
    assert rent.refused and "总体要求" not in rent.text and "六、保障措施" in rent.text
    # "no reward or subsidy" is a money decline too
    repair = real_answerer.ask("我在武汉做设备维修，武汉的方案对维修这块有没有补贴？", today=TODAY)
    assert repair.refused and repair.rule == "funding_missing" and "六、保障措施" in repair.text


def test_a_question_naming_a_place_and_nothing_the_plans_speak_of_is_declined(real_answerer):
    # the place name matches the clauses and the encoder puts the question near one: neither is evidence
    for question in ("株洲有什么好吃的？", "帮我写一首关于长沙的诗"):
        answer = real_answerer.ask(question, today=TODAY)
        assert answer.refused and answer.rule == "not_relevant", question
    # a question in the plans' words still is answered, whatever jieba makes of its words ("律所有": 律/所有)
    answer = real_answerer.ask("武汉对小型律所有什么支持？", today=TODAY)
    assert not answer.refused and "律所" in answer.text


def test_a_share_of_another_base_is_not_listed_as_the_asked_share(real_answerer):
    # 湖南's target is of GDP (生产性服务业增加值占GDP比重23%), not of services value added
    answer = real_answerer.ask("哪些规划对生产性服务业占服务业增加值的比重提了目标？", today=TODAY)
    assert "65%" in answer.text and "47%" in answer.text and "60%" in answer.text
    assert "23%" not in answer.text


def test_a_support_answer_quotes_measures_not_the_goals_beside_them(real_answerer):
    # "金融机构贷款余额达5000亿元左右，年均增长8.2%以上" is what the plan aims at, nothing an enterprise can use
    answer = real_answerer.ask("我们是株洲一家做冷链配送的小公司，打算贷款买几台冷藏车，市里政策在融资上对我们有什么帮助？",
                               today=TODAY)
    assert "抵质押贷款" in answer.text and "5000亿元" not in answer.text


def test_a_figure_for_a_year_the_plan_does_not_set_is_declined_with_the_years_it_does(real_answerer):
    answer = real_answerer.ask("湖南省2030年服务业增加值占GDP比重要达到多少？", today=TODAY)
    assert answer.refused and answer.rule == "year_absent"
    assert "到2025年" in answer.text and "53%" in answer.text


def test_a_money_decline_says_what_the_plans_safeguard_does_say_of_money(real_answerer):
    # no rent subsidy: the funding safeguard it points to holds a principle, quoted, not an amount
    answer = real_answerer.ask("在武汉租写字楼的设计公司，市里方案有房租补助吗？", today=TODAY)
    assert answer.refused and "六、保障措施中只提出" in answer.text and "一个重点领域" in answer.text


def test_a_decline_names_whom_to_ask_without_burying_the_lead(real_answerer):
    # 株洲's 主体培优育强工程 lists thirteen responsible units: the pointer names the first ones, the lead first
    answer = real_answerer.ask("株洲对新升规入统的服务业企业奖励多少钱？", today=TODAY)
    assert answer.refused and "具体事宜可咨询该条款的责任单位：市发展改革委" in answer.text
    assert "等。" in answer.text and "经开区管委会" not in answer.text.split("具体事宜")[-1]


def test_a_question_naming_only_a_place_lists_the_documents_that_apply_there(real_answerer):
    answer = real_answerer.ask("株洲有什么规划？", today=TODAY)
    assert answer.status == "answered" and answer.rule == "place_overview"
    lines = answer.text.splitlines()
    assert "株政办发〔2025〕3号" in lines[1] and "湘政办发〔2021〕40号" in lines[2]  # its own plan, then the province's
    assert {c.doc_id for c in answer.citations} == {"zhuzhou-2025", "hunan-2021"}
    # a place and a topic the plans never speak of is no such question
    assert real_answerer.ask("长沙人口有多少？", today=TODAY).rule == "not_relevant"


def test_a_figure_another_clause_of_the_pool_states_repairs_the_answer(real_answerer):
    # "哪一年达到" picks 主体培优育强's year-led sentence on all 规上服务业企业; 主要目标 names the asked sector
    answer = real_answerer.ask("株洲的三年计划里，规上生产性服务业企业数量的目标定了多少家，哪一年达到？", today=TODAY)
    assert not answer.refused and "500家" in answer.text and "2027" in answer.text


def test_a_later_question_carrying_the_story_is_answered_on_its_own_when_it_repeats_the_first(real_answerer):
    # the second question carries "用厂里自己的工业用地来干这个" and was answered with the land clause again
    answer = real_answerer.ask("我们公司在长沙雨花区有个做电机的厂，厂里空着一块地，打算另外成立一家公司做仓储配送，专门服务周边"
                               "几家整车厂。用厂里自己的工业用地来干这个，政策上允许吗？仓库里压着的货能不能拿去做质押贷款？",
                               today=TODAY)
    assert "自有工业用地" in answer.text and "仓单质押" in answer.text


def test_asking_whether_a_trade_the_plans_never_name_is_covered_says_so_first(real_answerer):
    answer = real_answerer.ask("我们在武汉开了家婚庆公司，十几个人。市里的生产性服务业方案里有没有提到我们这一行？", today=TODAY)
    assert answer.text.startswith("现有政策文件没有专门提到“婚庆”这一行")
    named = real_answerer.ask("武汉一家小律所，五六个律师，我们这行算不算在方案里面？", today=TODAY)
    assert "没有专门提到" not in named.text and "律所" in named.text


def test_a_plan_of_a_period_the_library_does_not_hold_is_said_to_be_absent_first(real_answerer):
    answer = real_answerer.ask("株洲“十五五”的服务业规划出来了吗？2030年的目标是多少？", today=TODAY)
    assert answer.text.startswith("现有政策文件中没有“十五五”时期的规划；")


def test_an_indicator_asked_in_another_plans_words_is_answered_from_the_asked_plan(real_answerer):
    # 武汉 writes "生产性服务业占服务业增加值比重", 株洲 "生产性服务业增加值……占服务业增加值比重", 湖南 "占GDP比重":
    # each was declined when asked in another plan's wording of the same indicator
    wuhan = real_answerer.ask("武汉到2027年生产性服务业增加值占服务业增加值的比重要达到多少？", today=TODAY)
    assert not wuhan.refused and "60%以上" in wuhan.text
    zhuzhou = real_answerer.ask("株洲的生产性服务业占服务业增加值比重，2027年目标定的多少？", today=TODAY)
    assert not zhuzhou.refused and "47%左右" in zhuzhou.text
    hunan = real_answerer.ask("省里规划中生产性服务业增加值占地区生产总值比重是多少？", today=TODAY)
    assert not hunan.refused and "23%左右" in hunan.text
    # an indicator the asked plan does not set stays declined
    assert real_answerer.ask("武汉社会物流总费用占GDP比重到2027年要降到多少？", today=TODAY).refused


def test_a_share_set_as_a_structure_ratio_answers_the_share_question(real_answerer):
    # 湘潭 sets no "占服务业增加值比重"; its 生产性/非生产性服务业结构比 40:60 is that share
    single = real_answerer.ask("湘潭规划里，生产性服务业增加值占服务业增加值的比重到2025年要达到多少？", today=TODAY)
    assert not single.refused and "40:60" in single.text
    across = real_answerer.ask("各地规划对生产性服务业占服务业增加值的比重分别提了什么目标？", today=TODAY)
    xiangtan = next(line for line in across.text.splitlines() if "湘潭" in line)
    assert "40:60" in xiangtan


def test_a_short_form_of_the_plans_terms_is_read_as_the_term(real_answerer):
    # "生服" is how staff type 生产性服务业; the question was declined for want of a clause saying 生服
    answer = real_answerer.ask("株洲生服行动计划 规上生服企业2027年要到几家", today=TODAY)
    assert not answer.refused and "500家" in answer.text
    # and an amount the asked plan sets for another measure of the sector (营业收入) is no answer to its 增加值
    assert real_answerer.ask("武汉生服方案定的生产性服务业增加值是多少亿元？", today=TODAY).refused


def test_a_trade_the_asked_places_plan_never_names_is_declined_with_where_it_is_named(real_answerer):
    # the story's words matched a general clause of 武汉's plan, which never says 跨境 or 电商
    answer = real_answerer.ask("我们公司在武汉，做家居用品的跨境电商，十几个人。武汉市里对做跨境电商的有什么支持？", today=TODAY)
    assert answer.refused and answer.rule == "not_relevant"
    assert answer.text.startswith("《武汉市加快生产性服务业高质量发展实施方案（2024—2027年）》没有提到“跨境电商”")
    assert "长沙行动计划" in answer.text and "只适用于" in answer.text
    # the same story in 长沙, whose plan names it, is answered
    assert not real_answerer.ask("我们公司在长沙，做家居用品的跨境电商，十几个人。长沙市里对做跨境电商的有什么支持？",
                                 today=TODAY).refused


def test_a_department_question_asking_what_the_task_must_reach_quotes_its_dated_target(real_answerer):
    # 株洲 （四）会展服务 states its 2027 aim without a figure ("打造中部地区会展名城"); its measures were quoted
    answer = real_answerer.ask("株洲三年行动计划里会展服务由哪些单位负责？2027年要达到什么程度？", today=TODAY)
    assert "市商务局" in answer.text and "该条款提出的目标是：到2027年" in answer.text
    assert "中部地区会展名城" in answer.text


def test_what_the_business_does_is_no_need_and_its_told_needs_are_each_answered(real_answerer):
    # "平时给制造企业做合同审查和知识产权" tells what the firm does: 合同 and 知识产权 were searched as needs, and the
    # list quoted 技术合同成交额 instead of the sentence on small firms
    firm = real_answerer.ask("我们在武汉开了家律师事务所，七个律师，平时给制造企业做合同审查和知识产权，市里对小所有什么支持？",
                             today=TODAY)
    assert not firm.refused and "促进小型律所规范健康发展" in firm.text and "技术合同成交额" not in firm.text
    # two needs told, then "这两方面怎么讲": each need's measure, as for a support question
    needs = real_answerer.ask("我们公司在长沙做生鲜冷链，最近想新建保鲜仓库，用地一直批不下来；另外手头压了不少货，想用仓单找银行"
                              "贷款。长沙的生产性服务业计划里这两方面怎么讲？", today=TODAY)
    assert "冷链设施用地" in needs.text and "仓单质押" in needs.text


def test_support_asked_yes_or_no_is_answered_with_the_measure_not_the_goal(real_answerer):
    # "给不给支持" asks for support: it was read as a figure question ("够上规模") and answered with the clause's goal
    answer = real_answerer.ask("长沙一家做检测的公司，营收今年刚够上规模，入统以后市里给不给支持？", today=TODAY)
    assert "对新增上规入库的服务业企业" in answer.text and "达2200家" not in answer.text


def test_a_later_question_naming_its_topic_is_answered_by_that_topic_not_the_story(real_answerer):
    # "融资这块" names the topic (not a pointer back to the trade); the story's trade words (轨道交通, 售后) must not
    # pick the later question's sentence (售后服务网络 for 融资)
    answer = real_answerer.ask("我们在株洲做轨道交通装备的售后维修，常年跑外地项目，垫资多，资金周转很紧。"
                               "株洲对服务型制造有什么安排？融资这块有没有说法？", today=TODAY)
    assert answer.status == "answered"
    assert "融资需求白名单" in answer.text


def test_two_questions_split_by_a_semicolon_are_each_answered(real_answerer):
    # "……重点支持什么方向；还有……能不能办人才绿卡？": the trade's clause and the talent card, each quoted
    answer = real_answerer.ask("我们在长沙做企业培训和人才测评，四十来个人。市里对我们这行重点支持什么方向；"
                               "还有我们新招的一个博士能不能办人才绿卡？", today=TODAY)
    assert "测评" in answer.text and "人才绿卡" in answer.text
    assert len({c.clause_id for c in answer.citations}) >= 2


def test_a_plan_added_by_shunbian_is_answered_too(real_answerer):
    # "想开……，顺便把……改成中央厨房": the second plan is a want of its own, answered beside the first
    answer = real_answerer.ask("我在湘潭做湘菜快餐，开了三家店。想在莲城步行街那边再开一家夜宵店，"
                               "顺便把几家店的后厨并成一个中央厨房，市里有什么鼓励？", today=TODAY)
    assert "夜间餐饮" in answer.text and "中央厨房" in answer.text


def test_the_items_of_a_quoted_set_are_named_from_the_section_its_heading_names(real_answerer):
    # "“四区”具体是哪四个": the section "（四）推动“四区”协同" sets out one paragraph per area, each led by its name;
    # the count alone ("一核两副三带四区多点") is no answer, and no reason to decline
    answer = real_answerer.ask("湖南省规划提出的“四区”具体是哪四个？", today=TODAY)
    assert answer.status == "answered"
    for name in ("长株潭高端服务业核心区", "环洞庭湖商务商贸服务业协作区", "湘南制造服务业拓展区", "湘西特色文旅产业集聚区"):
        assert name in answer.text
    assert {c.clause_id for c in answer.citations} == {"hunan-2021/3.4"}


def test_a_department_named_in_the_tasks_own_sentence_answers_who_does_it(real_answerer):
    # no "（责任单位：…）" under 长沙's 监测评估 clause, but its sentence says who tracks the work
    answer = real_answerer.ask("长沙的行动计划里，政策落地情况的跟踪调度归哪个部门？", today=TODAY)
    assert answer.status == "answered" and "市发展改革委会同有关部门" in answer.text


def test_whether_a_plan_allows_something_it_never_mentions_is_declined_saying_where_it_is_named(real_answerer):
    # "能不能……同价": 武汉's plan never speaks of utility prices; the 湖南 plan does, for 湖南 only
    answer = real_answerer.ask("武汉服务业企业的用气价格能不能跟工业同价？", today=TODAY)
    assert answer.status == "declined" and "没有提到" in answer.text and "只适用于湖南省" in answer.text


def test_a_sectors_targets_come_from_the_sectors_own_clause(real_answerer):
    # the 物流 clause's figures, not the overall target listing 现代物流 among seven fields
    answer = real_answerer.ask("株洲现代物流这块定了哪些目标？", today=TODAY)
    assert "13%以下" in answer.text and answer.citations[0].clause_id == "zhuzhou-2025/2.3"


def test_a_sectors_targets_asked_whole_include_the_rest_of_the_goal_sentence(real_answerer):
    # "……年均增速达20%以上；培育……规模以上软件企业达50家": the sentence goes on after its semicolon
    answer = real_answerer.ask("湘潭软件和信息服务业的发展目标是多少？", today=TODAY)
    assert "80亿元" in answer.text and "50家" in answer.text
    # a figure named is answered alone
    named = real_answerer.ask("湘潭软件和信息技术服务业总产值目标是多少？", today=TODAY)
    assert "80亿元" in named.text and "50家" not in named.text


def test_a_quoted_slogan_is_defined_by_the_part_of_its_long_sentence_that_spells_it_out(real_answerer):
    # the 指导思想 paragraph is one 300-character sentence; "“1345”部署" is spelled out in five of its pieces
    answer = real_answerer.ask("湖南服务业规划提出的“1345”部署到底是哪几块内容？", today=TODAY)
    assert "“1345”部署，即打造“一核两副三带四区多点”新格局" in answer.text and "五大新支撑" in answer.text
    assert "习近平新时代" not in answer.text


def test_a_district_asked_about_is_answered_without_the_other_districts(real_answerer):
    # the district's own sentence leads, not the layout's general sentence, and the other districts' are left out
    answer = real_answerer.ask("湘潭规划的多区联动格局中，湘潭高新区主要发展什么服务业？", today=TODAY)
    assert answer.text.startswith("湘潭高新区着重发展软件和信息技术服务")
    assert "岳塘经开区" not in answer.text and "湘潭经开区" not in answer.text


def test_a_three_way_comparison_says_which_sides_are_equal_and_quotes_only_the_asked_indicator(real_answerer):
    # the plan named loosely ("服务业规划", "计划") is no part of the indicator (服务业增加值 is not 金融业增加值), and
    # "长沙的计划又定的多少" asks the same again of one more side, not a new question for every side
    answer = real_answerer.ask("湘潭和省里的服务业规划对金融业增加值占GDP比重定的一样吗？长沙的计划又定的多少？", today=TODAY)
    assert "湘潭与湖南省（均为6%左右）" in answer.text
    assert "53%" not in answer.text and "社会消费品零售总额" not in answer.text
    assert len(answer.citations) == 3


def test_a_past_periods_outcome_the_plan_reports_is_answered_not_declined(real_answerer):
    # the plans tell how the period before them went (发展成就): "实际达到多少" of 十三五 is answered from it; the
    # outcome of the plan's own period is not in it
    answer = real_answerer.ask("湘潭十三五期间服务业增加值实际达到多少？", today=TODAY)
    assert answer.status == "answered" and "999.21亿元" in answer.text
    after = real_answerer.ask("湘潭2025年服务业增加值最后完成了没有？", today=TODAY)
    assert after.status == "declined" and after.rule == "outcome"
    # no time named: a sentence telling it done ("圆满完成“十三五”国家服务业综合改革试点") answers
    done = real_answerer.ask("湖南是否已经是国家服务业综合改革试点省份？", today=TODAY)
    assert done.status == "answered" and "圆满完成" in done.text


def test_a_past_years_figure_is_answered_from_the_plans_review_not_a_target(real_answerer):
    # "2020年……占GDP比重的51.7%" is the review's figure; the 2025 targets are no answer for 2020; "十三五末" is 2020
    for question in ("湖南省2020年服务业增加值占GDP比重是多少？", "湖南十三五末服务业增加值占GDP比重有多高？"):
        answer = real_answerer.ask(question, today=TODAY)
        assert "51.7%" in answer.text and "到2025年" not in answer.text


def test_a_comparison_asking_what_target_keeps_a_side_that_sets_one_in_words(real_answerer):
    # 武汉 sets 会展 figures; 株洲's 会展 clause sets its target in words ("打造中部地区会展名城"): a target all the same
    answer = real_answerer.ask("株洲和武汉在会展方面分别定了什么目标？", today=TODAY)
    assert "会展名城" in answer.text and "350万平方米" in answer.text


def test_cities_compared_within_their_provinces_plan_are_answered_from_it(real_answerer):
    # 岳阳 and 衡阳 have no plan of their own, but the 湖南 plan names both ("两副"): no "不涉及岳阳、衡阳"
    answer = real_answerer.ask("湖南省服务业规划里，岳阳和衡阳的定位相比有什么不同？", today=TODAY)
    assert answer.status == "answered"
    assert "岳阳服务业对外开放桥头堡" in answer.text and "衡阳服务业融合发展先行区" in answer.text
    # each city named "分别" gets its own sentence ("怎么定位" asks of the places, it names no other topic)
    each = real_answerer.ask("省规划对岳阳和衡阳分别是怎么定位的？", today=TODAY)
    assert "岳阳服务业对外开放桥头堡" in each.text and "衡阳服务业融合发展先行区" in each.text
    # a covered city compared with one that has no plan is declined, saying the province's plan applies there
    other = real_answerer.ask("长沙和岳阳比，哪边对物流企业支持力度大？", today=TODAY)
    assert other.status == "declined" and "不涉及岳阳" not in other.text and "适用于包括岳阳在内的全省" in other.text


def test_a_task_pointed_at_as_that_item_of_the_plan_is_the_task_named(real_answerer):
    # "那一条" points at the clause the words before it name; its 一条 is not 株洲's "一条产业链" (会展服务)
    answer = real_answerer.ask("株洲现代物流服务那一条的责任单位有哪些？", today=TODAY)
    assert "“（三）现代物流服务”" in answer.text and "会展" not in answer.text


def test_a_citys_decline_points_to_its_own_clause_on_the_topic_before_the_provinces(real_answerer):
    # the province's 市场主体培育 clause was the only pointer on the topic; 株洲's 升规入统 clause says it in the plan's
    # words (新上规 → 升规入统)
    answer = real_answerer.ask("株洲的广告公司，营业额刚上规模，市里给新上规的企业奖多少钱？", today=TODAY)
    pointers = answer.text.split("最接近的相关条款：")[1]
    assert answer.refused and pointers.startswith("《株洲市生产性服务业高质量发展三年行动计划（2025—2027年）》（二）主体培优育强工程")


def test_two_tasks_asked_their_departments_at_once_get_each_tasks(real_answerer):
    answer = real_answerer.ask("株洲的会展服务和现代物流服务各由哪些单位负责？", today=TODAY)
    first, second = answer.text.split("\n\n")
    assert "（四）会展服务" in first and "（三）现代物流服务" in second
    assert "市商务局" in first and "市交通运输局" in second


def test_a_sectors_targets_asked_with_the_plan_named_and_a_year_include_the_rest_of_the_goal_sentence(real_answerer):
    # the plan named ("十四五服务业规划") and the year are no words of the sector asked
    answer = real_answerer.ask("湘潭“十四五”服务业规划对软件和信息技术服务业在2025年要达到的目标是什么？", today=TODAY)
    assert "80亿元" in answer.text and "50家" in answer.text


def test_the_items_of_a_quoted_set_that_a_part_of_the_plan_is_are_its_sections(real_answerer):
    # "五、实施服务业提质增效七大工程" holds no text of its own; its seven sections are the items
    answer = real_answerer.ask("湘潭规划提出的“七大工程”包括哪七个？", today=TODAY)
    assert answer.status == "answered"
    assert "（一）供给侧结构优化工程" in answer.text and "（七）新业态新模式培育工程" in answer.text


def test_two_needs_met_by_one_clause_get_a_sentence_each(real_answerer):
    # "企业法律顾问" (咨询服务) and "产业链上的法律服务" are both the law clause's: a sentence for each
    answer = real_answerer.ask("我在汉口有个五六人的律所，想多做企业法律顾问和产业链上的法律服务，武汉有什么支持方向？",
                               today=TODAY)
    assert "法律专业咨询服务" in answer.text and "产业链+法律服务" in answer.text
    assert "人力资源服务" not in answer.text


def test_a_support_list_quotes_the_sentence_on_the_askers_own_trade(real_answerer):
    # asked about 在线订餐、连锁 by a 湘菜 restaurant: the clause's 湘菜 sentence is the asker's own
    answer = real_answerer.ask("我在益阳开了三家湘菜馆，想做在线订餐和连锁，省里规划对餐饮有什么支持？", today=TODAY)
    assert "实施湘菜产业振兴行动" in answer.text and "连锁化经营" in answer.text
    # a 湘菜 chain: the answer's 连锁化经营 speaks of how it is run, not of its trade
    chain = real_answerer.ask("我们是常德一家湘菜连锁，开了五六家门店，想建个中央厨房统一配送，有没有相关的扶持政策？",
                              today=TODAY)
    assert "实施湘菜产业振兴行动" in chain.text and "发展中央厨房" in chain.text


@pytest.mark.parametrize("question, rule", [
    # when an application closes is a procedure, not a target year
    ("株洲服务型制造示范企业奖励申报的截止日期是什么时候？", "procedure"),
    # the date of a past approval needs that event dated, not the plan's "到2025年"
    ("湘潭的跨境电商综试区什么时候批复的？", "date_missing"),
    # a firm asked by name: "民营银行""财务公司" are kinds of firm, not one named
    ("武汉哪家银行负责科技型企业的贷款？", "operator_missing"),
    # a kind of favour asked with 什么 that no nearby clause gives
    ("武汉对会计师事务所有什么税收优惠？", "subsidy_kind_absent"),
    # whether a service is free
    ("湘潭的养老机构床位是免费的吗？", "fee_absent"),
    # the name of a thing is not a person's name
    ("株洲的工业设计公共服务平台叫什么名字？", "name_missing"),
    # a subsidy kind needs a sentence naming both: the 家政 clause's 培训 and its 社保补贴 are apart
    ("湘潭家政企业搞员工培训，有没有培训补贴？", "subsidy_kind_absent"),
    # how many so far ("……了"), not the target
    ("武汉被认定为专精特新企业的检验检测机构有多少家了？", "baseline_missing"),
])
def test_a_specific_the_plans_never_state_is_declined_by_its_own_rule(real_answerer, question, rule):
    answer = real_answerer.ask(question, today=TODAY)
    assert answer.status == "declined" and answer.rule == rule, (answer.rule, answer.text)


def test_the_target_set_then_is_no_baseline(real_answerer):
    # "当时定的目标" asks what the plan set when issued, not what there was then
    answer = real_answerer.ask("武汉生产性服务业占服务业增加值比重当时定的目标是多少？", today=TODAY)
    assert answer.status == "answered" and "60%以上" in answer.text
    answer = real_answerer.ask("株洲的生产性服务业增加值当时定的是多少？", today=TODAY)
    assert answer.status == "answered" and "1000亿元" in answer.text


def test_a_figure_at_the_plan_s_issue_is_its_baseline_not_its_target(real_answerer):
    # "规划出台时/编制时" asks the figure of the plan's base year, which its review states, not the target it sets
    share = real_answerer.ask("湖南服务业规划刚发布时，全省服务业占GDP的比重有多大？", today=TODAY)
    assert share.status == "answered" and "51.7%" in share.text and "53%" not in share.text
    firms = real_answerer.ask("湘潭那个十四五服务业规划制定的时候，全市规上服务业企业有几家？", today=TODAY)
    assert firms.status == "answered" and "284家" in firms.text and "400家" not in firms.text


def test_a_past_count_and_a_target_count_asked_in_one_sentence_are_both_answered(real_answerer):
    # "……有多少家，……达到多少家": two figures asked, split at the comma though a measure word follows 多少
    answer = real_answerer.ask("湘潭规模以上服务业企业2020年是多少家，到2025年计划达到多少家？", today=TODAY)
    assert answer.status == "answered" and "284家" in answer.text and "400家" in answer.text
    # the later question, given the first's subject to be answered, is headed by its own words as asked
    assert "\n2. 到2025年计划达到多少家" in answer.text


def test_every_figure_asked_of_a_topic_is_quoted_whole(real_answerer):
    # "跟物流有关的有哪几个数": the target sentence whole, not cut around one figure
    answer = real_answerer.ask("湘潭到2025年物流方面的目标有哪几个数字？", today=TODAY)
    assert "8000亿元" in answer.text and "11%" in answer.text and "位居全省前三" in answer.text


def test_a_support_list_leads_with_the_likeliest_sentence_of_its_first_measure(real_answerer):
    # the first measure's sentence on the asker's own trade (第三方物流) before the clause's earlier sentence
    answer = real_answerer.ask("我在株洲开了家小物流公司，做第三方物流，想接些跨境的单子，市里对物流企业有没有什么支持？",
                               today=TODAY)
    measure = answer.text.split("\n- ")[1]
    assert measure.index("鼓励发展第三方物流") < measure.index("搭建物流公共信息平台")


def test_a_plans_own_number_asked_beside_its_basis_is_given(real_answerer):
    # the 文号 asked before the basis is the plan's own; the one asked after it is the cited document's
    both = real_answerer.ask("株洲三年行动计划的文号和制定依据是什么？", today=TODAY)
    assert "株政办发〔2025〕3号" in both.text and "湘政办发〔2024〕31号" in both.text
    cited = real_answerer.ask("株洲三年行动计划是根据哪个文件制定的？文号多少？", today=TODAY)
    assert "湘政办发〔2024〕31号" in cited.text and "株政办发〔2025〕3号" not in cited.text
    # asked in a question of its own before the basis question: still the plan's own
    fields = real_answerer.ask("株洲生产性服务业三年行动计划的文号、印发日期和有效期分别是什么？是依据省里哪个文件制定的？",
                               today=TODAY)
    assert "文号为株政办发〔2025〕3号" in fields.text and "湘政办发〔2024〕31号" in fields.text


def test_a_count_asked_in_the_generic_measure_word_is_answered_in_the_plans_unit(real_answerer):
    # "定了多少个" is answered by "70家以上", not declined for want of a figure counted in 个
    answer = real_answerer.ask("株洲的两业融合共进试点单位，市里定了多少个？", today=TODAY)
    assert answer.status == "answered" and "70家以上" in answer.text


def test_a_figure_asked_from_its_base_year_gives_the_base_and_the_target(real_answerer):
    # "比重要" is 比重/要, and "从2020年的水平提高到多少" asks both the 2020 figure and the target
    answer = real_answerer.ask("湘潭服务业增加值占GDP比重要从2020年的水平提高到多少？", today=TODAY)
    assert "42.7%" in answer.text and "50%左右" in answer.text
    # 占比 is a share, not a comparison: a later question asking it is answered on its own
    two = real_answerer.ask("省里“十四五”服务业规划，服务业增加值占GDP比重要从2020年的水平提高到多少？"
                            "生产性服务业的占比目标又是多少？", today=TODAY)
    assert "51.7%" in two.text and "53%左右" in two.text and "23%左右" in two.text


def test_a_later_question_asking_yes_or_no_of_a_doubling_takes_the_first_ones_subject(real_answerer):
    # "是不是就是翻一番" names nothing of its own: the 旅游综合收入 target, not the 服务业增加值 one
    answer = real_answerer.ask("湘潭旅游综合收入比2020年翻一番是多少？规划里2025年定的目标是不是就是翻一番？", today=TODAY)
    assert "532.2亿元" in answer.text and "旅游综合总收入达到1000亿元以上" in answer.text
    assert "1500亿元" not in answer.text


def test_warehousing_and_delivery_told_is_the_plans_smart_warehousing(real_answerer):
    # 仓储配送 is 仓配 in the plans: 株洲's 智慧仓配 sentence beside the 第三方物流 one
    answer = real_answerer.ask("我在株洲开了家做第三方物流、仓储配送的公司，株洲对我们这种物流企业有啥支持方向？", today=TODAY)
    assert "鼓励发展第三方物流" in answer.text and "智慧仓配" in answer.text


def test_whether_the_plan_means_to_grow_the_askers_kind_is_no_definition_asked(real_answerer):
    green = real_answerer.ask("我们在株洲做节能改造和碳排放核算，公司不大。像我们这样的第三方服务机构，"
                              "算不算计划里要培育的？", today=TODAY)
    assert green.rule != "definition" and "节能环保工程承包商和综合服务商" in green.text


def test_several_plans_named_as_a_noun_ask_no_count(real_answerer):
    # "几个规划里，哪些……": 几个 of the plans named, not a count asked of the plans' text
    answer = real_answerer.ask("几个规划里头，哪些给会展业提了具体的量化目标？", today=TODAY)
    assert answer.rule != "count_missing"


def test_a_need_added_in_the_asking_sentence_after_a_want_told_is_met_too(real_answerer):
    # "想……，另外X有没有Y": the want told and the need added are answered each, the added one by its own clause
    answer = real_answerer.ask("湘潭的家政企业，想给阿姨们做育婴培训，另外阿姨们的保险有没有政策？", today=TODAY)
    assert "育婴" in answer.text and "雇主责任保险" in answer.text


def test_a_name_or_a_favour_the_plan_states_is_answered(real_answerer):
    named = real_answerer.ask("湘潭打造的红色旅游品牌叫什么？", today=TODAY)
    assert named.status == "answered" and "湘赣红" in named.text
    tax = real_answerer.ask("长沙的物流企业有没有税收优惠？", today=TODAY)
    assert tax.status == "answered" and "税收优惠" in tax.text


def test_a_term_asked_the_meaning_of_that_the_plan_does_not_define_is_said_undefined(real_answerer):
    slogan = real_answerer.ask("株洲文件里讲的“一条产业链+一个专业展会”是什么意思？", today=TODAY)
    assert "推广“一条产业链+一个专业展会”发展模式" in slogan.text
    assert "没有对“一条产业链+一个专业展会”的含义作进一步解释" in slogan.text
    defined = real_answerer.ask("湖南规划里的“1345”部署是什么意思？", today=TODAY)
    assert "即打造“一核两副三带四区多点”新格局" in defined.text and "进一步解释" not in defined.text


def test_a_task_named_by_a_clause_heading_gets_that_clauses_lead_department(real_answerer):
    # 保障措施 ("各行业主管部门牵头负责……检验检测……") ranks first but the task has a clause of its own
    task = real_answerer.ask("武汉生服方案检验检测这条由谁牵头？", today=TODAY)
    assert "“（二）发展技术先进的检验检测服务”的牵头单位为市市场监管局" in task.text
    # the whole plan's coordination is that general clause's own: 实施 of 实施方案 names no task
    whole = real_answerer.ask("整个武汉生产性服务业方案的落地实施由哪个部门统筹？", today=TODAY)
    assert "市发改委统筹抓好方案落地实施" in whole.text


def test_a_trade_told_with_two_lines_of_business_is_the_askers_story_not_two_needs(real_answerer):
    # "一家做工业设计和品牌策划的公司，" says who asks; the need is what comes after (新上规的企业)
    answer = real_answerer.ask("株洲一家做工业设计和品牌策划的公司，今年营收能上规模了，新上规的企业市里给什么支持？",
                               today=TODAY)
    first = answer.text.split("\n- ")[1]
    assert first.startswith("（二）主体培优育强工程") and "新升规入统的企业" in first


def test_figures_alone_asked_of_every_side_drop_a_sides_sentences_without_one(real_answerer):
    figures = real_answerer.ask("株洲和武汉的人力资源服务业分别定了哪些数量目标？", today=TODAY)
    assert "到2027年建成20家产业学院" in figures.text and "1000亿元" in figures.text
    assert "培育壮大人力资源服务行业领军和骨干企业" not in figures.text
    plans = real_answerer.ask("株洲和武汉在人力资源服务上分别有什么打算，有没有数字目标？", today=TODAY)
    assert "培育壮大人力资源服务行业领军和骨干企业" in plans.text


def test_the_firms_there_are_now_are_a_list_the_plans_do_not_give(real_answerer):
    answer = real_answerer.ask("想了解一下，长沙目前已经有哪些国家级服务型制造示范企业？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "names_missing"


def test_a_share_target_of_a_subject_only_another_plan_sets_is_not_answered_with_another_subjects(real_answerer):
    # 株洲's general target lists 会展服务 among its sectors, but sets no 会展业 share; 长沙 does
    answer = real_answerer.ask("株洲对会展业增加值占服务业增加值比重有没有定目标？是多少？", today=TODAY)
    assert answer.refused and "47%" not in answer.text and "长沙" in answer.text


def test_a_trade_word_before_you_is_not_cut_into_all(real_answerer):
    # jieba cut "律所有" as 律/所有 and the question found nothing
    answer = real_answerer.ask("武汉对律所有什么支持？", today=TODAY)
    assert answer.status == "answered" and "律所" in answer.text


def test_whether_a_trade_has_support_of_its_own_says_the_plans_never_name_it(real_answerer):
    answer = real_answerer.ask("我们在湘潭做翻译和本地化，市里对翻译公司有专门扶持吗？", today=TODAY)
    assert answer.text.startswith("现有政策文件没有专门提到“翻译")


def test_a_department_asked_of_no_task_of_its_own_is_the_earlier_questions_clauses(real_answerer):
    answer = real_answerer.ask("我们在武汉做展台搭建，平时接农机展的活。武汉会展方面准备重点引进哪些展会？要对接的话找哪个部门？",
                               today=TODAY)
    assert "市商务局" in answer.text and "市数据局" not in answer.text


def test_a_department_answer_quotes_the_clauses_sentence_on_the_askers_trade(real_answerer):
    answer = real_answerer.ask("我在武汉开了个三四人的小律所，政府对小所有啥说法？归哪个部门管？", today=TODAY)
    assert "市司法局" in answer.text and "促进小型律所规范健康发展" in answer.text


def test_a_trade_the_citys_plan_never_names_is_answered_from_the_province_under_a_note(real_answerer):
    answer = real_answerer.ask("我们在株洲开了两家养老院，市里对养老机构有啥扶持？", today=TODAY)
    assert answer.text.startswith("《株洲行动计划》没有提到“养老")
    assert all(c.doc_id == "hunan-2021" for c in answer.citations) and "养老" in answer.text


def test_a_firm_telling_a_trade_its_citys_plan_never_names_gets_the_provinces_clause_under_a_note(real_answerer):
    # no "市里" asked: the firm of 株洲 told its trade (户外广告, a noun holding 广告), which only the province's plan
    # names; not 株洲's 普惠金融
    answer = real_answerer.ask("株洲一家做户外广告的小公司，有啥扶持？", today=TODAY)
    assert answer.text.startswith("《株洲行动计划》没有提到“广告")
    assert all(c.doc_id == "hunan-2021" for c in answer.citations) and "广告" in answer.text


def test_a_plan_asked_of_a_trade_is_no_question_whether_the_trade_is_covered(real_answerer):
    # "这行有什么打算" holds 算 in 打算; 代理 of 专利代理 is not said to be unnamed
    answer = real_answerer.ask("武汉做专利代理的，市里对这行有什么打算？", today=TODAY)
    assert "没有专门提到" not in answer.text and "知识产权" in answer.text


def test_a_unit_spun_off_in_everyday_words_finds_the_plans_spin_off_clause(real_answerer):
    answer = real_answerer.ask("株洲做检测的，想把厂里的检测中心单独拎出来，有支持吗？", today=TODAY)
    assert "裂变转注为独立企业法人" in answer.text


def test_an_exhibition_of_one_industry_in_everyday_words_is_the_plans_one_chain_one_fair(real_answerer):
    answer = real_answerer.ask("株洲做展台搭建的，想围着本地硬质合金产业办个专门的展，市里支持吗？", today=TODAY)
    assert "一条产业链+一个专业展会" in answer.text


def test_what_is_required_is_answered_with_the_figures_required(real_answerer):
    # "有哪些具体要求" asks the target too: the BIM modelling rate, not only the platform
    answer = real_answerer.ask("武汉在推BIM，对设计院有哪些具体要求？", today=TODAY)
    assert "建模率达到80%以上" in answer.text


def test_an_askers_want_is_not_answered_from_the_plans_account_of_where_things_stand(real_answerer):
    # the 存在的主要问题 clause on 固定资产投资 was cited beside the 普惠金融 one
    answer = real_answerer.ask("我在湘潭开了家信息技术公司，规模小，固定资产投资也少，湘潭有没有融资支持？", today=TODAY)
    assert "融资" in answer.text and all("现实基础" not in c.section for c in answer.citations)
    assert any("现实基础" in c.section for c in real_answerer.ask("湘潭服务业存在哪些短板？", today=TODAY).citations)


def test_a_business_named_with_its_centre_is_its_trade(real_answerer):
    # "体检中心" is a 体检 business: the plan's "健康管理（体检）机构" names it
    answer = real_answerer.ask("我们在湘潭开了家体检中心，规划里有没有提到我们这一行？", today=TODAY)
    assert "没有专门提到" not in answer.text and "（体检）机构" in answer.text


def test_a_trade_no_plan_of_the_place_names_told_before_a_bare_question_is_declined(real_answerer):
    answer = real_answerer.ask("武汉这边做养老服务的，市里有什么政策？", today=TODAY)
    assert answer.refused and "没有提到“养老" in answer.text


def test_whether_a_plan_still_holds_asked_in_everyday_words_is_answered_with_its_validity(real_answerer):
    answer = real_answerer.ask("湖南十四五服务业规划是哪天印发的？现在还管用吗？", today=TODAY)
    assert "2021年8月12日" in answer.text and "目前已失效" in answer.text


def test_what_the_asker_heard_of_is_the_subject_of_the_question_after_it(real_answerer):
    # "听说……质检中心，具体是哪几个？" asks the names; the figure asked next does not answer it
    answer = real_answerer.ask("我们在武汉做检测的。听说市里要建几个国家级质检中心，具体是哪几个？检验检测机构到2027年要发展到多少家？",
                               today=TODAY)
    assert "国家通信光器件产品质检中心" in answer.text and "800家以上" in answer.text


def test_when_a_plan_starts_is_its_validity_not_a_missing_date(real_answerer):
    answer = real_answerer.ask("株洲那个生产性服务业行动计划是哪一年开始实施的？", today=TODAY)
    assert answer.status == "answered" and "自公布之日起施行" in answer.text


def test_two_figures_asked_in_one_sentence_are_answered_each(real_answerer):
    answer = real_answerer.ask("湖南服务业增加值占GDP的比重，2020年是多少，2025年定的目标是多少？", today=TODAY)
    assert answer.status == "answered" and "51.7%" in answer.text and "53%左右" in answer.text


def test_the_askers_headcount_is_not_what_the_question_is_about(real_answerer):
    # "三十来个人": its 三十/个人 match a plan's numerals and words; the asker's trade picks the clause
    answer = real_answerer.ask("我们在株洲做节能诊断和碳核查，三十来个人，市里对这块有没有扶持方向？", today=TODAY)
    assert answer.status == "answered"
    assert answer.citations[0].clause_id == "zhuzhou-2025/2.7" and "指导思想" not in answer.text


def test_a_trades_direction_asked_beside_a_loan_is_answered_by_the_trades_clause(real_answerer):
    # the whole message answered at once quotes the loan clauses only; the first question alone is answered by the
    # 低碳环保服务 list item, whose sentence is the one the sentence model ranks first for it
    answer = real_answerer.ask("我们在株洲帮企业做能耗诊断和碳核算，市里对这类服务公司有什么扶持方向？"
                               "做绿色改造项目想找银行借钱，有没有门路？", today=TODAY)
    assert answer.status == "answered"
    assert "zhuzhou-2025/2.7" in [c.clause_id for c in answer.citations] and "绿色金融" in answer.text


def test_a_question_ended_by_a_semicolon_before_a_story_and_a_question_is_answered_too(real_answerer):
    answer = real_answerer.ask("株洲做会展服务的，市里这几年重点办哪些展会；另外我们想兼并一家外地同行，市里支持吗？",
                               today=TODAY)
    assert "轨道交通" in answer.text and "兼并重组" in answer.text


def test_a_later_question_is_answered_by_the_sentence_of_the_earlier_clause_that_answers_it(real_answerer):
    # the second question carries the story that pulled the first to the 农机 clause; its own words alone find
    # 网络经营场所登记个体工商户, while the same clause's 云平台 sentence is the likeliest for it
    answer = real_answerer.ask("岳阳乡下开农机维修店，还帮人代耕代收，想把生意做大，省里对农机服务这类有没有扶持方向？"
                               "有没有线上平台可以接活？", today=TODAY)
    assert "云平台" in answer.text and "网络经营场所" not in answer.text


def test_a_need_named_by_a_later_question_is_met_alone_only_when_the_whole_answer_never_speaks_of_it(real_answerer):
    # the whole answer shares 绿色 and 改造 with the loan question, so it looks answered; it holds no word of a loan
    question = "另外客户做节能改造，有没有什么绿色贷款之类的能帮他们解决钱的问题？"
    whole = "鼓励工业园区组织企业持续实施绿色低碳技术改造。"
    alone = "实施绿色金融跃升行动，建立绿色信贷企业库和项目库。"
    assert real_answerer._need_met_alone(question, whole, alone)
    assert not real_answerer._need_met_alone(question, whole + "拓宽服务业融资渠道。", alone)
    assert not real_answerer._need_met_alone(question, whole, "推进园区循环化改造。")
    assert not real_answerer._need_met_alone("株洲对绿色低碳服务主要想发展什么？", whole, alone)
    # words that say who asks ("小公司" → 普惠金融) or only ask ("哪些方向" → 重点发展) name no need
    assert not real_answerer._need_met_alone("我们这种搭建的小公司能不能跟着沾点光？", whole, "创新普惠金融服务。")
    assert not real_answerer._need_met_alone("市里对我们这行鼓励往哪些方向发展？", whole, "重点发展测评等中高端业态。")


def test_a_department_asked_after_other_questions_of_the_task_quotes_a_sentence_for_each(real_answerer):
    # "鼓励做哪些新业务" and "对小律所有什么说法" ask two sentences of the 法律服务 clause; the department answer had
    # quoted the one the story picks for both
    answer = real_answerer.ask("我在武汉开律所，就两个律师，案源都被大所拿走了。武汉对法律服务鼓励拓展哪些新业务？"
                               "对小律所有没有什么说法？这块归哪个部门牵头？", today=TODAY)
    assert answer.intent == "department" and "市司法局" in answer.text
    assert "小型律所" in answer.text and "产业链+法律服务" in answer.text


def test_a_specific_of_a_measure_asked_of_a_city_without_a_plan_says_so_first(real_answerer):
    # the "measure never mentioned" reason replaced the whole decline text, the missing plan with it
    answer = real_answerer.ask("邵阳对电商企业的房租补贴标准是怎么规定的？", today=TODAY)
    assert answer.status == "declined"
    assert answer.text.startswith("现有政策文件中没有邵阳")


def test_a_later_question_after_a_story_an_earlier_question_asks_about_is_answered_on_its_own(real_answerer):
    # the told 用地/水电 difficulties are the first question's; carried into the second, they pulled it to the same
    # clause (价格改革, 点状供地) and the direction asked went unanswered
    answer = real_answerer.ask("我在常德开了一家养老院，四十张床，想再办一家。可是找地很难，商业用地太贵，水电也是按商业价交的，"
                               "负担很重。想问省里的服务业规划对养老机构在用地和水电价格上有什么说法？省里鼓励养老机构往哪些方向发展？",
                               today=TODAY)
    assert "与工业同价" in answer.text and "规模化、连锁化" in answer.text
    assert "\n2. 省里鼓励养老机构往哪些方向发展" in answer.text


def test_a_later_question_naming_nothing_of_its_own_asks_the_one_before_again(real_answerer):
    from assistant.understand import question_segments
    restated = "株洲做家政的，想给阿姨们买意外险，这个能有补贴吗？政府有这方面的说法吗？"
    assert len(real_answerer._restatements_folded(question_segments(restated))) == 1
    # a later question with a subject of its own (冷库, 用地) is a question of its own
    two = "长沙做冷链仓储的小公司。市里对冷链物流这块有啥打算？我们还想再建个冷库，用地上有没有什么说法？"
    assert len(real_answerer._restatements_folded(question_segments(two))) == 2


def test_a_department_asked_in_the_same_question_as_another_thing_answers_that_thing_too(real_answerer):
    question = "株洲做展台的小公司，想了解市里这几年重点要办哪些展会，该去找哪个部门？"
    ask = real_answerer.understand(question)
    clause = real_answerer.retriever.corpus.clause("zhuzhou-2025/2.4")
    # the piece asking which exhibitions gets its likeliest sentence of the task's clause: the list of them
    assert any("博览会" in s for s in real_answerer._other_questions_sentences(ask, clause, ""))
    assert real_answerer._other_questions_sentences(real_answerer.understand("株洲会展服务归哪个部门管？"), clause, "") == []


def test_a_grant_asked_of_is_quoted_by_its_own_sentence_in_the_decline(real_answerer):
    answer = real_answerer.ask("我们是株洲一家做咨询的公司，今年营收涨上来了，刚进了统计局规模以上名单。市里奖励多少？找谁领？",
                               today=TODAY)
    assert answer.status == "declined"
    # what the plan says of the reward (it seeks the province's), not the clause's growth target
    assert "争取省里奖励政策" in answer.text and "年均增长10%" not in answer.text


def test_the_askers_trade_sentence_is_read_from_its_trade_not_from_its_customers(real_answerer):
    answer = real_answerer.ask("株洲做第三方物流的，主要给醴陵的陶瓷厂发货。市里对我们这种物流公司有什么支持方向？归哪些部门管？",
                               today=TODAY)
    assert "鼓励发展第三方物流" in answer.text and "市交通运输局" in answer.text
    # 醴陵 and 陶瓷 are the customers': the infrastructure sentence naming 醴陵's logistics park is not the trade's
    assert "醴陵湘赣边多式联运物流园" not in answer.text


def test_the_askers_trade_sentence_is_a_measure_not_the_trades_target(real_answerer):
    from assistant.retrieve import Hit
    ask = real_answerer.understand("我在汉口开了家只有三个律师的小律所，武汉对律所有什么支持方向？")
    corpus = real_answerer.retriever.corpus
    clause = corpus.clause("wuhan-2024/4.12")
    own = real_answerer._own_trade_sentence(ask, Hit(0, 0.0, clause, corpus.document(clause.doc_id), {}),
                                            "推进“产业链+法律服务”，打造具有示范引领性的产业链法律服务品牌。")
    assert own is not None and "小型律所" in own and "700家" not in own


def test_a_sole_trader_turning_into_a_company_is_the_plans_ge_zhuan_qi(real_answerer):
    # "转为公司" in everyday words is 个转企 / 转企升规 (湘潭 五（一）4), asked after another question
    answer = real_answerer.ask("我在湘潭县开了个农家乐，现在是个体户。湘潭对乡村旅游有扶持吗？另外以后想转为公司，有没有帮扶？",
                               today=TODAY)
    assert "精品民宿" in answer.text and "转企升规" in answer.text


def test_targets_asked_beside_measures_quote_the_first_measures_target(real_answerer):
    # "有哪些支持措施和发展目标": the measure list's first clause also gives its target for 2027
    answer = real_answerer.ask("我们是武汉一家检验检测机构，市里对检验检测这块有哪些支持措施和发展目标？", today=TODAY)
    assert "国家通信光器件产品质检中心" in answer.text and "检验检测机构达到800家以上" in answer.text


def test_validity_asked_as_whether_a_plan_can_still_be_used_is_answered(real_answerer):
    # "省里的现在还能用吗" asks the province's plan's validity after a support question
    answer = real_answerer.ask("我们在益阳做物流配送。省里对城乡物流配送有什么支持？益阳没有自己的规划，省里的现在还能用吗？",
                               today=TODAY)
    assert "快递进村" in answer.text and "有效期：《湖南省“十四五”服务业发展规划》" in answer.text and "已失效" in answer.text


def test_a_request_or_a_word_pointing_back_is_no_documents_name(real_answerer):
    # "麻烦查一下" asks for the plan; it is not part of its title, so the library's 湘潭 plan is the one asked
    asked = real_answerer.ask("麻烦查一下湘潭市“十四五”服务业发展规划的发文字号和印发日期", today=TODAY)
    assert asked.status == "answered" and "潭政办发〔2021〕46号" in asked.text
    # "另外这份规划" is the plan named before it, the province's, not another place's
    back = real_answerer.ask("省里“十四五”服务业规划，信息服务业增加值2025年定的目标是多少？另外这份规划的文号和印发日期"
                             "麻烦也给一下。", today=TODAY)
    assert back.status == "answered" and "湘政办发〔2021〕40号" in back.text and "1200亿元" in back.text
    assert "株政办发" not in back.text


def test_a_business_told_by_its_place_without_we_asks_no_count_of_its_size(real_answerer):
    # "武汉一家小律所，5个律师" tells who asks: the plans need not hold "5个"
    answer = real_answerer.ask("武汉一家小律所，5个律师，最近想做电子数据存证、给企业当合规顾问。政府鼓励这个方向吗？",
                               today=TODAY)
    assert answer.status == "answered" and "电子数据公证存证" in answer.text


def test_what_an_earlier_question_asked_is_not_asked_again(real_answerer):
    # "刚才问的是株洲的物流目标" tells the earlier question: 衡阳 is asked now, and has no plan of its own
    answer = real_answerer.ask("刚才问的是株洲的物流目标。那衡阳呢？衡阳市的生产性服务业行动计划里物流成本要降到多少？",
                               today=TODAY)
    assert "没有衡阳本级的政策文件" in answer.text and "13%以下" not in answer.text
    assert all(c.doc_id != "zhuzhou-2025" for c in answer.citations)


def test_the_gap_between_two_sides_figures_is_computed_when_asked(real_answerer):
    answer = real_answerer.ask("到2027年，武汉和株洲对生产性服务业占服务业增加值的比重各定了多少？两边差几个百分点？",
                               today=TODAY)
    assert "相差约13个百分点" in answer.text and "60%以上" in answer.text and "47%左右" in answer.text
    assert "BIM" not in answer.text  # the gap is no question of its own answered by other figures
    # which is the bolder asks the comparison too: no other target of either side is added
    bolder = real_answerer.ask("长沙和株洲分别给物流费用占GDP的比重定了什么目标？哪个定得更狠一点？", today=TODAY)
    assert bolder.text.startswith("比较：") and "技术合同成交额" not in bolder.text


def test_a_number_target_asked_of_every_plan_counts_a_figure_in_spaced_text(real_answerer):
    # "数量目标" is a kind of target no plan says of itself: 株洲's 20家产业学院 is one
    answer = real_answerer.ask("哪几个规划对产教融合给了具体数量目标？", today=TODAY)
    assert "300家左右产教融合型企业" in answer.text and "20家产业学院" in answer.text


def test_a_trade_no_plan_names_is_pointed_to_the_citys_own_plan(real_answerer):
    answer = real_answerer.ask("我们在株洲做翻译和本地化，主要给出口企业译说明书。市里对翻译公司有专门扶持吗？", today=TODAY)
    assert answer.rule == "trade_absent"
    assert [c.doc_id for c in answer.citations][:1] == ["zhuzhou-2025"]


def test_a_streamer_without_a_shop_gets_registration_and_the_streamer_sentence(real_answerer):
    # both questions are answered by the province's 市场主体 clause: 网络经营场所 registration and 带货主播, not the
    # 岳阳 port clause the place pulls
    answer = real_answerer.ask("我在岳阳一个人做直播带货卖农产品，没有实体门面，能办营业执照吗？省里对我们这种主播有什么说法？",
                               today=TODAY)
    assert "网络经营场所登记个体工商户" in answer.text and "规范引导带货主播" in answer.text and "城陵矶" not in answer.text


def test_what_the_asker_likens_itself_to_is_a_topic_of_its_own(real_answerer):
    # "像我们这样的小微软件企业" names 小微: the 小微企业培育 sentence answers that question
    answer = real_answerer.ask("我们在光谷做工业软件，二十来个人，产品是给汽车零部件厂用的生产管理系统，去年营收刚过两千万。"
                               "武汉对工业软件这块有什么专门安排？像我们这样的小微软件企业，方案里提没提？", today=TODAY)
    assert "工业软件" in answer.text and "加强小微企业培育" in answer.text


def test_everyday_words_for_ai_graduates_and_overseas_warehouses(real_answerer):
    ai = real_answerer.ask("在武汉做猎头和灵活用工，两件事想问：一是想上AI简历筛选系统，二是想搬进人力资源产业园，"
                           "市里的方案对这俩有没有支持？", today=TODAY)
    assert "人工智能等新技术" in ai.text.split("2. ", 1)[0] and "开源芯片" not in ai.text
    graduates = real_answerer.ask("株洲的生产性服务业企业招应届毕业生，计划里有没有社保补贴？", today=TODAY)
    assert graduates.refused and "产业人才引育工程" in graduates.text
    # 海外仓 is a thing of its own (湘潭's 跨境电子商务公共海外仓), not 物流: a subsidy for it asked of 武汉 ("补不补")
    # is declined, the plan not mentioning it
    warehouse = real_answerer.ask("武汉做跨境电商的，在国外建海外仓政府补不补？", today=TODAY)
    assert warehouse.refused and "物流枢纽" not in warehouse.text


def test_an_amount_asked_of_a_grant_no_clause_on_the_topic_gives_is_said_to_be_unmentioned(real_answerer):
    # 武汉's 会展 clause names the venue asked of but grants nothing: no "相关支持方向" is claimed for 展位费
    booth = real_answerer.ask("我们公司要去武汉国际博览中心参展，武汉对企业的展位费有补贴吗？一平米补多少？", today=TODAY)
    assert booth.refused and "没有提到这项具体措施" in booth.text and "相关支持方向" not in booth.text
    # a clause granting support for the asked thing keeps saying the amount alone is missing
    upgrade = real_answerer.ask("长沙对新上规的服务业企业奖励多少钱？", today=TODAY)
    assert upgrade.refused and "相关支持方向" in upgrade.text


def test_a_piece_of_an_asked_word_adds_no_sentence(real_answerer):
    # "营业" of 营业执照 is not the 营业收入 of a 100亿 target, however likely the model finds it (0.007 as the lead)
    answer = real_answerer.ask("湖南省能办营业执照吗？", today=TODAY)
    assert "网络经营场所登记个体工商户" in answer.text and "100亿元" not in answer.text


def test_a_small_firm_called_xiaosuo_is_the_plans_small_law_firm(real_answerer):
    # "我们这种小所" is 小型律所: its sentence is quoted beside the new-business one the story asks for
    answer = real_answerer.ask("我们是武汉一家五六个律师的小所，想做企业合规和电子数据存证这些业务。"
                               "武汉那个生产性服务业方案对我们这种小所有什么说法？", today=TODAY)
    assert "促进小型律所规范健康发展" in answer.text and "电子数据公证存证" in answer.text


def test_what_the_asker_heard_names_no_trade(real_answerer):
    # "听说政府对这类机构有扶持" asks of the day-care centre its story tells; 听说 is no trade the plans lack
    answer = real_answerer.ask("我们在湘潭雨湖区开了家社区老年人日间照料中心，平时给老人助餐、做点康复护理。"
                               "听说政府对这类机构有扶持，具体有哪些？", today=TODAY)
    assert not answer.refused and "日间照料" in answer.text and "听说" not in answer.text


def test_a_date_asked_beside_another_field_is_given(real_answerer):
    answer = real_answerer.ask("省里的“十四五”服务业发展规划是哪个单位印发的？文号和日期是？", today=TODAY)
    assert "湘政办发〔2021〕40号" in answer.text and "2021年8月12日" in answer.text and "湖南省人民政府办公厅" in answer.text


def test_a_task_named_only_in_its_clauses_text_gets_that_clauses_departments(real_answerer):
    # 产业学院 is built in 株洲's 人力资源服务 clause, whose heading does not name it; the 主要目标 clause ranks first
    answer = real_answerer.ask("株洲三年行动计划：产业学院建设目标和责任单位？", today=TODAY)
    assert "20家产业学院" in answer.text and "市人力资源社会保障局" in answer.text and "市教育局" in answer.text


def test_a_share_compared_is_not_a_growth_rate_of_the_same_sentence(real_answerer):
    # 湖南省's sentence states 年均增长6.5%以上 before 占GDP比重的53%左右: the share is compared
    answer = real_answerer.ask("湘潭和湖南省的“十四五”服务业规划，对服务业增加值占GDP比重的目标分别是多少？差几个百分点？",
                               today=TODAY)
    assert "湖南省的目标（53%左右）高于湘潭（50%左右），相差约3个百分点" in answer.text


def test_a_year_typed_without_nian_is_a_year(real_answerer):
    # "株洲2026上市企业" asks 2026: the plan sets 2027 only, which is said as such
    answer = real_answerer.ask("株洲2026上市企业目标几家", today=TODAY)
    assert answer.refused and "2026年" in answer.text and "16家" in answer.text


def test_taking_over_a_peer_in_everyday_words_is_a_merger(real_answerer):
    answer = real_answerer.ask("我们在株洲办车展和陶瓷展的，公司不大，想把外地一家同行并过来，这种事政府支持吗？", today=TODAY)
    assert "兼并重组" in answer.text and "走出去" not in answer.text


def test_collateral_the_asker_lacks_is_no_need_of_its_own(real_answerer):
    # "没有厂房可以抵押" tells why the loan is hard: the 仓单/专利 pledge answers, no land-use sentence is added
    answer = real_answerer.ask("我在长沙县做仓储物流，公司没有厂房可以抵押，去银行问过，说没抵押物不好贷。我们手里有仓单，"
                               "还有两项专利，长沙的政策里有没有说能拿这些去融资？", today=TODAY)
    assert "仓单质押" in answer.text and "工业用地" not in answer.text and "总部经济" not in answer.text


def test_the_plans_own_field_is_no_need_of_the_asker(real_answerer):
    # "有没有自己的生产性服务业扶持文件" names the plans' field, not a need: the 冷链 the asker does is searched
    answer = real_answerer.ask("我们在岳阳做冷链仓储，岳阳市有没有自己的生产性服务业扶持文件？里面怎么说？", today=TODAY)
    assert "没有岳阳本级的政策文件" in answer.text and "冷链" in answer.text and "结构更优" not in answer.text


def test_a_topic_the_plan_never_names_points_where_other_plans_put_it(real_answerer):
    # 武汉's plan never names 跨境电商; the other plans' sentences on it are found in 武汉's 物流服务 clause, which is
    # pointed to, not the 主体培育 clause for any trade; "有啥说法" asks what the plan says of it, and 知识产权服务出口基地
    # (matched by 出口) is no answer
    answer = real_answerer.ask("我们公司在武汉搞跨境电商出口，市里那个生产性服务业实施方案里对跨境电商企业有啥说法？", today=TODAY)
    assert answer.refused and "没有提到“跨境电商”" in answer.text
    assert [c.clause_id for c in answer.citations] == ["wuhan-2024/3.8"]


def test_an_enterprise_asking_what_the_plan_says_gets_a_measure_not_a_goal_its_story_matched(real_answerer):
    # "知识产权" of the story matches the goal "到2027年，全市律师事务所超过700家，……知识产权……领军人才"; the question
    # asks what the plan says of small firms
    answer = real_answerer.ask("我们是武汉一家小律所，三四个律师，平时替企业处理合同和知识产权。市里对我们这种小所有什么说法？",
                               today=TODAY)
    assert "促进小型律所规范健康发展" in answer.text and "700家" not in answer.text
    # a goal on what the question names stays
    answer = real_answerer.ask("我们是武汉一家做BIM建模的建筑设计小公司，市里的方案对BIM有什么要求？", today=TODAY)
    assert "80%以上" in answer.text


def test_a_paragraphs_run_in_heading_is_quoted_only_before_what_its_paragraph_says(real_answerer):
    # "促进现代服务业与现代农业融合。" opens the paragraph on farming services and says nothing itself: the asker gets
    # the sentence on 农机 service, not the heading quoted as if it were a measure
    answer = real_answerer.ask("我在娄底农村帮农户修农机、代耕代收，省里的服务业规划支持这个吗？", today=TODAY)
    assert "农机作业及维修服务" in answer.text and "促进现代服务业与现代农业融合。" not in answer.text
    # a heading that leads is followed by what its paragraph says of it
    answer = real_answerer.ask("衡阳市自己有没有服务业规划？定了啥目标？", today=TODAY)
    assert "打造衡阳服务业融合发展先行区。" in answer.text and "推动衡阳与周边地区" in answer.text
    # a heading naming the place asked is what the plan makes of that place: it goes before its paragraph's lead
    answer = real_answerer.ask("我们在岳阳做港口物流，省里的服务业规划给岳阳的定位是什么？", today=TODAY)
    body = answer.text.splitlines()[1]
    assert body.startswith("打造岳阳服务业对外开放桥头堡。") and "鼓励岳阳加快发展服务贸易" in body


def test_a_firm_asking_to_be_put_to_the_banks_gets_the_plans_support_for_firms_not_the_finance_sector(real_answerer):
    # the 现代金融服务 chapter (growing the finance industry) and the safeguard for firms' credit both match the
    # loan; the safeguard that puts firms on a list shown to banks answers "推荐给银行"
    answer = real_answerer.ask("我们在株洲搞快递分拣和配送，想找银行贷款添几台分拣设备，政府能不能帮忙推荐给银行？"
                               "另外市里鼓励快递物流往哪些方向做？", today=TODAY)
    assert "融资需求白名单" in answer.text
    assert [c.clause_id for c in answer.citations] == ["zhuzhou-2025/4.2", "zhuzhou-2025/2.3"]


def test_the_safeguard_lift_is_for_the_factor_as_such_in_the_asked_places_plans(real_answerer, monkeypatch):
    retriever = real_answerer.retriever

    def safeguard_score(question: str) -> float:
        return next(h.score for h in retriever.search(question, k=10) if h.clause.clause_id == "zhuzhou-2025/4.2")

    def lift(question: str) -> float:
        with_lift = safeguard_score(question)
        monkeypatch.setattr(retriever, "config", dataclasses.replace(retriever.config, need_safeguard_bonus=0.0))
        without = safeguard_score(question)
        monkeypatch.undo()
        return round(with_lift - without, 4)

    # a loan as such: 株洲's safeguard (信贷支持, 融资需求白名单) rises beside its 现代金融服务 chapter
    assert lift("株洲做物流的小公司，想找银行贷款扩车队，有没有门路？") == 0.01
    # a particular instrument the safeguard does not name (应收账款) is the finance chapter's to answer
    assert lift("株洲做零部件的，客户欠的货款压了好几个月，能拿这些去银行贷款吗？") == 0.0


def test_the_plan_an_asked_part_names_is_no_need_of_its_own(real_answerer):
    # "长沙那个生产性服务业行动计划对我们这种企业": the plan's name is no need, so the asked part names one thing only
    # (规上, 三、（二）) and the trade told first (法律咨询, 二、（七）) is searched too; searched by the asked part
    # alone, the trade's clause was lost
    answer = real_answerer.ask("长沙一家做法律咨询的公司，去年刚进规上。长沙那个生产性服务业行动计划对我们这种企业有什么支持？",
                               today=TODAY)
    cited = [c.clause_id for c in answer.citations]
    assert "changsha-2023/2.7" in cited and "changsha-2023/3.2" in cited


def test_whether_there_is_any_support_is_a_support_question(real_answerer):
    answer = real_answerer.ask("武汉做人力资源服务的小公司，想用人工智能做招聘，政府有支持吗？", today=TODAY)
    assert answer.intent == "support" and "人工智能" in answer.text
    assert answer.citations[0].clause_id == "wuhan-2024/4.9"


def test_a_decline_points_to_measures_not_to_the_plans_account_of_its_problems(real_answerer):
    # 湘潭 一、现实基础 （二）存在的主要问题 "特色优势偏弱" holds 设计-like words but no measure
    answer = real_answerer.ask("湘潭开设计工作室的，租写字楼，有没有房租补贴？", today=TODAY)
    assert answer.status == "declined" and answer.citations
    assert not any(c.clause_id.startswith("xiangtan-2021/1.") for c in answer.citations)


def test_an_enterprise_in_a_city_without_a_plan_is_answered_by_the_provinces_plan(real_answerer):
    # the province's measures apply to an enterprise there: answered (not declined), under the note
    asker = real_answerer.ask("我在衡阳开了两家湘菜馆，想做连锁，省里有什么支持？", today=TODAY)
    assert asker.status == "answered" and not asker.refused and asker.rule == "place_province_only"
    assert asker.text.startswith("现有政策文件中没有衡阳本级的政策文件") and "连锁" in asker.text
    # the place's own plan asked of is answered only in part (or declined when the province's plan holds no such
    # subsidy either), and counts as declined
    own = real_answerer.ask("岳阳市的服务业发展规划对本地物流企业有什么补贴？", today=TODAY)
    assert own.status in ("partial", "declined") and own.refused and "没有岳阳" in own.text
    # ... by an asker there too ("郴州市的服务业规划" is asked of, and there is none)
    asked = real_answerer.ask("我们是郴州做冷库的企业，郴州市的服务业规划对冷链有啥支持？", today=TODAY)
    assert asked.status == "partial" and asked.refused and asked.rule == "place_province_only"


def test_a_trade_told_beside_the_firms_noun_is_held_by_the_citys_plan_that_names_it(real_answerer):
    # 事务所 is not in 长沙's plan, 会计审计 is (二、（七）): 长沙's plan answers, not the province's under a note
    answer = real_answerer.ask("长沙一家做会计审计的事务所，今年刚进规上，对我们这种企业有什么支持？", today=TODAY)
    assert "没有提到" not in answer.text
    assert answer.citations[0].clause_id == "changsha-2023/2.7"


def test_a_want_the_answer_already_meets_takes_no_sentence_of_another_trade(real_answerer):
    # "想做成连锁" is met by 推进餐饮业连锁化经营; the clause's next 连锁 sentence is the 便利店's
    answer = real_answerer.ask("我在邵阳开了几家米粉店，想做成连锁，再弄个中央厨房，省里有支持方向吗？", today=TODAY)
    assert "连锁化经营" in answer.text and "便利店" not in answer.text


def test_a_trade_told_in_everyday_words_that_the_citys_plan_never_names_gets_the_provinces_measures(real_answerer):
    # 湘菜馆 → 餐饮 (lexicon): 长沙's producer-services plan never says it, the province's plan does
    answer = real_answerer.ask("在长沙开了三家湘菜馆，想做连锁，再开几家店，有什么政策？", today=TODAY)
    assert answer.text.startswith("《长沙行动计划》没有提到“餐饮”方面的内容")
    assert answer.citations[0].clause_id == "hunan-2021/5.2.7"


def test_support_for_a_measure_only_another_places_plan_names_is_declined_with_the_nearest_clause(real_answerer):
    answer = real_answerer.ask("武汉那个生产性服务业实施方案里，对无人机配送、低空物流有什么支持？", today=TODAY)
    assert answer.status == "declined" and "没有提到“无人机、低空”" in answer.text and "株洲" in answer.text
    assert answer.citations[0].clause_id == "wuhan-2024/3.8"  # 智慧便捷的物流服务


def test_validity_asked_as_until_when_is_answered_beside_the_number(real_answerer):
    answer = real_answerer.ask("株洲生产性服务业行动计划的文号是多少？有效到哪天？", today=TODAY)
    assert "株政办发〔2025〕3号" in answer.text and "有效期3年" in answer.text


def test_an_outcome_asked_as_what_was_actually_reached_is_declined_with_the_asked_places_target(real_answerer):
    # "实际做到了多少" asks an outcome; "占服务业增加值" without 比重 still names a share the table holds for 长沙
    answer = real_answerer.ask("长沙计划说生产性服务业占服务业增加值要到65%以上，后来实际做到了多少？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "outcome"
    assert answer.citations[0].clause_id == "changsha-2023/1.1"


def test_an_indicator_asked_with_gui_shang_is_the_plans_guimo_yishang_indicator(real_answerer):
    # 规上 is how people say 规模以上: 主要目标's 500家, not 主体培优育强's 规模以上服务业企业 growth rate
    answer = real_answerer.ask("株洲生产性服务业行动计划里，规上生产性服务业企业数量到2027年的目标是多少？", today=TODAY)
    assert "500家" in answer.text and answer.citations[0].clause_id == "zhuzhou-2025/1.2"


def test_wants_told_with_zai_and_in_everyday_words_are_each_searched(real_answerer):
    # "也想办些业余比赛" (比赛 → 赛事) and "再到小区里开……" are wants of their own
    sports = real_answerer.ask("在邵阳开了家健身房，想开线上健身课，也想办些业余比赛，省里有支持吗？", today=TODAY)
    assert "赛事组织" in sports.text
    care = real_answerer.ask("我在益阳开了家养老院，想做成连锁，再到小区里开个带护理床位的日间照料中心，省里有什么支持？",
                             today=TODAY)
    assert "连锁化" in care.text and "日间照料中心" in care.text


def test_a_need_added_before_the_segment_that_asks_is_answered_too(real_answerer):
    answer = real_answerer.ask("我在湘潭开家政公司，想让阿姨们学育婴；另外给阿姨们上保险这块，市里有没有说法？", today=TODAY)
    assert "育婴" in answer.text and "雇主责任保险" in answer.text


def test_where_a_trade_is_headed_asked_beside_its_target_is_answered_part_by_part(real_answerer):
    answer = real_answerer.ask("我们是武汉一家做检测的实验室，市里检验检测这行往哪个方向发展？有没有具体目标？", today=TODAY)
    assert answer.text.startswith("1.") and "质检中心" in answer.text and "800家" in answer.text
    # a figure asked again by its name ("……呢") stays one answer
    again = real_answerer.ask("湘潭十四五服务业规划 物流业增加值占GDP 2025目标？社会物流总额呢", today=TODAY)
    assert not again.text.startswith("1.")


def test_more_big_exhibitions_asks_no_figure(real_answerer):
    ask = real_answerer.understand("武汉会展这块接下来是什么打算？会不会有更多大展过来？")
    assert ask.kind != "number"


def test_a_plan_asked_of_something_lends_no_words_to_the_sentences_chosen(real_answerer):
    # "这个生产性服务业方案对小所……": 生产性服务业 names the plan, not what is asked (no 总体要求 target sentence)
    answer = real_answerer.ask("我们是武汉一个四人小律所，这个生产性服务业方案对小所有什么说法？", today=TODAY)
    assert "小型律所" in answer.text and {c.clause_id for c in answer.citations} == {"wuhan-2024/4.12"}


def test_a_task_asked_for_two_figures_gets_a_sentence_for_each(real_answerer):
    answer = real_answerer.ask("武汉实施方案要推动多少家服务业集聚区、多少个创新先行区提档升级？谁牵头？", today=TODAY)
    assert "市发改委" in answer.text and "58家" in answer.text and "10个" in answer.text


def test_the_askers_trade_sentence_is_found_whatever_its_letter_case_and_its_city_is_no_trade(real_answerer):
    answer = real_answerer.ask("我们是武汉一家做BIM建模的设计院，想申请施工资质，武汉的方案对我们有什么支持？", today=TODAY)
    assert "BIM技术应用" in answer.text


def test_a_compensation_the_plans_never_grant_is_declined(real_answerer):
    answer = real_answerer.ask("长沙对首台套装备有没有保险补偿？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "subsidy_kind_absent" and "保险补偿" in answer.text


def test_an_asker_who_names_the_city_first_is_there(real_answerer):
    answer = real_answerer.ask("邵阳的，想在家里办个家庭托育点，省里对家庭托育点有啥扶持？", today=TODAY)
    assert answer.status == "answered" and not answer.refused and answer.rule == "place_province_only"


def test_the_word_for_the_kind_of_business_is_no_trade(real_answerer):
    # "做陶瓷的工厂": 工厂 says what the asker is, not its trade; 建成一批智能工厂 is not its measure
    answer = real_answerer.ask("我们是株洲一家做陶瓷的工厂，想把产品设计交给外面的设计公司，本地工业设计这块有没有公共服务？",
                               today=TODAY)
    assert "工业设计公共服务体系" in answer.text and "智能工厂" not in answer.text


def test_whether_a_plan_counts_the_askers_trade_in_is_a_support_question(real_answerer):
    answer = real_answerer.ask("我在岳阳修农机的，省里的服务业规划有没有把我们这种算进去？", today=TODAY)
    assert answer.rule != "definition" and "农机作业及维修服务" in answer.text


def test_directions_asked_of_a_trade_come_from_the_clause_its_heading_names(real_answerer):
    answer = real_answerer.ask("我们是武汉一家做供应链物流的公司，这个生产性服务业方案对物流企业有什么方向？", today=TODAY)
    assert [c.clause_id for c in answer.citations] == ["wuhan-2024/3.8"]


def test_investing_abroad_and_its_costs_in_everyday_words(real_answerer):
    answer = real_answerer.ask("湘潭一家设计公司，想去越南设个分公司，前期考察费和贷款利息市里有没有支持？", today=TODAY)
    assert "前期费用奖励+融资贴息" in answer.text


def test_a_want_being_weighed_is_a_want(real_answerer):
    answer = real_answerer.ask("株洲一家小型会展公司，主要办装备展，想把规模做大，也在考虑收购一家外地同行，市里的计划对我们有什么"
                               "说法？", today=TODAY)
    assert "兼并重组" in answer.text and "会展" in answer.text


def test_relief_on_a_charge_the_plans_never_name_is_declined(real_answerer):
    answer = real_answerer.ask("想在长沙开家旅行社，旅行社质量保证金能不能暂退？", today=TODAY)
    assert answer.status == "declined" and answer.rule == "charge_absent" and "质量保证金" in answer.text
    # one the plans grant in their own words is no such charge (水电费: 水电气价格优惠)
    utilities = real_answerer.ask("湘潭社区养老机构的水电费能减免吗？", today=TODAY)
    assert utilities.rule != "charge_absent" and "水电气价格优惠" in utilities.text


def test_reaching_the_size_threshold_in_everyday_words_is_upgrading(real_answerer):
    answer = real_answerer.ask("长沙做广告的小公司，今年营收快够着规模线了，上了规市里给不给点甜头？", today=TODAY)
    assert "新增上规入库" in answer.text


def test_being_put_to_the_banks_in_everyday_words_is_the_white_list(real_answerer):
    answer = real_answerer.ask("我们在株洲做第三方物流，应收账款压了很多，能不能拿应收账款去贷款？政府会不会帮忙向银行推荐？",
                               today=TODAY)
    assert "应收账款" in answer.text and "融资需求白名单" in answer.text


def test_carbon_accounting_and_energy_checkups_are_green_diagnosis(real_answerer):
    answer = real_answerer.ask("株洲几个人做节能体检、帮工厂算碳排放的小团队，市里三年计划有没有说扶持我们这行？",
                               today=TODAY)
    assert "绿色诊断" in answer.text


def test_outsourced_haulage_is_third_party_logistics(real_answerer):
    answer = real_answerer.ask("我在株洲跑货运的，几台厢式货车，平时帮工厂拉货，算是做外包物流吧，市里的计划对我们这号小物流公司"
                               "有啥说法？", today=TODAY)
    assert answer.text.startswith("支持、引导龙头物流企业做大做强、发展特色物流，鼓励发展第三方物流。")


def test_a_later_question_naming_no_place_is_asked_of_the_province_the_message_names(real_answerer):
    # "在湖南一个县城……另外水电气能不能按工业价格算": not 长沙's plan (its 工业用地 sentences), the province's 与工业同价
    answer = real_answerer.ask("我们打算在湖南一个县城办一家民营养老院，最头疼的是用地。省里的服务业规划对养老这类项目拿地有没有"
                               "专门的说法？另外水电气能不能按工业价格算？", today=TODAY)
    assert "与工业同价" in answer.text
    assert all(c.doc_id == "hunan-2021" for c in answer.citations)


def test_a_plan_that_reaches_the_askers_trade_is_no_question_of_its_period(real_answerer):
    covers = real_answerer.ask("我们是益阳一家做农机维修的小公司，省里的服务业规划有没有管到我们这一行？", today=TODAY)
    assert covers.intent != "meta" and not covers.refused and covers.text.startswith("现有政策文件中没有益阳本级的政策文件；以下是")
    period = real_answerer.ask("长沙的行动计划管到哪一年？", today=TODAY)
    assert "2026年7月31日" in period.text


def test_a_plans_goals_are_no_support_measure(real_answerer):
    answer = real_answerer.ask("我们在郴州做检验检测，郴州市出台过生产性服务业三年行动计划吗？我们能享受哪些市级扶持？",
                               today=TODAY)
    assert answer.rule == "place_province_only" and "找到" in answer.text
    assert "结构更优" not in answer.text and "23%" not in answer.text


def test_outsourcing_and_investing_abroad_in_everyday_words(real_answerer):
    outsourced = real_answerer.ask("湘潭一家做阀门的小厂，想把厂里的信息系统交给外面的专业公司做，市里有没有鼓励？", today=TODAY)
    assert "制造服务外包" in outsourced.text
    abroad = real_answerer.ask("湘潭一家做电机配套的企业，想去越南投资建厂，市里对企业出去投资有什么支持？", today=TODAY)
    assert "前期费用奖励" in abroad.text and abroad.citations[0].clause_id == "xiangtan-2021/6.3"


def test_a_part_whose_lead_clause_holds_nothing_it_asks_is_answered_alone(real_answerer):
    # "检测类园区": the description's answer led by 四大实验室 and 研发中心 (another clause's 岳麓检验检测园 third);
    # alone, the part leads with the park
    answer = real_answerer.ask("我们是一家外资的检验检测认证机构，正在考虑在长沙设区域研发中心加实验室。长沙有没有专门的检测类园区？"
                               "对外资来长沙设研发中心有什么鼓励？", today=TODAY)
    first = answer.text.split("\n\n")[0]
    assert first.startswith("1.") and first.split("\n")[1].startswith("做大做强做优岳麓山大学科技城")


def test_a_target_asked_beside_directions_brings_the_clauses_measures_too(real_answerer):
    # "有什么目标或者发展方向": the 800-lab target alone answered the first half only
    answer = real_answerer.ask("我们是武汉一家做材料检测的第三方机构，市里对检验检测这行有什么目标或者发展方向？", today=TODAY)
    assert "800家以上" in answer.text
    assert "技术攻关项目" in answer.text or "质检中心" in answer.text


def test_farm_services_in_everyday_words_outweigh_the_askers_size(real_answerer):
    # "机耕机收、修理农机的小公司": the trade is 农机作业及维修服务, not the province's small-firm measures for 小公司
    answer = real_answerer.ask("我们是益阳南县一家帮农户机耕机收、修理农机的小公司，省里的服务业规划有没有管到我们这一行？",
                               today=TODAY)
    assert "农机作业及维修服务" in answer.text and "微升小" not in answer.text


def test_a_word_asked_of_named_only_in_a_list_brings_the_sentence_acting_on_it(real_answerer):
    # 农村电商 is one of six 新模式 in the list sentence; the next sentence is what the plan does about it
    answer = real_answerer.ask("我们在怀化做直播卖腊肉的，省里对直播电商、农村电商有什么扶持的说法？", today=TODAY)
    assert "完善农村电商服务体系" in answer.text


def test_a_city_without_a_plan_is_not_answered_with_another_citys_sentence(real_answerer):
    # the province's 四区 clause speaks of 岳阳, 衡阳 and 常德 in turn: only 岳阳's sentence is what was asked
    answer = real_answerer.ask("省里的规划对岳阳发展物流是怎么定位的？", today=TODAY)
    assert "依托岳阳通江达海" in answer.text and "衡阳" not in answer.text and "常德" not in answer.text


def test_what_came_of_a_target_asked_with_a_result_complement_is_an_outcome(real_answerer):
    # "最后实际培育出来多少家": the plan holds its target, never what came of it
    for question in ("长沙行动计划里培育头部企业那个目标，最后实际培育出来多少家？", "湘潭规划里说要建的示范集聚区，最终建成了几个？"):
        answer = real_answerer.ask(question, today=TODAY)
        assert answer.refused and answer.rule == "outcome", question


def test_a_city_without_a_plan_gets_its_own_measure_only(real_answerer):
    # 郴州's sentence of the province's 四区 clause, not 娄底's after it
    answered = real_answerer.ask("郴州有没有出生产性服务业三年行动计划？郴州做物流的企业能享受哪些市里的政策？", today=TODAY)
    assert "郴州国家可持续发展议程创新示范区" in answered.text and "娄底" not in answered.text


def test_rent_relief_asked_before_the_rent_is_declined(real_answerer):
    # "能不能减免房租": no plan speaks of rent, whichever comes first, the relief or the rent
    for question in ("我们是武汉光谷一家做软件的小公司，入驻软件园能不能减免房租或者拿租金补贴？", "长沙的物流园区房租能减免吗？"):
        answer = real_answerer.ask(question, today=TODAY)
        assert answer.refused and answer.rule == "charge_absent" and "房租" in answer.text, question
    # a relief the plans do give is still answered
    granted = real_answerer.ask("湘潭养老机构税费能减免吗？", today=TODAY)
    assert not granted.refused and "税费减免" in granted.text


def test_a_decline_points_to_the_askers_trade_not_to_its_story(real_answerer):
    # "用自家老房子开民宿": the 民宿 bullet is the nearest clause, not 房地产业 matched by 房子
    answer = real_answerer.ask("在湘潭乡下用自家老房子开民宿，开业有没有一次性补贴？能补多少钱？", today=TODAY)
    assert answer.refused and answer.citations[0].clause_id == "xiangtan-2021/4.3.4.b5"



def test_a_figure_told_of_the_asker_before_a_yes_no_question_asks_none(real_answerer):
    # "今年营业收入应该能达到规上标准，新上规有没有奖励": the 营业收入 is the asker's, the question asks for support
    answer = real_answerer.ask("我们是长沙一家做广告策划的公司，今年营业收入应该能达到规上标准，新上规入库有没有支持？", today=TODAY)
    assert not answer.refused and "上规入库" in answer.text


def test_the_issuer_asked_with_the_date_before_one_verb_is_answered(real_answerer):
    # "哪个单位、什么时候印发的": both fields share the verb
    answer = real_answerer.ask("湘潭市“十四五”服务业发展规划是哪个单位、什么时候印发的？", today=TODAY)
    assert "湘潭市人民政府办公室" in answer.text and "2021年12月17日" in answer.text


def test_a_measure_leading_with_its_own_figure_is_not_padded_with_a_target(real_answerer):
    # no figure asked: the finance sector's 贷款余额 target buries whatever measure leads
    answer = real_answerer.ask("株洲的小企业想贷款，有什么门路？", today=TODAY)
    assert not answer.refused and "5000亿" not in answer.text


def test_a_target_leading_a_trades_own_clause_is_followed_by_its_measure(real_answerer):
    # "对检验检测这一行有什么规划": the 800-lab target answers in figures; the clause's measure says what is done
    answer = real_answerer.ask("武汉一家检测公司，刚评上高新技术企业，市里对检验检测这一行有什么规划？", today=TODAY)
    assert "800家以上" in answer.text and "技术攻关项目" in answer.text


def test_a_land_answer_is_not_padded_with_land_for_another_use(real_answerer):
    # 冷链设施用地需求 speaks to a cold store's 用地: the 总部经济 sentence on 园区工业用地 narrows it to what was not asked
    answer = real_answerer.ask("我们在长沙做生鲜冷库，想再建一个冷库，用地上有没有政策？", today=TODAY)
    assert "冷链设施用地" in answer.text and "总部经济" not in answer.text


def test_a_citys_decline_points_to_its_own_clause_not_also_the_provinces(real_answerer):
    # once 株洲's own clause on the topic is found, 湖南's 强化组织领导 is no nearer for being the province's
    answer = real_answerer.ask("我们是株洲一家做工业设计的工作室，在园区租的办公室，能不能申请房租补贴，每平米补多少？", today=TODAY)
    pointers = answer.text.split("最接近的相关条款：")[1]
    assert answer.refused and "湖南省" not in pointers


def test_a_measure_no_plan_mentions_points_to_the_askers_trade(real_answerer):
    # "做劳务派遣的……稳岗补贴、房租减免": 株洲's 人力资源服务 clause is nearer than a clause matched by 办公室
    answer = real_answerer.ask("株洲一家做劳务派遣的小公司，租的写字楼办公室房租能不能减免，有没有稳岗补贴？", today=TODAY)
    pointers = answer.text.split("最接近的相关条款：")[1]
    assert answer.refused and pointers.startswith("《株洲市生产性服务业高质量发展三年行动计划（2025—2027年）》（六）人力资源服务")
