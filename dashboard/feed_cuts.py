"""Where a large feed can be cut: at the line breaks of JSON Lines, between the elements of a JSON array.

Both work on the file's bytes (a memory map, so a feed of any size costs no
memory) and return the records' byte spans; ``feeds.plan`` groups them into
parts. Neither parses JSON: a record that turns out to be invalid is reported
on its own when its part is read.
"""
from __future__ import annotations

import json
import re

from .records import LIST_KEYS, TEXT_FIELDS

#: A JSON string (escapes included) or a structural character; numbers, true, false, null are skipped.
_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]')
_OPEN = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*[\[{]")
_WHITESPACE = re.compile(rb"[ \t\r\n]*")
_QUOTE, _COMMA, _COLON, _BRACKET = ord('"'), ord(","), ord(":"), ord("[")
_OPENERS, _CLOSERS = frozenset(b"[{"), frozenset(b"]}")


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
    """(start, end, element number) of each element of the file's array of records, or None if it has none.

    The array is the file itself (``[{...}, ...]``) or, as ``records.json_records``
    reads it, the first list among "articles", "items", "records", "data" of a
    top-level object that has no text field. None also for an empty array, a key
    written twice and anything after the closing bracket: reading the file whole
    then says what it is.
    """
    opened = _OPEN.match(data)
    if opened is None:
        return None
    if data[opened.end() - 1] == _BRACKET:
        found = _elements(data, opened.end())
    else:
        found = _wrapped(data, opened.end())
    if found is None:
        return None
    spans, closed = found
    if _WHITESPACE.match(data, closed).end() != len(data):
        return None
    if len(spans) == 1 and _WHITESPACE.fullmatch(data, *spans[0][:2]) is not None:
        return None  # "[]"
    return spans


def _elements(data, start: int) -> tuple[list[tuple[int, int, int]], int] | None:
    """The elements of the array opened just before ``start``, and the offset after its closing bracket."""
    spans: list[tuple[int, int, int]] = []
    depth = 1
    for token in _TOKENS.finditer(data, start):
        c = data[token.start()]
        if c == _QUOTE:
            continue
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth -= 1
            if depth == 0:
                spans.append((start, token.start(), len(spans) + 1))
                return spans, token.end()
        elif depth == 1 and c == _COMMA:
            spans.append((start, token.start(), len(spans) + 1))
            start = token.end()
    return None


def _wrapped(data, pos: int) -> tuple[list[tuple[int, int, int]], int] | None:
    """The record list of the top-level object opened just before ``pos`` (see ``array_spans``)."""
    depth, key, keys, lists = 1, None, set(), {}
    while True:
        token = _TOKENS.search(data, pos)
        if token is None:
            return None
        c, pos = data[token.start()], token.end()
        if c == _QUOTE:
            after = _WHITESPACE.match(data, pos).end()
            if depth == 1 and after < len(data) and data[after] == _COLON:  # a key of the object
                try:
                    key = json.loads(data[token.start():token.end()])
                except ValueError:
                    return None
                if key in keys:
                    return None  # json.loads keeps the last one: leave that to it
                keys.add(key)
        elif depth == 1 and c == _BRACKET and key in LIST_KEYS:
            found = _elements(data, pos)
            if found is None:
                return None
            lists[key], pos = found
        elif c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth -= 1
            if depth == 0:
                break
    if keys & set(TEXT_FIELDS):
        return None
    chosen = next((lists[k] for k in LIST_KEYS if k in lists), None)
    return None if chosen is None else (chosen, pos)


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
