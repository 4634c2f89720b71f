"""Sentence and clause spans over the normalised text (offsets only, no copies).

Vietnamese news prose ends sentences with ".", "!", "?" or "…" followed by a
space and a capital letter, a quote or a digit; a line break always ends one.
Abbreviations with inner dots ("T.Ư", "TP.HCM") have no space after the dot,
so they do not split.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

# End of a sentence: punctuation, closing quotes, spaces, then something that can start one.
# The match opens with the punctuation (not a look-behind for it) so that ``re`` skips
# ahead to those few characters instead of trying the pattern at every offset; the
# sentence ends just after it.
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")
_AFTER_PUNCTUATION = re.compile(r"[\"”’)]*\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")  # the same, its punctuation before ``start``
_CLAUSE_END = re.compile(r"[,;:]\s+")


class LineBreaks:
    """The text's line breaks, for the line around an offset without a search per question:
    ``text.rfind("\\n", 0, pos)`` runs back to the previous break, which in a text of
    megabytes without one is the whole text, once per date or event."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in _BREAK.finditer(text)]
        self.size = len(text)

    def line_start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``."""
        i = bisect_left(self.breaks, pos)
        return self.breaks[i - 1] + 1 if i else 0

    def line_end(self, pos: int) -> int:
        """``text.find("\\n", pos)``, or the text's length when there is none."""
        i = bisect_left(self.breaks, pos)
        return self.breaks[i] if i < len(self.breaks) else self.size


_BREAK = re.compile("\n")


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
    """The clause of sentence ``sent`` (split at , ; :) that holds offset ``pos``: from the
    end of the last cut ending at or before ``pos`` to the start of the first one at or after it."""
    starts, ends = _clause_cuts(text, sent[0], sent[1])
    i = bisect_right(ends, pos)
    j = bisect_left(starts, pos)
    return (ends[i - 1] if i else sent[0]), (starts[j] if j < len(starts) else sent[1])


@lru_cache(maxsize=16)
def _clause_cuts(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Starts and ends of the sentence's clause cuts, found once per sentence: the events of
    a sentence each ask for their clause (thousands in a one-sentence table of megabytes)."""
    cuts = [m.span() for m in _CLAUSE_END.finditer(text, start, end)]
    return [s for s, _e in cuts], [e for _s, e in cuts]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
