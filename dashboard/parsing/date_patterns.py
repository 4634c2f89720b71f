"""Regular expressions for Vietnamese date expressions, as named module constants.

Built once at import from the word lists in ``dashboard/vocab/dates_vi.json``.
``dashboard.parsing.dates`` tries them in the order of ``PATTERNS``; an earlier
(more specific) pattern wins any overlap, so "đến năm 2030" is a horizon before
"năm 2030" can be read as a plain year.

Digit guards keep numbers that belong to something else out: a date never
starts right after a letter, digit, "/", "." or "-" (symbols such as
15/2015/NĐ-CP, 806-NQ/QUTW, decimals 1,5 / 2.5) and never runs on into more
digits or into "/letters" (a symbol tail).
"""
from __future__ import annotations

import re

from ..vocab import load
from .phrases import alternation as _alt  # phrases longest first, any run of spaces between words

VOCAB = load("dates_vi.json")


_FLAGS = re.IGNORECASE
DAY_PART = _alt(VOCAB["day_parts"])
WEEKDAY = _alt(VOCAB["weekdays"])
DAY_CUE = _alt(VOCAB["day_cues"])
RELATIVE = _alt(VOCAB["relative_days"])
MONTH_WORD = _alt(VOCAB["month_words"])
YEAR = r"(?:19|20)\d\d"
#: A two-digit year ("22/11/23"), accepted only after a day opener ("ngày", "sáng").
SHORT_YEAR = r"\d\d(?!\d)"
#: A year named relative to the publication: "năm nay", "năm ngoái", "năm tới".
#: Never after a count ("2 năm tới" is a duration) or "những"/"các" (plural).
REL_YEAR_WORDS = rf"năm\s+(?P<ry>{_alt(VOCAB['relative_years'])})(?!\w)"
REL_YEAR = rf"(?<!\d )(?<!những )(?<!các ){REL_YEAR_WORDS}"
# No digit, letter, slash, dot or dash right before a number that starts a date.
_START = r"(?<![\w/.,\-])"
# A date ends before more digits, another separator+digit, a symbol tail
# ("/NĐ-CP", "-NQ"), a percent sign or a decimal part.
_END = r"(?![\w%]|[/.\-]\w|,\d)"

#: Day part, relative word, weekday and "ngày"/"hôm" before a day number, e.g.
#: "Chiều ngày", "Sáng nay (", "Hôm nay (", "sáng thứ Hai, ngày". Every piece is optional;
#: the parser demands at least one when the year is missing.
OPENER = (
    rf"(?:(?:(?P<part>{DAY_PART})|(?P<hom>hôm))(?:\s+(?P<rel>{RELATIVE}))?\s*,?\s*)?"
    rf"(?:(?P<wd>{WEEKDAY})\s*,?\s*)?"
    r"(?P<lp>\(\s*)?"
    rf"(?:(?P<cue>{DAY_CUE})\s+)?"
)
_CLOSE = r"(?(lp)\s*\)?)"

#: "ngày 20-21/11", "ngày 20 và 21-11-2023", "từ ngày 20 đến ngày 22/11"
DAY_RANGE = re.compile(
    r"(?<!\w)(?:từ\s+)?" + OPENER
    + rf"{_START}(?P<d>\d{{1,2}})\s*(?:[-–]|và|đến(?:\s+ngày)?|,)\s*(?P<d2>\d{{1,2}})"
    + rf"(?P<sep>[-/.])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>{YEAR}))?{_END}" + _CLOSE,
    _FLAGS,
)

#: "Sáng 22-11", "Chiều ngày 17/4/2023", "ngày 31-12-2013", "29/11/2007", "22.11.2023"
NUMERIC_DATE = re.compile(
    r"(?<!\w)" + OPENER
    + rf"{_START}(?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>{YEAR}|{SHORT_YEAR}))?{_END}"
    + _CLOSE,
    _FLAGS,
)

#: "từ 30-11 đến 2-12", "từ ngày 30/11 đến ngày 2/12/2023", "30-11 đến 2-12-2023": a span
#: across months (within one month, DAY_RANGE reads "20-22/11").
DAY_SPAN = re.compile(
    r"(?<!\w)(?:từ\s+)?" + OPENER
    + rf"{_START}(?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>{YEAR}))?"
    + r"\s*(?:[-–]|đến|tới)\s*(?:ngày\s+)?"
    + rf"(?P<d2>\d{{1,2}})(?P=sep)(?P<m2>\d{{1,2}})(?:(?P=sep)(?P<y2>{YEAR}))?{_END}" + _CLOSE,
    _FLAGS,
)

