"""Overlap tests between (start, end) offset spans, in log time.

``ParseState.is_excluded`` and the dates stage's "already taken" test ask, for each
candidate, whether a span overlaps any of a list (``s < end and start < e``); with a
few dozen spans and a test per regex match, the linear scans added up, and on a text
of megabytes (tens of thousands of mentions) they were quadratic: the parser and
the article highlighters (``keep_disjoint``) use these instead.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from itertools import accumulate


class Overlaps:
    """A fixed list of spans (any order, overlapping or empty ones too)."""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _e in ordered]
        self.reach = list(accumulate((e for _s, e in ordered), max))  # furthest end so far

    def hits(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps one of the spans (as ``ParseState.is_excluded``)."""
        i = bisect_left(self.starts, end)  # spans [0, i) start before ``end``
        return i > 0 and self.reach[i - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """True when one span holds [start, end) (``any(s <= start and end <= e ...)``)."""
        i = bisect_right(self.starts, start)  # spans [0, i) start at or before ``start``
        return i > 0 and self.reach[i - 1] >= end


class ByStart:
    """The start offsets of a list's items, looked up by range. Answers are positions in the
    list, in list order, so a caller gets exactly what a scan of the list in order gets."""

    def __init__(self, starts) -> None:
        starts = list(starts)
        self.order = sorted(range(len(starts)), key=starts.__getitem__)
        self.sorted = [starts[i] for i in self.order]

    def between(self, lo: int, hi: int, include_hi: bool = True) -> list[int]:
        """Positions, ascending, of the items starting in [lo, hi] (or [lo, hi))."""
        upper = bisect_right if include_hi else bisect_left
        return sorted(self.order[bisect_left(self.sorted, lo):upper(self.sorted, hi)])


class Growing:
    """A growing list of spans that may overlap each other (any order, empty ones too).

    ``hits`` looks only at spans starting less than the longest span's length before
    ``start``: one starting earlier ends before ``start``. A text of megabytes then
    costs a few comparisons per test instead of one per span found so far.
    """

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []  # sorted
        self.longest = 0

    def hits(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps one of the spans (``any(s < end and start < e ...)``)."""
        spans = self.spans
        for i in range(bisect_left(spans, (start - self.longest,)), len(spans)):
            s, e = spans[i]
            if s >= end:
                return False
            if start < e:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)


class Disjoint:
    """A growing set of non-empty spans that never overlap each other: sorted by start,
    they are sorted by end too, so a span overlaps one of them iff it overlaps the last
    one starting before its end."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def hits(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add a non-empty span that ``hits`` nothing."""
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def keep_disjoint(ranked, bounds) -> list:
    """The items of ``ranked`` that overlap no item kept before them, in ``ranked`` order.

    ``bounds(item)`` gives its (start, end). Greedy by rank: the highlighters rank
    by priority or length, so the better of two overlapping spans is the one shown.
    """
    placed, kept = Disjoint(), []
    for item in ranked:
        start, end = bounds(item)
        if not placed.hits(start, end):
            placed.add(start, end)
            kept.append(item)
    return kept
