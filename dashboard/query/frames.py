"""Filtered DataFrames: events, counts, documents, articles.

Every function takes an open DuckDB connection (read-only is fine) and a
``Filter``; all values travel as parameters. List columns (organisations,
documents, people) come back as Python lists, not numpy arrays, so callers can
test them for truth and join them without surprises. On a read-only connection
a costly filter (text search, organisations, documents) is evaluated once and
shared by the next queries with the same filter (``materialise.shared``).
"""
from __future__ import annotations

from dataclasses import replace

import duckdb
import pandas as pd

from dashboard.query.convert import arrow, df, python_lists
from dashboard.query.filter import Filter
from dashboard.query.materialise import materialised, shared  # noqa: F401 - materialised re-exported

# Filtered events as a CTE; the list joins below only touch these event ids. Lists are
# sorted after aggregating (list_sort of structs keeps the English names and document
# labels in the order of their Vietnamese name / document id; people in the order the article
# names them, which is protocol order, most senior first): an ordered aggregate
# sorted every group and cost a third of the query at 100k events.
_EVENTS_SQL = """
WITH fe AS (SELECT e.* FROM events e WHERE {where}{limit}),
eo AS (SELECT x.event_id, list_sort(list({{'n': o.name, 'e': coalesce(o.name_en, o.name)}})) AS o
       FROM fe JOIN event_organisations x ON x.event_id = fe.event_id
       JOIN organisations o ON o.org_id = x.org_id GROUP BY x.event_id),
ed AS (SELECT x.event_id,
              list_sort(list({{'i': x.document_id, 'l': coalesce(d.symbol, d.name, x.document_id), 'n': d.name}})) AS d
       FROM fe JOIN event_documents x ON x.event_id = fe.event_id
       LEFT JOIN documents d ON d.document_id = x.document_id GROUP BY x.event_id),
ep AS (SELECT x.event_id, list_transform(list_sort(list({{'o': x.position, 'n': p.name}})), lambda y: y.n) AS people
       FROM fe JOIN event_people x ON x.event_id = fe.event_id
       JOIN people p ON p.person_id = x.person_id GROUP BY x.event_id),
rr AS (SELECT r.primary_id AS event_id, count(*) AS n,
              list_sort(list({{'p': a.published, 's': coalesce(a.title, a.source, a.path)}})) AS r
       FROM fe JOIN event_reports r ON r.primary_id = fe.event_id
       JOIN articles a ON a.article_id = r.article_id GROUP BY r.primary_id)
SELECT fe.event_id, fe.article_id, fe.date, fe.date_end, fe.date_start_day, fe.date_end_day,
       fe.precision, fe.date_basis, fe.day_part, fe.kind, fe.title, fe.evidence, fe.ev_start, fe.ev_end,
       a.title AS article_title, a.url AS article_url, a.path AS article_path,
       a.published AS article_published, a.source AS article_source,
       coalesce(list_transform(eo.o, lambda x: x.n), []) AS organisations,
       coalesce(list_transform(eo.o, lambda x: x.e), []) AS organisations_en,
       coalesce(list_transform(ed.d, lambda x: x.l), []) AS documents,
       coalesce(list_transform(ed.d, lambda x: x.i), []) AS document_ids,
       coalesce(list_transform(ed.d, lambda x: x.n), []) AS document_names,
       coalesce(ep.people, []) AS people,
       1 + coalesce(rr.n, 0) AS n_reports,
       coalesce(list_transform(rr.r, lambda x: x.s), []) AS other_reports
FROM fe JOIN articles a ON a.article_id = fe.article_id
LEFT JOIN eo ON eo.event_id = fe.event_id
LEFT JOIN ed ON ed.event_id = fe.event_id
LEFT JOIN ep ON ep.event_id = fe.event_id
LEFT JOIN rr ON rr.event_id = fe.event_id
ORDER BY fe.date_start_day, fe.date_end_day, fe.event_id
"""

