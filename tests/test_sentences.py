"""The sentence model's parts: what a bare sub-heading and a past figure are, the features, the focus on
the asked figure of a long sentence, and the stored weights. No model or index needed."""
from __future__ import annotations

import json

import numpy as np

from assistant.sentences import FEATURES, MODEL_PATH, Candidate, SentenceScorer, has_figure, is_bare, is_past
from assistant.understand import asked_part, detect_kind

CORPUS = ["力争到2025年，全省信息服务业增加值超过1200亿元。", "力争到2025年，全省商务服务业增加值突破2000亿元。",
          "“十三五”期间，全省服务业增加值年均增长8%，高于同期GDP增速1个百分点。", "发展壮大中小企业。"]


def test_bare_sub_headings_and_past_figures():
    assert is_bare("发展壮大中小企业。") and is_bare("完善工业互联网体系。")
    assert not is_bare("支持金融机构在自贸区长沙片区先行先试。") and not is_bare("新增亿元楼宇10栋。")
    assert is_past("“十三五”期间，全省服务业增加值年均增长8%。") and is_past("2020年，服务业增加值达2.16万亿元。")
    assert not is_past("力争到2025年，服务业增加值年均增长6.5%以上，比2020年提高2个百分点。")


def test_a_year_alone_is_not_the_figure_a_target_question_asks_for():
    assert not has_figure("到2027年，现代生产性服务业体系高标准建立。") and not has_figure("（2023—2025年）")
    assert has_figure("到2027年，占服务业增加值比重达到47%左右。") and has_figure("打造20公里城市文化艺术长廊。")
    # a name with numbers in it states no figure
    assert not has_figure("加速构建“3+5+5”现代服务业产业体系。") and not has_figure("推广“1+N”服务模式")
    assert has_figure("生产性服务业与非生产性服务业结构比调整到40:60。")
    scorer = SentenceScorer(CORPUS)
    column = FEATURES.index("figure")
    rows = scorer.features("到2027年占几成", [Candidate("到2027年，体系高标准建立。", 0.8, 0, False),
                                              Candidate("占比达到47%左右。", 0.8, 0, False)], {}, True, False)
    assert list(rows[:, column]) == [0.0, 1.0]


def test_a_figure_asked_in_everyday_words_is_a_figure_question():
    for question in ("在整个第三产业里要占到几成？", "靠火车和轮船运出去的货物占多大比例？", "那条长廊有多长？",
                     "两类服务业调到什么比例？"):
        assert detect_kind(question) == "number", question
    for question in ("规划里有提到冷链吗？", "哪几份文件提到了国家知识产权保护示范区？",
                     "一家小公司，手里有几个发明专利，能拿专利去银行贷款吗？",  # 几 in a statement: "a few"
                     "做设计的小公司，没厂房没抵押，就几项专利，能不能拿专利去贷款？",  # "only a few"
                     "我们只有几个人，能享受什么支持？"):
        assert detect_kind(question) != "number", question
    assert detect_kind("株洲有几家国家级工业设计中心？") == "number"
    assert detect_kind("长沙要新增几个示范区，分别在哪？") == "number"
    assert detect_kind("长沙打算在2025年前扶持出多少家生产性服务业的龙头企业？") == "number"  # a count, not measures
    assert detect_kind("我们是一家做物流的公司，株洲有哪些扶持？") == "support"
    assert detect_kind("我在长沙做动画外包，公司十几个人，长沙对我们这个行业有什么扶持？") == "support"
    assert detect_kind("武汉到2027年各类展会总面积要达到多少万平方米？") == "number"  # not money
    assert detect_kind("首次上规能奖励几万？") == "amount"
    assert detect_kind("开了几家门店，株洲有几家国家级工业设计中心？") == "number"


def test_the_asked_wording_makes_the_difference_between_two_near_identical_targets():
    scorer = SentenceScorer(CORPUS, {"bigrams": 5.0, "run": 2.0}, 0.0)
    candidates = [Candidate(s, 0.8, 0, False) for s in CORPUS[:2]]
    rows = scorer.features("到2025年，全省信息服务业增加值要达到多少", candidates, {}, True, False)
    assert rows.shape == (2, len(FEATURES))
    probabilities = scorer.probabilities(rows)
    assert probabilities[0] > probabilities[1]  # 信息服务业, not 商务服务业


def test_a_figure_of_the_other_time_than_asked_is_marked():
    scorer = SentenceScorer(CORPUS)
    past = [Candidate(CORPUS[2], 0.8, 0, False)]
    column = FEATURES.index("past")
    assert scorer.features("服务业增加值年均增速目标是多少", past, {}, True, False)[0, column] == 1.0
    assert scorer.features("“十三五”期间服务业增加值年均增长多少", past, {}, True, True)[0, column] == 0.0
    # the past asked ("规划出台时有多少"): a target's figure is of the other time
    target = [Candidate("服务业增加值年均增长6.5%以上，占GDP比重的53%左右；", 0.8, 0, False, "到2025年，")]
    assert scorer.features("规划出台时服务业占GDP比重多少", target, {}, True, True)[0, column] == 1.0
    assert scorer.features("到2025年服务业占GDP比重多少", target, {}, True, False)[0, column] == 0.0


