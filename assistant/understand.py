"""Understand a question once: what it asks for, about which places, years and documents, in how many parts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from assistant.query import SEGMENT, QUESTION_WORD, Query, asked_part, asker_lead, self_description
from assistant.silence import is_procedure

# Units counted in 万 that are not money ("多少万平方米", "几万人次"): a figure, not an amount of support.
_NOT_MONEY = r"平方|平米|亩|人|吨|标箱|辆|件|台|户|家|个|名|次|千瓦|套|张|箱|册|公里|米|字|列"
# The document a plan says it is based on ("依据什么制定的", "根据省里哪个文件"): its 根据《…》 sentence.
_BASIS = r"(依据|根据|按照|依照)[^，,。？?]{0,10}(文件|通知|规定|纲要)|(依据|根据|按照|依照)(的是)?(什么|哪个|哪份|哪些|啥)|" \
         r"(制定|编制|出台)(的)?依据|上位(文件|规划)"
# A plan's period asked as the year it runs to ("规划到哪一年", "这个方案到哪年结束").
# "株洲计划到哪年…达到70家" (计划 a verb, a target's year asked) is not one.
_PERIOD = r"(规划|计划|方案|文件)[^，,。？?]{0,4}到哪(一)?年(?=为止|结束|截止|[？?，,。]|$)|到哪(一)?年(为止|结束|截止)|起止(时间|年份|年限)|" \
          r"(实施|执行|施行)到(哪(一)?年|什么时候|何时)"
# In force asked in other words ("还有哪些是有效的", "现在还在执行吗").
_IN_FORCE = r"有效的|(还|仍|仍然|依然)在(执行|实施|施行)|(是否|是不是|仍|仍然|依然)(还|仍|仍然|依然)?(有效|在(执行|实施|施行))"
# A document's name asked ("那个三年行动计划全称叫什么").
# ... and a document named by its 文号 only ("长政办发〔2023〕24号是什么文件").
_TITLE = r"(规划|计划|方案|文件)[^，,。？?]{0,4}(全称|全名|名称|标题|叫什么|叫啥|什么名字)|" \
         r"\d+\s*号(文件|文)?(是|指的?是|说的?是)(个)?(什么|哪个|哪份|哪一个|啥)(文件|规划|计划|方案|[？?，,]|$)"
# What a question asks for; first match wins.
# Who issued a document, the time word allowed between the unit and the verb ("哪个单位哪天印发的", "哪个单位、哪天
# 印发的": both asked before one verb).
_WHEN_TOO = r"([、，,和及]?(哪天|哪年|何时|什么时候|啥时候|哪一天|几号))?"
_ISSUER = r"(哪个|什么|哪家)(单位|部门|机关)" + _WHEN_TOO + r"(印发|发布|发的|出台|下发)|发文(单位|机关)|谁" + _WHEN_TOO + \
    r"(印发|发布|发的)"
_KINDS = [
    ("amount", re.compile(r"多少钱|多少万(?!" + _NOT_MONEY + r")|多少元|金额|额度|多少(补贴|补助|奖励|奖金|资金)|"
                          r"(补贴|奖励|补助|资助|奖补|奖|补|给|返)[了]?多少|几万(?!" + _NOT_MONEY + r")|"
                          r"一次性奖励|(补贴|奖励|补助|资助)(标准|比例)|(资金|基金)[^，,。？?]{0,6}(规模|多少|多大)")),
    # a deadline asked ("每年什么时候截止"), before the department to apply to
    ("date", re.compile(r"(什么时候|何时|哪年|哪一年|几月|哪天)(能|会|要|可以)?(截止|办完)|截止(日期|时间)|最晚(什么时候|哪天)")),
    # a document's 字号 is its 文号; a 老字号 is a time-honoured brand ("开了几十年的老字号湘菜馆"); a plan that
    # 管到 the asker's trade covers it ("规划有没有管到我们这一行"), which is no question of its period
    ("meta", re.compile(_BASIS + "|" + _PERIOD + "|" + _TITLE + "|" + _IN_FORCE + r"|文号|发文字号|(?<!老)字号|有效期|有效(到|至)(什么|哪|何|几)|施行|生效|失效|还有效|有效吗|管几年|管多久|管到(?!(我们|咱们|我|俺们?)?(这一?行|这种|这类|这样|这块))|到期(?!末)|过期|规划期|实施期限|"
                        r"(规划|计划|方案|文件)[^，,。？?里中]{0,6}(还能用|还管用|还算数|还作数)|"
                        # when a plan starts ("株洲行动计划是哪一年开始实施的"), not a project
                        r"(规划|计划|方案|文件)[^，,。？?里中]{0,8}(开始|起)(实施|执行|施行|生效)|"
                        + _ISSUER + "|"
                        r"(什么时候|啥时候|什么时间|哪天|何时|哪年|哪一天|几号|几月)(印发|发布|出台|签发|发的|出的|下发|颁布|发文)|(印发|发文|签发|下发)(日期|时间)|成文日期|发布(日期|时间)|"
                        r"实施期|执行期|(管|覆盖|针对)的?是哪(个|几)(时期|阶段|年)")),
    # "想牵头几家同行搞团体标准": the asker leading, not who leads
    ("department", re.compile(r"责任单位|(?<![想要来我])(?<!打算|准备|计划|愿意|我们|主动)牵头|哪个部门|哪些部门|谁负责|找哪个|归谁管|主管部门|哪个单位|哪些单位|哪(几)?(家|个)单位|什么单位|由谁|"
                              r"归[^，,。？?]{0,5}管|该找谁|哪个局|哪些局")),
    # ... and a task's completion, after its department: "产业学院建几家、哪年完成？责任单位有哪些？" is answered by the
    # department answer, which quotes the clause's target with its year
    ("date", re.compile(r"(什么时候|何时|哪年|哪一年|几月|哪天)(能|会|要|可以)?(建成|完成|建好|投用|投入使用|开通|开工|启动)")),
    # ... also qualified ("有什么能帮上忙的政策", "有哪些适合小微企业的扶持")
    ("support", re.compile(r"(有|能|可以)?(哪些|什么|啥)([^，,。？?哪什啥]{0,8}的)?(支持|政策|扶持|措施|优惠|帮助)|能享受|享受|扶持|能拿到|能获得|适用|"
                           r"什么好处|哪些好处|好处吗|能帮忙吗|能帮帮吗|能帮我们吗|"
                           r"有没有钱|钱(可以|能)?拿|能拿(到)?钱|"  # "有没有钱可以拿": money, asked yes or no
                           r"给不给(支持|补贴|奖励|扶持|钱)|支不支持|扶不扶持|奖不奖励|补不补贴|"  # support, yes or no
                           # "政府有支持吗", "有相关的扶持吗": support asked as whether there is any (not a reward
                           # or subsidy asked of: "入统了能有奖励吗" is answered by its own sentence)
                           r"有(相关|专门)?的?(支持|扶持|帮扶|优惠)吗")),
    ("number", re.compile(r"多少|(?<![哪这那好十])几[家个项成倍所座条栋处类批亿万]|比重|占比|比例|(?<![更很许较好])多大|多高|多远|多长|多快|目标|增长|达到|规模(?!以上)|"
                          r"[0-9]+%|百分之|(调|调整|提高|提升|降|降低)(到|至)|控制在")),
]
# Document metadata a question can ask for, several at once ("文号和印发日期").
_META_FIELDS = [
    ("title", re.compile(_TITLE)),
    ("doc_number", re.compile(r"文号|发文字号|(?<!老)字号")),
    ("issuer", re.compile(_ISSUER + r"|印发(单位|机关)")),
    ("issued", re.compile(r"(什么时候|啥时候|什么时间|哪天|何时|哪年|哪一天|几号|几月)(印发|发布|出台|签发|发的|出的|下发|颁布|发文)|"
                         r"(印发|发布|成文|发文|签发|下发)(日期|时间)|"
                         r"成文日期|(和|及|与|、|以及|还有|[，,])日期")),  # "文号和日期是？": the date beside another field
    ("validity", re.compile(_PERIOD + "|" + _IN_FORCE + r"|有效期|有效(到|至)(什么|哪|何|几)|施行|生效|失效|还有效|有效吗|管几年|管多久|管到(?!(我们|咱们|我|俺们?)?(这一?行|这种|这类|这样|这块))|到期(?!末)|过期|还能用|"
                           r"(开始|起)(实施|执行)|"
                           r"还管用|还算数|还作数|还适用|规划期|实施期|"
                           r"执行期|(管|覆盖|针对)的?是哪(个|几)(时期|阶段|年)")),
    ("basis", re.compile(_BASIS)),
]
# "Which plans / each city / 长沙和株洲分别": one answer per place or document.
_ACROSS = re.compile(r"哪些(规划|计划|方案|文件|城市|地方|市)|哪(几)?(个|份)(规划|计划|方案|文件|城市|地方|市)|"
                     r"各(个)?(市|地|城市|规划|文件)|(规划|计划|方案|文件)[^，,。？?]{0,2}[，,]?哪(些|几份|几个)")
# "这五份文件里哪几份还有效", "哪些规划已经到期": a metadata question about every document of the library.
_EVERY_DOCUMENT = re.compile(r"哪几份|哪些份|这[两三四五六七八九十几些]份|所有(的)?(文件|规划|计划|方案)|"
                             r"各(份|个)(文件|规划|计划|方案)|哪些(规划|计划|方案|文件)|哪(几)?(个|份)(规划|计划|方案|文件)")
_YEAR = re.compile(r"(20\d{2})\s*年")
_COUNT = re.compile(r"(扶持|支持|培育|打造|建设|建成|引进|新增|认定)[出成了]?(多少|几)(家|个|项|所|座|条|栋|处|类|批)")
# "有几个专利", "开了几家店", "十几个人", "主要给几家大厂服务"
# The measure words a count told takes ("就几项专利", "十几架植保无人机", "几台车"), not a time ("前几年").
_FEW_UNIT = "[家个项成倍所座条栋处类批亿万架台辆间名位套亩张只头艘部件种块]"
_FEW = re.compile(r"(?<=[有了过好这那十就只才仅给跟与为帮替])几[十百千]?" + _FEW_UNIT)
_ANY_FEW = re.compile(r"(?<!哪)几[十百千]?" + _FEW_UNIT)  # "一年营收几百万": an amount told
# The asker's size told ("几个人的小律所", "五六个人", "规模不大"): no figure asked, in a segment that only states.
_SIZE_TOLD = re.compile(r"(?<!哪)[几两三四五六七八九十]+[个名位号]人|规模(不大|不算大|较小|很小|小)")
# The asker's own scale pointed at ("我们这种规模的能往哪个方向靠"), in any segment: it asks no figure.
_OWN_SCALE = re.compile(r"(我们|咱们|这种|这个|这样|这类|这么)(小|大)?的?规模")
_PIECE = re.compile(r"[^，,。；;！!？?]+[，,。；;！!？?]?")
_WANT_IN = re.compile(r"(想|打算|准备|需要|希望)[^，,。？?]{0,8}(?<!哪)几")  # "株洲这边想从外地挖几个工程师"
_NUMBER = dict(_KINDS)["number"]
_YES_NO = re.compile(r"能不能|可不可以|能否|是否|有没有|行不行|[吗么][？?]?$")


# Enumerated parts of a question ("一是…二是…", "第一，…第二，…", "（1）…（2）…", "一方面…另一方面…").
_FIRST = re.compile(r"第一(个问题|点|条)?[，,：:、]|(一是|其一|[（(][1一][）)]|(?<![0-9.])1[、．.](?![0-9])|一方面|一来)[，,：:、]?")
_NEXT = re.compile(r"第[二三四](个问题|点|条)?[，,：:、]|"
                   r"([二三四]是|其[二三四]|[（(][2-4二三四][）)]|(?<![0-9.])[2-4][、．.](?![0-9])|另一方面|二来)[，,：:、]?")
# "两个事想问：", "有几个问题请教：": an announcement of the parts, not a part of the context.
_ANNOUNCE = re.compile(r"[两二三四几]个(事|问题|方面)(情)?(想|要)?(问|请教|咨询|了解)(一下)?[：:，,]?|"
                       r"(想|要)?(问|请教|咨询)(一下)?[两二三四几]个(事|问题)(情)?[：:，,]?")
# A part asking whether the plans named are still in force ("哪个还在有效期内？", "现在还算数吗？").
STILL_HAD = r"还(能|可以|可)(申请|申报|享受|拿|办理?)"  # a measure had under a plan still in force
VALIDITY_PART = re.compile(r"^[^？?]{0,16}(哪(个|份|些|几份)|是否|是不是|还)[^，,。？?]{0,8}(有效期内|有效|到期|过期|算数|管用|能用|可以用|在执行|在实施|在施行)"
                           r"[^，,。？?]{0,6}[吗么呢]?[？?]?$|"
                           # whether a measure can still be had ("现在还能申请吗"), not which ("还能享受什么政策")
                           r"^[^？?]{0,16}" + STILL_HAD + r"[^，,。？?什啥哪]{0,4}[吗么][？?]?$")


_PLAN = re.compile(r"^(另外|同时|而且|并且)?(我们|我)?(也|还)?(马上|即将|快要|将要|准备|打算|计划|想|想要|需要|希望|要)|"
                   # what the asker heard of ("听说市里要建几个国家级的质检中心，具体是哪几个？"): the question's subject
                   r"^(我们|我)?(听说|听人说|据说|看到|看新闻说|听别人说)")


def situation(text: str) -> str:
    """What the asker is and has, as told in text ("我们是长沙一家咨询公司，信用一直不错。"): its segments that
    neither ask nor state a plan ("马上要进规上了", "想转做月嫂育婴", which belong to the question about them)."""
    return "".join(s for s in SEGMENT.findall(text) if not QUESTION_WORD.search(s) and not _PLAN.match(s.strip()))


def question_parts(text: str) -> tuple[str, ...]:
    """The parts of a question that enumerates what it asks ("我们是长沙一家咨询公司。第一，新进规上有没有奖励？
    第二，…人才有啥政策？"), each with the shared context before the first part; () when it enumerates nothing."""
    first = _FIRST.search(text)
    if not first:
        return ()
    marks = [first] + [m for m in _NEXT.finditer(text, first.end())]
    if len(marks) < 2:
        return ()
    before = _ANNOUNCE.sub("", text[:first.start()]).strip()
    # what the asker is and has ("我们是长沙一家…公司，", "信用一直不错。") is every part's context; a plan stated
    # before the parts ("马上要进规上了") belongs to the part that asks about it, which says so itself
    context = situation(before)
    ends = [m.start() for m in marks[1:]] + [len(text)]
    parts = tuple(f"{context}{text[m.end():end].strip()}" for m, end in zip(marks, ends))
    return parts if all(len(text[m.end():end].strip()) >= 4 for m, end in zip(marks, ends)) else ()


MAX_SEGMENTS = 4
# A request asks as a question does ("文号和印发日期也发我一下", "顺便告诉我牵头单位").
_REQUEST = re.compile(r"(发|告诉|给|查|列|说|讲|报)(我|给我|一下|下|出来)|麻烦(你|您)?(查|说|列|发|告诉)|帮(我|忙)(查|看|列|找)")


def _asking_pieces(segment: str) -> list[str]:
    """A segment split at each semicolon that ends a question, one asking, before another that asks too (maybe
    after telling its story: "想知道市里主要想办哪些展会；另外我们打算收购一家同行，市里对兼并有没有支持？"); and at
    a comma ending a figure asked before another figure asked ("2020年是多少，2025年目标多少？")."""
    pieces = re.findall(r"[^；;，,]+[；;，,]?", segment)
    out = [pieces[0]] if pieces else []
    for i, piece in enumerate(pieces[1:], start=1):
        ended = out[-1][-1:]
        if ended in "；;" and QUESTION_WORD.search(out[-1].rstrip("；;")) and \
                QUESTION_WORD.search("".join(pieces[i:])) or \
                ended in "，," and _FIGURE_ENDS.search(out[-1]) and _FIGURE_ASKED.search(piece):
            out[-1] = out[-1].rstrip("；;，,") + "？"  # it asks: a question mark ends it
            out.append(piece)
        else:
            out[-1] += piece
    return out


_FIGURE_ENDS = re.compile(r"(是|有|为|达到|要达到|定的|定了)?(多少[\u4e00-\u9fff]{0,2}|几(家|个|成|栋|项))[，,]$")  # "有多少家，"
_FIGURE_ASKED = re.compile(r"多少|几(家|个|成|栋|项)")


def question_segments(text: str) -> tuple[str, ...]:
    """The questions of a message that asks several, one after another ("湘潭规上服务业企业2025年目标几家？2020年底
    有多少家？"): each segment ending in a question mark that asks something of its own (a question word, at least
    four characters besides it); () for one question."""
    segments = [s.strip() for s in re.findall(r"[^？?]+[？?]?", text) if s.strip()]
    # a question ended by a semicolon before the next one ("市里对我们这行重点支持什么方向；还有……能不能办人才绿卡？")
    segments = [p.strip() for s in segments for p in _asking_pieces(s)]
    asking = [s for s in segments if (QUESTION_WORD.search(s) and len(QUESTION_WORD.sub("", s)) >= 4)
              or _REQUEST.search(s) and len(_REQUEST.sub("", s)) >= 4]
    # at most MAX_SEGMENTS: a long run of questions is answered as one (each part costs a full answer)
    return tuple(segments) if 2 <= len(segments) <= MAX_SEGMENTS and len(asking) == len(segments) else ()


# A want or a lack told in the asker's description ("另外也缺懂国际业务的会计", "想转做月嫂育婴"): a need of its own.
# A plan added by 顺便 or 再 ("想开个宵夜档口，顺便把后厨改成中央厨房", "想给她们买份保险，再做个小程序") is a want of its
# own ("顺便问一下" asks, not wants; "再加上" adds a difficulty).
_ADDED_WANT = (r"^(另外|同时)?(我们|我)?(也|还)?((顺便|顺带|顺手|顺道)(?!问|说|请教|咨询|了解)|"
               r"再(?=[做搞开建办上弄买招添加请把给到去])(?!加上)(?!到20\d\d))")
_NEED_TOLD = re.compile(r"缺|想|需要|希望|打算|准备|考虑|琢磨|盘算|愁|招不到|找不到|不够|关心|担心|头疼|" + _ADDED_WANT)
# A difficulty told is a need too ("用地一直落实不下来", "找银行借钱人家也不太理我们", "电费按商业价算，比工厂贵不少"):
# a thing the asker cannot get, is refused, or pays too much for. It often ends what the piece before it tells
# ("去办营业执照说要经营场所，很麻烦"), which it then takes along.
_DIFFICULTY = re.compile(r"麻烦|困难|(拿|批|落实|办|贷|借|招|找|留|租|进|用)不(到|下来|了|动|进|上|起|住)|"
                         r"不(太|怎么|愿意|肯)?(理|批|给)(我|咱)|嫌|(?<![宝珍])贵(?![州阳港])|成本(太|很|挺|特别|又)?高|高得")


def need_segments(text: str) -> tuple[str, ...]:
    """The pieces of a message that tell a want, a lack or a difficulty, besides what it asks ("武汉一家会计师事务所，
    ……另外也缺懂国际业务的会计。市里有什么支持？" → "另外也缺懂国际业务的会计"); pieces ending in a question mark
    are the questions, not needs."""
    pieces = [p.strip() for p in re.findall(r"[^，,；;。！!？?]+[，,；;。！!？?]?", text)]
    needs: list[str] = []
    used = -1  # the last piece a need holds
    told = {s.rstrip("，,；;。！!") for s in self_description(text)}
    for i, piece in enumerate(pieces):
        if not piece or piece[-1] in "？?":
            continue
        own = piece.rstrip("，,；;。！!")
        if _NEED_TOLD.search(piece) and len(piece) >= 6:
            needs.append(own)
            used = i
        elif _DIFFICULTY.search(piece):
            before = pieces[i - 1] if i else ""
            # not the asker's self-description ("我们在张家界做旅游接待，"), which is every piece's context
            if before and before[-1] not in "？?。！!" and used != i - 1 and before.rstrip("，,；;") not in told:
                own = before + own
            if len(own) >= 6:
                needs.append(own)
                used = i
    return tuple(needs)


def is_difficulty(segment: str) -> bool:
    """Does a need segment tell a difficulty ("找银行借钱人家也不太理我们"), not a want or a lack?"""
    return bool(_DIFFICULTY.search(segment)) and not _NEED_TOLD.search(segment)


def want_segments(text: str) -> tuple[str, ...]:
    """The need segments that tell a want of the asker's ("想往连锁方向做", "另外想给她们买保险"), not a lack or a
    worry ("信用评级不够", "担心被问询卡住"), which the measure asked about answers."""
    return tuple(s for s in need_segments(text) if _WANTS.match(s.strip()))


_EACH = re.compile(r"分别|各自|各(?=是|由|有|定|提|要|为)")
_COUNTED = re.compile(r"^(这)?[两二三四五六几]个?(市|城市|地市|地方)")  # "长株潭三个市的……"


def place_parts(text: str, aliases: list[str]) -> tuple[str, ...]:
    """The question once per place of a run of places it names together ("株洲和武汉在人力资源服务上分别定了啥目标？
    各是谁负责" → "株洲在人力资源服务上定了啥目标？是谁负责", "武汉在……"); () without such a run. aliases: the
    places' names as the question writes them, longest first."""
    names = "|".join(re.escape(a) for a in aliases)
    run = re.search(rf"({names})(?:(?:[和与、及跟同]|以及)({names}))+", text)
    if not run:
        return ()
    found = re.findall(names, run.group())
    if len(set(found)) < 2:
        return ()
    rest = _EACH.sub("", _COUNTED.sub("", text[run.end():], count=1))
    return tuple(f"{text[:run.start()]}{name}{rest}" for name in dict.fromkeys(found))


# Two tasks joined before "分别" ("武汉方案里检验检测服务和会计审计服务分别是哪个部门牵头"): each a phrase of its own,
# the first starting after what names the plan or place ("……里", "……的").
_TASK_PAIR = re.compile(r"(?P<a>[^里中的对，,：:、和与及？?]{2,14})(?:和|与|及|、)(?P<b>[^里中的对，,：:、和与及？?]{2,14}?)"
                        r"(?=分别|各自|各由|各是)")


_DEPARTMENT_WORD = re.compile(r"单位|部门|牵头|责任|负责")


def task_parts(text: str) -> tuple[str, ...]:
    """The question once per task of two it asks of together ("检验检测服务和会计审计服务分别是哪个部门牵头" →
    "……检验检测服务分别是……", "……会计审计服务分别是……"); () otherwise."""
    pair = _TASK_PAIR.search(text)
    # the pair is of tasks, asked whose departments they are ("分别是哪个部门牵头"), not of departments themselves
    # ("牵头单位和责任单位分别是谁") nor of figures ("……事务所和执业注册会计师分别要达到多少")
    if not pair or _DEPARTMENT_WORD.search(pair.group("a") + pair.group("b")) or \
            not re.match(r"(分别|各自|各由|各是)[^，,。？?]{0,8}(部门|单位|牵头|负责|谁)", text[pair.end():]):
        return ()
    return tuple(text[:pair.start()] + pair.group(name) + text[pair.end():] for name in ("a", "b"))


def validity_part(text: str) -> tuple[str, str] | None:
    """(the rest, the part) of a question that also asks whether its plans are still in force ("长沙和株洲对物流
    费用占GDP比重分别定了什么目标？哪个还在有效期内？"); None otherwise."""
    segments = [s for s in re.findall(r"[^？?]+[？?]?", text) if s.strip()]
    if len(segments) == 1 and detect_kind(text) != "meta":
        # "听说长沙对新进统计的服务业公司有支持，现在还算数吗？": the last piece of one question asks it (not "长沙那个
        # 计划，还有效吗？", which asks only that)
        pieces = SEGMENT.findall(segments[0])
        segments = ["".join(pieces[:-1]), pieces[-1]] if len(pieces) >= 2 else segments
    if len(segments) < 2:
        return None
    asked = [s for s in segments if VALIDITY_PART.search(s.strip())]
    if len(asked) != 1:
        return None
    rest = "".join(s for s in segments if s is not asked[0])
    return (rest, asked[0]) if detect_kind(rest) != "meta" else None


@dataclass(frozen=True)
class Ask:
    """A question understood once; nothing downstream re-parses the question."""

    query: Query
    kind: str  # amount | date | meta | department | support | number | procedure | fact
    meta_fields: tuple[str, ...] = ()  # for kind "meta": every field asked, in a fixed order
    places: tuple[str, ...] = ()  # covered places named, in order of mention
    years: tuple[str, ...] = ()
    across: bool = False  # one answer per place (two or more named) or per document ("哪些规划")
    asked: str = ""  # the question without the asker's self-description: what the silence rules read
    needs: tuple[str, ...] = ()  # a support question stating two needs or more: the question once per need
    parts: tuple[str, ...] = ()  # an enumerated question ("第一…第二…"): each part with the shared context
    validity: str = ""  # a part asking whether the plans are still in force, answered after the rest

    def __post_init__(self):
        if not self.asked:
            object.__setattr__(self, "asked", self.query.text)

    @property
    def text(self) -> str:
        return self.query.text


# Words that join two needs ("融资和人才", "场地、资金", "想贷款，也想招人").
_JOINS = {"和", "与", "及", "以及", "还有", "、", "或", "或者", "跟", "加上"}
# A segment that states a need of its own says it wants something ("想贷款，", "也想招一些设计人才，").
# A need added as another matter ("另外员工保险有没有支持").
ADDED_ASKED = re.compile(r"^(另外|此外|还有|同时)[，,]?(我们|我)?(也|还)?")
# ("也在考虑收购一家外地同行": a want being weighed is a want)
_WANTS = re.compile(r"^(另外|同时|而且|并且)?(今年|明年|最近|现在|目前|接下来|下一步)?(我们|我)?(也|还)?(在|正在)?"
                    r"(想|想要|需要|希望|打算|准备|要|考虑|琢磨|盘算)|"
                    + _ADDED_WANT)


def need_parts(text: str, context: tuple[str, ...], tokenize: Callable[[str], list[str]],
               is_need: Callable[[str], bool]) -> tuple[str, ...]:
    """The question once per need it states, the rest kept in each: needs in segments that say they want something
    ("想贷款，也想招人，有什么支持" → "想贷款，有什么支持", "也想招人，有什么支持"), or joined in one segment
    ("融资和人才方面" → "融资方面", "人才方面"); () for a single need. The asker's self-description (context) is
    shared, never a need."""
    segments = SEGMENT.findall(text)
    wanting = [i for i, s in enumerate(segments) if s not in context and _WANTS.match(s.strip()) and is_need(s)]
    # a need added in the asking segment after a want told ("想让阿姨学育婴护理，另外员工保险有没有支持？"): a need of
    # its own, and the other wants are asked as it asks ("……想让阿姨学育婴护理，有没有支持？")
    # (or asked by the segment after it: "……想往育婴、老人护理这些转；另外给阿姨们上保险这块，市里有没有说法？")
    added = [i for i, s in enumerate(segments) if ADDED_ASKED.match(s.strip()) and (
             QUESTION_WORD.search(s) and is_need(s[:QUESTION_WORD.search(s).start()]) or
             not QUESTION_WORD.search(s) and is_need(s) and i + 2 == len(segments)
             and QUESTION_WORD.search(segments[-1]) and not is_need(segments[-1]))][:1]
    told = [i for i, s in enumerate(segments[:added[0]] if added else [])
            if _WANTS.match(s.strip()) and not QUESTION_WORD.search(s) and is_need(s)]
    # (told before the question, which a fact question's context holds)
    needs = told + added if told else wanting
    if len(needs) >= 2:
        asking = segments[added[0]] if told else ""
        tail = asking[QUESTION_WORD.search(asking).start():] if QUESTION_WORD.search(asking) else ""
        if is_need(QUESTION_WORD.sub("", tail)):
            tail = "有没有支持?"  # the asking tail names its own need ("能不能按工业价格算"): the told wants ask plainly
        asks = any(QUESTION_WORD.search(s) for j, s in enumerate(segments) if j not in needs)
        return tuple("".join(s for j, s in enumerate(segments) if j == i or j not in needs)
                     + (tail if i in told and not asks else "") for i in needs)
    for i in (i for i, s in enumerate(segments) if s not in context and is_need(s)):
        tokens = tokenize(segments[i])
        for start in range(len(tokens)):
            # a run: need (join need)+
            end = start
            while end + 2 < len(tokens) and tokens[end + 1] in _JOINS and is_need(tokens[end + 2]):
                end += 2
            if end > start and is_need(tokens[start]):
                head, tail = "".join(tokens[:start]), "".join(tokens[end + 1:])
                before, after = "".join(segments[:i]), "".join(segments[i + 1:])
                parts = tuple(dict.fromkeys(before + head + tokens[k] + tail + after for k in range(start, end + 1, 2)))
                return parts if len(parts) >= 2 else ()
    return ()


def detect_kind(text: str, told: tuple[str, ...] | None = None) -> str:
    """The kind of question text asks. told: the segments that say who the asker is and what it has, before
    anything is asked (asker_lead; by default text's own)."""
    if is_procedure(text):
        return "procedure"
    text = without_few(text)
    kind = next((name for name, pattern in _KINDS if pattern.search(text)), "fact")
    lead = set(SEGMENT.findall(asker_lead(text)) if told is None else told)
    asked = "".join(s for s in SEGMENT.findall(text) if s not in lead) or text
    if kind == "department" and not dict(_KINDS)["department"].search(asked):
        # "跑了几趟都说场馆归体育部门管，……省里的规划有没有支持社会力量运营体育场馆的说法": who is in charge told
        # in the asker's story, not asked
        kind = next((name for name, pattern in _KINDS if name != "department" and pattern.search(asked)), "fact")
    if kind == "number" and not _NUMBER.search(asking_segments(asked)):
        # "规模不大，光靠审计吃不饱，……市里鼓励吗？": a size or figure told about the asker, then a yes/no question
        # that asks none; "我们是株洲一家小公司，……想扩大规模又缺钱，……市里对我们这行有什么安排？": told in the
        # lines that say who the asker is and what it has, before anything is asked
        kind = next((name for name, pattern in _KINDS if name != "number" and pattern.search(text)), "fact")
    if kind == "support" and _COUNT.search(text):
        return "number"  # "打算扶持出多少家龙头企业？" asks a count target, not the measures
    return kind


def question_sentences(text: str) -> str:
    """The sentences of a message that ask (not ended by a full stop), without those that tell the asker's story before
    ("……一年出来三四百个学员。听说市里鼓励人才留株，像我们这种培训机构能不能拿到奖励？是哪个部门在管？"); the whole
    text when it tells nothing apart from them."""
    sentences = re.findall(r"[^。！!？?]+[。！!？?]?", text)
    asked = [s for s in sentences if s[-1:] not in "。！!"]  # the last may be typed without its mark
    return "".join(asked) if asked and len(asked) < len(sentences) else text


def asking_segments(text: str) -> str:
    """The segments of a yes/no question that ask (a question word, or the last one); the whole text of any
    other question, whose subject may sit in a segment of its own ("株洲物流总费用占GDP比重，是怎么定的？")."""
    segments = SEGMENT.findall(text)
    if not segments or not _YES_NO.search(segments[-1]):
        return text
    return "".join(s for i, s in enumerate(segments) if QUESTION_WORD.search(s) or i == len(segments) - 1)


# A plan's end told as a known fact ("长沙那个三年行动已经到期了，"), not asked ("到期了吗", "还有效吗").
_TOLD_ENDED = re.compile(r"(已经|已|早就|早|都)(到期|失效|过期|结束|废止)了?|(到期|失效|过期)了")


def without_told_end(text: str) -> str:
    """The question without the segments that tell its plan has ended before asking something else ("长沙那个生产性服务
    业三年行动已经到期了，技术合同成交额占GDP比重最后到底完成6%没有？" asks an outcome, not the validity)."""
    segments = SEGMENT.findall(text)
    kept = [s for i, s in enumerate(segments)
            if i == len(segments) - 1 or QUESTION_WORD.search(s) or not _TOLD_ENDED.search(s)]
    return "".join(kept) if len(kept) < len(segments) else text


def without_few(text: str) -> str:
    """The question with an indefinite "几" ("a few") put as "一些": it asks no count. That is 几 after 有/了/就/只…
    ("手里有几个专利", "就几项专利") in a segment that only states something, and any 几 in such a segment of a
    yes/no question ("带几个小孩，省里有相关的说法吗？"). 几 asks a count in a segment that asks (a question word,
    or the last segment). The asker's own scale ("我们这种规模的") asks none anywhere."""
    segments = _PIECE.findall(text)  # a question mark ends a piece too ("……支持吗？另外想请几个专家过来，")
    yes_no = bool(segments) and bool(_YES_NO.search(segments[-1]))
    out = []
    for i, s in enumerate(segments):
        if i < len(segments) - 1 and not QUESTION_WORD.search(s):
            # "想引进几个高端人才，有什么政策": a want states a few, it asks no count
            s = (_ANY_FEW if yes_no or _WANTS.match(s.strip()) or _WANT_IN.search(s) else _FEW).sub("一些", s)
            s = _SIZE_TOLD.sub("一些人", s)
        out.append(_OWN_SCALE.sub("一些", s))
    return "".join(out) or text


def meta_fields(text: str) -> tuple[str, ...]:
    """The metadata fields a text asks for (文号, issuer, date, validity, title, basis); () for none."""
    return tuple(name for name, pattern in _META_FIELDS if pattern.search(text))


def understand(query: Query, places_with_documents: set[str]) -> Ask:
    """The Ask of a parsed question. places_with_documents: regions that have a document of their own."""
    text = query.text
    asked = without_few(without_told_end(asked_part(text[len("".join(query.premise)):])))
    kind = detect_kind(asked, told=tuple(SEGMENT.findall(asker_lead(text))))
    fields = meta_fields(asked) if kind == "meta" else ()
    if kind == "meta" and not fields:
        fields = ("validity",)
    own = tuple(r for r in query.regions if r in places_with_documents)
    # Every place named, or every document for "哪些规划提到/提出…".
    across = kind in ("number", "fact") and (len(own) >= 2 or bool(_ACROSS.search(asked))) or \
        kind == "meta" and not own and bool(_EVERY_DOCUMENT.search(asked))
    return Ask(query=query, kind=kind, meta_fields=fields, places=query.regions,
               years=tuple(dict.fromkeys(_YEAR.findall(asked))), across=across, asked=asked,
               parts=question_parts(text), validity=(validity_part(text) or ("", ""))[1])


# Whether the plans cover the asker's trade is asked ("我们这行算不算在里面", "计划里有没有提到我们这一行",
# "我们这种业务在不在扶持范围里"; not "这行有什么打算", a plan asked).
COVERAGE_ASKED = re.compile(r"(这|那)(一)?(行|类|种|块)[^，,。？?]{0,8}(算不算|(?<![打计预清结核])算|在不在|属不属于|属于|包不包括|包括|有没有份|涵盖)|"
                            r"(算不算|在不在|属不属于|包不包括)[^，,。？?]{0,8}(里面|在内|其中|之列|范围|领域)|"
                            r"(有没有|是否|有无)(提到|提及|涉及|说到|包括)(我们)?(这|那)(一)?(行|类|种)|"
                            # "对翻译公司有专门扶持吗": whether the trade is named at all
                            r"(有没有|有无|是否有|有)专门(的)?(扶持|支持|政策|说法|措施|规定)|专门(扶持|支持)(吗|没有|不)")
# How an asker says what its business does: a verb of running one, a measure word, the trade, what ends it.
_RUNS = re.compile(r"^(做|搞|干|开|经营|从事|办|开办|创办)$")
_FILL = re.compile(r"^(了|一|两|三|几|小|个|家|间|所|一家|一个|一间|两家|三家|几家|小型|自己|的|点|专门|主要)$")
_ENDS = re.compile(r"^(的|公司|店|厂|馆|铺|工作室|门店|机构|生意|企业|小公司|小店|厂子|团队|事务所)$")
# ... nor a size ("十几个", "二十来", "一些": a headcount as the question is read); a word with a numeral in it is
# one still ("第三方", "二手车")
_NOT_TRADE = re.compile(r"^(服务|业务|企业|公司|生意|行业|产业|小微|中小|民营|相关|方面|这种|一块)$|"
                        r"^[一二三四五六七八九十两几百千来多]+[个家人名号台辆位间些点]?$")
_SIZE = re.compile(r"^([一二三四五六七八九十两几百千来多]+[个家人名号]?|人|的)$")  # "十来个 人 的" before the trade
_BUSINESS = re.compile(r"(公司|店|厂|馆|事务所|所|社|中心)$")  # a word for a business ending the trade ("宠物店", "体检中心")
_SEGMENT_END = re.compile(r"^[，,。；;！!]$")
_TELLS_SELF = re.compile(r"^(我们|我|咱们|本公司|我司|我家)")


def asker_trade(text: str, words: Callable[[str], list[str]], stories: bool = False) -> tuple[str, ...]:
    """The words of the asker's trade as its story tells it ("我在株洲开了家保安公司" → 保安; "我们是长沙一家做技术
    翻译的公司" → 技术, 翻译); () when no segment tells one. Read where the asker says what its business does: a
    verb of running one (做, 开, 经营) or a measure word (一家), then the trade, then 的 or a word for a business.
    stories: a segment that asks nothing tells the business too, without saying who ("在湘潭乡下用自家老房子开民宿，"
    → 民宿)."""
    for segment in SEGMENT.findall(text):
        tokens = words(segment)
        for i, token in enumerate(tokens):
            if not (_RUNS.match(token) or token in ("一家", "一个", "家")):
                continue
            j = i + 1
            while j < len(tokens) and (_FILL.match(tokens[j]) or _SIZE.match(tokens[j])):
                j += 1
            k = j
            while k < len(tokens) and k - j < 3 and not _ENDS.match(tokens[k]) and \
                    re.fullmatch(r"[\u4e00-\u9fff]{1,6}", tokens[k]):
                k += 1
            # the trade ends at a word for a business, or where a segment saying who the asker is does ("我们在株洲
            # 做翻译和本地化，"; not a want, "想做连锁、搞中央厨房，")
            told = bool(_TELLS_SELF.match(segment)) or stories and not QUESTION_WORD.search(segment)
            if "用" in tokens[j:k]:
                continue  # "做工厂用的生产管理系统": 工厂 are the customers, not the trade
            if k > j and (k < len(tokens) and (_ENDS.match(tokens[k]) or told and _SEGMENT_END.match(tokens[k]))
                          or _BUSINESS.search(tokens[k - 1])):
                named = [_BUSINESS.sub("", t) if len(_BUSINESS.sub("", t)) >= 2 else t for t in tokens[j:k]]
                trade = tuple(t for t in named if len(t) >= 2 and not _NOT_TRADE.search(t))
                if trade:
                    return trade
    return ()
