"""Check a generated answer sentence by sentence against the clauses it cites; keep only what they hold."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# Reasons a sentence is dropped (the ids the tests and logs use).
NO_CITATION = "no_citation"
UNKNOWN_CITATION = "unknown_citation"
FIGURE_NOT_IN_CLAUSE = "figure_not_in_clause"
NOT_CHINESE = "not_chinese"
WRONG_VALIDITY = "wrong_validity"
DUPLICATE = "duplicate"
TOO_LONG = "too_long"


@dataclass(frozen=True)
class Source:
    """A clause offered to the model as [n], with the facts printed next to it in the prompt."""

    n: int
    clause_id: str
    doc_title: str
    doc_number: str | None
    section: str
    text: str
    in_force: bool | None
    valid_until: date | None = None

    @property
    def header(self) -> str:
        """Title, 文号, section, status and end date: what the prompt shows above the clause text."""
        status = {True: "现行有效", False: "已失效", None: "有效期未知"}[self.in_force]
        until = f"，有效期至{_chinese_date(self.valid_until)}" if self.valid_until else ""
        return f"《{self.doc_title}》（{self.doc_number or '无文号'}）{self.section}｜{status}{until}"


@dataclass(frozen=True)
class Dropped:
    sentence: str
    reason: str  # one of the reason ids above
    detail: str = ""  # e.g. the figure that no cited clause holds


@dataclass(frozen=True)
class VerifyConfig:
    # An answer is read in a chat window: past these, the model is rambling or looping. The system's own
    # support answers (up to 4 measures from each document) reach about 1,500 characters on dev.
    max_sentences: int = 16
    max_chars: int = 2000


@dataclass(frozen=True)
class Verdict:
    text: str  # the kept sentences, citations renumbered 1..m in order of first use
    cited: tuple[int, ...]  # offered numbers of the clauses cited, in their new order (new n = index + 1)
    kept: tuple[str, ...]
    dropped: tuple[Dropped, ...]
    answers: bool  # at least one cited sentence remains (and states an expected figure, when asked)


# --------------------------------------------------------------------------- normalisation

_CITE = re.compile(r"\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]")
_LEADING_CITES = re.compile(r"^(?:\s*\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\])+")
_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+[”’」』）)]*)?|[。！？!?]+")
_ENUMERATOR = re.compile(r"^\s*(?:#{1,6}\s*|[-*•·]\s+|\d{1,2}[.、)]\s*(?!\d)|[(（]\d{1,2}[)）]\s*)")
# Patterns start with a literal or a digit, not a look-behind, so the regex engine can skip ahead fast
# (the benchmark's 4 ms per answer went to one pattern starting with a CJK class).
_DOC_NUMBER = re.compile(r"[〔\[(【](\d{4})[〕\])】]第?(\d{1,4})号")
_DOC_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,12}$")
_FULL_DATE = re.compile(r"(\d{4})(?:年|-|/|\.)(\d{1,2})(?:月|-|/|\.)(\d{1,2})日?")
_YEAR_MONTH = re.compile(r"(\d{4})年(\d{1,2})月")
_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿点"
_CN_PERCENT = re.compile(rf"百分之\s*(\d+(?:\.\d+)?|[{_CN_NUMERAL}]+)")
_CN_AMOUNT = re.compile(rf"([零〇一二两三四五六七八九十][{_CN_NUMERAL}]*)(元)")
_INLINE_ENUMERATOR = re.compile(r"\d{1,2}(?:[、)）]|\.(?!\d))")
_ENUMERATOR_AFTER = set("：:；;，,。 \n（(")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万|千)?(%|‰|元)?")
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_SILENCE = re.compile(r"(没有|未|并未|尚未|不)(作出|做出|有)?(规定|提及|提到|明确|写明|说明|涉及|列出|给出|载明)|"
                      r"(无|没有)(相关|具体)(规定|内容|信息|说明)|无法(确定|回答)|(不|未)在.{0,6}(范围|之列)")
_EXPIRED_CLAIM = re.compile(r"已(经)?(失效|过期|到期|废止)|不再有效")
_IN_FORCE_CLAIM = re.compile(r"现行有效|仍(然)?(有效|在有效期)|目前有效|尚在有效期")
_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, None: 1.0}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _display(text: str) -> str:
    """Light clean-up kept in the shown answer: full-width or lenticular citation marks → [n]."""
    text = re.sub(r"[［【]\s*([0-9０-９]{1,3})\s*[］】]", lambda m: f"[{unicodedata.normalize('NFKC', m.group(1))}]", text)
    return text.replace("**", "")


def normalise(text: str) -> str:
    """For comparing figures: NFKC widths, no spaces inside numbers, no digit-group commas."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(\d),(?=\d{3}(?!\d))", r"\1", text)

    def space(m):  # "12 %", "50 万元", "2025 年" lose the space; "2025 2026" keeps it
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if (before.isdigit() or after.isdigit()) and not (before.isdigit() and after.isdigit()) and before and after:
            return ""
        return m.group(0)
    return _SPACES.sub(space, text)


