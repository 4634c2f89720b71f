"""Lines that credit the writer or photographer ("Tin, ảnh: SƠN BÌNH", "Theo QĐND"): never participants.

Used by the people stage (``people``): ``credit_lines`` gives the spans of such
lines in a text, ``has_credit_line`` tells whether a span holds one. The line
pattern ``CREDIT_LINE`` is anchored to line starts; both look for it after a
line break instead, which ``re`` finds without trying every offset.
"""
from __future__ import annotations

import re

#: Lines that credit the writer or photographer: never participants.
CREDIT_LINE = re.compile(
    r"^[ \t]*(?:(?:Tin|Ảnh|Bài|Bài viết|Video|Clip|Bài và ảnh|Tin và ảnh)(?:, ?(?:ảnh|bài|video))? ?:[^\n]*"
    r"|Theo [^\n]{1,30}|Nguồn ?:[^\n]*)$", re.M | re.I)
#: The same lines after their line break: a pattern that opens with a literal lets ``re`` skip to it
#: (one anchored with "^" is tried at every offset). Group 1 is the ``CREDIT_LINE`` match.
_AFTER_NEWLINE = re.compile("\n(" + CREDIT_LINE.pattern[1:] + ")", CREDIT_LINE.flags)


def credit_lines(text: str) -> list[tuple[int, int]]:
    """Spans of ``CREDIT_LINE.finditer(text)``: the first line, then each line after a line break."""
    first = CREDIT_LINE.match(text)
    return ([first.span()] if first else []) + [m.span(1) for m in _AFTER_NEWLINE.finditer(text)]


def has_credit_line(text: str, start: int, end: int) -> bool:
    """``CREDIT_LINE.search(text, start, end)``: at ``start`` if a line starts there, else after a line break."""
    if (start == 0 or text[start - 1] == "\n") and CREDIT_LINE.match(text, start, end):
        return True
    return _AFTER_NEWLINE.search(text, start, end) is not None
