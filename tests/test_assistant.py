"""The assistant on the real corpus with the real offline model: retrieval, answers, declines, follow-ups."""
from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from assistant.answer import detect_intent
from assistant.conversation import Conversation
from assistant.retrieve import Filters, Retriever

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 22)


def top_ids(answerer, question, k=5, **kw):
    return [h.clause.clause_id for h in answerer.retriever.search(question, k=k, **kw)]


def test_everyday_words_find_the_policy_clause(real_answerer):
    assert "wuhan-2024/2.3" in top_ids(real_answerer, "武汉拿专利去银行贷款有支持吗")


def test_place_in_question_prefers_its_documents_and_province(real_answerer):
    hits = real_answerer.retriever.search("我们在株洲做物流，有什么支持", k=5)
    assert hits[0].document.doc_id in {"zhuzhou-2025", "hunan-2021"}
    assert all(h.document.region in {"株洲", "湖南省"} for h in hits[:3])


def test_the_place_asked_does_not_favour_clauses_that_repeat_its_name(real_answerer):
    # 长沙's 物流 clause never says 长沙; clauses that do ("长沙软件业") must not outrank it on the place alone
    assert top_ids(real_answerer, "长沙物流服务", k=1) == ["changsha-2023/2.4"]


def test_guanggu_means_wuhan(real_answerer):
    hits = real_answerer.retriever.search("我们在光谷做软件，有哪些软件园", k=3)
    assert hits[0].document.doc_id == "wuhan-2024"


def test_filters_restrict_documents_and_validity(real_answerer):
    hits = real_answerer.retriever.search("物流", k=10, filters=Filters(in_force_only=True, on=TODAY))
    assert hits and {h.document.doc_id for h in hits} <= {"zhuzhou-2025", "wuhan-2024"}
    hits = real_answerer.retriever.search("物流", k=10, filters=Filters(doc_ids=("changsha-2023",)))
    assert {h.document.doc_id for h in hits} == {"changsha-2023"}


def test_fact_answer_leads_with_the_figure_and_cites_it(real_answerer):
    answer = real_answerer.ask("长沙生产性服务业增加值占服务业比重到2025年要达到多少？", today=TODAY)
    assert not answer.refused
    assert "65%以上" in answer.text
    assert answer.citations[0].clause_id == "changsha-2023/1.1"
    assert answer.citations[0].doc_number == "长政办发〔2023〕24号"
    assert answer.citations[0].in_force is False


def test_every_sentence_carries_a_citation(real_answerer):
    answer = real_answerer.ask("湘潭养老服务业有什么目标？", today=TODAY)
    text = re.sub(r"（[^（）]*已于[\d-]+到期）", "", answer.text)  # expiry notes follow their citation
    sentences = [s for s in re.split(r"(?<=\])", text) if s.strip()]
    assert sentences and all(re.search(r"\[\d+\]$", s.strip()) for s in sentences)
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert cited == {c.n for c in answer.citations}


def test_department_answer(real_answerer):
    answer = real_answerer.ask("武汉检验检测服务由哪个部门牵头？", today=TODAY)
    assert "市市场监管局" in answer.text and not answer.refused


def test_meta_answers_from_document_metadata(real_answerer):
    answer = real_answerer.ask("湘潭服务业十四五规划的文号是什么？", today=TODAY)
    assert "潭政办发〔2021〕46号" in answer.text
    answer = real_answerer.ask("株洲的三年行动计划有效期到什么时候？", today=TODAY)
    assert "2028年3月20日" in answer.text and "目前有效" in answer.text


@pytest.mark.parametrize("question", [
    "我们是长沙一家服务业企业，刚升规入库，市里具体给多少万元奖励？",
    "广州对生产性服务业企业有哪些落户补贴？",
    "株洲的人才绿卡怎么申请，需要什么材料？",
    "湘潭服务业规划里2035年的目标是多少？",
    "今天天气怎么样",
    "株洲对新认定的检验检测机构补贴标准是多少？",
    "合肥对物流企业有什么支持？",
    "湘潭软件园的详细地址在哪？",
    "武汉知识产权质押贷款的贴息比例是多少？",
])
def test_declines_when_the_documents_are_silent(real_answerer, question):
    answer = real_answerer.ask(question, today=TODAY)
    assert answer.refused
    assert "没有" in answer.text or "不涉及" in answer.text


