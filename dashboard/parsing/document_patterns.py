"""Patterns for policy-document mentions and for the words around them.

Named regex constants for the document stage (``documents``, ``document_mentions``,
``document_tails``), built once from ``dashboard/vocab/document_codes.json``:

- ``PARTY_SYMBOL`` "08-NQ/TW"; ``STATE_SYMBOL`` "30/2020/NĐ-CP"; ``LAW_SYMBOL``
  "38/2024/QH15"; ``SHORT_SYMBOL`` "366/QĐ-BQP", which is also the press's
  reversed Party form ("520/NQ-QUTW") when the issuer code is a Party body;
- ``NUMBER_ONLY`` "Nghị quyết số 06", ``PLENUM`` "Nghị quyết Trung ương 8",
  ``NAMED`` "Chương trình …", "Kế hoạch …", "Đề án …", "Chiến lược …", ``LAW_NAME``;
- ``symbol_starts``, ``number_only_starts`` and ``opening_starts``: where the
  costly patterns can start, the only offsets where ``document_mentions`` tries
  them (see ``scan``);
- ``law_name`` reads an unseen law's name ("Luật Phòng thủ dân sự"), ``name_end``
  where a programme's name ends; ``HORIZON``, ``VISION`` and ``PERIOD`` the years
  that ``document_tails.read_tail`` also reads after numbered mentions.

Every symbol pattern is anchored so that its digits are never read as a date
elsewhere: "15/2015/NĐ-CP" is one token, not 15 February 2015.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import vocab
from . import organisations, scan
from ..text import fold

CODES = vocab.load("document_codes.json")
TYPES: dict[str, str] = CODES["types"]
ISSUERS: dict[str, dict] = CODES["issuers"]
TYPE_WORDS: dict[str, str] = CODES["type_words"]
TW_BODIES: tuple[str, ...] = tuple(CODES["tw_bodies"])
NAMED_LAWS: dict[str, str] = CODES["named_laws"]

#: ``text.fold`` of a name; names recur across mentions and articles: each is folded once.
fold_key = lru_cache(maxsize=4096)(fold)

_CODE = r"[A-ZĐ][A-Za-zĐđƯư]{0,7}"
_B = r"(?=\d)(?<![\w/.\-])"  # a symbol starts on its own
_E = r"(?![\w/\-])"
LAW_SYMBOL = re.compile(_B + r"(?P<num>\d{1,4}) ?/ ?(?P<year>(?:19|20)\d\d) ?/ ?(?P<iss>UBTVQH|QH)(?P<term>\d{1,2})" + _E)
STATE_SYMBOL = re.compile(
    _B + r"(?P<num>\d{1,5}) ?/ ?(?P<year>(?:19|20)\d\d) ?/ ?(?P<type>" + _CODE + r")-(?P<iss>" + _CODE
    + r"(?:-" + _CODE + r")*)" + _E)
PARTY_SYMBOL = re.compile(_B + r"(?P<num>\d{1,4}) ?- ?(?P<type>" + _CODE + r") ?/ ?(?P<iss>" + _CODE + r")" + _E)
SHORT_SYMBOL = re.compile(_B + r"(?P<num>\d{1,5}) ?/ ?(?P<type>" + _CODE + r")-(?P<iss>" + _CODE
                          + r"(?:-" + _CODE + r")*)" + _E)
SYMBOLS = (LAW_SYMBOL, STATE_SYMBOL, PARTY_SYMBOL, SHORT_SYMBOL)

_TYPE_ALT = "|".join(re.escape(w) for w in sorted(TYPE_WORDS, key=len, reverse=True))
#: the type word (and "số") right before a symbol: "Nghị quyết số "
_TYPE_START = organisations.lookahead(TYPE_WORDS, any_case=True)
TYPE_BEFORE = re.compile(r"(?i:(?<!\w)(" + _TYPE_ALT + r")(?: số:?)?) ?$")
NUMBER_ONLY = re.compile(_TYPE_START + r"(?<!\w)(?i:(" + _TYPE_ALT + r"))( số:? ?| )(\d{1,4})(?![\d/\-]|[.,]\d|\w)")
PLENUM = re.compile(
    r"Nghị quyết(?<!\wNghị quyết) (?:Hội nghị )?(?:lần thứ )?(?:Trung ương|TW|T\.Ư|TƯ) (?:lần thứ )?(?P<n>\d{1,2})(?!\d)"
    r"(?P<term>,? \(?(?i:khóa) (?P<roman>[IVXL]+)\)?)?"
    r"|Nghị quyết(?<!\wNghị quyết) Hội nghị (?:lần thứ )?(?P<n2>\d{1,2}),? Ban Chấp hành Trung ương(?: Đảng)?"
    r"(?P<term2>,? \(?(?i:khóa) (?P<roman2>[IVXL]+)\)?)?")
#: "Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"
CONGRESS = re.compile(r"Nghị quyết(?<!\wNghị quyết) Đại hội (?:đại biểu toàn quốc )?(?:lần thứ )?(?P<roman>[IVXL]+)"
                      r"(?![\w])(?: của Đảng)?")
#: The type words that open a named programme, plan, scheme or strategy.
NAMED_WORDS = ("Chương trình", "Kế hoạch", "Đề án", "Chiến lược", "chương trình phối hợp", "chương trình hành động",
               "kế hoạch phối hợp")
NAMED = re.compile(r"(?=[CKĐck])(?<!\w)(?<!Bộ )(?<!Cục )(?<!Vụ )(?<!Sở )(?<!Ban )(?<!Viện )(" + "|".join(NAMED_WORDS)
                   + r")(?!\w)")
SIGNED_WORDS: dict[str, str] = {k: v for k, v in CODES["signed_words"].items() if not k.startswith("_")}
_SIGNED_ALT = "|".join(re.escape(w) for w in sorted(SIGNED_WORDS, key=len, reverse=True))
#: A document two parties sign: after a signing verb ("ký kết Quy chế phối hợp ...",
#: "ký thỏa thuận hợp tác"), capitalised mid-sentence ("triển khai Bản ghi nhớ hợp tác"),
#: or the coordination rules themselves ("Quy chế phối hợp"). Group "w" is the type word.
SIGNED = re.compile(r"(?=[kKlLqQTBH])(?:(?<!\w)(?i:ký(?: kết)?|lễ ký)(?: (?i:bản|các|văn bản))? (?P<w>(?i:" + _SIGNED_ALT + r"))"
                    r"|(?<=[\w,] )(?P<cap>(?:" + "|".join(w[0].upper() + re.escape(w[1:]) for w in SIGNED_WORDS if w != "quy chế")
                    + r"))|(?<!\w)(?P<qc>[Qq]uy chế phối hợp))(?!\w)")
#: The words that open a law's or an ordinance's name, each with its space.
LAW_WORDS = ("Bộ luật ", "Luật ", "Pháp lệnh ")
LAW_NAME = re.compile(r"(?=[BLP])(?<!\w)(?:" + "|".join(LAW_WORDS) + r")(?=[A-ZĐ])")
# Where each costly pattern can start (see ``scan``): its matches are found by trying it only there.
#: How far before its "/" a symbol may start: PARTY_SYMBOL's "1234 - ABCDEFGH /" is 16 characters.
_SLASH_REACH = 16
_SYMBOL_START = re.compile(_B)
_TYPE_WORDS_BY_END: dict[str, list[str]] = {}  # by their last two letters, all lower case (NUMBER_ONLY ignores case)
for _w in TYPE_WORDS:
    _TYPE_WORDS_BY_END.setdefault(_w[-2:], []).append(_w)
# What NUMBER_ONLY reads after its type word, " số" or " 12", found by its space (a literal ``re`` skips
# to) and kept only after the last two letters of a type word: a few places instead of every number.
_ENDS = "(?i:" + "|".join(map(re.escape, _TYPE_WORDS_BY_END)) + ")"
_NUMBER_AFTER = re.compile(rf" (?:số(?<={_ENDS} số)|\d(?<={_ENDS} \d))")
# LAW_NAME, NAMED and SIGNED open with a capitalised word (one scan finds them all), a lower-case
# phrase found by its last two words ("chương trình phối hợp" by "phối hợp"), or SIGNED's "ký".
_CAPITALISED = {w: LAW_NAME for w in LAW_WORDS} | {w: NAMED for w in NAMED_WORDS if w[0].isupper()} | {
    w[0].upper() + w[1:]: SIGNED for w in SIGNED_WORDS if w != "quy chế"}
_CAPITALISED_RE = re.compile(scan.literal_alternation(sorted(_CAPITALISED, key=len, reverse=True)))
#: what may start where a word matches: its own pattern and those of the shorter words it begins with
_OPENS = {w: {rx for v, rx in _CAPITALISED.items() if w.startswith(v)} for w in _CAPITALISED}
_LOWER_CASE = [(w, NAMED) for w in NAMED_WORDS if not w[0].isupper()] + [("quy chế phối hợp", SIGNED)]
_BY_LAST_WORDS: dict[str, list] = {}
for _phrase, _rx in _LOWER_CASE:
    _last = " ".join(_phrase.split()[-2:])
    _BY_LAST_WORDS.setdefault(_last, []).append((len(_phrase) - len(_last), _rx))


def symbol_starts(text: str) -> list[int]:
    """Offsets where a symbol pattern can start: a number opening at most ``_SLASH_REACH`` before a "/"."""
    starts: list[int] = []
    lo, slash = 0, text.find("/")
    while slash != -1:
        starts += [m.start() for m in _SYMBOL_START.finditer(text, max(lo, slash - _SLASH_REACH), slash)]
        lo, slash = slash, text.find("/", slash + 1)
    return starts


def number_only_starts(text: str) -> set[int]:
    """Offsets where ``NUMBER_ONLY`` can start: a type word right before " số" or before " " and a digit.

    The type word may be in any case: the text must be ``scan.case_safe``."""
    starts: set[int] = set()
    for e in map(re.Match.start, _NUMBER_AFTER.finditer(text)):
        for w in _TYPE_WORDS_BY_END.get(text[max(0, e - 2):e].lower(), ()):
            if len(w) <= e and text[e - len(w):e].lower() == w:
                starts.add(e - len(w))
    return starts


def opening_starts(text: str) -> dict[re.Pattern, set[int]]:
    """Offsets where ``LAW_NAME``, ``NAMED`` and ``SIGNED`` can start (``text`` as for ``number_only_starts``)."""
    starts: dict[re.Pattern, set[int]] = {LAW_NAME: set(), NAMED: set(), SIGNED: set()}
    m = _CAPITALISED_RE.search(text)
    while m is not None:  # every start, also one inside another match
        for rx in _OPENS[m.group()]:
            starts[rx].add(m.start())
        m = _CAPITALISED_RE.search(text, m.start() + 1)
    for last, phrases in _BY_LAST_WORDS.items():
        for i in scan.literal_starts(text, (last,)):
            for back, rx in phrases:
                starts[rx].add(i - back)
    for i in scan.literal_starts(text, ("ý", "Ý")):  # "ký", "lễ ký" in any case, by their rarer letter
        starts[SIGNED].update((i - 1, i - 4))
    return starts


_KNOWN_LAWS = re.compile(r"(?=[LP])(?<!\w)(?:" + "|".join(
    re.escape(k[0]) + "(?i:" + re.escape(k[1:]) + ")" for k in sorted(NAMED_LAWS, key=len, reverse=True)) + r")(?!\w)")

# Clause punctuation not before a digit ("1.5" goes on), or a quote or bracket: written as one character
# class first so that ``re`` skips to those characters (the same matches as "[.;:\n!?](?!\d)|[“”\"(]").
# "|" too: a page title's " | VOV.VN", a date line's "22.11.2023 | 14:19".
_CLAUSE_END = re.compile(r"[.;:\n!?“”\"(|](?:(?<=[“”\"(|])|(?!\d))")
_CLAUSE_END_OPEN_QUOTE = re.compile(r"[.;:\n!?”|](?:(?<=[”|])|(?!\d))")  # a quoted title or "(khóa XI)" may follow
HORIZON = re.compile(r"đến năm(?<!tầm nhìn đến năm) (\d{4})")  # not a vision's; the look-behind last: re skips to "đến"
VISION = re.compile(r"tầm nhìn (?:đến năm |đến |)(\d{4})")
_YEARS = r" (?:từ (?:năm )?)?(\d{4}) ?(?:[-–]|đến(?: năm)?) ?(\d{4})"
#: "giai đoạn 2021-2025", "thời kỳ từ năm 2011 đến năm 2020", "(2021-2025)"; each alternative opens with
#: its own word so that ``re`` skips to their letters (``period_of`` reads whichever two groups matched).
PERIOD = re.compile(r"giai đoạn" + _YEARS + r"|thời kỳ" + _YEARS + r"|\((\d{4}) ?[-–] ?(\d{4})\)")
_SOFT_STOP_WORDS = (r"(?:nhằm|đã|được|là|để|do|thì|sẽ|cũng như|với|tại|có|cho|đồng thời|mà|nên|vào|gồm|bao gồm|"
                    r"trong việc|và các|và quy hoạch) ")
# ",? <word> " or " ký <time>" (not "đăng ký"), each alternative opening with "," or " " so that ``re``
# skips to those: the same matches as ",? (?:words) |(?<!đăng) ký …".
_NAME_SOFT_STOP = re.compile(", " + _SOFT_STOP_WORDS + "| " + _SOFT_STOP_WORDS
                             + r"| (?<!đăng )ký (?:kết )?(?:năm|tháng|ngày|vào|hồi|từ|giữa|tại)\s")


def period_of(m: re.Match | None) -> str | None:
    """"YYYY-YYYY" from a ``PERIOD`` match; None for a reversed or empty span ("1991-1990")."""
    if m is None:
        return None
    first, last = (g for g in m.groups() if g)
    return f"{first}-{last}" if int(first) < int(last) else None


def kind_of_word(word: str) -> str:
    return TYPE_WORDS.get(word.lower(), "other")


def clause_end(text: str, pos: int, limit: int = 400, quotes: bool = True) -> int:
    """End of the clause from ``pos``; with ``quotes=False`` an opening quote does not end it."""
    rx = _CLAUSE_END if quotes else _CLAUSE_END_OPEN_QUOTE
    m = rx.search(text, pos, min(len(text), pos + limit))
    return m.start() if m else min(len(text), pos + limit)


_LAW_WORD = re.compile(r" ([^\W_][\w\-]*)")
_LAW_STOP = frozenset("của về số năm đã được có là với trong tại để do thì sẽ đang cho ngày này mới hiệu "
                      "thông sửa nhằm và theo khi từ các những ban kèm".split())


def law_name(text: str, m: re.Match) -> tuple[str, int]:
    """An unseen law's name: a capitalised word, then name words up to a stop word."""
    end, count = m.end() - 1, 0
    while count < 8 and (w := _LAW_WORD.match(text, end)):
        word = w.group(1)
        if (count == 0 and not word[0].isupper()) or word in _LAW_STOP or word.isdigit():
            break
        end, count = w.end(), count + 1
    return text[m.start():end], end


