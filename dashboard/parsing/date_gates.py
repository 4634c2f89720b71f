"""What each date pattern needs around it: the tests that let ``date_windows`` skip work.

All of these are *necessary* conditions, read off the patterns of ``date_patterns``:
a window or a place that fails one cannot hold a match, so skipping it changes no
result. They exist because running fifteen case-insensitive regexes with optional
openers over every anchor window was most of the parser's time.

- ``GATES``: pieces every match of a pattern contains. A digit shape, read off the
  window's digit runs (``DAY_MONTH``: a run of at most two digits followed by "-", "/"
  or "." and a digit, as in "20/11"; ``YEAR``: a run starting 19 or 20), and groups of
  words, a word of each group (lower case, looked up with ``in``): "tháng" for a month,
  "năm" plus "nay"/"ngoái"/"tới" for "năm nay" ...
- ``JUMPS``: a day or year pattern's match is built on a digit run (the day of "Sáng
  20-11", the year of "giai đoạn 2023-2025"), with only opener characters (``chars``:
  the letters of day parts, weekdays, "ngày", "giai đoạn", "tầm nhìn đến năm"; spaces,
  commas, brackets) between the start of the match and the run. ``follow`` is what the
  pattern asks for right after the run ("-21/11" in "20-21/11"), ``before`` the word it
  asks for right before it ("năm" in "năm 2020").
- ``LEADS``: patterns whose every match starts with one of a few words ("tháng 8/2024",
  "quý III", "những năm tiếp theo").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .date_patterns import PATTERNS, VOCAB, YEAR

#: Digit shapes (bits of a window's record; word bits come above them).
DAY_MONTH, YEAR_SHAPE = 1, 2
#: The run lists of a window record: [start, end, bits, short runs, day-month runs, year runs].
BITS, SHORT, DAY_MONTHS, YEARS = 2, 3, 4, 5


def _words(key: str, pick) -> tuple[str, ...]:
    return tuple(dict.fromkeys(pick(phrase.split()) for phrase in VOCAB[key]))


_FIRST, _LAST = (lambda w: w[0]), (lambda w: w[-1])

#: Per pattern of ``PATTERNS`` (and "anaphoric_day" for ``ANAPHORIC_DAY``): (digit shape or
#: 0, word groups). The groups are looked up in order, so the rarest comes first.
GATES = {
    "day_span": (DAY_MONTH, ()),
    "day_range": (DAY_MONTH, ()),
    "numeric_date": (DAY_MONTH, ()),
    "verbal_date": (0, (("tháng",),)),
    "relative_day": (0, (_words("relative_days", _FIRST), _words("day_parts", _FIRST))),
    "period_from_to": (YEAR_SHAPE, (("từ",),)),
    "period": (YEAR_SHAPE, ()),
    "quarter": (0, (("quý",),)),
    "half": (0, (("năm",), _words("half_counts", _LAST))),  # "6 tháng", "sáu tháng", "nửa"
    "month": (0, (("tháng",),)),
    "month_bare": (0, (("tháng",),)),
    # Every horizon phrase starts with one of these words ("tầm nhìn đến năm", "trước năm").
    "horizon": (YEAR_SHAPE, (_words("horizon_words", _FIRST),)),
    # ... and every open horizon ends with one ("những năm tiếp theo", "những năm sau đó").
    "open_horizon": (0, (("năm",), _words("open_horizons", _LAST))),
    "year": (YEAR_SHAPE, (("năm",),)),
    "year_relative": (0, (("năm",), _words("relative_years", _FIRST))),
    # "cùng ngày", "(ngày) hôm sau", "ngày tiếp theo": a word besides "ngày", and "ngày" or "hôm".
    "anaphoric_day": (0, (tuple(dict.fromkeys(next(w for w in p.split() if w != "ngày")
                                              for p in VOCAB["anaphoric_days"])), ("ngày", "hôm"))),
}
assert list(GATES)[:len(PATTERNS)] == [name for name, *_ in PATTERNS]
_GATE_WORDS = tuple(dict.fromkeys(w for _d, groups in GATES.values() for group in groups for w in group))
_WORD_BITS = tuple((w, 4 << i) for i, w in enumerate(_GATE_WORDS))
#: Per gate: the bit groups a window must meet, each with one bit of it set.
_GATE_BITS = tuple(([digits] if digits else []) + [sum(4 << _GATE_WORDS.index(w) for w in g) for g in groups]
                   for digits, groups in GATES.values())


@lru_cache(maxsize=4096)
def admitted(bits: int) -> tuple[int, ...]:
    """Indices (in ``GATES`` order) of the gates that a window with these bits meets."""
    return tuple(i for i, groups in enumerate(_GATE_BITS) if all(bits & g for g in groups))


@lru_cache(maxsize=4096)
def next_words(bits: int, checked: int) -> tuple[tuple[str, int], ...]:
    """(word, bit) still worth looking up in a window with ``bits`` whose ``checked`` words
    have been looked up: the words of the first unmet group of every gate met so far.
    Looking a word up costs about as much as the window is long, so "đến" is looked up
    only next to a year, a day part only after "nay" or "qua"."""
    todo = {}
    for groups in _GATE_BITS:
        for group in groups:
            if bits & group:
                continue
            for word, bit in _WORD_BITS:
                if group & bit & ~checked:
                    todo[word] = bit
            break
    return tuple(todo.items())


def _letters(*phrases) -> str:
    return "".join(sorted({ch for p in phrases for ch in p if not ch.isspace()}))


#: All white space (``\\s``) of this Python; ``date_windows`` still checks for any other.
SPACES = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())
_DAY_OPENERS = _letters("từ", "hôm", "(,", *VOCAB["day_parts"], *VOCAB["relative_days"], *VOCAB["weekdays"],
                        *VOCAB["day_cues"]) + SPACES
_YEAR_OPENERS = _letters("từ năm (", *VOCAB["period_words"], *VOCAB["year_prefixes"],
                         *VOCAB["horizon_words"]) + SPACES


class Jump(NamedTuple):
    """See the module docstring. ``runs`` is SHORT (runs of one or two digits), DAY_MONTHS
    (those followed by a separator and a digit) or YEARS (runs starting 19 or 20)."""

    runs: int
    follow: re.Pattern | None
    before: tuple[str, ...] | None
    chars: str


JUMPS = {
    "day_span": Jump(DAY_MONTHS, re.compile(
        r"[-/.]\d{1,2}(?:[-/.]\d{4})?\s*(?:[-–]|đến|tới)\s*(?:ngày\s+)?\d{1,2}[-/.]\d", re.IGNORECASE), None, _DAY_OPENERS),
    "day_range": Jump(SHORT, re.compile(
        r"\s*(?:[-–]|và|đến(?:\s+ngày)?|,)\s*\d{1,2}[-/.]\d{1,2}(?!\d)", re.IGNORECASE), None, _DAY_OPENERS),
    "numeric_date": Jump(DAY_MONTHS, None, None, _DAY_OPENERS),
    "verbal_date": Jump(SHORT, re.compile(r"\s+tháng\s", re.IGNORECASE), None, _DAY_OPENERS),
    "period_from_to": Jump(YEARS, None, ("từ", "năm"), _YEAR_OPENERS),
    "period": Jump(YEARS, re.compile(rf"\s*[-–—]\s*{YEAR}"), None, _YEAR_OPENERS),
    "horizon": Jump(YEARS, None, _words("horizon_words", _LAST), _YEAR_OPENERS),
    "year": Jump(YEARS, None, ("năm",), _YEAR_OPENERS),
}
LEADS = {
    "quarter": ("quý",),
    "half": _words("half_counts", _FIRST),
    "month": ("tháng",),
    "month_bare": ("tháng",),
    "open_horizon": _words("open_horizons", _FIRST),
    "year_relative": ("năm",),
}
