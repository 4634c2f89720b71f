"""Building and refreshing the store on start: ``ensure_store(db_path, articles_dir, uploads_dir)``.

The app and the report command call this before opening the store read-only,
so a fresh checkout shows the sample corpus without a separate ingest step, and
a store written under an older schema (which the current code cannot read) is
rebuilt instead of failing on the first query.

Which stores are rebuilt is decided by ``store_status``: only those that ingest
wrote and that say so (a schema fingerprint in ``store_meta``). Hand-made stores
(test fixtures, benchmark stores) carry no fingerprint and are used as they
are: rebuilding would replace their rows with the sample articles.
"""
from __future__ import annotations

from pathlib import Path

from .db import DEFAULT_DB, connect, get_meta, schema_fingerprint

ARTICLES_DIR = Path("data") / "articles"

MISSING, CURRENT, STALE, FOREIGN = "missing", "current", "stale", "foreign"


def store_status(db_path=DEFAULT_DB) -> str:
    """``missing``, ``current`` (ingest wrote it under this schema), ``stale`` (ingest wrote
    it under another schema) or ``foreign`` (no fingerprint: not written by ingest).

    Raises ``StoreInUse`` when another process is writing it.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        return MISSING
    con = connect(db_path, read_only=True)
    try:
        if not _has_meta(con):
            return FOREIGN
        stored = get_meta(con, "schema")
    finally:
        con.close()
    if stored is None:
        return FOREIGN
    return CURRENT if stored == schema_fingerprint() else STALE


def ensure_store(db_path=DEFAULT_DB, articles_dir=ARTICLES_DIR, uploads_dir=None, workers: int | None = None):
    """Ingest the corpus into ``db_path`` when the store is missing or stale.

    The corpus is ``articles_dir``, ``uploads_dir`` (when given and present) and,
    for a stale store, every file its ledger lists that still exists (files a
    user ingested from elsewhere would otherwise vanish from the dashboard).
    The writer's ``connect`` drops the old tables first.

    Returns the ``IngestSummary`` when it built the store, None when the store
    was current or hand-made. Never imports streamlit: callers show the summary.
    """
    db_path = Path(db_path)
    status = store_status(db_path)
    if status == CURRENT and 0 < _parsed_by_older_extractor(db_path) <= AUTO_REPARSE_LIMIT:
        # New parser code (a pull, an upgrade): a small corpus is parsed again so the
        # dashboard never shows what an older extractor found. A large one is left to
        # `python -m dashboard ingest` (minutes of work must not block the first page).
        status = STALE
    if status not in (MISSING, STALE):
        return None
    sources = [Path(articles_dir)]
    if uploads_dir is not None and Path(uploads_dir).is_dir():
        sources.append(Path(uploads_dir))
    if status == STALE:
        sources += _ledger_files(db_path)
    from .ingest import ingest

    # ingest drops repeated paths, so a ledger file inside articles_dir is read once.
    return ingest([s for s in sources if s.exists()], db_path, workers=workers)


#: Most files an app start re-parses by itself after a parser change (~5 ms each).
AUTO_REPARSE_LIMIT = 2000


def _parsed_by_older_extractor(db_path: Path) -> int:
    """How many ledger files an older extractor parsed (0 when unknown)."""
    import duckdb

    from .fingerprint import extractor_fingerprint

    con = connect(db_path, read_only=True)
    try:
        rows = con.execute("SELECT count(*) FROM input_files WHERE extractor IS DISTINCT FROM ?",
                           [extractor_fingerprint()]).fetchall()
    except duckdb.Error:
        return 0
    finally:
        con.close()
    return int(rows[0][0])


def _has_meta(con) -> bool:
    return bool(con.execute("SELECT 1 FROM information_schema.tables "
                            "WHERE table_schema = 'main' AND table_name = 'store_meta'").fetchall())


def _ledger_files(db_path: Path) -> list[Path]:
    """Input files the old store recorded, in path order; [] when its ledger is unreadable."""
    import duckdb

    con = connect(db_path, read_only=True)
    try:
        rows = con.execute("SELECT DISTINCT file_path FROM input_files ORDER BY 1").fetchall()
    except duckdb.Error:  # an old schema may name the ledger differently: samples and uploads still come back
        return []
    finally:
        con.close()
    return [Path(r[0]) for r in rows if r[0] and Path(r[0]).is_file()]