def test_a_city_without_documents_gets_its_provinces_measures_with_a_plain_note(real_answerer):
    # (the province's measures apply to an enterprise there: answered, not declined)
    answer = real_answerer.ask("我们是岳阳一家物流企业，有哪些支持？", today=TODAY)
    assert not answer.refused and answer.status == "answered"
    assert answer.text.startswith("现有政策文件中没有岳阳本级的政策文件")
    assert answer.citations and {c.doc_id for c in answer.citations} == {"hunan-2021"}


def test_a_support_question_the_documents_answer_is_not_declined(real_answerer):
    answer = real_answerer.ask("长沙对新升规入库的服务业企业有支持吗？", today=TODAY)
    assert not answer.refused and "专项资金" in answer.text


@pytest.mark.parametrize("question, needs", [
    ("我们是株洲一家做工业设计的小公司，想贷款，也想招一些设计人才，有什么支持？", ("贷款", "人才")),
    ("融资、用地和人才方面，省里有什么政策？", ("融资", "用地", "人才")),
])
def test_a_support_question_stating_several_needs_lists_a_measure_for_each(real_answerer, question, needs):
    ask = real_answerer.understand(question)
    assert len(ask.needs) == len(needs)
    answer = real_answerer.ask(question, today=TODAY)
    assert not answer.refused
    measures = [line for line in answer.text.splitlines() if line.startswith("- ")]
    for need in needs:  # the words of the need, or the policy terms the plans use for it
        words = {"贷款": ("贷款", "信贷", "融资"), "融资": ("融资", "贷款", "信贷"), "人才": ("人才",), "用地": ("用地", "供地")}[need]
        assert any(any(w in line for w in words) for line in measures), need


def test_one_need_or_two_places_is_one_search(real_answerer):
    assert real_answerer.understand("长沙和株洲对物流企业有什么支持？").needs == ()
    assert real_answerer.understand("我们是湘潭一家物流企业，有哪些支持？").needs == ()


def test_which_places_is_asked_per_document_not_as_a_count(real_answerer):
    answer = real_answerer.ask("哪几个城市的规划里有“城市机会清单”？", today=TODAY)
    assert not answer.refused
    assert {"changsha-2023/3.3", "zhuzhou-2025/3.5"} <= {c.clause_id for c in answer.citations}


def test_a_few_of_the_askers_own_is_no_count_and_a_named_province_answers_whole(real_answerer):
    # 几 in a statement of a yes/no question means "a few"; 岳阳 has no plan, but the question asks the province's
    answer = real_answerer.ask("我在岳阳想在家里开个托育点，照看几个小孩，湖南省有相关规定吗？", today=TODAY)
    assert not answer.refused and answer.citations[0].clause_id == "hunan-2021/5.4.12"
    assert "家庭托育点" in answer.text
    # a want told after a question mark ("……支持吗？另外想从外面请几个专家过来，") asks no count either
    experts = real_answerer.ask("想把研发团队放在上海，生产还留在湘潭，这样做政府支持吗？另外想从外面请几个专家过来，有什么引才办法？",
                                today=TODAY)
    assert not experts.refused and "柔性引进" in experts.text


def test_a_document_the_library_does_not_hold_is_said_absent_before_the_answer(real_answerer):
    answer = real_answerer.ask("湖北省的服务业规划对武汉的软件业提出了什么？", today=TODAY)
    assert answer.status == "partial" and answer.rule == "document_absent"
    assert answer.text.startswith("现有政策文件中没有湖北省的服务业规划")
    assert answer.citations and {c.doc_id for c in answer.citations} == {"wuhan-2024"}


