"""Domain model: what the parser produces and every other layer consumes.

All classes are frozen dataclasses so extraction results can be hashed, compared
and cached. Offsets (``Evidence.start``/``end``) always index into
``Article.text``, the NFC-normalised text of the whole input file, so that
``article.text[e.start:e.end] == e.text`` holds for every extracted item.

Dates are kept at the precision the text gives them (``DateValue``): a year stays
"2022", never "2022-01-01".
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

PRECISIONS = ("day", "month", "quarter", "half", "year", "period")
DATE_BASES = ("explicit", "resolved", "inferred")
DAY_PARTS = ("sáng", "trưa", "chiều", "tối", "đêm")
EVENT_KINDS = (
    "review_conference",  # hội nghị tổng kết / sơ kết
    "working_session",  # buổi làm việc, làm việc với
    "signing",  # ký kết
    "dissemination",  # quán triệt, học tập nghị quyết
    "visit",  # thăm, kiểm tra, tiếp
    "exhibition",  # triển lãm
    "anniversary",  # kỷ niệm
    "law_passed",  # Quốc hội thông qua
    "law_in_force",  # có hiệu lực
    "conference",  # other hội nghị / hội thảo / đại hội
    "other",
)
DOCUMENT_KINDS = (
    "resolution", "law", "ordinance", "decree", "decision", "directive",
    "conclusion", "circular", "regulation", "notice", "guidance", "programme",
    "plan", "scheme", "strategy", "other",
)


@dataclass(frozen=True)
class Evidence:
    """A span of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class DateValue:
    """A date or span at its true precision.

    ``start``/``end`` are ISO strings cut to the precision: "YYYY-MM-DD" (day),
    "YYYY-MM" (month), "YYYY" (year). Quarters and halves are stored as their
    first and last month ("2024-07", "2024-09"); periods as years ("2023",
    "2025"). ``end`` is None for a single point at that precision.
    """

    start: str
    end: str | None = None
    precision: str = "day"
    basis: str = "explicit"
    day_part: str | None = None

    def first_day(self) -> dt.date:
        """First calendar day covered by the value (for sorting and filtering)."""
        return _first_day(self.start)

    def last_day(self) -> dt.date:
        """Last calendar day covered by the value (spans drawn as bars end here)."""
        return _last_day(self.end or self.start)


def _first_day(iso: str) -> dt.date:
    parts = [int(p) for p in iso.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts)


def _last_day(iso: str) -> dt.date:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(*parts)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in the text.

    ``value`` is None when the expression could not be settled (a day-month with
    no year and no publication date); ``reason`` then says why. ``role`` tells
    how the expression is used: "point" (something happened then), "period"
    (giai đoạn 2023-2025), "horizon" (đến năm 2030), "issue" (the issue date of a
    cited document), "duration" is never produced: durations are not dates.
    """

    evidence: Evidence
    value: DateValue | None
    role: str = "point"
    reason: str | None = None


@dataclass(frozen=True)
class Article:
    """One input file after reading and normalisation.

    ``published`` is "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", taken only from the
    article's own header or metadata, else None.
    """

    path: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    title_evidence: Evidence | None = None
    published_evidence: Evidence | None = None

    @property
    def published_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.published[:10]) if self.published else None


@dataclass(frozen=True)
class Document:
    """A policy document (milestone) cited by an article.

    ``symbol`` is the canonical symbol ("08-NQ/TW", "30/2020/NĐ-CP") or None
    for plenum resolutions, named laws and programmes without one. ``name`` is a
    human label ("Nghị quyết số 08-NQ/TW", "Nghị quyết Trung ương 8",
    "Chương trình phối hợp ... giai đoạn 2023-2025"). ``issuer`` is the
    canonical Vietnamese organisation name. ``issued`` follows the ``DateValue``
    string rules. ``period`` is "YYYY-YYYY". ``mentions`` holds every span of the
    article that refers to this document, the first full mention first.
    """

    kind: str
    evidence: Evidence
    symbol: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued: str | None = None
    subject: str | None = None
    horizon: str | None = None
    period: str | None = None
    name: str | None = None
    mentions: tuple[Evidence, ...] = ()

    @property
    def key(self) -> str:
        """Identity of the document across articles (symbols restart per term)."""
        return document_key(self.kind, self.symbol, self.number, self.issuer, self.period, self.name)


def document_key(kind: str, symbol: str | None, number: str | None, issuer: str | None, period: str | None,
                 name: str | None) -> str:
    """``Document.key`` from its fields (also for the contract's plain dicts)."""
    if symbol:
        return symbol
    return "|".join([kind, number or "", issuer or "", period or "", name or ""])


@dataclass(frozen=True)
class Organisation:
    """An organisation, by canonical Vietnamese name, with every mention."""

    name: str
    abbreviations: tuple[str, ...] = ()
    name_en: str | None = None
    mentions: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Person:
    """A participant: name, rank or title, position; spelling variants merged."""

    name: str
    rank: str | None = None
    position: str | None = None
    variants: tuple[str, ...] = ()
    mentions: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Event:
    """Something that happened or is reported as happening, with its date.

    ``organisations`` are canonical names; ``documents`` are ``Document.key``
    values of documents in the same extraction; ``people`` are ``Person.name``.
    """

    date: DateValue
    kind: str
    title: str
    evidence: Evidence
    organisations: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    documents: tuple[Document, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    dates: tuple[DateMention, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: Events of an undated article whose date is estimated from the text (basis
    #: "inferred", a coarse precision, the reason in a warning); kept apart from
    #: ``events`` because gold annotations and the contract's "events" leave them out.
    inferred_events: tuple[Event, ...] = ()