def _cn_to_number(numeral: str) -> float | None:
    """一千二百万 → 12000000.0, 十二点五 → 12.5; None when it is not a number."""
    if "点" in numeral and numeral[-1] in "万亿":  # 十七点五万
        value = _cn_to_number(numeral[:-1])
        return value * (1e4 if numeral[-1] == "万" else 1e8) if value is not None else None
    if "点" in numeral:
        whole, _, frac = numeral.partition("点")
        head = _cn_to_number(whole) if whole else 0.0
        if head is None or not frac or any(ch not in _CN_DIGITS for ch in frac):
            return None
        return head + float("0." + "".join(str(_CN_DIGITS[ch]) for ch in frac))
    yi, wan, section, digit = 0.0, 0.0, 0.0, None  # 一亿二千万 = 1 × 亿 + 2000 × 万
    for ch in numeral:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch == "万":
            wan = (wan + section + (digit or 0)) * 1e4
            section, digit = 0.0, None
        elif ch == "亿":
            yi = (yi + wan + section + (digit or 0)) * 1e8
            wan, section, digit = 0.0, 0.0, None
        else:
            return None
    return yi + wan + section + (digit or 0)


def _key(value: float) -> float:
    return round(value, 4)


def figures(text: str) -> set[tuple]:
    """The checkable facts in a text: ("docno", prefix, year, number), ("date", y, m, d), ("ym", y, m),
    ("md", m, d), ("pct", value), ("yuan", value) and ("n", value), after normalisation."""
    text = _CITE.sub(" ", normalise(text))

    def enumerator(m):  # list markers "1." "（2）" are not figures
        return " " if m.start() == 0 or text[m.start() - 1] in _ENUMERATOR_AFTER else m.group(0)
    text = _INLINE_ENUMERATOR.sub(enumerator, text)
    found: set[tuple] = set()

    def take(pattern, make):
        nonlocal text
        def repl(m):
            item = make(m)
            if item is not None:
                found.add(item)
            return " "
        text = pattern.sub(repl, text)

    if "号" in text:
        def doc_number(m):
            prefix = _DOC_PREFIX.search(text, max(0, m.start() - 12), m.start())
            issuer = re.split(r"[是为即和与及、]", prefix.group(0))[-1] if prefix else ""  # 文号是长政办发 → 长政办发
            return ("docno", issuer, int(m.group(1)), int(m.group(2)))
        take(_DOC_NUMBER, doc_number)
    take(_FULL_DATE, lambda m: ("date", int(m.group(1)), int(m.group(2)), int(m.group(3))))
    if "月" in text:
        take(_YEAR_MONTH, lambda m: ("ym", int(m.group(1)), int(m.group(2))))
        take(_MONTH_DAY, lambda m: ("md", int(m.group(1)), int(m.group(2))))

    def percent(m):
        raw = m.group(1)
        value = float(raw) if raw[0].isdigit() else _cn_to_number(raw)
        return ("pct", _key(value)) if value is not None else None
    take(_CN_PERCENT, percent)

    def cn_amount(m):
        value = _cn_to_number(m.group(1))
        return ("yuan", _key(value)) if value is not None else None
    take(_CN_AMOUNT, cn_amount)

    def number(m):
        value = float(m.group(1)) * _SCALE[m.group(2)]
        unit = m.group(3)
        if unit == "%":
            return ("pct", _key(value))
        if unit == "‰":
            return ("pct", _key(value / 10))
        return ("yuan" if unit == "元" else "n", _key(value))
    take(_NUMBER, number)
    return found