def test_an_indicator_the_plan_words_differently_is_answered_not_declined(real_answerer):
    # 旅游综合收入 asked, 全省旅游总收入 set: the targets table matches them; 会展业's share is set only by 长沙
    answer = real_answerer.ask("湖南省规划里的旅游综合收入目标是多少？", today=TODAY)
    assert not answer.refused and "1.5万亿元" in answer.text
    other = real_answerer.ask("湘潭会展业增加值占服务业增加值的比重目标是多少？", today=TODAY)
    assert other.refused and other.rule == "target_elsewhere"


def test_a_measure_only_another_places_plan_names_is_declined_saying_where_it_is(real_answerer):
    answer = real_answerer.ask("武汉的企业引进人才，能申请“人才绿卡”吗？", today=TODAY)
    assert answer.refused and answer.rule == "quoted_absent"
    assert "《长沙行动计划》提到了，但只适用于长沙" in answer.text
    assert {c.doc_id for c in answer.citations} == {"wuhan-2024"}


def test_a_figures_outcome_is_declined_pointing_to_the_clause_that_sets_it(real_answerer):
    # the nearest clause is the one setting the indicator; the plan's departments answer for tasks, not statistics
    answer = real_answerer.ask("长沙2025年会展业增加值比重最后完成了吗？", today=TODAY)
    assert answer.refused and answer.rule == "outcome"
    assert [c.clause_id for c in answer.citations] == ["changsha-2023/2.7"]
    assert "责任单位" not in answer.text


def test_which_documents_are_in_force_is_answered_for_every_document(real_answerer):
    answer = real_answerer.ask("所有规划里哪几份还在有效期内？", today=TODAY)
    assert not answer.refused and answer.intent == "meta"
    assert {c.doc_id for c in answer.citations} == {d.doc_id for d in real_answerer.retriever.corpus.documents}
    assert answer.text.splitlines()[0].startswith(f"截至{TODAY.isoformat()}，仍在有效期内：")


def test_a_department_is_read_from_the_clause_on_the_task_not_on_the_words_asking_for_one(real_answerer):
    answer = real_answerer.ask("武汉的律所发展归哪个局管？", today=TODAY)
    assert answer.intent == "department" and answer.citations[0].clause_id == "wuhan-2024/4.12"
    assert "市司法局" in answer.text


def test_decline_points_to_related_clauses(real_answerer):
    answer = real_answerer.ask("株洲的人才绿卡怎么申请，需要什么材料？", today=TODAY)
    assert answer.refused and answer.citations


def test_enterprise_question_lists_measures_grouped_by_document(real_answerer):
    answer = real_answerer.ask("我们是株洲一家做供应链服务的企业，有哪些支持？", today=TODAY)
    assert answer.intent == "support" and not answer.refused
    docs = {c.doc_id for c in answer.citations}
    assert docs <= {"zhuzhou-2025", "hunan-2021"} and "zhuzhou-2025" in docs
    assert "《株洲市生产性服务业高质量发展三年行动计划（2025—2027年）》" in answer.text


def test_expired_documents_are_marked_not_hidden(real_answerer):
    answer = real_answerer.ask("我们是湘潭的养老服务企业，有哪些支持政策？", today=TODAY)
    assert any(c.in_force is False for c in answer.citations)
    assert "湘潭服务业发展规划已于2025-12-31到期" in answer.text


def test_follow_up_about_another_place(real_answerer):
    chat = Conversation(real_answerer)
    first = chat.ask("长沙社会物流总费用占GDP比重的目标是多少？", today=TODAY)
    assert "12.8%" in first.text
    second = chat.ask("那株洲呢？", today=TODAY)
    assert second.citations[0].doc_id == "zhuzhou-2025"
    assert "13%以下" in second.text


def test_follow_up_about_the_responsible_department(real_answerer):
    chat = Conversation(real_answerer)
    chat.ask("长沙金融服务到2025年的目标是什么？", today=TODAY)
    answer = chat.ask("这项由哪个部门负责？", today=TODAY)
    assert "市政府金融办" in answer.text


