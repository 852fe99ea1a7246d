"""The words of questions as the plans use them: what a question asks about, and how much of it a text holds."""
from __future__ import annotations

import re

from embeddings.tokenize import JiebaTokenizer
from assistant.query import QUESTION_WORD, SEGMENT, Query
from assistant.retrieve import Retriever, inside_document

# Words of a question that ask, not name a topic ("有没有", "哪些", "规划里提出的目标").
GENERIC_TERMS = set("支持 政策 企业 公司 我们 有没有 哪些 什么 方面 这块 这个 规划 计划 方案 文件 里 提出 目标 打算 "
                    "怎么 要求 市里 省里 一家 情况 相关 说 是 有 多少 哪个 部门 具体 分别 各自 各个 都 提出 设定 "
                    "哪些 几个 哪几 哪几个 哪几家 哪几项 城市 地方 比较 对比 提到 提及 涉及 份 几份 哪几份 达到 实现 要达到 "
                    "算不算 属于 里面 在内 其中".split())
# A phrase that refers to what was told or asked before ("这块业务", "这种模式", "我们主播这行"), not a topic of its
# own (choose._POINTS_BACK is the narrower "our trade" the asker described); a word before "这块" is the topic it
# points at ("融资这块有没有说法"), kept. "像我们这样的" likens the asker to what it names next ("像我们这样的小微软件
# 企业": 小微软件企业), which is kept.
DEMONSTRATIVE = re.compile(r"(这|那)样的?|(这|那)(一)?(块|种|类|个|些|方面|行)(的)?[\u4e00-\u9fff]{0,4}|[\u4e00-\u9fff]{0,3}(这|那)(一)?行")
_HEARD = re.compile(r"听说|据说|听闻|听人说|看到|了解到|知道|发现")  # verbs of hearing, which name nothing
SUPPORT_ASKED = re.compile(r"奖励|补贴|补助|奖补|扶持|资助|优惠|支持|补不补|奖不奖|甜头|好处|实惠|扶一把|帮一把")  # support asked for by name ("补不补", "给不给点甜头")
GRANT_WORDS = r"给予|奖励|补贴|补助|资助|奖补|扶持|优惠|专项资金|贴息|减免"
GRANTS = re.compile(GRANT_WORDS)  # a sentence granting it
TARGET_ASKED = re.compile(r"目标|多少|几成|比重|占比|多大|多高|百分之|指标|什么(程度|水平)|翻(几|一)?番")  # a figure asked, not a scale ("大规模")
# A question about the past: a baseline year, the last plan, or the time the plan was issued ("出台时已经有多少").
PAST_ASKED = re.compile(r"20(0\d|1\d|20)\s*年|十三五|(出台|印发|发布|制定|编制|实施|起步)(的)?(时|时候|那年|前)|基期|基数")
# Words that say what is asked of a measure (its amount, procedure, conditions), not which measure.
ASK_FORM = re.compile(r"补贴|补助|奖励|奖补|资助|资金|金额|多少|标准|比例|额度|钱|一次性|申请|申报|办理|流程|程序|手续|材料|"
                      r"条件|门槛|资格|怎么|如何|哪里|窗口|电话|联系|网站|支持|政策|优惠|能不能|可以")
# Words that only ask for support, whatever the need (what Answerer._is_need leaves out).
ASK_ONLY = re.compile(r"支持|政策|优惠|措施|帮助|帮忙|申请|申报|办理|流程|程序|手续|材料|条件|怎么|如何|哪里|能不能|可以|"
                      r"多少|标准|享受|有没有|什么|哪些|方面|市里|省里|政府|国家|这块|这方面|不能|能否|是否|一样|同样|"
                      r"说法|提到|提及|是不是|就是")
# Words that ask for a specific (a time, a figure, a target) of whatever the question is about.
_SPECIFIC = re.compile(r"具体|时候|时间|期限|到期|截止|哪一?年|^一年$|年份|目标|数字|指标|专门|基数|基期|基准年|翻.?番|找谁|哪个|哪家|那个|这个|到底|大概|一般|要求|规定|"
                       r"^20\d\d|^\d+$|^几.$|年底|年末|年初")  # a year or a count asks a specific too: "2020年底", "几家"
