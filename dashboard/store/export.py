"""Exporting every public table of the store to CSV, Parquet or JSON.

Rows are sorted by each table's key so regenerated files diff cleanly, and
ingestion timestamps are left out for the same reason. Tables with an
``article_id`` get provenance columns: ``article_path`` and ``article_url``
(evidence text and offsets are already columns of those tables).
"""
from __future__ import annotations

from pathlib import Path

from . import schema

FORMATS = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)", "json": "(FORMAT json, ARRAY true)"}
_SKIP = {"ingested_at", "at"}


def export_query(table: schema.Table) -> str:
    """The SELECT that produces one exported table, provenance joined in."""
    cols = [f't."{c.name}"' for c in table.columns if c.name not in _SKIP]
    join = ""
    if "article_id" in table.column_names and table.name != "articles":
        cols += ["a.path AS article_path", "a.url AS article_url"]
        join = " LEFT JOIN articles a ON a.article_id = t.article_id"
    order = ", ".join(f't."{k}"' for k in (table.primary_key or table.column_names[:1]))
    return f'SELECT {", ".join(cols)} FROM "{table.name}" t{join} ORDER BY {order}'


def export(con, out_dir, fmt: str = "csv") -> list[Path]:
    """Write one file per public table into ``out_dir``; returns the paths written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in schema.TABLES:
        if table.internal:
            continue
        path = out_dir / f"{table.name}.{fmt}"
        target = str(path).replace("'", "''")
        con.execute(f"COPY ({export_query(table)}) TO '{target}' {FORMATS[fmt]}")
        written.append(path)
    return written
