"""Sentence and clause spans over the normalised text (offsets only, no copies).

Vietnamese news prose ends sentences with ".", "!", "?" or "…" followed by a
space and a capital letter, a quote or a digit; a line break always ends one.
Abbreviations with inner dots ("T.Ư", "TP.HCM") have no space after the dot,
so they do not split.
"""
from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]+")
# End of a sentence: punctuation, spaces, then something that can start one.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")
_CLAUSE_END = re.compile(r"[,;:]\s+")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, stripped of outer spaces."""
    end = len(text) if end is None else end
    spans = []
    for line in _LINE.finditer(text, start, end):
        s = line.start()
        for cut in _SENTENCE_END.finditer(text, line.start(), line.end()):
            spans.append(_strip(text, s, cut.start()))
            s = cut.end()
        spans.append(_strip(text, s, line.end()))
    return [(s, e) for s, e in spans if s < e and text[s:e].strip()]


def clause_of(text: str, sent: tuple[int, int], pos: int) -> tuple[int, int]:
    """The clause of sentence ``sent`` (split at , ; :) that holds offset ``pos``."""
    s, e = sent
    for cut in _CLAUSE_END.finditer(text, sent[0], sent[1]):
        if cut.end() <= pos:
            s = cut.end()
        elif cut.start() >= pos:
            e = cut.start()
            break
    return s, e


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
