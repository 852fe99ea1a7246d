"""Query understanding: places, boilerplate, everyday words, and messy input."""
from __future__ import annotations

import pytest

from assistant.answer import detect_intent
from assistant.query import QueryParser, load_lexicon, normalise_question
from assistant.understand import question_segments, understand
from corpus.regions import load_regions


@pytest.fixture(scope="module")
def parser():
    return QueryParser(load_regions(), load_lexicon())


@pytest.mark.parametrize("question, regions", [
    ("我们在光谷做软件", ("武汉",)),
    ("省里对养老有什么规划", ("湖南省",)),
    ("长沙和株洲的物流目标分别是多少", ("长沙", "株洲")),
    ("醴陵的陶瓷企业", ("株洲",)),
    ("有哪些支持", ()),
])
def test_places_are_recognised_by_their_everyday_names(parser, question, regions):
    assert parser.parse(question).regions == regions


@pytest.mark.parametrize("question, regions", [
    ("省服务业十四五规划对占GDP比重定的目标是多少", ("湖南省",)),  # the province's plan named by its level alone
    ("省规划里物流总费用降多少", ("湖南省",)),
    ("节省物流成本的政策有哪些", ()),
    ("省钱的办法有哪些", ()),
])
def test_the_province_is_named_by_its_plans_level(question, regions):
    parser = QueryParser(load_regions(), load_lexicon(), provinces=("湖南省",))
    assert parser.parse(question).regions == regions


def test_covering_adds_the_province():
    table = load_regions()
    assert table.covering("湘潭") == ("湘潭", "湖南省")
    assert table.covering("武汉") == ("武汉", "湖北省")
    assert table.covering("湖南省") == ("湖南省",)


def test_everyday_words_expand_to_policy_terms(parser):
    query = parser.parse("拿专利去贷款")
    assert "知识产权" in query.expansions and "质押融资" in query.expansions
    assert "托育" in parser.parse("想办个看娃的地方").expansions
    assert "知识产权" in query.search_text


def test_persona_boilerplate_is_dropped_but_the_content_stays(parser):
    query = parser.parse("你好，想问一下，我们是株洲一家做供应链服务的企业，请问有哪些支持？")
    assert not query.text.startswith("你好")
    assert "想问一下" not in query.text and "请问" not in query.text
    assert "供应链服务" in query.text and query.regions == ("株洲",)


def test_traditional_chinese_is_simplified(parser):
    assert parser.parse("長沙物流費用目標").text == "长沙物流费用目标"


def test_messy_input_is_normalised():
    assert normalise_question("长沙\x00物流\x07  目标\n\n") == "长沙 物流 目标"
    assert normalise_question("<script>alert(1)</script><b>长沙</b>物流") == "长沙 物流"
    assert len(normalise_question("长" * 5000)) == 2000
    # a space typed for a comma between phrases is one; between short words it stays a space
    assert normalise_question("开了个小公司 就5个人 主要做设备维修") == "开了个小公司,就5个人,主要做设备维修"
    assert normalise_question("长沙 株洲 物流目标") == "长沙 株洲 物流目标"


@pytest.mark.parametrize("question, intent", [
    ("湘潭规划的发文字号", "meta"),
    ("株洲计划根据省里哪个文件制定的", "meta"),
    ("工业软件园什么时候建成", "date"),
    ("奖励标准是多少", "amount"),
    ("申报要满足什么条件", "procedure"),
    ("长沙物流费用占GDP比重目标", "number"),
    # a department asked beside a figure or a date: the department answer quotes the clause's target
    ("产业学院建几家、哪年完成？责任单位有哪些？", "department"),
])
def test_intents(question, intent):
    assert detect_intent(question) == intent


WITH_DOCUMENTS = {"长沙", "株洲", "湘潭", "湖南省", "武汉"}