LIST_COLUMNS = ("organisations", "organisations_en", "documents", "document_ids", "document_names", "people",
                "other_reports")


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list, list_columns=LIST_COLUMNS) -> pd.DataFrame:
    """Run ``sql``; list columns become Python lists straight from Arrow (pandas would
    give numpy arrays, whose truth value raises, and converting those is slower);
    a missing list (NULL) becomes []."""
    table = arrow(con, sql, params)
    lists = [c for c in list_columns if c in table.column_names]
    df = table.drop_columns(lists).to_pandas(date_as_object=False)  # DATE -> datetime64, as .df() gives
    for col in lists:
        df[col] = python_lists(table.column(col))
    return df


def events(con: duckdb.DuckDBPyConnection, f: Filter, limit: int | None = None) -> pd.DataFrame:
    """One row per event matching ``f``, in time order, with article and list columns."""
    where, params = shared(con, f).where("e")
    if limit is None:
        return _frame(con, _EVENTS_SQL.format(where=where, limit=""), params)
    # The limit goes inside the CTE, so the list joins touch only the rows returned
    # (after it, DuckDB built 100k lists to keep 2,000: ~250 ms of a filter change).
    sql = _EVENTS_SQL.format(where=where, limit=" ORDER BY e.date_start_day, e.date_end_day, e.event_id LIMIT ?")
    return _frame(con, sql, [*params, int(limit)])


# What the detailed timeline draws and says on hover, nothing more: no article
# columns, people or document ids (each join scanned a whole table: ~35% of the query).
_TIMELINE_EVENTS_SQL = """
WITH fe AS (SELECT e.event_id, e.date, e.date_end, e.date_start_day, e.date_end_day, e.precision,
                   e.date_basis, e.day_part, e.kind, e.title, e.evidence FROM events e WHERE {where}),
eo AS (SELECT x.event_id, list_sort(list({{'n': o.name, 'e': coalesce(o.name_en, o.name)}})) AS o
       FROM event_organisations x JOIN organisations o ON o.org_id = x.org_id
       WHERE x.event_id IN (SELECT event_id FROM fe) GROUP BY x.event_id),
ed AS (SELECT x.event_id, list_sort(list({{'i': x.document_id, 'l': coalesce(d.symbol, d.name, x.document_id)}})) AS d
       FROM event_documents x LEFT JOIN documents d ON d.document_id = x.document_id
       WHERE x.event_id IN (SELECT event_id FROM fe) GROUP BY x.event_id),
rr AS (SELECT primary_id AS event_id, count(*) AS n FROM event_reports
       WHERE primary_id IN (SELECT event_id FROM fe) GROUP BY 1)
SELECT fe.*, coalesce(list_transform(eo.o, lambda x: x.n), []) AS organisations,
       coalesce(list_transform(eo.o, lambda x: x.e), []) AS organisations_en,
       coalesce(list_transform(ed.d, lambda x: x.l), []) AS documents, 1 + coalesce(rr.n, 0) AS n_reports
FROM fe LEFT JOIN eo ON eo.event_id = fe.event_id LEFT JOIN ed ON ed.event_id = fe.event_id
LEFT JOIN rr ON rr.event_id = fe.event_id
ORDER BY fe.date_start_day, fe.date_end_day, fe.event_id
"""


def timeline_events(con: duckdb.DuckDBPyConnection, f: Filter) -> pd.DataFrame:
    """The columns of ``events`` that ``charts.timeline`` reads (same rows, order and dtypes)."""
    where, params = shared(con, f).where("e")
    return _frame(con, _TIMELINE_EVENTS_SQL.format(where=where), params,
                  ("organisations", "organisations_en", "documents"))


def event_counts(con: duckdb.DuckDBPyConnection, f: Filter) -> tuple[int, int]:
    """(shown, total): events matching ``f`` and all events."""
    mf = shared(con, f)
    # fetchall, not fetchone: DuckDB 2 refuses new work while a result is unfinished.
    if mf.events_table:  # the ids are distinct: counting them is the count
        row = con.execute(f"SELECT (SELECT count(*) FROM {mf.events_table}), count(*) FROM events").fetchall()[0]
    else:
        where, params = mf.where("e")
        row = con.execute(f"SELECT count(*) FILTER (WHERE {where}), count(*) FROM events e", params).fetchall()[0]
    return int(row[0]), int(row[1])