def test_traditional_chinese_is_answered_like_simplified(real_answerer):
    simplified = real_answerer.ask("长沙社会物流总费用占GDP比重的目标是多少？", today=TODAY)
    traditional = real_answerer.ask("長沙社會物流總費用佔GDP比重的目標是多少？", today=TODAY)
    assert [c.clause_id for c in traditional.citations][:1] == [c.clause_id for c in simplified.citations][:1]


def test_intent_detection():
    assert detect_intent("文号是什么") == "meta"
    assert detect_intent("有效期多久") == "meta"
    assert detect_intent("由哪个部门牵头") == "department"
    assert detect_intent("怎么申请") == "procedure"
    assert detect_intent("补贴多少钱") == "amount"
    assert detect_intent("有哪些支持") == "support"


def _reconfigured(retriever: Retriever, **changes) -> Retriever:
    """The same index and model with some retrieval priors changed: shows a prior is what decides."""
    return Retriever(retriever.corpus, retriever.index, retriever.encoder, retriever.bm25, retriever.parser,
                     retriever.regions, dataclasses.replace(retriever.config, **changes))


@pytest.mark.parametrize("question, own_doc", [
    ("湘潭的小微企业贷款难，规划有什么办法？", "xiangtan-2021"),
    ("长沙的物流公司，市里对物流成本有目标吗？", "changsha-2023"),
])
def test_the_named_citys_own_plan_ranks_before_its_provinces(real_answerer, question, own_doc):
    retriever = real_answerer.retriever
    assert retriever.search(question, k=1)[0].document.doc_id == own_doc
    # the mechanism, not luck: without the own-place bonus (and with the place's name weighing fully in BM25,
    # which favours the clauses repeating it) the province's plan comes first on keywords (the tuned encoder
    # alone may already prefer the city's plan, so the keyword path shows the mechanism)
    plain = _reconfigured(retriever, own_place_bonus=0.0, place_name_weight=1.0)
    assert retriever.search(question, k=1, mode="bm25")[0].document.doc_id == own_doc
    assert plain.search(question, k=1, mode="bm25")[0].document.doc_id == "hunan-2021"


def test_a_part_of_the_city_named_in_the_question_favours_the_clause_naming_it(real_answerer):
    # "湘潭县" is an alias of 湘潭: the 民宿 clause names it ("湘潭县为代表的乡村旅游依托型民宿"), the housing
    # clause BM25 finds by "房子" does not
    retriever = real_answerer.retriever
    question = "老家在湘潭县，村里有几栋空着的老房子，想改成民宿搞点农家乐，这种事有支持吗？"
    assert retriever.search(question, k=1)[0].clause.clause_id == "xiangtan-2021/4.3.4.b5"
    plain = _reconfigured(retriever, subplace_bonus=0.0)
    assert plain.search(question, k=1)[0].clause.clause_id == "xiangtan-2021/4.3.3"
    # naming the place is not enough: a clause off the subject (光谷's software park for a rent question) gets none
    rent = "我们是做科技金融的公司，落户光谷能拿到多少房租补贴？"
    only_wuhan = Filters(doc_ids=("wuhan-2024",))
    assert [h.clause.clause_id for h in retriever.search(rent, k=3, filters=only_wuhan)] == \
           [h.clause.clause_id for h in plain.search(rent, k=3, filters=only_wuhan)]


def test_a_document_named_in_the_question_does_not_pull_its_preamble_first(real_answerer):
    retriever = real_answerer.retriever
    question = "湖南“十四五”服务业规划给衡阳的定位是什么？"
    assert retriever.parser.parse(question).doc_mentions == ("“十四五”服务业规划",)
    top = [h.clause.clause_id for h in retriever.search(question, k=3)]
    assert top[0] != "hunan-2021/p1" and "hunan-2021/3.2" in top


def test_a_plans_preamble_does_not_answer_for_its_figures(real_answerer):
    # The preamble ("“十四五”时期，加快推进服务业高质量发展……特制定本规划") repeats the plan's period and subject.
    retriever = real_answerer.retriever
    question = "湖南“十四五”服务业占GDP的比重目标是多少？"
    assert retriever.search(question, k=1)[0].clause.clause_id == "hunan-2021/2.3.b1"
    plain = _reconfigured(retriever, preamble_penalty=0.0)
    assert plain.search(question, k=1)[0].clause.clause_id == "hunan-2021/p1"


