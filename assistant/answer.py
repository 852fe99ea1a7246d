"""Grounded answers in steps: understand (Ask) → retrieve (Hits) → plan (sentences) → verify (Verdict) → render."""
from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from corpus.models import Clause, Document
from corpus.regions import Region
from corpus.targets import Target, extract_targets, normalise_text
from corpus.text import squash
from embeddings.passages import clause_sentences
from assistant.choose import ChooseConfig, SentenceChooser
from assistant.compare import COMPARE_ASK, TARGET_YEAR, YEAR_ASK, CompareConfig, Comparer
from assistant.decline import NEAREST, DeclineConfig, Decliner, Verdict
from assistant.figures import target_only
from assistant.leads import LABEL, SITUATION, YEAR_LEAD, ClauseLeads
from assistant.places import Place, PlaceTable, load_places
from assistant.query import CITY_LEVEL, QUESTION_WORD, SEGMENT, SERVED, Query, asked_part, asker_lead, names_title
from assistant.render import META_TEXT, Citation, Cites, expiry_note, header_clause, short_title, who
from assistant.retrieve import Filters, Hit, Retriever
from assistant.targets import TargetMatch, TargetTable
from assistant.sentences import has_figure, is_bare, is_past
from assistant.silence import (ANSWER_RULES, DOCUMENT_BACK, Decline, Evidence, PhraseIndex, answer_decline,
                               evidence_decline, holds_loosely, items_asked, period_years, plan_periods, question_decline)
from assistant.understand import (ADDED_ASKED, COVERAGE_ASKED, STILL_HAD, Ask, asker_trade, detect_kind, meta_fields,
                                  asking_segments, need_parts, need_segments, place_parts, question_segments,
                                  question_sentences, situation, task_parts, understand)
from assistant.wording import (ASK_FORM, ASK_ONLY, DEMONSTRATIVE, DEPARTMENT_FORM, GRANT_WORDS, PAST_ASKED,
                               SUPPORT_ASKED, TARGET_ASKED, Wording, coverage, function_word)

MAX_QUESTION_CHARS = 2000
EMPTY_MESSAGE = "问题为空，请输入要查询的问题。"
TOO_LONG_MESSAGE = f"问题太长（超过{MAX_QUESTION_CHARS}字），请精简后再问。"
PLAN_NOTE = "说明：以上是规划提出的支持方向，不是可直接申报的项目；具体的申报条件、金额和流程以主管部门发布的通知为准。"
# Whether the asker qualifies ("我们能不能评？", "小公司能进不"): the plans name measures, rarely who qualifies.
_QUALIFY_ASK = re.compile(r"(能不能|能否|可不可以|够不够|有没有资格|能)(评|申请|申报|进|入驻|入园|享受|认定|评上|入选|参评)"
                          r"(?![个啥什哪])|资格|够格|门槛")  # not "能进个啥白名单" (which list)
_CONDITION_SAID = re.compile(r"前提下|准入条件|方可|须|不得|应当|符合|条件")
QUALIFY_NOTE = "说明：文件没有写明具体的认定、申请或入驻条件，能否符合以主管部门发布的办法或通知为准。"
# Whether a rule or scheme has come out ("养老用地的招拍挂办法出台了吗"), answered by a plan that only means to make it
# ("研究专门针对养老等社会服务领域的商业用地招拍挂制度"): the plan cannot say whether it has.
_ISSUED_ASK = re.compile(r"(出台|出来|发布|印发|落地|实施|施行)了(吗|没有|没)|(有没有|是否|已经)(出台|发布|印发|落地)|出没出台")
_INTENT_SAID = re.compile(r"研究|探索|谋划|制定|出台|推动建立|建立健全")
ISSUED_NOTE = "说明：文件只是提出要研究或制定，没有说明是否已经出台；是否已出台以主管部门发布的文件为准。"
# What a term means ("文件里说的产业链+法律服务是啥意思"): plans coin slogans and seldom define them. The term is the
# words before the asking, after the words that point at the document ("说的", "里的").
_MEANING_ASK = re.compile(r"(是)?(啥|什么)意思|(具体)?指的?是?(什么|啥|哪些)|怎么理解|(什么|啥)含义|含义是(什么|啥)")
_POINTING = re.compile(r".*(说的|讲的|提到的|提出的|写的|里的|中的|所谓的?)")
_DEFINING = re.compile(r"^[”\"」]?[^，,。；;]{0,6}[，,]?(即|是指|就是|包括|指的是|：|（)")

# Kept for callers that only need the kind of a question (conversation follow-ups).
detect_intent = detect_kind

_MONEY = re.compile(r"\d+(\.\d+)?\s*(万|亿)?元")
_FUNDS = re.compile(r"补贴|奖励|补助|资助|奖补|减免|贴息|资金|基金")
_COMPARISON = re.compile(r"比较|相比|对比|哪个.{0,6}(大|高|多|好|强|优)|谁.{0,4}(大|高|多|好|强)|比(?![如重例率])[^，,。？?]{0,8}(大|高|多|好|强)|"
                         r"(和|跟|与|同)[^，,。？?]{1,8}比|更(大|高|多|好|强|优)")
# A place's own plan asked of ("衡阳市生产性服务业行动计划里对软件企业有啥补贴", "常德市自己有没有出……扶持文件"), after
# the place's name; not the province's plan nor the asker's business ("衡阳一家物流公司想了解省里规划").
_PLACES_OWN_PLAN = r"(?:(?!省|做|开|办|搞|一家|公司|企业)[^，,。？?]){0,24}?(规划|计划|方案|文件)"
_OWN_PLAN = re.compile(r"(自己|本级|单独|专门|本地)的?[^，,。？?]{0,10}(规划|计划|方案|文件)")  # a place's own plan asked
# The province's plan asked about a city ("省里对湘潭…", "湖南省的服务业规划对株洲…"): the province named, then the
# city after a word saying what the plan is about.
_PROVINCE_WORD = re.compile(r"省里|省级|省政府|省委|省规划|省的规划|全省")
_ABOUT = r"(对|给|针对|关于|为)"
_RELATED_RUN = 4  # characters an asked indicator and a plan's indicator share to be related
_DOC_NUMBER = re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\d+号")  # a 文号 quoted in a sentence

# Words of an enterprise's question that ask for support or point back at the business, not a need of its own.
_NEED_FILLER = re.compile(r"^(这|那|我们)|扶持|帮扶|鼓励|培育|机构|企业|公司|单位|行业|业务|方向|规划|计划|文件|这边|那边|算不算|不算|属于|"
                          r"重点|政府|市里|省里|不多|不大|没有|"
                          # the plans' own field ("有没有出生产性服务业的扶持文件") is no need of the asker's
                          r"^(生产性?|服务|服务业|生产性服务业|现代服务业)$|"
                          r"^[一二三四五六七八九十两几百千万来]+[个家人名]?$")  # a size told ("就七八个人") is no need
_NO_PLAN = "本级的政策文件"
# Specifics a message can ask of one measure that a plan leaves out each on its own: which ones, by when, how much,
# how to apply. The reasons of other rules imply one another (a measure never mentioned has no amount; no outcome
# published has no 2024 figure). A procedure and an amount asked together are said in one reason already.
_DISTINCT_SPECIFICS = {"items_missing", "date_missing", "amount_absent", "procedure"}
_SAID_TOGETHER = {"procedure", "amount_absent"}
# ... and a kind of support the plans never mention, asked beside how to apply for it ("给不给贴息？具体流程怎么走？"),
# is said too: the procedure's reason does not imply it.
_UNMENTIONED = {"subsidy_kind_absent", "instrument_absent", "grant_absent"}
# A sentence an answer quotes, with its citation mark ("……登记个体工商户。[1]"), without the mark.
_QUOTED_SENTENCE = re.compile(r"([^。\n：:]+。)\[\d+\]")
# A plan's own words on who organises it ("完善市服务业发展联席会议制度，强化高位统筹与责任分工"), and the sentence
# of its safeguards that says how tasks are assigned ("明确年度工作目标和责任部门").
_ORGANISING = re.compile(r"联席会议|领导小组|统筹协调|推进机制")
_ASSIGNING = re.compile(r"责任部门|责任分工|分工")
# What a question asks of a place itself ("省规划对岳阳和衡阳分别是怎么定位的"), not a topic
_PLACE_ROLE = re.compile(r"定位|地位|角色|功能定位|发展方向|方向|作用|分工")
# A term the asker quotes ("“两副”", "“1345”部署")
_QUOTED = re.compile(r"[“\"「]([^”\"」]{2,12})[”\"」]")
# A sentence is quoted in part, from a quoted term it defines, only when it is this long
_DEFINITION_FROM = 150
# Words that announce a question, not part of it ("想问:", "问一下，", "请问").
_ASKING_LEAD = re.compile(r"^(我)?(想问问|想问(一下|下)?|问一下|请问|再问(一下|下)?)[：:，,]?")
_CONTACT = re.compile(r"对接|联系|咨询|找|问|办理?|管|归口|对口|具体")  # who to see, not a task
_TASK_HEADED = 0.5  # the share of a department question's task words a clause heading must hold to name the task
# Whether a plan holds a measure the message tells of ("……武汉的方案里有这个政策吗", "有这项规定吗")
_HELD_ASK = re.compile(r"(这个|这项|这种|这条|这样的?)(政策|规定|说法|条款|措施|优惠|安排)")
# Whether the plans allow or offer something, asked yes or no ("能不能按工业价格算", "可不可以先租后让")
_ALLOWED_ASK = re.compile(r"能不能|可不可以|能否|可否|行不行|允不允许|是否(可以|能)")
# Said of an ended plan when asked whether its measure can still be had ("现在还能申请吗").
_NO_MORE = "，已不能再依据该文件申请，现行政策以主管部门的最新通知为准"
# Specifics or a requirement asked ("有具体要求没有"): a goal with its figure is what the plan requires.
_REQUIREMENT_ASK = re.compile(r"要求|具体")
# What the plans say of a topic asked ("对跨境电商企业有啥说法", "有没有提到直播", "里面怎么讲的")
_MENTION_ASK = re.compile(r"(有|有没有|有啥|有什么|有哪些)(说法|提法|表述|规定)|(怎么|咋|如何)(说|讲|提)|有没有(提到|提及|涉及|写)|提没提|说没说|"
                          r"(提到|提及|涉及)(了)?(吗|没|没有)")
# A department named in a task's own sentence as the one doing it ("由市发展改革委会同有关部门对落实情况进行跟踪调度")
_ACTOR = re.compile(r"由(市|省)[\u4e00-\u9fff]{1,12}?(委员会|委|局|厅|办公室|办)|(市|省)[\u4e00-\u9fff]{1,10}?(委|局|厅)(会同|牵头|负责)")
# A task's sentence is clearly one clause's when no clause listing departments has a sentence half as likely.
_TASK_CLEAR = 0.5
# The question points back at the asker's own trade ("我们这种小所", "我们这类企业", "这行").
_POINTS_AT_TRADE = re.compile(r"(我们|咱们)(这|这种|这类|这个|这样的)|这(一|个)?行(?!不行|吗|吧)|这(种|类)(业务|生意|行业|企业|公司)")
# A validity question asking which documents apply to a place ("哪份还能管到我们湘潭企业", "适用于长沙企业").
# which plans reach a place ("哪份还能管到我们湘潭企业"), not how long one runs ("管到什么时候")
_APPLIES = re.compile(r"(?:管到|管得到|管得着|适用|能用|用得上|覆盖)(?!什么时候|哪年|哪一年|几时|何时|\d)")
# a name the question quotes (“中非经贸深度合作先行区”) is what it asks about; a period (“十四五”) is not
_TARGET_WORD = re.compile(r"目标|定的|要达到|力争|十[四五六]五|末|到\s*20\d{2}")  # a target asked, not a past figure
ANSWER_RULE_IDS = {rule for rule, _ in ANSWER_RULES}


ANSWERED = Verdict("answered")


@dataclass(frozen=True)
class Answer:
    query: str
    text: str
    refused: bool
    citations: tuple[Citation, ...] = ()
    intent: str = "fact"
    hits: tuple[Hit, ...] = field(default=(), compare=False, repr=False)
    status: str = "answered"
    rule: str | None = None
    resolved: str | None = None  # a follow-up ("那武汉呢？") as it was answered, for the next follow-up

    def to_json(self) -> dict:
        return {"query": self.query, "answer": self.text, "refused": self.refused, "status": self.status,
                "rule": self.rule, "citations": [c.to_json() for c in self.citations]}


@dataclass(frozen=True)
class AnswerConfig:
    k: int = 8
    support_k: int = 10
    # A city without a plan is where the asker is, not the topic, when the province's best clauses on the asked
    # words cover this much more of them than its clauses naming the city.
    place_incidental_margin: float = 0.2
    general_k: int = 5  # the province's best clauses on the topic looked at for that
    max_measures: int = 6  # support measures listed at most (the asked place's own first)
    trade_rare_clauses: int = 10  # a trade's own word is held by at most this many clauses (家政 10, 物流 50)
    measure_rare_clauses: int = 3  # a measure's own word, support asked for it (无人机 1, 低空 2; 配送 10)
    min_dense: float = 0.865  # below this top dense similarity, with weak keywords, the corpus is silent
    min_bm25: float = 8.0
    # A part of an enumerated question is answered by its own words alone when that answer holds this much more of
    # what the part is about than the answer with the asker's description.
    part_alone_gain: float = 0.25
    # When the chosen sentences lack the asked specific, a sentence of the lead's clause scoring at least this
    # share of the lead that holds it answers instead.
    repair_ratio: float = 0.1
    measure_ratio: float = 0.5  # support measures must score at least this share of the best measure
    part_alone_share: float = 0.5  # a part alone leads with what it asks when its lead holds this share of it
    # A topic the asked plan never names is pointed to the clause that at least this many, and half, of the other
    # plans' sentences naming it find in the asked plan (of at most neighbour_sentences, in the library's order).
    neighbour_votes: int = 3
    neighbour_sentences: int = 8
    # A measure's second sentence must score this share of its first. Dev: 1.01 (off) and 0.9 change nothing;
    # 0.75 and 0.6 change one answer (q022 gains the 产业园 sentence it asks about), key phrase 0.934 throughout.
    second_measure_ratio: float = 0.75
    # ... and their clause's fused retrieval score this share of the best of its document. Support answers'
    # gold clause cited / citations per answer / share of cited clauses that are gold, dev (16 support
    # questions) and the previous round's fresh blind set (20 enterprise questions, already read for tuning):
    # 0 → 16, 1.88, 0.533 | 16, 1.60, 0.500; 0.9 → 16, 1.62, 0.615 | 16, 1.35, 0.593; 0.96 → 16, 1.38, 0.727 |
    # 16, 1.15, 0.696; 0.98 → 16, 1.19, 0.842 | 15, 1.10, 0.682; 1.0 → 14, 1.00, 0.875 | 15, 1.00, 0.750.
    measure_fused_ratio: float = 0.96
    # A question of a message asking several is unanswered when the answer lacks more than this share of its
    # words (by idf): it is then answered on its own.
    segment_uncovered: float = 0.5
    # A word says what a question is about when the plans use it and it is this rare (idf): 培训, 入驻, 贷款 are;
    # 政策, 业务, 模式 ("政策上有没有说？", "市里支持这块业务吗？") only point back at the question before.
    topic_idf: float = 2.0
    indicator_chars: int = 6  # an indicator name this long, found in a figure question, must be in its answer