def _evidence(source: Source) -> set[tuple]:
    """Figures of a clause and its header, with the looser forms a sentence may use."""
    found = set()
    for text, in_header in ((source.header, True), (source.text, False)):
        for item in figures(text):
            found.add(item)
            if item[0] == "date":
                found |= {("ym", item[1], item[2]), ("md", item[2], item[3])}
                if not in_header:  # the end date of validity does not make "到2026年" a target year
                    found.add(("n", float(item[1])))
            elif item[0] == "ym" and not in_header:
                found.add(("n", float(item[1])))
            elif item[0] in ("yuan", "n"):  # 500万元 may be written 500万 and the other way round
                found |= {("yuan", item[1]), ("n", item[1])}
    return found


def _held(figure: tuple, evidence: set[tuple]) -> bool:
    if figure in evidence:
        return True
    if figure[0] == "docno":  # the prefix may be cut differently: 长政办发〔2023〕24号 vs 市政府长政办发…
        _, prefix, year, number = figure
        return any(e[0] == "docno" and e[2:] == (year, number) and (e[1].endswith(prefix) or prefix.endswith(e[1]))
                   for e in evidence)
    return False


def _show(figure: tuple) -> str:
    kind, *rest = figure
    if kind == "docno":
        return f"{rest[0]}〔{rest[1]}〕{rest[2]}号"
    if kind == "date":
        return f"{rest[0]}年{rest[1]}月{rest[2]}日"
    if kind == "ym":
        return f"{rest[0]}年{rest[1]}月"
    if kind == "md":
        return f"{rest[0]}月{rest[1]}日"
    value = rest[0]
    value = (f"{value / 1e8:g}亿" if value >= 1e8 else f"{value / 1e4:g}万" if value >= 1e4 and kind == "yuan"
             else f"{value:g}")
    return {"pct": f"{value}%", "yuan": f"{value}元"}.get(kind, value)


# --------------------------------------------------------------------------- sentences

def split_sentences(text: str) -> list[list[str]]:
    """Lines of sentences; a citation written after the full stop ("…左右。[1]") stays with its sentence."""
    lines = []
    for line in _display(text).split("\n"):
        sentences: list[str] = []
        for m in _SENTENCE.finditer(line):
            piece = m.group(0)
            lead = _LEADING_CITES.match(piece)
            if lead and sentences:
                sentences[-1] += lead.group(0).strip()
                piece = piece[lead.end():]
            if piece.strip():
                sentences.append(piece.strip() if not sentences else piece)
            elif piece and sentences:
                sentences[-1] += piece
        lines.append(sentences)
    return lines


def cited_numbers(sentence: str) -> list[int]:
    numbers = []
    for m in _CITE.finditer(sentence):
        numbers += [int(x) for x in re.split(r"\s*[,，、]\s*", m.group(1))]
    return numbers


def _is_chinese(sentence: str) -> bool:
    cjk = len(_CJK.findall(sentence))
    latin = len(_LATIN.findall(sentence))
    return cjk >= 2 and latin <= cjk


def _bare(sentence: str) -> str:
    return _ENUMERATOR.sub("", sentence).strip()


