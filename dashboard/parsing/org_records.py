"""Merging an article's organisation mentions into ``model.Organisation`` records.

The last step of the organisations stage (``organisations.find``): mentions of
one body under different written forms ("Tổng cục Công nghiệp Quốc phòng",
"Tổng cục CNQP") share the merge key ``org_vocab.key``; a Party committee's
mention also counts for the body it belongs to. Each record carries the table's
canonical name, English name and abbreviations, plus the ones the article defined.
"""
from __future__ import annotations

from operator import attrgetter

from ..model import Evidence, Organisation
from .org_vocab import key, lookup

_START = attrgetter("start")


def collect(text: str, found: list, org_abbr: dict[str, str], tail_abbr: dict[str, str],
            excluded=()) -> list[Organisation]:
    """One ``Organisation`` per body of ``found`` (mentions with start, end, name and the
    body they belong to, ``inner``), in order of first mention; mentions overlapping an
    ``excluded`` span are dropped. ``org_abbr``/``tail_abbr``: abbreviations the article
    defines for a body ("(QUTƯ)") or for the words after a head ("(CNQP)")."""
    merged: dict[str, dict] = {}
    flat = []
    for f in sorted(found, key=_START):
        flat.append(f)
        if f.inner is not None:
            flat.append(f.inner)
    for f in flat:
        if excluded and any(s < f.end and f.start < e for s, e in excluded):
            continue
        k = key(f.name)
        slot = merged.get(k)
        if slot is None:
            slot = merged[k] = {"name": f.name, "mentions": [], "abbr": []}
        slot["mentions"].append(Evidence(f.start, f.end, text[f.start:f.end]))
    for abbr, name in org_abbr.items():
        if key(name) in merged:
            merged[key(name)]["abbr"].append(abbr)
    for abbr, tail in tail_abbr.items():
        for slot in merged.values():
            if key(slot["name"]).endswith(key(tail)):
                slot["abbr"].append(abbr)
    out = []
    for slot in merged.values():
        entry = lookup(slot["name"])
        abbrs = list(entry.abbreviations) if entry else []
        abbrs += [a for a in slot["abbr"] if a not in abbrs]
        out.append(Organisation(name=entry.name if entry else slot["name"], abbreviations=tuple(abbrs),
                                name_en=entry.name_en if entry else None, mentions=tuple(slot["mentions"])))
    return out
