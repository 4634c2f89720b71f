"""Filtered DataFrames: events, counts, documents, articles.

Every function takes an open DuckDB connection (read-only is fine) and a
``Filter``; all values travel as parameters. List columns (organisations,
documents, people) come back as Python lists, not numpy arrays, so callers can
test them for truth and join them without surprises.
"""
from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import duckdb
import pandas as pd

from dashboard.query.filter import Filter

# Filtered events as a CTE; the list joins below only touch these event ids.
_EVENTS_SQL = """
WITH fe AS (SELECT e.* FROM events e WHERE {where}{limit}),
eo AS (SELECT x.event_id, list(o.name ORDER BY o.name) AS organisations,
              list(coalesce(o.name_en, o.name) ORDER BY o.name) AS organisations_en
       FROM fe JOIN event_organisations x ON x.event_id = fe.event_id
       JOIN organisations o ON o.org_id = x.org_id GROUP BY x.event_id),
ed AS (SELECT x.event_id, list(x.document_id ORDER BY x.document_id) AS document_ids,
              list(coalesce(d.symbol, d.name, x.document_id) ORDER BY x.document_id) AS documents
       FROM fe JOIN event_documents x ON x.event_id = fe.event_id
       LEFT JOIN documents d ON d.document_id = x.document_id GROUP BY x.event_id),
ep AS (SELECT x.event_id, list(p.name ORDER BY p.name) AS people
       FROM fe JOIN event_people x ON x.event_id = fe.event_id
       JOIN people p ON p.person_id = x.person_id GROUP BY x.event_id)
SELECT fe.event_id, fe.article_id, fe.date, fe.date_end, fe.date_start_day, fe.date_end_day,
       fe.precision, fe.date_basis, fe.day_part, fe.kind, fe.title, fe.evidence, fe.ev_start, fe.ev_end,
       a.title AS article_title, a.url AS article_url, a.path AS article_path,
       a.published AS article_published, a.source AS article_source,
       coalesce(eo.organisations, []) AS organisations,
       coalesce(eo.organisations_en, []) AS organisations_en,
       coalesce(ed.documents, []) AS documents, coalesce(ed.document_ids, []) AS document_ids,
       coalesce(ep.people, []) AS people
FROM fe JOIN articles a ON a.article_id = fe.article_id
LEFT JOIN eo ON eo.event_id = fe.event_id
LEFT JOIN ed ON ed.event_id = fe.event_id
LEFT JOIN ep ON ep.event_id = fe.event_id
ORDER BY fe.date_start_day, fe.date_end_day, fe.event_id
"""

LIST_COLUMNS = ("organisations", "organisations_en", "documents", "document_ids", "people")


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list, list_columns=LIST_COLUMNS) -> pd.DataFrame:
    """Run ``sql``; list columns become Python lists straight from Arrow (pandas would
    give numpy arrays, whose truth value raises, and converting those is slower)."""
    # execute() (not sql()) so a caller's unfinished fetchone() result cannot block us;
    # its Arrow output copies the rows once more, which costs less than the lists.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        table = con.execute(sql, params).to_arrow_table()
    lists = [c for c in list_columns if c in table.column_names]
    df = table.drop_columns(lists).to_pandas(date_as_object=False)  # DATE -> datetime64, as .df() gives
    for col in lists:
        df[col] = [v if v is not None else [] for v in table.column(col).to_pylist()]
    return df


def events(con: duckdb.DuckDBPyConnection, f: Filter, limit: int | None = None) -> pd.DataFrame:
    """One row per event matching ``f``, in time order, with article and list columns."""
    where, params = f.where("e")
    if limit is None:
        return _frame(con, _EVENTS_SQL.format(where=where, limit=""), params)
    # The limit goes inside the CTE, so the list joins touch only the rows returned
    # (after it, DuckDB built 100k lists to keep 2,000: ~250 ms of a filter change).
    sql = _EVENTS_SQL.format(where=where, limit=" ORDER BY e.date_start_day, e.date_end_day, e.event_id LIMIT ?")
    return _frame(con, sql, [*params, int(limit)])


