"""Who and what an event involves: organisations, documents and people near its sentence.

Used by the events stage. An organisation counts when a mention lies in the
sentence and is not a person's affiliation ("Thứ trưởng Bộ Quốc phòng") or the
issuer of a cited document ("... của Quân ủy Trung ương"); documents and
people count by their mentions in the sentence (people: in the lead's
paragraph, which names who attended).
"""
from __future__ import annotations

import re

from ..vocab import load
from .state import ParseState


def _phrases(words) -> str:
    ordered = sorted(words, key=len, reverse=True)  # longest phrase wins at a position
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


#: A title right before an organisation ("Thứ trưởng Bộ Quốc phòng", "Ủy viên Bộ Chính
#: trị") makes it a person's affiliation, not a participant; so is the abbreviation
#: in brackets after such a name ("Thứ trưởng Bộ Quốc phòng (BQP)").
AFFILIATION = re.compile(
    rf"(?<!\w)(?:{_phrases(load('event_kinds_vi.json')['affiliation_titles'])})\s+(?:[^,;().]{{1,60}}\(\s*)?$", re.IGNORECASE
)
#: "806-NQ/QUTW ngày 31-12-2013 của Quân ủy Trung ương": the issuer of a citation.
CITED_ISSUER = re.compile(r"(?:\d+[-/][A-ZĐ][\w\-/]*|\bsố\s+\d+\S*)(?:\s+ngày\s+[\d\-/.]+)?\s+của\s+$")


def _within(spans, sent) -> int | None:
    """Offset of the first span inside the sentence, or None."""
    hits = [ev.start for ev in spans if sent[0] <= ev.start and ev.end <= sent[1]]
    return min(hits) if hits else None


def organisations(state: ParseState, sent) -> tuple[str, ...]:
    found = []
    # An issuer inside a cited document ("... của Quân ủy Trung ương") takes no part.
    cited = [ev for doc in state.documents for ev in (doc.evidence, *doc.mentions)]
    for org in state.organisations:
        spans = [
            ev for ev in org.mentions
            if not AFFILIATION.search(before := state.text[max(0, ev.start - 80):ev.start])
            and not CITED_ISSUER.search(before)
            and not any(c.start <= ev.start and ev.end <= c.end for c in cited)
        ]
        if (pos := _within(spans, sent)) is not None:
            found.append((pos, org.name))
    return tuple(name for _pos, name in sorted(found))


def documents(state: ParseState, sent) -> tuple[str, ...]:
    found = []
    for doc in state.documents:
        if (pos := _within((doc.evidence, *doc.mentions), sent)) is not None:
            found.append((pos, doc.key))
    return tuple(dict.fromkeys(key for _pos, key in sorted(found)))


def people(state: ParseState, sent) -> tuple[str, ...]:
    found = [(pos, p.name) for p in state.people if (pos := _within(p.mentions, sent)) is not None]
    return tuple(name for _pos, name in sorted(found))


def paragraph(text: str, sent) -> tuple[int, int]:
    start = text.rfind("\n", 0, sent[0]) + 1
    end = text.find("\n", sent[1])
    return start, len(text) if end < 0 else end