def event_ids_sql(f: Filter) -> tuple[str | None, list]:
    """SQL selecting the ids of the events matching ``f``; None when every event does
    (a sub-query over all events would only cost a semi-join)."""
    if f.events_table:
        return f"SELECT event_id FROM {f.events_table}", []
    where, params = f.where("e")
    return (None, []) if where == "TRUE" else (f"SELECT e.event_id FROM events e WHERE {where}", params)


def article_ids_sql(f: Filter) -> tuple[str | None, list]:
    """Like ``event_ids_sql`` for the articles matching ``f``."""
    if f.articles_table:
        return f"SELECT article_id FROM {f.articles_table}", []
    where, params = f.article_where("a")
    return (None, []) if where == "TRUE" else (f"SELECT a.article_id FROM articles a WHERE {where}", params)


def in_clause(column: str, ids: tuple[str | None, list]) -> tuple[str, list]:
    """``column IN (ids)``, or TRUE when ``ids`` is every row."""
    sql, params = ids
    return ("TRUE", []) if sql is None else (f"{column} IN ({sql})", params)


def articles(con: duckdb.DuckDBPyConnection, f: Filter) -> pd.DataFrame:
    """Articles matching ``f`` (see ``Filter.article_where``), newest first,
    with the number of their events shown under ``f`` and in total."""
    mf = shared(con, f)
    where, params = mf.article_where("a")
    ev_where, ev_params = mf.where("e")
    sql = f"""
    SELECT a.article_id, a.path, a.title, a.published, a.published_date, a.url, a.source,
           a.undated, a.inferred_start, a.inferred_end,
           coalesce(n.n_shown, 0) AS n_events, coalesce(n.n_total, 0) AS n_events_total
    FROM articles a
    LEFT JOIN (SELECT e.article_id, count(*) FILTER (WHERE {ev_where}) AS n_shown, count(*) AS n_total
               FROM events e GROUP BY e.article_id) n ON n.article_id = a.article_id
    WHERE {where}
    ORDER BY a.published_date DESC NULLS LAST, a.path"""
    return df(con, sql, [*ev_params, *params])


def documents(con: duckdb.DuckDBPyConnection, f: Filter, dated_only: bool = False) -> pd.DataFrame:
    """Documents cited by the filtered events or mentioned by the filtered articles.

    With a year range, a document also qualifies by its own dates: one whose
    period or issue year overlaps the range and that is mentioned by an article
    matching the rest of the filter (an undated article citing the 2023-2025
    programme has no publication date for the range to test).
    ``n_events`` / ``n_mentions_shown`` / ``n_articles_shown`` count citations
    under ``f``; ``n_mentions`` / ``n_articles`` are corpus totals.
    ``dated_only`` keeps the documents a timeline can draw (an issue day, or a
    period), and counts citations for those only. The timeline reads only the few it
    draws, from ``timeline_documents``.
    """
    (own_clause, own_params), (ev_clause, ev_params), (art_clause, art_params), (doc_clause, doc_params) = \
        document_scope(con, f)
    ce_doc, dm_doc = "TRUE", "TRUE"
    if dated_only:
        doc_clause += " AND (d.issued_day IS NOT NULL OR (d.period_start IS NOT NULL AND d.period_end IS NOT NULL))"
        dated = ("SELECT document_id FROM documents WHERE issued_day IS NOT NULL "
                 "OR (period_start IS NOT NULL AND period_end IS NOT NULL)")
        ce_doc, dm_doc = f"ed.document_id IN ({dated})", f"dm.document_id IN ({dated})"
    # n_a counts distinct articles as a second aggregation over (document, article)
    # pairs, which DuckDB runs cheaper than count(DISTINCT ...).
    sql = f"""
    WITH ce AS (SELECT ed.document_id, count(*) AS n FROM event_documents ed WHERE {ev_clause} AND {ce_doc}
                GROUP BY 1),
    pairs AS (SELECT dm.document_id, dm.article_id, count(*) AS n FROM document_mentions dm
              WHERE {art_clause} AND {dm_doc} GROUP BY 1, 2),
    cm AS (SELECT document_id, sum(n)::BIGINT AS n, count(*) AS n_a FROM pairs GROUP BY 1)
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
    return df(con, sql, [*ev_params, *art_params, *own_params, *doc_params])


def document_scope(con: duckdb.DuckDBPyConnection, f: Filter) -> tuple[tuple[str, list], ...]:
    """The (SQL, params) pairs saying which documents ``f`` reaches, shared by ``documents``
    and ``timeline_documents``: own dates (``own_dates_clause``, on ``d``), cited by a
    matching event (on ``ed``), mentioned by a matching article (on ``dm``), and the
    filter's own documents (on ``d``)."""
    # Own dates from the caller's filter: a caller that materialised it gets FALSE there, as before.
    own = own_dates_clause(f)
    mf = shared(con, f)
    return (own, in_clause("ed.event_id", event_ids_sql(mf)), in_clause("dm.article_id", article_ids_sql(mf)),
            docs_clause(f))


