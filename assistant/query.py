"""Query understanding: clean the question, find the place it is about, expand everyday words."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from corpus.regions import RegionTable

DEFAULT_LEXICON = Path(__file__).parent / "data" / "lexicon.tsv"

# Persona boilerplate that says who is asking, not what they ask.
_BOILERPLATE = [
    re.compile(r"^(你好|您好|hi|hello)[，,！!。\s]*", re.I),
    re.compile(r"(想|想要|我想|麻烦|请)?(问一下|问下|咨询一下|咨询下|请教一下|了解一下)[，,：:]?"),
    re.compile(r"请问[，,]?"),
    re.compile(r"谢谢[！!。]?$"),
    # what an earlier question asked, told before the new one ("刚才问的是株洲的物流目标。那衡阳呢？"): its place and
    # words are not asked now
    re.compile(r"^(刚才|刚刚|之前|上次|前面|上面)(我)?(问|说|聊|提|查)(的|了|过)[^。！!？?]{0,40}[。！!；;]"),
    # a part of the plan pointed at by its form ("信息服务那一条的责任单位"): the words before it name it; 一条 would
    # match 株洲's "一条产业链"
    re.compile(r"(这|那)一?(条|项|款|部分|节)(?=的|里|中|[，,？?]|是|由|归)"),
]
# The asker's headcount told ("二十来个人，", "十来个人的小团队"): its numerals match the plans' ("二十" of 二十届三中全会)
# and 个人 theirs; said as "一些人". A count asked ("要培养多少人") or a plan's own ("千人计划", "每万人") is not of this form.
_HEADCOUNT = re.compile(r"(?<![每万亿])(?:[一二两三四五六七八九十百千]+|几[十百千])(?:来|多|余|几)?[个号名位]?人(?=[，,。；;的、\s]|$)")
# A name for several places, when a question counts them as places ("长株潭三个市分别…", "长株潭各市") or lists
# it among places ("长株潭、湖南省和武汉这几份文件"): the places themselves. Alone ("长株潭一体化", "长株潭都市圈")
# it names a region of the province's plan and stays.
_PLACE_GROUPS = {"长株潭": "长沙、株洲、湘潭"}
# A question that names no place but speaks of "the province" ("省级层面靠什么机制统筹", "省里对…有补贴吗") asks
# about the province's own plan, when the library holds plans of exactly one province. A city word beside it
# ("市里和省里") keeps both levels open.
# The province's plan named by its level alone ("省服务业十四五规划", "省规划里", "省的文件") is the province too.
_PROVINCE_PLAN = r"(?<![节俭反自])省的?(服务业|“?十[三四五]五”?|发展|的){0,4}(规划|文件|政策|方案)"
_PROVINCE_LEVEL = re.compile(r"省级|省里|省政府|省委|省一级|全省|我省|本省|省层面|" + _PROVINCE_PLAN)
# ... and one that names a city beside the province ("湘潭的目标跟省规划的比是高还是低", "长沙和省里分别定了多少")
# asks both.
_PROVINCE_BESIDE = re.compile(r"(跟|和|与|同|比|较|及)(全省|省里|省政府|省规划|省的|省定)|"
                              r"(全省|省里|省政府|省规划)的?[^，,。？?]{0,6}(跟|和|与|及)")  # not 省级: "省级试点企业和……"
CITY_LEVEL = re.compile(r"市级|市里|市政府|全市|各市|地市|市一级|市层面")
_GROUP_AS_PLACES = re.compile("(" + "|".join(_PLACE_GROUPS) + r")(?=(三|3)个?(市|城市|地市|地)|各市|各地|分别|"
                              r"[、，,和与及跟][^，,。？?]{0,12}(这|那)?(几|三|四|五)(份|个|家)(文件|规划|计划|方案|地方))")
# A place's papers named without a title ("湖南有没有文件说……", "湖南的政策文件里"): that place's documents are asked
# (not "根据省里哪个文件制定的", which asks which paper a plan rests on).
_PLACE_PAPERS = r"(的|这边|那边)?(有没有|有无)?(相关)?(政策)?文件"
_MAX_QUERY_CHARS = 2000
_TAG = re.compile(r"<\s*(script|style)[^>]*>.*?<\s*/\s*\1\s*>|</?[a-zA-Z][^<>]{0,200}>", re.S | re.I)
# The asker's own situation ("我们是几个主播组成的团队，", "我们2024年刚成立，") is context, not the question:
# a segment that starts with a self-reference and holds no question word. 几 stays out of the question words
# here: in a self-description it means "a few".
SEGMENT = re.compile(r"[^，,。；;！!]+[，,。；;！!]?")
_SELF = re.compile(r"^(我们|我|咱们|本公司|我司|我家|我单位|我厂)|"
                   # "株洲做物流配送的，", "长沙一家做品牌策划和广告的公司，"
                   r"^(在)?[\u4e00-\u9fff]{0,4}(做|搞|开|干|经营)[^，,。；;！!？?]{1,12}的"
                   r"(小)?(公司|企业|店|门店|工作室|机构|律所|团队|厂)?[，,。；;]?$|"
                   r"^(在)?[\u4e00-\u9fff]{0,4}(开|办|做|搞|经营|干)了(一)?(个|家|间)[^，,。；;！!？?]{1,12}[，,。；;]$|"  # "在武汉开了个小律所，"
                   r"^在[\u4e00-\u9fff]{2,6}(做|搞|开|干|经营)[^，,。；;！!？?想要]{1,12}[，,；;]$|"  # "在武汉做猎头和灵活用工，"
                   # "武汉一家小律所，", "长沙一家十来个人的设计工作室，": a place's business, told without 我们
                   r"^[\u4e00-\u9fff]{2,6}一(家|个|间)[^，,。；;！!？?]{0,12}(公司|企业|店|工作室|机构|律所|事务所|团队|厂|中心|"
                   r"合作社|养老院)[，,。；;]$|"
                   # what the business does ("主要给企业做合同和知识产权，"), not what it wants ("现在想做两件事")
                   r"^(主要|平时|专门|一直|日常)(?![^，,。；;！!？?]*(想|希望|打算|准备|需要|缺))"
                   r"[^，,。；;！!？?]{0,6}(给|帮|为|替|做|搞|接|送|负责|承接)")
# Whom the asker works for ("给长沙、深圳几家人工智能公司做", "帮株洲的工厂配送", "为武汉客户提供", "帮醴陵的陶瓷厂往外发货").
SERVED = re.compile(r"(给|帮|为|替|向)[^，,。；;？?]{0,12}(公司|企业|企|客户|厂家|工厂|厂|单位|商家|门店)"
                     r"(做|供|提供|服务|送|配送|加工|代工|生产|往外发|发货|发|运|拉)")
# Where the asker's business means to go ("把业务铺到长沙、湘潭去", "想把店开到广东", "产品卖到东南亚").
_MARKETS = re.compile(r"(铺到|开到|拓展到|扩展到|扩张到|延伸到|卖到|销往|发展到)[^，,。；;？?！!]{0,12}")
# A question going on from what was just said ("那株洲的呢", "那么长沙……"), not "那个/那些/那边" pointing at a thing.
_THEN = re.compile(r"^(那么|那)(?![个些份里边种样块位家])")
QUESTION_WORD = re.compile(r"[吗么呢？?]|什么|啥|哪|多少|怎么|怎样|如何|能否|是否|有没有|能不能|可不可以|要不要|算不算|谁")


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]

    def expand(self, text: str) -> list[str]:
        """Policy terms for the everyday words found in a text (terms already in it are skipped)."""
        said = self._said(text)
        found: list[str] = []
        for words, terms in self.entries:
            if any(w in said for w in words):
                found.extend(t for t in terms if t not in text and t not in found)
        return found

    def needs(self, text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The entries whose everyday words a text uses: (the words found, the policy terms they stand for)."""
        said = self._said(text)
        return [(tuple(w for w in words if w in said), terms) for words, terms in self.entries
                if any(w in said for w in words)]

    def _said(self, text: str) -> set[str]:
        """The everyday words a text uses: found by substring, except where a word found before it takes its first
        character ("进规上市里": 规上 is said, not 上市). A word inside another (电商 in 跨境电商) is said too, and so
        are two sharing more than a character ("单独注册公司": 单独注册 and 注册公司)."""
        spans = [(m.start(), m.start() + len(w), w) for words, _ in self.entries for w in words if w in text
                 for m in re.finditer(re.escape(w), text)]
        return {w for start, end, w in spans
                if not any(s < start == e - 1 < end - 1 for s, e, _ in spans)}


