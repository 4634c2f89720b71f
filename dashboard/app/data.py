"""The app's access to the store: one cached connection, cached frames.

- ``st.cache_resource`` holds one read-only DuckDB connection per database path
  (built from the sample articles on first start) and the store's snapshot id.
  Each call hands out ``con.cursor()``: a DuckDB connection must not be shared
  between Streamlit's script threads, a cursor per use is the documented way.
- ``st.cache_data`` holds frames and figures keyed on the filter's URL
  parameters, the language and the snapshot id, so a new ingest (new snapshot)
  can never serve stale frames.

No SQL and no figure code here: everything is a call into ``dashboard.query``
and ``dashboard.charts``.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import query
from dashboard.query import Filter

ROOT = Path(__file__).resolve().parents[2]
# The connection is closed and reopened around an upload's ingest (DuckDB refuses a
# writer while a reader holds the file); the lock keeps two uploads from interleaving.
_WRITE_LOCK = threading.Lock()


def db_path() -> Path:
    return Path(os.environ.get("DASHBOARD_DB") or ROOT / "data" / "dashboard.duckdb")


def articles_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_ARTICLES") or ROOT / "data" / "articles")


def uploads_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_UPLOADS") or ROOT / "data" / "uploads")


# Bilingual: the language switch is drawn after the store is open.
@st.cache_resource(show_spinner="Đang mở kho dữ liệu (lần đầu: phân tích các bài báo mẫu)… / "
                                "Opening the store (first start: parsing the sample articles)…")
def _store(path: str) -> tuple:
    """(read-only connection, snapshot id) for the store at ``path``, built if missing."""
    from dashboard.store.build import ensure_store
    from dashboard.store.db import connect
    from dashboard.store.snapshot import snapshot_id

    ensure_store(path, articles_dir())
    con = connect(path, read_only=True)
    if _stale(con):
        # ADAPTER (ask the store engineer to fold this into ensure_store): a store
        # written under an older schema cannot be read; the writer's connect()
        # recreates it, and the corpus (samples + uploads) is ingested again.
        from dashboard.store.ingest import ingest

        con.close()
        ingest([str(p) for p in (articles_dir(), uploads_dir()) if p.exists()], path, workers=1)
        con = connect(path, read_only=True)
    return con, snapshot_id(con)


def _stale(con) -> bool:
    """True only for a store that ingest wrote under another schema (it says so itself).

    A store without the fingerprint (hand-made test and benchmark stores) is used as
    it is: rebuilding would replace its rows with the sample articles.
    """
    from dashboard.store.db import get_meta, schema_fingerprint

    try:
        stored = get_meta(con, "schema")
    except Exception:  # no store_meta table: not written by ingest
        return False
    return stored is not None and stored != schema_fingerprint()


def connection():
    """The cached read-only connection itself (hand out cursors, never share it)."""
    return _store(str(db_path()))[0]


def con():
    """A cursor on the cached read-only connection (one per use, thread-safe)."""
    return _store(str(db_path()))[0].cursor()


def snapshot() -> str:
    """Fingerprint of the store's contents: part of every cache key below."""
    return _store(str(db_path()))[1]


def ingest_files(paths: list[Path]):
    """Ingest ``paths`` into the store (the same ingest as the CLI), then drop caches.

    Returns the store's ``IngestSummary``. The read-only connection is closed
    first because DuckDB allows one writer and no readers on a file.
    """
    from dashboard.store.ingest import ingest

    with _WRITE_LOCK:
        path = str(db_path())
        try:
            _store(path)[0].close()
        except Exception:  # already closed by another session: nothing to release
            pass
        _store.clear()
        try:
            return ingest([str(p) for p in paths], path, workers=1)
        finally:
            st.cache_data.clear()


# -- cached frames: key = filter params (hashable) + snapshot (+ language) ----------
def _key(f: Filter) -> tuple:
    return tuple(sorted((k, tuple(v)) for k, v in f.to_params().items()))


def _filter(key: tuple) -> Filter:
    # Built back from the params so unknown kinds kept by the sidebar survive the round trip.
    params = dict(key)
    return Filter(orgs=params.get("org", ()), kinds=params.get("kind", ()), docs=params.get("doc", ()),
                  year_from=int(params["from"][0]) if "from" in params else None,
                  year_to=int(params["to"][0]) if "to" in params else None,
                  q=params.get("q", ("",))[0])


@st.cache_data(show_spinner=False, max_entries=200)
def _counts(key: tuple, snap: str) -> tuple[int, int]:
    return query.event_counts(con(), _filter(key))