def in_document_scope(con: duckdb.DuckDBPyConnection, f: Filter) -> tuple[str, list]:
    """``document_scope`` as one predicate on ``d`` (for a query that needs no citation counts).

    Every document has a mention (documents are built from them), so when no article is
    filtered out every document is reached and the two semi-joins over all mentions are skipped.
    """
    (own, own_p), (ev, ev_p), (art, art_p), (docs, docs_p) = document_scope(con, f)
    if art == "TRUE":
        return docs, docs_p
    return (f"{docs} AND ({own} OR d.document_id IN (SELECT ed.document_id FROM event_documents ed WHERE {ev})"
            f" OR d.document_id IN (SELECT dm.document_id FROM document_mentions dm WHERE {art}))",
            [*docs_p, *own_p, *ev_p, *art_p])


def docs_clause(f: Filter) -> tuple[str, list]:
    """Predicate on ``d``: the document is one the filter names, by id or symbol (TRUE without)."""
    if not f.docs:
        return "TRUE", []
    marks = ", ".join("?" for _ in f.docs)
    return f"(d.document_id IN ({marks}) OR d.symbol IN ({marks}))", list(f.docs) * 2


def own_dates_clause(f: Filter) -> tuple[str, list]:
    """Predicate on ``d``: its period or issue year overlaps the filter's years and an
    article matching the filter without its years mentions it ("FALSE" without years)."""
    if (f.year_from is None and f.year_to is None) or f.articles_table:
        return "FALSE", []
    art_clause, art_params = in_clause("dm.article_id", article_ids_sql(replace(f, year_from=None, year_to=None)))
    first = "coalesce(d.period_start, year(d.issued_day))"
    last = "coalesce(d.period_end, d.period_start, year(d.issued_day))"
    clauses, params = [], []
    if f.year_to is not None:
        clauses.append(f"{first} <= ?")
        params.append(f.year_to)
    if f.year_from is not None:
        clauses.append(f"{last} >= ?")
        params.append(f.year_from)
    # DISTINCT: the hash table of the IN is built from ~30k ids instead of every mention
    # (300k at 100k events), which cost ~15 ms on every filter with years.
    mentioned = f"d.document_id IN (SELECT DISTINCT dm.document_id FROM document_mentions dm WHERE {art_clause})"
    return "(" + " AND ".join([*clauses, mentioned]) + ")", [*params, *art_params]


def year_bounds(con: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    """First and last year the year slider offers; None when the store has nothing dated.

    Every year an event covers, and the years documents were issued or run their
    programmes in: a resolution of 2013 reviewed in 2023 must be reachable with the
    slider (its issue shows on the timeline and in the summary's "issued" column).
    Horizons ("đến năm 2030") are aims, not dated facts, and stay out.
    """
    row = con.execute("""
        SELECT min(lo), max(hi) FROM (
            SELECT year(min(date_start_day)) AS lo, year(max(date_end_day)) AS hi FROM events
            UNION ALL
            SELECT least(min(year(issued_day)), min(period_start)), greatest(max(year(issued_day)), max(period_end))
            FROM documents)""").fetchall()[0]
    return None if row[0] is None else (int(row[0]), int(row[1]))