def load_lexicon(path: Path = DEFAULT_LEXICON) -> Lexicon:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        words, terms = line.split("\t", 1)
        short = [w for w in words.split("|") if len(w) == 1]
        if short:  # found by substring, one character is inside unrelated words (税 in 保税维修)
            raise ValueError(f"{path}: everyday words of one character match inside other words: {short}")
        entries.append((tuple(w for w in words.split("|") if w), tuple(t for t in terms.split("|") if t)))
    return Lexicon(tuple(entries))


_TITLE_NOISE = re.compile(r"[（(][^）)]*[）)]|[“”\"《》〈〉\s]")
_DOC_KINDS = ("规划", "计划", "方案", "意见", "办法", "通知", "纲要")
_AFTER_VERB = "了着过"  # 规划了: the word is a verb here, not a document's name


@dataclass(frozen=True)
class DocNames:
    """How the library's documents are named in a question ("湖南“十四五”服务业规划", "三年行动计划"):
    the words of a title after its place. A question that names its document asks about a clause of it,
    and the name's words (十四五, 服务业, 规划) only match the preamble that repeats the title."""

    cores: tuple[str, ...]  # titles without place, brackets and quotes
    numbers: tuple[tuple[str, str], ...] = ()  # (文号 in canonical form, its document's place)

    @classmethod
    def from_titles(cls, titles: list[str], place_names: list[str],
                    numbers: list[tuple[str, str]] = ()) -> "DocNames":
        """numbers: (文号, place) of the documents that have one: a question quoting a 文号 names that document."""
        cores = []
        for title in titles:
            core = _TITLE_NOISE.sub("", title)
            for name in sorted(place_names, key=len, reverse=True):
                if core.startswith(name):
                    core = core[len(name):]
                    break
            if core.endswith(_DOC_KINDS):
                cores.append(core)
        return cls(tuple(dict.fromkeys(cores)),
                   tuple((_canonical_number(n), place) for n, place in numbers if _canonical_number(n)))

    def numbered(self, text: str) -> list[tuple[str, str]]:
        """(span, place) of each library 文号 the text quotes, whatever brackets it uses ("武政办[2024]121号")."""
        found = []
        for match in _DOC_NUMBER_SPAN.finditer(text):
            issuer, year, serial = match.groups()  # the issuer run may start with other words: "关于武政办"
            for number, place in self.numbers:
                own = _DOC_NUMBER_SPAN.match(number)
                if (own.group(2), own.group(3)) == (year, serial) and issuer.endswith(own.group(1)):
                    found.append((match.group(0)[len(issuer) - len(own.group(1)):], place))
        return found

    def mentions(self, text: str) -> list[str]:
        """Spans of the text that name a document: ending with a title's kind word (规划, 计划…) and, quotes
        aside, a run of that title's words in order."""
        spans: list[str] = []
        for core in self.cores:
            # (a 行动计划 is also called a 行动 with more of its title before: "生产性服务业三年行动")
            for kind, least in [(core[-2:], 2)] + ([("行动", 4)] if core.endswith("行动计划") else []):
                start = 0
                while (end := text.find(kind, start)) >= 0:
                    start = end + 2
                    if start < len(text) and (text[start] in _AFTER_VERB or kind == "行动" and text[start] == "计"):
                        continue
                    left = end
                    # (a 的 joins the words people name it by: "那个生产性服务业的计划")
                    while left > 0 and _subsequence(_TITLE_NOISE.sub("", text[left - 1:end + 2]).replace("的", ""), core):
                        left -= 1
                    while left < end and text[left] == "的":  # "湖南省的服务业规划" names 服务业规划
                        left += 1
                    if end + 2 - left >= least:
                        spans.append(text[left:end + 2])
        return sorted(set(spans), key=len, reverse=True)


