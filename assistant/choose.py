"""Which sentences of the retrieved clauses an answer quotes: the direct answer first, then the few that answer
what it leaves out (a second question, a need the asker tells, a target asked beside the measures)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from embeddings.passages import clause_sentences
from assistant.figures import figure_kinds, states_kind, target_only
from assistant.leads import LABEL, SITUATION, ClauseLeads
from assistant.places import PlaceTable
from assistant.query import QUESTION_WORD, SEGMENT, Query, asked_part, asker_lead
from assistant.retrieve import Hit, Retriever, inside_document
from assistant.sentences import Candidate, SentenceScorer, has_figure, is_bare
from assistant.understand import is_difficulty, need_segments, question_segments, want_segments
from assistant.wording import GRANTS, PAST_ASKED, SUPPORT_ASKED, TARGET_ASKED, Wording

_DEPT_NOTE = re.compile(r"^[（(]\s*(责任单位|牵头单位|配合单位)")
_CAPTION = re.compile(r"^图\s*\d+")  # figure captions left in the text by the PDF extraction
# Directions asked of a trade, not a figure ("有没有什么发展方向", "往哪些方向发展", "怎么定位").
_DIRECTION_ASK = re.compile(r"(什么|啥|哪些|哪个|哪几个)(发展)?方向|方向是|发展方向|怎么定位|如何定位|发展思路|往哪")
# Measures and a target asked in one breath ("会展这块有什么计划和目标", "对BIM有什么要求或者目标", "有没有什么目标或者
# 支持方向"): both answer.
_MEASURES_AND_TARGET = re.compile(r"(计划|打算|措施|举措|要求|安排|部署|任务|重点|方向)(和|与|及|以及|或者|或|、|跟|还有)"
                                  r"(具体的?)?(目标|指标)|(目标|指标)(和|与|及|以及|或者|或|、|跟|还有)(具体的?)?"
                                  r"(计划|打算|措施|举措|要求|安排|任务|路径|(支持|扶持|发展)?方向|(支持|扶持)(政策|措施)?)")
# The question points back at the asker's trade ("省里对我们这行有啥说法", "这种业务算不算"): its description holds
# the need.
_POINTS_BACK = re.compile(r"(我们|咱们)(这|这种|这类|这个)?(行|行业|生意)|这(一|个)?行|这(种|类)(业务|生意|行业)")

Scored = tuple[float, int, int, str, Hit]  # (probability, hit rank, position in the clause, sentence, hit)
# A question about where things stand or what was done ("湘潭服务业存在哪些短板", "湖南是否已经是……试点省份"),
# which the plan's review answers.
_REVIEW_ASKED = re.compile(r"问题|短板|不足|弱项|现状|基础|成就|成效|差距|瓶颈|优势|劣势|机遇|挑战|形势|环境|以来|过去|期间|目前|现在|"
                           r"已经|曾经|之前|此前|以前|实际|至今|截至|截止")
_REQUIREMENT_ASKED = re.compile(r"(什么|哪些|啥)(具体)?(要求|硬性要求)|要求(是什么|有哪些)|有(没有)?(具体的?)?(硬性)?要求")
# Collateral the asker says it lacks ("没有房子也没有厂房可以抵押", "公司没有厂房可以抵押").
_LACKED_PLEDGE = re.compile(r"(?<!有)没有?[^，,。；;！!？?]{1,8}?(可以|可|能)(拿去|用来|去|来)?(抵押|质押|担保)")
# An asker telling of itself or its business ("我们在湘潭雨湖区……", "醴陵一家陶瓷厂", "开了家公司")
_ASKER_TOLD = re.compile(r"[我咱]|一家|开了|开个|开家")


@dataclass(frozen=True)
class ChooseConfig:
    max_sentences: int = 3
    max_chars: int = 320
    # A further sentence must be a likely answer too (this share of the lead's probability) and add asked terms
    # the chosen ones lack. Dev sweep (keep, gain): (0.7, 0) key 0.888, 1.22 clauses per answer; (0.85, 0) 0.876;
    # (0.5, 0.15) 0.884; (0.3, 0.15) 0.888, 1.17 clauses. The ranked-score era: key 0.900 with 1.61 clauses.
    keep_ratio: float = 0.3
    extra_gain: float = 0.15
    # A need named in everyday words that no chosen sentence speaks of is answered by a sentence of the lead's
    # clause that holds its rare policy form, when it scores more than this share of the lead (another clause's:
    # keep_ratio). Was 0.1; read sets: the 便利服务 sentence for "人家最关心房子和小孩读书" scores 0.046 of the lead
    # (Q11), an idle 智慧物业 sentence for "在小区里……办个家庭托育点" (小区 → 物业) under 0.02 (G07).
    need_ratio: float = 0.03
    # A question of a message that the answer does not speak to is answered by a sentence of the lead's clause
    # that the sentence model gives at least this probability for that question alone. Read blind sets: a
    # sentence that answers scored 0.01-0.08 ("要满足什么条件" → 准入条件, "这块业务" → 人才综合测评); the lead
    # clause's best for a question it does not hold ("想上市有没有辅导" in the talent clause) 0.003.
    question_probability: float = 0.01
    question_other_ratio: float = 3.0  # another top clause's sentence answers a later question when this much likelier
    # A want or lack the asker tells ("另外也缺懂国际业务的会计") gets the lead clause's likeliest sentence for it
    # alone when the sentence model gives it this probability.
    need_probability: float = 0.05
    need_second_ratio: float = 0.5
    need_rare_clauses: int = 2
    # A chosen sentence of the lead's clause holding the rare plan term of the asker's everyday words leads when
    # it scores this share of the lead (read sets: 自有工业用地 0.064 beside 总部经济项目 0.096).
    named_lead_ratio: float = 0.5
    # The lead clause's further sentences that score this share of the lead are quoted too, within these caps.
    companion_ratio: float = 0.1
    companion_sure: float = 0.5
    companion_gain: float = 0.05
    companion_rare_clauses: int = 4  # ... and the asked word's rare form is one at most this many clauses hold
    # a sentence down to this share of companion_ratio is a companion when it holds such a rare form the lexicon gives
    # for a word asked ("小所" → 促进小型律所规范健康发展), however the question's wording moves the sentence model
    companion_term_share: float = 0.5
    companion_chars: int = 420
    companion_sentences: int = 4
    # A figure question whose likeliest sentence states no figure is answered by the likeliest that does, when it
    # scores at least this share of the best. Dev key phrase 0.942 without; 0.950 at 0.3, 0.5 and 0.7 alike.
    figure_ratio: float = 0.5
    # A question whose own words (by weight) are this much its clause's heading asks the section's targets as a whole
    heading_share: float = 0.9
    # A question asking no figure whose likeliest sentence states one (a target) is answered by the likeliest
    # that states none, when it scores at least this share of the best. Dev: one answer changes (a071, a
    # logistics target → the 供应链金融 measure asked about); test none; key phrase unchanged.
    measure_lead_ratio: float = 0.8
    grant_lead_ratio: float = 0.5  # ... and a measure granting the support asked for, this share of the best
    clause_measure_ratio: float = 0.5  # ... and a measure of the target's own clause, this share of the best
    want_k: int = 8  # clauses searched for a want the asker tells


def _asking_pieces(query: Query) -> str:
    """The pieces of a question that ask ("有没有专门的产业园或者物流通道？"), not those that tell (lower case)."""
    return "".join(p for p in SEGMENT.findall(query.text) if QUESTION_WORD.search(p)).lower()


class SentenceChooser:
    """Ranks the quotable sentences of clauses with the sentence model and picks those an answer quotes."""

    def __init__(self, retriever: Retriever, places: PlaceTable, wording: Wording, leads: ClauseLeads,
                 config: ChooseConfig = ChooseConfig()):
        self.retriever = retriever
        self.places = places
        self.wording = wording
        self.leads = leads
        self.config = config
        corpus = retriever.corpus
        self.with_docs = {d.region for d in corpus.documents if d.region}  # places with a plan of their own
        self._sentence_rows: dict[tuple[str, str], int] = {
            pair: row for row, pair in enumerate(retriever.index.sentences)}
        self.scorer = SentenceScorer.load([s for c in corpus.clauses for s in clause_sentences(c)])

    def scored(self, hits: list[Hit], terms: dict[str, float], intent: str, anchors: list[str],
               query: Query | None) -> list[Scored]:
        """(score, hit rank, position, sentence, hit) for every quotable sentence, best first; the score is
        the sentence model's probability that the sentence answers (assistant/sentences.py)."""
        rows, features = self.features(hits, terms, intent, query)
        if not rows:
            return []
        probabilities = self.scorer.probabilities(features)
        scored = [(0.0 if anchors and not any(a in clean for a in anchors) else float(p), rank, pos, clean, hit)
                  for p, (rank, pos, clean, hit) in zip(probabilities, rows)]
        scored.sort(key=lambda s: (-s[0], s[1], s[2]))
        return scored

    def features(self, hits: list[Hit], terms: dict[str, float], intent: str,
                 query: Query | None) -> tuple[list[tuple[int, int, str, Hit]], np.ndarray]:
        """The quotable sentences of the hits' clauses, (rank, position, sentence, hit), with their feature rows."""
        rows, candidates = [], []
        asked = self.wording.mask_places(query.text) if query is not None else ""
        vector = self.retriever.query_vector(query)[0] if query is not None else None
        if query is not None and intent in ("fact", "number") and inside_document(query, asked_of=True):
            # a plan asked of something ("市里的生产性服务业方案对物流企业有什么方向") lends no words to the sentences:
            # its name would choose the plan's overall goal (生产性服务业占服务业增加值比重……)
            text = query.text
            for span in query.doc_mentions:
                text = text.replace(span, "，")
            asked = self.wording.mask_places(text)
            vector = self.retriever.query_vector(self.retriever.parser.parse(text))[0]
        vectors = self.retriever.index.sentence_vectors
        cities = {r for r in (query.regions if query is not None else ())
                  if r in self.with_docs and self.retriever.regions.get(r).level != "province"}
        for rank, hit in enumerate(hits):
            # a heading on a line of its own runs into the first sentence ("四、产业发展重点“十四五”时期，……")
            path = hit.clause.section_path
            heading = LABEL.sub("", path[-1]).strip() if path and hit.clause.text.startswith(path[-1] + "\n") else ""
            for pos, sentence in enumerate(clause_sentences(hit.clause)):
                clean = LABEL.sub("", sentence).strip()
                if pos == 0 and heading and clean.startswith(heading) and len(clean) > len(heading) + 12:
                    clean = clean[len(heading):].strip()
                if pos == 0 and (LABEL.match(sentence) and len(clean) <= 24 or len(clean) <= 12):
                    continue  # the clause's own heading, e.g. "（三）现代物流服务。", "完善提升养老服务。"
                if _CAPTION.match(clean) or len(clean) < 6 or _DEPT_NOTE.match(clean):
                    continue
                row = self._sentence_rows.get((hit.clause.clause_id, sentence))
                similarity = self.retriever.scales.sentence(float(vectors[row] @ vector)) \
                    if vector is not None and row is not None else 0.75
                rows.append((rank, pos, clean, hit))
                candidates.append(Candidate(clean, similarity, rank, hit.document.region in cities,
                                            self.leads.year_of(hit, clean), clean in self.leads.in_past(hit.clause)))
        features = self.scorer.features(asked, candidates, terms, intent == "number", bool(PAST_ASKED.search(asked)))
        return rows, features

    def best(self, hits: list[Hit], terms: dict[str, float], intent: str,
             anchors: list[str], query: Query | None = None,
             describes_business: bool = False) -> list[tuple[str, Hit]]:
        """The direct answer first (the sentence model's best sentence of the top clauses), then at most two
        more that are likely answers too and add asked words the chosen ones lack. An enterprise describing its
        business ("我们在武汉做建筑设计，…有哪些打算？") gets the lead clause's likely answers whether or not they
        repeat its words: its business is told in its own words, the measures in the plan's."""
        if query is not None and intent in ("fact", "support") and not PAST_ASKED.search(query.text) and \
                not _REVIEW_ASKED.search(query.text):
            # a question asking what the plan will do is not answered by its account of where things stand
            # ("存在的主要问题：……软件和信息……固定资产投资规模偏小" for "我们没什么固定资产，贷款难，有什么融资路子")
            hits = [h for h in hits if not any(SITUATION.search(x) for x in h.clause.section_path)] or hits
        scored = self.scored(hits, terms, intent, anchors, query)
        scored = [s for s in scored if not is_bare(s[3])] or scored  # a sub-heading leads only when alone
        if not scored or (scored[0][0] <= 0 and anchors):
            return []
        best = scored[0][0]
        lead = scored[0]
        if intent == "number" and not has_figure(lead[3]):
            # a figure asked: a likely sentence stating one answers before a likelier one that states none
            lead = next((s for s in scored if has_figure(s[3]) and s[0] >= self.config.figure_ratio * best), lead)
        if intent == "number" and hits and query is not None:
            lead = self._sector_figure(hits[0], lead, scored, best, query)
        # (what is required asks for the figures required too: "对设计公司具体有什么要求" → BIM建模率达到80%以上)
        no_figure = intent in ("fact", "support") and query is not None and not TARGET_ASKED.search(query.text) \
            and not _REQUIREMENT_ASKED.search(query.text)
        target = None  # a target's sentence that a measure of its own clause leads
        if intent != "number" and no_figure and has_figure(lead[3]):
            # no figure asked ("贷款难有没有办法？"): a measure about as likely answers before a target's figure; one
            # that grants what is asked for ("市里对这种服务业公司有没有奖励" → 在专项资金中给予支持) even if less likely.
            # A measure of the target's own clause leads at a lower share: the target shows the clause is the one
            # asked about ("市里对小所有啥说法" → 律师事务所超过700家 → 促进小型律所规范健康发展); the target follows it
            # ("政府项目会不会要求用BIM" → 推进BIM技术应用, then BIM模型的建模率达到80%以上)
            grants = bool(SUPPORT_ASKED.search(query.text))
            measures = [s for s in scored if not has_figure(s[3]) and not is_bare(s[3])]
            own = next((s for s in measures if s[4].clause.clause_id == lead[4].clause.clause_id
                        and s[0] >= self.config.clause_measure_ratio * best), None)
            first = next((s for s in measures if s[0] >= self.config.measure_lead_ratio * best or
                          grants and GRANTS.search(s[3]) and s[0] >= self.config.grant_lead_ratio * best), None)
            if not first and own:
                target, lead = lead, own
            else:
                lead = first or lead
        if no_figure and describes_business and _DIRECTION_ASK.search(query.text) and not self.wording.local_names(query) \
                and not self.places.outside(query.text, set(self.wording.aliases)):
            # an enterprise asking its trade's directions; a place's ("岳塘区主要发展哪些方向") are the place's own.
            # The trade asked of ("对物流企业有什么方向") is led by a likely clause its heading names (发展智慧便捷的物流
            # 服务), not one speaking of it in passing (推动现有供应链……鼓励研发设计、现代物流等服务企业向制造环节拓展)
            trade = {t: w for t, w in terms.items() if t in _asking_pieces(query) and t not in query.expansions}
            lead = max((s for s in scored if s[0] >= self.config.keep_ratio * lead[0] and not is_bare(s[3])),
                       key=lambda s: (_heading_share(s[4], trade) > _heading_share(lead[4], trade), s[0]),
                       default=lead)
            directions = self._directions(scored, lead)
            if directions:
                return directions
        if query is not None and intent == "fact":
            lead = self._asked_place_lead(query, scored, lead, best)
        if anchors and all(_listed(a, lead[3]) for a in anchors if a in lead[3]):
            # a place without a plan of its own, named in a list of places ("立足长沙、株洲、湘潭、岳阳、衡阳、郴州，建设
            # ……走廊"), is spoken of by a sentence naming it alone when one is likely at all ("鼓励衡阳发展……现代物流")
            lead = next((s for s in scored if s[0] > 0 and not is_bare(s[3])
                         and any(a in s[3] and not _listed(a, s[3]) for a in anchors)), lead)
        chosen = [(lead[3], lead[4])]
        if lead[3] in self.leads.headings(lead[4].clause):
            # a paragraph's run-in heading leads ("打造衡阳服务业融合发展先行区。"): what its paragraph says of it follows
            chosen += [(s[3], s[4]) for s in scored if s[4] is lead[4] and s[2] == lead[2] + 1][:1]
        asked = {t: w for t, w in terms.items() if query is None or t not in query.expansions}  # its own words
        # a target's figures bury a measure answering what no figure was asked of, unless the target names
        # things a piece that asks wants and the lead lacks ("有没有专门的产业园" → 打造1个以上跨境电商产业园; two
        # of its words at least, one is often only the trade: "外贸电商")
        wanted = [t for t in asked if t in _asking_pieces(query) and t not in lead[3].lower()] if query else []

        # (a measure leading with a figure of its own is buried too: "实施绿色金融跃升行动……绿色贷款年均增长18%以上"
        # then 金融机构贷款余额达5000亿元左右 for "小企业想贷款，有什么门路")
        lead_target = target_only(self.leads.year_of(lead[4], lead[3]) + lead[3])

        def burying(sentence: str, hit: Hit) -> bool:
            return no_figure and not lead_target and target_only(self.leads.year_of(hit, sentence) + sentence) \
                and sum(t in sentence.lower() for t in wanted) < 2

        if target and sum(t in target[3].lower() for t in asked if t in _asking_pieces(query)) >= 2:
            chosen.append((target[3], target[4]))  # it names what the question asks ("政府项目", "BIM")
        elif intent == "fact" and query is not None and not TARGET_ASKED.search(query.text) and lead_target:
            # a target leads what asks no figure ("市里的方案对BIM有什么要求或者机会" → BIM模型的建模率达到80%以上):
            # what its clause does about the same rare thing follows (构建BIM项目全周期管理平台)
            # (on a clause whose heading names the asked trade, its likeliest measure is about it, a figure of its own or
            # not: "武汉对检验检测这一行有什么规划" → 检验检测机构达到800家以上, then 在5个以上重点产业领域实施一批……项目)
            rare = {t for t in asked if t in lead[3].lower() and t in _asking_pieces(query)
                    and self.wording.clauses_holding(t) <= self.config.companion_rare_clauses}
            headed = any(t in "".join(lead[4].clause.section_path[-1:]).lower() for t in asked
                         if t in _asking_pieces(query) and len(t) >= 2)
            measure = next((s for s in scored if s[4].clause.clause_id == lead[4].clause.clause_id and s is not lead
                            and not target_only(self.leads.year_of(s[4], s[3]) + s[3]) and not is_bare(s[3])
                            and s[0] >= self.config.companion_ratio * best
                            and (headed or any(t in s[3].lower() for t in rare))), None)
            if measure:
                chosen.append((measure[3], measure[4]))
        length = sum(len(sentence) for sentence, _ in chosen)
        covered = {t for t in asked if any(t in sentence.lower() for sentence, _ in chosen)}
        figure_found = intent == "number" and has_figure(lead[3])
        total = sum(asked.values()) or 1.0
        question_part = asked_part(query.text).lower() if query is not None else ""
        local = self.wording.local_names(query) if query is not None else ()
        for score, _, _, sentence, hit in (s for s in scored if s is not lead and s is not target):
            if score < self.config.keep_ratio * best or score <= 0 or len(chosen) >= self.config.max_sentences:
                break
            if length + len(sentence) > self.config.max_chars or is_bare(sentence):
                continue
            if figure_found and (hit.clause.clause_id != lead[4].clause.clause_id or not has_figure(sentence)):
                continue  # the asked figure is given: only another figure of its own clause may add to it
            if burying(sentence, hit):
                continue
            # A further sentence must add asked terms the chosen ones lack (the second part of a question),
            # not repeat what the answer already says in other words. A piece of a longer asked word counts only
            # with it ("营业" of 营业执照 is not held by 营业收入), unless it is the word's head, its end ("贷款" of
            # 银行贷款 is a loan).
            new = {t for t in asked if t in sentence.lower() and not _modifier_only(t, asked, sentence.lower())} - covered
            same_clause = hit.clause.clause_id == lead[4].clause.clause_id
            if not same_clause and not any(t in question_part for t in asked if t in sentence.lower()):
                # the asker's trade told ("在长沙做冷链仓储的，……能拿仓单去抵押贷款吗") is no part of the question:
                # its words alone do not bring another clause's sentence (农产品仓储保鲜冷链设施用地); with a word of
                # the question they count ("做工业软件和系统集成的……应用需求" → 系统集成等场景应用)
                continue
            # (a likely sentence naming the asker's own district or park is the asker's, whatever else it adds:
            # "湘潭经开区一家做汽车零部件检测的" → 高质量、高水平建好湘潭经开区检验检测示范集聚区)
            own_place = any(n in sentence and not any(n in c for c, _ in chosen) for n in local)
            if sum(asked[t] for t in new) < self.config.extra_gain * total and \
                    not (describes_business and same_clause) and not own_place:
                continue
            covered |= new
            chosen.append((sentence, hit))
            length += len(sentence)
        if query is not None and figure_found:
            chosen += self._other_figure_kinds(query, scored, chosen)
            chosen += self._goal_rest(lead, scored, chosen, _sector_words(query, asked), self.config.max_chars - length)
        if query is not None:
            chosen += self._other_half(query, scored, chosen, asked)
        if query is not None and not figure_found:
            chosen += self.unmet_need(query, scored, chosen, best, self.config.max_chars - length)
            room = self.config.max_chars - sum(len(s) for s, _ in chosen)
            chosen += self.unmet_questions(query, chosen, intent, anchors, room,
                                            self.config.max_sentences - len(chosen), hits)
            chosen += self._unmet_wants(query, chosen, intent, anchors, hits)
            if intent in ("fact", "support"):
                companions = self.companions(scored, chosen, best, terms, set(asked), self.wording.local_names(query),
                                             told=query.text)
                chosen += [(sentence, hit) for sentence, hit in companions if not burying(sentence, hit)]
            chosen = self._named_first(question_part, chosen, scored, no_figure)
        if query is not None:
            chosen = self.asked_place_only(query, chosen)
        chosen = self._headings_placed(chosen, query)
        once: dict[str, tuple[str, Hit]] = {}
        for sentence, hit in chosen:  # each sentence once, where first chosen
            once.setdefault(sentence, (sentence, hit))
        return list(once.values())

    def _headings_placed(self, chosen: list[tuple[str, Hit]], query: Query | None) -> list[tuple[str, Hit]]:
        """A paragraph's run-in heading ("促进现代服务业与现代农业融合。") names a topic and says nothing of it: quoted
        when it leads, or before its paragraph's first sentence that is quoted too ("“两副”指哪两个城市": 打造岳阳
        服务业对外开放桥头堡。依托……岳阳片区……); dropped otherwise. Before the lead too when it names the place
        asked: it is what the plan makes of that place ("省里对岳阳这块是怎么定位的" → 打造岳阳服务业对外开放桥头堡。
        鼓励岳阳加快发展服务贸易……)."""
        places = [p.short for p in self.places.outside(query.text, set(self.wording.aliases))] if query else []
        if chosen and places:
            lead, hit = chosen[0]
            own = next((h for h, paragraph in self.leads.headings(hit.clause).items()
                        if lead in paragraph and any(p in h for p in places)), None)
            if own and own not in (s for s, _ in chosen):
                chosen = [(own, hit)] + chosen
        headings = {i for i, (sentence, hit) in enumerate(chosen)
                    if i > 0 and sentence in self.leads.headings(hit.clause)}
        if not headings:
            return chosen
        placed = [c for i, c in enumerate(chosen) if i not in headings]
        for i in sorted(headings):
            sentence, hit = chosen[i]
            paragraph = self.leads.headings(hit.clause)[sentence]
            body = next((j for j, (s, h) in enumerate(placed) if h.clause.clause_id == hit.clause.clause_id
                         and s in paragraph), None)
            if body or body == 0 and any(p in sentence for p in places):
                placed.insert(body, (sentence, hit))
        return placed

    def _local_asked(self, query: Query) -> tuple[str, ...]:
        """The districts and parks the question asks about, not where the asker says it is ("我们在湘潭雨湖区的小区
        里开了个点", "醴陵一家陶瓷厂")."""
        if _ASKER_TOLD.search(query.text):
            return ()  # a business telling where it is ("醴陵一家陶瓷厂"): the place is no subject asked about
        told = "".join(query.context) + asker_lead(query.text)
        return tuple(a for a in self.wording.local_names(query) if a in asked_part(query.text) and a not in told)

    def _asked_place_lead(self, query: Query, scored: list[Scored], lead: Scored, best: float) -> Scored:
        """A district or park asked about ("湘潭高新区主要发展什么服务业"): the likely sentence naming it leads, not
        the layout's general sentence (keep_ratio of the lead's probability)."""
        asked = self._local_asked(query)
        if not asked or any(a in lead[3] for a in asked):
            return lead
        return next((s for s in scored if any(a in s[3] for a in asked) and s[0] >= self.config.keep_ratio * best
                     and not is_bare(s[3])), lead)

    def asked_place_only(self, query: Query, chosen: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
        """A district or park asked about ("湘潭经开区着重发展哪些服务业"), or a city without a plan of its own, and
        stated by the lead: the sentences beside it on other districts or parks of the same city ("岳塘经开区着重发展
        ……"), or on other places, are not what was asked."""
        if not chosen:
            return chosen
        # ... and so is a city without a plan of its own asked of the province's plan ("省里的规划对岳阳发展物流是怎么
        # 定位的" → 依托岳阳通江达海的区位优势……, not 鼓励衡阳发展……现代物流 beside it)
        covered = set(self.wording.aliases)
        cities = {p.short for p in self.places.outside(query.text, covered)}
        if cities and any(c in chosen[0][0] for c in cities):
            chosen = chosen[:1] + [(s, h) for s, h in chosen[1:] if any(c in s for c in cities)
                                   or not self.places.outside(s, covered)]
        asked = self._local_asked(query)
        if not asked or not any(a in chosen[0][0] for a in asked):
            return chosen
        others = [n for n in self.wording.every_local_name() if n not in asked and not any(n in a for a in asked)]
        return chosen[:1] + [(s, h) for s, h in chosen[1:]
                             if any(a in s for a in asked) or not any(n in s for n in others)]

    def _named_first(self, question: str, chosen: list[tuple[str, Hit]],
                     scored: list[Scored], no_figure: bool) -> list[tuple[str, Hit]]:
        """The chosen sentence of the lead's clause that holds the plan's own rare term for what the question says
        in everyday words ("直接用厂区里自己的地和房子" → 自有工业用地) leads, when the lead holds none and the sentence
        model finds it about as likely (named_lead_ratio of the lead): it names what the asker describes, where
        the likeliest names only the topic (园区内工业用地……总部经济项目). Not a target's figures when none is asked."""
        if len(chosen) < 2:
            return chosen
        forms = {t.lower() for _, terms in self.retriever.parser.lexicon.needs(question) for t in terms
                 if self.wording.clauses_holding(t.lower()) <= self.config.need_rare_clauses}
        lead_sentence, lead_hit = chosen[0]
        if not forms or any(f in lead_sentence.lower() for f in forms):
            return chosen
        score = {s[3]: s[0] for s in scored}
        for i, (sentence, hit) in enumerate(chosen[1:], start=1):
            if no_figure and target_only(self.leads.year_of(hit, sentence) + sentence):
                continue  # a target's figures do not lead an answer asking none ("全市律师事务所超过700家")
            if hit.clause.clause_id == lead_hit.clause.clause_id and any(f in sentence.lower() for f in forms) and \
                    score.get(sentence, 0.0) >= self.config.named_lead_ratio * score.get(lead_sentence, 0.0):
                return [chosen[i]] + chosen[:i] + chosen[i + 1:]
        return chosen

    def _directions(self, scored: list[Scored],
                    lead: Scored) -> list[tuple[str, Hit]]:
        """Directions asked of a trade ("市里对律师事务所这块有没有什么发展方向", "想往哪些方向发展"): the lead
        clause's measures, not its target's figures, in the clause's order, within companion_sentences and
        companion_chars; [] when the clause states none."""
        clause = lead[4].clause.clause_id
        picks = [s for s in scored if s[4].clause.clause_id == clause and s[0] > 0 and not is_bare(s[3])
                 and not target_only(self.leads.year_of(s[4], s[3]) + s[3])]
        chosen, length = [], 0
        for s in picks:  # likeliest first, within the caps
            if len(chosen) < self.config.companion_sentences and length + len(s[3]) <= self.config.companion_chars:
                chosen.append(s)
                length += len(s[3])
        return [(s[3], s[4]) for s in sorted(chosen, key=lambda s: s[2])]

    def _other_figure_kinds(self, query: Query, scored: list[Scored],
                            chosen: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
        """A question asking figures of different kinds in one breath ("2020年服务业增加值多少、占GDP多少"): a
        kind no chosen sentence states (亿元 for 增加值, % for 占GDP) is given by the lead clause's likeliest sentence
        stating one, when the sentence model finds it likely at all."""
        asked = query.text
        for segment in query.context:
            asked = asked.replace(segment, "")
        kinds = [k for k in dict.fromkeys(figure_kinds(asked)) if k]
        if len(kinds) < 2:
            return []
        lead = chosen[0][1].clause.clause_id
        said = "".join(s for s, _ in chosen)
        added: list[tuple[str, Hit]] = []
        for kind in kinds:
            if states_kind(said, kind):
                continue
            pick = next((s for s in scored if s[0] > 0 and s[4].clause.clause_id == lead and s[3] not in said
                         and states_kind(s[3], kind)), None)
            if pick:
                added.append((pick[3], pick[4]))
                said += pick[3]
        return added

    def _sector_figure(self, top: Hit, lead: Scored, scored: list[Scored], best: float, query: Query) -> Scored:
        """A sector's figure asked ("株洲现代物流定了哪些目标？"): retrieval's first clause, the sector's own (its heading
        "（三）现代物流服务" names what is asked), states it, not a general target listing the sector among others
        ("科技服务、信息服务、现代物流……等七大重点领域……规上企业达到500家", likelier by its words): that clause's
        likeliest sentence with a figure leads when it is about as likely (figure_ratio)."""
        own = _sector_words(query, {t: w for t, w in self.wording.content_terms(query).items()
                                    if t not in query.expansions})
        # the sector asked as a whole ("亿元楼宇要新增几栋" names a figure, which the general target may state)
        if lead[4].clause.clause_id == top.clause.clause_id or _heading_share(top, own) < self.config.heading_share \
                or _heading_share(lead[4], own):
            return lead
        return next((s for s in scored if s[4].clause.clause_id == top.clause.clause_id and has_figure(s[3])
                     and s[0] >= self.config.figure_ratio * best), lead)

    def _goal_rest(self, lead: Scored, scored: list[Scored], chosen: list[tuple[str, Hit]], asked: dict[str, float],
                   room: int) -> list[tuple[str, Hit]]:
        """A sector's targets asked, no figure of it named ("湘潭软件信息服务业定的目标是多少"; every asked word is in
        the clause's heading "2.软件和信息技术服务业"): the rest of the goal sentence the lead begins, cut at its
        semicolon ("……年均增速达20%以上；" → "培育一批……规模以上软件企业达50家"), when it states a figure too."""
        sentence, hit = lead[3], lead[4]
        if not sentence.endswith(("；", ";")) or not asked or _heading_share(hit, asked) < self.config.heading_share:
            return []
        said = "".join(s for s, _ in chosen)
        rest = next((s for s in scored if s[4].clause.clause_id == hit.clause.clause_id and s[2] == lead[2] + 1), None)
        if rest is None or rest[3] in said or not has_figure(rest[3]) or len(rest[3]) > room:
            return []
        return [(rest[3], rest[4])]

    def _other_half(self, query: Query, scored: list[Scored],
                    chosen: list[tuple[str, Hit]], asked: dict[str, float]) -> list[tuple[str, Hit]]:
        """Measures and a target asked together ("接下来几年会展这块有什么计划和目标"): when the answer quotes only
        one of the two, the lead clause's sentence of the other holding most of the asked words, the likelier
        first (a target's figures beside 引进农机展; the measure 推进BIM技术应用 beside the 80% modelling rate, not
        the clause's 双资质 measure, likelier for the whole question)."""
        if not _MEASURES_AND_TARGET.search(asked_part(query.text)):
            return []
        lead = chosen[0][1].clause.clause_id
        said = "".join(s for s, _ in chosen)

        def is_target(sentence: str, hit: Hit) -> bool:
            return has_figure(sentence) and target_only(self.leads.year_of(hit, sentence) + sentence)

        has_target = any(is_target(sentence, hit) for sentence, hit in chosen)
        if has_target and any(not is_target(sentence, hit) for sentence, hit in chosen):
            return []
        candidates = [s for s in scored if s[4].clause.clause_id == lead and s[0] > 0 and s[3] not in said
                      and not is_bare(s[3]) and is_target(s[3], s[4]) != has_target]
        if not candidates:
            return []
        pick = max(candidates, key=lambda s: (sum(w for t, w in asked.items() if t in s[3].lower()), s[0]))
        return [(pick[3], pick[4])]

    def companions(self, scored: list[Scored], chosen: list[tuple[str, Hit]],
                   best: float, terms: dict[str, float], own: set[str],
                   local: tuple[str, ...] = (), sentences: int | None = None,
                   chars: int | None = None, told: str = "", question: str = "") -> list[tuple[str, Hit]]:
        """The lead clause's other likely sentences that speak of what the asker asked, in the clause's order:
        whom a measure is for and what else it offers are often told beside the sentence that answers best
        ("促进小型律所规范健康发展" beside "发展数字法务", "点状供地" beside "长期租赁、先租后让"). A sentence
        scoring companion_ratio of the lead must add asked words (own) or their rare policy terms the answer
        lacks (companion_gain of their weight), or name the asker's county or district (local: "醴陵" of "我在醴陵
        开了个物流公司" in "醴陵湘赣边多式联运物流园"); one scoring companion_sure of the lead is quoted whatever its
        words. Within companion_chars and companion_sentences (or the sentences and chars given). told: the
        message, whose everyday words' rare terms may bring a less likely sentence; question: the message, when
        only its asking pieces may (a word they name only in a list is not spoken to)."""
        sentences = sentences or self.config.companion_sentences
        chars = chars or self.config.companion_chars
        lead = chosen[0][1].clause.clause_id
        said = "".join(s for s, _ in chosen)
        length, count = len(said), len(chosen)
        # (a word the question asks of, named only as one item of a long list, "跨境电商、农村电商、社区电商、……等新
        # 模式", is not spoken to: a sentence of the clause doing something about it is a companion, "完善农村电商服务
        # 体系"; not a word of the asker's story, "给硬质合金、电瓷的厂子测材料性能")
        asking = "".join(s for s in SEGMENT.findall(question or told) if QUESTION_WORD.search(s)).lower()
        covered = {t for t in terms if t in said.lower() and not (t in asking and _only_listed(t, said.lower()))}
        total = sum(terms.values()) or 1.0
        # the plans' rare terms for everyday words told (小所 → 小型律所) that nothing quoted speaks to yet, in either
        # form (用地 spoken to by 冷链设施用地需求 takes no 工业用地 sentence besides)
        unspoken = {t.lower() for words, forms in self.retriever.parser.lexicon.needs(told.lower())
                    if not any(w in said.lower() for w in words) and not any(f.lower() in said.lower() for f in forms)
                    for t in forms}
        picks = []
        for score, _, pos, sentence, hit in scored:
            low = score < self.config.companion_ratio * best
            if score < self.config.companion_ratio * self.config.companion_term_share * best:
                break
            if hit.clause.clause_id != lead or sentence in said or is_bare(sentence):
                continue
            if length + len(sentence) > chars or count >= sentences:
                continue
            # (a piece of a longer word the asker said counts only with it: "营业" of 营业执照 is not 营业收入; a
            # sentence holding nothing else is no companion, however likely)
            held = {t for t in terms if t in sentence.lower()}
            pieces = {t for t in held if _modifier_only(t, own, sentence.lower())}
            if held and held == pieces:
                continue
            new = held - pieces - covered
            # a policy term the asker's words expand to counts when few clauses hold it (走出去, 点状供地), not a
            # broad one (普惠金融 for 小公司: a topic, not what was asked)
            rare = {t for t in new if self.wording.clauses_holding(t) <= self.config.companion_rare_clauses
                    and not _narrowed(t, said.lower(), told.lower())}
            gain = sum(terms[t] for t in new if t in own or t in rare)
            if low and not (rare - own) & unspoken:
                continue  # (less likely, it must hold the plans' own rare term for a word told: 小所 → 小型律所)
            if score < self.config.companion_sure * best and gain < self.config.companion_gain * total and \
                    not any(name in sentence and name not in said for name in local):
                continue
            covered |= new
            picks.append((pos, sentence, hit))
            length += len(sentence)
            count += 1
        return [(sentence, hit) for _, sentence, hit in sorted(picks, key=lambda p: p[0])]

    def unmet_questions(self, query: Query, chosen: list[tuple[str, Hit]], intent: str, anchors: list[str],
                        room: int, limit: int, others: list[Hit] | None = None) -> list[tuple[str, Hit]]:
        """A message asking several questions ("市里对律所发展有啥方向？小所有没有被提到？") whose answer speaks to
        some only: for each question it leaves unspoken to, the likeliest sentence for that question on its own of
        the lead's clause (the first chosen) or of the other top clauses given ("……能拿去银行贷款吗？另外听说信用好
        的企业能进个啥白名单？": the white list is another clause's), when they hold one the answer does not quote
        yet; at most limit sentences, room characters."""
        asked = query.text
        for segment in query.context:
            asked = asked.replace(segment, "")
        segments = question_segments(asked)
        needs = need_segments(query.text)
        if not (segments or needs) or not chosen:
            return []
        lead = chosen[0][1]
        added: list[tuple[str, Hit]] = []
        for need in needs:
            # a want or lack told ("另外也缺懂国际业务的会计"): the lead clause's likeliest sentence for it alone not
            # quoted yet, when it is about as likely for it as the likeliest (the answer's own sentence often
            # scores first on the asker's trade words)
            said = "".join(s for s, _ in chosen + added)
            if self.wording.speaks_to(need, said):
                # a want the answer meets already ("想做成连锁" after "推进餐饮业连锁化经营") takes no second sentence
                # of its words ("加快便利店品牌化、连锁化" is another trade's)
                continue
            own = self.retriever.parser.parse(self.wording.mask_places(need))
            scored = [s for s in self.scored([lead], self.wording.content_terms(own), intent, anchors, own)
                      if not is_bare(s[3])]
            pick = next((s for s in scored if s[3] not in said), None)
            if not pick or pick[0] < self.config.need_second_ratio * scored[0][0]:
                continue
            if is_difficulty(need):
                # a difficulty told that the answer does not speak to yet ("找银行借钱人家也不太理我们" → 鼓励商业银行
                # 推广……信贷服务) is no padding: like a want, a sentence of low probability holding a word of it will
                # do, within companion_sentences and companion_chars
                if not self.wording.speaks_to(need, said) and pick[0] >= self.config.question_probability and \
                        self.wording.said_share(need, pick[3]) > 0 and \
                        len(chosen) + len(added) < self.config.companion_sentences and \
                        len(said) + len(pick[3]) <= self.config.companion_chars:
                    added.append((pick[3], pick[4]))
                    room -= len(pick[3])
            elif len(added) < limit and pick[0] >= self.config.need_probability and len(pick[3]) <= room:
                added.append((pick[3], pick[4]))
                room -= len(pick[3])
        for segment in segments:
            said = "".join(s for s, _ in chosen + added)
            # what a question asks, not the plan it names ("省里的服务业规划对这块怎么说？": 服务业 is not what is asked)
            asking = segment
            for span in query.doc_mentions:
                asking = asking.replace(span, "，")
            if len(added) >= limit or self.wording.speaks_to(asking, said):
                continue
            own = self.retriever.parser.parse(self.wording.mask_places(segment))
            # the likeliest sentence not quoted yet (the likeliest is often the one that answers the first question);
            # another clause's holding a word of the question's own, in its words or the plans' (not "加大对产业链供应
            # 链等重点领域的融资支持" for "新进规上有没有奖励")
            pool = [lead] + [h for h in others or [] if h.clause.clause_id != lead.clause.clause_id]
            # (the plans' terms for what the question says in everyday words: "向银行推荐" → 推介, 融资需求白名单)
            kin = [t.lower() for t in self.retriever.parser.lexicon.expand(segment)]
            scored = [s for s in self.scored(pool, self.wording.content_terms(own), intent, anchors, own)
                      if s[0] >= self.config.question_probability and not is_bare(s[3]) and s[3] not in said
                      and (s[4] is lead or self.wording.said_share(segment, s[3]) > 0 or any(t in s[3].lower() for t in kin))]
            # of its likely sentences, one holding the plans' terms for its words first ("……优先纳入融资需求白名单，并及时
            # 向金融机构推介", not "引导银行机构加大……信贷支持" by 银行 alone)
            scored.sort(key=lambda s: (not any(t in s[3].lower() for t in kin), -s[0]))
            # the lead clause's, unless another top clause's is far likelier
            pick = next((s for s in scored if s[4] is lead), None)
            other = next((s for s in scored if s[4] is not lead), None)
            if other and (not pick or other[0] >= self.config.question_other_ratio * pick[0]):
                pick = other
            if pick and len(pick[3]) <= room:
                added.append((pick[3], pick[4]))
                room -= len(pick[3])
        return added

    def _unmet_wants(self, query: Query, chosen: list[tuple[str, Hit]], intent: str, anchors: list[str],
                     others: list[Hit]) -> list[tuple[str, Hit]]:
        """Wants told in one message ("想送阿姨们去学育婴、护理；另外……想给她们买保险", "想找个软件企业扎堆的园区落
        脚；另外想拿专利去质押贷款") of which the answer speaks to some only: for each want it leaves unspoken to, the
        likeliest sentence for the want told with the asker's description, of the clause a search for it finds
        first, the lead's clause or the other top clauses, all of the plan the answer quotes (the insurance
        bullet beside the training one; the software park, not the patent clause), when it holds a word of the
        want's or one of their plan terms; a low probability will do (question_probability: "想往连锁方向做" →
        推动养老机构规模化、连锁化、品牌化发展). A want is not padding: it may go beyond max_sentences, within
        companion_chars."""
        wants = want_segments(query.text)
        if len(wants) < 2 or not chosen:
            return []
        told = "".join(query.context)
        lead = chosen[0][1]
        document = lead.document.doc_id  # a want is answered from the plan the answer quotes
        added: list[tuple[str, Hit]] = []
        for want in wants:
            said = "".join(s for s, _ in chosen + added)
            if self.wording.speaks_to(want, said):
                continue
            own = self.retriever.parser.parse(self.wording.mask_places(told + want))
            found = [h for h in self.retriever.search(own, k=self.config.want_k) if h.document.doc_id == document]
            # the want's own clause first: the search for it ranks it so, but the business told ranks its own
            # clause first too ("株洲一家中型会展公司，……也在考虑收购一家外地同行" → 会展服务 before 兼并重组): the
            # first that holds a word of the want's
            first = next((h for h in found if self.wording.said_share(want, h.clause.text) > 0), None)
            pool = list({h.clause.clause_id: h for h in found[:1] + ([first] if first else []) + [lead] + list(others[:3])
                         if h.document.doc_id == document}.values())
            best = next((s for s in self.scored(pool, self.wording.content_terms(own), intent, anchors, own)
                         if not is_bare(s[3])), None)
            # (the plans' term for an everyday word of the want counts: 收购 → 兼并重组)
            terms = [t.lower() for _, forms in self.retriever.parser.lexicon.needs(want.lower()) for t in forms]
            if best and best[0] >= self.config.question_probability and best[3] not in said and \
                    (self.wording.said_share(want, best[3]) > 0 or any(t in best[3].lower() for t in terms)) and \
                    len(said) + len(best[3]) <= self.config.companion_chars:
                added.append((best[3], best[4]))
        return added

    def unmet_need(self, query: Query, scored: list[Scored],
                   chosen: list[tuple[str, Hit]], best: float, room: int) -> list[tuple[str, Hit]]:
        """A specific need the asker names in everyday words ("比如住房、孩子上学", "做直播带货的", "零零散散地供地")
        that no chosen sentence speaks of, in the words or their policy terms: the likeliest sentence that does
        answers it too: one of the lead's clause above need_ratio of the lead, one of another top clause at
        keep_ratio ("厂房闲着": 存量房产, beside the 工业设计 the asker wants to set up).
        One sentence at most. Only a rare form counts (one that few clauses hold: 子女就学, 带货, 点状供地): a
        broad one (普惠金融, 养老服务, 外贸) names a topic the answer is already about."""
        if len(chosen) >= self.config.max_sentences:
            return []
        said = "".join(sentence for sentence, _ in chosen).lower()
        lead_clause = chosen[0][1].clause.clause_id
        asked = query.text
        if not _POINTS_BACK.search(asked):  # the asker's description is no need unless the question points back
            for segment in query.context:
                asked = asked.replace(segment, "")
        # what the asker lacks to pledge is no need of its own ("没有厂房可以抵押": the loan is, not a plant or land)
        asked = _LACKED_PLEDGE.sub("，", asked)
        # the asker's trade named in its description is no need either ("开了家家政公司，阿姨都是自己招的员工"),
        # unless the question points back at it ("省里对我们这行有啥说法")
        told = "" if _POINTS_BACK.search(query.text) else "".join(query.context).lower()
        for words, terms in self.retriever.parser.lexicon.needs(asked.lower()):
            forms = [f.lower() for f in words + terms]
            if any(f in said for f in forms) or any(w in told for w in words):
                continue  # said already, or the asker's own trade ("开了家家政公司，阿姨都是自己招的员工")
            rare = [f for f in forms if self.wording.clauses_holding(f) <= self.config.need_rare_clauses]
            for score, _, _, sentence, hit in scored:
                # the lead clause's sentence holding the need's rare form answers it though the sentence model
                # scores it low for the whole question ("人家最关心房子和小孩读书" → 住房、医疗、子女就学等方面的便利服
                # 务, 0.009 beside 0.195); another clause's must be likely too
                own = hit.clause.clause_id == lead_clause
                if score <= self.config.need_ratio * best or not own and score < self.config.keep_ratio * best:
                    continue
                if len(sentence) <= room and not is_bare(sentence) and any(f in sentence.lower() for f in rare):
                    return [(sentence, hit)]
        return []


def _listed(name: str, sentence: str) -> bool:
    """Is a place named only as one of a list of places in the sentence ("长沙、株洲、湘潭、岳阳、衡阳")?"""
    return bool(re.search(f"[、和与及]{re.escape(name)}|{re.escape(name)}[、和与及]", sentence))


_LIST_RUN = re.compile(r"[^，,。；;：:]*(?:、[^，,。；;：:、]*){3,}")  # a run of four items or more ("A、B、C、D等")


def _only_listed(term: str, text: str) -> bool:
    """Is every mention of a term in text one item of a list of four or more, after its first (which holds what
    the sentence says before the list: "对在社区提供日间照料、康复护理、……等服务机构" is about 社区 services)?"""
    runs = [(m.start() + m.group().index("、"), m.end()) for m in _LIST_RUN.finditer(text)]
    return all(any(a < m.start() and m.end() <= b for a, b in runs) for m in re.finditer(re.escape(term), text))


def _modifier_only(term: str, words, sentence: str) -> bool:
    """Is a term only the leading piece of a longer word the asker said that the sentence lacks ("营业" of
    营业执照 in "营业收入")? The head of a word, its end, is no such piece ("贷款" of 银行贷款)."""
    return any(term != word and term in word and not word.endswith(term) and word not in sentence for word in words)


def _narrowed(term: str, said: str, told: str) -> bool:
    """Is a policy term a word of the asker's that the answer already speaks to, narrowed by a modifier the asker never
    used (工业用地 once 冷链设施用地需求 speaks to a cold store's 用地: 工业 is nothing it said; 小型律所 for a 小律所 keeps
    its 小)? Read in characters: jieba may cut the asker's word into another ("用地上有没有政策" → 地上)."""
    return any(term[-k:] in said and term[-k:] in told and not any(c in told for c in term[:-k])
               for k in range(2, len(term)))


def _sector_words(query: Query, terms: dict[str, float]) -> dict[str, float]:
    """The question's words for what it asks of a sector: not the plan it names ("十四五服务业规划") nor a year."""
    return {t: w for t, w in terms.items() if not any(t in m for m in query.doc_mentions) and not t.isdigit()}


def _heading_share(hit: Hit, words: dict[str, float]) -> float:
    """The share of the words, by weight, that the clause's heading holds ("发展" weighs little, no figure's name)."""
    heading = "".join(hit.clause.section_path[-1:]).lower()
    return sum(w for t, w in words.items() if t in heading) / (sum(words.values()) or 1.0)