class Answerer:
    def __init__(self, retriever: Retriever, places: PlaceTable | None = None,
                 config: AnswerConfig = AnswerConfig(), choose: ChooseConfig = ChooseConfig(),
                 compare: CompareConfig = CompareConfig(), decline: DeclineConfig = DeclineConfig()):
        self.retriever = retriever
        self.places = places if places is not None else load_places()
        self.config = config
        corpus = retriever.corpus
        self._library = tuple(d.title for d in corpus.documents) + tuple(
            d.doc_number for d in corpus.documents if d.doc_number)  # what the question rules check against
        self._with_docs = {d.region for d in corpus.documents if d.region}
        # a document's text: its clauses, then the headings of its parts, which no clause holds ("五、实施服务业
        # 提质增效七大工程")
        self._phrases = PhraseIndex({d.doc_id: "".join(c.text for c in corpus.clauses_of(d.doc_id)) + "\n".join(
            dict.fromkeys(c.section_path[0] for c in corpus.clauses_of(d.doc_id) if c.section_path))
                                     for d in corpus.documents})
        self._library_text = "\n".join(self._phrases.texts.values())
        self.wording = Wording(retriever, config.topic_idf, config.segment_uncovered)
        self.leads = ClauseLeads(corpus)
        self.chooser = SentenceChooser(retriever, self.places, self.wording, self.leads, choose)
        self.comparer = Comparer(retriever, self.wording, self.leads, self.chooser, self.targets, compare)
        self.decliner = Decliner(retriever, self.places, self.wording, self.chooser, self.targets, self._relevant,
                                 decline)
        self._targets: TargetTable | None = None
        self._target_text: dict[str, tuple[Target, ...]] = {}
        self._meaning: dict[str, tuple[tuple[str, str], ...]] = {}
        self._sectors: str | None = None
        self._doc_text: dict[str, str] = {}
        self._targets_lock = threading.Lock()

    # -- the pipeline -------------------------------------------------------------------------

    def ask(self, question: str, filters: Filters = Filters(), today: date | None = None) -> Answer:
        """Answer one question on its own. Empty or over-long input gets a message, never an exception."""
        today = today or date.today()
        if not any(ch.isalnum() for ch in question or ""):
            return Answer(question or "", EMPTY_MESSAGE, True, (), "invalid", status="invalid", rule="empty")
        if len(question) > MAX_QUESTION_CHARS:
            return Answer(question, TOO_LONG_MESSAGE, True, (), "invalid", status="invalid", rule="too_long")
        return self.answer(self.understand(question), filters, today)

    def understand(self, question: str) -> Ask:
        ask = understand(self.retriever.parser.parse(question), self._with_docs)
        if ask.kind == "fact" and ask.query.context and _TOLD_NEEDS_ASKED.search(ask.asked) and \
                len(need_segments(ask.text)) >= 2:
            # an enterprise that tells who it is and its needs, then asks what the plans say of them ("……可用地一直
            # 落不下来；……想问银行能不能拿仓单做质押贷款。长沙那个计划对这两件事是怎么说的？") asks for the measures
            # for each need, as a support question does
            ask = replace(ask, kind="support")
        if ask.kind == "support":
            ask = replace(ask, needs=need_parts(ask.text, ask.query.context, self.wording.words, self._is_need))
        elif ask.kind == "fact":
            # needs joined in what is asked ("对家政阿姨的培训和保险这块有啥说法"), not in what is told ("一直按时
            # 还款、信用挺好，……有没有办法"): every segment without a question word is context here
            told = tuple(s for s in SEGMENT.findall(ask.text) if not QUESTION_WORD.search(s))
            ask = replace(ask, needs=self._needs_asked(ask.text, told))
        elif ask.kind == "department":
            # "检验检测服务和会计审计服务分别是哪个部门牵头": each task's departments
            ask = replace(ask, needs=task_parts(ask.text))
        return ask

    def _needs_asked(self, text: str, told: tuple[str, ...]) -> tuple[str, ...]:
        """The question once per need joined in what it asks; in a message of several questions ("有没有什么通道或者
        园区能用上？融资这块有没有说法？") each question once, the one joining needs once per need, each with the
        story told before the first (a need part carrying the other questions would be split again)."""
        segments = question_segments(text)
        if len(segments) < 2:
            return need_parts(text, told, self.wording.words, self._is_need)
        story = situation(segments[0])
        parts = [p for i, segment in enumerate(segments) for p in
                 need_parts(story * (i > 0) + segment, told, self.wording.words, self._is_need)
                 or (story * (i > 0) + segment,)]
        return tuple(parts) if len(parts) > len(segments) else ()

    def encode_ahead(self, question: str) -> None:
        """Encode now every query answering the question will search (the question; its asked part or whole
        description for a support question; each need or part), so that a server's answer lock finds them
        cached and the questions of users asking together reach the encoder together."""
        ask = self.understand(question)
        prefix = _common_prefix(ask.parts) if len(ask.parts) > 1 else ""
        asks = [ask] + [self.understand(part) for part in ask.parts] + \
            [self.understand(self._part_alone(ask, part, prefix)) for part in ask.parts if prefix]
        for one in asks:
            self.retriever.query_vector(one.query)
            self.retriever.query_vector(self._search_query(one))
            for need in one.needs:
                self.retriever.query_vector(self.retriever.parser.parse(need))
            # the wants told and the questions asked, each ranking the lead clause's sentences on its own
            for piece in need_segments(one.query.text) + question_segments(one.query.text):
                self.retriever.query_vector(self.retriever.parser.parse(self.wording.mask_places(piece)))

    def _is_need(self, text: str) -> bool:
        """Does text name something an enterprise needs (融资, 人才, 场地), beyond asking for support?"""
        terms = self.wording.content_terms(self.retriever.parser.parse(text), expansions=False, text=text)
        # in words the plans use or the lexicon has their terms for: "巡逻车" is no need the plans could speak of
        # apart from the loan it is bought with ("贷点款添巡逻车和监控设备" is one need)
        lexicon = self.retriever.parser.lexicon
        return any(not ASK_ONLY.search(t) and not _NEED_FILLER.search(t)
                   and (self.retriever.bm25.knows(t) or lexicon.expand(t)) for t in terms)

    def answer(self, ask: Ask, filters: Filters, today: date) -> Answer:
        answer = self._answer_message(ask, filters, today)
        if answer.status == "invalid":
            return answer
        note = self._trade_unnamed(ask)
        if note and note not in answer.text and answer.rule != "trade_absent":  # (which says so itself)
            # "我们这行算不算在里面": the plans never name the asker's trade (保安, 翻译): said first, before the
            # nearest content (or before the decline, when nothing is near); not called support for every trade,
            # which a clause matched by other words is not
            tail = "。\n" if answer.refused else "；以下是现有文件中与所问最接近的内容：\n"
            answer = replace(answer, text=note + tail + answer.text)
        held = [period_years(p).start for d in self.retriever.corpus.documents for p in plan_periods(squash(d.title))]
        period = next((p for p in plan_periods(ask.text) if held and period_years(p).start > max(held)), None)
        if period and answer.rule != "document_absent" and f"“{period}”" not in answer.text:
            # "省里“十五五”服务业发展规划出了吗？2030年目标是啥": the library holds no plan of that later period; said
            # first, before what the plan it does hold says (not of "十三五", whose figures the later plans report)
            answer = replace(answer, text=f"现有政策文件中没有“{period}”时期的规划；" + answer.text)
        return answer

    def _trade_unnamed(self, ask: Ask) -> str:
        """"现有政策文件没有专门提到“保安”这一行；……" when the message asks whether its trade is covered and the
        documents of the asked place never use the head word of the trade the asker tells (nor a plan term the
        lexicon gives for it); "" otherwise."""
        if not COVERAGE_ASKED.search(ask.text):
            return ""
        trade = asker_trade(ask.text, self.wording.words)
        docs = self.retriever.preferred_docs(ask.query) or {d.doc_id for d in self.retriever.corpus.documents}
        text = "".join(c.text for d in sorted(docs) for c in self.retriever.corpus.clauses_of(d))
        lexicon = self.retriever.parser.lexicon
        # the trade's head word, its last ("技术翻译": 翻译; "设备租赁": 租赁, which 租赁商务 names)
        head = trade[-1] if trade else ""

        def named(word: str) -> bool:
            return word in text or any(t in text for t in lexicon.expand(word))

        if not head or named(head):
            return ""
        # every word of the trade the plans never use ("翻译和本地化": 翻译、本地化; "技术翻译": 翻译)
        unnamed = "、".join(w for w in trade if not named(w))
        return f"现有政策文件没有专门提到“{unnamed}”这一行"

    def _answer_message(self, ask: Ask, filters: Filters, today: date) -> Answer:
        if ask.parts:
            return self._answer_parts(ask, filters, today)
        if ask.validity:
            return self._with_validity(ask, filters, today)
        if ask.kind == "department" and len([p for p in ask.places if p in self._with_docs]) >= 2 and \
                (parts := place_parts(ask.text, self.wording.aliases)):
            # "株洲和武汉……分别定了啥目标？各是谁负责": each place's departments (and what else is asked) on its own
            return self._answer_parts(replace(ask, parts=parts), filters, today)
        if ask.kind == "department" and len(ask.needs) >= 2:
            return self._answer_parts(replace(ask, parts=ask.needs, needs=()), filters, today)
        if parts := self._meta_and_more(ask):
            # "……实施方案管到哪一年？市里哪个部门统筹抓落实": the metadata, then each other question on its own
            return self._answer_parts(replace(ask, parts=parts), filters, today)
        if silent := self._city_silent(ask, filters, today):
            return silent
        answer = self._answer(ask, filters, today)
        if not answer.refused and (difference := self.comparer.difference(ask, answer.text, answer.citations)):
            answer = replace(answer, text=f"{difference}\n{answer.text}")
        parts = self._segment_parts(ask) or (_from_base(ask.text) if ask.kind == "number" else ())
        parts = parts if len(parts) > 1 else ()
        if parts and (answer.status == "declined" or answer.status == "answered" and (not all(
                self.wording.speaks_to(s, answer.text) for s in question_segments(ask.text)[1:])
                or _target_unanswered(question_segments(ask.text), answer.text)
                or len(parts) > max(1, len(question_segments(ask.text))))):
            # several questions one after another ("…2025年目标几家？2020年底有多少家？") that the documents do not
            # answer together, or answered as one that speaks to the first only ("2020年增加值多少？十四五末占GDP
            #比重目标呢"): answered one by one when each of them is answered
            split = self._answer_parts(replace(ask, parts=parts), filters, today)
            if split.status == "answered":
                return split
        if ask.kind == "fact" and (answer.status == "answered" or answer.rule == "place_province_only") and \
                (parts := self._unmet_needs(ask, answer)):
            # "对家政阿姨的培训和保险这块有啥说法": needs joined in one question, answered as one that speaks to
            # one of them only: each need answered on its own
            split = self._answer_parts(replace(ask, parts=parts, needs=()), filters, today)
            cited = {c.clause_id for c in answer.citations}
            if split.status == "answered" and any(c.clause_id not in cited for c in split.citations):
                return split  # a need the answer's clauses leave out is met by a clause of its own
        if parts := self._uncovered_parts(ask, answer):
            # several questions about different things ("在培训上有没有支持？给阿姨们买保险有没有说法？") answered as
            # one speak to the first only: each is answered on its own, a part the plans do not hold saying so
            split = self._answer_parts(replace(ask, parts=parts), filters, today)
            cited = {c.clause_id for c in answer.citations}
            first, *later = self._questions_asked(ask)
            unmet = [q for q in later if not self.wording.speaks_to(q, answer.text)]
            quoted = set(_QUOTED_SENTENCE.findall(answer.text))
            parts_quote = _QUOTED_SENTENCE.findall(split.text)
            parts_said = _quotes(split.text)  # not the part headings, which echo the question (a measure list's items too)
            if not unmet and not self.wording.speaks_to(first, answer.text) and self.wording.said_share(
                    first, parts_said) >= self.wording.said_share(first, answer.text) + self.config.part_alone_gain:
                unmet = [first]  # the answer spoke to a later question only; the parts speak to the first clearly more
            more = any(s not in quoted for s in parts_quote)
            new_clause = any(c.clause_id not in cited for c in split.citations)
            if unmet and split.status != "declined" and (new_clause or more) \
                    and all(self.wording.speaks_to(q, parts_said) for q in unmet):
                return split  # the parts quote more than the whole did, and speak to what it left unanswered
            if split.status == "answered" and self._part_better_answered(parts, answer, split):
                return split  # a question answered on its own leads with a sentence the whole left out
        if answer.status == "declined":
            answer = self._declined_each(ask, answer, filters, today)
        documents = self.retriever.corpus.documents
        mentions = ask.query.doc_mentions
        # "湖北省的服务业规划", "湘潭市生产性服务业三年行动计划": a place's document the library does not hold
        absent = [r for r in ask.query.named_doc_regions
                  if not any(d.region == r and names_title(m, d.title, any_kind=True) for d in documents for m in mentions)]
        if absent and answer.status == "answered" and answer.citations and mentions:
            # Say so before what the documents the library does hold say; name a like-titled plan of another
            # place ("三年行动计划" is 株洲's).
            titles = "、".join(dict.fromkeys(f"《{c.doc_title}》" for c in answer.citations))
            mention = mentions[0]
            alike = "、".join(f"《{d.title}》是{d.region}的文件" for d in documents
                              if d.region not in absent and names_title(mention, d.title)
                              and d.title not in titles)
            note = (f"现有政策文件中没有{'、'.join(absent)}的{mention}{'（名称相近的' + alike + '）' if alike else ''}；"
                    f"以下内容出自{titles}：\n")
            return replace(answer, text=note + answer.text, refused=True, status="partial", rule="document_absent")
        if ask.kind == "meta" and answer.status == "answered" and answer.citations:
            # "湖南省“十五五”服务业规划的文号": the plan of another period is not the one asked about
            titles = list(dict.fromkeys(c.doc_title for c in answer.citations))
            period = next((p for p in plan_periods(ask.text) if not any(p in squash(t) for t in titles)), None)
            if period:
                named = "、".join(f"《{t}》" for t in titles)
                note = f"现有政策文件中没有{'、'.join(ask.places)}“{period}”时期的规划；以下是{named}的信息，不是所问的文件：\n"
                return replace(answer, text=note + answer.text, refused=True, status="partial", rule="document_absent")
        return answer

    def _declined_each(self, ask: Ask, answer: Answer, filters: Filters, today: date) -> Answer:
        """A declined message asking several things the plans do not hold ("“十大优秀平台”是哪十个？评上能拿多少
        支持？"): the reason of every question declined on its own, in the order asked, before the nearest clauses
        (the whole is declined for one of them only: the amount). A question with no subject of its own ("评上能
        拿多少支持？") is asked of the first's."""
        segments = question_segments(ask.text)
        head, sep, tail = answer.text.partition(NEAREST)
        if len(segments) < 2 or not sep or _NO_PLAN in head:
            return answer
        subject = self.subject_of(segments[0])
        reasons = []
        for segment in segments:
            alone = self.answer(self.understand(segment if self.wording.topic_words(segment) else subject + segment),
                                filters, today)
            unmentioned = alone.rule in _UNMENTIONED and answer.rule == "procedure"
            if alone.status != "declined" or alone.rule != answer.rule and not unmentioned and (
                    {alone.rule, answer.rule} - _DISTINCT_SPECIFICS or {alone.rule, answer.rule} == _SAID_TOGETHER):
                continue  # answered, or a reason the whole's implies (no 房租补贴 at all: no amount either)
            # the whole's own reason stands for the question it was declined for
            reason = head if alone.rule == answer.rule else alone.text.partition(NEAREST)[0]
            if _NO_PLAN not in reason and reason not in reasons:
                reasons.append(reason)
        if len(reasons) < 2 or head not in reasons:
            return answer
        return replace(answer, text="".join(reasons) + sep + tail)

    def _answer_parts(self, ask: Ask, filters: Filters, today: date) -> Answer:
        """An enumerated question ("第一…第二…"): each part answered on its own, under its own heading, with one
        list of citations."""
        answers: list[Answer] = []
        prefix = _common_prefix(ask.parts) if len(ask.parts) > 1 else ""
        for part in ask.parts:
            one = self.understand(part)
            if one.kind == "fact":
                one = replace(one, needs=())  # a part is not split again by its needs
            earlier = next((a for a in reversed(answers) if a.citations and a.status == "answered"), None)
            if one.kind == "department" and earlier and not self._task_named(part[len(prefix):]):
                # "……准备引进哪些展？找哪个部门对接？": a department asked of no task of its own is the department of
                # the clause the message's earlier question was answered by
                answers.append(self.departments_of(part, earlier.citations[0].clause_id, today))
                continue
            answer = self.answer(one, filters, today)

            def answers_part(sentence: str, own: str = part[len(prefix):]) -> bool:
                # what the part's segments that ask name, not the story told before them ("用厂里自己的工业用地来干
                # 这个，仓库里压着的货能不能拿去做质押贷款？" asks of 质押贷款)
                asked = "".join(s for s in SEGMENT.findall(own) if QUESTION_WORD.search(s))
                return bool(self.wording.topic_words(asked)) and self.wording.speaks_to(asked, sentence)

            if any(_repeats(answer, earlier) for earlier in answers) and \
                    not _said_again(answer, [a.text for a in answers], answers_part):
                # the asker's description pulled this part to an earlier part's clause ("我在湘潭开了家家政公司，
                # ……二是想顺带办个小托育点"): searched by its own words, with the places named; unless the sentence
                # model ranks first for those words a sentence of that clause the earlier part left out ("……开农机维修
                # 店，……有没有线上平台可以接活" → the 农机 clause's 云平台 sentence, not 网络经营场所登记个体工商户)
                kept = _without_repeats(answer, [a.text for a in answers])
                own_words = self._own_words(ask, part)
                answer = self.answer(own_words, filters, today)
                own = part[len(prefix):]
                told_before = _needs_told_before(own, ask.parts[:len(answers)])
                if kept.text != answer.text and kept.status != "declined" and not told_before and \
                        not any(_repeats(kept, earlier) for earlier in answers) and \
                        (likeliest := self._likeliest_sentence(
                            own_words.text, {c.clause_id for c in kept.citations + answer.citations},
                            tuple(a.text for a in answers))) and likeliest in kept.text:
                    answers.append(kept)
                    continue
                if prefix and len(need_segments(own)) > len(told_before) and \
                        not self.wording.speaks_to(own, _quotes(answer.text)):
                    # ... and still not speaking to a need the part tells of its own: the description is not only who
                    # the asker is ("主要帮厂里做节能诊断、碳核查，……还有银行老嫌我们轻资产不好放贷，市里在融资上有没有
                    # 说法"), and the need is answered by its own words alone (not a need an earlier part tells too:
                    # "找地太难，……电费水费按商业价……对用地、水电价格有没有说法？省里鼓励养老院往什么方向发展？" is
                    # answered by the question alone below)
                    answer = self.answer(self.understand(self._part_alone(ask, part, prefix)), filters, today)
                elif prefix and self.wording.topic_words(self.wording.mask_places(own)) and \
                        not self.wording.speaks_to(own, _quotes(answer.text)) and \
                        (alone := self._alone_if_clearer(ask, part, prefix, own, answer, filters, today)) and \
                        self.wording.speaks_to(own, _quotes(alone.text)):
                    # ... or not speaking to what the part itself names ("……跨境电商卖到非洲，……银行也不太愿意贷。……
                    # 融资这块有没有说法？" → the 跨境电商 clause's target): the part alone, when it says clearly more and
                    # speaks to it (a question the story gives its sense, "有没有跟企业对接需求的办法", is not answered
                    # by 算力服务供需对接 for an accounting firm)
                    answer = alone
                elif any(_repeats(answer, earlier) for earlier in answers) and \
                        (_without_repeats(answer, [a.text for a in answers]) is answer or
                         {c.clause_id for c in answer.citations} <= {c.clause_id for a in answers for c in a.citations}) \
                        and len(segments := SEGMENT.findall(own)) > 1:
                    # ... or still the earlier part's clause, with no sentence of its own besides or only another of
                    # that clause's: the part carries the story told between the questions ("……用厂里自己的工业用地来
                    # 干这个，仓库里压着的货能不能拿去做质押贷款？" → 用地; "找地很难，……水电按商业价……省里鼓励养老机构
                    # 往哪些方向发展？" → 价格改革, 点状供地, then 盘活存量): its question alone
                    alone = self.answer(self.understand(self._part_alone(ask, segments[-1], "")), filters, today)
                    if alone.status != "declined" and not any(_repeats(alone, earlier) for earlier in answers):
                        answer = alone
            elif (asked := SUPPORT_ASKED.sub("，", part[len(prefix):])) and prefix and answer.status != "declined" \
                    and self.wording.topic_words(asked):
                # the description pulled the part away from what it asks ("……跟职教城的几所学校合作……一是我们这
                # 种帮着把技术人才留在株洲的企业，政府有没有奖励" → 产教融合): the part alone, when its answer holds
                # clearly more of what the part is about (the support it asks for is no topic: "省里有没有扶持我们这
                # 种的" names none, and its description answers it)
                answer = self._alone_if_clearer(ask, part, prefix, asked, answer, filters, today) or answer
            answers.append(_without_repeats(answer, [a.text for a in answers], answers_part))
        citations: list[Citation] = []
        sections = []
        segments = question_segments(ask.text)
        for i, (part, answer) in enumerate(zip(ask.parts, answers), start=1):
            # a question given a subject or places of the first's ("十四五省里服务业增加值比重" + "“四上”企业数量目标呢"):
            # headed by its own words, as asked
            bare = part.rstrip("？?")
            segment = segments[i - 1] if len(segments) == len(ask.parts) else ""
            added = bare[:-len(segment.rstrip("？?"))] if segment and bare.endswith(segment.rstrip("？?")) else None
            if added is not None and bare not in ask.text and not QUESTION_WORD.search(added):
                asked = _ASKING_LEAD.sub("", segment) or segment
            else:
                asked = _part_heading(part, ask.parts)
            sections.append(f"{i}. {asked}\n{_nested(_renumbered(answer, citations), i)}")
        declined = [a for a in answers if a.status == "declined"]
        status = "declined" if len(declined) == len(answers) else "partial" if declined else "answered"
        rule = declined[0].rule if declined else None
        return Answer(ask.query.original, "\n\n".join(sections), status == "declined", tuple(citations), ask.kind,
                      tuple(h for a in answers for h in a.hits), status=status, rule=rule)

    def _alone_if_clearer(self, ask: Ask, part: str, prefix: str, asked: str, answer: Answer, filters: Filters,
                          today: date) -> Answer | None:
        """The part answered without the description its parts share, when that answer is not declined and holds
        clearly more (part_alone_gain) of what the part asks than the answer with it; None otherwise."""
        alone = self.answer(self.understand(self._part_alone(ask, part, prefix)), filters, today)
        if alone.status == "declined":
            return None
        if self.wording.said_share(asked, _quotes(alone.text)) >= \
                self.wording.said_share(asked, _quotes(answer.text)) + self.config.part_alone_gain:
            return alone
        # ... or when the description chose a lead holding nothing the part asks ("做供应链管理咨询的……新进规上有没有
        # 奖励" → 加大对产业链供应链等重点领域的融资支持) and the part alone leads with what it asks (新增上规入库)
        kin = [t.lower() for t in self.retriever.parser.lexicon.expand(asked)]  # its words as the plans say them

        lead = answer.citations[0].text if answer.citations else ""
        said = "".join(s for s in _said_sentences(answer.text) if s in lead)
        own = next(iter(_said_sentences(alone.text)), "")
        # (nothing it asks in the lead clause's sentences quoted, not a word of it or of the lexicon's for it: "……对我们
        # 这种设计公司有什么扶持方向" is not answered by 完善工业设计基础研究体系 for its 设计; a trade's directions led
        # by 质检中心 speak of 检验检测 in the next; "检测类园区" is not answered by 四大实验室 and 大力招引研发中心
        # beside another clause's 岳麓检验检测园)
        if self.wording.said_share(asked, said) == 0 and not any(t in said.lower() for t in kin) and \
                self.wording.said_share(asked, own) >= self.config.part_alone_share:
            return alone
        return None

    def _task_named(self, text: str) -> bool:
        """Does a department question name a task ("会展那块归谁管"), beyond asking who to see ("找哪个部门对接")?"""
        parsed = self.retriever.parser.parse(self.wording.mask_places(text))
        terms = self.wording.content_terms(parsed, expansions=False, text=parsed.text)
        return any(not DEPARTMENT_FORM.search(t) and not _CONTACT.fullmatch(t) and self.retriever.bm25.knows(t)
                   for t in terms)

    def _part_alone(self, ask: Ask, part: str, prefix: str) -> str:
        """A part of an enumerated question without the description its parts share, the places named kept."""
        own = part[len(prefix):]
        return "".join(r for r in ask.query.regions
                       if not any(a in own for a in self.retriever.regions.get(r).names)) + own

    def _meta_and_more(self, ask: Ask) -> tuple[str, ...]:
        """A metadata question followed by questions of other kinds ("发文字号是多少？主要目标定到哪一年？", "管到
        哪一年？市里哪个部门统筹抓落实"): the metadata questions together, then each other one with the first's
        subject; () when every question asks metadata."""
        segments = question_segments(ask.text)
        if ask.kind != "meta" or not segments or question_decline(ask.asked, self._library):
            return ()  # "到期以后出了新一轮的没有？新目标是多少？" asks of a plan the library does not hold
        # another kind told by its own words: a department or a figure ("从哪天开始执行的", "现在还管用吗" ask
        # the metadata in words the kinds do not tell)
        other = [s for s in segments if not meta_fields(s) and detect_kind(s) in ("department", "number")]
        meta = [s for s in segments if s not in other]
        if not meta or not other:
            return ()
        # the plan the metadata is asked of: its place and the name it is called by ("武汉" + "实施方案"), named by
        # the metadata question or, when it names none ("……目标是多少？文号和印发日期也发我一下"), by another
        # (the one naming it at most length: "另外这份规划的文号" points back to "省里“十四五”服务业规划")
        parsed = {s: self.retriever.parser.parse(s) for s in meta + other}
        longest = {s: max(map(len, p.doc_mentions), default=0) for s, p in parsed.items()}
        named = max(meta + other, key=lambda s: (bool(parsed[s].regions) and longest[s] > 0, longest[s])) \
            if any(longest.values()) else meta[0]
        mentions = parsed[named].doc_mentions
        subject = "".join(ask.places[:1]) + max(mentions, key=len, default="") or self.subject_of(named)

        def told(segment: str) -> str:  # a question naming no plan and no place is asked of the subject
            own = parsed.get(segment) or self.retriever.parser.parse(segment)
            names = own.doc_mentions and (own.regions or max(map(len, own.doc_mentions)) >= longest[named])
            if names or own.regions or segment.startswith(subject):
                return segment
            back = DOCUMENT_BACK.search(segment)  # "这份规划" is the subject's plan: said by its name
            return segment[:back.start()] + subject + segment[back.end():] if back else subject + segment

        return (told("".join(meta)),) + tuple(told(s) for s in other)

    def _unmet_needs(self, ask: Ask, answer: Answer) -> tuple[str, ...]:
        """The needs of a question stating several (ask.needs) when the answer holds none of a need's own words
        (培训 but not 保险), in their own words or the plans' terms, or at most half of them for a need the asker
        adds as another matter ("另外员工保险有没有支持": 员工 in 员工制家政企业, but not 保险); () when it speaks to
        every one."""
        if len(ask.needs) < 2:
            return ()
        said = answer.text.lower()
        lexicon = self.retriever.parser.lexicon
        # each need's own words, not those of the description all of them repeat ("……开个民宿……。对民宿和夜间餐饮
        # 各有什么说法": 民宿 is the first need's own though the description holds it too)
        prefix = _common_prefix(ask.needs)
        words = [set(self.wording.words(part[len(prefix):])) for part in ask.needs]
        for i, own in enumerate(words):
            mine = {w for w in own if not any(w in other for j, other in enumerate(words) if j != i)}
            mine = {w for w in mine if self.wording.clauses_holding(w.lower())}
            held = [w for w in mine if w.lower() in said or any(t.lower() in said for t in lexicon.expand(w))]
            added = bool(ADDED_ASKED.match(ask.needs[i][len(prefix):].strip()))
            if mine and (not held or added and 2 * len(held) <= len(mine)):
                return ask.needs
        return ()

    def _segment_parts(self, ask: Ask) -> tuple[str, ...]:
        """The questions of a message asking several one after another, a later one without a subject of its own
        ("2020年底有多少家？") taking the first one's ("湘潭规上服务业企业"), as a follow-up would."""
        segments = question_segments(ask.text)
        if not segments or any(detect_kind(s) != "number" or COMPARE_ASK.search(s) for s in segments):
            return ()  # figures asked one after another; "…分别是多少？谁的更高？" is a comparison's verdict
        # the asker's situation, told before the first question ("我们是湘潭的企业，"), is every question's context
        situation = "".join(s for s in SEGMENT.findall(segments[0]) if not QUESTION_WORD.search(s))
        subject = self.subject_of(segments[0])
        # a later question with a subject of its own but no place keeps the first's places; one ending in 呢 ("十四五末
        # 占GDP比重目标呢") asks the same of the first's subject, as a follow-up does
        places = "".join(self.retriever.parser.parse(segments[0]).regions)

        def own(segment: str) -> str:
            if not self.subject_of(segment) or re.search(r"呢[？?。！!]*$", segment):
                return subject + segment
            return segment if self.retriever.parser.parse(segment).regions else places + segment

        parts = (segments[0],) + tuple(f"{situation}{own(s)}" for s in segments[1:])
        return tuple(piece for part in parts for piece in _from_base(part))

    def _uncovered_parts(self, ask: Ask, answer: Answer) -> tuple[str, ...]:
        """The questions of a message asking several, each with the asker's situation told before the first, when
        the answer lacks most of the words that say what one of them is about; () when it speaks to every one.
        An answer from the province's plan for a city without one counts as an answer here."""
        segments = self._restatements_folded(question_segments(ask.text))
        answered = answer.status == "answered" or answer.rule == "place_province_only"
        if len(segments) < 2 or not answered or ask.kind == "meta":
            return ()
        told = situation(segments[0])
        if not told:  # "……以后会推到全省吗？", "……要满足什么条件？": one subject asked about twice
            return ()
        # an enterprise asking where its trade is headed beside a figure ("往哪个方向推？有没有具体目标？") is tried
        # part by part too: the figure's sentence answers the second only (an open question, not a figure asked again
        # by its name alone, "社会物流总额呢", nor a yes or no the target answers, "有没有打算搞跨境电商产业园")
        # (not a comparison: each place's figures are its sides, answered together)
        mixed = ask.kind == "number" and not ask.across and any(
            detect_kind(s) in ("fact", "support") and _OPEN_ASK.search(s) and not re.search(r"呢[？?。！!]*$", s)
            for s in segments)
        # a later question the answer does not speak to (the first is what it answers); an enterprise's questions
        # about different things are tried one by one even when the answer holds their words (培训 in a sentence
        # on 家政培训 standards does not answer "我们自己办培训班行不行"): the caller keeps the parts only when a
        # part's answer quotes the sentence most likely to answer it that the whole leaves out (_part_better_answered)
        asked = self._questions_asked(ask)
        if not mixed and all(self.wording.speaks_to(s, answer.text) for s in asked) and (
                ask.kind not in ("fact", "support") or not all(self.wording.topic_words(s, segments[0]) for s in segments[1:])):
            return ()
        # a later question asking the department of a task it does not name is asked of the first's subject ("律所
        # 算不算在里面？……这块是哪个部门牵头的？": 律所, not the story's 汽车零部件、合同); a question naming no place
        # is asked of the cities the message names ("我们是做检验检测的，算不算生产性服务业？武汉对……"; "省里" is said
        # by the question that means it), or of the province when the message names it and no city ("在湖南一个县城办
        # 养老院……另外水电气能不能按工业价格算": not 长沙's plan)
        subject = self.subject_of(asked[0])
        levels = {r: self.retriever.regions.get(r).level for r in ask.query.regions}
        places = "".join(r for r, level in levels.items() if level == "city") or \
            "".join(r for r, level in levels.items() if level == "province" and r.rstrip("省") in ask.text)

        def placed(question: str) -> str:
            return "" if self.retriever.parser.parse(told + question).regions else places

        first = segments[0] if not placed(asked[0]) else told + places + asked[0]
        return (first,) + tuple(told + placed(s) + (f"{subject}，" if subject and detect_kind(s) == "department"
                                                    and not self.subject_of(s) else "") + s for s in segments[1:])

    def _restatements_folded(self, segments: tuple[str, ...]) -> tuple[str, ...]:
        """The questions of a message, a later one naming nothing of its own ("……库里的货能不能拿去抵押贷款？政府有这方面
        说法吗？": no word of a subject, no place, asking no department, figure or time) joined to the one before
        it, which it asks again."""
        folded: list[str] = []
        for segment in segments:
            parsed = self.retriever.parser.parse(DEMONSTRATIVE.sub("", segment))
            restates = bool(folded) and detect_kind(segment) == "fact" and not parsed.regions and \
                not self.wording.subject_terms(parsed) - {"没有"} and not YEAR_ASK.search(segment)
            if restates:
                folded[-1] += segment
            else:
                folded.append(segment)
        return tuple(folded)

    def _questions_asked(self, ask: Ask) -> tuple[str, ...]:
        """The questions of a message asking several, the first without the asker's situation told before it (the
        answer may speak to a later one only: "……手上一直压着客户的货。听说能拿仓单去银行贷款？长沙对冷链物流这块有
        啥规划？" answered by cold-chain clauses says nothing of 仓单)."""
        segments = question_segments(ask.text)
        if not segments:
            return ()
        told = set(SEGMENT.findall(situation(segments[0])))
        first = "".join(s for s in SEGMENT.findall(segments[0]) if s not in told) or segments[0]
        return (first,) + tuple(segments[1:])

    def _part_better_answered(self, parts: tuple[str, ...], whole: Answer, split: Answer) -> bool:
        """Does a question answered on its own quote the sentence most likely to answer it, one the whole answer
        leaves out (first or not: "想知道市里主要想办哪些展会" is answered by the 会展 clause's 专业展会 sentence, second
        after its lead)? The whole answer's sentences are chosen for the message at once, so a later question's
        words can pick the first question's sentence ("想参与制定行业标准……还有客户老问碳足迹" → 龙头企业参与碳足迹
        国家标准制定, not 引导企业参与行业标准的制订), and a sentence holding a question's words can stand in for the
        one answering it ("信用一直不错，贷款上能不能有点优待": 知识价值信用贷款, not 对诚信状况良好的企业优先纳入融资
        需求白名单). Most likely: by the sentence model, over the sentences of the clauses either answer cites, in
        the order a search for the question alone ranks them (a target's figure does not count when none is
        asked); or holding clearly more of what the question itself names than any sentence of the whole does
        (part_alone_gain: "人力资源产业园我们能不能进" → 人力资源服务产业园提档升级, not 人力资源服务企业智能化应用)."""
        sections = split.text.split("\n\n")
        if len(sections) != len(parts):
            return False
        clause_ids = {c.clause_id for c in whole.citations} | {c.clause_id for c in split.citations}
        said = [sentence for sentence, _ in _quoted_sentences(whole.text)]
        for i, (part, section) in enumerate(zip(parts, sections)):
            heading, _, body = section.partition("\n")
            quoted = _said_sentences(body)
            if not quoted or quoted[0] in whole.text:
                continue
            # what the question itself names (its heading: "市里的人力资源产业园我们能不能进?"), said by its own
            # lead clearly more than by any sentence of the whole ("人力资源服务企业" beside "人力资源服务产业园")
            own = re.sub(r"^\d+\.\s*", "", heading)
            if self.wording.said_share(own, quoted[0]) >= max((self.wording.said_share(own, q) for q in said), default=0.0) + \
                    self.config.part_alone_gain:
                return True
            # the question with the story told before it, and on its own (its heading) when an earlier question
            # tells the same needs ("找地很难，……水电按商业价……对用地和水电价格有什么说法？省里鼓励养老机构往哪些
            # 方向发展？"): that story pulls the likeliest sentence to the earlier question's clause. Not otherwise: a
            # question's own words may point back at its story ("应收账款……订单……这些能拿去银行贷款吗？")
            told_before = _needs_told_before(part, parts[:i])
            for question in dict.fromkeys((part, own) if told_before else (part,)):
                likeliest = self._likeliest_sentence(question, clause_ids)
                if likeliest and likeliest in quoted and likeliest not in whole.text:
                    return True
            if self._need_met_alone(own, whole.text, body):
                return True
        return False

    def _need_met_alone(self, question: str, whole: str, alone: str) -> bool:
        """Does a question name a need in words the lexicon knows ("有没有什么绿色贷款之类的" → 贷款, 信贷, 融资) that
        the whole answer holds in no form, everyday or the plans', while its own answer does? Words the whole
        shares with it (绿色, 改造) make it look answered when the thing it asks for is never spoken of. Not a word
        that only asks ("哪些方向") or says who asks ("小公司")."""
        for words, terms in self.retriever.parser.lexicon.needs(question):
            words = tuple(w for w in words if not ASK_ONLY.search(w) and not _NEED_FILLER.search(w))
            if not words:
                continue
            forms = [f.lower() for f in words + terms]
            if not any(f in whole.lower() for f in forms) and any(f in alone.lower() for f in forms):
                return True
        return False

    def _likeliest_sentence(self, question: str, clause_ids: set[str], besides: tuple[str, ...] = ()) -> str | None:
        """The sentence the sentence model finds likeliest to answer a question, of the given clauses' sentences
        in the order a search for the question ranks the clauses, other than those a text of besides holds (a
        target's figure does not count when none is asked); None when there is none."""
        query = self.retriever.parser.parse(self.wording.mask_places(question))
        hits = [h for h in self.retriever.search(self.retriever.parser.parse(question), k=self.config.k)
                if h.clause.clause_id in clause_ids]
        figure = bool(TARGET_ASKED.search(question))
        return next((s[3] for s in self.chooser.scored(hits, self.wording.content_terms(query), "fact", [], query)
                     if not is_bare(s[3]) and (figure or not target_only(self.leads.year_of(s[4], s[3]) + s[3]))
                     and not any(s[3] in text for text in besides)), None)

    def _own_words(self, ask: Ask, part: str) -> Ask:
        """A part of an enumerated question without the asker's description, the places the question names kept."""
        own = asked_part(self.retriever.parser.parse(part).text)
        places = "".join(r for r in ask.query.regions if not any(a in own for a in self.retriever.regions.get(r).names))
        # a city without a plan of its own ("我在郴州…") stays named too: the province's plan answers for it
        covered = {a for r in self.retriever.regions.regions for a in r.names}
        places += "".join(f"我在{p.short}，" if _asker_place(p, part, self.wording.aliases) else p.short
                          for p in self.places.outside(part, covered) if p.short not in own)
        return self.understand(f"{places}{own}")

    def _with_validity(self, ask: Ask, filters: Filters, today: date) -> Answer:
        """The question without its part asking whether the plans are in force, then that part for every plan
        the answer cites ("哪个还在有效期内？")."""
        rest = ask.text.replace(ask.validity, "", 1).rstrip("，, ")
        # "……有支持，现在还算数吗？": the rest is a question of its own
        rest = self.understand(rest if rest.endswith(("？", "?", "。")) else rest + "？")
        answer = self.answer(rest, filters, today)
        documents = {d.doc_id: d for d in self.retriever.corpus.documents}
        cited = [documents[doc_id] for doc_id in dict.fromkeys(c.doc_id for c in answer.citations)]
        if not cited:
            return answer
        # "现在还能申请吗": an ended plan's measures are had no more under it
        still = bool(re.search(STILL_HAD, ask.validity))
        lines = [f"《{d.title}》{META_TEXT['validity'](d, today)}{_NO_MORE if still and expiry_note(d, today) else ''}。"
                 for d in cited]
        return replace(answer, query=ask.query.original, text=f"{answer.text}\n\n有效期：{''.join(lines)}")

    def _answer(self, ask: Ask, filters: Filters, today: date, as_asker: bool = False) -> Answer:
        query = ask.query
        cites = Cites(today)
        outside, filters, declined = self._place_scope(ask, filters, today)
        if declined:
            return declined
        preferred = self.retriever.preferred_docs(query)
        allowed = self.retriever.allowed_docs(filters)
        if preferred and not preferred & allowed:
            return self._filtered_out(ask, preferred, today)
        if ask.kind == "support" and preferred:
            # Support measures come from the documents covering the enterprise's place, and no others.
            filters = Filters(doc_ids=tuple(sorted(preferred & allowed)),
                              in_force_only=filters.in_force_only, on=filters.on)
        # A place without a plan of its own: the province's clauses that name it answer, unless the question asks
        # the province's plan itself ("我在衡阳想开托育点，湖南省有相关的说法吗"), which then answers whole.
        names_province = any(self.retriever.regions.get(p).level == "province" for p in ask.places)
        # A city where the asker is ("我在郴州做直播带货，能注册个体户吗") gets the province's measures whole, searched
        # without its name; a city asked about ("省里对郴州有什么定位") gets the province's clauses that name it.
        located = [p for p in outside if _asker_place(p, query.text, self.wording.aliases)]
        askers = outside if as_asker else located
        # every place without a plan is where the asker is: the province's plan, which applies there, answers it
        # ("娄底一家做设备维修的服务公司，……"); a question of the place itself ("岳阳市的服务业发展规划对物流企业
        # 有什么补贴") is answered only in part, even when the province's general clauses are what is told
        asker_there = bool(outside) and len(located) == len(outside) and \
            not any(re.search(re.escape(p.short) + _PLACES_OWN_PLAN, query.text) for p in outside)
        anchors = [place.short for place in outside if place not in askers]
        if names_province and len(anchors) < 2:
            # the province's plan asked of one city is answered whole; two cities asked of it ("省规划对岳阳和衡阳
            # 分别是怎么定位的") get the clauses that name each
            anchors = []
        searched = ask
        if askers and not anchors and not names_province:
            text = query.text
            for place in askers:
                text = text.replace(place.name, "").replace(place.short, "")
            searched = self.understand(text)
        if (city := self._province_on(ask)) and ask.kind in ("fact", "support") and not as_asker:
            # "省里的规划对湘潭提了什么要求": the province's clauses that name the city, as for a city without a plan
            # of its own; the question is no comparison of the two plans
            answer = self._province_on_answer(ask, city, filters, cites)
            if answer:
                return answer
        hits = self._retrieve(searched, filters)
        if not hits:
            return self._declined(ask, [], cites, Verdict("declined", "no_hits", "现有政策文件中没有找到与这个问题相关的内容。"))
        if anchors and ask.kind != "number" and self._place_incidental(ask, hits, anchors, filters):
            # "娄底的，在小区里办了个家庭托育点……要不要登记备案": the province's clauses naming the city speak of
            # something else; its general clauses on the asked measure answer, as for an asker there
            return self._answer(ask, filters, today, as_asker=True)
        if anchors:  # the province's clauses that name the asked place answer first
            hits = sorted(hits, key=lambda h: not any(a in h.clause.text for a in anchors))
        local = self.wording.local_names(query)
        if local and _OWN_PLAN.search(query.text):
            return self._local_declined(ask, local, cites)
        decline = question_decline(ask.asked, self._library)
        if decline and decline.rule == "successor":
            # what the library holds for the place instead: its plans and until when they run
            documents = [d for d in self.retriever.corpus.documents if d.doc_id in (preferred or allowed)]
            held = "".join(f"《{d.title}》{META_TEXT['validity'](d, today)}。" for d in documents)
            return Answer(query.original, f"{decline.message}本库收录的相关文件：{held}", True, (), ask.kind,
                          tuple(hits), status="declined", rule="successor")
        if decline:
            return self._declined(ask, hits, cites, _verdict(decline))
        if ask.kind == "meta":
            return self._meta_answer(ask, hits, cites, today, allowed)
        # (a plan asked of something names where to look, not what is asked: "这个生产性服务业方案对小所有啥说法";
        # not for support, whose measures for a place without a plan are found by the plan's words)
        terms = self.wording.content_terms(self._search_query(ask) if ask.kind == "support" else query,
                                    whole_plan=ask.kind == "department", asked_of=ask.kind in ("fact", "number"))
        if not terms and not query.regions and ask.kind in ("fact", "number"):
            return Answer(query.original, "没能识别出要查询的内容，请换个说法，例如“长沙对物流服务有哪些目标？”。",
                          True, (), ask.kind, tuple(hits), status="invalid", rule="no_content")
        if ask.kind == "fact" and query.regions and not self.subject_of(self.wording.mask_places(query.text)):
            return self._place_overview(ask, today)  # "长沙有什么规划", "株洲的政策", "长沙": what applies there
        # asked for support, or asked whether the plans allow or offer something ("用电用水能不能按工业价格算")
        unheld = self._unheld_topic(query, preferred) \
            if ask.kind == "support" or SUPPORT_ASKED.search(ask.asked) or \
            ask.kind == "fact" and (_ALLOWED_ASK.search(ask.asked) or _MENTION_ASK.search(ask.asked)) \
            else ""
        if not unheld and ask.kind == "support" and not self.wording.alien_names(ask.asked) and \
                (measure := self._unheld_measure(query, preferred, self.config.measure_rare_clauses, nouns_only=True)):
            # support asked for a measure in words few clauses hold, none of the asked place's ("武汉……对无人机配送、
            # 低空物流有什么支持": 株洲's plan names them), though the field around it is held (物流), and its clause
            # found for the question is the nearest
            nearest = self._neighbour(measure, preferred) or tuple(h.clause.clause_id for h in hits[:1])
            return self._declined(ask, hits, cites, Verdict("declined", "not_relevant",
                                                            self._unheld_reason(measure, preferred), nearest=nearest))
        if not unheld and ask.kind == "fact" and _HELD_ASK.search(ask.asked) and \
                (measure := self._unheld_measure(query, preferred)):
            # no clause of the asked place is about the measure: none is pointed to
            return self._declined(ask, [], cites, Verdict("declined", "not_relevant", self._unheld_reason(measure, preferred)))
        if unheld:
            return self._declined(ask, hits, cites, Verdict("declined", "not_relevant", self._unheld_reason(unheld, preferred),
                                                            nearest=self._neighbour(unheld, preferred)))
        if ask.kind == "fact" and SUPPORT_ASKED.search(ask.asked) and (aliens := self.wording.alien_names(ask.text)):
            # "湘潭开宠物美容店的有补贴吗", "我们在长沙开宠物寄养店，政府有没有补贴": support asked yes or no for a
            # trade the plans cannot speak of
            return self._declined(ask, hits, cites, self._trade_absent(ask, aliens))
        if not self._relevant(hits[0]) or not self.wording.names_any(
                query.text, query.expansions, [h.clause.text + h.document.title for h in hits]):
            return self._declined(ask, hits, cites, Verdict("declined", "not_relevant",
                                                            "现有政策文件中没有与这个问题直接相关的规定。"))
        if ask.across and ask.kind in ("number", "fact") and not anchors:
            cites_across = Cites(today)  # its own numbering, kept if used
            comparison = self.comparer.across(ask, terms, filters, cites_across)
            if comparison:
                return Answer(ask.query.original, "\n".join(comparison.lines), False, tuple(cites_across.items),
                              ask.kind, tuple(hits), status="partial" if comparison.partial else "answered",
                              rule="across_missing_sides" if comparison.partial else None)
        # the asker's own figures and years ("就4个律师", "2019年成立") are no premise about the plans
        lead = asker_lead(ask.text)
        decline = evidence_decline("".join(s for s in SEGMENT.findall(ask.asked) if s not in lead) or ask.asked,
                                   self._evidence(hits[:3]))
        if decline and decline.rule in _TABLE_REPAIRS and (table := self._table_sentence(ask, terms, anchors)):
            return self._render(ask, [table], hits, cites)
        if decline:
            return self._declined(ask, hits, cites, self._elsewhere_said(_verdict(decline), preferred))
        elsewhere = self._target_elsewhere(ask, preferred)
        if elsewhere:
            return self._declined(ask, hits, cites, elsewhere)
        if ask.kind == "support":
            # a place without a plan of its own asked of ("岳阳市的……对物流企业有什么扶持"): the province's clauses
            # naming it are what is said of it, when any is found; the province's general measures are no answer
            naming = [h for h in hits if any(a in h.clause.text for a in anchors)]
            answer = self._support_answer(ask, naming or hits, terms, cites, today)
            if outside and not answer.refused:
                # The province's measures apply there, but the place itself has no document: say so first.
                names = "、".join(place.short for place in outside)
                note = f"现有政策文件中没有{names}本级的政策文件；以下是适用于{names}的省级规划中的相关措施：\n"
                # an enterprise there ("我在衡阳做直播带货……") is answered by the province's plan, which applies to
                # it; a question of the place itself ("衡阳对……有什么奖励") is only partly answered
                return Answer(query.original, note + answer.text, not asker_there, answer.citations, "support",
                              answer.hits, status="answered" if asker_there else "partial", rule="place_province_only")
            return answer
        if ask.kind == "department":
            unstaffed = self._unstaffed_answer(ask, hits, preferred, terms, cites)
            if unstaffed:
                return unstaffed
        if ask.kind == "department" and hits[0].clause.departments:
            return self._department_answer(ask, hits, terms, cites)
        if ask.kind == "department" and query.regions:
            # the province's clause first, which lists no departments: the asked city's own clause on the task does
            own_docs = self.retriever.own_docs(query)
            staffed = [h for h in hits[:3] if h.clause.departments and h.document.doc_id in own_docs]
            if staffed and hits[0].document.doc_id not in own_docs:
                return self._department_answer(ask, staffed, terms, cites)
        if ask.kind == "department" and not hits[0].clause.departments:
            # a general clause first ("各行业主管部门牵头负责……检验检测……" in 保障措施), while the clause whose heading
            # names the asked task lists its departments: that task's clause answers
            # (the task in words the plans use, not the plan's own title: "实施" of 实施方案 names no task)
            task = {t: w for t, w in self._task_asked(ask, _task_words(terms)).items()
                    if t not in hits[0].document.title and self.retriever.bm25.knows(t)}

            def headed_share(hit: Hit) -> float:
                return coverage(" ".join(hit.clause.section_path), task)

            headed = sorted((h for h in hits[:3] if h.clause.departments and h.document.doc_id == hits[0].document.doc_id),
                            key=lambda h: -headed_share(h))
            if headed and headed_share(headed[0]) >= _TASK_HEADED > headed_share(hits[0]):
                return self._department_answer(ask, headed, terms, cites)

            # ... or whose text does, when no heading names it ("产业学院建设目标和责任单位": the 人力资源服务 clause
            # builds 20家产业学院; the 主要目标 clause first lists no departments and does not name it)
            def text_share(hit: Hit) -> float:
                return coverage(hit.clause.text, task)

            holding = sorted((h for h in hits[:3] if h.clause.departments and h.document.doc_id == hits[0].document.doc_id),
                             key=lambda h: -text_share(h))
            if holding and not any(headed_share(h) >= _TASK_HEADED for h in hits[:3]) and \
                    text_share(holding[0]) >= _TASK_HEADED > text_share(hits[0]):
                return self._department_answer(ask, holding, terms, cites)
        # Quote only the asked place's documents (and its province's) when the question names a place.
        own = [h for h in hits[:3] if h.document.doc_id in preferred] if preferred else []
        if own and (CITY_LEVEL.search(ask.asked) or query.named_doc_regions):
            # "市里对……有什么打算": the city's own plan, not its province's, when it has clauses here; "湖南有没有文件
            # 说……": the named place's documents
            own = [h for h in own if h.document.doc_id in self.retriever.own_docs(query)] or own
        pool = own or hits[:3]
        # the section whose heading names the term the asker quotes is what is asked about (_retrieve put it first)
        pool = [h for h in pool if _heading_quotes(h, ask.text)] or pool
        chosen = self._named_items(ask, pool) or self._outline_items(ask, hits) or \
            self.chooser.best(pool, terms, ask.kind, anchors, query,
                              describes_business=bool(ask.query.context) and ask.kind != "number")
        if ask.kind == "fact" and chosen:
            chosen = [(_definition(chosen[0][0], _QUOTED.findall(ask.text)), chosen[0][1])] + chosen[1:]
        if ask.kind == "fact" and query.context and not TARGET_ASKED.search(ask.asked) and \
                not _REQUIREMENT_ASK.search(ask.asked):
            # an enterprise asking what the plan says for it, no figure: a measure, not the plan's goal matched by the
            # story only ("……五六个律师，……做知识产权。市里对我们这种小所有什么说法？": "到2027年，全市律师事务所超过
            # 700家，……知识产权……领军人才" before "促进小型律所规范健康发展"); a goal on what the asking segments name
            # stays ("BIM这块在推吗")
            asking = "".join(s for s in SEGMENT.findall(ask.asked) if QUESTION_WORD.search(s)) or ask.asked
            named = {w.lower() for w in self.wording.subject_terms(self.retriever.parser.parse(asking))
                     if not ASK_ONLY.search(w)} | set(self.retriever.parser.lexicon.expand(asking))
            chosen = [c for c in chosen if not _is_goal(c[0]) or any(w in c[0].lower() for w in named)] or chosen
        if ask.kind == "fact" and chosen and query.context:
            # an enterprise telling its trade: the lead clause's sentence on that trade, when the answer lacks it
            said = "".join(sentence for sentence, _ in chosen)
            own = self._own_trade_sentence(ask, chosen[0][1], said)
            if own and len(said) + len(own) <= self.chooser.config.companion_chars:
                chosen = chosen + [(own, chosen[0][1])]
        if len(anchors) >= 2 and chosen:
            # "省规划对岳阳和衡阳分别是怎么定位的": each place named, by the likeliest sentence naming it
            for anchor in anchors:
                if not any(anchor in sentence for sentence, _ in chosen):
                    # of the lead's clause first ("（二）强化“两副”支撑" sets out both), then the others
                    scored = self.chooser.scored(pool, terms, ask.kind, [anchor], query)
                    lead = chosen[0][1].clause.clause_id
                    named = next((sc for sc in sorted(scored, key=lambda sc: sc[4].clause.clause_id != lead)
                                  if sc[0] > 0 and not is_bare(sc[3])), None)
                    if named:
                        chosen.append((named[3], named[4]))
        verdict = self._verify(ask, chosen, anchors)
        if verdict.status == "declined" and verdict.rule in ANSWER_RULE_IDS:
            chosen, verdict = self._repair(ask, pool, terms, anchors, chosen, verdict)
        if verdict.status == "answered" and ask.kind == "number":
            wider = [h for h in hits if h.document.doc_id in preferred] if preferred else hits
            chosen, verdict = self._indicator_check(ask, pool, terms, anchors, chosen, wider)
        table = self._table_sentence(ask, terms, anchors) \
            if verdict.status == "declined" and verdict.rule in _TABLE_REPAIRS else None
        if table:  # the asked place's plan sets the asked indicator in other words, outside the retrieved clauses
            chosen, verdict = [table], ANSWERED
        if verdict.status == "declined":
            if anchors and verdict.rule == "place_province_silent" and ask.kind in ("fact", "support"):
                # No clause naming the place says it ("怀化的，能办个体户吗", "常德一家服务公司想发债"): the
                # province's plan holds for every city in it, so its general clauses answer as for an asker there.
                general = self._answer(ask, filters, today, as_asker=True)
                if general.status != "declined":
                    return general
            return self._declined(ask, hits, cites, verdict)
        if ask.across and self.comparer.joins_places(ask.text):
            chosen = chosen + self.comparer.missing_sides(ask, chosen, terms, filters)
            for doc_id in dict.fromkeys(hit.document.doc_id for _, hit in chosen):
                chosen = chosen + self.comparer.side_later_questions(
                    ask, (doc_id,), filters, [c for c in chosen if c[1].document.doc_id == doc_id])
            if ask.kind in ("fact", "support", "number") and TARGET_ASKED.search(ask.asked):
                chosen = self.comparer.figures_only(ask.asked, chosen + self.comparer.side_figures(chosen))
        answer = self._render(ask, chosen, hits, cites)
        if ask.kind == "fact" and _QUALIFY_ASK.search(ask.asked) and \
                not any(_CONDITION_SAID.search(sentence) for sentence, _ in chosen):
            # "听说有个工业设计中心可以评，我们能不能评？": what the plan says, and that it states no conditions
            answer = replace(answer, text=f"{answer.text}\n{QUALIFY_NOTE}")
        if ask.kind == "fact" and _ISSUED_ASK.search(ask.asked) and \
                any(_INTENT_SAID.search(sentence) for sentence, _ in chosen):
            answer = replace(answer, text=f"{answer.text}\n{ISSUED_NOTE}")
        if (term := _meaning_term(ask.asked)) and _undefined(term, [sentence for sentence, _ in chosen]):
            answer = replace(answer, text=f"{answer.text}\n说明：文件没有对“{term}”的含义作进一步解释，以上是文件中提到它的原文。")
        if outside and (not names_province or askers):
            # The province's plan speaks of the place, which has no plan of its own: say so first (unless the
            # question itself asks what the province's plan says of it; an asker there is told all the same).
            names = "、".join(anchors or [place.short for place in outside])
            note = (f"现有政策文件中没有{names}本级的政策文件；以下是省级规划中涉及{names}的内容：\n" if anchors else
                    f"现有政策文件中没有{names}本级的政策文件；以下是适用于{names}的省级规划中的相关内容：\n")
            if names_province:  # the question asks the province's plan itself: answered, the note only informs
                return replace(answer, text=note + answer.text)
            # an asker there ("娄底一家做设备维修的服务公司，用电能不能跟工业一个价") is answered by the province's
            # plan, which applies to it; a question of the place's own plan ("衡阳自己的三年行动计划") only in part
            return Answer(query.original, note + answer.text, not asker_there, answer.citations, ask.kind, answer.hits,
                          status="answered" if asker_there else "partial", rule="place_province_only")
        note = self._province_figure_note(ask, chosen)
        if outside and names_province and ask.kind == "number" and \
                not any(place.short in sentence for place in outside for sentence, _ in chosen):
            # "湖南规划里，到2025年衡阳服务业增加值占GDP比重要达到多少": the province's figure is not the city's
            names = "、".join(place.short for place in outside)
            source = "、".join(dict.fromkeys(f"《{short_title(hit.document)}》" for _, hit in chosen))
            note = f"{source}没有提出{names}的这项目标；以下是全省的目标，不是{names}本地的目标：\n"
        if note:
            return Answer(query.original, note + answer.text, True, answer.citations, ask.kind, answer.hits,
                          status="partial", rule="province_figure_only")
        return answer

    def _unheld_topic(self, query: Query, preferred: set[str], whole: bool = False, literal: bool = False) -> str:
        """What a support question asks about, in the plans' own words, when the asked place's documents never say
        any of it ("我们在武汉做跨境电商，往东南亚卖光通信配件……武汉的实施方案对跨境电商企业有什么扶持": 跨境电商; its
        story's 光通信, and the 生产性服务业 of the document it names, are no evidence for what it asks); "" otherwise.
        Words no plan uses ("拿到钱") and the support asked for are not the topic. whole: the topic may be told
        anywhere in the message ("株洲开物业公司的，想搞智慧小区，市里有啥说法"), not only where it asks. literal: the
        topic's own words only, not the lexicon's for the message ("小公司" → 中小企业 is no topic)."""
        text = _without(query.text, query.doc_mentions)
        asking = "".join(s for s in SEGMENT.findall(text) if QUESTION_WORD.search(s))
        if not preferred or not asking:
            return ""  # a question naming no place: relevance by words (names_any)
        topics = [] if whole else self._topics(asking, whole=False)
        if not topics:
            # asked in words that name nothing ("武汉做养老服务的，市里有什么政策"): the topic is what the message tells
            asking = self.wording.mask_places(text)
            topics = self._topics(asking, whole=True)
        said = "".join(self._document_text(d) for d in sorted(preferred))
        # the lexicon's words for the message, not for the support it asks for (补贴 → 支持, which every plan says)
        kin = [] if literal else self.retriever.parser.lexicon.expand(ASK_FORM.sub("，", asking))
        if not topics or any(w.lower() in said for w in topics) or any(t.lower() in said for t in kin):
            return ""
        at = sorted((asking.find(w), w) for w in topics if w in asking)
        if not at:
            return "、".join(sorted(topics))
        span = asking[at[0][0]:max(i + len(w) for i, w in at)]
        return span if len(span) <= 8 else "、".join(w for _, w in at)

    def _unheld_measure(self, query: Query, preferred: set[str], rare_clauses: int | None = None,
                        nouns_only: bool = False) -> str:
        """A measure the message tells of and asks whether the asked place's plan holds ("听说服务业用电用水可以和
        工业同价，武汉的方案里有这个政策吗"), in the plan words few clauses hold (用电, 用水, 同价; not 工业 or
        服务业, which every plan says), when none of them is in that place's documents; "" otherwise. The asker's
        description of itself is not the measure."""
        if not preferred:
            return ""
        text = _without(query.text, query.doc_mentions)
        told = self.wording.mask_places("".join(s for s in SEGMENT.findall(text) if s not in query.context))
        rare = [w for w in self.wording.topic_words(told) if not function_word(w)  # ("两个" names nothing)
                and 1 <= self.wording.clauses_holding(w.lower()) <= (rare_clauses or self.config.trade_rare_clauses)]
        if nouns_only:  # a thing named (无人机, 低空), not how it is asked of ("怎么安排的")
            import jieba.posseg

            nouns = [w for w, flag in jieba.posseg.lcut(told) if flag in ("n", "nz", "l", "eng")]
            rare = [w for w in rare if any(w in noun for noun in nouns)]
        said = "".join(self._document_text(d) for d in sorted(preferred))
        kin = self.retriever.parser.lexicon.expand(ASK_FORM.sub("，", told))  # its words as the plans say them
        if not rare or any(w.lower() in said for w in rare) or any(t.lower() in said for t in kin):
            return ""
        rare = [w for w in rare if not any(w != other and w in other for other in rare)]  # 人才绿卡, not also 绿卡
        return "、".join(sorted(rare, key=told.find))

    def _topics(self, text: str, whole: bool) -> list[str]:
        """The sector or trade words of a text (nouns only: jieba cuts "小所有什么" as 小/所有/什么, and 所有 is no
        topic); whole: a word inside a noun counts too (a trade told whole, "物业公司": 物业; "户外广告": 广告)."""
        import jieba.posseg

        # (jieba tags some trades as names: 养老/nr, 养老院/nr)
        # (and a trade told as a set phrase: 广告投放/l)
        nouns = {w for w, flag in jieba.posseg.lcut(text)
                 if flag in ("n", "nz", "vn", "eng", "nr") or whole and flag == "l"}
        return [w for w in self.wording.topic_words(text) if not SUPPORT_ASKED.search(w)
                and (w in nouns or whole and any(w in n for n in nouns)) and w in self._sector_words()]

    def _city_silent(self, ask: Ask, filters: Filters, today: date) -> Answer | None:
        """"市里有啥说法" about what the city's own plan never names while its province's plan, which applies there,
        does ("株洲开物业公司的，想搞智慧小区" → 湖南's 物业 clause): the province's answer, under a note saying so;
        None otherwise (the city's plan names it, or neither does)."""
        query = ask.query
        # asked of the city ("市里"), or by a firm of the city telling its trade ("我们是株洲一家做广告投放的小公司，")
        if ask.kind not in ("fact", "support") or filters.doc_ids or query.named_doc_regions or \
                not (CITY_LEVEL.search(ask.asked) or query.context):
            return None
        city = self.retriever.own_docs(query)
        province = self.retriever.preferred_docs(query) - city
        if not city or not province:
            return None
        if CITY_LEVEL.search(ask.asked):
            topic = self._unheld_topic(query, city, whole=True)
        else:
            # the firm's own trade as its story tells it, which the city's plan never names in its own words (广告: not
            # 品牌, the lexicon's kin of it, nor 中小企业 for "小公司"); a want is asked of what the plan says in any
            # words (土地: 用地)
            told = "".join(query.context)
            said = "".join(self._document_text(d) for d in sorted(city))
            topic = self._unheld_topic(query, city, whole=True, literal=True)
            if not all(t in told for t in topic.split("、")):
                # (or, support asked, told in everyday words the lexicon names the sector of: "开了三家湘菜馆" → 餐饮)
                topic = self._unheld_sector(told, said) if ask.kind == "support" else ""
                if not topic:
                    return None
            if any(w.lower() in said for w in self._trade_verbs(told)):
                return None  # "做会计审计的事务所": 事务所 is not in 长沙's plan, its 会计审计 is
            # ... but a trade asked about, not only told, in the city plan's words ("湘潭对个体户转企业有没有帮扶":
            # 个转企) is held
            asked = [s for s in SEGMENT.findall(query.text) if QUESTION_WORD.search(s) and
                     any(t in s for t in topic.split("、"))]
            if any(k.lower() in said for s in asked for k in self.retriever.parser.lexicon.expand(ASK_FORM.sub("，", s))):
                return None
        if not topic or self._unheld_topic(query, province, whole=True):
            return None
        answer = self._answer(ask, replace(filters, doc_ids=tuple(sorted(province))), today)
        if answer.refused:
            return None
        documents = self.retriever.corpus.documents
        titles = "、".join(f"《{short_title(d)}》" for d in documents if d.doc_id in city)
        places = "、".join(dict.fromkeys(d.region for d in documents if d.doc_id in city))
        note = f"{titles}没有提到“{topic}”方面的内容；以下是适用于{places}的省级规划中的相关内容：\n"
        return replace(answer, text=note + answer.text)

    def _unheld_sector(self, told: str, said: str) -> str:
        """The sector of a trade told in everyday words, as the lexicon names it ("在长沙开了三家湘菜馆，": 餐饮), when
        a plan's text (said) holds none of the lexicon's words for it; "" otherwise."""
        kin = self.retriever.parser.lexicon.expand(told)
        sectors = [t for t in kin if t in self._sector_words()]
        return sectors[0] if sectors and not any(t.lower() in said for t in kin) else ""

    def _trade_verbs(self, text: str) -> list[str]:
        """A trade told in words jieba reads as verbs ("做会计审计的事务所": 会计, 审计; "做设计的": 设计) inside a
        policy term the lexicon gives for a trade (会计审计, 工业设计): the trade itself, beside the noun for the
        firm (事务所, 工作室). Not a verb any section heading holds ("推广" of 科技推广服务)."""
        import jieba.posseg

        terms = "\n".join(t for _, policy in self.retriever.parser.lexicon.entries for t in policy)
        return [w for w, flag in jieba.posseg.lcut(self.wording.mask_places(text))
                if flag == "v" and len(w) >= 2 and w in terms]

    def _trade_aliens(self, ask: Ask) -> list[str]:
        """The words no clause could hold of the trade the asker tells (翻译 of "开了家小翻译公司"), not of what it
        asks ("截止", "封顶")."""
        trade = asker_trade(ask.text, self.wording.words)
        return [w for w in self.wording.alien_names(ask.text) if any(w in t or t in w for t in trade)]

    def _trade_absent(self, ask: Ask, aliens: list[str]) -> Verdict:
        """The decline for a trade named in words the plans could not hold (a character they never use)."""
        # (no clause of the library holds the word: not the province's plan either, which applies in its cities)
        applying = self.retriever.preferred_docs(ask.query)
        plans = "、".join(f"《{d.title}》" for d in self.retriever.corpus.documents if d.doc_id in applying) or "现有政策文件"
        return Verdict("declined", "trade_absent", f"{plans}没有提到{'、'.join(aliens)}方面的内容。")

    def _sector_words(self) -> str:
        """The text naming the library's sectors and trades: its section headings ("（七）强化潜力释放的商务服务",
        "跨境电商") and the lexicon's policy terms. A topic must be named there to be declined as absent: "市级",
        "方向" or "服务公司" are words of a question, not a trade."""
        if self._sectors is None:
            headings = {h for c in self.retriever.corpus.clauses for h in c.section_path}
            terms = {t for _, policy in self.retriever.parser.lexicon.entries for t in policy}
            self._sectors = "\n".join(sorted(headings | terms))
        return self._sectors

    def _document_text(self, doc_id: str) -> str:
        """A document's title and clauses as one lower-cased text (cached): what it says anywhere."""
        if doc_id not in self._doc_text:
            corpus = self.retriever.corpus
            document = corpus.document(doc_id)
            title = document.title if document else ""
            self._doc_text[doc_id] = (title + "".join(c.text for c in corpus.clauses_of(doc_id))).lower()
        return self._doc_text[doc_id]

    def _neighbour(self, topic: str, preferred: set[str]) -> tuple[str, ...]:
        """The asked plan's clause nearest to where the other places' plans speak of a topic it never names: each of
        their sentences naming it searched in the asked plan, the clause most of them find ("跨境电商" in 长沙's and
        株洲's 物流 clauses, 湘潭's 口岸 paragraph → 武汉's 物流服务). () when they do not agree: a trade of another
        field (家政, 餐饮) finds a different clause for each sentence."""
        words = [w.lower() for w in topic.split("、")]
        corpus = self.retriever.corpus
        sentences = [s for c in corpus.clauses if c.doc_id not in preferred
                     for s in re.findall(r"[^。；;！？\n]+", c.text) if all(w in s.lower() for w in words)]
        sentences = sentences[:self.config.neighbour_sentences]
        if not preferred or len(sentences) < self.config.neighbour_votes:
            return ()
        filters = Filters(doc_ids=tuple(sorted(preferred)))
        found = Counter(hits[0].clause.clause_id for s in sentences
                        if (hits := self.retriever.search(self.retriever.parser.parse(s), k=1, filters=filters)))
        if not found:
            return ()
        (clause_id, votes), = found.most_common(1)
        return (clause_id,) if votes >= self.config.neighbour_votes and 2 * votes >= len(sentences) else ()

    def _unheld_reason(self, topic: str, preferred: set[str]) -> str:
        """The decline for a topic no clause found holds: which plans do not mention it, and which other
        places' plans do."""
        documents = self.retriever.corpus.documents
        asked = [d for d in documents if d.doc_id in preferred]
        words = topic.split("、")
        others = [d for d in documents if d.doc_id not in preferred and
                  all(w.lower() in self._document_text(d.doc_id) for w in words)]
        reason = ("、".join(f"《{d.title}》" for d in asked) or "现有政策文件") + f"没有提到“{topic}”方面的内容"
        if asked and others:
            places = "、".join(dict.fromkeys(d.region for d in others))
            reason += f"；{'、'.join(short_title(d) for d in others)}提到了，但只适用于{places}"
        return reason + "。"

    def _place_overview(self, ask: Ask, today: date) -> Answer:
        """A fact question naming places and nothing else ("长沙有什么规划", "株洲的政策", "长沙"): the library's documents
        that apply there, each with its 文号 and validity, and how to ask about a measure or a target."""
        regions = self.retriever.regions
        # the place's own documents first, then its province's; a province's take in its cities' plans
        in_province = {r.name for r in regions.regions if r.province in ask.places}
        covering = {r for p in ask.places for r in regions.covering(p)} | in_province
        documents = sorted((d for d in self.retriever.corpus.documents if d.region in covering),
                           key=lambda d: d.region not in ask.places)
        cites = Cites(today)
        names = "、".join(dict.fromkeys(ask.places))
        cities = any(d.region in in_province for d in documents)
        lines = [f"现有政策文件中{names}及省内城市的有{len(documents)}份：" if cities else
                 f"现有政策文件中适用于{names}的有{len(documents)}份："]
        for d in documents:
            number = f"（{d.doc_number}）" if d.doc_number else ""
            lines.append(f"- 《{d.title}》{number}{META_TEXT['validity'](d, today)}{cites.mark(header_clause(d), d)}")
        first = ask.places[0]
        lines.append(f"可以具体问某项措施、目标或责任部门，例如“{first}对物流企业有哪些支持？”"
                     f"“{first}生产性服务业增加值的目标是多少？”")
        return Answer(ask.query.original, "\n".join(lines), False, tuple(cites.items), ask.kind,
                      status="answered", rule="place_overview")

    def _province_on(self, ask: Ask) -> Region | None:
        """The city with a plan of its own that a question asks its own province's plan about ("湖南省的服务业规划对
        株洲提了什么发展方向", "省里对湘潭有什么定位"), or None (not "湖北省的服务业规划对武汉……": a plan the library
        does not hold)."""
        regions = self.retriever.regions
        named = [p for p in ask.places if regions.get(p).level == "province"]
        if not named and not _PROVINCE_WORD.search(ask.text):
            return None
        for region in regions.regions:
            if region.level == "city" and region.name in self._with_docs and region.province in self._with_docs \
                    and (not named or named == [region.province]) \
                    and any(re.search(_ABOUT + re.escape(alias), ask.text) for alias in region.names):
                return region
        return None

    def _province_on_answer(self, ask: Ask, city: Region, filters: Filters, cites: Cites) -> Answer | None:
        """What the province's plan says of a city that has a plan of its own: the sentences of its clauses that
        name the city, likeliest first; None when none does."""
        province = {d.doc_id for d in self.retriever.corpus.documents if d.region == city.province} & \
            self.retriever.allowed_docs(filters)
        if not province:
            return None
        scoped = Filters(doc_ids=tuple(sorted(province)), in_force_only=filters.in_force_only, on=filters.on)
        hits = self._retrieve(ask, scoped)
        name = city.name
        naming = [h for h in hits if name in h.clause.text]
        if not naming:
            return None
        scored = [s for s in self.chooser.scored(naming[:3], self.wording.content_terms(ask.query), ask.kind, [name],
                                                    ask.query) if s[0] > 0 and not is_bare(s[3])]
        # the city as the subject ("推进株洲科技服务、信息服务……发展"), likeliest first; the city in a list of places
        # ("立足长沙、株洲、湘潭、岳阳……建设……走廊") only when no sentence speaks of it alone
        listed = re.compile(f"[、和与及]{re.escape(name)}|{re.escape(name)}[、和与及]")
        own = [s for s in scored if not listed.search(s[3])]
        chosen = [(s[3], s[4]) for s in own[:self.comparer.config.side_sentences] or scored[:1]]
        if not chosen:
            return None
        return self._render(replace(ask, across=False), chosen, hits, cites)

    def _place_incidental(self, ask: Ask, hits: list[Hit], anchors: list[str], filters: Filters) -> bool:
        """Is a city without a plan of its own named only as where the asker is? So when the province's clauses
        that name it hold far fewer of the asked words (the city's name left out) than the province's best
        clauses on the topic: "衡阳一家物流公司想发债……担保机构能帮着增信" (衡阳's clause: 物流; the general
        one: 融资担保机构、发债增信). A question about the place itself ("省里对郴州有什么定位") asks no other
        word, and keeps the clauses naming it; so does a figure asked of the place (the province's own target is
        not the city's)."""
        text, asked = ask.query.text, ask.asked or ask.query.text
        for anchor in anchors:
            text, asked = text.replace(anchor, "，"), asked.replace(anchor, "，")
        asked = _without(asked, ask.query.doc_mentions)  # "省规划对……": the plan named is not what is asked
        parsed = self.retriever.parser.parse(asked)  # what is asked, in its words and the plans' (网店: 电子商务)
        terms = self.wording.plan_words({t: self.retriever.bm25.idf(t) for t in
                                         self.wording.subject_terms(parsed) | set(self.wording.content_terms(
                                             parsed, text="，".join(parsed.expansions), expansions=False))})
        terms = {t: w for t, w in terms.items() if not _PLACE_ROLE.fullmatch(t)}  # "怎么定位": asks of the place
        if not terms:
            return False
        naming = [h for h in hits[:self.comparer.config.side_k] if any(a in h.clause.text for a in anchors)]
        general = self._retrieve(self.understand(text), filters)[:self.config.general_k]
        best_naming = max((coverage(h.clause.text, terms) for h in naming), default=0.0)
        best_general = max((coverage(h.clause.text, terms) for h in general), default=0.0)
        return best_general - best_naming >= self.config.place_incidental_margin

    def _local_declined(self, ask: Ask, local: tuple[str, ...], cites: Cites) -> Answer:
        """"湘潭县有没有自己的服务业十四五规划": the library holds plans of provinces and cities, not counties; the
        city's plan applies there, and its clause naming the county is the nearest."""
        text = f"现有政策文件是省、市两级的规划和行动计划，没有{local[0]}本级的规划或文件。"
        cities = {r.name for r in self.retriever.regions.regions if r.level == "city" and any(n in r.names for n in local)}
        for document in [d for d in self.retriever.corpus.documents if d.region in cities]:
            text += f"《{document.title}》适用于包括{'、'.join(local)}在内的{document.region}全市{cites.expiry(document)}。"
            # the clause where the county is the subject ("湘潭县着重发展乡村旅游、农产品物流") says what the city's
            # plan gives it; else the one naming it most often
            subject = re.compile(r"(^|[。；;，,：:])\s*(" + "|".join(map(re.escape, local)) + ")")
            clauses = [c for c in self.retriever.corpus.clauses_of(document.doc_id) if any(n in c.text for n in local)]
            clause = max(clauses, key=lambda c: (len(subject.findall(c.text)), sum(c.text.count(n) for n in local)),
                         default=None)
            if clause:
                heading = clause.section_path[-1] if clause.section_path else ""
                text += f"其中提到{'、'.join(local)}的条款：{heading}{cites(clause, document)}"
                said = re.search(r"(?:^|(?<=[。；;，,：:]))\s*((?:" + "|".join(map(re.escape, local)) + r")[^。；;]+)",
                                 clause.text)
                text += f"，其中写道：“{said.group(1).strip()}”。" if said else "。"
        return Answer(ask.query.original, text, True, tuple(cites.items), ask.kind, status="declined",
                      rule="local_level")

    def _province_figure_note(self, ask: Ask, chosen: list[tuple[str, Hit]]) -> str:
        """A figure asked of a city with a plan of its own, answered only from the province's plan: say that
        the city's plan sets none and that the figure is the province's (never pass it off as the city's)."""
        if ask.kind != "number" or not chosen or ask.across:
            return ""
        regions = self.retriever.regions
        cities = [p for p in ask.places if p in self._with_docs and regions.get(p).level != "province"]
        if not cities or any(regions.get(p).level == "province" for p in ask.places if regions.get(p)):
            return ""
        documents = {hit.document.doc_id: hit.document for _, hit in chosen}
        if any(d.region in cities for d in documents.values()):
            return ""
        own = "、".join(f"《{short_title(d)}》" for d in self.retriever.corpus.documents if d.region in cities)
        source = "、".join(f"《{short_title(d)}》" for d in documents.values())
        return f"{own}没有提出这项目标；以下是{source}提出的目标，不是{'、'.join(cities)}本地的目标：\n"

    def _repair(self, ask: Ask, pool: list[Hit], terms: dict[str, float], anchors: list[str],
                chosen: list[tuple[str, Hit]], verdict: Verdict) -> tuple[list[tuple[str, Hit]], Verdict]:
        """The chosen sentences lack what was asked (a number of the asked kind, a date, a year): another
        sentence of the lead's clause (the clause on the asked task) that holds it answers instead, else, when
        the asked sector is what is missing, one of the pool's other clauses that names it ("规上生产性服务业企业数量
        的目标是多少家，哪一年实现": the year picks 主体培优育强's "规模以上服务业企业数量年均增长10%", 主要目标 names
        the asked sector); only when none does is the question declined."""
        scored = self.chooser.scored(pool, terms, ask.kind, anchors, ask.query)
        if not scored:
            return chosen, verdict
        lead = scored[0][4].clause.clause_id
        floor = self.config.repair_ratio * scored[0][0]
        said = [self.leads.year_of(h, s) + s for s, h in chosen]
        candidates = [(sentence, hit) for score, _, _, sentence, hit in scored[1:]
                      if score >= floor and hit.clause.clause_id == lead]
        for sentence, hit in candidates:
            if answer_decline(self._rule_text(ask), [self.leads.year_of(hit, sentence) + sentence]) is None:
                return [(sentence, hit)], ANSWERED
        for sentence, hit in candidates:
            # "总产值目标是多少？规上软件企业要达到几家": each figure asked in a sentence of its own
            if sentence not in "".join(said) and \
                    answer_decline(self._rule_text(ask), said + [self.leads.year_of(hit, sentence) + sentence]) is None:
                return chosen + [(sentence, hit)], ANSWERED
        if verdict.rule != "sector_missing":
            return chosen, verdict
        for score, _, _, sentence, hit in scored[1:]:
            # the asked sector named ("规上生产性服务业企业"): a sentence of another clause that names it is on the
            # asked indicator (a figure of another thing in another clause would not be)
            if score >= floor and hit.clause.clause_id != lead and \
                    answer_decline(self._rule_text(ask), [self.leads.year_of(hit, sentence) + sentence]) is None:
                return [(sentence, hit)], ANSWERED
        return chosen, verdict

    def _table_sentence(self, ask: Ask, terms: dict[str, float], anchors: list[str]) -> tuple[str, Hit] | None:
        """A figure asked of one place that the retrieved clauses lack, but the targets table holds for that
        place in other words (湘潭's "生产性服务业与非生产性服务业结构比调整到40:60" for its share of services):
        the sentence the target was read from, when it passes the answer rules; None otherwise."""
        if ask.kind != "number" or ask.across or not ask.query.regions or len(self._questions_asked(ask)) > 1:
            return None  # one sentence answers one figure asked; a message asking several is answered part by part
        corpus = self.retriever.corpus
        own = self.retriever.own_docs(ask.query)
        regions = sorted({d.region for d in corpus.documents if d.doc_id in own and d.region})
        for match in self._table_finds(ask.text, regions):
            clause, document = corpus.clause(match.target.clause_id), corpus.document(match.target.doc_id)
            if clause is None or document is None:
                continue
            hit = Hit(0, 0.0, clause, document)
            stated = squash(normalise_text(match.target.sentence))
            # the target's year may come from the clause or its lead ("到2025年" in a later sentence)
            year = f"到{match.target.year}年，" if match.target.year else ""
            for _, _, _, sentence, _ in self.chooser.scored([hit], terms, ask.kind, anchors, ask.query):
                if squash(normalise_text(sentence)) in stated and answer_decline(
                        self._rule_text(ask), [(self.leads.year_of(hit, sentence) or year) + sentence]) is None:
                    return sentence, hit
        return None

    # -- retrieve -----------------------------------------------------------------------------

    def _retrieve(self, ask: Ask, filters: Filters) -> list[Hit]:
        k = self.config.support_k if ask.kind == "support" else self.config.k
        if ask.needs and ask.kind == "support":
            return self._retrieve_needs(ask, filters, k)
        hits = self.retriever.search(self._search_query(ask), k=k, filters=filters)
        # a term the asker quotes ("“两副”是哪两个市") that a clause's heading names ("（二）强化“两副”支撑"): that
        # section is what is asked about, before clauses that only mention the term ("一核两副三带四区多点")
        named = [h for h in hits if _heading_quotes(h, ask.text)]
        if named:
            hits = named + [h for h in hits if h not in named]
            hits = [replace(h, rank=rank) for rank, h in enumerate(hits, start=1)]
        return hits

    def _search_query(self, ask: Ask) -> Query:
        """The query searched, and whose words rank a support list's sentences."""
        if ask.kind == "support" and ask.query.context and self._states_a_need(ask):
            # An enterprise that says who it is before what it needs ("我们是长沙一家软件公司，……他小孩上学、安家
            # 看病能享受什么照顾"): its measures are searched by the need; the place named anywhere still counts.
            return replace(ask.query, text=ask.asked, expansions=tuple(self.retriever.parser.lexicon.expand(ask.asked)),
                           context=())
        if ask.query.context and not self._states_a_need(ask):
            # the asked part only points back at the business ("市里对我们这种机构有什么扶持"): the description
            # is the question, searched whole without weighing the asked part up
            return replace(ask.query, context=())
        return ask.query

    def _named_items(self, ask: Ask, pool: list[Hit]) -> list[tuple[str, Hit]]:
        """The items of a set the question quotes and asks to be named ("“两副”是哪两个市"), as the section its
        heading names sets them out: one paragraph per item, each led by the sentence naming it ("打造岳阳服务业对外
        开放桥头堡。"); [] when the first clause is not that section or its paragraphs are not as many as asked."""
        n = items_asked(ask.asked)
        if n < 2 or not pool or not _heading_quotes(pool[0], ask.text):
            return []
        paragraphs = [p.strip() for p in pool[0].clause.text.split("\n")[1:] if p.strip()]
        if len(paragraphs) != n:
            return []
        return [(p.split("。")[0] + "。", pool[0]) for p in paragraphs]

    def _outline_items(self, ask: Ask, hits: list[Hit]) -> list[tuple[str, Hit]]:
        """The items of a set the question quotes and asks to be named, when a part of a plan is that set and its
        sections are the items ("“七大工程”是哪七个": "五、实施服务业提质增效七大工程" and its seven sections): each
        section's heading, citing its first clause; [] unless the sections are as many as asked."""
        n = items_asked(ask.asked)
        quoted = _QUOTED.findall(ask.text)
        if n < 2 or not quoted or not hits:
            return []
        document = hits[0].document
        clauses = [c for c in self.retriever.corpus.clauses_of(document.doc_id)
                   if len(c.section_path) >= 2 and any(q in c.section_path[0] for q in quoted)]
        sections: dict[str, Clause] = {}
        for clause in clauses:
            sections.setdefault(clause.section_path[1], clause)
        if len(sections) != n:
            return []
        return [(f"{heading}。", Hit(rank=0, score=0.0, clause=clause, document=document))
                for heading, clause in sections.items()]

    def _retrieve_needs(self, ask: Ask, filters: Filters, k: int) -> list[Hit]:
        """A question stating several needs ("想贷款，也想招人"): each need searched on its own. Each need's clause
        comes first: the best of its list that names the need's own words (or their policy terms), marked
        why["need"] with those words, so that the support list keeps it and quotes its sentence naming them.
        Then the lists are taken in turn."""
        lists, own = [], []
        for i, part in enumerate(ask.needs):
            query = self.retriever.parser.parse(part)
            others = set().union(*(self.wording.content_terms(self.retriever.parser.parse(p)) for j, p in enumerate(ask.needs)
                                   if j != i))
            own.append([t for t in self.wording.content_terms(query) if t not in others])
            hits = self.retriever.search(query, k=k, filters=filters)
            lists.append(hits)

        def names(hit: Hit, words: list[str]) -> bool:
            return any(w in hit.clause.text or w in "".join(hit.clause.section_path) for w in words)

        merged: dict[str, Hit] = {}
        for hits, words in zip(lists, own):
            picked = next((h for h in merged.values() if names(h, words)), None)
            if picked:
                # a clause already picked names this need too ("上学、住房" in one clause): its sentences are chosen
                # for both needs ("企业顾问" and "产业链" of one law-firm clause)
                need = tuple(picked.why.get("need", ())) + tuple(w for w in words if w not in picked.why.get("need", ()))
                groups = picked.why.get("need_groups", [picked.why.get("need", [])]) + [list(words)]
                merged[picked.clause.clause_id] = replace(picked, why={**picked.why, "need": list(need),
                                                                        "need_groups": groups})
                continue
            pick = next((h for h in hits if h.clause.clause_id not in merged and names(h, words)), None)
            if pick:
                merged[pick.clause.clause_id] = replace(pick, why={**pick.why, "need": words})
        for depth in range(k):
            for hits in lists:
                if depth < len(hits) and hits[depth].clause.clause_id not in merged:
                    merged[hits[depth].clause.clause_id] = hits[depth]
        return [replace(h, rank=rank) for rank, h in enumerate(list(merged.values())[:k], start=1)]

    def _states_a_need(self, ask: Ask) -> bool:
        """Does the asked part say what is needed in words of its own, beyond asking for support and pointing
        back at the business ("湘潭市对我们这种机构有扶持吗" does not: the business told before is the need)?"""
        # (the plan it names is no need: "长沙生产性服务业那个行动计划对我们这种企业有什么支持" asks of the business)
        terms = self.wording.content_terms(ask.query, expansions=False, text=_without(ask.asked, ask.query.doc_mentions))
        # words the plans use, or everyday words the lexicon has their terms for ("小孩上学"): "沾上边", "之前" are not
        lexicon = self.retriever.parser.lexicon
        places = {name for region in self.retriever.regions.regions for name in region.names}
        return sum(1 for t in terms if not ASK_FORM.search(t) and not _NEED_FILLER.search(t)
                   and t not in places and not self.places.outside(t, set())  # a place is where, not what
                   and (self.retriever.bm25.knows(t) or lexicon.expand(t))) >= 2

    def _evidence(self, hits: list[Hit]) -> Evidence:
        """The top clauses as verification sees them: each with its parent paragraph's lead (year, subject)."""
        return Evidence(tuple(self.leads.lead(h.clause.clause_id) + h.clause.text for h in hits),
                        tuple(h.document.title for h in hits),
                        tuple(self._phrases.texts[d] for d in dict.fromkeys(h.document.doc_id for h in hits)),
                        self._library_text)

    # -- verify -------------------------------------------------------------------------------

    def _verify(self, ask: Ask, chosen: list[tuple[str, Hit]], anchors: list[str]) -> Verdict:
        """Does the plan answer what was asked? Amount asks need money next to a funding word; the answer
        rules check the chosen sentences (with their leads) for the specific asked for."""
        if not chosen:
            reason = (f"现有政策文件中没有{'、'.join(anchors)}本级的政策文件，省级规划也没有就此作出规定。" if anchors
                      else "现有政策文件中没有找到回答这个问题的内容。")
            return Verdict("declined", "place_province_silent" if anchors else "no_sentence", reason)
        if ask.kind == "amount" and not any(_MONEY.search(s) and _FUNDS.search(s) for s, _ in chosen):
            return Verdict("declined", "amount_absent",
                           "现有政策文件提到了相关方向，但没有规定具体的金额或补贴标准。")
        sentences = [self.leads.year_of(h, s) + s for s, h in chosen]  # a bullet's year lives in its lead
        decline = answer_decline(self._rule_text(ask), sentences)
        return _verdict(decline) if decline else ANSWERED

    @staticmethod
    def _rule_text(ask: Ask) -> str:
        """What the answer rules read: the asked text without the names of documents in it (生产性服务业三年行动计划
        names a plan; it asks no 生产性服务业 figure). The name is left as a noun ("几个规划里，哪些……": 几个 of a noun, no
        count asked). A yes/no question is read in its segments that ask: a figure told of the asker before asks none
        ("今年营收估计能达到规上标准，升规入库政府有没有支持？")."""
        text = asking_segments(ask.asked)
        for span in ask.query.doc_mentions:
            text = text.replace(span, "文件")
        return text

    def _elsewhere_said(self, verdict: Verdict, preferred: set[str]) -> Verdict:
        """A quoted measure the asked place's plans do not mention, while another place's plan does ("武汉…能办
        人才绿卡吗": 长沙's plan has it): the reason says so, not that no plan mentions it."""
        quoted = re.search(r"“(.+?)”", verdict.message) if verdict.rule == "quoted_absent" and preferred else None
        if not quoted:
            return verdict
        key = squash(quoted.group(1))
        others = [d for d in self.retriever.corpus.documents
                  if d.doc_id not in preferred and key in self._phrases.texts.get(d.doc_id, "")]
        if not others:
            return verdict
        asked = "、".join(f"《{short_title(d)}》" for d in self.retriever.corpus.documents if d.doc_id in preferred)
        named = "、".join(f"《{short_title(d)}》" for d in others)
        places = "、".join(dict.fromkeys(d.region for d in others))
        reason = f"{asked}没有提到“{quoted.group(1)}”；{named}提到了，但只适用于{places}。"
        return replace(verdict, message=reason)

    def _target_elsewhere(self, ask: Ask, preferred: set[str]) -> Verdict | None:
        if ask.kind not in ("number", "fact", "amount"):
            return None
        phrase = self._phrases.target_elsewhere(self.wording.mask_places(ask.text), preferred)
        if not phrase:
            return None
        regions = sorted({d.region for d in self.retriever.corpus.documents if d.doc_id in preferred})
        if any(m.target.doc_id in preferred for m in self._table_finds(ask.text, regions)):
            # the plan sets it in other words (旅游综合收入 / 全省旅游总收入; 生产性服务业占服务业增加值比重 asked as
            # "生产性服务业增加值占服务业增加值比重"): an indicator the targets table matches by meaning, of the kind,
            # numerator and base asked
            return None
        titles = "、".join(f"《{d.title}》" for d in self.retriever.corpus.documents if d.doc_id in preferred)
        # Only a plan that sets a target with that wording is named, not one that reports a past figure, and in
        # the unit asked when the question names one ("多少亿元": not a plan that sets a share).
        unit = "亿" if "亿" in ask.asked else "%|百分点" if re.search(r"比重|占比|%|百分之", ask.asked) else ""
        others = "、".join(sorted({short_title(d) for d in self.retriever.corpus.documents
                                   if d.doc_id not in preferred and any(
                                       phrase in squash(t.sentence) and re.search(unit, t.unit)
                                       for t in self._targets_of(d.doc_id))}))
        nearest = self._nearest_target(phrase, preferred)
        return Verdict("declined", "target_elsewhere",
                       f"{titles}没有提出“{phrase}”方面的目标" + (f"（{others}提出了）。" if others else "。"),
                       related=(nearest.clause_id, nearest.sentence) if nearest else None)

    def _nearest_target(self, phrase: str, docs: set[str]) -> Target | None:
        """The target of the documents whose indicator shares the longest run with the asked phrase (four
        characters at least: "生产性服务业增加值" → "生产性服务业占服务业增加值比重"), or None."""
        def shared(indicator: str) -> int:
            text = squash(indicator)
            return max((n for n in range(len(phrase), _RELATED_RUN - 1, -1)
                        for i in range(len(phrase) - n + 1) if phrase[i:i + n] in text), default=0)
        scored = [(shared(t.indicator), t) for d in sorted(docs) for t in self._targets_of(d)]
        best = max(scored, key=lambda pair: pair[0], default=(0, None))
        return best[1] if best[0] >= _RELATED_RUN else None

    def _targets_of(self, doc_id: str) -> tuple[Target, ...]:
        """Every target the extractor reads from one document (cached)."""
        if doc_id not in self._target_text:
            corpus = self.retriever.corpus
            self._target_text[doc_id] = tuple(extract_targets(corpus.document(doc_id), corpus.clauses_of(doc_id)).targets)
        return self._target_text[doc_id]

    def _asked_indicators(self, text: str) -> dict[str, list[str]]:
        """The library's target indicators a question names in the plans' own words (数字经济核心产业增加值占GDP
        比重), each with the documents that set it; one contained in another named one is left out."""
        text = _indicator_key(text)
        found: dict[str, list[str]] = {}
        for doc in self.retriever.corpus.documents:
            for target in self._targets_of(doc.doc_id):
                name = _indicator_key(target.indicator)
                if len(name) >= self.config.indicator_chars and name in text:
                    found.setdefault(name, [])
                    if doc.doc_id not in found[name]:
                        found[name].append(doc.doc_id)
        return {name: docs for name, docs in found.items() if not any(name in other and name != other for other in found)}

    def _states(self, name: str, sentence: str, hit: Hit) -> bool:
        """Does a sentence (with its lead) state the indicator? The target read from it is that indicator's
        ("服务业增加值年均增长6.5%，占GDP比重的53%左右" holds 服务业增加值占GDP比重 at 53%左右), or its text names it
        in the loose sense plans' wordings need (物流总费用占GDP比重 for 社会物流总费用占GDP比重)."""
        key = _indicator_key(sentence)
        if any(_indicator_key(t.indicator) == name and squash(t.value) in key and (key in _indicator_key(t.sentence)
                                                                              or _indicator_key(t.sentence) in key)
               for t in self._targets_of(hit.document.doc_id)):
            return True
        normal = _indicator_key(normalise_text(sentence))  # as the target's sentence was read (full-width commas)
        if any(clause_id == hit.clause.clause_id and (normal in stated or stated in normal)
               for clause_id, stated in self._meant_by(name)):
            return True
        return holds_loosely(name, _indicator_key(self.leads.lead(hit.clause.clause_id) + sentence))

    def _meant_by(self, name: str) -> tuple[tuple[str, str], ...]:
        """(clause id, sentence key) of the targets the table matches to an indicator by meaning: another plan's
        wording of it ("全市生产性服务业增加值……占服务业增加值比重达到47%" for 生产性服务业占服务业增加值比重); cached,
        the names being the library's own indicators."""
        if name not in self._meaning:
            table = self.targets()
            self._meaning[name] = tuple((m.target.clause_id, _indicator_key(m.target.sentence))
                                        for m in table.match(name) if table.answers(name, m.target))
        return self._meaning[name]

    def _table_finds(self, text: str, regions: list[str] | None) -> list[TargetMatch]:
        """The targets table's matches for a question that are the asked indicator (TargetTable.answers)."""
        table = self.targets()
        phrase = table.indicator_of(text)
        return [m for m in table.find(text, regions=regions) if table.answers(phrase, m.target)]

    def _indicator_check(self, ask: Ask, pool: list[Hit], terms: dict[str, float], anchors: list[str],
                         chosen: list[tuple[str, Hit]], wider: list[Hit]) -> tuple[list[tuple[str, Hit]], Verdict]:
        """A figure asked by the name of an indicator some plan sets is answered by a sentence naming it: a
        sentence giving another indicator's figure (服务业增加值占GDP比重 for 数字经济核心产业增加值占GDP比重) is replaced
        by the pool's best sentence that names it with a figure; when none does, the question is declined."""
        asked = self._asked_indicators(self.wording.mask_places(ask.asked))
        missing = [name for name in asked if not any(self._states(name, s, h) for s, h in chosen)]
        if not missing:
            return chosen, ANSWERED
        past_asked = bool(PAST_ASKED.search(ask.asked))
        if (ask.years or past_asked) and \
                any(is_past(s) and all(y in s for y in ask.years) and has_figure(s) for s, _ in chosen):
            # a past year's figure asked ("湖南省2020年服务业增加值占GDP比重是多少", "规划印发时……是多少") and stated by
            # the plan's review ("2020年，服务业增加值达2.16万亿元，占GDP比重的51.7%"): the targets table holds
            # targets, not the past
            return chosen, ANSWERED
        # a figure of the past ("信息传输……服务业增加值年均增长24.9%", in the plan's review) is no target; the
        # clauses beyond the pool may hold the indicator's own ("信息服务业增加值超过1200亿元", the fifth hit)
        for group in (pool, [h for h in wider if h not in pool]):
            for _, _, _, sentence, hit in self.chooser.scored(group, terms, ask.kind, anchors, ask.query):
                if re.search(r"\d", sentence) and all(self._states(name, sentence, hit) for name in missing) and \
                        (past_asked or not (is_past(sentence) or sentence in self.leads.in_past(hit.clause))):
                    return [(sentence, hit)], ANSWERED
        docs = {d.doc_id: d for d in self.retriever.corpus.documents}
        setters = "、".join(short_title(docs[d]) for d in asked[missing[0]])
        return chosen, Verdict("declined", "indicator_missing",
                               f"现有政策文件在相关条款中没有提出“{missing[0]}”这项目标" +
                               (f"（{setters}提出了）。" if setters else "。"))

    # -- render -------------------------------------------------------------------------------

    def _render(self, ask: Ask, chosen: list[tuple[str, Hit]], hits: list[Hit], cites: Cites) -> Answer:
        regions = [hit.document.region for _, hit in chosen]
        by_place = len(set(regions)) >= 2 and len(ask.places) >= 2
        if by_place:  # several places asked together: in the order the question names them, cited in that order
            order = {place: i for i, place in enumerate(ask.places)}
            chosen = sorted(chosen, key=lambda c: order.get(c[1].document.region, len(order)))
        parts = []
        for sentence, hit in chosen:
            year = self.leads.year_of(hit, sentence)
            if ask.kind == "number" and not _SEVERAL_FIGURES.search(ask.asked):
                # the asked figure, not every figure of a long sentence (unless several are asked: "哪几个数")
                sentence = self.chooser.scorer.focus(self.wording.mask_places(ask.text), sentence)
            if ask.kind == "number" and year:
                sentence = f"{year}：{sentence}"  # the bullet's year lives in its lead
            parts.append(f"{sentence}{cites(hit.clause, hit.document)}")
        if by_place:
            # sentences of several places asked together ("长沙和株洲各自怎么说的"): each place's on a line of its own
            said: dict[str, list[str]] = {}
            for (_, hit), part in zip(chosen, parts):
                said.setdefault(hit.document.region, []).append(part)
            parts = ["\n".join(f"- {region}：{''.join(lines)}" for region, lines in said.items())]
        if ask.kind == "number" and not ask.across and TARGET_ASKED.search(ask.asked) \
                and not any(has_figure(s) for s, _ in chosen):
            # "会展业要达到什么目标": the plan states the aim in words only; say so rather than pass it off as a figure
            titles = "、".join(dict.fromkeys(f"《{short_title(h.document)}》" for _, h in chosen))
            parts.insert(0, f"{titles}在这方面没有提出量化指标，相关表述是：")
        return Answer(ask.query.original, "".join(parts), False, tuple(cites.items), ask.kind, tuple(hits))

    def _declined(self, ask: Ask, hits: list[Hit], cites: Cites, verdict: Verdict) -> Answer:
        if verdict.rule in _SUPPORT_SPECIFICS and (aliens := self._trade_aliens(ask)):
            # the money or procedure of support for the asker's trade, which the plans cannot speak of ("我们在长沙开了
            # 家小翻译公司……对翻译公司有没有专门的补贴？一年能拿多少？"): they do not mention the trade at all, not only
            # its amount
            verdict = self._trade_absent(ask, aliens)
        return Answer(ask.query.original, self.decliner.explain(ask, hits, cites, verdict), True, tuple(cites.items),
                      ask.kind, tuple(hits), status="declined", rule=verdict.rule)

    # -- plans by kind ------------------------------------------------------------------------

    def targets(self) -> TargetTable:
        """The targets table (指标库) of the corpus, built on first use (it embeds every indicator once)."""
        with self._targets_lock:
            if self._targets is None:
                self._targets = TargetTable.build(self.retriever.corpus, self.retriever.encoder,
                                                  regions=self.retriever.regions)
            return self._targets

    def _department_answer(self, ask: Ask, hits: list[Hit], terms, cites: Cites) -> Answer:
        query = ask.query
        # The clause on the asked task: of the top three with departments, the one whose heading and text
        # hold most of the asked terms, then whose heading holds most (ties keep retrieval order). The words
        # that ask for a department (负责, 牵头单位, …) name no task: every clause lists its departments.
        # Nor do the words of the plan's own name ("长沙生产性服务业三年行动里的标准品牌工程": 标准品牌工程 is asked).
        task = self._task_asked(ask, _task_words(terms))

        def asked_of(hit: Hit) -> dict[str, float]:
            return {t: w for t, w in task.items() if t not in hit.document.title} or task

        # (a message that tells a story before asking: the task is what its question sentences name first
        # ("……培训数控、焊工……听说市里鼓励人才留株，像我们这种培训机构能不能拿到奖励？是哪个部门在管？": 留株 and
        # 奖励, not the 培训 told))
        questions = question_sentences(query.text)
        told = questions != query.text

        def text_of(hit: Hit) -> str:
            return " ".join(hit.clause.section_path) + hit.clause.text

        def in_questions(hit: Hit) -> dict[str, float]:
            return {t: w for t, w in asked_of(hit).items() if t in questions.lower()} if told else {}

        with_depts = sorted((h for h in hits[:3] if h.clause.departments),
                            key=lambda h: (-coverage(text_of(h), in_questions(h)),
                                           -coverage(text_of(h), asked_of(h)),
                                           -coverage(" ".join(h.clause.section_path), asked_of(h))))[:1]
        if not with_depts:
            chosen = self.chooser.best(hits[:3], terms, "department", [], query)
            text = "".join(f"{s}{cites(h.clause, h.document)}" for s, h in chosen)
            return Answer(query.original, "该条款未列明责任单位。" + text, False, tuple(cites.items), "department",
                          tuple(hits), status="partial", rule="no_departments")
        hit = with_depts[0]
        clause = hit.clause
        heading = clause.section_path[-1] if clause.section_path else clause.label
        text = f"《{hit.document.title}》“{heading}”的{who(clause, '为', '，')}{cites(clause, hit.document)}。"
        # "哪个部门牵头？目标是什么？", "产业学院建几家、哪年完成？责任单位有哪些？": a part asking a figure or a
        # date is answered by the clause's sentence stating one
        figure = any(detect_kind(part) in ("number", "date") for part in re.findall(r"[^，,。；;！!？?]+", ask.asked)
                     if detect_kind(part) != "department")
        chosen = self.chooser.best([hit], terms, "number" if figure else "fact", [], query)
        years: tuple[str, ...] = ()
        if figure:
            # the clause's target, however unlikely the sentence model finds it beside the clause's measures
            # ("定了啥目标？是谁负责" → 到2027年建成20家产业学院, not 培育壮大人力资源服务行业领军企业)
            # a target stated without a figure ("到2027年，……打造中部地区会展名城") answers "到2027要达到啥" too
            years = ask.years or tuple(re.findall(r"(?<!\d)(20\d\d)(?!\d)", ask.asked))
            stating = next(((s[3], s[4]) for s in self.chooser.scored([hit], terms, "number", [], query)
                            if s[0] > 0 and not is_bare(s[3]) and
                            (has_figure(s[3]) or any(f"{y}年" in s[3] for y in years))), None)
            chosen = [c for c in chosen if has_figure(c[0])][:1] or \
                ([stating] if stating and (TARGET_ASKED.search(ask.asked) or years) else chosen)
            wanted = len(_FIGURES_ASKED.findall(ask.asked))
            if wanted > 1 and chosen and has_figure(chosen[0][0]):
                # several figures asked of the task ("推动多少家服务业集聚区、多少个创新先行区提档升级"): a sentence of
                # the clause for each, in the clause's order
                more = [(s[3], s[4]) for s in self.chooser.scored([hit], terms, "number", [], query)
                        if s[0] > 0 and not is_bare(s[3]) and has_figure(s[3]) and s[3] != chosen[0][0]]
                order = clause_sentences(clause)
                chosen = sorted(chosen[:1] + more[:wanted - 1],
                                key=lambda c: order.index(c[0]) if c[0] in order else len(order))
        if chosen:
            lead = "该条款提出的目标是：" if figure and (has_figure(chosen[0][0]) or any(
                f"{y}年" in chosen[0][0] for y in years)) else "该条款提出："
            text += lead + "".join(f"{sentence}{cites(h.clause, h.document)}"
                                   for sentence, h in (chosen if figure else chosen[:1]))
            # "开了家小律所……对我们这种小所有没有什么说法？哪个部门牵头": the clause's sentence on the asker's trade
            own = self._own_trade_sentence(ask, hit, chosen[0][0]) if query.context and not figure else None
            if own:
                text += f"{own}{cites(clause, hit.document)}"
            for sentence in ([] if figure else self._other_questions_sentences(ask, clause, text)):
                text += f"{sentence}{cites(clause, hit.document)}"
        return Answer(query.original, text, False, tuple(cites.items), "department", tuple(hits))

    def _other_questions_sentences(self, ask: Ask, clause: Clause, said: str) -> list[str]:
        """A department asked after other questions of the task ("对法律服务鼓励做哪些新业务？对我们这种小律所有没有
        什么说法？这块是哪个部门牵头？"): for each other question, the sentence of the task's clause the sentence model
        finds likeliest to answer it in its own words (the story told before the first would pick the same sentence
        for each: "大所把好案子都拿走了" → 促进小型律所规范健康发展), when the answer does not quote it yet."""
        segments = question_segments(ask.text)
        if len(segments) < 2:
            # one question asking the department beside another thing ("想知道市里这几年重点要办哪些展会，该找哪个部门
            # 对接？"): its pieces asking that other thing
            asking = [p for p in SEGMENT.findall(ask.text) if QUESTION_WORD.search(p)]
            pieces = [p for p in asking if detect_kind(p) == "fact"]
            segments = tuple(pieces) if len(asking) >= 2 and pieces else ()
        story = situation(segments[0]) if segments else ""
        sentences: list[str] = []
        for segment in segments:
            if detect_kind(segment) != "fact":
                continue
            own = segment[len(story):] if story and segment.startswith(story) else segment
            likeliest = self._likeliest_sentence(own or segment, {clause.clause_id})
            if likeliest and likeliest not in said and likeliest not in sentences:
                sentences.append(likeliest)
        return sentences

    def _task_asked(self, ask: Ask, task: dict[str, float]) -> dict[str, float]:
        """The task whose departments are asked, without the asker's own trade told before ("我在长沙开了家做品牌策划
        的公司，……进了库政府会奖励？找哪个部门") or whom it serves ("主要给园区工厂做仓储配送"), unless the question
        names it again ("……市里对我们这种物流企业有没有支持？哪些部门在管": 物流 is the task, 园区 is not), and without
        the plan terms only that description expands to (小公司 → 普惠金融). The trade itself is the task when the
        question points back at it ("我们这种小所有没有什么说法？这事归哪个部门管")."""
        query = ask.query
        told_pieces = [m.group() for m in SERVED.finditer(query.text)]
        if not _POINTS_AT_TRADE.search(ask.asked):
            told_pieces += list(query.context)
        asked = query.text
        for piece in told_pieces:
            asked = asked.replace(piece, "，")
        asked, told = asked.lower(), "".join(told_pieces)
        own = set(self.retriever.parser.lexicon.expand(asked))
        return {t: w for t, w in task.items() if (t not in told or t in asked)
                and (not told or t not in query.expansions or t in own)} or task

    def _unstaffed_answer(self, ask: Ask, hits: list[Hit], preferred: set[str], terms: dict[str, float],
                          cites: Cites) -> Answer | None:
        """A department asked for a task of plans that assign none (湘潭's and the province's 十四五 plans list no
        责任单位 under any task): declined, saying so, with the plan's own sentence on how tasks are assigned and
        the task's clause. A question about the plan as a whole ("统筹协调是由哪个机构负责") is answered by its
        organising clause (联席会议) as before."""
        corpus = self.retriever.corpus
        if not preferred:
            return None
        docs = self.retriever.own_docs(ask.query) or preferred
        pool = [h for h in hits if h.document.doc_id in docs]
        if not pool or _ORGANISING.search(pool[0].clause.text):
            return None
        task_terms = _task_words(terms)
        plan_wide = not any(c.departments for d in preferred for c in corpus.clauses_of(d))
        if not plan_wide:
            # A plan that assigns departments task by task, asked for one of a task whose clauses (the top three
            # of the asked place's) list none ("长沙要设的产业基金，是哪个部门牵头": 保障措施 lists none): said so,
            # with the plan's sentence on who organises its tasks.
            if len(docs) != 1:
                return None
            scored = self.chooser.scored(pool[:3], task_terms, "department", [], ask.query)
            if not scored or scored[0][4].clause.departments:
                return None
            # the sentence naming the task is clearly the unstaffed clause's: a staffed clause's best is far below
            staffed = next((s[0] for s in scored if s[4].clause.departments), 0.0)
            if staffed > _TASK_CLEAR * scored[0][0]:
                return None
            task = scored[0][4]
            if _ORGANISING.search(task.clause.text) or _ACTOR.search(scored[0][3]):
                return None  # an organising clause, or the task's sentence names who does it: quoted as answered

            def covered(hit: Hit) -> float:
                return coverage(" ".join(hit.clause.section_path) + hit.clause.text, task_terms)
            # nor when a clause listing departments names as much of the task in its heading and text (a task
            # named by its heading: "标准品牌工程 责任单位是哪几个")
            if any(covered(h) >= covered(task) for h in pool[:3] if h.clause.departments):
                return None
            return self._task_unstaffed(ask, [task] + [h for h in pool if h is not task], terms, cites)
        # the task's clause: of the top three, the one whose heading, then heading and text, hold most asked words
        task = max(pool[:3], key=lambda h: (coverage(" ".join(h.clause.section_path), task_terms),
                                            coverage(" ".join(h.clause.section_path) + h.clause.text, task_terms)))
        text = ""
        for document in (corpus.document(d) for d in sorted(docs)):
            said = next(((s, c) for c in corpus.clauses_of(document.doc_id) if _ORGANISING.search(c.text)
                         for s in clause_sentences(c) if _ASSIGNING.search(s)), None)
            text += f"《{document.title}》没有为各项任务指定牵头或责任单位"
            if said:
                sentence, clause = said
                text += f"，只在“{clause.section_path[-1] if clause.section_path else clause.label}”中要求：" \
                        f"“{LABEL.sub('', sentence).strip().rstrip('。；;')}”{cites(clause, document)}"
            text += "。"
        heading = task.clause.section_path[-1] if task.clause.section_path else task.clause.label
        text += f"该规划中关于这项任务的条款：《{task.document.title}》{heading}{cites(task.clause, task.document)}。"
        return Answer(ask.query.original, text, True, tuple(cites.items), ask.kind, tuple(hits),
                      status="declined", rule="plan_unstaffed")

    def _task_unstaffed(self, ask: Ask, pool: list[Hit], terms: dict[str, float], cites: Cites) -> Answer:
        """The decline for a task whose clause names no department, in a plan that names them elsewhere."""
        corpus = self.retriever.corpus
        task = pool[0]
        document = task.document
        heading = task.clause.section_path[-1] if task.clause.section_path else task.clause.label
        text = f"《{document.title}》中这项任务所在的条款“{heading}”{cites(task.clause, document)}没有写明牵头或责任单位"
        organising = next((c for c in corpus.clauses_of(document.doc_id) if _ORGANISING.search(c.text)
                           and c.section_path and "保障" in c.section_path[0]), None)
        if organising is not None:
            sentences = clause_sentences(organising)
            heading = organising.section_path[-1] if organising.section_path else organising.label
            # its first sentence saying who organises, past the heading that opens the clause
            sentence = next((s for s in sentences if _ORGANISING.search(s) and LABEL.sub("", s).strip("。 ") not in heading),
                            sentences[-1])
            text += f"；该文件在“{heading}”中规定：“{LABEL.sub('', sentence).strip().rstrip('。；;')}”" \
                    f"{cites(organising, document)}"
        text += "。"
        return Answer(ask.query.original, text, True, tuple(cites.items), ask.kind, tuple(pool),
                      status="declined", rule="task_unstaffed")

    def _own_trade_sentence(self, ask: Ask, hit: Hit, said: str) -> str | None:
        """The sentence of a clause on the asker's own trade ("开了两家湘菜馆" → 实施湘菜产业振兴行动; "做节能诊断的咨询
        小公司" → 提供绿色诊断……等服务), which the sentence model, reading what is asked (中央厨房、连锁; 服务模式),
        scores low: a word of the trade told, or of the asker's self-description, that few clauses hold (湘菜, 律师,
        家政, 诊断), not a sector's that many hold (生产性服务业, 物流), nor the clause's heading."""
        trade_words = asker_trade(ask.text, self.wording.words)
        # the trade whole as well as its words ("第三方物流": 第三方 and 物流 are each in many clauses)
        told = set(trade_words) | ({"".join(trade_words)} if len(trade_words) > 1 else set())
        words = set(told)
        for segment in ask.query.context:  # (its place is no trade: 武汉 is in few clauses of its own plan)
            words |= set(self.retriever.bm25.tokenize(self.wording.mask_places(segment)))
        trade = [t for t in words if len(t) >= 2 and self.wording.clauses_holding(t) <= self.config.trade_rare_clauses]
        # how a business is run, or the word for it, is no trade ("湘菜连锁" is not spoken of by "推进餐饮业连锁化经营";
        # a 工厂 buying design is not spoken of by "建成一批智能工厂")
        trade = [t for t in trade if t not in _TRADE_FORM]
        if not trade or any(t in said.lower() for t in trade):
            return None  # no trade told, or the answer speaks of it already (words are lower case: bim, BIM)
        heading = "".join(hit.clause.section_path[-1:])
        # a measure, not the trade's target ("到2027年，全市律师事务所超过700家……" is no support for a small firm)
        candidates = [sentence for sentence in clause_sentences(hit.clause) if sentence not in said
                      and not is_bare(sentence) and heading not in sentence and any(t in sentence.lower() for t in trade)
                      and not target_only(self.leads.year_of(hit, sentence) + sentence)]
        # a sentence naming the trade itself ("鼓励发展第三方物流") before one naming only the story's other words
        return next((c for c in candidates if any(t in c.lower() for t in trade if t in told)), None) or \
            next(iter(candidates), None)

    def _support_answer(self, ask: Ask, hits: list[Hit], terms, cites: Cites, today: date) -> Answer:
        """Measures ranked by relevance, the asked place's own documents before the province's, capped;
        a one-line summary first and a plain note that these are plan directions last."""
        query = ask.query
        measures = []
        clause_scores = {}
        # a plan's account of where things stand ("存在的主要问题：……红色培训服务效益没有凸显", 发展成就, 机遇挑战)
        # offers no measure
        hits = [h for h in hits if not any(SITUATION.search(heading) for heading in h.clause.section_path)] or hits
        # nor does a plan's statement of its goals ("（三）发展目标 ——结构更优：……生产性服务业增加值占GDP比重23%左右"),
        # or a clause all of whose sentences are goals, unless targets are asked too, or nothing else is found
        targets_asked = bool(_TARGETS_TOO.search(question_sentences(query.text).lower()))
        goals_only = [h for h in hits if not targets_asked and (
            any(_GOALS_HEADING.search(heading) for heading in h.clause.section_path) or
            all(_is_goal(self.leads.year_of(h, s) + s) for s in clause_sentences(h.clause) if not is_bare(s)))]
        hits = [h for h in hits if h not in goals_only] or hits
        for hit in hits:
            scored = self.chooser.scored([hit], terms, "support", [], query)
            scored = [s for s in scored if not is_bare(s[3])] or scored  # a sentence, not a sub-heading
            need = hit.why.get("need", ())
            scored = [s for s in scored if any(w in s[3] for w in need)] or scored
            if scored:
                # the clause is as likely as its best sentence, but a measure is quoted, not the clause's goal
                # ("力争到2025年，……达2200家"), when it states one
                likely = scored[0][0]
                scored = [s for s in scored if not _is_goal(s[3])] or scored
                # a second sentence of the same clause when it is about as likely and names asked words the first
                # lacks ("仓单质押" after "信易贷"): the measure for the asker's own case is often the second
                first = scored[0]
                second = next((s for s in scored[1:3] if s[0] >= self.config.second_measure_ratio * first[0]
                               and any(t in s[3].lower() and t not in first[3].lower() for t in terms)), None)
                pair = sorted([first, second], key=lambda s: s[2]) if second else [first]
                groups = hit.why.get("need_groups", [])
                if len(groups) >= 2:
                    # one clause for two needs: the likeliest sentence for each, in the clause's order
                    each = [next((s for s in scored if any(w in s[3] for w in group)), None) for group in groups]
                    pair = sorted({s[3]: s for s in [first] + [s for s in each if s]}.values(), key=lambda s: s[2])
                measures.append((likely, "".join(s[3] for s in pair), hit))
                clause_scores[hit.clause.clause_id] = (likely, scored, [s[3] for s in pair])
        best = max((m[0] for m in measures), default=0.0)
        needed = {m[2].clause.clause_id for m in measures if m[2].why.get("need")}  # each stated need's clause
        measures = [m for m in measures if m[2].clause.clause_id in needed or
                    (m[0] > 0 and m[0] >= self.config.measure_ratio * best)]
        # Retrieval ranks the clauses better than the sentence model scores a measure's sentence: of each
        # document, only clauses retrieved about as well as its best one are listed (measure_fused_ratio).
        top: dict[str, float] = {}
        for _, _, hit in measures:
            top[hit.document.doc_id] = max(top.get(hit.document.doc_id, 0.0), hit.score)
        measures = [m for m in measures if m[2].clause.clause_id in needed or
                    m[2].score >= self.config.measure_fused_ratio * top[m[2].document.doc_id]]
        own = {d.doc_id for d in self.retriever.corpus.documents if d.region in query.regions}
        measures = sorted(measures, key=lambda m: (m[2].document.doc_id not in own, -m[0]))[:self.config.max_measures]
        alien = self.wording.alien_names(ask.asked)
        if alien and not any(self.wording.topic_words(ask.asked) & set(self.retriever.bm25.tokenize(m[1]))
                             for m in measures):
            # "武汉现在对宠物服务这一行有啥扶持": a trade named in a word the plans could not hold (a character they
            # never use), and measures matched by nothing the question is about: the plans do not speak of it
            return self._declined(ask, hits, cites, self._trade_absent(ask, alien))
        if not measures:
            return self._declined(ask, hits, cites, Verdict("declined", "no_measures",
                                                            "现有政策文件中没有找到相关的支持措施。"))
        # a question of the message the measures leave unanswered, answered by the first measure's clause
        likely, sentence, hit = measures[0]
        more = self.chooser.unmet_questions(query, [(m[1], m[2]) for m in measures], "support", [],
                                     self.chooser.config.max_chars, 1)
        # the first measure told whole: its likeliest sentence first, then its clause's other likely sentences in the
        # clause's order
        top_score, top_scored, pieces = clause_scores[hit.clause.clause_id]
        pieces = [(s, hit) for s in pieces] + more
        pieces += self.chooser.companions(top_scored, pieces, top_score, terms, set(terms) - set(query.expansions),
                                          self.wording.local_names(query), question=query.text)
        pieces = self.chooser.asked_place_only(query, pieces)  # (郴州's measure without 娄底's beside it)
        said = "".join(p for p, _ in pieces)
        own = self._own_trade_sentence(ask, hit, said)
        order = {s[3]: s[2] for s in top_scored}
        if own and len(said) + len(own) <= self.chooser.config.companion_chars:
            pieces.append((own, hit))
            order.setdefault(own, clause_sentences(hit.clause).index(own))
        # a need the asker names in everyday words ("人家最关心房子和小孩读书"), met by a sentence of the clause that
        # the sentence model scores low for the whole message (住房、医疗、子女就学等方面的便利服务), as in fact answers
        said = "".join(p for p, _ in pieces)
        for need, need_hit in self.chooser.unmet_need(query, top_scored, pieces, top_score,
                                                      self.chooser.config.companion_chars - len(said)):
            if need_hit.clause.clause_id == hit.clause.clause_id:
                pieces.append((need, hit))  # one of top_scored's sentences: order has its place already
        if _TARGETS_TOO.search(question_sentences(query.text).lower()):
            # the measures and the targets asked together ("对物流企业有哪些支持方向和目标？"): the first measure's
            # clause's target for a year, with its figures
            said = "".join(p for p, _ in pieces)
            target = next((s for s in clause_sentences(hit.clause) if TARGET_YEAR.search(s) and has_figure(s)
                           and not is_past(s) and s not in said), None)
            if target:
                pieces.append((target, hit))
                order.setdefault(target, clause_sentences(hit.clause).index(target))
        lead = top_scored[0][3] if top_scored else ""
        sentence = "".join(s for s, _ in sorted(pieces, key=lambda p: (p[0] != lead, order.get(p[0], len(order)))))
        measures[0] = (likely, sentence, hit)
        by_doc: dict[str, list[tuple[float, str, Hit]]] = {}
        for measure in measures:
            by_doc.setdefault(measure[2].document.doc_id, []).append(measure)
        names = "、".join(f"《{short_title(group[0][2].document)}》" for group in by_doc.values())
        lines = [f"找到{len(measures)}条相关措施，出自{names}："]
        for group in by_doc.values():
            document = group[0][2].document
            lines.append(f"《{document.title}》{cites.expiry(document)}：")
            for _, sentence, hit in group:
                heading = hit.clause.section_path[-1] if hit.clause.section_path else ""
                dept = f"（{who(hit.clause)}）" if hit.clause.departments else ""
                lines.append(f"- {heading}：{sentence}{dept}{cites(hit.clause, document)}")
        lines.append(PLAN_NOTE)
        return Answer(query.original, "\n".join(lines), False, tuple(cites.items), "support", tuple(hits))

    def _meta_answer(self, ask: Ask, hits: list[Hit], cites: Cites, today: date, allowed: set[str]) -> Answer:
        """Every metadata field asked (文号, issuer, date, validity), for each document the question names, or
        for every document when it asks about them all ("哪几份还在有效期内")."""
        corpus = self.retriever.corpus
        named = [d for d in corpus.documents if d.region in ask.places]
        if "basis" in ask.meta_fields and named:
            # The plan named first is asked about; a place after it is where the basis may lie ("株洲计划根据
            # 省里哪个文件制定的").
            first = next(p for p in ask.places if any(d.region == p for d in named))
            named = [d for d in named if d.region == first]
        # a question naming the plan ("湘潭十四五服务业规划…现在还能用吗") asks about that plan alone
        applies = "validity" in ask.meta_fields and named and _APPLIES.search(ask.text) and \
            not ask.query.named_doc_regions
        if applies:
            # "哪份还能管到我们湘潭企业": every document covering the place, the province's too
            covering = {r for p in ask.places for r in self.retriever.regions.covering(p)}
            named = [d for d in corpus.documents if d.region in covering]
        every = [d for d in corpus.documents if d.doc_id in allowed] if ask.across else []
        documents = named or every or [hits[0].document]
        lines = []
        for document in documents:
            validity_clause = self._validity_clause(document)
            basis = self._basis_of(document) if "basis" in ask.meta_fields else None
            # "依据省里哪份文件制定的？文号是多少": the 文号 asked is the cited document's, stated in the basis sentence;
            # one asked before the basis ("文号和制定依据"), or of the plan itself ("这个计划自己的文号呢"), is its own
            fields = tuple(f for f in ask.meta_fields
                           if f != "basis" and not (f == "doc_number" and basis and _DOC_NUMBER.search(basis[0])
                                                    and not _own_number_asked(ask.text)))
            # Fields from the document's header are cited to the header, the validity rule to its clause.
            marks = cites.mark(header_clause(document), document) if set(fields) - {"validity"} else ""
            if "validity" in fields and validity_clause:
                marks += cites.mark(validity_clause, document)
            elif "validity" in fields and not marks:
                marks = cites.mark(header_clause(document), document)
            fields += ("issued",) if fields == ("issuer",) else ()  # who and when
            if "title" in fields:  # a name asked ("24号是什么文件"): the document's identity, its 文号 and issuer
                fields = ("title",) + tuple(f for f in ("doc_number", "issuer") if f not in fields) + \
                    tuple(f for f in fields if f != "title")
            parts = [META_TEXT[name](document, today) for name in fields]
            ended = "" if "validity" in fields else cites.expiry(document)  # validity says it itself
            if "basis" in ask.meta_fields:
                if parts:
                    parts[-1], marks = parts[-1] + marks, ""
                parts.append(f"{marks}文中写明：“{basis[0]}”{cites.mark(basis[1], document)}" if basis
                             else f"{marks}文本中没有写明制定依据")
                marks = ""
            lines.append(f"《{document.title}》{'，'.join(parts)}{marks}{ended}。")
        if len(documents) > 1 and "validity" in ask.meta_fields:
            # the direct answer first: which are in force today, which have ended
            live = "、".join(f"《{short_title(d)}》" for d in documents if not expiry_note(d, today)) or "无"
            ended = "、".join(f"《{short_title(d)}》" for d in documents if expiry_note(d, today)) or "无"
            lines.insert(0, f"截至{today.isoformat()}，仍在有效期内：{live}；已到期：{ended}。")
        if applies:
            places = "、".join(p for p in ask.places if p in self._with_docs)
            others = [d for d in corpus.documents if d not in documents and not expiry_note(d, today)]
            lines += [f"现行有效的《{short_title(d)}》适用于{d.region}，不适用于{places}。" for d in others]
        return Answer(ask.query.original, "\n".join(lines), False, tuple(cites.items), "meta", tuple(hits))

    def _validity_clause(self, document: Document) -> Clause | None:
        """The clause stating when the document takes effect and how long it runs (本文件自…起施行，有效期…)."""
        return next((c for c in self.retriever.corpus.clauses_of(document.doc_id)
                     if "有效期" in c.text and "施行" in c.text), None)

    def _basis_of(self, document: Document) -> tuple[str, Clause] | None:
        """"Which document is this plan based on?": the plan's own 根据《…》 sentence, or the one that says why it
        was written ("为……，结合……，编制本规划"), usually in its preamble."""
        for clause in self.retriever.corpus.clauses_of(document.doc_id):
            for sentence in clause_sentences(clause):
                if re.search(r"(根据|依据|按照|依照)[^。]{0,20}《|(制定|编制|制订)(本|以下|此)(规划|计划|行动计划|方案)", sentence):
                    return LABEL.sub("", sentence).rstrip("。"), clause
        return None

    # -- public helpers -----------------------------------------------------------------------

    def best_sentence(self, hit: Hit, query: Query) -> str:
        """The one sentence of a hit's clause that best answers the query."""
        chosen = self.chooser.best([hit], self.wording.content_terms(query), "support", [], query)
        return chosen[0][0] if chosen else hit.clause.text.replace("\n", "")[:120]

    def validity_of(self, question: str, doc_ids: list[str], today: date | None = None) -> Answer:
        """Answer "is it still in force" for the plans cited earlier in the conversation, each with its
        validity rule (or plan period) cited."""
        today = today or date.today()
        corpus = self.retriever.corpus
        cites = Cites(today)
        lines = []
        for doc_id in dict.fromkeys(doc_ids):
            document = corpus.document(doc_id)
            clause = self._validity_clause(document) or header_clause(document)
            lines.append(f"《{document.title}》{META_TEXT['validity'](document, today)}{cites.mark(clause, document)}。")
        return Answer(question, "".join(lines), False, tuple(cites.items), "meta")

    def departments_of(self, question: str, clause_id: str, today: date | None = None) -> Answer:
        """Answer "who is responsible" for a clause cited earlier in the conversation."""
        corpus = self.retriever.corpus
        clause = corpus.clause(clause_id)
        if clause is None:
            return self.ask(question, today=today)
        hit = Hit(1, 1.0, clause, corpus.document(clause.doc_id), {})
        ask = self.understand(question)
        return self._department_answer(ask, [hit], {}, Cites(today or date.today()))

    # -- places -------------------------------------------------------------------------------

    def _place_scope(self, ask: Ask, filters: Filters, today: date) -> tuple[list[Place], Filters, Answer | None]:
        """Places the corpus does not cover: a decline when the question is about one (宜昌, 湖北省, a
        comparison with 成都), or, for a city of a covered province (岳阳), the province's documents only
        and the city's name as an anchor. Returns (uncovered places kept, filters, decline or None)."""
        query = ask.query
        outside = list(dict.fromkeys(
            self.places.outside(query.text, {a for r in self.retriever.regions.regions for a in r.names})))
        provinces_named = {r for r in query.regions if self.retriever.regions.get(r).level == "province"}
        # cities compared within their province's plan ("湖南省规划里，岳阳和衡阳的定位相比有什么不同") are what that
        # plan speaks of; a covered place compared with one outside (成都, 岳阳) is declined
        within = bool(outside) and set(query.regions) <= provinces_named and \
            {p.province for p in outside} <= provinces_named & self._with_docs
        if outside and query.regions and _COMPARISON.search(query.text) and not within:
            return [], filters, self._decline_place(ask, outside, "place_comparison", today)
        asker = [p for p in outside if _asker_place(p, query.text, self.wording.aliases)]
        # the province implied by a level word ("广东省里", "省服务业规划") is not a covered place named
        spoken = [r for r in query.regions if r.rstrip("省") in query.text]
        if spoken and not asker and not {p.province for p in outside} <= provinces_named:
            outside = []  # a covered place is the subject; others are only mentioned along the way
        if any(p.province in self._with_docs for p in outside):
            # "岳阳做工程咨询的，想去北京服贸会参展": a place beyond the covered provinces is a destination
            outside = [p for p in outside if p.province in self._with_docs or p in asker]
        if outside:
            provinces = {place.province for place in outside}
            if not provinces & self._with_docs or ask.kind == "meta" or _HAS_DOCUMENT.search(query.text):
                return [], filters, self._decline_place(ask, outside, "place_uncovered", today)
            filters = Filters(doc_ids=filters.doc_ids, regions=tuple(provinces & self._with_docs),
                              in_force_only=filters.in_force_only, on=filters.on)
        bare = [r for r in query.regions if r not in self._with_docs]
        named = [r for r in query.regions if r in self._with_docs and r.rstrip("省") in query.text]
        if bare and not named:
            # e.g. 湖北省: a known region with no document of its own (武汉's plan is not the province's);
            # "全省" alone does not make the question about 湖南省.
            return [], filters, self._decline_place(ask, [Place(r, r, "") for r in bare], "place_no_document", today)
        return outside, filters, None

    def _decline_place(self, ask: Ask, outside: list[Place], rule: str, today: date) -> Answer:
        outside = list({p.short: p for p in reversed(outside)}.values())[::-1]  # 衡阳市 and 衡阳 are one place
        covered = "、".join(sorted(self._with_docs))
        text = f"现有政策文件不涉及{'、'.join(p.name for p in outside)}：本库没有该地的政策文件。本库收录的是{covered}的政策文件。"
        if rule == "place_comparison" and all(p.province in self._with_docs for p in outside):
            # "长沙和岳阳比": 岳阳 has no plan of its own, but its province's plan applies there
            names = "、".join(p.short for p in outside)
            text = f"现有政策文件中没有{names}本级的政策文件，无法就两地的规定作比较。" + "".join(
                f"《{d.title}》是{d.region}的文件，适用于包括{names}在内的全省{expiry_note(d, today)}。"
                for d in self.retriever.corpus.documents if d.region in {p.province for p in outside})
        # "宜昌的企业能享受武汉那个方案吗": the other place's plan is its own
        others = [d for d in self.retriever.corpus.documents if d.region in ask.places
                  and d.region not in {p.province for p in outside}]
        if others and rule == "place_uncovered":
            text += "".join(f"《{d.title}》由{d.issuer or d.region}印发，适用于{d.region}，没有适用于"
                            f"{'、'.join(p.short for p in outside)}的规定{expiry_note(d, today)}。" for d in others)
        # a city of a covered province (衡阳): the province's plan is the one that applies to it, and its clause
        # naming the city is the nearest one
        cites = Cites(today)
        if rule == "place_uncovered":
            for d in self.retriever.corpus.documents:
                inside = [p.short for p in outside if p.province == d.region]
                if inside:
                    text += f"《{d.title}》是{d.region}的文件，适用于包括{'、'.join(inside)}在内的全省{cites.expiry(d)}。"
                    for hit in self.decliner.naming_clause(inside, {d.region}):
                        heading = hit.clause.section_path[-1] if hit.clause.section_path else ""
                        text += f"其中提到{'、'.join(inside)}的条款：{heading}{cites(hit.clause, hit.document)}。"
        return Answer(ask.query.original, text, True, tuple(cites.items), ask.kind, status="declined", rule=rule)

    def _filtered_out(self, ask: Ask, preferred: set[str], today: date) -> Answer:
        documents = [d for d in self.retriever.corpus.documents if d.doc_id in preferred]
        ended = [expiry_note(d, today).strip("（）") for d in documents if expiry_note(d, today)]
        why = f"{'；'.join(ended)}，已被“只看有效文件”等筛选条件排除" if ended else "相关文件被筛选条件排除"
        text = f"当前筛选范围内没有{'、'.join(ask.places)}的政策文件：{why}。请调整筛选条件后再问。"
        return Answer(ask.query.original, text, True, (), ask.kind, status="declined", rule="filtered_out")

    # -- scoring ------------------------------------------------------------------------------

    def _relevant(self, hit: Hit) -> bool:
        dense = hit.why.get("dense", {}).get("score", 0.0)
        bm25 = hit.why.get("bm25", {}).get("score", 0.0)
        # The encoder's similarity alone, with not one word of the question in the clause, is no evidence: the
        # tuned encoder puts "今天天气怎么样" next to "环境更好" (a top hit without a shared word: none of the 739 eval
        # and 330 blind questions but one follow-up)
        return bm25 >= self.config.min_bm25 or (dense >= self.config.min_dense and bm25 > 0)

    def subject_of(self, question: str) -> str:
        """The words of a question that name what it is about (Wording.subject_of)."""
        return self.wording.subject_of(question)

