"""Overlap tests between (start, end) offset spans, in log time.

``ParseState.is_excluded`` and the dates stage's "already taken" test ask, for each
candidate, whether a span overlaps any of a list (``s < end and start < e``); with a
few dozen spans and a test per regex match, the linear scans added up.
"""
from __future__ import annotations

from bisect import bisect_left
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