_KNOWN_BY_KEY: dict[str, str] = {}
for _form, _canonical in NAMED_LAWS.items():
    _KNOWN_BY_KEY.setdefault(fold(_form), _canonical)


def known_law_at(text: str, pos: int) -> tuple[str, int] | None:
    """(canonical law name, end) when a known law's name starts at ``pos``."""
    m = _KNOWN_LAWS.match(text, pos)
    canonical = _KNOWN_BY_KEY.get(fold_key(m.group())) if m else None
    return (canonical, m.end()) if canonical else None


def name_end(text: str, word_end: int) -> int:
    """End of a programme/plan/scheme/strategy name whose type word ends at ``word_end``.

    Clause punctuation and verbs ("nhằm", "đã", "cũng như") end it; so does a
    comma, unless a period or horizon ("giai đoạn 2023-2025") follows it before
    that end: the subject of a programme may hold commas.
    """
    hard = clause_end(text, word_end, 300)
    soft = _NAME_SOFT_STOP.search(text, word_end, hard)
    end = soft.start() if soft else hard
    comma = text.find(",", word_end, end)
    if comma != -1 and not (PERIOD.search(text, comma, end) or HORIZON.search(text, comma, end)):
        end = comma
    while end > 0 and text[end - 1] in " ,-–":  # len(text[:end].rstrip(" ,-–")), without the copy
        end -= 1
    return end