@pytest.mark.parametrize("question, fields", [
    ("株洲行动计划的文号和印发日期是什么", ("doc_number", "issued")),
    ("武汉方案是哪个单位印发的，有效期到什么时候", ("issuer", "validity")),
    ("长沙的计划还有效吗", ("validity",)),
    # everyday wording: "哪天发的", "实施期到哪一年", "管的是哪个时期"
    ("武汉这个实施方案是哪天发的？实施期到哪一年？", ("issued", "validity")),
    ("湘潭服务业规划管的是哪个时期？", ("validity",)),
    # a plan's period asked as the year it runs to, and the document it is based on
    ("株洲这个三年行动计划到哪一年结束？", ("validity",)),
    ("湖南省服务业发展规划是依据什么制定的？规划到哪一年？", ("validity", "basis")),
    ("株洲计划根据省里哪个文件制定的", ("basis",)),
    ("株洲那个三年行动计划全称叫什么，文号是多少", ("title", "doc_number")),
    # who and when asked in one breath: "哪个单位哪天印发的"
    ("湘政办发〔2021〕40号是哪个单位哪天印发的", ("issuer", "issued")),
    # a document named by its 文号 alone, its name asked
    ("长政办发〔2023〕24号是什么文件？从哪天起施行？", ("title", "validity")),
    ("株政办发〔2025〕3号文件是什么？", ("title",)),
    ("株洲三年行动计划的文号是什么？有效期多久？", ("doc_number", "validity")),  # the 文号 asked, not named
])
def test_every_metadata_field_asked_is_understood(parser, question, fields):
    ask = understand(parser.parse(question), WITH_DOCUMENTS)
    assert ask.kind == "meta" and ask.meta_fields == fields


@pytest.mark.parametrize("question, across", [
    ("长沙和株洲分别对金融业增加值占GDP比重提出了什么目标", True),
    ("哪些规划对社会物流总费用占GDP比重提出了目标", True),
    ("长沙金融业增加值占GDP比重的目标是多少", False),
    ("我们是株洲的物流企业，有什么支持", False),
])
def test_comparisons_are_understood_as_one_answer_per_side(parser, question, across):
    ask = understand(parser.parse(question), WITH_DOCUMENTS)
    assert ask.across is across


def test_years_and_places_are_read_once(parser):
    ask = understand(parser.parse("长沙到2025年、株洲到2027年的目标"), WITH_DOCUMENTS)
    assert ask.years == ("2025", "2027") and ask.places == ("长沙", "株洲")


def test_document_names_are_found_from_the_library_titles():
    from assistant.query import DocNames

    names = DocNames.from_titles(["湖南省“十四五”服务业发展规划", "长沙市生产性服务业高质量发展三年行动计划（2023—2025年）"],
                                 ["湖南省", "湖南", "长沙市", "长沙"])
    assert names.cores == ("十四五服务业发展规划", "生产性服务业高质量发展三年行动计划")
    assert names.mentions("按湖南“十四五”服务业规划，到2025年金融业占比多少") == ["“十四五”服务业规划"]
    assert names.mentions("长沙这轮三年行动计划打算培育多少家企业") == ["三年行动计划"]
    assert names.mentions("长沙对生产性服务业规划了哪些重点") == []  # 规划了: a verb, no document named
    # a 行动计划 called a 行动, with more of its title before it
    assert names.mentions("长沙那个生产性服务业三年行动，物流是谁负责") == ["生产性服务业三年行动"]
    assert names.mentions("长沙采取了哪些行动支持物流") == []
    # its field's words joined to its kind by 的
    assert names.mentions("长沙那个生产性服务业的计划里提没提仓单") == ["生产性服务业的计划"]
    assert names.mentions("湖南省的服务业规划要求劳动生产率达到多少") == ["服务业规划"]  # not "的服务业规划"
    from assistant.query import names_title
    assert names_title("生产性服务业的计划", "长沙市生产性服务业高质量发展三年行动计划（2023—2025年）", any_kind=True)
    assert names.mentions("长沙物流费用的目标是多少") == []


def test_the_askers_self_description_is_context_not_the_question(parser):
    query = parser.parse("我们是长沙一家做软件的公司，刚请来一位外地专家，他孩子上学有什么照顾？")
    assert query.context == ("我们是长沙一家做软件的公司,",)  # NFKC folds the comma
    assert query.regions == ("长沙",)  # a place told in the description still counts
    assert parser.parse("我们手上有几项专利，能贷款吗？").context == ("我们手上有几项专利,",)
    assert parser.parse("我们是做物流的").context == ()  # a description alone is the question
    assert parser.parse("长沙对物流企业有什么支持？").context == ()