# A year typed without 年 before the words it dates ("株洲2026上市企业目标几家"), not a figure ("2026亿元").
_BARE_YEAR = re.compile(r"(?<![\d.])(20[0-4]\d)(?=[\u4e00-\u9fff])(?![年亿万元家个人项平吨多余届号款条])")

# A 文号: the issuer's abbreviation, the year in any brackets, the number ("长政办发〔2023〕24号").
_DOC_NUMBER_SPAN = re.compile(r"([\u4e00-\u9fff]{1,8})\s*[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*(\d+)\s*号")


def _canonical_number(text: str) -> str:
    match = _DOC_NUMBER_SPAN.search(text)
    return f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号" if match else ""


_KIND_WORDS = re.compile(r"行动计划|实施方案|规划|计划|方案")


def names_title(span: str, title: str, any_kind: bool = False) -> bool:
    """Does a span naming a document ("三年行动计划", "服务业规划") fit this title, its words in order? With
    any_kind, the kind words are left out: people call a 行动计划 a 规划 ("株洲的服务业规划")."""
    span, title = _TITLE_NOISE.sub("", span).replace("的", ""), _TITLE_NOISE.sub("", title)  # "服务业的规划"
    if any_kind:
        span, title = re.sub(r"行动$", "", _KIND_WORDS.sub("", span)), _KIND_WORDS.sub("", title)  # "三年行动"
    return _subsequence(span, title)


