"""Sentence and clause spans over the normalised text (offsets only, no copies).

Vietnamese news prose ends sentences with ".", "!", "?" or "…" followed by a
space and a capital letter, a quote or a digit; a line break always ends one.
Abbreviations with inner dots ("T.Ư", "TP.HCM") have no space after the dot,
so they do not split.
"""
from __future__ import annotations

import re

# End of a sentence: punctuation, closing quotes, spaces, then something that can start one.
# The match opens with the punctuation (not a look-behind for it) so that ``re`` skips
# ahead to those few characters instead of trying the pattern at every offset; the
# sentence ends just after it.
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")
_AFTER_PUNCTUATION = re.compile(r"[\"”’)]*\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")  # the same, its punctuation before ``start``
_CLAUSE_END = re.compile(r"[,;:]\s+")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, stripped of outer spaces."""
    end = len(text) if end is None else end
    spans = []
    while start < end:
        line_end = text.find("\n", start, end)
        line_end = end if line_end < 0 else line_end
        s = start
        if start and text[start - 1] in ".!?…" and (cut := _AFTER_PUNCTUATION.match(text, start, line_end)):
            s = cut.end()  # a sentence ends right at ``start``: the text before it is not ours
        for cut in _SENTENCE_END.finditer(text, s, line_end):
            spans.append(_strip(text, s, cut.start() + 1))
            s = cut.end()
        spans.append(_strip(text, s, line_end))
        start = line_end + 1
    return [(s, e) for s, e in spans if s < e]  # _strip leaves s < e only before a non-space


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
