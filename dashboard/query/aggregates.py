"""SQL aggregations behind the charts: counts are computed by DuckDB, never by
Python loops over events, so a chart costs the same at 100 or 100k events.

An event is counted in the year it starts (a "giai đoạn 2023-2025" event
counts once, in 2023), so the per-year bars add up to the event count.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.query.convert import df
from dashboard.query.filter import Filter
from dashboard.query.frames import article_ids_sql, docs_clause, in_clause
from dashboard.query.materialise import shared


def window_start(f: Filter) -> list:
    """Parameter for ``greatest(e.date_start_day, ?)``: an event spanning into the
    filter's years (a signing inferred as 2022-2023 in a 2023-2025 view) is counted in
    the first year it has inside the window, not in a year the chart does not show."""
    import datetime as dt

    return [dt.date(f.year_from, 1, 1) if f.year_from else dt.date(1, 1, 1)]


def events_per_year(con: duckdb.DuckDBPyConnection, f: Filter) -> pd.DataFrame:
    """Columns year (int), kind, n: events matching ``f`` by start year (clipped to the
    filter's first year) and kind."""
    where, params = shared(con, f).where("e")
    return df(con, f"""
        SELECT year(greatest(e.date_start_day, ?)) AS year, e.kind, count(*) AS n
        FROM events e WHERE {where} GROUP BY ALL ORDER BY year, kind""", [*window_start(f), *params])


def org_year_counts(con: duckdb.DuckDBPyConnection, f: Filter, top: int = 20) -> pd.DataFrame:
    """Columns name, name_en, year, n for the ``top`` organisations with most events under ``f``."""
    where, params = shared(con, f).where("e")
    # Aggregate on the short org_id and join the names last: far less string work.
    return df(con, f"""
        WITH x AS (
            SELECT eo.org_id, year(greatest(e.date_start_day, ?)) AS year
            FROM events e JOIN event_organisations eo ON eo.event_id = e.event_id WHERE {where}),
        t AS (SELECT org_id FROM x GROUP BY org_id ORDER BY count(*) DESC, org_id LIMIT ?),
        c AS (SELECT org_id, year, count(*) AS n FROM x WHERE org_id IN (SELECT org_id FROM t) GROUP BY ALL)
        SELECT o.name, o.name_en, c.year, c.n FROM c JOIN organisations o ON o.org_id = c.org_id
        ORDER BY o.name, c.year""", [*window_start(f), *params, int(top)])


def document_year_counts(con: duckdb.DuckDBPyConnection, f: Filter, top: int = 8) -> pd.DataFrame:
    """Columns document_id, label, year, n: how many filtered articles cite each of
    the ``top`` most-cited documents, by the article's (or its inferred) year."""
    art_clause, art_params = in_clause("dm.article_id", article_ids_sql(shared(con, f)))
    doc_clause, doc_params = docs_clause(f)
    # Distinct (document, article) pairs first, then the article's year (it depends on the
    # article alone), and the documents table consulted only for the per-document totals:
    # the same counts with far less work than joining every mention to its article and
    # document before the DISTINCT.
    return df(con, f"""
        WITH p AS (SELECT DISTINCT dm.document_id, dm.article_id FROM document_mentions dm WHERE {art_clause}),
        x AS (SELECT p.document_id, year(coalesce(a.published_date, a.inferred_start)) AS year
              FROM p JOIN articles a ON a.article_id = p.article_id
              WHERE coalesce(a.published_date, a.inferred_start) IS NOT NULL),
        totals AS (SELECT document_id, count(*) AS n FROM x GROUP BY 1),
        t AS (SELECT document_id FROM totals
              WHERE document_id IN (SELECT d.document_id FROM documents d WHERE {doc_clause})
              ORDER BY n DESC, document_id LIMIT ?)
        SELECT x.document_id, coalesce(d.symbol, d.name, x.document_id) AS label, x.year, count(*) AS n
        FROM x JOIN documents d ON d.document_id = x.document_id
        WHERE x.document_id IN (SELECT document_id FROM t)
        GROUP BY ALL ORDER BY label, x.year""", [*art_params, *doc_params, int(top)])


def org_cooccurrence(con: duckdb.DuckDBPyConnection, f: Filter, top: int = 25) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (name, name_en, n events) and edges (a, b, n shared events) among the
    ``top`` organisations with most events under ``f``."""
    where, params = shared(con, f).where("e")
    rows = df(con, f"""
        WITH x AS (SELECT eo.event_id, eo.org_id FROM events e
                   JOIN event_organisations eo ON eo.event_id = e.event_id WHERE {where}),
        t AS (SELECT org_id, count(*) AS n FROM x GROUP BY org_id ORDER BY n DESC, org_id LIMIT ?),
        xt AS (SELECT x.* FROM x WHERE org_id IN (SELECT org_id FROM t)),
        pairs AS (SELECT x1.org_id AS a, x2.org_id AS b, count(*) AS n FROM xt x1
                  JOIN xt x2 ON x1.event_id = x2.event_id AND x1.org_id < x2.org_id GROUP BY ALL)
        SELECT 'node' AS what, o.name AS a, o.name_en AS b, t.n FROM t JOIN organisations o ON o.org_id = t.org_id
        UNION ALL
        SELECT 'edge', oa.name, ob.name, pairs.n FROM pairs
        JOIN organisations oa ON oa.org_id = pairs.a JOIN organisations ob ON ob.org_id = pairs.b""",
             [*params, int(top)])
    nodes = rows[rows["what"] == "node"].rename(columns={"a": "name", "b": "name_en"})[["name", "name_en", "n"]]
    edges = rows[rows["what"] == "edge"][["a", "b", "n"]]
    nodes = nodes.sort_values(["n", "name"], ascending=[False, True]).reset_index(drop=True)
    edges = edges.sort_values(["n", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)
    return nodes, edges


OTHER_LANE = "~other"  # lane key of the organisations beyond the top ones


def org_names_en(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Organisation name -> English name, for every organisation that has one."""
    return dict(con.execute("SELECT name, name_en FROM organisations WHERE name_en IS NOT NULL").fetchall())


def timeline_bins(con: duckdb.DuckDBPyConnection, f: Filter, lane: str = "organisation",
                  max_lanes: int = 14) -> pd.DataFrame:
    """The timeline of a large view, pre-aggregated by DuckDB.

    One row per (lane_key, is_day, inferred, start, end): day-precision events
    are counted per calendar month (start/end = first/last day of the month);
    coarse events keep their exact span, so a span is never narrowed or widened.
    ``lane_key`` is the organisation name ('' for none; ``OTHER_LANE`` for all
    beyond the ``max_lanes - 1`` busiest) or the kind; ``colour_key`` the bin's
    most frequent kind (organisation lanes) or first organisation by name (kind
    lanes), the smallest on a tie; ``sample`` the bin's first title in sort order.
    Deterministic, like its pandas twin ``charts.timeline_large.bin_events``.
    """
    where, params = shared(con, f).where("e")
    if lane == "kind":
        lanes = """SELECT fe.kind AS lane_id, coalesce(f1.name, '') AS colour_id, fe.*
                   FROM fe LEFT JOIN (SELECT x.event_id, min(o.name) AS name FROM fe
                                      JOIN event_organisations x ON x.event_id = fe.event_id
                                      JOIN organisations o ON o.org_id = x.org_id GROUP BY 1) f1
                   ON f1.event_id = fe.event_id"""
        lane_sql = "lane_id"
        names = "b.lane_id AS lane_key, b.colour_id AS colour_key"
        join = ""
        extra = []
    else:
        lanes = """SELECT coalesce(x.org_id, '') AS lane_id, fe.kind AS colour_id, fe.*
                   FROM fe LEFT JOIN event_organisations x ON x.event_id = fe.event_id"""
        # Only the busiest organisations get a lane of their own; merging the rest
        # here keeps the bins (and the figure) small.
        lane_sql = f"""CASE WHEN lane_id = '' OR lane_id IN (SELECT lane_id FROM top) THEN lane_id
                       ELSE '{OTHER_LANE}' END"""
        names = "coalesce(o.name, b.lane_id) AS lane_key, b.colour_id AS colour_key"
        join = "LEFT JOIN organisations o ON o.org_id = b.lane_id"
        extra = [int(max_lanes) - 1]
    # Counted per (bin, colour) first, so the most frequent colour and its tie-break are explicit
    # (mode() and any_value() gave a different colour or title from run to run).
    return df(con, f"""
        WITH fe AS (SELECT e.event_id, e.kind, e.precision, e.date_basis, e.date_start_day, e.date_end_day,
                           e.title FROM events e WHERE {where}),
        x AS ({lanes}),
        top AS (SELECT lane_id FROM x WHERE lane_id <> '' GROUP BY 1 ORDER BY count(*) DESC, lane_id LIMIT ?),
        bc AS (
            SELECT {lane_sql} AS lane_id, precision = 'day' AS is_day, date_basis = 'inferred' AS inferred,
                   CASE WHEN precision = 'day' THEN CAST(date_trunc('month', date_start_day) AS DATE)
                        ELSE date_start_day END AS start,
                   CASE WHEN precision = 'day' THEN last_day(date_start_day) ELSE date_end_day END AS "end",
                   colour_id, count(*) AS c, min(title) AS sample
            FROM x GROUP BY ALL),
        b AS (
            SELECT lane_id, is_day, inferred, start, "end", sum(c)::BIGINT AS n,
                   first(colour_id ORDER BY c DESC, colour_id) AS colour_id, min(sample) AS sample
            FROM bc GROUP BY ALL)
        SELECT {names}, b.is_day, b.inferred, b.start, b."end", b.n, b.sample
        FROM b {join} ORDER BY b.start, lane_key, b.is_day, b.inferred, b.end""", [*params, *(extra or [1_000_000])])