def events_light(con: duckdb.DuckDBPyConnection, f: Filter) -> pd.DataFrame:
    """Only what the timeline draws for very large views: no people/document lists,
    one organisation name per event (the first by name) for lanes and colours."""
    where, params = f.where("e")
    sql = f"""
    WITH fe AS (SELECT e.event_id, e.date, e.date_end, e.date_start_day, e.date_end_day, e.precision,
                       e.date_basis, e.kind, e.title FROM events e WHERE {where})
    SELECT fe.*, o.organisations
    FROM fe LEFT JOIN (
        SELECT x.event_id, list(o.name ORDER BY o.name) AS organisations
        FROM event_organisations x JOIN organisations o ON o.org_id = x.org_id
        WHERE x.event_id IN (SELECT event_id FROM fe) GROUP BY x.event_id) o ON o.event_id = fe.event_id
    ORDER BY fe.date_start_day, fe.event_id"""
    return _frame(con, sql, params, ("organisations",))


def event_counts(con: duckdb.DuckDBPyConnection, f: Filter) -> tuple[int, int]:
    """(shown, total): events matching ``f`` and all events."""
    where, params = f.where("e")
    # fetchall, not fetchone: DuckDB 2 refuses new work while a result is unfinished.
    row = con.execute(f"SELECT count(*) FILTER (WHERE {where}), count(*) FROM events e", params).fetchall()[0]
    return int(row[0]), int(row[1])


def filtered_article_ids_sql(f: Filter) -> tuple[str, list]:
    """SQL selecting the article ids of ``articles(con, f)`` (for sub-queries)."""
    where, params = f.article_where("a")
    return f"SELECT a.article_id FROM articles a WHERE {where}", params


def articles(con: duckdb.DuckDBPyConnection, f: Filter) -> pd.DataFrame:
    """Articles matching ``f`` (see ``Filter.article_where``), newest first,
    with the number of their events shown under ``f`` and in total."""
    where, params = f.article_where("a")
    ev_where, ev_params = f.where("e")
    sql = f"""
    SELECT a.article_id, a.path, a.title, a.published, a.published_date, a.url, a.source,
           a.undated, a.inferred_start, a.inferred_end,
           coalesce(n.n_shown, 0) AS n_events, coalesce(n.n_total, 0) AS n_events_total
    FROM articles a
    LEFT JOIN (SELECT e.article_id, count(*) FILTER (WHERE {ev_where}) AS n_shown, count(*) AS n_total
               FROM events e GROUP BY e.article_id) n ON n.article_id = a.article_id
    WHERE {where}
    ORDER BY a.published_date DESC NULLS LAST, a.path"""
    return con.execute(sql, [*ev_params, *params]).df()


