"""Hybrid retrieval: FAISS dense + jieba BM25, fused by reciprocal rank, with place preference and filters;
questions attached to clauses (doc2query) add two more ranked lists to the fusion."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Literal

import numpy as np

from corpus.models import Clause, Corpus, Document
from corpus.regions import RegionTable
from embeddings.bm25 import BM25
from embeddings.calibration import scales_of
from embeddings.dense import exact_scores
from embeddings.encoders import Encoder
from embeddings.store import LoadedIndex
from assistant.query import Query, QueryParser, asked_part

Mode = Literal["hybrid", "dense", "bm25"]
# A question about the document itself: its basis or purpose (what its preamble states), or who carries it out;
# the document's name is then part of what is asked.
_ABOUT_BASIS = re.compile(r"根据|依据|按照|目的|为什么|为何|背景|出台|制定")
_ABOUT_DOCUMENT = re.compile(_ABOUT_BASIS.pattern + r"|落地|落实|统筹|牵头|负责")
# Who coordinates or carries out the whole plan ("由哪个机构统筹协调", "谁负责组织实施").
_ABOUT_COORDINATION = re.compile(r"统筹协调|统筹推进|总负责|牵头抓总|联席会议|领导小组|(谁|哪个部门|哪个机构|哪个单位)(来)?统筹|"
                                 r"(负责|组织|推动|落地)实施|抓(好)?落实")
# Questions about the document as a whole, each answered by a clause of a kind every plan has: its validity
# rule (本文件自…起施行，有效期3年), the basis its preamble cites (根据《…》), and its overall coordination
# (保障措施's 统筹协调/联席会议/领导小组). (question pattern, clause test on (section path, text))
_DOCUMENT_CLAUSES: tuple[tuple[re.Pattern, Callable[[tuple[str, ...], str], bool]], ...] = (
    (re.compile(r"施行|有效期|生效|失效|(开始|起)(实施|执行)"),
     lambda path, text: bool(re.search(r"施行.{0,6}有效期|有效期.{0,12}施行", text))),
    (re.compile(r"(根据|依据|按照|依照)[^，,。？?]{0,12}(文件|通知|规定|方案|意见)|制定依据|上位"),
     lambda path, text: bool(path) and path[0] == "前言" and bool(re.search(r"(根据|依据|按照)[^。]{0,6}《", text))),
    (_ABOUT_COORDINATION,
     lambda path, text: bool(path) and "保障" in path[0] and bool(re.search(r"统筹协调|统筹推进|联席会议|领导小组|推进机制", text))),
)


# The factors a firm needs that a plan both grows as an industry (a chapter on 金融服务, on 人力资源服务) and grants
# every firm in its safeguards (保障措施: 信贷支持, 融资需求白名单; 人才支撑).
_FACTOR_TERMS = frozenset({"融资", "信贷", "贷款", "金融服务", "人才", "人力资源"})
_FACTOR_WORDS = ("贷款", "融资", "金融", "质押", "人才")  # inside the name of a particular instrument or programme

# A question asking who is responsible for a task, and the words of it that only ask that.
_DEPARTMENT_ASK = re.compile(r"责任单位|牵头|负责|哪个部门|哪些部门|哪个单位|哪些单位|归[^，,。？?]{0,5}管|主管部门")
_DEPARTMENT_WORD = re.compile(r"责任|单位|责任单位|牵头|牵头单位|负责|部门|主管|主管部门|哪些|哪个")


@dataclass(frozen=True)
class Filters:
    """Caller-chosen restrictions; empty means no restriction."""

    doc_ids: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    in_force_only: bool = False
    on: date | None = None  # the day validity is judged on; today when None


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float
    clause: Clause
    document: Document
    why: dict = field(default_factory=dict)  # per-path ranks and scores, for debugging and the eval


@dataclass(frozen=True)
class RetrievalConfig:
    # Tuned on the dev split only (a sweep of rrf_k 30/60, weights 0.7–1.3, bonus 0–0.04): gains were
    # 1–2 questions in 97, so the defaults stay close to plain RRF.
    rrf_k: int = 30
    dense_weight: float = 0.8
    bm25_weight: float = 1.3
    region_bonus: float = 0.02  # added to the fused score of clauses from the asked place's documents
    # Words of a document's name in the question (湖南“十四五”服务业规划: 十四五, 服务业, 规划) weigh this much in
    # BM25: they pick the document, which the place preference already does, and otherwise match the preamble
    # that repeats the title. Dev (hit@1 / hit@5 / MRR, own-place bonus on): 1.0 → 0.780 / 0.950 / 0.851;
    # 0 → 0.792 / 0.943 / 0.856 (removing them from the dense query as well: 0.789 / 0.934 / 0.853).
    doc_name_weight: float = 0.0
    # The same for the names of the places asked about: BM25 otherwise favours the clauses that repeat the
    # city's name ("长沙软件业") over the one on the subject asked ("长沙物流服务" → 长沙 2.4, which never
    # says 长沙). Dev (hit@1 / hit@5 / MRR): 1.0 → 0.855 / 0.978 / 0.907; 0.5 → 0.865 / 0.984 / 0.913;
    # 0.3 → 0.865 / 0.981 / 0.913; 0 → 0.865 / 0.981 / 0.912.
    place_name_weight: float = 0.5
    # Added again to the clauses of the named place's own documents, not its province's: a city's question is
    # answered from its own plan first. Dev (hit@1 / hit@5 / MRR): 0 → 0.755 / 0.943 / 0.834; 0.005 → 0.774 /
    # 0.947 / 0.846; 0.01–0.04 → 0.780 / 0.950 / 0.851 (kept 0.02, the place bonus's size).
    own_place_bonus: float = 0.02
    # The words that ask for a department (负责, 部门, 牵头单位) weigh this much in BM25 when a question asks who is
    # responsible for a task: every clause lists its 责任单位, so they name no task, and they match the 保障措施
    # clause ("各责任单位明确分管负责同志") over the task's own ("长沙的现代物流归哪些部门负责" → 长沙 4.1, not 2.4).
    # Dev (hit@1 / hit@5 / MRR): 1.0, 0.5 and 0 all 0.851 / 0.979 / 0.901 (retrieval sweep, 235 questions).
    ask_form_weight: float = 0.0
    # Taken off the fused score of a document's preamble (前言: "为……，制定本规划"), which states the plan's purpose
    # and basis, never a measure or a figure, unless the question asks for those (_ABOUT_BASIS).
    # Dev: 0 → 0.792 / 0.943 / 0.856; 0.005 → 0.796 / 0.943 / 0.858; 0.01–0.03 → 0.799 / 0.943 / 0.861.
    preamble_penalty: float = 0.01
    # Added to the clauses of the kind a question about the whole document asks for (_DOCUMENT_CLAUSES).
    # Dev (hit@1 / hit@5 / MRR): 0 → 0.808 / 0.969 / 0.870; 0.01 → 0.833 / 0.975 / 0.893; 0.02 and 0.04 →
    # 0.840 / 0.975 / 0.896.
    document_clause_bonus: float = 0.02
    # What the asker says of itself before asking ("我们是长沙一家软件公司，……") names its trade, which matches the
    # trade's clauses rather than the measure asked for: the dense query is this mix of the asked part's vector
    # and the whole question's. Dev (hit@1 / hit@5 / MRR; 0.799 / 0.956 / 0.862 without): share 0.2 → 0.802 /
    # 0.965 / 0.867, 0.3 → 0.802 / 0.969 / 0.867, 0.4 → 0.808 / 0.969 / 0.870, 0.5 → 0.796 / 0.972 / 0.863.
    # Weighing the description's words down in BM25 as well cost hit@1 (weight 0.5 → 0.796, 0 → 0.789; with
    # share 0.3 no better), so BM25 reads it whole: it often holds the need itself ("我们手上有几项专利，").
    asked_dense_share: float = 0.4
    # Added to the clauses that name the part of a city the question names (湘潭县, 醴陵, 光谷: an alias of the
    # city other than its own name): "湘潭县的老房子改民宿" is answered by the clause on 湘潭县's 民宿, not by
    # the one on housing that BM25 finds by 房子.
    subplace_bonus: float = 0.01
    subplace_depth: int = 10
    candidates: int = 100
    # Attached questions (off unless Settings.attached_questions names a file): clauses ranked by their best
    # attached question (dense question-to-question cosine, and BM25 over the questions) join the fusion as two
    # more lists, counted down to `question_depth`. They move ranks only: a hit's dense and BM25 scores stay its
    # own text's, which the answer layer's thresholds read. Dev sweep (hit@1 / hit@5 / MRR of the system; 0.755 /
    # 0.943 / 0.834 without): dense 0.1 → 0.742 / 0.943 / 0.828; 0.2 → 0.714 / 0.953 / 0.814; 0.4 → 0.667 /
    # 0.947 / 0.787; BM25 0.2 → 0.692 / 0.947 / 0.802. Every weight costs hit@1; the least is kept.
    question_dense_weight: float = 0.1
    question_bm25_weight: float = 0.0
    question_depth: int = 100
    # Added to the clauses of a plan's safeguards (保障措施) that hold the policy terms of a need the question asks
    # for in everyday words ("想贷款扩车队" → 信贷, 融资): the plan's support for firms of its field (株洲 四（二）:
    # 引导银行机构加大对生产性服务业企业信贷支持……融资需求白名单) answers a firm's need, where the chapter on
    # growing the industry that supplies it (二（五）现代金融服务) matches the same words.
    need_safeguard_bonus: float = 0.01


class Retriever:
    def __init__(self, corpus: Corpus, index: LoadedIndex, encoder: Encoder, bm25: BM25,
                 parser: QueryParser, regions: RegionTable, config: RetrievalConfig = RetrievalConfig(),
                 question_bm25: BM25 | None = None):
        self.corpus = corpus
        self.index = index
        self.encoder = encoder
        self.scales = scales_of(encoder)  # the encoder's similarities on the scale the thresholds were set on
        self.bm25 = bm25
        self.parser = parser
        self.regions = regions
        self.config = config
        self._clause_pos = {c.clause_id: i for i, c in enumerate(corpus.clauses)}
        self._passage_clause = np.array([self._clause_pos[p.clause_id] for p in index.passages], dtype=np.int64)
        self._sentence_clause = np.array([self._clause_pos[cid] for cid, _ in index.sentences], dtype=np.int64)
        # question_bm25 is fitted on index.questions' texts, in that order (service.open_retriever)
        self._question_clause = np.array([self._clause_pos[cid] for cid, _ in index.questions], dtype=np.int64)
        self.question_bm25 = question_bm25
        self._docs = {d.doc_id: d for d in corpus.documents}
        self._clause_doc = [c.doc_id for c in corpus.clauses]
        self._preamble = np.array([c.label == "前言" for c in corpus.clauses], dtype=np.float64)
        self._safeguards = [i for i, c in enumerate(corpus.clauses) if c.section_path and "保障" in c.section_path[0]]
        # the headings of the other chapters' clauses, by document (二（五）现代金融服务)
        self._chapter_headings = [(c.doc_id, c.section_path[-1]) for c in corpus.clauses
                                  if c.section_path and "保障" not in c.section_path[0]]
        self._document_clauses = [(pattern, np.array([test(tuple(c.section_path), c.text) for c in corpus.clauses],
                                                     dtype=np.float64)) for pattern, test in _DOCUMENT_CLAUSES]
        self._query_cache: dict[str, np.ndarray] = {}
        self._naming_cache: dict[str, np.ndarray] = {}  # a city's alias -> its clauses naming it (few aliases)
        self._cache_lock = threading.Lock()
        # An exact index scores every passage; an approximate one is asked for a bounded candidate list.
        n = len(index.passages)
        self._exact = index.dense.kind == "flat"
        self._dense_k = n if self._exact else min(n, config.candidates * 10)

    def search(self, question: str | Query, k: int = 5, filters: Filters = Filters(),
               mode: Mode = "hybrid", understand: bool = True) -> list[Hit]:
        """Top-k clauses. `understand=False` searches the raw question (no place preference, no
        lexicon expansion, no clause-kind priors): the plain baselines the eval compares against."""
        if isinstance(question, Query):
            query = question
        elif understand:
            query = self.parser.parse(question)
        else:
            query = Query(original=question, text=question)
        n = len(self.corpus.clauses)
        allowed = self._allowed(filters)
        dense_rank = bm25_rank = None
        dense_scores = bm25_scores = None
        if mode in ("hybrid", "dense"):
            dense_scores = self.dense_scores(query)
            dense_rank = _ranks(np.where(allowed, dense_scores, -np.inf))
        if mode in ("hybrid", "bm25"):
            bm25_scores = self.bm25.scores(query.search_text, self._name_weights(query))
            bm25_rank = _ranks(np.where(allowed & (bm25_scores > 0), bm25_scores, -np.inf))
        cfg = self.config
        fused = np.zeros(n, dtype=np.float64)
        if dense_rank is not None:
            fused += cfg.dense_weight / (cfg.rrf_k + dense_rank)
        if bm25_rank is not None:
            fused += np.where(np.isfinite(bm25_rank), cfg.bm25_weight / (cfg.rrf_k + bm25_rank), 0.0)
        questions = self._question_ranks(query, mode, allowed)
        for path, weight in (("dense", cfg.question_dense_weight), ("bm25", cfg.question_bm25_weight)):
            if path in questions:
                rank = questions[path][0]
                fused += np.where(rank <= cfg.question_depth, weight / (cfg.rrf_k + rank), 0.0)
        preferred = self.preferred_docs(query)
        if preferred:
            own = self.own_docs(query)
            fused += np.array([(cfg.region_bonus if d in preferred else 0.0)
                               + (cfg.own_place_bonus if d in own else 0.0) for d in self._clause_doc])
        subplaces = self._subplaces_named(query) if understand and cfg.subplace_bonus and dense_rank is not None else []
        if subplaces:
            # only to clauses the encoder finds on the subject too, among all documents' (a filter to one
            # document would make any of its clauses near): naming the place is not enough
            on_subject = _ranks(dense_scores) <= cfg.subplace_depth
            for alias in subplaces:
                fused += cfg.subplace_bonus * self._naming(alias) * on_subject
        if understand and cfg.preamble_penalty and not _ABOUT_BASIS.search(query.text):
            fused -= cfg.preamble_penalty * self._preamble
        if understand and cfg.document_clause_bonus:
            for pattern, mask in self._document_clauses:
                if pattern.search(query.text):
                    fused += cfg.document_clause_bonus * mask
        if understand and cfg.need_safeguard_bonus:
            fused += cfg.need_safeguard_bonus * self._need_safeguards(query, preferred)
        fused = np.where(allowed, fused, -np.inf)
        order = np.argsort(-fused, kind="stable")
        order = order[np.isfinite(fused[order])][:k]
        hits = []
        for rank, i in enumerate(order, start=1):
            clause = self.corpus.clauses[i]
            why = {}
            if dense_scores is not None:
                why["dense"] = {"rank": _int(dense_rank[i]), "score": round(float(dense_scores[i]), 4)}
            if bm25_scores is not None:
                why["bm25"] = {"rank": _int(bm25_rank[i]), "score": round(float(bm25_scores[i]), 3)}
            if questions:
                why["questions"] = {path: {"rank": _int(rank[i]), "score": _round(score[i], 4)}
                                    for path, (rank, score) in questions.items()}
            why["preferred_place"] = clause.doc_id in preferred
            hits.append(Hit(rank, float(fused[i]), clause, self._docs[clause.doc_id], why))
        return hits

    def _need_safeguards(self, query: Query, preferred: set[str]) -> np.ndarray:
        """1 for the safeguard clauses holding a factor term (_FACTOR_TERMS) of a need the asked part names in
        everyday words, in the documents where another chapter's heading names that term: the chapter on the
        industry that supplies the factor (现代金融服务 for a loan), which would answer for the firm needing it."""
        mask = np.zeros(len(self.corpus.clauses), dtype=np.float64)
        terms = {t for _, found in self.parser.lexicon.needs(asked_part(query.text)) for t in found} & _FACTOR_TERMS
        if not terms:
            return mask
        # a particular way of getting the factor ("手上有没收回来的货款……能拿这些去银行借钱吗": 应收账款、供应链金融、
        # 抵质押贷款) is answered where it is named: a safeguard must name one of its terms too
        particular = [set(need) for _, need in self.parser.lexicon.needs(query.text)  # told anywhere ("拿这些去")
                      if any(f in t for t in set(need) - _FACTOR_TERMS for f in _FACTOR_WORDS)]
        supplied = {doc_id for doc_id, heading in self._chapter_headings if any(t in heading for t in terms)}
        if preferred:  # the asked place's plans only: another place's safeguard answers for none of its firms
            supplied &= preferred
        for i in self._safeguards:
            clause = self.corpus.clauses[i]
            if clause.doc_id in supplied and any(t in clause.text for t in terms) and \
                    all(any(t in clause.text for t in need) for need in particular):
                mask[i] = 1.0
        return mask

    def preferred_docs(self, query: Query) -> set[str]:
        """Documents of the places the question names, with their provinces' documents."""
        places: set[str] = set()
        for region in query.regions:
            places.update(self.regions.covering(region))
        return {d.doc_id for d in self.corpus.documents if d.region in places}

    def _name_weights(self, query: Query) -> dict[str, float] | None:
        weights = {}
        if self.config.place_name_weight != 1.0:
            # the places named ("长沙物流服务": 长沙), which the place preference already weighs
            weights = {term: self.config.place_name_weight for region in query.regions
                       for alias in self.regions.get(region).names if alias in query.text
                       for term in self.bm25.tokenize(alias)}
        if query.doc_mentions and self.config.doc_name_weight != 1.0 and \
                (not _ABOUT_DOCUMENT.search(query.text) or inside_document(query)):
            weights |= {term: self.config.doc_name_weight for span in query.doc_mentions
                        for term in self.bm25.tokenize(span)}
        if self.config.ask_form_weight != 1.0 and _DEPARTMENT_ASK.search(query.text) and \
                not _ABOUT_COORDINATION.search(query.text):
            weights |= {term: self.config.ask_form_weight for term in self.bm25.tokenize(query.text)
                        if _DEPARTMENT_WORD.fullmatch(term)}
        return weights or None

    def _subplaces_named(self, query: Query) -> list[str]:
        """The parts of the asked cities the question names: their aliases other than the city's own name."""
        named = []
        for name in query.regions:
            region = self.regions.get(name)
            if region is None or region.level != "city":
                continue
            own = {region.name, region.name + "市", region.name.removesuffix("市")}
            named += [alias for alias in region.names if alias not in own and alias in query.text]
        return named

    def _naming(self, alias: str) -> np.ndarray:
        """1.0 for the clauses whose text names alias."""
        mask = self._naming_cache.get(alias)
        if mask is None:
            mask = np.array([alias in c.text for c in self.corpus.clauses], dtype=np.float64)
            self._naming_cache[alias] = mask
        return mask

    def own_docs(self, query: Query) -> set[str]:
        """Documents of the places the question names themselves, without their provinces' (only the named
        document's place when the question names a document with its place)."""
        # a document named with its place ("湖南省的服务业规划对株洲…") is the question's own, not the other place's
        places = {self.regions.covering(region)[0] for region in query.named_doc_regions or query.regions}
        return {d.doc_id for d in self.corpus.documents if d.region in places}

    def query_vector(self, query: Query) -> np.ndarray:
        """The encoded query (1 × dim), cached: the answer layer reuses it to rank sentences."""
        text = query.search_text
        asked = asked_part(query.text)
        if inside_document(query):
            # the document named as where to look ("武汉生产性服务业实施方案里，物流服务到2027年的目标是什么") is not
            # what is asked: its name would pull the clauses that repeat it (the plan's 总体要求), as in BM25; a
            # bare "计划里", "规划里" names nothing that could
            for span in (s for s in query.doc_mentions if len(s) > 3):
                text, asked = text.replace(span, ""), asked.replace(span, "")
        share = self.config.asked_dense_share if query.context else 0.0
        key = f"{share}|{text}" if share else text
        with self._cache_lock:
            vector = self._query_cache.get(key)
        if vector is None:
            if share:
                whole, asked_vector = self.encoder.encode([text, asked], kind="query")
                mixed = (1 - share) * whole + share * asked_vector
                vector = (mixed / np.linalg.norm(mixed))[None, :].astype(np.float32)
            else:
                vector = self.encoder.encode([text], kind="query")
            with self._cache_lock:
                if len(self._query_cache) >= 256:
                    self._query_cache.pop(next(iter(self._query_cache)))
                self._query_cache[key] = vector
        return vector

    def encode_ahead(self, question: str) -> None:
        """Encode a question's query now and keep the vector for its search. A server calls this before its
        answer lock, so the questions of users asking at the same time reach the encoder together."""
        self.query_vector(self.parser.parse(question))

    def clear_query_cache(self) -> None:
        with self._cache_lock:
            self._query_cache.clear()

    def dense_scores(self, query: Query, scaled: bool = True) -> np.ndarray:
        """Every clause's dense similarity to the query (its best window or sentence; -1 for none), on the
        reference scale unless `scaled` is False (the encoder's own cosines, for fitting the scale)."""
        vector = self.query_vector(query)
        scores, ids = self.index.dense.search(vector, self._dense_k)
        clause_scores = np.full(len(self.corpus.clauses), -1.0, dtype=np.float32)
        valid = ids[0] >= 0
        np.maximum.at(clause_scores, self._passage_clause[ids[0][valid]], scores[0][valid])
        if self._exact:
            # A clause also scores as its best single sentence: a precise question often matches one
            # sentence better than any window (dev: hit@1 0.648 → 0.697). Exact scan only, like the index.
            sentence_scores = exact_scores(self.index.sentence_vectors, vector[0])
            np.maximum.at(clause_scores, self._sentence_clause, sentence_scores)
        return self.scales.passage(clause_scores) if scaled else clause_scores

    def _question_ranks(self, query: Query, mode: Mode, allowed: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per path ("dense", "bm25"): (rank, score) of every clause by its best attached question; a clause
        without questions, or filtered out, ranks inf."""
        if not len(self._question_clause):
            return {}
        n = len(self.corpus.clauses)
        out = {}
        if mode in ("hybrid", "dense"):
            best = np.full(n, -np.inf, dtype=np.float32)
            np.maximum.at(best, self._question_clause, self.index.question_vectors @ self.query_vector(query)[0])
            out["dense"] = (_ranks(np.where(allowed, best, -np.inf)), best)
        if mode in ("hybrid", "bm25") and self.question_bm25 is not None:
            best = np.zeros(n, dtype=np.float32)
            np.maximum.at(best, self._question_clause, self.question_bm25.scores(query.search_text))
            out["bm25"] = (_ranks(np.where(allowed & (best > 0), best, -np.inf)), best)
        return out

    def _allowed(self, filters: Filters) -> np.ndarray:
        ok_docs = self.allowed_docs(filters)
        return np.array([d in ok_docs for d in self._clause_doc], dtype=bool)

    def allowed_docs(self, filters: Filters) -> set[str]:
        """Ids of the documents the filters let through."""
        on = filters.on or date.today()
        ok_docs = set()
        for doc in self.corpus.documents:
            if filters.doc_ids and doc.doc_id not in filters.doc_ids:
                continue
            if filters.regions and doc.region not in filters.regions:
                continue
            if filters.in_force_only and not doc.in_force(on):
                continue
            ok_docs.add(doc.doc_id)
        return ok_docs


def inside_document(query: Query, asked_of: bool = False) -> bool:
    """Does the question name a document as the place to look ("长沙那个三年行动计划里，物流服务…", "规划中提出的…")
    rather than ask about the document itself? "按武汉生产性服务业实施方案，物流服务的目标是什么" looks in it too.
    asked_of: a plan asked of something counts as well ("市里这个生产性服务业方案对小所有啥说法")."""
    suffix = r"(里|中|当中|里面|内|[，,]?对(?!应))" if asked_of else r"(里|中|当中|里面|内)"
    return any(re.search(re.escape(span) + suffix, query.text) or
               re.search(r"(按|按照|根据|依照)[^，,。？?]{0,8}" + re.escape(span) + r"[，,]", query.text)
               for span in query.doc_mentions)


def _ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of each entry by descending score; inf where the score is -inf."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return np.where(np.isfinite(scores), ranks, np.inf)


def _round(value: float, digits: int) -> float | None:
    return round(float(value), digits) if np.isfinite(value) else None


def _int(value: float) -> int | None:
    return int(value) if np.isfinite(value) else None
