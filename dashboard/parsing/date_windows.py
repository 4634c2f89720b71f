"""Where the dates stage looks: anchor windows, and where in them each pattern can match.

Every date expression holds a digit or one of a few digit-free phrases ("sáng nay",
"nửa đầu năm", "những năm tiếp theo"): ``Plan`` cuts the text into merged windows
around these anchors (``date_patterns.ANCHOR_WORDS``, ``ANCHOR_BEFORE``/``AFTER``),
and ``Plan.matches`` gives exactly what ``pattern.finditer`` over each window gives,
for less work, using the tests of ``date_gates``:

- a pattern runs only in windows that pass its gate (a digit shape, its words);
- a day or year pattern (``JUMPS``) is tried only at the word starts between a digit run
  it can be built on and the opener characters before that run;
- a pattern that starts with one of a few words (``LEADS``) is tried only where they stand.

Word look-ups in the lower-cased text agree with the patterns' ``re.IGNORECASE``
letter for letter except on "İ" (lower-cases to two characters, shifting offsets),
"ı" and "ſ" (the regex engine folds them to i and s); the digit runs miss non-ASCII
digits, which ``\\d`` matches. A text holding any of these ("not plain") is searched
as before those tests: every pattern over every window whose lower-case text holds
the pattern's ``needs`` word (``date_patterns.PATTERNS``).
"""
from __future__ import annotations

import re

from . import date_gates as G
from .date_patterns import ANAPHORIC_DAY, ANCHOR_AFTER, ANCHOR_BEFORE, ANCHOR_WORDS, PATTERNS
from .scan import case_safe

#: Digit runs; an ASCII run is an anchor. Each match is a run of ASCII digits or a run
#: of other digits, so a non-ASCII digit shows up as a match of its own.
_RUNS = re.compile(r"\d(?:(?<=[0-9])[0-9]*|[^\D0-9]*)")
_SEPARATORS = ("-", "/", ".")
_CENTURIES = ("19", "20")
#: Index of ``ANAPHORIC_DAY`` for ``Plan.matches`` (after those of ``PATTERNS``).
ANAPHORIC = len(PATTERNS)
_NAMES = list(G.GATES)
_REGEXES = [pattern for _name, pattern, _kind, _needs in PATTERNS] + [ANAPHORIC_DAY]
_NEEDS = [needs for _name, _pattern, _kind, needs in PATTERNS] + [""]
_JUMPS = [G.JUMPS.get(name) for name in _NAMES]
_LEADS = [G.LEADS.get(name) for name in _NAMES]
#: Where a match may start: an opening bracket, or a word character after a non-word one.
_STARTS = re.compile(r"\(|(?<!\w)\w")

#: Two-word anchors sharing a last word ("sáng nay", "chiều nay", "năm nay"): one
#: search for " nay", then a look at the word before it, instead of one search each.
_TAILS: dict[str, list[str]] = {}
for _word in ANCHOR_WORDS:
    if " " in _word:
        _head, _tail = _word.rsplit(" ", 1)
        _TAILS.setdefault(" " + _tail, []).append(_head)
_SHARED_TAILS = tuple((tail, tuple(heads)) for tail, heads in _TAILS.items() if len(heads) > 1)
_SINGLE_WORDS = tuple(w for w in ANCHOR_WORDS if " " not in w or len(_TAILS[" " + w.rsplit(" ", 1)[1]]) == 1)


