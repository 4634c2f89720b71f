"""Opening the DuckDB store, creating its tables, and transactions.

The store is derived data (it can always be rebuilt from the articles), so a
store whose schema fingerprint differs from the current declaration is dropped
and recreated by ``connect`` rather than migrated; the next ingest refills it.
"""
from __future__ import annotations

import contextlib
import hashlib
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


def schema_fingerprint() -> str:
    return hashlib.sha256("\n".join(schema.create_statements()).encode()).hexdigest()[:16]


def connect(db_path=DEFAULT_DB, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and for writers create or upgrade) the store at ``db_path``."""
    db_path = Path(db_path)
    if read_only:
        return duckdb.connect(str(db_path), read_only=True)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    ensure_schema(con)
    return con


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


def insert_rows(con, table: schema.Table, rows: list[tuple]) -> int:
    """Bulk-insert tuples in the table's column order through an Arrow table."""
    if not rows:
        return 0
    import pyarrow as pa

    columns = list(zip(*rows))
    arrow = pa.table({c.name: pa.array(list(col), type=_ARROW[c.type]) for c, col in zip(table.columns, columns)})
    con.register("_insert_rows", arrow)
    try:
        con.execute(f'INSERT INTO "{table.name}" SELECT * FROM _insert_rows')
    finally:
        con.unregister("_insert_rows")
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