# A question that asks how two sides compare ("一样吗", "比省里高吗", "哪个多").
def _quotes(text: str) -> str:
    """What an answer quotes from the plans: its lines without the part headings and notes that echo the
    question (a heading line ends in a question mark or a colon)."""
    return "\n".join(line for line in text.splitlines() if not re.search(r"[？?：:;；]$", line.strip()))


def _common_prefix(texts: tuple[str, ...]) -> str:
    """The shared context the parts of an enumerated question start with."""
    prefix = texts[0]
    for text in texts[1:]:
        while not text.startswith(prefix):
            prefix = prefix[:-1]
    return prefix[:max((prefix.rfind(p) + 1 for p in "，,。：:；;！!？?"), default=0)]  # at a punctuation mark


def _needs_told_before(part: str, earlier: tuple[str, ...]) -> list[str]:
    """The needs a part of a message tells that an earlier part tells too: that part's story, not this one's."""
    return [s for s in need_segments(part) if any(s in p for p in earlier)]


def _part_heading(part: str, parts: tuple[str, ...]) -> str:
    """What a part asks, as its heading: without the description every part shares (their common beginning) and
    the story another part tells too ("可是找地太难，……电费水费按商业价……" before each of two questions), the
    question itself always kept; without an asking lead ("想问:长沙对软件这行有什么打算?" → the question)."""
    asked = part[len(_common_prefix(parts)):].strip() or part
    segments = SEGMENT.findall(asked)
    others = [p for p in parts if p != part]
    asked = "".join([s for s in segments[:-1] if not any(s in other for other in others)] + segments[-1:]) or asked
    return _ASKING_LEAD.sub("", asked) or asked