class Plan:
    """The anchor windows of one text (``windows``) and, per pattern, the windows that
    pass its gate, with their digit runs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = lower = text.lower()
        self.plain = case_safe(text)  # (it rejects "İ", the one letter lower() makes two)
        merged = self._merge(self._anchors())
        self.windows = [(w[0], w[1]) for w in merged]
        self.allowed: list[list] = [[] for _ in _NAMES]
        if not self.plain:
            for i, needs in enumerate(_NEEDS):
                self.allowed[i] = [(s, e, None) for s, e in self.windows if needs in text[s:e].lower()]
            return
        for window in merged:
            low = lower[window[0]:window[1]]
            bits, checked = window[G.BITS], 0
            while todo := G.next_words(bits, checked):
                for word, bit in todo:
                    checked |= bit
                    if word in low:
                        bits |= bit
            for i in G.admitted(bits):
                self.allowed[i].append((window[0], window[1], window))

    def _anchors(self) -> list[tuple[int, int, int | None]]:
        """(start, end, digit shape) of the digit runs, (start, end, None) of the anchor words; sorted."""
        text, anchors = self.text, []
        for m in _RUNS.finditer(text):
            start, end = m.span()
            if text[start] > "9":
                self.plain = False  # a non-ASCII digit: no anchor, and no digit gates
            elif end - start > 2:
                anchors.append((start, end, G.YEAR_SHAPE if text.startswith(_CENTURIES, start) else 0))
            elif text[end:end + 1] in _SEPARATORS and text[end + 1:end + 2].isdecimal():
                anchors.append((start, end, G.DAY_MONTH))
            else:
                anchors.append((start, end, 0))
        anchors.extend(_word_anchors(self.lower))
        anchors.sort()
        return anchors

    def _merge(self, anchors) -> list[list]:
        """Window records [start, end, bits, short runs, day-month runs, year runs]."""
        merged: list[list] = []
        size, last_end, window = len(self.text), -1, None
        for a_start, a_end, shape in anchors:
            s = a_start - ANCHOR_BEFORE if a_start > ANCHOR_BEFORE else 0
            e = a_end + ANCHOR_AFTER if a_end + ANCHOR_AFTER < size else size
            if s > last_end:
                window = [s, e, 0, [], [], []]
                merged.append(window)
                last_end = e
            elif e > last_end:
                window[1] = last_end = e
            if shape is None:
                continue
            window[G.BITS] |= shape
            if a_end - a_start <= 2:
                window[G.SHORT].append((a_start, a_end))
                if shape:
                    window[G.DAY_MONTHS].append((a_start, a_end))
            elif shape:
                window[G.YEARS].append((a_start, a_end))
        return merged

    def matches(self, index: int):
        """The matches of pattern ``index`` (of ``PATTERNS``, or ``ANAPHORIC``), window by window,
        exactly as ``finditer`` over each anchor window finds them."""
        pattern, jump, leads = _REGEXES[index], _JUMPS[index], _LEADS[index]
        for ws, we, window in self.allowed[index]:
            if window is None or (jump is None and leads is None):
                yield from pattern.finditer(self.text, ws, we)
            elif jump is not None:
                yield from self._jumping(pattern, jump, ws, we, window[jump.runs])
            else:
                yield from self._leading(pattern, leads, ws, we)

    def _jumping(self, pattern: re.Pattern, jump: G.Jump, ws: int, we: int, runs):
        text, lower = self.text, self.lower
        pos = tried = ws  # the next match starts at pos or later; [pos, tried) failed
        for run_start, run_end in runs:
            if run_start < pos or (jump.follow is not None and not jump.follow.match(text, run_end)):
                continue
            if jump.before is not None:
                word_end = run_start
                while word_end > ws and lower[word_end - 1].isspace():
                    word_end -= 1
                if word_end == run_start or not lower.endswith(jump.before, ws, word_end):
                    continue
            # A match built on this run starts in the stretch of opener characters before
            # it, so none starts before the stretch of the first run that can hold one.
            lo = max(pos, tried, self._stretch(ws, run_start, jump.chars))
            for start in _STARTS.finditer(text, lo, run_start + 1):
                m = pattern.match(text, start.start(), we)
                if m:
                    yield m
                    pos = m.end()
                    break
            tried = run_start + 1

    def _leading(self, pattern: re.Pattern, leads: tuple[str, ...], ws: int, we: int):
        starts = []
        for word in leads:
            at = self.lower.find(word, ws, we)
            while at >= 0:
                starts.append(at)
                at = self.lower.find(word, at + 1, we)
        pos = ws
        for start in sorted(starts):
            if start >= pos and (m := pattern.match(self.text, start, we)):
                yield m
                pos = m.end()

    def _stretch(self, lo: int, end: int, chars: str) -> int:
        """Start of the run of ``chars`` (in the lower-cased text) that ends at ``end``, from ``lo`` on.

        Walks back from ``end`` (what ``lower[lo:end].rstrip(chars)`` leaves, without copying
        the window: windows merge, and one holding a whole table of dates made this quadratic)."""
        lower, start = self.lower, end
        while start > lo and lower[start - 1] in chars:
            start -= 1
        while start > lo and lower[start - 1].isspace():  # a space missing from SPACES
            start -= 1
            while start > lo and lower[start - 1] in chars:
                start -= 1
        return start


def _word_anchors(lower: str) -> list[tuple[int, int, None]]:
    """(start, end, None) of every occurrence of an anchor word (overlapping ones too)."""
    found = []
    for word in _SINGLE_WORDS:
        at = lower.find(word)
        while at >= 0:
            found.append((at, at + len(word), None))
            at = lower.find(word, at + 1)
    for tail, heads in _SHARED_TAILS:
        at = lower.find(tail)
        while at >= 0:
            if lower.endswith(heads, 0, at):  # (mostly not: "thông qua", "hiện nay")
                for head in heads:
                    if at >= len(head) and lower.startswith(head, at - len(head)):
                        found.append((at - len(head), at + len(tail), None))
            at = lower.find(tail, at + 1)
    return found