def documents(con: duckdb.DuckDBPyConnection, f: Filter) -> pd.DataFrame:
    """Documents cited by the filtered events or mentioned by the filtered articles.

    With a year range, a document also qualifies by its own dates: one whose
    period or issue year overlaps the range and that is mentioned by an article
    matching the rest of the filter (an undated article citing the 2023-2025
    programme has no publication date for the range to test).
    ``n_events`` / ``n_mentions_shown`` / ``n_articles_shown`` count citations
    under ``f``; ``n_mentions`` / ``n_articles`` are corpus totals.
    """
    where, params = f.where("e")
    art_sql, art_params = filtered_article_ids_sql(f)
    own_clause, own_params = _own_dates_clause(f)
    doc_clause, doc_params = "TRUE", []
    if f.docs:
        marks = ", ".join("?" for _ in f.docs)
        doc_clause = f"(d.document_id IN ({marks}) OR d.symbol IN ({marks}))"
        doc_params = list(f.docs) * 2
    sql = f"""
    WITH ce AS (SELECT ed.document_id, count(*) AS n FROM event_documents ed
                WHERE ed.event_id IN (SELECT e.event_id FROM events e WHERE {where}) GROUP BY 1),
    cm AS (SELECT dm.document_id, count(*) AS n, count(DISTINCT dm.article_id) AS n_a
           FROM document_mentions dm WHERE dm.article_id IN ({art_sql}) GROUP BY 1)
    SELECT d.document_id, d.symbol, d.kind, d.number, d.issuer, d.issued, d.issued_day, d.subject,
           d.horizon, d.horizon_year, d.period, d.period_start, d.period_end, d.name,
           coalesce(d.symbol, d.name, d.document_id) AS label,
           d.n_mentions, d.n_articles,
           coalesce(ce.n, 0) AS n_events, coalesce(cm.n, 0) AS n_mentions_shown,
           coalesce(cm.n_a, 0) AS n_articles_shown
    FROM documents d
    LEFT JOIN ce ON ce.document_id = d.document_id
    LEFT JOIN cm ON cm.document_id = d.document_id
    WHERE (ce.n IS NOT NULL OR cm.n IS NOT NULL OR {own_clause}) AND {doc_clause}
    ORDER BY d.issued_day NULLS LAST, label"""
    return con.execute(sql, [*params, *art_params, *own_params, *doc_params]).df()


def _own_dates_clause(f: Filter) -> tuple[str, list]:
    """Predicate on ``d``: its period or issue year overlaps the filter's years and an
    article matching the filter without its years mentions it ("FALSE" without years)."""
    if (f.year_from is None and f.year_to is None) or f.articles_table:
        return "FALSE", []
    art_sql, art_params = filtered_article_ids_sql(replace(f, year_from=None, year_to=None))
    first = "coalesce(d.period_start, year(d.issued_day))"
    last = "coalesce(d.period_end, d.period_start, year(d.issued_day))"
    clauses, params = [], []
    if f.year_to is not None:
        clauses.append(f"{first} <= ?")
        params.append(f.year_to)
    if f.year_from is not None:
        clauses.append(f"{last} >= ?")
        params.append(f.year_from)
    mentioned = f"d.document_id IN (SELECT dm.document_id FROM document_mentions dm WHERE dm.article_id IN ({art_sql}))"
    return "(" + " AND ".join([*clauses, mentioned]) + ")", [*params, *art_params]


@contextmanager
def materialised(con: duckdb.DuckDBPyConnection, f: Filter) -> Iterator[Filter]:
    """Evaluate ``f`` once into temp tables and yield a Filter that reads them.

    ``build_figures`` runs ~8 queries per filter change; with a text search each
    would scan every evidence sentence again. Temp tables are per connection and
    allowed on read-only ones; if they cannot be made, ``f`` itself is yielded.
    """
    if not f.is_costly or f.events_table:
        yield f
        return
    name = "_filter_" + uuid.uuid4().hex[:12]
    where, params = f.where("e")
    a_where, a_params = f.article_where("a")
    try:
        con.execute(f"CREATE TEMP TABLE {name}_e AS SELECT e.event_id FROM events e WHERE {where}", params)
        con.execute(f"CREATE TEMP TABLE {name}_a AS SELECT a.article_id FROM articles a WHERE {a_where}", a_params)
    except duckdb.Error:
        yield f
        return
    try:
        yield replace(f, events_table=f"{name}_e", articles_table=f"{name}_a")
    finally:
        for suffix in ("_e", "_a"):
            try:
                con.execute(f"DROP TABLE IF EXISTS {name}{suffix}")
            except duckdb.Error:  # connection closed meanwhile: temp tables went with it
                pass


def year_bounds(con: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    """First and last year any event covers (for the year slider); None when empty."""
    row = con.execute("SELECT year(min(date_start_day)), year(max(date_end_day)) FROM events").fetchall()[0]
    return None if row[0] is None else (int(row[0]), int(row[1]))
