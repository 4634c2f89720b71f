"""Publication dates from metadata (a JSON field, an HTML meta tag or dateline) to 'YYYY-MM-DD[THH:MM]'.

The publication date is the parser's only anchor: "Sáng 22-11" gets its year from
it. Feeds write it in many ways, so each form below is one a real source uses:

- ISO 8601: ``2023-11-22``, ``2023-11-22T14:19:00+07:00`` (sitemaps, ``article:published_time``);
- day first with separators: ``22/11/2023``, ``22.11.2023 | 14:19`` (Vietnamese datelines);
- Vietnamese words: ``Thứ Tư, ngày 22 tháng 11 năm 2023 - 08:05``;
- English month names: RSS ``pubDate`` (RFC 2822, ``Wed, 22 Nov 2023 08:00:00 +0700``),
  ``22 Nov 2023``, ``November 22, 2023 8:05 PM``.

The time is kept as written: no time-zone shift, since the article's own dates are local.
Anything else gives None (the caller warns and the article stays without a date).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

_TIME = r"(?:\D{1,12}?(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([AaPp])\.?[Mm]\.?(?![a-z]))?)?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?")
_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\D+(\d{1,2}):(\d{2}))?")
_VI = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,|năm)?\s*(\d{4})" + _TIME, re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: A month's English name or abbreviation, whole ("Maybe" is not May).
_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_EN_DAY_FIRST = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+(\d{4})" + _TIME, re.I)
_EN_MONTH_FIRST = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME, re.I)


def normalise_published(value: str) -> str | None:
    """Metadata date to 'YYYY-MM-DD[THH:MM]' (time as written, no time-zone shift), or None."""
    value = unicodedata.normalize("NFC", value.strip())
    found = _read(value)
    if found is None:
        return None
    y, mo, d, hh, mm, half = found
    try:
        day = dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None
    if hh is None:
        return day.isoformat()
    hour = int(hh)
    if half:  # 12-hour clock: 12 AM is midnight, 12 PM noon
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    return f"{day.isoformat()}T{hour:02d}:{mm}" if hour < 24 and int(mm) < 60 else day.isoformat()


def _read(value: str) -> tuple | None:
    """(year, month, day, hour, minute, 'a'/'p' or None) from the first form that matches."""
    m = _ISO.search(value)
    if m:
        y, mo, d, hh, mm = m.groups()
        return y, mo, d, hh, mm, None
    m = _DMY.search(value)
    if m:
        d, mo, y, hh, mm = m.groups()
        return y, mo, d, hh, mm, None
    m = _VI.search(value)
    if m:
        d, mo, y, hh, mm, half = m.groups()
        return y, mo, d, hh, mm, half
    m = _EN_DAY_FIRST.search(value)
    if m:
        d, mon, y, hh, mm, half = m.groups()
        return y, _MONTHS.index(mon[:3].lower()) + 1, d, hh, mm, half
    m = _EN_MONTH_FIRST.search(value)
    if m:
        mon, d, y, hh, mm, half = m.groups()
        return y, _MONTHS.index(mon[:3].lower()) + 1, d, hh, mm, half
    return None
