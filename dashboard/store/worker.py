"""The parsing half of ingest: runs in worker processes (or inline for small inputs).

``parse_files(items, ...)`` reads, hashes and extracts a chunk of files and
returns plain picklable ``FileOutcome``s; it never touches the database, so the
main process stays the only writer. A file whose bytes hash to the value the
store already holds is not decoded or parsed at all. A large JSON Lines feed
comes as several ``WorkItem``s, one per ``feeds.Part``; each gives a ``FileOutcome``
numbered by ``part`` (see ``write.write_batch`` for how they are written).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..model import Extraction
from ..sources import MAX_BYTES, display_name, read_raw, records_from_bytes
from ..feeds import Part, read_part
from .rows import article_id, article_rows


class WorkItem(NamedTuple):
    """One task for a worker: a whole file, or one part of a feed read in parts."""

    path: str
    #: The file hash the store holds (the file is skipped if it still hashes so), or None: read and parse.
    known_hash: str | None
    part: Part | None = None
    #: For a part: what the store holds for its lines, record path -> (article id, content hash, encoding).
    stored: dict | None = None


@dataclass
class RecordOutcome:
    path: str
    content_hash: str | None
    article_id: str | None = None
    rows: dict | None = None
    error: tuple[str, str] | None = None
    extraction_failed: bool = False
    #: The store holds this record as it is (same path, content and article): not parsed, its rows stay.
    unchanged: bool = False


@dataclass
class FileOutcome:
    file_path: str
    file_hash: str | None
    unchanged: bool = False
    records: list[RecordOutcome] = field(default_factory=list)
    #: Index of this part of a feed read in parts (0 for a whole file) and whether it is the last one.
    part: int = 0
    last: bool = True


def parse_files(items: list[WorkItem], max_bytes: int = MAX_BYTES) -> list[FileOutcome]:
    """One outcome per item, in order.

    A record of a part that reads as the store holds it (``WorkItem.stored``) is
    not parsed again: a feed that grew by a few lines costs those lines.
    """
    now = dt.datetime.now().replace(microsecond=0)
    out = []
    for item in items:
        name = display_name(item.path)  # what the store calls the file (the ledger's key)
        if item.part is not None:
            records = read_part(Path(item.path), name, item.part, max_bytes)
            fo = FileOutcome(name, item.part.file_hash, part=item.part.index, last=item.part.last)
            out.append(_parsed(fo, records, now, item.stored))
            continue
        data, digest, err = read_raw(Path(item.path), max_bytes)
        if item.known_hash is not None and digest == item.known_hash:
            out.append(FileOutcome(name, digest, unchanged=True))
            continue
        records = [err] if err is not None else records_from_bytes(name, data, digest)
        out.append(_parsed(FileOutcome(name, digest), records, now))
    return out


def _parsed(fo: FileOutcome, records, now: dt.datetime, stored: dict | None = None) -> FileOutcome:
    """Extract every article of ``records`` into ``fo``; a failure is kept as a warning or an error."""
    from ..parsing import extract  # imported here so forked workers pay it once, lazily

    for rec in records:
        if rec.article is None:
            fo.records.append(RecordOutcome(rec.path, rec.content_hash, error=rec.error))
            continue
        prior = stored.get(rec.path) if stored else None
        if prior is not None and prior == (article_id(rec.article), rec.content_hash, rec.encoding):
            fo.records.append(RecordOutcome(rec.path, rec.content_hash, prior[0], unchanged=True))
            continue
        warnings = list(rec.warnings)
        failed = False
        try:
            extraction = extract(rec.article)
        except Exception as exc:  # the parser is still growing: keep the article, say what failed
            extraction = Extraction(article=rec.article)
            warnings.append(f"extraction failed: {type(exc).__name__}: {exc}")
            failed = True
        if (future := _future(extraction.article.published, now)) is not None:
            warnings.append(future)
        try:
            aid, rows = article_rows(rec.path, rec.content_hash, rec.encoding, warnings, extraction, now)
        except Exception as exc:
            fo.records.append(RecordOutcome(rec.path, rec.content_hash, error=(
                "internal_error", f"could not store the extraction: {type(exc).__name__}: {exc}")))
            continue
        fo.records.append(RecordOutcome(rec.path, rec.content_hash, aid, rows, extraction_failed=failed))
    return fo


def _future(published: str | None, now: dt.datetime) -> str | None:
    """A warning when the publication date is after the day the article was read.

    It anchors every yearless date of the article ("Sáng 22-11"), so a typo such as
    2032 would put the article's events in 2032 without a word. A day of slack
    covers feeds a time zone ahead.
    """
    if published is None or published[:10] <= (now.date() + dt.timedelta(days=1)).isoformat():
        return None
    return f"publication date {published[:10]} is after the day the article was read ({now.date().isoformat()})"
