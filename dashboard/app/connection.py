"""The app's connection to the store: one read-only connection per script run, closed when it ends.

DuckDB lets one process write a file or several read it, never both. A connection
held for the life of the server would make ``python -m dashboard ingest`` fail for
as long as the dashboard runs, so:

- ``script_run()`` wraps every run of streamlit_app.py. The run's connection opens
  on first use and closes when the run ends; between reruns the file is free.
  Measured (2 cores, DuckDB 2.0): opening costs ~13 ms and closing ~2.5 ms, on the
  sample store and on a 100k-event store alike. A rerun served from the caches
  never opens it (its snapshot id comes from a stat of the file).
- ``reader()`` hands out that connection; outside a run (deferred report
  downloads, which Streamlit runs after the script) it opens one of its own.
- ``snapshot()`` is the store's content id, part of every cache key in ``data``. It
  hashes every table (40-80 ms), so it is memoised per file version (size, mtime,
  inode, WAL): an ingest by another process changes the version, so the next run
  gets a new snapshot and new cache keys and shows the new data.
- ``ensure_store`` (build a missing store, rebuild a stale one) runs once per file
  version. Uploads ingest in this process: a readers-writer gate makes the ingest
  wait until other sessions' runs have closed their connections.
"""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import streamlit as st

from dashboard.store.db import StoreInUse

ROOT = Path(__file__).resolve().parents[2]
#: Seconds a run waits for another process (an ingest) to let go of the store before
#: it says the store is in use.
LOCK_WAIT = 2.0
IN_USE = ("Kho dữ liệu đang được một tiến trình khác ghi (lệnh ingest?). Hãy thử lại sau giây lát. / "
          "The store is being written by another process (an ingest?). Try again in a moment.")
BUILDING = ("Đang chuẩn bị kho dữ liệu (phân tích các bài báo)… / "
            "Preparing the store (parsing the articles)…")


def db_path() -> Path:
    return Path(os.environ.get("DASHBOARD_DB") or ROOT / "data" / "dashboard.duckdb")


def articles_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_ARTICLES") or ROOT / "data" / "articles")


def uploads_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_UPLOADS") or ROOT / "data" / "uploads")


