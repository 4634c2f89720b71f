"""Patterns for policy-document mentions, and the reading of what follows them.

Named regex constants for the document stage (``documents.py``), built once from
``dashboard/vocab/document_codes.json``:

- ``PARTY_SYMBOL`` "08-NQ/TW"; ``STATE_SYMBOL`` "30/2020/NĐ-CP"; ``LAW_SYMBOL``
  "38/2024/QH15"; ``SHORT_SYMBOL`` "366/QĐ-BQP", which is also the press's
  reversed Party form ("520/NQ-QUTW") when the issuer code is a Party body;
- ``NUMBER_ONLY`` "Nghị quyết số 06", ``PLENUM`` "Nghị quyết Trung ương 8",
  ``NAMED`` "Chương trình …", "Kế hoạch …", "Đề án …", "Chiến lược …", ``LAW_NAME``;
- ``law_name`` reads an unseen law's name ("Luật Phòng thủ dân sự");
- ``read_tail`` reads the issue date, issuer ("của …"), subject ("về …"),
  horizon and period that follow a mention, inside its clause.

Every symbol pattern is anchored so that its digits are never read as a date
elsewhere: "15/2015/NĐ-CP" is one token, not 15 February 2015.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import vocab
from . import organisations
from ..text import fold

CODES = vocab.load("document_codes.json")
TYPES: dict[str, str] = CODES["types"]
ISSUERS: dict[str, dict] = CODES["issuers"]
TYPE_WORDS: dict[str, str] = CODES["type_words"]
TW_BODIES: tuple[str, ...] = tuple(CODES["tw_bodies"])
NAMED_LAWS: dict[str, str] = CODES["named_laws"]

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
NAMED = re.compile(r"(?=[CKĐck])(?<!\w)(?<!Bộ )(?<!Cục )(?<!Vụ )(?<!Sở )(?<!Ban )(?<!Viện )(Chương trình|Kế hoạch|Đề án|Chiến lược|chương trình (?:phối hợp|hành động)"
                   r"|kế hoạch phối hợp)(?!\w)")
SIGNED_WORDS: dict[str, str] = {k: v for k, v in CODES["signed_words"].items() if not k.startswith("_")}
_SIGNED_ALT = "|".join(re.escape(w) for w in sorted(SIGNED_WORDS, key=len, reverse=True))
#: A document two parties sign: after a signing verb ("ký kết Quy chế phối hợp ...",
#: "ký thỏa thuận hợp tác"), capitalised mid-sentence ("triển khai Bản ghi nhớ hợp tác"),
#: or the coordination rules themselves ("Quy chế phối hợp"). Group "w" is the type word.
SIGNED = re.compile(r"(?=[kKlLqQTBH])(?:(?<!\w)(?i:ký(?: kết)?|lễ ký)(?: (?i:bản|các|văn bản))? (?P<w>(?i:" + _SIGNED_ALT + r"))"
                    r"|(?<=[\w,] )(?P<cap>(?:" + "|".join(w[0].upper() + re.escape(w[1:]) for w in SIGNED_WORDS if w != "quy chế")
                    + r"))|(?<!\w)(?P<qc>[Qq]uy chế phối hợp))(?!\w)")
LAW_NAME = re.compile(r"(?=[BLP])(?<!\w)(?:Bộ luật|Luật|Pháp lệnh) (?=[A-ZĐ])")
_KNOWN_LAWS = re.compile(r"(?=[LP])(?<!\w)(?:" + "|".join(
    re.escape(k[0]) + "(?i:" + re.escape(k[1:]) + ")" for k in sorted(NAMED_LAWS, key=len, reverse=True)) + r")(?!\w)")

_CLAUSE_END = re.compile(r"[.;:\n!?](?!\d)|[“”\"(]")
_CLAUSE_END_OPEN_QUOTE = re.compile(r"[.;:\n!?](?!\d)|”")  # a quoted title or "(khóa XI)" may follow
# "(ngày 26-1-2022)": the press sometimes brackets the issue date.
_DATE_DMY = re.compile(r",? ?\(?(?:ban hành )?(?:ngày )(\d{1,2}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{4})(?!\d)\)?")
_DATE_WORDS = re.compile(r",? ?\(?(?:ban hành )?ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})\)?")
_YEAR_ONLY = re.compile(r",? (?:ban hành |được ban hành |)năm ((?:19|20)\d\d)(?!\d)")
_OF = re.compile(r",? ?(?:của|do) ")
_ABOUT = re.compile(r",? ?(?:[“\"] ?)?(?i:về) ")
_SUBJECT_END = re.compile(r",? ?(?:tầm nhìn|đến năm|giai đoạn|và những năm tiếp theo|trong giai đoạn|[“”\"])|"
                          r",? (?:nhằm|đã|được|là|để|và các|cũng như) ")
HORIZON = re.compile(r"(?<!tầm nhìn )đến năm (\d{4})")
VISION = re.compile(r"tầm nhìn (?:đến năm |đến |)(\d{4})")
PERIOD = re.compile(r"(?:giai đoạn|thời kỳ) (?:từ (?:năm )?)?(\d{4}) ?(?:[-–]|đến(?: năm)?) ?(\d{4})|\((\d{4}) ?[-–] ?(\d{4})\)")
_NAME_SOFT_STOP = re.compile(r",? (?:nhằm|đã|được|là|để|do|thì|sẽ|cũng như|với|tại|có|cho|đồng thời|mà|nên|vào|"
                             r"gồm|bao gồm|trong việc|và các|và quy hoạch) |(?<!đăng) ký (?:kết )?(?:năm|tháng|ngày|vào|hồi|từ|giữa|tại)\s")


def period_of(m: re.Match | None) -> str | None:
    """"YYYY-YYYY" from a ``PERIOD`` match; None for a reversed or empty span ("1991-1990")."""
    if m is None:
        return None
    first, last = (g for g in m.groups() if g)
    return f"{first}-{last}" if int(first) < int(last) else None


def kind_of_word(word: str) -> str:
    return TYPE_WORDS.get(word.lower(), "other")


def issue_date(day: str, month: str, year: str) -> str | None:
    """ISO date, or None for an impossible one (31-02-2023 is dropped, not guessed)."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def clause_end(text: str, pos: int, limit: int = 400, quotes: bool = True) -> int:
    """End of the clause from ``pos``; with ``quotes=False`` an opening quote does not end it."""
    rx = _CLAUSE_END if quotes else _CLAUSE_END_OPEN_QUOTE
    m = rx.search(text, pos, min(len(text), pos + limit))
    return m.start() if m else min(len(text), pos + limit)


