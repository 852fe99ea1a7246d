"""Comparisons across places and documents: one line per side (长沙和株洲分别…, 哪些规划…), each side searched in
its own documents, with a verdict on the figures (which is higher) or on the measures (how they differ)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from embeddings.passages import clause_sentences
from assistant.choose import SentenceChooser
from assistant.figures import FIGURE_VALUE, UNITS_OF
from assistant.leads import ANY_YEAR, YEAR_LEAD, ClauseLeads
from assistant.render import Citation, Cites, short_title
from assistant.retrieve import Filters, Hit, Retriever
from assistant.sentences import has_figure, is_bare, is_past
from assistant.targets import TargetTable, base_fits, kind_asked
from assistant.understand import Ask, detect_kind, question_segments
from assistant.wording import GRANT_WORDS, PAST_ASKED, SUPPORT_ASKED, TARGET_ASKED, Wording

# How far apart two figures are ("差几个百分点", "相差多少", "高出多少").
GAP_ASK = re.compile(r"差(了)?几(个)?(百分点|点)|相差|差距|高出|低出|多出|(高|低|多|少)(了)?(多少|几)")
# A question that asks how two sides compare ("一样吗", "比省里高吗", "哪个多").
# How far apart they are ("两边差几个百分点", "相差多少") asks it too, and so does which is the bolder ("哪个定得更狠").
COMPARE_ASK = re.compile(r"一样|相同|不同|一致|差别|区别|差异|差多少|(高|多|大)了?还是(低|少|小)了?|是高是低|"
                          r"(哪个|谁)的?(更|最)?(高|多|大|低|少|小)|(哪个|谁)[^，,。？?]{1,6}(更|最)(高|多|大|低|少|小|狠|严|激进|积极|进取)|"
                          + GAP_ASK.pattern + "|"
                          r"(?<![占对])比(?![重例率])[^，,。？?]{1,8}(高|低|多|少|大|小)")  # not 占比, 对比
_DIFFERENCE_ASK = re.compile(r"区别|差别|不同|不一样|异同|差异")  # how places differ, in words, not figures
_GRANTS_OR_ENCOURAGES = re.compile(GRANT_WORDS + r"|支持|鼓励|争取")
TARGET_YEAR = re.compile(r"到\s*(20\d{2})\s*年")
# Figures asked, and nothing else of the sides: not their measures or tasks ("怎么搞？有没有数字目标").
_FIGURES_ASKED = re.compile(r"(量化|数量|数字|数值)(目标|指标)|(目标|指标)(分别|各)?(是|有|定了|为)?多少|多少(的)?(目标|指标)")
_MEASURES_ASKED = re.compile(r"怎么|如何|措施|举措|任务|做法|打算|安排|支持|重点|方向|哪些方面")
YEAR_ASK = re.compile(r"哪一?年|什么时候|啥时候|何时|什么时间")  # a question asking only when
_QUOTED = re.compile(r"[“\"'‘「]([^”\"'’」]{4,30})[”\"'’」]")
_PERIOD_NAME = re.compile(r"^十[一二三四五六七八九]五$")
_MENTIONED = re.compile(r"(提到|提及|涉及|说到|写到)了?(?P<thing>[^，,。？?]{2,30})")
_ALTERNATIVE = re.compile(r"或者|或是|或")
_WANT_VERB = re.compile(r"(要|想|能|会|将)[\u4e00-\u9fff]")  # "要建", "想办": asks, names nothing
_DIGIT = re.compile(r"\d")
_LISTED = re.compile(r"[^，,。；;、：:]{1,12}(、[^，,。；;、：:]{1,12}){2,}")  # three things or more listed with 、
# Words for the kind of target asked ("量化目标", "数字指标", "具体目标", "数量目标"), which no plan says of its targets
_TARGET_FORM = re.compile(r"量化|定量|数量|数字|数值|具体|明确|硬性|目标|指标")
# A figure asked in so many words ("多少", "比重", "几家"), not a target of any kind ("定了什么目标")
_FIGURE_ASKED = re.compile(r"多少|几[家个项成倍所座条栋处类批亿万]|比重|占比|比例|百分之|%")


@dataclass(frozen=True)
class CompareConfig:
    side_k: int = 3  # clauses searched per place or document in a comparison
    side_sentences: int = 2  # a comparison side's sentences at most, its best one and a companion
    side_chars: int = 240
    # a word of the question naming the sector in a side's heading, not one every heading has (服务: idf 0.03)
    side_heading_idf: float = 1.0
    side_coverage: float = 0.75  # a comparison side answers when its sentence holds this share of the asked terms
    side_sure: float = 0.5  # ... or when the sentence model gives it this probability


@dataclass(frozen=True)
class Comparison:
    lines: tuple[str, ...]  # the verdict first when there is one, then one line per side
    partial: bool  # a named place's documents state none of it


class Comparer:
    """Answers a question across places or documents, side by side."""

    def __init__(self, retriever: Retriever, wording: Wording, leads: ClauseLeads, chooser: SentenceChooser,
                 targets: Callable[[], TargetTable], config: CompareConfig = CompareConfig()):
        self.retriever = retriever
        self.wording = wording
        self.leads = leads
        self.chooser = chooser
        self.targets = targets  # the targets table, built on first use
        self.config = config
        self.with_docs = {d.region for d in retriever.corpus.documents if d.region}

    def across(self, ask: Ask, terms: dict[str, float], filters: Filters, cites: Cites) -> Comparison | None:
        """One line per place named (长沙和株洲分别…) or per document (哪些规划…). A target comes from the
        targets table (indicators matched by meaning and kind of figure); a side the table does not match is
        searched on its own, and only a side whose best sentence does not state the asked thing sets none."""
        corpus = self.retriever.corpus
        allowed = self.retriever.allowed_docs(filters)
        named = [p for p in ask.places if p in self.with_docs]
        if len(named) >= 2:
            sides = [(p, tuple(d.doc_id for d in corpus.documents if d.region == p and d.doc_id in allowed))
                     for p in named]
        else:
            sides = [(short_title(d), (d.doc_id,)) for d in corpus.documents if d.doc_id in allowed]
        found = self._target_sentences(ask, sides) if ask.kind == "number" else {}
        # a side must state what was asked, in its words: the quoted name when the question quotes one, the thing
        # said to be mentioned ("哪些提到了中非经贸合作") when it asks which documents mention something
        quoted = [q for q in _QUOTED.findall(ask.asked) if not _PERIOD_NAME.match(q)]
        mentioned = _MENTIONED.search(ask.asked)
        asked = self.wording.content_terms(ask.query, expansions=False,
                                    text="，".join(quoted) or (mentioned.group("thing") if mentioned else None))
        # things named as alternatives ("提到了专利或知识产权质押融资"): a side stating either states the thing
        alternatives = [self.wording.content_terms(ask.query, expansions=False, text=alt)
                        for alt in _ALTERNATIVE.split(mentioned.group("thing"))] if mentioned and not quoted else []
        alternatives = [a for a in alternatives if a] if len(alternatives) > 1 else [asked]
        lines, missing, figures = [], [], []
        words: dict[str, bool] = {}
        sure_only = False
        for label, doc_ids in sides:
            chosen = found.get(label)
            if not chosen:
                side_hits = self.retriever.search(ask.query, k=self.config.side_k, filters=Filters(
                    doc_ids=doc_ids, in_force_only=filters.in_force_only, on=filters.on)) if doc_ids else []
                scored = self.chooser.scored(side_hits, terms, ask.kind, [], ask.query)
                best = next((s for s in scored if any(self._states_asked(ask, s[3], s[0], a, s[4].clause.section_path[-1:])
                                                        for a in alternatives)),
                            None)
                if not best and ask.kind == "number" and scored and scored[0][0] >= self.config.side_sure and \
                        _DIGIT.search(scored[0][3]) and base_fits(ask.asked, scored[0][3]):
                    # a target the sentence model is sure of, whatever words the asker added ("合办", "这方面各定了")
                    best = scored[0]
                    sure_only = True
                chosen = [(best[3], best[4])] if best else []
                if ask.kind == "number":
                    chosen += self.side_figures(chosen)
            if not chosen:
                missing.append(label)
                # a target the side may set in words: its first clause is the asked sector's (its heading names an
                # asked word: "（四）会展服务") and sets something for a year
                top = side_hits[0].clause if doc_ids and side_hits else None
                words[label] = bool(top) and any(t in "".join(top.section_path[-1:]) for t, w in asked.items()
                                                 if w >= self.config.side_heading_idf) and \
                    bool(TARGET_YEAR.search(top.text))
            elif not quoted and not mentioned:
                chosen = chosen + self.side_later_questions(ask, doc_ids, filters, chosen)
            for sentence, hit in chosen:
                year = self.leads.year_of(hit, sentence) or next((f"到{y}年" for y in TARGET_YEAR.findall(hit.clause.text)), "")
                when = f"（{year}）" if year and _DIGIT.search(sentence) and not YEAR_LEAD.search(sentence) else ""
                if ask.kind == "number":
                    sentence = self.chooser.scorer.focus(self.wording.mask_places(ask.text), sentence)
                lines.append(f"- {label}{when}：{sentence}{cites(hit.clause, hit.document)}")
            if chosen:
                sentence, hit = chosen[0]
                year = TARGET_YEAR.search(self.leads.year_of(hit, sentence) + sentence)
                figures.append((label, year.group(1) if year else "",
                                self.chooser.scorer.focus(self.wording.mask_places(ask.text), sentence)))
        in_words = ask.kind == "number" and not _FIGURE_ASKED.search(ask.asked) and all(words.values()) and words
        if not lines or missing and (sure_only or in_words):
            # no side states it: answered (or declined) as one question, which also finds a side by its words
            # when the one found here is only the sentence model's, or a side's target set in words when no figure
            # was asked ("各自定了什么目标": 株洲's "打造中部地区会展名城", which the targets table does not hold)
            return None
        if missing:
            # figures asked in so many words ("量化目标"): a side setting a target in words sets none of them
            what = "量化目标" if _FIGURES_ASKED.search(ask.asked) else "目标或规定"
            lines.append(f"- {'、'.join(missing)}：现有文件没有提出这方面的{what}。")
        if len(named) >= 2 and len(figures) == len(named) and COMPARE_ASK.search(ask.asked):
            verdict = _compared(figures, asked, kind_asked(self.targets().indicator_of(ask.text)),
                                bool(GAP_ASK.search(ask.asked)))
            if verdict:
                lines.insert(0, verdict)
        return Comparison(tuple(lines), bool(missing) and len(named) >= 2)

    def side_figures(self, chosen: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
        """Targets asked of several places in words ("两边的目标有啥不一样", "怎么搞？有没有数字目标"): a side
        quoting no target adds the first sentence of its quoted clause that sets one for a year, with a figure
        ("到2027年建成20家产业学院") or else in words ("到2027年，……成为……会展名城"), when the clause has it."""
        added: list[tuple[str, Hit]] = []
        quoted = {sentence for sentence, _ in chosen}
        for doc_id in dict.fromkeys(hit.document.doc_id for _, hit in chosen):
            side = [(s, h) for s, h in chosen if h.document.doc_id == doc_id]
            if any(FIGURE_VALUE.search(s) or TARGET_YEAR.search(s) for s, _ in side):
                continue
            hit = side[0][1]
            targets = [s for s in clause_sentences(hit.clause)
                       if s not in quoted and TARGET_YEAR.search(s) and not is_past(s)]
            target = next((s for s in targets if FIGURE_VALUE.search(s)), targets[0] if targets else None)
            if target:
                added.append((target, hit))
        return added

    @staticmethod
    def figures_only(asked: str, chosen: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
        """Figures alone asked of every side ("各定了什么量化目标"): a side that quotes a sentence with a figure
        drops its sentences without one (培育壮大……领军和骨干企业 beside 到2027年建成20家产业学院)."""
        if not _FIGURES_ASKED.search(asked) or _MEASURES_ASKED.search(asked):
            return chosen
        figured = {hit.document.doc_id for sentence, hit in chosen if FIGURE_VALUE.search(sentence)}
        return [(sentence, hit) for sentence, hit in chosen
                if hit.document.doc_id not in figured or FIGURE_VALUE.search(sentence)]

    def side_later_questions(self, ask: Ask, doc_ids: tuple[str, ...], filters: Filters,
                             chosen: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
        """A side's answers to the later questions of a comparison asking several ("两地对会展业各定了什么目标？
        重点要打造哪些展会？"): for each, the likeliest sentence of the side's nearest clause to it that the side
        does not quote yet, when it scores keep_ratio of that clause's best."""
        segments = question_segments(ask.asked)
        added: list[tuple[str, Hit]] = []
        for segment in segments[1:]:
            if COMPARE_ASK.search(segment):
                continue  # "谁的更高？" asks the comparison's verdict
            if YEAR_ASK.search(segment) and any(ANY_YEAR.search(self.leads.year_of(h, s) + s) for s, h in chosen):
                continue  # "都是到哪一年": the side's figure states its year
            query = self.retriever.parser.parse(segment)
            docs = self.retriever.preferred_docs(query)
            # "长沙的行动计划又定的多少？": the plan named is no subject, nor the 又 that asks the same again
            own = self.wording.mask_places(segment).replace("又", "，")
            for mention in query.doc_mentions:
                own = own.replace(mention, "，")
            if docs and not docs & set(doc_ids) or not self.wording.subject_of(own):
                continue  # "武汉定的目标又是多少？" asks the first question again, of one side
            side_hits = self.retriever.search(query, k=1, filters=Filters(
                doc_ids=doc_ids, in_force_only=filters.in_force_only, on=filters.on))
            scored = self.chooser.scored(side_hits, self.wording.content_terms(query), detect_kind(segment), [], query)
            quoted = {sentence for sentence, _ in chosen + added}
            best = scored[0][0] if scored else 0.0
            # (what a plan reports of the past answers only a question about the past: "各是多少，哪一年？" after a
            # target asked is no question about 2015–2020)
            pick = next((s for s in scored if s[0] > 0 and s[0] >= self.chooser.config.keep_ratio * best
                         and s[3] not in quoted and not is_bare(s[3])
                         and not (is_past(s[3]) and not PAST_ASKED.search(segment))), None)
            if pick:
                added.append((pick[3], pick[4]))
        return added

    def _target_sentences(self, ask: Ask, sides: list[tuple[str, tuple[str, ...]]]) -> dict[str, list[tuple[str, Hit]]]:
        """Side label → the sentences of the targets the table matches to the asked indicator (at most two)."""
        corpus = self.retriever.corpus
        year = int(ask.years[0]) if len(ask.years) == 1 else None
        doc_ids = {d for _, ids in sides for d in ids}
        regions = sorted({corpus.document(d).region for d in doc_ids})
        found: dict[str, list[tuple[str, Hit]]] = {}
        table = self.targets()
        phrase = table.indicator_of(ask.text)
        for match in table.find(ask.text, regions=regions, year=year):
            target = match.target
            label = next((label for label, ids in sides if target.doc_id in ids), None)
            if label is None or len(found.get(label, [])) >= 2 or not table.answers(phrase, target) or \
                    any(s == target.sentence for s, _ in found.get(label, [])):
                continue
            hit = Hit(0, match.similarity, corpus.clause(target.clause_id), corpus.document(target.doc_id), {})
            found.setdefault(label, []).append((target.sentence, hit))
        return found

    def _states_asked(self, ask: Ask, sentence: str, score: float, terms: dict[str, float],
                      heading: tuple[str, ...] = ()) -> bool:
        # a figure asked: the side's sentence states one, of the asked base (占GDP is no share of 服务业增加值), and
        # for the plan's years ("2020年，……贡献率为24%" is where it started)
        if score <= 0 or (ask.kind == "number" and not (has_figure(sentence) and base_fits(ask.asked, sentence)
                                                        and not is_past(sentence))):
            return False
        # "要建" asks, it names nothing, and "一样" asks how the sides compare; a four-character term holds
        # when its two halves do ("经贸合作" in "中非经贸深度合作"), a longer one when its words do
        # ("知识产权质押融资" in "开展知识产权质押、仓单质押……等多种方式的融资服务")
        text = sentence.lower()
        if ask.kind == "number":
            # a thing named only as one of a list ("科技服务、信息服务、现代物流、会展服务……等七大重点领域……500家")
            # has no figure of its own there
            text = _LISTED.sub("", text)
            # a figure's subject is often its clause's heading ("（十）发展开放多元的会展服务": "到2027年，各类展会活动
            # 总面积达到350万平方米" is a 会展 target)
            text += "".join(heading).lower()
        named = {t: w for t, w in terms.items() if not _WANT_VERB.fullmatch(t) and not COMPARE_ASK.fullmatch(t)
                 and not _TARGET_FORM.fullmatch(t)}
        total = sum(named.values())
        # an industry held by its stem ("会展业" by "会展服务"), and a word the tokenizer cut out of a longer asked
        # word held with it ("展业" of 会展业)
        found = {t for t in named if t in text or len(t) == 4 and t[:2] in text and t[2:] in text
                 or len(t) > 4 and _parts_held(t, self.wording.tokenize(t), text)
                 or len(t) >= 3 and t.endswith("业") and t[:-1] in text}
        found |= {t for t in named if any(t in longer for longer in found)}
        held = sum(named[t] for t in found)
        return bool(total) and held / total >= self.config.side_coverage

    def difference(self, ask: Ask, text: str, citations: tuple[Citation, ...]) -> str:
        """A question asking how places differ ("在长沙和在株洲分别能拿到什么支持？两边有啥区别？") answered with each
        place's clauses: a first line saying the difference, each place's part of what it quotes that the others'
        quotes hold least of ("长沙是“由各行业主管部门在专项资金中给予支持”；株洲是“争取省里奖励政策”"), among the
        parts granting support when support is asked; "" when there is none to say."""
        if not _DIFFERENCE_ASK.search(ask.asked) or len(ask.places) < 2 or \
                ask.kind not in ("fact", "support") or TARGET_ASKED.search(ask.asked) or "比较：" in text:
            return ""  # targets differ by their figures: the comparison's verdict says how
        regions = {d.doc_id: d.region for d in self.retriever.corpus.documents}
        cited = {c.n: regions[c.doc_id] for c in citations}
        said: dict[str, list[tuple[str, int]]] = {}
        text = re.sub(r"（(责任|牵头)单位[^）]*）|（[^（）]*到期）", "", text)
        for line in text.splitlines():
            pieces = re.split(r"\[(\d+)\]", line)
            for piece, n in zip(pieces[::2], pieces[1::2]):
                piece = re.sub(r"^[-\s]*[^：:]{0,30}[：:]", "", piece)  # a list item's heading, a side's label
                if int(n) in cited and piece.strip():
                    said.setdefault(cited[int(n)], []).append((piece, int(n)))
        if len([r for r in said if r in ask.places]) < 2:
            return ""
        grants = bool(SUPPORT_ASKED.search(ask.asked))
        idf = self.retriever.bm25.idf
        lines = []
        for region in [p for p in ask.places if p in said]:
            others = "".join(piece for r, items in said.items() if r != region for piece, _ in items).lower()
            parts = [(part.strip(), n) for piece, n in said[region] for part in re.findall(r"[^，,；;。]+", piece)]
            if grants:  # what each place grants, when support is asked
                parts = [p for p in parts if _GRANTS_OR_ENCOURAGES.search(p[0])] or parts
            best = (-1.0, "", 0)
            for part, n in parts:
                gain = sum(idf(w) for w in set(self.wording.tokenize(part)) if w not in others)
                if gain > best[0]:
                    best = (gain, part, n)
            if best[1]:
                lines.append(f"{region.rstrip('市')}是“{best[1]}”[{best[2]}]")
        return f"区别：{'；'.join(lines)}。" if len(lines) >= 2 else ""

    def joins_places(self, text: str) -> bool:
        """Does the question join two places ("市里和省里", "长沙、株洲")? Not only name two (湖南省的规划对株洲…)."""
        names = "|".join([re.escape(a) for a in self.wording.aliases] + ["市里", "省里", "市级", "省级"])
        return bool(re.search(f"({names})(的)?(和|与|跟|及|以及|、|或|或者|还是)({names})", text))

    def missing_sides(self, ask: Ask, chosen: list[tuple[str, Hit]], terms: dict[str, float],
                      filters: Filters) -> list[tuple[str, Hit]]:
        """A question about two or more places answered as one ("市里和省里的规划都支持吗？", when no side states
        the asked terms): every named place whose documents the answer does not quote adds its own best
        sentence, so each side is answered and cited."""
        quoted = {hit.document.region for _, hit in chosen}
        extra = []
        for place in (p for p in ask.places if p in self.with_docs and p not in quoted):
            doc_ids = tuple(d.doc_id for d in self.retriever.corpus.documents if d.region == place)
            side_hits = self.retriever.search(ask.query, k=self.config.side_k, filters=Filters(
                doc_ids=doc_ids, in_force_only=filters.in_force_only, on=filters.on))
            scored = self.chooser.scored(side_hits, terms, ask.kind, [], ask.query)
            best = next((s for s in scored if not is_bare(s[3])), None)
            if best and best[0] > 0:
                side = [(best[3], best[4])]
                if ask.kind in ("fact", "support"):
                    # "分别重点支持哪些业务": the side's clause may tell it in a sentence beside its best one
                    side += self.chooser.companions(scored, side, best[0], terms, set(terms) - set(ask.query.expansions),
                                                    self.wording.local_names(ask.query), self.config.side_sentences,
                                                    self.config.side_chars)
                extra += side
        return extra


