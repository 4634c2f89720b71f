"""Pipeline stage 'dates': find date expressions and settle them at their true precision.

Reads ``state.text``, ``state.published`` (the only anchor for dates without a
year), ``state.excluded`` (page debris, captions, the header line) and adds
``state.dates`` (sorted by offset) plus warnings for dates it cannot settle.

Finding is done by the regexes of ``date_patterns`` (never
``dateparser.search_dates``, which reads "10 năm" as "10 years ago" and
invents days for bare years), run only where ``date_windows`` says a date can
stand. Values are computed from the regex groups: the numbers are already
separated, so no date library is needed and no clock is read.

Roles: "point" (a day, month, year... at which something happens), "period"
(giai đoạn 2023-2025), "horizon" (đến năm 2030, những năm tiếp theo) and
"issue" (the date right after a document symbol: 806-NQ/QUTW ngày 31-12-2013).
Durations ("10 năm", "10 năm qua") are not dates and are never produced.

Dates without a year are settled by ``date_context``: a bare month ("vào tháng
8") takes the year named earlier in its sentence, else the publication year
(looking ahead in announcements); "năm nay"/"năm ngoái"/"năm tới" are relative to
publication; "từ 30-11 đến 2-12" is one span. Years outside 1945 .. publication
+ 30 are dropped with a warning.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from ..model import DateMention, DateValue, Evidence
from . import date_context as ctx, date_windows
from .date_patterns import ISSUE_BEFORE, PATTERNS, VOCAB
from ..spans import Disjoint, Overlaps
from .state import ParseState

_MONTH_WORDS = VOCAB["month_words"]
_QUARTERS = VOCAB["quarters"]
_HALF_SIDES = VOCAB["half_sides"]
_RELATIVE = VOCAB["relative_days"]
_ANAPHORIC = VOCAB["anaphoric_days"]
_RELATIVE_YEARS = VOCAB["relative_years"]
_MAX_PERIOD = VOCAB["max_period_years"]
_SPACES = re.compile(r"\s+")
# How far back the issue-date test looks for a symbol (same sentence only).
_ISSUE_WINDOW = 120
# Every symbol or numbered document of ISSUE_BEFORE holds a digit.
_DIGIT = re.compile(r"\d")
# The groups of date_patterns.OPENER: a day part, "hôm", a relative day, a weekday, "(", "ngày".
_OPENER_GROUPS = ("part", "hom", "rel", "wd", "cue", "lp")


class _Skip(Exception):
    """A candidate that is not a date after all (reason in the message)."""


def run(state: ParseState) -> None:
    """Add every date mention of ``state.text`` to ``state.dates``."""
    text = state.text
    taken = Disjoint()
    excluded = Overlaps(state.excluded)
    found: list[DateMention] = []
    plan = date_windows.Plan(text)
    for index, (_name, _pattern, kind, _needs) in enumerate(PATTERNS):
        for match in plan.matches(index):
            start, end = _trim(text, match.start(), match.end())
            if start >= end or excluded.hits(start, end) or taken.hits(start, end):
                continue
            try:
                mention = _mention(state, match, kind, start, end)
            except _Skip as skip:
                if str(skip):
                    state.warnings.append(f"dates: {skip}")
                continue
            taken.add(start, end)
            found.append(mention)
    found.sort(key=lambda m: m.evidence.start)
    state.dates.extend(_with_anaphoric_days(state, found, taken, excluded, plan.matches(date_windows.ANAPHORIC)))


def _with_anaphoric_days(state: ParseState, found: list[DateMention], taken: Disjoint, excluded: Overlaps,
                         candidates) -> list[DateMention]:
    """Add "Chiều cùng ngày" / "sáng hôm sau" (``candidates``: the ``ANAPHORIC_DAY`` matches),
    dated from the nearest earlier day (basis "inferred")."""
    # "có hiệu lực từ ngày 1/7/2025" or "hoàn thành trước ngày 30-4" is a bound, not
    # the day being reported: "chiều cùng ngày" refers to the reported day. ``found`` is sorted
    # and disjoint, so the days that can be referred to are too, ends included: found once,
    # then bisected per candidate (a filter of all dates per candidate was quadratic).
    days: list[DateMention] | None = None  # (most articles have no candidate: found only when needed)
    extra = []
    for m in candidates:
        start, end = m.span()
        if excluded.hits(start, end) or taken.hits(start, end):
            continue
        if days is None:
            days = [d for d in found if d.role == "point" and d.value and d.value.precision == "day"
                    and not ctx.BOUND_BEFORE.search(state.text, max(0, d.evidence.start - 12), d.evidence.start)
                    and not ctx.BOUND_BEFORE.match(d.evidence.text)]
            ends = [d.evidence.end for d in days]
        before = bisect_right(ends, start)  # days ending at or before the candidate
        taken.add(start, end)
        if not before:
            # Nothing to count from: left undated and said, not dated from the publication day
            # (news of "hôm sau" is published after it; which day it follows, the article does not say).
            msg = f"unresolved date '{m.group()}': no earlier dated day to count from"
            state.warnings.append(f"dates: {msg}")
            extra.append(DateMention(Evidence(start, end, m.group()), None, reason=msg))
            continue
        base = dt.date.fromisoformat(days[before - 1].value.start)
        day = base + dt.timedelta(days=_ANAPHORIC[_SPACES.sub(" ", m.group("rel").lower())])
        part = m.group("part").lower() if m.group("part") else None
        value = DateValue(day.isoformat(), precision="day", basis="inferred", day_part=part)
        extra.append(DateMention(Evidence(start, end, m.group()), value))
    return sorted(found + extra, key=lambda m: m.evidence.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and commas the optional opener groups may swallow."""
    while start < end and text[start] in " ,\n":
        start += 1
    while end > start and text[end - 1] in " ,\n":
        end -= 1
    return start, end


