"""The app's access to the store: cached frames and figures on short-lived connections.

- ``dashboard.app.connection`` opens the store read-only once per script run (on
  first use) and closes it when the run ends, so another process can ingest
  between reruns; ``reader()`` hands out that connection.
- ``st.cache_data`` holds frames and figures keyed on the filter's URL
  parameters, the language and the snapshot id. The snapshot id changes with
  every ingest (ours or another process's), so new data is never hidden behind
  a stale frame.

No SQL and no figure code here: everything is a call into ``dashboard.query``
and ``dashboard.charts``.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import query
# Re-exported: pages and streamlit_app.py reach the connection through this module only.
from dashboard.app.connection import (ROOT, articles_dir, db_path, ingest_files, reader,  # noqa: F401
                                      script_run, snapshot, uploads_dir)
from dashboard.query import Filter


def _q(fn, *args, **kwargs):
    """``fn(cursor, *args)`` on this run's connection (a cache miss is the only time we read)."""
    with reader() as cur:
        return fn(cur, *args, **kwargs)


# -- cached frames: key = filter params (hashable) + snapshot (+ language) ----------
def _key(f: Filter) -> tuple:
    return tuple(sorted((k, tuple(v)) for k, v in f.to_params().items()))


def _filter(key: tuple) -> Filter:
    """The filter ``_key`` was made from: ``Filter.from_params``, except that the unknown kinds
    the sidebar keeps (to say "no match") survive, where the URL reading drops them."""
    params = dict(key)
    return Filter.from_params(params).with_(kinds=params.get("kind", ()))


@st.cache_data(show_spinner=False, max_entries=200)
def _counts(key: tuple, snap: str) -> tuple[int, int]:
    return _q(query.event_counts, _filter(key))


@st.cache_data(show_spinner=False, max_entries=100)
def _events(key: tuple, limit: int | None, snap: str) -> pd.DataFrame:
    return _q(query.events, _filter(key), limit=limit)


@st.cache_data(show_spinner=False, max_entries=100)
def _documents(key: tuple, snap: str) -> pd.DataFrame:
    return _q(query.documents, _filter(key))


@st.cache_data(show_spinner=False, max_entries=100)
def _articles(key: tuple, snap: str) -> pd.DataFrame:
    return _q(query.articles, _filter(key))


@st.cache_data(show_spinner=False, max_entries=100)
def _figures(key: tuple, lang: str, snap: str) -> dict:
    from dashboard.charts.figures import CHART_KEYS, build_figures

    return _q(build_figures, _filter(key), lang, keys=CHART_KEYS)  # the charts page shows no timeline


@st.cache_data(show_spinner=False, max_entries=100)
def _timeline(key: tuple, lane: str, lang: str, snap: str):
    from dashboard.charts.figures import build_timeline

    return _q(build_timeline, _filter(key), lang, lane)


@st.cache_data(show_spinner=False, max_entries=100)
def _summary(key: tuple, snap: str) -> list:
    return _q(query.org_year_summary, _filter(key))


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


def summary(f: Filter) -> list:
    """Per organisation and year: issued, reviewed, signed, other (``query.summary``)."""
    return _summary(_key(f), snapshot())


def timeline(f: Filter, lane: str, lang: str):
    return _timeline(_key(f), lane, lang, snapshot())


# -- cached option lists and single items (depend on the snapshot only) -------------
@st.cache_data(show_spinner=False)
def _org_options(snap: str) -> pd.DataFrame:
    return _q(query.organisation_options)


@st.cache_data(show_spinner=False)
def _person_options(snap: str) -> pd.DataFrame:
    return _q(query.person_options)


@st.cache_data(show_spinner=False)
def _doc_options(snap: str) -> pd.DataFrame:
    return _q(query.document_options)


@st.cache_data(show_spinner=False)
def _year_bounds(snap: str) -> tuple[int, int] | None:
    return _q(query.year_bounds)  # min/max in SQL: the first run used to fetch every event for them


@st.cache_data(show_spinner=False, max_entries=50)
def _document_names(docs: tuple[str, ...], snap: str) -> dict[str, str]:
    return _q(query.document_names, docs)


@st.cache_data(show_spinner=False, max_entries=50)
def _lineage(document_id: str, snap: str) -> pd.DataFrame:
    return _q(query.document_lineage, document_id)


@st.cache_data(show_spinner=False, max_entries=50)
def _article_detail(article_id: str, snap: str) -> dict:
    return _q(query.article_detail, article_id)


@st.cache_data(show_spinner=False)
def _quality(snap: str) -> dict:
    return _q(query.data_quality)


def org_options() -> pd.DataFrame:
    return _org_options(snapshot())


def person_options() -> pd.DataFrame:
    return _person_options(snapshot())


def doc_options() -> pd.DataFrame:
    return _doc_options(snapshot())


def year_bounds() -> tuple[int, int] | None:
    """First and last year covered by any event (None for an empty store)."""
    return _year_bounds(snapshot())


def document_names(docs) -> dict[str, str]:
    """The own names of the filter's documents (``query.document_names``), for the filter sentence."""
    return _document_names(tuple(docs), snapshot()) if docs else {}


def lineage(document_id: str) -> pd.DataFrame:
    return _lineage(document_id, snapshot())


def article_detail(article_id: str) -> dict:
    return _article_detail(article_id, snapshot())


def quality() -> dict:
    return _quality(snapshot())


def search_organisations(text: str) -> list[str]:
    return _q(query.search_organisations, text)


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