def verify(text: str, sources: Sequence[Source], expected: set[tuple] | frozenset = frozenset(),
           config: VerifyConfig = VerifyConfig()) -> Verdict:
    """Keep the sentences whose every citation was offered and whose every figure its cited clauses hold.

    Args:
        text: the model's answer.
        sources: the clauses offered as [1]..[k].
        expected: figures the extractive answer states; when given, the kept text must state one of
            them to count as answering (a reworded answer that lost the asked figure does not).
    Returns:
        The Verdict: kept text with citations renumbered, what was dropped and why.
    """
    by_n = {s.n: s for s in sources}
    evidence_cache: dict[int, set[tuple]] = {}  # per offered clause, computed when first cited
    kept_lines: list[list[str]] = []
    kept: list[str] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    order: list[int] = []
    chars = 0
    for line in split_sentences(text):
        kept_line = []
        # A list item may cite once, at its end: its earlier sentences are checked against that citation.
        donors: list[int | None] = []
        for i in range(len(line)):
            donors.append(next((j for j in range(i, len(line)) if cited_numbers(line[j])), None))
        kept_here: set[int] = set()
        for i, sentence in enumerate(line):
            bare = _bare(sentence)
            if not any(ch.isalnum() for ch in bare):
                continue  # stray punctuation or a lone list marker
            numbers = cited_numbers(line[donors[i]]) if donors[i] is not None else []
            reason, detail = _check(bare, numbers, by_n, evidence_cache, seen, len(line) == 1)
            if reason is None and (len(kept) >= config.max_sentences or chars + len(bare) > config.max_chars):
                reason = TOO_LONG
            if reason:
                dropped.append(Dropped(bare, reason, detail))
                continue
            seen.add(_CITE.sub("", bare))
            for n in numbers:
                if n not in order:
                    order.append(n)
            kept_here.add(i)
            kept.append(sentence)
            kept_line.append(sentence)
            chars += len(bare)
        for k, i in enumerate(sorted(kept_here)):
            if donors[i] not in (None, i) and donors[i] not in kept_here:  # its citation went with a dropped one
                kept_line[k] = kept_line[k].rstrip() + "".join(f"[{n}]" for n in cited_numbers(line[donors[i]]))
        marker = _ENUMERATOR.match(line[0]) if line else None
        if kept_line and 0 not in kept_here and marker:  # the item lost its first sentence, not its bullet
            kept_line[0] = marker.group(0).lstrip() + kept_line[0].lstrip()
        if kept_line:
            kept_lines.append(kept_line)
    renumber = {old: new for new, old in enumerate(order, start=1)}

    def rewrite(m):
        return "".join(f"[{renumber[int(x)]}]" for x in dict.fromkeys(re.split(r"\s*[,，、]\s*", m.group(1))))

    out = "\n".join("".join(_CITE.sub(rewrite, s) for s in line).strip() for line in kept_lines)
    answers = bool(order)
    if answers and expected:
        stated = figures("\n".join(kept))
        answers = any(_held(f, stated) for f in expected)
    return Verdict(out, tuple(order), tuple(kept), tuple(dropped), answers)


def _check(bare: str, numbers: list[int], by_n: dict[int, Source], evidence_cache: dict, seen: set[str],
           whole_line: bool):
    """(reason, detail) for a sentence that must go, (None, "") for one that stays."""
    if not _is_chinese(bare):
        return NOT_CHINESE, ""
    if _CITE.sub("", bare) in seen and len(bare) >= 16:  # a looping model; a repeated "（责任单位：…）" is fine
        return DUPLICATE, ""
    stated = figures(bare)
    if not numbers:
        # A plain "the documents do not say" states nothing to check; a lead-in line such as "主要措施如下："
        # or "《…（2023—2025年）》：" only figures some offered clause holds.
        if not stated and _SILENCE.search(bare):
            return None, ""
        if whole_line and bare.endswith((":", "：")) and len(bare) <= 80:
            for n in by_n:
                if n not in evidence_cache:
                    evidence_cache[n] = _evidence(by_n[n])
            anywhere = set().union(*evidence_cache.values()) if evidence_cache else set()
            if all(_held(f, anywhere) for f in stated):
                return None, ""
        return NO_CITATION, ""
    unknown = [n for n in numbers if n not in by_n]
    if unknown:
        return UNKNOWN_CITATION, "、".join(f"[{n}]" for n in unknown)
    key = set(numbers)
    for n in key:
        if n not in evidence_cache:
            evidence_cache[n] = _evidence(by_n[n])
    evidence = set().union(*(evidence_cache[n] for n in key))
    missing = [f for f in stated if not _held(f, evidence)]
    if missing:
        return FIGURE_NOT_IN_CLAUSE, "、".join(sorted(_show(f) for f in missing))
    statuses = {by_n[n].in_force for n in key}
    if (_EXPIRED_CLAIM.search(bare) and statuses == {True}) or (_IN_FORCE_CLAIM.search(bare) and False in statuses):
        return WRONG_VALIDITY, ""
    return None, ""
