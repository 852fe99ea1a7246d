"""Enterprise matching: from a company's place, industry and needs to the measures that apply to it, ranked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from embeddings.passages import clause_sentences
from assistant.answer import Answerer
from assistant.render import expiry_note, short_title
from assistant.retrieve import Filters, Hit

# What each need means in the documents' own words (searched together with the industry).
NEEDS = {
    "融资": "融资 贷款 信贷 金融服务 担保 基金",
    "人才": "人才 引进 培养 人力资源 职业教育",
    "用地": "用地 土地 供地 楼宇 载体",
    "上市": "上市 资本市场 上市后备企业 股改",
    "数字化": "数字化转型 上云 工业互联网 智改数转 软件",
    "出海": "对外开放 外贸 跨境电商 走出去 服务贸易",
    "研发创新": "研发 科技创新 实验室 技术攻关 成果转化",
    "品牌标准": "品牌 标准 质量 认证",
    "税费": "税收 税收优惠 收费 财政资金",
    "集聚发展": "集聚区 示范区 园区 总部",
}
# When a sentence is about a need: its own words, not a word anywhere in the clause. Narrower than the search
# words above ("载体" and "软件" name many things that are not land or digitalisation).
NEED_PATTERNS = {
    "融资": re.compile(r"融资|贷款|信贷|授信|担保|基金|贴息|金融服务|金融支持|金融产品|供应链金融|质押|保险"),
    "人才": re.compile(r"人才|引才|育才|人力资源(?!社会保障局)|职业教育|技能|培训|专家|团队"),
    "用地": re.compile(r"用地|土地|供地|地块|厂房|楼宇|办公用房|租金|空间保障"),
    "上市": re.compile(r"上市|资本市场|股改|挂牌|科创板|北交所"),
    "数字化": re.compile(r"数字化|数智|上云|工业互联网|智改数转|智能化|大数据|人工智能|数据要素|智慧"),
    "出海": re.compile(r"出口|外贸|跨境|走出去|服务贸易|国际市场|海外|境外|一带一路|对外开放"),
    "研发创新": re.compile(r"研发|实验室|技术攻关|成果转化|技术创新|创新平台|新型研发机构|技术中心"),
    "品牌标准": re.compile(r"品牌|标准化|标准体系|国家标准|行业标准|团体标准|认证|质量提升"),
    "税费": re.compile(r"税收|减税|免税|税费|收费|降费|减免|财政资金|专项资金|奖补|补贴|奖励"),
    "集聚发展": re.compile(r"集聚区|示范区|产业园|园区|总部|楼宇经济|集聚发展"),
}
# The headings by which a plan names an industry ("（三）现代物流服务", "2.发展现代物流业").
INDUSTRY_TERMS = {
    "科技服务": ("科技服务", "科创服务", "研发和科技推广", "知识产权服务"),
    "信息服务/软件": ("信息服务", "软件", "信息技术"),
    "现代物流": ("物流",),
    "金融服务": ("金融",),
    "人力资源服务": ("人力资源",),
    "会展服务": ("会展",),
    "商务服务/咨询": ("商务服务", "咨询", "法律服务", "会计审计"),
    "检验检测": ("检验检测",),
    "工业设计": ("工业设计", "工程设计"),
    "节能环保": ("节能环保", "低碳环保", "环保服务"),
    "文化创意": ("创意", "文化产业", "文化旅游"),
    "电子商务": ("电子商务", "电商", "商贸"),
    "养老/托育/家政": ("养老", "托育", "家政", "康养", "家庭服务"),
    "旅游/餐饮住宿": ("旅游", "餐饮", "住宿"),
    "制造业": ("两业", "融合", "制造"),
}
INDUSTRIES = list(INDUSTRY_TERMS)
CITIES_WITH_PLANS = ("长沙", "株洲", "湘潭", "武汉")
# A need some industry serves: a finance clause is relevant to any company that needs financing.
NEED_INDUSTRY = {"融资": "金融服务", "人才": "人力资源服务", "研发创新": "科技服务", "数字化": "信息服务/软件"}
# Chapters that describe the past, the aims or the principles, not measures ("一、发展环境", "（二）主要目标").
BACKGROUND = re.compile(r"前言|发展环境|现实基础|发展基础|发展成就|存在的主要问题|面临的机遇|机遇挑战|指导思想|基本原则|"
                        r"发展定位|主要目标|发展目标|总体目标|本文件自")
LEVELS = {"city": "市级", "province": "省级"}
PLAN_DIRECTION_NOTE = ("这些是规划提出的支持方向，不是可直接申报的项目：文件没有写明补贴金额、申报条件和办理流程。"
                       "具体政策以主管部门发布的申报通知为准，可向每条措施所列的责任单位咨询。")


@dataclass(frozen=True)
class MatchConfig:
    """How many measures to show. Set by reading the lists for a handful of queries (株洲 现代物流 融资+人才,
    长沙 信息服务, 武汉 检验检测 品牌标准, 湘潭 现代物流 用地, 株洲 制造业 用地+税费), not tuned on a question set."""

    per_need: int = 4  # clauses kept from each need's search
    industry_per_doc: int = 3  # clauses of one document whose heading names the industry
    search_k: int = 12
    max_measures: int = 12


@dataclass(frozen=True)
class Measure:
    rank: int
    needs: tuple[tuple[str, str], ...]  # (need, the sentence of the clause that is about it)
    industry_heading: bool  # the clause's own heading names the industry
    doc_id: str
    doc_title: str
    doc_short: str  # 株洲行动计划
    doc_number: str | None
    level: str  # 市级 / 省级
    issuer: str | None
    in_force: bool | None
    valid_until: date | None
    expiry: str  # "长沙行动计划已于2026-07-31到期", "" while in force
    clause_id: str
    section: str  # the clause's own heading
    section_path: tuple[str, ...]
    summary: str  # the sentence that best matches the enterprise
    text: str
    departments: tuple[str, ...]

    @property
    def need_labels(self) -> tuple[str, ...]:
        return tuple(need for need, _ in self.needs)

    @property
    def contact(self) -> str:
        """Who to ask about the measure: its responsible departments, else the issuer."""
        if self.departments:
            return "、".join(self.departments)
        return f"文件未写明责任单位，可咨询发文单位{self.issuer}" if self.issuer else "文件未写明责任单位"

    @property
    def validity(self) -> str:
        if self.in_force is True:
            return f"现行有效（至{self.valid_until.isoformat()}）" if self.valid_until else "现行有效"
        if self.in_force is False:
            return self.expiry or "已失效"
        return "有效期未知"


@dataclass(frozen=True)
class MatchResult:
    """The measures, ranked, and why the list is empty when it is."""

    city: str
    industry: str
    needs: tuple[str, ...]
    description: str
    on: date
    in_force_only: bool
    measures: tuple[Measure, ...]
    ended: tuple[str, ...]  # expiry notes of the covering plans that have ended
    empty_reason: str = ""


def match_measures(answerer: Answerer, city: str, industry: str, needs: list[str], description: str = "",
                   *, today: date | None = None, in_force_only: bool = False,
                   config: MatchConfig = MatchConfig()) -> MatchResult:
    """Measures from the documents covering the city (its own and its province's), ranked by relevance.

    Ranking: clauses whose heading names the industry first; then plans in force before ended ones; then clauses
    with sentences about more of the chosen needs; the city's own plan before the province's; then search rank.
    Background chapters (发展环境, 主要目标, …) are not measures and are left out. A clause is labelled with a need only
    when one of its sentences is about it (NEED_PATTERNS); each clause appears once.
    """
    today = today or date.today()
    retriever = answerer.retriever
    corpus = retriever.corpus
    chosen = tuple(n for n in needs if n in NEEDS)
    regions = retriever.regions.covering(city) if city else ()
    covering = [d for d in corpus.documents if d.region in regions]
    ended = tuple(expiry_note(d, today).strip("（）") for d in covering if expiry_note(d, today))
    documents = [d for d in covering if not in_force_only or d.in_force(today) is not False]
    result = dict(city=city, industry=industry, needs=chosen, description=description, on=today,
                  in_force_only=in_force_only, ended=ended)
    if not documents:
        why = "；".join(ended) if ended else "本库没有该地的政策文件"
        return MatchResult(**result, measures=(), empty_reason=f"{why}。已勾选“只看现行有效文件”，所以没有可列的措施；"
                                                               "取消勾选可查看已到期文件中的措施（仅供参考）。")
    filters = Filters(doc_ids=tuple(d.doc_id for d in documents), on=today)
    terms = INDUSTRY_TERMS.get(industry, (industry,))
    own = {d.doc_id for d in documents if d.region == city}

    best_rank: dict[str, int] = {}
    hits: dict[str, Hit] = {}

    def search(question: str) -> list[Hit]:
        found = retriever.search(retriever.parser.parse(question), k=config.search_k, filters=filters)
        for hit in found:
            hits.setdefault(hit.clause.clause_id, hit)
            best_rank[hit.clause.clause_id] = min(best_rank.get(hit.clause.clause_id, hit.rank), hit.rank)
        return found

    words = industry.replace("/", " ")  # "信息服务/软件" → two search words
    industry_hits = search(f"{words} {description}".strip())
    candidates: dict[str, set[str]] = {}  # clause id → the needs it was found for
    # the industry's own clauses, by heading, searched or not
    for document in documents:
        named = [c for c in corpus.clauses_of(document.doc_id)
                 if _heading_names(c.section_path, terms) and not _background(c)]
        named.sort(key=lambda c: (len(c.section_path), best_rank.get(c.clause_id, 10_000)))
        for clause in named[:config.industry_per_doc]:
            candidates.setdefault(clause.clause_id, set())
            hits.setdefault(clause.clause_id, Hit(10_000, 0.0, clause, document))
    for need in chosen:
        kept = 0
        for hit in search(f"{words} {description} {NEEDS[need]}".strip()):
            if kept >= config.per_need:
                break
            if _need_sentence(hit.clause, need):
                candidates.setdefault(hit.clause.clause_id, set()).add(need)
                kept += 1
    if not chosen:  # no need ticked: the industry search itself, where a sentence names the industry
        for hit in industry_hits[:config.per_need]:
            if any(term in hit.clause.text for term in terms):
                candidates.setdefault(hit.clause.clause_id, set())

    query = retriever.parser.parse(f"{words} {description} {' '.join(NEEDS[n] for n in chosen)}".strip())
    scored = []
    for clause_id in candidates:
        hit = hits[clause_id]
        if _background(hit.clause):
            continue
        labelled = tuple((need, sentence) for need in chosen
                         if (sentence := _need_sentence(hit.clause, need)))
        heading = _heading_names(hit.clause.section_path, terms)
        if not heading and not _serves(hit.clause, industry, [need for need, _ in labelled]):
            continue  # another industry's own clause ("（七）发展科技绿色的金融服务" for 检验检测 + 品牌)
        in_text = any(term in hit.clause.text for term in terms)
        ended = hit.document.in_force(today) is False
        # among an industry's own clauses the section before its bullets ("3.现代金融业" before "——改善农村金融服务")
        depth = len(hit.clause.section_path) if heading else 0
        key = (not heading, ended, -len(labelled), not in_text, hit.document.doc_id not in own, depth,
               best_rank.get(clause_id, 10_000))
        scored.append((key, hit, labelled, heading))
    scored.sort(key=lambda item: item[0])
    measures = []
    for rank, (_, hit, labelled, heading) in enumerate(scored[:config.max_measures], start=1):
        document, clause = hit.document, hit.clause
        summary = labelled[0][1] if labelled else answerer.best_sentence(hit, query)
        measures.append(Measure(
            rank, labelled, heading, document.doc_id, document.title, short_title(document), document.doc_number,
            LEVELS.get(document.level or "", "其他"), document.issuer, document.in_force(today), document.valid_until,
            expiry_note(document, today).strip("（）"), clause.clause_id,
            _own_heading(clause.section_path), clause.section_path, summary, clause.text, clause.departments))
    empty = "" if measures else "现有政策文件中没有找到与所选行业和需求直接相关的措施，可减少需求或换一个行业再试。"
    return MatchResult(**result, measures=tuple(measures), empty_reason=empty)


def _heading_names(section_path: tuple[str, ...], terms: tuple[str, ...]) -> bool:
    """Whether a heading below the chapter names the industry ("（三）现代物流服务", not "二、重点领域")."""
    return any(term in heading for heading in section_path[1:] for term in terms)


def _background(clause) -> bool:
    return any(BACKGROUND.search(heading) for heading in clause.section_path)


def _serves(clause, industry: str, needs: list[str]) -> bool:
    """False for a clause headed by another industry, unless that industry serves one of the needs."""
    others = [name for name, terms in INDUSTRY_TERMS.items()
              if name != industry and _heading_names(clause.section_path, terms)]
    return not others or any(NEED_INDUSTRY.get(need) in others for need in needs)


def _own_heading(section_path: tuple[str, ...]) -> str:
    return section_path[-1] if section_path else ""


def _need_sentence(clause, need: str) -> str:
    """The first sentence of the clause about the need; headings and 责任单位 lines do not count."""
    pattern = NEED_PATTERNS[need]
    for sentence in clause_sentences(clause):
        stripped = sentence.strip()
        if stripped.startswith(("（责任单位", "(责任单位", "（牵头单位", "责任单位")):
            continue
        if clause.section_path and stripped.rstrip("。") == clause.section_path[-1].rstrip("。"):
            continue  # the heading itself
        if pattern.search(stripped):
            return stripped
    return ""


# --------------------------------------------------------------------------- exports

EXPORT_COLUMNS = ["序号", "相关需求", "措施要点", "文件", "层级", "文号", "有效期", "条款", "条款原文", "责任单位（咨询对象）"]


def query_lines(result: MatchResult) -> list[tuple[str, str]]:
    """The query and the date, as (label, value) pairs, for the head of every export."""
    lines = [("城市", result.city), ("行业", result.industry), ("需求", "、".join(result.needs) or "未选（按行业匹配）")]
    if result.description:
        lines.append(("企业情况", result.description))
    lines.append(("只看现行有效文件", "是" if result.in_force_only else "否"))
    lines.append(("生成日期", result.on.isoformat()))
    return lines


def measures_to_rows(result: MatchResult) -> list[list[str]]:
    return [[str(m.rank), "、".join(m.need_labels) or ("行业措施" if m.industry_heading else "综合"), m.summary,
             m.doc_title, m.level, m.doc_number or "无文号", m.validity, " > ".join(m.section_path),
             " ".join(m.text.split()), m.contact]
            for m in result.measures]


def measures_to_markdown(result: MatchResult) -> str:
    """The whole result as a Markdown document: query, date, the note on plan directions, each measure."""
    lines = ["# 企业政策匹配结果", ""]
    lines += [f"- **{label}**：{value}" for label, value in query_lines(result)]
    lines.append("")
    if result.ended:
        lines += [f"> 注意：{'；'.join(result.ended)}。出自到期文件的措施仅供参考。", ""]
    if not result.measures:
        lines.append(result.empty_reason)
        return "\n".join(lines) + "\n"
    lines += [f"> {PLAN_DIRECTION_NOTE}", ""]
    for m in result.measures:
        needs = "、".join(m.need_labels) or ("行业措施" if m.industry_heading else "综合")
        lines += [f"## {m.rank}. {m.section}（{needs}）", "",
                  f"- 要点：{m.summary}",
                  f"- 文件：《{m.doc_title}》（{m.doc_number or '无文号'}，{m.level}）",
                  f"- 有效期：{m.validity}",
                  f"- 条款：{' > '.join(m.section_path)}",
                  f"- 咨询：{m.contact}", "",
                  "条款原文：", "", "> " + " ".join(m.text.split()), ""]
    return "\n".join(lines) + "\n"