def test_a_group_name_counted_as_places_is_those_places(parser):
    assert parser.parse("长株潭三个市的物流目标分别是多少？").regions == ("长沙", "株洲", "湘潭")
    assert parser.parse("长株潭各市有什么支持？").regions == ("长沙", "株洲", "湘潭")
    assert parser.parse("长株潭一体化有什么目标？").regions == ()  # the province plan's region, not three places
    assert parser.parse("长株潭、湖南省和武汉这几份文件里哪些提到了专利？").regions[:3] == ("长沙", "株洲", "湘潭")


def test_a_place_whose_papers_are_asked_names_its_documents(parser):
    # the asker is in 株洲; "湖南有没有文件说……" asks the province's documents
    query = parser.parse("在株洲做仓储物流的，电费好几万。湖南有没有文件说服务业的电价可以跟工业一样？")
    assert query.named_doc_regions == ("湖南省",)
    assert parser.parse("株洲做物流的，湖南的政策文件里有没有说法？").named_doc_regions == ("湖南省",)
    assert parser.parse("株洲做物流的，有什么政策？").named_doc_regions == ()


def test_the_province_level_without_a_place_is_the_librarys_one_province():
    parser = QueryParser(load_regions(), load_lexicon(), provinces=("湖南省",))
    assert parser.parse("省级层面服务业发展靠什么机制统筹协调？").regions == ("湖南省",)
    assert parser.parse("全省物流费用占GDP比重的目标是多少").regions == ("湖南省",)
    # a named place, a city level beside it, or no province of its own in the library: nothing is assumed
    assert parser.parse("长沙在省级层面有什么支持").regions == ("长沙",)
    assert parser.parse("市级和省级的目标分别是多少").regions == ()
    assert QueryParser(load_regions(), load_lexicon()).parse("省级层面的统筹机制是什么").regions == ()


def test_an_enumerated_question_is_split_into_parts_sharing_the_askers_description():
    from assistant.understand import question_parts

    parts = question_parts("我们是长沙一家做市场调研的公司，马上要进规上了。想问两个事：第一，新进规上的企业有没有奖励？"
                           "第二，想引进几个高端人才，长沙有什么人才政策？")
    assert parts == ("我们是长沙一家做市场调研的公司，新进规上的企业有没有奖励？",
                     "我们是长沙一家做市场调研的公司，想引进几个高端人才，长沙有什么人才政策？")
    assert question_parts("一是想贷款，有没有支持；二是想招人，有什么政策？") == ("想贷款，有没有支持；", "想招人，有什么政策？")
    # what the asker has, told without 我们, is every part's context too
    assert question_parts("株洲做物流的，信用一直不错。问两个事：一是能帮我们对接银行吗？二是有没有奖励？") == (
        "株洲做物流的，信用一直不错。能帮我们对接银行吗？", "株洲做物流的，信用一直不错。有没有奖励？")
    # parts numbered "1." "2." as typed (NFKC turns a full-width "．" into "." too)
    assert question_parts("长沙做仓储的，问两个事：1.仓单能质押贷款不 2.人才能不能办人才绿卡") == (
        "长沙做仓储的，仓单能质押贷款不", "长沙做仓储的，人才能不能办人才绿卡")
    # numbers and ordinal words that enumerate nothing
    assert question_parts("长沙到2025年要达到1.5万亿元，第二产业占比是多少？") == ()
    assert question_parts("第一产业和第二产业的比重分别是多少？") == ()


