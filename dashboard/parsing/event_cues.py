"""Event cues: the words of a sentence that name a happening, and of which kind.

Cue phrases and their kinds come from ``dashboard/vocab/event_kinds_vi.json``
(``kinds`` in priority order; exercises rank as a kind of their own just above
"other"). ``find`` gives the cues of one sentence for the events stage, leaving out
false friends ("tiếp tục"), cues inside a document's name and counted ones ("12 hội
nghị"); the passing of a law with words between "Quốc hội" and "thông qua" is a cue
of its own (``LAW_PASSED``). ``may_hold`` is the cheap word test that lets the stage
skip a case-insensitive search.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..spans import Overlaps
from ..vocab import load
from .phrases import word_start_alternation
from .scan import case_safe
from .state import ParseState

VOCAB = load("event_kinds_vi.json")
#: Exercises are reported under the vocabulary's kind for them ("other") but rank, and
#: date by a month or year, as a kind of their own, just above "other".
EXERCISE = "exercise"
_RANKED = [entry["kind"] for entry in VOCAB["kinds"]]
_RANKED.insert(_RANKED.index("other"), EXERCISE)
KIND_PRIORITY = {kind: rank for rank, kind in enumerate(_RANKED)}
_CUE_KIND = {cue: entry["kind"] for entry in VOCAB["kinds"] for cue in entry["cues"]}
_CUE_KIND.update({cue: EXERCISE for cue in VOCAB["exercises"]["cues"]})


# Written to be tried only at their first letters (``phrases.word_start_alternation``): the
# same matches as ``(?<!\w)(?:phrases)(?!\w)`` with ``re.IGNORECASE`` (the longest phrase wins
# at a position), several times faster.
CUES = re.compile(word_start_alternation(_CUE_KIND) + r"(?!\w)")
FALSE_FRIENDS = re.compile(word_start_alternation(VOCAB["false_friends"]) + r"(?!\w)")
#: A count right before a cue: "12 hội nghị", "5 đợt kiểm tra", "nhiều cuộc triển lãm".
COUNTED = re.compile(r"(?<!\w)(?<!thứ )(?:\d+|hàng\s+chục|hàng\s+trăm|nhiều|các|những|hai|ba|bốn)\s+"
                     r"(?:(?:đợt|cuộc|buổi|lần|lễ)\s+)?$", re.IGNORECASE)
#: "được Quốc hội khóa XV thông qua", "Quốc hội khóa XV, kỳ họp thứ 7 đã biểu quyết thông qua":
#: the passing of a law with words between its subject and the verb (the vocabulary's
#: fixed phrases cannot hold the term and the session).
LAW_PASSED = re.compile(
    r"(?=[đq])(?<!\w)(?:được\s+)?Quốc\s+hội(?:\s+khóa\s+[IVXL]+)?(?:,?\s+(?:tại\s+)?kỳ\s+họp\s+(?:thứ\s+)?\w+)?,?"
    r"\s+(?:đã\s+|chính\s+thức\s+)?(?:biểu\s+quyết\s+)?thông\s+qua(?!\s+(?:đó|việc|các|buổi|hoạt\s+động))(?!\w)",
    re.IGNORECASE)


def document_spans(state: ParseState) -> list[tuple[int, int]]:
    """(start, end) of every document mention, sorted: ``find``'s argument ``doc_spans`` (built once per article)."""
    return sorted((ev.start, ev.end) for doc in state.documents for ev in doc.mentions)


def find(state: ParseState, sent: tuple[int, int], doc_spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every cue in the sentence that names one happening.

    Left out: cues inside a false friend ("tiếp tục"), inside a document's name
    ("Nghị quyết Đại hội XIII", "Nghị quyết Hội nghị Trung ương 8") and counted
    ones ("12 hội nghị", "hơn 50 văn bản ... ký kết" summarise a period).
    """
    text = state.text
    friends = [m.span() for m in FALSE_FRIENDS.finditer(text, *sent)]
    # False friends and the documents starting in the sentence; "a cue starts inside one" is a
    # look-up, not a scan (a long sentence holds thousands of documents).
    inside = Overlaps(friends + doc_spans[bisect_left(doc_spans, (sent[0],)):bisect_left(doc_spans, (sent[1],))])
    out = []
    for m in CUES.finditer(text, *sent):
        # A cue that starts before a document's name governs it ("ký Thỏa thuận hợp tác"): kept.
        if inside.hits(m.start(), m.start() + 1) or any(s < m.end() <= e for s, e in friends):
            continue
        if COUNTED.search(text, max(sent[0], m.start() - 20), m.start()):
            continue
        out.append((m.start(), m.end(), _CUE_KIND[" ".join(m.group().lower().split())]))
    if not may_hold(text, sent, ("thông",), ("quốc",)):
        return out  # every LAW_PASSED match holds both words
    for m in LAW_PASSED.finditer(text, *sent):
        if not inside.hits(m.start(), m.start() + 1):
            out = [c for c in out if not (m.start() <= c[0] and c[1] <= m.end())] + [(m.start(), m.end(), "law_passed")]
    return out


def may_hold(text: str, sent, *groups) -> bool:
    """Whether the sentence holds a word of every group, ignoring case: a cheap test before
    a case-insensitive regex search. ``str.lower`` agrees with the regex's case folding
    except on "İ", "ı" and "ſ"; a sentence with one of them may hold anything."""
    piece = text[sent[0]:sent[1]]
    if not case_safe(piece):
        return True
    low = piece.lower()
    return all(any(w in low for w in group) for group in groups)
