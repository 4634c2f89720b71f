"""Where a large feed can be cut: at the line breaks of JSON Lines, between the elements of a JSON array.

Both work on the file's bytes (a memory map, so a feed of any size costs no
memory) and return the records' byte spans; ``feeds.plan`` groups them into
parts. Neither parses JSON: a record that turns out to be invalid is reported
on its own when its part is read.
"""
from __future__ import annotations

import re

#: A JSON string (escapes included) or a structural character; numbers, true, false, null are skipped.
_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]')
_ARRAY_OPEN = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*\[")
_WHITESPACE = re.compile(rb"[ \t\r\n]*")
_QUOTE, _COMMA = ord('"'), ord(",")
_OPEN, _CLOSE = frozenset(b"[{"), frozenset(b"]}")


def line_spans(data) -> list[tuple[int, int, int]]:
    """(start, end, line number) of every line, its ``\\n`` included; blank lines too (they keep the numbering)."""
    spans, pos, line, size = [], 0, 1, len(data)
    while pos < size:
        nl = data.find(b"\n", pos)
        end = size if nl < 0 else nl + 1
        spans.append((pos, end, line))
        pos, line = end, line + 1
    return spans


def array_spans(data) -> list[tuple[int, int, int]] | None:
    """(start, end, element number) of each element of a top-level JSON array, or None if it is not one.

    None also for an empty array and for anything after the closing bracket:
    reading the file whole then reports what it is.
    """
    opened = _ARRAY_OPEN.match(data)
    if opened is None:
        return None
    spans: list[tuple[int, int, int]] = []
    depth, start, closed = 1, opened.end(), None
    for token in _TOKENS.finditer(data, opened.end()):
        c = data[token.start()]
        if c == _QUOTE:
            continue
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
            if depth == 0:
                spans.append((start, token.start(), len(spans) + 1))
                closed = token.end()
                break
        elif depth == 1 and c == _COMMA:
            spans.append((start, token.start(), len(spans) + 1))
            start = token.end()
    if closed is None or _WHITESPACE.match(data, closed).end() != len(data):
        return None
    if len(spans) == 1 and _WHITESPACE.fullmatch(data, *spans[0][:2]) is not None:
        return None  # "[]"
    return spans


def group(spans: list[tuple[int, int, int]], max_bytes: int, part_bytes: int):
    """Consecutive spans in groups of about ``part_bytes``; a span over ``max_bytes`` is a group of its own.

    Yields (spans, oversized).
    """
    current: list[tuple[int, int, int]] = []
    size = 0
    for span in spans:
        if span[1] - span[0] > max_bytes:
            if current:
                yield current, False
            yield [span], True
            current, size = [], 0
            continue
        current.append(span)
        size += span[1] - span[0]
        if size >= part_bytes:
            yield current, False
            current, size = [], 0
    if current:
        yield current, False