def _compared(figures: list[tuple[str, str, str]], asked: dict[str, float], wants: str | None,
              gap: bool = False) -> str:
    """The verdict of a comparison from each side's (label, target year, sentence): which figure is highest (two
    sides: higher, and by how much when the gap is asked), or that they are equal, or that they are not counted
    alike; "" when a side states no figure.
    A side's figure is that of its sentence's part whose unit fits the kind of figure asked (wants: share,
    growth, money, count or None) and that names most of the asked indicator (asked: its terms)."""
    values = []
    for label, year, sentence in figures:
        parts = [p for p in re.split(r"[，,；;。]", YEAR_LEAD.sub("", sentence)) if FIGURE_VALUE.search(p)]
        if not parts:
            return ""
        # "……力争达到1000亿元，占服务业增加值比重达到47%左右": the share asked is in the second part
        # (a part worded as another kind is not it: "服务业增加值年均增长6.5%以上" is a growth rate, the share asked is
        # "占GDP比重的53%左右")
        best = max(parts, key=lambda p: (FIGURE_VALUE.search(p).group(3) in UNITS_OF.get(wants, ()),
                                         not wants or kind_asked(p) in (wants, None),
                                         sum(w for t, w in asked.items() if t in p.lower()), -parts.index(p)))
        m = FIGURE_VALUE.search(best)
        values.append((label, year, m.group(0), float(m.group(2)), m.group(3)))
    years = {year for _, year, *_ in values}
    when = "（" + "、".join(f"{label}到{year}年" for label, year, *_ in values) + "）" \
        if all(years) and len(years) > 1 else ""
    if len({unit for *_, unit in values}) > 1:
        sides = "与".join(f"{label}（{text}）" for label, _, text, _, _ in values)
        return f"比较：{sides}的目标计量方式不同，不能直接比较{when}。"
    if len({value for _, _, _, value, _ in values}) == 1:
        return f"比较：{'与'.join(v[0] for v in values)}的目标相同，均为{values[0][2]}{when}。"
    ranked = sorted(values, key=lambda v: -v[3])
    if len(ranked) == 2:
        high, low = ranked
        apart = ""
        if gap:  # "差几个百分点": the gap of the two figures, about when either is a bound ("60%以上", "47%左右")
            unit = "个百分点" if high[4] in ("%", "％") else high[4]
            about = "约" if any(re.search(r"左右|以上|以下|超过|突破|不低于|不少于|约", v[2]) for v in (high, low)) else ""
            apart = f"，相差{about}{high[3] - low[3]:g}{unit}"
        return f"比较：{high[0]}的目标（{high[2]}）高于{low[0]}（{low[2]}）{apart}{when}。"
    # equal figures said so ("湖南省与湘潭（均为6%左右）"): often what a three-way comparison asks
    groups: list[list[tuple]] = []
    for v in ranked:
        if groups and groups[-1][0][3] == v[3]:
            groups[-1].append(v)
        else:
            groups.append([v])

    def told(group: list[tuple]) -> str:
        return f"{group[0][0]}（{group[0][2]}）" if len(group) == 1 else \
            f"{'与'.join(v[0] for v in group)}（均为{group[0][2]}）"

    top, *rest = groups
    lead = f"{top[0][0]}的目标（{top[0][2]}）最高" if len(top) == 1 else \
        f"{'与'.join(v[0] for v in top)}的目标并列最高（均为{top[0][2]}）"
    return f"比较：{lead}，其后依次为{'、'.join(told(g) for g in rest)}{when}。"


def _parts_held(term: str, parts: list[str], text: str) -> bool:
    """Does a text hold every shorter word a long term is cut into (知识产权、质押、融资 of 知识产权质押融资)?"""
    shorter = [p for p in parts if p != term]
    return bool(shorter) and all(p in text for p in shorter)
