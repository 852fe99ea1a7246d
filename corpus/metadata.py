"""Document metadata (title, issuer, 文号, dates, validity) read from the document's own text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from corpus.regions import RegionTable
from corpus.text import squash

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# Five-year plan periods are fixed by name, so they are facts, not guesses.
_FIVE_YEAR_PLANS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}

_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,8}?)[〔［\[]\s*(\d{4})\s*[〕］\]]\s*(\d{1,4})\s*号")
_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_DATE_LINE = re.compile(rf"^{_DATE}$")
_PRINTED = re.compile(rf"{_DATE}\s*印\s*发")
_VALIDITY = re.compile(
    rf"自\s*(?:{_DATE}|(公布|印发|发布)之日)\s*起\s*(?:施行|实施|执行)\s*[，,]?\s*有效期\s*(?:为)?\s*(\d+|[一二三四五六七八九十])\s*年"
)
_PERIOD = re.compile(r"(20\d{2})\s*[—\-–－~至]+\s*(20\d{2})\s*年")
_ORG_SUFFIX = r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管委会|局|厅)"
_BANNER = re.compile(rf"^(.{{2,24}}?{_ORG_SUFFIX})\s*文件$")
_ORG_LINE = re.compile(rf"^(.{{2,24}}?{_ORG_SUFFIX})$")
_NOTICE_ISSUER = re.compile(rf"^(.{{2,24}}?{_ORG_SUFFIX})\s*关于")


@dataclass(frozen=True)
class Metadata:
    title: str | None
    issuer: str | None
    doc_number: str | None
    region: str | None
    level: str | None
    issued: date | None
    printed: date | None
    valid_from: date | None
    valid_until: date | None
    validity_text: str | None


def find_title(header_lines: list[str]) -> str | None:
    """The title from the notice's 《…》, else from '关于印发…的通知'."""
    joined = squash("".join(header_lines))
    match = re.search(r"《(.+?)》", joined)
    if match:
        return _canonical_brackets(match.group(1))
    match = re.search(r"关于印发(.+?)的通知", joined)
    return _canonical_brackets(match.group(1)) if match else None


def _canonical_brackets(text: str) -> str:
    return text.replace("(", "（").replace(")", "）")


def read_metadata(header_lines: list[str], body_text: str, trailer_lines: list[str],
                  title: str | None, regions: RegionTable) -> Metadata:
    """Extract metadata; any field not found in the text is None."""
    header_joined = squash("".join(header_lines))
    number = next((m for m in (_DOC_NUMBER.search(squash(line)) for line in header_lines) if m), None)
    number = number or _DOC_NUMBER.search(header_joined)
    doc_number = f"{number.group(1)}〔{number.group(2)}〕{number.group(3)}号" if number else None
    issuer = _find_issuer(header_lines + trailer_lines)
    issued = _first_date_line(header_lines)
    printed_match = _PRINTED.search(squash("".join(trailer_lines))) or _PRINTED.search(header_joined)
    printed = _to_date(printed_match.groups()) if printed_match else None
    valid_from, valid_until, validity_text = _validity(body_text, title, issued or printed)
    region = _find_region(issuer or "", title or "", regions)
    level = regions.get(region).level if region and regions.get(region) else None
    return Metadata(title, issuer, doc_number, region, level, issued, printed,
                    valid_from, valid_until, validity_text)


def _find_issuer(lines: list[str]) -> str | None:
    squashed = [squash(line) for line in lines if line.strip()]
    for pattern in (_BANNER, _NOTICE_ISSUER, _ORG_LINE):
        for line in squashed:
            match = pattern.match(line)
            if match and "关于" not in match.group(1):
                return match.group(1)
    return None


def _first_date_line(lines: list[str]) -> date | None:
    for line in lines:
        match = _DATE_LINE.match(squash(line))
        if match:
            return _to_date(match.groups())
    return None


def _to_date(parts) -> date | None:
    try:
        year, month, day = (int(p) for p in parts)
        return date(year, month, day)
    except (TypeError, ValueError):
        return None


def _validity(body_text: str, title: str | None, published: date | None):
    squashed = squash(body_text)
    match = _VALIDITY.search(squashed)
    if match:
        y, m, d, since_publication, years_text = match.groups()
        years = int(years_text) if years_text.isdigit() else _CN_DIGITS[years_text]
        start = _to_date((y, m, d)) if y else published
        if start is None:
            return None, None, match.group(0)
        return start, _add_years(start, years) - timedelta(days=1), match.group(0)
    period = _plan_period(title or "")
    if period is None:
        return None, None, None
    first, last = period
    start = published or date(first, 1, 1)
    return start, date(last, 12, 31), f"规划期{first}—{last}年"


def _plan_period(title: str) -> tuple[int, int] | None:
    match = _PERIOD.search(title)
    if match:
        return int(match.group(1)), int(match.group(2))
    for name, period in _FIVE_YEAR_PLANS.items():
        if name in title:
            return period
    return None


def _add_years(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def _find_region(issuer: str, title: str, regions: RegionTable) -> str | None:
    for text in (issuer, title):
        found = regions.find_all(text)
        if found:
            return found[0].name
    return None