#: "ngày 8 tháng 1 năm 2015", "sáng 22 tháng 11"
VERBAL_DATE = re.compile(
    r"(?<!\w)" + OPENER
    + rf"{_START}(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}}|{MONTH_WORD})(?!\w)"
    + rf"(?:\s*(?:,\s*)?năm\s+(?P<y>{YEAR}))?{_END}" + _CLOSE,
    _FLAGS,
)

#: "sáng nay", "chiều qua" (relative to the publication date)
RELATIVE_DAY = re.compile(
    rf"(?<!\w)(?P<part>{DAY_PART})\s+(?P<rel>{RELATIVE})(?!\w)", _FLAGS
)

#: "Chiều cùng ngày", "sáng hôm sau": a day relative to the previous dated day.
ANAPHORIC_DAY = re.compile(
    rf"(?<!\w)(?:(?P<part>{DAY_PART})\s+)?(?P<rel>{_alt(VOCAB['anaphoric_days'])})(?!\w)", _FLAGS
)

#: "từ năm 2015 đến năm 2020", "từ 2015 đến 2020"
PERIOD_FROM_TO = re.compile(
    rf"(?<!\w)từ\s+(?:năm\s+)?(?P<y1>{YEAR})\s+(?:đến|tới)\s+(?:năm\s+)?(?P<y2>{YEAR}){_END}",
    _FLAGS,
)

#: "giai đoạn 2023-2025", "(2008-2020)", "nhiệm kỳ 2020 - 2025", "năm 2021-2022"
PERIOD = re.compile(
    rf"(?:(?<!\w)(?P<pw>{_alt(VOCAB['period_words'])}|năm)\s+|(?P<lp>\(\s*))?"
    rf"{_START}(?P<y1>{YEAR})\s*[-–—]\s*(?P<y2>{YEAR}){_END}(?(lp)\s*\))",
    _FLAGS,
)

#: "quý III/2024", "quý 3 năm 2024", "quý I-2024", "quý III năm nay"
QUARTER = re.compile(
    rf"(?<!\w)quý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:(?:[/\-.]\s*|,?\s*năm\s+)(?P<y>{YEAR}){_END}"
    rf"|,?\s*{REL_YEAR_WORDS})",
    _FLAGS,
)

#: "6 tháng đầu năm 2022", "6 tháng cuối năm", "nửa đầu năm 2023"
HALF = re.compile(
    rf"(?<!\w)(?P<count>{_alt(VOCAB['half_counts'])})\s+(?P<side>{_alt(VOCAB['half_sides'])})"
    rf"\s+năm(?:\s+(?P<y>{YEAR}))?(?![\w/])",
    _FLAGS,
)

#: "tháng 8/2024", "tháng 8 năm 2024", "tháng Tám năm 2024", "tháng 12-2023", "tháng 3 năm nay"
MONTH = re.compile(
    rf"(?<!\w)tháng\s+(?P<m>\d{{1,2}}|{MONTH_WORD})\s*(?:(?:[/\-.]\s*|,?\s*năm\s+)(?P<y>{YEAR}){_END}"
    rf"|,?\s*{REL_YEAR_WORDS})",
    _FLAGS,
)

#: "tháng 8" with no year (digits only: "Cách mạng tháng Tám" is a name). The year comes
#: from the sentence ("Năm 2023, ... vào tháng 8") or the publication date.
MONTH_BARE = re.compile(
    r"(?<![\w/.])(?<!\d )tháng\s+(?P<m>\d{1,2})(?![\w%]|\s*[/\-.]\s*\d|\s+(?:năm|lần|tuổi|lương)\b)", _FLAGS
)

#: "năm nay", "năm ngoái", "năm tới": a year relative to the publication date.
YEAR_RELATIVE = re.compile(r"(?<!\w)" + REL_YEAR, _FLAGS)

#: "đến năm 2030", "tầm nhìn đến năm 2045", "tầm nhìn 2045"
HORIZON = re.compile(
    rf"(?<!\w)(?P<hw>{_alt(VOCAB['horizon_words'])})\s+(?P<y>{YEAR}){_END}", _FLAGS
)

