"""Wire the parts together once: corpus, encoder, index, BM25 and retriever."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from corpus.attached import attach
from corpus.locations import Locations, locate
from corpus.parse import DEFAULT_CORPUS_DIR, library_regions, load_corpus
from embeddings.bm25 import BM25
from embeddings.encoders import DEFAULT_ENCODER, Encoder, make_encoder
from embeddings.store import open_index
from embeddings.tokenize import JiebaTokenizer
from assistant.query import DocNames, QueryParser, load_lexicon
from assistant.retrieve import RetrievalConfig, Retriever

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    # None: the per-user data folder (POLICY_DATA_DIR, POLICY_CORPUS_DIR, POLICY_INDEX_DIR override it);
    # see corpus.locations. The library falls back to the bundled plans while it does not exist.
    corpus_dir: Path | None = None
    index_dir: Path | None = None
    encoder: str = DEFAULT_ENCODER
    progress: bool = True
    allow_download: bool = False  # may a named sentence-transformers model be fetched from the hub
    # A file of questions attached to clauses and indexed with them (doc2query; corpus.attached.DEFAULT_ATTACHED
    # holds the bundled plans'). Off by default: on the dev split they cost more hit@1 than they gain (README).
    attached_questions: Path | None = None


def clause_search_text(clause) -> str:
    """What BM25 indexes for a clause: its headings and its text."""
    return " ".join(clause.section_path[:-1]) + " " + clause.text


def locations(settings: Settings) -> Locations:
    """The folders these settings name, the unset ones from the environment or the per-user data folder."""
    return locate(os.environ, corpus_dir=settings.corpus_dir, index_dir=settings.index_dir)


def bundled_settings(index_dir: Path | None = None, **options) -> Settings:
    """Settings for the bundled plans alone, the corpus the eval questions and benchmarks are written for,
    with an index of their own (<data>/index-bundled unless given) so they never churn the library's."""
    index_dir = index_dir or locate(os.environ).data_dir / "index-bundled"
    return Settings(corpus_dir=DEFAULT_CORPUS_DIR, index_dir=index_dir, **options)


def open_retriever(settings: Settings = Settings(), config: RetrievalConfig = RetrievalConfig(), *,
                   encoder: Encoder | None = None, query_encoder: Encoder | None = None) -> Retriever:
    """Parse the corpus, load the index or bring it up to date with the library, and return a ready retriever.

    Args:
        encoder: embeds the library for the index; made from settings.encoder when None (the app passes
            the one it already has when it reopens the library).
        query_encoder: encodes questions; the same encoder when None (the app passes a batching wrapper).
    """
    where = locations(settings)
    log.info("library %s%s, index %s", where.corpus_dir, " (bundled plans)" if where.bundled else "",
             where.index_dir)
    regions = library_regions(where.corpus_dir)  # the bundled places plus those the user's documents added
    corpus = load_corpus(where.corpus_dir, regions)
    for skipped in corpus.skipped:
        log.warning("corpus file skipped: %s (%s)", skipped.path, skipped.reason)
    if encoder is None:
        encoder = make_encoder(settings.encoder, allow_download=settings.allow_download)
    attached = attach(corpus, settings.attached_questions)
    index = open_index(where.index_dir, corpus, encoder, progress=settings.progress, attached=attached)
    log.info("%s", index.update.describe())
    tokenizer = JiebaTokenizer()
    bm25 = BM25(tokenizer).fit([clause_search_text(c) for c in corpus.clauses])
    question_bm25 = BM25(tokenizer).fit([text for _, text in index.questions]) if index.questions else None
    doc_names = DocNames.from_titles([d.title for d in corpus.documents],
                                     [name for r in regions.regions for name in r.names],
                                     [(d.doc_number, d.region) for d in corpus.documents if d.doc_number and d.region])
    provinces = tuple(sorted({d.region for d in corpus.documents
                              if (r := regions.get(d.region)) is not None and r.level == "province"}))
    parser = QueryParser(regions, load_lexicon(), doc_names=doc_names, provinces=provinces)
    return Retriever(corpus, index, encoder if query_encoder is None else query_encoder, bm25, parser, regions, config,
                     question_bm25)


def open_answerer(settings: Settings = Settings(), *, encoder: Encoder | None = None,
                  query_encoder: Encoder | None = None):
    """The retriever wrapped in an answerer: the one object the CLI and the app need (encoders as in
    open_retriever)."""
    from assistant.answer import Answerer

    return Answerer(open_retriever(settings, encoder=encoder, query_encoder=query_encoder))


class Assistant:
    """The public API: `Assistant.open().ask("长沙物流费用占GDP比重的目标是多少？")` → a cited Answer."""

    def __init__(self, answerer):
        self.answerer = answerer

    @classmethod
    def open(cls, settings: Settings = Settings()) -> "Assistant":
        """Parse the bundled corpus, load or build the index (about a minute the first time)."""
        return cls(open_answerer(settings))

    def ask(self, question: str, filters=None, today=None):
        """One question on its own → Answer (text, citations, status, rule)."""
        from assistant.retrieve import Filters

        return self.answerer.ask(question, filters or Filters(), today)

    def search(self, question: str, k: int = 5, filters=None):
        """The top-k clauses for a question (hybrid retrieval with query understanding)."""
        from assistant.retrieve import Filters

        return self.answerer.retriever.search(question, k=k, filters=filters or Filters())

    def conversation(self):
        """A chat in which follow-ups ("那株洲呢？") resolve against earlier turns."""
        from assistant.conversation import Conversation

        return Conversation(self.answerer)
