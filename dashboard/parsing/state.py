"""Mutable working state passed through the pipeline stages.

Stages append to the lists; ``finish`` freezes them into an ``Extraction``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..model import Article, DateMention, Document, Event, Extraction, Organisation, Person
from .segment import LineBreaks


@dataclass
class ParseState:
    article: Article
    text: str
    published: dt.date | None = None
    #: (start, end) spans that are page debris, photo captions, bylines, view
    #: counts, the URL line, the "Từ khóa" trailer: never evidence for events
    #: or participants.
    excluded: list[tuple[int, int]] = field(default_factory=list)
    #: (start, end) of photo captions (also in ``excluded``): they name real
    #: participants and bodies, unlike bylines and credits.
    captions: list[tuple[int, int]] = field(default_factory=list)
    #: offset where the body starts (after title and header lines)
    body_start: int = 0
    dates: list[DateMention] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: events of an undated article dated by estimate (stage "inferred")
    inferred_events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, article: Article) -> "ParseState":
        return cls(article=article, text=article.text, published=article.published_date)

    @cached_property
    def breaks(self) -> LineBreaks:
        """The text's line breaks, found once for the stages that ask for lines."""
        return LineBreaks(self.text)

    def is_excluded(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps an excluded span."""
        return any(s < end and start < e for s, e in self.excluded)

    def finish(self) -> Extraction:
        return Extraction(
            article=self.article,
            events=tuple(self.events),
            documents=tuple(self.documents),
            organisations=tuple(self.organisations),
            people=tuple(self.people),
            dates=tuple(self.dates),
            warnings=tuple(self.warnings),
            inferred_events=tuple(self.inferred_events),
        )

    def set_article(self, **changes) -> None:
        """Header stage fills title/published/url/source on the frozen article."""
        self.article = replace(self.article, **changes)
        self.published = self.article.published_date