@dataclass
class Tail:
    end: int
    issued: str | None = None
    issuer: str | None = None
    subject: str | None = None
    horizon: str | None = None
    period: str | None = None


def read_tail(text: str, pos: int, stop: int, dates=()) -> Tail:
    """Issue date, issuer, subject, horizon and period after a mention, up to ``stop``.

    ``dates`` are the dates stage's mentions; one with role "issue" starting
    right here gives the issue date, else "ngày 26-1-2022" is read directly.
    """
    tail = Tail(end=pos)
    cur = pos
    for _ in range(4):
        issue = next((d for d in dates if d.role == "issue" and cur <= d.evidence.start <= cur + 12
                      and d.evidence.start < stop and d.value is not None), None)
        m = _DATE_DMY.match(text, cur, stop) or _DATE_WORDS.match(text, cur, stop)
        if tail.issued is None and issue is not None:
            tail.issued = issue.value.start
            cur = max(issue.evidence.end, m.end() if m else 0)
            continue
        if tail.issued is None and m:
            tail.issued = issue_date(*m.groups())
            cur = m.end()
            continue
        y = _YEAR_ONLY.match(text, cur, stop)
        if tail.issued is None and y:  # "Luật Quốc phòng năm 2018"
            tail.issued, cur = y.group(1), y.end()
            continue
        o = _OF.match(text, cur, stop)
        org = organisations.match_at(text, o.end()) if o else None
        if tail.issuer is None and org is not None:
            tail.issuer, cur = org.name, org.end
            continue
        if o and (about := text.find(" về ", o.end(), stop)) != -1:
            cur = about  # "của Hội nghị Trung ương 8 (khóa XI) về …": the body is not in the table
            continue
        a = _ABOUT.match(text, cur, stop)
        if tail.subject is None and a:
            e = _SUBJECT_END.search(text, a.end(), stop)
            sub_end = _subject_stop(text, a.end(), e.start() if e else stop)
            tail.subject = text[a.end():sub_end].strip(" ,") or None
            cur = sub_end
            continue
        break
    tail.end = cur
    region = text[pos:stop]
    h, v, p = HORIZON.search(region), VISION.search(region), PERIOD.search(region)
    if h or v:
        tail.horizon = (h or v).group(1)
    tail.period = period_of(p)
    ends = [cur] + [pos + x.end() for x in (h, v, p) if x]
    nxt = re.compile(r"và những năm tiếp theo").match(text, max(ends) + 1)
    tail.end = nxt.end() if nxt else max(ends)
    return tail


def _subject_stop(text: str, start: int, end: int) -> int:
    """A subject ends at a comma before an organisation that starts the next clause
    ("về Chiến lược bảo vệ Tổ quốc trong tình hình mới, Quân ủy Trung ương đã ...")."""
    for comma in re.finditer(r", ", text[start:end]):
        if organisations.match_at(text, start + comma.end()) is not None:
            return start + comma.start()
    return end


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


def known_law_at(text: str, pos: int) -> tuple[str, int] | None:
    """(canonical law name, end) when a known law's name starts at ``pos``."""
    m = _KNOWN_LAWS.match(text, pos)
    if not m:
        return None
    for form, canonical in NAMED_LAWS.items():
        if fold(form) == fold(m.group()):
            return canonical, m.end()
    return None


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
    return len(text[:end].rstrip(" ,-–"))
