"""Which sentence answers the question: a small logistic model over cheap features of (question, sentence).

The features say how much of the question's own wording a sentence holds (character bigrams weighted by
rarity, the longest shared run, the asked terms with the lexicon's expansions), how close it is in meaning
(the encoder's similarity, absolute and relative to the best candidate), where it comes from (retrieval
rank, the asked city's own plan) and what kind of sentence it is (a figure when a figure is asked, a past
figure when a target is asked, a bare sub-heading). The weights are fitted on the dev split's gold spans
(`python -m eval.fit_sentences`) and stored in `sentence_model.json`; scoring is a dot product.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("sentence_model.json")

FEATURES = ("bigrams", "bigrams_rel", "run", "terms", "dense", "dense_rel", "rank", "figure", "past", "bare",
            "own_place", "target_unasked")

_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"20\d{2}\s*(年(底|末)?|[—\-－~～至到])")  # a year or period: a date, not a figure
_YEAR_LEAD = re.compile(r"(力争|预计)?到\s*20\d{2}\s*年")
# A figure of the past: a baseline year, the previous plan period, a comparison with an earlier year.
# ... and a change since a past year ("由2015年的73家增加至2020年的284家")
_PAST = re.compile(r"(^|[，,。；;])\s*(20(0\d|1\d|20)\s*年|“?十三五”?(期间|时期|以来)|截至)|(较|比)\s*20\d{2}\s*年|"
                   r"由\s*20(0\d|1\d|20)\s*年")
# A figure or a target asked in any words ("目标是多少", "占到几成", "提了什么指标"); without one, a target's
# figures for a year ("到2027年，全市律师事务所超过700家") seldom answer (what support, what directions, can we...).
# The stored model gives this feature no weight yet (see `python -m eval.fit_sentences --read`).
_TARGET_ASK = re.compile(r"目标|多少|几[成家个项所]|比重|占比|比例|多大|多高|百分|指标|数字|规模|增速|增长|什么(程度|水平)")
_BARE_CHARS = 12
_QUESTION = re.compile(r"[^？?]+[？?]?")  # the questions of a message, one after another
_PART = re.compile(r"[^，,；;]+[，,；;]?")
_NO_SUBJECT = re.compile(r"^(占|年均|比重|增速|增长|达到|达|提高|提升|降至|下降|超过|突破)")


def is_bare(sentence: str) -> bool:
    """A sub-heading inside a clause ("发展壮大中小企业。"): short, no figure."""
    return len(sentence.rstrip("。；;")) <= _BARE_CHARS and not _DIGIT.search(sentence)


def is_past(sentence: str) -> bool:
    """A figure of the past ("“十三五”期间…年均增长8%", "2020年，…达2.16万亿元"), not a target."""
    return bool(_PAST.search(sentence)) and not _YEAR_LEAD.search(sentence)


_NAMED = re.compile(r"“[^”]{0,20}”|\d+(?:\s*\+\s*\d+)+")  # a name with numbers in it: “3+5+5”, 1+N


# A share asked ("比重", "占到几成", "占多少") and a part of a sentence that states one.
_SHARE_ASK = re.compile(r"比重|占比|比例|比率|几成|百分之|百分比|占[^，,。？?]{0,10}(多少|几)")
_SHARE_PART = re.compile(r"%|％|比重|占比|比例")


def has_figure(sentence: str) -> bool:
    """A figure other than a year or a name ("到2027年" and "“3+5+5”产业体系" give none; "47%左右", "500家" do)."""
    return bool(_DIGIT.search(_NAMED.sub("", _YEAR.sub("", sentence))))


def _bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1) if text[i].isalnum() and text[i + 1].isalnum()]


def longest_shared_run(a: str, b: str) -> int:
    """Length of the longest substring of a that occurs in b (what difflib's find_longest_match gives without
    junk, found with a few substring searches instead of its table)."""
    best = 0
    for i in range(len(a)):
        if i + best >= len(a):
            break
        while i + best < len(a) and a[i:i + best + 1] in b:  # a[i:] holds a longer shared run
            best += 1
    return best


@dataclass(frozen=True)
class Candidate:
    """A sentence that may answer, with what the pipeline knows about it."""

    sentence: str
    similarity: float  # encoder similarity of the sentence to the question
    rank: int  # retrieval rank of its clause among the clauses considered (0 = top)
    own_place: bool  # from the asked city's own plan (not the province's) when a city is asked
    context: str = ""  # what the sentence inherits ("到2025年" from its paragraph), read with it
    past: bool = False  # it inherits a past time from an earlier sentence ("2020年，……。其中，……下降2.4个百分点")


def _other_time(c: Candidate, past_asked: bool) -> bool:
    """A figure of the other time than asked: of the past when a target is asked, and a figure not of the past
    (a target) when the past is asked ("规划出台时已经有多少")."""
    past = c.past or is_past(c.sentence)
    return (not past) and has_figure(c.sentence) if past_asked else past


class SentenceScorer:
    """Scores candidate sentences for one question; weights from `sentence_model.json`."""

    def __init__(self, sentences: list[str], weights: dict[str, float] | None = None, bias: float = 0.0):
        df = Counter(b for s in sentences for b in set(_bigrams(s)))
        n = max(1, len(sentences))
        self.idf = {b: math.log((n + 1) / (c + 1)) + 1.0 for b, c in df.items()}
        self.weights = np.array([(weights or {}).get(f, 0.0) for f in FEATURES])
        self.bias = bias

    @classmethod
    def load(cls, sentences: list[str], path: Path = MODEL_PATH) -> "SentenceScorer":
        model = json.loads(path.read_text(encoding="utf-8"))
        return cls(sentences, model["weights"], model["bias"])

    def features(self, asked: str, candidates: list[Candidate], terms: dict[str, float], figure_asked: bool,
                 past_asked: bool) -> np.ndarray:
        """One row of FEATURES per candidate. asked: the question with place names masked."""
        grams = {b: self.idf[b] for b in set(_bigrams(asked)) if b in self.idf}  # wording the corpus has
        total = sum(grams.values()) or 1.0
        term_total = sum(terms.values()) or 1.0
        target_asked = figure_asked or bool(_TARGET_ASK.search(asked))
        rows = []
        for c in candidates:
            read = c.context + c.sentence
            text = read.lower()
            covered = sum(w for b, w in grams.items() if b in read) / total
            run = longest_shared_run(asked, read)
            rows.append([covered, 0.0, min(1.0, run / 10), sum(w for t, w in terms.items() if t in text) / term_total,
                         c.similarity, 0.0, 1.0 / (1 + c.rank),
                         float(figure_asked and has_figure(c.sentence)),
                         float(figure_asked and _other_time(c, past_asked)),
                         float(is_bare(c.sentence)), float(c.own_place),
                         float(not target_asked and has_figure(c.sentence) and bool(_YEAR_LEAD.search(read)))])
        matrix = np.array(rows, dtype=float).reshape(len(rows), len(FEATURES))
        if len(rows):
            matrix[:, 1] = matrix[:, 0] - matrix[:, 0].max()
            matrix[:, 5] = matrix[:, 4] - matrix[:, 4].max()
        return matrix

    def focus(self, asked: str, sentence: str, min_parts: int = 5) -> str:
        """For a long sentence listing many figures ("……500家，……1000亿元，占服务业增加值比重达到47%左右，……"),
        the parts around the one that holds most of the asked wording (one on each side, as a figure's subject
        often sits in the part before it), its year lead kept, and "……" where text was left out. Sentences
        of fewer than min_parts parts are returned whole."""
        parts = [p for p in _PART.findall(sentence) if p.strip("，,；;。 ")]
        figured = [i for i, p in enumerate(parts) if _DIGIT.search(p) and not _YEAR_LEAD.fullmatch(p.strip("，,：: "))]
        if len(parts) < min_parts or len(figured) < 2:  # one figure or none: nothing to choose between
            return sentence
        # The kept window centres on a part that holds a figure: the one with most of the asked wording
        # nearby (its own part or the one before, where a figure's subject often sits); one window for each
        # question of a message asking several ("湘粤非年度发运量目标是多少？跨境电商交易额目标呢？").
        kept: set[int] = set()
        for question in [q for q in _QUESTION.findall(asked) if q.strip()] or [asked]:
            grams = {b: self.idf[b] for b in set(_bigrams(question)) if b in self.idf}
            scores = [sum(w for b, w in grams.items() if b in p) for p in parts]
            # a share asked in any words ("在第三产业里要占到几成"): the figure is a share, whatever the subject;
            # of the question asking it only ("规上企业定的目标是多少？增加值和占比呢？" asks a count first)
            shares = [i for i in figured if _SHARE_PART.search(parts[i])] if _SHARE_ASK.search(question) else []
            best = max(shares or figured, key=lambda i: (scores[i] + (scores[i - 1] if i else 0), -i))
            if scores[best] + (scores[best - 1] if best else 0) > 0:
                kept |= set(range(max(0, best - 1), min(len(parts), best + 2)))
        if not kept:
            return sentence
        if _YEAR_LEAD.match(parts[0]):
            kept.add(0)  # the year lead
        text, last = "", -1
        for i in sorted(kept):
            text += ("……" if i > last + 1 else "") + parts[i]
            last = i
        return text.rstrip("，,；;。") + ("……" if last < len(parts) - 1 else "。")

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(matrix @ self.weights + self.bias)))
