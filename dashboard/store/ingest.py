"""Ingest: files and folders into the DuckDB store, idempotently and incrementally.

``ingest(paths, db_path)`` expands the paths, parses files in worker processes
(inline for small inputs), writes each batch of ~2000 files in one transaction
from this process (``write.write_batch``), then rebuilds the consolidated tables
(``consolidate.rebuild``). A large JSON Lines or JSON array feed is cut into
parts that the workers share (``feeds``). A file whose bytes hash to the stored value is
skipped before decoding; when the extractor's code changed since the store was
built, every file is parsed again so the store never mixes extractor versions.
"""
from __future__ import annotations

import os
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from ..sources import MAX_BYTES, display_name, iter_input_files, skipped_note
from . import consolidate
from .db import DEFAULT_DB, connect, registered, strings
from ..feeds import plan
from .worker import WorkItem, parse_files
from .fingerprint import extractor_fingerprint
from .write import write_batch

BATCH_FILES = 2000
#: Files per worker task: small enough to balance two cores, big enough to amortise pickling.
CHUNK_FILES = 100
#: Below this many files to read, a process pool costs more than it saves.
POOL_THRESHOLD = 300


@dataclass
class IngestSummary:
    """What one ingest did, and the store's totals afterwards."""

    files: int = 0
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    quarantined: int = 0
    duplicates: int = 0
    extraction_failures: int = 0
    reparsed: int = 0  # files parsed again only because the extractor changed
    events: int = 0
    reports: int = 0  # other articles' reports of those events (event_reports)
    documents: int = 0
    organisations: int = 0
    people: int = 0
    articles_total: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (path, reason, detail)
    skipped: list[str] = field(default_factory=list)  # folders with a .not-articles file (sources.NOT_ARTICLES)
    #: file -> [records stored (duplicates of stored content included), records quarantined]
    file_records: dict[str, list[int]] = field(default_factory=dict)
    db_path: str = ""
    seconds: float = 0.0

    def paragraph(self) -> str:
        """One-paragraph human summary."""
        s = (f"Read {_n(self.files, 'file')} in {self.seconds:.1f} s: {_n(self.added, 'article')} added, "
             f"{self.updated} updated, {self.unchanged} unchanged, {self.quarantined} quarantined")
        if self.duplicates:
            s += (f", {self.duplicates} duplicate{'s' if self.duplicates != 1 else ''} of content already"
                  f" stored (recorded in input_files, not stored twice)")
        s += "."
        if self.reparsed:
            s += (f" The extractor changed since {_n(self.reparsed, 'file')} "
                  f"{'was' if self.reparsed == 1 else 'were'} last ingested, so they were parsed again.")
        if self.extraction_failures:
            s += (f" Extraction failed on {_n(self.extraction_failures, 'article')}: kept with a warning "
                  f"and no extracted rows.")
        s += (f" The store {self.db_path} now holds {_n(self.articles_total, 'article')}, "
              f"{_n(self.events, 'event')}{self._reports()}, {_n(self.documents, 'policy document')}, "
              f"{_n(self.organisations, 'organisation')} and {_n(self.people, 'person', 'people')}.")
        if self.errors:
            shown = "; ".join(f"{p} ({r})" for p, r, _ in self.errors[:5])
            more = f" and {len(self.errors) - 5} more" if len(self.errors) > 5 else ""
            s += f" Quarantined (see table ingest_errors): {shown}{more}."
        return s + skipped_note(self.skipped)

    def _reports(self) -> str:
        if not self.reports:
            return ""
        return f" ({self.reports} more {'report' if self.reports == 1 else 'reports'} of them by other articles)"


def _n(k: int, one: str, many: str | None = None) -> str:
    return f"{k} {one if k == 1 else (many or one + 's')}"


