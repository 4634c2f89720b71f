"""Joining and dropping document mentions before they are linked into documents.

Helpers of the documents stage (``documents.find``); they work on its mutable
mention records (start, end, kind, family, symbol, name, subject, issued):

- ``attach_law_symbols``: "Luật X số 38/2024/QH15", "Luật X năm 2024 (Luật số
  38/2024/QH15)", "Luật X - Luật số 38/2024/QH15": the named law and its symbol
  are one mention;
- ``name_symbol_laws``: "Luật số 38/2024/QH15 về Công nghiệp quốc phòng, ..." is
  the "Luật Công nghiệp quốc phòng, ..." named elsewhere; an article that names
  one law and cites one law symbol without a name means the same law;
- ``drop_contained``: a strategy named in a resolution's subject, or a plan
  "ban hành kèm theo Quyết định số ...", is part of that document, not another one.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter

from .document_patterns import fold_key

#: What may stand between a law's name and its symbol (the symbol's own "Luật số " is in its span).
LAW_SYMBOL_GAP = re.compile(r"[\s,]*(?:năm \d{4})?[\s,]*[(\-–—:]?\s*(?:(?:Luật|Pháp lệnh|Bộ luật) )?(?:số:? ?)?")
_LAW_KINDS = ("law", "ordinance")
#: A named plan or programme followed by "ban hành kèm theo" and a symbol: an annex of that document.
ATTACHED = re.compile(r"[^.;\n]{0,200}?(?:được )?ban hành kèm theo $")
#: More than the longest text ATTACHED matches (200 + "được ban hành kèm theo ").
_ATTACHED_REACH = 240
#: How far before a numbered mention's end its subject may start (the subject is its tail).
_SUBJECT_SLACK = 40


def _is_law_symbol(mn) -> bool:
    return mn.family[0] == "sym" and mn.kind in _LAW_KINDS


def attach_law_symbols(text: str, mentions: list) -> None:
    for a, b in zip(mentions, mentions[1:]):
        if a.family[0] == "law" and b.symbol and 0 <= b.start - a.end <= 40 \
                and LAW_SYMBOL_GAP.fullmatch(text, a.end, b.start):
            b.name, b.kind, b.start = a.name, a.kind, a.start
            a.family = ("dropped",)
    mentions[:] = [mn for mn in mentions if mn.family != ("dropped",)]


def name_symbol_laws(mentions: list) -> None:
    """Give nameless law symbols the law's name (read after the tails: needs subjects)."""
    for mn in mentions:
        if _is_law_symbol(mn) and mn.name is None and mn.subject and mn.subject[0].isupper():
            word = "Pháp lệnh" if mn.kind == "ordinance" else "Luật"
            mn.name = f"{word} {mn.subject}"
    nameless = {mn.symbol for mn in mentions if _is_law_symbol(mn) and mn.name is None}
    named = {fold_key(mn.name): mn for mn in mentions if mn.family[0] == "law"}
    if len(nameless) != 1 or len(named) != 1:
        return  # several candidates: the article does not say which is which
    law = next(iter(named.values()))
    symbol = next(iter(nameless))
    if law.issued and law.issued[:4] != symbol.split("/")[1]:
        return
    for mn in mentions:
        if mn.symbol == symbol:
            mn.name = law.name


def drop_contained(text: str, mentions: list) -> None:
    numbered = sorted((mn for mn in mentions if mn.family[0] != "named"), key=attrgetter("start"))
    # Only numbered mentions near a named one can hold it (those starting further back end before
    # it) or follow it within ATTACHED's reach: a text of megabytes tests a few, not all of them.
    starts = [o.start for o in numbered]
    longest = max((o.end - o.start for o in numbered), default=0)
    keep = []
    for mn in mentions:
        if mn.family[0] == "named":
            near = numbered[bisect_left(starts, mn.start - longest):bisect_right(starts, mn.start + _ATTACHED_REACH)]
            if any(o.start < mn.start < o.end and o.subject
                   and mn.start >= o.end - len(o.subject) - _SUBJECT_SLACK for o in near):
                continue
            if any(o.symbol and mn.start < o.start and ATTACHED.fullmatch(text, mn.start, o.start) for o in near):
                continue
        keep.append(mn)
    mentions[:] = keep