def _mention(state: ParseState, m: re.Match, kind: str, start: int, end: int) -> DateMention:
    evidence = Evidence(start, end, state.text[start:end])
    if kind == "day":
        return _day(state, m, evidence)
    if kind == "relative":
        return _relative(state, m, evidence)
    if kind == "open":
        return DateMention(evidence, None, role="horizon", reason="open-ended horizon")
    if kind == "span":
        return _span(state, m, evidence)
    if kind in ("month_bare", "year_relative") or (kind in ("month", "quarter") and m.group("ry")):
        return _relative_year(state, m, kind, evidence)
    if kind == "half" and not m.group("y"):
        return _half_without_year(state, m, evidence)
    year = int(m.group("y") if "y" in m.re.groupindex else m.group("y1"))
    _check_year(state, year, evidence)
    if kind == "period":
        last = int(m.group("y2"))
        _check_year(state, last, evidence)
        if not (year < last <= year + _MAX_PERIOD):
            raise _Skip("")  # "2020-2015" or "1990-2090": a number pair, not a period
        value = DateValue(str(year), str(last), precision="period")
        return DateMention(evidence, value, role="period")
    if kind == "quarter":
        q = _QUARTERS[m.group("q").lower()]
        value = DateValue(f"{year}-{3 * q - 2:02d}", f"{year}-{3 * q:02d}", precision="quarter")
    elif kind == "half":
        return DateMention(evidence, _half_value(year, m, "explicit"))
    elif kind == "month":
        month = _month(m.group("m"), evidence)
        value = DateValue(f"{year}-{month:02d}", precision="month")
    elif kind == "horizon":
        return DateMention(evidence, DateValue(str(year), precision="year"), role="horizon")
    else:
        value = DateValue(str(year), precision="year")
    return DateMention(evidence, value)


