"""Quantitative targets of a plan (指标), read from its clauses in the few forms plans use."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from corpus.models import Clause, Corpus, Document
from corpus.text import clean_spaces

# --- what a value looks like -------------------------------------------------------------------
_NUM = r"\d+(?:\.\d+)?"
# Units a target is stated in, longest first so 人次 wins over 人 and 个百分点 over 个.
_UNITS = ("个百分点", "万平方米", "平方米", "元/人", "美元", "人次", "元", "%", "倍", "家", "个", "栋", "项",
          "件", "列", "人", "场", "所", "座", "名", "户", "台", "支", "条")
# Measure words: "培育8家龙头企业" counts a noun that follows, unlike "产值10亿元以上企业" (a threshold).
_MEASURE_WORDS = frozenset("家个栋项件列人场所座名户台支条") | {"人次"}
_VALUE = re.compile(
    rf"(?P<num>{_NUM}:{_NUM}|{_NUM}(?:[~～]{_NUM})?)(?P<about>余)?(?P<mult>万亿|亿|万)?"
    rf"(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)})?(?P<qual>以上|以下|左右|以内)?"
)
# Comparators at the end of the text before a value, longest first. The first group is dropped
# from the value (it only says "reaches"); the second is kept because it changes the meaning.
_REACH = ("力争达到", "达到", "达", "调整到", "调整为", "为", "的", "实现")
_KEEP = ("年均增长不低于", "年均增长", "年均增速达", "年均增速", "增速达", "下降至", "下降到", "降至", "降到",
         "下降", "提升至", "提升到", "提高至", "提高到", "提高", "增加到", "增加至", "增至", "扩大到", "扩大至", "增长", "不低于", "不少于",
         "不超过", "不高于", "低于", "高于", "控制在", "保持在", "稳定在", "突破", "超过", "超", "过")
_COMPARATOR = re.compile(rf"(?P<keep>{'|'.join(_KEEP)})?(?P<reach>{'|'.join(_REACH)})?$")
# Words of the sentence frame, stripped from the front of an indicator.
_LEAD_WORDS = re.compile(r"^(?:其中|同时|力争|争取|确保|进一步|实现|推动|推进|全面|基本|累计|接待|举办|形成|培育|打造|"
                         r"建成|制修订|依法依规制订|依法依规制修订|，|、)+")
# Measures that name no entity of their own: "…企业数量达到5000家，营业收入达到5000亿元".
_BARE_MEASURES = ("营业收入", "增加值", "营业收入增速", "产值")
# Verbs that make "verb + N + measure word + noun" a target ("培育8家…", "建设5个以上…").
_COUNT_VERBS = re.compile(r"(?:培育|打造|建设|建成|创建|形成|新增|引进|引进和培育|引育|认定|设立)$")
_GROWTH_WORDS = ("年均增长", "年均增速", "增速", "增长")
# Comparators that name a rate ("增速达8%"): they belong to the indicator, not the value.
_RATE_WORDS = ("年均增速达", "年均增速", "增速达")
# Time anchors: a stated year, or a five-year-plan period named by its number.
_YEAR = re.compile(r"(?P<lead>力争到|争取到|预计到|到|(?<!截)至|争取)?(?P<year>20\d\d)年(?!\d*月)")
_PLAN_PERIOD = re.compile(r"“?十([三四五])五”?(?:期间|时期|末|规划期)")
_PERIOD_END = {"三": 2020, "四": 2025, "五": 2030}
# Forward-looking cues for a sentence that states no year of its own.
_TARGET_CUE = re.compile(r"力争|争取|确保|培育|打造|建设|建成|新增|引进|制修订|制订|年均增长|形成")
# Chapters that describe the starting point, not the aims.
_BASIS_SECTION = re.compile(r"发展基础|发展成就|现实基础|发展环境|存在的(?:主要)?问题|面临的|发展现状")
_PAREN = re.compile(r"[（(][^（()）]*[)）]")
_MAX_INDICATOR = 60
# Departments notes and "（即…）" glosses: no figure of theirs is a target.
_PAREN_NOTE = re.compile(r"[（(]\s*(?:责任单位|牵头单位|配合单位|即)[^（()）]*[)）]")
_VALUE_WITH_UNIT = re.compile(rf"{_NUM}(?:余)?(?:万亿|亿|万)?(?:{'|'.join(re.escape(u) for u in _UNITS)})")
# "过100亿元、50亿元的企业": the figures of a list that ends in a noun are thresholds too.
_LIST_TAIL = re.compile(rf"^(?:以上|以下|左右)?(?:、{_NUM}(?:万亿|亿|万)?(?:元|美元|%|平方米)(?:以上|以下|左右)?)*")
_FIGURE = re.compile(rf"{_VALUE_WITH_UNIT.pattern}|{_NUM}:{_NUM}")
_ENDS_WITH_VALUE = re.compile(rf"{_VALUE_WITH_UNIT.pattern}(?:以上|以下|左右|以内)?$")
_STARTS_WITH_VALUE = re.compile(_VALUE_WITH_UNIT.pattern)
# A time phrase, removed before the indicator is read.
_YEAR_PHRASE = re.compile(r"(?:力争|争取|预计)?(?:到|至)?20\d\d年(?:底|末)?|(?:力争)?“?十[三四五]五”?(?:期间|时期|末)")
# "由2024年的45%提高到50%": the baseline of the figure after it.
_BASELINE = re.compile(rf"由(?:(?P<year>20\d\d)年(?:末|底)?的?)?(?P<value>{_NUM}(?:万亿|亿|万)?(?:{'|'.join(re.escape(u) for u in _UNITS)}))")
_BASELINE_BEFORE = re.compile(r"由(?:20\d\d年(?:末|底)?的?)?$")


@dataclass(frozen=True)
class Target:
    """One quantitative target as the plan states it, with where it stands."""

    indicator: str           # in the plan's words, e.g. 生产性服务业增加值占全市服务业增加值比重
    value: str               # as written with its qualifier: 65%以上, 年均增长6.5%以上, 降至13%以下
    number: float            # the figure in `unit`: 65.0
    unit: str                # %, 亿元, 家, 个百分点, 万元/人 …
    measure: str             # share | growth | change | money | count | multiple | ratio | other
    year: int | None         # the target year; None when the plan states none for it
    year_source: str | None  # sentence | clause | lead (inherited from the parent paragraph) | None
    baseline: str | None     # the starting figure when the sentence gives one ("由…提高到…")
    doc_id: str
    clause_id: str
    sentence: str            # the sentence it was read from, spaces normalised

    def to_json(self, document: Document | None = None, on: date | None = None) -> dict:
        """The CLI/JSON row; `document` adds place, 文号 and validity on `on`."""
        return {
            "indicator": self.indicator,
            "value": self.value,
            "unit": self.unit,
            "year": self.year,
            "baseline": self.baseline,
            "region": document.region if document else None,
            "level": document.level if document else None,
            "doc_id": self.doc_id,
            "doc_number": document.doc_number if document else None,
            "in_force": document.in_force(on or date.today()) if document else None,
            "clause_id": self.clause_id,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class TargetExtraction:
    """Targets read from one document and the candidate sentences that could not be parsed."""

    targets: tuple[Target, ...]
    skipped: tuple[str, ...]  # whole sentences left out because one of their figures did not parse

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)


class _Unparseable(ValueError):
    """A figure in a target sentence that fits none of the forms."""


@dataclass(frozen=True)
class _Anchor:
    year: int
    future: bool


def normalise_text(text: str) -> str:
    """Spaces from PDF extraction removed ("47% 左右" → "47%左右"), ASCII punctuation made full-width."""
    text = clean_spaces(text).replace("\n", "")
    text = re.sub(r"(?<=[\d%])\s+(?=[\d%\u4e00-\u9fff])|(?<=\d)\s+(?=%)", "", text)
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text).replace(";", "；")
    return text


def extract_targets(document: Document, clauses: list[Clause] | tuple[Clause, ...]) -> TargetExtraction:
    """Every quantitative target stated in a document's clauses.

    Args:
        document: the document (its issue year tells past figures from targets).
        clauses: its clauses in document order.

    Returns:
        The targets in document order and the candidate sentences skipped as unparseable.
    """
    reference = document.issued or document.valid_from
    reference_year = reference.year if reference else None
    by_path = {clause.section_path: clause for clause in clauses}
    targets: list[Target] = []
    skipped: list[str] = []
    for clause in clauses:
        if any(_BASIS_SECTION.search(heading) for heading in clause.section_path):
            continue
        parent = by_path.get(clause.section_path[:-1])
        lead = _first_future_anchor(normalise_text(parent.text), reference_year) if parent else None
        found, bad = _clause_targets(clause, reference_year, lead)
        targets.extend(found)
        skipped.extend(bad)
    return TargetExtraction(tuple(targets), tuple(skipped))


def _anchors(text: str, reference_year: int | None) -> list[tuple[int, _Anchor]]:
    """Time anchors in a text with their positions; `future` is False for years before the plan."""
    found = []
    for match in _YEAR.finditer(text):
        year = int(match.group("year"))
        future = bool(match.group("lead")) or reference_year is None or year >= reference_year
        if match.group("lead") is None and text[match.end():match.end() + 1] == "的":
            future = False  # "由2015年的50.2%" names a past figure
        found.append((match.start(), _Anchor(year, future)))
    for match in _PLAN_PERIOD.finditer(text):
        year = _PERIOD_END[match.group(1)]
        found.append((match.start(), _Anchor(year, reference_year is None or year >= reference_year)))
    return sorted(found, key=lambda item: item[0])


def _first_future_anchor(text: str, reference_year: int | None) -> int | None:
    return next((anchor.year for _, anchor in _anchors(text, reference_year) if anchor.future), None)


def _clause_targets(clause: Clause, reference_year: int | None,
                    lead_year: int | None) -> tuple[list[Target], list[str]]:
    text = normalise_text(_PAREN_NOTE.sub("", clause.text))
    targets: list[Target] = []
    skipped: list[str] = []
    carried: _Anchor | None = None  # the last anchor seen in this clause, carried to later sentences
    for sentence in _split(text, "。！？"):
        for part in _split(sentence, "；"):
            anchors = _anchors(part, reference_year)
            start_anchor = carried
            if anchors:
                carried = anchors[-1][1]
            if not _FIGURE.search(part):
                continue
            opening = anchors[0][1] if anchors else start_anchor
            if opening is not None and not opening.future and not any(a.future for _, a in anchors):
                continue  # a statement about the past
            if opening is None and lead_year is None and not _TARGET_CUE.search(part):
                continue  # no time and no aim: a description, not a target
            try:
                found = _part_targets(part, clause, sentence, anchors, start_anchor, lead_year)
            except _Unparseable:
                skipped.append(sentence)
                continue
            targets.extend(found)
    return targets, skipped


def _split(text: str, marks: str) -> list[str]:
    pieces = re.split(rf"(?<=[{marks}])", text)
    return [piece for piece in (p.strip() for p in pieces) if piece]


def _segments(part: str) -> list[tuple[str, bool]]:
    """Comma pieces; a 、 also separates when a figure ends the left side or starts the right.

    Returns (segment, continues a 、 list) pairs.
    """
    segments: list[tuple[str, bool]] = []
    for piece in re.split(r"[，：]", part.rstrip("。！？；")):
        subs = piece.split("、")
        merged = [subs[0]]
        for sub in subs[1:]:
            if _ENDS_WITH_VALUE.search(merged[-1]) or _STARTS_WITH_VALUE.match(sub):
                merged.append(sub)
            else:
                merged[-1] += "、" + sub
        segments.extend((s, i > 0) for i, s in enumerate(merged) if s)
    return segments


def _part_targets(part: str, clause: Clause, sentence: str, anchors: list[tuple[int, _Anchor]],
                  start_anchor: _Anchor | None, lead_year: int | None) -> list[Target]:
    """Targets of one ；-separated part; raises _Unparseable when a figure fits no form."""
    found: list[Target] = []
    subject = ""       # the last subject, for "占GDP比重达到50%", "年均增长7.5%"
    count_verb = ""    # the last counting verb, for "培育8家A、5个B"
    offset = 0
    for segment, in_list in _segments(part):
        position = part.find(segment, offset)
        offset = max(position, offset)
        for match in _VALUE.finditer(segment):
            if not match.group("unit") and ":" not in match.group("num"):
                continue  # 5G, 12345, "500强": a number but not a figure
            before, after = segment[:match.start()], segment[match.end():]
            if before.endswith(("第", "“")) or re.search(r"\d$", before):
                continue
            unit = (match.group("mult") or "") + (match.group("unit") or "")
            if match.group("unit") in ("元", "美元", "%", "平方米", "元/人") and \
                    re.match(r"[的\u4e00-\u9fff“]", _LIST_TAIL.sub("", part[position + match.end():])):
                continue  # a threshold describing a noun: 产值10亿元以上企业, 3万平方米以上的公共建筑
            if _BASELINE_BEFORE.search(before):
                continue  # "由2024年的45%提高到50%": the starting figure, kept as the next one's baseline
            year, source = _year_for(position + match.start(), anchors, start_anchor, lead_year)
            baseline = None
            base = _BASELINE.search(before)
            if base:
                baseline = (f"{base.group('year')}年" if base.group("year") else "") + base.group("value")
                before = before[:base.start()] + before[base.end():]
            before = _YEAR_PHRASE.sub("", before)
            comparator = _COMPARATOR.search(before)
            keep = comparator.group("keep") or ""
            head = before[:comparator.start()]
            if match.group("unit") in _MEASURE_WORDS and after and re.match(r"[\u4e00-\u9fff“]", after):
                # "培育8家龙头企业": the noun after the count is the indicator
                verb = _COUNT_VERBS.search(head)
                if verb:
                    count_verb = verb.group()
                    prefix = "新增" if "新增" in count_verb else ""
                    indicator = prefix + _clean(after)
                elif not head and count_verb:
                    indicator = ("新增" if "新增" in count_verb else "") + _clean(after)
                else:
                    continue  # "推动58家集聚区提档升级", "临港、…5个示范区": the count of an action's scope
            else:
                if re.search(r"[、等]$", head) or (not head and not keep and not subject):
                    raise _Unparseable(segment)
                indicator = _clean(head)
                if not indicator or indicator in _GROWTH_WORDS:
                    # "…，年均增长7.5%": the subject of the figure before
                    if not subject:
                        raise _Unparseable(segment)
                    indicator = subject + (indicator if indicator.endswith("增速") else "")
                elif indicator in _BARE_MEASURES and subject:
                    indicator = subject.removesuffix("数量") + indicator
                elif indicator.startswith("占"):
                    # "…1000亿元，占服务业增加值比重达到47%左右"
                    if not subject:
                        raise _Unparseable(segment)
                    indicator = subject + indicator
                if in_list and found and found[-1].indicator.startswith("新增") and not indicator.startswith("新增"):
                    indicator = "新增" + indicator  # "新增上云企业5000家、上平台企业500家"
                subject = indicator.split("占")[0]
                if keep in _RATE_WORDS:
                    if not indicator.endswith(("增速", "增长")):
                        indicator += keep.removesuffix("达")
                    keep = ""
            if len(indicator) > _MAX_INDICATOR or not indicator:
                raise _Unparseable(segment)
            value = keep + match.group()
            found.append(Target(
                indicator=indicator,
                value=value,
                number=_number(match.group("num")),
                unit=unit if unit else "比",
                measure=_measure(indicator, keep, match.group("unit"), match.group("num")),
                year=year,
                year_source=source,
                baseline=baseline,
                doc_id=clause.doc_id,
                clause_id=clause.clause_id,
                sentence=sentence,
            ))
            share = _complement_share(found[-1])
            if share:
                found.append(share)
    return found


# "生产性服务业与非生产性服务业结构比调整到40:60": a part and its complement split one whole (服务业), so the
# ratio also sets the part's share of it (40%).
_COMPLEMENT_RATIO = re.compile(r"^(?P<part>.+?[性型类](?P<whole>.{2,}?))与非(?P=part)(?:的)?(?:结构比|比例|之比|比)$")


def _complement_share(target: Target) -> Target | None:
    """The share a ratio of a part to its complement sets for the part (A与非A结构比40:60 → A占比 40%), read
    as a target of its own so a share question finds it; None for any other target."""
    whole = _COMPLEMENT_RATIO.match(target.indicator) if target.measure == "ratio" else None
    if not whole:
        return None
    ratio = re.search(rf"({_NUM}):({_NUM})", target.value)
    left, right = float(ratio.group(1)), float(ratio.group(2))
    if left + right <= 0:
        return None
    number = round(100 * left / (left + right), 1)
    shown = f"{number:g}%"
    return replace(target, indicator=f"{whole.group('part')}占{whole.group('whole')}比重",
                   value=f"{shown}（{target.value}）", number=number, unit="%", measure="share")


def _year_for(position: int, anchors: list[tuple[int, _Anchor]], start_anchor: _Anchor | None,
              lead_year: int | None) -> tuple[int | None, str | None]:
    before = [anchor for at, anchor in anchors if at <= position and anchor.future]
    if before:
        return before[-1].year, "sentence"
    if start_anchor is not None and start_anchor.future:
        return start_anchor.year, "clause"
    if lead_year is not None:
        return lead_year, "lead"
    return None, None


def _clean(text: str) -> str:
    text = _PAREN.sub("", text)
    text = _LEAD_WORDS.sub("", text).strip("，、： ")
    if text.count("“") != text.count("”"):
        text = text.strip("“”")
    return text


def _number(text: str) -> float:
    return float(re.split(r"[~～:]", text)[0])


def _measure(indicator: str, keep: str, unit: str | None, number: str) -> str:
    if ":" in number:
        return "ratio"
    if any(word in keep for word in ("增长", "增速")) or indicator.endswith(("增速", "增长率")):
        return "growth"
    if keep in ("下降", "提高") or unit == "个百分点":
        return "change"
    if unit == "%":
        return "share"
    if unit in ("元", "美元", "元/人"):
        return "money"
    if unit == "倍":
        return "multiple"
    if unit in _MEASURE_WORDS:
        return "count"
    return "other"


def table_rows(corpus: Corpus, regions: list[str] | None = None, year: int | None = None,
               on: date | None = None) -> tuple[list[dict], int]:
    """The targets of a whole corpus as JSON rows, filtered by place names and target year.

    Args:
        corpus: the parsed library.
        regions: canonical place names (a document's region); None for all.
        year: keep only targets for this year.
        on: the day that decides `in_force` (default today).

    Returns:
        The rows in document order and the number of unparseable sentences skipped.
    """
    rows: list[dict] = []
    skipped = 0
    for document in corpus.documents:
        if regions and document.region not in regions:
            continue
        result = extract_targets(document, corpus.clauses_of(document.doc_id))
        skipped += result.skipped_count
        rows.extend(t.to_json(document, on) for t in result.targets if year is None or t.year == year)
    return rows, skipped


# Themes for browsing the table, checked in order against the indicator, then the clause's section.
THEMES: tuple[tuple[str, str], ...] = (
    ("物流", r"物流|货运|发运"),
    ("金融", r"金融|贷款|存款|保费|上市|融资|利息"),
    ("商务会展", r"商务|会展|展会|外贸|进出口|跨境|消费品|服务贸易|利用外资"),
    ("科技研发", r"研发|科技|技术合同|专利|科创|知识产权|科学研究"),
    ("信息数字", r"信息|软件|数字|电信|上云|上平台|计算|BIM"),
    ("人力资源", r"人力资源|产教融合|产业学院|会计|律师|人才|培训学校|从业人员|就业"),
    ("文旅康养", r"文化|旅游|创意|健康|养老|托幼|家政|社区|供养|床位"),
    ("检验检测与标准", r"检验检测|标准|品牌"),
    ("载体与主体", r"集聚区|示范区|发展区|楼宇|园区|试点|产业集群|设计中心|企业|单位"),
    ("总量与结构", r"增加值|税收|劳动生产率|投资|比重|结构|营业收入|产值"),
)


def theme_of(indicator: str, section: str = "") -> str:
    """The browsing theme of a target: the first theme whose words the indicator (or else its
    clause's section headings) contains; 其他 when none does."""
    for text in (indicator, section):
        for theme, pattern in THEMES:
            if re.search(pattern, text):
                return theme
    return "其他"
