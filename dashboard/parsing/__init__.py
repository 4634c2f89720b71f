"""The extraction pipeline: pure functions from an ``Article`` to an ``Extraction``.

No I/O and no clock: the publication date in the article is the only anchor for
relative dates. Reading files lives in ``dashboard.sources``.

``PIPELINE`` lists the stages in order; each is a function ``stage(state)`` that
reads what earlier stages put on the ``ParseState`` and adds its own findings.
"""
from __future__ import annotations

from ..model import Article, Extraction
from .state import ParseState
from . import header, dates, documents, organisations, people, events, inferred, law_dates

#: (name, function, reads, adds) — the order matters: events need all the others.
PIPELINE = (
    ("header", header.run, "article.text", "title, published, url, source, debris spans"),
    ("dates", dates.run, "text, published", "date mentions"),
    ("documents", documents.run, "text, date mentions", "documents"),
    ("organisations", organisations.run, "text, debris spans", "organisations"),
    ("people", people.run, "text, debris spans, organisations", "people"),
    ("events", events.run, "everything above", "events"),
    ("law dates", law_dates.run, "events, documents", "issue dates of passed laws"),
    ("inferred", inferred.run, "undated article: documents, dates, captions", "inferred events (estimated dates)"),
)


def extract(article: Article) -> Extraction:
    """Run every stage of ``PIPELINE`` over one article."""
    state = ParseState.start(article)
    for _name, stage, _reads, _adds in PIPELINE:
        stage(state)
    return state.finish()