def _day(state: ParseState, m: re.Match, evidence: Evidence) -> DateMention:
    has_opener = any(m.group(*_OPENER_GROUPS))
    if not m.group("y") and not has_opener:
        # "2.5", "10-12" without "ngày" or a day part: a number, not a date.
        raise _Skip("")
    if m.group("y") and len(m.group("y")) == 2 and not has_opener:
        raise _Skip("")  # "22/11/23" alone may be a ratio or a code; "ngày 22/11/23" is a date
    part = m.group("part").lower() if m.group("part") else None
    month = _month(m.group("m"), evidence)
    days = [int(m.group("d"))] + ([int(m.group("d2"))] if "d2" in m.re.groupindex else [])
    role = "issue" if _after_symbol(state.text, evidence.start) else "point"
    if m.group("y"):
        year = int(m.group("y"))
        year += 2000 if year < 100 else 0
        _check_year(state, year, evidence)
        dates = [_valid(year, month, d, evidence) for d in days]
        basis = "explicit"
    elif state.published is None:
        msg = f"unresolved date '{evidence.text}': no year and no publication date"
        state.warnings.append(f"dates: {msg}")
        for d in days:
            _valid(2000, month, d, evidence)  # 2000 is a leap year: only rejects 31-4 etc.
        return DateMention(evidence, None, role=role, reason=msg)
    else:
        future = ctx.is_future(ctx.sentence_before(state.text, evidence.start))
        year = ctx.resolve_day_year(state.published, month, days[0], future)
        _check_year(state, year, evidence)
        dates = [_valid(year, month, d, evidence) for d in days]
        basis = "resolved"
    if len(dates) == 2 and dates[1] <= dates[0]:
        raise _Skip("")
    end = dates[1].isoformat() if len(dates) == 2 else None
    value = DateValue(dates[0].isoformat(), end, precision="day", basis=basis, day_part=part)
    return DateMention(evidence, value, role=role)


def _relative(state: ParseState, m: re.Match, evidence: Evidence) -> DateMention:
    part = m.group("part").lower()
    if state.published is None:
        msg = f"unresolved date '{evidence.text}': relative day and no publication date"
        state.warnings.append(f"dates: {msg}")
        return DateMention(evidence, None, reason=msg)
    day = state.published + dt.timedelta(days=_RELATIVE[_SPACES.sub(" ", m.group("rel").lower())])
    return DateMention(evidence, DateValue(day.isoformat(), precision="day", basis="resolved", day_part=part))


def _half_without_year(state: ParseState, m: re.Match, evidence: Evidence) -> DateMention:
    if state.published is None:
        msg = f"unresolved date '{evidence.text}': no year and no publication date"
        state.warnings.append(f"dates: {msg}")
        return DateMention(evidence, None, reason=msg)
    return DateMention(evidence, _half_value(state.published.year, m, "resolved"))


def _half_value(year: int, m: re.Match, basis: str) -> DateValue:
    side = _HALF_SIDES[m.group("side").lower()]
    first, last = (1, 6) if side == 1 else (7, 12)
    return DateValue(f"{year}-{first:02d}", f"{year}-{last:02d}", precision="half", basis=basis)