def test_a_part_asking_whether_the_plans_are_in_force_is_set_apart():
    from assistant.understand import validity_part

    assert validity_part("长沙和株洲对物流费用占GDP比重分别定了什么目标？哪个还在有效期内？") == \
        ("长沙和株洲对物流费用占GDP比重分别定了什么目标？", "哪个还在有效期内？")
    assert validity_part("这个规划现在还有效吗？") is None  # the whole question asks it
    # the last piece of one question ("听说……有支持，现在还算数吗？"), not of one asking only that
    assert validity_part("听说湘潭对家政企业有扶持，现在还算数吗？") == ("听说湘潭对家政企业有扶持，", "现在还算数吗？")
    assert validity_part("株洲那个三年行动计划，现在还有效吗？") is None
    assert validity_part("长沙这个三年行动计划从哪天起施行？有效期多久？") is None  # metadata throughout
    # in force asked in other words
    assert validity_part("哪些文件提到要建工业设计中心？现在还在执行的是哪几份？") == \
        ("哪些文件提到要建工业设计中心？", "现在还在执行的是哪几份？")
    # whether a measure can still be had asks it too; which can be had does not
    assert validity_part("听说新进规上的服务业企业有支持，现在还能申请吗？") == \
        ("听说新进规上的服务业企业有支持，", "现在还能申请吗？")
    assert validity_part("长沙新进规上的服务业企业，还能享受什么政策？") is None


def test_what_a_question_asks_is_read_from_how_it_asks_not_from_the_askers_own_plans():
    from assistant.understand import detect_kind

    # the asker leading ("想牵头几家同行") asks no department; who leads a task does
    assert detect_kind("我们想牵头几家同行搞一个行业团体标准，市里支不支持？") != "department"
    assert detect_kind("株洲会展服务由哪些部门牵头？") == "department"
    assert detect_kind("武汉会计审计服务的牵头单位是谁？") == "department"
    assert detect_kind("接着问，长沙那个计划里物流服务是哪几个单位负责？") == "department"  # units, not a list of firms
    # whether plans are in force, asked as "哪些是有效的" or "还在执行吗"
    assert detect_kind("长沙、株洲、武汉这三个地方的方案现在还有哪些是有效的？") == "meta"
    assert detect_kind("株洲那个三年行动计划现在还在执行吗？") == "meta"
    # a size told about the asker before a yes/no question asks no figure; a figure in the asking part does
    assert detect_kind("我在武汉开了家会计师事务所，规模不大，想往管理咨询方向拓展，市里鼓励吗？") != "number"
    assert detect_kind("株洲物流总费用占GDP比重，2027年能降到13%以下吗？") == "number"
    # the asker's size told in any question ("几个人的小律所", "规模不大") asks no figure either
    assert detect_kind("武汉几个人的小律所，想接企业的知识产权和数据合规业务，市里对小所有啥说法？") != "number"
    assert detect_kind("湘潭有家做检测的第三方实验室 规模不大，湘潭的规划对第三方检测机构怎么支持的") != "number"
    assert detect_kind("武汉有几个人才公寓项目？") == "number"
    # a figure word in the lines that say who the asker is and what it has, before anything is asked
    assert detect_kind("我们是株洲一家做节能改造的小公司，可最近活越来越少；想扩大规模又缺钱，听说有绿色贷款。"
                       "市里对我们这行到底有什么安排？") != "number"
    assert detect_kind("我在长沙开了家物流公司，今年营业额刚够上规模，想问新进规上的服务业企业市里给不给支持？") != "number"
    assert detect_kind("我们是长沙的企业，长沙规上服务业企业的目标是多少家？") == "number"
    assert detect_kind("长沙生产性服务业增加值比重，有没有定目标？") == "number"
    # the asker's own scale pointed at asks no figure, even in the asking segment
    assert detect_kind("我们这种规模的小律所，市里鼓励往哪些方向发展？") != "number"
    assert detect_kind("长沙检验检测产业规模要达到多少？") == "number"
    # support asked with a qualifier between "什么" and its word ("有什么用得上的政策")
    assert detect_kind("我在湘潭开了家家政公司，想多招几个阿姨，有什么用得上的政策？") == "support"
    assert detect_kind("长沙有哪些适合小微企业的扶持？") == "support"
    # ... and in everyday words, 啥 for 什么 ("这块有啥支持")
    assert detect_kind("在湘潭开检测实验室的，房子也在找，湘潭对检验检测这块有啥支持？") == "support"
    assert detect_kind("株洲物流总费用占GDP比重，是怎么定的？") == "number"
    # "这几个地方" points at places named before; it asks no count ("哪几个" and a bare "几个" do)
    assert detect_kind("打算在长沙、株洲或者武汉开分公司，这几个地方分别重点支持哪些业务？") != "number"
    assert detect_kind("株洲要建几个产业园？") == "number"
    # when a plan was issued, asked in everyday words
    assert detect_kind("武汉那个实施方案啥时候发的？") == "meta"
    # a 老字号 is a time-honoured brand, not a document's 字号
    assert detect_kind("我们是长沙一家老字号糕点铺，想开几家分店，市里有什么支持？") != "meta"
    assert detect_kind("株洲行动计划的字号是多少？") == "meta"