def _repeats(answer: Answer, earlier: Answer) -> bool:
    """Does an answer quote mostly what an earlier one did (half of its sentences or more)? A line introducing
    the quotes ("以下是适用于郴州的省级规划中的相关内容：") is no quote."""
    text = "\n".join(line for line in answer.text.splitlines() if not line.endswith("："))
    quoted = [s for s in re.split(r"(?<=[。；;])", re.sub(r"\[\d+\]|（[^）]*到期）", "", text)) if len(s) > 8]
    return bool(quoted) and sum(s in earlier.text for s in quoted) * 2 >= len(quoted)


def _quoted_sentences(text: str) -> list[tuple[str, str]]:
    """(sentence, citation mark) of every sentence a text quotes; a sentence after an expiry note ("（湘潭服务业发展
    规划已于2025-12-31到期）发展员工制家政企业……[1]") without the note."""
    return [(re.sub(r"^（[^）]*到期）", "", m.group(1)), m.group(0)[len(m.group(1)):])
            for m in _QUOTED_SENTENCE.finditer(text)]


# A measure list's item: "- （七）低碳环保服务：围绕……。培育……。（责任单位：……）[1]" (武汉: 牵头单位).
_LIST_ITEM = re.compile(r"^- [^：\n]*：(.+?)(（(牵头|责任)单位[^）]*）)?\[\d+\]$")


