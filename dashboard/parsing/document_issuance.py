"""A sentence that issues a document dates it ("Ngày 26-1-2022, Bộ Chính trị ban hành Nghị quyết …").

A step of the documents stage (``documents.find``), after ``document_tails`` has read
what follows each mention. The press dates an issue in two ways: after the symbol
("08-NQ/TW ngày 26-1-2022", read by the tail) or at the head of the sentence whose verb
issues the document. The events stage makes no event of the second form (its verb is
in ``not_events``: the date is the document's, not a happening's), so without this step
the date was read by neither stage and lost.

Only the plain shape is read: the day, a comma, an optional "tại …," place, the body
that issues (at most ``_MAX_WHO`` characters, no sentence punctuation), an optional
"đã / vừa / mới / cũng / chính thức", then the verb right before the mention: "ban hành", "ký ban
hành", "phê duyệt", or "ký" before a numbered document ("đã ký Quyết định số 1526/QĐ-TTg";
a programme that is signed, "ký Chương trình phối hợp …", has its signing as an event). The
body becomes the issuer when it is one known organisation and the symbol does not already
name one (a "-NQ/TW" symbol leaves the choice of the Party's central body to the prose). A
document named between the day and the verb owns the verb ("Sáng 5-3, Bộ tổ chức công bố
Quyết định số … về việc phê duyệt Đề án X": the scheme was approved by that decision, on
another day).

A mention with a day of its own keeps it. One whose symbol gives only the year
("16/2025/NĐ-CP") takes the day when it falls in that year. A day counted from the text's
previous day ("Cùng ngày", basis "inferred") dates no document without a year of its own: the
previous day may be another story's (held-out 004: the law's vote a year earlier).
"""
from __future__ import annotations

import re

from . import organisations
from ..spans import ByStart

#: The issuing verb, ending right where the mention starts ("ký ban hành ", "phê duyệt ").
_VERB = re.compile(r"(?<!\w)(?:(?:đã|vừa|mới|cũng|chính thức)\s+)*"
                   r"(?:(?:ký\s+)?(?:ban hành|phê duyệt)|(?P<signs>ký))\s+$", re.IGNORECASE)
#: From the end of the date to the verb: "), tại Hà Nội, Bộ Chính trị " (the body in group "who").
_BETWEEN = re.compile(r"\)?\s*,\s*(?:tại\s+[^,.;:!?\n]{1,50},\s*)?(?P<who>[^.;:!?\n]{0,120}?)\s*$", re.IGNORECASE)
#: How far before the verb the date may end: the body and a place fit in it.
_MAX_WHO = 180


def date_issues(text: str, mentions, dates) -> None:
    """Give each mention with no issue date of its own the day of a sentence that issues it."""
    # The verb right before the mention: the test that almost every mention stops at, done first.
    candidates = []
    for mn in mentions:
        if mn.issued is not None and len(mn.issued) > 4:
            continue  # a day of its own; a year (from "16/2025/NĐ-CP") may still get its day
        lo = max(0, mn.start - 40)
        if text.find("ban hành", lo, mn.start) < 0 and text.find("phê duyệt", lo, mn.start) < 0 \
                and text.find("ký", lo, mn.start) < 0:
            continue
        verb = _VERB.search(text, lo, mn.start)
        if verb is None or (verb.group("signs") and mn.family[0] not in ("sym", "num")):
            continue  # "ký Quyết định số …" issues it; "ký Chương trình phối hợp" is a signing
        candidates.append((mn, verb.start()))
    days = [d for d in dates if d.role == "point" and d.value is not None and d.value.precision == "day"]
    if not candidates or not days:
        return
    by_end = ByStart(d.evidence.end for d in days)  # ends, kept sorted like starts
    ends = [d.evidence.end for d in days]
    starts = ByStart(mn.start for mn in mentions)
    for mn, verb_start in candidates:
        near = list(by_end.between(verb_start - _MAX_WHO, verb_start))
        if not near:
            continue
        day = days[max(near, key=lambda i: ends[i])]  # the last day before the verb, and only that one
        if mn.issued is not None and not day.value.start.startswith(mn.issued):
            continue  # not in the year its symbol gives: "Cùng ngày" counted from another day of the text
        if mn.issued is None and day.value.basis == "inferred":
            continue  # "Cùng ngày", "hôm sau": counted from the text's previous day, which may be another story's
        between = _BETWEEN.fullmatch(text, day.evidence.end, verb_start)
        if between is None or starts.between(day.evidence.end, verb_start, include_hi=False):
            continue  # another document owns the verb: "công bố Quyết định … về việc phê duyệt …"
        mn.issued = day.value.start
        who = between.group("who")
        if who and (mn.issuer is None or mn.tw):
            org = organisations.match_at(text, between.start("who"))
            if org is not None and org.end == between.end("who"):
                mn.issuer = org.name
