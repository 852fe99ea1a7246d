"""For every city × industry of the matching tab: is the city's own clause for the industry ranked first?

python -m eval.match_check [--today 2026-12-02]
Prints one line per pair whose city plan has a clause headed by the industry, then the counts.
"""
from __future__ import annotations

import argparse
from datetime import date

from assistant.match import CITIES_WITH_PLANS, INDUSTRIES, INDUSTRY_TERMS, _heading_names, match_measures
from assistant.service import Settings, open_answerer


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    answerer = open_answerer(Settings(progress=False))
    corpus = answerer.retriever.corpus
    pairs = first = 0
    for city in CITIES_WITH_PLANS:
        own = [c for d in corpus.documents if d.region == city for c in corpus.clauses_of(d.doc_id)]
        for industry in INDUSTRIES:
            if not any(_heading_names(c.section_path, INDUSTRY_TERMS[industry]) for c in own):
                continue
            result = match_measures(answerer, city, industry, [], today=args.today)
            top = result.measures[0] if result.measures else None
            ok = top is not None and top.industry_heading and top.doc_id in {c.doc_id for c in own}
            pairs += 1
            first += ok
            print(f"{'ok ' if ok else 'NO '} {city} {industry}: {top.doc_short + ' ' + top.section if top else '—'}")
    print(f"city's own industry clause ranked first: {first} of {pairs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
