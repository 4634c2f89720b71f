"""Evaluate a costly filter once and let every query of a view read the result.

A filter change runs a handful of queries (the count, the table, the documents,
the figures); with a text search each of them scanned every evidence sentence
again (~70 ms per term at 100k events). ``materialised`` evaluates the filter
into two temp tables (matching event ids, matching article ids) and yields a
``Filter`` whose SQL reads them.

On a read-only connection the data cannot change while it is open (DuckDB lets
no other process write the file meanwhile), so the tables of the last filter
are kept on the connection and reused by the next query with the same filter:
the count, the timeline and the table of one filter change share one
evaluation. A different filter replaces them (at most one set per
connection); closing the connection drops them. On a writable connection the
tables live only for the ``with`` block, since an ingest may change the rows.
"""
from __future__ import annotations

import threading
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import duckdb

from dashboard.query.filter import Filter
from dashboard.query.textmatch import event_matches, event_params, title_matches, title_params


@dataclass
class _Slot:
    """What one connection keeps: whether it is read-only, and its last materialised filter."""

    read_only: bool
    lock: threading.Lock = field(default_factory=threading.Lock)
    key: Filter | None = None
    shared: Filter | None = None


_SLOTS: dict[int, tuple[weakref.ref, _Slot]] = {}
_SLOTS_LOCK = threading.Lock()


def _slot(con) -> _Slot | None:
    """The connection's slot; None for anything but a DuckDB connection (a wrapper that
    records or checks statements must see every statement a query runs)."""
    if not isinstance(con, duckdb.DuckDBPyConnection):
        return None
    key = id(con)
    with _SLOTS_LOCK:
        found = _SLOTS.get(key)
        if found is not None and found[0]() is con:
            return found[1]
    try:
        ref = weakref.ref(con, lambda _r, k=key: _SLOTS.pop(k, None))
        rows = con.execute("SELECT current_setting('access_mode')").fetchall()
        read_only = bool(rows) and str(rows[0][0]).lower() == "read_only"
    except duckdb.Error:
        return None
    slot = _Slot(read_only)
    with _SLOTS_LOCK:
        _SLOTS[key] = (ref, slot)
    return slot


def _create(con, f: Filter, name: str) -> Filter:
    """Temp tables ``{name}_e`` / ``{name}_a`` with the event and article ids matching ``f``.

    Text search is evaluated once per word for both tables: the events whose own
    title or sentence matches and the articles whose title does (``Filter.where``
    and ``Filter.article_where`` combine the same two sets, each scanning again).
    """
    rest = replace(f, q="")
    where, params = rest.where("e")
    a_where, a_params = rest.article_where("a")
    ev_clauses, art_clauses, scratch = [where], [a_where], []
    try:
        for i, term in enumerate(f.terms):
            te, ta = f"{name}_t{i}e", f"{name}_t{i}a"
            scratch += [te, ta]
            con.execute(f"CREATE TEMP TABLE {te} AS SELECT event_id, article_id FROM events e "
                        f"WHERE {event_matches('e')}", event_params(term))
            con.execute(f"CREATE TEMP TABLE {ta} AS SELECT article_id FROM articles a "
                        f"WHERE {title_matches('a')}", title_params(term))
            ev_clauses.append(f"(e.event_id IN (SELECT event_id FROM {te}) "
                              f"OR e.article_id IN (SELECT article_id FROM {ta}))")
            art_clauses.append(f"(a.article_id IN (SELECT article_id FROM {ta}) "
                               f"OR a.article_id IN (SELECT article_id FROM {te}))")
        con.execute(f"CREATE TEMP TABLE {name}_e AS SELECT e.event_id FROM events e "
                    f"WHERE {' AND '.join(ev_clauses)}", params)
        con.execute(f"CREATE TEMP TABLE {name}_a AS SELECT a.article_id FROM articles a "
                    f"WHERE {' AND '.join(art_clauses)}", a_params)
    except duckdb.Error:
        _drop(con, [f"{name}_e", f"{name}_a"])
        raise
    finally:
        _drop(con, scratch)
    return replace(f, events_table=f"{name}_e", articles_table=f"{name}_a")


def _drop(con, tables: list[str]) -> None:
    for table in tables:
        try:
            con.execute(f"DROP TABLE IF EXISTS {table}")
        except duckdb.Error:  # connection closed meanwhile: temp tables went with it
            pass


def _tables(mf: Filter) -> list[str]:
    return [t for t in (mf.events_table, mf.articles_table) if t]


def _alive(con, mf: Filter) -> bool:
    """The kept tables still exist (a caller's rolled-back transaction could have taken them)."""
    try:
        con.execute(f"SELECT 1 FROM {mf.events_table} LIMIT 0").fetchall()
        con.execute(f"SELECT 1 FROM {mf.articles_table} LIMIT 0").fetchall()
        return True
    except duckdb.Error:
        return False


def _new_name() -> str:
    return "_filter_" + uuid.uuid4().hex[:12]


def shared(con, f: Filter) -> Filter:
    """``f`` evaluated once per read-only connection (see the module docstring), else ``f``.

    For single queries: on a writable connection materialising would cost more
    than it saves, so ``f`` comes back unchanged.
    """
    if not f.is_costly or f.events_table:
        return f
    slot = _slot(con)
    if slot is None or not slot.read_only:
        return f
    with slot.lock:
        if slot.shared is not None and slot.key == f and _alive(con, slot.shared):
            return slot.shared
        old, slot.key, slot.shared = slot.shared, None, None
        if old is not None:
            _drop(con, _tables(old))
        try:
            mf = _create(con, f, _new_name())
        except duckdb.Error:
            return f
        slot.key, slot.shared = f, mf
        return mf


@contextmanager
def materialised(con, f: Filter) -> Iterator[Filter]:
    """Evaluate ``f`` once into temp tables and yield a Filter that reads them.

    ``build_figures`` runs ~8 queries per filter change. Read-only connections
    keep the tables for the next caller with the same filter (``shared``);
    writable ones drop them at the end of the block. If they cannot be made,
    ``f`` itself is yielded.
    """
    if not f.is_costly or f.events_table:
        yield f
        return
    mf = shared(con, f)
    if mf.events_table:
        yield mf
        return
    try:
        mf = _create(con, f, _new_name())
    except duckdb.Error:
        yield f
        return
    try:
        yield mf
    finally:
        _drop(con, _tables(mf))