def test_a_mistyped_place_name_is_read_as_the_place(parser):
    query = parser.parse("株州的生产性服务业行动计划里，会展服务这块责任单位都有哪些")
    assert query.regions == ("株洲",) and query.text.startswith("株洲的")
    assert parser.parse("湘谭的规划到期了吗").regions == ("湘潭",)


def test_the_askers_own_account_before_the_question_is_its_lead():
    from assistant.query import asker_lead

    assert asker_lead("我们在武昌开了个小律所，就4个律师，方案里对小所有啥说法没") == "我们在武昌开了个小律所，就4个律师，"
    # what the plans say, or a question put without a question word, ends it
    assert asker_lead("我们开了一家日间照料中心，规划里说给予税费减免，具体免哪些？") == "我们开了一家日间照料中心，"
    assert asker_lead("我是一家企业的财务，想确认一下比例是100%还是120%，有没有依据？") == "我是一家企业的财务，"
    assert asker_lead("株洲规上企业有多少家？") == ""
    # told without 我: "在株洲开了家小公司，"
    assert asker_lead("在株洲开了家维修公司，就5个人，市里有什么支持？") == "在株洲开了家维修公司，就5个人，"
    assert asker_lead("在株洲开公司有什么支持？") == ""


def test_simplified_text_stays_simplified_and_traditional_text_is_simplified(parser):
    # opencc_purepy's t2s turns the simplified "结束" into "結束"
    assert parser.parse("株洲这个三年行动计划到哪一年结束？").text.startswith("株洲这个三年行动计划到哪一年结束")
    assert parser.parse("長沙的規劃什麼時候結束？").text.startswith("长沙的规划什么时候结束")


def test_inventory_and_receivables_in_everyday_words_expand_to_their_financing_terms(parser):
    assert "仓单质押" in parser.parse("仓库里压着货，能不能拿货去贷款？").expansions
    assert "应收账款" in parser.parse("客户欠款收不回来，应收款能融资吗？").expansions
    # a good credit record told as keeping faith ("一直守信用") is the plans' 诚信 (融资需求白名单)
    assert "白名单" in parser.parse("我们规模不大但一直守信用，想贷款扩建仓库").expansions


def test_a_quoted_document_number_names_its_document_whatever_its_brackets():
    from assistant.query import DocNames

    names = DocNames.from_titles(["武汉市加快生产性服务业高质量发展实施方案（2024—2027年）"], ["武汉市", "武汉"],
                                 [("武政办〔2024〕121号", "武汉")])
    assert names.numbered("武政办〔2024〕121号那个方案哪天发的") == [("武政办〔2024〕121号", "武汉")]
    assert names.numbered("武政办[2024]121号是哪个文件") == [("武政办[2024]121号", "武汉")]
    assert names.numbered("武政办（2024） 121 号的有效期") == [("武政办（2024） 121 号", "武汉")]
    assert names.numbered("武政办〔2024〕12号是什么") == []  # another number
    assert names.numbered("请问关于武政办〔2024〕121号的实施期") == [("武政办〔2024〕121号", "武汉")]
    assert names.numbered("湘政办〔2024〕121号是什么") == []  # another issuer
    assert names.numbered("2024年武汉的目标") == []


