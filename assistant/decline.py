"""What a declined answer says: which case it is (the measure exists but no amount or procedure is given, the plans
do not mention it, the place has no plan of its own), the nearest clauses, and who is responsible for them."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from corpus.models import Clause
from corpus.targets import Target
from embeddings.passages import clause_sentences
from assistant.choose import SentenceChooser
from assistant.places import PlaceTable
from assistant.render import Cites, contacts
from assistant.retrieve import Filters, Hit, Retriever
from assistant.query import QUESTION_WORD, SEGMENT
from assistant.sentences import is_bare
from assistant.silence import PROCEDURE_REASON, measure_asked
from assistant.targets import TargetTable
from assistant.understand import Ask, asker_trade, detect_kind
from assistant.wording import ASK_FORM, CONJUNCTION, GRANTS, Wording, function_word

# A decline's reason ends where its pointers start; a place without a plan of its own is said before the reason.
NEAREST = "最接近的相关条款："
_PROCEDURE_AND_AMOUNT = "现有政策文件是发展规划和行动计划，没有规定具体的金额或补贴标准，也没有规定申请流程、材料、条件或办理渠道。"
# A decline for a specific of a measure the plans never mention says that instead.
_SPECIFIC_RULES = {
    "procedure": "现有政策文件没有提到这项具体措施，也就没有相应的申请流程、材料或办理渠道。",
    "amount_absent": "现有政策文件没有提到这项具体措施，也就没有相应的金额、比例或标准。",
}
# Declines of a measure no plan mentions at all (not its amount or procedure).
_ABSENT_RULES = {"subsidy_kind_absent", "charge_absent", "grant_absent", "instrument_absent"}
# Declines of money the plans do not grant (a kind of subsidy, an instrument, an amount), and the words of the
# safeguard that funds support.
_MONEY_RULES = {"subsidy_kind_absent", "instrument_absent", "amount_absent", "grant_absent", "funding_missing"}
_FUNDING = re.compile(r"资金|财政|财税|政策激励|支持政策|奖补|补贴|奖励")
# How the plans name measures for service enterprises of any trade: what a trade they never mention may look to.
_ANY_TRADE = "服务业小微企业培育扶持"
# Declines about a figure (its outcome, another year, a figure the plan does not set): the plan's
# responsible departments answer for tasks, not for statistics, so none are named; the nearest clause is
# the one setting the asked indicator, when the targets table matches one.
_FIGURE_RULES = {"outcome", "year_absent", "year_unanswered", "figure_absent", "period_absent", "count_absent",
                 "count_missing", "target_elsewhere", "indicator_missing"}
# Declines of a figure for a year the plan does not report or set (its outcome, a year outside its period): what it
# aims at for the indicator, in the years it does set, is what it can tell ("2027年的目标" of a plan ending in 2025).
_OTHER_YEAR_RULES = {"outcome", "year_absent", "year_unanswered"}
_YEAR_NAMED = re.compile(r"20\d\d|十[一二三四五六七八九]五")  # a year or a five-year period ("“十四五”期间")
# A plan's opening chapters (its general requirements, guiding thought, the situation it starts from) say nothing
# of one measure: no pointer for a measure's money, procedure or name (they hold the plan's targets, its
# organisation and what it says of places, so they stay a pointer for those).
_GENERAL_CHAPTER = re.compile(r"总体要求|指导思想|发展环境|基本原则|发展基础|现实基础|面临形势")
_MEASURE_RULES = _MONEY_RULES | set(_SPECIFIC_RULES) | {"quoted_absent"}
_DEPARTMENT_NOTE = re.compile(r"[（(]\s*(责任单位|牵头单位|配合单位)[^）)]*[）)]")
_AGENCY = re.compile(r"(局|委|厅|办|政府|管委会)$")


@dataclass(frozen=True)
class Verdict:
    """The outcome of verification: answered, partial (some sides or parts missing), declined or invalid,
    with the id of the rule that decided it (None when the evidence answers)."""

    status: str
    rule: str | None = None
    message: str = ""
    related: tuple[str, str] | None = None  # (clause id, sentence): what the plan states instead, quoted first
    nearest: tuple[str, ...] = ()  # clause ids the decline points to, when the check that decided it found them


@dataclass(frozen=True)
class DeclineConfig:
    topic_probability: float = 0.5  # a declined question's nearest clause is about the asked measure
    second_pointer: float = 0.9  # a decline's second nearest clause must score this share of the first's


class Decliner:
    """Words a decline: its reason, then the nearest clauses of the asked place's documents (never another
    place's), what the nearest one does say of the asked measure, and its departments when it is on the topic."""

    def __init__(self, retriever: Retriever, places: PlaceTable, wording: Wording, chooser: SentenceChooser,
                 targets: Callable[[], TargetTable], relevant: Callable[[Hit], bool],
                 config: DeclineConfig = DeclineConfig()):
        self.retriever = retriever
        self.places = places
        self.wording = wording
        self.chooser = chooser
        self.targets = targets  # the targets table, built on first use
        self.relevant = relevant  # is a hit evidence at all (retrieval scores)
        self.config = config

    def explain(self, ask: Ask, hits: list[Hit], cites: Cites, verdict: Verdict) -> str:
        """A decline says which case it is, then points to the nearest clauses; departments are named only
        when the nearest clause is about the asked thing."""
        own = self.retriever.preferred_docs(ask.query)
        pool = [h for h in hits if h.document.doc_id in own] if own else hits  # never another place's clause
        related = [h for h in pool[:2] if self.relevant(h)]
        uncovered = self.places.outside(ask.text, set(self.wording.aliases)) if verdict.rule != "place_uncovered" else []
        prefix = ""
        if uncovered and not ask.places and verdict.rule != "place_province_silent":
            # first the reason that decides: the place has no plan of its own
            names = "、".join(dict.fromkeys(p.name for p in uncovered))
            prefix = f"现有政策文件中没有{names}本级的政策文件；就适用的省级规划而言，"
        text = prefix + verdict.message
        # What the question is about, without the specific it asks of it (补贴 of 人才补贴多少钱 stays out):
        # a clause holding half of it, or a sentence the sentence model finds likely to answer, is about the
        # asked measure; those are pointed to first.
        # (a function word names nothing: "床位补贴或者扶持" is not about 或者)
        topic = {t: w for t, w in self.wording.content_terms(ask.query, expansions=False, text=ask.asked).items()
                 if not ASK_FORM.search(t) and not function_word(t, CONJUNCTION)}
        known = self.wording.plan_words(topic)  # what of it a clause could hold ("到底", "几万" never)
        if not known:
            # the asked part names nothing the plans hold ("市里能奖多少钱"): it asks of what the asker told
            # ("我们株洲一家物流公司今年刚升规，")
            topic = {t: w for t, w in self.wording.content_terms(ask.query, expansions=False).items()
                     if not ASK_FORM.search(t) and not function_word(t, CONJUNCTION)}
            known = self.wording.plan_words(topic)
        # the most specific word the plans use; when that is a word of the asker's story, the trade its story tells
        # (one the plans use) is what the question is about ("用自家老房子开民宿，开业有没有一次性补贴" → 民宿, not
        # 房子; "人才绿卡怎么申请？我们公司做检验检测的" stays 人才绿卡)
        rarest = max(known, key=known.get) if known else None
        asking = "".join(s for s in SEGMENT.findall(ask.asked) if QUESTION_WORD.search(s))
        trade = [t for t in asker_trade(ask.text, self.wording.words, stories=True) if t in known] \
            if rarest and rarest not in asking else []
        rarest = max(trade, key=known.get) if trade else rarest
        # (the asked words in the plans' words count: 规上 asked, 上规入库 stated)
        on_topic = [h for h in related if not topic or known and self._holds(h.clause, known, rarest)
                    or self._likely(h, topic, ask)]
        if trade:  # a clause on the asker's trade is on the topic; one matching the rest of its story is not
            on_topic = [h for h in on_topic if self._holds(h.clause, {rarest: 1.0}, rarest)]
        # a measure no plan mentions (房租补贴, 房租减免) asked by an asker who tells its trade: the asked place's clause on
        # that trade is the nearest one, pointed to without being taken for the measure's ("做工业设计的工作室……园区
        # 办公室有没有房租补贴" → 株洲's 工业设计 clause, not 湖南's 强化组织领导 matched by 办公室)
        trade_clause = self._trade_clause(ask, own) if not on_topic and own and verdict.rule in _ABSENT_RULES else []
        if not on_topic and known and own and not trade_clause:
            # the question's best clauses are off its topic (a 房租补贴 asked: 总体要求): the clause found by the
            # topic's own words is the nearest one
            on_topic = self._topic_clause(known, rarest, own)
        mine = self._cities(self.retriever.own_docs(ask.query))
        if on_topic and known and mine and not any(h.document.doc_id in mine for h in on_topic):
            # only the province's clause is on the topic of a city's question ("株洲……市里给新上规的企业奖多少钱"):
            # the city's own clause on it, when it has one, in its place (株洲's 升规入统, not 湖南's 市场主体培育: the
            # asker asked its city; "园区房租一平米补多少" is no nearer to 湖南's 强化组织领导 for being the province's)
            # (the asked words as the plans say them: 新上规 → 升规入统)
            bm25 = self.retriever.bm25
            plan = self.wording.plan_words({t: bm25.idf(t) for t in self.retriever.parser.lexicon.expand(ask.asked)
                                            if bm25.knows(t)}) or known
            city = self._topic_clause(plan, max(plan, key=plan.get), mine)
            # (for a trade no clause names, the province's clause is on what is left of the topic, "专门扶持", which
            # is anybody's: "株洲……对翻译公司有专门扶持吗" is pointed to 株洲's measures for any trade below)
            on_topic = city or (on_topic if verdict.rule != "trade_absent" else [])
        # the plans do not mention the measure at all: no clause is on its topic, or a grant is asked ("展位费有补贴
        # 吗？一平米补多少") and the clauses on the topic grant nothing (会展: 强化武汉国际博览中心引领作用)
        granted = verdict.rule == "amount_absent" and bool(GRANTS.search(measure_asked(ask.asked) or ""))
        if verdict.rule in _SPECIFIC_RULES and related and (
                not on_topic or granted and not any(GRANTS.search(h.clause.text) for h in on_topic)):
            text = prefix + _SPECIFIC_RULES[verdict.rule]
        # money the plans do not grant or size (房租补贴, 落户奖励, 补多少): the plan's own safeguard on funds and
        # support policies is pointed to as well, after a clause on the topic when there is one (a clause can
        # be about 生产性服务业企业 and still say nothing of money)
        funding = self._funding_clauses(self.retriever.own_docs(ask.query) or own) \
            if verdict.rule in _MONEY_RULES and own and not uncovered else []
        # a clause off the topic is pointed to only when none is on it; a second one only when retrieved about as
        # well as the first
        # (for a trade the plans cannot speak of, a clause matched by other words is no pointer to it: the asked
        # plan's measures for service enterprises of any trade are)
        # (nor for support asked of a named plan that holds nothing relevant: "市里生产性服务业方案对汽修这行有专门扶持吗")
        any_trade = verdict.rule == "trade_absent" or verdict.rule == "not_relevant" and ask.kind == "support"
        related = on_topic or trade_clause or (self._any_trade_clause(ask, own) if any_trade else related[:1])
        related = [h for h in related if h is related[0] or h.score >= self.config.second_pointer * related[0].score]
        if verdict.rule in _MEASURE_RULES:
            related = [h for h in related if not _GENERAL_CHAPTER.search("".join(h.clause.section_path[:1]))]
        if verdict.nearest and not on_topic:
            corpus = self.retriever.corpus
            related = [Hit(0, 0.0, c, corpus.document(c.doc_id), {}) for c in map(corpus.clause, verdict.nearest)]
        if funding:
            # the funding clause second, unless it is the nearest clause itself ("产业基金规模多大": 加强财税金融支持)
            fresh = [h for h in funding if h.clause.clause_id not in {r.clause.clause_id for r in related[:1]}]
            related = related[:1] + (fresh or related[1:2])
        if verdict.rule == "procedure" and PROCEDURE_REASON in text and any(
                detect_kind(part) == "amount" for part in re.findall(r"[^，,。；;！!？?、]+", ask.asked)):
            # "能拿多少奖励？找谁申请？", "具体奖多少、找谁申报": both specifics are missing; say so of both
            text = text.replace(PROCEDURE_REASON, _PROCEDURE_AND_AMOUNT)
        if uncovered:
            # a place without a plan of its own: the province's clause that names it is the nearest one
            names = "、".join(dict.fromkeys(p.short for p in uncovered))
            naming = [h for h in pool if any(p.short in h.clause.text for p in uncovered)][:1] or \
                self.naming_clause([p.short for p in uncovered], {p.province for p in uncovered})
            related = naming + [h for h in related if h not in naming][:2 - len(naming)]
            if naming and verdict.rule == "place_province_silent":
                text = f"现有政策文件中没有{names}本级的政策文件；省级规划中提到{names}的条款也没有这方面的规定。"
        if verdict.rule in _FIGURE_RULES - {"target_elsewhere", "indicator_missing"} and own and not uncovered:
            setting = self._setting_clauses(ask, self.retriever.own_docs(ask.query)) or self._setting_clauses(ask, own)
            related = setting or related
            target = self._setting_target(ask, self.retriever.own_docs(ask.query) or own) \
                if verdict.rule in _OTHER_YEAR_RULES and not verdict.related else None
            if target:  # "达没达到1500亿", "2027年的目标": what the plan aimed at is what it can tell, with its year
                said = self.chooser.scorer.focus(ask.text, target.sentence)
                if target.year and not _YEAR_NAMED.search(said):  # a bullet whose year its lead paragraph states
                    said = f"到{target.year}年，{said}"
                verdict = replace(verdict, related=(target.clause_id, said))
        if verdict.related:
            # the plan sets a related target in other terms: quote it, and point to its clause first
            clause = self.retriever.corpus.clause(verdict.related[0])
            document = self.retriever.corpus.document(clause.doc_id)
            text += f"该文件提出的相关目标是：{verdict.related[1].rstrip('。；;')}{cites(clause, document)}。"
            related = [Hit(0, 0.0, clause, document, {})] + [h for h in related if h.clause.clause_id != clause.clause_id][:1]
        if related:
            refs = "；".join(f"《{h.document.title}》{h.clause.section_path[-1] if h.clause.section_path else ''}"
                            f"{cites(h.clause, h.document)}" for h in related)
            text += f"{NEAREST}{refs}。"
            first = related[0]
            if verdict.rule in _SPECIFIC_RULES and first in on_topic:
                # the measure exists, its amount or procedure does not: what the nearest clause does say of it
                said = [row for row in self.chooser.scored([first], topic, "fact", [], ask.query)
                        if not is_bare(row[3])]
                # the grant asked of ("市里奖励多少钱"): its own sentence ("对当年新升规入统的企业，争取省里奖励政策"),
                # not a target of the clause the question's other words pick
                # (when the model finds it about as likely: "住房补贴是第几条" keeps 人才安居, not a training 补贴)
                asked_grants = set(GRANTS.findall(ask.text))
                if said:
                    best = said[0][0]
                    said = [row for row in said
                            if any(g in row[3] for g in asked_grants) and row[0] >= 0.5 * best] or said
                if said:
                    text += f"其中写道：“{said[0][3].rstrip('。；;')}”{cites.mark(first.clause, first.document)}。"
            # the departments of the nearest clause, when it is about the asked thing (not of a second one)
            # (not for a trade or topic the plans never mention: no clause is about it)
            with_departments = [first] if first in on_topic and first.clause.departments and \
                verdict.rule not in _FIGURE_RULES and verdict.rule not in ("trade_absent", "not_relevant") else []
            if with_departments:
                text += f"具体事宜可咨询该条款的{contacts(with_departments[0].clause)}。"
            pointed = {h.clause.clause_id for h in related}
            for hit in (h for h in funding if h.clause.clause_id in pointed and "其中写道" not in text):
                # what the plan's safeguard does say of money, when no clause on the measure is quoted: a principle,
                # not an amount ("按照‘一个重点领域,一份产业支持政策’的原则……优化更新一批有针对性的支持政策")
                said = _funding_sentence(hit.clause).replace("“", "‘").replace("”", "’")
                if said:
                    text += f"该文件在{hit.clause.section_path[0]}中只提出：“{said.rstrip('。；;')}”" \
                            f"{cites.mark(hit.clause, hit.document)}。"
        return text

    def _any_trade_clause(self, ask: Ask, own: set[str]) -> list[Hit]:
        """The asked plan's clause on growing service enterprises whatever their trade (主体培育工程, 小微企业培育),
        found by the plans' own words for it; [] without an asked plan. A city's own plan is asked before its
        province's ("株洲……市里对翻译公司有专门扶持吗": 株洲's 主体培优育强, not 湖南's 改革创新)."""
        docs = self.retriever.own_docs(ask.query) or own
        docs = self._cities(docs) or docs
        if not docs:
            return []
        return self.retriever.search(self.retriever.parser.parse(_ANY_TRADE), k=1,
                                     filters=Filters(doc_ids=tuple(sorted(docs))))

    def _trade_clause(self, ask: Ask, own: set[str]) -> list[Hit]:
        """The clause of the asked place's documents (a city's before its province's) on the trade the asker's story
        tells, when the plans name it (at most one); [] otherwise."""
        bm25 = self.retriever.bm25
        told = self.wording.plan_words({t: bm25.idf(t) for t in asker_trade(ask.text, self.wording.words, stories=True)
                                        if bm25.knows(t)})
        if not told:
            return []
        docs = self._cities(self.retriever.own_docs(ask.query)) or self.retriever.own_docs(ask.query) or own
        return self._topic_clause(told, max(told, key=told.get), docs)

    def _cities(self, docs: set[str]) -> set[str]:
        """The documents of cities among docs (not a province's)."""
        regions, corpus = self.retriever.regions, self.retriever.corpus
        return {d for d in docs if regions.get(corpus.document(d).region).level != "province"}

    def _funding_clauses(self, docs: set[str]) -> list[Hit]:
        """The safeguard clause on funds and support policies of each asked document (保障措施: 加强财税金融支持,
        强化政策激励), the one naming most funding words."""
        corpus = self.retriever.corpus
        found = []
        for doc_id in sorted(docs):
            counts = [(len(_FUNDING.findall(c.text)), c) for c in corpus.clauses_of(doc_id)
                      if c.section_path and "保障" in c.section_path[0]]
            count, clause = max(counts, key=lambda pair: pair[0], default=(0, None))
            if count:
                found.append(Hit(0, 0.0, clause, corpus.document(doc_id), {}))
        return found[:1]

    def _topic_clause(self, known: dict[str, float], rarest: str | None, docs: set[str]) -> list[Hit]:
        """The clause of the asked place's documents searched by a question's topic words alone that holds half
        of them or the rarest (at most one)."""
        query = self.retriever.parser.parse("".join(known))
        hits = self.retriever.search(query, k=3, filters=Filters(doc_ids=tuple(sorted(docs))))
        return [h for h in hits if self._holds(h.clause, known, rarest)][:1]

    def _holds(self, clause: Clause, known: dict[str, float], rarest: str | None) -> bool:
        """Is a clause about the asked topic: it holds half of its words, or the rarest, in the question's words
        or the plans' forms the lexicon gives for them."""
        body = clause_body(clause, known)
        return self.wording.holds_share(body, known) >= 0.5 or bool(rarest) and \
            self.wording.holds_share(body, {rarest: 1.0}) > 0

    def _setting_clauses(self, ask: Ask, docs: set[str]) -> list[Hit]:
        """The clause of the asked place's documents that sets the indicator a figure question names, any year
        (at most one), from the targets table."""
        target = self._setting_target(ask, docs)
        corpus = self.retriever.corpus
        return [Hit(0, 0.0, corpus.clause(target.clause_id), corpus.document(target.doc_id), {})] if target else []

    def _setting_target(self, ask: Ask, docs: set[str]) -> Target | None:
        """The target of the asked place's documents for the indicator a figure question names, any year."""
        regions = sorted({self.retriever.corpus.document(d).region for d in docs})
        table = self.targets()
        return next((m.target for m in table.match(table.indicator_of(ask.text), regions, None)), None)

    def naming_clause(self, names: list[str], provinces: set[str]) -> list[Hit]:
        """The clause of the provinces' documents that names the places most often (at most one)."""
        corpus = self.retriever.corpus
        counts = [(sum(c.text.count(n) for n in names), c) for d in corpus.documents if d.region in provinces
                  for c in corpus.clauses_of(d.doc_id)]
        count, clause = max(counts, key=lambda pair: pair[0], default=(0, None))
        return [Hit(0, 0.0, clause, corpus.document(clause.doc_id), {})] if count else []

    def _likely(self, hit: Hit, terms: dict[str, float], ask: Ask) -> bool:
        """Does a sentence of the clause likely answer the question (the sentence model's probability)?"""
        scored = self.chooser.scored([hit], terms, "fact", [], ask.query)
        return bool(scored) and scored[0][0] >= self.config.topic_probability


def _funding_sentence(clause: Clause) -> str:
    """The sentence of a safeguard clause naming most funding words ("" when none names one)."""
    counted = [(len(_FUNDING.findall(s)), s) for s in clause_sentences(clause) if not is_bare(s)]
    count, sentence = max(counted, key=lambda pair: pair[0], default=(0, ""))
    return sentence if count else ""


def clause_body(clause: Clause, asked: dict[str, float]) -> str:
    """A clause's text without its note of departments, unless an agency is asked about ("市财政局制订的……"): what
    it says, not who carries it out (市政府办公室 says nothing of an 办公室 asked about)."""
    return clause.text if any(_AGENCY.search(t) for t in asked) else _DEPARTMENT_NOTE.sub("", clause.text)