def ingest(paths, db_path=DEFAULT_DB, workers: int | None = None, progress: bool = False,
           max_bytes: int = MAX_BYTES, batch_files: int = BATCH_FILES, force: bool = False) -> IngestSummary:
    """Parse ``paths`` (files and folders) into the store at ``db_path``; never raises on bad files."""
    import time

    t0 = time.perf_counter()
    skipped: list = []
    files = [os.path.abspath(p) for p in iter_input_files(paths, skipped)]
    summary = IngestSummary(files=len(files), db_path=str(db_path), skipped=[display_name(p) for p in skipped])
    con = connect(db_path)
    try:
        fingerprint = extractor_fingerprint()
        # file -> (hash, extractor, records ingested, records quarantined) from the ledger
        # A feed whose ledger rows lack a hash was not read to its end (see write.py): no hash, read again.
        known = {r[0]: r[1:] for r in con.execute("""
            SELECT file_path, CASE WHEN bool_or(file_hash IS NULL) THEN NULL ELSE any_value(file_hash) END,
                   any_value(extractor),
                   count(*) FILTER (WHERE status <> 'quarantined'),
                   count(*) FILTER (WHERE status = 'quarantined') FROM input_files GROUP BY file_path""").fetchall()}
        known_articles = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
        known_orgs = consolidate.known_org_ids(con)
        # A file parsed by another version of the extractor is parsed again, even if its bytes are unchanged;
        # the version is stored per file, so a run killed half-way resumes where it stopped.
        # The ledger names a file by display_name (its real name unless that is not UTF-8); workers open the real one.
        names = [display_name(f) for f in files]
        stale = {n for n in names if n in known and known[n][1] != fingerprint}
        summary.reparsed = 0 if force else len(stale)
        items = _work_items([(f, None if force or n in stale or n not in known else known[n][0])
                             for f, n in zip(files, names)], max_bytes, lambda name: _stored_records(con, name))
        # The bar counts files, and a feed read in parts by its records: one 50 MB feed is not one step.
        steps = [1 if it.part is None else it.part.last_record - it.part.first_record + 1 for it in items]
        bar = _progress_bar(sum(steps), "file" if len(items) == len(files) else "record") if progress else None
        pending: list = []
        records = 0
        feeds: dict = {}  # feeds being written in parts (write.write_batch)
        for step, outcome in zip(steps, _parse_all(items, max_bytes, workers, batch_files)):
            pending.append(outcome)
            records += max(len(outcome.records), 1)
            if bar is not None:
                bar.update(step)
            if records >= batch_files:
                _write(con, pending, known, known_articles, known_orgs, summary, fingerprint, feeds)
                pending, records = [], 0
        _write(con, pending, known, known_articles, known_orgs, summary, fingerprint, feeds)
        if bar is not None:
            bar.close()
        if consolidate.needs_rebuild(con):
            consolidate.rebuild(con)
        _totals(con, summary, names)
    finally:
        con.close()
    summary.seconds = time.perf_counter() - t0
    return summary


def _write(con, outcomes, known, known_articles, known_orgs, summary: IngestSummary, fingerprint: str,
           feeds: dict) -> None:
    if not outcomes:
        return
    counts = write_batch(con, outcomes, known_articles, fingerprint, known_orgs, feeds)
    summary.quarantined += counts.quarantined
    summary.duplicates += counts.duplicates
    summary.extraction_failures += counts.extraction_failures
    good: dict[str, int] = {}  # by file: several parts of one feed may share a batch
    for fo in outcomes:
        tally = summary.file_records.setdefault(fo.file_path, [0, 0])
        if fo.unchanged:
            _hash, _extractor, ok, bad = known[fo.file_path]
            summary.unchanged += ok
            summary.quarantined += bad  # still not ingested: keeps the exit status honest
            tally[0], tally[1] = ok, bad
            continue
        stored = sum(1 for r in fo.records if r.error is None)
        same = sum(1 for r in fo.records if r.unchanged)
        tally[0] += stored
        tally[1] += len(fo.records) - stored
        summary.unchanged += same  # a grown feed's old records, found as stored
        good[fo.file_path] = good.get(fo.file_path, 0) + stored - same
    for path, n in good.items():
        n -= counts.duplicates_by_file.get(path, 0)
        if path in known:  # a changed file: its records at paths that named no article are new
            new = counts.new_by_file.get(path, 0)
            summary.added += new
            summary.updated += n - new
        else:
            summary.added += n


