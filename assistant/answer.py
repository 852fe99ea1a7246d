"""Grounded answers: extract the sentences that answer from retrieved clauses, cite each, or decline."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from corpus.models import Clause, Document
from embeddings.passages import clause_sentences
from assistant.places import Place, PlaceTable, load_places
from assistant.query import Query
from assistant.retrieve import Filters, Hit, Retriever
from assistant.silence import (Evidence, PhraseIndex, is_procedure, question_reason, silence_reason,
                               unanswered_by)

MAX_QUESTION_CHARS = 2000
EMPTY_MESSAGE = "问题为空，请输入要查询的问题。"
TOO_LONG_MESSAGE = f"问题太长（超过{MAX_QUESTION_CHARS}字），请精简后再问。"

_INTENTS = [  # first match wins
    ("amount", re.compile(r"多少钱|多少万|多少元|金额|额度|多少(补贴|补助|奖励|奖金|资金)|(补贴|奖励|补助|资助|奖补|奖|补|给|返)[了]?多少|几万|"
                          r"一次性奖励|(补贴|奖励|补助|资助)(标准|比例)|(资金|基金)[^，,。？?]{0,6}(规模|多少|多大)")),
    ("date", re.compile(r"(什么时候|何时|哪年|哪一年|几月|哪天)(能|会|要|可以)?(建成|完成|建好|投用|投入使用|开通|开工|启动|截止|办完)|"
                        r"截止(日期|时间)|最晚(什么时候|哪天)")),
    ("cited_document", re.compile(r"(依据|根据|按照|依照)[^，,。？?]{0,10}(文件|通知|规定)")),
    ("doc_number", re.compile(r"文号|发文字号|字号")),
    ("validity", re.compile(r"有效期|施行|生效|失效|还有效|有效吗|管几年|管多久|到期|过期")),
    ("issuer", re.compile(r"(哪个|什么)(单位|部门|机关)(印发|发布|发的|出台)|发文(单位|机关)|谁(印发|发布|发的)|"
                          r"(什么时候|哪天|何时)(印发|发布|出台|签发)|印发(日期|时间)|成文日期")),
    ("department", re.compile(r"责任单位|牵头|哪个部门|哪些部门|谁负责|找哪个|归谁管|主管部门|哪个单位|哪些单位|由谁")),
    ("support", re.compile(r"(有|能|可以)?(哪些|什么)(支持|政策|扶持|措施|优惠|帮助)|能享受|享受|扶持|能拿到|能获得|适用")),
    ("number", re.compile(r"多少|几家|几个|几项|比重|占比|目标|增长|达到|规模|[0-9]+%|百分之")),
]
_GENERIC_TERMS = set("支持 政策 企业 公司 我们 有没有 哪些 什么 方面 这块 这个 规划 计划 方案 文件 里 提出 目标 打算 "
                     "怎么 要求 市里 省里 一家 情况 相关 说 是 有 多少 哪个 部门 具体".split())
_MONEY = re.compile(r"\d+(\.\d+)?\s*(万|亿)?元")
_FUNDS = re.compile(r"补贴|奖励|补助|资助|奖补|减免|贴息|资金|基金")
_COMPARISON = re.compile(r"比较|相比|对比|哪个.{0,6}(大|高|多|好|强|优)|谁.{0,4}(大|高|多|好|强)|比.{0,8}(大|高|多|好|强)|"
                         r"(和|跟|与|同)[^，,。？?]{1,8}比|更(大|高|多|好|强|优)")
_DEPT_NOTE = re.compile(r"^[（(]\s*(责任单位|牵头单位|配合单位)")
_CAPTION = re.compile(r"^图\s*\d+")  # figure captions left in the text by the PDF extraction
_LABEL = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|——)")


@dataclass(frozen=True)
class Citation:
    n: int
    clause_id: str
    doc_id: str
    doc_title: str
    doc_number: str | None
    section: str
    text: str
    in_force: bool | None
    departments: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"n": self.n, "clause_id": self.clause_id, "doc_title": self.doc_title,
                "doc_number": self.doc_number, "section": self.section, "text": self.text,
                "in_force": self.in_force}


@dataclass(frozen=True)
class Answer:
    query: str
    text: str
    refused: bool
    citations: tuple[Citation, ...] = ()
    intent: str = "fact"
    hits: tuple[Hit, ...] = field(default=(), compare=False, repr=False)

    def to_json(self) -> dict:
        return {"query": self.query, "answer": self.text, "refused": self.refused,
                "citations": [c.to_json() for c in self.citations]}


@dataclass(frozen=True)
class AnswerConfig:
    k: int = 8
    support_k: int = 10
    max_sentences: int = 3
    max_chars: int = 320
    min_dense: float = 0.865  # below this top dense similarity, with weak keywords, the corpus is silent
    min_bm25: float = 8.0
    lexical_weight: float = 1.0
    keep_ratio: float = 0.7  # further sentences must score at least this share of the best one
    measure_ratio: float = 0.5  # support measures must score at least this share of the best measure


def detect_intent(text: str) -> str:
    if is_procedure(text):
        return "procedure"
    return next((name for name, pattern in _INTENTS if pattern.search(text)), "fact")


class _Cites:
    """Numbers clauses in order of first use."""

    def __init__(self, today: date):
        self.today = today
        self.items: list[Citation] = []

    def __call__(self, clause: Clause, document: Document) -> str:
        for c in self.items:
            if c.clause_id == clause.clause_id:
                return f"[{c.n}]"
        n = len(self.items) + 1
        self.items.append(Citation(n, clause.clause_id, document.doc_id, document.title, document.doc_number,
                                   clause.section, clause.text, document.in_force(self.today),
                                   clause.departments))
        return f"[{n}]"


class Answerer:
    def __init__(self, retriever: Retriever, places: PlaceTable | None = None,
                 config: AnswerConfig = AnswerConfig()):
        self.retriever = retriever
        self.places = places if places is not None else load_places()
        self.config = config
        self.tokenize = retriever.bm25.tokenize
        corpus = retriever.corpus
        self._library = tuple(d.title for d in corpus.documents) + tuple(
            d.doc_number for d in corpus.documents if d.doc_number)  # what question_reason checks against
        self._aliases = sorted({a for r in retriever.regions.regions for a in r.names}, key=len, reverse=True)
        self._phrases = PhraseIndex({d.doc_id: "".join(c.text for c in corpus.clauses_of(d.doc_id))
                                     for d in corpus.documents})
        self._sentence_rows: dict[tuple[str, str], int] = {
            pair: row for row, pair in enumerate(retriever.index.sentences)}

    def ask(self, question: str, filters: Filters = Filters(), today: date | None = None) -> Answer:
        """Answer one question on its own. Empty or over-long input gets a message, never an exception."""
        today = today or date.today()
        if not any(ch.isalnum() for ch in question or ""):
            return Answer(question or "", EMPTY_MESSAGE, True, (), "invalid")
        if len(question) > MAX_QUESTION_CHARS:
            return Answer(question, TOO_LONG_MESSAGE, True, (), "invalid")
        query = self.retriever.parser.parse(question)
        intent = detect_intent(query.text)
        cites = _Cites(today)
        outside, filters, declined = self._place_scope(query, intent, filters)
        if declined:
            return declined
        preferred = self.retriever.preferred_docs(query)
        if preferred and not preferred & self.retriever.allowed_docs(filters):
            places = "、".join(query.regions)
            return Answer(question, f"当前筛选范围内没有{places}的政策文件（可能已失效或被筛选排除），"
                                    f"请调整筛选条件后再问。", True, (), intent)
        if intent == "support" and preferred:
            # Support measures come from the documents covering the enterprise's place, and no others.
            filters = Filters(doc_ids=tuple(sorted(preferred & self.retriever.allowed_docs(filters))),
                              in_force_only=filters.in_force_only, on=filters.on)
        k = self.config.support_k if intent == "support" else self.config.k
        hits = self.retriever.search(query, k=k, filters=filters)
        if not hits:
            return Answer(question, "现有政策文件中没有找到与这个问题相关的内容。", True, (), intent)
        anchors = [place.name for place in outside]
        if anchors:  # the province's clauses that name the asked place answer first
            hits = sorted(hits, key=lambda h: not any(a in h.clause.text for a in anchors))
        reason = question_reason(query.text, self._library)
        if reason:
            return self._decline(question, query, intent, hits, cites, reason)
        if intent in ("doc_number", "validity", "issuer"):
            return self._meta_answer(question, query, intent, hits, cites, today)
        if intent == "cited_document":
            answer = self._cited_document_answer(question, query, hits, cites)
            if answer:
                return answer
        terms = self._content_terms(query)
        if not terms and not query.regions and intent in ("fact", "number"):
            return Answer(question, "没能识别出要查询的内容，请换个说法，例如“长沙对物流服务有哪些目标？”。",
                          True, (), intent, tuple(hits))
        if not self._relevant(hits[0]):
            return self._decline(question, query, intent, hits, cites, "现有政策文件中没有与这个问题直接相关的规定。")
        top = hits[:3]
        reason = silence_reason(query.text, Evidence(tuple(h.clause.text for h in top),
                                                     tuple(h.document.title for h in top)))
        if reason:
            return self._decline(question, query, intent, hits, cites, reason)
        masked = self._mask_places(query.text)
        elsewhere = self._phrases.target_elsewhere(masked, preferred) if intent in ("number", "fact", "amount") else None
        if elsewhere:
            titles = "、".join(f"《{d.title}》" for d in self.retriever.corpus.documents if d.doc_id in preferred)
            return self._decline(question, query, intent, hits, cites, f"{titles}没有提到“{elsewhere}”的目标。")
        if intent == "support":
            answer = self._support_answer(question, query, hits, terms, cites, today)
            if outside and not answer.refused:
                # The province's measures apply there, but the place itself has no document: say so first.
                names = "、".join(p.name for p in outside)
                note = f"现有政策文件中没有{names}本级的政策文件；以下是适用于{names}的省级规划中的相关措施：\n"
                return Answer(question, note + answer.text, True, answer.citations, "support", answer.hits)
            return answer
        if intent == "department" and hits[0].clause.departments:
            return self._department_answer(question, query, hits, terms, cites)
        # Quote only the asked place's documents (and its province's) when the question names a place.
        own = [h for h in hits[:3] if h.document.doc_id in preferred] if preferred else []
        chosen = self._best_sentences(own or hits[:3], terms, intent, anchors, query)
        if intent == "amount" and not any(_MONEY.search(s) and _FUNDS.search(s) for s, _ in chosen):
            return self._decline(question, query, intent, hits, cites, "现有政策文件没有规定具体的金额或补贴标准。")
        reason = unanswered_by(query.text, [s for s, _ in chosen])
        if reason:
            return self._decline(question, query, intent, hits, cites, reason)
        if not chosen:
            reason = (f"现有政策文件中没有{'、'.join(anchors)}本级的政策文件，省级规划也没有就此作出规定。" if anchors
                      else "现有政策文件中没有找到回答这个问题的内容。")
            return self._decline(question, query, intent, hits, cites, reason)
        text = "".join(f"{s}{cites(h.clause, h.document)}" for s, h in chosen)
        return Answer(question, text, False, tuple(cites.items), intent, tuple(hits))

    def best_sentence(self, hit: Hit, query: Query) -> str:
        """The one sentence of a hit's clause that best answers the query."""
        chosen = self._best_sentences([hit], self._content_terms(query), "support", [], query)
        return chosen[0][0] if chosen else hit.clause.text.replace("\n", "")[:120]

    def departments_of(self, question: str, clause_id: str, today: date | None = None) -> Answer:
        """Answer "who is responsible" for a clause cited earlier in the conversation."""
        corpus = self.retriever.corpus
        clause = corpus.clause(clause_id)
        if clause is None:
            return self.ask(question, today=today)
        document = corpus.document(clause.doc_id)
        hit = Hit(1, 1.0, clause, document, {})
        return self._department_answer(question, self.retriever.parser.parse(question), [hit], {},
                                       _Cites(today or date.today()))

    # -- pieces -------------------------------------------------------------------------------

    def _place_scope(self, query: Query, intent: str, filters: Filters) -> tuple[list[Place], Filters, Answer | None]:
        """Places the corpus does not cover: a decline when the question is about one (宜昌, 湖北省, a
        comparison with 成都), or, for a city of a covered province (岳阳), the province's documents only
        and the city's name as an anchor. Returns (uncovered places kept, filters, decline or None)."""
        outside = self.places.outside(query.text, {a for r in self.retriever.regions.regions for a in r.names})
        if outside and query.regions and _COMPARISON.search(query.text):
            return [], filters, self._decline_place(query, outside, intent)
        provinces_named = {r for r in query.regions if self.retriever.regions.get(r).level == "province"}
        if query.regions and not {p.province for p in outside} <= provinces_named:
            outside = []  # a covered place is the subject; others are only mentioned along the way
        with_docs = {d.region for d in self.retriever.corpus.documents}
        if outside:
            provinces = {place.province for place in outside}
            if not provinces & with_docs or intent in ("doc_number", "validity", "issuer"):
                return [], filters, self._decline_place(query, outside, intent)
            filters = Filters(doc_ids=filters.doc_ids, regions=tuple(provinces & with_docs),
                              in_force_only=filters.in_force_only, on=filters.on)
        bare = [r for r in query.regions if r not in with_docs]
        named = [r for r in query.regions if r in with_docs and r.rstrip("省") in query.text]
        if bare and not named:
            # e.g. 湖北省: a known region with no document of its own (武汉's plan is not the province's);
            # "全省" alone does not make the question about 湖南省.
            return [], filters, self._decline_place(query, [Place(r, r, "") for r in bare], intent)
        return outside, filters, None

    def _mask_places(self, text: str) -> str:
        """The text with covered place names cut out, so a phrase never spans a place name."""
        for alias in self._aliases:
            text = text.replace(alias, "，")
        return text

    def _relevant(self, hit: Hit) -> bool:
        dense = hit.why.get("dense", {}).get("score", 0.0)
        bm25 = hit.why.get("bm25", {}).get("score", 0.0)
        return dense >= self.config.min_dense or bm25 >= self.config.min_bm25

    def _content_terms(self, query: Query) -> dict[str, float]:
        places = {a for r in self.retriever.regions.regions for a in r.names}
        terms = {}
        for term in self.tokenize(query.text) + list(query.expansions):
            if term in _GENERIC_TERMS or term in places or len(term) < 2:
                continue
            terms[term] = self.retriever.bm25.idf(term)
        return terms

    def _sentence_score(self, sentence: str, terms: dict[str, float], intent: str, anchors: list[str],
                        similarity: float) -> float:
        total = sum(terms.values()) or 1.0
        coverage = sum(w for t, w in terms.items() if t in sentence) / total
        score = self.config.lexical_weight * coverage + max(0.0, similarity - 0.75) / 0.2
        if intent == "number" and re.search(r"\d", sentence):
            score *= 1.5
        if anchors and not any(a in sentence for a in anchors):
            return 0.0
        return score

    def _scored_sentences(self, hits: list[Hit], terms: dict[str, float], intent: str, anchors: list[str],
                          query: Query | None) -> list[tuple[float, int, int, str, Hit]]:
        """(score, hit rank, position, sentence, hit) for every quotable sentence, best first."""
        scored = []
        vector = self.retriever.query_vector(query)[0] if query is not None else None
        vectors = self.retriever.index.sentence_vectors
        for rank, hit in enumerate(hits):
            for pos, sentence in enumerate(clause_sentences(hit.clause)):
                clean = _LABEL.sub("", sentence).strip()
                if pos == 0 and _LABEL.match(sentence) and len(clean) <= 24:
                    continue  # the clause's own heading, e.g. "（三）现代物流服务。"
                if _CAPTION.match(clean) or len(clean) < 6 or _DEPT_NOTE.match(clean):
                    continue
                row = self._sentence_rows.get((hit.clause.clause_id, sentence))
                similarity = float(vectors[row] @ vector) if vector is not None and row is not None else 0.75
                score = self._sentence_score(clean, terms, intent, anchors, similarity) * (1.0 - 0.15 * rank)
                scored.append((score, rank, pos, clean, hit))
        scored.sort(key=lambda s: (-s[0], s[1], s[2]))
        return scored

    def _best_sentences(self, hits: list[Hit], terms: dict[str, float], intent: str,
                        anchors: list[str], query: Query | None = None) -> list[tuple[str, Hit]]:
        """The top clause's best sentence, then up to two more that score close to the best."""
        scored = self._scored_sentences(hits, terms, intent, anchors, query)
        if not scored or (scored[0][0] <= 0 and anchors):
            return []
        best = scored[0][0]
        chosen, length = [], 0
        lead = next((s for s in scored if s[1] == 0), scored[0])  # the top clause always leads
        for item in [lead] + [s for s in scored if s is not lead]:
            score, _, _, sentence, hit = item
            if chosen and (score < self.config.keep_ratio * best or score <= 0):
                break
            if chosen and length + len(sentence) > self.config.max_chars:
                continue
            chosen.append((sentence, hit))
            length += len(sentence)
            if len(chosen) >= self.config.max_sentences:
                break
        return chosen

    def _department_answer(self, question: str, query: Query, hits: list[Hit], terms, cites: _Cites) -> Answer:
        with_depts = [h for h in hits[:1] if h.clause.departments]
        if not with_depts:
            chosen = self._best_sentences(hits[:3], terms, "department", [], query)
            text = "".join(f"{s}{cites(h.clause, h.document)}" for s, h in chosen)
            note = "该条款未列明责任单位。"
            return Answer(question, note + text, False, tuple(cites.items), "department", tuple(hits))
        hit = with_depts[0]
        clause = hit.clause
        parts = []
        if clause.lead_departments:
            others = [d for d in clause.departments if d not in clause.lead_departments]
            parts.append(f"牵头单位为{'、'.join(clause.lead_departments)}"
                         + (f"，责任单位为{'、'.join(others)}" if others else ""))
        else:
            parts.append(f"责任单位为{'、'.join(clause.departments)}")
        heading = clause.section_path[-1] if clause.section_path else clause.label
        text = f"《{hit.document.title}》“{heading}”的{parts[0]}{cites(clause, hit.document)}。"
        chosen = self._best_sentences([hit], terms, "fact", [], query)
        if chosen:
            text += f"该条款提出：{chosen[0][0]}{cites(chosen[0][1].clause, chosen[0][1].document)}"
        return Answer(question, text, False, tuple(cites.items), "department", tuple(hits))

    def _support_answer(self, question: str, query: Query, hits: list[Hit], terms, cites: _Cites,
                        today: date) -> Answer:
        """Measures grouped by document, the asked place's own documents first; each measure is the
        best sentence of a clause, kept only if it scores near the best measure."""
        measures = []
        for hit in hits:
            scored = self._scored_sentences([hit], terms, "support", [], query)
            if scored:
                measures.append((scored[0][0], scored[0][3], hit))
        best = max((m[0] for m in measures), default=0.0)
        measures = [m for m in measures if m[0] > 0 and m[0] >= self.config.measure_ratio * best]
        own = {d.doc_id for d in self.retriever.corpus.documents if d.region in query.regions}
        by_doc: dict[str, list[tuple[float, str, Hit]]] = {}
        for measure in sorted(measures, key=lambda m: m[2].document.doc_id not in own):
            by_doc.setdefault(measure[2].document.doc_id, []).append(measure)
        lines = []
        for doc_measures in by_doc.values():
            document = doc_measures[0][2].document
            status = "" if document.in_force(today) else "（该文件已过有效期，仅供参考）"
            lines.append(f"《{document.title}》{status}：")
            for _, sentence, hit in doc_measures[:4]:
                heading = hit.clause.section_path[-1] if hit.clause.section_path else ""
                dept = f"（责任单位：{'、'.join(hit.clause.departments)}）" if hit.clause.departments else ""
                lines.append(f"- {heading}：{sentence}{dept}{cites(hit.clause, document)}")
        if not cites.items:
            return self._decline(question, query, "support", hits, cites, "现有政策文件中没有找到相关的支持措施。")
        return Answer(question, "\n".join(lines), False, tuple(cites.items), "support", tuple(hits))

    def _meta_answer(self, question: str, query: Query, intent: str, hits: list[Hit], cites: _Cites,
                     today: date) -> Answer:
        document = self._target_document(query, hits)
        doc_hits = [h for h in hits if h.document.doc_id == document.doc_id]
        clauses = self.retriever.corpus.clauses_of(document.doc_id)
        validity_clause = next((c for c in clauses if "有效期" in c.text and "施行" in c.text), None)
        clause = validity_clause if intent == "validity" and validity_clause else (
            doc_hits[0].clause if doc_hits else clauses[0])
        mark = cites(clause, document)
        title = f"《{document.title}》"
        if intent == "doc_number":
            text = f"{title}的文号是{document.doc_number}{mark}。" if document.doc_number else \
                f"{title}的文本中没有找到文号{mark}。"
        elif intent == "issuer":
            when = document.issued or document.printed
            text = f"{title}由{document.issuer or '（文本未注明）'}印发" + \
                   (f"，日期为{when.year}年{when.month}月{when.day}日" if when else "") + f"{mark}。"
        else:
            status = {True: "目前有效", False: "目前已失效", None: "有效期无法从文本确定"}[document.in_force(today)]
            if document.validity_text and document.validity_text.startswith("自"):
                text = f"{title}{document.validity_text}"
            elif document.validity_text:
                text = f"{title}的{document.validity_text}"
            else:
                text = f"{title}的文本没有写明有效期"
            if document.valid_until:
                u = document.valid_until
                text += f"，有效至{u.year}年{u.month}月{u.day}日"
            text += f"，{status}{mark}。"
        return Answer(question, text, False, tuple(cites.items), intent, tuple(hits))

    def _cited_document_answer(self, question: str, query: Query, hits: list[Hit], cites: _Cites) -> Answer | None:
        """"Which document is this plan based on?": the plan's own 根据《…》 sentence, usually in its preamble."""
        document = self._target_document(query, hits)
        for clause in self.retriever.corpus.clauses_of(document.doc_id):
            for sentence in clause_sentences(clause):
                if re.search(r"(根据|依据|按照|依照)[^。]{0,20}《", sentence):
                    text = f"{_LABEL.sub('', sentence)}{cites(clause, document)}"
                    return Answer(question, text, False, tuple(cites.items), "cited_document", tuple(hits))
        return None

    def _target_document(self, query: Query, hits: list[Hit]) -> Document:
        """The document a meta question is about: the one of the place it names, else the top hit's."""
        named = [d for d in self.retriever.corpus.documents if d.region in query.regions]
        return named[0] if len(named) == 1 else hits[0].document

    def _decline(self, question: str, query: Query, intent: str, hits: list[Hit], cites: _Cites,
                 reason: str) -> Answer:
        related = [h for h in hits[:2] if self._relevant(h)]
        text = reason
        if related:
            refs = "；".join(f"《{h.document.title}》{h.clause.section_path[-1] if h.clause.section_path else ''}"
                            f"{cites(h.clause, h.document)}" for h in related)
            text += f"最接近的相关条款：{refs}。"
            depts = next((h.clause.departments for h in related if h.clause.departments), ())
            if depts:
                text += f"具体事宜可咨询该条款的责任单位：{'、'.join(depts[:4])}。"
        return Answer(question, text, True, tuple(cites.items), intent, tuple(hits))

    def _decline_place(self, query: Query, outside: list[Place], intent: str) -> Answer:
        covered = "、".join(sorted({d.region for d in self.retriever.corpus.documents if d.region}))
        text = f"现有政策文件不涉及{'、'.join(p.name for p in outside)}。本库收录的是{covered}的政策文件。"
        return Answer(query.original, text, True, (), intent)
