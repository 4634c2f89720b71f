"""Building the store on first start: ``ensure_store(db_path, articles_dir)``.

The app and the report command call this before opening the store read-only,
so a fresh checkout shows the sample corpus without a separate ingest step.
"""
from __future__ import annotations

from pathlib import Path

from .db import DEFAULT_DB

ARTICLES_DIR = Path("data") / "articles"


def ensure_store(db_path=DEFAULT_DB, articles_dir=ARTICLES_DIR):
    """Ingest ``articles_dir`` into ``db_path`` when the database file is missing.

    Returns the ``IngestSummary`` when it built the store, None when the store
    already existed. Never imports streamlit: callers show the summary.
    """
    db_path = Path(db_path)
    if db_path.exists():
        return None
    from .ingest import ingest

    return ingest([articles_dir], db_path)