def _work_items(files: list[tuple[str, str | None]], max_bytes: int, stored_records) -> list[WorkItem]:
    """A ``WorkItem`` per (path, known hash); a large feed that changed becomes one per part.

    A feed the store read before with the same extractor (``known hash`` given) and
    that changed since brings, per part, what the store holds for its lines
    (``stored_records(name)``): the worker skips the records found unchanged.
    """
    out = []
    for file_path, known_hash in files:
        planned = plan(file_path, max_bytes)
        if planned is None or planned[0] == known_hash:
            out.append(WorkItem(file_path, known_hash))  # read whole, or found unchanged by the worker
            continue
        name = display_name(file_path)
        stored = stored_records(name) if known_hash is not None else {}
        for part in planned[1]:
            mine = {p: stored[p] for p in (f"{name}#{n}" for n in range(part.first_record, part.last_record + 1))
                    if p in stored}
            out.append(WorkItem(file_path, known_hash, part, mine))
    return out


def _stored_records(con, file_name: str) -> dict[str, tuple[str, str, str | None]]:
    """Record path -> (article id, content hash, encoding) for the records of a file whose rows are its own."""
    return {r[0]: tuple(r[1:]) for r in con.execute("""
        SELECT i.path, i.article_id, a.content_hash, a.encoding FROM input_files i
        JOIN articles a ON a.article_id = i.article_id AND a.path = i.path
        WHERE i.file_path = ? AND i.status = 'ingested'""", [file_name]).fetchall()}


def _parse_all(items, max_bytes, workers, batch_files: int = BATCH_FILES):
    """Yield FileOutcomes in input order; parallel when worth it, with bounded look-ahead.

    The look-ahead covers a whole batch plus two chunks per worker: while this
    process writes a batch (a second or so for 2,000 files), the workers keep
    parsing the next one instead of idling after a few chunks. Memory stays
    bounded (a parsed chunk is ~1 MB).
    """
    # A feed's part holds about a chunk's worth of articles: it is a chunk of its own.
    to_read = sum(1 if it.part is None else CHUNK_FILES for it in items if it.part is not None or it.known_hash is None)
    workers = workers or min(os.cpu_count() or 1, 8)
    chunks = _chunks(items)
    if workers <= 1 or to_read < POOL_THRESHOLD:
        for chunk in chunks:
            yield from parse_files(chunk, max_bytes)
        return
    import multiprocessing as mp

    # forkserver: workers never inherit the open DuckDB connection or its threads.
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        window: deque = deque()
        look_ahead = max(batch_files // CHUNK_FILES, 1) + 2 * workers
        it = iter(chunks)
        for chunk in it:
            window.append(pool.submit(parse_files, chunk, max_bytes))
            if len(window) >= look_ahead:
                break
        while window:
            result = window.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                window.append(pool.submit(parse_files, nxt, max_bytes))
            yield from result


def _chunks(items: list[WorkItem]) -> list[list[WorkItem]]:
    """Work for one worker call: up to CHUNK_FILES whole files, or one part of a feed."""
    chunks: list[list[WorkItem]] = []
    files: list[WorkItem] = []
    for it in items:
        if it.part is not None:
            if files:  # keep input order
                chunks.append(files)
                files = []
            chunks.append([it])
        else:
            files.append(it)
            if len(files) == CHUNK_FILES:
                chunks.append(files)
                files = []
    if files:
        chunks.append(files)
    return chunks


def _progress_bar(total: int, unit: str):
    import shutil

    from tqdm import tqdm

    # Some terminals (and `script`) report a width of 0, which makes tqdm draw nothing.
    width = shutil.get_terminal_size((100, 20)).columns
    return tqdm(total=total, unit=unit, desc="ingest", file=sys.stderr, ncols=min(width, 120) or 100)


def _totals(con, summary: IngestSummary, files: list[str]) -> None:
    one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
    summary.articles_total = one("SELECT count(*) FROM articles")
    summary.events = one("SELECT count(*) FROM events")
    summary.reports = one("SELECT count(*) FROM event_reports")
    summary.documents = one("SELECT count(*) FROM documents")
    summary.organisations = one("SELECT count(*) FROM organisations")
    summary.people = one("SELECT count(*) FROM people")
    with registered(con, "_run_files", strings(file_path=files)):
        summary.errors = con.execute("""SELECT e.path, e.reason, e.detail FROM ingest_errors e
            JOIN input_files i USING (path) WHERE i.file_path IN (SELECT file_path FROM _run_files)
            ORDER BY e.path""").fetchall()