def test_a_target_is_marked_unasked_only_when_no_figure_is_asked():
    scorer = SentenceScorer(CORPUS)
    target = Candidate("全市律师事务所超过700家。", 0.8, 0, False, context="到2027年")
    measure = Candidate("促进小型律所规范健康发展。", 0.8, 0, False)
    column = FEATURES.index("target_unasked")
    rows = scorer.features("市里对小所有啥说法", [target, measure], {}, False, False)
    assert rows[0, column] == 1.0 and rows[1, column] == 0.0
    # a figure asked, in the intent or in words ("要发展到多少家"): the target is what is asked
    assert scorer.features("市里对小所有啥说法", [target], {}, True, False)[0, column] == 0.0
    assert scorer.features("律师事务所要发展到多少家", [target], {}, False, False)[0, column] == 0.0


def test_a_sentence_is_read_with_the_year_it_inherits():
    scorer = SentenceScorer(CORPUS)
    bare = Candidate("服务业增加值年均增长6.5%以上。", 0.8, 0, False)
    with_year = Candidate("服务业增加值年均增长6.5%以上。", 0.8, 0, False, context="到2025年")
    rows = scorer.features("到2025年服务业增加值年均增长多少", [bare, with_year], {}, True, False)
    assert rows[1, FEATURES.index("bigrams")] > rows[0, FEATURES.index("bigrams")]


def test_focus_keeps_the_parts_around_the_asked_figure_and_its_year():
    sentence = ("到2027年，科技服务、信息服务等七大重点领域发展水平全面提高，建设5个以上省级现代服务业创新示范区，"
                "规模以上生产性服务业企业达到500家，全市生产性服务业增加值力争达到1000亿元，占服务业增加值比重达到47%左右，"
                "基本建成国家服务型制造示范城市。")
    scorer = SentenceScorer([sentence])
    focused = scorer.focus("生产性服务业增加值占服务业增加值比重的目标", sentence)
    assert focused.startswith("到2027年，……") and "47%左右" in focused and "七大重点领域" not in focused
    # a share asked in everyday words, none of them the sentence's: the share is the figure kept
    everyday = scorer.focus("给制造业做配套的那些服务行业，在整个第三产业里要占到几成", sentence)
    assert "47%左右" in everyday
    # a count asked first, then a share: the share is kept for the question asking it only
    both = scorer.focus("规上生产性服务业企业定的目标是多少？增加值和占比呢？", sentence)
    assert "500家" in both and "1000亿元" in both and "47%左右" in both
    short = "力争到2025年，全省信息服务业增加值超过1200亿元。"
    assert scorer.focus("信息服务业增加值", short) == short  # a short sentence stays whole
    # The kept window holds a figure even when the asked wording sits in a part without one.
    night = ("按照“一廊四区”对湘江沿线两岸进行整体规划和开发利用，充分依托滨江资源，围绕“不夜莲城”主题，"
             "打造20公里城市文化艺术长廊为景观主轴的滨江不夜经济带，重点建设滨江风光带、滨江绿道、24小时智慧图书馆。")
    assert "20公里" in SentenceScorer([night]).focus("那条长廊有多长", night)
    # A sentence without figures has nothing to focus on.
    plain = "按照要求，坚持创新，加强协调，推进融合，完善机制，提升能力。"
    assert SentenceScorer([plain]).focus("协调机制", plain) == plain


def test_the_stored_model_has_a_weight_for_every_feature_and_ranks_by_meaning_and_wording():
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(model["weights"]) == set(FEATURES) and "fitted" in model
    weights = np.array([model["weights"][f] for f in FEATURES])
    assert weights[FEATURES.index("dense")] > 0 and weights[FEATURES.index("bigrams")] > 0
    assert weights[FEATURES.index("past")] < 0 and weights[FEATURES.index("bare")] < 0


def test_the_asked_part_leaves_out_the_askers_self_description():
    assert asked_part("我们是几个带货主播组成的团队，湖南省里支持我们注册成公司吗？") == "湖南省里支持我们注册成公司吗？"
    assert asked_part("我们2024年刚成立，能申请什么？") == "能申请什么？"
    question = "长沙生产性服务业增加值占全市服务业的比重，到2025年目标是多少？"
    assert asked_part(question) == question
    assert asked_part("我们有几个专利，能贷款吗") == "能贷款吗"  # a question word is needed to keep a segment