def _said_sentences(text: str) -> list[str]:
    """Every sentence a text quotes from the plans, in order: those cited one by one and those of a measure
    list's items (cited once per item, after the item's departments)."""
    said = []
    for line in text.splitlines():
        item = _LIST_ITEM.match(line.strip())
        if item:
            said += re.findall(r"[^。]+。", item.group(1))
        else:
            said += [sentence for sentence, _ in _quoted_sentences(line)]
    return said


def _without_repeats(answer: Answer, earlier: list[str], answers_part: Callable[[str], bool] | None = None) -> Answer:
    """A part's answer without the sentences an earlier part's answer quotes already (the description the parts
    share pulls its sentence into each: "有几栋闲置厂房……另外贷款上能不能有点优待" → 存量房产 twice), when a
    sentence of its own is left; a clause no longer quoted is no longer cited. The part's answer is kept whole when
    its first sentence, the likeliest, is repeated and answers what the part asks (answers_part): "……冷库用地有没有
    说法？" after a measure list that quoted the 冷链设施用地 sentence says it again, not the clause's 总部经济
    sentence alone."""
    answer = _without_repeated_items(answer, earlier)
    # a list's item ("- （一）实施市场主体培育工程：……[1]") is kept whole
    quoted = [q for line in answer.text.splitlines() if not line.startswith("- ") for q in _quoted_sentences(line)]
    repeated = [(sentence, mark) for sentence, mark in quoted if any(sentence in text for text in earlier)]
    if not repeated or len(repeated) == len(quoted):
        return answer
    if answers_part and _said_again(answer, earlier, answers_part):
        return answer
    text = answer.text
    for sentence, mark in repeated:
        text = text.replace(sentence + mark, "", 1)
    if any(re.search(r"\[\d+\]", before) and not re.search(r"\[\d+\]", after)
           for before, after in zip(answer.text.split("\n\n"), text.split("\n\n"))):
        return answer  # a part of its own answer left with nothing quoted (a heading and an expiry note)
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    return replace(answer, text=text, citations=tuple(c for c in answer.citations if c.n in marks))


