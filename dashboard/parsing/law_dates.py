"""Pipeline stage 'law dates': a law's issue date is the day the National Assembly passed it.

Reads ``state.events`` (kind "law_passed") and ``state.documents``; replaces,
in ``state.documents``, the issue date of each law or ordinance that a passing
event names in its sentence when the event's date is more precise than what
the document has: "Luật ... số 38/2024/QH15, được Quốc hội khóa XV thông qua
ngày 27/6/2024" gives 38/2024/QH15 the issue date 2024-06-27 instead of the
symbol's year. A date of another year than the symbol's is not taken (the
sentence then passes some other law).
"""
from __future__ import annotations

from dataclasses import replace

from .state import ParseState

LAW_KINDS = ("law", "ordinance")
#: Precision order: a date replaces an issue date only when it says more.
_RANK = {"year": 1, "half": 2, "quarter": 2, "month": 3, "day": 4}


def _rank(iso: str | None) -> int:
    return 0 if not iso else {1: 1, 2: 3, 3: 4}[len(iso.split("-"))]


def run(state: ParseState) -> None:
    for ev in state.events:
        if ev.kind != "law_passed" or ev.date.end is not None or ev.date.precision not in ("day", "month"):
            continue
        for i, doc in enumerate(state.documents):
            if doc.kind not in LAW_KINDS or doc.key not in ev.documents:
                continue
            if doc.issued and doc.issued[:4] != ev.date.start[:4]:
                continue
            if _RANK[ev.date.precision] > _rank(doc.issued):
                state.documents[i] = replace(doc, issued=ev.date.start)