@st.cache_data(show_spinner=False, max_entries=100)
def _events(key: tuple, limit: int | None, snap: str) -> pd.DataFrame:
    return query.events(con(), _filter(key), limit=limit)


@st.cache_data(show_spinner=False, max_entries=100)
def _documents(key: tuple, snap: str) -> pd.DataFrame:
    return query.documents(con(), _filter(key))


@st.cache_data(show_spinner=False, max_entries=100)
def _articles(key: tuple, snap: str) -> pd.DataFrame:
    return query.articles(con(), _filter(key))


@st.cache_data(show_spinner=False, max_entries=100)
def _figures(key: tuple, lang: str, snap: str) -> dict:
    from dashboard.charts.figures import build_figures

    return build_figures(con(), _filter(key), lang)


@st.cache_data(show_spinner=False, max_entries=100)
def _timeline(key: tuple, lane: str, lang: str, snap: str):
    from dashboard.charts.figures import build_timeline

    return build_timeline(con(), _filter(key), lang, lane)


def counts(f: Filter) -> tuple[int, int]:
    return _counts(_key(f), snapshot())


def events(f: Filter, limit: int | None = None) -> pd.DataFrame:
    """Filtered events in time order; ``limit`` keeps tables light at 100k events."""
    return _events(_key(f), limit, snapshot())


def documents(f: Filter) -> pd.DataFrame:
    return _documents(_key(f), snapshot())


def articles(f: Filter) -> pd.DataFrame:
    return _articles(_key(f), snapshot())


def figures(f: Filter, lang: str) -> dict:
    return _figures(_key(f), lang, snapshot())


def timeline(f: Filter, lane: str, lang: str):
    return _timeline(_key(f), lane, lang, snapshot())


# -- cached option lists and single items (depend on the snapshot only) -------------
@st.cache_data(show_spinner=False)
def _org_options(snap: str) -> pd.DataFrame:
    return query.organisation_options(con())


@st.cache_data(show_spinner=False)
def _doc_options(snap: str) -> pd.DataFrame:
    return query.document_options(con())


@st.cache_data(show_spinner=False)
def _year_bounds(snap: str) -> tuple[int, int] | None:
    ev = query.events_light(con(), Filter())
    if ev.empty:
        return None
    return int(pd.Timestamp(ev["date_start_day"].min()).year), int(pd.Timestamp(ev["date_end_day"].max()).year)


@st.cache_data(show_spinner=False, max_entries=50)
def _lineage(document_id: str, snap: str) -> pd.DataFrame:
    return query.document_lineage(con(), document_id)


@st.cache_data(show_spinner=False, max_entries=50)
def _article_detail(article_id: str, snap: str) -> dict:
    return query.article_detail(con(), article_id)


@st.cache_data(show_spinner=False)
def _quality(snap: str) -> dict:
    return query.data_quality(con())


def org_options() -> pd.DataFrame:
    return _org_options(snapshot())


def doc_options() -> pd.DataFrame:
    return _doc_options(snapshot())


def year_bounds() -> tuple[int, int] | None:
    """First and last year covered by any event (None for an empty store)."""
    return _year_bounds(snapshot())


def lineage(document_id: str) -> pd.DataFrame:
    return _lineage(document_id, snapshot())


def article_detail(article_id: str) -> dict:
    return _article_detail(article_id, snapshot())


def quality() -> dict:
    return _quality(snapshot())


def search_organisations(text: str) -> list[str]:
    return query.search_organisations(con(), text)


# ADAPTER (tell the query engineer): the store keeps no date mentions, so
# ``query.article_detail`` has no date spans to highlight. Until it does, the
# dates are found again by the parser's own date stage over the stored text
# (pure, a few ms per article, cached per snapshot).
@st.cache_data(show_spinner=False, max_entries=50)
def _date_spans(article_id: str, snap: str) -> list[tuple[int, int]]:
    from dashboard.model import Article
    from dashboard.parsing import extract

    detail = _article_detail(article_id, snap)
    if not detail:
        return []
    meta = detail["article"]
    article = Article(path=str(meta.get("path") or ""), text=detail["text"], published=meta.get("published"))
    try:
        return [(m.evidence.start, m.evidence.end) for m in extract(article).dates]
    except Exception:  # highlighting is a nicety: a parser bug must not break the page
        return []


def date_spans(article_id: str) -> list[tuple[int, int]]:
    return _date_spans(article_id, snapshot())