def _said_again(answer: Answer, earlier: list[str], answers_part: Callable[[str], bool]) -> bool:
    """Is a part's answer led by a sentence an earlier part quoted that answers what the part asks (its first sentence
    is its likeliest)? Then it is said again, with its companions."""
    quoted = [q for line in answer.text.splitlines() if not line.startswith("- ") for q in _quoted_sentences(line)]
    return bool(quoted) and any(quoted[0][0] in text for text in earlier) and answers_part(quoted[0][0])


def _without_repeated_items(answer: Answer, earlier: list[str]) -> Answer:
    """A support list without the items an earlier part's answer quotes already ("……会重点办哪些展？另外……对会展企业兼并
    重组支不支持？" → the expo clause again before the merger one), when each document listed keeps an item."""
    lines = answer.text.splitlines()
    groups: list[list[int]] = []  # the item lines of each document listed, by line number
    for i, line in enumerate(lines):
        if line.startswith("《") and line.endswith("："):
            groups.append([])
        elif line.startswith("- ") and groups:
            groups[-1].append(i)
    stale = {i for group in groups for i in group if _item_said(lines[i], earlier)}
    if not stale or any(set(group) <= stale for group in groups):
        return answer
    kept = sum(len(group) for group in groups) - len(stale)
    text = "\n".join(line for i, line in enumerate(lines) if i not in stale)
    text = re.sub(r"^找到\d+条相关措施", f"找到{kept}条相关措施", text)
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    return replace(answer, text=text, citations=tuple(c for c in answer.citations if c.n in marks))


