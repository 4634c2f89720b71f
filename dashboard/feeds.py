"""Large JSON Lines feeds, cut into parts at line boundaries so that every worker shares them.

A news feed often arrives as one big ``.jsonl`` file. Read whole, it was one work
item: one process parsed all its articles while the other cores idled, and its
records travelled to the writer in one piece (a 50 MB feed of 10,000 articles:
24 s and 877 MB, against 14 s and 561 MB for the same articles as files). And
over the size limit it was not read at all.

``plan(path, max_bytes)`` hashes a large feed and cuts it into ``Part``s of about
``PART_BYTES`` that end on a line break; ``read_part`` turns one part into the
same records, with the same ``#n`` line numbers, as reading the whole file. The
size limit then applies per line (a line over it is quarantined on its own), not
to the feed. Only strict UTF-8 feeds are cut: in other encodings a ``\\n`` byte
need not be a line break, and those are rare enough to be read whole as before.
"""
from __future__ import annotations

import codecs
import hashlib
import mmap
from dataclasses import dataclass
from pathlib import Path

from collections.abc import Iterator

from .decode import DecodeFailure, decode_bytes
from .records import SourceRecord, error_record, jsonl_records

#: JSON Lines files above this size are cut into parts; smaller ones are one work item as before.
SPLIT_BYTES = 1024 * 1024
#: Target size of one part: about as many articles as a worker's chunk of files.
PART_BYTES = 512 * 1024
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Part:
    """Bytes [start, end) of a feed, starting at line ``first_line`` (1-based), part ``index`` of the plan."""

    start: int
    end: int
    first_line: int
    index: int
    last: bool
    file_hash: str
    #: Line number of the part's last line.
    last_line: int = 0
    #: One line longer than the size limit: quarantined without being read.
    oversized: bool = False
    #: The file's encoding as reading it whole names it: "utf-8-sig" when it opens with a byte-order mark.
    encoding: str = "utf-8"


def splittable(path, size: int) -> bool:
    """Worth planning: a JSON Lines file above ``SPLIT_BYTES``."""
    return str(path).lower().endswith(".jsonl") and size > SPLIT_BYTES


def plan(path: Path, max_bytes: int, part_bytes: int | None = None) -> tuple[str, list[Part]] | None:
    """(file hash, parts) for a feed to read in parts, or None to read the file whole.

    None when the file cannot be mapped, is not strict UTF-8, or holds no ``{``
    at all (then reading it whole reports what it is: empty, not JSON objects...).
    """
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _plan(data, max_bytes, part_bytes or PART_BYTES)
    except (OSError, ValueError):  # unreadable, or empty (mmap refuses 0 bytes): read whole, which says why
        return None


def _plan(data: mmap.mmap, max_bytes: int, part_bytes: int) -> tuple[str, list[Part]] | None:
    if data.find(b"{") < 0:
        return None
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
    file_hash = digest.hexdigest()
    cuts: list[tuple[int, int, int, int, bool]] = []  # (start, end, first line, last line, oversized)
    size, start, first, pos, line = len(data), 0, 1, 0, 1
    while pos < size:
        nl = data.find(b"\n", pos)
        end = size if nl < 0 else nl + 1
        if end - pos > max_bytes:  # this line alone is over the limit: a part of its own, never read
            if pos > start:
                cuts.append((start, pos, first, line - 1, False))
            cuts.append((pos, end, line, line, True))
            start, first = end, line + 1
        elif end - start >= part_bytes:
            cuts.append((start, end, first, line, False))
            start, first = end, line + 1
        pos, line = end, line + 1
    if start < size:
        cuts.append((start, size, first, line - 1, False))
    encoding = "utf-8-sig" if data[:3] == codecs.BOM_UTF8 else "utf-8"
    parts = [Part(s, e, f, i, i == len(cuts) - 1, file_hash, last, big, encoding)
             for i, (s, e, f, last, big) in enumerate(cuts)]
    return file_hash, parts


def read_records(path, max_bytes: int) -> Iterator[SourceRecord]:
    """Every record of one file, as ``sources.read_path`` gives them; a large feed part by part (bounded memory)."""
    from .sources import display_name, read_path

    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_path says why
    planned = plan(path, max_bytes) if splittable(path, size) else None
    if planned is None:
        yield from read_path(path, max_bytes)
        return
    for part in planned[1]:
        yield from read_part(path, display_name(path), part, max_bytes)


def read_part(path: Path, name: str, part: Part, max_bytes: int) -> list[SourceRecord]:
    """The records of one part, named ``name#n`` by their line in the whole file; never raises."""
    if part.oversized:
        return [error_record(f"{name}#{part.first_line}", None, "too_large",
                             f"line of {part.end - part.start} bytes, over the {max_bytes}-byte limit "
                             "(`ingest --max-bytes` raises it)")]
    try:
        with open(path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
    except OSError as exc:
        return [error_record(_lines(name, part), None, "unreadable", exc.strerror or str(exc))]
    if part.start == 0:  # the file's start gets the checks reading it whole makes (BOM, binary, empty)
        try:
            decoded = decode_bytes(data)
        except DecodeFailure as exc:
            if exc.reason == "empty":  # only blank lines here; the feed as a whole has records
                return []
            return [error_record(_lines(name, part), None, exc.reason, exc.detail)]
        text, encoding, warnings = decoded.text, decoded.encoding, decoded.warnings
    else:  # the rest of a file read whole is only decoded; plan() found it valid UTF-8
        try:
            text, encoding, warnings = data.decode("utf-8"), part.encoding, ()
        except UnicodeDecodeError as exc:
            return [error_record(_lines(name, part), None, "undecodable",
                                 f"not UTF-8 any more (the file changed while it was read?): {exc.reason}")]
    return jsonl_records(name, text, encoding, warnings, part.file_hash, first_line=part.first_line, empty_ok=True)


def _lines(name: str, part: Part) -> str:
    """``name#a-b``: the ledger path of a part quarantined as a whole (unique per part)."""
    return f"{name}#{part.first_line}-{part.last_line}"