#: "những năm tiếp theo" (an open-ended horizon: no value)
OPEN_HORIZON = re.compile(rf"(?<!\w)(?:{_alt(VOCAB['open_horizons'])})(?!\w)", _FLAGS)

#: "năm 2020", "trong năm 2021", "cuối năm 2022". A bare "10 năm" never matches:
#: "năm" must come before a four-digit year.
YEAR_ONLY = re.compile(
    rf"(?<!\w)(?:(?:{_alt(VOCAB['year_prefixes'])})\s+)?năm\s+(?P<y>{YEAR}){_END}", _FLAGS
)

#: A document symbol or numbered document right before a date makes that date
#: the document's issue date: "806-NQ/QUTW ngày 31-12-2013", "Nghị quyết số 06
#: ngày 24-11-2011", "Chỉ thị 05/CT-TTg do Thủ tướng ban hành ngày ...".
ISSUE_BEFORE = re.compile(
    r"(?:\d+[\w.]*(?:[/-][\w.]+)*[/-][A-ZĐ][\w\-/.]*"  # a symbol: 08-NQ/TW, 366/QĐ-BQP
    r"|\bsố\s+\d+[\w\-/.]*"  # "số 06"
    r"|\bTrung\s+ương\s+\d+(?:\s*\(\s*khóa\s+[IVXLC]+\s*\))?)"  # "Nghị quyết Trung ương 8 (khóa XI)"
    r"(?:\s*\([^()]{1,40}\))?"  # "(khóa XI)", "(gọi tắt là ...)"
    r"(?:\s+của\s+[^,.;()]{1,60}?)?"  # "của Bộ Chính trị"
    r"(?:\s*,)?(?:\s+(?:do\s+[^,.;]{1,40}?\s+)?(?:ký\s+)?ban\s+hành|\s+ký)?"
    r"\s*(?:\(\s*)?(?:vào\s+)?$"
)

#: Every date expression holds a digit or one of the few digit-free phrases
#: below (sáng nay, chiều qua, nửa đầu năm, sáu tháng, những năm tiếp theo).
#: The parser runs ``PATTERNS`` only in windows around these anchors (see
#: ``date_windows``): most of an article is prose without digits, and skipping it
#: makes the stage ~5x faster. Plain ``str.find`` on the lower-cased text is much
#: cheaper than a regex alternation over non-ASCII words here.
ANCHOR_WORDS = tuple(dict.fromkeys(
    [f"{part} {rel}" for part in VOCAB["day_parts"] for rel in VOCAB["relative_days"]]
    + sorted({" ".join(h.split()[-2:]) for h in VOCAB["open_horizons"]})
    + [c for c in VOCAB["half_counts"] if not c[0].isdigit()]
    + [w.split()[-2] + " " + w.split()[-1] for w in VOCAB["anaphoric_days"]]
    + [f"năm {w}" for w in VOCAB["relative_years"]]
))
#: How far a date expression reaches before its anchor ("Sáng thứ Hai, ngày 20")
#: and after it (a closing bracket, a year, and the look-ahead guards).
ANCHOR_BEFORE = 45
ANCHOR_AFTER = 25

#: (name, pattern, kind, needs) in priority order; kind picks the value builder.
#: ``needs`` is a lower-case word every match contains: a window without it is
#: skipped for that pattern without running the regex (``date_gates.GATES`` has
#: finer tests, used when the text allows them).
PATTERNS = (
    ("day_span", DAY_SPAN, "span", ""),
    ("day_range", DAY_RANGE, "day", ""),
    ("numeric_date", NUMERIC_DATE, "day", ""),
    ("verbal_date", VERBAL_DATE, "day", "tháng"),
    ("relative_day", RELATIVE_DAY, "relative", ""),
    ("period_from_to", PERIOD_FROM_TO, "period", "từ"),
    ("period", PERIOD, "period", ""),
    ("quarter", QUARTER, "quarter", "quý"),
    ("half", HALF, "half", "năm"),
    ("month", MONTH, "month", "tháng"),
    ("month_bare", MONTH_BARE, "month_bare", "tháng"),
    ("horizon", HORIZON, "horizon", ""),
    ("open_horizon", OPEN_HORIZON, "open", "năm"),
    ("year", YEAR_ONLY, "year", "năm"),
    ("year_relative", YEAR_RELATIVE, "year_relative", "năm"),
)
