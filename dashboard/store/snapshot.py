"""A short fingerprint of the store's contents, printed in reports.

Two stores with the same rows have the same ``snapshot_id`` whatever the order
of ingestion; ingestion timestamps and internal bookkeeping are left out so a
rebuilt store keeps its id. Uses DuckDB's row hash, so it is stable for a
given DuckDB version.
"""
from __future__ import annotations

import hashlib

from . import schema

#: Columns that record when or by which code version, not what.
_SKIP = {"ingested_at", "at", "extractor"}


def snapshot_id(con, length: int = 12) -> str:
    """Hex digest of every public table's row count and order-independent row hash."""
    h = hashlib.sha256()
    existing = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    for t in schema.TABLES:
        if t.internal or t.name not in existing:
            continue
        cols = ", ".join(f'"{c.name}"' for c in t.columns if c.name not in _SKIP)
        n, x = con.execute(f'SELECT count(*), bit_xor(hash(struct_pack({cols}))) FROM "{t.name}"').fetchall()[0]
        h.update(f"{t.name}:{n}:{x or 0};".encode())
    return h.hexdigest()[:length]