def _span(state: ParseState, m: re.Match, evidence: Evidence) -> DateMention:
    """"từ 30-11 đến 2-12(-2023)": two days in different months; the first takes the
    year of the second when only that one is written (and the year before across
    new year: "từ 30-12 đến 2-1-2024")."""
    has_opener = any(m.group(*_OPENER_GROUPS)) or evidence.text[:2].lower() == "từ"
    if not (has_opener or m.group("y") or m.group("y2")):
        raise _Skip("")
    part = m.group("part").lower() if m.group("part") else None
    m1, m2 = _month(m.group("m"), evidence), _month(m.group("m2"), evidence)
    d1, d2 = int(m.group("d")), int(m.group("d2"))
    role = "issue" if _after_symbol(state.text, evidence.start) else "point"
    if m.group("y2") or m.group("y"):
        y2 = int(m.group("y2") or m.group("y"))
        y1 = int(m.group("y")) if m.group("y") else (y2 if m1 <= m2 else y2 - 1)
        basis = "explicit"
    elif state.published is None:
        msg = f"unresolved date '{evidence.text}': no year and no publication date"
        state.warnings.append(f"dates: {msg}")
        return DateMention(evidence, None, role=role, reason=msg)
    else:
        future = ctx.is_future(ctx.sentence_before(state.text, evidence.start))
        y1 = ctx.resolve_day_year(state.published, m1, d1, future)
        y2 = y1 if m1 <= m2 else y1 + 1
        basis = "resolved"
    for y in (y1, y2):
        _check_year(state, y, evidence)
    first, last = _valid(y1, m1, d1, evidence), _valid(y2, m2, d2, evidence)
    if last <= first or (last - first).days > 366:
        raise _Skip("")
    value = DateValue(first.isoformat(), last.isoformat(), precision="day", basis=basis, day_part=part)
    return DateMention(evidence, value, role=role)


def _relative_year(state: ParseState, m: re.Match, kind: str, evidence: Evidence) -> DateMention:
    """A month without a year ("vào tháng 8") or a relative year ("năm nay", "tháng 3 năm
    ngoái", "quý III năm nay")."""
    prefix = ctx.sentence_before(state.text, evidence.start)
    month = _month(m.group("m"), evidence) if kind in ("month", "month_bare") else None
    year, basis = None, "resolved"
    if kind == "month_bare":
        year = ctx.context_year(prefix)
        basis = "inferred" if year else basis
    if year is None and state.published is None:
        msg = f"unresolved date '{evidence.text}': no year and no publication date"
        state.warnings.append(f"dates: {msg}")
        return DateMention(evidence, None, reason=msg)
    if year is None and kind == "month_bare":
        future = ctx.is_future(prefix + ctx.sentence_after(state.text, evidence.end))
        year = ctx.resolve_month_year(state.published, month, future)
    elif year is None:
        year = state.published.year + _RELATIVE_YEARS[m.group("ry").lower()]
    _check_year(state, year, evidence)
    if kind == "quarter":
        q = _QUARTERS[m.group("q").lower()]
        return DateMention(evidence, DateValue(f"{year}-{3 * q - 2:02d}", f"{year}-{3 * q:02d}", precision="quarter",
                                               basis=basis))
    if month is None:
        return DateMention(evidence, DateValue(str(year), precision="year", basis=basis))
    return DateMention(evidence, DateValue(f"{year}-{month:02d}", precision="month", basis=basis))


def _month(raw: str, evidence: Evidence) -> int:
    month = int(raw) if raw.isdigit() else _MONTH_WORDS[_SPACES.sub(" ", raw.lower())]
    if not 1 <= month <= 12:
        raise _Skip(f"invalid date '{evidence.text}' dropped (month {month})")
    return month


def _valid(year: int, month: int, day: int, evidence: Evidence) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _Skip(f"invalid date '{evidence.text}' dropped") from None


def _check_year(state: ParseState, year: int, evidence: Evidence) -> None:
    """Drop a year outside the plausible window: ``year_min`` .. publication year +
    ``max_years_after_publication`` (``year_max`` without a publication date)."""
    if year not in ctx.year_window(state.published):
        raise _Skip(f"implausible year in '{evidence.text}' dropped")


def _after_symbol(text: str, start: int) -> bool:
    """True when a document symbol or numbered document ends right before ``start``."""
    window = text[max(0, start - _ISSUE_WINDOW):start]
    # Stay inside the sentence: a symbol in an earlier sentence says nothing.
    cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("; "))
    if cut >= 0:
        window = window[cut + 1:]
    return _DIGIT.search(window) is not None and ISSUE_BEFORE.search(window) is not None
