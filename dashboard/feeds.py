"""Large feeds, cut into parts that every worker shares: JSON Lines at line breaks, JSON arrays between elements.

A news feed often arrives as one big ``.jsonl`` file, or a scraper's ``.json``
array. Read whole, it was one work item: one process parsed all its articles
while the other cores idled, and its records travelled to the writer in one
piece (a 50 MB feed of 10,000 articles: 24 s and 877 MB, against 14 s and 561 MB
for the same articles as files). And over the size limit it was not read at all.

``plan(path, max_bytes)`` hashes a large feed and cuts it into ``Part``s of about
``PART_BYTES`` (``feed_cuts`` finds the records); ``read_part`` turns one part
into the records, with the ``#n`` numbers, that reading the whole file gives. The
size limit then applies per record (one over it is quarantined on its own), not
to the feed. Only strict UTF-8 feeds are cut (in other encodings a ``\\n`` byte
need not be a line break); others, and JSON without a list of records (a top-level
array, or the "articles"/"items"/... list of a wrapper object), are read whole as before. One difference for arrays: an invalid element is
quarantined alone, where reading the file whole quarantines the file.
"""
from __future__ import annotations

import codecs
import hashlib
import mmap
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .decode import DecodeFailure, decode_bytes
from .feed_cuts import array_spans, group, line_spans
from .records import SourceRecord, error_record, json_value_record, line_records

#: Feeds above this size are cut into parts; smaller ones are one work item as before.
SPLIT_BYTES = 1024 * 1024
#: Target size of one part: about as many articles as a worker's chunk of files.
PART_BYTES = 512 * 1024
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Part:
    """Bytes [start, end) of a feed, from record ``first_record`` (1-based: its line, or element), part ``index``."""

    start: int
    end: int
    first_record: int
    index: int
    last: bool
    file_hash: str
    #: Number of the part's last record.
    last_record: int = 0
    #: One record (line or element) longer than the size limit: quarantined without being read.
    oversized: bool = False
    #: The file's encoding as reading it whole names it: "utf-8-sig" when it opens with a byte-order mark.
    encoding: str = "utf-8"
    #: A JSON array's part: each element's [start, end) relative to ``start``; empty for JSON Lines.
    elements: tuple[tuple[int, int], ...] = ()


def plan(path, max_bytes: int, part_bytes: int | None = None) -> tuple[str, list[Part]] | None:
    """(file hash, parts) for a feed to read in parts, or None to read the file whole.

    None for anything but a JSON Lines or JSON file above ``SPLIT_BYTES``, and when
    the file cannot be mapped, is not strict UTF-8, or holds no ``{`` at all (then
    reading it whole reports what it is: empty, not JSON objects...).
    """
    if not str(path).lower().endswith((".jsonl", ".json")):
        return None
    try:
        if os.stat(path).st_size <= SPLIT_BYTES:
            return None
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _plan(data, str(path).lower().endswith(".json"), max_bytes, part_bytes or PART_BYTES)
    except (OSError, ValueError):  # unreadable, or empty (mmap refuses 0 bytes): read whole, which says why
        return None


def _plan(data: mmap.mmap, array: bool, max_bytes: int, part_bytes: int) -> tuple[str, list[Part]] | None:
    if data.find(b"{") < 0:
        return None
    file_hash = _utf8_hash(data)
    if file_hash is None:
        return None
    spans = array_spans(data) if array else line_spans(data)
    if spans is None:
        return None
    encoding = "utf-8-sig" if data[:3] == codecs.BOM_UTF8 else "utf-8"
    groups = list(group(spans, max_bytes, part_bytes))
    parts = []
    for i, (members, oversized) in enumerate(groups):
        start, end = members[0][0], members[-1][1]
        elements = tuple((s - start, e - start) for s, e, _n in members) if array else ()
        parts.append(Part(start, end, members[0][2], i, i == len(groups) - 1, file_hash, members[-1][2],
                          oversized, encoding, elements))
    return file_hash, parts


def _utf8_hash(data: mmap.mmap) -> str | None:
    """SHA-256 of the bytes, or None when they are not strict UTF-8."""
    digest = hashlib.sha256()
    check = codecs.getincrementaldecoder("utf-8")()
    try:
        for at in range(0, len(data), _BLOCK):
            block = data[at:at + _BLOCK]
            digest.update(block)
            check.decode(block)
        check.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return digest.hexdigest()


def read_records(path, max_bytes: int) -> Iterator[SourceRecord]:
    """Every record of one file, as ``sources.read_path`` gives them; a large feed part by part (bounded memory)."""
    from .sources import display_name, read_path

    path = Path(path)
    planned = plan(path, max_bytes)
    if planned is None:
        yield from read_path(path, max_bytes)
        return
    for part in planned[1]:
        yield from read_part(path, display_name(path), part, max_bytes)


def read_part(path: Path, name: str, part: Part, max_bytes: int) -> list[SourceRecord]:
    """The records of one part, named ``name#n`` by their number in the whole file; never raises."""
    if part.oversized:
        what = "element" if part.elements else "line"
        return [error_record(f"{name}#{part.first_record}", None, "too_large",
                             f"{what} of {part.end - part.start} bytes, over the {max_bytes}-byte limit "
                             "(`ingest --max-bytes` raises it)")]
    try:
        with open(path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
    except OSError as exc:
        return [error_record(_numbers(name, part), None, "unreadable", exc.strerror or str(exc))]
    try:
        if part.elements:  # plan() found the file valid UTF-8, and an element is whole characters
            return [json_value_record(f"{name}#{n}", data[s:e].decode("utf-8"), part.encoding, ())
                    for n, (s, e) in enumerate(part.elements, part.first_record)]
        if part.start == 0:  # a JSON Lines file's start gets the checks reading it whole makes (BOM, binary)
            decoded = decode_bytes(data)
            text, encoding, warnings = decoded.text, decoded.encoding, decoded.warnings
        else:  # the rest of a file read whole is only decoded
            text, encoding, warnings = data.decode("utf-8"), part.encoding, ()
    except DecodeFailure as exc:
        if exc.reason == "empty":  # only blank lines here; the feed as a whole has records
            return []
        return [error_record(_numbers(name, part), None, exc.reason, exc.detail)]
    except UnicodeDecodeError as exc:
        return [error_record(_numbers(name, part), None, "undecodable",
                             f"not UTF-8 any more (the file changed while it was read?): {exc.reason}")]
    return line_records(name, text, part.first_record, encoding, warnings)


def _numbers(name: str, part: Part) -> str:
    """``name#a-b``: the ledger path of a part quarantined as a whole (unique per part)."""
    return f"{name}#{part.first_record}-{part.last_record}"
