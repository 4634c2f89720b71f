"""Settling dates that lack a year: the sentence around them, then the publication date.

Helpers for ``dates`` (pure: no clock; the publication date is passed in):

- ``sentence_before(text, start)``: the part of the sentence before a date;
- ``is_future(prefix)``: the sentence announces something ("sẽ", "dự kiến",
  "chuẩn bị", "theo kế hoạch" ...), so a yearless date lies after publication;
- ``context_year(prefix)``: the last explicit year earlier in the same sentence
  ("Năm 2023, ... vào tháng 8" is August 2023);
- ``year_window(published)``: the years a date may plausibly have;
- ``resolve_day_year`` and ``resolve_month_year``: the year of a day-month or a
  bare month against the publication date.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .date_patterns import VOCAB
from .phrases import word_start_alternation

#: A day introduced as a bound of something else ("từ ngày", "trước ngày", "đến ngày"):
#: "chiều cùng ngày" never refers to it.
BOUND_BEFORE = re.compile(r"(?:(?<!\w)(?:từ|trước|đến|sau)\s+(?:ngày\s+)?$|^(?:từ|trước|đến|sau)\s)", re.IGNORECASE)
_GRACE = dt.timedelta(days=VOCAB["future_grace_days"])
_FUTURE = re.compile(word_start_alternation(VOCAB["future_markers"]) + r"(?!\w)")  # any case
#: "năm 2023", "Năm 2023," or a full date "12-10-2023" earlier in the sentence.
_YEAR_BEFORE = re.compile(r"(?:(?<!\w)năm\s+|\d{1,2}[-/.]\d{1,2}[-/.])((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
#: How far back a date looks for its sentence's start and context.
_LOOK_BACK = 220
# A break: ".", "!", "?" or "…" then spaces and a capital or digit, or a line break.
# Written to start with one character class, which lets the regex engine skip ahead
# to the next candidate character instead of trying every position.
_SENTENCE_BREAK = re.compile(r"[.!?…\n](?:(?<=[.!?…])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])|(?<=\n))")


@lru_cache(maxsize=256)
def year_window(published: dt.date | None) -> range:
    """Plausible years: ``year_min`` (1945) .. publication year + ``max_years_after_publication``,
    or .. ``year_max`` when there is no publication date."""
    last = published.year + VOCAB["max_years_after_publication"] if published else VOCAB["year_max"]
    return range(VOCAB["year_min"], last + 1)


def sentence_before(text: str, start: int) -> str:
    """Text of the sentence from its start up to ``start``."""
    window = text[max(0, start - _LOOK_BACK):start]
    last = None
    for last in _SENTENCE_BREAK.finditer(window):
        pass
    return window[last.end():] if last else window


def sentence_after(text: str, end: int, limit: int = 160) -> str:
    """Text from ``end`` to the end of the sentence (at most ``limit`` characters)."""
    window = text[end:end + limit]
    m = _SENTENCE_BREAK.search(window)
    return window[:m.start()] if m else window


def is_future(text: str) -> bool:
    return _FUTURE.search(text) is not None


def context_year(prefix: str) -> int | None:
    """The last explicit year mentioned earlier in the sentence, if any."""
    years = _YEAR_BEFORE.findall(prefix)
    return int(years[-1]) if years else None


def resolve_day_year(published: dt.date, month: int, day: int, future: bool = False) -> int:
    """Year of a day-month: the publication year, unless that lands far after publication
    (a report of 28-12 published on 3 January) or almost a year before it (an
    announcement of 3-1 published on 28 December). In an announcement
    (``future``) the date may lie up to a year ahead ("sẽ tổ chức vào ngày 22-12"
    published in January)."""
    year = published.year
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        candidate = dt.date(year, month, 28)  # 29-2 in a non-leap year: validated later
    if future:
        return year + 1 if candidate < published - _GRACE else year
    if candidate > published + _GRACE:
        return year - 1
    if candidate < published - (dt.timedelta(days=365) - _GRACE):
        return year + 1
    return year


def resolve_month_year(published: dt.date, month: int, future: bool = False) -> int:
    """Year of a bare month: a past month is this year's or last year's (whichever is
    not after publication); in an announcement, the next such month."""
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month + 1 else published.year - 1