def _item_said(line: str, earlier: list[str]) -> bool:
    """Is every sentence of a list item ("- （四）会展服务：……。（责任单位：……）[1]") quoted by an earlier answer?"""
    body = re.sub(r"(（(责任单位|牵头单位)[^）]*）)?\[\d+\]$", "", line.split("：", 1)[-1])
    sentences = [s for s in re.split(r"(?<=[。；;])", body) if len(s) > 8]
    return bool(sentences) and all(any(s in text for text in earlier) for s in sentences)


def _renumbered(answer: Answer, citations: list[Citation]) -> str:
    """The answer's text with its citation marks renumbered into citations (a clause cited before keeps its
    number); citations grows by the clauses not cited before."""
    numbers = {}
    for citation in answer.citations:
        known = next((c for c in citations if c.clause_id == citation.clause_id), None)
        if known is None:
            known = replace(citation, n=len(citations) + 1)
            citations.append(known)
        numbers[citation.n] = known.n
    return re.sub(r"\[(\d+)\]", lambda m: f"[{numbers.get(int(m.group(1)), m.group(1))}]", answer.text)


def _nested(text: str, number: int) -> str:
    """A part's answer that is itself in parts ("1. ……\n\n2. ……": the part asks two things), numbered under the
    part's own number ("2.1", "2.2") so the message's numbering stays one sequence."""
    if not (text.startswith("1. ") and "\n\n2. " in text):
        return text
    return re.sub(r"(?m)^(\d+)\. ", lambda m: f"{number}.{m.group(1)} ", text)