def test_a_later_parts_list_leaves_out_an_item_an_earlier_part_quoted():
    from assistant.answer import Answer, _without_repeats
    from assistant.render import Citation

    expo = "重点打造中国国际轨道交通和装备制造产业博览会、湖南（醴陵）国际陶瓷产业博览会等国际品牌展会。"
    merger = "支持有实力的专业服务、人力资源、会展经济企业实施跨行业、跨区域兼并重组。"
    text = (f"找到2条相关措施，出自《株洲行动计划》：\n《株洲市生产性服务业高质量发展三年行动计划（2025—2027年）》：\n"
            f"- （四）会展服务：{expo}（责任单位：市商务局）[1]\n- （二）主体培优育强工程：{merger}（责任单位：市发展改革委）[2]\n"
            "说明：以上是规划提出的支持方向，不是可直接申报的项目。")
    cites = tuple(Citation(n, f"c{n}", "zhuzhou-2025", "株洲", None, "", "", True) for n in (1, 2))
    answer = Answer("q", text, False, cites, "support")
    kept = _without_repeats(answer, [f"{expo}[1]"])
    assert expo not in kept.text and merger in kept.text and kept.text.startswith("找到1条相关措施")
    assert [c.n for c in kept.citations] == [2]
    # an item is kept when its document would be left with none, and when only part of it was quoted
    assert _without_repeats(answer, [f"{expo}{merger}"]) is answer
    assert _without_repeats(answer, [expo[:20]]) is answer


def test_a_later_part_answered_by_an_earlier_parts_sentence_says_it_again():
    from assistant.answer import Answer, _without_repeats
    from assistant.render import Citation

    land = "积极落实农业设施用地政策，保障农产品仓储保鲜冷链设施用地需求。"
    other = "园区内工业用地在不改变用途的前提下，可以允许用于不分割产权、物业整体持有的总部经济项目建设。"
    answer = Answer("q", f"{land}[1]（长沙行动计划已于2026-07-31到期）{other}[1]", False,
                    (Citation(1, "changsha-2023/4.3", "changsha-2023", "长沙", None, "", "", False),), "fact")
    earlier = [f"- （三）加强用地保障：{land}[2]"]
    # "冷库用地有没有说法？": its likeliest sentence, quoted before, answers it and is said again with its companion
    assert _without_repeats(answer, earlier, lambda sentence: "冷链" in sentence) is answer
    # a repeated lead that does not answer the part ("贷款上能不能有点优待") is left out
    kept = _without_repeats(answer, earlier, lambda sentence: "贷款" in sentence)
    assert land not in kept.text and other in kept.text
    assert land not in _without_repeats(answer, earlier).text


def test_a_parts_heading_is_its_question_without_the_story_the_parts_share():
    from assistant.answer import _part_heading

    story = "我在益阳办了一家养老院,想再开一家。可是找地太难,电费水费按商业价交,"
    parts = (f"{story}对养老机构在用地、水电价格上有没有什么说法?",
             "我在益阳办了一家养老院,可是找地太难,电费水费按商业价交,省里是鼓励养老院往什么方向发展?")
    assert _part_heading(parts[0], parts) == "想再开一家。对养老机构在用地、水电价格上有没有什么说法?"
    assert _part_heading(parts[1], parts) == "省里是鼓励养老院往什么方向发展?"
    needs = ("我们想贷款,有什么支持?", "也想招人,有什么支持?")
    assert _part_heading(needs[1], needs) == "也想招人,有什么支持?"
    lead = ("我们做工业设计,想问问株洲对工业设计这块有什么扶持方向?", "我们做工业设计,专利能不能拿去贷款?")
    assert _part_heading(lead[0], lead) == "株洲对工业设计这块有什么扶持方向?"
