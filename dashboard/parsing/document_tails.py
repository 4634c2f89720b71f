"""Reading what follows a numbered document mention: issue date, issuer, subject, horizon, period.

A step of the documents stage (``documents.find``): after "Nghị quyết số
08-NQ/TW" come, in some order and inside its clause, "ngày 26-1-2022" (or the
dates stage's issue date there), "của Bộ Chính trị", "về chiến lược …",
"đến năm 2030", "giai đoạn 2021-2025". ``read_tail`` reads them into a ``Tail``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import document_patterns as P
from . import organisations
from ..spans import ByStart

# "(ngày 26-1-2022)": the press sometimes brackets the issue date.
_DATE_DMY = re.compile(r",? ?\(?(?:ban hành )?(?:ngày )(\d{1,2}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{4})(?!\d)\)?")
_DATE_WORDS = re.compile(r",? ?\(?(?:ban hành )?ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})\)?")
_YEAR_ONLY = re.compile(r",? (?:ban hành |được ban hành |)năm ((?:19|20)\d\d)(?!\d)")
_OF = re.compile(r",? ?(?:của|do) ")
_ABOUT = re.compile(r",? ?(?:[“\"] ?)?(?i:về) ")
_SUBJECT_ENDS = ("tầm nhìn", "đến năm", "giai đoạn", "và những năm tiếp theo", "trong giai đoạn", "“", "”", '"')
_SUBJECT_VERBS = r"(?:nhằm|đã|được|là|để|và các|cũng như) "
# What ends a subject: ",? ?(?:<end>)" or ",? <verb> ", each alternative opening with a literal so that ``re``
# skips to those letters (the start, all that is read, is the same as for the shorter pattern).
_SUBJECT_END = re.compile("|".join([", ?(?:" + "|".join(_SUBJECT_ENDS) + ")", " (?:" + "|".join(_SUBJECT_ENDS) + ")",
                                    *_SUBJECT_ENDS, ", " + _SUBJECT_VERBS, " " + _SUBJECT_VERBS]))
#: Any of the five patterns ``read_tail`` tries in turn.
_TAIL_START = re.compile("|".join(f"(?:{rx.pattern})" for rx in (_DATE_DMY, _DATE_WORDS, _YEAR_ONLY, _OF, _ABOUT)))
_NEXT_YEARS = re.compile(r"và những năm tiếp theo")


def issue_date(day: str, month: str, year: str) -> str | None:
    """ISO date, or None for an impossible one (31-02-2023 is dropped, not guessed)."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


@dataclass
class Tail:
    end: int
    issued: str | None = None
    issuer: str | None = None
    subject: str | None = None
    horizon: str | None = None
    period: str | None = None


class IssueDates:
    """The dates stage's issue dates (role "issue", with a value), looked up by where they start."""

    def __init__(self, dates) -> None:
        self.dates = [d for d in dates if d.role == "issue" and d.value is not None]
        self.by_start = ByStart(d.evidence.start for d in self.dates)

    def first(self, lo: int, hi: int, stop: int):
        """The first in the list's order starting in [lo, hi] and before ``stop``, else None:
        what a scan of the whole list finds, without one (quadratic on a text of megabytes)."""
        return next((self.dates[i] for i in self.by_start.between(lo, hi) if self.dates[i].evidence.start < stop),
                    None)


def read_tail(text: str, pos: int, stop: int, issues: IssueDates) -> Tail:
    """Issue date, issuer, subject, horizon and period after a mention, up to ``stop``.

    ``issues`` are the dates stage's issue dates; one starting right here gives the
    issue date, else "ngày 26-1-2022" is read directly.
    """
    tail = Tail(end=pos)
    cur = pos
    for _ in range(4):
        issue = issues.first(cur, cur + 12, stop)
        if (issue is None or tail.issued is not None) and not _TAIL_START.match(text, cur, stop):
            break  # none of the patterns below matches here: the one test instead of five
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
    h, v, p = P.HORIZON.search(region), P.VISION.search(region), P.PERIOD.search(region)
    if h or v:
        tail.horizon = (h or v).group(1)
    tail.period = P.period_of(p)
    ends = [cur] + [pos + x.end() for x in (h, v, p) if x]
    nxt = _NEXT_YEARS.match(text, max(ends) + 1)
    tail.end = nxt.end() if nxt else max(ends)
    return tail


#: After a comma, what opens the sentence's main clause rather than the subject's next item: a capitalised
#: word ("Đảng ủy Quân chủng đã ban hành"), a plural noun phrase ("các bộ, ngành phải coi") or a time phrase
#: ("từ năm 2020 đến nay, Quân khu đã tham mưu") ...
_CLAUSE_OPENERS = ("các ", "những ", "từ năm ", "từ đó", "thời gian", "năm ", "đến nay")
#: ... when a verb marker follows within _CLAUSE_REACH characters. A lower-case item ("công nghiệp quốc phòng,
#: an ninh", "khoa học, công nghệ") is not an opener, whatever follows it.
_CLAUSE_VERB = re.compile(r" (?:đã|đang|sẽ|phải|cần|được|là) ")
_CLAUSE_REACH = 40


def _subject_stop(text: str, start: int, end: int) -> int:
    """A subject ends at a comma before an organisation that starts the next clause
    ("về Chiến lược bảo vệ Tổ quốc trong tình hình mới, Quân ủy Trung ương đã ..."), or before
    another opening of a main clause (``_CLAUSE_OPENERS``) that a verb soon follows."""
    comma = text.find(", ", start, end)
    while comma != -1:
        at = comma + 2
        if organisations.match_at(text, at) is not None:
            return comma
        if (at < len(text) and text[at].isupper() or text.startswith(_CLAUSE_OPENERS, at)) \
                and _CLAUSE_VERB.search(text, at, P.clause_end(text, at, _CLAUSE_REACH)):
            return comma
        comma = text.find(", ", comma + 2, end)
    return end