def _own_number_asked(text: str) -> bool:
    """Is the 文号 asked beside a plan's basis the plan's own: asked before the basis ("文号、印发日期……？是依据省里
    哪个文件制定的？") or of the plan itself, not the cited document's ("依据哪个文件？文号是多少")?"""
    number, basis = _NUMBER_WORD.search(text), _BASIS_WORD.search(text)
    return bool(_OWN_NUMBER_ASKED.search(text)) or bool(number and basis and number.start() < basis.start())


_NUMBER_WORD = re.compile(r"文号|字号")
_BASIS_WORD = re.compile(r"依据|根据")
# A plan's own 文号 asked beside its basis: in one breath before it, or of the plan itself.
_OWN_NUMBER_ASKED = re.compile(r"(文号|字号)[^？?。]{0,12}(依据|根据)|(自己|本身|自身)的?(文号|字号)|(这个|这份|该)(计划|规划|方案|文件)的(文号|字号)")
# A question asking for every figure of a topic ("跟物流有关的有哪几个数", "定了哪些指标").
_SEVERAL_FIGURES = re.compile(r"哪(几|些)个?(数|目标|指标|数字)|(哪些|几个|几项)(目标|指标|数字)|都(是|有)多少")
# A question pointing back at the several needs the asker told ("对这两件事是怎么说的", "这几方面", "分别怎么讲").
_TOLD_NEEDS_ASKED = re.compile(r"(两|几)(件事|方面|个问题|个事|点)|分别")  # not "这块" ("对我们餐饮这块"): one topic


# Declines that say the asked indicator is missing from the clauses found, which the targets table can repair; not
# those saying the plans hold no such kind of fact (an outcome, a baseline, a later period).
_TABLE_REPAIRS = frozenset({"share_base_missing", "sector_missing", "indicator_missing", "count_missing"})


def _without(text: str, spans: tuple[str, ...]) -> str:
    """The text with the named spans (a document's name: "武汉的生产性服务业实施方案") cut out: what it is about besides."""
    for span in spans:
        text = text.replace(span, "，")
    return text


def _meaning_term(text: str) -> str:
    """The term whose meaning is asked ("文件里说的产业链+法律服务是啥意思" → 产业链+法律服务), or ""."""
    asked = _MEANING_ASK.search(text)
    if not asked:
        return ""
    before = re.split(r"[，,。？?；;！!\s]", text[:asked.start()])[-1]
    quoted = _QUOTED.findall(before)
    term = quoted[-1] if quoted else _POINTING.sub("", before).strip("“”\"「」")
    return term if len(term) >= 2 else ""


def _undefined(term: str, sentences: list[str]) -> bool:
    """Do the sentences name the term without saying what it is (no "即", "是指", "包括" or a colon right after it)?
    A term they never name is another matter (retrieval's), not said to be undefined."""
    key = squash(term)
    named = [squash(s) for s in sentences if key in squash(s)]
    return bool(named) and not any(_DEFINING.search(s[s.find(key) + len(key):]) for s in named)


def _heading_quotes(hit: Hit, question: str) -> bool:
    """Does the clause's heading name a term the question quotes ("（二）强化“两副”支撑" for "“两副”是哪两个市")?"""
    heading = "".join(hit.clause.section_path[-1:])
    return any(f"“{q}”" in heading for q in _QUOTED.findall(question))


def _definition(sentence: str, quoted: list[str]) -> str:
    """The part of a long sentence that defines a term the asker quotes: from the piece naming it, the pieces that
    go on listing quoted names ("实施服务业发展“1345”部署，即打造“一核两副三带四区多点”新格局，拓展“融合化、……”三条
    新路径，……五大新支撑"), marked as cut; the sentence itself when it is short or defines none."""
    if len(sentence) < _DEFINITION_FROM:
        return sentence
    pieces = sentence.rstrip("。；;").split("，")
    start = next((i for i, p in enumerate(pieces) if any(f"“{q}”" in p for q in quoted)), None)
    if start is None:
        return sentence
    end = start + 1
    while end < len(pieces) and "“" in pieces[end]:
        end += 1
    if end - start < 2:
        return sentence
    return ("……" if start else "") + "，".join(pieces[start:end]) + ("……" if end < len(pieces) else "。")


def _indicator_key(text: str) -> str:
    """Text compared by indicator name: squashed, without the scope words plans prefix to a name (全省, 全市), and
    规上 as the plans write it (规模以上)."""
    return re.sub(r"全省|全市|我省|我市|新增", "", squash(text)).replace("规上", "规模以上")


# A covered place named as the yardstick of another ("类似武汉这样的", "像长沙那样", "参照株洲"), not the subject.
_LIKENESS = r"(类似|像|跟|如同|参照|比照|仿照|对标)"
# A question whether a place has a document of its own ("有没有出台…方案", "是否也制定了…规划").
_HAS_DOCUMENT = re.compile(r"(有没有|是否|有无|也|还)[^，,。？?]{0,4}(出台|制定|印发|发布|出过|编制)|"
                           r"(有没有|是否(也)?有|有无|也有)[^，,。？?]{0,16}(方案|计划|规划|政策文件)[吗么呢]?[？?]?$|"
                           r"(出台|制定|印发|发布|编制)(了|过)?[^，,。？?]{0,20}(方案|计划|规划|政策文件|文件)[吗么]?[？?]?$|"
                           # its absence presumed ("常德没单独出服务业规划吧？", "益阳好像没出专门的服务业文件吧")
                           r"(没|没有|未)(单独|专门|另外|自己)?[^，,。？?]{0,3}(出|出台|制定|印发|发布|编制)"
                           r"[^，,。？?]{0,12}(方案|计划|规划|文件)(吧|吗|么)?[？?]?$")


# Declines of a specific of support (its amount, kind, procedure)
_SUPPORT_SPECIFICS = {"procedure", "amount_absent", "grant_absent", "subsidy_kind_absent", "instrument_absent",
                      "funding_missing"}
# how a business is run, or what kind of place it is ("做硬质合金刀具的工厂": 工厂 is in 智能工厂), not its trade
_TRADE_FORM = {"连锁", "加盟", "门店", "分店", "直营", "连锁店", "工厂", "厂家", "厂子", "工作室", "店铺", "公司", "企业"}
_TARGETS_TOO = re.compile(r"目标|指标")  # targets asked beside measures
_GOALS_HEADING = re.compile(r"(总体|发展|主要)目标$")  # the section stating a plan's goals ("（三）发展目标")
_OPEN_ASK = re.compile(r"哪|什么|怎么|如何|啥")  # a question asking what or how, not yes or no
_FIGURES_ASKED = re.compile(r"多少|(?<![这那哪])几(?=[家个项所座条栋场])")  # each figure a question asks


def _task_words(terms: dict[str, float]) -> dict[str, float]:
    """The asked terms that name a task: not those asking for its department (负责, 牵头单位, …: every clause lists
    its departments), nor a target or year asked beside it ("物流服务到2027年的目标是什么？牵头单位是哪个": 力争,
    2027 are in the plan's 总体要求 more than in the task's clause)."""
    return {t: w for t, w in terms.items()
            if not DEPARTMENT_FORM.search(t) and not _TARGET_WORD.search(t) and not t.isdigit()} or terms


def _asker_place(place: Place, text: str, covered: list[str]) -> bool:
    """Is the place where the asker is ("宜昌的生产性服务业企业", "衡阳一家物业公司", "我们在宜昌") rather than one mentioned along
    the way ("从宜昌搬到武汉")? Then it is the question's subject, whatever other places are named."""
    name = re.escape(place.short) + r"(市|县|区|州|省)?"
    covered_place = "(" + "|".join(re.escape(c) for c in covered) + ")"
    if re.search(r"(在|到|来|去|回|返|迁|搬|落户|落地|进驻|入驻|设)[^，,。？?]{0,2}" + covered_place, text):
        # "广东的猎头公司想在湘潭设分支机构", "在深圳做了十来年，打算回株洲老家开公司": what happens in the
        # covered place is asked
        return False
    if re.search(name + r"[^，,。？?]{0,8}(" + _LIKENESS + r"[^，,。？?]{0,2}" + covered_place + "|" + covered_place +
                 r"[^，,。？?]{0,2}(这种|那种|这样|那样|一样|似的))", text):
        return True  # "宜昌有没有出台类似武汉这样的方案": the covered place is only the yardstick
    return bool(re.search(name + r"(的|这边的|本地的?|一家|一个|有家|有个)[^，,。？?]{0,10}(企业|公司|工厂|厂|商户|门店|个体户|单位|机构|老板)|"
                          r"(我|我们|本)[^，,。？?]{0,4}(在|是|位于)" + name + "|"
                          r"(^|在)" + name + r"(这边|这里|本地)?((想|打算|准备|要)[^，,。？?]{0,8})?(开|做|办|搞|经营|干)|"
                          # the asker says where it is first ("衡阳的，想在自己家里办个家庭托育点")
                          r"^(我是|我们是)?" + name + r"(这边)?的[，,]", text))


def _from_base(question: str) -> tuple[str, ...]:
    """A figure asked from a base year ("服务业增加值占GDP比重要从2020年的水平提高到多少"): the base and the target
    asked as two questions ("……占GDP比重2020年是多少", "……占GDP比重要提高到多少"); the question alone otherwise."""
    base = _FROM_BASE.search(question)
    if not base:
        return (question,)
    head = question[:base.start()]
    return (f"{_WILL_END.sub('', head)}{base.group('year')}年是多少？", head + question[base.end():])


# A base year a change is measured from ("从2020年的水平提高到", "由2020年增长到")
_FROM_BASE = re.compile(r"(从|由)(?P<year>20\d\d)年(底|末)?(的)?(水平|基础上|基数)?(?=[^，,。？?]{0,4}(提高|提升|增长|增加|上升|下降|降低|降|达到))")
_WILL_END = re.compile(r"(要|将|需要|应)$")


def _target_unanswered(segments: tuple[str, ...], text: str) -> bool:
    """Questions of a past figure and then of a target ("2020年有多少家？十四五规划定的目标是多少家？") answered by
    figures of the past only."""
    if not segments or not PAST_ASKED.search(segments[0]) or \
            not any(_TARGET_WORD.search(s) and not PAST_ASKED.search(s) for s in segments[1:]):
        return False  # "2020年增加值多少？占GDP多少？": the later question keeps the first's time
    quoted = [s for s in re.findall(r"([^。；;\n]+[。；;])\[\d+\]", text) if has_figure(s)]
    return bool(quoted) and all(is_past(s) for s in quoted)


# A figure set as a goal ("金融机构贷款余额达5000亿元左右，年均增长8.2%以上"), not granted.
_GOAL_VERB = re.compile(r"达|突破|超过|增长|提升至|提高到|降至|下降|以上|左右")
_GRANTS_OR_URGES = re.compile(GRANT_WORDS + r"|支持|鼓励|引导|推动")


def _is_goal(sentence: str) -> bool:
    """Does a sentence set a goal with a figure (a year leading it or a goal's verb), granting nothing: what a plan
    aims at, no measure an enterprise can use ("力争到2025年，……达2200家", "金融机构贷款余额达5000亿元左右")?"""
    return has_figure(sentence) and (bool(YEAR_LEAD.search(sentence)) or
                                     bool(_GOAL_VERB.search(sentence)) and not _GRANTS_OR_URGES.search(sentence))


def _verdict(decline: Decline) -> Verdict:
    return Verdict("declined", decline.rule, decline.message)