def _subsequence(part: str, whole: str) -> bool:
    it = iter(whole)
    return all(ch in it for ch in part)


@dataclass(frozen=True)
class Query:
    original: str
    text: str  # cleaned question
    regions: tuple[str, ...] = ()  # canonical region names mentioned
    expansions: tuple[str, ...] = ()
    doc_mentions: tuple[str, ...] = ()  # spans naming a document (DocNames), weighed down in BM25
    named_doc_regions: tuple[str, ...] = ()  # places whose document the question names ("湖南省的服务业规划")
    context: tuple[str, ...] = ()  # segments that only describe the asker (self_description); see asked_dense_share
    premise: tuple[str, ...] = ()  # segments stating another place's plan as a yardstick (QueryParser.premise)

    @property
    def search_text(self) -> str:
        """The question plus its expansions: what both search paths see."""
        return self.text + ("（" + "，".join(self.expansions) + "）" if self.expansions else "")


class QueryParser:
    def __init__(self, regions: RegionTable, lexicon: Lexicon, to_simplified=None, doc_names: DocNames | None = None,
                 provinces: tuple[str, ...] = ()):
        """provinces: the provinces that have a plan of their own in the library."""
        self.regions = regions
        self.lexicon = lexicon
        self.doc_names = doc_names
        self.provinces = provinces
        self._to_simplified = to_simplified

    def _simplify(self, text: str) -> str:
        if self._to_simplified is None:
            from opencc_purepy import OpenCC

            self._to_simplified = _keeping_simplified(OpenCC("t2s").convert)
        return self._to_simplified(text)

    def parse(self, question: str) -> Query:
        text = _BARE_YEAR.sub(r"\1年", normalise_question(question))
        text = _spelled_out(self.regions.respell(self._simplify(text)))
        original = text
        for pattern in _BOILERPLATE:
            text = pattern.sub("", text)
        text = _HEADCOUNT.sub("一些人", text)
        text = text.strip(" ，,。") or original
        text = _GROUP_AS_PLACES.sub(lambda m: _PLACE_GROUPS[m.group(1)], text)
        premise = self.premise(text)
        whole, text = text, text[len("".join(premise)):]  # the places and documents asked are the question's own
        # a quoted 文号 names its document, and so its place (first: it is what the question is about)
        numbered = self.doc_names.numbered(text) if self.doc_names else []
        regions = tuple(dict.fromkeys([place for _, place in numbered] +
                                      [r.name for r in self.regions.find_all(text)]))
        # a place named only as where the asker's customers are ("我们在益阳……，给长沙、深圳几家人工智能公司做标注")
        # or where it means to expand ("顺便把业务铺到长沙、湘潭去") is not asked about
        # when the question names its place elsewhere (a place, or the province: "省里的规划")
        served = {r.name for pattern in (SERVED, _MARKETS) for m in pattern.finditer(text)
                  for r in self.regions.find_all(m.group())}
        rest = _MARKETS.sub("，", SERVED.sub("，", text))
        named = {r.name for r in self.regions.find_all(rest)} | {p for _, p in numbered}
        if served and (named or _PROVINCE_LEVEL.search(rest)):
            regions = tuple(r for r in regions if r not in served or r in named)
        if (not regions and len(self.provinces) == 1 and _PROVINCE_LEVEL.search(text)
                and not CITY_LEVEL.search(text)):
            regions = self.provinces
        elif regions and len(self.provinces) == 1 and self.provinces[0] not in regions and \
                _PROVINCE_BESIDE.search(text):
            regions = regions + self.provinces
        mentions = tuple(self.doc_names.mentions(text)) if self.doc_names else ()
        named = tuple(dict.fromkeys([place for _, place in numbered] + [
            r.name for r in self.regions.find_all(text)
            if any(f"{alias}{joint}{span}" in text for alias in r.names for joint in ("", "的") for span in mentions)
            or any(re.search(re.escape(alias) + _PLACE_PAPERS, text) for alias in r.names)]))
        return Query(original=question, text=whole, regions=regions, expansions=tuple(self.lexicon.expand(whole)),
                     doc_mentions=mentions, named_doc_regions=named, context=self_description(whole), premise=premise)

    def premise(self, text: str) -> tuple[str, ...]:
        """The opening statements of a question that state what one place's plan says, before the question asks
        the same of another place ("长沙那份……是长政办发〔2023〕24号，那株洲的同类三年计划文号是多少？",
        "省规划要求……超过11%，那长沙……定到多少？"): a yardstick, not what is asked. () when there is none: the
        question must start with 那 and name a place the statements do not."""
        segments = SEGMENT.findall(text)
        then = next((i for i, s in enumerate(segments) if _THEN.match(s.strip())), 0)
        if not then or any(QUESTION_WORD.search(s) for s in segments[:then]):
            return ()
        stated, asked = "".join(segments[:then]), "".join(segments[then:])
        numbered = self.doc_names.numbered(stated) if self.doc_names else []
        yardstick = {r.name for r in self.regions.find_all(stated)} | {place for _, place in numbered}
        if _PROVINCE_LEVEL.search(stated) or "省规划" in stated:
            yardstick |= set(self.provinces)
        own = {r.name for r in self.regions.find_all(asked)}
        return tuple(segments[:then]) if yardstick and own and not own & yardstick and text.startswith(stated) else ()