# Words that ask who is responsible, not for which task.
DEPARTMENT_FORM = re.compile(r"责任单位|牵头|负责|部门|单位|机构|主管|管理|政府|这边|那边")
_PERIOD_IN = re.compile(r"十[一二三四五六七八九]五")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
# A Latin or symbol term of a question ("GDP", "BIM", "3+5+5"), not a bare number (a year is in every clause).
_LATIN_TERM = re.compile(r"[A-Za-z][A-Za-z0-9]+|\d+[A-Za-z][A-Za-z0-9]*|\d+(?:[+＋]\d+){2,}")  # BIM, 5G, 3+5+5
_NAMED = re.compile(r"(?<=[“「])[^”」，,。？?]{2,12}(?=[”」])")  # a name quoted in a question


class Wording:
    """A question's words weighed by the library's idf: the asked terms, the subject, the topic words, and the
    share of them a text holds (in the question's words or the plans' forms the lexicon expands them to)."""

    def __init__(self, retriever: Retriever, topic_idf: float, segment_uncovered: float):
        self.retriever = retriever
        self.tokenize = retriever.bm25.tokenize
        self.words = getattr(self.tokenize, "words", JiebaTokenizer().words)  # in order, nothing left out
        self.topic_idf = topic_idf  # see AnswerConfig
        self.segment_uncovered = segment_uncovered
        # the covered places' names, longest first
        self.aliases = sorted({a for r in retriever.regions.regions for a in r.names}, key=len, reverse=True)
        self._form_counts: dict[str, int] = {}
        self._characters = set("".join(c.text for c in retriever.corpus.clauses))

    def plan_words(self, terms: dict[str, float]) -> dict[str, float]:
        """The asked words as the plans could hold them: a word no clause holds stands for its head, the last two
        characters, when some clause holds that ("新升规" → 升规; "算力券" names a voucher, not 算力; "到底",
        "几万" → nothing), with their idf."""
        bm25 = self.retriever.bm25
        words: dict[str, float] = {}
        for term, weight in terms.items():
            if bm25.knows(term):
                words[term] = weight
            elif len(term) > 2 and bm25.knows(term[-2:]):
                words[term[-2:]] = bm25.idf(term[-2:])
        return words

    def alien_names(self, text: str) -> list[str]:
        """The words of a question's asking segments that hold a character no clause of the library uses ("宠物":
        宠), and that the lexicon gives no plan term for, when the segments name nothing else the plans use but
        the support asked for: things the plans cannot speak of ("武汉现在对宠物服务这一行有啥扶持"; not "租车",
        whose characters 租赁 and 车 use, nor "孩子上学、住房能不能享受什么待遇", which names 住房 and whose
        孩子上学 the lexicon gives 子女入学 for). Segments asking of the trade their story tells ("政府有没有补贴")
        are read with the story."""
        asking = "".join(s for s in SEGMENT.findall(text) if QUESTION_WORD.search(s))
        lexicon = self.retriever.parser.lexicon
        aliens = self._aliens(asking)
        if not aliens and not self.topic_words(ASK_FORM.sub("，", asking)) and \
                not lexicon.expand(ASK_FORM.sub("，", asking)):
            return self._aliens(text)  # "我们在长沙开宠物寄养店，政府有没有补贴？": it asks of the trade its story tells
        return aliens

    def _aliens(self, asking: str) -> list[str]:
        import jieba.posseg

        lexicon = self.retriever.parser.lexicon
        # (the support asked for has kin in every plan: 补贴 → 支持)
        if lexicon.expand(ASK_FORM.sub("，", asking)) or \
                any(not SUPPORT_ASKED.search(w) for w in self.topic_words(asking)):
            return []  # its everyday words have plan terms ("小孩上学" → 子女入学), or it names a plan word
        tokens = [(w, f) for w, f in jieba.posseg.lcut(asking)]
        aliens = []
        for i, (word, flag) in enumerate(tokens):
            after, after_flag = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
            # (jieba tags such a word as it may: 宠物/n, 婚庆/t, and 殡葬/v, a verb only before a noun it qualifies:
            # "拿到补贴" names nothing)
            named = flag[:1] in ("n", "t", "l") and flag != "ns" or flag[:1] == "v" and \
                (after_flag[:1] == "n" or after_flag == "vn") and not ASK_FORM.search(after) and \
                not _HEARD.fullmatch(word)  # "听说政府对这类机构有扶持": what the asker heard, no trade
            if len(word) >= 2 and named and not QUESTION_WORD.search(word) and \
                    any(ch not in self._characters for ch in word) and not lexicon.expand(word):
                aliens.append(word)
        return list(dict.fromkeys(aliens))

    def topic_words(self, text: str, besides: str = "") -> set[str]:
        """The words that say what a question is about, of those the plans use (idf ≥ topic_idf), other than
        the words of `besides` (the question before it)."""
        text = DEMONSTRATIVE.sub("", text)
        return {w for w in self.subject_terms(self.retriever.parser.parse(text))
                if w != "没有" and w not in besides and self.retriever.bm25.knows(w)
                and self.retriever.bm25.idf(w) >= self.topic_idf}

    def speaks_to(self, segment: str, text: str) -> bool:
        """Does an answer's text hold most of what a question is about: the words the plans use ("保险", not "阿姨"
        or the 没有 of 有没有), by idf, in their own words or the plans' (贷款: 融资)?"""
        return 1.0 - self.said_share(segment, text) <= self.segment_uncovered

    def said_share(self, segment: str, text: str) -> float:
        """The idf-weighted share of what a question is about that a text holds, in the question's words or the
        plans' (1.0 when the question names nothing of its own). A question naming nothing in the plans' words
        names it in everyday words the lexicon gives their terms for ("还想到夜宵街开分店" → 夜间餐饮), each at the
        weight of the rarest of its terms; beside a word of the plans such a word is the asker's, not the topic
        ("阿姨的保险": 保险)."""
        said = text.lower()
        lexicon = self.retriever.parser.lexicon
        bm25 = self.retriever.bm25
        subject = [w for w in self.subject_terms(self.retriever.parser.parse(segment)) if w != "没有"]
        words = {w: bm25.idf(w) for w in subject if bm25.knows(w)}
        if not words:
            for w in subject:
                plan_terms = [t for t in lexicon.expand(w) if bm25.knows(t)]
                if plan_terms:
                    words[w] = max(bm25.idf(t) for t in plan_terms)
        total = sum(words.values())
        if not total:
            return 1.0
        return sum(weight for w, weight in words.items()
                   if w.lower() in said or any(t.lower() in said for t in lexicon.expand(w))) / total

    def holds_share(self, text: str, terms: dict[str, float]) -> float:
        """The idf-weighted share of asked terms a text holds, each in its own words or in a plan term the lexicon
        gives for it that is as specific ("新进规上" asked, "新增上规入库" stated; not 规模以上, which every count
        target of "规模以上软件企业" holds)."""
        lexicon, bm25 = self.retriever.parser.lexicon, self.retriever.bm25
        total = sum(terms.values())
        said = text.lower()

        def held(term: str) -> bool:
            return term.lower() in said or any(
                e.lower() in said for e in lexicon.expand(term)
                if bm25.knows(e) and (not bm25.knows(term) or bm25.idf(e) >= bm25.idf(term)))

        return sum(w for t, w in terms.items() if held(t)) / total if total else 0.0

    def names_any(self, text: str, expansions: tuple[str, ...], passages: list[str]) -> bool:
        """Does a passage hold anything the text is about besides its places and the words that ask: two
        characters of one of its words, a Latin or symbol term ("3+5+5", "BIM"), or a plan term its everyday
        words stand for (expansions)? A clause matched by a place name alone, or by the encoder alone, is no
        evidence ("武汉今天天气怎么样" → a 武汉设计日 clause); pieces of words, not whole words, because jieba
        cuts a question otherwise than a clause ("律所有什么": 律/所有). A question naming nothing ("有哪些支持措施？"
        asked of one document) is no evidence against the passages: True."""
        said = "".join(passages).lower()
        words = [w for w in self.words(self.mask_places(text)) if w not in GENERIC_TERMS
                 and not QUESTION_WORD.search(w) and not ASK_ONLY.search(w)]
        pieces = {w[i:i + 2] for w in words if _HAN_WORD.fullmatch(w) for i in range(len(w) - 1)}
        pieces |= {w.lower() for w in _LATIN_TERM.findall(text)}
        if not pieces and not expansions:
            return True
        return any(p in said for p in pieces) or any(t.lower() in said for t in expansions)

    def mask_places(self, text: str) -> str:
        """The text with covered place names cut out, so a phrase never spans a place name."""
        for alias in self.aliases:
            text = text.replace(alias, "，")
        return text

    def subject_terms(self, query: Query) -> set[str]:
        """The question's own words naming what it is about, without places, the words that ask, and the plan
        period, a time as a year is ("十四五规划定的目标是多少家" is about nothing of its own)."""
        periods = _PERIOD_IN.findall(query.text)
        return {t for t in self.content_terms(query, expansions=False)
                if not (ASK_FORM.search(t) or ASK_ONLY.search(t) or DEPARTMENT_FORM.search(t) or _SPECIFIC.search(t)
                        or any(t in p for p in periods))}

    def content_terms(self, query: Query, expansions: bool = True, text: str | None = None,
                      whole_plan: bool = False, asked_of: bool = False) -> dict[str, float]:
        """The asked words (of text, else the whole question) with their idf; generic and place words left out,
        and the name of a document named as the place to look ("三年行动计划里，物流服务…": 物流服务) or, with
        whole_plan, as what is asked about ("株洲行动计划由哪个部门统筹推进": 统筹推进); asked_of: also a document
        asked of something ("这个生产性服务业方案对小所有啥说法": 小所)."""
        places = {a for r in self.retriever.regions.regions for a in r.names}
        text = text or query.text
        if inside_document(query, asked_of=asked_of) or whole_plan:
            for span in query.doc_mentions:
                text = text.replace(span, "，")
        terms = {}
        for term in self.tokenize(text) + (list(query.expansions) if expansions else []):
            if term in GENERIC_TERMS or term in places or len(term) < 2:
                continue
            terms[term] = self.retriever.bm25.idf(term)
        return terms

    def clauses_holding(self, form: str) -> int:
        """How many of the library's clauses hold a word (lower case)."""
        if form not in self._form_counts:
            self._form_counts[form] = sum(form in c.text.lower() for c in self.retriever.corpus.clauses)
        return self._form_counts[form]

    def local_names(self, query: Query) -> tuple[str, ...]:
        """The counties, districts and parks of covered cities a question names (醴陵, 望城, 光谷), not the cities."""
        return tuple(alias for alias in self.every_local_name() if alias in query.text)

    def every_local_name(self) -> tuple[str, ...]:
        """Every county, district and park name of the covered cities."""
        return tuple(alias for r in self.retriever.regions.regions if r.level == "city" for alias in r.names
                     if alias not in (r.name, r.name + "市"))

    def subject_of(self, question: str) -> str:
        """The words of a question that name what it is about, in order, not what it asks of it: "长沙物流" of
        "长沙物流服务由哪些部门负责？"; "" for "具体能补贴多少钱？", "找哪个部门？", "什么时候到期？" (a follow-up that
        needs the previous question's subject)."""
        query = self.retriever.parser.parse(question)
        terms = self.subject_terms(query)
        places = {a for r in query.regions for a in self.retriever.regions.get(r).names}
        # a name the asker quotes is what the question is about, however short ("“四上”企业要达到多少家")
        named = _NAMED.findall(question)
        return "".join(named) + "".join(dict.fromkeys(
            w for w in self.words(query.text) if (w.lower() in terms or w in places) and not any(w in n for n in named)))


def function_word(word: str, tags: str = "cprmduye") -> bool:
    """Is the word one jieba tags as a conjunction, preposition, pronoun, numeral, adverb or particle (或者, 这种,
    一些): it names nothing? tags: the kinds that count (jieba tags some nouns otherwise: 本科 as a pronoun)."""
    import jieba.posseg

    tagged = jieba.posseg.lcut(word)
    return len(tagged) == 1 and tagged[0].flag[:1] in tags


CONJUNCTION = "c"  # the one kind a topic word never is ("或者", "以及", "还是")


def coverage(text: str, terms: dict[str, float]) -> float:
    """The idf-weighted share of the asked terms that a text contains."""
    total = sum(terms.values())
    text = text.lower()  # the tokenizer lowercases (gdp)
    return sum(w for t, w in terms.items() if t in text) / total if total else 0.0
