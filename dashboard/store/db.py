"""Opening the DuckDB store, creating its tables, and transactions.

The store is derived data (it can always be rebuilt from the articles), so a
store whose schema fingerprint differs from the current declaration is dropped
and recreated by ``connect`` rather than migrated; the next ingest refills it.

DuckDB lets one process write a file, or any number of processes read it, never
both: ``connect`` waits a moment for a holder to let go (the dashboard holds the
file only while a page is being drawn), then raises ``StoreInUse`` with a
message a user can act on.
"""
from __future__ import annotations

import contextlib
import hashlib
import re
import time
from pathlib import Path

import duckdb

from . import schema

DEFAULT_DB = Path("data") / "dashboard.duckdb"
#: Keeps a 100k-article ingest within its memory budget next to the parser workers
#: (measured: 100k texts inserted peak at ~500 MB RSS with 256MB, ~750 MB with 512MB).
MEMORY_LIMIT = "256MB"
#: Checkpoints recompress the open row group (text is FSST-compressed): at the default 16 MB
#: a 100k-article ingest spent twice the CPU on it; 128 MB costs the same as never checkpointing
#: mid-run while keeping the WAL (and the memory holding it) bounded.
CHECKPOINT_THRESHOLD = "128MB"
#: Seconds ``connect`` keeps retrying a file locked by another process: long enough to
#: outlast one page run of the dashboard (tens to hundreds of ms), short enough that a
#: user whose store is held for good hears about it at once.
LOCK_WAIT = 2.0
_LOCK_ERROR = re.compile(r"Could not set lock on file")
_LOCK_PID = re.compile(r"\(PID (\d+)\)")


class StoreInUse(OSError):
    """Another process holds the store's file lock (like EBUSY: the environment, not a bug).

    An ``OSError`` so that any command that does not catch it still prints it
    as one line; ``str()`` is the message to show.
    """

    def __init__(self, db_path, pid: int | None = None):
        self.db_path, self.pid = str(db_path), pid
        who = f"another process (PID {pid}: the dashboard?)" if pid else "another process (the dashboard?)"
        super().__init__(f"the store {db_path} is in use by {who}; stop it or pass --db OTHER_FILE")


def is_lock_error(exc: BaseException) -> bool:
    """True for DuckDB's "Could not set lock on file" (another process has the file)."""
    return isinstance(exc, duckdb.IOException) and bool(_LOCK_ERROR.search(str(exc)))


def schema_fingerprint() -> str:
    return hashlib.sha256("\n".join(schema.create_statements()).encode()).hexdigest()[:16]


def connect(db_path=DEFAULT_DB, read_only: bool = False, wait: float = LOCK_WAIT) -> duckdb.DuckDBPyConnection:
    """Open (and for writers create or upgrade) the store at ``db_path``.

    Raises ``StoreInUse`` when another process still holds the file after ``wait`` seconds.
    """
    db_path = Path(db_path)
    if read_only:
        return _open(db_path, True, wait)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(db_path, False, wait)
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    ensure_schema(con)
    return con


def _open(db_path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=read_only)
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                pid = _LOCK_PID.search(str(exc))
                raise StoreInUse(db_path, int(pid.group(1)) if pid else None) from None
            time.sleep(0.05)


def ensure_schema(con) -> bool:
    """Create missing tables; drop and recreate all when the schema changed. True if recreated."""
    existing = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    recreated = False
    if existing:
        stored = get_meta(con, "schema") if "store_meta" in existing else None
        if stored != schema_fingerprint():
            with transaction(con):
                for name in existing & {t.name for t in schema.TABLES}:
                    con.execute(f'DROP TABLE "{name}"')
            recreated = True
    with transaction(con):
        for stmt in schema.create_statements():
            con.execute(stmt)
        set_meta(con, "schema", schema_fingerprint())
    return recreated


@contextlib.contextmanager
def transaction(con):
    """BEGIN ... COMMIT, or ROLLBACK on any exception (then re-raised)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def get_meta(con, key: str) -> str | None:
    # fetchall: DuckDB 2 refuses further work while a result is only partly fetched.
    rows = con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchall()
    return rows[0][0] if rows else None


def set_meta(con, key: str, value: str | None) -> None:
    """Upsert one store_meta entry (call inside the caller's transaction)."""
    con.execute("DELETE FROM store_meta WHERE key = ?", [key])
    con.execute("INSERT INTO store_meta VALUES (?, ?)", [key, value])


@contextlib.contextmanager
def registered(con, name: str, table):
    """The Arrow ``table`` visible to SQL as ``name`` for the block."""
    con.register(name, table)
    try:
        yield name
    finally:
        con.unregister(name)


def strings(**columns: list):
    """An Arrow table of string columns, typed even when empty (for ``registered``)."""
    import pyarrow as pa

    return pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()})


def insert_rows(con, table: schema.Table, rows: list[tuple]) -> int:
    """Bulk-insert tuples in the table's column order through an Arrow table."""
    if not rows:
        return 0
    import pyarrow as pa

    columns = list(zip(*rows))
    arrow = pa.table({c.name: pa.array(list(col), type=_ARROW[c.type]) for c, col in zip(table.columns, columns)})
    with registered(con, "_insert_rows", arrow):
        con.execute(f'INSERT INTO "{table.name}" SELECT * FROM _insert_rows')
    return len(rows)


def _arrow_types():
    import pyarrow as pa

    return {
        "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string()), "DOUBLE": pa.float64(),
    }


class _LazyTypes(dict):
    # pyarrow is imported on first insert, not when the app merely reads the store.
    def __missing__(self, key):
        self.update(_arrow_types())
        return dict.__getitem__(self, key)


_ARROW = _LazyTypes()