class _Gate:
    """Many readers (runs, downloads) or one writer (a build or an upload) in this process.

    DuckDB refuses to open a file for writing while the same process reads it, so a
    writer waits for every reader to close; new readers wait while a writer waits.
    Not re-entrant: a thread must hold no read when it asks to write.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = self._waiting = 0
        self._writing = False

    @contextlib.contextmanager
    def read(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and not self._waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def write(self):
        with self._cond:
            self._waiting += 1
            try:
                self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            finally:
                self._waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


_GATE = _Gate()
_LOCAL = threading.local()  # .run: the _Run of the script run on this thread, if any
_VERIFIED: dict[str, tuple] = {}  # db path -> file version ensure_store last accepted
_SNAPSHOTS: dict[str, tuple[tuple, str]] = {}  # db path -> (file version, snapshot id)


def _version(path: Path) -> tuple | None:
    """Changes whenever a writer changes the store: size, mtime and inode of the file and its WAL.

    Read-only opens leave all of these alone (a test proves it). Two writes could
    share an mtime only if a writer opened, wrote and checkpointed within one
    kernel clock tick of our stat; opening alone takes longer than that.
    """
    try:
        s = os.stat(path)
    except OSError:
        return None
    try:
        w = os.stat(f"{path}.wal")
        wal = (w.st_size, w.st_mtime_ns)
    except OSError:
        wal = None
    return s.st_size, s.st_mtime_ns, s.st_ino, wal


def _ensure(path: Path) -> None:
    """Build a missing store or rebuild a stale one, once per file version."""
    version = _version(path)
    if version is not None and _VERIFIED.get(str(path)) == version:
        return
    from dashboard.store.build import ensure_store

    spinner = st.spinner(BUILDING) if _current() is not None else contextlib.nullcontext()
    with _GATE.write(), spinner:
        version = _version(path)
        if version is None or _VERIFIED.get(str(path)) != version:  # not done by another thread meanwhile
            # workers=1: no process pool inside the Streamlit server (as for uploads).
            ensure_store(path, articles_dir(), uploads_dir(), workers=1)
            _VERIFIED[str(path)] = _version(path)


def _known_snapshot(path: Path) -> str | None:
    """The snapshot id when the file is the version already verified and hashed, else None."""
    version = _version(path)
    known = _SNAPSHOTS.get(str(path))
    if version is None or _VERIFIED.get(str(path)) != version or not known or known[0] != version:
        return None
    return known[1]


@contextlib.contextmanager
def _open():
    """(read-only connection, snapshot id) for the store, closed on exit."""
    from dashboard.store.db import connect
    from dashboard.store.snapshot import snapshot_id

    path = db_path()
    _ensure(path)
    with _GATE.read():
        con = connect(path, read_only=True, wait=LOCK_WAIT)
        try:
            version = _version(path)  # read while we hold the file: no other process can write it now
            known = _SNAPSHOTS.get(str(path))
            if not known or known[0] != version:
                known = _SNAPSHOTS[str(path)] = (version, snapshot_id(con))
            yield con, known[1]
        finally:
            con.close()


class _Run:
    """One script run's connection: opened on first use, closed by ``close``."""

    def __init__(self) -> None:
        self._stack: contextlib.ExitStack | None = None
        self._con = None
        self.snap: str | None = None

    def connection(self):
        if self._con is None:
            stack = contextlib.ExitStack()
            self._con, snap = stack.enter_context(_open())
            self._stack = stack
            # One snapshot per run, so its cache keys agree. A run that straddles another process's
            # ingest may file new frames under the old id: no later run asks for that id again.
            self.snap = self.snap or snap
        return self._con

    def snapshot(self) -> str:
        if self.snap is None:
            self.snap = _known_snapshot(db_path())
        if self.snap is None:
            self.connection()
        return self.snap

    def close(self) -> None:
        stack, self._stack, self._con = self._stack, None, None
        if stack is not None:
            stack.close()


def _current() -> _Run | None:
    return getattr(_LOCAL, "run", None)


@contextlib.contextmanager
def script_run():
    """Wrap one run of the app's script; a store held by another process becomes a message."""
    if _current() is not None:  # nested: the outer run owns the connection
        yield
        return
    run = _LOCAL.run = _Run()
    try:
        yield
    except StoreInUse:
        st.warning(IN_USE, icon=":material/hourglass_top:")
        st.button("Thử lại / Retry", key="store_retry", icon=":material/refresh:")  # a click reruns
    finally:
        _LOCAL.run = None
        run.close()


@contextlib.contextmanager
def reader():
    """The store: this run's connection, or outside a run one of its own.

    Within a run every query goes through the one connection (the run is one
    thread and each query reads its result whole), so a costly filter that the
    count evaluated into temp tables is read again by the timeline and the table
    (``query.materialise``); a cursor per query had temp tables of its own.
    """
    run = _current()
    if run is None:
        with _open() as (con, _snap):
            yield con.cursor()  # closed with con
        return
    yield run.connection()


def snapshot() -> str:
    """Content id of the store (a new ingest gives a new id)."""
    run = _current()
    if run is not None:
        return run.snapshot()
    known = _known_snapshot(db_path())
    if known is not None:
        return known
    with _open() as (_con, snap):
        return snap


def ingest_files(paths: list[Path]):
    """Ingest ``paths`` into the store (the same ingest as the CLI); returns its ``IngestSummary``."""
    from dashboard.store.ingest import ingest

    run = _current()
    if run is not None:
        run.close()  # this run's own read would block the writer
        run.snap = None  # the rest of the run must not reuse the old snapshot
    path = db_path()
    _ensure(path)  # a stale store is rebuilt whole, not refilled with the uploads alone
    with _GATE.write():
        try:
            summary = ingest([str(p) for p in paths], path, workers=1)
            _VERIFIED[str(path)] = _version(path)  # ingest wrote the current schema
            return summary
        finally:
            st.cache_data.clear()  # the old snapshot's frames are dead weight now