def test_a_trade_told_without_we_is_the_askers_description(parser):
    assert parser.parse("株洲做物流配送的，信用一直不错，贷款难怎么办？").context == ("株洲做物流配送的,",)
    assert parser.parse("在长沙开餐馆的，有什么补贴？").context == ("在长沙开餐馆的,",)
    assert parser.parse("长沙物流做的怎么样？").context == ()  # a question, not a description


def test_question_segments_are_few_and_each_asks():
    assert question_segments("湘潭规上服务业企业2025年目标几家？2020年底有多少家？") == (
        "湘潭规上服务业企业2025年目标几家？", "2020年底有多少家？")
    assert question_segments("长沙物流费用目标是多少？") == ()
    assert question_segments("？？？") == ()
    assert question_segments("长沙的目标是多少？" * 30) == ()  # a long run is answered as one question


def test_a_semicolon_ends_a_question_before_another():
    # "……有什么规划；另外……能不能申请？": two questions, the first ended by a semicolon
    assert question_segments("我在株洲做工程机械租赁，十来台设备。市里对租赁这行有什么规划；另外设备能不能拿去抵押贷款？") == (
        "我在株洲做工程机械租赁，十来台设备。市里对租赁这行有什么规划？", "另外设备能不能拿去抵押贷款？")
    # a semicolon between things told ends no question
    assert question_segments("房租涨了；人也难招。有什么政策？") == ()


def test_wants_told_are_the_askers_wants_not_its_lacks():
    from assistant.understand import need_segments, want_segments

    assert want_segments("我在湘潭开了家家政公司，想送阿姨们去学育婴、护理；另外想给她们买保险。市里有没有说法？") == \
        ("想送阿姨们去学育婴、护理", "另外想给她们买保险")
    # a lack or a worry is what the measure asked about answers, no want of its own
    assert want_segments("衡阳一家物流公司，想发债券融资，但规模不大、信用评级不够，有没有政府的担保机构能帮着增信？") == \
        ("想发债券融资",)
    # a plan added by 顺便 is a want of its own; "顺便问一下" asks
    assert want_segments("我们打算在武汉开个烘焙工作室，顺带把隔壁仓库改成冷链配送点，市里有什么说法？") == \
        ("我们打算在武汉开个烘焙工作室", "顺带把隔壁仓库改成冷链配送点")
    assert want_segments("我们想招几个程序员，顺便问一下，人才公寓怎么申请？") == ("我们想招几个程序员",)
    assert want_segments("我们想在株洲开第二家修车店，再买两台四轮定位仪，市里有补贴吗？") == \
        ("我们想在株洲开第二家修车店", "再买两台四轮定位仪")
    assert need_segments("房租贵，再加上人难招，有什么办法？") == ()  # 再加上 adds, it wants nothing


def test_everyday_words_do_not_match_inside_unrelated_words(parser, tmp_path):
    # 保税维修 is a customs platform, not a tax question; 交税 still is one
    assert "税收优惠" not in parser.parse("我们在长沙修进口设备，想接保税维修的活").expansions
    assert "税收优惠" in parser.parse("小公司交税压力大，有没有优惠").expansions
    bad = tmp_path / "lexicon.tsv"
    bad.write_text("税|减税\t税收优惠\n", encoding="utf-8")
    with pytest.raises(ValueError, match="one character"):
        load_lexicon(bad)


def test_an_everyday_word_crossed_by_one_said_before_it_is_not_said():
    # "进规上市里": 规上 (升规) is said, and 上市 only straddles it and 市里
    lexicon = load_lexicon()
    assert "升规入统" in lexicon.expand("进规上市里有没有支持") and "资本市场" not in lexicon.expand("进规上市里有没有支持")
    assert "资本市场" in lexicon.expand("公司想上市，有没有辅导")
    # a word inside another is said with it (电商 in 跨境电商), and two sharing more than a character both are
    assert "电子商务" in lexicon.expand("做跨境电商的")
    both = lexicon.expand("集团打算把中心剥离出来单独注册公司")
    assert "个转企" in both and "独立企业法人" in both


