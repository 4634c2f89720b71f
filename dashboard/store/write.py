"""The writing half of ingest: one transaction per batch of parsed files.

Within the transaction the rows of every file that was re-read are replaced:
its old ledger entries and quarantine rows go, the articles it produced are
inserted (or replaced, when re-parsed with a changed extractor), and articles
that no input file references any more are deleted with all their rows. A
process killed mid-batch therefore leaves the previous batch's state, and the
next run redoes the batch. Consolidated tables are marked stale here and rebuilt
by ``consolidate.rebuild`` at the end of the run.

A feed read in parts (``feeds.Part``) spans several batches. Each part replaces
the ledger rows of its own lines, and the articles only the replaced rows named
go in the same transaction; after the last part, so do the feed's rows for lines
that no longer exist and their articles. Every committed state therefore has
each article named by the ledger. The feed's rows hold no file hash until the
last part is written, so a run killed half-way through reads it all again.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import consolidate, event_reports, schema
from .db import insert_rows, registered, set_meta, strings, transaction
from .worker import FileOutcome

#: Tables holding an article's own rows, child tables first.
ARTICLE_TABLES = ("events", "document_mentions", "org_mentions", "person_mentions")
EVENT_LINKS = ("event_documents", "event_org_names", "event_people", "event_organisations", "event_search")
ROW_TABLES = ("articles", *ARTICLE_TABLES, "event_documents", "event_org_names", "event_people", "event_search")


@dataclass
class BatchCounts:
    records: int = 0
    quarantined: int = 0
    duplicates: int = 0
    extraction_failures: int = 0
    #: file path -> records of that file that duplicated content already stored
    duplicates_by_file: dict = field(default_factory=dict)
    #: file path -> records stored at a path (``file`` or ``feed#n``) that named no article before:
    #: a line appended to a known feed is an added article, not an updated one
    new_by_file: dict = field(default_factory=dict)


def delete_articles(con, ids_table: str) -> None:
    """Delete every row of the articles listed in the registered table ``ids_table``."""
    # Their events: in ``events``, or moved to ``event_reports`` as another article's report.
    ids = (f"SELECT event_id FROM events WHERE article_id IN (SELECT article_id FROM {ids_table}) UNION ALL "
           f"SELECT event_id FROM event_reports WHERE article_id IN (SELECT article_id FROM {ids_table})")
    event_reports.forget(con, ids)
    for link in EVENT_LINKS:
        con.execute(f"DELETE FROM {link} WHERE event_id IN ({ids})")
    for t in (*ARTICLE_TABLES, "event_reports", "articles"):
        con.execute(f"DELETE FROM {t} WHERE article_id IN (SELECT article_id FROM {ids_table})")


def write_batch(con, outcomes: list[FileOutcome], known_articles: set[str], extractor: str = "",
                known_orgs: dict[str, str] | None = None, feeds: dict | None = None) -> BatchCounts:
    """Write the re-read files of one batch; ``known_articles``, ``known_orgs`` and ``feeds`` are updated in place.

    ``known_orgs`` (org_key -> org_id, see ``consolidate.org_links``) is read from
    the store when not given; an ingest passes the same dict to every batch, and
    likewise ``feeds`` (file path -> ``_Feed``) for the feeds it is reading in parts.
    """
    counts = BatchCounts()
    touched = [o for o in outcomes if not o.unchanged]
    if not touched:
        return counts
    if known_orgs is None:
        known_orgs = consolidate.known_org_ids(con)
    feeds = {} if feeds is None else feeds
    whole = [o.file_path for o in touched if o.part == 0 and o.last]
    opened = [o.file_path for o in touched if o.part == 0 and not o.last]
    with transaction(con), registered(con, "_touched", strings(file_path=whole + opened)):
        old_by_file: dict[str, set[str]] = {}
        old_paths: set[str] = set()  # record paths that named an article before this batch
        for path, record_path, aid in con.execute("""SELECT file_path, path, article_id FROM input_files
                WHERE file_path IN (SELECT file_path FROM _touched) AND article_id IS NOT NULL""").fetchall():
            old_by_file.setdefault(path, set()).add(aid)
            old_paths.add(record_path)
        for path in opened:
            feeds[path] = _Feed(old_by_file.pop(path, set()))
        parts = {o.file_path: feeds[o.file_path] for o in touched if o.file_path in feeds}
        old_ids = set().union(*old_by_file.values(), *(f.old_ids for f in parts.values()))
        ledger, errors, rows, stored, kept = _collect(touched, known_articles, old_ids, parts, counts, extractor)
        new_ids = [aid for ids in stored.values() for aid in ids]
        # Articles the dropped ledger rows named: deleted below if nothing names them any more.
        gone = set().union(*(old_by_file.get(p, ()) for p in whole))
        _drop_ledger(con, "file_path", whole)
        # A feed's part replaces its own lines' rows (the rest of the feed is in other batches).
        gone |= _drop_lines(con, [r[0] for r in ledger if r[1] in parts], old_paths)
        for path, file_path, *_rest, status, _now in ledger:
            if status == "ingested" and path not in old_paths:
                counts.new_by_file[file_path] = counts.new_by_file.get(file_path, 0) + 1
        replaced = sorted(known_articles.intersection(new_ids))
        if replaced:  # re-parsed (changed extractor or file): the new rows replace the old ones
            _with_ids(con, replaced, lambda name: delete_articles(con, name))
        insert_rows(con, schema.INPUT_FILES, ledger)
        insert_rows(con, schema.INGEST_ERRORS, errors)
        for t in ROW_TABLES:
            insert_rows(con, schema.TABLES_BY_NAME[t], rows[t])
        for row in ledger:
            if row[1] in parts:
                parts[row[1]].written.add(row[0])
        for o in touched:
            if o.last and o.file_path in parts:  # the whole feed is in
                gone |= _close_feed(con, o, parts[o.file_path])
        dead = []
        orphans = sorted(gone - set(new_ids))
        if orphans:
            dead = [r[0] for r in _with_ids(con, orphans, lambda name: con.execute(
                f"""SELECT article_id FROM {name} WHERE article_id NOT IN (
                    SELECT article_id FROM input_files WHERE article_id IS NOT NULL)""").fetchall())]
            if dead:
                _with_ids(con, dead, lambda name: delete_articles(con, name))
        if new_ids:
            _provisional(con, new_ids, rows["org_mentions"], known_orgs)
        set_meta(con, "consolidated", "no")
    known_articles.difference_update(dead)
    known_articles.update(new_ids)
    for path, feed in parts.items():
        feed.stored.update(stored.get(path, ()), kept.get(path, ()))
    for o in touched:
        if o.last:
            feeds.pop(o.file_path, None)
    return counts


@dataclass
class _Feed:
    """A feed read in parts, from its first part to its last."""

    #: Articles its ledger rows named when its first part was written (the old version's): the same
    #: content again in a later part is this feed's own, not a duplicate of another file's.
    old_ids: set[str]
    #: Articles this run stored from its parts so far: the same content again is a duplicate.
    stored: set[str] = field(default_factory=set)
    #: Ledger paths (``feed#n``) this run wrote for it.
    written: set[str] = field(default_factory=set)


def _drop_ledger(con, column: str, values: list[str]) -> None:
    """Delete the ledger and quarantine rows whose ``column`` (file_path or path) is in ``values``."""
    if not values:
        return
    with registered(con, "_drop", strings(value=values)):
        con.execute(f"""DELETE FROM ingest_errors WHERE path IN (
            SELECT path FROM input_files WHERE {column} IN (SELECT value FROM _drop))
            OR path IN (SELECT value FROM _drop)""")
        con.execute(f"DELETE FROM input_files WHERE {column} IN (SELECT value FROM _drop)")


def _drop_lines(con, paths: list[str], named_paths: set[str] | None = None) -> set[str]:
    """Delete the ledger rows of these record paths (``feed#n``); returns the articles they named.

    The paths among them that named an article are added to ``named_paths`` when given.
    """
    if not paths:
        return set()
    with registered(con, "_lines", strings(path=paths)):
        found = con.execute("""SELECT path, article_id FROM input_files
            WHERE path IN (SELECT path FROM _lines) AND article_id IS NOT NULL""").fetchall()
    if named_paths is not None:
        named_paths.update(r[0] for r in found)
    _drop_ledger(con, "path", paths)
    return {r[1] for r in found}


def _close_feed(con, last: FileOutcome, feed: _Feed) -> set[str]:
    """After a feed's last part: drop its rows for lines this run did not write, then mark it read.

    Returns the articles the dropped rows named.
    """
    stale = [r[0] for r in con.execute("SELECT path FROM input_files WHERE file_path = ?",
                                       [last.file_path]).fetchall() if r[0] not in feed.written]
    named = _drop_lines(con, stale)
    con.execute("UPDATE input_files SET file_hash = ? WHERE file_path = ?", [last.file_hash, last.file_path])
    return named


def _provisional(con, new_ids: list[str], org_rows: list[tuple], known_orgs: dict[str, str]) -> None:
    key_at, id_at = (schema.ORG_MENTIONS.column_names.index(c) for c in ("org_key", "org_id"))
    links = consolidate.org_links({r[key_at]: r[id_at] for r in org_rows}, known_orgs)
    with registered(con, "_org_links", strings(org_key=list(links), org_id=list(links.values()))) as table:
        _with_ids(con, new_ids, lambda name: consolidate.provisional(con, name, table))


def _with_ids(con, ids: list[str], fn):
    """Run ``fn(table_name)`` with ``ids`` registered as a one-column table."""
    with registered(con, "_ids", strings(article_id=ids)) as name:
        return fn(name)


def _collect(touched, known_articles, old_ids, feeds, counts, extractor):
    """Ledger rows, quarantine rows, article rows, the ids to (re)insert and the ids kept as stored, by file path.

    ``feeds`` maps the path of each feed part in ``touched`` to its ``_Feed``.
    """
    now = dt.datetime.now().replace(microsecond=0)
    ledger, errors = [], []
    rows: dict[str, list[tuple]] = {t: [] for t in ROW_TABLES}
    stored: dict[str, list[str]] = {}
    kept: dict[str, list[str]] = {}  # records the worker found as stored: their rows stay, not rewritten
    seen: set[str] = set().union(*(f.stored for f in feeds.values()))
    for fo in touched:
        file_hash = fo.file_hash if fo.last else None  # see the module docstring
        ids = stored.setdefault(fo.file_path, [])
        for rec in fo.records:
            counts.records += 1
            if rec.error is not None:
                counts.quarantined += 1
                ledger.append((rec.path, fo.file_path, file_hash, extractor, None, "quarantined", now))
                errors.append((rec.path, rec.content_hash, rec.error[0], rec.error[1], now))
                continue
            counts.extraction_failures += rec.extraction_failed
            aid = rec.article_id
            if rec.unchanged and aid not in seen:
                seen.add(aid)
                kept.setdefault(fo.file_path, []).append(aid)
                ledger.append((rec.path, fo.file_path, file_hash, extractor, aid, "ingested", now))
                continue
            # Same content as another path (in this batch or already stored from elsewhere): stored once.
            duplicate = aid in seen or (aid in known_articles and aid not in old_ids)
            if duplicate:
                counts.duplicates += 1
                counts.duplicates_by_file[fo.file_path] = counts.duplicates_by_file.get(fo.file_path, 0) + 1
            else:
                seen.add(aid)
                ids.append(aid)
                for t, r in rec.rows.items():
                    rows[t].extend(r)
            ledger.append((rec.path, fo.file_path, file_hash, extractor, aid,
                           "duplicate" if duplicate else "ingested", now))
    return ledger, errors, rows, stored, kept
