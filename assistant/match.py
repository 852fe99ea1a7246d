"""Enterprise matching: from a company's place, industry and needs to the measures that apply to it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.answer import Answerer
from assistant.retrieve import Filters

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
INDUSTRIES = ["科技服务", "信息服务/软件", "现代物流", "金融服务", "人力资源服务", "会展服务", "商务服务/咨询",
              "检验检测", "工业设计", "节能环保", "文化创意", "电子商务", "养老/托育/家政", "旅游/餐饮住宿", "制造业"]


@dataclass(frozen=True)
class Measure:
    need: str
    doc_id: str
    doc_title: str
    doc_number: str | None
    in_force: bool | None
    valid_until: date | None
    clause_id: str
    section: str
    summary: str  # the clause sentence that best matches the enterprise
    text: str
    departments: tuple[str, ...]


def match_measures(answerer: Answerer, city: str, industry: str, needs: list[str], description: str = "",
                   *, per_need: int = 3, today: date | None = None, in_force_only: bool = False) -> list[Measure]:
    """Measures from the documents covering the city (its own and its province's), one search per need."""
    today = today or date.today()
    retriever = answerer.retriever
    regions = retriever.regions.covering(city) if city else ()
    filters = Filters(regions=tuple(regions), in_force_only=in_force_only, on=today)
    measures: list[Measure] = []
    seen: set[str] = set()
    for need in needs or ["综合"]:
        words = NEEDS.get(need, need)
        question = f"{industry} {description} {words}".strip()
        query = retriever.parser.parse(question)
        for hit in retriever.search(query, k=per_need + len(seen), filters=filters):
            if hit.clause.clause_id in seen:
                continue
            seen.add(hit.clause.clause_id)
            chosen = answerer.best_sentence(hit, query)
            measures.append(Measure(need, hit.document.doc_id, hit.document.title, hit.document.doc_number,
                                    hit.document.in_force(today), hit.document.valid_until, hit.clause.clause_id,
                                    hit.clause.section, chosen, hit.clause.text, hit.clause.departments))
            if sum(m.need == need for m in measures) >= per_need:
                break
    own = {d.doc_id for d in retriever.corpus.documents if d.region == city}
    return sorted(measures, key=lambda m: m.doc_id not in own)


def measures_to_markdown(measures: list[Measure]) -> str:
    by_doc: dict[str, list[Measure]] = {}
    for m in measures:
        by_doc.setdefault(m.doc_id, []).append(m)
    lines = []
    for doc_measures in by_doc.values():
        first = doc_measures[0]
        status = "现行有效" if first.in_force else "已失效" if first.in_force is False else "有效期未知"
        lines.append(f"### 《{first.doc_title}》（{first.doc_number or '无文号'}，{status}）")
        for m in doc_measures:
            dept = f"（责任单位：{'、'.join(m.departments)}）" if m.departments else ""
            lines.append(f"- **{m.need}** · {m.section}：{m.summary}{dept} `{m.clause_id}`")
        lines.append("")
    return "\n".join(lines)


def measures_to_rows(measures: list[Measure]) -> list[dict]:
    return [{"需求": m.need, "文件": m.doc_title, "文号": m.doc_number or "", "是否有效": {True: "有效", False: "已失效", None: "有效期未知"}[m.in_force],
             "条款": m.section, "条款编号": m.clause_id, "要点": m.summary, "责任单位": "、".join(m.departments)}
            for m in measures]