def self_description(text: str) -> tuple[str, ...]:
    """The segments of a question that only describe the asker ("我们是株洲一家做物流的企业，"); none when every
    segment does (then the description is the question)."""
    segments = SEGMENT.findall(text)
    context = tuple(s for s in segments if _SELF.match(s.strip()) and not QUESTION_WORD.search(s))
    return context if len(context) < len(segments) else ()


def asker_lead(text: str) -> str:
    """The segments a message opens with that tell who the asker is and what it has, before anything is asked
    ("我们在武昌开了个小律所，就4个律师，"): "" unless the message opens with a self-description."""
    segments = SEGMENT.findall(text)
    if not segments or not _SELF.match(segments[0].strip()):
        return ""
    lead = []
    for segment in segments[:-1]:
        if QUESTION_WORD.search(segment) or _NOT_SITUATION.search(segment):
            break
        lead.append(segment)
    return "".join(lead)


# A segment that is no longer about the asker: what the plans say ("规划里说给予税费减免"), or a question put
# without a question word ("想确认一下……是100%还是120%").
_NOT_SITUATION = re.compile(r"规划|计划|方案|文件|政策|条款|里说|提到|想(确认|问|了解|知道|咨询)|请问|问一下|还是")


def asked_part(text: str) -> str:
    """The question without segments that only describe the asker."""
    context = set(self_description(text))
    return "".join(s for s in SEGMENT.findall(text) if s not in context) or text


_PHRASE_PAUSE = re.compile(r"(?<=[\u4e00-\u9fff\d][\u4e00-\u9fff\d%][\u4e00-\u9fff\d%][\u4e00-\u9fff]) "
                           r"(?=[\u4e00-\u9fff\d][\u4e00-\u9fff\d]{3})")


# Short forms people type for the plans' terms, spelled out before the question is read, so the search, the targets
# table and the answer rules see the plans' words ("株洲生服三年行动 规上生服企业目标几家" was declined: no clause
# says 生服). 生服 inside 民生服务, 卫生服务, 衍生服务 is no short form.
_SHORT_FORMS = ((re.compile(r"生服(?!务)"), "生产性服务业"), (re.compile(r"发改委"), "发展改革委"),
                (re.compile(r"人社局"), "人力资源社会保障局"), (re.compile(r"市监局"), "市场监管局"),
                (re.compile(r"工信局"), "工业和信息化局"),
                # a period's end is its last year ("十三五末" → 2020年: what the plans report as where they start)
                (re.compile(r"“?十三五”?(?:期)?末"), "2020年"), (re.compile(r"“?十四五”?(?:期)?末"), "2025年"))


def _spelled_out(text: str) -> str:
    for short, full in _SHORT_FORMS:
        text = short.sub(full, text)
    return text


def normalise_question(question: str) -> str:
    """NFKC-fold widths, drop control characters, collapse whitespace, cap the length."""
    text = unicodedata.normalize("NFKC", question)
    text = _TAG.sub(" ", text)  # markup is never part of a question
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    # a space between two phrases is the pause typed for a comma ("开了个小律所 就3个律师 主要做合同"); one
    # between short words is not ("长沙 株洲", "长沙 物流 目标")
    text = _PHRASE_PAUSE.sub(",", text)
    return text[:_MAX_QUERY_CHARS]


def _keeping_simplified(convert):
    """t2s that leaves a character alone when it is simplified already: opencc_purepy's phrase table turns
    the simplified "结束" into "結束" (and so "到哪一年结束" no longer matched the period question)."""
    from functools import lru_cache

    @lru_cache(maxsize=4096)
    def alone(ch: str) -> str:
        return convert(ch)

    def to_simplified(text: str) -> str:
        converted = convert(text)
        if len(converted) != len(text):
            return converted
        return "".join(original if alone(original) == original else new for original, new in zip(text, converted))

    return to_simplified