def test_a_difficulty_told_is_a_need_with_what_it_is_about():
    from assistant.understand import need_segments, want_segments

    # what the asker cannot get or pays too much for is a need; a short complaint takes the piece it ends
    assert need_segments("我在岳阳带几个主播做直播带货，去办营业执照说要经营场所，很麻烦；找银行借钱人家也不太理我们。"
                         "省里有没有说法？") == ("去办营业执照说要经营场所，很麻烦", "找银行借钱人家也不太理我们")
    assert need_segments("我们在张家界做旅游接待，可一整块地根本拿不到；而且酒店的电费按商业价算，比隔壁工厂贵不少。"
                         "省里有没有办法？") == ("可一整块地根本拿不到", "而且酒店的电费按商业价算，比隔壁工厂贵不少")
    # a difficulty is no want; the question itself is no need
    assert want_segments("找银行借钱人家也不太理我们，省里贷款难有没有办法？") == ()
    assert need_segments("长沙物流成本高吗？") == ()


def test_a_request_asks_as_a_question_does():
    # "……也发我一下" asks the 文号 and date as "是多少？" would
    assert question_segments("省里十四五服务业规划定的服务业占GDP比重目标是多少？文号和印发日期也发我一下") == (
        "省里十四五服务业规划定的服务业占GDP比重目标是多少？", "文号和印发日期也发我一下")
    assert question_segments("长沙物流费用目标是多少？谢谢") == ()


def test_a_city_beside_the_province_asks_both(parser):
    parser = QueryParser(load_regions(), load_lexicon(), provinces=("湖南省",))
    assert parser.parse("湘潭服务业占GDP比重的目标，跟省规划的目标比是高还是低？").regions == ("湘潭", "湖南省")
    assert parser.parse("长沙和省里对物流费用占GDP比重分别定了多少？").regions == ("长沙", "湖南省")
    assert parser.parse("湘潭服务业占GDP比重的目标是多少？").regions == ("湘潭",)
    # 省级 qualifies a thing ("省级企业和国家级企业"): no province asked
    assert parser.parse("湘潭两业融合试点，省级企业和国家级企业目标各几家").regions == ("湘潭",)


def test_places_named_together_are_asked_one_by_one():
    from assistant.understand import place_parts
    aliases = ["湖南省", "长沙", "株洲", "湘潭", "武汉", "湖南"]
    assert place_parts("株洲和武汉在人力资源服务上分别定了啥目标？各是谁负责", aliases) == (
        "株洲在人力资源服务上定了啥目标？是谁负责", "武汉在人力资源服务上定了啥目标？是谁负责")
    assert place_parts("长沙、株洲、湘潭三个市的会展服务谁负责？", aliases) == (
        "长沙的会展服务谁负责？", "株洲的会展服务谁负责？", "湘潭的会展服务谁负责？")
    assert place_parts("株洲的物流谁负责？", aliases) == ()


def test_a_statement_about_another_place_before_a_question_going_on_with_na_is_a_premise(parser):
    # what one place's plan says, then "那……" asked of another place: a yardstick, not what is asked
    query = parser.parse("长沙生产性服务业占比定的是65%以上，那株洲定了多少？")
    assert query.premise == ("长沙生产性服务业占比定的是65%以上,",) and query.regions == ("株洲",)
    assert understand(query, {"长沙", "株洲"}).asked == "那株洲定了多少?"
    # not a premise: the question asks of the same place, names none, or the statement asks itself
    assert parser.parse("长沙提到了物流园，那长沙的目标是多少？").premise == ()
    assert parser.parse("长沙提到了物流园，那个物流园在哪？").premise == ()
    assert parser.parse("长沙定了多少？那株洲呢？").premise == ()


def test_what_the_askers_story_tells_is_not_what_is_asked(parser):
    # who is in charge, told in a complaint, is no department asked
    story = parser.parse("我们在岳阳经营羽毛球馆，想承接闲置的公共体育馆来运营，跑了几趟都说场馆归体育部门管，民营企业不好进，很头疼。"
                         "省里的规划有没有支持社会力量运营体育场馆的说法？")
    assert understand(story, set()).kind != "department"
    assert understand(parser.parse("体育场馆运营归哪个部门管？"), set()).kind == "department"
    # a count told with any measure word ("十几架无人机", "几台车") asks no figure
    told = parser.parse("我在常德搞了个农业服务合作社，现在有十几架植保无人机，省里对农业社会化服务是怎么支持的？")
    assert "几架" not in understand(told, set()).asked


def test_a_place_named_only_as_where_the_askers_customers_are_is_not_asked_about(parser):
    assert parser.parse("我们在株洲，主要给长沙的车企供货，市里有啥支持？").regions == ("株洲",)
    assert "长沙" not in parser.parse("我们在益阳做数据标注，给长沙、深圳几家人工智能公司做标注，省里的规划有没有支持？").regions
    # named again where the question asks, it is asked about
    assert parser.parse("我们主要帮长沙的工厂配送，长沙对物流有什么支持？").regions == ("长沙",)
    # ... but where the question names no other place, the customers' place is the asker's too
    assert parser.parse("我们给株洲的大主机厂做配套，能不能拿手里的单子去融资？").regions == ("株洲",)
    # nor a place it means to expand to
    assert parser.parse("我们在株洲做会展，想把业务铺到长沙、湘潭去，株洲对会展企业有什么支持？").regions == ("株洲",)


def test_a_plans_end_told_before_the_question_is_not_what_is_asked(parser):
    told = understand(parser.parse("长沙那个生产性服务业三年行动已经到期了，技术合同成交额占GDP比重最后到底完成6%没有？"),
                      WITH_DOCUMENTS)
    assert told.kind == "number" and "到期" not in told.asked
    asked = understand(parser.parse("长沙那个生产性服务业三年行动到期了吗？"), WITH_DOCUMENTS)
    assert asked.kind == "meta"



def test_the_askers_trade_is_read_from_how_it_says_what_its_business_does(real_answerer):
    from assistant.understand import asker_trade

    words = real_answerer.wording.words
    assert asker_trade("我在株洲开了家保安公司，二十几个保安", words) == ("保安",)
    assert asker_trade("我们是长沙一家做技术翻译的公司", words) == ("技术", "翻译")
    assert asker_trade("我在武汉开了两家宠物店，做洗护", words) == ("宠物",)
    assert asker_trade("长沙对物流企业有什么支持？", words) == ()
    # a numeral inside a trade's word is no size ("第三方", "二手车"); "十几台车" is
    assert asker_trade("我们是株洲一家做第三方物流的公司，十几台车", words) == ("第三方", "物流")
    assert "一些" not in asker_trade("我们是光谷一家一些人的软件公司，", words)  # a headcount as the question is read
    # what a business makes for its customers names them, not its trade
    assert asker_trade("做医院用的排班系统，规模不大", words) == ()


@pytest.mark.parametrize("question", [
    "入统以后市里给不给支持？",  # support asked yes or no
    "搞智慧养老平台，政府支不支持？",
])
def test_colloquial_support_questions_are_support_questions(parser, question):
    assert understand(parser.parse(question), WITH_DOCUMENTS).kind == "support"


def test_the_askers_headcount_told_is_left_out_of_what_is_searched(parser):
    query = parser.parse("我们是株洲一家咨询公司，二十来个人，市里有什么扶持？")
    assert "二十" not in query.text and "个人" not in query.text and "咨询公司,一些人," in query.text
    # a plan's own counts of people stay
    assert "千人计划" in parser.parse("长沙有没有千人计划？").text
    assert "多少人" in parser.parse("株洲要培养多少人？").text


def test_a_world_region_is_searched_by_the_plans_programme_for_it(parser):
    assert "中非经贸" in parser.parse("我们想把货卖到非洲，有什么通道？").expansions
    assert "东盟" in parser.parse("我们在越南有客户，出口有什么支持？").expansions


def test_a_trade_named_by_its_plan_term_is_searched_by_its_compound_too(parser):
    # "冷链" alone matched a land clause's 冷链设施 before the logistics clause's 冷链物流基地
    assert "冷链物流" in parser.parse("长沙冷链方面主要在推什么？").expansions
